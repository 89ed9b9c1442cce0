"""The shortcuts of the quality kinds (whole-document pre-checks, bounds before a costly comparison) never
skip what the full check would flag."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from difflib import SequenceMatcher
from types import FrameType

from helpers import document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.identifiers import _LONG_RUN, lines_with_long_runs
from compliance.kinds.content import _ACTION_YEAR, _best_match, _lines_with_years, _Paragraph
from compliance.kinds.quality import _CLOSERS, _ENDS, _YEARS_WITHOUT_MARK, _lines_without_end, _suspects, _unbalanced

PAIRS = ("“”", "‘’", "《》", "()", "【】", "〔〕", '"')
# Marks of every pair (full-width brackets fold to half-width), item numbers and what bounds them.
ATOMS = [*"“”‘’《》()（）【】〔〕\"1a一 　。;!，法\n", " 1)", "。a)", "一)", "12)", "(一)", "二）"]
DAMAGE = st.lists(st.sampled_from(ATOMS), max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=DAMAGE)
@example(body="法治( a)法治")  # the item number a) is no closer: ( stays open
def test_every_unbalanced_pair_is_a_suspect_on_its_line(body: str) -> None:
    checked = document("某县2021年度法治政府建设情况报告\n" + body)
    unbalanced = {(number, pair) for number, _ in checked.numbered_lines()
                  for pair in PAIRS if any(_unbalanced(checked.matchable[number - 1], pair[0], pair[-1]))}
    suspects = _suspects(checked, list(PAIRS))
    assert unbalanced <= {(number, pair) for number, pairs in suspects.items() for pair in pairs}


YEARS = st.lists(st.sampled_from([*"。,;:!? 　\t\n我区年度在于一、.()1", "2021", "1999", "2021 ", "20", "21", "(一)",
                                   "(12)", "12、", "全区", "１９９９", "2021年", "二〇二一年"]), max_size=40).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=YEARS)
@example(body="1、2021年，我区\n。(12) 在2021年全区")  # item numbers of digits before the year
def test_every_action_year_is_on_a_line_with_years(body: str) -> None:
    checked = document("某县2021年度法治政府建设情况报告\n" + body)
    action = {number for number, _ in checked.numbered_lines() if _ACTION_YEAR.search(checked.matchable[number - 1])}
    assert action <= set(_lines_with_years(checked))


# The year pattern as it was written per line, before it was split by century for the whole body.
_YEAR_WITHOUT_MARK_PER_LINE = re.compile(r"(?<![\dA-Za-z.\-—–~至到])(?:19|20)\d{2}(?=[\u4e00-\u9fff])(?![年版届级号期])")
DIGITS = st.lists(st.sampled_from([*"0129a.-—~至到年版 \n法", "19", "20", "2021", "1999"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=DIGITS)
def test_years_without_mark_over_the_body_are_those_found_per_line(body: str) -> None:
    checked = document("某县2021年度法治政府建设情况报告\n" + body)
    per_line = [(number, match.span()) for number, _ in checked.numbered_lines()
                for match in _YEAR_WITHOUT_MARK_PER_LINE.finditer(checked.matchable[number - 1])]
    over_body = sorted((number, (match.start() - checked.line_starts[number - 1], match.end() - checked.line_starts[number - 1]))
                       for pattern in _YEARS_WITHOUT_MARK for match in pattern.finditer(checked.body_text)
                       for number in [bisect_right(checked.line_starts, match.start())])
    assert over_body == per_line


RUNS = st.lists(st.sampled_from([*"0123456789AXax法 -\n。", "13912345678", "11010519491231002X", "92360102MA38K2LP0L",
                                  "１２３４５", "٣٤٥"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text_=RUNS)
def test_every_line_with_a_long_run_is_a_candidate(text_: str) -> None:
    lines = text_.split("\n")
    with_runs = [index for index, line in enumerate(lines) if _LONG_RUN.search(line)]
    assert set(with_runs) <= set(lines_with_long_runs(lines))


ENDINGS = st.lists(st.sampled_from([*"。!?;:…”’」』)》】]\"' 　\t\n法,", "\u2028", "\x85"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=ENDINGS)
def test_every_line_whose_text_ends_without_a_mark_is_found(body: str) -> None:
    checked = document("某县2021年度法治政府建设情况报告\n" + body)
    open_ended = [number for number, _ in checked.numbered_lines()
                  if (text_ := checked.matchable[number - 1].strip().rstrip(_CLOSERS)) and text_[-1] not in _ENDS]
    assert set(open_ended) <= set(_lines_without_end(checked))


def _best_match_by_matcher(current: str, previous: list[tuple[int, str]], threshold: float) -> tuple[int, float] | None:
    """copied_text's comparison as it was first written: a SequenceMatcher for every pair."""
    best: tuple[int, float] | None = None
    for number, old in previous:
        matcher = SequenceMatcher(None, current, old, autojunk=False)
        floor = best[1] if best else threshold
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        ratio = matcher.ratio()
        if ratio >= floor:
            best = (number, ratio)
    return best


PARAGRAPHS = st.text(alphabet="法治政府建设#年", max_size=12)


@settings(max_examples=300, deadline=None)
@given(current=PARAGRAPHS, previous=st.lists(PARAGRAPHS, max_size=8), threshold=st.sampled_from([0.0, 0.5, 0.85, 1.0]))
def test_bounds_before_the_matcher_change_no_best_match(current: str, previous: list[str], threshold: float) -> None:
    old = list(enumerate(previous, start=1))
    expected = _best_match_by_matcher(current, old, threshold)
    assert _best_match(_Paragraph(0, current), [_Paragraph(n, text_) for n, text_ in old], threshold) == expected


def _python_lines_run(work: Callable[[], object]) -> int:
    """How many lines of Python `work()` runs: a count that, unlike a time, is the same on every machine,
    and grows with the square of the input where a loop inside a loop does."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_a_line_of_thousands_of_id_numbers_is_checked_in_linear_work() -> None:
    """Each ID number is a well-formed credit code too; each code was once compared with every number found,
    and 20,000 of them on one line took 15 s. The wall-clock side is in benchmarks/hostile.py."""
    from compliance.kinds.content import personal_data

    def hits_on_a_line_of(count: int) -> Callable[[], object]:
        checked = document("某县2021年度法治政府建设情况报告\n" + "11010519491231002X " * count)
        return lambda: [hit for hit in personal_data(checked, credit_code_context=["个人"])
                        if hit.data["kind"] == "id_number"]

    assert len(hits_on_a_line_of(2000)()) == 2000  # every number flagged, none lost to the credit-code check
    work = {count: _python_lines_run(hits_on_a_line_of(count)) for count in (500, 1000)}
    assert work[1000] < 2.2 * work[500], work  # linear doubles; one comparison per pair made it 3.4x


def _clause_ends_as_defined(line: str) -> list[int]:
    """Where clauses end, as the indicator kinds define it: at ; 。 ! ? : and at a comma, except a comma
    between a digit and exactly three more (1,021件 is one figure)."""
    ends = []
    for index, char in enumerate(line):
        if char in ";。!?:":
            ends.append(index)
        elif char == ",":
            after = line[index + 1:index + 5]
            thousands = (index > 0 and line[index - 1].isdecimal() and len(after) >= 3 and after[:3].isdecimal()
                         and not after[3:4].isdecimal())
            if not thousands:
                ends.append(index)
    return ends


@settings(max_examples=500, deadline=None)
@given(line=st.lists(st.sampled_from([*"0123456789,;。!?:件法 ", "1,021", ",1234", "12,34"]), max_size=40).map("".join))
@example(line="审结1,021件,其中3,2件")
def test_the_clause_pattern_ends_clauses_where_its_definition_does(line: str) -> None:
    from compliance.kinds.indicators import CLAUSE_END

    assert [match.start() for match in CLAUSE_END.finditer(line)] == _clause_ends_as_defined(line)
