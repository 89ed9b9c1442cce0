"""Word 97–2003 files (.doc, and .wps saved in that format): the main text through the piece table.

A .doc is an OLE compound file. Its `WordDocument` stream opens with the FIB, which says where the text
runs (the piece table, in the `0Table` or `1Table` stream) and how many characters the main document has;
the footnotes and headers stored after them are left out, as the .docx reader leaves them out, and the text boxes
stored after those are read, each after the paragraph anchoring it (docboxes.py finds them), as the .docx reader
reads them. Each piece is UTF-16 or, for text a single-byte code page can hold, one byte a character. Names
and offsets are those of Microsoft's [MS-DOC] specification (Fib, Clx, PlcPcd, FcCompressed, PapxFkp,
ChpxFkp). Text deleted with track changes on stays in the file until the change is accepted; its
character properties say so, and it is left out, as the .docx reader leaves out w:delText.

The list numbers Word draws itself ("一、", "（二）") and the heading levels live in the paragraphs' properties,
not in the text: doclists.py reads them, and each paragraph, in a table cell too, opens with its number, as in .docx.
What is not read: tables' layout beyond one row a line. Dates come from the SummaryInformation stream, as the
.docx reader takes them from docProps/core.xml: the last resort for the publication date.
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocumentError
from ..messages import text
from ..model import Source
from .disguised import read_as_what_it_is
from .docboxes import TextBox, text_boxes
from .doclists import Numbering, list_properties, operands
from .numbering import NO_PROPERTIES, ListProperties
from .text import refuse_empty, row_of_cells

if TYPE_CHECKING:
    from olefile import OleFileIO

_WORD_IDENT = 0xA5EC
_ENCRYPTED, _TABLE_1 = 0x0100, 0x0200  # FibBase flags: fEncrypted, fWhichTblStm
_CCP_TEXT = 64 + 3 * 4  # FibRgLw97.ccpText, after FibBase (32), csw and FibRgW97 (30), cslw (2)
_FC_CLX = 154 + 33 * 8  # FibRgFcLcb97.fcClx, then lcbClx: the 34th pair after cbRgFcLcb
_COMPRESSED = 0x40000000

# Control characters of the text:
# 0x0D paragraph end, 0x0B line break, 0x0C page or section break, 0x07 cell or row end,
# 0x13 / 0x14 / 0x15 a field's begin / separator / end, 0x1E a non-breaking hyphen, 0x1F an optional hyphen.
_FIELD_BEGIN, _FIELD_SEPARATOR = "\x13", "\x14"
_FIELD_MARKS = re.compile("[\x13\x14\x15]")
# A tab stays a tab, as in .docx: columns lined up by tab stops (序号	项目	单位	数量) are cells; 0x0E breaks a column.
_LAYOUT = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None, "\x0d": "\n"})
# Anchors of pictures, drawings, footnote and comment marks: they stand for something, not for text.
_ANCHORS = re.compile("[\x00-\x06\x08\x0f-\x12\x16-\x1b\x1d]")  # not 0x1C: _ROW_END


def _failed(path: Path) -> DocumentError:
    return DocumentError(text("read.not_doc", path=path), code="invalid")


def _streams(path: Path, data: bytes) -> tuple[bytes, bytes, dict[str, str]]:
    """The WordDocument and table streams, and the file's own dates."""
    import olefile  # only for .doc: the compound-file layer (sectors, FAT, directory) is olefile's job

    if not olefile.isOleFile(io.BytesIO(data)):
        raise _failed(path)
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise _failed(path)  # an OLE file, but an Excel sheet, an old WPS format, …
            word = ole.openstream("WordDocument").read()
            if len(word) < _FC_CLX + 8 or struct.unpack_from("<H", word)[0] != _WORD_IDENT:
                raise _failed(path)  # Word 6/95 and older have another FIB
            flags = struct.unpack_from("<H", word, 0x0A)[0]
            if flags & _ENCRYPTED:
                raise DocumentError(text("read.doc_encrypted", path=path), code="encrypted")
            name = "1Table" if flags & _TABLE_1 else "0Table"
            if not ole.exists(name):
                raise _failed(path)
            table = ole.openstream(name).read()
            return word, table, _dates(ole)
    except DocumentError:
        raise
    except Exception as error:  # a damaged compound file: OSError, struct.error, IndexError, …
        raise _failed(path) from error


def _dates(ole: OleFileIO) -> dict[str, str]:
    """`created` and `modified` from SummaryInformation, as ISO dates; nothing when it is absent or damaged."""
    try:
        metadata = ole.get_metadata()
    except Exception:  # noqa: BLE001 - optional, often written by other tools; the text does not need it
        return {}
    facts = {}
    # olefile sets these in a loop over the property names, which its type stubs do not declare.
    for key, value in (("created", getattr(metadata, "create_time", None)),
                       ("modified", getattr(metadata, "last_saved_time", None))):
        if value is not None and hasattr(value, "isoformat") and value.year > 1980:
            facts[key] = value.isoformat()
    return facts


def _piece_table(table: bytes, offset: int, size: int) -> bytes:
    """The PlcPcd inside the Clx at `offset`: after any number of Prc (0x01, a 2-byte size, properties)."""
    end = offset + size
    while offset < end:
        if table[offset] == 0x01:
            offset += 3 + struct.unpack_from("<H", table, offset + 1)[0]
        elif table[offset] == 0x02:
            length = struct.unpack_from("<I", table, offset + 1)[0]
            return table[offset + 5 : offset + 5 + length]
        else:
            break
    raise ValueError("no piece table in the Clx")


_FC_PLCF_BTE_PAPX = 154 + 13 * 8  # FibRgFcLcb97.fcPlcfBtePapx: where each page of paragraph properties is
_PAGE = 512  # a PapxFkp: a page of the WordDocument stream holding paragraphs' properties
_IN_TABLE = 0x2416  # sprmPFInTable: this paragraph is inside a table cell
_TABLE_TERMINATING = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: this paragraph mark ends a table row
_ROW_END = "\x1c"  # stands in the text for a 0x07 that ends a row (0x1C is never text), until _lines
_CELL_OR_BREAK = re.compile("[\x07\x0b\x0d]")  # a cell or row end, a line break, a paragraph end


def _switched_on(sprms: dict[int, bytes]) -> set[int]:
    """The Sprms of a run's properties whose operand's first byte is set: the toggles that are on."""
    return {sprm for sprm, operand in sprms.items() if operand[:1] not in (b"", b"\x00")}


def _fkp_runs(word: bytes, table: bytes, plcf_bte: int, entry: int) -> Iterator[tuple[int, int, bytes, int]]:
    """(start, end, page, offset of its properties in the page) of each run with properties of its own, from
    the FKP pages (512 bytes of the WordDocument stream) that the PlcBte at FIB offset `plcf_bte` lists.
    `entry` is the size of a run's entry after the page's FCs: 13 for a BxPap, 1 for a Chpx's offset."""
    fc, lcb = struct.unpack_from("<II", word, plcf_bte)
    count = (lcb - 4) // 8
    if count <= 0:
        return
    # Each page once: a PlcBte lists a page once, and one listing it a million times would have it read so.
    for page_number in dict.fromkeys(struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))):
        page = word[page_number * _PAGE : (page_number + 1) * _PAGE]
        if len(page) < _PAGE:
            continue
        runs = page[_PAGE - 1]
        if 4 * (runs + 1) + entry * runs >= _PAGE - 1:
            continue  # more runs than a page holds: a damaged page, whose text is read without its properties
        limits = struct.unpack_from(f"<{runs + 1}I", page)
        for index in range(runs):
            if offset := 2 * page[4 * (runs + 1) + entry * index]:
                yield limits[index], limits[index + 1], page, offset


class _Tables:
    """Where the tables' paragraphs lie in the WordDocument stream, from the paragraphs' properties."""

    def __init__(self) -> None:
        self.row_ends: set[int] = set()  # stream offsets just past each mark that ends a row
        self._cells: list[tuple[int, int]] = []  # (start, end) stream offsets of each paragraph in a cell
        self._starts: list[int] = []

    def add(self, start: int, end: int, *, in_table: bool, ends_row: bool) -> None:
        if ends_row:
            self.row_ends.add(end)
        if in_table:  # a row's end too: a row of a table inside a cell ends in a paragraph mark, not a 0x07
            self._cells.append((start, end))

    def done(self) -> _Tables:
        self._cells.sort()
        self._starts = [start for start, _ in self._cells]
        return self

    def in_a_cell(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._cells[index][1]

    def mark(self, piece: str, at: int, width: int) -> str:
        """The piece with each 0x07 that ends a row marked as such, and the paragraph ends and line breaks
        inside a cell made spaces: a cell's paragraphs, and the rows of a table inside it, stay on their
        row's line, as in .docx, for the text only marks where a row ends, not where it begins."""
        if not self._cells and "\x07" not in piece:
            return piece

        def marked(found: re.Match[str]) -> str:
            offset = at + width * found.start()
            ends_row = offset + width in self.row_ends
            if found.group() == "\x07":
                return _ROW_END if ends_row else "\x07"
            if not self.in_a_cell(offset):
                return found.group()
            return "" if ends_row else " "  # a row of a table inside the cell: its last cell's space parts it

        return _CELL_OR_BREAK.sub(marked, piece)


class _Styled:
    """Each paragraph's style (istd) and what its own properties say of its list and outline level, by the
    stream offsets of its paragraph mark's run (a PapxInFkp)."""

    def __init__(self, runs: list[tuple[int, int, int, ListProperties]]) -> None:
        self._runs = sorted(runs, key=lambda run: run[0])
        self._starts = [run[0] for run in self._runs]
        self._ends = {run[1] for run in self._runs}

    def ends_at(self, offset: int) -> bool:
        """Whether a paragraph ends just before `offset`: a 0x0C there is a section's end, not a page break."""
        return offset in self._ends

    def at(self, offset: int) -> tuple[int, ListProperties]:
        """Of the paragraph whose mark is at `offset`: one without properties of its own is of style 0."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._runs[index][1]:
            return self._runs[index][2], self._runs[index][3]
        return 0, NO_PROPERTIES


def _paragraphs(word: bytes, table: bytes) -> tuple[_Tables, _Styled]:
    """The tables' paragraphs and every paragraph's style, read from the paragraphs' properties (PapxInFkp):
    every 0x07 not at a row's end ends a cell. Two 0x07 in a row cannot tell without them: an empty cell looks
    the same."""
    tables, styled = _Tables(), []
    for start, end, page, offset in _fkp_runs(word, table, _FC_PLCF_BTE_PAPX, 13):
        size, first = page[offset], offset + 1  # cb, then 2 × cb − 1 bytes; or 0, cb′, then 2 × cb′ bytes
        size, first = (2 * page[first], first + 1) if size == 0 else (2 * size - 1, first)
        sprms = operands(page[first + 2 : first + size])  # after the istd (2 bytes): the paragraph's Sprms
        on = _switched_on(sprms)
        tables.add(start, end, in_table=_IN_TABLE in on, ends_row=not on.isdisjoint(_TABLE_TERMINATING))
        styled.append((start, end, int.from_bytes(page[first : first + 2], "little"), list_properties(sprms)))
    return tables.done(), _Styled(styled)


_FC_PLCF_BTE_CHPX = 154 + 12 * 8  # FibRgFcLcb97.fcPlcfBteChpx: where each page of character properties is
_DELETED = 0x0800  # sprmCFRMarkDel: the run was deleted with track changes on; Word shows it struck out or not
# Cell, row and paragraph ends (a space: one inside a cell) stay when deleted: the tables and paragraphs hold.
_KEPT_WHEN_DELETED = frozenset("\x07\x1c\x0d ")


class _Deletions:
    """The runs of text a reviewer deleted with track changes on, as stream offsets (start, end): the
    text stays in the file until the change is accepted, and the .docx reader leaves it out (w:delText)."""

    def __init__(self, runs: list[tuple[int, int]]) -> None:
        self._runs = sorted(runs)
        self._starts = [start for start, _ in self._runs]

    def covers(self, offset: int) -> bool:
        """Whether the character at stream offset `offset` was deleted."""
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._runs[index][1]

    def remove(self, piece: str, at: int, width: int) -> str:
        """The piece at stream offset `at`, `width` bytes a character, without its deleted characters."""
        if not self._runs:
            return piece
        end = at + width * len(piece)
        kept, position = [], 0
        # From the last run starting at or before the piece, up to the first starting after it (by index:
        # a slice of the rest would copy it for every piece).
        for index in range(max(0, bisect_right(self._starts, at) - 1), len(self._runs)):
            start, stop = self._runs[index]
            if start >= end:
                break
            # The characters whose first byte lies in [start, stop): indices rounded up from byte offsets.
            first, last = max(position, -(-(start - at) // width)), min(len(piece), -(-(stop - at) // width))
            if first >= last:
                continue
            kept.append(piece[position:first])
            kept.append("".join(character for character in piece[first:last] if character in _KEPT_WHEN_DELETED))
            position = last
        kept.append(piece[position:])
        return "".join(kept)


def _deletions(word: bytes, table: bytes) -> _Deletions:
    """The deleted runs, read from the runs' character properties (Chpx: cb, then its Sprms)."""
    return _Deletions([(start, end) for start, end, page, offset in _fkp_runs(word, table, _FC_PLCF_BTE_CHPX, 1)
                       if _DELETED in _switched_on(operands(page[offset + 1 : offset + 1 + page[offset]]))])


class _Text:
    """The main text put together piece by piece: each 0x07 that ends a table row marked as such, the breaks
    inside a cell made spaces, the text deleted with track changes on left out, and each paragraph opening with
    the list number Word draws before it and, for a heading outside a table, a mark of its level. Both come
    from the paragraph's mark, at its end: a paragraph is held until its mark comes. Each text box is read once,
    right after the paragraph anchoring it, as the .docx reader reads it, so that it goes with its anchor's part of
    the report (a title or 索引号 some templates put in one): read from the text boxes' story, its paragraphs count
    their list numbers apart from the body's."""

    def __init__(self, word: bytes, table: bytes, characters: int, pieces: _Pieces, boxes: list[TextBox]) -> None:
        (self._tables, self._styled), self._deletions = _paragraphs(word, table), _deletions(word, table)
        self._numbering = Numbering(word, table)
        # The numbers drawn add at most as many characters as the text has: a file of empty numbered
        # paragraphs would otherwise grow tens of times over in reading.
        self._budget = characters
        self._paragraphs: list[str] = []
        self._open: list[str] = []  # the paragraph read so far
        self._pieces = pieces
        self._boxes = deque(boxes)  # those not read yet, in the order of their anchors
        self._in_box = False  # reading a text box's paragraphs
        self._in_cell = False  # the last paragraph ended is in a table cell

    def add(self, piece: str, at: int, width: int, cp: int) -> None:
        """The piece at stream offset `at`, `width` bytes a character, from CP `cp`."""
        done = 0  # the piece's characters before it are read
        for found in _PARAGRAPH_END.finditer(piece):
            offset = at + width * found.start()
            in_cell = self._tables.in_a_cell(offset)
            if self._not_a_paragraph_end(found.group(), offset, width, in_cell=in_cell):
                continue
            self._open.append(self._kept(piece[done : found.end()], at + width * done, width))
            self._end(*self._styled.at(offset), deleted=self._deletions.covers(offset), in_cell=in_cell)
            done = found.end()
            if not self._in_box:  # a text box anchors no other
                self._boxes_anchored_before(cp + done)
        self._open.append(self._kept(piece[done:], at + width * done, width))

    def _boxes_anchored_before(self, cp: int) -> None:
        """Read the text boxes anchored in the paragraph just ended, before CP `cp`."""
        while self._boxes and self._boxes[0].anchor < cp:
            box = self._boxes.popleft()
            paragraphs, self._paragraphs, self._in_box, in_cell = self._paragraphs, [], True, self._in_cell
            for piece in self._pieces.text(box.start, box.end - 1):  # the last character parts it from the next
                self.add(*piece)
            if "".join(self._open).strip():  # a last paragraph with no mark of its own: the parting 0x0D ends it
                for piece in self._pieces.text(box.end - 1, box.end):
                    self.add(*piece)
            paragraphs[-1:] = _with_box(paragraphs[-1], self.text(), in_cell=in_cell)
            self._paragraphs, self._open, self._in_box, self._in_cell = paragraphs, [], False, in_cell

    def _not_a_paragraph_end(self, mark: str, offset: int, width: int, *, in_cell: bool) -> bool:
        """Whether the mark at `offset` ends no paragraph that is numbered: a page break, a row's end (its own
        paragraph, which holds no text), or a 0x07 the paragraphs' properties place in no cell."""
        if mark == "\x0c":
            return not self._styled.ends_at(offset + width)
        if mark == "\x07" and not in_cell:
            return True
        return in_cell and offset + width in self._tables.row_ends

    def _kept(self, characters: str, at: int, width: int) -> str:
        return self._deletions.remove(self._tables.mark(characters, at, width), at, width)

    def _end(self, istd: int, own: ListProperties, *, deleted: bool, in_cell: bool) -> None:
        """The paragraph read so far ends, of style `istd` and with properties `own`. One whose mark was deleted
        with track changes on is read with the changes accepted, as its text is: no paragraph of its own, it has
        no number nor heading level, and its list counts on without it. One in a table cell is counted with its
        list, and the list goes on after the table from there; its row's line is no heading's, as in .docx."""
        heading, label = (None, "") if deleted else self._numbering.paragraph(istd, own, in_box=self._in_box)
        self._in_cell = in_cell
        if in_cell:
            heading = None
        if len(label) > self._budget:
            label = ""
        self._budget -= len(label)
        self._paragraphs.append(_opened("".join(self._open), label, heading))
        self._open = []

    def text(self) -> str:
        return "".join(self._paragraphs) + "".join(self._open)


def _with_box(paragraph: str, box: str, *, in_cell: bool) -> list[str]:
    """The paragraph anchoring a text box, then the box's paragraphs: on lines of their own, or inside the anchor's
    table cell, after the paragraph and before the cell's end, as the .docx reader reads a cell's text box, each of
    its paragraphs and rows parted by a space, and none a heading, as none in a cell is. In parts, not joined: a
    paragraph anchoring thousands of text boxes would be copied once for each."""
    if not in_cell:
        return [paragraph, box + "\r"]  # ended, whatever the box ends in
    box = _HEADING_MARK.sub("", box).translate(_IN_A_CELL)
    if paragraph.endswith(("\x07", _ROW_END)):
        return [paragraph[:-1], f" {box} ", paragraph[-1]]
    return [paragraph, f" {box} "]


# A text box's paragraph ends, line breaks and table cells and rows, which in a table cell are spaces.
_IN_A_CELL = str.maketrans(dict.fromkeys("\r\x0b\x0c\x0e\x07" + _ROW_END, " "))


def _opened(paragraph: str, label: str, heading: int | None) -> str:
    """The paragraph with its number and heading mark at the start of its first line with text, as the .docx
    reader puts them: after the rows of a table before it (the text marks where a row ends, not where the
    paragraph after it begins), and after a page break or blank lines it opens with, which read as no line."""
    if not label and heading is None:
        return paragraph
    before_mark = len(paragraph) - 1  # a cell's last paragraph ends in its cell's 0x07
    start = max(paragraph.rfind("\x07", 0, before_mark), paragraph.rfind(_ROW_END, 0, before_mark)) + 1
    if blank := _BLANK_LINES.match(paragraph, start):
        start = blank.end()
    mark = "" if heading is None else chr(_HEADING + heading)
    return paragraph[:start] + mark + label + paragraph[start:]


# Blank lines a paragraph opens with: spaces and tabs, each ended by a line, page or column break.
_BLANK_LINES = re.compile("(?:[ \t\u3000]*[\x0b\x0c\x0e])*")


# chr(_HEADING + level) marks a heading's first line, until _lines: a lone surrogate, which decoding the text
# never yields (it reads one as U+FFFD).
_HEADING = 0xDC00
_HEADING_MARK = re.compile("[\udc01-\udc09]")
# A paragraph mark; a cell's end, which ends its last paragraph, or a row's; a page break, or a section's end,
# which ends one.
_PARAGRAPH_END = re.compile("[\r\x07\x0c]")


class _Pieces:
    """The piece table: where the text of each run of character positions (CPs) lies in the WordDocument stream,
    one byte a character (text a single-byte code page can hold) or two (UTF-16)."""

    def __init__(self, word: bytes, table: bytes) -> None:
        fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
        plc = _piece_table(table, fc_clx, lcb_clx)
        count = (len(plc) - 4) // 12  # n + 1 character positions of 4 bytes, n descriptors of 8
        positions = struct.unpack_from(f"<{count + 1}I", plc)
        # The pieces in the order of their CPs, up to the first that comes after none: a damaged table ends there.
        ordered = next((index for index in range(count) if positions[index + 1] <= positions[index]), count)
        self._positions = positions[: ordered + 1]
        self._fcs = [struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0] for index in range(ordered)]
        self._word = word
        self._unread = len(word)  # bytes of the stream no piece has read yet

    def text(self, start: int, stop: int) -> Iterator[tuple[str, int, int, int]]:
        """The characters from CP `start` up to `stop`, piece by piece: (text, its stream offset, bytes a character,
        its CP)."""
        positions = self._positions
        for index in range(max(bisect_right(positions, start) - 1, 0), len(positions) - 1):
            first, last = max(start, positions[index]), min(stop, positions[index + 1])
            if last <= first:
                break
            fc, skipped = self._fcs[index], first - positions[index]
            if fc & _COMPRESSED:
                at, width = (fc & ~_COMPRESSED) // 2 + skipped, 1
                piece = self._word[at : at + last - first].decode("cp1252", errors="replace")
            else:
                at, width = fc + 2 * skipped, 2
                piece = self._word[at : at + 2 * (last - first)].decode("utf-16-le", errors="replace")
            # Each piece has bytes of its own: pieces that read more than the stream holds read the same bytes
            # again, and a few hundred of them would make gigabytes of text out of one file.
            self._unread -= width * len(piece)
            if self._unread < 0:
                raise ValueError("the pieces overlap")
            yield piece, at, width, first


def main_text(word: bytes, table: bytes) -> str:
    """The characters of the main document, piece by piece, as the FIB and the piece table give them, with the
    text boxes anchored in it, as _Text puts them together."""
    characters = struct.unpack_from("<i", word, _CCP_TEXT)[0]
    pieces = _Pieces(word, table)
    text = _Text(word, table, characters, pieces, text_boxes(word, table))
    for piece, at, width, cp in pieces.text(0, characters):
        text.add(piece, at, width, cp)
    return text.text()


def _without_field_codes(content: str) -> str:
    """A field shows its result, not its code: keep what lies between the separator and the end."""
    if _FIELD_BEGIN not in content:
        return content
    kept: list[str] = []
    in_code: list[bool] = []  # one flag per open field, True while inside its code
    codes = 0  # how many open fields are inside their code: text shows only when none is
    position = 0
    for mark in _FIELD_MARKS.finditer(content):
        if not codes:
            kept.append(content[position : mark.start()])
        if mark.group() == _FIELD_BEGIN:
            in_code.append(True)
            codes += 1
        elif mark.group() == _FIELD_SEPARATOR and in_code:
            codes -= in_code[-1]
            in_code[-1] = False
        elif in_code:
            codes -= in_code.pop()
        position = mark.end()
    if not codes:
        kept.append(content[position:])
    return "".join(kept)


def _lines(content: str) -> tuple[list[str], dict[int, int]]:
    """One line a paragraph, one line a table row; and the heading level of each heading's line (by line
    number), as the .docx reader gives it: for a paragraph's first line only."""
    content = _ANCHORS.sub("", _without_field_codes(content)).replace(_ROW_END, "\n").translate(_LAYOUT)
    lines: list[str] = []
    outline = {}
    for line in content.split("\n"):
        heading = _HEADING_MARK.search(line)
        if heading:
            line = _HEADING_MARK.sub("", line)
        if stripped := row_of_cells(line):
            lines.append(stripped)
            if heading:
                outline[len(lines)] = ord(heading.group()) - _HEADING
    return lines, outline


def read_doc(path: Path, data: bytes) -> Source:
    """A Word 97–2003 file (.doc)."""
    if (source := read_as_what_it_is(path, data)) is not None:
        return source
    word, table, facts = _streams(path, data)
    try:
        content = main_text(word, table)
    except (struct.error, ValueError, IndexError) as error:  # offsets out of the streams: a damaged file
        raise _failed(path) from error
    lines, outline = _lines(content)
    refuse_empty("".join(lines), path)
    return Source(path=str(path), format="doc", encoding=None, lines=tuple(lines), facts=facts, outline=outline)
