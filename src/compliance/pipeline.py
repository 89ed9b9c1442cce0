"""One file through the whole pipeline: read → parse → choose the pack → check (waivers applied) → score."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import profiles
from .engine import check
from .errors import DocumentError
from .messages import text
from .model import Document, FailedDocument, Report, RuleSet, Severity, Source, Text, Waiver
from .readers import DEFAULT_MAX_BYTES, read_document
from .structure import build, issuer_of


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything a check needs besides the file; picklable, so worker processes can receive it."""

    ruleset: RuleSet | None = None  # a pack the user gave; None: choose a bundled profile per document
    ruleset_reason: Text | None = None
    profile: str = "auto"
    fail_under: float | None = None
    fail_on: Severity = Severity.ERROR
    max_bytes: int = DEFAULT_MAX_BYTES
    waivers: Sequence[Waiver] = ()
    today: date | None = None
    previous: Document | None = None  # last year's report (--previous FILE), for every document
    previous_by_issuer: Mapping[str, tuple[Document, ...]] = field(default_factory=dict)  # --previous FOLDER
    entries: str | None = None  # a language: worker processes send JSON entries (fast to pickle), not Reports


def index_by_issuer(documents: Sequence[Document]) -> dict[str, tuple[Document, ...]]:
    """Earlier reports grouped by who issued them (--previous FOLDER)."""
    index: dict[str, list[Document]] = {}
    for document in documents:
        if (issuer := issuer_of(document)) is not None:
            index.setdefault(issuer, []).append(document)
    return {issuer: tuple(found) for issuer, found in index.items()}


def _last_year(document: Document, index: Mapping[str, tuple[Document, ...]]) -> Document | None:
    """The same body's most recent report of an earlier year."""
    issuer = issuer_of(document)
    if issuer is None or document.year is None:
        return None
    earlier = [d for d in index.get(issuer, ()) if d.year is not None and d.year < document.year]
    return max(earlier, key=lambda d: d.year or 0, default=None)


def check_path(path: Path, settings: Settings) -> Report | FailedDocument:
    """Check one file; a file that cannot be read becomes a FailedDocument, never an exception."""
    return check_source(str(path), settings, lambda: read_document(path, max_bytes=settings.max_bytes))


def parse_source(path: str, read: Callable[[], Source]) -> Document | FailedDocument:
    """Read and parse what `read` gives; reading errors and our own bugs become FailedDocuments."""
    try:
        return build(read())
    except DocumentError as error:
        return FailedDocument(path=path, code=error.code, message=error.text)
    except Exception as error:  # a reader's bug (or a library's) on one odd file must not end the batch
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        return _internal_failure(path, error, where=path)


def check_source(path: str, settings: Settings, read: Callable[[], Source]) -> Report | FailedDocument:
    """Check what `read` gives (a file, standard input); reading errors and our own bugs become FailedDocuments."""
    document = parse_source(path, read)
    if isinstance(document, FailedDocument):
        return document
    previous = settings.previous or _last_year(document, settings.previous_by_issuer)
    if previous is not None:
        document = replace(document, previous=previous)
    if settings.ruleset is not None:
        ruleset = settings.ruleset
        reason = settings.ruleset_reason or text("profile.given", pack=ruleset.id)
    else:
        name, reason = profiles.choose(document, settings.profile)
        ruleset = profiles.bundled(name)
    try:
        return check(document, ruleset, profile_reason=reason, fail_under=settings.fail_under,
                     fail_on=settings.fail_on, waivers=(*settings.waivers, *document.waivers), today=settings.today)
    except Exception as error:  # a bug of ours must not cost the other files of a batch their results
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        return _internal_failure(path, error, where="; ".join(getattr(error, "__notes__", [])))


def _internal_failure(path: str, error: Exception, *, where: str) -> FailedDocument:
    """The error entry for a bug met on one file: what was raised, and where (the rule, or the file read)."""
    return FailedDocument(path=path, code="internal",
                          message=text("internal.error", error=f"{type(error).__name__}: {error}", where=where))
