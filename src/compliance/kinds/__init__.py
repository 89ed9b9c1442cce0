"""Rule kinds: the checks a rule in a pack can ask for, one generator function each.

A kind's keyword-only arguments are its `params` (the schema's `$defs/<kind>` mirrors them). A kind
yields Hits — what it saw, where, and how much of the requirement that satisfies — and never sees the
rule's id or severity. No hits at all means the requirement is met with nothing to show.
Adding a kind: its function in a module here, an entry in KINDS, `$defs/<kind>` in
schemas/rulepack.schema.json and tests/cases/<kind>.yaml; a parity test keeps the four in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Hit
from .content import copied_text, data_density, personal_data, year_slips
from .indicators import count_order, indicator, percent_range, rate_consistency
from .quality import missing_numeral, missing_unit, numbering, paired_punctuation, sentence_end
from .structural import deadline, metadata, part, phrase, year_consistency
from .trend import yoy_claims

Kind = Callable[..., Iterator[Hit]]

KINDS: dict[str, Kind] = {
    "copied_text": copied_text,
    "count_order": count_order,
    "data_density": data_density,
    "deadline": deadline,
    "indicator": indicator,
    "metadata": metadata,
    "missing_numeral": missing_numeral,
    "missing_unit": missing_unit,
    "numbering": numbering,
    "paired_punctuation": paired_punctuation,
    "part": part,
    "percent_range": percent_range,
    "personal_data": personal_data,
    "phrase": phrase,
    "rate_consistency": rate_consistency,
    "sentence_end": sentence_end,
    "year_consistency": year_consistency,
    "year_slips": year_slips,
    "yoy_claims": yoy_claims,
}
