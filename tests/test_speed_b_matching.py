"""The shortcuts of the shared searches give what the plain searches give.

`lines_matching` leaves out of its scan the patterns whose leads the lines do not hold, and searches a
line only up to its first match; both are compared with a search of each line on its own, on lines made
of the words the pack patterns start with, so that matches often open a line, end one, or sit one
after another.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.matching import lines_matching, possible, search_any
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


@SETTINGS
@given(LINE)
def test_patterns_left_out_match_nowhere(text: str) -> None:
    for patterns in PATTERN_LISTS:
        kept = possible(tuple(patterns), text)
        assert all(search_any([pattern], text) is None for pattern in patterns if pattern not in kept), patterns
