"""Output formats: one render function each, pure functions of finished reports, in FORMATTERS.

`as_dict` is the JSON contract (schemas/report.schema.json); every other format is a view of it or of
the same finished Report, and computes nothing the JSON does not carry.
"""

from __future__ import annotations

import importlib
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from . import __version__
from .model import Document, FailedDocument, Finding, Location, Report, RuleSet, Section, Status, Text

SCHEMA_VERSION = "1.0"
# Params whose patterns are what a rule looks for: shown with each finding so an author sees what was searched.
SEARCHED_PARAMS = ("patterns", "fallback_patterns", "topics", "within", "numerator", "denominator", "rate",
                   "lesser", "greater")

Result = Report | FailedDocument


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A checked document already in its JSON form: what worker processes send back.

    A JSON string crosses between processes far faster than the Report's dataclasses (~1 ms each way
    to pickle), the JSON output writes it as it is, and every other format but the terminal report
    reads documents through `document_dict` anyway.
    """

    text: str  # document_dict(report, lang), compact JSON
    lang: str
    passed: bool
    score: float | None
    ruleset: RuleSet
    profile: str  # the id of the pack that checked it (packs differ per document under --profile auto)
    waived: int = 0

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.text)  # type: ignore[no-any-return]


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
        "waiver": _t(finding.waiver, lang), "baseline": finding.baseline,
        "searched": [p for key in SEARCHED_PARAMS for p in rule.params.get(key, ())],
        "evidence": [
            {"detail": hit.detail.get(lang), "location": _location(hit.location), "quote": hit.evidence,
             "credit": hit.credit}
            for hit in finding.hits
        ],
    }


def document_dict(result: Result | Entry, lang: str) -> dict[str, Any]:
    """One document's entry in the JSON output."""
    if isinstance(result, Entry) and result.lang == lang:
        return result.data
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


class Summary:
    """The `summary` block, counted one result at a time so that a stream never has to be held."""

    def __init__(self) -> None:
        self.documents = self.passed = self.failed = self.errors = self.waived = 0
        self.total = 0.0
        self.scored = 0

    def add(self, result: Result | Entry) -> None:
        self.documents += 1
        if isinstance(result, FailedDocument):
            self.errors += 1
            return
        self.passed += result.passed
        self.failed += not result.passed
        self.waived += result.waived if isinstance(result, Entry) else sum(
            1 for finding in result.findings if finding.status is Status.WAIVED)
        total = result.score if isinstance(result, Entry) else result.score.total
        if total is not None:
            self.total += total
            self.scored += 1

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "passed": self.passed, "failed": self.failed,
                "errors": self.errors, "waived": self.waived, "average_score": round(self.total / self.scored, 1) if self.scored else None}


def summary(results: Iterable[Result]) -> dict[str, Any]:
    counted = Summary()
    for result in results:
        counted.add(result)
    return counted.as_dict()


def as_dict(results: Sequence[Result], options: Options) -> dict[str, Any]:
    """The whole run as the JSON contract."""
    ruleset = next((r.ruleset for r in results if isinstance(r, (Report, Entry))), None)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "compliance", "version": __version__},
        "lang": options.lang,
        "ruleset": None if ruleset is None else {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash},
        "documents": [document_dict(result, options.lang) for result in results],
        "summary": summary(results),
    }


def render_json(results: Iterable[Result], out: TextIO, options: Options) -> None:
    """The JSON contract, written document by document as results arrive."""
    stream = iter(results)
    held: list[Result] = []  # unreadable files before the first report: held until the rule set is known
    for result in stream:
        held.append(result)
        if isinstance(result, (Report, Entry)):
            break
    head = as_dict(held[-1:] if held and isinstance(held[-1], (Report, Entry)) else [], options)
    del head["documents"], head["summary"]
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "documents": [')
    held.extend(itertools.islice(stream, max(0, 2 - len(held))))
    # One document is indented for people to read; a batch has one document per line, because json
    # indents in pure Python (5× slower than its C encoder), and `jq` pretty-prints it anyway.
    indent = 2 if len(held) == 1 else None
    counted = Summary()
    for result in itertools.chain(held, stream):
        if isinstance(result, Entry) and result.lang == options.lang and indent is None:
            chunk = result.text
        else:
            chunk = json.dumps(document_dict(result, options.lang), ensure_ascii=False, indent=indent)
        out.write(("\n    " if not counted.documents else ",\n    ") + chunk.replace("\n", "\n    "))
        counted.add(result)
    out.write("\n  ],\n" if counted.documents else "],\n")
    totals = json.dumps(counted.as_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    out.write(f'  "summary": {totals}\n}}\n')


def render_table(results: Iterable[Result], out: TextIO, options: Options) -> None:
    """One document: its full report; a batch: the supervisor's summary (and every report with --verbose)."""
    stream = iter(results)
    first = list(itertools.islice(stream, 2))
    if len(first) <= 1:
        from .terminal import render  # rich is imported only when a terminal report is asked for

        render(first, out, options)
        return
    from .supervisor import render_batch

    render_batch(itertools.chain(first, stream), out, options)


Formatter = Callable[[Iterable[Result], TextIO, Options], None]


def _lazy(module: str, name: str) -> Formatter:
    """A formatter whose module, and what it needs (rich, xlsxwriter), is imported only when it is used."""
    def render(results: Iterable[Result], out: TextIO, options: Options) -> None:
        getattr(importlib.import_module(module, __package__), name)(results, out, options)
    render.__name__ = name
    return render


FORMATTERS: dict[str, Formatter] = {
    "json": render_json,
    "table": render_table,
    "sarif": _lazy(".ci", "render_sarif"),
    "junit": _lazy(".ci", "render_junit"),
    "github": _lazy(".ci", "render_github"),
    "csv": _lazy(".exports", "render_csv"),
    "xlsx": _lazy(".exports", "render_xlsx"),
    "markdown": _lazy(".exports", "render_markdown"),
    "html": _lazy(".htmlreport", "render_html"),
}
# Formats that write bytes: they need --output, never a terminal.
BINARY_FORMATS = frozenset({"xlsx"})
