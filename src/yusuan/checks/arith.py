"""Identities between printed amounts, judged with computed rounding bounds, and the culprit search.

An `Identity` says that the printed cells on its left add up to those on its right (or, for
`Relation.LE`, to no more than them). `evaluate` compares the two sides:

- a difference of zero is exact and reported by nobody;
- a difference within the rounding bound of the cells involved is `info` (rounding, bound shown);
- anything larger is a real failure with the rule's severity.

The bound is n half-units of the last printed place (`model.money.rounding_bound`), counting
only printed cells (a blank cell is an exact zero). A restatement — one printed figure equal to
one other printed figure — is stricter: two roundings of the same amount to the same precision
are identical, so any difference is real; to different precisions, the finer one rounded to the
coarser must give the coarser.

`culprits` looks at every broken identity at once: where one cell is in all broken identities of
a connected group, and one value of it restores every identity it takes part in, that cell is
named with the value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import StrEnum

from ..model import ZERO, Finding, Severity, Source, Unit, convert, places, rounding_bound
from . import registry
from .registry import flag


class Relation(StrEnum):
    EQ = "="
    LE = "≤"


class Status(StrEnum):
    EXACT = "exact"
    ROUNDING = "rounding"
    BROKEN = "broken"


@dataclass(frozen=True, slots=True)
class Term:
    """One printed amount (a table cell, a figure of the narrative or of a form) as a term of an identity.

    `decimals` is the printed precision, None for an exact zero (a blank cell, or a printed 0,
    which tables print for "no money" rather than for an amount under half a unit); `scale` is
    the precision of the place it stands in (a blank table cell would be printed with it). `exact` is
    a finer statement of the same amount in `unit` (a form's 元 figure for a 万元 cell).
    """

    value: Decimal
    unit: Unit
    decimals: int | None
    source: Source
    label: str
    scale: int = 2
    exact: Decimal | None = None

    @property
    def blank(self) -> bool:
        return self.decimals is None

    def half(self, unit: Unit) -> Decimal:
        """The largest rounding error of this cell, in `unit`."""
        if self.decimals is None:
            return ZERO
        return convert(rounding_bound(1, self.decimals), self.unit, unit)

    def amount(self, unit: Unit) -> Decimal:
        return convert(self.value, self.unit, unit)

    @property
    def text(self) -> str:
        return "空白" if self.blank else fmt(self.value, self.decimals)

    def with_value(self, value: Decimal) -> Term:
        return replace(self, value=value, decimals=self.decimals if self.decimals is not None else self.scale)


@dataclass(frozen=True, slots=True)
class Identity:
    """Σ left (relation) Σ right, as a rule states it; `fields` fill the rule's message template."""

    left: tuple[Term, ...]
    right: tuple[Term, ...]
    fields: tuple[tuple[str, object], ...] = ()
    relation: Relation = Relation.EQ
    location: Source | None = None
    severity: Severity | None = None
    explain: str | None = None
    evidence: bool = True  # takes part in the culprit search (exact identities between table cells)

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def where(self) -> Source:
        return self.location or self.left[0].source


@dataclass(frozen=True, slots=True)
class Outcome:
    """An identity judged: exact, within rounding, or broken; `rule` is the rule that stated it."""

    identity: Identity
    status: Status
    difference: Decimal  # Σ left − Σ right, in `unit`
    bound: Decimal
    unit: Unit
    note: str | None = None
    severity: Severity | None = None  # for a rounding-size difference that is still worth a warning
    rule: str = ""


SAME_PRECISION = (
    "同一金额在两处以相同精度列示却相差一个末位单位：两者不可能都是该金额的正确四舍五入，"
    "多为一处取合计、一处取各项之和所致，应统一"
)


def fmt(value: Decimal, decimals: int | None = None) -> str:
    """An amount as a reviewer reads it: fixed decimals, no exponent."""
    if decimals is None:
        decimals = max(places(value), 0)
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"


def _round(value: Decimal, decimals: int, mode: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def evaluate(identity: Identity, rule: str = "") -> Outcome:
    """Compare the two sides of `identity` (stated by `rule`), with the rounding bound of its printed cells."""
    outcome = _compare(identity)
    return replace(outcome, rule=rule) if rule else outcome


def _compare(identity: Identity) -> Outcome:
    unit = identity.left[0].unit
    left = sum((c.amount(unit) for c in identity.left), ZERO)
    right = sum((c.amount(unit) for c in identity.right), ZERO)
    difference = left - right
    printed = [c for c in identity.terms if not c.blank]
    bound = sum((c.half(unit) for c in printed), ZERO)
    if identity.relation is Relation.LE:
        if difference <= 0:
            return Outcome(identity, Status.EXACT, difference, bound, unit)
        status = Status.ROUNDING if difference <= bound else Status.BROKEN
        return Outcome(identity, status, difference, bound, unit)
    if difference == 0:
        return Outcome(identity, Status.EXACT, difference, bound, unit)
    restated = [c for c in identity.left if not c.blank], [c for c in identity.right if not c.blank]
    if len(restated[0]) == 1 and len(restated[1]) == 1:
        return _restatement(identity, restated[0][0], restated[1][0], difference, unit)
    status = Status.ROUNDING if abs(difference) <= bound else Status.BROKEN
    note = _exact_note(identity, unit) if status is Status.ROUNDING else None
    return Outcome(identity, status, difference, bound, unit, note)


def _restatement(identity: Identity, a: Term, b: Term, difference: Decimal, unit: Unit) -> Outcome:
    """One printed figure against another: equal precision must agree exactly."""
    coarse, fine = (a, b) if a.half(unit) >= b.half(unit) else (b, a)
    bound = coarse.half(unit) + fine.half(unit)
    if coarse.half(unit) == fine.half(unit):
        if abs(difference) <= bound:
            return Outcome(identity, Status.ROUNDING, difference, bound, unit, SAME_PRECISION, Severity.WARNING)
        return Outcome(identity, Status.BROKEN, difference, ZERO, unit)
    fine_value = fine.amount(coarse.unit)
    assert coarse.decimals is not None
    if coarse.value in (
        _round(fine_value, coarse.decimals, ROUND_HALF_UP),
        _round(fine_value, coarse.decimals, ROUND_HALF_EVEN),
    ):
        return Outcome(identity, Status.EXACT, difference, bound, unit)
    if abs(difference) <= bound:
        return Outcome(identity, Status.ROUNDING, difference, bound, unit)
    if abs(difference) < 2 * coarse.half(unit):
        correct = _round(fine_value, coarse.decimals, ROUND_HALF_UP)
        how = "截尾" if coarse.value == _round(fine_value, coarse.decimals, ROUND_DOWN) else "另行取舍"
        note = f"{coarse.text} 是 {fine.text} 按{how}所得，四舍五入应为 {fmt(correct, coarse.decimals)}"
        return Outcome(identity, Status.ROUNDING, difference, bound, unit, note, Severity.WARNING)
    return Outcome(identity, Status.BROKEN, difference, bound, unit)


def _exact_note(identity: Identity, unit: Unit) -> str | None:
    """Where 元-level figures exist for the parts, say what the exact sum is and how it rounds."""
    if len(identity.left) != 1 or not any(c.exact is not None for c in identity.right):
        return None
    total = identity.left[0]
    if total.decimals is None:
        return None
    exact = sum(((c.exact if c.exact is not None else c.value) for c in identity.right), ZERO)
    exact = convert(exact, identity.right[0].unit, total.unit)
    rounded = _round(exact, total.decimals, ROUND_HALF_UP)
    if rounded != total.value:
        return None
    return (
        f"按绩效目标表的元级金额计算，下级之和为 {fmt(exact, total.decimals + 4)}，四舍五入为 {total.text}，与表列一致"
    )


def outcome_finding(outcome: Outcome) -> Finding | None:
    """The finding an outcome makes: none when exact, info when rounding, else the rule's severity."""
    if outcome.status is Status.EXACT:
        return None
    identity = outcome.identity
    unit = outcome.unit
    decimals = max((c.decimals for c in identity.terms if c.decimals is not None), default=2)
    left = sum((c.amount(unit) for c in identity.left), ZERO)
    right = sum((c.amount(unit) for c in identity.right), ZERO)
    fields: dict[str, object] = {
        "left_value": fmt(left, decimals),
        "right_value": fmt(right, decimals),
        "diff": fmt(abs(outcome.difference), decimals),
        "unit": unit.value,
    }
    fields.update(dict(identity.fields))
    related = [c.source for c in identity.terms if not c.blank and c.source != identity.where]
    severity: Severity | None
    if outcome.status is Status.ROUNDING and outcome.severity is not None:
        severity, note = outcome.severity, "；".join(n for n in (outcome.note, identity.explain) if n)
    elif outcome.status is Status.ROUNDING:
        printed = sum(1 for c in identity.terms if not c.blank)
        note = (
            f"差额在四舍五入误差范围内（{printed} 个数，各差不超过半个末位，"
            f"合计最多 {fmt(outcome.bound.normalize())} {unit.value}），不是错误"
        )
        if outcome.note:
            note += f"；{outcome.note}"
        severity = Severity.INFO
    else:
        severity, note = identity.severity, identity.explain or ""
    return registry.get(outcome.rule).finding(
        flag(
            identity.where,
            severity=severity,
            expected=fields["right_value"],
            found=fields["left_value"],
            related=related,
            note=note,
            **fields,
        )
    )


# ---------------------------------------------------------------------------------------------
# the culprit


@dataclass(frozen=True, slots=True)
class Culprit:
    cell: Term
    value: Decimal
    broken: tuple[Outcome, ...]


def _replace_cell(identity: Identity, source: Source, value: Decimal) -> Identity:
    def swap(cells: tuple[Term, ...]) -> tuple[Term, ...]:
        return tuple(c.with_value(value) if c.source == source else c for c in cells)

    return replace(identity, left=swap(identity.left), right=swap(identity.right))


def _components(broken: Sequence[Outcome]) -> list[list[Outcome]]:
    """Broken identities grouped by shared cells (union-find over their sources)."""
    parent = list(range(len(broken)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Source, int] = {}
    for i, outcome in enumerate(broken):
        for cell in outcome.identity.terms:
            j = owner.setdefault(cell.source, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[Outcome]] = defaultdict(list)
    for i, outcome in enumerate(broken):
        groups[root(i)].append(outcome)
    return list(groups.values())


def culprits(outcomes: Sequence[Outcome]) -> Iterator[Culprit]:
    """Cells that alone explain every broken identity of a group, with the value that restores them."""
    outcomes = [o for o in outcomes if o.identity.evidence and o.identity.relation is Relation.EQ]
    index: dict[Source, list[Identity]] = defaultdict(list)
    for outcome in outcomes:
        for cell in outcome.identity.terms:
            index[cell.source].append(outcome.identity)
    broken = [o for o in outcomes if o.status is Status.BROKEN]
    for group in _components(broken):
        if len(group) < 2:
            continue
        common = set.intersection(*({c.source for c in o.identity.terms} for o in group))
        found: list[Culprit] = []
        for source in common:
            cell = next(c for c in group[0].identity.terms if c.source == source)
            value = _restoring_value(cell, group)
            if value is None:
                continue
            if all(evaluate(_replace_cell(i, source, value)).status is not Status.BROKEN for i in index[source]):
                found.append(Culprit(cell, value, tuple(group)))
        if len(found) == 1:
            yield found[0]


def _restoring_value(cell: Term, group: Sequence[Outcome]) -> Decimal | None:
    """The value of `cell` that closes every identity of `group`, if they agree on one."""
    wanted: list[tuple[Decimal, Decimal]] = []
    for outcome in group:
        identity = outcome.identity
        difference = convert(outcome.difference, outcome.unit, cell.unit)
        on_left = any(c.source == cell.source for c in identity.left)
        value = cell.value - difference if on_left else cell.value + difference
        wanted.append((value, convert(outcome.bound, outcome.unit, cell.unit)))
    wanted.sort(key=lambda vb: vb[1])
    best, best_bound = wanted[0]
    if any(abs(v - best) > b + best_bound for v, b in wanted[1:]):
        return None
    decimals = cell.decimals if cell.decimals is not None else cell.scale
    return _round(best, decimals, ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# making cells


def amount_cell(value: Decimal, unit: Unit, source: Source, label: str) -> Term:
    """A printed figure outside a table (narrative, form) as a cell of its own precision."""
    return Term(value=value, unit=unit, decimals=places(value), source=source, label=label, scale=places(value))
