"""The model's plain functions: codes, money and rounding bounds, sources, JSON round trips."""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.export.json import from_data, to_data
from yusuan.model import (
    Amount,
    CatalogRow,
    Column,
    Figure,
    FundingSplit,
    Indicator,
    Money,
    Paragraph,
    Period,
    ReadNote,
    Row,
    RowRole,
    Source,
    TocEntry,
    Unit,
    convert,
    places,
    rounding_bound,
)
from yusuan.model.codes import CodeScheme, children_of, level, normalize, parent, parents, scheme
from yusuan.model.records import slot_init
from yusuan.text import parse_amount

D = Decimal


@pytest.mark.parametrize(
    ("code", "expected_scheme", "expected_level", "expected_parent"),
    [
        ("208", CodeScheme.FUNCTION, 1, None),
        ("20805", CodeScheme.FUNCTION, 2, "208"),
        ("2080505", CodeScheme.FUNCTION, 3, "20805"),
        ("301", CodeScheme.DEPT_ECON, 1, None),
        ("30231", CodeScheme.DEPT_ECON, 2, "302"),
        ("3010201", CodeScheme.DEPT_ECON, 3, "30102"),  # Chongqing's third level (规范性津补贴)
        ("50101", CodeScheme.GOV_ECON, 2, "501"),
        ("A", CodeScheme.SERVICE, 1, None),
        ("A01", CodeScheme.SERVICE, 2, "A"),
        ("A0101", CodeScheme.SERVICE, 3, "A01"),
        ("A010101", CodeScheme.SERVICE, 4, "A0101"),
    ],
)
def test_code_scheme_level_parent(
    code: str, expected_scheme: CodeScheme, expected_level: int, expected_parent: str | None
) -> None:
    assert scheme(code) is expected_scheme
    assert level(code) == expected_level
    assert parent(code) == expected_parent


def test_codes_that_fit_no_scheme() -> None:
    assert scheme("2080") is None  # wrong length
    assert scheme("5010101") is None  # government economic codes stop at 款
    assert scheme("合计") is None


def test_parents_and_children() -> None:
    assert parents("2080505") == ("20805", "208")
    assert parents("A010101") == ("A0101", "A01", "A")
    assert children_of("208", ["208", "20801", "2080101", "20805", "210"]) == ("20801", "20805")


def test_code_printed_in_parts_is_joined() -> None:
    assert normalize("204   06   01") == "2040601"
    assert normalize("204-06") == "20406"


@given(st.from_regex(r"2\d{6}", fullmatch=True))
def test_every_item_sits_under_its_class_and_section(code: str) -> None:
    assert level(code) == 3
    assert parents(code) == (code[:5], code[:3])
    assert code in children_of(code[:5], [code])


def test_money_units_convert_exactly() -> None:
    assert convert(D("3598.49"), Unit.WAN, Unit.YUAN) == D("35984900.00")
    assert convert(D("1000083.56"), Unit.YUAN, Unit.WAN) == D("100.008356")
    assert Money(D("1.50"), Unit.WAN).to(Unit.YUAN) == Money(D("15000.00"), Unit.YUAN)
    assert Money(D("1"), Unit.WAN) + Money(D("2.5"), Unit.WAN) == Money(D("3.5"), Unit.WAN)
    with pytest.raises(ValueError, match="cannot add"):
        _ = Money(D("1"), Unit.WAN) + Money(D("1"), Unit.YUAN)


def test_rounding_bound_is_half_a_unit_per_cell() -> None:
    assert rounding_bound(1) == D("0.005")
    assert rounding_bound(15) == D("0.075")
    assert rounding_bound(3, decimals=0) == D("1.5")
    assert places(D("3.10")) == 2 and places(D("12")) == 0


@given(st.lists(st.decimals(min_value=0, max_value=10**8, places=6), min_size=1, max_size=40))
def test_rounded_cells_never_miss_their_rounded_total_by_more_than_the_bound(parts: list[Decimal]) -> None:
    """What the bound promises: printed parts and printed total differ by at most n+1 half-cents."""
    cent = D("0.01")
    printed = [p.quantize(cent) for p in parts]
    total = sum(parts, D(0)).quantize(cent)
    assert abs(sum(printed, D(0)) - total) <= rounding_bound(len(parts) + 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000,084.00", D("1000084.00")),
        ("３５９８．４９", D("3598.49")),
        ("", None),
        ("-", None),
        ("—", None),
        ("(12.00)", D("-12.00")),
        ("0", D("0")),
        ("3 598.49", D("3598.49")),
    ],
)
def test_amounts_as_printed(text: str, value: Decimal | None) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["≥98%", "2026年", "12.3.4", "abc"])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text)


def test_source_json_keeps_only_known_fields() -> None:
    source = Source("f.pdf", page=3, table="budget_summary", row=2, column="total", bbox=(1.0, 2.0, 3.0, 4.5))
    data = to_data(source)
    assert data == {
        "file": "f.pdf",
        "page": 3,
        "table": "budget_summary",
        "row": 2,
        "column": "total",
        "bbox": [1.0, 2.0, 3.0, 4.5],
    }
    assert from_data(Source, data) == source
    assert source.at(column="basic").column == "basic" and source.at(column="basic").page == 3
    assert source.describe() == "f.pdf p.3 budget_summary row 2 total"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_places_is_the_negative_exponent_whatever_the_notation(amount: Decimal) -> None:
    # `places` reads the decimal string; the tuple's exponent is the definition it must match,
    # including values that print with an exponent ("1E+2", "1E-7")
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    assert places(amount) == max(-exponent, 0)


def test_source_in_table_is_at_table_and_row() -> None:
    source = Source("f.pdf", None, 3, None, None, "total", 4, (1.0, 2.0, 3.0, 4.0))
    assert source.in_table("budget_summary", 7) == source.at(table="budget_summary", row=7)
    assert source.in_table("budget_summary") == source.at(table="budget_summary", row=None)
    assert type(source.in_table("x", 1)) is Source


# ---------------------------------------------------------------------------------------------
# slot_init: the model's bulk records keep every dataclass behaviour with a cheaper __init__


def test_slot_init_records_take_the_dataclass_parameters() -> None:
    source = Source("f.md", 3)
    by_position = Row("合计", (("total", D("1.00")),), source, None, "total", RowRole.TOTAL)
    by_keyword = Row(name="合计", values=(("total", D("1.00")),), source=source, key="total", role=RowRole.TOTAL)
    assert by_position == by_keyword
    assert (by_keyword.code, by_keyword.side, by_keyword.level, by_keyword.texts) == (None, None, None, ())
    assert dataclasses.replace(by_keyword, name="总计").name == "总计"
    indicator = Indicator("产出指标", "数量指标", "培训人次", "≥100", Period.ANNUAL, source)
    assert dataclasses.astuple(indicator) == ("产出指标", "数量指标", "培训人次", "≥100", Period.ANNUAL, source)
    # the signature is the one dataclasses would have generated: names, order and defaults
    for cls in (Row, Column, Indicator, Amount, FundingSplit, Figure, Paragraph, CatalogRow, TocEntry, ReadNote):
        parameters = list(inspect.signature(cls).parameters.values())
        fields = dataclasses.fields(cls)
        assert [p.name for p in parameters] == [f.name for f in fields], cls
        for p, f in zip(parameters, fields, strict=True):
            assert (p.default is inspect.Parameter.empty) == (f.default is dataclasses.MISSING), (cls, f.name)
            if f.default is not dataclasses.MISSING:
                assert p.default == f.default, (cls, f.name)


def test_slot_init_records_stay_frozen_and_strict() -> None:
    row = Row("合计", (), Source("f.md", 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Row("合计", ())  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Row("合计", (), Source("f.md", 3), colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Row("合计", (), Source("f.md", 3), None, None, RowRole.ITEM, None, None, None, (), "one too many")  # type: ignore[call-arg]


def test_slot_init_calls_default_factories_each_time() -> None:
    @slot_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Bag:
        label: str
        items: list[str] = dataclasses.field(default_factory=list)

    first, second = Bag("a"), Bag("b")
    assert first.items == [] and first.items is not second.items
    assert Bag("c", ["x"]).items == ["x"]


def test_slot_init_refuses_a_class_it_cannot_serve() -> None:
    @dataclasses.dataclass(slots=True)
    class Mutable:
        label: str

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        label: str

    for cls in (Mutable, Unslotted):
        with pytest.raises(TypeError, match="frozen slotted dataclass"):
            slot_init(cls)
