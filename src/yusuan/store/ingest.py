"""`ingest`: files and directories → packages in the store, idempotent by content hash.

The planner walks the paths, hashes each file and decides: unchanged (this path already holds
this content), the same content as a stored package (the path is pointed at it), or to be read.
Files to read go to a runner (worker processes by default, or a Dask cluster); as each result
comes back, the writer stores it in its own transaction. A run that stops part-way (interrupted,
killed) is resumed by running it again: what was committed is skipped.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError

from ..parse.inputs import SUFFIXES
from ..version import __version__
from .records import PackageRecords
from .runners import Work, run_cluster, run_processes
from .schema import files
from .work import Failed, Outcome, Refused, Task, read_package
from .write import (
    FAILED,
    STORED,
    UNUSABLE,
    drop_if_unheld,
    file_entry,
    package_by_hash,
    point_file,
    record_file,
    write_package,
)

NEW, REPLACED, LINKED, UNCHANGED = "new", "replaced", "linked", "unchanged"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What an ingest did with one file. `status`: new (a package stored), replaced (the file's
    new content replaced its old package, or `force` read it again into its package), linked (its
    content was already stored from another file), unchanged (already stored from this file),
    unusable (the reader refused it: `reason`), failed (reading failed unexpectedly: `reason`).
    `notes` are the reader's warnings that a stored package stops early (a file cut off part-way)."""

    path: str
    status: str
    package_id: int | None = None
    reason: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class IngestSummary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *statuses: str) -> int:
        return sum(1 for r in self.results if r.status in statuses)

    @property
    def stored(self) -> int:
        """Files whose package is in the store after the run."""
        return self.count(NEW, REPLACED, LINKED, UNCHANGED)

    @property
    def read(self) -> int:
        """Packages read and written in this run."""
        return self.count(NEW, REPLACED)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.status in (UNUSABLE, FAILED)]


Progress = Callable[[FileResult, int, int], None]


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to ingest: each file named, and under each directory (recursively, in name
    order) every file whose suffix a reader takes; a path named twice is taken once."""
    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    found.setdefault(absolute(child), child)
        else:
            found.setdefault(absolute(path), path)
    return [Path(key) for key in found]


def absolute(path: Path) -> str:
    """The path a file is known by in the store: absolute, normalised, symbolic links kept."""
    return os.path.abspath(path)


def file_hash(path: Path) -> tuple[str, int]:
    """sha256 of the file's content (hex) and its size in bytes."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def ingest(
    engine: Engine,
    paths: Sequence[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    cluster: str | None = None,
    force: bool = False,
    retries: int = 2,
    progress: Progress | None = None,
    work: Work = read_package,
) -> IngestSummary:
    """Store every package under `paths`. `workers`: processes on this machine (default: one
    per core); `cluster`: a Dask scheduler's address, whose workers read instead; `force`: read
    again files already stored (their packages keep their ids); `retries`: further attempts at a
    file whose reading raised or whose worker died; `progress(result, done, total)` after each
    file."""
    started = time.perf_counter()
    targets = discover(paths)
    summary = IngestSummary()
    waiting: dict[str, list[Task]] = {}  # content hash → further files of that content, read once

    def report(result: FileResult) -> None:
        summary.results.append(result)
        if progress is not None:
            progress(result, len(summary.results), len(targets))

    def plan() -> Iterator[Task]:
        for path in targets:
            key = str(path)
            try:
                content_hash, size = file_hash(path)
            except OSError as exc:
                reason = f"{key}: 无法读取（{exc.strerror or exc}）"
                with engine.begin() as conn:
                    record_file(conn, key, None, None, UNUSABLE, reason)
                report(FileResult(key, UNUSABLE, reason=reason))
                continue
            task = Task(key, content_hash, size)
            if content_hash in waiting:
                waiting[content_hash].append(task)
                continue
            if not force:
                decided = _known(engine, task)
                if decided is not None:
                    report(decided)
                    continue
            waiting[content_hash] = []
            yield task

    if cluster:
        results = run_cluster(plan(), cluster, retries, work)
    else:
        results = run_processes(plan(), workers or os.cpu_count() or 1, retries, work)
    for task, outcome in results:
        report(_store(engine, task, outcome, force))
        for same in waiting.pop(task.content_hash, []):
            report(_store(engine, same, outcome, False))
    summary.seconds = time.perf_counter() - started
    return summary


def _known(engine: Engine, task: Task) -> FileResult | None:
    """The result for a file whose content the store already has, or None to read it."""
    with engine.begin() as conn:
        entry = file_entry(conn, task.path)
        if entry is not None and entry["content_hash"] == task.content_hash:
            if entry["status"] == STORED and entry["package_id"] is not None:
                return FileResult(task.path, UNCHANGED, entry["package_id"])
            if entry["status"] == UNUSABLE and entry["yusuan_version"] == __version__:
                # a refusal is this version's verdict: another version's reader may read the file
                return FileResult(task.path, UNUSABLE, reason=entry["reason"])
        package_id = package_by_hash(conn, task.content_hash)
        if package_id is None:
            return None
        point_file(conn, task.path, task.content_hash, task.size, package_id)
        return FileResult(task.path, LINKED, package_id)


def _store(engine: Engine, task: Task, outcome: Outcome, force: bool) -> FileResult:
    """Write one file's outcome in one transaction."""
    if isinstance(outcome, Refused | Failed):
        status = UNUSABLE if isinstance(outcome, Refused) else FAILED
        with engine.begin() as conn:
            before = file_entry(conn, task.path)
            record_file(conn, task.path, task.content_hash, task.size, status, outcome.reason)
            if before is not None and before["package_id"] is not None:
                drop_if_unheld(conn, before["package_id"])  # the file no longer says what it said
        return FileResult(task.path, status, reason=outcome.reason)
    notes = _truncation(outcome)
    for attempt in range(2):
        try:
            with engine.begin() as conn:
                existing = package_by_hash(conn, task.content_hash)
                if existing is not None and not force:
                    point_file(conn, task.path, task.content_hash, task.size, existing)
                    return FileResult(task.path, LINKED, existing, notes=notes)
                package_id = write_package(conn, outcome, replacing=existing)
                previous = point_file(conn, task.path, task.content_hash, task.size, package_id) or existing
                conn.execute(
                    update(files)
                    .where(files.c.content_hash == task.content_hash, files.c.status == STORED)
                    .values(package_id=package_id)
                )
            return FileResult(task.path, REPLACED if previous is not None else NEW, package_id, notes=notes)
        except IntegrityError:
            # another ingest stored the same content meanwhile: point at its package instead
            if attempt:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _truncation(records: PackageRecords) -> tuple[str, ...]:
    return tuple(
        f"{records.package['file']}:{n['line'] if n['line'] is not None else n['page']}: {n['message']}"
        for n in records.children.get("notes", ())
        if n["code"] == "truncated"
    )
