"""Chongqing 市级部门预算 (cq_biao_cn_12): the 情况说明 first, then "表一" … "表十二" above titles
ending in 总体情况表/情况表, a page number "— 1 6 —" with its digits spaced at each page's foot, a
table continued over pages with its header printed again and no title, the 合计 row first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.checks import check
from yusuan.model import DocumentType, RowRole, Severity, TableKind

from .national import national


def test_the_tables_are_read_by_their_titles_in_printed_order(shared_data: Path) -> None:
    d = national("n077_chongqing")
    assert (d.year, d.document_type, d.department) == (2026, DocumentType.DEPARTMENT_BUDGET, "重庆市商务委员会")
    # pages and body rows (合计 included) counted on the PDF: 表二 pp. 9–11, 表三 pp. 12–14, 表五
    # pp. 16–18 and 表六 pp. 19–21 continue over pages under their repeated header
    assert [(t.number, t.kind, t.source.page, len(t.rows)) for t in d.tables] == [
        (1, TableKind.BUDGET_SUMMARY, 8, 18),
        (2, TableKind.INCOME_SUMMARY, 9, 38),
        (3, TableKind.EXPENDITURE_SUMMARY, 12, 38),
        (4, TableKind.FISCAL_SUMMARY, 15, 19),
        (5, TableKind.GENERAL_EXPENDITURE, 16, 36),
        (6, TableKind.GENERAL_BASIC_ECON, 19, 51),
        (7, TableKind.GOV_FUND_EXPENDITURE, 22, 4),
        (8, TableKind.THREE_PUBLIC, 23, 6),
        # 表九 政府采购预算明细表 (合计, A 货物, B 工程, C 服务): no standard kind, kept as printed
        (9, TableKind.OTHER, 24, 4),
    ]


def test_totals_as_printed(shared_data: Path) -> None:
    d = national("n077_chongqing")
    tables = {t.number: t for t in d.tables}
    income = tables[2].total()
    assert income is not None and [
        (k, income.value(k)) for k in ("total", "general", "gov_fund", "fiscal_special")
    ] == [
        ("total", Decimal("174900.64")),
        ("general", Decimal("101833.84")),
        ("gov_fund", Decimal("41534.73")),
        ("fiscal_special", Decimal("22070.82")),
    ]
    spending = tables[3].total()
    assert spending is not None and [spending.value(k) for k in ("total", "basic", "project")] == [
        Decimal("174900.64"),
        Decimal("56633.49"),
        Decimal("118267.14"),
    ]
    # p16: 合计 101,833.84 = 基本 43,436.09 (人员 34,411.12 + 公用 9,024.98) + 项目 58,397.75
    general = tables[5].total()
    assert general is not None and [general.value(k) for k in ("total", "personnel", "public", "project")] == [
        Decimal("101833.84"),
        Decimal("34411.12"),
        Decimal("9024.98"),
        Decimal("58397.75"),
    ]
    # 表六 p19: 30102 津贴补贴 1,221.81 = 3010201 规范性津补贴 918.38 + 3010202 其他津补贴 303.43
    econ = {r.code: (r.level, r.amount("total")) for r in tables[6].rows if r.code}
    assert [econ[c] for c in ("301", "30102", "3010201", "3010202")] == [
        (1, Decimal("32959.79")),
        (2, Decimal("1221.81")),
        (3, Decimal("918.38")),
        (3, Decimal("303.43")),
    ]
    assert [(r.key, r.role, r.value("total")) for r in tables[8].rows] == [
        (None, RowRole.TOTAL, Decimal("890.97")),
        ("abroad", RowRole.ITEM, Decimal("552.00")),
        ("vehicle", RowRole.ITEM, Decimal("217.90")),
        ("vehicle_purchase", RowRole.ITEM, None),
        ("vehicle_operation", RowRole.ITEM, Decimal("217.90")),
        ("reception", RowRole.ITEM, Decimal("121.07")),
    ]


def test_a_consistent_package_raises_no_error(shared_data: Path) -> None:
    # 表一's 一般公共预算资金 101,833.84 counts the 上年结转 that 表四 prints apart (99,320.55 + 2,513.30,
    # within rounding), and 表七's 41,534.73 is all 上年结转 (表四's 政府性基金 spending). 表四 (p15)
    # prints "一、本年收入" above its items and "收入合计" at the foot: the foot is the grand total.
    d = national("n077_chongqing")
    tables = {t.number: t for t in d.tables}
    assert [(r.name, r.role) for r in tables[4].rows if r.role is not RowRole.ITEM] == [
        ("一、本年收入", RowRole.TOTAL),
        ("一、本年支出", RowRole.TOTAL),
        ("收入合计", RowRole.GRAND_TOTAL),
        ("支出合计", RowRole.GRAND_TOTAL),
    ]
    assert [f for f in check(d).findings if f.severity is Severity.ERROR] == []


def test_表五_spends_表四s_一般公共预算_of_this_year_and_last(shared_data: Path) -> None:
    # n080 p15: 表四 一般公共预算资金 154,023.82 + 上年结转 280.40 = 154,304.22 = 表五 合计 (p16);
    # n081 p16: 181,184.15 + 11,262.64 = 192,446.79. n081 p3: "三公"经费 858.78 = 因公出国 207.5 +
    # 公务接待费 203.65 + 公务用车运行维护费 447.63 + 购置费 0, the items parted by ASCII ";".
    # n078 p21: "备注:…故此表无数据" stands under the empty 表十一 (a form), not under 表九 (p18).
    for name in ("n078_chongqing", "n080_chongqing", "n081_chongqing"):
        assert [f.rule for f in check(national(name)).findings if f.severity is Severity.ERROR] == [], name


def test_a_paragraph_runs_on_past_the_footnote_at_the_foot_of_its_page(shared_data: Path) -> None:
    # n082 p3 ends "…其他收入资金减少21,159.85万元，" above a footnote in smaller type ("* 因预算单位三定方案
    # 暂未完成变更备案，…下同。"); p4 goes on "政府性基金预算拨款减少368.01万元，…". One paragraph, the
    # footnote one of its own after it (text.cut-off warned that the sentence stopped at the comma).
    d = national("n082_chongqing")
    texts = [(p.source.page, p.text) for s in d.sections for p in s.paragraphs]
    (income,) = [(page, t) for page, t in texts if "其他收入资金减少21,159.85万元" in t]
    assert income[0] == 3 and income[1].endswith(
        "其他收入资金减少21,159.85万元，政府性基金预算拨款减少368.01万元，一般公共预算拨款增加8,347.73万元，"
        "事业收入资金增加262万元。"
    )
    (note,) = [(page, t) for page, t in texts if t.startswith("* 因预算单位三定方案")]
    assert note[0] == 3 and note[1].endswith("下同。")
    assert [f for f in check(d).findings if f.rule == "text.cut-off"] == []
