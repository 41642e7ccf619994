"""Disclosure → one self-contained, accessible HTML page (no external assets; readable on a phone).

Tables are real <table>s with a <caption> and <th scope>, wide tables scroll sideways inside their
own box on a narrow screen, charts are PNG data URIs with alt text that states every figure.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from ..model import Disclosure
from .charts import Chart, chart_png, png_size
from .grid import Align, Grid, header_words
from .layout import block_grid
from .package import (
    ChartBlock,
    Contents,
    ContentsLine,
    Heading,
    Package,
    PageBreak,
    Para,
    TableBlock,
    disclosure_to_package,
)

CSS = """
:root { --ink: #1b1b1b; --line: #8a8a8a; --head: #eef1f5; --accent: #1f5f99; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.7;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", SimSun, "Songti SC", serif; }
h1, h2, h3, h4, caption, th, nav { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
  "Microsoft YaHei", SimHei, sans-serif; }
main, header.cover, nav.toc { max-width: 1100px; margin: 0 auto; padding: 0 1rem; }
header.cover { text-align: center; padding: 3rem 1rem 2rem; border-bottom: 3px solid var(--accent); }
header.cover h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
header.cover p { font-size: 1.3rem; margin: 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 1; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc li.l2 { padding-left: 1.5em; }
nav.toc a { color: var(--accent); }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4 { font-size: 1.05rem; margin-top: 1.5rem; }
p { margin: .5rem 0; text-indent: 2em; }
p.center { text-align: center; text-indent: 0; }
p.note { text-indent: 0; font-size: .95rem; }
p.caption { text-indent: 0; margin-bottom: 0; color: #555; }
.meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0 1rem; margin: .25rem 0; }
.scroll { overflow-x: auto; margin: .5rem 0 1rem; -webkit-overflow-scrolling: touch; }
.scroll:focus { outline: 2px solid var(--accent); }
table { border-collapse: collapse; width: 100%; min-width: var(--w, 0); font-size: .92rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: middle; }
thead th { background: var(--head); text-align: center; font-weight: bold; word-break: keep-all; }
th[scope=col], th[scope=colgroup] { word-break: keep-all; }
tbody th { font-weight: normal; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.c { text-align: center; } .r { text-align: right; }
.b, .b th, .b td { font-weight: bold; }
.i1 { padding-left: 1.45em; } .i2 { padding-left: 2.45em; } .i3 { padding-left: 3.45em; }
figure.chart { margin: 1rem 0; text-align: center; }
figure.chart img { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .95rem; color: #444; }
@media (max-width: 600px) {
  body { font-size: 15px; }
  header.cover h1 { font-size: 1.4rem; }
  table { font-size: .85rem; }
  th, td { padding: .2rem .3rem; }
}
@media print { .scroll { overflow: visible; } nav.toc { page-break-after: always; } h2 { page-break-before: always; } }
"""


def render_html(disclosure: Disclosure, path: Path) -> None:
    """Write the whole package as one HTML file."""
    path.write_text(package_to_html(disclosure_to_package(disclosure)), encoding="utf-8")


def package_to_html(package: Package) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(package.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">跳到正文</a>',
        '<header class="cover">',
        f"<h1>{escape(package.department)}</h1>",
        f"<p>{escape(package.subtitle)}</p>",
        "</header>",
    ]
    main_open = False
    for block in package.blocks:
        if isinstance(block, Contents):
            out.append(_contents(package))
            out.append('<main id="main">')
            main_open = True
        elif isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            out.append(f'<{tag} id="{escape(block.anchor)}">{escape(block.shown)}</{tag}>')
        elif isinstance(block, Para):
            cls = "" if block.style == "body" else f' class="{escape(block.style)}"'
            if block.anchor:  # a line the 目录 points at
                cls += f' id="{escape(block.anchor)}"'
            out.append(f"<p{cls}>{escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            out.append(_table(block))
        elif isinstance(block, ChartBlock):
            out.append(_chart(block.chart))
        elif isinstance(block, PageBreak):
            continue
    if not main_open:
        out.insert(out.index("</header>") + 1, '<main id="main">')
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _contents(package: Package) -> str:
    items = [f'<li class="l{line.level}">{_entry(line)}</li>' for line in package.contents_lines()]
    return (
        '<nav class="toc" aria-labelledby="toc-title">\n<h2 id="toc-title">目录</h2>\n<ol>\n'
        + "\n".join(items)
        + "\n</ol>\n</nav>"
    )


def _entry(line: ContentsLine) -> str:
    """A 目录 entry, a link to its heading where the package has one."""
    if line.anchor is None:
        return escape(line.text)
    return f'<a href="#{escape(line.anchor)}">{escape(line.text)}</a>'


def _table(block: TableBlock) -> str:
    grid = block_grid(block)
    caption_id = f"{block.anchor}-caption"
    parts = []
    if block.caption:
        parts.append(f'<p class="caption">{escape(block.caption)}</p>')
    if block.department or block.unit:
        dept = f"<span>部门名称：{escape(block.department)}</span>" if block.department else "<span></span>"
        unit = f"<span>单位：{escape(block.unit)}</span>" if block.unit else ""
        parts.append(f'<div class="meta">{dept}{unit}</div>')
    parts.append(f'<div class="scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">')
    # The heading above already shows the title; the caption names the table for screen readers.
    min_width = f"{sum(grid.widths) * 0.5:.0f}em"
    parts.append(
        f'<table style="--w: {min_width}"><caption id="{caption_id}" class="sr">{escape(block.title)}</caption>'
    )
    parts.append(colgroup(grid))
    parts.append(grid_to_html(grid))
    parts.append("</table></div>")
    parts += [f'<p class="note">{escape(n)}</p>' for n in block.notes]
    return "\n".join(parts)


def colgroup(grid: Grid) -> str:
    """The columns' shares of the table's width, as the grid sets them: without them a browser
    gives a long text cell's columns all the room and squeezes the labels beside it (a form's
    项目名称 broken character by character)."""
    total = sum(grid.widths) or 1.0
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in grid.widths)
    return f"<colgroup>{cols}</colgroup>"


def grid_to_html(grid: Grid) -> str:
    """<thead> and <tbody> of a grid; spans become colspan/rowspan, header cells get a scope."""
    rows = grid.by_row()
    head: list[str] = []
    body: list[str] = []
    for r, cells in enumerate(rows):
        in_head = r < grid.header_rows
        row_bold = bool(cells) and all(c.bold for c in cells) and not in_head
        tds = []
        for c in cells:
            attrs = []
            if c.colspan > 1:
                attrs.append(f'colspan="{c.colspan}"')
            if c.rowspan > 1:
                attrs.append(f'rowspan="{c.rowspan}"')
            classes = []
            if c.value is not None or (c.col in grid.amount_columns and not in_head):
                classes.append("num")
            elif c.align is Align.CENTER and not in_head:
                classes.append("c")
            elif c.align is Align.RIGHT:
                classes.append("r")
            if c.indent:
                classes.append(f"i{min(c.indent, 3)}")
            if c.bold and not row_bold and not in_head:
                classes.append("b")
            if classes:
                attrs.append(f'class="{" ".join(classes)}"')
            text = escape(c.text)
            if in_head or c.header:
                # a header breaks between its words only (当年预算/安排, never 当年预算安/排)
                text = "<wbr>".join(escape(word) for word in header_words(c.text))
                scope = "colgroup" if c.colspan > 1 else "col"
                attrs.insert(0, f'scope="{scope}"')
                tds.append(f"<th {' '.join(attrs)}>{text}</th>")
            elif c.col in grid.row_header_columns and c.text:
                attrs.insert(0, 'scope="row"')
                tds.append(f"<th {' '.join(attrs)}>{text}</th>")
            else:
                tds.append(f"<td{' ' if attrs else ''}{' '.join(attrs)}>{text}</td>")
        tr = f'<tr class="b">{"".join(tds)}</tr>' if row_bold else f"<tr>{''.join(tds)}</tr>"
        (head if in_head else body).append(tr)
    out = []
    if head:
        out.append("<thead>\n" + "\n".join(head) + "\n</thead>")
    out.append("<tbody>\n" + "\n".join(body) + "\n</tbody>")
    return "\n".join(out)


def _chart(chart: Chart) -> str:
    data = chart_png(chart)
    width, height = png_size(data)
    # The PNG is drawn at 150 dpi for print; show it at about 96 dpi on screen.
    w, h = width * 96 // 150, height * 96 // 150
    src = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return (
        f'<figure class="chart" id="chart-{escape(chart.key)}">'
        f'<img src="{src}" alt="{escape(chart.alt)}" width="{w}" height="{h}">'
        f"<figcaption>{escape(chart.title)}</figcaption></figure>"
    )
