"""Patterns from rule packs, compiled so that no pattern can hang the tool.

The pattern language is RE2's (https://github.com/google/re2/wiki/Syntax): every pattern is checked
by RE2 when a pack loads. Patterns with a repetition run on RE2, whose matching time is linear in
the text; patterns without any repetition (literals, alternations, classes — most of a pack) run on
Python's engine, where backtracking is bounded by pattern length × text length and calls are ~20×
cheaper than crossing into RE2. A scan of a long text (the whole report, a document's headings joined)
may run a repetition-free pattern on RE2 instead, when both engines read it alike and RE2 is the
faster scanner (`scans_on_re2`); such scans call RE2's compiled object on UTF-8 bytes directly. A scan
of the whole report may, the other way, run a pattern whose few repetitions are bounded on Python's
engine (`compile_scan`), where backtracking is then bounded by a small multiple of the text's length
(the worst such pattern measured, 审.{0,20}(职责|责任) over a megabyte of 审, takes 0.16 s; RE2 0.006 s).
A pattern whose matches keep to one line (`line_local`) may instead be searched in just the few lines
a rule needs (`find_in_lines`): there it finds what the whole-text scan finds.
"""

from __future__ import annotations

import bisect
import itertools
import re
import re._parser as sre_parse  # the stdlib's own parser, to inspect a pattern
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from typing import Any, Literal, Protocol, overload

import re2
from re2 import _re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported by us, with the pack's file and JSON path

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}
_REFUSED = {sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_WORD_BOUNDARIES = {sre_parse.AT_BOUNDARY, sre_parse.AT_NON_BOUNDARY}


# What both engines' compiled patterns and matches offer (re.Pattern and re2's). Positional-only, as the
# two name their parameters differently; `pattern` a property, as neither lets it be assigned.
class Match(Protocol):
    def start(self, group: int = 0, /) -> int: ...
    def end(self, group: int = 0, /) -> int: ...
    @overload
    def group(self, group: Literal[0] = 0, /) -> str: ...
    @overload
    def group(self, group: int, /) -> str | None: ...  # None: the group took no part in the match


class Pattern(Protocol):
    @property
    def pattern(self) -> str: ...

    def search(self, text: str, /) -> Match | None: ...
    def finditer(self, text: str, /) -> Iterator[Match]: ...


class PatternError(ValueError):
    """A pattern RE2 does not accept; the message says why."""


@lru_cache(maxsize=4096)
def check(pattern: str) -> None:
    """Raise PatternError when RE2 does not accept `pattern` (accepted ones are remembered: a pack's
    patterns are checked when it loads and again when they are first compiled)."""
    try:
        re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise PatternError(reason) from None


def may_hold_posix_class(pattern: str) -> bool:
    """Whether `pattern` may hold a POSIX class ([[:digit:]]), which Python's parser reads as a set of
    punctuation and letters: the stdlib's engine and parser must not be trusted with it. Any "[:" counts
    (a set such as [:：] too): refusing one more pattern only costs a faster path."""
    return "[:" in pattern


def parse_like_re2(pattern: str) -> sre_parse.SubPattern | None:
    """`pattern` as Python's parser reads it, or None where that reading cannot be trusted to be RE2's
    (a POSIX class) or Python cannot read it at all (RE2-only syntax such as \\p{Han})."""
    if may_hold_posix_class(pattern):
        return None
    try:
        return sre_parse.parse(pattern)
    except re.error:
        return None


def _repetition_free(pattern: str) -> bool:
    """Whether Python's engine may run `pattern`: no repetition, and nothing it reads unlike RE2.

    Python reads [[:digit:]] as a set of punctuation and letters, and its \\d \\w \\s \\b as Unicode
    classes (full-width digits, Chinese characters as word characters) where RE2's are ASCII: such
    patterns stay on RE2, whose syntax is the pack language.
    """
    parsed = parse_like_re2(pattern)
    if parsed is None:
        return False
    stack = [parsed]
    while stack:
        for op, argument in stack.pop():
            if op in _REPEATS or op in _REFUSED or op is sre_parse.CATEGORY:
                return False
            if op is sre_parse.AT and argument in _WORD_BOUNDARIES:
                return False
            if op is sre_parse.IN and any(item_op is sre_parse.CATEGORY for item_op, _ in argument):
                return False
            if op is sre_parse.SUBPATTERN:
                stack.append(argument[-1])
            elif op is sre_parse.BRANCH:
                stack.extend(argument[1])
    return True


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> Pattern:
    """A compiled pattern; raises PatternError when RE2 refuses it."""
    check(pattern)
    if _repetition_free(pattern):
        return re.compile(pattern)
    return re2.compile(pattern, _OPTIONS)


@lru_cache(maxsize=4096)
def compile_utf8(pattern: str) -> Pattern | None:
    """The RE2 pattern compiled for UTF-8 bytes, or None when the stdlib engine runs it.

    Searching bytes saves RE2's wrapper from encoding the whole text on every call (3× faster on a
    report); match offsets are then byte offsets.
    """
    check(pattern)
    if _repetition_free(pattern):
        return None
    return re2.compile(pattern.encode("utf-8"), _OPTIONS)


UNANCHORED = _re2.RE2.Anchor.UNANCHORED
NO_MATCH = (-1, -1)


@lru_cache(maxsize=4096)
def compile_spans(pattern: str) -> _re2.RE2:
    """`pattern` as RE2's own compiled object for UTF-8 bytes, capturing nothing: for `spans`.

    Asking only for the whole match lets RE2 skip the submatch engine; going around the Python
    wrapper saves it building a match object per call. Raises PatternError when RE2 refuses it.
    """
    check(pattern)
    options = re2.Options()
    options.log_errors = False
    options.never_capture = True
    return _re2.RE2(pattern.encode("utf-8"), options)


def spans(regexp: _re2.RE2, data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of the matches `finditer` would give, in order.

    After an empty match the search moves on one byte, as re2's finditer does on bytes.
    """
    position, end = 0, len(data)
    while True:
        span = regexp.Match(UNANCHORED, data, position, end)[0]
        if span == NO_MATCH:
            return
        yield span
        if position == end:
            return
        if span[1] != position:
            position = span[1]
        else:
            position += 1


def spans_within_lines(regexp: _re2.RE2, data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of the matches a search of each line of `data` on its own finds, in order.

    A match that runs across a line break (a greedy [^。;,]{0,20} reaching the next line, as from a table
    row without a stop: 审核行政规范性文件 | 2件 |⏎| 规范性文件备案率) gives way to the first match within
    its line from where it started, if there is one; the scan goes on after whichever is kept.
    """
    position, end = 0, len(data)
    while position <= end:
        start, stop = regexp.Match(UNANCHORED, data, position, end)[0]
        if start < 0:
            return
        if data.find(b"\n", start, stop) >= 0:
            line_end = data.index(b"\n", start)
            start, stop = regexp.Match(UNANCHORED, data, start, line_end)[0]
            if start < 0:
                position = line_end + 1
                continue
        yield start, stop
        position = stop if stop != start else start + 1


def matches_within_lines(compiled: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of the matches a search of each line of `text` on its own finds, in order: as
    `spans_within_lines`, on the stdlib's engine. finditer runs on until a match crosses a line break (rare):
    then the scan starts again after whichever match is kept."""
    found: list[tuple[int, int]] = []
    position = 0
    while position <= len(text):
        for match in compiled.finditer(text, position):
            start, stop = match.span()
            if "\n" not in text[start:stop]:
                found.append((start, stop))
                continue
            line_end = text.index("\n", start)
            within = compiled.search(text, start, line_end)
            if within is None:
                position = line_end + 1
            else:
                found.append(within.span())
                position = within.end() if within.end() != within.start() else within.start() + 1
            break
        else:
            break
    return found


@lru_cache(maxsize=4096)
def scans_on_re2(pattern: str) -> bool:
    """Whether a scan of a long text (a whole report, a document's headings joined) runs `pattern` on RE2.

    Patterns with repetition always do (but see `compile_scan`). A repetition-free pattern stays on the
    stdlib's engine when that engine can skip ahead with a literal search (a literal first, or
    alternatives that each begin with one); otherwise, if both engines read it alike, RE2 scans it
    several times faster. Calls on short texts (a line, a clause) stay on the stdlib's engine, whose
    calls cost less.
    """
    if not _repetition_free(pattern):
        return True
    parsed = sre_parse.parse(pattern)  # it parsed in _repetition_free
    return not _skips_ahead(parsed) and _read_alike(pattern, parsed)


@lru_cache(maxsize=4096)
def compile_scan(pattern: str) -> re.Pattern[str] | None:
    """`pattern` compiled for the stdlib's engine when a scan of the whole report runs it there, else
    None (RE2 scans it, with `compile_spans`). Raises PatternError when RE2 refuses it.

    As `scans_on_re2` decides, with one kind of pattern more: one that opens with a literal (inside its
    first group if it opens with one: (审查|审核)… opens with 审), never matches nothing, and whose
    repetitions are few and bounded (法律顾问[^。;,]{0,12}列席), when both engines read it alike. The
    stdlib's engine skips from one place of the literal to the next and tries at most _MAX_WAYS ways at
    each; RE2, whose search for a literal stops at every character that shares the literal's first
    UTF-8 byte, takes about twice as long over a report.
    """
    check(pattern)
    if not scans_on_re2(pattern):
        return re.compile(pattern)
    parsed = parse_like_re2(pattern)
    if (parsed is not None and _opens_with_literal(parsed) and parsed.getwidth()[0] > 0
            and _ways(parsed) <= _MAX_WAYS and _read_alike(pattern, parsed)):
        return re.compile(pattern)
    return None


@lru_cache(maxsize=4096)
def compile_for_lines(pattern: str) -> Pattern:
    """The compiled pattern a search of a line or a clause runs: `compile_pattern`'s, or the stdlib's when a
    whole-report scan may run it there (`compile_scan`), as a call costs a fraction of a call into RE2
    (which encodes the text first)."""
    compiled = compile_pattern(pattern)
    return compiled if isinstance(compiled, re.Pattern) else compile_scan(pattern) or compiled


# Backtracking paths at one place, at most, for a pattern with repetitions to scan on the stdlib's engine.
_MAX_WAYS = 64
_ONE_CHARACTER = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.IN, sre_parse.ANY}


def _ways(items: Iterable[tuple[Any, Any]]) -> int:
    """How many ways, at most, the stdlib's engine tries `items` at one place (a backtracking path
    each); _MAX_WAYS + 1 when more, as for a repetition unbounded, lazy or of what may be empty.

    Only a repetition of one character ([^。;]{0,12}, 的?) or an optional word ((应诉)?) counts: giving
    back one character or one word is one step. A repetition of anything else ((?:审|[^x]){0,5}, whose
    alternatives overlap) makes every path as long as the repetition, and a megabyte of 审 took a second.
    """
    total = 1
    for op, argument in items:
        if op is sre_parse.BRANCH:
            ways = sum(_ways(branch) for branch in argument[1])
        elif op is sre_parse.SUBPATTERN:
            ways = _ways(argument[-1])
        elif op in _REPEATS:
            low, high, body = argument
            if (op is not sre_parse.MAX_REPEAT or high > _MAX_WAYS or body.getwidth()[0] == 0
                    or not (_one_character(body.data) or high <= 1 and _word(body.data))):
                return _MAX_WAYS + 1
            ways = high - low + 1
        else:
            ways = 1
        total *= ways
        if total > _MAX_WAYS:
            return _MAX_WAYS + 1
    return total


def _one_character(items: list[tuple[Any, Any]]) -> bool:
    """Whether `items` match one character in one way: a character, a set, or distinct characters as
    alternatives (和|与|及)."""
    if len(items) != 1:
        return False
    op, argument = items[0]
    if op is sre_parse.SUBPATTERN:
        return _one_character(argument[-1].data)
    if op is sre_parse.BRANCH:
        firsts = [branch.data[0] for branch in argument[1] if len(branch.data) == 1]
        return (len(firsts) == len(argument[1]) and all(first[0] is sre_parse.LITERAL for first in firsts)
                and len(set(firsts)) == len(firsts))
    return op in _ONE_CHARACTER


def _word(items: list[tuple[Any, Any]]) -> bool:
    """Whether `items` are a fixed run of characters (应诉), possibly grouped."""
    if len(items) == 1 and items[0][0] is sre_parse.SUBPATTERN:
        return _word(items[0][1][-1].data)
    return all(op is sre_parse.LITERAL for op, _ in items)


def _opens_with_literal(parsed: sre_parse.SubPattern) -> bool:
    """Whether `parsed` opens with a literal, looked for inside the groups it opens with, as the stdlib's
    compiler looks for a literal prefix to search for."""
    items = parsed.data
    while items and items[0][0] is sre_parse.SUBPATTERN:
        items = items[0][1][-1].data
    return bool(items) and items[0][0] is sre_parse.LITERAL


def _skips_ahead(parsed: sre_parse.SubPattern) -> bool:
    """Whether the stdlib's engine finds where to try `parsed` with a literal or character-set search."""
    if not parsed.data:
        return False
    op, argument = parsed.data[0]
    if op is sre_parse.LITERAL or op is sre_parse.IN:
        return True
    return op is sre_parse.BRANCH and all(branch.data and branch.data[0][0] is sre_parse.LITERAL
                                          for branch in argument[1])


_ALIKE = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.ANY, sre_parse.IN, sre_parse.BRANCH, sre_parse.SUBPATTERN,
          sre_parse.MAX_REPEAT}
_ALIKE_IN_SET = {sre_parse.LITERAL, sre_parse.RANGE, sre_parse.NEGATE}


def _read_alike(pattern: str, parsed: sre_parse.SubPattern) -> bool:
    """Whether RE2 and the stdlib's engine find the same matches of a pattern without lazy repetition.

    Only characters, sets, alternatives, groups and greedy repetitions qualify: both engines take the
    leftmost match and, there, the first alternative and the longest repetition that lets the rest
    match. Classes such as \\d \\w \\s and anchors differ (Unicode or not, a final line break), as may
    flags, POSIX sets, octal escapes and {,n} (a repetition to Python, text to RE2).
    """
    if (may_hold_posix_class(pattern) or re.search(r"\\[0-9]", pattern) or "{," in pattern
            or parsed.state.flags & ~re.UNICODE):
        return False
    stack = [parsed]
    while stack:
        for op, argument in stack.pop():
            if op not in _ALIKE:
                return False
            if op is sre_parse.IN and any(member not in _ALIKE_IN_SET for member, _ in argument):
                return False
            if op is sre_parse.SUBPATTERN:
                if argument[1] or argument[2]:  # flags on the group
                    return False
                stack.append(argument[-1])
            elif op is sre_parse.BRANCH:
                stack.extend(argument[1])
            elif op is sre_parse.MAX_REPEAT:
                stack.append(argument[2])
    return True


@lru_cache(maxsize=1024)
def _scan_alternations(patterns: tuple[str, ...]) -> tuple[re.Pattern[str] | _re2.RE2, ...]:
    """`patterns` joined into one alternation per engine a scan runs them on (see `scans_on_re2`).

    A few patterns for the stdlib's engine that each open with a literal are left apart: it searches
    for one literal ten times faster than for any of a set of first characters, the prefix it searches
    for an alternation.
    """
    groups: dict[bool, list[str]] = {False: [], True: []}
    for pattern in patterns:
        compile_pattern(pattern)  # raises PatternError as before
        groups[scans_on_re2(pattern)].append(pattern)
    stdlib, on_re2 = groups[False], groups[True]
    if len(stdlib) <= _FEW_APART and all(_opens_with_literal(sre_parse.parse(member)) for member in stdlib):
        joined: list[re.Pattern[str] | _re2.RE2] = [re.compile(member) for member in stdlib]
    else:
        joined = [re.compile(_joined(stdlib))] if stdlib else []
    if on_re2:
        joined.append(compile_spans(_joined(on_re2)))
    return tuple(joined)


_FEW_APART = 4  # literal-opening patterns searched one by one; more cost more than their alternation


def _joined(members: list[str]) -> str:
    return members[0] if len(members) == 1 else "|".join(f"(?:{member})" for member in members)


@lru_cache(maxsize=1024)
def _alternations(patterns: tuple[str, ...]) -> tuple[Pattern, ...]:
    """`patterns` joined into one alternation per engine: one search instead of one per pattern.

    Leftmost-first alternation finds what the per-pattern loop finds; patterns keep the engine
    `compile_for_lines` gives them (repetitions are joined for the stdlib's only when all may run there).
    """
    groups: dict[bool, list[str]] = {True: [], False: []}
    for pattern in patterns:
        compile_pattern(pattern)  # raises PatternError as before
        groups[_repetition_free(pattern)].append(pattern)
    joined = []
    for members in groups.values():
        if len(members) == 1:
            joined.append(compile_for_lines(members[0]))
        elif members:
            text = _joined(members)
            stdlib = all(isinstance(compile_for_lines(member), re.Pattern) for member in members)
            joined.append(re.compile(text) if stdlib else re2.compile(text, _OPTIONS))
    return tuple(joined)


def search_any(patterns: Sequence[str], text: str) -> Match | None:
    """The earliest match of any of `patterns` in `text` (the first pattern's, when two start together)."""
    best: Match | None = None
    for compiled in _alternations(tuple(patterns)):
        match = compiled.search(text)
        if match and best is not None and match.start() == best.start():
            return _search_each(patterns, text)  # a tie between engines: list order decides, as documented
        if match and (best is None or match.start() < best.start()):
            best = match
    return best


@lru_cache(maxsize=1024)
def anchored(patterns: tuple[str, ...]) -> bool:
    """Whether a pattern may use ^ $ \\A \\Z: their meaning changes when lines are searched joined."""
    return any(_has_anchor(pattern) for pattern in patterns)


def _has_anchor(pattern: str) -> bool:
    """Whether the parsed pattern holds ^ $ \\A \\Z (a ^ inside [^…] is not one)."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return True  # RE2-only syntax: assume the worst
    stack = [parsed]
    while stack:
        for op, argument in stack.pop():
            if op is sre_parse.AT:
                return True
            if op is sre_parse.SUBPATTERN:
                stack.append(argument[-1])
            elif op is sre_parse.BRANCH:
                stack.extend(argument[1])
            elif op in _REPEATS:
                stack.append(argument[2])
    return False


@lru_cache(maxsize=4096)
def line_local(pattern: str) -> bool:
    """Whether every match of `pattern` is non-empty and lies within one line, so that searching a few
    lines on their own finds what a scan of the whole text finds on them.

    A pattern that may match a line break (\\s, [^…], \\n) is left to the whole-text scan, which keeps its
    matches within lines (`spans_within_lines`), as is one that may match nothing (an empty match moves
    the scan on differently). Anchors and RE2-only syntax are refused too.
    """
    parsed = parse_like_re2(pattern)  # [[:space:]] crosses lines in RE2; Python's parser sees no class
    if parsed is None:
        return False
    if parsed.state.flags & ~re.UNICODE or parsed.getwidth()[0] == 0:
        return False
    stack = [parsed]
    while stack:
        for op, argument in stack.pop():
            if op is sre_parse.LITERAL:
                if argument == ord("\n"):
                    return False
            elif op is sre_parse.IN:
                if any(member not in _IN_ONE_LINE or (member is sre_parse.LITERAL and value == ord("\n"))
                       or (member is sre_parse.RANGE and value[0] <= ord("\n") <= value[1])
                       or (member is sre_parse.CATEGORY and value not in _CATEGORIES_IN_ONE_LINE)
                       for member, value in argument):
                    return False
            elif op is sre_parse.CATEGORY:
                if argument not in _CATEGORIES_IN_ONE_LINE:
                    return False
            elif op is sre_parse.SUBPATTERN:
                if argument[1] or argument[2]:  # (?s:…) and other flags on the group
                    return False
                stack.append(argument[-1])
            elif op is sre_parse.BRANCH:
                stack.extend(argument[1])
            elif op in _REPEATS:
                stack.append(argument[2])
            elif op is not sre_parse.ANY:  # without (?s), . matches anything but a line break in both engines
                return False
    return True


_IN_ONE_LINE = {sre_parse.LITERAL, sre_parse.RANGE, sre_parse.CATEGORY}  # NEGATE would take in the line break
_CATEGORIES_IN_ONE_LINE = {sre_parse.CATEGORY_DIGIT, sre_parse.CATEGORY_WORD}


def find_in_lines(pattern: str, lines: Iterable[tuple[int, str]]) -> list[tuple[int, int, int]]:
    """Every match of a `line_local` pattern in the numbered `lines` as (line, start, end), in order."""
    compiled = compile_for_lines(pattern)
    if isinstance(compiled, re.Pattern):
        return [(number, match.start(), match.end()) for number, line in lines for match in compiled.finditer(line)]
    # RE2's own object on the line's bytes: the wrapper's finditer costs several times more per match.
    regexp = compile_spans(pattern)
    found = []
    for number, line in lines:
        data = line.encode("utf-8")
        for start, end in spans(regexp, data):
            column = len(data[:start].decode("utf-8"))
            found.append((number, column, column + len(data[start:end].decode("utf-8"))))
    return found


@lru_cache(maxsize=1024)
def joined_per_engine(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """`patterns` joined into one alternation per engine they were written for, as `find_any` searches
    them: the stdlib's (repetition-free) first, then RE2's."""
    groups: dict[bool, list[str]] = {True: [], False: []}
    for pattern in patterns:
        groups[_repetition_free(pattern)].append(pattern)
    return tuple(_joined(members) for members in groups.values() if members)


class Lines(tuple[str, ...]):
    """Lines that `lines_matching` searches with many pattern lists (a document's headings): joined
    and encoded once, not once per list."""

    @cached_property
    def joined(self) -> str:
        return "\n".join(self)

    @cached_property
    def starts(self) -> list[int]:
        """Where each line begins in `joined`."""
        return list(itertools.accumulate((len(line) + 1 for line in self), initial=0))

    @cached_property
    def utf8(self) -> tuple[bytes, list[int]]:
        """`joined` in UTF-8, and where each line ends in it (past its line break)."""
        data = self.joined.encode("utf-8")
        return data, list(itertools.accumulate(len(line) + 1 for line in data.split(b"\n")))


_FEW_LINES = 3


def lines_matching(patterns: Sequence[str], lines: Sequence[str]) -> list[bool]:
    """For each line, whether any of `patterns` matches in it.

    One search of the joined lines per engine instead of one per line and pattern. A match seen in the
    joined text inside one line is a match in that line; a match running across a line break (\\s, [^…])
    could hide one, so then every line is searched on its own.
    """
    if not patterns or not lines:
        return [False] * len(lines)
    if len(lines) <= _FEW_LINES:  # a title: joining and encoding would cost more than the searches
        return [search_any(patterns, line) is not None for line in lines]
    lines = lines if isinstance(lines, Lines) else Lines(lines)
    joined = lines.joined
    if anchored(tuple(patterns)) or joined.count("\n") != len(lines) - 1:  # a line with a line break in it
        return [search_any(patterns, line) is not None for line in lines]
    found = [False] * len(lines)
    # Once a line has a match, the rest of it is not searched: the search goes on where the next line starts.
    for compiled in _scan_alternations(tuple(patterns)):
        if isinstance(compiled, re.Pattern):
            starts, position, size = lines.starts, 0, len(joined)
            while position <= size and (match := compiled.search(joined, position)) is not None:
                index = bisect.bisect_right(starts, match.start()) - 1
                if match.end() > starts[index] + len(lines[index]):
                    return [search_any(patterns, line) is not None for line in lines]
                found[index] = True
                position = starts[index + 1]  # past the end after the last line
            continue
        # RE2 on the UTF-8 bytes, straight: the wrapper would encode the text and map every offset back.
        data, ends = lines.utf8
        position, size = 0, len(data)
        while position <= size and (span := compiled.Match(UNANCHORED, data, position, size)[0]) != NO_MATCH:
            index = bisect.bisect_right(ends, span[0])
            if span[1] >= ends[index]:
                return [search_any(patterns, line) is not None for line in lines]
            found[index] = True
            position = ends[index]
    return found


def _search_each(patterns: Sequence[str], text: str) -> Match | None:
    best: Match | None = None
    for pattern in patterns:
        match = compile_for_lines(pattern).search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best
