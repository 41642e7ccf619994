"""Real Shanghai packages (PDF with a text layer) read completely: golden JSON and hand-typed values.

The golden files in tests/golden/shanghai/ were written with `YUSUAN_UPDATE_GOLDEN=1` only after their
values were checked against the text of each PDF (shared/data/real_docs): every table cell found
on its page beside its row label, every narrative figure found in the text, totals by hand. The
hand-typed values below are a second oracle, typed from the documents.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.export.json import disclosure_to_dict, loads
from yusuan.model import Disclosure, DocumentType, GovLevel, Period, Side, TableKind, Topic
from yusuan.model.performance import FUND_SOURCES
from yusuan.parse.forms import _PAIRED_LABELS, _may_pair

from .conftest import real_package

GOLDEN = Path(__file__).parent / "golden" / "shanghai"
PACKAGES = (
    "rd05_shpt_wanlijiedao_2024_bmys",
    "rd07_shpt_zhengfuban_2025_bmys",
    "rd09_shpt_shangwuwei_2025_bmys",
    "rd13_shpt_sifaju_2026_bmys",
)
NINE_KINDS = {
    TableKind.BUDGET_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GOV_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL,
    TableKind.GENERAL_BASIC_ECON,
    TableKind.THREE_PUBLIC,
    TableKind.ORG_OPERATION,
}


def package(shared_data: Path, name: str) -> Disclosure:
    """Read a real PDF by its bare name, so sources in the golden file do not depend on paths."""
    return real_package(name)


@pytest.mark.parametrize("name", PACKAGES)
def test_golden(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    path = GOLDEN / f"{name}.json"
    data = disclosure_to_dict(d)
    if os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert data == expected
    back = loads(path.read_text(encoding="utf-8"))
    # (assets are left out: export/json.py turns label → value pairs into an object, which drops a
    # repeated label such as the vehicle counts that 国有资产 states for 共有 and for 购置)
    assert replace(back, assets=None) == replace(d, assets=None)


@pytest.mark.parametrize("name", PACKAGES)
def test_every_budget_package_reads_completely(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    assert d.reader == "pdf"
    assert d.document_type is DocumentType.DEPARTMENT_BUDGET
    assert d.level is GovLevel.DISTRICT
    assert {t.kind for t in d.tables} == NINE_KINDS
    assert d.section(Topic.BUDGET_NOTES) is not None
    assert {s.topic for s in d.sections} >= {Topic.THREE_PUBLIC, Topic.ORG_OPERATION, Topic.PROCUREMENT, Topic.ASSETS}
    assert d.project_notes
    assert not [n for n in d.notes if n.code in ("unknown-table", "not-amount", "truncated")]
    for t in d.tables:
        assert t.source.page is not None and t.source.bbox is not None
        assert all(r.source.page is not None for r in t.rows)


def test_sifaju_2026_by_hand(shared_data: Path) -> None:
    d = package(shared_data, "rd13_shpt_sifaju_2026_bmys")
    assert d.department == "上海市普陀区司法局"
    assert d.year == 2026
    summary = d.table(TableKind.BUDGET_SUMMARY)
    assert summary is not None and summary.unit.value == "元"
    assert summary.grand_total(Side.INCOME).amount("amount") == Decimal("96282213.44")  # type: ignore[union-attr]
    assert summary.grand_total(Side.EXPENDITURE).amount("amount") == Decimal("96282213.44")  # type: ignore[union-attr]
    assert summary.by_key("fiscal", Side.INCOME).amount("amount") == Decimal("96282213.44")  # type: ignore[union-attr]
    income = d.table(TableKind.INCOME_SUMMARY)
    assert income is not None
    row = income.by_code("2080505")
    assert row is not None and row.name == "机关事业单位基本养老保险缴费支出"
    assert row.value("total") == Decimal("1839485.00") and row.value("fiscal") == Decimal("1839485.00")
    # the general expenditure table continues on the next page with its header repeated
    general = d.table(TableKind.GENERAL_EXPENDITURE)
    assert general is not None and len(list(general.items())) == 21
    assert general.total().amount("basic") == Decimal("25741666.44")  # type: ignore[union-attr]
    assert general.by_code("2210203").value("total") == Decimal("2433600.00")  # type: ignore[union-attr]
    econ = d.table(TableKind.GENERAL_BASIC_ECON)
    assert econ is not None and econ.by_code("30228").value("public") == Decimal("265974.44")  # type: ignore[union-attr]
    fund = d.table(TableKind.GOV_FUND_EXPENDITURE)
    assert fund is not None and fund.is_empty and fund.empty_note and "空表" in fund.empty_note
    three = d.table(TableKind.THREE_PUBLIC)
    assert three is not None and three.unit.value == "万元"
    assert {r.key: r.value("total") for r in three.rows if r.key} == {
        "abroad": Decimal("0"),
        "reception": Decimal("0.83"),
        "vehicle": Decimal("9.98"),
        "vehicle_purchase": Decimal("0"),
        "vehicle_operation": Decimal("9.98"),
    }
    assert three.total().value("total") == Decimal("10.81")  # type: ignore[union-attr]
    org = d.table(TableKind.ORG_OPERATION)
    assert org is not None and org.total().value("total") == Decimal("217.83")  # type: ignore[union-attr]
    notes = d.section(Topic.BUDGET_NOTES)
    assert notes is not None
    figures = {(f.text, f.label) for f in notes.figures}
    assert ("9628.22万元", "上海市普陀区司法局收入预算") in figures
    assert ("1690.69万元", "2025年当年预算执行数为") in figures  # joined across a wrapped line
    assert d.procurement is not None and d.procurement.total is not None
    assert d.procurement.total.value == Decimal("1486.42")
    assert d.procurement.services is not None and d.procurement.services.value == Decimal("1446.32")
    (note,) = d.project_notes
    assert note.name == "人民调解" and note.amount == Decimal("795") and note.unit == "万元"
    assert note.text("实施主体") == "上海市普陀区司法局"
    assert [g.term for g in d.glossary][:2] == ["财政拨款收入", "事业收入"]


def test_shangwuwei_2025_by_hand(shared_data: Path) -> None:
    d = package(shared_data, "rd09_shpt_shangwuwei_2025_bmys")
    assert d.department == "上海市普陀区商务委员会"
    assert [n.name for n in d.project_notes] == [
        "科技创新专项",
        "生命健康专项(政策资金)",
        "商业创新专项(政策资金)",
        "贸易高质量发展专项(政策资金)",
    ]
    assert [n.amount for n in d.project_notes] == [
        Decimal("1720.00"),
        Decimal("1170.00"),
        Decimal("1410.00"),
        Decimal("2921.00"),
    ]


def test_wanlijiedao_2023_shanghai_project_forms_by_hand(shared_data: Path) -> None:
    """rd04 prints five 财政项目支出绩效目标填报表 in the Shanghai layout: label and value side by
    side (项目名称 … 项目性质 … 项目类别 …), a department without its code, the 项目资金 split by kind
    of money (财政资金 / 当年财政拨款 / 上年结转资金), 项目总目标 and 年度总体目标, and one value
    column, "年度(/项目)指标值". Values as printed on pages 31–35."""
    d = package(shared_data, "rd04_shpt_wanlijiedao_2023_bmys")
    forms = d.project_forms
    assert [f.name for f in forms] == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]
    assert [f.attribute for f in forms] == ["阶段性项目"] + ["经常性项目"] * 4
    assert [f.source.page for f in forms] == [31, 32, 33, 34, 35]
    assert [len(f.indicators) for f in forms] == [5, 4, 4, 43, 9]
    for f in forms:
        assert (f.department_code, f.department) == (None, "上海市普陀区人民政府万里街道办事处")
        assert f.implementing_unit == "上海市普陀区人民政府万里街道办事处"
        assert f.texts[1:] == (("计划开始日期", "2023-01-01"), ("计划完成日期", "2023-12-31"))
        assert f.goal_implementation and f.goal_implementation == f.goal_annual
        assert {i.period for i in f.indicators} == {Period.ANNUAL}  # the one column is the year's
    assert [f.text("项目类别") for f in forms] == ["特定目标类"] * 4 + ["其他运转类"]
    last = forms[4]
    assert {k: a.value for k, a in ((k, last.implementation.get(k)) for k in FUND_SOURCES) if a} == {
        "total": Decimal("10903043.00"),
        "fiscal": Decimal("10903043.00"),
        "other": Decimal("0.00"),
    }
    assert {k: a.value for k, a in ((k, last.annual.get(k)) for k in FUND_SOURCES) if a} == {
        "total": Decimal("10903043.00"),
        "fiscal": Decimal("11419043.00"),  # as printed: 516,000 more than the year's total
        "carryover": Decimal("0.00"),
        "other": Decimal("0.00"),
    }
    first = forms[3].indicators[:2]
    assert [(i.level1, i.level2, i.name, i.value) for i in first] == [
        ("产出指标", "数量指标", "成立社戒社康人员习得规范小组", ">6.00(次)"),
        ("产出指标", "数量指标", "开展特殊对象心理健康教育", "开展至少1次团体心理治疗"),
    ]
    assert forms[1].indicators[-1].level2 == "服务对象满意度指标"


def test_every_paired_form_label_passes_the_row_prefilter() -> None:
    """The form reader looks for label–value pairs only in rows that `_may_pair` lets through: a
    label added to `_PAIRED_LABELS` must pass it, or its rows would never be looked at."""
    assert all(_may_pair(f"x{label}y") for label in _PAIRED_LABELS)
    assert not _may_pair("项目名称就业援助基地补贴")


def test_wanlijiedao_2024_code_printed_without_its_leading_zero(shared_data: Path) -> None:
    """The package prints 津贴补贴 under 款 "2" (not "02"): 款 are two digits, so it is 30102."""
    d = package(shared_data, "rd05_shpt_wanlijiedao_2024_bmys")
    econ = d.table(TableKind.GENERAL_BASIC_ECON)
    assert econ is not None
    row = next(r for r in econ.rows if r.name == "津贴补贴")
    assert row.code == "30102" and row.value("total") == Decimal("16623810")
    assert next(r for r in econ.rows if r.name == "绩效工资").code == "30107"
    assert econ.by_code("301").value("total") == Decimal("88282511")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name",
    [
        "rd04_shpt_wanlijiedao_2023_bmys",
        "rd06_shpt_wanlijiedao_2025_bmys",
        "rd08_shpt_zhengfuban_2025_dwys",
        "rd10_shpt_shangwuwei_2025_dwys",
        "rd11_shpt_caizhengju_2025_bmys",
        "rd12_shpt_shehuifuliyuan_2024_dwys",
        "rd14_shpt_sifaju_2026_dwys",
        "rd15_sh_shicaizhengju_2025_dwys",
    ],
)
def test_other_budget_packages_read_their_nine_tables(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    assert {t.kind for t in d.tables} == NINE_KINDS
    assert d.document_type in (DocumentType.DEPARTMENT_BUDGET, DocumentType.UNIT_BUDGET)
    assert d.section(Topic.BUDGET_NOTES) is not None
    assert not [n for n in d.notes if n.code in ("unknown-table", "not-amount", "truncated")]
    for t in d.tables:
        if t.kind not in (TableKind.GOV_FUND_EXPENDITURE, TableKind.STATE_CAPITAL):
            assert not t.is_empty, t.title


@pytest.mark.parametrize(
    "name",
    ["rd01_shpt_caizhengju_2024_bmjs", "rd02_shpt_shehuigongzuobu_2024_bmjs", "rd03_shpt_guihuaziyuan_2024_bmjs"],
)
def test_final_accounts_are_recognised(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    assert d.document_type is DocumentType.DEPARTMENT_FINAL
    assert d.year == 2024
    kinds = {t.kind for t in d.tables}
    assert {TableKind.BUDGET_SUMMARY, TableKind.INCOME_SUMMARY, TableKind.EXPENDITURE_SUMMARY} <= kinds
    assert TableKind.GENERAL_BASIC_ECON in kinds and TableKind.THREE_PUBLIC in kinds


def test_final_accounts_three_public_has_budget_and_final(shared_data: Path) -> None:
    d = package(shared_data, "rd01_shpt_caizhengju_2024_bmjs")
    assert d.department == "上海市普陀区财政局"
    three = d.table(TableKind.THREE_PUBLIC)
    assert three is not None and three.column_keys() == ("budget", "final")
    reception = three.by_key("reception")
    assert reception is not None and reception.value("budget") == Decimal("0.95")
    income = d.table(TableKind.INCOME_SUMMARY)
    assert income is not None and income.unit.value == "万元"


def test_a_line_short_by_a_quote_carried_over_still_continues_its_paragraph(shared_data: Path) -> None:
    """rd01 p.23 ends a line with “三 and carries 公” to the next (a line cannot start with ”)."""
    d = package(shared_data, "rd01_shpt_caizhengju_2024_bmjs")
    texts = [p.text for s in d.sections for p in s.paragraphs]
    assert any(t.endswith("当年度无“三公”经费支出。") for t in texts)
    assert not any(t.startswith("公”经费") for t in texts)
