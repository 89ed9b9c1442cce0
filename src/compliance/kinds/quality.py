"""Kinds about text damage: unbalanced pairs, broken numbering, numbers and units torn apart, lost 。.

These catch what copying, pasting and web publishing do to a report. Each looks at one line (a paragraph)
at a time, on the folded `matchable` text, and quotes the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..messages import text
from ..model import Document, Hit, Location, Section, Text
from ..structure import small_number
from .common import quote

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# "1）加强……" and "……。2）完善……": a closing bracket that numbers an item, not one that closes a pair.
# An item number closed by a half bracket (1) a) 一)): the number must start a line or follow a space or a
# sentence mark. Checked on the character before the match: a regex with the boundary in it backtracks
# quadratically over long runs of spaces.
_ITEM_NUMBER = re.compile(r"(?<![0-9a-zA-Z一二三四五六七八九十])(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})\)")
_ITEM_BOUNDARY = frozenset("。;:!?")


def _is_cjk(char: str) -> bool:
    """Whether `char` (one character, or "") is a Chinese character: compared, not matched, as a
    regular expression call costs several comparisons."""
    return "\u4e00" <= char <= "\u9fff"


def _where(line: int, start: int, end: int) -> Location:
    return Location(line=line, column=start + 1, end_line=line, end_column=end + 1)


# ---------------------------------------------------------------- paired punctuation


@lru_cache(maxsize=64)
def _marks(opener: str, closer: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")


def _unbalanced(matchable: str, opener: str, closer: str) -> Iterator[tuple[int, str]]:
    """(offset, "open" | "close") of each mark in `matchable` that has no partner."""
    if opener not in matchable and closer not in matchable:
        return  # most lines hold no mark of a given pair: skip them without a character loop
    if opener == closer:
        offsets = [m.start() for m in re.finditer(re.escape(opener), matchable)]
        if len(offsets) % 2:
            yield offsets[-1], "odd"
        return
    numbering = {
        m.end() - 1 for m in _ITEM_NUMBER.finditer(matchable)
        if m.start() == 0 or matchable[m.start() - 1].isspace() or matchable[m.start() - 1] in _ITEM_BOUNDARY
    } if closer == ")" else set()
    stack: list[int] = []
    for mark in _marks(opener, closer).finditer(matchable):
        offset = mark.start()
        if mark.group() == opener:
            stack.append(offset)
        elif offset not in numbering:
            if stack:
                stack.pop()
            else:
                yield offset, "close"
    for offset in stack:
        yield offset, "open"


@lru_cache(maxsize=64)
def _strays(pair: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Patterns for the marks of `pair` that may lack a partner, to run over the whole body: (forward,
    reversed); a mark that is its own partner is never safe, and needs no reversed search.

    An opener is safe when the next mark of its pair on its line is its closer; a closer is safe when
    the previous one is its opener, which in the reversed body is the next one. A line whose every mark
    is safe pairs them as 《》《》, which `_unbalanced` finds balanced. Each pattern starts with the mark
    itself: the search skips ahead to it far faster than a character class could. Each lookahead stops
    at the next mark of the pair or at the line break, so the patterns stay linear on damaged text.
    """
    opener, closer = pair[0], pair[-1]
    if opener == closer:
        return re.compile(re.escape(opener)), None
    marks = re.escape(opener + closer)
    return (re.compile(f"{re.escape(opener)}(?![^{marks}\\n]*{re.escape(closer)})"),
            re.compile(f"{re.escape(closer)}(?![^{marks}\\n]*{re.escape(opener)})"))


# An item number before a half bracket (1) a) 一)), read in the reversed body: ")" first, so the search
# skips ahead to each bracket. Finds every bracket _ITEM_NUMBER would exempt (and perhaps a few more).
_ITEM_NUMBER_REVERSED = re.compile(r"\)(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})(?![^\s。;:!?])")


def _suspects(document: Document, pairs: Sequence[str]) -> dict[int, set[str]]:
    """The lines where a mark may have no partner, each with the pairs to check there; every other line,
    and every other pair on these lines, is balanced.

    A few searches over the whole body instead of a stack walk on every line: most lines pair their marks
    plainly. A line with an exempt item number is a suspect for ")" pairs, as the exemption can unbalance it.
    """
    if any("\n" in pair for pair in pairs):  # a mark no line can hold: check every line
        return {number: set(pairs) for number, _ in document.numbered_lines()}
    body = document.body_text
    reversed_body: str | None = None
    last = len(body) - 1
    items: list[int] | None = None
    suspects: dict[int, set[str]] = {}
    for pair in dict.fromkeys(pairs):
        if pair[0] not in body and pair[-1] not in body:
            continue  # most reports hold no ‘’, 【】 or 〔〕: a search for one character costs far less than a scan
        forward, backward = _strays(pair)
        offsets = [match.start() for match in forward.finditer(body)]
        if backward is not None:
            if reversed_body is None:
                reversed_body = body[::-1]
            offsets += [last - match.start() for match in backward.finditer(reversed_body)]
            if pair[-1] == ")":
                if items is None:
                    items = [last - match.start() for match in _ITEM_NUMBER_REVERSED.finditer(reversed_body)]
                offsets += items
        for offset in offsets:
            suspects.setdefault(bisect_right(document.line_starts, offset), set()).add(pair)
    return suspects


def paired_punctuation(document: Document, *, pairs: Sequence[str]) -> Iterator[Hit]:
    """Quotation marks, title marks and brackets open and close within the same paragraph."""
    suspects = _suspects(document, pairs)
    for number in sorted(suspects):
        line, matchable = document.lines[number - 1], document.matchable[number - 1]
        problems = sorted(
            (offset, problem, pair) for pair in pairs if pair in suspects[number]
            for offset, problem in _unbalanced(matchable, pair[0], pair[-1])
        )
        for offset, problem, pair in problems:
            mark = line[offset]
            other = pair[-1] if problem == "open" else pair[0]
            if mark != matchable[offset] and other.isascii():
                other = chr(ord(other) + 0xFEE0)  # the partner of （ is ）, as the author wrote it
            yield Hit(detail=text(f"quality.pair_{problem}", mark=mark, other=other),
                      location=_where(number, offset, offset + 1), credit=0.0, evidence=quote(line, offset, offset + 1))


# ---------------------------------------------------------------- numbering


# The values of the numbers headings use (1 … 99 in Arabic and Chinese numerals), read once by
# `small_number` itself: a look-up costs a fraction of a call, and a report numbers some forty headings.
_DIGITS = "一二三四五六七八九"
_CHINESE = [*_DIGITS, "十", *(f"十{unit}" for unit in _DIGITS),
            *(f"{tens}十{unit}" for tens in _DIGITS[1:] for unit in ("", *_DIGITS))]
_VALUES = {numeral: small_number(numeral) for numeral in (*map(str, range(1, 100)), *_CHINESE)}


def _value(section: Section) -> int | None:
    if section.style == "①":
        return _CIRCLED.index(section.number) + 1
    value = _VALUES.get(section.number)
    return value if value is not None else small_number(section.number)


def _label(section: Section) -> str:
    if section.style == "①":
        return section.number
    if section.style == "附件":
        return f"附件{section.number}"
    return section.style.replace("一", section.number, 1).replace("1", section.number, 1)


def _lost_separator(document: Document, section: Section) -> bool:
    if section.separator or section.style not in ("一、", "1、"):
        return False
    line = document.lines[section.location.line - 1]
    after = section.location.column - 1 + len(section.number)
    return after < len(line) and not line[after].isspace()


def _child_groups(sections: tuple[Section, ...], groups: list[tuple[Section, ...]]) -> None:
    """Append the children of `sections` and of their descendants, in the order `all_sections` visits them."""
    for section in sections:
        if section.children:
            groups.append(section.children)
            _child_groups(section.children, groups)


def _siblings(document: Document) -> Iterator[tuple[Section, ...]]:
    """Runs of sections that share a parent and a numbering style, in document order."""
    groups: list[tuple[Section, ...]] = [document.sections]
    _child_groups(document.sections, groups)
    for group in groups:
        style = group[0].style if group else None
        if all(section.style == style for section in group):
            if group:
                yield group  # most groups keep to one style
            continue
        by_style: dict[str, list[Section]] = {}
        for section in group:
            by_style.setdefault(section.style, []).append(section)
        yield from (tuple(run) for run in by_style.values())


def numbering(document: Document, *, separators: bool = True, sequence: bool = True) -> Iterator[Hit]:
    """Item numbers keep their separator (2、 not 2深入) and run 1, 2, 3 among siblings without skips or repeats.

    Items may also be numbered on from one section to the next ((一) 1. 2. (二) 3. 4.), as some reports number
    them throughout: a run that goes on from the last number of the latest clean run of its kind and level does
    not start late."""
    clean_ends: dict[tuple[int, str], int] = {}  # (level, style) -> the last number of the latest run, if clean
    for run in _siblings(document):
        usual = next((s.separator for s in run if s.separator), "、")
        previous: Section | None = None
        last: int | None = None  # the previous sibling's number
        clean = True
        for section in run:
            value = _value(section)
            details = []
            if separators and not section.separator and _lost_separator(document, section):
                details.append(text("quality.numbering_separator", number=section.number, separator=usual))
            in_step = last is not None and value == last + 1  # the usual case, decided without a call
            if sequence and value is not None and not in_step and (problem := _out_of_sequence(
                    section, value, previous, last, clean_ends.get((section.level, section.style)))):
                details.append(problem)
                clean = False
            if details:
                heading = document.lines[section.location.line - 1].strip()
                evidence = heading[:40] + ("…" if len(heading) > 40 else "")
                for detail in details:
                    yield Hit(detail=detail, location=section.location, credit=0.0, evidence=evidence)
            previous, last = section, value
        if previous is not None:
            if clean and last is not None:
                clean_ends[previous.level, previous.style] = last
            else:
                clean_ends.pop((previous.level, previous.style), None)


def _out_of_sequence(section: Section, value: int, previous: Section | None, last: int | None,
                     carried: int | None) -> Text | None:
    """What is wrong with `section`'s number after its previous sibling's (`last`), if anything; a run's first
    number may go on from `carried`."""
    if previous is None:
        if value > 1 and section.style != "一是" and carried != value - 1:
            return text("quality.numbering_start", number=_label(section))
    elif last is not None and value == last:
        return text("quality.numbering_repeat", number=_label(section), line=previous.location.line)
    elif last is not None and value > last + 1:
        return text("quality.numbering_skip", number=_label(section), previous=_label(previous))
    elif last is not None and value < last:
        return text("quality.numbering_back", number=_label(section), previous=_label(previous))
    return None


# ---------------------------------------------------------------- numbers without units, units without numbers


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Literal words as one pattern, longest first (the pack gives words, not regular expressions)."""
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


def missing_numeral(document: Document, *, after: Sequence[str], measures: Sequence[str], words: Sequence[str]) -> Iterator[Hit]:
    """A measure word right after a verb or preposition, with its number lost: 可在个工作日办结."""
    # One search over the whole body. A word with a line break in it could only match across two lines,
    # which a line never holds: without such words, no match runs across a line break.
    after, measures, words = ([word for word in group if "\n" not in word] for group in (after, measures, words))
    if not after or not measures:
        return
    before, measure = _alternation(tuple(after)).pattern, _alternation(tuple(measures)).pattern
    pattern = re.compile(f"(?:{before})(?P<measure>{measure})")
    ordinary = tuple(words)
    body = document.body_text
    for match in pattern.finditer(body):
        if body.startswith(ordinary, match.start("measure")):
            continue
        number = bisect_right(document.line_starts, match.start())
        line = document.lines[number - 1]
        start, end = (offset - document.line_starts[number - 1] for offset in match.span("measure"))
        yield Hit(detail=text("quality.missing_numeral", measure=line[start:end]),
                  location=_where(number, start, end), credit=0.0, evidence=quote(line, start, end, 12))


# A year with neither 年 nor a mark after it, searched over the whole body (it cannot run across a line
# break). One pattern per century, the test of the character before the year placed after its first two
# digits: a search for a literal start skips ahead far faster than one trying every position. As no
# year follows a digit, the two patterns never find overlapping years.
_YEARS_WITHOUT_MARK = tuple(
    re.compile(century + r"(?<![\dA-Za-z.\-—–~至到]..)\d{2}(?=[\u4e00-\u9fff])(?![年版届级号期])") for century in ("19", "20")
)
_CLAUSE_MARKS = "。;,:、"  # on the folded text
_CLAUSE_ENDS = ",。;"
_PAIRED_COUNT = re.compile(r".{0,4}?\d+[对比]\d+")  # 1对1帮扶, 以3比2通过: the number has a partner, not a unit


def _is_exempt(digits: str) -> bool:
    """Hotlines and emergency numbers (12345热线, 12315平台, 拨打110) are names, not counts."""
    return digits in ("110", "119", "120", "122") or (len(digits) >= 5 and digits.startswith("1"))


_NAMED_BY_NUMBER = ("附件", "附表")  # 见附件1。: the attachment's name, not a count that lost its unit


def missing_unit(document: Document, *, units: Sequence[str], clause_starts: Sequence[str]) -> Iterator[Hit]:
    """A bare number between Chinese characters whose unit or 。 was lost: 赔偿2在全市, 清单581大力推进, 2022西湖区."""
    units_ = tuple(units)
    starts = tuple(clause_starts)
    hits: list[tuple[int, int, Hit]] = []  # (line, start, hit): sorted into reading order at the end
    for quantity in document.quantities:
        if quantity.unit or quantity.approx or quantity.upper is not None or quantity.denominator is not None:
            continue
        digits = quantity.raw.strip()
        if not digits.isdigit() or len(digits) > 8 or _is_exempt(digits):
            continue  # a longer run of digits is a serial or a personal number, never to be repeated in a finding
        number = quantity.location.line
        line, matchable = document.lines[number - 1], document.matchable[number - 1]
        start = quantity.location.column - 1
        end = start + len(quantity.raw)
        before, following = matchable[start - 1:start] if start else "", matchable[end:end + 8]
        if matchable.endswith(_NAMED_BY_NUMBER, 0, start):
            continue
        # 赔偿2在全市, 。812县(市、区)签订, 事项301,实现: a count that reads on into words or ends a clause bare.
        before_cjk, first = _is_cjk(before), following[:1]
        if not ((before_cjk or before in _CLAUSE_MARKS) and _is_cjk(first) or before_cjk and first in _CLAUSE_ENDS):
            continue
        if _PAIRED_COUNT.match(matchable, max(0, start - 4)):
            continue
        # 581大力推进 is a lost 。 even though 大 may be a unit word (6大行动): a clause start wins.
        fused = following.startswith(starts)
        if not fused and following.startswith(units_):
            continue
        key = "quality.missing_unit_fused" if fused else "quality.missing_unit"
        hits.append((number, start, Hit(detail=text(key, number=digits), location=_where(number, start, end),
                                        credit=0.0, evidence=quote(line, start, end, 12))))
    for pattern in _YEARS_WITHOUT_MARK:  # 19xx, then 20xx: the sort below puts them in reading order
        for match in pattern.finditer(document.body_text):
            number = bisect_right(document.line_starts, match.start())
            start = match.start() - document.line_starts[number - 1]
            end = start + len(match.group())
            hits.append((number, start, Hit(detail=text("quality.year_without_mark", year=match.group()),
                                            location=_where(number, start, end), credit=0.0,
                                            evidence=quote(document.lines[number - 1], start, end, 12))))
    yield from (hit for _, _, hit in sorted(hits, key=lambda found: found[:2]))


# ---------------------------------------------------------------- sentence ends

_CLOSERS = "”’」』)》】]\"'"
_ENDS = "。!?;:…"
# A sentence that ended before a bracketed remark (……带头述法。（略）, as a repost marks what it cut): the
# remark's closing bracket is already stripped with the other closers.
_REMARK_AFTER_END = re.compile(r"[。!?;…]\([^()]{1,10}$")


# A line whose end is no sentence end, found from the reversed body where that end comes first, after the
# line break: spaces, closing marks, then a character other than an end mark. A search for the literal
# line break skips ahead from line to line.
_OPEN_END_REVERSED = re.compile(f"\\n[^\\S\\n]*+[{re.escape(_CLOSERS)}]*+[^{re.escape(_ENDS)}\\n]")


def _lines_without_end(document: Document) -> list[int]:
    """Line numbers, in order, of the report lines whose text (past closing marks) ends without 。！？；：….

    A line of only spaces and closing marks is listed too; `sentence_end` finds no text in it.
    """
    length = len(document.body_text)
    reversed_body = "\n" + document.body_text[::-1]  # the line break before the last line's reversed text
    # A match at i starts the reversed text of the line whose last character is body_text[length - i - 1].
    ends = [length - match.start() - 1 for match in _OPEN_END_REVERSED.finditer(reversed_body)]
    # dict.fromkeys: a line with a break inside it (a library caller's Source) is still listed once
    return list(dict.fromkeys(bisect_right(document.line_starts, end) for end in reversed(ends)))


def sentence_end(document: Document, *, min_chars: int = 60) -> Iterator[Hit]:
    """A paragraph of prose ends with 。 (or ！？；：): otherwise the next one reads as its continuation."""
    headings: set[int] | None = None  # lines of headings, gathered once a paragraph needs them
    for number in _lines_without_end(document):
        matchable = document.matchable[number - 1].strip()
        if len(matchable) < min_chars or ("," not in matchable and "。" not in matchable):
            continue
        if matchable.startswith("|"):
            continue  # a Markdown table row
        body = matchable.rstrip(_CLOSERS)
        if not body or body[-1] in _ENDS or _REMARK_AFTER_END.search(body):
            continue
        if headings is None:
            groups = [document.sections]
            _child_groups(document.sections, groups)  # every section, without all_sections' nested generators
            headings = {s.location.line for group in groups for s in group if not s.run_in}
        if number in headings:
            continue
        stripped = document.lines[number - 1].rstrip()
        yield Hit(detail=text("quality.sentence_end"),
                  location=Location(line=number, column=len(stripped)), credit=0.0,
                  evidence=quote(stripped, len(stripped) - 1, len(stripped)))
