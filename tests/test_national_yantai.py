"""Yantai packages ("公开表1 收支总体情况表" … "公开表12 政府采购预算表", then 政策和项目预算绩效目标表)
read and checked.

The figures are typed from the PDF of 烟台市大数据局 (n160; pdftotext -layout, PDF pages from 1),
not from the reader. What these packages show: every page of a table repeats its caption, title,
department line and header; codes printed in 类 | 款 | 项 columns where a 款 row prints only its
two digits; a 基本支出 table listing both economic classifications (301 under 501, then 301 again
under 505); a 三公 table of one line for 2025 and for 2026; a flat list of projects; performance
forms in 万元; "第一部分" with its title on the next line.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import check
from yusuan.model import DocumentType, GovLevel, Severity, TableKind, Unit

from .conftest import national_package

K = TableKind
D = Decimal
BIG_DATA = "n160_yantai.pdf"  # 烟台市大数据局 2026 部门预算


def test_twelve_tables_each_read_once_though_every_page_repeats_its_title() -> None:
    d = national_package(BIG_DATA)
    assert (d.document_type, d.department, d.year, d.region, d.level) == (
        DocumentType.DEPARTMENT_BUDGET,
        "烟台市大数据局",
        2026,
        "烟台市",
        GovLevel.CITY,
    )
    assert [(t.number, t.kind) for t in d.tables] == [
        (1, K.BUDGET_SUMMARY),
        (2, K.INCOME_SUMMARY),  # pages 7-8
        (3, K.EXPENDITURE_SUMMARY),  # pages 9-10
        (4, K.FISCAL_SUMMARY),  # pages 11-12
        (5, K.GENERAL_EXPENDITURE),
        (6, K.GENERAL_BASIC_ECON),  # pages 15-17
        (7, K.THREE_PUBLIC),
        (8, K.GOV_FUND_EXPENDITURE),
        (9, K.STATE_CAPITAL),
        (10, K.OTHER),  # 基本支出预算情况表: all funds by economic class, pages 21-23
        (11, K.PROJECT_CURRENT),
        (12, K.OTHER),  # 政府采购预算表
    ]
    assert [len(t.rows) for t in d.tables if t.number in (2, 3, 6, 10)] == [22, 22, 51, 51]
    assert d.overview.duties is not None and d.overview.duties.startswith("烟台市大数据局是市政府工作部门")


def test_codes_in_split_columns_take_the_levels_above_them() -> None:
    t2 = national_package(BIG_DATA).table(K.INCOME_SUMMARY)
    assert t2 is not None
    assert [r.code for r in t2.rows[1:8]] == ["205", "20508", "2050803", "208", "20805", "2080501", "2080505"]
    last = t2.by_code("2150599")  # printed "| | 99" on page 8, under 215 05 of page 7
    assert last is not None and last.value("total") == D("6673.97") and last.source.page == 8
    total = t2.total()
    assert total is not None and (total.value("total"), total.value("fiscal"), total.value("general")) == (
        D("7503.31"),
        D("7503.31"),
        D("7503.31"),
    )
    assert {c.key: c.group for c in t2.columns}["general"] == "fiscal"  # 财政拨款收入: 小计 | 一般公共预算收入 | …


def test_the_basic_expenditure_table_pairs_both_economic_classifications() -> None:
    t6 = national_package(BIG_DATA).table(K.GENERAL_BASIC_ECON)
    assert t6 is not None
    classes = [(r.code, r.text("gov_econ_code"), r.value("total")) for r in t6.rows if r.code and len(r.code) == 3]
    assert classes == [
        ("301", "501", D("408.13")),
        ("301", "505", D("865.18")),
        ("302", "502", D("133.02")),
        ("302", "505", D("46.55")),
        ("303", "509", D("8.59")),
        ("310", "503", D("2.84")),
    ]
    total = t6.total()
    assert total is not None and total.value("total") == D("1464.31") == sum(c[2] for c in classes)  # type: ignore[misc]
    assert (total.value("personnel"), total.value("public")) == (D("1281.90"), D("182.41"))  # 人员支出, 日常公用支出


def test_three_public_reads_this_year_beside_last_year() -> None:
    t7 = national_package(BIG_DATA).table(K.THREE_PUBLIC)
    assert t7 is not None
    assert [(r.key, r.value("total"), r.value("prior")) for r in t7.rows] == [
        (None, D("19.45"), D("20.45")),
        ("abroad", D("10.00"), D("10.00")),
        ("vehicle", D("5.00"), D("5.00")),
        ("vehicle_purchase", None, None),
        ("vehicle_operation", D("5.00"), D("5.00")),
        ("reception", D("4.45"), D("5.45")),  # the 情况说明 says 4.45 too
    ]


def test_projects_are_a_flat_list_and_forms_are_in_wan_yuan() -> None:
    d = national_package(BIG_DATA)
    t11 = d.table(K.PROJECT_CURRENT)
    assert t11 is not None
    assert [(r.name, r.value("total"), r.text("项目类别"), r.level) for r in t11.rows[1:]] == [
        ("实施公车统管费用", D("5.00"), "其他运转类", None),
        ("政务基础设施运行维护资金", D("6000.00"), "特定目标类", None),
        ("市大数据中心工作经费", D("33.00"), "其他运转类", None),
        ("实施公车统管费用", D("1.00"), "其他运转类", None),
    ]
    assert t11.total() is not None and t11.total().value("total") == D("6039.00")  # type: ignore[union-attr]
    forms = [(f.name, f.unit, f.annual.total.value if f.annual.total else None, f.department) for f in d.project_forms]
    assert forms == [
        ("政务基础设施运行维护资金", Unit.WAN, D("6000.00"), "烟台市大数据局"),
        ("实施公车统管费用", Unit.WAN, D("5.00"), "烟台市大数据局"),
    ]


def test_a_consistent_yantai_package_gets_no_arithmetic_error() -> None:
    """n160's tables all add up (by hand: 表6 合计 1,464.31 = 408.13 + 865.18 + 133.02 + 46.55 +
    8.59 + 2.84; 表11 6,039.00 = 5.00 + 6,000.00 + 33.00 + 1.00; …), and its 情况说明 restates them
    (三公 19.45, 公务接待费 4.45 of 2026): no error of the tables, the narrative or the forms; its empty
    tables say why they are empty."""
    d = national_package(BIG_DATA)
    errors = [f for f in check(d).findings if f.severity is Severity.ERROR]
    assert [f for f in errors if f.rule.split(".")[0] in ("total", "xtable", "narrative", "perf", "code")] == []
    assert [t.empty_note for t in d.tables if t.kind in (K.GOV_FUND_EXPENDITURE, K.STATE_CAPITAL)] == [
        "（注：2026年没有使用政府性基金预算拨款安排的支出。）",
        "（注：2026年没有使用国有资本经营预算拨款安排的支出。）",
    ]


def errors(name: str) -> list[tuple[str, int | None]]:
    report = check(national_package(name))
    return sorted((f.rule, f.location.page) for f in report.findings if f.severity is Severity.ERROR)


def test_the_big_data_bureau_has_no_error() -> None:
    assert errors(BIG_DATA) == []


def test_a_list_of_projects_some_of_them_left_out_stays_a_list() -> None:
    """n156 (烟台市信访局) 公开表11 prints 合计 525.00 over three projects (15.00 + 145.00 + 75.00 = 235.00)
    and "（注：…部分具体项目信息公开时予以剔除。）": a flat list, its 合计 told (info) to count projects
    the table leaves out. The errors left are the document's (tests/data/national_audit.md): 20140 信访事务
    524.00 more than its 项, and 公开表4 printed without any amount."""
    d = national_package("n156_yantai.pdf")
    t11 = d.table(K.PROJECT_CURRENT)
    assert t11 is not None
    assert [(r.name, r.level, r.value("total")) for r in t11.rows[1:]] == [
        ("实施公车统管费用", None, D("15.00")),
        ("接访大厅运行经费", None, D("145.00")),
        ("信访业务工作经费", None, D("75.00")),
    ]
    report = check(d)
    told = [f for f in report.findings if f.rule == "total.table-total" and f.location.page == 24]
    assert told and {f.severity for f in told} == {Severity.INFO}
    assert errors("n156_yantai.pdf") == sorted(
        [
            ("total.code-hierarchy", 7),
            *[("total.code-hierarchy", 9)] * 2,
            *[("total.code-hierarchy", 13)] * 2,
            # 公开表4 prints no amount: its totals differ from 表1's and 表5's, said once each, not
            # once per class
            ("xtable.fiscal-budget", 11),
            ("xtable.fiscal-budget", 12),
            ("xtable.fiscal-general", 11),
        ]
    )


def test_forms_published_for_a_selection_of_the_projects_are_not_missing() -> None:
    """n169 publishes 22 forms for the 41 projects of its 公开表11 (its 一级项目): which projects should
    have one it does not say, so none is reported missing."""
    report = check(national_package("n169_yantai.pdf"))
    assert [f for f in report.findings if f.rule == "perf.missing-form"] == []


def test_a_bracket_opened_at_a_lines_end_goes_on_on_the_next() -> None:
    """n154 p29: "…比上年预计减少32万元,下降(增" / "长)4.70%。主要原因，…": one sentence, whose template
    choice "下降(增长)" is said (text.template-choice), not a sentence cut off at "(增" (text.cut-off). The
    sentence above, "2026年本部门机关运行经费安排533.78万元," then "四、委托业务费情况", is cut off."""
    report = check(national_package("n154_yantai.pdf"))
    said = [(f.rule, f.location.page, f.found) for f in report.findings if f.rule.startswith("text.")]
    assert ("text.template-choice", 29, "下降(增长)") in said
    assert [(r, p) for r, p, _ in said if r == "text.cut-off"] == [("text.cut-off", 29)]


def test_a_special_fund_form_is_named_by_its_专项资金名称() -> None:
    """n166 p33 "专项资金绩效目标表": 专项资金名称 惠民殡葬补助资金 (its 主要政策任务 was read as the name)."""
    d = national_package("n166_yantai.pdf")
    assert [f.name for f in d.project_forms if f.source.page == 33] == ["惠民殡葬补助资金"]
