"""Core values: frozen, keyword-built dataclasses and the enums every module shares.

Locations are 1-based. For plain text and Markdown, `line` is the physical line of the file as read
and `column` counts characters (not bytes). For formats without lines (HTML, DOCX, PDF), `line` is the
paragraph number in reading order.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Value = TypeVar("_Value", bound="DataclassInstance")


def _slot_init(cls: type[_Value]) -> type[_Value]:
    """Give a frozen, slotted dataclass an __init__ that fills its slots directly, same signature and values.

    A frozen dataclass's own __init__ goes through object.__setattr__ for every field; the slots' descriptors
    store the same values 2-3x faster, which counts for the hundreds of locations, quantities, sections,
    hits and findings built per document. A default_factory is called for each instance, as dataclasses do.
    The class also gets `_make`, a positional constructor taking every field in order (no defaults).
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __post_init__ needs the dataclass __init__")
    namespace: dict[str, Any] = {"FACTORY": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    lines: list[str] = []
    for field_ in dataclasses.fields(cls):
        name = field_.name
        if not field_.init:
            raise TypeError(f"{cls.__name__}.{name}: a field outside __init__ needs the dataclass __init__")
        value = name
        if field_.default_factory is not dataclasses.MISSING:
            namespace[f"factory_{name}"] = field_.default_factory
            parameter = f"{name}=FACTORY"
            value = f"factory_{name}() if {name} is FACTORY else {name}"
        elif field_.default is not dataclasses.MISSING:
            namespace[f"default_{name}"] = field_.default
            parameter = f"{name}=default_{name}"
        else:
            parameter = name
        (keyword if field_.kw_only else positional).append(parameter)
        namespace[f"set_{name}"] = getattr(cls, name).__set__
        lines.append(f"    set_{name}(self, {value})")
    parameters = ["self", *positional, *(["*", *keyword] if keyword else [])]
    # exec runs source built from the dataclass's own field names, never from input.
    exec(f"def __init__({', '.join(parameters)}):\n" + "\n".join(lines), namespace)  # noqa: S102
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = namespace["__init__"]  # type: ignore[method-assign]  # replacing it is the point
    # `_make(every field, in order)`: the same instance for the hot loops that build hundreds per document.
    # Calling a class with keywords costs a dict and twice the time of a plain positional function call.
    names = [field_.name for field_ in dataclasses.fields(cls)]
    namespace.update(CLASS=cls, NEW=object.__new__)
    exec(f"def _make({', '.join(names)}):\n    self = NEW(CLASS)\n"  # noqa: S102
         + "".join(f"    set_{name}(self, {name})\n" for name in names) + "    return self", namespace)
    namespace["_make"].__qualname__ = f"{cls.__qualname__}._make"
    # The classes that use `_make` declare it, with its signature, as a ClassVar; a type bound to
    # dataclasses cannot say that every one of them has it.
    cls._make = staticmethod(namespace["_make"])  # type: ignore[attr-defined]
    return cls


class _Factory:
    """Stands for "not given" where a field's default comes from a factory (a fresh dict for each instance)."""

    def __repr__(self) -> str:
        return "<factory>"  # what help() shows for the dataclass's own __init__


_FACTORY = _Factory()


class Severity(enum.StrEnum):
    """How much a failed rule matters; members go from least to most severe."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Status(enum.StrEnum):
    """The outcome of one rule on one document."""

    PASS = "pass"
    FAIL = "fail"
    PARTIAL = "partial"
    WAIVED = "waived"
    NOT_APPLICABLE = "not_applicable"


class ExitCode(enum.IntEnum):
    OK = 0  # every document passed its gate
    FAILED = 1  # a document failed its gate
    ERROR = 2  # usage, configuration or input error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


@_slot_init
@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing string in both languages the tool speaks."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    _make: ClassVar[Callable[[int, int, int | None, int | None], Location]]  # every field in order: _slot_init


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A numbered heading and the lines it governs (heading line through end_line)."""

    number: str  # the numeral as written: "一", "2", "①"
    style: str  # numbering style key, e.g. "一、", "（一）", "1、", "一是"
    level: int  # 1 = outermost style seen in this document
    heading: str  # heading text without its number; a run-in heading stops at its first 。
    location: Location
    end_line: int
    run_in: bool = False  # the heading's paragraph continues on the same line
    separator: str = ""  # the separator as written after the number ("、", "."); "" when it was lost
    children: tuple[Section, ...] = ()

    _make: ClassVar[Callable[[str, str, int, str, Location, int, bool, str, tuple[Section, ...]], Section]]

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number with its normalised unit as written in the text (value already scaled by 万/亿)."""

    value: float
    unit: str  # normalised: "%", "件", "人", "元", … ; "" for a bare Arabic number
    raw: str  # the exact substring, with approximation markers and unit
    approx: bool = False  # 余 多 近 约 超 逾 左右 以上
    location: Location
    upper: float | None = None  # the upper end of a range (3至5件 → value 3, upper 5)
    denominator: float | None = None  # the N of a ratio n/N (12/15 → value 12, denominator 15)

    _make: ClassVar[Callable[[float, str, str, bool, Location, float | None, float | None], Quantity]]


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """One disclosure-page metadata field as found: its label as written and its value (may be '')."""

    id: str
    label: str
    value: str
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiver:
    """A granted exception: a rule (id or glob) that does not count against some documents until it expires."""

    rule: str
    reason: str
    granted_by: str
    expires: date | None  # None: does not expire (an inline waiver without until=)
    documents: str | None = None  # glob of document paths; None = every document
    source: str = ""  # the config file or "inline" (a comment in the document)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """What a reader extracted from a file: lines of text plus facts the container itself carried."""

    path: str
    format: str
    encoding: str | None
    lines: tuple[str, ...]
    facts: Mapping[str, str] = field(default_factory=dict)  # e.g. HTML <meta> ArticleTitle, PubDate
    warnings: tuple[Text, ...] = ()
    waivers: tuple[Waiver, ...] = ()  # written into the source itself (Markdown comments)
    outline: Mapping[int, int] = field(default_factory=dict)  # line -> heading level the format marks (Word styles, <h2>)
    attachments: tuple[str, ...] = ()  # files a web page links in its text (报告.pdf): where the report may really be


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A report as the tool understood it. `lines` keep the original text for quoting."""

    path: str
    format: str
    encoding: str | None
    lines: tuple[str, ...]
    matchable: tuple[str, ...] = ()  # `lines` as patterns see them (full-width folded), same length
    title: str | None = None
    title_location: Location | None = None
    year: int | None = None
    year_source: str | None = None  # title | plan_heading | opening | published
    published: date | None = None
    published_source: str | None = None  # metadata label or "signature"
    subject: str | None = None  # government | department | township
    subject_reason: Text | None = None  # why `subject` was chosen, in both languages
    metadata: Mapping[str, Field] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    body_start: int = 1  # first line of the report's own text (after metadata, title and chrome)
    skipped_lines: frozenset[int] = frozenset()  # page chrome and metadata lines, not report text
    warnings: tuple[Text, ...] = ()  # reading problems that did not stop the check
    waivers: tuple[Waiver, ...] = ()  # inline waivers the author wrote into the source
    body_text: str = ""  # matchable report lines joined by "\n", skipped lines blanked: one search per pattern
    line_starts: tuple[int, ...] = ()  # offset of each line in body_text (index 0 = line 1)
    previous: Document | None = None  # last year's report by the same body, when given (--previous)
    # A text pasted from a PDF, its printed lines joined into paragraphs: joined line → (column in it, physical
    # line, column there) of each piece, 0-based columns (structure/unwrap.py). Empty for a text in paragraphs.
    joins: Mapping[int, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def section_at(self, line: int) -> Section | None:
        """The innermost section whose span contains `line`."""
        found = None
        for section in self.all_sections():
            if section.location.line <= line <= section.end_line:
                found = section
        return found

    def numbered_lines(self, section: Section | None = None) -> Iterator[tuple[int, str]]:
        """(line number, text) of the report's own lines, optionally within one section."""
        first, last = (
            (self.body_start, len(self.lines))
            if section is None
            else (section.location.line, section.end_line)
        )
        for number in range(first, last + 1):
            if number not in self.skipped_lines:
                yield number, self.lines[number - 1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: Severity
    weight: float
    title: Text
    message: Text | None = None
    basis: Text | None = None
    basis_status: str | None = None  # verified | secondary | unverified | none (our own design)
    hint: Text | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()  # subject types; empty = all
    effective_from: int | None = None  # first report year the rule applies to
    effective_to: int | None = None  # last report year
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    id: str
    weight: float
    title: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class Grade:
    min: float
    label: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleSet:
    id: str
    version: str
    hash: str
    source: str  # file or bundled name it was loaded from
    categories: tuple[Category, ...]
    grades: tuple[Grade, ...]
    pass_score: float
    rules: tuple[Rule, ...]
    error_caps_grade: bool = True  # a failed error-level rule grades the report at the lowest band

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    """What a kind observed: what and where, and how much of the requirement it satisfies.

    credit 1.0 is a passage that satisfies the rule, 0.0 a violation, values between are partial;
    None means the rule does not apply to this document.
    """

    detail: Text
    location: Location | None = None
    credit: float | None = 0.0
    evidence: str | None = None  # the quoted passage, original text
    data: Mapping[str, Any] = field(default_factory=dict)  # structured facts for the JSON output


@_slot_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One rule's outcome on one document, stamped by the engine."""

    rule_id: str
    kind: str
    category: str
    status: Status
    severity: Severity
    weight: float
    credit: float | None  # None when not applicable
    title: Text
    message: Text | None
    basis: Text | None
    hint: Text | None
    hits: tuple[Hit, ...] = ()
    waiver: Text | None = None
    baseline: str | None = None  # with --baseline: "known" (recorded before) or "new"; known ones do not fail the gate
    _make: ClassVar[Callable[[str, str, str, Status, Severity, float, float | None, Text, Text | None, Text | None,
                              Text | None, tuple[Hit, ...], Text | None, str | None], Finding]]

    @property
    def failed(self) -> bool:
        return self.status in (Status.FAIL, Status.PARTIAL)

    @property
    def locations(self) -> tuple[Location, ...]:
        return tuple(hit.location for hit in self.hits if hit.location is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryScore:
    id: str
    title: Text
    weight: float
    score: float | None  # None: no applicable rule (N/A, not 100)
    rules: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    total: float | None
    grade: Text | None
    passed: bool
    categories: tuple[CategoryScore, ...]
    points_lost: Mapping[str, float]  # rule id -> points of the total this finding cost
    gate: tuple[Text, ...]  # why the gate failed; empty when passed
    grade_capped: bool = False  # graded at the lowest band because an error-level requirement failed


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    document: Document
    ruleset: RuleSet
    findings: tuple[Finding, ...]
    score: Score
    profile: str
    profile_reason: Text

    @property
    def passed(self) -> bool:
        return self.score.passed


@dataclass(frozen=True, slots=True, kw_only=True)
class FailedDocument:
    """A file that could not be read: it stays in every output as an error entry."""

    path: str
    code: str
    message: Text
