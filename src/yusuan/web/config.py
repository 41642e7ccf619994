"""What `yusuan serve` is given: the store, where uploads are kept, and the limits an upload meets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..store.database import DEFAULT


@dataclass(frozen=True, slots=True)
class WebConfig:
    """The web page's settings. `db`: the store (a SQLite file or a database URL); `uploads`: the
    folder that keeps uploaded files (named by their content's hash, never by the name sent);
    `max_bytes`: the largest request body taken; `max_pages`: the most pages an uploaded PDF or
    image file may have; `max_units`: the most lines of a unit list."""

    db: str = DEFAULT
    uploads: Path = field(default_factory=lambda: Path("yusuan-uploads"))
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 300
    max_units: int = 5000
