"""Scanned PDFs and page images → blocks: pages rendered and read by OCR, with limits.

A run is bounded: at most `OcrOptions.max_pages` pages (a longer document is refused with one
line that says how to read it in parts, `pages=`), one page image in memory at a time, each page
at most `pages.MAX_SIDE` pixels on its long side and `layout.MAX_CELLS` table cells. Progress is
reported after each page through a callback, so a caller can show a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ...errors import UnusableInput
from ...model import LOW_CONFIDENCE
from ..blocks import Block, Reading
from .engine import OcrUnavailable, engine
from .layout import OcrPage, read_page
from .pages import PageImage, image_frame_count, image_page_images, pdf_page_count, pdf_page_images

READER = "ocr"

# (pages done, pages in all): called after each page.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How to OCR a document. `pages` (1-based) reads only those pages, in any length of document."""

    dpi: int = 200
    max_pages: int = 100
    pages: tuple[int, ...] | None = None
    low_confidence: float = LOW_CONFIDENCE


def pdf_to_pages(
    path: Path, options: OcrOptions = OcrOptions(), progress: Progress | None = None, file: str | None = None
) -> Iterator[OcrPage]:
    """OCR the pages of a PDF (rendered; any text layer is ignored), one page at a time."""
    name = file or str(path)
    count = pdf_page_count(path, name)
    numbers = _page_numbers(name, count, options)
    yield from _read(pdf_page_images(path, name, numbers, options.dpi), len(numbers), name, options, progress)


def image_to_pages(
    path: Path, options: OcrOptions = OcrOptions(), progress: Progress | None = None, file: str | None = None
) -> Iterator[OcrPage]:
    """OCR an image file (PNG, JPEG, TIFF with one or more pages)."""
    yield from images_to_pages([path], options, progress, file)


def images_to_pages(
    paths: Sequence[Path], options: OcrOptions = OcrOptions(), progress: Progress | None = None, file: str | None = None
) -> Iterator[OcrPage]:
    """OCR page images in order, as the pages of one package: a folder of scans, or a TIFF of many
    pages (its frames in turn). Pages are numbered 1, 2, … across the files; `file` names the
    package (the folder)."""
    name = file or str(paths[0])
    total = sum(image_frame_count(path, name) for path in paths)
    if total > options.max_pages and options.pages is None:
        raise UnusableInput(
            name,
            f"扫描件共 {total} 页，超过一次 OCR 的上限 {options.max_pages} 页；请按页码范围分批读取"
            f"（too many pages for one OCR run）",
            f"page {options.max_pages + 1}",
        )
    wanted = set(options.pages) if options.pages is not None else None
    yield from _read(_numbered(paths, name, wanted), len(wanted) if wanted else total, name, options, progress)


def _numbered(paths: Sequence[Path], file: str, wanted: set[int] | None) -> Iterator[PageImage]:
    number = 0
    for path in paths:
        for image in image_page_images(path, str(path) if len(paths) > 1 else file):
            number += 1
            if wanted is None or number in wanted:
                yield replace(image, number=number)


def read_scanned_pdf(path: Path, options: OcrOptions = OcrOptions(), progress: Progress | None = None) -> Reading:
    """A scanned PDF → its blocks (`reader` is "ocr"; notes carry per-page confidence)."""
    return pages_to_reading(list(pdf_to_pages(path, options, progress)), str(path))


def read_image(path: Path, options: OcrOptions = OcrOptions(), progress: Progress | None = None) -> Reading:
    """An image file (one page, or a TIFF of many) → its blocks."""
    return pages_to_reading(list(image_to_pages(path, options, progress)), str(path))


def read_images(
    paths: Sequence[Path], file: str, options: OcrOptions = OcrOptions(), progress: Progress | None = None
) -> Reading:
    """Page images that are the pages of one package, in order (a folder of scans) → its blocks;
    `file` names the package."""
    return pages_to_reading(list(images_to_pages(paths, options, progress, file)), file)


def pages_to_reading(pages: Iterable[OcrPage], file: str) -> Reading:
    """OCR'd pages → their blocks, with the OCR notes (confidence per page, cells to check) and
    every table cell read, with its confidence."""
    pages = list(pages)
    if not any(page.characters for page in pages):
        raise UnusableInput(file, "OCR 在页面上没有识别出任何文字（空白页或无法识别的扫描件）", "page 1")
    blocks: list[Block] = [block for page in pages for block in page.blocks]
    notes = tuple(note for page in pages for note in page.notes)
    return Reading(file, READER, blocks, notes, tuple(cell for page in pages for cell in page.cells))


def _page_numbers(file: str, count: int, options: OcrOptions) -> list[int]:
    if count == 0:
        raise UnusableInput(file, "PDF 没有页面")
    if options.pages is not None:
        outside = [n for n in options.pages if not 1 <= n <= count]
        if outside:
            raise UnusableInput(file, f"PDF 只有 {count} 页，没有第 {outside[0]} 页", f"page {outside[0]}")
        if len(options.pages) > options.max_pages:
            raise UnusableInput(
                file,
                f"需要 OCR 的有 {len(options.pages)} 页，一次最多 OCR {options.max_pages} 页；请按页码范围分批读取"
                f"（too many pages for one OCR run）",
                f"page {options.pages[options.max_pages]}",
            )
        return list(options.pages)
    if count > options.max_pages:
        raise UnusableInput(
            file,
            f"扫描件共 {count} 页，超过一次 OCR 的上限 {options.max_pages} 页；请按页码范围分批读取"
            f"（too many pages for one OCR run）",
            f"page {options.max_pages + 1}",
        )
    return list(range(1, count + 1))


def _read(
    images: Iterable[PageImage], total: int, file: str, options: OcrOptions, progress: Progress | None
) -> Iterator[OcrPage]:
    try:
        ocr = engine()
    except OcrUnavailable as exc:
        raise UnusableInput(file, f"扫描件需要 OCR，但 {exc}") from None
    for done, image in enumerate(images, start=1):
        yield read_page(image, file, ocr, options.low_confidence)
        if progress is not None:
            progress(done, max(total, done))
