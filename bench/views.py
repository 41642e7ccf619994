"""Time building the example ledger's Disclosure (the views) against reading the published sample.

Prints the best and the median of repeated, interleaved runs for: reading and validating the
example ledger (items CSV + facts YAML), building its Disclosure (表1–表13, narrative, forms), writing
that Disclosure as markdown, and the baseline: `yusuan extract` reading the published sample
markdown into a Disclosure, in the same process. The ratio views / extract is the figure to watch
(a build should cost no more than reading the package it makes); the views alone should stay
well under 0.2 s.

    .venv/bin/python bench/views.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from yusuan.ledger import read_ledger
from yusuan.parse import markdown_to_disclosure
from yusuan.render.markdown import disclosure_to_markdown
from yusuan.views import ledger_to_disclosure

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timings

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "examples" / "ledger"
SAMPLE = ROOT / "examples" / "wenshui-rsj-2026-budget.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    ledger = read_ledger(LEDGER)
    disclosure = ledger_to_disclosure(ledger)
    text = SAMPLE.read_text(encoding="utf-8")
    works: dict[str, Callable[[], object]] = {
        "read ledger (CSV + YAML)": lambda: read_ledger(LEDGER),
        "views (ledger → Disclosure)": lambda: ledger_to_disclosure(ledger),
        "markdown (Disclosure → md)": lambda: disclosure_to_markdown(disclosure),
        "baseline: extract sample (md → Disclosure)": lambda: markdown_to_disclosure(text, str(SAMPLE)),
    }
    found = timings(works, args.repeat)
    print(f"{'work':45} {'best ms':>9} {'median ms':>10}")
    for name, values in found.items():
        print(f"{name:45} {min(values) * 1000:9.1f} {statistics.median(values) * 1000:10.1f}")
    views = statistics.median(found["views (ledger → Disclosure)"])
    baseline = statistics.median(found["baseline: extract sample (md → Disclosure)"])
    print(f"ratio views / extract (median): {views / baseline:.2f}")


if __name__ == "__main__":
    main()
