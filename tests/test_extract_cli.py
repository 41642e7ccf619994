"""`yusuan extract` end to end: formats, batches, and every kind of bad input."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from yusuan.cli import main
from yusuan.errors import UnusableInput
from yusuan.export.json import loads
from yusuan.model.compare import without_sources
from yusuan.parse import read

from .conftest import SAMPLE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_to_stdout_is_the_whole_disclosure() -> None:
    code, out, err = run("extract", str(SAMPLE))
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == 1
    assert data["department"] == "文水县人力资源和社会保障局"
    assert data["year"] == 2026
    t1 = data["tables"][0]
    assert t1["kind"] == "budget_summary" and t1["unit"] == "万元"
    grand = [r for r in t1["rows"] if r["role"] == "grand_total" and r["side"] == "expenditure"]
    assert grand[0]["values"] == {"total": "3776.24", "current": "3598.49", "carryover": "177.75"}
    assert without_sources(loads(out)) == without_sources(read(SAMPLE))


def test_json_file_round_trips_exactly(tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "s.json"
    code, _, err = run("extract", str(SAMPLE), "-o", str(target))
    assert code == 0, err
    assert loads(target.read_text(encoding="utf-8")) == sample


def test_xlsx_has_one_sheet_per_table_with_numbers(tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    code, _, err = run("extract", str(SAMPLE), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    book = load_workbook(target)
    assert "表1 预算收支总表" in book.sheetnames
    assert "表12 项目支出预算表（本年预算）" in book.sheetnames
    sheet = book["表3 预算支出总表"]
    header = [c.value for c in sheet[1]]
    assert header[3] == "名称"
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    total_col = header.index("2026年预算数/合计[total]")
    assert rows["2080109"][total_col] == pytest.approx(814.70)
    assert sheet.cell(row=3, column=total_col + 1).number_format == "#,##0.00"


def test_csv_writes_exact_amounts_one_file_per_table(tmp_path: Path) -> None:
    code, _, err = run("extract", str(SAMPLE), "--format", "csv", "-o", str(tmp_path))
    assert code == 0, err
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "表6_一般公共预算基本支出分经济科目表.csv" in files
    with (tmp_path / "表6_一般公共预算基本支出分经济科目表.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    total = next(r for r in rows if r[3] == "合计")
    assert total[7:10] == ["1979.95", "1864.02", "115.93"]


def test_many_files_each_get_an_output(tmp_path: Path) -> None:
    copy = tmp_path / "copy.md"
    copy.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    code, _, err = run("extract", str(SAMPLE), str(copy), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["copy.json", "wenshui-rsj-2026-budget.json"]


# --- bad input -------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"  \n\n")
    code, out, err = run("extract", str(empty))
    assert code == 2 and out == ""
    assert err.strip() == f"yusuan: {empty}: 文件为空（empty file）"


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "scan.md"
    binary.write_bytes(bytes(range(256)) * 8)
    code, _, err = run("extract", str(binary))
    assert code == 2
    assert err.strip() == f"yusuan: {binary}:byte 0: 不是文本文件（binary file, not text）"
    assert "Traceback" not in err


def test_gbk_encoded_text_reads_the_same_as_utf8(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert without_sources(read(gbk)) == without_sources(read(SAMPLE))


def test_a_document_that_is_no_budget_disclosure(tmp_path: Path) -> None:
    other = tmp_path / "notes.md"
    other.write_text(
        "# 会议纪要\n\n今天讨论了下一步的工作安排。\n\n| 姓名 | 职务 |\n|--|--|\n| 张三 | 主任 |\n", encoding="utf-8"
    )
    with pytest.raises(UnusableInput, match="不是部门预算公开文件"):
        read(other)
    code, _, err = run("extract", str(other))
    assert code == 2 and err.count("\n") == 1 and "notes.md" in err


def test_file_cut_off_inside_a_table_row_keeps_what_was_read(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    cut_at = text.index("| 2080711 | 就业见习补贴 | 240.00 | 240.00 |")
    cut = tmp_path / "cut.md"
    cut.write_text(text[: cut_at + len("| 2080711 | 就业见")], encoding="utf-8")
    d = read(cut)
    assert len(d.tables) == 2  # 表1 whole, 表2 up to the cut
    assert d.tables[1].by_code("2080705").value("total") == Decimal("360.00")
    truncated = [n for n in d.notes if n.code == "truncated"]
    assert truncated and truncated[-1].source.line == text[:cut_at].count("\n") + 1
    target = tmp_path / "cut.json"
    code, _, err = run("extract", str(cut), "-o", str(target))
    assert code == 2
    assert target.exists() and json.loads(target.read_text(encoding="utf-8"))["tables"][1]["kind"] == "income_summary"
    assert "cut.md" in err and "截断" in err


def test_file_cut_off_between_tables_names_what_is_missing(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    end = text.index("\n2026年预算支出总表\n")
    cut = tmp_path / "cut2.md"
    cut.write_text(text[:end], encoding="utf-8")
    (note,) = [n for n in read(cut).notes if n.code == "truncated"]
    assert "表三2026年预算支出总表" in note.message


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    empty = tmp_path / "a.md"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("extract", str(empty), str(SAMPLE), "-o", str(out))
    assert code == 2
    assert [p.name for p in out.iterdir()] == ["wenshui-rsj-2026-budget.json"]
    assert "a.md" in err and "Traceback" not in err


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "nope.md"))
    assert code == 2 and "nope.md" in err and err.count("\n") == 1


def test_says_which_reader_read_each_file(tmp_path: Path) -> None:
    code, _, err = run("extract", str(SAMPLE), "-o", str(tmp_path / "s.json"))
    assert code == 0
    assert err.strip() == f"yusuan: {SAMPLE}: 读取方式 markdown（OCR 文本）"


def test_long_documents_get_a_page_bar_beside_the_file_bar() -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress

    from yusuan.cli import Bars

    with Progress(console=Console(file=io.StringIO(), force_terminal=True)) as progress:
        bars = Bars(progress, 3, "extract")
        pages = bars.pages("long.pdf")
        pages(1, 500)
        pages(2, 500)
        (file_task, page_task) = progress.tasks
        assert (file_task.total, page_task.total, page_task.completed) == (3, 500, 2)
        bars.file_done("long.pdf")
        assert [t.completed for t in progress.tasks] == [1]  # the page bar goes with its file
