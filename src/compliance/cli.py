"""The command line: argv → exit code. The only module that prints or reads sys.argv."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .engine import check
from .errors import ComplianceError, DocumentError
from .formatters import FORMATTERS, Options, Result, document_facts
from .messages import text
from .model import ExitCode, FailedDocument, Report, RuleSet, Severity, Text
from .readers import DEFAULT_MAX_BYTES, READERS, read_document
from .ruleset import load_ruleset
from .structure import build

HELP = {
    "zh": {
        "description": "检查法治政府建设年度报告：结构、公开信息、时限、指标，给出评分报告。",
        "check": "检查一个或多个报告（文件或目录）",
        "parse": "显示工具读到的内容：标题、年度、公开信息、章节结构",
        "paths": "报告文件或目录（目录会递归查找 .txt .md .html .docx .pdf 等文件）",
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
    },
    "en": {
        "description": "Check annual rule-of-law government reports: structure, metadata, deadline, indicators; print a scored report.",
        "check": "check one or more reports (files or directories)",
        "parse": "show what the tool read: title, year, metadata, section tree",
        "paths": "report files or directories (directories are searched recursively for .txt, .md, .html, .docx, .pdf, …)",
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

    parse_parser = commands.add_parser("parse", parents=[common], help=h["parse"], description=h["parse"])
    parse_parser.add_argument("paths", nargs="+", metavar="PATH", help=h["paths"])
    parse_parser.add_argument("--format", "-f", choices=("table", "json"), default="table", help=h["format"])
    return parser


def _walk(directory: Path) -> Iterator[Path]:
    # os.walk does not follow directory symlinks, so a link loop cannot trap us.
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in READERS:
                yield path


def expand(paths: Sequence[str]) -> Iterator[Path]:
    """Files as given, and the supported files under each directory, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _open(output: Path | None) -> contextlib.AbstractContextManager[TextIO]:
    if output is None:
        return contextlib.nullcontext(sys.stdout)
    return output.open("w", encoding="utf-8", newline="\n")


def _check_one(path: Path, ruleset: RuleSet, args: argparse.Namespace, reason: Text) -> Result:
    try:
        document = build(read_document(path, max_bytes=args.max_bytes))
    except DocumentError as error:
        return FailedDocument(path=str(path), code=error.code, message=error.text)
    return check(document, ruleset, profile_reason=reason, fail_under=args.fail_under,
                 fail_on=Severity(args.fail_on))


def _run_check(args: argparse.Namespace, options: Options) -> int:
    ruleset = load_ruleset(args.rules or "national")
    reason = (text("profile.given", pack=args.rules) if args.rules
              else text("profile.default", pack=ruleset.id))
    results = [_check_one(path, ruleset, args, reason) for path in expand(args.paths)]
    if not results:
        raise DocumentError(text("cli.no_inputs", paths=" ".join(args.paths)), code="no_inputs")
    _write(lambda out: FORMATTERS[args.format](results, out, options), args.output)
    if any(isinstance(result, FailedDocument) for result in results):
        return ExitCode.ERROR
    return ExitCode.OK if all(isinstance(r, Report) and r.passed for r in results) else ExitCode.FAILED


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
