"""A package file's pages as pictures, to show where a value was read: a page of a PDF or of an
image file as PNG, its size in the unit of a Source's bbox (PDF points), and the words a PDF
page prints with their boxes.

A Source's `bbox` is in PDF points from the page's top-left corner; for an image file a point is
1/72 inch at the resolution the file states, else one pixel (as the OCR reader counts them). A
folder of page images (`detect.page_images`) is one package: its page n is the n-th page across
its images, a TIFF's frames in turn, as the OCR reader numbers them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import UnusableInput
from .detect import Format, page_images, sniff
from .ocr.pages import MAX_IMAGE_PIXELS

# The longest side of a picture, in pixels: enough to read a table's figures on a screen.
MAX_SIDE = 2000

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PagePicture:
    """One page as PNG; `width` and `height` are the page's size in the unit of its boxes."""

    number: int
    png: bytes
    width: float
    height: float


def page_count(path: Path) -> int:
    """How many pages the PDF, image file or folder of page images at `path` has (1 for a text, a
    workbook, a document)."""
    if path.is_dir():
        return sum(page_count(image) for image in _folder_images(path))
    kind = sniff(path)
    if kind is Format.PDF:
        document = _open_pdf(path)
        try:
            return len(document)
        finally:
            document.close()
    if kind is Format.IMAGE:
        with _open_image(path) as image:
            return int(getattr(image, "n_frames", 1))
    return 1


def page_picture(path: Path, number: int, dpi: float = 110) -> PagePicture:
    """Page `number` (1-based) of the PDF or image file at `path`, as PNG at about `dpi` (less
    for a page whose longest side would pass MAX_SIDE pixels)."""
    if path.is_dir():
        return _folder_picture(path, number)
    kind = sniff(path)
    if kind is Format.PDF:
        return _pdf_picture(path, number, dpi)
    if kind is Format.IMAGE:
        return _image_picture(path, number)
    raise UnusableInput(str(path), "没有页面图像（not a PDF or an image）")


def page_words(path: Path, number: int) -> list[tuple[str, Box]]:
    """The words PDF page `number` prints, each with its box in points (none for a scan)."""
    import pdfplumber

    if sniff(path) is not Format.PDF:
        return []
    with pdfplumber.open(path) as pdf:
        if not 1 <= number <= len(pdf.pages):
            return []
        words = pdf.pages[number - 1].extract_words(x_tolerance=1.5, y_tolerance=2)
        return [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in words]


def _pdf_picture(path: Path, number: int, dpi: float) -> PagePicture:
    from PIL import Image

    document = _open_pdf(path)
    try:
        if not 1 <= number <= len(document):
            raise UnusableInput(str(path), f"没有第{number}页", f"page {number}")
        page = document[number - 1]
        width, height = page.get_size()
        scale = min(dpi / 72, MAX_SIDE / max(width, height, 1.0))
        bitmap = page.render(scale=scale)
        image: Image.Image = bitmap.to_pil()
        png = _png(image)
        bitmap.close()
        page.close()
    finally:
        document.close()
    return PagePicture(number, png, float(width), float(height))


def _image_picture(path: Path, number: int) -> PagePicture:
    from PIL import ImageSequence

    with _open_image(path) as image:
        dpi = image.info.get("dpi")
        points = 72 / float(dpi[0]) if isinstance(dpi, tuple) and dpi and float(dpi[0]) > 1 else 1.0
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index + 1 == number:
                picture = frame.convert("RGB")
                width, height = picture.size
                factor = min(1.0, MAX_SIDE / max(width, height))
                if factor < 1.0:
                    picture = picture.resize((max(1, round(width * factor)), max(1, round(height * factor))))
                return PagePicture(number, _png(picture), width * points, height * points)
    raise UnusableInput(str(path), f"没有第{number}页", f"page {number}")


def _folder_images(path: Path) -> tuple[Path, ...]:
    images = page_images(path)
    if not images:
        raise UnusableInput(str(path), "没有页面图像（not a page-image folder）")
    return images


def _folder_picture(path: Path, number: int) -> PagePicture:
    """Page `number` of a folder of page images: the page of the image that holds it."""
    rest = number
    for image in _folder_images(path):
        count = page_count(image)
        if 1 <= rest <= count:
            return replace(_image_picture(image, rest), number=number)
        rest -= count
    raise UnusableInput(str(path), f"没有第{number}页", f"page {number}")


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return out.getvalue()


def _open_pdf(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2  # type: ignore[import-untyped]

    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise UnusableInput(str(path), f"PDF 文件无法打开（{exc}）") from None


def _open_image(path: Path):  # type: ignore[no-untyped-def]
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise UnusableInput(str(path), f"不是可读取的图像文件（{type(exc).__name__}）") from None
    if image.width * image.height > MAX_IMAGE_PIXELS:
        image.close()
        raise UnusableInput(str(path), f"图像过大（{image.width}×{image.height} 像素）")
    return image
