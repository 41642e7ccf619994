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
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby, zip_longest
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

from ..model import (
    Attachment,
    Disclosure,
    FundingSplit,
    Indicator,
    OverallForm,
    Period,
    ProjectForm,
    ProjectNote,
    Table,
)
from .layout import Align, Grid, display_width, table_to_grid

FONT = "宋体"
TITLE_FONT = "黑体"
THIN = Side(style="thin", color="595959")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
INVALID_SHEET_CHARS = str.maketrans({ch: "_" for ch in "[]:*?/\\"})
AMOUNT_FORMAT = "#,##0.00"
CHINESE_NUMBERS = "一二三四五六七八九十"

# Column widths (in Excel's character units) of the sheets of running text and of the forms. A
# sheet of one column is never scaled to the page (LibreOffice counts it one page wide however
# wide it is), so the text column is narrower than A4's printable width.
TEXT_WIDTH = 80.0
PROJECT_FORM_WIDTHS = (13.0, 18.0, 13.0, 20.0, 18.0, 13.0, 20.0, 11.0)
OVERALL_FORM_WIDTHS = (14.0, 10.0, 12.0, 24.0, 16.0, 12.0, 12.0, 10.0)


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


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (enough for the headings of a note)."""
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_NUMBERS[tens - 1]) + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


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
        forms_to_sheet(new_sheet("整体支出绩效目标表"), disclosure.overall_forms, OVERALL_FORM_WIDTHS, styles)
    if disclosure.project_forms:
        forms_to_sheet(new_sheet("项目支出绩效目标表"), disclosure.project_forms, PROJECT_FORM_WIDTHS, styles)
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
    from ..views.parts import overview_paragraphs

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
        page.heading(f"{section.number}、{section.title}" if section.number else section.title)
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
        number = 0
        for heading, body in note.texts:
            if heading:
                number += 1
                page.heading(f"{chinese_number(number)}、{heading}")
            for line in body.split("\n"):
                if line.strip():
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
    end = first + grid.rows - 1
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


# ---------------------------------------------------------------------------------------------
# Performance-target forms: the official 8-column layout, one form a printed page


@dataclass(frozen=True, slots=True)
class Piece:
    """A cell of a form row: text or an amount, spanning `span` columns and `down` rows (the rows
    under it give a blank piece in its place). `role` is label (bold, centred), text (wrapped,
    left), amount (a number in #,##0.00, right) or value (centred)."""

    value: str | Decimal | None
    span: int = 1
    role: str = "text"
    down: int = 1
    indent: int = 0


def label(value: str, span: int = 1, down: int = 1) -> Piece:
    return Piece(value, span, "label", down)


def text(value: str | None, span: int = 1, down: int = 1) -> Piece:
    return Piece(value or "", span, "text", down)


def amount(value: Decimal | None, span: int = 1) -> Piece:
    return Piece(value, span, "amount")


def centred(value: str | None, span: int = 1) -> Piece:
    return Piece(value or "", span, "value")


def blank(span: int = 1) -> Piece:
    return Piece(None, span, "text")


class FormSheet:
    """Writes forms one under another: bordered rows of pieces, merged cells, row heights that fit
    the wrapped text, and a page break before each form but the first."""

    def __init__(self, ws: Worksheet, widths: Sequence[float], styles: Styles) -> None:
        self.ws = ws
        self.widths = tuple(widths)
        self.styles = styles
        self.row = 1
        self.forms = 0
        # (first row, last row, width, text, size) of each wrapped text, to fit the row heights
        self.wrapped: list[tuple[int, int, float, str, float]] = []
        self.merges: list[CellRange] = []
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
        self._merge(self.row, 1, self.row, self.cols)
        self.wrapped.append((self.row, self.row, sum(self.widths), value, size))
        self.row += 1

    def note(self, value: str) -> None:
        """A line of text under a form (the overall form's signature), no border."""
        cell = self.ws.cell(self.row, 1, cell_text(value))
        cell.data_type = "s"
        cell.font = Font(name=FONT, size=10)
        self.row += 1

    def line(self, *pieces: Piece) -> int:
        """One bordered row of the form, padded with blank cells to the form's width; its row."""
        col = 1
        for piece in pieces:
            self._piece(self.row, col, piece)
            col += piece.span
        if col <= self.cols:
            self._piece(self.row, col, blank(self.cols - col + 1))
        self.row += 1
        return self.row - 1

    def _piece(self, row: int, col: int, piece: Piece) -> None:
        cell = self.ws.cell(row, col)
        if piece.role == "amount":
            if piece.value is not None:
                cell.value = piece.value  # openpyxl writes Decimal as a number
            style = self.styles.get("body", False, "right", 0, AMOUNT_FORMAT)
        else:
            value = piece.value if isinstance(piece.value, str) else ""
            if value:
                cell.value = cell_text(value)
                cell.data_type = "s"  # text that starts with "=" is text, not a formula
                width = sum(self.widths[col - 1 : col - 1 + piece.span])
                self.wrapped.append((row, row + piece.down - 1, width, value, 10))
            align = "center" if piece.role in ("label", "value") else "left"
            style = self.styles.get("body", piece.role == "label", align, piece.indent, "General")
        for r in range(row, row + piece.down):
            for c in range(col, col + piece.span):
                self.ws.cell(r, c).style = style
        if piece.span > 1 or piece.down > 1:
            self._merge(row, col, row + piece.down - 1, col + piece.span - 1)

    def _merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        # Collected and registered at the end as plain ranges: the cells under them are blank and
        # already styled, and adding ranges one by one checks each against all the others.
        self.merges.append(CellRange(min_col=c0, min_row=r0, max_col=c1, max_row=r1))

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
        self.ws.merged_cells.ranges = {*self.ws.merged_cells.ranges, *self.merges}
        print_setup(self.ws)
        self.ws.print_area = f"A1:{get_column_letter(self.cols)}{max(self.row - 1, 1)}"


def forms_to_sheet(
    ws: Worksheet, forms: Sequence[OverallForm | ProjectForm], widths: Sequence[float], styles: Styles
) -> None:
    sheet = FormSheet(ws, widths, styles)
    for form in forms:
        if isinstance(form, OverallForm):
            overall_form_rows(sheet, form)
        else:
            project_form_rows(sheet, form)
    sheet.finish()


FUND_ROWS = (
    ("central", "其中：中央财政资金"),
    ("provincial", "省级财政资金"),
    ("local", "市县(区)财政资金"),
    ("self_raised", "单位自筹"),
    ("other", "其他资金"),
)


def _amount_of(split: FundingSplit, key: str) -> Decimal | None:
    a = split.get(key)
    return a.value if a is not None else None


def indicator_pairs(indicators: Sequence[Indicator]) -> list[tuple[Indicator | None, Indicator | None]]:
    """The rows of the 绩效指标 block: in each run of indicators of one 一级 (in printed order), the
    实施期 ones on the left and the 年度 ones beside them on the right (the form has one 一级
    column for both halves). A half with fewer indicators leaves its last cells blank; reading the
    rows gives the indicators back in their order."""
    rows: list[tuple[Indicator | None, Indicator | None]] = []
    for _, group in groupby(indicators, key=lambda i: i.level1):
        run = list(group)
        rows += zip_longest(
            [i for i in run if i.period is Period.IMPLEMENTATION], [i for i in run if i.period is Period.ANNUAL]
        )
    return rows


def run_lengths(keys: Sequence[object]) -> list[int]:
    """For each row, the number of rows of the run of equal keys it starts (0 inside a run): the
    rows a cell merged down covers."""
    lengths = [0] * len(keys)
    start = 0
    for _, group in groupby(keys):
        n = len(list(group))
        lengths[start] = n
        start += n
    return lengths


def level2_keys(rows: Sequence[tuple[str, Indicator | None]]) -> list[object]:
    """Merge keys of one half's 二级 column: (一级, 二级) of its indicator; a blank half-row goes on
    with the cell above it within the same 一级, and stands alone at the start of one."""
    keys: list[object] = []
    for k, (level1, item) in enumerate(rows):
        if item is not None:
            keys.append((level1, item.level2))
        elif k and rows[k - 1][0] == level1:
            keys.append(keys[-1])
        else:
            keys.append(("", k))
    return keys


def project_form_rows(sheet: FormSheet, form: ProjectForm) -> None:
    """项目支出绩效目标申报表: 项目名称 … 项目资金 by source for 实施期 and 年度, the texts, 总体目标,
    the 绩效指标 of both periods side by side, and the signature row."""
    sheet.start(form.title, form.year_label)
    sheet.line(label("项目名称"), text(form.name, 7))
    department = f"{form.department_code}-{form.department}" if form.department_code else (form.department or "")
    sheet.line(label("主管部门及代码"), text(department, 3), label("实施单位"), text(form.implementing_unit, 3))
    sheet.line(label("项目属性"), text(form.attribute, 3), label("项目期"), text(form.duration, 3))
    impl, annual = form.implementation, form.annual
    sheet.line(
        label("项目资金（元）", down=len(FUND_ROWS) + 1),
        label("实施期资金总额"),
        amount(_amount_of(impl, "total"), 2),
        label("年度资金总额"),
        amount(_amount_of(annual, "total"), 3),
    )
    for key, name in FUND_ROWS:
        sheet.line(
            blank(), label(name), amount(_amount_of(impl, key), 2), label(name), amount(_amount_of(annual, key), 3)
        )
    for name, value in form.texts:
        sheet.line(label(name), text(value, 7))
    # 总体目标 labels the row of the goals, under a row that names the two periods
    sheet.line(blank(), label("实施期目标", 3), label("年度目标", 4))
    sheet.line(label("总体目标"), text(form.goal_implementation, 3), text(form.goal_annual, 4))
    pairs = indicator_pairs(form.indicators)
    heads = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
    sheet.line(label(heads[0], down=len(pairs) + 1), *(label(h) for h in heads[1:]))
    level1s = [next(i.level1 for i in (a, b) if i is not None) for a, b in pairs]
    level1 = run_lengths(level1s)
    left = run_lengths(level2_keys([(l1, a) for l1, (a, _) in zip(level1s, pairs, strict=True)]))
    right = run_lengths(level2_keys([(l1, b) for l1, (_, b) in zip(level1s, pairs, strict=True)]))
    for k, (a, b) in enumerate(pairs):
        sheet.line(
            blank(),
            text(level1s[k], down=level1[k]) if level1[k] else blank(),
            text(a.level2 if a else "", down=left[k]) if left[k] else blank(),
            text(a.name if a else ""),
            centred(a.value if a else ""),
            text(b.level2 if b else "", down=right[k]) if right[k] else blank(),
            text(b.name if b else ""),
            centred(b.value if b else ""),
        )
    s = form.signature
    sheet.line(
        label("负责人："),
        text(s.responsible),
        label("经办人："),
        text(s.handler),
        label("联系电话："),
        text(s.phone),
        label("填报日期："),
        text(s.date),
    )


OVERALL_TEXTS = ("部门(单位)中长期战略目标", "上年度已完成工作目标", "年度绩效目标")
DUTIES = (("职责履行", "预期完成的事项"), ("履职效益", "部门履行职责带来的效果"))


def overall_form_rows(sheet: FormSheet, form: OverallForm) -> None:
    """部门（单位）整体支出绩效目标申报表: 部门名称, 单位基本情况 and 人员结构, the goals, the
    indicators of 职责履行 and 履职效益 beside their expected results, 满意度, 资金管理 (万元),
    保障机制, 其他需要说明的情况, and the signature under the form."""
    sheet.start(form.title, form.year_label)
    sheet.line(label("部门(单位)名称"), text(form.department, 7))
    facts = list(form.facts)
    for start in range(0, len(facts), 2):
        pieces = [label("单位基本情况" if start == 0 else "人员结构")]
        for name, value in facts[start : start + 2]:
            pieces += [label(name), centred(value)]
        sheet.line(*pieces)
    texts = dict(form.texts)
    for name, value in form.texts:
        if name in OVERALL_TEXTS:
            sheet.line(label(name), text(value, 7))
    blocks = [(level1, what, [i for i in form.indicators if i.level1 == level1]) for level1, what in DUTIES]
    for k, (level1, what, indicators) in enumerate(blocks):
        down = len(indicators) + 1
        head = label("本年度整体支出绩效指标", down=sum(len(b[2]) + 1 for b in blocks)) if k == 0 else blank()
        sheet.line(
            head,
            label(level1, down=down),
            label(what, down=down),
            text(texts.get(f"{level1}·预期事项", ""), down=down),
            label("绩效指标"),
            label("指标值", 3),
        )
        for indicator in indicators:
            sheet.line(blank(), blank(), blank(), blank(), text(indicator.name), centred(indicator.value, 3))
    for indicator in form.indicators:
        if indicator.level1 == "满意度":
            # value before name, as the official form prints the 满意度 row
            sheet.line(label(indicator.level2, 4), centred(indicator.value), text(indicator.name, 3))
    down = len(form.funds) + 1
    sheet.line(
        label("资金管理", down=down),
        label("投入情况", down=down),
        label("支出预算（万元）", down=down),
        label("名称"),
        label("上年度预算"),
        label("上年度决算"),
        label("本年度申请资金", 2),
    )
    for line in form.funds:
        values = (line.last_budget, line.last_final, line.requested)
        sheet.line(
            blank(),
            blank(),
            blank(),
            text(line.name),
            *(amount(a.value if a else None) for a in values[:2]),
            amount(values[2].value if values[2] else None, 2),
        )
    guarantees = [name for name in ("组织机构", "相关管理制度") if name in texts]
    for k, name in enumerate(guarantees):
        down = len(guarantees) if k == 0 else 1
        first = (
            (label("保障机制", down=down), label("确保绩效目标实现的措施", down=down)) if k == 0 else (blank(), blank())
        )
        sheet.line(*first, label(name), text(texts[name], 5))
    sheet.line(label("其他需要说明的情况"), text(texts.get("其他需要说明的情况", ""), 7))
    s = form.signature
    signature = " ".join(
        f"{name}：{value}"
        for name, value in (
            ("负责人", s.responsible),
            ("经办人", s.handler),
            ("联系电话", s.phone),
            ("填表日期", s.date),
        )
        if value
    )
    if signature:
        sheet.note(signature)


# ---------------------------------------------------------------------------------------------
# Attached documents


def attachment_to_sheet(ws: Worksheet, attachment: Attachment, styles: Styles) -> None:
    """An attached document: its heading (…文件), number and title, then its catalogue as a
    table of 编码 | 名称 with the department group on a row of its own above its codes."""
    sheet = FormSheet(ws, (16.0, 70.0), styles)
    head, _, rest = attachment.title.partition(" ")
    sheet.banner(head, 16, bold=True)
    if attachment.doc_number:
        sheet.banner(attachment.doc_number, 11)
    if rest:
        sheet.banner(rest, 13, bold=True)
    if attachment.catalog:
        ws.print_title_rows = f"{sheet.row}:{sheet.row}"  # the header row on every page
        sheet.line(label("编码"), label("名称"))
        group = None
        for row in attachment.catalog:
            if row.group != group and row.group:
                # the group in the name column: a row of one cell that stays inside the table
                sheet.line(blank(), label(row.group))
            group = row.group
            sheet.line(text(row.code), Piece(row.name, 1, "text", indent=max(row.level - 1, 0)))
    sheet.finish()
