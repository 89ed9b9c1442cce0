"""The command line: exit codes on every path, batches, languages, output files."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED
from jsonschema import Draft202012Validator, FormatChecker

from compliance import resources
from compliance.cli import main

REPORT_SCHEMA = Draft202012Validator(resources.schema("report"), format_checker=FormatChecker())


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    data = json.loads(capsys.readouterr().out)
    errors = [f"{e.json_path}: {e.message}" for e in REPORT_SCHEMA.iter_errors(data)]
    assert not errors, errors
    return data


def test_unknown_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-flag", str(SEED)]) == 2
    assert "--no-such-flag" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "said"), [
    (["check", "--format", "xlsxx", "a.txt"], "--format/-f 不能取 'xlsxx'（可选："),
    (["check", "--jobs", "two", "a.txt"], "--jobs/-j 需要整数，而不是 'two'"),
    (["check", "--fail-under", "八十", "a.txt"], "--fail-under 需要数字，而不是 '八十'"),
    (["check", "--output"], "--output/-o 后面缺少值"),
    (["check"], "缺少参数：PATH"),
    (["check", "--no-such-flag", "a.txt"], "无法识别的参数：--no-such-flag"),
], ids=["choice", "int", "float", "value", "required", "unrecognized"])
def test_usage_errors_are_in_chinese_by_default(capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    """argparse's own words were English even for a user who never asked for English."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "错误" in err and "error:" not in err
    assert main([*argv, "--lang", "en"]) == 2
    assert "error:" in capsys.readouterr().err  # English when asked for


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    assert "--max-bytes" in capsys.readouterr().out


def test_missing_file_is_an_input_error_in_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["check", "--format", "json", str(missing)]) == 2
    document = _json(capsys)["documents"][0]
    assert document["error"]["code"] == "not_found" and str(missing) in document["error"]["message"]
    assert main(["check", "--width", "300", str(missing)]) == 2
    assert "文件不存在" in capsys.readouterr().out


def test_batch_with_a_broken_file_still_reports_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b-empty.txt").write_bytes(b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c-late.txt").write_bytes((SAMPLES / "late-2022.txt").read_bytes())
    (sub / "notes.yaml").write_text("ignored: true", encoding="utf-8")
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    data = _json(capsys)
    names = [Path(d["path"]).name for d in data["documents"]]
    assert names == ["a-good.txt", "b-empty.txt", "c-late.txt"]
    assert data["documents"][0]["passed"] and data["documents"][1]["error"]["code"] == "empty"
    assert data["documents"][2]["passed"] is False
    assert {k: data["summary"][k] for k in ("documents", "passed", "failed", "errors")} == {
        "documents": 3, "passed": 1, "failed": 1, "errors": 1}


def test_failing_report_exits_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLES / "late-2022.txt")]) == 1


def test_fail_under_raises_the_bar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--fail-under", "99.5", str(SEED)]) == 1
    assert "99.5" in _json(capsys)["documents"][0]["gate"][0]


@pytest.mark.parametrize("score", ["nan", "150", "-5", "inf"])
@pytest.mark.parametrize(("lang", "said"), [("zh", "0 到 100"), ("en", "0 to 100")])
def test_fail_under_outside_the_score_range_is_a_usage_error(capsys: pytest.CaptureFixture[str], score: str,
                                                             lang: str, said: str) -> None:
    """nan passed every report whatever its score, 150 failed every one: neither is a bar a score can meet."""
    assert main(["check", "--lang", lang, "--format", "json", "--fail-under", score, str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--fail-under" in captured.err and said in captured.err and score in captured.err


@pytest.mark.parametrize("command", [["check"], ["parse"], ["rules", "list"]], ids=["check", "parse", "rules-list"])
@pytest.mark.parametrize("width", ["0", "-5"])
def test_a_width_nothing_fits_in_is_a_usage_error(capsys: pytest.CaptureFixture[str], command: list[str],
                                                  width: str) -> None:
    """The terminal report used to print nothing at all (exit 0): the author saw an empty screen."""
    paths = [str(SEED)] if command[0] != "rules" else []
    assert main([*command, "--width", width, *paths]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--width" in captured.err and width in captured.err and "20" in captured.err


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_a_size_limit_no_file_can_meet_is_a_usage_error(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    """It used to refuse every file of the batch, each "over the limit of -1 bytes", as if the files were at fault."""
    assert main(["check", "--format", "json", "--max-bytes", limit, str(SEED), str(SAMPLES / "late-2022.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--max-bytes" in captured.err and limit in captured.err
    assert "late-2022" not in captured.err


def test_broken_pack_exits_two_and_names_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("id: x\nrules:\n  - {id: custom.a, kind: nonsense, category: quality, severity: error, title: {zh: 甲}}\n",
                    encoding="utf-8")
    assert main(["check", "--rules", str(pack), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert str(pack) in err and "$.rules[0].kind" in err and "custom.a" in err
    assert "Traceback" not in err


def test_user_pack_extending_national(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "my-pack.yaml"
    pack.write_text(
        "id: my-office\nversion: '1'\nextends: [national]\nrules:\n"
        "  - id: custom.court-rate\n    kind: phrase\n    category: quality\n    severity: error\n"
        "    title: {zh: 须写明出庭应诉率, en: State the court appearance rate}\n"
        "    params: {patterns: ['出庭应诉率'], expect: present}\n",
        encoding="utf-8",
    )
    assert main(["check", "--rules", str(pack), "--format", "json", str(SEED)]) == 0
    data = _json(capsys)
    assert data["ruleset"]["id"] == "my-office"
    rule = next(f for f in data["documents"][0]["findings"] if f["rule_id"] == "custom.court-rate")
    assert rule["status"] == "pass" and rule["evidence"][0]["location"]["line"] == 69


def test_terminal_report_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-color", "--width", "120", str(SAMPLES / "late-2022.txt")]) == 1
    out = capsys.readouterr().out
    assert "云麓区人民政府关于2022年度法治政府建设情况的报告" in out
    assert "未通过" in out and "4:24" in out and "逾期 15 天" in out
    assert "依据" in out and "建议" in out and "扣 " in out


def test_terminal_report_in_english_has_no_chinese_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en", "--no-color", "--width", "120", str(SAMPLES / "late-2022.txt")]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "15 days late" in out and "Basis" in out
    # Chinese may appear only inside quotes of the report itself, titles and names, never as labels
    labels = [line.split()[0] for line in out.splitlines() if line.strip() and line[:1] in "│ " and len(line.split()) > 1]
    assert not [label for label in labels if re.fullmatch(r"[\u4e00-\u9fff]+", label)]


def test_verbose_lists_what_satisfied_each_requirement(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--verbose", "--no-color", "--width", "120", str(SEED)])
    out = capsys.readouterr().out
    assert "已满足的要求" in out and "57:1" in out and "二、存在的不足和原因" in out


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    assert main(["check", "--format", "json", "--output", str(target), str(SEED)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["year"] == 2021


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "SUMMARY.md"), ("html", "index.html")])
def test_an_output_written_into_the_folder_checked_is_not_checked_the_next_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str) -> None:
    """A CI job writes its summary next to the reports; its second run must not check (and fail on) it."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_bytes(SEED.read_bytes())
    (reports / "b.md").write_bytes((SAMPLES / "complete-2023.md").read_bytes())
    target = reports / name
    for _ in range(2):
        assert main(["check", "--format", fmt, "--output", str(target), str(reports)]) == 0
        assert "a.txt" in target.read_text(encoding="utf-8") and name not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "said"), [("zh", "会被覆盖"), ("en", "would be overwritten")])
def test_output_naming_a_report_checked_is_refused_before_it_is_overwritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(SEED.read_bytes())
    assert main(["check", "--lang", lang, "--format", "json", "--output", str(report), str(report)]) == 2
    assert report.read_bytes() == SEED.read_bytes()  # the author's report is still there
    err = capsys.readouterr().err
    assert said in err and str(report) in err


@pytest.mark.parametrize(("where", "zh", "en"), [
    ("no-such-folder/out.json", "所在的文件夹不存在", "its folder does not exist"),
    (".", "是文件夹", "is a folder"),
], ids=["missing-folder", "a-folder"])
def test_an_output_that_cannot_be_written_is_explained_in_the_users_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, zh: str, en: str) -> None:
    target = tmp_path / where
    for lang, said in (("zh", zh), ("en", en)):
        assert main(["check", "--lang", lang, "--format", "json", "--output", str(target), str(SEED)]) == 2
        err = capsys.readouterr().err
        assert said in err and str(target) in err and "Errno" not in err


def test_baseline_and_output_naming_one_file_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ci.json"
    assert main(["check", "--baseline", str(target), "-f", "json", "-o", str(tmp_path / "." / "ci.json"), str(SEED)]) == 2
    assert "--baseline 和 --output 是同一个文件" in capsys.readouterr().err
    assert not target.exists()


def test_parse_names_a_file_a_reader_fails_on_and_shows_the_others(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from compliance import readers

    def broken_reader(path: Path, data: bytes) -> None:
        raise AssertionError("unknown status keyword 'foo' in marked section")  # as html.parser once did

    monkeypatch.setitem(readers.READERS, ".html", broken_reader)
    page = tmp_path / "odd.html"
    page.write_text("<p>某县2023年度法治政府建设情况报告</p>", encoding="utf-8")
    assert main(["parse", "--format", "json", str(page), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert [d["title"] for d in json.loads(captured.out)["documents"]] == ["南昌市西湖区2021年度法治政府建设情况报告"]
    assert "内部错误" in captured.err and "AssertionError" in captured.err and "Traceback" not in captured.err


def test_parse_of_a_folder_with_no_report_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path)]) == 2
    assert f"没有找到可检查的文件：{tmp_path}" in capsys.readouterr().err


def test_parse_shows_tree_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--no-color", "--width", "140", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "2022年工作安排" in out and "A25110--2022-0003" in out and "缺少分隔符" in out
    assert main(["parse", "--format", "json", str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)["documents"][0]
    assert data["sections"][3]["heading"] == "2022年工作安排"
    assert any(q["raw"] == "108次" for q in data["quantities"])


def test_parse_reads_standard_input_as_check_does(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # `pandoc 报告.docx -t plain | compliance parse -`: what did the tool read of it?
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8"))
    assert main(["parse", "--format", "json", "-", str(SAMPLES / "complete-2023.md")]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert len(documents) == 2
    assert documents[0]["path"] == "<stdin>" and documents[0]["title"] == "南昌市西湖区2021年度法治政府建设情况报告"


def test_every_sample_json_validates_against_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] + [str(SAMPLES / "complete-2023.md")]
    main(["check", "--format", "json", *paths])
    assert [d["path"] for d in _json(capsys)["documents"]] == paths


def test_previous_year_report_gives_trend_and_checks_claims(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SEED.read_text(encoding="utf-8")
    current = tmp_path / "xihu-2022.txt"
    current.write_text(
        text.replace("2021年度法治政府建设", "2022年度法治政府建设").replace("2022-03-11", "2023-03-10")
        .replace("区本级受理行政复议案件39件", "区本级受理行政复议案件45件，同比增长30%")
        .replace("抽查全区2020年、2021年上半年行政许可、行政处罚案卷125份", "抽查行政许可、行政处罚案卷150份"),
        encoding="utf-8")
    assert main(["check", "--format", "json", "--previous", str(SEED), str(current)]) in (0, 1)
    document = _json(capsys)["documents"][0]
    assert document["indicators"]["reconsideration_received"]["previous"] == 39
    assert document["indicators"]["reconsideration_received"]["value"] == 45
    assert document["indicators"]["enforcement_files_reviewed"]["previous"] == 125
    claim = next(f for f in document["findings"] if f["rule_id"] == "indicators.yoy_claims")
    assert claim["status"] == "fail" and "+15.4%" in claim["evidence"][0]["detail"]
    main(["check", "--no-color", "--width", "140", "--previous", str(SEED), str(current)])
    out = capsys.readouterr().out
    assert "上年" in out and "同比增长30%" in out


def test_unreadable_previous_report_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--previous", str(tmp_path / "missing.txt"), str(SEED)]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_previous_folder_pairs_each_report_with_its_own_issuer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    earlier = tmp_path / "2021"
    earlier.mkdir()
    (earlier / "xihu.txt").write_bytes(SEED.read_bytes())
    (earlier / "department.txt").write_bytes((SAMPLES / "department-2022.txt").read_bytes())
    text = SEED.read_text(encoding="utf-8")
    current = tmp_path / "xihu-2022.txt"
    current.write_text(text.replace("2021年度法治政府建设", "2022年度法治政府建设").replace("2022-03-11", "2023-03-10")
                       .replace("区本级受理行政复议案件39件", "区本级受理行政复议案件45件"), encoding="utf-8")
    other = tmp_path / "late-2022.txt"
    other.write_bytes((SAMPLES / "late-2022.txt").read_bytes())
    main(["check", "--format", "json", "--previous", str(earlier), str(current), str(other)])
    documents = _json(capsys)["documents"]
    assert documents[0]["indicators"]["reconsideration_received"]["previous"] == 39
    assert "previous" not in documents[1]["indicators"]["reconsideration_received"]  # no 云麓区 report last year
