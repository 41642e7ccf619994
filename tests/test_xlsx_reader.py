"""XLSX and XLS: Shanghai's official one-sheet-per-part templates, and workbooks laid out like them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from yusuan.model import DocumentType, TableKind, Topic
from yusuan.parse import read
from yusuan.parse.blocks import TableBlock, TextLine
from yusuan.parse.xlsx import number_to_text, rows_to_blocks

NINE = {
    TableKind.BUDGET_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL,
    TableKind.GENERAL_BASIC_ECON,
    TableKind.THREE_PUBLIC,
    TableKind.ORG_OPERATION,
}


@pytest.mark.parametrize(
    ("name", "reader", "doc"),
    [
        ("shpt_2026_department_budget_template.xlsx", "xlsx", DocumentType.DEPARTMENT_BUDGET),
        ("shpt_2026_unit_budget_template.xlsx", "xlsx", DocumentType.UNIT_BUDGET),
        ("shpt_2026_unit_budget_template.xls", "xls", DocumentType.UNIT_BUDGET),
    ],
)
def test_official_templates(shared_data: Path, name: str, reader: str, doc: DocumentType) -> None:
    d = read(shared_data / "templates" / name)
    assert d.reader == reader and d.document_type is doc and d.year == 2026
    assert {t.kind for t in d.tables} == NINE
    assert all(
        t.unit.value == "元" for t in d.tables if t.kind not in (TableKind.THREE_PUBLIC, TableKind.ORG_OPERATION)
    )
    assert d.table(TableKind.THREE_PUBLIC).unit.value == "万元"  # type: ignore[union-attr]
    income = d.table(TableKind.INCOME_SUMMARY)
    assert income is not None
    assert income.column_keys() == ("total", "fiscal", "business", "operating", "other")  # merged header read
    assert income.by_code("20502") is not None  # 类/款 printed in separate columns
    assert d.section(Topic.BUDGET_NOTES) is not None
    assert [g.term for g in d.glossary][:1] == ["财政拨款收入"]
    assert all(t.source.page is not None and t.source.line is not None for t in d.tables)


def test_number_format_decides_decimals() -> None:
    assert number_to_text(0.1 + 0.2, "#,##0.00") == "0.30"
    assert number_to_text(96282213.44, "0.00") == "96282213.44"
    assert number_to_text(1839485.0, "General") == "1839485"
    assert number_to_text(12.5, "General") == "12.5"


def test_filled_workbook(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A1"] = "上海市普陀区2026年区级部门预算"
    cover["A3"] = "预算主管部门：上海市普陀区司法局"
    ws = book.create_sheet("部门支出总表")
    ws["A1"] = "2026年部门支出预算总表"
    ws["A2"], ws["F2"] = "编制部门：上海市普陀区司法局", "单位：元"
    ws["A3"], ws["E3"] = "项目", "支出预算"
    ws.merge_cells("A3:D3")
    ws.merge_cells("E3:G3")
    ws["A4"], ws["D4"], ws["E4"], ws["F4"], ws["G4"] = (
        "功能分类科目编码",
        "功能分类科目名称",
        "合计",
        "基本支出",
        "项目支出",
    )
    ws.merge_cells("A4:C4")
    ws["A5"], ws["B5"], ws["C5"] = "类", "款", "项"
    rows = [
        ("204", "", "", "公共安全支出", 87267272.44, 16726725.44, 70540547),
        ("204", "06", "", "司法", 87267272.44, 16726725.44, 70540547),
        ("204", "06", "01", "行政运行", 16726725.44, 16726725.44, 0),
        ("204", "06", "99", "其他司法支出", 70540547, 0, 70540547),
        ("合计", "", "", "", 87267272.44, 16726725.44, 70540547),
    ]
    for r, values in enumerate(rows, start=6):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c, v if v != "" else None)
            if isinstance(v, float | int):
                cell.number_format = "#,##0.00"
    notes = book.create_sheet("部门编制说明")
    notes["A1"] = "2026年部门预算编制说明"
    notes["A2"] = "2026年，上海市普陀区司法局收入预算9628.22万元。\n支出预算9628.22万元。"
    path = tmp_path / "package.xlsx"
    book.save(path)
    d = read(path)
    assert d.department == "上海市普陀区司法局" and d.reader == "xlsx"
    t = d.table(TableKind.EXPENDITURE_SUMMARY)
    assert t is not None and t.column_keys() == ("total", "basic", "project")
    assert t.by_code("2040601").value("total") == Decimal("16726725.44")  # type: ignore[union-attr]
    assert t.by_code("2040699").value("project") == Decimal("70540547.00")  # type: ignore[union-attr]
    assert t.total().value("basic") == Decimal("16726725.44")  # type: ignore[union-attr]
    row = t.by_code("20406")
    assert row is not None and row.source.page == 2 and row.source.line == 7
    section = d.section(Topic.BUDGET_NOTES)
    assert section is not None and len(section.paragraphs) == 2
    assert section.figures[0].value == Decimal("9628.22")


def test_rows_to_blocks_ends_a_table_at_a_title_and_keeps_lone_inner_cells() -> None:
    """A short title or signature under a table starts a part of its own; a lone cell away from
    column A (a form row whose other cells are blank) stays in the table however long it is."""
    long_cell = "服务对象满意度调查覆盖全部参加培训和享受补贴的人员并按季度汇总结果" * 2
    rows = [
        (1, ("项目名称", "培训经费", "", "")),
        (2, ("", "", long_cell, "")),
        (3, ("其他资金", "", "", "")),
        (4, ("测试县项目支出绩效目标申报表", "", "", "")),
        (5, ("（2026年度）", "", "", "")),
        (6, ("项目名称", "宣传经费", "", "")),
        (7, ("负责人：张三", "", "", "")),
    ]
    blocks = rows_to_blocks(3, rows, "f.xlsx")
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["TableBlock", "TextLine", "TextLine", "TableBlock", "TextLine"]
    first = blocks[0]
    assert isinstance(first, TableBlock) and [r.source.line for r in first.rows] == [1, 2, 3]
    assert first.rows[1].cells[2] == long_cell and first.rows[0].source.page == 3
    assert [b.text for b in blocks if isinstance(b, TextLine)] == [
        "测试县项目支出绩效目标申报表",
        "（2026年度）",
        "负责人：张三",
    ]


def test_a_lone_cell_after_a_blank_row_is_a_note_not_a_row() -> None:
    """Right under a table a lone short cell is one of its rows (合计 with no figures); set off
    by a blank row, as `yusuan build` writes a table's notes, it is a line of text: rd01's
    "财政拨款“三公”经费" came back as a row of its 三公 table before."""
    rows = [
        (1, ("项目", "决算数")),
        (2, ("因公出国（境）费", "1.00")),
        (3, ("合计", "")),
        (4, ("", "")),
        (5, ("财政拨款“三公”经费", "")),
    ]
    blocks = rows_to_blocks(1, rows, "f.xlsx")
    assert [type(b).__name__ for b in blocks] == ["TableBlock", "TextLine"]
    table = blocks[0]
    assert isinstance(table, TableBlock) and [r.source.line for r in table.rows] == [1, 2, 3]
    assert isinstance(blocks[1], TextLine) and blocks[1].text == "财政拨款“三公”经费"
    # a blank row inside a table does not end it when a row of the table follows
    rows[4] = (5, ("公务接待费", "2.00"))
    (table,) = rows_to_blocks(1, rows, "f.xlsx")
    assert isinstance(table, TableBlock) and [r.source.line for r in table.rows] == [1, 2, 3, 4, 5]


def test_a_long_lone_cell_in_column_a_is_still_a_line_of_text() -> None:
    rows = [
        (1, ("合计", "12.00")),
        (2, ("注：本表金额单位为万元，按四舍五入列示，合计数与各分项之和可能略有差异。", "")),
    ]
    blocks = rows_to_blocks(1, rows, "f.xlsx")
    assert [type(b).__name__ for b in blocks] == ["TableBlock", "TextLine"]
