"""Bad PDFs get one clear line (UnusableInput naming file and place), never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from yusuan.cli import main
from yusuan.errors import UnusableInput
from yusuan.parse import pdf as pdfmod
from yusuan.parse import read


def _pdf(path: Path, pages: int = 1, text: str | None = "上海市普陀区2026年区级部门预算", **kw: object) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, **kw)
    for _ in range(pages):
        if text:
            c.setFont("Helvetica", 12)
            c.drawString(72, 720, "2026 budget")
        c.showPage()
    c.save()
    return path


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(UnusableInput, match="加密"):
        read(path)


def test_damaged_pdf(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(good[: len(good) // 3])
    with pytest.raises(UnusableInput, match=r"损坏|没有任何文字") as info:
        read(path)
    assert info.value.file == str(path)


def test_pdf_header_then_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(UnusableInput, match="损坏"):
        read(path)


def test_blank_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "blank.pdf", text=None)
    with pytest.raises(UnusableInput, match="没有任何文字"):
        read(path)


def test_scanned_pdf_without_ocr_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(image)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(str(image), 72, 600, 200, 100)
    c.showPage()
    c.save()
    monkeypatch.setattr(pdfmod, "_ocr", lambda *_a, **_k: None)  # as on a machine without the OCR models
    with pytest.raises(UnusableInput, match="没有文字层") as info:
        read(path)
    assert info.value.place == "page 1"


def test_cid_fonts_are_detected_not_read_as_garbage() -> None:
    class Page:
        chars = [{"text": "(cid:12)"}] * 30 + [{"text": "元"}] * 3

    assert pdfmod._cid_share(Page()) > 0.9


def test_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _pdf(tmp_path / "long.pdf", pages=6)
    with pytest.raises(UnusableInput, match="超过上限 5 页"):
        pdfmod.read_pages(path, max_pages=5)
    monkeypatch.setenv("YUSUAN_MAX_PAGES", "4")
    with pytest.raises(UnusableInput, match="超过上限 4 页"):
        read(path)


def test_page_time_limit(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "slow.pdf", pages=3)
    with pytest.raises(UnusableInput, match="超时") as info:
        pdfmod.read_pages(path, page_seconds=1e-6)
    assert info.value.place == "page 1"


def test_progress_is_reported_per_page(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "three.pdf", pages=3)
    seen: list[tuple[int, int]] = []
    pdfmod.read_pages(path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    locked = _pdf(tmp_path / "locked.pdf", encrypt="secret")
    blank = _pdf(tmp_path / "blank.pdf", text=None)
    result = CliRunner().invoke(main, ["extract", str(locked), str(blank)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("yusuan:")]
    assert len(lines) == 2 and "Traceback" not in result.output
    assert str(locked) in lines[0] and "加密" in lines[0]


def test_not_a_budget_pdf(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "other.pdf")
    with pytest.raises(UnusableInput, match="不是部门预算公开文件"):
        read(path)


def test_reader_is_chosen_by_content_not_name(tmp_path: Path, shared_data: Path) -> None:
    source = shared_data / "real_pdfs" / "rd13_shpt_sifaju_2026_bmys.pdf"
    disguised = tmp_path / "package.md"
    disguised.write_bytes(source.read_bytes())
    assert read(disguised).reader == "pdf"
