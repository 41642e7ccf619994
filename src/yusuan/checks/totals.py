"""Totals and hierarchy within each table: every 合计/小计 row and column adds up.

Column sums: 合计 = Σ top rows; 类 = Σ款, 款 = Σ项 (function and economic codes); department =
Σ units = Σ projects (project tables). Row sums: 合计 = Σ fund sources; 合计 = 基本 + 项目;
合计 = 人员经费 + 公用经费; 合计 = 当年 + 上年结转. Two-sided 收支总表: 本年收入合计 = Σ sources,
总计 = 合计 + 结转, 收入总计 = 支出总计. Rules ask for tables by kind and columns by key, so they run
unchanged on any province's package, in 元 or 万元.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import ZERO, ColumnKey, Disclosure, Row, RowRole, Severity, Side, Table, TableKind
from ..model import codes as codelib
from ..model.money import rounding_bound
from ..text import compact, name_key
from .arith import Identity, Term
from .matching import exact_amounts
from .registry import rule
from .tables import (
    cells_of,
    column_label,
    expenditure_key,
    income_key,
    is_part,
    main_column,
    side_items,
    table_cell,
    top_of,
    top_rows,
)

ARITHMETIC = "算术恒等式（表内合计等于其组成部分之和）"
CODE_TABLES = (
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GOV_FUND_INCOME,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL,
    TableKind.GOV_FUND_FINAL,
    TableKind.STATE_CAPITAL_FINAL,
)
TWO_SIDED = (TableKind.BUDGET_SUMMARY, TableKind.FISCAL_SUMMARY)
PROJECT_TABLES = (TableKind.PROJECT_CURRENT, TableKind.PROJECT_CARRYOVER)
FUND_KEYS = (
    ColumnKey.GENERAL,
    ColumnKey.GOV_FUND,
    ColumnKey.STATE_CAPITAL,
    ColumnKey.FISCAL_SPECIAL,
    ColumnKey.UNIT_FUNDS,
)
SOURCE_KEYS = (
    ColumnKey.FISCAL,
    ColumnKey.SUPERIOR,
    ColumnKey.BUSINESS,
    ColumnKey.OPERATING,
    ColumnKey.AFFILIATED,
    ColumnKey.OTHER,
    ColumnKey.FISCAL_SPECIAL,
    ColumnKey.UNIT_FUNDS,
)
FISCAL_PARTS = (ColumnKey.GENERAL, ColumnKey.GOV_FUND, ColumnKey.STATE_CAPITAL)
# 单位资金's sources, printed in its place when a table has no 单位资金 column
UNIT_FUND_PARTS = (ColumnKey.SUPERIOR, ColumnKey.BUSINESS, ColumnKey.OPERATING, ColumnKey.AFFILIATED, ColumnKey.OTHER)
INCOME_SUBITEM_KEYS = {"general", "gov_fund", "state_capital"}
CARRYOVER_KEYS = (
    "carryover_general",
    "carryover_gov_fund",
    "carryover_state_capital",
    # 上年结余、结转 split into 财政拨款 and 非财政拨款 (Shenzhen's 收支总表)
    "carryover_fiscal",
    "carryover_nonfiscal",
)
# 决算: 年初结转和结余 split by fund, and the rows that a 收支总表 adds to this year's income and
# spending to reach its 总计 (使用非财政拨款结余 and 年初结转和结余; 结余分配 and 年末结转和结余)
OPENING_KEYS = ("opening_balance_general", "opening_balance_gov_fund", "opening_balance_state_capital")
SPLIT_KEYS = CARRYOVER_KEYS + OPENING_KEYS
INCOME_BEYOND_YEAR = ("carryover", "opening_balance", "use_of_balance")
SPENDING_BEYOND_YEAR = ("year_end_carryover", "balance_distribution", "closing_balance")
FINAL_BEYOND_YEAR = ("opening_balance", "use_of_balance", "balance_distribution", "closing_balance")
# Columns of the 决算 支出决算表 that add to 基本支出 and 项目支出 in 本年支出合计
OTHER_SPENDING = (ColumnKey.TO_SUPERIOR, ColumnKey.OPERATING_EXP, ColumnKey.TO_AFFILIATED)
# The totals of a table printed in panels (决算 基本支出表: 人员经费合计, 公用经费合计)
PANEL_TOTALS = ("personnel", "public")


def _identity(total: Term | None, parts: Sequence[Term], parts_label: str, **fields: object) -> Identity | None:
    if total is None or not parts:
        return None
    return Identity((total,), tuple(parts), (("cell", total.label), ("parts", parts_label), *fields.items()))


# ---------------------------------------------------------------------------------------------
# column sums


@rule(
    "total.table-total",
    Severity.ERROR,
    "合计行等于各顶层行之和",
    f"{ARITHMETIC}；分栏列示的表（决算基本支出表）各栏合计等于该栏各类之和：人员经费合计 = 301 + 303，"
    "公用经费合计 = 302 + 310",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表3“合计”基本支出 为 1979.95，各类之和为 1989.95，相差 10.00 万元",
)
def table_total(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        if table.kind in TWO_SIDED or table.kind is TableKind.THREE_PUBLIC:
            continue
        if table.kind in PROJECT_TABLES and any(r.level is not None for r in table.rows):
            continue  # department → unit → project: total.project-hierarchy; a flat list of projects here
        if table.kind is TableKind.OTHER and not any(r.code or r.level is not None for r in table.rows):
            continue  # a table of no standard kind whose rows' hierarchy is unknown: 合计 of what?
        coded = [r.code for r in table.rows if r.code and r.role is RowRole.ITEM]
        if table.kind is TableKind.OTHER and len(set(coded)) < len(coded):
            continue  # one code on many rows (a 政府采购 table: a code per purchase): no hierarchy by code
        withheld = table.kind in PROJECT_TABLES and any(_WITHHELD.search(n) for n in table.notes)
        for total, tops in total_groups(table):
            parts = "各类" if any(r.code for r in tops) else "各行"
            for key in table.column_keys():
                cell = table_cell(table, total, key)
                if identity := _identity(cell, cells_of(table, tops, key), parts):
                    if withheld:
                        # "部分具体项目信息公开时予以剔除": the 合计 counts projects the table does not list
                        identity = replace(identity, severity=Severity.INFO, explain=_WITHHELD_NOTE)
                    yield identity


_WITHHELD = re.compile(r"剔除|不予公开|未予公开|涉密|保密")
_WITHHELD_NOTE = "表注说明部分项目未公开，合计含未列出的项目"


def total_groups(table: Table) -> list[tuple[Row, list[Row]]]:
    """Each 合计 row of a table with the top rows it adds up. A table printed in panels has a total
    per panel (人员经费合计 under 301/303, 公用经费合计 under 302/310), each over the rows of its
    panel, which are read one panel after the other."""
    totals = [r for r in table.rows if r.role is RowRole.TOTAL and r.side is None]
    if len(totals) > 1 and all(r.key in PANEL_TOTALS for r in totals):
        groups: list[tuple[Row, list[Row]]] = []
        panel: list[Row] = []
        for row in table.rows:
            if row.role is RowRole.TOTAL:
                groups.append((row, top_of(panel)))
                panel = []
            elif row.role is RowRole.ITEM and row.side is None:
                panel.append(row)
        return [(total, tops) for total, tops in groups if tops]
    names = {name_key(r.name) for r in totals}
    if any("收入" in n for n in names) and any("支出" in n for n in names):
        return []  # 本年收入合计 and 本年支出合计 in one table read with no sides: 合计 of which rows?
    total, tops = table.total(), top_rows(table)
    return [(total, tops)] if total is not None and tops else []


def _code_children(rows: Sequence[Row]) -> Iterator[tuple[Row, list[Row]]]:
    for listing in _listings(rows):
        by_parent: dict[str, list[Row]] = {}
        for r in listing:
            if r.code and (p := codelib.parent(r.code)):
                by_parent.setdefault(p, []).append(r)
        seen: set[str] = set()
        for r in listing:
            if r.code and r.code in by_parent and r.code not in seen:
                seen.add(r.code)
                yield r, by_parent[r.code]


def _listings(rows: Sequence[Row]) -> list[list[Row]]:
    """The rows cut where a code comes round again: a table that lists the codes once per unit
    (Shenzhen's whole-department files: each unit's row, then its own 类/款/项) holds one listing
    per unit, and a 类 is the sum of its 款 within its own unit's listing."""
    listings: list[list[Row]] = [[]]
    seen: set[str] = set()
    for r in rows:
        if r.code and r.code in seen:
            listings.append([])
            seen = set()
        listings[-1].append(r)
        if r.code:
            seen.add(r.code)
    return listings


def _named_children(table: Table) -> Iterator[tuple[Row, list[Row]]]:
    """Rows listed by name without codes, each with the 款 or 项 placed under it (its `parent`)."""
    by_parent: dict[int, list[Row]] = {}
    for r in table.rows:
        if r.parent is not None and not r.code and r.role is RowRole.ITEM and r.level in (2, 3):
            by_parent.setdefault(r.parent, []).append(r)
    for index, children in by_parent.items():
        yield table.rows[index], children


def _hierarchy(table: Table) -> Iterator[Identity]:
    items = [r for r in table.rows if r.role is RowRole.ITEM]
    for parent, children in [*_code_children(items), *_named_children(table)]:
        depth = codelib.level(children[0].code) if children[0].code else children[0].level
        named = parent.code is not None or parent.level == 2  # (else a department and its units)
        level = {2: "款", 3: "项"}.get(depth or 0, "下级") if named else "下级"
        for key in table.column_keys(parent.side):
            identity = _identity(table_cell(table, parent, key), cells_of(table, children, key), f"所属各{level}")
            if identity:
                yield identity


@rule(
    "total.code-hierarchy",
    Severity.ERROR,
    "功能科目：类 = Σ款，款 = Σ项",
    "支出功能分类科目的层级（类、款、项）：上级科目金额等于所属下级科目之和",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表5“就业补助（20807）”合计 为 924.84，所属各项之和为 942.84，相差 18.00 万元",
)
def code_hierarchy(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        if table.kind in CODE_TABLES or table.kind in TWO_SIDED:
            yield from _hierarchy(table)


@rule(
    "total.econ-hierarchy",
    Severity.ERROR,
    "经济科目：类 = Σ款（款 = Σ项）",
    "部门预算支出经济分类科目的层级（类、款，有项级编码时还有项）：上级金额等于所属下级之和",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表6“商品和服务支出（302）”公用经费 为 111.93，所属各款之和为 112.93，相差 1.00 万元",
)
def econ_hierarchy(d: Disclosure) -> Iterator[Identity]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    for parent, children in econ_groups(table):
        what = "所属各项" if all(r.code and len(r.code) == 7 for r in children) else "所属各款"
        for key in table.column_keys():
            identity = _identity(table_cell(table, parent, key), cells_of(table, children, key), what)
            if identity:
                yield identity


def econ_groups(table: Table) -> list[tuple[Row, list[Row]]]:
    """Each 类 row of an economic table with the 款 rows printed under it (by position: a 款 row
    whose code was misread still belongs to the 类 above it), then each 款 row with the 项 rows
    under it where the table prints a third level (Chongqing: 3010201 规范性津补贴 under 30102)."""
    groups: list[tuple[Row, list[Row]]] = []
    by_code: dict[str, list[Row]] = {}
    items: dict[str, tuple[Row, list[Row]]] = {}
    for row in table.rows:
        if row.role is not RowRole.ITEM:
            continue
        if row.level == 1 or (row.code is not None and len(row.code) == 3):
            groups.append((row, []))
            if row.code:
                by_code[row.code] = groups[-1][1]
        elif row.code and len(row.code) == 5 and row.code[:3] in by_code:
            by_code[row.code[:3]].append(row)
            items[row.code] = (row, [])
        elif row.code and len(row.code) == 7 and row.code[:5] in items:
            items[row.code[:5]][1].append(row)
        elif row.code and len(row.code) == 7 and row.code[:3] in by_code:
            by_code[row.code[:3]].append(row)  # its 款 not printed (n140 表8: 3010201 津贴补贴 under 301)
        elif not row.code and groups:
            groups[-1][1].append(row)
    return [(parent, children) for parent, children in (*groups, *items.values()) if children]


@rule(
    "total.project-hierarchy",
    Severity.ERROR,
    "项目表：部门 = Σ单位，单位 = Σ项目",
    "项目支出表的层级（部门、单位、项目）：上级金额等于所属各行之和",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表12“文水县社会保险中心”合计 为 51.74，所属各项目之和为 52.74，相差 1.00 万元",
)
def project_hierarchy(d: Disclosure) -> Iterator[Identity]:
    exact = exact_amounts(d)
    for table in d.tables:
        if table.kind not in PROJECT_TABLES:
            continue
        for index, row in enumerate(table.rows):
            children = table.children(index)
            if not children:
                continue
            what = "所属各单位" if any(table.children(table.rows.index(c)) for c in children) else "所属各项目"
            for key in table.column_keys():
                parts = [
                    replace(c, exact=exact[id(r)])
                    if table.kind is TableKind.PROJECT_CURRENT and id(r) in exact and key == ColumnKey.TOTAL
                    else c
                    for r in children
                    if (c := table_cell(table, r, key)) is not None
                ]
                identity = _identity(table_cell(table, row, key), parts, what)
                if identity:
                    yield identity


# ---------------------------------------------------------------------------------------------
# row sums


def _row_sums(
    table: Table, total_key: str, part_keys: Sequence[str], what: str, side: Side | None = None
) -> Iterator[Identity]:
    for row in table.rows:
        if side is not None and row.side is not side:
            continue
        total = table_cell(table, row, total_key)
        parts = [c for k in part_keys if (c := table_cell(table, row, k)) is not None]
        if total is not None and parts:
            yield Identity((total,), tuple(parts), (("cell", total.label), ("parts", what)))


def _labels(table: Table, keys: Sequence[str]) -> str:
    return "、".join(column_label(table, k) for k in keys)


@rule(
    "total.fund-sources",
    Severity.ERROR,
    "合计列等于各资金来源列之和",
    "收入（资金来源）分列：合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 + 财政专户管理资金 + 单位资金；"
    "决算收入决算表：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表12“工作经费”合计 为 35.00，一般公共预算、政府性基金预算之和为 53.00，相差 18.00 万元",
)
def fund_sources(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        side = Side.EXPENDITURE if table.kind in TWO_SIDED else None
        keys = table.column_keys(side)
        if ColumnKey.TOTAL not in keys or {
            ColumnKey.BASIC,
            ColumnKey.PROJECT,
            ColumnKey.PERSONNEL,
            ColumnKey.PUBLIC,
            ColumnKey.CURRENT,
        } & set(keys):
            continue
        top = [c.key for c in table.columns if c.side is side and c.group is None and c.key != ColumnKey.TOTAL]
        if any(k.startswith("col") for k in top):
            continue  # a column the rule cannot name: whether the 合计 counts it, the table does not say
        if ColumnKey.FISCAL in keys:
            sources = [k for k in SOURCE_KEYS if k in top]
            fiscal_parts = [k for k in FISCAL_PARTS if k in top]  # (under a 财政拨款 group: total.column-groups)
            if fiscal_parts:
                yield from _row_sums(table, ColumnKey.FISCAL, fiscal_parts, _labels(table, fiscal_parts))
        else:
            sources = [k for k in FUND_KEYS if k in top]
            if ColumnKey.UNIT_FUNDS not in keys:  # 单位资金 printed as its sources (Chongqing 表二)
                sources += [k for k in UNIT_FUND_PARTS if k in top]
        total = table.column(ColumnKey.TOTAL, side)
        if sources and total is not None and "本年" not in total.label:
            # a 合计 not headed 本年收入 counts the carry-over printed beside this year's sources
            sources += [k for k in (ColumnKey.USE_OF_BALANCE, ColumnKey.CARRYOVER) if k in top]
        if sources:
            yield from _row_sums(table, ColumnKey.TOTAL, sources, _labels(table, sources))


@rule(
    "total.column-groups",
    Severity.ERROR,
    "分组列：小计 = 组内各列之和；合计 = 本年收入 + 上年结转",
    "表头把若干列归在一组下并印出该组小计（本年收入、上年结转结余、财政拨款、基本支出之下的“小计”）：小计等于组内"
    "其他各列之和；合计列不标“本年”而另有本年收入、上年结转两组小计时，合计等于两者之和",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表2“合计”本年收入/小计 为 3598.49，一般公共预算、其他收入之和为 3608.49，相差 10.00 万元",
)
def column_groups(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        for side in {c.side for c in table.columns}:
            columns = [c for c in table.columns if c.side is side]
            keys = [c.key for c in columns]
            for group in dict.fromkeys(c.group for c in columns if c.group):
                members = [c.key for c in columns if c.group == group]
                if group in keys and members:
                    yield from _row_sums(table, group, members, _labels(table, members), side)
            total = table.column(ColumnKey.TOTAL, side)
            halves = [k for k in (ColumnKey.CURRENT, ColumnKey.CARRYOVER) if k in keys]
            grouped = {c.group for c in columns}
            if total is not None and len(halves) == 2 and set(halves) <= grouped and "本年" not in total.label:
                yield from _row_sums(table, ColumnKey.TOTAL, halves, _labels(table, halves), side)


@rule(
    "total.basic-project",
    Severity.ERROR,
    "合计 = 基本支出 + 项目支出",
    "支出按性质分列：合计 = 基本支出 + 项目支出（财预〔2016〕143号附件表式）；决算支出决算表的本年支出合计另含"
    "上缴上级支出、经营支出、对附属单位补助支出",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表3“社会保险经办机构（2080109）”合计 为 814.70，基本支出、项目支出之和为 824.69，相差 9.99 万元",
)
def basic_project(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        keys = table.column_keys()
        if ColumnKey.TOTAL in keys and ColumnKey.BASIC in keys and ColumnKey.PROJECT in keys:
            others = [k for k in OTHER_SPENDING if k in keys]  # 决算 支出决算表
            if others and _others_inside(table, others):
                others = []
            what = "、".join(["基本支出、项目支出", *(column_label(table, k) for k in others)])
            yield from _row_sums(table, ColumnKey.TOTAL, (ColumnKey.BASIC, ColumnKey.PROJECT, *others), what)


def _others_inside(table: Table, others: Sequence[str]) -> bool:
    """True when the table's total row is 基本支出 + 项目支出 alone while its 经营支出 (上缴上级,
    对附属单位补助) beside them is not nil: the table counts those inside 基本/项目 (Shenzhen's 支出总表:
    支出总计 190,281.97 = 51,374.73 + 138,907.24, 事业单位经营支出 11,575.59 printed beside)."""
    total = table.total()
    if total is None or total.value(ColumnKey.TOTAL) is None:
        return False
    if all((total.value(k) or ZERO) == 0 for k in others):
        return False
    parts = (total.value(ColumnKey.BASIC) or ZERO) + (total.value(ColumnKey.PROJECT) or ZERO)
    return abs(total.amount(ColumnKey.TOTAL) - parts) <= rounding_bound(3, table.decimals)


@rule(
    "total.personnel-public",
    Severity.ERROR,
    "合计 = 人员经费 + 公用经费（+ 项目支出）",
    "基本支出按经费性质分列：合计 = 人员经费 + 公用经费；收支总表按此分列时另加项目支出",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表6“办公费”合计 为 24.95，人员经费、公用经费之和为 25.95，相差 1.00 万元",
)
def personnel_public(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        keys = table.column_keys()
        if ColumnKey.TOTAL in keys and ColumnKey.PERSONNEL in keys and ColumnKey.PUBLIC in keys:
            # a 支出总表 printing 人员 | 公用 | 项目 | 经营支出 … with no 基本支出 column: all its parts
            others = [k for k in (ColumnKey.PROJECT, *OTHER_SPENDING) if k in keys]
            parts = (ColumnKey.PERSONNEL, ColumnKey.PUBLIC, *others)
            what = "、".join(["人员经费、公用经费", *(column_label(table, k) for k in others)])
            yield from _row_sums(table, ColumnKey.TOTAL, parts, what)


@rule(
    "total.current-carryover",
    Severity.ERROR,
    "合计 = 当年预算安排 + 上年结转安排",
    "收支总表支出分列：合计 = 当年预算安排 + 上年结转安排",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表1“社会保障和就业支出”2026年合计 为 3057.63，当年预算安排、上年结转安排之和为 3067.63，相差 10.00 万元",
    budget_only=True,
)
def current_carryover(d: Disclosure) -> Iterator[Identity]:
    for table in d.tables:
        keys = table.column_keys(Side.EXPENDITURE if table.kind in TWO_SIDED else None)
        if ColumnKey.TOTAL in keys and ColumnKey.CURRENT in keys and ColumnKey.CARRYOVER in keys:
            yield from _row_sums(
                table, ColumnKey.TOTAL, (ColumnKey.CURRENT, ColumnKey.CARRYOVER), "当年预算安排、上年结转安排"
            )


# ---------------------------------------------------------------------------------------------
# two-sided 收支总表


def income_items(table: Table) -> tuple[list[Row], list[Row]]:
    """(this year's income rows, carry-over rows) of a two-sided table, without sub-items."""
    side = table.side_rows(Side.INCOME)
    total = table.total(Side.INCOME)
    # rows printed under 本年收入合计 (上级补助收入, 上年结转 …) are beyond this year's income
    after = set(map(id, side[side.index(total) + 1 :])) if total is not None and side.index(total) > 0 else set()
    rows = side_items(table, Side.INCOME)
    key = income_key(table)
    # a 财政拨款 row printed blank over its parts (n140 表1: "1、财政拨款 |" over "(1)一般公共预算拨款收入
    # 181716.56"): its parts are the income, the blank states nothing
    blank = [r for r in rows if r.key == "fiscal" and key is not None and r.value(key) is None]
    rows = [r for r in rows if not any(r is b for b in blank)]
    has_fiscal = any(r.key == "fiscal" for r in rows)
    # "三、单位资金" over "1.事业收入 … 5.其他收入" (Shenzhen): the sources printed after it are its parts
    unit_funds = next((i for i, r in enumerate(rows) if r.key == "unit_funds"), None)
    current, carried = [], []
    for i, r in enumerate(rows):
        if r.key in SPLIT_KEYS or (has_fiscal and r.key in INCOME_SUBITEM_KEYS):
            continue
        if unit_funds is not None and i > unit_funds and r.key in UNIT_FUND_PARTS:
            continue
        if r.key in INCOME_BEYOND_YEAR or id(r) in after:
            carried.append(r)
        elif r.key != "year_end_carryover":
            current.append(r)
    return current, carried


@rule(
    "total.summary-income",
    Severity.ERROR,
    "收支总表：本年收入合计 = Σ各项收入",
    "收支总表收入方：本年收入合计等于各资金来源之和；财政拨款等于其一般公共预算、政府性基金、国有资本经营之和；"
    "上年结转（决算：年初财政拨款结转和结余）等于其按资金来源的分列",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表1“本年收入合计” 为 3598.49，各项收入之和为 3608.49，相差 10.00 万元",
    budget_only=False,
)
def summary_income(d: Disclosure) -> Iterator[Identity]:
    for kind in TWO_SIDED:
        table = d.table(kind)
        key = income_key(table) if table else None
        if table is None or key is None:
            continue
        current, carried = income_items(table)
        total = table.total(Side.INCOME)
        if total is not None:
            parts = cells_of(table, current, key)
        else:
            total = table.grand_total(Side.INCOME)
            parts = cells_of(table, current + carried, key)
        if total is not None and (identity := _identity(table_cell(table, total, key), parts, "各项收入")):
            yield identity
        rows = [r for r in table.rows if r.side is Side.INCOME]
        for head, subs in (
            ("fiscal", FISCAL_PARTS),
            ("unit_funds", UNIT_FUND_PARTS),
            ("carryover", CARRYOVER_KEYS),
            ("opening_balance", OPENING_KEYS),
        ):
            parent = table.by_key(head, Side.INCOME)
            children = [r for r in rows if r.key in subs and r.role is RowRole.ITEM]
            if head == "unit_funds" and parent is not None:
                children = [r for r in children if rows.index(r) > rows.index(parent)]
            if parent is None or not children or (head == "fiscal" and not _follows(rows, parent, children)):
                continue
            if parent.value(key) is None:
                continue  # a subtotal left blank states nothing
            if identity := _identity(table_cell(table, parent, key), cells_of(table, children, key), "其下各项"):
                yield identity


def _follows(rows: Sequence[Row], parent: Row, children: Sequence[Row]) -> bool:
    """True when the sub-items are printed after their parent (1. 一般公共预算 under 一、财政拨款收入)."""
    start = rows.index(parent)
    return all(rows.index(c) > start for c in children)


@rule(
    "total.summary-expenditure",
    Severity.ERROR,
    "收支总表：本年支出合计 = Σ各类支出",
    "收支总表支出方：本年支出合计等于按支出功能分类各类支出之和；支出再按部门预算、政府预算经济分类列示时，"
    "每一种列示的本年支出合计等于其各类（与第一类同样编号的行）之和",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表1“本年支出合计”当年预算安排 为 3598.49，各类支出之和为 3608.50，相差 10.01 万元",
    budget_only=False,
)
def summary_expenditure(d: Disclosure) -> Iterator[Identity]:
    for kind in TWO_SIDED:
        table = d.table(kind)
        if table is None:
            continue
        # (the 款 and 项 a side lists by name under its 类 are no more 类)
        items = [r for r in side_items(table, Side.EXPENDITURE) if (r.level or 1) == 1]
        classes = [r for r in items if r.key not in SPENDING_BEYOND_YEAR]
        total = table.total(Side.EXPENDITURE)
        if total is not None and (side := table.side_rows(Side.EXPENDITURE)).index(total) > 0:
            # rows printed under 本年支出合计 (结转下年, 未安排支出的实户资金) are beyond the year
            below = {id(r) for r in side[side.index(total) + 1 :]}
            classes = [r for r in classes if id(r) not in below]
        if total is None:
            total = table.grand_total(Side.EXPENDITURE)
            classes = items
        if total is None:
            continue
        for key in table.column_keys(Side.EXPENDITURE):
            if identity := _identity(table_cell(table, total, key), cells_of(table, classes, key), "各类支出"):
                yield identity
        for view in (Side.DEPT_ECON, Side.GOV_ECON):
            yield from _view_total(table, view)


_ORDINAL_STYLES = (
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^\d+[、.．]"),
    re.compile(r"^[(（]\d+[)）]"),
)


def _view_total(table: Table, view: Side) -> Iterator[Identity]:
    """The expenditure printed again by economic class (a view of the 收支总表): its 本年支出合计 is
    the sum of its top items, the rows numbered as its first item ("1、人员经费和公用经费支出",
    "2、专项业务经费支出" …; the "(1)工资福利支出" under them are their parts)."""
    total = table.total(view)
    items = side_items(table, view)
    if total is None or not items:
        return
    first = compact(items[0].name)
    style = next((p for p in _ORDINAL_STYLES if p.match(first)), None)
    tops = [r for r in items if style is None or style.match(compact(r.name))]
    rows = table.side_rows(view)
    below = {id(r) for r in rows[rows.index(total) + 1 :]}
    tops = [r for r in tops if r.key not in SPENDING_BEYOND_YEAR and id(r) not in below]
    for key in table.column_keys(view):
        if identity := _identity(table_cell(table, total, key), cells_of(table, tops, key), "各类支出"):
            yield identity


@rule(
    "total.summary-grand",
    Severity.ERROR,
    "收支总表：总计 = 本年合计 + 结转",
    "收入总计 = 本年收入合计 + 上年结转；支出总计 = 本年支出合计 + 年终结转（决算：收入总计 = 本年收入合计 + "
    "使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余）",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表1“收入总计” 为 3776.24，本年收入合计与上年结转之和为 3786.24，相差 10.00 万元",
    budget_only=False,
)
def summary_grand(d: Disclosure) -> Iterator[Identity]:
    for kind in TWO_SIDED:
        table = d.table(kind)
        if table is None:
            continue
        for side in (Side.INCOME, Side.EXPENDITURE):
            grand, total = table.grand_total(side), table.total(side)
            if grand is None or total is None:
                continue
            rows = list(table.side_rows(side))
            between = rows[rows.index(total) + 1 : rows.index(grand)]
            if rows.index(total) == 0:  # "一、本年收入" printed above its items: only the carry-over is after it
                beyond = INCOME_BEYOND_YEAR if side is Side.INCOME else SPENDING_BEYOND_YEAR
                after = [r for r in between if r.role is RowRole.ITEM and r.key in beyond]
            else:
                after = [r for r in between if r.role is RowRole.ITEM and r.key not in SPLIT_KEYS and not is_part(r)]
            what = "本年收入合计与上年结转" if side is Side.INCOME else "本年支出合计与年终结转"
            if any(r.key in FINAL_BEYOND_YEAR for r in after):  # 决算: name the rows as printed
                what = "、".join(name_key(r.name) for r in (total, *after))
            keys = [income_key(table)] if side is Side.INCOME else list(table.column_keys(side))
            for key in keys:
                if key is None:
                    continue
                cell = table_cell(table, grand, key)
                parts = cells_of(table, [total, *after], key)
                if identity := _identity(cell, parts, what):
                    yield identity


@rule(
    "total.summary-balance",
    Severity.ERROR,
    "收支总表：收入总计 = 支出总计",
    "收支平衡：预算收入总计等于预算支出总计（预算法 §12）；决算的收入总计同样等于支出总计；支出再按部门预算、"
    "政府预算经济分类列示时，每一种列示的支出总计都等于收入总计",
    "{cell} 为 {left_value}，支出总计为 {right_value}，相差 {diff} {unit}",
    "表1“收入总计” 为 3776.24，支出总计为 3786.24，相差 10.00 万元",
    budget_only=False,
)
def summary_balance(d: Disclosure) -> Iterator[Identity]:
    for kind in TWO_SIDED:
        table = d.table(kind)
        if table is None:
            continue
        income, spending = table.grand_total(Side.INCOME), table.grand_total(Side.EXPENDITURE)
        ikey, ekey = income_key(table), expenditure_key(table)
        if income is None or spending is None or ikey is None or ekey is None:
            continue
        left, right = table_cell(table, income, ikey), table_cell(table, spending, ekey)
        if left and right:
            yield Identity((left,), (right,), (("cell", left.label),))
        for view in (Side.DEPT_ECON, Side.GOV_ECON):  # the same expenditure by economic class
            grand, key = table.grand_total(view), main_column(table, view)
            other = table_cell(table, grand, key) if grand is not None and key is not None else None
            if left and other:
                yield Identity((left,), (other,), (("cell", left.label),))


# ---------------------------------------------------------------------------------------------
# 决算: what a fund had, took in and spent leaves its closing balance


FUND_FINAL_TABLES = (TableKind.GOV_FUND_FINAL, TableKind.STATE_CAPITAL_FINAL)


@rule(
    "total.final-balance",
    Severity.ERROR,
    "决算：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
    "结转和结余的衔接：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出（− 结余分配）。政府性基金、国有资本"
    "经营预算财政拨款收入支出决算表每行如此；财政拨款收入支出决算总表按一般公共预算、政府性基金预算、国有资本经营"
    "预算各自如此",
    "{cell} 与 {spent}之和为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "政府性基金预算财政拨款收入支出决算表“合计”年末结转和结余 与 本年支出之和为 130.00，"
    "年初结转和结余、本年收入之和为 120.00，相差 10.00 万元",
    budget_only=False,
)
def final_balance(d: Disclosure) -> Iterator[Identity]:
    for kind in FUND_FINAL_TABLES:
        table = d.table(kind)
        if table is None:
            continue
        for row in table.rows:
            closing, spent = table_cell(table, row, ColumnKey.CLOSING_BALANCE), table_cell(table, row, ColumnKey.TOTAL)
            opening, income = (
                table_cell(table, row, ColumnKey.OPENING_BALANCE),
                table_cell(table, row, ColumnKey.INCOME),
            )
            if closing and spent and opening and income:
                yield _balance(closing, (spent,), (opening, income), "本年支出")
    yield from _fiscal_fund_balances(d)


def _fiscal_fund_balances(d: Disclosure) -> Iterator[Identity]:
    """财政拨款收入支出决算总表 of a 决算, fund by fund: the year's 财政拨款 of the fund (income side)
    and its 年初财政拨款结转和结余 against its column of 本年支出合计, 结余分配 and 年末结转和结余."""
    table = d.table(TableKind.FISCAL_SUMMARY)
    if table is None or d.document_type is None or not d.document_type.is_final:
        return
    income_rows = {r.key: r for r in table.side_rows(Side.INCOME) if r.key}
    spending = {r.key: r for r in table.side_rows(Side.EXPENDITURE) if r.key}
    spent_row, closing_row = table.total(Side.EXPENDITURE), spending.get("closing_balance")
    distribution_row = spending.get("balance_distribution")
    ikey = income_key(table)
    if spent_row is None or closing_row is None or ikey is None:
        return
    for fund in FISCAL_PARTS:
        year, opening = income_rows.get(fund), income_rows.get(f"opening_balance_{fund}")
        if year is None or opening is None:
            continue
        closing, spent = table_cell(table, closing_row, fund), table_cell(table, spent_row, fund)
        took = cells_of(table, (opening, year), ikey)
        if closing is None or spent is None or len(took) < 2:
            continue
        distributed = table_cell(table, distribution_row, fund) if distribution_row is not None else None
        out = (spent,) if distributed is None else (spent, distributed)
        yield _balance(closing, out, took, "本年支出合计" if distributed is None else "本年支出合计、结余分配")


def _balance(closing: Term, out: Sequence[Term], took: Sequence[Term], spent: str) -> Identity:
    return Identity(
        (closing, *out),
        tuple(took),
        (("cell", closing.label), ("spent", spent), ("parts", "年初结转和结余、本年收入")),
    )


# ---------------------------------------------------------------------------------------------
# 三公经费


@rule(
    "total.three-public",
    Severity.ERROR,
    "“三公”经费：合计 = 出国 + 接待 + 用车；用车 = 购置 + 运行",
    "“三公”经费的构成：因公出国（境）费、公务接待费、公务用车购置及运行费（其中购置费、运行维护费）",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "表10“合计”合计 为 6.00，因公出国（境）费、公务接待费、公务用车购置及运行费之和为 16.00，相差 10.00 万元",
)
def three_public(d: Disclosure) -> Iterator[Identity]:
    table = d.table(TableKind.THREE_PUBLIC)
    if table is None:
        return
    vehicle = table.by_key("vehicle")
    groups = (
        (vehicle, ("vehicle_purchase", "vehicle_operation"), "购置费、运行维护费"),
        (table.total(), ("abroad", "reception", "vehicle"), "因公出国（境）费、公务接待费、公务用车购置及运行费"),
    )
    for total, keys, what in groups:
        if total is None:
            continue
        parts = [r for k in keys if (r := table.by_key(k)) is not None]
        for key in table.column_keys():
            if identity := _identity(table_cell(table, total, key), cells_of(table, parts, key), what):
                yield identity
