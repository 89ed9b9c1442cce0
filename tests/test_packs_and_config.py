"""Profiles, rule self-tests, the `rules` command, configuration discovery, waivers and rule periods."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import SAMPLES, SEED

from compliance import resources
from compliance.cli import main
from compliance.ruleset import load_ruleset
from compliance.selftest import run_examples


def _one_rule_pack(folder: Path, rule_id: str, severity: str, phrase: str, extra: str = "") -> Path:
    """A pack extending national with one rule: `phrase` must be present in the report."""
    pack = folder / "pack.yaml"
    pack.write_text(
        f"id: mine\nextends: [national]\nrules:\n  - id: {rule_id}\n    kind: phrase\n    category: quality\n"
        f"    severity: {severity}\n    title: {{zh: 写明{phrase}}}\n    params: {{patterns: ['{phrase}'], expect: present}}\n"
        + extra, encoding="utf-8")
    return pack


def _check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


# ---------------------------------------------------------------- profiles


def test_department_report_gets_the_department_profile_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = _check_json(capsys, str(SAMPLES / "department-2022.txt"))
    document = data["documents"][0]
    assert document["profile"]["id"] == "department"
    assert "桐岭县市场监督管理局" in document["profile"]["reason"] and "自动" in document["profile"]["reason"]
    rules = {f["rule_id"]: f for f in document["findings"]}
    assert rules["timeliness.report_to_government"]["status"] == "pass"  # published 2023-02-20
    assert rules["indicators.major_decisions"]["status"] == "not_applicable"  # governments only
    # It answered 3 reconsideration cases as respondent and decided none: no closed count is owed.
    assert rules["indicators.reconsideration_closed"]["status"] == "not_applicable"
    assert code == 0
    main(["check", "--no-color", "--width", "160", str(SAMPLES / "department-2022.txt")])
    out = capsys.readouterr().out
    assert "department 2026.1" in out and "按主体类型自动选择" in out


def test_profile_per_document_in_a_batch(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = _check_json(capsys, str(SEED), str(SAMPLES / "department-2022.txt"), str(SAMPLES / "complete-2023.md"))
    assert [d["profile"]["id"] for d in data["documents"]] == ["government", "department", "township"]


def test_profile_named_on_the_command_line_wins(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = _check_json(capsys, "--profile", "national", str(SAMPLES / "department-2022.txt"))
    assert data["documents"][0]["profile"]["id"] == "national"
    assert "--profile" in data["documents"][0]["profile"]["reason"]


def test_unknown_profile_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--profile", "provincial", str(SEED)]) == 2
    assert "provincial" in capsys.readouterr().err


def test_department_first_responsible_wording() -> None:
    from compliance.selftest import run_example

    rule = {r.id: r for r in load_ruleset("department").rules}["parts.first_responsible_person"]
    assert run_example(rule, "三、局党组书记、局长履行推进法治建设职责情况\n带头学法。").value == "pass"


@pytest.mark.parametrize(("text", "value"), [
    ("全年以本委为被申请人的行政复议案件和以本委为被告的行政诉讼案件均为零。", 0),
    ("全年受理行政许可申请3,216件，办结率100%；办理行政复议答复2件，行政应诉案件1件，均未被纠错或败诉。", 2),
])
def test_department_reconsideration_as_respondent_wordings(text: str, value: int) -> None:
    """A department answers reconsideration as respondent: 以本委为被申请人, 办理行政复议答复 are its cases."""
    from helpers import document

    from compliance.kinds import KINDS

    rule = {r.id: r for r in load_ruleset("department").rules}["indicators.reconsideration_received"]
    hits = list(KINDS[rule.kind](document(text), **rule.params))
    assert hits[0].data["value"] == value, [(h.detail.zh, h.data) for h in hits]


def test_a_department_that_states_cases_closed_is_credited_with_them() -> None:
    from helpers import document

    from compliance.kinds import KINDS

    rule = {r.id: r for r in load_ruleset("department").rules}["indicators.reconsideration_closed"]
    text = "市政府共收到行政复议申请1,126件，经审查受理983件，审结1,021件（含上年结转案件107件）。"
    hits = list(KINDS[rule.kind](document(text), **rule.params))
    assert hits[0].data["value"] == 1021 and hits[0].credit == 1.0


# ---------------------------------------------------------------- self-tests and the rules command


@pytest.mark.parametrize("pack", resources.bundled_packs())
def test_every_bundled_example_behaves_as_declared(pack: str) -> None:
    failures = [(r.rule_id, r.expected, r.text, r.status.value) for r in run_examples(load_ruleset(pack)) if not r.ok]
    assert not failures


@pytest.mark.parametrize("pack", resources.bundled_packs())
def test_every_bundled_rule_has_a_pass_and_a_fail_example(pack: str) -> None:
    for rule in load_ruleset(pack).rules:
        assert rule.examples.get("pass") and rule.examples.get("fail"), rule.id


def test_rules_test_fails_on_a_wrong_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _one_rule_pack(tmp_path, "custom.rate", "warning", "出庭应诉率",
                          "    examples: {pass: ['出庭应诉率100%。'], fail: ['出庭应诉率100%。']}\n")
    assert main(["rules", "test", str(pack), "--no-color", "--width", "160"]) == 1
    out = capsys.readouterr().out
    assert "custom.rate" in out and "✘" in out
    assert main(["rules", "test", "national", "--no-color"]) == 0


def test_rules_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--no-color", "--width", "200"]) == 0
    out = capsys.readouterr().out
    assert "indicators.court_appearance_rate" in out and "《行政诉讼法》第三条第三款" in out
    assert main(["rules", "show", "timeliness.deadline", "--profile", "department"]) == 0
    out = capsys.readouterr().out
    assert "before: 04-01" in out and "department" in out
    assert main(["rules", "show", "no.such.rule"]) == 2


def test_rules_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("id: good\nextends: [national]\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nextends: [national]\noverrides:\n  - {rule: nothing.here, disable: true}\n", encoding="utf-8")
    assert main(["rules", "validate", str(good)]) == 0
    assert "good" in capsys.readouterr().out
    assert main(["rules", "validate", str(good), str(bad)]) == 2
    assert "nothing.here" in capsys.readouterr().err



def test_every_bundled_pack_passes_the_full_schema_validation(capsys: pytest.CaptureFixture[str]) -> None:
    names = resources.bundled_packs()
    assert {"national", "government", "department", "township"} <= set(names)
    assert main(["rules", "validate", *names]) == 0
    assert capsys.readouterr().out.count("sha256:") == len(names)


def test_rules_validate_checks_the_bundled_packs_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # A check trusts the packs it ships (validated here); `rules validate` must not.
    import shutil

    shutil.copytree(resources.data_dir() / "schemas", tmp_path / "schemas")
    (tmp_path / "rules").mkdir()
    national = resources.pack_path("national").read_text(encoding="utf-8")
    broken = national.replace("basis_status: secondary", "basis_status: guessed", 1)
    assert broken != national
    (tmp_path / "rules" / "national.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda: tmp_path)
    assert main(["rules", "validate", "national"]) == 2
    err = capsys.readouterr().err
    assert "guessed" in err and "内部错误" not in err
    from compliance import profiles

    def check_with_national(edited: str) -> str:
        (tmp_path / "rules" / "national.yaml").write_text(edited, encoding="utf-8")
        profiles.bundled.cache_clear()  # packs are loaded once per process: forget the last one
        try:
            assert main(["check", "--profile", "national", "--no-config", str(SEED)]) == 2
        finally:
            profiles.bundled.cache_clear()
        return capsys.readouterr().err

    # An edit that breaks loading is explained by the full validation, not an internal error;
    err = check_with_national(national.replace("severity: error", "severity: fatal", 1))
    assert "fatal" in err and "内部错误" not in err
    # so is a pattern RE2 refuses, before any document is checked with it.
    err = check_with_national(national.replace('"薄弱环节"', '"薄弱(环节"', 1))
    assert "薄弱(环节" in err and "内部错误" not in err


def test_checking_with_the_bundled_packs_never_loads_the_schema_validator() -> None:
    # jsonschema costs ~30 ms of a ~200 ms one-report cold start: only user packs and configs need it.
    import subprocess
    import sys

    script = ("import sys; from compliance.cli import main; from compliance import profiles, resources; "
              f"code = main(['check', '--format', 'json', '--no-config', {str(SEED)!r}]); "
              "[profiles.bundled(name) for name in resources.bundled_packs()]; "
              "print(code, 'jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "0 False"


# ---------------------------------------------------------------- configuration


def _report_in(folder: Path, name: str = "report.txt", source: Path = SAMPLES / "late-2022.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(source.read_bytes())
    return target


def test_config_next_to_the_report_sets_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path / "office" / "2022")
    (tmp_path / "office" / "compliance.yaml").write_text("lang: en\nformat: json\nfail_under: 95\n", encoding="utf-8")
    assert main(["check", str(report)]) == 1
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert any("95" in reason for reason in document["gate"]) and "Published before" in json.dumps(document)


def test_command_line_overrides_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path, source=SEED)
    (tmp_path / "compliance.yaml").write_text("format: json\nfail_under: 99.9\nprofile: national\n", encoding="utf-8")
    assert main(["check", "--fail-under", "50", "--profile", "government", str(report)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["profile"]["id"] == "government"


def test_nearest_config_wins_and_pyproject_table_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "compliance.yaml").write_text("lang: en\n", encoding="utf-8")
    inner = tmp_path / "sub"
    report = _report_in(inner, source=SEED)
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.compliance]\nformat = "json"\n', encoding="utf-8")
    assert main(["check", str(report)]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "zh"  # the nearer pyproject.toml, not the outer yaml


def test_pyproject_without_our_table_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "compliance.yaml").write_text("format: json\n", encoding="utf-8")
    inner = tmp_path / "sub"
    report = _report_in(inner, source=SEED)
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert main(["check", str(report)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["year"] == 2021


def test_config_found_from_the_working_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = _report_in(tmp_path / "inbox", source=SEED)
    project = tmp_path / "project"
    project.mkdir()
    (project / "compliance.yaml").write_text("format: json\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["check", str(elsewhere)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["year"] == 2021


def test_invalid_config_names_file_and_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path, source=SEED)
    config = tmp_path / "compliance.yaml"
    config.write_text("fail_under: lots\nwaivers:\n  - {rule: metadata.topic, reason: 无}\n", encoding="utf-8")
    assert main(["check", str(report)]) == 2
    err = capsys.readouterr().err
    assert str(config) in err and "$.fail_under" in err and "$.waivers[0]" in err and "granted_by" in err


def test_no_config_ignores_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path, source=SEED)
    (tmp_path / "compliance.yaml").write_text("fail_under: lots\n", encoding="utf-8")
    assert main(["check", "--no-config", "--format", "json", str(report)]) == 0


def test_config_rules_path_is_relative_to_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path / "reports", source=SEED)
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "office.yaml").write_text("id: office\nversion: '3'\nextends: [national]\n", encoding="utf-8")
    (tmp_path / "compliance.yaml").write_text("rules: packs/office.yaml\nformat: json\n", encoding="utf-8")
    assert main(["check", str(report)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ruleset"]["id"] == "office" and data["documents"][0]["profile"]["id"] == "office"


# ---------------------------------------------------------------- waivers


def _waiver_config(folder: Path, expires: date, documents: str | None = None) -> None:
    lines = ["format: json", "profile: national", "waivers:", "  - rule: timeliness.deadline",
             "    reason: 系统故障导致延迟发布，已报市司法局备案", "    granted_by: 云麓区司法局", f"    expires: {expires.isoformat()}"]
    if documents:
        lines.append(f"    documents: '{documents}'")
    (folder / "compliance.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_waiver_in_force_shows_as_waived_and_stops_counting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path)  # late-2022: published 15 days late, fails only on timeliness
    _waiver_config(tmp_path, date.today() + timedelta(days=30))
    assert main(["check", str(report)]) == 0
    data = json.loads(capsys.readouterr().out)
    finding = next(f for f in data["documents"][0]["findings"] if f["rule_id"] == "timeliness.deadline")
    assert finding["status"] == "waived" and "系统故障" in finding["waiver"] and finding["points_lost"] == 0
    assert data["summary"]["waived"] == 1
    main(["check", "--format", "table", "--no-color", "--width", "160", str(report)])
    out = capsys.readouterr().out
    assert "已豁免（1 项" in out and "云麓区司法局" in out


def test_expired_waiver_does_not_apply_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_in(tmp_path)
    _waiver_config(tmp_path, date.today() - timedelta(days=1))
    assert main(["check", str(report)]) == 1
    finding = next(f for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]
                   if f["rule_id"] == "timeliness.deadline")
    assert finding["status"] == "fail" and "过期" in finding["waiver"]


def test_waiver_limited_to_some_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    covered = _report_in(tmp_path, "yunlu-2022.txt")
    other = _report_in(tmp_path, "tanxi-2022.txt")
    _waiver_config(tmp_path, date.today() + timedelta(days=30), documents="yunlu-*.txt")
    assert main(["check", str(covered), str(other)]) == 1
    documents = json.loads(capsys.readouterr().out)["documents"]
    statuses = [next(f["status"] for f in d["findings"] if f["rule_id"] == "timeliness.deadline") for d in documents]
    assert statuses == ["waived", "fail"]


# ---------------------------------------------------------------- rule periods


def test_rule_applies_only_in_its_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = _one_rule_pack(tmp_path, "custom.new-law", "error", "新修订的行政复议法", "    effective_from: 2024\n")
    _, data = _check_json(capsys, "--rules", str(pack), str(SEED))  # a 2021 report
    finding = next(f for f in data["documents"][0]["findings"] if f["rule_id"] == "custom.new-law")
    assert finding["status"] == "not_applicable" and "2024" in finding["evidence"][0]["detail"]


def test_inline_waiver_in_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (SAMPLES / "complete-2023.md").read_text(encoding="utf-8")
    report = tmp_path / "draft.md"
    report.write_text(
        source.replace("生成日期：2024-02-26", "生成日期：2024-04-10")
        + "\n<!-- compliance: waive timeliness.deadline 系统迁移导致延迟发布，已报区司法局 -->\n"
        + "<!-- compliance: waive metadata.* 旧模板 until=2020-01-01 -->\n", encoding="utf-8")
    assert main(["check", "--no-config", "--format", "json", str(report)]) == 0
    findings = {f["rule_id"]: f for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert findings["timeliness.deadline"]["status"] == "waived"
    assert "系统迁移" in findings["timeliness.deadline"]["waiver"] and "第 " in findings["timeliness.deadline"]["waiver"]


def test_inline_waiver_past_its_date_does_not_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (SAMPLES / "complete-2023.md").read_text(encoding="utf-8")
    report = tmp_path / "draft.md"
    report.write_text(source.replace("生成日期：2024-02-26", "生成日期：2024-04-10")
                      + "\n<!-- compliance: waive timeliness.deadline 延迟发布 until=2024-12-31 -->\n", encoding="utf-8")
    assert main(["check", "--no-config", "--format", "json", str(report)]) == 1
    finding = next(f for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]
                   if f["rule_id"] == "timeliness.deadline")
    assert finding["status"] == "fail" and "过期" in finding["waiver"]


def test_a_street_office_reports_reconsideration_as_respondent_and_closing_cases_is_not_asked(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A township or street decides no reconsideration case; the district government decides the ones it answers."""
    code, data = _check_json(capsys, str(SAMPLES / "complete-2023.md"))
    assert code == 0
    document = data["documents"][0]
    rules = {f["rule_id"]: f for f in document["findings"]}
    assert document["profile"]["id"] == "township"
    assert rules["indicators.reconsideration_received"]["status"] == "pass"
    assert "以街道办事处为被申请人的行政复议案件2件" in rules["indicators.reconsideration_received"]["evidence"][0]["quote"]
    assert rules["indicators.reconsideration_closed"]["status"] == "not_applicable"
    assert rules["indicators.reconsideration_closed_not_above_received"]["status"] == "not_applicable"
    # A county government still reports the cases it closed.
    _, data = _check_json(capsys, str(SEED))
    assert {f["rule_id"]: f for f in data["documents"][0]["findings"]}["indicators.reconsideration_closed"]["status"] == "pass"


def test_a_township_answering_no_reconsideration_case_says_so_in_its_own_words() -> None:
    from compliance.selftest import run_example

    rule = {r.id: r for r in load_ruleset("township").rules}["indicators.reconsideration_received"]
    assert run_example(rule, "本年度我镇作为被申请人的行政复议案件3件。").value == "pass"
    assert run_example(rule, "本年度未发生以我镇为被申请人的行政复议案件。").value == "pass"
    assert run_example(rule, "深入学习行政复议法。").value == "fail"


def _late_draft_waived_until(tmp_path: Path, capsys: pytest.CaptureFixture[str], until: str,
                             exit_code: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A late Markdown draft that waives its deadline until `until`: its document entry and deadline finding."""
    source = (SAMPLES / "complete-2023.md").read_text(encoding="utf-8")
    report = tmp_path / "draft.md"
    report.write_text(source.replace("生成日期：2024-02-26", "生成日期：2024-04-10")
                      + f"\n<!-- compliance: waive timeliness.deadline 延迟发布 until={until}-->\n", encoding="utf-8")
    assert main(["check", "--no-config", "--format", "json", str(report)]) == exit_code
    document = json.loads(capsys.readouterr().out)["documents"][0]
    return document, next(f for f in document["findings"] if f["rule_id"] == "timeliness.deadline")


@pytest.mark.parametrize("until", ["2024-02-30", "明年", "2024-13-01"])
def test_inline_waiver_with_no_real_day_is_not_granted_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], until: str) -> None:
    """A mistyped expiry must not make a waiver that never expires."""
    document, finding = _late_draft_waived_until(tmp_path, capsys, until, exit_code=1)
    assert finding["status"] == "fail" and finding["waiver"] is None
    assert any(f"until={until} 不是有效日期" in note and "该豁免未生效" in note for note in document["warnings"])


@pytest.mark.parametrize("until", ["2024-1-5", "2024/12/31", "2024年12月31日"])
def test_inline_waiver_expiry_written_as_a_day_otherwise_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], until: str) -> None:
    """The expiry is read however the day is written: these are past, so the waiver has expired."""
    document, finding = _late_draft_waived_until(tmp_path, capsys, until, exit_code=1)
    assert finding["status"] == "fail" and "过期" in finding["waiver"] and "延迟发布" in finding["waiver"]
    assert not document["warnings"]
