"""Kinds about what the report says: years of action, data density, personal data, text copied from last year."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from ..identifiers import find_identifiers, lines_with_long_runs, with_masks
from ..messages import text
from ..model import Document, Hit, Location, Section
from .common import quote
from .structural import _find_section, _heading_line, _heading_named, _opening_run, _sections, headings_matching


def _headings_matching(document: Document, sections: Sequence[Section], patterns: Sequence[str]) -> list[bool]:
    """For each of `sections`, whether the heading itself (not the paragraph a run-in heading opens) matches
    one of `patterns`: one search of all the headings per document and list, shared with the parts."""
    matching = dict(zip(map(id, _sections(document)), headings_matching(document, patterns)))
    return [matching[id(section)] for section in sections]


# ---------------------------------------------------------------- years of action

# A year that opens a clause and is its time of action: "2020年，我区……", "（一）2020年全区……".
_ACTION_YEAR = re.compile(
    # Possessive \s*+: two greedy runs of spaces around an optional group would split a long run every way.
    r"(?:^|(?<=[。;!?:,]))\s*+(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.]|\([一二三四五六七八九十\d]{1,3}\))?\s*+"
    r"(?:在|于)?(?P<year>(?:19|20)\d{2})\s*年度?"
    r"(?=\s*(?:,|我|本|各|共|累计|全(?:区|县|市|州|镇|乡|局|委|街道)|区|县|市|州|局|镇|乡|街道))"
)
_FUTURE = re.compile(r"将|要|计划|拟|力争|继续|着力")  # in the clause the year opens: 2022年，我区将……
# The first 12 characters of the clause after the year, past commas and spaces: read where the year
# ends rather than splitting the rest of the line, which on a long line with many years is quadratic.
_CLAUSE_OPENING = re.compile(r"[, ]*+([^,。;!?]{0,12})")


# Only lines holding an action year need _ACTION_YEAR, whose clause-start test runs at every position.
# Its year comes before 年, and only spaces, an item number and 在/于 stand between the year and the
# clause mark or line start before it. Read in the reversed body, where the search skips ahead to each
# 年: the year, then a run of what may stand before it, then the mark or the line break.
_YEAR_OPENING_CLAUSE_REVERSED = re.compile(
    r"年[^\S\n]*\d{2}(?:91|02)(?:[^\S\n]|[在于、.()一二三四五六七八九十\d])*+(?:[。;!?:,\n]|\Z)"
)


def _lines_with_years(document: Document) -> list[int]:
    """Line numbers, in order, of the report lines where a year before 年 may open a clause (2021年，我区)."""
    body = document.body_text
    last = len(body) - 1
    offsets = [last - match.start() for match in _YEAR_OPENING_CLAUSE_REVERSED.finditer(body[::-1])]
    return sorted({bisect_right(document.line_starts, offset) for offset in offsets})


def year_slips(document: Document, *, plan_patterns: Sequence[str]) -> Iterator[Hit]:
    """A clause opening with a year names Y in the report on year Y and Y+1 in its plan: 2020年，我区… in 2021 slips."""
    year = document.year
    if year is None:
        yield Hit(detail=text("quality.years_unknown"), credit=None)
        return
    plan = _find_section(document, plan_patterns) if plan_patterns else None
    for number in _lines_with_years(document):
        if plan is not None and number == plan.location.line:
            continue  # the plan's heading is year_consistency's to check
        in_plan = plan is not None and plan.location.line < number <= plan.end_line
        line, matchable = document.lines[number - 1], document.matchable[number - 1]
        for match in _ACTION_YEAR.finditer(matchable):
            found = int(match["year"])
            opening = _CLAUSE_OPENING.match(matchable, match.end())
            assert opening is not None  # every part of the pattern may match nothing: it matches anywhere
            future = _FUTURE.search(opening[1]) is not None
            expected = year + 1 if in_plan else year
            if found == expected or (in_plan and found == year and not future) or (
                    not in_plan and found == year + 1 and future):
                continue
            start, end = match.span("year")
            key = "quality.year_slip_plan" if in_plan else "quality.year_slip"
            yield Hit(detail=text(key, found=found, expected=expected),
                      location=Location(line=number, column=start + 1, end_line=number, end_column=end + 2),
                      credit=0.0, evidence=quote(line, start, end + 1))


# ---------------------------------------------------------------- data density


def _chars(lines: Sequence[str]) -> int:
    """Characters other than spaces in `lines`: one split over them all rather than one per line (joined
    without a separator, as words running together are counted all the same)."""
    return sum(map(len, "".join(lines).split()))


def data_density(document: Document, *, within: Sequence[str], min_per_1000: float, min_chars: int = 300,
                 opening_before: Sequence[str] = (), other_parts: Sequence[str] = ()) -> Iterator[Hit]:
    """Quantitative statements per 1,000 characters of each part; the parts named by `within` need `min_per_1000`.

    With `opening_before`, a report whose part 1 is a run of thematic headings (一、坚持政治引领，压紧压实责任。
    二、……) and so names no part `within` has that run weighed as one part, as the part kind finds it: each of
    its sections alone is often too short to be scored, and a thin report of that kind went unjudged."""
    parts: list[Section | None] = list(document.sections) or [None]
    named = _headings_matching(document, document.sections, within)
    run_heading = None  # what the run weighed as part 1 is called in the finding (its first and last headings), and quoted
    if opening_before and not any(named) and (run := _opening_run(document, opening_before, other_parts)):
        parts[:len(run)] = [replace(run[0], end_line=run[-1].end_line)]
        named[:len(run)] = [True]
        run_heading = tuple(heading(document, run[0]) + ("" if len(run) == 1 else f" … {heading(document, run[-1])}")
                            for heading in (_heading_named, _heading_line))
    # Each part counts only the quantities between its first and last line, not all of them again.
    quantity_lines = sorted(quantity.location.line for quantity in document.quantities)
    # The part's lines as `numbered_lines` gives them, taken as one slice when no skipped line (page
    # chrome, metadata) falls inside the part, as in most reports: walking them one by one cost as much
    # as counting their characters.
    skipped = sorted(document.skipped_lines)
    for index, part in enumerate(parts):
        first, last = (document.body_start, len(document.lines)) if part is None \
            else (part.location.line, part.end_line)
        within_span = quantity_lines[bisect_left(quantity_lines, first):bisect_right(quantity_lines, last)]
        if bisect_left(skipped, first) == bisect_right(skipped, last):
            chars = _chars(document.lines[first - 1:last])
            count = len(within_span)
        else:
            numbers = [n for n, _ in document.numbered_lines(part)]
            lines = set(numbers)
            chars = _chars([document.lines[n - 1] for n in numbers])
            count = sum(1 for line in within_span if line in lines)
        density = round(count * 1000 / chars, 1) if chars else 0.0
        heading, quoted = (run_heading if index == 0 and run_heading
                           else (_heading_named(document, part), _heading_line(document, part)) if part is not None
                           else (document.title or document.path,) * 2)
        scored = chars >= min_chars and (part is None or named[index])
        credit = min(1.0, round(density / min_per_1000, 2)) if scored and min_per_1000 > 0 else None
        key = "quality.density_low" if credit is not None and credit < 1 else "quality.density"
        yield Hit(detail=text(key, heading=heading, density=density, count=count, chars=chars, min=min_per_1000),
                  location=part.location if part is not None else None, credit=credit, evidence=quoted,
                  data={"density": density, "quantities": count, "chars": chars})


# ---------------------------------------------------------------- personal data


def personal_data(
    document: Document,
    *,
    id_numbers: bool = True,
    mobile_numbers: bool = True,
    credit_code_context: Sequence[str] = (),
    context_chars: int = 20,
) -> Iterator[Hit]:
    """No citizen's 身份证号, mobile number or personal 统一社会信用代码 in a published report; quoted masked."""
    for index in lines_with_long_runs(document.matchable):
        number, line = index + 1, document.lines[index]
        found = list(find_identifiers(document.matchable[index], id_numbers=id_numbers,
                                      mobile_numbers=mobile_numbers, credit_code_context=credit_code_context,
                                      context_chars=context_chars))
        masked_line = with_masks(line, found)
        for identifier in found:
            yield Hit(detail=text(f"quality.personal_{identifier.kind}", masked=identifier.masked),
                      location=Location(line=number, column=identifier.start + 1, end_line=number,
                                        end_column=identifier.end + 1),
                      credit=0.0, evidence=quote(masked_line, identifier.start, identifier.end, 16),
                      data={"kind": identifier.kind, "masked": identifier.masked})


# ---------------------------------------------------------------- copied from last year

_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}(?:是|[、.])|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,2}[、.]?)\s*")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _comparable(matchable: str) -> str:
    """A paragraph as copying preserves it: no numbering, no spaces, every figure and year alike."""
    return _FIGURE.sub("#", "".join(_NUMBERING.sub("", matchable).split()))


def _ratio(matches: int, length: int) -> float:
    """As SequenceMatcher works out its ratios, so that a bound and the ratio compare exactly."""
    return 2.0 * matches / length if length else 1.0


class _Paragraph:
    """A paragraph ready to compare. What it takes (its set of characters, the count of each, the
    SequenceMatcher indexing it as last year's text) is worked out once, when a comparison first needs it:
    most paragraphs are set aside by their length alone."""

    __slots__ = ("_characters", "_counts", "_matcher", "number", "text")

    def __init__(self, number: int, text_: str) -> None:
        self.number, self.text = number, text_
        self._characters: frozenset[str] | None = None
        self._counts: Counter[str] | None = None
        self._matcher: SequenceMatcher[str] | None = None

    @property
    def characters(self) -> frozenset[str]:
        if self._characters is None:
            self._characters = frozenset(self.text)
        return self._characters

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(self.text)
        return self._counts

    def shared(self, other: _Paragraph) -> int:
        """Characters both texts have, counted with repetition: what SequenceMatcher.quick_ratio counts."""
        counts, others = self.counts, other.counts
        if len(counts) > len(others):
            counts, others = others, counts
        return sum(min(count, others.get(char, 0)) for char, count in counts.items())

    def ratio(self, current: str) -> float:
        """SequenceMatcher(None, current, self.text, autojunk=False).ratio()."""
        if current == self.text:
            return 1.0  # what the matcher finds for a paragraph pasted unchanged, without its quadratic search
        if self._matcher is None:
            self._matcher = SequenceMatcher(None, current, self.text, autojunk=False)
        else:
            self._matcher.set_seq1(current)
        return self._matcher.ratio()


def _best_match(current: _Paragraph, previous: Sequence[_Paragraph], threshold: float) -> tuple[int, float] | None:
    """The last of last year's paragraphs most like `current`, at least `threshold` alike."""
    best: tuple[int, float] | None = None
    size = len(current.text)
    for old in previous:
        floor = best[1] if best else threshold
        # Upper bounds of the ratio, cheapest first, so that most pairs are set aside before a matcher is
        # built: the shorter length (SequenceMatcher.real_quick_ratio); the length less one for each
        # character that one text has and the other lacks; the characters both have (quick_ratio).
        length = size + len(old.text)
        if _ratio(min(size, len(old.text)), length) < floor:
            continue
        common = len(current.characters & old.characters)
        if _ratio(min(size - len(current.characters) + common, len(old.text) - len(old.characters) + common),
                  length) < floor:
            continue
        if _ratio(current.shared(old), length) < floor:
            continue
        ratio = old.ratio(current.text)
        if ratio >= floor:
            best = (old.number, ratio)
    return best


def copied_text(
    document: Document, *, within: Sequence[str], threshold: float = 0.85, min_chars: int = 40
) -> Iterator[Hit]:
    """Paragraphs of the named parts (plan, shortcomings) are not last year's report pasted again."""
    previous = document.previous
    if previous is None:
        yield Hit(detail=text("quality.copied_no_previous"), credit=None)
        return
    sections = list(document.all_sections())
    sections = [s for s, named in zip(sections, _headings_matching(document, sections, within)) if named]
    numbers = sorted({n for section in sections for n, _ in document.numbered_lines(section)})
    if not numbers:
        yield Hit(detail=text("quality.copied_no_section"), credit=None)
        return
    # A comparable paragraph is never longer than the line it comes from: shorter lines are skipped unread.
    old = [_Paragraph(n, paragraph) for n, _ in previous.numbered_lines()
           if len(previous.matchable[n - 1]) >= min_chars
           and len(paragraph := _comparable(previous.matchable[n - 1])) >= min_chars]
    compared = copied = 0
    for number in numbers:
        if len(document.matchable[number - 1]) < min_chars:
            continue
        current = _comparable(document.matchable[number - 1])
        if len(current) < min_chars:
            continue
        compared += 1
        best = _best_match(_Paragraph(number, current), old, threshold)
        if best is None:
            continue
        line = document.lines[number - 1]
        indent = len(line) - len(line.lstrip())
        similarity = round(best[1] * 100)
        copied += 1
        yield Hit(detail=text("quality.copied", line=best[0], similarity=similarity, path=previous.path),
                  location=Location(line=number, column=indent + 1), credit=0.0,
                  evidence=quote(line, indent, indent + 30, 0),
                  data={"previous_path": previous.path, "previous_line": best[0], "similarity": similarity})
    if copied:  # the summary of a comparison that found copies says so: "none copied" contradicted them
        yield Hit(detail=text("quality.copied_some", count=compared, copied=copied, path=previous.path), credit=None)
    else:
        yield Hit(detail=text("quality.copied_compared", count=compared, path=previous.path), credit=1.0)
