"""Disclosure → markdown in the conventions of OCR'd published packages, which `yusuan extract` reads.

The layout follows the bundled sample: plain lines (no markdown headings), a 目录 table with
dotted entries, each table under its caption (预算公开表N), title, 部门名称 and 单位 lines, pipe
tables whose header rows print a merged header once over its first column, 注：本表无数据 under
an empty table, narrative sections headed 一、…, the performance forms inside 十、 as 8-column
tables under their titles and year labels, and the glossary as 一、术语：定义 lines.

It draws the package's block list (`package.py`), as the paged renderers do; only the pipe tables
are its own layout (the OCR conventions differ from the official grid: no thousands separators, a
blank line before a two-sided table's totals).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..model import (
    Disclosure,
    OverallForm,
    ProjectForm,
    Row,
    RowRole,
    Side,
    Table,
    TableKind,
)
from ..text import amount_text, one_line
from .forms import overall_form_to_grid, project_form_to_grid
from .grid import Grid
from .layout import CODE_STUBS, DEFAULT_SIDE_LABELS, NUMBERED, SIDE_LABELS, STANDALONE, table_stubs
from .package import Attached, ChartBlock, Contents, Heading, Package, Para, TableBlock, disclosure_to_package

__all__ = ["disclosure_to_markdown", "render_md", "table_to_markdown"]

# The income half of 国有资本经营预算收支预算表 prints its own label columns (one header row).
INCOME_STUBS: dict[TableKind, tuple[tuple[str, ...], ...]] = {
    TableKind.STATE_CAPITAL: (("收入科目编码",), ("科目名称",)),
}


def escape(text: str) -> str:
    """Cell text for a pipe table: one line, with "|" escaped."""
    return one_line(text).replace("|", "\\|")


def pipe_rows(rows: Sequence[Sequence[str]], header_rows: int = 1) -> list[str]:
    """Rows of cells → pipe-table lines, with the separator line after the first `header_rows`."""
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        cells = [escape(c) for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == header_rows - 1:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return lines


# ---------------------------------------------------------------------------------------------
# tables


def _stubs(table: Table, side: Side | None) -> tuple[tuple[str, ...], ...]:
    if side is Side.INCOME and table.kind in INCOME_STUBS:
        return INCOME_STUBS[table.kind]
    return table_stubs(table)


def _paths(table: Table, side: Side | None) -> list[tuple[tuple[str, ...], int]]:
    """(header levels, first header row) of the stub and amount columns of one side.

    A multi-level label opens a group; a one-level label after it is a member of the group and
    goes under the group's header, unless the kind prints that column standing alone.
    """
    standalone = STANDALONE.get(table.kind, frozenset())
    out: list[tuple[tuple[str, ...], int]] = []
    previous: tuple[str, ...] = ()
    for stub in _stubs(table, side):
        shared = len(stub) > 1 and stub[:-1] == previous
        out.append(((stub[-1],), len(stub) - 1) if shared else (stub, 0))
        previous = stub[:-1]
    group: tuple[str, ...] = ()
    for column in table.columns:
        if column.side is not side:
            continue
        path = tuple(p for p in column.label.split("/") if p) or ("",)
        if len(path) > 1:
            group = path[:-1]
            out.append((path, 0))
        elif group and column.key not in standalone:
            out.append((path, len(group)))
        else:
            group = ()
            out.append((path, 0))
    return out


def _header(table: Table, sides: Sequence[Side | None]) -> list[list[str]]:
    """The header rows: a side row for two-sided tables, then each column's header levels from
    its first row down (a merged cell's text stands in its top-left cell, the rest blank)."""
    columns = [entry for side in sides for entry in _paths(table, side)]
    depth = max(start + len(levels) for levels, start in columns)
    rows = [[""] * len(columns) for _ in range(depth)]
    for c, (levels, start) in enumerate(columns):
        for offset, level in enumerate(levels):
            rows[start + offset][c] = level
    if sides != [None]:
        top = [""] * len(columns)
        labels = SIDE_LABELS.get(table.kind, DEFAULT_SIDE_LABELS)
        c = 0
        for side in sides:
            if side is not None:
                top[c] = labels[side]
            c += _side_width(table, side)
        rows.insert(0, top)
    return rows


def _side_width(table: Table, side: Side | None) -> int:
    return len(_stubs(table, side)) + sum(1 for c in table.columns if c.side is side)


def _row_cells(table: Table, row: Row | None, side: Side | None) -> list[str]:
    width = _side_width(table, side)
    if row is None:
        return [""] * width
    stubs = _stubs(table, side)
    coded = any(s[-1] in CODE_STUBS for s in stubs)
    cells: list[str] = []
    for stub in stubs:
        label = stub[-1]
        if label in CODE_STUBS:
            cells.append(row.code or row.name)  # a total prints its name in the code column
        elif label == "政府预算支出经济科目名称":
            cells.append(row.text("gov_econ") or "")
        elif coded:
            cells.append(row.name if row.code else "")
        else:
            cells.append(row.name)
    keys = [c.key for c in table.columns if c.side is side]
    cells += [amount_text(row.value(k), table.decimals, separators=False) for k in keys]
    return cells


def _pair_lines(table: Table) -> list[tuple[Row | None, Row | None]]:
    """Printed lines of a two-sided table: items pair by index, then the totals block, grand totals last."""
    income = [r for r in table.rows if r.side is Side.INCOME]
    expenditure = [r for r in table.rows if r.side is Side.EXPENDITURE]

    def split(rows: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
        first_total = next((i for i, r in enumerate(rows) if r.role is not RowRole.ITEM), len(rows))
        head, tail = rows[:first_total], rows[first_total:]
        grand = [r for r in tail if r.role is RowRole.GRAND_TOTAL]
        return head, [r for r in tail if r.role is not RowRole.GRAND_TOTAL], grand

    blocks = [split(income), split(expenditure)]
    lines: list[tuple[Row | None, Row | None]] = []
    for part in range(3):
        a, b = blocks[0][part], blocks[1][part]
        if part == 1 and lines and (a or b):
            lines.append((None, None))  # the blank line before the totals, as printed
        for i in range(max(len(a), len(b))):
            lines.append((a[i] if i < len(a) else None, b[i] if i < len(b) else None))
    return lines


def table_to_markdown(table: Table) -> list[str]:
    """One table: caption, title, 部门名称, 单位, the pipe table, and its notes."""
    return [*([table.caption] if table.caption else []), table.title, *_table_body(table)]


def _table_body(table: Table) -> list[str]:
    """What follows a table's title: 部门名称, 单位, the pipe table, and its notes."""
    out: list[str] = []
    if table.department:
        out.append(f"部门名称：{table.department}")
    out.append(f"单位：{table.unit.value}")
    two_sided = any(c.side is not None for c in table.columns)
    sides: list[Side | None] = [Side.INCOME, Side.EXPENDITURE] if two_sided else [None]
    header = _header(table, sides)
    body: list[list[str]] = []
    if table.kind in NUMBERED:
        body.append([str(n) for n in range(1, len(header[0]) + 1)])
    if two_sided:
        for inc, exp in _pair_lines(table):
            body.append(_row_cells(table, inc, Side.INCOME) + _row_cells(table, exp, Side.EXPENDITURE))
    else:
        body += [_row_cells(table, row, None) for row in table.rows]
    if table.empty_note:
        body.append([""] * len(header[0]))
    # The separator goes under the first header row, as OCR markdown has it.
    blocks = ["\n".join(pipe_rows(header + body, 1))]
    if table.empty_note:
        blocks.append(table.empty_note)
    blocks += list(table.notes)
    return out + blocks


# ---------------------------------------------------------------------------------------------
# forms


def grid_to_rows(grid: Grid) -> list[list[str]]:
    """A grid as rows of cell texts, the way OCR prints a form: a merged cell's text in its top-left
    slot and blanks in the rest of its span."""
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


# ---------------------------------------------------------------------------------------------
# the package


def _toc(package: Package) -> list[str]:
    if not package.toc:
        return []
    rows = [["", ""]] + [[f"{line.text}.....", str(line.page) if line.page is not None else ""] for line in package.toc]
    return ["目 录", "\n".join(pipe_rows(rows))]


def package_to_markdown(package: Package) -> Iterator[str]:
    """The package's blocks as markdown blocks, in order: the cover's lines, the 目录 as a table,
    headings and paragraphs as lines, each table under its caption and title, each form as an
    8-column pipe table. Charts are left out (their caption, the narrative's line, stays), and
    so are attached documents."""
    if package.department:
        yield package.department
    if package.stated_title:
        yield package.stated_title
    blocks = package.blocks
    skip = 0
    for k, block in enumerate(blocks):
        if skip:
            skip -= 1
        elif isinstance(block, Attached):
            skip = block.count
        elif isinstance(block, Contents):
            yield from _toc(package)
        elif isinstance(block, Heading):
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if isinstance(following, TableBlock) and following.caption:
                yield following.caption  # 预算公开表N stands above the table's title
            yield block.shown
        elif isinstance(block, Para):
            yield block.text
        elif isinstance(block, ChartBlock):
            yield block.caption or ""
        elif isinstance(block, TableBlock):
            yield from _table_block(block)


def _table_block(block: TableBlock) -> list[str]:
    content = block.content
    if isinstance(content, Table):
        return _table_body(content)
    if isinstance(content, OverallForm):
        return ["\n".join(pipe_rows(grid_to_rows(overall_form_to_grid(content))))]
    if isinstance(content, ProjectForm):
        return ["\n".join(pipe_rows(grid_to_rows(project_form_to_grid(content))))]
    return []  # (an attached catalogue: attached documents are left out)


def disclosure_to_markdown(disclosure: Disclosure) -> str:
    """The whole package as markdown (blocks separated by blank lines)."""
    return "\n\n".join(b for b in package_to_markdown(disclosure_to_package(disclosure)) if b) + "\n"


def render_md(disclosure: Disclosure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(disclosure_to_markdown(disclosure), encoding="utf-8")
