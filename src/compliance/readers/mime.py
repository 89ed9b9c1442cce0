"""The page inside a web archive (.mhtml, .mht): a MIME message whose page is the root part its `start`
parameter names, else its first text/html (or XHTML) part.

The standard library's email parser parses and decodes every part to give back one: a 40 MB archive of
base64 images took 300 MB to read. Here each part's headers are read, parts are stepped over by their
boundaries without being copied, and only the page is decoded; the search stops once it is found (at the root,
where one is named).
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from typing import NamedTuple

# Archives nest a few levels (related inside alternative inside mixed); thousands are damage or malice.
_MAX_DEPTH = 16
# A header line is a few hundred characters; what follows this many is not read (damage, or malice).
_MAX_LINE = 16 * 1024
_READ = frozenset(("content-type", "content-transfer-encoding", "content-id"))
# A page's part: Chrome types an XHTML page (one served as application/xhtml+xml) so.
_PAGES = frozenset(("text/html", "application/xhtml+xml"))
_PARAMETER = re.compile(r';\s*([^\s=;"]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))')
_ESCAPED = re.compile(r"\\(.)")
# What may follow a boundary on its line (RFC 2046's transport padding), then the line's end.
_PADDING_BEFORE_LF = re.compile(rb"[ \t\r]*(?:\n|\Z)")
_PADDING_BEFORE_CR = re.compile(rb"[ \t]*(?:\r|\Z)")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
# Before the first header: a UTF-8 BOM, as some tools write one, and blank lines, as the templates of sites'
# "export to Word" (a web archive named .doc) leave before it. email would read no header after a blank line.
_BEFORE_THE_HEADERS = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/=]+")
_BARE_CR = re.compile(rb"\r(?!\n)")


class _Part(NamedTuple):
    content_type: str  # "text/html", lower case
    parameters: dict[str, str]  # lower-case names: boundary, charset, …
    transfer_encoding: str  # "quoted-printable", "base64", … lower case
    content_id: str  # without its <>: what a multipart/related's `start` names its root part by
    body: int  # where the body starts in the archive


def web_archive_page(data: bytes) -> tuple[bytes, str | None] | None:
    """The decoded bytes of the archive's page and the charset its part names, or None if it holds none."""
    start = before.end() if (before := _BEFORE_THE_HEADERS.match(data)) else 0
    archive = _Archive(data, start)
    if (page := archive.page_of(archive.part(start, len(data)), len(data), 0)) is None:
        return None
    part, end = page
    return _decoded(data[part.body : end], part.transfer_encoding), part.parameters.get("charset")


class _Archive:
    """An archive's bytes, read line by line. Its lines end as its first does: CRLF or LF (read alike: a CR
    before the LF is not part of the line), or a bare CR, as old Mac tools wrote them."""

    def __init__(self, data: bytes, start: int) -> None:
        self.data = data
        first_break = _LINE_BREAK.search(data, start)
        bare_cr = first_break is not None and first_break.group() == b"\r"  # not a CRLF's CR
        self.newline = b"\r" if bare_cr else b"\n"
        self._padding = _PADDING_BEFORE_CR if bare_cr else _PADDING_BEFORE_LF

    def page_of(self, part: _Part, end: int, depth: int) -> tuple[_Part, int] | None:
        """The page `part` (ending at `end`) is or holds, and where that ends: itself if it is a page; in a
        multipart, the page of the root part its `start` parameter names (RFC 2387: the page, where frames and
        other pages are saved before it), else the first page of its parts, depth first."""
        if part.content_type in _PAGES:
            return part, end
        boundary = part.parameters.get("boundary")
        if not part.content_type.startswith("multipart/") or not boundary or depth >= _MAX_DEPTH:
            return None
        root = _content_id(part.parameters.get("start", ""))
        first = None  # the first page found, if no part named root holds one
        for inner_start, inner_end in self._parts(part.body, end, boundary.encode("latin-1")):
            inner = self.part(inner_start, inner_end)
            is_root = bool(root) and inner.content_id == root
            if first is not None and not is_root:
                continue  # only the root can replace the first page: other parts are stepped over unread
            page = self.page_of(inner, inner_end, depth + 1)
            if page is not None and (is_root or not root):
                return page
            first = first or page
        return first

    def part(self, start: int, end: int) -> _Part:
        """What the part at data[start:end] (its headers, a blank line, its body) holds, and where its body starts."""
        headers, body = self._headers(start, end)
        content_type, _, parameters = headers.get("content-type", "text/plain").partition(";")
        content_type = content_type.strip().lower()
        return _Part(content_type if "/" in content_type else "text/plain",
                     {name.lower(): _ESCAPED.sub(r"\1", quoted) if quoted else plain
                      for name, quoted, plain in _PARAMETER.findall(";" + parameters)},
                     headers.get("content-transfer-encoding", "").strip().lower(),
                     _content_id(headers.get("content-id", "")), body)

    def _headers(self, start: int, end: int) -> tuple[dict[str, str], int]:
        """The first Content-Type and Content-Transfer-Encoding of the header lines from `start`, unfolded, as
        email reads them; and where the body starts, after the blank line."""
        data = self.data
        headers: dict[str, list[str]] = {}
        value: list[str] | None = None  # the pieces of the header being read, if one of those
        room = 0  # how much more of it is read: a header of a megabyte is damage, and its start says enough
        position = start
        while position < end:
            line_end = data.find(self.newline, position, end)
            line_end = end if line_end < 0 else line_end
            line = data[position : min(line_end, position + _MAX_LINE)]
            position = line_end + 1
            if line in (b"", b"\r"):
                break  # the blank line
            if line.startswith((b" ", b"\t")):  # a header folded onto the next line
                if value is not None and room > 0:
                    value.append(line[:room].decode("latin-1").strip())
                    room -= len(line)
                continue
            name, colon, rest = line.partition(b":")
            key = name.strip().lower().decode("latin-1")  # Latin-1 maps every byte: a raw UTF-8 URL is harmless
            value = None
            if colon and key in _READ and key not in headers:
                value = headers[key] = [rest.decode("latin-1").strip()]
                room = _MAX_LINE - len(line)
        return {key: " ".join(pieces) for key, pieces in headers.items()}, min(position, end)

    def _parts(self, start: int, end: int, boundary: bytes) -> Iterator[tuple[int, int]]:
        """(start, end) of each part of the multipart body data[start:end]: what lies between lines that open
        with "--" and the boundary, up to the one that closes it with "--" and nothing more after the boundary,
        or to the end (an archive cut short keeps its parts)."""
        data = self.data
        delimiter = b"--" + boundary
        part_start: int | None = None  # None in the preamble, before the first boundary
        position = start
        while (found := data.find(delimiter, position, end)) >= 0:
            position = found + len(delimiter)
            if found > start and data[found - 1] != self.newline[0]:
                continue  # not at the start of a line: text in a part
            closing = data.startswith(b"--", position, end) and self._padding.match(data, position + 2, end) is not None
            if not closing and not self._padding.match(data, position, end):
                continue  # another boundary that begins with this one ("--b10", "--b1--related" for "b1")
            if part_start is not None:
                yield part_start, _before_line_break(data, part_start, found)
            if closing:
                return
            line_end = data.find(self.newline, position, end)
            part_start = position = end if line_end < 0 else line_end + 1
        if part_start is not None:
            yield part_start, end


def _content_id(value: str) -> str:
    """A Content-ID as `start` names it and as a part's header gives it, with or without its <>."""
    return value.strip().removeprefix("<").removesuffix(">").strip()


def _before_line_break(data: bytes, start: int, delimiter: int) -> int:
    """Where a part ends: the line break before its boundary (CRLF, LF or CR) belongs to the boundary."""
    end = delimiter
    if end > start and data[end - 1] == 0x0A:
        end -= 1
    if end > start and data[end - 1] == 0x0D:
        end -= 1
    return end


def _decoded(body: bytes, transfer_encoding: str) -> bytes:
    if transfer_encoding == "quoted-printable":
        # binascii knows "=" then LF or CRLF as a soft line break; "=" then a bare CR ended the page there.
        return binascii.a2b_qp(_BARE_CR.sub(b"\n", body))
    if transfer_encoding == "base64":
        # Some tools join chunks encoded one by one, each ending in its own "=" padding: binascii stops at the
        # first, where lenient decoders go on to the next chunk. Each is decoded in turn.
        return b"".join(_base64_decoded(chunk) for chunk in _NOT_BASE64.sub(b"", body).split(b"="))
    return body  # 7bit, 8bit, binary, or none given


def _base64_decoded(letters: bytes) -> bytes:
    """Base64 letters without their padding. A last group of one letter holds no whole byte; two or three are
    decoded with the padding restored (an archive cut short, or a writer that left it out)."""
    letters = letters[: len(letters) - 1] if len(letters) % 4 == 1 else letters
    return binascii.a2b_base64(letters + b"=" * (-len(letters) % 4))
