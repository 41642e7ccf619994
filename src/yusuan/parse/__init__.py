"""File → Disclosure. `read(path)` picks the reader from the file's content and says which it used."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..errors import UnusableInput
from ..model import Disclosure, NoteLevel, ReadNote, Source
from .decode import decode
from .detect import Format, sniff
from .markdown import markdown_to_blocks
from .pdf import ProgressFn
from .recognize import blocks_to_disclosure

__all__ = ["markdown_to_disclosure", "read", "read_markdown"]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a text is read (a few milliseconds; the collector
    is the process's, so other threads' allocations do not trigger it meanwhile either). Reading
    makes tens of thousands of small objects (rows, cells, sources) and no reference cycles, so
    the collector's passes, which that allocation keeps triggering, find nothing to free and cost
    several percent of the reading time; reference counting frees everything as before. The
    collector is left as it was found."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def markdown_to_disclosure(text: str, file: str) -> Disclosure:
    """OCR markdown (as text) → Disclosure."""
    with _collector_paused():
        disclosure = blocks_to_disclosure(markdown_to_blocks(text, file), file, "markdown")
    cut = _cut_row(text, file)
    if cut is not None:
        note = ReadNote(NoteLevel.WARNING, "文件在表格的一行中间结束（被截断）", cut, "truncated")
        disclosure = replace(disclosure, notes=(*disclosure.notes, note))
    return disclosure


def _cut_row(text: str, file: str) -> Source | None:
    """The last line, when the text ends inside a table row (a '|' row with no closing '|')."""
    stripped = text.rstrip()
    last = stripped[stripped.rfind("\n") + 1 :].strip()  # (rfind: no copy of the rest of the text)
    if last.startswith("|") and not last.endswith("|"):
        return Source(file, line=stripped.count("\n") + 1)
    return None


def read_markdown(path: Path) -> Disclosure:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(str(path), f"无法读取（{exc.strerror or exc}）") from None
    text, _ = decode(data, str(path))
    return markdown_to_disclosure(text, str(path))


def read(path: Path, progress: ProgressFn | None = None) -> Disclosure:
    """Read a published package from `path`, choosing the reader from the content (not the name).

    `Disclosure.reader` says which reader was used: markdown, pdf, pdf+ocr, ocr (scanned PDF or page
    images), xlsx, xls, docx.
    `progress(done, total)` is called after each page of a PDF.
    """
    fmt = sniff(path)
    if fmt is Format.PDF:
        from .pdf import read_pdf

        return read_pdf(path, progress=progress)
    if fmt is Format.XLSX or fmt is Format.XLS:
        from .xlsx import read_workbook

        return read_workbook(path, fmt)
    if fmt is Format.IMAGE:
        from .ocr import read_image

        return read_image(path, progress=progress)
    if fmt is Format.DOCX:
        from .docx import read_docx

        return read_docx(path)
    return read_markdown(path)
