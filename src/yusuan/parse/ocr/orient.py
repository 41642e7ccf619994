"""Upright, level pages: quarter turns from the shape of text lines, 180° from recognition, skew from projections.

A scanned page may lie sideways or upside down and is usually a little skewed. Ruling lines must
be level for the grid to be found, and the recognizer reads only upright lines, so every page is
turned and straightened before anything is read from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .engine import Engine, Gray

_INK = 160  # gray level below which a pixel is ink
_SMALL_SIDE = 1200  # px: orientation and skew are judged on a page shrunk to this


@dataclass(frozen=True, slots=True)
class Straightened:
    """A page made upright: the image, the clockwise quarter turns applied and the skew removed (degrees)."""

    gray: Gray
    quarter_turns: int
    skew: float


def straighten(gray: Gray, engine: Engine) -> Straightened:
    """Turn `gray` upright and level it (white fills what the rotation uncovers)."""
    turns = quarter_turns(gray, engine)
    if turns:
        gray = np.ascontiguousarray(np.rot90(gray, k=-turns))
    angle = skew_angle(gray)
    if abs(angle) >= 0.05:
        gray = rotate(gray, angle)
    else:
        angle = 0.0
    return Straightened(gray, turns, angle)


def quarter_turns(gray: Gray, engine: Engine) -> int:
    """Clockwise quarter turns (0–3) that make the page's text upright."""
    small, factor = _shrink(gray, _SMALL_SIDE)
    quads = engine.detect(small)
    wide = tall = 0.0
    for quad in quads:
        width = float(np.linalg.norm(quad[1] - quad[0]))
        height = float(np.linalg.norm(quad[3] - quad[0]))
        if width > 1.5 * height:
            wide += width
        elif height > 1.5 * width:
            tall += height
    turns = 1 if tall > 2 * wide else 0
    upright = gray if not turns else np.ascontiguousarray(np.rot90(gray, k=-1))
    if turns:
        small, factor = _shrink(upright, _SMALL_SIDE)
        quads = engine.detect(small)
    if _upside_down(upright, quads, factor, engine):
        turns += 2
    return turns


def _upside_down(gray: Gray, quads: list[np.ndarray], factor: float, engine: Engine) -> bool:
    """True when lines read better turned half round (the recognizer's confidence decides)."""
    lines = []
    for quad in quads:
        x0, y0 = (quad.min(axis=0) / factor).astype(int)
        x1, y1 = (quad.max(axis=0) / factor).astype(int)
        if x1 - x0 > 2 * (y1 - y0) > 0:
            lines.append((x1 - x0, (x0, y0, x1, y1)))
    if not lines:
        return False
    # The longest lines carry the most evidence; eight snippets of about ten characters each are
    # plenty, and recognising whole page-wide lines twice over would cost more than the page.
    lines.sort(reverse=True)
    crops = []
    for _, (x0, y0, x1, y1) in lines[:8]:
        x1 = min(x1, x0 + 10 * (y1 - y0))
        crops.append(gray[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2])
    crops = [c for c in crops if c.size]
    as_is = engine.recognize(crops)
    turned = engine.recognize([np.ascontiguousarray(np.rot90(c, 2)) for c in crops])
    score = sum(s * len(t) for t, s in as_is)
    score_turned = sum(s * len(t) for t, s in turned)
    return score_turned > 1.2 * score + 1


def skew_angle(gray: Gray) -> float:
    """The angle (degrees, counter-clockwise positive) that levels the page's text lines and rules.

    The projection of the ink onto the vertical axis is sharpest when lines are level; the angle
    is searched coarse to fine within ±8°.
    """
    small, _ = _shrink(gray, _SMALL_SIDE)
    ys, xs = np.nonzero(small < _INK)
    if len(ys) < 50:
        return 0.0
    if len(ys) > 300_000:  # a sample is as sharp and much faster
        pick = np.random.default_rng(0).choice(len(ys), 300_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    yf = ys.astype(np.float64)
    xf = xs.astype(np.float64) - small.shape[1] / 2

    def sharpness(degrees: float) -> float:
        projected = yf - xf * math.tan(math.radians(degrees))
        counts = np.bincount(np.round(projected - projected.min()).astype(np.int64))
        return float(np.dot(counts, counts))

    best = max(np.arange(-8, 8.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness)
    best = max(np.arange(best - 0.1, best + 0.101, 0.02), key=sharpness)
    return round(float(best), 2)


def rotate(gray: Gray, degrees: float) -> Gray:
    """`gray` turned by `degrees` about its centre (counter-clockwise positive), white fill, same size."""
    import cv2

    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    turned = cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    return np.asarray(turned, dtype=np.uint8)


def _shrink(gray: Gray, side: int) -> tuple[Gray, float]:
    import cv2

    factor = min(1.0, side / max(gray.shape))
    if factor == 1.0:
        return gray, 1.0
    size = (max(1, round(gray.shape[1] * factor)), max(1, round(gray.shape[0] * factor)))
    return np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), dtype=np.uint8), factor
