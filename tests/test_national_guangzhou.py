"""Guangzhou 部门预算 (gd_zongti_12): rules drawn as thin filled paths, "表N" above the title, a
收入总体情况表 listed by unit, 第三部分 情况说明 after the tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.checks import check
from yusuan.model import DocumentType, RowRole, Severity, TableKind, Topic

from .national import national


def test_the_cover_and_the_narrative(shared_data: Path) -> None:
    d = national("n084_guangzhou")
    # the cover prints "2026年" over "广州市人民政府办公厅部门预算"
    assert (d.title, d.year, d.document_type, d.department) == (
        "2026年广州市人民政府办公厅部门预算",
        2026,
        DocumentType.DEPARTMENT_BUDGET,
        "广州市人民政府办公厅",
    )
    assert [s.topic for s in d.sections][:5] == [
        Topic.OTHER,  # 一、部门预算收支增减变化情况
        Topic.THREE_PUBLIC,
        Topic.ORG_OPERATION,
        Topic.PROCUREMENT,
        Topic.ASSETS,
    ]


def test_the_三公_paragraph_is_read_as_its_list_and_raises_nothing(shared_data: Path) -> None:
    # "…“三公”经费226.86万元…其中：因公出国（境）费215.6万元…；公务用车购置及运行维护费0万元（…。）…；
    # 公务接待费11.26万元": 215.6 + 0 + 11.26 = 226.86 (pp. 24–25)
    d = national("n084_guangzhou")
    narrative = [f for f in check(d).findings if f.rule.startswith("narrative.") and f.severity is not Severity.INFO]
    assert narrative == []


def test_表8_is_the_三公_table_and_the_机关运行经费_row_beside_it(shared_data: Path) -> None:
    # p17: 行政经费 1,443.41 (the glossary: 行政经费（机关运行经费）); “三公”经费 226.86 = 215.60 + 0.00 + 11.26
    d = national("n084_guangzhou")
    three, org = d.table(TableKind.THREE_PUBLIC), d.table(TableKind.ORG_OPERATION)
    assert three is not None and org is not None and (three.number, org.number) == (8, 8)
    assert [(r.key, r.role, r.amount("total")) for r in three.rows] == [
        (None, RowRole.TOTAL, Decimal("226.86")),
        ("abroad", RowRole.ITEM, Decimal("215.60")),
        ("vehicle", RowRole.ITEM, Decimal("0.00")),
        ("vehicle_purchase", RowRole.ITEM, Decimal("0.00")),
        ("vehicle_operation", RowRole.ITEM, Decimal("0.00")),
        ("reception", RowRole.ITEM, Decimal("11.26")),
    ]
    assert [(r.name, r.role, r.amount("total")) for r in org.rows] == [("行政经费", RowRole.TOTAL, Decimal("1443.41"))]
    assert not [f for f in check(d).findings if f.rule == "total.three-public" and f.severity is Severity.ERROR]


def test_a_row_numbered_in_the_类_series_is_no_款_of_the_类_above(shared_data: Path) -> None:
    # n101 表1 (pp6–7): "二十三、其他支出 26,179.06" then "二十四、对附属单位补助支出 0.00" and
    # "二十五、上缴上级支出 0.00", no codes: siblings of 229, not its 款 and 项
    d = national("n101_guangzhou")
    t1 = d.tables[0]
    other = next(i for i, r in enumerate(t1.rows) if r.code == "229")
    assert t1.rows[other].amount("col4") == Decimal("26179.06")
    below = [(r.name, r.parent) for r in t1.rows[other + 1 : other + 3]]
    assert below == [("二十四、对附属单位补助支出", None), ("二十五、上缴上级支出", None)]
    assert [f for f in check(d).findings if f.severity is Severity.ERROR] == []
