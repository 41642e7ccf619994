"""DOCX: the package as a Word document, tables with merged header cells read once in their top-left slot."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx

from yusuan.model import DocumentType, TableKind, Topic
from yusuan.parse import read
from yusuan.parse.blocks import TableBlock
from yusuan.parse.docx import docx_to_blocks


def _package(path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph("上海市普陀区2026年区级部门预算")
    doc.add_paragraph("预算主管部门：上海市普陀区司法局")
    doc.add_paragraph("2026年部门预算编制说明")
    doc.add_paragraph("2026年，上海市普陀区司法局收入预算9628.22万元，其中：财政拨款收入9628.22万元。")
    doc.add_paragraph("2026年部门一般公共预算支出功能分类预算表")
    doc.add_paragraph("编制部门：上海市普陀区司法局    单位：元")
    table = doc.add_table(rows=6, cols=7)
    top = table.rows[0].cells
    top[0].merge(top[3]).text = "项目"
    top[4].merge(top[6]).text = "一般公共预算支出"
    second = table.rows[1].cells
    second[0].merge(second[2]).text = "功能分类科目编码"
    name = second[3].merge(table.rows[2].cells[3])  # 名称 spans two header rows
    name.text = "功能分类科目名称"
    for c, label in ((4, "合计"), (5, "基本支出"), (6, "项目支出")):
        table.rows[1].cells[c].merge(table.rows[2].cells[c]).text = label
    for c, label in enumerate(("类", "款", "项")):
        table.rows[2].cells[c].text = label
    body = [
        ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,839,485.00", "1,839,485.00", "0.00"),
        ("208", "05", "06", "机关事业单位职业年金缴费支出", "919,739.00", "919,739.00", "0.00"),
    ]
    for r, values in enumerate(body, start=3):
        for c, v in enumerate(values):
            table.rows[r].cells[c].text = v
    total = table.rows[5].cells
    total[0].merge(total[3]).text = "合计"
    for c, v in ((4, "2,759,224.00"), (5, "2,759,224.00"), (6, "0.00")):
        total[c].text = v
    doc.add_paragraph("其他相关情况说明")
    doc.add_paragraph("一、机关运行经费预算")
    doc.add_paragraph("2026年机关运行经费预算为217.83万元。")
    doc.save(str(path))
    return path


def test_merged_cells_give_their_text_once(tmp_path: Path) -> None:
    blocks = docx_to_blocks(_package(tmp_path / "p.docx"))
    (table,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert table.rows[0].cells == ("项目", "", "", "", "一般公共预算支出", "", "")
    assert table.rows[2].cells == ("类", "款", "项", "", "", "", "")
    assert table.rows[5].cells[:5] == ("合计", "", "", "", "2,759,224.00")


def test_docx_package(tmp_path: Path) -> None:
    d = read(_package(tmp_path / "package.docx"))
    assert d.reader == "docx"
    assert d.document_type is DocumentType.DEPARTMENT_BUDGET and d.department == "上海市普陀区司法局"
    t = d.table(TableKind.GENERAL_EXPENDITURE)
    assert t is not None and t.column_keys() == ("total", "basic", "project")
    row = t.by_code("2080506")
    assert row is not None and row.name == "机关事业单位职业年金缴费支出"
    assert row.value("total") == Decimal("919739.00")
    assert t.total().value("total") == Decimal("2759224.00")  # type: ignore[union-attr]
    notes = d.section(Topic.BUDGET_NOTES)
    assert notes is not None and notes.figures[0].value == Decimal("9628.22")
    org = d.section(Topic.ORG_OPERATION)
    assert org is not None and org.figures[-1].value == Decimal("217.83")
