"""A disclosure page that only links its report as an attachment is named as such, not scored as a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SAMPLES

from compliance.cli import main
from compliance.readers import read_document

NOTICE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="桐岭县司法局2023年度法治政府建设情况报告"><title>桐岭县司法局</title></head>
<body><div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/guide.pdf">公开指南.pdf</a></div>
<table class="xxgk"><tr><th>索引号</th><td>11330100MB1234567X/2024-00031</td><th>发布机构</th><td>桐岭县司法局</td></tr>
<tr><th>生成日期</th><td>2024-03-20</td><th>公开方式</th><td>主动公开</td></tr></table>
<h1>桐岭县司法局2023年度法治政府建设情况报告</h1>
<div class="content"><p>根据《法治政府建设与责任落实督察工作规定》，现将我局2023年度法治政府建设情况报告予以公开。</p>
<p>附件：{link}</p></div>
<div class="footer"><a href="/about.doc">网站说明.doc</a></div></body></html>"""


def _page(tmp_path: Path, link: str, name: str = "notice.html") -> Path:
    path = tmp_path / name
    path.write_text(NOTICE_PAGE.format(link=link), encoding="utf-8")
    return path


def test_a_page_that_only_links_its_report_names_the_attachment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _page(tmp_path, '<a href="/att/2024/03/20/P020240320.pdf">桐岭县司法局2023年度法治政府建设情况报告.pdf</a>')
    assert main(["check", "--no-color", "--width", "300", str(page)]) == 2
    out = capsys.readouterr().out
    assert "网页正文只是附件链接（桐岭县司法局2023年度法治政府建设情况报告.pdf），报告全文在附件中" in out
    assert "未找到该部分" not in out  # not scored as a report missing all its parts
    assert main(["check", "--no-color", "--width", "300", "--lang", "en", str(page)]) == 2
    assert "the page only links its report as an attachment" in capsys.readouterr().out


def test_a_link_saying_download_is_named_by_its_file(tmp_path: Path) -> None:
    page = _page(tmp_path, '<a href="/att/P020240320%E6%8A%A5%E5%91%8A.docx?ts=1#top">点击下载</a>')
    # The breadcrumb's and the footer's links are page furniture, not the article's attachments.
    assert read_document(page).attachments == ("P020240320报告.docx",)


def test_a_batch_keeps_the_reports_and_marks_the_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _page(tmp_path, '<a href="/att/report.wps">报告.wps</a>', name="b-notice.html")
    (tmp_path / "a-xihu-2021.html").write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert documents[0]["passed"] is True
    assert documents[1]["error"]["code"] == "attachment_only"


def test_a_full_report_that_also_links_its_pdf_is_checked_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8")
    linked = original.replace('      <div class="article-tools">',
                              '      <p>附件：<a href="/att/report.pdf">南昌市西湖区2021年度法治政府建设情况报告.pdf</a></p>\n'
                              '      <div class="article-tools">', 1)
    assert linked != original
    (tmp_path / "linked.html").write_text(linked, encoding="utf-8")
    assert main(["check", "--format", "json", str(SAMPLES / "xihu-2021.html"), str(tmp_path / "linked.html")]) == 0
    plain, with_link = json.loads(capsys.readouterr().out)["documents"]
    assert with_link["error"] is None and with_link["score"] == plain["score"]


@pytest.mark.parametrize("href", ["http://[::1", "%", "", "javascript:void(0)", "报告.PDF"])
def test_odd_links_are_read_without_error(tmp_path: Path, href: str) -> None:
    page = _page(tmp_path, f'<a href="{href}">附件</a>')
    assert len(read_document(page).attachments) == (1 if href.lower().endswith(".pdf") else 0)


@pytest.mark.parametrize(("link", "named"), [
    # A CMS's download script: the file is named only in the link text, sometimes with its size after it.
    ('<a href="/module/download/downfile.jsp?classid=0&fileid=3817">桐岭县司法局2023年度法治政府建设情况报告.pdf</a>',
     "桐岭县司法局2023年度法治政府建设情况报告.pdf"),
    ('<a href="/download?id=3817" target="_blank">法治政府建设情况报告.docx（56KB）</a>', "法治政府建设情况报告.docx（56KB）"),
    # … or only in the query, the link saying 点击下载.
    ('<a href="/download.jsp?filename=%E6%B3%95%E6%B2%BB%E6%8A%A5%E5%91%8A.wps&type=1">点击下载</a>', "法治报告.wps"),
    # 政务公开 pages open the file from a script: the href is a placeholder.
    ("""<a href="javascript:void(0)" onclick="window.open('/xxgk/att/2024/%E8%A5%BF%E6%B9%96%E5%8C%BA2023年法治政府建设年度报告.pdf')">点击查看</a>""",
     "西湖区2023年法治政府建设年度报告.pdf"),
    ("""<a href="#" onclick="location.href='/att/2024/03/20/P020240320.docx';return false;">下载附件</a>""",
     "P020240320.docx"),
    ("""<a onclick="downLoadFile(&quot;/module/download/桐岭县司法局2023年度法治政府建设情况报告.wps&quot;, 3817)">附件下载</a>""",
     "桐岭县司法局2023年度法治政府建设情况报告.wps"),
    ("""<a href="javascript:openFile('3817', '/att/P020240320.rtf')">附件</a>""", "P020240320.rtf"),
    # The link's text names the attachment as the reader sees it, as for a link with a usable href.
    ("""<a onclick="downLoadFile('/att/P020240320.pdf')">桐岭县司法局2023年度法治政府建设情况报告.pdf（1.2MB）</a>""",
     "桐岭县司法局2023年度法治政府建设情况报告.pdf（1.2MB）"),
    ("""<a href="javascript:;" onclick="downLoadFile('/att/2023年行政执法数据统计表.xlsx')">统计表</a>""",
     "2023年行政执法数据统计表.xlsx"),
])
def test_a_download_link_named_by_its_text_query_or_script_is_an_attachment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str, named: str) -> None:
    page = _page(tmp_path, link)
    assert main(["check", "--no-color", "--width", "300", str(page)]) == 2
    out = capsys.readouterr().out
    assert f"网页正文只是附件链接（{named}），报告全文在附件中" in out
    assert "未找到该部分" not in out


@pytest.mark.parametrize("control", [
    """<span onclick="downLoadFile('/att/2024/桐岭县司法局2023年度法治政府建设情况报告.pdf')">点击下载</span>""",
    """<input type="button" value="下载附件" onclick="window.open('/att/P020240320.docx')">""",
    """<img src="/images/download.gif" onclick="location.href='/att/P020240320.wps'"/>""",
    """<button onclick="openFile('3817', '/att/P020240320.pdf')">查看报告</button>""",
])
def test_a_download_button_that_is_not_a_link_names_its_attachment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], control: str) -> None:
    page = _page(tmp_path, control)
    assert main(["check", "--no-color", "--width", "300", str(page)]) == 2
    out = capsys.readouterr().out
    assert "网页正文只是附件链接（" in out and "未找到该部分" not in out
    assert read_document(page).attachments[0].startswith(("桐岭县司法局2023年度", "P020240320."))


@pytest.mark.parametrize("control", [
    '<a href="/att/{name}">点击下载</a>', "<span onclick=\"downLoadFile('/att/{name}')\">点击下载</span>",
    '<iframe src="/pdfjs/viewer.html?file=/att/{name}"></iframe>',
], ids=["link", "button", "viewer"])
def test_an_attachment_named_at_length_is_named_by_its_first_hundred_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], control: str) -> None:
    # A file name is a few dozen characters; one of a megabyte was written whole into the message, a megabyte
    # on the terminal.
    page = _page(tmp_path, control.format(name="报告" * 500_000 + ".pdf"))
    assert main(["check", "--format", "json", str(page)]) == 2
    error = json.loads(capsys.readouterr().out)["documents"][0]["error"]
    assert error["message"] == f"{page}：网页正文只是附件链接（{'报告' * 49}报…），报告全文在附件中；请下载附件后再检查"


def test_a_button_whose_script_names_no_file_is_no_attachment(tmp_path: Path) -> None:
    page = _page(tmp_path, """<button onclick="window.print()">打印本页</button>
<span onclick="shareTo('weibo', document.title)">分享</span>""")
    assert read_document(page).attachments == ()


def test_a_link_to_a_page_named_like_a_document_is_not_an_attachment(tmp_path: Path) -> None:
    page = _page(tmp_path, '<a href="/art/2024/3/20/art_1229_3817.html">关于印发2024年工作要点的通知</a>')
    assert read_document(page).attachments == ()


@pytest.mark.parametrize("embedded", [
    '<iframe src="/static/pdfjs/web/viewer.html?file=/att/2024/03/20/P020240320.pdf" width="100%" height="900"></iframe>',
    '<embed src="/att/2024/03/20/P020240320.pdf" type="application/pdf" width="100%" height="900">',
    '<embed src="/att/2024/03/20/P020240320.pdf" type="application/pdf" width="100%" height="900"/>',
    '<object data="/att/2024/03/20/P020240320.pdf" type="application/pdf" width="100%" height="900"></object>',
])
def test_a_page_showing_its_report_in_a_pdf_viewer_names_the_pdf(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], embedded: str) -> None:
    page = _page(tmp_path, "见下文</p>" + embedded + "<p>")
    assert main(["check", "--no-color", "--width", "300", str(page)]) == 2
    out = capsys.readouterr().out
    assert "网页正文只是附件链接（P020240320.pdf），报告全文在附件中" in out
    assert "未找到该部分" not in out


def test_a_viewer_in_the_page_furniture_is_not_the_reports(tmp_path: Path) -> None:
    page = _page(tmp_path, '<a href="/att/report.pdf">报告.pdf</a>').read_text(encoding="utf-8").replace(
        '<div class="footer">', '<div class="footer"><iframe src="/pdfjs/web/viewer.html?file=/guide.pdf"></iframe>')
    (tmp_path / "furniture.html").write_text(page, encoding="utf-8")
    assert read_document(tmp_path / "furniture.html").attachments == ("报告.pdf",)


@pytest.mark.parametrize("link", [
    """<a href="javascript:void(0)" onclick="shareTo('weibo', document.title)">分享到微博</a>""",
    """<a href="#" onclick="_hmt.push(['_trackEvent', 'article', 'print']); window.print()">打印本页</a>""",
    # An ordinary link whose analytics call names a file: the href is where it goes.
    """<a href="/art/2024/3/20/art_1229_3817.html" onclick="_czc.push(['_trackEvent', 'download', 'guide.pdf'])">相关解读</a>""",
])
def test_a_script_that_names_no_file_is_no_attachment(tmp_path: Path, link: str) -> None:
    assert read_document(_page(tmp_path, link)).attachments == ()
