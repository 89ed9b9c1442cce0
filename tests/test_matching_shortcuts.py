"""The shortcuts of the shared searches give what the plain searches give.

`lines_matching` searches a line only up to its first match; it is compared with a search of each line
on its own, on lines made of the words the pack patterns start with, so that matches often open a line,
end one, or sit one after another. A scan of the whole report may run a pattern with bounded repetitions on the stdlib's
engine; it is compared with RE2's own finditer, the pack language's reading.
"""

from __future__ import annotations

import re2
from helpers import document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.kinds.common import find_all
from compliance.matching import compile_scan, find_in_lines, line_local, lines_matching, search_any
from compliance.profiles import bundled

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pattern_lists() -> list[list[str]]:
    """The bundled packs' lists of heading patterns, which `lines_matching` searches headings with."""
    lists = []
    for name in ("national", "government", "department", "township"):
        for rule in bundled(name).rules:
            for key in ("patterns", "fallback_patterns", "before", "within", "plan_patterns", "context", "exclude"):
                value = rule.params.get(key)
                if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
                    lists.append(value)
    return lists


# Lists that can match empty (the search must still move on), and literals next to each other.
EDGE_LISTS = [["(案件)?"], ["a|b?", "问题"], ["不足", "x"], ["问题和不足", "问题"], ["[Xx]{2,}", "某某"]]
PATTERN_LISTS = _pattern_lists() + EDGE_LISTS
WORDS = st.sampled_from([
    "存在的问题", "问题", "不足", "和", "原因", "短板", "薄弱环节", "差距与不足", "主要举措", "工作", "开展", "情况",
    "成效", "法治政府建设", "第一责任人", "主要负责人", "职责", "下一步", "2023年工作安排", "其他事项", "XX", "某某",
    "一、", "(二)", "，", "。", " ", "a", "b", "x",
])
LINE = st.lists(WORDS, max_size=8).map("".join)


@SETTINGS
@given(st.lists(LINE, min_size=4, max_size=14))
@example(["问题", "问题", "问题", "问题"])  # a match at the start of each line, right after the previous one
@example(["", "", "", ""])
def test_lines_matching_is_a_search_of_each_line(lines: list[str]) -> None:
    for patterns in PATTERN_LISTS:
        assert lines_matching(patterns, lines) == [search_any(patterns, line) is not None for line in lines], patterns


# ---------------------------------------------------------------- whole-report scans on the stdlib's engine

# Patterns with repetitions that a scan of the whole report may run on the stdlib's engine, and some it
# must not: classes Python reads as Unicode (\d, \s), {,n} (RE2 reads it as text), a class crossing lines.
BOUNDED = ["法律顾问[^。;,]{0,12}列席", "(审查|审核)[^。;,]{0,8}文件", "执法证件?", "备案(审查)?率", "重大行政决策[^。;,]{0,12}(目录|事项|审查)",
           "受理\\d{1,3}件", "法律{,2}师", "受理\\s?件", "列席.{0,3}(法律顾问|顾问)", "x(ab|a){1,3}b", "审[^a]{0,2}件"]
SCANNED = st.lists(st.sampled_from(["法律顾问", "列席", "执法证", "件", "备案", "审查", "率", "重大行政决策", "目录", "事项",
                                    "受理", "٣", "5", " ", "\u3000", "律", "师", "法律{,2}师", "{,2}", "顾问", "审核", "文件", "x", "ab", "a",
                                    "b", "。", ",", "\n"]), max_size=60).map("".join)


@SETTINGS
@given(SCANNED)
@example("受理٣件 受理 件 法律师 法律{,2}师")
@example("法律顾问列席\n列席")  # the greedy [^。;,]{0,12} reaches the next line: the match within the first counts
def test_a_scan_on_either_engine_finds_what_re2_finds(text: str) -> None:
    report = document("某县2022年度法治政府建设情况报告\n" + text)
    for pattern in BOUNDED:
        # The pack language's own reading, of each line on its own (a match never runs into the next line).
        expected = [(number, *match.span()) for number, line in enumerate(report.body_text.split("\n"), start=1)
                    for match in re2.finditer(pattern, line) if match.end() > match.start()]
        assert find_all(report, [pattern]) == expected, pattern
        if line_local(pattern):
            numbered = [(number, report.matchable[number - 1]) for number, _ in report.numbered_lines()]
            assert find_in_lines(pattern, numbered) == expected, pattern


@SETTINGS
@given(SCANNED)
@example("法律顾问列席 审核文件")
def test_a_search_of_a_line_on_either_engine_finds_what_re2_finds(line: str) -> None:
    for patterns in [[pattern] for pattern in BOUNDED] + [BOUNDED[:4], BOUNDED[4:], BOUNDED]:
        earliest = None  # RE2's reading: the earliest match, the first pattern's when two start together
        for pattern in patterns:
            match = re2.search(pattern, line)
            if match and (earliest is None or match.start() < earliest[0]):
                earliest = match.span()
        found = search_any(patterns, line)
        assert (found.span() if found else None) == earliest, patterns


def test_only_few_bounded_repetitions_after_a_literal_scan_on_the_stdlib_engine() -> None:
    for pattern in ["法律顾问[^。;,]{0,12}列席", "执法证件?", "备案(审查)?率", "不足(之处)?(和|与|及)?原因",
                    "(审查|审核)[^。;,]{0,8}文件"]:
        assert compile_scan(pattern) is not None, pattern
    for pattern in ["法律顾问[^。;,]*列席", "法律顾问.{0,80}列席", "[^。]{0,12}列席", "(提供|出具)[^。;,]{0,6}法律",
                    "法律顾问.{0,12}?列席", "受理\\d{1,3}件", "受理\\s?件", "法律{,2}师", "x(a?){0,3}y", "x?", "x{0,3}",
                    "(?i)x{0,2}y", "x.{0,9}y.{0,9}z"]:
        assert compile_scan(pattern) is None, pattern
    # Repeating what is not one character or one optional word: every path is as long as the repetition
    # (a megabyte of 审 took 0.9 s on the stdlib's engine with the first, 0.007 s on RE2).
    for pattern in ["审(?:审|[^x]){0,5}x", "审(?:[^x]{8}){8}x", "审(?:[^x]{60}|[^x]{59}){0,5}x", "x(ab|a){1,3}b",
                    "审(?:审|审){0,3}x"]:
        assert compile_scan(pattern) is None, pattern
