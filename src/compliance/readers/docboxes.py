"""Where the text boxes of a Word 97–2003 file are: the characters of each one's text, and the character of the
main text anchoring it.

A .doc keeps the text of its text boxes in a story of their own: character positions (CPs) after those of the
main document, the footnotes, the headers, the comments and the endnotes (FibRgLw97's ccpText … ccpEdn), ccpTxbx
of them. The PlcftxbxTxt says which range of that story is which text box (FTXBXS.lid, a shape's id), each range
ending in a 0x0D that parts it from the next; the PlcSpaMom says where each shape is anchored in the main text
(an FSPA, by its spid). Names are those of Microsoft's [MS-DOC] specification. The text boxes of the headers
(ccpHdrTxbx) are left out, as the headers are.

These tables only add to the text: a damaged one costs the text boxes, never the main text.
"""

from __future__ import annotations

import struct
from itertools import pairwise
from typing import NamedTuple

from .doclists import fib_pair

# FibRgLw97, after FibBase (32), csw and FibRgW97 (30), cslw (2): ccpText, ccpFtn, ccpHdd, ccpMcr (reserved, 0),
# ccpAtn, ccpEdn, then ccpTxbx.
_CCP_TEXT, _CCP_TXBX = 64 + 3 * 4, 64 + 9 * 4
_PLC_SPA_MOM, _PLCF_TXBX_TXT = 40, 56  # FibRgFcLcb97: fcPlcSpaMom, fcPlcftxbxTxt, by pair
_FSPA, _FTXBXS = 26, 22  # bytes of each: an FSPA opens with its spid; an FTXBXS has fReusable at 8, lid at 14


class TextBox(NamedTuple):
    """A text box: the CP of the main text anchoring it, and the CPs its text runs from and up to (its 0x0D
    parting it from the next text box is the last character)."""

    anchor: int
    start: int
    end: int


def text_boxes(word: bytes, table: bytes) -> list[TextBox]:
    """The text boxes anchored in the main text, in the order of their anchors; none if the tables are damaged."""
    try:
        counts = struct.unpack_from("<7i", word, _CCP_TEXT)  # ccpText … ccpTxbx
        if min(counts) < 0:
            return []
        characters, story = counts[0], sum(counts[:6])
        anchors: dict[int, int] = {}
        for cp, at in _plc(word, table, _PLC_SPA_MOM, _FSPA):
            if at >= 0 and 0 <= cp < characters:
                anchors.setdefault(struct.unpack_from("<I", table, at)[0], cp)  # the shape's first anchor
        ranges = _plc(word, table, _PLCF_TXBX_TXT, _FTXBXS)
        boxes = []
        for (cp, at), (end, after) in pairwise(ranges):
            if after < 0:
                break  # the last FTXBXS is no text box but one Word keeps for reuse, as is any marked fReusable
            reusable, lid = struct.unpack_from("<H4xI", table, at + 8)
            anchor = anchors.get(lid)
            end = min(end, counts[6])
            if anchor is not None and not reusable and 0 <= cp < end:
                boxes.append(TextBox(anchor, story + cp, story + end))
    except (IndexError, struct.error):
        return []
    return sorted(boxes)


def _plc(word: bytes, table: bytes, pair: int, size: int) -> list[tuple[int, int]]:
    """The (CP, offset in the table stream of its data) of each entry of the PLC the FIB's `pair` places, each
    `size` bytes of data, and last the CP ending the last one (with no data: offset −1). Its CPs must increase:
    the entries from the first that does not are left out, so that the ranges read do not overlap."""
    fc, lcb = fib_pair(word, pair)
    if lcb < 4 or fc + lcb > len(table):
        return []
    count = (lcb - 4) // (4 + size)
    if count == 0:
        return []
    cps = struct.unpack_from(f"<{count + 1}i", table, fc)
    data = fc + 4 * (count + 1)
    entries = [(cps[0], data)]
    for index in range(1, count + 1):
        if cps[index] <= cps[index - 1]:
            break
        entries.append((cps[index], data + size * index if index < count else -1))
    return entries
