"""Helpers the rule kinds share: searching the report's text, quoting evidence (personal identifiers masked)."""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own parser, to read how a pattern starts
from bisect import bisect_right
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache, partial
from itertools import accumulate, product
from typing import Any, ClassVar, TypeVar

from ..identifiers import mask_identifiers
from ..matching import (
    compile_scan,
    compile_spans,
    compile_utf8,
    joined_per_engine,
    matches_within_lines,
    parse_like_re2,
    scans_on_re2,
    spans_within_lines,
)
from ..model import Document

QUOTE_CONTEXT = 24


def quote(line: str, start: int, end: int, context: int = QUOTE_CONTEXT) -> str:
    """The matched passage with some context on each side, as the report's reader will see it.

    A citizen's ID or mobile number in the line is masked: findings must not spread it further.
    """
    length = len(line)
    # Conditional expressions, not max() and min(): a builtin call each costs more, ~35 quotes a report.
    left = start - context if start > context else 0
    right = end + context if end + context < length else length  # noqa: FURB136
    # Mask only around the quote (an identifier crossing its edge is masked too): masking the whole of
    # a megabyte-long line for each of its findings would take quadratic time.
    low = left - _MASK_MARGIN if left > _MASK_MARGIN else 0
    passage = mask_identifiers(line[low:right + _MASK_MARGIN])[left - low:right - low].strip()
    return f"{'…' if left else ''}{passage}{'…' if right < length else ''}"


_MASK_MARGIN = 20  # an identifier (18 characters at most) crossing the quote's edge lies wholly in the window


_Computed = TypeVar("_Computed")


class _Memo:
    """Results computed for the document being checked, shared by every rule that asks for them.

    A pack repeats its patterns (the shortcomings headings serve three rules), and a search over the
    whole report costs tens of microseconds. The memo keeps the last two documents, held strongly so
    that identity cannot be confused with a later document's: a report and last year's, which
    `check --previous` reads in turn rule after rule (with one, each turn would empty the other's).
    """

    held: ClassVar[list[tuple[Document, dict[Hashable, Any]]]] = []

    @classmethod
    def start(cls, document: Document) -> dict[Hashable, Any]:
        """An empty memo for `document`, which now comes first; the older of the two held is let go."""
        values: dict[Hashable, Any] = {}
        cls.held = [(document, values), *cls.held[:1]]
        return values


def release(document: Document) -> None:
    """Let go of what was computed for `document`, now checked: held on, it would keep the whole document
    alive until the next one (or, for the last, until the interpreter's final collection walks it: 1.4 s
    for a 4 MB report). Last year's report (--previous), shared by a batch, stays."""
    _Memo.held = [(held, values) for held, values in _Memo.held if held is not document]


_ABSENT = object()


def memo(document: Document, key: Hashable, compute: Callable[[], _Computed]) -> _Computed:
    """`compute()` once per document and key (a key names one computation, so its value has that type)."""
    # Asked ~90 times a report, nearly always for what it holds: one call and one look-up then.
    for held, values in _Memo.held:
        if held is document:
            break
    else:
        values = _Memo.start(document)
    value = values.get(key, _ABSENT)
    if value is _ABSENT:
        value = values[key] = compute()
    return value


def _utf8(document: Document) -> tuple[bytes, list[int]]:
    """The body as UTF-8 and the byte offset of each line in it."""
    body = document.body_text.encode("utf-8")
    return body, list(accumulate((len(line) + 1 for line in body.split(b"\n")), initial=0))


def _find_one(document: Document, pattern: str) -> list[tuple[int, int, int]]:
    found = []
    compiled = compile_scan(pattern)
    if compiled is not None:
        text_, line_starts = document.body_text, document.line_starts
        for start, end in matches_within_lines(compiled, text_):
            if end <= start:
                continue
            index = bisect_right(line_starts, start) - 1
            found.append((index + 1, start - line_starts[index], end - line_starts[index]))
        return found
    body, byte_starts = memo(document, "utf8", lambda: _utf8(document))
    # Byte offsets to character columns, decoding only what lies between one match and the next:
    # decoding from the line's start each time is quadratic on a line of megabytes.
    line_index, byte_at, column_at = -1, 0, 0
    for start, end in spans_within_lines(compile_spans(pattern), body):
        if end <= start:
            continue
        index = bisect_right(byte_starts, start) - 1
        if index != line_index:
            line_index, byte_at, column_at = index, byte_starts[index], 0
        column_at += len(body[byte_at:start].decode("utf-8"))
        byte_at = start
        found.append((index + 1, column_at, column_at + len(body[start:end].decode("utf-8"))))
    return found


def find_all(document: Document, patterns: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every match of `patterns` in the report's own text as (line, start, end), 0-based columns, in order.

    One search per pattern over the whole body rather than one per line, finding what a search of each
    line on its own finds: where a match would run across a line break, the first match within its line
    from there counts instead.
    """
    found = [hit for pattern in patterns
             for hit in memo(document, ("find", pattern), partial(_find_one, document, pattern))]
    found.sort()
    return found


_MANY_LEADS = 16


def _first_characters(item: tuple[Any, Any]) -> list[str] | None:
    """The characters a one-character item (a literal, a set of literals) matches, or None."""
    op, argument = item
    if op is sre_parse.LITERAL:
        return [chr(argument)]
    if op is sre_parse.IN and all(member is sre_parse.LITERAL for member, _ in argument):
        return [chr(value) for _, value in argument]
    return None


@lru_cache(maxsize=4096)
def _leads(pattern: str) -> tuple[str, ...] | None:
    """Texts one of which starts every match of `pattern`, or None when that cannot be read plainly.

    Read with the stdlib's parser, which is read only where it agrees with RE2 (the pack language): plain
    literals, sets of literals and their repetitions, no flags, no [[:class:]].
    """
    parsed = parse_like_re2(pattern)
    if parsed is None:
        return None
    if parsed.state.flags & ~re.UNICODE:
        return None
    items = list(parsed)
    while items and items[0][0] is sre_parse.SUBPATTERN:
        _, add_flags, del_flags, inner = items[0][1]
        if add_flags or del_flags:
            return None
        items = list(inner)
    if not items:
        return None
    op, argument = items[0]
    if op is sre_parse.LITERAL:  # a run of literals: the whole run
        run = []
        for item_op, value in items:
            if item_op is not sre_parse.LITERAL:
                break
            run.append(chr(value))
        return ("".join(run),)
    if op is sre_parse.MAX_REPEAT or op is sre_parse.MIN_REPEAT:
        low, _, (item, *rest) = argument
        characters = _first_characters(item) if low >= 1 and not rest else None
        if characters is None:
            return None
        width = min(low, 2)  # XX, not X: a lone X (X光) does not make [Xx]{2,} worth a scan
        if len(characters) ** width > _MANY_LEADS:
            width = 1
        return tuple("".join(lead) for lead in product(characters, repeat=width))
    characters = _first_characters(items[0])
    return tuple(characters) if characters else None


def _holds(body: str, lead: str) -> bool:
    """`lead in body`, searched from where its first character first appears: a search for one character
    is several times faster than one for a few, and most leads' first characters are rare or absent."""
    at = body.find(lead[0])
    return at >= 0 and (len(lead) == 1 or body.find(lead, at) >= 0)


def find_any(document: Document, patterns: Sequence[str]) -> list[tuple[int, int, int]]:
    """Like `find_all`, with the patterns joined into one alternation per engine: one search for a list
    of alternatives (placeholders, causes), where two patterns matching at one place count once.

    A pattern whose every match starts with a text the report does not hold is left out of its
    alternation first: it could match nowhere, so the others find what they would have found with it.
    A search for a literal costs a tenth of a scan with the alternation, and most lists (placeholders
    above all) find nothing in most reports.
    """
    body = document.body_text
    full = {compile_utf8(joined) is None: joined for joined in joined_per_engine(tuple(patterns))}
    possible = tuple(pattern for pattern in patterns
                     if (leads := _leads(pattern)) is None or any(_holds(body, lead) for lead in leads))
    searched = []
    for joined in joined_per_engine(possible) if possible else ():
        whole = full[compile_utf8(joined) is None]
        # Keep the engine the whole alternation would have run on, so that its matches are the same.
        searched.append(joined if scans_on_re2(joined) == scans_on_re2(whole) else whole)
    found = [hit for pattern in searched
             for hit in memo(document, ("find", pattern), partial(_find_one, document, pattern))]
    found.sort()
    return found
