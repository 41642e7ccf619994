"""What one PDF page draws, as the PDF reader uses it: its characters, rectangles, lines, curves
and images, with pdfplumber's coordinates (`top` and `bottom` measured down from the page's top).

pdfminer interprets the page (its content streams tokenised in one pass: `pdf_content.py`); its
layout objects are turned into small records here, with only the values the reader reads.
pdfplumber's own `Page.chars`/`rects`/... give the same values but convert every attribute of
every object (colours, paths, points, the content-stream tags) first: a fifth of a text page's
reading time that no one reads. The page's geometry (its height, the offset of its media box, its
place in the document) is pdfplumber's `Page`, so the coordinates are the same to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

# One object record, in pdfplumber's keys (the word extractor and `dedupe_chars` read them so).
Obj = dict[str, Any]


@dataclass(frozen=True, slots=True)
class PageObjects:
    """A page's characters (in drawing order), rectangles, lines, curves and images."""

    chars: list[Obj]
    rects: list[Obj]
    lines: list[Obj]
    curves: list[Obj]
    images: list[Obj]


def page_objects(page: Any) -> PageObjects:
    """The objects of `page` (a pdfplumber `Page` of an open document), drawn by pdfminer."""
    from pdfminer.converter import PDFPageAggregator

    from .pdf_content import FastInterpreter

    device = PDFPageAggregator(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    FastInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    found = PageObjects([], [], [], [], [])
    geometry = _Geometry(page.height, page.mediabox[0], page.mediabox[1], page.initial_doctop)
    _collect(device.get_result(), found, geometry)
    return found


class _Geometry(NamedTuple):
    """Where the page stands: its height, its media box's offset, its top in the document."""

    height: float
    x_offset: float
    top_offset: float
    doctop: float


def _collect(container: Any, found: PageObjects, geometry: _Geometry) -> None:
    """Every object of `container` and of the figures in it, in drawing order (as pdfplumber walks
    them when no layout analysis is asked for)."""
    from pdfminer.layout import LTContainer

    for obj in container:
        kind = type(obj).__name__
        if kind == "LTChar":
            found.chars.append(_char(obj, geometry))
        elif kind in _PATHS:
            getattr(found, _PATHS[kind]).append(_path(obj, geometry))
        elif kind == "LTImage":
            found.images.append(_box(obj, geometry))
        elif isinstance(obj, LTContainer):
            _collect(obj, found, geometry)


_PATHS = {"LTRect": "rects", "LTLine": "lines", "LTCurve": "curves"}


def _box(obj: Any, geometry: _Geometry) -> Obj:
    top = (geometry.height - obj.y1) + geometry.top_offset
    x0, x1 = obj.x0, obj.x1
    if geometry.x_offset != 0:
        x0, x1 = x0 + geometry.x_offset, x1 + geometry.x_offset
    return {
        "x0": x0,
        "y0": obj.y0,
        "x1": x1,
        "y1": obj.y1,
        "top": top,
        "bottom": (geometry.height - obj.y0) + geometry.top_offset,
        "doctop": geometry.doctop + top,
    }


def _char(obj: Any, geometry: _Geometry) -> Obj:
    record = _box(obj, geometry)
    fontname = obj.fontname
    if isinstance(fontname, bytes):
        from pdfplumber.page import fix_fontname_bytes

        fontname = fix_fontname_bytes(fontname)
    record.update(text=obj.get_text(), size=obj.size, matrix=obj.matrix, upright=obj.upright, fontname=fontname)
    return record


def _path(obj: Any, geometry: _Geometry) -> Obj:
    record = _box(obj, geometry)
    record.update(stroke=obj.stroke, fill=obj.fill)
    return record


__all__ = ["PageObjects", "page_objects"]
