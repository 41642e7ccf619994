"""Findings: what a check reports. Findings are data, never raised."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .source import Source


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of one rule: a message (Chinese, plain), where, and what was expected/found."""

    rule: str
    severity: Severity
    message: str
    location: Source
    expected: str | None = None
    found: str | None = None
    related: tuple[Source, ...] = ()
