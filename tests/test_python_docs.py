"""docs/python.md is the public API page: its examples run, as written, from the repository's root."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import yusuan

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "python.md"


def test_the_examples_of_the_python_page_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `>>>` example of docs/python.md, in order, in one namespace, its output compared
    exactly; what the examples write goes to a temporary directory beside the repository's examples."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    # A code fence ends an example's expected output, as a blank line does (line numbers are kept).
    text = re.sub(r"^```.*$", "", PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    test = doctest.DocTestParser().get_doctest(text, {}, PAGE.name, str(PAGE), 0)
    reports: list[str] = []
    result = doctest.DocTestRunner().run(test, out=reports.append)
    assert result.attempted >= 20
    assert result.failed == 0, "".join(reports)


def test_the_page_names_every_public_name() -> None:
    """Every name `import yusuan` gives is on the page, and is there to be had."""
    text = PAGE.read_text(encoding="utf-8")
    public = [name for name in yusuan.__all__ if name != "__version__"]
    assert [name for name in public if f"`{name}`" not in text] == []
    assert all(getattr(yusuan, name) is not None for name in public)
