"""Reading markdown takes time in proportion to its size: the sample grown to 1, 4 and 16 MB three ways.

For each shape and size, the CPU seconds this process spends reading the text into a Disclosure
(CPU time, so that other work on the machine does not count), and the seconds a megabyte. The
baseline is reading the smallest size of the same shape: a reader whose time grows in proportion
to the size keeps the seconds a megabyte flat, so the figure to watch is the seconds a megabyte at
each size over those at the smallest (target ≤ 1.5 at 16 MB; a reader that joins a growing text
line by line, as a glossary continued over many lines once was, grows it with the size). Shapes:

- repeated: the whole sample package again and again;
- glossary: the sample, then its last glossary entry continued over line after line;
- narrative: the sample, then short paragraphs of running text after its 名词解释.

    .venv/bin/python bench/size.py [--sizes 1,4,16] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from yusuan.parse import markdown_to_disclosure

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "wenshui-rsj-2026-budget.md"
MB = 1024 * 1024


def shapes(text: str) -> dict[str, Callable[[int], str]]:
    """Each shape as a function of the size in bytes."""
    line = "在本年度内按规定程序调整，并在下一年度部门决算中予以反映。\n"
    running = "\n本部门严格执行预算，全年支出控制在预算范围以内，金额123.45万元。\n"

    def grown(piece: str) -> Callable[[int], str]:
        return lambda size: text + piece * max(0, (size - len(text.encode())) // len(piece.encode()))

    return {
        "repeated": lambda size: text * max(1, size // len(text.encode())),
        "glossary": grown(line),
        "narrative": grown(running),
    }


def cpu_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median CPU time of `repeat` runs of `work`."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="sizes in MB, comma-separated, smallest first")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    text = SAMPLE.read_text(encoding="utf-8")
    markdown_to_disclosure(text, "warm.md")
    print(f"sample: {SAMPLE.name}; median CPU seconds of {args.repeat} runs")
    print(f"{'shape':<10} {'MB':>5} {'seconds':>8} {'s/MB':>7} {'ratio':>7}")
    for shape, make in shapes(text).items():
        base = None
        for size in sizes:
            body = make(int(size * MB))
            megabytes = len(body.encode()) / MB
            seconds = cpu_seconds(lambda b=body: markdown_to_disclosure(b, "big.md"), args.repeat)
            per_mb = seconds / megabytes
            base = base or per_mb
            print(f"{shape:<10} {megabytes:5.1f} {seconds:8.2f} {per_mb:7.3f} {per_mb / base:7.2f}")
    print(f"ratio: seconds a megabyte over those at {sizes[0]:g} MB of the same shape (target ≤ 1.5)")


if __name__ == "__main__":
    main()
