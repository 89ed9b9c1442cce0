"""Rich Text Format (.rtf, and the .doc files some sites serve that are RTF inside): the body text.

RTF is text with control words. What is read: the body's characters, with bytes written as \\'hh decoded in
the document's code page (\\ansicpg936 for GBK, as Chinese Word and WPS write it) and \\uN characters (their
\\ucN fallback characters skipped); \\par, \\line, \\page and \\row end a line, \\cell parts cells as in
.docx rows, \\tab a tab (columns lined up by tab stops are cells). What is left out: the tables of fonts, colours and styles, document
information, pictures and objects, headers, footers, footnotes, field instructions (a field shows its
result), and every destination marked \\* that a reader may ignore. Groups are kept on a list, not by
recursion: any depth costs only memory in proportion to it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import DocumentError
from ..messages import text
from ..model import Source
from .text import CELL_END, refuse_empty, row_of_cells

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word, its number, the space that ends it
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    rb"|\\([^a-zA-Z'])"  # a control symbol: \{ \} \\ \~ \- \_ \* and a break written as \ before a newline
    rb"|([{}])"
    rb"|([^\\{}\r\n]+)"  # text
    rb"|[\r\n]+"  # line ends in the file are not text
)
_SKIPPED = frozenset({
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf",
    "footer", "footerl", "footerr", "footerf", "footnote", "fldinst", "themedata", "colorschememapping",
    "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable", "rsidtbl", "generator",
    "pgdsctbl", "filetbl", "revtbl", "nonshppict", "shpinst", "mmathPr", "userprops", "xe", "tc", "bkmkstart",
    "bkmkend", "txe", "comment", "atnid", "atnauthor", "annotation",
})
_BREAKS = {"par": "\n", "line": "\n", "page": "\n", "sect": "\n", "row": "\n", "cell": CELL_END, "tab": "\t",
           "emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
           "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " "}
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"{": "{", b"}": "}", b"\\": "\\", b"\n": "\n", b"\r": "\n"}
_MAX_BINARY = 64 * 1024 * 1024


class _Reader:
    """The text of one RTF document, token by token."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.pending = bytearray()  # \'hh bytes of one character or run, decoded together (GBK takes two)
        self.codec = "cp1252"
        self.skip_depths: list[int] = []  # depths of the groups being left out; text is kept when none is
        self.depth = 0
        self.fallback = 1  # \ucN: characters after a \uN that stand in for it in older readers
        self.to_skip = 0  # fallback characters still to skip after the last \uN
        self.destination_next = False  # the group just opened began with \*

    def flush(self) -> None:
        if self.pending:
            if not self.skip_depths:
                self.out.append(self.pending.decode(self.codec, errors="replace"))
            self.pending.clear()

    def emit(self, characters: str) -> None:
        self.flush()
        if self.skip_depths:
            return
        if self.to_skip:
            skipped = min(self.to_skip, len(characters))
            characters, self.to_skip = characters[skipped:], self.to_skip - skipped
        self.out.append(characters)

    def group(self, opening: bool) -> None:
        self.flush()
        self.to_skip = 0
        if opening:
            self.depth += 1
            self.destination_next = True
            return
        if self.skip_depths and self.skip_depths[-1] == self.depth:
            self.skip_depths.pop()
        self.depth = max(0, self.depth - 1)

    def skip_group(self) -> None:
        if not self.skip_depths or self.skip_depths[-1] != self.depth:
            self.skip_depths.append(self.depth)

    def word(self, name: str, number: int | None) -> None:
        opens_group, self.destination_next = self.destination_next, False
        if name in _SKIPPED and opens_group:
            self.skip_group()
        elif name == "ansicpg" and number:
            self.codec = _codec(number, self.codec)
        elif name == "uc" and number is not None:
            self.fallback = max(0, number)
        elif name == "u" and number is not None:
            self.emit(chr(number % 65536 if number < 0 else min(number, 0x10FFFF)))
            self.to_skip = self.fallback
        elif name in _BREAKS:
            self.emit(_BREAKS[name])


def _codec(page: int, current: str) -> str:
    name = "cp936" if page == 936 else f"cp{page}"
    try:
        codecs.lookup(name)
    except LookupError:
        return current
    return "gb18030" if page == 936 else name  # GB18030 decodes every GBK byte pair and more


def rtf_text(data: bytes) -> str:
    """The body text of an RTF document."""
    reader = _Reader()
    position = 0
    for token in _TOKEN.finditer(data):
        if token.start() < position:
            continue  # inside the bytes of a \binN
        word, number, byte, symbol, brace, run = token.groups()
        if word is not None:
            name = word.decode("ascii")
            if name == "bin" and number:
                position = token.end() + min(int(number), _MAX_BINARY)  # raw bytes: never text
                continue
            reader.word(name, int(number) if number is not None else None)
        elif byte is not None:
            if reader.to_skip:
                reader.to_skip -= 1  # a \'hh standing in for the \uN before it
            else:
                reader.pending.append(int(byte, 16))
        elif symbol is not None:
            if symbol == b"*":
                if reader.destination_next:
                    reader.skip_group()  # an optional destination: a reader that does not know it skips it
                reader.destination_next = False
            else:
                reader.destination_next = False
                reader.emit(_SYMBOLS.get(symbol, ""))
        elif brace is not None:
            reader.group(brace == b"{")
        elif run is not None:
            reader.destination_next = False
            reader.emit(run.decode(reader.codec, errors="replace"))
    reader.flush()
    # A character beyond U+FFFF is written as two \uN, its UTF-16 surrogates: paired here; one alone is �.
    return "".join(reader.out).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def is_rtf(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def read_rtf(path: Path, data: bytes) -> Source:
    """A Rich Text Format file (.rtf)."""
    if not is_rtf(data):
        raise DocumentError(text("read.not_rtf", path=path), code="invalid")
    lines = tuple(stripped for line in rtf_text(data).split("\n") if (stripped := row_of_cells(line)))
    refuse_empty("".join(lines), path)
    return Source(path=str(path), format="rtf", encoding=None, lines=lines)
