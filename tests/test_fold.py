"""fold() is one str.translate of the whole folding table, however it gets there; and an ASCII full stop that ends a
Chinese sentence is its 。."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.structure.fold import _FOLD, _fold_lines, fold
from compliance.traditional import SIMPLIFIED, TRADITIONAL

# Characters on every path fold takes: full-width signs, odd spaces, traditional characters in and beyond the
# BMP, their simplified forms, other astral characters, lone surrogates and newlines.
ALPHABET = st.sampled_from([
    "，", "（", "）", "：", "Ａ", "９", "\u3000", "\xa0", "\ufeff", "\u2002", "\u2003", "a", " ", "\n",
    "報", "實", "區", "㑮", "𠁞", "𫜦", "报", "实", "区", "𫝈", "😀", "\ud800", "\udfff", "。", "法",
])
TEXT = st.lists(ALPHABET, max_size=80).map("".join)


def _translated(text: str) -> str:
    """The definition: lone surrogates to U+FFFD, then every character through the table."""
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text).translate(_FOLD)


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_fold_is_one_translation(text: str) -> None:
    assert fold(text) == _translated(text)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(TEXT, max_size=8))
def test_folding_lines_together_is_folding_each(lines: list[str]) -> None:
    assert _fold_lines(lines) == [_translated(line) for line in lines]


def test_every_traditional_character_folds() -> None:
    assert fold(TRADITIONAL) == SIMPLIFIED
    assert fold(" ".join(TRADITIONAL)) == " ".join(SIMPLIFIED)


@pytest.mark.parametrize(("text", "folded"), [
    ("审核率100%.组织执法案卷评查,抽查案卷210卷.", "审核率100%。组织执法案卷评查,抽查案卷210卷。"),
    ("开展\"城管进社区\"活动.局党组学法5次.  ", "开展\"城管进社区\"活动。局党组学法5次。  "),
    ("完善体制.\n(二)严格执法.", "完善体制。\n(二)严格执法。"),
    ("推行《临澜区户外广告设施设置管理办法》.“首违不罚”", "推行《临澜区户外广告设施设置管理办法》。“首违不罚”"),
])
def test_an_ascii_full_stop_ending_a_sentence_is_its_stop(text: str, folded: str) -> None:
    # A CMS that turns Chinese punctuation into ASCII: every kind then reads the sentence's end as it is.
    assert fold(text) == folded


@pytest.mark.parametrize("text", [
    "拆除违法建设面积12.6万平方米", "一.主要举措和成效", "访问www.gov.cn查询", "详见附件1.docx", "等等...后来",
    "2026.3.5发布", "第3.2条", "Mr.王",
])
def test_other_full_stops_stay(text: str) -> None:
    assert fold(text) == text
