"""Round trips through the renderers: the sample → build (PDF, DOCX, XLSX) → extract gives back its
tables; from PDF and DOCX, the whole sample.

The table check compares names without white space (it began when a PDF's text layer lost the
sample's stray OCR spaces, "国有资本经营 预算支出"); the whole-package check is exact but for the
目录's page numbers, which are the layout's own (the sample's are those of the scanned original).
The exactness proof for built packages is tests/test_roundtrip_formats.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from yusuan.model import Disclosure, Period, Row
from yusuan.model.compare import without_sources
from yusuan.parse import read


def _rows(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    return tuple(replace(r, name=re.sub(r"\s+", "", r.name)) for r in without_sources(rows))


def _round_trip(sample: Disclosure, tmp_path: Path, fmt: str) -> Disclosure:
    from yusuan.render import render

    (path,) = render(sample, tmp_path, [fmt], "package")
    return read(path)


@pytest.mark.parametrize(("fmt", "reader"), [("pdf", "pdf"), ("docx", "docx"), ("xlsx", "xlsx")])
def test_sample_survives_build_and_extract(sample: Disclosure, tmp_path: Path, fmt: str, reader: str) -> None:
    back = _round_trip(sample, tmp_path, fmt)
    assert back.reader == reader
    assert [t.kind for t in back.tables] == [t.kind for t in sample.tables]
    for table in sample.tables:
        got = back.table(table.kind)
        assert got is not None
        assert got.unit == table.unit and got.column_keys() == table.column_keys(), table.title
        assert _rows(got.rows) == _rows(table.rows), table.title
    if fmt == "xlsx":
        return  # the workbook holds the tables only
    assert [s.topic for s in back.sections] == [s.topic for s in sample.sections]
    # Every stated figure comes back, in order. The rendered document also lists the project
    # forms by title and amount after the narrative, which reads as text of its last section.
    got = iter([(f.value, f.unit) for s in back.sections for f in s.figures])
    assert all(any(g == want for g in got) for want in [(f.value, f.unit) for s in sample.sections for f in s.figures])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_sample_parts_survive_build_and_extract(sample: Disclosure, tmp_path: Path, fmt: str) -> None:
    """Every part of the sample comes back exactly, but 十二's attached circular and its catalogue,
    which a package prints as an attachment after the narrative. That includes the project form
    whose 实施期 and 年度 halves list different indicators (the form prints them side by side,
    paired within each 一级, so the longer half keeps its extra rows)."""
    back = without_sources(_round_trip(sample, tmp_path, fmt))
    want = without_sources(sample)
    assert [e.title for e in back.toc] == [e.title for e in want.toc]
    assert (back.department, back.title, back.year, back.document_type) == (
        want.department,
        want.title,
        want.year,
        want.document_type,
    )
    assert back.overview == want.overview and back.glossary == want.glossary
    assert back.tables == want.tables
    assert back.sections[:11] == want.sections[:11] and back.sections[11].number == "十二"
    assert back.overall_forms == want.overall_forms
    assert (back.assets, back.procurement) == (want.assets, want.procurement)
    unequal = [k for k, (a, b) in enumerate(zip(want.project_forms, back.project_forms, strict=True)) if a != b]
    assert unequal == []
    odd = want.project_forms[10].indicators
    halves = [[i for i in odd if i.period is p] for p in (Period.IMPLEMENTATION, Period.ANNUAL)]
    assert [len(h) for h in halves] == [10, 11]  # the form really has unequal halves
