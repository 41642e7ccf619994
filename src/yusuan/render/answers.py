"""Charts of the store's answers (`yusuan db query … --chart`), where a person would rather look
than read: a department's spending by 功能分类 类 over the years, a region's departments side by
side, the packages with most findings. Each takes the answer's Sheet; PNG through matplotlib
(Agg), in the CJK font the other charts use.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..export.flat import Sheet
from ..model import TableKind
from ..text import region_of
from .fonts import CHART_FAMILIES, find_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLORS = ("#1f5f99", "#d9822b", "#3f8f5a", "#a33a3a", "#6b5b95", "#8c8c8c", "#c4a000", "#2b9aa0")

# Where a department's spending by 类 is read, most wanted first.
SPENDING_TABLES = (TableKind.EXPENDITURE_SUMMARY, TableKind.GENERAL_EXPENDITURE, TableKind.BUDGET_SUMMARY)


def _fonts() -> tuple[Any, Any]:
    from matplotlib.font_manager import FontProperties

    path = find_font(CHART_FAMILIES).path
    return FontProperties(fname=path, size=9), FontProperties(fname=path, size=12, weight="bold")


def _save(fig: Figure, path: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150)
    return path


def department_chart(sheet: Sheet, path: Path) -> Path:
    """Stacked bars, one per year: the department's spending by 功能分类 类 (from its 支出总表,
    else 一般公共预算支出表, else the 支出 side of 收支总表)."""
    return _save(department_figure(sheet), path)


def department_figure(sheet: Sheet) -> Figure:
    """The figure of `department_chart`."""
    from matplotlib.figure import Figure

    years = sheet.header[5:-2]
    table = next(
        (k.label for k in SPENDING_TABLES if any(r[0] == k.label and r[3] == "类" for r in sheet.rows)),
        None,
    )
    parts = [r for r in sheet.rows if r[0] == table and r[3] == "类"]
    unit, scale = _shown_unit(sheet)
    font, title_font = _fonts()
    fig = Figure(figsize=(8, 4.8))
    ax = fig.add_subplot(1, 1, 1)
    bottoms = [0.0] * len(years)
    for i, row in enumerate(parts):
        heights = [_float(v) * scale for v in row[5 : 5 + len(years)]]
        ax.bar(range(len(years)), heights, bottom=bottoms, color=COLORS[i % len(COLORS)], label=f"{row[2]} {row[4]}")
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_xticks(range(len(years)))
    ax.set_xticklabels(years, fontproperties=font)
    ax.set_ylabel(unit, fontproperties=font)
    _plain_ticks(ax.yaxis)
    if parts:
        ax.legend(prop=font, frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(0.5, 0.5, "没有按功能分类（类）列出的支出", ha="center", transform=ax.transAxes, fontproperties=font)
    fig.suptitle(f"{sheet.name} 支出按功能分类（类）", fontproperties=title_font)
    fig.subplots_adjust(left=0.1, right=0.68, top=0.9, bottom=0.1)
    return fig


def region_chart(sheet: Sheet, path: Path) -> Path:
    """Horizontal bars per department: 基本支出 and 项目支出 stacked (支出总计 where they are
    not printed), and beside them the “三公”经费."""
    from matplotlib.figure import Figure

    data = [r for r in sheet.rows if r[3] is not None][:30]
    font, title_font = _fonts()
    fig = Figure(figsize=(10, max(3.0, 0.35 * len(data) + 1.5)))
    left, right = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    names = [_short(str(r[1] or r[0])) for r in data]
    positions = list(range(len(data)))[::-1]
    basic = [_float(r[4]) for r in data]
    project = [_float(r[5]) for r in data]
    rest = [max(0.0, _float(r[3]) - b - p) for r, b, p in zip(data, basic, project, strict=True)]
    left.barh(positions, basic, color=COLORS[0], label="基本支出")
    left.barh(positions, project, left=basic, color=COLORS[1], label="项目支出")
    left.barh(positions, rest, left=[b + p for b, p in zip(basic, project, strict=True)], color=COLORS[5], label="其他")
    right.barh(positions, [_float(r[6]) for r in data], color=COLORS[3])
    for ax, title in ((left, "支出总计"), (right, "“三公”经费")):
        ax.set_yticks(positions)
        ax.set_yticklabels(names if ax is left else [""] * len(names), fontproperties=font)
        ax.set_title(f"{title}（{_unit(sheet)}）", fontproperties=font)
        _plain_ticks(ax.xaxis)
    # the legend under the bars it names, never over them
    left.legend(prop=font, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    fig.suptitle(sheet.name, fontproperties=title_font)
    top = 1 - 0.75 / fig.get_figheight()  # the title's room, whatever the chart's height
    bottom = 0.8 / fig.get_figheight()  # the ticks' and the legend's room
    fig.subplots_adjust(left=0.22, right=0.97, wspace=0.08, top=top, bottom=bottom)
    return _save(fig, path)


def findings_chart(sheet: Sheet, path: Path) -> Path:
    """Horizontal bars: the packages with most hits (errors, warnings, notes as found)."""
    from matplotlib.figure import Figure

    data = list(sheet.rows[:30])
    font, title_font = _fonts()
    fig = Figure(figsize=(9, max(3.0, 0.32 * len(data) + 1.5)))
    ax = fig.add_subplot(1, 1, 1)
    positions = list(range(len(data)))[::-1]
    ax.barh(positions, [_float(r[8]) for r in data], color=COLORS[3])
    ax.set_yticks(positions)
    ax.set_yticklabels([f"{r[1] or '?'} {r[2] or ''}"[:26] for r in data], fontproperties=font)
    ax.set_xlabel("命中的发现数", fontproperties=font)
    fig.suptitle(sheet.name, fontproperties=title_font)
    fig.subplots_adjust(left=0.32, right=0.97)
    return _save(fig, path)


def _short(department: str) -> str:
    """A department's name on a chart's axis: without its region (the chart's title names it),
    at most 14 characters."""
    region = region_of(department)
    name = department[len(region) :] if region and len(department) > len(region) else department
    return name if len(name) <= 14 else name[:13] + "…"


def _float(value: object) -> float:
    """A figure's length on a chart (a blank is none)."""
    return float(value) if isinstance(value, Decimal | int) else 0.0


def _plain_ticks(axis: Any) -> None:
    """An axis of amounts as a reader writes them: 1,500 or 0.5, never 1.5 with ×1e3 in a
    corner."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.2f}".rstrip("0").rstrip(".")))


def _shown_unit(sheet: Sheet) -> tuple[str, float]:
    """The unit a chart shows the sheet's amounts in, and the factor from the sheet's: 元 are
    shown as 万元 (a department's spending in 元 runs to nine digits)."""
    unit = _unit(sheet)
    return ("万元", 1e-4) if unit == "元" else (unit, 1.0)


def _unit(sheet: Sheet) -> str:
    return sheet.name[sheet.name.rfind("（") + 1 : -1] if sheet.name.endswith("）") else ""
