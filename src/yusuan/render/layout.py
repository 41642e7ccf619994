"""Standard tables → format-neutral grids (`grid.py`) in the official layout: merged headers, stub
columns, styled cells; and `block_grid`, the grid of any table block of the package.

The official header of a table is laid out here once, from its kind (which stub columns it has:
科目编码/科目名称, 项目, 单位名称, …) and from its columns' printed header paths (`Column.label`,
levels joined by "/"). The XLSX, DOCX, PDF and HTML renderers draw these grids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest

from ..model import Column, ColumnKey, OverallForm, ProjectForm, Row, RowRole, Side, Table, TableKind
from ..text import amount_text, display_width
from .forms import catalog_to_grid, overall_form_to_grid, project_form_to_grid
from .grid import Align, Cell, Grid
from .package import TableBlock

# Header paths of the stub (label) columns each kind prints before its amount columns.
STUBS: dict[TableKind, tuple[tuple[str, ...], ...]] = {
    TableKind.BUDGET_SUMMARY: (("项目",),),
    TableKind.FISCAL_SUMMARY: (("项目",),),
    TableKind.INCOME_SUMMARY: (("项目", "科目编码"), ("项目", "科目名称")),
    TableKind.EXPENDITURE_SUMMARY: (("项目", "科目编码"), ("项目", "科目名称")),
    TableKind.GENERAL_EXPENDITURE: (("项目", "科目编码"), ("项目", "科目名称")),
    TableKind.GENERAL_BASIC_ECON: (("部门预算支出经济科目名称",), ("政府预算支出经济科目名称",)),
    TableKind.GOV_FUND_INCOME: (("项目", "收入科目编码"), ("项目", "科目名称")),
    TableKind.GOV_FUND_EXPENDITURE: (("科目编码",), ("科目名称",)),
    TableKind.STATE_CAPITAL: (("科目编码",), ("科目名称",)),
    TableKind.THREE_PUBLIC: (("项目",),),
    TableKind.ORG_OPERATION: (("单位名称",),),
    TableKind.PROJECT_CURRENT: (("项目名称",),),
    TableKind.PROJECT_CARRYOVER: (("项目名称",),),
    TableKind.GOV_FUND_FINAL: (("项目", "科目编码"), ("项目", "科目名称")),
    TableKind.STATE_CAPITAL_FINAL: (("项目", "科目编码"), ("项目", "科目名称")),
}

# The income half of 国有资本经营预算收支预算表 names its code column differently.
_STATE_CAPITAL_INCOME_STUB = (("项目", "收入科目编码"), ("项目", "科目名称"))

# Headings over each half of a two-sided table.
SIDE_LABELS: dict[TableKind, dict[Side, str]] = {
    TableKind.STATE_CAPITAL: {Side.INCOME: "国有资本经营预算收入", Side.EXPENDITURE: "国有资本经营预算支出"},
}
DEFAULT_SIDE_LABELS = {Side.INCOME: "收入", Side.EXPENDITURE: "支出"}
# A 收支总表 that lists its spending again by economic class (Xi'an's four panels) names each panel.
ECON_SIDE_LABELS = {
    Side.INCOME: "收入",
    Side.EXPENDITURE: "支出（功能分类）",
    Side.DEPT_ECON: "支出（部门预算经济分类）",
    Side.GOV_ECON: "支出（政府预算经济分类）",
}


def table_sides(table: Table) -> tuple[Side, ...]:
    """The panels of a two-sided table, left to right: income and expenditure, then the economic
    panels a four-panel 收支总表 prints (those with a column or a row)."""
    extra = tuple(
        side
        for side in (Side.DEPT_ECON, Side.GOV_ECON)
        if any(c.side is side for c in table.columns) or any(r.side is side for r in table.rows)
    )
    return (Side.INCOME, Side.EXPENDITURE, *extra)


def side_labels(table: Table) -> dict[Side, str]:
    """The heading over each panel of a two-sided table."""
    if len(table_sides(table)) > 2:
        return ECON_SIDE_LABELS
    return SIDE_LABELS.get(table.kind, DEFAULT_SIDE_LABELS)


# Columns printed beside a group header rather than under it: a one-level label of such a column
# spans the header rows instead of joining the group on its left (表2's 上年结转, 表12's 单位资金).
STANDALONE: dict[TableKind, frozenset[str]] = {
    TableKind.INCOME_SUMMARY: frozenset({ColumnKey.CARRYOVER}),
    TableKind.PROJECT_CURRENT: frozenset({ColumnKey.TOTAL, ColumnKey.FISCAL_SPECIAL, ColumnKey.UNIT_FUNDS}),
    TableKind.PROJECT_CARRYOVER: frozenset({ColumnKey.TOTAL, ColumnKey.FISCAL_SPECIAL, ColumnKey.UNIT_FUNDS}),
}

# Kinds whose official layout has a row of column numbers (1, 2, 3, …) under the header.
NUMBERED = frozenset({TableKind.PROJECT_CURRENT, TableKind.PROJECT_CARRYOVER})

CODE_STUBS = frozenset({"科目编码", "收入科目编码"})
_NAME_STUBS = frozenset({"科目名称", "项目", "项目名称", "单位名称", "部门预算支出经济科目名称"})


# ---------------------------------------------------------------------------------------------
# Headers


def label_to_path(label: str) -> tuple[str, ...]:
    """A printed header path "2026年财政拨款/一般公共预算" → its levels."""
    return tuple(part.strip() for part in label.split("/") if part.strip()) or ("",)


def columns_to_paths(kind: TableKind, columns: Sequence[Column]) -> list[tuple[str, ...]]:
    """Header paths of a run of columns. A one-level label right after a grouped column belongs to
    the same group (a merged group header is printed once, over its first column), unless the kind
    prints that column standing alone."""
    standalone = STANDALONE.get(kind, frozenset())
    paths: list[tuple[str, ...]] = []
    group: tuple[str, ...] = ()
    for column in columns:
        path = label_to_path(column.label)
        if len(path) > 1:
            group = path[:-1]
        elif group and column.key not in standalone:
            path = (*group, path[0])
        else:
            group = ()
        paths.append(path)
    return paths


def paths_to_header(paths: Sequence[tuple[str, ...]]) -> tuple[list[Cell], int]:
    """Header cells for columns with the given paths, and the number of header rows.

    A column's last level spans down to the bottom header row; equal group levels of adjacent
    columns (same ancestors) merge across."""
    depth = max(len(p) for p in paths)
    cells: list[Cell] = []
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if level >= len(path):
                col += 1
                continue
            if level == len(path) - 1:
                cells.append(Cell(level, col, path[level], rowspan=depth - level, align=Align.CENTER, header=True))
                col += 1
                continue
            end = col + 1
            while end < len(paths) and len(paths[end]) - 1 > level and paths[end][: level + 1] == path[: level + 1]:
                end += 1
            cells.append(Cell(level, col, path[level], colspan=end - col, align=Align.CENTER, header=True))
            col = end
    return cells, depth


# ---------------------------------------------------------------------------------------------
# Body


def _stub_texts(kind: TableKind, stubs: Sequence[tuple[str, ...]], row: Row) -> list[tuple[str, int]]:
    """(text, indent) of the stub cells of `row`."""
    indent = max((row.level or 1) - 1, 0)
    out: list[tuple[str, int]] = []
    for stub in stubs:
        leaf = stub[-1]
        if leaf in CODE_STUBS:
            out.append((row.code or "", 0))
        elif leaf == "政府预算支出经济科目名称":
            out.append((row.text("gov_econ") or "", 0))
        elif leaf in _NAME_STUBS:
            out.append((row.name, indent))
        else:  # pragma: no cover - every stub above is a code or a name
            out.append(("", 0))
    return out


def _row_cells(
    kind: TableKind,
    stubs: Sequence[tuple[str, ...]],
    columns: Sequence[Column],
    row: Row | None,
    r: int,
    c0: int,
    decimals: int,
) -> list[Cell]:
    """Cells of one table row (or of an empty half-row when `row` is None) starting at column c0."""
    if row is None:
        return [Cell(r, c0 + k, "") for k in range(len(stubs) + len(columns))]
    bold = row.role is not RowRole.ITEM
    cells: list[Cell] = []
    if bold and len(stubs) > 1:
        # 合计 / 收入总计 rows print their name once across the code and name columns.
        cells.append(Cell(r, c0, row.name, colspan=len(stubs), align=Align.CENTER, bold=True))
    else:
        for k, (text, indent) in enumerate(_stub_texts(kind, stubs, row)):
            align = Align.CENTER if bold else Align.LEFT
            cells.append(Cell(r, c0 + k, text, align=align, bold=bold, indent=0 if bold else indent))
    for k, column in enumerate(columns):
        value = row.value(column.key)
        text = amount_text(value, decimals)
        cells.append(Cell(r, c0 + len(stubs) + k, text, value=value, align=Align.RIGHT, bold=bold))
    return cells


def _segments(rows: Iterable[Row]) -> list[list[Row]]:
    """A side's rows cut into runs: items, then each total row alone (so that 本年收入合计 faces
    本年支出合计 and 收入总计 faces 支出总计 across a two-sided table)."""
    segments: list[list[Row]] = [[]]
    for row in rows:
        if row.role is RowRole.ITEM:
            segments[-1].append(row)
        else:
            segments.append([row])
            segments.append([])
    return [s for s in segments if s] if any(segments) else []


def facing_rows(table: Table) -> list[tuple[Row | None, ...]]:
    """The lines of a two-sided table as printed: each income row beside the rows it faces on the
    other panels (`table_sides`; None where a panel has no row), items side by side and each total
    facing its own."""
    none: list[Row] = []
    segs = [_segments(table.side_rows(side)) for side in table_sides(table)]
    return [line for runs in zip_longest(*segs, fillvalue=none) for line in zip_longest(*runs)]


def _widths(
    cells: Sequence[Cell], cols: int, minimum: Sequence[float], amounts: Iterable[int] = ()
) -> tuple[float, ...]:
    """Column widths in character cells from the widest single-column text, within bounds. Header
    texts wrap (a number column is as wide as its numbers, not as its header)."""
    widths = list(minimum)
    amount_set = set(amounts)
    for cell in cells:
        if cell.colspan != 1:
            continue
        w = display_width(cell.text) + 2 * cell.indent + 1
        if cell.header:
            w = min(w, 9 if cell.col in amount_set else 16)
        widths[cell.col] = max(widths[cell.col], float(w))
    return tuple(min(w, 48.0) for w in widths[:cols])


# 表6 as a 决算 prints it (基本支出决算表): the economic codes beside their names.
_ECON_CODE_STUB = (("科目编码",), ("科目名称",))


def table_stubs(table: Table) -> tuple[tuple[str, ...], ...]:
    """The stub columns of `table`: its kind's, except that a 基本支出 table whose codes were
    printed (a 决算's; a 预算 prints only the names and its codes are found from them) keeps a
    column for them."""
    if table.kind is TableKind.GENERAL_BASIC_ECON and any(r.code and not r.text("code_from") for r in table.rows):
        return _ECON_CODE_STUB
    return STUBS.get(table.kind, (("项目",),))


def table_to_grid(table: Table) -> Grid:
    """A standard table in its official layout."""
    if table.column_keys(Side.INCOME) or table.column_keys(Side.EXPENDITURE) or any(r.side for r in table.rows):
        return _two_sided_grid(table)
    stubs = table_stubs(table)
    columns = list(table.columns)
    paths = [*stubs, *columns_to_paths(table.kind, columns)]
    header, depth = paths_to_header(paths)
    if table.kind in NUMBERED:
        header += [Cell(depth, k, str(k + 1), align=Align.CENTER, header=True) for k in range(len(paths))]
        depth += 1
    body: list[Cell] = []
    r = depth
    for row in table.rows:
        body += _row_cells(table.kind, stubs, columns, row, r, 0, table.decimals)
        r += 1
    amount_cols = frozenset(range(len(stubs), len(paths)))
    minimum = [8.0 if k in _code_columns(stubs) else 12.0 for k in range(len(stubs))] + [10.0] * len(columns)
    widths = _widths(header + body, len(paths), minimum, amount_cols)
    names = frozenset(_name_columns(stubs))
    return Grid(tuple(header + body), r, widths, depth, amount_cols, table.decimals, names)


def _name_columns(stubs: Sequence[tuple[str, ...]], offset: int = 0) -> set[int]:
    """The stub column that names a row (its row header for screen readers)."""
    for k, stub in enumerate(stubs):
        if stub[-1] in _NAME_STUBS:
            return {offset + k}
    return set()


def _code_columns(stubs: Sequence[tuple[str, ...]]) -> set[int]:
    return {k for k, s in enumerate(stubs) if s[-1] in CODE_STUBS}


def _two_sided_grid(table: Table) -> Grid:
    """A 收支总表: income on the left, expenditure on the right (and its economic panels after it,
    when printed), totals facing each other."""
    labels = side_labels(table)
    halves = []
    for side in table_sides(table):
        if table.kind is TableKind.STATE_CAPITAL:
            stubs = _STATE_CAPITAL_INCOME_STUB if side is Side.INCOME else STUBS[TableKind.STATE_CAPITAL]
        else:
            stubs = table_stubs(table)
        columns = [c for c in table.columns if c.side is side]
        paths = [(labels[side], *p) for p in (*stubs, *columns_to_paths(table.kind, columns))]
        halves.append((side, stubs, columns, paths))
    all_paths = [p for *_, paths in halves for p in paths]
    header, depth = paths_to_header(all_paths)
    body: list[Cell] = []
    r = depth
    for line in facing_rows(table):
        c0 = 0
        for (_side, stubs, columns, _paths), row in zip(halves, line, strict=True):
            body += _row_cells(table.kind, stubs, columns, row, r, c0, table.decimals)
            c0 += len(stubs) + len(columns)
        r += 1
    amount_cols: set[int] = set()
    names: set[int] = set()
    minimum: list[float] = []
    c0 = 0
    for _side, stubs, columns, _paths in halves:
        codes = _code_columns(stubs)
        minimum += [8.0 if k in codes else 12.0 for k in range(len(stubs))] + [10.0] * len(columns)
        amount_cols.update(range(c0 + len(stubs), c0 + len(stubs) + len(columns)))
        names |= _name_columns(stubs, c0)
        c0 += len(stubs) + len(columns)
    cells = header + body
    widths = _widths(cells, c0, minimum, amount_cols)
    return Grid(tuple(cells), r, widths, depth, frozenset(amount_cols), table.decimals, frozenset(names))


def block_grid(block: TableBlock) -> Grid:
    """The grid of a table block of the package: a standard table, a form, an attached catalogue."""
    content = block.content
    if isinstance(content, Table):
        return table_to_grid(content)
    if isinstance(content, OverallForm):
        return overall_form_to_grid(content)
    if isinstance(content, ProjectForm):
        return project_form_to_grid(content)
    return catalog_to_grid(content)
