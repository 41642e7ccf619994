"""The national corpus (shared/data/national) for the family tests: a disclosure read once per
session by its file's bare name, so that the sources the tests compare do not depend on paths."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from yusuan.model import Disclosure
from yusuan.parse import read

from .conftest import SHARED_DATA

NATIONAL = SHARED_DATA / "national"


@cache
def national(name: str) -> Disclosure:
    """shared/data/national/NAME.pdf, read once (call it from a test that asks for `shared_data`)."""
    cwd = Path.cwd()
    os.chdir(NATIONAL)
    try:
        return read(Path(f"{name}.pdf"))
    finally:
        os.chdir(cwd)
