"""The standard tables of a disclosure package, as typed rows of their kind.

A table is known by its *kind* (what it shows), never by its number: the sample's 表5 and a
Shanghai package's 表5 are different kinds. Columns carry canonical keys (`total`, `general`,
`basic`, …) so that a rule can ask for "the 基本支出 column" whatever the printed header says;
rows carry their classification code where they have one, a semantic key where the row is one of
a fixed set (收入总计, 因公出国（境）费, …), a role (item, total, grand total) and, for the project
tables, an explicit department → unit → project hierarchy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .money import ZERO, Unit
from .records import slot_init
from .source import OMITTED_WHEN_EMPTY, Source


class TableKind(StrEnum):
    """What a table shows. The value is the stable key used in JSON, file names and rule ids."""

    BUDGET_SUMMARY = "budget_summary"
    INCOME_SUMMARY = "income_summary"
    EXPENDITURE_SUMMARY = "expenditure_summary"
    FISCAL_SUMMARY = "fiscal_summary"
    GENERAL_EXPENDITURE = "general_expenditure"
    GENERAL_BASIC_ECON = "general_basic_econ"
    GOV_FUND_INCOME = "gov_fund_income"
    GOV_FUND_EXPENDITURE = "gov_fund_expenditure"
    STATE_CAPITAL = "state_capital"
    THREE_PUBLIC = "three_public"
    ORG_OPERATION = "org_operation"
    PROJECT_CURRENT = "project_current"
    PROJECT_CARRYOVER = "project_carryover"
    # 决算 only: a fund's 财政拨款 by function code with its balances (年初结转和结余, 本年收入,
    # 本年支出, 年末结转和结余), a table that no 预算 kind shows
    GOV_FUND_FINAL = "gov_fund_final"
    STATE_CAPITAL_FINAL = "state_capital_final"
    # A table of none of the kinds above (a 财政拨款支出表 by function, a 政府采购 table, a 基本支出
    # table of all funds…): kept with its title, columns and rows; rules check only what it states
    # of itself (its totals), never an identity between standard kinds.
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind's usual Chinese name (in a 预算 package)."""
        return KIND_LABELS[self]

    @property
    def final_label(self) -> str:
        """The kind's name in a 决算 package (收入支出决算总表 for the 预算收支总表's kind)."""
        return FINAL_KIND_LABELS.get(self, KIND_LABELS[self])


KIND_LABELS: dict[TableKind, str] = {
    TableKind.BUDGET_SUMMARY: "预算收支总表",
    TableKind.INCOME_SUMMARY: "预算收入总表",
    TableKind.EXPENDITURE_SUMMARY: "预算支出总表",
    TableKind.FISCAL_SUMMARY: "财政拨款收支总表",
    TableKind.GENERAL_EXPENDITURE: "一般公共预算支出预算表",
    TableKind.GENERAL_BASIC_ECON: "一般公共预算基本支出分经济科目表",
    TableKind.GOV_FUND_INCOME: "政府性基金预算收入表",
    TableKind.GOV_FUND_EXPENDITURE: "政府性基金预算支出表",
    TableKind.STATE_CAPITAL: "国有资本经营预算收支预算表",
    TableKind.THREE_PUBLIC: "“三公”经费支出预算表",
    TableKind.ORG_OPERATION: "机关运行经费预算表",
    TableKind.PROJECT_CURRENT: "项目支出预算表（本年预算）",
    TableKind.PROJECT_CARRYOVER: "项目支出预算表（上年结转）",
    TableKind.GOV_FUND_FINAL: "政府性基金预算财政拨款收入支出决算表",
    TableKind.STATE_CAPITAL_FINAL: "国有资本经营预算财政拨款收入支出决算表",
    TableKind.OTHER: "其他表",
}

# The nine tables of a 部门决算 package (Shanghai's 2024 决算 template), in its order, by the
# names they print there.
FINAL_KIND_LABELS: dict[TableKind, str] = {
    TableKind.BUDGET_SUMMARY: "收入支出决算总表",
    TableKind.INCOME_SUMMARY: "收入决算表",
    TableKind.EXPENDITURE_SUMMARY: "支出决算表",
    TableKind.FISCAL_SUMMARY: "财政拨款收入支出决算总表",
    TableKind.GENERAL_EXPENDITURE: "一般公共预算财政拨款支出决算表",
    TableKind.GENERAL_BASIC_ECON: "一般公共预算财政拨款基本支出决算表",
    TableKind.THREE_PUBLIC: "财政拨款“三公”经费支出决算表",
    TableKind.GOV_FUND_FINAL: KIND_LABELS[TableKind.GOV_FUND_FINAL],
    TableKind.STATE_CAPITAL_FINAL: KIND_LABELS[TableKind.STATE_CAPITAL_FINAL],
}


class ColumnKey(StrEnum):
    """The canonical key of an amount column, whatever its printed header (`Column.label`): a rule
    asks for "the 基本支出 column" as `ColumnKey.BASIC`. A column a reader cannot name keeps a key
    of its own ("col5"), so `Column.key` is a string; every key the code names is one of these."""

    AMOUNT = "amount"
    TOTAL = "total"
    CURRENT = "current"
    CARRYOVER = "carryover"
    GENERAL = "general"
    GOV_FUND = "gov_fund"
    STATE_CAPITAL = "state_capital"
    FISCAL_SPECIAL = "fiscal_special"
    UNIT_FUNDS = "unit_funds"
    FISCAL = "fiscal"
    BUDGET = "budget"  # 决算 tables: the budget beside the final figure (年初预算数)
    ADJUSTED = "adjusted"
    FINAL = "final"
    OPENING_BALANCE = "opening_balance"
    INCOME = "income"  # 决算 fund tables: the year's income beside the balances
    CLOSING_BALANCE = "closing_balance"
    BUSINESS = "business"
    OPERATING = "operating"
    OTHER = "other"
    SUPERIOR = "superior"
    AFFILIATED = "affiliated"
    BASIC = "basic"
    PROJECT = "project"
    PERSONNEL = "personnel"
    PUBLIC = "public"
    TO_SUPERIOR = "to_superior"
    OPERATING_EXP = "operating_exp"
    TO_AFFILIATED = "to_affiliated"
    USE_OF_BALANCE = "use_of_balance"
    PRIOR = "prior"  # last year's figure printed beside this year's (2025年预算数 | 2026年预算数)

    @property
    def label(self) -> str:
        """The usual printed header of the column."""
        return COLUMN_LABELS[self]


# The canonical column keys' usual headers. A table's `Column.label` keeps what was printed.
COLUMN_LABELS: dict[str, str] = {
    ColumnKey.AMOUNT: "金额",
    ColumnKey.TOTAL: "合计",
    ColumnKey.CURRENT: "当年预算安排",
    ColumnKey.CARRYOVER: "上年结转",
    ColumnKey.GENERAL: "一般公共预算",
    ColumnKey.GOV_FUND: "政府性基金预算",
    ColumnKey.STATE_CAPITAL: "国有资本经营预算",
    ColumnKey.FISCAL_SPECIAL: "财政专户管理资金",
    ColumnKey.UNIT_FUNDS: "单位资金",
    ColumnKey.FISCAL: "财政拨款",
    ColumnKey.BUDGET: "预算数",
    ColumnKey.ADJUSTED: "调整预算数",
    ColumnKey.FINAL: "决算数",
    ColumnKey.OPENING_BALANCE: "年初结转和结余",
    ColumnKey.INCOME: "本年收入",
    ColumnKey.CLOSING_BALANCE: "年末结转和结余",
    ColumnKey.BUSINESS: "事业收入",
    ColumnKey.OPERATING: "事业单位经营收入",
    ColumnKey.OTHER: "其他收入",
    ColumnKey.SUPERIOR: "上级补助收入",
    ColumnKey.AFFILIATED: "附属单位上缴收入",
    ColumnKey.BASIC: "基本支出",
    ColumnKey.PROJECT: "项目支出",
    ColumnKey.PERSONNEL: "人员经费",
    ColumnKey.PUBLIC: "公用经费",
    ColumnKey.TO_SUPERIOR: "上缴上级支出",
    ColumnKey.OPERATING_EXP: "经营支出",
    ColumnKey.TO_AFFILIATED: "对附属单位补助支出",
    ColumnKey.USE_OF_BALANCE: "使用非财政拨款结余",
    ColumnKey.PRIOR: "上年预算数",
}

# Semantic keys of rows that belong to a fixed set (the value is the usual printed label).
ROW_KEYS: dict[str, str] = {
    # income side of the summary tables (fund sources)
    "general": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "fiscal_special": "财政专户管理资金",
    "unit_funds": "单位资金",
    "fiscal": "财政拨款收入",
    "business": "事业收入",
    "operating": "事业单位经营收入",
    "other": "其他收入",
    "carryover": "上年结转",
    "carryover_general": "上年结转（一般公共预算）",
    "carryover_gov_fund": "上年结转（政府性基金预算）",
    "carryover_state_capital": "上年结转（国有资本经营预算）",
    "year_end_carryover": "年终结转",
    # 决算 收支总表: the other income and the balances
    "superior": "上级补助收入",
    "affiliated": "附属单位上缴收入",
    "use_of_balance": "使用非财政拨款结余",
    "opening_balance": "年初结转和结余",
    "opening_balance_general": "年初结转和结余（一般公共预算财政拨款）",
    "opening_balance_gov_fund": "年初结转和结余（政府性基金预算财政拨款）",
    "opening_balance_state_capital": "年初结转和结余（国有资本经营预算财政拨款）",
    "balance_distribution": "结余分配",
    "closing_balance": "年末结转和结余",
    # 决算 基本支出表: the total of each panel
    "personnel": "人员经费合计",
    "public": "公用经费合计",
    # 三公经费
    "abroad": "因公出国（境）费",
    "reception": "公务接待费",
    "vehicle": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    # printed in the 三公 table beside its items, not part of the 三公 total
    "meeting": "会议费",
    "training": "培训费",
}


class RowRole(StrEnum):
    ITEM = "item"  # a line of content: a code, a fund source, a unit, a project
    TOTAL = "total"  # 合计 / 本年收入合计 / 部门合计
    GRAND_TOTAL = "grand_total"  # 收入总计 / 支出总计


class Side(StrEnum):
    """The half of a two-sided table (收支总表) a row or column belongs to.

    A 收支总表 may print its expenditure more than once, in panels side by side: by 功能分类 科目
    (EXPENDITURE), and again by 部门预算 经济分类 (DEPT_ECON) and by 政府预算 经济分类 (GOV_ECON) (Xi'an's
    部门综合预算). Those are views of the same money: a rule that reads the expenditure side reads
    EXPENDITURE, and the other views only where it says so (`EXPENDITURE_VIEWS`)."""

    INCOME = "income"
    EXPENDITURE = "expenditure"
    DEPT_ECON = "dept_econ"
    GOV_ECON = "gov_econ"


# The sides that print a two-sided table's expenditure, each in a classification of its own.
EXPENDITURE_VIEWS = (Side.EXPENDITURE, Side.DEPT_ECON, Side.GOV_ECON)


@slot_init
@dataclass(frozen=True, slots=True)
class Column:
    """An amount column: its canonical key and the header as printed ("2026年财政拨款/一般公共预算").

    `group` is the key of the column that subtotals the group this column is printed under (the
    一般公共预算 column under 上年结转结余 belongs to `carryover`, 人员经费 under 基本支出 to `basic`):
    that column equals the sum of its group's other columns, row by row. None outside a group."""

    key: str
    label: str
    side: Side | None = None
    group: str | None = field(default=None, metadata=OMITTED_WHEN_EMPTY)


@slot_init
@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table. `values` holds one entry per amount column of the row's side, in column
    order; a blank cell is None, which is not the same as a printed 0.00."""

    name: str
    values: tuple[tuple[str, Decimal | None], ...]
    source: Source
    code: str | None = None
    key: str | None = None
    role: RowRole = RowRole.ITEM
    side: Side | None = None
    level: int | None = None
    parent: int | None = None
    texts: tuple[tuple[str, str], ...] = ()

    def value(self, key: str) -> Decimal | None:
        """The printed value of column `key` (None when blank or when the row has no such column)."""
        for k, v in self.values:
            if k == key:
                return v
        return None

    def amount(self, key: str) -> Decimal:
        """The value of column `key`, a blank counting as zero."""
        v = self.value(key)
        return ZERO if v is None else v

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.values)

    def text(self, key: str) -> str | None:
        for k, v in self.texts:
            if k == key:
                return v
        return None

    def cell_source(self, key: str) -> Source:
        """Where the cell of column `key` of this row was read."""
        return self.source.at(column=key)

    @property
    def is_blank(self) -> bool:
        return all(v is None for _, v in self.values)


@dataclass(frozen=True, slots=True)
class Table:
    """A standard table. Amounts are in `unit`, as printed (not converted)."""

    kind: TableKind
    title: str
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source: Source
    caption: str | None = None
    number: int | None = None
    department: str | None = None
    empty_note: str | None = None
    notes: tuple[str, ...] = field(default=())
    decimals: int = 2

    @property
    def is_empty(self) -> bool:
        """True when no row carries a value (an empty 政府性基金 table, for instance)."""
        return all(r.is_blank for r in self.rows)

    def column(self, key: str, side: Side | None = None) -> Column | None:
        for c in self.columns:
            if c.key == key and (side is None or c.side is side):
                return c
        return None

    def column_keys(self, side: Side | None = None) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if side is None or c.side is side)

    def side_rows(self, side: Side | None) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.side is side)

    def items(self, side: Side | None = None) -> Iterator[Row]:
        """Content rows (no totals) of one side."""
        return (r for r in self.rows if r.role is RowRole.ITEM and (side is None or r.side is side))

    def by_code(self, code: str) -> Row | None:
        for r in self.rows:
            if r.code == code:
                return r
        return None

    def by_key(self, key: str, side: Side | None = None) -> Row | None:
        for r in self.rows:
            if r.key == key and (side is None or r.side is side):
                return r
        return None

    def total(self, side: Side | None = None) -> Row | None:
        """The 合计 row (of one side, for a two-sided table)."""
        for r in self.rows:
            if r.role is RowRole.TOTAL and (side is None or r.side is side):
                return r
        return None

    def grand_total(self, side: Side | None = None) -> Row | None:
        for r in self.rows:
            if r.role is RowRole.GRAND_TOTAL and (side is None or r.side is side):
                return r
        return None

    def children(self, index: int) -> tuple[Row, ...]:
        """Rows whose explicit parent is the row at `index` (project tables)."""
        return tuple(r for r in self.rows if r.parent == index)

    @property
    def label(self) -> str:
        """How a reviewer names this table: its caption/number if printed, else its title."""
        if self.number is not None:
            return f"表{self.number}"
        return self.title
