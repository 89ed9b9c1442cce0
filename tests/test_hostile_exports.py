"""Exports a supervisor opens, written from reports that are untrusted input: a title, a quote or a file
name must never become a formula, markup, a mention or a broken file in the export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import ROOT, SAMPLES
from jsonschema import Draft7Validator

from compliance.cli import main

SEED_TITLE = "南昌市西湖区2021年度法治政府建设情况报告"


def _seed_titled(folder: Path, title: str, name: str = "report.txt") -> Path:
    """The seed report under another title line (its line 7) and file name."""
    lines = SAMPLES.joinpath("xihu-2021.txt").read_text(encoding="utf-8").split("\n")
    assert lines[6] == SEED_TITLE
    lines[6] = title
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A title or a file name opening with = + - @ ran as a formula when the summary was opened in Excel."""
    forged = "=HYPERLINK(\"http://evil.example/\")&" + SEED_TITLE
    _seed_titled(tmp_path, "-2+3+cmd|' /C calc'!A0 " + SEED_TITLE, "@SUM(1+1).txt")
    _seed_titled(tmp_path, forged, "=1+1.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "csv", "--jobs", "1", "."]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    cells = [cell for line in rows for cell in line]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert ["'=1+1.txt", "'" + forged] == rows[1][:2]
    assert ["'@SUM(1+1).txt", "'-2+3+cmd|' /C calc'!A0 " + SEED_TITLE] == rows[2][:2]
    assert rows[1][5] == "93.9"  # the score is still a number


def _rendered_comment(markdown: str) -> str:
    """The comment as GitHub renders it (CommonMark, raw HTML allowed, tables)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_a_markdown_comment_shows_hostile_titles_and_quotes_as_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GitHub renders HTML in comments: a title holding </details> or <!-- broke or hid the rest of the
    comment, <img> loaded from elsewhere, and @octocat notified a stranger."""
    title = "</details><img src=x onerror=alert(1)> @octocat <!-- " + SEED_TITLE
    report = _seed_titled(tmp_path, title, "a|b <i>.txt")
    text = report.read_text(encoding="utf-8").replace(
        "四、2022年工作安排", "联系人：XX</details><!--，电话：XX[点此](http://evil.example/)，@octocat/team 地址：XX**急**\n\n四、2022年工作安排")
    report.write_text(text, encoding="utf-8")
    other = _seed_titled(tmp_path, SEED_TITLE, "other.txt")
    main(["check", "--format", "markdown", "--jobs", "1", str(report), str(other)])
    page = _rendered_comment(capsys.readouterr().out)
    assert "<img" not in page and "<!--" not in page and "<i>" not in page and 'href="http://evil' not in page
    assert page.count("<details>") == page.count("</details>") == 2  # each document's block, closed once
    assert "@octocat" not in page and "@\u200boctocat" in page
    assert "&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # shown as written, in the ranking too
    assert "a|b &lt;i&gt;.txt)</summary>" in page
    assert "XX&lt;/details&gt;&lt;!--" in page and "XX[点此](http://evil.example" in page and "XX**急**" in page


def test_sarif_names_a_report_whose_file_name_is_not_utf8(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A zip made on Chinese Windows unpacks to GBK file names: checked by a relative path, SARIF ended in
    an internal error and wrote nothing for code scanning to upload."""
    gbk_name = os.fsdecode("2021年报告 100%.txt".encode("gbk"))
    _seed_titled(tmp_path, SEED_TITLE, gbk_name)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "sarif", "--output", "out.sarif", gbk_name]) == 0
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not list(Draft7Validator(schema).iter_errors(log))
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]}
    assert uris == {"2021%C4%EA%B1%A8%B8%E6%20100%25.txt"}  # the name's GBK bytes, as a file URI has them


@pytest.mark.parametrize("fmt", ["junit", "csv", "html", "markdown"])
def test_outputs_piped_from_a_c_locale_stay_utf8_with_a_non_utf8_file_name(
        fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runners and containers run under C.UTF-8, where Python writes a GBK file name's raw bytes to
    standard output: `check -f junit reports/ > junit.xml` was not UTF-8, and the CI's reader refused it."""
    gbk_name = os.fsdecode("2021年报告.txt".encode("gbk"))
    _seed_titled(tmp_path, SEED_TITLE, gbk_name)
    piped = io.BytesIO()
    stdout = io.TextIOWrapper(piped, encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdout", stdout)
    main(["check", "--format", fmt, str(tmp_path / gbk_name)])
    stdout.flush()
    written = piped.getvalue().decode("utf-8")  # it must be UTF-8 to be read at all
    assert "2021\\udcc4" in written  # the name's bytes, escaped as --output writes them
    if fmt == "junit":
        assert ET.fromstring(written).find("testsuite") is not None


def test_the_terminal_shows_a_reports_square_brackets_as_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """rich read them as its markup: a title with [/] ended the default terminal report and `parse` in an
    internal error (MarkupError), and [link=…]…[/link] in a publisher became a link of the author's."""
    title = "[/]" + SEED_TITLE
    report = _seed_titled(tmp_path, title)
    report.write_text(report.read_text(encoding="utf-8").replace(
        "发布机构: 西湖区司法局", "发布机构: [link=http://evil.example]西湖区司法局[/link]"), encoding="utf-8")
    assert main(["check", "--width", "150", "--no-color", str(report)]) == 0
    shown = capsys.readouterr().out
    assert title in shown and "[link=http://evil.example]西湖区司法局[/link]" in shown
    assert main(["parse", "--width", "150", "--no-color", str(report)]) == 0
    parsed = capsys.readouterr().out
    assert parsed.startswith(title) and "发布机构 (publisher): [link=http://evil.example]西湖区司法局[/link]" in parsed


def test_rules_list_shows_a_packs_square_brackets_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("id: mine\nextends: [national]\nrules:\n  - id: custom.notes\n    kind: phrase\n"
                    "    category: quality\n    severity: info\n    title: {zh: '不得保留批注[/]或[red]标记'}\n"
                    "    params: {patterns: ['批注'], expect: absent}\n", encoding="utf-8")
    assert main(["rules", "list", "--width", "200", "--no-color", "--rules", str(pack)]) == 0
    assert "不得保留批注[/]或[red]标记" in capsys.readouterr().out


@pytest.mark.parametrize("color", [False, True])
def test_the_terminal_obeys_no_control_sequence_a_report_holds(color: bool, tmp_path: Path) -> None:
    """A report could clear the reviewer's screen, retitle the window or (OSC 52) write to the clipboard:
    rich passes ESC and the C1 controls on, and only the report's text holds them."""
    from compliance.batch import Input, check_one
    from compliance.formatters import Options
    from compliance.pipeline import Settings
    from compliance.terminal import render

    report = _seed_titled(tmp_path, SEED_TITLE)
    hostile = "联系人：XX\x1b[2J\x1b]0;已通过\x07，电话：待补充\x1b]52;c;Y3Vy\x07\x9b31m。"
    report.write_text(report.read_text(encoding="utf-8").replace("四、2022年工作安排", hostile + "\n\n四、2022年工作安排"),
                      encoding="utf-8")
    out = io.StringIO()
    render([check_one(Input(path=str(report)), Settings())], out, Options(width=160, color=color))
    shown = out.getvalue()
    assert "XX[2J]0;已通过" in shown and "待补充]52;c;Y3Vy31m" in shown  # the text, its controls left out
    assert "\x9b" not in shown and "\x07" not in shown
    escapes = re.findall(r"\x1b[^m]*m?", shown)
    assert bool(escapes) is color and all(re.fullmatch(r"\x1b\[[0-9;]*m", escape) for escape in escapes)  # colours only


def test_sarif_stays_valid_with_odd_file_names_and_unreadable_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Spaces, %, # and ? in names, Chinese, and files that cannot be read: every
    URI is a valid relative reference that decodes back to the name, and the log still validates."""
    from urllib.parse import unquote

    names = ["a 100% 完成.txt", "b#1?.txt", "c 报告/d.txt", "空文件.txt"]
    (tmp_path / "c 报告").mkdir()
    for name in names[:3]:
        _seed_titled(tmp_path, SEED_TITLE, name)
    (tmp_path / names[3]).write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "sarif", "--jobs", "1", *names, "missing.txt"]) == 2
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not list(Draft7Validator(schema).iter_errors(log))
    run = log["runs"][0]
    uris = [artifact["location"]["uri"] for artifact in run["artifacts"]]
    assert all(re.fullmatch(r"[A-Za-z0-9._~/%-]+", uri) for uri in uris), uris
    assert [unquote(uri) for uri in uris] == [*names, "missing.txt"]
    broken = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in broken] == ["empty", "not_found"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in broken] == uris[3:]


def test_errors_on_standard_error_show_a_file_names_controls_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named with ESC sequences must not clear the screen or retitle the window as its error is said."""
    named = tmp_path / "\x1b]0;pwned\x07\x1b[2J报告.txt"
    named.write_bytes(b"")
    assert main(["parse", str(named)]) == 2
    assert main(["check", "--format", "json", "--output", str(tmp_path / "out.json"), str(named)]) == 2
    said = capsys.readouterr().err
    assert "\x1b" not in said and "\x07" not in said
    assert said.count("\\x1b]0;pwned\\x07\\x1b[2J报告.txt") >= 1


@pytest.mark.skipif(os.name == "nt", reason="a backslash is a separator on Windows")
def test_sarif_keeps_a_backslash_that_is_part_of_a_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reports").mkdir()
    Path("reports/2022\\late.txt").write_bytes((SAMPLES / "late-2022.txt").read_bytes())
    main(["check", "--format", "sarif", "reports"])
    log = json.loads(capsys.readouterr().out)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "reports/2022%5Clate.txt"  # a file of the folder reports, not a folder 2022 in it
