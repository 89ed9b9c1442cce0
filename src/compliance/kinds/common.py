"""Helpers the rule kinds share: quoting evidence (with personal identifiers masked)."""

from __future__ import annotations

from ..identifiers import mask_identifiers

QUOTE_CONTEXT = 24


def quote(line: str, start: int, end: int, context: int = QUOTE_CONTEXT) -> str:
    """The matched passage with some context on each side, as the report's reader will see it.

    A citizen's ID or mobile number in the line is masked: findings must not spread it further.
    """
    line = mask_identifiers(line)
    left = max(0, start - context)
    right = min(len(line), end + context)
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")
