"""What the store's tests need besides the store: a throwaway PostgreSQL cluster (Debian's
postgresql, started with initdb/pg_ctl on a temporary directory and port, as the `postgres` user
when the tests run as root) and a local Dask cluster of two worker processes."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yusuan.db import IngestSummary, Store


def postgres_bin() -> Path:
    """The directory of PostgreSQL's server programs (Debian keeps them out of PATH)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL is not installed (scripts/setup.sh installs Debian's postgresql)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only, trusting local
    connections, removed when stopped."""

    def __init__(self) -> None:
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="yusuan-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user: str | None = None
        if os.geteuid() == 0:  # initdb refuses to run as root
            self.user = "postgres"
            account = pwd.getpwnam(self.user)
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self.role = self.user or pwd.getpwuid(os.geteuid()).pw_name

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", self.role, "-E", "UTF8", "--no-locale"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.role}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url().replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def postgres() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def dask_cluster(workers: int = 2) -> Iterator[str]:
    """A local Dask cluster of `workers` processes (one thread each, as the store's ingest wants:
    reading is Python work that one process does at a time); its scheduler's address."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
        time.sleep(0.1)


# The stores the same tests run against: SQLite and PostgreSQL with worker processes of this
# machine, and SQLite with the reading done by a local Dask cluster's two workers.
BACKENDS = ("sqlite", "postgresql", "cluster")


class Backend:
    """Fresh stores of one kind, and the ingest that goes with it."""

    def __init__(self, name: str, directory: Path, server: ThrowawayPostgres | None, cluster: str | None) -> None:
        self.name = name
        self.directory = directory
        self.server = server
        self.cluster = cluster
        self._made = 0

    def target(self) -> str:
        """A new, empty store's target."""
        self._made += 1
        if self.server is not None:
            return self.server.create_database(f"store_{os.getpid()}_{self._made}")
        return str(self.directory / f"store{self._made}.db")

    def store(self) -> Store:
        from yusuan.db import connect

        return connect(self.target())

    def ingest(self, store: Store, paths: list[Path], **options: object) -> IngestSummary:
        if self.cluster is not None:
            return store.ingest(paths, cluster=self.cluster, **options)  # type: ignore[arg-type]
        return store.ingest(paths, workers=2, **options)  # type: ignore[arg-type]


def consistency_problems(store: Store) -> list[str]:
    """What would show a half-written package: a package whose rows do not number what it
    recorded, rows of no package, a stored file pointing at no package."""
    from sqlalchemy import func, select

    from yusuan.store import schema

    problems = []
    counted = {
        "table_count": schema.tables,
        "row_count": schema.rows,
        "amount_count": schema.amounts,
        "figure_count": schema.figures,
        "form_count": schema.forms,
        "finding_count": schema.findings,
    }
    with store.engine.connect() as conn:
        known = {p.id: p for p in conn.execute(select(schema.packages))}
        for field, table in counted.items():
            found = dict(
                conn.execute(select(table.c.package_id, func.count()).group_by(table.c.package_id)).all()  # type: ignore[arg-type]
            )
            for package_id in set(found) - set(known):
                problems.append(f"{table.name}: rows of no package ({package_id})")
            for package_id, package in known.items():
                if found.get(package_id, 0) != getattr(package, field):
                    problems.append(
                        f"package {package_id}: {field} {getattr(package, field)}, {table.name} has {found.get(package_id, 0)}"
                    )
        for path, status, package_id in conn.execute(
            select(schema.files.c.path, schema.files.c.status, schema.files.c.package_id)
        ):
            if status == "stored" and package_id not in known:
                problems.append(f"{path}: stored as package {package_id}, which is not there")
    return problems
