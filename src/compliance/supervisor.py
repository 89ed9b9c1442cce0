"""The terminal view of a batch (rich): ranking, the rules failed most, category averages, who to follow up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich import box
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text as RichText

from .digest import Digest, followups
from .formatters import Entry, Options, Result, document_dict
from .messages import text
from .model import FailedDocument, Report
from .terminal import _failed, _report, _score_style, console_for


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


def _score(value: float | None) -> RichText:
    return RichText("—" if value is None else f"{value:.1f}", style=_score_style(value))


def listing(values: Iterable[str], lang: str) -> str:
    """Items joined the way each language writes a list."""
    return ("、" if lang == "zh" else ", ").join(values)


def ranking_table(digest: Digest, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, title_justify="left",
                  title=RichText(_t("batch.ranking", lang), style="bold"))
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("col.rank", "right"), ("col.document", "left"), ("col.score", "right"), ("col.grade", "left"),
        ("col.passed", "center"), ("col.missing_parts", "left"), ("col.late", "left"), ("col.figures_missing", "left"))
    for key, justify in columns:
        table.add_column(_t(key, lang), justify=justify)
    for rank, row in enumerate(digest.ranking(), start=1):
        short = digest.short(row)
        name = RichText(row.title or short, overflow="fold")
        if row.title:
            name.append(f"\n{short}", style="dim")
        if row.error:
            table.add_row("", name, "—", "", RichText("!", style="bold red"),
                          RichText(row.error, style="red"), "", "")
            continue
        verdict = RichText("✔", style="green") if row.passed else RichText("✘", style="bold red")
        table.add_row(
            str(rank), name, _score(row.score), row.grade or "", verdict,
            RichText(listing(row.missing_parts, lang), style="red"),
            RichText(row.late or "", style="yellow"),
            RichText(listing(row.figures_missing, lang), style="yellow"),
        )
    return table


def render_batch(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """Every document's report with --verbose, then the batch summary a supervisor acts on."""
    lang = options.lang
    console = console_for(out, options)
    digest = Digest()
    for result in results:
        digest.add(document_dict(result, lang))
        if options.verbose:  # the run was asked for whole Reports (cli's needs_reports): no Entry comes
            if isinstance(result, Report):
                _report(console, result, options)
            elif isinstance(result, FailedDocument):
                _failed(console, result, lang)
            console.print()
    console.print(ranking_table(digest, lang))
    console.print()

    rules = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, title_justify="left",
                  title=RichText(_t("batch.top_rules", lang), style="bold"))
    rules.add_column(_t("col.rule", lang))
    rules.add_column(_t("col.documents", lang), justify="right")
    for rule_id, title, count in digest.top_failures():
        cell = RichText(title)
        cell.append(f"  [{rule_id}]", style="dim")
        rules.add_row(cell, str(count))
    if digest.rule_failures:
        console.print(rules)
        console.print()

    categories = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, title_justify="left",
                       title=RichText(_t("batch.categories", lang), style="bold"))
    categories.add_column(_t("ui.category", lang))
    categories.add_column(_t("batch.average", lang), justify="right")
    for title, average in digest.category_averages():
        categories.add_row(title, _score(average) if average is not None else RichText(_t("ui.na", lang), style="dim"))
    console.print(categories)
    console.print()

    for followup in followups(digest, lang):
        style = "red" if followup.severe else "yellow"
        console.print(RichText(followup.heading, style=f"bold {style}"))
        for entry, reason in followup.items:
            # The file too: two submissions may share a title, and the office is told which file to fix.
            name = RichText(f"  • {entry.title or digest.short(entry)}", style="bold")
            if entry.title:
                name.append(f"  {digest.short(entry)}", style="dim")
            console.print(name.append(f"  {reason}", style=style))
        console.print()
    counts = {"documents": len(digest.rows), "passed": sum(r.passed for r in digest.rows),
              "failed": len(digest.failed), "errors": len(digest.errors),
              "waived": sum(r.waived for r in digest.rows)}
    line = _t("ui.summary", lang, **counts)
    if digest.average is not None:
        line += _t("batch.average_line", lang, average=f"{digest.average:.1f}")
    console.print(RichText(line, style="bold"))

