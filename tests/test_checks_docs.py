"""docs/rules.md is the catalogue: every rule documented, generated text up to date, examples true to form."""

from __future__ import annotations

import re
import string
from pathlib import Path

from yusuan.checks import RULES
from yusuan.checks.docs import rules_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_every_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z]+\.[a-z0-9\-]+)`", text, flags=re.MULTILINE))
    assert sorted(set(RULES) - documented) == []
    assert sorted(documented - set(RULES)) == []


def test_docs_are_generated_from_the_catalogue() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), "run: python -m yusuan.checks.docs > docs/rules.md"


def test_every_rule_has_a_basis_a_template_and_an_example_shaped_by_it() -> None:
    for rule in RULES.values():
        assert rule.title and rule.basis and rule.example
        fields = [f for _, f, _, _ in string.Formatter().parse(rule.template) if f]
        assert fields, rule.id
        # the example is the template with values filled in: its fixed words appear in order
        fixed = [text for text, _, _, _ in string.Formatter().parse(rule.template) if text.strip()]
        position = 0
        for piece in fixed:
            core = piece.strip("，。；：、 ")
            if len(core) >= 2:
                found = rule.example.find(core[:2], position)
                assert found >= 0, f"{rule.id}: example does not follow the template near “{core}”"
                position = found
