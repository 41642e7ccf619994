"""Jiangsu packages (Suzhou, Wuxi: "公开 01 表 收支总表" … "公开 13 表 政府采购支出表") read and checked.

The figures are typed from the PDFs (pdftotext -layout; page numbers are the PDF's, from 1), not
from the reader. What these packages show that others do not: a running head ("苏州市交通运输局
2026 年度部门预算公开") above every continued table, a 收入总表 listed by 部门/单位 code with its
columns grouped under 本年收入 and 上年结转结余, two tables of 财政拨款 (all three budgets) that
no standard kind names, a 三公 table of one line with 会议费 and 培训费 beside its items, and a
政府采购支出表.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import check
from yusuan.model import ColumnKey, DocumentType, GovLevel, RowRole, Severity, TableKind

from .conftest import national_package

K = TableKind
D = Decimal
SUZHOU = "n104_suzhou.pdf"  # 苏州市交通运输局, 部门预算 of the department and its 7 units
WUXI_UNIT = "n111_wuxi.pdf"  # 无锡市住房和城乡建设局（本级）, 单位预算


def test_the_thirteen_tables_read_as_their_kinds_in_printed_order() -> None:
    d = national_package(SUZHOU)
    assert (d.document_type, d.department, d.year, d.region, d.level) == (
        DocumentType.DEPARTMENT_BUDGET,
        "苏州市交通运输局",
        2026,
        "苏州市",
        GovLevel.CITY,
    )
    assert [(t.number, t.kind) for t in d.tables] == [
        (1, K.BUDGET_SUMMARY),
        (2, K.INCOME_SUMMARY),
        (3, K.EXPENDITURE_SUMMARY),
        (4, K.FISCAL_SUMMARY),
        (5, K.OTHER),  # 财政拨款支出表（功能科目）: all three budgets by function
        (6, K.OTHER),  # 财政拨款基本支出表（经济科目）
        (7, K.GENERAL_EXPENDITURE),
        (8, K.GENERAL_BASIC_ECON),  # titled 一般公共预算基本支出表, listed by economic class
        (9, K.THREE_PUBLIC),
        (10, K.GOV_FUND_EXPENDITURE),
        (11, K.STATE_CAPITAL),
        (12, K.ORG_OPERATION),
        (13, K.OTHER),  # 政府采购支出表
    ]
    assert [t.title for t in d.tables if t.kind is K.OTHER] == [
        "财政拨款支出表（功能科目）",
        "财政拨款基本支出表（经济科目）",
        "政府采购支出表",
    ]
    assert not [n for n in d.notes if n.code == "unknown-table"]  # no continued page left unread


def test_tables_continue_under_the_running_head_of_the_next_page() -> None:
    d = national_package(SUZHOU)
    t3 = d.table(K.EXPENDITURE_SUMMARY)
    assert t3 is not None and len(t3.rows) == 26  # 合计 and 25 codes, pages 10 and 11
    total = t3.total()
    assert total is not None
    assert (total.value("total"), total.value("basic"), total.value("project")) == (
        D("249977.11"),
        D("29606.33"),
        D("220370.78"),
    )
    last = t3.by_code("2149999")
    assert last is not None and last.value("total") == D("5997.60") and last.source.page == 11
    housing = t3.by_code("221")
    assert housing is not None and housing.value("total") == D("8967.92")
    econ = d.table(K.GENERAL_BASIC_ECON)
    assert econ is not None and len(econ.rows) == 38  # 合计, 301 and 11 款, 302 and 18, 303 and 5
    assert [r.value("total") for r in econ.rows if r.code in ("301", "302", "303")] == [
        D("23729.94"),
        D("3462.67"),
        D("2413.72"),
    ]


def test_the_income_table_is_listed_by_department_and_unit_code() -> None:
    t2 = national_package(SUZHOU).table(K.INCOME_SUMMARY)
    assert t2 is not None
    assert [r.text("unit_code") for r in t2.rows] == [None, "123", *(f"123{n:03d}" for n in range(1, 9))]
    assert [(r.level, r.parent) for r in t2.rows[1:3]] == [(1, None), (2, 1)]  # the department, a unit
    assert not any(r.code for r in t2.rows)  # no function code: a unit code is no classification
    column = {c.key: c for c in t2.columns}
    assert (column["current"].label, column["general"].group) == ("本年收入/小计", "current")
    assert column["carryover_general"].group == "carryover"
    enforcement = t2.rows[3]
    assert enforcement.name == "苏州市交通运输综合行政执法支队"
    assert (enforcement.value("total"), enforcement.value("general"), enforcement.value("other")) == (
        D("24274.54"),
        D("21054.54"),
        D("3220.00"),
    )


def test_three_public_keeps_the_meeting_and_training_costs_printed_beside_it() -> None:
    t9 = national_package(SUZHOU).table(K.THREE_PUBLIC)
    assert t9 is not None
    assert [(r.key, r.value("total")) for r in t9.rows] == [
        (None, D("345.63")),
        ("abroad", D("0.00")),
        ("vehicle", D("299.12")),
        ("vehicle_purchase", D("154.97")),
        ("vehicle_operation", D("144.15")),
        ("reception", D("46.51")),
        ("meeting", D("45.12")),
        ("training", D("305.79")),
    ]


def test_empty_tables_numbering_rows_and_the_procurement_table() -> None:
    d = national_package(SUZHOU)
    state = d.table(K.STATE_CAPITAL)  # its "栏次 | | 1 | 2 | 3" row is header, not an amount
    assert (
        state is not None and state.is_empty and state.empty_note == "注：本部门无国有资本经营预算支出，故本表无数据。"
    )
    fund = d.table(K.GOV_FUND_EXPENDITURE)
    assert fund is not None and fund.is_empty and fund.empty_note is not None
    org = d.table(K.ORG_OPERATION)
    assert org is not None and org.total() is not None and org.total().value(ColumnKey.TOTAL) == D("379.20")  # type: ignore[union-attr]
    procurement = d.tables[12]
    categories = {r.name: r.value("total") for r in procurement.rows if r.name in ("货物", "工程", "服务")}
    assert categories == {"货物": D("532.93"), "工程": D("56.00"), "服务": D("3079.24")}
    total = procurement.rows[0]
    assert total.role is RowRole.TOTAL and total.value("total") == D("3668.17") == sum(categories.values())
    assert "集中采购机构采购" in {r.text("采购组织形式") for r in procurement.rows}  # a text column, not an amount


def test_a_consistent_jiangsu_package_gets_no_error() -> None:
    """Every table of n104 adds up (checked by hand: 收入总表 合计 = 本年收入 小计 = 242,360.10 +
    7,617.01; 支出总表 21499 = 186,525.21 + 5,997.60 across the page break; …): no error, and no
    warning either (no table left unread, no text read as an amount)."""
    report = check(national_package(SUZHOU))
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []


def test_a_unit_budget_names_the_unit_from_its_table_heads() -> None:
    d = national_package(WUXI_UNIT)
    assert (d.document_type, d.department, d.region) == (
        DocumentType.UNIT_BUDGET,
        "无锡市住房和城乡建设局（本级）",
        "无锡市",
    )
    t2 = d.table(K.INCOME_SUMMARY)
    assert t2 is not None
    unit = t2.rows[1]
    assert (unit.text("unit_code"), unit.level) == ("364001", 1)
    assert (unit.value("total"), unit.value("general"), unit.value("gov_fund"), unit.value("other")) == (
        D("106428.00"),
        D("38420.00"),
        D("67808.00"),
        D("200.00"),
    )
    three = d.table(K.THREE_PUBLIC)
    assert three is not None and three.total() is not None and three.total().value("total") == D("7.00")  # type: ignore[union-attr]
    assert not [f for f in check(d).findings if f.severity is Severity.ERROR]


def test_a_line_opening_with_第四次_goes_on_the_sentence_before_it() -> None:
    """n113 p30 ends "…增长8.16%。主要原因是新增" at the margin; p31 goes on "第四次全国农业普查经费预算。"
    under the running head: 第四次 is no heading (第一部分, 第二章, 第一，… are)."""
    d = national_package("n113_wuxi.pdf")
    texts = [(p.source.page, p.text) for s in d.sections for p in s.paragraphs]
    (spending,) = [(page, t) for page, t in texts if t.startswith("无锡市统计局2026年一般公共预算财政拨款支出预算")]
    assert spending == (
        30,
        "无锡市统计局2026年一般公共预算财政拨款支出预算3,210.1万元，与上年相比增加242.3万元，增长8.16%。"
        "主要原因是新增第四次全国农业普查经费预算。",
    )
    assert [f for f in check(d).findings if f.rule == "text.cut-off"] == []
