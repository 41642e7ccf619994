"""Where a value came from: file, line (text inputs) or page (PDF), table, row and column."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Source(NamedTuple):
    """The place in a published document that a value was read from.

    A named tuple rather than a dataclass: readers make one for every line and cell, and a tuple
    is several times cheaper to build while just as immutable.

    `line` is 1-based in text inputs; `page` is 1-based in PDF and image inputs. `table` names the
    table kind, `row` is the 0-based index of the row in that table's body and `column` the column
    key. `char` is the 0-based offset of a narrative figure within its line. `bbox` is
    (x0, top, x1, bottom) in PDF points where a layout reader knows it.
    """

    file: str
    line: int | None = None
    page: int | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None
    char: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def at(self, **changes: object) -> Source:
        """A copy with some fields changed (`source.at(column="total")`)."""
        values: list[object] = list(self)
        for name, value in changes.items():
            values[_INDEX[name]] = value
        # tuple.__new__ skips the named tuple's argument handling: readers call this per cell
        return tuple.__new__(Source, values)  # type: ignore[type-var]

    def in_table(self, table: str, row: int | None = None) -> Source:
        """`at(table=table, row=row)`, for the readers' every row (without keyword handling)."""
        return tuple.__new__(Source, (self[0], self[1], self[2], table, row, self[5], self[6], self[7]))  # type: ignore[type-var]

    def describe(self) -> str:
        """A short human-readable place: 'file:12' or 'file p.3', plus table/row/column."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        if self.page is not None:
            place += f" p.{self.page}"
        parts = [place]
        if self.table:
            parts.append(self.table)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return " ".join(parts)


_INDEX = {name: i for i, name in enumerate(Source._fields)}

# Field metadata of a model field that only says where other values were read (like a Source):
# comparing two readings by content (`compare.without_sources`) leaves such a field out.
PROVENANCE = {"provenance": True}
# Field metadata for the JSON export: a field written only when it holds something, and one
# never written (what it holds is in the input file itself).
OMITTED_WHEN_EMPTY = {"json": "omitted when empty"}
NOT_IN_JSON = {"json": "never"}


_NO_PLACE = (None,) * (len(Source._fields) - 2)


def line_source(file: str, line: int) -> Source:
    """`Source(file, line)`, built without the named tuple's argument handling: readers of text
    make one for every line, and this is several times cheaper."""
    return tuple.__new__(Source, (file, line) + _NO_PLACE)  # type: ignore[type-var]  # noqa: RUF005 (faster than unpacking)


def line_sources(file: str, lines: Iterable[int]) -> list[Source]:
    """`line_source` for many lines of one file (a table's rows) in one call."""
    new, rest = tuple.__new__, _NO_PLACE
    return [new(Source, (file, line) + rest) for line in lines]  # type: ignore[type-var]  # noqa: RUF005
