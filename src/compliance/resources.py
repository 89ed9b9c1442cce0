"""Where the bundled rule packs and schemas live: inside the installed package, or the source tree."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


@cache
def data_dir() -> Path:
    """compliance/_data in an installed wheel; the repository root when run from a checkout."""
    bundled = Path(__file__).resolve().parent / "_data"
    if (bundled / "rules").is_dir():
        return bundled
    return Path(__file__).resolve().parents[2]


def pack_path(name: str) -> Path:
    return data_dir() / "rules" / f"{name}.yaml"


def bundled_packs() -> list[str]:
    return sorted(path.stem for path in (data_dir() / "rules").glob("*.yaml"))


def names_a_pack(reference: str) -> bool:
    """Whether `reference` is written as a pack's name (national), not as a file's path (packs/x.yaml)."""
    return bool(reference) and not any(mark in reference for mark in ("/", "\\", "."))


def is_bundled_pack(reference: str) -> bool:
    return "/" not in reference and "\\" not in reference and not reference.endswith((".yaml", ".yml")) \
        and pack_path(reference).is_file()


@cache
def schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema by short name: rulepack, report, config."""
    path = data_dir() / "schemas" / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validator(schema_part: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator (formats checked); jsonschema is imported on first use, as a check with
    the bundled packs and no configuration file never needs it (~30 ms of a cold start).

    All formats but "regex": jsonschema asks Python's `re`, but a pack's patterns are RE2's, which
    the pack loader checks with RE2 itself and its reason. Python refused \\p{Han} (any Chinese
    character, RE2 syntax) and said of a real mistake only "is not a 'regex'".
    """
    from jsonschema import Draft202012Validator, FormatChecker

    formats = [name for name in FormatChecker.checkers if name != "regex"]
    return Draft202012Validator(schema_part, format_checker=FormatChecker(formats))


def is_bundled_file(path: Path) -> bool:
    """Whether `path` is one of the packs shipped with the tool."""
    return path.resolve().parent == (data_dir() / "rules").resolve()
