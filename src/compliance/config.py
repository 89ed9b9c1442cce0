"""Project configuration: compliance.yaml (or [tool.compliance] in pyproject.toml), found by walking up.

Command-line flags override it; it overrides the built-in defaults.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import (
    ConfigError,
    invalid,
    non_finite_problems,
    place,
    problem_at,
    read_setting_file,
    read_setting_yaml,
    schema_error_parts,
)
from .messages import text
from .model import Waiver

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

CONFIG_NAMES = ("compliance.yaml", "compliance.yml", ".compliance.yaml")


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    path: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@cache
def _validator() -> Draft202012Validator:
    return resources.validator(resources.schema("config"))


def _candidates(directory: Path) -> Iterable[Path]:
    for name in CONFIG_NAMES:
        yield directory / name
    yield directory / "pyproject.toml"


def _has_tool_table(path: Path) -> bool:
    try:
        return "compliance" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def discover(starts: Iterable[Path]) -> Path | None:
    """The nearest configuration above the first start point (a checked file or folder), then the working folder."""
    for start in starts:
        directory = start if start.is_dir() else start.parent
        for folder in (directory.resolve(), *directory.resolve().parents):
            for candidate in _candidates(folder):
                if candidate.is_file() and (candidate.name != "pyproject.toml" or _has_tool_table(candidate)):
                    return candidate
    return None


def _read(path: Path) -> Any:
    if path.name != "pyproject.toml":
        return read_setting_yaml(path, ConfigError, "config") or {}
    try:
        table = tomllib.loads(read_setting_file(path, ConfigError, "config")).get("tool", {}).get("compliance", {})
        return _dates_as_text(table)  # TOML's dates; YAML's are read as text already
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(text("config.unreadable", path=path, reason=error)) from error


def _dates_as_text(value: Any) -> Any:
    """TOML reads 2026-12-31 as a date; the schema (and JSON) speak ISO strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    return value


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; every problem is reported with its JSON path."""
    data = _read(path)
    problems = [
        problem_at(place(path, schema_error_parts(error)), error.message)
        for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ] + non_finite_problems(data, str(path))
    if problems:
        raise invalid(ConfigError, "config.invalid", path, problems)
    values = dict(data)
    rules = values.get("rules")
    if rules is not None and not resources.is_bundled_pack(rules):
        located = path.parent / rules
        if located.exists() or not resources.names_a_pack(rules):  # rules: natonal stays a name, for the
            values["rules"] = str(located.resolve())  # error to list the bundled packs
    if "output" in values:
        values["output"] = str((path.parent / values["output"]).resolve())
    waivers = tuple(
        Waiver(rule=w["rule"], reason=w["reason"], granted_by=w["granted_by"],
               expires=date.fromisoformat(w["expires"]), documents=w.get("documents"), source=str(path))
        for w in values.pop("waivers", [])
    )
    return Config(path=path, values=values, waivers=waivers)
