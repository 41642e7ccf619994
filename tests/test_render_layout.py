"""The format-neutral layout shared by the renderers: official headers, two-sided tables, forms,
the package outline, and the charts' data (checked against what the sample's narrative states)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import Column, Disclosure, Row, RowRole, Source, Table, TableKind, Unit
from yusuan.render.charts import PIE, chart_png, disclosure_to_charts, png_size
from yusuan.render.forms import project_form_to_grid
from yusuan.render.grid import Cell, Grid, fit_widths
from yusuan.render.layout import columns_to_paths, paths_to_header, table_to_grid
from yusuan.render.markdown import grid_to_rows
from yusuan.render.package import (
    ChartBlock,
    Heading,
    PageBreak,
    TableBlock,
    disclosure_to_package,
)
from yusuan.text import amount_text, chinese_number

SRC = Source("test.md")


def spans(grid: Grid, row: int) -> list[tuple[str, int, int]]:
    return [(c.text, c.rowspan, c.colspan) for c in grid.by_row()[row]]


def test_amount_text_keeps_blank_apart_from_zero() -> None:
    assert amount_text(None) == ""
    assert amount_text(Decimal("0")) == "0.00"
    assert amount_text(Decimal("3598.49")) == "3,598.49"
    assert amount_text(Decimal("1000084"), 2) == "1,000,084.00"


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 13, 20, 21)] == ["一", "十", "十一", "十三", "二十", "二十一"]


def test_group_header_is_printed_once_over_its_columns() -> None:
    columns = [Column("total", "2026年预算数/合计"), Column("basic", "基本支出"), Column("project", "项目支出")]
    paths = columns_to_paths(TableKind.EXPENDITURE_SUMMARY, columns)
    assert paths == [("2026年预算数", "合计"), ("2026年预算数", "基本支出"), ("2026年预算数", "项目支出")]
    cells, depth = paths_to_header([("项目", "科目编码"), ("项目", "科目名称"), *paths])
    assert depth == 2
    assert [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in cells if c.row == 0] == [
        (0, 0, "项目", 1, 2),
        (0, 2, "2026年预算数", 1, 3),
    ]


def test_standalone_column_spans_the_header_rows() -> None:
    columns = [Column("total", "本年收入/合计"), Column("general", "一般公共预算"), Column("carryover", "上年结转")]
    paths = columns_to_paths(TableKind.INCOME_SUMMARY, columns)
    assert paths[-1] == ("上年结转",)
    cells, _ = paths_to_header(paths)
    assert ("上年结转", 2, 1) in [(c.text, c.rowspan, c.colspan) for c in cells]


def test_budget_summary_faces_totals(sample: Disclosure) -> None:
    table = sample.table(TableKind.BUDGET_SUMMARY)
    assert table is not None
    grid = table_to_grid(table)
    assert grid.header_rows == 2 and grid.cols == 6
    assert spans(grid, 0) == [("收入", 1, 2), ("支出", 1, 4)]
    rows = grid.by_row()
    body = rows[2:]
    assert len(body) == 30 + 3  # 30 function rows, then the three total lines
    assert [r[0].text for r in body[-3:]] == ["本年收入合计", "上年结转", "收入总计"]
    assert [r[2].text for r in body[-3:]] == ["本年支出合计", "年终结转", "支出总计"]
    assert all(c.bold for c in body[-3] + body[-1])
    assert grid.row_header_columns == frozenset({0, 2})
    assert grid.amount_columns == frozenset({1, 3, 4, 5})


def test_project_table_has_the_column_number_row(sample: Disclosure) -> None:
    table = sample.table(TableKind.PROJECT_CURRENT)
    assert table is not None
    grid = table_to_grid(table)
    assert grid.header_rows == 3
    assert spans(grid, 0) == [
        ("项目名称", 2, 1),
        ("合计", 2, 1),
        ("2026年财政拨款", 1, 3),
        ("财政专户管理资金", 2, 1),
        ("单位资金", 2, 1),
    ]
    assert [c.text for c in grid.by_row()[2]] == ["1", "2", "3", "4", "5", "6", "7"]
    project = grid.by_row()[5][0]
    assert project.text == "提前下达中央财政就业补助资金426万元" and project.indent == 2


def test_total_row_spans_code_and_name() -> None:
    table = Table(
        kind=TableKind.GENERAL_EXPENDITURE,
        title="一般公共预算支出预算表",
        unit=Unit.WAN,
        columns=(Column("total", "合计"),),
        rows=(
            Row("合计", (("total", Decimal("1.00")),), SRC, role=RowRole.TOTAL),
            Row("行政运行", (("total", None),), SRC, code="2080101", level=3),
        ),
        source=SRC,
    )
    grid = table_to_grid(table)
    assert grid.header_rows == 2  # 项目 over 科目编码 | 科目名称
    total, item = grid.by_row()[2:]
    assert [(c.text, c.colspan, c.bold) for c in total] == [("合计", 2, True), ("1.00", 1, True)]
    assert [(c.text, c.indent) for c in item] == [("2080101", 0), ("行政运行", 2), ("", 0)]
    assert item[2].value is None


def test_fit_widths_keeps_numbers_and_wraps_names() -> None:
    grid = Grid((Cell(0, 0, "x"),), 1, (40.0, 8.0, 10.0, 10.0), 0, frozenset({2, 3}))
    widths = fit_widths(grid, 40.0, 1.0)
    assert sum(widths) == pytest.approx(40.0)
    assert widths[1:] == [8.0, 10.0, 10.0]  # the code and the numbers keep their width
    wide = fit_widths(grid, 136.0, 1.0)
    assert wide == pytest.approx([80.0, 16.0, 20.0, 20.0])  # room to spare is shared out


def test_project_form_grid(sample: Disclosure) -> None:
    form = sample.project_forms[0]
    grid = project_form_to_grid(form)
    rows = grid.by_row()
    # the official 8-column form: 项目资金 merged down over the total and its five sources, the
    # 实施期 amount left and the 年度 amount right
    funds = next(r for r in rows if r and r[0].text == "项目资金(元)")
    assert funds[0].rowspan == 6
    assert [c.text for c in funds[1:]] == ["实施期资金总额:", "1,000,084.00", "年度资金总额:", "1,000,083.56"]
    header = next(r for r in rows if r and r[0].text == "绩效指标")
    assert [c.text for c in header] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "二级指标",
        "三级指标",
        "指标值",
    ]
    assert header[0].rowspan == 1 + 10  # the header and 10 indicator rows
    first_level = next(c for c in grid.cells if c.text == "产出指标")
    assert first_level.rowspan == 7  # 3 数量 + 1 质量 + 1 时效 + 2 成本 indicators
    assert [c.text for c in rows[-1]] == [
        "负责人:",
        "",
        "经办人:",
        "段高鹏",
        "联系电话:",
        "3022465",
        "填报日期:",
        "20260114",
    ]
    # Every position of the grid is covered exactly once.
    seen = set()
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert (r, k) not in seen
                seen.add((r, k))
    assert len(seen) == grid.rows * grid.cols


def test_project_form_grid_keeps_the_longer_half(sample: Disclosure) -> None:
    """The sample's form whose 年度 half lists one indicator more than its 实施期 half (成本指标:
    2 left, 3 right): indicators pair within each 一级, the extra one gets a row of its own under
    the left half's blank cells, and the left 成本指标 cell reaches down over that row."""
    grid = project_form_to_grid(sample.project_forms[10])
    header = next(r for r in grid.by_row() if r and r[0].text == "绩效指标")
    assert header[0].rowspan == 1 + 11  # 6 产出 rows (成本 3), 4 效益, 1 满意度
    top = header[0].row + 1
    rows = grid_to_rows(grid)[top : top + 11]
    assert rows[5] == ["", "", "", "", "", "", "公益性岗位补贴", "原则上不高于当地最低工资标准"]
    assert rows[6][1:3] == ["效益指标", "经济效益"] and rows[6][5:7] == ["经济效益", "年末高校毕业生"]
    cost = [c for c in grid.cells if c.text == "成本指标"]
    assert [(c.row - top, c.col, c.rowspan) for c in cost] == [(3, 2, 3), (3, 5, 3)]
    level1 = [(c.text, c.row - top, c.rowspan) for c in grid.cells if c.col == 1 and top <= c.row < top + 11]
    assert level1 == [("产出指标", 0, 6), ("效益指标", 6, 4), ("满意度指标", 10, 1)]


def test_package_outline(sample: Disclosure) -> None:
    package = disclosure_to_package(sample)
    parts = [b.text for b in package.blocks if isinstance(b, Heading) and b.level == 1]
    assert parts == [
        "第一部分 概况",
        "第二部分 2026年部门预算报表",
        "第三部分 2026年度部门预算情况说明",
        "第四部分 名词解释",
    ]
    tables = [b for b in package.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 13 + 27 + 1
    assert len({b.anchor for b in package.blocks if isinstance(b, Heading)}) == sum(
        isinstance(b, Heading) for b in package.blocks
    )
    # A part title is never left alone on its page.
    blocks = list(package.blocks)
    for k, block in enumerate(blocks[:-1]):
        if isinstance(block, Heading):
            assert not isinstance(blocks[k + 1], PageBreak)


def test_charts_sit_where_the_text_names_them(sample: Disclosure) -> None:
    blocks = list(disclosure_to_package(sample).blocks)
    placed = {}
    section = ""
    for block in blocks:
        if isinstance(block, Heading):
            section = block.text
        if isinstance(block, ChartBlock):
            placed[block.chart.key] = section
    assert placed == {
        "expenditure-structure": "三、支出预算情况说明",
        "general-structure": "五、一般公共预算支出情况说明",
        "three-public": "七、“三公”经费增减变动原因说明",
    }


def test_chart_shares_match_the_narrative(sample: Disclosure) -> None:
    """The sample's narrative states each share; the charts compute the same from the tables."""
    charts = {c.key: c for c in disclosure_to_charts(sample)}
    general = charts["general-structure"]
    assert general.style == PIE
    assert general.labels == ("社会保障和就业支出", "卫生健康支出", "住房保障支出")
    assert general.values == (Decimal("2907.10"), Decimal("532.17"), Decimal("159.23"))
    assert general.total == Decimal("3598.49")  # the printed total, not the sum of rounded parts
    # "…主要用于以下方面：社会保障和就业支出2,907.10万元，占80.79%；卫生健康支出532.17万元，占14.79%；…"
    stated = [
        f.value
        for s in sample.sections
        for p in s.paragraphs
        if "主要用于" in p.text
        for f in p.figures
        if f.is_percent
    ]
    assert list(general.shares()[:2]) == stated == [Decimal("80.79"), Decimal("14.79")]
    expenditure = charts["expenditure-structure"]
    stated = [f.value for s in sample.sections if s.number == "三" for f in s.figures if f.is_percent]
    assert list(expenditure.shares()) == stated == [Decimal("52.43"), Decimal("47.57")]
    three = charts["three-public"]
    assert three.values == (Decimal("0"), Decimal("0"), Decimal("0"), Decimal("6.00"))


def test_chart_draws_chinese_glyphs(sample: Disclosure) -> None:
    """A missing CJK font draws every character as the same empty box; two charts that differ
    only in their Chinese labels must then differ in their pixels."""
    from dataclasses import replace

    chart = disclosure_to_charts(sample)[0]
    a = chart_png(replace(chart, labels=("基本支出", "项目支出")))
    b = chart_png(replace(chart, labels=("人员经费", "公用经费")))
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_size(a)[0] > 600
    assert a != b


def test_missing_font_is_one_plain_line() -> None:
    from yusuan.errors import YusuanError
    from yusuan.render.fonts import FontMissing, find_font

    with pytest.raises(FontMissing) as caught:
        find_font(("No Such Font Family",))
    assert isinstance(caught.value, YusuanError)
    message = str(caught.value)
    assert "\n" not in message and "scripts/setup.sh" in message and "No Such Font Family" in message
