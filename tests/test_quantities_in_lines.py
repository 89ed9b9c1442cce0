"""find_quantities_in_lines: one scan of a document's lines finds what scanning each line alone finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.quantities import find_quantities, find_quantities_in_lines

# Context matters at a line's edges: numbering at its start (2深入), approximation words (约) and 热线 near its end.
LINE = st.text(alphabet="0123456789０１２.,%％-/至余多万亿约近超过第年月日号件人名次个一二两三十百千（）() 、。热线“", max_size=24)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.tuples(st.integers(min_value=1, max_value=500), LINE), max_size=6))
def test_one_scan_finds_what_each_line_finds(lines: list[tuple[int, str]]) -> None:
    expected = [quantity for number, text in lines for quantity in find_quantities(text, line=number)]
    assert find_quantities_in_lines(lines) == expected


def test_context_does_not_cross_lines() -> None:
    lines = [(3, "约"), (4, "12件"), (5, "工作完成。"), (6, "2、加强"), (7, "拨打12345"), (8, "热线")]
    found = find_quantities_in_lines(lines)
    assert [(q.location.line, q.raw, q.approx) for q in found] == [(4, "12件", False), (7, "12345", False)]
    assert found == [q for number, text in lines for q in find_quantities(text, line=number)]


def test_a_line_holding_a_newline_is_scanned_whole() -> None:
    assert find_quantities_in_lines([(2, "共12件\n约3人")]) == find_quantities("共12件\n约3人", line=2)
