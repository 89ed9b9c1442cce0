"""Scoring arithmetic: weighted credit per category, N/A out of the denominator, grades, the gate."""

from __future__ import annotations

import pytest

from compliance.model import Category, Finding, Grade, RuleSet, Severity, Status, Text
from compliance.ruleset import DEFAULT_GRADES
from compliance.scoring import score

T = Text(zh="规则", en="rule")


def _ruleset(pass_score: float = 60) -> RuleSet:
    return RuleSet(id="t", version="1", hash="sha256:0", source="t", pass_score=pass_score, rules=(),
                   grades=DEFAULT_GRADES,
                   categories=(Category(id="structure", weight=60, title=T), Category(id="metadata", weight=40, title=T),
                               Category(id="indicators", weight=20, title=T)))


def _finding(rule_id: str, category: str, credit: float | None, weight: float = 1,
             severity: Severity = Severity.WARNING) -> Finding:
    status = (Status.NOT_APPLICABLE if credit is None else Status.PASS if credit == 1
              else Status.FAIL if credit == 0 else Status.PARTIAL)
    return Finding(rule_id=rule_id, kind="phrase", category=category, status=status, severity=severity,
                   weight=weight, credit=credit, title=T, message=None, basis=None, hint=None)


def test_weighted_categories_and_points_lost() -> None:
    findings = [
        _finding("s.a", "structure", 1, weight=3),
        _finding("s.b", "structure", 0.5, weight=1),   # structure = (3 + 0.5) / 4 = 87.5
        _finding("m.a", "metadata", 0, weight=1),
        _finding("m.b", "metadata", 1, weight=1),      # metadata = 50
        _finding("m.c", "metadata", None, weight=5),   # N/A: not in the denominator
    ]
    result = score(findings, _ruleset())
    by_id = {c.id: c for c in result.categories}
    assert by_id["structure"].score == 87.5 and by_id["metadata"].score == 50.0
    assert by_id["indicators"].score is None  # no applicable rule: N/A, not 100
    # indicators is left out, so the total is (60 × 87.5 + 40 × 50) / 100
    assert result.total == 72.5
    assert result.points_lost == {"s.b": 7.5, "m.a": 20.0}
    assert sum(result.points_lost.values()) == pytest.approx(100 - result.total)
    assert result.grade.zh == "合格" and result.passed


@pytest.mark.parametrize(("credit", "grade"), [(1, "优秀"), (0.85, "良好"), (0.6, "合格"), (0.59, "不合格")])
def test_default_grade_bands(credit: float, grade: str) -> None:
    assert score([_finding("s.a", "structure", credit)], _ruleset(pass_score=0)).grade.zh == grade


def test_error_failure_fails_the_gate_whatever_the_score() -> None:
    findings = [_finding("s.a", "structure", 1, weight=99), _finding("s.b", "structure", 0, severity=Severity.ERROR)]
    result = score(findings, _ruleset())
    assert result.total == 99.0 and not result.passed
    assert "错误级" in result.gate[0].zh


def test_partial_error_does_not_fail_the_gate() -> None:
    assert score([_finding("s.a", "structure", 0.8, severity=Severity.ERROR)], _ruleset()).passed


def test_below_pass_score_and_fail_under() -> None:
    findings = [_finding("s.a", "structure", 0.7)]
    assert score(findings, _ruleset(pass_score=60)).passed
    assert not score(findings, _ruleset(pass_score=80)).passed
    assert not score(findings, _ruleset(), fail_under=75).passed


def test_fail_on_warning() -> None:
    findings = [_finding("s.a", "structure", 1, weight=9), _finding("s.b", "structure", 0.5)]
    assert score(findings, _ruleset()).passed
    assert not score(findings, _ruleset(), fail_on=Severity.WARNING).passed


def test_nothing_applicable_has_no_score_and_fails() -> None:
    result = score([_finding("s.a", "structure", None)], _ruleset())
    assert result.total is None and result.grade is None and not result.passed


def test_custom_grade_bands() -> None:
    ruleset = RuleSet(id="t", version="1", hash="h", source="t", pass_score=0, rules=(),
                      categories=(Category(id="structure", weight=1, title=T),),
                      grades=(Grade(min=50, label=Text(zh="达标", en="Met")), Grade(min=0, label=Text(zh="未达标", en="Not met"))))
    assert score([_finding("s.a", "structure", 0.5)], ruleset).grade.en == "Met"


def test_failed_error_caps_the_grade_unless_the_pack_says_not() -> None:
    from dataclasses import replace

    findings = [_finding("s.a", "structure", 1, weight=20), _finding("s.b", "structure", 0, severity=Severity.ERROR)]
    capped = score(findings, _ruleset())
    assert capped.total == 95.2 and capped.grade.zh == "不合格"
    assert score(findings, replace(_ruleset(), error_caps_grade=False)).grade.zh == "优秀"
