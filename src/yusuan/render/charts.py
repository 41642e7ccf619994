"""The package's charts: 一般公共预算当年拨款结构图, 三公经费分布图 and 支出预算结构图, as PNG.

A chart is first data (`Chart`: what is drawn, exact amounts, the alt text that says the same in
words), computed from the tables; drawing it (matplotlib, Agg, a CJK font found on the system) is
cached per chart, so that DOCX, PDF and HTML built from one Disclosure draw each chart once.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..model import ColumnKey, Disclosure, RowRole, Table, TableKind, Topic, Unit
from ..text import amount_text
from .fonts import CHART_FAMILIES, find_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PIE = "pie"
BAR = "bar"

# A muted palette that stays distinguishable in grey print.
COLORS = ("#1f5f99", "#d9822b", "#3f8f5a", "#a33a3a", "#6b5b95", "#8c8c8c", "#c4a000", "#2b9aa0")


@dataclass(frozen=True, slots=True)
class Chart:
    """What one chart shows. `names` are the captions a narrative prints where the chart goes;
    `topics` and `title_words` pick the section it belongs to when the text names no chart."""

    key: str
    title: str
    style: str
    labels: tuple[str, ...]
    values: tuple[Decimal, ...]
    unit: str
    names: frozenset[str]
    topics: frozenset[Topic]
    title_words: tuple[str, ...]
    printed_total: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """The table's printed total where it has one: a sum of rounded parts can differ from it."""
        return self.printed_total if self.printed_total is not None else sum(self.values, Decimal(0))

    def shares(self) -> tuple[Decimal, ...]:
        """Each value's share of the total in percent, to 0.01."""
        total = self.total
        if not total:
            return tuple(Decimal(0) for _ in self.values)
        return tuple((v * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP) for v in self.values)

    @property
    def alt(self) -> str:
        """The chart in words (alt text, and the caption's long description)."""
        parts = []
        for label, value, share in zip(self.labels, self.values, self.shares(), strict=True):
            text = f"{label}{amount_text(value)}{self.unit}"
            if self.style == PIE:
                text += f"（{share}%）"
            parts.append(text)
        return f"{self.title}：" + "；".join(parts) + "。"


def _money_unit(table: Table) -> str:
    return table.unit.value if isinstance(table.unit, Unit) else str(table.unit)


def general_structure(d: Disclosure) -> Chart | None:
    """一般公共预算当年拨款 by function 类 (表5's level-1 rows)."""
    table = d.table(TableKind.GENERAL_EXPENDITURE)
    if table is None:
        return None
    rows = [r for r in table.rows if r.role is RowRole.ITEM and (r.level == 1 or (r.code and len(r.code) == 3))]
    data = [(r.name, r.amount(ColumnKey.TOTAL)) for r in rows if r.amount(ColumnKey.TOTAL) > 0]
    if not data:
        return None
    total = table.total()
    return Chart(
        key="general-structure",
        title="一般公共预算当年拨款结构图",
        style=PIE,
        labels=tuple(n for n, _ in data),
        values=tuple(v for _, v in data),
        unit=_money_unit(table),
        names=frozenset({"一般公共预算当年拨款结构图", "一般公共预算当年支出结构图", "一般公共预算支出结构图"}),
        topics=frozenset({Topic.GENERAL}),
        title_words=("一般公共预算支出",),
        printed_total=total.value(ColumnKey.TOTAL) if total is not None else None,
    )


THREE_PUBLIC_ROWS = (
    ("abroad", "因公出国（境）费"),
    ("reception", "公务接待费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行维护费"),
)


def three_public(d: Disclosure) -> Chart | None:
    """“三公”经费 by category (表10), zeros included: a zero is part of what the chart says."""
    table = d.table(TableKind.THREE_PUBLIC)
    if table is None:
        return None
    labels, values = [], []
    for key, label in THREE_PUBLIC_ROWS:
        row = table.by_key(key)
        labels.append(label)
        values.append(row.amount(ColumnKey.TOTAL) if row is not None else Decimal(0))
    return Chart(
        key="three-public",
        title="“三公”经费分布图",
        style=BAR,
        labels=tuple(labels),
        values=tuple(values),
        unit=_money_unit(table),
        names=frozenset({"三公经费分布图", "“三公”经费分布图", '"三公"经费分布图'}),
        topics=frozenset({Topic.THREE_PUBLIC}),
        title_words=("三公",),
    )


def expenditure_structure(d: Disclosure) -> Chart | None:
    """支出预算 by nature: 基本支出 and 项目支出 (表3's 合计 row)."""
    table = d.table(TableKind.EXPENDITURE_SUMMARY)
    total = table.total() if table is not None else None
    if table is None or total is None:
        return None
    data = [("基本支出", total.amount(ColumnKey.BASIC)), ("项目支出", total.amount(ColumnKey.PROJECT))]
    if not any(v for _, v in data):
        return None
    return Chart(
        key="expenditure-structure",
        title="支出预算结构图",
        style=PIE,
        labels=tuple(n for n, _ in data),
        values=tuple(v for _, v in data),
        unit=_money_unit(table),
        names=frozenset({"支出预算结构图", "支出结构图", "部门支出预算结构图"}),
        topics=frozenset({Topic.EXPENDITURE}),
        title_words=("支出预算情况",),
        printed_total=total.value(ColumnKey.TOTAL),
    )


def disclosure_to_charts(d: Disclosure) -> tuple[Chart, ...]:
    """The charts the package can draw from its tables, in the order the narrative refers to them."""
    found = (expenditure_structure(d), general_structure(d), three_public(d))
    return tuple(c for c in found if c is not None)


# ---------------------------------------------------------------------------------------------
# Drawing


def _figure(chart: Chart) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=find_font(CHART_FAMILIES).path, size=10)
    title_font = FontProperties(fname=find_font(CHART_FAMILIES).path, size=12, weight="bold")
    values = [float(v) for v in chart.values]
    if chart.style == PIE:
        fig = Figure(figsize=(6.4, 3.6))
        ax = fig.add_axes((0.02, 0.04, 0.5, 0.84))
        wedges, _ = ax.pie(
            values,
            colors=COLORS[: len(values)],
            startangle=90,
            counterclock=False,
            wedgeprops={"width": 0.45, "edgecolor": "white", "linewidth": 1.5},
        )
        ax.set_aspect("equal")
        center = f"合计\n{amount_text(chart.total)}\n{chart.unit}"
        ax.text(0, 0, center, ha="center", va="center", fontproperties=font)
        legend = [
            f"{label}  {amount_text(v)}{chart.unit}（{share}%）"
            for label, v, share in zip(chart.labels, chart.values, chart.shares(), strict=True)
        ]
        fig.legend(wedges, legend, loc="center left", bbox_to_anchor=(0.52, 0.46), frameon=False, prop=font)
    else:
        fig = Figure(figsize=(6.4, 0.9 + 0.5 * len(values)))
        ax = fig.add_axes((0.3, 0.12, 0.6, 0.72 if len(values) > 2 else 0.6))
        positions = list(range(len(values)))[::-1]
        ax.barh(positions, values, color=COLORS[0], height=0.55)
        ax.set_yticks(positions, labels=list(chart.labels))
        for label in ax.get_yticklabels():
            label.set_fontproperties(font)
        top = max(values) if any(values) else 1.0
        ax.set_xlim(0, top * 1.25)
        for pos, v in zip(positions, chart.values, strict=True):
            ax.text(float(v) + top * 0.02, pos, f"{amount_text(v)}{chart.unit}", va="center", fontproperties=font)
        ax.set_xlabel(chart.unit, fontproperties=font)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.suptitle(chart.title, fontproperties=title_font, y=0.97)
    return fig


def draw_png(chart: Chart, dpi: int = 150) -> bytes:
    """Draw the chart as PNG bytes (no cache)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = _figure(chart)
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white", bbox_inches="tight", metadata={"Software": None})
    return out.getvalue()


# Charts drawn already, and charts being drawn by a worker process (see prefetch).
_drawn: dict[Chart, bytes] = {}
_pending: dict[Chart, Future[bytes]] = {}


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes at 150 dpi, drawn once per process (or taken from the worker)."""
    if chart not in _drawn:
        future = _pending.pop(chart, None)
        _drawn[chart] = future.result() if future is not None else draw_png(chart)
    return _drawn[chart]


def prefetch(charts: Sequence[Chart]) -> bool:
    """Start drawing `charts` in a worker process, so that loading matplotlib and drawing overlap
    with the caller's other work on a second core. Only where a forked worker starts at once
    (Linux, more than one core); elsewhere the charts are drawn when first asked for. True when a
    worker was started."""
    todo = [c for c in charts if c not in _drawn and c not in _pending]
    if not todo or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    for chart in todo:
        _pending[chart] = executor.submit(draw_png, chart)
    executor.shutdown(wait=False)
    return True


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a PNG (from its IHDR chunk)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
