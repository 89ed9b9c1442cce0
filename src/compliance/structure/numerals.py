"""Small Chinese numerals (一 … 九十九, and year digits 二〇二一) as ints, for numbering and dates."""

from __future__ import annotations

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# The financial numerals (大写数字) Word's 壹、贰、叁 numbering draws, simplified and traditional, as the
# everyday ones: 壹拾贰 is 十二.
FINANCIAL = "壹贰貳叁參叄肆伍陆陸柒捌玖拾"
_EVERYDAY = str.maketrans(FINANCIAL, "一二二三三三四五六六七八九十")


def small_number(numeral: str) -> int | None:
    """一 … 九十九, 壹 … 玖拾玖 (and Arabic digits) as an int; None when it is not one."""
    if numeral.isdigit():
        return int(numeral)
    if not numeral:
        return None
    if numeral.strip("一二两三四五六七八九十"):  # a character left over: financial, or not a numeral
        numeral = numeral.translate(_EVERYDAY)  # 壹拾壹 is 一十一: eleven, as below
        if numeral.strip("一二两三四五六七八九十"):
            return None
    if "十" not in numeral:
        return _CN_DIGIT[numeral] if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _cn_year(numeral: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in numeral))
