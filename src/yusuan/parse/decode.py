"""Bytes → text: detect empty and binary files and the encoding (UTF-8, UTF-16, GB18030/GBK).

A text file larger than `MAX_TEXT_MB` megabytes (32; the environment variable YUSUAN_MAX_TEXT_MB
changes it) is refused before it is read: a package's markdown is well under a megabyte, and
reading takes time and memory in proportion to the size (a few tenths of a second and some 40 MB
of memory a megabyte, for the whole Disclosure), as the PDF reader's page limit bounds a PDF.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..errors import UnusableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed do not occur in text.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode `data` read from `file`; return (text, encoding name).

    Tries a byte-order mark, then strict UTF-8, then strict GB18030 (a superset of GBK and
    GB2312, which is what Chinese Windows tools write). Raises UnusableInput for an empty file,
    a binary file, or text in none of these encodings.
    """
    if not data.strip():
        raise UnusableInput(file, "文件为空（empty file）")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UnusableInput(
                    file, f"无法按 {name} 解码（cannot decode as {name}）", f"byte {exc.start}"
                ) from None
    sample = data[:65536]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) // 100 + 2:
        raise UnusableInput(file, "不是文本文件（binary file, not text）", "byte 0")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
            # A file cut off inside its last character: keep what was written.
            return data[: utf8_error.start].decode("utf-8"), "utf-8"
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise UnusableInput(
                file, "编码无法识别，既非 UTF-8 也非 GBK/GB18030（unknown text encoding）", f"byte {utf8_error.start}"
            ) from None


MAX_TEXT_MB = 32.0


def max_text_mb() -> float:
    """The largest text file read, in megabytes (YUSUAN_MAX_TEXT_MB, else MAX_TEXT_MB)."""
    try:
        return float(os.environ.get("YUSUAN_MAX_TEXT_MB", MAX_TEXT_MB))
    except ValueError:
        return MAX_TEXT_MB


def read_text(path: Path) -> tuple[str, str]:
    """Read and decode a text file (see `decode`); one over the size limit is refused unread."""
    limit = max_text_mb()
    try:
        size = path.stat().st_size
        if size > limit * 2**20:
            raise UnusableInput(
                str(path),
                f"文本文件 {size / 2**20:.1f} MB，超过上限 {limit:g} MB"
                "（可设 YUSUAN_MAX_TEXT_MB 调整；text file too large）",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(str(path), f"无法读取（{exc.strerror or exc}）") from None
    return decode(data, str(path))
