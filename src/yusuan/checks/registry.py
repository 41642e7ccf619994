"""The rule catalogue: every rule registered once, at import, with its id, family, severity and wording.

A rule is a plain function `(Disclosure) -> Iterable[Flag | Identity]`. It yields flags (what it
saw, where, and the fields of its message) or arithmetic identities that `arith.evaluate` judges
(so that rounding is judged in one place, and so that the culprit search can see every identity
at once). A rule never names itself: the engine makes each flag and each failed identity a
`Finding` of the rule that yielded it, with the catalogue's id, severity and message template.

Registration happens when a family module is imported (`checks/__init__.py` imports all of them);
nothing registers afterwards, and `RULES` in `checks/__init__.py` is a read-only view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..model import Disclosure, Finding, Severity, Source


class Family(StrEnum):
    """The families of rules, in the order a report lists them."""

    TOTAL = "total"
    XTABLE = "xtable"
    NARRATIVE = "narrative"
    PERF = "perf"
    LABEL = "label"
    COMPLETE = "complete"
    CODE = "code"
    TEXT = "text"
    CULPRIT = "culprit"

    @property
    def heading(self) -> str:
        """How a report titles the family (Chinese, with an English gloss)."""
        return FAMILY_TITLES[self]

    @property
    def rank(self) -> int:
        return list(Family).index(self)


FAMILY_TITLES: dict[Family, str] = {
    Family.TOTAL: "表内合计与层级（totals and hierarchy）",
    Family.XTABLE: "表间勾稽（cross-table identities）",
    Family.NARRATIVE: "情况说明与报表（narrative vs tables）",
    Family.PERF: "绩效目标表（performance forms）",
    Family.LABEL: "标注与一致性（labels）",
    Family.COMPLETE: "完整性（completeness）",
    Family.CODE: "科目编码（codes）",
    Family.TEXT: "文字（text）",
    Family.CULPRIT: "出错单元格（the culprit cell）",
}

CheckFn = Callable[[Disclosure], Iterable[Any]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalogue entry. `severity` is what a real (beyond rounding) failure of the rule is."""

    id: str
    family: Family
    severity: Severity
    title: str
    basis: str
    template: str
    example: str
    fn: CheckFn
    budget_only: bool = False  # written for 预算 packages; a 决算 package's tables differ

    def message(self, **fields: object) -> str:
        return self.template.format(**fields)

    def finding(self, flag: Flag) -> Finding:
        """The finding of this rule that `flag` reports, its message made from the template."""
        message = self.message(**flag.fields)
        if flag.note:
            message = f"{message}；{flag.note}"
        return Finding(
            rule=self.id,
            severity=flag.severity or self.severity,
            message=message,
            location=flag.location,
            expected=flag.expected,
            found=flag.found,
            related=flag.related,
        )


_RULES: dict[str, Rule] = {}


BUDGET_FAMILIES = (Family.XTABLE, Family.NARRATIVE, Family.PERF)


def rule(
    id: str, severity: Severity, title: str, basis: str, template: str, example: str, *, budget_only: bool | None = None
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as rule `id` (family = the part before the dot).

    `budget_only` (default: the cross-table, narrative and form families) marks rules written for
    预算 packages, which a 决算 package skips: its tables and narrative follow another template.
    """
    family = Family(id.split(".", 1)[0])

    def register(fn: CheckFn) -> CheckFn:
        if id in _RULES:
            raise ValueError(f"rule {id} registered twice")
        only = family in BUDGET_FAMILIES if budget_only is None else budget_only
        _RULES[id] = Rule(id, family, severity, title, basis, template, example, fn, only)
        return fn

    return register


def registered() -> dict[str, Rule]:
    """The rules registered so far (a copy); `checks.RULES` is the frozen catalogue."""
    return dict(_RULES)


def get(rule_id: str) -> Rule:
    return _RULES[rule_id]


@dataclass(frozen=True, slots=True)
class Flag:
    """What a rule saw wrong, before the engine makes it a Finding of that rule: where, the fields
    of the rule's message template, and, where they apply, another severity than the rule's, the
    values expected and found, the places it relates to and a note added to the message."""

    location: Source
    fields: dict[str, object]
    severity: Severity | None = None
    expected: str | None = None
    found: str | None = None
    related: tuple[Source, ...] = ()
    note: str = ""


def flag(
    location: Source,
    *,
    severity: Severity | None = None,
    expected: object = None,
    found: object = None,
    related: Iterable[Source] = (),
    note: str = "",
    **fields: object,
) -> Flag:
    """A flag at `location`; `fields` fill the message template of the rule that yields it."""
    return Flag(
        location,
        fields,
        severity,
        None if expected is None else str(expected),
        None if found is None else str(found),
        tuple(related),
        note,
    )
