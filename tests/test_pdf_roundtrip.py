"""Round trips through the renderers: the sample → build (PDF, DOCX, XLSX) → extract gives back its tables.

Names are compared without white space: the sample's OCR text has stray spaces inside a few
names ("国有资本经营 预算支出"), which a PDF's text layer does not keep as it was typed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from yusuan.model import Disclosure, Row
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
