"""Load test of the web page: report pages under 100 concurrent clients, on the loopback address.

Starts `yusuan serve` (one process, as a reviewer starts it) on 127.0.0.1 over a fresh store that
holds the bundled sample (77 findings) and a real PDF package, then lets 100 clients (keep-alive
connections, asyncio + httpx in this process) ask for report pages: the sample's whole report,
the PDF's report, and each filtered by severity. The run is bounded: each client makes
`--requests` requests (20: 2000 in all) and the whole run stops after `--seconds` (120) in any
case. Prints requests per second, the median and 95th-percentile latency, and how many requests
failed (any status but 200, or no answer), for the report pages and, as the baseline, for the
server's own style sheet (a static file: the server with no page to make), with the ratio.
Exits 1 if any request failed.

    .venv/bin/python bench/web.py [--clients 100] [--requests 20] [--seconds 120]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "wenshui-rsj-2026-budget.md"
PDF = ROOT.parent / "shared" / "data" / "real_pdfs" / "rd05_shpt_wanlijiedao_2024_bmys.pdf"
YUSUAN = Path(sys.executable).parent / "yusuan"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(folder: Path, port: int) -> subprocess.Popen[bytes]:
    packages = [str(SAMPLE)] + ([str(PDF)] if PDF.exists() else [])
    command = [str(YUSUAN), "serve", *packages, "--db", str(folder / "bench.db"), "--uploads", str(folder / "up")]
    server = subprocess.Popen([*command, "--port", str(port)], stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/packages", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("bench/web.py: the server did not start within two minutes")


async def load(
    base: str, paths: Sequence[str], clients: int, requests: int, seconds: float
) -> tuple[list[float], int, float]:
    """(latency of each answered request in seconds, failures, wall time) for `clients` clients
    each asking for `requests` of `paths` in turn."""
    latencies: list[float] = []
    failures = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def one(index: int) -> None:
            nonlocal failures
            for n in range(requests):
                if time.monotonic() > deadline:
                    return
                path = paths[(index + n) % len(paths)]
                started = time.perf_counter()
                try:
                    answer = await client.get(path)
                    ok = answer.status_code == 200 and len(answer.content) > 0
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(clients)))
        return latencies, failures, time.perf_counter() - started


def figures(name: str, latencies: list[float], failures: int, wall: float) -> float:
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")
    rate = len(latencies) / wall if wall else 0.0
    print(
        f"{name:<34} {rate:8.1f} req/s   median {statistics.median(ordered) * 1000 if ordered else 0:7.1f} ms"
        f"   p95 {p95 * 1000:7.1f} ms   {len(latencies)} answered, {failures} failed"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--seconds", type=float, default=120.0, help="the run stops after this many seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yusuan-bench-web-") as directory:
        port = free_port()
        server = start_server(Path(directory), port)
        try:
            base = f"http://127.0.0.1:{port}"
            ids = [p["id"] for p in httpx.get(base + "/api/packages").json()]
            filters = ("", "?severity=error", "?severity=warning&family=perf")
            reports = [f"/packages/{i}{q}" for i in ids for q in filters]
            print(f"{len(ids)} packages; {args.clients} clients × {args.requests} requests (≤ {args.seconds:.0f} s)")
            asyncio.run(load(base, reports, 10, 2, 30))  # warm the caches, as a reviewer's first look does
            latencies, failed, wall = asyncio.run(load(base, reports, args.clients, args.requests, args.seconds))
            rate = figures("report pages", latencies, failed, wall)
            base_latencies, base_failed, base_wall = asyncio.run(
                load(base, ["/static/style.css"], args.clients, args.requests, args.seconds)
            )
            baseline = figures("baseline: the static style sheet", base_latencies, base_failed, base_wall)
            print(f"report pages / static file: {rate / baseline:.2f} of the baseline's rate")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
    if failed or base_failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
