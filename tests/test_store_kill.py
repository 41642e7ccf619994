"""A process killed with SIGKILL in the middle of an ingest leaves no half package: every
package in the store is whole, and running the ingest again finishes the job. On SQLite and on
PostgreSQL; the kill comes while a package's rows are being written (the child pauses there and
says so), and then at random moments of a real `yusuan db ingest`."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from yusuan.db import connect
from yusuan.store.ingest import absolute, file_hash, ingest
from yusuan.store.records import PackageRecords
from yusuan.store.work import Refused, Task, read_package

from .conftest import SAMPLE
from .store_support import ThrowawayPostgres, consistency_problems

# Runs in the child: the ingest, with the writer pausing (and saying so in `marker`) after the
# amounts of the `stop_at`-th package are inserted, before its transaction commits.
CHILD = """
import sys, time
from yusuan.db import connect
from yusuan.store import write

target, marker, stop_at, paths = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
insert_rows, written = write.insert_rows, []

def pausing(conn, table_name, package_id, rows):
    insert_rows(conn, table_name, package_id, rows)
    if table_name == "amounts":
        written.append(package_id)
        if len(written) == stop_at:
            open(marker, "w").close()
            time.sleep(600)

write.insert_rows = pausing
connect(target).ingest(paths, workers=1)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    server: ThrowawayPostgres = request.getfixturevalue("pg_server")
    return server.create_database(f"kill_{os.getpid()}_{time.monotonic_ns()}")


def variants(directory: Path, n: int) -> list[Path]:
    """`n` copies of the sample, each with different content (so each is its own package)."""
    directory.mkdir(exist_ok=True)
    text_ = SAMPLE.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = directory / f"copy{i:02d}.md"
        path.write_text(f"{text_}\n附注 {i}。\n", encoding="utf-8")
        paths.append(path)
    return paths


def kill_while_writing(target: str, paths: list[Path], stop_at: int, tmp_path: Path) -> None:
    marker = tmp_path / "paused"
    marker.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, "-c", CHILD, target, str(marker), str(stop_at), *map(str, paths)])
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert child.poll() is None, "the ingest ended before it paused"
        assert time.monotonic() < deadline, "the ingest never paused"
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def check_sqlite(target: str) -> None:
    if "://" not in target:
        with connect(target).engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_killed_while_writing_a_new_package(target: str, tmp_path: Path) -> None:
    paths = variants(tmp_path / "in", 3)
    kill_while_writing(target, paths, 2, tmp_path)
    check_sqlite(target)
    store = connect(target)
    assert [p.file for p in store.packages()] == [absolute(paths[0])]
    assert [(f.path, f.status) for f in store.files()] == [(absolute(paths[0]), "stored")]
    assert consistency_problems(store) == []
    again = store.ingest(paths, workers=1)
    assert [r.status for r in again.results] == ["unchanged", "new", "new"]
    assert len(store.packages()) == 3 and consistency_problems(store) == []
    store.close()


def test_killed_while_replacing_a_package(target: str, tmp_path: Path) -> None:
    [path] = variants(tmp_path / "in", 1)
    store = connect(target)
    [first] = store.ingest([path], workers=1).results
    old_hash, _ = file_hash(path)
    path.write_text(path.read_text(encoding="utf-8") + "\n更正。\n", encoding="utf-8")
    kill_while_writing(target, [path], 1, tmp_path)
    check_sqlite(target)
    [package] = store.packages()
    assert (package.id, package.content_hash) == (first.package_id, old_hash)
    assert consistency_problems(store) == []
    [again] = store.ingest([path], workers=1).results
    assert again.status == "replaced"
    [package] = store.packages()
    assert package.content_hash == file_hash(path)[0] and consistency_problems(store) == []
    store.close()


def test_killed_at_random_moments(target: str, tmp_path: Path) -> None:
    """`yusuan db ingest` killed three times at random moments, then run to the end."""
    paths = variants(tmp_path / "in", 8)
    chance = random.Random(14)
    command = [
        sys.executable,
        "-m",
        "yusuan.cli",
        "db",
        "ingest",
        str(tmp_path / "in"),
        "--db",
        target,
        "--workers",
        "1",
    ]
    for _ in range(3):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(1.0, 4.0))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        check_sqlite(target)
        store = connect(target)
        assert consistency_problems(store) == []
        store.close()
    finished = subprocess.run(command, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    store = connect(target)
    assert sorted(p.file for p in store.packages()) == sorted(map(absolute, paths))
    assert consistency_problems(store) == []
    store.close()


def dies_once(task: Task) -> PackageRecords | Refused:
    """Reads as the store does, but the worker process dies the first time it meets a file."""
    marker = Path(task.path + ".attempted")
    if not marker.exists():
        marker.write_text("", encoding="utf-8")
        os._exit(1)
    return read_package(task)


def test_a_worker_process_that_dies_is_replaced_and_its_files_read_again(tmp_path: Path) -> None:
    paths = variants(tmp_path / "in", 3)
    store = connect(tmp_path / "store.db")
    # Each of the 3 files kills its worker once, and a dying worker fails every file in flight
    # beside it: a file can lose at most 3 attempts, so 3 retries make the outcome certain.
    summary = ingest(store.engine, paths, workers=2, retries=3, work=dies_once)
    assert sorted(r.status for r in summary.results) == ["new", "new", "new"]
    assert all(Path(f"{p}.attempted").exists() for p in paths)
    assert consistency_problems(store) == []
    store.close()
