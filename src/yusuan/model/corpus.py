"""A corpus manifest's word for what each file is, and whether a recognition agrees with it.

A corpus folder (such as the national development corpus) describes each of its files in a
`manifest.json` entry: `is_disclosure`, `document_type` (部门预算, 部门综合预算, 单位预算, 部门决算,
单位决算), `unit` as printed (汇总/本级 included), `year`, `region` ({province, city, county}) and
`level` (central, provincial, city, district-county). This module reads those words in the model's
own terms, independently of how the reader recognises a file, so that the national scoreboard
(bench/corpus.py) and the tests judge a recognition by one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .disclosure import DocumentType, GovLevel, Recognition

# manifest document_type → the DocumentType a right reading has (a 部门综合预算 is a 部门预算)
DOCUMENT_TYPES: dict[str, DocumentType] = {
    "部门预算": DocumentType.DEPARTMENT_BUDGET,
    "部门综合预算": DocumentType.DEPARTMENT_BUDGET,
    "单位预算": DocumentType.UNIT_BUDGET,
    "部门决算": DocumentType.DEPARTMENT_FINAL,
    "单位决算": DocumentType.UNIT_FINAL,
}
# manifest level → the level values a right reading may have (省级 and a 直辖市's own departments
# are `province`)
LEVELS: dict[str, frozenset[str]] = {
    "central": frozenset({GovLevel.CENTRAL.value}),
    "provincial": frozenset({GovLevel.PROVINCE.value}),
    "city": frozenset({GovLevel.CITY.value}),
    "district-county": frozenset({GovLevel.COUNTY.value, GovLevel.DISTRICT.value}),
}
# what the refusal of a file that is no disclosure must say (its reason, in either language)
REFUSALS = ("not a budget disclosure", "not a PDF", "不是部门预算公开文件", "不是PDF")
# the fields a recognition is judged on, in the order a report names them
FIELDS = ("type", "unit", "year", "region", "level")

_CUT = str.maketrans({"“": "", "”": "", '"': "", " ": "", "\u3000": "", "(": "（", ")": "）"})


def _compact(text: str | None) -> str:
    return (text or "").translate(_CUT)


def _region_right(region: str | None, expected: Mapping[str, str | None] | None) -> bool:
    """The manifest's county, else its city, else its province, found in the region read; a
    package of no region (a central department's) is right with none read."""
    want = expected and (expected.get("county") or expected.get("city") or expected.get("province"))
    if not want:
        return expected is not None and region is None
    return bool(region and _compact(want) in _compact(region))


def judge(found: Recognition, entry: Mapping[str, Any]) -> dict[str, bool]:
    """Field by field (FIELDS), whether `found` is what the manifest `entry` says the file is: the
    document type, the unit as printed (spaces, quotes and the width of brackets aside), the year,
    the region and the level."""
    level = found.level.value if found.level is not None else None
    document_type = DOCUMENT_TYPES.get(entry.get("document_type") or "")
    return {
        "type": found.document_type is not None and found.document_type is document_type,
        "unit": found.department is not None and _compact(found.department) == _compact(entry.get("unit")),
        "year": found.year is not None and found.year == entry.get("year"),
        "region": _region_right(found.region, entry.get("region")),
        "level": level in LEVELS.get(entry.get("level") or "", frozenset()),
    }


def refused_right(reason: str | None) -> bool:
    """True when a refusal says the file is no budget disclosure (or no PDF at all)."""
    return any(r in (reason or "") for r in REFUSALS)
