"""Reading: read_bytes asks for the size stat reported and for the rest of the limit only when the file has grown;
split_lines looks for carriage returns only in text that has one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.errors import DocumentError
from compliance.readers import read_bytes, split_lines


def _stat_reporting(monkeypatch: pytest.MonkeyPatch, path: Path, size: int) -> None:
    """Make `path` look `size` bytes long to stat, as when the file changes between stat and read."""
    real_stat = Path.stat

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        status = real_stat(self, **kwargs)
        if self != path:
            return status
        fields = list(status[:10])
        fields[6] = size  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", stat)


@pytest.mark.parametrize("seen", [0, 1, 999, 1000, 1001, 5000])
def test_the_whole_file_is_read_whatever_stat_saw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: int) -> None:
    path = tmp_path / "report.txt"
    data = b"0123456789" * 100
    path.write_bytes(data)
    _stat_reporting(monkeypatch, path, seen)
    assert read_bytes(path, max_bytes=10_000) == data


@pytest.mark.parametrize("seen", [0, 10, 499, 500])
def test_a_file_that_grew_past_the_limit_is_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: int) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"x" * 1000)
    _stat_reporting(monkeypatch, path, seen)
    with pytest.raises(DocumentError) as raised:
        read_bytes(path, max_bytes=500)
    assert raised.value.code == "too_large"


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"y" * 500)
    assert read_bytes(path, max_bytes=500) == b"y" * 500


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="\r\n a法。\u2028\x0b", max_size=30))
def test_split_lines_skips_the_carriage_return_pass_only_when_there_is_none(text: str) -> None:
    assert split_lines(text) == tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
