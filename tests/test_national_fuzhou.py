"""Fuzhou 部门/单位预算 (fj_ordinal_10): a cover title broken over four lines, tables numbered "一、"
… "十、" above their printed title, bare page numbers between a table and its continuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.checks import check
from yusuan.model import DocumentType, Severity, TableKind

from .national import national


@pytest.mark.parametrize(
    ("name", "title", "kind", "unit"),
    [
        # "2026年度" / "福州市公安局治安管理" / "支队" / "单位预算"
        (
            "n128_fuzhou",
            "2026年度福州市公安局治安管理支队单位预算",
            DocumentType.UNIT_BUDGET,
            "福州市公安局治安管理支队",
        ),
        # "2026年度福州市商务局" / "部门预算"
        ("n129_fuzhou", "2026年度福州市商务局部门预算", DocumentType.DEPARTMENT_BUDGET, "福州市商务局"),
        ("n130_fuzhou", "2026年度福州市民政局(本级)单位预算", DocumentType.UNIT_BUDGET, "福州市民政局(本级)"),
    ],
)
def test_the_cover_names_type_year_and_unit(
    shared_data: Path, name: str, title: str, kind: DocumentType, unit: str
) -> None:
    d = national(name)
    assert (d.title, d.year, d.document_type, d.department) == (title, 2026, kind, unit)


def test_n128_tables_kinds_rows_and_totals(shared_data: Path) -> None:
    # by hand from the PDF (fj_ordinal_10.md): kind, page, rows (合计 and items), the 合计 row
    d = national("n128_fuzhou")
    found = {(t.kind, t.source.page): t for t in d.tables}
    expected = [
        (TableKind.BUDGET_SUMMARY, 8, 41, ["2796.14"]),  # 9 sources + 3 totals | 26 类 + 3 totals
        (TableKind.INCOME_SUMMARY, 9, 2, ["2796.14", "2796.14"] + ["0.00"] * 9),
        (TableKind.EXPENDITURE_SUMMARY, 10, 17, ["2796.14", "2507.88", "288.26", "0.00", "0.00", "0.00"]),
        (TableKind.FISCAL_SUMMARY, 11, 31, ["2796.14"]),
        (TableKind.GENERAL_EXPENDITURE, 13, 17, ["2796.14", "2507.88", "288.26"]),
        (TableKind.GOV_FUND_EXPENDITURE, 14, 1, ["0.00", "0.00", "0.00"]),
        (TableKind.STATE_CAPITAL, 16, 1, ["0.00", "0.00", "0.00"]),
        # 八 一般公共预算支出经济分类情况表: all 一般公共预算 spending (基本 2507.88 + 项目 288.26) by
        # economic class, 合计 + 10 类: a kind the model has no name for, never the 基本支出 table
        (TableKind.OTHER, 17, 11, ["2796.14"]),
        # 九 continues over pp. 19–21 with nothing but a bare page number between its grids
        (TableKind.GENERAL_BASIC_ECON, 19, 109, ["2507.88"]),
        (TableKind.THREE_PUBLIC, 23, 6, ["27.31"]),
    ]
    for kind, page, rows, total in expected:
        table = found[(kind, page)]
        assert table.total() is not None
        assert (len(table.rows), [str(v) for _, v in table.total().values]) == (rows, total), (kind, page)
    basic = found[(TableKind.GENERAL_BASIC_ECON, 19)]
    assert [(r.code, str(r.amount("amount"))) for r in basic.rows if r.code in ("301", "302", "303", "310")] == [
        ("301", "2064.67"),
        ("302", "211.99"),
        ("303", "222.02"),
        ("310", "9.20"),
    ]
    errors = [f for f in check(d).findings if f.severity is Severity.ERROR and f.rule.startswith("total.")]
    assert errors == []  # every table of n128 adds up


def test_a_上年结转_the_fiscal_table_does_not_print_leaves_its_spending_at_most_the_whole(shared_data: Path) -> None:
    # n130 p12: 收支预算总表 本年收入合计 2219.92 + 上年结转结余 30.00 = 2249.92; p15: 财政拨款收支预算总表
    # prints no 上年结转 at all, 社会保障和就业支出 1984.77 vs 2014.77: whether the 30.00 is 财政拨款 the
    # package does not say
    d = national("n130_fuzhou")
    assert [f.message for f in check(d).findings if f.rule == "xtable.fiscal-budget"] == []


def test_a_narrative_line_naming_its_code_is_the_row_of_that_code(shared_data: Path) -> None:
    # n131 p25: "（五）2069999-其他科学技术支出45870.00万元" is row 2069999, not the 类 206 (69651.54)
    d = national("n131_fuzhou")
    assert [f.message for f in check(d).findings if f.rule == "narrative.amount"] == []


def test_a_项_list_that_leaves_out_part_of_its_款_is_reported(shared_data: Path) -> None:
    # n132 p9 (true, tests/data/national_audit.md): 20402 公安 48200.88 = 22431.07 + 25769.81, but its
    # 项 rows are 2040201 22431.07 and 2040299 16389.79 (Σ 38820.86): 9380.02 of 项目支出 has no 项
    d = national("n132_fuzhou")
    found = [f for f in check(d).findings if f.rule == "total.code-hierarchy" and f.location.page == 9]
    assert [(f.location.row, f.expected, f.found) for f in found] == [
        (2, "38820.86", "48200.88"),
        (2, "16389.79", "25769.81"),
    ]


def test_the_error_findings_left_are_those_audited_true(shared_data: Path) -> None:
    # n130 p12 / n132 p7: the 收入合计 printed under 本年收入合计 and 上年结转结余 is the grand total
    # (2219.92 + 30.00 = 2249.92; 53764.88 + 8000.00 = 61764.88), the 收入预算总表's 合计 counts the
    # 上年结转结余 beside it: the two agree. n132's five are true (tests/data/national_audit.md).
    found = {
        name: [(f.rule, f.location.page) for f in check(national(name)).findings if f.severity is Severity.ERROR]
        for name in ("n128_fuzhou", "n129_fuzhou", "n130_fuzhou", "n131_fuzhou", "n132_fuzhou")
    }
    assert found == {
        "n128_fuzhou": [],
        "n129_fuzhou": [],
        "n130_fuzhou": [],
        "n131_fuzhou": [],
        # (and p37's 18 vehicles listed under "购置车辆 0 辆" and its 政府采购 parts of a total of 0, also
        # audited true)
        "n132_fuzhou": [("total.code-hierarchy", 9)] * 2
        + [("total.code-hierarchy", 11)] * 2
        + [("narrative.count-parts", 37), ("narrative.procurement", 37)],
    }


def test_a_projects_主管部门_and_a_catalogue_of_items_are_no_warnings(shared_data: Path) -> None:
    # n128: the unit 福州市公安局治安管理支队's project forms name their 主管部门 福州市公安局 (p29, p30);
    # n130: 福州市民政局(本级)'s forms name 福州市民政局. p27–28 of n128 list "人员经费…主要包括：基本工资、
    # 津贴补贴…奖励金" and "公用经费…主要包括：办公费…" (22 of the catalogue's 25 款 of 301/303, 25 of the 43
    # of 302/310): the catalogue's definition, so the 款 九 leaves blank (伙食补助费…) are told as info.
    for name in ("n128_fuzhou", "n130_fuzhou"):
        findings = check(national(name)).findings
        assert [f.rule for f in findings if f.severity is Severity.WARNING] == [], name
    items = [f for f in check(national("n128_fuzhou")).findings if f.rule == "narrative.items"]
    assert items and {f.severity for f in items} == {Severity.INFO}
