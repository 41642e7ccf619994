"""The format-neutral grid every renderer draws: which cells exist, what they span, which rows are
header rows (repeated on every page), which cells are amounts (right-aligned, the exact `Decimal`
kept for XLSX) and which are bold or indented; and how its columns share a page's width.

The grids are made beside the renderers: `layout.py` lays out the standard tables, `forms.py` the
performance forms and an attached catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell at its top-left position; the positions it spans over hold no Cell."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: Decimal | None = None
    align: Align = Align.LEFT
    bold: bool = False
    indent: int = 0
    header: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as cells. `widths` are column widths in character cells (a CJK character is 2);
    `amount_columns` hold numbers with `decimals` places; the first `header_rows` rows repeat on
    every page."""

    cells: tuple[Cell, ...]
    rows: int
    widths: tuple[float, ...]
    header_rows: int
    amount_columns: frozenset[int] = frozenset()
    decimals: int = 2
    row_header_columns: frozenset[int] = frozenset()

    @property
    def cols(self) -> int:
        return len(self.widths)

    def by_row(self) -> tuple[tuple[Cell, ...], ...]:
        """Cells grouped by their row, in column order (rows without an anchor cell are empty)."""
        rows: list[list[Cell]] = [[] for _ in range(self.rows)]
        for cell in self.cells:
            rows[cell.row].append(cell)
        return tuple(tuple(sorted(r, key=lambda c: c.col)) for r in rows)

    def covered(self) -> frozenset[tuple[int, int]]:
        """Positions that lie under a merged cell (not its anchor)."""
        out = set()
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) != (c.row, c.col):
                        out.add((r, k))
        return frozenset(out)


def fit_widths(grid: Grid, available: float, char_width: float) -> list[float]:
    """Column widths (in the caller's unit) that fill `available`: amount columns keep room for
    their numbers, text columns share the rest in proportion (their text wraps); when even the
    numbers do not fit, every column shrinks in proportion."""
    natural = [w * char_width for w in grid.widths]
    total = sum(natural)
    if total <= available:
        return [w * available / total for w in natural]
    # Numbers and short texts (codes) do not wrap well; long texts do.
    rigid = {k for k, w in enumerate(grid.widths) if k in grid.amount_columns or w <= 10}
    fixed = sum(natural[k] for k in rigid)
    flexible = total - fixed
    room = available - fixed
    if flexible <= 0 or room < 0.25 * flexible:
        return [w * available / total for w in natural]
    return [w if k in rigid else w * room / flexible for k, w in enumerate(natural)]
