"""Every rule of the catalogue passes on the consistent package and fails on one small change to it.

`CASES` holds, for each rule, the change that must make it fire (and the severity it must fire
with); a test fails when a rule has no case, so a new rule cannot go untested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest

from yusuan.checks import RULES, check, run_rule
from yusuan.model import (
    COLUMN_LABELS,
    Column,
    Disclosure,
    DocumentType,
    GlossaryEntry,
    NoteLevel,
    OcrCell,
    Procurement,
    Quantity,
    ReadNote,
    Row,
    RowRole,
    Severity,
    Signature,
    Source,
    Table,
    TableKind,
    TocEntry,
    Topic,
    Unit,
)

from .test_checks_builders import (
    DEPT,
    package,
    project_form,
    with_cell,
    with_form,
    with_overall,
    with_table,
    with_text,
    without_table,
)

K = TableKind
Change = Callable[[Disclosure], Disclosure]


def ocr_misread(d: Disclosure) -> Disclosure:
    """表3's 2080704 合计 as a scan might give it: read by OCR as 44.00 with low confidence, on page 1."""
    d = with_cell(d, K.EXPENDITURE_SUMMARY, "2080704", "total", "44.00")
    t = d.table(K.EXPENDITURE_SUMMARY)
    assert t is not None
    box = (40.0, 300.0, 560.0, 314.0)
    rows = tuple(replace(r, source=r.source.at(page=1, bbox=box)) if r.code == "2080704" else r for r in t.rows)
    misread = OcrCell(page=1, text="44.00", raw="44.00", confidence=0.62, box=(480.0, 300.0, 530.0, 314.0))
    return replace(with_table(d, K.EXPENDITURE_SUMMARY, rows=rows), ocr_cells=(misread,))


def cell(kind: TableKind, name: str, key: str, value: str | None, nth: int = 0) -> Change:
    return lambda d: with_cell(d, kind, name, key, value, nth)


def text(old: str, new: str) -> Change:
    return lambda d: with_text(d, old, new)


def rename_econ(row_name: str, nth: int, **changes: object) -> Change:
    def change(d: Disclosure) -> Disclosure:
        t = d.table(K.GENERAL_BASIC_ECON)
        assert t is not None
        hits = [i for i, r in enumerate(t.rows) if r.name == row_name]
        rows = list(t.rows)
        rows[hits[nth]] = replace(rows[hits[nth]], **changes)  # type: ignore[arg-type]
        return with_table(d, K.GENERAL_BASIC_ECON, rows=tuple(rows))

    return change


def recode(kind: TableKind, code: str, new_code: str, name: str | None = None) -> Change:
    def change(d: Disclosure) -> Disclosure:
        t = d.table(kind)
        assert t is not None
        rows = tuple(replace(r, code=new_code, name=name or r.name) if r.code == code else r for r in t.rows)
        return with_table(d, kind, rows=rows)

    return change


def central_project(d: Disclosure) -> Disclosure:
    """The first project renamed 中央财政社会保险补贴 in the table and on its form, funded as 市县 money."""
    name = "中央财政社会保险补贴"
    d = with_form(d, 0, name=name)
    t = d.table(K.PROJECT_CURRENT)
    assert t is not None
    rows = tuple(replace(r, name=name) if r.name == "社会保险补贴" else r for r in t.rows)
    return with_table(d, K.PROJECT_CURRENT, rows=rows)


def unbalanced_fund_final(d: Disclosure) -> Disclosure:
    """A 决算 政府性基金 table added whose 合计 leaves 25.00 where 5.00 + 120.00 − 110.00 leave 15.00
    (the rule is a 决算's: the consistent 预算 has no such table)."""
    keys = ("opening_balance", "income", "total", "basic", "project", "closing_balance")
    values = ("5.00", "120.00", "110.00", "10.00", "100.00", "25.00")
    source = Source("t.md", line=1)
    row = Row("合计", tuple((k, Decimal(v)) for k, v in zip(keys, values, strict=True)), source, role=RowRole.TOTAL)
    columns = tuple(Column(k, COLUMN_LABELS[k]) for k in keys)
    fund = Table(K.GOV_FUND_FINAL, "政府性基金预算财政拨款收入支出决算表", Unit.WAN, columns, (row,), source)
    return replace(d, tables=(*d.tables, fund))


def unbalanced_column_group(d: Disclosure) -> Disclosure:
    """A table of no standard kind added whose 本年收入 小计 (20.00) is not the sum of the columns
    printed under it (一般公共预算 12.00, 其他收入 3.00)."""
    source = Source("t.md", line=1)
    columns = (
        Column("total", "合计"),
        Column("current", "本年收入/小计"),
        Column("general", "一般公共预算", group="current"),
        Column("other", "其他收入", group="current"),
    )
    values = (("total", Decimal("20.00")), ("current", Decimal("20.00")), ("general", Decimal("12.00")))
    row = Row("合计", (*values, ("other", Decimal("3.00"))), source, role=RowRole.TOTAL)
    grouped = Table(K.OTHER, "收入表", Unit.WAN, columns, (row,), source)
    return replace(d, tables=(*d.tables, grouped))


def third_form_codes(d: Disclosure) -> Disclosure:
    extra = project_form("工作经费", "某县社会保险中心", "200000.00", code="009")
    d = replace(d, project_forms=(*d.project_forms, extra))
    return with_form(d, 1, department_code="000")


def glossary_word(d: Disclosure) -> Disclosure:
    entries = tuple(
        replace(e, definition=e.definition.replace("县直部门", "省直部门")) if "县直部门" in e.definition else e
        for e in d.glossary
    )
    return replace(d, glossary=entries)


def drop_section(topic: Topic) -> Change:
    return lambda d: replace(d, sections=tuple(s for s in d.sections if s.topic is not topic))


def with_note(d: Disclosure) -> Disclosure:
    note = ReadNote(
        NoteLevel.WARNING, "文件在表格的一行中间结束（被截断）", Source("fixture.md", line=999), "truncated"
    )
    return replace(d, notes=(note,))


def narrative_only(d: Disclosure) -> Disclosure:
    """The package's tables gone and the reader's note that it holds its 情况说明 alone."""
    note = ReadNote(NoteLevel.INFO, "本文件只有情况说明，没有报表", Source("fixture.md", line=3), "narrative-only")
    return replace(d, tables=(), notes=(note,))


def form_text(index: int, label: str, value: str) -> Change:
    def change(d: Disclosure) -> Disclosure:
        form = d.project_forms[index]
        texts = tuple((k, value if k == label else v) for k, v in form.texts)
        return with_form(d, index, texts=texts)

    return change


def fact(label: str, value: str) -> Change:
    def change(d: Disclosure) -> Disclosure:
        facts = tuple((k, value if k == label else v) for k, v in d.overall_forms[0].facts)
        return with_overall(d, facts=facts)

    return change


def fund_line(index: int, attr: str, value: str) -> Change:
    def change(d: Disclosure) -> Disclosure:
        funds = list(d.overall_forms[0].funds)
        amount = getattr(funds[index], attr)
        funds[index] = replace(funds[index], **{attr: replace(amount, value=Decimal(value))})
        return with_overall(d, funds=tuple(funds))

    return change


def split_value(index: int, period: str, key: str, value: str) -> Change:
    def change(d: Disclosure) -> Disclosure:
        split = getattr(d.project_forms[index], period)
        amount = split.get(key)
        return with_form(d, index, **{period: replace(split, **{key: replace(amount, value=Decimal(value))})})

    return change


def split_personnel(d: Disclosure) -> Disclosure:
    """表3 printed with 人员经费 and 公用经费 beside 基本支出 (as some Shanghai 收支总表 are): its 合计
    splits the 165.00 of basic expenditure 151.00 / 14.00, where 表6 gives 150.00 / 15.00."""
    t = d.table(K.EXPENDITURE_SUMMARY)
    assert t is not None
    columns = (*t.columns, Column("personnel", "人员经费"), Column("public", "公用经费"))
    split = (("personnel", Decimal("151.00")), ("public", Decimal("14.00")))
    rows = tuple(replace(r, values=(*r.values, *split)) if r.role is RowRole.TOTAL else r for r in t.rows)
    return with_table(d, K.EXPENDITURE_SUMMARY, columns=columns, rows=rows)


def blank_page(d: Disclosure) -> Disclosure:
    note = ReadNote(
        NoteLevel.INFO, "第 3 页是空白页（没有文字，也没有图像）", Source("fixture.pdf", page=3), "blank-page"
    )
    return replace(d, notes=(note,))


def toc_of(d: Disclosure, *, leaving_out: TableKind | None = None) -> Disclosure:
    """`d` with a 目录 that lists its tables as a 目录 prints them ("三、2026年预算支出总表……5"), but
    the one of kind `leaving_out`."""
    listed = [t for t in d.tables if t.kind is not leaving_out]
    toc = tuple(
        TocEntry(f"{i}、{t.title}……{i + 4}", i + 4, Source("fixture.pdf", page=2)) for i, t in enumerate(listed)
    )
    return replace(d, toc=toc)


def unit_budget_says_department(d: Disclosure) -> Disclosure:
    """A 单位预算 whose 三公 sentence says 部门预算安排."""
    d = with_text(d, "财政拨款安排的“三公”经费", "部门预算安排的“三公”经费")
    return replace(d, document_type=DocumentType.UNIT_BUDGET)


def procurement_goods(d: Disclosure) -> Disclosure:
    assert d.procurement is not None and d.procurement.goods is not None
    goods = replace(d.procurement.goods, value=Decimal("6.00"))
    return replace(d, procurement=replace(d.procurement, goods=goods))


def copied_goal(d: Disclosure) -> Disclosure:
    """The first project's 年度目标 written out, and copied word for word to the second. (The two
    forms already share "按时足额发放": a goal that short is no copy.)"""
    goal = "按规定及时足额发放社会保险补贴，保障符合条件的参保人员按时领取待遇"
    return with_form(with_form(d, 0, goal_annual=goal), 1, goal_annual=goal)


CASES: dict[str, tuple[Change, Severity]] = {
    "total.table-total": (cell(K.EXPENDITURE_SUMMARY, "合计", "basic", "175.00"), Severity.ERROR),
    "total.code-hierarchy": (cell(K.GENERAL_EXPENDITURE, "20801", "total", "171.00"), Severity.ERROR),
    "total.econ-hierarchy": (cell(K.GENERAL_BASIC_ECON, "301", "personnel", "151.00"), Severity.ERROR),
    "total.project-hierarchy": (cell(K.PROJECT_CURRENT, "某县社会保险中心", "total", "21.00"), Severity.ERROR),
    "total.fund-sources": (cell(K.PROJECT_CURRENT, "工作经费", "general", "19.00"), Severity.ERROR),
    "total.column-groups": (unbalanced_column_group, Severity.ERROR),
    "total.basic-project": (cell(K.EXPENDITURE_SUMMARY, "2080109", "project", "25.00"), Severity.ERROR),
    "total.personnel-public": (cell(K.GENERAL_BASIC_ECON, "基本工资", "public", "1.00"), Severity.ERROR),
    "total.current-carryover": (cell(K.BUDGET_SUMMARY, "208", "carryover", "12.00"), Severity.ERROR),
    "total.summary-income": (cell(K.BUDGET_SUMMARY, "本年收入合计", "amount", "216.00"), Severity.ERROR),
    "total.summary-expenditure": (cell(K.BUDGET_SUMMARY, "本年支出合计", "total", "230.00"), Severity.ERROR),
    "total.summary-grand": (cell(K.BUDGET_SUMMARY, "收入总计", "amount", "226.00"), Severity.ERROR),
    "total.summary-balance": (cell(K.BUDGET_SUMMARY, "支出总计", "total", "224.00"), Severity.ERROR),
    "total.three-public": (cell(K.THREE_PUBLIC, "公务用车购置及运行费", "total", "6.00"), Severity.ERROR),
    "total.final-balance": (unbalanced_fund_final, Severity.ERROR),
    "xtable.budget-income": (cell(K.INCOME_SUMMARY, "合计", "general", "216.00"), Severity.ERROR),
    "xtable.budget-class": (cell(K.EXPENDITURE_SUMMARY, "208", "total", "211.00"), Severity.ERROR),
    "xtable.income-expenditure": (cell(K.INCOME_SUMMARY, "2080704", "carryover", "11.00"), Severity.ERROR),
    "xtable.fiscal-budget": (cell(K.FISCAL_SUMMARY, "一、一般公共预算", "amount", "214.00"), Severity.ERROR),
    "xtable.fiscal-general": (cell(K.FISCAL_SUMMARY, "208", "general", "211.00"), Severity.ERROR),
    "xtable.general-income": (cell(K.GENERAL_EXPENDITURE, "2080101", "total", "101.00"), Severity.ERROR),
    "xtable.expenditure-general": (cell(K.EXPENDITURE_SUMMARY, "2080101", "basic", "99.00"), Severity.ERROR),
    "xtable.general-basic-econ": (cell(K.GENERAL_BASIC_ECON, "合计", "total", "166.00"), Severity.ERROR),
    "xtable.projects-general": (cell(K.PROJECT_CURRENT, DEPT, "general", "51.00"), Severity.ERROR),
    "xtable.carryover-projects": (cell(K.PROJECT_CARRYOVER, DEPT, "total", "11.00"), Severity.ERROR),
    "xtable.three-public-econ": (cell(K.GENERAL_BASIC_ECON, "公务用车运行维护费", "total", "7.00"), Severity.ERROR),
    "xtable.operation-public": (cell(K.ORG_OPERATION, "部门合计", "total", "14.00"), Severity.WARNING),
    "xtable.empty-funds": (cell(K.BUDGET_SUMMARY, "二、政府性基金预算", "amount", "3.00"), Severity.ERROR),
    "xtable.fund-tables": (cell(K.GOV_FUND_EXPENDITURE, "合计", "total", "4.00"), Severity.ERROR),
    "xtable.personnel-split": (split_personnel, Severity.ERROR),
    "narrative.amount": (text("人员经费150.00万元", "人员经费151.00万元"), Severity.ERROR),
    "narrative.parts": (text("上年结转10.00万元，占4.44%", "上年结转11.00万元，占4.44%"), Severity.ERROR),
    "narrative.share": (text("占95.56%", "占96.56%"), Severity.ERROR),
    "narrative.change": (text("增长7.50%", "增长8.50%"), Severity.ERROR),
    "narrative.components": (text("邮电费减少0.50万元", "邮电费减少0.60万元"), Severity.WARNING),
    "narrative.procurement": (procurement_goods, Severity.ERROR),
    "narrative.items": (text("办公费、公务用车运行维护费。", "办公费、公务用车运行维护费、会议费。"), Severity.WARNING),
    "perf.amount-vs-t12": (
        split_value(0, "annual", "total", "310000.00"),
        Severity.ERROR,
    ),
    "perf.project-name": (lambda d: with_form(d, 1, name="社保中心工作经费"), Severity.INFO),
    "perf.missing-form": (lambda d: replace(d, project_forms=d.project_forms[1:]), Severity.WARNING),
    "perf.form-without-project": (
        lambda d: split_value(1, "annual", "total", "123456.00")(with_form(d, 1, name="信息化建设")),
        Severity.WARNING,
    ),
    "perf.count": (text("二级项目2个", "二级项目3个"), Severity.ERROR),
    "perf.category-amounts": (text("涉及金额20.00万元", "涉及金额21.00万元"), Severity.ERROR),
    "perf.split-sum": (split_value(0, "annual", "local", "200000.00"), Severity.ERROR),
    "perf.split-vs-name": (central_project, Severity.WARNING),
    "perf.period": (split_value(0, "implementation", "total", "310000.00"), Severity.WARNING),
    "perf.overall-vs-tables": (fund_line(1, "requested", "166.00"), Severity.ERROR),
    "perf.overall-sum": (fund_line(0, "last_budget", "210.00"), Severity.ERROR),
    "perf.overall-prior": (
        lambda d: fund_line(2, "last_budget", "60.00")(fund_line(0, "last_budget", "210.00")(d)),
        Severity.WARNING,
    ),
    "perf.staffing": (fact("编制人数", "21"), Severity.WARNING),
    "perf.overall-facts": (fact("内设机构数", "4"), Severity.WARNING),
    "label.year": (lambda d: with_form(d, 0, year_label=2025), Severity.ERROR),
    "label.unit-name": (lambda d: with_form(d, 1, implementing_unit="某县社会保障中心"), Severity.WARNING),
    "label.dept-code": (third_form_codes, Severity.WARNING),
    "label.department": (lambda d: with_table(d, K.GENERAL_EXPENDITURE, department="某县人社局机关"), Severity.WARNING),
    "label.caption": (lambda d: with_table(d, K.STATE_CAPITAL, caption="部门公开表9"), Severity.INFO),
    "label.form-date": (lambda d: with_form(d, 0, signature=Signature(date="2026010")), Severity.WARNING),
    "complete.tables": (lambda d: without_table(d, K.THREE_PUBLIC), Severity.ERROR),
    # (the sample's 情况说明 says its 政府性基金 budget is none, which makes the finding info: without it)
    "complete.empty-table-note": (
        lambda d: replace(with_table(d, K.GOV_FUND_EXPENDITURE, empty_note=None), sections=()),
        Severity.WARNING,
    ),
    "complete.sections": (drop_section(Topic.ASSETS), Severity.ERROR),
    "complete.reader": (with_note, Severity.WARNING),
    "complete.narrative-only": (narrative_only, Severity.INFO),
    "code.function-unknown": (recode(K.EXPENDITURE_SUMMARY, "2080109", "2080198"), Severity.INFO),
    "code.function-name": (recode(K.GENERAL_EXPENDITURE, "2080101", "2080101", "社会保险业务管理"), Severity.WARNING),
    "code.function-parent": (recode(K.GENERAL_EXPENDITURE, "2080101", "2080201", "行政运行"), Severity.WARNING),
    "code.econ-mixed": (rename_econ("基本工资", 0, name="工资奖金津补贴"), Severity.ERROR),
    "code.econ-pair": (
        rename_econ("办公费", 0, texts=(("gov_econ", "工资奖金津补贴"), ("code_from", "name"))),
        Severity.WARNING,
    ),
    "code.econ-duplicate": (
        rename_econ("办公费", 1, texts=(("gov_econ", "办公经费"), ("code_from", "name"))),
        Severity.WARNING,
    ),
    "code.econ-name": (rename_econ("办公费", 0, name="咨询费", texts=(("gov_econ", "办公经费"),)), Severity.WARNING),
    "text.template": (
        lambda d: replace(d, overview=replace(d.overview, duties="负责全县XX工作。")),
        Severity.WARNING,
    ),
    "text.cut-off": (form_text(0, "项目概况", "按规定发放社会保险补贴，保障参保人员的待遇和权益的"), Severity.WARNING),
    "text.punctuation": (text("占4.44%。", "占4.44%。。"), Severity.WARNING),
    "text.unfinished": (
        text("公务用车购置及运行费5.00万元。", "公务用车购置及运行费5.00万元"),
        Severity.INFO,
    ),
    "text.level-wording": (glossary_word, Severity.WARNING),
    "text.doc-type": (text("其中：基本支出165.00万元", "其中：本年决算基本支出165.00万元"), Severity.WARNING),
    "text.template-choice": (text("办公经费增加1.50万元", "办公经费增加（减少）1.50万元"), Severity.WARNING),
    "text.empty-reason": (text("与2025年预算数相同。", "与2025年预算数相同，主要原因是。"), Severity.WARNING),
    "text.contradiction": (text("比上年增加15.00万元", "比上年增加增加15.00万元"), Severity.WARNING),
    "text.unit-wording": (unit_budget_says_department, Severity.WARNING),
    "text.obsolete-term": (text("一般公共预算拨款225.00万元", "公共财政拨款225.00万元"), Severity.INFO),
    "text.period-year": (
        text("纳入绩效目标管理的二级项目2个", "纳入绩效目标管理（实施期2025年1月1日至2025年12月31日）的二级项目2个"),
        Severity.WARNING,
    ),
    "text.amount-unit": (text("支出预算225.00万元，其中：", "支出预算225.00元，其中："), Severity.WARNING),
    # (made up: no national, Shanghai or page-text package prints a year with a letter in it)
    "complete.toc-tables": (lambda d: toc_of(d, leaving_out=K.THREE_PUBLIC), Severity.INFO),
    # (made up: no project form of the national corpus, the Shanghai PDFs or the sample repeats a goal)
    "perf.copied-goal": (copied_goal, Severity.WARNING),
    "text.year-typo": (text("2026年度某县人力资源", "2026B 年度某县人力资源"), Severity.INFO),
    "text.restated-reason": (text("增长7.50%。", "增长7.50%，主要原因是与上年基本持平。"), Severity.INFO),
    "narrative.count-parts": (text("实有1辆。", "实有1辆，其中：执法执勤用车1辆、其他用车1辆。"), Severity.ERROR),
    "code.old-name": (text("社会保障和就业支出200.00万元", "医疗卫生与计划生育支出200.00万元"), Severity.WARNING),
    "narrative.zero-base": (
        text("相同。其中：因公出国（境）费0万元，", "相同。因公出国（境）费0万元，比上年增加2.00万元；"),
        Severity.ERROR,
    ),
    "complete.blank-page": (blank_page, Severity.INFO),
    "narrative.subject": (
        text("社会保障和就业支出200.00万元", "社会保障和就业支出（类）就业补助（款）就业见习补贴（项）200.00万元"),
        Severity.WARNING,
    ),
    "culprit.cell": (cell(K.EXPENDITURE_SUMMARY, "2080704", "total", "44.00"), Severity.ERROR),
    "culprit.ocr-suspect": (ocr_misread, Severity.WARNING),
}

IDENTITY_RULES = {
    r
    for r in RULES
    # (total.final-balance holds on 决算 tables, which the consistent 预算 has none of: the real
    # 决算 packages of test_final_accounts.py are its passing case; xtable.personnel-split holds
    # where a 收支总表 prints 人员经费 and 公用经费, which the consistent package's does not: the
    # real rd12 of test_checks_wording.py is its passing case; total.column-groups holds on tables
    # printed with grouped columns, which it has none of either: the Jiangsu and Yantai packages of
    # test_national_jiangsu.py and test_national_yantai.py are its passing case)
    if (
        r.split(".")[0] in ("total", "xtable")
        and r not in ("xtable.empty-funds", "total.final-balance", "xtable.personnel-split", "total.column-groups")
    )
    or r
    in (
        "narrative.amount",
        "narrative.parts",
        "narrative.components",
        "narrative.procurement",
        "perf.amount-vs-t12",
        "perf.split-sum",
        "perf.overall-vs-tables",
        "perf.overall-sum",
        "perf.overall-prior",
        "perf.category-amounts",
    )
}


def test_every_rule_has_a_failing_case() -> None:
    assert sorted(set(RULES) - set(CASES)) == []
    assert sorted(set(CASES) - set(RULES)) == []


@pytest.fixture(scope="module")
def consistent() -> Disclosure:
    return package()


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_passes_on_the_consistent_package(rule_id: str, consistent: Disclosure) -> None:
    entry = RULES[rule_id]
    findings, outcomes = run_rule(entry, consistent)
    assert findings == []
    if rule_id in IDENTITY_RULES:
        assert outcomes, f"{rule_id} stated no identity on the consistent package: the passing test would be empty"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fails_on_one_change(rule_id: str, consistent: Disclosure) -> None:
    change, severity = CASES[rule_id]
    report = check(change(consistent))
    mine = [f for f in report.findings if f.rule == rule_id]
    assert mine, f"{rule_id} did not fire; found {sorted({f.rule for f in report.findings})}"
    assert severity in {f.severity for f in mine}


def test_a_culprit_is_named_with_the_value_that_mends_it(consistent: Disclosure) -> None:
    report = check(with_cell(consistent, K.EXPENDITURE_SUMMARY, "2080704", "total", "44.00"))
    (culprit,) = [f for f in report.findings if f.rule == "culprit.cell"]
    assert culprit.location.line == consistent.table(K.EXPENDITURE_SUMMARY).by_code("2080704").source.line  # type: ignore[union-attr]
    assert (culprit.found, culprit.expected) == ("44.00", "40.00")
    assert "3 处勾稽关系" in culprit.message
    assert culprit.message.endswith("仅一位数字不同（0 写成了 4）")


def test_no_culprit_when_two_cells_share_the_blame(consistent: Disclosure) -> None:
    """Two cells changed in the same row and column: no single cell explains it, so none is named."""
    d = with_cell(consistent, K.EXPENDITURE_SUMMARY, "2080704", "total", "44.00")
    d = with_cell(d, K.EXPENDITURE_SUMMARY, "2080704", "project", "44.00")
    rules = {f.rule for f in check(d).findings}
    assert "culprit.cell" not in rules
    assert "total.code-hierarchy" in rules


def test_a_difference_within_rounding_is_info_with_its_bound(consistent: Disclosure) -> None:
    d = with_cell(consistent, K.EXPENDITURE_SUMMARY, "合计", "basic", "165.01")
    found = [f for f in check(d).findings if f.rule == "total.table-total"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "合计最多 0.015 万元" in found[0].message


def test_the_same_figure_printed_twice_may_not_differ_by_rounding(consistent: Disclosure) -> None:
    """1979.96 for a table's 1979.95: two roundings of one amount agree; one unit apart is a warning."""
    d = fund_line(1, "requested", "165.01")(consistent)
    (found,) = [f for f in check(d).findings if f.rule == "perf.overall-vs-tables"]
    assert found.severity is Severity.WARNING
    assert "不可能都是该金额的正确四舍五入" in found.message


def test_form_amounts_in_yuan_explain_the_rounding_of_the_project_table(consistent: Disclosure) -> None:
    """Two projects of 150,060 元 print as 15.01 万元 each; their unit prints 30.01, not 30.02: the
    forms' 元 figures show that rounding alone explains it."""
    from .test_checks_builders import table

    cols = (("total", "合计", None), ("general", "一般公共预算", None))
    t12 = table(
        K.PROJECT_CURRENT,
        12,
        cols,
        [
            {"name": DEPT, "values": ("50.01", "50.01"), "level": 1},
            {"name": DEPT, "values": ("30.01", "30.01"), "level": 2, "parent": 0},
            {"name": "社会保险补贴", "values": ("15.01", "15.01"), "level": 3, "parent": 1},
            {"name": "就业补贴", "values": ("15.01", "15.01"), "level": 3, "parent": 1},
            {"name": "某县社会保险中心", "values": ("20.00", "20.00"), "level": 2, "parent": 0},
            {"name": "工作经费", "values": ("20.00", "20.00"), "level": 3, "parent": 4},
        ],
    )
    forms = (
        project_form("社会保险补贴", DEPT, "150060.00"),
        project_form("就业补贴", DEPT, "150060.00"),
        project_form("工作经费", "某县社会保险中心", "200000.00"),
    )
    d = replace(
        consistent,
        tables=tuple(t12 if t.kind is K.PROJECT_CURRENT else t for t in consistent.tables),
        project_forms=forms,
    )
    found = [f for f in check(d).findings if f.rule == "total.project-hierarchy" and f.location.row == 1]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "下级之和为 30.012000，四舍五入为 30.01" in found[0].message


def test_a_budget_only_rule_is_skipped_for_a_final_account(consistent: Disclosure) -> None:
    from yusuan.model import DocumentType

    broken = cell(K.BUDGET_SUMMARY, "收入总计", "amount", "226.00")(
        cell(K.INCOME_SUMMARY, "合计", "general", "216.00")(consistent)
    )
    assert "xtable.budget-income" in {f.rule for f in check(broken).findings}
    rules = {f.rule for f in check(replace(broken, document_type=DocumentType.DEPARTMENT_FINAL)).findings}
    assert not {r for r in rules if r.split(".")[0] in ("xtable", "narrative", "perf")}
    assert "total.summary-grand" in rules  # the 收支总表's own identities hold in a 决算 too
    assert "complete.tables" in rules  # a 决算 package has its own nine tables (决算 fund tables missing here)


def test_stated_zero_share_and_glossary_do_not_trip_rules(consistent: Disclosure) -> None:
    glossary = (
        *consistent.glossary,
        GlossaryEntry("三", "上年结转", "指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。", Source("f", 1)),
    )
    assert check(replace(consistent, glossary=glossary)).findings == ()


def test_procurement_with_quantities_in_yuan_is_checked_in_yuan(consistent: Disclosure) -> None:
    p = Procurement(
        total=Quantity(Decimal("80000"), "元", Source("f", 1)),
        goods=Quantity(Decimal("50000"), "元", Source("f", 1)),
        services=Quantity(Decimal("20000"), "元", Source("f", 1)),
    )
    found = [f for f in check(replace(consistent, procurement=p)).findings if f.rule == "narrative.procurement"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "10000" in found[0].message


OPERATION = "机关运行经费财政拨款预算13.00万元，比2025年预算增加1.00万元，增长8.33%，原因主要是办公经费增加1.50万元，邮电费减少0.50万元。"


@pytest.mark.parametrize(
    ("stated", "flagged"),
    [
        # 0.01 → 0.02 万元 is 增长100%: the prior is 0.01 within rounding, not 0 (a random ledger's case)
        ("机关运行经费财政拨款预算0.02万元，比2025年预算增加0.01万元，增长100.00%。", []),
        # 5 万元 up by 5 万元 leaves a prior of at most 1 万元: 100% would need a prior of 5
        ("机关运行经费财政拨款预算5.00万元，比2025年预算增加5.00万元，增长100.00%。", ["100.00%"]),
    ],
)
def test_a_rate_is_from_a_zero_base_only_when_no_prior_the_rounding_allows_gives_it(
    stated: str, flagged: list[str], consistent: Disclosure
) -> None:
    findings, _ = run_rule(RULES["narrative.zero-base"], with_text(consistent, OPERATION, stated))
    assert [f.found for f in findings] == flagged


def test_a_toc_that_lists_every_table(consistent: Disclosure) -> None:
    """Every table of the body listed in the 目录: complete.toc-tables is silent; the 三公 table left out of
    it is named (its 机关运行经费 table, printed under its own title, is listed)."""
    assert run_rule(RULES["complete.toc-tables"], toc_of(consistent))[0] == []
    (finding,) = run_rule(RULES["complete.toc-tables"], toc_of(consistent, leaving_out=K.THREE_PUBLIC))[0]
    assert finding.found == "2026年“三公”经费支出预算表"
