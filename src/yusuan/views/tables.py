"""Ledger → 表1–表13: each standard table a group-by over the line items, in the official layout.

Each function returns a `Table` whose columns carry the canonical keys and the printed header
paths (levels joined by "/"; a merged group header is printed once, over its first column, so a
later column of the group names only its own level, as in "2026年财政拨款/一般公共预算",
"政府性基金预算"). Rows are in printed order; a two-sided table (收支总表) lists, line by line,
the income row before the expenditure row of the same printed line. Cells are 万元 rounded per
cell from the 元 sums; a zero cell is blank (None).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..ledger.codes import CodeBook
from ..model import ZERO, Column, ColumnKey, Row, RowRole, Side, Source, Table, TableKind, Unit
from ..model import codes as codelib
from ..model.ledger import FISCAL_SOURCES, BudgetPeriod, FundSource, Ledger, LineItem, Nature, ThreePublic
from ..reference import function_classes
from ..text import chinese_number
from .money import cell

EMPTY_NOTE = "注：本表无数据"
CAPTION = "预算公开表{}"
CODE_FROM_NAME = ("code_from", "name")

Values = dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class Context:
    """What every table view needs besides the items: names, year, department, where to point."""

    ledger: Ledger
    codes: CodeBook

    @property
    def year(self) -> int:
        return self.ledger.facts.year

    @property
    def department(self) -> str:
        return self.ledger.facts.department

    def source(self, kind: TableKind, row: int | None = None) -> Source:
        return Source(self.ledger.file, table=kind.value, row=row)


def _table(
    ctx: Context,
    kind: TableKind,
    number: int,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    empty: bool = False,
) -> Table:
    return Table(
        kind=kind,
        title=title,
        unit=Unit.WAN,
        columns=tuple(columns),
        rows=tuple(rows),
        source=ctx.source(kind),
        caption=CAPTION.format(number),
        number=number,
        department=ctx.department,
        # A table with no figure at all is printed empty and says so (本表无数据).
        empty_note=EMPTY_NOTE if empty or all(r.is_blank for r in rows) else None,
    )


def _values(keys: Sequence[str], sums: Values) -> tuple[tuple[str, Decimal | None], ...]:
    return tuple((k, cell(sums.get(k, ZERO))) for k in keys)


def _add(target: Values, key: str, amount: Decimal) -> None:
    target[key] = target.get(key, ZERO) + amount


def _group(
    items: Iterable[LineItem], key: Callable[[LineItem], str], columns: Callable[[LineItem], Iterable[str]]
) -> dict[str, Values]:
    """Sums of each column (a line item adds to every column `columns` names) by `key`."""
    out: dict[str, Values] = defaultdict(dict)
    for item in items:
        sums = out[key(item)]
        for column in columns(item):
            _add(sums, column, item.amount)
    return out


def _code_rows(ctx: Context, kind: TableKind, by_code: dict[str, Values], keys: Sequence[str], start: int) -> list[Row]:
    """类 → 款 → 项 rows of 支出功能分类 with sums rolled up; `start` is the index of the first row."""
    rolled: dict[str, Values] = defaultdict(dict)
    for code, sums in by_code.items():
        for level_code in (code[:3], code[:5], code):
            for k, v in sums.items():
                _add(rolled[level_code], k, v)
    rows: list[Row] = []
    index: dict[str, int] = {}
    for code in sorted(rolled, key=lambda c: (c[:3], c[:5], len(c), c)):
        sums = rolled[code]
        if not any(sums.values()):
            continue
        up = codelib.parent(code)
        position = start + len(rows)
        index[code] = position
        rows.append(
            Row(
                name=ctx.codes.function_name(code),
                values=_values(keys, sums),
                source=ctx.source(kind, position),
                code=code,
                level=codelib.level(code),
                parent=index.get(up) if up else None,
            )
        )
    return rows


def _total_row(ctx: Context, kind: TableKind, name: str, keys: Sequence[str], sums: Values, index: int = 0) -> Row:
    return Row(name, _values(keys, sums), ctx.source(kind, index), role=RowRole.TOTAL)


def _code_table(
    ctx: Context,
    kind: TableKind,
    number: int,
    title: str,
    columns: Sequence[Column],
    items: Sequence[LineItem],
    value_keys: Callable[[LineItem], Iterable[str]],
) -> Table:
    keys = [c.key for c in columns]
    by_code = _group(items, lambda i: i.function_code, value_keys)
    totals: Values = {}
    for sums in by_code.values():
        for k, v in sums.items():
            _add(totals, k, v)
    rows = [_total_row(ctx, kind, "合计", keys, totals)]
    rows += _code_rows(ctx, kind, by_code, keys, 1)
    return _table(ctx, kind, number, title, columns, rows, empty=not items)


# ---------------------------------------------------------------------------------------------
# the tables


def _current(items: Iterable[LineItem]) -> list[LineItem]:
    return [i for i in items if i.period is BudgetPeriod.CURRENT]


def _carryover(items: Iterable[LineItem]) -> list[LineItem]:
    return [i for i in items if i.period is BudgetPeriod.CARRYOVER]


def _fiscal(items: Iterable[LineItem]) -> list[LineItem]:
    return [i for i in items if i.fund in FISCAL_SOURCES]


def _basic_or_project(item: LineItem) -> tuple[str, str]:
    return (ColumnKey.TOTAL, ColumnKey.BASIC if item.nature.is_basic else ColumnKey.PROJECT)


def _class_lines(ctx: Context, kind: TableKind, keys: Sequence[str], by_class: dict[str, Values]) -> list[Row]:
    """The 30 fixed 类 rows of the expenditure half of 表1 and 表4, blank where nothing is spent."""
    rows = []
    for n, (code, name) in enumerate(function_classes().items(), start=1):
        rows.append(
            Row(
                name=f"{chinese_number(n)}、{name}",
                values=_values(keys, by_class.get(code, {})),
                source=ctx.source(kind),
                code=code,
                side=Side.EXPENDITURE,
                level=1,
                texts=(CODE_FROM_NAME,),
            )
        )
    return rows


def _interleave(income: Sequence[Row], expenditure: Sequence[Row]) -> list[Row]:
    """Printed lines pair income row i with expenditure row i; a reader lists income first."""
    out: list[Row] = []
    for i in range(max(len(income), len(expenditure))):
        if i < len(income):
            out.append(income[i])
        if i < len(expenditure):
            out.append(expenditure[i])
    return out


def _renumber(kind: TableKind, ctx: Context, rows: list[Row]) -> list[Row]:
    return [
        Row(r.name, r.values, ctx.source(kind, i), r.code, r.key, r.role, r.side, r.level, r.parent, r.texts)
        for i, r in enumerate(rows)
    ]


def _income_row(
    ctx: Context, kind: TableKind, name: str, key: str | None, value: Decimal, role: RowRole = RowRole.ITEM
) -> Row:
    return Row(name, ((ColumnKey.AMOUNT, cell(value)),), ctx.source(kind), key=key, role=role, side=Side.INCOME)


def budget_summary(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表1 预算收支总表: income by fund source + 上年结转; expenditure by 类 × 合计/当年/结转."""
    kind = TableKind.BUDGET_SUMMARY
    y = ctx.year
    columns = (
        Column(ColumnKey.AMOUNT, f"{y}年", Side.INCOME),
        Column(ColumnKey.TOTAL, f"{y}年合计", Side.EXPENDITURE),
        Column(ColumnKey.CURRENT, "当年预算安排", Side.EXPENDITURE),
        Column(ColumnKey.CARRYOVER, "上年结转安排", Side.EXPENDITURE),
    )
    keys = (ColumnKey.TOTAL, ColumnKey.CURRENT, ColumnKey.CARRYOVER)
    current = _current(items)
    carried = sum((i.amount for i in _carryover(items)), ZERO)
    by_fund = _group(current, lambda i: i.fund.key, lambda i: (ColumnKey.AMOUNT,))
    income = [
        _income_row(
            ctx, kind, f"{chinese_number(n)}、{f.value}", f.key, by_fund.get(f.key, {}).get(ColumnKey.AMOUNT, ZERO)
        )
        for n, f in enumerate(FundSource, start=1)
    ]
    by_class = _group(
        items,
        lambda i: i.function_code[:3],
        lambda i: (ColumnKey.TOTAL, ColumnKey.CURRENT if i.period is BudgetPeriod.CURRENT else ColumnKey.CARRYOVER),
    )
    totals: Values = {}
    for sums in by_class.values():
        for k, v in sums.items():
            _add(totals, k, v)
    rows = _interleave(income, _class_lines(ctx, kind, keys, by_class))
    income_total = sum((i.amount for i in current), ZERO)
    rows += [
        _income_row(ctx, kind, "本年收入合计", None, income_total, RowRole.TOTAL),
        Row("本年支出合计", _values(keys, totals), ctx.source(kind), role=RowRole.TOTAL, side=Side.EXPENDITURE),
        _income_row(ctx, kind, "上年结转", "carryover", carried),
        Row("年终结转", _values(keys, {}), ctx.source(kind), key="year_end_carryover", side=Side.EXPENDITURE),
        _income_row(ctx, kind, "收入总计", None, income_total + carried, RowRole.GRAND_TOTAL),
        Row("支出总计", _values(keys, totals), ctx.source(kind), role=RowRole.GRAND_TOTAL, side=Side.EXPENDITURE),
    ]
    return _table(ctx, kind, 1, f"{y}年预算收支总表", columns, _renumber(kind, ctx, rows))


def income_summary(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表2 预算收入总表: function code × 本年收入 by fund source, and 上年结转."""
    columns = (
        Column(ColumnKey.TOTAL, "本年收入/合计"),
        Column(ColumnKey.GENERAL, "一般公共预算"),
        Column(ColumnKey.GOV_FUND, "政府性基金"),
        Column(ColumnKey.STATE_CAPITAL, "国有资本经营预算"),
        Column(ColumnKey.FISCAL_SPECIAL, "财政专户管理资金"),
        Column(ColumnKey.UNIT_FUNDS, "单位资金"),
        Column(ColumnKey.CARRYOVER, "上年结转"),
    )

    def keys(item: LineItem) -> tuple[str, ...]:
        if item.period is BudgetPeriod.CARRYOVER:
            return (ColumnKey.CARRYOVER,)
        return (ColumnKey.TOTAL, item.fund.key)

    return _code_table(ctx, TableKind.INCOME_SUMMARY, 2, f"{ctx.year}年预算收入总表", columns, items, keys)


def _expenditure_columns(year: int) -> tuple[Column, ...]:
    return (
        Column(ColumnKey.TOTAL, f"{year}年预算数/合计"),
        Column(ColumnKey.BASIC, "基本支出"),
        Column(ColumnKey.PROJECT, "项目支出"),
    )


def expenditure_summary(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表3 预算支出总表: function code × 合计 / 基本支出 / 项目支出, carry-over included."""
    return _code_table(
        ctx,
        TableKind.EXPENDITURE_SUMMARY,
        3,
        f"{ctx.year}年预算支出总表",
        _expenditure_columns(ctx.year),
        items,
        _basic_or_project,
    )


def fiscal_summary(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表4 财政拨款收支总表: 财政拨款 income by budget and its 上年结转; expenditure by 类 × budget."""
    kind = TableKind.FISCAL_SUMMARY
    columns = (
        Column(ColumnKey.AMOUNT, "金额", Side.INCOME),
        Column(ColumnKey.TOTAL, "金额/小计", Side.EXPENDITURE),
        Column(ColumnKey.GENERAL, "一般公共预算", Side.EXPENDITURE),
        Column(ColumnKey.GOV_FUND, "政府性基金预算", Side.EXPENDITURE),
        Column(ColumnKey.STATE_CAPITAL, "国有资本经营预算", Side.EXPENDITURE),
    )
    keys = (ColumnKey.TOTAL, ColumnKey.GENERAL, ColumnKey.GOV_FUND, ColumnKey.STATE_CAPITAL)
    fiscal = _fiscal(items)
    current = _group(_current(fiscal), lambda i: i.fund.key, lambda i: (ColumnKey.AMOUNT,))
    carried = _group(_carryover(fiscal), lambda i: i.fund.key, lambda i: (ColumnKey.AMOUNT,))
    income = [
        _income_row(
            ctx, kind, f"{chinese_number(n)}、{f.value}", f.key, current.get(f.key, {}).get(ColumnKey.AMOUNT, ZERO)
        )
        for n, f in enumerate(FISCAL_SOURCES, start=1)
    ]
    by_class = _group(fiscal, lambda i: i.function_code[:3], lambda i: (ColumnKey.TOTAL, i.fund.key))
    totals: Values = {}
    for sums in by_class.values():
        for k, v in sums.items():
            _add(totals, k, v)
    current_total = sum((i.amount for i in fiscal if i.period is BudgetPeriod.CURRENT), ZERO)
    carried_total = sum((i.amount for i in fiscal if i.period is BudgetPeriod.CARRYOVER), ZERO)
    rows = _interleave(income, _class_lines(ctx, kind, keys, by_class))
    rows += [
        _income_row(ctx, kind, "本年收入合计", None, current_total, RowRole.TOTAL),
        Row("本年支出合计", _values(keys, totals), ctx.source(kind), role=RowRole.TOTAL, side=Side.EXPENDITURE),
        _income_row(ctx, kind, "上年财政拨款结转", "carryover", carried_total),
        Row("年终结转", _values(keys, {}), ctx.source(kind), key="year_end_carryover", side=Side.EXPENDITURE),
    ]
    rows += [
        _income_row(
            ctx,
            kind,
            f"{chinese_number(n)}、{f.value}",
            f"carryover_{f.key}",
            carried.get(f.key, {}).get(ColumnKey.AMOUNT, ZERO),
        )
        for n, f in enumerate(FISCAL_SOURCES, start=1)
    ]
    rows += [
        _income_row(ctx, kind, "收入总计", None, current_total + carried_total, RowRole.GRAND_TOTAL),
        Row("支出总计", _values(keys, totals), ctx.source(kind), role=RowRole.GRAND_TOTAL, side=Side.EXPENDITURE),
    ]
    return _table(ctx, kind, 4, f"{ctx.year}年财政拨款收支总表", columns, _renumber(kind, ctx, rows))


def general_expenditure(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表5 一般公共预算支出预算表（不含上年结转）: function code × 合计 / 基本 / 项目."""
    chosen = [i for i in _current(items) if i.fund is FundSource.GENERAL]
    return _code_table(
        ctx,
        TableKind.GENERAL_EXPENDITURE,
        5,
        f"{ctx.year}年一般公共预算支出预算表（不含上年结转）",
        _expenditure_columns(ctx.year),
        chosen,
        _basic_or_project,
    )


def general_basic_econ(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表6 一般公共预算基本支出分经济科目表: 部门经济科目 (类, then 款 × 政府经济科目) × 人员/公用."""
    kind = TableKind.GENERAL_BASIC_ECON
    columns = (
        Column(ColumnKey.TOTAL, f"{ctx.year}年预算数/合计"),
        Column(ColumnKey.PERSONNEL, "人员经费"),
        Column(ColumnKey.PUBLIC, "公用经费"),
    )
    keys = (ColumnKey.TOTAL, ColumnKey.PERSONNEL, ColumnKey.PUBLIC)
    chosen = [i for i in _current(items) if i.fund is FundSource.GENERAL and i.nature.is_basic]

    def value_keys(item: LineItem) -> tuple[str, str]:
        return (ColumnKey.TOTAL, ColumnKey.PERSONNEL if item.nature is Nature.PERSONNEL else ColumnKey.PUBLIC)

    by_pair = _group(chosen, lambda i: f"{i.dept_econ}|{i.gov_econ}", value_keys)
    totals: Values = {}
    classes: dict[str, Values] = defaultdict(dict)
    for pair, sums in by_pair.items():
        for k, v in sums.items():
            _add(totals, k, v)
            _add(classes[pair[:3]], k, v)
    rows = [_total_row(ctx, kind, "合计", keys, totals)]
    for klass in sorted(classes):
        class_index = len(rows)
        rows.append(
            Row(
                name=ctx.codes.dept_econ_name(klass),
                values=_values(keys, classes[klass]),
                source=ctx.source(kind, class_index),
                code=klass,
                level=1,
                texts=(CODE_FROM_NAME,),
            )
        )
        for pair in sorted(p for p in by_pair if p.startswith(klass)):
            dept, gov = pair.split("|")
            rows.append(
                Row(
                    name=ctx.codes.dept_econ_name(dept),
                    values=_values(keys, by_pair[pair]),
                    source=ctx.source(kind, len(rows)),
                    code=dept,
                    level=2,
                    parent=class_index,
                    texts=(("gov_econ", ctx.codes.gov_econ_name(gov)), CODE_FROM_NAME),
                )
            )
    title = f"{ctx.year}年一般公共预算安排基本支出分经济科目表（不含上年结转）"
    return _table(ctx, kind, 6, title, columns, rows, empty=not chosen)


def gov_fund_income(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表7 政府性基金预算收入表: the 政府性基金 appropriation by function code (current year)."""
    chosen = [i for i in _current(items) if i.fund is FundSource.GOV_FUND]
    columns = (Column(ColumnKey.AMOUNT, "政府性基金收入预算"),)
    title = f"{ctx.year}年政府性基金预算收入表（不含上年结转）"
    return _code_table(ctx, TableKind.GOV_FUND_INCOME, 7, title, columns, chosen, lambda i: (ColumnKey.AMOUNT,))


def gov_fund_expenditure(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表8 政府性基金预算支出表: function code × 合计 / 基本 / 项目 (current year)."""
    chosen = [i for i in _current(items) if i.fund is FundSource.GOV_FUND]
    columns = (
        Column(ColumnKey.TOTAL, "合计"),
        Column(ColumnKey.BASIC, "基本支出"),
        Column(ColumnKey.PROJECT, "项目支出"),
    )
    title = f"{ctx.year}年政府性基金预算支出表（不含上年结转）"
    return _code_table(ctx, TableKind.GOV_FUND_EXPENDITURE, 8, title, columns, chosen, _basic_or_project)


def state_capital(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表9 国有资本经营预算收支预算表: income total; expenditure by function code × 合计/基本/项目."""
    kind = TableKind.STATE_CAPITAL
    chosen = [i for i in _current(items) if i.fund is FundSource.STATE_CAPITAL]
    columns = (
        Column(ColumnKey.AMOUNT, "国有资本经营收入预算", Side.INCOME),
        Column(ColumnKey.TOTAL, "合计", Side.EXPENDITURE),
        Column(ColumnKey.BASIC, "基本支出", Side.EXPENDITURE),
        Column(ColumnKey.PROJECT, "项目支出", Side.EXPENDITURE),
    )
    keys = (ColumnKey.TOTAL, ColumnKey.BASIC, ColumnKey.PROJECT)
    by_code = _group(chosen, lambda i: i.function_code, _basic_or_project)
    totals: Values = {}
    for sums in by_code.values():
        for k, v in sums.items():
            _add(totals, k, v)
    income = [_income_row(ctx, kind, "合计", None, totals.get(ColumnKey.TOTAL, ZERO), RowRole.TOTAL)]
    expenditure = [
        Row("合计", _values(keys, totals), ctx.source(kind), role=RowRole.TOTAL, side=Side.EXPENDITURE),
        *(
            Row(r.name, r.values, r.source, r.code, side=Side.EXPENDITURE, level=r.level, parent=None)
            for r in _code_rows(ctx, kind, by_code, keys, 0)
        ),
    ]
    rows = _interleave(income, expenditure)
    rows = _expenditure_parents(rows)
    title = f"{ctx.year}年国有资本经营预算收支预算表（不含上年结转）"
    return _table(ctx, kind, 9, title, columns, _renumber(kind, ctx, rows), empty=not chosen)


def _expenditure_parents(rows: list[Row]) -> list[Row]:
    """Parents as indexes into the interleaved rows (the nearest row above with the parent code)."""
    latest: dict[str, int] = {}
    out = []
    for i, row in enumerate(rows):
        if row.code is not None:
            code = row.code
            up = codelib.parent(code)
            row = Row(
                row.name,
                row.values,
                row.source,
                row.code,
                row.key,
                row.role,
                row.side,
                row.level,
                latest.get(up) if up else None,
                row.texts,
            )
            latest[code] = i
        out.append(row)
    return out


_THREE_ROWS: tuple[tuple[str, str, tuple[ThreePublic, ...]], ...] = (
    ("因公出国（境）费", "abroad", (ThreePublic.ABROAD,)),
    ("公务接待费", "reception", (ThreePublic.RECEPTION,)),
    ("公务用车购置及运行费", "vehicle", (ThreePublic.VEHICLE_PURCHASE, ThreePublic.VEHICLE_OPERATION)),
    ("①公务用车购置费", "vehicle_purchase", (ThreePublic.VEHICLE_PURCHASE,)),
    ("②公务用车运行维护费", "vehicle_operation", (ThreePublic.VEHICLE_OPERATION,)),
)


def three_public_items(items: Iterable[LineItem]) -> list[LineItem]:
    """The lines of “三公”经费: 财政拨款, current year, flagged with a 三公 category."""
    return [i for i in _current(_fiscal(items)) if i.three_public is not None]


def three_public(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表10 财政拨款安排“三公”经费支出预算表: the five fixed rows and 合计 × budgets."""
    kind = TableKind.THREE_PUBLIC
    columns = (
        Column(ColumnKey.TOTAL, f"{ctx.year}年预算数/合计"),
        Column(ColumnKey.GENERAL, "一般公共预算"),
        Column(ColumnKey.GOV_FUND, "政府性基金预算"),
        Column(ColumnKey.STATE_CAPITAL, "国有资本经营预算"),
    )
    keys = [c.key for c in columns]
    chosen = three_public_items(items)
    by_category = _group(chosen, lambda i: str(i.three_public), lambda i: (ColumnKey.TOTAL, i.fund.key))
    rows: list[Row] = []
    for name, key, categories in _THREE_ROWS:
        sums: Values = {}
        for category in categories:
            for k, v in by_category.get(str(category), {}).items():
                _add(sums, k, v)
        rows.append(Row(name, _values(keys, sums), ctx.source(kind, len(rows)), key=key))
    totals = _group(chosen, lambda i: "all", lambda i: (ColumnKey.TOTAL, i.fund.key)).get("all", {})
    rows.append(_total_row(ctx, kind, "合计", keys, totals, len(rows)))
    return _table(ctx, kind, 10, f"{ctx.year}年财政拨款安排“三公”经费支出预算表", columns, rows)


def org_operation_items(ledger: Ledger) -> list[LineItem]:
    """机关运行经费: 财政拨款 current-year 公用经费 of the administrative units.

    As the 名词解释 defines it (基本支出中的公用经费), 一般设备购置 included, as 财政部 counts it.
    """
    admin = {u.name for u in ledger.facts.units if u.administrative}
    return [i for i in _current(_fiscal(ledger.items)) if i.unit in admin and i.nature is Nature.PUBLIC]


def org_operation(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表11 财政拨款安排机关运行经费预算表: 部门合计 and one row per administrative unit × budgets."""
    kind = TableKind.ORG_OPERATION
    columns = (
        Column(ColumnKey.TOTAL, f"{ctx.year}年预算数/合计"),
        Column(ColumnKey.GENERAL, "一般公共预算"),
        Column(ColumnKey.GOV_FUND, "政府性基金预算"),
        Column(ColumnKey.STATE_CAPITAL, "国有资本经营预算"),
    )
    keys = [c.key for c in columns]
    chosen = org_operation_items(ctx.ledger)
    by_unit = _group(chosen, lambda i: i.unit, lambda i: (ColumnKey.TOTAL, i.fund.key))
    totals = _group(chosen, lambda i: "all", lambda i: (ColumnKey.TOTAL, i.fund.key)).get("all", {})
    rows = [_total_row(ctx, kind, "部门合计", keys, totals)]
    for unit in ctx.ledger.facts.units:
        if unit.administrative:
            rows.append(Row(unit.name, _values(keys, by_unit.get(unit.name, {})), ctx.source(kind, len(rows))))
    return _table(ctx, kind, 11, f"{ctx.year}年财政拨款安排机关运行经费预算表", columns, rows)


def _project_columns(year: int) -> tuple[Column, ...]:
    return (
        Column(ColumnKey.TOTAL, "合计"),
        Column(ColumnKey.GENERAL, f"{year}年财政拨款/一般公共预算"),
        Column(ColumnKey.GOV_FUND, "政府性基金预算"),
        Column(ColumnKey.STATE_CAPITAL, "国有资本经营预算"),
        Column(ColumnKey.FISCAL_SPECIAL, "财政专户管理资金"),
        Column(ColumnKey.UNIT_FUNDS, "单位资金"),
    )


def project_rows(ctx: Context, kind: TableKind, items: Sequence[LineItem], keys: Sequence[str]) -> list[Row]:
    """Department → unit → project rows (levels 1, 2, 3) with sums in 元 rounded per row."""
    projects = [i for i in items if i.nature is Nature.PROJECT]
    if not projects:
        return []

    def sums_of(chosen: Iterable[LineItem]) -> Values:
        return _group(chosen, lambda i: "all", lambda i: (ColumnKey.TOTAL, i.fund.key)).get("all", {})

    rows = [Row(ctx.department, _values(keys, sums_of(projects)), ctx.source(kind, 0), level=1)]
    order = [u.name for u in ctx.ledger.facts.units]
    by_unit: dict[str, list[LineItem]] = defaultdict(list)
    for item in projects:
        by_unit[item.unit].append(item)
    for unit in sorted(by_unit, key=order.index):
        unit_index = len(rows)
        rows.append(Row(unit, _values(keys, sums_of(by_unit[unit])), ctx.source(kind, unit_index), level=2, parent=0))
        by_project: dict[str, list[LineItem]] = defaultdict(list)
        for item in by_unit[unit]:
            by_project[item.project_code or ""].append(item)
        for lines in by_project.values():
            rows.append(
                Row(
                    lines[0].project or "",
                    _values(keys, sums_of(lines)),
                    ctx.source(kind, len(rows)),
                    level=3,
                    parent=unit_index,
                )
            )
    return rows


def project_current(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表12 项目支出预算表（本年预算）."""
    kind = TableKind.PROJECT_CURRENT
    columns = _project_columns(ctx.year)
    rows = project_rows(ctx, kind, _current(items), [c.key for c in columns])
    return _table(ctx, kind, 12, f"{ctx.year}年项目支出预算表（本年预算）", columns, rows, empty=not rows)


def project_carryover(ctx: Context, items: Sequence[LineItem]) -> Table:
    """表13 项目支出预算表（上年结转）."""
    kind = TableKind.PROJECT_CARRYOVER
    columns = _project_columns(ctx.year)
    rows = project_rows(ctx, kind, _carryover(items), [c.key for c in columns])
    return _table(ctx, kind, 13, f"{ctx.year}年项目支出预算表（上年结转）", columns, rows, empty=not rows)


TABLE_VIEWS: tuple[Callable[[Context, Sequence[LineItem]], Table], ...] = (
    budget_summary,
    income_summary,
    expenditure_summary,
    fiscal_summary,
    general_expenditure,
    general_basic_econ,
    gov_fund_income,
    gov_fund_expenditure,
    state_capital,
    three_public,
    org_operation,
    project_current,
    project_carryover,
)


def ledger_to_tables(ctx: Context) -> tuple[Table, ...]:
    """表1–表13 in order."""
    items = ctx.ledger.items
    return tuple(view(ctx, items) for view in TABLE_VIEWS)
