"""Which performance form stands for which row of the 项目支出表: matched by name, then by amount.

Shared by the perf rules (a form against its row) and the totals rules (a form's 元 figure explains
the rounding of the 万元 row it stands for). Nothing here reports anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ..model import ColumnKey, Disclosure, ProjectForm, Row, RowRole, Table, TableKind, Unit
from ..model.performance import Amount
from ..text import name_key

YUAN_PER_WAN = Decimal(10000)


def project_rows(table: Table) -> list[Row]:
    """The project rows of a 项目支出表: the deepest rows (those with no children)."""
    indexed = list(enumerate(table.rows))
    parents = {r.parent for r in table.rows if r.parent is not None}
    return [r for i, r in indexed if r.role is RowRole.ITEM and i not in parents and (r.level is None or r.level >= 2)]


def unit_of(table: Table, row: Row) -> str | None:
    """The unit a project row belongs to: its unit row above it, or the unit printed beside it."""
    return table.rows[row.parent].name if row.parent is not None else row.text("unit")


def form_key(name: str) -> str:
    """A project name's matching key: compatibility forms, no spaces or punctuation."""
    return re.sub(r"[\s,，、.。;；:：()（）\[\]【】\"“”'‘’-]", "", name_key(name))


def to_wan(value: Decimal) -> Decimal:
    return value / YUAN_PER_WAN


def form_wan(form: ProjectForm, value: Decimal) -> Decimal:
    """A form's amount in 万元 (forms print 元, some 万元: `ProjectForm.unit`)."""
    return value if form.unit is Unit.WAN else to_wan(value)


@dataclass(frozen=True, slots=True)
class Match:
    form: ProjectForm
    row: Row | None
    amount_ok: bool
    by_name: bool


def annual(form: ProjectForm) -> Amount | None:
    return form.annual.total or form.implementation.total


def _fits(form: ProjectForm, row: Row, table: Table) -> bool:
    amount = annual(form)
    value = row.value(ColumnKey.TOTAL)
    if amount is None or value is None:
        return False
    return abs(form_wan(form, amount.value) - value) <= Decimal(5).scaleb(-(table.decimals + 1))


_CACHE: dict[int, tuple[Disclosure, list[Match]]] = {}


def form_matches(d: Disclosure) -> list[Match]:
    """Each project form with the 项目支出表（本年） row it stands for (None when no row fits)."""
    cached = _CACHE.get(id(d))
    if cached is not None and cached[0] is d:
        return cached[1]
    table = d.table(TableKind.PROJECT_CURRENT)
    found: list[Match] = []
    if table is not None:
        rows = project_rows(table)
        free = list(rows)
        by_key: dict[str, list[Row]] = {}
        for r in rows:
            by_key.setdefault(form_key(r.name), []).append(r)
        pending: list[ProjectForm] = []
        for form in d.project_forms:
            same = [r for r in by_key.get(form_key(form.name), []) if r in free]
            exact = [r for r in same if _fits(form, r, table)]
            if exact:
                free.remove(exact[0])
                found.append(Match(form, exact[0], True, True))
            else:
                pending.append(form)
        for form in pending:
            same = [r for r in by_key.get(form_key(form.name), []) if r in free]
            if same:
                found.append(Match(form, same[0], False, True))
                continue
            similar = [r for r in free if _fits(form, r, table) and _similar(form.name, r.name)]
            if similar:
                free.remove(similar[0])
                found.append(Match(form, similar[0], True, False))
            else:
                found.append(Match(form, None, False, False))
        found.sort(key=lambda m: d.project_forms.index(m.form))
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(d)] = (d, found)
    return found


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, form_key(a), form_key(b)).ratio() >= 0.5


def exact_amounts(d: Disclosure) -> dict[int, Decimal]:
    """id(row) → the 元-level amount (in 万元) of the form that matched it exactly (a form in 万元
    says no more than the row)."""
    return {
        id(m.row): to_wan(a.value)
        for m in form_matches(d)
        if m.row is not None and m.amount_ok and m.form.unit is None and (a := annual(m.form))
    }
