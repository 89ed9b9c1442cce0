"""fold(): the text patterns match — full-width → half-width, odd spaces → space, traditional → simplified, an
ASCII full stop ending a Chinese sentence → 。, one character for one, so columns in folded text are columns in
the original."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..traditional import SIMPLIFIED, TRADITIONAL


class TranslationTable(dict[int, int]):
    """A str.translate table that learns the characters it leaves alone.

    str.translate raises and swallows a LookupError for every character missing from a plain dict;
    remembering them halves the cost of translating Chinese text (bounded, so odd input cannot grow it).
    """

    def __missing__(self, code: int) -> int:
        if len(self) < 20000:
            self[code] = code
        return code


_FOLD = TranslationTable({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0xFEFF: 0x20, 0x2002: 0x20, 0x2003: 0x20})
_FOLDED_WIDTH = {chr(code): chr(plain) for code, plain in _FOLD.items()}
# Reports copied through mirror sites arrive in traditional characters; patterns are simplified.
_FOLD.update(str.maketrans(TRADITIONAL, SIMPLIFIED))

# Full-width punctuation is in nearly every line but takes few distinct characters: replacing each one
# found is far cheaper than str.translate, which looks up every character of the text in a dict.
_WIDTH_OR_SPACE = re.compile("[" + "".join(sorted(_FOLDED_WIDTH)) + "]")
# Traditional characters occur in few lines of most reports, so only those lines are translated. Beyond
# the BMP the test is "any such character": re searches a class of hundreds of astral characters linearly.
# Lone surrogates (possible only in text handed to the library, never decoded from a file) are rarer still.
_RARE = re.compile("[" + "".join(sorted(c for c in TRADITIONAL if c <= "\uffff")) + "\ud800-\udfff\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _code_point_list(table: dict[int, int]) -> list[int]:
    """`table`'s mapping of the BMP as a list (every other code point maps to itself); ~2 ms to make."""
    codes = list(range(0x10000))
    for code, plain in table.items():
        if code < 0x10000:
            codes[code] = plain
    return codes


# The same table as a list indexed by code point (~2 MB), for text without astral characters: str.translate
# looks every character up, and indexing a list is twice as fast as hashing into a dict. An astral character's
# index is past the end, which translate would read as "keep it", so such text keeps the dict.
_FOLD_BMP = _code_point_list(_FOLD)
_ASTRAL_OR_SURROGATE = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")


# A CMS that turns Chinese punctuation into ASCII ends a sentence with "." (…审核率100%.组织执法案卷评查): after a
# Chinese character, a closing mark or %, and before Chinese text, an opening mark or the line's end, it is the 。
# every pattern and kind takes for a sentence's end. Not after a Chinese numeral (一.主要举措, a heading's number),
# nor between digits (12.6万), letters (gov.cn) or in an ellipsis (...). The literal first: re skips from one "."
# to the next, and most reports have few.
_ASCII_STOP = re.compile(r'\.(?<=[\u4e00-\u9fff%)"”’》\]]\.)(?<![一二三四五六七八九十〇]\.)(?=[\u4e00-\u9fff"“‘《(\[]|[ \t]*(?:\n|\Z))')


def fold(text: str) -> str:
    """Full-width ASCII, odd spaces and traditional characters to their plain forms, and a Chinese sentence's
    ASCII full stop to 。, one character for one.

    Lone surrogates become U+FFFD, since the pattern engine works on UTF-8.
    """
    return _fold(text, None)


def _fold(text: str, width_found: set[str] | None) -> str:
    """fold(text), adding each full-width or space character it replaces to `width_found` (when given)."""
    # Sound because no folded character is itself folded: replacing one at a time equals one translation.
    # Each search finds the next character still to fold (one for one: offsets hold), so the text is read
    # about once, without the list of every full-width comma that findall() would build.
    position = 0
    while found := _WIDTH_OR_SPACE.search(text, position):
        char = found.group()
        if width_found is not None:
            width_found.add(char)
        text = text.replace(char, _FOLDED_WIDTH[char])
        position = found.start()
    if _RARE.search(text):
        text = _fold_rare(text)
    if "." in text:
        text = _ASCII_STOP.sub("。", text)
    return text


def _fold_rare(text: str) -> str:
    """`text` with every line that holds a traditional, astral or surrogate character translated."""
    pieces: list[str] = []
    done = 0
    while match := _RARE.search(text, done):
        start = text.rfind("\n", done, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        pieces += (text[done:start], _fold_rare_line(text[start:end]))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _fold_rare_line(line: str) -> str:
    # Only a line _RARE matched can hold a surrogate or an astral character: looking for them in such lines
    # alone spares two scans of the whole text, which cost as much as translating every line that needs it.
    if _ASTRAL_OR_SURROGATE.search(line):
        return _SURROGATE.sub("\ufffd", line).translate(_FOLD)
    return line.translate(_FOLD_BMP)


def _fold_lines(lines: Sequence[str], width_found: set[str] | None = None) -> list[str]:
    """fold() of every line, done on the whole text at once (fold never adds or removes a newline); the full-width
    and space characters replaced are added to `width_found` (when given)."""
    folded = _fold("\n".join(lines), width_found).split("\n")
    return folded if len(folded) == len(lines) else [_fold(line, width_found) for line in lines]
