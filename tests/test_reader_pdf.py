"""PDF: a report LibreOffice made into a PDF reads as the report it was made from.

tests/data/pdf/ holds LibreOffice 7.4's PDFs of the sources beside them, made as offices make them:
    soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf report-from-text.txt
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED

from compliance import check_file
from compliance.readers import pdf, read_document
from compliance.structure import build

PDFS = Path(__file__).resolve().parent / "data" / "pdf"


def _typed(path: Path) -> list[str]:
    """The text file's paragraphs, each run of spaces one space (a PDF draws typed spaces, not how many)."""
    return [re.sub(r"\s+", " ", line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _result(path: Path) -> dict[str, object]:
    report = check_file(path)
    document = report.document
    return {
        "title": document.title, "year": document.year, "published": document.published,
        "metadata": {key: field.value for key, field in document.metadata.items()},
        "findings": {finding.rule_id: finding.status for finding in report.findings},
        "figures": sorted((quantity.value, quantity.unit) for quantity in document.quantities),
    }


def test_a_text_file_saved_as_pdf_reads_as_the_text() -> None:
    # LibreOffice draws a line's quotes and spaces first, then its Chinese characters in one piece stepping over
    # them; the lines of each paragraph stop short wherever a word does not fit, none of them indented.
    lines = read_document(PDFS / "report-from-text.pdf").lines
    assert list(lines) == _typed(PDFS / "report-from-text.txt")
    assert "持续深化“放管服”改革" in lines[3] and "推行“一网通办”“一次办好”，" in lines[5]


def test_a_text_file_saved_as_pdf_is_checked_as_the_text() -> None:
    assert _result(PDFS / "report-from-text.pdf") == _result(PDFS / "report-from-text.txt")


def test_a_pdf_reads_from_its_layout_text_where_pypdf_has_its_engine_otherwise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def moved(page: object) -> list[object]:
        raise ImportError("cannot import name 'recurse_to_target_op'")

    monkeypatch.setattr(pdf, "_drawn_runs", moved)
    seed = build(read_document(SEED))
    body = [line.strip() for _, line in seed.numbered_lines() if line.strip()]
    assert list(read_document(SAMPLES / "xihu-2021.pdf").lines[5:]) == body

