"""Headings: Chinese numbering styles (第一部分, 一、, （一）, 1、, （1）, ①, 一是; 附件1), their nesting, the section tree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Location, Section
from .numerals import FINANCIAL, small_number

_CN_NUM = "[一二三四五六七八九十]{1,3}"
# Part and item numbers may be financial numerals (壹、 (贰)), as Word's 壹、贰、叁 list numbering draws them.
_NUMERAL = f"[一二三四五六七八九十{FINANCIAL}]{{1,3}}"
# Canonical depth of each numbering style, used when a style first appears: a style that is
# canonically outer to the current innermost one closes it rather than nesting inside it.
_NUMBERING: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("第一部分", 0, re.compile(rf"^第({_NUMERAL})(部分|章|篇)\s*[、.,:]?\s*")),
    # An attachment after the body (附件：…统计表, 附件1), as a 公文 ends: its own part, not the last one's text.
    ("附件", 0, re.compile(r"^附件\s*(\d{0,2})(?:\s*[:.、]\s*|\s*$|\s+)")),
    ("一、", 1, re.compile(rf"^({_NUMERAL})\s*([、.,]|\s+)\s*")),
    ("（一）", 2, re.compile(rf"^\(\s*({_NUMERAL})\s*\)\s*[、.]?\s*")),
    ("1、", 3, re.compile(r"^(\d{1,2})\s*([、.,](?!\d)|\s+)\s*")),
    ("（1）", 4, re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
    ("①", 5, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*[、.]?\s*")),
    ("一是", 6, re.compile(rf"^({_CN_NUM})(是|要|则)(?=\S)")),
)
_RANK = {style: rank for style, rank, _ in _NUMBERING}
# "2深入推进……": an Arabic number run into its heading, accepted only as the expected next number.
_BARE_NUMBER = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff“‘《\"])(?![\d]*[年月日个件次人项万亿余多名位家户处起批期篇条份卷场部元%])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The styles a line's first character can open, in _NUMBERING's order (\d is any decimal digit, as
# str.isdecimal says): trying only those finds the same numbering with a fraction of the pattern calls.
_STYLE = {style: (style, rank, pattern) for style, rank, pattern in _NUMBERING}
_STYLES_OPENED_BY: dict[str, tuple[tuple[str, int, re.Pattern[str]], ...]] = {
    "第": (_STYLE["第一部分"],),
    "附": (_STYLE["附件"],),
    "(": (_STYLE["（一）"], _STYLE["（1）"]),
    **{numeral: (_STYLE["一、"], _STYLE["一是"]) for numeral in "一二三四五六七八九十"},
    **{numeral: (_STYLE["一、"],) for numeral in FINANCIAL},
    **{circled: (_STYLE["①"],) for circled in _CIRCLED},
}
_STYLES_OPENED_BY_DIGIT: tuple[tuple[str, int, re.Pattern[str]], ...] = (_STYLE["1、"],)
_HEADING_MAX = 40
_SENTENCE_END = re.compile(r"[。!?;]")
_CLAUSE_END = re.compile(r"[,;:。]")


def _number_value(style: str, numeral: str) -> int | None:
    if style == "①":
        return _CIRCLED.index(numeral) + 1
    return small_number(numeral)


@dataclass(slots=True)
class _Heading:
    line: int
    column: int
    style: str
    number: str
    separator: str
    heading: str
    run_in: bool
    level: int


def _heading_text(rest: str) -> tuple[str, bool]:
    """Split a numbered line into its heading and whether a paragraph runs on after it."""
    stripped = rest.strip()
    end = _SENTENCE_END.search(stripped)
    head = stripped if end is None else stripped[: end.start()]
    runs_on = end is not None and end.end() < len(stripped)
    if end is None and len(stripped) <= 60:
        return stripped.rstrip(":"), False
    if len(head) > _HEADING_MAX:
        clause = _CLAUSE_END.search(head)
        head = head[: clause.start()] if clause and clause.start() <= _HEADING_MAX else head[:_HEADING_MAX]
        runs_on = True
    return head, runs_on


def _match_numbering(folded: str, expected_bare: int) -> tuple[str, str, str, int] | None:
    """(style, numeral, separator, length of the numbering) at the start of a line, if any."""
    first = folded[:1]
    if first.isdecimal():
        styles = _STYLES_OPENED_BY_DIGIT
    else:
        styles = _STYLES_OPENED_BY.get(first, ())
        if not styles:
            return None  # _BARE_NUMBER, too, opens with a digit
    for style, _, pattern in styles:
        match = pattern.match(folded)
        if match:
            separator = match.group(2) if style in ("一、", "1、") else ""
            if style == "一、" and not separator.strip() and not _looks_like_heading(folded[match.end():]):
                continue  # "一 " followed by ordinary prose is not numbering
            return style, match.group(1), (separator or "").strip(), match.end()
    match = _BARE_NUMBER.match(folded)
    if match and int(match.group(1)) == expected_bare:
        return "1、", match.group(1), "", match.end()
    return None


def _looks_like_heading(rest: str) -> bool:
    return bool(rest) and len(rest) <= 60 and "。" not in rest


def _rank(style: str) -> int:
    # A heading the format marks without numbering ("h2": Word's Heading 2, HTML's <h2>) ranks by its level.
    return _RANK[style] if style in _RANK else int(style[1:])


def _find_headings(lines: Sequence[str], folded: Sequence[str], body: Iterable[int],
                   outline: Mapping[int, int] | None = None) -> list[_Heading]:
    """Numbered lines (and unnumbered ones the format marks as headings), levels from how styles nest."""
    headings: list[_Heading] = []
    stack: list[str] = []
    last_number: dict[str, int] = {}  # of the styles in `stack` only: a closed style starts its count again
    for number in body:
        line = folded[number - 1]
        stripped = line.lstrip()
        if not stripped:
            continue
        numbering = _match_numbering(stripped, last_number.get("1、", 0) + 1)
        if numbering is None and outline and number in outline and len(stripped) <= 60 and not stripped.endswith("。"):
            numbering = (f"h{outline[number]}", "", "", 0)
        if numbering is None:
            continue
        style, numeral, separator, length = numbering
        if style in stack:
            inner = stack.index(style) + 1
            for closed in stack[inner:]:
                last_number.pop(closed, None)
            del stack[inner:]
        else:
            while stack and _rank(stack[-1]) > _rank(style):
                last_number.pop(stack.pop(), None)
            stack.append(style)
        value = _number_value(style, numeral)
        if value is not None:
            last_number[style] = value
        indent = len(line) - len(stripped)
        original_rest = lines[number - 1][indent + length:]
        heading, run_in = _heading_text(line[indent + length:])  # fold(original_rest), already folded
        heading = original_rest.strip()[: len(heading)] if heading else ""
        # Positionally, in field order: a class called with keywords costs a dict per heading.
        headings.append(_Heading(number, indent + 1, style, numeral, separator, heading, run_in, len(stack)))
    return headings


def _section_tree(headings: list[_Heading], last_line: int) -> tuple[Section, ...]:
    """The headings as a tree: a heading's parent is the nearest heading before it with a smaller level.

    Built from the last heading to the first, so that a heading's children and end (the line before the next
    heading of its level or above) are already known and each frozen Section is made once, complete.
    """
    # Sections made so far whose parent is not: the roots of the headings after the current one, the nearest
    # last. Their levels never increase from nearest to farthest, so a heading's children are a run at the end.
    waiting: list[Section] = []
    new_section, new_location = Section._make, Location._make
    for heading in reversed(headings):
        level = heading.level
        first_child = len(waiting)
        while first_child and waiting[first_child - 1].level > level:
            first_child -= 1
        children = tuple(reversed(waiting[first_child:]))
        del waiting[first_child:]
        waiting.append(new_section(  # positionally, in field order: ~40 % cheaper than keywords
            heading.number, heading.style, level, heading.heading, new_location(heading.line, heading.column, None, None),
            waiting[-1].location.line - 1 if waiting else last_line, heading.run_in, heading.separator, children,
        ))
    return tuple(reversed(waiting))
