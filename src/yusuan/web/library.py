"""What the pages show, from the store: a package's report, its Disclosure, its page pictures and
lines, kept in small caches (a stored package does not change under its id and content hash).

Every file read here is one the store names for a package id (`Store.files`); a request only
ever gives the id.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .. import Disclosure, Finding, Severity
from ..checks import Family, Report
from ..checks.marks import Box, Mark, finding_marks
from ..checks.report import family_of
from ..db import PackageInfo, Store
from ..parse.decode import read_text
from ..parse.pages import PagePicture, page_picture, page_words

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Cache(Generic[K, V]):
    """The last `size` values made, by key (thread-safe; a value may be made twice at once)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


@dataclass(frozen=True, slots=True)
class Entry:
    """A finding of a report as the page lists it: its number in the report, its family."""

    number: int
    finding: Finding
    family: Family


class Library:
    """The store, as the web page reads it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._reports: Cache[tuple[int, str], Report] = Cache(256)
        self._disclosures: Cache[tuple[int, str], Disclosure] = Cache(8)
        self._pictures: Cache[tuple[int, str, int], PagePicture] = Cache(48)
        self._words: Cache[tuple[int, str, int], list[tuple[str, Box]]] = Cache(48)
        self._lines: Cache[tuple[int, str], tuple[str, ...]] = Cache(8)

    def package(self, package_id: int) -> PackageInfo:
        return self.store.package(package_id)

    def report(self, package: PackageInfo) -> Report:
        def make() -> Report:
            findings = self.store.findings(package.id)
            return Report(package.file, package.department, package.year, findings)

        return self._reports.get((package.id, package.content_hash), make)

    def disclosure(self, package: PackageInfo) -> Disclosure:
        return self._disclosures.get((package.id, package.content_hash), lambda: self.store.disclosure(package.id))

    def path(self, package: PackageInfo) -> Path | None:
        """A file on this machine that holds the package (the one it was read from, else a copy)."""
        candidates = [package.file, *(f.path for f in self.store.files(package_id=package.id))]
        return next((Path(p) for p in candidates if Path(p).is_file()), None)

    def picture(self, package: PackageInfo, page: int) -> PagePicture | None:
        path = self.path(package)
        if path is None or package.reader in ("markdown", "xlsx", "xls", "docx"):
            return None
        return self._pictures.get((package.id, package.content_hash, page), lambda: page_picture(path, page))

    def words(self, package: PackageInfo, page: int) -> list[tuple[str, Box]]:
        path = self.path(package)
        if path is None or package.reader != "pdf":
            return []
        return self._words.get((package.id, package.content_hash, page), lambda: page_words(path, page))

    def lines(self, package: PackageInfo) -> tuple[str, ...]:
        """The lines of a text input, which its sources' line numbers point into."""
        path = self.path(package)
        if path is None or package.reader != "markdown":
            return ()
        return self._lines.get((package.id, package.content_hash), lambda: tuple(read_text(path)[0].splitlines()))

    def marks(self, package: PackageInfo, finding: Finding) -> list[Mark]:
        return finding_marks(finding, self.disclosure(package), lambda page: self.words(package, page))


def entries(report: Report) -> list[Entry]:
    """The report's findings, errors first, then warnings, then notes, each in report order."""
    listed = [Entry(n, f, family_of(f)) for n, f in enumerate(report.findings)]
    return sorted(listed, key=lambda e: (e.finding.severity.rank, e.number))


def chosen(entries: Sequence[Entry], severities: Sequence[str], families: Sequence[str]) -> list[Entry]:
    """The entries of the severities and families asked for (all, where none is asked)."""
    return [
        e
        for e in entries
        if (not severities or e.finding.severity.value in severities)
        and (not families or e.family.value in families)
    ]


def culprits(report: Report, finding: Finding) -> list[tuple[int, Finding]]:
    """The culprit-cell findings that name a cell this finding cites (number, finding)."""
    cited = {(s.table, s.row, s.column) for s in (finding.location, *finding.related) if s.table is not None}
    return [
        (n, f)
        for n, f in enumerate(report.findings)
        if f.rule == "culprit.cell"
        and f is not finding
        and (f.location.table, f.location.row, f.location.column) in cited
    ]


SEVERITIES = tuple(Severity)
