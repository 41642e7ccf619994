"""What the title of a part looks like: a table's title names its kind, a form's title says 绩效目标.

The recogniser finds the parts of a package by these tests, and a format reader that must end a
table where the next part begins (a workbook's sheet holds several) asks the same ones.
"""

from __future__ import annotations

import re

from ..model import TableKind
from ..text import compact

# Dot leaders: a 目录 entry, not a title.
TOC_DOTS = re.compile(r"[.。…·]{3,}\s*$|[.。…·]{3,}")
_TITLE_END = re.compile(r"表(\([^)]*\))?$")  # a title ends with 表, perhaps then a remark in brackets


# What the title of a table of no standard kind speaks of (a part heading "2026年部门预算表" does not)
_OTHER_TITLE = re.compile(r"采购|资金|经费|支出|收入|收支|项目")
_ORDINAL_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．])")


def kind_from_title(text: str) -> TableKind | None:
    """The table kind a title names, or None when the line is no table title. A title of a table
    of no standard kind (政府采购预算表, 财政拨款支出表（功能科目）) gives `TableKind.OTHER`."""
    t = compact(text)
    if len(t) > 60 or "。" in t or "，" in t or TOC_DOTS.search(t) or is_form_title(t):
        return None
    if "表" not in t or not _TITLE_END.search(t):
        return None
    kind = _standard_kind(t)
    if kind is None and _OTHER_TITLE.search(t) and not _ORDINAL_START.match(t):
        return TableKind.OTHER
    return kind


def _standard_kind(t: str) -> TableKind | None:
    if "绩效" in t:  # 项目支出绩效表: a list of performance targets, not a 项目支出 table
        return None
    if "三公" in t:
        return TableKind.THREE_PUBLIC
    if "机关运行" in t:
        return TableKind.ORG_OPERATION
    if "项目支出" in t and "经济" in t:
        return None  # 项目支出 by economic class (Guangzhou 表7): no kind of the model's; not a project list
    if "项目支出" in t:
        if "上年结转" in t and "不含" not in t:
            return TableKind.PROJECT_CARRYOVER
        return TableKind.PROJECT_CURRENT
    if "决算" in t and ("政府性基金" in t or "国有资本经营" in t):  # 决算 tables of a fund: no 预算 kind
        return TableKind.GOV_FUND_FINAL if "政府性基金" in t else TableKind.STATE_CAPITAL_FINAL
    if "政府性基金" in t:
        return TableKind.GOV_FUND_INCOME if "收入" in t and "收支" not in t else TableKind.GOV_FUND_EXPENDITURE
    if "国有资本经营" in t:
        return TableKind.STATE_CAPITAL
    if "财政拨款" in t and "支出" in t and not any(w in t for w in ("收支", "收入支出", "一般公共预算")):
        return None  # 财政拨款支出表, 财政拨款基本支出表: all three budgets, no standard kind
    if "基本支出" in t and ("经济" in t or "决算" in t):
        return TableKind.GENERAL_BASIC_ECON
    if "一般公共预算基本支出" in t and "功能" not in t:  # by economic class unless it says otherwise (Chongqing 表六)
        return TableKind.GENERAL_BASIC_ECON
    if "一般公共预算基本支出" in t:
        return None  # 基本支出 by 功能分类 (Xi'an 表7): no kind of the model's
    if "一般公共预算" in t and "支出" in t:
        return TableKind.GENERAL_EXPENDITURE
    if "基本支出" in t:
        return None  # 基本支出总表 of all funds by economic class (Shenzhen 表4): no 支出总表
    if "财政拨款收支" in t or "财政拨款收入支出" in t:
        return TableKind.FISCAL_SUMMARY
    if "收入支出决算总表" in t:
        return TableKind.BUDGET_SUMMARY
    if re.search(r"(?<!财政拨款)收入决算表$", t):
        return TableKind.INCOME_SUMMARY
    if re.search(r"^支出决算表$|[^出]支出决算表$", t) and "一般公共" not in t:
        return TableKind.EXPENDITURE_SUMMARY
    if "收支总表" in t or "收支预算总表" in t or "收支总体情况表" in t:
        return TableKind.BUDGET_SUMMARY
    if "收入总表" in t or "收入预算总表" in t or "收入总体情况表" in t:
        return TableKind.INCOME_SUMMARY
    if "支出总表" in t or "支出预算总表" in t or "支出总体情况表" in t:
        return TableKind.EXPENDITURE_SUMMARY
    return None


def is_form_title(text: str) -> bool:
    """True for the title of a performance-target form (…绩效目标表, perhaps then a remark in
    brackets: "…绩效目标表（一级项目）")."""
    t = compact(text)
    if "绩效目标" not in t:
        t = _DOUBLED.sub(r"\1", t)  # a title printed bold by drawing each character twice (n155 p97)
    return "绩效目标" in t and _TITLE_END.search(t) is not None and len(t) < 60


_DOUBLED = re.compile(r"(.)\1")
