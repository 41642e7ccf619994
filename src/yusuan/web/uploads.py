"""Uploads: a file received within its limits, judged by its content, kept under its hash; then
read and checked into the store in the background while the page shows how far it has got.

Nothing the request says becomes a path: the file is written to a temporary file of the uploads
folder and renamed to `<sha256 of its content><suffix of the format its content shows>`. The name
it was sent with is only shown (as text) on the page.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import secrets
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import YusuanError
from ..parse.decode import decode, read_text
from ..parse.detect import Format, sniff
from ..parse.pages import page_count
from .config import WebConfig
from .safety import too_large_message

CHUNK = 1 << 20
SUFFIXES = {
    Format.PDF: ".pdf",
    Format.XLSX: ".xlsx",
    Format.DOCX: ".docx",
    Format.XLS: ".xls",
    Format.TEXT: ".md",
}
IMAGE_SUFFIXES = {b"\x89PNG": ".png", b"\xff\xd8\xff": ".jpg", b"II*\x00": ".tif", b"MM\x00*": ".tif"}


class Refused(Exception):
    """An upload that is not taken: `status` is the HTTP status, the message one plain line."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def shown_name(sent: str | None) -> str:
    """The name an upload was sent with, as the page shows it: its last path part, without
    control characters, at most 120 characters ("../../etc/passwd" → "passwd")."""
    name = (sent or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:120] or "（未命名）"


def receive(upload: BinaryIO, config: WebConfig) -> Path:
    """Copy an upload into the uploads folder, within `config`'s limits, judged by its content;
    the path it is kept at. Raises `Refused`."""
    folder = config.uploads
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
    kept = False
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := upload.read(CHUNK):
                size += len(chunk)
                if size > config.max_bytes:
                    raise Refused(too_large_message(config.max_bytes), 413)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise Refused("文件为空（empty file）")
        path = Path(temporary)
        suffix = _suffix(path)
        pages = _pages(path)
        if pages > config.max_pages:
            raise Refused(f"页数过多：{pages} 页，上限 {config.max_pages} 页（too many pages）", 413)
        target = folder / f"{digest.hexdigest()}{suffix}"
        os.replace(path, target)
        kept = True
        return target
    finally:
        if not kept:
            Path(temporary).unlink(missing_ok=True)


def _suffix(path: Path) -> str:
    """The suffix for the format the file's content shows; refuses content no reader takes."""
    try:
        kind = sniff(path)
        if kind is Format.TEXT:
            read_text(path)  # an empty or binary file is refused here, not after a wait
    except YusuanError as exc:
        raise Refused(_reason(exc), 415) from None
    if kind is Format.IMAGE:
        head = path.read_bytes()[:4]
        return next(suffix for magic, suffix in IMAGE_SUFFIXES.items() if head.startswith(magic))
    return SUFFIXES[kind]


def _pages(path: Path) -> int:
    try:
        return page_count(path)
    except YusuanError as exc:
        raise Refused(_reason(exc), 415) from None


def _reason(exc: YusuanError) -> str:
    """The reader's one line without the temporary file's name it starts with."""
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text


@dataclass(slots=True)
class Job:
    """An upload being read: `state` queued → reading → done (as `package_id`) or refused /
    failed (`message`); `done` of `total` pages read so far."""

    id: str
    name: str
    state: str = "queued"
    done: int = 0
    total: int = 0
    package_id: int | None = None
    message: str | None = None

    def to_data(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "pages_done": self.done,
            "pages": self.total,
            "package_id": self.package_id,
            "message": self.message,
        }


Ingest = Callable[[Path, Callable[[int, int], None]], tuple[int | None, str | None]]


class Jobs:
    """Uploads being read, one at a time (reading takes a core), the latest few hundred kept."""

    KEEP = 500

    def __init__(self, ingest: Ingest) -> None:
        self._ingest = ingest
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="yusuan-read")

    def submit(self, path: Path, name: str) -> Job:
        job = Job(secrets.token_hex(12), name)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.KEEP:
                self._jobs.pop(next(iter(self._jobs)))
        self._pool.submit(self._run, job, path)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, path: Path) -> None:
        job.state = "reading"

        def pages(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            package_id, reason = self._ingest(path, pages)
        except Exception as exc:  # reported on the page; the server goes on
            job.state, job.message = "failed", f"内部错误（{type(exc).__name__}: {exc}）"
            return
        if package_id is None:
            job.state, job.message = "refused", _strip_path(reason or "无法读取", path)
        else:
            job.state, job.package_id = "done", package_id

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _strip_path(reason: str, path: Path) -> str:
    """A reader's one line, without the server's path of the file it names."""
    return reason.replace(f"{path}: ", "").replace(str(path), "（上传的文件）")


def read_units(data: bytes, config: WebConfig) -> list[tuple[str, str | None]]:
    """A unit list as CSV (UTF-8 or GB18030, as `parse.decode` reads text): one unit per line, its name
    in the column headed 单位名称 / 名称 / 单位 / name (else the first), its code in the one headed
    代码 / 编码 / code (if any). Raises `Refused`."""
    if len(data) > config.max_bytes:
        raise Refused("文件过大（upload too large）", 413)
    try:
        text = decode(data, "units.csv")[0]
    except YusuanError as exc:
        raise Refused(f"单位名单不是可读的 CSV 文本：{_reason(exc)}", 415) from None
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    header = [c.strip().lower() for c in rows[0]]
    name_at = next((header.index(h) for h in ("单位名称", "名称", "单位", "name") if h in header), None)
    code_at = next((header.index(h) for h in ("单位代码", "代码", "编码", "code") if h in header), None)
    if name_at is not None:
        rows = rows[1:]
    if len(rows) > config.max_units:
        raise Refused(f"单位名单过长：上限 {config.max_units} 行（too many units）", 413)
    names = []
    for row in rows:
        at = name_at or 0
        name = row[at].strip() if at < len(row) else ""
        if name:
            code = row[code_at].strip() or None if code_at is not None and code_at < len(row) else None
            names.append((name[:200], code[:40] if code else None))
    if not names:
        raise Refused("单位名单为空（empty unit list）")
    return names
