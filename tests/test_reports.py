"""Reports people act on, and machine output that lists every input: errors first, then warnings,
then a count of the notes; every input an entry with its status; the summary counts what it lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main

from .conftest import SAMPLE

HEADLINE = "文水县人力资源和社会保障局 · 2026年 — 错误 10，警告 40，提示 27"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    code, _, err = run("build", str(SAMPLE.parent / "ledger"), "-o", str(out), "--format", "md", "-q")
    assert code == 0, err
    (path,) = out.glob("*.md")
    return path


@pytest.fixture()
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    return path


def _labels(out: str) -> list[str]:
    """The severity of each finding line, in the order listed."""
    return re.findall(r"^  (错误|警告|提示)  ", out, flags=re.MULTILINE)


# --- the text report -------------------------------------------------------------------------


def test_text_lists_errors_then_warnings_then_counts_the_notes() -> None:
    code, out, _ = run("check", str(SAMPLE))
    assert code == 1
    lines = out.splitlines()
    assert lines[:5] == [f"== {SAMPLE}", HEADLINE, "", "错误 10 条", "绩效目标表（performance forms）"]
    assert _labels(out) == ["错误"] * 10 + ["警告"] * 40
    assert "警告 40 条" in lines
    assert lines[-1] == "提示 27 条（四舍五入等，不影响结论）未列出，加 --verbose 列出"


def test_verbose_lists_the_notes_after_the_warnings() -> None:
    code, out, _ = run("check", str(SAMPLE), "--verbose")
    assert code == 1
    assert _labels(out) == ["错误"] * 10 + ["警告"] * 40 + ["提示"] * 27
    assert "提示 27 条（四舍五入等，不影响结论）" in out.splitlines()
    assert "--verbose" not in out


def test_within_a_severity_families_keep_their_order_and_findings_their_place() -> None:
    _, out, _ = run("check", str(SAMPLE))
    errors = out.split("错误 10 条\n")[1].split("\n\n警告 40 条")[0]
    assert errors.splitlines()[0] == "绩效目标表（performance forms）"
    places = [int(n) for n in re.findall(r"^  错误  第(\d+)行", errors, flags=re.MULTILINE)]
    assert places[:3] == [570, 570, 603]  # the perf.count errors of 570, then perf.overall-sum
    assert "  错误  第570行   perf.count" in errors


def test_a_package_with_notes_only_says_so(built: Path) -> None:
    code, out, _ = run("check", str(built))
    assert code == 0
    assert out.splitlines()[2:] == [
        "",
        "没有错误或警告。",
        "提示 23 条（四舍五入等，不影响结论）未列出，加 --verbose 列出",
    ]


# --- every input has an entry ----------------------------------------------------------------


def test_json_has_an_entry_for_every_input_in_their_order(empty: Path, built: Path) -> None:
    code, out, err = run("check", str(SAMPLE), str(empty), str(built), "--format", "json")
    assert code == 2
    entries = [json.loads(line) for line in out.splitlines()]
    assert [(e["file"], e["status"]) for e in entries] == [
        (str(SAMPLE), "checked"),
        (str(empty), "unreadable"),
        (str(built), "checked"),
    ]
    assert entries[1] == {
        "file": str(empty),
        "status": "unreadable",
        "reason": "文件为空（empty file）",
        "department": None,
        "year": None,
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0},
    }
    assert list(entries[0]) == ["file", "status", "reason", "department", "year", "findings", "summary"]
    assert entries[0]["reason"] is None and entries[0]["summary"] == {"error": 10, "warning": 40, "info": 27}
    assert f"yusuan: {empty}: 文件为空（empty file）" in err


def test_a_package_cut_off_is_checked_as_far_as_it_goes_and_says_so(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    cut = tmp_path / "cut.md"
    cut.write_text(text[: text.index("\n2026年预算支出总表\n")], encoding="utf-8")
    code, out, _ = run("check", str(cut), "--format", "json")
    assert code == 2
    entry = json.loads(out)
    assert entry["status"] == "incomplete"
    assert entry["reason"].startswith("文件在2026年预算收入总表中途结束（可能被截断），缺少：表三2026年预算支出总表")


def test_the_summary_counts_what_it_lists(empty: Path, built: Path) -> None:
    code, _, err = run("check", str(SAMPLE), str(empty), str(built), "--format", "json")
    assert code == 2
    table = err.split("\n", 1)[1]  # after the line about the empty file
    rows = [line for line in table.splitlines() if line.startswith((str(SAMPLE), str(empty), str(built)))]
    assert len(rows) == 3
    assert table.splitlines()[-1].startswith("合计 3 个文件（已检查 2，无法读取 1）")


def test_the_text_report_lists_an_unreadable_file_where_it_was_named(empty: Path, built: Path) -> None:
    code, out, _ = run("check", str(built), str(empty))
    assert code == 2
    assert f"== {empty}\n无法读取：文件为空（empty file）\n" in out
    assert out.index(f"== {built}") < out.index(f"== {empty}")


def test_a_report_on_an_unreadable_file_replaces_the_old_one_with_what_happened(tmp_path: Path, empty: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("the last run's report\n", encoding="utf-8")
    code, out, _ = run("check", str(empty), "-o", str(report))
    assert (code, out) == (2, "")
    assert report.read_text(encoding="utf-8") == f"== {empty}\n无法读取：文件为空（empty file）\n"
    html = tmp_path / "report.html"
    code, _, _ = run("check", str(empty), "--format", "html", "-o", str(html))
    assert code == 2 and "文件为空（empty file）" in html.read_text(encoding="utf-8")


def test_extract_lists_an_unreadable_input_among_the_json_lines(empty: Path) -> None:
    code, out, _ = run("extract", str(SAMPLE), str(empty))
    assert code == 2
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["department"] == "文水县人力资源和社会保障局"
    assert second == {"file": str(empty), "status": "unreadable", "reason": "文件为空（empty file）"}


# --- the HTML report -------------------------------------------------------------------------


def _page(tmp_path: Path, *files: str) -> str:
    target = tmp_path / "report.html"
    code, _, err = run("check", *files, "--format", "html", "-o", str(target))
    assert code in (0, 1), err
    return target.read_text(encoding="utf-8")


def test_html_filters_by_severity_and_family_with_the_notes_hidden_at_first(tmp_path: Path) -> None:
    page = _page(tmp_path, str(SAMPLE))
    boxes = dict(re.findall(r'<input type="checkbox" id="show-([a-z-]+)"( checked)?>', page))
    assert {k: bool(v) for k, v in boxes.items() if k in ("error", "warning", "info")} == {
        "error": True,
        "warning": True,
        "info": False,
    }
    families = {k for k in boxes if k.startswith("family-")}
    assert families == {f"family-{f}" for f in re.findall(r'class="finding sev-\w+ family-([a-z]+)"', page)}
    assert all(boxes[f] for f in families)
    assert "#show-info:not(:checked)~main .sev-info{display:none}" in page
    assert "#show-family-total:not(:checked)~main .family-total{display:none}" in page
    severities = re.findall(r'class="finding sev-(\w+)', page)
    assert severities == ["error"] * 10 + ["warning"] * 40 + ["info"] * 27


def test_html_shows_a_long_line_whole(tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    page = _page(tmp_path, str(SAMPLE))
    long_lines = [n for n, line in enumerate(sample.source_lines, start=1) if len(line) > 110]
    quoted = {int(n) for n in re.findall(r'<span class="no">(\d+)</span>', page)} & set(long_lines)
    assert quoted  # findings point at long table lines
    from html import escape

    for n in quoted:
        assert escape(sample.source_lines[n - 1]) in page
    assert "…" not in re.sub(r"另有 \d+ 处", "", "".join(re.findall(r'<div class="src">.*?</div></div>', page)))


@pytest.fixture(scope="module")
def built_pdf_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML report on the example ledger built as a PDF: its notes cite table cells."""
    out = tmp_path_factory.mktemp("pdf")
    code, _, err = run("build", str(SAMPLE.parent / "ledger"), "-o", str(out), "--format", "pdf", "-q")
    assert code == 0, err
    (pdf,) = out.glob("*.pdf")
    target = out / "report.html"
    code, _, err = run("check", str(pdf), "--format", "html", "-o", str(target), "-q")
    assert code == 0, err
    return target.read_text(encoding="utf-8")


def _findings(page: str) -> list[str]:
    return re.findall(r'<div class="finding .*?</div></div></div>', page)


def test_html_names_table_row_and_column_in_words(built_pdf_report: str) -> None:
    wheres = re.findall(r'<div class="where">位置：(.*?)</div>', built_pdf_report)
    assert len(wheres) == 23
    health = [w for w in wheres if "“十、卫生健康支出”（210）" in w and w.count("列") == 3]
    assert health and re.fullmatch(
        r"第\d+页 表1 预算收支总表：“十、卫生健康支出”（210） “2026年合计”列、“当年预算安排”列、“上年结转安排”列",
        health[0],
    )
    keys = ("budget_summary", "income_summary", "expenditure_summary", "general_expenditure", " total", "funds.")
    assert not [w for w in wheres if any(k in w for k in keys)]


def test_html_shows_a_pdf_finding_on_its_page_with_the_cells_marked(built_pdf_report: str) -> None:
    pages = re.findall(r"\.(pg\d+)\{background-image:url\(data:image/png;base64,", built_pdf_report)
    assert pages and len(pages) == len(set(pages))  # each page's image once
    finding = next(f for f in _findings(built_pdf_report) if "“十、卫生健康支出”（210） “2026年合计”列" in f)
    (picture,) = re.findall(r'<div class="pic (pg\d+)" style="[^"]*">(.*?)</div>', finding)
    assert picture[0] in pages
    box = r'style="left:(\d+)px;top:(\d+)px;width:(\d+)px;height:(\d+)px"'
    (row,) = [tuple(map(int, m)) for m in re.findall(f"<i {box}>", picture[1])]
    cells = [tuple(map(int, m)) for m in re.findall(f"<b {box}>", picture[1])]
    assert len(cells) == 3  # 合计, 当年预算安排, 上年结转安排
    for left, top, width, height in cells:
        assert row[0] <= left and left + width <= row[0] + row[2] + 1
        assert row[1] - 1 <= top and top + height <= row[1] + row[3] + 1
    assert len({c[0] for c in cells}) == 3  # three columns apart


def test_a_text_input_shows_its_lines_and_no_picture(tmp_path: Path) -> None:
    page = _page(tmp_path, str(SAMPLE))
    assert 'class="pic' not in page and 'class="src"' in page
