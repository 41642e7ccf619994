"""Disclosure → PDF (reportlab): A4, CJK fonts embedded, 目录 with page numbers, bookmarks, charts.

reportlab lays the package out in one pass: the page numbers in the 目录 are PDF form XObjects
that each heading defines when it is placed, so no second layout pass is needed. Fonts are
TrueType faces found on the system (see fonts.py), embedded as subsets.
"""

from __future__ import annotations

import io
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..model import Disclosure
from ..text import joins_without_space, starts_paragraph
from . import package as pkg
from .charts import Chart, chart_png, png_size
from .fonts import HEI_FAMILIES, SONG_FAMILIES, FontFile, find_font
from .grid import Grid, fit_widths
from .layout import block_grid

SONG = "YusuanSong"
HEI = "YusuanHei"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2.0 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
TABLE_FONT_SIZE = 8.5
CELL_LEADING = 11.0  # the line pitch of a table cell's text broken over lines
CELL_PADDING = 3.0
GRID_COLOR = colors.Color(0.35, 0.35, 0.35)
HEAD_BACKGROUND = colors.Color(0.93, 0.945, 0.96)


def _ttc_face(font: FontFile, name: str) -> TTFont:
    """The face of `font` whose family is font.family (a .ttc holds several)."""
    for index in range(8):
        face = TTFont(name, font.path, subfontIndex=index)
        if face.face.familyName.decode("utf-8", "replace") == font.family:
            return face
    return TTFont(name, font.path)


@cache
def register_fonts() -> tuple[str, str]:
    """Register the 宋体-style and 黑体-style faces with reportlab, once per process."""
    song = find_font(SONG_FAMILIES)
    hei = find_font(HEI_FAMILIES)
    pdfmetrics.registerFont(_ttc_face(song, SONG))
    pdfmetrics.registerFont(_ttc_face(hei, HEI))
    return SONG, HEI


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SONG, fontSize=10.5, leading=18, wordWrap="CJK", firstLineIndent=21)
    return {
        "body": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=14, firstLineIndent=0, spaceBefore=2),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, leading=14, firstLineIndent=0),
        "caption": ParagraphStyle("caption", parent=base, fontSize=9, leading=13, firstLineIndent=0),
        "caption-head": ParagraphStyle(
            "caption-head", parent=base, fontSize=9, leading=13, firstLineIndent=0, keepWithNext=1
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName=HEI,
            fontSize=16,
            leading=24,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=12,
            keepWithNext=1,
            wordWrap="CJK",
        ),
        "h2": ParagraphStyle(
            "h2", fontName=HEI, fontSize=13, leading=20, spaceBefore=10, spaceAfter=6, keepWithNext=1, wordWrap="CJK"
        ),
        "h2-table": ParagraphStyle(
            "h2t",
            fontName=HEI,
            fontSize=13,
            leading=20,
            alignment=TA_CENTER,
            spaceAfter=4,
            keepWithNext=1,
            wordWrap="CJK",
        ),
        "h3": ParagraphStyle(
            "h3",
            fontName=HEI,
            fontSize=11.5,
            leading=17,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=6,
            keepWithNext=1,
            wordWrap="CJK",
        ),
        "cover1": ParagraphStyle("cover1", fontName=HEI, fontSize=26, leading=36, alignment=TA_CENTER, wordWrap="CJK"),
        "cover2": ParagraphStyle("cover2", fontName=HEI, fontSize=20, leading=30, alignment=TA_CENTER, wordWrap="CJK"),
    }


# ---------------------------------------------------------------------------------------------
# Line breaking: a line is broken only where the PDF reader joins the lines back into the same text
# (between CJK characters, or at a single space between Latin words), never inside a number or a
# Latin word, never before a line start that opens a paragraph (（一）, 1、, 第三…) and never before
# closing or after opening punctuation.

# A space the text has is printed as an ideographic space (U+3000, given to reportlab as a
# character reference, which its white-space folding leaves alone): a gap of a whole character,
# which the reader reads as one space. A plain space is too narrow a gap between CJK characters
# for the reader to see, and would be lost.
WIDE_SPACE = "\u3000"

_CANNOT_START = frozenset("，。、；：？！）》」』”’%％,.;:?!)]}·…")
_CANNOT_END = frozenset("（《「『“‘([{")


@cache
def _char_width(ch: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(WIDE_SPACE if ch == " " else ch, font, size))


def printed(text: str) -> str:
    """Text as drawn on the canvas: each space wide (see WIDE_SPACE)."""
    return text.replace(" ", WIDE_SPACE)


def markup(text: str) -> str:
    """Paragraph markup of `text`, each space wide (see WIDE_SPACE)."""
    return escape(text).replace(" ", "&#12288;")


def _break_at(text: str, k: int) -> int | None:
    """Where the next line starts when `text` breaks before position k (None: no break there)."""
    before, after = text[k - 1], text[k]
    if after == " ":
        rest = text[k + 1 : k + 2]
        if before == " " or not rest or rest == " " or joins_without_space(before, rest):
            return None
        return None if starts_paragraph(text[k + 1 :]) else k + 1
    if before == " " or not joins_without_space(before, after):
        return None
    if after in _CANNOT_START or before in _CANNOT_END or starts_paragraph(text[k:]):
        return None
    return k


def text_to_lines(text: str, font: str, size: float, first: float, width: float) -> list[str]:
    """`text` broken into lines that fit `first` (the first line) and then `width` points."""
    lines: list[str] = []
    for part in text.split("\n"):
        start, n = 0, len(part)
        while start < n:
            room = (first if not lines else width) - 0.5
            used, end = 0.0, start
            while end < n:
                w = _char_width(part[end], font, size)
                if used + w > room and end > start:
                    break
                used += w
                end += 1
            if end >= n:
                lines.append(part[start:])
                break
            cut, following = end, end
            for k in range(end, start, -1):
                nxt = _break_at(part, k)
                if nxt is not None:
                    cut, following = k, nxt
                    break
            lines.append(part[start:cut])
            start = following
        if not part:
            lines.append("")
    return lines


def _widest_word(text: str, font: str, size: float) -> float:
    """The width of the longest run that cannot break (a number, a Latin word)."""
    widest = run = 0.0
    for k, ch in enumerate(text):
        if ch == " " or (k and _break_at(text, k) is not None):
            widest, run = max(widest, run), 0.0
        run += 0.0 if ch == " " else _char_width(ch, font, size)
    return max(widest, run)


def lines_markup(lines: list[str]) -> str:
    return "<br/>".join(markup(line) for line in lines)


class HeadingParagraph(Paragraph):  # type: ignore[misc]
    """A heading that records itself where it is drawn: a bookmark, an outline entry and the page
    number form that its 目录 line shows. (Drawing time is the only time its page is known: a
    heading kept with the next flowable is placed inside a container.)"""

    def __init__(self, text: str, style: ParagraphStyle, heading: pkg.Heading) -> None:
        super().__init__(markup(text), style)
        self.heading = heading

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        heading = self.heading
        seen: set[str] = canv.__dict__.setdefault("_yusuan_seen", set())
        if heading.anchor in seen:
            return
        seen.add(heading.anchor)
        canv.bookmarkHorizontal(heading.anchor, 0, self.height + 6)
        # An outline level may only go one deeper than the entry before it.
        level = min(max(heading.level - 1, 0), canv.__dict__.get("_yusuan_level", -1) + 1)
        canv._yusuan_level = level
        canv.addOutlineEntry(heading.text, heading.anchor, level=level, closed=level > 0)
        page = canv.getPageNumber() - 1
        canv.saveState()
        canv.beginForm(_page_form(heading.anchor), lowerx=-80, lowery=-4, upperx=2, uppery=14)
        canv.setFont(SONG, 10.5)
        canv.drawRightString(0, 0, str(page))
        canv.endForm()
        canv.restoreState()


class TocLine(Flowable):  # type: ignore[misc]
    """One line of the 目录: the entry (a link), dot leaders, and its page number, which is a
    form that the entry's heading defines once it is placed (an entry with no heading in the
    package has no page)."""

    def __init__(self, line: pkg.ContentsLine) -> None:
        super().__init__()
        self.line = line
        self.indent = 0.0 if line.level == 1 else 2 * 10.5
        self.font = HEI if line.level == 1 else SONG

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, 19.0

    def draw(self) -> None:
        canv = self.canv
        size = 10.5
        text = printed(self.line.text)
        canv.setFont(self.font, size)
        canv.drawString(self.indent, 5, text)
        end = self.indent + pdfmetrics.stringWidth(text, self.font, size) + 4
        dots_end = self.width - 28
        if dots_end > end:
            canv.setFont(SONG, size)
            dot = pdfmetrics.stringWidth(".", SONG, size) or 3.0
            canv.drawString(end, 5, "." * int((dots_end - end) / dot))
        anchor = self.line.anchor
        if anchor is None:
            return
        canv.linkRect("", anchor, (self.indent, 0, self.width, 17), relative=1, thickness=0)
        canv.saveState()
        canv.translate(self.width, 5)
        canv.doForm(_page_form(anchor))
        canv.restoreState()


def _page_form(anchor: str) -> str:
    return "pg-" + "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in anchor)


class PackageDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 pages with a page number in the footer; headings become bookmarks and 目录 entries."""

    def __init__(self, filename: str, **kw: Any) -> None:
        super().__init__(
            filename, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN, **kw
        )
        frame = Frame(
            MARGIN,
            MARGIN,
            FRAME_WIDTH,
            PAGE_HEIGHT - 2 * MARGIN,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])

    @staticmethod
    def _footer(canv: Any, doc: Any) -> None:
        if doc.page == 1:
            return  # the cover has no number
        canv.saveState()
        canv.setFont(SONG, 9)
        canv.drawCentredString(PAGE_WIDTH / 2, MARGIN / 2, f"— {doc.page - 1} —")
        canv.restoreState()


def render_pdf(disclosure: Disclosure, path: Path) -> None:
    """Write the whole package as a PDF."""
    package = pkg.disclosure_to_package(disclosure)
    st = styles()
    doc = PackageDoc(
        str(path),
        title=package.title,
        author=package.department,
        subject=package.subtitle,
        creator="yusuan",
        lang="zh-CN",
        invariant=1,
        initialFontName=SONG,
    )
    doc.build(package_to_story(package, st))


def package_to_story(package: pkg.Package, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        Spacer(1, 7 * cm),
        Paragraph(markup(package.department), st["cover1"]),
        Spacer(1, 2 * cm),  # apart enough that the two lines read as two, not one wrapped title
        Paragraph(markup(package.subtitle), st["cover2"]),
        PageBreak(),
    ]
    pending_break = False
    blocks = package.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, pkg.PageBreak):
            pending_break = True
            continue
        if pending_break:
            # A table or a form starts a page; other parts only when little room is left.
            new_page = isinstance(block, pkg.Heading) and (
                block.level <= 2 or block.anchor.startswith(("overall-form", "project-form"))
            )
            story.append(PageBreak() if new_page else CondPageBreak(6 * cm))
            pending_break = False
        if isinstance(block, pkg.Contents):
            story.append(Paragraph("目　录", st["h1"]))
            story += [TocLine(line) for line in package.contents_lines()]
        elif isinstance(block, pkg.Heading):
            style = st[f"h{min(block.level, 3)}"]
            if block.anchor.startswith("table-"):
                style = st["h2-table"]
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if isinstance(following, pkg.TableBlock) and following.caption:
                # The caption (预算公开表N) stands above the table's title.
                story.append(text_paragraph(following.caption, st["caption-head"]))
            story.append(HeadingParagraph(block.shown, style, block))
        elif isinstance(block, pkg.Para):
            story.append(text_paragraph(block.text, st.get(block.style, st["body"])))
        elif isinstance(block, pkg.TableBlock):
            captioned = k > 0 and isinstance(blocks[k - 1], pkg.Heading)
            story += table_flowables(block, st, with_caption=not captioned)
        elif isinstance(block, pkg.ChartBlock):
            story += chart_flowables(block, st)
    return story


def text_paragraph(text: str, style: ParagraphStyle, width: float = FRAME_WIDTH) -> Paragraph:
    """A paragraph of running text, its lines broken as the reader joins them back."""
    available = width - style.leftIndent - style.rightIndent
    lines = text_to_lines(text, style.fontName, style.fontSize, available - style.firstLineIndent, available)
    return Paragraph(lines_markup(lines), style)


def table_flowables(block: pkg.TableBlock, st: dict[str, ParagraphStyle], with_caption: bool = True) -> list[Flowable]:
    out: list[Flowable] = []
    if block.caption and with_caption:
        out.append(text_paragraph(block.caption, st["caption"]))
    if block.department or block.unit:
        left = f"部门名称：{block.department}" if block.department else ""
        right = f"单位：{block.unit}" if block.unit else ""
        meta = Table([[printed(left), printed(right)]], colWidths=[FRAME_WIDTH * 0.75, FRAME_WIDTH * 0.25])
        meta.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), SONG, 9.5),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        meta.keepWithNext = 1
        out.append(meta)
    out.append(grid_to_table(block_grid(block), st))
    out += [text_paragraph(n, st["note"]) for n in block.notes]
    return out


def grid_to_table(grid: Grid, st: dict[str, ParagraphStyle]) -> Table:
    """A grid as a reportlab Table: spans, header rows repeated on each page, text wrapped in its
    column (plain strings where they fit, which is much faster to lay out)."""
    size = TABLE_FONT_SIZE
    widths = _widen_for_words(grid, fit_widths(grid, FRAME_WIDTH, size * 0.56), size)
    data: list[list[Any]] = [["" for _ in range(grid.cols)] for _ in range(grid.rows)]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SONG, size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if grid.header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, grid.header_rows - 1), HEAD_BACKGROUND))
    heights = [size * 1.2 + 4.0] * grid.rows  # each row's height, estimated: one line and padding
    spans: list[tuple[int, int, int, int]] = []  # (first row, first column, last row, last column)
    for cell in grid.cells:
        r, c = cell.row, cell.col
        width = sum(widths[c : c + cell.colspan]) - 2 * CELL_PADDING - cell.indent * size
        text = cell.text
        indent = cell.indent * size
        bold = cell.bold or cell.header or r < grid.header_rows
        font = HEI if bold else SONG
        align = "CENTER" if (cell.header or r < grid.header_rows) else cell.align.value.upper()
        if pdfmetrics.stringWidth(printed(text), font, size) <= width and "\n" not in text:
            data[r][c] = printed(text)
        else:
            # broken into lines here (the same rules as running text), then drawn line by line
            lines = text_to_lines(text, font, size, width, width)
            data[r][c] = "\n".join(printed(line) for line in lines)
            commands.append(("LEADING", (c, r), (c, r), CELL_LEADING))
            if cell.rowspan == 1:
                heights[r] = max(heights[r], len(lines) * CELL_LEADING + 4.0)
        if bold:
            commands.append(("FONT", (c, r), (c, r), font, size))
        if align != "LEFT":
            commands.append(("ALIGN", (c, r), (c, r), align))
        if indent:
            commands.append(("LEFTPADDING", (c, r), (c, r), CELL_PADDING + indent))
        if cell.rowspan > 1 or cell.colspan > 1:
            spans.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
    for top, left, bottom, right in _breakable(spans, heights, grid.header_rows):
        commands.append(("SPAN", (left, top), (right, bottom)))
    table = Table(data, colWidths=widths, repeatRows=grid.header_rows, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def _breakable(
    spans: list[tuple[int, int, int, int]], heights: list[float], header_rows: int
) -> list[tuple[int, int, int, int]]:
    """The spans, cut where a table must be able to break across pages.

    A table breaks only between rows that no merged cell spans, and a block of rows that one cell
    spans (a form's 绩效指标 label beside forty indicators) can be taller than a page, which no
    layout can place. Where the rows since the last possible break grow taller than nine tenths
    of a page, a break is made possible before the next row by cutting every span across it in
    two: the text stays in the upper part, and the lower part is an empty merged cell.
    """
    limit = 0.9 * (PAGE_HEIGHT - 2 * MARGIN)
    breaks: list[int] = []
    height = 0.0
    for row in range(header_rows, len(heights)):
        crossed = any(top < row <= bottom for top, _, bottom, _ in spans)
        if not crossed:
            height = 0.0
        elif height + heights[row] > limit:
            breaks.append(row)
            height = 0.0
        height += heights[row]
    for row in breaks:
        cut: list[tuple[int, int, int, int]] = []
        for top, left, bottom, right in spans:
            if top < row <= bottom:
                cut += [(top, left, row - 1, right), (row, left, bottom, right)]
            else:
                cut.append((top, left, bottom, right))
        spans = cut
    return [span for span in spans if span[0] != span[2] or span[1] != span[3]]


def _widen_for_words(grid: Grid, widths: list[float], size: float) -> list[float]:
    """Column widths in which every number and Latin word of a one-column cell fits on one line
    (a number broken over two lines would read back as two): a column too narrow takes the room
    it needs from the columns that have room to spare, in proportion."""
    need = [0.0] * len(widths)
    for cell in grid.cells:
        if cell.colspan == 1 and cell.text:
            font = HEI if (cell.bold or cell.header or cell.row < grid.header_rows) else SONG
            word = _widest_word(cell.text, font, size) + 2 * CELL_PADDING + cell.indent * size + 1.0
            need[cell.col] = max(need[cell.col], word)
    short = sum(max(n - w, 0.0) for n, w in zip(need, widths, strict=True))
    spare = [max(w - n, 0.0) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(spare) < short:
        return widths
    scale = short / sum(spare)
    return [max(w, n) if n > w else w - s * scale for w, n, s in zip(widths, need, spare, strict=True)]


def chart_flowables(block: pkg.ChartBlock, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The chart (its title is drawn in the image) and under it the narrative's line that names it."""
    chart: Chart = block.chart
    data = chart_png(chart)
    w, h = png_size(data)
    width = min(FRAME_WIDTH * 0.85, w * 72 / 150)
    image = Image(io.BytesIO(data), width=width, height=width * h / w)
    image.hAlign = "CENTER"
    caption = [text_paragraph(block.caption, st["center"])] if block.caption else []
    return [Spacer(1, 4), image, *caption, Spacer(1, 6)]
