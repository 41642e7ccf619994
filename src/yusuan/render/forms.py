"""The performance-target forms as format-neutral grids, in the official 8-column layouts.

Forms are label/value layouts, not column tables: `_GridBuilder` lays one out row by row. Every
renderer draws these grids (the paged formats through their TableBlock, the workbook on a sheet of
its own, the markdown as a pipe table), so a form reads the same in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby, zip_longest

from ..model import Attachment, FundingSplit, Indicator, OverallForm, Period, ProjectForm
from ..text import amount_text
from .grid import Align, Cell, Grid


@dataclass(frozen=True, slots=True)
class FormAmount:
    """An amount cell of a form: printed with separators and two decimals, right-aligned, the exact
    number kept for the renderers that store numbers (XLSX)."""

    value: Decimal | None
    span: int = 1


@dataclass(frozen=True, slots=True)
class FormText:
    """A cell of a form row: what is filled in (a name, a goal: left-aligned and wrapped; a value, a
    count: centred), or a label spanning columns (bold, centred)."""

    text: str
    span: int = 1
    align: Align = Align.LEFT
    bold: bool = False


def _centred(text: str, span: int = 1) -> FormText:
    return FormText(text, span, Align.CENTER)


def _label(text: str, span: int) -> FormText:
    return FormText(text, span, Align.CENTER, bold=True)


# A part of a form row: a label of one column (a bare string: bold, centred), a FormText, an amount.
_Part = str | FormText | FormAmount


# Column widths of the forms in character cells (a CJK character is 2): wide enough for the labels
# of 项目资金 and for an amount in 元 on one line, the rest for the indicator names and texts; the
# two halves of the 绩效指标 block (二级, 三级, 指标值) are as wide as each other.
PROJECT_FORM_WIDTHS = (12.0, 18.0, 12.0, 17.0, 18.0, 12.0, 17.0, 18.0)
OVERALL_FORM_WIDTHS = (16.0, 12.0, 13.0, 22.0, 17.0, 12.0, 12.0, 11.0)


class _GridBuilder:
    """Builds a form grid row by row (forms are label/value layouts, not column tables)."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = tuple(widths)
        self.cells: list[Cell] = []
        self.row = 0

    def line(self, *parts: _Part, start: int = 0, header: bool = False) -> None:
        """One row of cells from column `start`; in a `header` row every cell is a column head."""
        col = start
        for part in parts:
            if isinstance(part, FormAmount):
                text = amount_text(part.value, 2)
                self.cells.append(Cell(self.row, col, text, colspan=part.span, value=part.value, align=Align.RIGHT))
            elif header:
                text = part if isinstance(part, str) else part.text
                self.cells.append(Cell(self.row, col, text, colspan=_span(part), header=True, align=Align.CENTER))
            elif isinstance(part, str):
                self.cells.append(Cell(self.row, col, part, bold=True, align=Align.CENTER))
            else:
                self.cells.append(Cell(self.row, col, part.text, colspan=part.span, align=part.align, bold=part.bold))
            col += _span(part)
        self.row += 1

    def label(self, text: str, rows: int, col: int = 0) -> None:
        """A label cell merged down over `rows` rows from the current row."""
        self.cells.append(Cell(self.row, col, text, rowspan=max(rows, 1), bold=True, align=Align.CENTER))

    def text(self, text: str, rows: int, col: int) -> None:
        """A filled-in text merged down over `rows` rows from the current row."""
        self.cells.append(Cell(self.row, col, text, rowspan=max(rows, 1)))

    def grid(self) -> Grid:
        return Grid(tuple(self.cells), self.row, self.widths, 0)


def _span(part: _Part) -> int:
    return 1 if isinstance(part, str) else part.span


def _yuan(split: FundingSplit, key: str, span: int) -> FormAmount:
    amount = split.get(key)
    return FormAmount(amount.value if amount else None, span)


# 项目资金 rows of the project form: the total, then each source (the official wording).
_FUND_ROWS = (
    ("total", "实施期资金总额:", "年度资金总额:"),
    ("central", "其中:中央财政资金", "其中:中央财政资金"),
    ("provincial", "省级财政资金", "省级财政资金"),
    ("local", "市县(区)财政资金", "市县(区)财政资金"),
    ("self_raised", "单位自筹", "单位自筹"),
    ("other", "其他资金", "其他资金"),
)
# the Shanghai form's split by kind of money: printed when a form has it
_KIND_FUND_ROWS = (
    ("fiscal", "其中:财政资金", "其中:当年财政拨款"),
    ("carryover", "上年结转资金", "上年结转资金"),
)


def project_form_to_grid(form: ProjectForm) -> Grid:
    """项目支出绩效目标申报表 in its official 8-column layout: 项目资金 left (实施期) and right (年度),
    the text fields, 总体目标, the indicator tree (一级 and 二级 merged down over their runs, the
    实施期 half left of the 年度 half) and the signature line."""
    b = _GridBuilder(PROJECT_FORM_WIDTHS)
    b.line("项目名称", FormText(form.name, 7))
    department = "-".join(x for x in (form.department_code, form.department) if x)
    b.line("主管部门及代码", FormText(department, 3), "实施单位", FormText(form.implementing_unit or "", 3))
    b.line("项目属性", FormText(form.attribute or "", 3), "项目期", FormText(form.duration or "", 3))
    fund_rows = _FUND_ROWS + tuple(
        row for row in _KIND_FUND_ROWS if form.implementation.get(row[0]) or form.annual.get(row[0])
    )
    b.label("项目资金(元)", len(fund_rows))
    for key, left, right in fund_rows:
        b.line(left, _yuan(form.implementation, key, 2), right, _yuan(form.annual, key, 3), start=1)
    for name, text in form.texts:
        b.line(name, FormText(text, 7))
    b.label("总体目标", 2)
    b.line(FormText("实施期目标", 3), FormText("年度目标", 4), start=1, header=True)
    b.line(FormText(form.goal_implementation or "", 3), FormText(form.goal_annual or "", 4), start=1)
    _project_indicators(b, form.indicators)
    s = form.signature
    b.line(
        "负责人:",
        FormText(s.responsible or ""),
        "经办人:",
        FormText(s.handler or ""),
        "联系电话:",
        FormText(s.phone or ""),
        "填报日期:",
        FormText(s.date or ""),
    )
    return b.grid()


def indicator_pairs(indicators: Sequence[Indicator]) -> list[tuple[Indicator | None, Indicator | None]]:
    """The rows of the 绩效指标 block: in each run of indicators of one 一级 (in printed order), the
    实施期 ones on the left and the 年度 ones beside them on the right (the form has one 一级
    column for both halves). A half with fewer indicators leaves its last cells blank, none is
    dropped, and reading the rows left to right gives the indicators back in their order."""
    rows: list[tuple[Indicator | None, Indicator | None]] = []
    for _, group in groupby(indicators, key=lambda i: i.level1):
        run = list(group)
        rows += zip_longest(
            [i for i in run if i.period is Period.IMPLEMENTATION], [i for i in run if i.period is Period.ANNUAL]
        )
    return rows


def level2_keys(level1s: Sequence[str], half: Sequence[Indicator | None]) -> list[object]:
    """Merge keys of one half's 二级 column: (一级, 二级) of its indicator; a blank half-row goes on
    with the cell above it within the same 一级, and stands alone at the start of one."""
    keys: list[object] = []
    for k, (level1, item) in enumerate(zip(level1s, half, strict=True)):
        if item is not None:
            keys.append((level1, item.level2))
        elif k and level1s[k - 1] == level1:
            keys.append(keys[-1])
        else:
            keys.append(("", k))
    return keys


def _project_indicators(b: _GridBuilder, indicators: Sequence[Indicator]) -> None:
    """The 绩效指标 block: a row per pair of `indicator_pairs`, 一级 merged down over its run, each
    half's 二级 over its run within the 一级."""
    pairs = indicator_pairs(indicators)
    b.label("绩效指标", len(pairs) + 1)
    b.line("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值", start=1, header=True)
    top = b.row
    level1s = [next(i for i in pair if i is not None).level1 for pair in pairs]
    _merged_down(b, top, 1, level1s, level1s)
    for half, col in ((0, 2), (1, 5)):
        items = [pair[half] for pair in pairs]
        _merged_down(b, top, col, level2_keys(level1s, items), [i.level2 if i else "" for i in items])
        for k, item in enumerate(items):
            if item is not None:
                b.cells += [Cell(top + k, col + 1, item.name), Cell(top + k, col + 2, item.value, align=Align.CENTER)]
    b.row = top + len(pairs)


def _merged_down(b: _GridBuilder, top: int, col: int, keys: Sequence[object], texts: Sequence[str]) -> None:
    """Cells of column `col` from row `top`, one per run of equal keys, merged down over the run and
    holding the text of its first row."""
    k = 0
    for _, run in groupby(keys):
        length = len(list(run))
        b.cells.append(Cell(top + k, col, texts[k], rowspan=length, align=Align.CENTER))
        k += length


# The overall form's text fields printed in its head, and the two 本年度整体支出绩效指标 blocks.
_OVERALL_HEAD = ("部门(单位)中长期战略目标", "上年度已完成工作目标", "年度绩效目标")
_DUTY_BLOCKS = (("职责履行", "预期完成的事项"), ("履职效益", "部门履行职责带来的效果"))


def overall_form_to_grid(form: OverallForm) -> Grid:
    """部门（单位）整体支出绩效目标申报表 in its official 8-column layout: 单位基本情况 and 人员结构
    (two facts a row), the three goals, 职责履行 and 履职效益 with their indicators, 满意度,
    资金管理 (万元), 保障机制 and 其他需要说明的情况."""
    b = _GridBuilder(OVERALL_FORM_WIDTHS)
    b.line("部门(单位)名称", FormText(form.department or "", 7))
    facts = list(form.facts)
    for start in range(0, len(facts), 2):
        cells: list[_Part] = ["单位基本情况" if start == 0 else "人员结构"]
        for name, count in facts[start : start + 2]:
            cells += [name, _centred(count)]
        cells.append(FormText("", 8 - 2 * len(facts[start : start + 2]) - 1))
        b.line(*cells)
    texts = dict(form.texts)
    for name, text in form.texts:
        if name in _OVERALL_HEAD:
            b.line(name, FormText(text, 7))
    blocks = [(level1, what, [i for i in form.indicators if i.level1 == level1]) for level1, what in _DUTY_BLOCKS]
    b.label("本年度整体支出绩效指标", sum(len(rows) + 1 for *_, rows in blocks))
    for level1, what, rows in blocks:
        b.label(level1, len(rows) + 1, col=1)
        b.label(what, len(rows) + 1, col=2)
        b.text(texts.get(f"{level1}·预期事项", ""), len(rows) + 1, col=3)
        b.line("绩效指标", FormText("指标值", 3), start=4, header=True)
        for indicator in rows:
            b.line(FormText(indicator.name), _centred(indicator.value, 3), start=4)
    for indicator in form.indicators:
        if indicator.level1 == "满意度":
            b.line(_label(indicator.level2, 4), FormText(indicator.name), _centred(indicator.value, 3))
    b.label("资金管理", len(form.funds) + 1)
    b.label("投入情况", len(form.funds) + 1, col=1)
    b.label("支出预算(万元)", len(form.funds) + 1, col=2)
    b.line("名称", "上年度预算", "上年度决算", FormText("本年度申请资金", 2), start=3, header=True)
    for line in form.funds:
        values = (line.last_budget, line.last_final, line.requested)
        amounts = [FormAmount(a.value if a else None, span) for a, span in zip(values, (1, 1, 2), strict=True)]
        b.line(FormText(line.name), *amounts, start=3)
    guarantees = [(name, texts[name]) for name in ("组织机构", "相关管理制度") if name in texts]
    if guarantees:
        b.label("保障机制", len(guarantees))
        b.label("确保绩效目标实现的措施", len(guarantees), col=1)
        for name, text in guarantees:
            b.line(name, FormText(text, 5), start=2)
    b.line("其他需要说明的情况", FormText(texts.get("其他需要说明的情况", ""), 7))
    return b.grid()


def catalog_to_grid(attachment: Attachment) -> Grid:
    """An attached catalogue (政府购买服务指导性目录) as 编码 | 名称 | 适用部门, the names indented by
    their level and the first level in bold."""
    b = _GridBuilder((12, 40, 20))
    b.line("编码", "名称", "适用部门", header=True)
    for row in attachment.catalog:
        b.cells += [
            Cell(b.row, 0, row.code),
            Cell(b.row, 1, row.name, indent=max(row.level - 1, 0), bold=row.level == 1),
            Cell(b.row, 2, row.group),
        ]
        b.row += 1
    return Grid(tuple(b.cells), b.row, b.widths, 1)
