"""The bundled sample read end to end: a golden JSON compared field by field, every table cell
against the raw markdown, and hand-checked values from the published package."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yusuan.export.json import disclosure_to_dict, dumps, loads
from yusuan.model import Disclosure, RowRole, Side, TableKind, Topic
from yusuan.parse import markdown_to_disclosure
from yusuan.text import parse_amount

from .conftest import SAMPLE, THREE_PUBLIC_KEYS

D = Decimal
GOLDEN = Path(__file__).resolve().parent / "golden" / "wenshui.json"
NAME = "examples/wenshui-rsj-2026-budget.md"
UPDATE = os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def d() -> Disclosure:
    return markdown_to_disclosure(SAMPLE.read_text(encoding="utf-8"), NAME)


def _diff(expected: Any, actual: Any, path: str, out: list[str]) -> None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected.keys() | actual.keys():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            elif key not in expected:
                out.append(f"{path}.{key}: unexpected {actual[key]!r:.80}")
            else:
                _diff(expected[key], actual[key], f"{path}.{key}", out)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append(f"{path}: {len(actual)} items, expected {len(expected)}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            _diff(e, a, f"{path}[{i}]", out)
    elif expected != actual:
        out.append(f"{path}: {actual!r:.80} != expected {expected!r:.80}")


def test_golden_json_field_by_field(d: Disclosure) -> None:
    actual = disclosure_to_dict(d)
    if UPDATE or not GOLDEN.exists():
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differences: list[str] = []
    _diff(expected, actual, "$", differences)
    assert not differences, "\n".join(differences[:40])


def test_the_json_reads_back_into_the_same_disclosure(d: Disclosure) -> None:
    """Every field the JSON holds, and only those, rebuilds the Disclosure: amounts, sources, the
    forms' field sources and funding splits included."""
    assert loads(dumps(d)) == d


def test_every_amount_cell_of_every_table_is_read_from_its_line(d: Disclosure) -> None:
    """An oracle independent of the reader's table logic: the amounts on each printed line."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    for table in d.tables:
        rows_by_line: dict[int, list[Decimal]] = {}
        for row in table.rows:
            rows_by_line.setdefault(row.source.line, []).extend(v for _, v in row.values if v is not None)
        for number, values in rows_by_line.items():
            cells = [c.strip() for c in lines[number - 1].strip().strip("|").split("|")]
            printed = []
            for cell in cells[1:]:
                try:
                    value = parse_amount(cell)
                except ValueError:
                    continue
                if value is not None:
                    printed.append(value)
            assert sorted(values) == sorted(printed), f"{table.label} line {number}: {cells}"
    # and no printed amount line of a table was left out
    assert sum(len(t.rows) for t in d.tables) == 275


def test_tables_kinds_numbers_units(d: Disclosure) -> None:
    assert [(t.kind.value, t.number, t.unit.value) for t in d.tables] == [
        (k, i, "万元")
        for i, k in enumerate(
            [
                "budget_summary",
                "income_summary",
                "expenditure_summary",
                "fiscal_summary",
                "general_expenditure",
                "general_basic_econ",
                "gov_fund_income",
                "gov_fund_expenditure",
                "state_capital",
                "three_public",
                "org_operation",
                "project_current",
                "project_carryover",
            ],
            start=1,
        )
    ]
    assert [t.empty_note for t in d.tables[6:9]] == ["注：本表无数据"] * 3


def test_budget_summary_both_sides(d: Disclosure) -> None:
    t1 = d.table(TableKind.BUDGET_SUMMARY)
    assert t1.by_key("general", Side.INCOME).value("amount") == D("3598.49")
    assert t1.by_key("carryover", Side.INCOME).value("amount") == D("177.75")
    assert t1.grand_total(Side.INCOME).value("amount") == D("3776.24")
    expenditure = [r for r in t1.rows if r.side is Side.EXPENDITURE and r.role is RowRole.ITEM and r.code]
    assert len(expenditure) == 30  # all 30 function 类 rows, printed or blank
    assert t1.by_code("208").values == (("total", D("3057.63")), ("current", D("2907.10")), ("carryover", D("150.53")))
    assert t1.by_code("210").value("carryover") == D("27.22")
    assert t1.by_code("223").name == "二十二、国有资本经营 预算支出"


def test_fiscal_summary_carryover_split(d: Disclosure) -> None:
    t4 = d.table(TableKind.FISCAL_SUMMARY)
    assert t4.by_key("carryover", Side.INCOME).value("amount") == D("177.75")
    assert t4.by_key("carryover_general", Side.INCOME).value("amount") == D("177.75")
    assert t4.grand_total(Side.EXPENDITURE).value("general") == D("3776.24")


def test_income_and_expenditure_tables(d: Disclosure) -> None:
    t2 = d.table(TableKind.INCOME_SUMMARY)
    assert t2.by_code("2080701").value("total") is None
    assert t2.by_code("2080701").value("carryover") == D("0.01")
    assert t2.by_code("2089999").parent == t2.rows.index(t2.by_code("20899"))  # across the page break
    t3 = d.table(TableKind.EXPENDITURE_SUMMARY)
    assert t3.total().values == (("total", D("3776.24")), ("basic", D("1979.95")), ("project", D("1796.29")))
    t5 = d.table(TableKind.GENERAL_EXPENDITURE)
    assert t5.total().value("project") == D("1618.54")


def test_basic_by_economic_class(d: Disclosure) -> None:
    t6 = d.table(TableKind.GENERAL_BASIC_ECON)
    assert t6.total().values == (("total", D("1979.95")), ("personnel", D("1864.02")), ("public", D("115.93")))
    assert [r.name for r in t6.rows if r.level == 1] == [
        "工资福利支出",
        "商品和服务支出",
        "对个人和家庭的补助",
        "资本性支出",
    ]
    vehicle = [r for r in t6.rows if r.code == "30231"]
    assert [r.value("public") for r in vehicle] == [D("4.00"), D("2.00")]
    assert [r.text("gov_econ") for r in t6.rows if r.code == "31002"] == ["设备购置", "资本性支出"]


def test_three_public_and_org_operation(d: Disclosure) -> None:
    t10 = d.table(TableKind.THREE_PUBLIC)
    assert [r.key for r in t10.rows] == THREE_PUBLIC_KEYS
    assert t10.by_key("vehicle_operation").value("general") == D("6.00")
    assert t10.total().value("total") == D("6.00")
    t11 = d.table(TableKind.ORG_OPERATION)
    assert [(r.name, r.role, r.value("total")) for r in t11.rows] == [
        ("部门合计", RowRole.TOTAL, D("68.78")),
        ("文水县人力资源和社会保障局", RowRole.ITEM, D("68.78")),
    ]


def test_project_tables_hierarchy(d: Disclosure) -> None:
    t12 = d.table(TableKind.PROJECT_CURRENT)
    units = [(r.name, r.value("total")) for r in t12.rows if r.level == 2]
    assert units == [
        ("文水县人力资源和社会保障局", D("1141.35")),
        ("文水县社会保险中心", D("51.74")),
        ("文水县医疗保险服务中心", D("425.45")),
    ]
    assert len([r for r in t12.rows if r.level == 3]) == 30
    last = t12.rows[-1]  # across the page break, under 医疗保险服务中心
    assert (last.name, last.value("total"), t12.rows[last.parent].name) == (
        "2026年工作经费",
        D("1.00"),
        "文水县医疗保险服务中心",
    )
    t13 = d.table(TableKind.PROJECT_CARRYOVER)
    assert [(r.level, r.value("total")) for r in t13.rows] == [
        (1, D("177.75")),
        (2, D("155.25")),
        (3, D("16.65")),
        (3, D("1.78")),
        (3, D("4.72")),
        (3, D("82.10")),
        (3, D("50.00")),
        (2, D("22.50")),
        (3, D("22.50")),
    ]


def test_header_and_overview(d: Disclosure) -> None:
    assert (d.department, d.year, d.document_type.value, d.level.value, d.region) == (
        "文水县人力资源和社会保障局",
        2026,
        "department_budget",
        "county",
        "文水县",
    )
    o = d.overview
    assert o.nature == "行政单位" and o.budget_level == "一级预算单位"
    assert o.units == ("创业就业服务中心", "医保中心", "社保中心")
    assert o.internal_count == 27 and len(o.internal_names) == 13 and o.vehicles == 3
    assert len(d.toc) == 33 and d.toc[-1].title == "第四部分 名词解释" and d.toc[-1].page == 70


def test_narrative_sections_and_figures(d: Disclosure) -> None:
    topics = [s.topic for s in d.sections]
    assert topics == [
        Topic.CHANGES,
        Topic.INCOME,
        Topic.EXPENDITURE,
        Topic.FISCAL,
        Topic.GENERAL,
        Topic.GENERAL_BASIC,
        Topic.THREE_PUBLIC,
        Topic.ORG_OPERATION,
        Topic.PROCUREMENT,
        Topic.PERFORMANCE,
        Topic.ASSETS,
        Topic.OTHER,
    ]
    income = d.section(Topic.INCOME)
    assert [(f.label, f.value, f.unit) for f in income.figures if f.unit == "%"] == [
        ("占", D("95.29"), "%"),
        ("占", D("0"), "%"),
        ("占", D("0"), "%"),
        ("占", D("0"), "%"),
        ("占", D("0"), "%"),
        ("占", D("4.71"), "%"),
    ]
    org = d.section(Topic.ORG_OPERATION)
    assert [(f.label[-4:], f.value) for f in org.figures][1:3] == [("预算增加", D("0.23")), ("增长", D("0.34"))]
    assert sum(len(s.figures) for s in d.sections) == 115
    assert (
        d.procurement.total.value,
        d.procurement.goods.value,
        d.procurement.works.value,
        d.procurement.services.value,
    ) == (
        D("20.11"),
        D("12.01"),
        D("0"),
        D("8.10"),
    )
    a = d.assets
    assert (a.as_of, a.vehicles_quota.value, a.vehicles.value, a.office_area.value) == ("2026年1月27日", 3, 3, 521)
    assert [label for label, _ in a.equipment] == ["50万元以上通用设备", "100万元以上通用设备"]


ANNUAL_TOTALS = [  # 年度资金总额 (元) of the 26 project forms, in printed order
    "1000083.56", "300000.00", "350000.00", "11579.00", "11769.00", "2652.00", "44000.00", "190000",
    "250000", "5000", "4900000", "6528", "360900", "5000", "145000", "197600", "20000", "100000",
    "100000", "8905", "694656", "1000000", "9000", "13000", "1596400", "514900",
]  # fmt: skip


def test_project_forms(d: Disclosure) -> None:
    forms = d.project_forms
    assert [f.annual.total.value for f in forms] == [D(x) for x in ANNUAL_TOTALS]
    assert [f.year_label for f in forms].count(2025) == 7
    assert {f.department_code for f in forms} == {"009", "000", "001", "09"}
    assert forms[1].name == "2026年中央财政医疗服务与保障能力提升补助资金(医疗保障服务能力建设部分)"
    assert forms[24].annual.provincial.value == D("1596400") and forms[24].annual.central.value == D("0")
    assert all(f.indicators for f in forms)


def test_every_form_text_field_keeps_the_line_it_was_read_from(d: Disclosure) -> None:
    """A form's name, units, attribute, texts, goals and signature each point at their own row
    (lines as in examples/wenshui-rsj-2026-budget.md), not only at the form's title."""
    first = d.project_forms[0]
    assert {path: s.line for path, s in first.field_sources} == {
        "name": 623,
        "department": 624,
        "implementing_unit": 624,
        "attribute": 625,
        "duration": 625,
        "texts.项目概况": 635,
        "texts.立项依据": 636,
        "texts.项目设立必要性": 637,
        "texts.保证项目实施的制度、措施": 638,
        "texts.项目实施计划": 639,
        "goal_implementation": 641,
        "goal_annual": 641,
        "signature.handler": 655,
        "signature.phone": 655,
        "signature.date": 655,
    }
    assert first.source.line == 617 and first.source_of("signature.responsible").line == 617  # blank: the form
    # a form whose 主管部门 row was misread as 主管单位(主管部门): the unit is still placed
    unit = next(f for f in d.project_forms if f.implementing_unit == "文水县医疗保障服务中心")
    assert unit.source_of("implementing_unit").line == 1361
    (overall,) = d.overall_forms
    assert overall.source_of("department").line == 581 and overall.source_of("facts.内设机构数").line == 582
    assert all(s.line is not None for f in d.project_forms for _, s in f.field_sources)


def test_overall_form(d: Disclosure) -> None:
    (form,) = d.overall_forms
    assert form.year_label == 2026 and form.department == "文水县人力资源和社会保障局"
    assert form.fact("内设机构数") == "20" and form.fact("实有在编人数") == "145"
    assert [(f.name, f.requested.value) for f in form.funds] == [
        ("合计", D("3598.49")),
        ("1 基本支出", D("1979.96")),
        ("2 项目支出", D("1618.53")),
    ]
    assert (form.signature.responsible, form.signature.date) == ("张玉和", "20260126")


def test_glossary_and_attachments(d: Disclosure) -> None:
    assert [g.term for g in d.glossary][:4] == ["基本支出", "项目支出", "“三公”经费", "机关运行经费"]
    assert d.glossary[5].definition.startswith("专指教育收费")  # definition on the line after its term
    assert len(d.glossary) == 12
    circular = d.attachments[1]
    assert circular.doc_number == "晋财综〔2022〕67号"
    codes = [r.code for r in circular.catalog]
    assert len(codes) == 276 and codes[:4] == ["A", "A01", "A0101", "A010101"]
    assert {r.group for r in circular.catalog[:5]} == {"政法委员会"}
    assert all(r.level == len(re.sub(r"\d", "", r.code)) + (len(r.code) - 1) // 2 for r in circular.catalog)


def test_reader_notes_are_only_true_ones(d: Disclosure) -> None:
    assert [(n.code, n.message) for n in d.notes] == []
