"""A Disclosure → the package as one format-neutral, ordered list of blocks (parts, headings,
paragraphs, tables, forms, charts, attached documents) that the DOCX, PDF, HTML and markdown
renderers all draw in the same order, with the same words.

The order is the one a published package follows: cover, 目录, 第一部分 概况, 第二部分 报表,
第三部分 情况说明 (with the charts where the text refers to them and the 绩效目标表 under 绩效管理),
attached documents, 第四部分 名词解释. The blocks say what is printed, not how: a table block
holds the table or form itself, and each renderer lays it out (`layout.block_grid`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import (
    Attachment,
    Disclosure,
    OverallForm,
    Overview,
    ProjectForm,
    ProjectNote,
    Section,
    Signature,
    Table,
    Topic,
)
from ..text import chinese_number, compact, one_line
from .charts import Chart, disclosure_to_charts


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
    """A paragraph. `style` is body, center, right, note or meta (部门名称 / 单位 lines); `anchor`
    when a 目录 entry points at it (a line of the narrative the 目录 lists, not a heading)."""

    text: str
    style: str = "body"
    anchor: str | None = None


# What a table block shows: a standard table, a performance form, or an attached catalogue.
TableContent = Table | OverallForm | ProjectForm | Attachment


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table, a form or an attached catalogue: what it shows (each renderer lays it out:
    `layout.block_grid` for the paged formats and the workbook), the lines printed above it
    (部门名称, 单位) and the notes under it."""

    content: TableContent
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
class Attached:
    """The next `count` blocks are a document attached to the package (a circular and its
    catalogue): the paged formats print them in place; the markdown leaves them out."""

    count: int


@dataclass(frozen=True, slots=True)
class ContentsLine:
    """One line of the 目录: level 1 (a part) or 2, its words as the package lists them, and the
    anchor of the heading it points at (None when the package has no heading of that name)."""

    level: int
    text: str
    anchor: str | None
    page: int | None = None  # the page the package's own 目录 prints


Block = Heading | Para | TableBlock | ChartBlock | PageBreak | Contents | Attached


@dataclass(frozen=True, slots=True)
class Package:
    """The package to print: its cover's words, its blocks in order and its own 目录. `stated_title`
    is the title as the Disclosure states it (None when it states none; `subtitle` then words one)."""

    title: str
    department: str
    year: int | None
    subtitle: str
    blocks: tuple[Block, ...]
    toc: tuple[ContentsLine, ...] = ()
    stated_title: str | None = None

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
    kind = d.document_type.label if d.document_type else "部门预算"
    subtitle = d.title or f"{year_text}度部门预算公开"
    charts = disclosure_to_charts(d)
    blocks: list[Block] = [Contents(), PageBreak()]
    parts = _Parts()
    blocks.append(parts.heading("概况"))
    blocks += overview_to_blocks(d.overview)
    if d.tables:
        blocks += [PageBreak(), parts.heading(f"{year_text}{kind}报表")]
        for table in d.tables:
            blocks += table_to_blocks(table)
    if d.sections:
        blocks += [PageBreak(), parts.heading(f"{year_text}度{kind}情况说明" if year else f"{kind}情况说明")]
        placed: set[str] = set()
        for k, section in enumerate(d.sections, 1):
            blocks += section_to_blocks(section, k, charts, placed)
            if section.topic is Topic.PERFORMANCE:
                blocks += forms_to_blocks(d.overall_forms, d.project_forms)
        for k, attachment in enumerate(d.attachments, 1):
            blocks += attachment_to_blocks(attachment, k)
    elif d.overall_forms or d.project_forms:
        blocks += forms_to_blocks(d.overall_forms, d.project_forms)
    blocks += project_notes_to_blocks(d.project_notes)
    if d.glossary:
        blocks += [PageBreak(), parts.heading("名词解释")]
        blocks += [Para(f"{g.number}、{g.term}：{g.definition}") for g in d.glossary]
    final = _no_break_after_heading(blocks)
    toc, final = toc_to_lines(d, final)
    return Package(f"{department}{subtitle}", department, year, subtitle, final, toc, d.title)


_TOC_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def toc_to_lines(d: Disclosure, blocks: Sequence[Block]) -> tuple[tuple[ContentsLine, ...], tuple[Block, ...]]:
    """The Disclosure's own 目录, each entry tied to the heading of the same words (spaces and
    full-width forms aside), in order, and the blocks. An entry with no such heading is tied to the
    paragraph of its words after the last heading tied (（一）政府购买服务指导性目录 under 十二、其他说明),
    which gets an anchor; an entry with neither prints without a page."""
    out = list(blocks)
    headings = [k for k, b in enumerate(out) if isinstance(b, Heading)]
    lines = []
    start = 0  # the next heading to look at
    after = 0  # the block after the last one tied
    for number, entry in enumerate(d.toc, 1):
        key = compact(entry.title)
        found = next((k for k in range(start, len(headings)) if _text_of(out[headings[k]]) == key), None)
        anchor = None
        if found is not None:
            heading = out[headings[found]]
            anchor = heading.anchor if isinstance(heading, Heading) else None
            start, after = found + 1, headings[found] + 1
        else:
            for k in range(after, len(out)):
                para = out[k]
                if isinstance(para, Para) and para.anchor is None and compact(para.text) == key:
                    anchor = f"entry-{number}"
                    out[k] = replace(para, anchor=anchor)
                    after = k + 1
                    break
        level = 1 if _TOC_PART.match(key) else 2
        lines.append(ContentsLine(level, entry.title, anchor, entry.page))
    return tuple(lines), tuple(out)


def _text_of(block: Block) -> str:
    return compact(block.text) if isinstance(block, Heading) else ""


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


def overview_paragraphs(view: Overview) -> tuple[list[str], list[str]]:
    """The printed paragraphs of 一、本部门职责 and 二、机构设置情况 for an Overview.

    Every renderer prints the 概况 with these words, so the package reads the same in every format.
    """
    duties = [line for line in (view.duties or "").split("\n") if line]
    clauses = []
    if view.budget_level:
        clauses.append(f"本部门为{view.budget_level}")
    if view.nature:
        clauses.append(f"单位性质为{view.nature}")
    if view.units:
        clauses.append(f"包含{'、'.join(view.units)}")
    setup = "，".join(clauses)
    if view.internal_count is not None:
        names = ""
        if view.internal_names:
            more = "等" if len(view.internal_names) < view.internal_count else ""
            names = f"，分别为：{'、'.join(view.internal_names)}{more}"
        setup += f"；下设{view.internal_count}个股（室）{names}"
    lines = [setup + "。"] if setup else []
    if view.vehicles is not None:
        lines.append(f"本部门有公务用车{view.vehicles}辆。")
    return duties, lines


def overview_to_blocks(o: Overview) -> list[Block]:
    """第一部分 概况: 职责 and 机构设置, in the words every renderer prints them with."""
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
    block = TableBlock(
        content=table,
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
        blocks.append(TableBlock(form, form.title, anchor, unit=None))
        signature = overall_signature_text(form.signature)
        if signature:
            blocks.append(Para(signature, "meta"))
    for k, project in enumerate(projects, 1):
        anchor = f"project-form-{k}"
        title = f"项目支出绩效目标表（{k}）{project.name}"
        blocks += [PageBreak(), Heading(3, title, anchor, printed=project.title)]
        blocks += _year_label(project.year_label)
        blocks.append(TableBlock(project, project.title, anchor))
    return blocks


def _year_label(year: int | None) -> list[Block]:
    return [Para(f"（{year}年度）", "center")] if year else []


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
    """An attached document on its own page: 附：title, its document number, its catalogue."""
    anchor = f"attachment-{number}"
    title = one_line(attachment.title)
    blocks: list[Block] = [Heading(3, f"附：{title}", anchor)]
    if attachment.doc_number:
        blocks.append(Para(attachment.doc_number, "center"))
    if attachment.catalog:
        blocks.append(TableBlock(attachment, title, anchor + "-catalog"))
    return [PageBreak(), Attached(len(blocks)), *blocks]
