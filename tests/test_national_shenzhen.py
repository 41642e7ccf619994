"""Shenzhen 部门预算 (sz_biao_11): 文字部分 then 表格部分 after the 名词解释, "表1" on a line of its own
above the title, 第N部分 whose text follows the part's title with no numbered heading."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from yusuan.checks import check
from yusuan.model import DocumentType, RowRole, Severity, Table, TableKind, Topic

from .national import national


def test_the_cover_title_names_the_unit_between_the_year_and_部门预算(shared_data: Path) -> None:
    d = national("n051_shenzhen")
    # the cover prints "2026年深圳市交通运输局（本级）部" over "门预算"
    assert (d.title, d.year, d.document_type) == (
        "2026年深圳市交通运输局（本级）部门预算",
        2026,
        DocumentType.DEPARTMENT_BUDGET,
    )
    assert d.department == "深圳市交通运输局（本级）"


def test_a_part_whose_text_follows_its_title_is_a_section(shared_data: Path) -> None:
    d = national("n051_shenzhen")
    (procurement,) = d.sections_about(Topic.PROCUREMENT)
    assert procurement.title == "政府采购预算情况"
    assert procurement.paragraphs[0].text.startswith(
        "深圳市交通运输局（本级）纳入2026年部门预算的政府采购项目共有7,558.99万元"
    )
    assert (
        d.procurement is not None
        and d.procurement.total is not None
        and d.procurement.total.value == Decimal("7558.99")
    )
    (three,) = d.sections_about(Topic.THREE_PUBLIC)
    assert three.paragraphs[0].text == "2026年财政拨款“三公”经费预算147.90万元，较2025年年初预算减少28.11万元。"


def test_the_overview_and_the_glossary_are_read_and_the_tables_after_the_glossary(shared_data: Path) -> None:
    d = national("n051_shenzhen")
    assert d.overview.duties is not None and d.overview.duties.startswith("（一）负责交通运输")
    assert [(e.number, e.term) for e in d.glossary[:2]] == [("一", "财政拨款收入"), ("二", "事业收入")]
    assert len(d.glossary) == 15
    assert {t.number for t in d.tables} == set(range(1, 12))  # 表1 … 表11, all after 二、表格部分


def test_the_三公_table_printed_across_is_read_as_items_by_budget(shared_data: Path) -> None:
    # 表9 p46: 预算单位 | 年度 | 总计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行维护费 (小计 | 购置费 |
    # 运行维护费), each over 一般公共预算 | 政府性基金预算 | 国有资本经营预算; lines 2025年, 2026年, 增减变化金额
    d = national("n051_shenzhen")
    table = d.table(TableKind.THREE_PUBLIC)
    assert table is not None and table.source.page == 46
    assert table.column_keys() == ("general", "gov_fund", "state_capital")
    assert [(r.key, r.role, r.amount("general")) for r in table.rows] == [
        ("abroad", RowRole.ITEM, Decimal("115.00")),
        ("reception", RowRole.ITEM, Decimal("5.10")),
        ("vehicle", RowRole.ITEM, Decimal("27.80")),
        ("vehicle_purchase", RowRole.ITEM, Decimal("0.00")),
        ("vehicle_operation", RowRole.ITEM, Decimal("27.80")),
        (None, RowRole.TOTAL, Decimal("147.90")),
    ]
    assert not [f for f in check(d).findings if f.rule == "total.three-public" and f.severity is Severity.ERROR]


def test_上年结余_结转_is_split_into_its_fiscal_and_other_parts(shared_data: Path) -> None:
    # 表1 p25: 本年收入合计 388,561.78 + 上年结余、结转 201.78 (1.财政拨款结余、结转 201.78, 2.非财政拨款
    # 结余、结转 0.00) = 收入总计 388,763.56: the numbered rows are parts of the carry-over, not more of it
    d = national("n051_shenzhen")
    table = d.table(TableKind.BUDGET_SUMMARY)
    assert table is not None
    assert [(r.key, r.amount("amount")) for r in table.rows if r.key and r.key.startswith("carryover")] == [
        ("carryover", Decimal("201.78")),
        ("carryover_fiscal", Decimal("201.78")),
        ("carryover_nonfiscal", Decimal("0.00")),
    ]
    assert [f.location.page for f in check(d).findings if f.rule == "total.summary-grand"] == []


def test_the_tables_listed_under_the_unit_read_with_the_unit_row_as_their_total(shared_data: Path) -> None:
    # n051 (by hand, sz_biao_11.md): 表3 pp. 27–31 unit row + 41 codes, 表4 基本支出总表 (all funds by
    # economic name: no standard kind), 表5 unit + 24 projects, 表7 unit + 37 codes, 表8 一般公共预算 by
    # economic class, 基本 and 项目 (no standard kind), 表10 unit + 5 codes
    d = national("n051_shenzhen")
    assert [(t.number, t.kind, t.source.page, len(t.rows)) for t in d.tables] == [
        (1, TableKind.BUDGET_SUMMARY, 22, 60),
        (2, TableKind.INCOME_SUMMARY, 26, 1),
        (3, TableKind.EXPENDITURE_SUMMARY, 27, 42),
        (4, TableKind.OTHER, 32, 30),
        (5, TableKind.PROJECT_CURRENT, 34, 25),
        (6, TableKind.FISCAL_SUMMARY, 37, 54),
        (7, TableKind.GENERAL_EXPENDITURE, 40, 38),
        (8, TableKind.OTHER, 43, 37),
        (9, TableKind.THREE_PUBLIC, 46, 6),
        (10, TableKind.GOV_FUND_EXPENDITURE, 47, 6),
        (11, TableKind.STATE_CAPITAL, 48, 1),
    ]
    tables = {t.number: t for t in d.tables}
    # 预算单位 | 科目编码 | 科目名称 | …: the unit's row (no code) is the table's total
    for number, figures in (
        (3, ("388763.56", "11826.97", "376936.60")),
        (7, ("384598.56", "11826.97", "372771.60")),
        (8, ("384598.56", "11826.97", "372771.60")),
    ):
        total = tables[number].total()
        assert total is not None and total.name == "深圳市交通运输局（本级）"
        assert tuple(str(total.value(k)) for k in ("total", "basic", "project")) == figures
    # 表5: the unit 376,936.60 (its number wrapped "376,936.6" / "0") over its 24 projects
    projects = tables[5]
    assert (projects.rows[0].level, projects.rows[0].amount("total")) == (1, Decimal("376936.60"))
    assert {(r.level, r.parent) for r in projects.rows[1:]} == {(2, 0)}
    assert projects.rows[5].name == "轨道交通管理" and projects.rows[5].amount("total") == Decimal("175400.59")


def test_a_consistent_package_raises_no_error_nor_warning(shared_data: Path) -> None:
    # n051: 表5's 一般公共预算 372,569.82 + 上年结余、结转 201.78 (all 一般公共预算, 表6) = 表7's 项目支出
    # 372,771.60; n053 p15: "五、其他支出" over its 款 "其他支出" and 项 "其他支出" (by name, no code) is one 类;
    # 表8 prints the 基本支出 by economic class that no table of its own does.
    for name in ("n051_shenzhen", "n053_shenzhen"):
        found = [(f.rule, f.location.page) for f in check(national(name)).findings if f.severity is not Severity.INFO]
        assert found == [], name


def test_a_unit_with_no_三公_in_the_table_listing_them_by_unit_is_no_empty_table(shared_data: Path) -> None:
    # n072 p234: Shenzhen's 表9 lists its units' 三公 over pp. 232-237, a block of rows per unit, and
    # prints 一带一路环境技术交流与转移中心（深圳） at 0.00 throughout; the reader makes a table per unit, the
    # printed table is not empty (complete.empty-table-note warned; n052 pp. 253-255 likewise). Made up
    # from n051's 表9 (p46, one unit): a second unit's block after it, all zero, then both all zero.
    d = national("n051_shenzhen")
    (three,) = [t for t in d.tables if t.kind is TableKind.THREE_PUBLIC]

    def zero(t: Table) -> Table:
        rows = tuple(replace(r, values=tuple((k, v if v is None else v * 0) for k, v in r.values)) for r in t.rows)
        return replace(t, rows=rows)

    def warned(first: Table) -> list[int | None]:
        second = zero(replace(three, department="深圳市某中心"))
        at = d.tables.index(three)
        tables = (*d.tables[:at], first, second, *d.tables[at + 1 :])
        report = check(replace(d, tables=tables))
        said = [f for f in report.findings if f.rule == "complete.empty-table-note"]
        return [f.location.page for f in said if f.severity is Severity.WARNING]

    assert warned(three) == []
    assert warned(zero(three)) == [46]
