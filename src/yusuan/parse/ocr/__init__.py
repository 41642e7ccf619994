"""Scanned PDFs and page images → blocks → Disclosure, by OCR with models shipped in a wheel.

pages.py    PDF pages rendered one at a time (pypdfium2) and image files, size-bounded
orient.py   quarter turns, upside-down pages and skew: every page made upright and level
engine.py   the PP-OCR detection and recognition models (rapidocr_onnxruntime, offline)
grid.py     ruling lines found in the image → table grids (cells made as in parse/grid.py)
cells.py    number misreads repaired only where the grammar is sure, and always reported
layout.py   one page → tables read cell by cell, text joined into paragraphs, confidence
reader.py   documents (a PDF, an image file, a folder of page images) → pages → blocks, with page
            limits, progress and confidence notes
"""

from __future__ import annotations

from .layout import OcrPage
from .reader import (
    OcrOptions,
    Progress,
    image_to_pages,
    images_to_pages,
    pages_to_reading,
    pdf_to_pages,
    read_image,
    read_images,
    read_scanned_pdf,
)

__all__ = [
    "OcrOptions",
    "OcrPage",
    "Progress",
    "image_to_pages",
    "images_to_pages",
    "pages_to_reading",
    "pdf_to_pages",
    "read_image",
    "read_images",
    "read_scanned_pdf",
]
