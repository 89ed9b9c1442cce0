"""What a user is told about a broken rule pack or configuration file: in their language, naming the file
(and the line where the file says it), with exit code 2 and never a traceback."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SEED

from compliance.cli import main

RULE = """
  - id: custom.no-placeholder
    kind: phrase
    category: {category}
    severity: error
    title: {{zh: 不得保留模板占位符, en: No placeholders}}
    params: {{patterns: ["XX+"], expect: absent}}
"""
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _write(folder: Path, body: str, name: str = "pack.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _validate(capsys: pytest.CaptureFixture[str], path: Path, lang: str) -> tuple[int, str]:
    code = main(["rules", "validate", "--lang", lang, str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("body", "english"), [
    ("id: dup\nextends: [national]\nrules:" + RULE.format(category="quality") * 2, "duplicate rule id (first at $.rules[0])"),
    ("id: cat\nextends: [national]\nrules:" + RULE.format(category="typos"), "category typos is not defined in categories"),
    ("id: ovr\nextends: [national]\noverrides:\n  - rule: metadata.topics\n    severity: warning\n",
     "the override names no existing rule"),
], ids=["duplicate-id", "unknown-category", "override-of-no-rule"])
def test_pack_problems_are_told_in_english_with_lang_en(
        body: str, english: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """These three were said in Chinese whatever --lang asked for."""
    pack = _write(tmp_path, body)
    code, err = _validate(capsys, pack, "en")
    assert code == 2 and english in err and str(pack) in err
    assert not _CJK.search(err)
    code, chinese = _validate(capsys, pack, "zh")
    assert code == 2 and "处错误" in chinese and english not in chinese


@pytest.mark.parametrize(("setting", "english"), [
    ("rules: packs/jiangxi.yaml", "rule pack {folder}/packs/jiangxi.yaml does not exist"),
    ("profile: county", "no bundled pack named county"),
    ("output: out/summary.json", "{folder}/out/summary.json"),
], ids=["missing-pack", "unknown-profile", "output-folder-missing"])
def test_a_configuration_in_english_has_its_errors_told_in_english(
        setting: str, english: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lang: en` in compliance.yaml gave English reports but Chinese errors for what the file itself named."""
    config = _write(tmp_path, f"lang: en\n{setting}\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert english.format(folder=tmp_path) in err and not _CJK.search(err), err


def test_a_configuration_with_a_yaml_error_names_its_line_and_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As a pack's does: before, Python's several lines about "<unicode string>", in the middle of a Chinese one."""
    config = _write(tmp_path, "lang: zh\nwaivers:\n  - rule: timeliness.deadline\n   reason: 已批准延期\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"compliance: 配置文件 YAML 语法错误 {config}:4:") and "unicode string" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["config", "pack"])
def test_a_day_that_does_not_exist_is_a_problem_at_its_place(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A waiver expiring on 2026-02-30 (or a rule's effective_from written as a day) was an internal error."""
    if kind == "config":
        target = _write(tmp_path, "waivers:\n  - rule: timeliness.deadline\n    reason: 经市司法局批准延期发布\n"
                                  "    granted_by: 市司法局\n    expires: 2026-02-30\n", "compliance.yaml")
        argv, where = ["--config", str(target)], "5:14: $.waivers[0].expires: '2026-02-30' is not a 'date'"
    else:
        target = _write(tmp_path, "id: mine\nextends: [national]\nrules:" + RULE.format(category="quality")
                        + "    effective_from: 2026-02-30\n")
        argv, where = ["--rules", str(target)], "10:21: $.rules[0].effective_from (rule custom.no-placeholder): '2026-02-30'"
    assert main(["check", *argv, str(SEED)]) == 2
    err = capsys.readouterr().err
    assert f"{target}:{where}" in err and "内部错误" not in err


def test_an_explicit_timestamp_of_no_day_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path, "waivers:\n  - rule: timeliness.deadline\n    reason: 经市司法局批准延期发布\n"
                              "    granted_by: 市司法局\n    expires: !!timestamp 2026-02-30\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert f"配置文件 YAML 语法错误 {config}：day is out of range for month" in err


def test_fail_under_nan_in_a_configuration_is_refused_instead_of_passing_every_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fail_under: .nan passed the schema's 0–100 bounds, and then every report, whatever its score."""
    config = _write(tmp_path, "fail_under: .nan\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    assert f"{config}:1:13: $.fail_under: nan 不是有限的数" in capsys.readouterr().err


def test_an_infinite_weight_in_a_pack_is_refused_with_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An infinite weight made every score NaN, written as NaN into the JSON, which no JSON reader takes."""
    pack = _write(tmp_path, "id: mine\nextends: [national]\noverrides:\n  - rule: timeliness.deadline\n    weight: .inf\n")
    assert main(["check", "--format", "json", "--rules", str(pack), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert "NaN" not in captured.out and f"{pack}:5:13: $.overrides[0].weight: inf 不是有限的数" in captured.err


def _phrase_pack(folder: Path, pattern: str, extra: str = "") -> Path:
    return _write(folder, "id: mine\nextends: [national]\nrules:\n  - id: custom.latin-in-title\n    kind: phrase\n"
                          "    category: quality\n    severity: warning\n    title: {zh: 标题不含西文}\n"
                          f"    params: {{patterns: ['{pattern}'], expect: absent, scope: title}}\n{extra}")


def test_a_pattern_in_re2_syntax_python_lacks_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Packs are written in RE2 (README): \\p{Han} was refused as "is not a 'regex'", Python's verdict."""
    pack = _phrase_pack(tmp_path, r"\p{Han}[A-Za-z]+\p{Han}")
    assert main(["rules", "validate", str(pack)]) == 0
    capsys.readouterr()
    titled = SEED.read_text(encoding="utf-8").replace(
        "南昌市西湖区2021年度法治政府建设情况报告", "南昌市西湖区2021年度法治政府建设情况report报告")
    report = _write(tmp_path, titled, "report.txt")
    main(["check", "--format", "json", "--rules", str(pack), str(report), str(SEED)])
    statuses = [next(f["status"] for f in document["findings"] if f["rule_id"] == "custom.latin-in-title")
                for document in json.loads(capsys.readouterr().out)["documents"]]
    assert statuses == ["fail", "pass"]


def test_a_pattern_re2_refuses_is_reported_with_re2s_reason_beside_other_problems(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _phrase_pack(tmp_path, "(本年度|上年度", "    weight: heavy\n")
    code, err = _validate(capsys, pack, "zh")
    assert code == 2 and "有 2 处错误" in err
    assert f"{pack}:10:13: $.rules[0].weight (rule custom.latin-in-title): 'heavy' is not of type 'number'" in err
    assert f"{pack}:9:25: $.rules[0].params.patterns[0] (rule custom.latin-in-title): '(本年度|上年度': missing )" in err


def test_pack_problems_name_the_line_and_column_an_editor_goes_to(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON path alone ($.rules[2].category) left the author counting rules in a long pack."""
    body = "id: mine\nextends: [national]\nrules:" + RULE.format(category="quality") + RULE.replace(
        "custom.no-placeholder", "custom.no-draft-mark").format(category="quality").replace("XX+", "（征求意见稿）") \
        + RULE.replace("custom.no-placeholder", "custom.no-blank").format(category="qualty").replace(
            "severity: error", "severity: error\n    weight: heavy")
    pack = _write(tmp_path, body)
    lines = pack.read_text(encoding="utf-8").splitlines()
    weight = lines.index("    weight: heavy") + 1
    code, err = _validate(capsys, pack, "en")
    assert code == 2 and f"{pack}:{weight}:13: $.rules[2].weight (rule custom.no-blank): 'heavy' is not" in err
    fixed = _write(tmp_path, body.replace("    weight: heavy\n", ""))
    code, err = _validate(capsys, fixed, "en")
    category = lines.index("    category: qualty") + 1
    assert code == 2 and f"{fixed}:{category}:15: $.rules[2].category (rule custom.no-blank): category qualty" in err


def test_extending_a_pack_that_is_not_there_names_the_pack_that_extends_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: "rule pack …/packs/natonal does not exist", a path the author never wrote, and not which pack
    named it; a second missing parent was told only once the first was fixed."""
    (tmp_path / "packs").mkdir()
    pack = _write(tmp_path / "packs", "id: county\nversion: '2025.1'\nextends: [natonal, ../shared/city.yaml]\n")
    code, err = _validate(capsys, pack, "en")
    assert code == 2 and "has 2 problem(s)" in err
    assert (f"{pack}:3:11: $.extends[0]: extends natonal, which is neither a bundled pack "
            "(department, government, national, township)") in err
    assert f"{pack}:3:20: $.extends[1]: extends ../shared/city.yaml" in err and "city.yaml does not exist" in err


@pytest.mark.parametrize("argv", [["check", "--rules", "natonal", str(SEED)], ["rules", "test", "natonal"],
                                  ["rules", "list", "--rules", "natonal"]], ids=["check", "rules-test", "rules-list"])
def test_a_mistyped_bundled_pack_name_lists_the_bundled_packs(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """--profile natonal listed them; --rules natonal said only "rule pack natonal does not exist"."""
    assert main([*argv, "--lang", "en"]) == 2
    assert "no bundled pack named natonal (available: department, government, national, township)" in capsys.readouterr().err


def test_a_misspelt_option_is_named_at_its_own_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The validator reports a key it does not know at the mapping holding it: `$` for a whole
    configuration file, `$.rules[0].params` for a pack's rule, with no line to go to."""
    config = _write(tmp_path, "lang: zh\nformat: table\nfail_unde: 70\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    assert f"{config}:3:12: $.fail_unde: Additional properties are not allowed ('fail_unde' was unexpected)" \
        in capsys.readouterr().err
    pack = _write(tmp_path, "id: mine\nextends: [national]\nrules:" + RULE.format(category="quality").replace(
        "expect: absent", "expct: absent"))
    code, err = _validate(capsys, pack, "zh")
    assert code == 2 and f"{pack}:9:40: $.rules[0].params.expct (rule custom.no-placeholder): Additional" in err


def test_parse_leaves_the_checks_configured_output_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A project configured `format: json` and `output: results.json` for its checks: `compliance parse`
    wrote its tree over results.json, and printed nothing."""
    config = _write(tmp_path, "format: json\noutput: results.json\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 0
    results = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert main(["parse", "--config", str(config), str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("南昌市西湖区2021年度法治政府建设情况报告")
    assert (tmp_path / "results.json").read_text(encoding="utf-8") == results


def test_a_mistyped_bundled_pack_in_a_configuration_lists_the_bundled_packs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """rules: natonal was taken for a file beside the configuration: "rule pack /…/natonal does not exist"."""
    config = _write(tmp_path, "rules: natonal\n", "compliance.yaml")
    assert main(["check", "--config", str(config), str(SEED)]) == 2
    assert "没有名为 natonal 的规则包（可用：department, government, national, township）" in capsys.readouterr().err
    _write(tmp_path, "id: natonal\nextends: [national]\n", "natonal")  # a file of that name is still read
    assert main(["check", "--config", str(config), "--format", "json", str(SEED)]) == 0
    assert json.loads(capsys.readouterr().out)["ruleset"]["id"] == "natonal"


def _alias_bomb(levels: int) -> str:
    """YAML of a few lines standing for 9**levels values: each list holds nine aliases of the one before."""
    lines = ["l0: &l0 [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["config", "pack"])
def test_a_file_of_nested_yaml_aliases_is_refused_without_walking_every_value(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight such lines stand for 43 million values: the walks for dates and non-finite numbers visited
    each (10 s for a pack, 90 s with one line more); each list is now visited once."""
    import compliance.config
    import compliance.errors

    visits = 0

    def counted(walk: Callable[..., Any]) -> Callable[..., Any]:
        def visit(*args: Any) -> Any:
            nonlocal visits
            visits += 1
            return walk(*args)
        return visit

    monkeypatch.setattr(compliance.errors, "_non_finite", counted(compliance.errors._non_finite))
    monkeypatch.setattr(compliance.config, "_dates_as_text", counted(compliance.config._dates_as_text))
    if kind == "config":
        target = _write(tmp_path, "lang: zh\nformat: table\n" + _alias_bomb(6), "compliance.yaml")
        argv = ["check", "--config", str(target), str(SEED)]
    else:
        target = _write(tmp_path, "id: mine\nextends: [national]\n" + _alias_bomb(6))
        argv = ["rules", "validate", str(target)]
    assert main(argv) == 2
    assert f"{target}:3:5: $.l0: Additional properties are not allowed" in capsys.readouterr().err
    assert visits < 100  # 9**6 values: some 600,000 visits before
