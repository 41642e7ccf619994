"""Figures stated in running text: "3,776.24万元", "占95.29%", "3辆", "521平方米"."""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from ..model import Figure, Source
from .numbers import halfwidth

_UNITS = "万元|元|%|个|辆|平方米|台（套）|台\\(套\\)|台|套|人|项|家|次|批"
# A number with thousands separators, or plain, then its unit. The first digit is matched once,
# before the two forms part: fewer paths for the engine to try at each position of the text.
FIGURE = re.compile(rf"(?<![\d.,])([-+]?\d(?:\d{{0,2}}(?:,\d{{3}})+|\d*)(?:\.\d+)?)\s?({_UNITS})")
_BREAK = re.compile("[，。；：,;:、 \t\u3000]")  # what ends a clause


def text_to_figures(text: str, source: Source) -> tuple[Figure, ...]:
    """Every amount, percentage and count stated in `text`, with the clause before it as label.

    `text` may hold full-width digits; offsets in `source.char` are offsets in `text`.
    """
    plain = halfwidth(text)
    found = []
    breaks: list[int] | None = None
    for m in FIGURE.finditer(plain):
        number, unit = m.group(1), m.group(2)
        if unit.startswith("台"):
            unit = "台（套）" if "套" in unit else "台"
        start = m.start()
        if breaks is None:
            breaks = [b.start() for b in _BREAK.finditer(plain)]
        before = bisect_left(breaks, start)  # the clause starts after the last break before it
        label = plain[breaks[before - 1] + 1 if before else 0 : start]
        found.append(
            Figure(
                value=Decimal(number.replace(",", "")),
                unit=unit,
                text=text[m.start() : m.end()],
                label=label,
                source=source.at(char=start),
            )
        )
    return tuple(found)


def year_of(text: str) -> int | None:
    """The first four-digit year (20xx) that `text` names ("2026年度" → 2026)."""
    m = re.search(r"(20\d\d)\s*年", halfwidth(text))
    return int(m.group(1)) if m else None
