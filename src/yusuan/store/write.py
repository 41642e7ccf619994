"""Writing packages: each package, with everything it owns, in one transaction.

A package is found by its content hash; a file path points at the package its content was read
into (`files`). Storing a package whose content is already stored only points the path at it;
storing a path's new content replaces its old package (dropped when no other path holds it).
Everything a package owns goes with it (ON DELETE CASCADE), so no state in between is ever
committed: a process killed mid-write leaves the store as the last commit left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ..version import __version__
from .records import PackageRecords, Record
from .schema import CHILDREN, files, packages

STORED, UNUSABLE, FAILED = "stored", "unusable", "failed"


def insert_rows(conn: Connection, table_name: str, package_id: int, rows: Sequence[Record]) -> None:
    """One child table's rows of a package, in one bulk insert."""
    if not rows:
        return
    for row in rows:
        row["package_id"] = package_id
    conn.execute(insert(_CHILD[table_name]), list(rows))


_CHILD = {table.name: table for table in CHILDREN}


def write_package(conn: Connection, records: PackageRecords, replacing: int | None = None) -> int:
    """Insert a package and everything it owns (or, given `replacing`, put it in the place of
    that package, keeping its id); its id."""
    if replacing is None:
        package_id = int(conn.execute(insert(packages).returning(packages.c.id), records.package).scalar_one())
    else:
        package_id = replacing
        for table in reversed(CHILDREN):
            conn.execute(delete(table).where(table.c.package_id == package_id))
        conn.execute(update(packages).where(packages.c.id == package_id).values(records.package))
    for table in CHILDREN:
        insert_rows(conn, table.name, package_id, records.children.get(table.name, ()))
    return package_id


def package_by_hash(conn: Connection, content_hash: str) -> int | None:
    found = conn.execute(select(packages.c.id).where(packages.c.content_hash == content_hash)).scalar()
    return None if found is None else int(found)


def file_entry(conn: Connection, path: str) -> Any:
    """The `files` row of `path` (or None)."""
    return conn.execute(select(files).where(files.c.path == path)).mappings().first()


def record_file(
    conn: Connection,
    path: str,
    content_hash: str | None,
    size: int | None,
    status: str,
    reason: str | None = None,
    package_id: int | None = None,
) -> None:
    """What became of a file: stored (as `package_id`), unusable or failed (with the reason)."""
    conn.execute(delete(files).where(files.c.path == path))
    conn.execute(
        insert(files).values(
            path=path,
            content_hash=content_hash,
            bytes=size,
            status=status,
            reason=reason,
            package_id=package_id,
            yusuan_version=__version__,
            seen_at=datetime.now(UTC),
        )
    )


def point_file(conn: Connection, path: str, content_hash: str, size: int, package_id: int) -> int | None:
    """Point `path` at a stored package; the package it held before, when that is another one."""
    before = file_entry(conn, path)
    record_file(conn, path, content_hash, size, STORED, None, package_id)
    previous = before["package_id"] if before is not None else None
    if previous is None or previous == package_id:
        return None
    drop_if_unheld(conn, previous)
    return int(previous)


def drop_if_unheld(conn: Connection, package_id: int) -> bool:
    """Delete a package no file points at any more (everything it owns goes with it)."""
    held = conn.execute(select(func.count()).select_from(files).where(files.c.package_id == package_id)).scalar_one()
    if held:
        return False
    conn.execute(delete(packages).where(packages.c.id == package_id))
    return True
