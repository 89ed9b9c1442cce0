"""Text pasted out of a PDF: its printed lines joined back into paragraphs, page numbers and running headers left out.

Officials copy a report out of its PDF into a .txt, a Word file or a portal's editor: every printed line
becomes a line (a Word paragraph, a <p>) of its own, and the page numbers (— 3 —, 第 3 页 共 9 页) and the
running header land in the middle of paragraphs, splitting "提供法 / — 1 — / header / 律服务164次" so that nothing reads it.

The line contract holds: `lines` keep their number. A joined paragraph stands on its first line, its
continuation lines and the page furniture become "", and `Joins` records where each piece of a joined line
came from, so that the engine can report every location at the physical line and column an editor shows.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..messages import text
from ..model import Finding, Location, Source
from .fold import fold
from .header import _TITLE
from .headings import _CIRCLED, _match_numbering
from .numerals import small_number

# Every format the pasted lines arrive in: a file of them, a portal's editor (a <p> a line) and a PDF printed from
# either (its reader joins lines by the margins, and each of these ends short of them).
UNWRAPPED_FORMATS = frozenset({"txt", "md", "docx", "doc", "rtf", "html", "mhtml", "pdf"})

# joined line → (column in the joined line, physical line, column in the physical line) of each piece, 0-based
# columns; the first piece is the joined line's own start (0, line, 0).
Joins = Mapping[int, tuple[tuple[int, int, int], ...]]

# The signature: this many lines broken at the wrap width inside a sentence, and this share of the long lines
# at that width. A report written in paragraphs has a few lines of any one width, most of them far wider.
MIN_WRAPPED = 8
MIN_SHARE_AT_WIDTH = 0.6
MIN_WRAP_WIDTH = 20  # in characters, 40 in width: narrower is a table column or a list, not a page
# A printed line falls short of the width by a character the line could not fit, or a punctuation mark the
# typesetter pushed down; it may run over by a mark squeezed in (避头尾).
SHORT_BY, OVER_BY = 4, 2
_PARAGRAPH_END = frozenset("。！？：!?:")
_CLOSERS = "”’」』）)》】 \t\u3000"
# Numbering the text may run through a paragraph (一是…；二是…；三是…): at a broken line's start it continues
# the sentence when the paragraph already holds the number before it. The others open a part or a section.
_RUN_IN_STYLES = frozenset({"一是", "1、", "（1）", "①"})
RUN_IN_REACH = 3  # lines back a run-in number's predecessor is looked for: 二是 stands a line or two before 三是
_CN_NUMERALS = "一二三四五六七八九"
_SENTENCE_STOP = re.compile("[。；！？;!?]")
_DOC_NUMBER = re.compile(r"\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_DASH = "-—–－―~～"
_PAGE_NUMBER = re.compile(
    rf"[{_DASH}]+\s*\d{{1,4}}\s*[{_DASH}]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?")
_PAGE_NUMBER_WIDTH = 24
# The glance every report gets: the character counts a printed line of 20-64 characters can have (digits and
# Latin letters make a line of the same printed width longer), looked at through a window this wide.
_GLANCE_FIRST, _GLANCE_LAST, _GLANCE_WINDOW = 16, 72, 9


def _may_be_wrapped(lines: Sequence[str]) -> bool:
    """A necessary condition for the signature, cheap enough for every report: MIN_WRAPPED lines of about one
    length, and not outnumbered by longer lines. A report written in paragraphs has most text in lines far longer.
    """
    lengths = sorted(map(len, lines))
    counts = Counter(lengths)
    window = [counts.get(length, 0) for length in range(_GLANCE_FIRST, _GLANCE_LAST)]
    inside = best = sum(window[:_GLANCE_WINDOW])
    top = _GLANCE_FIRST + _GLANCE_WINDOW - 1
    for last in range(_GLANCE_WINDOW, len(window)):
        inside += window[last] - window[last - _GLANCE_WINDOW]
        if inside > best:
            best, top = inside, _GLANCE_FIRST + last
    longer = len(lengths) - bisect_right(lengths, top + OVER_BY)
    return best >= MIN_WRAPPED and best >= MIN_SHARE_AT_WIDTH / (1 - MIN_SHARE_AT_WIDTH) * longer


def _width(line: str) -> int:
    """Display width: a full-width character counts 2, ASCII 1 (UTF-8 spends 3 bytes on a CJK character)."""
    return len(line) + (len(line.encode("utf-8", "surrogatepass")) - len(line)) // 2


def _wrap_width(widths: Sequence[int], stripped: Sequence[str]) -> tuple[int, int]:
    """The width the text was broken at and how many lines were broken there inside a sentence, when the text shows
    the hard-wrap signature; (0, 0) for a text in paragraphs."""
    counts = Counter(width for width in widths if width >= MIN_WRAP_WIDTH)  # widths: display or character count
    if not counts:
        return 0, 0
    wrap = counts.most_common(1)[0][0]
    low, high = wrap - SHORT_BY, wrap + OVER_BY
    long_lines = at_width = wrapped = 0
    for index, width in enumerate(widths):
        if width * 2 <= wrap:
            continue
        long_lines += 1
        if low <= width <= high:
            at_width += 1
            if (stripped[index][-1] not in _PARAGRAPH_END and index + 1 < len(widths) and widths[index + 1]
                    and _numbering(stripped[index + 1]) is None):  # the next line runs on: no list of headings
                wrapped += 1
    return (wrap, wrapped) if wrapped >= MIN_WRAPPED and at_width >= MIN_SHARE_AT_WIDTH * long_lines else (0, 0)


def _furniture(stripped: Sequence[str], widths: Sequence[int]) -> set[int]:
    """Indexes of page numbers, and of the running header or footer: a line repeated next to page numbers."""
    numbers = {index for index, line in enumerate(stripped)
               if line and widths[index] <= _PAGE_NUMBER_WIDTH and _PAGE_NUMBER.fullmatch(line)}
    beside: Counter[str] = Counter()
    neighbours: list[int] = []
    for index in numbers:
        for step in (-1, 1):
            near = _nearest_text(stripped, index, step)
            if near is not None and near not in numbers:
                beside[stripped[near]] += 1
                neighbours.append(near)
    headers = {line for line, count in beside.items() if count >= 2}
    return numbers | {index for index in neighbours if stripped[index] in headers}


def _nearest_text(stripped: Sequence[str], index: int, step: int) -> int | None:
    index += step
    while 0 <= index < len(stripped):
        if stripped[index]:
            return index
        index += step
    return None


def _ends_paragraph(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _PARAGRAPH_END


def _predecessor(style: str, numeral: str, numbering: str) -> str | None:
    """The number before this one as the same style writes it (三是 → 二是, (3) → (2)); None for the first."""
    value = small_number(numeral) if style == "一是" else _CIRCLED.index(numeral) + 1 if style == "①" else int(numeral)
    if value is None or value < 2 or value > len(_CN_NUMERALS) + 1:
        return None
    before = (_CN_NUMERALS[value - 2] if style == "一是" else _CIRCLED[value - 2] if style == "①" else str(value - 1))
    return numbering.replace(numeral, before, 1)


def _numbering(line: str) -> tuple[str, str, str] | None:
    """(style, numeral, the numbering as written, folded) opening a line, if any."""
    folded = fold(line[:12])
    found = _match_numbering(folded, 0)
    return None if found is None else (found[0], found[1], folded[:found[3]].strip())


def _opens_paragraph(line: str, paragraph: _Paragraph) -> bool:
    """Whether a line's numbering starts a paragraph, rather than running on in the one it follows."""
    numbering = _numbering(line)
    if numbering is None:
        return False
    style, numeral, written = numbering
    if style not in _RUN_IN_STYLES:
        return True
    before = _predecessor(style, numeral, written)
    return before is None or before not in fold(paragraph.recent())


def _stands_alone(line: str, *, in_head: bool) -> bool:
    """A line no text runs on from or into, whatever its width: the document's number (桑政报〔2024〕6号), and
    before the first sentence a title (……情况的报告), which a title as wide as the page had joined to the number."""
    return _DOC_NUMBER.fullmatch(line) is not None or (in_head and _TITLE.search(line) is not None)


def _is_heading(line: str) -> bool:
    """A part or section heading standing alone (三、……情况), which no text runs on from, however long."""
    numbering = _numbering(line)
    return numbering is not None and numbering[0] not in _RUN_IN_STYLES and not _SENTENCE_STOP.search(line)


def unwrap(source: Source) -> tuple[Source, Joins]:
    """The source with its hard-wrapped lines joined into paragraphs (the same number of lines), and the joins."""
    lines = source.lines
    if source.format not in UNWRAPPED_FORMATS or len(lines) < MIN_WRAPPED or not _may_be_wrapped(lines):
        return source, {}
    stripped = [line.strip() for line in lines]
    # A page breaks lines where their printed width fills it; a text pasted or converted by a tool that counts
    # characters breaks them every N characters, digits and all. Whichever measure more lines were broken at.
    measures = [_width(line) for line in stripped], list(map(len, stripped))
    (wrap, wrapped), widths = max(((_wrap_width(widths, stripped), widths) for widths in measures),
                                  key=lambda found: found[0][1])
    if not wrapped:
        return source, {}
    skipped = _furniture(stripped, widths)
    joined, joins = _join(lines, stripped, widths, wrap, skipped, source.outline)
    if not joins:
        return source, {}
    pieces = sum(len({line for _, line, _ in found}) - 1 for found in joins.values())
    note = text("read.unwrapped", path=source.path, lines=pieces, furniture=len(skipped))
    return replace(source, lines=tuple(joined), warnings=(*source.warnings, note)), joins


class _Paragraph:
    """The paragraph being joined: its pieces of text and where each came from."""

    __slots__ = ("first", "length", "line_end", "parts", "pieces")

    def __init__(self, index: int, line: str) -> None:
        self.first = index  # its first line's index
        self.parts = [line]
        self.length = len(line)
        self.pieces = [(0, index + 1, 0)]
        self.line_end = len(line)  # the column past the text of its last physical line

    def add(self, index: int, line: str, indent: int) -> None:
        last = self.parts[-1][-1:]
        separator = " " if last.isascii() and last.isalpha() and line[0].isascii() else ""  # a Latin word broken
        if separator:  # no character of the file: a piece of its own, standing at the end of the line before
            self.pieces.append((self.length, self.pieces[-1][1], self.line_end))
        self.pieces.append((self.length + len(separator), index + 1, indent))
        self.parts += (separator, line)
        self.length += len(separator) + len(line)
        self.line_end = indent + len(line)

    def recent(self) -> str:
        """Its last lines, past its opening: where a run-in number's predecessor stands (bounded: a paragraph
        never closed must not make each line's look longer)."""
        parts = self.parts[-2 * RUN_IN_REACH:]
        text = "".join(parts)
        return text[1:] if len(parts) == len(self.parts) else text

    def text(self) -> str:
        return "".join(self.parts)


def _join(lines: Sequence[str], stripped: Sequence[str], widths: Sequence[int], wrap: int, skipped: set[int],
          outline: Mapping[int, int]) -> tuple[list[str], dict[int, tuple[tuple[int, int, int], ...]]]:
    """Each paragraph on its first line, continuation and furniture lines emptied; the pieces of each join."""
    joined = list(lines)
    joins: dict[int, tuple[tuple[int, int, int], ...]] = {}
    paragraph: _Paragraph | None = None  # the open paragraph, None when no line may run on
    blank = furniture = False  # since the paragraph's last line: a blank line ends it, unless a page broke there
    low, high = wrap - SHORT_BY, wrap + OVER_BY

    def close(paragraph: _Paragraph | None) -> None:
        if paragraph is not None and len(paragraph.pieces) > 1:
            joined[paragraph.first] = paragraph.text()
            joins[paragraph.first + 1] = tuple(paragraph.pieces)

    in_head = True  # before the first sentence: the title, the document's number, the addressee
    for index, line in enumerate(stripped):
        if index in skipped:
            joined[index] = ""
            furniture = True
            continue
        if not line:
            blank = True
            continue
        alone = _stands_alone(line, in_head=in_head)
        in_head = in_head and "。" not in line
        if (paragraph is not None and (furniture or not blank) and index + 1 not in outline and not alone
                and not _opens_paragraph(line, paragraph)):
            paragraph.add(index, line, len(lines[index]) - len(lines[index].lstrip()))
            joined[index] = ""
        else:
            close(paragraph)
            paragraph = _Paragraph(index, lines[index].rstrip())
        blank = furniture = False
        if (not low <= widths[index] <= high or _ends_paragraph(line) or index + 1 in outline or alone
                or (len(paragraph.pieces) == 1 and _is_heading(line))):
            close(paragraph)
            paragraph = None
    close(paragraph)
    return joined, joins


def physical(location: Location, joins: Joins) -> Location:
    """A location in the joined text at the physical line and column an editor shows."""
    line, column = _physical_point(location.line, location.column - 1, joins, end=False)
    end_line, end_column = location.end_line, location.end_column
    if end_column is not None:
        end_line, end = _physical_point(end_line or location.line, end_column - 1, joins, end=True)
        end_column = end + 1
        if location.end_line is None and end_line == line:
            end_line = None
    elif end_line is not None and end_line in joins:
        end_line = joins[end_line][-1][1]
    return Location._make(line, column + 1, end_line, end_column)


def _physical_point(line: int, column: int, joins: Joins, *, end: bool) -> tuple[int, int]:
    pieces = joins.get(line)
    if pieces is None:
        return line, column
    # An end is exclusive: the end of a piece belongs to it, not to the start of the next.
    found = max((bisect_left if end else bisect_right)(pieces, column, key=_joined_column) - 1, 0)
    start, physical_line, physical_column = pieces[found]
    if found and pieces[found - 1][1] == physical_line:  # the space put between a Latin word's halves
        return physical_line, physical_column
    return physical_line, column - start + physical_column


def _joined_column(piece: tuple[int, int, int]) -> int:
    return piece[0]


def physical_findings(findings: Sequence[Finding], joins: Joins) -> list[Finding]:
    """Findings with every hit's location on its physical line."""
    return [replace(finding, hits=tuple(
        replace(hit, location=physical(hit.location, joins)) if hit.location is not None else hit
        for hit in finding.hits)) if any(hit.location for hit in finding.hits) else finding
        for finding in findings]

