"""Pages saved as a single file (.mhtml, .mht) as browsers and Word write them, large, odd and damaged."""

from __future__ import annotations

import base64
import codecs
import html
import json
import quopri
import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import SAMPLES

from compliance.cli import main
from compliance.readers import read_document

PAGE = SAMPLES / "xihu-2021.html"
TITLE = "南昌市西湖区2021年度法治政府建设情况报告"
URL = "http://www.ncxh.gov.cn/zwgk/art/2022/3/11/art_1.html"
BOUNDARY = "----MultipartBoundary--fH6yWBVt8Ql0S4ZwTRi3kWzRx2bYFa1mDcnJvEoqPg----"


def _part(content_type: str, body: bytes, *, encoding: str = "quoted-printable", location: str = URL,
          newline: bytes = b"\r\n", content_id: str = "<frame-6C2E@mhtml.blink>") -> bytes:
    """A part as Chrome writes it: its headers, a blank line, the body encoded."""
    encoded = quopri.encodestring(body) if encoding == "quoted-printable" else base64.encodebytes(body)
    headers = (f"Content-Type: {content_type}\nContent-ID: {content_id}\n"
               f"Content-Transfer-Encoding: {encoding}\nContent-Location: {location}\n\n").encode()
    return (headers + encoded).replace(b"\n", newline)


def _image(number: int, size: int) -> bytes:
    picture = bytes(range(256)) * (size // 256)  # the size of a photo; its content does not matter
    return _part("image/jpeg", picture, encoding="base64", location=f"http://www.ncxh.gov.cn/images/{number}.jpg")


def chrome_archive(*parts: bytes, boundary: str = BOUNDARY, newline: bytes = b"\r\n", closed: bool = True,
                   start: str = "") -> bytes:
    """Chrome's "Save as: Webpage, Single File": a MIME message, multipart/related, the page its first part
    (or the part `start` names)."""
    root = f'\tstart="{start}";\n' if start else ""
    header = (f"From: <Saved by Blink>\nSnapshot-Content-Location: {URL}\nSubject: =?utf-8?Q?=E8=A5=BF=E6=B9=96?=\n"
              f"Date: Fri, 11 Mar 2022 10:12:31 +0800\nMIME-Version: 1.0\nContent-Type: multipart/related;\n"
              f'\ttype="text/html";\n{root}\tboundary="{boundary}"\n\n\n').encode().replace(b"\n", newline)
    delimiter = f"--{boundary}".encode()
    body = b"".join(delimiter + newline + part + newline for part in parts)
    return header + body + (delimiter + b"--" + newline if closed else b"")


def _page_part(**kwargs: str) -> bytes:
    return _part("text/html", PAGE.read_bytes(), **kwargs)


def _documents(capsys: pytest.CaptureFixture[str], *paths: Path) -> list[dict]:
    main(["check", "--format", "json", *map(str, paths)])
    return json.loads(capsys.readouterr().out)["documents"]  # type: ignore[no-any-return]


def _read_as_the_page(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    archived, original = _documents(capsys, path, PAGE)
    assert archived["error"] is None and archived["format"] == "mhtml" and archived["title"] == TITLE
    assert archived["score"] == original["score"] and archived["metadata"] == original["metadata"]


def _ie_single_page() -> bytes:
    """Internet Explorer's "Web Archive, single file" of a page without pictures: the message itself is the page,
    UTF-8 with its BOM, every 8-bit byte quoted."""
    return ('From: "Saved by Windows Internet Explorer 11"\nSubject: \nDate: Fri, 11 Mar 2022 10:12:31 +0800\n'
            'MIME-Version: 1.0\nContent-Type: text/html;\n\tcharset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n'
            f"Content-Location: {URL}\nX-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.24000\n\n").encode().replace(
        b"\n", b"\r\n") + quopri.encodestring(codecs.BOM_UTF8 + PAGE.read_bytes()).replace(b"\n", b"\r\n")


def _wps_single_file_page() -> bytes:
    """WPS Office's "单一网页文件": LF line ends, its own header, and a part that calls the UTF-8 page us-ascii."""
    boundary = "----=_NextPart_482017781dbb413399e58e9338ebfea1"
    return (f'MIME-Version: 1.0\nX-Document-Type: Document\nContent-Type: multipart/related; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Location: file:///C:/kswps/report.htm\nContent-Transfer-Encoding: quoted-printable\n"
            'Content-Type: text/html; charset="us-ascii"\n\n').encode() + quopri.encodestring(PAGE.read_bytes()) + (
        f"\n--{boundary}--\n").encode()


@pytest.mark.parametrize("archive", [_ie_single_page, _wps_single_file_page], ids=["ie-single-page", "wps"])
def test_an_archive_as_other_tools_save_it_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], archive: Callable[[], bytes]) -> None:
    (tmp_path / "page.mht").write_bytes(archive())
    _read_as_the_page(capsys, tmp_path / "page.mht")


def test_a_large_archive_is_read_in_memory_proportional_to_it(tmp_path: Path) -> None:
    """A page with many photos, 8 MB: the email parser decoded every photo to give back the page, and held
    about seven times the file; only the page is decoded now."""
    path = tmp_path / "photos.mhtml"
    path.write_bytes(chrome_archive(_page_part(), *(_image(number, 200_000) for number in range(30))))
    tracemalloc.start()
    try:
        source = read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert source.lines[0] and any(TITLE in line for line in source.lines)
    assert peak < 1.5 * path.stat().st_size  # the file's bytes, and the page read from them


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r"], ids=["crlf", "lf", "cr"])
def test_an_archive_saved_by_chrome_reads_as_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      newline: bytes) -> None:
    """Lines may end as on Windows, Unix or old Macs (a bare CR: it was "not a valid single-file web page")."""
    path = tmp_path / "page.mhtml"
    path.write_bytes(chrome_archive(_part("text/html", PAGE.read_bytes(), newline=newline), _image(1, 3000),
                                    newline=newline))
    _read_as_the_page(capsys, path)


def test_a_base64_page_in_gbk_named_only_by_its_part_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGE.read_text(encoding="utf-8").replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    part = _part('text/html;\n charset="GBK"', page.encode("gbk"), encoding="base64")
    (tmp_path / "page.mht").write_bytes(chrome_archive(_image(1, 3000), part))  # the page need not come first
    _read_as_the_page(capsys, tmp_path / "page.mht")


def test_a_base64_page_encoded_in_padded_chunks_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Some tools encode a page a chunk at a time and join the chunks, each ending in its own "=" padding: the
    page was decoded up to the first, then read as garbage (无法识别文件编码)."""
    page = PAGE.read_bytes()
    chunks = b"".join(base64.encodebytes(page[start : start + 4000]) for start in range(0, len(page), 4000))
    assert chunks.count(b"=\n") > 1  # 4,000 bytes are no whole number of base64 groups: each chunk is padded
    part = _part("text/html", page, encoding="base64").replace(base64.encodebytes(page).replace(b"\n", b"\r\n"),
                                                               chunks.replace(b"\n", b"\r\n"))
    (tmp_path / "page.mht").write_bytes(chrome_archive(part, _image(1, 3000)))
    _read_as_the_page(capsys, tmp_path / "page.mht")


@pytest.mark.parametrize("start", ["<report-1@mhtml.blink>", "report-1@mhtml.blink"], ids=["with-brackets", "bare"])
def test_the_root_part_that_start_names_is_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    start: str) -> None:
    """An archive whose frames were saved before the page names the page by its Content-ID in `start`: the
    first page (the frame, a link list) was read instead, and the report found missing every part."""
    frame = _part("text/html", "<html><body><h3>相关链接</h3><p>西湖区政务服务网</p></body></html>".encode(),
                  location="http://www.ncxh.gov.cn/links.html", content_id="<frame-0@mhtml.blink>")
    page = _page_part(content_id="<report-1@mhtml.blink>")
    (tmp_path / "page.mht").write_bytes(chrome_archive(frame, _image(1, 3000), page, start=start))
    _read_as_the_page(capsys, tmp_path / "page.mht")


@pytest.mark.parametrize("start", ["<image-1@mhtml.blink>", "<gone@mhtml.blink>"], ids=["an-image", "no-part"])
def test_a_start_that_names_no_page_falls_back_to_the_first_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str) -> None:
    image = _image(1, 3000).replace(b"<frame-6C2E@mhtml.blink>", b"<image-1@mhtml.blink>")
    (tmp_path / "page.mht").write_bytes(chrome_archive(_page_part(), image, start=start))
    _read_as_the_page(capsys, tmp_path / "page.mht")


def test_an_xhtml_page_saved_by_chrome_reads_as_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Chrome types the part of a page served as XHTML application/xhtml+xml: no page was found in it."""
    (tmp_path / "page.mhtml").write_bytes(chrome_archive(_part("application/xhtml+xml", PAGE.read_bytes()), _image(1, 3000)))
    _read_as_the_page(capsys, tmp_path / "page.mhtml")


def test_a_page_related_inside_alternative_reads_as_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As Outlook and Word save a page: a plain-text alternative first, then the page with its images.
    Content-Location carries the address as the site wrote it: raw UTF-8, semicolons, quotes."""
    inner = "----=_NextPart_001_0001_01D83503.5C4B2F40"
    related = (f'Content-Type: multipart/related; boundary="{inner}"; type="text/html"\n\n'.encode()
               + chrome_archive(_page_part(location='http://www.ncxh.gov.cn/法治/报告;v=2?a="1"'), _image(1, 3000),
                                boundary=inner).split(b"\r\n\r\n\r\n", 1)[1])
    alternative = chrome_archive(_part("text/plain; charset=utf-8", TITLE.encode()), related,
                                 boundary="----=_NextPart_000_0000_01D83503.5C4B2F40")
    (tmp_path / "page.mht").write_bytes(alternative.replace(b"multipart/related", b"multipart/alternative", 1))
    _read_as_the_page(capsys, tmp_path / "page.mht")


def test_an_archive_cut_short_keeps_its_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = chrome_archive(_page_part(), _image(1, 30_000), closed=False)
    (tmp_path / "cut.mhtml").write_bytes(archive[: len(archive) - 20_000])  # inside the photo
    _read_as_the_page(capsys, tmp_path / "cut.mhtml")


@pytest.mark.parametrize("inner_boundary", ["b10", "b1--related"])
def test_a_boundary_that_begins_another_does_not_split_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          inner_boundary: str) -> None:
    """--b1 opens a line of the inner parts' --b10 too: only a line with nothing after the boundary is one, and
    only one with nothing after its -- closes the parts (--b1--related closed them, and the page was not found)."""
    inner = f'Content-Type: multipart/related; boundary="{inner_boundary}"\n\n'.encode() + chrome_archive(
        _page_part(), _image(1, 3000), boundary=inner_boundary).split(b"\r\n\r\n\r\n", 1)[1]
    (tmp_path / "page.mhtml").write_bytes(chrome_archive(inner, boundary="b1"))
    _read_as_the_page(capsys, tmp_path / "page.mhtml")


@pytest.mark.parametrize("damage", [
    lambda archive: archive.replace(f'boundary="{BOUNDARY}"'.encode(), b""),  # no boundary named
    lambda archive: archive.replace(f"--{BOUNDARY}".encode(), b"--elsewhere"),  # named, never found
    lambda archive: archive.replace(f'boundary="{BOUNDARY}"'.encode(), b'boundary="' + b"=" * 1_000_000 + b'"'),
    lambda archive: archive.split(b"\r\n\r\n", 1)[0],  # headers only
], ids=["no-boundary", "boundary-not-found", "megabyte-boundary", "headers-only"])
def test_an_archive_whose_parts_cannot_be_found_is_named_as_such(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[bytes], bytes]) -> None:
    (tmp_path / "damaged.mhtml").write_bytes(damage(chrome_archive(_page_part(), _image(1, 3000))))
    assert main(["check", "--width", "300", str(tmp_path / "damaged.mhtml")]) == 2
    assert "不是有效的单文件网页（.mhtml/.mht）" in capsys.readouterr().out


@pytest.mark.parametrize("damage", [
    # Spaces after a boundary on its line are allowed (RFC 2046's transport padding), however many.
    lambda archive: archive.replace(f"--{BOUNDARY}\r\n".encode(), f"--{BOUNDARY}".encode() + b" " * 1_000_000 + b"\r\n"),
    lambda archive: archive.replace(b"Content-Type: text/html", b"Content-Type: text/html" + b';a="' * 300_000),
    lambda archive: archive.replace(b"Content-ID:", b"X-Padding: " + b"x" * 1_000_000 + b"\r\nContent-ID:"),
], ids=["megabyte-boundary-line", "megabyte-of-parameters", "megabyte-header"])
def test_an_archive_with_a_huge_line_still_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Callable[[bytes], bytes]) -> None:
    (tmp_path / "odd.mhtml").write_bytes(damage(chrome_archive(_page_part(), _image(1, 3000))))
    _read_as_the_page(capsys, tmp_path / "odd.mhtml")


@pytest.mark.parametrize("layout", [
    lambda archive: archive,  # Chrome's: From, Snapshot-Content-Location, … MIME-Version
    lambda archive: b"MIME-Version: 1.0\r\n" + archive.replace(b"MIME-Version: 1.0\r\n", b""),  # Word's: it first
], ids=["chrome", "mime-version-first"])
def test_an_archive_that_opens_with_a_utf8_bom_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: Callable[[bytes], bytes]) -> None:
    """Some tools put a BOM before the first header; it was refused as not a single-file web page."""
    (tmp_path / "bom.mht").write_bytes(b"\xef\xbb\xbf" + layout(chrome_archive(_page_part(), _image(1, 3000))))
    _read_as_the_page(capsys, tmp_path / "bom.mht")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_plain_page_named_mht_reads_as_the_page_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    """As some browsers save a page, or a page renamed: it was refused as not a single-file web page."""
    page = PAGE.read_text(encoding="utf-8")
    (tmp_path / "page.mht").write_bytes(page.replace("charset=utf-8", f"charset={encoding.removesuffix('-sig')}").encode(encoding))
    named_mht, original = _documents(capsys, tmp_path / "page.mht", PAGE)
    assert named_mht["error"] is None and named_mht["format"] == "html" and named_mht["score"] == original["score"]
    assert named_mht["title"] == TITLE and named_mht["metadata"] == original["metadata"]
    assert any("后缀是 .mht，内容其实是网页（HTML），已按网页读取" in note for note in named_mht["warnings"])


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"],
                         ids=["empty", "blank-lines", "bom", "bom-and-a-line"])
def test_an_empty_mht_is_named_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    (tmp_path / "empty.mht").write_bytes(content)
    assert main(["check", "--width", "300", str(tmp_path / "empty.mht")]) == 2
    assert "文件为空，没有可检查的内容" in capsys.readouterr().out


@pytest.mark.parametrize(("suffix", "sample", "note"), [
    (".mht", "xihu-2021.doc", "内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取"),
    (".mhtml", "xihu-2021.doc", "内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取"),
    (".mht", "xihu-2021.docx", "内容其实是 .docx 格式的 Word 文件，已按 .docx 读取"),
    (".mhtml", "xihu-2021.pdf", "内容其实是 PDF 文件，已按 PDF 读取"),
    (".mht", "xihu-2021.rtf", "内容其实是 RTF 文件，已按 RTF 读取"),
], ids=["doc-as-mht", "doc-as-mhtml", "docx", "pdf", "rtf"])
def test_a_document_named_mht_is_read_as_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, sample: str, note: str) -> None:
    """What a file really is is told as for a .doc: a PDF named .mht was "not a valid single-file web page", and
    so was a Word 97–2003 file, the commonest document of all."""
    (tmp_path / f"report{suffix}").write_bytes((SAMPLES / sample).read_bytes())
    named_mht, original = _documents(capsys, tmp_path / f"report{suffix}", SAMPLES / sample)
    assert named_mht["error"] is None and named_mht["format"] == original["format"]
    assert named_mht["score"] == original["score"] and named_mht["title"] == TITLE
    assert any(f"后缀是 {suffix}，{note}" in warning for warning in named_mht["warnings"])


@pytest.mark.parametrize(("content", "read_as", "note"), [
    (lambda: chrome_archive(_page_part(), _image(1, 3000)), "mhtml", "内容其实是单文件网页（MHTML），已按单文件网页读取"),
    (lambda: (SAMPLES / "xihu-2021.doc").read_bytes(), "doc", "内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取"),
    (lambda: (SAMPLES / "xihu-2021.docx").read_bytes(), "docx", "内容其实是 .docx 格式的 Word 文件，已按 .docx 读取"),
    (lambda: (SAMPLES / "xihu-2021.rtf").read_bytes(), "rtf", "内容其实是 RTF 文件，已按 RTF 读取"),
], ids=["web-archive", "doc", "docx", "rtf"])
def test_a_file_named_html_that_is_something_else_is_read_as_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Callable[[], bytes], read_as: str, note: str) -> None:
    """A page saved as a single file and renamed .html read as one line of MIME headers and base64, an RTF file
    as its control words; a Word file was refused as binary."""
    (tmp_path / "report.html").write_bytes(content())
    named_html, page = _documents(capsys, tmp_path / "report.html", PAGE)
    assert named_html["error"] is None and named_html["format"] == read_as and named_html["title"] == TITLE
    assert named_html["year"] == page["year"] == 2021
    assert any(f"后缀是 .html，{note}" in warning for warning in named_html["warnings"])


def test_a_web_archive_exported_by_a_site_with_blank_lines_before_its_headers_reads_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Sites' "export to Word" writes a web archive from a template (JSP, PHP) that leaves blank lines before the
    first header, and names it .doc: it was "not a valid single-file web page" whatever its name."""
    boundary = "----=_NextPart_01D83503.5C4B2F40"
    exported = (f'\r\n\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
                "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
                f'--{boundary}\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
                ).encode() + PAGE.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    (tmp_path / "report.doc").write_bytes(exported)
    (tmp_path / "report.mht").write_bytes(exported)
    for document in _documents(capsys, tmp_path / "report.doc", tmp_path / "report.mht"):
        assert document["error"] is None and document["format"] == "mhtml" and document["title"] == TITLE


# Word's automatic list number in a page it saves: the number, then spaces in a tiny font standing for the tab.
WORD_LIST_PARAGRAPH = ("<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt;mso-list:l0 level1 lfo1'>"
                       "<![if !supportLists]><span lang=EN-US style='font-size:16.0pt;font-family:黑体'><span\n"
                       "style='mso-list:Ignore'>{number}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;"
                       "&nbsp;&nbsp; </span></span></span><![endif]><b><span style='font-size:16.0pt;font-family:黑体'>"
                       "{words}<span lang=EN-US><o:p></o:p></span></span></b></p>")


def word_single_file_web_page(report: str) -> bytes:
    """Word's "Save as: Single File Web Page (*.mht)" of a report: gb2312, quoted-printable, its parts numbered by
    Word's lists (一、 … 四、), the files Word adds after the page."""
    paragraphs = "\n".join(
        WORD_LIST_PARAGRAPH.format(number=heading[1], words=html.escape(heading[2]))
        if (heading := re.match(r"([一二三四五六七八九十]+、)(.+)", line)) else
        f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>{html.escape(line)}</span></p>"
        for line in report.splitlines())
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n'
            '<head>\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n<meta name=ProgId '
            'content=Word.Document>\n<meta name=Generator content="Microsoft Word 15">\n</head>\n<body lang=ZH-CN>\n'
            f"<div class=WordSection1 style='layout-grid:15.6pt'>\n{paragraphs}\n</div>\n</body>\n</html>\n")
    boundary = "----=_NextPart_01D83503.5C4B2F40"
    return (f'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="{boundary}"\n\n'
            "此文档为“单个文件网页”，也称为“Web 档案”文件。\n\n"
            f"--{boundary}\nContent-Location: file:///C:/D8C1A0E5/report.htm\n"
            f'Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html; charset="gb2312"\n\n'
            ).encode("gb18030").replace(b"\n", b"\r\n") + quopri.encodestring(page.encode("gb18030")).replace(
        b"\n", b"\r\n") + (f"\r\n--{boundary}\r\nContent-Location: file:///C:/D8C1A0E5/report.files/filelist.xml\r\n"
                           f"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset=\"utf-8\"\r\n\r\n"
                           f'<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n</xml>\r\n--{boundary}--\r\n').encode()


def test_a_report_word_saved_as_a_single_file_web_page_reads_as_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The parts' headings of a report Word numbered itself (一、 … 四、) read "四、\xa0\xa0\xa0\xa0\xa0\xa0 2022年工作安排": the
    spaces Word writes for the tab after a list number hid the plan part, and the report lost its points."""
    (tmp_path / "report.mht").write_bytes(word_single_file_web_page((SAMPLES / "xihu-2021.txt").read_text(encoding="utf-8")))
    saved, report = _documents(capsys, tmp_path / "report.mht", SAMPLES / "xihu-2021.txt")
    assert saved["error"] is None and saved["format"] == "mhtml" and saved["encoding"] == "gb18030"
    assert saved["parts"]["next_year_plan"]["heading"] == "四、2022年工作安排"
    assert saved["parts"] == {name: {**part, "location": saved["parts"][name]["location"]}
                              for name, part in report["parts"].items()}
    assert saved["score"] == report["score"]
