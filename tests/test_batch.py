"""Batches: which inputs are read, worker processes, order, standard input, baselines."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import SAMPLES, SEED

from compliance import batch
from compliance.cli import main
from compliance.pipeline import Settings


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_jobs_two_gives_the_same_json_as_jobs_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(3):
        for sample in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(sample, tmp_path / f"{index}-{sample.name}")
    (tmp_path / "1-empty.txt").write_bytes(b"")
    assert main(["check", "--format", "json", "--jobs", "1", str(tmp_path)]) == 2
    sequential = capsys.readouterr().out
    assert main(["check", "--format", "json", "--jobs", "2", str(tmp_path)]) == 2
    parallel = capsys.readouterr().out
    assert parallel == sequential
    paths = [Path(d["path"]).name for d in json.loads(parallel)["documents"]]
    assert paths == sorted(paths) and len(paths) == 3 * len(list(SAMPLES.glob("*.txt"))) + 1
    # every other view of a batch reads the entries the workers send back just as it reads Reports
    for fmt in ("table", "csv", "sarif", "junit", "github", "markdown", "html"):
        outputs = []
        for jobs in ("1", "2"):
            main(["check", "--format", fmt, "--jobs", jobs, "--no-color", "--width", "160", str(tmp_path)])
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1], fmt


def test_globs_directories_and_files_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "notes.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "a-one.txt").write_text("x", encoding="utf-8")
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    found = [Path(i.path).relative_to(tmp_path).as_posix() for i in
             batch.expand([str(tmp_path / "c.txt"), str(tmp_path / "**" / "*.md"), str(tmp_path / "a-*")])]
    assert found == ["c.txt", "b/two.md", "a-one.txt"]
    assert [Path(i.path).name for i in batch.expand([str(tmp_path)])] == ["a-one.txt", "c.txt", "two.md"]


def test_stdin_is_read_as_a_text_report(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8"))
    assert main(["check", "--format", "json", "-"]) == 0
    document = _json(capsys)["documents"][0]
    assert document["path"] == "<stdin>" and document["year"] == 2021


class _Terminal(io.TextIOWrapper):
    """Standard input as an author's terminal: a person types (here: pastes) the report."""

    def isatty(self) -> bool:
        return True


def test_a_dash_on_a_terminal_says_how_to_end_the_input(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal(io.BytesIO(SEED.read_bytes()), encoding="utf-8"))
    assert main(["check", "--format", "json", "-"]) == 0
    captured = capsys.readouterr()
    assert "正在从标准输入读取报告：粘贴全文后按 Ctrl-D" in captured.err
    assert json.loads(captured.out)["documents"][0]["year"] == 2021
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes()), encoding="utf-8"))
    assert main(["check", "--format", "json", "-"]) == 0
    assert "标准输入" not in capsys.readouterr().err  # piped: nobody to tell


def test_jobs_beyond_four_a_core_start_four_a_core(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from concurrent import futures

    started: list[int] = []

    class Recorded(futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            started.append(max_workers)
            super().__init__(max_workers=2, **options)

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for index in range(40):
        shutil.copy(SEED, tmp_path / f"report-{index:02}.txt")
    results = list(batch.run(list(batch.expand([str(tmp_path)])), batch.Settings(), jobs=100_000))
    assert started == [8] and len(results) == 40  # not 40 processes, one a file


def test_markdown_on_stdin_is_read_as_markdown(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    markdown = (SAMPLES / "complete-2023.md").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(markdown), encoding="utf-8"))
    main(["check", "--format", "json", "-"])
    from_stdin = _json(capsys)["documents"][0]
    main(["check", "--format", "json", str(SAMPLES / "complete-2023.md")])
    from_file = _json(capsys)["documents"][0]
    assert from_stdin["format"] == "md" and from_stdin["score"] == from_file["score"]
    assert from_stdin["parts"] == from_file["parts"]


def test_fail_under_in_a_batch_fails_only_the_low_scores(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(SAMPLES / "department-2022.txt"), str(SEED)]
    assert main(["check", "--format", "json", "--jobs", "1", "--fail-under", "95", *paths]) == 1  # 98.5 and 93.9
    documents = _json(capsys)["documents"]
    assert [d["passed"] for d in documents] == [True, False]
    assert main(["check", "--format", "json", "--jobs", "1", "--fail-on", "warning", *paths]) == 1


def test_a_bad_jobs_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jobs", "0", str(SEED)]) == 2
    assert "--jobs" in capsys.readouterr().err


# ---------------------------------------------------------------- baseline

def _report_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _placeholder_findings(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    document = _json(capsys)["documents"][0]
    return [f for f in document["findings"] if f["rule_id"] == "quality.placeholders"]


def test_baseline_keeps_known_findings_through_edits_and_fails_on_new_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEED.read_text(encoding="utf-8")
    lines = seed.splitlines()
    target = next(i for i, line in enumerate(lines) if "推进科学民主依法决策" in line)
    lines[target] = lines[target] + "全年办理行政复议案件XX件。"
    report = _report_with(tmp_path, "\n".join(lines) + "\n")
    baseline = tmp_path / "baseline.json"
    gate = ["--fail-on", "warning", "--format", "json", "--baseline", str(baseline)]

    # Without a baseline the placeholder fails a warning gate; the first baseline run records it.
    assert main(["check", "--fail-on", "warning", str(report)]) == 1
    capsys.readouterr()
    assert main(["check", *gate, str(report)]) == 0
    assert [f["baseline"] for f in _placeholder_findings(capsys)] == ["known"]
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert list(recorded["documents"]) == [str(report)]

    # Paragraphs inserted above move the placeholder down: still the same, known finding.
    moved = lines[:target] + ["（新增段落）全年开展法治宣传活动36场。", "", "又一段补充说明。"] + lines[target:]
    report.write_text("\n".join(moved) + "\n", encoding="utf-8")
    assert main(["check", *gate, str(report)]) == 0
    finding = _placeholder_findings(capsys)[0]
    assert finding["baseline"] == "known" and finding["evidence"][0]["location"]["line"] == target + 4

    # A new placeholder elsewhere is a new problem: the gate fails and the finding says so.
    moved[-3] = moved[-3] + "联系人：某某。"
    report.write_text("\n".join(moved) + "\n", encoding="utf-8")
    assert main(["check", *gate, str(report)]) == 1
    assert [f["baseline"] for f in _placeholder_findings(capsys)] == ["new"]
    assert json.loads(baseline.read_text(encoding="utf-8")) == recorded  # a later run never rewrites it


def test_baseline_findings_show_as_known_in_ci_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    late = str(SAMPLES / "late-2022.txt")
    assert main(["check", "--format", "sarif", "--baseline", str(baseline), late]) == 0
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"unchanged"}
    assert main(["check", "--format", "github", "--baseline", str(baseline), late]) == 0
    assert "::error" not in capsys.readouterr().out


def test_a_run_with_no_report_records_no_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CI step run before the reports are in place (an empty folder) must not leave an empty baseline behind:
    the next run, with the reports, would have taken every one of their findings as new and failed."""
    baseline, reports = tmp_path / "baseline.json", tmp_path / "reports"
    reports.mkdir()
    gate = ["check", "--fail-on", "warning", "--format", "json", "--baseline", str(baseline), str(reports)]
    assert main(gate) == 2
    assert _json(capsys)["documents"][0]["error"]["code"] == "no_inputs"
    assert not baseline.exists()
    shutil.copy(SAMPLES / "late-2022.txt", reports / "late-2022.txt")
    assert main(gate) == 0  # recorded now: its findings are known
    assert json.loads(baseline.read_text(encoding="utf-8"))["documents"]


def test_a_broken_baseline_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    assert main(["check", "--baseline", str(baseline), str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "baseline.json" in err and "Traceback" not in err


@pytest.mark.parametrize("content", [
    '{"version": 1, "tool": "compliance", "documents": {"r.txt": {"05651b65f0b75c9eeed9": "1"}}}',  # hand-edited
    '{"documents": [{"path": "r.txt", "findings": []}], "summary": {}}',  # a --format json report
    '{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}',  # SARIF
    '{"documents": {"r.txt": 5}}',
    '[1, 2]',
], ids=["counts-as-text", "json-report", "sarif", "count-for-a-file", "a-list"])
@pytest.mark.parametrize(("lang", "said"), [("zh", "不是本工具记录的基线文件"), ("en", "not a baseline this tool recorded")])
def test_a_foreign_or_edited_baseline_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            content: str, lang: str, said: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    assert main(["check", "--lang", lang, "--format", "json", "--baseline", str(baseline), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and str(baseline) in captured.err and said in captured.err
    assert "object" not in captured.err and "internal" not in captured.err and "内部错误" not in captured.err


@pytest.mark.parametrize(("lang", "said"), [("zh", "无法记录基线"), ("en", "cannot record the baseline")])
def test_a_baseline_that_cannot_be_recorded_is_refused_before_the_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str) -> None:
    """It used to check and print every report, then fail with "cannot write the output: [Errno 2] …"."""
    baseline = tmp_path / "no-such-folder" / "baseline.json"
    assert main(["check", "--lang", lang, "--format", "json", "--baseline", str(baseline), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and said in captured.err and str(baseline) in captured.err
    assert "Errno" not in captured.err


def test_a_bug_met_on_one_file_costs_only_that_file(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from compliance import engine

    original = engine.KINDS["deadline"]

    def deadline(document, **params):  # type: ignore[no-untyped-def]
        if "late-2022" in document.path:
            raise ZeroDivisionError("boom")
        return original(document, **params)

    monkeypatch.setitem(engine.KINDS, "deadline", deadline)
    assert main(["check", "--format", "json", "--jobs", "1", str(SEED), str(SAMPLES / "late-2022.txt")]) == 2
    documents = _json(capsys)["documents"]
    assert documents[0]["passed"] and documents[0]["error"] is None
    assert documents[1]["error"]["code"] == "internal" and "ZeroDivisionError: boom" in documents[1]["error"]["message"]
    assert "timeliness.deadline" in documents[1]["error"]["message"]  # names the rule that failed


def test_a_bug_met_while_reading_one_file_costs_only_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from compliance.readers import READERS

    def read_html(path: Path, data: bytes):  # type: ignore[no-untyped-def]
        raise AssertionError("unknown status keyword 'foo' in marked section")  # what html.parser once raised

    monkeypatch.setitem(READERS, ".html", read_html)
    page = tmp_path / "b-page.html"
    page.write_bytes((SAMPLES / "xihu-2021.html").read_bytes())
    shutil.copy(SEED, tmp_path / "a-seed.txt")
    shutil.copy(SAMPLES / "late-2022.txt", tmp_path / "c-late.txt")
    assert main(["check", "--format", "json", "--jobs", "1", str(tmp_path)]) == 2
    documents = _json(capsys)["documents"]  # the whole batch, as valid JSON
    assert [Path(d["path"]).name for d in documents] == ["a-seed.txt", "b-page.html", "c-late.txt"]
    assert documents[0]["passed"] and documents[2]["score"] is not None
    error = documents[1]["error"]
    assert error["code"] == "internal" and "AssertionError" in error["message"] and str(page) in error["message"]


@pytest.mark.parametrize(("lang", "said"), [("zh", "已中断"), ("en", "interrupted")])
def test_ctrl_c_during_a_batch_is_one_line_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], lang: str, said: str) -> None:
    for index in range(3):
        shutil.copy(SEED, tmp_path / f"{index}.txt")
    original = batch.check_path

    def check_path(path: Path, settings: batch.Settings):  # type: ignore[no-untyped-def]
        if path.name == "1.txt":
            raise KeyboardInterrupt  # the user pressed Ctrl-C while this file was checked
        return original(path, settings)

    monkeypatch.setattr(batch, "check_path", check_path)
    assert main(["check", "--lang", lang, "--format", "json", "--jobs", "1", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and err.count("\n") == 1


def test_ctrl_c_leaves_a_worker_process_to_finish_its_chunk_in_silence() -> None:
    """Ctrl-C reaches every process of the terminal's group: only the parent may answer (see above); a
    worker neither prints a traceback of its own nor dies halfway through sending its results back."""
    import subprocess
    import sys

    worker = ("import os, signal\nfrom compliance import batch\nfrom compliance.pipeline import Settings\n"
              "batch._init(Settings())\nos.kill(os.getpid(), signal.SIGINT)\nprint('still checking')\n")
    completed = subprocess.run([sys.executable, "-c", worker], capture_output=True, timeout=60, check=False)
    assert completed.returncode == 0 and completed.stdout == b"still checking\n" and completed.stderr == b""


def test_progress_passes_every_result_through_unchanged() -> None:
    from compliance.progress import track

    shown = io.StringIO()
    assert list(track(iter(range(5)), total=5, lang="en", stream=shown)) == [0, 1, 2, 3, 4]


def test_a_worker_process_that_dies_costs_no_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import multiprocessing
    import os

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is planted through fork")
    for index in range(batch.POOL_MINIMUM + 4):
        shutil.copy(SEED, tmp_path / f"{index:02d}.txt")
    parent, original = os.getpid(), batch.check_one

    def check_one(item: batch.Input, settings: batch.Settings, **how: bool):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and item.path.endswith("03.txt"):
            os._exit(9)  # as if the kernel had killed the worker
        return original(item, settings, **how)

    monkeypatch.setattr(batch, "check_one", check_one)
    assert main(["check", "--format", "json", "--jobs", "2", str(tmp_path)]) == 0
    documents = _json(capsys)["documents"]
    assert [Path(d["path"]).name for d in documents] == [f"{i:02d}.txt" for i in range(batch.POOL_MINIMUM + 4)]
    assert all(d["passed"] and d["error"] is None for d in documents)


def test_a_batch_reads_the_same_written_as_utf8_bytes_or_as_text(tmp_path: Path) -> None:
    """Worker entries are UTF-8 bytes written straight to a UTF-8 output; any other output gets text."""
    from compliance.formatters import Options, render_json
    from compliance.pipeline import Settings

    settings = Settings(entries="zh")
    items = [batch.Input(path=str(path)) for path in sorted(SAMPLES.glob("*.txt"))]
    entries = [batch._reduce(batch.check_one(item, settings, full=True), settings) for item in items]
    assert all(isinstance(entry, batch.Entry) for entry in entries)
    as_text = io.StringIO()
    render_json(entries, as_text, Options())
    target = tmp_path / "batch.json"
    with target.open("w", encoding="utf-8", newline="\n") as out:
        render_json(entries, out, Options())
    assert target.read_text(encoding="utf-8") == as_text.getvalue()
    console = io.TextIOWrapper(io.BytesIO(), encoding="gb18030")  # a Chinese Windows console, say
    render_json(entries, console, Options())
    console.flush()
    assert console.buffer.getvalue().decode("gb18030") == as_text.getvalue()  # type: ignore[attr-defined]
    titles = [document["title"] for document in json.loads(as_text.getvalue())["documents"]]
    assert len(titles) == len(items) and "南昌市西湖区2021年度法治政府建设情况报告" in titles


def test_an_entry_is_written_only_in_its_language_and_never_where_a_report_is_needed() -> None:
    """An Entry is a document already in JSON: it holds no Report to write in the other language or in full."""
    from compliance.formatters import Options, document_dict, no_entries, render_json
    from compliance.pipeline import Settings

    settings = Settings(entries="zh")
    entry = batch._reduce(batch.check_one(batch.Input(path=str(SEED)), settings, full=True), settings)
    assert isinstance(entry, batch.Entry) and document_dict(entry, "zh") == entry.data
    with pytest.raises(ValueError, match="'zh'.*'en'"):
        document_dict(entry, "en")
    with pytest.raises(ValueError, match="'zh'.*'en'"):
        render_json([entry, entry], io.StringIO(), Options(lang="en"))
    with pytest.raises(TypeError):
        list(no_entries([entry]))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    """Linux file names are bytes: b\\xff.txt reaches us as "b\\udcff.txt", which UTF-8 cannot hold."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    odd = os.fsdecode(b"b\xff.txt")
    shutil.copy(SEED, folder / odd)
    target = tmp_path / "batch.json"
    for index in range(6):  # enough documents for worker processes with --jobs 2
        shutil.copy(SEED, folder / f"c{index}.txt")
    assert main(["check", "--format", "json", "--jobs", jobs, "--output", str(target), str(folder)]) == 0
    written = target.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    assert main(["check", "--format", "json", "--jobs", jobs, str(folder)]) == 0
    assert capsys.readouterr().out == written
    paths = [Path(d["path"]) for d in json.loads(written)["documents"]]
    assert len(paths) == 8 and folder / odd in paths  # the escape reads back as the file's own name
    assert (folder / odd).read_bytes() == SEED.read_bytes()
    for fmt in ("csv", "xlsx", "sarif", "junit", "markdown", "html"):
        output = tmp_path / f"out.{fmt}"
        assert main(["check", "--format", fmt, "--jobs", jobs, "--output", str(output), str(folder)]) == 0, fmt
        assert output.stat().st_size > 0


def test_a_strict_console_prints_a_name_that_is_not_utf8_escaped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PYTHONIOENCODING=utf-8, or a Windows console, refuses lone surrogates unless told otherwise."""
    shutil.copy(SEED, tmp_path / os.fsdecode(b"b\xff.txt"))
    shutil.copy(SEED, tmp_path / "a.txt")
    console = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # errors="strict"
    monkeypatch.setattr("sys.stdout", console)
    assert main(["check", "--jobs", "1", "--no-color", "--width", "160", str(tmp_path)]) == 0
    console.flush()
    printed = console.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert "b\\udcff.txt" in printed and "共 2 份" in printed


def test_no_cyclic_collection_walks_a_report_while_it_is_checked() -> None:
    """The collector walked a long report again and again as its figures piled up (a 4 MB report: 7.2 s,
    2.3 s without), and once more at exit while the memo still held it."""
    import gc

    from compliance.kinds import common

    text_ = SEED.read_text(encoding="utf-8") + "全年受理行政复议案件39件，审结36件。\n" * 3000
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        result = batch.check_one(batch.Input(path="long.txt", data=text_.encode()), batch.Settings(), full=True)
    finally:
        gc.callbacks.remove(count)
    assert len(collections) <= 1 and gc.isenabled()  # at most the one that resumes once the check is done
    assert result.document.title == "南昌市西湖区2021年度法治政府建设情况报告"  # type: ignore[union-attr]
    assert all(held is not result.document for held, _ in common._Memo.held)  # type: ignore[union-attr]


def test_the_collector_resumes_when_a_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    def failing(*args: object, **kwargs: object) -> None:
        raise MemoryError  # what no pipeline guard turns into an error entry

    monkeypatch.setattr(batch, "check_path", failing)
    with pytest.raises(MemoryError):
        batch.check_one(batch.Input(path=str(SEED)), batch.Settings())
    assert gc.isenabled()


def test_a_dash_with_standard_input_closed_is_an_empty_input(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    # `compliance check - <&-`, or a CI step or service started without standard input: Python has none.
    monkeypatch.setattr("sys.stdin", None)
    assert main(["check", "-", str(SEED)]) == 2
    out = capsys.readouterr().out
    assert "<stdin>  文件为空，没有可检查的内容" in out  # as with - </dev/null
    assert "内部错误" not in out and "南昌市西湖区" in out  # the other report is still checked


def test_a_worker_lets_go_of_each_pdf_before_it_reads_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf's reader is a reference cycle holding every object of its file: only the collector frees it. With
    the collector paused over a worker's whole chunk, sixteen PDFs were held at once (a worker of 1 MB PDFs
    grew from 70 MB to 163 MB; 50 MB ones would take gigabytes)."""
    import weakref

    import pypdf

    readers: list[weakref.ref[pypdf.PdfReader]] = []

    class Watched(pypdf.PdfReader):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            readers.append(weakref.ref(self))

    alive_when_started: list[int] = []
    check_one = batch.check_one

    def watched(item: batch.Input, settings: Settings, *, full: bool = False) -> batch.Result:
        alive_when_started.append(sum(1 for reader in readers if reader() is not None))
        return check_one(item, settings, full=full)

    monkeypatch.setattr(pypdf, "PdfReader", Watched)
    monkeypatch.setattr(batch, "check_one", watched)
    monkeypatch.setattr(batch, "_SETTINGS", Settings(entries="zh"))
    results = batch._check_chunk([batch.Input(path=str(SAMPLES / "xihu-2021.pdf"))] * 3)
    assert [type(result).__name__ for result in results] == ["Entry"] * 3 and len(readers) == 3
    assert alive_when_started == [0, 0, 0]
