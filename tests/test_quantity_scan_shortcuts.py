"""Shortcuts of the quantity scan: the lookahead before the digit-led skip alternatives only spares re trying them
where none can match; the candidate search, listing digits instead of testing \\d, still stops at every digit;
build's scan, told the full-width characters fold found, finds what a scan that looks for them finds."""

from __future__ import annotations

import re
import sys

from helpers import document
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance.quantities import (
    _DIGIT_SKIP_AHEAD,
    _FULL_WIDTH,
    _PATTERN,
    _SKIP_FROM_DIGITS,
    _START,
    _decimal_digits,
    find_quantities_in_lines,
)

# _PATTERN as it reads without the lookahead: the plain computation the shortcut must equal.
assert _PATTERN.pattern.count(_DIGIT_SKIP_AHEAD) == 1
_PLAIN = re.compile(_PATTERN.pattern.replace(_DIGIT_SKIP_AHEAD, ""), re.VERBOSE)

# Digit runs, what each skipped word needs after its digits, and what a quantity or plain text has there, drawn
# equally often so that every combination of two or three of them comes up.
DIGIT_RUNS = st.sampled_from([*"0123456789", "12", "2021", "12345", "1234567", "3.5", "5G"])
NEEDED = st.sampled_from([".", "/", "-", "—", "~", "至", "到", ":", "：", " ", "\t", "\u3000", "\xa0", "·", "•", "余",
                          "多", "年", "月", "日", "号", "时", "点", "分", "内", "以", "热线", "A"])
OTHER = st.sampled_from(["热", "线", "服务", "，", "。", "\n", "件", "人", "条", "万", "%", "(", "x", "法", "一", "第", "个"])
TEXT = st.lists(st.one_of(DIGIT_RUNS, NEEDED, OTHER), max_size=12).map("".join)


def _outcome(match: re.Match[str] | None) -> tuple[object, ...] | None:
    return None if match is None else (match.span(), match.lastgroup, match.groups())


@settings(max_examples=1500, deadline=None)
@given(text=TEXT)
@example(text="共3余年、10多年、5—6年、3.5年、2021 年")  # each way a year or duration is written
@example(text="6 月, 1-2月3日, 11 日, 3 号, 9：30, 8 点 30分, 9时, 12 · 4, A5G, 2022/3/11")
@example(text="拨打12345服务热线")
def test_the_lookahead_changes_no_match(text: str) -> None:
    for position in range(len(text)):
        assert _outcome(_PATTERN.match(text, position)) == _outcome(_PLAIN.match(text, position)), position


def test_every_digit_led_skip_alternative_is_let_through() -> None:
    # One word for each alternative of _SKIP_FROM_DIGITS, in order, and what of it is skipped.
    skipped = [("5G", "5G"), ("2022-03-11", "2022-03-11"), ("2021年", "2021年"), ("3月11日", "3月11日"), ("11日", "11日"),
               ("3号", "3号"), ("9:30", "9:30"), ("8点30分", "8点30分"), ("12·4", "12·4"), ("12345服务热线", "12345")]
    assert len(skipped) == len(_SKIP_FROM_DIGITS)
    for word, part in skipped:
        match = _PATTERN.match(word)
        assert match is not None and (match.lastgroup, match.group()) == ("skip", part), word


def test_every_digit_is_a_candidate() -> None:
    digits = re.findall(r"\d", "".join(map(chr, range(sys.maxunicode + 1))))
    assert _decimal_digits(0x10000) == "".join(digit for digit in digits if digit <= "\uffff")
    assert [digit for digit in digits if not _START.match(digit)] == []


# Quantities written with digits of other scripts (Arabic-Indic, Devanagari, full-width, mathematical) and
# characters beyond the BMP that are not digits, around what makes a Chinese numeral a candidate or not.
WIDE = st.lists(st.sampled_from([*"٣٤०१２３𝟏𝟐𝟘😀𠁞12一二十百分之个件年余多", "百分之", "两个", "\n"]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=WIDE)
def test_every_place_a_quantity_can_start_is_still_a_candidate(text: str) -> None:
    assert [p for p in range(len(text)) if _PATTERN.match(text, p) and not _START.match(text, p)] == []


# Report lines with full-width digits, letters and signs among half-width ones, in the body and the header.
FULL_WIDTH_TEXT = st.lists(st.one_of(st.sampled_from(sorted(_FULL_WIDTH)), st.sampled_from([*"0123456789.%/-:A"]),
                                     st.sampled_from(["件", "人次", "年", "，", "。", "\u3000", "\n", "发布机构：",
                                                      "2021年度法治政府建设情况报告\n"])), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=FULL_WIDTH_TEXT)
@example(body="共１２．５％，Ａ5件，３／４，５－６件，Ｚ2\n始于２０２１\n")
def test_build_finds_the_quantities_a_plain_scan_finds(body: str) -> None:
    built = document("某县2021年度法治政府建设情况报告\n" + body)
    assert list(built.quantities) == find_quantities_in_lines(list(built.numbered_lines()))
