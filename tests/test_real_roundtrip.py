"""Real published packages, read from their PDFs, written out by the renderers and read again.

Whatever yusuan reads it must be able to write out without losing anything: a Shanghai 预算
package read from its PDF and rendered as Markdown, Word, Excel or PDF reads back to the same
tables, 情况说明, forms, 概况, 项目经费情况说明 and 目录 entries. (Sources differ, being places in another file.) The
决算 packages have their own test in test_final_accounts.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from yusuan.model import Disclosure, Period, RowRole, TableKind
from yusuan.model.compare import without_sources
from yusuan.parse import markdown_to_disclosure, read
from yusuan.parse.pdf_grid import TextRow, continues
from yusuan.render import render

from .conftest import real_package

BUDGETS = [
    "rd04_shpt_wanlijiedao_2023_bmys",  # five project forms in the Shanghai layout
    "rd05_shpt_wanlijiedao_2024_bmys",  # 部门预算 with a 项目经费情况说明
    "rd09_shpt_shangwuwei_2025_bmys",  # four 项目经费情况说明
    "rd13_shpt_sifaju_2026_bmys",  # the combined 三公 and 机关运行经费 table
]


@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize("name", BUDGETS)
def test_a_real_budget_survives_render_and_read(shared_data: Path, tmp_path: Path, name: str, fmt: str) -> None:
    want = without_sources(real_package(name))
    (path,) = render(real_package(name), tmp_path, [fmt], name)
    back = without_sources(read(path))
    assert [t.kind for t in back.tables] == [t.kind for t in want.tables]
    assert back.tables == want.tables
    assert back.sections == want.sections
    assert (back.project_forms, back.overall_forms) == (want.project_forms, want.overall_forms)
    assert back.overview == want.overview
    assert back.project_notes == want.project_notes and len(want.project_notes) >= 1
    # the 目录's entries (their page numbers are the new layout's)
    assert [entry.title for entry in back.toc] == [entry.title for entry in want.toc]


def test_the_combined_three_public_table_reads_back_as_its_two_tables(shared_data: Path, tmp_path: Path) -> None:
    """rd13 prints 三公 and 机关运行经费 in one table; written out they are two tables under that
    one title, and they read back as the same two kinds, their one column keyed `total` and the
    机关运行经费 figure the total of its table."""
    d = real_package("rd13_shpt_sifaju_2026_bmys")
    text = render(d, tmp_path, ["md"], "rd13")[0].read_text(encoding="utf-8")
    assert text.count("2026年部门“三公”经费和机关运行经费预算表") == 3  # the 目录 line and two tables
    back = markdown_to_disclosure(text, "rd13.md")
    three, org = back.table(TableKind.THREE_PUBLIC), back.table(TableKind.ORG_OPERATION)
    assert three is not None and org is not None
    assert three.column_keys() == org.column_keys() == ("total",)
    total = org.total()
    assert total is not None and total.role is RowRole.TOTAL and str(total.value("total")) == "217.83"


def test_a_section_without_a_number_is_printed_without_one(shared_data: Path, tmp_path: Path) -> None:
    """Shanghai's 编制说明 has no 一、: its heading prints as its title alone, not "、title"."""
    d = real_package("rd13_shpt_sifaju_2026_bmys")
    assert d.sections[0].number == "" and d.sections[0].heading == "2026年部门预算编制说明"
    text = render(d, tmp_path, ["md"], "rd13")[0].read_text(encoding="utf-8")
    assert "\n2026年部门预算编制说明\n" in text and "、2026年部门预算编制说明" not in text


def test_a_real_form_taller_than_a_page_renders_as_pdf(shared_data: Path, tmp_path: Path) -> None:
    """rd04's forms list over forty indicators under one 绩效指标 cell, taller than a page, which
    reportlab refused to lay out: the PDF now cuts that merged cell where the table must break,
    and the form runs on over the following pages."""
    d = real_package("rd04_shpt_wanlijiedao_2023_bmys")
    tall = max(d.project_forms, key=lambda f: len(f.indicators))
    assert len(tall.indicators) > 40
    (path,) = render(d, tmp_path, ["pdf"], "rd04")
    with pdfplumber.open(path) as pdf:
        pages = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    last = tall.indicators[-1].name.replace(" ", "")[:4]
    start = next(k for k, text in enumerate(pages) if "绩效指标" in text)
    assert any(last in text for text in pages[start + 1 :]), "the form's last indicator is on a later page"


def test_a_form_taller_than_a_page_reads_back_from_pdf(sample: Disclosure, tmp_path: Path) -> None:
    """A built package whose project form has sixty indicators: the PDF breaks the form across
    pages, and every indicator reads back with its 一级, 二级, value and period."""
    form = sample.project_forms[0]
    many = tuple(
        dataclasses.replace(i, name=f"{i.name}{k}")
        for k in range(1, 7)
        for i in form.indicators
        if i.level1 == "产出指标"
    )
    others = tuple(i for i in form.indicators if i.level1 != "产出指标")
    tall = dataclasses.replace(form, indicators=many + others)
    assert len(tall.indicators) >= 40
    package = dataclasses.replace(sample, project_forms=(tall,), overall_forms=())
    (path,) = render(package, tmp_path, ["pdf"], "tall")
    back = read(path)
    (read_form,) = [f for f in back.project_forms if f.name == form.name]
    got = [(i.level1, i.level2, i.name, i.value, i.period) for i in read_form.indicators]
    want = [(i.level1, i.level2, i.name, i.value, i.period) for i in tall.indicators]
    assert sorted(got, key=str) == sorted(want, key=str)
    assert {i.period for i in read_form.indicators} == {Period.IMPLEMENTATION, Period.ANNUAL}


def test_a_heading_is_not_joined_to_the_line_under_it() -> None:
    """A centred part title that ends well short of the margin is no wrapped line, even when the
    next line starts with a number ("2026年…"); a number that did not fit is (rd01 p.22)."""
    heading = TextRow("第三部分 2026年度部门预算情况说明", 158.5, 59.9, 436.8, 75.9, 16.0)
    title = TextRow("2026年部门预算编制说明", 56.7, 95.3, 204.9, 108.3, 13.0)
    assert not continues(heading, title, 56.7, 534.4)
    line = TextRow("…工作。年初预算为450.52万元，支出决算为", 72.0, 239.2, 501.0, 256.1, 12.0)
    number = TextRow("449.52万元。决算数小于预算数的主要原因", 72.0, 267.1, 513.0, 284.0, 13.0)
    assert continues(line, number, 72.0, 522.0)
    bracket = TextRow("…行政事业单位养老支出（款）行政单位离退休", 72.0, 300.0, 495.0, 316.0, 12.0)
    rest = TextRow("（项）。主要用于：退休人员经费支出。", 72.0, 322.9, 516.0, 339.7, 12.0)
    assert continues(bracket, rest, 72.0, 522.0)


def test_a_number_spaced_from_the_word_before_it_moves_with_that_word() -> None:
    """rd03 prints "完成年初预算的 98.65%": the writer cannot break at that space (the lines would
    join back without it), so "的 98.65%" goes to the next line whole and leaves this one short
    by its width. That is a wrapped line; a gap wider than the chunk is a paragraph's end."""
    line = TextRow("…支出决算为4416.67万元，完成年初预算", 72.0, 239.2, 467.0, 256.1, 10.5)
    chunk = TextRow("的 98.65%。决算数小于预算数的主要原因：严格贯彻", 72.0, 257.2, 520.0, 274.1, 10.5)
    assert continues(line, chunk, 72.0, 522.0)
    short = TextRow("…支出决算为4416.67万元，完成", 72.0, 239.2, 420.0, 256.1, 10.5)
    assert not continues(short, chunk, 72.0, 522.0)


def test_items_numbered_with_a_full_width_point_start_their_own_lines() -> None:
    """A 目录 written with leaders reaches the margin on every line; "4．2026年…" (ASCII digit,
    full-width point) numbers an item, so it is not the wrapped end of the line above it, while
    "4.5" would be a number carried over."""
    above = TextRow("3. 2026年部门支出预算总表......................................", 72.0, 100.0, 521.0, 112.0, 10.5)
    item = TextRow("4．2026年部门财政拨款收支预算总表..............................", 72.0, 118.0, 521.0, 130.0, 10.5)
    assert not continues(above, item, 72.0, 522.0)
    decimal = TextRow("4.5万元。", 72.0, 118.0, 120.0, 130.0, 10.5)
    assert continues(above, decimal, 72.0, 522.0)


def test_a_paragraph_runs_on_over_a_page_break_past_the_page_number(shared_data: Path, tmp_path: Path) -> None:
    """rd13's 编制说明 written as PDF: a paragraph breaks at the foot of a page, under which the
    footer prints "— 13 —". The page number is page furniture, not the end of the paragraph, so
    every paragraph of the 情况说明 reads back whole."""
    d = real_package("rd13_shpt_sifaju_2026_bmys")
    (path,) = render(d, tmp_path, ["pdf"], "rd13")
    back = read(path)
    assert without_sources(back.sections) == without_sources(d.sections)
    assert any("2026年预算安排0.64万元" in p.text for s in back.sections for p in s.paragraphs)
