"""Rule self-tests: each rule's `examples` — a pass example must pass, a fail example must not."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from .engine import stamp
from .kinds import KINDS
from .model import Document, Rule, RuleSet, Source, Status
from .readers import split_lines
from .structure import build


@dataclass(frozen=True, slots=True, kw_only=True)
class ExampleResult:
    rule_id: str
    expected: str  # pass | fail
    text: str | Mapping[str, str]
    status: Status

    @property
    def ok(self) -> bool:
        if self.expected == "pass":
            return self.status is Status.PASS
        return self.status in (Status.FAIL, Status.PARTIAL)


def _document(snippet: str, path: str) -> Document:
    return build(Source(path=path, format="txt", encoding="utf-8", lines=split_lines(snippet)))


def run_example(rule: Rule, snippet: str | Mapping[str, str]) -> Status:
    """The rule's status on a snippet of report text (with last year's text, for rules that compare)."""
    if isinstance(snippet, str):
        document = _document(snippet, "<example>")
    else:
        document = _document(snippet["text"], "<example>")
        if "previous" in snippet:
            document = replace(document, previous=_document(snippet["previous"], "<previous>"))
    return stamp(rule, tuple(KINDS[rule.kind](document, **rule.params))).status


def run_examples(ruleset: RuleSet) -> Iterator[ExampleResult]:
    for rule in ruleset.rules:
        for expected in ("pass", "fail"):
            for snippet in rule.examples.get(expected, ()):
                yield ExampleResult(rule_id=rule.id, expected=expected, text=snippet,
                                    status=run_example(rule, snippet))
