"""Realistic reports (tests/data/real) read as a reviewer reads them: the facts in their expected.yaml."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import yaml
from helpers import ROOT

from compliance.cli import main

REAL = ROOT / "tests" / "data" / "real"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((REAL / "expected.yaml").read_text(encoding="utf-8"))
FAILED = ("fail", "partial")
# Reports the tool still reads otherwise than a reviewer, each with the defect; strict, so a fix must remove it.
KNOWN_DEFECTS: dict[str, str] = {}


def _checked(capsys: pytest.CaptureFixture[str], name: str, *options: str) -> dict[str, Any]:
    main(["check", "--format", "json", *options, str(REAL / name)])
    return json.loads(capsys.readouterr().out)["documents"][0]


def test_every_report_has_its_expectations() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in REAL.iterdir() if path.suffix in (".txt", ".md"))


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_DEFECTS[name], strict=True)) if name in KNOWN_DEFECTS
    else name for name in sorted(EXPECTED)])
def test_real_report_reads_as_a_reviewer_reads_it(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = EXPECTED[name]
    document = _checked(capsys, name)
    assert (document["title"], document["year"], document["subject"]) == (
        expected["title"], expected["year"], expected["subject"])
    assert date.fromisoformat(document["published"]) == expected["published"]
    assert (document["metadata"].get("publisher") or {}).get("value") == expected["publisher"]
    parts = {part: ("missing" if not found["found"] else "embedded" if found["embedded"] else "found")
             for part, found in document["parts"].items()}
    assert parts == expected["parts"]
    statuses = {finding["rule_id"]: finding["status"] for finding in document["findings"]}
    assert (statuses["timeliness.deadline"] == "pass") == expected["on_time"]
    figures = {key: (value or {}).get("value") for key, value in document["indicators"].items()}
    assert {key: figures.get(key) for key in expected["indicators"]} == expected["indicators"]
    assert [rule for rule in expected.get("fail", []) if statuses[rule] not in FAILED] == []
    assert [rule for rule in expected.get("not_fail", []) if statuses[rule] in FAILED] == []
    assert [rule for rule in expected.get("applies", []) if statuses[rule] == "not_applicable"] == []
    assert document["passed"] == expected.get("passes", document["passed"])


@pytest.mark.parametrize("name", sorted(name for name in EXPECTED if "previous" in EXPECTED[name]))
def test_real_report_against_last_years(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = EXPECTED[name]
    document = _checked(capsys, name, "--previous", str(REAL / expected["previous"]))
    findings = {finding["rule_id"]: finding for finding in document["findings"]}
    assert [rule for rule in expected["previous_fail"] if findings[rule]["status"] not in FAILED] == []
    disagreeing = [e for e in findings["indicators.yoy_claims"]["evidence"] if e["credit"] == 0]
    assert len(disagreeing) == expected["yoy_disagreeing"]


def test_an_indicator_s_figure_is_told_with_its_expected_range_only_where_it_has_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A count has no expected range: "披露数据 36件（期望 —）" told the reader of an expectation that is not there,
    and a rate that must be 100 read "（期望 100–100）"."""
    main(["check", "--format", "json", str(REAL / "heyang-county-2023.txt")])
    findings = {f["rule_id"]: f for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert findings["indicators.reconsideration_received"]["evidence"][0]["detail"] == "披露数据 36件"
    assert findings["indicators.normative_docs_filing_rate"]["evidence"][0]["detail"] == "披露数据 百分之百（期望 100）"
