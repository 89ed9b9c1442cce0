"""The slot-filling __init__ of hot value types behaves as the dataclass one: keywords, defaults, frozen."""

from __future__ import annotations

import dataclasses
import pickle
import typing

import pytest

from compliance.kinds.indicators import Binding
from compliance.model import Field, Finding, Hit, Location, Quantity, Section, Text


def test_defaults_keywords_and_equality() -> None:
    location = Location(line=3)
    assert (location.column, location.end_line, location.end_column) == (1, None, None)
    assert location == Location(line=3, column=1) and hash(location) == hash(Location(line=3, column=1))
    with pytest.raises(TypeError):
        Location(3)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Location()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Location(line=1, row=2)  # type: ignore[call-arg]


def test_values_stay_frozen_and_copyable() -> None:
    quantity = Quantity(value=39.0, unit="件", raw="39件", location=Location(line=2, column=5))
    with pytest.raises(dataclasses.FrozenInstanceError):
        quantity.value = 1.0  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(quantity)) == quantity
    assert dataclasses.replace(quantity, value=40.0).value == 40.0
    section = Section(number="一", style="一、", level=1, heading="成效", location=Location(line=1), end_line=9)
    assert (section.run_in, section.separator, section.children) == (False, "", ())
    field = Field(id="date", label="生成日期", value="2022-03-11", location=Location(line=4))
    assert dataclasses.asdict(field)["location"] == {"line": 4, "column": 1, "end_line": None, "end_column": None}


def test_factory_defaults_are_fresh_and_text_stays_positional() -> None:
    first, second = Hit(detail=Text("缺少", "missing")), Hit(detail=Text(zh="缺少", en="missing"))
    assert first == second and first.data == {} and first.data is not second.data
    assert pickle.loads(pickle.dumps(first)) == first and dataclasses.replace(first, credit=1.0).credit == 1.0
    assert Hit(detail=first.detail, data={"embedded": True}).data == {"embedded": True}
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.credit = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        Hit(Text("a", "b"))  # type: ignore[misc]
    assert hash(Text("a", "b")) == hash(Text(zh="a", en="b"))


def test_make_builds_the_same_values_positionally() -> None:
    location = Location._make(2, 5, 2, 8)
    assert location == Location(line=2, column=5, end_line=2, end_column=8) and type(location) is Location
    quantity = Quantity._make(39.0, "件", "39件", True, location, 40.0, None)
    assert quantity == Quantity(value=39.0, unit="件", raw="39件", approx=True, location=location, upper=40.0)
    assert pickle.loads(pickle.dumps(quantity)) == quantity and hash(quantity) == hash(dataclasses.replace(quantity))
    with pytest.raises(dataclasses.FrozenInstanceError):
        location.line = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Location._make(2)  # every field is given



@pytest.mark.parametrize("cls", [Location, Section, Quantity, Binding, Finding])
def test_declared_make_signature_is_the_fields_in_order(cls: type) -> None:
    # The ClassVar is what mypy checks the hot loops' positional calls against; _slot_init makes the function.
    hints = typing.get_type_hints(cls)
    (make,) = typing.get_args(hints["_make"])  # ClassVar[Callable[[fields…], cls]]
    parameters, returned = typing.get_args(make)
    assert parameters == [hints[field.name] for field in dataclasses.fields(cls)] and returned is cls
