"""The budget ledger: reading line items (CSV, XLSX) and facts (YAML, TOML), and every validation error."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from yusuan.cli import main
from yusuan.errors import LedgerError
from yusuan.ledger import read_ledger
from yusuan.model import GovLevel
from yusuan.model.ledger import BudgetPeriod, FundLevel, FundSource, Nature, ProcurementKind, ThreePublic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ledger"
HEADER = [
    "单位",
    "功能科目编码",
    "部门经济科目编码",
    "政府经济科目编码",
    "资金来源",
    "支出性质",
    "项目名称",
    "项目类别",
    "金额",
]
FACTS = """\
department: 测试县测试局
year: 2026
level: county
units:
  - {name: 测试县测试局, administrative: true}
"""


def write_ledger(folder: Path, rows: list[list[str]], header: list[str] = HEADER, facts: str = FACTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "items.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    (folder / "facts.yaml").write_text(facts, encoding="utf-8")
    return folder


GOOD = ["测试县测试局", "2080101", "30101", "50101", "一般公共预算", "人员经费", "", "", "1000.00"]


def error_of(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER, facts: str = FACTS) -> LedgerError:
    folder = write_ledger(tmp_path / "bad", rows, header, facts)
    with pytest.raises(LedgerError) as caught:
        read_ledger(folder)
    return caught.value


# ---------------------------------------------------------------------------------------------
# the example ledger


def test_example_ledger_reads_every_line_and_fact() -> None:
    ledger = read_ledger(EXAMPLE)
    items = ledger.items
    assert len(items) == 89
    assert ledger.facts.department == "文水县人力资源和社会保障局"
    assert ledger.facts.level is GovLevel.COUNTY
    assert [u.administrative for u in ledger.facts.units] == [True, False, False]
    # 元 amounts add up to the published 收入总计 3776.24 万元 (rounded from the 元 sum)
    assert sum(i.amount for i in items) == Decimal("37762410.56")
    assert sum(i.amount for i in items if i.period is BudgetPeriod.CARRYOVER) == Decimal("1777489.00")
    first = items[0]
    assert (first.unit, first.function_code, first.dept_econ, first.gov_econ) == (
        "文水县人力资源和社会保障局",
        "2080101",
        "30101",
        "50101",
    )
    assert first.fund is FundSource.GENERAL and first.nature is Nature.PERSONNEL
    assert first.source.line == 2  # the header is row 1
    vehicle = [i for i in items if i.three_public is ThreePublic.VEHICLE_OPERATION]
    assert [i.amount for i in vehicle] == [Decimal("60000.00")]
    assert {i.procurement for i in items} == {None, ProcurementKind.GOODS, ProcurementKind.SERVICES}
    central = {i.project for i in items if i.fund_level is FundLevel.CENTRAL}
    assert "2026年中央财政城乡医疗救助资金" in central
    # projects sharing a name stay apart by their code
    assert len({i.project_code for i in items if i.project == "公益性零工市场运行经费"}) == 4


def test_xlsx_ledger_reads_the_same_items_as_csv(tmp_path: Path) -> None:
    rows = list(csv.reader((EXAMPLE / "items.csv").open(encoding="utf-8")))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    for r in rows:
        # amounts and codes as numbers, the way a spreadsheet holds them
        sheet.append([float(c) if i == 10 and c.replace(".", "").isdigit() else c for i, c in enumerate(r)])
    folder = tmp_path / "x"
    folder.mkdir()
    book.save(folder / "items.xlsx")
    (folder / "facts.yaml").write_text((EXAMPLE / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    from_xlsx = read_ledger(folder)
    from_csv = read_ledger(EXAMPLE)
    assert [(i.amount, i.function_code, i.project_code) for i in from_xlsx.items] == [
        (i.amount, i.function_code, i.project_code) for i in from_csv.items
    ]
    assert from_xlsx.items[5].source.line == 7


def test_toml_facts(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_ledger(folder, [GOOD])
    (folder / "facts.yaml").unlink()
    (folder / "facts.toml").write_text(
        'department = "测试市测试局"\nyear = 2026\nlevel = "city"\n'
        '[[units]]\nname = "测试县测试局"\nadministrative = true\n'
        "[last_year]\nbasic = 1847.19\n",
        encoding="utf-8",
    )
    ledger = read_ledger(folder)
    assert ledger.facts.level is GovLevel.CITY
    assert ledger.facts.last_year is not None and ledger.facts.last_year.total("basic") == Decimal("1847.19")
    assert ledger.facts.last_year.year == 2025


# ---------------------------------------------------------------------------------------------
# errors: each names the file, the row and the column


def test_unknown_function_code(tmp_path: Path) -> None:
    err = error_of(tmp_path, [GOOD, [*GOOD[:1], "2089998", *GOOD[2:]]])
    assert err.row == 3 and err.column == "功能科目编码"
    assert "2089998" in err.reason and err.file.endswith("items.csv")


def test_unknown_function_class(tmp_path: Path) -> None:
    err = error_of(tmp_path, [[*GOOD[:1], "2180101", *GOOD[2:]]])
    assert err.row == 2 and "类“218”不存在" in err.reason


def test_function_code_named_in_the_facts_is_known(tmp_path: Path) -> None:
    facts = FACTS + 'function_names:\n  "2089998": 测试支出\n'
    folder = write_ledger(tmp_path / "ok", [[*GOOD[:1], "2089998", *GOOD[2:]]], facts=facts)
    assert read_ledger(folder).items[0].function_code == "2089998"


def test_unknown_economic_codes(tmp_path: Path) -> None:
    dept = error_of(tmp_path / "d", [[*GOOD[:2], "30198", *GOOD[3:]]])
    assert dept.column == "部门经济科目编码" and "30198" in dept.reason
    gov = error_of(tmp_path / "g", [[*GOOD[:3], "5019", *GOOD[4:]]])
    assert gov.column == "政府经济科目编码" and "5位" in gov.reason


def test_basic_line_with_a_project(tmp_path: Path) -> None:
    err = error_of(tmp_path, [[*GOOD[:6], "某项目", "特定目标类", "1000.00"]])
    assert err.row == 2 and err.column == "项目名称"
    assert "基本支出" in err.reason and "项目" in err.reason


def test_project_line_without_a_project_or_category(tmp_path: Path) -> None:
    no_name = error_of(tmp_path / "a", [[*GOOD[:5], "项目支出", "", "特定目标类", "1000.00"]])
    assert no_name.column == "项目名称" and "缺少项目名称" in no_name.reason
    no_category = error_of(tmp_path / "b", [[*GOOD[:5], "项目支出", "某项目", "", "1000.00"]])
    assert no_category.column == "项目类别"


@pytest.mark.parametrize("amount", ["一千", "12.345", "-5", "1e3x", ""])
def test_amount_that_is_not_a_number(tmp_path: Path, amount: str) -> None:
    err = error_of(tmp_path, [[*GOOD[:8], amount]])
    assert (err.row, err.column) == (2, "金额")
    assert "金额" in err.reason


def test_missing_column(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "政府经济科目编码"]
    err = error_of(tmp_path, [[c for c, h in zip(GOOD, HEADER, strict=True) if h != "政府经济科目编码"]], header)
    assert err.row == 1 and err.column == "政府经济科目编码" and "缺少列" in err.reason


def test_unknown_fund_source_and_nature(tmp_path: Path) -> None:
    fund = error_of(tmp_path / "f", [[*GOOD[:4], "财政拨款X", *GOOD[5:]]])
    assert fund.column == "资金来源" and "财政拨款X" in fund.reason
    nature = error_of(tmp_path / "n", [[*GOOD[:5], "工资", *GOOD[6:]]])
    assert nature.column == "支出性质"


def test_unit_not_in_the_facts(tmp_path: Path) -> None:
    err = error_of(tmp_path, [["别的单位", *GOOD[1:]]])
    assert err.row == 2 and err.column == "单位" and "units" in err.reason


def test_same_project_code_with_two_names(tmp_path: Path) -> None:
    header = [*HEADER[:6], "项目编码", *HEADER[6:]]
    rows = [
        [*GOOD[:5], "项目支出", "P1", "甲项目", "特定目标类", "10.00"],
        [*GOOD[:5], "项目支出", "P1", "乙项目", "特定目标类", "10.00"],
    ]
    err = error_of(tmp_path, rows, header)
    assert err.row == 3 and err.column == "项目名称" and "第2行" in err.reason


@pytest.mark.parametrize(
    ("facts", "column", "words"),
    [
        ("year: 2026\nlevel: county\nunits: [{name: 甲, administrative: true}]\n", "department", "required"),
        (FACTS.replace("level: county", "level: 乡级"), "level", "乡级"),
        (FACTS.replace("administrative: true", "administrative: 是"), "units[0].administrative", "true"),
        (FACTS + "last_year: {basic: 一千}\n", "last_year.basic", "不是数字"),
        (FACTS + "last_year: {income: 1}\n", "last_year.income", "未知"),
    ],
)
def test_bad_facts(tmp_path: Path, facts: str, column: str, words: str) -> None:
    err = error_of(tmp_path, [GOOD], facts=facts)
    assert err.file.endswith("facts.yaml") and err.column == column and words in err.reason


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    err = error_of(tmp_path, [GOOD], facts=FACTS + "duties: [unclosed\n")
    assert err.file.endswith("facts.yaml") and err.row is not None and "YAML" in err.reason


def test_targets_for_a_project_the_ledger_lacks(tmp_path: Path) -> None:
    facts = FACTS + "performance:\n  projects:\n    P9:\n      goal: 目标\n"
    err = error_of(tmp_path, [GOOD], facts=facts)
    assert err.column == "performance.projects.P9"


def test_indicator_levels_are_checked(tmp_path: Path) -> None:
    header = [*HEADER[:6], "项目编码", *HEADER[6:]]
    rows = [[*GOOD[:5], "项目支出", "P1", "甲项目", "特定目标类", "10.00"]]
    facts = FACTS + "performance:\n  projects:\n    P1:\n      indicators:\n      - [产出指标, 社会效益指标, 甲, 1个]\n"
    err = error_of(tmp_path, rows, header, facts)
    assert err.column == "performance.projects.P1.indicators[0]" and "效益指标" in err.reason


def test_cli_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    folder = write_ledger(tmp_path / "bad", [[*GOOD[:8], "abc"]])
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out"), "--format", "md"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines() if result.stderr else result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("yusuan: ") and "items.csv:2 [金额]" in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
