"""Ruling lines → a table's grid: its row and column boundaries, and cells merged where no rule divides.

Both layout readers find a page's tables by their ruling lines: the PDF reader from the page's
vector rules (`pdf_grid.py`, in points), the OCR reader from long thin runs of ink in the page image
(`ocr/grid.py`, in pixels). Each finds the boundaries and which boundaries between neighbouring
slots a rule divides; the cells are made here, the same way for both (`slots_to_cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # (x0, top, x1, bottom)


@dataclass(frozen=True, slots=True)
class PageCell:
    """A cell of a ruled table: its top-left slot, its spans, its box (between the rules' centres)
    and the text placed in it (a PDF's words; OCR reads each cell's image later)."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box
    text: str = ""


@dataclass(frozen=True, slots=True)
class PageTable:
    """A ruled table as found on a page: the row and column boundaries, the cells row by row, and
    the table's box (the area of its rules)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[PageCell, ...]
    box: Box

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1


def cluster(values: Sequence[float], tol: float) -> list[float]:
    """Sorted positions with near-equal ones (each within `tol` of the one before) merged into their mean."""
    merged: list[list[float]] = []
    for v in sorted(values):
        if merged and v - merged[-1][-1] <= tol:
            merged[-1].append(v)
        else:
            merged.append([v])
    return [sum(group) / len(group) for group in merged]


# divides(r, c): a rule divides slot (r, c) from its neighbour (right of it, or below it)
Divides = Callable[[int, int], bool]


def slots_to_cells(
    xs: Sequence[float], ys: Sequence[float], divides_right: Divides, divides_below: Divides
) -> tuple[list[PageCell], list[list[int]]]:
    """The cells of a grid of slots, and the index of the cell that owns each slot.

    A cell starts at the first slot no cell owns yet, extends right while no rule divides, then
    down while no rule divides any slot of its width from the one below: a merged cell is the
    rectangle its slots span."""
    rows, cols = len(ys) - 1, len(xs) - 1
    right = [[divides_right(r, c) for c in range(cols - 1)] for r in range(rows)]
    below = [[divides_below(r, c) for c in range(cols)] for r in range(rows - 1)]
    owner = [[-1] * cols for _ in range(rows)]
    cells: list[PageCell] = []
    for r in range(rows):
        for c in range(cols):
            if owner[r][c] >= 0:
                continue
            c1 = c
            while c1 + 1 < cols and not right[r][c1] and owner[r][c1 + 1] < 0:
                c1 += 1
            r1 = r
            while (
                r1 + 1 < rows
                and not any(below[r1][k] for k in range(c, c1 + 1))
                and all(owner[r1 + 1][k] < 0 for k in range(c, c1 + 1))
            ):
                r1 += 1
            for rr in range(r, r1 + 1):
                for cc in range(c, c1 + 1):
                    owner[rr][cc] = len(cells)
            cells.append(PageCell(r, c, r1 - r + 1, c1 - c + 1, (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])))
    return cells, owner


def connected(count: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Items 0…count-1 grouped by the links between them (the ruling lines that touch, one table
    each): the groups in the order of their first item, each in item order."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[ri] = rj
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
