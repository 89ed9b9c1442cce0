"""PDF files: the text layer in reading order, wrapped lines joined back into paragraphs.

Read with pypdf: pure Python with no required dependencies, maintained, tolerant of damaged files,
and with its own caps on inflated streams. Each string a page draws is placed where it is drawn; strings
on one baseline make a line (cells of a table stand apart on it), and where each line starts and ends
against the margins of the text tells a paragraph's first and last lines from the lines it wraps onto.
Running headers, footers and page numbers are left out.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from operator import length_hint
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocumentError
from ..messages import text
from ..model import Source

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf reports damage it works around through logging; a CLI user should not see those lines.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

MAX_PAGES = 2000
# Running page numbers: "- 3 -", "第3页 共7页", "3/7".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})[\s\-—–·]*$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# A paragraph that opens with a heading's number (一、 （二） 3. 第四部分) after a finished sentence is a heading,
# never the rest of that sentence, however full the sentence's last line was.
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．]\D"
                            r"|第[一二三四五六七八九十]{1,3}部分)")
# A sentence finished, maybe with its closing quote or bracket, or a note in brackets after it: "。”" "。（略）"
_FINISHED = re.compile(r"[。！？!?](?:[）)”’》」』】]|（[^（）]{1,8}）)*$")
# What a line cannot be broken before: a character, or a number or Latin word, with the punctuation that may
# not open a line after it (，。》”); with the punctuation that may not end one before it (（《“), and more so
# joined on after a quote ("行”“宪" wraps as one).
_UNIT = r"(?:[A-Za-z0-9.,%+\-/]+|.)[，。、；：？！）》」』”’】〕…%,.;:?!)\]]*"
_OPENING = re.compile(rf"[（《“‘(\[【〔「『]*{_UNIT}(?:[“‘（《]+{_UNIT})*")


@dataclass(frozen=True, slots=True)
class _Run:
    """Text drawn in one go on one baseline; `down` counts from the top of the page, so lines sort top to bottom."""

    text: str
    left: float
    right: float
    down: float
    size: float


@dataclass(frozen=True, slots=True)
class _Cell:
    """Text standing together on a line; a line of a table has one for each cell with text."""

    text: str
    left: float
    right: float


@dataclass(frozen=True, slots=True)
class _Line:
    cells: tuple[_Cell, ...]
    down: float
    size: float
    page: int

    @property
    def text(self) -> str:
        return "  ".join(cell.text for cell in self.cells)  # two spaces apart, as every reader writes a row

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def right(self) -> float:
        return self.cells[-1].right


def _page_runs(page: PageObject) -> list[_Run]:
    """Every string the page draws, where it starts and ends.

    pypdf's text output lays each text object out as one piece, which misplaces what another object draws in
    that piece's gaps: LibreOffice draws the quotes, digits and spaces of a Chinese line first, in their own
    font, then the Chinese characters in one piece that steps over them ("持续巩固 五个零 的防控成果“  ”").
    Placed one string at a time, each character is where it is seen. That takes pypdf's layout engine, which
    is not its public interface: where a pypdf release has it otherwise, the page is read from the layout
    text, a line as one string.
    """
    try:
        return _drawn_runs(page)
    except Exception:  # noqa: BLE001 - a private interface may change in any way: never worse than the public one
        return _layout_runs(page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False,
                                              layout_mode_strip_rotated=False))


def _drawn_runs(page: PageObject) -> list[_Run]:
    from pypdf._text_extraction._layout_mode._fixed_width_page import recurse_to_target_op
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return []
    fonts = page._layout_mode_fonts()
    # Read as if inside one q … Q, closed at the end; a Q without its q ends a pass early: read on after it.
    pending = iter([*ContentStream(contents, page.pdf, "bytes").operations, ([], b"Q")])
    state = TextStateManager()
    drawn = []
    while length_hint(pending):
        drawn += recurse_to_target_op(pending, state, b"Q", fonts, False)[1]
    return [run for shown, advance in zip(drawn, _advances(drawn)) if (run := _as_run(shown, advance)) is not None]


def _as_run(shown: Any, advance: float) -> _Run | None:
    text = getattr(shown, "text", None)
    if not isinstance(text, str):
        text = shown.txt  # as older pypdf names it
    if not text or not getattr(shown.font, "interpretable", True):
        return None
    down = shown.ty if shown.flip_vertical else -shown.ty  # Word's "publish" flips the page upside down
    left, right = sorted((shown.tx + advance, shown.displaced_tx + advance))
    return _Run(text, left, right, down, abs(shown.font_height) or 1.0)


def _advances(drawn: list[Any]) -> Iterator[float]:
    """How far each string stands past where the engine put it. It moves the pen after a string only for the
    space a TJ array leaves after it; strings drawn one after another with nothing in between (as ReportLab
    draws a line, switching fonts) all start where the first did, and go after each other."""
    advance = 0.0
    for before, shown in zip([None, *drawn], drawn):
        same_place = before is not None and (shown.tx, shown.ty) == (before.tx, before.ty)
        advance = advance + before.displaced_tx - before.tx if same_place else 0.0
        yield advance


def _layout_runs(page: str) -> list[_Run]:
    """pypdf's public layout text as runs, a line each: a column is half a Chinese character (an em of 2)."""
    runs = []
    for number, line in enumerate(page.split("\n")):
        if line.strip():
            indent = len(line) - len(line.lstrip())
            runs.append(_Run(line.strip(), indent, indent + _width(line.strip()), number * 3.0, 2.0))
    return runs


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(runs: list[_Run], page: int) -> list[_Line]:
    """Runs on one baseline (within a third of their height: mixed fonts sit a little apart), left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: (run.down, run.left)):
        if rows and run.down - rows[-1][0].down <= max(rows[-1][0].size, run.size) / 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    return [line for row in rows if (line := _line(sorted(row, key=lambda run: run.left), page)) is not None]


def _line(row: list[_Run], page: int) -> _Line | None:
    inked = [run for run in row if run.text.strip()]
    if not inked:
        return None
    size = max(run.size for run in inked)
    cells: list[_Cell] = []
    pieces = [""]
    start = end = inked[0].left  # where the visible text of the cell starts and ends: drawn spaces do not count
    spaced = False  # spaces were drawn since: typed spaces ("索引号：…    主题分类：…") are text, not a column gap
    for run in row:
        if run.text.strip():
            gap = run.left - end
            if pieces[-1].strip() and gap >= size and not spaced:  # table cells stand apart, text does not
                cells.append(_Cell(_SPACES.sub(" ", pieces[-1]).strip(), start, end))
                pieces.append("")
                start = run.left
            elif gap >= size / 2:  # a word space drawn as a gap; Chinese keeps a digit a quarter em away
                pieces[-1] += " "
            end = max(end, run.right)
        spaced = not run.text.strip()
        pieces[-1] += run.text
    cells.append(_Cell(_SPACES.sub(" ", pieces[-1]).strip(), start, end))
    return _Line(tuple(cells), inked[0].down, size, page)


def _with_cells_put_back(lines: list[_Line]) -> list[_Line]:
    """The lines with each table cell's text that was wrapped onto lines of its own, or onto the next page,
    put back in its cell."""
    kept: list[_Line] = []
    for line in lines:
        if kept and (row := _with_wrapped_cells(kept[-1], line)) is not None:
            kept[-1] = row
        else:
            kept.append(line)
    return kept


def _with_wrapped_cells(row: _Line, line: _Line) -> _Line | None:
    """The table row with the line under it put back in its cells, when the line is the rest of cells too long
    for their column ("重大决策、文件审核、" / "行政应诉"): in the same type close under the row (or at the top
    of the next page), each piece within the column of a cell of the row but its first (a row of its own
    fills the first column), and at most half as many pieces as the row has cells (a row under a merged
    first cell fills the others), none running on past its cell's right edge."""
    if len(row.cells) < 2 or len(line.cells) > len(row.cells) // 2 or abs(line.size - row.size) > row.size / 8:
        return None
    if (line.page == row.page and line.down - row.down > 2.5 * row.size) or line.left <= row.cells[0].right:
        return None
    bounds = [(cell.left - row.size, after.left) for cell, after in itertools.pairwise(row.cells)]
    bounds.append((row.cells[-1].left - row.size, float("inf")))
    cells = list(row.cells)
    for wrapped in line.cells:
        column = next((index for index, (left, right) in enumerate(bounds)
                       if left <= wrapped.left and wrapped.right <= right), None)
        # The rest of a cell's text is no wider than the cell's first line, which filled the column: a line
        # running on past it is the text after the table (the paragraph opening the next page, indented into
        # the column of a table whose first column is narrow).
        if column is None or wrapped.right > cells[column].right + row.size:
            return None
        cell = cells[column]
        cells[column] = _Cell(_join([cell.text, wrapped.text]), cell.left, max(cell.right, wrapped.right))
    return _Line(tuple(cells), row.down, row.size, row.page)


def _without_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """Pages without their running headers and footers: a page number at a page's top or bottom edge, and
    text that stands at the same edge, in the same place, on more than one page ("XX县人民政府公报", the
    report's title over every page), the page's number in it aside. A table's header row, repeated at the
    top of each page the table runs onto, is read once."""
    edges = Counter(_edge_key(line) for page in pages for line in _edges(page))
    repeated = {key for key, count in edges.items() if count > 1}
    kept: list[_Line] = []
    rows: set[str] = set()
    for page in pages:
        furniture = {id(line) for line in _edges(page)
                     if _PAGE_NUMBER.match(line.text) or _edge_key(line) in repeated}
        text = [line for line in page if id(line) not in furniture]
        if text and len(text[0].cells) > 1 and text[0].text in rows:
            text = text[1:]
        rows.update(line.text for line in text if len(line.cells) > 1)
        kept += text
    return kept


def _edges(page: list[_Line]) -> list[_Line]:
    """The lines standing apart at the top and bottom of a page: the first and last, and the one next to
    each when it too is set off from the text by more than a line's spacing."""
    if len(page) < 2:
        return page[:]
    pitch = sorted(below.down - above.down for above, below in itertools.pairwise(page))[(len(page) - 1) // 2]
    edges = [page[0], page[-1]]
    if len(page) > 3 and page[2].down - page[1].down > 1.5 * pitch:
        edges.append(page[1])
    if len(page) > 3 and page[-2].down - page[-3].down > 1.5 * pitch:
        edges.append(page[-2])
    return edges


def _edge_key(line: _Line) -> tuple[str, int]:
    return _DIGITS.sub("#", line.text.replace(" ", "")), round(line.down)


def _paragraphs(lines: list[_Line]) -> Iterator[str]:
    """Lines joined back into the paragraphs they were wrapped from.

    A line carries on from the one before when that one reaches the right margin of the text and this one
    starts at the left margin, in the same type and at the text's line spacing: a paragraph's first line is
    indented, or set off by space, or the one before stopped short. A big title wrapped in two centered lines
    is joined too; a table's row stands alone.
    """
    if not lines:
        return
    frame = _frame(lines)
    current = [lines[0]]
    for line in lines[1:]:
        if not _continues(current[-1], line, frame):
            yield _join([piece.text for piece in current])
            current = []
        current.append(line)
    yield _join([piece.text for piece in current])


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the text stands: its left and right margins, the size of its body type and its line spacing."""

    left: float
    right: float
    size: float
    pitch: float


def _frame(lines: list[_Line]) -> _Frame:
    """Where the lines a paragraph wraps onto start (the leftmost place many lines start at: a report of
    short paragraphs has more first lines, indented, than others), where the longest lines end (a justified
    paragraph's lines all end there; a stray wide line or table aside), the type most lines are set in, and
    how far apart most lines in the same type stand."""
    lefts = Counter(round(line.left) for line in lines)
    many = max(2, len(lines) // 20)
    rights = sorted(line.right for line in lines)
    pitches = sorted(below.down - above.down for above, below in itertools.pairwise(lines)
                     if below.page == above.page and abs(below.size - above.size) <= above.size / 8)
    return _Frame(min((left for left, count in lefts.items() if count >= many), default=min(lefts)),
                  rights[int(len(rights) * 0.9)], Counter(line.size for line in lines).most_common(1)[0][0],
                  pitches[len(pitches) // 2] if pitches else 0.0)


def _continues(before: _Line, line: _Line, frame: _Frame) -> bool:
    em = before.size
    if abs(line.size - em) > em / 8:
        return False  # a title over the text, a note under it
    if len(before.cells) > 1 or len(line.cells) > 1:
        return False  # a table's row, or the text before or after the table
    if line.page == before.page and line.down - before.down > 1.4 * em * frame.pitch / frame.size:
        return False  # set off by space: a paragraph of its own
    if frame.right - before.right > _opening_width(line) + em:
        return False  # the line before stopped short of the margin, where this line's first word would fit
    if _FINISHED.search(before.text) and _HEADING_START.match(line.text):
        return False
    if line.left <= frame.left + em / 2:
        return True
    # A title too long for one line, in big type: its second line is centered under the first.
    centered = abs((line.left + line.right) - (frame.left + frame.right)) < 2 * em
    return em > frame.size * 1.1 and centered and line.right < frame.right - 2 * em


def _opening_width(line: _Line) -> float:
    """How wide the line's first unbreakable piece is: an em a Chinese character, a little over half that others."""
    match = _OPENING.match(line.text)
    return sum(line.size if _width(c) == 2 else line.size * 0.55 for c in match[0]) if match else 0.0


def _join(pieces: list[str]) -> str:
    joined = pieces[0]
    for piece in pieces[1:]:
        # Latin words wrapped across lines lost a space; Chinese text never had one.
        latin = _latin(joined[-1:]) and _latin(piece[:1])
        joined += (" " if latin else "") + piece
    return joined


def _latin(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _date(value: object) -> str | None:
    match = _PDF_DATE.match(str(value)) if value else None
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def read_pdf(path: Path, data: bytes) -> Source:
    """A PDF with a text layer; a scanned PDF without one is refused (OCR it first)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(text("read.pdf_encrypted", path=path), code="encrypted")
            if not reader.pages:
                raise DocumentError(text("read.not_pdf", path=path), code="invalid")
            if len(reader.pages) > MAX_PAGES:
                raise DocumentError(text("read.pdf_pages", path=path, pages=len(reader.pages), limit=MAX_PAGES),
                                    code="too_large")
            pages = [_lines(_page_runs(page), number) for number, page in enumerate(reader.pages)]
            info: Mapping[str, object] = reader.metadata or {}
            facts = {key: value for key, value in (
                ("created", _date(info.get("/CreationDate"))), ("modified", _date(info.get("/ModDate"))),
                ("title", str(info.get("/Title") or "").strip()[:500] or None)) if value}
    except DocumentError:
        raise
    except DependencyError as error:  # AES, which pypdf decrypts only with the cryptography package
        raise DocumentError(text("read.pdf_needs_cryptography", path=path), code="encrypted") from error
    except Exception as error:  # damaged files raise anything from PdfReadError to KeyError and RecursionError
        raise DocumentError(text("read.not_pdf", path=path), code="invalid") from error
    lines = tuple(_paragraphs(_with_cells_put_back(_without_furniture(pages))))
    if not "".join(lines).strip():
        raise DocumentError(text("read.no_text", path=path), code="no_text")
    return Source(path=str(path), format="pdf", encoding=None, lines=lines, facts=facts)
