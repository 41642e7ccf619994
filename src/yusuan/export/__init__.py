"""Disclosure → JSON (docs/json.md), CSV (one file per sheet) and XLSX (one sheet per table).

Every file is written whole or not at all (`yusuan.files.atomic`); a write that fails raises
`OutputError` naming the file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ..files import atomic, write_text
from ..model import Disclosure
from .flat import Sheet, disclosure_sheets
from .json import dumps, loads

__all__ = [
    "Sheet",
    "disclosure_sheets",
    "dumps",
    "loads",
    "sheet_csv",
    "sheet_records",
    "write_csv",
    "write_json",
    "write_sheets",
    "write_xlsx",
]


def write_json(disclosure: Disclosure, path: Path) -> None:
    write_text(path, dumps(disclosure) + "\n")


def _file_name(sheet: Sheet) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", sheet.name).strip("_") + ".csv"


def sheet_csv(sheet: Sheet) -> str:
    """A sheet as CSV text: its header, then its rows; amounts exact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(sheet.header)
    writer.writerows(["" if v is None else str(v) for v in row] for row in sheet.rows)
    return buffer.getvalue()


def sheet_records(sheet: Sheet) -> list[dict[str, object]]:
    """A sheet as one object per row, its header as the keys (`yusuan db query --format json`)."""
    return [dict(zip(sheet.header, row, strict=True)) for row in sheet.rows]


def write_csv(disclosure: Disclosure, directory: Path) -> list[Path]:
    """One UTF-8 CSV (with BOM, so that Excel and WPS read the Chinese) per sheet; amounts exact.
    When one cannot be written, those this call wrote are removed again: no part of a set is left."""
    written: list[Path] = []
    try:
        for sheet in disclosure_sheets(disclosure):
            path = directory / _file_name(sheet)
            write_text(path, sheet_csv(sheet), encoding="utf-8-sig")
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def write_xlsx(disclosure: Disclosure, path: Path) -> None:
    """One sheet per table and per flat part; amounts as numbers with two decimals."""
    write_sheets(disclosure_sheets(disclosure), path)


def write_sheets(sheets: Iterable[Sheet], path: Path | BinaryIO) -> None:
    """An XLSX workbook, one worksheet per sheet; amounts as numbers shown with two decimals
    (to a file, or to a binary stream)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for sheet in sheets:
        name = re.sub(r"[\\/*?:\[\]]", "_", sheet.name)[:31]  # what a worksheet's title may hold
        title = name
        n = 2
        while title in used:
            title = f"{name[:28]}_{n}"
            n += 1
        used.add(title)
        ws = book.create_sheet(title)
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in sheet.rows:
            ws.append(list(row))  # openpyxl writes a Decimal as the exact number it holds
        for index in sheet.amount_columns:
            letter = get_column_letter(index + 1)
            for cell in ws[letter][1:]:
                cell.number_format = "#,##0.00"
        for index, label in enumerate(sheet.header, start=1):
            width = max(
                [len(str(label))] + [len(str(r[index - 1])) for r in sheet.rows[:200] if r[index - 1] is not None]
            )
            ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, width * 1.6))
        ws.freeze_panes = "A2"
    if not isinstance(path, Path):
        book.save(path)
        return
    with atomic(path) as temp:
        book.save(temp)
