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
from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
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
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..model import Disclosure, OverallForm, ProjectForm
from ..model import Table as TableModel
from ..text import joins_without_space, starts_paragraph
from . import package as pkg
from .charts import Chart, chart_png, png_size
from .fonts import HEI_FAMILIES, LATIN_BOLD_FAMILIES, LATIN_FAMILIES, SONG_FAMILIES, FontFile, find_font
from .grid import Grid, fit_widths, widen, word_bounds
from .layout import block_grid

SONG = "YusuanSong"
HEI = "YusuanHei"
LATIN = "YusuanLatin"  # the digits and Latin letters of 宋体 text
LATIN_BOLD = "YusuanLatinBold"  # a bold cell that is a number
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 2.0 * cm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
# A table wider than a portrait page is printed on landscape pages (A4 turned).
WIDE_FRAME_WIDTH = PAGE_HEIGHT - 2 * MARGIN
TABLE_FONT_SIZE = 8.5
CHAR_WIDTH = 0.56  # a grid's character cell (half a CJK character) in em of the table's font
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
    """Register the 宋体-style and 黑体-style faces, and the serif of 宋体 text's digits, with
    reportlab, once per process."""
    song = find_font(SONG_FAMILIES)
    hei = find_font(HEI_FAMILIES)
    pdfmetrics.registerFont(_ttc_face(song, SONG))
    pdfmetrics.registerFont(_ttc_face(hei, HEI))
    pdfmetrics.registerFont(TTFont(LATIN, find_font(LATIN_FAMILIES).path))
    pdfmetrics.registerFont(TTFont(LATIN_BOLD, find_font(LATIN_BOLD_FAMILIES).path))
    return SONG, HEI


# The characters 宋体 text prints in the Latin serif: ASCII letters, digits and their punctuation.
_LATIN_CHARS = frozenset(chr(c) for c in range(0x21, 0x7F))


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` in `font` as runs of (text, face): in 宋体 text, digits and Latin letters are set in
    the Latin serif; 黑体 text keeps its own."""
    if font != SONG:
        return [(text, font)]
    out: list[tuple[str, str]] = []
    for ch in text:
        face = LATIN if ch in _LATIN_CHARS else SONG
        if out and out[-1][1] == face:
            out[-1] = (out[-1][0] + ch, face)
        else:
            out.append((ch, face))
    return out


def text_width(text: str, font: str, size: float) -> float:
    """The printed width of `text` in `font` (its Latin runs in their own face, spaces wide)."""
    return sum(float(pdfmetrics.stringWidth(printed(run), face, size)) for run, face in runs(text, font))


def draw_text(canv: Any, x: float, y: float, text: str, font: str, size: float, align: str = "LEFT") -> None:
    """Draw `text` on one line at (x, y), its Latin runs in their own face; `align` LEFT, RIGHT or
    CENTER about x."""
    if align != "LEFT":
        width = text_width(text, font, size)
        x -= width if align == "RIGHT" else width / 2
    for run, face in runs(text, font):
        shown = printed(run)
        canv.setFont(face, size)
        canv.drawString(x, y, shown)
        x += pdfmetrics.stringWidth(shown, face, size)


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
    face = LATIN if font == SONG and ch in _LATIN_CHARS else font
    return float(pdfmetrics.stringWidth(WIDE_SPACE if ch == " " else ch, face, size))


def printed(text: str) -> str:
    """Text as drawn on the canvas: each space wide (see WIDE_SPACE)."""
    return text.replace(" ", WIDE_SPACE)


def markup(text: str, font: str = SONG) -> str:
    """Paragraph markup of `text` in `font`, each space wide (see WIDE_SPACE), the digits and Latin
    letters of 宋体 text in the Latin serif."""
    out = []
    for run, face in runs(text, font):
        part = escape(run).replace(" ", "&#12288;")
        out.append(f'<font name="{face}">{part}</font>' if face != font else part)
    return "".join(out)


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


def text_to_lines(text: str, font: str, size: float, first: float, width: float, words: bool = False) -> list[str]:
    """`text` broken into lines that fit `first` (the first line) and then `width` points; with
    `words`, between the words of a header (`grid.word_bounds`) where a line can end there."""
    lines: list[str] = []
    for part in text.split("\n"):
        bounds = word_bounds(part) if words else frozenset()
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
            between_words = [k for k in range(end, start, -1) if k in bounds]
            for k in (*between_words, *range(end, start, -1)):
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


def lines_markup(lines: list[str], font: str = SONG) -> str:
    return "<br/>".join(markup(line, font) for line in lines)


class HeadingParagraph(Paragraph):  # type: ignore[misc]
    """A heading that records itself where it is drawn: a bookmark, an outline entry and the page
    number form that its 目录 line shows. (Drawing time is the only time its page is known: a
    heading kept with the next flowable is placed inside a container.)"""

    def __init__(self, text: str, style: ParagraphStyle, heading: pkg.Heading) -> None:
        super().__init__(markup(text, style.fontName), style)
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
        _define_page_number(canv, heading.anchor)


class EntryParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph a 目录 entry points at: where it is drawn, it defines the page number form of
    its 目录 line and a link target (not an outline entry: it is no heading)."""

    def __init__(self, paragraph: Paragraph, anchor: str) -> None:
        super().__init__(paragraph.text, paragraph.style)
        self.anchor = anchor

    def draw(self) -> None:
        super().draw()
        seen: set[str] = self.canv.__dict__.setdefault("_yusuan_seen", set())
        if self.anchor not in seen:
            seen.add(self.anchor)
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height + 6)
            _define_page_number(self.canv, self.anchor)


def _define_page_number(canv: Any, anchor: str) -> None:
    """Define the form that prints the current page's number where the 目录 line of `anchor` is."""
    page = canv.getPageNumber() - 1
    canv.saveState()
    canv.beginForm(_page_form(anchor), lowerx=-80, lowery=-4, upperx=2, uppery=14)
    draw_text(canv, 0, 0, str(page), SONG, 10.5, "RIGHT")
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
        draw_text(canv, self.indent, 5, self.line.text, self.font, size)
        end = self.indent + text_width(self.line.text, self.font, size) + 4
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
        templates = []
        for name, (width, height) in (("page", A4), ("wide", landscape(A4))):
            frame = Frame(
                MARGIN,
                MARGIN,
                width - 2 * MARGIN,
                height - 2 * MARGIN,
                id=f"body-{name}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.append(PageTemplate(name, [frame], onPage=self._footer, pagesize=(width, height)))
        self.addPageTemplates(templates)

    @staticmethod
    def _footer(canv: Any, doc: Any) -> None:
        """The page number at the foot; above a form continued from the page before, "续表：" and
        the project it is of."""
        if doc.page == 1:
            return  # the cover has no number
        width, height = canv._pagesize
        canv.saveState()
        draw_text(canv, width / 2, MARGIN / 2, f"— {doc.page - 1} —", SONG, 9, "CENTER")
        continued = canv.__dict__.get("_yusuan_continued")
        if continued:
            draw_text(canv, MARGIN, height - MARGIN + 8, f"续表：{continued}", SONG, 9)
        canv.restoreState()


class Continued(Flowable):  # type: ignore[misc]
    """An invisible mark before a form (the name its continuation pages print) and after it (None)."""

    def __init__(self, name: str | None) -> None:
        super().__init__()
        self.name = name

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv._yusuan_continued = self.name


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
    wide = False  # the pages are landscape
    for k, block in enumerate(blocks):
        if isinstance(block, pkg.PageBreak):
            pending_break = True
            continue
        if pending_break:
            # A table or a form starts a page; other parts only when little room is left.
            new_page = isinstance(block, pkg.Heading) and (
                block.level <= 2 or block.anchor.startswith(("overall-form", "project-form"))
            )
            if _wide_until_break(blocks, k) != wide:
                wide = not wide
                story.append(NextPageTemplate("wide" if wide else "page"))
                new_page = True
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
            paragraph = text_paragraph(block.text, st.get(block.style, st["body"]))
            story.append(EntryParagraph(paragraph, block.anchor) if block.anchor else paragraph)
        elif isinstance(block, pkg.TableBlock):
            captioned = k > 0 and isinstance(blocks[k - 1], pkg.Heading)
            flowables = table_flowables(block, st, not captioned, WIDE_FRAME_WIDTH if wide else FRAME_WIDTH)
            if isinstance(block.content, ProjectForm | OverallForm):
                name = block.content.name if isinstance(block.content, ProjectForm) else block.title
                flowables = [Continued(name), *flowables, Continued(None)]
            story += flowables
        elif isinstance(block, pkg.ChartBlock):
            story += chart_flowables(block, st)
    return story


def is_wide(block: pkg.TableBlock) -> bool:
    """A standard table too wide for a portrait page: its columns at their natural widths (each as
    wide as its widest word or number) are wider than the portrait frame. Forms keep the official
    portrait layout."""
    if not isinstance(block.content, TableModel):
        return False
    return bool(sum(block_grid(block).widths) * TABLE_FONT_SIZE * CHAR_WIDTH > FRAME_WIDTH)


def _wide_until_break(blocks: tuple[pkg.Block, ...], start: int) -> bool:
    """True when a wide table is among the blocks from `start` to the next page break."""
    for block in blocks[start:]:
        if isinstance(block, pkg.PageBreak):
            break
        if isinstance(block, pkg.TableBlock) and is_wide(block):
            return True
    return False


def text_paragraph(text: str, style: ParagraphStyle, width: float = FRAME_WIDTH) -> Paragraph:
    """A paragraph of running text, its lines broken as the reader joins them back."""
    available = width - style.leftIndent - style.rightIndent
    lines = text_to_lines(text, style.fontName, style.fontSize, available - style.firstLineIndent, available)
    return Paragraph(lines_markup(lines, style.fontName), style)


def table_flowables(
    block: pkg.TableBlock, st: dict[str, ParagraphStyle], with_caption: bool = True, width: float = FRAME_WIDTH
) -> list[Flowable]:
    out: list[Flowable] = []
    if block.caption and with_caption:
        out.append(text_paragraph(block.caption, st["caption"], width))
    if block.department or block.unit:
        left = f"部门名称：{block.department}" if block.department else ""
        right = f"单位：{block.unit}" if block.unit else ""
        meta = Table([[printed(left), printed(right)]], colWidths=[width * 0.75, width * 0.25])
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
    out.append(grid_to_table(block_grid(block), st, width))
    out += [text_paragraph(n, st["note"], width) for n in block.notes]
    return out


def grid_to_table(grid: Grid, st: dict[str, ParagraphStyle], width: float = FRAME_WIDTH) -> Table:
    """A grid as a reportlab Table `width` wide: spans, header rows repeated on each page, text
    wrapped in its column (plain strings where they fit, which is much faster to lay out)."""
    size = TABLE_FONT_SIZE
    widths = _widen_for_words(grid, fit_widths(grid, width, size * CHAR_WIDTH), size)
    page_height = (PAGE_HEIGHT if width <= FRAME_WIDTH else PAGE_WIDTH) - 2 * MARGIN
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
        if text_width(text, font, size) <= width and "\n" not in text:
            lines = [text]
        else:
            # broken into lines here (the same rules as running text), then drawn line by line
            lines = text_to_lines(text, font, size, width, width, words=bold)
            commands.append(("LEADING", (c, r), (c, r), CELL_LEADING))
            if cell.rowspan == 1:
                heights[r] = max(heights[r], len(lines) * CELL_LEADING + 4.0)
        face = font
        if _LATIN_CHARS.issuperset(text.replace(" ", "").replace("\n", "")):
            face = LATIN_BOLD if bold else LATIN  # a number, a code: all in the serif
            data[r][c] = "\n".join(lines)
        elif len(runs(text, font)) > 1:
            data[r][c] = MixedText(lines, font, size, CELL_LEADING if len(lines) > 1 else size * 1.2, align)
        else:
            data[r][c] = "\n".join(printed(line) for line in lines)
        if face != SONG:
            commands.append(("FONT", (c, r), (c, r), face, size))
        if align != "LEFT":
            commands.append(("ALIGN", (c, r), (c, r), align))
        if indent:
            commands.append(("LEFTPADDING", (c, r), (c, r), CELL_PADDING + indent))
        if cell.rowspan > 1 or cell.colspan > 1:
            spans.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
    for top, left, bottom, right in _breakable(spans, heights, grid.header_rows, page_height):
        commands.append(("SPAN", (left, top), (right, bottom)))
    table = Table(data, colWidths=widths, repeatRows=grid.header_rows, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


class MixedText(Flowable):  # type: ignore[misc]
    """The lines of a table cell whose 宋体 text has digits or Latin letters in it, each run drawn
    in its own face (a plain string cell has one font)."""

    def __init__(self, lines: list[str], font: str, size: float, leading: float, align: str) -> None:
        super().__init__()
        self.lines, self.font, self.size, self.leading, self.align = lines, font, size, leading, align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = max((text_width(line, self.font, self.size) for line in self.lines), default=0.0)
        self.height = self.leading * len(self.lines)
        return self.width, self.height

    def draw(self) -> None:
        # the first baseline where a string cell of the same lines would have it
        y = self.height - self.leading + (self.leading - self.size) * 0.5 + self.size * 0.2
        x = {"LEFT": 0.0, "CENTER": self.width / 2, "RIGHT": self.width}[self.align]
        for line in self.lines:
            draw_text(self.canv, x, y, line, self.font, self.size, self.align)
            y -= self.leading


def _breakable(
    spans: list[tuple[int, int, int, int]], heights: list[float], header_rows: int, page_height: float
) -> list[tuple[int, int, int, int]]:
    """The spans, cut where a table must be able to break across pages.

    A table breaks only between rows that no merged cell spans, and a block of rows that one cell
    spans (a form's 绩效指标 label beside forty indicators) can be taller than a page, which no
    layout can place. Where the rows since the last possible break grow taller than nine tenths
    of a page, a break is made possible before the next row by cutting every span across it in
    two: the text stays in the upper part, and the lower part is an empty merged cell.
    """
    limit = 0.9 * page_height
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
    return widen(widths, need)


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
