"""A Disclosure → the package as an ordered list of blocks (parts, headings, paragraphs, tables,
charts, forms) that the DOCX, PDF and HTML renderers all draw in the same order.

The order is the one a published package follows: cover, 目录, 第一部分 概况, 第二部分 报表,
第三部分 情况说明 (with the charts where the text refers to them and the 绩效目标表 under 绩效管理),
attached documents, 第四部分 名词解释.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby, zip_longest

from ..model import (
    Attachment,
    Disclosure,
    FundingSplit,
    Indicator,
    OverallForm,
    Overview,
    Period,
    ProjectForm,
    ProjectNote,
    Section,
    Signature,
    Table,
    Topic,
)
from ..text import amount_text, chinese_number, compact, one_line
from .charts import Chart, disclosure_to_charts
from .layout import Align, Cell, Grid, table_to_grid


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading. Level 1 is a part (第一部分 …), 2 a section or table, 3 a sub-heading.

    `text` names it in the 目录 and the bookmarks; `printed` is what a paged document prints
    there when the official layout words it otherwise (a table's title under its caption, a
    form's own title), so that the printed page reads back as the package it shows."""

    level: int
    text: str
    anchor: str
    printed: str | None = None

    @property
    def shown(self) -> str:
        return self.text if self.printed is None else self.printed


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph. `style` is body, center, right, note or meta (部门名称 / 单位 lines)."""

    text: str
    style: str = "body"


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table or form: its grid, the lines printed above it (部门名称, 单位) and notes under it."""

    grid: Grid
    title: str
    anchor: str
    caption: str | None = None
    department: str | None = None
    unit: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChartBlock:
    """A chart; `caption` is the narrative's own line that names it, printed under it (a chart the
    text does not name has its title inside the image only, so no words are added to the text)."""

    chart: Chart
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Contents:
    """Where the 目录 goes."""


@dataclass(frozen=True, slots=True)
class ContentsLine:
    """One line of the 目录: level 1 (a part) or 2, its words as the package lists them, and the
    anchor of the heading it points at (None when the package has no heading of that name)."""

    level: int
    text: str
    anchor: str | None


Block = Heading | Para | TableBlock | ChartBlock | PageBreak | Contents


@dataclass(frozen=True, slots=True)
class Package:
    title: str
    department: str
    year: int | None
    subtitle: str
    blocks: tuple[Block, ...]
    toc: tuple[ContentsLine, ...] = ()

    def contents(self) -> tuple[Heading, ...]:
        """Headings of levels 1 and 2: what the 目录 lists."""
        return tuple(b for b in self.blocks if isinstance(b, Heading) and b.level <= 2)

    def contents_lines(self) -> tuple[ContentsLine, ...]:
        """The 目录 as printed: the package's own 目录 where it has one, else its headings."""
        if self.toc:
            return self.toc
        return tuple(ContentsLine(h.level, h.text, h.anchor) for h in self.contents())


def disclosure_to_package(d: Disclosure) -> Package:
    """The whole package as blocks."""
    department = d.department or ""
    year = d.year
    year_text = f"{year}年" if year else ""
    subtitle = d.title or f"{year_text}度部门预算公开"
    charts = disclosure_to_charts(d)
    blocks: list[Block] = [Contents(), PageBreak()]
    parts = _Parts()
    blocks.append(parts.heading("概况"))
    blocks += overview_to_blocks(d.overview)
    if d.tables:
        blocks += [PageBreak(), parts.heading(f"{year_text}部门预算报表")]
        for table in d.tables:
            blocks += table_to_blocks(table)
    if d.sections:
        blocks += [PageBreak(), parts.heading(f"{year_text}度部门预算情况说明")]
        placed: set[str] = set()
        for k, section in enumerate(d.sections, 1):
            blocks += section_to_blocks(section, k, charts, placed)
            if section.topic is Topic.PERFORMANCE:
                blocks += forms_to_blocks(d.overall_forms, d.project_forms)
        for k, attachment in enumerate(d.attachments, 1):
            blocks += attachment_to_blocks(attachment, k)
        blocks += project_notes_to_blocks(d.project_notes)
    elif d.overall_forms or d.project_forms:
        blocks += forms_to_blocks(d.overall_forms, d.project_forms)
    if d.glossary:
        blocks += [PageBreak(), parts.heading("名词解释")]
        blocks += [Para(f"{g.number}、{g.term}：{g.definition}") for g in d.glossary]
    final = _no_break_after_heading(blocks)
    toc = toc_to_lines(d, final)
    return Package(f"{department}{subtitle}", department, year, subtitle, final, toc)


_TOC_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def toc_to_lines(d: Disclosure, blocks: Sequence[Block]) -> tuple[ContentsLine, ...]:
    """The Disclosure's own 目录, each entry tied to the heading of the same words (spaces and
    full-width forms aside), in order; an entry with no such heading prints without a page."""
    headings = [b for b in blocks if isinstance(b, Heading)]
    lines = []
    start = 0
    for entry in d.toc:
        key = compact(entry.title)
        found = next((k for k in range(start, len(headings)) if compact(headings[k].text) == key), None)
        anchor = None
        if found is not None:
            anchor = headings[found].anchor
            start = found + 1
        level = 1 if _TOC_PART.match(key) else 2
        lines.append(ContentsLine(level, entry.title, anchor))
    return tuple(lines)


def _no_break_after_heading(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Drop a page break that directly follows a heading (a part title starts the page of its first
    table rather than standing alone on a page)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, PageBreak) and out and isinstance(out[-1], Heading):
            continue
        out.append(block)
    return tuple(out)


class _Parts:
    """Numbers the parts 第一部分, 第二部分, … in the order they are emitted."""

    def __init__(self) -> None:
        self.count = 0

    def heading(self, title: str) -> Heading:
        self.count += 1
        return Heading(1, f"第{chinese_number(self.count)}部分 {title}", f"part-{self.count}")


def overview_to_blocks(o: Overview) -> list[Block]:
    """第一部分 概况: 职责 and 机构设置, in the words every renderer prints them with."""
    from ..views.parts import overview_paragraphs

    duties, setup = overview_paragraphs(o)
    blocks: list[Block] = [Heading(2, "一、本部门职责", "overview-duties")]
    blocks += [Para(text) for text in duties]
    blocks.append(Heading(2, "二、机构设置情况", "overview-units"))
    blocks += [Para(text) for text in setup]
    return blocks


def table_to_blocks(table: Table) -> list[Block]:
    """A standard table: caption, title, 部门名称 / 单位 line, the grid, its notes."""
    notes = (*((table.empty_note,) if table.empty_note else ()), *table.notes)
    anchor = f"table-{table.number}" if table.number else f"table-{table.kind.value}"
    heading = f"表{chinese_number(table.number)}　{table.title}" if table.number else table.title
    # Printed as the official layout has it: caption (预算公开表N) above, then the title alone.
    grid = table_to_grid(table)
    block = TableBlock(
        grid=grid,
        title=table.title,
        anchor=anchor,
        caption=table.caption,
        department=table.department,
        unit=table.unit.value,
        notes=notes,
    )
    return [PageBreak(), Heading(2, heading, anchor, printed=table.title), block]


# Charts are placed where the text names them ("一般公共预算当年拨款结构图"); a chart whose name
# the text does not print goes at the end of the section about its topic.
def section_to_blocks(section: Section, index: int, charts: Sequence[Chart], placed: set[str]) -> list[Block]:
    anchor = f"section-{index}"
    blocks: list[Block] = [Heading(2, section.heading, anchor)]
    for paragraph in section.paragraphs:
        chart = _chart_named(paragraph.text, charts)
        if chart is not None and chart.key not in placed:
            blocks.append(ChartBlock(chart, paragraph.text))
            placed.add(chart.key)
        else:
            blocks.append(Para(paragraph.text))
    for chart in charts:
        if chart.key not in placed and _chart_belongs(chart, section):
            blocks.append(ChartBlock(chart))
            placed.add(chart.key)
    return blocks


def _chart_named(text: str, charts: Sequence[Chart]) -> Chart | None:
    key = "".join(text.split()).strip("：:。")
    for chart in charts:
        if key in chart.names:
            return chart
    return None


def _chart_belongs(chart: Chart, section: Section) -> bool:
    return section.topic in chart.topics or any(word in section.title for word in chart.title_words)


# ---------------------------------------------------------------------------------------------
# Performance-target forms


def forms_to_blocks(overall: Sequence[OverallForm], projects: Sequence[ProjectForm]) -> list[Block]:
    """Each form on its own page under its own title and year, in the official form layout; the
    outline names the project forms by their projects."""
    blocks: list[Block] = []
    for k, form in enumerate(overall, 1):
        anchor = f"overall-form-{k}"
        blocks += [PageBreak(), Heading(3, form.title, anchor)]
        blocks += _year_label(form.year_label)
        blocks.append(TableBlock(overall_form_to_grid(form), form.title, anchor, unit=None))
        signature = overall_signature_text(form.signature)
        if signature:
            blocks.append(Para(signature, "meta"))
    for k, project in enumerate(projects, 1):
        anchor = f"project-form-{k}"
        title = f"项目支出绩效目标表（{k}）{project.name}"
        blocks += [PageBreak(), Heading(3, title, anchor, printed=project.title)]
        blocks += _year_label(project.year_label)
        blocks.append(TableBlock(project_form_to_grid(project), project.title, anchor))
    return blocks


def _year_label(year: int | None) -> list[Block]:
    return [Para(f"（{year}年度）", "center")] if year else []


@dataclass(frozen=True, slots=True)
class Money:
    """An amount cell of a form: printed with separators and two decimals, right-aligned, the exact
    number kept for the renderers that store numbers (XLSX)."""

    value: Decimal | None
    span: int = 1


@dataclass(frozen=True, slots=True)
class Text:
    """A cell of a form row: what is filled in (a name, a goal: left-aligned and wrapped; a value, a
    count: centred), or a label spanning columns (bold, centred)."""

    text: str
    span: int = 1
    align: Align = Align.LEFT
    bold: bool = False


def _centred(text: str, span: int = 1) -> Text:
    return Text(text, span, Align.CENTER)


def _label(text: str, span: int) -> Text:
    return Text(text, span, Align.CENTER, bold=True)


# A part of a form row: a label of one column (a bare string: bold, centred), a Text, an amount.
_Part = str | Text | Money


# Column widths of the forms in character cells (a CJK character is 2): wide enough for the labels
# of 项目资金 and for an amount in 元 on one line, the rest for the indicator names and texts; the
# two halves of the 绩效指标 block (二级, 三级, 指标值) are as wide as each other.
PROJECT_FORM_WIDTHS = (12.0, 18.0, 12.0, 17.0, 18.0, 12.0, 17.0, 18.0)
OVERALL_FORM_WIDTHS = (16.0, 12.0, 13.0, 22.0, 17.0, 12.0, 12.0, 11.0)


class _GridBuilder:
    """Builds a form grid row by row (forms are label/value layouts, not column tables)."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = tuple(widths)
        self.cells: list[Cell] = []
        self.row = 0

    def line(self, *parts: _Part, start: int = 0, header: bool = False) -> None:
        """One row of cells from column `start`; in a `header` row every cell is a column head."""
        col = start
        for part in parts:
            if isinstance(part, Money):
                text = amount_text(part.value, 2)
                self.cells.append(Cell(self.row, col, text, colspan=part.span, value=part.value, align=Align.RIGHT))
            elif header:
                text = part if isinstance(part, str) else part.text
                self.cells.append(Cell(self.row, col, text, colspan=_span(part), header=True, align=Align.CENTER))
            elif isinstance(part, str):
                self.cells.append(Cell(self.row, col, part, bold=True, align=Align.CENTER))
            else:
                self.cells.append(Cell(self.row, col, part.text, colspan=part.span, align=part.align, bold=part.bold))
            col += _span(part)
        self.row += 1

    def label(self, text: str, rows: int, col: int = 0) -> None:
        """A label cell merged down over `rows` rows from the current row."""
        self.cells.append(Cell(self.row, col, text, rowspan=max(rows, 1), bold=True, align=Align.CENTER))

    def text(self, text: str, rows: int, col: int) -> None:
        """A filled-in text merged down over `rows` rows from the current row."""
        self.cells.append(Cell(self.row, col, text, rowspan=max(rows, 1)))

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.row, self.widths, 0)


def _span(part: _Part) -> int:
    return 1 if isinstance(part, str) else part.span


def _yuan(split: FundingSplit, key: str, span: int) -> Money:
    amount = split.get(key)
    return Money(amount.value if amount else None, span)


# 项目资金 rows of the project form: the total, then each source (the official wording).
_FUND_ROWS = (
    ("total", "实施期资金总额:", "年度资金总额:"),
    ("central", "其中:中央财政资金", "其中:中央财政资金"),
    ("provincial", "省级财政资金", "省级财政资金"),
    ("local", "市县(区)财政资金", "市县(区)财政资金"),
    ("self_raised", "单位自筹", "单位自筹"),
    ("other", "其他资金", "其他资金"),
)
# the Shanghai form's split by kind of money: printed when a form has it
_KIND_FUND_ROWS = (
    ("fiscal", "其中:财政资金", "其中:当年财政拨款"),
    ("carryover", "上年结转资金", "上年结转资金"),
)


def project_form_to_grid(form: ProjectForm) -> Grid:
    """项目支出绩效目标申报表 in its official 8-column layout: 项目资金 left (实施期) and right (年度),
    the text fields, 总体目标, the indicator tree (一级 and 二级 merged down over their runs, the
    实施期 half left of the 年度 half) and the signature line."""
    b = _GridBuilder(PROJECT_FORM_WIDTHS)
    b.line("项目名称", Text(form.name, 7))
    department = "-".join(x for x in (form.department_code, form.department) if x)
    b.line("主管部门及代码", Text(department, 3), "实施单位", Text(form.implementing_unit or "", 3))
    b.line("项目属性", Text(form.attribute or "", 3), "项目期", Text(form.duration or "", 3))
    fund_rows = _FUND_ROWS + tuple(
        row for row in _KIND_FUND_ROWS if form.implementation.get(row[0]) or form.annual.get(row[0])
    )
    b.label("项目资金(元)", len(fund_rows))
    for key, left, right in fund_rows:
        b.line(left, _yuan(form.implementation, key, 2), right, _yuan(form.annual, key, 3), start=1)
    for name, text in form.texts:
        b.line(name, Text(text, 7))
    b.label("总体目标", 2)
    b.line(Text("实施期目标", 3), Text("年度目标", 4), start=1, header=True)
    b.line(Text(form.goal_implementation or "", 3), Text(form.goal_annual or "", 4), start=1)
    _project_indicators(b, form.indicators)
    s = form.signature
    b.line(
        "负责人:",
        Text(s.responsible or ""),
        "经办人:",
        Text(s.handler or ""),
        "联系电话:",
        Text(s.phone or ""),
        "填报日期:",
        Text(s.date or ""),
    )
    return b.grid()


def indicator_pairs(indicators: Sequence[Indicator]) -> list[tuple[Indicator | None, Indicator | None]]:
    """The rows of the 绩效指标 block: in each run of indicators of one 一级 (in printed order), the
    实施期 ones on the left and the 年度 ones beside them on the right (the form has one 一级
    column for both halves). A half with fewer indicators leaves its last cells blank, none is
    dropped, and reading the rows left to right gives the indicators back in their order."""
    rows: list[tuple[Indicator | None, Indicator | None]] = []
    for _, group in groupby(indicators, key=lambda i: i.level1):
        run = list(group)
        rows += zip_longest(
            [i for i in run if i.period is Period.IMPLEMENTATION], [i for i in run if i.period is Period.ANNUAL]
        )
    return rows


def level2_keys(level1s: Sequence[str], half: Sequence[Indicator | None]) -> list[object]:
    """Merge keys of one half's 二级 column: (一级, 二级) of its indicator; a blank half-row goes on
    with the cell above it within the same 一级, and stands alone at the start of one."""
    keys: list[object] = []
    for k, (level1, item) in enumerate(zip(level1s, half, strict=True)):
        if item is not None:
            keys.append((level1, item.level2))
        elif k and level1s[k - 1] == level1:
            keys.append(keys[-1])
        else:
            keys.append(("", k))
    return keys


def _project_indicators(b: _GridBuilder, indicators: Sequence[Indicator]) -> None:
    """The 绩效指标 block: a row per pair of `indicator_pairs`, 一级 merged down over its run, each
    half's 二级 over its run within the 一级."""
    pairs = indicator_pairs(indicators)
    b.label("绩效指标", len(pairs) + 1)
    b.line("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值", start=1, header=True)
    top = b.row
    level1s = [next(i for i in pair if i is not None).level1 for pair in pairs]
    _merged_down(b, top, 1, level1s, level1s)
    for half, col in ((0, 2), (1, 5)):
        items = [pair[half] for pair in pairs]
        _merged_down(b, top, col, level2_keys(level1s, items), [i.level2 if i else "" for i in items])
        for k, item in enumerate(items):
            if item is not None:
                b.cells += [Cell(top + k, col + 1, item.name), Cell(top + k, col + 2, item.value, align=Align.CENTER)]
    b.row = top + len(pairs)


def _merged_down(b: _GridBuilder, top: int, col: int, keys: Sequence[object], texts: Sequence[str]) -> None:
    """Cells of column `col` from row `top`, one per run of equal keys, merged down over the run and
    holding the text of its first row."""
    k = 0
    for _, run in groupby(keys):
        length = len(list(run))
        b.cells.append(Cell(top + k, col, texts[k], rowspan=length, align=Align.CENTER))
        k += length


# The overall form's text fields printed in its head, and the two 本年度整体支出绩效指标 blocks.
_OVERALL_HEAD = ("部门(单位)中长期战略目标", "上年度已完成工作目标", "年度绩效目标")
_DUTY_BLOCKS = (("职责履行", "预期完成的事项"), ("履职效益", "部门履行职责带来的效果"))


def overall_form_to_grid(form: OverallForm) -> Grid:
    """部门（单位）整体支出绩效目标申报表 in its official 8-column layout: 单位基本情况 and 人员结构
    (two facts a row), the three goals, 职责履行 and 履职效益 with their indicators, 满意度,
    资金管理 (万元), 保障机制 and 其他需要说明的情况."""
    b = _GridBuilder(OVERALL_FORM_WIDTHS)
    b.line("部门(单位)名称", Text(form.department or "", 7))
    facts = list(form.facts)
    for start in range(0, len(facts), 2):
        cells: list[_Part] = ["单位基本情况" if start == 0 else "人员结构"]
        for name, count in facts[start : start + 2]:
            cells += [name, _centred(count)]
        cells.append(Text("", 8 - 2 * len(facts[start : start + 2]) - 1))
        b.line(*cells)
    texts = dict(form.texts)
    for name, text in form.texts:
        if name in _OVERALL_HEAD:
            b.line(name, Text(text, 7))
    blocks = [(level1, what, [i for i in form.indicators if i.level1 == level1]) for level1, what in _DUTY_BLOCKS]
    b.label("本年度整体支出绩效指标", sum(len(rows) + 1 for *_, rows in blocks))
    for level1, what, rows in blocks:
        b.label(level1, len(rows) + 1, col=1)
        b.label(what, len(rows) + 1, col=2)
        b.text(texts.get(f"{level1}·预期事项", ""), len(rows) + 1, col=3)
        b.line("绩效指标", Text("指标值", 3), start=4, header=True)
        for indicator in rows:
            b.line(Text(indicator.name), _centred(indicator.value, 3), start=4)
    for indicator in form.indicators:
        if indicator.level1 == "满意度":
            b.line(_label(indicator.level2, 4), Text(indicator.name), _centred(indicator.value, 3))
    b.label("资金管理", len(form.funds) + 1)
    b.label("投入情况", len(form.funds) + 1, col=1)
    b.label("支出预算(万元)", len(form.funds) + 1, col=2)
    b.line("名称", "上年度预算", "上年度决算", Text("本年度申请资金", 2), start=3, header=True)
    for line in form.funds:
        values = (line.last_budget, line.last_final, line.requested)
        amounts = [Money(a.value if a else None, span) for a, span in zip(values, (1, 1, 2), strict=True)]
        b.line(Text(line.name), *amounts, start=3)
    guarantees = [(name, texts[name]) for name in ("组织机构", "相关管理制度") if name in texts]
    if guarantees:
        b.label("保障机制", len(guarantees))
        b.label("确保绩效目标实现的措施", len(guarantees), col=1)
        for name, text in guarantees:
            b.line(name, Text(text, 5), start=2)
    b.line("其他需要说明的情况", Text(texts.get("其他需要说明的情况", ""), 7))
    return b.grid()


def overall_signature_text(s: Signature) -> str:
    """The line under the overall form: the fields that are filled in."""
    fields = (("负责人", s.responsible), ("经办人", s.handler), ("联系电话", s.phone), ("填表日期", s.date))
    return " ".join(f"{label}：{value}" for label, value in fields if value)


def project_note_parts(note: ProjectNote) -> list[tuple[str, list[str]]]:
    """A 项目经费情况说明's parts as the package prints them: ("一、项目概述", its lines), … in
    order; text before the first heading comes under the heading ""."""
    parts: list[tuple[str, list[str]]] = []
    number = 0
    for heading, body in note.texts:
        if heading:
            number += 1
        lines = [line for line in body.split("\n") if line.strip()]
        parts.append((f"{chinese_number(number)}、{heading}" if heading else "", lines))
    return parts


def project_notes_to_blocks(notes: Sequence[ProjectNote]) -> list[Block]:
    """项目经费情况说明 (the Shanghai packages' short form of the project forms): each note's parts
    under their numbered headings, as printed."""
    blocks: list[Block] = []
    for k, note in enumerate(notes, 1):
        blocks += [PageBreak(), Heading(3, note.title, f"project-note-{k}")]
        for heading, lines in project_note_parts(note):
            blocks += [Para(text) for text in ([heading] if heading else []) + lines]
    return blocks


# ---------------------------------------------------------------------------------------------
# Attachments


def attachment_to_blocks(attachment: Attachment, number: int) -> list[Block]:
    anchor = f"attachment-{number}"
    title = one_line(attachment.title)
    blocks: list[Block] = [PageBreak(), Heading(3, f"附：{title}", anchor)]
    if attachment.doc_number:
        blocks.append(Para(attachment.doc_number, "center"))
    if attachment.catalog:
        b = _GridBuilder((12, 40, 20))
        b.line("编码", "名称", "适用部门", header=True)
        for row in attachment.catalog:
            b.cells += [
                Cell(b.row, 0, row.code),
                Cell(b.row, 1, row.name, indent=max(row.level - 1, 0), bold=row.level == 1),
                Cell(b.row, 2, row.group),
            ]
            b.row += 1
        grid = Grid(tuple(b.cells), b.row, b.widths, 1)
        blocks.append(TableBlock(grid, title, anchor + "-catalog"))
    return blocks


def iter_tables(package: Package) -> Iterator[TableBlock]:
    return (b for b in package.blocks if isinstance(b, TableBlock))
