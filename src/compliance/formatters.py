"""Output formats: one render function each, pure functions of finished reports, in FORMATTERS.

`as_dict` is the JSON contract (schemas/report.schema.json); every other format is a view of it or of
the same finished Report, and computes nothing the JSON does not carry.
"""

from __future__ import annotations

import codecs
import importlib
import itertools
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from . import __version__
from .model import Document, FailedDocument, Finding, Hit, Location, Report, Rule, RuleSet, Section, Status, Text

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
    reads documents through `document_dict` anyway. It is kept in UTF-8: a str would be encoded to
    cross, decoded on arrival and encoded again to be written (~0.1 ms a report in the parent process,
    whose time the workers need).
    """

    json: bytes  # document_dict(report, lang), compact JSON, in UTF-8
    lang: str
    passed: bool
    score: float | None
    ruleset: RuleSet
    profile: str  # the id of the pack that checked it (packs differ per document under --profile auto)
    waived: int = 0

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.json)


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


def _rules_by_id(ruleset: RuleSet) -> dict[str, Rule]:
    cached = _RULES_BY_ID.get(id(ruleset))
    if cached is None or cached[0] is not ruleset:
        if len(_RULES_BY_ID) >= _PACKS_HELD:
            _RULES_BY_ID.clear()
        # The pack is held with its index, so its id() cannot be reused by another object meanwhile.
        cached = _RULES_BY_ID[id(ruleset)] = (ruleset, {rule.id: rule for rule in ruleset.rules})
    return cached[1]


_RULES_BY_ID: dict[int, tuple[RuleSet, dict[str, Rule]]] = {}
_PACKS_HELD = 8  # a run uses one pack, or one per profile under --profile auto


def _searched(rule: Rule) -> list[str]:
    return [p for key in SEARCHED_PARAMS for p in rule.params.get(key, ())]


def _evidence(finding: Finding, lang: str) -> list[dict[str, Any]]:
    return [
        {"detail": hit.detail.get(lang), "location": _location(hit.location), "quote": hit.evidence,
         "credit": hit.credit}
        for hit in finding.hits
    ]


def _finding(finding: Finding, report: Report, lang: str) -> dict[str, Any]:
    rule = _rules_by_id(report.ruleset)[finding.rule_id]
    return {
        "rule_id": finding.rule_id, "kind": finding.kind, "category": finding.category,
        "status": finding.status.value, "severity": finding.severity.value, "weight": finding.weight,
        "credit": finding.credit, "points_lost": report.score.points_lost.get(finding.rule_id, 0.0),
        "title": finding.title.get(lang), "message": _t(finding.message, lang),
        "basis": _t(finding.basis, lang), "basis_status": rule.basis_status, "hint": _t(finding.hint, lang),
        "waiver": _t(finding.waiver, lang), "baseline": finding.baseline,
        "searched": _searched(rule),
        "evidence": _evidence(finding, lang),
    }


def _failed_dict(failed: FailedDocument, lang: str) -> dict[str, Any]:
    return {
        "path": failed.path, "format": None, "encoding": None, "title": None, "year": None,
        "published": None, "subject": None, "profile": None, "metadata": {}, "parts": {},
        "indicators": {}, "findings": [], "categories": [], "score": None, "grade": None,
        "passed": False, "gate": [], "error": {"code": failed.code, "message": failed.message.get(lang)},
    }


def _before_findings(report: Report, lang: str) -> dict[str, Any]:
    return {
        **document_facts(report.document, lang),
        "profile": {"id": report.profile, "reason": report.profile_reason.get(lang),
                    "version": report.ruleset.version, "hash": report.ruleset.hash},
        "parts": _parts(report.findings),
        "indicators": _indicators(report.findings),
    }


def _after_findings(report: Report, lang: str) -> dict[str, Any]:
    return {
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


def document_dict(result: Result | Entry, lang: str) -> dict[str, Any]:
    """One document's entry in the JSON output."""
    if isinstance(result, Entry):
        return _in_lang(result, lang).data
    if isinstance(result, FailedDocument):
        return _failed_dict(result, lang)
    return {
        **_before_findings(result, lang),
        "findings": [_finding(finding, result, lang) for finding in result.findings],
        **_after_findings(result, lang),
    }


def _in_lang(entry: Entry, lang: str) -> Entry:
    """`entry`, which must have been made in `lang`: it holds no Report to write in another language."""
    if entry.lang != lang:
        raise ValueError(f"an entry made in {entry.lang!r} cannot be written in {lang!r}")
    return entry


def no_entries(results: Iterable[Result | Entry]) -> Iterator[Result]:
    """`results` of a run that was asked for whole Reports (Settings.entries None), as such: the views
    that need a Report (the terminal's full report, the baseline) are given no other."""
    for result in results:
        if isinstance(result, Entry):
            raise TypeError("a run asked for whole Reports sent back a JSON entry")
        yield result


# ---------------------------------------------------------------- the same entry, encoded fast

_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a str (C-accelerated)
# json.dumps builds a new encoder on every call: a tenth of the cost of encoding a small finding.
# This is the encoder it builds (separators ", " and ": ", no circular check: ours are trees).
# typeshed does not declare json's C accelerator (None where it was not built).
_c_encoder = json.encoder.c_make_encoder  # type: ignore[attr-defined]
_python_encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
# Called with a value and the indent level to start at (0); the pure-Python fallback takes no level.
_encode: Callable[[Any, int], Iterable[str]] = (
    _c_encoder(None, json.JSONEncoder().default, _string, None, ": ", ", ", False, False, True)
    if _c_encoder is not None
    else lambda value, _level: _python_encoder.iterencode(value)
)


def _dumps(value: Any) -> str:
    return "".join(_encode(value, 0))


def _scalar(value: str | float | None) -> str:
    """A JSON scalar as json.dumps writes it; anything but a str, a finite float, an int or None goes to the encoder."""
    # One type() call per value on this hot path; mypy does not narrow `value` through `kind`.
    kind = type(value)
    if kind is str:
        return _string(value)  # type: ignore[arg-type]
    if value is None:
        return "null"
    if kind is float and math.isfinite(value) or kind is int:  # type: ignore[arg-type]
        return repr(value)  # what json writes for these; not for NaN (NaN), True (true) or an IntEnum
    return _dumps(value)


def _location_json(location: Location | None) -> str:
    """`_dumps(_location(location))`, written directly for the locations every kind builds (all ints)."""
    if location is None:
        return "null"
    line, column, end_line, end_column = location.line, location.column, location.end_line, location.end_column
    if type(line) is type(column) is int:  # an int formats as json writes it; a bool or a float would not
        if end_line is None and end_column is None:
            return f'{{"line": {line}, "column": {column}}}'
        if type(end_line) is type(end_column) is int:
            return f'{{"line": {line}, "column": {column}, "end_line": {end_line}, "end_column": {end_column}}}'
    return _dumps(_location(location))


def _hit_json(hit: Hit, english: bool) -> str:
    """`_dumps` of the hit's entry in `_evidence`, written directly: a report has ~80 of them.

    The usual types (a str, a finite float) are tested inline; a call to `_scalar` for each costs more.
    """
    detail, quote, credit = hit.detail.en if english else hit.detail.zh, hit.evidence, hit.credit
    return (f'{{"detail": {_string(detail) if type(detail) is str else _scalar(detail)}, '
            f'"location": {_location_json(hit.location)}, '
            f'"quote": {_string(quote) if type(quote) is str else _scalar(quote)}, '
            f'"credit": {repr(credit) if type(credit) is float and math.isfinite(credit) else _scalar(credit)}}}')


# A finding's status, in JSON: looking up an enum member's value costs more than the rest of its slot.
_STATUS_JSON = {status: _string(status.value) for status in Status}


@dataclass(frozen=True, slots=True)
class _FindingTemplate:
    """A rule's part of every finding it stamps, in JSON, around the slots that vary per document."""

    before_status: str
    before_credit: str
    before_waiver: str
    before_evidence: str


def _templates(ruleset: RuleSet, lang: str) -> dict[str, _FindingTemplate]:
    key = (id(ruleset), lang)
    cached = _TEMPLATES.get(key)
    if cached is None or cached[0] is not ruleset:
        if len(_TEMPLATES) >= _PACKS_HELD:
            _TEMPLATES.clear()
        templates = {
            rule.id: _FindingTemplate(
                before_status=f'{{"rule_id": {_string(rule.id)}, "kind": {_string(rule.kind)}, '
                              f'"category": {_string(rule.category)}, "status": ',
                before_credit=f', "severity": {_string(rule.severity.value)}, "weight": {_dumps(rule.weight)}, '
                              f'"credit": ',
                before_waiver=f', "title": {_string(rule.title.get(lang))}, "message": {_dumps(_t(rule.message, lang))}, '
                              f'"basis": {_dumps(_t(rule.basis, lang))}, "basis_status": {_dumps(rule.basis_status)}, '
                              f'"hint": {_dumps(_t(rule.hint, lang))}, "waiver": ',
                before_evidence=f', "searched": {_dumps(_searched(rule))}, "evidence": ',
            )
            for rule in ruleset.rules
        }
        cached = _TEMPLATES[key] = (ruleset, templates)
    return cached[1]


_TEMPLATES: dict[tuple[int, str], tuple[RuleSet, dict[str, _FindingTemplate]]] = {}


def encode_document(result: Result, lang: str) -> str:
    """`json.dumps(document_dict(result, lang), ensure_ascii=False)`, byte for byte, in a third of the time.

    A batch's JSON is mostly findings, and most of a finding (title, basis, hint, what was searched) is
    its rule's, the same in every document: that part is encoded once per pack and language.
    """
    if isinstance(result, FailedDocument):
        return _dumps(_failed_dict(result, lang))
    templates = _templates(result.ruleset, lang)
    points_lost = result.score.points_lost
    english = lang == "en"
    before, after = _dumps(_before_findings(result, lang)), _dumps(_after_findings(result, lang))
    pieces = [before[:-1], ', "findings": [']  # joined once at the end, not finding by finding
    for index, finding in enumerate(result.findings):
        template = templates[finding.rule_id]
        pieces.append(
            f'{", " if index else ""}{template.before_status}{_STATUS_JSON[finding.status]}{template.before_credit}'
            f'{_scalar(finding.credit)}, "points_lost": {_scalar(points_lost.get(finding.rule_id, 0.0))}'
            f'{template.before_waiver}{_scalar(_t(finding.waiver, lang))}, "baseline": {_scalar(finding.baseline)}'
            f"{template.before_evidence}["
        )
        pieces.append(", ".join([_hit_json(hit, english) for hit in finding.hits]))
        pieces.append("]}")
    pieces.append(f"], {after[1:]}")
    return "".join(pieces)


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


def summary(results: Iterable[Result | Entry]) -> dict[str, Any]:
    counted = Summary()
    for result in results:
        counted.add(result)
    return counted.as_dict()


def as_dict(results: Sequence[Result | Entry], options: Options) -> dict[str, Any]:
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


def utf8_escaped(text: str) -> bytes:
    """`text` in UTF-8. A file name that is not UTF-8 reaches us with its bytes as lone surrogates
    (b\\xff.txt is "b\\udcff.txt"), which UTF-8 cannot hold: they are written as escapes, which in JSON
    a reader turns back into the same string, and so into the same file name."""
    return text.encode("utf-8", "backslashreplace")


def _utf8_buffer(out: TextIO) -> BinaryIO | None:
    """The byte stream under `out` when writing to it directly is the same as writing text: UTF-8,
    and no line-ending translation (which a text stream does on Windows)."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n" or codecs.lookup(encoding).name != "utf-8":
        return None
    return buffer


def render_json(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """The JSON contract, written document by document as results arrive."""
    stream = iter(results)
    held: list[Result | Entry] = []  # unreadable files before the first report: held until the rule set is known
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
    # A batch's documents go out as UTF-8 bytes where the output takes them: entries arrive encoded.
    buffer = _utf8_buffer(out) if indent is None else None
    if buffer is not None:
        out.flush()  # what was written as text goes first
    counted = Summary()
    for result in itertools.chain(held, stream):
        separator = ",\n    " if counted.documents else "\n    "
        if indent is not None:
            chunk = json.dumps(document_dict(result, options.lang), ensure_ascii=False, indent=indent)
            out.write(separator + utf8_escaped(chunk).decode("utf-8").replace("\n", "\n    "))
        else:  # compact JSON holds no line break (json escapes those in strings): nothing to indent
            compact = (_in_lang(result, options.lang).json if isinstance(result, Entry)
                       else utf8_escaped(encode_document(result, options.lang)))
            if buffer is not None:
                buffer.write(separator.encode("utf-8") + compact)
            else:
                out.write(separator + compact.decode("utf-8"))
        counted.add(result)
    out.write("\n  ],\n" if counted.documents else "],\n")
    totals = json.dumps(counted.as_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    out.write(f'  "summary": {totals}\n}}\n')


def render_table(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """One document: its full report; a batch: the supervisor's summary (and every report with --verbose)."""
    stream = iter(results)
    first = list(itertools.islice(stream, 2))
    if len(first) <= 1:
        from .terminal import render  # rich is imported only when a terminal report is asked for

        render(list(no_entries(first)), out, options)  # a single document is checked here, whole
        return
    from .supervisor import render_batch

    render_batch(itertools.chain(first, stream), out, options)


Formatter = Callable[[Iterable[Result | Entry], TextIO, Options], None]


def _lazy(module: str, name: str) -> Formatter:
    """A formatter whose module, and what it needs (rich, xlsxwriter), is imported only when it is used."""
    def render(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
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
