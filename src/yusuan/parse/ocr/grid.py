"""Ruling lines in a page image → table grids: long thin runs of ink → segments → `PageTable`s.

Pure functions over a grayscale image and segments, composed as image → rulings → grids; the cells
are made from the boundaries as for a PDF's rules (`parse/grid.py`): a cell that no ruling line
divides is one merged cell (rowspan/colspan), as a printed table shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..grid import PageTable, cluster, connected, slots_to_cells
from .engine import Gray


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (y0 == y1) or vertical (x0 == x1) ruling line, in pixels; `width` is its thickness."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


@dataclass(frozen=True, slots=True)
class Rulings:
    """The ruling lines of a page and the mask of their pixels (to erase them before reading text)."""

    horizontal: tuple[Segment, ...]
    vertical: tuple[Segment, ...]
    mask: NDArray[np.uint8]


def ink_level(gray: Gray) -> int:
    """The gray level below which a pixel counts as ink: clearly darker than the paper and its noise.

    Thin rules and the strokes of small digits, once scanned, are light gray rather than black, so
    a fixed dark level loses them; the level is set from the paper's own brightness and grain.
    """
    sample = gray[::3, ::3].astype(np.int16)
    paper = int(np.median(sample))
    near = sample[sample > paper - 60]
    grain = 1.4826 * float(np.median(np.abs(near - paper))) if near.size else 0.0
    return int(max(90, min(225, paper - max(35.0, 4.5 * grain))))


def image_to_rulings(gray: Gray) -> Rulings:
    """Long thin horizontal and vertical runs of ink (morphological opening with long kernels)."""
    import cv2

    height, width = gray.shape
    ink = (gray < ink_level(gray)).astype(np.uint8)
    # A rule is longer than any character stroke: ~1/40 of the page's short side (30 px at 150 dpi
    # A4) across, shorter than the narrowest cell; ~1/50 down, since the vertical rules of a
    # header row are only a row high (and a table's type is too small for such long strokes).
    length = max(20, min(height, width) // 40)
    across = _morph(ink, cv2.MORPH_OPEN, (length, 1))
    down = _morph(ink, cv2.MORPH_OPEN, (1, max(16, min(height, width) // 50)))
    # Bridge the small breaks that noise and residual skew leave in a scanned rule.
    across = _morph(across, cv2.MORPH_CLOSE, (9, 1))
    down = _morph(down, cv2.MORPH_CLOSE, (1, 9))
    thick = max(4, min(height, width) // 150)
    horizontal = _segments(across, horizontal=True, min_length=2 * length, max_width=thick)
    vertical = _segments(down, horizontal=False, min_length=length, max_width=thick)
    mask = cv2.dilate(across | down, np.ones((3, 3), np.uint8))
    return Rulings(tuple(horizontal), tuple(vertical), np.asarray(mask, dtype=np.uint8))


def _morph(image: NDArray[np.uint8], operation: int, size: tuple[int, int]) -> NDArray[np.uint8]:
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    return np.asarray(cv2.morphologyEx(image, operation, kernel), dtype=np.uint8)


def _segments(mask: NDArray[np.uint8], *, horizontal: bool, min_length: int, max_width: int) -> list[Segment]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        length, width = (w, h) if horizontal else (h, w)
        # A thick blob is a filled area or a dense row of text, not a rule.
        if length < min_length or width > max_width * 2:
            continue
        if horizontal:
            found.append(Segment(x, y + h / 2, x + w, y + h / 2, h))
        else:
            found.append(Segment(x + w / 2, y, x + w / 2, y + h, w))
    return found


def rulings_to_grids(rulings: Rulings) -> list[PageTable]:
    """Group segments that touch into tables and build each table's grid, top to bottom."""
    groups = _touching(rulings.horizontal, rulings.vertical)
    grids = []
    for group in groups:
        grid = segments_to_grid([s for s in group if s.horizontal], [s for s in group if not s.horizontal])
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _touching(horizontal: Sequence[Segment], vertical: Sequence[Segment], tol: float = 6) -> list[list[Segment]]:
    """Connected groups of segments (a horizontal and a vertical segment touch where they cross)."""
    segments = [*horizontal, *vertical]
    n = len(horizontal)
    crossings = (
        (i, n + j)
        for i, h in enumerate(horizontal)
        for j, v in enumerate(vertical)
        if h.x0 - tol <= v.x0 <= h.x1 + tol and v.y0 - tol <= h.y0 <= v.y1 + tol
    )
    return [[segments[k] for k in group] for group in connected(len(segments), crossings)]


def segments_to_grid(horizontal: Sequence[Segment], vertical: Sequence[Segment], tol: float = 5) -> PageTable | None:
    """One table's segments → its grid; None when they do not make a table (< 2 rows or columns)."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    ys = cluster([h.y0 for h in horizontal], tol)
    xs = cluster([v.x0 for v in vertical], tol)
    # Tables printed without their outer vertical (or horizontal) border still end where the
    # other direction's rules end.
    left, right_end = min(h.x0 for h in horizontal), max(h.x1 for h in horizontal)
    top, bottom = min(v.y0 for v in vertical), max(v.y1 for v in vertical)
    if left < xs[0] - 3 * tol:
        xs.insert(0, left)
    if right_end > xs[-1] + 3 * tol:
        xs.append(right_end)
    if top < ys[0] - 3 * tol:
        ys.insert(0, top)
    if bottom > ys[-1] + 3 * tol:
        ys.append(bottom)
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells, _ = slots_to_cells(
        xs,
        ys,
        lambda r, c: _covered(vertical, xs[c + 1], ys[r], ys[r + 1], tol),
        lambda r, c: _covered(horizontal, ys[r + 1], xs[c], xs[c + 1], tol),
    )
    return PageTable(tuple(xs), tuple(ys), tuple(cells), (xs[0], ys[0], xs[-1], ys[-1]))


def _covered(segments: Sequence[Segment], at: float, start: float, end: float, tol: float) -> bool:
    """True when rules at position `at` cover most of the span start–end."""
    span = end - start
    if span <= 0:
        return False
    cover = 0.0
    for s in segments:
        position, lo, hi = (s.y0, s.x0, s.x1) if s.horizontal else (s.x0, s.y0, s.y1)
        if abs(position - at) <= tol:
            cover += max(0.0, min(hi, end) - max(lo, start))
    return cover >= 0.6 * span
