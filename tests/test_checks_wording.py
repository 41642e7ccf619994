"""The wording and template rules, the identities added beside them and the false findings fixed, on
the real documents that show each (file and page named; read by hand in shared/data/real_docs,
real_texts and the national PDFs), and silent on the real packages that do not have them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.checks import RULES, Report, check, run_rule
from yusuan.checks.statements import section_claims
from yusuan.model import Disclosure, DocumentType, Severity
from yusuan.parse import read

from .conftest import SAMPLE, real_package
from .test_checks_builders import package, with_text
from .test_page_text import page_text

pytest.importorskip("pdfplumber")

NEW_RULES = (
    "text.template-choice",
    "text.empty-reason",
    "text.contradiction",
    "text.unit-wording",
    "text.obsolete-term",
    "text.period-year",
    "code.old-name",
    "narrative.zero-base",
    "complete.blank-page",
    "narrative.subject",
    "xtable.personnel-split",
    "text.amount-unit",
    "text.restated-reason",
    "text.year-typo",
    "narrative.count-parts",
    "complete.toc-tables",
    "perf.copied-goal",
)
RD = {
    "rd01": "rd01_shpt_caizhengju_2024_bmjs",
    "rd02": "rd02_shpt_shehuigongzuobu_2024_bmjs",
    "rd03": "rd03_shpt_guihuaziyuan_2024_bmjs",
    "rd04": "rd04_shpt_wanlijiedao_2023_bmys",
    "rd05": "rd05_shpt_wanlijiedao_2024_bmys",
    "rd06": "rd06_shpt_wanlijiedao_2025_bmys",
    "rd07": "rd07_shpt_zhengfuban_2025_bmys",
    "rd08": "rd08_shpt_zhengfuban_2025_dwys",
    "rd09": "rd09_shpt_shangwuwei_2025_bmys",
    "rd10": "rd10_shpt_shangwuwei_2025_dwys",
    "rd11": "rd11_shpt_caizhengju_2025_bmys",
    "rd12": "rd12_shpt_shehuifuliyuan_2024_dwys",
    "rd13": "rd13_shpt_sifaju_2026_bmys",
    "rd14": "rd14_shpt_sifaju_2026_dwys",
    "rd15": "rd15_sh_shicaizhengju_2025_dwys",
}
_REPORTS: dict[str, Report] = {}


def rd(stem: str) -> Report:
    if stem not in _REPORTS:
        _REPORTS[stem] = check(real_package(RD[stem]))
    return _REPORTS[stem]


def found(report: Report, rule: str) -> list[tuple[int | None, str, str | None]]:
    return sorted((f.location.page, f.severity.value, f.found) for f in report.findings if f.rule == rule)


def new_findings(report: Report) -> list[tuple[str, int | None]]:
    return sorted((f.rule, f.location.page) for f in report.findings if f.rule in NEW_RULES)


# ---------------------------------------------------------------------------------------------
# the wording family, each rule where a real package has what it looks for


def test_template_instructions_left_under_a_table(shared_data: Path) -> None:
    """rd02 pp15–16: the 决算 template's "无…的，仍保留该表格式，并在本表下方作下述说明" is printed
    under both empty fund tables."""
    assert found(rd("rd02"), "text.template") == [(15, "warning", "仍保留该表格式"), (16, "warning", "仍保留该表格式")]


def test_template_alternatives_left_in(shared_data: Path) -> None:
    """rd03 p25 "下降（增长）27.78%" (决算); rd14 p6 "财政拨款收入支出增加（减少）的主要原因是"."""
    assert found(rd("rd03"), "text.template-choice") == [(25, "warning", "下降（增长）")]
    assert found(rd("rd14"), "text.template-choice") == [(6, "warning", "增加（减少）")]


def test_a_reason_announced_and_not_given(shared_data: Path) -> None:
    """rd12 p16 and rd14 p21: "公务用车购置及运行费…与上年预算持平，主要原因是。其中：…"."""
    assert found(rd("rd12"), "text.empty-reason") == [(16, "warning", "原因是。")]
    assert found(rd("rd14"), "text.empty-reason") == [(21, "warning", "原因是。")]


def test_unit_budget_that_speaks_of_the_department_budget(shared_data: Path) -> None:
    """rd14 p21 and rd15 p21 (单位预算): "2026年部门预算安排购置车辆0辆"; rd08 and rd10, 单位预算 of
    the same template, write 单位预算安排."""
    assert found(rd("rd14"), "text.unit-wording") == [(21, "warning", "部门预算安排")]
    assert found(rd("rd15"), "text.unit-wording") == [(21, "warning", "部门预算安排")]
    assert found(rd("rd08"), "text.unit-wording") == found(rd("rd10"), "text.unit-wording") == []


def test_a_period_of_last_year_in_this_years_budget(shared_data: Path) -> None:
    """rd13 p23 (2026 预算): 人民调解's 实施周期 is "2025年1月1日-2025年12月31日"."""
    (finding,) = [f for f in rd("rd13").findings if f.rule == "text.period-year"]
    assert (finding.location.page, finding.found) == (23, "2025年1月1日-2025年12月31日")
    assert "人民调解" in finding.message


def test_old_subject_names_in_tables_and_narrative(shared_data: Path) -> None:
    """rd12 (2024): 医疗卫生与计划生育支出 in the 编制说明 (p6), the 收支总表 (p7) and the 财政拨款收支
    总表 (p10); rd13 p9 and rd14 p7 in the 编制说明 (the name was 卫生健康支出 from 2019)."""
    assert found(rd("rd12"), "code.old-name") == [(p, "warning", "医疗卫生与计划生育支出") for p in (6, 7, 10)]
    assert found(rd("rd13"), "code.old-name") == [(9, "warning", "医疗卫生与计划生育支出")]
    assert found(rd("rd14"), "code.old-name") == [(7, "warning", "医疗卫生与计划生育支出")]
    assert not [f for f in rd("rd13").findings if f.rule == "code.function-name"]  # said once


def test_a_change_stated_for_a_fund_that_is_zero(shared_data: Path) -> None:
    """rd04 p6: "政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元" (the clause before's
    increase, copied): last year would have been −1421.25."""
    (finding,) = [f for f in rd("rd04").findings if f.rule == "narrative.zero-base"]
    assert (finding.location.page, finding.severity, finding.found) == (6, Severity.ERROR, "1421.25万元")
    assert "-1421.25" in finding.message


def test_a_subject_named_one_level_off(shared_data: Path) -> None:
    """rd06 p7, item 21: "卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元"; the tables
    have 21007 计划生育事务 and 2100717 计划生育服务 (200,000 元): the names slid one level up. rd11's
    "其它行政事业单位养老支出（项）" (for 其他…) is the table's subject and is not reported."""
    (finding,) = [f for f in rd("rd06").findings if f.rule == "narrative.subject"]
    assert finding.location.page == 7 and "2100717 计划生育服务" in finding.message
    assert found(rd("rd11"), "narrative.subject") == []


def test_the_personnel_split_of_the_summary_table(shared_data: Path) -> None:
    """rd12 p7 prints 人员经费 7,380,214 and 公用经费 2,120,950 in its 财务收支预算总表; the 基本支出
    table p14 has the same: the identity is stated and holds."""
    findings, outcomes = run_rule(RULES["xtable.personnel-split"], real_package(RD["rd12"]))
    assert findings == [] and [o.status.value for o in outcomes] == ["exact"]
    assert outcomes[0].identity.left[0].value == Decimal("7380214")


def test_blank_pages(shared_data: Path) -> None:
    assert found(rd("rd01"), "complete.blank-page") == [(14, "info", "空白页")]
    assert found(rd("rd13"), "complete.blank-page") == [(3, "info", "空白页")]


def test_page_text_wording(shared_data: Path) -> None:
    """002 p7 "比2025年预算增加增加27.45万元" and "与2025年预算增加持平", p8 "其他文化体育与传媒支出(款)"
    in two items of the 编制说明 (20799, renamed in 2019: said once); 005 p28 "决算数大小于预算数", p39
    "比 2024 年度减增加 21.90 万元"; 005's five items "行政事业单位离退休（款）" (pp32–33, 20805 is
    行政事业单位养老支出 from 2021, as its own 2080599 says) are said once, and its "文化体育与传媒支出" once."""
    r = check(page_text(shared_data, "002"))
    assert found(r, "text.contradiction") == [(7, "warning", "增加增加"), (7, "warning", "增加持平")]
    assert found(r, "code.old-name") == [(8, "warning", "其他文化体育与传媒支出")]  # two items of one section: once
    r = check(page_text(shared_data, "005"))
    assert found(r, "text.contradiction") == [(28, "warning", "大小于"), (39, "warning", "减增加")]
    assert found(r, "code.old-name") == [(28, "warning", "文化体育与传媒支出"), (32, "warning", "行政事业单位离退休")]


@pytest.mark.parametrize("stem", ["rd05", "rd06", "rd07", "rd08", "rd09", "rd10", "rd11", "rd15"])
def test_the_new_rules_are_silent_where_the_package_has_none_of_it(shared_data: Path, stem: str) -> None:
    expected = {"rd15": [("text.unit-wording", 21)], "rd06": [("narrative.subject", 7)]}.get(stem, [])
    assert new_findings(rd(stem)) == expected


def test_the_sample_gets_none_of_them(sample: Disclosure) -> None:
    assert new_findings(check(sample)) == []


# ---------------------------------------------------------------------------------------------
# false findings fixed at their cause


def test_the_counties_of_a_city_and_the_levels_above_are_no_template_wording() -> None:
    """Yantai n164, n165 and n170 p4 "指导县（市、区）…": the counties, county-level cities and districts
    of the city, no choice left open; n169 p4 "承担中央和省级部门对各设区的市政府…": the levels above,
    named as others. "省（市/县）" and a county's "配合省级部门" still are."""

    def said(added: str) -> list[tuple[str, str | None]]:
        d = with_text(package(), "办公经费增加1.50万元", f"办公经费增加1.50万元，{added}")
        rules = ("text.template-choice", "text.level-wording")
        return [(f.rule, f.found) for f in check(d).findings if f.rule in rules]

    assert said("指导县（市、区）开展工作，承担中央和省级部门交办的事项") == []
    assert said("指导省（市/县）开展工作") == [("text.template-choice", "省（市/县）")]
    assert said("配合省级部门开展工作") == [("text.level-wording", "省级部门")]


def test_a_final_account_compares_with_the_budget() -> None:
    """A 决算 states "年初预算数为…，支出决算数为…": 预算数为 is its own wording, not a 预算's left in."""
    d = with_text(package(), "其中：基本支出165.00万元", "年初预算数为170.00万元，支出决算数为165.00万元")
    final = replace(d, document_type=DocumentType.DEPARTMENT_FINAL)
    assert [f.rule for f in check(final).findings if f.rule == "text.doc-type"] == []
    assert [f.rule for f in check(d).findings if f.rule == "text.doc-type"] == ["text.doc-type"]  # in a 预算


def test_a_share_is_of_the_total_its_sentence_names(shared_data: Path) -> None:
    """005 p28: "一般公共预算财政拨款支出 19,044.27 万元，主要用于以" / "下方面：1.“一般公共服务”306.90
    万元，占 1.61%；…": the line break cut the lead from its list, and every share was computed on
    306.90. Read whole, each item's base is 19,044.27; the one share left off (教育支出 16.24 is
    0.09%, printed 0.08%) is the one nudged to make the list add up to 100%."""
    d = page_text(shared_data, "005")
    claims = [c for _, found in section_claims(d) for c in found]
    items = [c for c in claims if c.share is not None and 659 <= (c.figure.source.line or 0) <= 669]
    assert len(items) == 11 and {c.base.value for c in items if c.base is not None} == {Decimal("19044.27")}
    findings, _ = run_rule(RULES["narrative.share"], d)
    share_on_28 = [f for f in findings if f.location.page == 28]
    assert [(f.found, f.expected) for f in share_on_28] == [("0.08%", "0.09%")]
    assert "凑足 100%" in share_on_28[0].message


def test_execution_rates_are_not_shares_of_the_sentence_lead(shared_data: Path) -> None:
    """005 pp32–33: "…年初预算为 274.82 万元，支出决算为 245.53 万元，完成年初预算的 93.57%" is a
    rate of a figure no rule reads as a base: it is not recomputed on the item's lead."""
    findings, _ = run_rule(RULES["narrative.share"], page_text(shared_data, "005"))
    assert [f.location.page for f in findings] == [28]


def test_an_empty_table_is_judged_by_the_printed_table(shared_data: Path) -> None:
    """rd12 p15: the one printed table of 三公 and 机关运行经费 has 三公 6.40 and 机关运行经费 0; it is
    not an empty table without a note. rd05 p31, marked 空表 but filled, is said once."""
    assert found(rd("rd12"), "complete.empty-table-note") == []
    marked = [f for f in rd("rd05").findings if f.rule == "complete.empty-table-note"]
    assert [(f.location.page, f.severity) for f in marked] == [(31, Severity.ERROR)]


def test_the_projects_with_published_targets_are_not_the_project_table(tmp_path: Path) -> None:
    """A package built from a ledger whose projects have no performance targets states
    "公开项目绩效目标0个，涉及项目金额0万元" beside "纳入绩效目标管理的二级项目29个": right, and no
    narrative.amount against the 项目支出表 (it was an error)."""
    import yaml

    from yusuan import build, publish

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    source = SAMPLE.parent / "ledger"
    (ledger / "items.csv").write_bytes((source / "items.csv").read_bytes())
    facts = yaml.safe_load((source / "facts.yaml").read_text(encoding="utf-8"))
    del facts["performance"]["projects"]
    (ledger / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    (path,) = publish(build(ledger), tmp_path / "out", ["md"])
    assert "公开项目绩效目标0个，涉及项目金额0万元" in path.read_text(encoding="utf-8")
    report = check(read(path))
    assert report.summary["error"] == 0 and report.summary["warning"] == 0
