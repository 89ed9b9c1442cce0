"""Running a rule set over a document: every rule's hits stamped into one Finding, then scored."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from itertools import islice

from .kinds import KINDS
from .kinds.common import release
from .messages import text
from .model import Document, Finding, Hit, Report, Rule, RuleSet, Severity, Status, Text, Waiver
from .scoring import score
from .structure.unwrap import physical_findings

# A finding keeps this many hits: a damaged file can yield a hundred thousand, and nobody reads past these.
MAX_HITS = 100


def _hits(rule: Rule, document: Document) -> tuple[Hit, ...]:
    try:
        found = iter(KINDS[rule.kind](document, **rule.params))
        kept = list(islice(found, MAX_HITS))  # in C: nearly every rule stops well before the limit
        more, lowest = 0, None
        for hit in found:
            more += 1
            if hit.credit is not None and (lowest is None or hit.credit < lowest):
                lowest = hit.credit
    except Exception as error:
        error.add_note(f"while evaluating rule {rule.id!r} on {document.path}")
        raise
    if more:
        kept.append(Hit(detail=text("engine.more_hits", count=more), credit=lowest))
    return tuple(kept)


def stamp(rule: Rule, hits: tuple[Hit, ...]) -> Finding:
    """One rule's hits as its finding: the lowest credit any hit gives decides."""
    if len(hits) == 1:  # most rules yield one hit: its credit decides, None when the rule does not apply
        credit = hits[0].credit
    else:
        credits = [hit.credit for hit in hits if hit.credit is not None]
        credit = None if hits and not credits else min(credits, default=1.0)
    status = (Status.NOT_APPLICABLE if credit is None else Status.PASS if credit >= 1
              else Status.FAIL if credit <= 0 else Status.PARTIAL)
    # Positionally, every field in order (waiver, baseline: none yet): a class called with keywords
    # costs a dict per call, and every rule of every report is stamped.
    return Finding._make(rule.id, rule.kind, rule.category, status, rule.severity, rule.weight, credit, rule.title,
                         rule.message, rule.basis, rule.hint, hits, None, None)


def check(
    document: Document,
    ruleset: RuleSet,
    *,
    profile_reason: Text | None = None,
    fail_under: float | None = None,
    fail_on: Severity = Severity.ERROR,
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
) -> Report:
    """Every rule of `ruleset` on `document`, waivers applied, scored."""
    findings: list[Finding] = []
    today = today or date.today()  # once: a check takes milliseconds, and most findings have no waiver to date
    try:
        for rule in ruleset.rules:
            if rule.applies_to and document.subject and document.subject not in rule.applies_to:
                hits: tuple[Hit, ...] = (Hit(detail=text("rule.not_for_subject"), credit=None),)
            elif not _in_force(rule, document.year):
                hits = (Hit(detail=text("rule.not_in_force", year=document.year, period=_period(rule)), credit=None),)
            else:
                hits = _hits(rule, document)
            finding = stamp(rule, hits)
            findings.append(_waive(finding, waivers, document.path, today) if waivers else finding)
    finally:
        release(document)
    if document.joins:  # once, here: every kind reads the joined paragraphs, the user edits the physical lines
        findings = physical_findings(findings, document.joins)
    return Report(
        document=document, ruleset=ruleset, findings=tuple(findings),
        score=score(findings, ruleset, fail_under=fail_under, fail_on=fail_on),
        profile=ruleset.id,
        profile_reason=profile_reason or text("profile.default", pack=ruleset.id),
    )


def _in_force(rule: Rule, year: int | None) -> bool:
    if year is None:
        return True
    return (rule.effective_from is None or year >= rule.effective_from) and (
        rule.effective_to is None or year <= rule.effective_to)


def _period(rule: Rule) -> str:
    return f"{rule.effective_from or ''}–{rule.effective_to or ''}"


def _covers(waiver: Waiver, rule_id: str, path: str) -> bool:
    if not fnmatch.fnmatchcase(rule_id, waiver.rule):
        return False
    if waiver.documents is None:
        return True
    normalised = path.replace("\\", "/")
    return fnmatch.fnmatch(normalised, waiver.documents) or fnmatch.fnmatch(normalised.rsplit("/", 1)[-1], waiver.documents)


def _waive(finding: Finding, waivers: Sequence[Waiver], path: str, today: date) -> Finding:
    """A failure covered by a waiver in force is `waived`; an expired waiver is shown but changes nothing."""
    if not finding.failed:
        return finding
    for waiver in waivers:
        if not _covers(waiver, finding.rule_id, path):
            continue
        expires = waiver.expires.isoformat() if waiver.expires else "—"
        values = {"reason": waiver.reason, "by": waiver.granted_by, "expires": expires}
        if waiver.expires is not None and waiver.expires < today:
            return replace(finding, waiver=text("waiver.expired", **values))
        if waiver.source.startswith("inline:"):
            return replace(finding, status=Status.WAIVED, waiver=text(
                "waiver.inline", reason=waiver.reason, line=waiver.source.split(":", 1)[1], expires=expires))
        return replace(finding, status=Status.WAIVED, waiver=text("waiver.applied", **values))
    return finding


def failed_first(findings: Iterable[Finding]) -> list[Finding]:
    """Failures by severity, then by the line of their first hit."""
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, min((loc.line for loc in f.locations), default=0), f.rule_id),
    )
