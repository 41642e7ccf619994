"""An HTML document → blocks: the package as `yusuan build` writes it, or a page saved from a site.

Each heading, paragraph, list item and other block of text is a text line (inline elements are
joined, a `<br>` ends a line), each top-level `<table>` a table block (spans expanded as the
markdown reader expands them), each with the line of the file it starts on; what a browser does not
show as text (the head, styles, scripts, images, figure captions of charts) is left out. A table's
`<caption>` is a text line before it, unless the lines just before already say it (a heading that
names the table).

OCR markdown with HTML tables in it is not an HTML document: the markdown reader reads it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..model.source import line_source
from ..text import compact
from .blocks import Block, Reading, TableBlock, TableLine, TextLine, is_noise
from .markdown import clean_cell, halfwidth_spaces, spans_to_grid

_DOCUMENT = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)

# Elements that end a line of text before and after them.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    }
)
# Elements whose content is not text a reader sees.
_HIDDEN = frozenset({"head", "style", "script", "template", "noscript", "svg", "figcaption", "title"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def is_html_document(text: str) -> bool:
    """True for a whole HTML document (a doctype or an <html> element first), not for markdown
    that holds HTML tables."""
    return _DOCUMENT.match(text[:4096]) is not None


class _DocumentParser(HTMLParser):
    """Text lines and tables in document order, each with the line it starts on."""

    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._text_line = 0
        self._hidden = 0
        self._tables = 0  # depth of <table>: the outermost one is read as a table
        self._rows: list[tuple[int, list[tuple[str, int, int]]]] = []
        self._row: list[tuple[str, int, int]] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._caption: list[str] | None = None
        self._open: list[str] = []  # the elements open around the text, outside tables

    # text lines

    def _flush(self) -> None:
        text = clean_cell(halfwidth_spaces(" ".join("".join(self._text).split())))
        self._text = []
        if text:
            self.blocks.append(TextLine(text, line_source(self.file, self._text_line), noise=is_noise(text)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += tag not in _VOID
            return
        if self._hidden:
            return
        line = self.getpos()[0]
        if tag == "table":
            self._tables += 1
            if self._tables == 1:
                self._flush()
                self._rows = []
            return
        if self._tables:
            self._table_start(tag, attrs, line)
            return
        if tag in _BLOCKS or tag == "br":
            self._flush()
        if not self._text:
            self._text_line = line
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
            return
        if self._hidden:
            return
        if tag == "table" and self._tables:
            self._tables -= 1
            if self._tables == 0:
                self._table_done()
            return
        if self._tables:
            self._table_end(tag)
            return
        if tag in self._open:
            while self._open.pop() != tag:
                pass
        if tag in _BLOCKS:
            self._flush()
        elif tag == "span" and self._open and self._open[-1] == "div" and self._text:
            # spans side by side in a box of their own (部门名称 … 单位：万元) are apart on the page
            self._text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._tables:
            if self._cell is not None:
                self._cell.append(data)
            elif self._caption is not None:
                self._caption.append(data)
            return
        if not self._text and not data.strip():
            return
        if not self._text:
            self._text_line = self.getpos()[0]
        self._text.append(data)

    # tables

    def _table_start(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        if self._tables > 1:  # a table inside a cell: its text belongs to the cell
            if tag in ("td", "th", "tr", "br") and self._cell is not None:
                self._cell.append(" ")
            return
        if tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
            self._rows.append((line, self._row))
        elif tag in ("td", "th"):
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
            if self._row is None:  # a cell outside any <tr>
                self._row = []
                self._rows.append((line, self._row))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def _table_end(self, tag: str) -> None:
        if self._tables > 1:
            return
        if tag == "caption" and self._caption is not None:
            self._caption_line("".join(self._caption))
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(("".join(self._cell), *self._span))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def _caption_line(self, text: str) -> None:
        """A caption as a line before its table (the title nearest the table, as printed packages
        put it), unless it repeats one of the lines just before (the heading that names it)."""
        caption = clean_cell(halfwidth_spaces(" ".join(text.split())))
        recent = {compact(b.text) for b in self.blocks[-4:] if isinstance(b, TextLine)}
        if not caption or compact(caption) in recent:
            return
        self.blocks.append(TextLine(caption, line_source(self.file, self.getpos()[0]), noise=False))

    def _table_done(self) -> None:
        grid = spans_to_grid([(line, cells) for line, cells in self._rows if cells])
        rows = tuple(TableLine(cells, line_source(self.file, line)) for line, cells in grid)
        if rows:
            self.blocks.append(TableBlock(rows, rows[0].source))
        self._rows, self._row, self._cell = [], None, None

    def close(self) -> None:
        super().close()
        if self._tables:
            self._table_done()
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(1000, int(value or 1)))
    except ValueError:
        return 1


def html_to_reading(text: str, file: str) -> Reading:
    """An HTML document (as text) → its blocks and its lines (which sources' line numbers point into)."""
    parser = _DocumentParser(file)
    parser.feed(text)
    parser.close()
    return Reading(file, "html", parser.blocks, source_lines=tuple(text.splitlines()))


__all__ = ["html_to_reading", "is_html_document"]
