"""HTML, DOCX and PDF readers: the seed in every format reads the same; what each reader keeps and drops."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED

from compliance import check_file, engine, profiles
from compliance.errors import DocumentError
from compliance.readers import READERS, read_document
from compliance.structure import build, fold

FORMATS = ["xihu-2021.html", "xihu-2021.docx", "xihu-2021.pdf", "xihu-2021-traditional.txt"]


def _summary(path: Path) -> dict:
    report = check_file(path)
    document = report.document
    return {
        "title": fold(document.title or ""),
        "year": document.year,
        "published": document.published,
        "subject": document.subject,
        "metadata": {key: fold(field.value) for key, field in document.metadata.items()},
        "parts": {f.rule_id: f.status for f in report.findings if f.rule_id.startswith("parts.")},
        "headings": [fold(section.heading) for section in document.sections],
        "score": report.score.total,
        "passed": report.passed,
    }


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_of_the_seed_reads_as_the_text_does(name: str) -> None:
    assert _summary(SAMPLES / name) == _summary(SEED)


def test_formats_are_registered_by_suffix() -> None:
    assert {".html", ".htm", ".docx", ".pdf"} <= set(READERS)


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<meta name="ArticleTitle" content="青岚区司法局2023年度法治政府建设情况报告">
<meta name="PubDate" content="2024-03-05 10:12"><meta name="ContentSource" content="青岚区司法局">
<title>青岚区司法局2023年度法治政府建设情况报告_青岚区人民政府</title>
<style>.x {{ color: red }}</style><script>var tracker = "一、不是标题";</script></head>
<body><div class="top-nav"><a>首页</a><a>政务公开</a></div>
<div class="position">当前位置：<a>首页</a> &gt; <a>法治政府</a></div>
<div class="article"><h2>青岚区司法局2023年度法治政府建设情况报告</h2>
<div class="share-bar">分享到：<a>微信</a></div>
<p>　　2023年，我局深入学习贯彻习近平法治思想。</p>
<p><b>一、</b>主要举措和成效</p><p>全年办理行政复议案件<span>39</span>件。</p>
<table><tr><td><p>布局表格里的段落一。</p><p>布局表格里的段落二。</p></td></tr></table>
</div><div id="footer">主办：青岚区人民政府 网站标识码 3601000001</div>
<script>document.write("二、也不是标题")</script></body></html>"""


def _page(tmp_path: Path, content: str, *, encoding: str = "utf-8", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def test_html_keeps_the_article_and_drops_furniture(tmp_path: Path) -> None:
    source = read_document(_page(tmp_path, PAGE.format(charset="utf-8")))
    assert source.lines == (
        "青岚区司法局2023年度法治政府建设情况报告",
        "2023年，我局深入学习贯彻习近平法治思想。",
        "一、主要举措和成效",
        "全年办理行政复议案件39件。",
        "布局表格里的段落一。",
        "布局表格里的段落二。",
    )
    assert source.facts["PubDate"] == "2024-03-05 10:12" and source.format == "html"


def test_html_meta_tags_are_fallbacks_for_date_and_subject(tmp_path: Path) -> None:
    page = PAGE.format(charset="utf-8").replace("<h2>青岚区司法局2023年度法治政府建设情况报告</h2>", "")
    document = build(read_document(_page(tmp_path, page)))
    assert document.title == "青岚区司法局2023年度法治政府建设情况报告"  # from ArticleTitle
    assert (document.published.isoformat(), document.published_source) == ("2024-03-05", "PubDate")
    assert document.subject == "department" and not document.metadata  # ContentSource, not a page field


def test_html_metadata_table_with_th_labels(tmp_path: Path) -> None:
    page = ("<table class='xxgk'><tr><th>索引号</th><td>11360100MB1234567X/2024-00012</td><th>发布机构</th>"
            "<td>青岚区司法局</td></tr><tr><th>公开方式：</th><td>主动公开</td><th>文号</th><td></td></tr></table>"
            "<h1>青岚区司法局2023年度法治政府建设情况报告</h1><p>2023年，我局坚持依法行政。</p>")
    document = build(read_document(_page(tmp_path, page)))
    values = {key: field.value for key, field in document.metadata.items()}
    assert values == {"index_no": "11360100MB1234567X/2024-00012", "publisher": "青岚区司法局",
                      "disclosure": "主动公开", "doc_no": ""}
    assert document.metadata["publisher"].location.line == 1  # one line per table row


def test_html_metadata_as_a_definition_list_and_hidden_copies(tmp_path: Path) -> None:
    page = ("<dl class='info'><dt>索引号</dt><dd>A25110--2024-0007</dd><dt>主题分类：</dt><dd></dd>"
            "<dt>发布机构</dt><dd>青岚区司法局</dd></dl><h1>青岚区司法局2023年度法治政府建设情况报告</h1>"
            "<div style='DISPLAY: none'>一、隐藏的旧版正文</div><p hidden>二、也不显示</p><p>2023年，我局坚持依法行政。</p>")
    source = read_document(_page(tmp_path, page))
    assert source.lines == ("索引号：A25110--2024-0007", "主题分类：", "发布机构：青岚区司法局",
                            "青岚区司法局2023年度法治政府建设情况报告", "2023年，我局坚持依法行政。")
    values = {key: field.value for key, field in build(source).metadata.items()}
    assert values == {"index_no": "A25110--2024-0007", "topic": "", "publisher": "青岚区司法局"}


def test_html_in_gbk_as_declared(tmp_path: Path) -> None:
    source = read_document(_page(tmp_path, PAGE.format(charset="gb2312"), encoding="gbk"))
    assert source.encoding == "gb18030" and source.lines[0] == "青岚区司法局2023年度法治政府建设情况报告"
    assert not source.warnings


@pytest.mark.parametrize(("declared", "actual", "read_as"), [("gb2312", "utf-8", "utf-8"), ("utf-8", "gbk", "gb18030")])
def test_html_whose_charset_declaration_lies(tmp_path: Path, declared: str, actual: str, read_as: str) -> None:
    source = read_document(_page(tmp_path, PAGE.format(charset=declared), encoding=actual))
    assert source.encoding == read_as and source.lines[2] == "一、主要举措和成效"
    assert declared in source.warnings[0].en and read_as in source.warnings[0].zh


def test_html_unclosed_list_items_in_the_menu_do_not_swallow_the_article(tmp_path: Path) -> None:
    menu = "<ul class='menu'>" + "".join(f"<li><a href='/c{i}'>栏目{i}</a>" for i in range(300)) + "</ul>"
    page = f"<body><div class='nav'>{menu}</div><h1>青岚区2023年度法治政府建设情况报告</h1><p>一、主要举措和成效</p></body>"
    assert read_document(_page(tmp_path, page)).lines == ("青岚区2023年度法治政府建设情况报告", "一、主要举措和成效")


def test_html_pre_keeps_its_lines(tmp_path: Path) -> None:
    source = read_document(_page(tmp_path, "<pre>一、主要举措和成效\n全年办结案件39件。</pre>"))
    assert source.lines == ("一、主要举措和成效", "全年办结案件39件。")


def test_html_table_whose_cells_hold_a_paragraph_each_reads_a_row_a_line(tmp_path: Path) -> None:
    # Word, and the sites' editors a table is pasted into, wrap every cell's text in a <p> (some in a <div> too).
    rows = (("指标", "数量"), ("行政复议案件受理数", "52件"), ("行政复议案件审结数", "49件"), ("行政应诉案件", "64件"))
    table = "".join(f'<tr><td><p><span>{name}</span></p></td><td><div><p align="center">{value}</p></div></td></tr>'
                    for name, value in rows)
    page = ("<div class='TRS_Editor'><h1>青岚区司法局2023年度法治政府建设情况报告</h1><p>一、主要举措和成效</p>"
            f"<p>全年主要数据见下表。</p><table>{table}</table></div>")
    path = _page(tmp_path, page)
    assert read_document(path).lines[3:] == ("指标  数量", "行政复议案件受理数  52件", "行政复议案件审结数  49件",
                                             "行政应诉案件  64件")
    statuses = {finding.rule_id: finding.status for finding in check_file(path).findings}
    assert statuses["indicators.reconsideration_received"] == statuses["indicators.litigation_cases"] == "pass"


# ---------------------------------------------------------------- DOCX

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(tmp_path: Path, body: str, *, numbering: str | None = None, core: str | None = None,
          prolog: str = "", name: str = "report.docx", styles: str | None = None) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        package.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W_NS}><w:body>{body}</w:body></w:document>')
        if numbering:
            package.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        if styles:
            package.writestr("word/styles.xml", f"<w:styles {W_NS}>{styles}</w:styles>")
        if core:
            package.writestr("docProps/core.xml", core)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def _p(content: str, num: tuple[int, int] | None = None) -> str:
    props = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f"<w:p>{props}<w:r><w:t>{content}</w:t></w:r></w:p>"


NUMBERING = """<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>"""


def test_docx_automatic_numbering_becomes_the_section_tree(tmp_path: Path) -> None:
    body = "".join([
        _p("青岚区2023年度法治政府建设情况报告"),
        _p("主要举措和成效", (7, 0)), _p("坚持依法决策", (7, 1)), _p("全年审查规范性文件12件。", (7, 2)),
        _p("全年办理行政复议案件39件。", (7, 2)), _p("严格规范执法", (7, 1)),
        _p("存在的不足和原因", (7, 0)), _p("2024年工作安排", (7, 0)),
    ])
    source = read_document(_docx(tmp_path, body, numbering=NUMBERING))
    assert source.lines[1:6] == ("一、 主要举措和成效", "（一） 坚持依法决策", "1. 全年审查规范性文件12件。",
                                 "2. 全年办理行政复议案件39件。", "（二） 严格规范执法")
    document = build(source)
    assert [(s.number, s.heading) for s in document.sections] == [
        ("一", "主要举措和成效"), ("二", "存在的不足和原因"), ("三", "2024年工作安排")]
    assert [s.heading for s in document.sections[0].children] == ["坚持依法决策", "严格规范执法"]


def test_docx_table_rows_are_lines_and_core_dates_are_only_a_fallback(tmp_path: Path) -> None:
    table = ("<w:tbl><w:tr><w:tc>" + _p("发布机构：") + "</w:tc><w:tc>" + _p("青岚区司法局") + "</w:tc></w:tr>"
             "<w:tr><w:tc>" + _p("项目") + "</w:tc><w:tc>" + _p("数量") + _p("（件）") + "</w:tc></w:tr></w:tbl>")
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:modified>2024-03-02T08:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")
    body = table + _p("青岚区司法局2023年度法治政府建设情况报告") + _p("2023年，我局坚持依法行政。")
    source = read_document(_docx(tmp_path, body, core=core))
    assert source.lines[:2] == ("发布机构：  青岚区司法局", "项目  数量 （件）")
    document = build(source)
    assert document.metadata["publisher"].value == "青岚区司法局"
    assert (document.published.isoformat(), document.published_source) == ("2024-03-02", "modified")
    signed = build(read_document(_docx(tmp_path, body + _p("2024年3月1日"), core=core, name="signed.docx")))
    assert (signed.published.isoformat(), signed.published_source) == ("2024-03-01", "signature")


def test_numbered_paragraphs_in_docx_cells_are_drawn_and_counted_with_their_list(tmp_path: Path) -> None:
    # A part laid out in a table, as some reports are: Word draws the cells' numbers and counts them with the
    # list, so the sub-heading after the table is （三）. Before, the cells had no number and it read （二）.
    table = ("<w:tbl><w:tr><w:tc>" + _p("严格规范公正文明执法", (7, 1)) + _p("全年办理行政处罚案件326件。", (7, 2))
             + "</w:tc><w:tc>" + _p("全年受理行政复议案件52件。", (7, 2)) + "</w:tc></w:tr></w:tbl>")
    body = "".join([_p("青岚区2023年度法治政府建设情况报告"), _p("主要举措和成效", (7, 0)), _p("坚持依法决策", (7, 1)),
                    table, _p("深化法治宣传教育", (7, 1)), _p("存在的不足和原因", (7, 0))])
    source = read_document(_docx(tmp_path, body, numbering=NUMBERING))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "一、 主要举措和成效", "（一） 坚持依法决策",
                            "（二） 严格规范公正文明执法 1. 全年办理行政处罚案件326件。  2. 全年受理行政复议案件52件。",
                            "（三） 深化法治宣传教育", "二、 存在的不足和原因")
    # The numbered cell is a sub-heading of the part (its row one line); the sub-headings count on unbroken.
    assert [child.number for child in build(source).sections[0].children] == ["一", "二", "三"]


def test_a_line_break_inside_a_docx_cell_keeps_the_row_on_one_line(tmp_path: Path) -> None:
    cell = '<w:p><w:r><w:t>行政复议</w:t><w:br/><w:t>受理39件</w:t></w:r></w:p>'
    table = "<w:tbl><w:tr><w:tc>" + _p("项目") + "</w:tc><w:tc>" + cell + "</w:tc></w:tr></w:tbl>"
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + table))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "项目  行政复议 受理39件")


def test_a_damaged_core_properties_part_costs_the_file_dates_not_the_report(tmp_path: Path) -> None:
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("2023年，我局坚持依法行政。")
    source = read_document(_docx(tmp_path, body, core="<cp:coreProperties><unclosed>"))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "2023年，我局坚持依法行政。")
    assert source.facts == {}


@pytest.mark.parametrize("part", ["numbering", "styles"])
def test_a_damaged_numbering_or_styles_part_costs_the_numbers_not_the_report(tmp_path: Path, part: str) -> None:
    # As a damaged list or style table of a .doc does: before, the report was refused as no Word file.
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (7, 0)) + _p("全年受理行政复议案件39件。")
    parts = {"numbering": NUMBERING, "styles": ""}
    parts[part] += "<unclosed>"
    source = read_document(_docx(tmp_path, body, numbering=parts["numbering"], styles=parts["styles"]))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告",
                            "主要举措和成效" if part == "numbering" else "一、 主要举措和成效", "全年受理行政复议案件39件。")


def test_a_list_starting_below_zero_is_numbered_not_refused(tmp_path: Path) -> None:
    numbering = NUMBERING.replace('<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>',
                                  '<w:start w:val="-20"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>')
    assert numbering != NUMBERING
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (7, 0)),
                                 numbering=numbering))
    assert source.lines[1] == "-20、 主要举措和成效"


@pytest.mark.parametrize("start", ["9" * 4300, "9" * 40, "2147483648"], ids=["4300-digits", "40-digits", "2-to-the-31"])
def test_a_list_starting_at_a_number_no_word_file_holds_counts_from_one(tmp_path: Path, start: str) -> None:
    # w:start is a 32-bit number in Word. One of 4,300 nines ended reading (the second number has 4,301 digits,
    # which Python will not write) and the file was refused as no Word file; one of a few thousand digits cost
    # milliseconds to draw before each paragraph: a 3 KB file of 2,000 numbered paragraphs took 13 s.
    numbering = NUMBERING.replace('<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>',
                                  f'<w:start w:val="{start}"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>')
    assert numbering != NUMBERING
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (7, 0)) + _p("存在的不足和原因", (7, 0))
    source = read_document(_docx(tmp_path, body, numbering=numbering))
    assert source.lines[1:] == ("一、 主要举措和成效", "二、 存在的不足和原因")


def _level(ilvl: int, fmt: str, text: str, start: int = 1, suffix: str | None = None, more: str = "") -> str:
    """A w:lvl; `more` its other properties (w:isLgl, w:lvlRestart …)."""
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suff}{more}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


# Parts (一、) on one list, the items under them (（一）) on another, restarted under each part as Word's
# "restart numbering" does: with a new w:num of the same list that overrides the level's start (num 3), also
# with a whole level of its own, as a file Word converted from a .doc has it (num 4).
RESTARTED = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", "%1、")}</w:abstractNum>'
             f'<w:abstractNum w:abstractNumId="1">{_level(0, "chineseCounting", "（%1）")}</w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
             '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
             '</w:lvlOverride></w:num>'
             f'<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
             f'{_level(0, "chineseCounting", "（%1）")}</w:lvlOverride></w:num>')


def test_docx_numbering_word_restarted_counts_again_from_one(tmp_path: Path) -> None:
    body = "".join([
        _p("青岚区2023年度法治政府建设情况报告"),
        _p("主要举措和成效", (1, 0)), _p("坚持依法决策", (2, 0)), _p("严格规范公正文明执法", (2, 0)),
        _p("存在的不足和原因", (1, 0)), _p("法治宣传的针对性有待增强", (3, 0)), _p("基层执法力量不足", (3, 0)),
        _p("2024年工作安排", (1, 0)), _p("深化行政执法体制改革", (4, 0)), _p("强化法治宣传教育", (4, 0)),
        _p("全年受理行政复议案件39件，审结36件。"),
    ])
    path = _docx(tmp_path, body, numbering=RESTARTED)
    # Before, the items under 二 and 三 were （三）（四） and （五）（六）: Word shows （一）（二） under each part.
    assert read_document(path).lines[1:10] == (
        "一、 主要举措和成效", "（一） 坚持依法决策", "（二） 严格规范公正文明执法", "二、 存在的不足和原因",
        "（一） 法治宣传的针对性有待增强", "（二） 基层执法力量不足", "三、 2024年工作安排", "（一） 深化行政执法体制改革",
        "（二） 强化法治宣传教育")
    numbering = next(finding for finding in check_file(path).findings if finding.rule_id == "quality.numbering")
    assert [hit.detail.en for hit in numbering.hits if hit.credit == 0] == []  # was: numbering starts at （三）


def test_docx_list_numbers_of_one_list_count_on_across_its_nums(tmp_path: Path) -> None:
    # A second w:num of a list that overrides nothing continues the list's numbers, as in Word.
    numbering = RESTARTED + '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
    body = _p("主要举措和成效", (1, 0)) + _p("坚持依法决策", (2, 0)) + _p("严格规范公正文明执法", (5, 0))
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "一、 主要举措和成效", "（一） 坚持依法决策", "（二） 严格规范公正文明执法")


def test_docx_items_after_the_one_word_restarted_count_on_from_it(tmp_path: Path) -> None:
    # Word (2013 on) restarts numbering by giving the restarted paragraph alone a new w:num that overrides the
    # level's start; the items after it keep their w:num, and Word counts them on from the restarted one: all
    # the w:num of one list count on the same numbers. Before, they went on from where their w:num had been:
    # （一）（三）（四） under 二.
    body = "".join([
        _p("主要举措和成效", (1, 0)), _p("坚持依法决策", (2, 0)), _p("严格规范公正文明执法", (2, 0)),
        _p("存在的不足和原因", (1, 0)), _p("法治宣传的针对性有待增强", (3, 0)), _p("基层执法力量不足", (2, 0)),
        _p("执法装备保障不够", (2, 0)), _p("2024年工作安排", (1, 0)), _p("深化行政执法体制改革", (3, 0)),
    ])
    assert read_document(_docx(tmp_path, body, numbering=RESTARTED)).lines == (
        "一、 主要举措和成效", "（一） 坚持依法决策", "（二） 严格规范公正文明执法", "二、 存在的不足和原因",
        "（一） 法治宣传的针对性有待增强", "（二） 基层执法力量不足", "（三） 执法装备保障不够", "三、 2024年工作安排",
        # A w:num restarts its level once, at its first paragraph there: later ones count on.
        "（四） 深化行政执法体制改革")


def test_a_docx_list_drawing_a_level_its_own_way_counts_on_with_the_list(tmp_path: Path) -> None:
    # A w:lvlOverride holding a whole w:lvl and no w:startOverride replaces how the level is drawn (ECMA-376
    # §17.9.6), not where it has counted to: here one item drawn in financial numerals. Before, that w:num
    # counted on its own: （壹） and then （二）.
    numbering = RESTARTED + (f'<w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
                             f'{_level(0, "chineseLegalSimplified", "（%1）")}</w:lvlOverride></w:num>')
    body = _p("坚持依法决策", (2, 0)) + _p("严格规范公正文明执法", (5, 0)) + _p("深化法治宣传教育", (2, 0))
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "（一） 坚持依法决策", "（贰） 严格规范公正文明执法", "（三） 深化法治宣传教育")


@pytest.mark.parametrize(("own", "drawn"), [('<w:start w:val="1"/>', "（二）"),
                                           ('<w:numFmt w:val="chineseLegalSimplified"/>', "（贰）")],
                         ids=["a-start-only", "a-format-only"])
def test_a_docx_list_name_drawing_a_level_partly_its_own_way_keeps_the_rest_of_the_lists(
        tmp_path: Path, own: str, drawn: str) -> None:
    # A w:num's own w:lvl may say only some of a level: what it leaves out is the list's, as Word and LibreOffice
    # draw it. Before, a w:lvl of a start only drew no number at all: 严格规范公正文明执法 stood bare.
    numbering = RESTARTED + (f'<w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
                             f'<w:lvl w:ilvl="0">{own}</w:lvl></w:lvlOverride></w:num>')
    body = _p("坚持依法决策", (2, 0)) + _p("严格规范公正文明执法", (5, 0)) + _p("深化法治宣传教育", (2, 0))
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "（一） 坚持依法决策", f"{drawn} 严格规范公正文明执法", "（三） 深化法治宣传教育")


def test_a_docx_number_is_parted_from_its_text_as_word_draws_it(tmp_path: Path) -> None:
    # After its number Word draws a tab (w:suff absent), a space or nothing. Before, every number was run into
    # its text: "1.1其中适用…" read 1.1 as a figure of the report.
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", "%1、", suffix="nothing")}'
                 f'</w:abstractNum><w:abstractNum w:abstractNumId="1">{_level(0, "decimal", "%1.")}'
                 f'{_level(1, "decimal", "%1.%2", suffix="space")}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join([_p("青岚区2023年度法治政府建设情况报告"), _p("主要举措和成效", (1, 0)),
                    _p("全年办理行政处罚案件326件。", (2, 0)), _p("其中适用简易程序案件85件。", (2, 1)),
                    _p("适用普通程序案件241件。", (2, 1)), _p("存在的不足和原因", (1, 0))])
    source = read_document(_docx(tmp_path, body, numbering=numbering))
    assert source.lines[1:] == ("一、主要举措和成效", "1. 全年办理行政处罚案件326件。", "1.1 其中适用简易程序案件85件。",
                                "1.2 适用普通程序案件241件。", "二、存在的不足和原因")
    document = build(source)
    assert [(section.number, section.heading) for section in document.sections] == [
        ("一", "主要举措和成效"), ("二", "存在的不足和原因")]
    assert [(quantity.value, quantity.unit) for quantity in document.quantities] == [(326, "件"), (85, "件"), (241, "件")]


def test_a_docx_legal_numbering_level_draws_every_number_in_arabic_numerals(tmp_path: Path) -> None:
    # w:isLgl (Word's "legal style numbering", ECMA-376 §17.9.4): on that level every number of the text is drawn in
    # Arabic numerals, the parts' 一 too. Before, the level's text read "一.1", where Word draws "1.1".
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", "%1、")}'
                 f'{_level(1, "chineseCounting", "%1.%2", suffix="space", more="<w:isLgl/>")}'
                 f'{_level(2, "chineseCounting", "（%3）")}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = "".join([_p("主要举措和成效", (1, 0)), _p("全年办理行政处罚案件326件。", (1, 1)),
                    _p("其中适用简易程序案件85件。", (1, 2)), _p("全年受理行政复议案件52件。", (1, 1)),
                    _p("存在的不足和原因", (1, 0)), _p("基层执法力量不足。", (1, 1))])
    source = read_document(_docx(tmp_path, body, numbering=numbering))
    assert source.lines == ("一、 主要举措和成效", "1.1 全年办理行政处罚案件326件。", "（一） 其中适用简易程序案件85件。",
                            "1.2 全年受理行政复议案件52件。", "二、 存在的不足和原因", "2.1 基层执法力量不足。")
    assert [section.number for section in build(source).sections] == ["一", "二"]


@pytest.mark.parametrize(("restart", "override", "numbers"), [
    ('<w:lvlRestart w:val="1"/>', "", ("1.", "2.", "1.")),  # after level 1 (一、) only, not after （二）
    ('<w:lvlRestart w:val="0"/>', "", ("1.", "2.", "3.")),  # never
    # Word ignores a w:lvlRestart in a w:num's own w:lvl ([MS-OI29500] on lvlRestart): the list's holds.
    ('<w:lvlRestart w:val="0"/>', '<w:lvlRestart w:val="2"/>', ("1.", "2.", "3.")),
], ids=["after-the-parts-only", "never", "the-lists-not-an-overrides"])
def test_a_docx_list_level_restarts_only_after_the_levels_word_restarts_it_after(
        tmp_path: Path, restart: str, override: str, numbers: tuple[str, ...]) -> None:
    # w:lvlRestart: the items (1.) number on across the sub-headings （一）（二）, where they started again at each.
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", "%1、")}'
                 f'{_level(1, "chineseCounting", "（%2）")}{_level(2, "decimal", "%3.", more=restart)}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 f'<w:lvlOverride w:ilvl="2">{_level(2, "decimal", "%3.", more=override)}</w:lvlOverride></w:num>')
    body = "".join([_p("主要举措和成效", (1, 0)), _p("坚持依法决策", (1, 1)), _p("全年审查规范性文件12件。", (1, 2)),
                    _p("严格规范公正文明执法", (1, 1)), _p("全年办理行政处罚案件326件。", (1, 2)),
                    _p("存在的不足和原因", (1, 0)), _p("执法力量不足", (1, 1)), _p("基层执法人员仅12人。", (1, 2))])
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "一、 主要举措和成效", "（一） 坚持依法决策", f"{numbers[0]} 全年审查规范性文件12件。", "（二） 严格规范公正文明执法",
        f"{numbers[1]} 全年办理行政处罚案件326件。", "二、 存在的不足和原因", "（一） 执法力量不足",
        f"{numbers[2]} 基层执法人员仅12人。")


def _numbered(runs: str, num: tuple[int, int], properties: str = "") -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>{properties}'
            f"</w:pPr>{runs}</w:p>")


def test_a_docx_number_goes_after_the_page_break_its_paragraph_opens_with(tmp_path: Path) -> None:
    heading = '<w:outlineLvl w:val="0"/>'
    body = "".join([
        _p("青岚区2023年度法治政府建设情况报告"),
        _numbered('<w:r><w:br w:type="page"/></w:r><w:r><w:t>主要举措和成效</w:t></w:r>', (7, 0), heading),
        _p("全年办理行政复议案件39件。"),
        # Where Word last broke the page when it saved: no break in the text.
        _numbered("<w:r><w:t>存在的不足</w:t><w:lastRenderedPageBreak/><w:t>和原因</w:t></w:r>", (7, 0), heading),
        _numbered('<w:r><w:br w:type="page"/><w:br/><w:t>2024年工作安排</w:t></w:r>', (7, 0), heading),
        _numbered('<w:r><w:t>党政主要负责人履行职责情况</w:t><w:br w:type="page"/><w:t>（续）</w:t></w:r>', (7, 0), heading),
    ])
    source = read_document(_docx(tmp_path, body, numbering=NUMBERING))
    # Before: "一、" on a line of its own, and the heading's level with it, lost: the part was not found.
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "一、 主要举措和成效", "全年办理行政复议案件39件。",
                            "二、 存在的不足和原因", "三、 2024年工作安排", "四、 党政主要负责人履行职责情况", "（续）")
    assert source.outline == {2: 1, 4: 1, 5: 1, 6: 1}
    assert [(s.number, s.heading) for s in build(source).sections] == [
        ("一", "主要举措和成效"), ("二", "存在的不足和原因"), ("三", "2024年工作安排"), ("四", "党政主要负责人履行职责情况")]


def _style(style_id: str, name: str, properties: str = "", based_on: str | None = None, default: bool = False) -> str:
    opening = f'<w:style w:type="paragraph" w:default="1" w:styleId="{style_id}">' if default else \
        f'<w:style w:type="paragraph" w:styleId="{style_id}">'
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'{opening}<w:name w:val="{name}"/>{base}{f"<w:pPr>{properties}</w:pPr>" if properties else ""}</w:style>'


def _styled(content: str, style: str, properties: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{properties}</w:pPr><w:r><w:t>{content}</w:t></w:r></w:p>'


TEMPLATE_STYLES = "".join([
    _style("a", "Normal", default=True),
    _style("1", "heading 1", '<w:numPr><w:numId w:val="7"/></w:numPr>', "a"),  # Word's own: numbered 一、
    _style("a1", "一级标题", based_on="1"),  # a template's part heading, based on Word's
    _style("a2", "报告部分标题", based_on="a1"),
    _style("a3", "小标题", '<w:outlineLvl w:val="1"/>', "a"),  # a heading by its outline level only
    _style("a4", "二级标题", based_on="a3"),
    _style("a5", "条目", '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="7"/></w:numPr>', "a"),
    _style("a6", "条目正文", based_on="a5"),
    _style("b1", "循环样式甲", based_on="b2"), _style("b2", "循环样式乙", based_on="b1"),  # based on each other
])


def test_docx_styles_pass_on_their_heading_level_and_numbering_to_the_styles_based_on_them(tmp_path: Path) -> None:
    body = "".join([
        _p("青岚区2023年度法治政府建设情况报告"),
        _styled("主要举措和成效", "a1"), _styled("坚持依法决策", "a4"), _styled("全年审查规范性文件12件。", "a6"),
        _styled("全年办理行政复议案件39件。", "a6"), _styled("存在的不足和原因", "a2"),
        _styled("基层执法力量不足。", "b1"),
        # Word's own heading style demoted a level on the paragraph itself: its list from the style.
        _styled("执法人员培训不够", "a1", '<w:numPr><w:ilvl w:val="1"/></w:numPr>'),
        _styled("2024年工作安排", "1"),
    ])
    source = read_document(_docx(tmp_path, body, numbering=NUMBERING, styles=TEMPLATE_STYLES))
    # Before, a style based on a heading style was body text, without its number: 主要举措和成效.
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "一、 主要举措和成效", "坚持依法决策",
                            "1. 全年审查规范性文件12件。", "2. 全年办理行政复议案件39件。", "二、 存在的不足和原因",
                            "基层执法力量不足。", "（一） 执法人员培训不够", "三、 2024年工作安排")
    assert source.outline == {2: 1, 3: 2, 6: 1, 8: 1, 9: 1}
    document = build(source)
    assert [(s.number, s.heading) for s in document.sections] == [
        ("一", "主要举措和成效"), ("二", "存在的不足和原因"), ("三", "2024年工作安排")]
    assert [child.heading for child in document.sections[0].children] == ["坚持依法决策"]


def _list_style(style_id: str, name: str, num_id: int) -> str:
    """A numbering (list) style, which names the list that defines its levels."""
    return (f'<w:style w:type="numbering" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>')


@pytest.mark.parametrize("styles", [_style("a", "Normal", default=True) + _list_style("a9", "报告编号", 1), ""],
                         ids=["through-the-list-style", "by-the-style-link-alone"])
def test_a_docx_list_of_a_list_style_is_numbered_as_the_list_style(tmp_path: Path, styles: str) -> None:
    # A template's list style (报告编号) keeps its levels in the list that defines it (w:styleLink); a list made
    # from the style only links to it (w:numStyleLink) and has no levels of its own. Both are one list, as Word
    # counts them. Before, the paragraphs of the linking list had no number.
    levels = _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="a9"/>{levels}</w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="a9"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join([_p("青岚区2023年度法治政府建设情况报告"), _p("主要举措和成效", (2, 0)), _p("坚持依法决策", (2, 1)),
                    _p("存在的不足和原因", (2, 0)), _p("2024年工作安排", (1, 0))])
    source = read_document(_docx(tmp_path, body, numbering=numbering, styles=styles or None))
    assert source.lines[1:] == ("一、 主要举措和成效", "（一） 坚持依法决策", "二、 存在的不足和原因", "三、 2024年工作安排")
    assert [section.number for section in build(source).sections] == ["一", "二", "三"]


def test_docx_list_styles_linking_round_in_a_circle_cost_the_numbers_not_the_report(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="a8"/></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="a9"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    styles = _list_style("a8", "编号甲", 2) + _list_style("a9", "编号乙", 1)
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (1, 0))
    assert read_document(_docx(tmp_path, body, numbering=numbering, styles=styles)).lines == (
        "青岚区2023年度法治政府建设情况报告", "主要举措和成效")


def test_a_docx_paragraph_of_a_style_the_file_does_not_define_is_of_the_default_style(tmp_path: Path) -> None:
    # Paragraphs pasted from another document keep the name of a style this one lacks ("15"); Word draws them in
    # the default paragraph style, here one numbering the paragraphs. Before, the pasted one had no number, and
    # the one after it read 2.
    styles = _style("a", "条目正文", '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="7"/></w:numPr>', default=True)
    body = _p("全年审查规范性文件12件。") + _styled("全年办理行政复议案件39件。", "15") + _p("全年受理行政诉讼案件8件。")
    assert read_document(_docx(tmp_path, body, numbering=NUMBERING, styles=styles)).lines == (
        "1. 全年审查规范性文件12件。", "2. 全年办理行政复议案件39件。", "3. 全年受理行政诉讼案件8件。")


def test_a_docx_outline_level_of_body_text_makes_a_heading_style_body_text(tmp_path: Path) -> None:
    styles = TEMPLATE_STYLES + _style("a7", "报告正文", '<w:outlineLvl w:val="9"/>', "a3")
    body = _styled("全年办理行政复议案件39件。", "a7") + _styled("坚持依法决策", "a3")
    assert read_document(_docx(tmp_path, body, styles=styles)).outline == {2: 2}


@pytest.mark.parametrize("pattern", ["第%1项" + "依法行政" * 250_000, "%1" * 500_000])
def test_a_docx_number_text_never_grows_the_text_beyond_a_few_characters(tmp_path: Path, pattern: str) -> None:
    # Word's number texts are a few characters (at most 31 once their numbers are in); one of a megabyte
    # was drawn before every paragraph of its list.
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", pattern)}</w:abstractNum>'
                 '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>')
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (7, 0)) * 3
    lines = read_document(_docx(tmp_path, body, numbering=numbering)).lines
    assert lines[1] == pattern.replace("%1", "一")[:32] + " 主要举措和成效"
    assert len(lines) == 4 and lines[3] == pattern.replace("%1", "三")[:32] + " 主要举措和成效"


@pytest.mark.parametrize("pattern", ["%1&#10;、", "%1、&#13;", "%1&#13;&#10;、"])
def test_a_docx_number_text_holding_a_line_break_draws_its_number_on_the_line(tmp_path: Path, pattern: str) -> None:
    # A number text holds no line break or tab in Word; one written with &#10; split the heading's line after its
    # number (一\n、主要举措和成效: one line of the report holding two), as the .doc reader, which draws no control
    # character of a number text, never did.
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseCounting", pattern)}</w:abstractNum>'
                 '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>')
    body = _p("青岚区2023年度法治政府建设情况报告") + _p("主要举措和成效", (7, 0)) + _p("存在的不足和原因", (7, 0))
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "青岚区2023年度法治政府建设情况报告", "一、 主要举措和成效", "二、 存在的不足和原因")


def test_docx_financial_numerals_are_drawn_as_word_draws_them(tmp_path: Path) -> None:
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_level(0, "chineseLegalSimplified", "%1、")}'
                 f'{_level(1, "ideographLegalTraditional", "（%2）", start=10)}</w:abstractNum>'
                 '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>')
    body = "".join([_p("主要举措和成效", (7, 0)), _p("存在的不足和原因", (7, 0)), _p("執法力量不足", (7, 1)),
                    _p("宣傳不夠深入", (7, 1)), _p("2024年工作安排", (7, 0))])
    # Before: 一、二、三、, the numerals of everyday writing.
    assert read_document(_docx(tmp_path, body, numbering=numbering)).lines == (
        "壹、 主要举措和成效", "贰、 存在的不足和原因", "（壹拾） 執法力量不足", "（壹拾壹） 宣傳不夠深入", "叁、 2024年工作安排")


def _text_box(box: str, before: str, after: str = "") -> str:
    """A paragraph anchoring a text box as Word writes it: as a drawing (mc:Choice) and again as VML for older
    readers (mc:Fallback)."""
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    return (f'<w:p><w:r><w:t>{before}</w:t></w:r><w:r>'
            f'<mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{box}</w:txbxContent>'
            f'</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{box}</w:txbxContent></w:pict></mc:Fallback>'
            f'</mc:AlternateContent></w:r>{f"<w:r><w:t>{after}</w:t></w:r>" if after else ""}</w:p>')


def test_a_docx_text_box_is_read_once_though_word_writes_it_twice(tmp_path: Path) -> None:
    # After the paragraph that anchors it, as in a table cell: the box goes with its anchor's part of the report.
    anchored = _text_box(_p("全年受理行政复议案件41件。"), "正文开头。", "正文结尾。")
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + anchored))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "正文开头。正文结尾。", "全年受理行政复议案件41件。")


def test_numbered_paragraphs_in_docx_text_boxes_count_apart_from_the_body(tmp_path: Path) -> None:
    # A text box is a story of its own, as footnotes are: its numbered paragraphs count on from one text box to the
    # next, and the body's list counts as if they were not there (LibreOffice draws so; Word keeps the text boxes
    # of a .doc in a story after the main text). Before, the box's cases were counted into the body's list, ahead
    # of the paragraph anchoring them: 2. 3. before it, and 4. 全年受理行政诉讼案件8件。 after.
    cases = _text_box(_p("某公司不服行政处罚决定案", (7, 2)) + _p("某村民不服土地登记案", (7, 2)), "全年办理行政复议案件39件。")
    body = "".join([_p("青岚区2023年度法治政府建设情况报告"), _p("主要举措和成效", (7, 0)),
                    _p("全年审查规范性文件12件。", (7, 2)), cases, _p("全年受理行政诉讼案件8件。", (7, 2)),
                    _p("存在的不足和原因", (7, 0)), _text_box(_p("某企业不服行政强制措施案", (7, 2)), "执法力量不足。"),
                    _p("下一步工作安排", (7, 0))])
    source = read_document(_docx(tmp_path, body, numbering=NUMBERING))
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "一、 主要举措和成效", "1. 全年审查规范性文件12件。",
                            "全年办理行政复议案件39件。", "1. 某公司不服行政处罚决定案", "2. 某村民不服土地登记案",
                            "2. 全年受理行政诉讼案件8件。", "二、 存在的不足和原因", "执法力量不足。", "3. 某企业不服行政强制措施案",
                            "三、 下一步工作安排")


def test_a_docx_run_word_writes_twice_for_older_readers_is_read_once(tmp_path: Path) -> None:
    # mc:AlternateContent inside a paragraph: the same run for Word 2010 on (mc:Choice) and for older readers
    # (mc:Fallback). Before, both were read: 4141件, a figure that is not in the report.
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    twice = (f'<mc:AlternateContent {mc}><mc:Choice Requires="w14"><w:r><w:t>41</w:t></w:r></mc:Choice>'
             '<mc:Fallback><w:r><w:t>41</w:t></w:r></mc:Fallback></mc:AlternateContent>')
    paragraph = f"<w:p><w:r><w:t>全年受理行政复议案件</w:t></w:r>{twice}<w:r><w:t>件。</w:t></w:r></w:p>"
    table = f"<w:tbl><w:tr><w:tc>{_p('行政复议')}</w:tc><w:tc>{paragraph}</w:tc></w:tr></w:tbl>"
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + paragraph + table))
    assert source.lines[1:] == ("全年受理行政复议案件41件。", "行政复议  全年受理行政复议案件41件。")
    assert [quantity.value for quantity in build(source).quantities] == [41, 41]


def test_a_docx_text_box_in_a_table_cell_is_read_once(tmp_path: Path) -> None:
    """Forms and summary tables often hold a text box; Word writes it twice there too."""
    anchored = _text_box(_p("全年受理行政复议案件41件。"), "行政复议")
    table = "<w:tbl><w:tr><w:tc>" + _p("2023年") + "</w:tc><w:tc>" + anchored + "</w:tc></w:tr></w:tbl>"
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + table))
    # Before, the paragraph anchoring the box read the box's text too: 行政复议全年受理行政复议案件41件。 全年受理…41件。
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "2023年  行政复议 全年受理行政复议案件41件。")


def test_a_table_inside_a_docx_cell_is_read_as_that_cells_text_only(tmp_path: Path) -> None:
    inner = ("<w:tbl><w:tr><w:tc>" + _p("受理") + "</w:tc><w:tc>" + _p("52件") + "</w:tc></w:tr>"
             "<w:tr><w:tc>" + _p("审结") + "</w:tc><w:tc>" + _p("49件") + "</w:tc></w:tr></w:tbl>")
    outer = ("<w:tbl><w:tr><w:tc>" + _p("行政复议") + "</w:tc><w:tc>" + inner + "</w:tc><w:tc>" + _p("101件")
             + "</w:tc></w:tr></w:tbl>")
    source = read_document(_docx(tmp_path, _p("青岚区2023年度法治政府建设情况报告") + outer + _p("结束。")))
    # Before, "受理  52件" and "审结  49件" came again as rows of their own: each figure counted twice.
    assert source.lines == ("青岚区2023年度法治政府建设情况报告", "行政复议  受理 52件 审结 49件  101件", "结束。")


def test_text_file_named_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(SEED.read_bytes())
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "invalid" and "Word" in caught.value.text.en


# ---------------------------------------------------------------- PDF


def test_pdf_wrapped_lines_become_paragraphs() -> None:
    lines = read_document(SAMPLES / "xihu-2021.pdf").lines
    seed = build(read_document(SEED))
    body = [line.strip() for _, line in seed.numbered_lines() if line.strip()]
    assert list(lines[5:]) == body  # after the four metadata lines and the title


def test_pdf_without_a_text_layer_says_to_ocr_it(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.code == "no_text"
    assert "OCR it first" in caught.value.text.en and "文字识别" in caught.value.text.zh


def test_unnumbered_headings_marked_by_the_format_become_sections(tmp_path: Path) -> None:
    """<h2> headings without Chinese numbering are parts all the same; numbered ones keep their numbering."""
    page = (
        "<html><head><meta charset='utf-8'><title>x</title></head><body>"
        "<h1>某县2022年度法治政府建设情况报告</h1>"
        "<h2>主要举措和成效</h2><p>全年受理行政复议案件39件，审结36件。</p>"
        "<h3>（一）依法决策</h3><p>召开常务会议26次。</p>"
        "<h2>存在的不足和原因</h2><p>执法队伍力量不足。究其原因，是编制偏少。</p>"
        "<h2>2023年工作安排</h2><p>继续推进依法行政。</p>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    document = build(read_document(path))
    assert [(s.heading, s.level) for s in document.sections] == [
        ("主要举措和成效", 1), ("存在的不足和原因", 1), ("2023年工作安排", 1)]
    assert document.sections[0].children[0].heading == "依法决策"


def test_word_heading_styles_become_sections(tmp_path: Path) -> None:
    import zipfile

    def paragraph(text: str, style: str | None = None) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"

    body = "".join([
        paragraph("某县2022年度法治政府建设情况报告", "Title"),
        paragraph("主要举措和成效", "Heading1"), paragraph("全年受理行政复议案件39件。"),
        paragraph("存在的不足和原因", "Heading1"), paragraph("执法队伍力量不足，原因是编制偏少。"),
        paragraph("2023年工作安排", "Heading1"), paragraph("继续推进依法行政。"),
    ])
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    styles = (f'<w:styles {namespace}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '</w:style></w:styles>')
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", f"<w:document {namespace}><w:body>{body}</w:body></w:document>")
        archive.writestr("word/styles.xml", styles)
    document = build(read_document(path))
    assert [s.heading for s in document.sections] == ["主要举措和成效", "存在的不足和原因", "2023年工作安排"]


def test_a_table_lined_up_by_tab_stops_gives_its_figures_their_unit_column(tmp_path: Path) -> None:
    """An attachment's statistics table typed with tab stops (序号⇥项目⇥单位⇥数量), as offices do in Word: a tab read as
    a space joined the cells, so 28 in the 数量 column took no unit from the 单位 column and the legal counsel's
    services read as not given, where the same table in a .txt gave 28次."""
    def row(*cells: str) -> str:
        return "<w:p><w:r>" + "<w:tab/>".join(f"<w:t>{cell}</w:t>" for cell in cells).replace(
            "</w:t><w:tab/><w:t>", "</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>") + "</w:r></w:p>"
    body = "".join([
        _p("东泠市应急管理局2025年度法治政府建设情况报告"), _p("一、主要举措和成效"),
        _p("严格落实法律顾问制度，具体数据见附件1。"), _p("附件1"),
        row("序号", "项目", "单位", "数量"), row("3", "法律顾问、公职律师提供法律服务", "次", "28"),
    ])
    path = _docx(tmp_path, body)
    text_twin = tmp_path / "report.txt"
    text_twin.write_text("\n".join(read_document(path).lines), encoding="utf-8")
    assert read_document(path).lines[-1] == "3\t法律顾问、公职律师提供法律服务\t次\t28"
    for checked in (path, text_twin):
        report = engine.check(build(read_document(checked)), profiles.bundled("department"))
        services = next(f for f in report.findings if f.rule_id == "indicators.legal_counsel_services")
        assert services.hits[0].data["value"] == 28 and services.hits[0].data["unit"] == "次"
