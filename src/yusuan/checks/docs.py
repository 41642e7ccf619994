"""docs/rules.md, generated from the catalogue: `python -m yusuan.checks.docs > docs/rules.md`."""

from __future__ import annotations

from . import RULES
from .lexicon import lexicon_markdown
from .registry import Family

SEVERITY_WORDS = {"error": "错误（error）", "warning": "警告（warning）", "info": "提示（info）"}

HEAD = """# Rules of `yusuan check`

Every rule that `yusuan check` applies, by family, in the order a report lists them. Each has a
stable id (used in the JSON output and in tests), the severity of a real failure, the basis (the
arithmetic identity or the rule's source) and an example message as a report prints it.

Severities: **error** — the package states something false or inconsistent and must be corrected;
**warning** — very likely wrong or incomplete, a reviewer should look; **info** — worth knowing
but not wrong, chiefly differences that rounding alone explains. An identity that holds only
within rounding is reported as `info` whatever its rule's severity: the bound is computed as
n half-units of the last printed place of the n printed cells involved (a blank cell is an exact
zero), and the message shows it. The same figure printed twice to the same precision must agree
exactly (two roundings of one amount are identical).

A 决算 (final accounts) package is checked by the rules marked 预算公开与决算公开: its tables
follow another template, so the cross-table, narrative and performance-form rules, written for
预算 packages, are left out.

Rules ask for tables by *kind* (预算收支总表, 一般公共预算支出表, …), never by number, and skip
what a package does not have; they run unchanged on packages in 元 or 万元 from any province.
This page is generated from the catalogue (`python -m yusuan.checks.docs > docs/rules.md`);
a test fails when it is out of date.
"""


def rules_markdown() -> str:
    out = [HEAD]
    for family in Family:
        rules = [r for r in RULES.values() if r.family is family]
        if not rules:
            continue
        out.append(f"\n## {family.heading}\n")
        for r in rules:
            out.append(f"\n### `{r.id}` — {r.title}\n")
            out.append(f"\n- 严重程度：{SEVERITY_WORDS[r.severity.value]}")
            out.append(f"\n- 依据：{r.basis}")
            out.append("\n- 适用：仅预算公开（决算公开不检查）" if r.budget_only else "\n- 适用：预算公开与决算公开")
            out.append(f"\n- 示例：{r.example}\n")
    out.append(lexicon_markdown())
    return "".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown(), end="")
