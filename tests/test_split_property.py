"""Property: a table split across a page break at any row boundary reads the same as unsplit.

OCR output breaks tables at page ends and starts the continuation with a new header line: either
an empty row (`| | |`) or the next data row promoted to a header. Both must join their table.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.model.compare import without_sources
from yusuan.parse import markdown_to_disclosure
from yusuan.parse.markdown import split_row

from .conftest import SAMPLE


@cache
def _sample() -> tuple[list[str], tuple[object, ...]]:
    text = SAMPLE.read_text(encoding="utf-8")
    expected = without_sources(markdown_to_disclosure(text, "s.md").tables)
    return text.splitlines(), expected


@cache
def _boundaries() -> tuple[tuple[int, int], ...]:
    """(line index, width) of every table row that follows another row of the same table block,
    within the standard tables (the part between 第二部分 and 第三部分)."""
    lines, _ = _sample()
    start = next(i for i, line in enumerate(lines) if line.startswith("第二部分"))
    end = next(i for i, line in enumerate(lines) if line.startswith("第三部分"))
    found = []
    for i in range(start + 1, end):
        here, before = lines[i].strip(), lines[i - 1].strip()
        if here.startswith("|") and before.startswith("|") and not set(here) <= set("|-: "):
            found.append((i, len(split_row(here))))
    return tuple(found)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_table_split_at_any_row_reads_the_same(data: st.DataObject) -> None:
    lines, expected = _sample()
    index, width = data.draw(st.sampled_from(_boundaries()), label="split before line")
    blank_header = data.draw(st.booleans(), label="continuation starts with an empty row")
    separator = "|" + "--|" * width
    if blank_header:
        insert = ["", "", "|" + " |" * width, separator]
        split = [*lines[:index], *insert, *lines[index:]]
    else:  # the next row became the continuation's header line
        split = [*lines[:index], "", "", lines[index], separator, *lines[index + 1 :]]
    tables = without_sources(markdown_to_disclosure("\n".join(split), "s.md").tables)
    assert tables == expected
