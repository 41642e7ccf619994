"""XLSX and XLS workbooks → blocks: each sheet's text rows and tables, with sheet and row as source.

Works on the official one-sheet-per-part templates (a title in the first rows, a 编制部门/单位 row,
merged header cells, narrative sheets with the whole text in one cell) and on the workbooks that
`yusuan build` writes (the whole package: cover, 目录, 概况, tables, 情况说明 one paragraph a row,
the performance forms in their 8-column layout, attachments, 名词解释), which read back into the
Disclosure they were written from. A merged cell's text is in its top-left slot, the rest blank
(as every reader gives them). Numbers are read as the cell shows them: the decimals of the cell's
number format, exact (no float rounding left in). In a `Source`, `page` is the 1-based sheet
number and `line` the 1-based row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import UnusableInput
from ..model import Source
from ..text import compact
from .blocks import Block, Reading, TableBlock, TableLine, TextLine, is_noise
from .detect import Format
from .forms import signature_from_text
from .titles import is_form_title, kind_from_title

# Bounds that keep a hostile workbook from using unbounded memory or time.
MAX_SHEETS = 200
MAX_ROWS = 20_000
MAX_COLS = 300

_LABEL_ROW = re.compile(r"^(?:编制部门|编制单位|部门名称|单位名称|预算主管部门|预算单位|单位)\s*[:：]")
_DECIMALS = re.compile(r"0\.(0+)")

Row = tuple[int, tuple[str, ...]]  # (1-based row number, cell texts)


def number_to_text(value: float | int | Decimal, number_format: str | None) -> str:
    """A numeric cell as shown: the decimals of its number format ('#,##0.00' → 2), exact."""
    try:
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    m = _DECIMALS.search(number_format or "")
    if m:
        return f"{exact:.{len(m.group(1))}f}"
    if exact == exact.to_integral_value() and isinstance(value, float) and (number_format or "General") == "General":
        return str(int(exact))
    return format(exact.normalize(), "f") if exact != exact.to_integral_value() else str(int(exact))


def _cell_text(value: Any, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_to_text(value, number_format)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _xlsx_sheets(path: Path) -> Iterator[tuple[str, list[Row]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UnusableInput(str(path), f"XLSX 文件已损坏，无法打开（damaged workbook: {type(exc).__name__}）") from None
    try:
        for index, sheet in enumerate(book.worksheets):
            if index >= MAX_SHEETS:
                raise UnusableInput(str(path), f"工作表超过 {MAX_SHEETS} 个（too many sheets）")
            rows: list[Row] = []
            for r, cells in enumerate(sheet.iter_rows(max_col=MAX_COLS), start=1):
                if r > MAX_ROWS:
                    raise UnusableInput(
                        str(path), f"工作表“{sheet.title}”超过 {MAX_ROWS} 行（too many rows）", f"sheet {index + 1}"
                    )
                texts = tuple(_cell_text(getattr(c, "value", None), getattr(c, "number_format", None)) for c in cells)
                rows.append((r, texts))
            yield sheet.title, rows
    finally:
        book.close()


def _xls_sheets(path: Path) -> Iterator[tuple[str, list[Row]]]:
    import xlrd  # type: ignore[import-untyped]

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:
        raise UnusableInput(str(path), f"XLS 文件已损坏，无法打开（damaged workbook: {type(exc).__name__}）") from None
    try:
        for index in range(min(book.nsheets, MAX_SHEETS)):
            sheet = book.sheet_by_index(index)
            covered = set()
            for r0, r1, c0, c1 in sheet.merged_cells:
                for r in range(r0, r1):
                    for c in range(c0, c1):
                        if (r, c) != (r0, c0):
                            covered.add((r, c))
            rows: list[Row] = []
            for r in range(min(sheet.nrows, MAX_ROWS)):
                texts = []
                for c in range(min(sheet.ncols, MAX_COLS)):
                    cell = sheet.cell(r, c)
                    if (r, c) in covered or cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        texts.append("")
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        xf = book.xf_list[cell.xf_index]
                        fmt = book.format_map.get(xf.format_key)
                        texts.append(number_to_text(cell.value, fmt.format_str if fmt else None))
                    else:
                        texts.append(_cell_text(cell.value, None))
                rows.append((r + 1, tuple(texts)))
            yield sheet.name, rows
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _is_text_row(cells: Sequence[str]) -> bool:
    """A row that is a line of text, not a table row: one cell, or only 编制部门/单位 labels."""
    filled = [c for c in cells if c]
    if len(filled) <= 1:
        return True
    return all(_LABEL_ROW.match(c) or c.startswith("单位") for c in filled)


def _starts_part(text: str) -> bool:
    """A line that starts something of its own (a form or table title, a form's signature line),
    which ends the table above it however short it is."""
    return is_form_title(text) or kind_from_title(text) is not None or signature_from_text(text) is not None


def rows_to_blocks(sheet: int, rows: Sequence[Row], file: str) -> list[Block]:
    """One sheet's rows → text lines and table blocks.

    A table starts at a row with two or more cells and goes on through blank rows and rows of one
    cell: a short one (合计 with no figures, 无), or one that is not in the first column (a form's
    cell whose neighbours are blank), up to a long line of text, a note (注…), a line that
    starts a part of its own (a form or table title, a signature), or a line of one cell after a
    blank row (a note set off from the table, as `yusuan build` writes notes).
    """
    blocks: list[Block] = []
    table: list[TableLine] = []
    after_blank = False

    def close() -> None:
        nonlocal table
        while table and table[-1].is_blank:
            table.pop()
        if table:
            width = max(max((i + 1 for i, c in enumerate(r.cells) if c), default=0) for r in table)
            lines = tuple(TableLine(r.cells[:width] + ("",) * (width - len(r.cells[:width])), r.source) for r in table)
            blocks.append(TableBlock(lines, lines[0].source))
        table = []

    for number, cells in rows:
        source = Source(file, line=number, page=sheet)
        filled = [c for c in cells if c]
        text_row = _is_text_row(cells)
        short = bool(filled) and text_row and len(compact(" ".join(filled))) <= 30 and not filled[0].startswith("注")
        inner = len(filled) == 1 and bool(cells) and not cells[0]
        if (
            table
            and (not filled or ((short or inner) and not after_blank))
            and not _LABEL_ROW.match(filled[0] if filled else "")
            and not (filled and _starts_part(filled[0]))
        ):
            table.append(TableLine(cells, source))
            after_blank = not filled
            continue
        after_blank = False
        if not filled:
            continue
        if text_row:
            close()
            for part in " ".join(filled).split("\n"):
                part = re.sub(r"[ \t\u3000]+", " ", part).strip()
                if part:
                    blocks.append(TextLine(part, source, noise=is_noise(part)))
            continue
        table.append(TableLine(cells, source))
    close()
    return blocks


def workbook_to_blocks(path: Path, fmt: Format = Format.XLSX) -> list[Block]:
    sheets = _xls_sheets(path) if fmt is Format.XLS else _xlsx_sheets(path)
    blocks: list[Block] = []
    for index, (_, rows) in enumerate(sheets, start=1):
        blocks.extend(rows_to_blocks(index, rows, str(path)))
    return blocks


def read_workbook(path: Path, fmt: Format = Format.XLSX) -> Reading:
    """An XLSX (or legacy XLS) package → its blocks; `reader` is "xlsx" or "xls"."""
    blocks = workbook_to_blocks(path, fmt)
    if not blocks:
        raise UnusableInput(str(path), "工作簿没有任何内容（empty workbook）")
    return Reading(str(path), "xls" if fmt is Format.XLS else "xlsx", blocks)


__all__ = ["number_to_text", "read_workbook", "rows_to_blocks", "workbook_to_blocks"]
