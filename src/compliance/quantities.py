"""Numbers with their units in report text: Arabic and Chinese numerals, 万/亿, ranges, ratios, approximations.

Values are normalised, not just parsed: 万/亿 multiply the value (328.6万元 → 3286000 元, 2万名 → 20000 人), units
map to one spelling each (名/位 → 人, 批次 → 批, 日 → 天, 个工作日 → 工作日, ％/百分之 → %), and 余 多 近 约 超 逾 左右
以上 set `approx`. A Chinese numeral counts only before a known unit; an Arabic one counts alone too (unit '').
Years, durations in 年, dates, ordinals (第一), document numbers, numbering (1、 （2）) and slogans are not
quantities. We parse Chinese numerals ourselves: cn2an is slower, pulls in PyYAML and knows no units or context.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from decimal import Decimal
from itertools import accumulate
from typing import Final

from .model import Location, Quantity

# Spelling as written → normalised unit. Longer spellings win in the pattern (sorted by length below).
_UNITS: Final[dict[str, str]] = {
    "%": "%",
    "个百分点": "百分点",
    "百分点": "百分点",
    "个工作日": "工作日",
    "工作日": "工作日",
    "人次": "人次",
    "户次": "户次",
    "场次": "场次",
    "件次": "件次",
    "批次": "批",
    "个月": "个月",
    "个多月": "个月",  # 1个多月: approximate, see _quantities
    "小时": "小时",
    "分钟": "分钟",
    "公里": "公里",
    "平方公里": "平方公里",
    "平方米": "平方米",
    "美元": "美元",
    "件": "件",
    "次": "次",
    "人": "人",
    "名": "人",
    "位": "人",
    "个": "个",
    "项": "项",
    "份": "份",
    "卷": "卷",
    "场": "场",
    "部": "部",
    "条": "条",
    "元": "元",
    "家": "家",
    "户": "户",
    "处": "处",
    "起": "起",
    "批": "批",
    "期": "期",
    "篇": "篇",
    "天": "天",
    "日": "天",
    "台": "台",
    "辆": "辆",
    "套": "套",
    "张": "张",
    "本": "本",
    "册": "册",
    "所": "所",
    "座": "座",
    "类": "类",
    "支": "支",
    "宗": "宗",
    "例": "例",
    "轮": "轮",
    "亩": "亩",
    "吨": "吨",
    "学时": "学时",
}

# A few units double as the first character of ordinary words; these guards keep them units only.
_UNIT_GUARDS: Final[dict[str, str]] = {
    "人": "人(?!民)",  # 人民
    "位": "位(?!数|于)",  # 两位数增长
    "日": "日(?=[以之]?内)",  # 5日内 is a duration; a bare 11日 is a day of the month
}

_MULTIPLIERS: Final[dict[str, int]] = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8, "千": 10**3}

# Fixed phrases whose numerals are names, not counts (行政执法“三项制度”, “五个零”).
_SLOGANS: Final[tuple[str, ...]] = (
    "两个维护", "两个确立", "两个一百年", "两个大局", "两个责任", "两个务必", "三个务必", "三个代表",
    "四个意识", "四个自信", "四个全面", "四个最严", "五个零", "三项制度", "两项制度", "三位一体",
    "四位一体", "五位一体", "八项规定", "三番五次", "三令五申",
)

_APPROX_PREFIXES: Final[tuple[str, ...]] = ("超过", "将近", "接近", "大约", "约", "近", "超", "逾")
_APPROX_LAST: Final[frozenset[str]] = frozenset(prefix[-1] for prefix in _APPROX_PREFIXES)

_DIGIT_VALUES: Final[dict[str, int]] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_SMALL_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS: Final[dict[str, int]] = {"万": 10**4, "亿": 10**8}

# Full-width digits and signs become ASCII one for one, so offsets in the normalised text are offsets in the original.
_FULL_WIDTH: Final[dict[str, str]] = {
    **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "％": "%", "．": ".", "／": "/", "－": "-", "＋": "+", "：": ":",
}
_FULL_WIDTH_SIGN: Final[re.Pattern[str]] = re.compile("[" + "".join(map(re.escape, _FULL_WIDTH)) + "]")

_SPACES = r" \t\u3000\xa0"
_SP = rf"[{_SPACES}]?"
# 1,234,567 or a plain run. The thousands form takes its first digits whole (at most three, a comma next) and
# repeats a group only once one comma group is there: most numbers have no comma and leave at once.
_DIGITS = r"(?>\d{1,3}+,\d{3}(?:,\d{3})*(?!\d)|\d+)(?:\.\d+)?"
_CN_CHARS = "〇零一二两三四五六七八九十百千万亿"
# Only from the start of a run of numerals, possessively: a long run must not be rescanned from every position.
_CN = rf"(?<![{_CN_CHARS}])[{_CN_CHARS}]++(?:点[〇零一二三四五六七八九]++)?"
_SEP_CHARS = "-~～〜—–至到"  # the hyphen first: a literal in any class this opens
_SEP = f"[{_SEP_CHARS}]"
_TIMES_COUNT = "两二三四五六七八九"  # 两个100%: two rates of 100 %
_UNIT = "|".join(_UNIT_GUARDS.get(unit, re.escape(unit)) for unit in sorted(_UNITS, key=len, reverse=True))
_MULT = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))

# Words skipped whole, so that no quantity is read inside them. Those opening with a digit run are grouped: no
# other alternative opens with a digit, so where they stand among the rest changes no match.
# Leading digit runs are possessive (\d++, \d{1,2}+): what follows them never starts with a digit, so giving
# digits back cannot make an alternative match; it only made each failing one retry every shorter run.
_SKIP_FROM_DIGITS = (
    r"\d++[A-Za-z][A-Za-z0-9]*",  # 5G, 3D
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",  # 2022-03-11
    rf"\d++(?:\.\d++)?{_SP}[余多]?(?:{_SEP}{_SP}\d+{_SP})?年",  # years (2021年度, 2021—2025年) and durations (3年)
    rf"\d{{1,2}}+{_SP}(?:{_SEP}{_SP}\d{{1,2}}{_SP})?月(?:{_SP}\d{{1,2}}{_SP}[日号])?",  # 6月, 3月11日, 1-2月
    rf"\d{{1,2}}+{_SP}日(?![以之]?内)",  # 11日
    rf"\d++{_SP}号",  # 3号文, 〔2022〕3号
    r"\d{1,2}[:：]\d{2}",  # 9:30
    rf"\d{{1,2}}+{_SP}(?:时|点{_SP}\d{{1,2}}{_SP}分)",  # 9时, 8点30分 (a bare 3点 may be 3 points of a plan)
    rf"\d{{1,2}}+{_SP}[·•]{_SP}\d{{1,2}}",  # 12·4 国家宪法日
    r"\d{3,6}+(?=[^，。；,;!?！？\d\n]{0,10}热线)",  # 12345 政务服务热线 (on the same line)
)
# Each of them needs one of these right after the whole digit run (or 热线 a few characters on). Most numbers
# have none ("34条"), and trying the ten alternatives anyway cost a third of matching a number: the lookahead
# lets re pass them all at once. An alternative added above must be let through here too; the property test
# in tests/test_quantity_scan_shortcuts.py compares the pattern with and without this lookahead.
_DIGIT_SKIP_AHEAD = rf"(?=\d++(?:[{_SEP_CHARS}A-Za-z/.:：{_SPACES}余多年月日号时点·•]|[^，。；,;!?！？\d\n]{{0,10}}热线))"
_SKIP = "|".join((
    rf"{_DIGIT_SKIP_AHEAD}(?:{'|'.join(_SKIP_FROM_DIGITS)})",
    r"[A-Za-z][A-Za-z0-9_./-]*",  # identifiers and index numbers (A25110--2022-0003, E平台)
    rf"第{_SP}(?:\d+|[{_CN_CHARS}]+)(?:{_SP}[、,，和至-]{_SP}(?:\d+|[{_CN_CHARS}]+))*",  # 第一, 第八批, 第1、2批
    rf"前{_SP}(?:\d+|[{_CN_CHARS}]+){_SP}[名位强]",  # rankings: 前三名, 前10位
    r"[〔\[【]\d{4}[〕\]】]",  # 〔2022〕
    rf"[（(]{_SP}(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_SP}[)）]",  # （1） numbering
    "|".join(_SLOGANS),
))

# In the arabic alternative, which nearly every number takes, a group holds an optional part rather than being
# optional itself ([余多]? inside, "|" closing a choice of parts): re repeats an optional group through its
# general loop, which costs more than the part. Such a group reads "" instead of None when absent.
_PATTERN: Final[re.Pattern[str]] = re.compile(
    rf"""
    (?P<skip>{_SKIP})
  | (?P<times>(?P<t_count>[{_TIMES_COUNT}])个{_SP}(?P<t_value>{_DIGITS}){_SP}%)
  | (?P<percent>百分之(?P<p_value>{_DIGITS}|{_CN})(?P<p_suffix>以上|左右)?)
  | (?P<arabic>(?<![\d.])(?P<a_value>{_DIGITS}){_SP}(?P<a_approx>[余多]?)(?P<a_mult>(?:{_MULT})?)(?P<a_approx2>[余多]?)
        (?:(?:%(?={_SP}{_SEP}))?{_SP}{_SEP}{_SP}(?P<a_upper>{_DIGITS})(?P<a_upper_mult>(?:{_MULT})?)
         | {_SP}/{_SP}(?P<a_denominator>{_DIGITS})
         | )
        (?:{_SP}(?P<a_unit>{_UNIT})|[（(](?P<a_paren_unit>{_UNIT})[)）]|)
        (?P<a_suffix>(?:左右|以上)?))
  | (?P<chinese>(?P<c_value>{_CN})(?:(?P<c_approx>[余多])(?P<c_mult>{_MULT})?)?
        (?:{_SP}[至到]{_SP}(?P<c_upper>{_CN}))?
        (?P<c_unit>{_UNIT})(?P<c_suffix>左右|以上)?)
    """,
    re.VERBOSE,
)

# The arabic alternative's groups by number, in the order _quantity unpacks them: no name lookups per match.
_ARABIC_GROUPS: Final[tuple[int, ...]] = tuple(_PATTERN.groupindex[name] for name in (
    "a_value", "a_approx", "a_mult", "a_approx2", "a_upper", "a_upper_mult", "a_denominator", "a_unit", "a_paren_unit",
    "a_suffix"))

_OPEN_QUOTES: Final[frozenset[str]] = frozenset("“「『‘\"'")
_NUMBERING_MARKS: Final[frozenset[str]] = frozenset("、.．")
_OUTLINE_NUMBER: Final[re.Pattern[str]] = re.compile(r"[1-9]\d?\.\d{1,2}")  # 1.1, 12.3: no 0.5, no 3.1416
_SENTENCE_ENDS: Final[frozenset[str]] = frozenset("。；;：:！？!?")


def chinese_to_number(text: str) -> float | None:
    """Value of a Chinese numeral string (一百二十五 → 125, 两千三百, 九十二点七, 百分之九十二点七 → 92.7), None if not one."""
    text = text.removeprefix("百分之")
    whole, point, fraction = text.partition("点")
    value = _chinese_integer(whole)
    if value is None:
        return None
    if not point:
        return float(value)
    if not fraction or any(char not in _DIGIT_VALUES or char == "两" for char in fraction):
        return None
    return float(f"{value}.{''.join(str(_DIGIT_VALUES[char]) for char in fraction)}")


def _chinese_integer(text: str) -> int | None:
    """Value of a Chinese integer numeral, strict enough to refuse 十四五 and 八五 (names, not numbers)."""
    if not text:
        return None
    if len(text) > 1 and all(char in _DIGIT_VALUES for char in text):
        # Digit by digit (二〇二一) only with a zero in it; 八五 and 十四五 are plan names.
        if "〇" not in text and "零" not in text:
            return None
        return int("".join(str(_DIGIT_VALUES[char]) for char in text))
    total = section = 0
    digit: int | None = None
    zero = False
    last_small: int | None = None  # magnitude just used inside the current section (十 百 千)
    last_big: int | None = None
    last_magnitude: int | None = None
    for char in text:
        if char in _DIGIT_VALUES:
            if _DIGIT_VALUES[char] == 0:
                if digit is not None:
                    return None
                zero = True
                continue
            if digit is not None:
                return None
            digit = _DIGIT_VALUES[char]
        elif char in _SMALL_UNITS:
            magnitude = _SMALL_UNITS[char]
            if last_small is not None and magnitude >= last_small:
                return None
            if digit is None:
                # 十二 means 一十二; a lone 百 or 千 (百分之百) means one of them.
                if section or zero:
                    return None
                digit = 1
            section += digit * magnitude
            digit, zero, last_small, last_magnitude = None, False, magnitude, magnitude
        elif char in _BIG_UNITS:
            magnitude = _BIG_UNITS[char]
            if magnitude == last_big == 10**4:
                return None  # 万万
            section += digit or 0
            if magnitude == 10**8:
                total = ((total + section) or 1) * magnitude
            else:
                total += (section or 1) * magnitude
            section, digit, zero, last_small, last_big, last_magnitude = 0, None, False, None, magnitude, magnitude
        else:
            return None
    if digit is not None:
        # 一百二 and 一万五 drop their last magnitude (120, 15000); 一百零二 keeps the digit as written.
        if not zero and last_magnitude is not None and last_magnitude >= 100:
            digit *= last_magnitude // 10
        section += digit
    return total + section


def find_quantities(text: str, *, line: int = 1, column_offset: int = 0) -> list[Quantity]:
    """Every quantity in one line of text, in order; locations use `line` and 1-based columns (+ column_offset).

    `end_column` is exclusive (the column just past the quantity), so text[column - 1:end_column - 1] is `raw`
    when column_offset is 0. 万 and 亿 are applied to the value: 328.6万元 is 3286000 元, 15万余件 150000 件.
    """
    return _scan(text, (line,), (len(text),), column_offset)


def find_quantities_in_lines(numbered_lines: Sequence[tuple[int, str]]) -> list[Quantity]:
    """find_quantities() of each (line number, text), in order, in one scan of the lines joined."""
    return find_quantities_on_lines([number for number, _ in numbered_lines], [text for _, text in numbered_lines])


def find_quantities_on_lines(numbers: Sequence[int], texts: Sequence[str],
                             full_width: Collection[str] | None = None) -> list[Quantity]:
    """find_quantities_in_lines() of texts[i] numbered numbers[i], without pairing them first.

    `full_width`, when given, holds every full-width character in `texts` (and maybe more): fold() notes those it
    replaces, and the texts are then not searched for them again.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a "line" with a newline in it: keep it whole
        return [quantity for number, text in zip(numbers, texts) for quantity in find_quantities(text, line=number)]
    # A line ends before the newline that follows it, one per line before it.
    line_ends = [end + index for index, end in enumerate(accumulate(map(len, texts)))]
    return _scan(joined, numbers, line_ends, 0, full_width)

# Every alternative of _PATTERN starts with one of these characters. re cannot see that through the named
# groups and tries the whole pattern at every position; jumping to candidates first is ~4× faster, same matches.
# A Chinese numeral is a candidate only where an alternative can start with it (run into words — 进一步, 统一 —
# most cannot, and each costs a failed match): the chinese one needs the first of a run of numerals, followed by
# 点 余 多 a space 至 到 or a unit; the slogans and times need their first two characters; percent needs 百分.
# An alternative added to _PATTERN that opens with a numeral must be let through here too.
_RUN_FOLLOWERS = "点余多至到" + _SPACES + re.escape("".join(sorted({unit[0] for unit in _UNITS})))
_PAIR_FIRST = "".join(sorted({slogan[0] for slogan in _SLOGANS} | set(_TIMES_COUNT)))
_PAIR_SECOND = "".join(sorted({slogan[1] for slogan in _SLOGANS} | {"个"}))


def _decimal_digits(below: int) -> str:
    """Every character below code point `below` that \\d matches, testing one code point in ten: Unicode puts each
    script's digits 0-9 on ten consecutive code points, and any ten consecutive code points hold one multiple of ten."""
    runs = []
    for code in range(0, below, 10):
        char = chr(code)
        if char.isdecimal():
            zero = code - int(char)
            runs.append("".join(map(chr, range(zero, zero + 10))))
    return "".join(runs)


# Digits are candidates as a list, not as \d: re tests a class holding \d on every character it passes with a
# lookup in the Unicode tables, while the BMP's 370 digits join the other candidates in one bitmap (~0.25 ms to
# list; the search over a report gets a quarter faster). Beyond the BMP every character is a candidate: digits
# there are few and scattered, such characters are rare in reports, and _PATTERN tells the digits from the rest.
_BMP_DIGITS = _decimal_digits(0x10000)
_START: Final[re.Pattern[str]] = re.compile(
    rf"""[A-Za-z{_BMP_DIGITS}\U00010000-\U0010ffff第前〔\[【（({_CN_CHARS}]  # first in the pattern: re jumps to the next
    (?: (?<![{_CN_CHARS}])  # not a numeral
      | (?<![{_CN_CHARS}][{_CN_CHARS}])(?=[{_CN_CHARS}]*+[{_RUN_FOLLOWERS}])  # chinese
      | (?<=[{_PAIR_FIRST}])(?=[{_PAIR_SECOND}])  # slogans, times
      | (?<=百)(?=分))  # percent
    """,
    re.VERBOSE,
)


def _scan(text: str, line_numbers: Sequence[int], line_ends: Sequence[int], column_offset: int,
          full_width: Collection[str] | None = None) -> list[Quantity]:
    """The quantities in `text`, lines of which end (exclusive) at `line_ends`; no match crosses a line's end.

    `full_width`, when given, holds every full-width character in `text` (and maybe more)."""
    # Full-width digits and signs are rare and few distinct: replacing each one found beats translating the text.
    normal = text
    for char in _FULL_WIDTH.keys() & (set(_FULL_WIDTH_SIGN.findall(text)) if full_width is None else full_width):
        normal = normal.replace(char, _FULL_WIDTH[char])
    found: list[Quantity] = []
    line_index, line_start, line_end = 0, 0, line_ends[0]
    line = line_numbers[0]
    column_base = column_offset + 1  # offset in `text` + column_base = 1-based column on its line
    floor = 0  # end of the previous match on this line: an approximation word before it is not ours
    search, match_at = _START.search, _PATTERN.match
    new_location, new_quantity = Location._make, Quantity._make  # positional: ~40 % cheaper than keywords
    position = 0
    while candidate := search(normal, position):
        start = candidate.start()
        if start > line_end:
            while start > line_end:
                line_index += 1
                line_end = line_ends[line_index]
            line_start = floor = line_ends[line_index - 1] + 1
            line = line_numbers[line_index]
            column_base = column_offset + 1 - line_start
        match = match_at(normal, start)  # lookbehinds still see the text before it
        if match is None:
            position = start + 1
            continue
        position = match.end()
        kind = match.lastgroup
        if kind != "skip":
            approx = False
            if start != floor and normal[start - 1] in _APPROX_LAST:
                start, approx = _approx_prefix(normal, start, floor)
            fields = _quantity(kind, match, normal, start, approx, line_start)
            if fields is not None:
                value, unit, approx, upper, denominator = fields
                location = new_location(line, start + column_base, line, position + column_base)
                quantity = new_quantity(value, unit, text[start:position], approx, location, upper, denominator)
                if kind == "times":  # 两个100%: two rates of 100 %, both quoting the same words.
                    found += [quantity] * _DIGIT_VALUES[match["t_count"]]
                else:
                    found.append(quantity)
        floor = position
    return found


def _approx_prefix(normal: str, start: int, floor: int) -> tuple[int, bool]:
    """Move `start` back over an approximation word (约 近 超过 …) right before it, if one is there."""
    if start == floor or normal[start - 1] not in _APPROX_LAST:
        return start, False  # the usual case, decided without trying every prefix
    for prefix in _APPROX_PREFIXES:
        if start - len(prefix) >= floor and normal.startswith(prefix, start - len(prefix)):
            return start - len(prefix), True
    return start, False


def _quantity(
    kind: str | None, match: re.Match[str], normal: str, start: int, approx: bool, line_start: int,
) -> tuple[float, str, bool, float | None, float | None] | None:
    """(value, unit, approx, upper, denominator) of one pattern match; None when context shows it is not a quantity."""
    upper: float | None = None
    denominator: float | None = None
    if kind == "arabic":  # by far the most common
        (digits, approx_marker, multiplier, approx_marker2, upper_digits, upper_multiplier, denominator_digits,
         unit_text, paren_unit, suffix) = match.group(*_ARABIC_GROUPS)
        # 3至5万元: a multiplier written once, after the upper end, applies to both ends.
        multiplier = multiplier or upper_multiplier
        value: float | None = _arabic(digits, multiplier) if multiplier or "," in digits else float(digits)
        unit_text = unit_text or paren_unit
        lone = upper_digits is None and denominator_digits is None
        if unit_text:
            unit = _UNITS[unit_text]
            approx = approx or bool(approx_marker or approx_marker2 or suffix) or unit_text == "个多月"
        else:
            # A unit from a table's 单位 column only for a number after a cell break: most bare numbers are not.
            unit = _column_unit(normal, start, match.end(), line_start) \
                if lone and start != line_start and normal[start - 1] in _CELL_GAP else ""
            approx = approx or bool(approx_marker or approx_marker2 or suffix)
        if upper_digits is not None:
            upper = _arabic(upper_digits, upper_multiplier or multiplier)
        if denominator_digits is not None:
            denominator = _arabic(denominator_digits, None)
        if not unit and not multiplier and not approx and _not_a_count(digits, lone, normal, start, match.end(), line_start):
            return None
    elif kind == "times":
        value = _arabic(match["t_value"], None)
        unit = "%"
    elif kind == "percent":
        raw_value = match["p_value"]
        value = _arabic(raw_value, None) if raw_value[0].isdigit() else chinese_to_number(raw_value)
        unit = "%"
        approx = approx or match["p_suffix"] is not None
    else:
        numeral, multiplier, unit_text, approx_marker, suffix, upper_numeral = match.group(
            "c_value", "c_mult", "c_unit", "c_approx", "c_suffix", "c_upper")
        value = chinese_to_number(numeral)
        if value is not None and multiplier:
            value *= _MULTIPLIERS[multiplier]
        unit = _UNITS[unit_text]
        approx = approx or bool(approx_marker or suffix) or "多" in unit_text
        if upper_numeral is not None:
            upper = chinese_to_number(upper_numeral)
            scale = _BIG_UNITS.get(upper_numeral[-1])
            if scale and value is not None and not multiplier and not any(c in _BIG_UNITS for c in numeral):
                value *= scale  # 三至五万元, as 3至5万元
        if value is None or _not_chinese_count(numeral, approx, normal, match.start(), match.end()):
            return None
    if value is None:
        return None
    return value, unit, approx, upper, denominator


_CELL_GAP: Final[frozenset[str]] = frozenset(" \t|\u3000")
_SPELLINGS_LONGEST_FIRST: Final[tuple[str, ...]] = tuple(sorted(_UNITS, key=len, reverse=True))


# Every way a normalised unit is written, for `as_shown`: ％ and 百分之 are % too, as the pattern reads them.
_SPELLINGS_OF: Final[dict[str, tuple[str, ...]]] = {
    unit: tuple(spelling for spelling, normalised in _UNITS.items() if normalised == unit) + (
        ("％", "百分之") if unit == "%" else ())
    for unit in set(_UNITS.values())}


def as_shown(quantity: Quantity) -> str:
    """A figure as a message shows it: as written, with the unit its table's 单位 column gave when the number's
    own cell has none (86 in a row | 评查行政执法案卷 | 卷 | 86 | shows as 86卷, not a bare 86)."""
    raw = quantity.raw
    if quantity.unit and not any(spelling in raw for spelling in _SPELLINGS_OF[quantity.unit]):
        return raw.strip() + quantity.unit
    return raw


def _cell_break(gap: str) -> bool:
    """Whether `gap`, the space between two pieces of text, is a table's cell break: a tab, a Markdown bar or the
    two spaces the readers write between cells."""
    return "\t" in gap or "|" in gap or "  " in gap


def _column_unit(normal: str, start: int, end: int, line_start: int) -> str:
    """The unit of a bare number alone in a table cell whose cell before it holds only a unit, as a table with a
    单位 column and a 数量 column writes its rows (评查行政执法案卷	卷	86); "" otherwise. The number follows a space,
    a tab or a bar (the caller looks)."""
    while normal[end - 1] in _CELL_GAP:  # the match may take in a space after the number, before a unit it lacks
        end -= 1
    after = end
    while after < len(normal) and normal[after] in _CELL_GAP:
        after += 1
    if after < len(normal) and normal[after] != "\n" and not _cell_break(normal[end:after]):
        return ""  # words go on in the number's cell
    left = start
    while left > line_start and normal[left - 1] in _CELL_GAP:
        left -= 1
    if not _cell_break(normal[left:start]):
        return ""
    for spelling in _SPELLINGS_LONGEST_FIRST:
        unit_start = left - len(spelling)
        if unit_start >= line_start and normal.startswith(spelling, unit_start):
            gap_start = unit_start
            while gap_start > line_start and normal[gap_start - 1] in _CELL_GAP:
                gap_start -= 1
            return _UNITS[spelling] if gap_start == line_start or _cell_break(normal[gap_start:unit_start]) else ""
    return ""


def _arabic(digits: str, multiplier: str | None) -> float:
    """Value of an Arabic number as written (1,234.5), times 万/亿 exactly (Decimal: 328.6万 is 3286000, not …0005)."""
    if not multiplier:
        return float(digits.replace(",", ""))  # the same correctly rounded value as via Decimal, 5× faster
    number = Decimal(digits.replace(",", ""))
    if multiplier:
        number *= _MULTIPLIERS[multiplier]
    return float(number)


def _not_a_count(digits: str, lone: bool, normal: str, start: int, end: int, line_start: int) -> bool:
    """Whether a bare Arabic number is a year (2022西湖区, 2021—2025) or, `lone` (no range or ratio), list numbering
    (1、 opening a line or sentence, 1.1 opening a line)."""
    if len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20"):
        return True
    if not lone:
        return False
    # "1.1 其中……", "2.3其中……": the number of a second-level heading, as Word draws a list's "%1.%2" before its
    # paragraph (the .docx and .doc readers with the space of its tab), and copies of such reports keep it.
    outline = not digits.isdigit()
    if outline and not _OUTLINE_NUMBER.fullmatch(digits):
        return False
    # The last character before the number, spaces skipped: looked for backwards, not by slicing the line up
    # to here, which made a line of many numbers (a table pasted as one line) take quadratic time.
    previous = start
    while previous > line_start and normal[previous - 1].isspace():
        previous -= 1
    if previous == line_start:
        return True  # "2深入推进……" at a line's start is a heading number that lost its 、
    if outline:
        return False
    after = normal[end:end + 2]
    # "……。2、加强" is numbering run into the previous paragraph; "分别为12、15件" is not.
    return normal[previous - 1] in _SENTENCE_ENDS and after[:1] in _NUMBERING_MARKS and not after[1:2].isdigit()


def _not_chinese_count(numeral: str, approx: bool, normal: str, start: int, end: int) -> bool:
    """Whether a Chinese numeral before a unit is a word: 一批 一些, 百日 万里, or a slogan (“三位一体”, 三个一百)."""
    if numeral == "一":
        return True
    if not approx and not any(char in _DIGIT_VALUES for char in numeral) and not numeral.startswith("十"):
        return True  # a lone 百 千 万 counts only as 百余 近千 (approximate), not in 百日行动
    if len(numeral) > 1:
        return False
    return (start > 0 and normal[start - 1] in _OPEN_QUOTES) or normal[end : end + 1] in _DIGIT_VALUES
