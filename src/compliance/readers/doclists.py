"""List numbers and heading levels of a Word 97–2003 file's paragraphs, which live in its properties, not in
its text: "一、主要举措和成效" written with Word's automatic numbering holds only 主要举措和成效.

A paragraph names its list and level (sprmPIlfo, sprmPIlvl) and its outline level (sprmPOutLvl) in its own
properties or through its style; the style sheet (STSH) holds each style's properties and the style it is based
on, with built-in headings known by their sti (1–9: heading 1–9). sprmPIlfo is an index into the list format
overrides (PlfLfo: LFO, and after them each one's LFOData with its LFOLVL start-at and formatting overrides),
each naming a list (LSTF, by lsid) in the PlfLst, whose levels (LVL: LVLF, its Sprms, then the number text, in
which the characters at the places rgbxchNums lists stand for the numbers of levels 0–8) follow it. Names are
those of Microsoft's [MS-DOC] specification. Counting, rendering, restarts and what a style passes on to the
styles based on it are numbering.py's, as for .docx.

A .doc has nothing like the .docx's list made from a list style (w:numStyleLink), which the .docx reader follows to
the list defining the style: a list style (an STD of stkList) holds only paragraph properties, its sprmPIlfo naming
an LFO, and neither an LSTF nor an LFO names a style; what the lists of a list style share is their lsid, by which
the LFOs here count.

These tables only add to the text: a damaged one costs the labels or levels it holds, never the text.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

from .numbering import (
    DEFAULT_SUFFIX,
    NO_PROPERTIES,
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

_CB_RG_FC_LCB = 152  # FibBase (32), csw, FibRgW97 (28), cslw, FibRgLw97 (88): how many fc/lcb pairs follow
_STSHF, _PLF_LST, _PLF_LFO = 1, 73, 74  # FibRgFcLcb97: fcStshf, fcPlfLst, fcPlfLfo, by pair

_ILVL, _ILFO, _OUTLINE = 0x260A, 0x460B, 0x2640  # sprmPIlvl, sprmPIlfo, sprmPOutLvl
_NO_LIST = (0, -2047)  # ilfo 0x0000 and 0xF801: no list; a negative ilfo otherwise names LFO −ilfo
_PARAGRAPH_STYLE = 1  # stk
_NORMAL = 0  # the istd of Normal, the default paragraph style

# MSONFC numbers as the w:numFmt names numbering.py renders; any other is drawn in decimal, as there.
_FORMATS = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
            10: "ideographDigital", 14: "decimalFullWidth", 18: "decimalEnclosedCircle", 23: "bullet",
            28: "decimalEnclosedCircleChinese", 30: "ideographTraditional", 33: "taiwaneseCounting",
            34: "ideographLegalTraditional", 35: "taiwaneseCountingThousand", 37: "chineseCounting", 38: "chineseLegalSimplified",
            39: "chineseCountingThousand", 255: "none"}
_LVLF, _LSTF, _LFO, _LFOLVL = 28, 28, 16, 8  # bytes of each fixed-size record
_FOLLOWS = (SUFFIXES["tab"], SUFFIXES["space"], SUFFIXES["nothing"])  # by LVLF.ixchFollow
_LEGAL, _NO_RESTART = 0x04, 0x08  # LVLF.fLegal, .fNoRestart: in the byte after nfc (jc, fLegal, fNoRestart …)


def operand_size(sprm: int, grpprl: bytes, at: int) -> int:
    """Bytes of the operand of the Sprm at `at` − 2: its top three bits (spra) give the size."""
    spra = sprm >> 13
    if spra == 6:  # variable: a size byte first (sprmPChgTabs and sprmTDefTable have their own)
        if sprm == 0xD608:
            return struct.unpack_from("<H", grpprl, at)[0] + 1
        if sprm == 0xC615 and grpprl[at] == 255:
            raise ValueError("sprmPChgTabs of the long form")  # rare; its paragraph is read as a plain one
        return grpprl[at] + 1
    return {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]


def operands(grpprl: bytes) -> dict[int, bytes]:
    """Each Sprm of a list of properties with its operand (the last one, if a Sprm comes twice), up to the
    first one that cannot be walked: what follows a damaged or rare form is not read."""
    found = {}
    at = 0
    try:
        while at + 2 <= len(grpprl):
            sprm = struct.unpack_from("<H", grpprl, at)[0]
            size = operand_size(sprm, grpprl, at + 2)
            found[sprm] = grpprl[at + 2 : at + 2 + size]
            at += 2 + size
    except (ValueError, IndexError, struct.error):
        pass
    return found


def list_properties(sprms: Mapping[int, bytes]) -> ListProperties:
    """What a paragraph's or a style's Sprms say of its list (an ilfo), level and outline level."""
    def value(sprm: int, size: int, *, signed: bool = False) -> int | None:
        operand = sprms.get(sprm, b"")
        return int.from_bytes(operand, "little", signed=signed) if len(operand) == size else None

    return ListProperties(value(_ILFO, 2, signed=True), value(_ILVL, 1), value(_OUTLINE, 1))


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def fib_pair(word: bytes, index: int) -> tuple[int, int]:
    """The `index`th (fc, lcb) pair of the FIB's FibRgFcLcb: where a table of the table stream is and its size;
    (0, 0), none, for a pair past those the FIB holds (cbRgFcLcb), as Word reads an older FIB."""
    pairs = _u16(word, _CB_RG_FC_LCB) if len(word) >= _CB_RG_FC_LCB + 2 else 0
    if index >= pairs or len(word) < _CB_RG_FC_LCB + 10 + 8 * index:
        return 0, 0
    fc, lcb = struct.unpack_from("<II", word, _CB_RG_FC_LCB + 2 + 8 * index)
    return int(fc), int(lcb)


def _style_sheet(table: bytes, fc: int, lcb: int) -> dict[int, Style[int]]:
    """The paragraph styles by istd (none for an empty slot or another kind of style)."""
    stsh = table[fc : fc + lcb]
    count, std_base = struct.unpack_from("<HH", stsh, 2)  # Stshif.cstd, .cbSTDBaseInFile, after cbStshi
    at = 2 + _u16(stsh, 0)
    styles: dict[int, Style[int]] = {}
    for istd in range(count):
        if at + 2 > len(stsh):
            break  # fewer styles than the sheet says: those read are kept
        size = _u16(stsh, at)
        std = stsh[at + 2 : at + 2 + size]
        at += 2 + size
        try:
            style = _style(std, std_base) if size else None
        except (IndexError, struct.error):
            style = None  # a damaged style: paragraphs of it are read as plain ones
        if style is not None:
            styles[istd] = style
    return styles


def _style(std: bytes, std_base: int) -> Style[int] | None:
    """A paragraph style from its STD: StdfBase, the name (Xstz), then its paragraph properties (UpxPapx: the
    istd, then the Sprms) at the next even offset. Word knows its built-in heading styles by their sti (1–9:
    heading 1–9), whatever name a language gives them; other styles named as a heading are read as one, as the
    .docx reader reads them."""
    sti_flags, kind_base, upx_count = struct.unpack_from("<3H", std)  # sti, stk and istdBase, cupx
    if kind_base & 0x0F != _PARAGRAPH_STYLE:
        return None
    letters = _u16(std, std_base)
    name = std[std_base + 2 : std_base + 2 + 2 * letters].decode("utf-16-le", errors="replace")
    at = std_base + 2 + 2 * letters + 2
    at += at & 1
    own = NO_PROPERTIES
    if upx_count & 0x0F and at + 2 <= len(std):
        own = list_properties(operands(std[at + 4 : at + 2 + _u16(std, at)]))
    sti = sti_flags & 0x0FFF
    return Style(kind_base >> 4, sti if 1 <= sti <= 9 else heading_number(name), own)


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """The LVL at `at`, and where the next one begins."""
    if at + _LVLF > len(table):
        raise ValueError("a list level past the table stream")
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    places = set(table[at + 6 : at + 15]) - {0}  # rgbxchNums: 1-based places of the level numbers in the text
    follow = table[at + 15]  # ixchFollow
    # ilvlRestartLim: with fNoRestart, the level starts again only after a paragraph of a level above the one it
    # names (0: never).
    restart_below = table[at + 26] if flags & _NO_RESTART else None
    suffix = _FOLLOWS[follow] if follow < len(_FOLLOWS) else DEFAULT_SUFFIX
    at += _LVLF + table[at + 25] + table[at + 24]  # after grpprlPapx (cbGrpprlPapx) and grpprlChpx
    letters = _u16(table, at)
    xst = table[at + 2 : at + 2 + 2 * letters]
    if len(xst) < 2 * letters:
        raise ValueError("a list level's text past the table stream")
    text = tuple(ord(letter) if place in places and ord(letter) < 9 else letter
                 for place, letter in enumerate(xst.decode("utf-16-le", errors="replace"), start=1)
                 if (place in places and ord(letter) < 9) or letter >= " ")
    level = Level(start, _FORMATS.get(nfc, "decimal"), shortened(text), suffix, bool(flags & _LEGAL), restart_below)
    return level, at + 2 + 2 * letters


def _lists(table: bytes, fc: int) -> dict[int, dict[int, Level]]:
    """Each list's levels by its lsid: the PlfLst (cLst, then its LSTFs), and the LVLs following it, one for a
    simple list (fSimpleList), nine for any other."""
    count = struct.unpack_from("<h", table, fc)[0]
    at = fc + 2 + _LSTF * max(count, 0)
    if at > len(table):
        raise ValueError("more lists than the table stream holds")
    lists: dict[int, dict[int, Level]] = {}
    for index in range(count):
        lstf = fc + 2 + _LSTF * index
        levels = {}
        for level in range(1 if table[lstf + 26] & 0x01 else 9):
            levels[level], at = _level(table, at)
        lists.setdefault(struct.unpack_from("<i", table, lstf)[0], levels)
    return lists


def _instances(table: bytes, fc: int, lcb: int, lists: Mapping[int, dict[int, Level]]) -> list[ListInstance]:
    """The LFOs in order (an ilfo is a 1-based index into them), each with its LFOLVL overrides of its list's
    levels: as numbering.with_overrides counts them."""
    count = struct.unpack_from("<I", table, fc)[0]
    if 4 + _LFO * count > min(lcb, len(table) - fc):
        raise ValueError("more list instances than the table stream holds")
    headers = [struct.unpack_from("<i8xB", table, fc + 4 + _LFO * index) for index in range(count)]
    plain = [ListInstance(lsid, lists.get(lsid, {})) for lsid, _ in headers]
    at = fc + 4 + _LFO * count
    instances = []
    try:
        for ilfo, (lsid, count_overrides) in enumerate(headers, start=1):
            overrides: dict[int, tuple[Level | None, int | None]] = {}
            at += 4  # LFOData.cp
            for _ in range(count_overrides):
                start, flags = struct.unpack_from("<iI", table, at)
                at += _LFOLVL
                own = None
                if flags & 0x20:  # fFormatting: a level of its own follows
                    own, at = _level(table, at)
                if own is not None or flags & 0x10:  # fStartAt: the level restarts at `start`
                    overrides[flags & 0x0F] = (own, start if flags & 0x10 else None)
            instances.append(with_overrides(lsid, lists.get(lsid, {}), overrides, ("lfo", ilfo)))
    except (ValueError, IndexError, struct.error):
        return plain  # damaged overrides: the lists count as if there were none
    return instances


class Numbering:
    """The list numbers and heading levels of a .doc's paragraphs, in the order the paragraphs come. The paragraphs
    of text boxes count on numbers of their own: the text boxes are a story of their own, after the main text, as
    the footnotes are, whose lists count on from one text box to the next and leave the body's count as it is."""

    def __init__(self, word: bytes, table: bytes) -> None:
        styles: dict[int, Style[int]] = {}
        self._instances: list[ListInstance] = []
        self._counters = Counters()
        self._box_counters = Counters()

        try:
            fc, lcb = fib_pair(word, _STSHF)
            if lcb:
                styles = _style_sheet(table, fc, lcb)
        except (ValueError, IndexError, struct.error):
            pass  # a damaged style sheet: no numbering or heading level through styles
        self._styles = StyleSheet(styles, _NORMAL)
        try:
            (fc_lst, lcb_lst), (fc_lfo, lcb_lfo) = fib_pair(word, _PLF_LST), fib_pair(word, _PLF_LFO)
            if lcb_lst and lcb_lfo:
                self._instances = _instances(table, fc_lfo, lcb_lfo, _lists(table, fc_lst))
        except (ValueError, IndexError, struct.error):
            pass  # damaged list tables: no list numbers

    def paragraph(self, istd: int, direct: ListProperties, *, in_box: bool = False) -> tuple[int | None, str]:
        """The heading level (1–9, or None) and the list number of the next paragraph of the text (of a text box,
        `in_box`), whose style is `istd` and whose own properties say `direct`; its number is counted."""
        heading, ilfo, ilvl = self._styles.paragraph(istd, direct)
        return heading, self._label(ilfo or 0, ilvl, self._box_counters if in_box else self._counters)

    def _label(self, ilfo: int, ilvl: int, counters: Counters) -> str:
        if ilfo in _NO_LIST or abs(ilfo) > len(self._instances):
            return ""
        instance = self._instances[abs(ilfo) - 1]
        return counters.label(instance, ilvl)
