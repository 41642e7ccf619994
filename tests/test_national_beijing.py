"""Beijing 部门预算信息公开 (national corpus, bj_narrative_only): the file holds the 情况说明 only and its
报表 are a separate attachment. Each is read as a narrative-only package: recognised, said so once,
no missing-table or missing-绩效 error; the errors left are the three audited true in
tests/data/national_audit.md."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from yusuan import check, read
from yusuan.model import Disclosure, DocumentType, GovLevel, Severity, Topic

from .conftest import SHARED_DATA

NATIONAL = SHARED_DATA / "national"
FILES = [f"n{n:03d}_beijing.pdf" for n in range(24, 51)]
# the error findings audited true: (rule, page) per file
TRUE_ERRORS = {
    "n027_beijing.pdf": [("narrative.parts", 2), ("narrative.parts", 3)],
    "n035_beijing.pdf": [("narrative.change", 7)],
}


@cache
def package(name: str) -> Disclosure:
    return read(NATIONAL / name)


@cache
def manifest() -> dict[str, dict[str, object]]:
    data = json.loads((NATIONAL / "manifest.json").read_text(encoding="utf-8"))
    return {f["file"]: f for f in data["files"]}


@pytest.mark.parametrize("name", FILES)
def test_a_beijing_package_is_read_as_narrative_only(shared_data: Path, name: str) -> None:
    d = package(name)
    entry = manifest()[name]
    assert (d.document_type, d.department, d.year) == (DocumentType.DEPARTMENT_BUDGET, entry["unit"], 2026)
    assert (d.region, d.level) == ("北京市", GovLevel.PROVINCE)
    assert d.tables == ()
    (note,) = [n for n in d.notes if n.code == "narrative-only"]
    if name == "n027_beijing.pdf":  # the short variant names no attachment
        assert note.message == "本文件只有情况说明，没有报表"
    else:
        assert note.message.startswith("本文件只有情况说明，报表另行公开（附件：")
        assert note.message.endswith(("部门预算报表）", "部门预算批复公开表）"))
    assert [s.topic for s in d.sections][:3] == [Topic.INCOME, Topic.EXPENDITURE, Topic.THREE_PUBLIC]
    assert d.overview.duties


@pytest.mark.parametrize("name", FILES)
def test_a_beijing_package_has_no_error_but_the_audited_ones(shared_data: Path, name: str) -> None:
    report = check(package(name))
    errors = [(f.rule, f.location.page) for f in report.findings if f.severity is Severity.ERROR]
    assert errors == TRUE_ERRORS.get(name, [])
    assert not [f for f in report.findings if f.rule in ("complete.tables", "complete.sections")]
    assert [f.rule for f in report.findings if f.rule == "complete.narrative-only"] == ["complete.narrative-only"]


def test_n024_ground_truth(shared_data: Path) -> None:
    """北京市交通委员会: the figures of its 情况说明 as read by hand (pp. 6–9, 万元)."""
    d = package("n024_beijing.pdf")
    income = d.section(Topic.INCOME)
    assert income is not None and income.number == "二"
    money = [(f.value, f.label[-10:]) for f in income.figures if f.unit == "万元"]
    assert money[:3] == [
        (Decimal("1448787.35"), "2026年度收入预算"),
        (Decimal("1506121.45"), "2025年年初预算数"),
        (Decimal("57334.09"), "121.45万元减少"),
    ]
    assert (Decimal("1368602.75"), "一般公共预算拨款收入") in money
    three = d.section(Topic.THREE_PUBLIC)
    assert three is not None
    assert [f.value for f in three.figures if f.unit == "万元"][:3] == [
        Decimal("1328.22"),
        Decimal("419.84"),
        Decimal("166.98"),
    ]
    assert [g.term for g in d.glossary] == ["基本支出", "项目支出", "“三公”经费财政拨款预算数", "政府采购"]
    assert d.overview.duties is not None and d.overview.duties.startswith("北京市交通委员会是负责本市城乡交通统筹发展")
    # the 收费标准 table and the charts inside the 情况说明 are noted, not warned about
    assert [(n.code, n.source.page) for n in d.notes if n.code == "narrative-table"] == [
        ("narrative-table", 9),
        ("narrative-table", 10),
    ]
