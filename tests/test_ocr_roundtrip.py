"""Build → PDF → scan → OCR → extract: the sample's tables come back through a scanner and the OCR reader.

The sample is rendered to PDF (`yusuan.render`), the pages of its first three tables are
rasterised by pdftoppm at 200 dpi, turned (one upside down), skewed and made noisy, written as an image-only PDF
and read back by OCR. At least 99% of the table amounts must come back exactly, and each one that
does not must be flagged (a reading note or a checker finding on its row).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image

from yusuan.checks import check
from yusuan.model import Disclosure, TableKind
from yusuan.parse import reading_to_disclosure
from yusuan.parse.ocr import OcrOptions, pages_to_reading, pdf_to_pages
from yusuan.parse.ocr.simulate import amounts_recovered, images_to_pdf, is_flagged, scan_like
from yusuan.render import render

DPI = 200
TITLES = {
    "预算收支总表": TableKind.BUDGET_SUMMARY,
    "预算收入总表": TableKind.INCOME_SUMMARY,
    "预算支出总表": TableKind.EXPENDITURE_SUMMARY,
}
# (skew°, clockwise quarter turns) of each page: 表1, 表2 (landscape), 表2 continued, 表3
SCANS = ((0.7, 0), (-1.2, 2), (0.5, 0), (1.9, 0))


def _table_pages(pdf: Path) -> list[int]:
    """The 1-based pages whose text layer carries one of TITLES, and a page that continues one of
    them (no title of its own: 表2 runs onto a second landscape page); the renderer decides the
    layout."""
    document = pdfium.PdfDocument(str(pdf))
    found: list[int] = []
    for index in range(len(document)):
        text = document[index].get_textpage().get_text_range().replace(" ", "")
        titled = "目录" not in text and any(title in text for title in TITLES)
        continued = bool(found) and found[-1] == index and "部门名称" not in text
        if titled or continued:
            found.append(index + 1)
    document.close()
    return found


@pytest.fixture(scope="module")
def round_trip(sample: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> Disclosure:
    if shutil.which("pdftoppm") is None:  # pragma: no cover - scripts/setup.sh installs poppler-utils
        pytest.fail("pdftoppm is missing: run scripts/setup.sh")
    folder = tmp_path_factory.mktemp("ocr-roundtrip")
    (built,) = render(sample, folder, ["pdf"], "package")
    pages = _table_pages(built)
    assert len(pages) == len(SCANS), pages
    images = []
    for number, (skew, turns) in zip(pages, SCANS, strict=True):
        stem = folder / f"p{number}"
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-png",
                "-singlefile",
                "-r",
                str(DPI),
                "-f",
                str(number),
                "-l",
                str(number),
                str(built),
                str(stem),
            ],
            check=True,
        )
        gray = np.asarray(Image.open(stem.with_suffix(".png")).convert("L"))
        images.append(scan_like(gray, skew=skew, quarter_turns=turns, noise=8, specks=0.001, blur=0.5, seed=number))
    scan = folder / "scan.pdf"
    images_to_pdf(images, scan, DPI)
    read = list(pdf_to_pages(scan, OcrOptions(dpi=DPI)))
    assert [p.quarter_turns for p in read] == [(4 - t) % 4 for _, t in SCANS]
    return reading_to_disclosure(pages_to_reading(read, str(scan)))


def test_table_amounts_come_back(sample: Disclosure, round_trip: Disclosure) -> None:
    want = replace(sample, tables=tuple(t for t in sample.tables if t.kind in TITLES.values()))
    found, total, misses = amounts_recovered(want, round_trip)
    findings = check(round_trip).findings
    unflagged = [m for m in misses if not is_flagged(m, round_trip, findings)]
    print(f"\nsample → PDF → {DPI} dpi scan → OCR: {found}/{total} table amounts exactly; misses {misses}")
    assert total == 160
    assert found / total >= 0.99
    assert not unflagged


def test_tables_are_recognised_with_their_columns(sample: Disclosure, round_trip: Disclosure) -> None:
    assert round_trip.reader == "ocr"
    for kind in TITLES.values():
        table, got = sample.table(kind), round_trip.table(kind)
        assert table is not None and got is not None, kind
        assert got.column_keys() == table.column_keys(), kind
        assert len(got.rows) == len(table.rows), kind
