"""Kinds about the figures a report discloses: an indicator bound to its value, and checks across figures.

A topic (出庭应诉率, 受理行政复议案件 …) binds the nearest quantity of an allowed unit in the same clause:
inside the topic's own words first (受理39件行政复议案件), then after it (出庭应诉率100%), then just before it
(为58人新办理执法证件). A clause ends at ，；。 and the like, so a number belonging to the next topic of a
list is never taken. A negative statement in the clause (不存在……纠错, 未发生) binds the value 0.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from ..matching import find_in_lines, line_local, search_any
from ..messages import text
from ..model import Document, Hit, Location, Quantity, Section, _slot_init
from ..quantities import as_shown
from .common import find_all, memo, quote
from .structural import _sections as sections_in_order
from .structural import headings_matching

# On folded text: ，；：！？ are already half-width. A comma between a digit and three more is a thousands
# separator (1,021件), not the end of a clause. Every alternative opens with its character, so re jumps from
# candidate to candidate (a lookbehind first made the scan of a line twice as slow).
CLAUSE_END = re.compile(r"[;。!?:]|,(?:(?<!\d,)|(?!\d{3}(?!\d)))")
NEGATIVE = ("未发生", "不存在", "没有", "未出现", "均未", "全年无", "并无", "无一", "为零", "零纠错", "未被", "^\\s*无")
# A figure right after these is a target missed or a bound, not the value (出庭应诉率未达到100%, 纠错率低于10%):
# the report does not say what the value was. Compared on the few characters before the figure, no pattern.
SHORT_OF = ("未达到", "未达", "没有达到", "没达到", "未能达到", "低于", "不足", "不到")
SHORT_OF_REACH = max(map(len, SHORT_OF))
# A figure for more than the reporting year (“十四五”期间，共受理行政复议案件1,126件 / 五年来，全县累计评查案卷2,350卷),
# as a report closing a five-year plan gives before the year's own: looked for in the figure's clause and the one
# before it in the sentence. On folded text, where “” stay. A span of years counts as the time of the clause
# (2021—2025年，全县共…), not as a plan's name (将《…国土空间规划（2021—2035年）》等8项事项纳入目录).
# Compiled for the stdlib's engine (the pack does not set it): one short search per figure taken, on a line that
# holds a word every such period is written with (`_may_name_other_periods`). A span of years is written with a
# dash, 至 or 到 (2021—2025年, 2021年至2025年, 2021年到2025年), and is the clause's time when a comma or 期间 follows
# it or a 共/累计 a few words on (2021年至2025年全县共受理…), never inside a plan's name's brackets.

OTHER_PERIODS = re.compile(r"十[一二三四五]五[”\"]?(?:期间|以来|时期)|(?:两|三|四|五|十|近[二三四五十]|[2-9])年(?:来|间|以来)"
                           r"|(?:19|20)\d{2}年以来|(?:19|20)\d{2}年?(?:[-—–~]|至|到)(?:19|20)\d{2}年"
                           r"(?:,|期间|间|以来|[^,。;)》]{0,6}?(?:共|累计))")


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Binding:
    """A topic found in the text and what it was bound to."""

    line: int
    topic_start: int  # 0-based column
    topic_end: int
    quantity: Quantity | None = None
    negative: str | None = None  # the negative phrase, when the clause says there were none

    _make: ClassVar[Callable[[int, int, int, Quantity | None, str | None], Binding]]  # every field in order

    @property
    def location(self) -> Location:
        if self.quantity is not None:
            return self.quantity.location
        return Location(line=self.line, column=self.topic_start + 1, end_line=self.line, end_column=self.topic_end + 1)


# A clause longer than this on either side of a topic is damaged text (lost punctuation), not prose:
# looking further would only cost time, quadratically on a megabyte-long line.
CLAUSE_REACH = 200


def quantities_by_line(document: Document) -> dict[int, list[Quantity]]:
    """Each line's quantities, in column order (computed once per document)."""
    def group() -> dict[int, list[Quantity]]:
        by_line: dict[int, list[Quantity]] = {}
        for quantity in document.quantities:
            by_line.setdefault(quantity.location.line, []).append(quantity)
        return by_line

    return memo(document, "quantities_by_line", group)


class _LineFacts:
    """What the indicator kinds look up about a line of one document, each worked out once for all of them.

    A report's figures sit in a few paragraphs, and a dozen rules' topics point into the same ones: the
    line's clause ends, where its quantities start and whether it names a context are asked again and
    again, so they are kept per line rather than found per mention.
    """

    __slots__ = ("_clause_ends", "_in_context", "_matchable", "_periods", "_starts", "quantities")

    def __init__(self, document: Document) -> None:
        self._matchable = document.matchable
        self.quantities = quantities_by_line(document)
        self._clause_ends: dict[int, list[int]] = {}
        self._starts: dict[int, list[int]] = {}
        self._in_context: dict[tuple[tuple[str, ...], int], bool] = {}
        self._periods: dict[int, bool] = {}

    def clause(self, number: int, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end) in line `number`, reaching at most CLAUSE_REACH characters each way."""
        line = self._matchable[number - 1]
        ends = self._clause_ends.get(number)
        if ends is None:
            ends = self._clause_ends[number] = [m.start() for m in CLAUSE_END.finditer(line)]
        floor = max(0, start - CLAUSE_REACH)
        before = bisect_left(ends, start)
        left = ends[before - 1] + 1 if before and ends[before - 1] >= floor else floor
        after = bisect_left(ends, end)
        right = ends[after] if after < len(ends) and ends[after] < end + CLAUSE_REACH else min(len(line), end + CLAUSE_REACH)
        return left, right

    def line(self, number: int) -> str:
        return self._matchable[number - 1]

    def starting_within(self, number: int, low: int, high: int) -> list[Quantity]:
        """The quantities of line `number` that start in columns [low, high): a line may hold hundreds of thousands."""
        starts = self._starts.get(number)
        if starts is None:
            starts = self._starts[number] = [q.location.column - 1 for q in self.quantities.get(number, ())]
        return self.quantities[number][bisect_left(starts, low):bisect_left(starts, high)] if starts else []

    def may_name_other_periods(self, number: int) -> bool:
        """Whether line `number` holds a word every period of several years is written with: a few substring
        tests, where a search of OTHER_PERIODS over a paragraph costs microseconds."""
        found = self._periods.get(number)
        if found is None:
            found = self._periods[number] = _may_name_other_periods(self._matchable[number - 1])
        return found

    def in_context(self, context: tuple[str, ...], number: int) -> bool:
        """Whether line `number` names one of `context` anywhere: reports name the subject (复议) once,
        then list its figures."""
        key = (context, number)
        found = self._in_context.get(key)
        if found is None:
            found = self._in_context[key] = search_any(context, self._matchable[number - 1]) is not None
        return found


def _may_name_other_periods(line: str) -> bool:
    """Whether `line` holds a word OTHER_PERIODS needs: substring tests, written out as the fastest way to ask
    (a search of the pattern itself over a paragraph costs microseconds; 5 % of a report's lines pass)."""
    return ("期间" in line or "以来" in line or "时期" in line or "年来" in line or "年间" in line or "—" in line
            or "–" in line or "-" in line or "~" in line or "至20" in line or "到20" in line or "年至" in line
            or "年到" in line)


def _line_facts(document: Document) -> _LineFacts:
    return memo(document, "indicator_lines", lambda: _LineFacts(document))


def _clause(document: Document, line_number: int, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) in a line of the report (see `_LineFacts.clause`)."""
    return _line_facts(document).clause(line_number, start, end)


def bind(
    document: Document,
    topics: Sequence[str],
    *,
    units: Sequence[str],
    context: Sequence[str] = (),
    exclude: Sequence[str] = (),
    window: int = 40,
    before_window: int = 12,
    negative: Sequence[str] = NEGATIVE,
    exclude_nearby: Sequence[str] = (),
) -> list[Binding]:
    """Every mention of a topic, in text order, each with the value it binds (if any)."""
    key = ("bind", tuple(topics), tuple(units), tuple(context), tuple(exclude), window, before_window, tuple(negative),
           tuple(exclude_nearby))
    return memo(document, key, lambda: list(_bindings(document, topics, units, context, exclude,
                                                      window, before_window, negative,
                                                      exclude_nearby=exclude_nearby)))


def _first_bound(document: Document, topics: Sequence[str], units: Sequence[str], context: Sequence[str],
                 exclude: Sequence[str], window: int, before_window: int,
                 negative: Sequence[str], exclude_nearby: Sequence[str] = (),
                 skip_lines: Collection[int] = ()) -> tuple[Binding | None, Binding | None]:
    """The first mention that binds a value (or a negative statement), and the first mention at all.

    What `bind` lists, taken only as far as needed: once a topic has bound, the later (less specific)
    topics are not searched at all. Within a topic a figure wins over a negative statement: a negative is
    often qualified (未发生因防控措施引发的行政诉讼案件) where a later clause gives the count (行政诉讼一审案件89件).
    """
    first = None
    facts = _line_facts(document)
    for topic in topics:
        negative_binding = None
        for binding in _bindings(document, (topic,), units, context, exclude, window, before_window, negative,
                                 exclude_nearby=exclude_nearby, skip_lines=skip_lines):
            if first is None:
                first = binding
            if binding.quantity is not None and not (facts.may_name_other_periods(binding.line)
                                                     and _over_other_period(facts, binding)):
                return binding, first
            if binding.negative is not None and negative_binding is None:
                negative_binding = binding
        if negative_binding is not None:
            return negative_binding, first
    return None, first


def _bindings(document: Document, topics: Sequence[str], units: Sequence[str], context: Sequence[str],
              exclude: Sequence[str], window: int, before_window: int, negative: Sequence[str],
              lines: Collection[int] | None = None, *, exclude_nearby: Sequence[str] = (),
              skip_lines: Collection[int] = ()) -> Iterator[Binding]:
    """`bind`'s mentions one by one; only those on `lines` when given (a line's bindings depend on that line alone)."""
    facts = _line_facts(document)
    context = tuple(context)
    negative = tuple(negative)
    seen: set[tuple[int, int]] = set()
    # Topics are tried in the pack's order, so the most specific wording can come first.
    matches = (match for topic in topics for match in _topic_matches(document, topic, lines))
    for line_number, start, end in matches:
        if (line_number, start) in seen or (lines is not None and line_number not in lines) or line_number in skip_lines:
            continue
        seen.add((line_number, start))
        if context and not facts.in_context(context, line_number):
            continue
        line = document.matchable[line_number - 1]
        left, right = facts.clause(line_number, start, end)
        if exclude and search_any(exclude, line[left:right]):
            continue
        if exclude_nearby and search_any(exclude_nearby, line[_clause_before(facts, line_number, left):right]):
            continue
        near = facts.starting_within(line_number, max(left, start - before_window), min(right, end + window))
        candidates = [q for q in near if q.unit in units and not _short_of(line, q)]
        quantity = _nearest(candidates, start, end, left, right, window, before_window)
        found_negative = None
        if quantity is None and negative:
            match = search_any(negative, line[left:right])
            found_negative = match.group(0) if match else None
        yield Binding._make(line_number, start, end, quantity, found_negative)


def _over_other_period(facts: _LineFacts, binding: Binding) -> bool:
    """Whether the figure `binding` took counts more than the reporting year (“十四五”期间，…共受理…1,126件): then the
    topic is only mentioned there. Asked of the figure an indicator is about to take, not of every mention."""
    left, right = facts.clause(binding.line, binding.topic_start, binding.topic_end)
    return OTHER_PERIODS.search(facts.line(binding.line), _clause_before(facts, binding.line, left), right) is not None


def _short_of(line: str, quantity: Quantity) -> bool:
    """Whether `quantity` is what a target fell short of (未达到100%), not a value stated."""
    begin = quantity.location.column - 1
    return line[max(0, begin - SHORT_OF_REACH):begin].endswith(SHORT_OF)


def _clause_before(facts: _LineFacts, number: int, left: int) -> int:
    """Where the clause before the one starting at `left` starts, in the same sentence (else `left` itself):
    办结率100% speaks of what the clause before it counted (全年受理行政许可申请3,216件，办结率100%)."""
    line = facts.line(number)
    if left < 2 or line[left - 1] not in ",:":
        return left
    return facts.clause(number, left - 1, left - 1)[0]


def _topic_matches(document: Document, topic: str, lines: Collection[int] | None) -> list[tuple[int, int, int]]:
    """Where `topic` matches, as `find_all` finds it; when only a few `lines` are wanted (the paragraphs
    of a pair) and its matches keep to one line, those lines are searched instead of the whole report."""
    if lines is None or not line_local(topic):
        return find_all(document, [topic])
    return find_in_lines(topic, ((number, document.matchable[number - 1]) for number in sorted(lines)
                                 if number not in document.skipped_lines and 0 < number <= len(document.matchable)))


def _nearest(candidates: list[Quantity], start: int, end: int, left: int, right: int,
             window: int, before_window: int) -> Quantity | None:
    """The first quantity inside the topic's words, else the first just after them, else the last just before."""
    after_limit = min(right, end + window)
    before_floor = max(left, start - before_window)
    first_after = last_before = None
    for quantity in candidates:  # one pass: this runs for every mention of every topic
        begin = quantity.location.column - 1
        finish = (quantity.location.end_column or quantity.location.column) - 1
        if start <= begin and finish <= end:
            return quantity
        if first_after is None and end <= begin < after_limit:
            first_after = quantity
        if before_floor <= begin and finish <= start:
            last_before = quantity
    return first_after if first_after is not None else last_before


def _in_sections(document: Document, line: int, sections: list[Section]) -> bool:
    return any(s.location.line <= line <= s.end_line for s in sections)


def _sections(document: Document, patterns: Sequence[str]) -> list[Section]:
    return [s for s in document.all_sections() if search_any(patterns, document.matchable[s.location.line - 1])]


def _nothing_to_count(document: Document, moot: Sequence[str], skip_sections: Sequence[str]) -> tuple[int, int, int] | None:
    """Where the report says there was nothing to count (行政诉讼案件均为零), outside the skipped sections."""
    skipped = _lines_of(document, skip_sections)
    first, last = document.body_start, len(document.lines)
    return next((match for match in find_all(document, moot)
                 if first <= match[0] <= last and match[0] not in document.skipped_lines and match[0] not in skipped),
                None)


def _lines_of(document: Document, headings: Sequence[str]) -> frozenset[int]:
    """The lines of the sections whose heading matches `headings` (next year's plan: its figures are targets)."""
    if not headings:
        return frozenset()
    return memo(document, ("section_lines", tuple(headings)), lambda: frozenset(
        number for section, hit in zip(sections_in_order(document), headings_matching(document, headings)) if hit
        for number in range(section.location.line, section.end_line + 1)))


def _value_data(binding: Binding, document: Document, unit: str) -> dict[str, object]:
    if binding.quantity is not None:
        q = binding.quantity
        return {"value": q.value, "unit": q.unit, "raw": q.raw, "approx": q.approx, "status": "figure"}
    if binding.negative is not None:
        return {"value": 0, "unit": unit, "raw": binding.negative, "approx": False, "status": "negative"}
    topic = document.lines[binding.line - 1][binding.topic_start:binding.topic_end]
    return {"value": True, "unit": "", "raw": topic, "approx": False, "status": "statement"}


def indicator(
    document: Document,
    *,
    topics: Sequence[str],
    units: Sequence[str],
    min: float | None = None,  # the pack's word for it, shadowing the builtin here
    max: float | None = None,
    require_figure: bool = True,
    mention_credit: float = 0.5,
    context: Sequence[str] = (),
    exclude: Sequence[str] = (),
    window: int = 40,
    before_window: int = 12,
    negative: bool = False,
    exclude_nearby: Sequence[str] = (),
    skip_sections: Sequence[str] = (),
    moot: Sequence[str] = (),
    zero: Sequence[str] = (),
    in_part: Sequence[str] = (),
    misplaced_credit: float = 0.9,
    optional: bool = False,
) -> Iterator[Hit]:
    """A mandated indicator disclosed with its figure, within the expected range and in the expected part."""
    negatives = NEGATIVE if negative else ()
    bound, first = _first_bound(document, topics, units, context, exclude, window, before_window, negatives,
                                exclude_nearby, _lines_of(document, skip_sections))
    if bound is None and zero and (none := _nothing_to_count(document, zero, skip_sections)):
        # An outcome that leaves nothing to count (行政复议案件2件，均被维持: no decision corrected) is the value 0.
        line, start, end = none
        bound = Binding._make(line, start, end, None, document.lines[line - 1][start:end])
    if bound is None and moot and (nothing := _nothing_to_count(document, moot, skip_sections)):
        # No lawsuits, no rate to state: 行政诉讼案件均为零 makes the indicator not applicable.
        line, start, end = nothing
        yield Hit(detail=text("indicator.moot", raw=document.lines[line - 1][start:end]),
                  location=Location(line=line, column=start + 1, end_line=line, end_column=end + 1), credit=None,
                  evidence=quote(document.lines[line - 1], start, end), data={"value": None, "status": "moot"})
        return
    if bound is None:
        if first is not None and not require_figure:
            data = _value_data(first, document, units[0])
            yield Hit(detail=text("indicator.statement"), location=first.location, credit=1.0,
                      evidence=_quote(document, first), data=data)
        elif first is not None:
            yield Hit(detail=text("indicator.no_figure", units="/".join(units)), location=first.location,
                      credit=mention_credit, evidence=_quote(document, first),
                      data={"value": None, "unit": None, "raw": None, "approx": False, "status": "mentioned"})
        else:
            yield Hit(detail=text("indicator.absent"), credit=None if optional else 0.0,
                      data={"value": None, "status": "absent", "searched": list(topics)})
        return
    data = _value_data(bound, document, units[0])
    if document.previous is not None:  # last year's figure for the trend table (check --previous)
        earlier, _ = _first_bound(document.previous, topics, units, context, exclude, window, before_window, negatives,
                                  exclude_nearby, _lines_of(document.previous, skip_sections))
        data["previous"] = None if earlier is None else _value_data(earlier, document.previous, units[0])["value"]
    value = data["value"]
    evidence = _quote(document, bound)
    shown = data["raw"] if bound.quantity is None else as_shown(bound.quantity)  # 86 from a 卷 column: 86卷
    if isinstance(value, (int, float)) and not isinstance(value, bool) and (
        (min is not None and value < min) or (max is not None and value > max)
    ):
        yield Hit(detail=text("indicator.not_expected" if min == max else "indicator.out_of_range", raw=shown,
                              range=_range(min, max)),
                  location=bound.location, credit=0.0, evidence=evidence, data=data)
        return
    if in_part and (sections := _sections(document, in_part)) and not _in_sections(document, bound.line, sections):
        yield Hit(detail=text("indicator.misplaced", raw=shown), location=bound.location,
                  credit=misplaced_credit, evidence=evidence, data=data)
        return
    detail = "indicator.negative" if data["status"] == "negative" else \
        "indicator.found_any" if min is None and max is None else "indicator.found"
    yield Hit(detail=text(detail, raw=shown, range=_range(min, max)), location=bound.location, credit=1.0,
              evidence=evidence, data=data)


def _range(low: float | None, high: float | None) -> str:
    if low is not None and low == high:
        return f"{low:g}"  # 备案审核率: 100, not 100–100
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"≥ {low:g}"
    if high is not None:
        return f"≤ {high:g}"
    return "—"


def _quote(document: Document, binding: Binding) -> str:
    line = document.lines[binding.line - 1]
    end = binding.topic_end
    if binding.quantity is not None:
        end = max(end, (binding.quantity.location.end_column or binding.quantity.location.column) - 1)
    start = min(binding.topic_start, binding.quantity.location.column - 1) if binding.quantity else binding.topic_start
    return quote(line, start, end, context=12)


# Rates that legitimately pass 100: growth, over-fulfilment of a plan, year-on-year comparisons.
GROWTH = ("增长", "增加", "提高", "上升", "同比", "环比", "增幅", "完成率", "超额", "翻", "达成率")


def percent_range(document: Document, *, exclude_context: Sequence[str] = GROWTH) -> Iterator[Hit]:
    """Every percentage lies in [0, 100], except growth and over-fulfilment rates."""
    for quantity in document.quantities:
        if quantity.unit != "%" or 0 <= quantity.value <= 100:
            continue
        line = document.matchable[quantity.location.line - 1]
        left, _ = _clause(document, quantity.location.line, quantity.location.column - 1, quantity.location.column)
        if exclude_context and search_any(exclude_context, line[left:quantity.location.column - 1]):
            continue
        yield Hit(detail=text("percent.out_of_range", raw=as_shown(quantity)), location=quantity.location, credit=0.0,
                  evidence=quote(document.lines[quantity.location.line - 1], quantity.location.column - 1,
                                 (quantity.location.end_column or quantity.location.column) - 1, context=12))


COUNT_UNITS = ("件", "次", "人", "人次", "个", "项", "份", "卷", "宗", "起", "场", "部", "条")


class _Drawn:
    """The items of an iterator, drawn only as far as some reader has gone and kept for the next reader.

    Readers may interleave: each keeps its own place in the shared list.
    """

    __slots__ = ("_drawn", "_source")

    def __init__(self, source: Iterator[Binding]) -> None:
        self._source = source
        self._drawn: list[Binding] = []

    def __iter__(self) -> Iterator[Binding]:
        index = 0
        while True:
            if index == len(self._drawn):
                item = next(self._source, None)
                if item is None:
                    return
                self._drawn.append(item)
            yield self._drawn[index]
            index += 1


def _figures_on(document: Document, topics: Sequence[str], units: Sequence[str], context: Sequence[str],
                lines: frozenset[int]) -> _Drawn:
    """The mentions of `topics` on `lines` that bind a figure, bound only as far as a reader needs them:
    a pair is usually the first figure beside the other topic's, and the rest of a long paragraph's
    mentions would be bound for nothing. Only figures pair, so no clause is searched for a negative."""
    return memo(document, ("pair", tuple(topics), tuple(units), tuple(context), lines), lambda: _Drawn(
        b for b in _bindings(document, topics, units, context, (), 40, 12, (), lines) if b.quantity is not None))


def _spans(document: Document, topics: Sequence[str], line: int) -> list[tuple[int, int]]:
    """Where `topics` match on one line, as (start, end) columns."""
    return [(start, end) for topic in topics for _, start, end in _topic_matches(document, topic, frozenset((line,)))]


def _pairs(document: Document, first: Sequence[str], second: Sequence[str], first_units: Sequence[str],
           context: Sequence[str], lines: frozenset[int] | None = None,
           not_inside: Sequence[str] = ()) -> Iterator[tuple[Binding, Binding]]:
    """Figures of two topics stated in the same paragraph, each figure once; a second-topic mention that
    lies inside a first-topic mention (应诉 within 出庭应诉), or inside a mention of `not_inside` anywhere on
    its line (应诉 within 镇长出庭应诉1件, a count of appearances), does not count. Only on `lines`, when
    given: a paragraph's pairs depend on that paragraph alone."""
    # The second topic is bound only on the lines where the first has a figure, per paragraph: a rate's
    # numerator pairs with the denominator already bound beside the rate.
    if lines is None:
        ones: Iterable[Binding] = [b for b in bind(document, first, units=first_units, context=context, negative=())
                                   if b.quantity is not None]
    else:
        ones = _figures_on(document, first, first_units, context, lines)
    for one in ones:
        covered: list[tuple[int, int]] | None = None  # not_inside's spans on the line, found if a pair needs them
        for other in _figures_on(document, second, COUNT_UNITS, context, frozenset((one.line,))):
            if one.topic_start <= other.topic_start < one.topic_end or other.quantity is one.quantity:
                continue
            if not_inside:
                if covered is None:
                    covered = _spans(document, not_inside, one.line)
                if any(start <= other.topic_start < end for start, end in covered):
                    continue
            yield one, other
            break


def _figure(binding: Binding) -> Quantity:
    """The figure of a binding `_pairs` gave: it pairs only bindings with a figure."""
    assert binding.quantity is not None
    return binding.quantity


def rate_consistency(
    document: Document,
    *,
    numerator: Sequence[str],
    denominator: Sequence[str],
    rate: Sequence[str],
    context: Sequence[str] = (),
    tolerance: float = 0.1,
) -> Iterator[Hit]:
    """When both counts and the rate are stated (出庭 n 件 / 应诉 N 件 … 出庭应诉率 x%), they agree."""
    checked = False
    for stated, whole in _pairs(document, rate, denominator, ("%",), context, not_inside=numerator):
        parts = _numerators(document, numerator, denominator, context, stated, whole)
        if not parts or not _figure(whole).value:
            continue
        checked = True
        whole_figure, stated_figure = _figure(whole), _figure(stated)
        # Appearances split by who appeared (镇长出庭应诉1件，其他负责人出庭2件) add up to the rate's numerator.
        first = 100 * parts[0].value / whole_figure.value
        counted = parts[:1] if _agrees(first, stated_figure.value, tolerance) or len(parts) == 1 else parts
        computed = 100 * sum(q.value for q in counted) / whole_figure.value
        values = {"numerator": "+".join(map(as_shown, counted)), "denominator": as_shown(whole_figure),
                  "rate": as_shown(stated_figure), "computed": round(computed, 2)}
        if any(q.approx for q in (*counted, whole_figure, stated_figure)):
            agrees = _may_agree(counted, whole_figure, stated_figure, tolerance)
        else:
            agrees = _agrees(computed, stated_figure.value, tolerance)
        yield Hit(detail=text("rate.agrees" if agrees else "rate.disagrees", **values), location=stated.location,
                  credit=1.0 if agrees else 0.0, evidence=_quote(document, stated), data=values)
    if not checked:
        yield Hit(detail=text("rate.not_all_stated"), credit=None)


def _agrees(computed: float, given: float, tolerance: float) -> bool:
    """A rate is usually rounded to one decimal: half a step more than the tolerance is still agreement."""
    return abs(computed - given) <= tolerance + 0.05


# Approximations that put the true value below the figure or around it (近百件, 约11%); the others (余 多 超过 逾
# 以上) put it above.
_BELOW = ("近", "将近", "接近")
_AROUND = ("约", "大约")


def _bounds(quantity: Quantity) -> tuple[float, float]:
    """The values a figure allows: itself when exact; 2,200余件 2,200 to 2,300 (up to its last written place),
    超过95% 95 to 100 (a rate goes no higher), 约2,300件 2,200 to 2,400, 约90% 89 to 91, 近百件 90 to 100."""
    value = quantity.value
    if not quantity.approx:
        return value, value
    if quantity.raw.startswith(_BELOW):
        return 0.9 * value, value
    place = 1.0 if value.is_integer() else 0.1
    while quantity.unit != "%" and value.is_integer() and value and value % (place * 10) == 0:
        place *= 10  # a count's last written place: 2,200 is to the hundred; a rate's is its unit
    if quantity.raw.startswith(_AROUND) or quantity.raw.endswith("左右"):
        return value - place, value + place
    return value, 100.0 if quantity.unit == "%" else value + place


def _may_agree(parts: Sequence[Quantity], whole: Quantity, stated: Quantity, tolerance: float) -> bool:
    """Whether a rate and counts of which some are approximate (出庭应诉2,200余件 of 2,300余件, 超过95%) can agree:
    the rates the counts allow and the rates the stated figure allows overlap."""
    low = sum(_bounds(q)[0] for q in parts)
    high = sum(_bounds(q)[1] for q in parts)
    whole_low, whole_high = _bounds(whole)
    if not whole_low:
        return True
    stated_low, stated_high = _bounds(stated)
    slack = tolerance + 0.05
    return 100 * low / whole_high - slack <= stated_high and stated_low <= 100 * high / whole_low + slack


def _numerators(document: Document, numerator: Sequence[str], denominator: Sequence[str], context: Sequence[str],
                stated: Binding, whole: Binding) -> list[Quantity]:
    """The distinct numerator figures stated beside the rate's denominator, in text order."""
    found: list[Quantity] = []
    for part, other in _pairs(document, numerator, denominator, COUNT_UNITS, context, frozenset({stated.line}),
                              not_inside=numerator):
        figure = _figure(part)
        if other.quantity is whole.quantity and figure is not whole.quantity and all(figure is not q for q in found):
            found.append(figure)
    return sorted(found, key=lambda q: q.location.column)


def count_order(
    document: Document,
    *,
    lesser: Sequence[str],
    greater: Sequence[str],
    context: Sequence[str] = (),
    carried_over: Sequence[str] = (),
) -> Iterator[Hit]:
    """One stated count cannot exceed another stated in the same paragraph (审结 ≤ 受理), unless the lesser
    one says it includes cases carried over from last year (审结1,021件（含上年结转案件107件）)."""
    checked = False
    for small, large in _pairs(document, lesser, greater, COUNT_UNITS, context):
        checked = True
        small_figure, large_figure = _figure(small), _figure(large)
        values = {"lesser": as_shown(small_figure), "greater": as_shown(large_figure)}
        detail = "order.ok" if small_figure.value <= large_figure.value else "order.exceeds"
        if detail == "order.exceeds" and carried_over:
            left, right = _clause(document, small.line, small.topic_start, small_figure.location.column)
            if match := search_any(carried_over, document.matchable[small.line - 1][left:right]):
                detail, values["carried_over"] = "order.carried_over", match.group(0)
        yield Hit(detail=text(detail, **values), location=small.location,
                  credit=0.0 if detail == "order.exceeds" else 1.0, evidence=_quote(document, small), data=values)
    if not checked:
        yield Hit(detail=text("order.not_all_stated"), credit=None)
