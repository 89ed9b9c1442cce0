"""Which bundled pack checks a document: the one named, or the one for its subject type (--profile auto)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import resources
from .errors import ConfigError
from .messages import text, text_with
from .model import Document, RuleSet, Text
from .ruleset import load_ruleset

DEFAULT = "national"
FOR_SUBJECT = {"government": "government", "department": "department", "township": "township"}


@cache
def bundled(name: str) -> RuleSet:
    """A bundled pack, loaded once per process."""
    if not resources.is_bundled_pack(name):
        raise ConfigError(text("profile.unknown", name=name, available=", ".join(resources.bundled_packs())))
    return load_ruleset(name)


def choose(document: Document, requested: str) -> tuple[str, Text]:
    """The bundled pack for `document` and why: `requested`, or by subject type when it is auto."""
    if requested != "auto":
        return requested, text("profile.named", pack=requested)
    pack = FOR_SUBJECT.get(document.subject or "")
    if pack is None or not _installed(resources.data_dir(), pack):
        return DEFAULT, text("profile.auto_unknown", pack=DEFAULT)
    assert document.subject_reason is not None
    return pack, text_with("profile.auto", {"reason": document.subject_reason}, pack=pack)


@cache
def _installed(directory: Path, name: str) -> bool:
    """Whether the bundled pack `name` is installed (in `directory`, the data directory): asked for every
    document under --profile auto, where building its path and asking the file system cost ~5 µs."""
    return resources.is_bundled_pack(name)
