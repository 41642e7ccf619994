"""Shared fixtures: paths to the bundled sample and the shared real documents, and the parsed sample."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from yusuan.model import Disclosure
from yusuan.parse import read

from .store_support import ThrowawayPostgres, dask_cluster, postgres

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "wenshui-rsj-2026-budget.md"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
# The row keys of a “三公” table as printed: its items in order, then its 合计 (which has none)
THREE_PUBLIC_KEYS = ["abroad", "reception", "vehicle", "vehicle_purchase", "vehicle_operation", None]


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample() -> Disclosure:
    """The bundled sample, read once per test session (Disclosure is immutable)."""
    return read(SAMPLE)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("shared/data is not next to the project")  # pragma: no cover
    return SHARED_DATA


@cache
def real_package(name: str) -> Disclosure:
    """A real PDF of shared/data/real_pdfs read by its bare name (so sources in golden files do not
    depend on where the checkout is), once per test session."""
    cwd = Path.cwd()
    os.chdir(SHARED_DATA / "real_pdfs")
    try:
        return read(Path(f"{name}.pdf"))
    finally:
        os.chdir(cwd)


@cache
def national_package(name: str) -> Disclosure:
    """A file of shared/data/national read by its name ("n104_suzhou.pdf"), once per session;
    skipped where shared data is not next to the project."""
    path = SHARED_DATA / "national" / name
    if not path.is_file():
        pytest.skip("shared/data/national is not next to the project")  # pragma: no cover
    return read(path)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayPostgres]:
    """A throwaway PostgreSQL cluster for the session (the store's tests run on it as on SQLite)."""
    with postgres() as server:
        yield server


@pytest.fixture(scope="session")
def dask_address() -> Iterator[str]:
    """A local Dask cluster of two worker processes for the session; its scheduler's address."""
    with dask_cluster(2) as address:
        yield address
