"""Positioned words and ruling lines → table grids and text lines (pure functions, no PDF I/O).

The PDF reader feeds it the words and rules of a page; an OCR reader can feed it recognised text
boxes and the rules it detected, since nothing here depends on where the boxes came from.
Coordinates are PDF points with `top` growing downwards (pdfplumber's convention).

Steps: `rules_to_regions` (connected ruling lines → table areas), `region_to_grid` (the lines of
one area → slots, merged across missing rule pieces into cells with row/column spans as
`grid.slots_to_cells` makes them for OCR too, words placed in cells), `grid_to_rows` (cells →
rows of text, a merged cell's text in its top-left slot), and `boxes_to_lines` (words outside
tables → text lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from ..text import is_han, join_wrapped, starts_paragraph
from .grid import PageTable, cluster, connected, slots_to_cells


@dataclass(frozen=True, slots=True)
class Box:
    """A word (or an OCR text box) and where it is printed."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line (a thin rectangle or a stroked segment)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


# How close two coordinates must be to count as the same line, in points.
SNAP = 2.0


def _touch(a: Rule, b: Rule, tol: float = SNAP) -> bool:
    return a.x0 - tol <= b.x1 and b.x0 - tol <= a.x1 and a.top - tol <= b.bottom and b.top - tol <= a.bottom


def _touching(rules: Sequence[Rule]) -> Iterator[tuple[int, int]]:
    """The pairs of rules that touch (by x0 order: a rule starting right of one's end touches none after it)."""
    order = sorted(range(len(rules)), key=lambda i: rules[i].x0)
    for pos, i in enumerate(order):
        for j in order[pos + 1 :]:
            if rules[j].x0 - SNAP > rules[i].x1:
                break
            if _touch(rules[i], rules[j]):
                yield i, j


def rules_to_regions(rules: Sequence[Rule], min_size: float = 10.0) -> list[tuple[float, float, float, float]]:
    """Areas covered by connected ruling lines that hold both horizontal and vertical lines."""
    regions = []
    for members in connected(len(rules), _touching(rules)):
        group = [rules[i] for i in members]
        if not any(r.horizontal for r in group) or all(r.horizontal for r in group):
            continue
        bbox = (
            min(r.x0 for r in group),
            min(r.top for r in group),
            max(r.x1 for r in group),
            max(r.bottom for r in group),
        )
        if bbox[2] - bbox[0] >= min_size and bbox[3] - bbox[1] >= min_size:
            regions.append(bbox)
    return sorted(regions, key=lambda b: (b[1], b[0]))


def _covers_h(rules: Sequence[Rule], y: float, x_from: float, x_to: float) -> bool:
    """True when a horizontal rule at `y` runs across the middle of [x_from, x_to]."""
    mid = (x_from + x_to) / 2
    return any(abs(r.y - y) <= SNAP and r.x0 - SNAP <= mid <= r.x1 + SNAP for r in rules)


def _covers_v(rules: Sequence[Rule], x: float, y_from: float, y_to: float) -> bool:
    mid = (y_from + y_to) / 2
    return any(abs(r.x - x) <= SNAP and r.top - SNAP <= mid <= r.bottom + SNAP for r in rules)


def region_to_grid(boxes: Sequence[Box], rules: Sequence[Rule], bbox: tuple[float, float, float, float]) -> PageTable:
    """The cells of the table inside `bbox`, from its ruling lines; `boxes` are placed in cells.

    A slot between two lines is merged with its neighbour where the rule piece between them is
    missing (a merged header cell). A band between two horizontal rules that holds several
    records (lines with amounts in more than one column, the rules between them not printed) is
    split into one row per text line.
    """
    x0, top, x1, bottom = bbox
    inside = [
        r
        for r in rules
        if r.x0 >= x0 - SNAP and r.x1 <= x1 + SNAP and r.top >= top - SNAP and r.bottom <= bottom + SNAP
    ]
    h_rules = [r for r in inside if r.horizontal]
    v_rules = [r for r in inside if not r.horizontal]
    xs = cluster([r.x for r in v_rules] + [x0, x1], SNAP)
    ys = cluster([r.y for r in h_rules] + [top, bottom], SNAP)
    words = [b for b in boxes if x0 <= b.cx <= x1 and top <= b.cy <= bottom]
    ys, added = _split_bands(ys, xs, words)
    cells, owner = slots_to_cells(
        xs,
        ys,
        lambda r, c: _covers_v(v_rules, xs[c + 1], ys[r], ys[r + 1]),
        lambda r, c: ys[r + 1] in added or _covers_h(h_rules, ys[r + 1], xs[c], xs[c + 1]),
    )
    placed: dict[int, list[Box]] = {}
    for word in words:
        at_row = _index(ys, word.cy)
        at_col = _index(xs, word.cx)
        if at_row is not None and at_col is not None:
            placed.setdefault(owner[at_row][at_col], []).append(word)
    filled = tuple(
        replace(cell, text=boxes_to_cell_text(placed[k])) if k in placed else cell for k, cell in enumerate(cells)
    )
    return PageTable(tuple(xs), tuple(ys), filled, bbox)


def _split_bands(ys: list[float], xs: list[float], words: Sequence[Box]) -> tuple[list[float], set[float]]:
    """Add row boundaries inside bands that hold several records on separate text lines.

    Returns the boundaries and the set of those added (no rule is printed there).
    """
    out = [ys[0]]
    added: set[float] = set()
    for a, b in pairwise(ys):
        band = [w for w in words if a <= w.cy <= b]
        lines = _line_groups(band)
        if len(lines) >= 2 and _records(lines, xs):
            for upper, lower in pairwise(lines):
                cut = (max(w.bottom for w in upper) + min(w.top for w in lower)) / 2
                added.add(cut)
                out.append(cut)
        out.append(b)
    return out, added


def _records(lines: Sequence[Sequence[Box]], xs: Sequence[float]) -> bool:
    """True when each line of a band has amounts in two or more columns: separate records.

    The lines of amounts that ran on inside their cells do not count: a row whose cells are
    narrower than their amounts prints "370,219.2" above its label and "5" under it (370,219.25),
    and the two part-lines are one record with the label's line. Nor do lines whose amounts stand
    in different columns (one ruled row whose cells are centred at different heights): records
    stacked in one band print their amounts in the same columns."""
    parts = _wrapped_parts(lines, xs)
    numeric: list[set[int | None]] = []
    for i, line in enumerate(lines):
        cols = {_index(xs, w.cx) for w in line if _is_number(w.text)}
        if len(cols) >= 2 and i not in parts:
            numeric.append(cols)
    return len(numeric) >= 2 and any(a & b for a, b in combinations(numeric, 2))


def _wrapped_parts(lines: Sequence[Sequence[Box]], xs: Sequence[float]) -> set[int]:
    """The lines of a band that hold only pieces of amounts wrapped inside their cells: a line of
    digits only, each of them the end of the amount begun in the same column on a line above
    ("370,219.2" … "5"), and those lines above that hold only such beginnings."""
    heads: dict[int, set[int]] = {}  # line → columns whose amount runs on below
    tails: set[int] = set()
    for i, line in enumerate(lines):
        if not line or not all(_DIGITS.match(w.text) for w in line):
            continue
        matched: list[tuple[int, int]] = []
        for w in line:
            col = _index(xs, w.cx)
            above = next(
                ((j, u) for j in range(i - 1, -1, -1) for u in lines[j] if _index(xs, u.cx) == col),
                None,
            )
            if above is None:
                break
            j, upper = above
            if not ("." in upper.text or "," in upper.text) or not _AMOUNT.match(upper.text + w.text):
                break
            matched.append((j, col if col is not None else -1))
        else:
            tails.add(i)
            for j, col in matched:
                heads.setdefault(j, set()).add(col)
    whole_heads = {
        j
        for j, cols in heads.items()
        if all(_DIGITS.match(w.text) for w in lines[j]) and {_index(xs, w.cx) for w in lines[j]} <= cols
    }
    return tails | whole_heads


_NUMBER = re.compile(r"^[-(]?\d[\d,]*(\.\d+)?\)?$")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def _index(edges: Sequence[float], v: float) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] - SNAP <= v <= edges[i + 1] + SNAP:
            return i
    return None


def _line_groups(boxes: Sequence[Box]) -> list[list[Box]]:
    """Boxes grouped into text lines (vertical overlap of more than half the smaller height)."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        if lines:
            last = lines[-1]
            ref_top = min(b.top for b in last)
            ref_bottom = max(b.bottom for b in last)
            overlap = min(ref_bottom, box.bottom) - max(ref_top, box.top)
            if overlap > 0.5 * min(box.height, ref_bottom - ref_top):
                last.append(box)
                continue
        lines.append([box])
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return lines


def join_words(line: Sequence[Box]) -> str:
    """The words of one text line, with a space where the gap is wider than half a character."""
    text = ""
    prev: Box | None = None
    for box in line:
        if prev is not None:
            size = min(prev.height, box.height) or 1.0
            text += " " if box.x0 - prev.x1 > 0.5 * size else ""
        text += box.text
        prev = box
    return text


def boxes_to_cell_text(boxes: Sequence[Box]) -> str:
    return join_wrapped(_numbers_rejoined([join_words(line) for line in _line_groups(boxes)]))


_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$")  # as a table prints it
_DIGITS = re.compile(r"^[\d,.]+$")


def _numbers_rejoined(lines: list[str]) -> list[str]:
    """A cell's lines with a number that ran on to the next line put back together: a cell
    narrower than its amount prints "376,936.6" and then "0" under it (376,936.60), and the two
    lines would otherwise join with a space."""
    out: list[str] = []
    for line in lines:
        if out and _DIGITS.match(line) and _DIGITS.match(out[-1]):
            joined = out[-1] + line
            if ("." in out[-1] or "," in out[-1] or line.startswith(".")) and _AMOUNT.match(joined):
                out[-1] = joined
                continue
        out.append(line)
    return out


def grid_to_rows(grid: PageTable) -> list[tuple[str, ...]]:
    """Rows of cell text; a merged cell's text is in its top-left slot, the rest blank."""
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return [tuple(r) for r in rows]


@dataclass(frozen=True, slots=True)
class TextRow:
    """A line of text outside tables: its words joined, and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


def boxes_to_lines(boxes: Sequence[Box]) -> list[TextRow]:
    """Words outside tables → text lines, top to bottom."""
    rows = []
    for line in _line_groups(boxes):
        text = join_words(line)
        if not text.strip():
            continue
        heights = sorted(b.height for b in line)
        rows.append(
            TextRow(
                text,
                min(b.x0 for b in line),
                min(b.top for b in line),
                max(b.x1 for b in line),
                max(b.bottom for b in line),
                heights[len(heights) // 2],
            )
        )
    return rows


# What a line break cannot split, so that it moves to the next line whole: a number or Latin
# word, with the character on either side of it when a space stands between (a space between a
# Chinese character and a number is no place to break: the lines would join back without it, so
# "的 98.65%" moves whole), or a short bracketed group ("（项）": a line cannot end on an opening
# bracket).
_LATIN_WORD = re.compile(r"^(?:[(（][^)）]{0,8}[)）]|(?:\S\s)?[(（]?[0-9A-Za-z][0-9A-Za-z.,%％\-]*(?:\s\S)?)")


# Punctuation no line starts with: the character before it is carried to the next line with it.
_CLOSING = frozenset("，。、；：？！）》」』”’%％,.;:?!)]}")


def _opened(text: str) -> bool:
    """True when `text` opens a bracket it does not close."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _closed(text: str) -> bool:
    """True when `text` closes a bracket before it opens one."""
    close = min((i for i in (text.find(")"), text.find("）")) if i >= 0), default=-1)
    opening = min((i for i in (text.find("("), text.find("（")) if i >= 0), default=len(text))
    return 0 <= close < opening


def continues(prev: TextRow, nxt: TextRow, left: float, right: float, page_break: bool = False) -> bool:
    """True when `nxt` carries on the paragraph of `prev` (a wrapped line).

    `prev` must reach the right margin (`right`, its own page's), `nxt` must start at the left
    margin (`left`, its page's; not indented as a new paragraph is) with no numbering of its own,
    and both be in the same type size. Over a page break (`page_break`), a last line ending in a
    comma (no paragraph ends so) goes on wherever it stops.
    """
    size = prev.size or 1.0
    # A number or Latin word that does not fit moves whole to the next line, leaving a gap no
    # wider than that word (a heading that ends short of the margin leaves a wider one).
    word = _LATIN_WORD.match(nxt.text)
    wrapped = (
        prev.x1 >= right - 1.5 * size
        or (
            word is not None
            and right - prev.x1 <= (len(word.group()) * 0.6 + 2.0) * size
            and prev.text[-1:] not in "。；：:;"
        )
        # A quotation left open: the typesetter may carry its last character over with the
        # closing mark (a line cannot start with ”), leaving this line short.
        or (prev.text.count("“") > prev.text.count("”") and nxt.text[:3].count("”") > 0)
        # Likewise a bracket opened at the line's end and closed at the next one's start
        # ("…下降(增" / "长)4.70%。…").
        or (_opened(prev.text[-4:]) and _closed(nxt.text[:4]))
        # "…增长3.7%，" at the foot of a page, "主要原因是…" on the next: no paragraph ends in a comma.
        or (page_break and prev.text.rstrip()[-1:] in "，,、")
        # Likewise a character carried over with the punctuation after it ("…保险缴" / "费、其他"):
        # a line cannot start with 、, so it ends up to two characters short.
        or (nxt.text[1:2] in _CLOSING and right - prev.x1 <= 2.6 * size and prev.text[-1:] not in "。；：:;")
        or (
            right - prev.x1 <= 3 * size
            and (is_han(prev.text[-1:] or " ") or prev.text[-1:].isdigit())
            and is_han(nxt.text[:1] or " ")
        )
    )
    return (
        wrapped
        and nxt.x0 <= left + 0.6 * size
        and abs(nxt.size - prev.size) <= 0.25 * size
        and not starts_paragraph(nxt.text)
        and nxt.top - prev.bottom < 1.5 * size
    )
