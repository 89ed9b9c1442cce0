"""What a supervisor must follow up in a batch, in every view: who failed, who was late, which files could
not be read (and why), which report was sent twice, which is on another year, which was read with a note."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from helpers import SAMPLES

from compliance.cli import main


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year's submissions: two 2023 reports, one of them sent again under another name, last year's
    report sent by mistake, an empty file and a report named .mht that is really a .doc."""
    folder = tmp_path_factory.mktemp("submissions")
    shutil.copy(SAMPLES / "complete-2023.md", folder / "望川街道.md")
    shutil.copy(SAMPLES / "complete-2023.md", folder / "望川街道 报告（终稿）.md")
    shutil.copy(SAMPLES / "embedded-frp-2023.txt", folder / "荆陵市.txt")
    shutil.copy(SAMPLES / "missing-shortcomings-2022.txt", folder / "檀溪县.txt")
    shutil.copy(SAMPLES / "xihu-2021.doc", folder / "西湖区.mht")
    (folder / "空白报告.docx").write_bytes(b"")
    return folder


def _table(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> str:
    main(["check", "--jobs", "1", "--no-color", "--width", "240", *args, str(folder)])
    return capsys.readouterr().out


def _section(out: str, heading: str) -> list[str]:
    """The lines of the follow-up list that opens with `heading`."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start + 1:end]


def test_an_unreadable_file_is_listed_with_its_reason_not_its_path_twice(
        submissions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _table(capsys, submissions)
    errors = _section(out, "无法读取的文件（1 个）")
    assert errors == ["  • 空白报告.docx  文件为空，没有可检查的内容"]
    assert str(submissions) not in out  # every file is named inside the batch's folder


def test_the_follow_up_lists_name_the_file_of_each_report(submissions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failed = _section(_table(capsys, submissions), "未通过的报告")
    assert any("檀溪县人民政府2022年度法治政府建设情况报告  檀溪县.txt  " in line for line in failed)


def test_a_report_sent_twice_and_one_on_another_year_stand_out(
        submissions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _table(capsys, submissions)
    assert _section(out, "可能重复报送（1 份）") == [
        "  • 望川街道办事处2023年度法治政府建设情况报告  望川街道.md  标题、年度、发布机构与 望川街道 报告（终稿）.md 相同"]
    other_years = _section(out, "报告年度与本批多数（2023 年度）不同（2 份）")
    assert [line.split("  ")[2] for line in other_years] == ["檀溪县.txt", "西湖区.mht"]
    assert other_years[0].endswith("报告年度为 2022 年")
    english = _table(capsys, submissions, "--lang", "en")
    assert "Sent more than once? (1)" in english and "On another year than most of the batch (2023) (2)" in english


def test_reading_notes_are_listed_in_the_terminal_summary(submissions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    noted = _section(_table(capsys, submissions), "有读取提示的报告（1 份")
    assert noted == [("  • 南昌市西湖区2021年度法治政府建设情况报告  西湖区.mht  "
                      "后缀是 .mht，内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取")]


def test_spreadsheets_give_the_reason_a_file_could_not_be_read_without_its_path(
        submissions: Path, tmp_path: Path) -> None:
    main(["check", "--jobs", "1", "--format", "csv", "--output", str(tmp_path / "out.csv"), str(submissions)])
    header, *rows = csv.reader((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines())
    empty = next(r for r in rows if r[0].endswith("空白报告.docx"))
    assert empty[header.index("读取错误")] == "文件为空，没有可检查的内容"
    mht = next(r for r in rows if r[0].endswith("西湖区.mht"))
    assert mht[header.index("读取提示")] == "后缀是 .mht，内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取"


def test_a_failed_report_is_listed_with_the_requirements_it_failed(
        submissions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failed = _section(_table(capsys, submissions), "未通过的报告")
    # "1 项错误级要求未满足" alone does not tell the office what to fix.
    assert any(line.endswith("檀溪县.txt  1 项错误级要求未满足：上一年度推进法治政府建设存在的不足和原因")
               for line in failed)


def test_the_html_report_and_the_markdown_comment_carry_the_follow_ups(
        submissions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--jobs", "1", "--format", "html", "--output", str(tmp_path / "out.html"), str(submissions)])
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<h2>需要跟进</h2>" in page and "可能重复报送（1 份）" in page
    assert "报告年度与本批多数（2023 年度）不同（2 份）" in page and "有读取提示的报告（1 份" in page
    assert '<span class="muted">望川街道.md</span> <span class="s-mid">标题、年度、发布机构与 望川街道 报告（终稿）.md 相同' in page
    assert '<span class="path">西湖区.mht</span>' in page  # the ranking names files inside the batch's folder
    main(["check", "--jobs", "1", "--format", "markdown", str(submissions)])
    comment = capsys.readouterr().out
    assert "### 需要跟进" in comment and "**无法读取的文件（1 个）**" in comment
    assert "- 空白报告.docx — 文件为空，没有可检查的内容" in comment
    assert "| | 空白报告.docx | — |" in comment and str(submissions) not in comment.split("<details>")[0]
    assert ("- 南昌市西湖区2021年度法治政府建设情况报告 `西湖区.mht` — "
            "后缀是 .mht，内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取") in comment


def test_the_html_ranking_names_an_unreadable_file_once(submissions: Path, tmp_path: Path) -> None:
    main(["check", "--jobs", "1", "--format", "html", "--output", str(tmp_path / "out.html"), str(submissions)])
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    start = page.index('<table class="sortable">')
    ranking = page[start:page.index("</table>", start)]
    assert ">空白报告.docx</a></td>" in ranking and str(submissions) not in ranking


def test_a_zip_in_the_submissions_folder_is_listed_as_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    shutil.copy(SAMPLES / "complete-2023.md", tmp_path / "望川街道.md")
    with zipfile.ZipFile(tmp_path / "报送材料.zip", "w") as archive:
        archive.write(SAMPLES / "embedded-frp-2023.txt", "荆陵市.txt")
    (tmp_path / "封面.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a submission: still passed over
    assert main(["check", "--jobs", "1", "--no-color", "--width", "240", str(tmp_path)]) == 2
    errors = _section(capsys.readouterr().out, "无法读取的文件（1 个）")
    assert len(errors) == 1 and errors[0].startswith("  • 报送材料.zip  不支持的文件类型 .zip")


def test_a_traditional_copy_of_a_report_is_listed_as_sent_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A repost in 繁体, its title spaced apart, is the same report as its simplified original."""
    shutil.copy(SAMPLES / "xihu-2021.txt", tmp_path / "西湖区.txt")
    traditional = (SAMPLES / "xihu-2021-traditional.txt").read_text(encoding="utf-8")
    (tmp_path / "西湖區（轉載）.txt").write_text(
        traditional.replace("南昌市西湖區2021年度法治政府建設情況報告", "南昌市西湖區 2021 年度法治政府建設情況報告", 1),
        encoding="utf-8")
    twice = _section(_table(capsys, tmp_path), "可能重复报送（1 份）")
    assert len(twice) == 1
    assert twice[0].startswith("  • 南昌市西湖區 2021 年度法治政府建設情況報告  西湖區（轉載）.txt  ")
    assert twice[0].endswith("与 西湖区.txt 相同")


@pytest.mark.parametrize(("lang", "term", "heading"), [
    ("zh", "读取提示", "有读取提示的报告（1 份"), ("en", "Reading note", "Reports with reading notes (1;")])
def test_reading_notes_go_by_one_name_in_every_view(
        submissions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, term: str, heading: str) -> None:
    """A supervisor told of "提示" in the HTML and of "读取提示" in the spreadsheet would look for two things."""
    assert _section(_table(capsys, submissions, "--lang", lang), heading)
    main(["check", "--no-color", "--width", "240", "--lang", lang, str(submissions / "西湖区.mht")])
    assert any(line.strip("│ ").startswith(term) for line in capsys.readouterr().out.splitlines())
    main(["check", "--jobs", "1", "--lang", lang, "--format", "html", "--output", str(tmp_path / "out.html"), str(submissions)])
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert f"<dt>{term}</dt>" in page and heading in page
    main(["check", "--jobs", "1", "--lang", lang, "--format", "markdown", str(submissions)])
    comment = capsys.readouterr().out
    assert f"> ⚠️ {term}" in comment and heading in comment
    main(["check", "--jobs", "1", "--lang", lang, "--format", "csv", "--output", str(tmp_path / "out.csv"), str(submissions)])
    assert any(column.startswith(term) for column in next(csv.reader((tmp_path / "out.csv").open(encoding="utf-8-sig"))))


def test_a_markdown_comment_cut_to_githubs_limit_says_which_follow_up_lists_it_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer must not take a list missing from the comment for a list with nobody on it. The limit is
    lowered to keep the batch small: the ranking fits, the follow-up lists do not all."""
    from compliance import exports

    for number in range(1, 21):
        shutil.copy(SAMPLES / "late-2022.txt", tmp_path / f"云麓区-{number:02}.txt")
    shutil.copy(SAMPLES / "missing-shortcomings-2022.txt", tmp_path / "檀溪县.txt")
    main(["check", "--jobs", "1", "--format", "markdown", str(tmp_path)])
    headings = re.findall(r"^\*\*(.+)\*\*$", capsys.readouterr().out, re.MULTILINE)
    assert headings == ["未通过的报告（21 份）", "逾期发布（20 份）", "可能重复报送（19 份）"]
    monkeypatch.setattr(exports, "COMMENT_LIMIT", 5000)
    main(["check", "--jobs", "1", "--format", "markdown", str(tmp_path)])
    comment = capsys.readouterr().out
    assert len(comment) <= 5000 and "### 需要跟进" in comment
    shown = [heading for heading in headings if f"**{heading}**" in comment]
    assert shown and len(shown) < len(headings)
    note = comment[comment.index("评论已达 GitHub 的长度上限"):]
    assert "“需要跟进”中的 " + "、".join(h for h in headings if h not in shown) in note


def test_the_workbook_has_a_follow_up_sheet_with_a_row_per_report_and_list(submissions: Path, tmp_path: Path) -> None:
    """A spreadsheet user gets the lists the terminal shows, one row per report and list, to filter by list
    and mail each office what to fix; streamed (constant_memory), the sheet comes last."""
    import openpyxl

    main(["check", "--jobs", "1", "--format", "xlsx", "--output", str(tmp_path / "out.xlsx"), str(submissions)])
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["汇总", "问题明细", "跟进事项"]
    sheet = book["跟进事项"]
    header, *rows = [tuple(cell or "" for cell in r) for r in sheet.iter_rows(values_only=True)]
    assert header == ("跟进事项", "标题", "文件", "需要处理")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:D{len(rows) + 1}"
    by_list: dict[str, list[tuple[str, str, str]]] = {}
    for heading, title, path, to_fix in rows:
        by_list.setdefault(heading, []).append((title, Path(path).name, to_fix))
    assert list(by_list) == ["未通过的报告（1 份）", "无法读取的文件（1 个）", "可能重复报送（1 份）",
                             "报告年度与本批多数（2023 年度）不同（2 份）", "有读取提示的报告（1 份，得分以读取到的文本为准）"]
    assert by_list["无法读取的文件（1 个）"] == [("", "空白报告.docx", "文件为空，没有可检查的内容")]
    assert by_list["未通过的报告（1 份）"] == [("檀溪县人民政府2022年度法治政府建设情况报告", "檀溪县.txt",
                                                "1 项错误级要求未满足：上一年度推进法治政府建设存在的不足和原因")]
    assert [name for _, name, _ in by_list["报告年度与本批多数（2023 年度）不同（2 份）"]] == ["檀溪县.txt", "西湖区.mht"]
    assert by_list["有读取提示的报告（1 份，得分以读取到的文本为准）"][0][1:] == (
        "西湖区.mht", "后缀是 .mht，内容其实是 Word 97–2003 文件（.doc），已按 .doc 读取")


@pytest.mark.parametrize("width", [100, 130])
def test_a_follow_up_line_wraps_where_chinese_text_may_not_between_a_number_and_its_measure_word(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], width: int) -> None:
    """rich wraps at spaces only: it broke "1 项错误级要求未满足" after the 1 and "从 PDF 复制" after PDF.
    Continuation lines are indented past the bullet."""
    real = Path(__file__).parent / "data" / "real"
    for name in ("chengyang-district-2023-late.txt", "qingqu-weijian-2022.txt", "sangyu-county-2023-pdfpaste.txt"):
        shutil.copy(real / name, tmp_path / name)
    from rich.cells import cell_len

    out = _table(capsys, tmp_path, "--width", str(width))  # the last --width holds
    lines = _section(out, "未通过的报告") + _section(out, "有读取提示的报告")
    assert all(cell_len(line) <= width for line in lines)
    assert not [line for line in lines if re.search(r"(\d|PDF)$", line)]
    assert all(line.startswith(("  • ", "    ")) for line in lines)
    text = "".join(line.strip() for line in lines)
    assert text.count("1 项错误级要求未满足：每年4月1日之前向社会公开") == 2 and "文本像是从 PDF 复制来的" in text


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_document_s_reading_note_does_not_repeat_its_file_name(
        submissions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """A report's own panel or details already name its file: the note opened with the whole path again
    ("读取提示：/srv/报送/西湖区.mht：后缀是 .mht，…"), which in a deep folder pushed the note itself out of sight."""
    report = submissions / "西湖区.mht"
    target = tmp_path / "out.html"
    main(["check", "--jobs", "1", "--no-color", "--width", "240", "--format", fmt,
          *(["--output", str(target)] if fmt == "html" else []), str(report)])
    out = target.read_text(encoding="utf-8") if fmt == "html" else capsys.readouterr().out
    assert "后缀是 .mht，内容其实是 Word 97–2003 文件（.doc）" in out
    assert f"{report}：后缀是" not in out
