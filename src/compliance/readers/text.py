"""Plain text and Markdown: bytes → physical lines, with encoding detection shared by every reader.

Text formats keep physical lines, so a location's `line` is the line an editor shows.
"""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import DocumentError
from ..messages import text
from ..model import Source, Text, Waiver

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing directories, unreadable files and files over the size limit."""
    try:
        status = path.stat()
        size = status.st_size
        if stat.S_ISDIR(status.st_mode):
            raise DocumentError(text("read.is_directory", path=path), code="unreadable")
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            raise DocumentError(text("read.not_regular", path=path), code="unreadable")
        if size > max_bytes:
            raise DocumentError(
                text("read.too_large", path=path, size=size, limit=max_bytes), code="too_large"
            )
        with path.open("rb") as handle:
            # Asking for the whole limit at once allocates it (50 MB) for every file, which costs more than
            # the read: ask for what stat saw, and for the rest of the limit only if the file grew since.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except FileNotFoundError as error:
        raise DocumentError(text("read.not_found", path=path), code="not_found") from error
    except PermissionError as error:
        raise DocumentError(text("read.permission", path=path), code="unreadable") from error
    except OSError as error:
        raise DocumentError(
            text("read.os_error", path=path, reason=error.strerror or error), code="unreadable"
        ) from error
    if len(data) > max_bytes:  # the file grew while we read it
        raise DocumentError(
            text("read.too_large", path=path, size=len(data), limit=max_bytes), code="too_large"
        )
    return data


def decode(data: bytes, path: str) -> tuple[str, str, tuple[Text, ...]]:
    """Decode report bytes: BOM first, then UTF-8, then GB18030; returns (text, encoding, warnings)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, ()
            except UnicodeDecodeError as error:
                raise DocumentError(
                    text("read.bad_bom", path=path, encoding=encoding), code="decode"
                ) from error
    if b"\x00" in data:
        raise DocumentError(text("read.binary", path=path), code="binary")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as error:
        utf8_error = error
    # A file cut short inside a UTF-8 character is still the report: keep what decodes, and say so.
    if utf8_error.start >= len(data) - 3 and _decodes(data[: utf8_error.start], "utf-8"):
        decoded = data.decode("utf-8", errors="replace")
        return decoded, "utf-8", (text("read.truncated", path=path),)
    try:
        gb18030: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        gb18030 = None
    if gb18030 is not None and _looks_like_text(gb18030):
        return gb18030, "gb18030", ()
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    if bad <= max(3, len(data) // 1000):
        decoded = data.decode("utf-8", errors="replace")
        return decoded, "utf-8", (text("read.replaced", path=path, count=bad),)
    raise DocumentError(text("read.undecodable", path=path), code="decode")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_text(decoded: str) -> bool:
    # GB18030 maps nearly any byte sequence to some character; binary shows up as control characters.
    sample = decoded[:20000]
    return len(_CONTROL.findall(sample)) <= max(2, len(sample) // 200)


def split_lines(decoded: str) -> tuple[str, ...]:
    """Physical lines: CRLF, CR and LF all end a line; a trailing newline adds no empty line."""
    if "\r" in decoded:  # one quick look spares most files the slower search for the pair "\r\n"
        decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    return tuple(decoded.split("\n"))


def refuse_binary(decoded: str, path: Path) -> None:
    """Raise DocumentError when decoded text is full of control characters (binary read as text)."""
    if _CONTROL.search(decoded[:20000]) and not _looks_like_text(decoded):
        raise DocumentError(text("read.binary", path=path), code="binary")


CELL_END = "\x07"  # how Word's binary and RTF readers mark a cell's end in a line, until the row is joined


def row_of_cells(line: str) -> str:
    """A line; if it holds a table row (cells ended by CELL_END), its cells two spaces apart, the empty ones
    left out, as every reader writes a row."""
    if CELL_END not in line:
        return line.strip()
    return "  ".join(cell for part in line.split(CELL_END) if (cell := part.strip()))


def refuse_empty(content: str, path: Path) -> None:
    """Raise DocumentError when there is no visible text to check."""
    if not content.strip(" \t\r\n\ufeff\u3000\xa0"):
        raise DocumentError(text("read.empty", path=path), code="empty")


def _checked_text(data: bytes, path: Path) -> tuple[tuple[str, ...], str, tuple[Text, ...]]:
    decoded, encoding, warnings = decode(data, str(path))
    refuse_binary(decoded, path)
    refuse_empty(decoded, path)
    return split_lines(decoded), encoding, warnings


def read_txt(path: Path, data: bytes) -> Source:
    """Plain text in UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM."""
    lines, encoding, warnings = _checked_text(data, path)
    return Source(path=str(path), format="txt", encoding=encoding, lines=lines, warnings=warnings)


_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)")
_MD_INLINE = re.compile(r"\*\*|__|`|!?\[([^\]]*)\]\([^)]*\)")
_MD_COMMENT = re.compile(r"<!--.*?-->")


def read_md(path: Path, data: bytes) -> Source:
    """Markdown: heading marks, quotes, bullets, emphasis and link targets are dropped, lines kept 1:1.

    Columns in a Markdown file are counted after the dropped marks.
    """
    lines, encoding, warnings = _checked_text(data, path)
    plain = tuple(_markdown_line(line) for line in lines)
    notes = list(warnings)
    waivers = tuple(waiver for number, line in enumerate(lines, start=1) if "compliance:" in line
                    for waiver in _inline_waivers(line, number, path, notes))
    return Source(path=str(path), format="md", encoding=encoding, lines=plain, warnings=tuple(notes),
                  waivers=waivers)


# <!-- compliance: waive indicators.reconsideration_received 本年度未发生行政复议案件 until=2026-12-31 -->
_INLINE_WAIVER = re.compile(
    r"<!--\s*compliance:\s*waive\s+(?P<rule>[\w.*?\[\]-]+)\s+(?P<reason>.*?)"
    r"(?:\s+until=(?P<until>[^\s>]+))?\s*-->")
# An expiry as authors write a day: 2026-12-31, also 2026-1-5, 2026/12/31, 2026.12.31 or 2026年12月31日.
_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def _inline_waivers(line: str, number: int, path: Path, warnings: list[Text]) -> Iterator[Waiver]:
    """Waivers an author wrote into a Markdown source as comments; no expiry unless until= is given.

    One whose until= is no day (2024-02-30, 明年) is not granted, and a reading note says so: a waiver that
    never expired because its date was mistyped would hide the finding for good."""
    for match in _INLINE_WAIVER.finditer(line):
        until = None
        if match["until"] is not None:
            day = _DAY.fullmatch(match["until"])
            try:
                until = date(*map(int, day.groups())) if day else None
            except ValueError:
                pass
            if until is None:
                warnings.append(text("read.waiver_bad_until", path=path, line=number, until=match["until"]))
                continue
        yield Waiver(rule=match["rule"], reason=match["reason"].strip() or "—", granted_by="",
                     expires=until, source=f"inline:{number}")


def _markdown_line(line: str) -> str:
    line = _MD_COMMENT.sub("", line)
    if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", line):
        return ""
    line = _MD_PREFIX.sub("", line, count=1)
    return _MD_INLINE.sub(lambda match: match.group(1) or "", line)
