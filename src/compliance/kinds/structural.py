"""Kinds about the report's shape and identity: parts, metadata, deadline, years, phrases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher

from ..matching import (
    Lines,
    anchored,
    compile_for_lines,
    find_in_lines,
    joined_per_engine,
    line_local,
    lines_matching,
    search_any,
)
from ..messages import text, text_with
from ..model import Document, Hit, Location, Section
from ..structure import fold, years_in
from .common import find_any, memo, quote


def _heading_line(document: Document, section: Section) -> str:
    return document.lines[section.location.line - 1].strip()


def _heading_named(document: Document, section: Section) -> str:
    """The heading as a message names it: a run-in heading (一、加强组织领导。成立了……) without the paragraph that
    goes on after it on its line, which made messages quote whole paragraphs. The evidence keeps the line."""
    line = _heading_line(document, section)
    if section.run_in and (end := line.find("。")) != -1:
        return line[:end + 1]
    return line


def _short_by(document: Document, section: Section, min_chars: int) -> int | None:
    """The section's characters other than whitespace in its own lines (as `numbered_lines(section)`),
    heading excluded, when fewer than `min_chars`; None otherwise.

    Lines are counted until the count is reached: a first part runs to thousands of characters and
    only a few hundred are asked for.
    """
    wanted = min_chars + len(section.heading)
    chars = 0
    skipped = document.skipped_lines
    for number in range(section.location.line, min(section.end_line, len(document.lines)) + 1):
        if number not in skipped:
            chars += sum(map(len, document.lines[number - 1].split()))
            if chars >= wanted:
                return None
    return chars - len(section.heading)


def _sections(document: Document) -> list[Section]:
    """Every section in `all_sections` order (each before its children), listed once per document."""
    def walk() -> list[Section]:
        # A stack rather than all_sections' nested generators, which cost a resumption per level per section.
        found, stack = [], list(reversed(document.sections))
        while stack:
            section = stack.pop()
            found.append(section)
            stack.extend(reversed(section.children))
        return found

    return memo(document, "sections", walk)


def _find_section(document: Document, patterns: Sequence[str]) -> Section | None:
    """The outermost, then earliest, section whose heading matches one of `patterns`.

    The parts, their `before` lists and the plan heading search the same headings with the same
    pattern lists: each list is matched once per document.
    """
    return memo(document, ("section", tuple(patterns)), lambda: _first_section(document, tuple(patterns)))


def _first_section(document: Document, patterns: tuple[str, ...]) -> Section | None:
    candidates = [section for section, hit in zip(_sections(document), headings_matching(document, patterns)) if hit]
    return min(candidates, key=lambda s: (s.level, s.location.line), default=None)


def headings_matching(document: Document, patterns: Sequence[str]) -> list[bool]:
    """For each section in `_sections` order, whether the heading itself (its own words and a few after
    them, not the paragraph a run-in heading opens) matches one of `patterns`; once per document and list,
    for the parts and the kinds that weigh parts by their heading (data density)."""
    def search() -> list[bool]:
        headings = memo(document, "headings", lambda: Lines(
            document.matchable[s.location.line - 1][s.location.column - 1:s.location.column - 1 + len(s.heading) + 8]
            for s in _sections(document)))
        return lines_matching(patterns, headings)

    return memo(document, ("headings", tuple(patterns)), search)


def _lead_sentence(line: str) -> str:
    for mark in "。；;":
        if mark in line:
            return line[: line.index(mark) + 1]
    return line


def part(
    document: Document,
    *,
    patterns: Sequence[str],
    fallback_patterns: Sequence[str] = (),
    embedded_credit: float = 0.8,
    before: Sequence[str] = (),
    order_credit: float = 0.9,
    min_chars: int = 0,
    short_credit: float = 0.5,
    optional: bool = False,
    canonical: str | None = None,
    opening_sections: bool = False,
    other_parts: Sequence[str] = (),
) -> Iterator[Hit]:
    """A required part of the report, found by its heading at any level or in a paragraph's lead sentence."""
    section = _find_section(document, patterns)
    if section is None and opening_sections and (run := _opening_run(document, before, other_parts)):
        # Part 1 written as a run of thematic headings (一、坚持政治引领，压紧压实责任。二、坚持依法履职……)
        # with no heading of its own: those sections are the part, as a reviewer reads them.
        first, last = run[0], run[-1]
        heading = _heading_line(document, first)
        yield Hit(detail=text("part.opening_run", count=len(run), first=_heading_named(document, first),
                              last=_heading_named(document, last)),
                  location=first.location, credit=1.0, evidence=heading,
                  data={"heading": heading, "embedded": False, "level": first.level, "sections": len(run)})
        whole = replace(first, end_line=last.end_line)
        if min_chars and (chars := _short_by(document, whole, min_chars)) is not None:
            yield Hit(detail=text("part.short", chars=chars, min=min_chars), location=first.location,
                      credit=short_credit, evidence=heading)
        return
    if section is not None:
        embedded = section.level > 1
        credit = embedded_credit if embedded else 1.0
        heading = _heading_line(document, section)
        data = {"heading": heading, "embedded": embedded, "level": section.level}
        yield Hit(
            detail=text("part.embedded" if embedded else "part.found", heading=_heading_named(document, section),
                        level=section.level),
            location=section.location, credit=credit, evidence=heading, data=data,
        )
        if min_chars and (chars := _short_by(document, section, min_chars)) is not None:
            yield Hit(detail=text("part.short", chars=chars, min=min_chars), location=section.location,
                      credit=short_credit, evidence=heading)
        later = _find_section(document, before) if before else None
        if later is not None and later.location.line < section.location.line and later.level == section.level:
            yield Hit(
                detail=text("part.order", other=_heading_named(document, later), line=later.location.line),
                location=section.location, credit=order_credit, evidence=heading,
            )
        return
    body = list(document.numbered_lines()) if fallback_patterns else []
    leads = [_lead_sentence(document.matchable[number - 1]) for number, _ in body]
    for (number, line), lead, found in zip(body, leads, lines_matching(fallback_patterns, leads)):
        match = search_any(fallback_patterns, lead) if found else None
        if match:
            evidence = _lead_sentence(line.strip())
            yield Hit(
                detail=text("part.in_paragraph", line=number), location=Location(line=number, column=match.start() + 1),
                credit=embedded_credit, evidence=evidence, data={"heading": None, "embedded": True, "level": None},
            )
            return
    if optional:
        yield Hit(detail=text("part.optional_absent"), credit=None, data={"heading": None, "embedded": False})
        return
    searched = {"heading": None, "embedded": False, "searched": [*patterns, *fallback_patterns]}
    similar = _most_similar_heading(document, canonical) if canonical else None
    near = _nearest_mention(document, [*patterns, *fallback_patterns])
    if similar is not None:
        section, ratio = similar
        heading = _heading_line(document, section)
        yield Hit(detail=text("part.missing_similar", heading=_heading_named(document, section), line=section.location.line,
                              similarity=round(ratio * 100), canonical=canonical),
                  location=section.location, credit=0.0, evidence=heading, data=searched)
    elif near is not None:
        yield Hit(detail=text("part.missing_near", line=near[0]), location=Location(line=near[0], column=near[1]),
                  credit=0.0, evidence=near[2], data=searched)
    else:
        yield Hit(detail=text("part.missing"), credit=0.0, data=searched)


def _opening_run(document: Document, before: Sequence[str], other_parts: Sequence[str]) -> list[Section]:
    """The top-level sections that open the report, up to the first part listed in `before` (at the top
    level, if there) or the first heading of another part (`other_parts`). A report with no such part at all
    (a township's 工作总结 of three slogans and a closing 下一步) is all part 1."""
    later = _find_section(document, before) if before else None
    if later is not None and later.level != 1:
        return []
    others = {id(s) for s, hit in zip(_sections(document), headings_matching(document, other_parts)) if hit} \
        if other_parts else set()
    run = []
    for section in document.sections:
        if (later is not None and section.location.line >= later.location.line) or id(section) in others:
            break
        run.append(section)
    return run


def _most_similar_heading(document: Document, canonical: str, threshold: float = 0.45) -> tuple[Section, float] | None:
    """The heading closest in wording to the part's standard heading, if any is close enough to mention."""
    best: tuple[Section, float] | None = None
    wanted, letters = Counter(canonical), frozenset(canonical)
    for section in _sections(document):
        # Upper bounds of the ratio, cheapest first, so that most headings (too few characters in common to
        # be closest) are set aside before a matcher is built: the heading's characters that occur in the
        # standard heading at all; then difflib's quick_ratio, which counts the characters both have.
        heading = section.heading
        length = len(canonical) + len(heading)
        if _beaten(2.0 * sum(map(letters.__contains__, heading)) / length if length else 1.0, threshold, best):
            continue
        if _beaten(2.0 * (wanted & Counter(heading)).total() / length if length else 1.0, threshold, best):
            continue
        ratio = SequenceMatcher(None, canonical, heading, autojunk=False).ratio()
        if ratio >= threshold and (best is None or ratio > best[1]):
            best = (section, ratio)
    return best


def _beaten(bound: float, threshold: float, best: tuple[Section, float] | None) -> bool:
    """Whether a heading whose ratio is at most `bound` is neither close enough nor closer than `best`."""
    return bound < threshold or (best is not None and bound <= best[1])


def _nearest_mention(document: Document, patterns: Sequence[str]) -> tuple[int, int, str] | None:
    """Where the heading's words occur as body text: the author may have written it without numbering."""
    numbers = [number for number, _ in document.numbered_lines()]
    found = lines_matching(patterns, [document.matchable[number - 1] for number in numbers])
    for number in (number for number, hit in zip(numbers, found) if hit):
        matchable = document.matchable[number - 1]
        match = search_any(patterns, matchable)
        if match:
            return number, match.start() + 1, quote(document.lines[number - 1], match.start(), match.end())
    return None


def metadata(
    document: Document,
    *,
    field: str,
    required: bool = True,
    patterns: Sequence[str] = (),
    enum: Sequence[str] = (),
    reject: Sequence[str] = (),
    mismatch_credit: float = 0.5,
) -> Iterator[Hit]:
    """A disclosure-page metadata field: present, not blank, an allowed value or a known shape."""
    found = document.metadata.get(field)
    if found is None:
        yield Hit(detail=text("metadata.absent"), credit=0.0 if required else None)
        return
    value = found.value.strip()
    evidence = f"{found.label}: {value}"
    if not value:
        yield Hit(detail=text("metadata.blank", label=found.label), location=found.location,
                  credit=0.0 if required else None, evidence=evidence)
        return
    folded = fold(value)
    if reject and search_any(reject, folded):
        yield Hit(detail=text("metadata.rejected", value=value), location=found.location, credit=0.0, evidence=evidence)
    elif enum and folded not in enum:
        yield Hit(detail=text("metadata.not_in_enum", value=value, allowed="、".join(enum)),
                  location=found.location, credit=0.0, evidence=evidence)
    elif patterns and not search_any(patterns, folded):
        yield Hit(detail=text("metadata.unknown_shape", value=value), location=found.location,
                  credit=mismatch_credit, evidence=evidence)
    else:
        yield Hit(detail=text("metadata.ok", value=value), location=found.location, credit=1.0, evidence=evidence)


def _date_location(document: Document) -> Location | None:
    field = document.metadata.get("date")
    return field.location if field else None


def deadline(document: Document, *, before: str = "04-01") -> Iterator[Hit]:
    """Published before a month-day of the year after the reporting year (4月1日之前 by default)."""
    if document.year is None:
        yield Hit(detail=text("deadline.no_year"), credit=None)
        return
    month, day = (int(part_) for part_ in before.split("-"))
    limit = date(document.year + 1, month, day)
    if document.published is None:
        # A draft has no date yet; on a published page the metadata.date rule reports the gap.
        yield Hit(detail=text("deadline.no_date", limit=limit.isoformat()), credit=None)
        return
    evidence = f"{document.published_source}: {document.published.isoformat()}"
    if document.published < limit:
        yield Hit(detail=text("deadline.on_time", published=document.published.isoformat(), limit=limit.isoformat()),
                  location=_date_location(document), credit=1.0, evidence=evidence)
    else:
        late = (document.published - limit).days + 1
        yield Hit(detail=text("deadline.late", published=document.published.isoformat(), limit=limit.isoformat(), days=late),
                  location=_date_location(document), credit=0.0, evidence=evidence)


def year_consistency(document: Document, *, plan_patterns: Sequence[str] = ()) -> Iterator[Hit]:
    """The title states the year; the plan's heading names year Y+1; the report is published after Y."""
    year = document.year
    if year is None:
        yield Hit(detail=text("years.unknown"), credit=0.0)
        return
    problems = []
    title_years = years_in(document.title or "")
    source = {"source": text(f"source.{document.year_source}")}  # where the year was read, in words
    if not title_years:
        problems.append(Hit(detail=text_with("years.title_missing", source, year=year),
                            location=document.title_location, credit=0.5, evidence=document.title))
    elif title_years[0] != year:  # the title names the year it was published in: the text says otherwise
        problems.append(Hit(detail=text_with("years.title_mismatch", source, found=title_years[0], year=year),
                            location=document.title_location, credit=0.0, evidence=document.title))
    plan = _find_section(document, plan_patterns) if plan_patterns else None
    plan_years = years_in(plan.heading) if plan is not None else []
    if plan is not None and plan_years and plan_years[0] != year + 1:
        problems.append(Hit(detail=text("years.plan_mismatch", found=plan_years[0], expected=year + 1),
                            location=plan.location, credit=0.0, evidence=_heading_line(document, plan)))
    if document.published is not None and document.published.year <= year:
        problems.append(Hit(
            detail=text("years.published_too_early", published=document.published.isoformat(), year=year),
            location=_date_location(document), credit=0.0, evidence=str(document.published)))
    if problems:
        yield from problems
    else:
        yield Hit(detail=text("years.ok", year=year, source=document.year_source),
                  location=document.title_location, credit=1.0, evidence=document.title)


def _scoped_lines(document: Document, scope: str, within: Sequence[str]) -> list[int] | None:
    if within:
        return memo(document, ("within", tuple(within)), lambda: _lines_within(document, within))
    if scope == "title":
        location = document.title_location
        if location is None:
            return []
        return list(range(location.line, (location.end_line or location.line) + 1))
    if scope == "all":
        return list(range(1, len(document.lines) + 1))
    return memo(document, "body_lines", lambda: [number for number, _ in document.numbered_lines()])


def _lines_within(document: Document, within: Sequence[str]) -> list[int] | None:
    """The report's lines in every section whose heading line matches `within`; None when no heading does."""
    sections = _sections(document)
    heading_lines = memo(document, "heading_lines", lambda: Lines(document.matchable[s.location.line - 1] for s in sections))
    found = lines_matching(within, heading_lines)
    sections = [section for section, hit in zip(sections, found) if hit]
    if not sections:
        return None
    return sorted({n for s in sections for n, _ in document.numbered_lines(s)})


def _matches_by_line(document: Document, patterns: Sequence[str], numbers: list[int]) -> list[tuple[int, int, int]]:
    compiled = [compile_for_lines(p) for p in patterns]
    matches = []
    # Only lines where some pattern matches need the per-pattern search (most lines have none).
    found = lines_matching(patterns, [document.matchable[number - 1] for number in numbers])
    for number in (number for number, hit in zip(numbers, found) if hit):
        matchable = document.matchable[number - 1]
        for pattern in compiled:
            for match in pattern.finditer(matchable):
                if match.end() > match.start():
                    matches.append((number, match.start(), match.end()))
    matches.sort()
    return matches


def phrase(
    document: Document,
    *,
    patterns: Sequence[str],
    expect: str = "absent",
    scope: str = "body",
    within: Sequence[str] = (),
    min_count: int = 1,
) -> Iterator[Hit]:
    """Wording that must be present (at least min_count times) or absent: placeholders, wrong titles."""
    whole_body = scope != "title" and scope != "all" and not anchored(tuple(patterns))
    if whole_body and not within:
        # The report's own lines (as `numbered_lines` gives them): one (shared) search of the whole body
        # per pattern, its matches kept to the body's bounds without listing the body's lines.
        first, last, skipped = document.body_start, len(document.lines), document.skipped_lines
        matches = [match for match in find_any(document, patterns)
                   if first <= match[0] <= last and match[0] not in skipped]
    elif (numbers := _scoped_lines(document, scope, within)) is None:
        yield Hit(detail=text("phrase.no_section"), credit=None)
        return
    elif whole_body and all(map(line_local, joined := joined_per_engine(tuple(patterns)))):
        # A few sections' lines, searched on their own, find what the whole-body search finds on them
        # for a fraction of its cost.
        lines = [(number, document.matchable[number - 1]) for number in numbers if number not in document.skipped_lines]
        matches = sorted(match for pattern in joined for match in find_in_lines(pattern, lines))
    elif whole_body:
        # The sections' lines: one (shared) search of the whole body per pattern, kept to them.
        found = find_any(document, patterns)
        wanted = memo(document, ("scope", scope, tuple(within)), lambda: frozenset(numbers)) if found else ()
        matches = [match for match in found if match[0] in wanted]
    else:
        matches = _matches_by_line(document, patterns, numbers)
    def where(number: int, start: int, end: int) -> tuple[Location, str]:
        return (Location(line=number, column=start + 1, end_line=number, end_column=end + 1),
                quote(document.lines[number - 1], start, end))
    if expect == "absent":
        for number, start, end in matches:
            location, evidence = where(number, start, end)
            yield Hit(detail=text("phrase.found", found=document.lines[number - 1][start:end]),
                      location=location, credit=0.0, evidence=evidence)
    elif len(matches) >= min_count:
        location, evidence = where(*matches[0])
        yield Hit(detail=text("phrase.present", count=len(matches)), location=location, credit=1.0, evidence=evidence)
    else:
        yield Hit(detail=text("phrase.missing", count=len(matches), min=min_count,
                              patterns=" | ".join(patterns)), credit=0.0)
