"""Header labels misread by one or two characters, restored from the labels budget tables print.

A header cell decides which column an amount belongs to, and small bold header type in a shaded
cell is where recognition slips most ("般公共预算" for 一般公共预算, "其本支出" for 基本支出). A cell
whose text is within one character (two, for long labels) of exactly one known label, and is not
itself a known label, is read as that label; the caller reports each such reading.
"""

from __future__ import annotations

import re

from ...model.tables import COLUMN_LABELS, ROW_KEYS

# A year or an ordinal in front of a label is kept as printed and not matched.
_PREFIX = re.compile(r"^(\d{4}年度?|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十]+[）)])")

# The labels of budget table headers and of fixed rows, as the packages print them.
LABELS: frozenset[str] = frozenset(
    {
        *COLUMN_LABELS.values(),
        *ROW_KEYS.values(),
        "项目",
        "科目编码",
        "科目名称",
        "功能分类科目编码",
        "功能分类科目名称",
        "部门预算支出经济分类科目",
        "政府预算支出经济分类科目",
        "经济分类科目名称",
        "本年收入",
        "本年支出",
        "收入",
        "支出",
        "收入预算",
        "支出预算",
        "预算数",
        "小计",
        "总计",
        "购置费",
        "运行费",
        "运行维护费",
        "机关运行经费",
        "机关运行经费预算数",
        "当年预算安排",
        "上年结转安排",
        "本年收入合计",
        "本年支出合计",
        "收入总计",
        "支出总计",
        "财政拨款收入",
        "财政拨款支出",
        "一般公共预算拨款",
        "政府性基金预算拨款",
        "国有资本经营预算拨款",
        "国有资本经营预算支出",
        "国有资本经营收入预算",
        "政府性基金预算支出",
        "收入科目编码",
        "单位名称",
        "项目名称",
        "公务用车购置及运行费",
    }
)


def is_label(text: str) -> bool:
    """True when `text` is a known label as printed (a year or ordinal in front allowed)."""
    start = _PREFIX.match(text)
    return text[len(start.group(1)) if start else 0 :] in LABELS


def known_label(text: str) -> str | None:
    """The known label `text` is a slight misreading of, or None (also None for a known label)."""
    start = _PREFIX.match(text)
    prefix = start.group(1) if start else ""
    body = text[len(prefix) :]
    if len(body) < 3 or len(body) > 24 or body in LABELS or re.search(r"\d", body):
        return None
    allowed = 2 if len(body) >= 7 else 1
    best: list[str] = []
    best_distance = allowed + 1
    for label in LABELS:
        if abs(len(label) - len(body)) > allowed:
            continue
        if len(body) == 3 and len(label) != 4:
            continue  # three characters: only a character dropped from a four-character label
        distance = _distance(body, label, best_distance + 1)
        if distance < best_distance:
            best, best_distance = [label], distance
        elif distance == best_distance:
            best.append(label)
    if len(best) != 1 or best_distance > allowed:
        return None
    return prefix + best[0]


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit` as soon as it is known to be at least that."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return previous[-1]
