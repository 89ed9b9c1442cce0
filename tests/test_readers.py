"""Reading text files: encodings, line endings, and files that cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from helpers import SEED

from compliance.cli import main
from compliance.errors import DocumentError
from compliance.readers import read_document

TEXT = SEED.read_text(encoding="utf-8")
GBK_TEXT = TEXT.encode("gbk", errors="replace").decode("gbk")  # GBK lacks • and NBSP; GB18030 has all


@pytest.mark.parametrize(
    ("original", "encoded", "encoding"),
    [
        (TEXT, TEXT.encode("utf-8"), "utf-8"),
        (TEXT, codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT, TEXT.encode("gb18030"), "gb18030"),
        (GBK_TEXT, GBK_TEXT.encode("gbk"), "gb18030"),
        (TEXT, TEXT.encode("utf-16"), "utf-16"),
        (TEXT, TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "crlf"],
)
def test_every_encoding_gives_the_same_lines(tmp_path: Path, original: str, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(encoded)
    source = read_document(path)
    assert source.encoding == encoding
    assert source.lines == tuple(original.split("\n"))
    assert source.lines[6] == "南昌市西湖区2021年度法治政府建设情况报告"


def _error(tmp_path: Path, name: str, content: bytes, **kwargs: int) -> DocumentError:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(path, **kwargs)
    assert str(path) in caught.value.text.zh and str(path) in caught.value.text.en
    return caught.value


def test_empty_file(tmp_path: Path) -> None:
    assert _error(tmp_path, "empty.txt", b"").code == "empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert _error(tmp_path, "blank.txt", " \r\n\t\n\u3000".encode()).code == "empty"


def test_binary_file(tmp_path: Path) -> None:
    assert _error(tmp_path, "image.txt", bytes(range(256)) * 8).code == "binary"


def test_undecodable_file(tmp_path: Path) -> None:
    # Latin-1 bytes that are neither UTF-8 nor sensible GB18030
    error = _error(tmp_path, "latin.txt", ("Résumé señor " * 50).encode("latin-1") + b"\x80\x81\xff" * 50)
    assert error.code in ("decode", "binary")


def test_utf8_cut_inside_a_character_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(TEXT.encode("utf-8")[:-2])
    source = read_document(path)
    assert source.encoding == "utf-8"
    assert source.warnings and "截断" in source.warnings[0].zh


def test_unsupported_suffix(tmp_path: Path) -> None:
    error = _error(tmp_path, "report.xyz", b"text")
    assert error.code == "unsupported" and ".xyz" in error.text.en


def test_a_file_without_suffix_is_named_as_such(tmp_path: Path) -> None:
    error = _error(tmp_path, "报告", "某县2023年度法治政府建设情况报告".encode())
    assert error.code == "unsupported"
    assert "文件名没有后缀，无法判断文件类型（支持：" in error.text.zh and "(none)" not in error.text.zh
    assert "the file name has no suffix" in error.text.en


@pytest.mark.parametrize("typed", ["reprots/", "reprots", "2023年度报告.xlsx"])
def test_a_mistyped_folder_or_file_is_said_not_to_exist(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], typed: str) -> None:
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["check", typed]) == 2
    out = capsys.readouterr().out
    assert f"{typed.rstrip('/')}：文件不存在" in out
    assert "后缀" not in out  # not told the file type is unknown, as if the file were there
    assert main(["check", "--lang", "en", typed]) == 2
    assert f"{typed.rstrip('/')}: no such file" in capsys.readouterr().out


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "nope.txt")
    assert caught.value.code == "not_found"


def test_over_the_size_limit(tmp_path: Path) -> None:
    error = _error(tmp_path, "big.txt", TEXT.encode("utf-8"), max_bytes=1000)
    assert error.code == "too_large" and "--max-bytes" in error.text.en


def test_a_text_report_is_checked_without_importing_the_other_formats_readers() -> None:
    """lxml, pypdf, olefile and every codec module cost ~20 ms of a ~190 ms cold start; a .txt needs none."""
    import os
    import subprocess
    import sys

    from helpers import SAMPLES

    heavy = ("lxml", "pypdf", "olefile", "encodings.iso8859_10")
    script = ("import sys; from compliance.cli import main; "
              f"main(['check', '--format', 'json', '--no-config', '-o', {os.devnull!r}, {str(SEED)!r}]); "
              f"print([name for name in {heavy!r} if name in sys.modules]); "
              f"main(['check', '--format', 'json', '--no-config', '-o', {os.devnull!r}, {str(SAMPLES / 'xihu-2021.docx')!r}]); "
              "print('lxml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-2:] == ["[]", "True"]
