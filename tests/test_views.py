"""Views: the example ledger gives the sample's published tables; each view on tiny inline ledgers."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.ledger import read_ledger
from yusuan.model import Disclosure, GovLevel, RowRole, Side, Source, Table, TableKind, Topic
from yusuan.model.ledger import (
    BudgetPeriod,
    DepartmentFacts,
    FundLevel,
    FundSource,
    LastYear,
    Ledger,
    LineItem,
    Nature,
    ProcurementKind,
    ProjectCategory,
    ProjectTargets,
    TargetIndicator,
    ThreePublic,
    UnitFacts,
)
from yusuan.reference import function_classes
from yusuan.text import name_key
from yusuan.views import ledger_to_disclosure
from yusuan.views.money import change_text, share, yuan_to_wan

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"
D = Decimal

# ---------------------------------------------------------------------------------------------
# the example ledger against the published sample, cell by cell


def cells(table: Table) -> dict[tuple[object, ...], Decimal]:
    """Every printed amount of a table by (row identity, column); duplicate rows add up."""
    out: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    seen: dict[tuple[object, ...], int] = defaultdict(int)
    for r in table.rows:
        if table.kind is TableKind.GENERAL_BASIC_ECON:
            key: tuple[object, ...] = (name_key(r.name), name_key(r.text("gov_econ") or ""))
        elif r.code:
            key = (r.side, r.code)
        elif r.key:
            key = (r.side, r.key)
        else:
            base = (r.side, r.level, name_key(r.name))
            seen[base] += 1
            key = (*base, seen[base])
        for column, value in r.values:
            if value is not None:
                out[(*key, column)] += value
    return dict(out)


# Every place where the built package differs from the published one, and why (examples/ledger/README.md).
DOCUMENTED = {
    # 表6 prints the 政府经济科目 50601 by its 2026 name, 资本性支出（一）; the sample prints 资本性支出.
    ("general_basic_econ", "办公设备购置", "资本性支出", "total"): (D("2.00"), None),
    ("general_basic_econ", "办公设备购置", "资本性支出", "public"): (D("2.00"), None),
    ("general_basic_econ", "办公设备购置", "资本性支出(一)", "total"): (None, D("2.00")),
    ("general_basic_econ", "办公设备购置", "资本性支出(一)", "public"): (None, D("2.00")),
    # 机关运行经费 includes the 局's 办公设备购置 (2.00), as the package's own 名词解释 defines it.
    ("org_operation", None, None, "部门合计", 1, "total"): (D("68.78"), D("70.78")),
    ("org_operation", None, None, "部门合计", 1, "general"): (D("68.78"), D("70.78")),
    ("org_operation", None, None, "文水县人力资源和社会保障局", 1, "total"): (D("68.78"), D("70.78")),
    ("org_operation", None, None, "文水县人力资源和社会保障局", 1, "general"): (D("68.78"), D("70.78")),
    # One project (one form of 100,000 元) printed on two rows of 表12 (9.00 and 1.00): the ledger's one row.
    ("project_current", None, 3, "2026年工作经费", 1, "total"): (D("9.00"), D("10.00")),
    ("project_current", None, 3, "2026年工作经费", 1, "general"): (D("9.00"), D("10.00")),
    ("project_current", None, 3, "2026年工作经费", 2, "total"): (D("1.00"), None),
    ("project_current", None, 3, "2026年工作经费", 2, "general"): (D("1.00"), None),
}


@pytest.fixture(scope="module")
def built() -> Disclosure:
    return ledger_to_disclosure(read_ledger(EXAMPLE))


def test_example_tables_match_the_published_tables_cell_by_cell(sample: Disclosure, built: Disclosure) -> None:
    found = {}
    compared = 0
    for kind in TableKind:
        if sample.table(kind) is None and built.table(kind) is None:
            continue  # a 决算 kind: neither the 预算 sample nor the ledger has one
        published, ours = cells(sample.table(kind)), cells(built.table(kind))  # type: ignore[arg-type]
        for key in set(published) | set(ours):
            compared += 1
            a, b = published.get(key), ours.get(key)
            if a != b:
                found[
                    (
                        kind.value,
                        *(
                            re.sub(r"[（）]", lambda m: "(" if m.group() == "（" else ")", k)
                            if isinstance(k, str)
                            else k
                            for k in key
                        ),
                    )
                ] = (a, b)
    normalized = {tuple(v.value if isinstance(v, Side) else v for v in k): diff for k, diff in found.items()}
    assert normalized == DOCUMENTED
    assert compared > 400


def test_example_reproduces_published_rounding_differences(built: Disclosure) -> None:
    """Totals are rounded from 元 sums, so the published rounding differences come back."""
    t12 = built.table(TableKind.PROJECT_CURRENT)
    assert t12 is not None
    unit = t12.rows[1]
    assert (unit.name, unit.amount("total")) == ("文水县人力资源和社会保障局", D("1141.35"))
    assert sum(r.amount("total") for r in t12.children(1)) == D("1141.36")
    t5 = built.table(TableKind.GENERAL_EXPENDITURE)
    assert t5 is not None and t5.total() is not None
    assert t5.total().amount("basic") == D("1979.95")  # type: ignore[union-attr]
    assert sum(r.amount("basic") for r in t5.rows if r.level == 1) == D("1979.96")


def test_example_narrative_states_the_published_figures(built: Disclosure) -> None:
    texts = {s.topic: s.text for s in built.sections}
    assert "预算收入总计3,776.24万元" in texts[Topic.CHANGES]
    assert "比上年减少1,390.58万元，下降26.91%" in texts[Topic.CHANGES]
    assert "1.基本支出1,979.95万元，比上年增加132.76万元" in texts[Topic.CHANGES]
    assert "一般公共预算拨款收入3,598.49万元，占95.29%" in texts[Topic.INCOME]
    assert "基本支出1,979.95万元，占52.43%；项目支出1,796.29万元，占47.57%" in texts[Topic.EXPENDITURE]
    assert "比上年减少1,451.35万元，下降28.74%" in texts[Topic.GENERAL]
    assert "社会保障和就业支出2,907.10万元，占80.79%" in texts[Topic.GENERAL]
    assert "人员经费1,864.02万元" in texts[Topic.GENERAL_BASIC] and "公用经费115.93万元" in texts[Topic.GENERAL_BASIC]
    assert "“三公”经费预算6.00万元，与2025年预算数持平" in texts[Topic.THREE_PUBLIC]
    # 机关运行经费 70.78 against last year's 68.55, with its components by 部门经济科目
    assert "比2025年预算增加2.23万元，增长3.25%" in texts[Topic.ORG_OPERATION]
    assert "办公费增加3.66万元" in texts[Topic.ORG_OPERATION] and "电费减少1.50万元" in texts[Topic.ORG_OPERATION]
    assert "办公设备购置增加2.00万元" in texts[Topic.ORG_OPERATION]
    assert "政府采购预算总额20.11万元" in texts[Topic.PROCUREMENT]
    assert "货物预算12.01万元、政府采购工程预算0万元、政府采购服务预算8.10万元" in texts[Topic.PROCUREMENT]
    assert "二级项目29个，共计金额1,618.54万元" in texts[Topic.PERFORMANCE]
    assert (
        "其他运转类项目11个，涉及金额119.24万元；特定目标类项目18个，涉及金额1,499.29万元" in texts[Topic.PERFORMANCE]
    )
    assert "公开项目绩效目标29个" in texts[Topic.PERFORMANCE]


def test_example_forms_carry_the_published_yuan_amounts(built: Disclosure) -> None:
    forms = {
        (f.implementing_unit, f.name, f.annual.total.value if f.annual.total else None) for f in built.project_forms
    }
    assert (
        "文水县人力资源和社会保障局",
        "2024年事业单位、2025年消防协管员招聘、幼儿业务辅助人员招聘",
        D("1000083.56"),
    ) in forms
    assert ("文水县医疗保险服务中心", "原建档立卡贫困人口医疗救助财政补助资金", D("694656.00")) in forms
    central = next(f for f in built.project_forms if f.name == "2026年中央财政城乡医疗救助资金")
    assert central.annual.central is not None and central.annual.central.value == D("1596400")
    assert central.annual.local is not None and central.annual.local.value == 0
    overall = built.overall_forms[0]
    assert [(line.name, line.requested.value if line.requested else None) for line in overall.funds] == [
        ("合计", D("3598.49")),
        ("1 基本支出", D("1979.95")),
        ("2 项目支出", D("1618.54")),
    ]
    assert overall.fact("内设机构数") == "27" and overall.fact("直属单位数") == "3"


# ---------------------------------------------------------------------------------------------
# tiny ledgers


def facts(level: GovLevel = GovLevel.COUNTY, department: str = "测试县测试局", **changes: object) -> DepartmentFacts:
    base = DepartmentFacts(
        department=department,
        year=2026,
        level=level,
        source=Source("t"),
        units=(UnitFacts(department, True), UnitFacts("测试县测试中心", False)),
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def item(amount: str, **fields: object) -> LineItem:
    values: dict[str, object] = {
        "unit": "测试县测试局",
        "function_code": "2080101",
        "dept_econ": "30201",
        "gov_econ": "50201",
        "fund": FundSource.GENERAL,
        "nature": Nature.PUBLIC,
        "amount": D(amount),
        "source": Source("t", line=2),
    }
    values.update(fields)
    return LineItem(**values)  # type: ignore[arg-type]


def project(amount: str, code: str, **fields: object) -> LineItem:
    return item(
        amount,
        nature=Nature.PROJECT,
        project_code=code,
        project=fields.pop("name", f"项目{code}"),
        category=fields.pop("category", ProjectCategory.SPECIFIC),
        dept_econ="30299",
        gov_econ="50299",
        **fields,
    )


def build(*items: LineItem, **fact_changes: object) -> Disclosure:
    return ledger_to_disclosure(Ledger(facts(**fact_changes), tuple(items), "t"))


def test_cells_round_per_cell_and_totals_from_yuan_sums() -> None:
    d = build(project("33334", "A"), project("33334", "B"), project("33334", "C"))
    t12 = d.table(TableKind.PROJECT_CURRENT)
    assert t12 is not None
    assert [r.amount("total") for r in t12.rows] == [D("10.00"), D("10.00"), D("3.33"), D("3.33"), D("3.33")]
    assert [r.level for r in t12.rows] == [1, 2, 3, 3, 3]
    assert [r.parent for r in t12.rows] == [None, 0, 1, 1, 1]


def test_yuan_to_wan_rounds_half_up() -> None:
    assert yuan_to_wan(D("11785.00")) == D("1.18")
    assert yuan_to_wan(D("11784.99")) == D("1.18")
    assert yuan_to_wan(D("11749.99")) == D("1.17")
    assert share(D("1979.95"), D("3776.24")) == D("52.43")
    assert change_text(D("68.78"), D("68.55"), "2025年预算") == "比2025年预算增加0.23万元，增长0.34%"
    assert change_text(D("6.00"), D("6.00")) == "与上年持平"
    assert change_text(D("5.00"), D("0")) == "比上年增加5.00万元"


def test_budget_summary_lists_all_30_classes_and_pairs_lines() -> None:
    d = build(item("10000"), item("5000", period=BudgetPeriod.CARRYOVER, function_code="2101101"))
    t1 = d.table(TableKind.BUDGET_SUMMARY)
    assert t1 is not None
    expenditure = [r for r in t1.rows if r.side is Side.EXPENDITURE and r.code]
    assert [r.code for r in expenditure] == list(function_classes())
    assert expenditure[7].name == "八、社会保障和就业支出" and expenditure[7].amount("current") == D("1.00")
    assert expenditure[9].amount("carryover") == D("0.50") and expenditure[9].value("current") is None
    grand = [r for r in t1.rows if r.role is RowRole.GRAND_TOTAL]
    assert [(r.side, r.amount("amount") or r.amount("total")) for r in grand] == [
        (Side.INCOME, D("1.50")),
        (Side.EXPENDITURE, D("1.50")),
    ]
    # printed line by line: income row i then expenditure row i
    assert [r.side for r in t1.rows[:4]] == [Side.INCOME, Side.EXPENDITURE, Side.INCOME, Side.EXPENDITURE]


def test_code_tables_roll_up_and_link_parents() -> None:
    d = build(item("10000"), item("20000", function_code="2080102"), item("30000", function_code="2101101"))
    t2 = d.table(TableKind.INCOME_SUMMARY)
    assert t2 is not None
    assert [(r.code, r.amount("total"), r.level, r.parent) for r in t2.rows] == [
        (None, D("6.00"), None, None),
        ("208", D("3.00"), 1, None),
        ("20801", D("3.00"), 2, 1),
        ("2080101", D("1.00"), 3, 2),
        ("2080102", D("2.00"), 3, 2),
        ("210", D("3.00"), 1, None),
        ("21011", D("3.00"), 2, 5),
        ("2101101", D("3.00"), 3, 6),
    ]


def test_empty_tables_are_marked() -> None:
    d = build(item("10000"))
    for kind in (TableKind.GOV_FUND_INCOME, TableKind.GOV_FUND_EXPENDITURE, TableKind.STATE_CAPITAL):
        table = d.table(kind)
        assert table is not None and table.empty_note == "注：本表无数据" and table.is_empty
    t10 = d.table(TableKind.THREE_PUBLIC)
    assert t10 is not None and t10.empty_note == "注：本表无数据" and len(t10.rows) == 6
    t12 = d.table(TableKind.PROJECT_CURRENT)
    assert t12 is not None and t12.rows == () and t12.empty_note == "注：本表无数据"
    assert d.table(TableKind.BUDGET_SUMMARY).empty_note is None  # type: ignore[union-attr]


def test_gov_fund_lines_fill_tables_7_and_8() -> None:
    d = build(
        item("10000"),
        project("20000", "G", fund=FundSource.GOV_FUND, function_code="2120803"),
        function_names=(("2120803", "其他城乡社区支出"), ("21208", "国有土地使用权出让收入安排的支出")),
    )
    t7, t8 = d.table(TableKind.GOV_FUND_INCOME), d.table(TableKind.GOV_FUND_EXPENDITURE)
    assert t7 is not None and t8 is not None and t7.empty_note is None
    assert [(r.code, r.amount("amount")) for r in t7.rows] == [
        (None, D("2.00")),
        ("212", D("2.00")),
        ("21208", D("2.00")),
        ("2120803", D("2.00")),
    ]
    assert t8.total() is not None and t8.total().amount("project") == D("2.00")  # type: ignore[union-attr]


def test_three_public_and_org_operation() -> None:
    d = build(
        item("60000", dept_econ="30231", gov_econ="50208", three_public=ThreePublic.VEHICLE_OPERATION),
        item("15000", dept_econ="30217", gov_econ="50206", three_public=ThreePublic.RECEPTION),
        item("20000", dept_econ="31002", gov_econ="50306"),
        item("99999", unit="测试县测试中心", dept_econ="30201", gov_econ="50502"),  # a 事业单位: no 机关运行经费
        item("50000", nature=Nature.PERSONNEL, dept_econ="30101", gov_econ="50101"),
    )
    t10 = d.table(TableKind.THREE_PUBLIC)
    assert t10 is not None
    assert {r.key: r.value("total") for r in t10.rows} == {
        "abroad": None,
        "reception": D("1.50"),
        "vehicle": D("6.00"),
        "vehicle_purchase": None,
        "vehicle_operation": D("6.00"),
        None: D("7.50"),
    }
    t11 = d.table(TableKind.ORG_OPERATION)
    assert t11 is not None
    assert [(r.name, r.amount("total")) for r in t11.rows] == [("部门合计", D("9.50")), ("测试县测试局", D("9.50"))]


def test_basic_econ_table_groups_by_department_and_government_codes() -> None:
    d = build(
        item("10000", nature=Nature.PERSONNEL, dept_econ="30101", gov_econ="50101"),
        item("20000", nature=Nature.PERSONNEL, dept_econ="30101", gov_econ="50501", unit="测试县测试中心"),
        item("5000"),
        item("7000", dept_econ="30201", gov_econ="50201", function_code="2080102"),
    )
    t6 = d.table(TableKind.GENERAL_BASIC_ECON)
    assert t6 is not None
    assert [(r.name, r.text("gov_econ"), r.amount("total"), r.code, r.parent) for r in t6.rows] == [
        ("合计", None, D("4.20"), None, None),
        ("工资福利支出", None, D("3.00"), "301", None),
        ("基本工资", "工资奖金津补贴", D("1.00"), "30101", 1),
        ("基本工资", "工资福利支出", D("2.00"), "30101", 1),
        ("商品和服务支出", None, D("1.20"), "302", None),
        ("办公费", "办公经费", D("1.20"), "30201", 4),
    ]


def test_glossary_is_worded_for_the_level() -> None:
    for level, department, words in (
        (GovLevel.COUNTY, "测试县测试局", "指县直部门用财政拨款安排的"),
        (GovLevel.CITY, "测试市测试局", "指市直部门用财政拨款安排的"),
        (GovLevel.PROVINCE, "测试省测试厅", "指省直部门用财政拨款安排的"),
    ):
        d = build(item("100"), level=level, department=department, units=(UnitFacts(department, True),))
        three = next(g for g in d.glossary if g.term == "“三公”经费")
        assert three.definition.startswith(words)
        assert d.title == "2026年度部门预算公开"
    # a county department whose name says nothing of its level: the title says it
    d = build(item("100"), level=GovLevel.CITY)
    assert d.title == "2026年度市级部门预算公开"


def test_project_forms_split_by_fund_level() -> None:
    targets = ProjectTargets(
        "A", goal="完成", indicators=(TargetIndicator("产出指标", "数量指标", "完成数", "3个", "1个"),)
    )
    d = build(
        project("30000", "A", fund_level=FundLevel.CENTRAL),
        project("12345.67", "A", fund_level=FundLevel.LOCAL, function_code="2080102"),
        project("5000", "B"),
        projects=(targets,),
    )
    assert len(d.project_forms) == 1
    form = d.project_forms[0]
    assert form.annual.total is not None and form.annual.total.value == D("42345.67")
    assert form.annual.central is not None and form.annual.central.value == D("30000")
    assert form.annual.local is not None and form.annual.local.value == D("12345.67")
    assert [(i.period.value, i.value) for i in form.indicators] == [("implementation", "3个"), ("annual", "1个")]
    text = next(s for s in d.sections if s.topic is Topic.PERFORMANCE).text
    assert (
        "二级项目2个" in text
        and "公开项目绩效目标1个，涉及项目金额4.23万元，占部门（单位）项目支出总额的89.43%" in text
    )


def test_changes_and_reasons_come_from_the_facts() -> None:
    last = LastYear(
        2025,
        totals=(("income_total", D("2.00")), ("basic", D("1.50"))),
        org_operation=D("1.00"),
        org_operation_items=(("30201", D("1.00")),),
    )
    d = build(item("10000"), last_year=last, reasons=(("basic", "人员调资"),))
    text = next(s for s in d.sections if s.topic is Topic.CHANGES).text
    assert "预算收入总计1.00万元" in text and "比上年减少1.00万元，下降50.00%" in text
    assert "1.基本支出1.00万元，比上年减少0.50万元，下降33.33%，原因是：人员调资" in text
    org = next(s for s in d.sections if s.topic is Topic.ORG_OPERATION).text
    assert org.startswith("本部门2026年机关运行经费财政拨款预算1.00万元，与2025年预算持平")


def test_procurement_sums_flagged_lines() -> None:
    d = build(
        item("10000", procurement=ProcurementKind.GOODS), project("25000", "A", procurement=ProcurementKind.SERVICES)
    )
    assert d.procurement is not None
    assert (
        d.procurement.total.value,
        d.procurement.goods.value,
        d.procurement.works.value,
        d.procurement.services.value,
    ) == (  # type: ignore[union-attr]
        D("3.50"),
        D("1.00"),
        D("0"),
        D("2.50"),
    )
