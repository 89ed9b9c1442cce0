"""The shared searches give what the plain per-pattern, per-line searches give, however they are sped up.

Whole-report scans (RE2 called directly, the faster engine for an alternation, the one-pass check of
which patterns occur at all) are compared with a plain finditer over the report's text; the joined
search of headings with a search of each line on its own. Patterns are the bundled packs' own.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

from helpers import document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.kinds.common import find_all, find_any
from compliance.matching import (
    anchored,
    compile_pattern,
    compile_utf8,
    find_in_lines,
    line_local,
    lines_matching,
    search_any,
)
from compliance.profiles import bundled

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pack_patterns() -> tuple[list[str], list[list[str]]]:
    """Every pattern the bundled packs search a report for, and their lists of headings."""
    singles: set[str] = set()
    lists: list[list[str]] = []
    for name in ("national", "government", "department", "township"):
        for rule in bundled(name).rules:
            for key in ("topics", "numerator", "denominator", "rate", "lesser", "greater", "patterns",
                        "fallback_patterns", "before", "within", "plan_patterns"):
                value = rule.params.get(key)
                if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
                    singles.update(value)
                    lists.append(value)
    return sorted(singles), lists


PATTERNS, PATTERN_LISTS = _pack_patterns()
# Report-shaped text from the words the packs look for, figures, punctuation and line breaks.
PIECES = st.sampled_from([
    "受理", "行政复议", "复议", "案件", "39件", "审结", "36件", "出庭应诉率", "100%", "应诉", "负责人出庭", "行政诉讼",
    "法律顾问", "列席", "提供", "出具", "法律服务", "审查", "文件", "规范性文件", "备案", "评查", "抽查", "案卷",
    "执法证", "学法", "重大行政决策", "事项", "XX", "××", "(略)", "( )", "某某", "区长", "市委书记", "主要负责人",
    "存在的问题", "不足", "原因", "主要是", "下一步", "2023年工作安排", "一、", "(二)", "，", ",", "。", ";", "\n",
    " ", "第一责任人", "职责",
])
REPORTISH = st.lists(st.one_of(PIECES, st.text(alphabet="受理复议件率%,。\n ab", max_size=4)), max_size=80).map("".join)


def _plain(body: str, line_starts: tuple[int, ...], pattern: str) -> list[tuple[int, int, int]]:
    """What a search of the whole body should find: what finditer finds in each line on its own (a match
    that would run into the next line gives way to one within its line), empty matches dropped. An anchored
    pattern is searched in the whole body, where ^ is its start, its matches across a line break dropped."""
    compiled = compile_pattern(pattern)
    if anchored((pattern,)):
        matches = [match.span() for match in compiled.finditer(body) if "\n" not in match.group()]
    else:
        bounds = [*line_starts, len(body) + 1]
        matches = [match.span() for start, end in itertools.pairwise(bounds)
                   for match in compiled.finditer(body, start, end - 1)]
    found = []
    for start, end in matches:
        if end <= start:
            continue
        index = bisect_right(line_starts, start) - 1
        found.append((index + 1, start - line_starts[index], end - line_starts[index]))
    return found


@SETTINGS
@given(REPORTISH)
@example("审查文件 39件 \n 规范性文件")  # a greedy [^。;,]{0,20} reaches the next line from a line without a stop
def test_whole_report_searches_find_what_finditer_finds(text: str) -> None:
    report = document("某县2022年度法治政府建设情况报告\n" + text)
    for pattern in PATTERNS:
        assert find_all(report, [pattern]) == _plain(report.body_text, report.line_starts, pattern), pattern


@SETTINGS
@given(REPORTISH)
def test_joined_alternatives_find_what_their_finditer_finds(text: str) -> None:
    report = document("某县2022年度法治政府建设情况报告\n" + text)
    for patterns in PATTERN_LISTS:
        # find_any joins the patterns per engine they were written for; the stdlib's group may now run on RE2.
        groups = [[p for p in patterns if (compile_utf8(p) is None) == stdlib] for stdlib in (True, False)]
        joined = ["|".join(f"(?:{member})" for member in group) for group in groups if group]
        expected = sorted(hit for pattern in joined for hit in _plain(report.body_text, report.line_starts, pattern))
        assert find_any(report, patterns) == expected, patterns


@SETTINGS
@given(st.lists(REPORTISH.map(lambda text: text.replace("\n", "")), max_size=12))
def test_lines_matching_is_a_search_of_each_line(lines: list[str]) -> None:
    for patterns in PATTERN_LISTS:
        assert lines_matching(patterns, lines) == [search_any(patterns, line) is not None for line in lines], patterns


@SETTINGS
@given(REPORTISH)
def test_searching_lines_alone_finds_what_the_whole_report_search_finds_on_them(text: str) -> None:
    report = document("某县2022年度法治政府建设情况报告\n" + text)
    numbered = [(number, line) for number, line in enumerate(report.matchable, start=1)
                if number not in report.skipped_lines]
    for pattern in [*PATTERNS, "x.y", "[a-z]\\d"]:
        if line_local(pattern):
            assert find_in_lines(pattern, numbered) == find_all(report, [pattern]), pattern


def test_patterns_that_may_cross_a_line_or_match_nothing_are_not_line_local() -> None:
    for pattern in ["法律顾问[^。;,]{0,12}列席", "a\\sb", "(案件)?", "a|b?", "^受理", "\\bab", "(?s:x.y)", "[\\n]x", "\\p{Han}",
                    "[[:space:]]*应诉"]:  # RE2's POSIX class crosses lines; Python's parser sees a set of letters
        assert not line_local(pattern), pattern
    for pattern in ["应诉(案件)?", "受理\\d+件", "x.y", "出庭应诉率"]:
        assert line_local(pattern), pattern


def test_patterns_mean_what_re2_says_whichever_engine_runs_them() -> None:
    # The pack language is RE2's. Python's engine reads [[:digit:]] as a set of letters and its \d \w \b
    # as Unicode classes; patterns using them must not be handed to it.
    import re2

    cases = [("第[[:digit:]]项", "完成第5项任务"), (r"\bab", "中ab"), (r"[\d]件", "共５件"), (r"\w", "法治"),
             (r"项[[:alpha:]]", "项a"), ("执法证件", "领取执法证件")]
    for pattern, text in cases:
        expected = re2.search(pattern, text)
        found = search_any([pattern], text)
        assert (found is None) == (expected is None), pattern
        if found is not None and expected is not None:
            assert found.group() == expected.group(), pattern
        assert (compile_pattern(pattern).search(text) is None) == (expected is None), pattern


def test_leads_are_read_only_where_both_engines_agree() -> None:
    from compliance.kinds.common import _leads

    assert _leads("[Xx]{2,}") == ("XX", "Xx", "xX", "xx")
    assert _leads("此处(输入|添加)") == ("此处",)
    assert _leads("\\(\\s*\\)") == ("(",)
    for unread in ("(?i)abc", "[[:digit:]]x", "a?b", "a{,3}", "\\d+", "[^()]略", "(a|bc)d"):
        assert _leads(unread) is None, unread
