"""Writing outputs safely: whole or not at all, never over an input, never two under one name.

- `atomic(target)` gives a temporary path beside the target to write; once the writing is done it
  is renamed over the target in one step, so the target holds the old content or the new, never
  part of the new (a full disk, a crash mid-write, an exception). A write that fails raises
  `OutputError`, naming the target and why.
- `batch_targets(inputs, directory, suffix)` names the outputs of a batch after their inputs
  (keeping the folders the inputs have below their common folder when two share a name), and
  refuses two inputs that would get one output name.
- `refuse_inputs(outputs, inputs)` refuses an output that is one of the inputs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

# The permissions a new file gets (the temporary file is made private; the output is not).
_UMASK = os.umask(0)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK


def reason(error: OSError) -> str:
    """Why a write failed, in the words of the system ("No space left on device")."""
    return f"无法写入（{error.strerror or error}）"


@contextmanager
def atomic(target: Path) -> Iterator[Path]:
    """A temporary path in `target`'s folder (hidden, so that a folder being searched for packages
    passes it over) to write `target` through: renamed over `target` when the block ends, removed
    when it raises. The folder is made when missing. An OSError on the way, and a folder standing
    where the file should go, raise `OutputError` naming `target`."""
    target = Path(target)
    if target.is_dir():
        raise OutputError(str(target), "无法写入：这是一个文件夹（is a directory）")
    blocking = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise OutputError(str(target), f"无法写入：{blocking} 不是文件夹（not a directory）")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f".part{target.suffix}")
        os.close(handle)
    except OSError as exc:
        raise OutputError(str(target), reason(exc)) from None
    temp = Path(name)
    try:
        yield temp
        _sync(temp)
        os.chmod(temp, _MODE)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(str(target), reason(exc)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _sync(path: Path) -> None:
    """What was written is on the disk before the rename makes it the output."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    """`target.write_text(text)`, whole or not at all."""
    with atomic(target) as temp:
        temp.write_text(text, encoding=encoding)


def package_name(path: Path) -> str:
    """The name an input's outputs are called after: a file's stem, a folder's name ("-", standard
    input, is "stdin")."""
    if str(path) == "-":
        return "stdin"
    return path.name if path.is_dir() else path.stem


def batch_targets(inputs: Sequence[Path], directory: Path, suffix: str) -> list[Path]:
    """Where each input's output goes in `directory`: named after the input (`package_name` +
    `suffix`). When two inputs have one name, every output keeps the folders its input has below
    the inputs' common folder, so that `x/pkg.md` and `y/pkg.md` give `x/pkg.json` and
    `y/pkg.json`; two inputs that would still get one name (`a.md` and `a.pdf`) raise
    `OutputError` naming both."""
    flat = [Path(os.path.normpath(directory / f"{package_name(p)}{suffix}")) for p in inputs]
    if len(set(flat)) == len(flat):
        return flat
    folders = [os.path.dirname(os.path.abspath(p)) for p in inputs if str(p) != "-"]
    common = os.path.commonpath(folders) if folders else ""
    targets: list[Path] = []
    taken: dict[Path, Path] = {}
    for path in inputs:
        below = "" if str(path) == "-" else os.path.relpath(os.path.dirname(os.path.abspath(path)), common)
        target = Path(os.path.normpath(directory / below / f"{package_name(path)}{suffix}"))
        if target in taken:
            raise OutputError(
                str(target), f"{taken[target]} 与 {path} 的输出同名，请分开处理或改名（two inputs, one output name）"
            )
        taken[target] = path
        targets.append(target)
    return targets


def refuse_inputs(outputs: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Raise `OutputError` when an output is one of the inputs (the same file, by whatever path)."""
    known = [p for p in inputs if str(p) != "-"]
    for output in outputs:
        for given in known:
            if _same(output, given):
                raise OutputError(str(output), "输出文件就是输入文件，不会覆盖（output is an input）")


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.abspath(a) == os.path.abspath(b)


__all__ = ["atomic", "batch_targets", "package_name", "reason", "refuse_inputs", "write_text"]
