"""Patterns from rule packs, compiled so that no pattern can hang the tool.

The pattern language is RE2's (https://github.com/google/re2/wiki/Syntax): every pattern is checked
by RE2 when a pack loads. Patterns with a repetition run on RE2, whose matching time is linear in
the text; patterns without any repetition (literals, alternations, classes — most of a pack) run on
Python's engine, where backtracking is bounded by pattern length × text length and calls are ~20×
cheaper than crossing into RE2.
"""

from __future__ import annotations

import bisect
import itertools
import re
import re._parser as sre_parse  # noqa: PLC2701 - the stdlib's own parser, to inspect a pattern
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Protocol

import re2
from re2 import _re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # errors are reported by us, with the pack's file and JSON path

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}
_REFUSED = {sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS, sre_parse.ASSERT, sre_parse.ASSERT_NOT}


class Match(Protocol):
    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def group(self, group: int = 0) -> str: ...


class Pattern(Protocol):
    pattern: str

    def search(self, text: str) -> Match | None: ...
    def finditer(self, text: str) -> Iterator[Match]: ...


class PatternError(ValueError):
    """A pattern RE2 does not accept; the message says why."""


def check(pattern: str) -> None:
    """Raise PatternError when RE2 does not accept `pattern`."""
    try:
        re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise PatternError(reason) from None


def _repetition_free(pattern: str) -> bool:
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return False
    stack = [parsed]
    while stack:
        for op, argument in stack.pop():
            if op in _REPEATS or op in _REFUSED:
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


def spans(regexp: _re2.RE2, data: bytes, *, whole_characters: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of the matches `finditer` would give, in order.

    After an empty match the search moves on one byte, as re2's finditer does on bytes, or one
    character (as it does on str) when `whole_characters`.
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
            while whole_characters and position < end and data[position] & 0xC0 == 0x80:
                position += 1


@lru_cache(maxsize=1024)
def _alternations(patterns: tuple[str, ...]) -> tuple[Pattern, ...]:
    """`patterns` joined into one alternation per engine: one search instead of one per pattern.

    Leftmost-first alternation finds what the per-pattern loop finds; patterns keep their engine.
    """
    groups: dict[bool, list[str]] = {True: [], False: []}
    for pattern in patterns:
        compile_pattern(pattern)  # raises PatternError as before
        groups[_repetition_free(pattern)].append(pattern)
    joined = []
    for free, members in groups.items():
        if len(members) == 1:
            joined.append(compile_pattern(members[0]))
        elif members:
            text = "|".join(f"(?:{member})" for member in members)
            joined.append(re.compile(text) if free else re2.compile(text, _OPTIONS))
    return tuple(joined)


def search_any(patterns: tuple[str, ...] | list[str], text: str) -> Match | None:
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


def lines_matching(patterns: Sequence[str], lines: Sequence[str]) -> list[bool]:
    """For each line, whether any of `patterns` matches in it.

    One search of the joined lines per engine instead of one per line and pattern. A match seen in the
    joined text inside one line is a match in that line; a match running across a line break (\\s, [^…])
    could hide one, so then every line is searched on its own.
    """
    if not patterns or not lines:
        return [False] * len(lines)
    joined = "\n".join(lines)
    if anchored(tuple(patterns)) or joined.count("\n") != len(lines) - 1:  # a line with a line break in it
        return [search_any(patterns, line) is not None for line in lines]
    found = [False] * len(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    encoded: tuple[bytes, list[int]] | None = None
    for compiled in _alternations(tuple(patterns)):
        if isinstance(compiled, re.Pattern):
            for match in compiled.finditer(joined):
                index = bisect.bisect_right(starts, match.start()) - 1
                if match.end() > starts[index] + len(lines[index]):
                    return [search_any(patterns, line) is not None for line in lines]
                found[index] = True
            continue
        # RE2 on the UTF-8 bytes, straight: the wrapper would encode the text and map every offset back.
        if encoded is None:
            encoded_lines = [line.encode("utf-8") for line in lines]
            encoded = b"\n".join(encoded_lines), list(itertools.accumulate((len(line) + 1 for line in encoded_lines),
                                                                          initial=0))
        data, byte_starts = encoded
        for start, end in spans(compile_spans(compiled.pattern), data, whole_characters=True):
            index = bisect.bisect_right(byte_starts, start) - 1
            if end > byte_starts[index + 1] - 1:
                return [search_any(patterns, line) is not None for line in lines]
            found[index] = True
    return found


def _search_each(patterns: tuple[str, ...] | list[str], text: str) -> Match | None:
    best: Match | None = None
    for pattern in patterns:
        match = compile_pattern(pattern).search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best
