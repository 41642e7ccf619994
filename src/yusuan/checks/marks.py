"""Where a finding points on the pages of its package: the boxes to highlight on a page picture.

A finding cites its location and the related places (the other terms of a broken identity). A
reader keeps the box of each row it read on a PDF page (`Source.bbox`, in PDF points); a cell is
found inside its row's box as the word that prints the cell's value (the n-th such word when the
row prints the same amount more than once), and where no word does, the row's box stands for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Disclosure, Finding, Row, Source, Table, TableKind
from ..text import amount_or_none

Box = tuple[float, float, float, float]
# The words a page prints with their boxes: page number → [(text, box)] (parse.pages.page_words).
Words = Callable[[int], Sequence[tuple[str, Box]]]


@dataclass(frozen=True, slots=True)
class Mark:
    """A box to highlight on page `page`: the finding's own place (`cited`) or a related one;
    `cell` when the box is the cell's own, not its row's or line's."""

    page: int
    box: Box
    cited: bool
    cell: bool
    source: Source


def finding_marks(finding: Finding, disclosure: Disclosure, words: Words) -> list[Mark]:
    """The boxes of every place `finding` cites that has a page and a box, its location first."""
    marks = []
    for index, source in enumerate((finding.location, *finding.related)):
        if source.page is None or source.bbox is None:
            continue
        box, cell = cell_box(source, disclosure, words)
        marks.append(Mark(source.page, box, index == 0, cell, source))
    return marks


def cited_pages(finding: Finding) -> list[int]:
    """The pages a finding cites, its location's first, each once."""
    pages = (s.page for s in (finding.location, *finding.related) if s.page is not None)
    return list(dict.fromkeys(pages))


def source_row(source: Source, disclosure: Disclosure) -> tuple[Table, Row] | None:
    """The table row a source names (of the table of that kind printed on the source's page)."""
    if source.table is None or source.row is None:
        return None
    try:
        kind = TableKind(source.table)
    except ValueError:
        return None
    for table in disclosure.tables:
        if table.kind is kind and 0 <= source.row < len(table.rows):
            row = table.rows[source.row]
            if source.page is None or row.source.page == source.page:
                return table, row
    return None


def cell_box(source: Source, disclosure: Disclosure, words: Words) -> tuple[Box, bool]:
    """The box of the cell a source names (and True), or the box it keeps (and False)."""
    assert source.bbox is not None and source.page is not None
    found = source_row(source, disclosure) if source.column is not None else None
    if found is None:
        return source.bbox, False
    _, row = found
    value = row.value(source.column) if source.column is not None else None
    if value is None:
        return source.bbox, False
    x0, top, x1, bottom = source.bbox
    area = (x0 - 2, top - 2, x1 + 2, bottom + 2)
    in_row = sorted(((text, box) for text, box in words(source.page) if _inside(box, area)), key=lambda w: w[1][0])
    matches = [box for text, box in in_row if amount_or_none(text) == value]
    if not matches:
        return source.bbox, False
    same = [key for key, v in row.values if v == value]
    nth = same.index(source.column) if source.column in same else 0
    return matches[min(nth, len(matches) - 1)], True


def _inside(box: Box, area: Box) -> bool:
    middle = (box[1] + box[3]) / 2
    return area[0] <= box[0] and box[2] <= area[2] and area[1] <= middle <= area[3]


def place_in_words(source: Source, disclosure: Disclosure) -> str:
    """Where a source points, as a reviewer names it: the page or line, then the table (number and
    kind), the row (its name and code) and the column (its header as printed)."""
    return " ".join(filter(None, place_parts(source, disclosure)))


def place_parts(source: Source, disclosure: Disclosure) -> tuple[str, str, str]:
    """`place_in_words` in its three parts: the page or line and the table; the row; the column
    (a part the source does not name is empty), so that a list of places can name each page and
    table once."""
    parts = []
    if source.page is not None:
        parts.append(f"第{source.page}页")
    if source.line is not None:
        parts.append(f"第{source.line}行")
    row_words = column_words = ""
    found = source_row(source, disclosure)
    if found is not None:
        table, row = found
        kind = table.kind.label
        parts.append(table.label if table.label == kind else f"{table.label} {kind}")
        row_words = f"“{row.name}”" + (f"（{row.code}）" if row.code and row.code not in row.name else "")
        column = table.column(source.column) if source.column is not None else None
        if column is not None:
            column_words = f"“{column.label}”列"
    elif source.table is not None:
        try:
            parts.append(TableKind(source.table).label)
        except ValueError:
            parts.append(source.table)
    return " ".join(parts), row_words, column_words
