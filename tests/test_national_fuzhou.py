"""Fuzhou 部门/单位预算 (fj_ordinal_10): a cover title broken over four lines, tables numbered "一、"
… "十、" above their printed title, bare page numbers between a table and its continuation."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.model import DocumentType

from .national import national


@pytest.mark.parametrize(
    ("name", "title", "kind", "unit"),
    [
        # "2026年度" / "福州市公安局治安管理" / "支队" / "单位预算"
        (
            "n128_fuzhou",
            "2026年度福州市公安局治安管理支队单位预算",
            DocumentType.UNIT_BUDGET,
            "福州市公安局治安管理支队",
        ),
        # "2026年度福州市商务局" / "部门预算"
        ("n129_fuzhou", "2026年度福州市商务局部门预算", DocumentType.DEPARTMENT_BUDGET, "福州市商务局"),
        ("n130_fuzhou", "2026年度福州市民政局(本级)单位预算", DocumentType.UNIT_BUDGET, "福州市民政局(本级)"),
    ],
)
def test_the_cover_names_type_year_and_unit(
    shared_data: Path, name: str, title: str, kind: DocumentType, unit: str
) -> None:
    d = national(name)
    assert (d.title, d.year, d.document_type, d.department) == (title, 2026, kind, unit)
