"""Zhejiang packages (Hangzhou "表1：2026年市级部门收支预算总表" …, Huzhou "表01" + title …) read and checked.

The figures are typed from the PDFs (pdftotext -layout, PDF pages from 1), not from the reader.
What these packages show: parts numbered "一、部门概况 … 四、…预算表" with no 第N部分 and the
情况说明's sections numbered "（一）"; a 目录 that the body repeats; a caption inline with its
title ("表1：…") or on its own line ("表01"); "** | 1 | 2 …" numbering rows; 类/款/项 listed by
name without codes (the level shown only by indentation); 收入总表 and 三公 listed by unit; a flat
list of projects with the unit beside each.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import check
from yusuan.model import DocumentType, GovLevel, Severity, Side, TableKind, Topic

from .conftest import national_package

K = TableKind
D = Decimal
HANGZHOU = "n124_hangzhou.pdf"  # 杭州市气象局 2026 部门预算, 2 units
HUZHOU = "n125_huzhou.pdf"  # 湖州市交通运输局 2026 部门预算, 8 units
ELEVEN = [
    K.BUDGET_SUMMARY,
    K.INCOME_SUMMARY,
    K.EXPENDITURE_SUMMARY,
    K.FISCAL_SUMMARY,
    K.GENERAL_EXPENDITURE,
    K.GENERAL_BASIC_ECON,
    K.THREE_PUBLIC,
    K.GOV_FUND_EXPENDITURE,
    K.STATE_CAPITAL,
    K.PROJECT_CURRENT,
    K.OTHER,  # 项目支出绩效表: a list of the projects' performance targets
]


def test_a_package_without_parts_numbered_first_is_read_part_by_part() -> None:
    d = national_package(HANGZHOU)
    assert (d.document_type, d.department, d.year, d.region, d.level) == (
        DocumentType.DEPARTMENT_BUDGET,
        "杭州市气象局",
        2026,
        "杭州市",
        GovLevel.CITY,
    )
    assert [(t.number, t.kind) for t in d.tables] == list(enumerate(ELEVEN, start=1))
    assert d.overview.duties is not None and d.overview.duties.startswith("1.制定本行政区域气象事业发展规划")
    assert [s.number for s in d.sections] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    three = d.sections[6]
    assert (three.title, three.topic) == ("一般公共预算“三公”经费预算情况说明（详见表7）", Topic.THREE_PUBLIC)
    assert [e.number for e in d.glossary][:2] == ["1", "2"]


def test_classes_items_and_sub_items_listed_by_name_are_placed_by_the_sums() -> None:
    t3 = national_package(HANGZHOU).table(K.EXPENDITURE_SUMMARY)
    assert t3 is not None and len(t3.rows) == 18  # 合计, 4 类, 4 款, 9 项
    placed = [(r.name, r.code, r.level) for r in t3.rows[13:18]]
    assert placed == [
        ("自然资源海洋气象等支出", "220", 1),  # the 类 code found from its name
        ("气象事务", None, 2),
        ("行政运行", None, 3),
        ("气象事业机构", None, 3),
        ("气象服务", None, 3),
    ]
    weather = t3.rows[14]
    assert [t3.rows[r.parent].name for r in t3.rows[15:18] if r.parent is not None] == ["气象事务"] * 3
    assert weather.value("total") == D("5371.48") == D("2617.19") + D("650.68") + D("2103.61")
    total = t3.total()
    assert total is not None and (total.value("total"), total.value("personnel"), total.value("public")) == (
        D("5876.67"),
        D("2906.80"),  # 人员支出
        D("838.27"),  # 日常公用支出
    )
    t1 = national_package(HANGZHOU).table(K.BUDGET_SUMMARY)
    assert t1 is not None
    spending = [r for r in t1.rows if r.side is Side.EXPENDITURE and r.level == 1]
    assert [(r.code, r.value("amount")) for r in spending] == [
        ("206", D("28.00")),
        ("208", D("396.67")),
        ("210", D("80.52")),
        ("220", D("5371.48")),
    ]


def test_tables_listed_by_unit() -> None:
    d = national_package(HANGZHOU)
    t2 = d.table(K.INCOME_SUMMARY)  # 单位名称: the department, then its units (the first repeats its name)
    assert t2 is not None
    assert [(r.name, r.level, r.value("total")) for r in t2.rows] == [
        ("合计", None, D("5876.67")),
        ("杭州市气象局", 1, D("5876.67")),
        ("杭州市气象局", 2, D("5011.05")),
        ("杭州市气象服务中心（杭州市预警信息发布中心）", 2, D("865.62")),
    ]
    t7 = d.table(K.THREE_PUBLIC)  # items across, units down: read as items down, a column per unit
    assert t7 is not None
    assert [c.label for c in t7.columns] == ["合计", "杭州市气象局", "杭州市气象服务中心（杭州市预警信息发布中心）"]
    assert [(r.key, r.value("total")) for r in t7.rows if r.key in ("vehicle", "reception")] == [
        ("vehicle", D("18.00")),
        ("reception", D("6.02")),
    ]
    t10 = d.table(K.PROJECT_CURRENT)
    assert t10 is not None
    assert [(r.name, r.text("unit"), r.value("total"), r.level) for r in t10.rows[1:]] == [
        ("气象业务建设", "杭州市气象局", D("1097.02"), None),
        ("气象设施维护及科普", "杭州市气象局", D("887.90"), None),
        ("专业系统维护及科普", "杭州市气象服务中心（杭州市预警信息发布中心）", D("146.69"), None),
    ]


def test_the_hangzhou_tables_add_up() -> None:
    """Every table of n124 is consistent (by hand: 表3 合计 5,876.67 = 2,906.80 + 838.27 + 2,131.61;
    表6 工资福利支出 2,709.90 against its 11 款 2,709.89, a rounding of 0.01): no error of a table."""
    report = check(national_package(HANGZHOU))
    assert [
        f for f in report.findings if f.rule.split(".")[0] in ("total", "xtable") and f.severity is not Severity.INFO
    ] == []
    rounding = [f for f in report.findings if f.rule == "total.econ-hierarchy"]
    assert [(f.severity, f.location.page) for f in rounding] == [(Severity.INFO, 20)]


def test_huzhou_tables_continue_over_pages_that_repeat_caption_title_and_header() -> None:
    d = national_package(HUZHOU)
    assert (d.department, d.region) == ("湖州市交通运输局", "湖州市")  # from "606-湖州市交通运输局 单位：万元"
    assert [(t.number, t.kind) for t in d.tables] == list(enumerate(ELEVEN, start=1))
    t3 = d.table(K.EXPENDITURE_SUMMARY)  # pages 25-27, each with "表03", the title and the header
    assert t3 is not None
    total = t3.total()
    assert total is not None and (total.value("total"), total.value("project"), total.value("operating_exp")) == (
        D("201286.11"),
        D("171262.41"),
        D("200.00"),
    )
    assert [(r.code, r.value("total")) for r in t3.rows if r.code in ("214", "229", "2290403")] == [
        ("214", D("113743.52")),
        ("229", D("75500.00")),
        ("2290403", D("15500.00")),  # on page 27
    ]
    t2 = d.table(K.INCOME_SUMMARY)
    assert t2 is not None and [r.level for r in t2.rows] == [None, 1, 2, 2, 2, 2, 2, 2, 2, 2]


def test_huzhou_fiscal_table_is_found_inconsistent_where_its_printing_is() -> None:
    """n125 p28-29 表04 prints 一、财政拨款 42,673.03 (一般公共预算 35,673.03, 政府性基金 7,000.00) and
    收入总计 = 支出总计 = 42,673.03, while the classes it lists add up to 192,207.76 (0.64 + 16.50 +
    3,797.62 + 3,246.05 + 1,366.30 + 15.00 + 106,247.07 + 2,018.58 + 75,500.00), which is 表01's
    财政拨款 (52,244.36 + 139,963.40): true errors, reported where they are."""
    report = check(national_package(HUZHOU))
    found = {(f.rule, f.location.page) for f in report.findings if f.severity is Severity.ERROR}
    assert ("total.summary-expenditure", 29) in found
    assert ("xtable.fiscal-budget", 28) in found


def errors(name: str) -> list[tuple[str, int | None]]:
    report = check(national_package(name))
    return sorted((f.rule, f.location.page) for f in report.findings if f.severity is Severity.ERROR)


def test_hangzhou_weather_has_no_error_and_no_missing_org_operation_it_could_not_have() -> None:
    """n124 prints no 机关运行经费 at all (no table, no 目录 entry, no word in its 情况说明): a unit that is
    no 行政单位 has none, so its absence is told (info), not reported as missing."""
    assert errors(HANGZHOU) == []
    report = check(national_package(HANGZHOU))
    org = [f for f in report.findings if f.rule == "complete.sections" and "机关运行经费" in f.message]
    assert [f.severity for f in org] == [Severity.INFO]


def test_amounts_wrapped_in_their_cells_and_rows_cut_by_the_page_break() -> None:
    """n123 (杭州市公安局): "370,219.2" above the label 合计 and "5" under it are one amount; "杭州市机动 …
    12,437.3" at the foot of p21 and "车驾驶员考试服务中心 … 6" at the top of p22 are one row."""
    d = national_package("n123_hangzhou.pdf")
    t5 = d.table(K.GENERAL_EXPENDITURE)
    assert t5 is not None and len(t5.rows) == 28  # 合计, 6 类, 7 款, 14 项 (p26)
    total = t5.total()
    assert total is not None and [total.value(k) for k in ("total", "basic", "personnel", "public", "project")] == [
        D("370219.25"),
        D("293191.86"),
        D("246458.22"),
        D("46733.64"),
        D("77027.38"),
    ]
    t2 = d.table(K.INCOME_SUMMARY)
    assert t2 is not None
    exam = t2.rows[8]
    assert (exam.name, exam.level, exam.value("total"), exam.value("business"), exam.source.page) == (
        "杭州市机动车驾驶员考试服务中心",
        2,
        D("14549.64"),
        D("12437.36"),
        21,
    )
    t10 = d.table(K.PROJECT_CURRENT)
    assert t10 is not None and len(t10.rows) == 34  # 合计 and 33 projects, one of them cut by the page break
    assert t10.rows[18].text("unit") == "杭州市公安局交通治安分局（水上治安分局）"
    assert all(r.level is None for r in t10.rows)  # a flat list, though its 合计 is not the sum


def test_hangzhou_errors_are_the_documents() -> None:
    """The error findings left on n122 and n123, each recomputed in tests/data/national_audit.md: n122's
    表1 prints 一般公共服务支出 50.60 short of its 款, and 表5's 基本支出 is 50.60 short of 人员 + 公用;
    n123's units add up to 1,471.68 less than their department, its projects to 199.00 less than 合计."""
    assert errors("n122_hangzhou.pdf") == sorted(
        [
            ("total.code-hierarchy", 22),
            ("culprit.cell", 22),  # 201 = 6,701.98 would make the three findings on it hold
            ("total.summary-expenditure", 23),
            ("xtable.budget-class", 22),
            ("xtable.fiscal-budget", 28),
            *[("total.column-groups", 30)] * 3,
            *[("total.personnel-public", 30)] * 3,
            ("xtable.general-income", 30),
            ("xtable.general-basic-econ", 32),
            ("narrative.share", 6),
        ]
    )
    assert errors("n123_hangzhou.pdf") == sorted(
        [*[("total.code-hierarchy", 21)] * 3, *[("total.table-total", 32)] * 2]
    )


def test_huzhou_errors_are_the_documents() -> None:
    """表04 of n125 and n126 prints an income side that is not the package's (see above); n126 and n127
    state rates of change that their amounts do not give (23.9 % for 23.998 %, 4.0 % for 4.48 %)."""
    assert errors(HUZHOU) == sorted(
        [
            ("total.summary-expenditure", 29),
            *[("xtable.fiscal-budget", 28)] * 2,
            ("narrative.amount", 7),
        ]
    )
    assert errors("n126_huzhou.pdf") == sorted(
        [
            ("total.summary-expenditure", 35),
            *[("xtable.fiscal-budget", 33)] * 2,
            ("narrative.amount", 8),
            ("narrative.change", 8),
        ]
    )
    assert errors("n127_huzhou.pdf") == [("narrative.change", 5), ("narrative.change", 5), ("narrative.change", 6)]


def test_a_line_ending_in_a_comma_at_the_foot_of_a_page_goes_on_on_the_next() -> None:
    """n122 p9 ends "…比上年执行数增加72.59万元，增长3.7%，" two characters short of the margin; p10 goes
    on "主要原因是机关事业单位职业年金缴费基数增加。" at the left margin: no paragraph ends in a comma
    (text.cut-off warned)."""
    d = national_package("n122_hangzhou.pdf")
    texts = [(p.source.page, p.text) for s in d.sections for p in s.paragraphs]
    (pension,) = [(page, t) for page, t in texts if "职业年金缴费支出（项）2,022.66万元" in t]
    assert pension[0] == 9 and pension[1].endswith("增长3.7%，主要原因是机关事业单位职业年金缴费基数增加。")
    assert not [t for _, t in texts if t.startswith("主要原因是机关事业单位职业年金")]
    assert [f for f in check(d).findings if f.rule == "text.cut-off"] == []
