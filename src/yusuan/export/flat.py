"""A Disclosure as flat sheets (name, header, rows): what the CSV and XLSX exports write.

One sheet per standard table (its rows with code, name, hierarchy and one column per amount
column, plus the source line), and one sheet each for the narrative figures, the project forms,
their indicators, the overall form, the glossary, the attached catalogue and the reader's notes.
Amounts stay Decimal here; each writer decides how to store them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..model import Disclosure, Source, Table
from ..model.performance import FUND_SOURCES

Cell = str | int | Decimal | None


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    amount_columns: tuple[int, ...] = ()  # indices of columns holding amounts


def _where(source: Source) -> Cell:
    return source.line if source.line is not None else source.page


def table_sheet(table: Table, final: bool = False) -> Sheet:
    """One table's sheet, named by its number (when printed) and its kind's name; `final` names
    the kind as a 决算 package does."""
    keys = [c for c in table.columns]
    header = (
        "行",
        "收支",
        "编码",
        "名称",
        "行类型",
        "层级",
        "上级行",
        *[f"{c.label}[{c.key}]" for c in keys],
        "来源行",
    )
    rows = []
    for i, row in enumerate(table.rows):
        values: list[Cell] = []
        for column in keys:
            values.append(row.value(column.key) if column.side is row.side or column.side is None else None)
        rows.append(
            (
                i,
                row.side.value if row.side else None,
                row.code,
                row.name,
                row.role.value,
                row.level,
                row.parent,
                *values,
                _where(row.source),
            )
        )
    kind = table.kind.final_label if final else table.kind.label
    name = f"{table.label} {kind}" if table.number is not None else kind
    return Sheet(name[:31], header, tuple(rows), tuple(range(7, 7 + len(keys))))


def disclosure_sheets(d: Disclosure) -> Iterator[Sheet]:
    yield Sheet(
        "概况",
        ("项目", "内容"),
        (
            ("部门", d.department),
            ("年度", d.year),
            ("文件类型", d.document_type.label if d.document_type else None),
            ("行政级别", d.level.value if d.level else None),
            ("读取方式", d.reader),
            ("单位性质", d.overview.nature),
            ("下属单位", "、".join(d.overview.units) or None),
            ("内设机构数", d.overview.internal_count),
            ("公务用车", d.overview.vehicles),
            ("职责", d.overview.duties),
        ),
    )
    for table in d.tables:
        yield table_sheet(table, final=d.document_type is not None and d.document_type.is_final)
    yield Sheet(
        "情况说明数字",
        ("部分", "标题", "说明", "数值", "单位", "原文", "来源行", "位置"),
        tuple(
            (s.number, s.title, f.label, f.value, f.unit, f.text, _where(f.source), f.source.char)
            for s in d.sections
            for f in s.figures
        ),
        (3,),
    )
    fund_keys = tuple(FUND_SOURCES)
    form_rows = []
    for i, form in enumerate(d.project_forms):
        amounts: list[Cell] = []
        for split in (form.implementation, form.annual):
            for key in fund_keys:
                amount = split.get(key)
                amounts.append(amount.value if amount else None)
        form_rows.append(
            (
                i,
                form.name,
                form.year_label,
                form.department_code,
                form.department,
                form.implementing_unit,
                *amounts,
                form.signature.date,
                _where(form.source),
            )
        )
    yield Sheet(
        "项目绩效目标表",
        (
            "序号",
            "项目名称",
            "年度标注",
            "主管部门代码",
            "主管部门",
            "实施单位",
            *[f"实施期{k}" for k in fund_keys],
            *[f"年度{k}" for k in fund_keys],
            "填报日期",
            "来源行",
        ),
        tuple(form_rows),
        tuple(range(6, 6 + 2 * len(fund_keys))),
    )
    yield Sheet(
        "绩效指标",
        ("表序号", "项目名称", "期间", "一级指标", "二级指标", "三级指标", "指标值", "来源行"),
        tuple(
            (i, form.name, ind.period.value, ind.level1, ind.level2, ind.name, ind.value, _where(ind.source))
            for i, form in enumerate(d.project_forms)
            for ind in form.indicators
        ),
    )
    overall_rows: list[tuple[Cell, ...]] = []
    for overall in d.overall_forms:
        overall_rows.extend(("基本情况", k, v, None, None) for k, v in overall.facts)
        overall_rows.extend(
            ("资金", f.name, *(a.value if a else None for a in (f.last_budget, f.last_final, f.requested)))
            for f in overall.funds
        )
        overall_rows.extend(("指标", ind.name, ind.value, None, None) for ind in overall.indicators)
    yield Sheet("整体绩效目标表", ("类别", "项目", "值/上年度预算", "上年度决算", "本年度申请"), tuple(overall_rows))
    yield Sheet(
        "名词解释",
        ("序号", "名词", "解释", "来源行"),
        tuple((g.number, g.term, g.definition, _where(g.source)) for g in d.glossary),
    )
    yield Sheet(
        "附件目录",
        ("文件", "部门", "代码", "名称", "级次", "来源行"),
        tuple(
            (a.doc_number, r.group, r.code, r.name, r.level, _where(r.source)) for a in d.attachments for r in a.catalog
        ),
    )
    yield Sheet(
        "读取说明",
        ("级别", "代码", "说明", "来源行"),
        tuple((n.level.value, n.code, n.message, _where(n.source)) for n in d.notes),
    )
