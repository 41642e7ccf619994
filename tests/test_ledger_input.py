"""A ledger is validated, not guessed: unknown facts keys with the key meant, every amount the
format does not allow rejected saying what is wrong with it, cells a spreadsheet shows but does not
hold (formulas never calculated, merged cells), and rows given twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from yusuan.errors import LedgerError
from yusuan.ledger import read_ledger

from .test_ledger import FACTS, GOOD, HEADER, error_of, write_ledger

# --- the facts file --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "column", "reason"),
    [
        ("duty: 主要职责是……\n", "duty", "未知的键“duty”（是否应为“duties”？）"),
        ("reason: {changes: 人员增加}\n", "reason", "未知的键“reason”（是否应为“reasons”？）"),
        ("signatures: {handler: 张三}\n", "signatures", "未知的键“signatures”（是否应为“signature”？）"),
        ("signature: {handlr: 张三}\n", "signature.handlr", "未知的键“handlr”（是否应为“handler”？）"),
        ("assets: {vehicle: 3}\n", "assets.vehicle", "未知的键“vehicle”（是否应为“vehicles”？）"),
        ("reasons: {three_publc: 压减}\n", "reasons.three_publc", "未知的键“three_publc”（是否应为“three_public”？）"),
        ("last_year: {income: 1}\n", "last_year.income", "未知的键“income”（是否应为“income_total”？）"),
        (
            "performance: {department: {text: {年度绩效目标: 完成}}}\n",
            "performance.department.text",
            "未知的键“text”（是否应为“texts”？）",
        ),
        (
            "performance: {department: {texts: {年度目标: 完成}}}\n",
            "performance.department.texts.年度目标",
            "未知的键“年度目标”（是否应为“年度绩效目标”？）",
        ),
        ("other_notes: [{title: 说明}]\n", "other_notes[0].title", "未知的键“title”（可用：heading、text）"),
    ],
)
def test_an_unknown_facts_key_names_the_key_meant(tmp_path: Path, extra: str, column: str, reason: str) -> None:
    err = error_of(tmp_path, [GOOD], facts=FACTS + extra)
    assert (err.file.endswith("facts.yaml"), err.column, err.reason) == (True, column, reason)


def test_a_unit_with_an_unknown_key(tmp_path: Path) -> None:
    facts = FACTS.replace(
        "{name: 测试县测试局, administrative: true}", "{name: 测试县测试局, administrative: true, nmae: 甲}"
    )
    err = error_of(tmp_path, [GOOD], facts=facts)
    assert (err.column, err.reason) == ("units[0].nmae", "未知的键“nmae”（是否应为“name”？）")


def test_a_project_target_with_an_unknown_key(tmp_path: Path) -> None:
    header = [*HEADER[:6], "项目编码", *HEADER[6:]]
    rows = [[*GOOD[:5], "项目支出", "P1", "甲项目", "特定目标类", "10.00"]]
    facts = FACTS + "performance:\n  projects:\n    P1:\n      indicator: []\n"
    err = error_of(tmp_path, rows, header, facts)
    assert (err.column, err.reason) == (
        "performance.projects.P1.indicator",
        "未知的键“indicator”（是否应为“indicators”？）",
    )


def test_the_example_facts_hold_only_known_keys() -> None:
    ledger = read_ledger(Path(__file__).resolve().parent.parent / "examples" / "ledger")
    assert ledger.facts.duties and ledger.facts.signature.handler


# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("", "金额为空"),
        ("1.23457E+07", "金额“1.23457E+07”是科学计数法，末几位已丢失：请把单元格设为数值格式，显示全部位数后再导出"),
        ("-5", "金额“-5”是负数：台账金额不能为负"),
        ("−5", "金额“−5”是负数：台账金额不能为负"),
        ("１２３", "金额“１２３”含全角字符：请用半角数字"),
        ("1，000", "金额“1，000”含全角字符：请用半角数字"),
        ("八万", "金额“八万”是汉字数字：请写成阿拉伯数字（元）"),
        ("一千", "金额“一千”是汉字数字：请写成阿拉伯数字（元）"),
        ("12.345", "金额“12.345”有3位小数：以元为单位最多两位小数"),
        ("10万元", "金额“10万元”含单位或符号：只写数字，单位为元"),
        ("¥100", "金额“¥100”含单位或符号：只写数字，单位为元"),
        ("1,00,0", "金额“1,00,0”的千位分隔符位置不对（应为 1,000,083.56）"),
        ("1e3x", "金额“1e3x”不是数字（应为以元为单位、最多两位小数的数字，如 1000083.56 或 1,000,083.56）"),
    ],
)
def test_every_rejected_amount_says_what_is_wrong(tmp_path: Path, amount: str, reason: str) -> None:
    err = error_of(tmp_path, [[*GOOD[:8], amount]])
    assert (err.row, err.column, err.reason) == (2, "金额", reason)


@pytest.mark.parametrize(
    ("amount", "read"), [("1000083.56", "1000083.56"), ("1,000,083.56", "1000083.56"), ("7", "7.00")]
)
def test_the_amounts_the_format_allows(tmp_path: Path, amount: str, read: str) -> None:
    ledger = read_ledger(write_ledger(tmp_path / "ok", [[*GOOD[:8], amount]]))
    assert str(ledger.items[0].amount) == read


def _xlsx(folder: Path, rows: list[list[object]], merge: str | None = None) -> Path:
    folder.mkdir(parents=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(folder / "items.xlsx")
    (folder / "facts.yaml").write_text(FACTS, encoding="utf-8")
    return folder


def test_a_formula_never_calculated_is_named(tmp_path: Path) -> None:
    folder = _xlsx(tmp_path / "f", [[*GOOD[:8], 1000], [*GOOD[:8], "=I2*2"]])  # openpyxl saves no value
    with pytest.raises(LedgerError) as caught:
        read_ledger(folder)
    assert (caught.value.row, caught.value.column) == (3, "金额")
    assert caught.value.reason == (
        "公式“=I2*2”没有保存计算结果：请在 Excel 或 WPS 中打开台账并保存一次，或把公式粘贴为数值"
    )


def test_merged_unit_cells_are_named(tmp_path: Path) -> None:
    rows: list[list[object]] = [[*GOOD[:8], 1000], ["", *GOOD[1:8], 2000], ["", *GOOD[1:8], 3000]]
    folder = _xlsx(tmp_path / "m", rows, merge="A2:A4")
    with pytest.raises(LedgerError) as caught:
        read_ledger(folder)
    assert (caught.value.row, caught.value.column) == (3, "单位")
    assert caught.value.reason == ("单元格在合并单元格 A2:A4 中，值只在其第一格（第2行）：请取消合并，在每一行填写单位")


def test_a_float_cell_read_back_with_binary_noise_is_still_its_amount(tmp_path: Path) -> None:
    folder = _xlsx(tmp_path / "n", [[*GOOD[:8], 0.1 + 0.2], [*GOOD[:8], 1234.5]])
    assert [str(i.amount) for i in read_ledger(folder).items] == ["0.30", "1234.50"]


# --- rows given twice ------------------------------------------------------------------------


def test_a_row_given_twice_is_reported(tmp_path: Path) -> None:
    other = [*GOOD[:8], "500.00"]
    err = error_of(tmp_path, [GOOD, other, GOOD])
    assert (err.row, err.column) == (4, None)
    assert err.reason == "与第2行完全相同：重复的台账行（若确为两笔相同的支出，请加一列如“序号”把它们区分开）"


def test_a_ledger_appended_to_itself_is_reported_at_the_second_header(tmp_path: Path) -> None:
    err = error_of(tmp_path, [GOOD, HEADER, GOOD])
    assert (err.row, err.column) == (3, None)
    assert err.reason == "第3行重复了表头：台账似乎被拼接了两次"


def test_rows_that_differ_in_a_column_yusuan_does_not_read_are_two_lines(tmp_path: Path) -> None:
    header = ["序号", *HEADER]
    ledger = read_ledger(write_ledger(tmp_path / "ok", [["1", *GOOD], ["2", *GOOD]], header))
    assert len(ledger.items) == 2
