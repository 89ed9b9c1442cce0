"""Personal identifiers in report text: 身份证号, mobile numbers, personal 统一社会信用代码 — found and masked.

A number counts only when it is one: an ID number's check digit must agree (ISO 7064 MOD 11-2, GB 11643-1999)
and its birth date must exist; a credit code's check character must agree (GB 32100-2015) and it counts as
personal with the 个体工商户 type code 92, or with 个体工商户 / 个人 wording nearby unless it is a company's (91).
Masking keeps the length of the text, so columns found in masked text are columns in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK: Final = "10X98765432"
_CODE_CHARS: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
_CODE_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Not part of a longer run of digits or letters: a 19-digit serial holds no ID number.
_LONG_RUN: Final = re.compile(r"[0-9A-Za-z]{11}")
_LONG_RUN_ASCII: Final = re.compile(rb"[0-9A-Za-z]{11}")
_ID: Final = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
# An amount (13812345678.5元, 13812345678元) is not a phone number.
_MOBILE: Final = re.compile(
    r"(?<![0-9A-Za-z.])1[3-9]\d(?P<sep>[- ]?)\d{4}(?P=sep)\d{4}(?![0-9A-Za-z%]|\.\d|\s*[元万亿])"
)
_CODE: Final = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Za-z])")

PERSONAL_CONTEXT: Final = ("个体工商户", "个体户", "个体经营", "个人", "经营者", "业主", "当事人")
CONTEXT_CHARS: Final = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class Identifier:
    """One personal identifier in a line: its kind, its span, and the masked form (never the full number)."""

    kind: str  # id_number | mobile | credit_code
    start: int
    end: int
    masked: str


def id_number_valid(value: str) -> bool:
    """Whether an 18-character 身份证号 has a real birth date and the right check digit."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17].upper()


def credit_code_valid(value: str) -> bool:
    """Whether an 18-character 统一社会信用代码 has the right check character."""
    if len(value) != 18 or any(char not in _CODE_CHARS for char in value):
        return False
    total = sum(_CODE_CHARS.index(char) * weight for char, weight in zip(value[:17], _CODE_WEIGHTS, strict=True))
    return _CODE_CHARS[(31 - total % 31) % 31] == value[17]


def mask(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """The value with its middle replaced by *, same length: 3601**********1234."""
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[-keep_end:]


def _personal_context(line: str, start: int, end: int, words: Sequence[str], window: int) -> bool:
    around = line[max(0, start - window):start] + line[end:end + window]
    return any(word in around for word in words)


def lines_with_long_runs(lines: Sequence[str]) -> list[int]:
    """Indexes, in order, of the lines that may hold an identifier: every other line holds none.

    Every identifier is a run of 11+ digits or capitals, and searching Chinese text for one tries every
    digit. The text with everything but ASCII dropped is a tenth as long and keeps each such run whole
    (and each line break, to tell lines apart); a run it joins across dropped characters only makes a
    line a candidate that `find_identifiers` then clears.
    """
    ascii_text = "\n".join(lines).encode("ascii", "ignore")
    if ascii_text.count(b"\n") != len(lines) - 1:  # a "line" with a break in it: the count cannot tell lines apart
        return [index for index, line in enumerate(lines) if _LONG_RUN_ASCII.search(line.encode("ascii", "ignore"))]
    found: list[int] = []
    line, counted = 0, 0
    for run in _LONG_RUN_ASCII.finditer(ascii_text):
        line += ascii_text.count(b"\n", counted, run.start())
        counted = run.start()
        if not found or found[-1] != line:
            found.append(line)
    return found


def find_identifiers(
    line: str,
    *,
    id_numbers: bool = True,
    mobile_numbers: bool = True,
    credit_code_context: Sequence[str] = PERSONAL_CONTEXT,
    context_chars: int = CONTEXT_CHARS,
) -> Iterator[Identifier]:
    """Every personal identifier in `line`, left to right."""
    if not _LONG_RUN.search(line):
        return  # every identifier is a run of 11+ digits or capitals; most lines have none
    found: list[Identifier] = []
    if id_numbers:
        found += [Identifier(kind="id_number", start=m.start(), end=m.end(), masked=mask(m.group()))
                  for m in _ID.finditer(line) if id_number_valid(m.group())]
    if mobile_numbers:
        found += [Identifier(kind="mobile", start=m.start(), end=m.end(), masked=mask(m.group(), 3, 4))
                  for m in _MOBILE.finditer(line)]
    if credit_code_context:
        # Offsets inside a number already found: looked up, not compared with every number found, which on
        # a line of thousands of ID numbers (each one a well-formed code as well) takes quadratic time.
        taken = {offset for identifier in found for offset in range(identifier.start, identifier.end)}
        for m in _CODE.finditer(line):
            code = m.group()
            if m.start() in taken or not credit_code_valid(code):
                continue
            # Type 92 is a 个体工商户; a company's code (91) is public registration data even next to 个人.
            if code.startswith("92") or not code.startswith("91") and _personal_context(
                    line, m.start(), m.end(), credit_code_context, context_chars):
                found.append(Identifier(kind="credit_code", start=m.start(), end=m.end(), masked=mask(code)))
                taken.update(range(m.start(), m.end()))
    yield from sorted(found, key=lambda identifier: identifier.start)


def with_masks(line: str, identifiers: Sequence[Identifier]) -> str:
    """`line` with the span of each of `identifiers` replaced by its mask; same length, so offsets still hold.

    In one pass over the line: a copy of the line for each identifier takes quadratic time on a line
    of thousands of numbers.
    """
    if not identifiers:
        return line
    characters = list(line)
    for identifier in identifiers:
        characters[identifier.start:identifier.end] = identifier.masked
    return "".join(characters)


def mask_identifiers(line: str) -> str:
    """`line` with every personal identifier masked; same length, so offsets still hold."""
    if not _LONG_RUN.search(line):
        return line  # what find_identifiers checks first, without starting it: every quote comes here
    return with_masks(line, list(find_identifiers(line)))
