"""The format-neutral grid every renderer draws: which cells exist, what they span, which rows are
header rows (repeated on every page), which cells are amounts (right-aligned, the exact `Decimal`
kept for XLSX) and which are bold or indented; and how its columns share a page's width.

The grids are made beside the renderers: `layout.py` lays out the standard tables, `forms.py` the
performance forms and an attached catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell at its top-left position; the positions it spans over hold no Cell."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: Decimal | None = None
    align: Align = Align.LEFT
    bold: bool = False
    indent: int = 0
    header: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as cells. `widths` are column widths in character cells (a CJK character is 2);
    `amount_columns` hold numbers with `decimals` places; the first `header_rows` rows repeat on
    every page."""

    cells: tuple[Cell, ...]
    rows: int
    widths: tuple[float, ...]
    header_rows: int
    amount_columns: frozenset[int] = frozenset()
    decimals: int = 2
    row_header_columns: frozenset[int] = frozenset()

    @property
    def cols(self) -> int:
        return len(self.widths)

    def by_row(self) -> tuple[tuple[Cell, ...], ...]:
        """Cells grouped by their row, in column order (rows without an anchor cell are empty)."""
        rows: list[list[Cell]] = [[] for _ in range(self.rows)]
        for cell in self.cells:
            rows[cell.row].append(cell)
        return tuple(tuple(sorted(r, key=lambda c: c.col)) for r in rows)

    def covered(self) -> frozenset[tuple[int, int]]:
        """Positions that lie under a merged cell (not its anchor)."""
        out = set()
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) != (c.row, c.col):
                        out.add((r, k))
        return frozenset(out)


def fit_widths(grid: Grid, available: float, char_width: float) -> list[float]:
    """Column widths (in the caller's unit) that fill `available`: amount columns keep room for
    their numbers, text columns share the rest in proportion (their text wraps); when even the
    numbers do not fit, every column shrinks in proportion."""
    natural = [w * char_width for w in grid.widths]
    total = sum(natural)
    if total <= available:
        return [w * available / total for w in natural]
    # Numbers and short texts (codes) do not wrap well; long texts do.
    rigid = {k for k, w in enumerate(grid.widths) if k in grid.amount_columns or w <= 10}
    fixed = sum(natural[k] for k in rigid)
    flexible = total - fixed
    room = available - fixed
    if flexible <= 0 or room < 0.25 * flexible:
        return [w * available / total for w in natural]
    return [w if k in rigid else w * room / flexible for k, w in enumerate(natural)]


# The words that table and form headers are made of, each as short as it can be (政府性 基金, not
# 政府性基金: a line holds as many as fit). A header that must break over lines breaks between them
# (当年预算/安排, 实施期资金/总额; never 当年预算安/排); a longer word is tried first where one
# begins another.
_WORDS = (
    "当年 上年 本年 年度 年初 年末 实施期 预算 预算数 决算 决算数 安排 资金 总额 结转 结余 一般 公共 "
    "政府性 基金 国有 资本 经营 财政 专户 管理 拨款 单位 基本 项目 支出 收入 合计 小计 总计 科目 编码 "
    "名称 代码 中央 省级 市县 自筹 其他 人员 公用 经费 经济 功能 分类 部门 政府 事业 上级 补助 附属 上缴 "
    "指标 指标值 一级 二级 三级 主管 实施 属性 绩效 目标 总体 公务 用车 购置 运行 维护 出国 接待 机关 "
    "增减 变动 金额 比例 数量 说明 用途 类型 情况 资本性 和 商品 服务 个人 家庭 工资 福利 其中"
)
HEADER_WORDS = frozenset(_WORDS.split(" "))
_LONGEST_WORD = max(len(word) for word in HEADER_WORDS)
_YEAR = re.compile(r"\d{4}年度?|[0-9A-Za-z.,%]+")


def word_bounds(text: str) -> frozenset[int]:
    """The positions in `text` between its words (HEADER_WORDS, longest match first; a year such
    as "2026年" or a number is one word, any other character a word of its own)."""
    bounds: set[int] = set()
    k, n = 0, len(text)
    while k < n:
        if m := _YEAR.match(text, k):
            step = m.end() - k
        else:
            step = next(
                (size for size in range(min(_LONGEST_WORD, n - k), 1, -1) if text[k : k + size] in HEADER_WORDS), 1
            )
        k += step
        bounds.add(k)
    bounds.discard(n)
    return frozenset(bounds)


def header_words(text: str) -> list[str]:
    """`text` cut into its words (see `word_bounds`)."""
    cuts = [0, *sorted(word_bounds(text)), len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


def widen(widths: list[float], need: list[float]) -> list[float]:
    """`widths` in which each column is at least as wide as it `need`s: a column too narrow takes
    the room from the columns that have room to spare, in proportion (unchanged when there is not
    enough to spare)."""
    short = sum(max(n - w, 0.0) for n, w in zip(need, widths, strict=True))
    spare = [max(w - n, 0.0) for n, w in zip(need, widths, strict=True)]
    if short <= 0 or sum(spare) < short:
        return widths
    scale = short / sum(spare)
    return [max(w, n) if n > w else w - s * scale for w, n, s in zip(widths, need, spare, strict=True)]
