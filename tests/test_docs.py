"""The docs are tested: every command and option of the CLI is documented in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import click

from yusuan.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## `yusuan ([a-z ]+)`\s*$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found.update(_commands(command, full + " "))
        else:
            found[full] = command
    return found


def test_every_command_has_a_section() -> None:
    sections = _sections(DOC.read_text(encoding="utf-8"))
    missing = sorted(set(_commands(main)) - set(sections))
    assert not missing, f"undocumented commands in docs/cli.md: {missing}"


def test_every_option_is_documented_in_its_section() -> None:
    sections = _sections(DOC.read_text(encoding="utf-8"))
    undocumented = []
    for name, command in _commands(main).items():
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if f"`{longest}`" not in sections.get(name, ""):
                    undocumented.append(f"{name} {longest}")
    assert not undocumented, f"options missing from docs/cli.md: {undocumented}"


def test_every_command_has_help_text() -> None:
    assert all(c.help for c in _commands(main).values())
