"""Scans made on purpose (pages turned, skewed, blurred, speckled) and the measure of what OCR gives back.

The benchmarks and tests render documents whose text is known exactly, pass them through
`scan_like` and `images_to_pdf`, read them with the OCR reader and compare the tables with the
truth (`amounts_recovered`); an amount that did not come back must be flagged (`is_flagged`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from ...model import Disclosure, Finding, Source
from .engine import Gray
from .orient import rotate


def scan_like(
    gray: Gray,
    *,
    skew: float = 0.0,
    quarter_turns: int = 0,
    noise: float = 0.0,
    specks: float = 0.0,
    blur: float = 0.0,
    seed: int = 0,
) -> Gray:
    """`gray` as a scanner might give it back.

    `skew` degrees counter-clockwise (the page is padded first so nothing is cut off),
    `quarter_turns` clockwise, Gaussian `noise` (standard deviation in gray levels), a share
    `specks` of pixels set to black or white, and a Gaussian `blur` (sigma in pixels).
    """
    import cv2

    rng = np.random.default_rng(seed)
    page = gray
    if skew:
        margin = int(abs(np.sin(np.radians(skew))) * max(page.shape)) + 4
        page = np.asarray(cv2.copyMakeBorder(page, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255))
        page = rotate(page, skew)
    if blur:
        page = np.asarray(cv2.GaussianBlur(page, (0, 0), blur), dtype=np.uint8)
    out = page.astype(np.float32)
    if noise:
        out += rng.normal(0.0, noise, out.shape).astype(np.float32)
    if specks:
        chosen = rng.random(out.shape) < specks
        out[chosen] = rng.choice(np.array([0.0, 255.0], dtype=np.float32), size=int(chosen.sum()))
    result = np.clip(out, 0, 255).astype(np.uint8)
    if quarter_turns % 4:
        result = np.rot90(result, k=-(quarter_turns % 4))
    return np.ascontiguousarray(result)


def images_to_pdf(pages: Sequence[Gray], path: Path, dpi: float) -> None:
    """Write `pages` as an image-only PDF (no text layer), each page at `dpi`."""
    from PIL import Image

    images = [Image.fromarray(page, mode="L") for page in pages]
    first, rest = images[0], images[1:]
    first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest)


@dataclass(frozen=True, slots=True)
class Miss:
    """A table amount that did not come back exactly: where it is, what it was, what was read."""

    kind: str
    row: int
    column: str
    want: Decimal | None
    got: Decimal | None
    source: Source | None


def amounts_recovered(want: Disclosure, got: Disclosure) -> tuple[int, int, list[Miss]]:
    """(amounts read back exactly, amounts printed, the misses) over every table of `want`.

    Rows are matched by position within each table kind, columns by key; a table or row that
    did not come back counts every amount in it as missed.
    """
    found = total = 0
    misses = []
    for table in want.tables:
        other = got.table(table.kind)
        for index, row in enumerate(table.rows):
            twin = other.rows[index] if other is not None and index < len(other.rows) else None
            for key, value in row.values:
                if value is None:
                    continue
                total += 1
                read = twin.value(key) if twin is not None else None
                if read == value:
                    found += 1
                else:
                    source = twin.cell_source(key) if twin is not None else None
                    misses.append(Miss(table.kind.value, index, key, value, read, source))
    return found, total, misses


def is_flagged(miss: Miss, got: Disclosure, findings: Sequence[Finding]) -> bool:
    """True when a reading note or a checker finding points at the row of the missed amount."""
    if miss.source is None or miss.source.page is None or miss.source.bbox is None:
        return False
    top, bottom = miss.source.bbox[1], miss.source.bbox[3]
    places = [n.source for n in got.notes if n.code != "ocr-confidence"]
    places += [where for f in findings for where in (f.location, *f.related)]
    for where in places:
        if where.page != miss.source.page:
            continue
        if where.table == miss.kind and where.row == miss.row:
            return True
        if where.bbox is not None and where.bbox[1] < bottom and where.bbox[3] > top:
            return True
    return False
