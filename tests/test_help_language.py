"""--help in the user's language, argparse's own words included."""

from __future__ import annotations

import re

import pytest

from compliance.cli import main

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("command", [[], ["check"], ["parse"], ["rules"], ["rules", "list"], ["rules", "show"],
                                     ["rules", "validate"], ["rules", "test"]])
def test_help_is_in_chinese_by_default_headings_included(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own words (usage:, positional arguments:, options:, show this help message and exit) were
    English in the Chinese help, and rules show / rules validate did not say what RULE_ID and FILE are."""
    assert main([*command, "--help"]) == 0
    chinese = capsys.readouterr().out
    assert chinese.startswith("用法：compliance") and "\n选项：\n" in chinese and "显示本帮助并退出" in chinese
    assert "选项:" not in chinese and "参数:" not in chinese  # argparse's ASCII colon after a Chinese heading
    english_words = ("usage:", "options:", "positional arguments:", "show this help message", "show program's")
    assert not [word for word in english_words if word in chinese]
    assert all(re.search(r"^  (RULE_ID|FILE) +\S", chinese, re.MULTILINE) for name in ("show", "validate") if name in command)
    assert main([*command, "--help", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert english.startswith("usage: compliance") and "options:" in english and not _CJK.search(english.split("\n\n")[0])


def test_chinese_usage_lines_wrap_under_the_program_name(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """用法： takes six columns, not three: argparse's wrapped usage lines stood three columns left of it."""
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check", "--help"]) == 0
    first, second = capsys.readouterr().out.splitlines()[:2]
    assert first.startswith("用法：compliance check [-h]")
    assert len(second) - len(second.lstrip(" ")) == len("用法：") * 2 + len("compliance check ")
