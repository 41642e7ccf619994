"""Guangzhou 部门预算 (gd_zongti_12): rules drawn as thin filled paths, "表N" above the title, a
收入总体情况表 listed by unit, 第三部分 情况说明 after the tables."""

from __future__ import annotations

from pathlib import Path

from yusuan.model import DocumentType, Topic

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
