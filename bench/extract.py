"""Time `yusuan extract` on the bundled sample against markdown-it-py tokenising the same file.

Prints the best and the median of repeated, interleaved runs for: reading the sample into a
Disclosure (decode → blocks → recognise → typed tables, forms, narrative figures), the same plus
JSON serialization, and the baseline: markdown-it-py (CommonMark with its GFM table rule
enabled) tokenising the same text. The ratio extract / tokenise is the figure to watch (target
≤ 0.15): of the best runs, of the medians, and within each round (extract and tokenise timed one
after the other, under the same load).

    .venv/bin/python bench/extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from yusuan.export.json import dumps
from yusuan.parse import markdown_to_disclosure

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timings

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "wenshui-rsj-2026-budget.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    tokenizer = MarkdownIt("commonmark").enable("table")

    found = timings(
        {
            "extract": lambda: markdown_to_disclosure(text, str(SAMPLE)),
            "json": lambda: dumps(markdown_to_disclosure(text, str(SAMPLE))),
            "tokenise": lambda: tokenizer.parse(text),
        },
        args.repeat,
    )
    best = {name: min(times) for name, times in found.items()}
    median = {name: statistics.median(times) for name, times in found.items()}

    size = len(text.encode("utf-8"))
    print(f"sample: {SAMPLE.name}, {size / 1024:.0f} KiB, {text.count(chr(10)) + 1} lines")
    print(f"runs: {args.repeat}, interleaved; best and median in ms")
    print(f"extract (text → Disclosure):      {best['extract'] * 1000:8.2f} {median['extract'] * 1000:8.2f}")
    print(f"extract + JSON:                   {best['json'] * 1000:8.2f} {median['json'] * 1000:8.2f}")
    print(f"baseline markdown-it-py tokenise: {best['tokenise'] * 1000:8.2f} {median['tokenise'] * 1000:8.2f}")
    ratio_best = best["extract"] / best["tokenise"]
    ratio_median = median["extract"] / median["tokenise"]
    print(f"ratio extract / tokenise:         {ratio_best:8.3f} {ratio_median:8.3f}  (target ≤ 0.15)")
    # Each round times extract and tokenise one right after the other: the ratio within a round
    # holds under the same load, so its median is the steadiest figure on a busy machine.
    rounds = sorted(e / t for e, t in zip(found["extract"], found["tokenise"], strict=True))
    print(
        f"ratio within each round: median {statistics.median(rounds):.3f}, "
        f"middle half {rounds[len(rounds) // 4]:.3f}–{rounds[3 * len(rounds) // 4]:.3f}"
    )


if __name__ == "__main__":
    main()
