"""Disclosure blocks (索引号, 发布机构, …) as government portals lay them out in a saved page: every field a
reviewer reads in the block is found, so that no office is told one is missing."""

from __future__ import annotations

from pathlib import Path

from compliance.model import Document
from compliance.readers import read_document
from compliance.structure import build

_BODY = """
<h1>河阳县人民政府2023年度法治政府建设情况报告</h1>
<div id="zoom">
<p>2023年，河阳县人民政府在市委、市政府和县委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，法治政府建设取得新成效。</p>
<p>一、推进法治政府建设的主要举措和成效</p>
<p>全年审查各类规范性文件137件，行政机关负责人出庭应诉率100%。</p>
</div>"""


def _page(tmp_path: Path, block: str) -> Document:
    """A page saved from a county portal, with its disclosure block laid out as `block`."""
    page = tmp_path / "art_1229_3874512.html"
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>河阳县人民政府</title>
<script>var _hmt = _hmt || [];</script></head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/col/xxgk">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 法治政府建设</div>
{block}{_BODY}
<div class="footer">主办单位：河阳县人民政府办公室</div></body></html>""", encoding="utf-8")
    return build(read_document(page))


def _fields(document: Document) -> dict[str, str]:
    return {field_id: field.value for field_id, field in document.metadata.items()}


def test_labels_spaced_out_to_align_a_trs_table_are_read(tmp_path: Path) -> None:
    """TRS WCM's xxgk_table pads short labels to the width of 主题分类 (索 引 号：, 文　　号：): the 文号, the 有效性,
    the 公开方式 and the 发布日期 beside them were all reported missing, and the 成文日期 taken for the date."""
    document = _page(tmp_path, """<table class="xxgk_table"><tbody>
<tr><td class="td_lable">索 引 号：</td><td>11330824002617395K/2024-00022</td><td class="td_lable">主题分类：</td><td>法治建设</td></tr>
<tr><td class="td_lable">发布机构：</td><td>河阳县人民政府</td><td class="td_lable">成文日期：</td><td>2024年03月26日</td></tr>
<tr><td class="td_lable">文　　号：</td><td>河政〔2024〕6号</td><td class="td_lable">发布日期：</td><td>2024年03月28日</td></tr>
<tr><td class="td_lable">有 效 性：</td><td>有效</td><td class="td_lable">公开方式：</td><td>主动公开</td></tr>
</tbody></table>""")
    assert _fields(document) == {
        "index_no": "11330824002617395K/2024-00022", "topic": "法治建设", "publisher": "河阳县人民政府",
        "date": "2024年03月28日", "doc_no": "河政〔2024〕6号", "validity": "有效", "disclosure": "主动公开"}
    assert document.published is not None and document.published.isoformat() == "2024-03-28"


def test_a_spaced_label_in_bold_ends_the_value_before_it(tmp_path: Path) -> None:
    """<strong>有&nbsp;效&nbsp;性：</strong> after an empty 发文字号 was read as the 文号's value."""
    document = _page(tmp_path, """<div class="xxgk_top">
<p><strong>索&nbsp;引&nbsp;号：</strong>11330824002617395K/2024-00022 <strong>发布机构：</strong>河阳县人民政府</p>
<p><strong>发文字号：</strong> <strong>有 效 性：</strong>有效</p></div>""")
    assert _fields(document)["doc_no"] == ""
    assert _fields(document)["validity"] == "有效"


def test_spaced_words_that_are_no_label_keep_their_spaces(tmp_path: Path) -> None:
    """A signature spaced out for print is not a label: the page's text stays as it was written."""
    document = _page(tmp_path, "<p>发布机构：河阳县人民政府</p><p>审 核 人：</p>")
    assert "审 核 人：" in document.lines


def test_labels_in_plain_cells_without_colons_are_read(tmp_path: Path) -> None:
    """<td>索引号</td><td>…</td>, with 有效性 and 公开方式 in a second table: every field was reported missing."""
    document = _page(tmp_path, """<table class="table_xxgk" border="1">
<tr><td class="t1"><p>索引号</p></td><td><p>11330824002617395K/2024-00022</p></td><td class="t1"><p>主题分类</p></td><td><p>法治建设</p></td></tr>
<tr><td class="t1">发布机构</td><td>河阳县人民政府</td><td class="t1">生成日期</td><td>2024-03-28</td></tr>
<tr><td class="t1">文件编号</td><td>河政〔2024〕6号</td><td class="t1">公开范围</td><td>面向全社会</td></tr></table>
<table class="table_xxgk2"><tr><td class="t1">有效性</td><td>有效</td><td class="t1">公开方式</td><td>主动公开</td></tr></table>""")
    assert _fields(document) == {
        "index_no": "11330824002617395K/2024-00022", "topic": "法治建设", "publisher": "河阳县人民政府",
        "date": "2024-03-28", "doc_no": "河政〔2024〕6号", "scope": "面向全社会", "validity": "有效",
        "disclosure": "主动公开"}


def test_a_row_of_labels_over_a_row_of_values_is_read_as_pairs(tmp_path: Path) -> None:
    """The block as column headings over one row of values: the page was told it had no 索引号, no 发布机构 and
    no date, and its publication date was taken from the signature."""
    document = _page(tmp_path, """<table class="gk-table">
<thead><tr><th>索引号</th><th>主题分类</th><th>发布机构</th><th>成文日期</th><th>文号</th><th>发布日期</th></tr></thead>
<tbody><tr><td class="syh">11330824002617395K/2024-00022</td><td class="ztfl">法治建设</td><td class="fbjg">河阳县人民政府</td>
<td class="cwrq">2024-03-26</td><td class="wh"></td><td class="fbrq">2024-03-28</td></tr></tbody></table>
<table><tr><td>有效性：</td><td>有效</td></tr></table>""")
    assert _fields(document) == {
        "index_no": "11330824002617395K/2024-00022", "topic": "法治建设", "publisher": "河阳县人民政府",
        "date": "2024-03-28", "doc_no": "", "validity": "有效"}
    assert document.published is not None and document.published.isoformat() == "2024-03-28"


def test_a_list_of_documents_under_label_headings_gives_none_of_them_as_the_pages_metadata(tmp_path: Path) -> None:
    """A related-documents list with the same headings is not the page's block: its first row's 发布机构 must
    not pass for the page's own."""
    document = _page(tmp_path, """<table class="doc-list"><tr><th>索引号</th><th>发布机构</th><th>发布日期</th></tr>
<tr><td>11330824002617395K/2023-00011</td><td>河阳县司法局</td><td>2023-03-20</td></tr>
<tr><td>11330824002617395K/2022-00009</td><td>河阳县司法局</td><td>2022-03-18</td></tr></table>""")
    assert _fields(document) == {}
    assert "11330824002617395K/2023-00011  河阳县司法局  2023-03-20" in document.lines


def test_labels_and_values_in_sibling_divs_are_read_as_pairs(tmp_path: Path) -> None:
    """A grid of <div class="label">索引号：</div><div class="value">…</div> put each label and its value on lines of
    their own: every field was blank. A label left blank at the end of the block takes nothing after it."""
    document = _page(tmp_path, """<div class="xxgk-table">
<div class="row"><div class="label">索引号：</div><div class="value">11330824002617395K/2024-00022</div>
<div class="label">主题分类：</div><div class="value"><a href="/col/ztfl">法治建设</a></div></div>
<div class="row"><div class="label">发布机构：</div><div class="value">河阳县人民政府</div>
<div class="label">发布日期：</div><div class="value">2024-03-28</div></div>
<div class="row"><div class="label">文件编号：</div><div class="value"></div></div></div>""")
    assert _fields(document) == {
        "index_no": "11330824002617395K/2024-00022", "topic": "法治建设", "publisher": "河阳县人民政府",
        "date": "2024-03-28", "doc_no": ""}
    assert document.title == "河阳县人民政府2023年度法治政府建设情况报告"


def test_an_info_line_s_values_lose_the_nbsp_that_spaces_them(tmp_path: Path) -> None:
    """来源：…&nbsp;&nbsp;&nbsp;&nbsp;发布时间：… kept the no-break spaces in the publisher and the date, which the JSON,
    the ranking and the spreadsheet showed (and a comparison of publishers across a batch did not match)."""
    document = _page(tmp_path, '<div class="info">来源：河阳县人民政府&nbsp;&nbsp;&nbsp;&nbsp;发布时间：2024-03-28 16:42:07'
                               '&nbsp;&nbsp;浏览次数：</div>')
    fields = _fields(document)
    assert fields["publisher"] == "河阳县人民政府"
    assert fields["date"] == "2024-03-28 16:42:07"
