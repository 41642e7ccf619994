"""The pure steps of the OCR reader: number repairs, header labels, ruling lines → grids, skew, votes."""

from __future__ import annotations

import numpy as np
import pytest

from yusuan.parse.ocr.cells import repair_number
from yusuan.parse.ocr.grid import Segment, image_to_rulings, rulings_to_grids, segments_to_grid
from yusuan.parse.ocr.labels import known_label
from yusuan.parse.ocr.layout import _vote
from yusuan.parse.ocr.orient import rotate, skew_angle


@pytest.mark.parametrize(
    ("read", "kept", "repaired"),
    [
        ("96,282,213.44", "96,282,213.44", False),
        ("0.00", "0.00", False),
        ("3 598.49", "3 598.49", False),  # a gap as thousands separator is the grammar's own
        ("一、财政拨款收入", "一、财政拨款收入", False),
        ("7", "7", False),
        ("96.282,213.44", "96,282,213.44", True),
        ("3,343,704,00", "3,343,704.00", True),
        ("6440:00", "6440.00", True),
        ("21703947 00", "21703947.00", True),  # a lost point: never read as 2170394700
        ("1O0.00", "100.00", True),
        ("ZZ78800.00", "2278800.00", True),
        ("16:86.", "16.86", True),
        ("1;734.01", "1,734.01", True),
        ("S", "S", False),  # a letter alone is not taken for a number
        ("4,521,59.00", "4,521,59.00", False),  # a lost digit: no repair, the cell stays unreadable
    ],
)
def test_repair_number(read: str, kept: str, repaired: bool) -> None:
    text, why = repair_number(read)
    assert text == kept
    assert (why is not None) is repaired


@pytest.mark.parametrize(
    ("read", "label"),
    [
        ("般公共预算", "一般公共预算"),
        ("其本支出", "基本支出"),
        ("政府件基金预算", "政府性基金预算"),
        ("国有资本经昌顶算支出", "国有资本经营预算支出"),
        ("收人总计", "收入总计"),
        ("一、财政拨款收人", "一、财政拨款收入"),  # the ordinal is kept as printed
        ("一、财政拨款收入", None),  # a known label with its ordinal is left alone
        ("一般公共预算", None),
        ("上年结转安", None),  # as near to 上年结转 as to 上年结转安排: not guessed
        ("社会保障和就业支出", None),
        ("合讨", None),  # too short to tell
        ("87,267,272.44", None),
    ],
)
def test_known_label(read: str, label: str | None) -> None:
    assert known_label(read) == label


def _h(x0: float, x1: float, y: float) -> Segment:
    return Segment(x0, y, x1, y, 2)


def _v(x: float, y0: float, y1: float) -> Segment:
    return Segment(x, y0, x, y1, 2)


def test_segments_to_grid_merges_cells_no_rule_divides() -> None:
    """The 三公 table's header: 合计 over two rows, 公务用车 over three columns, 机关运行 over three rows."""
    xs, ys = (0, 100, 200, 300, 400, 500), (0, 40, 80, 120)
    horizontal = [_h(0, 500, 0), _h(200, 400, 40), _h(0, 400, 80), _h(0, 500, 120)]
    vertical = [_v(0, 0, 120), _v(100, 0, 120), _v(200, 0, 120), _v(300, 40, 120), _v(400, 0, 120), _v(500, 0, 120)]
    grid = segments_to_grid(horizontal, vertical)
    assert grid is not None
    assert grid.xs == xs and grid.ys == ys
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans == {
        (0, 0): (2, 1),
        (0, 1): (2, 1),
        (0, 2): (1, 2),
        (0, 4): (3, 1),
        (1, 2): (1, 1),
        (1, 3): (1, 1),
        (2, 0): (1, 1),
        (2, 1): (1, 1),
        (2, 2): (1, 1),
        (2, 3): (1, 1),
    }


def test_segments_without_outer_border_still_close_the_grid() -> None:
    """A table printed without its left and right border ends where its horizontal rules end."""
    horizontal = [_h(10, 410, 0), _h(10, 410, 30), _h(10, 410, 60)]
    vertical = [_v(210, 0, 60), _v(310, 0, 60)]
    grid = segments_to_grid(horizontal, vertical)
    assert grid is not None
    assert grid.xs == (10, 210, 310, 410) and grid.rows == 2 and len(grid.cells) == 6


def _ruled_page(skew: float = 0.0) -> np.ndarray:
    page = np.full((900, 1300), 255, np.uint8)
    for y in range(200, 701, 50):
        page[y : y + 2, 100:1200] = 0
    for x in (100, 400, 700, 950, 1199):
        page[200:702, x : x + 2] = 0
    return rotate(page, skew) if skew else page


def test_rulings_to_grids_on_a_drawn_table() -> None:
    (grid,) = rulings_to_grids(image_to_rulings(_ruled_page()))
    assert grid.rows == 10 and grid.cols == 4 and len(grid.cells) == 40
    assert abs(grid.xs[0] - 101) < 2 and abs(grid.ys[-1] - 701) < 2


@pytest.mark.parametrize("skew", [-3.0, -0.7, 1.3, 5.5])
def test_skew_angle_levels_the_page(skew: float) -> None:
    assert abs(skew_angle(_ruled_page(skew)) + skew) <= 0.1


def test_vote_prefers_agreement_then_the_number_grammar() -> None:
    assert _vote([("6440:00", 0.92), ("6440.00", 0.86), ("6440.00", 0.98), ("6440:00", 0.9)])[0] == "6440.00"
    text, confidence = _vote([("05", 0.99), ("05", 0.97), ("06", 0.8), ("05", 0.95)])
    assert text == "05" and confidence == pytest.approx(0.97)
    text, confidence = _vote([("1242900.00", 0.99), ("124290.00", 0.98), ("1242900.00", 0.99), ("1242000.00", 0.9)])
    assert text == "1242900.00" and confidence < 0.6  # disputed: reported for checking
