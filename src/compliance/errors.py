"""The one exception family the CLI catches: problems a user can fix, shown without a traceback."""

from __future__ import annotations

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
