"""Every export and CI format over a real batch: a folder of sample reports with one broken file."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import ROOT, SAMPLES
from jsonschema import Draft7Validator

from compliance.ci import annotation
from compliance.cli import main
from compliance.formatters import FORMATTERS

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NAMES = ["a-xihu.txt", "b-late.txt", "c-broken.txt", "d-wrong-type.txt"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three real reports and a binary file posing as a report."""
    folder = tmp_path_factory.mktemp("submissions")
    shutil.copy(SAMPLES / "xihu-2021.txt", folder / NAMES[0])
    shutil.copy(SAMPLES / "late-2022.txt", folder / NAMES[1])
    (folder / NAMES[2]).write_bytes(b"PK\x03\x04\x00\x00binary\x00\x00" * 40)
    shutil.copy(SAMPLES / "wrong-type-2022.txt", folder / NAMES[3])
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--jobs", "1", *args])
    return code, capsys.readouterr().out


def test_every_format_is_registered_for_the_cli() -> None:
    assert {"table", "json", "sarif", "junit", "github", "csv", "xlsx", "html", "markdown"} <= set(FORMATTERS)
    assert main(["check", "--format", "nonsense", "x.txt"]) == 2


@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "junit", "github", "csv", "html", "markdown"])
def test_a_broken_file_exits_two_and_every_other_document_is_still_there(
        batch: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out = _run(capsys, "--format", fmt, "--width", "200", "--no-color", str(batch))
    assert code == 2
    assert "云麓区人民政府关于2022年度法治政府建设情况的报告" in out or "b-late.txt" in out
    for name in NAMES:
        assert name in out, f"{fmt} lost {name}"


def test_sarif_validates_against_the_official_schema(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "sarif", str(batch))
    log = json.loads(out)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft7Validator(SARIF_SCHEMA).iter_errors(log)]
    assert not errors, errors[:5]
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "timeliness.deadline" in rules and rules["timeliness.deadline"]["help"]["text"]
    late = next(r for r in run["results"] if r["ruleId"] == "timeliness.deadline")
    region = late["locations"][0]["physicalLocation"]["region"]
    assert late["level"] == "error" and region["startLine"] == 4 and region["startColumn"] == 24
    assert late["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b-late.txt")
    assert rules[late["ruleId"]] is run["tool"]["driver"]["rules"][late["ruleIndex"]]
    broken = run["invocations"][0]["toolExecutionNotifications"]
    assert len(broken) == 1 and broken[0]["descriptor"]["id"] == "binary"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_junit_has_a_suite_per_document_and_a_case_per_rule(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "junit", str(batch))
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [Path(s.get("name", "")).name for s in suites] == NAMES
    _, json_out = _run(capsys, "--format", "json", str(batch))
    documents = json.loads(json_out)["documents"]
    for suite, document in zip(suites, documents):
        cases = suite.findall("testcase")
        if document["error"]:
            assert suite.find("testcase/error") is not None
            continue
        assert [c.get("name", "").split()[0] for c in cases] == [f["rule_id"] for f in document["findings"]]
        assert int(suite.get("tests", "0")) == len(cases)
        assert int(suite.get("failures", "0")) == len(suite.findall("testcase/failure"))
    late = next(s for s in suites if s.get("name", "").endswith("b-late.txt"))
    failure = late.find("testcase[@name='timeliness.deadline 每年4月1日之前向社会公开']/failure")
    assert failure is not None and "b-late.txt:4:24" in (failure.text or "")
    # an info-level finding does not fail the build: it goes to system-out
    xihu = suites[0]
    topic = xihu.find("testcase[@classname='compliance.metadata'][system-out]")
    assert topic is not None and topic.find("failure") is None


def test_junit_stays_well_formed_xml_when_a_report_holds_control_characters(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text copied out of Word keeps its manual line breaks (\v) and page breaks (\f): XML 1.0 forbids them."""
    lines = (SAMPLES / "late-2022.txt").read_text(encoding="utf-8").split("\n")
    lines[20:20] = ["联系人：某某\v联系电话：待补充。\f"]
    report = tmp_path / "copied-from-word.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    _, out = _run(capsys, "--format", "junit", str(report))
    suite = ET.fromstring(out).find("testsuite")  # the CI's JUnit reader must be able to read it
    assert suite is not None
    failure = suite.find("testcase[@name='quality.placeholders 不得保留模板占位符']/failure")
    assert failure is not None and "某某" in (failure.text or "") and "待补充" in (failure.text or "")


def test_github_annotations_carry_file_and_line(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "github", str(batch))
    late = next(line for line in out.splitlines() if "timeliness.deadline" in line)
    assert re.match(r"::error file=[^,]*b-late\.txt,line=4,col=24,title=", late)
    broken = next(line for line in out.splitlines() if "c-broken.txt" in line)
    assert broken.startswith("::error file=")


def test_github_escaping_follows_the_actions_rules() -> None:
    line = annotation("warning", "50% done\nnext: line", file="a,b:c.txt", line=3, title="t: x, y")
    assert line == "::warning file=a%2Cb%3Ac.txt,line=3,title=t%3A x%2C y::50%25 done%0Anext: line"


def test_github_verdict_lines_cannot_be_taken_for_workflow_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A pull request may add a report under any name: its verdict line must not issue a command of its own."""
    for name in ("::notice::forged.txt", "n\n::warning::forged.txt"):
        shutil.copy(SAMPLES / "late-2022.txt", tmp_path / name)
    monkeypatch.chdir(tmp_path)
    _, out = _run(capsys, "--format", "github", ".")
    commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
    assert commands and all(re.match(r"::(error|warning|notice) file=", line) for line in commands)
    verdicts = [line for line in out.splitlines() if not line.lstrip().startswith("::")]
    assert len(verdicts) == 2 and all("88.0" in line and "forged.txt" in line for line in verdicts)


def test_csv_opens_in_excel_with_a_bom_and_one_row_per_document(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "csv", str(batch))
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert [Path(r["文件"]).name for r in rows] == NAMES
    late = rows[1]
    assert late["通过"] == "否" and "逾期 15 天" in late["逾期"] and "timeliness.deadline" in late["未满足的规则"]
    assert rows[2]["读取错误"] and rows[2]["得分"] == ""
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in rows[3]["缺少的部分"]


def test_xlsx_has_sheets_frozen_header_filter_and_status_colours(batch: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "batch.xlsx"
    assert main(["check", "--jobs", "1", "--format", "xlsx", "--output", str(target), str(batch)]) == 2
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "问题明细", "跟进事项"]
    summary, findings = book["汇总"], book["问题明细"]
    for sheet in (summary, findings, book["跟进事项"]):
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert [Path(summary.cell(row=r, column=1).value).name for r in range(2, 6)] == NAMES
    statuses = {row[6].value: row[6].fill.fgColor.rgb for row in findings.iter_rows(min_row=2)}
    assert {"满足", "未满足"} <= set(statuses) and statuses["满足"] != statuses["未满足"]
    rules = [row[2].value for row in findings.iter_rows(min_row=2) if str(row[0].value).endswith("b-late.txt")]
    assert "timeliness.deadline" in rules and len(rules) == len(set(rules))


def test_xlsx_to_a_terminal_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "xlsx", str(SAMPLES / "xihu-2021.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--output" in captured.err


def test_html_is_self_contained_and_holds_every_document(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "html", str(batch))
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", out)
    assert "<svg" in out and "sortable" in out
    assert out.count('<details class="doc"') == 4
    assert "逾期 15 天" in out and "4:24" in out  # evidence with its place
    _, english = _run(capsys, "--format", "html", "--lang", "en", str(batch))
    assert 'lang="en"' in english and "Ranking" in english and ">排名<" not in english


def test_markdown_comment_ranks_and_lists_findings(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _run(capsys, "--format", "markdown", str(batch))
    assert out.startswith("## ❌")
    table = [line for line in out.splitlines() if line.startswith("| 1 |")]
    assert table and "南昌市西湖区" in table[0]
    assert "`timeliness.deadline` `4:24`" in out and "<details>" in out


def test_batch_table_shows_the_supervisor_summary(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "--no-color", "--width", "200", str(batch))
    assert code == 2
    assert "排名" in out and "最常见的问题" in out and "各类别平均分" in out
    assert "逾期发布（1 份）" in out and "未通过的报告（2 份）" in out and "无法读取的文件（1 个）" in out
    assert "需要处理的问题" not in out  # the full reports only with --verbose
    _, verbose = _run(capsys, "--no-color", "--width", "200", "--verbose", str(batch))
    assert verbose.count("需要处理的问题") == 3 and "排名" in verbose


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fast_json_encoding_is_byte_for_byte_the_json_contract(lang: str, tmp_path: Path) -> None:
    """Worker processes send `encode_document`; it must write exactly what `document_dict` says."""
    from datetime import date

    from compliance.baseline import Baseline
    from compliance.batch import Input, check_one
    from compliance.formatters import document_dict, encode_document
    from compliance.model import Waiver
    from compliance.pipeline import Settings

    waiver = Waiver(rule="parts.shortcomings*", reason="已另行报送", granted_by="市司法局", expires=date(2099, 1, 1))
    settings = Settings(waivers=(waiver,))
    paths = [*sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*.md")), tmp_path / "missing.txt"]
    results = [check_one(Input(path=str(path)), settings) for path in paths]
    marked = list(Baseline.open(tmp_path / "baseline.json").mark(results))  # recording: all known
    statuses = {f.status.value for r in results if not hasattr(r, "code") for f in r.findings}
    assert {"pass", "fail", "waived"} <= statuses  # the comparison covers every kind of finding
    assert any(f.baseline == "known" for r in marked if not hasattr(r, "code") for f in r.findings)
    for result in [*results, *marked]:
        assert encode_document(result, lang) == json.dumps(document_dict(result, lang), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fast_json_encoding_writes_unusual_values_as_json_does(lang: str) -> None:
    """Evidence is written without json's encoder; values a kind seldom yields must still come out as json writes them."""
    import dataclasses

    from compliance.batch import Input, check_one
    from compliance.formatters import document_dict, encode_document
    from compliance.model import Hit, Location, Text
    from compliance.pipeline import Settings

    report = check_one(Input(path=str(SAMPLES / "xihu-2021.txt")), Settings())
    detail = Text(zh="引号\"与\\斜杠\n换行", en="quote \" and \\ slash\n")
    odd = (
        Hit(detail=detail, location=None, credit=None, evidence=None),
        Hit(detail=detail, location=Location(line=2, end_column=7), credit=float("nan"), evidence="\u2028"),
        Hit(detail=detail, location=Location(line=True, column=3, end_line=4), credit=True),  # type: ignore[arg-type]
        Hit(detail=detail, location=Location(line=1, column=2, end_line=1, end_column=9), credit=1, evidence="…"),
        Hit(detail=detail, location=Location(line=1, column=2.0), credit=float("inf")),  # type: ignore[arg-type]
    )
    findings = (dataclasses.replace(report.findings[0], hits=odd), *report.findings[1:])
    result = dataclasses.replace(report, findings=findings)
    assert encode_document(result, lang) == json.dumps(document_dict(result, lang), ensure_ascii=False)


def test_the_batch_table_ends_with_its_totals_waivers_included(
        batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "compliance.yaml"
    config.write_text("waivers:\n  - rule: timeliness.deadline\n    reason: 经批准延期发布\n"
                      "    granted_by: 市司法局\n    expires: 2099-12-31\n", encoding="utf-8")
    code = main(["check", "--jobs", "1", "--width", "200", "--no-color", "--config", str(config), str(batch)])
    captured = capsys.readouterr()
    assert code == 2  # the broken file
    assert "内部错误" not in captured.err + captured.out
    assert "共 4 份：通过 2，未通过 1，无法读取 1，豁免 1 项" in captured.out


def test_a_folder_with_no_report_still_writes_the_file_the_ci_uploads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The upload step after `check -f sarif -o …` failed on a missing file, hiding why nothing was checked."""
    empty, log_path = tmp_path / "reports", tmp_path / "compliance.sarif"
    empty.mkdir()
    assert main(["check", "--format", "sarif", "--output", str(log_path), str(empty)]) == 2
    log = json.loads(log_path.read_text(encoding="utf-8"))
    assert not list(Draft7Validator(SARIF_SCHEMA).iter_errors(log))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == f"没有找到可检查的文件：{empty}"
    assert main(["check", "--format", "json", str(empty)]) == 2
    assert json.loads(capsys.readouterr().out)["documents"][0]["error"]["code"] == "no_inputs"


def test_the_pre_commit_hook_takes_every_format_the_tool_reads() -> None:
    import re as re_

    import yaml

    from compliance.readers import READERS

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["types"] == ["file"]  # "text" would leave out .docx, .doc and .pdf
    assert {suffix for suffix in READERS if re_.search(hook["files"], f"reports/2023{suffix}")} == set(READERS)
    # The tool reads a suffix in any case; before, the hook let 报告.PDF or REPORT.DOC pass unchecked.
    assert {suffix for suffix in READERS if re_.search(hook["files"], f"reports/2023{suffix.upper()}")} == set(READERS)


def test_the_html_report_shows_what_reading_noticed(tmp_path: Path) -> None:
    """A supervisor reads the HTML report, not the terminal: the note on a .doc that was a web page is there too."""
    (tmp_path / "report.doc").write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    assert main(["check", "--format", "html", "--output", str(tmp_path / "out.html"), str(tmp_path / "report.doc")]) == 0
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<dt>读取提示</dt>" in page and "后缀是 .doc，内容其实是网页（HTML），已按网页读取" in page


def test_spreadsheets_carry_the_reading_notes_and_every_category(tmp_path: Path) -> None:
    import csv

    import openpyxl

    (tmp_path / "report.doc").write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    note = "后缀是 .doc，内容其实是网页（HTML），已按网页读取"
    assert main(["check", "--format", "csv", "--output", str(tmp_path / "out.csv"), str(tmp_path / "report.doc")]) == 0
    header, first = list(csv.reader((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()))[:2]
    assert note in first[header.index("读取提示")]
    assert main(["check", "--format", "xlsx", "--output", str(tmp_path / "out.xlsx"), str(tmp_path / "report.doc")]) == 0
    summary = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    header_cells, first_cells = list(summary.iter_rows(values_only=True))[:2]
    # Before, a column without a width lost its header: the last category's title was missing.
    assert header_cells[-5:] == ("内容结构", "公开信息", "时限与年度", "指标数据", "文本质量")
    assert note in first_cells[header_cells.index("读取提示")]


def test_markdown_comment_carries_the_reading_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "report.doc").write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    _, out = _run(capsys, "--format", "markdown", str(tmp_path / "report.doc"))
    assert "> ⚠️ 读取提示：" in out and "后缀是 .doc，内容其实是网页（HTML），已按网页读取" in out
    _, english = _run(capsys, "--format", "markdown", "--lang", "en", str(tmp_path / "report.doc"))
    assert "> ⚠️ Reading note: " in english and "named .doc but really a web page (HTML); read as such" in english


def test_markdown_comment_fits_githubs_limit_failing_documents_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub refuses a comment over 65,536 characters: a large batch's comment is cut, whole documents at
    a time, the failing ones first, and says what it left out. The limit is lowered to keep the batch small."""
    from compliance import exports

    for number in range(12):
        (tmp_path / f"a-passing-{number:02}.txt").write_bytes((SAMPLES / "xihu-2021.txt").read_bytes())
    for number in range(12):
        (tmp_path / f"b-late-{number:02}.txt").write_bytes((SAMPLES / "late-2022.txt").read_bytes())
    monkeypatch.setattr(exports, "COMMENT_LIMIT", 9000)  # room for the follow-up lists and a few documents
    _, out = _run(capsys, "--format", "markdown", "--jobs", "1", str(tmp_path))
    assert len(out) <= 9000
    assert out.count("<details>") == out.count("</details>") >= 1  # blocks whole or not at all
    shown = re.findall(r"<details><summary>(✅|❌)", out)
    assert shown[0] == "❌" and shown.count("❌") >= shown.count("✅")
    assert "评论已达 GitHub 的长度上限（9000 个字符）" in out and "完整结果请用 --format html 或 json 输出" in out
    monkeypatch.setattr(exports, "COMMENT_LIMIT", 65_536)
    _, whole = _run(capsys, "--format", "markdown", "--jobs", "1", str(tmp_path))
    assert whole.count("<details>") == 24 and "长度上限" not in whole
