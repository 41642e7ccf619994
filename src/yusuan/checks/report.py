"""A checked package: its findings in report order, the summary, and the JSON the command line prints.

Every input of a run has a Report, so that a listing counts what it lists: one that was checked,
one read only part-way (a file cut off: checked as far as it goes), and one that could not be read
at all (no findings, and the reason)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Finding, Severity, Source
from .registry import Family, get


def family_of(finding: Finding) -> Family:
    return Family(finding.rule.split(".", 1)[0])


def sort_key(finding: Finding) -> tuple[int, int, int, int, str]:
    """Report order: family, then place in the document, then severity."""
    place = finding.location.line if finding.location.line is not None else finding.location.page
    return (
        family_of(finding).rank,
        place if place is not None else 1 << 30,
        finding.severity.rank,
        finding.location.char or 0,
        finding.rule,
    )


CHECKED, INCOMPLETE, UNREADABLE = "checked", "incomplete", "unreadable"


@dataclass(frozen=True, slots=True)
class Report:
    """The findings of every rule on one package. `status`: checked; incomplete (the file stops
    part-way, or none of the tables it lists could be read, and it was checked as far as it was
    read; `reason` says what is missing); unreadable (no findings; `reason` says why)."""

    file: str
    department: str | None
    year: int | None
    findings: tuple[Finding, ...]
    status: str = CHECKED
    reason: str | None = None

    @classmethod
    def unreadable(cls, file: str, reason: str) -> Report:
        """The report on an input that could not be read."""
        return cls(file, None, None, (), UNREADABLE, reason)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def summary(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def by_family(self, severity: Severity | None = None) -> list[tuple[Family, list[Finding]]]:
        """The findings (of one severity, or all) by family, in the families' order."""
        groups: dict[Family, list[Finding]] = {}
        for f in self.findings:
            if severity is None or f.severity is severity:
                groups.setdefault(family_of(f), []).append(f)
        return sorted(groups.items(), key=lambda kv: kv[0].rank)

    def flatten(self) -> list[tuple[str, str, int | None]]:
        """(rule, severity, line or page) per finding: short, exact rows for tests and diffs."""
        return [
            (f.rule, f.severity.value, f.location.line if f.location.line is not None else f.location.page)
            for f in self.findings
        ]

    def to_data(self) -> dict[str, Any]:
        """The JSON object of `yusuan check --format json` (DESIGN: one object per file)."""
        return {
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "department": self.department,
            "year": self.year,
            "findings": [finding_to_data(f) for f in self.findings],
            "summary": self.summary,
        }


def location_to_data(source: Source) -> dict[str, Any]:
    return {
        "file": source.file,
        "line": source.line,
        "page": source.page,
        "table": source.table,
        "row": source.row,
        "column": source.column,
    }


def finding_to_data(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "title": get(finding.rule).title,
        "message": finding.message,
        "location": location_to_data(finding.location),
        "expected": finding.expected,
        "found": finding.found,
    }
    if finding.related:
        data["related"] = [location_to_data(s) for s in finding.related]
    return data
