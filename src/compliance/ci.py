"""Formats for CI: SARIF 2.1.0 (code scanning), JUnit XML (test reports), GitHub Actions annotations.

Each is a view of the JSON contract: failing findings (fail or partial) become results, failures or
annotations at their evidence's location; unreadable files become tool errors.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from . import __version__
from .formatters import Entry, Options, Result, document_dict
from .messages import text

FAILING = ("fail", "partial")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _documents(results: Iterable[Result | Entry], options: Options) -> Iterator[dict[str, Any]]:
    for result in results:
        yield document_dict(result, options.lang)


def _located(finding: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The evidence entries that show the problem (credit below 1), or one without a place."""
    hits = [e for e in finding["evidence"] if e["credit"] is not None and e["credit"] < 1]
    return hits or [{"detail": finding["title"], "location": None, "quote": None, "credit": 0.0}]


def _message(finding: Mapping[str, Any], hit: Mapping[str, Any]) -> str:
    detail = hit["detail"]
    return finding["title"] if detail == finding["title"] else f"{finding['title']}: {detail}"


def _t(key: str, lang: str, **values: object) -> str:
    return text(key, **values).get(lang)


# ---------------------------------------------------------------- SARIF


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it in the repository); an absolute one is a file URI.

    Both percent-encode the name's own bytes: a name that is not UTF-8 (GBK, from a zip made on Chinese
    Windows) holds them as lone surrogates, which UTF-8 cannot encode.
    """
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    # The separator is the platform's: a backslash is one on Windows, and a character of the name elsewhere.
    return quote(os.fsencode(PurePath(path).as_posix()), safe="/")


def _sarif_rule(finding: Mapping[str, Any], lang: str) -> dict[str, Any]:
    help_lines = [line for line in (
        finding["hint"] and f"{_t('ui.hint', lang)}: {finding['hint']}",
        finding["basis"] and f"{_t('ui.basis', lang)}: {finding['basis']}",
    ) if line]
    return {
        "id": finding["rule_id"],
        "shortDescription": {"text": finding["title"]},
        "fullDescription": {"text": finding["basis"] or finding["title"]},
        "help": {"text": "\n".join(help_lines) or finding["title"],
                 "markdown": "\n\n".join(help_lines) or finding["title"]},
        "defaultConfiguration": {"level": SARIF_LEVEL[finding["severity"]]},
        "properties": {"category": finding["category"], "kind": finding["kind"], "weight": finding["weight"],
                       "tags": [finding["category"]]},
    }


def _sarif_region(location: Mapping[str, int], quote_: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": location["line"], "startColumn": location["column"]}
    if "end_line" in location:
        region["endLine"] = location["end_line"]
    if "end_column" in location:
        region["endColumn"] = location["end_column"]
    if quote_:
        region["snippet"] = {"text": quote_}
    return region


def sarif(results: Iterable[Result | Entry], options: Options) -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log: one run, the pack's rules, one result per failing passage."""
    rules: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for document in _documents(results, options):
        uri = _uri(document["path"])
        artifacts.append({"location": {"uri": uri}})
        if document["error"]:
            notifications.append({
                "level": "error", "message": {"text": document["error"]["message"]},
                "descriptor": {"id": document["error"]["code"]},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            })
            continue
        for finding in document["findings"]:
            if finding["rule_id"] not in rules:
                index[finding["rule_id"]] = len(rules)
                rules[finding["rule_id"]] = _sarif_rule(finding, options.lang)
            if finding["status"] not in FAILING:
                continue
            for hit in _located(finding):
                physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
                if hit["location"]:
                    physical["region"] = _sarif_region(hit["location"], hit["quote"])
                result: dict[str, Any] = {
                    "ruleId": finding["rule_id"], "ruleIndex": index[finding["rule_id"]],
                    "level": SARIF_LEVEL[finding["severity"]],
                    "message": {"text": _message(finding, hit)},
                    "locations": [{"physicalLocation": physical}],
                    "properties": {"status": finding["status"], "points_lost": finding["points_lost"]},
                }
                if finding["baseline"]:
                    result["baselineState"] = "unchanged" if finding["baseline"] == "known" else "new"
                sarif_results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "compliance", "version": __version__, "semanticVersion": __version__,
                                "rules": list(rules.values())}},
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "artifacts": artifacts,
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render_sarif(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    json.dump(sarif(results, options), out, ensure_ascii=False, indent=2)
    out.write("\n")


# ---------------------------------------------------------------- JUnit XML


def _where(path: str, location: Mapping[str, int] | None) -> str:
    return f"{path}:{location['line']}:{location['column']}" if location else path


def _junit_suite(document: Mapping[str, Any], lang: str) -> ET.Element:
    path = document["path"]
    suite = ET.Element("testsuite", name=path)
    if document["error"]:
        case = ET.SubElement(suite, "testcase", name="read", classname="compliance", file=path)
        error = ET.SubElement(case, "error", message=document["error"]["message"], type=document["error"]["code"])
        error.text = document["error"]["message"]
        suite.attrib.update(tests="1", failures="0", errors="1", skipped="0")
        return suite
    properties = ET.SubElement(suite, "properties")
    for name, value in (("title", document["title"] or ""), ("score", "" if document["score"] is None else str(document["score"])),
                        ("grade", document["grade"] or ""), ("passed", "true" if document["passed"] else "false")):
        ET.SubElement(properties, "property", name=name, value=value)
    failures = skipped = 0
    for finding in document["findings"]:
        hits = _located(finding)
        first = hits[0]["location"]
        case = ET.SubElement(suite, "testcase", name=f"{finding['rule_id']} {finding['title']}",
                             classname=f"compliance.{finding['category']}", file=path)
        if first:
            case.set("line", str(first["line"]))
        lines = [f"{_where(path, hit['location'])}: {_message(finding, hit)}"
                 + (f"\n    “{hit['quote']}”" if hit["quote"] else "") for hit in hits]
        if finding["hint"]:
            lines.append(f"{_t('ui.hint', lang)}: {finding['hint']}")
        if finding["status"] in FAILING and finding["severity"] != "info" and finding["baseline"] != "known":
            failures += 1
            failure = ET.SubElement(case, "failure", message=_message(finding, hits[0]), type=finding["severity"])
            failure.text = "\n".join(lines)
        elif finding["status"] in FAILING:
            # info-level and baseline findings do not fail the build, but the log still shows them
            ET.SubElement(case, "system-out").text = "\n".join(lines)
        elif finding["status"] in ("not_applicable", "waived"):
            skipped += 1
            reason = next((e["detail"] for e in finding["evidence"]), finding["status"])
            ET.SubElement(case, "skipped", message=reason)
    suite.attrib.update(tests=str(len(document["findings"])), failures=str(failures), errors="0",
                        skipped=str(skipped))
    return suite


# Characters XML 1.0 forbids even as references: text copied out of Word keeps its manual line breaks (\v)
# and page breaks (\f), and one of them in a quote made the whole file unreadable to a CI's JUnit reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(serialized: str) -> str:
    """The XML with each forbidden character written as its escape (\\x0c): they occur only in values."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", serialized)


def render_junit(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """A <testsuite> per document and a <testcase> per rule, written as the documents arrive."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="compliance">\n')
    for document in _documents(results, options):
        suite = _junit_suite(document, options.lang)
        ET.indent(suite, space="  ", level=1)
        out.write("  " + _xml_safe(ET.tostring(suite, encoding="unicode")) + "\n")
    out.write("</testsuites>\n")


# ---------------------------------------------------------------- GitHub Actions annotations


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _plain_line(value: str) -> str:
    """A value that opens a log line but must not issue a command: no line break, and no "::" to open it
    (a pull request may add a report named "x\n::warning::…" or "::notice::…")."""
    escaped = _escape_data(value)
    return escaped.replace(":", "%3A", 1) if escaped.lstrip().startswith("::") else escaped


def annotation(level: str, message: str, **properties: object) -> str:
    """One workflow command, escaped as the Actions runner expects."""
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{level} {props}::{_escape_data(message)}" if props else f"::{level}::{_escape_data(message)}"


def render_github(results: Iterable[Result | Entry], out: TextIO, options: Options) -> None:
    """One annotation per failing passage, on its file and line, so the pull request shows it in place."""
    for document in _documents(results, options):
        path = document["path"]
        if document["error"]:
            out.write(annotation("error", document["error"]["message"], file=path,
                                 title=_t("ui.error", options.lang)) + "\n")
            continue
        for finding in document["findings"]:
            if finding["status"] not in FAILING or finding["baseline"] == "known":
                continue
            for hit in _located(finding):
                location = hit["location"] or {}
                message = _message(finding, hit) + (f" — {finding['hint']}" if finding["hint"] else "")
                out.write(annotation(
                    GITHUB_LEVEL[finding["severity"]], message, file=path, line=location.get("line"),
                    endLine=location.get("end_line"), col=location.get("column"),
                    endColumn=location.get("end_column"), title=f"{finding['title']} [{finding['rule_id']}]",
                ) + "\n")
        verdict = _t("ui.passed" if document["passed"] else "ui.failed", options.lang)
        out.write(f"{_plain_line(path)}: {document['score']} {document['grade'] or ''} {verdict}\n")
