"""Pages per second for each input format, against named baselines run in the same process.

Text PDFs (the 16 real packages in shared/data/real_pdfs): yusuan's reader (text layer → blocks →
Disclosure) against pdfplumber's own `extract_tables` on the same pages (which finds tables only:
no text, no recognition), and camelot's lattice mode when camelot is installed. Each measurement
is one function (`text_pdf_*`), so further formats (OCR) add their own.

    .venv/bin/python bench/formats.py [--repeat N] [--files N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber

from yusuan.parse import read

REAL_PDFS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real_pdfs"


def _best_median(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    work()  # warm: imports, regexes, reference lists
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs)


def page_count(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def text_pdf_yusuan(paths: Sequence[Path]) -> Callable[[], object]:
    """yusuan: every page's words and rules → grids and paragraphs → a recognised Disclosure."""
    return lambda: [read(p) for p in paths]


def text_pdf_pdfplumber_tables(paths: Sequence[Path]) -> Callable[[], object]:
    """Baseline: pdfplumber's `extract_tables` on every page (default lattice settings)."""

    def work() -> object:
        found = 0
        for path in paths:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    found += len(page.extract_tables())
                    page.close()
        return found

    return work


def text_pdf_camelot(paths: Sequence[Path]) -> Callable[[], object] | None:
    """Baseline when installed: camelot's lattice mode on every page."""
    try:
        import camelot  # type: ignore[import-not-found]
    except Exception:
        return None
    return lambda: [camelot.read_pdf(str(p), pages="all", flavor="lattice") for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=16, help="how many of the real PDFs to use")
    parser.add_argument("--ocr-repeat", type=int, default=1, help="OCR runs (0: no OCR figures)")
    parser.add_argument(
        "--ocr-roundtrip", action="store_true", help="also OCR the sample's table pages, built and scanned"
    )
    args = parser.parse_args()
    paths = sorted(REAL_PDFS.glob("*.pdf"))[: args.files]
    if not paths:
        raise SystemExit(f"no PDFs in {REAL_PDFS}")
    pages = page_count(paths)
    print(f"text PDFs: {len(paths)} files, {pages} pages, best/median of {args.repeat} runs")
    results: dict[str, float] = {}
    works: dict[str, Callable[[], object] | None] = {
        "yusuan read (text PDF → Disclosure)": text_pdf_yusuan(paths),
        "pdfplumber extract_tables (baseline)": text_pdf_pdfplumber_tables(paths),
        "camelot lattice (baseline)": text_pdf_camelot(paths),
    }
    for name, work in works.items():
        if work is None:
            print(f"  {name:40s} not installed")
            continue
        best, median = _best_median(work, args.repeat)
        results[name] = best
        print(f"  {name:40s} {pages / best:7.1f} pages/s (best {best:.2f}s, median {median:.2f}s)")
    ours = results["yusuan read (text PDF → Disclosure)"]
    for name, seconds in results.items():
        if "baseline" in name:
            print(f"  time ratio yusuan / {name.split(' (')[0]}: {ours / seconds:.2f}")
    if args.ocr_repeat > 0:
        ocr_benchmark(args.ocr_repeat, roundtrip=args.ocr_roundtrip)


# ---------------------------------------------------------------------------------------------
# OCR: scanned pages and page images


REAL_PAGES = REAL_PDFS.parent / "real_pages"
SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "wenshui-rsj-2026-budget.md"
OCR_DPI = 150
# Two table pages of rd13 (收支总表, 收入总表), scanned: (skew°, clockwise quarter turns).
OCR_SCANS = ((10, 1.3, 0), (11, -0.8, 1))


def ocr_scanned_pdf(folder: Path) -> Path:
    """Two real table pages rendered at 150 dpi, turned, skewed and noisy, as an image-only PDF."""
    import numpy as np
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from yusuan.parse.ocr.simulate import images_to_pdf, scan_like

    document = pdfium.PdfDocument(str(REAL_PDFS / "rd13_shpt_sifaju_2026_bmys.pdf"))
    images = []
    for number, skew, turns in OCR_SCANS:
        gray = np.asarray(document[number - 1].render(scale=OCR_DPI / 72, grayscale=True).to_numpy(), np.uint8)
        images.append(scan_like(gray, skew=skew, quarter_turns=turns, noise=10, specks=0.001, blur=0.6, seed=number))
    document.close()
    path = folder / "rd13-scan.pdf"
    images_to_pdf(images, path, OCR_DPI)
    return path


def ocr_yusuan(images: Sequence[Path], scan: Path) -> Callable[[], object]:
    """yusuan: each page turned upright and levelled, rules → grids, cells read one by one, text → paragraphs."""
    from yusuan.parse.ocr import OcrOptions, image_to_pages, pdf_to_pages

    def work() -> object:
        pages = [page for path in images for page in image_to_pages(path)]
        return pages + list(pdf_to_pages(scan, OcrOptions(dpi=OCR_DPI)))

    return work


def ocr_rapidocr_plain(images: Sequence[Path], scan: Path) -> Callable[[], object]:
    """Baseline: rapidocr's own whole-page call (detect + recognise, no tables, no turning) on the same pages."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image
    from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]

    engine = RapidOCR(print_verbose=False)

    def work() -> object:
        found = []
        for path in images:
            found.append(engine(np.asarray(Image.open(path).convert("RGB"))[:, :, ::-1].copy(), use_cls=False))
        document = pdfium.PdfDocument(str(scan))
        for page in document:
            found.append(engine(page.render(scale=OCR_DPI / 72).to_numpy()[:, :, :3].copy(), use_cls=False))
        document.close()
        return found

    return work


def ocr_accuracy(pages: Sequence[object], roundtrip: bool) -> None:
    """What the measured run read: stated figures of the real pages, and (optionally) the sample built,
    scanned at 150 and 200 dpi and read back, table amount by table amount."""
    import json
    import re
    from collections import Counter

    from yusuan.parse.blocks import TableBlock, TextLine
    from yusuan.parse.ocr import OcrPage
    from yusuan.text import halfwidth

    stated = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?=\s*(?:万元|元|%))")
    truth = {p["page"]: p["text"] for p in json.loads(next(REAL_PAGES.glob("*_pages.json")).read_text("utf-8"))}
    total = found = 0
    for page, path in zip(pages, sorted(REAL_PAGES.glob("*.png")), strict=False):
        assert isinstance(page, OcrPage)
        number = int(path.stem.rsplit("_p", 1)[1])
        if any(isinstance(b, TableBlock) for b in page.blocks):
            want = Counter(truth[number].strip().splitlines()[-1].split())
            cells = (c for b in page.blocks if isinstance(b, TableBlock) for r in b.rows for c in r.cells)
            have = Counter(c for c in cells if re.fullmatch(r"[\d.,]+", c))
        else:
            text = "\n".join(b.text for b in page.blocks if isinstance(b, TextLine))
            want = Counter(m.group(0) for m in stated.finditer(halfwidth(truth[number]).replace("\n", "")))
            have = Counter(m.group(0) for m in stated.finditer(halfwidth(text).replace("\n", "")))
        total += sum(want.values())
        found += sum((want & have).values())
    print(f"  real page images: {found}/{total} stated amounts and percentages exactly ({found / total:.2%})")
    if roundtrip:
        for dpi in (150, 200):
            ocr_roundtrip(dpi)


def ocr_roundtrip(dpi: int) -> None:
    """The sample → PDF (yusuan.render) → pdftoppm at `dpi` → turned, skewed, noisy → OCR → tables."""
    import subprocess
    import tempfile

    import numpy as np
    from PIL import Image

    from yusuan.checks import check
    from yusuan.parse import reading_to_disclosure
    from yusuan.parse.ocr import OcrOptions, read_scanned_pdf
    from yusuan.parse.ocr.simulate import amounts_recovered, images_to_pdf, is_flagged, scan_like
    from yusuan.render import render

    sample = read(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (built,) = render(sample, folder, ["pdf"], "package")
        # The package's table pages: from 表一's page to the page before the narrative part.
        first, last = 4, 16
        pages = ["-f", str(first), "-l", str(last)]
        subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), *pages, str(built), str(folder / "p")], check=True)
        images = []
        for i, png in enumerate(sorted(folder.glob("p-*.png"))):
            gray = np.asarray(Image.open(png).convert("L"))
            skew, turns = (0.7, -1.2, 1.9, -0.4)[i % 4], (0, 0, 0, 2, 0, 1)[i % 6]
            images.append(scan_like(gray, skew=skew, quarter_turns=turns, noise=8, specks=0.001, blur=0.5, seed=i))
        scan = folder / "scan.pdf"
        images_to_pdf(images, scan, dpi)
        start = time.perf_counter()
        got = reading_to_disclosure(read_scanned_pdf(scan, OcrOptions(dpi=dpi)))
        seconds = time.perf_counter() - start
    found, total, misses = amounts_recovered(sample, got)
    findings = check(got).findings
    flagged = sum(1 for m in misses if is_flagged(m, got, findings))
    print(
        f"  sample built → PDF → {dpi} dpi scan → OCR: {len(images)} pages in {seconds:.0f}s, "
        f"table amounts {found}/{total} exactly ({found / total:.2%}), misses flagged {flagged}/{len(misses)}"
    )


def ocr_benchmark(repeat: int, roundtrip: bool = False) -> None:
    import tempfile

    images = sorted(REAL_PAGES.glob("*.png"))
    if not images:
        print(f"OCR: no page images in {REAL_PAGES}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        scan = ocr_scanned_pdf(Path(tmp))
        pages = len(images) + len(OCR_SCANS)
        print(f"OCR: {len(images)} real page images + {len(OCR_SCANS)} scanned table pages, best/median of {repeat}")
        ours_work = ocr_yusuan(images, scan)
        read_pages = ours_work()  # warm (models loaded) and kept for the accuracy figures
        ours, ours_median = _best_median(ours_work, repeat)
        base, base_median = _best_median(ocr_rapidocr_plain(images, scan), repeat)
    for name, best, median in (
        ("yusuan OCR reader", ours, ours_median),
        ("rapidocr whole page (baseline)", base, base_median),
    ):
        print(f"  {name:40s} {pages / best:7.3f} pages/s (best {best:.1f}s, median {median:.1f}s)")
    print(f"  time ratio yusuan / rapidocr whole page: {ours / base:.2f}")
    assert isinstance(read_pages, list)
    ocr_accuracy(read_pages[: len(images)], roundtrip)


if __name__ == "__main__":
    main()
