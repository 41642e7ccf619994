"""Completeness: every required part of a budget disclosure is present, and empty tables say so.

The parts follow 财预〔2016〕143号 and the provinces' templates: the standard tables (by kind), the
三公 and 机关运行经费 explanations, 政府采购, 国有资产, 绩效目标 and the 名词解释. A table with no
data must still be published and marked (本表无数据 / 故本表为空表).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..model import ColumnKey, Disclosure, NoteLevel, Severity, Source, Table, TableKind, Topic
from ..model.tables import FINAL_KIND_LABELS
from ..parse.titles import is_form_title, kind_from_title
from .registry import Flag, flag, rule

BASIS = (
    "部门预算公开的内容（预算法 §14；财预〔2016〕143号《地方预决算公开操作规程》）；各地模板的表目不同："
    "国有资本经营预算表、机关运行经费表只在本公开的目录列出时要求"
)
# The tables every province's 预算 template publishes (财预〔2016〕143号's eight), and those that
# only some templates print as a table of their own: Chongqing prints no 国有资本经营 table, and
# Shenzhen, Fuzhou and Chongqing state the 机关运行经费 in the narrative only. A table of the second
# kind is required when the package's own 目录 lists it.
REQUIRED_TABLES = (
    TableKind.BUDGET_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GENERAL_BASIC_ECON,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.THREE_PUBLIC,
)
REQUIRED_WHEN_LISTED = (TableKind.STATE_CAPITAL, TableKind.ORG_OPERATION)


def _start(d: Disclosure) -> Source:
    return Source(d.file, line=1) if d.reader in ("markdown", "text") else Source(d.file, page=1)


@rule(
    "complete.tables",
    Severity.ERROR,
    "公开了全部规定的表",
    BASIS,
    "缺少{table}（{kind}）",
    "缺少“三公”经费支出预算表（three_public）",
)
def tables(d: Disclosure) -> Iterator[Flag]:
    if not d.tables:
        return
    final = d.document_type is not None and d.document_type.is_final
    listed = {kind_from_title(entry.title) for entry in d.toc}
    required = (
        FINAL_KIND_LABELS
        if final
        else {
            kind: kind.label
            for kind in REQUIRED_TABLES + REQUIRED_WHEN_LISTED
            if kind in REQUIRED_TABLES or kind in listed
        }
    )
    for kind, label in required.items():
        if d.table(kind) is None and not _printed_in_another(d, kind):
            yield flag(_start(d), expected=label, found="无", table=label, kind=kind.value)


def _printed_in_another(d: Disclosure, kind: TableKind) -> bool:
    """True when a wider table prints what a table of `kind` would: the 一般公共预算基本支出 by
    economic class as the 基本支出 column of a table of all 一般公共预算 spending by economic class
    (Shenzhen's 一般公共预算支出表（按经济分类）: 支出总计 | 基本支出 | 项目支出)."""
    if kind is not TableKind.GENERAL_BASIC_ECON:
        return False
    return any(
        t.kind is TableKind.OTHER
        and "一般公共预算" in t.title
        and "经济" in t.title
        and t.column(ColumnKey.BASIC) is not None
        for t in d.tables
    )


@rule(
    "complete.empty-table-note",
    Severity.WARNING,
    "空表注明“本表无数据”",
    "没有数据的表也应公开，并注明无数据的原因（财预〔2016〕143号）；情况说明已说明没有这项资金（“政府性基金拨款支出预算为0”）时只作提示",
    "{table}{problem}",
    "表8没有数据，但未注明“本表无数据”",
)
def empty_table_note(d: Disclosure) -> Iterator[Flag]:
    # One printed table may be read as two (Shanghai's 三公 and 机关运行经费 in one table): a part
    # is empty only when the whole printed table is, and what its note says is said once.
    keys = _printed_keys(d.tables)
    printed: dict[tuple[str, Source], list[bool]] = {}
    narrative: str | None = None
    for table in d.tables:
        has_data = any(v for r in table.rows for _, v in r.values)
        printed.setdefault(keys[id(table)], []).append(has_data)
    reported: set[tuple[str, Source]] = set()
    for table in d.tables:
        key = keys[id(table)]
        if key in reported:
            continue
        no_data = not any(printed[key])  # blank or printed zero
        if no_data and not table.empty_note:
            reported.add(key)
            if narrative is None:
                narrative = "\n".join(s.title + "\n" + s.text for s in d.sections)
            if _stated_none(table.kind, narrative):
                # "政府性基金拨款支出预算为0", "本单位无机关运行经费": the 情况说明 gives the reason
                # the table does not print; said, but not as a warning
                problem = "没有数据，未注明“本表无数据”（情况说明已说明没有这项资金）"
                yield flag(table.source, severity=Severity.INFO, table=table.label, problem=problem)
                continue
            yield flag(table.source, table=table.label, problem="没有数据，但未注明“本表无数据”")
        elif not no_data and table.empty_note:
            reported.add(key)
            yield flag(
                table.source,
                severity=Severity.ERROR,
                found=table.empty_note,
                table=table.label,
                problem=f"注明“{table.empty_note}”，表中却有金额",
            )


def _printed(table: Table) -> tuple[str, Source]:
    """The printed table a table was read from: its title where it was printed."""
    return table.title, table.source._replace(table=None)


def _printed_keys(tables: Sequence[Table]) -> dict[int, tuple[str, Source]]:
    """Each table's printed table (by `id`). A table read in parts is one printed table: a part
    with the number, title and kind of the part before it, starting on the page where that part
    ends or on the next (Shenzhen's 表9 lists its 三公 by 预算单位, a block of rows per unit over six
    pages, read as a table per unit; a column printed on a page of its own, Shanghai n013 p10's
    其他收入, under the title of the 收入预算总表 before it)."""
    keys: dict[int, tuple[str, Source]] = {}
    before: Table | None = None
    for table in tables:
        same = before is not None and (table.number, table.title, table.kind) == (
            before.number,
            before.title,
            before.kind,
        )
        if before is not None and same and table.source.page is not None:
            end = max((r.source.page or 0 for r in before.rows), default=before.source.page or 0)
            if end <= table.source.page <= end + 1:
                keys[id(table)] = keys[id(before)]
                before = table
                continue
        keys[id(table)] = _printed(table)
        before = table
    return keys


# What a 情况说明 calls the money of a table that may be empty.
_EMPTY_WORDS = {
    TableKind.GENERAL_EXPENDITURE: "一般公共预算",
    TableKind.GENERAL_BASIC_ECON: "一般公共预算",
    TableKind.GOV_FUND_EXPENDITURE: "政府性基金",
    TableKind.GOV_FUND_INCOME: "政府性基金",
    TableKind.STATE_CAPITAL: "国有资本经营",
    TableKind.THREE_PUBLIC: "三公",
    TableKind.ORG_OPERATION: "机关运行经费",
}


@lru_cache(maxsize=8)
def _none_pattern(word: str) -> re.Pattern[str]:
    # "本单位无机关运行经费", "没有使用政府性基金…", "政府性基金拨款支出预算为0" (or "…预算0万元"),
    # "“三公”经费预算数为0.00万元"
    return re.compile(
        rf"(?:无|没有|未安排|不涉及|未使用)[^，,。；;\n]{{0,12}}{word}"
        rf"|{word}[^。；;\n]{{0,30}}?(?:(?:为|是)\s*(?:零|0(?:\.0+)?(?![\d.]))|(?<![\d.,])0(?:\.0+)?\s*(?:万元|元))"
    )


def _stated_none(kind: TableKind, narrative: str) -> bool:
    """True when the 情况说明 says that the package has none of the money `kind`'s table shows: an
    empty table's reason given in the text, which is what 财预〔2016〕143号 asks of it."""
    word = _EMPTY_WORDS.get(kind)
    return word is not None and _none_pattern(word).search(narrative) is not None


SECTIONS = (
    (Topic.THREE_PUBLIC, "“三公”经费预算情况说明", ("三公",)),
    (Topic.ORG_OPERATION, "机关运行经费说明", ("机关运行经费",)),
    (Topic.PROCUREMENT, "政府采购情况说明", ("政府采购",)),
    (Topic.ASSETS, "国有资产占有使用情况说明", ("国有资产",)),
    (Topic.PERFORMANCE, "绩效目标（绩效管理）情况说明", ("绩效目标",)),
)


@rule(
    "complete.sections",
    Severity.ERROR,
    "公开了规定的说明和名词解释",
    "部门预算公开的内容（预算法 §14；财预〔2016〕143号《地方预决算公开操作规程》）；"
    "机关运行经费只有行政单位和参照公务员法管理的事业单位才有：本公开的表和目录都没有它时，缺少其说明只作提示",
    "缺少{part}",
    "缺少国有资产占有使用情况说明",
)
def sections(d: Disclosure) -> Iterator[Flag]:
    if not d.sections and not d.tables:
        return
    # (a form's heading kept in the text, "（二）部门主管专项资金的绩效目标表", explains nothing: n165)
    everything = "\n".join(
        s.title + "\n" + "\n".join(p.text for p in s.paragraphs if not is_form_title(p.text)) for s in d.sections
    )
    for topic, part, words in SECTIONS:
        if d.sections_about(topic):
            continue
        if topic is Topic.PERFORMANCE and narrative_only(d):
            continue  # the 绩效目标表 are published with the 报表, which this file does not hold
        if any(w in everything for w in words):
            continue
        if topic is Topic.ORG_OPERATION and not _org_operation_shown(d):
            # only 行政单位 and 参公 units have 机关运行经费: a package that shows none (no table, no
            # 目录 entry, no word of it in its 情况说明) may be of a unit that has none
            yield flag(_start(d), severity=Severity.INFO, found="无", expected=part, part=part, note=_NO_ORG_OPERATION)
            continue
        yield flag(_start(d), found="无", expected=part, part=part)
    if not d.glossary and "名词解释" not in everything and not any("名词解释" in e.title for e in d.toc):
        yield flag(_start(d), found="无", expected="名词解释", part="名词解释")
    if not d.overview.duties and not d.overview.units and not d.overview.source:
        yield flag(
            _start(d),
            found="无",
            expected="部门职责和机构设置（概况）",
            part="部门职责和机构设置（概况）",
        )


_NO_ORG_OPERATION = (
    "本公开的目录和表中都没有机关运行经费（只有行政单位和参照公务员法管理的事业单位有此项）：无法判断是否缺少"
)


def _org_operation_shown(d: Disclosure) -> bool:
    """True when the package shows that it has 机关运行经费 to explain: a table of it, or a 目录
    entry naming it."""
    return d.table(TableKind.ORG_OPERATION) is not None or any("机关运行经费" in e.title for e in d.toc)


def narrative_only(d: Disclosure) -> bool:
    """The package holds its 情况说明 and no table (its 报表 are published elsewhere, or not at all)."""
    return any(note.code == "narrative-only" for note in d.notes)


@rule(
    "complete.narrative-only",
    Severity.INFO,
    "只有情况说明的文件",
    "有的地区把报表作为附件另行公开，文件本身只有情况说明：这时不查报表，也不查随报表公开的绩效目标表，只说明一次",
    "{message}",
    "本文件只有情况说明，报表另行公开（附件：北京市交通委员会 2026 年度部门预算报表）",
)
def narrative_only_package(d: Disclosure) -> Iterator[Flag]:
    for note in d.notes:
        if note.code == "narrative-only":
            yield flag(note.source, message=note.message)


@rule(
    "complete.reader",
    Severity.WARNING,
    "文件完整可读",
    "检查只能覆盖读到的内容：文件被截断、有读不出的部分时，相应的检查不完整",
    "读取时发现：{message}",
    "读取时发现：文件在表格的一行中间结束（被截断）",
)
def reader_notes(d: Disclosure) -> Iterator[Flag]:
    for note in d.notes:
        if note.level is NoteLevel.WARNING and note.code in (
            "truncated",
            "missing-part",
            "unknown-table",
            "not-amount",
            "tables-unread",
            "columns-apart",
        ):
            yield flag(note.source, message=note.message)


@rule(
    "complete.blank-page",
    Severity.INFO,
    "没有空白页",
    "公开文件不应夹有空白页（常见于由 Word 分节导出 PDF 时）；空白页处可能漏印了内容",
    "第 {page} 页是空白页，没有文字，也没有图像",
    "第 14 页是空白页，没有文字，也没有图像",
)
def blank_pages(d: Disclosure) -> Iterator[Flag]:
    for note in d.notes:
        if note.code == "blank-page" and note.source.page is not None:
            yield flag(note.source, found="空白页", page=note.source.page)


# ---------------------------------------------------------------------------------------------
# the tables of the body against the tables the 目录 lists

_TITLE_HEAD = re.compile(
    r"^(?:(?:部门|单位)?公开)?(?:表|附表)?[一二三四五六七八九十\d]*(?:[-－—]\d+)?[、.．:：\s]*|^[（(][一二三四五六七八九十\d]+[)）]"
)
_TITLE_TAIL = re.compile(r"[.…·\-—\s\d]+$")


def _title_key(title: str) -> str:
    """A table title as a 目录 and the body both print it: without its number and the 目录's page."""
    key = re.sub(r"[\s“”\"‘’'「」]+", "", _TITLE_TAIL.sub("", title))
    return _TITLE_HEAD.sub("", key)


def _in_order(short: str, long: str) -> bool:
    """Every character of `short` in `long`, in order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


@rule(
    "complete.toc-tables",
    Severity.INFO,
    "目录列出了正文的每一张表",
    "目录应列出正文中的每一张表，表数与正文一致（目录所列而正文没有的表另由读取时报告，见 complete.reader）",
    "正文中的{table}“{title}”（第 {page} 页）没有列在目录中",
    "正文中的表9“2026年部门“三公”经费和机关运行经费预算表”（第 21 页）没有列在目录中",
    budget_only=False,
)
def toc_tables(d: Disclosure) -> Iterator[Flag]:
    listed = [k for k in (_title_key(e.title) for e in d.toc) if k.endswith("表")]
    if len(listed) < 3:
        return  # no 目录, or one that names its tables as a group ("部门预算表")
    kinds = {kind_from_title(k) for k in listed}
    reported: set[str] = set()
    for table in d.tables:
        key = _title_key(table.title or "")
        if table.kind is TableKind.OTHER or len(key) < 4 or not key.endswith("表") or key in reported:
            continue  # (a table the reader cannot name is not judged: its title may be misread)
        if table.kind in kinds or any(_in_order(key, k) or _in_order(k, key) for k in listed):
            continue  # listed, perhaps worded otherwise ("政府采购预算表" as "政府采购预算情况表")
        reported.add(key)
        yield flag(
            table.source,
            found=table.title,
            table=table.label,
            title=table.title,
            page=table.source.page,
        )
