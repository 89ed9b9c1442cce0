"""build(): a read Source → a Document, assembling what the other modules of the package find."""

from __future__ import annotations

from itertools import accumulate

from ..errors import DocumentError
from ..messages import text
from ..model import Document, Source
from ..quantities import find_quantities_on_lines
from .dates import _published, _year
from .fold import _fold_lines
from .header import _scan_header
from .headings import _find_headings, _section_tree
from .subject import subject_of
from .unwrap import unwrap

# Under this many characters of body, a page that links attachments holds a notice, not the report itself.
ATTACHMENT_NOTICE_CHARS = 300


def _refuse_a_page_that_only_links_its_report(source: Source, body_chars: int) -> None:
    """Checking a notice as if it were the report would fail every part of it; name the attachment instead."""
    if body_chars < ATTACHMENT_NOTICE_CHARS:
        raise DocumentError(text("read.attachment_only", path=source.path, attachments="、".join(source.attachments[:3])),
                            code="attachment_only")


def build(source: Source) -> Document:
    """Parse a Source into a Document."""
    source, joins = unwrap(source)
    lines = source.lines
    width_found: set[str] = set()  # full-width characters fold replaces: the quantity scan need not seek them again
    folded = _fold_lines(lines, width_found)
    header = _scan_header(lines, folded)
    if header.title is None and source.facts.get("ArticleTitle"):
        header.title = source.facts["ArticleTitle"].strip()
    body_start = (header.title_location.end_line or header.title_location.line) + 1 if header.title_location else 1
    # Everything before the title is page furniture, whatever it says.
    skipped = header.skipped | set(range(1, body_start))
    body = [n for n in range(body_start, len(lines) + 1) if n not in skipped]
    while body and not folded[body[-1] - 1].strip():
        body.pop()
    last_line = body[-1] if body else len(lines)
    text_lines = [n for n in body if folded[n - 1].strip()]  # blank lines are never headings, years or quantities
    if source.attachments:
        _refuse_a_page_that_only_links_its_report(source, sum(len(folded[n - 1]) for n in text_lines))
    sections = _section_tree(_find_headings(lines, folded, text_lines, source.outline), last_line)
    attachments = [section.location.line for section in sections if section.style == "附件"]
    published, published_source = _published(header, source, folded, body, attachments)
    year, year_source = _year(header.title, sections, [lines[n - 1] for n in text_lines[:3]], published)
    publisher = header.metadata.get("publisher")
    subject, subject_reason = subject_of(header.title,
                                         publisher.value if publisher else source.facts.get("ContentSource"))
    quantities = find_quantities_on_lines(text_lines, [lines[number - 1] for number in text_lines], width_found)
    skipped_all = frozenset(skipped)
    blanked = ["" if n in skipped_all else line for n, line in enumerate(folded, start=1)]  # skipped lines emptied
    body_text = "\n".join(blanked)
    line_starts = tuple(accumulate((len(line) + 1 for line in blanked), initial=0))[:-1]
    return Document(
        path=source.path, format=source.format, encoding=source.encoding, lines=tuple(lines),
        matchable=tuple(folded),
        title=header.title, title_location=header.title_location, year=year, year_source=year_source,
        published=published, published_source=published_source, subject=subject,
        subject_reason=subject_reason, metadata=dict(sorted(header.metadata.items(), key=lambda item: (item[1].location.line, item[1].location.column))),
        sections=sections, quantities=tuple(quantities), body_start=body_start,
        skipped_lines=skipped_all, warnings=source.warnings, waivers=source.waivers, body_text=body_text, line_starts=line_starts,
        joins=joins,
    )
