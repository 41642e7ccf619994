"""The wording rules and the narrative fixes on the national corpus (shared/data/national): each kind
found where a package of another family has it, and the false findings of the 情况说明 rules gone
from the packages that showed them (files and pages read by hand)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from yusuan.checks import Report, check
from yusuan.checks.statements import section_claims
from yusuan.model import Disclosure
from yusuan.parse import read

from .conftest import SHARED_DATA

pytest.importorskip("pdfplumber")


@cache
def national(stem: str) -> Disclosure:
    return read(SHARED_DATA / "national" / f"{stem}.pdf")


@cache
def report(stem: str) -> Report:
    return check(national(stem))


def found(stem: str, rule: str) -> list[tuple[int | None, str, str | None]]:
    return sorted((f.location.page, f.severity.value, f.found) for f in report(stem).findings if f.rule == rule)


def test_a_shanghai_unit_budget_that_says_department(shared_data: Path) -> None:
    """n001 p21 (上海交通职业技术学院, 单位预算): "2026年部门预算安排购置车辆0辆"; the same paragraph
    goes on "单位预算安排购置单价100万元（含）以上设备"."""
    assert found("n001_shanghai", "text.unit-wording") == [(21, "warning", "部门预算安排")]


def test_a_doubled_phrase(shared_data: Path) -> None:
    """n089 p33 (广州市应急管理局): "公务接待费…增长0%，主要原因是：无增减变化无增减变化。"."""
    assert found("n089_guangzhou", "text.contradiction") == [(33, "warning", "无增减变化无增减变化")]


def test_rates_from_a_zero_base(shared_data: Path) -> None:
    """n091 p25 (广州市气象局): "因公出国（境）费0万元，比上年增加0万元，增长0%" (info: 持平 is meant);
    n132 p22 (福州): "2026年预算安排5.38万元，比上年增加5.38万元，增长100%" and, in a list, "公务用车
    购置费221.04万元，比上年增加221.04万元，增长100%" (warnings). The second used to be read as the
    change of the list's total 1,335.21 and reported as a wrong rate (a false narrative.change)."""
    assert found("n091_guangzhou", "narrative.zero-base") == [(25, "info", "0%")]
    assert found("n132_fuzhou", "narrative.zero-base") == [(22, "warning", "100%")] * 2
    assert found("n132_fuzhou", "narrative.change") == []


def test_an_obsolete_term(shared_data: Path) -> None:
    """n149 p9 (西安市气象局, 2022): "本部门一般公共财政拨款支出 1899.9 万元"."""
    assert found("n149_xian", "text.obsolete-term") == [(9, "info", "公共财政拨款")]


def test_shares_of_the_total_a_list_opens_with(shared_data: Path) -> None:
    """n107 p30 (苏州市水务局): "收入预算合计92,596.24万元，…。" / "其中：" / "本年一般公共预算收入
    48,592.98万元，占52.48%；" / "本年政府性基金预算收入44,003.26万元，占47.52%；" …: the lone
    "其中：" carries the sentence on, so every share is of 92,596.24 (each was read as a share of
    48,592.98, the first item, and reported false), and "上年结转结余的一般公共预算收入0万元" is no
    restatement of this year's 一般公共预算收入 (it was reported as one)."""
    d = national("n107_suzhou")
    shares = [
        c for _, claims in section_claims(d) for c in claims if c.share is not None and c.figure.source.page == 30
    ]
    owners = {(c.lead or c.base or c).value for c in shares}
    assert owners == {Decimal("92596.24")} and len(shares) >= 14
    assert [f for f in report("n107_suzhou").findings if f.rule.startswith("narrative.")] == []


def test_an_empty_table_note_worded_as_what_was_not_spent(shared_data: Path) -> None:
    """n128 pp14, 16 (福州): under the empty fund tables "备注：本单位 2026 年没有使用政府性基金预算拨款
    安排的支出。": the note says the table is empty (it was reported as missing)."""
    d = national("n128_fuzhou")
    notes = [t.empty_note for t in d.tables if t.empty_note]
    assert len(notes) == 2 and all(n.startswith("备注") and "没有使用" in n for n in notes)
    assert found("n128_fuzhou", "complete.empty-table-note") == []


def test_a_budget_may_name_the_final_accounts_as_work(shared_data: Path) -> None:
    """n138 p19 (西安, 2026 部门综合预算) lists its 会议费 by meeting: "全省部门决算汇审", "市级部门决算
    工作会": no 决算 wording left in a 预算 (text.doc-type reported both)."""
    assert found("n138_xian", "text.doc-type") == []


def test_an_amount_in_yuan_whose_parts_are_in_wan(shared_data: Path) -> None:
    """n072 p11 (深圳市生态环境局): "2.污染防治项目 18,686.86 元，主要包括：水生态环境管理工作 3,953.30
    万元…；政府投资运维 798.46 万元…。": the eight parts add up to 18,686.85 万元, so the 元 is a slip
    for 万元 (the item before, 编外人员 712.86 万元, and every other amount of the page are in 万元)."""
    (finding,) = [f for f in report("n072_shenzhen").findings if f.rule == "text.amount-unit"]
    assert (finding.location.page, finding.severity.value) == (11, "warning")
    assert (finding.found, finding.expected) == ("18,686.86元", "18,686.86万元")
    assert "8 项以万元计合计 18,686.85 万元" in finding.message


def test_a_count_whose_parts_exceed_it(shared_data: Path) -> None:
    """n132 p37 (福州市公安局交通管理支队): "2026年单位预算安排购置车辆0辆，其中：…执法执勤用车18辆、…其他用车0辆。":
    the eight kinds add up to 18 of 0. The paragraph before it, "共有车辆233辆，其中：…执法执勤用车179辆、
    特种专业技术用车8辆、…其他用车46辆" (179 + 8 + 46 = 233), holds and is not reported."""
    (finding,) = [f for f in report("n132_fuzhou").findings if f.rule == "narrative.count-parts"]
    assert (finding.location.page, finding.severity.value) == (37, "error")
    assert (finding.found, finding.expected) == ("18辆", "≤0辆")
    assert finding.message == "“2026年单位预算安排购置车辆”为 0辆，其中所列 8 项合计 18辆，多于总数"


def test_a_reason_that_restates_the_change(shared_data: Path) -> None:
    """n100 p57 (广州市市场监督管理局): "“三公”经费699.13万元，比上年减少1.29万元，下降0.2%，主要原因是与上年
    基本持平", the same for 公务接待费 (p57) and 委托业务费 (p58); n087 p36: "比上年减少0.05万元，下降0.5%，主要
    原因是与上年基本持平，无增减变化"; n144 p24 (西安, 2022): "公务员医疗补助（2101103）45.01万元，较上年增加
    45.01万元，原因是2022年公务员医疗补助增加". Not reported: n087 p36's "公务接待费44.9万元，比上年增加0万元，
    增长0%，主要原因是与上年持平" (there is no change to explain), n144 p24's "事业单位医疗…原因是2022年事业
    单位医疗保险缴费增加" (it names what grew)."""
    assert found("n100_guangzhou", "text.restated-reason") == [
        (57, "info", "与上年基本持平"),
        (57, "info", "与上年基本持平"),
        (58, "info", "与上年基本持平"),
    ]
    assert found("n087_guangzhou", "text.restated-reason") == [(36, "info", "与上年基本持平，无增减变化")]
    assert found("n144_xian", "text.restated-reason") == [(24, "info", "2022年公务员医疗补助增加")]
    assert found("n091_guangzhou", "text.restated-reason") == []


def test_procurement_and_assets_stated_under_a_heading_of_their_own_inside_another_section(shared_data: Path) -> None:
    """Fuzhou, Beijing, Chongqing and Xi'an state 政府采购 and 国有资产 under "（二）政府采购情况" inside
    其他重要事项说明, not as sections of their own. n132 p37: "政府采购预算总额0万元，其中：政府采购货物预算
    3456.6万元、政府采购工程预算0万元、政府采购服务预算4683.6万元" (its note: 本单位2026年度没有政府采购预算)
    is one error; n128 p32's 132.25 = 30.75 + 0 + 101.5 holds. n024 p10 (北京市交通委员会) counts cars in 台
    ("共有车辆 328 台") and says what it buys in a sentence of its own ("2026年预算安排中，购置单位价值100万元
    以上的设备0台（套）")."""
    (finding,) = [f for f in report("n132_fuzhou").findings if f.rule == "narrative.procurement"]
    assert (finding.location.page, finding.severity.value) == (37, "error")
    assert finding.message == "政府采购预算总额 0.0 万元，货物、工程、服务之和为 8140.2 万元，相差 8140.2 万元"
    p = national("n128_fuzhou").procurement
    assert p is not None and p.total is not None and p.goods is not None and p.services is not None
    assert (p.total.value, p.goods.value, p.services.value, p.source.page) == (
        Decimal("132.25"),
        Decimal("30.75"),
        Decimal("101.5"),
        32,
    )
    assert not [f for f in report("n128_fuzhou").findings if f.rule == "narrative.procurement"]
    a = national("n024_beijing").assets
    assert a is not None and a.vehicles is not None
    assert (a.vehicles.value, a.vehicles.unit) == (Decimal("328"), "台")
    assert [(k, q.value) for k, q in a.equipment] == [("100万元以上设备", Decimal("118"))]
    assert [(k, q.value) for k, q in a.planned] == [("100万元以上设备", Decimal("0"))]
