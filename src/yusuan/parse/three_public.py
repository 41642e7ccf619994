"""A “三公”经费 table printed across: its items as column groups, each split by budget, years down.

Shenzhen's 财政拨款“三公”经费支出表 heads its columns 总计 | 因公出国(境)费 | 公务接待费 |
公务用车购置及运行维护费 (小计 | 公务用车购置费 | 公务用车运行维护费), each over 一般公共预算 | 政府性基金预算
| 国有资本经营预算, and prints three lines per unit: 2025年, 2026年 and 增减变化金额 (a whole-department
file: the department first, then each unit). Each unit's line of the latest year becomes a 三公 table
of the usual shape: one row per item and the 合计, one column per budget. Format independent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..model import Column, ColumnKey, Row, RowRole, Table, TableKind, places
from ..text import amount_or_none, compact
from .blocks import TableLine
from .tables import TableContext

_YEAR = re.compile(r"^(\d{4})年度?$")
_BUDGETS = (
    ("一般公共预算", ColumnKey.GENERAL),
    ("政府性基金", ColumnKey.GOV_FUND),
    ("国有资本经营", ColumnKey.STATE_CAPITAL),
)


def _item(group: str, sub: str) -> tuple[str | None, RowRole, str] | None:
    """(row key, role, printed name) of a column group: its label and the label under it."""
    if "总计" in group or "合计" in group:
        return None, RowRole.TOTAL, "合计"
    if "出国" in group:
        return "abroad", RowRole.ITEM, group
    if "接待" in group:
        return "reception", RowRole.ITEM, group
    if "公务用车" in group:
        if "购置费" in sub and "运行" not in sub:
            return "vehicle_purchase", RowRole.ITEM, sub
        if "运行" in sub and "购置" not in sub:
            return "vehicle_operation", RowRole.ITEM, sub
        return "vehicle", RowRole.ITEM, group
    return None


def _label_left(line: TableLine, c: int, stop: int) -> str:
    """The text of column `c` in a header line, or of the merged cell it lies under (to its left)."""
    for left in range(c, stop, -1):
        if left < len(line.cells) and line.cells[left].strip():
            return compact(line.cells[left])
    return ""


def across_to_tables(rows: Sequence[TableLine], ctx: TableContext) -> tuple[Table, ...] | None:
    """The 三公 tables of a table printed across (see the module docstring), the department's
    first; None when `rows` are not laid out so (no 年度 column, no item across the header)."""
    lines = [r for r in rows if not r.is_blank]
    head = next((i for i, r in enumerate(lines) if any(_YEAR.match(compact(c)) for c in r.cells)), None)
    if not head:
        return None
    header, body = lines[:head], lines[head:]
    year_col = next((c for c, text in enumerate(header[0].cells) if compact(text) == "年度"), None)
    if year_col is None:
        return None
    width = max(len(r.cells) for r in lines)
    columns: dict[int, tuple[tuple[str | None, RowRole, str], ColumnKey]] = {}
    for c in range(year_col + 1, width):
        group = _label_left(header[0], c, year_col)
        sub = _label_left(header[1], c, year_col) if len(header) > 2 else ""
        budget = compact(header[-1].cells[c]) if c < len(header[-1].cells) else ""
        item = _item(group, sub)
        key = next((k for word, k in _BUDGETS if word in budget), None)
        if item is not None and key is not None:
            columns[c] = (item, key)
    if not any(item[0] == "abroad" for item, _ in columns.values()):
        return None
    latest = max(int(m.group(1)) for r in body if (m := _YEAR.match(compact(r.cells[year_col]))))
    found: list[tuple[str, TableLine]] = []  # (unit, its line of the latest year)
    unit = ""
    for line in body:
        if line.cells[0].strip():
            unit = line.cells[0].strip()
        m = _YEAR.match(compact(line.cells[year_col]))
        if m and int(m.group(1)) == latest and unit:
            found.append((unit, line))
    if not found:
        return None
    keys = list(dict.fromkeys(key for _, key in columns.values()))
    labels = {key: next(compact(header[-1].cells[c]) for c, (_, k) in columns.items() if k is key) for key in keys}
    budget_columns = [Column(key, labels[key]) for key in keys]
    tables = []
    for n, (name, line) in enumerate(found):
        values: dict[tuple[str | None, RowRole, str], dict[ColumnKey, Decimal | None]] = {}
        for c, (item, key) in columns.items():
            values.setdefault(item, {})[key] = amount_or_none(line.cells[c]) if c < len(line.cells) else None
        ordered = [i for i in values if i[1] is RowRole.ITEM] + [i for i in values if i[1] is RowRole.TOTAL]
        kind = TableKind.THREE_PUBLIC.value
        table_rows = tuple(
            Row(
                printed,
                tuple((key, values[(row_key, role, printed)].get(key)) for key in keys),
                line.source.in_table(kind, i),
                key=row_key,
                role=role,
            )
            for i, (row_key, role, printed) in enumerate(ordered)
        )
        found_places = [places(v) for r in table_rows for _, v in r.values if v is not None]
        # the department's table first, then one per unit, each from its own line
        unit_ctx = ctx if n == 0 else replace(ctx, source=line.source, department=name)
        tables.append(
            unit_ctx.table(budget_columns, table_rows, max(found_places) if found_places else 2, TableKind.THREE_PUBLIC)
        )
    return tuple(tables)


__all__ = ["across_to_tables"]
