"""A package kept as page images is read as one package: a folder of PNG/JPEG pages, or a TIFF of
many pages.

Two pages of the example ledger's built PDF are rendered at 150 dpi: the first page of the 情况说明
(第三部分, sections 一 to 三) and the page after it, which continues the narrative with 四 to 六 and
has no part title of its own (read alone it is "not a budget disclosure"). Kept as a folder of two
PNG files, or as one TIFF of two pages, they read as one package with six sections.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image

from yusuan.errors import UnusableInput
from yusuan.ledger import read_ledger
from yusuan.parse import read
from yusuan.parse.detect import page_images
from yusuan.parse.ocr import OcrOptions, images_to_pages
from yusuan.render import render
from yusuan.text import compact
from yusuan.views import ledger_to_disclosure

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"
DPI = 150


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Image.Image]:
    """The narrative's first page and the page that continues it, as 150 dpi gray images."""
    folder = tmp_path_factory.mktemp("images")
    (pdf,) = render(ledger_to_disclosure(read_ledger(EXAMPLE)), folder, ["pdf"], "package")
    document = pdfium.PdfDocument(str(pdf))
    texts = [compact(document[k].get_textpage().get_text_range()) for k in range(len(document))]
    first = next(k for k, text in enumerate(texts) if k > 1 and "第三部分" in text)
    assert "第三部分" not in texts[first + 1] and "四、" in texts[first + 1]
    images = []
    for k in (first, first + 1):
        gray = document[k].render(scale=DPI / 72, grayscale=True).to_numpy()
        images.append(Image.fromarray(np.ascontiguousarray(gray[:, :, 0] if gray.ndim == 3 else gray)))
    document.close()
    return images


def test_a_folder_of_page_images_is_one_package(pages: list[Image.Image], tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    # names in reading order only when their numbers are compared as numbers (p2 before p10)
    pages[0].save(folder / "page-2.png", dpi=(DPI, DPI))
    pages[1].convert("RGB").save(folder / "page-10.jpg", dpi=(DPI, DPI), quality=92)
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # what a system leaves is passed over
    assert [p.name for p in page_images(folder)] == ["page-2.png", "page-10.jpg"]
    package = read(folder)
    assert package.reader == "ocr" and package.file == str(folder)
    assert [s.number for s in package.sections] == ["一", "二", "三", "四", "五", "六"]
    assert package.sections[3].source.page == 2  # the second image is the package's page 2


def test_a_tiff_of_many_pages_is_one_package(pages: list[Image.Image], tmp_path: Path) -> None:
    tiff = tmp_path / "scan.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(DPI, DPI), compression="tiff_lzw")
    calls: list[tuple[int, int]] = []
    read_pages = list(images_to_pages([tiff], OcrOptions(), progress=lambda done, total: calls.append((done, total))))
    assert [p.number for p in read_pages] == [1, 2]
    assert calls == [(1, 2), (2, 2)]  # the TIFF's pages are counted before they are read
    package = read(tiff)
    assert [s.number for s in package.sections] == ["一", "二", "三", "四", "五", "六"]


def test_a_folder_with_other_files_is_no_page_image_package(pages: list[Image.Image], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    pages[0].save(folder / "p1.png")
    (folder / "notes.md").write_text("第一部分 概况\n", encoding="utf-8")
    assert page_images(folder) == ()
    with pytest.raises(UnusableInput, match="页面图像"):
        read(folder)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UnusableInput):
        read(empty)
