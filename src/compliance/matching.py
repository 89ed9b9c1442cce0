"""Patterns from rule packs, compiled so that no pattern can hang the tool.

The pattern language is RE2's (https://github.com/google/re2/wiki/Syntax): every pattern is checked
by RE2 when a pack loads. Patterns with a repetition run on RE2, whose matching time is linear in
the text; patterns without any repetition (literals, alternations, classes — most of a pack) run on
Python's engine, where backtracking is bounded by pattern length × text length and calls are ~20×
cheaper than crossing into RE2.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # noqa: PLC2701 - the stdlib's own parser, to inspect a pattern
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

import re2

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


def search_any(patterns: tuple[str, ...] | list[str], text: str) -> Match | None:
    """The earliest match of any of `patterns` in `text`."""
    best: Match | None = None
    for pattern in patterns:
        match = compile_pattern(pattern).search(text)
        if match and (best is None or match.start() < best.start()):
            best = match
    return best
