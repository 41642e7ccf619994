"""The OCR model: PP-OCR text detection and recognition (ONNX files shipped in the rapidocr wheel).

Nothing is downloaded: the models are files inside the installed `rapidocr_onnxruntime` package.
The engine is built once per process and shared; it only ever sees upright page images (the
page's rotation is settled before, see `orient.py`), so the model's per-line 0/180 classifier is
off: on long CJK lines it flips correct lines upside down and loses them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in page pixels


class OcrUnavailable(Exception):
    """The OCR model cannot be loaded (package missing or broken)."""


@dataclass(frozen=True, slots=True)
class Word:
    """A run of text found on a page image: its text, box and the model's confidence (0–1)."""

    text: str
    box: Box
    confidence: float


class Engine:
    """Detection and recognition over grayscale page images."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]
        except Exception as exc:  # ImportError, or a broken onnxruntime / opencv install
            raise OcrUnavailable(f"OCR 模型无法加载（rapidocr_onnxruntime: {exc}）") from None
        # Only the detector and recognizer are called, directly: they see the page at the size
        # `pages.py` bounds it to (the library's own whole-page entry would shrink it further).
        self._ocr: Any = RapidOCR(print_verbose=False, use_cls=False)

    def detect(self, image: Gray) -> list[NDArray[np.float32]]:
        """Text line quadrilaterals (4×2 points, clockwise from top-left), top to bottom."""
        boxes, _ = self._ocr.text_det(_bgr(image))
        if boxes is None or len(boxes) == 0:
            return []
        return list(self._ocr.sorted_boxes(boxes))

    def recognize(self, crops: Sequence[Gray]) -> list[tuple[str, float]]:
        """Text and confidence of each crop (one line of text each)."""
        if not crops:
            return []
        results, _ = self._ocr.text_rec([_bgr(c) for c in crops])
        return [(str(r[0]), float(r[1])) for r in results]

    def read(self, image: Gray) -> list[Word]:
        """Every line of text on `image`, with its box."""
        quads = self.detect(image)
        if not quads:
            return []
        crops = self._ocr.get_crop_img_list(_bgr(image), [q.copy() for q in quads])
        results, _ = self._ocr.text_rec(crops)
        words = []
        for quad, (text, score, *_) in zip(quads, results, strict=True):
            text = str(text).strip()
            if text:
                xs, ys = quad[:, 0], quad[:, 1]
                box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
                words.append(Word(text, box, float(score)))
        return words


def _bgr(image: Gray) -> NDArray[np.uint8]:
    import cv2

    return np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))


@functools.cache
def engine() -> Engine:
    """The process's engine, loaded on first use (about 0.2 s; models stay in memory)."""
    return Engine()
