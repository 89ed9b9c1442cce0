"""What a supervisor reads about a batch: one row per document and the batch's aggregates.

Everything here is read from the JSON contract (`formatters.document_dict`), so every view of a batch
(terminal, Markdown, HTML, CSV, XLSX) says the same thing, and indicator findings show up in
"figures missing" as soon as the pack has indicator rules.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import colon, text, without_path
from .structure.fold import fold

FAILING = ("fail", "partial")


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One document in the ranking."""

    index: int  # position in the input, 0-based
    path: str
    title: str | None
    year: int | None
    published: str | None
    publisher: str | None
    score: float | None
    grade: str | None
    passed: bool
    error: str | None
    missing_parts: tuple[str, ...]  # titles of required parts not found
    late: str | None  # the deadline finding's detail when the report was late
    figures_missing: tuple[str, ...]  # titles of indicator rules failed or partly met
    failed_rules: tuple[str, ...]  # rule ids failed or partly met
    gate: tuple[str, ...]
    requirements_failed: tuple[str, ...] = ()  # titles of the error-level rules failed: what the gate counts
    categories: Mapping[str, float | None]
    new_findings: int = 0  # with --baseline: failing findings not in the baseline
    waived: int = 0  # failing findings a waiver in force covers
    notes: tuple[str, ...] = ()  # what reading noticed: a charset that lied, a .doc that was a web page …


def _comparable(name: str) -> str:
    """A title or publisher as two copies of one report both write it: a repost in 繁体 or with full-width
    digits, or a title spaced apart ("西湖区 2021 年度"), names the same report."""
    return "".join(fold(name).split())


def row(index: int, document: Mapping[str, Any]) -> Row:
    """The ranking row of one document dict."""
    findings = document["findings"]
    failing = [f for f in findings if f["status"] in FAILING]
    late = next((f for f in failing if f["kind"] == "deadline"), None)
    publisher = document["metadata"].get("publisher")
    return Row(
        index=index, path=document["path"], title=document["title"], year=document["year"],
        published=document["published"], publisher=publisher["value"] if publisher else None,
        score=document["score"], grade=document["grade"], passed=document["passed"],
        error=without_path(document["error"]["message"], document["path"]) if document["error"] else None,
        missing_parts=tuple(f["title"] for f in failing if f["kind"] == "part" and f["status"] == "fail"),
        late=(late["evidence"][0]["detail"] if late and late["evidence"] else late["title"]) if late else None,
        figures_missing=tuple(f["title"] for f in failing if f["category"] == "indicators"),
        failed_rules=tuple(f["rule_id"] for f in failing),
        gate=tuple(document["gate"]),
        requirements_failed=tuple(f["title"] for f in findings if f["status"] == "fail" and f["severity"] == "error"
                                  and f.get("baseline") != "known"),
        categories={c["id"]: c["score"] for c in document["categories"]},
        new_findings=sum(1 for f in failing if f.get("baseline") == "new"),
        waived=sum(1 for f in findings if f["status"] == "waived"),
        notes=tuple(without_path(note, document["path"]) for note in document.get("warnings") or ()),
    )


@dataclass(slots=True)
class Digest:
    """The batch's aggregates, added to one document at a time."""

    rows: list[Row] = field(default_factory=list)
    rule_titles: dict[str, str] = field(default_factory=dict)
    rule_failures: Counter[str] = field(default_factory=Counter)
    category_titles: dict[str, str] = field(default_factory=dict)
    category_sums: dict[str, tuple[float, int]] = field(default_factory=dict)

    def add(self, document: Mapping[str, Any]) -> Row:
        entry = row(len(self.rows), document)
        self.rows.append(entry)
        for finding in document["findings"]:
            self.rule_titles.setdefault(finding["rule_id"], finding["title"])
            if finding["status"] in FAILING:
                self.rule_failures[finding["rule_id"]] += 1
        for category in document["categories"]:
            self.category_titles.setdefault(category["id"], category["title"])
            total, count = self.category_sums.get(category["id"], (0.0, 0))
            if category["score"] is not None:
                total, count = total + category["score"], count + 1
            self.category_sums[category["id"]] = (total, count)
        return entry

    def ranking(self) -> list[Row]:
        """Best first; unreadable files last, then in input order."""
        return sorted(self.rows, key=lambda r: (r.score is None, -(r.score or 0.0), r.index))

    def top_failures(self, limit: int = 10) -> list[tuple[str, str, int]]:
        """(rule id, title, documents failing it), most frequent first."""
        ordered = sorted(self.rule_failures.items(), key=lambda item: (-item[1], item[0]))
        return [(rule_id, self.rule_titles[rule_id], count) for rule_id, count in ordered[:limit]]

    def category_averages(self) -> list[tuple[str, float | None]]:
        """(category title, average score over the documents where it applies)."""
        return [(self.category_titles[cid], round(total / count, 1) if count else None)
                for cid, (total, count) in self.category_sums.items()]

    def common_folder(self) -> str:
        """The folder every document of the batch shares (submissions/), "" when there is none."""
        folders = {os.path.dirname(r.path) for r in self.rows}
        if not folders or not all(folders) or len({os.path.isabs(f) for f in folders}) > 1:
            return ""
        return os.path.commonpath(list(folders))

    def short(self, entry: Row) -> str:
        """The document's path as the batch's folder holds it (乡镇/枫岭镇.docx), the whole path without one."""
        common = self.common_folder()
        return os.path.relpath(entry.path, common) if common else entry.path

    def duplicates(self) -> list[list[Row]]:
        """The reports sent more than once (a .pdf and a .docx of one report, a file resent under a new
        name, a repost in traditional characters): groups of documents with the same title, year and
        publisher, in input order."""
        groups: dict[tuple[str, int | None, str | None], list[Row]] = {}
        for entry in self.rows:
            if entry.title and entry.error is None:
                key = (_comparable(entry.title), entry.year, _comparable(entry.publisher) if entry.publisher else None)
                groups.setdefault(key, []).append(entry)
        return [group for group in groups.values() if len(group) > 1]

    def usual_year(self) -> int | None:
        """The year most reports of the batch are on (the later of two as common): a batch is a year's."""
        years = Counter(r.year for r in self.rows if r.year is not None)
        return max(years, key=lambda year: (years[year], year)) if len(years) > 1 else None

    def other_years(self) -> list[Row]:
        """The reports on another year than most: a file for the wrong year, sent by mistake."""
        usual = self.usual_year()
        return [r for r in self.rows if usual is not None and r.year is not None and r.year != usual]

    @property
    def noted(self) -> list[Row]:
        return [r for r in self.rows if r.notes]

    @property
    def late(self) -> list[Row]:
        return [r for r in self.rows if r.late]

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if not r.passed and r.error is None]

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if r.error is not None]

    @property
    def scores(self) -> list[float]:
        return [r.score for r in self.rows if r.score is not None]

    @property
    def average(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A list of documents a supervisor writes to, each with what to tell its office."""

    heading: str
    severe: bool  # a failure or an unreadable file (red), not a matter to check (yellow)
    items: tuple[tuple[Row, str], ...]  # (document, what is wrong with it)


def _why_failed(entry: Row, lang: str) -> str:
    """The gate's reasons and the requirements behind them: "1 项错误级要求未满足" alone does not tell an
    office what to fix."""
    separator = "、" if lang == "zh" else "; "
    reason = separator.join(entry.gate)
    if entry.requirements_failed:
        reason += colon(lang) + separator.join(entry.requirements_failed)
    return reason


def followups(digest: Digest, lang: str) -> list[FollowUp]:
    """Who must fix what, in every view of a batch: failed, late, unreadable, sent twice, another year,
    read with a note. Empty lists are left out."""
    def t(key: str, **values: object) -> str:
        return text(key, **values).get(lang)

    separator = "、" if lang == "zh" else "; "
    usual = digest.usual_year()
    twice = [(entry, t("batch.duplicate_of", first=digest.short(group[0])))
             for group in digest.duplicates() for entry in group[1:]]
    lists = [
        FollowUp(t("batch.failed", count=len(digest.failed)), True,
                 tuple((r, _why_failed(r, lang)) for r in digest.failed)),
        FollowUp(t("batch.late", count=len(digest.late)), False, tuple((r, r.late or "") for r in digest.late)),
        FollowUp(t("batch.errors", count=len(digest.errors)), True, tuple((r, r.error or "") for r in digest.errors)),
        FollowUp(t("batch.duplicates", count=len(twice)), False, tuple(twice)),
        FollowUp(t("batch.other_years", count=len(digest.other_years()), year=usual), False,
                 tuple((r, t("batch.year_of", year=r.year)) for r in digest.other_years())),
        FollowUp(t("batch.noted", count=len(digest.noted)), False,
                 tuple((r, separator.join(r.notes)) for r in digest.noted)),
    ]
    return [followup for followup in lists if followup.items]
