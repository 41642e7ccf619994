"""Where the store lives: a SQLite file (the default, nothing to set up) or a PostgreSQL URL.

`open_engine(target)` makes the SQLAlchemy engine and brings the schema up to date with the
migrations (Alembic) before anything reads or writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..errors import YusuanError

DEFAULT = "yusuan.db"


class StoreError(YusuanError):
    """A store that cannot be opened or used (a bad URL, a server that does not answer, …)."""


def database_url(target: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for `target`: a file path (SQLite), `postgresql://…` (PostgreSQL through
    psycopg), or any other SQLAlchemy URL as given."""
    text = os.fspath(target)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    scheme, rest = text.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return text


def open_engine(target: str | os.PathLike[str]) -> Engine:
    """The engine for `target`, its schema migrated to the newest revision."""
    url = database_url(target)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{target}: 不是数据库地址（not a database URL or file path）") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and not Path(database).parent.is_dir():
            raise StoreError(f"{target}: 目录不存在（no such directory）")
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        upgrade(engine)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, YusuanError):
            raise
        cause = getattr(exc, "orig", None) or exc
        reason = " ".join(str(cause).split())
        shown = parsed.render_as_string(hide_password=True) if "://" in os.fspath(target) else os.fspath(target)
        raise StoreError(f"{shown}: 无法打开数据库（cannot open the store: {type(cause).__name__}: {reason}）") from exc
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    """Foreign keys enforced (a package's rows go with it), a write-ahead log (readers are not
    blocked by an ingest), and waiting for a lock rather than failing."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(connection: object | None = None) -> Config:
    """Alembic's configuration for the store's migrations (in yusuan/store/migrations)."""
    config = Config()
    config.set_main_option("script_location", "yusuan.store:migrations")
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Run every migration the database has not had yet."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
