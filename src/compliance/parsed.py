"""`compliance parse`: what the tool read from each document, as a tree or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from .formatters import Options, _section, document_facts
from .identifiers import mask_identifiers
from .messages import text
from .model import Document, Quantity, Section
from .structure.unwrap import physical


def _quantities(document: Document) -> list[Quantity]:
    """The quantities worth showing: a citizen's ID or mobile number read as a number is not one, nor printed.
    Each where an editor shows it, in a text whose printed lines were joined."""
    shown = [q for q in document.quantities if mask_identifiers(q.raw) == q.raw]
    if document.joins:
        shown = [replace(q, location=physical(q.location, document.joins)) for q in shown]
    return shown


def _as_dict(document: Document, lang: str) -> dict[str, object]:
    return {
        **document_facts(document, lang),
        "title_location": None if document.title_location is None else {
            "line": document.title_location.line, "column": document.title_location.column},
        "body_start": document.body_start,
        "sections": [_section(section) for section in document.sections],
        "quantities": [
            {"value": q.value, "unit": q.unit, "raw": q.raw, "approx": q.approx,
             "line": q.location.line, "column": q.location.column}
            for q in _quantities(document)
        ],
    }


def _source(source: str, lang: str) -> str:
    """Where the date came from: a metadata label as written, or what a signature or file property is."""
    return text(f"source.{source}").get(lang) if source in ("signature", "modified", "created") else source


def render_parsed(documents: Sequence[Document], out: TextIO, options: Options, *, as_json: bool) -> None:
    lang = options.lang
    if as_json:
        json.dump({"documents": [_as_dict(d, lang) for d in documents]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from rich.markup import escape
    from rich.tree import Tree

    from .terminal import console_for

    console = console_for(out, options, markup=True)  # its own styles are markup: the report's text is escaped

    def t(key: str, **values: object) -> str:
        return escape(text(key, **values).get(lang))

    for document in documents:
        root = Tree(f"[bold]{escape(document.title or '') or t('ui.unknown')}[/]  [dim]{escape(document.path)}[/]")
        facts = root.add(f"[bold]{t('parse.facts')}[/]")
        facts.add(f"{t('ui.year')}: {document.year or t('ui.unknown')}"
                  + (f"  ({t('ui.from', source=t('source.' + document.year_source))})" if document.year_source else ""))
        facts.add(f"{t('ui.published')}: {document.published or t('ui.unknown')}"
                  + (f"  ({escape(_source(document.published_source, lang))})" if document.published_source else ""))
        facts.add(f"{t('ui.subject')}: " + (t(f"subject.{document.subject}") if document.subject else t("ui.unknown"))
                  + (f"  ({escape(document.subject_reason.get(lang))})" if document.subject_reason else ""))
        facts.add(f"{t('parse.encoding')}: {escape(', '.join(filter(None, (document.format, document.encoding))))}")
        metadata = root.add(f"[bold]{t('parse.metadata')}[/]")
        for field_id, field in document.metadata.items():
            value = escape(field.value) or f"[dim]{t('parse.blank')}[/]"
            metadata.add(f"{field.location.line}:{field.location.column}  {escape(field.label)} [dim]({field_id})[/]: {value}")
        sections = root.add(f"[bold]{t('parse.sections')}[/]")

        def add(node: Tree, section: Section) -> None:
            mark = "" if section.separator or section.style not in ("一、", "1、") else f" [yellow]{t('parse.no_separator')}[/]"
            child = node.add(f"[blue]{section.location.line}-{section.end_line}[/]  {section.number}{section.style[-1] if section.style in ('一、', '1、') else ''} "
                             f"{escape(section.heading)}  [dim]L{section.level} {section.style}{' run-in' if section.run_in else ''}[/]{mark}")
            for sub in section.children:
                add(child, sub)

        for section in document.sections:
            add(sections, section)
        quantities = root.add(f"[bold]{t('parse.quantities', count=len(_quantities(document)))}[/]")
        for quantity in _quantities(document):
            approx = "≈" if quantity.approx else ""
            quantities.add(f"{quantity.location.line}:{quantity.location.column}  {escape(quantity.raw)} → {approx}"
                           f"{quantity.value:g} {escape(quantity.unit)}")
        for warning in document.warnings:
            root.add(f"[yellow]{escape(warning.get(lang))}[/]")
        console.print(root)
        console.print()
