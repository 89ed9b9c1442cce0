"""A report pasted out of its PDF, one printed line per line, reads as the report itself (structure/unwrap.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SEED

from compliance.cli import main
from compliance.structure.unwrap import _width

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
