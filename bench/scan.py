"""A whole built package through a scanner and OCR: every amount of every part, against its markdown.

The example ledger's package is rendered (yusuan.render: PDF and markdown), every page of the PDF
is scanned by pdftoppm at --dpi (150 by default, gray) into an image-only PDF, and read by OCR.
Every amount of every part (tables, narrative figures, form amounts and indicators, the facts the
narrative states, glossary entries) is counted against the markdown read back
(`yusuan.parse.ocr.simulate.parts_recovered`). Baseline: the same PDF read from its text layer by
the PDF reader, counted and timed the same way.

    .venv/bin/python bench/scan.py [--dpi 150] [--misses]

Every page is OCR'd: about 5–10 s a page on an idle core, so a few minutes for the ≈ 60 pages.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from yusuan.ledger import read_ledger
from yusuan.parse import read, reading_to_disclosure
from yusuan.parse.ocr import OcrOptions, pages_to_reading, pdf_to_pages
from yusuan.parse.ocr.simulate import PARTS, Tally, images_to_pdf, parts_recovered
from yusuan.render import render
from yusuan.views import ledger_to_disclosure

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ledger"


def scan(pdf: Path, folder: Path, dpi: int) -> Path:
    """Every page of `pdf` as pdftoppm renders it at `dpi` in gray, wrapped into an image-only PDF."""
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(dpi), str(pdf), str(folder / "p")], check=True)
    pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    path = folder / "scan.pdf"
    images_to_pdf([np.asarray(Image.open(p).convert("L")) for p in pages], path, dpi)
    return path


def report(name: str, tallies: dict[str, Tally], seconds: float, pages: int, misses: bool) -> Tally:
    every = Tally(sum(t.found for t in tallies.values()), sum(t.total for t in tallies.values()))
    parts = ", ".join(f"{part} {tallies[part].found}/{tallies[part].total}" for part in PARTS)
    print(f"  {name}: {every.found}/{every.total} amounts ({100 * every.share:.2f}%) in {seconds:.1f} s")
    print(f"    {parts}; {pages / seconds:.2f} pages/s")
    if misses:
        for part in PARTS:
            for miss in tallies[part].misses:
                print(f"    miss {part}: {miss}")
    return every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--misses", action="store_true", help="list every amount that did not come back")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf, markdown = render(ledger_to_disclosure(read_ledger(EXAMPLE)), folder, ["pdf", "md"], "package")
        want = read(markdown)
        scanned = scan(pdf, folder, args.dpi)
        start = time.perf_counter()
        pages = list(pdf_to_pages(scanned, OcrOptions(dpi=args.dpi)))
        got = reading_to_disclosure(pages_to_reading(pages, str(scanned)))
        ocr_seconds = time.perf_counter() - start
        start = time.perf_counter()
        text = read(pdf)
        text_seconds = time.perf_counter() - start
    print(f"example package: {len(pages)} pages → pdftoppm {args.dpi} dpi gray → image-only PDF")
    ours = report("OCR of the scan", parts_recovered(want, got), ocr_seconds, len(pages), args.misses)
    base = report("text layer of the PDF (baseline)", parts_recovered(want, text), text_seconds, len(pages), False)
    print(f"  amounts ratio OCR / text layer: {ours.found / max(base.found, 1):.4f}")
    print(f"  time ratio OCR / text layer: {ocr_seconds / text_seconds:.0f}")


if __name__ == "__main__":
    main()
