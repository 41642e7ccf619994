"""Blocks → Disclosure: recognise every part of a package by its title and header signature.

One pass over the blocks. A text line can be a part heading (第二部分 …), a table title (its
kind is in its wording: 收支总表, 三公, 项目支出…（上年结转）), a caption (预算公开表1), a 部门名称
or 单位 line, a form title (…绩效目标申报表) and its year label, a section heading of the
narrative (七、…), a glossary entry, or running text of the part it is in. A table block belongs to
the title above it; a block with no title of its own right after another table continues that
table (OCR splits tables at page breaks, often with a blank first row). Nothing depends on the
order or the numbering of the parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..errors import UnusableInput
from ..model import (
    Attachment,
    CatalogRow,
    Disclosure,
    DocumentType,
    GlossaryEntry,
    NoteLevel,
    OverallForm,
    Overview,
    ProjectForm,
    ProjectNote,
    ReadNote,
    Recognition,
    Section,
    Source,
    Table,
    TableKind,
    TocEntry,
    Topic,
    Unit,
)
from ..model import codes as codelib
from ..text import compact, halfwidth, is_amount, level_of, numeral_value, region_of, starts_paragraph, year_of
from .blocks import Block, TableBlock, TableLine, TextLine
from .forms import rows_to_overall_form, rows_to_project_form, signature_from_text
from .narrative import (
    is_section_heading,
    lines_to_section,
    section_to_assets,
    section_to_procurement,
    subsections,
    topic_of,
)
from .shanghai import combined_to_tables, is_project_note_title, lines_to_project_note, units_table_to_names
from .tables import TableContext, block_to_table, split_org_operation
from .three_public import across_to_tables
from .titles import TOC_DOTS, is_form_title, kind_from_title

_PART = re.compile(r"^第\s*([一二三四五六七八九十]+)\s*部分\s*(.*)$")
_CAPTION_WORD = r"(?:预算公开表|部门公开表|部门预算公开表|公开表|附表|表)"
# A caption on a line of its own: 预算公开表1, 表01, 表一, 公开01表
_CAPTION = re.compile(rf"^(?:{_CAPTION_WORD}\s*([0-9]+|[一二三四五六七八九十]+)|公开\s*([0-9]+)\s*表)$")
# A caption printed before the title on the same line: "表1：2026年市级部门收支预算总表", "表11.…"
_INLINE_CAPTION = re.compile(rf"^({_CAPTION_WORD}\s*(?:[0-9]+|[一二三四五六七八九十]+))\s*[:：.．、]\s*(\S.*)$")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_DEPARTMENT = re.compile(
    r"^(?:部门名称|单位名称|编制部门|编制单位|预算主管部门|预算单位|部门[（(]单位[)）]|部门|单位)\s*[:：]\s*"
    # (another label run into the line ends the name: "部门名称：X（汇总）保密审查情况： 已审查")
    r"(.+?)(?:\s*(?:金额单位|单位|保密审查情况|审签情况)\s*[:：].*)?$"
)
# "606-湖州市交通运输局 单位：万元": the department's budget code and name, with no label
_CODED_DEPARTMENT = re.compile(r"^\d{3,}\s*[-－—]\s*(\S+?)\s*单位\s*[:：]\s*(?:万元|元)$")
_FORM_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*[)）]?\s*年度?\s*[)）]?$")
_TITLE = re.compile(r"(\d{4})\s*年?度?\s*(?:区级|市级|县级|省级)?\s*(部门|单位)\s*(?:综合)?\s*(预算|决算)")
# What a cover title may say after 部门预算: "…部门预算信息公开", "…部门预算情况的说明", "…部门综合预算说明".
_TITLE_TRAILER = re.compile(r"(?:信息公开|公开说明|公开|情况的?说明|说明)?")
# "附件：北京市交通委员会 2026 年度部门预算报表": the package's tables are published as an attachment.
_TABLES_ELSEWHERE = re.compile(r"^(?:详见|请见|见)?附件\s*[:：]\s*(.+?(?:报表|公开表))[。]?$")
# A narrative section that is the 概况 (Beijing: 一、部门情况说明 (一)本部门职责情况 (二)机构设置情况).
_OVERVIEW_SECTION = re.compile(r"^(?:部门|单位)?(?:基本)?(?:情况说明|概况|基本情况)$|职责|职能|机构设置")
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*(\S.{0,24})$")
# A cover title that names the unit between the year and 部门/单位预算: "2026年深圳市交通运输局（本级）
# 部门预算", "2026年度福州市公安局治安管理支队单位预算" (the compacted title, whole).
_NAMED_TITLE = re.compile(r"^(\d{4})年度?(\S{2,40}?[局会厅部处室办院所站队中心校馆社团委署）)])(部门|单位)(预算|决算)$")
# A 目录 line printed as text: the entry, dot leaders, and the page number if printed.
_TOC_LINE = re.compile(r"^(.*?\S)\s*[.。…·]{3,}\s*(\d+)?\s*$")
# The same line whose leaders are lost (a scan: OCR sees no dots, or two): the entry, a gap, its page.
_TOC_PAGED = re.compile(r"^(.{2,60}?\S)\s*[.。…·]{0,2}\s+(\d{1,3})$")
# A table's note that it has no data: "本表无数据", "故本表为空表", and the wording that names what the
# department did not spend ("（注：2026年没有使用政府性基金预算拨款安排的支出。）", Yantai, Fuzhou).
_EMPTY_NOTE = re.compile(
    r"本表无数据|空表|无数据|本表为空|无发生额|没有使用.{0,24}安排的(支出|收入)|没有使用[^，。；]{0,30}(?:支出|收入)"
)
_NOTE_START = re.compile(r"^(?:[（(]|备)?注|^说明[:：]")
_GLOSSARY_ENTRY = re.compile(r"^([一二三四五六七八九十]+|\d+)\s*[、.．]\s*([^：:]{1,30}?)\s*[:：]\s*(.*)$")
_GLOSSARY_PAREN = re.compile(r"^[（(]([一二三四五六七八九十]+|\d+)[)）]\s*([^：:]{1,30}?)\s*[:：]\s*(.*)$")
# An entry printed with no number: "基本支出：指为保障机构正常运转…" (the definition starts 指 / 是指).
_GLOSSARY_TERM = re.compile(r"^([^：:，。；、\s]{2,24}?)\s*[:：]\s*((?:是)?指.*)$")
# …and, once an entry has ended with its full stop, any "term：definition" line.
_GLOSSARY_NEXT = re.compile(r"^([^：:，。；、\s]{2,24}?)\s*[:：]\s*(\S.*)$")
# Part titles of packages that print no "第N部分" (Shanghai): 主要职能, 机构设置, 名词解释, 编制说明, …
_TITLED_PART = re.compile(
    r"^(?:.{0,40}?)(主要职能|机构设置|名词解释|预算编制说明|编制说明|其他相关情况说明|预算情况说明)$"
)
_ATTACHMENT_START = re.compile(r"^\S{2,30}(?:文件|通知)$")
_DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$")


@dataclass(slots=True)
class _OpenTable:
    ctx: TableContext
    rows: list[TableLine] = field(default_factory=list)
    empty_note: str | None = None
    notes: list[str] = field(default_factory=list)
    unit_printed: bool = True  # a 单位：元/万元 line stood above it


@dataclass(slots=True)
class _ColumnStrip:
    """The columns of a wide table printed on pages of their own after its rows (n013: 收入预算总表's
    其他收入 on pp10–11, under the title again): no row labels, so no row to put an amount in."""

    table: _OpenTable
    source: Source
    heads: list[str] = field(default_factory=list)
    amounts: int = 0
    page: int | None = None  # the page it was last seen on

    def take(self, rows: Sequence[TableLine]) -> None:
        for row in rows:
            self.page = row.source.page
            for cell in row.cells:
                if is_amount(cell):
                    self.amounts += 1
                elif (text := compact(cell)) and text not in self.heads:
                    self.heads.append(text)


@dataclass(slots=True)
class _OpenForm:
    title: str
    year: int | None
    source: Source
    rows: list[TableLine] = field(default_factory=list)
    signature_text: str | None = None

    @property
    def overall(self) -> bool:
        return "整体" in self.title


@dataclass(slots=True)
class _OpenSection:
    number: str
    title: str
    source: Source
    lines: list[TextLine] = field(default_factory=list)


@dataclass(slots=True)
class _OpenAttachment:
    title: str
    source: Source
    doc_number: str | None = None
    catalog: list[CatalogRow] = field(default_factory=list)
    group: str = ""
    named: bool = False


@dataclass(slots=True)
class _State:
    file: str
    part: str = "front"  # front, overview, tables, narrative, glossary, attachment
    head: list[TextLine] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    overview: list[tuple[str, TextLine]] = field(default_factory=list)
    tables: list[_OpenTable] = field(default_factory=list)
    forms: list[_OpenForm] = field(default_factory=list)
    sections: list[_OpenSection] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    glossary_more: list[str] = field(default_factory=list)
    attachments: list[_OpenAttachment] = field(default_factory=list)
    project_notes: list[_OpenSection] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
    # what the lines just read say of the next table
    pending_caption: tuple[str, int] | None = None
    pending_unit: Unit | None = None
    pending_department: str | None = None
    pending_title: tuple[str, TableKind, Source] | None = None
    half_title: TextLine | None = None  # a title broken inside its brackets, waiting for its end
    title_stub: TextLine | None = None  # a line under a caption that may begin its title
    replaying: bool = False
    listed_empty: dict[int, str] = field(default_factory=dict)  # 表N the list of tables marks empty
    # text between a title and its table: a spanning header the grid left out, or a note
    pending_notes: list[str] = field(default_factory=list)
    pending_form: _OpenForm | None = None
    strips: list[_ColumnStrip] = field(default_factory=list)  # columns printed apart from their rows
    last: object = None  # the open table, form or attachment a table block may continue
    department: str | None = None
    overview_heading: str = ""
    toc_heading_page: int | None = None
    # the 目录 was printed as a table or with dot leaders: a line without them is the body
    toc_marked: bool = False
    # a 第N部分 of the narrative whose text follows its title with no numbered heading: the
    # section its first line opens (Shenzhen's 第四部分 政府采购预算情况)
    part_section: tuple[str, Source] | None = None
    # a form was read after the last table: text in the tables part is then no note of that table
    # (Chongqing's "备注:…故此表无数据" under an empty 绩效目标表 three pages after 表九)
    form_since_table: bool = False
    unit_names: list[str] = field(default_factory=list)  # the 概况's table of units (决算)
    # the 概况 printed as a section of the narrative: the narrative goes on at the next section
    overview_in_narrative: bool = False
    tables_elsewhere: TextLine | None = None  # "附件：…部门预算报表"
    headings: set[str] = field(default_factory=set)  # the 一、… headings read outside the tables part
    part_titles: list[TextLine] = field(default_factory=list)  # "第一部分 2026 年度部门预算情况说明"
    untitled_part: bool = False  # a "第N部分" line without its title: the next line is the title
    numbered_parts: bool | None = None  # False once a "第N部分" is seen: "一、" headings are no parts


def blocks_to_disclosure(
    blocks: Sequence[Block], file: str, reader: str, recognition: Recognition | None = None
) -> Disclosure:
    """Recognise the parts of a package among `blocks` (see the module docstring).

    What the package is (type, unit, year, region, level) is `recognition` when it is given: what
    `front_recognition` read from the package's first pages (a PDF's reader finds it so, see
    `pages_to_recognition`); otherwise it is read from all of `blocks` the same way."""
    return _finish(_read_parts(blocks, file), reader, blocks, recognition)


def front_recognition(blocks: Sequence[Block], file: str) -> Recognition | None:
    """What the package is, when its first pages (`blocks`) settle it; None while they do not.

    They settle it once the front matter (cover, 目录) is over, a title line has named the document
    type and year, and either a 部门名称/编制单位 line has named the unit or a first budget table has
    been read (a package that names its unit above its tables names it above the first); and the
    pages hold a table or a section of the 情况说明, so that the package is a disclosure. Pages read
    later change none of it: reading on would only find lines that the rules above no longer
    look at."""
    state = _read_parts(blocks, file)
    if state.part in ("front", "toc") or not (state.tables or any(s.lines for s in state.sections)):
        return None
    found = _recognition(state)
    if found.document_type is None or found.year is None:
        return None
    return found if state.department is not None or any(t.rows for t in state.tables) else None


def _read_parts(blocks: Sequence[Block], file: str) -> _State:
    state = _State(file)
    for block in blocks:
        if isinstance(block, TextLine):
            if not block.noise:
                _text(state, block)
        else:
            _table(state, block)
    return state


def _recognition(state: _State) -> Recognition:
    """What the package is, from the lines read so far: its title line (document type, year), its
    unit, and the region and level those name."""
    title_line, year, doc_type = _title([*state.head, *state.part_titles], [t.ctx.title for t in state.tables])
    department = _department(state, title_line)
    region = region_of(department) or region_of(title_line)
    level = level_of(department, title_line)
    return Recognition(state.file, doc_type, department, year, region, level, title_line)


# ---------------------------------------------------------------------------------------------
# text lines


def _text(state: _State, line: TextLine) -> None:
    text = line.text
    key = compact(text)
    if state.part == "toc" and (entry := _TOC_LINE.match(text.strip()) or _TOC_PAGED.match(text.strip())):
        # a 目录 printed as lines of text (a PDF, a Word TOC field) rather than as a table
        page = int(entry.group(2)) if entry.group(2) else None
        state.toc.append(TocEntry(entry.group(1).strip(), page, line.source))
        state.head.append(line)
        state.toc_marked = True
        return
    if state.part == "toc" and _undotted_toc_entry(state, line, key):
        state.toc.append(TocEntry(text.strip(), None, line.source))
        state.head.append(line)
        return
    if state.part != "tables" and (heading := is_section_heading(text)):
        state.headings.add(compact(heading.group(2)))
    if state.part == "toc" and _toc_restarts(state, key):
        state.part = "front"  # the body begins with the 目录's first entry
    if state.untitled_part:
        state.untitled_part = False
        if len(key) <= 40 and not TOC_DOTS.search(key):  # "第一部分" over "部门概况" on the next line
            _set_part(state, key, line)
            return
    part = _PART.match(key)
    if part:
        state.part_titles.append(line)
        _set_part(state, part.group(2), line)
        state.untitled_part = not part.group(2)
        state.numbered_parts = False
        return
    if _TABLES_ELSEWHERE.match(key) and (elsewhere := _TABLES_ELSEWHERE.match(text.strip())):
        state.tables_elsewhere = TextLine(elsewhere.group(1).strip(), line.source)
        return
    if _TABLES_PART.match(key):
        _set_part(state, key, line)
        return
    if state.part != "toc" and _numbered_part(state, line, key):
        return
    if not _in_toc_pages(state, line) and _titled_part(state, line, key):
        return
    caption = _CAPTION.match(key)
    if caption:
        state.pending_caption = (text, numeral_value(caption.group(1) or caption.group(2)))
        state.last = None
        return
    dept = _DEPARTMENT.match(text.strip()) or _CODED_DEPARTMENT.match(text.strip())
    if dept and dept.group(1).strip() in ("万元", "元"):
        dept = None  # "单位：万元" alone
    if dept:
        state.pending_department = dept.group(1).strip()
        state.department = state.department or state.pending_department
        unit = _UNIT.search(text)
        if unit:
            state.pending_unit = Unit(unit.group(1))
        return
    # (the cheap tests first: most lines are long paragraphs)
    if len(key) < 20 and (unit := _UNIT.search(text)):
        state.pending_unit = Unit(unit.group(1))
        return
    if len(key) < 60 and isinstance(state.last, _OpenTable) and _EMPTY_NOTE.search(key):
        state.last.empty_note = text
        return
    if _NOTE_START.match(key) and isinstance(state.last, _OpenTable) and len(key) < 120:
        state.last.notes.append(text)
        return
    if is_form_title(text):
        if state.part == "narrative" and state.sections and starts_paragraph(text):
            # "（二）部门主管专项资金的绩效目标表" / "（三）部门预算项目绩效目标表": a heading of the 情况说明
            # over the forms that follow it, kept in its text too (which forms are the projects')
            state.sections[-1].lines.append(line)
        state.pending_form = _OpenForm(text, None, line.source)
        state.last = None
        return
    year = _FORM_YEAR.match(key)
    if year and state.pending_form is not None:
        state.pending_form.year = int(year.group(1))
        return
    if isinstance(state.last, _OpenForm) and signature_from_text(text) and state.last.signature_text is None:
        state.last.signature_text = text
        return
    if (
        isinstance(state.last, _ColumnStrip)
        and line.source.page == state.last.page
        and len(key) <= 12
        and _is_column_head(key)
        and not is_section_heading(text)
    ):
        state.last.take([TableLine((key,), line.source)])  # a column head printed as text over the strip
        return
    if state.pending_title is not None and _REMARK.fullmatch(key) and state.part == "tables":
        # "2021年…支出明细表" / "（按支出功能分类科目-不含上年结转）": the title's remark on a line of its own
        head, kind0, source0 = state.pending_title
        state.pending_title = (head.strip() + key, kind_from_title(head.strip() + key) or kind0, source0)
        return
    title = text
    stub, state.title_stub = state.title_stub, None
    if stub is not None:
        # "…政府采购（资产配置、购买服务）" / "预算表（不含上年结转）", "…“三公”经费及" / "会议费、培训费支出预算
        # 表…": a title set over two lines under its caption
        joined = stub.text.strip() + text.strip()
        alone = kind_from_title(text)
        if (whole := kind_from_title(joined)) is not None and alone in (None, TableKind.OTHER) and whole is not alone:
            title, line, text = joined, stub, joined
        else:
            state.replaying = True
            _text(state, stub)
            state.replaying = False
    elif (
        state.part == "tables"
        and (state.pending_caption is not None or _title_again(state, line, key))
        and state.pending_title is None
        and not state.replaying
        and len(key) <= 40
        and kind_from_title(text) is None
    ):
        state.title_stub = line
        return
    if state.half_title is not None:
        # "…支出明细表（按支出功能分类科" / "目-不含上年结转）": the title's brackets close on this line
        half, state.half_title = state.half_title, None
        if kind_from_title(half.text.strip() + text.strip()) is not None:
            title, line = half.text.strip() + text.strip(), half
            text = title
    elif _half_title(key):
        state.half_title = line
        return
    inline = _INLINE_CAPTION.match(text.strip())
    if inline and kind_from_title(inline.group(2)) is not None:
        number = _CAPTION.match(compact(inline.group(1)))
        if number:
            state.pending_caption = (inline.group(1), numeral_value(number.group(1) or number.group(2)))
            title = inline.group(2)
    kind = kind_from_title(title)
    if kind is not None and state.part in ("front", "tables", "narrative", "overview", "project_note", "glossary"):
        state.pending_title = (title, kind, line.source)
        state.pending_notes = []
        state.last = None
        if state.part in ("front", "overview", "project_note", "glossary"):
            state.part = "tables"
        return
    state.last = None
    if state.part in ("front", "tables") and _narrative_starts(state, text):
        # "一、部门情况说明" after a cover with no 第N部分 (n027), or again after a 目录 printed as
        # plain headings (the table titles it listed were 目录 entries): the 情况说明 begins
        state.part = "narrative"
        state.pending_title = None
        state.pending_notes = []
        _text(state, line)
        return
    if state.part == "front":
        state.head.append(line)
        if compact(text) in ("目录", "目次"):
            state.part = "toc"
            state.toc_heading_page = line.source.page
        return
    if state.part == "toc":
        state.head.append(line)
        return
    if state.part == "overview":
        heading = is_section_heading(text)
        if heading and state.overview_in_narrative and not _OVERVIEW_SECTION.search(compact(heading.group(2))):
            # the next section of the narrative ends a 概况 printed as one of its sections
            state.part = "narrative"
            state.overview_in_narrative = False
            state.sections.append(_OpenSection(heading.group(1), heading.group(2), line.source))
        elif heading:
            state.overview_heading = heading.group(2)
        elif state.overview_in_narrative and (sub := _SUBHEADING.match(key)):
            state.overview_heading = sub.group(1)
        else:
            state.overview.append((state.overview_heading, line))
        return
    if state.part == "glossary":
        _glossary(state, line)
        return
    if state.part == "project_note":
        state.project_notes[-1].lines.append(line)
        return
    if state.part in ("narrative", "attachment"):
        if _ATTACHMENT_START.match(key) and state.sections and "说明" not in key:
            state.part = "attachment"
            state.attachments.append(_OpenAttachment(text, line.source))
            return
        if state.part == "attachment":
            _attachment_text(state, line)
            return
        heading = is_section_heading(text)
        if heading is None and state.numbered_parts:
            heading = _SUB_SECTION.match(text.strip()) if "。" not in text else None
        if heading and _OVERVIEW_SECTION.search(compact(heading.group(2))) and not state.overview:
            state.part = "overview"
            state.overview_in_narrative = True
            state.overview_heading = heading.group(2)
            state.part_section = None
            return
        if heading and "名词解释" in heading.group(2):
            state.part, state.part_section = "glossary", None
            return
        if heading:
            state.sections.append(_OpenSection(heading.group(1), heading.group(2), line.source))
            state.part_section = None
            return
        if state.part_section is not None:
            title, source = state.part_section
            if len(key) <= 12 and not any(p in key for p in "。，；：,;:"):
                state.part_section = (title + key, source)  # the rest of a part title set over two lines
                return
            state.sections.append(_OpenSection("", title, source))
            state.part_section = None
        if state.sections:
            state.sections[-1].lines.append(line)
        return
    # text in the tables part that is not a title: keep it as a note of the table it belongs to,
    # the coming one when its title has been read (a label printed above the grid), else the last
    if state.pending_title is not None and len(key) < 120:
        state.pending_notes.append(text)
        return
    if state.tables and len(key) < 120 and not state.form_since_table:
        last = state.tables[-1]
        if _EMPTY_NOTE.search(key) and len(key) < 60 and last.empty_note is None:
            last.empty_note = text  # "说明：…故本表无数据" under the table's other notes (决算)
        else:
            last.notes.append(text)


# A remark in brackets alone on its line: "（按支出功能分类科目-不含上年结转）"
_REMARK = re.compile(r"[（(][^（）()]{1,40}[）)]")


def _title_again(state: _State, line: TextLine, key: str) -> bool:
    """The first line of the last table's title printed again at the top of a new page (the table
    goes on there under its title, with no caption)."""
    if not state.tables or not state.tables[-1].rows:
        return False
    last = state.tables[-1]
    page, last_page = line.source.page, last.rows[-1].source.page
    return page is not None and last_page is not None and page > last_page and compact(last.ctx.title).startswith(key)


def _half_title(key: str) -> bool:
    """A table title whose last bracket opens and does not close on its line ("…明细表（按支出功能
    分类科", "…政府采购（资产配置、购买服务）预算表（不含上")."""
    opened = key.count("（") + key.count("(") - key.count("）") - key.count(")")
    return opened == 1 and len(key) <= 60 and "表" in key and kind_from_title(key + "）") is not None


def _narrative_starts(state: _State, text: str) -> bool:
    """A heading of the 情况说明 where no part has opened one: in the front matter a heading about
    the department or the budget, once a cover title has been read; among the table titles of a
    目录 (no table read yet), a heading that the 目录 listed already."""
    heading = is_section_heading(text)
    if heading is None:
        return False
    title = compact(heading.group(2))
    if state.part == "front":
        about = _OVERVIEW_SECTION.search(title) or topic_of(title) is not Topic.OTHER
        return bool(about) and any(_TITLE.search(halfwidth(compact(line.text))) for line in state.head)
    return not state.tables and title in state.headings


_HEADING_LIKE = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|表[一二三四五六七八九十]+)"
)


def _undotted_toc_entry(state: _State, line: TextLine, key: str) -> bool:
    """A 目录 printed without dot leaders or page numbers (部门决算 packages, a web page's list of
    links): heading-like lines (表一… for the tables) right after the 目录 heading are its
    entries, until the first one comes round again (the body starts) or a line is no heading, or,
    in a paged document, two pages have passed. A 目录 printed as a table or with dot leaders has
    no such entries."""
    if state.toc_marked or len(key) > 50 or not _HEADING_LIKE.match(key):
        return False
    if _toc_restarts(state, key):
        return False
    start = state.toc_heading_page
    return start is None or line.source.page is None or line.source.page <= start + 2


_TABLES_PART = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:表格|报表)部分$")


def _in_toc_pages(state: _State, line: TextLine) -> bool:
    """True for a line on the 目录's own page: "三、名词解释" there is an entry, not the
    glossary's heading."""
    start, page = state.toc_heading_page, line.source.page
    return state.part == "toc" and start is not None and page == start


def _toc_restarts(state: _State, key: str) -> bool:
    """True when a line is the 目录's first entry printed again: the body has begun ("第一部分"
    over "部门概况" restarts "第一部分 部门概况")."""
    if not state.toc or not key:
        return False
    first = compact(_TOC_DOTS_END.sub("", state.toc[0].title))
    return key == first or (first.startswith(key) and len(key) >= 4)


_TOC_DOTS_END = re.compile(r"[.。…·]+\s*\d*\s*$")
# A part numbered "一、" in a package that prints no "第N部分": 一、部门概况 / 二、…情况说明 /
# 三、名词解释 / 四、…预算表 (Zhejiang)
_NUMBERED_PART = re.compile(r"^([一二三四五六七八九十]+、).*(概况|说明|名词解释|表)$")


def _numbered_part(state: _State, line: TextLine, key: str) -> bool:
    """A top-level "一、" heading that the 目录 lists as a part (the same number, the same kind of
    part: 概况, 说明, 名词解释, 表), in a package with no 第N部分."""
    if state.numbered_parts is False or len(key) > 60:
        return False
    m = _NUMBERED_PART.match(key)
    if m is None:
        return False
    listed = (compact(_TOC_DOTS_END.sub("", t)) for t in [*(e.title for e in state.toc), *(h.text for h in state.head)])
    if not any((n := _NUMBERED_PART.match(t)) and n.groups() == m.groups() for t in listed):
        return False
    _set_part(state, key[len(m.group(1)) :], line)
    state.numbered_parts = True
    return True


# Under parts numbered "一、", the 情况说明's sections are numbered "（一）"
_SUB_SECTION = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(.{2,60})$")


def _set_part(state: _State, title: str, line: TextLine) -> None:
    state.last = None
    state.overview_in_narrative = False
    state.pending_title = None  # a table title with no table before the next part was a 目录 line
    state.pending_notes = []
    state.part_section = (title, line.source)
    if "概况" in title or "职能" in title or "机构" in title:
        state.part = "overview"
    elif "名词解释" in title:
        state.part = "glossary"
    elif "说明" in title:
        state.part = "narrative"
    elif "表" in title:
        state.part = "tables"
    else:
        state.part = "narrative"


def _titled_part(state: _State, line: TextLine, key: str) -> bool:
    """A part title with no "第N部分" (主要职能, 名词解释, …编制说明, …项目经费情况说明): start the part."""
    if len(key) > 60 or TOC_DOTS.search(key) or "。" in key or "，" in key:
        return False
    if is_project_note_title(key):
        state.last = None
        state.part = "project_note"
        state.project_notes.append(_OpenSection("", line.text.strip(), line.source))
        return True
    m = _TITLED_PART.match(key)
    if not m or (m.group(1) == "预算情况说明" and (_HEADING_LIKE.match(key) or not re.search(r"\d{4}年", key))):
        return False  # "二、收入预算情况说明" is a section; "X2026年部门预算情况说明" titles the narrative
    state.last = None
    state.part_section = None  # the part is this title's now
    word = m.group(1)
    if word in ("主要职能", "机构设置"):
        heading = is_section_heading(key) if state.part == "front" else None
        state.part = "overview"
        state.overview_heading = word
        if heading is not None:
            # "一、西安市发改委主要职责及机构设置" under the cover's title, no 第N部分: the 概况 is the
            # 情况说明's first section, and its next section ("二、2019年部门主要工作任务") ends it
            state.overview_in_narrative = True
            state.overview_heading = heading.group(2)
    elif word == "名词解释":
        state.part = "glossary"
    else:
        state.part = "narrative"
        if word == "预算情况说明":  # the narrative's title: its numbered sections follow
            state.part_section = (line.text.strip(), line.source)
            state.head.append(line)  # and the package's title ("重庆市商务委员会2026年部门预算情况说明")
        elif word != "其他相关情况说明":
            # one section that covers income, expenditure and each item, with no numbered heading
            state.sections.append(_OpenSection("", line.text.strip(), line.source))
    return True


def _glossary(state: _State, line: TextLine) -> None:
    m = _GLOSSARY_ENTRY.match(line.text.strip()) or _GLOSSARY_PAREN.match(line.text.strip())
    if m:
        _glossary_done(state)
        state.glossary.append(GlossaryEntry(m.group(1), m.group(2).strip(), m.group(3).strip(), line.source))
    elif (term := _GLOSSARY_TERM.match(line.text.strip())) or (
        state.glossary
        and state.glossary[-1].definition.endswith("。")
        and (term := _GLOSSARY_NEXT.match(line.text.strip()))
    ):
        number = str(len(state.glossary) + 1)
        state.glossary.append(GlossaryEntry(number, term.group(1), term.group(2).strip(), line.source))
    elif state.glossary:
        # the lines that continue the last entry's definition, joined once it ends: joining them
        # one by one would copy the definition again for each line (a long file: quadratic time)
        state.glossary_more.append(line.text.strip())


def _glossary_done(state: _State) -> None:
    """The last glossary entry with the lines that continue its definition."""
    if state.glossary_more:
        last = state.glossary[-1]
        state.glossary[-1] = GlossaryEntry(
            last.number, last.term, last.definition + "".join(state.glossary_more), last.source
        )
        state.glossary_more.clear()


def _attachment_text(state: _State, line: TextLine) -> None:
    att = state.attachments[-1]
    key = compact(line.text)
    if _DOC_NUMBER.match(key) and att.doc_number is None:
        att.doc_number = line.text.strip()
    elif not att.named and ("关于" in key or "目录" in key) and len(key) < 100:
        att.title = f"{att.title} {line.text.strip()}"
        att.named = True


# ---------------------------------------------------------------------------------------------
# table blocks


def _table(state: _State, block: TableBlock) -> None:
    if state.part in ("front", "toc") and state.pending_title is None and _is_toc(block):
        _toc(state, block)
        return
    if state.pending_form is not None:
        form = state.pending_form
        if state.forms and _form_continues(state.forms[-1], block):
            form = state.forms[-1]  # the title printed again over the rest of a form on the next page
        else:
            state.forms.append(form)
        form.rows.extend(block.rows)
        state.pending_form = None
        state.last = form
        state.form_since_table = True
        return
    if state.pending_form is None and _form_goes_on(state, block):
        state.forms[-1].rows.extend(block.rows)
        state.last = state.forms[-1]
        return
    if state.pending_title is not None:
        title, kind, source = state.pending_title
        caption, number = state.pending_caption or (None, None)
        if (last := _continued(state, title, kind, number, block)) is not None:
            _extend(last.rows, _without_repeated_header(last.rows, block.rows))
            state.pending_notes = []
            state.pending_title = state.pending_caption = None
            state.pending_unit = None
            state.last = last
            return
        if (strip := _column_strip(state, title, kind, block)) is not None:
            if state.pending_unit is not None and not strip.table.unit_printed:
                strip.table.ctx = replace(strip.table.ctx, unit=state.pending_unit)
                strip.table.unit_printed = True
            state.strips.append(strip)
            state.pending_notes = []
            state.pending_title = state.pending_caption = None
            state.pending_unit = None
            state.last = strip
            return
        ctx = TableContext(
            kind=kind,
            title=title,
            unit=state.pending_unit or Unit.WAN,
            source=source,
            caption=caption,
            number=number,
            department=state.pending_department,
        )
        printed = state.pending_unit is not None
        table = _OpenTable(ctx, list(block.rows), notes=state.pending_notes, unit_printed=printed)
        state.tables.append(table)
        state.form_since_table = False
        state.pending_notes = []
        state.pending_title = state.pending_caption = None
        state.pending_unit = None
        state.last = table
        return
    if isinstance(state.last, _ColumnStrip):
        state.last.take(block.rows)
        return
    if isinstance(state.last, _OpenTable | _OpenForm):
        rows = block.rows[1:] if block.starts_blank else block.rows
        if isinstance(state.last, _OpenTable):
            _extend(state.last.rows, _without_repeated_header(state.last.rows, rows))
        else:
            state.last.rows.extend(rows)
        return
    if state.part == "attachment" and state.attachments:
        _catalog(state, block)
        state.last = state.attachments[-1]
        return
    if isinstance(state.last, _OpenAttachment):
        _catalog(state, block)
        return
    if state.part in ("front", "toc") and _is_toc(block):
        _toc(state, block)
        return
    if _table_list(state, block):
        return
    if state.part == "overview" and (names := units_table_to_names(block.rows)) is not None:
        state.unit_names.extend(names)
        return
    if state.part in ("narrative", "overview") and state.pending_title is None:
        # inside the 情况说明 and under no table title: a chart's labels or a small table of text
        # (收费标准), no budget table; noted, not warned about
        note = "情况说明中有一张没有表题的表格或图，未作为预算表读取"
        state.notes.append(ReadNote(NoteLevel.INFO, note, block.source, "narrative-table"))
        return
    state.notes.append(ReadNote(NoteLevel.WARNING, "无法识别的表格（没有表题），未读取", block.source, "unknown-table"))


def _table_list(state: _State, block: TableBlock) -> bool:
    """The list of the tables printed before them ("报表 | 报表名称 | 是否空表 | 表格为空的理由", Xi'an):
    no budget table. A table it marks empty ("表11 | … | 是 | 不涉及") is said to be so."""
    rows = [r for r in block.rows if not r.is_blank]
    head = [compact(c) for c in rows[0].cells] if rows else []
    if "报表名称" not in head or not any(c.startswith("是否空表") for c in head):
        return False
    empty = next(i for i, c in enumerate(head) if c.startswith("是否空表"))
    for row in rows[1:]:
        caption = _CAPTION.match(compact(row.cells[0])) if row.cells else None
        if caption is None or empty >= len(row.cells) or compact(row.cells[empty]) != "是":
            continue
        reason = "".join(c for c in row.cells[empty + 1 :] if c.strip())
        number = numeral_value(caption.group(1) or caption.group(2))
        if number is not None:
            state.listed_empty[number] = f"报表目录：是否空表 是{('，' + reason) if reason else ''}"
    return True


_INDICATOR_HEADS = ("绩效指标", "年度绩效指标", "一级指标", "产出指标", "效益指标", "满意度指标", "成本指标")


def _form_goes_on(state: _State, block: TableBlock) -> bool:
    """A block of indicator rows at the top of the page after a form, under no title of its own
    (the form's side labels "产 / 出 / 指 / 标" printed as text between): the rest of that form."""
    if not state.forms or state.pending_title is not None or not state.forms[-1].rows:
        return False
    form = state.forms[-1]
    first = next((r for r in block.rows if not r.is_blank), None)
    last_page, page = form.rows[-1].source.page, block.source.page
    if first is None or last_page is None or page is None or page != last_page + 1:
        return False
    if state.tables and (state.tables[-1].rows[-1].source.page or 0) >= last_page:
        return False  # a table came after the form
    if "".join(compact(c) for c in first.cells).startswith(_INDICATOR_HEADS):
        return True
    # the rest of the indicators from a row whose levels the page before printed (Xi'an n137 p48
    # "| | 质量指标 | 采购物资合格率（%） | 100 | 6", n144 p87 "| | 指标14：…"): a level's name below
    return any(compact(c) in _INDICATOR_LEVELS for r in block.rows for c in r.cells)


# The names of the first and second levels of indicators.
_INDICATOR_LEVELS = frozenset(
    (
        *_INDICATOR_HEADS,
        "数量指标",
        "质量指标",
        "时效指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    )
)


def _form_continues(form: _OpenForm, block: TableBlock) -> bool:
    """True when a block under a repeated form title holds no head of its own (项目名称, 主管部门)
    but goes on with the indicator rows of the form before it."""
    first = next((r for r in block.rows if not r.is_blank), None)
    if first is None or not form.rows:
        return False
    head = "".join(compact(c) for c in first.cells)
    return head.startswith(_INDICATOR_HEADS) and any("项目名称" in compact(c) for r in form.rows[:3] for c in r.cells)


def _column_strip(state: _State, title: str, kind: TableKind, block: TableBlock) -> _ColumnStrip | None:
    """The rest of the last table's columns, when a block under its title again, on a later page,
    is narrower than it and labels no row: every cell of it a column head, blank or an amount.
    (A table printed again for another unit labels its rows.)"""
    if not state.tables or kind is TableKind.OTHER:
        return None
    last = state.tables[-1]
    if last.ctx.kind is not kind or compact(last.ctx.title) != compact(title) or not last.rows:
        return None
    page, last_page = block.source.page, last.rows[-1].source.page
    if page is None or last_page is None or page <= last_page:
        return None
    width = max(len(r.cells) for r in last.rows)
    if max((len(r.cells) for r in block.rows), default=0) >= width:
        return None
    strip = _ColumnStrip(last, block.source)
    strip.take(block.rows)
    labels = [h for h in strip.heads if not _is_column_head(h)]
    return strip if not labels else None


def _strip_note(strip: _ColumnStrip) -> ReadNote:
    """What a table's columns printed apart from its rows hold: nothing (said), or amounts that
    cannot be put in any row (said as a warning: they are not read)."""
    title, page = strip.table.ctx.title, strip.source.page
    heads = "、".join(h for h in strip.heads if not h.startswith("单位"))
    where = f"{title}：第 {page} 页起另行印出本表其余的列（{heads}）"
    if not strip.amounts:
        return ReadNote(NoteLevel.INFO, f"{where}，其中没有金额", strip.source, "columns-apart")
    message = f"{where}，有 {strip.amounts} 个金额但没有行名，未读取"
    return ReadNote(NoteLevel.WARNING, message, strip.source, "columns-apart")


def _is_column_head(text: str) -> bool:
    """A column head of a budget table ("其他收入", "收入预算", "单位：元"), not a row's label: a
    head names money (收入, 支出, 拨款, 经费, 资金, 结转, 合计) or the unit."""
    return bool(re.search(r"收入|支出|拨款|经费|资金|结转|结余|合计|单位[：:]", text)) and not re.search(r"\d{3}", text)


def _continued(state: _State, title: str, kind: TableKind, number: int | None, block: TableBlock) -> _OpenTable | None:
    """The table a block continues when its page repeats the caption, title and header of the
    table before it (Yantai, Huzhou): the same title, number and department, the same first header
    row, and a body that does not start again at a 合计 (a table repeated once per unit does)."""
    if not state.tables:
        return None
    last = state.tables[-1]
    ctx = last.ctx
    if ctx.kind is not kind or compact(ctx.title) != compact(title) or (number and ctx.number != number):
        return None
    if state.pending_department and ctx.department and state.pending_department != ctx.department:
        return None
    page, last_page = block.source.page, last.rows[-1].source.page if last.rows else None
    if page is None or last_page is None or page <= last_page:
        return None
    head = next((r for r in last.rows if not r.is_blank), None)
    first = next((r for r in block.rows if not r.is_blank), None)
    if head is None or first is None or tuple(map(compact, head.cells)) != tuple(map(compact, first.cells)):
        return None
    rest = _without_repeated_header(last.rows, block.rows)
    start = next((r for r in rest if not r.is_blank), None)
    if start is not None and start.cells and compact(start.cells[0]) in ("合计", "总计"):
        return None
    return last


_CUT_AMOUNT = re.compile(r"^-?\d[\d,]*[.,]\d?$|^-?\d{1,3}(?:,\d{3})*\.$")  # "12,437.3", "12,437."
_AMOUNT_END = re.compile(r"^\d{1,2}$")
_WHOLE_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")


def _extend(rows: list[TableLine], more: Sequence[TableLine]) -> None:
    """`more`, the rows of the next page, added to a table's `rows`; a row that the page break cut
    in two is put back together: the next page begins with the rest of its label and the last
    digits of an amount that wrapped inside its cell ("杭州市机动 … 12,437.3" at the foot of one
    page, "车驾驶员考试服务中心 … 6" at the top of the next: 12,437.36)."""
    first = next((i for i, r in enumerate(more) if not r.is_blank), None)
    last = next((i for i in range(len(rows) - 1, -1, -1) if not rows[i].is_blank), None)
    if first is not None and last is not None and (joined := _rejoined(rows[last], more[first])) is not None:
        rows[last] = joined
        rows.extend(more[first + 1 :])
        return
    rows.extend(more)


def _rejoined(upper: TableLine, lower: TableLine) -> TableLine | None:
    """The one row that `upper` (last of a page) and `lower` (first of the next) were cut from, or
    None: every amount cell of `lower` must end an amount cut short in the same cell of `upper`,
    and `lower` must end such an amount, or hold only the rest of labels that `upper` cut inside
    their brackets while some other label of `upper` has nothing under it (a unit's name wrapped,
    its project's name cell left blank)."""
    if upper.source.page is None or lower.source.page is None or lower.source.page <= upper.source.page:
        return None
    if len(upper.cells) != len(lower.cells):
        return None
    cells: list[str] = []
    ends = 0
    labels_left = False  # a label of `upper` with nothing under it: `lower` is no row of its own
    cut = True  # every label `lower` goes on with stops inside its brackets
    for above, below in zip(upper.cells, lower.cells, strict=True):
        a, b = above.strip(), below.strip()
        if not b:
            labels_left = labels_left or bool(a and not _WHOLE_AMOUNT.match(a.replace(",", "")))
            cells.append(above)
        elif _AMOUNT_END.match(b) or b[0].isdigit():
            if not (_CUT_AMOUNT.match(a) and _AMOUNT_END.match(b) and _WHOLE_AMOUNT.match(a + b)):
                return None
            cells.append(a + b)
            ends += 1
        elif a and not _WHOLE_AMOUNT.match(a.replace(",", "")):
            cells.append(a + b)  # the rest of a label
            cut = cut and _unclosed(a)
        else:
            return None
    return TableLine(tuple(cells), upper.source) if ends or (labels_left and cut) else None


def _unclosed(label: str) -> bool:
    """True when a label stops inside its brackets ("杭州市公安局交通治安分局（水上")."""
    return label.count("（") + label.count("(") > label.count("）") + label.count(")")


def _without_repeated_header(first: Sequence[TableLine], rows: tuple[TableLine, ...]) -> tuple[TableLine, ...]:
    """A table continued on a new page often repeats its header rows: drop them."""
    n = 0
    while n < len(rows) and n < len(first):
        head = tuple(compact(c) for c in first[n].cells)
        if not any(head) or tuple(compact(c) for c in rows[n].cells) != head:
            break
        n += 1
    return rows[n:]


def _is_toc(block: TableBlock) -> bool:
    entries = [r for r in block.rows if not r.is_blank]
    dotted = sum(1 for r in entries if any(TOC_DOTS.search(c) for c in r.cells))
    return bool(entries) and dotted * 2 >= len(entries)


def _toc(state: _State, block: TableBlock) -> None:
    for row in block.rows:
        filled = row.nonblank
        if not filled:
            continue
        title = TOC_DOTS.sub("", filled[0]).strip()
        page = next((int(c) for c in filled[1:] if c.strip().isdigit()), None)
        if title:
            state.toc.append(TocEntry(title, page, row.source))
    state.last = "toc"
    state.toc_marked = True


def _catalog(state: _State, block: TableBlock) -> None:
    att = state.attachments[-1]
    for row in block.rows:
        filled = row.nonblank
        if not filled:
            continue
        first = compact(row.cells[0]) if row.cells else ""
        if first in ("代码", "编码"):
            continue
        if first and codelib.scheme(first) is codelib.CodeScheme.SERVICE:
            name = filled[1] if len(filled) > 1 else ""  # the first filled cell is the code's
            att.catalog.append(CatalogRow(first, name, codelib.level(first), att.group, row.source))
        elif len(filled) == 1:
            att.group = filled[0]


# ---------------------------------------------------------------------------------------------
# assembling


def _finish(state: _State, reader: str, blocks: Sequence[Block], recognition: Recognition | None) -> Disclosure:
    _glossary_done(state)
    notes = list(state.notes)
    tables: list[Table] = []
    _assume_units(state.tables, notes)
    notes.extend(_strip_note(strip) for strip in state.strips)
    for open_table in state.tables:
        ctx = open_table.ctx
        if ctx.kind is TableKind.THREE_PUBLIC and _org_operation_only(open_table.rows):
            # under the combined title "“三公”经费和机关运行经费预算表", a table of 机关运行经费 alone
            ctx = open_table.ctx = replace(ctx, kind=TableKind.ORG_OPERATION)
        combined = (
            # the layout printed across (a 年度 column, items over budgets) first: its 预算单位 column
            # would otherwise read as a table listed by unit
            across_to_tables(open_table.rows, ctx) or combined_to_tables(open_table.rows, ctx)
            if ctx.kind is TableKind.THREE_PUBLIC
            else None
        )
        if combined is not None:
            tables.extend(replace(t, empty_note=open_table.empty_note, notes=tuple(open_table.notes)) for t in combined)
            continue
        table, table_notes = block_to_table(open_table.rows, open_table.ctx)
        if open_table.empty_note is None and table.is_empty and table.number in state.listed_empty:
            open_table.empty_note = state.listed_empty[table.number]
        if open_table.empty_note or open_table.notes:
            table = replace(table, empty_note=open_table.empty_note, notes=tuple(open_table.notes))
        tables.extend(split_org_operation(table))
        notes.extend(table_notes)
    opened = _without_toc_sections(state.sections)
    sections = tuple(lines_to_section(s.number, s.title, s.source, s.lines) for s in opened)
    project_notes: list[ProjectNote] = [lines_to_project_note(n.title, n.source, n.lines) for n in state.project_notes]
    overall: list[OverallForm] = []
    projects: list[ProjectForm] = []
    for form in state.forms:
        if form.overall:
            signature = signature_from_text(form.signature_text) if form.signature_text else None
            overall.append(rows_to_overall_form(form.title, form.year, form.rows, signature, form.source))
        else:
            projects.append(rows_to_project_form(form.title, form.year, form.rows, form.source))
    tables = _number_from_toc(tables, state.toc)
    known = recognition or _recognition(state)
    doc_type = known.document_type
    if not tables and not sections:
        raise UnusableInput(state.file, "不是部门预算公开文件：没有找到预算表或情况说明（not a budget disclosure）")
    other = _other_document(state.head)
    if other is not None and doc_type is None and not sections and len({t.kind for t in tables}) < 2:
        # a report or a notice with one table in it (a 绩效评价报告's 项目支出情况表) is no package
        raise UnusableInput(state.file, f"不是部门预算公开文件：这是“{other}”（not a budget disclosure）")
    # a section of its own ("九、政府采购情况"), else a part of another under its own heading
    # ("（二）政府采购情况" in 其他重要事项说明)
    parts = [*sections, *(part for s in sections for part in subsections(s))]
    procurement = next((p for s in parts if s.topic is Topic.PROCUREMENT and (p := section_to_procurement(s))), None)
    assets = next((a for s in parts if s.topic is Topic.ASSETS and (a := section_to_assets(s))), None)
    disclosure = Disclosure(
        file=state.file,
        reader=reader,
        document_type=doc_type,
        department=known.department,
        year=known.year,
        region=known.region,
        level=known.level,
        title=known.title,
        toc=tuple(state.toc),
        overview=_overview(state),
        tables=tuple(tables),
        sections=sections,
        overall_forms=tuple(overall),
        project_forms=tuple(projects),
        assets=assets,
        procurement=procurement,
        glossary=tuple(state.glossary),
        attachments=tuple(Attachment(a.title, a.doc_number, tuple(a.catalog), a.source) for a in state.attachments),
        notes=tuple(notes) + _completeness(state, tables, sections, blocks) + _narrative_only(state, tables, sections),
        project_notes=tuple(project_notes),
    )
    return disclosure


# The title of a document of another kind: a report, a notice, a gazette, a form, a statistics bulletin.
_OTHER_DOCUMENT = re.compile(r"(报告|通知|公报|申请表|月报|评价结果|通报|决定|意见|办法)$")


def _other_document(head: Sequence[TextLine]) -> str | None:
    """The title a document's first page gives it when that names another kind of document."""
    first = next((line.source.page for line in head), None)
    for line in head:
        if line.source.page != first:
            break
        key = compact(line.text)
        if len(key) <= 40 and _OTHER_DOCUMENT.search(key):
            return line.text.strip()
    return None


def _without_toc_sections(sections: Sequence[_OpenSection]) -> list[_OpenSection]:
    """A 目录 printed as plain headings with no 目录 line above it opens sections that have no text
    and come round again in the body: those are 目录 entries, not sections."""
    later: set[tuple[str, str]] = set()
    kept: list[_OpenSection] = []
    for s in reversed(sections):
        key = (s.number, compact(s.title))
        if s.lines or key not in later:
            kept.append(s)
        later.add(key)
    return kept[::-1]


def _narrative_only(state: _State, tables: Sequence[Table], sections: Sequence[Section]) -> tuple[ReadNote, ...]:
    """A package that holds its 情况说明 and no table: said once, naming where its 报表 are
    published when it says so ("附件：…部门预算报表")."""
    if tables or not sections or state.forms:
        return ()
    elsewhere = state.tables_elsewhere
    if elsewhere is not None:
        message = f"本文件只有情况说明，报表另行公开（附件：{elsewhere.text}）"
        return (ReadNote(NoteLevel.INFO, message, elsewhere.source, "narrative-only"),)
    start = sections[0].source
    return (ReadNote(NoteLevel.INFO, "本文件只有情况说明，没有报表", start, "narrative-only"),)


def _assume_units(tables: Sequence[_OpenTable], notes: list[ReadNote]) -> None:
    """A table printed with no 单位 line (Shanghai's wide 收入预算总表 prints "单位：元" on the page its
    last column overflows to) is in the unit most of the package's other tables print, said in a
    note; with no table printing a unit, 万元 as before."""
    printed = Counter(t.ctx.unit for t in tables if t.unit_printed)
    if not printed:
        return
    (unit, _), *_ = printed.most_common(1)
    for t in tables:
        if not t.unit_printed and t.ctx.unit is not unit:
            t.ctx = replace(t.ctx, unit=unit)
            note = f"{t.ctx.title}：没有印出金额单位，按本文件其他表的单位（{unit.value}）读取"
            notes.append(ReadNote(NoteLevel.INFO, note, t.ctx.source, "unit-assumed"))


def _org_operation_only(rows: Sequence[TableLine]) -> bool:
    """Rows that speak of 机关运行经费 and of none of the 三公 items."""
    text = "".join(c for row in rows for c in row.cells)
    return "机关运行" in text and not any(w in text for w in ("三公", "出国", "接待", "公务用车"))


_TOC_TABLE = re.compile(r"^(?:预算公开表|部门公开表|公开表|表)\s*([0-9]+|[一二三四五六七八九十]+)[、.．\s]*(.+)$")


def _number_from_toc(tables: list[Table], toc: Sequence[TocEntry]) -> list[Table]:
    """Tables printed without a caption take their number from the 目录 entry with their title."""

    numbered: dict[str, int] = {}
    for entry in toc:
        m = _TOC_TABLE.match(compact(entry.title))
        if m:
            numbered[m.group(2)] = numeral_value(m.group(1))
    out = []
    for table in tables:
        if table.number is None:
            number = numbered.get(compact(table.title))
            if number is not None:
                table = replace(table, number=number)
        out.append(table)
    return out


def _joined_head(head: Sequence[TextLine]) -> list[TextLine]:
    """Runs of two or three short lines of one page that join into a whole title, then the head
    lines: a cover title set in large type breaks over lines ("…规划和自然" / "资源局" /
    "2024年度部门决算")."""
    joined: list[TextLine] = []
    for size in (4, 3, 2):
        for i in range(len(head) - size + 1):
            run = head[i : i + size]
            if run[0].source.page is None or any(r.source.page != run[0].source.page for r in run):
                continue
            if any(len(compact(r.text)) > 30 or _HEADING_LIKE.match(compact(r.text)) for r in run):
                continue  # (目录 entries are no cover title)
            text = "".join(r.text.strip() for r in run)
            key = halfwidth(compact(text))
            m = _TITLE.search(key)
            if _NAMED_TITLE.match(key):
                joined.append(TextLine(text, run[0].source))
                continue
            if not m or m.start() == 0:
                continue
            # words after the title ("…部门预算信息公开") only when no line holds the title alone
            alone = any(_TITLE.search(halfwidth(compact(r.text))) for r in run)
            if m.end() == len(key) or (not alone and _TITLE_TRAILER.fullmatch(key, m.end())):
                joined.append(TextLine(text, run[0].source))
    return [*joined, *head]


def _title(head: Sequence[TextLine], titles: Sequence[str]) -> tuple[str | None, int | None, DocumentType | None]:
    for line in _joined_head(head):
        key = halfwidth(compact(line.text))
        m = _TITLE.search(key)
        named = _NAMED_TITLE.match(key)
        if named:
            year, unit_or_dept, budget = named.group(1), named.group(3), named.group(4)
        elif m:
            year, unit_or_dept, budget = m.group(1), m.group(2), m.group(3)
        if named or m:
            if budget == "预算":
                doc = DocumentType.DEPARTMENT_BUDGET if unit_or_dept == "部门" else DocumentType.UNIT_BUDGET
            else:
                doc = DocumentType.DEPARTMENT_FINAL if unit_or_dept == "部门" else DocumentType.UNIT_FINAL
            return line.text, int(year), doc
    year = next((y for t in titles if (y := year_of(t))), None)
    return None, year, None


def _department(state: _State, title_line: str | None) -> str | None:
    # "上海市普陀区财政局2024年度部门决算": the department is named before the year; "北京市信访
    # 办公室部门 2026 年度部门预算" names it with 部门 after it. A package that names only its
    # attachment names it there: "附件：北京市人民政府办公厅 2026 年度部门预算报表".
    # The cover's own lines come before the attachment's name, which may be the short one
    # ("附件：市城管执法局 2026 年度部门预算报表" under the cover's 北京市城市管理综合行政执法局).
    titled = _named_before_year(title_line)
    if state.department:
        # the tables' "511-退役军人事务局" under the cover's "湖州市退役军人事务局": the fuller name
        fuller = titled and titled != state.department and titled.endswith(compact(state.department))
        return titled if fuller else state.department
    # "2026年度福州市商务局部门预算": the department is named between the year and 部门预算
    if between := _NAMED_TITLE.match(halfwidth(compact(title_line or ""))):
        return between.group(2)
    if titled is not None:
        return titled
    for line in state.head:
        if line.text == title_line:
            break
        if re.search(r"(局|委员会|中心|办公室|院|厅|部|处|站|所|队|会)$", line.text.strip()):
            return line.text.strip()
    return _named_before_year(state.tables_elsewhere.text) if state.tables_elsewhere else None


def _named_before_year(text: str | None) -> str | None:
    before = re.match(r"^(\S{4,40}?)(?:部门)?\s*\d{4}\s*年", compact(text or ""))
    if before and re.search(r"(局|委员会|中心|办公室|院|厅|部|处|站|所|队|会|办事处)$", before.group(1)):
        return before.group(1)
    return None


_UNITS_LIST = re.compile(r"包含(.+?)[；;。]")
_INTERNAL = re.compile(r"下设\s*(\d+)\s*个([^，,：:；;。]*)")
_INTERNAL_NAMES = re.compile(r"分别为[:：](.+?)(?:等)?[。；;]?$")
_VEHICLES = re.compile(r"公务用车\s*(\d+)\s*辆")
_NATURE = re.compile(r"单位性质为\s*([^。，,；;]+?单位)")
_BUDGET_LEVEL = re.compile(r"为\s*(一级预算单位|二级预算单位|三级预算单位)")


def _overview(state: _State) -> Overview:
    duties_lines = [line for heading, line in state.overview if "职责" in heading or "职能" in heading]
    setup_lines = [line for heading, line in state.overview if "职责" not in heading and "职能" not in heading]
    text = "\n".join(line.text for _, line in state.overview)
    duties = "\n".join(line.text for line in duties_lines) or None
    units: tuple[str, ...] = ()
    internal_count = None
    internal_names: tuple[str, ...] = ()
    setup = "\n".join(line.text for line in setup_lines)
    if m := _UNITS_LIST.search(setup):
        units = tuple(u.strip() for u in re.split(r"[、,，]", m.group(1)) if u.strip())
    units = units or tuple(state.unit_names)
    if m := _INTERNAL.search(setup):
        internal_count = int(m.group(1))
    for line in setup_lines:
        if m := _INTERNAL_NAMES.search(line.text):
            internal_names = tuple(n.strip() for n in re.split(r"[、,，]", m.group(1)) if n.strip())
    vehicles = int(m.group(1)) if (m := _VEHICLES.search(text)) else None
    nature = m.group(1) if (m := _NATURE.search(text)) else None
    budget_level = m.group(1) if (m := _BUDGET_LEVEL.search(text)) else None
    source = state.overview[0][1].source if state.overview else None
    return Overview(duties, nature, budget_level, units, internal_count, internal_names, vehicles, source)


_TOC_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、")
_STAND_IN = re.compile(r"^(?:本)?(?:部门|单位)(?=\S{2,})")
_TABLES_PART = re.compile(r"^(?:\d{4}年度?)?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报表|表格?)$")


def _toc_entry_found(title: str, found: set[str], tables: Sequence[Table]) -> bool:
    """A 目录 entry the body prints in its own words: "部门主要职能" as "<the department>主要职能"
    (部门 stands for the name), "部门预算表" as the tables themselves, "其他重要事项说明" as
    "其他重要事项的情况说明" (filler words added)."""
    if _TABLES_PART.match(title):
        return bool(tables) or any(kind_from_title(f) for f in found if len(f) <= 60)
    bare = _STAND_IN.sub("", title)
    if bare != title and any(f.endswith(bare) and len(f) <= 40 for f in found):
        return True
    return any(_with_filler(title, _TOC_ORDINAL.sub("", f)) for f in found if len(f) <= 60)


_FILLER = set("的之情况和及与年度")


def _with_filler(short: str, long: str) -> bool:
    """True when `long` is `short` with only filler characters (的, 情况, 年度…) added."""
    if len(long) <= len(short) or len(long) > len(short) + 4:
        return False
    i = 0
    for ch in long:
        if i < len(short) and ch == short[i]:
            i += 1
        elif ch not in _FILLER:
            return False
    return i == len(short)


def _completeness(
    state: _State, tables: Sequence[Table], sections: Sequence[Section], blocks: Sequence[Block]
) -> tuple[ReadNote, ...]:
    """Notes for a document that stops early: cut inside a table, or missing what its 目录 lists."""
    notes: list[ReadNote] = []
    # Lines after the 目录 in reading order: (sheet, row) in a workbook, the line elsewhere.
    toc_last = state.toc[-1].source if state.toc else None
    toc_end = (toc_last.page or 0, toc_last.line) if toc_last is not None and toc_last.line is not None else (0, 0)
    found_titles = {
        compact(b.text)
        for b in blocks
        if isinstance(b, TextLine) and (b.source.page or 0, b.source.line or 0) > toc_end
    }
    every_text = "\n".join(found_titles)
    missing = []
    for entry in state.toc:
        title = compact(re.sub(r"^表[一二三四五六七八九十\d]+", "", entry.title))
        title = _TOC_ORDINAL.sub("", title)
        if not title or (title.startswith("第") and "部分" in title[:6]):
            continue
        if title in found_titles or title in every_text:
            continue
        if not any(f in title for f in found_titles if f) and not _toc_entry_found(title, found_titles, tables):
            missing.append(entry.title)
    last = blocks[-1] if blocks else None
    if isinstance(last, TableBlock) and (missing or not sections):
        where = last.rows[-1].source
        name = next((t.title for t in reversed(tables)), "表格")
        what = "、".join(missing[:6]) + ("等" if len(missing) > 6 else "") if missing else "情况说明等后续部分"
        notes.append(
            ReadNote(NoteLevel.WARNING, f"文件在{name}中途结束（可能被截断），缺少：{what}", where, "truncated")
        )
    elif missing:
        for title in missing:
            notes.append(
                ReadNote(NoteLevel.WARNING, f"目录所列“{title}”未在正文中找到", Source(state.file), "missing-part")
            )
    return tuple(notes)
