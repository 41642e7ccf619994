"""Time `yusuan check` on the bundled sample, and its throughput over a directory of 200 copies.

Prints, for repeated interleaved runs, the best and median time of: checking the sample with the
read included (decode → Disclosure → every rule → report), reading it alone (the `extract` step),
and the baseline markdown-it-py tokenising the same text. The ratios check / extract and
check / tokenise are the figures to watch. Then it copies the sample 200 times into a temporary
directory and reads and checks every copy in turn, as `yusuan check DIR/*.md` does: packages per
second.

    .venv/bin/python bench/check.py [--repeat N] [--copies N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from yusuan.checks import check
from yusuan.parse import markdown_to_disclosure, read

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import timings

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "wenshui-rsj-2026-budget.md"


def throughput(copies: int) -> tuple[float, int]:
    """Seconds to read and check `copies` copies of the sample from disk, and the findings seen."""
    with tempfile.TemporaryDirectory() as directory:
        paths = []
        for i in range(copies):
            path = Path(directory) / f"department-{i:03d}.md"
            shutil.copyfile(SAMPLE, path)
            paths.append(path)
        start = time.perf_counter()
        findings = sum(len(check(read(path)).findings) for path in paths)
        return time.perf_counter() - start, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    tokenizer = MarkdownIt("commonmark").enable("table")

    found = timings(
        {
            "check (read included)": lambda: check(markdown_to_disclosure(text, str(SAMPLE))),
            "extract (read only)": lambda: markdown_to_disclosure(text, str(SAMPLE)),
            "tokenise (markdown-it-py)": lambda: tokenizer.parse(text),
        },
        args.repeat,
    )
    best = {name: min(times) for name, times in found.items()}
    median = {name: statistics.median(times) for name, times in found.items()}
    print(f"sample: {SAMPLE.name} ({len(text.encode('utf-8')) / 1024:.0f} KiB, {text.count(chr(10)) + 1} lines)")
    print(f"{'':28} {'best ms':>9} {'median ms':>10}")
    for name in found:
        print(f"{name:28} {best[name] * 1000:9.1f} {median[name] * 1000:10.1f}")
    check_time, extract_time, token_time = (median[n] for n in found)
    print(f"ratio check / extract:  {check_time / extract_time:.2f}  (median)")
    print(f"ratio check / tokenise: {check_time / token_time:.2f}  (median)")

    seconds, findings = throughput(args.copies)
    rate = args.copies / seconds
    print(f"{args.copies} copies read and checked in {seconds:.2f} s: {rate:.1f} packages/s ({findings} findings)")


if __name__ == "__main__":
    main()
