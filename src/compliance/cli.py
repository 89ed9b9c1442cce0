"""The command line: argv → exit code. The only module that prints or reads sys.argv."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__, batch
from .errors import ComplianceError, ConfigError, DocumentError
from .formatters import BINARY_FORMATS, FORMATTERS, Options
from .messages import text
from .model import ExitCode, Severity
from .readers import DEFAULT_MAX_BYTES, read_document
from .ruleset import load_ruleset
from .structure import build

HELP = {
    "zh": {
        "description": "检查法治政府建设年度报告：结构、公开信息、时限、指标，给出评分报告。",
        "check": "检查一个或多个报告（文件或目录）",
        "parse": "显示工具读到的内容：标题、年度、公开信息、章节结构",
        "paths": "报告文件或目录（目录会递归查找 .txt .md 等文件）",
        "rules": "规则包：内置名称（national）或 YAML 文件；默认 national",
        "format": "输出格式",
        "output": "写入文件而不是标准输出",
        "lang": "界面语言：zh（默认）或 en",
        "verbose": "列出已满足的要求及其依据段落",
        "fail_under": "总分低于该值即不通过（退出码 1）",
        "fail_on": "该级别及以上的问题即不通过；默认 error",
        "max_bytes": f"单个文件的大小上限（字节），默认 {DEFAULT_MAX_BYTES}",
        "no_color": "不使用颜色",
        "width": "终端报告的宽度（字符）",
        "jobs": "并行检查的进程数；默认为本机 CPU 核数",
        "baseline": "基线文件（JSON）：不存在时记录当前问题；存在时只有新问题才不通过",
    },
    "en": {
        "description": "Check annual rule-of-law government reports: structure, metadata, deadline, indicators; print a scored report.",
        "check": "check one or more reports (files or directories)",
        "parse": "show what the tool read: title, year, metadata, section tree",
        "paths": "report files or directories (directories are searched recursively for .txt, .md, …)",
        "rules": "rule pack: a bundled name (national) or a YAML file; default national",
        "format": "output format",
        "output": "write to this file instead of standard output",
        "lang": "language of the output: zh (default) or en",
        "verbose": "list the requirements met, with the passage behind each",
        "fail_under": "fail (exit 1) when the total score is below this",
        "fail_on": "fail on findings of this severity or above; default error",
        "max_bytes": f"largest file to read, in bytes (default {DEFAULT_MAX_BYTES})",
        "no_color": "no colours",
        "width": "width of the terminal report, in characters",
        "jobs": "worker processes checking files in parallel; default: the machine's cores",
        "baseline": "baseline file (JSON): recorded when it does not exist; afterwards only new findings fail",
    },
}


def _lang(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


def _parser(lang: str) -> argparse.ArgumentParser:
    h = HELP[lang]
    parser = argparse.ArgumentParser(prog="compliance", description=h["description"])
    parser.add_argument("--version", action="version", version=f"compliance {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,parse}")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default="zh", help=h["lang"])
    common.add_argument("--output", "-o", type=Path, help=h["output"])
    common.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N", help=h["max_bytes"])
    common.add_argument("--no-color", action="store_true", help=h["no_color"])
    common.add_argument("--width", type=int, help=h["width"])

    check_parser = commands.add_parser("check", parents=[common], help=h["check"], description=h["check"])
    check_parser.add_argument("paths", nargs="+", metavar="PATH", help=h["paths"])
    check_parser.add_argument("--rules", "-r", default=None, metavar="PACK", help=h["rules"])
    check_parser.add_argument("--format", "-f", choices=sorted(FORMATTERS), default="table", help=h["format"])
    check_parser.add_argument("--verbose", "-v", action="store_true", help=h["verbose"])
    check_parser.add_argument("--fail-under", type=float, metavar="SCORE", help=h["fail_under"])
    check_parser.add_argument("--fail-on", choices=[s.value for s in Severity], default="error", help=h["fail_on"])
    check_parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=h["jobs"])
    check_parser.add_argument("--baseline", type=Path, metavar="FILE", help=h["baseline"])

    parse_parser = commands.add_parser("parse", parents=[common], help=h["parse"], description=h["parse"])
    parse_parser.add_argument("paths", nargs="+", metavar="PATH", help=h["paths"])
    parse_parser.add_argument("--format", "-f", choices=("table", "json"), default="table", help=h["format"])
    return parser


def expand(paths: Sequence[str]) -> Iterator[Path]:
    """Files as given, and the supported files under each directory or glob, in a stable order."""
    return (Path(item.path) for item in batch.expand([p for p in paths if p != batch.STDIN]))


def _open(output: Path | None) -> contextlib.AbstractContextManager[TextIO]:
    if output is None:
        return contextlib.nullcontext(sys.stdout)
    return output.open("w", encoding="utf-8", newline="\n")


def _run_check(args: argparse.Namespace, options: Options) -> int:
    if args.format in BINARY_FORMATS and args.output is None:
        raise ConfigError(text("cli.binary_needs_output", format=args.format))
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(text("cli.bad_jobs", jobs=args.jobs))
    ruleset = load_ruleset(args.rules or "national")
    reason = (text("profile.given", pack=args.rules) if args.rules
              else text("profile.default", pack=ruleset.id))
    items = list(batch.expand(args.paths))
    if not items:
        raise DocumentError(text("cli.no_inputs", paths=" ".join(args.paths)), code="no_inputs")
    fail_on = Severity(args.fail_on)
    # Only the terminal's full reports and the baseline need Reports; every other view reads JSON entries.
    needs_reports = args.baseline is not None or (args.format == "table" and args.verbose)
    settings = batch.Settings(ruleset=ruleset, profile_reason=reason, fail_under=args.fail_under,
                              fail_on=fail_on, max_bytes=args.max_bytes,
                              entries=None if needs_reports else options.lang)
    results = batch.run(items, settings, jobs=args.jobs)
    known = None
    if args.baseline is not None:
        from .baseline import Baseline  # hashlib and the rescoring only when asked for

        known = Baseline.open(args.baseline)
    if known is not None:
        results = known.mark(results, fail_under=args.fail_under, fail_on=fail_on)
    tally = batch.Tally()
    results = tally.watch(results)
    # A progress bar only where a person watches, and never mixed into a machine format on stdout.
    if len(items) > 1 and sys.stderr.isatty() and (args.output is not None or args.format == "table"):
        from .progress import track

        results = track(results, total=len(items), lang=options.lang, stream=sys.stderr)
    _write(lambda out: FORMATTERS[args.format](results, out, options), args.output)
    if known is not None and known.recording:
        known.save()
    if tally.errors:
        return ExitCode.ERROR
    return ExitCode.FAILED if tally.failed else ExitCode.OK


def _write(render: Callable[[TextIO], None], output: Path | None) -> None:
    try:
        with _open(output) as out:
            render(out)
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours, and nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _run_parse(args: argparse.Namespace, options: Options) -> int:
    from .parsed import render_parsed

    status = ExitCode.OK
    documents = []
    for path in expand(args.paths):
        try:
            documents.append(build(read_document(path, max_bytes=args.max_bytes)))
        except DocumentError as error:
            print(f"compliance: {error.text.get(options.lang)}", file=sys.stderr)
            status = ExitCode.ERROR
    _write(lambda out: render_parsed(documents, out, options, as_json=args.format == "json"), args.output)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    try:
        args = _parser(lang).parse_args(argv)
    except SystemExit as exit_:  # argparse has printed usage or help already
        return int(exit_.code or 0) if isinstance(exit_.code, int) else ExitCode.ERROR
    options = Options(lang=args.lang, verbose=getattr(args, "verbose", False), width=args.width,
                      color=False if args.no_color else None)
    try:
        if args.command == "parse":
            return _run_parse(args, options)
        return _run_check(args, options)
    except ComplianceError as error:
        print(f"compliance: {error.text.get(options.lang)}", file=sys.stderr)
        return ExitCode.ERROR
    except OSError as error:  # the output file could not be written
        print(f"compliance: {text('cli.output_error', reason=error).get(options.lang)}", file=sys.stderr)
        return ExitCode.ERROR
