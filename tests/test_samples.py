"""Every bundled sample gives the outcome samples/expected.yaml records for it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from helpers import SAMPLES

from compliance.cli import main
from compliance.engine import check
from compliance.model import Report, Status
from compliance.readers import read_document
from compliance.ruleset import load_ruleset
from compliance.structure import build

EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
NATIONAL = load_ruleset("national")


def _report(name: str) -> Report:
    return check(build(read_document(SAMPLES / name)), NATIONAL)


def _finding(report: Report, rule_id: str):
    return next(f for f in report.findings if f.rule_id == rule_id)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_facts(name: str) -> None:
    expected = EXPECTED[name]
    document = _report(name).document
    assert document.title == expected["title"]
    assert document.year == expected["year"]
    assert document.published == expected["published"]
    assert document.subject == expected["subject"]
    publisher = document.metadata.get("publisher")
    assert (publisher.value if publisher else None) == expected["publisher"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if not EXPECTED[n].get("wrong_type")))
def test_sample_parts(name: str) -> None:
    report = _report(name)
    for part, state in EXPECTED[name]["parts"].items():
        finding = _finding(report, f"parts.{part}")
        if state == "found":
            assert finding.status is Status.PASS, (part, [h.detail.zh for h in finding.hits])
        elif state == "embedded":
            assert finding.status is Status.PARTIAL and finding.hits[0].data["embedded"], part
        elif part == "other_matters":
            assert finding.status is Status.NOT_APPLICABLE
        else:
            assert finding.status is Status.FAIL, part


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_timeliness_and_type(name: str) -> None:
    expected = EXPECTED[name]
    report = _report(name)
    assert (_finding(report, "timeliness.deadline").status is Status.PASS) == expected["on_time"]
    assert (_finding(report, "structure.document_type").status is Status.FAIL) == expected["wrong_type"]


def test_seed_passes_and_its_json_matches_the_acceptance(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["check", "--format", "json", str(SAMPLES / "xihu-2021.txt")]) == 0
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert document["title"] == "南昌市西湖区2021年度法治政府建设情况报告"
    assert (document["year"], document["published"]) == (2021, "2022-03-11")
    metadata = {key: value["value"] for key, value in document["metadata"].items()}
    assert metadata == {"index_no": "A25110--2022-0003", "topic": "", "publisher": "西湖区司法局", "date": "2022-03-11",
                        "doc_no": "", "validity": "有效", "scope": "面向全社会", "disclosure": "主动公开"}
    parts = document["parts"]
    assert all(parts[p]["found"] for p in ("measures_and_results", "shortcomings", "first_responsible_person", "next_year_plan"))
    assert parts["next_year_plan"]["heading"] == "四、2022年工作安排"
    assert parts["next_year_plan"]["location"] == {"line": 73, "column": 1}
    assert parts["other_matters"]["found"] is False
    other = next(f for f in document["findings"] if f["rule_id"] == "parts.other_matters")
    assert other["status"] == "not_applicable" and other["points_lost"] == 0
    deadline = next(f for f in document["findings"] if f["rule_id"] == "timeliness.deadline")
    assert deadline["status"] == "pass"


@pytest.mark.parametrize(("name", "code"), [
    ("xihu-2021.txt", 0), ("complete-2023.md", 0), ("department-2022.txt", 0), ("embedded-frp-2023.txt", 0),
    ("missing-shortcomings-2022.txt", 1), ("late-2022.txt", 1), ("wrong-type-2022.txt", 1),
])
def test_sample_exit_codes(name: str, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(SAMPLES / name)]) == code


def test_missing_shortcomings_is_named_as_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    report = _report("missing-shortcomings-2022.txt")
    failed = {f.rule_id for f in report.findings if f.status is Status.FAIL}
    assert "parts.shortcomings" in failed
    assert report.score.points_lost["parts.shortcomings"] > 5


def test_seed_indicators_match_the_acceptance(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    main(["check", "--format", "json", str(SAMPLES / "xihu-2021.txt")])
    indicators = json.loads(capsys.readouterr().out)["documents"][0]["indicators"]
    values = {key: (value["value"], value["unit"]) for key, value in indicators.items() if value}
    assert values["court_appearance_rate"] == (100, "%")
    assert indicators["legal_counsel_attendance"]["raw"] == "法律顾问全程列席"
    assert values["legal_counsel_services"] == (108, "次")
    assert values["reconsideration_received"] == (39, "件")
    assert values["reconsideration_closed"] == (36, "件")
    assert values["reconsideration_corrected"] == (0, "件")
    assert values["normative_docs_reviewed"] == (109, "件")
    assert values["enforcement_files_reviewed"] == (125, "份")
    assert values["enforcement_certificates"] == (58, "人")
    assert indicators["reconsideration_received"]["location"] == {"line": 45, "column": 146, "end_line": 45, "end_column": 149}
