"""Blocks: what every reader (markdown, PDF, XLSX, DOCX, OCR) turns a document into.

A document is a sequence of text lines and tables. Each reader produces this sequence with the
place of every line and table row; recognising the parts of a disclosure (`recognize.py`) works on
blocks only, so it is the same for every input format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Source


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of running text (a paragraph in OCR markdown is one line)."""

    text: str
    source: Source
    noise: bool = False  # scanner watermark, stamp residue, page number


@dataclass(frozen=True, slots=True)
class TableLine:
    """One row of a table as cells of text; merged cells are blank after (right of / below) their text.

    Readers strip each cell, so a blank cell is the empty string.
    """

    cells: tuple[str, ...]
    source: Source
    _filled: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_filled", tuple(filter(None, self.cells)))

    @property
    def is_blank(self) -> bool:
        return not self._filled

    def filled(self) -> tuple[str, ...]:
        """The non-blank cells, in order."""
        return self._filled


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table as printed. `rows[0]` is the first line (a markdown table's header line)."""

    rows: tuple[TableLine, ...]
    source: Source

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    @property
    def starts_blank(self) -> bool:
        """True when the first line is empty: the mark of a table continued after a page break."""
        return bool(self.rows) and self.rows[0].is_blank


Block = TextLine | TableBlock

# Lines that scanners, stamps and page furniture leave in OCR output.
_NOISE = (
    re.compile(r"扫描全能王"),
    re.compile(r"PDF扫描、文档识别"),
    re.compile(r"^[-—－]\s*\d+\s*[-—－]$"),  # page number "- 3 -"
    re.compile(r"^第?\s*\d+\s*页(\s*[/共]\s*\d+\s*页?)?$"),
    re.compile(r"^[\u4e00-\u9fff]{0,3}[印張张][\u4e00-\u9fff]{0,3}$"),  # stamp residue: 和张印玉, 印玉
)


def is_noise(text: str) -> bool:
    """True for a line that belongs to no part of the package (watermarks, stamps, page numbers)."""
    stripped = text.strip()
    return any(p.search(stripped) for p in _NOISE)
