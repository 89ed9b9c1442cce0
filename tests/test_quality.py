"""The quality checks as an official meets them: the seed, clean samples, personal data, last year's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED
from test_cli import REPORT_SCHEMA

from compliance import check_text
from compliance.cli import main
from compliance.engine import check
from compliance.identifiers import credit_code_valid, id_number_valid, mask_identifiers
from compliance.model import Report, Severity, Status
from compliance.readers import read_document
from compliance.ruleset import load_ruleset
from compliance.structure import build

NATIONAL = load_ruleset("national")
CLEAN = ["complete-2023.md", "department-2022.txt", "embedded-frp-2023.txt", "late-2022.txt",
         "missing-shortcomings-2022.txt"]

ID_NUMBER = "11010519491231002X"  # GB 11643-1999's own example: check digit X
DIGITS_ID = "360102199003071236"  # all digits: quantities.py reads it as a bare number
MOBILE = "13912345678"
PERSONAL_CODE = "92360102MA38K2LP0L"  # 92: 个体工商户


def _report(path: Path) -> Report:
    return check(build(read_document(path)), NATIONAL)


def _lines(report: Report, rule_id: str) -> list[int]:
    finding = next(f for f in report.findings if f.rule_id == rule_id)
    return [hit.location.line for hit in finding.hits if hit.location and hit.credit is not None and hit.credit < 1]


def test_seed_damage_is_found_with_line_numbers_and_costs_little() -> None:
    report = _report(SEED)
    assert _lines(report, "quality.numbering") == [19, 21, 23, 35, 37, 39]
    assert 21 in _lines(report, "quality.missing_numeral")  # 企业设立可在个工作日办结
    assert {21, 23} <= set(_lines(report, "quality.missing_unit"))  # 清单581大力推进, 赔偿2在全市
    assert 19 in _lines(report, "quality.paired_punctuation")  # 365“不打政务延时错时
    quality = [f for f in report.findings if f.category == "quality" and f.failed]
    assert quality and all(f.severity is not Severity.ERROR for f in quality)
    assert report.passed
    assert sum(report.score.points_lost.get(f.rule_id, 0) for f in quality) < 8


@pytest.mark.parametrize("name", CLEAN)
def test_clean_samples_raise_no_quality_finding(name: str) -> None:
    report = _report(SAMPLES / name)
    failed = [f for f in report.findings if f.category == "quality" and f.failed]
    noisy = [(f.rule_id, [h.detail.zh for h in f.hits]) for f in failed]
    assert noisy == []


def test_identifier_checksums() -> None:
    assert id_number_valid(ID_NUMBER)
    assert not id_number_valid("110105194912310021")  # wrong check digit
    assert not id_number_valid("110105194913310028")  # no 13th month
    assert credit_code_valid(PERSONAL_CODE)
    assert credit_code_valid("11430199MB1H27593X")
    assert not credit_code_valid("11430199MB1H27593Q")


def test_masking_keeps_columns() -> None:
    line = f"当事人王某（身份证号{ID_NUMBER}，电话{MOBILE}）"
    masked = mask_identifiers(line)
    assert len(masked) == len(line)
    assert "1101**********002X" in masked and "139****5678" in masked
    assert ID_NUMBER not in masked and MOBILE not in masked


PRIVATE_REPORT = f"""\
某县市场监督管理局2022年度法治政府建设情况报告
一、主要举措和成效
全年立案查处各类违法案件392件，结案381件。个体工商户张某（统一社会信用代码{PERSONAL_CODE}）未按规定公示年报，已责令改正。
查处无证经营案件，当事人王某（身份证号{ID_NUMBER}，联系电话{MOBILE}）经营的小卖部被依法责令停业整顿，罚款XX元。
举报人李某身份证{DIGITS_ID}在窗口登记，已依法保密。
二、存在的问题和不足
执法力量与监管任务不相匹配。究其原因，主要是编制偏少。
三、2023年工作思路
一是深入学习贯彻习近平法治思想，推进严格规范公正文明执法。
"""


def test_personal_data_is_an_error_and_never_printed_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(PRIVATE_REPORT, encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    output = capsys.readouterr().out
    assert not list(REPORT_SCHEMA.iter_errors(json.loads(output)))
    document = json.loads(output)["documents"][0]
    finding = next(f for f in document["findings"] if f["rule_id"] == "quality.personal_data")
    assert finding["severity"] == "error" and finding["status"] == "fail"
    assert [e["location"]["line"] for e in finding["evidence"]] == [3, 4, 4, 5]
    assert "1101**********002X" in output and "139****5678" in output and "9236**********LP0L" in output
    # the placeholder rule quotes line 4 too: the numbers must be masked there as well
    for number in (ID_NUMBER, DIGITS_ID, MOBILE, PERSONAL_CODE):
        assert number not in output
    assert main(["check", "--width", "200", "--no-color", str(path)]) == 1
    terminal = capsys.readouterr().out
    assert "1101**********002X" in terminal
    assert all(number not in terminal for number in (ID_NUMBER, DIGITS_ID, MOBILE, PERSONAL_CODE))


def test_parse_masks_personal_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(PRIVATE_REPORT, encoding="utf-8")
    for form in ("table", "json"):
        assert main(["parse", "--format", form, "--width", "200", str(path)]) == 0
        output = capsys.readouterr().out
        assert "360102" not in output  # not even as a number's value
        assert all(number not in output for number in (ID_NUMBER, DIGITS_ID, MOBILE, PERSONAL_CODE))


def test_national_placeholders_catch_redactions_and_blanks() -> None:
    report = check_text("某县2022年度法治政府建设情况报告\n一、主要举措和成效\n"
                        "全年受理行政复议案件（ ）件，xx县司法局配合开展（内容略）。紧紧围绕发展战略推进依法行政。\n")
    finding = next(f for f in report.findings if f.rule_id == "quality.placeholders")
    assert [hit.detail.zh for hit in finding.hits] == ["出现“（ ）”", "出现“xx”", "出现“（内容略）”"]


def test_personal_data_hits_hold_only_masked_numbers() -> None:
    report = check_text(PRIVATE_REPORT)
    finding = next(f for f in report.findings if f.rule_id == "quality.personal_data")
    for hit in finding.hits:
        stored = json.dumps([hit.detail.zh, hit.detail.en, hit.evidence, dict(hit.data)], ensure_ascii=False)
        assert all(number not in stored for number in (ID_NUMBER, DIGITS_ID, MOBILE, PERSONAL_CODE))


def test_previous_report_copied_plan_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this_year = (SAMPLES / "late-2022.txt").read_text(encoding="utf-8")
    this_year = this_year.replace("2022年度", "2023年度").replace("2023年度法治政府建设工作安排", "2024年度法治政府建设工作安排")
    current = tmp_path / "late-2023.txt"
    current.write_text(this_year, encoding="utf-8")
    # copying is a warning: the report still passes its gate
    assert main(["check", "--format", "json", "--previous", str(SAMPLES / "late-2022.txt"), str(current)]) == 0
    document = json.loads(capsys.readouterr().out)["documents"][0]
    finding = next(f for f in document["findings"] if f["rule_id"] == "quality.copied_text")
    lines = [e["location"]["line"] for e in finding["evidence"] if e["credit"] == 0]
    assert lines == [67, 69, 73, 75, 77, 79, 81, 83]  # shortcomings and plan; part 1 is not compared
    assert "late-2022.txt" in finding["evidence"][0]["detail"]


def test_without_previous_copied_text_does_not_apply() -> None:
    report = _report(SEED)
    finding = next(f for f in report.findings if f.rule_id == "quality.copied_text")
    assert finding.status is Status.NOT_APPLICABLE


def test_unreadable_previous_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--previous", str(tmp_path / "missing.txt"), str(SEED)]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_findings_speak_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en", "--width", "200", "--no-color", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "item number 2 lost its “、”" in out
    assert "the number 581 lost its unit and full stop" in out


def test_a_library_callers_line_with_a_break_inside_is_checked_once_and_does_not_crash() -> None:
    """Readers split on line breaks, but `build(Source(...))` is public: a line may still hold one."""
    from compliance.engine import check
    from compliance.model import Source
    from compliance.profiles import bundled
    from compliance.structure import build

    paragraph = "我们持续推进行政执法三项制度，严格落实重大执法决定法制审核，全面提升执法规范化水平，并且接受社会监督"
    lines = ("某区人民政府2022年度法治政府建设情况报告", "一、主要举措\n和成效", paragraph + "\n" + paragraph,
             "联系人张三，电话13812345678。")
    report = check(build(Source(path="<api>", format="txt", encoding="utf-8", lines=lines)), bundled("government"))
    by_rule = {finding.rule_id: finding for finding in report.findings}
    personal = [hit.location.line for hit in by_rule["quality.personal_data"].hits if hit.credit == 0]
    assert personal == [4]
    open_ended = [hit.location.line for hit in by_rule["quality.sentence_end"].hits if hit.credit == 0]
    assert open_ended == [3]
