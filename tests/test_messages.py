"""text() fills messages exactly as str.format would, in both languages."""

from __future__ import annotations

import string
from datetime import date

import pytest

from compliance.messages import MESSAGES, text
from compliance.model import Status, Text


@pytest.mark.parametrize("value", ['引号"\'\\{}\n', 3, 2.5, None, 1e20, date(2024, 1, 2), Status.PASS])
def test_every_message_fills_as_str_format_does(value: object) -> None:
    for key, (zh, en) in MESSAGES.items():
        names = {name for template in (zh, en) for _, name, _, _ in string.Formatter().parse(template) if name}
        values = dict.fromkeys(names, value)
        assert text(key, **values) == Text(zh.format(**values), en.format(**values)), key


def test_a_missing_value_or_key_still_raises() -> None:
    with pytest.raises(KeyError):
        text("quality.numbering_skip", number="3")
    with pytest.raises(KeyError):
        text("no.such.message")
