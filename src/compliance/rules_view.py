"""`compliance rules …`: rule packs as tables for people, and their self-test results."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

import yaml
from rich import box
from rich.table import Table
from rich.text import Text as RichText

from .formatters import Options
from .messages import text
from .model import Rule, RuleSet
from .selftest import ExampleResult, run_examples
from .terminal import console_for


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


def render_list(ruleset: RuleSet, out: TextIO, options: Options) -> None:
    lang = options.lang
    table = Table(box=box.SIMPLE_HEAVY, title=f"{ruleset.id} {ruleset.version}  {ruleset.hash}", title_justify="left")
    for key in ("ui.id", "ui.kind", "ui.category", "ui.severity", "ui.weight", "ui.title", "ui.basis"):
        table.add_column(_t(key, lang), overflow="fold")
    for rule in ruleset.rules:
        basis = (rule.basis.get(lang) if rule.basis else "—") + (f" [{rule.basis_status}]" if rule.basis_status else "")
        table.add_row(rule.id, rule.kind, rule.category, _t(f"severity.{rule.severity.value}", lang),
                      f"{rule.weight:g}", rule.title.get(lang), basis)
    console_for(out, options).print(table)


def render_rule(ruleset: RuleSet, rule: Rule, out: TextIO, options: Options) -> None:
    """The resolved rule (after extends and overrides), as YAML a pack author can copy."""
    lang = options.lang
    resolved = {
        "id": rule.id, "kind": rule.kind, "category": rule.category, "severity": rule.severity.value,
        "weight": rule.weight, "title": rule.title.get(lang),
        "basis": rule.basis.get(lang) if rule.basis else None, "basis_status": rule.basis_status,
        "hint": rule.hint.get(lang) if rule.hint else None,
        "applies_to": list(rule.applies_to) or _t("ui.all_subjects", lang),
        "effective": [rule.effective_from, rule.effective_to] if rule.effective_from or rule.effective_to else None,
        "params": dict(rule.params), "examples": {k: list(v) for k, v in rule.examples.items()},
        "pack": f"{ruleset.id} {ruleset.version} {ruleset.hash}",
    }
    out.write(yaml.safe_dump({k: v for k, v in resolved.items() if v is not None}, allow_unicode=True,
                             sort_keys=False, width=100))


def self_test(ruleset: RuleSet) -> Iterator[ExampleResult]:
    return run_examples(ruleset)


def render_self_test(ruleset: RuleSet, results: Sequence[ExampleResult], out: TextIO, options: Options) -> None:
    lang = options.lang
    console = console_for(out, options)
    table = Table(box=box.SIMPLE_HEAVY, title=f"{ruleset.id} {ruleset.version}  {ruleset.hash}", title_justify="left")
    for key in ("ui.id", "ui.examples", "ui.got", "ui.status"):
        table.add_column(_t(key, lang), overflow="fold")
    for result in results:
        mark = RichText("✔", style="green") if result.ok else RichText("✘", style="bold red")
        snippet = (result.text if isinstance(result.text, str) else result.text["text"]).replace("\n", " ⏎ ")
        table.add_row(result.rule_id, f"{_t('rules.example_' + result.expected, lang)}: {snippet[:60]}",
                      _t(f"status.{result.status.value}", lang), mark)
    console.print(table)
    passed = sum(result.ok for result in results)
    console.print(RichText(_t("rules.test_summary", lang, passed=passed, total=len(results)),
                           style="bold green" if passed == len(results) else "bold red"))
