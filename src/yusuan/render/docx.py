"""Disclosure → Word document (python-docx): 目录 field, parts, tables with merged headers, charts.

Body text is 宋体 and headings 黑体 (East-Asian fonts set through w:eastAsia), A4 pages numbered in
the footer. Table header rows repeat on every page and no row splits across pages. Tables are
written as WordprocessingML directly: building thousands of cells through python-docx's cell
objects is many times slower and gives the same XML.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ..model import Disclosure
from . import package as pkg
from .charts import Chart, chart_png
from .grid import Align, Cell, Grid, fit_widths, widen
from .layout import block_grid

SONG = "宋体"
HEI = "黑体"
LATIN = "Times New Roman"
TEXT_WIDTH_CM = 17.0
TABLE_FONT_PT = 9
TWIPS_PER_CM = 1440 / 2.54
CELL_MARGIN = 60  # twips on each side of a table cell's text
# The width of a digit, in em, in the widest Latin face a viewer may put in place of Times New Roman
# (DejaVu Serif's digits are 0.636 em; Times New Roman's and Liberation Serif's 0.5): a code or an
# amount is given that much room, so that it stays on one line (2080101, not 208010 / 1).
DIGIT_EM = 0.64
_UNBROKEN = re.compile(r"[0-9A-Za-z.,%+\-]+")
HEAD_FILL = "EEF1F5"


def render_docx(disclosure: Disclosure, path: Path) -> None:
    """Write the whole package as a .docx file."""
    package = pkg.disclosure_to_package(disclosure)
    doc = Document()
    _setup(doc, package)
    _cover(doc, package)
    pending_break = False
    blocks = package.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, pkg.PageBreak):
            pending_break = True
            continue
        if pending_break:
            _page_break(doc)
            pending_break = False
        if isinstance(block, pkg.Contents):
            _contents(doc, package)
        elif isinstance(block, pkg.Heading):
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if isinstance(following, pkg.TableBlock) and following.caption:
                _caption(doc, following.caption)  # 预算公开表N stands above the table's title
            heading = doc.add_paragraph(block.shown, style=f"Heading {min(block.level, 3)}")
            if block.level == 1 or block.anchor.startswith(("table-", "overall-form", "project-form")):
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, pkg.Para):
            _paragraph(doc, block)
        elif isinstance(block, pkg.TableBlock):
            captioned = k > 0 and isinstance(blocks[k - 1], pkg.Heading)
            _table_block(doc, block, with_caption=not captioned)
        elif isinstance(block, pkg.ChartBlock):
            _chart(doc, block)
    doc.save(str(path))


def _fonts(element: BaseOxmlElement, east_asian: str, size_pt: float | None = None, bold: bool = False) -> None:
    """Set a style's or run's fonts: Latin text in Times New Roman, Chinese in `east_asian`."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", east_asian), ("w:cs", LATIN)):
        fonts.set(qn(attr), value)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _setup(doc: DocumentObject, package: pkg.Package) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.different_first_page_header_footer = True  # no number on the cover
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = LATIN
    _fonts(normal.element, SONG)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.3
    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.name = LATIN
        _fonts(style.element, HEI)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    props = doc.core_properties
    props.title = package.title
    props.author = package.department
    props.subject = package.subtitle
    props.language = "zh-CN"
    _footer_page_number(section.footer.paragraphs[0])
    # Ask Word to update the 目录 field (page numbers) when the document is opened.
    settings = doc.settings.element
    settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, TOC) with the text shown until Word updates it."""
    p = paragraph._p
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
    p.append(
        parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>')
    )
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{escape(shown)}</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def _footer_page_number(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def _cover(doc: DocumentObject, package: pkg.Package) -> None:
    for _ in range(8):
        doc.add_paragraph()
    for text, size in ((package.department, 26), (package.subtitle, 20)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(18)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = True
        _fonts(run._r, HEI)
    _page_break(doc)


def _page_break(doc: DocumentObject) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(doc: DocumentObject, package: pkg.Package) -> None:
    """The 目录 as a TOC field: one paragraph per entry in the toc styles (dot leaders to the
    right margin); the page numbers are Word's to fill in when it updates the field."""
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("目　录")
    run.font.size = Pt(16)
    run.font.bold = True
    _fonts(run._r, HEI)
    lines = package.contents_lines()
    if not lines:
        return
    styles = _toc_styles(doc)
    instruction = escape('TOC \\o "1-2" \\h \\z \\u')
    for k, line in enumerate(lines):
        p = doc.add_paragraph(style=styles[min(line.level, 2) - 1])
        if k == 0:
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
            p._p.append(
                parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>')
            )
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{escape(line.text)}</w:t><w:tab/></w:r>'))
        if k == len(lines) - 1:
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def _toc_styles(doc: DocumentObject) -> tuple[str, str]:
    """Word's built-in "toc 1" and "toc 2" styles: dot leaders to a right tab at the margin."""
    names = ("toc 1", "toc 2")
    existing = {s.name for s in doc.styles}
    for level, name in enumerate(names, 1):
        if name in existing:
            continue
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        fmt = style.paragraph_format
        fmt.left_indent = Pt(0 if level == 1 else 21)
        fmt.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if level == 1:
            _fonts(style.element, HEI)
    return names


def _paragraph(doc: DocumentObject, block: pkg.Para) -> None:
    p = doc.add_paragraph(block.text)
    fmt = p.paragraph_format
    if block.style == "body":
        fmt.first_line_indent = Pt(21)
    elif block.style == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif block.style == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif block.style == "note":
        for run in p.runs:
            run.font.size = Pt(9)


def _caption(doc: DocumentObject, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.keep_with_next = True
    for run in p.runs:
        run.font.size = Pt(9)


def _table_block(doc: DocumentObject, block: pkg.TableBlock, with_caption: bool = True) -> None:
    if block.caption and with_caption:
        _caption(doc, block.caption)
    if block.department or block.unit:
        p = doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        width = Cm(TEXT_WIDTH_CM)
        p.paragraph_format.tab_stops.add_tab_stop(width, alignment=2)  # right-aligned tab
        if block.department:
            p.add_run(f"部门名称：{block.department}")
        if block.unit:
            p.add_run(f"\t单位：{block.unit}")
        for run in p.runs:
            run.font.size = Pt(9.5)
    body = doc.element.body
    # python-docx adds paragraphs before the final sectPr: the table goes there too, so that the
    # notes added next follow it.
    sect = body.find(qn("w:sectPr"))
    table = grid_to_tbl(block_grid(block))
    if sect is not None:
        sect.addprevious(table)
    else:
        body.append(table)
    # A table directly followed by another needs a paragraph between them; notes serve, or an empty one.
    notes = block.notes or ("",)
    for note in notes:
        p = doc.add_paragraph(note)
        for run in p.runs:
            run.font.size = Pt(9)


def grid_to_tbl(grid: Grid) -> BaseOxmlElement:
    """A grid as a w:tbl element: gridSpan / vMerge for merged cells, repeated header rows, rows
    that do not split across pages, fixed column widths that fill the text width."""
    # 0.62 em per character cell leaves room for the wider Latin faces a viewer may substitute.
    fitted = fit_widths(grid, TEXT_WIDTH_CM * TWIPS_PER_CM, TABLE_FONT_PT * 0.62 * 20)
    widths = [round(w) for w in widen(fitted, _unbroken_widths(grid))]
    anchors: dict[tuple[int, int], Cell] = {(c.row, c.col): c for c in grid.cells}
    continued: dict[tuple[int, int], Cell] = {}
    for merged in grid.cells:
        for r in range(merged.row + 1, merged.row + merged.rowspan):
            continued[(r, merged.col)] = merged
    covered = grid.covered()
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="595959"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    size = TABLE_FONT_PT * 2
    for r in range(grid.rows):
        head = r < grid.header_rows
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>")
        c = 0
        while c < grid.cols:
            cell = anchors.get((r, c))
            if cell is not None:
                parts.append(_tc(cell, widths, head, size, merge="restart" if cell.rowspan > 1 else None))
                c += cell.colspan
            elif (r, c) in continued:
                anchor = continued[(r, c)]
                parts.append(_tc(anchor, widths, head, size, merge="continue"))
                c += anchor.colspan
            elif (r, c) in covered:
                c += 1
            else:
                parts.append(_tc(Cell(r, c, ""), widths, head, size, merge=None))
                c += 1
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    element: BaseOxmlElement = parse_xml("".join(parts))
    return element


def _unbroken_widths(grid: Grid) -> list[float]:
    """Each column's room (twips) for the longest number or code of its one-column cells."""
    need = [0.0] * grid.cols
    for cell in grid.cells:
        if cell.colspan == 1 and cell.text:
            longest = max((len(run) for run in _UNBROKEN.findall(cell.text)), default=0)
            room = longest * DIGIT_EM * TABLE_FONT_PT * 20 + 2 * CELL_MARGIN + cell.indent * TABLE_FONT_PT * 20
            need[cell.col] = max(need[cell.col], room)
    return need


def _tc(cell: Cell, widths: list[int], head: bool, size: int, merge: str | None) -> str:
    width = sum(widths[cell.col : cell.col + cell.colspan])
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        props.append("<w:vMerge/>")
    if head:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/>')
    props.append('<w:vAlign w:val="center"/>')
    align = (
        "center"
        if head or cell.header
        else {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}[cell.align]
    )
    indent = f'<w:ind w:left="{cell.indent * size * 10}"/>' if cell.indent else ""
    spacing = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    ppr = f'<w:pPr>{spacing}{indent}<w:jc w:val="{align}"/></w:pPr>'
    text = "" if merge == "continue" else cell.text
    bold = "<w:b/>" if (cell.bold or head or cell.header) else ""
    run = ""
    if text:
        east = HEI if bold else SONG
        rpr = (
            f'<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{east}"/>{bold}'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        )
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>"


def _chart(doc: DocumentObject, block: pkg.ChartBlock) -> None:
    """The chart (its title is drawn in the image) and under it the narrative's line naming it."""
    chart: Chart = block.chart
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = bool(block.caption)
    shape = p.add_run().add_picture(io.BytesIO(chart_png(chart)), width=Cm(14))
    shape._inline.docPr.set("descr", chart.alt)
    shape._inline.docPr.set("title", chart.title)
    if block.caption:
        caption = doc.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
