"""Classification codes as plain strings, with plain functions over them.

Four code families appear in a disclosure package:

- 支出功能分类 (function classification): 3/5/7 digits = 类/款/项, e.g. 208 → 20801 → 2080101;
- 部门预算支出经济分类 (department economic classification): 3/5 digits, 301…399, and where a
  province prints a third level, 7 (Chongqing: 3010201 规范性津补贴 under 30102 津贴补贴);
- 政府预算支出经济分类 (government economic classification): 3/5 digits, 501…599;
- 政府购买服务指导性目录 (purchase-of-services catalogue): A, A01, A0101, A010101.

Codes are kept as the strings they are; nothing here raises on an unknown code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache


class CodeScheme(StrEnum):
    FUNCTION = "function"  # 支出功能分类
    DEPT_ECON = "dept_econ"  # 部门预算支出经济分类
    GOV_ECON = "gov_econ"  # 政府预算支出经济分类
    INCOME = "income"  # 收入分类 (1xx)
    SERVICE = "service"  # 政府购买服务指导性目录


_DIGITS = re.compile(r"\d+")
_SERVICE = re.compile(r"[A-Z](\d\d)*")


_SEPARATORS = re.compile(r"[\s\-_.]")


def normalize(code: str) -> str:
    """Join a code printed in parts ("204 06 01", "204-06-01") into one string ("2040601")."""
    return _SEPARATORS.sub("", code) if code else code


@lru_cache(maxsize=4096)
def scheme(code: str) -> CodeScheme | None:
    """Which classification a code belongs to, from its shape; None when it fits none."""
    if _SERVICE.fullmatch(code) and not code.isdigit():
        return CodeScheme.SERVICE
    if not _DIGITS.fullmatch(code) or len(code) not in (3, 5, 7):
        return None
    head = code[0]
    if head == "2":
        return CodeScheme.FUNCTION
    if head == "1":
        return CodeScheme.INCOME
    if head == "3":
        return CodeScheme.DEPT_ECON
    if head == "5" and len(code) <= 5:
        return CodeScheme.GOV_ECON
    return None


@lru_cache(maxsize=4096)
def level(code: str) -> int:
    """Depth of a code: 1 for 类 (or catalogue letter), 2 for 款, 3 for 项, 4 for a catalogue leaf."""
    if code[:1].isalpha():
        return 1 + (len(code) - 1) // 2
    return (len(code) - 1) // 2


def parent(code: str) -> str | None:
    """The code one level up, or None for a top-level code."""
    if level(code) <= 1:
        return None
    return code[:-2]


def parents(code: str) -> tuple[str, ...]:
    """All ancestors, nearest first."""
    found: list[str] = []
    current = parent(code)
    while current is not None:
        found.append(current)
        current = parent(current)
    return tuple(found)


def children_of(code: str, codes: Iterable[str]) -> tuple[str, ...]:
    """The codes among `codes` whose parent is `code`, in the order given."""
    return tuple(c for c in codes if parent(c) == code)


def is_code(text: str) -> bool:
    """True when `text` (already normalized) has the shape of a known code family."""
    return scheme(text) is not None
