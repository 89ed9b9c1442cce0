"""Exports for people: CSV and XLSX for spreadsheets, Markdown for pull-request comments.

CSV has one row per document (the ranking's columns and a score per category): the shape a supervisor
sorts and filters in Excel. XLSX adds a sheet with one row per finding and one of the follow-up lists. Both are written as documents
arrive; XLSX uses xlsxwriter's constant-memory mode, so a large batch does not grow the process.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from .digest import FAILING, Digest, Row, followups, row
from .formatters import Entry, Options, Result, Summary, document_dict, utf8_escaped
from .messages import colon, text, without_path

SUMMARY_COLUMNS = ("col.path", "col.title", "col.year", "col.published", "col.publisher", "col.score",
                   "col.grade", "col.passed", "col.missing_parts", "col.late", "col.figures_missing",
                   "col.failed_rules", "col.error", "col.notes")
FOLLOWUP_COLUMNS = ("col.followup", "col.title", "col.path", "col.to_fix")
FINDING_COLUMNS = ("col.path", "col.title", "col.rule", "col.rule_title", "col.category", "col.severity",
                   "col.status", "col.points", "col.location", "col.detail", "col.evidence", "col.hint",
                   "col.basis", "col.baseline")


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


def _join(values: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(values)


def _documents(results: Iterable[Result | Entry], options: Options) -> Iterator[dict[str, Any]]:
    for result in results:
        yield document_dict(result, options.lang)


def _with_categories(results: Iterable[Result | Entry], options: Options) -> tuple[list[tuple[str, str]], Iterator[dict[str, Any]]]:
    """The categories (id, title) of the first readable document, and every document dict."""
    documents = _documents(results, options)
    held: list[dict[str, Any]] = []
    for document in documents:
        held.append(document)
        if document["categories"]:
            break
    categories = [(c["id"], c["title"]) for c in held[-1]["categories"]] if held else []
    return categories, itertools.chain(held, documents)


def _summary_cells(entry: Row, categories: list[tuple[str, str]], lang: str) -> list[Any]:
    yes, no = _t("ui.yes", lang), _t("ui.no", lang)
    return [entry.path, entry.title or "", entry.year or "", entry.published or "", entry.publisher or "",
            entry.score if entry.score is not None else "", entry.grade or "",
            "" if entry.error else yes if entry.passed else no,
            _join(entry.missing_parts, lang), entry.late or "", _join(entry.figures_missing, lang),
            " ".join(entry.failed_rules), entry.error or "", "\n".join(entry.notes),
            *[entry.categories.get(cid) if entry.categories.get(cid) is not None else "" for cid, _ in categories]]


# What makes a spreadsheet take a CSV cell for a formula (OWASP's list): the report is untrusted input, and
# a title or file name such as =HYPERLINK("http://…","报告") or -2+3+cmd|' /C calc'!A0 would run when a
# supervisor opens the summary in Excel or WPS.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: object) -> object:
    """A text cell as a spreadsheet shows it without evaluating it: a formula's lead behind a quote, as
    OWASP advises. Numbers stay numbers (a score of -1 is not text a report wrote)."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_LEADS) else cell


def render_csv(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """One row per document; UTF-8 with a BOM, so that Excel reads the Chinese correctly."""
    lang = options.lang
    categories, documents = _with_categories(results, options)
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    header = [_t(key, lang) for key in SUMMARY_COLUMNS] + [title for _, title in categories]
    writer.writerow([_inert(cell) for cell in header])  # a custom pack names the categories
    for index, document in enumerate(documents):
        writer.writerow([_inert(cell) for cell in _summary_cells(row(index, document), categories, lang)])


# ---------------------------------------------------------------- XLSX


def _finding_rows(document: Mapping[str, Any], lang: str) -> Iterator[tuple[str, list[Any]]]:
    """(status, cells) per finding; the cells name category, severity and status in the user's language."""
    categories = {c["id"]: c["title"] for c in document["categories"]}
    for finding in document["findings"]:
        hits = [e for e in finding["evidence"] if e["credit"] is not None and e["credit"] < 1] \
            if finding["status"] in FAILING else finding["evidence"][:1]
        first = hits[0] if hits else None
        location = first["location"] if first else None
        baseline = _t("baseline.known", lang) if finding["baseline"] == "known" else finding["baseline"] or ""
        yield finding["status"], [
            document["path"], document["title"] or "", finding["rule_id"], finding["title"],
            categories.get(finding["category"], finding["category"]), _t("severity." + finding["severity"], lang),
            _t("status." + finding["status"], lang), finding["points_lost"] or "",
            f"{location['line']}:{location['column']}" if location else "",
            "\n".join(h["detail"] for h in hits), "\n".join(h["quote"] for h in hits if h["quote"]),
            finding["hint"] or "", finding["basis"] or "", baseline]


STATUS_COLOURS = {"pass": "#E2F0D9", "fail": "#F8D7DA", "partial": "#FFF3CD", "waived": "#E8E0F0",
                  "not_applicable": "#EEEEEE"}


def _storable(value: object) -> object:
    """A cell's value as XLSX can store it: its XML is UTF-8 (see `utf8_escaped`)."""
    return utf8_escaped(value).decode("utf-8") if isinstance(value, str) else value


def render_xlsx(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """A summary sheet (one row per document), a findings sheet (one row per rule per document) and the
    follow-up sheet (one row per document and list it is on)."""
    import xlsxwriter  # only this format needs it

    lang = options.lang
    categories, documents = _with_categories(results, options)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    header = book.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF", "text_wrap": True,
                              "valign": "top", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    status_formats = {status: book.add_format({"bg_color": colour, "valign": "top"})
                      for status, colour in STATUS_COLOURS.items()}
    passed_format = book.add_format({"bg_color": STATUS_COLOURS["pass"], "valign": "top"})
    failed_format = book.add_format({"bg_color": STATUS_COLOURS["fail"], "valign": "top"})
    summary = book.add_worksheet(_t("xlsx.summary_sheet", lang))
    findings = book.add_worksheet(_t("xlsx.findings_sheet", lang))
    summary_header = [_t(key, lang) for key in SUMMARY_COLUMNS] + [title for _, title in categories]
    findings_header = [_t(key, lang) for key in FINDING_COLUMNS]
    for sheet, names, widths in (
        (summary, summary_header, [28, 36, 6, 11, 22, 7, 7, 6, 30, 30, 30, 30, 30, 40] + [10] * len(categories)),
        (findings, findings_header, [28, 30, 28, 30, 11, 8, 10, 7, 8, 40, 40, 40, 40, 8]),
    ):
        for column, (name, width) in enumerate(zip(names, widths, strict=True)):  # a width for every column
            sheet.set_column(column, column, width)
            sheet.write_string(0, column, name, header)
        sheet.freeze_panes(1, 0)
    summary_rows = finding_rows = 0
    status_column = FINDING_COLUMNS.index("col.status")
    passed_column = SUMMARY_COLUMNS.index("col.passed")
    digest = Digest()  # a row per document, for the follow-up lists that need the whole batch
    for document in documents:
        entry = digest.add(document)
        summary_rows += 1
        for column, value in enumerate(_summary_cells(entry, categories, lang)):
            cell_format = wrap
            if column == passed_column and not entry.error:
                cell_format = passed_format if entry.passed else failed_format
            summary.write(summary_rows, column, _storable(value), cell_format)
        for status, cells in _finding_rows(document, lang):
            finding_rows += 1
            for column, value in enumerate(cells):
                findings.write(finding_rows, column, _storable(value),
                               status_formats[status] if column == status_column else wrap)
    summary.autofilter(0, 0, summary_rows, len(summary_header) - 1)
    findings.autofilter(0, 0, finding_rows, len(findings_header) - 1)
    # Added last: constant_memory writes the sheets in order, and the lists are known only once every
    # document is in.
    followup_sheet = book.add_worksheet(_t("xlsx.followup_sheet", lang))
    for column, (key, width) in enumerate(zip(FOLLOWUP_COLUMNS, (30, 40, 30, 60), strict=True)):
        followup_sheet.set_column(column, column, width)
        followup_sheet.write_string(0, column, _t(key, lang), header)
    followup_sheet.freeze_panes(1, 0)
    followup_rows = 0
    for followup in followups(digest, lang):
        for entry, reason in followup.items:
            followup_rows += 1
            followup_sheet.write_string(followup_rows, 0, followup.heading, failed_format if followup.severe
                                        else status_formats["partial"])
            for column, value in enumerate((entry.title or "", entry.path, reason), start=1):
                followup_sheet.write(followup_rows, column, _storable(value), wrap)
    followup_sheet.autofilter(0, 0, followup_rows, len(FOLLOWUP_COLUMNS) - 1)
    book.close()
    out.flush()
    out.buffer.write(buffer.getvalue())


# ---------------------------------------------------------------- Markdown


# A comment is rendered by GitHub, and the report is untrusted input: its title, quotes and file name must
# show as written, not as markup (</details> ending the block early, <!-- hiding the rest of the comment,
# <img src=…> loading from elsewhere, [text](link), ** or | reshaping the table), nor notify anyone.
_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]<>&|~])")
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")  # @user and @org/team notify them


def _one_line(value: object) -> str:
    return "" if value is None else " ".join(str(value).splitlines())


def _unmentioned(text: str) -> str:
    """`text` with each @name kept from notifying: an invisible space after the @ (GitHub links mentions
    in the rendered text, where backslashes and entities are already gone)."""
    return _MENTION.sub("@\u200b", text)


def _cell(value: object) -> str:
    """Text for a Markdown paragraph, list item or table cell, shown as written."""
    return _unmentioned(_MARKDOWN_MARKS.sub(r"\\\1", _one_line(value)))


def _html_text(value: object) -> str:
    """Text for the HTML of a <details> summary line, where Markdown is not read but tags are."""
    return _unmentioned(html.escape(_one_line(value), quote=False))


def _markdown_document(document: Mapping[str, Any], lang: str) -> list[str]:
    failing = [f for f in document["findings"] if f["status"] in FAILING]
    mark = "✅" if document["passed"] else "❌"
    score = "—" if document["score"] is None else f"{document['score']:.1f} {_html_text(document['grade'])}"
    lines = [(f"<details><summary>{mark} <b>{_html_text(document['title'] or document['path'])}</b> — {score}"
              f" ({_html_text(document['path'])})</summary>"), ""]
    if document["error"]:
        lines.append(f"- {_cell(document['error']['message'])}")
    for reason in document["gate"]:
        lines.append(f"> {_cell(reason)}")
    # What reading noticed (a charset that lied, a .doc that was a web page): a reviewer should know the
    # score is of the text as read, as the terminal, HTML and spreadsheets say.
    for warning in document.get("warnings") or ():
        lines.append(f"> ⚠️ {_t('ui.reading_note', lang)}{colon(lang)}{_cell(without_path(warning, document['path']))}")
    if document["gate"] or document.get("warnings"):
        lines.append("")
    for finding in failing:
        where = ", ".join(f"`{e['location']['line']}:{e['location']['column']}`"
                          for e in finding["evidence"] if e["location"] and (e["credit"] or 0) < 1)
        known = f" _{_t('baseline.known', lang)}_" if finding["baseline"] == "known" else ""
        lines.append(f"- **{_t('severity.' + finding['severity'], lang)}** {_cell(finding['title'])} "
                     f"`{finding['rule_id']}`{' ' + where if where else ''}{known}")
        for hit in finding["evidence"]:
            if hit["credit"] is not None and hit["credit"] < 1:
                lines.append(f"  - {_cell(hit['detail'])}" + (f" — “{_cell(hit['quote'])}”" if hit["quote"] else ""))
        if finding["hint"]:
            lines.append(f"  - {_t('ui.hint', lang)}{colon(lang)}{_cell(finding['hint'])}")
    lines += ["", "</details>", ""]
    return lines


# GitHub refuses a comment longer than this ("Body is too long"): the CI step posting it would fail and the
# reviewers would see nothing. A batch's comment is cut to fit, saying what it left out.
COMMENT_LIMIT = 65_536
_CUT_NOTE_ROOM = 800  # the note that says what was left out, naming up to every follow-up list


def render_markdown(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """A pull-request comment: verdict, ranking table, the rules failed most, each document's findings."""
    lang = options.lang
    digest = Digest()
    counted = Summary()
    details: list[tuple[bool, str]] = []  # (whether the document needs attention, its block)
    for result in results:
        counted.add(result)
        document = document_dict(result, lang)
        digest.add(document)
        details.append((bool(document["error"]) or not document["passed"],
                        "\n".join(_markdown_document(document, lang)) + "\n"))
    totals = counted.as_dict()
    verdict = "✅" if totals["passed"] == totals["documents"] else "❌"
    line = _t("ui.summary", lang, **{k: v for k, v in totals.items() if k != "average_score"})
    if totals["average_score"] is not None:
        line += _t("batch.average_line", lang, average=f"{totals['average_score']:.1f}")
    columns = ("col.rank", "col.document", "col.score", "col.grade", "col.passed", "col.missing_parts",
               "col.late", "col.figures_missing")
    comment = _Comment(out, COMMENT_LIMIT - _CUT_NOTE_ROOM)
    comment.add(f"## {verdict} {_t('batch.heading', lang)}\n\n{line}\n\n"
                + "| " + " | ".join(_t(key, lang) for key in columns) + " |\n"
                + "|" + "|".join("---:" if key in ("col.rank", "col.score") else "---" for key in columns) + "|\n")
    rows_left = sum(not comment.add(_ranking_row(rank, entry, digest.short(entry), lang))
                    for rank, entry in enumerate(digest.ranking(), start=1))
    comment.add("\n")
    if len(digest.rows) > 1 and digest.rule_failures:
        comment.add(f"### {_t('batch.top_rules', lang)}\n\n| {_t('col.rule', lang)} | {_t('col.documents', lang)} |\n"
                    "|---|---:|\n" + "".join(f"| {_cell(title)} `{rule_id}` | {count} |\n"
                                             for rule_id, title, count in digest.top_failures()) + "\n")
    lists_left = _markdown_followups(comment, digest, lang)
    if not rows_left and not lists_left and comment.fits(sum(len(block) for _, block in details)):
        for _, block in details:
            comment.add(block)
        return
    # Too long for one comment: the documents that need attention first, each whole or not at all.
    shown = {index for index, (attention, block) in sorted(enumerate(details), key=lambda item: not item[1][0])
             if comment.reserve(len(block))}
    for index, (_, block) in enumerate(details):
        if index in shown:
            out.write(block)
    left = ([_t("markdown.cut_rows", lang, rows=rows_left)] if rows_left else []) + (
        [_t("markdown.cut_followups", lang, lists=_join(lists_left, lang))] if lists_left else []) + (
        [_t("markdown.cut_documents", lang, documents=len(details) - len(shown))] if len(shown) < len(details) else [])
    out.write("\n> " + _t("markdown.cut", lang, limit=COMMENT_LIMIT, left=("和" if lang == "zh" else " and ").join(left)) + "\n")


class _Comment:
    """What is written of a comment, up to a number of characters."""

    def __init__(self, out: TextIO, budget: int) -> None:
        self._out, self._left = out, budget

    def fits(self, size: int) -> bool:
        return size <= self._left

    def reserve(self, size: int) -> bool:
        """Count `size` characters as written, if they fit."""
        if size > self._left:
            return False
        self._left -= size
        return True

    def add(self, piece: str) -> bool:
        """Write `piece` if it fits; whether it did."""
        if not self.reserve(len(piece)):
            return False
        self._out.write(piece)
        return True


def _markdown_followups(comment: _Comment, digest: Digest, lang: str) -> list[str]:
    """Who must fix what, as the terminal and the HTML report list it, each list whole or not at all: the
    headings of the lists that did not fit, for the comment to say so."""
    lists = followups(digest, lang)
    heading = f"### {_t('batch.followups', lang)}\n"
    blocks = [(followup.heading, f"\n**{_cell(followup.heading)}**\n\n" + "".join(
        f"- {_cell(entry.title or digest.short(entry))}"
        + (f" `{_one_line(digest.short(entry)).replace('`', chr(39))}`" if entry.title else "")
        + f" — {_cell(reason)}\n" for entry, reason in followup.items)) for followup in lists]
    closing = "\n"  # the blank line that ends the section, kept room for with every list
    if not blocks or not comment.fits(len(heading) + min(len(block) for _, block in blocks) + len(closing)):
        return [name for name, _ in blocks]  # no heading over no list
    comment.add(heading)
    left = [name for name, block in blocks if not (comment.fits(len(block) + len(closing)) and comment.add(block))]
    comment.add(closing)
    return left


def _ranking_row(rank: int, entry: Row, short: str, lang: str) -> str:
    """A ranking row; a file without a title (unreadable) named as the batch's folder holds it, as the
    HTML ranking names it, not by the path of the machine that ran the check."""
    name = _cell(entry.title or short)
    if entry.error:
        return f"| | {name} | — | | ⚠️ | {_cell(entry.error)} | | |\n"
    return (f"| {rank} | {name} | {entry.score if entry.score is not None else '—'} | {_cell(entry.grade)} | "
            f"{'✅' if entry.passed else '❌'} | {_cell(_join(entry.missing_parts, lang))} | "
            f"{_cell(entry.late)} | {_cell(_join(entry.figures_missing, lang))} |\n")
