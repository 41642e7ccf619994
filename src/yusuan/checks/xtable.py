"""Identities between tables: the same money seen from two tables must agree.

收支总表 ↔ 收入总表 ↔ 支出总表 ↔ 财政拨款收支总表 ↔ 一般公共预算支出表 (income by source, expenditure
by 类 and by code, carry-over, 基本/项目); 一般公共预算支出 基本支出 ↔ 基本支出经济分类表; 三公 ↔
经济分类表; 机关运行经费 ↔ the administrative units' 公用经费; 项目支出表 ↔ 项目支出 and the
carry-over; empty 政府性基金/国有资本经营 tables ↔ zero elsewhere. Tables are asked for by kind, so
a package that lacks one simply skips the identities that need it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from ..model import ZERO, ColumnKey, Disclosure, Row, RowRole, Severity, Side, Table, TableKind
from ..model.money import rounding_bound
from ..text import name_key
from .arith import Identity, Relation, Term, fmt
from .registry import flag, rule
from .tables import by_function, cells_of, expenditure_key, gov_codes, income_key, main_column, table_cell

NON_GENERAL = (
    ColumnKey.GOV_FUND,
    ColumnKey.STATE_CAPITAL,
    ColumnKey.FISCAL_SPECIAL,
    ColumnKey.UNIT_FUNDS,
    ColumnKey.BUSINESS,
    ColumnKey.OPERATING,
    ColumnKey.OTHER,
)
NON_FISCAL = (ColumnKey.FISCAL_SPECIAL, ColumnKey.UNIT_FUNDS, ColumnKey.BUSINESS, ColumnKey.OPERATING, ColumnKey.OTHER)
TEMPLATE = "{cell} 为 {left_value}，{other} 为 {right_value}，相差 {diff} {unit}"


def same(
    left: Term | None,
    right: Sequence[Term] | Term | None,
    other: str,
    *,
    relation: Relation = Relation.EQ,
    severity: Severity | None = None,
    explain: str | None = None,
    evidence: bool = True,
) -> Identity | None:
    """Σ right = left (or ≤), with `other` naming the right side in the message."""
    if left is None or right is None:
        return None
    parts = (right,) if isinstance(right, Term) else tuple(right)
    if not parts:
        return None
    return Identity(
        (left,),
        parts,
        (("cell", left.label), ("other", other)),
        relation=relation,
        severity=severity,
        explain=explain,
        evidence=evidence and relation is Relation.EQ,
    )


def emit(*identities: Identity | None) -> Iterator[Identity]:
    return (i for i in identities if i is not None)


def coded(table: Table) -> dict[str, Row]:
    """Item rows by function code (the first row of each code)."""
    found: dict[str, Row] = {}
    for r in table.rows:
        if r.code and r.role is RowRole.ITEM and r.side is not Side.INCOME:
            found.setdefault(r.code, r)
    return found


def is_zero(table: Table | None, keys: Iterable[str], side: Side | None = None) -> bool:
    """True when no row of `table` carries a non-zero amount in any of `keys` (absent table: True)."""
    if table is None:
        return True
    return all((r.value(k) or ZERO) == 0 for r in table.rows if side is None or r.side is side for k in keys)


def income_rows_zero(table: Table | None, keys: Iterable[str]) -> bool:
    """True when the income rows of a 收支总表 with the given keys are all blank or zero."""
    if table is None:
        return True
    key = income_key(table)
    wanted = set(keys)
    return all((r.value(key) or ZERO) == 0 for r in table.rows if r.side is Side.INCOME and r.key in wanted and key)


# ---------------------------------------------------------------------------------------------


@rule(
    "xtable.budget-income",
    Severity.ERROR,
    "收支总表收入 ↔ 收入总表合计",
    "收支总表的各项收入等于收入总表合计行的同一资金来源（同一预算的两种列示）",
    TEMPLATE,
    "表1“一般公共预算” 为 3598.49，表2 合计行一般公共预算 为 3589.49，相差 9.00 万元",
)
def budget_income(d: Disclosure) -> Iterator[Identity]:
    t1, t2 = d.table(TableKind.BUDGET_SUMMARY), d.table(TableKind.INCOME_SUMMARY)
    if t1 is None or t2 is None or (total2 := t2.total()) is None:
        return
    key1 = income_key(t1)
    label2 = f"{t2.label} 合计行"
    for key in (
        ColumnKey.GENERAL,
        ColumnKey.GOV_FUND,
        ColumnKey.STATE_CAPITAL,
        ColumnKey.FISCAL_SPECIAL,
        ColumnKey.UNIT_FUNDS,
        ColumnKey.FISCAL,
        ColumnKey.BUSINESS,
        ColumnKey.OPERATING,
        ColumnKey.OTHER,
    ):
        row1 = t1.by_key(key, Side.INCOME)
        if row1 is not None and t2.column(key) is not None:
            yield from emit(same(table_cell(t1, row1, key1), table_cell(t2, total2, key), f"{label2}{_col(key)}"))
    carry1 = t1.by_key("carryover", Side.INCOME)
    if carry1 is not None and t2.column(ColumnKey.CARRYOVER) is not None:
        yield from emit(
            same(table_cell(t1, carry1, key1), table_cell(t2, total2, ColumnKey.CARRYOVER), f"{label2}上年结转")
        )
    if any(c.key.startswith("col") and (total2.value(c.key) or 0) != 0 for c in t2.columns):
        return  # 表2's 合计 counts a column of no known source ("上年实户资金余额"): what to compare it with?
    this_year, keys2 = t1.total(Side.INCOME), income_and_carryover(t2)
    if this_year is not None and keys2[0] == ColumnKey.CURRENT:  # 合计 | 本年收入 小计 | 上年结转 小计
        yield from emit(
            same(table_cell(t1, this_year, key1), table_cell(t2, total2, ColumnKey.CURRENT), f"{label2}本年收入")
        )
    elif keys2 == (ColumnKey.TOTAL,) and (grand := t1.grand_total(Side.INCOME)) is not None:
        # 表2's 合计 counts the 上年结转 printed beside it: it is 表1's 收入总计
        yield from emit(
            same(table_cell(t1, grand, key1), table_cell(t2, total2, ColumnKey.TOTAL), f"{label2}合计（含上年结转）")
        )
    elif this_year is not None:
        yield from emit(same(table_cell(t1, this_year, key1), table_cell(t2, total2, ColumnKey.TOTAL), f"{label2}合计"))
    elif (grand := t1.grand_total(Side.INCOME)) is not None:
        right = [c for k in (ColumnKey.TOTAL, ColumnKey.CARRYOVER) if (c := table_cell(t2, total2, k)) is not None]
        yield from emit(same(table_cell(t1, grand, key1), right, f"{label2}合计（含上年结转）"))


def _col(key: str) -> str:
    from ..model.tables import COLUMN_LABELS

    return COLUMN_LABELS.get(key, key)


@rule(
    "xtable.budget-class",
    Severity.ERROR,
    "收支总表各类支出 ↔ 支出总表、收入总表",
    "同一类支出在收支总表、支出总表（合计）、收入总表（本年收入、上年结转）中金额相同",
    TEMPLATE,
    "表1“社会保障和就业支出”2026年合计 为 3057.63，表3 同类合计 为 3075.63，相差 18.00 万元",
)
def budget_class(d: Disclosure) -> Iterator[Identity]:
    t1 = d.table(TableKind.BUDGET_SUMMARY)
    if t1 is None:
        return
    t2, t3 = d.table(TableKind.INCOME_SUMMARY), d.table(TableKind.EXPENDITURE_SUMMARY)
    rows1 = [r for r in t1.rows if r.side is Side.EXPENDITURE and r.role is RowRole.ITEM and r.code]
    key1 = expenditure_key(t1)
    pairs = (
        (t3, key1, ColumnKey.TOTAL, "表3 同类合计"),
        (t2, ColumnKey.CURRENT, ColumnKey.TOTAL, "表2 同类本年收入"),
        (t2, ColumnKey.CARRYOVER, ColumnKey.CARRYOVER, "表2 同类上年结转"),
    )
    for other, key, other_key, what in pairs:
        if other is None or key is None or t1.column(key, Side.EXPENDITURE) is None or other.column(other_key) is None:
            continue
        if not by_function(other):  # a 收入总表 listed by 预算单位 has no 类 to compare
            continue
        rows = coded(other)
        what = what.replace("表3", other.label).replace("表2", other.label)
        for row in rows1:
            left = table_cell(t1, row, key)
            if left is None or (left.blank and row.code not in rows):
                continue
            right = table_cell(other, rows.get(row.code or ""), other_key)
            if right is None:
                yield Identity(
                    (left,),
                    (),
                    (("cell", left.label), ("other", what)),
                    explain=f"{other.label}没有这一类",
                )
            else:
                yield from emit(same(left, right, what))
    if t3 is not None and key1 and (total1 := t1.total(Side.EXPENDITURE)) and (total3 := t3.total()):
        yield from emit(same(table_cell(t1, total1, key1), table_cell(t3, total3, ColumnKey.TOTAL), f"{t3.label} 合计"))


@rule(
    "xtable.income-expenditure",
    Severity.ERROR,
    "收入总表 ↔ 支出总表（逐科目）",
    "按支出功能分类的每个科目：本年收入 + 上年结转 = 支出合计（收支平衡到科目）",
    TEMPLATE,
    "表3“社会保险补贴（2080704）”合计 为 355.15，表2 同科目本年收入与上年结转 为 355.51，相差 0.36 万元",
)
def income_expenditure(d: Disclosure) -> Iterator[Identity]:
    t2, t3 = d.table(TableKind.INCOME_SUMMARY), d.table(TableKind.EXPENDITURE_SUMMARY)
    if t2 is None or t3 is None or not by_function(t2):
        return
    rows2, rows3 = coded(t2), coded(t3)
    what = f"{t2.label} 同科目本年收入与上年结转"
    keys2 = income_and_carryover(t2)
    for code in dict.fromkeys([*rows3, *rows2]):
        left = table_cell(t3, rows3.get(code), ColumnKey.TOTAL)
        right = [c for k in keys2 if (c := table_cell(t2, rows2.get(code), k)) is not None]
        if left is None and right and any(not c.blank for c in right):
            yield Identity(
                tuple(right),
                (),
                (("cell", right[0].label), ("other", t3.label)),
                explain=f"{t3.label}没有科目 {code}",
            )
        elif left is not None and not right:
            if not left.blank:
                yield Identity(
                    (left,),
                    (),
                    (("cell", left.label), ("other", what)),
                    explain=f"{t2.label}没有科目 {code}",
                )
        else:
            yield from emit(same(left, right, what))
    if (total2 := t2.total()) and (total3 := t3.total()):
        right = [c for k in keys2 if (c := table_cell(t2, total2, k)) is not None]
        yield from emit(same(table_cell(t3, total3, ColumnKey.TOTAL), right, f"{t2.label} 合计与上年结转"))


def income_and_carryover(t2: Table) -> tuple[str, ...]:
    """The columns of a 收入总表 that add up to a row's income with its carry-over: 本年收入 and
    上年结转 where its 合计 counts this year's income only (printed under 本年收入, or a 本年收入 小计
    beside it), else the 合计 alone (it counts the 上年结转 printed beside it)."""
    if t2.column(ColumnKey.CURRENT) is not None:
        return (ColumnKey.CURRENT, ColumnKey.CARRYOVER)
    total = t2.column(ColumnKey.TOTAL)
    if total is None or t2.column(ColumnKey.CARRYOVER) is None or "本年" in total.label:
        return (ColumnKey.TOTAL, ColumnKey.CARRYOVER)
    return (ColumnKey.TOTAL,)


@rule(
    "xtable.fiscal-budget",
    Severity.ERROR,
    "财政拨款收支总表 ↔ 收支总表",
    "财政拨款收支总表是收支总表中财政拨款部分：各预算收入相同；没有财政拨款以外的收入时，各类支出也相同",
    TEMPLATE,
    "表4“卫生健康支出”小计 为 559.38，表1 同类支出 为 595.38，相差 36.00 万元",
)
def fiscal_budget(d: Disclosure) -> Iterator[Identity]:
    t1, t4 = d.table(TableKind.BUDGET_SUMMARY), d.table(TableKind.FISCAL_SUMMARY)
    if t1 is None or t4 is None:
        return
    key1, key4 = income_key(t1), income_key(t4)
    carry4 = t4.by_key("carryover", Side.INCOME)
    carry1 = t1.by_key("carryover", Side.INCOME)
    for key in (ColumnKey.GENERAL, ColumnKey.GOV_FUND, ColumnKey.STATE_CAPITAL):
        this_year = table_cell(t4, t4.by_key(key, Side.INCOME), key4)
        whole = table_cell(t1, t1.by_key(key, Side.INCOME), key1)
        carried = table_cell(t4, t4.by_key(f"carryover_{key}", Side.INCOME), key4)
        if carry1 is None and this_year is not None and carried is not None and carried.value:
            # a 收支总表 that prints no 上年结转 counts it in each fund's income (Chongqing 表一: "一般公共预算
            # 资金" = 表四's 本年 + 上年结转 of that fund)
            if whole is not None:
                yield Identity(
                    (whole,),
                    (this_year, carried),
                    (("cell", whole.label), ("other", f"{t4.label}同一预算的本年收入与上年结转")),
                )
            continue
        yield from emit(same(this_year, whole, f"{t1.label}同一收入"))
    # a 上年结转 in the 收支总表 that the 财政拨款收支总表 does not print at all (Fuzhou's "上年结转结余"):
    # whether it is 财政拨款 the package does not say, so the fiscal table's spending is at most the
    # whole package's
    unsplit = carry4 is None and carry1 is not None and (carry1.value(income_key(t1) or "") or 0) != 0
    only_fiscal = income_rows_zero(t1, NON_FISCAL) and carryover_fiscal_only(d) and not unsplit
    relation = Relation.EQ if only_fiscal else Relation.LE
    yield from emit(
        same(
            table_cell(t4, carry4, key4),
            table_cell(t1, carry1, key1),
            f"{t1.label}上年结转",
            relation=relation,
        )
    )
    e4, e1 = expenditure_key(t4), expenditure_key(t1)
    rows1 = coded(t1)
    # A 财政拨款收支总表 printed with no amount at all (n156) differs from 表1 in every class for one
    # reason: its totals say so once, its classes are not compared one by one.
    for row in () if t4.is_empty else t4.rows:
        if row.side is Side.EXPENDITURE and row.role is RowRole.ITEM and row.code:
            left = table_cell(t4, row, e4)
            if left is not None and not (left.blank and row.code not in rows1):
                right = table_cell(t1, rows1.get(row.code), e1)
                yield from emit(same(left, right, f"{t1.label}同类支出", relation=relation))
    for side in (Side.EXPENDITURE,):
        total4, total1 = t4.total(side) or t4.grand_total(side), t1.total(side) or t1.grand_total(side)
        yield from emit(
            same(
                table_cell(t4, total4, e4),
                table_cell(t1, total1, e1),
                f"{t1.label}支出合计",
                relation=relation,
            )
        )


FISCAL_COLUMNS = (ColumnKey.GENERAL, ColumnKey.GOV_FUND, ColumnKey.STATE_CAPITAL)


def carryover_fiscal_only(d: Disclosure) -> bool:
    """True unless the package shows carry-over outside 财政拨款 (单位资金, 财政专户…).

    收支总表's 上年结转 counts every fund; 财政拨款收支总表's only 财政拨款. The two agree only when
    the 上年结转 project table's total is all in its 财政拨款 columns (or there is no such table).
    """
    t13 = d.table(TableKind.PROJECT_CARRYOVER)
    if t13 is None:
        return True
    keys = [k for k in FISCAL_COLUMNS if t13.column(k) is not None]
    if not keys or t13.column(ColumnKey.TOTAL) is None:
        return True
    for row in _top_project_rows(t13):
        fiscal = sum((row.amount(k) for k in keys), ZERO)
        bound = rounding_bound(len(keys) + 1, t13.decimals)
        if abs(row.amount(ColumnKey.TOTAL) - fiscal) > bound:
            return False
    return True


def _carryover_general(d: Disclosure) -> bool:
    """True when all carry-over is 一般公共预算 (so the general column of 表4 = 表5 + carry-over)."""
    t4 = d.table(TableKind.FISCAL_SUMMARY)
    if t4 is None:
        return False
    key = income_key(t4)
    return all(
        (r.value(key) or ZERO) == 0
        for r in t4.rows
        if key and r.side is Side.INCOME and r.key in ("carryover_gov_fund", "carryover_state_capital")
    )


@rule(
    "xtable.fiscal-general",
    Severity.ERROR,
    "财政拨款收支总表一般公共预算 ↔ 一般公共预算支出表",
    "财政拨款收支总表一般公共预算列 = 一般公共预算当年支出（一般公共预算支出表）+ 上年结转",
    TEMPLATE,
    "表4“社会保障和就业支出”一般公共预算 为 3057.63，表5 同类合计与上年结转 为 3075.63，相差 18.00 万元",
)
def fiscal_general(d: Disclosure) -> Iterator[Identity]:
    t4, t5 = d.table(TableKind.FISCAL_SUMMARY), d.table(TableKind.GENERAL_EXPENDITURE)
    if t4 is None or t5 is None or not _carryover_general(d) or not carryover_fiscal_only(d):
        return  # 收入总表's 上年结转 column then holds other funds too: no per-class identity
    t2 = d.table(TableKind.INCOME_SUMMARY)
    rows5 = coded(t5)
    rows2 = coded(t2) if t2 is not None and t2.column(ColumnKey.CARRYOVER) is not None else {}
    key = ColumnKey.GENERAL if t4.column(ColumnKey.GENERAL, Side.EXPENDITURE) else None
    if key is None:
        return
    what = f"{t5.label} 同类合计" + ("与上年结转" if rows2 else "")
    for row in () if t4.is_empty else t4.rows:  # (an empty 表4: its total alone, as above)
        if row.side is not Side.EXPENDITURE or row.role is not RowRole.ITEM or not row.code:
            continue
        left = table_cell(t4, row, key)
        if left is None or (left.blank and row.code not in rows5):
            continue
        right = [
            c
            for c in (
                table_cell(t5, rows5.get(row.code), ColumnKey.TOTAL),
                table_cell(t2, rows2.get(row.code), ColumnKey.CARRYOVER),
            )
            if c is not None
        ]
        yield from emit(same(left, right, what))
    income = t4.by_key("general", Side.INCOME)
    total5 = table_cell(t5, t5.total(), ColumnKey.TOTAL)
    if rows2:
        yield from emit(same(table_cell(t4, income, income_key(t4)), total5, f"{t5.label} 合计"))
        return
    # No 上年结转 by code beside 表5: each class above was compared with 表5 alone, so 表5 spends the
    # carry-over too (Chongqing's 表四 spends 本年 + 上年结转), and its 合计 is the year's 一般公共预算
    # income and last year's together.
    this_year = table_cell(t4, income, income_key(t4))
    carried = table_cell(t4, t4.by_key("carryover_general", Side.INCOME), income_key(t4))
    if this_year is not None:
        parts = [this_year] if carried is None else [this_year, carried]
        yield from emit(same(total5, parts, f"{t4.label} 一般公共预算本年收入与上年结转"))


@rule(
    "xtable.general-income",
    Severity.ERROR,
    "一般公共预算支出表 ↔ 收入总表一般公共预算（逐科目）",
    "一般公共预算当年支出按科目等于收入总表同科目的一般公共预算收入",
    TEMPLATE,
    "表5“行政运行（2080101）”合计 为 704.15，表2 同科目一般公共预算 为 740.15，相差 36.00 万元",
)
def general_income(d: Disclosure) -> Iterator[Identity]:
    t2, t5 = d.table(TableKind.INCOME_SUMMARY), d.table(TableKind.GENERAL_EXPENDITURE)
    if t2 is None or t5 is None:
        return
    key2 = ColumnKey.GENERAL if t2.column(ColumnKey.GENERAL) else None
    if key2 is None and t2.column(ColumnKey.FISCAL) and _fund_tables_empty(d):
        key2 = ColumnKey.FISCAL
    if key2 is None:
        return
    rows2, rows5 = coded(t2), coded(t5)
    what = f"{t2.label} 同科目{_col(key2)}"
    for code in dict.fromkeys([*rows5, *rows2]) if by_function(t2) else ():
        left, right = table_cell(t5, rows5.get(code), ColumnKey.TOTAL), table_cell(t2, rows2.get(code), key2)
        if left is None and right is not None and not right.blank:
            yield Identity(
                (right,),
                (),
                (("cell", right.label), ("other", t5.label)),
                explain=f"{t5.label}没有科目 {code}",
            )
        elif left is not None and right is None and not left.blank:
            yield Identity(
                (left,),
                (),
                (("cell", left.label), ("other", what)),
                explain=f"{t2.label}没有科目 {code}",
            )
        else:
            yield from emit(same(left, right, what))
    # where the 收入总表 prints the 一般公共预算 carried over from last year (上年结转结余 | 一般公共
    # 预算), templates differ: the 一般公共预算支出表 lists this year's money (Shanghai) or this
    # year's with the carry-over (Hangzhou: 370,219.25 = 366,195.79 + 4,023.45); either holds
    total5 = table_cell(t5, t5.total(), ColumnKey.TOTAL)
    funds = [c for k in (key2, "carryover_general") if (c := table_cell(t2, t2.total(), k)) is not None]
    carried = (
        key2 == ColumnKey.GENERAL
        and total5 is not None
        and len(funds) == 2
        and not funds[1].blank
        and abs(total5.value - funds[0].value) > rounding_bound(2, t5.decimals)
    )
    yield from emit(
        same(
            total5,
            funds if carried else funds[:1],
            f"{t2.label} 合计行{_col(key2)}" + ("与上年结转的一般公共预算" if carried else ""),
        )
    )


def _fund_tables_empty(d: Disclosure) -> bool:
    return all(
        t is None or t.is_empty for t in (d.table(TableKind.GOV_FUND_EXPENDITURE), d.table(TableKind.STATE_CAPITAL))
    )


def _carryover_all_project(d: Disclosure) -> bool | None:
    """True when every carried-over yuan is 项目支出; None when the package does not say."""
    t1 = d.table(TableKind.BUDGET_SUMMARY)
    carry = t1.by_key("carryover", Side.INCOME) if t1 else None
    amount = (carry.value(income_key(t1) or "") or ZERO) if (t1 and carry) else ZERO
    if amount == 0:
        return True
    t13 = d.table(TableKind.PROJECT_CARRYOVER)
    if t13 is None:
        return None
    tops = [r for r in t13.rows if r.level == 1] or [r for r in t13.rows if r.parent is None]
    return sum((r.value(ColumnKey.TOTAL) or ZERO for r in tops), ZERO) == amount


@rule(
    "xtable.expenditure-general",
    Severity.ERROR,
    "支出总表 ↔ 一般公共预算支出表（基本/项目）",
    "只有一般公共预算收入时：支出总表基本支出 = 一般公共预算基本支出；项目支出 = 一般公共预算项目支出 + 上年结转",
    TEMPLATE,
    "表3“合计”基本支出 为 1979.95，表5 同科目基本支出 为 1997.95，相差 18.00 万元",
)
def expenditure_general(d: Disclosure) -> Iterator[Identity]:
    t2, t3, t5 = (
        d.table(TableKind.INCOME_SUMMARY),
        d.table(TableKind.EXPENDITURE_SUMMARY),
        d.table(TableKind.GENERAL_EXPENDITURE),
    )
    if t3 is None or t5 is None or t2 is None:
        return
    general_only = is_zero(t2, NON_GENERAL) and income_rows_zero(d.table(TableKind.BUDGET_SUMMARY), NON_GENERAL)
    if not general_only or not _carryover_all_project(d):
        return
    rows3, rows5 = coded(t3), coded(t5)
    rows2 = coded(t2) if t2.column(ColumnKey.CARRYOVER) is not None else {}
    for code, row3 in rows3.items():
        row5 = rows5.get(code)
        basic = table_cell(t3, row3, ColumnKey.BASIC)
        if basic is not None and not (basic.blank and row5 is None):
            yield from emit(same(basic, table_cell(t5, row5, ColumnKey.BASIC) or (), f"{t5.label} 同科目基本支出"))
        project = table_cell(t3, row3, ColumnKey.PROJECT)
        if project is not None:
            right = [
                c
                for c in (table_cell(t5, row5, ColumnKey.PROJECT), table_cell(t2, rows2.get(code), ColumnKey.CARRYOVER))
                if c is not None
            ]
            if right or not project.blank:
                yield from emit(same(project, right, f"{t5.label} 同科目项目支出与上年结转"))
    total3, total5, total2 = t3.total(), t5.total(), t2.total()
    yield from emit(
        same(
            table_cell(t3, total3, ColumnKey.BASIC),
            table_cell(t5, total5, ColumnKey.BASIC),
            f"{t5.label} 合计基本支出",
        )
    )
    right = [
        c
        for c in (table_cell(t5, total5, ColumnKey.PROJECT), table_cell(t2, total2, ColumnKey.CARRYOVER))
        if c is not None
    ]
    yield from emit(same(table_cell(t3, total3, ColumnKey.PROJECT), right, f"{t5.label} 合计项目支出与上年结转"))


@rule(
    "xtable.general-basic-econ",
    Severity.ERROR,
    "一般公共预算基本支出 ↔ 基本支出经济分类表",
    "一般公共预算支出表的基本支出合计等于基本支出经济分类表合计",
    TEMPLATE,
    "表6“合计”合计 为 1979.95，表5 合计基本支出 为 1997.95，相差 18.00 万元",
)
def general_basic_econ(d: Disclosure) -> Iterator[Identity]:
    t5, t6 = d.table(TableKind.GENERAL_EXPENDITURE), d.table(TableKind.GENERAL_BASIC_ECON)
    if t5 is None or t6 is None:
        return
    yield from emit(
        same(
            table_cell(t6, t6.total(), ColumnKey.TOTAL),
            table_cell(t5, t5.total(), ColumnKey.BASIC),
            f"{t5.label} 合计基本支出",
        )
    )


@rule(
    "xtable.personnel-split",
    Severity.ERROR,
    "收支总表的人员经费、公用经费 ↔ 基本支出经济分类表",
    "收支总表（或支出总表）分列人员经费、公用经费时（上海市级、部分区级单位预算），若其基本支出（人员经费 + "
    "公用经费）等于一般公共预算基本支出经济分类表的合计，即基本支出全由一般公共预算安排，两表的人员经费应相等"
    "（公用经费随之相等）；基本支出另有其他资金时两表口径不同，不作比较",
    TEMPLATE,
    "收支总表“支出总计”人员经费 为 7380214.00，基本支出经济分类表 合计人员经费 为 6540674.00，相差 839540.00 元",
)
def personnel_split(d: Disclosure) -> Iterator[Identity]:
    econ = d.table(TableKind.GENERAL_BASIC_ECON)
    total = econ.total() if econ is not None else None
    if econ is None or total is None:
        return
    econ_basic = (total.value(ColumnKey.PERSONNEL) or ZERO) + (total.value(ColumnKey.PUBLIC) or ZERO)
    for kind in (TableKind.BUDGET_SUMMARY, TableKind.EXPENDITURE_SUMMARY):
        table = d.table(kind)
        if table is None or table.unit is not econ.unit:
            continue
        side = Side.EXPENDITURE if kind is TableKind.BUDGET_SUMMARY else None
        keys = table.column_keys(side)
        if ColumnKey.PERSONNEL not in keys or ColumnKey.PUBLIC not in keys:
            continue
        row = next(
            (r for r in (table.total(side), table.grand_total(side)) if r is not None and r.has(ColumnKey.PERSONNEL)),
            None,
        )
        if row is None:
            continue
        basic = (row.value(ColumnKey.PERSONNEL) or ZERO) + (row.value(ColumnKey.PUBLIC) or ZERO)
        if basic == 0 or basic != econ_basic:
            continue  # other funds pay part of the basic expenditure: the tables differ in scope
        yield from emit(
            same(
                table_cell(table, row, ColumnKey.PERSONNEL),
                table_cell(econ, total, ColumnKey.PERSONNEL),
                f"{econ.label} 合计人员经费",
            )
        )
        return


def _top_project_rows(table: Table) -> list[Row]:
    return [r for r in table.rows if r.level == 1] or [
        r for r in table.rows if r.parent is None and r.role is RowRole.ITEM
    ]


def _general_carryover_of_projects(d: Disclosure, t12: Table, tops: Sequence[Row]) -> tuple[Term, ...] | None:
    """The 上年结转 cells a 项目支出表 prints beside this year's 一般公共预算 (Shenzhen's 表5: 上年结余、
    结转): () when it prints none (or only zeros); those cells when the 财政拨款收支总表 shows the same
    carry-over, all of it 一般公共预算 (the 一般公共预算支出表 then spends it too); None when whose
    money it is the package does not say."""
    cells = cells_of(t12, tops, ColumnKey.CARRYOVER) if t12.column(ColumnKey.CARRYOVER) is not None else ()
    total = sum((c.value for c in cells), ZERO)
    if total == 0:
        return ()
    t4 = d.table(TableKind.FISCAL_SUMMARY)
    if t4 is None or not _carryover_general(d):
        return None
    general = table_cell(t4, t4.by_key("carryover_general", Side.INCOME), income_key(t4))
    return cells if general is not None and general.value == total else None


@rule(
    "xtable.projects-general",
    Severity.ERROR,
    "项目支出表（本年） ↔ 项目支出",
    "项目支出表（本年预算）一般公共预算合计 = 一般公共预算项目支出；支出总表项目支出 = 本年项目 + 上年结转项目",
    TEMPLATE,
    "表12“文水县人力资源和社会保障局”一般公共预算 为 1618.54，表5 合计项目支出 为 1681.54，相差 63.00 万元",
)
def projects_general(d: Disclosure) -> Iterator[Identity]:
    t12 = d.table(TableKind.PROJECT_CURRENT)
    if t12 is None:
        return
    tops = _top_project_rows(t12)
    if (printed := t12.total()) is not None and not any(r.level for r in t12.rows):
        tops = [printed]  # a flat list of projects: its 合计 (total.table-total checks it is their sum)
    t5, t3, t13 = (
        d.table(TableKind.GENERAL_EXPENDITURE),
        d.table(TableKind.EXPENDITURE_SUMMARY),
        d.table(TableKind.PROJECT_CARRYOVER),
    )
    if t5 is not None and t12.column(ColumnKey.GENERAL) is not None:
        left = cells_of(t12, tops, ColumnKey.GENERAL)
        carried = _general_carryover_of_projects(d, t12, tops)
        if carried is None:
            left = ()  # 上年结转 beside the projects that is not all 一般公共预算: 表5 may spend part of it
        elif carried:
            left = (*left, *carried)
        if left:
            yield Identity(
                left,
                (c,) if (c := table_cell(t5, t5.total(), ColumnKey.PROJECT)) else (),
                (("cell", left[0].label), ("other", f"{t5.label} 合计项目支出")),
            )
    if t3 is not None and (project3 := table_cell(t3, t3.total(), ColumnKey.PROJECT)) is not None:
        right = list(cells_of(t12, tops, ColumnKey.TOTAL))
        what = f"{t12.label} 合计"
        if t13 is not None:
            right += cells_of(t13, _top_project_rows(t13), ColumnKey.TOTAL)
            what += f"与{t13.label} 合计"
        elif not _carryover_all_project(d) or _carryover_all_project(d) is None:
            return
        operating = table_cell(t3, t3.total(), ColumnKey.OPERATING_EXP)
        if operating is not None and not operating.blank and right and t3.unit is t12.unit:
            # a list of projects that holds the 事业单位经营支出 budgeted as a project (Huzhou n125: 表10
            # 171,462.41 = 表3 项目支出 171,262.41 + 经营支出 200.00): either identity holds
            listed = sum((c.value for c in right), ZERO)
            bound = rounding_bound(len(right) + 2, t3.decimals)
            if abs(listed - project3.value - operating.value) <= bound < abs(listed - project3.value):
                return
        yield from emit(same(project3, right, what))


@rule(
    "xtable.carryover-projects",
    Severity.ERROR,
    "项目支出表（上年结转） ↔ 上年结转",
    "上年结转项目支出合计等于收支总表的上年结转（及财政拨款收支总表的上年财政拨款结转）",
    TEMPLATE,
    "表13“文水县人力资源和社会保障局”合计 为 177.75，表1 上年结转 为 171.75，相差 6.00 万元",
)
def carryover_projects(d: Disclosure) -> Iterator[Identity]:
    t13 = d.table(TableKind.PROJECT_CARRYOVER)
    if t13 is None:
        return
    tops = _top_project_rows(t13)
    left = cells_of(t13, tops, ColumnKey.TOTAL)
    if not left:
        return
    fiscal_keys = [k for k in FISCAL_COLUMNS if t13.column(k) is not None]
    fiscal = tuple(c for k in fiscal_keys for c in cells_of(t13, tops, k))
    for kind in (TableKind.BUDGET_SUMMARY, TableKind.FISCAL_SUMMARY):
        table = d.table(kind)
        if table is None:
            continue
        row = table.by_key("carryover", Side.INCOME)
        right = table_cell(table, row, income_key(table))
        # 财政拨款收支总表 counts only 财政拨款 carry-over: compare it with the 财政拨款 columns
        ours = fiscal if kind is TableKind.FISCAL_SUMMARY and fiscal and not carryover_fiscal_only(d) else left
        if right is not None:
            yield Identity(
                ours,
                (right,),
                (("cell", ours[0].label), ("other", f"{table.label} 上年结转")),
            )
    t4 = d.table(TableKind.FISCAL_SUMMARY)
    general = cells_of(t13, tops, ColumnKey.GENERAL) if t13.column(ColumnKey.GENERAL) else ()
    if t4 is not None and general:
        right = table_cell(t4, t4.by_key("carryover_general", Side.INCOME), income_key(t4))
        if right is not None:
            yield Identity(
                general,
                (right,),
                (("cell", general[0].label), ("other", f"{t4.label} 上年结转（一般公共预算）")),
            )


ECON_THREE_PUBLIC = (
    ("vehicle_operation", "30231", "公务用车运行维护费"),
    ("reception", "30217", "公务接待费"),
    ("abroad", "30212", "因公出国（境）费用"),
)


@rule(
    "xtable.three-public-econ",
    Severity.ERROR,
    "“三公”经费表 ↔ 基本支出经济分类表",
    "基本支出中的公务用车运行维护费、公务接待费、因公出国（境）费用不超过“三公”经费表的对应金额（三公经费表还含项目支出安排的部分）",
    "{cell} 为 {left_value}，大于{other} {right_value}，多 {diff} {unit}",
    "表6“公务用车运行维护费”合计 为 16.00，大于表10 公务用车运行维护费 6.00，多 10.00 万元",
)
def three_public_econ(d: Disclosure) -> Iterator[Identity]:
    t6, t10 = d.table(TableKind.GENERAL_BASIC_ECON), d.table(TableKind.THREE_PUBLIC)
    if t6 is None or t10 is None:
        return
    key10 = main_column(t10)
    for key, _code, name in ECON_THREE_PUBLIC:
        rows6 = [r for r in t6.rows if r.role is RowRole.ITEM and name_key(r.name).startswith(name_key(name)[:4])]
        row10 = t10.by_key(key)
        left = cells_of(t6, rows6, ColumnKey.TOTAL)
        right = table_cell(t10, row10, key10)
        if left and right is not None and any(not c.blank for c in left):
            yield Identity(
                left,
                (right,),
                (("cell", left[0].label), ("other", f"{t10.label} {name}")),
                relation=Relation.LE,
                evidence=False,
            )


ADMIN_GOV_CLASSES = ("501", "502", "503", "504")


def is_admin(row: Row) -> bool | None:
    """Whether a 表6 row's government-economic class is 机关 (501–504); None when unknown or mixed."""
    classes = {c[:3] in ADMIN_GOV_CLASSES for c in gov_codes(row)}
    return classes.pop() if len(classes) == 1 else None


@rule(
    "xtable.operation-public",
    Severity.WARNING,
    "机关运行经费 ↔ 行政单位公用经费",
    "机关运行经费 = 行政单位和参公事业单位基本支出中的公用经费（名词解释）；其政府经济科目属 501–504（机关）类",
    "{cell} 为 {left_value}，{other} 为 {right_value}，相差 {diff} {unit}",
    "表11“部门合计”合计 为 68.78，表6 中政府经济科目属机关类的公用经费 为 70.78，相差 2.00 万元",
)
def operation_public(d: Disclosure) -> Iterator[Identity]:
    t6, t11 = d.table(TableKind.GENERAL_BASIC_ECON), d.table(TableKind.ORG_OPERATION)
    if t6 is None or t11 is None:
        return
    total11 = t11.total() or next(iter(t11.rows), None)
    key11 = ColumnKey.TOTAL if t11.column(ColumnKey.TOTAL) else None
    left = table_cell(t11, total11, key11)
    if left is None:
        return
    yield from emit(
        same(
            left,
            table_cell(t6, t6.total(), ColumnKey.PUBLIC),
            f"{t6.label} 公用经费合计",
            relation=Relation.LE,
            severity=Severity.ERROR,
        )
    )
    leaves = [r for r in t6.rows if r.role is RowRole.ITEM and r.text("gov_econ")]
    if not leaves:
        return
    admin = [r for r in leaves if is_admin(r) and (r.value(ColumnKey.PUBLIC) or ZERO) != 0]
    right = cells_of(t6, admin, ColumnKey.PUBLIC)
    if not right:
        return
    difference = left.amount(t6.unit) - sum((c.value for c in right), ZERO)
    yield from emit(
        same(
            left,
            right,
            f"{t6.label} 中政府经济科目属机关类（501–504）的公用经费",
            explain=_operation_explain(t6, admin, -difference),
            evidence=False,
        )
    )


def _operation_explain(t6: Table, admin: Sequence[Row], excess: Decimal) -> str | None:
    """Rows that alone account for the difference: a duplicated pair, or the capital items."""
    if excess == 0:
        return None
    hints = []
    pairs: dict[tuple[str, str], list[Row]] = {}
    for r in admin:
        pairs.setdefault((name_key(r.name), name_key(r.text("gov_econ") or "")), []).append(r)
    for (_dept, _gov), rows in pairs.items():
        if len(rows) > 1:
            for r in rows:
                if (r.value(ColumnKey.PUBLIC) or ZERO) == excess:
                    hints.append(
                        f"{t6.label}第{r.source.line}行“{r.name}／{r.text('gov_econ')}”{fmt(excess)}与另一行部门、政府经济科目都相同，"
                        "疑为事业单位的一行误填了机关类政府经济科目"
                    )
    capital = [r for r in admin if all(c[:3] in ("503", "504") for c in gov_codes(r))]
    if capital and sum((r.value(ColumnKey.PUBLIC) or ZERO for r in capital), ZERO) == excess:
        hints.append(f"或机关运行经费未含资本性支出（{'、'.join(r.name for r in capital)}）")
    return "；".join(hints) or None


FUND_COLUMNS = {ColumnKey.GOV_FUND: "政府性基金预算", ColumnKey.STATE_CAPITAL: "国有资本经营预算"}


@rule(
    "xtable.empty-funds",
    Severity.ERROR,
    "空的政府性基金/国有资本经营表 ↔ 其他表中为零",
    "政府性基金预算、国有资本经营预算收支表为空表时，其他各表中相应的收入和支出应为零（反之亦然）",
    "{table}为空表（本表无数据），但{where}的{fund}为 {amount}",
    "表8为空表（本表无数据），但表4的政府性基金预算为 12.00",
)
def empty_funds(d: Disclosure) -> Iterator[object]:

    pairs = (
        (ColumnKey.GOV_FUND, (TableKind.GOV_FUND_INCOME, TableKind.GOV_FUND_EXPENDITURE)),
        (ColumnKey.STATE_CAPITAL, (TableKind.STATE_CAPITAL,)),
    )
    for key, kinds in pairs:
        empties = [t for k in kinds if (t := d.table(k)) is not None and t.is_empty]
        if not empties:
            continue
        # The fund tables show this year's budget (不含上年结转): money carried over in that fund
        # does not belong in them, so the carry-over table, the carry-over rows, and (when there is
        # such carry-over) the expenditure columns that mix both years say nothing about them.
        carried = _fund_carryover(d, key)
        for other in d.tables:
            if other.kind in kinds or other.kind is TableKind.PROJECT_CARRYOVER:
                continue
            for row in other.rows:
                if row.role is not RowRole.ITEM or (row.key or "").startswith("carryover"):
                    continue
                if carried and row.side is Side.EXPENDITURE:
                    continue
                hits = [
                    (k, v) for k, v in row.values if v and (k == key or (row.key == key and other.column(k, row.side)))
                ]
                for column, value in hits:
                    yield flag(
                        row.cell_source(column),
                        found=value,
                        expected="0",
                        related=[t.source for t in empties],
                        table="、".join(t.label for t in empties),
                        where=f"{other.label}“{row.name}”",
                        fund=FUND_COLUMNS[key],
                        amount=fmt(value),
                    )


def _fund_carryover(d: Disclosure, key: str) -> bool:
    """True when the package carries money over in fund `key` (gov_fund, state_capital)."""
    for table in (d.table(TableKind.FISCAL_SUMMARY), d.table(TableKind.PROJECT_CARRYOVER)):
        if table is None:
            continue
        if table.kind is TableKind.FISCAL_SUMMARY:
            row = table.by_key(f"carryover_{key}", Side.INCOME)
            if row is not None and any(v for _, v in row.values):
                return True
        elif table.column(key) is not None and any(r.value(key) for r in table.rows):
            return True
    return False


@rule(
    "xtable.fund-tables",
    Severity.ERROR,
    "政府性基金、国有资本经营预算表 ↔ 收支总表",
    "政府性基金预算收入/支出表、国有资本经营预算表的合计等于收支总表、财政拨款收支总表中相应预算的收入和支出",
    TEMPLATE,
    "表8“合计”合计 为 12.00，表4 支出合计的政府性基金预算 为 0.00，相差 12.00 万元",
)
def fund_tables(d: Disclosure) -> Iterator[Identity]:
    t1, t4 = d.table(TableKind.BUDGET_SUMMARY), d.table(TableKind.FISCAL_SUMMARY)
    t7 = d.table(TableKind.GOV_FUND_INCOME)
    if t7 is not None and (total7 := t7.total()) is not None:
        key7 = main_column(t7, key=ColumnKey.AMOUNT)
        for other in (t1, t4):
            if other is not None and (row := other.by_key("gov_fund", Side.INCOME)) is not None:
                yield from emit(
                    same(
                        table_cell(t7, total7, key7),
                        table_cell(other, row, income_key(other)),
                        f"{other.label} 政府性基金预算收入",
                    )
                )
    if t4 is None:
        return
    spending = t4.total(Side.EXPENDITURE) or t4.grand_total(Side.EXPENDITURE)
    for kind, key in (
        (TableKind.GOV_FUND_EXPENDITURE, ColumnKey.GOV_FUND),
        (TableKind.STATE_CAPITAL, ColumnKey.STATE_CAPITAL),
    ):
        table = d.table(kind)
        if table is None or spending is None or t4.column(key, Side.EXPENDITURE) is None:
            continue
        total = next((r for r in table.rows if r.role is RowRole.TOTAL and r.side is not Side.INCOME), None)
        column = ColumnKey.TOTAL if table.column(ColumnKey.TOTAL) else None
        this_year = table_cell(table, total, column)
        carried = table_cell(t4, t4.by_key(f"carryover_{key}", Side.INCOME), income_key(t4))
        spent = table_cell(t4, spending, key)
        if this_year is not None and carried is not None and carried.value:
            if spent is not None and spent.value == this_year.value:
                continue  # the fund table counts the carry-over too (Chongqing 表七): it is 表4's spending
            # the fund table excludes carry-over; 表4's spending includes it
            yield Identity(
                (this_year, carried),
                (c,) if (c := table_cell(t4, spending, key)) is not None else (),
                (("cell", this_year.label), ("other", f"{t4.label} 支出合计的{FUND_COLUMNS[key]}（含上年结转）")),
            )
            continue
        yield from emit(
            same(
                this_year,
                table_cell(t4, spending, key),
                f"{t4.label} 支出合计的{FUND_COLUMNS[key]}",
            )
        )
