"""The packages a command line names: files, folders searched, globs expanded, standard input.

A folder is searched (recursively, in name order, hidden entries passed over) for the formats the
readers take; a folder whose every file is a page image is one package (`detect.page_images`), and
its pages are not packages of their own. A glob the shell left unexpanded ("county/*.pdf", quoted)
is expanded here. A file named explicitly is read whatever its name says; "-" is standard input.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import UnusableInput
from .detect import page_images

# What a folder is searched for: the formats the readers take.
SUFFIXES = frozenset(
    {".pdf", ".md", ".markdown", ".txt", ".html", ".htm", ".xlsx", ".xls", ".docx", ".png", ".jpg", ".jpeg"}
    | {".tif", ".tiff"}
)

# The path that stands for standard input.
STDIN = Path("-")

_GLOB = frozenset("*?[")


def expand(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[UnusableInput]]:
    """The packages `paths` name, in order, each once; and a problem for each folder that holds no
    package and each glob that matches nothing. A path that does not exist is kept (reading it
    says so in one line)."""
    found: dict[str, Path] = {}
    problems: list[UnusableInput] = []
    for given in paths:
        text = os.fspath(given)
        if text == str(STDIN):
            found.setdefault(text, STDIN)
            continue
        path = Path(text)
        if not path.exists() and _GLOB & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                problems.append(UnusableInput(text, "没有与之匹配的文件（no file matches）"))
            for match in matches:
                _add(Path(match), found, problems, named=False)
            continue
        _add(path, found, problems, named=True)
    return list(found.values()), problems


def globbed(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """`paths` with each glob the shell left unexpanded replaced by what it matches (in name order;
    kept as it is when it matches nothing, so that using it says so): for inputs that are not
    searched like packages, such as ledgers."""
    found: list[Path] = []
    for given in paths:
        text = os.fspath(given)
        matches = sorted(glob.glob(text, recursive=True)) if _GLOB & set(text) and not Path(text).exists() else []
        if matches:
            found.extend(Path(m) for m in matches)
        else:
            found.append(Path(text))
    return found


def _add(path: Path, found: dict[str, Path], problems: list[UnusableInput], named: bool) -> None:
    """`path`'s packages into `found` (keyed by absolute path). A file or folder matched by a glob
    is taken as a folder's entries are (only the readers' formats; an empty folder passed over);
    one named is taken as it is, and a named folder without packages is a problem."""
    if not path.is_dir():
        if named or path.suffix.lower() in SUFFIXES:
            found.setdefault(os.path.abspath(path), path)
        return
    packages = list(_packages(path))
    if not packages and named:
        problems.append(UnusableInput(str(path), "文件夹中没有可读的文件（no package in this folder）"))
    for package in packages:
        found.setdefault(os.path.abspath(package), package)


def _packages(folder: Path) -> Iterable[Path]:
    """The packages under `folder`: the folder itself when it is a package of page images, else its
    files in the readers' formats and the packages of its subfolders, in name order."""
    if page_images(folder):
        yield folder
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _packages(entry)
        elif entry.is_file() and entry.suffix.lower() in SUFFIXES:
            yield entry


__all__ = ["STDIN", "SUFFIXES", "expand", "globbed"]
