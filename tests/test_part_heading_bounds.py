"""The bounds `part` sets headings aside with before it compares them with a part's standard heading never
set aside the heading a comparison with every heading would pick."""

from __future__ import annotations

from difflib import SequenceMatcher

from helpers import document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.kinds.structural import _most_similar_heading, _sections

# Standard headings, one with a character twice (履行…责任人职责), and headings made of their characters
# (repeated, so that counting them with repetition matters) and a few others.
CANONICALS = ["存在的不足和原因", "履行推进法治建设第一责任人职责情况", "原原因"]
HEADINGS = st.lists(st.text(alphabet="存在的不足和原因责任人职问题法治", min_size=1, max_size=12), min_size=1, max_size=8)


def _closest_by_matcher(headings: list[str], canonical: str, threshold: float) -> tuple[str, float] | None:
    """The first heading with the highest ratio of at least `threshold`, every heading compared."""
    best: tuple[str, float] | None = None
    for heading in headings:
        ratio = SequenceMatcher(None, canonical, heading, autojunk=False).ratio()
        if ratio >= threshold and (best is None or ratio > best[1]):
            best = (heading, ratio)
    return best


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HEADINGS, st.sampled_from(CANONICALS), st.sampled_from([0.0, 0.3, 0.45, 0.8, 1.0]))
@example(["原原原原", "存在的不足和原因"], "原原因", 0.45)
def test_bounds_never_set_the_closest_heading_aside(headings: list[str], canonical: str, threshold: float) -> None:
    numerals = "一二三四五六七八九"
    checked = document("某县2022年度法治政府建设情况报告\n" + "\n".join(
        f"{numerals[index]}、{heading}" for index, heading in enumerate(headings)))
    found = _most_similar_heading(checked, canonical, threshold)
    expected = _closest_by_matcher([section.heading for section in _sections(checked)], canonical, threshold)
    assert (None if found is None else (found[0].heading, found[1])) == expected
