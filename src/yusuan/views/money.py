"""元 sums → printed 万元 cells, shares and changes, and how the narrative writes them.

A published table rounds each cell to 0.01 万元 half-up, from the exact 元 sum of that cell; a
total is rounded from its own 元 sum, never summed from rounded cells. Shares and year-on-year
changes in the narrative are computed from the printed figures, as a reader recomputes them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..model import ZERO, Unit, convert

CENT = Decimal("0.01")


def yuan_to_wan(amount: Decimal) -> Decimal:
    """An exact 元 amount → 万元 rounded half-up to 0.01 (one printed cell)."""
    return convert(amount, Unit.YUAN, Unit.WAN).quantize(CENT, rounding=ROUND_HALF_UP)


def cell(amount: Decimal) -> Decimal | None:
    """A table cell: the 万元 figure, or None (a blank cell) when the amount is zero."""
    return yuan_to_wan(amount) if amount else None


def share(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in percent, rounded half-up to 0.01 (0 when the whole is 0)."""
    if not whole:
        return ZERO
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def wan_text(value: Decimal) -> str:
    """A 万元 figure as the narrative writes it: "3,776.24万元"; zero as "0万元"."""
    if not value:
        return "0万元"
    return f"{value:,.2f}万元"


def percent_text(value: Decimal) -> str:
    if not value:
        return "0%"
    return f"{value:.2f}%"


def change_text(current: Decimal, last: Decimal, last_label: str = "上年") -> str:
    """ "比上年增加132.76万元，增长7.19%" / "…减少…，下降…" / "与上年持平" (万元 figures)."""
    diff = current - last
    if not diff:
        return f"与{last_label}持平"
    verb, rate_verb = ("增加", "增长") if diff > 0 else ("减少", "下降")
    text = f"比{last_label}{verb}{wan_text(abs(diff))}"
    if last:
        text += f"，{rate_verb}{percent_text(share(abs(diff), last))}"
    return text


def signed_change(name: str, current: Decimal, last: Decimal) -> str:
    """ "办公费增加3.66万元" / "电费减少1.50万元" for one component of a change."""
    diff = current - last
    return f"{name}{'增加' if diff > 0 else '减少'}{wan_text(abs(diff))}"
