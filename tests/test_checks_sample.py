"""The checker on the bundled sample: exactly the findings of the hand audit (tests/data/wenshui_audit.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from yusuan.checks import Report, check
from yusuan.model import Disclosure, Severity

AUDIT = Path(__file__).parent / "data" / "wenshui_audit.md"
ROW = re.compile(r"^\| (\d+) \| ([a-z]+\.[a-z0-9\-]+) \| (error|warning|info) \| (\d+) \|", re.MULTILINE)


def audited() -> Counter[tuple[int, str, str]]:
    found: Counter[tuple[int, str, str]] = Counter()
    for line, rule, severity, count in ROW.findall(AUDIT.read_text(encoding="utf-8")):
        found[(int(line), rule, severity)] += int(count)
    return found


@pytest.fixture(scope="module")
def report(sample: Disclosure) -> Report:
    return check(sample)


def reported(report: Report) -> Counter[tuple[int, str, str]]:
    return Counter((f.location.line or 0, f.rule, f.severity.value) for f in report.findings)


def test_the_audit_lists_findings() -> None:
    assert sum(audited().values()) >= 70


def test_every_audited_finding_is_reported(report: Report) -> None:
    missing = audited() - reported(report)
    assert not missing, f"audited but not reported: {sorted(missing.items())}"


def test_nothing_is_reported_that_the_audit_does_not_list(report: Report) -> None:
    extra = reported(report) - audited()
    assert not extra, f"reported but not in the audit: {sorted(extra.items())}"


def test_the_overall_form_restates_basic_expenditure_wrongly(report: Report) -> None:
    (found,) = [f for f in report.findings if f.rule == "perf.overall-vs-tables" and f.location.line == 604]
    assert (found.found, found.expected) == ("1979.96", "1979.95")


def test_project_forms_labelled_with_last_year(report: Report) -> None:
    lines = sorted(f.location.line or 0 for f in report.findings if f.rule == "label.year")
    assert lines == [617, 659, 716, 759, 800, 839, 878]
    assert all("2025" in f.message and "2026" in f.message for f in report.findings if f.rule == "label.year")


def test_the_sample_has_errors_but_no_broken_table(report: Report) -> None:
    assert report.has_errors
    table_rules = [
        f for f in report.findings if f.rule.startswith(("total.", "xtable.")) and f.severity is Severity.ERROR
    ]
    assert table_rules == []


def test_the_project_table_rounding_is_explained_by_the_forms(report: Report) -> None:
    (found,) = [f for f in report.findings if f.rule == "total.project-hierarchy"]
    assert "1141.348356" in found.message


def test_built_example_has_no_error_or_warning() -> None:
    """The package `yusuan build` makes from the example ledger is consistent by construction."""
    from yusuan import views
    from yusuan.ledger import read_ledger

    ledger = Path(__file__).resolve().parent.parent / "examples" / "ledger" / "items.csv"
    report = check(views.ledger_to_disclosure(read_ledger(ledger)))
    serious = [(f.rule, f.message) for f in report.findings if f.severity is not Severity.INFO]
    assert serious == []
