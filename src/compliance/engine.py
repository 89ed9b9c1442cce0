"""Running a rule set over a document: every rule's hits stamped into one Finding, then scored."""

from __future__ import annotations

from collections.abc import Iterable

from .kinds import KINDS
from .messages import text
from .model import Document, Finding, Hit, Report, Rule, RuleSet, Severity, Status, Text
from .scoring import score

NOT_APPLICABLE_SUBJECT = Text(zh="不适用于该类主体", en="does not apply to this kind of subject")


def _hits(rule: Rule, document: Document) -> tuple[Hit, ...]:
    try:
        return tuple(KINDS[rule.kind](document, **rule.params))
    except Exception as error:
        error.add_note(f"while evaluating rule {rule.id!r} on {document.path}")
        raise


def stamp(rule: Rule, hits: tuple[Hit, ...]) -> Finding:
    """One rule's hits as its finding: the lowest credit any hit gives decides."""
    credits = [hit.credit for hit in hits if hit.credit is not None]
    if hits and not credits:
        status, credit = Status.NOT_APPLICABLE, None
    else:
        credit = min(credits, default=1.0)
        status = Status.PASS if credit >= 1 else Status.FAIL if credit <= 0 else Status.PARTIAL
    return Finding(
        rule_id=rule.id, kind=rule.kind, category=rule.category, status=status, severity=rule.severity,
        weight=rule.weight, credit=credit, title=rule.title, message=rule.message, basis=rule.basis,
        hint=rule.hint, hits=hits,
    )


def check(
    document: Document,
    ruleset: RuleSet,
    *,
    profile_reason: Text | None = None,
    fail_under: float | None = None,
    fail_on: Severity = Severity.ERROR,
) -> Report:
    """Every rule of `ruleset` on `document`, scored."""
    findings: list[Finding] = []
    for rule in ruleset.rules:
        if rule.applies_to and document.subject and document.subject not in rule.applies_to:
            findings.append(stamp(rule, (Hit(detail=NOT_APPLICABLE_SUBJECT, credit=None),)))
            continue
        findings.append(stamp(rule, _hits(rule, document)))
    return Report(
        document=document, ruleset=ruleset, findings=tuple(findings),
        score=score(findings, ruleset, fail_under=fail_under, fail_on=fail_on),
        profile=ruleset.id,
        profile_reason=profile_reason or text("profile.default", pack=ruleset.id),
    )


def failed_first(findings: Iterable[Finding]) -> list[Finding]:
    """Failures by severity, then by the line of their first hit."""
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, min((loc.line for loc in f.locations), default=0), f.rule_id),
    )
