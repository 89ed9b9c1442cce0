"""Dates and years: parsing them as written, and deciding a report's publication date and reporting year."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date

from ..model import Section, Source
from .fold import fold
from .header import _Header
from .numerals import _cn_year, small_number

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})年")
# A next-year plan heading ("2022年工作安排") names the year after the one reported.
_PLAN_HEADING = re.compile(r"(工作安排|工作计划|工作打算|工作思路|主要安排|工作要点)")


def parse_date(value: str) -> date | None:
    """The first calendar date in `value`: 2022-03-11, 2022/3/11, 2022年3月11日, 二〇二二年三月十一日."""
    folded = fold(value)
    match = _DATE.search(folded)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _CN_DATE.search(folded)
        if match:
            month, day = small_number(match[2]), small_number(match[3])
            if month and day:
                return date(_cn_year(match[1]), month, day)
    except ValueError:
        return None
    return None


def years_in(value: str) -> list[int]:
    """Every year written in `value` (2021年, 二〇二一年)."""
    folded = fold(value)
    found = [int(y) for y in _YEAR.findall(folded)]
    found += [_cn_year(y) for y in _CN_YEAR.findall(folded)]
    return found


def _published(header: _Header, source: Source, folded: Sequence[str], body: list[int],
               attachments: Sequence[int] = ()) -> tuple[date | None, str | None]:
    field_ = header.metadata.get("date")
    if field_ and field_.value and (published := parse_date(field_.value)):
        return published, field_.label
    for key in ("PubDate", "pubdate", "publishdate", "firstpublishedtime"):
        if key in source.facts and (published := parse_date(source.facts[key])):
            return published, key
    # A signature date standing alone on one of the last lines: "2022年3月10日". Attachments (附件1 and its table)
    # may follow the signature: then it is among the lines before one of them, the last first.
    for lines in (body[-8:], *(body[max(0, bisect_left(body, start) - 8):bisect_left(body, start)]
                               for start in reversed(attachments))):
        for number in reversed(lines):
            line = folded[number - 1].strip()
            if line and len(line) <= 20 and (published := parse_date(line)):
                return published, "signature"
    # A Word or PDF file's own dates say when the file was saved, not published: the last resort.
    for key in ("modified", "created"):
        if key in source.facts and (published := parse_date(source.facts[key])):
            return published, key
    return None, None


def _year(title: str | None, sections: Iterable[Section], opening_lines: list[str], published: date | None) -> tuple[int | None, str | None]:
    """The reporting year: from the title, a plan heading (the year after), the first three text lines, or publication.

    A report cannot cover the year it is published in: a title naming that year or a later one (澜江市…2023年度…报告
    published in February 2023, reporting 2022 with a 2023 plan) gives way to the plan heading or the opening, when
    they name a year before the publication."""
    title_years = years_in(title) if title else []
    if title_years and (published is None or title_years[0] < published.year):
        return title_years[0], "title"
    found = _year_in_text(sections, opening_lines)
    if found is not None and (not title_years or (published is not None and found[0] < published.year)):
        return found
    if title_years:
        return title_years[0], "title"
    if published:
        return published.year - 1, "published"
    return None, None


def _year_in_text(sections: Iterable[Section], opening_lines: list[str]) -> tuple[int, str] | None:
    """The reporting year as the text gives it: a plan heading names the year after; the opening starts with it."""
    for section in sections:
        if section.level == 1 and _PLAN_HEADING.search(section.heading) and (years := years_in(section.heading)):
            return years[0] - 1, "plan_heading"
    for line in opening_lines:
        match = _YEAR.match(fold(line).strip())
        if match:
            return int(match.group(1)), "opening"
    return None
