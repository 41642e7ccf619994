"""Property: change any one amount of any table of the sample and the checker notices, and names the cell.

Every printed amount takes part in at least two identities (its row and its column, or the same
figure in another table). A change beyond the rounding bound of those identities — the widest in the
sample sums 20 printed cells of 0.01 万元, bound 0.10 — breaks at least two of them, which only the
changed cell has in common: an error or warning appears and the culprit is named with its old value
(up to rounding).
A smaller change may be indistinguishable from rounding; it still shows as a new finding, and a
culprit, if one is named, is never another cell.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.checks import check
from yusuan.model import Disclosure, Severity, Source, rounding_bound
from yusuan.parse import read

from .conftest import SAMPLE


def widest_bound(d: Disclosure) -> Decimal:
    """The largest rounding bound of any parent-and-children sum in the sample's tables (表6 商品和
    服务支出: 19 款 and the 类 row, 20 × 0.005 万元): a smaller change can pass for rounding."""
    return max(
        rounding_bound(len(table.children(i)) + 1, table.decimals)
        for table in d.tables
        for i in range(len(table.rows))
        if table.children(i)
    )


WIDEST_BOUND = widest_bound(read(SAMPLE))


def change(d: Disclosure, ti: int, ri: int, key: str, value: Decimal) -> Disclosure:
    table = d.tables[ti]
    row = table.rows[ri]
    rows = list(table.rows)
    rows[ri] = replace(row, values=tuple((k, value if k == key else v) for k, v in row.values))
    tables = list(d.tables)
    tables[ti] = replace(table, rows=tuple(rows))
    return replace(d, tables=tuple(tables))


@pytest.fixture(scope="module")
def before(sample: Disclosure) -> set[tuple[str, Source, str]]:
    return {(f.rule, f.location, f.message) for f in check(sample).findings}


def amounts(d: Disclosure) -> list[tuple[int, int, str, Decimal]]:
    return [
        (ti, ri, key, value)
        for ti, table in enumerate(d.tables)
        for ri, row in enumerate(table.rows)
        for key, value in row.values
        if value is not None
    ]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_changed_amount_is_noticed_and_named(
    sample: Disclosure, before: set[tuple[str, Source, str]], data: st.DataObject
) -> None:
    ti, ri, key, value = data.draw(st.sampled_from(amounts(sample)))
    cents = data.draw(st.integers(min_value=1, max_value=500_000).filter(lambda c: c != 0))
    delta = Decimal(cents).scaleb(-2) * data.draw(st.sampled_from((1, -1)))
    changed = change(sample, ti, ri, key, value + delta)
    report = check(changed)
    new = [f for f in report.findings if (f.rule, f.location, f.message) not in before]
    where = f"{sample.tables[ti].label} row {ri} {key} changed by {delta}"
    assert new, f"{where}: nothing noticed"
    cell = sample.tables[ti].rows[ri].cell_source(key)
    culprits = [f for f in new if f.rule == "culprit.cell"]
    assert all(f.location == cell for f in culprits), f"{where}: a culprit was named, but not the changed cell"
    if abs(delta) > WIDEST_BOUND:
        assert any(f.severity in (Severity.ERROR, Severity.WARNING) for f in new), f"{where}: no new error or warning"
        assert culprits, f"{where}: no culprit named"
        # The value that restores every identity is the printed one, up to rounding: 1864.02 in a
        # column whose parts sum to 1864.03 may come back as either.
        assert abs(Decimal(culprits[0].expected or "0") - value) <= WIDEST_BOUND, f"{where}: {culprits[0].expected}"
