"""Disclosure → Excel workbook (openpyxl): one sheet per standard table in its official layout.

Each sheet has the caption (预算公开表N), the title, 部门名称 and 单位, the merged multi-row
header, amounts as numbers with a fixed number format (a blank cell stays empty, 0 prints 0.00),
names indented by level, totals bold, and print settings: A4, header rows repeated on each page,
fitted to the page width.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Disclosure, Table
from .layout import Align, Grid, display_width, table_to_grid

FONT = "宋体"
TITLE_FONT = "黑体"
THIN = Side(style="thin", color="595959")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
INVALID_SHEET_CHARS = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


def number_format(decimals: int) -> str:
    """Excel number format for amounts with `decimals` places and thousands separators."""
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def sheet_name(table: Table, taken: set[str]) -> str:
    """A unique sheet name of at most 31 characters ("表1 预算收支总表")."""
    prefix = f"表{table.number} " if table.number else ""
    base = (prefix + table.kind.label).translate(INVALID_SHEET_CHARS)[:31]
    name, k = base, 2
    while name in taken:
        suffix = f"({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    taken.add(name)
    return name


def render_xlsx(disclosure: Disclosure, path: Path) -> None:
    """Write one sheet per table."""
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    taken: set[str] = set()
    styles = Styles(wb)
    for table in disclosure.tables:
        table_to_sheet(wb.create_sheet(sheet_name(table, taken)), table, styles)
    if not disclosure.tables:
        ws = wb.create_sheet("说明")
        ws["A1"] = "本预算公开包没有报表。"
    wb.properties.title = f"{disclosure.department or ''}{disclosure.title or ''}"
    wb.properties.creator = "yusuan"
    wb.save(path)


def table_to_sheet(ws: Worksheet, table: Table, styles: Styles) -> None:
    grid = table_to_grid(table)
    last = get_column_letter(grid.cols)
    row = 1
    if table.caption:
        ws.cell(row, 1, table.caption).font = Font(name=FONT, size=10)
        row += 1
    ws.cell(row, 1, table.title).font = Font(name=TITLE_FONT, size=16, bold=True)
    ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A{row}:{last}{row}")
    ws.row_dimensions[row].height = 30
    row += 1
    if table.department:
        ws.cell(row, 1, f"部门名称：{table.department}").font = Font(name=FONT, size=10)
    unit = ws.cell(row, grid.cols, f"单位：{table.unit.value}")
    unit.font = Font(name=FONT, size=10)
    unit.alignment = Alignment(horizontal="right")
    row += 1
    first = row
    write_grid(ws, grid, first, styles)
    end = first + grid.rows - 1
    for note in (*((table.empty_note,) if table.empty_note else ()), *table.notes):
        end += 1
        ws.cell(end, 1, note).font = Font(name=FONT, size=10)
    # A title wider than the table would be cut off in print: widen the columns to hold it.
    title_width = display_width(table.title) * 16 / 10 + 2
    scale = max(1.0, title_width / sum(w + 2 for w in grid.widths))
    for k, width in enumerate(grid.widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = round((width + 2) * scale, 1)
    ws.freeze_panes = f"A{first + grid.header_rows}"
    # Print: A4, fit all columns on the page width, repeat the header rows on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sum(grid.widths) > 100 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    if grid.header_rows:
        ws.print_title_rows = f"{first}:{first + grid.header_rows - 1}"
    ws.print_area = f"A1:{last}{end}"


class Styles:
    """The few cell styles a sheet uses, registered once per workbook as named styles (assigning a
    named style is much faster than setting font, fill, border and alignment cell by cell)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.names: set[str] = set()

    def get(self, role: str, bold: bool, align: str, indent: int, fmt: str) -> str:
        name = f"yusuan-{role}-{int(bold)}-{align}-{indent}-{fmt}"
        if name not in self.names:
            style = NamedStyle(name=name)
            style.font = Font(name=FONT, size=10, bold=bold)
            style.border = BORDER
            style.alignment = Alignment(horizontal=align, vertical="center", indent=indent, wrap_text=True)
            style.number_format = fmt
            if role == "head":
                style.fill = HEAD_FILL
            self.wb.add_named_style(style)
            self.names.add(name)
        return name


def write_grid(ws: Worksheet, grid: Grid, first: int, styles: Styles) -> None:
    """Cells, merges, borders and number formats of a grid, from row `first`."""
    fmt = number_format(grid.decimals)
    anchors = {(c.row, c.col): c for c in grid.cells}
    for r in range(grid.rows):
        head = r < grid.header_rows
        for col in range(grid.cols):
            target = ws.cell(first + r, col + 1)
            cell = anchors.get((r, col))
            amount = col in grid.amount_columns and not head
            if cell is None:  # under a merged cell, or an empty position: borders only
                target.style = styles.get("head" if head else "body", False, "left", 0, fmt if amount else "General")
                continue
            if cell.value is not None:
                target.value = cell.value  # openpyxl writes Decimal as a number
            elif cell.text:
                target.value = cell.text
            if head:
                target.style = styles.get("head", True, "center", 0, "General")
            else:
                align = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}[cell.align]
                target.style = styles.get("body", cell.bold, align, cell.indent, fmt if amount else "General")
            if cell.rowspan > 1 or cell.colspan > 1:
                end = f"{get_column_letter(col + cell.colspan)}{first + r + cell.rowspan - 1}"
                # Registering the range directly: every cell under it is already styled above.
                ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(col + 1)}{first + r}:{end}"))
