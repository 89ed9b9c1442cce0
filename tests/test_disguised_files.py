"""Files as sites serve them: a page saved as a single file (.mhtml), and ".doc" files that are something else."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from email.charset import QP, Charset
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from helpers import SAMPLES

from compliance.cli import main

PAGE = SAMPLES / "xihu-2021.html"


def _web_archive(page: str, encoding: str = "utf-8") -> bytes:
    """The page as Chrome's "Webpage, Single File" saves it: MIME, the HTML quoted-printable."""
    archive = MIMEMultipart("related", type="text/html")
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = "http://www.ncxh.gov.cn/zwgk/art/2022/3/11/art_1.html"
    charset = Charset(encoding)
    charset.body_encoding = QP
    part = MIMEText("", "html")
    part.set_payload(page.encode(encoding), charset)
    archive.attach(part)
    return archive.as_bytes()


def _documents(capsys: pytest.CaptureFixture[str], *paths: Path) -> list[dict[str, object]]:
    main(["check", "--format", "json", *map(str, paths)])
    return json.loads(capsys.readouterr().out)["documents"]  # type: ignore[no-any-return]


def test_a_page_saved_as_a_single_file_reads_as_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # In GBK, and saying so only in the MIME part's header: the page's own <meta charset> is gone.
    page = PAGE.read_text(encoding="utf-8").replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    (tmp_path / "page.mhtml").write_bytes(_web_archive(page, "gbk"))
    archived, original = _documents(capsys, tmp_path / "page.mhtml", PAGE)
    assert archived["format"] == "mhtml" and archived["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert archived["score"] == original["score"] and archived["metadata"] == original["metadata"]


def test_a_web_archive_with_no_page_in_it_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.mht").write_bytes(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nnot a page\n")
    assert main(["check", "--width", "300", str(tmp_path / "empty.mht")]) == 2
    assert "不是有效的单文件网页（.mhtml/.mht）" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "read_as", "note"), [
    (lambda: (SAMPLES / "xihu-2021.docx").read_bytes(), "docx", "内容其实是 .docx 格式的 Word 文件"),
    (lambda: PAGE.read_bytes(), "html", "内容其实是网页（HTML）"),
    (lambda: _web_archive(PAGE.read_text(encoding="utf-8")), "mhtml", "内容其实是单文件网页（MHTML）"),
], ids=["docx", "web-page", "single-file-web-page"])
def test_a_doc_that_is_something_else_is_read_as_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Callable[[], bytes], read_as: str, note: str) -> None:
    (tmp_path / "report.doc").write_bytes(content())
    assert main(["check", "--format", "json", str(tmp_path / "report.doc")]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["format"] == read_as and document["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert any(note in warning for warning in document["warnings"])


def test_a_doc_that_is_rtf_is_read_as_rtf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.doc").write_bytes((SAMPLES / "xihu-2021.rtf").read_bytes())
    shutil.copy(SAMPLES / "xihu-2021.doc", tmp_path / "real.doc")
    real, rtf = _documents(capsys, tmp_path / "real.doc", tmp_path / "report.doc")
    assert real["format"] == "doc" and real["warnings"] == []
    assert rtf["format"] == "rtf" and rtf["score"] == real["score"]
    assert any("内容其实是 RTF 文件，已按 RTF 读取" in warning for warning in rtf["warnings"])  # type: ignore[union-attr]


def test_a_web_archive_nested_thousands_deep_is_damaged_not_an_internal_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nested = b"MIME-Version: 1.0\n" + b"".join(
        f'Content-Type: multipart/related; boundary="b{depth}"\n\n--b{depth}\n'.encode() for depth in range(3000))
    (tmp_path / "deep.mhtml").write_bytes(nested + b"Content-Type: text/html\n\n<p>x</p>\n")
    assert main(["check", "--format", "json", str(tmp_path / "deep.mhtml")]) == 2
    assert json.loads(capsys.readouterr().out)["documents"][0]["error"]["code"] == "invalid"


def test_a_doc_that_is_a_web_page_in_utf_16_is_read_as_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word saves a web page in UTF-16 when its encoding is set to Unicode; named .doc, it was refused as a
    damaged Word 97–2003 file, though the same bytes named .html read."""
    page = PAGE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=unicode")
    (tmp_path / "report.doc").write_bytes(page.encode("utf-16"))
    assert main(["check", "--format", "json", str(tmp_path / "report.doc")]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["format"] == "html" and document["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert any("内容其实是网页（HTML）" in warning for warning in document["warnings"])


def test_a_web_archive_of_a_page_in_utf_16_reads_as_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word's web archive saved with the Unicode encoding: the page part is UTF-16 with its BOM, and the MIME
    header names the charset too. Before, it was refused as binary (不是文本文件)."""
    archive = _web_archive(PAGE.read_text(encoding="utf-8").replace("; charset=utf-8", ""), "utf-16")
    (tmp_path / "report.mht").write_bytes(archive)
    (document,) = _documents(capsys, tmp_path / "report.mht")
    assert document["format"] == "mhtml" and document["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert document["error"] is None


def test_a_doc_that_is_a_pdf_is_read_as_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before, a PDF named .doc was refused as not a readable Word file, and told to save itself as PDF."""
    shutil.copy(SAMPLES / "xihu-2021.pdf", tmp_path / "report.doc")
    shutil.copy(SAMPLES / "xihu-2021.pdf", tmp_path / "report.pdf")
    named_doc, pdf = _documents(capsys, tmp_path / "report.doc", tmp_path / "report.pdf")
    assert named_doc["format"] == "pdf" and named_doc["score"] == pdf["score"] and named_doc["error"] is None
    assert any("内容其实是 PDF 文件，已按 PDF 读取" in warning for warning in named_doc["warnings"])  # type: ignore[union-attr]


WORD_2003_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>发布机构：</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>青岚区司法局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>青岚区司法局2023年度法治政府建设情况报告</w:t></w:r></w:p>
<w:p><w:r><w:t>全年受理行政复议案件</w:t></w:r><w:r><w:t>39件</w:t></w:r><w:r><w:tab/><w:t>审结36件。</w:t></w:r></w:p>
</w:body></w:wordDocument>"""


def test_a_doc_that_is_word_2003_xml_is_read_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What many document systems export and name .doc; before, "not a readable Word 97–2003 file"."""
    (tmp_path / "report.doc").write_text(WORD_2003_XML, encoding="utf-8")
    (tmp_path / "broken.doc").write_text(WORD_2003_XML[:400], encoding="utf-8")
    broken, report = _documents(capsys, tmp_path / "broken.doc", tmp_path / "report.doc")
    assert report["format"] == "wordml" and report["title"] == "青岚区司法局2023年度法治政府建设情况报告"
    assert report["metadata"]["publisher"]["value"] == "青岚区司法局"  # type: ignore[index]
    assert any("内容其实是 Word 2003 XML 文档" in warning for warning in report["warnings"])  # type: ignore[union-attr]
    assert "不是有效的 Word 2003 XML 文档" in broken["error"]["message"]  # type: ignore[index]


@pytest.mark.parametrize(("content", "what", "reason"), [
    (lambda: (SAMPLES / "xihu-2021.docx").read_bytes()[:3000], "内容其实是 .docx 格式的 Word 文件", "不是有效的 Word 文件（.docx）"),
    (lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<", "内容其实是 PDF 文件", "不是有效的 PDF 文件"),
])
def test_a_damaged_file_named_doc_says_what_it_really_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: Callable[[], bytes], what: str, reason: str) -> None:
    """A damaged .docx named .doc was told "not a valid Word file (.docx)" alone: a mistake, to a user with a .doc."""
    (tmp_path / "report.doc").write_bytes(content())
    assert main(["check", "--format", "json", str(tmp_path / "report.doc")]) == 2
    error = json.loads(capsys.readouterr().out)["documents"][0]["error"]
    assert error["code"] == "invalid" and f"后缀是 .doc，{what}" in error["message"]
    assert "，但读取失败：" + reason in error["message"] and error["message"].count(str(tmp_path)) == 1


@pytest.mark.parametrize("suffix", [".doc", ".mht", ".html"])
def test_an_office_file_that_is_no_word_file_is_refused_as_what_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    """An Excel sheet uploaded in place of the report (both are Office 97–2003 compound files) was "really a Word
    97–2003 file … but that failed" under .mht or .html; under .doc, "not a readable .doc: save it as .docx"."""
    word_file = (SAMPLES / "xihu-2021.doc").read_bytes()
    # The same compound file with its main stream named as no Word file names it: what an .xls or .ppt is.
    sheet = word_file.replace("WordDocument".encode("utf-16-le"), "WorkbookData".encode("utf-16-le"))
    (tmp_path / f"指标{suffix}").write_bytes(sheet)
    (tmp_path / "报告.doc").write_bytes(word_file)
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    documents = {Path(document["path"]).name: document for document in json.loads(capsys.readouterr().out)["documents"]}
    refused = documents[f"指标{suffix}"]["error"]
    assert refused["code"] == "unsupported"
    assert f"后缀是 {suffix}，内容其实是 Office 文件，但不是 Word 文档" in refused["message"]
    assert "Word 97–2003 文件（.doc）" not in refused["message"]
    assert documents["报告.doc"]["error"] is None and documents["报告.doc"]["year"] == 2021


def test_an_excel_workbook_named_doc_is_refused_as_what_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An .xlsx of the year's figures sent as 统计表.doc was "really a .docx Word file … but that failed: not a valid
    Word file (.docx)", which sent the office looking for a fault in a Word file it never made."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["指标", "数值"])
    workbook.active.append(["行政机关负责人出庭应诉率", "100%"])
    workbook.save(tmp_path / "统计表.doc")
    assert main(["check", "--format", "json", str(tmp_path / "统计表.doc")]) == 2
    refused = json.loads(capsys.readouterr().out)["documents"][0]["error"]
    assert refused["code"] == "unsupported"
    assert "后缀是 .doc，内容其实是 Office 文件，但不是 Word 文档" in refused["message"]
    assert ".docx 格式的 Word 文件" not in refused["message"]
