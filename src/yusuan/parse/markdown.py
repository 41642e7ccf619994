"""OCR markdown → blocks: text lines, pipe tables and HTML `<table>` blocks, each with its line.

Line-oriented on purpose: OCR markdown is one paragraph or one table row per line, so one pass
over the lines finds everything, much faster than a general markdown parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser

from ..model import NoteLevel, ReadNote, Source
from ..model.source import line_source, line_sources
from .blocks import Block, Reading, TableBlock, TableLine, TextLine, is_noise

_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_CHECKBOX = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def needs_cleaning(text: str) -> bool:
    """True when `text` may hold what `clean_cell` removes beyond its outer spaces: a tag or an
    entity, a backslash (an escaped pipe), a run of spaces, a tab, an ideographic or no-break
    space. (Plain substring tests: much faster than a regular expression over a whole table.)"""
    return (
        "  " in text or "<" in text or "&" in text or "\\" in text or "\t" in text or "\u3000" in text or "\xa0" in text
    )


def clean_cell(text: str) -> str:
    """Cell text without OCR artifacts: checkbox inputs, line-break tags, doubled spaces."""
    if not needs_cleaning(text):
        return text.strip()
    text = _CHECKBOX.sub(" ", text)
    text = _BREAK.sub(" ", text)
    text = text.replace("&nbsp;", " ").replace("\\|", "|")
    return _SPACES.sub(" ", text).strip()


def split_row(line: str) -> tuple[str, ...]:
    """'| a | b |' → ('a', 'b'), with cells cleaned."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    if "\\|" in body:
        return tuple(clean_cell(c) for c in re.split(r"(?<!\\)\|", body))
    if needs_cleaning(body):
        return tuple(clean_cell(c) for c in body.split("|"))
    return tuple(map(str.strip, body.split("|")))


def markdown_to_reading(text: str, file: str) -> Reading:
    """OCR markdown (as text) → its blocks and its lines (which sources' line numbers point into),
    with a "truncated" note when the text ends inside a table row."""
    lines = text.splitlines()
    blocks = lines_to_blocks(lines, file)
    cut = _cut_row(text, file)
    notes = (
        () if cut is None else (ReadNote(NoteLevel.WARNING, "文件在表格的一行中间结束（被截断）", cut, "truncated"),)
    )
    return Reading(file, "markdown", blocks, notes, source_lines=tuple(lines))


def _cut_row(text: str, file: str) -> Source | None:
    """The last line, when the text ends inside a table row (a '|' row with no closing '|')."""
    stripped = text.rstrip()
    last = stripped[stripped.rfind("\n") + 1 :].strip()  # (rfind: no copy of the rest of the text)
    if last.startswith("|") and not last.endswith("|"):
        return Source(file, line=stripped.count("\n") + 1)
    return None


def markdown_to_blocks(text: str, file: str) -> list[Block]:
    """Split OCR markdown into text lines and tables."""
    return lines_to_blocks(text.splitlines(), file)


def lines_to_blocks(raw: Sequence[str], file: str) -> list[Block]:
    """The lines of OCR markdown → text lines and tables."""
    lines = [line.strip() for line in raw]
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        stripped = lines[i]
        if not stripped:
            i += 1
            continue
        if stripped.startswith("|"):
            i = _pipe_table(lines, i, file, blocks)
            continue
        if stripped.lower().startswith("<table"):
            i = _html_table(lines, i, file, blocks)
            continue
        content = clean_cell(halfwidth_spaces(stripped))
        if content:
            blocks.append(TextLine(content, line_source(file, i + 1), noise=is_noise(content)))
        i += 1
    return blocks


def halfwidth_spaces(text: str) -> str:
    """Ideographic spaces → ASCII spaces (digits stay as printed; numbers are parsed later)."""
    return text.replace("\u3000", " ")


def _pipe_table(lines: list[str], start: int, file: str, blocks: list[Block]) -> int:
    """The pipe table whose first (stripped) line is lines[start]; returns the line after it."""
    end = start + 1
    n = len(lines)
    while end < n and lines[end].startswith("|"):
        end += 1
    kept = [
        (number, row)
        for number, row in enumerate(lines[start:end], start + 1)
        if not ("-" in row[:4] and _SEPARATOR.match(row))
    ]
    if not kept:
        return end
    run = [row for _, row in kept]
    # Most rows need no cleaning: one test over the whole run decides whether any row does, and
    # the rest are split as they are (comprehensions: this is the reader's innermost loop).
    if needs_cleaning("\n".join(run)):
        cells = [split_row(row) if needs_cleaning(row) else _plain_cells(row) for row in run]
    else:  # _plain_cells, inlined
        cells = [tuple(map(str.strip, (r[1:-1] if r.endswith("|") else r[1:]).split("|"))) for r in run]
    rows = tuple(map(TableLine, cells, line_sources(file, [number for number, _ in kept])))
    blocks.append(TableBlock(rows, rows[0].source))
    return end


def _plain_cells(row: str) -> tuple[str, ...]:
    """The cells of a stripped '| a | b |' row that has nothing to clean (no escaped pipe)."""
    return tuple(map(str.strip, (row[1:-1] if row.endswith("|") else row[1:]).split("|")))


def _html_table(lines: list[str], start: int, file: str, blocks: list[Block]) -> int:
    """Read a `<table>` … `</table>` block (possibly on many lines) into a grid."""
    i = start
    depth = 0
    chunk: list[str] = []
    while i < len(lines):
        line = lines[i]
        chunk.append(line)
        depth += len(re.findall(r"<table\b", line, re.IGNORECASE))
        depth -= len(re.findall(r"</table\s*>", line, re.IGNORECASE))
        i += 1
        if depth <= 0:
            break
    grid = html_table_to_grid("\n".join(chunk))
    rows = tuple(TableLine(cells, Source(file, line=start + 1 + offset)) for offset, cells in grid)
    if rows:
        blocks.append(TableBlock(rows, rows[0].source))
    return i


class _GridParser(HTMLParser):
    """Collects <tr>/<td>/<th> with rowspan and colspan; each cell's text goes in its top-left slot."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[tuple[str, int, int]]]] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._row: list[tuple[str, int, int]] | None = None
        self._nested = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._nested += 1
        elif tag == "tr" and self._nested == 1:
            self._row = []
            self.rows.append((self.getpos()[0] - 1, self._row))
        elif tag in ("td", "th") and self._nested == 1:
            values = dict(attrs)
            self._span = (_int(values.get("rowspan")), _int(values.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._nested -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(("".join(self._cell), *self._span))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def html_table_to_grid(html: str) -> list[tuple[int, tuple[str, ...]]]:
    """An HTML table → rows of cells (with the 0-based line offset of each row), spans expanded."""
    parser = _GridParser()
    parser.feed(html)
    parser.close()
    return spans_to_grid(parser.rows)


def spans_to_grid(rows: Sequence[tuple[int, Sequence[tuple[str, int, int]]]]) -> list[tuple[int, tuple[str, ...]]]:
    """Rows of (text, rowspan, colspan) cells, each row with its place → rows of cells, every span
    expanded: a spanning cell's text in its top-left slot, the slots it covers blank."""
    occupied: dict[tuple[int, int], str] = {}
    width = 0
    for r, (_, cells) in enumerate(rows):
        c = 0
        for text, rowspan, colspan in cells:
            while (r, c) in occupied:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, c + dc)] = clean_cell(halfwidth_spaces(text)) if dr == dc == 0 else ""
            c += colspan
            width = max(width, c)
    return [(place, tuple(occupied.get((r, c), "") for c in range(width))) for r, (place, _) in enumerate(rows)]


__all__ = [
    "clean_cell",
    "html_table_to_grid",
    "lines_to_blocks",
    "markdown_to_blocks",
    "markdown_to_reading",
    "spans_to_grid",
    "split_row",
]
