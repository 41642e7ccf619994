"""The model's plain functions: codes, money and rounding bounds, sources, JSON round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.export.json import from_data, to_data
from yusuan.model import Money, Source, Unit, convert, places, rounding_bound
from yusuan.model.codes import CodeScheme, children_of, level, normalize, parent, parents, scheme
from yusuan.parse.numbers import parse_amount

D = Decimal


@pytest.mark.parametrize(
    ("code", "expected_scheme", "expected_level", "expected_parent"),
    [
        ("208", CodeScheme.FUNCTION, 1, None),
        ("20805", CodeScheme.FUNCTION, 2, "208"),
        ("2080505", CodeScheme.FUNCTION, 3, "20805"),
        ("301", CodeScheme.DEPT_ECON, 1, None),
        ("30231", CodeScheme.DEPT_ECON, 2, "302"),
        ("50101", CodeScheme.GOV_ECON, 2, "501"),
        ("A", CodeScheme.SERVICE, 1, None),
        ("A01", CodeScheme.SERVICE, 2, "A"),
        ("A0101", CodeScheme.SERVICE, 3, "A01"),
        ("A010101", CodeScheme.SERVICE, 4, "A0101"),
    ],
)
def test_code_scheme_level_parent(code: str, expected_scheme: CodeScheme, expected_level: int, expected_parent: str | None) -> None:
    assert scheme(code) is expected_scheme
    assert level(code) == expected_level
    assert parent(code) == expected_parent


def test_codes_that_fit_no_scheme() -> None:
    assert scheme("2080") is None  # wrong length
    assert scheme("3010101") is None  # economic codes stop at 款
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
    assert data == {"file": "f.pdf", "page": 3, "table": "budget_summary", "row": 2, "column": "total", "bbox": [1.0, 2.0, 3.0, 4.5]}
    assert from_data(Source, data) == source
    assert source.at(column="basic").column == "basic" and source.at(column="basic").page == 3
    assert source.describe() == "f.pdf p.3 budget_summary row 2 total"
