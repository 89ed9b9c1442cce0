"""Kinds that compare a report with last year's (`check --previous`): year-on-year claims against both figures.

A claim such as “受理行政复议案件45件，同比增长15.4%” is checked by finding the count it qualifies (45件,
the nearest figure before it in the sentence), the words that name that count (受理行政复议案件), and the
same words with a figure of the same unit in last year's report (受理行政复议案件39件): (45 − 39) / 39.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..messages import text
from ..model import Document, Hit, Quantity
from ..quantities import as_shown
from .common import quote
from .indicators import CLAUSE_END, CLAUSE_REACH, quantities_by_line

# 同比增长15.4% · 较上年下降3个百分点 · 比去年减少20% — the direction word decides the sign.
_CLAIM = re.compile(r"(同比|较上年|比上年|较去年|比去年|较2\d{3}年|比2\d{3}年)(增长|增加|上升|提高|提升|下降|减少|降低)了?")
_DOWN = ("下降", "减少", "降低")
_SENTENCE_END = re.compile(r"[;。!?]")


def _subject(line: str, quantity: Quantity) -> str:
    """The words naming a figure: its clause up to the figure (受理行政复议案件 in “全年受理行政复议案件45件”)."""
    end = quantity.location.column - 1
    floor = max(0, end - CLAUSE_REACH)
    start = max((m.end() for m in CLAUSE_END.finditer(line, floor, end)), default=floor)
    return line[start:end].strip()


def _common_suffix(one: str, other: str) -> int:
    length = 0
    while length < min(len(one), len(other)) and one[-1 - length] == other[-1 - length]:
        length += 1
    return length


def _last_year(previous: Document, subject: str, unit: str, min_match: int) -> Quantity | None:
    """Last year's figure named by the same words: the longest shared ending of at least `min_match` characters."""
    best: tuple[int, Quantity] | None = None
    for number, quantities in quantities_by_line(previous).items():
        line = previous.matchable[number - 1]
        for quantity in quantities:
            if quantity.unit != unit:
                continue
            shared = _common_suffix(subject, _subject(line, quantity))
            if shared >= min_match and (best is None or shared > best[0]):
                best = (shared, quantity)
    return best[1] if best else None


def yoy_claims(document: Document, *, tolerance: float = 1.0, min_match: int = 4) -> Iterator[Hit]:
    """A year-on-year change stated as a percentage agrees with this year's and last year's figures."""
    previous = document.previous
    if previous is None:
        yield Hit(detail=text("trend.no_previous"), credit=None)
        return
    by_line = quantities_by_line(document)
    checked = 0
    for number, line in document.numbered_lines():
        matchable = document.matchable[number - 1]
        for claim in _CLAIM.finditer(matchable):
            stated = next((q for q in by_line.get(number, ()) if q.unit == "%"
                           and claim.end() <= q.location.column - 1 <= claim.end() + 2), None)
            floor = max(0, claim.start() - CLAUSE_REACH)
            sentence_start = max((m.end() for m in _SENTENCE_END.finditer(matchable, floor, claim.start())),
                                 default=floor)
            counts = [q for q in by_line.get(number, ()) if q.unit not in ("%", "百分点", "")
                      and sentence_start <= q.location.column - 1 < claim.start()]
            if stated is None or not counts:
                continue
            current = counts[-1]
            subject = _subject(matchable, current)
            before = _last_year(previous, subject, current.unit, min_match)
            if before is None or before.value == 0:
                continue
            checked += 1
            computed = round(100 * (current.value - before.value) / before.value, 1)
            claimed = -stated.value if claim.group(2) in _DOWN else stated.value
            values = {"subject": subject, "now": as_shown(current), "before": as_shown(before),
                      "line": before.location.line, "claim": claim.group(0) + stated.raw, "computed": f"{computed:+g}%"}
            agrees = abs(computed - claimed) <= tolerance or stated.approx and abs(computed - claimed) <= 2 * tolerance
            yield Hit(detail=text("trend.agrees" if agrees else "trend.disagrees", **values),
                      location=stated.location, credit=1.0 if agrees else 0.0,
                      evidence=quote(line, current.location.column - 1, (stated.location.end_column or 1) - 1, 8),
                      data={"current": current.value, "previous": before.value, "claimed": claimed,
                            "computed": computed})
    if not checked:
        yield Hit(detail=text("trend.nothing_to_check"), credit=None)
