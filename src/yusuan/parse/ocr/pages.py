"""Page images for OCR: scanned PDFs rendered one page at a time, and image files, size-bounded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import UnusableInput
from .engine import Gray

# A 200 dpi A4 page is 2339 px on its long side. Larger pages and images are scaled down to this,
# which bounds memory (one 8-bit page at a time) and the time the models spend on a page.
MAX_SIDE = 2400
# An image file whose header claims more pixels than this is refused before it is decoded.
MAX_IMAGE_PIXELS = 80_000_000
# Pages of a multi-page image file (TIFF) read at most; a PDF's limit is the reader's option.
MAX_IMAGE_FRAMES = 200


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page as an 8-bit grayscale image; `points_per_pixel` turns its pixels into PDF points.

    For an image file that states no resolution, a point is a pixel of the original file.
    """

    number: int
    gray: Gray
    points_per_pixel: float


def pdf_page_count(path: Path, file: str) -> int:
    pdfium = _pdfium(file)
    document = _open_pdf(pdfium, path, file)
    try:
        return len(document)
    finally:
        document.close()


def pdf_page_images(path: Path, file: str, numbers: Sequence[int], dpi: int) -> Iterator[PageImage]:
    """Render the pages `numbers` (1-based) of a PDF, one at a time, at `dpi` (less for huge pages)."""
    pdfium = _pdfium(file)
    document = _open_pdf(pdfium, path, file)
    try:
        for number in numbers:
            try:
                page = document[number - 1]
                width, height = page.get_size()
                scale = min(dpi / 72, MAX_SIDE / max(width, height, 1.0))
                bitmap = page.render(scale=scale, grayscale=True)
                gray = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
                bitmap.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise UnusableInput(file, f"PDF 页面无法渲染（{exc}）", f"page {number}") from None
            if gray.ndim == 3:  # some builds return a channel axis even for grayscale
                gray = np.ascontiguousarray(gray[:, :, 0])
            yield PageImage(number, gray, 1 / scale)
    finally:
        document.close()


def image_frame_count(path: Path, file: str) -> int:
    """How many pages an image file holds (a TIFF may hold many), from its header."""
    with _open_image(path, file) as image:
        return min(int(getattr(image, "n_frames", 1)), MAX_IMAGE_FRAMES + 1)


def _open_image(path: Path, file: str):  # type: ignore[no-untyped-def]
    """The image file opened (its header read, no pixels decoded), or one line saying why not."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise UnusableInput(file, f"不是可读取的图像文件（{_reason(exc)}）") from None
    except Image.DecompressionBombError:
        raise UnusableInput(file, "图像像素过多，拒绝读取（decompression bomb）") from None
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        image.close()
        raise UnusableInput(file, f"图像过大（{width}×{height} 像素），拒绝读取")
    return image


def image_page_images(path: Path, file: str) -> Iterator[PageImage]:
    """The pages of an image file (PNG, JPEG, TIFF …): one, or one per frame."""
    from PIL import Image, ImageSequence

    with _open_image(path, file) as image:
        dpi = _dpi(image.info.get("dpi"))
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_IMAGE_FRAMES:
                raise UnusableInput(file, f"图像超过 {MAX_IMAGE_FRAMES} 页，请分批读取", f"page {index + 1}")
            try:
                gray = frame.convert("L")
            except (OSError, ValueError) as exc:  # truncated or corrupt pixel data
                raise UnusableInput(file, f"图像数据损坏（{_reason(exc)}）", f"page {index + 1}") from None
            factor = min(1.0, MAX_SIDE / max(gray.size))
            if factor < 1.0:
                size = (max(1, round(gray.width * factor)), max(1, round(gray.height * factor)))
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            # Boxes of image pages are given in PDF points when the file states its resolution.
            points = 72 / (dpi * factor) if dpi else 1 / factor
            yield PageImage(index + 1, np.asarray(gray, dtype=np.uint8).copy(), points)


def _dpi(value: object) -> float | None:
    if isinstance(value, tuple) and value and isinstance(value[0], int | float) and value[0] > 1:
        return float(value[0])
    return None


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def _pdfium(file: str):  # type: ignore[no-untyped-def]
    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError:
        raise UnusableInput(file, "无法渲染 PDF 页面（缺少 pypdfium2）") from None
    return pypdfium2


def _open_pdf(pdfium, path: Path, file: str):  # type: ignore[no-untyped-def]
    if not path.is_file():
        raise UnusableInput(file, "无法读取（文件不存在）")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise UnusableInput(file, "PDF 已加密，无法读取（encrypted）") from None
        raise UnusableInput(file, f"PDF 文件损坏，无法打开（{text}）") from None
    except OSError as exc:
        raise UnusableInput(file, f"无法读取（{exc.strerror or exc}）") from None
