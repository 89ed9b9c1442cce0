"""Every user-facing string, in Chinese and English: `text(key, **values)` gives both."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from typing import Any

from .model import Text

MESSAGES: dict[str, tuple[str, str]] = {
    # reading files
    "read.not_found": ("{path}：文件不存在", "{path}: no such file"),
    "read.is_directory": ("{path}：是目录，不是文件", "{path}: is a directory, not a file"),
    "read.permission": ("{path}：没有读取权限", "{path}: permission denied"),
    "read.os_error": ("{path}：无法读取（{reason}）", "{path}: cannot be read ({reason})"),
    "read.too_large": ("{path}：文件大小 {size} 字节，超过上限 {limit} 字节（可用 --max-bytes 调整）",
                       "{path}: {size} bytes is over the limit of {limit} bytes (see --max-bytes)"),
    "read.bad_bom": ("{path}：文件开头标明 {encoding} 编码，但内容无法按此解码",
                     "{path}: the byte-order mark says {encoding}, but the content does not decode as such"),
    "read.binary": ("{path}：不是文本文件（含二进制内容）", "{path}: not a text file (binary content)"),
    "read.truncated": ("{path}：文件末尾有不完整的字符（文件可能被截断），已忽略该字符",
                       "{path}: the file ends inside a character (truncated?); that character was dropped"),
    "read.replaced": ("{path}：有 {count} 处字节无法按 UTF-8 解码，已用 � 代替",
                      "{path}: {count} bytes could not be decoded as UTF-8 and were replaced with �"),
    "read.undecodable": ("{path}：无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）",
                         "{path}: unknown encoding (neither UTF-8 nor GB18030/GBK)"),
    "read.empty": ("{path}：文件为空，没有可检查的内容", "{path}: the file is empty; there is nothing to check"),
    "read.unsupported": ("{path}：不支持的文件类型 {suffix}（支持：{supported}）",
                         "{path}: unsupported file type {suffix} (supported: {supported})"),
    "read.no_suffix": ("{path}：文件名没有后缀，无法判断文件类型（支持：{supported}）",
                       "{path}: the file name has no suffix to tell its type (supported: {supported})"),
    # -- readers for HTML, DOCX, PDF (add keys for those readers here)
    "read.charset_lied": ("{path}：网页声明的编码是 {declared}，实际内容是 {actual}，已按 {actual} 读取",
                          "{path}: the page declares {declared} but its content is {actual}; read as {actual}"),
    "read.unwrapped": (("{path}：文本像是从 PDF 复制来的，每个印刷行各占一行；已把 {lines} 个断行接回段落，"
                        "略去 {furniture} 行页码和页眉。请在原文件中接好段落、删去页码和页眉"),
                       ("{path}: the text looks pasted from a PDF, one printed line per line; {lines} broken lines were "
                        "joined back into their paragraphs and {furniture} page-number and header lines left out. "
                        "Join the paragraphs and delete the page numbers and headers in the file itself")),
    "read.not_docx": ("{path}：不是有效的 Word 文件（.docx）", "{path}: not a valid Word file (.docx)"),
    "read.doc_is_pdf": ("{path}：后缀是 {suffix}，内容其实是 PDF 文件，已按 PDF 读取", "{path}: named {suffix} but really a PDF file; read as such"),
    "read.not_doc": ("{path}：不是可读的 Word 97–2003 文件（.doc）；请用 Word 或 WPS 另存为 .docx 或 PDF 后再检查",
                     "{path}: not a readable Word 97–2003 file (.doc); save it as .docx or PDF in Word or WPS and check that"),
    "read.waiver_bad_until": ("{path}：第 {line} 行豁免注释的 until={until} 不是有效日期（应写作 2026-12-31），该豁免未生效",
                              "{path}: line {line}: the waiver's until={until} is not a valid date (write 2026-12-31); the waiver does not apply"),
    "read.disguised_unreadable": ("{note}，但读取失败：{reason}", "{note}, but that failed: {reason}"),
    "read.not_mhtml": ("{path}：不是有效的单文件网页（.mhtml/.mht）：找不到其中的网页内容",
                       "{path}: not a valid single-file web page (.mhtml/.mht): no HTML part in it"),
    "read.doc_is_docx": ("{path}：后缀是 {suffix}，内容其实是 .docx 格式的 Word 文件，已按 .docx 读取",
                         "{path}: named {suffix} but really a Word 2007+ (.docx) file; read as such"),
    "read.doc_is_html": ("{path}：后缀是 {suffix}，内容其实是网页（HTML），已按网页读取",
                         "{path}: named {suffix} but really a web page (HTML); read as such"),
    "read.doc_is_mhtml": ("{path}：后缀是 {suffix}，内容其实是单文件网页（MHTML），已按单文件网页读取",
                          "{path}: named {suffix} but really a single-file web page (MHTML); read as such"),
    "read.doc_is_word_97": ("{path}：后缀是 {suffix}，内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取",
                            "{path}: named {suffix} but really a Word 97–2003 (.doc) file; read as such"),
    "read.office_not_word": ("{path}：后缀是 {suffix}，内容其实是 Office 文件，但不是 Word 文档（可能是 Excel 表格或 PowerPoint 演示文稿）；请检查是否传错了文件，或把报告另存为 .docx 或 PDF 后再检查",
                             "{path}: named {suffix} but really an Office file that is not a Word document (an Excel sheet or a PowerPoint deck?); check that this is the right file, or save the report as .docx or PDF and check that"),
    "read.doc_is_word_xml": ("{path}：后缀是 {suffix}，内容其实是 Word 2003 XML 文档，已按其读取",
                             "{path}: named {suffix} but really a Word 2003 XML document; read as such"),
    "read.not_word_xml": ("{path}：不是有效的 Word 2003 XML 文档（XML 有误或没有正文）",
                          "{path}: not a valid Word 2003 XML document (broken XML or no body)"),
    "read.doc_is_rtf": ("{path}：后缀是 {suffix}，内容其实是 RTF 文件，已按 RTF 读取",
                        "{path}: named {suffix} but really an RTF file; read as such"),
    "read.not_rtf": ("{path}：不是有效的 RTF 文件（开头不是 {{\\rtf）", "{path}: not a valid RTF file (it does not open with {{\\rtf)"),
    "read.doc_encrypted": ("{path}：Word 文件已加密（设有打开密码），无法读取", "{path}: the Word file is encrypted (password to open); it cannot be read"),
    "read.zip_bomb": ("{path}：解压后超过 {limit} 字节，疑似压缩炸弹，已停止读取",
                      "{path}: inflates to more than {limit} bytes (a zip bomb?); reading stopped"),
    "read.not_regular": ("{path}：不是普通文件（管道、设备等），无法读取", "{path}: not a regular file (a pipe or device); cannot be read"),
    "read.attachment_only": ("{path}：网页正文只是附件链接（{attachments}），报告全文在附件中；请下载附件后再检查",
                             "{path}: the page only links its report as an attachment ({attachments}); download the attachment and check that"),
    "read.not_pdf": ("{path}：不是有效的 PDF 文件（文件损坏或格式不对）", "{path}: not a valid PDF file (damaged or not a PDF)"),
    "read.no_text": ("{path}：PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）",
                     "{path}: no text layer; OCR it first (a scanned PDF?)"),
    "read.pdf_encrypted": ("{path}：PDF 已加密，无法读取", "{path}: the PDF is encrypted and cannot be read"),
    "read.pdf_needs_cryptography": (
        "{path}：PDF 用 AES 加密（多为禁止复制、打印，打开无需密码），读取它需要 cryptography 包：pip install cryptography",
        ("{path}: the PDF is AES-encrypted (usually against copying or printing; it opens without a password); "
         "reading it needs the cryptography package: pip install cryptography")),
    "read.pdf_pages": ("{path}：PDF 有 {pages} 页，超过上限 {limit} 页", "{path}: the PDF has {pages} pages, over the limit of {limit}"),
    # rule packs
    "pack.not_found": ("规则包 {path} 不存在", "rule pack {path} does not exist"),
    "pack.unreadable": ("规则包 {path} 无法读取：{reason}", "rule pack {path} cannot be read: {reason}"),
    "pack.yaml": ("规则包 YAML 语法错误 {where}：{problem}", "rule pack YAML syntax error at {where}: {problem}"),
    "pack.not_mapping": ("规则包 {path} 的顶层必须是映射（id、rules 等键）",
                         "rule pack {path}: the top level must be a mapping (id, rules, …)"),
    "pack.invalid": ("规则包 {path} 有 {count} 处错误：\n{problems}", "rule pack {path} has {count} problem(s):\n{problems}"),
    "pack.extends_missing": ("extends 的 {reference} 既不是内置规则包（{bundled}），也不是文件（{path} 不存在）",
                             "extends {reference}, which is neither a bundled pack ({bundled}) nor a file ({path} does not exist)"),
    "pack.cycle": ("规则包 extends 形成循环：{cycle}", "rule packs extend each other in a cycle: {cycle}"),
    "pack.duplicate": ("规则 id 重复（首次出现在 $.rules[{first}]）", "duplicate rule id (first at $.rules[{first}])"),
    "pack.override_unknown": ("overrides 指向的规则不存在", "the override names no existing rule"),
    "pack.unknown_category": ("类别 {category} 未在 categories 中定义", "category {category} is not defined in categories"),
    # -- packs, profiles, config, waivers (add keys here)
    "rule.not_for_subject": ("不适用于该类主体", "does not apply to this kind of subject"),
    "rule.not_in_force": ("该规则适用于 {period} 年度的报告，本报告为 {year} 年度", "the rule applies to reports for {period}; this one is for {year}"),
    "waiver.applied": ("已豁免：{reason}（{by} 批准，有效期至 {expires}）", "waived: {reason} (granted by {by}, until {expires})"),
    "waiver.inline": ("已豁免：{reason}（文档第 {line} 行的注释，有效期至 {expires}）", "waived: {reason} (comment at line {line} of the document, until {expires})"),
    "waiver.expired": ("豁免已于 {expires} 过期，不再适用（原因：{reason}；{by}）", "the waiver expired on {expires} and no longer applies ({reason}; {by})"),
    "config.invalid": ("配置文件 {path} 有 {count} 处错误：\n{problems}", "configuration {path} has {count} problem(s):\n{problems}"),
    "config.unreadable": ("配置文件 {path} 无法读取：{reason}", "configuration {path} cannot be read: {reason}"),
    "config.yaml": ("配置文件 YAML 语法错误 {where}：{problem}", "configuration YAML syntax error at {where}: {problem}"),
    "setting.not_finite": ("{value} 不是有限的数", "{value} is not a finite number"),
    "config.not_found": ("配置文件 {path} 不存在", "configuration {path} does not exist"),
    "profile.auto": ("按主体类型自动选择（{reason}）", "chosen automatically by subject type ({reason})"),
    "profile.auto_unknown": ("无法判断报告主体类型，使用 {pack}", "could not tell the kind of subject; using {pack}"),
    "profile.named": ("按 --profile 指定使用 {pack}", "using {pack} as given by --profile"),
    "profile.unknown": ("没有名为 {name} 的规则包（可用：{available}）", "no bundled pack named {name} (available: {available})"),
    # subject type
    "subject.from_title": ("标题中的“{name}”表明报告主体是{subject_zh}", "“{name}” in the title makes the subject a {subject_en}"),
    "subject.from_publisher": ("发布机构“{name}”表明报告主体是{subject_zh}",
                               "the publisher “{name}” makes the subject a {subject_en}"),
    # rule kinds
    "part.found": ("找到标题“{heading}”", "found the heading “{heading}”"),
    "part.embedded": ("仅作为第 {level} 级小标题出现：“{heading}”（建议单独成部分）",
                      "only a level-{level} sub-heading: “{heading}” (a part of its own is better)"),
    "part.opening_run": ("没有以“主要举措和成效”等为题的总标题，由开头 {count} 个主题标题组成（“{first}”至“{last}”）",
                         "no heading of its own: the report opens with {count} thematic headings (“{first}” to “{last}”)"),
    "part.in_paragraph": ("没有单独的标题，内容见第 {line} 行段落首句", "no heading of its own; covered by the lead sentence of line {line}"),
    "part.short": ("该部分正文仅 {chars} 字，少于 {min} 字", "the part has only {chars} characters of text (minimum {min})"),
    "part.order": ("顺序不当：出现在第 {line} 行“{other}”之后", "out of order: it comes after “{other}” at line {line}"),
    "part.optional_absent": ("未单列（该部分为可选）", "not present (this part is optional)"),
    "part.missing": ("未找到该部分：没有相应的标题，段落首句中也没有相关表述", "not found: no matching heading, and no paragraph opens with it"),
    "part.missing_similar": ("未找到；最相近的是第 {line} 行的标题“{heading}”（与“{canonical}”相似度 {similarity}%），请确认是否就是该部分并规范标题",
                             "not found; the closest heading is “{heading}” at line {line} ({similarity}% like “{canonical}”): if that is this part, name it plainly"),
    "part.missing_near": ("未找到对应标题；第 {line} 行有相关字样，但不是标题", "no heading found; line {line} mentions it, but not as a heading"),
    "metadata.absent": ("页面信息中没有该项", "the field is not on the page"),
    "metadata.blank": ("“{label}”一栏为空", "“{label}” is blank"),
    "metadata.rejected": ("“{value}”不符合要求", "“{value}” is not acceptable"),
    "metadata.not_in_enum": ("“{value}”不是允许的取值（{allowed}）", "“{value}” is not an allowed value ({allowed})"),
    "metadata.unknown_shape": ("“{value}”格式不常见，请核对", "“{value}” has an unfamiliar shape; please check it"),
    "metadata.ok": ("“{value}”", "“{value}”"),
    "deadline.no_year": ("无法确定报告年度，不检查时限", "the reporting year is unknown; timeliness not checked"),
    "deadline.no_date": ("找不到发布日期，暂不检查时限（发布时须在 {limit} 之前）", "no publication date found; timeliness not checked (publish before {limit})"),
    "deadline.on_time": ("{published} 发布，早于 {limit}", "published {published}, before {limit}"),
    "deadline.late": ("{published} 发布，晚于时限 {limit}（逾期 {days} 天）",
                      "published {published}, after the deadline {limit} ({days} days late)"),
    "years.unknown": ("无法确定报告年度", "the reporting year cannot be determined"),
    "years.title_missing": ("标题未写明年度（据{source}推断为 {year} 年）", "the title names no year ({year} inferred from {source})"),
    "years.title_mismatch": ("标题写的是 {found} 年，但报告不能总结其发布当年；据{source}，报告年度为 {year} 年",
                             "the title names {found}, but a report cannot cover the year it is published in; {source} gives {year}"),
    "years.plan_mismatch": ("工作安排标题写的是 {found} 年，应为 {expected} 年", "the plan heading names {found}; it should be {expected}"),
    "years.published_too_early": ("发布日期 {published} 不晚于报告年度 {year} 年", "published {published}, not after the reporting year {year}"),
    "years.ok": ("报告年度 {year} 年，与标题、工作安排和发布日期一致", "reporting year {year}, consistent with title, plan and publication date"),
    "phrase.no_section": ("文中没有相应部分，不适用", "the document has no such part; not applicable"),
    "phrase.found": ("出现“{found}”", "found “{found}”"),
    "phrase.present": ("出现 {count} 处", "{count} occurrence(s)"),
    "phrase.missing": ("出现 {count} 处，至少应有 {min} 处（{patterns}）", "{count} occurrence(s), at least {min} expected ({patterns})"),
    # -- indicators (add keys here)
    "indicator.found": ("披露数据 {raw}（期望 {range}）", "discloses {raw} (expected {range})"),
    "indicator.found_any": ("披露数据 {raw}", "discloses {raw}"),
    "indicator.negative": ("表述为“{raw}”，计为 0", "stated as “{raw}”, counted as 0"),
    "indicator.statement": ("有相关表述（该指标可不写数字）", "stated in words (a figure is not required)"),
    "indicator.no_figure": ("提到了该指标，但没有给出数字（{units}）", "mentioned, but without a figure ({units})"),
    "indicator.moot": ("报告称没有相关案件（“{raw}”），该指标不适用", "the report says there were no such cases (“{raw}”): not applicable"),
    "indicator.absent": ("报告中没有找到该指标", "the report does not mention this indicator"),
    "indicator.out_of_range": ("数据 {raw} 超出期望范围 {range}", "the figure {raw} is outside the expected range {range}"),
    "indicator.not_expected": ("数据 {raw} 不等于期望值 {range}", "the figure {raw} is not the expected {range}"),
    "indicator.misplaced": ("数据 {raw} 不在应出现的部分", "the figure {raw} is not in the part where it belongs"),
    "percent.out_of_range": ("百分比 {raw} 超出 0–100% 的范围", "the percentage {raw} is outside 0–100%"),
    "rate.not_all_stated": ("未同时给出件数和比率，无需核对", "counts and rate are not all stated; nothing to reconcile"),
    "rate.agrees": ("{numerator} / {denominator} = {computed}%，与所述 {rate} 一致",
                    "{numerator} / {denominator} = {computed}%, consistent with the stated {rate}"),
    "rate.disagrees": ("{numerator} / {denominator} = {computed}%，与所述 {rate} 不符",
                       "{numerator} / {denominator} = {computed}%, which does not match the stated {rate}"),
    "trend.no_previous": ("未提供上一年度报告（--previous），不核对同比数据", "no previous report given (--previous); year-on-year claims not checked"),
    "trend.nothing_to_check": ("没有能与上年数据对应的同比表述", "no year-on-year claim could be matched with last year's figures"),
    "trend.agrees": ("“{claim}”：{subject} {now}，上年 {before}（上年报告第 {line} 行），实际变化 {computed}，一致",
                     "“{claim}”: {subject} {now}, last year {before} (line {line} of last year's report), actual change {computed}: consistent"),
    "trend.disagrees": ("“{claim}”与数据不符：{subject} {now}，上年 {before}（上年报告第 {line} 行），实际变化 {computed}",
                        "“{claim}” does not match the figures: {subject} {now}, last year {before} (line {line} of last year's report), actual change {computed}"),
    "order.not_all_stated": ("未同时给出两项数字，无需核对", "the two figures are not both stated; nothing to compare"),
    "order.ok": ("{lesser} 不超过 {greater}", "{lesser} does not exceed {greater}"),
    "order.carried_over": ("{lesser} 超过 {greater}，但已写明含上年结转（{carried_over}）",
                           "{lesser} exceeds {greater}, but it says it includes cases carried over ({carried_over})"),
    "order.exceeds": ("{lesser} 超过了 {greater}，请核对", "{lesser} exceeds {greater}; please check"),
    # -- quality checks (add keys here)
    "quality.pair_open": ("{mark} 没有闭合：缺少 {other}", "{mark} is never closed: no {other}"),
    "quality.pair_close": ("多出一个 {mark}：前面没有 {other}", "a stray {mark}: no {other} before it"),
    "quality.pair_odd": ("{mark} 的个数为奇数，有一个没有成对", "an odd number of {mark}: one is unpaired"),
    "quality.numbering_separator": ("编号“{number}”后缺少“{separator}”，编号与标题连在一起", "item number {number} lost its “{separator}” and runs into the heading"),
    "quality.numbering_start": ("编号从“{number}”开始，前面的编号缺失", "numbering starts at {number}; earlier items are missing"),
    "quality.numbering_repeat": ("编号“{number}”重复（第 {line} 行已用过）", "item number {number} repeats (already used at line {line})"),
    "quality.numbering_skip": ("编号跳号：“{previous}”之后是“{number}”", "numbering skips: {number} follows {previous}"),
    "quality.numbering_back": ("编号倒退：“{previous}”之后是“{number}”", "numbering goes back: {number} follows {previous}"),
    "quality.missing_numeral": ("量词“{measure}”前缺少数字", "the number before the measure word {measure} is missing"),
    "quality.missing_unit": ("数字“{number}”后缺少单位或标点", "the number {number} lost its unit or punctuation"),
    "quality.missing_unit_fused": ("数字“{number}”后缺少单位和句号，与下一句连在一起", "the number {number} lost its unit and full stop; two sentences run together"),
    "quality.year_without_mark": ("年份“{year}”后缺少“年”和标点", "the year {year} lost its 年 and punctuation"),
    "quality.sentence_end": ("段落结尾缺少句号", "the paragraph ends without a full stop"),
    "quality.years_unknown": ("无法确定报告年度，不检查年份", "the reporting year is unknown; years not checked"),
    "quality.year_slip": ("写的是 {found} 年的工作，报告年度为 {expected} 年", "speaks of {found} as the year of action; the report covers {expected}"),
    "quality.year_slip_plan": ("工作安排写的是 {found} 年，应为 {expected} 年", "the plan speaks of {found}; it should be {expected}"),
    "quality.density": ("{heading}：每千字 {density} 处数据（{count} 处 / {chars} 字）", "{heading}: {density} figures per 1,000 characters ({count} in {chars})"),
    "quality.density_low": ("{heading}：每千字仅 {density} 处数据（{count} 处 / {chars} 字），低于 {min}", "{heading}: only {density} figures per 1,000 characters ({count} in {chars}), below {min}"),
    "quality.personal_id_number": ("含公民身份号码 {masked}", "a citizen ID number {masked}"),
    "quality.personal_mobile": ("含手机号码 {masked}", "a mobile number {masked}"),
    "quality.personal_credit_code": ("含个体工商户（个人）的统一社会信用代码 {masked}", "a personal (individual business) credit code {masked}"),
    "quality.copied_no_previous": ("未提供上一年度报告（--previous），不比较", "no previous report given (--previous); not compared"),
    "quality.copied_no_section": ("没有可比较的部分（工作安排、不足）", "no part to compare (plan, shortcomings)"),
    "quality.copied": ("与上一年度报告第 {line} 行相似度 {similarity}%（{path}）", "{similarity}% similar to line {line} of last year's report ({path})"),
    "quality.copied_compared": ("与上一年度报告比较了 {count} 段（{path}），未发现照搬", "compared {count} paragraphs with last year's report ({path}); none copied"),
    "quality.copied_some": ("与上一年度报告比较了 {count} 段（{path}），其中 {copied} 段照搬", "compared {count} paragraphs with last year's report ({path}); {copied} copied"),
    # scoring and the gate
    "gate.error_failed": ("{count} 项错误级要求未满足", "{count} error-level requirement(s) failed"),
    "gate.below_pass": ("得分 {score} 低于合格线 {threshold}", "score {score} is below the pass mark {threshold}"),
    "gate.severity_failed": ("{count} 项 {severity} 及以上级别的要求未满足", "{count} requirement(s) of severity {severity} or above failed"),
    "gate.no_score": ("没有可评分的规则", "no rule could be scored"),
    "profile.given": ("使用指定的规则包 {pack}", "using the given rule pack {pack}"),
    "profile.default": ("使用默认规则包 {pack}", "using the default rule pack {pack}"),
    # terminal report
    "ui.file": ("文件", "File"),
    "ui.year": ("年度", "Year"),
    "ui.published": ("发布日期", "Published"),
    "ui.publisher": ("发布机构", "Publisher"),
    "ui.subject": ("主体类型", "Subject"),
    "ui.profile": ("规则包", "Rule pack"),
    "ui.profile_reason": ("选用原因", "Why this pack"),
    "ui.grade_capped": ("（有错误级要求未满足，一票否决）", "(capped: an error-level requirement failed)"),
    "ui.score": ("得分", "Score"),
    "ui.verdict": ("结论", "Verdict"),
    "ui.passed": ("通过", "PASSED"),
    "ui.failed": ("未通过", "FAILED"),
    "ui.unknown": ("未识别", "not found"),
    "ui.from": ("据{source}", "from {source}"),
    "ui.category": ("类别", "Category"),
    "ui.weight": ("权重", "Weight"),
    "ui.rules": ("规则数", "Rules"),
    "ui.na": ("不适用", "N/A"),
    "ui.findings": ("需要处理的问题", "Findings to act on"),
    "ui.no_findings": ("没有发现问题。", "No findings."),
    "ui.points": ("扣 {points} 分", "−{points} pts"),
    "ui.basis": ("依据", "Basis"),
    "ui.hint": ("建议", "Fix"),
    "ui.unverified": ("（依据未核实）", " (basis not verified)"),
    "ui.passed_rules": ("已满足的要求（{count} 项）", "Requirements met ({count})"),
    "ui.passed_collapsed": ("已满足 {count} 项要求；加 --verbose 查看每项的依据段落。", "{count} requirements met; add --verbose to see the passage behind each."),
    "ui.not_applicable": ("不适用：{rules}", "Not applicable: {rules}"),
    "ui.gate": ("未通过原因", "Why it failed"),
    "ui.error": ("无法检查", "Could not check"),
    "ui.summary": ("共 {documents} 份：通过 {passed}，未通过 {failed}，无法读取 {errors}，豁免 {waived} 项", "{documents} document(s): {passed} passed, {failed} failed, {errors} unreadable, {waived} finding(s) waived"),
    # One term for what reading noticed, in every view: a reading note (读取提示), not a finding's 提示.
    "ui.reading_note": ("读取提示", "Reading note"),
    "ui.indicators": ("指标数据", "Indicators"),
    "ui.priorities": ("优先处理：改好以下 {count} 项，得分可达 {score}", "Fix these {count} first to reach {score}"),
    "ui.waived": ("已豁免（{count} 项，不计入得分）", "Waived ({count}, not scored)"),
    "ui.indicator": ("指标", "Indicator"),
    "ui.figure": ("数据", "Figure"),
    "ui.last_year": ("上年", "Last year"),
    "ui.where": ("位置", "Where"),
    "ui.target": ("期望", "Expected"),
    "ui.status": ("结果", "Result"),
    "ui.stated": ("有表述", "stated"),
    "engine.more_hits": ("另有 {count} 处同类问题未逐一列出", "{count} more of the same, not listed one by one"),
    "internal.error": ("内部错误，该文件未能检查（{error}；{where}）。请把此信息和文件报告给维护者；设置 COMPLIANCE_DEBUG=1 可查看详情",
                       "internal error; this file was not checked ({error}; {where}). Please report it with the file; set COMPLIANCE_DEBUG=1 for details"),
    "cli.unknown_format": ("未知的输出格式 {name}（可用：{available}）", "unknown output format {name} (available: {available})"),
    "rules.valid": ("{path}：有效（规则包 {pack}，{count} 条规则，{hash}）", "{path}: valid (pack {pack}, {count} rules, {hash})"),
    "rules.unknown_rule": ("规则包 {pack} 中没有规则 {rule}", "pack {pack} has no rule {rule}"),
    "rules.test_summary": ("{passed}/{total} 个示例符合预期", "{passed}/{total} examples behave as expected"),
    "rules.example_pass": ("应满足", "should pass"),
    "rules.example_fail": ("应不满足", "should fail"),
    "ui.id": ("规则", "Rule"),
    "ui.kind": ("类型", "Kind"),
    "ui.severity": ("级别", "Severity"),
    "ui.title": ("名称", "Title"),
    "ui.examples": ("示例", "Examples"),
    "ui.got": ("实际", "Got"),
    "ui.all_subjects": ("全部", "all"),
    "help.description": ("检查法治政府建设年度报告：结构、公开信息、时限、指标，给出评分报告。",
                         "Check annual rule-of-law government reports: structure, metadata, deadline, indicators; print a scored report."),
    "help.check": ("检查一个或多个报告（文件或目录）", "check one or more reports (files or directories)"),
    "help.parse": ("显示工具读到的内容：标题、年度、公开信息、章节结构、数字", "show what the tool read: title, year, metadata, section tree, figures"),
    "help.paths": ("报告文件或目录（目录会递归查找 .txt .md .html .docx .doc .pdf 等文件）",
                   "report files or directories (searched recursively for .txt, .md, .html, .docx, .doc, .pdf, …)"),
    "help.rules": ("规则包：内置名称（national、government、department、township）或 YAML 文件",
                   "rule pack: a bundled name (national, government, department, township) or a YAML file"),
    "help.profile": ("内置规则包的选择：auto（默认，按标题和发布机构判断主体类型）或 {packs}",
                     "which bundled pack: auto (default: by the subject type in title and publisher) or {packs}"),
    "help.format": ("输出格式", "output format"),
    "help.output": ("写入文件而不是标准输出", "write to this file instead of standard output"),
    "help.lang": ("界面语言：zh（默认）或 en", "language of the output: zh (default) or en"),
    "help.verbose": ("列出已满足的要求及其依据段落", "list the requirements met, with the passage behind each"),
    "help.fail_under": ("总分低于该值即不通过（退出码 1）", "fail (exit 1) when the total score is below this"),
    "help.fail_on": ("该级别及以上的问题即不通过；默认 error", "fail on findings of this severity or above; default error"),
    "help.max_bytes": ("单个文件的大小上限（字节），默认 {default}；更大的文件报错（退出码 2）",
                       "largest file to read, in bytes (default {default}); larger files are an input error (exit 2)"),
    "help.previous": ("上一年度的报告（文件），或往年报告所在的文件夹（按发布主体自动配对）：比较指标、核对同比数据、检查是否照搬上年",
                      "last year's report (a file), or a folder of earlier reports paired by issuer: indicator trend, 同比 claims, text copied from last year"),
    "help.jobs": ("并行检查的进程数；默认为本机 CPU 核数，最多为核数的 4 倍", "worker processes checking files in parallel; default: the machine's cores, at most 4 per core"),
    "help.baseline": ("基线文件（JSON）：不存在时记录当前问题；存在时只有新问题才不通过",
                      "baseline file (JSON): recorded when it does not exist; afterwards only new findings fail"),
    "help.no_color": ("不使用颜色", "no colours"),
    "help.width": ("终端报告的宽度（字符）", "width of the terminal report, in characters"),
    "help.config": ("使用该配置文件（默认向上查找 compliance.yaml 或 pyproject.toml 的 [tool.compliance]）",
                    "use this configuration (default: the nearest compliance.yaml or [tool.compliance] in pyproject.toml)"),
    "help.no_config": ("不读取配置文件", "ignore configuration files"),
    "help.rules_command": ("查看、校验、自测规则包", "list, show, validate and self-test rule packs"),
    "help.rules_list": ("列出规则：编号、类型、类别、级别、权重、依据", "list rules: id, kind, category, severity, weight, basis"),
    "help.rules_show": ("显示一条规则的完整内容（参数、示例）", "show one resolved rule with its params and examples"),
    "help.rules_validate": ("校验规则包文件", "validate rule pack files"),
    "help.rules_test": ("运行规则自带的示例（examples）", "run the rules' own examples"),
    "help.rule_id": ("规则编号，如 indicators.court_appearance_rate", "a rule id, e.g. indicators.court_appearance_rate"),
    "help.pack_files": ("要校验的规则包文件（YAML）", "rule pack files (YAML) to validate"),
    "help.usage": ("用法：", "usage: "),
    "help.positionals": ("参数", "positional arguments"),
    "help.options": ("选项", "options"),
    "help.help": ("显示本帮助并退出", "show this help message and exit"),
    "help.version": ("显示版本号并退出", "show program's version number and exit"),
    # -- batch, exports, CI formats (add keys here)
    "cli.binary_needs_output": ("--format {format} 输出二进制文件，请用 --output 指定文件名",
                                "--format {format} writes a binary file: name it with --output"),
    "cli.bad_fail_under": ("--fail-under 必须是 0 到 100 之间的分数，而不是 {score}",
                           "--fail-under must be a score from 0 to 100, not {score}"),
    "cli.bad_width": ("--width 至少为 {minimum}（列），而不是 {width}", "--width must be at least {minimum} (columns), not {width}"),
    "cli.bad_max_bytes": ("--max-bytes 必须是正整数（字节），而不是 {limit}", "--max-bytes must be a positive number of bytes, not {limit}"),
    "cli.bad_jobs": ("--jobs 必须是正整数，而不是 {jobs}", "--jobs must be a positive number, not {jobs}"),
    "baseline.invalid": ("基线文件 {path} 无法使用：{reason}", "baseline file {path} cannot be used: {reason}"),
    "baseline.not_ours": ("基线文件 {path} 不是本工具记录的基线文件（给 --baseline 一个新文件名即可重新记录）",
                          "baseline file {path} is not a baseline this tool recorded (give --baseline a new file name to record one)"),
    "baseline.no_folder": ("无法记录基线 {path}：所在的文件夹不存在", "cannot record the baseline {path}: its folder does not exist"),
    "baseline.unwritable": ("无法记录基线 {path}：{reason}", "cannot record the baseline {path}: {reason}"),
    "baseline.known": ("基线中已有", "in baseline"),
    "progress.checking": ("检查中", "Checking"),
    "progress.rate": ("{rate} 份/秒", "{rate}/s"),
    "batch.heading": ("法治政府建设年度报告检查结果", "Rule-of-law report check"),
    "batch.ranking": ("排名", "Ranking"),
    "batch.top_rules": ("最常见的问题", "Rules failed most often"),
    "batch.categories": ("各类别平均分", "Category averages"),
    "batch.average": ("平均分", "Average"),
    "batch.average_line": ("；平均分 {average}", "; average score {average}"),
    "batch.failed": ("未通过的报告（{count} 份）", "Reports that failed ({count})"),
    "batch.late": ("逾期发布（{count} 份）", "Published late ({count})"),
    "batch.errors": ("无法读取的文件（{count} 个）", "Files that could not be read ({count})"),
    "batch.followups": ("需要跟进", "To follow up"),
    "batch.duplicates": ("可能重复报送（{count} 份）", "Sent more than once? ({count})"),
    "batch.duplicate_of": ("标题、年度、发布机构与 {first} 相同", "same title, year and publisher as {first}"),
    "batch.other_years": ("报告年度与本批多数（{year} 年度）不同（{count} 份）",
                          "On another year than most of the batch ({year}) ({count})"),
    "batch.year_of": ("报告年度为 {year} 年", "reports on {year}"),
    "batch.noted": ("有读取提示的报告（{count} 份，得分以读取到的文本为准）",
                    "Reports with reading notes ({count}; scored on the text as read)"),
    "batch.distribution": ("得分分布", "Score distribution"),
    "batch.details": ("各报告详情", "Reports in detail"),
    "batch.sort_hint": ("点击表头可排序", "click a column heading to sort"),
    "batch.generated": ("由 compliance {version} 生成 · 规则包 {pack}", "Generated by compliance {version} · rule pack {pack}"),
    "batch.no_findings": ("没有需要处理的问题", "Nothing to act on"),
    "ui.yes": ("是", "yes"),
    "ui.no": ("否", "no"),
    "col.rank": ("名次", "#"),
    "col.document": ("报告", "Report"),
    "col.documents": ("份数", "Reports"),
    "col.path": ("文件", "File"),
    "col.title": ("标题", "Title"),
    "col.year": ("年度", "Year"),
    "col.published": ("发布日期", "Published"),
    "col.publisher": ("发布机构", "Publisher"),
    "col.score": ("得分", "Score"),
    "col.grade": ("等级", "Grade"),
    "col.passed": ("通过", "Pass"),
    "col.missing_parts": ("缺少的部分", "Missing parts"),
    "col.late": ("逾期", "Late"),
    "col.figures_missing": ("缺少的指标数据", "Figures missing"),
    "col.failed_rules": ("未满足的规则", "Failed rules"),
    "col.error": ("读取错误", "Error"),
    "col.notes": ("读取提示", "Reading notes"),
    "col.followup": ("跟进事项", "Follow-up"),
    "col.to_fix": ("需要处理", "To fix"),
    "markdown.cut": ("评论已达 GitHub 的长度上限（{limit} 个字符），{left}未列出（未通过的报告优先列出）；完整结果请用 --format html 或 json 输出",
                     "The comment reached GitHub's length limit ({limit} characters): {left} are not shown (failing documents first); use --format html or json for everything"),
    "markdown.cut_rows": ("排名表的另外 {rows} 行", "{rows} more ranking rows"),
    "markdown.cut_followups": ("“需要跟进”中的 {lists}", "the follow-up lists {lists}"),
    "markdown.cut_documents": ("另外 {documents} 份报告的问题详情", "the findings of {documents} more documents"),
    "col.rule": ("规则", "Rule"),
    "col.rule_title": ("要求", "Requirement"),
    "col.category": ("类别", "Category"),
    "col.severity": ("级别", "Severity"),
    "col.status": ("状态", "Status"),
    "col.points": ("扣分", "Points lost"),
    "col.location": ("位置", "Location"),
    "col.detail": ("说明", "Detail"),
    "col.evidence": ("原文", "Evidence"),
    "col.hint": ("建议", "Fix"),
    "col.basis": ("依据", "Basis"),
    "col.baseline": ("基线", "Baseline"),
    "xlsx.summary_sheet": ("汇总", "Summary"),
    "xlsx.findings_sheet": ("问题明细", "Findings"),
    "xlsx.followup_sheet": ("跟进事项", "Follow-up"),
    "cli.no_inputs": ("没有找到可检查的文件：{paths}", "no files to check in: {paths}"),
    "cli.interrupted": ("已中断（Ctrl-C），结果不完整", "interrupted (Ctrl-C); the results are incomplete"),
    "cli.baseline_is_output": ("--baseline 和 --output 是同一个文件 {path}：一个会覆盖另一个；请分别指定",
                               "--baseline and --output name the same file {path}: one would overwrite the other; give each its own"),
    "cli.stdin_waiting": ("正在从标准输入读取报告：粘贴全文后按 Ctrl-D（Windows：Ctrl-Z 回车）结束",
                          "reading a report from standard input: paste it, then press Ctrl-D (Windows: Ctrl-Z, Enter)"),
    "cli.output_is_input": ("--output {path} 也是要检查的报告，写出结果时它会被覆盖；请换一个输出文件名",
                            "--output {path} is also a report to check and would be overwritten; choose another output file"),
    "usage.error": ("错误：{message}", "error: {message}"),
    "usage.invalid_choice": ("{argument} 不能取 {value}（可选：{choices}）", "argument {argument}: invalid choice: {value} (choose from {choices})"),
    "usage.invalid_int": ("{argument} 需要整数，而不是 {value}", "argument {argument}: invalid int value: {value}"),
    "usage.invalid_float": ("{argument} 需要数字，而不是 {value}", "argument {argument}: invalid float value: {value}"),
    "usage.expected_value": ("{argument} 后面缺少值", "argument {argument}: expected one argument"),
    "usage.required": ("缺少参数：{arguments}", "the following arguments are required: {arguments}"),
    "usage.unrecognized": ("无法识别的参数：{arguments}", "unrecognized arguments: {arguments}"),
    "cli.output_no_folder": ("无法写出结果 {path}：所在的文件夹不存在", "cannot write the output {path}: its folder does not exist"),
    "cli.output_is_folder": ("无法写出结果 {path}：这是文件夹，请给出文件名", "cannot write the output {path}: it is a folder; give a file name"),
    "cli.output_permission": ("无法写出结果 {path}：没有写入权限", "cannot write the output {path}: permission denied"),
    "cli.output_disk_full": ("无法写出结果 {path}：磁盘已满", "cannot write the output {path}: the disk is full"),
    "cli.output_error": ("无法写出结果：{reason}", "cannot write the output: {reason}"),
    "parse.facts": ("基本信息", "Facts"),
    "parse.encoding": ("格式与编码", "Format and encoding"),
    "parse.metadata": ("公开信息", "Metadata"),
    "parse.blank": ("（空）", "(blank)"),
    "parse.sections": ("章节结构（行号范围）", "Sections (line ranges)"),
    "parse.no_separator": ("缺少分隔符", "separator missing"),
    "parse.quantities": ("数字（{count} 处）", "Quantities ({count})"),
    "subject.government": ("政府", "government"),
    "subject.department": ("政府部门", "government department"),
    "subject.township": ("乡镇（街道）", "township / street"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "status.pass": ("满足", "pass"),
    "status.fail": ("未满足", "fail"),
    "status.partial": ("部分满足", "partial"),
    "status.waived": ("已豁免", "waived"),
    "status.not_applicable": ("不适用", "n/a"),
    "source.title": ("标题", "the title"),
    "source.plan_heading": ("工作安排标题", "the plan heading"),
    "source.opening": ("首段", "the opening paragraph"),
    "source.published": ("发布日期", "the publication date"),
    "source.signature": ("落款日期", "the signature date"),
    "source.modified": ("文件的修改日期（页面和正文均无发布日期）", "the file's modified date (no publication date on the page or in the text)"),
    "source.created": ("文件的创建日期（页面和正文均无发布日期）", "the file's creation date (no publication date on the page or in the text)"),
}


def _fstring(template: str) -> str | None:
    """`template` as Python source that fills it from a dict `values` with f-strings, or None when one of its
    fields is more than a name (an index, a format spec): those stay with str.format."""
    pieces = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if literal:
            pieces.append(repr(literal))
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            return None
        pieces.append(f'f"{{values[{field!r}]}}"')  # format(value, ""), as str.format does; KeyError when missing
    return " ".join(pieces) or "''"


def _filler(key: str) -> Callable[[dict[str, Any]], Text]:
    """The message `key` as a function of its values, both languages compiled into f-strings.

    str.format reads its template again on every call; a report's ~80 findings and hits each fill one.
    A message without fields is one Text, shared: Texts are immutable.
    """
    zh, en = MESSAGES[key]
    if not any(brace in zh + en for brace in "{}"):
        fixed = Text(zh, en)
        return lambda values: fixed
    sources = _fstring(zh), _fstring(en)
    if None in sources:
        return lambda values: Text(zh.format_map(values), en.format_map(values))
    return eval(f"lambda values: Text({sources[0]}, {sources[1]})", {"Text": Text})  # our own templates, no user input


_FILLERS: dict[str, Callable[[dict[str, Any]], Text]] = {}  # by message key, compiled on first use


# What a terminal obeys in the text it is given: ESC opens colours, cursor moves and clears, the window's
# title, OSC 52 writes to the clipboard; \x9b is CSI to some terminals. A report, its file name and a pack
# are untrusted input.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(message: str) -> str:
    """`message` with each terminal control shown escaped (\\x1b), for a line said on standard error."""
    return TERMINAL_CONTROLS.sub(lambda control: repr(control[0])[1:-1], message)


def colon(lang: str) -> str:
    """The colon between a label and its value: full-width in Chinese text."""
    return "：" if lang == "zh" else ": "


def text(key: str, **values: Any) -> Text:
    """The message `key` in both languages, with `values` filled in."""
    fill = _FILLERS.get(key)
    if fill is None:
        fill = _FILLERS[key] = _filler(key)
    return fill(values)


def text_with(key: str, texts: dict[str, Text], **values: Any) -> Text:
    """Like `text`, with some values themselves in both languages (each language takes its own)."""
    zh, en = MESSAGES[key]
    return Text(zh=zh.format(**values, **{k: t.zh for k, t in texts.items()}),
                en=en.format(**values, **{k: t.en for k, t in texts.items()}))


def without_path(message: str, path: str) -> str:
    """A message without the file name it opens with: every view names the file in a place of its own,
    and in a narrow column the name repeated hid the reason ("/srv/batch/空白报… ")."""
    for separator in ("：", ": "):
        if message.startswith(path + separator):
            return message[len(path) + len(separator):]
    return message
