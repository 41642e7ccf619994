"""Hypothesis strategies for valid budget ledgers (items and facts), for the round-trip and check tests."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import strategies as st

from yusuan.ledger.codes import function_names
from yusuan.model import GovLevel, Source
from yusuan.model.ledger import (
    AssetFacts,
    BudgetPeriod,
    DepartmentFacts,
    FundLevel,
    FundSource,
    LastYear,
    Ledger,
    LineItem,
    Nature,
    OverallTargets,
    ProcurementKind,
    ProjectCategory,
    ProjectTargets,
    Signature,
    TargetIndicator,
    ThreePublic,
    UnitFacts,
)

FILE = "random-ledger"
# (department, level): names whose region implies the level, and some that do not.
DEPARTMENTS = (
    ("临河县财政局", GovLevel.COUNTY),
    ("东城区教育局", GovLevel.DISTRICT),
    ("吕梁市人力资源和社会保障局", GovLevel.CITY),
    ("山西省统计局", GovLevel.PROVINCE),
    ("临河县卫生健康局", GovLevel.CITY),
)
SUBUNITS = ("服务中心", "监测站", "管理所", "事务中心")
PROJECT_NAMES = (
    "工作经费",
    "信息化建设运维经费",
    "专项业务经费",
    "培训经费",
    "设备购置经费",
    "宣传经费",
    "课题调研经费",
    "档案数字化经费",
)
FUNCTION_CODES = tuple(sorted(c for c in function_names() if len(c) == 7))
# (部门经济科目, 政府经济科目, 人员经费?) pairs a budget system would use.
# 行政单位 use 机关 government codes (501–504), 事业单位 the 对事业单位补助 ones (505–506).
PERSONNEL = {
    True: (("30101", "50101"), ("30102", "50101"), ("30108", "50102"), ("30113", "50103")),
    False: (("30101", "50501"), ("30107", "50501"), ("30108", "50501"), ("30113", "50501")),
}
PUBLIC = {
    True: (("30201", "50201"), ("30211", "50201"), ("30213", "50209"), ("30231", "50208"), ("31002", "50306")),
    False: (("30201", "50502"), ("30211", "50502"), ("31002", "50601")),
}
PROJECT_ECON = (("30299", "50299"), ("30227", "50205"), ("31002", "50306"), ("30216", "50203"))
INDICATORS = (
    ("产出指标", "数量指标", "完成任务数", "≥10个"),
    ("产出指标", "质量指标", "验收合格率", "≥98%"),
    ("产出指标", "时效指标", "完成时限", "年底前"),
    ("产出指标", "成本指标", "成本控制", "不超预算"),
    ("效益指标", "社会效益指标", "服务对象覆盖率", "≥95%"),
    ("效益指标", "可持续影响指标", "长效机制", "逐步完善"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"),
)


def amounts(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Amounts in 元 with fen, between `low` and `high` 元."""
    return st.integers(low * 100, high * 100).map(lambda cents: Decimal(cents) / 100)


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    department, level = draw(st.sampled_from(DEPARTMENTS))
    region = department[:3]
    n_sub = draw(st.integers(0, 2))
    units = [UnitFacts(department, True)] + [
        UnitFacts(f"{region}{name}", draw(st.booleans())) for name in draw(st.permutations(SUBUNITS))[:n_sub]
    ]
    items: list[LineItem] = []
    line = 2

    def add(**fields: object) -> None:
        nonlocal line
        items.append(LineItem(source=Source(FILE, line=line), **fields))  # type: ignore[arg-type]
        line += 1

    funds = st.sampled_from(FundSource)
    for unit in units:
        for _ in range(draw(st.integers(1, 4))):
            nature = draw(st.sampled_from((Nature.PERSONNEL, Nature.PUBLIC)))
            pairs = PERSONNEL if nature is Nature.PERSONNEL else PUBLIC
            dept, gov = draw(st.sampled_from(pairs[unit.administrative]))
            add(
                unit=unit.name,
                function_code=draw(st.sampled_from(FUNCTION_CODES)),
                dept_econ=dept,
                gov_econ=gov,
                fund=FundSource.GENERAL,  # basic expenditure is appropriated from 一般公共预算
                nature=nature,
                amount=draw(amounts(100, 3_000_000)),
                three_public=ThreePublic.VEHICLE_OPERATION if dept == "30231" else None,
                procurement=ProcurementKind.GOODS if dept == "31002" else None,
            )
        for p in range(draw(st.integers(0, 3))):
            code = f"{unit.name[-4:]}-{p}"
            name = draw(st.sampled_from(PROJECT_NAMES))
            category = draw(st.sampled_from(ProjectCategory))
            period = draw(st.sampled_from(BudgetPeriod))
            level_of_funds = draw(st.sampled_from(FundLevel))
            for _ in range(draw(st.integers(1, 2))):
                dept, gov = draw(st.sampled_from(PROJECT_ECON))
                add(
                    unit=unit.name,
                    function_code=draw(st.sampled_from(FUNCTION_CODES)),
                    dept_econ=dept,
                    gov_econ=gov,
                    # this year's money and the carry-over may come from any source (mostly 一般公共预算)
                    fund=draw(funds) if draw(st.integers(0, 3)) == 0 else FundSource.GENERAL,
                    nature=Nature.PROJECT,
                    amount=draw(amounts(10_000, 5_000_000)),
                    period=period,
                    project_code=code,
                    project=name,
                    category=category,
                    procurement=draw(st.sampled_from((None, *ProcurementKind))),
                    fund_level=level_of_funds,
                )
    year = draw(st.integers(2024, 2027))
    targets = []
    for code in dict.fromkeys(i.project_code for i in items if i.project_code and i.period is BudgetPeriod.CURRENT):
        chosen = draw(st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=4, unique=True))
        targets.append(
            ProjectTargets(
                project_code=code or "",
                texts=(("项目概况", "保障业务正常开展。"), ("立项依据", "年度工作计划。")),
                goal="按期完成年度任务。",
                indicators=tuple(TargetIndicator(*c) for c in chosen),
                signature=(("date", f"{year}0115"),),
            )
        )
    last_year = None
    if draw(st.booleans()):
        basic, project, carryover = (Decimal(draw(st.integers(0, 9_000_000))) / 100 for _ in range(3))
        office, travel = (Decimal(draw(st.integers(0, 5000))) / 100 for _ in range(2))
        last_year = LastYear(
            year=year - 1,
            totals=(
                ("income_total", basic + project + carryover),
                ("basic", basic),
                ("project", project),
                ("carryover", carryover),
                ("general_current", basic + project),
            ),
            three_public=(("vehicle_operation", Decimal(draw(st.integers(0, 2000))) / 100),),
            org_operation=office + travel,
            org_operation_items=(("30201", office), ("30211", travel)),
        )
    overall = OverallTargets()
    if draw(st.booleans()):
        overall = OverallTargets(
            facts=(("编制人数", "12"),),
            texts=(("年度绩效目标", "保障机关正常运转。"),),
            duties_tasks="任务1：完成年度重点工作",
            duties_indicators=(("重点工作完成情况", "≥98%"),),
            satisfaction=(("服务对象满意度", "≥90%"),),
        )
    facts = DepartmentFacts(
        department=department,
        year=year,
        level=level,
        source=Source(FILE),
        department_code=draw(st.sampled_from((None, "101"))),
        duties="负责本部门职责范围内的各项工作。",
        units=tuple(units),
        named_units=tuple(u.name for u in units[1:]),
        offices=("办公室", "业务股")[: draw(st.integers(0, 2))],
        vehicles=draw(st.sampled_from((None, 2))),
        assets=AssetFacts(as_of=f"{year}年1月1日", vehicles_quota=2, vehicles=2, office_area=Decimal(300))
        if draw(st.booleans())
        else AssetFacts(),
        last_year=last_year,
        other_notes=(("（一）其他", "无。"),),
        overall=overall,
        projects=tuple(targets),
        signature=Signature("张三", "李四", "1234567", f"{year}0120"),
    )
    return Ledger(facts, tuple(items), FILE)


def with_amounts(ledger: Ledger, scale: int) -> Ledger:
    """The same ledger with every amount multiplied (to reach 亿-size figures)."""
    return replace(ledger, items=tuple(replace(i, amount=i.amount * scale) for i in ledger.items))
