"""Every rule kind against its data-driven cases in tests/cases/<kind>.yaml, and registry parity."""

from __future__ import annotations

import inspect
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import document
from jsonschema import Draft202012Validator, FormatChecker

from compliance import resources
from compliance.engine import stamp
from compliance.kinds import KINDS
from compliance.model import Rule, Severity, Text
from compliance.ruleset import load_ruleset

CASES_DIR = Path(__file__).parent / "cases"
SCHEMA = resources.schema("rulepack")
CASE_FILES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CASES_DIR.glob("*.yaml"))}
CASES = [(kind, case) for kind, data in CASE_FILES.items() for case in data["cases"]]


def _rule(kind: str, params: dict[str, Any]) -> Rule:
    return Rule(id=f"test.{kind}", kind=kind, category="structure", severity=Severity.ERROR, weight=1,
                title=Text(zh="测试", en="test"), params=params)


NATIONAL = {rule.id: rule for rule in load_ruleset("national").rules}


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{kind}-{case['name']}" for kind, case in CASES])
def test_case(kind: str, case: dict[str, Any]) -> None:
    # A case may borrow a bundled rule's params (`rule:`), so the shipped patterns meet real phrasings.
    params = {**(dict(NATIONAL[case["rule"]].params) if "rule" in case else {}), **case.get("params", {})}
    validator = Draft202012Validator({"$ref": f"#/$defs/{kind}", "$defs": SCHEMA["$defs"]},
                                     format_checker=FormatChecker())
    assert not list(validator.iter_errors(params)), "the case's params must be valid for the schema"
    checked = document(case["document"])
    if "previous" in case:  # last year's report, as `check --previous` gives it
        checked = replace(checked, previous=document(case["previous"], path="<previous>"))
    finding = stamp(_rule(kind, params), tuple(KINDS[kind](checked, **params)))
    assert finding.status.value == case["status"]
    if "credit" in case:
        assert finding.credit == pytest.approx(case["credit"])
    if "value" in case:
        bound = [hit.data.get("value") for hit in finding.hits if "value" in hit.data]
        assert bound and bound[0] == case["value"], [(h.detail.zh, h.data) for h in finding.hits]
    if "unit" in case:
        assert finding.hits[0].data.get("unit") == case["unit"]
    if "hits" in case:
        expected = case["hits"]
        located = [hit for hit in finding.hits if hit.location is not None]
        for want in expected:
            matches = [
                hit for hit in finding.hits
                if ("line" not in want or (hit.location and hit.location.line == want["line"]))
                and ("column" not in want or (hit.location and hit.location.column == want["column"]))
                and ("detail" not in want or want["detail"] in hit.detail.zh)
            ]
            assert matches, f"no hit like {want} in {[(h.location, h.detail.zh) for h in finding.hits]}"
        if not expected:
            assert not located, f"expected no located hit, got {[(h.location, h.detail.zh) for h in located]}"


def test_kinds_schema_and_cases_agree() -> None:
    """A kind exists in KINDS, in the schema (enum and $defs, same params) and in tests/cases, or nowhere."""
    schema_kinds = set(SCHEMA["$defs"]["rule"]["properties"]["kind"]["enum"])
    assert set(KINDS) == schema_kinds == set(CASE_FILES)
    for name, function in KINDS.items():
        keyword = {p.name for p in inspect.signature(function).parameters.values() if p.kind is p.KEYWORD_ONLY}
        assert keyword == set(SCHEMA["$defs"][name]["properties"]), name
        assert CASE_FILES[name]["kind"] == name


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_passing_and_failing_cases(kind: str) -> None:
    statuses = {case["status"] for case in CASE_FILES[kind]["cases"]}
    assert "pass" in statuses and ({"fail", "partial"} & statuses), kind
