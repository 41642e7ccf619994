"""What a worker does with one file: read it, check it, and turn the result into the store's rows.

`read_package` runs in a worker process of this machine or on a cluster's worker, so it takes and
returns plain, picklable values. A file the reader refuses (not a disclosure, empty, corrupt) is a
verdict, returned as `Refused` and not retried (until another yusuan version reads the store's
files again); any other exception is raised, so that the
runner can try the file again (on another worker, when a cluster has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checks import check
from ..errors import YusuanError
from ..parse import read
from ..parse.pdf import ProgressFn
from .records import PackageRecords, package_records


@dataclass(frozen=True, slots=True)
class Task:
    """A file to read: its absolute path, and the content hash and size it had when planned."""

    path: str
    content_hash: str
    size: int


@dataclass(frozen=True, slots=True)
class Refused:
    """The reader's verdict on a file it cannot use (the one-line reason, naming the place)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Failed:
    """A file whose reading failed unexpectedly, after every retry."""

    reason: str


Outcome = PackageRecords | Refused | Failed


def read_package(task: Task, pages: ProgressFn | None = None) -> PackageRecords | Refused:
    """Read and check the file of `task`: its records, or the reader's reason for refusing it.
    `pages(done, total)` is called after each page of a PDF (when read in this process)."""
    try:
        disclosure = read(Path(task.path), pages)
    except YusuanError as exc:
        return Refused(str(exc))
    return package_records(disclosure, check(disclosure), task.content_hash, task.size)


def failure(exc: BaseException) -> Failed:
    return Failed(f"内部错误（internal error: {type(exc).__name__}: {exc}）")
