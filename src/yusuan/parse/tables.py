"""A table block (rows of cell text) of a known kind → a typed `Table`.

Steps, each a small function: split the header rows from the body (`split_header`), give every
column a role and a canonical key from its header (`header_to_layouts`), read each body row on
each side into a `Row` (`body_to_rows`), then make the hierarchy explicit (`code_hierarchy`,
`project_hierarchy`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from ..model import (
    EXPENDITURE_VIEWS,
    Column,
    ColumnKey,
    NoteLevel,
    ReadNote,
    Row,
    RowRole,
    Side,
    Source,
    Table,
    TableKind,
    Unit,
    places,
    rounding_bound,
)
from ..model import codes as codelib
from ..reference import dept_econ, dept_econ_by_name, function_class_by_name
from ..text import amount_or_error, compact, is_amount, name_key, regrouped
from .blocks import TableLine

TWO_SIDED = (TableKind.BUDGET_SUMMARY, TableKind.FISCAL_SUMMARY, TableKind.STATE_CAPITAL)
PROJECT_KINDS = (TableKind.PROJECT_CURRENT, TableKind.PROJECT_CARRYOVER)
# Kinds that list money by function 科目, which some packages print by name without codes
NAME_LISTED = (
    TableKind.BUDGET_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL,
    TableKind.OTHER,
)

_TOTALS = {
    "合计",
    "本年收入合计",
    "本年支出合计",
    "部门合计",
    "收入合计",
    "支出合计",
    "总合计",
    "人员经费合计",
    "公用经费合计",
}
_GRAND_TOTALS = {"收入总计", "支出总计", "总计"}
# "一、本年收入" / "一、本年支出" printed above their items in a 财政拨款收支总表: the year's total
_THIS_YEAR = re.compile(r"^[一二三四五六七八九十]+、本年(?:收入|支出)$")
_TOP_ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+、")
_ORDINAL_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[①②③④⑤⑥⑦⑧⑨⑩]|\d+[.、．]\s*\D)")


@dataclass(frozen=True, slots=True)
class TableContext:
    """What is known of a table before its cells are read (from its title and the lines above)."""

    kind: TableKind
    title: str
    unit: Unit
    source: Source
    caption: str | None = None
    number: int | None = None
    department: str | None = None

    def table(
        self, columns: Sequence[Column], rows: Sequence[Row], decimals: int, kind: TableKind | None = None
    ) -> Table:
        """The table read under this context (of `kind` where a reader splits another off it)."""
        kind = kind or self.kind
        return Table(
            kind=kind,
            title=self.title,
            unit=self.unit,
            columns=tuple(columns),
            rows=tuple(rows),
            source=self.source.at(table=kind.value),
            caption=self.caption,
            number=self.number,
            department=self.department,
            decimals=decimals,
        )


@dataclass(slots=True)
class SideLayout:
    """Where one side's name, code, text and amount columns are. A table printed in panels side by
    side (the 决算 基本支出表: 301/303 on the left, 302/310 on the right) has one layout per panel,
    numbered from 0 left to right."""

    side: Side | None
    panel: int = 0
    name_col: int | None = None
    code_cols: list[int] = field(default_factory=list)
    text_cols: list[tuple[str, int]] = field(default_factory=list)
    amount_cols: list[tuple[str, int, str]] = field(default_factory=list)
    # a second set of code columns right of the name (the 政府预算支出经济分类 类 | 款 of a 基本支出
    # table that lists both classifications): kept as the row's text "gov_econ_code"
    gov_code_cols: list[int] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)  # amount column key → its group's key
    by_function_name: bool = False  # the name column lists 功能分类 科目 (with or without codes)


# ---------------------------------------------------------------------------------------------
# header


# What a numbering row prints in its label cells: "栏次 | | 1 | 2 | 3", "** | ** | 1 | 2"
_NUMBERING_MARKS = frozenset(("栏次", "行次", "*", "**", "***"))


def is_numbering_row(line: TableLine) -> bool:
    """The "1 | 2 | 3 …" row some tables print under their header, perhaps after a label cell or
    two ("栏次", "**"); a row of "**" marks alone (a table of texts) is one too."""
    filled = line.nonblank
    marks = 0
    while marks < len(filled) and compact(filled[marks]) in _NUMBERING_MARKS:
        marks += 1
    numbers = filled[marks:]
    if not numbers:
        return marks >= 2
    return (
        len(numbers) + marks >= 2
        and len(numbers[0]) <= 2  # numbering starts small; a code or an amount fails here at once
        and all(c.strip().isdigit() for c in numbers)
        and [int(c) for c in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    )


def is_known_label(text: str, kind: TableKind) -> bool:
    """A row label that only a body row has: a total, an ordinal item, a fixed row of the kind."""
    key = compact(text)
    if not key:
        return False
    if key in _TOTALS or key in _GRAND_TOTALS or _ORDINAL_START.match(key):
        return True
    if kind is TableKind.THREE_PUBLIC and ("出国" in key or "接待" in key or "公务用车" in key):
        return True
    return key in ("上年结转", "年终结转", "上年财政拨款结转")


def is_body_row(line: TableLine, kind: TableKind) -> bool:
    if line.is_blank or is_numbering_row(line):
        return False
    first = line.cells[0] if line.cells else ""
    if codelib.is_code(codelib.normalize(first)):
        return True
    if is_known_label(first, kind):
        return True
    if not first.strip() and len(line.cells) > 1 and compact(line.cells[1]) in _TOTALS:
        # the 合计 of an empty table, in its name column beside a blank code (not the 合计 of a header)
        return all(not c.strip() or is_amount(c) for c in line.cells[2:])
    return any(is_amount(cell) for cell in line.cells[1:])


def is_none_row(line: TableLine) -> bool:
    """The "无" row an empty table prints where its body would be."""
    return line.nonblank == ("无",)


def split_header(rows: Sequence[TableLine], kind: TableKind) -> int:
    """How many leading rows are header rows."""
    for i, line in enumerate(rows):
        if is_body_row(line, kind) or is_none_row(line):
            return i
    return len(rows)


def split_label_row(lines: Sequence[TableLine], n_header: int) -> tuple[list[TableLine], int]:
    """The 合计 row printed on the last header line (the 决算 fund tables put 合计 beside the
    本年支出 subheads 合计 | 基本支出 | 项目支出): its label is a body row, its other cells header."""
    out = list(lines)
    if n_header == 0 or n_header >= len(out) or not out[n_header].cells:
        return out, n_header
    first = out[n_header]
    label, rest = first.cells[0], [c for c in first.cells[1:] if c.strip()]
    if compact(label) not in _TOTALS or len(rest) < 2 or any(is_amount(c) for c in rest):
        return out, n_header
    blank = ("",) * (len(first.cells) - 1)
    header = TableLine(("", *first.cells[1:]), first.source)
    body = TableLine((label, *blank), first.source)
    return [*out[:n_header], header, body, *out[n_header + 1 :]], n_header + 1


def _leaf_labels(header: Sequence[TableLine], width: int) -> list[str]:
    """Each column's most specific header text (bottom-most non-blank, or the span above it)."""
    leaves = []
    for c in range(width):
        label = ""
        for line in reversed(header):
            if c < len(line.cells) and line.cells[c].strip():
                label = line.cells[c]
                break
        if not label:  # a column under a merged header cell: take the cell to its left in that row
            for line in reversed(header):
                for left in range(min(c, len(line.cells) - 1), -1, -1):
                    if line.cells[left].strip():
                        label = line.cells[left]
                        break
                if label:
                    break
        leaves.append(compact(label))
    return leaves


# Header words that print a group of columns with a subtotal of its own (本年收入: 小计 | 一般公共预算 |
# …; 上年结转结余: 小计 | …; 基本支出: 小计 | 人员经费 | 公用经费; 财政拨款: 小计 | 一般公共预算 | …),
# and the key the subtotal column takes.
_GROUP_KEYS: tuple[tuple[str, str], ...] = (
    ("上年结转", ColumnKey.CARRYOVER),
    ("本年收入", ColumnKey.CURRENT),
    ("财政拨款", ColumnKey.FISCAL),
    ("基本支出", ColumnKey.BASIC),
)
# …and group headers that are a fund source as a whole (Xi'an 收入总表: 一般公共预算拨款 {小计 | 其中：专项资金…})
_GROUP_LABELS = {"一般公共预算拨款": ColumnKey.GENERAL, "公共预算拨款": ColumnKey.GENERAL}


def _group_keys(header: Sequence[TableLine], width: int) -> list[str | None]:
    """The key of the group each column is printed under (see `_GROUP_KEYS`), or None.

    A group header is a cell above a column's own header that spans it: the nearest filled cell at
    or left of the column in a row above, whose own column has a header below it (it is no leaf)."""
    found: list[str | None] = [None] * width
    for c in range(width):
        leaf = next((r for r in range(len(header) - 1, -1, -1) if _filled(header[r], c)), None)
        if leaf is None:
            continue
        for r in range(leaf - 1, -1, -1):
            left = next((x for x in range(c, -1, -1) if _filled(header[r], x)), None)
            if left is None or not any(_filled(header[below], left) for below in range(r + 1, len(header))):
                continue
            label = compact(header[r].cells[left])
            found[c] = _GROUP_LABELS.get(label) or next((key for word, key in _GROUP_KEYS if word in label), None)
            break
    return found


def _filled(line: TableLine, c: int) -> bool:
    return c < len(line.cells) and bool(line.cells[c].strip())


def _header_path(header: Sequence[TableLine], c: int) -> str:
    parts = [compact(line.cells[c]) for line in header if c < len(line.cells) and line.cells[c].strip()]
    return "/".join(parts)


def _sides(header: Sequence[TableLine], width: int, kind: TableKind) -> list[Side | None]:
    if kind in (TableKind.GOV_FUND_EXPENDITURE, TableKind.GOV_FUND_INCOME) and header:
        # a fund's 收支表 printed as the 收支总表's panels (收入 | 功能 | 部门预算经济 | 政府预算经济): its sides
        panels = _sides(header, width, TableKind.BUDGET_SUMMARY)
        return panels if Side.DEPT_ECON in panels or Side.GOV_ECON in panels else [None] * width
    if kind not in TWO_SIDED or not header:
        return [None] * width
    if not any("收入" in compact(c) for c in header[0].cells):  # one side only (支出 of 国有资本经营)
        return [None] * width
    sides: list[Side | None] = []
    current: Side | None = Side.INCOME
    top = header[0]
    for c in range(width):
        text = compact(top.cells[c]) if c < len(top.cells) else ""
        if "支出" in text:
            current = Side.EXPENDITURE
        elif "收入" in text:
            current = Side.INCOME
        # OCR can shift the top header row against the rows below; a column whose own header
        # says 收入 (国有资本经营收入预算, 收入科目编码) is on the income side whatever is above it.
        below = "".join(compact(line.cells[c]) for line in header[1:] if c < len(line.cells))
        sides.append(Side.INCOME if "收入" in below else current)
    return _views(header, sides)


# The label column of an expenditure panel that names its classification: "支出功能分类科目（按大类）",
# "部门预算支出经济科目（按大类）", "政府预算支出经济分类科目（按大类）".
_VIEW_LABEL = re.compile(r"(功能|经济)(?:分类|分?科目)")


def view_label(leaf: str) -> Side | None:
    """The expenditure view a panel's label column names (None when it names no classification)."""
    m = _VIEW_LABEL.search(leaf)
    if m is None or "预算数" in leaf:
        return None
    if m.group(1) == "功能":
        return Side.EXPENDITURE
    return Side.DEPT_ECON if "部门" in leaf else Side.GOV_ECON


def _views(header: Sequence[TableLine], sides: list[Side | None]) -> list[Side | None]:
    """The expenditure side printed as several panels, each labelled by its classification (功能 |
    部门预算经济 | 政府预算经济): each panel's columns take the panel's view. A side with one panel stays
    EXPENDITURE, whatever its label says."""
    leaves = _leaf_labels(header, len(sides))
    found = [view_label(leaf) if side is Side.EXPENDITURE else None for leaf, side in zip(leaves, sides, strict=True)]
    if len({v for v in found if v is not None}) < 2:
        return sides
    views: list[Side | None] = []
    current: Side | None = Side.EXPENDITURE
    for side, view in zip(sides, found, strict=True):
        current = view or current
        views.append(current if side is Side.EXPENDITURE else side)
    return views


# Columns that only 决算 tables print; their words never occur in a 预算 header, so they are
# looked for first whatever the table.
_FINAL_KEYS: tuple[tuple[str, str], ...] = (
    ("年初结转和结余", ColumnKey.OPENING_BALANCE),
    ("年末结转和结余", ColumnKey.CLOSING_BALANCE),
    ("本年收入合计", ColumnKey.TOTAL),
    ("上级补助", ColumnKey.SUPERIOR),
    ("附属单位上缴", ColumnKey.AFFILIATED),
    ("上缴上级", ColumnKey.TO_SUPERIOR),
    ("对附属单位补助", ColumnKey.TO_AFFILIATED),
    ("经营支出", ColumnKey.OPERATING_EXP),
    ("决算数", ColumnKey.FINAL),
    ("调整预算", ColumnKey.ADJUSTED),
    ("年初预算", ColumnKey.BUDGET),
)
FUND_FINAL_KINDS = (TableKind.GOV_FUND_FINAL, TableKind.STATE_CAPITAL_FINAL)

_AMOUNT_KEYS: tuple[tuple[str, str], ...] = (
    ("非财政拨款结余", ColumnKey.USE_OF_BALANCE),
    ("用事业基金弥补", ColumnKey.USE_OF_BALANCE),
    ("上年结转", ColumnKey.CARRYOVER),
    ("上年结余", ColumnKey.CARRYOVER),  # "上年结余、结转" (Shenzhen)
    ("当年", ColumnKey.CURRENT),
    ("本年收入", ColumnKey.CURRENT),
    ("合计", ColumnKey.TOTAL),
    ("小计", ColumnKey.TOTAL),
    ("总计", ColumnKey.TOTAL),
    ("一般公共预算", ColumnKey.GENERAL),
    ("政府性基金", ColumnKey.GOV_FUND),
    ("国有资本经营", ColumnKey.STATE_CAPITAL),
    ("财政专户", ColumnKey.FISCAL_SPECIAL),
    ("单位资金", ColumnKey.UNIT_FUNDS),
    ("其他资金", ColumnKey.UNIT_FUNDS),  # the money beside 财政拨款 and 财政专户 (Guangzhou 表11/表12)
    ("事业单位经营", ColumnKey.OPERATING),
    ("经营收入", ColumnKey.OPERATING),
    ("事业收入", ColumnKey.BUSINESS),
    ("其他收入", ColumnKey.OTHER),
    ("财政拨款", ColumnKey.FISCAL),
    ("基本支出", ColumnKey.BASIC),
    ("项目支出", ColumnKey.PROJECT),
    ("专项业务经费", ColumnKey.PROJECT),  # Xi'an: 人员经费 | 公用经费 | 专项业务经费支出
    ("人员经费", ColumnKey.PERSONNEL),
    ("人员支出", ColumnKey.PERSONNEL),
    ("公用经费", ColumnKey.PUBLIC),
    ("公用支出", ColumnKey.PUBLIC),  # 日常公用支出
    ("金额", ColumnKey.AMOUNT),
    ("预算数", ColumnKey.AMOUNT),
)


# The header of a column of 预算单位 codes ("部门代码 | 部门名称 | 合计 …": 123, 123001, …), and the
# text key its cells are kept under.
_UNIT_CODE = re.compile(r"(?:预算)?(?:部门|单位)(?:代码|编码)")
UNIT_CODE = "unit_code"


def column_role(leaf: str, kind: TableKind, side: Side | None, final: bool = False) -> tuple[str, str]:
    """(role, key) of a column from its leaf header: role is code, code_part, name, text or amount.

    `final` says the table prints 决算数 columns, beside which a 预算数 is the budget (`budget`);
    in a 预算 table 预算数 is the table's one amount (`amount`)."""
    if _UNIT_CODE.fullmatch(leaf):  # a listing by 预算单位: the unit's code, no classification code
        return "text", UNIT_CODE
    if leaf in ("序号", "行次", "栏次"):
        return "text", "number"  # the rows' numbers, never an amount
    if leaf in ("备注", "说明"):
        return "text", "remark"
    if leaf == "数量":
        return "text", "quantity"  # how many items a 政府采购 line buys, not money
    if "编码" in leaf or leaf in ("代码", "科目代码"):
        return "code", "code"
    if leaf in ("类", "款", "项"):
        return "code_part", leaf
    if side in EXPENDITURE_VIEWS and view_label(leaf) is side:
        return "name", "name"  # an expenditure panel's label column (a 收支总表 printed in views)
    if "政府预算支出经济" in leaf or "政府经济" in leaf:
        return "text", "gov_econ"
    if "名称" in leaf or leaf in ("项目", "科目") or leaf.endswith("分类科目"):
        return "name", "name"
    if leaf.endswith("绩效目标"):
        return "text", "goal"  # a project's 绩效目标 printed beside its amounts (Guangzhou 表12)
    if side is Side.INCOME and kind in (TableKind.STATE_CAPITAL, TableKind.GOV_FUND_INCOME):
        return "amount", ColumnKey.AMOUNT
    if kind is TableKind.GOV_FUND_INCOME and "收入" in leaf:
        return "amount", ColumnKey.AMOUNT
    for word, key in _FINAL_KEYS:
        if word in leaf:
            return "amount", key
    if kind in FUND_FINAL_KINDS and leaf == "本年收入":
        return "amount", ColumnKey.INCOME
    if final and "预算数" in leaf:
        return "amount", ColumnKey.BUDGET
    if kind is TableKind.ORG_OPERATION and "机关运行经费" in leaf:  # its one amount: 机关运行经费支出
        return "amount", ColumnKey.TOTAL
    if kind in (TableKind.THREE_PUBLIC, TableKind.ORG_OPERATION) and leaf.endswith("预算数"):
        # the one figure of each item ("“三公”经费预算数"): its total, keyed as the combined
        # 三公 and 机关运行经费 table and the Shanxi 表10/表11's 合计 column key it
        return "amount", ColumnKey.TOTAL
    for word, key in _AMOUNT_KEYS:
        if word in leaf:
            return "amount", key
    if re.fullmatch(r"\d{4}年?(度)?", leaf):
        return "amount", ColumnKey.AMOUNT
    return "amount", ""


def text_columns(layout: SideLayout, body: Sequence[TableLine], leaves: Sequence[str]) -> None:
    """Columns the header gave no role but whose cells are text (采购组织形式, 项目类别, 经济科目 of a
    政府采购 table) are text columns, not amounts: most of their filled cells are no amount."""
    kept: list[tuple[str, int, str]] = []
    for key, c, label in layout.amount_cols:
        cells = [line.cells[c] for line in body if c < len(line.cells) and line.cells[c].strip()]
        words = sum(1 for cell in cells if not is_amount(cell))
        if key.startswith("col") and words and words * 2 >= len(cells):
            layout.text_cols.append((leaves[c] or key, c))
        else:
            kept.append((key, c, label))
    layout.amount_cols = kept


def header_to_layouts(header: Sequence[TableLine], width: int, kind: TableKind) -> list[SideLayout]:
    leaves = _leaf_labels(header, width)
    sides = _sides(header, width, kind)
    groups = _group_keys(header, width)
    final = any("决算" in leaf for leaf in leaves)
    layouts: dict[tuple[Side | None, int], SideLayout] = {}
    panels: dict[Side | None, int] = {}
    roles = [column_role(leaves[c], kind, sides[c], final) for c in range(width)]
    coded = any(role in ("code", "code_part") for role, _ in roles)
    for c in range(width):
        side = sides[c]
        role, key = roles[c]
        if coded and role == "amount" and not key and _UNIT_NAME.fullmatch(leaves[c]):
            # 预算单位 | 科目编码 | 科目名称 | …: the unit a row of codes is listed under (Shenzhen), a
            # label of the unit's own row, neither an amount nor a panel of its own
            role, key = "text", "unit"
        panel = panels.get(side, 0)
        if role in ("code", "code_part") and (current := layouts.get((side, panel))) and current.amount_cols:
            panel = panels[side] = panel + 1  # a code column right of amounts starts the next panel
        layout = layouts.setdefault((side, panel), SideLayout(side, panel))
        if (role == "code" or role == "code_part") and layout.name_col is not None and layout.code_cols:
            layout.gov_code_cols.append(c)  # codes again after the name: the other classification's
        elif role == "code" or role == "code_part":
            layout.code_cols.append(c)
        elif role == "name":
            if layout.name_col is None:
                layout.name_col = c
                layout.by_function_name = "功能分类" in leaves[c] or leaves[c] == "科目名称"
            else:
                layout.text_cols.append((f"name{c}", c))
        elif role == "text":
            layout.text_cols.append((key, c))
        else:
            used = {k for k, _, _ in layout.amount_cols}
            key = key or f"col{c + 1}"
            group = groups[c]
            if key in used and group is not None:
                # a second 小计 is its group's subtotal; a second 一般公共预算 is its group's
                key = group if key == ColumnKey.TOTAL else f"{group}_{key}"
            while key in used:
                key += "_2"
            layout.amount_cols.append((key, c, _header_path(header, c) or leaves[c]))
            if group is not None and key != group and not leaves[c].startswith("其中"):
                layout.groups[key] = group  # (a "其中：…" column is a part of the subtotal, not a member)
    for layout in layouts.values():  # a group counts where its subtotal is printed
        keys = {k for k, _, _ in layout.amount_cols}
        layout.groups = {k: g for k, g in layout.groups.items() if g in keys}
        # 单位名称 | 项目名称 | …: a row is a project, printed with the unit it belongs to
        unit, item = layout.name_col, next((c for k, c in layout.text_cols if k.startswith("name")), None)
        if unit is not None and item is not None and _UNIT_NAME.fullmatch(leaves[unit]) and "项目" in leaves[item]:
            layout.name_col = item
            layout.text_cols = [("unit", unit) if c == item else (k, c) for k, c in layout.text_cols]
    # A first column with no header of its own holds the row labels.
    for layout in layouts.values():
        if layout.name_col is None and layout.amount_cols and not layout.code_cols:
            first = layout.amount_cols[0]
            if first[0] in ("", ColumnKey.AMOUNT) or first[1] == 0:
                layout.name_col = first[1]
                layout.amount_cols.pop(0)
    return list(layouts.values())


# ---------------------------------------------------------------------------------------------
# body


_FUND_SOURCES = (
    ("一般公共预算", "general"),
    ("政府性基金", "gov_fund"),
    ("国有资本经营", "state_capital"),
    ("财政专户", "fiscal_special"),
    ("单位资金", "unit_funds"),
)
_INCOME_SOURCES = (
    ("财政拨款", "fiscal"),
    ("上级补助", "superior"),
    ("附属单位上缴", "affiliated"),
    ("事业单位经营", "operating"),
    ("经营收入", "operating"),
    ("事业收入", "business"),
    ("其他收入", "other"),
)


_NUMBERED = re.compile(r"^\s*\d+\s*[.、．]")


@lru_cache(maxsize=4096)
def _row_key(name: str, kind: TableKind, side: Side | None, split_of: str | None) -> str | None:
    """The semantic key of a row of a fixed set; `split_of` is the key of the carry-over row above
    (`carryover`, `opening_balance`) whose split by fund source the rows after it are."""
    key = name_key(name)
    if not key:
        return None
    if kind is TableKind.THREE_PUBLIC:
        if "出国" in key:
            return "abroad"
        if "接待" in key:
            return "reception"
        if "购置及运行" in key:
            return "vehicle"
        if "购置" in key:
            return "vehicle_purchase"
        if "运行" in key:
            return "vehicle_operation"
        return None
    if key in ("人员经费合计", "公用经费合计"):  # the panel totals of the 决算 基本支出表
        return "personnel" if key.startswith("人员") else "public"
    if side in (Side.DEPT_ECON, Side.GOV_ECON):
        side = Side.EXPENDITURE  # the same money in another classification
    if side is Side.EXPENDITURE and kind in TWO_SIDED:
        if key == "结余分配":
            return "balance_distribution"
        if key.startswith("年末") and "结转" in key:
            return "closing_balance"
    if side is Side.EXPENDITURE or kind not in TWO_SIDED:
        return "year_end_carryover" if key in ("年终结转", "年终结转结余", "结转下年") else None
    if key.startswith("其中"):
        # a part of the row above ("其中：专项资金列入部门预算的项目"), no source of its own; under
        # 上年结转, its split by fund ("其中：一般公共预算")
        found = next((source for word, source in _FUND_SOURCES if word in key), None)
        return f"{split_of}_{found}" if split_of and found else None
    if split_of and "结转" in key and _NUMBERED.match(name):
        # "上年结余、结转" over "1.财政拨款结余、结转" and "2.非财政拨款结余、结转" (Shenzhen 表1), or over
        # "1.一般公共预算拨款结余、结转" … (表6): its parts, by fund or 财政拨款 or not
        source = next((source for word, source in _FUND_SOURCES if word in key), None)
        if source is None:
            source = "nonfiscal" if key.startswith("非") else "fiscal" if "财政拨款" in key else None
        if source is not None:
            return f"{split_of}_{source}"
    if "非财政拨款结余" in key or key.startswith("用事业基金弥补"):
        return "use_of_balance"
    if key.startswith("非财政拨款"):
        return None  # "其中：财政拨款资金结转 | 非财政拨款资金结余": the other part of 上年结转
    if key.startswith("年初") and "结转" in key:
        return "opening_balance"
    if "结转" in key:
        return "carryover"
    for word, source in _FUND_SOURCES:
        if word in key:
            return f"{split_of}_{source}" if split_of else source
    for word, source in _INCOME_SOURCES:
        if word in key:
            return source
    return None


@lru_cache(maxsize=4096)
def _role(name: str) -> RowRole:
    if _THIS_YEAR.match(compact(name)):
        return RowRole.TOTAL
    key = name_key(name)
    if key in _GRAND_TOTALS:
        return RowRole.GRAND_TOTAL
    if key in _TOTALS:
        return RowRole.TOTAL
    return RowRole.ITEM


def inherit_code(parts: list[str], rows: Sequence[Row], side: Side | None) -> list[str]:
    """Codes printed in 类 | 款 | 项 columns where a 款 row prints only its own two digits ("| 08 |")
    and a 项 row only its own ("| | 03"): the levels left blank are those of the nearest row above
    with a code of the level just above (205, then 20508)."""
    if len(parts) < 2 or parts[0].strip() or not any(p.strip() for p in parts):
        return parts
    if not all(p.strip().isdigit() for p in parts if p.strip()):
        return parts
    first = next(i for i, p in enumerate(parts) if p.strip())
    width = 3 + 2 * (first - 1)  # the code length of the level above: 3 for a 款, 5 for a 项
    above = next((r.code for r in reversed(rows) if r.side is side and r.code and len(r.code) == width), None)
    if above is None or first + 1 > len(parts):
        return parts
    return [above, *[p.strip() for p in parts[first:] if p.strip()]]


def join_code(parts: Sequence[str]) -> str:
    """A code printed in 类/款/项 cells (or as "301  2" in one cell) → one code string.

    款 and 项 are two digits; a part printed as one digit ("2" for 02) lost its leading zero.
    """
    if len(parts) == 1 and (not parts[0] or (parts[0].isascii() and parts[0].isdigit())):
        return parts[0]  # the common case: the whole code in one cell, or no code
    pieces = [p for part in parts for p in part.split()]
    if len(pieces) > 1 and all(p.isdigit() for p in pieces) and len(pieces[0]) == 3:
        return pieces[0] + "".join(p.zfill(2) for p in pieces[1:])
    return codelib.normalize("".join(parts))


def mend_code(parts: Sequence[str], above: Sequence[str]) -> str | None:
    """A code whose 类 is garbled in the text layer (rd12 prints "7 11 02" under 210 11): in a
    listing by code, an item follows its 款, so when the nearest code above is a 款 with the same
    款 digits, the code is that 款 + 项; and a 款 printed as its two digits alone under its 类.
    Anything less certain stays unread."""
    pieces = [p for part in parts for p in part.split()]
    if len(pieces) == 1 and len(pieces[0]) == 2 and pieces[0].isdigit() and above:
        # a 款 printed as its own two digits in the one code column, under its 类 (Xi'an n140 表5:
        # "201" then "10" then "2011007"): the 款 of the 类 just above, or of the 类 whose last 项
        # is just above; under a lone 款 it might as well be a 项, and stays unread
        last = above[-1]
        return last[:3] + pieces[0] if len(last) in (3, 7) else None
    if len(pieces) != 3 or not all(p.isdigit() for p in pieces) or len(pieces[0]) >= 3:
        return None
    _, section, item = pieces
    for code in reversed(above):
        if len(code) == 7 and code[3:5] == section.zfill(2):
            continue  # a sibling item of the same 款
        if len(code) == 5 and code[3:] == section.zfill(2):
            return code + item.zfill(2)
        break
    return None


_THREE_PUBLIC_TOTAL = re.compile(r"^[“\"]?三公[”\"]?经费(?:合计|小计|预算数?)?$")
# A row of 机关运行经费 printed among the 三公 items (Guangzhou's 表8 "行政经费", which its glossary
# calls 行政经费（机关运行经费）)
_ORG_OPERATION_ROW = re.compile(r"^(?:行政经费|机关运行经费)(?:[（(]机关运行经费[)）])?(?:合计|预算数?)?$")


def split_org_operation(table: Table) -> tuple[Table, ...]:
    """A 三公 table that prints a 机关运行经费 (行政经费) row beside its items → the 三公 table without
    that row and a 机关运行经费 table of it (its one row the total). Any other table as it is."""
    if table.kind is not TableKind.THREE_PUBLIC:
        return (table,)
    org = [r for r in table.rows if r.role is RowRole.ITEM and _ORG_OPERATION_ROW.match(name_key(r.name))]
    if len(org) != 1:
        return (table,)
    kind = TableKind.ORG_OPERATION.value
    row = replace(org[0], role=RowRole.TOTAL, source=org[0].source.at(table=kind, row=0))
    rest = tuple(r for r in table.rows if r is not org[0])
    three = replace(table, rows=tuple(replace(r, source=r.source.at(row=i)) for i, r in enumerate(rest)))
    keys = {k for k, _ in row.values}
    org_table = replace(
        table,
        kind=TableKind.ORG_OPERATION,
        rows=(row,),
        columns=tuple(c for c in table.columns if c.key in keys),
        source=table.source.at(table=kind),
    )
    return three, org_table


# A code printed in brackets at the head of the name cell: "[2010301]行政运行", "[30101]基本工资"
_CODE_IN_NAME = re.compile(r"^\s*[\[［【](\d{3,7})[\]］】]\s*(.+)$")


def body_to_rows(
    body: Sequence[TableLine], layouts: Sequence[SideLayout], ctx: TableContext, notes: list[ReadNote]
) -> list[Row]:
    rows: list[Row] = []
    split_of: dict[Side | None, str] = {}
    table = ctx.kind.value
    latest: dict[tuple[Side | None, str], int] = {}  # see _code_place
    irregular: list[tuple[str, Source]] = []  # amounts with a thousands separator left out
    for line in body:
        filled = line.nonblank
        if not filled or filled == ("无",) or is_numbering_row(line):
            continue  # blank, the "无" of an empty table, or the column numbers under the header
        cells = line.cells
        width = len(cells)
        for layout in layouts:
            side = layout.side
            name = cells[layout.name_col] if layout.name_col is not None and layout.name_col < width else ""
            parts = inherit_code([cells[c] for c in layout.code_cols if c < width], rows, side)
            code = join_code(parts)
            repaired = False
            if code and not codelib.is_code(code):
                mended = mend_code(parts, [r.code for r in rows if r.side is side and r.code])
                if mended:
                    notes.append(
                        ReadNote(
                            NoteLevel.INFO,
                            f"{ctx.title}：编码“{' '.join(p for p in parts if p)}”残缺，按上级科目补全为 {mended}",
                            line.source.at(table=table),
                            "code-mended",
                        )
                    )
                    code, repaired = mended, True
                else:
                    if not name:
                        name = "".join(parts)
                    code = ""
            if not code and (inline := _CODE_IN_NAME.match(name)) and codelib.is_code(inline.group(1)):
                code, name = inline.group(1), inline.group(2)  # "[2010301]行政运行" (Guangzhou)
            values: list[tuple[str, Decimal | None]] = []
            first_amount = layout.amount_cols[0][1] if layout.amount_cols and layout.name_col is not None else None
            for key, c, _ in layout.amount_cols:
                text = cells[c] if c < width else ""
                value = amount_or_error(text)
                if isinstance(value, str) and c == first_amount and (spill := _spilled(text)) is not None:
                    # the name ran on past the rule into this cell ("…职业年金缴费支出43608.96", "障中18心39311.66")
                    name, value = name.rstrip() + spill[0], amount_or_error(spill[1])
                if "," in text and value is not None and not isinstance(value, str) and regrouped(text):
                    irregular.append((text, line.source.at(table=table, column=key)))
                if isinstance(value, str):  # not an amount
                    value = None
                    if not name:
                        name = text
                    else:
                        notes.append(
                            ReadNote(
                                NoteLevel.WARNING,
                                f"{ctx.title}：“{text}”不是金额，按空白读取",
                                line.source.at(table=table, column=key),
                                "not-amount",
                            )
                        )
                values.append((key, value))
            name = name.strip()
            label_col = None
            if not name:  # a row labelled in another label column (合计 under 部门代码, a 政府采购 unit row)
                label_col = next((c for _, c in layout.text_cols if c < width and cells[c].strip()), None)
                name = cells[label_col].strip() if label_col is not None else ""
            if not name and not code and all(v is None for _, v in values):
                continue
            texts = (
                tuple((key, cells[c]) for key, c in layout.text_cols if c < width and cells[c] and c != label_col)
                if layout.text_cols
                else ()
            )
            if layout.gov_code_cols:
                gov = join_code(inherit_code([cells[c] for c in layout.gov_code_cols if c < width], (), side))
                texts += (("gov_econ_code", gov),) if gov else ()
            if repaired:
                texts += (("code_from", "context"),)
            role = _role(name)
            if ctx.kind is TableKind.THREE_PUBLIC and _THREE_PUBLIC_TOTAL.match(name_key(name)):
                role = RowRole.TOTAL  # the row "“三公”经费" over its items (Guangzhou 表8)
            row_key = _row_key(name, ctx.kind, side, split_of.get(side))
            if row_key == "carryover" or row_key == "opening_balance":
                split_of[side] = row_key
            by_name = side is Side.EXPENDITURE or (layout.by_function_name and not layout.code_cols)
            if not code and by_name and role is RowRole.ITEM:
                code = function_class_by_name().get(name_key(name), "")
                above = next((r for r in reversed(rows) if r.side is side and r.code), None)
                if code and above is not None and above.code == code and _ORDINAL_START.match(compact(above.name)):
                    # "五、其他支出" over its 款 "其他支出" and 项 "其他支出" (Shenzhen): no 类 again
                    code = ""
                if code:
                    texts += (("code_from", "name"),)
            level, parent = _code_place(latest, side, code, len(rows)) if code else (None, None)
            rows.append(
                Row(
                    name,
                    tuple(values),
                    line.source.in_table(table, len(rows)),
                    code or None,
                    row_key,
                    role,
                    side,
                    level,
                    parent,
                    texts,
                )
            )
    if irregular:
        first, where = irregular[0]
        more = f"等 {len(irregular)} 个金额" if len(irregular) > 1 else ""
        note = f"{ctx.title}：“{first}”{more}的千分位分隔符不全，按数字读取"
        notes.append(ReadNote(NoteLevel.INFO, note, where, "amount-regrouped"))
    return rows


def panel_lines(body: Sequence[TableLine], layout: SideLayout) -> list[TableLine]:
    """One panel's cells of `body`, a line per row of the panel.

    A text layer can print a row's code, name and amount on lines of their own ("301 01" on one
    line, "基本工资 262.33" on the next; "302 | 因公出国（境）费" then "12 | 用"): a line with no
    类 code completes the row above it where it fills only cells that row left blank (its name is
    appended). A line with a 类 code, or one that would overwrite a cell, starts a row."""
    width = max((len(line.cells) for line in body), default=0)
    cols = [*layout.code_cols, *([layout.name_col] if layout.name_col is not None else [])]
    cols += [c for _, c in layout.text_cols] + [c for _, c, _ in layout.amount_cols]
    head = layout.code_cols[0] if layout.code_cols else None
    records: list[tuple[dict[int, str], Source]] = []
    for line in body:
        if line.is_blank or is_numbering_row(line) or is_none_row(line):
            continue
        cells = {c: line.cells[c] for c in cols if c < len(line.cells) and line.cells[c].strip()}
        if not cells:
            continue
        if records and head is not None and head not in cells:
            above = records[-1][0]
            clash = [c for c in cells if c in above and c != layout.name_col]
            if not clash:
                for c, text in cells.items():
                    above[c] = above.get(c, "") + text if c == layout.name_col else text
                continue
        records.append((cells, line.source))
    return [TableLine(tuple(cells.get(c, "") for c in range(width)), source) for cells, source in records]


def panels_to_rows(
    body: Sequence[TableLine], layouts: Sequence[SideLayout], ctx: TableContext, notes: list[ReadNote]
) -> list[Row]:
    """A table printed in panels side by side: the left panel's rows, then the next panel's."""
    rows: list[Row] = []
    for layout in sorted(layouts, key=lambda layout: layout.panel):
        rows.extend(body_to_rows(panel_lines(body, layout), [layout], ctx, notes))
    return [replace(row, source=row.source.at(row=i)) for i, row in enumerate(rows)]


# ---------------------------------------------------------------------------------------------
# hierarchy


def _code_place(
    latest: dict[tuple[Side | None, str], int], side: Side | None, code: str, index: int
) -> tuple[int, int | None]:
    """(level, parent) of row `index` with `code`: the parent is the nearest row above on the same
    side with the parent code. `latest` holds the last row of each code seen so far."""
    up = codelib.parent(code)
    parent = latest.get((side, up)) if up else None
    latest[(side, code)] = index
    return codelib.level(code), parent


_PART = re.compile(r"^其中")
# an amount cell that begins with the end of the name beside it: "出18803323.32", "支出43608.96"
_HAN = re.compile(r"[\u4e00-\u9fff（）()、]")


def _spilled(text: str) -> tuple[str, str] | None:
    """(the name's end, the amount) of a cell the name beside it ran into: the characters that are
    words, at most 8, and the digits left an amount once they are taken out."""
    words = "".join(_HAN.findall(text))
    rest = _HAN.sub("", text).strip()
    if not words or len(words) > 8 or not re.fullmatch(r"-?[\d,]+(?:\.\d+)?", rest):
        return None
    return words, rest


def part_rows(rows: list[Row]) -> list[Row]:
    """A two-sided table's rows printed as parts of the row above them: "其中：…" rows, and the row
    that completes such a part ("其中：财政拨款资金结转" then "非财政拨款资金结余") take the nearest row
    above on their side that is no part as their `parent` (their level is left unknown: they are
    no 款 of a 类). Rows of a hierarchy by code keep theirs."""
    out = list(rows)
    whole: dict[Side | None, int] = {}
    part_of: dict[Side | None, bool] = {}  # the side's last row was a part
    for i, row in enumerate(rows):
        key = compact(row.name)
        part = (
            row.role is RowRole.ITEM
            and row.parent is None
            and not row.code
            and (bool(_PART.match(key)) or (part_of.get(row.side, False) and key.startswith("非")))
        )
        if part and row.side in whole:
            out[i] = replace(row, parent=whole[row.side])
        elif not part:
            whole[row.side] = i
        part_of[row.side] = part
    return out


def code_hierarchy(rows: list[Row]) -> list[Row]:
    """Level from the code and parent = the nearest row above with the parent code."""
    latest: dict[tuple[Side | None, str], int] = {}
    out: list[Row] = []
    for i, row in enumerate(rows):
        if row.code:
            lvl, parent = _code_place(latest, row.side, row.code, i)
            if (lvl, parent) != (row.level, row.parent):
                row = _placed(row, row.code, lvl, parent, row.texts)
        out.append(row)
    return out


def _placed(
    row: Row, code: str | None, level: int | None, parent: int | None, texts: tuple[tuple[str, str], ...]
) -> Row:
    """`row` with its place in the hierarchy: `dataclasses.replace` written out, which is several
    times faster (a table has hundreds of rows)."""
    return Row(row.name, row.values, row.source, code, row.key, row.role, row.side, level, parent, texts)


def econ_hierarchy(rows: list[Row]) -> list[Row]:
    """表6 printed without codes: find each name's economic code, 类 rows first, then 款 under them."""
    classes = {name_key(n): c for c, n in dept_econ().items() if len(c) == 3}
    out: list[Row] = []
    current: tuple[int, str] | None = None
    for i, row in enumerate(rows):
        if row.role is not RowRole.ITEM or row.code:
            out.append(row)
            continue
        key = name_key(row.name)
        if key in classes and not row.text("gov_econ"):
            current = (i, classes[key])
            out.append(_placed(row, current[1], 1, row.parent, (*row.texts, ("code_from", "name"))))
            continue
        candidates = dept_econ_by_name().get(key, ())
        if current is not None:
            under = [c for c in candidates if c.startswith(current[1])]
            candidates = tuple(under) or candidates
        code = candidates[0] if len(candidates) == 1 else None
        texts = (*row.texts, ("code_from", "name")) if code else row.texts
        out.append(_placed(row, code, 2, current[0] if current else None, texts))
    return out


_UNIT_NAME = re.compile(r"(?:预算)?(?:部门|单位)(?:名称)?")


def is_unit_listing(layouts: Sequence[SideLayout], leaves: Sequence[str]) -> bool:
    """True for a table listed by 预算单位 rather than by classification code: a column of unit
    codes (部门代码, 单位代码), or a name column headed 单位名称/部门名称 with no code column."""
    for layout in layouts:
        if any(key == UNIT_CODE for key, _ in layout.text_cols):
            return True
        if layout.name_col is not None and not layout.code_cols and _UNIT_NAME.fullmatch(leaves[layout.name_col]):
            return True
    return False


def unit_hierarchy(rows: list[Row], decimals: int = 2) -> list[Row]:
    """The rows of a listing by 预算单位 placed as department (level 1) and its units (level 2).

    By their codes where printed (a unit's code starts with its department's: 123 → 123001); else
    by the sums: the first row is the department when it equals the sum of the rows after it, or
    when the row after it repeats its name (the department's own 本级 unit: then a department that
    is not the sum of its units is the document's error, for the rules to report). Otherwise the
    rows stay a flat list."""
    items = [i for i, r in enumerate(rows) if r.role is RowRole.ITEM and r.side is None]
    out = list(rows)
    codes = {i: rows[i].text(UNIT_CODE) or "" for i in items}
    if items and all(codes.values()):
        for n, i in enumerate(items):
            code = codes[i]
            parent = next((j for j in reversed(items[:n]) if code != codes[j] and code.startswith(codes[j])), None)
            level = 1 if parent is None else (out[parent].level or 1) + 1
            out[i] = _placed(rows[i], rows[i].code, level, parent, rows[i].texts)
        return out
    if len(items) < 3:
        return out
    head, rest = items[0], items[1:]
    key = ColumnKey.TOTAL if rows[head].has(ColumnKey.TOTAL) else next((k for k, _ in rows[head].values), None)
    if key is None or not rows[head].amount(key):
        return out
    total = sum((rows[i].amount(key) for i in rest), Decimal(0))
    own_unit = compact(rows[head].name) == compact(rows[rest[0]].name)
    if not own_unit and abs(total - rows[head].amount(key)) > rounding_bound(len(rest), decimals):
        return out
    out[head] = _placed(rows[head], rows[head].code, 1, None, rows[head].texts)
    for i in rest:
        out[i] = _placed(rows[i], rows[i].code, 2, head, rows[i].texts)
    return out


def name_hierarchy(rows: list[Row], key: str | None, side: Side | None, decimals: int = 2) -> tuple[list[Row], bool]:
    """Rows of one side listed by function NAME without codes (Hangzhou, Huzhou's 收支总表): each
    类 is known by its name (its code found from it), and the rows under it, down to the next 类,
    are its 款 and 项, told apart by the sums (a 款 is the sum of the 项 under it, the 类 the sum of
    its 款); a listing of 类 and 款 only is the 类 = the sum of all of them. Returns the rows with
    `level` (1, 2, 3) and `parent` set, and False when the sums decided nothing for some 类 (its
    rows are left unplaced)."""
    if key is None:
        return rows, True
    side_items = [i for i, r in enumerate(rows) if r.side is side and r.role is RowRole.ITEM]
    classes = [i for i in side_items if rows[i].code and len(rows[i].code or "") == 3]
    if not classes or any(rows[i].code and len(rows[i].code or "") > 3 for i in side_items):
        return rows, True  # no 类 by name, or codes printed: nothing to place
    out = list(rows)
    decided = True
    # the rows listed under the 类: down to the next 类 or the side's 合计, and none of a fixed set
    # (年终结转, 年末结转和结余 …)
    stop = next(
        (i for i, r in enumerate(rows) if i > classes[-1] and r.side is side and r.role is not RowRole.ITEM), len(rows)
    )
    for n, head in enumerate(classes):
        end = classes[n + 1] if n + 1 < len(classes) else stop
        # a row numbered in the 类's own series ("二十三、其他支出" then "二十四、对附属单位补助支出",
        # Guangzhou n101) is the 类's sibling, not its 款: the 类's rows end there
        end = next((i for i in side_items if head < i < end and _TOP_ORDINAL.match(rows[i].name)), end)
        members = [i for i in side_items if head < i < end and not rows[i].code and not rows[i].key]
        if not members:
            continue
        values = [rows[i].amount(key) for i in members]
        heads = _segments(values, rows[head].amount(key), decimals)
        if heads is None:
            decided = False
            continue
        kuan = head
        for pos, i in enumerate(members):
            if pos in heads:
                kuan = i
                out[i] = _placed(rows[i], None, 2, head, rows[i].texts)
            else:
                out[i] = _placed(rows[i], None, 3, kuan, rows[i].texts)
    return out, decided


def _segments(values: Sequence[Decimal], target: Decimal, decimals: int) -> set[int] | None:
    """The positions of the 款 among the rows under a 类: each 款 followed by the 项 that add up to
    it, the 款 adding up to the 类 (`target`); all positions when the rows are 款 only."""

    def search(pos: int) -> list[int] | None:
        if pos == len(values):
            return []
        summed = Decimal(0)
        for end in range(pos + 1, len(values)):
            summed += values[end]
            if abs(summed - values[pos]) <= rounding_bound(end - pos + 1, decimals):
                tail = search(end + 1)
                if tail is not None:
                    return [pos, *tail]
            if summed - values[pos] > rounding_bound(end - pos + 1, decimals):
                break
        return None

    heads = search(0)
    if heads is not None and abs(sum(values[h] for h in heads) - target) <= rounding_bound(len(heads) + 1, decimals):
        return set(heads)
    if abs(sum(values, Decimal(0)) - target) <= rounding_bound(len(values) + 1, decimals):
        return set(range(len(values)))
    # each 款 the sum of its 项 but the 款 not adding up to the 类 (Hangzhou n122 表1 prints 一般公共服务
    # 支出 6,651.38 over 款 of 1.98 and 6,700.00): the rows are placed, the 类 is the document's error
    return set(heads) if heads is not None else None


def is_flat(rows: Sequence[Row], items: Sequence[int], decimals: int) -> bool:
    """True for a list of projects with no department or unit rows among them (Yantai, Hangzhou,
    Huzhou print one row per project, the unit in a column of its own or not at all): the 合计
    row is the sum of all the items, which a list holding its own subtotals could not be; or each
    row names its unit in a column beside its project (then a 合计 that is not their sum is the
    document's error, for the rules to report)."""
    if items and all(rows[i].text("unit") or rows[i].text("项目类别") for i in items):
        return True  # (a 项目类别 column, 其他运转类/特定目标类, is printed beside projects only)
    total = next((r for r in rows if r.role is RowRole.TOTAL), None)
    if total is None or not total.has(ColumnKey.TOTAL):
        return False
    summed = sum((rows[i].amount(ColumnKey.TOTAL) for i in items), Decimal(0))
    return abs(summed - total.amount(ColumnKey.TOTAL)) <= rounding_bound(len(items), decimals)


def project_hierarchy(rows: list[Row], decimals: int = 2) -> tuple[list[Row], str | None]:
    """Make 表12/表13's department → unit → project hierarchy explicit, from the sums.

    The first row is the department; a unit row's amount is the sum of the project rows after it
    up to the next unit row; the department's own unit carries its name. Returns the rows with
    `level` (1 department, 2 unit, 3 project) and `parent`, and a note when the sums did not
    decide the hierarchy and names were used instead.
    """
    items = [i for i, r in enumerate(rows) if r.role is RowRole.ITEM]
    if len(items) < 2 or is_flat(rows, items, decimals):
        return rows, None
    head = items[0]
    rest = items[1:]

    def amount(i: int) -> Decimal:
        return rows[i].amount(ColumnKey.TOTAL)

    summed = sum((amount(i) for i in rest), Decimal(0))
    if rows[head].has(ColumnKey.TOTAL) and abs(summed - amount(head)) <= rounding_bound(len(rest), decimals):
        # the first row is the one unit and the rest its projects (Shenzhen's 表5 of a 本级 package:
        # "深圳市交通运输局（本级）" 376,936.60 over its 24 projects): a list of units and projects
        # would sum to twice it
        out = list(rows)
        out[head] = _placed(rows[head], rows[head].code, 1, None, rows[head].texts)
        for i in rest:
            out[i] = _placed(rows[i], rows[i].code, 2, head, rows[i].texts)
        return out, None
    units = _units_by_sum(rest, amount, decimals)
    first_total = next((i for i, r in enumerate(rows[:head]) if r.role is RowRole.TOTAL), None)
    if units is None and first_total is not None and (by_total := _units_by_sum(items, amount, decimals)) is not None:
        # a 合计 printed above the units (Guangzhou 表12): it is the department, the first row a unit
        head, rest, units = first_total, items, by_total
    note = None
    if units is None and not any(_looks_like_unit(rows[i].name, "") for i in items):
        return rows, None  # no row names a unit: a list of projects whose 合计 is not their sum
    if units is None:
        units = [i for i in rest if _looks_like_unit(rows[i].name, rows[head].name)]
        if not units or units[0] != rest[0]:
            units = [rest[0], *[u for u in units if u != rest[0]]]
        note = "项目支出表的部门—单位—项目层级无法由合计推出，按名称推断"
    out = list(rows)
    out[head] = _placed(rows[head], rows[head].code, 1, None, rows[head].texts)
    unit = None
    unit_set = set(units)
    for i in rest:
        if i in unit_set:
            unit = i
            out[i] = _placed(rows[i], rows[i].code, 2, head, rows[i].texts)
        else:
            out[i] = _placed(rows[i], rows[i].code, 3, unit, rows[i].texts)
    return out, note


def _units_by_sum(rest: list[int], amount, decimals: int) -> list[int] | None:  # type: ignore[no-untyped-def]
    """Split `rest` into segments [unit, project…] where each unit equals the sum of its projects."""

    def search(pos: int) -> list[int] | None:
        if pos == len(rest):
            return []
        target = amount(rest[pos])
        total = Decimal(0)
        for end in range(pos + 1, len(rest)):
            total += amount(rest[end])
            count = end - pos + 1
            if abs(total - target) <= rounding_bound(count, decimals):
                tail = search(end + 1)
                if tail is not None:
                    return [rest[pos], *tail]
            if total - target > rounding_bound(count, decimals):
                break
        return None

    return search(0)


_ORG_SUFFIX = re.compile(r"(局|中心|站|所|院|队|办公室|委员会|馆|社|处|部|厅|会|校|园|团)$")


def _looks_like_unit(name: str, department: str) -> bool:
    return name == department or (bool(_ORG_SUFFIX.search(name)) and len(name) <= 20)


# ---------------------------------------------------------------------------------------------


def kind_from_content(
    kind: TableKind, header: Sequence[TableLine], body: Sequence[TableLine], title: str = ""
) -> TableKind:
    """The kind a table's own header and codes show where its title names another: a table of
    一般公共预算 listed by economic class (an 经济分类 header, 30x codes) is general_basic_econ when
    it is of 基本支出 only (its title says 基本, or it splits 人员经费/公用经费 with no 项目/专项
    column beside them); one of all the 一般公共预算 spending by economic class (Fuzhou's
    "一般公共预算支出经济分类情况表" of one 预算数 column, Shenzhen's "…支出表（按经济分类）" with
    基本支出 | 项目支出, Xi'an's with 人员 | 公用 | 专项) is a kind the model has no name for (OTHER):
    taken for the 基本支出 table it would be compared with 基本支出 totals it does not hold."""
    if kind is TableKind.GENERAL_EXPENDITURE:
        head = "".join(compact(c) for line in header for c in line.cells)
        leaves = _leaf_labels(header, max((len(line.cells) for line in header), default=0))
        at = next((i for i, leaf in enumerate(leaves) if "编码" in leaf or "代码" in leaf), 0)
        schemes = [codelib.scheme(codelib.normalize(line.cells[at])) for line in body if len(line.cells) > at]
        econ = schemes.count(codelib.CodeScheme.DEPT_ECON)
        if "经济分类" in head or econ > schemes.count(codelib.CodeScheme.FUNCTION):
            basic_only = ("人员" in head or "公用" in head) and not any(w in head for w in ("项目", "专项"))
            if "基本" in compact(title) or basic_only:
                return TableKind.GENERAL_BASIC_ECON
            return TableKind.OTHER
    return kind


def block_to_table(rows: Sequence[TableLine], ctx: TableContext) -> tuple[Table, list[ReadNote]]:
    """Read the joined rows of one table (header included) as a table of `ctx.kind` (or of the
    kind its content shows, `kind_from_content`)."""
    notes: list[ReadNote] = []
    width = max((len(r.cells) for r in rows), default=0)
    lines = [r for r in rows if not r.is_blank]
    lines, n_header = split_label_row(lines, split_header(lines, ctx.kind))
    header = [r for r in lines[:n_header] if not is_numbering_row(r)]
    body = lines[n_header:]
    kind = kind_from_content(ctx.kind, header, body, ctx.title)
    if kind is not ctx.kind:
        ctx = replace(ctx, kind=kind)
    layouts = header_to_layouts(header, width, ctx.kind)
    for layout in layouts:
        text_columns(layout, body, _leaf_labels(header, width))
    if any(layout.panel for layout in layouts):
        body_rows = panels_to_rows(body, layouts, ctx, notes)
    else:
        body_rows = body_to_rows(body, layouts, ctx, notes)
    if ctx.kind is TableKind.GENERAL_BASIC_ECON and not any(r.code for r in body_rows):
        body_rows = econ_hierarchy(body_rows)
    body_rows = code_hierarchy(body_rows)
    if ctx.kind in TWO_SIDED:
        body_rows = part_rows(body_rows)
    if ctx.kind in NAME_LISTED:
        for layout in layouts:
            if layout.code_cols or not (layout.by_function_name or layout.side is Side.EXPENDITURE):
                continue
            key = next((k for k, _, _ in layout.amount_cols if k == ColumnKey.TOTAL), None)
            key = key or next((k for k, _, _ in layout.amount_cols), None)
            body_rows, decided = name_hierarchy(body_rows, key, layout.side, _decimals(body_rows))
            if not decided:
                notes.append(
                    ReadNote(
                        NoteLevel.WARNING,
                        f"{ctx.title}：按名称列示的科目层级（类、款、项）无法由金额推出",
                        ctx.source.at(table=ctx.kind.value),
                        "hierarchy-by-name",
                    )
                )
    if ctx.kind is TableKind.ORG_OPERATION and len(body_rows) == 1 and body_rows[0].role is RowRole.ITEM:
        # a 机关运行经费 table of one figure (机关运行经费预算数, as Shanghai prints it) states the total
        body_rows = [replace(body_rows[0], role=RowRole.TOTAL)]
    if ctx.kind in (TableKind.BUDGET_SUMMARY, TableKind.FISCAL_SUMMARY):
        body_rows = grand_totals(body_rows)
    if any(key == "unit" for layout in layouts for key, _ in layout.text_cols):
        body_rows = unit_row_total(body_rows, _decimals(body_rows))
    if ctx.kind not in PROJECT_KINDS and is_unit_listing(layouts, _leaf_labels(header, width)):
        body_rows = unit_hierarchy(body_rows, _decimals(body_rows))
    if ctx.kind in PROJECT_KINDS:
        body_rows, note = project_hierarchy(body_rows)
        if note:
            notes.append(ReadNote(NoteLevel.WARNING, note, ctx.source.at(table=ctx.kind.value), "hierarchy-by-name"))
    columns: list[Column] = []
    for layout in layouts:
        for key, _, label in layout.amount_cols:
            if not any(c.key == key and c.side is layout.side for c in columns):  # panels share their columns
                columns.append(Column(key, label, layout.side, layout.groups.get(key)))
    return ctx.table(columns, body_rows, _decimals(body_rows)), notes


def grand_totals(rows: list[Row]) -> list[Row]:
    """A summary's 收入合计/支出合计 printed below the year's total (本年收入合计, "一、本年收入") and
    the 上年结转 rows is the side's grand total, where no 收入总计/支出总计 is printed (Fuzhou's
    收支预算总表, Chongqing's 表四): the word 合计 alone does not say which total a row is."""
    out = list(rows)
    for side in (Side.INCOME, Side.EXPENDITURE):
        indexes = [i for i, r in enumerate(out) if r.side is side]
        if any(out[i].role is RowRole.GRAND_TOTAL for i in indexes):
            continue
        this_year = next((i for i in indexes if out[i].role is RowRole.TOTAL and "本年" in out[i].name), None)
        if this_year is None:
            continue
        last = next((i for i in reversed(indexes) if i > this_year), None)
        if last is not None and out[last].role is RowRole.TOTAL and name_key(out[last].name) in _PLAIN_TOTALS:
            out[last] = replace(out[last], role=RowRole.GRAND_TOTAL)
    return out


_PLAIN_TOTALS = {"合计", "收入合计", "支出合计"}


def unit_row_total(rows: list[Row], decimals: int) -> list[Row]:
    """A table of codes listed under the 预算单位 (Shenzhen's 支出总表, 一般公共预算支出表…) prints no
    合计: its first row, the unit's (or the department's) with no code, is the table's total when
    it is the sum of the 类 rows below it (each unit's 类 rows, in a whole-department file)."""
    first = next((i for i, r in enumerate(rows) if r.role is RowRole.ITEM), None)
    if first is None or rows[first].code or any(r.role is RowRole.TOTAL for r in rows):
        return rows
    key = ColumnKey.TOTAL if rows[first].has(ColumnKey.TOTAL) else next((k for k, _ in rows[first].values), None)
    classes = [r for r in rows if r.code and len(r.code) == 3 and r.role is RowRole.ITEM]
    if key is None or not classes or rows[first].value(key) is None:
        return rows
    summed = sum((r.amount(key) for r in classes), Decimal(0))
    if abs(summed - rows[first].amount(key)) > rounding_bound(len(classes), decimals):
        return rows
    out = list(rows)
    out[first] = replace(rows[first], role=RowRole.TOTAL)
    return out


def _decimals(rows: Sequence[Row]) -> int:
    """The number of decimals the table prints (2 for 0.01 万元; 2 for 元 with fen)."""
    found = [places(v) for r in rows for _, v in r.values if v is not None]
    return max(found) if found else 2
