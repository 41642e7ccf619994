"""The `yusuan` command as a whole: --version, help that names only what exists, --quiet."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from yusuan import __version__
from yusuan.cli import main

from .conftest import ROOT, SAMPLE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_names_the_program_and_its_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"yusuan, version {__version__}\n"


def test_help_names_every_command_and_nothing_else() -> None:
    code, out, _ = run("--help")
    assert code == 0
    summary = out.split("\n\n")[1]  # the paragraph under "Usage:"
    named = set(re.findall(r"\b[a-z]+\b", summary)) - {"yusuan", "and", "department", "budget", "disclosures"}
    named -= {"keep", "many", "in", "a", "store", "review", "them", "on", "web", "page"}
    assert named == set(main.commands)


def _command_words(text: str) -> set[str]:
    """The word after `yusuan` wherever a document shows a command: in code blocks and `code`."""
    blocks = re.findall(r"```.*?```", text, flags=re.DOTALL)
    lines = [line.split(" #")[0] for block in blocks for line in block.splitlines()]  # comments are prose
    spans = lines + re.findall(r"`[^`\n]+`", re.sub(r"```.*?```", "", text, flags=re.DOTALL))
    return {m for span in spans for m in re.findall(r"(?:^|\s|/)yusuan ([a-z]+)\b", span)}


def test_the_docs_show_only_commands_that_exist() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "examples" / "README.md"]
    shown = {(path.name, word) for path in documents for word in _command_words(path.read_text(encoding="utf-8"))}
    assert {word for _, word in shown} >= {"extract", "check", "build"}
    assert {(name, word) for name, word in shown if word not in main.commands} == set()


def test_the_commands_over_packages_take_quiet() -> None:
    assert "--quiet" in {o for p in main.params for o in p.opts}  # before any command
    for name in ("extract", "check", "build"):
        assert "--quiet" in {o for p in main.commands[name].params for o in p.opts}, name


def test_quiet_leaves_only_the_problems_on_stderr(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("extract", str(SAMPLE), str(empty), "-o", str(out), "--quiet")
    assert code == 2
    assert err == f"yusuan: {empty}: 文件为空（empty file）\n"  # no 读取方式 line for the sample
    code, stdout, err = run("check", str(SAMPLE), str(empty), "--format", "json", "-q")
    assert code == 2 and stdout
    assert err == f"yusuan: {empty}: 文件为空（empty file）\n"  # no summary table
    code, stdout, err = run("build", str(SAMPLE.parent / "ledger"), "-o", str(tmp_path / "b"), "--format", "md", "-q")
    assert (code, stdout, err) == (0, "", "")  # the paths written are not listed


def test_quiet_before_the_command_too(tmp_path: Path) -> None:
    code, _, err = run("--quiet", "extract", str(SAMPLE), "-o", str(tmp_path / "s.json"))
    assert (code, err) == (0, "")
