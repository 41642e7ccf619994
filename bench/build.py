"""How long rendering the package takes, per format and as a whole, against LibreOffice.

Renders the bundled sample (read by the parser; a ledger-built Disclosure has the same shape)
to XLSX, DOCX, PDF and HTML. Every figure is measured in a fresh Python process, as `yusuan build`
runs: library imports, font loading and chart drawing included, reading the sample excluded.
Each measurement is repeated and the median printed (other work on the machine adds noise).

Baseline: LibreOffice converting the DOCX we built to PDF (`soffice --headless --convert-to pdf`),
what an officer would otherwise do. Install it for the comparison (not needed by yusuan):

    apt-get install -y libreoffice-writer-nogui

Usage: .venv/bin/python bench/build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "wenshui-rsj-2026-budget.md"
FORMATS = ("xlsx", "docx", "pdf", "html")
TARGET_SECONDS = 2.0


def child(formats: list[str], directory: Path) -> None:
    """In a fresh process: read the sample, then time rendering `formats`; print JSON."""
    from yusuan.parse import read

    disclosure = read(SAMPLE)
    start, cpu = time.perf_counter(), time.process_time()
    from yusuan.render import render

    render(disclosure, directory, formats, "wenshui")
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}))


def timed_child(formats: list[str], directory: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the rendering process) of one fresh run."""
    command = [sys.executable, __file__, "--child", ",".join(formats), "--out", str(directory)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return float(figures["seconds"]), float(figures["cpu"])


def libreoffice_seconds(docx: Path, directory: Path) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    profile = directory / "lo-profile"
    command = [
        soffice,
        "--headless",
        f"-env:UserInstallation=file://{profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(directory / "lo"),
        str(docx),
    ]
    # The first run creates LibreOffice's profile; time the runs after it, as an officer's
    # already-installed office suite would run.
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child.split(","), Path(args.out))
        return

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        load = os.getloadavg()[0]
        print(f"sample: {SAMPLE.relative_to(ROOT)}; median of {args.repeat} fresh processes each")
        print(f"machine: {os.cpu_count()} cores, load average {load:.2f} at start (other work slows wall times)")
        per_format = {}
        for fmt in FORMATS:
            runs = [timed_child([fmt], directory) for _ in range(args.repeat)]
            per_format[fmt] = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"  {fmt:<5} alone      {per_format[fmt]:6.3f} s wall  {cpu:6.3f} s cpu")
        runs = [timed_child(list(FORMATS), directory) for _ in range(args.repeat)]
        whole = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        verdict = "within" if whole < TARGET_SECONDS else "OVER"
        print(
            f"  all four formats {whole:6.3f} s wall  {cpu:6.3f} s cpu (main process; charts drawn in a worker)"
            f"  target < {TARGET_SECONDS:.0f} s: {verdict}"
        )
        sizes = {fmt: (directory / f"wenshui.{fmt}").stat().st_size for fmt in FORMATS}
        print("  sizes: " + ", ".join(f"{fmt} {size / 1024:.0f} KiB" for fmt, size in sizes.items()))

        office = libreoffice_seconds(directory / "wenshui.docx", directory)
        if office is None:
            print("LibreOffice: not installed (apt-get install -y libreoffice-writer-nogui); no baseline")
            return
        pdf = per_format["pdf"]
        print(f"LibreOffice DOCX → PDF  {office:6.3f} s")
        print(f"ratio yusuan PDF / LibreOffice = {pdf / office:.2f} ({'faster' if pdf < office else 'slower'})")


if __name__ == "__main__":
    main()
