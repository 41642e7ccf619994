"""`yusuan db` end to end: ingest, each question in each output format, charts, export, and
the one-line errors."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from yusuan.cli import main
from yusuan.db import connect
from yusuan.render.answers import department_figure

from .conftest import SAMPLE, SHARED_DATA

WANLI = "上海市普陀区人民政府万里街道办事处"
YEARS = [
    SHARED_DATA / "real_pdfs" / f"rd0{n}_shpt_wanlijiedao_{y}_bmys.pdf" for n, y in ((4, 2023), (5, 2024), (6, 2025))
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = str(tmp_path_factory.mktemp("cli") / "yusuan.db")
    code, out, err = run("db", "ingest", "--db", target, "--workers", "2", str(SAMPLE), *map(str, YEARS))
    assert code == 0, err
    assert out == out.splitlines()[0] + "\n"
    assert out.startswith("4 个文件已在库中（新增 4，替换 0，同内容 0，未变 0）；无法使用 0，失败 0；")
    return target


def test_ingest_reports_what_it_cannot_use_and_goes_on(db: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    negative = SHARED_DATA / "national" / "n178_chongqing.pdf"
    code, out, err = run("db", "ingest", "--db", db, str(SAMPLE), str(empty), str(negative))
    assert code == 2
    assert sorted(err.splitlines()) == sorted(
        [
            f"yusuan: {empty}: 文件为空（empty file）",
            f"yusuan: {negative}: 不是部门预算公开文件：没有找到预算表或情况说明（not a budget disclosure）"
            "；文件名是 .pdf，内容却不是 PDF（not a PDF）",
        ]
    )
    assert out.startswith("1 个文件已在库中（新增 0，替换 0，同内容 0，未变 1）；无法使用 2，失败 0；")


def test_department_in_every_format(db: str, tmp_path: Path) -> None:
    code, out, err = run("db", "query", "department", WANLI, "--db", db, "--table", "expenditure_summary")
    assert code == 0, err
    assert f"{WANLI} 部门预算（元） 预算支出总表" in out
    line = next(x for x in out.splitlines() if " 20105 " in x)
    assert [cell.strip() for cell in line.split("│")[4:9]] == [
        "统计信息事务",
        "627,600.00",
        "257,700.00",
        "438,300.00",
        "180,600.00",
    ]
    code, out, _ = run(
        "db", "query", "department", WANLI, "--db", db, "--table", "three_public", "--unit", "万元", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    total = next(r for r in rows if r["名称"] in ("合计", "“三公”经费合计"))
    # 2023–2025 “三公”经费预算数 22.91, 47.91 and 37.91 万元 (the 情况说明 of each year)
    assert (total["2023"], total["2024"], total["2025"], total["增减"]) == ("22.91", "47.91", "37.91", "-10.00")
    xlsx, chart = tmp_path / "wanli.xlsx", tmp_path / "wanli.png"
    code, _, err = run(
        "db", "query", "department", WANLI, "--db", db, "--format", "xlsx", "-o", str(xlsx), "--chart", str(chart)
    )
    assert code == 0, err
    sheet = load_workbook(xlsx).active
    assert [c.value for c in sheet[1]][:8] == ["表", "收支", "编码", "层级", "名称", "2023", "2024", "2025"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 20_000
    # the chart's axis in 万元 as a reader writes amounts (the sheet is in 元: nine digits)
    store = connect(db)
    axis = department_figure(store.department_years(WANLI)).axes[0]
    store.close()
    axis.figure.canvas.draw()
    assert axis.get_ylabel() == "万元"
    labels = [t.get_text() for t in axis.get_yticklabels() if t.get_text()]
    assert "17,500" in labels and axis.yaxis.get_offset_text().get_text() == ""
    code, out, _ = run(
        "db", "query", "department", WANLI, "--db", db, "--format", "json", "--table", "expenditure_summary"
    )
    first = json.loads(out.splitlines()[0])
    assert (first["编码"], first["2023"]) == ("201", "2976800.00")


def test_region_findings_packages_and_sql(db: str, tmp_path: Path) -> None:
    code, out, _ = run(
        "db",
        "query",
        "region",
        "上海市普陀区",
        "--year",
        "2023",
        "--db",
        db,
        "--format",
        "csv",
        "--chart",
        str(tmp_path / "r.png"),
    )
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["部门"], row["“三公”经费"], row["机关运行经费"]) == (WANLI, "22.91", "786.09")
    assert (tmp_path / "r.png").stat().st_size > 10_000
    code, out, _ = run(
        "db",
        "query",
        "findings",
        "--db",
        db,
        "--severity",
        "error",
        "--format",
        "json",
        "--chart",
        str(tmp_path / "f.png"),
    )
    hits = [json.loads(x) for x in out.splitlines()]
    assert hits and all(h["命中"] == h["错误"] for h in hits)
    code, out, _ = run("db", "query", "packages", "--db", db, "--format", "csv")
    assert [r["年度"] for r in csv.DictReader(io.StringIO(out))] == ["2023", "2024", "2025", "2026"]
    code, out, _ = run(
        "db", "query", "sql", "SELECT department, year FROM packages ORDER BY year", "--db", db, "--format", "csv"
    )
    assert out.splitlines() == [
        "department,year",
        f"{WANLI},2023",
        f"{WANLI},2024",
        f"{WANLI},2025",
        "文水县人力资源和社会保障局,2026",
    ]


def test_export(db: str, tmp_path: Path) -> None:
    code, out, err = run("db", "export", "--db", db, "-o", str(tmp_path), "--format", "csv,parquet", "--year", "2026")
    assert code == 0, err
    written = out.splitlines()
    assert str(tmp_path / "three_public.csv") in written and str(tmp_path / "three_public.parquet") in written
    with (tmp_path / "three_public.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["name"], r["column_key"], r["value"], r["yuan"]) for r in rows if r["role"] == "total"} == {
        ("合计", "total", "6.00", "60000.00"),
        ("合计", "general", "6.00", "60000.00"),
    }
    assert sum(Decimal(r["yuan"]) for r in rows) == Decimal("360000.00")  # six printed cells of 6.00 万元


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("db", "query", "department", "没有这个部门"), "库中没有“没有这个部门”的文件"),
        (("db", "query", "sql", "DELETE FROM packages"), "SQL 出错"),
        (("db", "query", "region", "上海市", "--year", "1999"), "库中没有上海市1999年的文件"),
        (("db", "export", "-o", "OUT", "--format", "xml"), "未知的格式 xml"),
    ],
)
def test_one_line_errors(db: str, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*[a.replace("OUT", str(tmp_path)) for a in args], "--db", db)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("yusuan: ") and message in err


def test_an_unreachable_store_or_cluster_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("db", "query", "packages", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 2 and len(err.splitlines()) == 1 and "无法打开数据库" in err
    code, _, err = run("db", "ingest", str(SAMPLE), "--db", str(tmp_path / "s.db"), "--cluster", "tcp://127.0.0.1:1")
    assert code == 2 and len(err.splitlines()) == 1 and "无法连接集群" in err


def test_ingest_on_a_cluster(dask_address: str, tmp_path: Path) -> None:
    code, out, err = run("db", "ingest", str(SAMPLE), "--db", str(tmp_path / "s.db"), "--cluster", dask_address)
    assert code == 0, err
    assert out.startswith("1 个文件已在库中（新增 1，")
    code, out, _ = run("db", "query", "packages", "--db", str(tmp_path / "s.db"), "--format", "csv")
    assert [r["部门"] for r in csv.DictReader(io.StringIO(out))] == ["文水县人力资源和社会保障局"]
