"""Reference code lists shipped with yusuan (src/yusuan/data/*.csv), loaded once.

- function_classes.csv: the 30 类 of 支出功能分类 that the standard tables list, with earlier names;
- dept_econ_codes.csv: 部门预算支出经济分类 (类 and 款);
- gov_econ_codes.csv: 政府预算支出经济分类 (类 and 款);
- function_codes.csv: 支出功能分类 类/款/项 with provenance (类 complete, 款/项 partial).

Names are matched after compatibility normalization without spaces (so "维修(护)费" and
"维修（护）费" are the same name, and so are OCR-broken "国有资本经营 预算支出").
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import NamedTuple

from .text import name_key


@cache
def _rows(filename: str) -> tuple[dict[str, str], ...]:
    text = resources.files("yusuan.data").joinpath(filename).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def function_classes() -> dict[str, str]:
    """类 code → current name, in the standard order of the tables."""
    return {r["code"]: r["name"] for r in _rows("function_classes.csv")}


@cache
def function_class_by_name() -> dict[str, str]:
    """Name (current or earlier, by `name_key`) → 类 code."""
    found: dict[str, str] = {}
    for r in _rows("function_classes.csv"):
        found[name_key(r["name"])] = r["code"]
        for old in filter(None, r["old_names"].split("|")):
            found.setdefault(name_key(old), r["code"])
    return found


@cache
def dept_econ() -> dict[str, str]:
    return {r["code"]: r["name"] for r in _rows("dept_econ_codes.csv")}


@cache
def gov_econ() -> dict[str, str]:
    return {r["code"]: r["name"] for r in _rows("gov_econ_codes.csv")}


def _by_name(codes: dict[str, str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for code, name in codes.items():
        found.setdefault(name_key(name), []).append(code)
    return {k: tuple(v) for k, v in found.items()}


@cache
def dept_econ_by_name() -> dict[str, tuple[str, ...]]:
    """Name → codes (a name can stand at two places, e.g. 办公设备购置 under 309 and 310)."""
    return _by_name(dept_econ())


@cache
def gov_econ_by_name() -> dict[str, tuple[str, ...]]:
    return _by_name(gov_econ())


class FunctionCode(NamedTuple):
    """One 支出功能分类 code of data/function_codes.csv.

    `provenance` says where the row comes from: "observed" (printed in a real package: the
    Shanghai documents or the bundled sample, see `seen_in`) or "known" (the published
    classification). `since`/`until` bound the years the code has this name, where known;
    `aliases` are other names real packages print for it (short forms, earlier names).
    """

    code: str
    name: str
    level: int
    since: int | None
    until: int | None
    provenance: str
    aliases: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def function_codes() -> dict[str, FunctionCode]:
    """支出功能分类 code → FunctionCode. Complete for 类; partial for 款 and 项 (see provenance)."""
    found: dict[str, FunctionCode] = {}
    for r in _rows("function_codes.csv"):
        found[r["code"]] = FunctionCode(
            code=r["code"],
            name=r["name"],
            level=int(r.get("level") or (len(r["code"]) - 1) // 2),
            since=int(r["since"]) if r.get("since") else None,
            until=int(r["until"]) if r.get("until") else None,
            provenance=r.get("provenance") or "observed",
            aliases=tuple(filter(None, (r.get("aliases") or "").split("|"))),
        )
    return found
