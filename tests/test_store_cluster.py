"""Ingest on a Dask cluster: a worker killed (SIGKILL) while it reads a file loses nothing; the
file is read again and every package is stored, as a local ingest stores it."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from yusuan.db import IngestSummary, connect

from .conftest import SHARED_DATA
from .store_support import consistency_problems, dask_cluster

FILES = [
    SHARED_DATA / "real_pdfs" / name
    for name in (
        "rd04_shpt_wanlijiedao_2023_bmys.pdf",
        "rd05_shpt_wanlijiedao_2024_bmys.pdf",
        "rd06_shpt_wanlijiedao_2025_bmys.pdf",
        "rd13_shpt_sifaju_2026_bmys.pdf",
    )
]


def test_a_file_whose_worker_dies_is_read_again(tmp_path: Path) -> None:
    from distributed import Client

    with dask_cluster(2) as address, Client(address, set_as_default=False) as watcher:
        store = connect(tmp_path / "store.db")
        done: dict[str, IngestSummary] = {}
        ingest = threading.Thread(target=lambda: done.update(summary=store.ingest(FILES, cluster=address)))
        ingest.start()
        victim = None
        deadline = time.monotonic() + 120
        while victim is None:
            assert time.monotonic() < deadline, "no worker ever read a file"
            for worker, keys in watcher.processing().items():
                if any(str(k).startswith("yusuan-read-") for k in keys):
                    victim = worker
            time.sleep(0.02)
        pid = watcher.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        ingest.join(timeout=600)
        assert not ingest.is_alive()
        summary = done["summary"]
        assert sorted(r.status for r in summary.results) == ["new"] * len(FILES)
        local = connect(tmp_path / "local.db")
        local.ingest(FILES, workers=1)
        assert [store.tables(p.id) for p in store.packages()] == [local.tables(p.id) for p in local.packages()]
        assert consistency_problems(store) == []
        store.close()
        local.close()
