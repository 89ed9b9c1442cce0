"""Word 2003 XML documents (WordprocessingML 2003, "Word XML Document"): what many document systems export and
name .doc. One XML file, the paragraphs and tables of .docx under another namespace: a paragraph a line, a
table row a line with its cells two spaces apart. Parsed as the .docx parts are, with entities unresolved,
no DTD and no network.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree

from ..errors import DocumentError
from ..messages import text
from ..model import Source
from .docx import safe_xml_parser
from .text import refuse_empty

W = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_MARK = re.compile(rb"schemas\.microsoft\.com/office/word/2003/wordml")


def is_word_2003_xml(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<?xml") and _MARK.search(head) is not None


def _text(paragraph: etree._Element) -> str:
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        pieces.append(element.text or "" if element.tag == f"{W}t" else " ")
    return "".join(pieces).strip()


def _lines(body: etree._Element) -> list[str]:
    lines = []
    for element in body.iter(f"{W}p", f"{W}tbl"):
        if any(ancestor.tag == f"{W}tc" for ancestor in element.iterancestors()):
            continue  # read with its table
        if element.tag == f"{W}p":
            lines.append(_text(element))
        else:
            for row in element.findall(f"{W}tr"):
                cells = (" ".join(_text(p) for p in cell.iter(f"{W}p")).strip() for cell in row.findall(f"{W}tc"))
                lines.append("  ".join(cell for cell in cells if cell))
    return [line for line in lines if line]


def read_word_2003_xml(path: Path, data: bytes) -> Source:
    """A Word 2003 XML document."""
    try:
        root = etree.parse(io.BytesIO(data), safe_xml_parser()).getroot()
    except etree.LxmlError as error:
        raise DocumentError(text("read.not_word_xml", path=path), code="invalid") from error
    body = root.find(f"{W}body")
    if body is None:
        raise DocumentError(text("read.not_word_xml", path=path), code="invalid")
    lines = tuple(_lines(body))
    refuse_empty("".join(lines), path)
    return Source(path=str(path), format="wordml", encoding=None, lines=lines)
