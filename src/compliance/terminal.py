"""The terminal report (rich): header, category table, findings to act on, requirements met."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text as RichText

from .engine import failed_first
from .formatters import Options, Result, summary
from .messages import TERMINAL_CONTROLS, colon, text, without_path
from .model import FailedDocument, Finding, Location, Report, Severity, Status

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATUS_STYLE = {Status.FAIL: "red", Status.PARTIAL: "yellow", Status.PASS: "green",
                Status.WAIVED: "magenta", Status.NOT_APPLICABLE: "dim"}


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


def _score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def _header(report: Report, lang: str) -> Panel:
    document = report.document
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    unknown = _t("ui.unknown", lang)
    grid.add_row(_t("ui.file", lang), RichText(f"{document.path}  ({', '.join(filter(None, (document.format, document.encoding)))})",
                                               overflow="fold"))
    year = str(document.year) if document.year else unknown
    if document.year_source:
        year += f"  ({_t('ui.from', lang, source=_t('source.' + document.year_source, lang))})"
    grid.add_row(_t("ui.year", lang), year)
    published = document.published.isoformat() if document.published else unknown
    if document.published_source:
        source = document.published_source
        source_label = _t(f"source.{source}", lang) if source in ("signature", "modified", "created") else source
        published += f"  ({_t('ui.from', lang, source=source_label)})"
    grid.add_row(_t("ui.published", lang), published)
    publisher = document.metadata.get("publisher")
    grid.add_row(_t("ui.publisher", lang), publisher.value if publisher and publisher.value else unknown)
    subject = _t(f"subject.{document.subject}", lang) if document.subject else unknown
    if document.subject_reason:
        subject += f"  ({document.subject_reason.get(lang)})"
    grid.add_row(_t("ui.subject", lang), subject)
    ruleset = report.ruleset
    grid.add_row(_t("ui.profile", lang), f"{ruleset.id} {ruleset.version}  {ruleset.hash}")
    grid.add_row(_t("ui.profile_reason", lang), report.profile_reason.get(lang))
    total = report.score.total
    score = RichText(f"{total:.1f}" if total is not None else "—", style=f"bold {_score_style(total)}")
    if report.score.grade:
        score.append(f"  {report.score.grade.get(lang)}", style="bold red" if report.score.grade_capped
                     else _score_style(total))
        if report.score.grade_capped:
            score.append(f"  {_t('ui.grade_capped', lang)}", style="red")
    grid.add_row(_t("ui.score", lang), score)
    verdict = (RichText("✔ " + _t("ui.passed", lang), style="bold green") if report.passed
               else RichText("✘ " + _t("ui.failed", lang), style="bold red"))
    for reason in report.score.gate:
        verdict.append(f"  · {reason.get(lang)}", style="red")
    grid.add_row(_t("ui.verdict", lang), verdict)
    for warning in document.warnings:
        grid.add_row(_t("ui.reading_note", lang), RichText(without_path(warning.get(lang), document.path), style="yellow"))
    title = document.title or _t("ui.unknown", lang)
    return Panel(grid, title=RichText(title, style="bold"), title_align="left", box=box.ROUNDED)


def _categories(report: Report, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False)
    table.add_column(_t("ui.category", lang))
    table.add_column(_t("ui.weight", lang), justify="right")
    table.add_column(_t("ui.rules", lang), justify="right")
    table.add_column(_t("ui.score", lang), justify="right")
    for category in report.score.categories:
        value = f"{category.score:.1f}" if category.score is not None else _t("ui.na", lang)
        table.add_row(category.title.get(lang), f"{category.weight:g}", str(category.rules),
                      RichText(value, style=_score_style(category.score)))
    return table


def _indicators(report: Report, lang: str) -> Table | None:
    """Each indicator rule: the figure bound, where, the expected range and the outcome."""
    rows = [f for f in report.findings if f.kind == "indicator"]
    if not rows:
        return None
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, pad_edge=False, title_justify="left",
                  title=RichText(_t("ui.indicators", lang), style="bold"))
    trend = any("previous" in hit.data for finding in rows for hit in finding.hits)
    columns = ("ui.indicator", "ui.figure", *(("ui.last_year",) if trend else ()), "ui.where", "ui.target", "ui.status")
    for key in columns:
        table.add_column(_t(key, lang), justify="right" if key in ("ui.figure", "ui.last_year") else "left")
    rules = {rule.id: rule for rule in report.ruleset.rules}
    for finding in rows:
        hit = finding.hits[0] if finding.hits else None
        data = hit.data if hit else {}
        status = data.get("status", "")  # a hit without one has no figure to show: —
        figure = {"figure": data.get("raw"), "negative": f"0（{data.get('raw')}）" if lang == "zh" else f"0 ({data.get('raw')})",
                  "statement": _t("ui.stated", lang)}.get(status, "—")
        params = rules[finding.rule_id].params
        target = _target(params.get("min"), params.get("max"))
        last_year = () if not trend else (_figure(data.get("previous"), data.get("unit"), lang),)
        table.add_row(finding.title.get(lang), str(figure), *last_year, _where(hit.location if hit else None), target,
                      RichText(_t(f"status.{finding.status.value}", lang), style=STATUS_STYLE[finding.status]))
    return table


def _figure(value: object, unit: object, lang: str) -> str:
    if value is None:
        return "—"
    if value is True:
        return _t("ui.stated", lang)
    return f"{value:g}{unit or ''}" if isinstance(value, (int, float)) else str(value)


def _target(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}" if low == high else f"{low:g}–{high:g}"
    if low is not None:
        return f"≥ {low:g}"
    return f"≤ {high:g}" if high is not None else "—"


def _where(location: Location | None) -> str:
    return f"{location.line}:{location.column}" if location else "—"


def _finding_block(finding: Finding, report: Report, lang: str) -> Group:
    rule = next(r for r in report.ruleset.rules if r.id == finding.rule_id)
    sep = colon(lang)
    head = RichText()
    head.append(f"■ {_t('severity.' + finding.severity.value, lang)}", style=SEVERITY_STYLE[finding.severity])
    head.append(f"  {finding.title.get(lang)}", style="bold")
    head.append(f"  [{finding.rule_id}]", style="dim")
    if finding.status is Status.PARTIAL:
        head.append(f"  {_t('status.partial', lang)}", style="yellow")
    points = report.score.points_lost.get(finding.rule_id)
    if points:
        head.append(f"  {_t('ui.points', lang, points=f'{points:g}')}", style="red")
    body: list[RenderableType] = []
    if finding.message:
        body.append(RichText(finding.message.get(lang)))
    hits = [hit for hit in finding.hits if hit.credit is not None and hit.credit < 1]
    evidence = Table.grid(padding=(0, 1))
    evidence.add_column(style="bold blue", justify="right", no_wrap=True)
    evidence.add_column()
    for hit in hits[:8]:
        cell = RichText(hit.detail.get(lang))
        if hit.evidence and hit.evidence not in hit.detail.get(lang):
            cell.append(f"\n“{hit.evidence}”", style="italic dim")
        evidence.add_row(_where(hit.location), cell)
    if len(hits) > 8:
        evidence.add_row("", RichText(f"… +{len(hits) - 8}", style="dim"))
    if hits:
        body.append(evidence)
    if finding.basis:
        basis = finding.basis.get(lang) + (_t("ui.unverified", lang) if rule.basis_status == "unverified" else "")
        body.append(RichText(f"{_t('ui.basis', lang)}{sep}{basis}", style="dim"))
    if finding.hint:
        body.append(RichText(f"{_t('ui.hint', lang)}{sep}{finding.hint.get(lang)}", style="green"))
    if finding.waiver:
        body.append(RichText(finding.waiver.get(lang), style="yellow"))
    return Group(head, Padding(Group(*body), (0, 0, 0, 4)))


def _priorities(console: Console, report: Report, lang: str) -> None:
    """The failures that cost most, and the score fixing them would reach."""
    lost = report.score.points_lost
    costly = sorted((f for f in report.findings if lost.get(f.rule_id, 0) > 0), key=lambda f: -lost[f.rule_id])[:5]
    if not costly or report.score.total is None:
        return
    reach = min(100.0, report.score.total + sum(lost[f.rule_id] for f in costly))
    console.print(RichText(_t("ui.priorities", lang, count=len(costly), score=f"{reach:.1f}"), style="bold"))
    for index, finding in enumerate(costly, start=1):
        line = RichText(f"  {index}. {finding.title.get(lang)}")
        line.append(f"  +{lost[finding.rule_id]:g}", style="green")
        line.append(f"  [{finding.rule_id}]", style="dim")
        console.print(line)
    console.print()


def _passed_line(finding: Finding, lang: str) -> Table:
    """A met requirement, compactly, with the passage that satisfied it."""
    line = Table.grid(padding=(0, 1))
    line.add_column(no_wrap=True)
    line.add_column()
    hit = next((h for h in finding.hits if h.credit == 1), None)
    cell = RichText(finding.title.get(lang), style="bold")
    cell.append(f"  [{finding.rule_id}]", style="dim")
    if hit is not None:
        cell.append(f"\n{_where(hit.location)}  {hit.detail.get(lang)}", style="")
        if hit.evidence and hit.evidence not in hit.detail.get(lang):
            cell.append(f"  “{hit.evidence}”", style="italic dim")
    line.add_row(RichText("✔", style="green"), cell)
    return line


def _report(console: Console, report: Report, options: Options) -> None:
    lang = options.lang
    console.print(_header(report, lang))
    console.print(_categories(report, lang))
    indicators = _indicators(report, lang)
    if indicators is not None:
        console.print(indicators)
    failed = failed_first(f for f in report.findings if f.failed)
    console.rule(RichText(_t("ui.findings", lang), style="bold"), align="left")
    if not failed:
        console.print(RichText("  " + _t("ui.no_findings", lang), style="green"))
    by_category: dict[str, list[Finding]] = {}
    for finding in failed:
        by_category.setdefault(finding.category, []).append(finding)
    for category in report.ruleset.categories:
        if category.id not in by_category:
            continue
        console.print(RichText(f"{category.title.get(lang)}", style="bold underline"))
        for finding in by_category[category.id]:
            console.print(_finding_block(finding, report, lang))
        console.print()
    _priorities(console, report, lang)
    waived = [f for f in report.findings if f.status is Status.WAIVED]
    if waived:
        console.rule(RichText(_t("ui.waived", lang, count=len(waived)), style="bold magenta"), align="left")
        for finding in waived:
            line = RichText(f"  {finding.title.get(lang)}", style="bold")
            line.append(f"  [{finding.rule_id}]", style="dim")
            line.append(f"\n    {finding.waiver.get(lang) if finding.waiver else ''}", style="magenta")
            console.print(line)
    passed = [f for f in report.findings if f.status is Status.PASS]
    if options.verbose:
        console.rule(RichText(_t("ui.passed_rules", lang, count=len(passed)), style="bold green"), align="left")
        for finding in passed:
            console.print(_passed_line(finding, lang))
    else:
        console.print(RichText(_t("ui.passed_collapsed", lang, count=len(passed)), style="dim"))
    not_applicable = [f.title.get(lang) for f in report.findings if f.status is Status.NOT_APPLICABLE]
    if not_applicable:
        console.print(RichText(_t("ui.not_applicable", lang, rules="；".join(not_applicable) if lang == "zh"
                                  else "; ".join(not_applicable)), style="dim"))


def _failed(console: Console, failure: FailedDocument, lang: str) -> None:
    console.print(Panel(RichText(failure.message.get(lang), style="red", overflow="fold"),
                        title=RichText(f"{_t('ui.error', lang)}: {failure.path}", style="bold red"),
                        title_align="left", box=box.ROUNDED))


class _Console(Console):
    """A console that writes no control character of the text it shows, as rich does for a few."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            # A control segment is rich's own (a cursor move); the text of the others is the report's.
            if segment.control is None and TERMINAL_CONTROLS.search(segment.text):
                segment = Segment(TERMINAL_CONTROLS.sub("", segment.text), segment.style)
            yield segment


def console_for(out: TextIO, options: Options, *, markup: bool = False) -> Console:
    """The console every terminal view writes to. Markup is off but where a view escapes what it
    interpolates: a report's text ([/] in a title, [link=…]) was read as rich's markup, an internal
    error (MarkupError) or a style or link of the report's author."""
    return _Console(file=out, width=options.width, force_terminal=options.color, no_color=options.color is False,
                   highlight=False, soft_wrap=False, markup=markup)


def render(results: Sequence[Result], out: TextIO, options: Options) -> None:
    console = console_for(out, options)
    for result in results:
        if isinstance(result, FailedDocument):
            _failed(console, result, options.lang)
        else:
            _report(console, result, options)
        console.print()
    if len(results) > 1:
        console.print(RichText(_t("ui.summary", options.lang, **{
            k: v for k, v in summary(results).items() if k != "average_score"}), style="bold"))
