"""Output formats: one render function each, pure functions of finished reports, in FORMATTERS.

`as_dict` is the JSON contract (schemas/report.schema.json); every other format is a view of it or of
the same finished Report, and computes nothing the JSON does not carry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from . import __version__
from .model import Document, FailedDocument, Finding, Location, Report, Section, Status, Text

SCHEMA_VERSION = "1.0"
# Params whose patterns are what a rule looks for: shown with each finding so an author sees what was searched.
SEARCHED_PARAMS = ("patterns", "fallback_patterns", "topics", "within", "numerator", "denominator", "rate",
                   "lesser", "greater")

Result = Report | FailedDocument


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How the user asked to see the results."""

    lang: str = "zh"
    verbose: bool = False
    width: int | None = None
    color: bool | None = None  # None: decide from the terminal


# ---------------------------------------------------------------- JSON contract


def _location(location: Location | None) -> dict[str, int] | None:
    if location is None:
        return None
    result = {"line": location.line, "column": location.column}
    if location.end_line is not None:
        result["end_line"] = location.end_line
    if location.end_column is not None:
        result["end_column"] = location.end_column
    return result


def _t(value: Text | None, lang: str) -> str | None:
    return value.get(lang) if value is not None else None


def _section(section: Section) -> dict[str, Any]:
    return {
        "number": section.number, "style": section.style, "level": section.level,
        "heading": section.heading, "run_in": section.run_in, "separator": section.separator,
        "location": _location(section.location), "end_line": section.end_line,
        "children": [_section(child) for child in section.children],
    }


def document_facts(document: Document, lang: str) -> dict[str, Any]:
    """What the parser saw, shared by `check --format json` and `parse`."""
    return {
        "path": document.path, "format": document.format, "encoding": document.encoding,
        "title": document.title, "year": document.year, "year_source": document.year_source,
        "published": document.published.isoformat() if document.published else None,
        "published_source": document.published_source,
        "subject": document.subject, "subject_reason": _t(document.subject_reason, lang),
        "metadata": {
            field_id: {"label": field.label, "value": field.value, "location": _location(field.location)}
            for field_id, field in document.metadata.items()
        },
        "warnings": [warning.get(lang) for warning in document.warnings],
    }


def _parts(findings: Sequence[Finding]) -> dict[str, Any]:
    parts = {}
    for finding in findings:
        if finding.kind != "part":
            continue
        hit = next((h for h in finding.hits if "embedded" in h.data), None)
        found = hit is not None and finding.status is not Status.NOT_APPLICABLE and (hit.credit or 0) > 0
        parts[finding.rule_id.rsplit(".", 1)[-1]] = {
            "found": found,
            "heading": hit.data.get("heading") if hit and found else None,
            "location": _location(hit.location) if hit and found else None,
            "embedded": bool(hit.data.get("embedded")) if hit and found else False,
        }
    return parts


def _indicators(findings: Sequence[Finding]) -> dict[str, Any]:
    """id → the figure an `indicator` rule bound (value, unit, raw, approx, location), or null when absent."""
    indicators: dict[str, Any] = {}
    for finding in findings:
        if finding.kind != "indicator":
            continue
        hit = next((h for h in finding.hits if h.data.get("status") in ("figure", "negative", "statement")), None)
        indicators[finding.rule_id.rsplit(".", 1)[-1]] = None if hit is None else {
            "value": hit.data["value"], "unit": hit.data["unit"], "raw": hit.data["raw"],
            "approx": hit.data["approx"], "status": hit.data["status"], "location": _location(hit.location),
            **({"previous": hit.data["previous"]} if "previous" in hit.data else {}),
        }
    return indicators


def _finding(finding: Finding, report: Report, lang: str) -> dict[str, Any]:
    rule = next(r for r in report.ruleset.rules if r.id == finding.rule_id)
    return {
        "rule_id": finding.rule_id, "kind": finding.kind, "category": finding.category,
        "status": finding.status.value, "severity": finding.severity.value, "weight": finding.weight,
        "credit": finding.credit, "points_lost": report.score.points_lost.get(finding.rule_id, 0.0),
        "title": finding.title.get(lang), "message": _t(finding.message, lang),
        "basis": _t(finding.basis, lang), "basis_status": rule.basis_status, "hint": _t(finding.hint, lang),
        "waiver": _t(finding.waiver, lang),
        "searched": [p for key in SEARCHED_PARAMS for p in rule.params.get(key, ())],
        "evidence": [
            {"detail": hit.detail.get(lang), "location": _location(hit.location), "quote": hit.evidence,
             "credit": hit.credit}
            for hit in finding.hits
        ],
    }


def document_dict(result: Result, lang: str) -> dict[str, Any]:
    """One document's entry in the JSON output."""
    if isinstance(result, FailedDocument):
        return {
            "path": result.path, "format": None, "encoding": None, "title": None, "year": None,
            "published": None, "subject": None, "profile": None, "metadata": {}, "parts": {},
            "indicators": {}, "findings": [], "categories": [], "score": None, "grade": None,
            "passed": False, "gate": [], "error": {"code": result.code, "message": result.message.get(lang)},
        }
    report = result
    return {
        **document_facts(report.document, lang),
        "profile": {"id": report.profile, "reason": report.profile_reason.get(lang),
                    "version": report.ruleset.version, "hash": report.ruleset.hash},
        "parts": _parts(report.findings),
        "indicators": _indicators(report.findings),
        "findings": [_finding(finding, report, lang) for finding in report.findings],
        "categories": [
            {"id": c.id, "title": c.title.get(lang), "weight": c.weight, "score": c.score, "rules": c.rules}
            for c in report.score.categories
        ],
        "score": report.score.total,
        "grade": _t(report.score.grade, lang),
        "grade_capped": report.score.grade_capped,
        "passed": report.score.passed,
        "gate": [reason.get(lang) for reason in report.score.gate],
        "error": None,
    }


def summary(results: Sequence[Result]) -> dict[str, Any]:
    reports = [r for r in results if isinstance(r, Report)]
    scores = [r.score.total for r in reports if r.score.total is not None]
    return {
        "documents": len(results),
        "passed": sum(1 for r in reports if r.passed),
        "failed": sum(1 for r in reports if not r.passed),
        "errors": len(results) - len(reports),
        "waived": sum(1 for r in reports for f in r.findings if f.status is Status.WAIVED),
        "average_score": round(sum(scores) / len(scores), 1) if scores else None,
    }


def as_dict(results: Sequence[Result], options: Options) -> dict[str, Any]:
    """The whole run as the JSON contract."""
    ruleset = next((r.ruleset for r in results if isinstance(r, Report)), None)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "compliance", "version": __version__},
        "lang": options.lang,
        "ruleset": None if ruleset is None else {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash},
        "documents": [document_dict(result, options.lang) for result in results],
        "summary": summary(results),
    }


def render_json(results: Sequence[Result], out: TextIO, options: Options) -> None:
    json.dump(as_dict(results, options), out, ensure_ascii=False, indent=2)
    out.write("\n")


def render_table(results: Sequence[Result], out: TextIO, options: Options) -> None:
    from .terminal import render  # rich is imported only when a terminal report is asked for

    render(results, out, options)


Formatter = Callable[[Sequence[Result], TextIO, Options], None]

FORMATTERS: dict[str, Formatter] = {
    "json": render_json,
    "table": render_table,
}
