"""`yusuan check` from the command line: formats, exit status, several files, unusable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main

from .conftest import SAMPLE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example ledger built into a markdown package: consistent, so `check` exits 0."""
    out = tmp_path_factory.mktemp("built")
    ledger = SAMPLE.parent / "ledger" / "items.csv"
    result = CliRunner().invoke(main, ["build", str(ledger), "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.md")
    return path


def test_text_report_groups_findings_by_family_with_source_lines() -> None:
    code, out, _ = run(str(SAMPLE))
    assert code == 1
    assert out.startswith(f"== {SAMPLE}\n文水县人力资源和社会保障局 · 2026年 — 错误 10，警告 40，提示 27\n")
    warnings = out.split("\n警告 40 条\n")[1]
    families = [line for line in warnings.splitlines() if line and not line.startswith((" ", "提示"))]
    assert families[:3] == [
        "表间勾稽（cross-table identities）",
        "情况说明与报表（narrative vs tables）",
        "绩效目标表（performance forms）",
    ]
    assert "  警告  第604行   perf.overall-vs-tables" in out


def test_json_follows_the_design(tmp_path: Path) -> None:
    code, out, _ = run(str(SAMPLE), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["file", "status", "reason", "department", "year", "findings", "summary"]
    assert (data["status"], data["reason"]) == ("checked", None)
    assert (data["department"], data["year"]) == ("文水县人力资源和社会保障局", 2026)
    assert data["summary"] == {"error": 10, "warning": 40, "info": 27}
    first = data["findings"][0]
    assert {"rule", "severity", "message", "location", "expected", "found"} <= set(first)
    assert {"file", "line", "table", "row", "column"} <= set(first["location"])
    years = [f for f in data["findings"] if f["rule"] == "label.year"]
    assert next((f["location"]["line"], f["found"], f["expected"]) for f in years) == (617, "2025", "2026")


def test_html_is_one_self_contained_page_quoting_the_lines(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run(str(SAMPLE), "--format", "html", "-o", str(target))
    assert (code, out) == (1, "")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert not any(token in page for token in ("http://", "https://", "<link", "<script", "src="))
    assert "(2025年度)" in page  # the quoted source line of a label.year finding
    assert 'class="hit"' in page
    assert page.count('class="finding sev-') == 77


def test_exit_zero_on_a_consistent_package(built: Path) -> None:
    code, out, _ = run(str(built))
    assert code == 0
    assert "错误 0，警告 0" in out


def test_several_files_get_a_summary_and_an_unusable_one_exit_two(tmp_path: Path, built: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    code, out, err = run(str(SAMPLE), str(built), str(empty))
    assert code == 2
    assert str(empty) in err and "Traceback" not in err
    summary = out.split("\n\n")[-1]
    assert "合计 3 个文件（已检查 2，无法读取 1）" in summary and "（无法读取）" in summary
    assert out.count("\n== ") + out.startswith("== ") == 3


def test_json_lines_for_several_files_and_summary_on_stderr(built: Path) -> None:
    code, out, err = run(str(SAMPLE), str(built), "--format", "json")
    assert code == 1
    lines = out.splitlines()
    assert [json.loads(line)["summary"]["error"] for line in lines] == [10, 0]
    assert "合计 2 个文件（已检查 2，无法读取 0）" in err
