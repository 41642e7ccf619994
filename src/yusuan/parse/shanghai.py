"""Parts that Shanghai packages print their own way: the combined 三公/机关运行经费 table and the
项目经费情况说明 pages. Used by `recognize.py`; format independent (PDF, XLSX, DOCX, markdown)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..model import Column, ColumnKey, ProjectNote, Row, RowRole, Source, Table, TableKind, places
from ..text import amount_or_none, compact, halfwidth, text_to_figures
from .blocks import TableLine, TextLine
from .tables import TableContext, is_numbering_row

# Headings of a project note: 一、项目概述 … 七、绩效目标.
NOTE_HEADING = re.compile(
    r"^([一二三四五六七八九十]+)\s*[、.．]\s*(项目概述|项目概况|立项依据|实施主体|实施方案|实施周期|年度预算安排|绩效目标)\s*$"
)
_NOTE_TITLE = re.compile(r"^(.*?)(?:项目)?经费情况说明$")


_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)[、.．]")


def is_project_note_title(text: str) -> bool:
    """A page title "…项目经费情况说明" (a numbered line of the 目录 is not one)."""
    key = compact(text)
    return key.endswith("经费情况说明") and len(key) <= 60 and "。" not in key and not _NUMBERED.match(key)


def note_title_to_name(text: str) -> str | None:
    """'人民调解项目经费情况说明' → '人民调解'; a bare '项目经费情况说明' names no project."""
    m = _NOTE_TITLE.match(compact(text))
    name = m.group(1) if m else ""
    return name or None


def lines_to_project_note(title: str, source: Source, lines: Sequence[TextLine]) -> ProjectNote:
    """The lines after a 项目经费情况说明 title → its parts under their headings."""
    parts: list[tuple[str, list[str]]] = []
    for line in lines:
        m = NOTE_HEADING.match(compact(line.text))
        if m:
            parts.append((m.group(2), []))
        elif parts:
            parts[-1][1].append(line.text.strip())
        else:
            parts.append(("", [line.text.strip()]))
    texts = tuple((label, "\n".join(body)) for label, body in parts)
    amount: Decimal | None = None
    unit: str | None = None
    for label, body in parts:
        if label == "年度预算安排":
            amount, unit = budget_text_to_amount(" ".join(body), source)
    return ProjectNote(note_title_to_name(title), title, texts, amount, unit, source)


_STATED_TOTAL = re.compile(r"(总预算|预算安排|合计|共计|总计)\s*[为:：]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|万|元)")


def budget_text_to_amount(text: str, source: Source) -> tuple[Decimal | None, str | None]:
    """The year's amount a 年度预算安排 states: its 总预算/合计, or its only amount ("795万元").

    Quarterly plans and lists of parts with no total give None.
    """
    plain = halfwidth(text)
    stated = _STATED_TOTAL.findall(plain)
    if stated:
        _, number, unit = next((t for t in stated if t[0] == "总预算"), stated[-1])
        return Decimal(number.replace(",", "")), "万元" if unit.startswith("万") else "元"
    money = [f for f in text_to_figures(text, source) if f.is_money]
    if len(money) == 1:
        return money[0].value, money[0].unit
    return None, None


# ---------------------------------------------------------------------------------------------
# 部门决算单位构成: 序号 | 单位名称 | 备注


def units_table_to_names(rows: Sequence[TableLine]) -> tuple[str, ...] | None:
    """The unit names of the table that lists the units a 决算 covers (序号 | 单位名称 | 备注),
    or None when the rows are no such table. Template placeholders ("。。。") are left out."""
    lines = [r for r in rows if not r.is_blank]
    if not lines:
        return None
    header = [compact(c) for c in lines[0].cells]
    if "单位名称" not in header:
        return None
    at = header.index("单位名称")
    names = (r.cells[at].strip() for r in lines[1:] if at < len(r.cells))
    return tuple(n for n in names if re.search(r"[\u4e00-\u9fffA-Za-z]", n))


# ---------------------------------------------------------------------------------------------
# 三公经费和机关运行经费预算表: one row of values under a two- or three-row header


def _own_label(header: Sequence[TableLine], c: int) -> str:
    """The bottom-most header text printed in column `c` ('小计' → the group label above it)."""
    for r in range(len(header) - 1, -1, -1):
        cells = header[r].cells
        if c < len(cells) and cells[c].strip():
            text = compact(cells[c])
            if text == "小计":
                for up in range(r - 1, -1, -1):
                    for left in range(c, -1, -1):
                        above = header[up].cells
                        if left < len(above) and above[left].strip():
                            return compact(above[left])
            return text
    return ""


def _leaf(header: Sequence[TableLine], c: int) -> str:
    """Column `c`'s label; a column with no header text of its own is under a merged cell that
    starts to its left."""
    while c >= 0:
        label = _own_label(header, c)
        if label:
            return label
        c -= 1
    return ""


_MEASURES = (("决算数", ColumnKey.FINAL), ("预算数", ColumnKey.BUDGET))


def _measure_row(header: Sequence[TableLine]) -> bool:
    """True when the last header row only says which figure each column holds (预算数/决算数)."""
    filled = header[-1].nonblank if header else ()
    return bool(filled) and all(any(w in compact(c) for w, _ in _MEASURES) for c in filled)


def _year_groups(header: Sequence[TableLine], width: int) -> dict[int, int]:
    """Column → year when the top header row groups the columns by year ("2025年预算数" over one
    set of items, "2026年预算数" over the next); empty when it does not name two years."""
    if len(header) < 2:
        return {}
    top = header[0].cells
    found: dict[int, int] = {}
    year = None
    for c in range(width):
        text = compact(top[c]) if c < len(top) else ""
        if text:
            m = re.match(r"^(20\d\d)年", text)
            year = int(m.group(1)) if m else None
        if year is not None:
            found[c] = year
    return found if len(set(found.values())) >= 2 else {}


def _three_public_key(leaf: str) -> tuple[str | None, RowRole] | None:
    if "机关运行" in leaf:
        return None
    if leaf in ("会议费", "培训费"):  # printed beside the 三公 items (Jiangsu), not part of them
        return ("meeting" if leaf == "会议费" else "training"), RowRole.ITEM
    if "出国" in leaf:
        return "abroad", RowRole.ITEM
    if "接待" in leaf:
        return "reception", RowRole.ITEM
    if "购置及运行" in leaf:
        return "vehicle", RowRole.ITEM
    if "购置" in leaf:
        return "vehicle_purchase", RowRole.ITEM
    if "运行" in leaf:
        return "vehicle_operation", RowRole.ITEM
    if "合计" in leaf or "三公" in leaf:
        return None, RowRole.TOTAL
    return None


_UNIT_HEAD = re.compile(r"(?:预算)?(?:部门|单位)(?:名称)?")


def units_to_three_public(header: Sequence[TableLine], body: Sequence[TableLine], ctx: TableContext) -> tuple[Table]:
    """A 三公 table listed by unit (单位名称 | 三公合计 | 因公出国（境） | 公务用车… | 公务接待费, a line
    per unit under the 合计 line: Hangzhou, Huzhou) → the standard THREE_PUBLIC table: a row per
    item, the 合计 line as its `total` column and each unit's line as a column of its own (`unit1`,
    `unit2`, … headed with the unit's name)."""
    width = max(len(r.cells) for r in (*header, *body))
    columns: list[Column] = []
    keys: list[str] = []
    for n, line in enumerate(body):
        label = line.cells[0].strip() if line.cells else ""
        key = ColumnKey.TOTAL if compact(label) in ("合计", "总计") else f"unit{n}"
        keys.append(key)
        columns.append(Column(key, label))
    three: list[Row] = []
    for c in range(1, width):
        leaf = _leaf(header, c)
        mapped = _three_public_key(leaf)
        if mapped is None:
            continue
        row_key, role = mapped
        values = tuple(
            (key, amount_or_none(line.cells[c]) if c < len(line.cells) else None)
            for key, line in zip(keys, body, strict=True)
        )
        source = body[0].source.at(table=TableKind.THREE_PUBLIC.value, row=len(three))
        three.append(Row(leaf, values, source, key=row_key, role=role))
    found = [places(v) for r in three for _, v in r.values if v is not None]
    return (ctx.table(columns, three, max(found) if found else 2, TableKind.THREE_PUBLIC),)


def combined_to_tables(rows: Sequence[TableLine], ctx: TableContext) -> tuple[Table, ...] | None:
    """Split the combined "三公"经费和机关运行经费预算表 into a THREE_PUBLIC table (rows with the
    standard keys, one `total` column) and an ORG_OPERATION table (one total row).

    A 决算 table prints 预算数 and 决算数 under each item: its columns are `budget` and `final`.
    Returns None when the rows are not laid out as one line of values under the header.
    """
    lines = [r for r in rows if not r.is_blank and not is_numbering_row(r)]
    values_at = next((i for i, r in enumerate(lines) if sum(amount_or_none(c) is not None for c in r.cells) >= 2), None)
    if values_at == 0 or not lines:
        return None
    if values_at is None:  # an empty table (本表无数据): the header only
        down = [k for r in lines if r.cells and (k := _three_public_key(compact(r.cells[0]))) and k[0]]
        if len(down) >= 2:
            return None  # items down the first column: the usual layout, with every cell blank
        values_at = len(lines)
    header = lines[:values_at]
    values = lines[values_at] if values_at < len(lines) else TableLine((), lines[-1].source)
    if any(amount_or_none(c) is not None for r in lines[values_at + 1 :] for c in r.cells):
        if header and header[0].cells and _UNIT_HEAD.fullmatch(compact(header[0].cells[0])):
            return units_to_three_public(header, lines[values_at:], ctx)
        return None  # rows of items (出国, 接待, …) each with its figures: the usual layout
    if not any("出国" in compact(c) for r in header for c in r.cells):
        return None
    measures = _measure_row(header)
    items = header[:-1] if measures else header
    width = max(len(r.cells) for r in lines)
    years = _year_groups(items, width)
    if years:
        items = items[1:]
    three: list[Row] = []
    org: list[Row] = []
    columns: list[Column] = []
    for c in range(width):
        leaf = _leaf(items, c)
        key = ColumnKey.TOTAL
        if measures:
            printed = compact(header[-1].cells[c]) if c < len(header[-1].cells) else ""
            key = next((k for w, k in _MEASURES if w in printed), ColumnKey.TOTAL)
            if not any(col.key == key for col in columns):
                columns.append(Column(key, printed))
        elif years and c in years:
            # this year's figures and last year's beside them (2025年预算数 | 2026年预算数)
            key = ColumnKey.TOTAL if years[c] == max(years.values()) else ColumnKey.PRIOR
            if not any(col.key == key for col in columns):
                columns.append(Column(key, f"{years[c]}年预算数"))
        value = amount_or_none(values.cells[c]) if c < len(values.cells) else None
        if "机关运行" in leaf:
            source = values.source.at(table=TableKind.ORG_OPERATION.value, row=len(org), column=key)
            org.append(Row(leaf, ((key, value),), source, role=RowRole.TOTAL))
            continue
        mapped = _three_public_key(leaf)
        if mapped is None:
            continue
        row_key, role = mapped
        same = next((i for i, r in enumerate(three) if r.name == leaf and not r.has(key)), None)
        if same is not None and (same == len(three) - 1 or years):  # the item's other figure (决算数, 上年)
            last = three[same]
            three[same] = Row(last.name, (*last.values, (key, value)), last.source, key=last.key, role=last.role)
            continue
        source = values.source.at(table=TableKind.THREE_PUBLIC.value, row=len(three), column=key)
        three.append(Row(leaf, ((key, value),), source, key=row_key, role=role))
    if not three:
        return None
    found = [places(v) for r in (*three, *org) for _, v in r.values if v is not None]
    decimals = max(found) if found else 2
    label = next((_leaf(header[:1], c) for c in range(width) if "三公" in _leaf(header[:1], c)), "预算数")
    if not columns:
        columns.append(Column(ColumnKey.TOTAL, label))
    three_table = ctx.table(columns, three, decimals, TableKind.THREE_PUBLIC)
    if not org:
        return (three_table,)
    return three_table, ctx.table((Column(ColumnKey.TOTAL, org[0].name),), org, decimals, TableKind.ORG_OPERATION)


__all__ = [
    "NOTE_HEADING",
    "combined_to_tables",
    "is_project_note_title",
    "lines_to_project_note",
    "note_title_to_name",
    "units_table_to_names",
]
