"""The one exception family the CLI catches: problems a user can fix, shown without a traceback."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .messages import text, text_with
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


class _SettingLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's if installed
    """The safe loader, libyaml's when present (it parses the bundled packs ~8× faster: a cold start pays
    it), with dates left as text: the configuration's schema reads one as text (format: date), so an
    impossible one (expires: 2026-02-30) is a problem at its place, and a pack has none (effective_from
    is a year). YAML's own reading of dates raised on such a day: an internal error."""


_SettingLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_setting_yaml(path: Path, error: type[ComplianceError], what: str) -> Any:
    """A pack or configuration file as YAML, read with a safe loader; a syntax error is `error`
    ({what}.yaml) naming the file, line and column as an editor goes to them."""
    raw = read_setting_file(path, error, what)
    try:
        return yaml.load(raw, Loader=_SettingLoader)
    except yaml.YAMLError as cause:
        mark = getattr(cause, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(cause, "problem", None) or str(cause)
        raise error(text(f"{what}.yaml", where=where, problem=problem)) from cause
    except ValueError as cause:  # an explicit !!timestamp of a day that does not exist
        raise error(text(f"{what}.yaml", where=str(path), problem=str(cause))) from cause


# ---------------------------------------------------------------- problems of a pack or configuration file


def json_path(parts: Iterable[Any]) -> str:
    """Where a value sits in a setting file, as the validator's path ($.rules[3].params.patterns)."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)


def place(source: str | Path, parts: Sequence[Any], *, rule: object = None) -> str:
    """Where a problem is, as `file:line:column: $.path (rule id)`: where an editor or a terminal goes,
    when the file is YAML and holds the place; the JSON path (the validator's words) always."""
    mark = _mark_of(str(source), tuple(parts))
    head = f"{source}:{mark.line + 1}:{mark.column + 1}: " if mark else f"{source}: "
    return head + json_path(parts) + (f" (rule {rule})" if rule else "")


def _mark_of(source: str, parts: tuple[Any, ...]) -> yaml.Mark | None:
    """Where the value at `parts` starts in the YAML file `source`, or the nearest value holding it."""
    try:
        status = os.stat(source)
    except OSError:
        return None
    node = _composed(source, status.st_mtime_ns, status.st_size)
    if node is None or not parts:
        return None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            inner = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            inner = node.value[part]
        else:
            inner = None
        if inner is None:
            break
        node = inner
    return node.start_mark


@lru_cache(maxsize=8)
def _composed(source: str, _mtime: int, _size: int) -> yaml.Node | None:
    """The YAML file's node tree, which knows where each value is (read again: only a problem needs it)."""
    if not source.endswith((".yaml", ".yml")):
        return None  # pyproject.toml: no lines to give
    try:
        return yaml.compose(Path(source).read_text(encoding="utf-8-sig"), Loader=_SettingLoader)
    except (OSError, ValueError, yaml.YAMLError):
        return None


def schema_error_parts(error: Any) -> list[Any]:
    """Where a jsonschema error is: its path, and for keys the schema does not allow (a misspelt option,
    which it reports at the mapping holding it) the first of them, so that its own line is named."""
    parts = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        parts += [key for key in error.instance if key not in allowed][:1]  # the first, where several are
    return parts


def problem_at(where: str, problem: Text | str) -> Text:
    """One problem, after the place it was found; the validator's and RE2's words are English in both."""
    if isinstance(problem, str):
        problem = Text(zh=problem, en=problem)
    return Text(zh=f"{where}: {problem.zh}", en=f"{where}: {problem.en}")


def invalid(error: type[ComplianceError], key: str, path: Path | str, problems: list[Text]) -> ComplianceError:
    """`error` listing every problem of the file at `path` ({key}: pack.invalid, config.invalid)."""
    listed = Text(zh="\n".join(p.zh for p in problems), en="\n".join(p.en for p in problems))
    return error(text_with(key, {"problems": listed}, path=path, count=len(problems)))


def non_finite_problems(data: Any, source: str) -> list[Text]:
    """YAML's .nan and .inf pass every bound a schema sets (no comparison with NaN holds): a fail_under
    of .nan passed every report, and an infinite weight wrote NaN, which no JSON reader takes, as scores."""
    return [problem_at(place(source, parts), text("setting.not_finite", value=value))
            for parts, value in _non_finite(data, (), set())]


def _non_finite(data: Any, parts: tuple[Any, ...], seen: set[int]) -> Iterator[tuple[tuple[Any, ...], float]]:
    """Each container is walked once: YAML's aliases share one (a list of nine aliases to a list of nine
    aliases … is a few lines that stand for millions of values)."""
    if isinstance(data, float) and not math.isfinite(data):
        yield parts, data
    elif isinstance(data, dict | list) and id(data) not in seen:
        seen.add(id(data))
        for key, value in data.items() if isinstance(data, dict) else enumerate(data):
            yield from _non_finite(value, (*parts, key), seen)
