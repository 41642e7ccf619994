"""OCR of real page images: the amounts and percentages their text layer states come back exactly.

The seven PNG pages of 上海市普陀区石泉路街道办事处（本级）2026年单位预算 (shared/data/real_pages) are
read by the OCR reader; the ground truth is the text layer of the same pages. Every amount
(万元/元) and percentage stated in the narrative, and every cell of the 三公 table (page 33), is
counted; at least 99% must come back character for character.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from yusuan.parse.blocks import TableBlock, TextLine
from yusuan.parse.ocr import OcrPage, image_to_pages
from yusuan.text import halfwidth

PAGES = (6, 8, 9, 10, 11, 33, 34)
STEM = "shpt_shiquanlu_2026_dwys"
# An amount or a percentage as stated in text: "7,630.61万元", "3.59%", "106万元".
STATED = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=\s*(?:万元|元|%))")
TABLE_PAGE = 33


def stated_figures(text: str) -> Counter[str]:
    """Amounts and percentages stated in `text` (line breaks of the text layer removed)."""
    return Counter(m.group(0) for m in STATED.finditer(halfwidth(text).replace("\n", "")))


@pytest.fixture(scope="module")
def real_pages(shared_data: Path) -> dict[int, tuple[str, OcrPage]]:
    folder = shared_data / "real_pages"
    truth = {p["page"]: p["text"] for p in json.loads((folder / f"{STEM}_pages.json").read_text("utf-8"))}
    read = {}
    for number in PAGES:
        (page,) = image_to_pages(folder / f"{STEM}_p{number:02d}.png")
        read[number] = (truth[number], page)
    return read


def test_stated_figures_pattern() -> None:
    assert stated_figures("收入预算7,630.61万元，比2025年预\n算减少2,163.37万元；增加11.33%。") == Counter(
        {"7,630.61": 1, "2,163.37": 1, "11.33": 1}
    )


def test_real_pages_recover_amounts_and_percentages(real_pages: dict[int, tuple[str, OcrPage]]) -> None:
    total = found = 0
    missed: dict[int, Counter[str]] = {}
    for number, (truth, page) in real_pages.items():
        if number == TABLE_PAGE:
            # The 三公 table's one row of figures: the last line of the text layer.
            want = Counter(truth.strip().splitlines()[-1].split())
            have = Counter(
                cell
                for block in page.blocks
                if isinstance(block, TableBlock)
                for row in block.rows
                for cell in row.cells
                if re.fullmatch(r"[\d.,]+", cell)
            )
        else:
            want = stated_figures(truth)
            have = stated_figures("\n".join(b.text for b in page.blocks if isinstance(b, TextLine)))
        total += sum(want.values())
        found += sum((want & have).values())
        if want - have:
            missed[number] = want - have
    rate = found / total
    print(f"\nreal pages: {found}/{total} amounts and percentages recovered exactly ({rate:.2%}); missed {missed}")
    assert total == 157  # the figures the seven pages state (a guard on the pattern itself)
    assert rate >= 0.99, missed


def test_real_pages_confidence_and_sources(real_pages: dict[int, tuple[str, OcrPage]]) -> None:
    for number, (_, page) in real_pages.items():
        assert page.number == 1  # one image, one page
        assert page.quarter_turns == 0 and abs(page.skew) < 0.1
        assert page.confidence is not None and page.confidence > 0.95, number
        summary = page.notes[0]
        assert summary.code == "ocr-confidence" and f"{page.confidence:.3f}" in summary.message
        for block in page.blocks:
            assert block.source.page == 1 and block.source.bbox is not None


def test_table_page_is_a_grid(real_pages: dict[int, tuple[str, OcrPage]]) -> None:
    """The 三公 table: merged header cells in their top-left slot, figures in their own columns."""
    _, page = real_pages[TABLE_PAGE]
    (table,) = [b for b in page.blocks if isinstance(b, TableBlock)]
    rows = [row.cells for row in table.rows]
    assert len(rows) == 4 and all(len(r) == 7 for r in rows)
    assert rows[0][0] == "“三公”经费预算数" and rows[0][1:6] == ("",) * 5
    assert rows[0][6] == "机关运行经费预算数"
    assert rows[1][3] == "公务用车购置及运行费" and rows[1][4:6] == ("", "")
    assert rows[2][3:6] == ("小计", "购置费", "运行费")
    assert rows[3] == ("8.53", "", "1.53", "7", "", "7", "386.02")
    titles = [b.text for b in page.blocks if isinstance(b, TextLine)]
    assert titles[0] == "2026年单位“三公”经费和机关运行经费预算表"


def test_extract_command_reads_a_page_image_by_ocr(shared_data: Path, tmp_path: Path) -> None:
    """`yusuan extract` picks OCR from the image's bytes and says so; the figures come through."""
    import json

    from click.testing import CliRunner

    from yusuan.cli import main

    page = shared_data / "real_pages" / "shpt_shiquanlu_2026_dwys_p06.png"
    target = tmp_path / "p06.json"
    result = CliRunner().invoke(main, ["extract", str(page), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "读取方式 OCR（扫描件）" in result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["reader"] == "ocr"
    (section,) = data["sections"]
    assert section["title"] == "2026年单位预算编制说明"
    stated = {(f["value"], f["unit"]) for p in section["paragraphs"] for f in p["figures"]}
    assert {("7630.61", "万元"), ("2163.37", "万元"), ("7262.61", "万元"), ("368", "万元")} <= stated
