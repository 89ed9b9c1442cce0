"""Property tests: whatever bytes or text arrive, readers and parser fail only with DocumentError."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import DocumentError
from compliance.model import Source
from compliance.readers import READERS, read_document, split_lines
from compliance.structure import build, fold

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = sorted(READERS)
# Report-shaped text: numbering, labels, dates, markup and the characters the parser cares about.
PIECES = st.sampled_from([
    "一、", "（二）", "3、", "①", "一是", "第一部分", "索引号：", "发布机构:", "生成日期：2022-03-11", "2021年",
    "二〇二二年三月十日", "法治政府建设情况报告", "存在的不足和原因", "。", "\n", "\r\n", " ", "\u3000", "•",
    "<p>", "</p>", "<div class='share'>", "<table><tr><th>", "<td>", "<meta charset='gbk'>", "&nbsp;", "<br>",
    "<!--", "<script>", "繁體報告", "39件", "15万余件", "100%",
])
REPORTISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _read(folder: Path, suffix: str, data: bytes) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        source = read_document(path)
    except DocumentError:
        return
    document = build(source)
    assert len(document.matchable) == len(document.lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@SETTINGS
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=2048))
def test_arbitrary_bytes_with_any_suffix(folder: Path, suffix: str, data: bytes) -> None:
    _read(folder, suffix, data)


@SETTINGS
@given(suffix=st.sampled_from(SUFFIXES), content=REPORTISH, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_report_shaped_text_with_any_suffix(folder: Path, suffix: str, content: str, encoding: str) -> None:
    _read(folder, suffix, content.encode(encoding, errors="replace"))


@SETTINGS
@given(content=REPORTISH, damage=st.integers(min_value=0, max_value=400))
def test_damaged_docx(folder: Path, content: str, damage: int) -> None:
    path = folder / "made.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        escaped = content.replace("&", "&amp;").replace("<", "&lt;")
        package.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                         f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{escaped}</w:t></w:r></w:p></w:body></w:document>')
    data = bytearray(path.read_bytes())
    if damage and damage < len(data):
        data[damage] ^= 0xFF
    _read(folder, ".docx", bytes(data))


@SETTINGS
@given(content=st.one_of(REPORTISH, st.text(max_size=300)))
def test_parser_accepts_any_text(content: str) -> None:
    document = build(Source(path="<text>", format="txt", encoding="utf-8", lines=split_lines(content)))
    assert document.lines == split_lines(content)  # the original text is kept as read
    assert all(len(fold(line)) == len(line) for line in document.lines)  # one character for one


PDF = (Path(__file__).resolve().parents[1] / "samples" / "xihu-2021.pdf").read_bytes()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=len(PDF) - 1), cut=st.booleans(), value=st.integers(0, 255))
def test_damaged_pdf(folder: Path, position: int, cut: bool, value: int) -> None:
    data = bytearray(PDF)
    if cut:
        del data[position:]
    else:
        data[position] = value
    _read(folder, ".pdf", bytes(data))
