"""Round trip: ledger → Disclosure → markdown → `yusuan extract` gives back the same Disclosure, and
`yusuan check` finds nothing wrong in a built package. On the example ledger and on random ledgers."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from yusuan.checks import check
from yusuan.ledger import read_ledger
from yusuan.model import Disclosure, Period, RowRole, Severity, TableKind
from yusuan.model.compare import without_sources
from yusuan.parse import markdown_to_disclosure
from yusuan.render.forms import indicator_pairs
from yusuan.render.markdown import disclosure_to_markdown
from yusuan.views import ledger_to_disclosure

from .conftest import THREE_PUBLIC_KEYS
from .ledgers import ledgers

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"


def differences(a: Any, b: Any, path: str = "disclosure") -> list[str]:
    """Where two model values differ (the first few), as readable paths."""
    if a == b:
        return []
    if dataclasses.is_dataclass(a) and type(a) is type(b):
        found = []
        for f in dataclasses.fields(a):
            found += differences(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
        return found
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{path}[{i}]")]
    return [f"{path}: built {a!r:.200} read {b!r:.200}"]


def read_back(built: Disclosure) -> Disclosure:
    return markdown_to_disclosure(disclosure_to_markdown(built), "built.md")


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return ledger_to_disclosure(read_ledger(EXAMPLE))


def test_example_reads_back_the_same(example: Disclosure) -> None:
    back = read_back(example)
    assert back.notes == ()
    assert differences(without_sources(example), without_sources(back)) == []
    # and the comparison can fail: a changed cell is seen
    t1 = example.tables[0]
    changed_row = dataclasses.replace(t1.rows[0], values=(("amount", Decimal("1.00")),))
    changed = dataclasses.replace(
        example, tables=(dataclasses.replace(t1, rows=(changed_row, *t1.rows[1:])), *example.tables[1:])
    )
    assert differences(without_sources(changed), without_sources(back)) != []


def test_example_read_back_has_every_part(example: Disclosure) -> None:
    back = read_back(example)
    assert [t.number for t in back.tables] == list(range(1, 14))
    assert len(back.sections) == 12 and len(back.glossary) == 12
    assert len(back.project_forms) == 29 and len(back.overall_forms) == 1
    assert back.assets is not None and back.procurement is not None


def unexpected(d: Disclosure) -> list[str]:
    return [f"{f.severity} {f.rule}: {f.message}" for f in check(d).findings if f.severity is not Severity.INFO]


def test_example_package_passes_check(example: Disclosure) -> None:
    assert unexpected(example) == []
    assert unexpected(read_back(example)) == []


def test_check_would_see_a_broken_built_package(example: Disclosure) -> None:
    """The check test can fail: a 表3 total moved by 1 万元 is an error."""
    t3 = example.table(TableKind.EXPENDITURE_SUMMARY)
    assert t3 is not None
    rows = tuple(
        dataclasses.replace(r, values=tuple((k, (v or Decimal(0)) + 1 if k == "total" else v) for k, v in r.values))
        if r.role is RowRole.TOTAL
        else r
        for r in t3.rows
    )
    broken = dataclasses.replace(
        example, tables=tuple(dataclasses.replace(t, rows=rows) if t is t3 else t for t in example.tables)
    )
    assert any(line.startswith("error") for line in unexpected(broken))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_read_back_the_same(ledger: Any) -> None:
    built = ledger_to_disclosure(ledger)
    back = read_back(built)
    assert back.notes == ()
    assert differences(without_sources(built), without_sources(back)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_pass_check(ledger: Any) -> None:
    assert unexpected(ledger_to_disclosure(ledger)) == []


# ---------------------------------------------------------------------------------------------
# regression: what the reader once read wrong in a built package


EMPTY_THREE_PUBLIC = """\
预算公开表10

2026年财政拨款安排“三公”经费支出预算表

部门名称：测试县测试局

单位：万元

| 项目 | 2026年预算数 |  |  |  |
|---|---|---|---|---|
|  | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 |
| 因公出国（境）费 |  |  |  |  |
| 公务接待费 |  |  |  |  |
| 公务用车购置及运行费 |  |  |  |  |
| ①公务用车购置费 |  |  |  |  |
| ②公务用车运行维护费 |  |  |  |  |
| 合计 |  |  |  |  |

注：本表无数据
"""


def test_empty_three_public_table_keeps_its_rows() -> None:
    """A “三公” table with every cell blank is the usual layout, not a combined Shanghai table."""
    d = markdown_to_disclosure(EMPTY_THREE_PUBLIC, "t.md")
    table = d.table(TableKind.THREE_PUBLIC)
    assert table is not None
    assert [r.key for r in table.rows] == THREE_PUBLIC_KEYS
    assert [c.key for c in table.columns] == ["total", "general", "gov_fund", "state_capital"]
    assert table.empty_note == "注：本表无数据" and table.is_empty


OVERALL_WITHOUT_LAST_YEAR = """\
测试县测试局县级预算部门（单位）整体支出绩效目标申报表

（2026年度）

| 部门(单位)名称 | 测试县测试局 |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|
| 资金管理 | 投入情况 | 支出预算(万元) | 名称 | 上年度预算 | 上年度决算 | 本年度申请资金 |  |
|  |  |  | 合计 |  |  | 12.00 |  |
|  |  |  | 1 基本支出 | 8.00 |  | 10.00 |  |
"""


def test_overall_form_amounts_stay_under_their_headers() -> None:
    """A blank 上年度预算 or 上年度决算 does not move the amounts after it into its column."""
    text = "第三部分 2026年度部门预算情况说明\n\n十、绩效管理情况\n\n" + OVERALL_WITHOUT_LAST_YEAR
    form = markdown_to_disclosure(text, "t.md").overall_forms[0]
    total, basic = form.funds
    assert (total.last_budget, total.last_final) == (None, None)
    assert total.requested is not None and total.requested.value == Decimal("12.00")
    assert basic.last_budget is not None and basic.last_budget.value == Decimal("8.00")
    assert basic.last_final is None and basic.requested is not None and basic.requested.value == Decimal("10.00")


def test_sample_forms_read_back_the_same(sample: Disclosure) -> None:
    """The bundled OCR sample read → markdown → read gives back its forms exactly, the project form
    whose 实施期 and 年度 halves list different indicators included: they are paired within each
    一级, so the longer half keeps its extra row, printed under the other half's blank cells."""
    text = disclosure_to_markdown(sample)
    back = markdown_to_disclosure(text, "sample.md")
    want, got = without_sources(sample), without_sources(back)
    assert differences(want.project_forms, got.project_forms, "project_forms") == []
    assert differences(want.overall_forms, got.overall_forms, "overall_forms") == []
    odd = want.project_forms[10]
    halves = [[i for i in odd.indicators if i.period is p] for p in (Period.IMPLEMENTATION, Period.ANNUAL)]
    assert [len(h) for h in halves] == [10, 11]
    assert "|  |  |  |  |  |  | 公益性岗位补贴 | 原则上不高于当地最低工资标准 |" in text.splitlines()


def test_a_longer_implementation_half_reads_back(sample: Disclosure) -> None:
    """The mirror of the sample's unequal form: with its periods swapped the 实施期 half has the
    extra 成本指标 indicator, printed in a row whose 年度 half is blank (the reader once split
    such a row's name and value between the two halves)."""
    form = sample.project_forms[10]
    swap = {Period.IMPLEMENTATION: Period.ANNUAL, Period.ANNUAL: Period.IMPLEMENTATION}
    swapped = [dataclasses.replace(i, period=swap[i.period]) for i in form.indicators]
    printed = tuple(i for pair in indicator_pairs(swapped) for i in pair if i is not None)
    mirrored = dataclasses.replace(sample, project_forms=(dataclasses.replace(form, indicators=printed),))
    text = disclosure_to_markdown(mirrored)
    assert "|  |  |  | 公益性岗位补贴 | 原则上不高于当地最低工资标准 |  |  |  |" in text.splitlines()
    back = markdown_to_disclosure(text, "mirrored.md")
    assert differences(without_sources(mirrored.project_forms), without_sources(back.project_forms)) == []


@pytest.mark.parametrize("kept", [Period.IMPLEMENTATION, Period.ANNUAL])
def test_a_level1_printed_in_one_half_only_reads_back(sample: Disclosure, kept: Period) -> None:
    """A 一级 whose indicators only one half lists (满意度指标 kept on one side of the sample's
    first form): its rows leave the other half blank, and the reader puts them in the half whose
    columns hold them (it once read a 年度-only 二级 row as 实施期)."""
    form = sample.project_forms[0]
    indicators = tuple(i for i in form.indicators if i.level1 != "满意度指标" or i.period is kept)
    one_sided = dataclasses.replace(sample, project_forms=(dataclasses.replace(form, indicators=indicators),))
    back = markdown_to_disclosure(disclosure_to_markdown(one_sided), "one-sided.md")
    assert [i.period for i in back.project_forms[0].indicators if i.level1 == "满意度指标"] == [kept]
    assert differences(without_sources(one_sided.project_forms), without_sources(back.project_forms)) == []
