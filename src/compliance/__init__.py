"""compliance: check annual rule-of-law government reports (法治政府建设年度报告) against rule packs."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

from .engine import check
from .model import Document, Finding, Report, RuleSet
from .readers import read_document
from .ruleset import load_ruleset
from .structure import build


def check_file(path: str | Path, ruleset: RuleSet | None = None) -> Report:
    """Read, parse and check one report file with `ruleset` (the national pack by default)."""
    return check(build(read_document(path)), ruleset or load_ruleset("national"))


def check_text(content: str, ruleset: RuleSet | None = None, *, path: str = "<text>") -> Report:
    """Check report text given as a string."""
    from .model import Source
    from .readers import split_lines

    source = Source(path=path, format="txt", encoding=None, lines=split_lines(content))
    return check(build(source), ruleset or load_ruleset("national"))


__all__ = ["Document", "Finding", "Report", "RuleSet", "__version__", "build", "check", "check_file",
           "check_text", "load_ruleset", "read_document"]
