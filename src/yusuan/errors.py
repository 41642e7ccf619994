"""The exceptions yusuan raises for input it cannot use and output it cannot write; each names the
file and the place."""

from __future__ import annotations


class YusuanError(Exception):
    """Base of every error yusuan reports to a user as one plain line."""


class UnusableInput(YusuanError):
    """An input that cannot be read as a disclosure: empty, binary, not a budget package, …

    `place` says where in the file the problem is ("line 12", "page 3", "byte 0") when known.
    """

    def __init__(self, file: str, message: str, place: str | None = None) -> None:
        self.file = file
        self.place = place
        self.reason = message
        where = f"{file}:{place}" if place else file
        super().__init__(f"{where}: {message}")


class LedgerError(YusuanError):
    """A budget ledger that cannot be built from: names the file, row and column."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.reason = message
        where = file
        if row is not None:
            where += f":{row}"
        if column:
            where += f" [{column}]"
        super().__init__(f"{where}: {message}")


class OutputError(YusuanError):
    """An output that cannot be written (a full disk, a folder where the file should go, an output
    that is an input): names the path and why."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.reason = message
        super().__init__(f"{path}: {message}")
