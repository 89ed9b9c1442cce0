"""PDF files: the text layer in reading order, wrapped lines joined back into paragraphs.

Read with pypdf: pure Python with no required dependencies, maintained, tolerant of damaged files,
and with its own caps on inflated streams. Its layout mode keeps each line's indentation and length,
which is what tells a paragraph's first and last lines from the lines it wraps onto.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import DocumentError
from ..messages import text
from ..model import Source

# pypdf reports damage it works around through logging; a CLI user should not see those lines.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

MAX_PAGES = 2000
# Running page numbers: "- 3 -", "第3页 共7页", "3/7".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})[\s\-—–·]*$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")
_INNER_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _paragraphs(pages: Iterable[str]) -> Iterator[str]:
    """Join wrapped lines: a line continues the previous one unless it is indented or follows a short line."""
    current: list[str] = []
    for page in pages:
        lines = [line.rstrip() for line in page.split("\n")]
        lines = [line for line in lines if not _PAGE_NUMBER.match(line) or not line.strip()]
        written = [line for line in lines if line.strip()]
        if not written:
            continue
        margin = min(len(line) - len(line.lstrip()) for line in written)
        widths = sorted(_width(line[margin:]) for line in written)
        full = widths[int(len(widths) * 0.9)] if len(widths) > 3 else widths[-1]
        previous_full = bool(current)  # a paragraph may run on from the last page
        for line in lines:
            if not line.strip():
                previous_full = False
                continue
            indent = len(line) - len(line.lstrip()) - margin
            content = _INNER_SPACE.sub(" ", line.strip())
            if current and (indent >= 2 or not previous_full):
                yield _join(current)
                current = []
            current.append(content)
            previous_full = _width(line[margin:]) >= full - 4
    if current:
        yield _join(current)


def _join(pieces: list[str]) -> str:
    joined = pieces[0]
    for piece in pieces[1:]:
        # Latin words wrapped across lines lost a space; Chinese text never had one.
        latin = _latin(joined[-1:]) and _latin(piece[:1])
        joined += (" " if latin else "") + piece
    return joined


def _latin(character: str) -> bool:
    return character.isascii() and character.isalnum()


def _date(value: object) -> str | None:
    match = _PDF_DATE.match(str(value)) if value else None
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def read_pdf(path: Path, data: bytes) -> Source:
    """A PDF with a text layer; a scanned PDF without one is refused (OCR it first)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(text("read.pdf_encrypted", path=path), code="encrypted")
            if not reader.pages:
                raise DocumentError(text("read.not_pdf", path=path), code="invalid")
            if len(reader.pages) > MAX_PAGES:
                raise DocumentError(text("read.pdf_pages", path=path, pages=len(reader.pages), limit=MAX_PAGES),
                                    code="too_large")
            pages = [page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False,
                                       layout_mode_strip_rotated=False) for page in reader.pages]
            info: Mapping[str, object] = reader.metadata or {}
            facts = {key: value for key, value in (
                ("created", _date(info.get("/CreationDate"))), ("modified", _date(info.get("/ModDate"))),
                ("title", str(info.get("/Title") or "").strip()[:500] or None)) if value}
    except DocumentError:
        raise
    except DependencyError as error:  # AES, which pypdf decrypts only with the cryptography package
        raise DocumentError(text("read.pdf_needs_cryptography", path=path), code="encrypted") from error
    except Exception as error:  # damaged files raise anything from PdfReadError to KeyError and RecursionError
        raise DocumentError(text("read.not_pdf", path=path), code="invalid") from error
    lines = tuple(_paragraphs(pages))
    if not "".join(lines).strip():
        raise DocumentError(text("read.no_text", path=path), code="no_text")
    return Source(path=str(path), format="pdf", encoding=None, lines=lines, facts=facts)
