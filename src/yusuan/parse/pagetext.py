"""Page text → blocks: the text a PDF library extracted page by page, each page marked `<!-- page N -->`.

Every printed line is a line of its own: a paragraph wraps over lines (and over a page break), and a
table is a run of lines of words and numbers whose blank cells left no trace, so the column a
number stood in is lost ("208 05 行政事业单位养老支出 6,103,096 6,103,096" under 合计, 基本支出,
项目支出: is the second number 基本 or 项目?). This reader joins the wrapped lines of a paragraph
and keeps each table's title, but it does not guess where a table's numbers belong: it records
that it saw tables it could not read (one note for the package), and the lines of those tables
are left out of the text, so that the narrative is checked and the tables are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import NoteLevel, ReadNote, Source
from ..text import compact, display_width, join_wrapped, starts_paragraph
from .blocks import Block, Reading, TextLine, is_noise
from .titles import TOC_DOTS, is_form_title, kind_from_title

PAGE_MARK = re.compile(r"^<!--\s*page\s+(\d+)\s*-->$")

# An amount standing alone as a table cell (white space on both sides), not followed by a unit as
# a figure in a sentence is ("为 459.72 万元").
_CELL = re.compile(
    r"(?<!\S)-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\S)(?!\s*(?:万|元|%|个|辆|人|台|套|年|月|日|号|弄|次|批|项))"
)
_LISTING = re.compile(r"[^一二三四五六七八九十\d\s]、")  # 、 between items of a sentence, not after an ordinal
_SENTENCE = re.compile(r"[。；！？]")
_ENDS_SENTENCE = re.compile(r"[。！？]$")
_PART_TITLE = re.compile(r"^第[一二三四五六七八九十]+部分|(主要职能|机构设置|名词解释|编制说明|情况说明|单位构成)$")


def is_page_text(lines: Sequence[str]) -> bool:
    """True for text marked by page (`<!-- page N -->`) that holds no markdown table: a text
    layer's lines, not OCR markdown (whose tables are pipe rows or `<table>` blocks)."""
    marked = False
    for line in lines:
        s = line.strip()
        if s.startswith("|") or s.lower().startswith("<table"):
            return False
        if not marked and s.startswith("<!--") and PAGE_MARK.match(s):
            marked = True
    return marked


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    source: Source


def _lines(raw: Sequence[str], file: str) -> list[_Line]:
    """The printed lines with their line number and page; the page marks and blank lines dropped."""
    page: int | None = None
    found = []
    for number, line in enumerate(raw, 1):
        s = line.strip().replace("\u3000", " ")
        if not s:
            continue
        mark = PAGE_MARK.match(s)
        if mark:
            page = int(mark.group(1))
            continue
        found.append(_Line(s, Source(file, line=number, page=page)))
    return found


def is_table_title(text: str) -> bool:
    return (kind_from_title(text) is not None or is_form_title(text)) and not TOC_DOTS.search(text)


def is_cells(text: str) -> bool:
    """A line that is a table row: amounts (and codes) standing alone as cells, two or more of
    them or one beside a short label, and no sentence or clause around them."""
    if _SENTENCE.search(text) or "，" in text or "：" in text or _LISTING.search(text):
        return False
    cells = _CELL.findall(text)
    if len(cells) >= 2:
        return True
    return len(cells) == 1 and len(compact(_CELL.sub("", text))) <= 16


def _ends_table(line: _Line) -> bool:
    """A line that a table's lines cannot be: a sentence, or the title of another part."""
    text = line.text
    key = compact(text)
    if key.startswith(("注", "说明:", "说明：")):
        return False  # a table's note
    if _PART_TITLE.search(key) and len(key) <= 60 and not is_cells(text):
        return True
    return bool(_SENTENCE.search(text)) or (len(key) > 40 and "，" in key)


def _tables(lines: list[_Line]) -> tuple[list[_Line], list[tuple[_Line, int]]]:
    """The lines outside tables, and each table's title with the number of its lines left out.

    A table begins at its title and runs until a sentence or the title of another part; its
    department and unit line stays (the recogniser reads it), the rest is the table's."""
    kept: list[_Line] = []
    tables: list[tuple[_Line, int]] = []
    inside = False
    for line in lines:
        if is_table_title(line.text):
            kept.append(line)
            tables.append((line, 0))
            inside = True
            continue
        if inside and _ends_table(line):
            inside = False
        if not inside or re.match(r"^(编制部门|编制单位|部门名称|单位名称|预算单位)\s*[:：]", line.text):
            kept.append(line)
        else:
            title, count = tables[-1]
            tables[-1] = (title, count + 1)
    return kept, tables


def _wrap_width(lines: Sequence[_Line]) -> int:
    """How wide a full line of running text is: the width that a quarter of the sentence lines reach."""
    widths = sorted((display_width(x.text) for x in lines if "，" in x.text or "。" in x.text), reverse=True)
    return widths[len(widths) // 4] if widths else 0


def _continues(before: _Line, after: _Line, width: int) -> bool:
    """True when `after` carries on the paragraph of `before`: `before` runs to the right margin
    (or stops at a comma) without ending its sentence, and `after` opens nothing of its own."""
    if before.source.page is None or _ENDS_SENTENCE.search(before.text):
        return False  # (what stands before the first page mark is no page)
    if starts_paragraph(after.text) or is_cells(after.text):
        return False
    if is_cells(before.text) or is_table_title(after.text) or _PART_TITLE.search(compact(after.text)):
        return False
    # (a paragraph's first line is indented by two characters, which the text does not keep)
    full = width > 0 and display_width(before.text) >= width * 0.88 - 4
    return full or (before.text.endswith(("，", "、", ",")) and display_width(before.text) >= width * 0.6)


def _paragraphs(lines: list[_Line]) -> list[TextLine]:
    width = _wrap_width(lines)
    out: list[TextLine] = []
    run: list[_Line] = []

    def close() -> None:
        if run:
            text = join_wrapped([x.text for x in run])
            out.append(TextLine(text, run[0].source, noise=is_noise(text)))
            run.clear()

    for line in lines:
        if run and not _continues(run[-1], line, width):
            close()
        run.append(line)
    close()
    return out


def page_text_to_reading(raw: Sequence[str], file: str) -> Reading:
    """Page text (see the module docstring) → its paragraphs and table titles, with one note when
    it holds tables whose numbers cannot be put back in their columns."""
    kept, tables = _tables(_lines(raw, file))
    blocks: list[Block] = list(_paragraphs(kept))
    notes: tuple[ReadNote, ...] = ()
    unread = [(title, count) for title, count in tables if count]
    if unread:
        names = "、".join(compact(t.text) for t, _ in unread[:3]) + ("等" if len(unread) > 3 else "")
        notes = (
            ReadNote(
                NoteLevel.WARNING,
                f"表格是逐页提取的文字，空白单元格没有留下位置，数字所在的列无法可靠确定："
                f"{len(unread)}张表（{names}）未读取，只检查了文字部分",
                unread[0][0].source,
                "tables-unread",
            ),
        )
    return Reading(file, "text", blocks, notes, source_lines=tuple(raw))
