"""PDF text layers of the national corpus that the Shanghai files never showed: fonts whose glyph
boxes stand beside their line, rules drawn as filled paths, digits of neighbouring cells that touch
across a rule, a number wrapped inside its cell, bare page numbers between a table and its
continuation. Each is tested on the real page that shows it and on a small made-up case."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from yusuan.parse.blocks import Block, TableBlock, TextLine
from yusuan.parse.pdf import PageContent, _cut, _page_numbers, _reboxed, pdf_to_blocks
from yusuan.parse.pdf_grid import TextRow, _numbers_rejoined


@cache
def _blocks(name: str) -> tuple[Block, ...]:
    from .conftest import SHARED_DATA

    return tuple(pdf_to_blocks(SHARED_DATA / "national" / f"{name}.pdf"))


def blocks(shared_data: Path, name: str) -> tuple[Block, ...]:
    return _blocks(name)


def lines_on(found: tuple[Block, ...], page: int) -> list[str]:
    return [b.text for b in found if isinstance(b, TextLine) and b.source.page == page and not b.noise]


def tables_on(found: tuple[Block, ...], page: int) -> list[TableBlock]:
    return [b for b in found if isinstance(b, TableBlock) and b.source.page == page]


# ---------------------------------------------------------------------------------------------
# Chongqing: digits and punctuation in a font whose boxes stand 10–13 pt below their line


def test_a_title_and_its_year_are_one_line_when_the_digits_font_boxes_them_low(shared_data: Path) -> None:
    found = blocks(shared_data, "n077_chongqing")
    assert lines_on(found, 8)[:3] == ["表一", "2026年部门收支总体情况表", "单位名称:重庆市商务委员会 单位:万元"]


def test_narrative_numbers_stay_in_their_sentence(shared_data: Path) -> None:
    text = "\n".join(lines_on(blocks(shared_data, "n077_chongqing"), 3))
    assert "(一)收入预算:2026年年初预算数174,900.64万元,其中:一般公共预算拨款101,833.84万元" in text
    assert "部门本级内设34个,各机构规范简称依次为:办公室、组织人事处" in text


def test_digits_touching_across_a_rule_are_read_as_two_cells(shared_data: Path) -> None:
    (table,) = tables_on(blocks(shared_data, "n077_chongqing"), 9)
    total = next(r for r in table.rows if r.cells[0] == "合 计")
    assert total.cells[2:6] == ("174,900.64", "101,833.84", "41,534.73", "")
    (table,) = tables_on(blocks(shared_data, "n077_chongqing"), 10)
    row = next(r for r in table.rows if r.cells[0] == "215")
    assert row.cells[2:5] == ("41,772.73", "238.00", "41,534.73")


def _char(text: str, x0: float, base: float, top: float, size: float = 10.0) -> dict[str, Any]:
    """A glyph as pdfplumber gives it, on a page 800 pt high: `top` as the font boxed it."""
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "y0": 800 - top - size,
        "y1": 800 - top,
        "doctop": 1600 + top,
        "size": size,
        "upright": True,
        "matrix": (1, 0, 0, 1, x0, base),
    }


def test_a_box_beside_its_baseline_is_boxed_from_the_baseline() -> None:
    # baseline at y = 700 (100 pt from the top): a well-boxed glyph spans top 92..102
    good = [_char("年", 0, 700, 92.0), _char("度", 10, 700, 92.0)]
    low = _char("2", 20, 700, 103.0)  # boxed entirely below its baseline
    out = _reboxed([*good, low])
    assert out[:2] == good  # the glyphs boxed right are the same objects
    assert (out[2]["top"], out[2]["bottom"], out[2]["y0"], out[2]["doctop"]) == (92.0, 102.0, 698.0, 1692.0)
    assert _reboxed(good) is not None and _reboxed(good) == good


def test_a_word_is_cut_where_a_rule_runs_through_it() -> None:
    chars = [_char(t, x, 700, 92.0, size=4.0) for t, x in zip("12.3445.6", range(0, 36, 4), strict=True)]
    pieces = _cut(chars, [19.0])  # between the centres of "4" (18) and "4" (22)
    assert ["".join(c["text"] for c in p) for p in pieces] == ["12.34", "45.6"]


# ---------------------------------------------------------------------------------------------
# Guangzhou: every rule is a thin filled path


def test_rules_drawn_as_filled_paths_make_a_grid(shared_data: Path) -> None:
    (table,) = tables_on(blocks(shared_data, "n084_guangzhou"), 7)
    assert [r.nonblank[:3] for r in table.rows[2:]] == [
        ("合计", "16,410.71", "16,410.71"),
        ("广州市人民政府办公厅", "14,554.26", "14,554.26"),
        ("广州市政府政务信息系统管理中心", "959.90", "959.90"),
        ("广州地区公文交换站（广州市人民政府公报编辑部）", "896.54", "896.54"),
    ]


# ---------------------------------------------------------------------------------------------
# a number wrapped inside its cell


def test_a_number_wrapped_in_its_cell_is_one_number(shared_data: Path) -> None:
    (table,) = tables_on(blocks(shared_data, "n051_shenzhen"), 34)
    unit = next(r for r in table.rows if r.cells[0] == "深圳市交通运输局（本级）")
    assert unit.cells[1:3] == ("376,936.60", "372,569.82")
    (table,) = tables_on(blocks(shared_data, "n129_fuzhou"), 11)
    assert [r.cells for r in table.rows if r.cells[0] == "收入合计"] == [
        ("收入合计", "24995.94", "支出合计", "24995.94")
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["376,936.6", "0"], ["376,936.60"]),
        (["24995.9", "4"], ["24995.94"]),
        (["102,420", ".00"], ["102,420.00"]),
        (["2025", "2026"], ["2025", "2026"]),  # two whole numbers stay two
        (["1,234.56", "7"], ["1,234.56", "7"]),  # joined it would be no amount of a table
        (["深圳市交通运输局（本", "级）"], ["深圳市交通运输局（本", "级）"]),
    ],
)
def test_numbers_rejoined(lines: list[str], joined: list[str]) -> None:
    assert _numbers_rejoined(lines) == joined


# ---------------------------------------------------------------------------------------------
# Fuzhou: a bare page number between a table and its continuation


def test_a_table_continues_across_a_bare_page_number(shared_data: Path) -> None:
    found = blocks(shared_data, "n128_fuzhou")
    at = [i for i, b in enumerate(found) if isinstance(b, TableBlock) and b.source.page in (19, 20, 21)]
    between = [b for b in found[at[0] : at[-1]] if isinstance(b, TextLine)]
    assert [(b.text, b.noise) for b in between] == [("17", True), ("18", True)]


def _row(text: str, top: float) -> TextRow:
    return TextRow(text, 100.0, top, 100.0 + 10 * len(text), top + 10, 10.0)


def test_only_a_number_below_everything_on_its_page_is_a_page_number() -> None:
    footer, spread = _row("17", 780), _row("19 20", 780)
    in_text = _row("3", 400)  # a number standing alone above other lines is text
    pages = [
        PageContent(1, 600.0, (_row("第一部分 单位概况", 100), in_text, _row("正文", 500), footer), ()),
        PageContent(2, 600.0, (_row("正文", 100), spread), ()),
        PageContent(3, 600.0, (_row("正文", 100), _row("2026年度", 790)), ()),
    ]
    assert _page_numbers(pages) == {id(footer), id(spread)}
