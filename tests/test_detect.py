"""The reader is chosen from the content; unsafe containers are refused before any library opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from yusuan.errors import UnusableInput
from yusuan.parse import read
from yusuan.parse.detect import Format, sniff


def _zip(path: Path, entries: dict[str, bytes], level: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", level) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def test_formats_by_content(tmp_path: Path, shared_data: Path, sample_path: Path) -> None:
    assert sniff(shared_data / "templates" / "shpt_2026_department_budget_template.xlsx") is Format.XLSX
    assert sniff(shared_data / "templates" / "shpt_2026_unit_budget_template.xls") is Format.XLS
    assert sniff(shared_data / "real_pdfs" / "rd07_shpt_zhengfuban_2025_bmys.pdf") is Format.PDF
    assert sniff(sample_path) is Format.TEXT
    docx = _zip(tmp_path / "a.bin", {"[Content_Types].xml": CT, "word/document.xml": b"<w/>"})
    assert sniff(docx) is Format.DOCX
    xlsx = _zip(tmp_path / "b.docx", {"[Content_Types].xml": CT, "xl/workbook.xml": b"<w/>"})
    assert sniff(xlsx) is Format.XLSX  # the name says docx, the content says xlsx


def test_zip_bomb_is_refused_before_opening(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": CT, "xl/sheet.xml": b"\0" * (8 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(UnusableInput, match="压缩炸弹"):
        read(bomb)


def test_macro_workbook_is_refused(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "book.xlsx",
        {"[Content_Types].xml": CT, "xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
    )
    with pytest.raises(UnusableInput, match="宏"):
        read(path)


def test_macro_content_type_is_refused(tmp_path: Path) -> None:
    ct = CT.replace(b"/>", b'><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
    path = _zip(tmp_path / "doc.docx", {"[Content_Types].xml": ct, "word/document.xml": b"<w/>"})
    with pytest.raises(UnusableInput, match="宏"):
        read(path)


def test_zip_that_is_no_office_file(tmp_path: Path) -> None:
    path = _zip(tmp_path / "photos.xlsx", {"a.jpg": b"x"})
    with pytest.raises(UnusableInput, match="既不是 XLSX 也不是 DOCX"):
        read(path)


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    with pytest.raises(UnusableInput, match="损坏"):
        read(path)


def test_legacy_doc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(UnusableInput, match=r"\.doc"):
        read(path)


def test_page_images_are_recognised_by_their_bytes(tmp_path: Path) -> None:
    from PIL import Image

    for fmt, suffix in (("PNG", ".txt"), ("JPEG", ".md"), ("TIFF", ".dat")):
        path = tmp_path / f"page{suffix}"  # the name says nothing: the content decides
        Image.new("L", (20, 20), 255).save(path, fmt)
        assert sniff(path) is Format.IMAGE
