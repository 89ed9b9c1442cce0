"""Files whose content is not what their name says, read as what they are, with a note saying so.

Sites serve Word's "save as web page" named .doc, a .docx or a PDF named .doc, a plain page or a Word file
named .mht (some browsers save a page so, or it was renamed), a web archive or a Word file named .html. Each
is read by the reader of what it is, and a note (read.doc_is_*: "named .doc but really …") tells the user why
the format differs from the name.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError
from ..messages import text, text_with
from ..model import Source, Text

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The name of a Word file's main stream, as the compound file's directory holds it: an Excel sheet or a
# PowerPoint deck is an OLE file too, but without it.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# The same for Office 2007 and later: the part names a zip holds in plain text, a .docx's and the others'.
_WORD_PART = b"word/document"
_OTHER_OFFICE_PARTS = (b"xl/workbook", b"ppt/presentation")
_WEB_PAGE = re.compile(rb"<(?:!doctype\s+html|html|head|meta|body)\b", re.IGNORECASE)
_PDF_HEADER = b"%PDF-"


def read_as_what_it_is(path: Path, data: bytes, *, own_format: str = "doc") -> Source | None:
    """The file read as what its content is, with the note; None when its content is the format of the reader
    asking (`own_format`: "doc", as the .doc reader asks, "html" or "mhtml"), or none of the formats below."""
    if (actual := _really(data)) is None or actual[0] == own_format:
        return None
    _, reader, key = actual
    note = text(key, path=path, suffix=path.suffix)
    if reader is None:  # known, and no report: the note says what it is and what to do
        raise DocumentError(note, code="unsupported")
    try:
        source = reader(path, data)
    except DocumentError as error:
        # "not a valid Word file (.docx)" alone, of a file the user knows as a .doc, reads as a mistake of ours.
        reason = Text(zh=error.text.zh.removeprefix(f"{path}："), en=error.text.en.removeprefix(f"{path}: "))
        raise DocumentError(text_with("read.disguised_unreadable", {"note": note, "reason": reason}),
                            code=error.code) from error
    return replace(source, warnings=(*source.warnings, note))


def _really(data: bytes) -> tuple[str, Callable[[Path, bytes], Source] | None, str] | None:
    """The format, its reader (None for an Office file that is no Word file: no report is read from an Excel
    sheet), and the key of the note saying so, for a file that is a Word 97–2003 file, a
    .docx, RTF, a Word 2003 XML document, a web page (Word's "save as web page", in any encoding), a web
    archive or a PDF (as some upload forms leave one)."""
    if data.startswith(_OLE):
        if _WORD_STREAM not in data:
            return "office_97", None, "read.office_not_word"
        from .doc import read_doc

        return "doc", read_doc, "read.doc_is_word_97"
    from .rtf import is_rtf, read_rtf  # each only for such a file: small, and none on a real .doc's path
    from .wordml import is_word_2003_xml, read_word_2003_xml

    if data.startswith(b"PK\x03\x04"):
        if _WORD_PART not in data and any(part in data for part in _OTHER_OFFICE_PARTS):
            return "office_2007", None, "read.office_not_word"
        from .docx import read_docx

        return "docx", read_docx, "read.doc_is_docx"
    if is_rtf(data):
        return "rtf", read_rtf, "read.doc_is_rtf"
    if is_word_2003_xml(data):
        return "wordml", read_word_2003_xml, "read.doc_is_word_xml"
    from .html import is_web_archive, read_html, read_mhtml

    if is_web_archive(data):
        return "mhtml", read_mhtml, "read.doc_is_mhtml"
    if _is_web_page(data):
        return "html", read_html, "read.doc_is_html"
    if _PDF_HEADER in data[:1024]:  # readers accept the header anywhere in the first kilobyte
        from .pdf import read_pdf

        return "pdf", read_pdf, "read.doc_is_pdf"
    return None


def _is_web_page(data: bytes) -> bool:
    if _WEB_PAGE.search(data[:4096]):
        return True
    # In UTF-16 (Word's "save as web page" with the Unicode encoding) the tags are not ASCII bytes.
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and _WEB_PAGE.search(
        data[:8192].decode("utf-16", "replace").encode("utf-8")) is not None
