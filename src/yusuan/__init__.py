"""yusuan (预算): build, check, extract and compare Chinese department budget disclosures.

The front door for Python (docs/python.md):

    import yusuan

    disclosure = yusuan.read("package.pdf")              # a published package → Disclosure
    report = yusuan.check(disclosure)                    # the reviewer's findings
    yusuan.publish(yusuan.build("ledger/"), "out/")      # a budget ledger → the whole package

The model's main types and the errors are here too. The functions (`read`, `check`, `build`,
`publish`, `write_json`, `write_xlsx`, `write_csv`) and `Report` live in `yusuan.api` and are
imported on first use, so that `import yusuan` (and every submodule, which imports this package
first) stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import LedgerError, OutputError, UnusableInput, YusuanError
from .model import (
    ColumnKey,
    Disclosure,
    DocumentType,
    Figure,
    Finding,
    GovLevel,
    OverallForm,
    Paragraph,
    ProjectForm,
    ReadNote,
    Recognition,
    Row,
    RowRole,
    Section,
    Severity,
    Side,
    Source,
    Table,
    TableKind,
    Topic,
    Unit,
)
from .model.ledger import Ledger
from .version import __version__

if TYPE_CHECKING:
    from .api import FORMATS, Report, build, check, publish, read, recognise, write_csv, write_json, write_xlsx


_FROM_API = frozenset(
    {"FORMATS", "Report", "build", "check", "publish", "read", "recognise", "write_csv", "write_json", "write_xlsx"}
)


def __getattr__(name: str) -> Any:
    """The front door's functions, imported from `yusuan.api` when first asked for."""
    if name in _FROM_API:
        from . import api  # (here, not above: reading, checking and rendering load on first use)

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'yusuan' has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "ColumnKey",
    "Disclosure",
    "DocumentType",
    "Figure",
    "Finding",
    "GovLevel",
    "Ledger",
    "LedgerError",
    "OutputError",
    "OverallForm",
    "Paragraph",
    "ProjectForm",
    "ReadNote",
    "Recognition",
    "Report",
    "Row",
    "RowRole",
    "Section",
    "Severity",
    "Side",
    "Source",
    "Table",
    "TableKind",
    "Topic",
    "Unit",
    "UnusableInput",
    "YusuanError",
    "__version__",
    "build",
    "check",
    "publish",
    "read",
    "recognise",
    "write_csv",
    "write_json",
    "write_xlsx",
]
