"""Money: Decimal amounts with an explicit unit (元 or 万元), and the arithmetic of rounding.

Published tables round every cell to a fixed number of decimals (0.01 万元 in most packages), so
an identity between n printed cells can only be checked to within n half-units of the last place.
Those bounds are computed here, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Unit(StrEnum):
    """A currency unit as published: amounts in tables are in 元 or in 万元."""

    YUAN = "元"
    WAN = "万元"

    @property
    def factor(self) -> Decimal:
        """How many 元 one of this unit is."""
        return _FACTORS[self]


_FACTORS = {Unit.YUAN: Decimal(1), Unit.WAN: Decimal(10000)}

ZERO = Decimal(0)


def convert(amount: Decimal, source: Unit, target: Unit) -> Decimal:
    """Express `amount` (in `source` units) in `target` units, exactly (no rounding)."""
    if source is target:
        return amount
    return amount * source.factor / target.factor


def places(amount: Decimal) -> int:
    """Number of decimal places `amount` was written with (`Decimal("3.10")` has 2)."""
    # Read from the decimal string, four times cheaper than `as_tuple()` (readers ask this of
    # every amount of a table): a Decimal prints in plain notation, with exactly as many digits
    # after the point as its negative exponent, unless its exponent is positive or its value
    # very small, and then it prints an exponent ("1E+2", "1E-7") and the tuple is asked.
    text = str(amount)
    if "E" in text:
        exponent = amount.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    point = text.find(".")
    return 0 if point < 0 else len(text) - point - 1


def half_unit(decimals: int) -> Decimal:
    """Largest error that rounding one value to `decimals` places can introduce."""
    return Decimal(5).scaleb(-(decimals + 1))


def rounding_bound(cells: int, decimals: int = 2) -> Decimal:
    """Largest difference that rounding alone can make in an identity over `cells` printed cells.

    Each printed cell is within half a unit of its last place of the true value, so a sum of the
    printed parts can differ from the printed total by at most `cells` half-units, counting the
    total itself among the cells.
    """
    return half_unit(decimals) * cells


@dataclass(frozen=True, slots=True)
class Money:
    """An amount with its unit. Arithmetic is only defined between equal units."""

    amount: Decimal
    unit: Unit

    def to(self, unit: Unit) -> Money:
        return Money(convert(self.amount, self.unit, unit), unit)

    def __add__(self, other: Money) -> Money:
        if other.unit is not self.unit:
            raise ValueError(f"cannot add {other.unit} to {self.unit}")
        return Money(self.amount + other.amount, self.unit)

    def __sub__(self, other: Money) -> Money:
        if other.unit is not self.unit:
            raise ValueError(f"cannot subtract {other.unit} from {self.unit}")
        return Money(self.amount - other.amount, self.unit)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"
