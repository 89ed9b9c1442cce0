"""Helpers the rule kinds share: quoting evidence."""

from __future__ import annotations

QUOTE_CONTEXT = 24


def quote(line: str, start: int, end: int, context: int = QUOTE_CONTEXT) -> str:
    """The matched passage with some context on each side, as the report's reader will see it."""
    left = max(0, start - context)
    right = min(len(line), end + context)
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")
