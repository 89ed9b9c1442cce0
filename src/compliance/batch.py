"""Many files: which inputs a command line names, checking them in worker processes, streaming results.

Results come back in input order, one slim Report (the document's text dropped) or FailedDocument per
input, so memory stays flat however many files a batch holds; one unreadable file costs only its own
result.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import itertools
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from . import profiles
from .formatters import Entry, encode_document, utf8_escaped
from .model import FailedDocument, Report, RuleSet, Source, Status
from .pipeline import Settings, check_path, check_source
from .readers import READERS, read_md, read_txt

Result = Report | FailedDocument

STDIN = "-"
_MARKDOWN_HEADING = re.compile(rb"(?m)^[ ]{0,3}#{1,6}[ \t]")
_GLOB_CHARS = frozenset("*?[")
POOL_MINIMUM = 12  # fewer documents than this are checked in the main process
CHUNK = 16  # documents per task: amortises inter-process overhead without delaying the first result


@dataclass(frozen=True, slots=True, kw_only=True)
class Input:
    """One document to check: a file, or bytes already read (standard input)."""

    path: str
    data: bytes | None = None


# Archives an office sends its report in: found in a folder, each is listed as a file not read (unpack it),
# where it was passed over in silence and the supervisor never knew a submission was left unchecked.
ARCHIVES = frozenset({".zip", ".rar", ".7z"})


def _walk(directory: Path) -> Iterator[Path]:
    # os.walk does not follow directory symlinks, so a link loop cannot trap us.
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in READERS or path.suffix.lower() in ARCHIVES:
                yield path


def _standard_input() -> bytes:
    """What standard input holds; nothing when the process has none (started with it closed, as a service or
    some CI steps are), as from /dev/null: the input is then refused as empty like any other."""
    return sys.stdin.buffer.read() if sys.stdin is not None else b""


def expand(paths: Sequence[str], stdin: Callable[[], bytes] | None = None) -> Iterator[Input]:
    """Files as given, supported files under directories, glob matches, `-` for standard input; stable order."""
    for raw in paths:
        if raw == STDIN:
            read = stdin or _standard_input
            yield Input(path="<stdin>", data=read())
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (Input(path=str(p)) for p in _walk(path))
        elif not path.exists() and _GLOB_CHARS & set(raw):
            # A pattern the shell did not expand (quoted, or on Windows): expand it ourselves.
            for match in sorted(glob.glob(raw, recursive=True)):
                matched = Path(match)
                if matched.is_dir():
                    yield from (Input(path=str(p)) for p in _walk(matched))
                elif matched.suffix.lower() in READERS:
                    yield Input(path=match)
        else:
            yield Input(path=raw)


def slim(report: Report) -> Report:
    """The report without the document's text: what outputs need, small enough to send between processes."""
    document = replace(report.document, lines=(), matchable=(), skipped_lines=frozenset())
    return replace(report, document=document)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a document is checked. What parsing and the rules make (lines,
    figures, hits) refers to nothing that refers back, so reference counting frees it; the collector only
    walked it again and again as it grew (a 4 MB report: 7.2 s, 2.3 with the memo letting go too). The
    cycles a reader leaves (pypdf's, olefile's, lxml's objects) wait for the collection that resumes once
    the document is reduced to its result: hence one document at a time, never a chunk."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_given(item: Input) -> Source:
    """An input's bytes already read: standard input, which has no suffix; Markdown headings (# …) say
    which reader it needs."""
    data = item.data or b""
    reader = read_md if _MARKDOWN_HEADING.search(data[:65536]) else read_txt
    return reader(Path(item.path), data)


def check_one(item: Input, settings: Settings, *, full: bool = False) -> Result:
    """Read, parse and check one input (slim unless `full`); an unreadable one becomes a FailedDocument."""
    with collector_paused():
        if item.data is not None:
            result = check_source(item.path, settings, partial(read_given, item))
        else:
            result = check_path(Path(item.path), settings)
        return result if full or isinstance(result, FailedDocument) else slim(result)


def _ruleset_of(result: Report | Entry, settings: Settings) -> RuleSet:
    """The rule set a worker checked with: sent back by name, not whole (it would dominate the traffic)."""
    return settings.ruleset if settings.ruleset is not None else profiles.bundled(result.profile)


# ---------------------------------------------------------------- worker processes

_SETTINGS: Settings | None = None
_NO_RULES = RuleSet(id="", version="", hash="", source="", categories=(), grades=(), pass_score=0.0, rules=())


def _init(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    # Ctrl-C reaches every process of the terminal's group: the parent alone answers it (cancels what has
    # not started, says the run was interrupted). A worker interrupted would print a traceback of its own,
    # and one killed while sending its chunk back would leave the parent waiting for the rest for ever.
    import signal  # only in workers: a single report's cold start skips it

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What is alive now (modules, compiled patterns, the settings) lives as long as the worker: out of the
    # collector's sight, it is not traversed again by every full collection.
    gc.freeze()


def _check_chunk(items: list[Input]) -> list[Result | Entry]:
    assert _SETTINGS is not None
    settings = _SETTINGS
    return [_check_reduced(item, settings) for item in items]


def _check_reduced(item: Input, settings: Settings) -> Result | Entry:
    """One document checked and reduced (to its JSON entry, or slimmed) at once: a chunk of full reports held
    at once makes the cyclic collector run ten times as often, ~5 % of a worker's time."""
    # Paused for this document only, not the chunk: what a reader leaves in reference cycles (pypdf's
    # reader and every object of its file, olefile's, lxml's parser) is freed by the collector alone, and
    # a chunk of sixteen large PDFs held at once took a worker from 70 MB to 163 MB (1 MB PDFs).
    with collector_paused():
        return _reduce(check_one(item, settings, full=True), settings)


def _reduce(result: Result, settings: Settings) -> Result | Entry:
    if not isinstance(result, Report):
        return result
    if settings.entries:  # the entry is made from the full report: the document's text is still there
        return _entry(result, settings.entries)
    # The parent holds the rule set already; sending it back with every report would dominate the traffic.
    return replace(slim(result), ruleset=_NO_RULES)


def _entry(report: Report, lang: str) -> Entry:
    return Entry(json=utf8_escaped(encode_document(report, lang)), lang=lang, passed=report.passed,
                 score=report.score.total, ruleset=_NO_RULES, profile=report.profile,
                 waived=sum(1 for finding in report.findings if finding.status is Status.WAIVED))


def _chunks(items: Iterable[Input], size: int) -> Iterator[list[Input]]:
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def worker_limit() -> int:
    """The most worker processes a run starts, whatever --jobs asks: checking is CPU work, so more than a few
    per core only costs memory (~40 MB each; --jobs 100000 would start one per file), and on Windows
    ProcessPoolExecutor refuses more than 61."""
    return min(4 * (os.cpu_count() or 1), 61 if sys.platform == "win32" else 1024)


def run(items: Sequence[Input], settings: Settings, *, jobs: int | None = None) -> Iterator[Result | Entry]:
    """Check every input and yield its result in input order, in `jobs` worker processes."""
    jobs = min(max(1, jobs or os.cpu_count() or 1), worker_limit())
    if jobs == 1 or len(items) < POOL_MINIMUM:
        # Starting worker processes costs more than checking a handful of documents here.
        for item in items:
            yield check_one(item, settings)
        return
    from concurrent.futures import Future, ProcessPoolExecutor  # a single report's cold start skips these
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(CHUNK, len(items) // (jobs * 4) or 1))
    jobs = min(jobs, -(-len(items) // chunk))  # no more workers than there are chunks to give them
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(settings,)) as pool:
        # At most a few chunks per worker in flight: memory stays flat when output is slower than checking.
        pending: deque[tuple[Future[list[Result | Entry]] | None, list[Input]]] = deque()
        chunks = _chunks(items, chunk)

        def submit(part: list[Input]) -> None:
            try:
                pending.append((pool.submit(_check_chunk, part), part))
            except BrokenProcessPool:
                pending.append((None, part))

        for part in itertools.islice(chunks, jobs * 3):
            submit(part)
        try:
            while pending:
                future, part = pending.popleft()
                try:
                    done = future.result() if future is not None else None
                except BrokenProcessPool:
                    done = None
                if done is None:
                    # A worker process died (killed, out of memory): check its documents here instead.
                    done = [check_one(item, settings) for item in part]
                next_part = next(chunks, None)
                if next_part is not None:
                    submit(next_part)
                for result in done:
                    if isinstance(result, (Report, Entry)):
                        result = replace(result, ruleset=_ruleset_of(result, settings))
                    yield result
        except (KeyboardInterrupt, GeneratorExit):  # Ctrl-C, or the output stopped reading early
            pool.shutdown(cancel_futures=True)  # the chunks being checked finish (a moment); no other starts
            raise


@dataclass(slots=True)
class Tally:
    """Exit status of a stream of results, counted as they pass by."""

    documents: int = 0
    errors: int = 0
    failed: int = 0

    def watch(self, results: Iterable[Result | Entry]) -> Iterator[Result | Entry]:
        for result in results:
            self.documents += 1
            if isinstance(result, FailedDocument):
                self.errors += 1
            elif not result.passed:
                self.failed += 1
            yield result
