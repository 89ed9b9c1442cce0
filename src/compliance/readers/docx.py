"""Word files (.docx): paragraphs in order with their list numbers, tables a row a line, core dates as facts.

The zip is read with a cap on the bytes it inflates to (a zip bomb stops at the cap), and each XML part
is parsed by lxml with entities unresolved, no DTD loading and no network: an external entity (XXE)
is never resolved nor fetched, it is simply absent from the text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from ..errors import DocumentError
from ..messages import text
from ..model import Source
from .numbering import (
    DEFAULT_SUFFIX,
    LONGEST_TEXT,
    NO_PROPERTIES,
    PLAIN_LEVEL,
    SUFFIXES,
    Counters,
    Level,
    ListInstance,
    ListProperties,
    Style,
    StyleSheet,
    heading_number,
    shortened,
    with_overrides,
)
from .text import refuse_empty

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_BOX = f"{W}txbxContent"
_CORE = {"created": "{http://purl.org/dc/terms/}created", "modified": "{http://purl.org/dc/terms/}modified",
         "title": "{http://purl.org/dc/elements/1.1/}title"}
# What the XML parts of a .docx may inflate to in all; real reports stay far below it.
MAX_INFLATED = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
_PARTS = frozenset({"word/document.xml", "word/numbering.xml", "word/styles.xml", "docProps/core.xml"})


def safe_xml_parser() -> etree.XMLParser:
    """lxml's parser with entities unresolved, no DTD loading and no network (no XXE); comments dropped."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class _Package:
    """The parts of one .docx, inflated under a shared byte budget."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.budget = MAX_INFLATED
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except Exception as error:  # damaged archives raise BadZipFile, ValueError, an unsupported-compression error, …
            raise DocumentError(text("read.not_docx", path=path), code="invalid") from error
        if "word/document.xml" not in self.names:
            raise DocumentError(text("read.not_docx", path=path), code="invalid")
        # zipfile stops each member at its declared size (a lying header fails its CRC check), so the
        # declared sizes bound what we inflate: refuse a bomb before inflating anything. The budget
        # in _Budgeted holds the same bound on the stream itself.
        declared = sum(info.file_size for info in self.zip.infolist() if info.filename in _PARTS)
        if declared > MAX_INFLATED:
            raise DocumentError(text("read.zip_bomb", path=path, limit=MAX_INFLATED), code="too_large")

    def _open(self, name: str) -> _Budgeted:
        try:
            return _Budgeted(self.zip.open(name), self)
        except Exception as error:  # a damaged local header: BadZipFile, an unsupported-compression error, …
            raise DocumentError(text("read.not_docx", path=self.path), code="invalid") from error

    def _failed(self, error: Exception) -> DocumentError:
        if self.budget < 0:  # lxml replaces an exception raised while it reads by its own
            return DocumentError(text("read.zip_bomb", path=self.path, limit=MAX_INFLATED), code="too_large")
        if isinstance(error, DocumentError):
            return error
        return DocumentError(text("read.not_docx", path=self.path), code="invalid")

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part `name` (a small part: numbering, styles, properties), or None when absent."""
        if name not in self.names:
            return None
        try:
            with self._open(name) as member:
                return etree.parse(member, safe_xml_parser()).getroot()
        except Exception as error:  # damaged members raise zlib.error, struct.error, XMLSyntaxError, …
            raise self._failed(error) from error

    def optional_xml(self, name: str) -> etree._Element | None:
        """The parsed part `name`, or None when it is absent or damaged: the text needs no list numbers, styles
        or file dates, so a damaged part costs what it holds, not the report. A zip bomb is refused all the same."""
        try:
            return self.xml(name)
        except DocumentError as error:
            if error.code == "too_large":
                raise
            return None

    def lines(self, name: str, numbering: _Numbering) -> list[tuple[str, int | None]]:
        """The lines of the document part, streamed: each paragraph is dropped once it is read."""
        try:
            with self._open(name) as member:
                events = etree.iterparse(member, events=("end",), tag=(f"{W}p", f"{W}tbl"), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False, remove_comments=True,
                                         remove_pis=True)
                return list(_body_lines(events, numbering))
        except Exception as error:
            raise self._failed(error) from error


class _Budgeted(io.RawIOBase):
    """A zip member that raises DocumentError once the package has inflated more than its budget."""

    def __init__(self, member: IO[bytes], package: _Package) -> None:
        super().__init__()
        self.member = member
        self.package = package

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.member.read(_CHUNK if size is None or size < 0 else min(size, _CHUNK))
        self.package.budget -= len(chunk)
        if self.package.budget < 0:
            raise DocumentError(text("read.zip_bomb", path=self.package.path, limit=MAX_INFLATED), code="too_large")
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self.member.close()
        super().close()


# ------------------------------------------------------------ numbering

_LEVEL_REF = re.compile(r"%([1-9])")
_CONTROLS = re.compile("[\x00-\x1f]")


def _level_text(pattern: str) -> tuple[str | int, ...]:
    """A w:lvlText ("（%2）") as Level.text: literal pieces, and the level (0–8) each %1–%9 stands for; no control
    character (a line break written &#10; would split the paragraph's line), as the .doc reader draws none."""
    # Each piece of the kept text is at most two characters of the pattern ("%2"): a longer pattern is not split.
    pattern = _CONTROLS.sub("", pattern[: 2 * LONGEST_TEXT])
    pieces = _LEVEL_REF.split(pattern)  # literal, level digit, literal, …: digits at odd indices
    text = [int(piece) - 1 if index % 2 else piece for index, piece in enumerate(pieces)]
    return shortened(tuple(piece for piece in text if piece != ""))


def _level(level: etree._Element, base: Level = PLAIN_LEVEL) -> Level:
    """A w:lvl: what it leaves out is `base`'s, the list's own level for a w:num's own w:lvl, which may say only
    some of it (a start, a format), as Word and LibreOffice draw it."""
    restart = _number(_val(level, "lvlRestart"))
    text = _val(level, "lvlText")
    suffix = _val(level, "suff")
    return Level(_int(_val(level, "start"), base.start), _val(level, "numFmt") or base.format,
                 base.text if text is None else _level_text(text),
                 base.suffix if suffix is None else SUFFIXES.get(suffix, DEFAULT_SUFFIX),
                 base.legal if level.find(f"{W}isLgl") is None else _on(level, "isLgl"),
                 base.restart_below if restart is None or restart < 0 else restart)


def _instance(num: etree._Element, lists: _Lists) -> ListInstance:
    """A w:num: its list (w:abstractNumId), with the levels and starts its w:lvlOverride elements override."""
    abstract = lists.resolved(_number(_val(num, "abstractNumId")))
    levels = lists.levels_of(abstract)
    overrides: dict[int, tuple[Level | None, int | None]] = {}
    for override in num.iterfind(f"{W}lvlOverride"):
        ilvl = _int(override.get(f"{W}ilvl"))
        own, start = override.find(f"{W}lvl"), _number(_val(override, "startOverride"))
        if own is not None or start is not None:
            overrides[ilvl] = (None if own is None else _level(own, levels.get(ilvl, PLAIN_LEVEL)), start)
    return with_overrides(abstract, levels, overrides, ("num", num.get(f"{W}numId")))


def _list_properties(properties: etree._Element | None) -> ListProperties:
    """What a w:pPr says of its list (w:numId), level (w:ilvl) and outline level."""
    if properties is None:
        return NO_PROPERTIES
    num_pr = properties.find(f"{W}numPr")
    return ListProperties(None if num_pr is None else _number(_val(num_pr, "numId")),
                          None if num_pr is None else _number(_val(num_pr, "ilvl")),
                          _number(_val(properties, "outlineLvl")))


def _style_sheet(styles: etree._Element | None) -> tuple[dict[str, Style[str]], str | None]:
    """The paragraph styles by w:styleId, and the default one (that of a paragraph naming none)."""
    sheet: dict[str, Style[str]] = {}
    default = None
    if styles is None:
        return sheet, default
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type", "paragraph") != "paragraph":
            continue  # a character, table or list style: no paragraph names it
        style_id = style.get(f"{W}styleId", "")
        if style.get(f"{W}default") in ("1", "true", "on") and default is None:
            default = style_id
        sheet[style_id] = Style(_val(style, "basedOn"), heading_number(_val(style, "name") or style_id),
                                _list_properties(style.find(f"{W}pPr")))
    return sheet, default


def _list_styles(styles: etree._Element | None) -> dict[str, int]:
    """The numbering (list) styles by w:styleId, each with the list (w:numId) that defines its levels."""
    found: dict[str, int] = {}
    for style in () if styles is None else styles.iter(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr") if style.get(f"{W}type") == "numbering" else None
        num_id = None if num_pr is None else _number(_val(num_pr, "numId"))
        if num_id is not None:
            found[style.get(f"{W}styleId", "")] = num_id
    return found


class _Lists:
    """The lists (w:abstractNum) of numbering.xml: their levels, and where a list made from a list style
    (w:numStyleLink) finds the list that defines the style (the style's w:numId, or the list naming the style in
    its w:styleLink): that list's levels, and its numbers, which both count on, as in Word."""

    def __init__(self, numbering: etree._Element, list_styles: dict[str, int]) -> None:
        self._levels: dict[int, dict[int, Level]] = {}  # by abstractNumId, then ilvl
        self._links: dict[int, str] = {}  # abstractNumId → the list style whose list it is made from
        self._defining: dict[str, int] = {}  # list style → the abstractNumId that defines it (w:styleLink)
        self._abstract_of = {num_id: _number(_val(num, "abstractNumId")) for num in numbering.iter(f"{W}num")
                             if (num_id := _number(num.get(f"{W}numId"))) is not None}
        self._list_styles = list_styles
        for abstract in numbering.iter(f"{W}abstractNum"):
            key = _number(abstract.get(f"{W}abstractNumId"))
            if key is None:
                continue
            self._levels.setdefault(key, {}).update(
                (_int(level.get(f"{W}ilvl")), _level(level)) for level in abstract.iter(f"{W}lvl"))
            if (link := _val(abstract, "numStyleLink")) is not None:
                self._links[key] = link
            if (defined := _val(abstract, "styleLink")) is not None:
                self._defining.setdefault(defined, key)

    def resolved(self, abstract: int | None) -> int | None:
        """The list whose levels and numbers the list `abstract` uses: itself, or the one its list style's is."""
        seen = set()
        while abstract in self._links and abstract not in seen:  # styles linking round in a circle end there
            seen.add(abstract)
            defining = self._defining_list(self._links[abstract])
            if defining is None:
                break
            abstract = defining
        return abstract

    def _defining_list(self, style: str) -> int | None:
        num_id = self._list_styles.get(style)
        defining = None if num_id is None else self._abstract_of.get(num_id)
        return self._defining.get(style) if defining is None else defining

    def levels_of(self, abstract: int | None) -> dict[int, Level]:
        return {} if abstract is None else self._levels.get(abstract, {})


class _Numbering:
    """The list numbers ("一、", "（二）", "3.") Word draws before paragraphs, and their heading levels. The paragraphs
    of text boxes count on numbers of their own: a text box is a story of its own, as a footnote is, whose lists
    count on from one text box to the next and leave the body's count as it is (as LibreOffice draws them; a .doc
    keeps its text boxes in a story after the main text, which the .doc reader counts the same way)."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.instances: dict[int, ListInstance] = {}  # by numId
        self.counters = Counters()
        self.box_counters = Counters()
        if numbering is not None:
            lists = _Lists(numbering, _list_styles(styles))
            for num in numbering.iter(f"{W}num"):
                num_id = _number(num.get(f"{W}numId"))
                if num_id is not None:
                    self.instances[num_id] = _instance(num, lists)
        self.styles = StyleSheet(*_style_sheet(styles))

    def paragraph(self, paragraph: etree._Element) -> tuple[int | None, str]:
        """The paragraph's heading level (1–9, or None) and the number Word draws before it, which is counted.
        A paragraph whose mark was deleted with track changes on has neither: the text is read with the changes
        accepted (w:delText left out), when it is no paragraph of its own and its list counts on without it."""
        properties = paragraph.find(f"{W}pPr")
        if properties is not None and properties.find(f"{W}rPr/{W}del") is not None:
            return None, ""
        style = None if properties is None else _val(properties, "pStyle")
        heading, num_id, level = self.styles.paragraph(style, _list_properties(properties))
        instance = self.instances.get(num_id) if num_id is not None else None  # numId 0: no list
        if instance is None:
            return heading, ""
        in_box = next(paragraph.iterancestors(_TEXT_BOX), None) is not None
        return heading, (self.box_counters if in_box else self.counters).label(instance, level)


def _val(element: etree._Element, child: str) -> str | None:
    found = element.find(f"{W}{child}")
    return None if found is None else found.get(f"{W}val")


def _on(element: etree._Element, child: str) -> bool:
    """Whether the on/off property `child` (ST_OnOff: present without w:val is on) is on."""
    return element.find(f"{W}{child}") is not None and _val(element, child) not in ("0", "false", "off")


# What Word writes as a number (ST_DecimalNumber: a start, a list's id, a level) is a 32-bit signed integer.
_INT32 = range(-(2**31), 2**31)


def _number(value: str | None) -> int | None:
    """The number `value` says, None for none or one no Word file holds: a list starting at a number of thousands
    of digits would cost milliseconds to draw before each paragraph, and one of 4,301 cannot be written."""
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number in _INT32 else None


def _int(value: str | None, default: int = 0) -> int:
    number = _number(value)
    return default if number is None else number


# ------------------------------------------------------------ text


def _holder(element: etree._Element) -> etree._Element | None:
    """What holds a paragraph, a table or a run's text, nearest: the table cell it is in (read with its table), the
    paragraph it is in or anchoring the text box it is in (read with that paragraph), or the fallback copy Word
    writes of a text box or a run for older readers (the text of its mc:Choice again, never read); None for a
    paragraph or table of the body."""
    return next(element.iterancestors(f"{W}tc", f"{W}p", _FALLBACK), None)


def _table_rows(table: etree._Element, numbering: _Numbering) -> list[str]:
    """A line per row, its cells joined. Read whole here so that no reference to a row outlives it: lxml
    clears an element in time quadratic in a row's cells while one is alive (300,000 cells: minutes)."""
    # Rows of a table nested in a cell are read as that cell's text, not again as rows of their own.
    return ["  ".join(cell for cell in (_cell_text(tc, numbering) for tc in row.findall(f"{W}tc")) if cell)
            for row in table.findall(f"{W}tr")]


def _cell_text(cell: etree._Element, numbering: _Numbering) -> str:
    """A cell's paragraphs joined by a space, as is a line break inside one (<w:br/>): a row stays one line.
    Each opens with the number Word draws before it: a cell's paragraphs are counted with their list, in
    the order of the text, so the list goes on after the table from where the cells left it.
    A text box anchored in the cell is read once, as paragraphs of its own: not as part of the paragraph
    that anchors it, nor again from the fallback copy Word writes of it."""
    return " ".join(numbering.paragraph(p)[1] + _own_runs(p).replace("\n", " ").strip() for p in cell.iter(f"{W}p")
                    if not _in_fallback(p, cell)).strip()


def _in_fallback(element: etree._Element, cell: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is cell:
            return False
        if ancestor.tag == _FALLBACK:
            return True
    return False


def _own_runs(paragraph: etree._Element) -> str:
    """The paragraph's text without that of paragraphs inside it: a text box's, read as paragraphs of their
    own (in a table cell, its figures were read twice, once in the paragraph that anchors it); nor that of a
    fallback copy Word writes of its runs for older readers (mc:Fallback: 41 read 4141)."""
    # Most paragraphs hold neither: asking each text element for its holder made reading a .docx 10 % slower.
    nested = next(paragraph.iterdescendants(f"{W}p", _FALLBACK), None) is not None
    return "".join(element.text or "" if element.tag == f"{W}t" else _LAYOUT_OF[str(element.tag)]
                   for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
                   if not nested or _holder(element) is paragraph)


_LAYOUT_OF = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}


def _paragraph_lines(paragraph: etree._Element, numbering: _Numbering) -> Iterator[tuple[str, int | None]]:
    """A paragraph's lines, then those of the text boxes it anchors: each box's paragraphs and table rows in order,
    after the paragraph as in a table cell, so that a box goes with the part of the report its anchor is in."""
    yield from _numbered(_own_runs(paragraph), *numbering.paragraph(paragraph))
    for block in paragraph.iter(f"{W}p", f"{W}tbl"):
        if block is paragraph or _holder(block) is not paragraph:
            continue  # a box's table's paragraphs are read with the table, a box's box with its own anchor
        if block.tag == f"{W}p":
            yield from _paragraph_lines(block, numbering)
        else:
            yield from ((row, None) for row in _table_rows(block, numbering))


def _numbered(text: str, heading: int | None, label: str) -> Iterator[tuple[str, int | None]]:
    """A paragraph's lines, its number and heading level on the first with text: after a page break it opens
    with, as Word draws them."""
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), 0)
    for index, line in enumerate(lines):
        yield (label + line, heading) if index == first else (line, None)


def _body_lines(events: Iterator[tuple[str, etree._Element]], numbering: _Numbering) -> Iterator[tuple[str, int | None]]:
    """Lines of the body in order, each with its heading level (or None): a paragraph per line, a table row
    per line (cells joined)."""
    for _, element in events:
        holder = _holder(element)
        if holder is not None:
            if holder.tag == _FALLBACK:
                element.clear()  # nor read as part of the paragraph that anchors the text box
            continue  # read with their table or with the paragraph anchoring their text box, when it ends
        if element.tag == f"{W}p":
            yield from _paragraph_lines(element, numbering)
        else:
            yield from ((row, None) for row in _table_rows(element, numbering))
        # Keep memory flat however long the document: drop what has been read.
        element.clear()
        parent = element.getparent()  # None only for a root, which has nothing before it
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def read_docx(path: Path, data: bytes) -> Source:
    """A Word 2007+ file (.docx)."""
    package = _Package(path, data)
    numbering = _Numbering(package.optional_xml("word/numbering.xml"), package.optional_xml("word/styles.xml"))
    kept = [(stripped, level) for line, level in package.lines("word/document.xml", numbering)
            if (stripped := line.strip())]
    lines = tuple(line for line, _ in kept)
    outline = {number: level for number, (_, level) in enumerate(kept, start=1) if level is not None}
    refuse_empty("".join(lines), path)
    facts: dict[str, str] = {}
    core = package.optional_xml("docProps/core.xml")  # the file's own dates are only a last resort
    if core is not None:
        for key, tag in _CORE.items():
            found = core.find(tag)
            if found is not None and found.text and found.text.strip():
                facts[key] = found.text.strip()
    return Source(path=str(path), format="docx", encoding=None, lines=lines, facts=facts, outline=outline)
