"""A Disclosure → the package as an ordered list of blocks (parts, headings, paragraphs, tables,
charts, forms) that the DOCX, PDF and HTML renderers all draw in the same order.

The order is the one a published package follows: cover, 目录, 第一部分 概况, 第二部分 报表,
第三部分 情况说明 (with the charts where the text refers to them and the 绩效目标表 under 绩效管理),
attached documents, 第四部分 名词解释.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

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
from ..model.performance import FUND_SOURCES
from .charts import Chart, disclosure_to_charts
from .layout import Align, Cell, Grid, amount_text, table_to_grid

CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading. Level 1 is a part (第一部分 …), 2 a section or table, 3 a sub-heading."""

    level: int
    text: str
    anchor: str


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
    chart: Chart


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Contents:
    """Where the 目录 goes."""


Block = Heading | Para | TableBlock | ChartBlock | PageBreak | Contents


@dataclass(frozen=True, slots=True)
class Package:
    title: str
    department: str
    year: int | None
    subtitle: str
    blocks: tuple[Block, ...]

    def contents(self) -> tuple[Heading, ...]:
        """Headings of levels 1 and 2: what the 目录 lists."""
        return tuple(b for b in self.blocks if isinstance(b, Heading) and b.level <= 2)


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (enough for part and table numbers)."""
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMBERS[tens - 1]
    return head + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


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
    return Package(f"{department}{subtitle}", department, year, subtitle, _no_break_after_heading(blocks))


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
    """第一部分 概况: 职责 and 机构设置, in the wording a package uses."""
    blocks: list[Block] = [Heading(2, "一、本部门职责", "overview-duties")]
    blocks.append(Para(o.duties or "（未提供）"))
    blocks.append(Heading(2, "二、机构设置情况", "overview-units"))
    sentence = ""
    if o.budget_level:
        sentence = f"本单位为{o.budget_level}"
        if o.units:
            sentence += f"，包含{'、'.join(o.units)}"
    elif o.units:
        sentence = f"本部门包含{'、'.join(o.units)}"
    if o.internal_count is not None:
        sentence += ("；" if sentence else "本部门") + f"下设{o.internal_count}个股（室）"
        if o.internal_names:
            sentence += f"，分别为：{'、'.join(o.internal_names)}等"
    blocks.append(Para(sentence + "。" if sentence else "（未提供）"))
    if o.vehicles is not None:
        blocks.append(Para(f"本部门有公务用车{o.vehicles}辆。"))
    return blocks


def table_to_blocks(table: Table) -> list[Block]:
    """A standard table: caption, title, 部门名称 / 单位 line, the grid, its notes."""
    notes = (*((table.empty_note,) if table.empty_note else ()), *table.notes)
    anchor = f"table-{table.number}" if table.number else f"table-{table.kind.value}"
    heading = f"表{chinese_number(table.number)}　{table.title}" if table.number else table.title
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
    return [PageBreak(), Heading(2, heading, anchor), block]


# Charts are placed where the text names them ("一般公共预算当年拨款结构图"); a chart whose name
# the text does not print goes at the end of the section about its topic.
def section_to_blocks(section: Section, index: int, charts: Sequence[Chart], placed: set[str]) -> list[Block]:
    anchor = f"section-{index}"
    blocks: list[Block] = [Heading(2, f"{section.number}、{section.title}", anchor)]
    for paragraph in section.paragraphs:
        chart = _chart_named(paragraph.text, charts)
        if chart is not None and chart.key not in placed:
            blocks.append(ChartBlock(chart))
            placed.add(chart.key)
        elif chart is None:
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
    blocks: list[Block] = []
    for k, form in enumerate(overall, 1):
        anchor = f"overall-form-{k}"
        blocks += [PageBreak(), Heading(3, form.title, anchor)]
        blocks.append(TableBlock(overall_form_to_grid(form), form.title, anchor, unit=None))
    for k, project in enumerate(projects, 1):
        anchor = f"project-form-{k}"
        title = f"项目支出绩效目标表（{k}）{project.name}"
        blocks += [PageBreak(), Heading(3, title, anchor)]
        blocks.append(TableBlock(project_form_to_grid(project), project.title, anchor))
    return blocks


class _GridBuilder:
    """Builds a form grid row by row (forms are label/value layouts, not column tables)."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = tuple(widths)
        self.cells: list[Cell] = []
        self.row = 0

    def line(self, *parts: tuple[str, int] | str, bold: bool = False, header: bool = False) -> None:
        """One row of cells: each part is text (one column) or (text, columns spanned)."""
        col = 0
        for part in parts:
            text, span = (part, 1) if isinstance(part, str) else part
            align = Align.CENTER if header else Align.LEFT
            self.cells.append(Cell(self.row, col, text, colspan=span, bold=bold, header=header, align=align))
            col += span
        self.row += 1

    def label_rows(self, label: str, rows: Sequence[Sequence[tuple[str, int] | str]], bold: bool = False) -> None:
        """A label cell spanning several rows on the left, with the given rows beside it."""
        self.cells.append(Cell(self.row, 0, label, rowspan=len(rows), bold=True, align=Align.CENTER))
        for parts in rows:
            col = 1
            for part in parts:
                text, span = (part, 1) if isinstance(part, str) else part
                self.cells.append(Cell(self.row, col, text, colspan=span, bold=bold))
                col += span
            self.row += 1

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.row, self.widths, 0)


def _yuan(value: Decimal | None) -> str:
    return amount_text(value, 2)


def _funding_rows(implementation: FundingSplit, annual: FundingSplit) -> list[list[tuple[str, int] | str]]:
    """项目资金 by source: one row per source printed for either period."""
    rows: list[list[tuple[str, int] | str]] = [[("资金来源", 3), "实施期资金", "年度资金"]]
    for key, label in FUND_SOURCES.items():
        a, b = implementation.get(key), annual.get(key)
        if a is None and b is None:
            continue
        rows.append([(label, 3), _yuan(a.value if a else None), _yuan(b.value if b else None)])
    return rows


def _signature_text(s: Signature) -> str:
    parts = [("负责人", s.responsible), ("经办人", s.handler), ("联系电话", s.phone), ("填报日期", s.date)]
    return "　　".join(f"{label}：{value or ''}" for label, value in parts)


def _indicator_rows(
    indicators: Sequence[Indicator], periods: Sequence[Period]
) -> list[tuple[str, str, str, list[str]]]:
    """(一级, 二级, 三级, values by period), keeping the printed order of first appearance."""
    order: list[tuple[str, str, str]] = []
    values: dict[tuple[str, str, str], dict[Period, str]] = {}
    for ind in indicators:
        key = (ind.level1, ind.level2, ind.name)
        if key not in values:
            order.append(key)
            values[key] = {}
        values[key].setdefault(ind.period, ind.value)
    return [(*key, [values[key].get(p, "") for p in periods]) for key in order]


def _indicator_cells(b: _GridBuilder, indicators: Sequence[Indicator], value_span: int) -> None:
    """The 绩效指标 block: 一级 and 二级 cells merged down over their runs."""
    periods = [p for p in (Period.IMPLEMENTATION, Period.ANNUAL) if any(i.period is p for i in indicators)]
    labels = {Period.IMPLEMENTATION: "实施期指标值", Period.ANNUAL: "年度指标值"}
    name_span = b_cols(b) - 2 - len(periods) * value_span
    b.line("一级指标", "二级指标", ("三级指标", name_span), *((labels[p], value_span) for p in periods), header=True)
    rows = _indicator_rows(indicators, periods)
    start = b.row
    for r, (_l1, _l2, name, vals) in enumerate(rows):
        col = 2
        b.cells.append(Cell(start + r, col, name, colspan=name_span))
        col += name_span
        for v in vals:
            b.cells.append(Cell(start + r, col, v, colspan=value_span, align=Align.CENTER))
            col += value_span
    r = 0
    for l1, run1 in groupby(rows, key=lambda x: x[0]):
        run1_rows = list(run1)
        b.cells.append(Cell(start + r, 0, l1, rowspan=len(run1_rows), align=Align.CENTER))
        r2 = r
        for l2, run2 in groupby(run1_rows, key=lambda x: x[1]):
            n = len(list(run2))
            b.cells.append(Cell(start + r2, 1, l2, rowspan=n, align=Align.CENTER))
            r2 += n
        r += len(run1_rows)
    b.row = start + len(rows)


def b_cols(b: _GridBuilder) -> int:
    return len(b.widths)


def project_form_to_grid(form: ProjectForm) -> Grid:
    """项目支出绩效目标申报表 as a 6-column form."""
    b = _GridBuilder((12, 12, 26, 12, 14, 14))
    b.line(("项目名称", 1), (form.name, 5))
    dept = "-".join(x for x in (form.department_code, form.department) if x)
    b.line("主管部门及代码", (dept, 2), "实施单位", (form.implementing_unit or "", 2))
    b.line("项目属性", (form.attribute or "", 2), "项目期", (form.duration or "", 2))
    b.label_rows("项目资金（元）", _funding_rows(form.implementation, form.annual))
    for label, text in form.texts:
        b.line(label, (text, 5))
    goals: list[list[tuple[str, int] | str]] = [
        ["实施期目标", (form.goal_implementation or "", 4)],
        ["年度目标", (form.goal_annual or "", 4)],
    ]
    b.label_rows("总体目标", goals)
    _indicator_cells(b, form.indicators, 1)
    b.line((_signature_text(form.signature), 6))
    grid = b.grid()
    return _with_amount_alignment(grid)


def _with_amount_alignment(grid: Grid) -> Grid:
    """Right-align cells that hold an amount as printed (1,000,084.00)."""
    cells = tuple(
        Cell(c.row, c.col, c.text, c.rowspan, c.colspan, c.value, Align.RIGHT, c.bold, c.indent, c.header)
        if _looks_like_amount(c.text)
        else c
        for c in grid.cells
    )
    return Grid(cells, grid.rows, grid.widths, grid.header_rows, grid.amount_columns, grid.decimals)


def _looks_like_amount(text: str) -> bool:
    t = text.replace(",", "")
    return bool(t) and t.replace(".", "", 1).lstrip("-").isdigit() and "." in t


def overall_form_to_grid(form: OverallForm) -> Grid:
    """部门（单位）整体支出绩效目标申报表 as a 6-column form."""
    b = _GridBuilder((14, 14, 20, 14, 14, 14))
    b.line("部门（单位）名称", (form.department or "", 5))
    facts = list(form.facts)
    for k in range(0, len(facts), 3):
        chunk = facts[k : k + 3]
        parts: list[tuple[str, int] | str] = []
        for label, value in chunk:
            parts += [label, value]
        if len(chunk) < 3:
            parts.append(("", 2 * (3 - len(chunk))))
        b.line(*parts)
    for label, text in form.texts:
        b.line(label, (text, 5))
    if form.funds:
        b.line(("资金管理（万元）", 3), "上年预算数", "上年决算数", "本年申请数", header=True)
        for fund in form.funds:
            values = (fund.last_budget, fund.last_final, fund.requested)
            b.line((fund.name, 3), *(amount_text(a.value if a else None) for a in values))
    _indicator_cells(b, form.indicators, 1)
    b.line((_signature_text(form.signature), 6))
    return _with_amount_alignment(b.grid())


def project_notes_to_blocks(notes: Sequence[ProjectNote]) -> list[Block]:
    """项目经费情况说明 (the Shanghai packages' short form of the project forms): each note's parts
    under their printed headings."""
    blocks: list[Block] = []
    for k, note in enumerate(notes, 1):
        blocks += [PageBreak(), Heading(3, note.title, f"project-note-{k}")]
        blocks += [Para(f"{label}：{text}" if label else text) for label, text in note.texts]
    return blocks


# ---------------------------------------------------------------------------------------------
# Attachments


def attachment_to_blocks(attachment: Attachment, number: int) -> list[Block]:
    anchor = f"attachment-{number}"
    title = " ".join(attachment.title.split())
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
