"""Helpers the rule kinds share: searching the report's text, quoting evidence (personal identifiers masked)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..identifiers import mask_identifiers
from ..matching import compile_pattern
from ..model import Document

QUOTE_CONTEXT = 24


def quote(line: str, start: int, end: int, context: int = QUOTE_CONTEXT) -> str:
    """The matched passage with some context on each side, as the report's reader will see it.

    A citizen's ID or mobile number in the line is masked: findings must not spread it further.
    """
    left = max(0, start - context)
    right = min(len(line), end + context)
    # Mask only around the quote (an identifier crossing its edge is masked too): masking the whole of
    # a megabyte-long line for each of its findings would take quadratic time.
    margin = 20
    window = mask_identifiers(line[max(0, left - margin):right + margin])
    offset = left - max(0, left - margin)
    return ("…" if left else "") + window[offset:offset + right - left].strip() + ("…" if right < len(line) else "")


def find_all(document: Document, patterns: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every match of `patterns` in the report's own text as (line, start, end), 0-based columns, in order.

    One search per pattern over the whole body rather than one per line; a match that would run
    across a line break is not a match.
    """
    found = []
    text_ = document.body_text
    for pattern in patterns:
        for match in compile_pattern(pattern).finditer(text_):
            start, end = match.start(), match.end()
            if end <= start:
                continue
            index = bisect_right(document.line_starts, start) - 1
            line_start = document.line_starts[index]
            if "\n" in text_[start:end]:
                continue
            found.append((index + 1, start - line_start, end - line_start))
    found.sort()
    return found
