"""Saved web pages: the article as one line per block, the metadata table as "label: value" lines.

Parsed with the standard library's event-based `html.parser`: it keeps no tree, so nesting depth
costs nothing (no recursion), it accepts the broken markup real sites serve, and it adds no dependency.
Page furniture is dropped by element (script, style, nav, footer, …) and by class/id words (share,
breadcrumb, footer, …); what text chrome remains, structure recognises.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from ..errors import DocumentError
from ..messages import text
from ..model import Source, Text
from ..structure.header import METADATA_LABELS
from .disguised import read_as_what_it_is
from .text import decode, refuse_binary, refuse_empty

# Elements whose content is never report text.
_SKIPPED = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "button",
    "select", "option", "textarea", "iframe", "object", "head", "title",
})
# Words in a class or id that mark furniture; matched as whole words of the name (split at - and _).
_FURNITURE = frozenset({
    "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share", "bshare",
    "fenxiang", "footer", "foot", "copyright", "sidebar", "toolbar", "related", "pager", "pagination",
    "comment", "comments", "login", "search", "qrcode", "ewm", "print", "tools", "position", "location",
    "weizhi", "dqwz",
})
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "thead", "tbody", "tfoot", "tr", "caption", "section", "article", "main", "header", "blockquote",
    "pre", "address", "figure", "figcaption", "center", "form", "fieldset", "hr", "br", "body", "html",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_CELLS = frozenset({"td", "th"})
_PARAGRAPHS = frozenset({"p", "div"})  # what a table's cell wraps its text in
_SPACE = re.compile(r"[ \t\r\n\f]+")
_WORDS = re.compile(r"[-_\s]+")
_LABEL_END = ("：", ":")
_TERM_MAX = 20  # a <dt> longer than this is a heading, not a field label
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Word's "save as web page" writes an automatic list number (一、 （一） 1.) in an element so styled, padded with
# non-breaking spaces in a tiny font where Word has a tab after it.
_LIST_NUMBER = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
# A disclosure block's label spaced out to the width of the longest (索 引 号：, 文　　号：, 有&nbsp;效&nbsp;性：), as
# portals align their label column; joined again, it is the label the header knows.
_LABEL_GAP = re.compile(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff][ \u3000\xa0]+){1,4}[\u4e00-\u9fff])(?=[ \u3000\xa0]*(?:[：:]|$))")
_GAPS = re.compile(r"[ \u3000\xa0]+")
_METADATA_LABELS = frozenset(label for labels in METADATA_LABELS.values() for label in labels)
_MAX_FACTS = 200
_MAX_FACT_CHARS = 2000
# Links to these are attachments: a page that only links its report in one holds nothing to check.
_ATTACHMENT_SUFFIX = r"\.(?:pdf|docx?|wps|ofd|rtf|xlsx?|zip|rar|7z)"
_ATTACHMENT = re.compile(_ATTACHMENT_SUFFIX + "$", re.IGNORECASE)
# A link's text naming one: 报告.pdf, also with its size after it (报告.docx（56KB）).
_ATTACHMENT_SHOWN = re.compile(_ATTACHMENT_SUFFIX + "(?![A-Za-z0-9])", re.IGNORECASE)
# A string in a link's script: window.open('/att/报告.pdf'), downLoadFile("…/报告.docx").
_SCRIPT_STRING = re.compile(r"'([^'\n]*)'|\"([^\"\n]*)\"")
_MAX_ATTACHMENTS = 20
# A file name is a few dozen characters; a longer one (a URL of a megabyte) is named by its start in messages.
_LONGEST_NAME = 100
# Elements that show a file inside the page, and the attribute naming it: a report shown in a PDF viewer
# is an attachment all the same.
_VIEWERS = {"iframe": "src", "frame": "src", "embed": "src", "object": "data"}


def _attachment_named(url: str) -> str:
    """The name of the attachment a URL fetches, or "": the file its path ends in (/att/报告.pdf), else one
    a query value names (download.jsp?filename=报告.wps)."""
    path, _, query = url.split("#")[0].partition("?")
    for candidate in (unquote(path), *(value for _, value in parse_qsl(query))):
        candidate = candidate.rstrip("/")
        if _ATTACHMENT.search(candidate):
            return candidate.rsplit("/", 1)[-1]
    return ""


def _link_target(href: str | None, onclick: str | None) -> str | None:
    """The attachment a link fetches ("" for none), or None for no link. A link with no usable href (none,
    "#", "javascript:void(0)") opens its file from a script, in its onclick or in a javascript: href: the
    file is one of the script's strings, where an analytics call or a share button names none."""
    if href and not href.lstrip().startswith("#") and href.lstrip()[:11].lower() != "javascript:":
        return _attachment_named(href)
    scripts = [script for script in (href, onclick) if script]
    if not scripts:
        return None
    return next((name for script in scripts for match in _SCRIPT_STRING.finditer(script)
                 if (name := _attachment_named(match[1] or match[2] or ""))), "")


class _Extractor(HTMLParser):
    """Collects block lines and <meta> facts while skipping furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.facts: dict[str, str] = {}
        self.outline: dict[int, int] = {}  # line -> level of an <h1>…<h6>
        self._open: list[str] = []
        self._counts: dict[str, int] = {}  # open elements by name: a stray end tag is ignored in O(1)
        self._skip_depth: int | None = None  # len(self._open) when a skipped element began
        self._pre = 0
        self._buffer: list[str] = []
        self._row: list[tuple[bool, str]] | None = None  # (is a <th>, text) of the current table row
        self._cell: bool | None = None  # inside a cell: whether it is a <th>
        self._cell_paragraph: int | None = None  # where in the buffer the cell's one paragraph began
        self._term: int | None = None  # the line of the last <dt>, until its <dd> is read
        self._headings: tuple[int, int, list[str]] | None = None  # a row of labels only: its line, table depth, labels
        self._paired: tuple[int, int, str, str] | None = None  # the line it and the row under it were read into
        self._lone_label: tuple[int, int] | None = None  # a block holding only a label: its line, its depth
        self.attachments: list[str] = []  # the name of each attachment the article links
        self._link: tuple[str, int, int] | None = None  # an open attachment link: file name, lines, buffer length
        self._list_number: tuple[int, int, int] | None = None  # Word's open list number: depth, lines, buffer length

    # ------------------------------------------------------------ tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if tag in _VIEWERS and self._skip_depth is None and not _is_furniture(attrs):
            self._embedded(tag, attrs)
        elif tag != "a":
            self._scripted(attrs)
        if self._skip_depth is None and (tag in _SKIPPED or _is_furniture(attrs)):
            self._skip_depth = len(self._open)
        if tag in _VOID:
            if tag in ("br", "hr") and self._skip_depth is None:
                self._break()
            return
        self._open.append(tag)
        self._counts[tag] = self._counts.get(tag, 0) + 1
        if self._skip_depth is not None:
            return
        if self._list_number is None and any(name == "style" and value and _LIST_NUMBER.search(value)
                                             for name, value in attrs):
            self._list_number = (len(self._open) - 1, len(self.lines), len(self._buffer))
        if tag == "a":
            attributes = dict(attrs)
            self._open_link(_link_target(attributes.get("href"), attributes.get("onclick")))
        if tag == "pre":
            self._pre += 1
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in _CELLS:
            self._end_cell()
            self._cell = tag == "th"
        elif tag in _BLOCKS:
            if self._cell is not None:
                self._block_in_cell(tag)
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
        elif tag in _VIEWERS and self._skip_depth is None and not _is_furniture(attrs):
            self._embedded(tag, attrs)
        elif tag != "a":
            self._scripted(attrs)
        if tag in ("br", "hr") and self._skip_depth is None:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if not self._counts.get(tag):
            return  # a stray end tag: ignore it, as browsers do
        # Close everything opened inside it (unclosed <li>, <p>, …). Each element is closed once, so a
        # page costs time linear in its tags however broken it is.
        index = len(self._open) - 1
        while self._open[index] != tag:
            index -= 1
        closes_link = "a" in self._open[index:]
        for closed in self._open[index:]:
            self._counts[closed] -= 1
        del self._open[index:]
        if (number := self._list_number) is not None and index <= number[0]:
            self._list_number = None
            self._join_list_number(*number[1:])
        if self._skip_depth is not None:
            if index <= self._skip_depth:
                self._skip_depth = None
            return
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if closes_link:
            self._close_link()
        if tag in _CELLS:
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
            if tag == "table":
                self._headings = self._paired = None  # the next table's rows are not under this one's
        elif tag in _BLOCKS:
            before = len(self.lines)
            self._break()
            if tag in _HEADINGS and len(self.lines) > before:
                self.outline[len(self.lines)] = int(tag[1])  # line numbers are 1-based
            self._pair_siblings(index, len(self.lines) > before)
            if tag == "dt":
                self._term = len(self.lines) - 1
            elif tag == "dd":
                self._define()

    def handle_data(self, data: str) -> None:
        if self._skip_depth is not None:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._buffer.append(first)
            for piece in rest:
                self._break()
                self._buffer.append(piece)
        else:
            self._buffer.append(_SPACE.sub(" ", data))

    def parse_comment(self, i: int, report: bool = True) -> int:
        # A comment that never closes runs to the end of the page, as in a browser. html.parser instead read
        # it as text up to the next ">" and searched the rest of the page again at the next "<!--":
        # quadratic time, hours for a 2 MB page of them.
        end = super().parse_comment(i, report)
        return len(self.rawdata) if end < 0 else end

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # A browser reads any "<![…" in a page as a comment up to the next ">". html.parser raises an
        # AssertionError on a keyword it does not know (<![foo[) or on none (<![ x), ending the whole file.
        return self.parse_bogus_comment(i, report)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._break()

    def _join_list_number(self, lines: int, start: int) -> None:
        """Word's list number, which began at buffer piece `start` of line `lines`, joined to the text after it as
        the .docx reader gives it ("一、主要举措和成效"): the spaces standing for its tab split a heading's number
        from its words, and its words from the patterns that find a part by them."""
        if lines != len(self.lines):
            return  # a block inside it: not a list number
        while len(self._buffer) > start and not self._buffer[-1].strip():
            self._buffer.pop()
        if len(self._buffer) > start:
            self._buffer[-1] = self._buffer[-1].rstrip()

    # ------------------------------------------------------------ attachments
    def _open_link(self, target: str | None) -> None:
        self._close_link()  # a link opening inside an unclosed one closes it, as in a browser
        # Every link is a candidate: a download script's link (/download?id=3817) names its file only in
        # its text, which is read by the time the link closes.
        if target is not None and len(self.attachments) < _MAX_ATTACHMENTS:
            self._link = (target, len(self.lines), len(self._buffer))

    def _embedded(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A file the page shows in a frame or plug-in: a PDF viewer (pdf.js's viewer.html?file=….pdf)."""
        source = dict(attrs).get(_VIEWERS[tag])
        if source and (name := _attachment_named(source)):
            self._attachment(name)

    def _scripted(self, attrs: list[tuple[str, str | None]]) -> None:
        """A file another element's script fetches: <span onclick="downLoadFile('/att/报告.pdf')">点击下载</span>,
        an <input type="button"> or an <img> of a download icon do what a link does."""
        onclick = next((value for name, value in attrs if name == "onclick"), None)  # most elements have none
        if onclick and self._skip_depth is None and not _is_furniture(attrs) and (name := _link_target(None, onclick)):
            self._attachment(name)

    def _close_link(self) -> None:
        """The attachment's name as the page shows it (its link text), else its file name."""
        if self._link is None:
            return
        name, lines, start = self._link
        self._link = None
        # Text still in the buffer where the link began (a block inside the link has taken it otherwise).
        shown = _SPACE.sub(" ", "".join(self._buffer[start:])).strip() if lines == len(self.lines) else ""
        if _ATTACHMENT_SHOWN.search(shown):
            self._attachment(shown)
        elif name:
            self._attachment(name)

    def _attachment(self, name: str) -> None:
        if len(self.attachments) < _MAX_ATTACHMENTS:
            self.attachments.append(name if len(name) <= _LONGEST_NAME else name[: _LONGEST_NAME - 1] + "…")

    # ------------------------------------------------------------ lines
    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        content = attrs.get("content")
        if name and content and len(self.facts) < _MAX_FACTS and name not in self.facts:
            self.facts[name] = content.strip()[:_MAX_FACT_CHARS]

    def _take(self) -> str:
        taken = _without_label_gaps("".join(self._buffer).strip())
        self._buffer.clear()
        return taken

    def _break(self) -> None:
        if self._cell is not None:
            self._buffer.append(" ")  # a block inside a cell stays inside the cell
            return
        line = self._take()
        if line:
            self.lines.append(line)

    def _pair_siblings(self, depth: int, read: bool) -> None:
        """A block holding only a disclosure label (<div class="label">索引号：</div>) and the block beside it, its
        value (<div class="value">…</div>), read as one "label：value" line, as a row of cells is."""
        lone, self._lone_label = self._lone_label, None
        if not read:
            if lone is not None and lone[1] <= depth:
                self._lone_label = lone  # an empty block inside it, or beside it: still waiting for its value
            return
        line = self.lines[-1]
        if _is_label(line.rstrip("：:")) and line.endswith(_LABEL_END):
            self._lone_label = (len(self.lines) - 1, depth)
        elif lone is not None and lone == (len(self.lines) - 2, depth) and not _is_label(line.split("：")[0]):
            value = self.lines.pop()
            self.lines[-1] += value

    def _define(self) -> None:
        """<dt>label</dt><dd>value</dd> reads as "label：value", as a <th>/<td> row does."""
        term, self._term = self._term, None
        if term is None or term < len(self.lines) - 2 or len(self.lines[term]) > _TERM_MAX:
            return
        label = self.lines[term] if self.lines[term].endswith(_LABEL_END) else self.lines[term] + "："
        value = self.lines.pop() if term == len(self.lines) - 2 else ""
        self.lines[term] = f"{label}{value}"

    def _block_in_cell(self, tag: str) -> None:
        """A cell's one paragraph (<td><p>52件</p></td>, as Word and the sites' editors write every cell of a
        table) stays in its row. A cell holding more, or a heading or list, is page layout: the row ends
        there, and its paragraphs are lines of their own."""
        if tag in _PARAGRAPHS and self._cell_paragraph is None:
            self._cell_paragraph = len(self._buffer)
            return
        if tag in _PARAGRAPHS and not "".join(self._buffer[self._cell_paragraph:]).strip():
            return  # a paragraph in a <div>: still the cell's one paragraph
        start = len(self._buffer) if self._cell_paragraph is None else self._cell_paragraph
        paragraph = self._buffer[start:]
        del self._buffer[start:]
        self._end_row()  # the cells before it, and its own text before its first paragraph
        self._buffer.extend(paragraph)
        self._break()

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append((self._cell, _SPACE.sub(" ", self._take())))
        elif self._cell is not None:
            self._buffer.append(" ")
        self._cell = None
        self._cell_paragraph = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is None:
            return
        cells, self._row = self._row, None
        labels = _label_cells(cells)
        labelled = any(labels) and any(not is_label and value for is_label, (_, value) in zip(labels, cells))
        # A row of label / value pairs reads as "label: value" lines do.
        parts = [value + "：" if is_label and labelled and value and not value.endswith(_LABEL_END) else value
                 for is_label, (_, value) in zip(labels, cells)]
        line = "  ".join(part for part in parts if part)
        if line and not self._under_labels(cells, line):
            self.lines.append(line)

    def _under_labels(self, cells: list[tuple[bool, str]], line: str) -> bool:
        """Whether the row, of values under a row of disclosure labels (索引号 | 发布机构 | 发布日期 above
        11330…/2024-00022 | 河阳县人民政府 | 2024-03-28), was read into that row as "label：value" pairs. A third
        row undoes that: the table lists documents under its column headings, it is not one page's block."""
        depth = self._counts.get("table", 0)
        if (paired := self._paired) is not None and paired[:2] == (len(self.lines) - 1, depth):
            self.lines[paired[0]:] = paired[2:]
        self._paired = None
        heading, self._headings = self._headings, None
        names = [value.rstrip("：:") for _, value in cells]
        if len(names) > 1 and all(name in _METADATA_LABELS for name in names):
            self._headings = (len(self.lines), depth, names)
            return False
        if heading is None or heading[:2] != (len(self.lines) - 1, depth) or len(heading[2]) != len(names) or any(
                name in _METADATA_LABELS for name in names):
            return False
        index = heading[0]
        self._paired = (index, depth, self.lines[index], line)
        self.lines[index] = "  ".join(f"{label}：{value}" for label, (_, value) in zip(heading[2], cells))
        return True


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _is_label(text: str) -> bool:
    return text in _METADATA_LABELS


def _label_cells(cells: list[tuple[bool, str]]) -> list[bool]:
    """Which cells of a row are labels: its <th>s; in a row of <td>s only, disclosure labels alternating with
    their values (<td>索引号</td><td>11330…/2024-00022</td><td>主题分类</td><td>法治建设</td>)."""
    headers = [is_th for is_th, _ in cells]
    if any(headers) or len(cells) % 2:
        return headers
    if all(value.rstrip("：:") in _METADATA_LABELS for _, value in cells[::2]):
        return [index % 2 == 0 for index in range(len(cells))]
    return headers


def _without_label_gaps(line: str) -> str:
    """`line` with each disclosure label spaced out to align a column (有 效 性：有效) joined again (有效性：有效)."""
    if not any(gap in line for gap in " \u3000\xa0"):
        return line  # most lines: a paragraph of Chinese prose has no spaces
    return _LABEL_GAP.sub(_joined_label, line)


def _joined_label(match: re.Match[str]) -> str:
    joined = _GAPS.sub("", match[1])
    return joined if joined in _METADATA_LABELS else match[1]


def _is_furniture(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and _HIDDEN.search(value):
            return True  # copies kept for search engines and scripts, not shown to readers
        if name in ("class", "id") and value and any(word in _FURNITURE for word in _WORDS.split(value.lower())):
            return True
    return False


# ------------------------------------------------------------ encoding

_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
# GB2312 and GBK pages often use characters only their superset GB18030 names.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ascii": "utf-8", "latin-1": "cp1252",
              "iso8859-1": "cp1252"}


# What pages are written in (the WHATWG Encoding Standard's encodings, and the aliases Chinese sites use).
# Python knows many more codecs — undefined, unicode_escape, utf-7, EBCDIC, palmos — that no browser does:
# a page declaring one of them is read as if it declared nothing, as a browser reads it.
@functools.cache
def _web_charsets() -> frozenset[str]:
    """Worked out on the first page that declares a charset: looking each up imports its codec module."""
    return frozenset(codecs.lookup(name).name for name in (
        "utf-8", "ascii", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "euc_jp", "shift_jis",
        "iso2022_jp", "euc_kr", "cp949", "cp866", "cp874", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic",
        *(f"iso8859-{part}" for part in range(1, 17) if part != 12), *(f"cp{page}" for page in range(1250, 1259)),
    ))


def declared_charset(data: bytes) -> tuple[str, str] | None:
    """(name as written, codec to use) of the charset a page declares in its first 4 KB, if any."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    if canonical not in _web_charsets():
        return None
    return name, _SUPERSETS.get(canonical, canonical)


def decode_page(data: bytes, path: Path) -> tuple[str, str, tuple[Text, ...]]:
    """Decode a page: BOM, then valid UTF-8, then the declared charset, then detection; warn on a lie."""
    declared = declared_charset(data)
    if declared is None or data.startswith(_BOMS):
        return decode(data, str(path))
    name, codec = declared
    warnings: tuple[Text, ...] = ()
    try:
        # Valid UTF-8 of any length is almost never another encoding, whatever the page says.
        decoded, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            decoded, encoding = data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            decoded, encoding, warnings = decode(data, str(path))
    if encoding != codec and not data.isascii() and not encoding.startswith(codec):
        warnings += (text("read.charset_lied", path=path, declared=name, actual=encoding),)
    return decoded, encoding, warnings


_MARKUP_OPENS = re.compile(r"<[A-Za-z/!?]")


def _without_unfinished_markup(page: str) -> str:
    """The page without markup opened after its last ">": a tag that can never end, which a browser does not
    show. html.parser would search the rest of the page for its end again at each one (quadratic time)."""
    unfinished = _MARKUP_OPENS.search(page, page.rfind(">") + 1)
    return page if unfinished is None else page[: unfinished.start()]


def read_html(path: Path, data: bytes) -> Source:
    """A saved web page (.html, .htm, .shtml); a web archive, a Word file or a PDF so named is read as what it is."""
    if (source := read_as_what_it_is(path, data, own_format="html")) is not None:
        return source
    return _read_page(path, data)


def _read_page(path: Path, data: bytes) -> Source:
    """The page `data` holds, whatever the file it came in."""
    decoded, encoding, warnings = decode_page(data, path)
    refuse_binary(decoded, path)
    extractor = _Extractor()
    extractor.feed(_without_unfinished_markup(decoded))
    extractor.close()
    refuse_empty("".join(extractor.lines), path)
    return Source(path=str(path), format="html", encoding=encoding, lines=tuple(extractor.lines),
                  facts=extractor.facts, warnings=warnings, outline=extractor.outline,
                  attachments=tuple(extractor.attachments))


def read_mhtml(path: Path, data: bytes) -> Source:
    """A web page saved as a single file (.mhtml, .mht: Chrome's "Webpage, Single File", Word's and IE's web
    archive): a MIME message whose first text/html part is the page, quoted-printable or base64 encoded."""
    from .mime import web_archive_page

    if not is_web_archive(data):
        # A plain page (as some browsers save one, or renamed), or a .doc, a .docx, a PDF … named .mht.
        if (source := read_as_what_it_is(path, data, own_format="mhtml")) is not None:
            return source
        raise DocumentError(text("read.not_mhtml", path=path), code="invalid")
    page = web_archive_page(data)
    if page is None or not page[0].strip():
        raise DocumentError(text("read.not_mhtml", path=path), code="invalid")
    payload, charset = page
    # The part's header names the charset the page may not; a BOM names it already, and ASCII put before a
    # UTF-16 page's BOM (Word's web archive saved as Unicode) made it read as binary.
    if charset and not declared_charset(payload) and not payload.startswith(_BOMS):
        payload = f'<meta charset="{charset}">'.encode("ascii", "replace") + payload
    # Not read_html: the page is not asked again what file it is (a page about web archives is not one).
    return replace(_read_page(path, payload), format="mhtml")


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A UTF-8 BOM before the first header, as some tools write it, does not stop it being one; a header line
# starts the file or follows a line break, which old Mac tools wrote as a bare CR.
_MIME_HEADER = re.compile(rb"(?:\A(?:\xef\xbb\xbf)?|[\r\n])mime-version\s*:", re.IGNORECASE)


def is_web_archive(data: bytes) -> bool:
    """Whether `data` opens as a MIME message (a page saved as a single file) rather than as HTML."""
    return _MIME_HEADER.search(data[:4096]) is not None
