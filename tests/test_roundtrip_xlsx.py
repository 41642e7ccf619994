"""Round trip through Excel: ledger → Disclosure → XLSX workbook → `yusuan extract` gives back the
same Disclosure, on the example ledger and on random ledgers; and the workbook's sheets are the
parts of the package in their printed order."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from yusuan.ledger import read_ledger
from yusuan.model import Disclosure, Period, ProjectNote, Source
from yusuan.model.compare import without_sources
from yusuan.parse import read
from yusuan.render.xlsx import render_xlsx
from yusuan.views import ledger_to_disclosure

from .ledgers import ledgers
from .test_roundtrip import differences

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"


def read_back(built: Disclosure, path: Path) -> Disclosure:
    render_xlsx(built, path)
    return read(path)


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return ledger_to_disclosure(read_ledger(EXAMPLE))


@pytest.fixture(scope="module")
def example_xlsx(example: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "example.xlsx"
    render_xlsx(example, path)
    return path


def test_example_reads_back_the_same(example: Disclosure, example_xlsx: Path) -> None:
    back = read(example_xlsx)
    assert back.reader == "xlsx" and back.notes == ()
    assert differences(without_sources(example), without_sources(back)) == []


def test_example_read_back_has_every_part(example_xlsx: Path) -> None:
    back = read(example_xlsx)
    assert [t.number for t in back.tables] == list(range(1, 14))
    assert len(back.toc) == 33 and back.title == "2026年度部门预算公开"
    assert back.overview.internal_count == 27 and back.overview.units == ("创业就业服务中心", "医保中心", "社保中心")
    assert len(back.sections) == 12 and len(back.glossary) == 12
    assert len(back.project_forms) == 29 and len(back.overall_forms) == 1
    assert back.overall_forms[0].signature.date == "20260126"
    assert back.assets is not None and back.procurement is not None


def test_sources_name_the_sheet_and_row(example_xlsx: Path) -> None:
    """Sources point at the sheet (page) and row (line) a value was read from."""
    back = read(example_xlsx)
    book = openpyxl.load_workbook(example_xlsx, read_only=True)
    names = book.sheetnames
    book.close()
    assert names[:3] == ["封面", "目录", "概况"] and names[3:16] == [
        f"表{t.number} {t.kind.label}" for t in back.tables
    ]
    assert names[16:] == ["情况说明", "整体支出绩效目标表", "项目支出绩效目标表", "名词解释"]
    form = back.project_forms[3]
    assert names[(form.source.page or 0) - 1] == "项目支出绩效目标表"
    section = back.sections[9]
    assert names[(section.source.page or 0) - 1] == "情况说明" and section.source.line is not None
    assert names[(back.glossary[0].source.page or 0) - 1] == "名词解释"


def test_a_changed_form_cell_is_read_as_changed(example: Disclosure, tmp_path: Path) -> None:
    """The comparison can fail: an indicator value edited in the workbook reads back edited."""
    path = tmp_path / "edited.xlsx"
    render_xlsx(example, path)
    book = openpyxl.load_workbook(path)
    ws = book["项目支出绩效目标表"]
    target = next(c for row in ws.iter_rows() for c in row if c.value == "≥98%")
    target.value = "≥97%"
    book.save(path)
    found = differences(without_sources(example), without_sources(read(path)))
    assert len(found) == 1 and "project_forms[0].indicators[0]" in found[0] and "≥97%" in found[0]


def test_text_that_looks_like_a_formula_stays_text(example: Disclosure, tmp_path: Path) -> None:
    """Values that Excel would take for formulas ("=10个") are written and read back as text."""
    form = example.project_forms[0]
    indicators = tuple(
        dataclasses.replace(i, value="=10个") if i.name == form.indicators[0].name else i for i in form.indicators
    )
    changed = dataclasses.replace(form, indicators=indicators, goal_annual="=按期完成")
    built = dataclasses.replace(example, project_forms=(changed, *example.project_forms[1:]))
    back = read_back(built, tmp_path / "x.xlsx")
    assert back.project_forms[0].goal_annual == "=按期完成"
    assert [i.value for i in back.project_forms[0].indicators[:2]] == ["=10个", "=10个"]
    assert differences(without_sources(built), without_sources(back)) == []


def test_sample_package_reads_back_the_same(sample: Disclosure, tmp_path: Path) -> None:
    """The bundled sample (read from its OCR markdown) through a workbook: 目录 with page numbers,
    both attached documents with their 276-row catalogue, 26 project forms, one of which prints
    one more 年度 indicator than 实施期 ones (its halves do not pair up row by row)."""
    back = read_back(sample, tmp_path / "sample.xlsx")
    assert len(back.attachments) == 2 and len(back.attachments[1].catalog) == 276
    assert back.toc[0].page == 1 and back.notes == ()
    unequal = back.project_forms[10].indicators
    assert (
        sum(i.period is Period.ANNUAL for i in unequal) == sum(i.period is Period.IMPLEMENTATION for i in unequal) + 1
    )
    assert differences(without_sources(sample), without_sources(back)) == []


def test_project_notes_read_back(example: Disclosure, tmp_path: Path) -> None:
    """项目经费情况说明 (Shanghai packages) have a sheet of their own and read back."""
    note = ProjectNote(
        "人民调解",
        "人民调解项目经费情况说明",
        (("项目概述", "用于全区人民调解工作。"), ("年度预算安排", "2026年预算安排795万元。")),
        Decimal("795"),
        "万元",
        example.overview.source or Source("x"),
    )
    built = dataclasses.replace(example, project_notes=(note,))
    back = read_back(built, tmp_path / "notes.xlsx")
    assert without_sources(back.project_notes) == without_sources(built.project_notes)
    assert differences(without_sources(built), without_sources(back)) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ledgers())
def test_random_ledgers_read_back_the_same(tmp_path_factory: pytest.TempPathFactory, ledger: Any) -> None:
    built = ledger_to_disclosure(ledger)
    back = read_back(built, tmp_path_factory.mktemp("random") / "x.xlsx")
    assert back.notes == ()
    assert differences(without_sources(built), without_sources(back)) == []
