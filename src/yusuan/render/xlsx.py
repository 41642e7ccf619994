"""Disclosure → Excel workbook (openpyxl): the whole package, one sheet per part, as official
workbooks lay it out.

Sheets, in the package's order: 封面 (title and department), 目录, 概况 (职责, 机构设置), one sheet
per standard table in its official layout, 情况说明 (sections 一…十二, one paragraph a row),
整体支出绩效目标表 and 项目支出绩效目标表 (the forms in the official 8-column layout, one form a
printed page), 附件N (attached documents and their catalogues), 项目经费情况说明, 名词解释.

A table sheet has the caption (预算公开表N), the title, 部门名称 and 单位, the merged multi-row
header, amounts as numbers with a fixed number format (a blank cell stays empty, 0 prints 0.00),
names indented by level, totals bold, and print settings: A4, header rows repeated on each page,
fitted to the page width. Every sheet prints on A4 fitted to the page width.

The text is laid out so that `yusuan extract` (`parse/xlsx.py`) reads the workbook back into the
same Disclosure: one line of text a row in column A, every form and table a block of bordered
cells whose merged cells hold their text in the top-left cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Attachment, Disclosure, OverallForm, ProjectForm, ProjectNote, Table
from ..text import display_width
from .forms import OVERALL_FORM_WIDTHS, PROJECT_FORM_WIDTHS, overall_form_to_grid, project_form_to_grid
from .grid import Align, Cell, Grid
from .layout import table_to_grid
from .package import overall_signature_text, overview_paragraphs, project_note_parts

FONT = "宋体"
TITLE_FONT = "黑体"
THIN = Side(style="thin", color="595959")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
INVALID_SHEET_CHARS = str.maketrans({ch: "_" for ch in "[]:*?/\\"})
AMOUNT_FORMAT = "#,##0.00"

# Column width (in Excel's character units) of the sheets of running text. A sheet of one column
# is never scaled to the page (LibreOffice counts it one page wide however wide it is), so the
# text column is narrower than A4's printable width. The forms' widths are those of their grids.
TEXT_WIDTH = 80.0


def number_format(decimals: int) -> str:
    """Excel number format for amounts with `decimals` places and thousands separators."""
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def sheet_name(table: Table, taken: set[str]) -> str:
    """A unique sheet name of at most 31 characters ("表1 预算收支总表")."""
    prefix = f"表{table.number} " if table.number else ""
    return unique_name(prefix + table.kind.label, taken)


def unique_name(base: str, taken: set[str]) -> str:
    """`base` as a valid sheet name not yet in `taken` (which it is added to)."""
    base = base.translate(INVALID_SHEET_CHARS)[:31]
    name, k = base, 2
    while name in taken:
        suffix = f"({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    taken.add(name)
    return name


def cell_text(text: str) -> str:
    """Text as a cell can hold it: characters that XML forbids are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def lines_needed(text: str, width: float, size: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide, at `size` points.

    Excel stores row heights and fits neither merged nor wrapped cells when it opens a file, so the
    heights are estimated here: a CJK character is about 1.9 width units at 10 pt (a width unit is
    the width of a digit of the default font), scaled by the size."""
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(display_width(part) * 0.95 * size / 10 / usable)) for part in text.split("\n"))


def line_height(size: float) -> float:
    """Points per wrapped line at `size` points."""
    return round(size * 1.35, 1)


def render_xlsx(disclosure: Disclosure, path: Path) -> None:
    """Write the package: cover, 目录, 概况, one sheet per table, 情况说明, forms, attachments,
    项目经费情况说明 and 名词解释 (each only when the package has it)."""
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    taken: set[str] = set()
    styles = Styles(wb)

    def new_sheet(name: str) -> Worksheet:
        ws: Worksheet = wb.create_sheet(unique_name(name, taken))
        return ws

    if disclosure.title or disclosure.department:
        cover_to_sheet(new_sheet("封面"), disclosure)
    if disclosure.toc:
        toc_to_sheet(new_sheet("目录"), disclosure)
    overview_to_sheet(new_sheet("概况"), disclosure)
    for table in disclosure.tables:
        table_to_sheet(wb.create_sheet(sheet_name(table, taken)), table, styles)
    if disclosure.sections:
        narrative_to_sheet(new_sheet("情况说明"), disclosure)
    if disclosure.overall_forms:
        forms_to_sheet(new_sheet("整体支出绩效目标表"), disclosure.overall_forms, styles)
    if disclosure.project_forms:
        forms_to_sheet(new_sheet("项目支出绩效目标表"), disclosure.project_forms, styles)
    for k, attachment in enumerate(disclosure.attachments, 1):
        attachment_to_sheet(new_sheet(f"附件{k}"), attachment, styles)
    if disclosure.project_notes:
        project_notes_to_sheet(new_sheet("项目经费情况说明"), disclosure.project_notes)
    if disclosure.glossary:
        text_sheet = TextSheet(new_sheet("名词解释"))
        text_sheet.heading("第四部分 名词解释", 16)
        for entry in disclosure.glossary:
            text_sheet.paragraph(f"{entry.number}、{entry.term}：{entry.definition}")
        text_sheet.finish()
    wb.properties.title = f"{disclosure.department or ''}{disclosure.title or ''}"
    wb.properties.creator = "yusuan"
    wb.save(path)


def print_setup(ws: Worksheet) -> None:
    """A4 portrait, every column on the page width, as many pages down as needed, centred."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


# ---------------------------------------------------------------------------------------------
# Sheets of running text: cover, 目录, 概况, 情况说明, 名词解释, 项目经费情况说明


class TextSheet:
    """Writes lines of text one a row in column A, wrapped, with row heights that fit them."""

    def __init__(self, ws: Worksheet, width: float = TEXT_WIDTH) -> None:
        self.ws = ws
        self.width = width
        self.row = 1
        ws.column_dimensions["A"].width = width

    def write(self, text: str, size: float, bold: bool = False, font: str = FONT, align: str = "left") -> None:
        cell = self.ws.cell(self.row, 1)
        cell.value = cell_text(text)
        cell.data_type = "s"  # text that starts with "=" is text, not a formula
        cell.font = Font(name=font, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
        lines = lines_needed(text, self.width, size)
        self.ws.row_dimensions[self.row].height = lines * line_height(size) + 4
        self.row += 1

    def heading(self, text: str, size: float = 12) -> None:
        self.write(text, size, bold=True, font=TITLE_FONT, align="center" if size > 12 else "left")

    def paragraph(self, text: str) -> None:
        self.write(text, 11)

    def finish(self) -> None:
        print_setup(self.ws)
        self.ws.print_area = f"A1:A{max(self.row - 1, 1)}"


def cover_to_sheet(ws: Worksheet, d: Disclosure) -> None:
    """封面: the title, then the department (a line of its own under the title, as printed on
    covers: the title and the department are not read as one joined title)."""
    page = TextSheet(ws)
    for _ in range(6):
        ws.row_dimensions[page.row].height = 30
        page.row += 1
    if d.title:
        page.write(d.title, 26, bold=True, font=TITLE_FONT, align="center")
    ws.row_dimensions[page.row].height = 60
    page.row += 1
    if d.department:
        page.write(d.department, 18, font=TITLE_FONT, align="center")
    page.finish()


def toc_to_sheet(ws: Worksheet, d: Disclosure) -> None:
    """目录: each entry with dot leaders, and its page number when the package states one."""
    ws.column_dimensions["B"].width = 8
    page = TextSheet(ws, TEXT_WIDTH - 8)
    page.write("目 录", 18, bold=True, font=TITLE_FONT, align="center")
    for entry in d.toc:
        part = entry.title.startswith("第") and "部分" in entry.title[:6]
        indent = 0 if part else 2
        dots = "…" * max(3, int((page.width - 4 - display_width(entry.title) * 1.1 - indent) / 2.2))
        cell = ws.cell(page.row, 1, cell_text(f"{entry.title}{dots}"))
        cell.font = Font(name=FONT, size=11, bold=part)
        cell.alignment = Alignment(horizontal="left", vertical="center", indent=indent, shrink_to_fit=True)
        if entry.page is not None:
            number = ws.cell(page.row, 2, entry.page)
            number.font = Font(name=FONT, size=11)
            number.alignment = Alignment(horizontal="right", vertical="center")
        ws.row_dimensions[page.row].height = 20
        page.row += 1
    page.finish()
    ws.print_area = f"A1:B{page.row - 1}"


def overview_to_sheet(ws: Worksheet, d: Disclosure) -> None:
    """第一部分 概况: 一、本部门职责 and 二、机构设置情况, worded as every renderer words them."""
    duties, setup = overview_paragraphs(d.overview)
    page = TextSheet(ws)
    page.heading("第一部分 概况", 16)
    page.heading("一、本部门职责")
    for line in duties:
        page.paragraph(line)
    page.heading("二、机构设置情况")
    for line in setup:
        page.paragraph(line)
    page.finish()


def narrative_to_sheet(ws: Worksheet, d: Disclosure) -> None:
    """第三部分 情况说明: each section's heading, then its paragraphs one a row."""
    year = d.year or ""
    kind = d.document_type.label if d.document_type else "部门预算"
    page = TextSheet(ws)
    page.heading(f"第三部分 {year}年度{kind}情况说明", 16)
    for section in d.sections:
        page.heading(section.heading)
        for paragraph in section.paragraphs:
            page.paragraph(paragraph.text)
    page.finish()


def project_notes_to_sheet(ws: Worksheet, notes: Sequence[ProjectNote]) -> None:
    """项目经费情况说明 (Shanghai packages): each note's title, then its parts under 一、项目概述 …"""
    page = TextSheet(ws)
    for k, note in enumerate(notes):
        if k:
            ws.row_breaks.append(Break(id=page.row - 1))
        page.heading(note.title, 16)
        for heading, lines in project_note_parts(note):
            if heading:
                page.heading(heading)
            for line in lines:
                page.paragraph(line)
    page.finish()


# ---------------------------------------------------------------------------------------------
# Standard tables


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
    end = first + grid.rows  # a blank row sets the notes off from the table (and tells a reader so)
    for note in (*((table.empty_note,) if table.empty_note else ()), *table.notes):
        end += 1
        ws.cell(end, 1, note).font = Font(name=FONT, size=10)
    # A title wider than the table would be cut off in print: widen the columns to hold it.
    title_width = display_width(table.title) * 16 / 10 + 2
    scale = max(1.0, title_width / sum(w + 2 for w in grid.widths))
    widths = [round((width + 2) * scale, 1) for width in grid.widths]
    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    # A name longer than its column's (capped) width wraps: give its row the lines it needs.
    for cell in grid.cells:
        if cell.text and cell.value is None and cell.rowspan == 1:
            lines = lines_needed(cell.text, sum(widths[cell.col : cell.col + cell.colspan]) - 2 * cell.indent, 10)
            if lines > 1:
                height = lines * line_height(10) + 3
                dimension = ws.row_dimensions[first + cell.row]
                dimension.height = max(dimension.height or 0, height)
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
    """Cells, merges, borders and number formats of a grid, from row `first`. A cell that holds an
    exact amount (`Cell.value`) is written as a number in the amount format; text stays text."""
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
                amount = True
            elif cell.text:
                target.value = cell_text(cell.text)
                target.data_type = "s"  # text that starts with "=" is text, not a formula
            if head:
                target.style = styles.get("head", True, "center", 0, "General")
            else:
                align = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}[cell.align]
                bold = cell.bold or cell.header
                target.style = styles.get("body", bold, align, cell.indent, fmt if amount else "General")
            if cell.rowspan > 1 or cell.colspan > 1:
                end = f"{get_column_letter(col + cell.colspan)}{first + r + cell.rowspan - 1}"
                # Added to the set directly: the cells under it are already styled above, and the
                # grid's cells never overlap (`merged_cells.add` checks each range against all).
                ws.merged_cells.ranges.add(MergedCellRange(ws, f"{get_column_letter(col + 1)}{first + r}:{end}"))


# ---------------------------------------------------------------------------------------------
# Performance-target forms: the grids of `package.py` in the official 8-column layout, one form a
# printed page


class FormSheet:
    """Writes grids one under another, with lines of text around them (a form's title and year
    label above it, the overall form's signature under it): row heights that fit the wrapped
    text, and a page break before each form but the first."""

    def __init__(self, ws: Worksheet, widths: Sequence[float], styles: Styles) -> None:
        self.ws = ws
        self.widths = tuple(widths)
        self.styles = styles
        self.row = 1
        self.forms = 0
        # (first row, last row, width, text, size) of each wrapped text, to fit the row heights
        self.wrapped: list[tuple[int, int, float, str, float]] = []
        for k, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(k)].width = width

    @property
    def cols(self) -> int:
        return len(self.widths)

    def start(self, title: str, year: int | None) -> None:
        """A form's title and year label, centred over the form, on a new page."""
        if self.forms:
            self.ws.row_breaks.append(Break(id=self.row - 1))
        self.forms += 1
        self.banner(title, 14, bold=True)
        if year:
            self.banner(f"（{year}年度）", 11)

    def banner(self, value: str, size: float, bold: bool = False) -> None:
        """A line above a form: merged over its width, centred, no border."""
        cell = self.ws.cell(self.row, 1, cell_text(value))
        cell.data_type = "s"
        cell.font = Font(name=TITLE_FONT if bold else FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.merged_cells.ranges.add(CellRange(min_col=1, min_row=self.row, max_col=self.cols, max_row=self.row))
        self.wrapped.append((self.row, self.row, sum(self.widths), value, size))
        self.row += 1

    def note(self, value: str) -> None:
        """A line of text under a form (the overall form's signature), no border."""
        cell = self.ws.cell(self.row, 1, cell_text(value))
        cell.data_type = "s"
        cell.font = Font(name=FONT, size=10)
        self.row += 1

    def grid(self, grid: Grid) -> None:
        """The bordered cells of a grid from the current row; each text's rows and width are kept
        to fit the row heights (a number does not wrap)."""
        write_grid(self.ws, grid, self.row, self.styles)
        for cell in grid.cells:
            if cell.text and cell.value is None:
                width = sum(self.widths[cell.col : cell.col + cell.colspan])
                first = self.row + cell.row
                self.wrapped.append((first, first + cell.rowspan - 1, width, cell.text, 10))
        self.row += grid.rows

    def finish(self) -> None:
        """Row heights that fit every wrapped text (a text merged down over rows may use all of
        them), then the print setup."""
        heights: dict[int, float] = {}
        for r0, r1, width, value, size in sorted(self.wrapped, key=lambda w: w[1] - w[0]):
            needed = lines_needed(value, width, size) * line_height(size) + 4
            if r0 == r1:
                heights[r0] = max(heights.get(r0, 16.0), needed)
                continue
            have = sum(heights.get(r, 16.0) for r in range(r0, r1 + 1))
            if needed > have:
                heights[r1] = heights.get(r1, 16.0) + needed - have
        for r, height in heights.items():
            self.ws.row_dimensions[r].height = round(height, 1)
        print_setup(self.ws)
        self.ws.print_area = f"A1:{get_column_letter(self.cols)}{max(self.row - 1, 1)}"


def forms_to_sheet(ws: Worksheet, forms: Sequence[OverallForm] | Sequence[ProjectForm], styles: Styles) -> None:
    """The forms one a printed page, each under its title and year label, in the layout every
    renderer draws (`project_form_to_grid`, `overall_form_to_grid`)."""
    overall = bool(forms) and isinstance(forms[0], OverallForm)
    sheet = FormSheet(ws, OVERALL_FORM_WIDTHS if overall else PROJECT_FORM_WIDTHS, styles)
    for form in forms:
        sheet.start(form.title, form.year_label)
        if isinstance(form, OverallForm):
            sheet.grid(overall_form_to_grid(form))
            signature = overall_signature_text(form.signature)
            if signature:
                sheet.note(signature)
        else:
            sheet.grid(project_form_to_grid(form))
    sheet.finish()


# ---------------------------------------------------------------------------------------------
# Attached documents


def catalog_to_sheet_grid(attachment: Attachment) -> Grid:
    """An attachment's catalogue as 编码 | 名称, the department group on a row of its own above its
    codes (in the name column, so that the row stays inside the table), names indented by level."""
    cells = [Cell(0, 0, "编码", align=Align.CENTER, bold=True), Cell(0, 1, "名称", align=Align.CENTER, bold=True)]
    row, group = 1, None
    for entry in attachment.catalog:
        if entry.group != group and entry.group:
            cells.append(Cell(row, 1, entry.group, align=Align.CENTER, bold=True))
            row += 1
        group = entry.group
        cells += [Cell(row, 0, entry.code), Cell(row, 1, entry.name, indent=max(entry.level - 1, 0))]
        row += 1
    return Grid(tuple(cells), row, (16.0, 70.0), 0)


def attachment_to_sheet(ws: Worksheet, attachment: Attachment, styles: Styles) -> None:
    """An attached document: its heading (…文件), number and title, then its catalogue."""
    sheet = FormSheet(ws, (16.0, 70.0), styles)
    head, _, rest = attachment.title.partition(" ")
    sheet.banner(head, 16, bold=True)
    if attachment.doc_number:
        sheet.banner(attachment.doc_number, 11)
    if rest:
        sheet.banner(rest, 13, bold=True)
    if attachment.catalog:
        ws.print_title_rows = f"{sheet.row}:{sheet.row}"  # the header row on every page
        sheet.grid(catalog_to_sheet_grid(attachment))
    sheet.finish()
