"""fold() is one str.translate of the whole folding table, however it gets there."""

from __future__ import annotations

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
