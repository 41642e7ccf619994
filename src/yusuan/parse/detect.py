"""What kind of file this is, from its first bytes (not its name): PDF, XLSX, DOCX, XLS, image or
text; and whether a folder is a package kept as page images (`page_images`).

ZIP containers (XLSX, DOCX) are checked before any library opens them: the total uncompressed
size and the compression ratio are bounded (a zip bomb is refused) and macro content
(`vbaProject.bin`, a macro-enabled content type) is refused with a clear message.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from enum import StrEnum
from pathlib import Path

from ..errors import UnusableInput

# A real package's XLSX or DOCX unpacks to a few megabytes; these bounds leave wide room.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 10_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_TYPES = ("macroEnabled", "vbaProject", "ms-office.vbaProject")


class Format(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    DOCX = "docx"
    XLS = "xls"
    IMAGE = "image"  # a scanned page: PNG, JPEG or TIFF
    TEXT = "text"  # OCR markdown or HTML


def sniff(path: Path) -> Format:
    """The format of the file at `path`, judged by its content. Raises UnusableInput when the
    file cannot be read, is a ZIP that is neither XLSX nor DOCX, or is unsafe to open."""
    file = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise UnusableInput(file, f"无法读取（{exc.strerror or exc}）") from None
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(_OLE2):
        return _ole2(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return zip_format(path)
    if head.startswith(_IMAGES):
        return Format.IMAGE
    return Format.TEXT


# PNG, JPEG, TIFF (little- and big-endian)
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


# What a folder of scans may hold besides its pages: files the system leaves there.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini"})


def page_images(folder: Path) -> tuple[Path, ...]:
    """The pages of a package kept as a folder of page images (PNG, JPEG, TIFF, judged by their
    content), in reading order: names compared with their digit runs as numbers (p2 before p10).
    Empty for anything else: a file, a folder with a subfolder, with any other file, or with no
    image. Hidden files and the files a system leaves (Thumbs.db, desktop.ini) are passed over."""
    try:
        entries = [e for e in folder.iterdir() if not e.name.startswith(".") and e.name.lower() not in _SYSTEM_FILES]
    except OSError:  # not a folder, or one that cannot be listed
        return ()
    if not entries or not all(e.is_file() for e in entries):
        return ()
    try:
        if not all(sniff(e) is Format.IMAGE for e in entries):
            return ()
    except UnusableInput:
        return ()
    return tuple(sorted(entries, key=lambda e: _reading_order(e.name)))


def _reading_order(name: str) -> tuple[tuple[int, int | str], ...]:
    """p10.png → ((1, 'p'), (0, 10), (1, '.png')): digit runs compare as numbers, before text."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.findall(r"\d+|\D+", name))


def _ole2(path: Path) -> Format:
    """An OLE2 compound file: a legacy .xls workbook, unless it carries macros or is a .doc."""
    data = path.read_bytes()
    name = "_VBA_PROJECT".encode("utf-16-le")
    if name in data or b"_VBA_PROJECT" in data:
        raise UnusableInput(str(path), "文件含有宏（VBA），出于安全原因不予读取（macro content refused）")
    if "WordDocument".encode("utf-16-le") in data:
        raise UnusableInput(str(path), "旧版 Word（.doc）文件不受支持，请另存为 .docx（legacy .doc not supported）")
    return Format.XLS


def zip_format(path: Path) -> Format:
    """XLSX or DOCX, after checking the archive is safe to open."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            check_archive(file, infos)
            _check_declared_sizes(file, archive, infos)
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise UnusableInput(file, "ZIP 文件已损坏，无法打开（damaged zip）") from None
    except OSError as exc:
        raise UnusableInput(file, f"无法读取（{exc.strerror or exc}）") from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or any(
        m.encode() in content_types for m in _MACRO_TYPES
    ):
        raise UnusableInput(file, "文件含有宏（VBA），出于安全原因不予读取（macro content refused）")
    if not content_types:
        raise UnusableInput(file, "ZIP 文件既不是 XLSX 也不是 DOCX（no [Content_Types].xml）")
    if any(n.startswith("xl/") for n in names):
        return Format.XLSX
    if any(n.startswith("word/") for n in names):
        return Format.DOCX
    raise UnusableInput(file, "Office 文件既不是 XLSX 也不是 DOCX（unsupported Office file）")


def check_archive(file: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose entries unpack to too much (a zip bomb)."""
    if len(infos) > MAX_ENTRIES:
        raise UnusableInput(file, f"压缩包条目过多（{len(infos)} 个），疑似压缩炸弹（zip bomb refused）")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNPACKED:
        raise UnusableInput(
            file,
            f"解压后大小 {total // 2**20} MB 超过上限 {MAX_UNPACKED // 2**20} MB，疑似压缩炸弹（zip bomb refused）",
        )
    if total > 1024 * 1024 and total / packed > MAX_RATIO:
        raise UnusableInput(file, f"压缩比 {total // packed}:1 异常，疑似压缩炸弹（zip bomb refused）")
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise UnusableInput(file, f"条目 {info.filename} 压缩比异常，疑似压缩炸弹（zip bomb refused）")


def _check_declared_sizes(file: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Unpack each entry once, in chunks, and refuse one that holds more than its header says
    (a crafted archive can understate sizes to pass `check_archive`)."""
    for info in infos:
        seen = 0
        with archive.open(info) as entry:
            while chunk := entry.read(1 << 20):
                seen += len(chunk)
                if seen > info.file_size or seen > MAX_UNPACKED:
                    raise UnusableInput(
                        file, f"条目 {info.filename} 的实际大小超过声明，疑似压缩炸弹（zip bomb refused）"
                    )


__all__ = ["MAX_RATIO", "MAX_UNPACKED", "Format", "check_archive", "page_images", "sniff", "zip_format"]
