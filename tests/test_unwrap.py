"""A report pasted out of its PDF, one printed line per line, reads as the report itself (structure/unwrap.py)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from helpers import SEED, document

from compliance.cli import main
from compliance.model import Location, Source
from compliance.readers import read_document
from compliance.structure import build
from compliance.structure.unwrap import _width, physical

HEADER = "南昌市西湖区2021年度法治政府建设情况报告"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _printed(text: str, width: int, measure: Callable[[str], int], page_lines: int = 30) -> list[str]:
    """`text` as a PDF prints it and a paste gives it back: each paragraph broken where a line fills `width`,
    no blank lines, and a page number and the running header between pages, in mid-sentence."""
    printed: list[str] = []
    for paragraph in filter(None, (line.strip() for line in text.splitlines())):
        line = ""
        for char in paragraph:
            if measure(line + char) > width:
                printed.append(line)
                line = ""
            line += char
        printed.append(line)
    pages = [printed[start:start + page_lines] for start in range(0, len(printed), page_lines)]
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines += [*([HEADER] if number > 1 else []), *page, f"— {number} —"]
    return lines


def _checked(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    main(["check", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)["documents"][0]


def _reading(report: dict[str, Any]) -> tuple[object, ...]:
    """What a reviewer reads in a report: its facts, parts and figures, and each rule's outcome."""
    figures = {key: value and (value["raw"], value["value"]) for key, value in report["indicators"].items()}
    statuses = {finding["rule_id"]: finding["status"] for finding in report["findings"]}
    return report["title"], report["year"], report["subject"], report["parts"] and {
        part: found["found"] for part, found in report["parts"].items()}, figures, statuses


@pytest.mark.parametrize(("width", "measure"), [(56, _width), (28, len)], ids=["printed-width", "characters"])
def test_a_pasted_pdf_reads_as_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], width: int,
                                          measure: Callable[[str], int]) -> None:
    original = _checked(capsys, SEED)
    pasted = tmp_path / "pasted.txt"
    lines = _printed(SEED.read_text(encoding="utf-8"), width, measure)
    pasted.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = _checked(capsys, pasted)
    assert _reading(report) == _reading(original)
    # Every figure is located where the editor shows it: on its physical line, at its column, on the same text.
    original_lines = SEED.read_text(encoding="utf-8").splitlines()
    for key, figure in report["indicators"].items():
        if figure and figure["location"]:
            at, was = figure["location"], original["indicators"][key]["location"]
            shown = lines[at["line"] - 1][at["column"] - 1:]
            assert shown and original_lines[was["line"] - 1][was["column"] - 1:].startswith(shown[:2]), key
    assert any("PDF" in warning for warning in report["warnings"])


def test_a_pasted_pdf_in_word_reads_as_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same paste into Word: a paragraph per printed line, located by paragraph number."""
    original = _checked(capsys, SEED)
    lines = _printed(SEED.read_text(encoding="utf-8"), 56, _width)
    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
    pasted = tmp_path / "pasted.docx"
    pasted.write_bytes(buffer.getvalue())
    report = _checked(capsys, pasted)
    assert _reading(report) == _reading(original)
    services = report["indicators"]["legal_counsel_services"]["location"]
    assert lines[services["line"] - 1][services["column"] - 1:].startswith("108次")


SANGYU = SEED.parent.parent / "tests" / "data" / "real" / "sangyu-county-2023-pdfpaste.txt"
LIST = ["（1）审核县政府及县政府办公室规范性文件12件，报备率100%；",
        "（2）县政府法律顾问提供法律服务164次，参与涉法事务41件；",
        "（3）评查行政许可、行政处罚案卷310卷，评出优秀案卷42卷。"]


def test_numbering_at_a_broken_line_start_runs_on_only_after_its_predecessor() -> None:
    """三是 at a line's start, after 二是 in the same sentence, runs on; (2) after a (1) item of its own opens one."""
    lines = SANGYU.read_text(encoding="utf-8").splitlines()
    plan = lines.index("四、2024年工作安排")
    pasted = document("\n".join([*lines[:plan + 1], *LIST, *lines[plan + 1:]]), path="pasted.txt")
    shortcomings = next(line for line in pasted.lines if line.startswith("一是法治政府建设推进不够平衡"))
    assert "；三是行政复议纠错率偏高" in shortcomings  # one paragraph, as printed: no 三是 section after a missing 二是
    items = [section.location.line for section in pasted.all_sections() if section.style == "（1）"]
    assert items == [plan + 2, plan + 3, plan + 4]
    assert [pasted.lines[line - 1] for line in items] == LIST


@pytest.mark.parametrize("path", sorted({*SEED.parent.glob("*.txt"), *SANGYU.parent.glob("*.txt")} - {SANGYU}),
                         ids=lambda path: path.name)
def test_a_report_written_in_paragraphs_is_left_as_written(path: Path) -> None:
    written = build(read_document(path))
    assert (written.joins, [str(warning) for warning in written.warnings if "PDF" in warning.zh]) == ({}, [])


def test_a_quote_across_a_page_break_is_located_from_its_first_to_its_last_physical_line() -> None:
    # 提供法 | — 1 — | header | 律服务164次: the joined line 24 holds both pieces.
    pasted = document(SANGYU.read_text(encoding="utf-8"), path="pasted.txt")
    start = pasted.lines[23].index("提供法")
    location = Location(line=24, column=start + 1, end_line=24, end_column=start + len("提供法律服务164次") + 1)
    assert physical(location, pasted.joins) == Location(line=24, column=28, end_line=27, end_column=8)


def test_a_quote_ending_where_a_latin_word_was_broken_ends_on_its_physical_line() -> None:
    # 宣传Rule | Laws范…: the joined line reads "Rule Laws", its space no character of the file.
    lines = SANGYU.read_text(encoding="utf-8").splitlines()
    lines[19], lines[20] = lines[19][:-4] + "宣传Rule", "Laws" + lines[20][2:]
    pasted = document("\n".join(lines), path="pasted.txt")
    start = pasted.lines[17].index("Rule ")
    location = Location(line=18, column=start + 1, end_column=start + len("Rule ") + 1)
    assert physical(location, pasted.joins) == Location(line=20, column=29, end_column=len(lines[19]) + 1)


def test_parse_shows_each_figure_of_a_pasted_pdf_on_its_physical_line(capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse", "--format", "json", str(SANGYU)])
    parsed = json.loads(capsys.readouterr().out)["documents"][0]
    services = next(q for q in parsed["quantities"] if q["raw"] == "164次")
    assert (services["line"], services["column"]) == (27, 4)  # 律服务164次, after a page break


def test_a_title_as_wide_as_the_page_is_not_joined_to_the_document_number_under_it() -> None:
    """Pasted with its title on one printed line as wide as the text's lines (as Word keeps a title paragraph),
    the report had its title run on into 桑政报〔2024〕6号: the title was lost, and the subject with it."""
    lines = SANGYU.read_text(encoding="utf-8").splitlines()
    pasted = document("\n".join([lines[0] + lines[1], *lines[2:]]), path="pasted.txt")
    assert pasted.joins  # still read as pasted from a PDF
    assert pasted.lines[:2] == ("桑榆县人民政府关于2023年度法治政府建设情况的报告", "桑政报〔2024〕6号")
    assert pasted.title == "桑榆县人民政府关于2023年度法治政府建设情况的报告" and pasted.subject == "government"


def _pasted_page(lines: list[str]) -> str:
    """A portal article into whose editor the text of a PDF was pasted: a <p> for every printed line."""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>桑榆县人民政府</title></head><body>'
            f'<div class="position">当前位置：首页 &gt; 政务公开</div><div class="TRS_Editor">{paragraphs}</div></body></html>')


def test_a_pdf_pasted_into_a_portal_s_editor_reads_as_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A <p> for each printed line, page numbers and running headers among them: the page read as the pasted text
    did before it was unwrapped (the legal counsel's 164 services split by a page break, 148 normative documents)."""
    page = tmp_path / "art_2024_6.html"
    page.write_text(_pasted_page(SANGYU.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    assert _reading(_checked(capsys, page)) == _reading(_checked(capsys, SANGYU))


def test_a_pdf_of_pasted_lines_is_unwrapped_as_its_text_is() -> None:
    """A PDF printed from a file of pasted lines (each printed line a paragraph of its own, page numbers between
    them, as LibreOffice prints a .docx of them) reads, line for line, as that file: it is unwrapped the same way."""
    text = SANGYU.read_text(encoding="utf-8").splitlines()
    as_text, as_pdf = (build(Source(path="pasted", format=format_, encoding=None, lines=tuple(text)))
                       for format_ in ("txt", "pdf"))
    assert as_pdf.joins == as_text.joins and as_pdf.joins
    assert as_pdf.lines == as_text.lines
