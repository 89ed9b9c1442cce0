"""Rich Text Format: read as the Word file it was saved from; Chinese in GBK bytes as WPS and Word write it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SAMPLES

from compliance.cli import main
from compliance.readers import read_document
from compliance.readers.rtf import rtf_text


def _gbk(text_: str) -> str:
    """`text_` as Chinese Word and WPS write it in RTF: each GBK byte as \\'hh."""
    return "".join(character if character.isascii() else "".join(f"\\'{byte:02x}" for byte in character.encode("gbk"))
                   for character in text_)


def test_an_rtf_reads_line_for_line_as_the_docx_it_was_saved_from() -> None:
    saved, original = read_document(SAMPLES / "xihu-2021.rtf"), read_document(SAMPLES / "xihu-2021.docx")
    assert saved.format == "rtf" and saved.lines == original.lines


def test_gbk_bytes_fields_and_left_out_destinations() -> None:
    rtf = ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + _gbk("宋体") + ";}}"
           "{\\*\\generator WPS Office;}{\\info{\\title " + _gbk("草稿") + "}}"
           "{\\header " + _gbk("青岚区司法局") + "\\par}"
           "\\f0 " + _gbk("青岚区2023年度法治政府建设情况报告") + "\\par "
           + _gbk("详见") + "{\\field{\\*\\fldinst HYPERLINK \"http://sfj.example.gov.cn\"}{\\fldrslt " + _gbk("司法局网站") + "}}"
           + _gbk("。全年受理行政复议案件") + "39" + _gbk("件") + "\\u65292?" + _gbk("审结") + "36" + _gbk("件。")
           + "{\\footnote " + _gbk("注：含上年结转") + "}\\par}")
    assert rtf_text(rtf.encode("ascii")).split("\n")[:2] == [
        "青岚区2023年度法治政府建设情况报告", "详见司法局网站。全年受理行政复议案件39件，审结36件。"]


def test_a_table_row_is_a_line_its_empty_cells_left_out(tmp_path: Path) -> None:
    rtf = ("{\\rtf1\\ansi\\ansicpg936 " + _gbk("青岚区2023年度法治政府建设情况报告") + "\\par\\trowd\\cellx1000\\cellx2000"
           "\\cellx3000 " + _gbk("文件编号：") + "\\cell\\cell " + _gbk("有效性：") + "\\cell\\row }")
    (tmp_path / "report.rtf").write_bytes(rtf.encode("ascii"))
    assert read_document(tmp_path / "report.rtf").lines == ("青岚区2023年度法治政府建设情况报告", "文件编号：  有效性：")


def test_binary_data_and_deep_groups_are_no_text(tmp_path: Path) -> None:
    rtf = (b"{\\rtf1\\ansi " + b"{" * 50_000 + b"\\b " + b"}" * 50_000
           + b"{\\pict\\bin5 {}\\'x}" + b"\\u-28671?\\bin3 {{{" + b"ok\\par}")
    assert rtf_text(rtf).split("\n")[0] == "\u9001ok"


def test_a_file_named_rtf_that_is_not_one_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.rtf").write_text("某县2023年度法治政府建设情况报告", encoding="utf-8")
    assert main(["check", "--format", "json", str(tmp_path / "report.rtf")]) == 2
    assert "不是有效的 RTF 文件" in json.loads(capsys.readouterr().out)["documents"][0]["error"]["message"]


def test_a_character_beyond_the_basic_plane_is_paired_and_a_lone_half_replaced() -> None:
    # 𠀀 (U+20000) as RTF writes it, two \uN of its UTF-16 surrogates; then a high surrogate alone.
    assert rtf_text(b"{\\rtf1 \\u-10176?\\u-9216?x\\u55296?y}") == "\U00020000x\ufffdy"
