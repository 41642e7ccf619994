"""The same rules on real Shanghai packages (PDF, 元, 9 tables, no 项目支出表): what they get wrong.

Each finding asserted here was confirmed by reading the document (data/real_docs/*.md, the text of
the same PDFs); the packages whose tables and narrative agree get no error at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.checks import Report, check
from yusuan.model import Severity

pytest.importorskip("pdfplumber")

_CACHE: dict[str, Report] = {}


def report(shared_data: Path, stem: str) -> Report:
    if stem not in _CACHE:
        from yusuan.parse import read

        (path,) = (shared_data / "real_pdfs").glob(f"{stem}_*.pdf")
        _CACHE[stem] = check(read(path))
    return _CACHE[stem]


def serious(r: Report) -> list[tuple[str, int | None, str]]:
    return sorted((f.rule, f.location.page, f.severity.value) for f in r.findings if f.severity is not Severity.INFO)


@pytest.mark.parametrize("stem", ["rd07", "rd08", "rd09", "rd10"])
def test_consistent_packages_get_no_error_or_warning(shared_data: Path, stem: str) -> None:
    assert serious(report(shared_data, stem)) == []


def test_wanli_2025_names_a_subject_one_level_off(shared_data: Path) -> None:
    """rd06's tables and narrative agree in every amount; its 编制说明 item 21 names 21007/2100717 as
    "卫生健康支出（款）计划生育事务（项）" (the 款 and 项 names slid one level)."""
    assert serious(report(shared_data, "rd06")) == [("narrative.subject", 7, "warning")]


def test_sifaju_2026_department_budget(shared_data: Path) -> None:
    """rd13: 编制说明 compares with "2026年预算" (five times), restates 住房公积金 208.8 as 201.50, gives
    +17.62% for 3,845.49 against a stated 43,269.3 (3,269.3 fits), +17.66% where 77.99 → 91.97 is
    +17.93%, doubles a full stop, uses the old name 医疗卫生与计划生育支出 for 210, and keeps last
    year's 实施周期 "2025年1月1日-2025年12月31日" for 人民调解 (page 23)."""
    r = report(shared_data, "rd13")
    assert serious(r) == sorted(
        [("label.year", 8, "error")] * 5
        + [
            ("narrative.amount", 9, "error"),
            ("narrative.change", 9, "error"),
            ("narrative.change", 9, "error"),
            ("code.old-name", 9, "warning"),
            ("text.punctuation", 8, "warning"),
            ("text.period-year", 23, "warning"),
        ]
    )
    (amount,) = [f for f in r.findings if f.rule == "narrative.amount"]
    assert (amount.found, amount.expected) == ("201.50", "208.80")
    changes = {f.found: f.message for f in r.findings if f.rule == "narrative.change"}
    assert "上年应约为 3269.42" in changes["17.62%"]
    assert "17.93%" in changes["17.66%"]


def test_sifaju_2026_unit_budget_copies_the_department_rows(shared_data: Path) -> None:
    """rd14 (单位预算): the 行政运行 row carries the 项目支出 64,840,547 of 司法 in both 支出 tables,
    and the 编制说明 keeps the department's prior-year figures and rates."""
    r = report(shared_data, "rd14")
    broken = {(f.rule, f.location.page) for f in r.findings if f.severity is Severity.ERROR}
    assert {("total.basic-project", 11), ("total.code-hierarchy", 11), ("total.basic-project", 14)} <= broken
    assert ("narrative.change", 6) in broken and ("narrative.amount", 7) in broken


def test_wanli_2024_three_public_table_marked_empty_but_filled(shared_data: Path) -> None:
    r = report(shared_data, "rd05")
    assert ("complete.empty-table-note", 31, "error") in serious(r)
    (amount,) = [f for f in r.findings if f.rule == "narrative.amount"]
    assert (amount.found, amount.expected) == ("352.67", "350.35")


def test_wanli_2023_copies_the_previous_item(shared_data: Path) -> None:
    """rd04 item 16 (职业年金 220.63) repeats item 15's "2023年预算安排441.25万元" and "+60.54%"."""
    r = report(shared_data, "rd04")
    (amount,) = [f for f in r.findings if f.rule == "narrative.amount"]
    assert (amount.found, amount.expected) == ("441.25", "220.63")
    assert {f.found for f in r.findings if f.rule == "narrative.change"} == {"314.82%", "60.54%"}


def test_wanli_2023_form_funds_exceed_their_total(shared_data: Path) -> None:
    """rd04 page 35: 公共服务设施运行经费 asks 10,903,043.00 元 for the year, but its 当年财政拨款
    is printed as 11,419,043.00 (上年结转资金 and 其他资金 0.00): the parts exceed the total."""
    r = report(shared_data, "rd04")
    (split,) = [f for f in r.findings if f.rule == "perf.split-sum"]
    # the finding stands at the printed total; what the parts make is what it should have been
    assert (split.location.page, split.found, split.expected) == (35, "10903043.00", "11419043.00")
    assert split.severity is Severity.ERROR and "公共服务设施运行经费" in split.message


def test_caizhengju_2025_truncates_and_mistypes(shared_data: Path) -> None:
    """rd11 states 204.91 for 2,049,197 元 (truncated, not rounded) and 887.36 for 87.36."""
    r = report(shared_data, "rd11")
    notes = [f for f in r.findings if f.rule == "narrative.amount"]
    assert {(f.found, f.severity.value) for f in notes} >= {("204.91", "warning"), ("887.36", "error")}
    assert any("截尾" in f.message for f in notes)


def test_final_accounts_are_recognised_and_checked_only_in_part(shared_data: Path) -> None:
    r = report(shared_data, "rd01")
    assert not [f for f in r.findings if f.rule == "complete.tables"]  # the nine 决算 tables are all there
    assert not [f for f in r.findings if f.rule.split(".")[0] in ("xtable", "narrative", "perf")]
