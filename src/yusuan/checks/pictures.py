"""The part of a page a finding points at, as the HTML report shows it for PDFs and scans.

Each page is rendered once (`parse.pages.page_picture`) and put in the report's style sheet as a
background, so that many findings on one page cost one image; a finding shows the band of the page
around the places it cites (`marks.finding_marks`): each cited row marked, and the cited cell
outlined where its printed value is found in that row (in the words of the text layer, or in the
cells OCR read).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import YusuanError
from ..model import Disclosure, Finding
from .marks import Box, Mark, finding_marks

WIDTH = 640  # pixels a page's width is shown at
MARGIN = 28.0  # points shown above and below the cited rows
MAX_HEIGHT = 460  # pixels of a band at most
PAGES = 2  # pages shown for one finding at most
LAYOUT_READERS = frozenset({"pdf", "pdf+ocr", "ocr"})


@dataclass(frozen=True, slots=True)
class _Page:
    css_class: str
    width: float  # in points
    height: float


class Pictures:
    """The pages of the packages of one report, rendered on first use."""

    def __init__(self) -> None:
        self._disclosure: Disclosure | None = None
        self._pages: dict[tuple[str, int], _Page | None] = {}
        self._words: dict[tuple[str, int], list[tuple[str, Box]]] = {}
        self._css: list[str] = []

    def start(self, disclosure: Disclosure | None) -> None:
        """The package whose findings come next."""
        self._disclosure = disclosure

    def show(self, finding: Finding) -> str:
        """The bands of the pages the finding cites (none for a text input)."""
        d = self._disclosure
        if d is None or d.reader not in LAYOUT_READERS:
            return ""
        on_page: dict[int, list[Mark]] = {}
        for mark in finding_marks(finding, d, lambda number: self._page_words(d, number)):
            if mark.source.file == d.file:
                on_page.setdefault(mark.page, []).append(mark)
        out = []
        for number, marks in list(on_page.items())[:PAGES]:
            page = self._page(d, number)
            if page is not None:
                out.append(_band(page, number, marks))
        return "".join(out)

    def css(self) -> str:
        """The style rules that hold the pages' images."""
        return "".join(self._css)

    def _page(self, d: Disclosure, number: int) -> _Page | None:
        key = (d.file, number)
        if key not in self._pages:
            self._pages[key] = self._render(d.file, number)
        return self._pages[key]

    def _render(self, file: str, number: int) -> _Page | None:
        from ..parse.pages import page_picture

        try:
            picture = page_picture(Path(file), number)
        except (YusuanError, OSError, ValueError):  # the file is gone or changed since it was read
            return None
        name = f"pg{len(self._css)}"
        data = base64.b64encode(picture.png).decode("ascii")
        self._css.append(f".{name}{{background-image:url(data:image/png;base64,{data})}}")
        return _Page(name, picture.width, picture.height)

    def _page_words(self, d: Disclosure, number: int) -> list[tuple[str, Box]]:
        """The words a page prints (its text layer), and the cells OCR read on it."""
        from ..parse.pages import page_words

        key = (d.file, number)
        if key not in self._words:
            try:
                words = page_words(Path(d.file), number) if d.reader != "ocr" else []
            except (YusuanError, OSError, ValueError):
                words = []
            self._words[key] = words + [(c.text, c.box) for c in d.ocr_cells if c.page == number]
        return self._words[key]


def _band(page: _Page, number: int, marks: Sequence[Mark]) -> str:
    """The band of the page around the marks: each row's box marked, each cell's outlined."""
    scale = WIDTH / page.width  # pixels a point
    rows = [m.source.bbox for m in marks if m.source.bbox is not None]
    top = max(0.0, min(b[1] for b in rows) - MARGIN)
    bottom = min(page.height, max(b[3] for b in rows) + MARGIN)
    height = min(round((bottom - top) * scale), MAX_HEIGHT)
    shown = [_mark("i", b, top, scale) for b in dict.fromkeys(rows)]
    shown += [_mark("b", m.box, top, scale) for m in marks if m.cell]
    style = (
        f"width:{WIDTH}px;height:{height}px;background-size:{WIDTH}px auto;"
        f"background-position:0 -{round(top * scale)}px"
    )
    caption = f'<span class="cap">第{number}页</span>'
    return f'<div class="pic {page.css_class}" style="{style}">{caption}{"".join(shown)}</div>'


def _mark(tag: str, box: Box, top: float, scale: float) -> str:
    x0, y0, x1, y1 = (v * scale for v in (box[0], box[1] - top, box[2], box[3] - top))
    return f'<{tag} style="left:{x0:.0f}px;top:{y0:.0f}px;width:{x1 - x0:.0f}px;height:{y1 - y0:.0f}px"></{tag}>'


__all__ = ["Pictures"]
