"""Scanned pages of a real package: turned, skewed and noisy scans read back by OCR.

Two table pages of 上海市普陀区司法局 2026年部门预算 (shared/data/real_pdfs/rd13) are rendered at
150 dpi, turned, skewed, blurred and speckled (`simulate.scan_like`) and written as an image-only
PDF. The PDF's own text layer is the truth: every number in its table cells must come back.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from yusuan.checks import check
from yusuan.parse import reading_to_disclosure
from yusuan.parse.blocks import TableBlock, TableLine
from yusuan.parse.ocr import OcrOptions, OcrPage, pages_to_reading, pdf_to_pages
from yusuan.parse.ocr.simulate import images_to_pdf, scan_like
from yusuan.text import halfwidth

SOURCE = "real_pdfs/rd13_shpt_sifaju_2026_bmys.pdf"
PAGES = (10, 11)  # 部门财务收支预算总表, 部门收入预算总表 (small type, 9 columns)
DPI = 150
# (skew in degrees counter-clockwise, clockwise quarter turns) of each scanned page.
SCANS = ((1.3, 0), (-0.8, 1))
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(cells: list[str | None]) -> Counter[str]:
    found: Counter[str] = Counter()
    for cell in cells:
        for token in NUMBER.findall(halfwidth(cell or "").replace(" ", "")):
            found[token.rstrip(",")] += 1
    return found


@pytest.fixture(scope="module")
def scan(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[OcrPage], list[Counter[str]], list]:
    source = shared_data / SOURCE
    document = pdfium.PdfDocument(str(source))
    images = []
    for number, (skew, turns) in zip(PAGES, SCANS, strict=True):
        gray = np.asarray(document[number - 1].render(scale=DPI / 72, grayscale=True).to_numpy(), dtype=np.uint8)
        images.append(scan_like(gray, skew=skew, quarter_turns=turns, noise=10, specks=0.001, blur=0.6, seed=number))
    document.close()
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    images_to_pdf(images, path, DPI)
    with pdfplumber.open(source) as pdf:
        truth = [
            numbers([cell for table in pdf.pages[n - 1].extract_tables() for row in table for cell in row])
            for n in PAGES
        ]
    calls: list[tuple[int, int]] = []
    pages = list(pdf_to_pages(path, OcrOptions(dpi=DPI), progress=lambda done, total: calls.append((done, total))))
    return pages, truth, calls


def test_table_numbers_come_back(scan: tuple[list[OcrPage], list[Counter[str]], list]) -> None:
    pages, truth, _ = scan
    total = found = 0
    for page, want in zip(pages, truth, strict=True):
        have = numbers([cell for b in page.blocks if isinstance(b, TableBlock) for row in b.rows for cell in row.cells])
        total += sum(want.values())
        found += sum((want & have).values())
    print(f"\nscanned rd13 pages {PAGES}: {found}/{total} table numbers exactly ({found / total:.2%})")
    assert total == 177  # 16 on the 收支总表, 161 on the 收入总表
    assert found / total >= 0.99


def test_pages_are_turned_and_levelled(scan: tuple[list[OcrPage], list[Counter[str]], list]) -> None:
    pages, _, calls = scan
    assert [p.number for p in pages] == [1, 2]
    for page, (skew, turns) in zip(pages, SCANS, strict=True):
        assert page.quarter_turns == (4 - turns) % 4
        assert abs(page.skew + skew) <= 0.15, (page.skew, skew)
        assert page.notes[0].code == "ocr-confidence" and "旋转" in page.notes[0].message if turns else True
    assert calls == [(1, 2), (2, 2)]


def test_grid_of_the_summary_table(scan: tuple[list[OcrPage], list[Counter[str]], list]) -> None:
    """收支总表: 4 columns, the merged 本年收入/本年支出 header, totals on the last row."""
    pages, _, _ = scan
    (table,) = [b for b in pages[0].blocks if isinstance(b, TableBlock)]
    rows = [row.cells for row in table.rows]
    assert all(len(r) == 4 for r in rows)
    assert rows[0][1] == "" and rows[0][3] == ""  # 本年收入 / 本年支出 span two columns
    assert rows[1] == ("项目", "预算数", "项目", "预算数")
    assert rows[-1][1] == rows[-1][3] == "96,282,213.44"
    assert [r[3] for r in rows[2:6]] == ["87,267,272.44", "3,343,704.00", "1,149,678.00", "4,521,559.00"]


def test_misread_cell_is_named_first(scan: tuple[list[OcrPage], list[Counter[str]], list]) -> None:
    """A misread amount breaks the tables' identities; joined with its low confidence, it leads the
    culprit.ocr-suspect findings, which point at its cell."""
    pages, _, _ = scan
    first = pages[0]
    right, misread = "87,267,272.44", "87,267,212.44"  # 公共安全支出 as a worse scan might give it
    blocks = []
    for block in first.blocks:
        if isinstance(block, TableBlock):
            rows = tuple(
                TableLine(tuple(misread if c == right else c for c in row.cells), row.source) for row in block.rows
            )
            block = TableBlock(rows, block.source)
        blocks.append(block)
    cells = tuple(replace(c, text=misread, confidence=0.62) if c.text == right else c for c in first.cells)
    (cell,) = [c for c in cells if c.text == misread]
    disclosure = reading_to_disclosure(
        pages_to_reading([replace(first, blocks=tuple(blocks), cells=cells), pages[1]], "scan.pdf")
    )
    suspects = [n for n in check(disclosure).findings if n.rule == "culprit.ocr-suspect"]
    assert suspects, [n.message for n in check(disclosure).findings]
    top = suspects[0]
    assert top.location.page == 1 and top.location.bbox == cell.box
    assert f"“{misread}”" in top.message and "嫌疑第1位" in top.message
    assert "total.summary-expenditure" in top.message  # 支出总计 no longer adds up

    # The unchanged pages give no suspect at all.
    unchanged = reading_to_disclosure(pages_to_reading(pages, "scan.pdf"))
    assert not [n for n in check(unchanged).findings if n.rule == "culprit.ocr-suspect"]
