"""Rule packs: YAML → JSON Schema validation → extends and overrides resolved → RuleSet.

Every problem in a pack is reported at once, each with its file, rule id and JSON path.
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from . import resources
from .errors import (
    RulesetError,
    invalid,
    json_path,
    non_finite_problems,
    place,
    problem_at,
    read_setting_yaml,
    schema_error_parts,
)
from .matching import PatternError, check
from .messages import text
from .model import Category, Grade, Rule, RuleSet, Severity, Text

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

DEFAULT_GRADES = (
    Grade(min=90, label=Text(zh="优秀", en="Excellent")),
    Grade(min=80, label=Text(zh="良好", en="Good")),
    Grade(min=60, label=Text(zh="合格", en="Pass")),
    Grade(min=0, label=Text(zh="不合格", en="Fail")),
)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return resources.validator(resources.schema("rulepack"))


def _pattern_params(kind: str) -> set[str]:
    """Names of a kind's params that hold patterns, read from the schema (format: regex)."""
    properties = resources.schema("rulepack")["$defs"].get(kind, {}).get("properties", {})
    return {
        name for name, spec in properties.items()
        if spec.get("format") == "regex" or spec.get("items", {}).get("format") == "regex"
    }


def _rule_id_at(data: Any, path: list[Any]) -> str | None:
    if len(path) >= 2 and path[0] in ("rules", "overrides") and isinstance(data, dict):
        items = data.get(path[0])
        if isinstance(items, list) and isinstance(path[1], int) and path[1] < len(items):
            item = items[path[1]]
            if isinstance(item, dict):
                value = item.get("id") if path[0] == "rules" else item.get("rule")
                return str(value) if value is not None else None
    return None


def _schema_problems(data: Any, source: str) -> list[Text]:
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        path = schema_error_parts(error)
        problems.append(problem_at(place(source, path, rule=_rule_id_at(data, path)), error.message))
    return problems


def _pattern_problems(rules: Any, source: str, prefix: str = "rules") -> list[Text]:
    """Each pattern RE2 refuses, with RE2's reason; the rules as written, whatever else is wrong with them."""
    problems = []
    for index, rule in enumerate(rules if isinstance(rules, list) else ()):
        params = rule.get("params") if isinstance(rule, dict) else None
        if not isinstance(params, dict) or not isinstance(rule.get("kind"), str):
            continue
        for name in sorted(_pattern_params(rule["kind"])):
            values = params.get(name)
            for position, pattern in enumerate(values if isinstance(values, list) else [values]):
                if not isinstance(pattern, str):
                    continue
                try:
                    check(pattern)
                except PatternError as error:
                    where = place(source, [prefix, index, "params", name, position], rule=rule.get("id"))
                    problems.append(problem_at(where, f"{pattern!r}: {error}"))
    return problems


def _locate(reference: str, relative_to: Path | None) -> Path:
    if resources.is_bundled_pack(reference):
        return resources.pack_path(reference)
    path = Path(reference)
    if not path.is_absolute() and relative_to is not None:
        path = relative_to.parent / path
    return path


def _load_raw(path: Path, chain: tuple[Path, ...], *, verify_bundled: bool) -> dict[str, Any]:
    """One pack with its `extends` merged in, validated, before overrides of packs that extend it.

    The packs shipped with the tool are checked against the schema by `rules validate` and the test
    suite, not on every run: that would cost a third of a one-report cold start.
    """
    resolved = path.resolve()
    if resolved in chain:
        cycle = " → ".join(str(p) for p in (*chain, resolved))
        raise RulesetError(text("pack.cycle", cycle=cycle))
    data = read_setting_yaml(path, RulesetError, "pack")
    source = str(path)
    if not isinstance(data, dict):
        raise RulesetError(text("pack.not_mapping", path=path))
    verify = verify_bundled or not resources.is_bundled_file(path)
    if verify:
        problems = (_schema_problems(data, source) + non_finite_problems(data, source)
                    + _pattern_problems(data.get("rules"), source))
        if not problems:
            problems = _duplicate_ids(data, source)
    else:  # the shipped packs' patterns are still compiled: a check compiles them all anyway
        problems = _duplicate_ids(data, source) + _pattern_problems(data.get("rules", []), source)
    if problems:
        raise invalid(RulesetError, "pack.invalid", path, problems)

    parents = [_locate(reference, path) for reference in data.get("extends", [])]
    if missing := _missing_parents(path, data.get("extends", []), parents):
        raise invalid(RulesetError, "pack.invalid", path, missing)
    merged: dict[str, Any] = {"categories": {}, "grades": None, "pass_score": None, "error_caps_grade": None,
                              "rules": {}}
    for parent_path in parents:
        parent = _load_raw(parent_path, (*chain, resolved), verify_bundled=verify_bundled)
        merged["categories"].update(parent["categories"])
        merged["rules"].update(parent["rules"])
        merged["grades"] = parent["grades"] or merged["grades"]
        for key in ("pass_score", "error_caps_grade"):
            merged[key] = parent[key] if parent[key] is not None else merged[key]
    for category in data.get("categories", []):
        merged["categories"][category["id"]] = category
    for index, rule in enumerate(data.get("rules", [])):
        merged["rules"][rule["id"]] = {**rule, "_source": source, "_index": index}
    if "grades" in data:
        merged["grades"] = data["grades"]
    for key in ("pass_score", "error_caps_grade"):
        if key in data:
            merged[key] = data[key]
    _apply_overrides(merged["rules"], data.get("overrides", []), source, verify=verify)
    merged.update(id=data["id"], version=data.get("version", "0"), source=source)
    return merged


def _missing_parents(path: Path, references: list[str], parents: list[Path]) -> list[Text]:
    """The packs `extends` names that are neither bundled nor a file, at their place in the pack: before,
    the message named a path the author never wrote (packs/nosuch) and not the pack that named it."""
    bundled = ", ".join(resources.bundled_packs())
    return [problem_at(place(path, ["extends", index]),
                       text("pack.extends_missing", reference=reference, bundled=bundled, path=parent))
            for index, (reference, parent) in enumerate(zip(references, parents, strict=True)) if not parent.is_file()]


def _duplicate_ids(data: dict[str, Any], source: str) -> list[Text]:
    seen: dict[str, int] = {}
    problems = []
    for index, rule in enumerate(data.get("rules", [])):
        if rule["id"] in seen:
            problems.append(problem_at(place(source, ["rules", index, "id"], rule=rule["id"]),
                                text("pack.duplicate", first=seen[rule["id"]])))
        seen.setdefault(rule["id"], index)
    return problems


def _apply_overrides(rules: dict[str, dict[str, Any]], overrides: list[dict[str, Any]], source: str, *,
                     verify: bool) -> None:
    problems = []
    for index, override in enumerate(overrides):
        selector = override["rule"]
        matched = [rule_id for rule_id in rules if fnmatch.fnmatchcase(rule_id, selector)]
        if not matched:
            problems.append(problem_at(place(source, ["overrides", index, "rule"], rule=selector),
                                       text("pack.override_unknown")))
            continue
        for rule_id in matched:
            rule = copy.deepcopy(rules[rule_id])
            if override.get("disable"):
                rule["_disabled"] = True
            for key in ("severity", "weight"):
                if key in override:
                    rule[key] = override[key]
            if "params" in override:
                rule["params"] = {**rule.get("params", {}), **override["params"]}
            rules[rule_id] = rule
    if problems:
        raise invalid(RulesetError, "pack.invalid", source, problems)
    if verify:
        _revalidate(rules, overrides, source)


def _revalidate(rules: dict[str, dict[str, Any]], overrides: list[dict[str, Any]], source: str) -> None:
    """Overridden params must still fit their kind's schema."""
    if not any("params" in override for override in overrides):
        return
    problems: list[Text] = []
    rule_schema = {"$ref": "#/$defs/rule", "$defs": resources.schema("rulepack")["$defs"]}
    validator = resources.validator(rule_schema)
    for rule_id, rule in rules.items():
        clean = {k: v for k, v in rule.items() if not k.startswith("_")}
        for error in validator.iter_errors(clean):
            problems.append(problem_at(f"{source}: overrides → {rule_id}: {json_path(error.absolute_path)}", error.message))
        problems += _pattern_problems([clean], f"{source}: overrides → {rule_id}")
    if problems:
        raise invalid(RulesetError, "pack.invalid", source, problems)


@overload
def _text(value: Mapping[str, str]) -> Text: ...
@overload
def _text(value: None) -> None: ...
def _text(value: Mapping[str, str] | None) -> Text | None:
    if value is None:
        return None
    return Text(zh=value["zh"], en=value.get("en", value["zh"]))


def _rule(raw: dict[str, Any]) -> Rule:
    return Rule(
        id=raw["id"], kind=raw["kind"], category=raw["category"], severity=Severity(raw["severity"]),
        weight=float(raw.get("weight", 1)), title=_text(raw["title"]),
        message=_text(raw.get("message")), basis=_text(raw.get("basis")),
        basis_status=raw.get("basis_status"), hint=_text(raw.get("hint")),
        params=raw.get("params", {}), applies_to=tuple(raw.get("applies_to", ())),
        effective_from=raw.get("effective_from"), effective_to=raw.get("effective_to"),
        examples={key: tuple(value) for key, value in raw.get("examples", {}).items()},
    )


def load_ruleset(reference: str | Path = "national", *, verify_bundled: bool = False) -> RuleSet:
    """A bundled pack by name (national, …) or a pack file, fully resolved.

    A user's pack is always validated; the bundled packs it extends only with `verify_bundled`, or
    when they fail to load (someone edited them): then the full validation says where and why.
    """
    try:
        return _resolve(reference, verify_bundled=verify_bundled)
    except (KeyError, ValueError, TypeError, AttributeError):
        if verify_bundled:
            raise
        return _resolve(reference, verify_bundled=True)


def _resolve(reference: str | Path, *, verify_bundled: bool) -> RuleSet:
    path = _locate(str(reference), None)
    if resources.names_a_pack(str(reference)) and not path.exists():  # --rules natonal: a bundled name mistyped
        raise RulesetError(text("profile.unknown", name=reference, available=", ".join(resources.bundled_packs())))
    merged = _load_raw(path, (), verify_bundled=verify_bundled)
    rules = [raw for raw in merged["rules"].values() if not raw.get("_disabled")]
    categories = merged["categories"]
    problems = [
        problem_at(place(raw["_source"], ["rules", raw["_index"], "category"], rule=raw["id"]),
                   text("pack.unknown_category", category=raw["category"]))
        for raw in rules if raw["category"] not in categories
    ]
    if problems:
        raise invalid(RulesetError, "pack.invalid", path, problems)
    canonical = json.dumps(
        {
            "categories": categories, "grades": merged["grades"], "pass_score": merged["pass_score"],
            "error_caps_grade": merged["error_caps_grade"],
            "rules": [{k: v for k, v in raw.items() if not k.startswith("_")} for raw in rules],
        },
        ensure_ascii=False, sort_keys=True,
    )
    grades = (
        tuple(Grade(min=g["min"], label=_text(g["label"])) for g in merged["grades"])
        if merged["grades"] else DEFAULT_GRADES
    )
    return RuleSet(
        id=merged["id"], version=merged["version"], source=merged["source"],
        hash="sha256:" + hashlib.sha256(canonical.encode()).hexdigest()[:16],
        categories=tuple(
            Category(id=c["id"], weight=float(c["weight"]), title=_text(c["title"]))
            for c in categories.values()
        ),
        grades=tuple(sorted(grades, key=lambda g: -g.min)),
        pass_score=float(merged["pass_score"] if merged["pass_score"] is not None else 60),
        rules=tuple(_rule(raw) for raw in rules),
        error_caps_grade=merged["error_caps_grade"] is not False,
    )
