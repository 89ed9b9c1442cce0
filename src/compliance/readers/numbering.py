"""List numbers as Word draws them ("一、", "（二）", "3."), for both Word readers: the .docx reader takes a
list's levels from numbering.xml, the .doc reader from the file's list tables; both count and render here, so a
.doc reads as the .docx it was saved from. Here too is what both formats share of how a paragraph gets its list
and heading level: from its own properties, else its style's, else those of the styles its style is based on.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from typing import Generic, NamedTuple, TypeVar

_CN = "零一二三四五六七八九"
# The numerals of financial writing (大写), which Word's chineseLegalSimplified and ideographLegalTraditional
# draw: 壹 … 玖, and 拾 with its 壹 kept (壹拾, 壹拾壹), as cheques write them.
_LEGAL = {"chineseLegalSimplified": ("零壹贰叁肆伍陆柒捌玖", "拾"), "ideographLegalTraditional": ("零壹貳參肆伍陸柒捌玖", "拾")}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"

# A style named as a heading: Word's built-in "heading 2", a Chinese template's "标题 2".
HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
# Of a level's number text, what is drawn: Word's are a few characters ("第%1章", "%1.%2.%3."), at most 31 once
# their numbers are in ([MS-OI29500] on lvlText); a longer one would be drawn again before every paragraph of
# its list.
LONGEST_TEXT = 32


# What Word draws between a number and its paragraph's text (.docx's w:suff, a .doc's LVLF.ixchFollow): a tab,
# read as a space as a tab in the text is, a space, or nothing. "1.1" and "其中…" joined with nothing read as
# "1.1其中…", where the number is a quantity.
SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
DEFAULT_SUFFIX = SUFFIXES["tab"]


@dataclass(frozen=True)
class Level:
    """One level of a list: its first number, its number format (the names of .docx's w:numFmt: decimal,
    chineseCounting …), its text, literal pieces and the levels (0–8) whose numbers stand between them, what is
    drawn after the number (one of SUFFIXES), and whether it is a legal numbering level (.docx's w:isLgl, a .doc's
    LVLF.fLegal), whose text draws every number in its text in Arabic numerals, whatever the format of its level
    (ECMA-376 §17.9.4, [MS-DOC] LVL): 一、 then 1.1, where it would be 一.1. A level starts again after a paragraph
    of any level above it, unless `restart_below` says it does so only after one of a level above that one
    (.docx's w:lvlRestart; a .doc's LVLF.ilvlRestartLim, with fNoRestart): 0 never, 1 after level 0 only …"""

    start: int
    format: str
    text: tuple[str | int, ...]
    suffix: str = DEFAULT_SUFFIX
    legal: bool = False
    restart_below: int | None = None


# A level the text names but the list does not define; what a .docx's w:lvl saying nothing draws: nothing.
PLAIN_LEVEL = Level(1, "decimal", ())


def shortened(text: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A level's text cut at LONGEST_TEXT characters, the place of a number counting as one."""
    kept: list[str | int] = []
    room = LONGEST_TEXT
    for piece in text:
        if room <= 0:
            break
        kept.append(piece if isinstance(piece, int) else piece[:room])
        room -= 1 if isinstance(piece, int) else len(piece)
    return tuple(kept)


def _chinese(number: int) -> str:
    if number < 10:
        return _CN[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")
    return str(number)


def _legal(number: int, digits: str, ten: str) -> str:
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return digits[tens] + ten + (digits[units] if units else "")


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def number_text(number: int, fmt: str) -> str:
    """`number` in the number format `fmt`; in decimal for a format not rendered here, or out of its range."""
    if number < 0:
        return str(number)  # a negative start (Word allows none; other tools write one) has no other form
    if fmt in _LEGAL and number < 100:
        return _legal(number, *_LEGAL[fmt])
    if fmt.startswith(("chinese", "taiwanese")) or fmt == "ideographDigital":
        return _chinese(number)
    if fmt == "ideographTraditional" and 1 <= number <= 10:
        return _TIANGAN[number - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= number <= 20:
        return _CIRCLED[number - 1]
    if fmt == "decimalFullWidth":
        return str(number).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt in ("upperLetter", "lowerLetter") and 1 <= number <= 26:
        letter = chr(ord("A") + number - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and number < 4000:
        return _roman(number) if fmt == "upperRoman" else _roman(number).lower()
    return str(number)


# ------------------------------------------------------------ lists as paragraphs name them and count


class ListInstance(NamedTuple):
    """A list as paragraphs name it (a .docx w:num, a .doc LFO): the list whose numbers it counts on, its levels,
    and the levels it starts again at its first paragraph of each, with their start (Word's "restart numbering")."""

    counter: Hashable
    levels: Mapping[int, Level]
    restarts: frozenset[int] = frozenset()
    name: Hashable = None


def with_overrides(counter: Hashable, levels: Mapping[int, Level],
                   overrides: Mapping[int, tuple[Level | None, int | None]], name: Hashable) -> ListInstance:
    """The list `counter` named `name` with `overrides` of its levels: by level, a whole level of its own and a
    start-at (either may be None; the start-at wins). A whole level is drawn its own way but counts on with the
    list (ECMA-376 §17.9.6; a .doc's LFOLVL.fFormatting). A start-at restarts the level at the first paragraph
    naming the list so at that level (startOverride, LFOLVL.fStartAt): Word restarts numbering by giving the
    restarted paragraph a new name of its list with a start-at, and the paragraphs after it, whatever name they
    give the list, count on from there."""
    merged = dict(levels)
    restarts = set()
    for ilvl, (level, start) in overrides.items():
        own = merged.get(ilvl)
        base = level or own
        if base is None:
            continue
        if level is not None and own is not None:
            # Word ignores a w:lvlRestart of a name's own level ([MS-OI29500] on lvlRestart): when the level starts
            # again is the list's.
            base = replace(base, restart_below=own.restart_below)
        if start is not None:
            base = replace(base, start=start)
            restarts.add(ilvl)
        merged[ilvl] = base
    return ListInstance(counter, merged, frozenset(restarts), name)


class Counters:
    """The number each list has reached at each of its nine levels, as Word counts: a paragraph counts one more at
    its level, from the level's start the first time and after a paragraph of a level above it, which starts the
    deeper levels again (those that start again after it: see Level.restart_below). Every name of a list counts on
    the same numbers."""

    def __init__(self) -> None:
        self._reached: dict[Hashable, list[int | None]] = {}  # by list, then level: None where not counted
        self._restarted: set[tuple[Hashable, int]] = set()  # (list name, level): its start-at is spent

    def label(self, instance: ListInstance, level: int) -> str:
        """The number Word draws before the next paragraph of `instance` at `level` (0–8), which it counts, and
        what it draws after it; empty for a bullet, a level drawing nothing, or a level the list does not define."""
        levels = instance.levels
        if not 0 <= level <= 8 or level not in levels:
            return ""
        reached = self._reached.setdefault(instance.counter, [None] * 9)
        current = levels[level]
        restart = self._restarts(instance, level)
        counted = reached[level]
        reached[level] = current.start if restart or counted is None else counted + 1
        for deeper in range(level + 1, 9):
            if _starts_again(levels.get(deeper), deeper, after=level):
                reached[deeper] = None
        if current.format in ("bullet", "none"):
            return ""
        drawn = "".join(part if isinstance(part, str) else _number(reached[part], levels.get(part, PLAIN_LEVEL),
                                                                   legal=current.legal)
                        for part in current.text)
        # "%1%1%1…" of long numbers: a few characters in the text, many drawn.
        return drawn[:LONGEST_TEXT] + current.suffix if drawn else ""

    def _restarts(self, instance: ListInstance, level: int) -> bool:
        """Whether this paragraph restarts `level`: the first of `instance` there, if it has a start-at for it."""
        if level not in instance.restarts or (instance.name, level) in self._restarted:
            return False
        self._restarted.add((instance.name, level))
        return True


def _starts_again(level: Level | None, ilvl: int, *, after: int) -> bool:
    """Whether the level `level` of a list, at `ilvl`, starts again after a paragraph of the level `after` above it.
    A restart_below of `ilvl` or more says what no restart_below says ("after a higher level": ECMA-376 ignores it)."""
    below = ilvl if level is None or level.restart_below is None else min(level.restart_below, ilvl)
    return after < below


def _number(reached: int | None, level: Level, *, legal: bool) -> str:
    # A level not yet counted (a "1.1" before any "1.") shows its first number, as Word does.
    return number_text(level.start if reached is None else reached, "decimal" if legal else level.format)


# ------------------------------------------------------------ styles

# How many styles a style's properties are looked up through: a template's styles are based on a few others;
# a chain longer than this (or one that comes back on itself) ends there.
DEEPEST_STYLE_CHAIN = 32
BODY_TEXT = 9  # an outline level of 9: not a heading


class ListProperties(NamedTuple):
    """What a paragraph's or a style's own properties say of its list, its level in the list and its outline level
    (0–8 a heading's, 9 body text), None where they say nothing."""

    list_id: int | None
    level: int | None
    outline: int | None


NO_PROPERTIES = ListProperties(None, None, None)


StyleId = TypeVar("StyleId", int, str)  # a .doc's istd, a .docx's w:styleId


@dataclass(frozen=True)
class Style(Generic[StyleId]):
    """A paragraph style: the style it is based on, its heading number if it is a heading style (Word's
    built-in heading 1–9, or a style named as one), and its own properties."""

    base: StyleId | None
    heading: int | None
    own: ListProperties


class Inherited(NamedTuple):
    """A style's list, level and heading level (1–9), its own or those it inherits."""

    list_id: int | None
    level: int | None
    heading: int | None


_PLAIN = Inherited(None, None, None)


def heading_number(name: str) -> int | None:
    """The number of a style named as a heading ("heading 2", "标题 2"), None for another."""
    named = HEADING_STYLE.fullmatch(name.strip())
    return int(named.group(1)) if named else None


class StyleSheet(Generic[StyleId]):
    """The paragraph styles of a document, each resolved with what it inherits when a paragraph first names it."""

    def __init__(self, styles: Mapping[StyleId, Style[StyleId]], default: StyleId | None) -> None:
        self._styles: Mapping[StyleId, Style[StyleId]] = styles
        self._default: StyleId | None = default  # the default paragraph style (Normal)
        self._resolved: dict[StyleId | None, Inherited] = {}

    def paragraph(self, style: StyleId | None, direct: ListProperties) -> tuple[int | None, int | None, int]:
        """A paragraph's heading level (1–9, or None), list and level in it, from its own properties `direct` and
        its style's: the default paragraph style's when it names none, or one the document does not define (a
        paragraph pasted from another document), as Word draws it. Its own outline level of body text leaves its
        style's level, as in Word."""
        inherited = self.resolved(style if style in self._styles else self._default)
        if direct.outline is not None and 0 <= direct.outline < BODY_TEXT:
            heading: int | None = direct.outline + 1
        else:
            heading = inherited.heading
        list_id = direct.list_id if direct.list_id is not None else inherited.list_id
        level = direct.level if direct.level is not None else inherited.level
        return heading, list_id, level or 0

    def resolved(self, key: StyleId | None) -> Inherited:
        if key not in self._resolved:
            self._resolved[key] = self._resolve(key)
        return self._resolved[key]

    def _resolve(self, key: StyleId | None) -> Inherited:
        chain: list[Style[StyleId]] = []
        seen: set[StyleId] = set()
        while key is not None and key not in seen and len(chain) < DEEPEST_STYLE_CHAIN:
            style = self._styles.get(key)
            if style is None:
                break
            seen.add(key)
            chain.append(style)
            key = style.base
        inherited = _PLAIN
        for style in reversed(chain):
            own = style.own
            inherited = Inherited(own.list_id if own.list_id is not None else inherited.list_id,
                                  own.level if own.level is not None else inherited.level,
                                  _heading(style, inherited.heading))
        return inherited


def _heading(style: Style[StyleId], inherited: int | None) -> int | None:
    """A style's heading level: its outline level, else a heading style's number, else the one it inherits but
    for an outline level of body text."""
    outline = style.own.outline
    if outline is not None and 0 <= outline < BODY_TEXT:
        return outline + 1
    if style.heading is not None:
        return style.heading
    return inherited if outline is None else None
