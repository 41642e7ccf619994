"""Time `yusuan extract` on the bundled sample against markdown-it-py tokenising the same file.

Prints the median of repeated runs for: reading the sample into a Disclosure (decode → blocks →
recognise → typed tables, forms, narrative figures), the same plus JSON serialization, and the
baseline: markdown-it-py (CommonMark with its GFM table rule enabled) tokenising the same text. The
ratio extract / tokenise is the figure to watch (target ≤ 0.15).

    .venv/bin/python bench/extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from yusuan.export.json import dumps
from yusuan.parse import markdown_to_disclosure

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "wenshui-rsj-2026-budget.md"


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    work()  # warm up caches (regexes, reference lists)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    tokenizer = MarkdownIt("commonmark").enable("table")

    extract = median_seconds(lambda: markdown_to_disclosure(text, str(SAMPLE)), args.repeat)
    to_json = median_seconds(lambda: dumps(markdown_to_disclosure(text, str(SAMPLE))), args.repeat)
    tokenise = median_seconds(lambda: tokenizer.parse(text), args.repeat)

    size = len(text.encode("utf-8"))
    print(f"sample: {SAMPLE.name}, {size / 1024:.0f} KiB, {text.count(chr(10)) + 1} lines")
    print(f"extract (text → Disclosure):        {extract * 1000:8.2f} ms")
    print(f"extract + JSON:                     {to_json * 1000:8.2f} ms")
    print(f"baseline markdown-it-py tokenise:   {tokenise * 1000:8.2f} ms")
    print(f"ratio extract / tokenise:           {extract / tokenise:8.3f}  (target ≤ 0.15)")


if __name__ == "__main__":
    main()
