"""A Disclosure → the package as an ordered list of blocks (parts, headings, paragraphs, tables,
charts, forms) that the DOCX, PDF and HTML renderers all draw in the same order.

The order is the one a published package follows: cover, 目录, 第一部分 概况, 第二部分 报表,
第三部分 情况说明 (with the charts where the text refers to them and the 绩效目标表 under 绩效管理),
attached documents, 第四部分 名词解释.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
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
from .charts import Chart, disclosure_to_charts
from .layout import Align, Cell, Grid, amount_text, table_to_grid

CHINESE_NUMBERS = "一二三四五六七八九十"


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
    final = _no_break_after_heading(blocks)
    toc = toc_to_lines(d, final)
    return Package(f"{department}{subtitle}", department, year, subtitle, final, toc)


def compact(text: str) -> str:
    """Words without white space, full-width forms folded: how a 目录 entry names a heading."""
    return "".join(unicodedata.normalize("NFKC", text).split())


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
    blocks: list[Block] = [Heading(2, f"{section.number}、{section.title}", anchor)]
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


class _GridBuilder:
    """Builds a form grid row by row (forms are label/value layouts, not column tables)."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = tuple(widths)
        self.cells: list[Cell] = []
        self.row = 0

    def line(self, *parts: tuple[str, int] | str, start: int = 0, header: bool = False) -> None:
        """One row of cells from column `start`: each part is text (one column) or (text, columns
        spanned)."""
        col = start
        for part in parts:
            text, span = (part, 1) if isinstance(part, str) else part
            align = Align.CENTER if header else Align.LEFT
            self.cells.append(Cell(self.row, col, text, colspan=span, header=header, align=align))
            col += span
        self.row += 1

    def label(self, text: str, rows: int, col: int = 0) -> None:
        """A label cell merged down over `rows` rows from the current row."""
        self.cells.append(Cell(self.row, col, text, rowspan=max(rows, 1), bold=True, align=Align.CENTER))

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.row, self.widths, 0)


def _yuan(split: FundingSplit, key: str) -> str:
    amount = split.get(key)
    return amount_text(amount.value if amount else None, 2)


# 项目资金 rows of the project form: the total, then each source (the official wording).
_FUND_ROWS = (
    ("total", "实施期资金总额:", "年度资金总额:"),
    ("central", "其中:中央财政资金", "其中:中央财政资金"),
    ("provincial", "省级财政资金", "省级财政资金"),
    ("local", "市县(区)财政资金", "市县(区)财政资金"),
    ("self_raised", "单位自筹", "单位自筹"),
    ("other", "其他资金", "其他资金"),
)


def _runs(values: Sequence[object]) -> list[int]:
    """Lengths of the runs of equal neighbours (how far a merged label reaches down)."""
    return [len(list(run)) for _, run in groupby(values)]


def project_form_to_grid(form: ProjectForm) -> Grid:
    """项目支出绩效目标申报表 in its official 8-column layout: 项目资金 left (实施期) and right (年度),
    the text fields, 总体目标, the indicator tree (一级 and 二级 merged down over their runs, the
    实施期 half left of the 年度 half) and the signature line."""
    b = _GridBuilder((13, 12, 12, 22, 12, 12, 22, 12))
    b.line("项目名称", (form.name, 7))
    department = "-".join(x for x in (form.department_code, form.department) if x)
    b.line("主管部门及代码", (department, 3), "实施单位", (form.implementing_unit or "", 3))
    b.line("项目属性", (form.attribute or "", 3), "项目期", (form.duration or "", 3))
    b.label("项目资金(元)", len(_FUND_ROWS))
    for key, left, right in _FUND_ROWS:
        b.line(left, (_yuan(form.implementation, key), 2), right, (_yuan(form.annual, key), 3), start=1)
    for label, text in form.texts:
        b.line(label, (text, 7))
    b.label("总体目标", 2)
    b.line(("实施期目标", 3), ("年度目标", 4), start=1, header=True)
    b.line((form.goal_implementation or "", 3), (form.goal_annual or "", 4), start=1)
    _project_indicators(b, form.indicators)
    s = form.signature
    b.line(
        "负责人:",
        s.responsible or "",
        "经办人:",
        s.handler or "",
        "联系电话:",
        s.phone or "",
        "填报日期:",
        s.date or "",
    )
    return _with_amount_alignment(b.grid())


def _project_indicators(b: _GridBuilder, indicators: Sequence[Indicator]) -> None:
    """The 绩效指标 block: a row per indicator, 实施期 left and 年度 right (paired in order)."""
    left = [i for i in indicators if i.period is Period.IMPLEMENTATION]
    right = [i for i in indicators if i.period is Period.ANNUAL]
    n = max(len(left), len(right))
    b.label("绩效指标", n + 1)
    b.line("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值", start=1, header=True)
    top = b.row
    for k in range(n):
        a = left[k] if k < len(left) else None
        c = right[k] if k < len(right) else None
        row = top + k
        if a is not None:
            b.cells += [Cell(row, 3, a.name), Cell(row, 4, a.value, align=Align.CENTER)]
        if c is not None:
            b.cells += [Cell(row, 6, c.name), Cell(row, 7, c.value, align=Align.CENTER)]
    # 一级 merges over its run; 二级 over its run within the same 一级, on each half.
    level1 = [(a.level1 if a else "") for a in (left[k] if k < len(left) else None for k in range(n))]
    for half, col in ((left, 2), (right, 5)):
        keys = [(half[k].level1, half[k].level2) if k < len(half) else ("", "") for k in range(n)]
        r = top
        for length in _runs(keys):
            b.cells.append(Cell(r, col, keys[r - top][1], rowspan=length, align=Align.CENTER))
            r += length
    r = top
    for length in _runs(level1):
        b.cells.append(Cell(r, 1, level1[r - top], rowspan=length, align=Align.CENTER))
        r += length
    b.row = top + n


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


# The overall form's text fields printed in its head, and the two 本年度整体支出绩效指标 blocks.
_OVERALL_HEAD = ("部门(单位)中长期战略目标", "上年度已完成工作目标", "年度绩效目标")
_DUTY_BLOCKS = (("职责履行", "预期完成的事项"), ("履职效益", "部门履行职责带来的效果"))


def overall_form_to_grid(form: OverallForm) -> Grid:
    """部门（单位）整体支出绩效目标申报表 in its official 8-column layout: 单位基本情况 and 人员结构
    (two facts a row), the three goals, 职责履行 and 履职效益 with their indicators, 满意度,
    资金管理 (万元), 保障机制 and 其他需要说明的情况."""
    b = _GridBuilder((14, 12, 14, 24, 18, 12, 12, 12))
    b.line("部门(单位)名称", (form.department or "", 7))
    facts = list(form.facts)
    for start in range(0, len(facts), 2):
        cells: list[tuple[str, int] | str] = ["单位基本情况" if start == 0 else "人员结构"]
        for name, value in facts[start : start + 2]:
            cells += [name, value]
        cells.append(("", 8 - 2 * len(facts[start : start + 2]) - 1))
        b.line(*cells)
    texts = dict(form.texts)
    for label, text in form.texts:
        if label in _OVERALL_HEAD:
            b.line(label, (text, 7))
    blocks = [(level1, what, [i for i in form.indicators if i.level1 == level1]) for level1, what in _DUTY_BLOCKS]
    b.label("本年度整体支出绩效指标", sum(len(rows) + 1 for *_, rows in blocks))
    for level1, what, rows in blocks:
        b.label(level1, len(rows) + 1, col=1)
        b.label(what, len(rows) + 1, col=2)
        b.label(texts.get(f"{level1}·预期事项", ""), len(rows) + 1, col=3)
        b.line("绩效指标", ("指标值", 3), start=4, header=True)
        for indicator in rows:
            b.line(indicator.name, (indicator.value, 3), start=4)
    for indicator in form.indicators:
        if indicator.level1 == "满意度":
            b.line((indicator.level2, 4), indicator.name, (indicator.value, 3))
    b.label("资金管理", len(form.funds) + 1)
    b.label("投入情况", len(form.funds) + 1, col=1)
    b.label("支出预算(万元)", len(form.funds) + 1, col=2)
    b.line("名称", "上年度预算", "上年度决算", "本年度申请资金", "", start=3, header=True)
    for line in form.funds:
        values = (line.last_budget, line.last_final, line.requested)
        b.line(line.name, *(amount_text(a.value if a else None) for a in values), "", start=3)
    guarantees = [(label, texts[label]) for label in ("组织机构", "相关管理制度") if label in texts]
    if guarantees:
        b.label("保障机制", len(guarantees))
        b.label("确保绩效目标实现的措施", len(guarantees), col=1)
        for label, text in guarantees:
            b.line(label, (text, 5), start=2)
    b.line("其他需要说明的情况", (texts.get("其他需要说明的情况", ""), 7))
    return _with_amount_alignment(b.grid())


def overall_signature_text(s: Signature) -> str:
    """The line under the overall form: the fields that are filled in."""
    fields = (("负责人", s.responsible), ("经办人", s.handler), ("联系电话", s.phone), ("填表日期", s.date))
    return " ".join(f"{label}：{value}" for label, value in fields if value)


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
