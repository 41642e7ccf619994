"""Running `work.read_package` over many files: in this process, in worker processes of this
machine, or on a Dask cluster. Each runner takes tasks as they come (the planner hashes files
while the first ones are read), keeps a bounded number in flight, tries again a task whose attempt
raised or whose worker died, and yields (task, outcome) in the order they finish.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any
from uuid import uuid4

from ..errors import YusuanError
from .work import Outcome, Task, failure, read_package

Work = Callable[[Task], Outcome]


class ClusterError(YusuanError):
    """A cluster that cannot be reached or used."""


def run_here(tasks: Iterable[Task], retries: int, work: Work = read_package) -> Iterator[tuple[Task, Outcome]]:
    """One file after another, in this process."""
    for task in tasks:
        for attempt in range(retries + 1):
            try:
                outcome = work(task)
                break
            except Exception as exc:
                outcome = failure(exc)
                if attempt == retries:
                    break
        yield task, outcome


def run_processes(
    tasks: Iterable[Task], workers: int, retries: int, work: Work = read_package
) -> Iterator[tuple[Task, Outcome]]:
    """`workers` processes of this machine (started afresh, not forked from this one, which may
    hold database connections and threads)."""
    if workers <= 1:
        yield from run_here(tasks, retries, work)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context)
    pending: dict[Future[Outcome], tuple[Task, int]] = {}
    source = iter(tasks)

    def fill() -> None:
        while len(pending) < 2 * workers:
            task = next(source, None)
            if task is None:
                return
            pending[pool.submit(work, task)] = (task, 0)

    try:
        fill()
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            again: list[tuple[Task, int]] = []
            broken = False
            for future in done:
                task, attempt = pending.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:
                    # BrokenProcessPool: a worker died (killed, out of memory, a crash in a native
                    # library) and every task in flight went with it; each is tried again
                    broken = broken or isinstance(exc, BrokenProcessPool)
                    if attempt < retries:
                        again.append((task, attempt + 1))
                        continue
                    outcome = failure(exc)
                yield task, outcome
            if broken:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(workers, mp_context=context)
                again.extend((task, attempt + 1) for task, attempt in pending.values())
                pending.clear()
            for task, attempt in again:
                if attempt > retries:
                    yield task, failure(BrokenProcessPool("a worker process died while reading this file"))
                else:
                    pending[pool.submit(work, task)] = (task, attempt)
            fill()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_cluster(
    tasks: Iterable[Task], address: str, retries: int, work: Work = read_package
) -> Iterator[tuple[Task, Outcome]]:
    """The workers of the Dask cluster whose scheduler is at `address` (tcp://host:8786). Each
    file is one task; Dask runs a task again on another worker when its worker dies, and up to
    `retries` more times when it raises."""
    try:
        from distributed import Client, as_completed  # (untyped: calls below say so)
    except ImportError:  # pragma: no cover (a dependency; only a broken install lacks it)
        raise ClusterError("需要安装 distributed（Dask）才能使用集群（pip install distributed）") from None
    try:
        client = Client(address, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"{address}: 无法连接集群（cannot reach the Dask scheduler: {exc}）") from None
    try:
        window = 2 * max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        running: dict[Any, Task] = {}
        finished = as_completed(loop=client.loop)  # type: ignore[no-untyped-call]
        source = iter(tasks)

        def fill() -> None:
            while len(running) < window:
                task = next(source, None)
                if task is None:
                    return
                future = client.submit(work, task, retries=retries, pure=False, key=f"yusuan-read-{uuid4().hex}")
                running[future] = task
                finished.add(future)  # type: ignore[no-untyped-call]

        fill()
        for future in finished:
            task = running.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # raised every time, or its workers kept dying (KilledWorker)
                outcome = failure(exc)
            future.release()
            yield task, outcome
            fill()
    finally:
        client.close()  # type: ignore[no-untyped-call]
