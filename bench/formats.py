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


if __name__ == "__main__":
    main()
