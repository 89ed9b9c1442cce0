"""Loading rule packs: validation with paths, extends, overrides, bounded patterns."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from compliance import resources
from compliance.errors import RulesetError
from compliance.matching import compile_pattern
from compliance.model import Severity
from compliance.ruleset import load_ruleset

RULE = """
  - id: custom.no-placeholder
    kind: phrase
    category: quality
    severity: error
    weight: 2
    title: {zh: 不得保留模板占位符, en: No placeholders}
    params: {patterns: ["XX+"], expect: absent}
"""


def _pack(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _problems(path: Path) -> str:
    with pytest.raises(RulesetError) as caught:
        load_ruleset(path)
    return caught.value.text.zh


@pytest.mark.parametrize("name", resources.bundled_packs())
def test_bundled_packs_load(name: str) -> None:
    ruleset = load_ruleset(name)
    assert ruleset.rules and ruleset.hash.startswith("sha256:")


def test_national_pack_has_the_stable_ids() -> None:
    ids = {rule.id for rule in load_ruleset("national").rules}
    for part in ("measures_and_results", "shortcomings", "first_responsible_person", "next_year_plan", "other_matters"):
        assert f"parts.{part}" in ids
    for field in ("index_no", "topic", "publisher", "date", "doc_no", "validity", "scope", "disclosure"):
        assert f"metadata.{field}" in ids
    assert {"timeliness.deadline", "timeliness.year_consistency", "structure.document_type"} <= ids


def test_every_bundled_rule_has_both_languages_and_a_basis() -> None:
    for rule in load_ruleset("national").rules:
        assert rule.title.zh and rule.title.en != rule.title.zh, rule.id
        assert rule.basis is not None and rule.basis_status, rule.id
        assert rule.hint is not None and rule.hint.en != rule.hint.zh, rule.id


def test_unknown_kind_wrong_type_and_missing_field_are_all_reported(tmp_path: Path) -> None:
    path = _pack(tmp_path, """
        id: broken
        rules:
          - id: custom.a
            kind: nonsense
            category: quality
            severity: error
            title: {zh: 甲}
          - id: custom.b
            kind: phrase
            category: quality
            severity: error
            weight: heavy
            title: {zh: 乙}
            params: {patterns: ["x"]}
          - id: custom.c
            kind: phrase
            category: quality
            title: {zh: 丙}
            params: {patterns: ["x"]}
    """)
    problems = _problems(path)
    assert str(path) in problems
    assert "$.rules[0].kind (rule custom.a)" in problems
    assert "$.rules[1].weight (rule custom.b)" in problems
    assert "$.rules[2] (rule custom.c): 'severity' is a required property" in problems


def test_bad_params_for_a_kind_name_the_param(tmp_path: Path) -> None:
    path = _pack(tmp_path, """
        id: broken
        rules:
          - id: custom.a
            kind: phrase
            category: quality
            severity: error
            title: {zh: 甲}
            params: {patterns: [], expect: sometimes, colour: red}
    """)
    problems = _problems(path)
    assert "$.rules[0].params.colour (rule custom.a)" in problems
    assert "$.rules[0].params.expect (rule custom.a)" in problems
    assert "$.rules[0].params.patterns (rule custom.a)" in problems


def test_duplicate_rule_id(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: dup\nextends: [national]\nrules:" + RULE + RULE)
    assert "$.rules[1].id (rule custom.no-placeholder)" in _problems(path)


def test_pattern_re2_refuses_is_reported_with_its_path(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: p\nextends: [national]\nrules:" + RULE.replace('"XX+"', '"(?<=a)b"'))
    problems = _problems(path)
    assert "$.rules[0].params.patterns[0] (rule custom.no-placeholder)" in problems


def test_cycle_in_extends(tmp_path: Path) -> None:
    _pack(tmp_path, "id: a\nextends: [b.yaml]\n", "a.yaml")
    _pack(tmp_path, "id: b\nextends: [a.yaml]\n", "b.yaml")
    assert "循环" in _problems(tmp_path / "a.yaml")


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: x\nrules: [\n  - {id: a\n")
    assert f"{path}:" in _problems(path)


def test_extending_national_adds_rules_and_overrides(tmp_path: Path) -> None:
    path = _pack(tmp_path, """\
        id: jiangxi-county
        version: "2025.1"
        extends: [national]
        overrides:
          - rule: "metadata.*"
            severity: info
          - rule: metadata.topic
            disable: true
          - rule: timeliness.deadline
            params: {before: "03-01"}
            weight: 9
        """) 
    path.write_text(path.read_text(encoding="utf-8") + "rules:" + RULE, encoding="utf-8")
    ruleset = load_ruleset(path)
    rules = {rule.id: rule for rule in ruleset.rules}
    assert "custom.no-placeholder" in rules and "parts.shortcomings" in rules
    assert "metadata.topic" not in rules
    assert rules["metadata.index_no"].severity is Severity.INFO
    assert rules["timeliness.deadline"].params == {"before": "03-01"} and rules["timeliness.deadline"].weight == 9
    assert (ruleset.id, ruleset.version) == ("jiangxi-county", "2025.1")
    assert ruleset.hash != load_ruleset("national").hash


def test_override_of_unknown_rule_is_an_error(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: x\nextends: [national]\noverrides:\n  - {rule: metadata.nonexistent, disable: true}\n")
    assert "$.overrides[0].rule (rule metadata.nonexistent)" in _problems(path)


def test_override_params_are_validated_again(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: x\nextends: [national]\noverrides:\n  - {rule: timeliness.deadline, params: {before: 'April'}}\n")
    assert "timeliness.deadline" in _problems(path)


def test_star_override_changes_every_rule(tmp_path: Path) -> None:
    path = _pack(tmp_path, "id: x\nextends: [national]\noverrides:\n  - {rule: '*', severity: warning}\n")
    assert {rule.severity for rule in load_ruleset(path).rules} == {Severity.WARNING}


def test_catastrophic_pattern_runs_on_the_linear_engine() -> None:
    assert type(compile_pattern("(率+)+$")).__module__.startswith("re2")
    assert type(compile_pattern("政府信息公开")).__module__ == "re"


def test_catastrophic_pattern_cannot_hang_a_check(tmp_path: Path) -> None:
    """(率+)+$ on 50 KB of 率 followed by a mismatch backtracks forever on a backtracking engine."""
    pack = _pack(tmp_path, "id: evil\nextends: [national]\nrules:" + RULE.replace('"XX+"', '"(率+)+$"'))
    report = tmp_path / "report.txt"
    report.write_text("某县2022年度法治政府建设情况报告\n一、主要举措和成效\n" + "率" * 50_000 + "。\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "compliance", "check", "--rules", str(pack), "--format", "json", str(report)],
        capture_output=True, timeout=60, check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr.decode()
