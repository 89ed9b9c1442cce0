"""The paired-figure kinds bind a paragraph's figures only as far as a pair needs them: what they report is
what they reported when every figure of the paragraph was bound first."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compliance.kinds import KINDS, indicators
from compliance.model import Hit
from compliance.ruleset import load_ruleset

NATIONAL = {rule.id: rule for rule in load_ruleset("national").rules}
PAIRED = ["indicators.court_appearance_consistency", "indicators.reconsideration_closed_not_above_received"]
# The words of both rules, their figures, and what ends a clause or a paragraph.
PIECES = ["应诉", "应诉案件", "行政诉讼", "行政诉讼案件", "负责人出庭", "出庭应诉", "出庭", "出庭应诉率", "出庭率",
          "受理", "审结", "办结", "行政复议", "复议", "97件", "95件", "3件", "40件", "0件", "97.9%", "100%", "50%",
          "，", "。", "；", "\n", "全年", "其中"]
PARAGRAPHS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _hits(text_: str, rule_id: str) -> list[Hit]:
    rule = NATIONAL[rule_id]
    return list(KINDS[rule.kind](document("某县2021年度法治政府建设情况报告\n" + text_), **rule.params))


def _bound_whole(document_: Any, topics: Any, units: Any, context: Any, lines: frozenset[int]) -> list[Any]:
    """Every figure of the paragraph bound before any is read, as the kinds did before drawing them lazily."""
    return [b for b in indicators._bindings(document_, topics, units, context, (), 40, 12, (), lines)
            if b.quantity is not None]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=PARAGRAPHS, rule_id=st.sampled_from(PAIRED))
@example(body="应诉案件97件,负责人出庭95件,出庭应诉率97.9%。", rule_id=PAIRED[0])
@example(body="行政诉讼案件40件,应诉3件,出庭95件,出庭应诉率97.9%,出庭率50%。", rule_id=PAIRED[0])
@example(body="行政复议受理40件,审结3件,办结95件,受理97件。", rule_id=PAIRED[1])
def test_figures_drawn_lazily_pair_as_when_all_were_bound(body: str, rule_id: str) -> None:
    lazy = _hits(body, rule_id)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indicators, "_figures_on", _bound_whole)
        whole = _hits(body, rule_id)
    assert lazy == whole
