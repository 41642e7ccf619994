"""The Python front door: each of yusuan's three jobs in a few lines (docs/python.md).

    import yusuan

    disclosure = yusuan.read("package.pdf")              # extract: a published package → Disclosure
    yusuan.write_json(disclosure, "package.json")        #          … and its data as JSON, XLSX, CSV
    report = yusuan.check(disclosure)                    # check: the reviewer's findings
    package = yusuan.build("ledger/")                    # build: a budget ledger → the package …
    yusuan.publish(package, "out/", ["pdf", "md"])       #        … written in the formats asked

`import yusuan` gives these names without importing any of this until one is first used, so that
the command line and every submodule stay quick to import. Paths may be strings or `Path`s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .checks import Report, check
from .export import write_csv as _write_csv
from .export import write_json as _write_json
from .export import write_xlsx as _write_xlsx
from .ledger import read_ledger
from .model import Disclosure, Recognition
from .parse import read as _read
from .parse import recognise as _recognise
from .parse.pdf import ProgressFn
from .render import FORMATS
from .render import render as _render
from .views import ledger_to_disclosure

__all__ = [
    "FORMATS",
    "Report",
    "build",
    "check",
    "package_stem",
    "publish",
    "read",
    "recognise",
    "write_csv",
    "write_json",
    "write_xlsx",
]

PathLike = str | os.PathLike[str]


def read(path: PathLike, progress: ProgressFn | None = None) -> Disclosure:
    """Read a published package (OCR markdown, PDF, scanned PDF or page images, XLSX/XLS, DOCX):
    the reader is chosen from the file's content. `progress(done, total)` is called after each
    page of a PDF. Unusable input raises `UnusableInput`, which names the file and the place."""
    return _read(Path(path), progress)


def recognise(path: PathLike) -> Recognition:
    """What a published package is (document type, unit, year, region, level), reading no more of
    it than that takes (a PDF's first pages, until they settle it); `read` gives the same. A file
    that is no disclosure raises `UnusableInput`, as `read` does."""
    return _recognise(Path(path))


def build(ledger: PathLike, facts: PathLike | None = None) -> Disclosure:
    """The package a budget ledger describes: its line items (a directory holding items.xlsx or
    items.csv and facts.yaml/.toml, or the items sheet itself; `facts` when the facts file is
    elsewhere) → every table, the narrative, the forms. A bad ledger raises `LedgerError`."""
    return ledger_to_disclosure(read_ledger(Path(ledger), Path(facts) if facts is not None else None))


def package_stem(disclosure: Disclosure) -> str:
    """The name a package's files get: department, year and kind ("文水县人力资源和社会保障局2026年部门预算")."""
    kind = disclosure.document_type.label if disclosure.document_type else ""
    return f"{disclosure.department}{disclosure.year}年{kind}"


def publish(
    disclosure: Disclosure, directory: PathLike, formats: Sequence[str] = FORMATS, stem: str | None = None
) -> list[Path]:
    """Write the package as published, `directory/<stem>.<format>` for each of `formats` (xlsx, docx,
    pdf, html, md), with `yusuan.render`; the stem is `package_stem(disclosure)` unless given.
    Returns the paths written. (Not called `render`: `yusuan.render` is the renderers' package.)"""
    return _render(disclosure, Path(directory), formats, stem or package_stem(disclosure))


def write_json(disclosure: Disclosure, path: PathLike) -> None:
    """The Disclosure as JSON (docs/json.md)."""
    _write_json(disclosure, Path(path))


def write_xlsx(disclosure: Disclosure, path: PathLike) -> None:
    """The Disclosure's data as a workbook: one sheet per table and per flat part."""
    _write_xlsx(disclosure, Path(path))


def write_csv(disclosure: Disclosure, directory: PathLike) -> list[Path]:
    """The Disclosure's data as one CSV per sheet in `directory`; the paths written."""
    return _write_csv(disclosure, Path(directory))
