"""Findings → scores: weighted credit per category, categories weighted into a total, a grade, a gate.

Category score = Σ(weight × credit) / Σ(weight) × 100 over applicable, unwaived rules; a category
with no applicable rule is N/A (left out of the total, not counted as 100).
"""

from __future__ import annotations

from collections.abc import Sequence

from .messages import text
from .model import CategoryScore, Finding, RuleSet, Score, Severity, Status, Text

_COUNTED = (Status.PASS, Status.FAIL, Status.PARTIAL)


def score(
    findings: Sequence[Finding],
    ruleset: RuleSet,
    *,
    fail_under: float | None = None,
    fail_on: Severity = Severity.ERROR,
) -> Score:
    """Score one document's findings under `ruleset`."""
    categories: list[CategoryScore] = []
    category_rule_weight: dict[str, float] = {}
    # One pass over the findings, not one per category; each category keeps its findings' order (and sums).
    counted_in: dict[str, list[Finding]] = {category.id: [] for category in ruleset.categories}
    for finding in findings:
        if finding.status in _COUNTED and finding.category in counted_in:
            counted_in[finding.category].append(finding)
    for category in ruleset.categories:
        counted = counted_in[category.id]
        total_weight = sum(f.weight for f in counted)
        value = (
            round(100 * sum(f.weight * (f.credit or 0.0) for f in counted) / total_weight, 1)
            if total_weight > 0 else None
        )
        category_rule_weight[category.id] = total_weight
        categories.append(CategoryScore(id=category.id, title=category.title, weight=category.weight,
                                        score=value, rules=len(counted)))
    scored = [(c.id, c.weight, c.score) for c in categories if c.score is not None and c.weight > 0]
    category_weight = sum(weight for _, weight, _ in scored)
    total = (
        round(sum(weight * score for _, weight, score in scored) / category_weight, 1)
        if category_weight > 0 else None
    )
    weights = {category_id: weight for category_id, weight, _ in scored}
    points_lost = {
        f.rule_id: round(100 * (1 - (f.credit or 0.0)) * f.weight / category_rule_weight[f.category]
                         * weights[f.category] / category_weight, 2)
        for f in findings
        if f.status in (Status.FAIL, Status.PARTIAL) and f.category in weights
        and category_rule_weight.get(f.category)
    }
    gate: list[Text] = []
    failed_errors = [f for f in findings if f.status is Status.FAIL and f.severity is Severity.ERROR
                     and f.baseline != "known"]
    if failed_errors:
        gate.append(text("gate.error_failed", count=len(failed_errors)))
    if fail_on is not Severity.ERROR:
        at_or_above = [f for f in findings if f.failed and f.severity.rank >= fail_on.rank and f.baseline != "known"]
        if at_or_above:
            gate.append(text("gate.severity_failed", count=len(at_or_above), severity=fail_on.value))
    if total is None:
        gate.append(text("gate.no_score"))
    else:
        for threshold in (ruleset.pass_score, fail_under):
            if threshold is not None and total < threshold:
                gate.append(text("gate.below_pass", score=total, threshold=threshold))
    grade = next((g.label for g in ruleset.grades if total is not None and total >= g.min), None)
    capped = bool(failed_errors) and ruleset.error_caps_grade and total is not None and grade != ruleset.grades[-1].label
    if capped:
        grade = ruleset.grades[-1].label
    return Score(total=total, grade=grade, passed=not gate, categories=tuple(categories),
                 points_lost=points_lost, gate=tuple(gate), grade_capped=capped)
