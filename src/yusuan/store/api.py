"""The store's Python API: `connect(target)` → `Store`, whose methods do what `yusuan db` does.

    from yusuan.db import connect

    with connect("yusuan.db") as store:                 # or "postgresql://user@host/db"
        store.ingest(["../shared/data/national"])
        for package in store.packages(region="上海市", year=2025):
            print(package.id, package.department, package.errors)
        sheet = store.department_years("上海市普陀区人民政府万里街道办事处")

Every method opens its own short transaction, so one Store can serve a web application's
requests one after another (or from several threads: the engine pools connections).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from ..errors import YusuanError
from ..export.flat import Sheet
from ..model import Disclosure, Finding, Table, TableKind, Unit
from ..parse.pdf import ProgressFn
from ..text import name_key
from . import queries
from .database import DEFAULT, open_engine
from .ingest import FileResult, IngestSummary, Progress, ingest
from .queries import Filters
from .records import rebuild_disclosure, rebuild_finding, rebuild_tables
from .schema import amounts, files, packages, publishers, rows, table_columns, tables
from .schema import findings as findings_table
from .work import Outcome, Task, read_package


class NoPackage(YusuanError):
    """No package with that id is stored."""

    def __init__(self, package_id: int) -> None:
        super().__init__(f"库中没有编号为 {package_id} 的文件（no such package）")


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """A stored package, as the `packages` table has it (without the stored document)."""

    id: int
    content_hash: str
    file: str
    bytes: int
    reader: str
    document_type: str | None
    kind: str | None
    department: str | None
    year: int | None
    region: str | None
    level: str | None
    title: str | None
    unit: str | None
    table_count: int
    row_count: int
    amount_count: int
    figure_count: int
    form_count: int
    finding_count: int
    errors: int
    warnings: int
    infos: int
    yusuan_version: str
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A file an ingest has seen: `status` stored (as `package_id`), unusable or failed (`reason`)."""

    path: str
    content_hash: str | None
    bytes: int | None
    status: str
    reason: str | None
    package_id: int | None
    yusuan_version: str
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class Publisher:
    """A unit of a region that must publish, as the region's list names it."""

    region: str
    number: int
    name: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Publication:
    """What a unit that must publish has published in one year: its stored packages (none when
    it has not published), and whether any of them has errors."""

    publisher: Publisher
    packages: tuple[PackageInfo, ...]

    @property
    def published(self) -> bool:
        return bool(self.packages)

    @property
    def errors(self) -> int:
        return sum(p.errors for p in self.packages)


_PACKAGE_COLUMNS = [packages.c[f.name] for f in fields(PackageInfo)]


class Store:
    """A store of packages (SQLite file or PostgreSQL database)."""

    def __init__(self, engine: Engine, target: str) -> None:
        self.engine = engine
        self.target = target

    # Writing

    def ingest(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        workers: int | None = None,
        cluster: str | None = None,
        force: bool = False,
        retries: int = 2,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Read and store every package under `paths` (files or directories); see `ingest.ingest`."""
        return ingest(
            self.engine,
            paths,
            workers=workers,
            cluster=cluster,
            force=force,
            retries=retries,
            progress=progress,
        )

    def ingest_file(self, path: str | os.PathLike[str], *, pages: ProgressFn | None = None) -> FileResult:
        """Store one file, read in this process with `pages(done, total)` called after each page
        of a PDF (a web page's progress bar while an upload is read); otherwise as `ingest`
        with one worker: a file already stored is not read again."""

        def work(task: Task) -> Outcome:
            return read_package(task, pages)

        return ingest(self.engine, [path], workers=1, retries=0, work=work).results[0]

    # Packages and what they hold

    def packages(
        self,
        *,
        department: str | None = None,
        region: str | None = None,
        year: int | None = None,
        level: str | None = None,
        document_type: str | None = None,
        kind: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[PackageInfo]:
        """Stored packages, by region, department, year and id; `region` takes the regions under
        it too; `rule` / `severity`: only packages with such a finding."""
        query = Filters(department, region, year, level, document_type, kind).apply(select(*_PACKAGE_COLUMNS))
        if rule is not None or severity is not None:
            hit = select(findings_table.c.package_id)
            if rule is not None:
                hit = hit.where(findings_table.c.rule == rule)
            if severity is not None:
                hit = hit.where(findings_table.c.severity == severity)
            query = query.where(packages.c.id.in_(hit))
        query = query.order_by(packages.c.region, packages.c.department, packages.c.year, packages.c.id).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [PackageInfo(**row) for row in conn.execute(query).mappings()]

    def package(self, package_id: int) -> PackageInfo:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_PACKAGE_COLUMNS).where(packages.c.id == package_id)).mappings().first()
        if row is None:
            raise NoPackage(package_id)
        return PackageInfo(**row)

    def tables(self, package_id: int, kind: TableKind | None = None) -> tuple[Table, ...]:
        """A package's tables (of one kind) as read, every row with its source."""
        file = self.package(package_id).file
        with self.engine.connect() as conn:

            def owned(table: Any, *order: str) -> list[Mapping[str, Any]]:
                query = select(table).where(table.c.package_id == package_id)
                return [dict(r) for r in conn.execute(query.order_by(*(table.c[o] for o in order))).mappings()]

            found = rebuild_tables(
                file,
                owned(tables, "table_no"),
                owned(table_columns, "table_no", "column_no"),
                owned(rows, "table_no", "row_no"),
                owned(amounts, "table_no", "row_no", "column_no"),
            )
        return tuple(t for t in found if kind is None or t.kind is kind)

    def findings(self, package_id: int) -> tuple[Finding, ...]:
        """A package's findings, in report order."""
        file = self.package(package_id).file
        with self.engine.connect() as conn:
            stored = conn.execute(
                select(findings_table)
                .where(findings_table.c.package_id == package_id)
                .order_by(findings_table.c.finding_no)
            ).mappings()
            return tuple(rebuild_finding(dict(row), file) for row in stored)

    def disclosure(self, package_id: int) -> Disclosure:
        """The whole Disclosure the package was read into (narrative, forms, glossary, notes, …)."""
        with self.engine.connect() as conn:
            document = conn.execute(select(packages.c.document).where(packages.c.id == package_id)).scalar()
        if document is None:
            raise NoPackage(package_id)
        return rebuild_disclosure(document)

    def files(self, *, package_id: int | None = None, status: str | None = None) -> list[FileInfo]:
        """The files ingests have seen (the sources of the packages), with what became of each."""
        query = select(files).order_by(files.c.path)
        if package_id is not None:
            query = query.where(files.c.package_id == package_id)
        if status is not None:
            query = query.where(files.c.status == status)
        with self.engine.connect() as conn:
            return [FileInfo(**row) for row in conn.execute(query).mappings()]

    # Who must publish

    def set_publishers(self, region: str, names: Sequence[tuple[str, str | None]]) -> list[Publisher]:
        """Replace the list of units of `region` that must publish with `names` ((name, code) in
        the list's order; a name listed twice is kept once)."""
        kept: dict[str, tuple[str, str | None]] = {}
        for name, code in names:
            kept.setdefault(name_key(name), (name.strip(), code))
        listed = [Publisher(region, n, name, code) for n, (name, code) in enumerate(kept.values(), start=1)]
        with self.engine.begin() as conn:
            conn.execute(delete(publishers).where(publishers.c.region == region))
            if listed:
                conn.execute(
                    insert(publishers),
                    [{"region": region, "publisher_no": p.number, "name": p.name, "code": p.code} for p in listed],
                )
        return listed

    def publishers(self, region: str | None = None) -> list[Publisher]:
        """The units that must publish, of `region` (or of every region with a list)."""
        query = select(publishers).order_by(publishers.c.region, publishers.c.publisher_no)
        if region is not None:
            query = query.where(publishers.c.region == region)
        with self.engine.connect() as conn:
            return [
                Publisher(row["region"], row["publisher_no"], row["name"], row["code"])
                for row in conn.execute(query).mappings()
            ]

    def publication(self, region: str, year: int) -> tuple[list[Publication], list[PackageInfo]]:
        """Who of `region`'s list has published for `year` (each unit with its packages of that
        year), and the region's packages of that year that no unit of the list names. A package
        is a unit's when its department is the unit's name, or the region's name followed by it."""
        stored = self.packages(region=region, year=year)
        regional = name_key(region)
        by_name: dict[str, list[PackageInfo]] = {}
        for package in stored:
            by_name.setdefault(name_key(package.department or ""), []).append(package)
        found: list[Publication] = []
        claimed: set[int] = set()
        for publisher in self.publishers(region):
            key = name_key(publisher.name)
            mine = [*by_name.get(key, []), *(by_name.get(regional + key, []) if not key.startswith(regional) else [])]
            claimed.update(p.id for p in mine)
            found.append(Publication(publisher, tuple(mine)))
        return found, [p for p in stored if p.id not in claimed]

    # Questions

    def department_years(
        self,
        department: str,
        *,
        region: str | None = None,
        document_type: str | None = None,
        kind: str | None = None,
        tables: Iterable[TableKind] | None = None,
        unit: Unit | None = None,
        years: Sequence[int] | None = None,
    ) -> Sheet:
        """One department across the years (or the `years` given), table by table (see
        `queries.department_years`)."""
        with self.engine.connect() as conn:
            return queries.department_years(
                conn,
                department,
                filters=Filters(region=region, document_type=document_type, kind=kind),
                kinds=list(tables) if tables is not None else None,
                unit=unit,
                years=years,
            )

    def region_year(
        self,
        region: str,
        year: int,
        *,
        level: str | None = None,
        document_type: str | None = None,
        kind: str | None = None,
        unit: Unit = Unit.WAN,
    ) -> Sheet:
        """A region's departments side by side for one year (see `queries.region_year`)."""
        with self.engine.connect() as conn:
            return queries.region_year(
                conn, region, year, filters=Filters(level=level, document_type=document_type, kind=kind), unit=unit
            )

    def packages_by_findings(
        self,
        *,
        rule: str | None = None,
        family: str | None = None,
        severity: str | None = None,
        region: str | None = None,
        year: int | None = None,
        department: str | None = None,
        limit: int | None = None,
    ) -> Sheet:
        """Packages with the findings asked for, most hits first (see `queries.packages_by_findings`)."""
        with self.engine.connect() as conn:
            return queries.packages_by_findings(
                conn,
                filters=Filters(department=department, region=region, year=year),
                rule=rule,
                family=family,
                severity=severity,
                limit=limit,
            )

    def package_list(self, **filters: Any) -> Sheet:
        """`packages(...)` as a sheet, for printing and saving."""
        limit = filters.pop("limit", None)
        with self.engine.connect() as conn:
            return queries.package_list(conn, filters=Filters(**filters), limit=limit)

    def sql(self, statement: str, params: Mapping[str, Any] | None = None) -> Sheet:
        """One SQL statement over the store's tables, read-only."""
        return queries.run_sql(self.engine, statement, params)

    # Open data

    def export(
        self, directory: str | os.PathLike[str], formats: Sequence[str] = ("csv",), **filters: Any
    ) -> list[Path]:
        """The stored packages (or those the filters pick) as open data in `directory`: `csv`,
        `parquet` and/or `fdp` (CSV files with a Fiscal Data Package descriptor); the files written."""
        from .opendata import export

        return export(self.engine, Path(directory), formats, Filters(**filters))

    # Lifetime

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.target!r})"


def connect(target: str | os.PathLike[str] = DEFAULT) -> Store:
    """Open (creating and migrating as needed) the store at `target`: a SQLite file path
    (default `yusuan.db`) or a database URL (`postgresql://user@host/db`)."""
    return Store(open_engine(target), os.fspath(target))
