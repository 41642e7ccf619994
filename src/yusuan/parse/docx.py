"""DOCX → blocks: paragraphs and tables in body order; merged cells give their text once.

python-docx returns the same cell for every grid slot a merged cell covers (across with
gridSpan, down with vMerge): a slot whose cell is the one to its left or above is left blank, so
the text stays in the top-left slot as every reader gives it. In a `Source`, `line` is the
1-based number of the paragraph or table row in the body.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import UnusableInput
from ..model import Source
from .blocks import Block, Reading, TableBlock, TableLine, TextLine, is_noise

MAX_BLOCKS = 100_000
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\r", "")).strip()


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs joined; a cell's wrapped lines are separate paragraphs only when typed so."""
    parts = [_clean(p.text) for p in cell.paragraphs]
    return (
        "".join(p for p in parts if p) if all(_is_cjk_end(p) for p in parts if p) else " ".join(p for p in parts if p)
    )


def _is_cjk_end(text: str) -> bool:
    return bool(text) and "\u3400" <= text[-1] <= "\u9fff"


def _toc_leaders(paragraph: Any) -> str:
    """A paragraph's text; in a 目录 line (Word's toc styles) the tab before the page number
    prints as dot leaders, and is read as such."""
    text: str = paragraph.text
    if "\t" in text and (paragraph.style.name or "").lower().startswith("toc"):
        head, _, page = text.rpartition("\t")
        return f"{head}......{page}"
    return text


def _table_lines(table: Any, file: str, start: int) -> list[TableLine]:
    lines: list[TableLine] = []
    above: list[Any] = []
    for r, row in enumerate(table.rows):
        tcs = [cell._tc for cell in row.cells]
        cells = []
        for c, cell in enumerate(row.cells):
            merged = (c > 0 and tcs[c] is tcs[c - 1]) or (c < len(above) and above[c] is tcs[c])
            cells.append("" if merged else _cell_text(cell))
        above = tcs
        lines.append(TableLine(tuple(cells), Source(file, line=start + r)))
    return lines


def docx_to_blocks(path: Path) -> list[Block]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    file = str(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise UnusableInput(file, f"DOCX 文件已损坏，无法打开（damaged document: {type(exc).__name__}）") from None
    blocks: list[Block] = []
    number = 0
    for item in document.iter_inner_content():
        if len(blocks) > MAX_BLOCKS:
            raise UnusableInput(file, f"文档超过 {MAX_BLOCKS} 段（too many paragraphs）")
        if isinstance(item, Paragraph):
            number += 1
            text = _clean(_toc_leaders(item))
            if text:
                blocks.append(TextLine(text, Source(file, line=number), noise=is_noise(text)))
        elif isinstance(item, Table):
            lines = _table_lines(item, file, number + 1)
            number += len(lines)
            if lines:
                blocks.append(TableBlock(tuple(lines), lines[0].source))
    return blocks


def read_docx(path: Path) -> Reading:
    """A DOCX package → its blocks (`reader` is "docx")."""
    blocks = docx_to_blocks(path)
    if not blocks:
        raise UnusableInput(str(path), "文档没有任何内容（empty document）")
    return Reading(str(path), "docx", blocks)


__all__ = ["docx_to_blocks", "read_docx"]
