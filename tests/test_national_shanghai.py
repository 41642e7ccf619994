"""Shanghai 市级单位预算 (national corpus, sh_city_unit_9): nine unnumbered tables in 元 (the 三公 table
in 万元), a 直辖市's own units at the provincial level. The figures below were read by hand from the
PDFs (page numbers are the PDF's). Errors left: the one audited true in tests/data/national_audit.md."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from yusuan import check, read
from yusuan.model import ColumnKey, Disclosure, DocumentType, GovLevel, Severity, Side, TableKind, Unit

from .conftest import SHARED_DATA

NATIONAL = SHARED_DATA / "national"


@cache
def package(name: str) -> Disclosure:
    return read(NATIONAL / name)


def _row(d: Disclosure, kind: TableKind, name: str, side: Side | None = None) -> dict[str, Decimal | None]:
    table = d.table(kind)
    assert table is not None
    (row,) = [r for r in table.rows if r.name == name and (side is None or r.side is side)]
    return dict(row.values)


def test_a_city_unit_package_is_read_whole(shared_data: Path) -> None:
    d = package("n001_shanghai.pdf")
    assert (d.document_type, d.department, d.year) == (DocumentType.UNIT_BUDGET, "上海交通职业技术学院", 2026)
    assert (d.region, d.level) == ("上海市", GovLevel.PROVINCE)  # the unit's name says no place: the title does
    assert [(t.kind, t.unit, len(t.rows)) for t in d.tables] == [
        (TableKind.BUDGET_SUMMARY, Unit.YUAN, 13),
        (TableKind.INCOME_SUMMARY, Unit.YUAN, 17),
        (TableKind.EXPENDITURE_SUMMARY, Unit.YUAN, 17),
        (TableKind.FISCAL_SUMMARY, Unit.YUAN, 9),
        (TableKind.GENERAL_EXPENDITURE, Unit.YUAN, 16),
        (TableKind.GOV_FUND_EXPENDITURE, Unit.YUAN, 1),
        (TableKind.STATE_CAPITAL, Unit.YUAN, 1),
        (TableKind.GENERAL_BASIC_ECON, Unit.YUAN, 39),
        (TableKind.THREE_PUBLIC, Unit.WAN, 6),
        (TableKind.ORG_OPERATION, Unit.WAN, 1),
    ]
    # p7: 支出总计 408,696,000 = 基本支出 (人员 229,442,320 + 公用 106,868,210) + 项目 72,385,470
    assert _row(d, TableKind.BUDGET_SUMMARY, "支出总计", Side.EXPENDITURE) == {
        ColumnKey.TOTAL: Decimal(408696000),
        ColumnKey.PERSONNEL: Decimal(229442320),
        ColumnKey.PUBLIC: Decimal(106868210),
        ColumnKey.PROJECT: Decimal(72385470),
    }
    # pp8-9: the 合计 row printed last
    assert _row(d, TableKind.INCOME_SUMMARY, "合计") == {
        ColumnKey.TOTAL: Decimal(408696000),
        ColumnKey.FISCAL: Decimal(304413900),
        ColumnKey.BUSINESS: Decimal(50000000),
        ColumnKey.OPERATING: None,
        ColumnKey.OTHER: Decimal(54282100),
    }
    assert _row(d, TableKind.GENERAL_BASIC_ECON, "合计") == {
        ColumnKey.TOTAL: Decimal(282997600),
        ColumnKey.PERSONNEL: Decimal(197592536),
        ColumnKey.PUBLIC: Decimal(85405064),
    }
    assert _row(d, TableKind.THREE_PUBLIC, "合计") == {ColumnKey.TOTAL: Decimal("67.59")}  # p20, 万元


def test_amounts_with_a_separator_left_out_are_read_from_their_digits(shared_data: Path) -> None:
    # n002 p7 prints "120258,600", "128138,600", "125360,898" (seen on the page image too)
    d = package("n002_shanghai.pdf")
    assert _row(d, TableKind.BUDGET_SUMMARY, "收入总计", Side.INCOME) == {ColumnKey.AMOUNT: Decimal(128138600)}
    assert _row(d, TableKind.BUDGET_SUMMARY, "一、财政拨款收入", Side.INCOME) == {ColumnKey.AMOUNT: Decimal(120258600)}
    assert _row(d, TableKind.BUDGET_SUMMARY, "一、社会保障和就业支出", Side.EXPENDITURE) == {
        ColumnKey.TOTAL: Decimal(125360898),
        ColumnKey.PERSONNEL: Decimal(16933575),
        ColumnKey.PUBLIC: Decimal(6117735),
        ColumnKey.PROJECT: Decimal(102309588),
    }
    notes = [n.message for n in d.notes if n.code == "amount-regrouped"]
    assert notes[0] == "2026年预算单位财务收支预算总表：“120258,600”等 14 个金额的千分位分隔符不全，按数字读取"
    assert len(notes) == 6
    assert [
        f for f in check(d).findings if f.severity is not Severity.INFO and f.rule != "complete.empty-table-note"
    ] == []


def test_a_tables_columns_printed_apart_from_its_rows_are_its_own(shared_data: Path) -> None:
    # n013: the 收入预算总表's rows are printed on pp8–9 with its first columns; its last column
    # (其他收入) overflows to pp10–11 under the title again, with "单位：元" over it and no row label.
    # It is the same table (one 收入预算总表, in 元 as printed there), not a second one, and said so.
    d = package("n013_shanghai.pdf")
    assert [t.source.page for t in d.tables if t.kind is TableKind.INCOME_SUMMARY] == [8]
    income = d.table(TableKind.INCOME_SUMMARY)
    assert income is not None and income.unit is Unit.YUAN and len(income.rows) == 19
    assert [n.message for n in d.notes if n.code in ("unit-assumed", "columns-apart")] == [
        "2026年预算单位收入预算总表：第 10 页起另行印出本表其余的列（其他收入、收入预算），其中没有金额"
    ]
    assert [f.rule for f in check(d).findings if f.severity is Severity.ERROR] == []
    # and no empty table is said of pp10-11 (complete.empty-table-note warned at p10)
    assert [f.location.page for f in check(d).findings if f.rule == "complete.empty-table-note"] == [17, 18]


@pytest.mark.parametrize(
    ("name", "errors"),
    [
        ("n001_shanghai.pdf", []),
        # "“农林水支出”科目83万元，主要用于人员经费18万元…" speaks of one class, not of the unit's 人员经费
        ("n011_shanghai.pdf", []),
        # audited true: p7 prints 一、一般公共服务支出 7,099,698 for the 208 class of every other table
        ("n006_shanghai.pdf", [("xtable.budget-class", 7)]),
    ],
)
def test_the_errors_left_are_the_audited_ones(shared_data: Path, name: str, errors: list[tuple[str, int]]) -> None:
    report = check(package(name))
    assert [(f.rule, f.location.page) for f in report.findings if f.severity is Severity.ERROR] == errors


def test_an_empty_table_explained_in_the_narrative_is_no_warning(shared_data: Path) -> None:
    # n001 p5: "政府性基金拨款支出预算为0；国有资本经营预算拨款支出预算为0"; the 机关运行经费 (p20) is
    # empty inside a printed table that is not
    d = package("n001_shanghai.pdf")
    empty = [t.kind for t in d.tables if all(not v for r in t.rows for _, v in r.values)]
    assert empty == [TableKind.GOV_FUND_EXPENDITURE, TableKind.STATE_CAPITAL, TableKind.ORG_OPERATION]
    said = [(f.severity, f.location.page) for f in check(d).findings if f.rule == "complete.empty-table-note"]
    assert said == [(Severity.INFO, 15), (Severity.INFO, 16)]


def test_columns_printed_apart_with_amounts_are_said_not_read() -> None:
    """Made up, after n013's layout: had the overflowing columns printed amounts, no row label
    would say which row each belongs to. They are not read into the table, and a warning says so."""
    from yusuan.model import Source
    from yusuan.parse.blocks import TableBlock, TableLine, TextLine
    from yusuan.parse.recognize import blocks_to_disclosure

    def at(page: int) -> Source:
        return Source("made.pdf", page=page)

    def table(page: int, *rows: tuple[str, ...]) -> TableBlock:
        return TableBlock(tuple(TableLine(r, at(page)) for r in rows), at(page))

    title = "2026年部门收入预算总表"
    blocks = [
        TextLine(title, at(1)),
        TextLine("单位：万元", at(1)),
        table(
            1,
            ("科目编码", "科目名称", "合计", "财政拨款收入"),
            ("201", "一般公共服务支出", "10.00", "8.00"),
            ("20101", "人大事务", "10.00", "8.00"),
            ("", "合计", "10.00", "8.00"),
        ),
        TextLine(title, at(2)),
        table(2, ("事业收入",), ("2.00",), ("2.00",), ("2.00",)),
        TextLine("一、收入预算情况说明", at(3)),
        TextLine("2026年收入预算10.00万元。", at(3)),
    ]
    d = blocks_to_disclosure(blocks, "made.pdf", "pdf")
    (income,) = [t for t in d.tables if t.kind is TableKind.INCOME_SUMMARY]
    assert len(income.rows) == 3
    (note,) = [n for n in d.notes if n.code == "columns-apart"]
    assert (note.level.value, note.source.page) == ("warning", 2)
    assert note.message == f"{title}：第 2 页起另行印出本表其余的列（事业收入），有 3 个金额但没有行名，未读取"
    assert [f.message for f in check(d).findings if f.rule == "complete.reader"] == [f"读取时发现：{note.message}"]
