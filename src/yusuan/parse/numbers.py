"""Numbers as published: full-width digits, thousands separators, blanks and dashes."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Full-width forms that OCR and Chinese typesetting produce inside numbers, each one character
# for one (offsets in the text stay as they were).
_WIDE_FORMS: tuple[tuple[str, str], ...] = (
    *((chr(0xFF10 + i), str(i)) for i in range(10)),
    ("．", "."),
    ("，", ","),
    ("－", "-"),
    ("％", "%"),
    ("＋", "+"),
    ("\u2212", "-"),  # minus sign
)

_AMOUNT = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
_DASHES = {"-", "—", "——", "--", "－", "/"}


def halfwidth(text: str) -> str:
    """Full-width digits and number punctuation → ASCII; other characters are kept.

    (A replace per form present rather than str.translate, which looks every character up in a
    table and is several times slower on Chinese text.)"""
    if text.isascii():
        return text
    for wide, narrow in _WIDE_FORMS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def parse_amount(text: str) -> Decimal | None:
    """A table cell → Decimal, or None for a blank (or dash) cell.

    Accepts "1,000,084.00", "３５９８．４９", "( 12.00 )" (negative) and spaces inside the number
    ("3 598.49" from OCR). Raises ValueError when the cell holds something else.
    """
    value = amount_or_error(text)
    if isinstance(value, str):
        raise ValueError(value)
    return value


_INNER_SPACE = re.compile(r"(?<=\d)[\s\u3000]+(?=\d)")


@lru_cache(maxsize=16384)
def amount_or_error(text: str) -> Decimal | str | None:
    """`parse_amount`'s result, or the message of its error instead of raising it: cached either
    way, since readers try every cell of a row, names included, as an amount."""
    cell = halfwidth(text).strip()
    if not cell or cell in _DASHES:
        return None
    negative = cell.startswith("(") and cell.endswith(")")
    if negative:
        cell = cell[1:-1].strip()
    cell = _INNER_SPACE.sub("", cell)
    if not _AMOUNT.fullmatch(cell):
        return f"not an amount: {text!r}"
    try:
        value = Decimal(cell.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return f"not an amount: {text!r}"
    return -value if negative else value


def amount_or_none(text: str) -> Decimal | None:
    """`parse_amount` for a cell that may hold anything: None for a blank and for text alike."""
    value = amount_or_error(text)
    return None if isinstance(value, str) else value


def is_amount(text: str) -> bool:
    """True when `text` reads as an amount (a blank does not)."""
    return amount_or_none(text) is not None


@lru_cache(maxsize=16384)
def nfkc(text: str) -> str:
    """Compatibility-normalized text for matching labels (（）→(), ：→:, full-width → ASCII)."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=16384)
def compact(text: str) -> str:
    """Normalized text without any white space, for comparing labels that OCR broke with spaces."""
    return _SPACE.sub("", nfkc(text))


_SPACE = re.compile(r"\s+")
