"""The store's Python API: `yusuan.db.connect("yusuan.db")` (or a PostgreSQL URL) → `Store`.

See docs/store.md; the implementation is in `yusuan.store`.
"""

from .store.api import FileInfo, NoPackage, PackageInfo, Publication, Publisher, Store, connect
from .store.database import DEFAULT, StoreError
from .store.ingest import FileResult, IngestSummary
from .store.queries import QueryError

__all__ = [
    "DEFAULT",
    "FileInfo",
    "FileResult",
    "IngestSummary",
    "NoPackage",
    "PackageInfo",
    "Publication",
    "Publisher",
    "QueryError",
    "Store",
    "StoreError",
    "connect",
]
