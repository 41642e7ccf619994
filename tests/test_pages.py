"""Page pictures and the marks a finding puts on them (parse/pages.py, checks/marks.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from yusuan.checks import check
from yusuan.checks.marks import finding_marks, place_in_words
from yusuan.errors import UnusableInput
from yusuan.parse import read
from yusuan.parse.pages import page_count, page_picture, page_words

from .conftest import SAMPLE, SHARED_DATA

RD05 = SHARED_DATA / "real_pdfs" / "rd05_shpt_wanlijiedao_2024_bmys.pdf"


def test_a_pdf_page_as_a_picture_in_the_unit_of_its_boxes() -> None:
    assert page_count(RD05) == 33
    picture = page_picture(RD05, 26)
    assert (picture.number, round(picture.width, 2), round(picture.height, 2)) == (26, 841.85, 595.25)
    image = Image.open(io.BytesIO(picture.png))
    assert image.size == (1287, 910)  # 110 dpi
    printed = [box for text, box in page_words(RD05, 26) if text == "3,503,499"]  # 合计 and 基本支出
    assert [b[0] for b in printed] == pytest.approx([492.05, 604.5], abs=0.001)
    with pytest.raises(UnusableInput, match="没有第34页"):
        page_picture(RD05, 34)


def test_an_image_file_counts_points_at_its_resolution(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    Image.new("L", (400, 300), 255).save(path, dpi=(144, 144))
    picture = page_picture(path, 1)
    assert (picture.width, picture.height) == pytest.approx((200.0, 150.0), abs=0.02) and page_count(path) == 1
    assert page_words(path, 1) == []
    assert page_count(SAMPLE) == 1
    with pytest.raises(UnusableInput, match="没有页面图像"):
        page_picture(SAMPLE, 1)


def test_a_folder_of_page_images_numbers_its_pages_across_its_images(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    Image.new("L", (400, 300), 255).save(folder / "p1.png", dpi=(144, 144))
    first, second = Image.new("L", (720, 360), 255), Image.new("L", (360, 720), 255)
    first.save(folder / "p2.tif", save_all=True, append_images=[second], dpi=(72, 72))
    assert page_count(folder) == 3
    picture = page_picture(folder, 3)  # the TIFF's second frame
    assert (picture.number, picture.width, picture.height) == (3, 360.0, 720.0)
    assert Image.open(io.BytesIO(picture.png)).size == (360, 720)
    assert page_picture(folder, 1).width == pytest.approx(200.0, abs=0.02)
    with pytest.raises(UnusableInput, match="没有第4页"):
        page_picture(folder, 4)
    (folder / "notes.md").write_text("第一部分 概况\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match="not a page-image folder"):
        page_count(folder)


def test_a_finding_marks_its_line_and_the_very_cell() -> None:
    disclosure = read(RD05)
    finding = check(disclosure).findings[0]
    marks = finding_marks(finding, disclosure, lambda page: page_words(RD05, page))
    assert [(m.page, m.cited, m.cell) for m in marks] == [(9, True, False), (26, False, True)]
    assert marks[0].box == (82.2, 355.5, 766.2, 367.5)  # the narrative's line, as the reader kept it
    assert marks[1].box == pytest.approx((492.05, 159.578, 546.05, 171.578), abs=0.001)
    assert place_in_words(finding.related[0], disclosure) == (
        "第26页 2024年部门一般公共预算支出功能分类预算表 一般公共预算支出预算表 “住房公积金”（2210201） “一般公共预算支出/合计”列"
    )
    # without the page's words the row's box stands for the cell
    [_, row] = finding_marks(finding, disclosure, lambda page: [])
    assert not row.cell and row.box == finding.related[0].bbox
