"""The tables as the rules read them, for every family: which column holds a table's amount, which
rows its 合计 adds up, what a 表6 row's government-economic name stands for, and each printed amount
as a `Term` with the label a reviewer reads ("表3“社会保险补贴（2080704）”合计")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import ZERO, ColumnKey, Row, RowRole, Side, Table, places
from ..model import codes as codelib
from ..model.tables import COLUMN_LABELS
from ..reference import gov_econ_by_name
from ..text import compact, name_key
from .arith import Term

# ---------------------------------------------------------------------------------------------
# columns


def main_column(table: Table, side: Side | None = None, key: str = ColumnKey.TOTAL) -> str | None:
    """The column that holds a table's (or one side's) amount: its `key` column (合计) when it has
    one, else its first column; None when it has no column."""
    keys = table.column_keys(side)
    if key in keys:
        return key
    return keys[0] if keys else None


def income_key(table: Table) -> str | None:
    """The amount column of a 收支总表's income side (it prints one: 预算数, or the year's)."""
    keys = table.column_keys(Side.INCOME)
    return keys[0] if keys else None


def expenditure_key(table: Table) -> str | None:
    """The amount column of a 收支总表's expenditure side: its 合计, else its first."""
    return main_column(table, Side.EXPENDITURE)


# ---------------------------------------------------------------------------------------------
# rows


_CHINESE_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def is_part(row: Row) -> bool:
    """A row the reader placed under another as a part of it ("其中：…"), not in a hierarchy by code
    or name: never an addend beside the row it is part of."""
    return row.parent is not None and row.level is None and not row.code


def side_items(table: Table, side: Side) -> list[Row]:
    """The item rows of one side of a two-sided table that add up to its totals: not a part printed
    under a row ("其中：…", placed under it by the reader), nor a heading that restates the year
    above the side's items ("一、部门预算" over "1、财政拨款 … 6、其他收入", Xi'an): the first item,
    numbered "一、", naming no fund source, and no other item before the side's total numbered so."""
    rows = table.side_rows(side)
    total = table.total(side)
    before = rows[: rows.index(total)] if total is not None else rows
    items = [r for r in rows if r.role is RowRole.ITEM and not is_part(r)]
    heads = [r for r in before if r.role is RowRole.ITEM and _CHINESE_ORDINAL.match(compact(r.name))]
    if len(heads) == 1 and items and heads[0] is items[0] and heads[0].key is None and not heads[0].code:
        items = items[1:]
    return items


def top_rows(table: Table) -> list[Row]:
    """The rows a table's 合计 adds up: its 类 rows when it has a hierarchy, else all items."""
    return top_of([r for r in table.rows if r.role is RowRole.ITEM and r.side is None])


def top_of(items: list[Row]) -> list[Row]:
    """The top level of `items`: the shortest codes, else level 1 of an explicit hierarchy, else all."""
    coded = [r for r in items if r.code]
    if coded:
        top = min(codelib.level(r.code) for r in coded if r.code)
        return [r for r in coded if r.code and codelib.level(r.code) == top]
    if any(r.level is not None for r in items):
        return [r for r in items if r.level == 1 or (r.level is None and r.parent is None)]
    return items


def by_function(table: Table | None) -> bool:
    """True when a table lists its items by 支出功能分类 code once (a 收入总表 may list them by 预算单位
    instead, or a table list the codes again under each unit of a whole department, Shenzhen's
    支出总表: then no row is the department's for a code, and no identity by code between it and
    another table holds)."""
    if table is None:
        return False
    codes = [
        r.code
        for r in table.rows
        if r.role is RowRole.ITEM and r.side is not Side.INCOME and r.code
        if codelib.scheme(r.code) is codelib.CodeScheme.FUNCTION
    ]
    return bool(codes) and len(set(codes)) == len(codes)


def gov_codes(row: Row) -> tuple[str, ...]:
    """The 政府经济分类 codes of a 表6 row: its printed code where the table prints one, else the
    codes its printed government-economic name can stand for."""
    printed = row.text("gov_econ_code")
    if printed and codelib.scheme(printed) is codelib.CodeScheme.GOV_ECON:
        return (printed,)
    name = row.text("gov_econ")
    if not name:
        return ()
    key = name_key(name)
    codes = gov_econ_by_name().get(key, ())
    if not codes:  # "资本性支出" for 资本性支出（一）/（二）: the name without its numbering
        codes = tuple(c for n, cs in gov_econ_by_name().items() if n.split("(")[0] == key for c in cs)
    return codes


# ---------------------------------------------------------------------------------------------
# cells


def column_label(table: Table, key: str, side: Side | None = None) -> str:
    column = table.column(key, side)
    if key in COLUMN_LABELS:
        return COLUMN_LABELS[key]
    return column.label.rsplit("/", 1)[-1] if column else key


def row_label(row: Row) -> str:
    name = name_key(row.name) or row.name
    if row.code and row.code not in name:
        return f"{name}（{row.code}）"
    return name


# The views of a 收支总表's expenditure printed beside the one by 功能分类, as a reviewer names them
_VIEW_WORDS = {Side.DEPT_ECON: "（部门预算经济分类）", Side.GOV_ECON: "（政府预算经济分类）"}


def cell_label(table: Table, row: Row, key: str) -> str:
    columns = [c for c in table.columns if c.side is row.side]
    column = "" if len(columns) <= 1 else column_label(table, key, row.side)
    view = _VIEW_WORDS.get(row.side, "") if row.side is not None else ""
    return f"{table.label}“{row_label(row)}”{view}{column}"


def table_cell(table: Table | None, row: Row | None, key: str | None) -> Term | None:
    """The cell of column `key` in `row`, or None when there is no such table, row or column."""
    if table is None or row is None or key is None or not row.has(key):
        return None
    value = row.value(key)
    return Term(
        value=ZERO if value is None else value,
        unit=table.unit,
        decimals=None if value is None or value == 0 else places(value),
        source=row.cell_source(key),
        label=cell_label(table, row, key),
        scale=table.decimals,
    )


def cells_of(table: Table, rows: Iterable[Row], key: str) -> tuple[Term, ...]:
    return tuple(c for r in rows if (c := table_cell(table, r, key)) is not None)
