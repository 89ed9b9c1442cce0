"""Baselines: findings recorded once by a fingerprint that survives edits, so later runs fail only on new ones.

A fingerprint is the rule id, the path of section headings around the finding and its evidence with
whitespace, digits and ellipses removed — never a line number, so inserting text above a finding keeps
it known. Each fingerprint is counted: a second identical placeholder in the same section is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError
from .messages import text
from .model import Document, FailedDocument, Finding, Report, Severity
from .scoring import score
from .structure import fold

FORMAT_VERSION = 1
_NOISE = re.compile(r"[\s\d…]+")

Result = Report | FailedDocument


def _section_path(document: Document, line: int | None) -> str:
    if line is None:
        return ""
    path: list[str] = []
    sections = document.sections
    while True:
        inner = next((s for s in sections if s.location.line <= line <= s.end_line), None)
        if inner is None:
            return "/".join(path)
        path.append(_NOISE.sub("", fold(inner.heading)))
        sections = inner.children


def _fingerprints(finding: Finding, document: Document) -> list[str]:
    prints = []
    for hit in finding.hits:
        if hit.credit is None or hit.credit >= 1:
            continue
        where = _section_path(document, hit.location.line if hit.location else None)
        evidence = _NOISE.sub("", fold(hit.evidence or ""))
        key = f"{finding.rule_id}\x1f{where}\x1f{evidence}"
        prints.append(hashlib.sha256(key.encode("utf-8")).hexdigest()[:20])
    return prints or [hashlib.sha256(finding.rule_id.encode("utf-8")).hexdigest()[:20]]


def fingerprints(report: Report) -> Counter[str]:
    """Every failing finding's fingerprints, counted."""
    counts: Counter[str] = Counter()
    for finding in report.findings:
        if finding.failed:
            counts.update(_fingerprints(finding, report.document))
    return counts


def _recorded(data: object) -> dict[str, Counter[str]] | None:
    """The fingerprints counted per document path of a baseline this tool wrote; None for any other JSON."""
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, dict):
        return None
    recorded: dict[str, Counter[str]] = {}
    for document, prints in documents.items():
        if not isinstance(prints, dict) or not all(
                isinstance(count, int) and not isinstance(count, bool) and count >= 0 for count in prints.values()):
            return None
        recorded[document] = Counter(prints)
    return recorded


@dataclass(slots=True)
class Baseline:
    """Known findings per document path; `recording` when the file did not exist and is being written."""

    path: Path
    documents: dict[str, Counter[str]] = field(default_factory=dict)
    recording: bool = False

    @classmethod
    def open(cls, path: Path) -> Baseline:
        if not path.exists():
            if not path.parent.is_dir():  # found out now, not once every report has been checked and printed
                raise ConfigError(text("baseline.no_folder", path=path))
            return cls(path=path, recording=True)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(text("baseline.invalid", path=path, reason=error.strerror or error)) from error
        except ValueError as error:  # not JSON, or not UTF-8
            raise ConfigError(text("baseline.not_ours", path=path)) from error
        documents = _recorded(data)
        if documents is None:  # a report, a SARIF log, a hand edit: checked now, not halfway through the run
            raise ConfigError(text("baseline.not_ours", path=path))
        return cls(path=path, documents=documents)

    def mark(self, results: Iterable[Result], *, fail_under: float | None = None,
             fail_on: Severity = Severity.ERROR) -> Iterator[Result]:
        """Each report with its failing findings marked known or new, and its gate decided by the new ones."""
        for result in results:
            if isinstance(result, FailedDocument):
                yield result
                continue
            counts = fingerprints(result)
            if self.recording:
                self.documents[result.document.path] = counts
            known = Counter() if self.recording else Counter(self.documents.get(result.document.path, {}))
            findings = []
            for finding in result.findings:
                if not finding.failed:
                    findings.append(finding)
                    continue
                prints = _fingerprints(finding, result.document)
                need = Counter(prints)
                is_known = self.recording or all(known[p] >= n for p, n in need.items())
                if is_known:
                    known.subtract(need)
                findings.append(replace(finding, baseline="known" if is_known else "new"))
            rescored = score(findings, result.ruleset, fail_under=fail_under, fail_on=fail_on)
            yield replace(result, findings=tuple(findings), score=rescored)

    def save(self) -> None:
        """Write the recorded findings (only when this run recorded them)."""
        data = {"version": FORMAT_VERSION, "tool": "compliance",
                "documents": {path: dict(sorted(counts.items())) for path, counts in self.documents.items()}}
        try:
            self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as error:  # the output was written: say it is the baseline that was not
            raise ConfigError(text("baseline.unwritable", path=self.path, reason=error.strerror or error)) from error
