"""Bad input to the OCR reader: one plain line naming the file and place, never a traceback or a hang."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from yusuan.errors import UnusableInput
from yusuan.parse.ocr import OcrOptions, image_to_pages, pdf_to_pages, read_image, read_scanned_pdf
from yusuan.parse.ocr.simulate import images_to_pdf


def _one_line(exc: pytest.ExceptionInfo[UnusableInput], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_blank_scan_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    images_to_pdf([np.full((600, 420), 255, np.uint8), np.full((600, 420), 250, np.uint8)], path, 72)
    with pytest.raises(UnusableInput) as exc:
        read_scanned_pdf(path)
    assert "没有识别出任何文字" in _one_line(exc, path)
    assert exc.value.place == "page 1"


def test_too_many_pages_is_refused_before_any_page_is_read(tmp_path: Path) -> None:
    """A 500-page scan: refused at once with the way to read it in parts (a bounded run)."""
    path = tmp_path / "long.pdf"
    images_to_pdf([np.full((40, 30), 255, np.uint8)] * 500, path, 72)
    with pytest.raises(UnusableInput) as exc:
        next(pdf_to_pages(path, OcrOptions(max_pages=100)))
    message = _one_line(exc, path)
    assert "共 500 页" in message and "上限 100 页" in message
    assert exc.value.place == "page 101"


def test_pages_beyond_the_end_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    images_to_pdf([np.full((40, 30), 255, np.uint8)] * 2, path, 72)
    with pytest.raises(UnusableInput) as exc:
        next(pdf_to_pages(path, OcrOptions(pages=(2, 7))))
    assert "没有第 7 页" in _one_line(exc, path)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n")
    with pytest.raises(UnusableInput) as exc:
        read_scanned_pdf(path)
    assert "PDF" in _one_line(exc, path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt="secret")
    page.drawString(100, 700, "2026")
    page.save()
    with pytest.raises(UnusableInput) as exc:
        read_scanned_pdf(path)
    assert "加密" in _one_line(exc, path)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    path.write_bytes(b"this is no image at all")
    with pytest.raises(UnusableInput) as exc:
        read_image(path)
    assert "不是可读取的图像文件" in _one_line(exc, path)


def test_truncated_image(tmp_path: Path) -> None:
    full = tmp_path / "full.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 300), dtype=np.uint8)).save(full)
    path = tmp_path / "cut.png"
    path.write_bytes(full.read_bytes()[:2000])
    with pytest.raises(UnusableInput) as exc:
        read_image(path)
    assert "损坏" in _one_line(exc, path)


def test_image_claiming_too_many_pixels_is_not_decoded(tmp_path: Path) -> None:
    """A PNG header announcing 100000 × 100000 pixels (a decompression bomb) is refused at once."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    path = tmp_path / "bomb.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)))
    with pytest.raises(UnusableInput) as exc:
        list(image_to_pages(path))
    assert "像素" in _one_line(exc, path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.pdf"
    with pytest.raises(UnusableInput) as exc:
        read_scanned_pdf(path)
    assert "不存在" in _one_line(exc, path)


def test_a_500_page_scan_through_read_is_refused_in_one_line(tmp_path: Path) -> None:
    """The text-layer reader routes scanned pages to OCR within OCR's page limit: no long run."""
    from yusuan.parse import read

    path = tmp_path / "scan500.pdf"
    images_to_pdf([np.full((40, 30), 255, np.uint8)] * 500, path, 72)
    with pytest.raises(UnusableInput) as exc:
        read(path)
    message = _one_line(exc, path)
    assert "最多 OCR 100 页" in message and "500" in message
