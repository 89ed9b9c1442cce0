"""Hostile inputs: unreadable files are one clear line and exit 2; awkward ones are checked and keep their facts.

Each case runs the command line as a user would. None of them may print a traceback; the readers
never read outside the file they were given.
"""

from __future__ import annotations

import io
import json
import os
import random
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED

from compliance.cli import main
from compliance.formatters import BINARY_FORMATS, FORMATTERS

SEED_TITLE = "南昌市西湖区2021年度法治政府建设情况报告"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, json.loads(captured.out), captured.err


def _refused(capsys: pytest.CaptureFixture[str], path: Path, *codes: str, args: tuple[str, ...] = ()) -> dict:
    """The file is an error entry with one of `codes`, a one-line message naming it, and exit code 2."""
    code, data, _ = _run(capsys, *args, str(path))
    error = data["documents"][0]["error"]
    assert code == 2 and error["code"] in codes, error
    assert str(path) in error["message"] and "\n" not in error["message"]
    return error


def _checked(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict:
    """The file is checked normally (exit 0 or 1) and read as the seed report."""
    code, data, _ = _run(capsys, *args, str(path))
    document = data["documents"][0]
    assert code in (0, 1) and document["error"] is None, document["error"]
    return document


def _checked_in_bounded_time(path: Path) -> dict:
    """The file checked by the command line in its own process, whose hang fails the test by timeout."""
    completed = subprocess.run([sys.executable, "-m", "compliance", "check", "--format", "json", str(path)],
                               capture_output=True, timeout=120, check=False)
    assert completed.returncode in (0, 1), completed.stderr.decode()
    return json.loads(completed.stdout)["documents"][0]


def _docx(path: Path, document_xml: bytes | str) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", document_xml)
    path.write_bytes(buffer.getvalue())
    return path


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)


# ---------------------------------------------------------------- unreadable: exit 2, one line


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    _refused(capsys, path, "empty")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_whitespace_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"blank{suffix}"
    path.write_bytes(b" \r\n\t\n   \n")
    _refused(capsys, path, "empty")


def test_html_with_markup_but_no_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><head><script>load()</script></head><body><div id='app'></div></body></html>", encoding="utf-8")
    _refused(capsys, path, "empty")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_random_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    _refused(capsys, path, "binary", "invalid", "decode")


def test_text_file_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(SEED.read_bytes())
    error = _refused(capsys, path, "invalid")
    assert "不是有效的 Word 文件" in error["message"]


def test_broken_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.pdf"
    data = (SAMPLES / "xihu-2021.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a download that stopped half way
    _refused(capsys, path, "invalid")


@pytest.mark.parametrize(("lang", "said"), [("zh", "用 AES 加密"), ("en", "AES-encrypted")])
def test_pdf_locked_with_aes_but_no_password_to_open_it(capsys: pytest.CaptureFixture[str], lang: str, said: str) -> None:
    """Sites often publish PDFs locked against copying (AES, an owner password only): any reader opens them.
    Made by pypdf with cryptography: a blank page, encrypt(user_password="", algorithm="AES-128")."""
    import importlib.util

    path = Path(__file__).parent / "data" / "aes-owner-password-only.pdf"
    if importlib.util.find_spec("cryptography") is not None:
        _refused(capsys, path, "no_text", args=("--lang", lang))  # read: it only has no text
        return
    error = _refused(capsys, path, "encrypted", args=("--lang", lang))
    assert said in error["message"] and "pip install cryptography" in error["message"]
    assert "不是有效的 PDF" not in error["message"] and "not a valid PDF" not in error["message"]


def test_zip_bomb_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package, \
            package.open("word/document.xml", "w") as member:
        member.write(f"<w:document {W_NS}><w:body><w:p><w:r><w:t>".encode())
        block = "法" * (1 << 20)
        for _ in range(40):  # 120 MB of text inflated from about 120 KB
            member.write(block.encode())
    assert path.stat().st_size < 1024 * 1024
    error = _refused(capsys, path, "too_large")
    assert "压缩炸弹" in error["message"]


def test_symlink_loop_inside_a_folder_is_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "xihu.html").write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    code, data, _ = _run(capsys, str(folder))
    assert code == 0 and [Path(d["path"]).name for d in data["documents"]] == ["xihu.html"]


def test_symlink_loop_given_directly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    _refused(capsys, tmp_path / "a.txt", "unreadable")


def test_fifo_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.txt"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    error = _refused(capsys, path, "unreadable")
    assert "不是普通文件" in error["message"]


def test_file_without_read_permission(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes((SAMPLES / "xihu-2021.docx").read_bytes())
    real_open = Path.open

    def denied(self: Path, *args, **kwargs):  # tests run as root, where chmod 000 does not stop reading
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    error = _refused(capsys, path, "unreadable")
    assert "没有读取权限" in error["message"]


def test_file_over_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    error = _refused(capsys, SAMPLES / "xihu-2021.pdf", "too_large", args=("--max-bytes", "100000"))
    assert "--max-bytes" in error["message"]


# ---------------------------------------------------------------- awkward: checked normally


def test_page_whose_meta_charset_lies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312")
    path = tmp_path / "lying.html"
    path.write_bytes(page.encode("utf-8"))
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["encoding"] == "utf-8"
    assert document["metadata"]["publisher"]["value"] == "西湖区司法局"
    assert any("gb2312" in warning for warning in document["warnings"])


@pytest.mark.parametrize("charset", ["undefined", "unicode_escape", "utf-16", "utf-7", "palmos"])
def test_gbk_page_declaring_a_charset_no_browser_knows(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        charset: str) -> None:
    """Python knows these codecs, browsers do not: the declaration is ignored and the bytes say GBK."""
    page = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8").replace("charset=utf-8", f"charset={charset}")
    path = tmp_path / "declared.html"
    path.write_bytes(page.encode("gbk"))
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["encoding"] == "gb18030"
    assert document["metadata"]["publisher"]["value"] == "西湖区司法局"


def test_utf8_truncated_mid_character(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (SAMPLES / "xihu-2021.html").read_bytes()
    cut = data.index("加大考核结果运用".encode()) + 2  # inside 加, in the last paragraph
    path = tmp_path / "cut.html"
    path.write_bytes(data[:cut])
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["published"] == "2022-03-11"
    assert any("截断" in warning for warning in document["warnings"])


def test_five_megabyte_single_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "坚持依法行政，推进严格规范公正文明执法，全年办理行政复议案件39件。" * (5 * 1024 * 1024 // 96)
    path = tmp_path / "long.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["parts"]["next_year_plan"]["found"]


def test_fifty_thousand_nested_divs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8")
    depth = 50_000
    page = page.replace('<div class="article">', "<div>" * depth + '<div class="article">', 1)
    page = page.replace('<div class="footer">', "</div>" * depth + '<div class="footer">', 1)
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE
    assert all(document["parts"][p]["found"] for p in ("measures_and_results", "shortcomings", "next_year_plan"))


@pytest.mark.parametrize("section", ["<![foo[ 旧版编辑器残留 ]]>", "<![ if mso]>", "<![CDATA[ 脚本残留 ]]>"])
def test_page_with_an_odd_marked_section_is_read_as_a_browser_shows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str) -> None:
    page = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8")
    page = page.replace('<div class="article-content" id="zoom">',
                        f'<div class="article-content" id="zoom">{section}', 1)
    path = tmp_path / "odd-section.html"
    path.write_text(page, encoding="utf-8")
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["passed"]
    assert all(document["parts"][p]["found"] for p in ("measures_and_results", "shortcomings", "next_year_plan"))
    assert "残留" not in json.dumps(document, ensure_ascii=False)  # a comment to the browser, not report text


def test_docx_with_external_entity_is_read_without_resolving_it(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    body = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY local SYSTEM "file://{secret}">'
           f'<!ENTITY remote SYSTEM "http://127.0.0.1:{port}/leak">]>'
           f"<w:document {W_NS}><w:body>{_paragraphs(*body[:6])}"
           f"<w:p><w:r><w:t>{body[6]}&local;&remote;</w:t></w:r></w:p>{_paragraphs(*body[7:])}</w:body></w:document>")
    path = _docx(tmp_path / "xxe.docx", xml)
    try:
        document = _checked(capsys, path)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected: the entity was never fetched
    finally:
        listener.close()
    assert document["title"] == SEED_TITLE
    assert "TOP-SECRET-TOKEN" not in json.dumps(document, ensure_ascii=False)


def test_heading_look_alikes_and_backtracking_bait(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bait = [
        " " * 100_000 + "x",  # runs of spaces before a non-space (nested quantifiers over \s)
        "•" + " " * 100_000 + "分",
        "一" * 100_000 + "、",  # numerals that never reach a unit
        "(" * 50_000 + "一" * 50_000,
        "索引号" + " " * 100_000 + "x",
        "2021" + " " * 50_000 + "年" + " " * 50_000,
        *(f"{'一二三四五六七八九十'[i % 10]}、主要举措和成效" for i in range(2000)),
        *(f"（{'一二三四五'[i % 5]}）1、①一是存在的不足和原因" for i in range(2000)),
    ]
    path = tmp_path / "bait.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n" + "\n".join(bait) + "\n", encoding="utf-8")
    document = _checked(capsys, path)
    assert document["title"] == SEED_TITLE and document["year"] == 2021


# ---------------------------------------------------------------- batches


@pytest.mark.parametrize("output", sorted(FORMATTERS))
def test_batch_of_formats_with_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str) -> None:
    for name in ("xihu-2021.html", "xihu-2021.docx", "xihu-2021.pdf"):
        (tmp_path / f"a-{name}").write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "b-fake.docx").write_bytes(SEED.read_bytes())
    (tmp_path / "c-cut.pdf").write_bytes((SAMPLES / "xihu-2021.pdf").read_bytes()[:5000])
    (tmp_path / "notes.yaml").write_text("ignored: true", encoding="utf-8")
    if output in BINARY_FORMATS:
        target = tmp_path.parent / f"out.{output}"
        assert main(["check", "--format", output, "--output", str(target), str(tmp_path)]) == 2
        from openpyxl import load_workbook

        cells = [str(c.value) for row in load_workbook(target).worksheets[0].iter_rows() for c in row if c.value]
        for name in ("b-fake.docx", "c-cut.pdf", "a-xihu-2021.pdf"):
            assert any(name in cell for cell in cells)
        return
    assert main(["check", "--format", output, "--width", "200", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    if output == "json":
        documents = json.loads(captured.out)["documents"]
        assert [Path(d["path"]).name for d in documents] == [
            "a-xihu-2021.docx", "a-xihu-2021.html", "a-xihu-2021.pdf", "b-fake.docx", "c-cut.pdf"]
        assert [d["passed"] for d in documents[:3]] == [True, True, True]
        assert len({d["score"]["total"] if isinstance(d["score"], dict) else d["score"] for d in documents[:3]}) == 1
        assert [d["error"]["code"] for d in documents[3:]] == ["invalid", "invalid"]
    else:
        for name in ("b-fake.docx", "c-cut.pdf", "a-xihu-2021.pdf"):
            assert name in captured.out
        assert "不是有效的 Word 文件" in captured.out and "不是有效的 PDF 文件" in captured.out


@pytest.mark.parametrize("tail", [
    "<!--x>" * 400_000,  # comments that never close, each with a > after it
    "</" * 1_000_000,  # end tags with no > anywhere after them
    "<?" * 1_000_000,
    "<a" * 1_000_000,
], ids=["unclosed-comments", "end-tags", "instructions", "start-tags"])
def test_page_ending_in_markup_that_never_closes_is_read_in_bounded_time(tmp_path: Path, tail: str) -> None:
    """html.parser searched to the end of the page again at each of these: 2 MB took hours. A browser
    shows nothing of them, and neither do we; a hang fails by timeout."""
    page = (SAMPLES / "xihu-2021.html").read_text(encoding="utf-8") + tail  # a page cut short, or hostile
    path = tmp_path / "tail.html"
    path.write_text(page, encoding="utf-8")
    document = _checked_in_bounded_time(path)
    assert document["title"] == SEED_TITLE and document["metadata"]["publisher"]["value"] == "西湖区司法局"
    assert document["passed"]
    assert "<!--" not in json.dumps(document, ensure_ascii=False)


def test_docx_with_a_table_row_of_300_000_cells_is_read_in_bounded_time(tmp_path: Path) -> None:
    """A Word file of 150 KB: reading the row once took minutes (lxml cleared it in quadratic time while a
    reference to the row was alive); a hang fails by timeout."""
    body = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    cell = "<w:tc><w:p><w:r><w:t>—</w:t></w:r></w:p></w:tc>"  # an empty form's dashes
    table = f"<w:tbl><w:tr>{cell * 300_000}</w:tr></w:tbl>"
    path = _docx(tmp_path / "wide.docx", f"<w:document {W_NS}><w:body>{_paragraphs(*body)}{table}</w:body></w:document>")
    document = _checked_in_bounded_time(path)
    assert document["title"] == SEED_TITLE and document["parts"]["next_year_plan"]["found"]


def test_a_table_pasted_as_one_line_of_a_million_figures_is_checked_in_bounded_time(tmp_path: Path) -> None:
    """Each figure's check for list numbering sliced the line up to it: quadratic, minutes for these 3 MB.
    A hang fails by timeout."""
    path = tmp_path / "pasted-table.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n附表：" + "12 " * 1_000_000 + "\n", encoding="utf-8")
    document = _checked_in_bounded_time(path)
    assert document["title"] == SEED_TITLE and document["indicators"]["reconsideration_received"]["value"] == 39


@pytest.mark.parametrize("bait", [
    "“" * 100_000,  # a hundred thousand unpaired quotes: one finding each, capped
    "在个" * 50_000,  # a measure word without its number, fifty thousand times
    " " * 100_000 + "1)",  # spaces before an item number: the year-slip and bracket patterns must not backtrack
    "同比增长5%，" * 20_000,
], ids=["quotes", "lost-numerals", "spaces-before-item", "claims"])
def test_repetitive_damage_is_checked_in_bounded_time(tmp_path: Path, bait: str) -> None:
    """Each of these once took minutes in one rule (quadratic work per finding); a hang fails by timeout."""
    path = tmp_path / "damaged.txt"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n" + bait + "\n", encoding="utf-8")
    findings = _checked_in_bounded_time(path)["findings"]
    assert all(len(f["evidence"]) <= 101 for f in findings)
