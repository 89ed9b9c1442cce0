"""The one exception family the CLI catches: problems a user can fix, shown without a traceback."""

from __future__ import annotations

from pathlib import Path

from .messages import text
from .model import Text


class ComplianceError(Exception):
    """A problem the user can fix; carries its message in both languages."""

    code = "error"

    def __init__(self, message: Text) -> None:
        super().__init__(message.zh)
        self.text = message


class RulesetError(ComplianceError):
    code = "ruleset"


class ConfigError(ComplianceError):
    code = "config"


class DocumentError(ComplianceError):
    """A document that cannot be read at all; `code` says why (unreadable, decode, empty, …)."""

    def __init__(self, message: Text, *, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


def read_setting_file(path: Path, error: type[ComplianceError], what: str) -> str:
    """The text of a pack or configuration file; a missing or unreadable one is `error` ({what}.not_found, …)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as cause:
        raise error(text(f"{what}.not_found", path=path)) from cause
    except (OSError, UnicodeDecodeError) as cause:
        raise error(text(f"{what}.unreadable", path=path, reason=cause)) from cause
