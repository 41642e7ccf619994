"""Disclosure → files: XLSX, DOCX, PDF, HTML and Markdown, with charts.

`render(disclosure, directory, formats, stem)` writes `<stem>.<format>` for each format asked and
returns the paths; each file is written whole or not at all (`yusuan.files.atomic`), and a write
that fails raises `OutputError` naming the file. Each format's module is imported only when it is
used (the PDF and DOCX libraries take time to load): format "x" is
`yusuan.render.<module>.render_x(disclosure, path)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Protocol

from ..files import atomic
from ..model import Disclosure

FORMATS = ("xlsx", "docx", "pdf", "html", "md")

# format → module under yusuan.render that has render_<format>.
MODULES = {"xlsx": "xlsx", "docx": "docx", "pdf": "pdf", "html": "html", "md": "markdown"}

# Formats that embed the charts.
WITH_CHARTS = frozenset({"docx", "pdf", "html"})


class Renderer(Protocol):
    def __call__(self, disclosure: Disclosure, path: Path, /) -> None: ...


def renderer(fmt: str) -> Renderer:
    """The function that writes format `fmt` (imported on first use)."""
    if fmt not in MODULES:
        raise ValueError(f"未知的输出格式 {fmt!r}（可用：{', '.join(FORMATS)}）")
    module = import_module(f"{__name__}.{MODULES[fmt]}")
    function: Renderer = getattr(module, f"render_{fmt}")
    return function


def render(disclosure: Disclosure, directory: Path, formats: Sequence[str], stem: str) -> list[Path]:
    """Write `directory/<stem>.<fmt>` for each of `formats`; the paths written, in that order.

    With several formats, the charts are drawn in a worker process while the formats without
    charts are written, and those with charts come after (see charts.prefetch)."""
    for fmt in formats:
        if fmt not in MODULES:
            raise ValueError(f"未知的输出格式 {fmt!r}（可用：{', '.join(FORMATS)}）")
    order = list(dict.fromkeys(formats))
    if len(order) > 1 and WITH_CHARTS & set(order):
        from .charts import disclosure_to_charts, prefetch

        # Started before anything else is imported, so the worker gets the longest head start.
        if prefetch(disclosure_to_charts(disclosure)):
            order.sort(key=lambda fmt: fmt in WITH_CHARTS)
    for fmt in order:
        with atomic(directory / f"{stem}.{fmt}") as temp:
            renderer(fmt)(disclosure, temp)
    return [directory / f"{stem}.{fmt}" for fmt in dict.fromkeys(formats)]
