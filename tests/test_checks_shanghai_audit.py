"""The 15 real Shanghai PDFs: `yusuan check` reports exactly the errors and warnings of the hand audit
(tests/data/shanghai_audit.md), package by package, and the audit marks none of them false."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from yusuan.checks import check
from yusuan.model import Severity

from .conftest import real_package

pytest.importorskip("pdfplumber")

AUDIT = Path(__file__).parent / "data" / "shanghai_audit.md"
PACKAGES = (
    "rd01_shpt_caizhengju_2024_bmjs",
    "rd02_shpt_shehuigongzuobu_2024_bmjs",
    "rd03_shpt_guihuaziyuan_2024_bmjs",
    "rd04_shpt_wanlijiedao_2023_bmys",
    "rd05_shpt_wanlijiedao_2024_bmys",
    "rd06_shpt_wanlijiedao_2025_bmys",
    "rd07_shpt_zhengfuban_2025_bmys",
    "rd08_shpt_zhengfuban_2025_dwys",
    "rd09_shpt_shangwuwei_2025_bmys",
    "rd10_shpt_shangwuwei_2025_dwys",
    "rd11_shpt_caizhengju_2025_bmys",
    "rd12_shpt_shehuifuliyuan_2024_dwys",
    "rd13_shpt_sifaju_2026_bmys",
    "rd14_shpt_sifaju_2026_dwys",
    "rd15_sh_shicaizhengju_2025_dwys",
)
_ROW = re.compile(r"^\| (\d+) \| ([a-z]+\.[a-z0-9\-]+)(?: \*new\*)? \| (error|warning) \| (\d+) \| (true|false) \|")


def audited() -> dict[str, tuple[Counter[tuple[int, str, str]], int]]:
    """Per package (rdNN): the audited (page, rule, severity) counts, and how many are false."""
    found: dict[str, tuple[Counter[tuple[int, str, str]], int]] = {}
    package = ""
    for line in AUDIT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## rd"):
            package = line.split()[1]
            found[package] = (Counter(), 0)
        elif m := _ROW.match(line):
            counts, false = found[package]
            n = int(m.group(4))
            counts[(int(m.group(1)), m.group(2), m.group(3))] += n
            found[package] = (counts, false + (n if m.group(5) == "false" else 0))
    return found


def test_the_audit_covers_the_15_packages() -> None:
    assert sorted(audited()) == [p[:4] for p in PACKAGES]


@pytest.mark.parametrize("name", PACKAGES)
def test_reported_errors_and_warnings_are_the_audited_ones(shared_data: Path, name: str) -> None:
    report = check(real_package(name))
    reported = Counter(
        (f.location.page or 0, f.rule, f.severity.value) for f in report.findings if f.severity is not Severity.INFO
    )
    counts, false = audited()[name[:4]]
    assert reported == counts
    assert false == 0
