"""The terminal view of a batch (rich): ranking, the rules failed most, category averages, who to follow up."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate
from typing import TextIO

from rich import box
from rich.cells import cell_len
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


def _wide(char: str) -> bool:
    """A character set in Chinese text (an ideograph, full-width punctuation), two cells wide."""
    return unicodedata.east_asian_width(char) in ("W", "F")


# Chinese punctuation no line may start with, and that none may end with (a light form of UAX #14).
_NO_LINE_START = set("，。、：；！？）」』”’》〉】…—%")
_NO_LINE_END = set("（「『“‘《〈【")


def _breaks(line: str) -> list[int]:
    """Where `line` may wrap: after a run of spaces, and between two Chinese characters. rich wraps at
    spaces only, so it took a Chinese phrase for one long word and broke before it, at the one space that
    must hold: "1 \n项错误级要求未满足", "PDF \n复制来的". A single space between Chinese and a number or
    Latin word belongs to the phrase, as in print."""
    breaks = []
    for index in range(1, len(line)):
        before, char = line[index - 1], line[index]
        if before == " " and char != " ":
            glued = (index >= 2 and line[index - 2] != " " and _wide(line[index - 2]) != _wide(char))
            if not glued:
                breaks.append(index)
        elif _wide(before) and _wide(char) and before not in _NO_LINE_END and char not in _NO_LINE_START:
            breaks.append(index)
    return breaks


def wrapped(line: RichText, width: int, indent: int) -> RichText:
    """`line` wrapped at `width` cells where Chinese text may wrap, continuation lines indented by `indent`.

    Each line's end is looked for by bisection over the cells counted once: measuring each candidate slice
    again made a 4,000-character line (a long path, a list of failed requirements) take 20 s."""
    plain, offsets, start, size = line.plain, [], 0, width
    cells = list(accumulate((cell_len(char) for char in plain), initial=0))  # cells before each character

    def shown(begin: int, end: int) -> int:  # the cells of plain[begin:end] without its trailing spaces
        while end > begin and plain[end - 1] == " ":
            end -= 1
        return cells[end] - cells[begin]

    breaks = _breaks(plain)
    while shown(start, len(plain)) > size:
        first = bisect_right(breaks, start)
        fits = bisect_right(breaks, size, lo=first, key=lambda at: shown(start, at))  # shown grows with `at`
        # Else a word too long for any line is cut, at the last character that fits.
        end = breaks[fits - 1] if fits > first else max(start + 1, bisect_right(cells, cells[start] + size) - 1)
        offsets.append(end)
        start, size = end, width - indent
    if not offsets:
        return line
    pieces = line.divide(offsets)
    for piece in pieces:
        piece.rstrip()  # the spaces a line was broken at
    return RichText("\n" + " " * indent).join(pieces)


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
            # Continuation lines under the name, past the bullet.
            console.print(wrapped(name.append(f"  {reason}", style=style), console.width, indent=4))
        console.print()
    counts = {"documents": len(digest.rows), "passed": sum(r.passed for r in digest.rows),
              "failed": len(digest.failed), "errors": len(digest.errors),
              "waived": sum(r.waived for r in digest.rows)}
    line = _t("ui.summary", lang, **counts)
    if digest.average is not None:
        line += _t("batch.average_line", lang, average=f"{digest.average:.1f}")
    console.print(RichText(line, style="bold"))

