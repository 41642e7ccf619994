"""Timing shared by the benchmarks: interleaved repeated runs, so that load on the machine falls on
every piece of work alike; the first run of each warms caches and is dropped."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings(works: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Seconds of each run of each piece of work, `repeat` runs each, interleaved."""
    for work in works.values():
        work()
    found: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(repeat):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            found[name].append(time.perf_counter() - start)
    return found


def best_and_median(found: dict[str, list[float]]) -> tuple[dict[str, float], dict[str, float]]:
    return {n: min(t) for n, t in found.items()}, {n: statistics.median(t) for n, t in found.items()}
