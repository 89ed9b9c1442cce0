"""PDF: a report LibreOffice made into a PDF reads as the report it was made from.

tests/data/pdf/ holds LibreOffice 7.4's PDFs of the sources beside them, made as offices make them:
    soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to pdf report-from-text.txt
    soffice --headless --convert-to pdf report-libreoffice.fodt
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED

from compliance import check_file
from compliance.readers import pdf, read_document
from compliance.structure import build

PDFS = Path(__file__).resolve().parent / "data" / "pdf"


def _typed(path: Path) -> list[str]:
    """The text file's paragraphs, each run of spaces one space (a PDF draws typed spaces, not how many)."""
    return [re.sub(r"\s+", " ", line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _result(path: Path) -> dict[str, object]:
    report = check_file(path)
    document = report.document
    return {
        "title": document.title, "year": document.year, "published": document.published,
        "metadata": {key: field.value for key, field in document.metadata.items()},
        "findings": {finding.rule_id: finding.status for finding in report.findings},
        "figures": sorted((quantity.value, quantity.unit) for quantity in document.quantities),
    }


def test_a_text_file_saved_as_pdf_reads_as_the_text() -> None:
    # LibreOffice draws a line's quotes and spaces first, then its Chinese characters in one piece stepping over
    # them; the lines of each paragraph stop short wherever a word does not fit, none of them indented.
    lines = read_document(PDFS / "report-from-text.pdf").lines
    assert list(lines) == _typed(PDFS / "report-from-text.txt")
    assert "持续深化“放管服”改革" in lines[3] and "推行“一网通办”“一次办好”，" in lines[5]


def test_a_text_file_saved_as_pdf_is_checked_as_the_text() -> None:
    assert _result(PDFS / "report-from-text.pdf") == _result(PDFS / "report-from-text.txt")


@pytest.mark.parametrize("changed", [ImportError("cannot import name 'recurse_to_target_op'"),
                                     ValueError("not enough values to unpack (expected 2, got 3)")],
                         ids=["moved", "returns-otherwise"])
def test_a_pdf_reads_from_its_layout_text_where_pypdf_has_its_engine_otherwise(
        monkeypatch: pytest.MonkeyPatch, changed: Exception) -> None:
    """A pypdf release may move its layout engine or change what it returns: the report is still read, never
    refused as a damaged PDF."""
    def moved(page: object) -> list[object]:
        raise changed

    monkeypatch.setattr(pdf, "_drawn_runs", moved)
    seed = build(read_document(SEED))
    body = [line.strip() for _, line in seed.numbered_lines() if line.strip()]
    assert list(read_document(SAMPLES / "xihu-2021.pdf").lines[5:]) == body


LAID_OUT = [  # report-libreoffice.fodt as typed, a table row a line with its cells two spaces apart
    "青岚区人民政府关于2023年度法治政府建设情况的报告",
    "2023年，区政府深入学习贯彻习近平法治思想，持续深化“放管服”改革，推动法治政府建设取得新进展。现将有关情况报告如下：",
    "一、主要举措和成效",
    ("（一）依法全面履行政府职能。全面推行“一网通办”“一次办好”，政务服务事项网上可办率达到98.6%。全年组织“双随机、一公开”"
     "联合抽查126次，“首违不罚”事项清单增至158项。"),
    ("（二）严格规范公正文明执法。开展行政执法案卷评查，抽查案卷420份，评出优秀案卷58份。全年新申领行政执法证件96人，"
     "组织执法人员培训8期。"),
    ("（三）强化行政权力制约监督。全年区政府受理行政复议案件36件，审结35件，直接纠错6件；行政机关负责人出庭应诉案件32件，"
     "出庭应诉率100%。主要数据见下表。"),
    "指标  2023年  2022年  备注",
    "行政复议案件受理数  36件  32件  同比增长12.5%",
    "行政复议案件审结数  35件  30件",
    "行政机关负责人出庭应诉率  100%  96%  出庭32件，应诉32件",
    "规范性文件合法性审核  137件  121件  提出审查意见286条",
    "法律顾问提供法律服务  165次  142次",
    "二、存在的不足和原因",
    ("一是部分行政机关工作人员运用法治思维和法治方式解决问题的能力不足；二是基层综合行政执法力量薄弱。究其原因，"
     "主要是对法治政府建设的重要性认识不够到位，执法人员培训机制不够健全。"),
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "区长带头履行推进法治建设第一责任人职责，全年主持区政府常务会议专题学法10次，带头出庭应诉行政诉讼案件2件。",
    "四、2024年工作安排",
    "全面贯彻实施新修订的《行政复议法》，持续深化“放管服”改革，推动法治政府建设再上新台阶。",
]


def test_a_report_laid_out_for_print_reads_as_typed() -> None:
    # The gazette's name over each page and "第 1 页 共 2 页" under it are left out; the title wrapped in two
    # centered lines is one; the table's header row, repeated on the next page, is read once, the row broken
    # across the page is one row, and the cells wrapped in their column ("出庭32件，" / "应诉32件") are whole.
    assert list(read_document(PDFS / "report-libreoffice.pdf").lines) == LAID_OUT


def test_the_paragraph_opening_the_page_after_a_table_is_not_read_into_its_last_row() -> None:
    # table-at-page-end.pdf (ReportLab, STSong-Light): a table of 序号 and 事项 ends page 1; page 2 opens with a
    # paragraph indented into the 事项 column, running on to the right margin, far past the row's cell.
    lines = read_document(PDFS / "table-at-page-end.pdf").lines
    assert lines[6:8] == ("2  规范性文件合法性审核137件",
                          "全年办理行政应诉案件87件，行政机关负责人出庭应诉率100%，败诉率为零。全年组织“双随机、一公开”联合抽查126次。")


def test_running_headers_and_page_numbers_are_no_title_heading_or_text() -> None:
    document = check_file(PDFS / "report-libreoffice.pdf").document
    assert (document.title, document.year) == ("青岚区人民政府关于2023年度法治政府建设情况的报告", 2023)
    assert [section.heading for section in document.sections] == [
        "主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况", "2024年工作安排"]
    assert not [line for line in document.lines if "公报" in line or "第 1 页" in line or "2024年第2期" in line]
