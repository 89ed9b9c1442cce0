"""The command line: argv → exit code. The only module that prints or reads sys.argv."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import __version__, batch, resources
from .config import Config, discover, load_config
from .errors import ComplianceError, ConfigError
from .formatters import BINARY_FORMATS, FORMATTERS, Options, no_entries
from .messages import printable, text
from .model import ExitCode, FailedDocument, Severity, Text
from .pipeline import Settings, index_by_issuer, parse_source
from .readers import DEFAULT_MAX_BYTES, read_document
from .ruleset import load_ruleset
from .structure import build

MIN_WIDTH = 20  # the narrowest terminal report that still shows each label beside its value

DEFAULTS: dict[str, Any] = {
    "rules": None, "profile": "auto", "format": "table", "output": None, "lang": "zh", "verbose": False,
    "fail_under": None, "fail_on": "error", "max_bytes": DEFAULT_MAX_BYTES,
}


def _lang(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


# argparse's own error messages (Python 3.11 wording) and the catalogue's key for each; any other is left as is.
_USAGE_ERRORS = tuple((re.compile(pattern), key) for pattern, key in (
    (r"argument (?P<argument>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "usage.invalid_choice"),
    (r"argument (?P<argument>\S+): invalid int value: (?P<value>.+)", "usage.invalid_int"),
    (r"argument (?P<argument>\S+): invalid float value: (?P<value>.+)", "usage.invalid_float"),
    (r"argument (?P<argument>\S+): expected one argument", "usage.expected_value"),
    (r"the following arguments are required: (?P<arguments>.+)", "usage.required"),
    (r"unrecognized arguments: (?P<arguments>.+)", "usage.unrecognized"),
))


def _usage_error(message: str) -> Text:
    """argparse's message in both languages: its English as it is, the Chinese from the catalogue."""
    for pattern, key in _USAGE_ERRORS:
        if (match := pattern.fullmatch(message)) is not None:
            return Text(zh=text(key, **match.groupdict()).zh, en=message)
    return Text(zh=message, en=message)


def _warn(message: str) -> None:
    """A line for the person at the terminal, on standard error. What it quotes (a file name, a pack's text)
    may hold terminal controls: a file named with ESC … could clear the screen or retitle the window as the
    error was shown, so they are shown escaped."""
    print(f"compliance: {printable(message)}", file=sys.stderr)


def _parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str, **values: Any) -> str:
        return text(f"help.{key}", **values).get(lang)

    headings = {"positional arguments": h("positionals"), "options": h("options")}

    class Formatter(argparse.HelpFormatter):
        """argparse's own words in help (usage:, options:, -h's line) in the user's language: it says them in
        English only, so a Chinese --help was half English."""

        def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, h("usage") if prefix is None else prefix)

        def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                          groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None) -> str:
            # argparse aligns the wrapped lines under the first by the prefix's length; 用法： takes two
            # columns a character.
            formatted = super()._format_usage(usage, actions, groups, prefix)
            wide = sum(1 for char in prefix or "" if unicodedata.east_asian_width(char) in "WF")
            return formatted.replace("\n ", "\n " + " " * wide) if wide else formatted

        def format_help(self) -> str:
            # argparse ends a section's heading with ":"; Chinese text takes the full-width colon.
            formatted = super().format_help()
            if lang == "zh":
                for heading in headings.values():
                    formatted = formatted.replace(f"\n{heading}:\n", f"\n{heading}：\n")
            return formatted

        def start_section(self, heading: str | None) -> None:
            super().start_section(headings.get(heading or "", heading))

        def _get_help_string(self, action: argparse.Action) -> str | None:
            return h("help") if "--help" in action.option_strings else super()._get_help_string(action)

    class Parser(argparse.ArgumentParser):
        """argparse, its help and usage errors in the user's language (it says them in English only)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)  # subcommands' parsers are made by their parent's class
            super().__init__(*args, **kwargs)

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            said = text("usage.error", message=_usage_error(message).get(lang)).get(lang)
            self.exit(ExitCode.ERROR, f"{self.prog}: {printable(said)}\n")

    parser = Parser(prog="compliance", description=h("description"))
    parser.add_argument("--version", action="version", version=f"compliance {__version__}", help=h("version"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="{check,parse,rules}")

    common = Parser(add_help=False)  # parents of subcommands made by a Parser are Parsers as well
    common.add_argument("--lang", choices=("zh", "en"), help=h("lang"))
    common.add_argument("--output", "-o", help=h("output"))
    common.add_argument("--max-bytes", type=int, metavar="N", help=h("max_bytes", default=DEFAULT_MAX_BYTES))
    common.add_argument("--no-color", action="store_true", help=h("no_color"))
    common.add_argument("--width", type=int, help=h("width"))
    common.add_argument("--config", type=Path, metavar="FILE", help=h("config"))
    common.add_argument("--no-config", action="store_true", help=h("no_config"))

    pack = Parser(add_help=False)
    pack.add_argument("--rules", "-r", metavar="PACK", help=h("rules"))
    pack.add_argument("--profile", "-p", metavar="NAME", help=h("profile", packs=", ".join(resources.bundled_packs())))

    check = commands.add_parser("check", parents=[common, pack], help=h("check"), description=h("check"))
    check.add_argument("paths", nargs="+", metavar="PATH", help=h("paths"))
    check.add_argument("--format", "-f", choices=sorted(FORMATTERS), help=h("format"))
    check.add_argument("--verbose", "-v", action="store_true", default=None, help=h("verbose"))
    check.add_argument("--fail-under", type=float, metavar="SCORE", help=h("fail_under"))
    check.add_argument("--fail-on", choices=[s.value for s in Severity], help=h("fail_on"))
    check.add_argument("--previous", type=Path, metavar="FILE|DIR", help=h("previous"))
    check.add_argument("--jobs", "-j", type=int, metavar="N", help=h("jobs"))
    check.add_argument("--baseline", type=Path, metavar="FILE", help=h("baseline"))

    parse = commands.add_parser("parse", parents=[common], help=h("parse"), description=h("parse"))
    parse.add_argument("paths", nargs="+", metavar="PATH", help=h("paths"))
    parse.add_argument("--format", "-f", choices=("table", "json"), help=h("format"))

    rules = commands.add_parser("rules", help=h("rules_command"), description=h("rules_command"))
    actions = rules.add_subparsers(dest="action", required=True, metavar="{list,show,validate,test}")
    actions.add_parser("list", parents=[common, pack], help=h("rules_list"))
    show = actions.add_parser("show", parents=[common, pack], help=h("rules_show"))
    show.add_argument("rule_id", metavar="RULE_ID", help=h("rule_id"))
    validate = actions.add_parser("validate", parents=[common], help=h("rules_validate"))
    validate.add_argument("files", nargs="+", metavar="FILE", help=h("pack_files"))
    test = actions.add_parser("test", parents=[common], help=h("rules_test"))
    test.add_argument("pack", nargs="?", metavar="PACK", help=h("rules"))
    return parser


def expand(paths: Sequence[str]) -> Iterator[Path]:
    """Files as given, and the supported files under each directory or glob, in a stable order."""
    return (Path(item.path) for item in batch.expand([p for p in paths if p != batch.STDIN]))


def _config(args: argparse.Namespace) -> Config:
    if args.no_config:
        return Config()
    if args.config is not None:
        return load_config(args.config)
    starts = [Path(p) for p in getattr(args, "paths", ())[:1]] + [Path.cwd()]
    found = discover(starts)
    return load_config(found) if found else Config()


def _setting(args: argparse.Namespace, config: Config, key: str) -> Any:
    """A flag given on the command line wins; then the configuration file; then the default."""
    value = getattr(args, key, None)
    if value is not None and value is not False:
        return value
    return config.get(key, DEFAULTS[key])


def _write(render: Callable[[TextIO], None], output: str | None) -> None:
    try:
        # A file name that is not UTF-8 (its bytes held as lone surrogates) is written escaped, not refused.
        with contextlib.nullcontext(sys.stdout) if output is None else \
                Path(output).open("w", encoding="utf-8", errors="backslashreplace", newline="\n") as out:
            render(out)
    except (BrokenPipeError, SystemExit):
        # The reader (head, less) went away: not an error of ours, and nothing more to say. (rich turns
        # a broken pipe into SystemExit(1) itself; the exit code must still say how the check went.)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _without_output(items: list[batch.Input], output: str | None, paths: Sequence[str]) -> list[batch.Input]:
    """The inputs, less the output file: last run's summary written into the folder checked (reports/SUMMARY.md)
    is not a report. An output named as an input is refused before opening it for writing empties it."""
    target = _identity(output) if output is not None else None
    if target is None:
        return items
    kept = [item for item in items if item.data is not None or _identity(item.path) != target]
    if len(kept) < len(items) and any(_identity(path) == target for path in paths if path != batch.STDIN):
        raise ConfigError(text("cli.output_is_input", path=output))
    return kept


def _identity(path: str) -> tuple[int, int] | None:
    """The file a path names (device, inode), whatever way it is written; None when there is none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _settings(args: argparse.Namespace, config: Config, *, entries: str | None) -> Settings:
    rules = _setting(args, config, "rules")
    profile = _setting(args, config, "profile")
    ruleset = load_ruleset(rules) if rules else None
    if ruleset is not None:
        source = "--rules" if args.rules else str(config.path)
        reason = text("profile.given", pack=f"{ruleset.id} ({source})")
    else:
        reason = None
        if profile != "auto":
            from .profiles import bundled

            bundled(profile)  # an unknown profile is a usage error before any file is read
    # Last year's reports are read before any other, so that a bad --previous stops the run (exit 2).
    previous, by_issuer = None, {}
    if getattr(args, "previous", None) is not None:
        max_bytes = _setting(args, config, "max_bytes")
        if args.previous.is_dir():
            by_issuer = index_by_issuer([build(read_document(path, max_bytes=max_bytes))
                                         for path in expand([str(args.previous)])])
        else:
            previous = build(read_document(args.previous, max_bytes=max_bytes))
    return Settings(
        ruleset=ruleset, ruleset_reason=reason, profile=profile, previous=previous, previous_by_issuer=by_issuer,
        fail_under=_setting(args, config, "fail_under"), fail_on=Severity(_setting(args, config, "fail_on")),
        max_bytes=_setting(args, config, "max_bytes"), waivers=config.waivers, entries=entries,
    )


def _run_check(args: argparse.Namespace, options: Options, config: Config) -> int:
    output_format = _setting(args, config, "format")
    output = _setting(args, config, "output")
    if output_format not in FORMATTERS:
        raise ConfigError(text("cli.unknown_format", name=output_format, available=", ".join(sorted(FORMATTERS))))
    if output_format in BINARY_FORMATS and output is None:
        raise ConfigError(text("cli.binary_needs_output", format=output_format))
    if args.jobs is not None and args.jobs < 1:
        raise ConfigError(text("cli.bad_jobs", jobs=args.jobs))
    # Written so that nan fails too: every comparison with it is false, so it would pass every report.
    if args.fail_under is not None and not 0 <= args.fail_under <= 100:
        raise ConfigError(text("cli.bad_fail_under", score=args.fail_under))
    if args.baseline is not None and output is not None and Path(args.baseline).resolve() == Path(output).resolve():
        raise ConfigError(text("cli.baseline_is_output", path=output))
    _say_how_to_end_a_typed_input(args.paths, options.lang)
    items = _without_output(list(batch.expand(args.paths)), output, args.paths)
    # Only the terminal's full reports and the baseline need Reports; every other view reads JSON entries.
    needs_reports = args.baseline is not None or (output_format == "table" and options.verbose)
    settings = _settings(args, config, entries=None if needs_reports else options.lang)
    # Nothing to check is an error entry like an unreadable file: the SARIF, JUnit or JSON file a CI step
    # uploads next is still written, and says why it holds no report.
    results = batch.run(items, settings, jobs=args.jobs) if items else iter([FailedDocument(
        path=" ".join(args.paths), code="no_inputs", message=text("cli.no_inputs", paths=" ".join(args.paths)))])
    known = None
    if args.baseline is not None:
        from .baseline import Baseline  # hashlib and the rescoring only when asked for

        known = Baseline.open(args.baseline)
        results = known.mark(no_entries(results), fail_under=settings.fail_under, fail_on=settings.fail_on)
    tally = batch.Tally()
    results = tally.watch(results)
    # A progress bar only where a person watches, and never mixed into a machine format on stdout.
    if len(items) > 1 and sys.stderr.isatty() and (output is not None or output_format == "table"):
        from .progress import track

        results = track(results, total=len(items), lang=options.lang, stream=sys.stderr)
    _write(lambda out: FORMATTERS[output_format](results, out, options), output)
    # A baseline of no report (an empty folder, a glob matching nothing yet, every file unreadable) would
    # make every finding of the next run new: none is written, and the next run records one.
    if known is not None and known.recording and known.documents:
        known.save()
    if tally.errors:
        return ExitCode.ERROR
    return ExitCode.FAILED if tally.failed else ExitCode.OK


def _say_how_to_end_a_typed_input(paths: Sequence[str], lang: str) -> None:
    """An author who typed `-` at a terminal would otherwise see nothing happen."""
    if batch.STDIN in paths and sys.stdin is not None and sys.stdin.isatty():
        print(text("cli.stdin_waiting").get(lang), file=sys.stderr)


def _run_parse(args: argparse.Namespace, options: Options, config: Config) -> int:
    from .parsed import render_parsed

    status = ExitCode.OK
    documents = []
    _say_how_to_end_a_typed_input(args.paths, options.lang)
    items = list(batch.expand(args.paths))
    if not items:  # as check says it: an empty folder or a glob matching nothing is not a success
        _warn(text('cli.no_inputs', paths=' '.join(args.paths)).get(options.lang))
        status = ExitCode.ERROR
    for item in items:
        read = (partial(batch.read_given, item) if item.data is not None  # `-`, standard input, as check reads it
                else partial(read_document, item.path, max_bytes=_setting(args, config, "max_bytes")))
        parsed = parse_source(item.path, read)
        if isinstance(parsed, FailedDocument):
            _warn(parsed.message.get(options.lang))
            status = ExitCode.ERROR
        else:
            documents.append(parsed)
    # The configuration's format and output are the check's (json to results.json): parse writes its own
    # view where its command line says, not over the check's results.
    as_json = (args.format or "table") == "json"
    _write(lambda out: render_parsed(documents, out, options, as_json=as_json), args.output)
    return status


def _run_rules(args: argparse.Namespace, options: Options, config: Config) -> int:
    from . import rules_view

    if args.action == "validate":
        ok = True
        for file in args.files:
            try:
                ruleset = load_ruleset(file, verify_bundled=True)
            except ComplianceError as error:
                _warn(error.text.get(options.lang))
                ok = False
            else:
                print(text("rules.valid", path=file, pack=ruleset.id, count=len(ruleset.rules),
                           hash=ruleset.hash).get(options.lang))
        return ExitCode.OK if ok else ExitCode.ERROR
    if args.action == "test":
        ruleset = load_ruleset(args.pack or _setting(args, config, "rules") or "national")
        results = list(rules_view.self_test(ruleset))
        _write(lambda out: rules_view.render_self_test(ruleset, results, out, options), None)
        return ExitCode.OK if all(result.ok for result in results) else ExitCode.FAILED
    reference = _setting(args, config, "rules") or (
        args.profile if args.profile not in (None, "auto") else config.get("profile", "national"))
    ruleset = load_ruleset("national" if reference == "auto" else reference)
    if args.action == "list":
        _write(lambda out: rules_view.render_list(ruleset, out, options), None)
        return ExitCode.OK
    rule = next((r for r in ruleset.rules if r.id == args.rule_id), None)
    if rule is None:
        raise ConfigError(text("rules.unknown_rule", rule=args.rule_id, pack=ruleset.id))
    _write(lambda out: rules_view.render_rule(ruleset, rule, out, options), None)
    return ExitCode.OK


def _escape_what_output_cannot_encode() -> None:
    """A file name that is not UTF-8 (its bytes held as lone surrogates), or a character a console's code
    page lacks, is printed escaped (b\\udcff.txt) instead of stopping the report halfway.

    Under a C or C.UTF-8 locale (CI runners, containers) Python writes such a name's raw bytes instead
    (surrogateescape): JUnit, SARIF or JSON piped to a file was then not UTF-8, and a CI's XML or JSON
    reader refused the whole file. Standard output writes what --output writes.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) in ("strict", "surrogateescape") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


# The usual reasons an output cannot be written, in the user's language; any other keeps the system's words.
_OUTPUT_PROBLEMS = {errno.ENOENT: "cli.output_no_folder", errno.EISDIR: "cli.output_is_folder",
                    errno.EACCES: "cli.output_permission", errno.ENOSPC: "cli.output_disk_full"}


def _output_problem(error: OSError) -> Text:
    key = _OUTPUT_PROBLEMS.get(error.errno or 0)
    if key is None or error.filename is None:
        return text("cli.output_error", reason=error)
    return text(key, path=error.filename)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the process exit code."""
    _escape_what_output_cannot_encode()
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    try:
        args = _parser(lang).parse_args(argv)
    except SystemExit as exit_:  # argparse has printed usage or help already
        return int(exit_.code or 0) if isinstance(exit_.code, int) else ExitCode.ERROR
    lang = args.lang or lang
    try:
        if args.width is not None and args.width < MIN_WIDTH:  # rich draws nothing at all in no columns
            raise ConfigError(text("cli.bad_width", width=args.width, minimum=MIN_WIDTH))
        if args.max_bytes is not None and args.max_bytes < 1:  # it would refuse every file, blaming the file
            raise ConfigError(text("cli.bad_max_bytes", limit=args.max_bytes))
        config = _config(args)
        lang = _setting(args, config, "lang")  # the configuration's language, for what goes wrong from here on
        options = Options(lang=lang, verbose=bool(_setting(args, config, "verbose"))
                          if args.command == "check" else False,
                          width=args.width, color=False if args.no_color else None)
        runner = {"check": _run_check, "parse": _run_parse, "rules": _run_rules}[args.command]
        return runner(args, options, config)
    except KeyboardInterrupt:  # Ctrl-C: what was written so far stays; no traceback
        _warn(text('cli.interrupted').get(lang))
        return ExitCode.INTERRUPTED
    except ComplianceError as error:
        _warn(error.text.get(lang))
        return ExitCode.ERROR
    except OSError as error:  # the output file could not be written
        _warn(_output_problem(error).get(lang))
        return ExitCode.ERROR
    except Exception as error:  # a bug of ours: one clear line, the details only when asked for
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        message = text("internal.error", error=f"{type(error).__name__}: {error}",
                       where="; ".join(getattr(error, "__notes__", [])) or "cli")
        _warn(message.get(lang))
        return ExitCode.ERROR
