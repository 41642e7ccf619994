"""Performance-target forms (绩效目标申报表) → `ProjectForm` / `OverallForm`.

Scanned forms come out of OCR with labels shifted by a cell or a row, leading blank columns,
labels missing and two cells merged into one. Fields are therefore found by what their cells
say (a "009-单位名称" cell is the 主管部门及代码 whatever its label, an amount after "年度资金总额"
is the annual total) and rows are read left (实施期) to right (年度).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from ..model import (
    Amount,
    FundingSplit,
    FundLine,
    Indicator,
    OverallForm,
    Period,
    ProjectForm,
    Signature,
    Source,
    Unit,
)
from ..text import amount_or_none, compact
from .blocks import TableLine

T = TypeVar("T")

_DEPT_CODE = re.compile(r"^(\d{1,4})\s*[-－—_]\s*([^\d\s].*)$")  # "009-某某局", "340_某某局"; not a date
_ATTRIBUTE = re.compile(r"(一次性|经常性|延续性|持续性|阶段性|跨年度)项目")
_DURATION = re.compile(r"^\d+\s*年$")

LEVEL1 = {"产出指标", "效益指标", "满意度指标", "满意度"}
_LEVEL2 = re.compile(
    r"^(?:(数量|质量|时效|成本|数据)指标|(经济|社会|生态)(效益|收益)(指标)?|可持续(性)?影响(指标)?|服务对象(满意度)?(指标)?)$"
)
_HEADER_WORDS = {"一级指标", "二级指标", "三级指标", "指标值", "绩效指标"}

_FUND_LABELS = (
    ("资金总额", "total"),
    ("中央", "central"),
    ("省级", "provincial"),
    ("市县", "local"),
    ("单位自筹", "self_raised"),
    ("自筹", "self_raised"),
    ("其他资金", "other"),
    # the Shanghai form: 项目资金总额 / 年度资金申请总额, 其中：财政资金 / 其中：当年财政拨款, 上年结转资金
    ("资金申请总额", "total"),
    ("财政资金", "fiscal"),
    ("财政拨款", "fiscal"),
    ("上年结转", "carryover"),
)
TEXT_LABELS = ("项目概况", "立项依据", "项目设立必要性", "保证项目实施的制度、措施", "项目实施计划")
# each text field is known by its label's first four characters (a row's label may be cut short)
_TEXT_BY_PREFIX = {compact(label)[:4]: label for label in TEXT_LABELS}
# Fields that a form (the Shanghai one) prints as label and value side by side within a row, beside
# other fields: read as pairs, then blanked so that the rest of the row reads as any other layout.
_PAIRED_LABELS = ("项目性质", "项目期", "项目类别", "计划开始日期", "计划完成日期")
_SIGN_LABELS = (
    ("负责人", "responsible"),
    ("经办人", "handler"),
    ("联系电话", "phone"),
    ("填报日期", "date"),
    ("填表日期", "date"),
)


@lru_cache(maxsize=1024)
def level1_of(level2: str) -> str | None:
    """The standard 一级指标 of a 二级指标 (数量指标 → 产出指标, 社会效益 → 效益指标, …)."""
    key = compact(level2)
    if any(w in key for w in ("数量", "质量", "时效", "成本", "数据")):
        return "产出指标"
    if "满意度" in key:
        return "满意度指标"
    if any(w in key for w in ("效益", "收益", "影响")):
        return "效益指标"
    return None


_VALUE = re.compile(
    r"^[≥≤<>＞＜=]|\d|%|^(有所|显著|明显|提高|保障|及时|长期|符合|足额|正常|效果|按|不低于|不高于|逐年)"
)


def _looks_like_value(token: str) -> bool:
    """An indicator value rather than a name: "≥90%", "59人", "有所提高", "及时"."""
    return bool(_VALUE.search(compact(token)))


@lru_cache(maxsize=4096)
def _is_token(cell: str) -> bool:
    """A filled cell of the 绩效指标 block that is no column heading (一级指标, 指标值, …)."""
    return compact(cell) not in _HEADER_WORDS


@lru_cache(maxsize=4096)
def is_level2(token: str) -> bool:
    return bool(_LEVEL2.match(compact(token)))


@lru_cache(maxsize=4096)
def _fund_key(token: str) -> str | None:
    """The fund source a label names ("其中:中央财政资金" → central); long text is no label."""
    key = compact(token)
    if len(key) > 14:
        return None
    for word, fund in _FUND_LABELS:
        if word in key:
            return fund
    return None


@dataclass(slots=True)
class _Funding:
    implementation: dict[str, Amount] = field(default_factory=dict)
    annual: dict[str, Amount] = field(default_factory=dict)


def _read_funding(rows: Sequence[TableLine]) -> _Funding:
    """Rows of the 项目资金 block: each holds a label and amount for 实施期, then for 年度.

    The first amount after the row's first label is the 实施期 amount; any later amount, or an
    amount that only follows the second label, is the 年度 amount.
    """
    funding = _Funding()
    for line in rows:
        labels_seen = 0
        current: str | None = None
        implementation_done = False
        for text in line.nonblank:
            if _is_block_label(text):
                continue
            fund = _fund_key(text)
            if fund is not None:
                labels_seen += 1
                current = fund
                continue
            value = amount_or_none(text)
            if value is None or current is None:
                continue
            # a row that holds only a 年度 label (上年结转资金 under 其中：当年财政拨款) starts right of the middle
            if not implementation_done and labels_seen <= 1 and not _starts_right(line):
                funding.implementation[current] = Amount(value, line.source.at(column=f"implementation.{current}"))
                implementation_done = True
            else:
                funding.annual[current] = Amount(value, line.source.at(column=f"annual.{current}"))
    return funding


def _is_block_label(text: str) -> bool:
    """The 项目资金(元) label of the whole block (not 项目资金总额, the Shanghai form's total)."""
    return "项目资金" in text and "总额" not in text


def _starts_right(line: TableLine) -> bool:
    """True when the row's first filled cell lies in the right half of the row."""
    cells = line.cells
    first = next((i for i, c in enumerate(cells) if c and not _is_block_label(c)), 0)
    return first * 2 >= len(cells) > 0


def _is_fund_row(line: TableLine) -> bool:
    """A row of the 项目资金 block: its first label (after "项目资金(元)") names a fund source."""
    label = next((c for c in line.nonblank if not _is_block_label(c)), None)
    return label is not None and _fund_key(label) is not None


def unique_labels(pairs: Sequence[tuple[str, T]]) -> tuple[tuple[str, T], ...]:
    """Pairs with each label made unique ("编制", "编制（2）") so that they serialize as an object."""
    seen: dict[str, int] = {}
    out = []
    for label, value in pairs:
        count = seen.get(label, 0) + 1
        seen[label] = count
        out.append((label if count == 1 else f"{label}（{count}）", value))
    return tuple(out)


def _split(d: dict[str, Amount]) -> FundingSplit:
    return FundingSplit(**d)


def _indicator_rows(
    rows: Sequence[TableLine], period_labels: tuple[Period, Period] = (Period.IMPLEMENTATION, Period.ANNUAL)
) -> tuple[Indicator, ...]:
    """Rows of the 绩效指标 block → indicators, left half 实施期, right half 年度 (a block of one
    period, `period_labels` naming it twice, is read whole as one half)."""
    one_period = period_labels[0] is period_labels[1]
    found: list[Indicator] = []
    level1 = ""
    level2 = ["", ""]
    for line in rows:
        tokens = list(filter(_is_token, line.nonblank))
        if not tokens:
            continue
        explicit = compact(tokens[0]) in LEVEL1
        if explicit:
            level1 = tokens[0]
            tokens = tokens[1:]
        flags = list(map(is_level2, tokens))
        positions = [j for j, flag in enumerate(flags) if flag]
        candidates = [p for p in positions if p >= 2 and not flags[p - 1]]
        if one_period:
            k = len(tokens)
        elif candidates:
            middle = len(tokens) / 2
            k = min(candidates, key=lambda p: abs(p - middle))
        elif len(positions) >= 2:
            k = positions[1]
        elif positions and positions[0] > 0:
            k = positions[0]
        elif positions and len(tokens) <= 3 and _token_columns(line, explicit)[0] * 2 >= len(line.cells):
            k = 0  # a 二级 and its indicator printed only in the right (年度) half
        elif positions:  # one level-2 label, at the start: [L2, name, value, name, value]
            k = 3 if len(tokens) > 3 else len(tokens)
        elif len(tokens) <= 2 and tokens and _token_columns(line, explicit)[0] * 2 >= len(line.cells):
            k = 0  # a continuation row printed only in the right (年度) half
        elif len(tokens) <= 2 and tokens and _token_columns(line, explicit)[-1] * 2 <= len(line.cells):
            k = len(tokens)  # a continuation row printed only in the left (实施期) half
        else:
            k = (len(tokens) + 1) // 2
        for side, (i, end) in enumerate(((0, k), (k, len(tokens)))):
            while i < end and flags[i]:
                # Of two level-2 labels in a row the first is empty, unless the second is the
                # indicator's own name (a 三级 "服务对象满意度" followed by its value).
                if i + 1 < end and flags[i + 1] and (i + 2 == end or _looks_like_value(tokens[i + 2])):
                    level2[side] = tokens[i]
                    i += 1
                    break
                level2[side] = tokens[i]
                if not explicit:  # the 一级 cell is merged from above: take the standard parent
                    level1 = level1_of(tokens[i]) or level1
                i += 1
            if i < end:
                value = " ".join(tokens[i + 1 : end])
                found.append(Indicator(level1, level2[side], tokens[i], value, period_labels[side], line.source))
    return tuple(found)


def _token_columns(line: TableLine, explicit: bool) -> list[int]:
    """The columns of a 绩效指标 row's tokens (the cells `_indicator_rows` reads), without the
    一级 cell when the row states it."""
    columns = [i for i, c in enumerate(line.cells) if c and _is_token(c)]
    return columns[1:] if explicit else columns


def _signature_from_cells(rows: Sequence[TableLine]) -> tuple[Signature, dict[str, Source]]:
    """The footer's fields, and the row each was read from."""
    fields: dict[str, str] = {}
    places: dict[str, Source] = {}
    for line in rows:
        pending: str | None = None
        for cell in line.nonblank:
            key = None
            text = compact(cell)
            for word, name in _SIGN_LABELS:
                if text.startswith(word):
                    key = name
                    rest = (
                        cell.split(":", 1)[1].strip()
                        if ":" in cell
                        else cell.split("：", 1)[1].strip()
                        if "：" in cell
                        else ""
                    )
                    if rest:
                        if key not in fields:
                            fields[key], places[key] = rest, line.source
                        key = None
                    break
            if key:
                pending = key
                continue
            if pending and pending not in fields:
                fields[pending], places[pending] = cell, line.source
                # an unlabelled name after 负责人's value is the 经办人
                pending = "handler" if pending == "responsible" else None
    signature = Signature(fields.get("responsible"), fields.get("handler"), fields.get("phone"), fields.get("date"))
    return signature, places


_SIGN_WORDS = "负责人|经办人|联系电话|填报日期|填表日期"
# A label's value is the word after it, unless that word is the next label (a blank field).
_SIGN_TEXT = re.compile(rf"({_SIGN_WORDS})\s*[:：]\s*((?!(?:{_SIGN_WORDS}))\S*)")


def signature_from_text(text: str) -> Signature | None:
    """ "负责人: 张玉和 经办人: 段高鹏 联系电话: 3022465 填表日期: 20260126" → Signature."""
    found = {m.group(1): m.group(2) for m in _SIGN_TEXT.finditer(text)}
    if not found:
        return None
    return Signature(
        found.get("负责人") or None,
        found.get("经办人") or None,
        found.get("联系电话") or None,
        found.get("填报日期") or found.get("填表日期") or None,
    )


def _first(line: TableLine) -> str:
    filled = line.nonblank
    return compact(filled[0]) if filled else ""


def _up_to(cells: Sequence[str], label: str) -> list[str]:
    """The cells before the first cell containing `label` (all of them when none does)."""
    out = []
    for c in cells:
        if label in compact(c):
            break
        out.append(c)
    return out


_PAIRING = frozenset(("head", "funds", "texts"))  # the states in which paired labels are looked for


def _may_pair(joined: str) -> bool:
    """Whether a row (its cells joined without spaces) may hold one of `_PAIRED_LABELS`."""
    return (
        "项目期" in joined
        or "项目性质" in joined
        or "项目类别" in joined
        or "计划开始日期" in joined
        or "计划完成日期" in joined
    )


def _paired(line: TableLine) -> tuple[TableLine, list[tuple[str, str]]] | None:
    """The `_PAIRED_LABELS` fields of a row as (label, value), and the row with them blanked;
    None when the row has none."""
    cells = list(line.cells)
    pairs: list[tuple[str, str]] = []
    for i, cell in enumerate(cells):
        if cell and compact(cell) in _PAIRED_LABELS:
            label = compact(cell)
            j = next((j for j in range(i + 1, len(cells)) if cells[j]), None)
            value = cells[j] if j is not None and compact(cells[j]) not in _PAIRED_LABELS else ""
            if label == "项目期" and not _DURATION.match(compact(value)):
                continue  # a label that OCR misread ("项目期 | 一次性项目" for 项目属性): leave the row as it is
            pairs.append((label, value))
            cells[i] = ""
            if value and j is not None:
                cells[j] = ""
    return (TableLine(tuple(cells), line.source), pairs) if pairs else None


def _value_periods(header: Sequence[str]) -> tuple[Period, Period]:
    """The periods of the 绩效指标 block's two halves, from its header row. A form with one
    value column (the Shanghai "年度(/项目)指标值") reads all its indicators as that column's."""
    values = [compact(c) for c in header if "指标值" in c]
    if len(values) == 1 and "年度" in values[0] and "实施期" not in values[0]:
        return (Period.ANNUAL, Period.ANNUAL)
    return (Period.IMPLEMENTATION, Period.ANNUAL)


def _after(line: TableLine, label: str) -> list[str]:
    """The filled cells after the first cell containing `label`."""
    cells = list(line.nonblank)
    for i, c in enumerate(cells):
        if label in compact(c):
            return cells[i + 1 :]
    return cells


def rows_to_project_form(title: str, year_label: int | None, rows: Sequence[TableLine], source: Source) -> ProjectForm:
    lines = [r for r in rows if not r.is_blank]
    name = ""
    department_code = department = implementing = attribute = duration = None
    texts: list[tuple[str, str]] = []
    text_sources: list[Source] = []  # beside texts
    where: dict[str, Source] = {}  # the row each other text field was read from
    goal_impl = goal_annual = None
    fund_rows: list[TableLine] = []
    indicator_rows: list[TableLine] = []
    sign_rows: list[TableLine] = []
    stray: list[TableLine] = []
    state = "head"
    periods = (Period.IMPLEMENTATION, Period.ANNUAL)  # of the indicator block's two halves
    for line in lines:
        filled = line.nonblank
        # label words are CJK, so removing spaces is all the normalizing their search needs
        joined = "".join(filled).replace(" ", "")
        if state in _PAIRING and _may_pair(joined) and (paired := _paired(line)):
            line, pairs = paired
            for label, printed in pairs:
                if label == "项目性质":
                    attribute, where["attribute"] = printed, line.source
                elif label == "项目期":
                    duration, where["duration"] = printed, line.source
                else:
                    texts.append((label, printed))
                    text_sources.append(line.source)
            filled = line.nonblank
            if not filled:
                continue
            joined = "".join(filled).replace(" ", "")
        first = compact(filled[0])  # _first, inlined: the lines are not blank
        if state in ("head", "funds") and _is_fund_row(line):
            state = "funds"
            fund_rows.append(line)
            continue
        if first.startswith("负责人") or "联系电话" in joined or "填报日期" in joined:
            state = "sign"
            sign_rows.append(line)
            continue
        if state == "sign":
            sign_rows.append(line)
            continue
        if state == "indicators":
            indicator_rows.append(line)
            continue
        if department_code is None and any(dash in joined for dash in "-－—_"):
            for cell in filled:
                if m := _DEPT_CODE.match(cell.strip()):
                    department_code, department = m.group(1), m.group(2).strip()
                    where["department"] = line.source
                    break
        if attribute is None and _ATTRIBUTE.search(joined):
            attribute = next((c for c in line.nonblank if _ATTRIBUTE.search(compact(c))), None)
            where["attribute"] = line.source
            if (stated := next((c for c in line.nonblank if _DURATION.match(compact(c))), None)) is not None:
                duration, where["duration"] = stated, line.source
            continue
        text_label = _TEXT_BY_PREFIX.get(first[:4])
        if text_label:
            state = "texts"
            texts.append((text_label, " ".join(_after(line, compact(text_label)[:4]))))
            text_sources.append(line.source)
            continue
        if "实施期目标" in joined or first == "实施目标" or "项目总目标" in joined:
            state = "goals"
            continue
        if "一级指标" in joined or ("二级指标" in joined and "三级指标" in joined):
            state = "indicators"
            periods = _value_periods(filled)
            if any(compact(c) in LEVEL1 for c in line.nonblank):
                indicator_rows.append(line)
            continue
        if first == "绩效指标":
            state = "indicators"
            indicator_rows.append(line)
            continue
        if state == "goals":
            values = _after(line, "总体目标") if first == "总体目标" else list(line.nonblank)
            if values:
                goal_impl = values[0]
                goal_annual = values[1] if len(values) > 1 else None
                where["goal_implementation"] = where["goal_annual"] = line.source
            continue
        # (a 专项资金绩效目标表 names its 专项资金名称 where a project's form names the 项目, Yantai n166 p33)
        if named_as := next((k for k in ("项目名称", "专项资金名称") if k in first), None):
            after = _after(line, named_as)
            value = [c for c in after if not _DEPT_CODE.match(c.strip())]
            if len(value) < len(after):  # labels shifted down a row: this is the 主管部门 row
                if value:
                    implementing, where["implementing_unit"] = value[-1], line.source
                continue
            if value and not name:
                name, where["name"] = value[0], line.source
            if "实施单位" in joined and (unit := _after(line, "实施单位")):
                implementing, where["implementing_unit"] = unit[0], line.source
            elif "实施单位" not in joined and len(value) > 1 and implementing is None:
                implementing, where["implementing_unit"] = value[-1], line.source
            continue
        if "主管" in first or "实施单位" in joined:
            after = _after(line, "实施单位") if "实施单位" in joined else []
            if "主管" in first and department_code is None and department is None:
                # a department printed without its code: "主管部门 | 某某街道办事处 | 实施单位 | …"
                named = _up_to(_up_to(filled[1:], "实施单位"), "实施期限")  # (a blank form: "主管部门 | | 实施期限 |")
                if named:
                    department, where["department"] = named[0], line.source
            if after:
                implementing, where["implementing_unit"] = after[0], line.source
            else:
                rest = [c for c in line.nonblank[1:] if not _DEPT_CODE.match(c.strip())]
                if rest and implementing is None:
                    implementing, where["implementing_unit"] = rest[-1], line.source
            continue
        if "项目分类" in first or any(w in joined for w in ("A类项目", "B类项目", "C类项目")):
            continue
        if state == "head" and len(line.nonblank) == 1:
            stray.append(line)
            continue
    if not name and stray:
        name, where["name"] = stray[0].nonblank[0], stray[0].source
    funding = _read_funding(fund_rows)
    signature, signed = _signature_from_cells(sign_rows)
    labelled = unique_labels(texts)
    return ProjectForm(
        title=title,
        year_label=year_label,
        name=name,
        department_code=department_code,
        department=department,
        implementing_unit=implementing,
        attribute=attribute,
        duration=duration,
        implementation=_split(funding.implementation),
        annual=_split(funding.annual),
        texts=labelled,
        goal_implementation=goal_impl,
        goal_annual=goal_annual,
        indicators=_indicator_rows(indicator_rows, periods),
        signature=signature,
        source=source,
        field_sources=(
            *where.items(),
            *((f"texts.{label}", at) for (label, _), at in zip(labelled, text_sources, strict=True)),
            *((f"signature.{key}", at) for key, at in signed.items()),
        ),
        unit=_fund_unit(fund_rows),
    )


def _fund_unit(rows: Sequence[TableLine]) -> Unit | None:
    """万元 when the 项目资金 block's label says so ("项目资金（万元）"); None for the usual 元."""
    for line in rows:
        for cell in line.nonblank:
            text = cell.replace(" ", "")
            if "项目资金" in text and "万元" in text:
                return Unit.WAN
    return None


_FUND_HEADERS = ("上年度预算", "上年度决算", "本年度申请资金")
_FACT_LABEL = re.compile(r"(机构数|单位数|人数|编制数?|编外人数)$")
_OVERALL_TEXTS = (
    "中长期战略目标",
    "上年度已完成工作目标",
    "年度绩效目标",
    "确保绩效目标实现的措施",
    "其他需要说明的情况",
)


def rows_to_overall_form(
    title: str, year_label: int | None, rows: Sequence[TableLine], signature: Signature | None, source: Source
) -> OverallForm:
    lines = [r for r in rows if not r.is_blank]
    department = None
    facts: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    fact_sources: list[Source] = []  # beside facts
    text_sources: list[Source] = []  # beside texts
    where: dict[str, Source] = {}
    indicators: list[Indicator] = []
    funds: list[FundLine] = []
    fund_columns: list[int] = []  # columns of 上年度预算, 上年度决算, 本年度申请资金 when the header names them
    level1 = ""
    for line in lines:
        filled = list(line.nonblank)
        first = compact(filled[0]) if filled else ""
        joined = compact("".join(filled))
        # 部门名称 or 单位名称; a 专项资金整体绩效目标表 names its 专项（项目）first and the department as 主管部门
        # (Xi'an n140 p58)
        named = "名称" in first and "项目" not in first
        if (named or first.startswith("主管部门")) and department is None and len(filled) > 1:
            department, where["department"] = filled[1], line.source
            continue
        if "名称" in first and "项目" in first and department is None and len(filled) > 1:
            continue  # the 专项's name, above its 主管部门
        if (
            "单位基本情况" in joined
            or "人员结构" in joined
            or ("编制" in joined and not any(k in joined for k in _OVERALL_TEXTS))
        ):
            pending: str | None = None
            for cell in filled:
                key = compact(cell)
                if key in ("单位基本情况", "人员结构", "其中"):
                    continue
                if _FACT_LABEL.search(key) and not key.isdigit():
                    pending = key
                    continue
                facts.append((pending, cell) if pending is not None else ("", cell))
                fact_sources.append(line.source)
                pending = None
            continue
        text_label = next((t for t in _OVERALL_TEXTS if t in first), None)
        if text_label:
            texts.append((filled[0], " ".join(filled[1:])))
            text_sources.append(line.source)
            continue
        if first in ("合计", "1基本支出", "2项目支出", "基本支出", "项目支出") or re.match(
            r"^\d?(合计|基本支出|项目支出)$", first
        ):
            amounts = [a for c in filled[1:] if (a := amount_or_none(c)) is not None]
            cells = [(c, i) for i, c in enumerate(line.cells) if amount_or_none(c) is not None]
            values = [
                Amount(a, line.source.at(column=f"funds.{k}"))
                for (c, i), a, k in zip(cells, amounts, ("last_budget", "last_final", "requested"), strict=False)
            ]
            padded: list[Amount | None] = [*values, None, None, None]
            if fund_columns and len(cells) < 3:  # a blank cell: place each amount under its header
                by_column = dict(zip((i for _, i in cells), amounts, strict=False))
                padded = [
                    Amount(by_column[i], line.source.at(column=f"funds.{k}")) if i in by_column else None
                    for i, k in zip(fund_columns, ("last_budget", "last_final", "requested"), strict=True)
                ]
            funds.append(FundLine(filled[0], padded[0], padded[1], padded[2]))
            continue
        if "上年度预算" in joined and "本年度申请资金" in joined:
            headers = [compact(c) for c in line.cells]
            found = [next((i for i, h in enumerate(headers) if h.startswith(w)), -1) for w in _FUND_HEADERS]
            fund_columns = found if -1 not in found else []
        if "资金管理" in joined or "保障机制" in joined or "组织机构" in joined or "相关管理制度" in joined:
            if len(filled) > 1 and ("组织机构" in joined or "相关管理制度" in joined):
                label = next(c for c in filled if "组织机构" in compact(c) or "相关管理制度" in compact(c))
                texts.append((label, filled[-1]))
                text_sources.append(line.source)
            continue
        if "职责履行" in joined or "履职效益" in joined:
            level1 = "职责履行" if "职责履行" in joined else "履职效益"
            task = next((c for c in filled if c.startswith("任务")), None)
            if task:
                texts.append((level1 + "·预期事项", task))
                text_sources.append(line.source)
            continue
        if first == "..." or not filled:
            continue
        tokens = [c for c in filled if compact(c) not in _HEADER_WORDS and c != "..."]
        if not tokens:
            continue
        if "满意度" in tokens[0] and len(tokens) >= 2:
            # OCR may put the value before the name ("≥98% | 工作人员满意率"): tell them apart
            rest = tokens[1:]
            valued = [t for t in rest if _looks_like_value(t)]
            value = valued[0] if valued else rest[-1]
            names = [t for t in rest if t is not value]
            name = names[0] if names else tokens[0]
            indicators.append(Indicator("满意度", tokens[0], name, value, Period.ANNUAL, line.source))
            continue
        if len(tokens) >= 2 and not any(k in joined for k in ("指标解释", "预期完成")):
            indicators.append(Indicator(level1, "", tokens[0], " ".join(tokens[1:]), Period.ANNUAL, line.source))
    labelled_facts, labelled_texts = unique_labels(facts), unique_labels(texts)
    return OverallForm(
        title=title,
        year_label=year_label,
        department=department,
        facts=labelled_facts,
        texts=labelled_texts,
        indicators=tuple(indicators),
        funds=tuple(funds),
        signature=signature or Signature(),
        source=source,
        field_sources=(
            *where.items(),
            *((f"facts.{label}", at) for (label, _), at in zip(labelled_facts, fact_sources, strict=True)),
            *((f"texts.{label}", at) for (label, _), at in zip(labelled_texts, text_sources, strict=True)),
        ),
    )
