"""Reading files: bytes → lines of text, one reader per format, chosen by file suffix.

This package is the only code that knows file formats and encodings. Text formats keep physical
lines; HTML, DOCX, DOC and PDF give one line per paragraph in reading order (see model.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from .. import messages  # not `text`: the submodule .text would shadow it
from ..errors import DocumentError
from ..model import Source
from .text import DEFAULT_MAX_BYTES, _markdown_line, decode, read_bytes, read_md, read_txt, split_lines

# Whitespace, after a UTF-8 BOM if there is one. Matched, not data.strip(): that copies the whole file.
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n\x0b\x0c]*")


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one file with the reader its suffix names."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None and not path.exists():  # a mistyped name (reprots/): not there, whatever its suffix says
        raise DocumentError(messages.text("read.not_found", path=path), code="not_found")
    if reader is None:
        supported = " ".join(sorted(READERS))
        raise DocumentError(
            messages.text("read.unsupported", path=path, suffix=path.suffix, supported=supported) if path.suffix
            else messages.text("read.no_suffix", path=path, supported=supported),
            code="unsupported",
        )
    data = read_bytes(path, max_bytes=max_bytes)
    if _BLANK.fullmatch(data):  # the same answer for an empty file whatever its suffix promises
        raise DocumentError(messages.text("read.empty", path=path), code="empty")
    return reader(path, data)


__all__ = ["DEFAULT_MAX_BYTES", "READERS", "_markdown_line", "decode", "read_bytes", "read_document",
           "split_lines"]

Reader = Callable[[Path, bytes], Source]


def _on_first_use(module: str, name: str) -> Reader:
    """The reader `name` of `module`, imported when a file of its format is first read: checking a .txt
    report does not pay for importing lxml, pypdf and olefile (about 20 ms of a cold start of 210)."""

    def read(path: Path, data: bytes) -> Source:
        reader: Reader = getattr(import_module(module, __name__), name)
        return reader(path, data)

    read.__name__ = read.__qualname__ = name
    return read


read_html = _on_first_use(".html", "read_html")
read_mhtml = _on_first_use(".html", "read_mhtml")
read_docx = _on_first_use(".docx", "read_docx")
read_doc = _on_first_use(".doc", "read_doc")
read_pdf = _on_first_use(".pdf", "read_pdf")
read_rtf = _on_first_use(".rtf", "read_rtf")

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".mhtml": read_mhtml,
    ".mht": read_mhtml,
    ".docx": read_docx,
    ".doc": read_doc,
    ".wps": read_doc,  # WPS Office saves .wps in the Word 97–2003 format; an older WPS format is refused as such
    ".pdf": read_pdf,
    ".rtf": read_rtf,
}
