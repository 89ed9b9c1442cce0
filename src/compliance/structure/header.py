"""What comes before the body: page chrome, the disclosure-page metadata block (索引号, 发布机构, …) and the title."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import Field, Location
from .fold import fold
from .headings import _NUMBERING

# ---------------------------------------------------------------- page chrome

_CHROME = re.compile(
    # Possessive quantifiers: a long run of spaces must not make this match backtrack (it runs on every line).
    r"^(?!$)\s*+[•·●]?\s*+(?:"
    r"您(?:现在)?(?:所在|当前)?的?位置|当前位置|所在位置|首页\s*>"
    r"|分享到|分享\s*:|浏览量|浏览次数|阅读次数|访问量|点击数|点击量"
    r"|字体\s*[【\[(]|字号\s*[:【\[]|【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]"
    r"|手机扫码|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|上一篇|下一篇|相关链接|今天是\s*:"
    r"|(?:打印|关闭|收藏|返回顶部|\s)++$"
    r"|[•·●\s]*+$"
    r")"
)

# ---------------------------------------------------------------- metadata

# field id -> labels; the first label is the primary one (wins over a later synonym).
METADATA_LABELS: Mapping[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号"),
    "topic": ("主题分类", "信息分类", "主题词", "分类"),
    "publisher": ("发布机构", "发文机关", "发布单位", "信息来源", "来源"),
    "date": ("生成日期", "发布日期", "发布时间", "成文日期", "公开日期", "发文日期"),
    "doc_no": ("文件编号", "发文字号", "文号"),
    "validity": ("有效性",),
    "scope": ("公开范围",),
    "disclosure": ("公开方式", "公开属性", "公开形式"),
}
# Page furniture that shares a line with a metadata value (来源：某厅 【字体：大 中 小】 打印): the value ends there.
# Searched in the folded value (the line's folded text, the same length); what space precedes it is stripped.
_VALUE_CHROME = re.compile(
    r"[【\[]\s*(?:字体|字号|大\s*中\s*小|打印|关闭|收藏)|(?:字体|字号)\s*[【\[:]|分享到|(?<=\s)(?:打印|关闭|收藏)(?:本页|窗口)?\s*$")
# Labels that end a value but carry nothing we keep.
_OTHER_LABELS = ("浏览次数", "浏览量", "访问量", "点击数", "作者", "字号", "责任编辑", "编辑", "时效")
_LABEL_TO_FIELD = {label: field_id for field_id, labels in METADATA_LABELS.items() for label in labels}
_LABELS = sorted([*_LABEL_TO_FIELD, *_OTHER_LABELS], key=len, reverse=True)


def _spaced(label: str) -> str:
    """A label as a pattern that also takes it spaced out to line up a column (索 引 号：, 文　　号：, 有 效 性：)."""
    return r"\s*".join(map(re.escape, label))


_LABEL = re.compile(r"(" + "|".join(map(_spaced, _LABELS)) + r")\s*:")
_METADATA_LINE = re.compile(r"^\s*+[•·●]?\s*+(?:" + "|".join(map(_spaced, _LABELS)) + r")\s*:")
# The metadata as a table a CMS exported to Markdown (| 索引号 | 1133…/2026-00009 | 主题分类 | 教育 |): cells
# alternate label and value. A row counts only when it opens with a label, so that a table of figures does not.
_TABLE_ROW = re.compile(r"^\s*+\|\s*+(?:" + "|".join(map(re.escape, _LABELS)) + r")\s*\|")
# Where the body begins, for metadata tables: a sentence, or a part's heading (一、 （一） 第一部分). A table of
# figures in the body may have a header that happens to name a label (| 分类 | 数量 |, | 主题分类 | 件数 |).
_BODY_HEADINGS = tuple(pattern for style, _, pattern in _NUMBERING if style in ("第一部分", "一、", "（一）"))
# Labels that the text of a report uses too (a table's 来源：县统计局): in the body, a line naming no other is text.
_BODY_WORDS = frozenset({"来源", "分类", "主题词"})
# Fields whose value holds a digit when the row is metadata: a figures table's header holds none (| 发布日期 | 数量 |).
_NUMERIC_FIELDS = frozenset({"index_no", "date"})

# ---------------------------------------------------------------- title

# Townships often title theirs a summary (苇塘乡人民政府2023年法治政府建设工作总结).
_TITLE = re.compile(r"(法治政府|依法行政|法治建设|法治).{0,30}(报告|情况|总结)$|^关于.{2,60}的报告$|报告$")
_ORG_SUFFIX = re.compile(r"(人民政府|政府|办公室|委员会|局|厅|委|办|街道办事处|街道|镇|乡|中心|署|院)$")


@dataclass(slots=True)
class _Header:
    metadata: dict[str, Field]
    skipped: set[int]
    title: str | None = None
    title_location: Location | None = None
    title_lines: tuple[int, ...] = ()


def _parse_metadata_line(line_number: int, line: str, folded: str, found: dict[str, Field]) -> None:
    labels = list(_LABEL.finditer(folded))
    for index, match in enumerate(labels):
        label = _label_key(match.group(1))
        field_id = _LABEL_TO_FIELD.get(label)
        if field_id is None:
            continue
        end = labels[index + 1].start() if index + 1 < len(labels) else len(line)
        value = line[match.end():end]
        if chrome := _VALUE_CHROME.search(folded, match.end(), end):
            value = line[match.end():chrome.start()].rstrip()
        value = value.strip(" \t\u3000\xa0\u2002\u2003•·|")  # &nbsp; pads a portal's info line
        _keep(found, field_id, label, line[match.start(1):match.end(1)], value,  # as written: 繁体 stays
              Location(line=line_number, column=match.start() + 1))


def _label_key(written: str) -> str:
    """A label as the tables know it, however it was written: 索 引 号 and 索引號 are 索引号."""
    return "".join(fold(written).split())


def _keep(found: dict[str, Field], field_id: str, label: str, written: str, value: str, location: Location) -> None:
    """Keep a field's value, under its `label` (folded) `written` so, unless one under a label of higher rank, or a
    value where this one is blank, came first."""
    existing = found.get(field_id)
    rank = METADATA_LABELS[field_id].index(label)
    if existing is None or (not existing.value and value) or \
            METADATA_LABELS[field_id].index(_label_key(existing.label)) > rank:
        found[field_id] = Field(id=field_id, label=written, value=value, location=location)


def _parse_metadata_row(line_number: int, line: str, folded: str, found: dict[str, Field], *, in_body: bool) -> bool:
    """A Markdown table row of metadata, its cells alternating label and value; False (nothing taken) when a
    cell where a label belongs holds something else, as in a table of figures that happens to open with one.
    `in_body`: the row comes after the body began, where only a row that is plainly metadata counts."""
    bars = [index for index, char in enumerate(folded) if char == "|"]
    cells = [(start + 1, end) for start, end in pairwise(bars)]
    labels = [folded[start:end].strip() for start, end in cells[::2]]
    if any(label and label not in _LABEL_TO_FIELD and label not in _OTHER_LABELS for label in labels):
        return False
    if in_body and not _plainly_metadata(labels, [folded[start:end].strip() for start, end in cells[1::2]]):
        return False
    for label, (start, end), value in zip(labels, cells[::2], [*cells[1::2], None]):
        if field_id := _LABEL_TO_FIELD.get(label):
            column = start + len(folded[start:end]) - len(folded[start:end].lstrip())
            _keep(found, field_id, label, line[column:column + len(label)],
                  line[value[0]:value[1]].strip() if value else "", Location(line=line_number, column=column + 1))
    return True


def _plainly_metadata(labels: Sequence[str], values: Sequence[str]) -> bool:
    """A row in the body is metadata only when it pairs two or more fields' labels, each with a value that fits
    it: a table of figures has one label-like header cell (| 分类 | 数量 |) and its other headers are no labels."""
    if len(labels) < 2 or not all(label in _LABEL_TO_FIELD for label in labels):
        return False
    return all(not value or _LABEL_TO_FIELD[label] not in _NUMERIC_FIELDS or any(char.isdecimal() for char in value)
               for label, value in zip(labels, values))


def _scan_header(lines: Sequence[str], folded: Sequence[str]) -> _Header:
    header = _Header(metadata={}, skipped=set())
    in_body = False
    held: list[int] = []  # lines in the body naming only labels its text uses too (来源：): text, unless at the foot
    for number, line in enumerate(folded, start=1):
        if not line:
            continue  # neither chrome, which is never empty, nor metadata
        if _CHROME.match(line):
            header.skipped.add(number)
        elif len(line) < 200 and ":" in line and _METADATA_LINE.match(line):  # label and colon; most lines have none
            if in_body and _says_little(line):
                held.append(number)  # metadata only if the body does not go on after it
            else:
                _parse_metadata_line(number, lines[number - 1], line, header.metadata)
                header.skipped.add(number)
        elif line[0] in "| \t" and _TABLE_ROW.match(line):
            if _parse_metadata_row(number, lines[number - 1], line, header.metadata, in_body=in_body):
                header.skipped.add(number)
        elif not in_body:
            stripped = line.lstrip()
            in_body = "。" in stripped or any(pattern.match(stripped) for pattern in _BODY_HEADINGS)
        else:
            held.clear()
    for number in held:  # the page's foot: 来源：县司法局 after the report
        _parse_metadata_line(number, lines[number - 1], folded[number - 1], header.metadata)
        header.skipped.add(number)
    _find_title(lines, folded, header)
    return header


def _says_little(folded: str) -> bool:
    """Whether a label-and-colon line names only labels that a report's text uses too (来源：县统计局 under a table
    of figures, 分类：…): in the body it is text, not the page's publisher or topic, unless no text follows it.
    A block at a page's foot (索引号：… 发布机构：…, 来源：… 责任编辑：…) names others."""
    return all(_label_key(match.group(1)) in _BODY_WORDS for match in _LABEL.finditer(folded))


def _find_title(lines: Sequence[str], folded: Sequence[str], header: _Header) -> None:
    """The title is a short, unpunctuated line naming a report, before the first body paragraph."""
    seen_text = 0
    for number, line in enumerate(folded, start=1):
        stripped = line.strip()
        if not stripped or number in header.skipped:
            continue
        if len(stripped) > 80 or "。" in stripped:
            seen_text += 1
            if seen_text > 2:
                return
            continue
        if not _TITLE.search(stripped) or any(pattern.match(stripped) for _, _, pattern in _NUMBERING[:4]):
            continue  # a numbered heading (三、……情况) is never the title
        numbers = [number]
        previous = _previous_text_line(folded, header.skipped, number)
        next_ = _next_text_line(folded, header.skipped, number)
        above = folded[previous - 1].strip() if previous else ""
        if previous and len(above) <= 40 and not re.search(r"[。,;:!?]", above) and (
            (stripped.startswith("关于") and _ORG_SUFFIX.search(above))
            or (len(stripped) <= 12 and "法治" not in stripped and re.search(r"年|法治", above))
        ):
            numbers.insert(0, previous)
        elif (
            next_ and not stripped.endswith("报告") and folded[next_ - 1].strip().endswith("报告")
            and len(folded[next_ - 1].strip()) <= 40
        ):
            numbers.append(next_)
        header.title = "".join(lines[n - 1].strip() for n in numbers)
        first = numbers[0]
        indent = len(lines[first - 1]) - len(lines[first - 1].lstrip())
        header.title_location = Location(line=first, column=indent + 1, end_line=numbers[-1])
        header.title_lines = tuple(numbers)
        header.skipped.update(numbers)
        return


def _previous_text_line(folded: Sequence[str], skipped: set[int], number: int) -> int | None:
    for candidate in range(number - 1, max(0, number - 3), -1):
        if folded[candidate - 1].strip() and candidate not in skipped:
            return candidate
    return None


def _next_text_line(folded: Sequence[str], skipped: set[int], number: int) -> int | None:
    for candidate in range(number + 1, min(len(folded), number + 2) + 1):
        if folded[candidate - 1].strip() and candidate not in skipped:
            return candidate
    return None
