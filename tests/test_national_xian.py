"""Xi'an 部门综合预算 (xa_zonghe_16): "表N" over a title prefixed by the year, the 收支总表 and the
财政拨款收支总表 printed in four panels side by side (收入 | 支出功能分类 | 部门预算支出经济分类 | 政府预算
支出经济分类), the 收入总表 and 支出总表 listed by 预算单位 with the column group 一般公共预算拨款 {小计 |
其中：专项资金列入部门预算项目}, 人员经费 | 公用经费 | 专项业务经费 columns, a 报表目录 table that marks the
empty tables; the 2025–2026 packages draw every rule as a filled path and add "（汇总）" to the unit."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from yusuan.checks import check, narrative
from yusuan.model import DocumentType, Severity, Side, TableKind

from .national import national

K = TableKind
TOTAL = Decimal("480544221.62")  # n142's 收入总计, each 支出总计, 表4's


def test_the_thirteen_tables_are_read_by_kind_in_printed_order(shared_data: Path) -> None:
    d = national("n142_xian")
    assert (d.year, d.document_type, d.department) == (2022, DocumentType.DEPARTMENT_BUDGET, "西安市医疗保障局")
    # pages and rows counted on the PDF: 表1/表4 as 4 panels (income 19 rows, 功能 34, 部门预算经济 24,
    # 政府预算经济 20 on 表1); 表6 pp. 34–35, 表10 pp. 40–41 and 表12 pp. 43–44 go on under their header
    assert [(t.number, t.kind, t.source.page, len(t.rows)) for t in d.tables] == [
        (1, K.BUDGET_SUMMARY, 29, 97),
        (2, K.INCOME_SUMMARY, 30, 5),
        (3, K.EXPENDITURE_SUMMARY, 31, 5),
        (4, K.FISCAL_SUMMARY, 32, 83),
        (5, K.GENERAL_EXPENDITURE, 33, 28),
        (6, K.OTHER, 34, 43),  # 一般公共预算支出 by economic class: 人员 | 公用 | 专项, not 基本支出 alone
        (7, K.OTHER, 36, 28),  # 一般公共预算基本支出 by 功能分类
        (8, K.GENERAL_BASIC_ECON, 37, 43),
        (9, K.GOV_FUND_EXPENDITURE, 39, 53),  # printed empty in the 4 panels of 表1 (目录: "是 不涉及")
        (10, K.OTHER, 40, 45),  # 专项业务经费支出表
        (11, K.OTHER, 42, 0),  # 财政拨款上年结转资金支出表, empty
        (12, K.OTHER, 43, 100),  # 政府采购
        (13, K.THREE_PUBLIC, 45, 5),
    ]
    # the 报表目录 (p28) says 表11 is empty: "是 | 不涉及"
    assert d.tables[10].empty_note == "报表目录：是否空表 是，不涉及"


def test_the_four_panels_of_the_收支总表_are_the_income_and_three_views_of_the_spending(shared_data: Path) -> None:
    t1 = national("n142_xian").tables[0]
    assert [len(t1.side_rows(s)) for s in Side] == [19, 34, 24, 20]
    for side in Side:
        total, grand = t1.total(side), t1.grand_total(side)
        assert total is not None and grand is not None
        assert (total.value("amount"), grand.value("amount")) == (TOTAL, TOTAL)
    functions = {r.name: r.value("amount") for r in t1.side_rows(Side.EXPENDITURE)}
    assert [functions[n] for n in ("5、教育支出", "8、社会保障和就业支出", "10、卫生健康支出", "20、住房保障支出")] == [
        Decimal("390000.00"),
        Decimal("1948860.94"),
        Decimal("475907032.42"),
        Decimal("2298328.26"),
    ]
    dept = {r.name: r.value("amount") for r in t1.side_rows(Side.DEPT_ECON)}
    assert (dept["1、人员经费和公用经费支出"], dept["2、专项业务经费支出"]) == (
        Decimal("23111876.62"),
        Decimal("457432345.00"),
    )
    gov = [r.value("amount") for r in t1.side_rows(Side.GOV_ECON) if r.name[0].isdigit()]
    assert gov[:3] == [Decimal("20368125.45"), Decimal("25280256.17"), Decimal("909500.00")]
    assert sum(v for v in gov if v is not None) == TOTAL
    # "其中：专项资金列入部门预算的项目" is a part of (1)一般公共预算拨款, not an income of its own
    income = list(t1.rows)
    part = next(r for r in income if r.name.startswith("其中：专项资金"))
    assert (part.key, part.value("amount"), income[part.parent or 0].name) == (
        None,
        Decimal("426680000.00"),
        "(1)一般公共预算拨款",
    )


def test_the_收入总表_by_unit_and_its_一般公共预算拨款_group(shared_data: Path) -> None:
    t2 = national("n142_xian").tables[1]
    # p30 prints 合计 480544221.6 (one decimal) = 小计 of 一般公共预算拨款, of which 专项 426680000
    assert [(r.name, r.level, r.value("total"), r.value("general")) for r in t2.rows] == [
        ("合计", None, Decimal("480544221.6"), Decimal("480544221.6")),
        ("西安市医疗保障局", 1, Decimal("480544221.6"), Decimal("480544221.6")),
        ("西安市医疗保障局", 2, Decimal("18941962.57"), Decimal("18941962.57")),
        ("西安市医疗保障经办服务中心", 2, Decimal("454472259.1"), Decimal("454472259.1")),
        ("西安市医疗保险基金管理中心", 2, Decimal("7130000"), Decimal("7130000")),
    ]
    special = next(c for c in t2.columns if c.label.startswith("其中"))
    assert special.group is None  # a part of the 小计, no member of its group
    assert t2.rows[0].value(special.key) == Decimal("426680000")


def test_人员_公用_专项_add_up_to_the_合计(shared_data: Path) -> None:
    t5 = national("n142_xian").tables[4]
    total = t5.total()
    assert total is not None and [total.value(k) for k in ("total", "personnel", "public", "project")] == [
        Decimal("480544221.6"),
        Decimal("21477243.45"),
        Decimal("1634633.17"),
        Decimal("457432345"),
    ]
    assert not any(c.key.startswith("col") for c in t5.columns)  # 备注 is no amount


def test_a_consistent_package_raises_no_error_and_one_true_warning(shared_data: Path) -> None:
    findings = check(national("n142_xian")).findings
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    # p23: "较上年增加（减少）0万元（0%）,增加（减少）…" is the template's wording left in
    assert [(f.rule, f.location.page) for f in findings if f.severity is Severity.WARNING] == [
        ("text.template-choice", 23)
    ]


def test_a_view_that_does_not_add_up_is_reported_under_its_name(shared_data: Path) -> None:
    d = national("n142_xian")
    t1 = d.tables[0]
    rows = tuple(
        replace(r, values=(("amount", Decimal("457432346.00")),))
        if r.side is Side.DEPT_ECON and r.name == "2、专项业务经费支出"
        else r
        for r in t1.rows
    )
    changed = replace(d, tables=(replace(t1, rows=rows), *d.tables[1:]))
    errors = [f for f in check(changed).findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.location.page) for f in errors] == [("total.summary-expenditure", 29)]
    assert "（部门预算经济分类）" in errors[0].message and "1.00" in errors[0].message


def test_the_2026_package_drawn_with_filled_paths(shared_data: Path) -> None:
    d = national("n133_xian")
    assert (d.year, d.department) == (2026, "西安市人民政府办公厅（汇总）")
    assert len(d.tables) == 13 and d.tables[0].source.page == 20
    t1 = d.tables[0]
    assert [t.grand_total(s).value("amount") for t in (t1,) for s in Side if t.grand_total(s)] == [
        Decimal("92165133.99")
    ] * 4
    t5 = d.tables[4].total()
    assert t5 is not None and [t5.value(k) for k in ("total", "personnel", "public", "project")] == [
        Decimal("92165133.99"),
        Decimal("60272768.69"),
        Decimal("4389765.30"),
        Decimal("27502600.00"),
    ]
    assert [f for f in check(d).findings if f.severity is Severity.ERROR] == []


def test_the_narrative_only_package_is_read(shared_data: Path) -> None:
    # n143 prints the 情况说明 alone; its last page names "附件：2019 年部门综合预算公开报表"
    d = national("n143_xian")
    assert (d.year, d.department, d.tables) == (2019, "西安市发展和改革委员会", ())
    assert [s.number for s in d.sections][:2] == ["二", "三"]
    assert [n.code for n in d.notes if n.code == "narrative-only"] == ["narrative-only"]


def test_a_其中_list_opened_by_a_part_lists_that_part(shared_data: Path) -> None:
    # n151 p35: "“三公”经费预算支出12.63万元…；其中：…因公出国预算0万元…；公务接待费预算5.13万元…；
    # 公务用车购置和运行维护费预算7.5万元，其中：公务用车购置费预算0元…；公务用车运行维护费预算7.5万元"
    d = national("n151_xian")
    lists = [(i.left[0].value, [t.value for t in i.right]) for i in narrative.parts(d) if i.location.page == 35]
    assert lists == [
        (Decimal("12.63"), [Decimal("0"), Decimal("5.13"), Decimal("7.5")]),
        (Decimal("7.5"), [Decimal("0"), Decimal("7.5")]),
    ]
    # and so its errors are the six audited true (tests/data/national_audit.md), no narrative.parts
    errors = [(f.rule, f.location.page) for f in check(d).findings if f.severity is Severity.ERROR]
    assert sorted(errors) == [("total.summary-expenditure", 42)] * 3 + [
        ("total.summary-expenditure", 45),
        ("xtable.fiscal-budget", 45),
        ("xtable.fiscal-budget", 45),
    ]


def test_a_款_printed_as_its_two_digits_under_its_类(shared_data: Path) -> None:
    # n140 表5 (p33), one code column: "201 一般公共服务支出", "10 人力资源事务", "2011007 博士后日常经费";
    # and 项 named with their 款 in brackets: "行政运行（人力资源和社会保障管理事务）" for 2080101
    d = national("n140_xian")
    t5 = next(t for t in d.tables if any(r.code == "2011007" for r in t.rows))
    codes = [r.code for r in t5.rows]
    item = codes.index("2011007")
    assert codes[item - 2 : item + 1] == ["201", "20110", "2011007"]
    assert t5.rows[item].parent == item - 1 and t5.rows[item - 1].parent == item - 2
    assert "20805" in codes and "20808" in codes  # "05" and "08" after a 项 of 801
    assert any(n.code == "code-mended" and "按上级科目补全为 20110" in n.message for n in d.notes)
    warned = [f.rule for f in check(d).findings if f.severity is Severity.WARNING]
    assert [r for r in warned if r.startswith("code.")] == []


def test_the_four_panels_are_rendered_side_by_side(shared_data: Path) -> None:
    """The layout every renderer shares prints n142's 表1 with its four panels, totals facing."""
    from yusuan.render.layout import facing_rows, table_to_grid

    t1 = national("n142_xian").tables[0]
    lines = facing_rows(t1)
    assert {len(line) for line in lines} == {4}
    assert [sum(1 for line in lines if line[k] is not None) for k in range(4)] == [19, 34, 24, 20]
    totals = [line for line in lines if line[0] is not None and line[0].name == "本年收入合计"]
    assert [[r.name if r else None for r in line] for line in totals] == [["本年收入合计"] + ["本年支出合计"] * 3]
    grid = table_to_grid(t1)
    heads = [c.text for c in grid.cells if c.header and c.row == 0]
    assert heads == ["收入", "支出（功能分类）", "支出（部门预算经济分类）", "支出（政府预算经济分类）"]


def test_a_paragraph_goes_on_over_a_page_whose_lines_reach_further_right(shared_data: Path) -> None:
    # n137 p20 (landscape) ends "…会议费预算支出5.79万元，较上年减少7.21万元，下降55.46%，" at its text's right
    # margin; p21 goes on "下降的主要原因是：…" and prints a table head ("单位：万元") further right: the
    # line ends at its own page's margin (text.cut-off warned)
    d = national("n137_xian")
    texts = [(p.source.page, p.text) for s in d.sections for p in s.paragraphs]
    (meeting,) = [(page, t) for page, t in texts if "会议费预算支出5.79万元" in t]
    assert meeting == (
        20,
        "本部门当年一般公共预算会议费预算支出5.79万元，较上年减少7.21万元，下降55.46%，"
        "下降的主要原因是：厉行节约习惯过“紧日子”，尽量在单位内部会议室召开会议。",
    )
    assert [f for f in check(d).findings if f.rule == "text.cut-off"] == []


def test_the_forms_name_the_department_or_one_of_its_units(shared_data: Path) -> None:
    # n140 p58 "2020年专项资金整体绩效目标表": 专项（项目）名称 市级就业补助及创业贷款贴息资金, 主管部门
    # 西安市人力资源和社会保障局 (the 专项's name was read as the department's). n151 pp. 70-73: forms of
    # 西安市社会科学院, a unit its 收入总表 lists (p43), under 西安市科学技术局; p74's "西安市科技局" is the
    # department's name shortened, said (label.department)
    assert [(f.source.page, f.department) for f in national("n140_xian").overall_forms] == [
        (56, "西安市人力资源和社会保障局"),
        (58, "西安市人力资源和社会保障局"),
    ]
    assert [f for f in check(national("n140_xian")).findings if f.rule == "label.department"] == []
    said = [(f.location.page, f.found) for f in check(national("n151_xian")).findings if f.rule == "label.department"]
    assert said == [(74, "西安市科技局")]


def test_the_next_items_change_stated_without_its_amount_is_no_reason(shared_data: Path) -> None:
    # n140 p23: "…其中：因公出国（境）费 0万元，较上年降低25万元，原因是…；公务接待费较上年降低 1.17 万元
    # （26.17 ），原因是…；公务用车购置及运行维护费较上年降低 12 万元…": 25 + 1.17 + 12 = 38.17, the 三公's
    # decrease; 1.17 and 12 are no reasons of the 25 (narrative.components warned 25 ≠ 13.17)
    findings = check(national("n140_xian")).findings
    assert [f for f in findings if f.rule == "narrative.components"] == []
