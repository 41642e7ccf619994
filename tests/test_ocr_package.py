"""A built package, scanned at 150 dpi, reads back whole: every part, from the cover to the glossary.

The example ledger's package is rendered to PDF, and pages chosen to hold every part of it are
scanned (pdftoppm at 150 dpi, gray) into an image-only PDF and read by OCR: the cover, the 目录
(whose dot leaders a scan loses), the 概况, two tables, the 情况说明 with its 政府采购 figures, a
project form that runs onto a second page (whose foot carries a page number OCR reads as
"一22一"), the 国有资产 page and the 名词解释. Every amount of every part on those pages is counted
against the package's markdown (`simulate.parts_recovered`); the whole package is measured the same
way by bench/scan.py. OCR of eleven pages takes a minute or two on an idle machine.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image

from yusuan.ledger import read_ledger
from yusuan.model import Disclosure
from yusuan.parse import read, reading_to_disclosure
from yusuan.parse.ocr import OcrOptions, pages_to_reading, pdf_to_pages
from yusuan.parse.ocr.simulate import PARTS, Tally, images_to_pdf, parts_recovered
from yusuan.render import render
from yusuan.text import compact
from yusuan.views import ledger_to_disclosure

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"
DPI = 150


def chosen_pages(pdf: Path) -> list[int]:
    """The 1-based pages that hold every part: found by the words their text layer starts with."""
    document = pdfium.PdfDocument(str(pdf))
    # each page's text, the page number at its foot (drawn first) left out
    texts = [re.sub(r"^—\d+—", "", compact(document[k].get_textpage().get_text_range())) for k in range(len(document))]
    document.close()

    def first(test: object) -> int:
        return next(k + 1 for k, text in enumerate(texts) if k > 1 and test(text))  # type: ignore[operator]

    # a form's second page (its indicators, no title of its own), and its first
    continued = first(lambda t: "一级指标" in t and "绩效目标申报表" not in t)
    return sorted(
        {
            1,  # cover
            2,  # 目录
            first(lambda t: t.startswith("第一部分概况")),
            first(lambda t: "预算收支总表" in t[:40]),
            first(lambda t: "预算支出总表" in t[:40]),
            first(lambda t: t.startswith("第三部分")),
            first(lambda t: "九、政府采购情况" in t),
            continued - 1,
            continued,
            first(lambda t: "国有资产占有使用情况" in t),
            first(lambda t: t.startswith("第四部分名词解释")),
        }
    )


def within(want: Disclosure, shown: Disclosure) -> Disclosure:
    """`want` with only the parts that `shown` (the chosen pages, read from their text layer) holds."""
    kinds = {t.kind for t in shown.tables}
    numbers = {s.number for s in shown.sections}
    names = [compact(f.name) for f in shown.project_forms]
    return replace(
        want,
        tables=tuple(t for t in want.tables if t.kind in kinds),
        sections=tuple(s for s in want.sections if s.number in numbers),
        project_forms=tuple(f for f in want.project_forms if compact(f.name) in names),
        overall_forms=want.overall_forms if shown.overall_forms else (),
        glossary=want.glossary if shown.glossary else (),
        procurement=want.procurement if shown.procurement else None,
        assets=want.assets if shown.assets else None,
    )


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Disclosure, Disclosure, list[int]]:
    if shutil.which("pdftoppm") is None:  # pragma: no cover - scripts/setup.sh installs poppler-utils
        pytest.fail("pdftoppm is missing: run scripts/setup.sh")
    folder = tmp_path_factory.mktemp("ocr-package")
    built = ledger_to_disclosure(read_ledger(EXAMPLE))
    pdf, markdown = render(built, folder, ["pdf", "md"], "package")
    pages = chosen_pages(pdf)
    images = []
    for number in pages:
        stem = folder / f"p{number}"
        command = ["pdftoppm", "-gray", "-png", "-singlefile", "-r", str(DPI), "-f", str(number), "-l", str(number)]
        subprocess.run([*command, str(pdf), str(stem)], check=True)
        images.append(np.asarray(Image.open(stem.with_suffix(".png")).convert("L")))
    scan = folder / "scan.pdf"
    images_to_pdf(images, scan, DPI)
    got = reading_to_disclosure(pages_to_reading(list(pdf_to_pages(scan, OcrOptions(dpi=DPI))), str(scan)))
    # the same pages as text (the built PDF's own text layer) say which parts they hold
    subset = pdfium.PdfDocument.new()
    subset.import_pages(pdfium.PdfDocument(str(pdf)), [n - 1 for n in pages])
    subset.save(str(folder / "pages.pdf"))
    want = within(read(markdown), read(folder / "pages.pdf"))
    return want, got, pages


def test_every_part_is_on_the_chosen_pages(scanned: tuple[Disclosure, Disclosure, list[int]]) -> None:
    want, _, pages = scanned
    assert len(pages) == 11, pages
    assert want.tables and want.sections and want.project_forms and want.glossary
    assert want.procurement is not None and want.assets is not None and want.overview.vehicles is not None


def test_a_scanned_package_reads_back_whole(scanned: tuple[Disclosure, Disclosure, list[int]]) -> None:
    want, got, pages = scanned
    tallies = parts_recovered(want, got)
    every = Tally(sum(t.found for t in tallies.values()), sum(t.total for t in tallies.values()))
    print(f"\nexample package → PDF → {DPI} dpi scan of pages {pages} → OCR:")
    for part in PARTS:
        tally = tallies[part]
        print(f"  {part}: {tally.found}/{tally.total}; misses {tally.misses}")
    print(f"  all: {every.found}/{every.total} = {every.share:.4f}")
    assert all(tallies[part].total > 0 for part in PARTS), {p: t.total for p, t in tallies.items()}
    assert tallies["tables"].share == 1.0  # the 目录 without its leaders no longer swallows the tables
    assert tallies["facts"].share == 1.0  # 政府采购 "、" read as "丶", the 概况's vehicles
    assert tallies["glossary"].share == 1.0
    assert every.share >= 0.99


def test_the_scan_is_read_as_a_package(scanned: tuple[Disclosure, Disclosure, list[int]]) -> None:
    want, got, _ = scanned
    assert got.reader == "ocr" and got.department == want.department and got.year == want.year
    # every 目录 entry, with the page it names; no table left without its title
    assert [compact(e.title) for e in got.toc] == [compact(e.title) for e in want.toc]
    assert all(e.page is not None for e in got.toc)
    assert not [n for n in got.notes if n.code == "unknown-table"]
    # the form continued past its page number ("一22一") is one form, with every indicator
    form = next(f for f in want.project_forms if f.name in {g.name for g in got.project_forms})
    twin = next(f for f in got.project_forms if f.name == form.name)
    assert len(twin.indicators) == len(form.indicators)
