"""Shared fixtures: paths to the bundled sample and the shared real documents, and the parsed sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.model import Disclosure
from yusuan.parse import read

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "wenshui-rsj-2026-budget.md"
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"


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
