"""Blocks: what every reader (markdown, PDF, XLSX, DOCX, OCR) turns a document into.

A document is a sequence of text lines and tables. Each reader produces this sequence with the
place of every line and table row, in a `Reading` with what else it recorded; recognising the parts
of a disclosure (`recognize.py`, called by `parse.read` alone) works on blocks only, so it is the
same for every input format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..model import OcrCell, ReadNote, Recognition, Source


class TextLine(NamedTuple):
    """One line of running text (a paragraph in OCR markdown is one line). A named tuple, like
    `Source`: readers make one per line, and a tuple is the cheapest immutable record to build."""

    text: str
    source: Source
    noise: bool = False  # scanner watermark, stamp residue, page number


class TableLine:
    """One row of a table as cells of text; merged cells are blank after (right of / below) their text.

    Readers strip each cell, so a blank cell is the empty string. Immutable like the model (no
    method changes it); a plain slotted class because readers build one per printed row.
    """

    __slots__ = ("cells", "nonblank", "source")

    def __init__(self, cells: tuple[str, ...], source: Source) -> None:
        self.cells = cells
        self.source = source
        self.nonblank = tuple(filter(None, cells))  # the filled cells, in order (readers ask often)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TableLine) and (self.cells, self.source) == (other.cells, other.source)

    def __hash__(self) -> int:
        return hash((self.cells, self.source))

    def __repr__(self) -> str:
        return f"TableLine(cells={self.cells!r}, source={self.source!r})"

    @property
    def is_blank(self) -> bool:
        return not self.nonblank


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


@dataclass(frozen=True, slots=True)
class Reading:
    """What a format reader made of one file: its blocks, which reader it was (markdown, pdf,
    pdf+ocr, ocr, xlsx, xls, docx), the notes it made on the way, and what it recorded besides:
    every table cell OCR read, with its confidence, and the lines of a text input."""

    file: str
    reader: str
    blocks: Sequence[Block]
    notes: tuple[ReadNote, ...] = ()
    ocr_cells: tuple[OcrCell, ...] = ()
    source_lines: tuple[str, ...] = ()
    # what the package is, when the reader found it settled by the first pages (a paged PDF)
    recognition: Recognition | None = None


# Lines that scanners, stamps and page furniture leave in OCR output.
_NOISE = re.compile(
    "|".join(
        (
            r"扫描全能王",
            r"PDF扫描、文档识别",
            # page number "- 3 -", "— 22 —", its digits perhaps spaced ("— 1 6 —", Chongqing); OCR reads
            # the dashes as 一 ("一22一")
            r"^[-—－一]\s*\d(?:\s?\d){0,3}\s*[-—－一]$",
            # a table or form continued on a new page, named again above it: "续表：…项目"
            r"^[（(]?续表[)）]?(?:[:：\s].*)?$",
            r"^第?\s*\d+\s*页(\s*[/共]\s*\d+\s*页?)?$",
            r"^[\u4e00-\u9fff]{0,3}[印張张][\u4e00-\u9fff]{0,3}$",  # stamp residue: 和张印玉, 印玉
        )
    )
)


def is_noise(text: str) -> bool:
    """True for a line that belongs to no part of the package (watermarks, stamps, page numbers)."""
    text = text.strip()
    if len(text) > 7 and "扫描" not in text and "页" not in text and text[:1] not in "-—－（(续":
        return False  # what none of the patterns can match (a stamp's residue is 7 characters at most)
    return _NOISE.search(text) is not None
