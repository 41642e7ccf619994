"""File → Disclosure. `read(path)` picks the reader from the file's content and says which it used.

A format reader (markdown.py, html.py, pdf.py, xlsx.py, docx.py, ocr/) makes a `Reading`: the file's blocks
and what it recorded on the way. Only this module turns a Reading into a Disclosure, by
recognising the parts of the package in its blocks (recognize.py).
"""

from __future__ import annotations

import gc
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..errors import UnusableInput
from ..model import Disclosure, ReadNote, Recognition, Source
from .blocks import Block, Reading, TableBlock, TableLine, TextLine
from .decode import read_text
from .detect import Format, page_images, sniff
from .html import html_to_reading, is_html_document
from .markdown import markdown_to_reading
from .pagetext import is_page_text, page_text_to_reading
from .pdf import ProgressFn
from .recognize import blocks_to_disclosure

__all__ = [
    "Reading",
    "markdown_to_disclosure",
    "read",
    "read_blocks",
    "read_markdown",
    "reading_to_disclosure",
    "recognise",
]


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


def reading_to_disclosure(reading: Reading) -> Disclosure:
    """A format reader's blocks → Disclosure (the parts recognised), with what the reader noted
    and recorded on the way."""
    with _collector_paused():
        disclosure = blocks_to_disclosure(reading.blocks, reading.file, reading.reader, reading.recognition)
    if reading.notes or reading.ocr_cells or reading.source_lines:
        disclosure = replace(
            disclosure,
            notes=(*disclosure.notes, *reading.notes),
            ocr_cells=reading.ocr_cells,
            source_lines=reading.source_lines,
        )
    return disclosure


def markdown_to_disclosure(text: str, file: str) -> Disclosure:
    """OCR markdown (as text) → Disclosure."""
    with _collector_paused():
        return reading_to_disclosure(markdown_to_reading(text, file))


def read_markdown(path: Path) -> Reading:
    """A text file → its blocks: OCR markdown, an HTML document (as `yusuan build` writes one), or
    page text (a text layer's lines, page by page)."""
    text, _ = read_text(path)
    with _collector_paused():
        if is_html_document(text):
            return html_to_reading(text, str(path))
        lines = text.splitlines()
        if is_page_text(lines):
            return page_text_to_reading(lines, str(path))
        return markdown_to_reading(text, str(path))


def read_blocks(path: Path, progress: ProgressFn | None = None) -> Reading:
    """The blocks of the package at `path`, by the reader its content calls for (not its name).

    A folder that holds page images alone (PNG, JPEG, TIFF: `detect.page_images`) is one package,
    its images its pages in the order of their names. `progress(done, total)` is called after
    each page of a PDF or a scan. "-" is standard input; it and any
    other stream (a pipe, /dev/stdin) are read whole once, since their first bytes, which choose
    the reader, cannot be read again."""
    if _is_stream(path):
        return _read_stream(path, progress)
    if path.is_dir():
        images = page_images(path)
        if not images:
            message = "文件夹只有在仅含页面图像（PNG、JPEG、TIFF）时才作为一个公开文件读取（not a page-image folder）"
            raise UnusableInput(str(path), message)
        from .ocr import read_images

        return read_images(images, str(path), progress=progress)
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


def _is_stream(path: Path) -> bool:
    if str(path) == "-":
        return True
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # the reader says why it cannot be read
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _read_stream(path: Path, progress: ProgressFn | None) -> Reading:
    """A stream's bytes, read whole into a file of their own, by the reader they call for; what was
    read names the stream, not that file."""
    name = str(path)
    try:
        data = sys.stdin.buffer.read() if name == "-" else path.read_bytes()
    except OSError as exc:
        raise UnusableInput(name, f"无法读取（{exc.strerror or exc}）") from None
    with tempfile.TemporaryDirectory(prefix="yusuan-") as folder:
        spooled = Path(folder) / "input"
        spooled.write_bytes(data)
        try:
            reading = read_blocks(spooled, progress)
        except UnusableInput as exc:
            raise UnusableInput(name, exc.reason, exc.place) from None
    return _renamed(reading, str(spooled), name)


def _renamed(reading: Reading, old: str, new: str) -> Reading:
    """`reading` with every source of file `old` naming `new` instead."""

    def source(s: Source) -> Source:
        return s.at(file=new) if s.file == old else s

    def block(b: Block) -> Block:
        if isinstance(b, TableBlock):
            return TableBlock(tuple(TableLine(r.cells, source(r.source)) for r in b.rows), source(b.source))
        return TextLine(b.text, source(b.source), b.noise)

    notes = tuple(ReadNote(n.level, n.message.replace(old, new), source(n.source), n.code) for n in reading.notes)
    recognition = replace(reading.recognition, file=new) if reading.recognition is not None else None
    return replace(reading, file=new, blocks=[block(b) for b in reading.blocks], notes=notes, recognition=recognition)


def recognise(path: Path) -> Recognition:
    """What the package at `path` is (document type, unit, year, region, level), reading no more of
    it than that takes: of a PDF with a text layer, the first pages until they settle it (the
    cover, the 目录, the first table or the 情况说明's first page; see `front_recognition`), which
    are the pages `read` takes the same from; of any other file, or a PDF whose first pages do not
    settle it, the whole file, as `read` does. A file that is no disclosure is refused as `read`
    refuses it (UnusableInput)."""
    if _is_stream(path) or not path.is_file() or sniff(path) is not Format.PDF:
        return read(path).recognition
    from .pdf import iter_pages, pages_to_recognition, pages_to_text, pdf_text_to_reading

    pages = iter_pages(path)
    try:
        found, taken = pages_to_recognition(pages, str(path))
        if found is not None:
            return found
        text = pages_to_text([*taken, *pages])  # the rest of the pages: `read` as it reads the file
    finally:
        pages.close()
    return reading_to_disclosure(pdf_text_to_reading(path, text)).recognition


def read(path: Path, progress: ProgressFn | None = None) -> Disclosure:
    """Read a published package from `path`, choosing the reader from the content (not the name).

    `Disclosure.reader` says which reader was used: markdown, html, pdf, pdf+ocr, ocr (scanned PDF,
    page images, or a folder of them read as one package), xlsx, xls, docx.
    `progress(done, total)` is called after each page of a PDF.
    """
    reading = read_blocks(path, progress)
    try:
        return reading_to_disclosure(reading)
    except UnusableInput as exc:
        if reading.reader in ("markdown", "html", "text") and path.suffix.lower() == ".pdf":
            # a web page or a text saved under a .pdf name: say that it is no PDF at all
            reason = f"{exc.reason}；文件名是 .pdf，内容却不是 PDF（not a PDF）"
            raise UnusableInput(exc.file, reason, exc.place) from None
        raise
