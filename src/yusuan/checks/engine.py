"""Running the catalogue over a Disclosure: rules → findings and identities → one sorted Report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import Disclosure, Finding
from ..model.tables import COLUMN_LABELS
from . import registry
from .arith import Identity, Outcome, Status, culprits, evaluate, fmt, outcome_finding
from .culprit import suspect_findings
from .registry import Family, Rule
from .report import CHECKED, INCOMPLETE, Report, sort_key


def run_rule(entry: Rule, disclosure: Disclosure) -> tuple[list[Finding], list[Outcome]]:
    """The findings of one rule, with the outcome of every identity it stated: each flag it yields
    and each identity that fails becomes a finding of this rule (its id stamped here)."""
    findings: list[Finding] = []
    outcomes: list[Outcome] = []
    for item in entry.fn(disclosure):
        if isinstance(item, Identity):
            outcomes.append(evaluate(item, entry.id))
        else:
            findings.append(entry.finding(item))
    findings.extend(merged_findings(outcomes))
    return findings, outcomes


def merged_findings(outcomes: list[Outcome]) -> list[Finding]:
    """One finding per row when several columns of it fail the same way (合计 and 一般公共预算 alike)."""
    groups: dict[tuple[object, ...], list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.status is Status.EXACT:
            continue
        where = outcome.identity.where
        left = tuple(c.value for c in outcome.identity.left)
        key = (outcome.rule, outcome.status, where._replace(column=None), outcome.difference, left)
        groups.setdefault(key, []).append(outcome)
    found = []
    for group in groups.values():
        finding = outcome_finding(group[0])
        if finding is None:
            continue
        if len(group) > 1:
            columns = "、".join(COLUMN_LABELS.get(c, c) for o in group[1:] if (c := o.identity.where.column))
            finding = replace(
                finding,
                message=f"{finding.message}（{columns}列同）",
                related=finding.related + tuple(o.identity.where for o in group[1:]),
            )
        found.append(finding)
    return found


def slip(found: str, wanted: str) -> str:
    """What kind of slip turns `wanted` into `found`, when it is a common one (else "")."""
    a, b = found.replace(".", ""), wanted.replace(".", "")
    if found.replace(".", "").lstrip("0") == wanted.replace(".", "").lstrip("0") and found != wanted:
        return "小数点位置不同"
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return f"仅一位数字不同（{b[diffs[0]]} 写成了 {a[diffs[0]]}）"
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]:
            return "相邻两位数字颠倒"
    if len(a) == len(b) + 1 and any(a[:i] + a[i + 1 :] == b for i in range(len(a))):
        return "多了一位数字"
    if len(a) + 1 == len(b) and any(b[:i] + b[i + 1 :] == a for i in range(len(b))):
        return "少了一位数字"
    return ""


def culprit_findings(outcomes: list[Outcome]) -> list[Finding]:
    found = []
    for culprit in culprits(outcomes):
        cell = culprit.cell
        rules = sorted({o.rule for o in culprit.broken})
        hint = slip(cell.text, fmt(culprit.value, cell.decimals if cell.decimals is not None else cell.scale))
        found.append(
            registry.get("culprit.cell").finding(
                registry.flag(
                    cell.source,
                    note=hint,
                    expected=fmt(culprit.value),
                    found=cell.text,
                    related=[o.identity.where for o in culprit.broken if o.identity.where != cell.source],
                    cell=cell.label,
                    found_value=cell.text,
                    count=len(culprit.broken),
                    value=fmt(culprit.value),
                    rules="、".join(rules),
                )
            )
        )
    return found


def check(disclosure: Disclosure, rules: Iterable[Rule] | None = None) -> Report:
    """Every rule of the catalogue (or of `rules`) on `disclosure`, findings in report order."""
    from . import RULES

    findings: list[Finding] = []
    outcomes: list[Outcome] = []
    final = disclosure.document_type is not None and disclosure.document_type.is_final
    for entry in rules if rules is not None else RULES.values():
        if entry.family is Family.CULPRIT or (final and entry.budget_only):
            continue
        rule_findings, rule_outcomes = run_rule(entry, disclosure)
        findings.extend(rule_findings)
        outcomes.extend(rule_outcomes)
    findings.extend(culprit_findings(outcomes))
    ordered = sorted(findings, key=sort_key)
    if disclosure.ocr_cells:
        ordered = sorted([*ordered, *suspect_findings(disclosure, ordered)], key=sort_key)
    cut = [note.message for note in disclosure.incomplete()]
    return Report(
        file=disclosure.file,
        department=disclosure.department,
        year=disclosure.year,
        findings=tuple(ordered),
        status=INCOMPLETE if cut else CHECKED,
        reason="；".join(cut) or None,
    )
