"""Small inline packages for the checker's tests: one arithmetically consistent county package,
built by hand with the model, and mutators that break one thing at a time.

The consistent package (某县人力资源和社会保障局, 2026, 万元) has two units (局, 社保中心), four
function codes, a carry-over of 10.00 and every table, section and form a county package has; all
its figures agree exactly, so the whole catalogue finds nothing in it (tested below).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.checks import check
from yusuan.model import (
    Assets,
    Column,
    Disclosure,
    DocumentType,
    FundingSplit,
    GlossaryEntry,
    GovLevel,
    OverallForm,
    Overview,
    Paragraph,
    Procurement,
    ProjectForm,
    Quantity,
    Row,
    RowRole,
    Section,
    Side,
    Signature,
    Source,
    Table,
    TableKind,
    Topic,
    Unit,
)
from yusuan.model.performance import Amount, FundLine
from yusuan.text import text_to_figures

FILE = "fixture.md"
DEPT = "某县人力资源和社会保障局"
_lines = itertools.count(10)


def src(line: int | None = None) -> Source:
    return Source(FILE, line=line if line is not None else next(_lines))


def D(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def row(
    name: str,
    columns: tuple[str, ...],
    values: tuple[str | None, ...],
    *,
    code: str | None = None,
    key: str | None = None,
    role: RowRole = RowRole.ITEM,
    side: Side | None = None,
    level: int | None = None,
    parent: int | None = None,
    texts: tuple[tuple[str, str], ...] = (),
    kind: TableKind | None = None,
    index: int = 0,
) -> Row:
    line = next(_lines)
    return Row(
        name=name,
        values=tuple(zip(columns, (D(v) for v in values), strict=True)),
        source=Source(FILE, line=line, table=kind.value if kind else None, row=index),
        code=code,
        key=key,
        role=role,
        side=side,
        level=level,
        parent=parent,
        texts=texts,
    )


def table(
    kind: TableKind,
    number: int,
    columns: tuple[tuple[str, str, Side | None], ...],
    specs: list[dict[str, Any]],
    *,
    unit: Unit = Unit.WAN,
    empty_note: str | None = None,
    caption: str | None = None,
) -> Table:
    """A table of `kind`; each spec is a row: name, values (by column order of its side), extras."""
    title_line = next(_lines)
    rows = []
    for i, spec in enumerate(specs):
        spec = dict(spec)
        side = spec.get("side")
        keys = tuple(k for k, _, s in columns if s is side or (side is None and s is None))
        rows.append(row(spec.pop("name"), keys, spec.pop("values"), kind=kind, index=i, **spec))
    return Table(
        kind=kind,
        title=f"2026年{kind.label}",
        unit=unit,
        columns=tuple(Column(k, label, s) for k, label, s in columns),
        rows=tuple(rows),
        source=Source(FILE, line=title_line, table=kind.value),
        caption=caption if caption is not None else f"预算公开表{number}",
        number=number,
        department=DEPT,
        empty_note=empty_note,
    )


IN, EX = Side.INCOME, Side.EXPENDITURE
T, GT = RowRole.TOTAL, RowRole.GRAND_TOTAL


def t1() -> Table:
    cols = (
        ("amount", "2026年", IN),
        ("total", "2026年合计", EX),
        ("current", "当年预算安排", EX),
        ("carryover", "上年结转安排", EX),
    )
    return table(
        TableKind.BUDGET_SUMMARY,
        1,
        cols,
        [
            {"name": "一、一般公共预算", "values": ("215.00",), "key": "general", "side": IN},
            {"name": "二、政府性基金预算", "values": (None,), "key": "gov_fund", "side": IN},
            {"name": "三、国有资本经营预算", "values": (None,), "key": "state_capital", "side": IN},
            {"name": "四、财政专户管理资金", "values": (None,), "key": "fiscal_special", "side": IN},
            {"name": "五、单位资金", "values": (None,), "key": "unit_funds", "side": IN},
            {"name": "一、一般公共服务支出", "values": (None, None, None), "code": "201", "side": EX, "level": 1},
            {
                "name": "八、社会保障和就业支出",
                "values": ("210.00", "200.00", "10.00"),
                "code": "208",
                "side": EX,
                "level": 1,
            },
            {"name": "二十、住房保障支出", "values": ("15.00", "15.00", None), "code": "221", "side": EX, "level": 1},
            {"name": "本年收入合计", "values": ("215.00",), "role": T, "side": IN},
            {"name": "本年支出合计", "values": ("225.00", "215.00", "10.00"), "role": T, "side": EX},
            {"name": "上年结转", "values": ("10.00",), "key": "carryover", "side": IN},
            {"name": "年终结转", "values": (None, None, None), "key": "year_end_carryover", "side": EX},
            {"name": "收入总计", "values": ("225.00",), "role": GT, "side": IN},
            {"name": "支出总计", "values": ("225.00", "215.00", "10.00"), "role": GT, "side": EX},
        ],
    )


FUND_COLS = (
    ("total", "本年收入/合计", None),
    ("general", "一般公共预算", None),
    ("gov_fund", "政府性基金", None),
    ("state_capital", "国有资本经营预算", None),
    ("fiscal_special", "财政专户管理资金", None),
    ("unit_funds", "单位资金", None),
    ("carryover", "上年结转", None),
)


def _coded(name: str, code: str, values: tuple[str | None, ...], parent: int | None) -> dict[str, Any]:
    return {"name": name, "values": values, "code": code, "level": (len(code) - 1) // 2, "parent": parent}


def t2() -> Table:
    z = (None, None, None, None)
    return table(
        TableKind.INCOME_SUMMARY,
        2,
        FUND_COLS,
        [
            {"name": "合计", "values": ("215.00", "215.00", *z, "10.00"), "role": T},
            _coded("社会保障和就业支出", "208", ("200.00", "200.00", *z, "10.00"), None),
            _coded("人力资源和社会保障管理事务", "20801", ("170.00", "170.00", *z, None), 1),
            _coded("行政运行", "2080101", ("100.00", "100.00", *z, None), 2),
            _coded("社会保险经办机构", "2080109", ("70.00", "70.00", *z, None), 2),
            _coded("就业补助", "20807", ("30.00", "30.00", *z, "10.00"), 1),
            _coded("社会保险补贴", "2080704", ("30.00", "30.00", *z, "10.00"), 5),
            _coded("住房保障支出", "221", ("15.00", "15.00", *z, None), None),
            _coded("住房改革支出", "22102", ("15.00", "15.00", *z, None), 7),
            _coded("住房公积金", "2210201", ("15.00", "15.00", *z, None), 8),
        ],
    )


BP_COLS = (("total", "合计", None), ("basic", "基本支出", None), ("project", "项目支出", None))


def t3() -> Table:
    return table(
        TableKind.EXPENDITURE_SUMMARY,
        3,
        BP_COLS,
        [
            {"name": "合计", "values": ("225.00", "165.00", "60.00"), "role": T},
            _coded("社会保障和就业支出", "208", ("210.00", "150.00", "60.00"), None),
            _coded("人力资源和社会保障管理事务", "20801", ("170.00", "150.00", "20.00"), 1),
            _coded("行政运行", "2080101", ("100.00", "100.00", None), 2),
            _coded("社会保险经办机构", "2080109", ("70.00", "50.00", "20.00"), 2),
            _coded("就业补助", "20807", ("40.00", None, "40.00"), 1),
            _coded("社会保险补贴", "2080704", ("40.00", None, "40.00"), 5),
            _coded("住房保障支出", "221", ("15.00", "15.00", None), None),
            _coded("住房改革支出", "22102", ("15.00", "15.00", None), 7),
            _coded("住房公积金", "2210201", ("15.00", "15.00", None), 8),
        ],
    )


def t4() -> Table:
    cols = (
        ("amount", "金额", IN),
        ("total", "小计", EX),
        ("general", "一般公共预算", EX),
        ("gov_fund", "政府性基金预算", EX),
        ("state_capital", "国有资本经营预算", EX),
    )
    n3 = (None, None, None)
    return table(
        TableKind.FISCAL_SUMMARY,
        4,
        cols,
        [
            {"name": "一、一般公共预算", "values": ("215.00",), "key": "general", "side": IN},
            {"name": "二、政府性基金预算", "values": (None,), "key": "gov_fund", "side": IN},
            {"name": "三、国有资本经营预算", "values": (None,), "key": "state_capital", "side": IN},
            {
                "name": "八、社会保障和就业支出",
                "values": ("210.00", "210.00", None, None),
                "code": "208",
                "side": EX,
                "level": 1,
            },
            {
                "name": "二十、住房保障支出",
                "values": ("15.00", "15.00", None, None),
                "code": "221",
                "side": EX,
                "level": 1,
            },
            {"name": "本年收入合计", "values": ("215.00",), "role": T, "side": IN},
            {"name": "本年支出合计", "values": ("225.00", "225.00", None, None), "role": T, "side": EX},
            {"name": "上年财政拨款结转", "values": ("10.00",), "key": "carryover", "side": IN},
            {"name": "年终结转", "values": (None, *n3), "key": "year_end_carryover", "side": EX},
            {"name": "一、一般公共预算", "values": ("10.00",), "key": "carryover_general", "side": IN},
            {"name": "二、政府性基金预算", "values": (None,), "key": "carryover_gov_fund", "side": IN},
            {"name": "收入总计", "values": ("225.00",), "role": GT, "side": IN},
            {"name": "支出总计", "values": ("225.00", "225.00", None, None), "role": GT, "side": EX},
        ],
    )


def t5() -> Table:
    return table(
        TableKind.GENERAL_EXPENDITURE,
        5,
        BP_COLS,
        [
            {"name": "合计", "values": ("215.00", "165.00", "50.00"), "role": T},
            _coded("社会保障和就业支出", "208", ("200.00", "150.00", "50.00"), None),
            _coded("人力资源和社会保障管理事务", "20801", ("170.00", "150.00", "20.00"), 1),
            _coded("行政运行", "2080101", ("100.00", "100.00", None), 2),
            _coded("社会保险经办机构", "2080109", ("70.00", "50.00", "20.00"), 2),
            _coded("就业补助", "20807", ("30.00", None, "30.00"), 1),
            _coded("社会保险补贴", "2080704", ("30.00", None, "30.00"), 5),
            _coded("住房保障支出", "221", ("15.00", "15.00", None), None),
            _coded("住房改革支出", "22102", ("15.00", "15.00", None), 7),
            _coded("住房公积金", "2210201", ("15.00", "15.00", None), 8),
        ],
    )


def _econ(name: str, code: str, gov: str | None, values: tuple[str | None, ...], parent: int | None) -> dict[str, Any]:
    texts = ((("gov_econ", gov),) if gov else ()) + (("code_from", "name"),)
    return {
        "name": name,
        "values": values,
        "code": code,
        "level": 1 if len(code) == 3 else 2,
        "parent": parent,
        "texts": texts,
    }


def t6() -> Table:
    cols = (("total", "合计", None), ("personnel", "人员经费", None), ("public", "公用经费", None))
    return table(
        TableKind.GENERAL_BASIC_ECON,
        6,
        cols,
        [
            {"name": "合计", "values": ("165.00", "150.00", "15.00"), "role": T},
            _econ("工资福利支出", "301", None, ("150.00", "150.00", None), None),
            _econ("基本工资", "30101", "工资奖金津补贴", ("80.00", "80.00", None), 1),
            _econ("绩效工资", "30107", "工资福利支出", ("40.00", "40.00", None), 1),
            _econ("机关事业单位基本养老保险缴费", "30108", "社会保障缴费", ("15.00", "15.00", None), 1),
            _econ("住房公积金", "30113", "住房公积金", ("15.00", "15.00", None), 1),
            _econ("商品和服务支出", "302", None, ("15.00", None, "15.00"), None),
            _econ("办公费", "30201", "办公经费", ("8.00", None, "8.00"), 6),
            _econ("办公费", "30201", "商品和服务支出", ("2.00", None, "2.00"), 6),
            _econ("公务用车运行维护费", "30231", "公务用车运行维护费", ("5.00", None, "5.00"), 6),
        ],
    )


def empty(kind: TableKind, number: int, cols: tuple[tuple[str, str, Side | None], ...]) -> Table:
    return table(
        kind, number, cols, [{"name": "合计", "values": (None,) * len(cols), "role": T}], empty_note="注：本表无数据"
    )


def t10() -> Table:
    cols = (("total", "合计", None), ("general", "一般公共预算", None), ("gov_fund", "政府性基金预算", None))
    return table(
        TableKind.THREE_PUBLIC,
        10,
        cols,
        [
            {"name": "因公出国（境）费", "values": (None, None, None), "key": "abroad"},
            {"name": "公务接待费", "values": (None, None, None), "key": "reception"},
            {"name": "公务用车购置及运行费", "values": ("5.00", "5.00", None), "key": "vehicle"},
            {"name": "①公务用车购置费", "values": (None, None, None), "key": "vehicle_purchase"},
            {"name": "②公务用车运行维护费", "values": ("5.00", "5.00", None), "key": "vehicle_operation"},
            {"name": "合计", "values": ("5.00", "5.00", None), "role": T},
        ],
    )


def t11() -> Table:
    cols = (("total", "合计", None), ("general", "一般公共预算", None))
    return table(
        TableKind.ORG_OPERATION,
        11,
        cols,
        [{"name": "部门合计", "values": ("13.00", "13.00"), "role": T}, {"name": DEPT, "values": ("13.00", "13.00")}],
    )


def t12() -> Table:
    cols = (("total", "合计", None), ("general", "一般公共预算", None), ("gov_fund", "政府性基金预算", None))
    return table(
        TableKind.PROJECT_CURRENT,
        12,
        cols,
        [
            {"name": DEPT, "values": ("50.00", "50.00", None), "level": 1},
            {"name": DEPT, "values": ("30.00", "30.00", None), "level": 2, "parent": 0},
            {"name": "社会保险补贴", "values": ("30.00", "30.00", None), "level": 3, "parent": 1},
            {"name": "某县社会保险中心", "values": ("20.00", "20.00", None), "level": 2, "parent": 0},
            {"name": "工作经费", "values": ("20.00", "20.00", None), "level": 3, "parent": 3},
        ],
    )


def t13() -> Table:
    cols = (("total", "合计", None), ("general", "一般公共预算", None))
    return table(
        TableKind.PROJECT_CARRYOVER,
        13,
        cols,
        [
            {"name": DEPT, "values": ("10.00", "10.00"), "level": 1},
            {"name": DEPT, "values": ("10.00", "10.00"), "level": 2, "parent": 0},
            {"name": "2025年社会保险补贴", "values": ("10.00", "10.00"), "level": 3, "parent": 1},
        ],
    )


def tables() -> tuple[Table, ...]:
    return (
        t1(),
        t2(),
        t3(),
        t4(),
        t5(),
        t6(),
        empty(TableKind.GOV_FUND_INCOME, 7, (("amount", "政府性基金收入预算", None),)),
        empty(TableKind.GOV_FUND_EXPENDITURE, 8, BP_COLS),
        empty(TableKind.STATE_CAPITAL, 9, BP_COLS),
        t10(),
        t11(),
        t12(),
        t13(),
    )


def paragraph(text: str) -> Paragraph:
    source = src()
    return Paragraph(text, source, text_to_figures(text, source))


def section(number: str, title: str, topic: Topic, *texts: str) -> Section:
    return Section(number, title, topic, tuple(paragraph(t) for t in texts), src())


P = f"2026年度{DEPT}"
NARRATIVE = (
    (
        "一",
        "部门预算收支数据变动情况及原因",
        Topic.CHANGES,
        (f"{P}预算收入总计225.00万元，其中：本年收入215.00万元，上年结转10.00万元，比上年减少25.00万元，下降10.00%。",),
    ),
    (
        "二",
        "收入预算情况说明",
        Topic.INCOME,
        (f"{P}预算收入225.00万元，主要包括一般公共预算拨款收入215.00万元，占95.56%；上年结转10.00万元，占4.44%。",),
    ),
    (
        "三",
        "支出预算情况说明",
        Topic.EXPENDITURE,
        (f"{P}支出预算225.00万元，其中：基本支出165.00万元，占73.33%；项目支出60.00万元，占26.67%。",),
    ),
    (
        "四",
        "财政拨款收支预算总体情况说明",
        Topic.FISCAL,
        (
            f"{P}财政拨款收支总预算225.00万元。其中：一般公共预算拨款225.00万元，政府性基金预算拨款0万元，"
            "国有资本经营预算拨款0万元。其中：当年拨款收入215.00万元，上年结转收入10.00万元。"
            "支出包括：社会保障和就业支出210.00万元、住房保障支出15.00万元。",
        ),
    ),
    (
        "五",
        "一般公共预算支出情况说明",
        Topic.GENERAL,
        (
            f"{P}一般公共预算当年支出215.00万元，比上年增加15.00万元，增长7.50%。",
            f"{P}一般公共预算当年支出215.00万元，主要用于以下方面：社会保障和就业支出200.00万元，占93.02%；"
            "住房保障支出15.00万元，占6.98%。",
        ),
    ),
    (
        "六",
        "一般公共预算基本支出情况说明",
        Topic.GENERAL_BASIC,
        (
            f"{P}一般公共预算安排基本支出165.00万元，其中：",
            "人员经费150.00万元，主要包括：基本工资、绩效工资、住房公积金、机关事业单位基本养老保险缴费；",
            "公用经费15.00万元，主要包括：办公费、公务用车运行维护费。",
        ),
    ),
    (
        "七",
        "“三公”经费增减变动原因说明",
        Topic.THREE_PUBLIC,
        (
            f"2026年{DEPT}财政拨款安排的“三公”经费预算5.00万元，与2025年预算数相同。其中：因公出国（境）费0万元，"
            "公务接待费0万元，公务用车购置及运行费5.00万元。",
        ),
    ),
    (
        "八",
        "机关运行经费增减变动原因说明",
        Topic.ORG_OPERATION,
        (
            "本部门2026年机关运行经费财政拨款预算13.00万元，比2025年预算增加1.00万元，增长8.33%，"
            "原因主要是办公经费增加1.50万元，邮电费减少0.50万元。",
        ),
    ),
    (
        "九",
        "政府采购情况",
        Topic.PROCUREMENT,
        (
            f"2026年{DEPT}政府采购预算总额8.00万元。其中：政府采购货物预算5.00万元、政府采购工程预算0万元、政府采购服务预算3.00万元。",
        ),
    ),
    (
        "十",
        "绩效管理情况",
        Topic.PERFORMANCE,
        (
            "2026年编报部门整体支出绩效目标，涉及部门预算资金215.00万元，其中基本支出165.00万元，项目支出50.00万元。",
            f"2026年{DEPT}纳入绩效目标管理的二级项目2个，共计金额50.00万元。其中：其他运转类项目1个，涉及金额20.00万元；"
            "特定目标类项目1个，涉及金额30.00万元。公开项目绩效目标2个，"
            "涉及项目金额50.00万元，占部门（单位）项目支出总额的100%。",
        ),
    ),
    (
        "十一",
        "国有资产占有使用情况",
        Topic.ASSETS,
        (f"截至2026年1月1日，{DEPT}共有公务用车编制1辆，实有1辆。",),
    ),
)


def sections() -> tuple[Section, ...]:
    return tuple(section(n, t, topic, *texts) for n, t, topic, texts in NARRATIVE)


def split(total: str, key: str = "local") -> FundingSplit:
    line = next(_lines)
    amount = Amount(Decimal(total), Source(FILE, line=line, column=f"annual.{key}"))
    return FundingSplit(total=Amount(Decimal(total), Source(FILE, line=line, column="annual.total")), **{key: amount})


def project_form(
    name: str, unit: str, total: str, key: str = "local", year: int = 2026, code: str = "009"
) -> ProjectForm:
    return ProjectForm(
        title="某县县级预算部门（单位）项目支出绩效目标申报表",
        year_label=year,
        name=name,
        department_code=code,
        department=DEPT,
        implementing_unit=unit,
        attribute="一次性项目(1年结束)",
        duration="1年",
        implementation=split(total, key),
        annual=split(total, key),
        texts=(("项目概况", "按规定发放社会保险补贴，保障参保人员待遇。"), ("立项依据", "《社会保险法》。")),
        goal_implementation="按时足额发放",
        goal_annual="按时足额发放",
        indicators=(),
        signature=Signature(handler="张三", date="20260114"),
        source=src(),
    )


def fund(name: str, last: str, requested: str) -> FundLine:
    line = next(_lines)
    return FundLine(
        name,
        Amount(Decimal(last), Source(FILE, line=line, column="funds.last_budget")),
        None,
        Amount(Decimal(requested), Source(FILE, line=line, column="funds.requested")),
    )


def overall_form() -> OverallForm:
    return OverallForm(
        title="某县县级预算部门（单位）整体支出绩效目标申报表",
        year_label=2026,
        department=DEPT,
        facts=(
            ("内设机构数", "3"),
            ("直属单位数", "1"),
            ("编制人数", "20"),
            ("实有在编人数", "18"),
            ("行政编制", "8"),
            ("行政编制数", "7"),
            ("事业编制", "12"),
            ("事业编制数", "11"),
        ),
        texts=(("年度绩效目标", "保障单位正常运转，按时足额发放各项补贴。"),),
        indicators=(),
        funds=(
            fund("合计", "200.00", "215.00"),
            fund("1 基本支出", "150.00", "165.00"),
            fund("2 项目支出", "50.00", "50.00"),
        ),
        signature=Signature(handler="张三", date="20260120"),
        source=src(),
    )


def package() -> Disclosure:
    """The consistent county package."""
    return Disclosure(
        file=FILE,
        reader="markdown",
        document_type=DocumentType.DEPARTMENT_BUDGET,
        department=DEPT,
        year=2026,
        region="某县",
        level=GovLevel.COUNTY,
        title="2026年度部门预算公开",
        overview=Overview(
            duties="负责全县人力资源和社会保障工作。",
            nature="行政单位",
            units=("社保中心",),
            internal_count=3,
            vehicles=1,
            source=src(),
        ),
        tables=tables(),
        sections=sections(),
        overall_forms=(overall_form(),),
        project_forms=(
            project_form("社会保险补贴", DEPT, "300000.00"),
            project_form("工作经费", "某县社会保险中心", "200000.00"),
        ),
        assets=Assets(vehicles=Quantity(Decimal(1), "辆", src())),
        procurement=Procurement(
            total=Quantity(Decimal("8.00"), "万元", src()),
            goods=Quantity(Decimal("5.00"), "万元", src()),
            works=Quantity(Decimal("0"), "万元", src()),
            services=Quantity(Decimal("3.00"), "万元", src()),
            source=src(),
        ),
        glossary=(
            GlossaryEntry(
                "一", "基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", src()
            ),
            GlossaryEntry(
                "二",
                "“三公”经费",
                "指县直部门用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。",
                src(),
            ),
        ),
    )


# ---------------------------------------------------------------------------------------------
# mutators: one change at a time


def with_cell(d: Disclosure, kind: TableKind, name: str, key: str, value: str | None, nth: int = 0) -> Disclosure:
    """`d` with the cell (row named or coded `name`, column `key`) of table `kind` set to `value`."""
    tables_ = list(d.tables)
    for ti, t in enumerate(tables_):
        if t.kind is not kind:
            continue
        hits = [i for i, r in enumerate(t.rows) if r.name == name or r.code == name]
        ri = hits[nth]
        r = t.rows[ri]
        assert r.has(key), f"{name} has no column {key}"
        values = tuple((k, D(value) if k == key else v) for k, v in r.values)
        rows = list(t.rows)
        rows[ri] = replace(r, values=values)
        tables_[ti] = replace(t, rows=tuple(rows))
        return replace(d, tables=tuple(tables_))
    raise KeyError(kind)


def with_table(d: Disclosure, kind: TableKind, **changes: Any) -> Disclosure:
    return replace(d, tables=tuple(replace(t, **changes) if t.kind is kind else t for t in d.tables))


def without_table(d: Disclosure, kind: TableKind) -> Disclosure:
    return replace(d, tables=tuple(t for t in d.tables if t.kind is not kind))


def with_text(d: Disclosure, old: str, new: str) -> Disclosure:
    """`d` with `old` replaced by `new` in the narrative (figures read again from the new text)."""
    found = False
    out = []
    for s in d.sections:
        paragraphs = []
        for p in s.paragraphs:
            if old in p.text:
                found = True
                text = p.text.replace(old, new)
                p = Paragraph(text, p.source, text_to_figures(text, p.source))
            paragraphs.append(p)
        out.append(replace(s, paragraphs=tuple(paragraphs)))
    assert found, old
    return replace(d, sections=tuple(out))


def with_form(d: Disclosure, index: int, **changes: Any) -> Disclosure:
    forms = list(d.project_forms)
    forms[index] = replace(forms[index], **changes)
    return replace(d, project_forms=tuple(forms))


def with_overall(d: Disclosure, **changes: Any) -> Disclosure:
    return replace(d, overall_forms=(replace(d.overall_forms[0], **changes),))


def rules_found(d: Disclosure) -> set[str]:
    return {f.rule for f in check(d).findings}


# ---------------------------------------------------------------------------------------------


def test_consistent_package_has_no_findings_at_all() -> None:
    report = check(package())
    assert [(f.rule, f.message) for f in report.findings] == []


def test_consistent_package_in_yuan_has_no_errors() -> None:
    """The same package in 元 (two decimals) is just as consistent: units do not matter to the rules."""
    d = package()
    scaled = []
    for t in d.tables:
        rows = tuple(
            replace(
                r, values=tuple((k, None if v is None else (v * 10000).quantize(Decimal("0.01"))) for k, v in r.values)
            )
            for r in t.rows
        )
        scaled.append(replace(t, unit=Unit.YUAN, rows=rows))
    report = check(replace(d, tables=tuple(scaled)))
    errors = [
        f for f in report.findings if f.severity.value == "error" and not f.rule.startswith(("narrative", "perf"))
    ]
    assert errors == []
