"""Fuzz the user's path (read_document → build → engine.check with the bundled pack) with damaged reports.

    python benchmarks/fuzz/fuzz_reports.py [--seconds 60] [--seed 1] [--target text|bytes|all]

text: the sample and real reports hard-wrapped as a PDF pastes them (by printed width or characters, page
numbers, running headers, blank lines, punctuation-only lines, zero-width characters, mixed CR/LF/CRLF,
UTF-8 or GB18030), through the unwrap of structure/unwrap.py. bytes: the sample .html, .doc, .rtf, .docx, .pdf
and web archives of the page (base64 and quoted-printable, LF, CRLF and CR) mutated byte by byte and read
under their own suffix or another. Every input must be read or refused (a DocumentError, exit 2), never raise;
refusals caused by an IndexError, KeyError, TypeError … raised in the project's own code are reported
as masked bugs;
each finding's location must lie in the file (1 ≤ line ≤ its lines, 1 ≤ column ≤ the line's length + 1);
an input taking over a second is reported. What fails is written to --out. No network; not a test.
"""

from __future__ import annotations

import argparse
import base64
import quopri
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from compliance import engine, profiles
from compliance.errors import ComplianceError
from compliance.model import Location
from compliance.readers import READERS
from compliance.structure import build
from compliance.structure.unwrap import _width, physical

SAMPLES = ROOT / "samples"
REPORTS = [path.read_text("utf-8") for path in
           [SAMPLES / "xihu-2021.txt", *sorted((ROOT / "tests" / "data" / "real").glob("*.txt"))]]
BUGS = (IndexError, KeyError, TypeError, AttributeError, ZeroDivisionError, RecursionError, AssertionError,
        NameError, OverflowError, UnboundLocalError)
NOISE = ["", " ", "\u200b", "\ufeff", "。。。。", "…………", "——", "- 3 -", "第 3 页 共 9 页", "1/9", "Page 2 of 9", "三是",
         "（2）", "②", "2、", "一、", "\t", "\u3000\u3000", "abc", "1" * 30, "“", "（", "\x0c", "：", "\u00a0", "十一是", "⑳"]
TOKENS = [b"\r", b"\n", b"\r\n", b"=", b"--", b"------=_P", b"------=_P--", b"<td>", b"<p>", b"</p>", b"<table>",
          b"mso-list:l0 level9 lfo1", b"\x00", b"\xff", b"&#", b"\\par ", b"{", b"}", b"\\'b0", b"%PDF-1.4",
          b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04", b"MIME-Version: 1.0\n", b"<html>", b"\xef\xbb\xbf"]


def _outside(location: Location, lines: tuple[str, ...]) -> str | None:
    """What puts `location` outside the file's lines, or None."""
    end_line = location.end_line or location.line
    if not 1 <= location.line <= end_line <= len(lines):
        return f"lines {location.line}–{end_line} outside 1..{len(lines)}"
    if not 1 <= location.column <= len(lines[location.line - 1]) + 1:
        return f"column {location.column} outside line {location.line}"
    if location.end_column is not None and not 1 <= location.end_column <= len(lines[end_line - 1]) + 1:
        return f"end column {location.end_column} outside line {end_line}"
    return None


def check(suffix: str, data: bytes) -> list[str]:
    """What went wrong reading and checking `data` as a file named x`suffix`."""
    try:
        try:
            source = READERS[suffix](Path("x" + suffix), data)
            document = build(source)
        except ComplianceError as error:
            cause = error.__cause__ or error.__context__
            return [f"masked {cause!r}"] if _own_bug(cause) else []
        profile, reason = profiles.choose(document, "auto")
        report = engine.check(document, profiles.bundled(profile), profile_reason=reason)
        located = [hit.location for finding in report.findings for hit in finding.hits if hit.location]
        located += [physical(quantity.location, document.joins) for quantity in document.quantities]
        return [problem for location in located if (problem := _outside(location, source.lines))]
    except Exception:  # noqa: BLE001 - what is looked for
        return [traceback.format_exc()]


def _own_bug(cause: BaseException | None) -> bool:
    """Whether a refusal hides a bug of the project's own code (a damaged file's error inside pypdf is none)."""
    if not isinstance(cause, BUGS) or cause.__traceback__ is None:
        return False
    return "compliance" in traceback.extract_tb(cause.__traceback__)[-1].filename


def _printed(paragraph: str, width: int, measure: bool) -> list[str]:
    lines, line, used = [], "", 0
    for char in paragraph:
        size = _width(char) if measure else 1
        if used + size > width:
            lines.append(line)
            line, used = "", 0
        line, used = line + char, used + size
    return [*lines, line]


def text_input(rng: random.Random) -> tuple[str, bytes]:
    width, measure = rng.choice([20, 28, 40, 56, 64, 80, 400, rng.randint(10, 200)]), rng.random() < 0.5
    header, page_number = rng.choice(["桑榆县2023年度法治政府建设情况报告", "", "1"]), rng.choice(["— {} —", "第 {} 页", "{}/9"])
    per_page = rng.randint(1, 40)
    lines: list[str] = []
    for number, line in enumerate(line for paragraph in rng.choice(REPORTS).splitlines()
                                  for line in _printed(rng.choice(["", "\u3000\u3000"]) + paragraph, width, measure)):
        if number and number % per_page == 0:
            lines += [page_number.format(number // per_page), header]
        if rng.random() < 0.05:
            cut = rng.randrange(len(line) + 1)
            line = line[:cut] + rng.choice(NOISE) + line[cut:]
        lines.append(line)
    text = "".join(line + rng.choice(["\n", "\n", "\r\n", "\r"]) for line in lines)
    return rng.choice([".txt", ".md"]), text.encode(rng.choice(["utf-8", "gb18030"]), "replace")


def _archive(page: bytes, encoding: str, newline: bytes) -> bytes:
    body = base64.encodebytes(page) if encoding == "base64" else quopri.encodestring(page)
    head = (b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_P"; start="<p1>"\n\n------=_P\n'
            b"Content-Type: text/css\n\nbody{}\n------=_P\nContent-ID: <p1>\nContent-Type: text/html; charset=utf-8\n"
            b"Content-Transfer-Encoding: " + encoding.encode() + b"\n\n")
    return (head + body + b"\n------=_P--\n").replace(b"\n", newline)


PAGE = (SAMPLES / "xihu-2021.html").read_bytes()
SEEDS = [(PAGE, ".html"), (_archive(PAGE, "base64", b"\n"), ".mht"), (_archive(PAGE, "quoted-printable", b"\r\n"), ".mht"),
         (_archive(PAGE, "base64", b"\r"), ".mhtml"),
         *((path.read_bytes(), path.suffix) for path in sorted(SAMPLES.glob("xihu-2021.*"))
           if path.suffix in (".doc", ".rtf", ".docx", ".pdf"))]


def bytes_input(rng: random.Random) -> tuple[str, bytes]:
    seed, suffix = rng.choice(SEEDS)
    data = bytearray(seed)
    for _ in range(rng.choice([1, 2, 4, 8, 30])):
        at = rng.randrange(len(data) or 1)
        action = rng.random()
        if action < 0.35 and data:
            data[at] = rng.randrange(256)
        elif action < 0.6:
            data[at:at] = rng.choice(TOKENS)
        elif action < 0.75:
            del data[at:at + rng.randint(1, 64)]
        elif action < 0.9:
            data[at:at] = data[rng.randrange(len(data) or 1):][:200]
        else:
            data[at:at] = data[at:at + rng.randint(1, 2000)] * rng.randint(2, 20)
    return rng.choice([".html", ".mht", ".doc", ".rtf", ".docx", ".pdf"]) if rng.random() < 0.15 else suffix, bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=("text", "bytes", "all"), default="all")
    parser.add_argument("--out", type=Path, default=Path("fuzz-found"))
    args = parser.parse_args()
    makers = {"text": [text_input], "bytes": [bytes_input], "all": [text_input, bytes_input]}[args.target]
    rng, end, runs, slowest = random.Random(args.seed), time.monotonic() + args.seconds, 0, (0.0, 0)
    while time.monotonic() < end:
        seed = rng.randrange(1 << 30)
        suffix, data = rng.choice(makers)(random.Random(seed))
        started = time.perf_counter()
        problems = check(suffix, data)
        took = time.perf_counter() - started
        runs, slowest = runs + 1, max(slowest, (took, seed))
        if problems or took > 1.0:
            args.out.mkdir(exist_ok=True)
            (args.out / f"{seed}{suffix}").write_bytes(data)
            print(f"{seed}{suffix} {took:.2f} s {problems[:2]}", flush=True)
    print(f"{runs} inputs; the slowest took {slowest[0]:.3f} s (seed {slowest[1]})")


if __name__ == "__main__":
    main()
