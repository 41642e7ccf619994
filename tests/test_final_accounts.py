"""部门决算 (final accounts) packages read completely, and the totals rules that hold for them checked.

The golden files in tests/golden/final/ were written with `YUSUAN_UPDATE_GOLDEN=1` only after their
values were checked against the text of each PDF (shared/data/real_docs): totals, every row of
rd01's 收入决算表 and 基本支出决算表 and of rd03's 支出决算表, and a sample of the other tables. The
hand-typed values below are a second oracle, typed from the text of the documents.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.checks import check
from yusuan.export import write_csv
from yusuan.export.json import disclosure_to_dict, loads
from yusuan.model import (
    Disclosure,
    DocumentType,
    RowRole,
    Severity,
    Side,
    Source,
    Table,
    TableKind,
)
from yusuan.model.compare import without_sources
from yusuan.model.tables import COLUMN_LABELS, ROW_KEYS
from yusuan.parse import markdown_to_disclosure, read
from yusuan.parse.blocks import TableLine
from yusuan.parse.tables import SideLayout, column_role, panel_lines, split_label_row
from yusuan.render import render

from .conftest import real_package

GOLDEN = Path(__file__).parent / "golden" / "final"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "json.md"
RD01 = "rd01_shpt_caizhengju_2024_bmjs"
RD02 = "rd02_shpt_shehuigongzuobu_2024_bmjs"
RD03 = "rd03_shpt_guihuaziyuan_2024_bmjs"
TPL01 = "tpl01_sh_district_bmjs_template_2024"
FINAL_KINDS = [
    TableKind.BUDGET_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_EXPENDITURE,
    TableKind.GENERAL_BASIC_ECON,
    TableKind.THREE_PUBLIC,
    TableKind.GOV_FUND_FINAL,
    TableKind.STATE_CAPITAL_FINAL,
]


def package(shared_data: Path, name: str) -> Disclosure:
    """Read a real PDF by its bare name, so sources in the golden file do not depend on paths."""
    return real_package(name)


def table(d: Disclosure, kind: TableKind) -> Table:
    found = d.table(kind)
    assert found is not None, kind
    return found


def D(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# ---------------------------------------------------------------------------------------------
# reading


@pytest.mark.parametrize("name", [RD01, RD03])
def test_golden(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    path = GOLDEN / f"{name}.json"
    data = disclosure_to_dict(d)
    if os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert data == expected
    back = loads(path.read_text(encoding="utf-8"))
    assert replace(back, assets=None) == replace(d, assets=None)  # as test_pdf_shanghai: assets lose repeated labels


@pytest.mark.parametrize("name", [RD01, RD02, RD03, TPL01])
def test_every_final_package_reads_its_nine_tables(shared_data: Path, name: str) -> None:
    d = package(shared_data, name)
    assert d.reader == "pdf"
    assert d.document_type is DocumentType.DEPARTMENT_FINAL and d.year == 2024
    assert [t.kind for t in d.tables] == FINAL_KINDS  # in printed order, each once
    # no unknown table, no text in an amount column, nothing cut off; rd01's page 14 is blank in the PDF
    assert [n.code for n in d.notes] == (["blank-page"] if name == RD01 else [])
    for t in d.tables:
        assert t.unit.value == "万元", t.title
        assert not [c.key for c in t.columns if c.key.startswith("col") or c.key not in COLUMN_LABELS], t.title
        assert t.source.page is not None and all(r.source.page is not None for r in t.rows)
        assert [r.source.row for r in t.rows] == list(range(len(t.rows)))
    econ = table(d, TableKind.GENERAL_BASIC_ECON)
    assert [r.key for r in econ.rows if r.role is RowRole.TOTAL] == ["personnel", "public"]
    assert all(r.code for r in econ.rows if r.role is RowRole.ITEM)  # every row of both panels has its code
    for kind in (TableKind.GOV_FUND_FINAL, TableKind.STATE_CAPITAL_FINAL):
        fund = table(d, kind)
        assert fund.column_keys() == ("opening_balance", "income", "total", "basic", "project", "closing_balance")
        assert fund.is_empty and fund.empty_note and "本表无数据" in fund.empty_note
    if name == TPL01:  # the template: every table blank
        assert all(t.is_empty for t in d.tables)


def test_caizhengju_2024_summary_by_hand(shared_data: Path) -> None:
    d = package(shared_data, RD01)
    t = table(d, TableKind.BUDGET_SUMMARY)
    assert t.column_keys(Side.INCOME) == ("final",) and t.column_keys(Side.EXPENDITURE) == ("final",)
    income = [(r.key, r.value("final")) for r in t.side_rows(Side.INCOME) if r.role is RowRole.ITEM]
    assert income == [
        ("general", D("2940.05")),
        ("gov_fund", None),
        ("state_capital", None),
        ("superior", None),
        ("business", None),
        ("operating", None),
        ("affiliated", None),
        ("other", D("6.20")),
        ("use_of_balance", None),
        ("opening_balance", D("49.14")),
    ]
    assert t.total(Side.INCOME).value("final") == D("2946.25")  # type: ignore[union-attr]
    assert t.grand_total(Side.INCOME).value("final") == D("2995.39")  # type: ignore[union-attr]
    spent = {r.code or r.key: r.value("final") for r in t.items(Side.EXPENDITURE) if r.value("final")}
    assert spent == {
        "201": D("2106.66"),
        "208": D("326.71"),
        "210": D("60.99"),
        "221": D("445.69"),
        "closing_balance": D("55.34"),
    }
    assert len([r for r in t.side_rows(Side.EXPENDITURE) if r.code]) == 26  # 一、…二十六、 every 类 printed
    assert t.by_key("balance_distribution", Side.EXPENDITURE) is not None
    assert t.total(Side.EXPENDITURE).value("final") == D("2940.05")  # type: ignore[union-attr]
    assert t.grand_total(Side.EXPENDITURE).value("final") == D("2995.39")  # type: ignore[union-attr]

    f = table(d, TableKind.FISCAL_SUMMARY)
    assert f.column_keys(Side.INCOME) == ("final",)
    assert f.column_keys(Side.EXPENDITURE) == ("total", "general", "gov_fund", "state_capital")
    assert [(r.key, r.value("final")) for r in f.side_rows(Side.INCOME) if r.role is RowRole.ITEM] == [
        ("general", D("2940.05")),
        ("gov_fund", None),
        ("state_capital", None),
        ("opening_balance", D("21.63")),
        ("opening_balance_general", D("21.63")),
        ("opening_balance_gov_fund", None),
        ("opening_balance_state_capital", None),
    ]
    closing = f.by_key("closing_balance", Side.EXPENDITURE)
    assert closing is not None and closing.name == "年末财政拨款结转和结余"
    assert (closing.value("total"), closing.value("general"), closing.value("gov_fund")) == (
        D("21.63"),
        D("21.63"),
        None,
    )
    assert f.grand_total(Side.INCOME).value("final") == D("2961.68")  # type: ignore[union-attr]
    assert f.grand_total(Side.EXPENDITURE).value("general") == D("2961.68")  # type: ignore[union-attr]

    three = table(d, TableKind.THREE_PUBLIC)
    assert three.column_keys() == ("budget", "final")
    assert three.total().value("budget") == D("0.95") and three.total().value("final") is None  # type: ignore[union-attr]
    assert [(r.key, r.value("budget"), r.value("final")) for r in three.items()] == [
        ("abroad", None, None),
        ("vehicle", None, None),
        ("vehicle_purchase", None, None),
        ("vehicle_operation", None, None),
        ("reception", D("0.95"), None),
    ]
    assert d.overview.units == ("上海市普陀区财政局（本级）", "上海市普陀区财政局财政所", "上海市普陀区国库收付中心")


# rd01 收入决算表, every row as printed (code, name, 本年收入合计, 财政拨款收入, 其他收入); the other
# columns (上级补助收入, 事业收入, 经营收入, 附属单位上缴收入) are blank throughout.
RD01_INCOME = [
    (None, "合计", "2946.25", "2940.05", "6.20"),
    ("201", "一般公共服务支出", "2112.86", "2106.66", "6.20"),
    ("20106", "财政事务", "2112.86", "2106.66", "6.20"),
    ("2010601", "行政运行", "1511.90", "1511.89", "0.01"),
    ("2010602", "一般行政管理事务", "16.19", "10.00", "6.19"),
    ("2010607", "信息化建设", "135.25", "135.25", None),
    ("2010608", "财政委托业务支出", "449.52", "449.52", None),
    ("208", "社会保障和就业支出", "326.72", "326.72", None),
    ("20805", "行政事业单位养老支出", "326.72", "326.72", None),
    ("2080501", "行政单位离退休", "84.65", "84.65", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", None),
    ("2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", None),
    ("2080599", "其他行政事业单位养老支出", "0.94", "0.94", None),
    ("210", "卫生健康支出", "60.99", "60.99", None),
    ("21011", "行政事业单位医疗", "60.99", "60.99", None),
    ("2101101", "行政单位医疗", "60.99", "60.99", None),
    ("221", "住房保障支出", "445.69", "445.69", None),
    ("22102", "住房改革支出", "445.69", "445.69", None),
    ("2210201", "住房公积金", "187.19", "187.19", None),
    ("2210203", "购房补贴", "258.50", "258.50", None),
]


def test_caizhengju_2024_income_table_every_row(shared_data: Path) -> None:
    t = table(package(shared_data, RD01), TableKind.INCOME_SUMMARY)
    assert t.column_keys() == ("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
    assert [c.label for c in t.columns][2::3] == ["上级补助收入", "附属单位上缴收入"]
    rows = [(r.code, r.name, r.value("total"), r.value("fiscal"), r.value("other")) for r in t.rows]
    assert rows == [(c, n, D(a), D(b), D(o)) for c, n, a, b, o in RD01_INCOME]
    assert all(r.value(k) is None for r in t.rows for k in ("superior", "business", "operating", "affiliated"))
    assert t.rows[0].role is RowRole.TOTAL


# rd01 一般公共预算财政拨款基本支出决算表, printed in two panels on pages 16–17; the text layer puts
# many codes on a line of their own above the name and amount. Left panel, then right panel.
RD01_ECON_LEFT = [
    ("301", "工资福利支出", "2082.85"),
    ("30101", "基本工资", "262.33"),
    ("30102", "津贴补贴", "1238.58"),
    ("30103", "奖金", None),
    ("30106", "伙食补助费", None),
    ("30107", "绩效工资", None),
    ("30108", "机关事业单位基本养老保险缴费", "160.75"),
    ("30109", "职业年金缴费", "80.38"),
    ("30110", "职工基本医疗保险缴费", "60.99"),
    ("30111", "公务员医疗补助缴费", None),
    ("30112", "其他社会保障缴费", "1.61"),
    ("30113", "住房公积金", "187.19"),
    ("30114", "医疗费", None),
    ("30199", "其他工资福利支出", "91.03"),
    ("303", "对个人和家庭的补助", "69.41"),
    ("30301", "离休费", None),
    ("30302", "退休费", "69.10"),
    ("30303", "退职（役）费", None),
    ("30304", "抚恤金", None),
    ("30305", "生活补助", None),
    ("30307", "医疗费补助", None),
    ("30308", "助学金", None),
    ("30309", "奖励金", "0.31"),
    ("30310", "个人农业生产补贴", None),
    ("30311", "代缴社会保险费", None),
    ("30399", "其他对个人和家庭的补助", None),
    (None, "人员经费合计", "2152.26"),
]
RD01_ECON_RIGHT = [
    ("302", "商品和服务支出", "171.07"),
    ("30201", "办公费", "21.21"),
    ("30202", "印刷费", "7.61"),
    ("30203", "咨询费", None),
    ("30204", "手续费", "0.09"),
    ("30205", "水费", None),
    ("30206", "电费", None),
    ("30207", "邮电费", "4.88"),
    ("30208", "取暖费", None),
    ("30209", "物业管理费", None),
    ("30211", "差旅费", "1.20"),
    ("30212", "因公出国（境）费用", None),
    ("30213", "维修（护）费", "2.83"),
    ("30214", "租赁费", None),
    ("30215", "会议费", None),
    ("30216", "培训费", "4.05"),
    ("30217", "公务接待费", None),
    ("30218", "专用材料费", None),
    ("30224", "被装购置费", None),
    ("30225", "专用燃料费", None),
    ("30226", "劳务费", "2.01"),
    ("30227", "委托业务费", None),
    ("30228", "工会经费", "24.42"),
    ("30229", "福利费", "42.77"),
    ("30231", "公务用车运行维护费", None),
    ("30239", "其他交通费用", "48.49"),
    ("30240", "税金及附加费用", None),
    ("30299", "其他商品和服务支出", "11.53"),
    ("310", "资本性支出", "13.58"),
    ("31001", "房屋建筑物购建", None),
    ("31002", "办公设备购置", "13.58"),
    ("31003", "专用设备购置", None),
    ("31007", "信息网络及软件购置更新", None),
    ("31013", "公务用车购置", None),
    ("31019", "其他交通工具购置", None),
    ("31021", "文物和陈列品购置", None),
    ("31022", "无形资产购置", None),
    ("31099", "其他资本性支出", None),
    (None, "公用经费合计", "184.65"),
]


def test_caizhengju_2024_econ_table_both_panels_every_row(shared_data: Path) -> None:
    t = table(package(shared_data, RD01), TableKind.GENERAL_BASIC_ECON)
    assert [(c.key, c.label) for c in t.columns] == [("final", "决算数")]  # the panels share their column
    rows = [(r.code, r.name, r.value("final")) for r in t.rows]
    assert rows == [(c, n, D(v)) for c, n, v in RD01_ECON_LEFT + RD01_ECON_RIGHT]
    assert t.rows[27].source.at(row=0) == t.rows[0].source  # 301 and 302 are read from one printed line
    assert t.rows[0].source.page == 16 and t.rows[-1].source.page == 17
    # the hierarchy: every 款 under its 类, across the page break
    parent_of = {r.code: t.rows[r.parent].code for r in t.rows if r.parent is not None}
    assert parent_of["30212"] == "302" and parent_of["31099"] == "310" and parent_of["30399"] == "303"


# rd03 支出决算表, every row as printed (code, 本年支出合计, 基本支出, 项目支出); 上缴上级支出, 经营支出 and
# 对附属单位补助支出 are blank throughout.
RD03_EXPENDITURE = [
    (None, "9759.38", "5377.64", "4381.74"),
    ("208", "754.75", "754.75", "0.00"),
    ("20805", "754.75", "754.75", "0.00"),
    ("2080501", "54.53", "54.53", "0.00"),
    ("2080502", "28.11", "28.11", "0.00"),
    ("2080505", "446.11", "446.11", "0.00"),
    ("2080506", "225.12", "225.12", "0.00"),
    ("2080599", "0.88", "0.88", "0.00"),
    ("210", "236.64", "236.64", "0.00"),
    ("21011", "236.64", "236.64", "0.00"),
    ("2101101", "40.35", "40.35", "0.00"),
    ("2101102", "196.29", "196.29", "0.00"),
    ("212", "3845.24", "1585.59", "2259.65"),
    ("21201", "1105.68", "1096.91", "8.77"),
    ("2120101", "1105.68", "1096.91", "8.77"),
    ("21202", "2739.56", "488.68", "2250.88"),
    ("2120201", "2739.56", "488.68", "2250.88"),
    ("220", "4461.67", "2339.58", "2122.09"),
    ("22001", "4461.67", "2339.58", "2122.09"),
    ("2200150", "4416.67", "2339.58", "2077.09"),
    ("2200199", "45.00", "0.00", "45.00"),
    ("221", "461.08", "461.08", "0.00"),
    ("22102", "461.08", "461.08", "0.00"),
    ("2210201", "289.59", "289.59", "0.00"),
    ("2210203", "171.49", "171.49", "0.00"),
]


def test_guihuaziyuan_2024_expenditure_table_every_row(shared_data: Path) -> None:
    d = package(shared_data, RD03)
    t = table(d, TableKind.EXPENDITURE_SUMMARY)
    assert t.column_keys() == ("total", "basic", "project", "to_superior", "operating_exp", "to_affiliated")
    assert [c.label for c in t.columns][3:] == ["上缴上级支出", "经营支出", "对附属单位补助支出"]
    rows = [(r.code, r.value("total"), r.value("basic"), r.value("project")) for r in t.rows]
    assert rows == [(c, D(a), D(b), D(p)) for c, a, b, p in RD03_EXPENDITURE]
    assert all(r.value(k) is None for r in t.rows for k in ("to_superior", "operating_exp", "to_affiliated"))
    assert t.by_code("2080505").name == "机关事业单位基本养老保险缴费支出"  # type: ignore[union-attr]


def test_guihuaziyuan_2024_other_tables_by_hand(shared_data: Path) -> None:
    d = package(shared_data, RD03)
    s = table(d, TableKind.BUDGET_SUMMARY)
    assert s.by_key("general", Side.INCOME).value("final") == D("9746.50")  # type: ignore[union-attr]
    assert s.by_key("opening_balance", Side.INCOME).value("final") == D("112.88")  # type: ignore[union-attr]
    assert s.total(Side.EXPENDITURE).value("final") == D("9759.38")  # type: ignore[union-attr]
    assert s.by_key("closing_balance", Side.EXPENDITURE).value("final") == D("100.00")  # type: ignore[union-attr]
    assert s.by_code("212").value("final") == D("3845.25")  # type: ignore[union-attr]
    assert s.grand_total(Side.INCOME).value("final") == s.grand_total(Side.EXPENDITURE).value("final") == D("9859.38")  # type: ignore[union-attr]
    g = table(d, TableKind.GENERAL_EXPENDITURE)
    assert (g.by_code("212").value("basic"), g.total().value("basic")) == (D("1572.70"), D("5364.75"))  # type: ignore[union-attr]
    econ = table(d, TableKind.GENERAL_BASIC_ECON)
    assert econ.by_key("personnel").value("final") == D("4884.09")  # type: ignore[union-attr]
    assert econ.by_key("public").value("final") == D("480.66")  # type: ignore[union-attr]
    assert econ.by_code("30306").name == "救济费" and econ.by_code("30306").value("final") == D("0.00")  # type: ignore[union-attr]
    assert econ.by_code("31002").value("final") == D("39.76")  # type: ignore[union-attr]
    three = table(d, TableKind.THREE_PUBLIC)
    assert {r.key: (r.value("budget"), r.value("final")) for r in three.rows} == {
        None: (D("2.85"), D("0.39")),
        "abroad": (D("0.00"), D("0.00")),
        "vehicle": (D("0.00"), D("0.00")),
        "vehicle_purchase": (D("0.00"), D("0.00")),
        "vehicle_operation": (D("0.00"), D("0.00")),
        "reception": (D("2.85"), D("0.39")),
    }
    assert d.overview.units[1] == "上海市普陀区规划和自然资源局执法大队（下属参公事业单位）"


def test_shehuigongzuobu_2024_by_hand(shared_data: Path) -> None:
    d = package(shared_data, RD02)
    econ = table(d, TableKind.GENERAL_BASIC_ECON)
    assert (econ.by_code("301").value("final"), econ.by_key("personnel").value("final")) == (D("95.36"), D("95.36"))  # type: ignore[union-attr]
    assert econ.by_code("30108").name == "机关事业单位基本养老保险缴费"  # type: ignore[union-attr]
    assert econ.by_key("public").value("final") == D("10.23")  # type: ignore[union-attr]
    assert table(d, TableKind.INCOME_SUMMARY).by_code("2013999").value("total") == D("202.24")  # type: ignore[union-attr]
    assert table(d, TableKind.BUDGET_SUMMARY).grand_total(Side.INCOME).value("final") == D("307.82")  # type: ignore[union-attr]
    three = table(d, TableKind.THREE_PUBLIC)
    assert three.is_empty and three.empty_note and "本表无数据" in three.empty_note


# ---------------------------------------------------------------------------------------------
# the reading steps, on small inline examples


@pytest.mark.parametrize(
    ("leaf", "kind", "final", "key"),
    [
        ("决算数", TableKind.BUDGET_SUMMARY, True, "final"),
        ("预算数", TableKind.THREE_PUBLIC, True, "budget"),
        ("预算数", TableKind.BUDGET_SUMMARY, False, "amount"),  # a 预算 table's one amount, as before
        ("年初预算数", TableKind.GENERAL_EXPENDITURE, True, "budget"),
        ("调整预算数", TableKind.GENERAL_EXPENDITURE, True, "adjusted"),
        ("本年收入合计", TableKind.INCOME_SUMMARY, False, "total"),
        ("上级补助收入", TableKind.INCOME_SUMMARY, False, "superior"),
        ("附属单位上缴收入", TableKind.INCOME_SUMMARY, False, "affiliated"),
        ("经营收入", TableKind.INCOME_SUMMARY, False, "operating"),
        ("上缴上级支出", TableKind.EXPENDITURE_SUMMARY, False, "to_superior"),
        ("经营支出", TableKind.EXPENDITURE_SUMMARY, False, "operating_exp"),
        ("对附属单位补助支出", TableKind.EXPENDITURE_SUMMARY, False, "to_affiliated"),
        ("年初结转和结余", TableKind.GOV_FUND_FINAL, False, "opening_balance"),
        ("本年收入", TableKind.GOV_FUND_FINAL, False, "income"),
        ("年末结转和结余", TableKind.STATE_CAPITAL_FINAL, False, "closing_balance"),
    ],
)
def test_final_column_keys(leaf: str, kind: TableKind, final: bool, key: str) -> None:
    assert column_role(leaf, kind, None, final) == ("amount", key)


FINAL_MD = """上海市某某局2024年度部门决算

一般公共预算财政拨款支出决算表

单位：万元

| 科目编码 | 科目名称 | 年初预算数 | 调整预算数 | 决算数 |
|---|---|---|---|---|
| 201 | 一般公共服务支出 | 100.00 | 110.00 | 105.00 |
| 20106 | 财政事务 | 100.00 | 110.00 | 105.00 |
| 2010601 | 行政运行 | 100.00 | 110.00 | 105.00 |
| | 合计 | 100.00 | 110.00 | 105.00 |

政府性基金预算财政拨款收入支出决算表

单位：万元

| 项目 | | 年初结转和结余 | 本年收入 | 本年支出 | | | 年末结转和结余 |
|---|---|---|---|---|---|---|---|
| 功能分类科目编码 | 科目名称 | | | 合计 | 基本支出 | 项目支出 | |
| 合计 | | 1.00 | 20.00 | 18.00 | 3.00 | 15.00 | 3.00 |
| 212 | 城乡社区支出 | 1.00 | 20.00 | 18.00 | 3.00 | 15.00 | 3.00 |
| 21208 | 国有土地使用权出让收入安排的支出 | 1.00 | 20.00 | 18.00 | 3.00 | 15.00 | 3.00 |
| 2120801 | 征地和拆迁补偿支出 | 1.00 | 20.00 | 18.00 | 3.00 | 15.00 | 3.00 |

第三部分 情况说明

一、收入支出决算总体情况说明

本年收入合计20.00万元。
"""


def test_budget_adjusted_and_fund_columns_of_a_final_table_in_markdown() -> None:
    d = markdown_to_disclosure(FINAL_MD, "final.md")
    assert d.document_type is DocumentType.DEPARTMENT_FINAL
    general = table(d, TableKind.GENERAL_EXPENDITURE)
    assert general.column_keys() == ("budget", "adjusted", "final")
    assert general.by_code("2010601").values == (
        ("budget", D("100.00")),
        ("adjusted", D("110.00")),
        ("final", D("105.00")),
    )  # type: ignore[union-attr]
    fund = table(d, TableKind.GOV_FUND_FINAL)
    assert fund.column_keys() == ("opening_balance", "income", "total", "basic", "project", "closing_balance")
    assert fund.total().value("closing_balance") == D("3.00")  # type: ignore[union-attr]
    assert fund.by_code("2120801").level == 3  # type: ignore[union-attr]
    assert not [f for f in check(d).findings if f.severity is not Severity.INFO and f.rule.startswith("total.")]
    broken = change(d, TableKind.GOV_FUND_FINAL, "212", "basic", "4.00")
    rules = {f.rule for f in check(broken).findings if f.severity is Severity.ERROR}
    assert {"total.basic-project", "total.code-hierarchy", "total.table-total"} <= rules


def _line(*cells: str) -> TableLine:
    return TableLine(cells, Source("f", page=1))


def test_a_panel_row_printed_over_several_lines_is_joined() -> None:
    """As rd01's text layer has it: a code alone on its line, its name and amount on the next; a
    name wrapped to a second line with the amount; a 款 code printed beside the name's last part."""
    body = [
        _line("301", "01", "", "", "302", "", "", ""),
        _line("", "", "基本工资", "262.33", "", "01", "办公费", "21.21"),
        _line("301", "08", "机关事业单位基本养老保险缴", "", "302", "", "因公出国（境）费", ""),
        _line("", "", "费", "160.75", "", "12", "用", ""),
        _line("301", "03", "奖金", "", "302", "03", "咨询费", ""),
    ]
    left = SideLayout(None, 0, 2, [0, 1], [], [("final", 3, "决算数")])
    right = SideLayout(None, 1, 6, [4, 5], [], [("final", 7, "决算数")])
    assert [line.cells[:4] for line in panel_lines(body, left)] == [
        ("301", "01", "基本工资", "262.33"),
        ("301", "08", "机关事业单位基本养老保险缴费", "160.75"),
        ("301", "03", "奖金", ""),
    ]
    assert [line.cells[4:] for line in panel_lines(body, right)] == [
        ("302", "01", "办公费", "21.21"),
        ("302", "12", "因公出国（境）费用", ""),
        ("302", "03", "咨询费", ""),
    ]


def test_a_total_printed_on_the_last_header_line_is_split_from_it() -> None:
    """rd02's fund tables print 合计 on the line of the 本年支出 subheads 合计 | 基本支出 | 项目支出."""
    lines = [
        _line("项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
        _line("功能分类科目编码", "科目名称", "", "", "", "", "", ""),
        _line("合计", "", "", "", "合计", "基本支出", "项目支出", ""),
    ]
    out, n_header = split_label_row(lines, 2)
    assert n_header == 3
    assert out[2].cells == ("", "", "", "", "合计", "基本支出", "项目支出", "")
    assert out[3].cells == ("合计", "", "", "", "", "", "", "")
    amounts = [_line("合计", "", "1.00", "2.00", "3.00", "1.00", "2.00", "0.00")]
    assert split_label_row([*lines[:2], *amounts], 2) == ([*lines[:2], *amounts], 2)  # a real 合计 row stays


# ---------------------------------------------------------------------------------------------
# the checker on 决算 packages


def change(d: Disclosure, kind: TableKind, row: str, key: str, value: str, side: Side | None = None) -> Disclosure:
    """`d` with one cell changed: the row is found by code, key or name (on `side`)."""
    t = table(d, kind)
    at = next(i for i, r in enumerate(t.rows) if (side is None or r.side is side) and row in (r.code, r.key, r.name))
    rows = list(t.rows)
    assert rows[at].has(key)
    rows[at] = replace(rows[at], values=tuple((k, D(value) if k == key else v) for k, v in rows[at].values))
    return replace(d, tables=tuple(replace(t, rows=tuple(rows)) if x is t else x for x in d.tables))


def errors(d: Disclosure) -> set[tuple[str, str | None, int | None]]:
    return {(f.rule, f.location.table, f.location.row) for f in check(d).findings if f.severity is Severity.ERROR}


@pytest.mark.parametrize("name", [RD01, RD02, RD03, TPL01])
def test_real_final_packages_keep_their_totals(shared_data: Path, name: str) -> None:
    """Every 合计, 类 = Σ款 and 收支总表 identity of the four 决算 documents holds, at most within
    rounding (the differences of 0.01–0.02 万元 there are computed rounding, reported as info)."""
    findings = check(package(shared_data, name)).findings
    assert not [
        f for f in findings if f.rule.startswith(("total.", "complete.tables")) and f.severity is not Severity.INFO
    ]
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_real_final_packages_rounding_notes(shared_data: Path) -> None:
    """The rounding that the totals rules see in rd03, each checked by hand against the text."""
    found = {
        (f.rule, f.location.table, f.location.row, f.location.column)
        for f in check(package(shared_data, RD03)).findings
        if f.rule.startswith("total.")
    }
    assert found == {
        # 本年支出合计 9746.50; 754.75 + 236.63 + 3832.36 + 4461.67 + 461.08 = 9746.49
        ("total.summary-expenditure", "fiscal_summary", 28, "total"),
        # 212: 1572.70 + 2259.65 = 3832.35 (printed 3832.36); 21201, 2120101: 1084.02 + 8.77 = 1092.79; 合计
        ("total.basic-project", "general_expenditure", 11, "total"),
        ("total.basic-project", "general_expenditure", 12, "total"),
        ("total.basic-project", "general_expenditure", 13, "total"),
        ("total.basic-project", "general_expenditure", 24, "total"),
        # 302 printed 440.90, its 款 add up to 440.88
        ("total.econ-hierarchy", "general_basic_econ", 28, "final"),
        # 人员经费合计 4884.09 = 301 4816.14 + 303 67.96 = 4884.10
        ("total.table-total", "general_basic_econ", 27, "final"),
    }


@pytest.mark.parametrize(
    ("kind", "row", "key", "value", "side", "rule", "at"),
    [
        # 收支总表: 本年收入合计 = Σ the eight kinds of income
        (TableKind.BUDGET_SUMMARY, "superior", "final", "1.00", Side.INCOME, "total.summary-income", 34),
        # 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
        (TableKind.BUDGET_SUMMARY, "opening_balance", "final", "59.14", Side.INCOME, "total.summary-grand", 40),
        # 总计 = 本年支出合计 + 结余分配 + 年末结转和结余
        (TableKind.BUDGET_SUMMARY, "closing_balance", "final", "45.34", Side.EXPENDITURE, "total.summary-grand", 41),
        # 本年支出合计 = Σ 类
        (TableKind.BUDGET_SUMMARY, "221", "final", "455.69", Side.EXPENDITURE, "total.summary-expenditure", 35),
        # 收入总计 = 支出总计
        (TableKind.BUDGET_SUMMARY, "总计", "final", "2995.49", Side.EXPENDITURE, "total.summary-balance", 40),
        # 年初财政拨款结转和结余 = Σ its split by fund
        (
            TableKind.FISCAL_SUMMARY,
            "opening_balance_general",
            "final",
            "20.63",
            Side.INCOME,
            "total.summary-income",
            31,
        ),
        # 基本支出表: 类 = Σ款 (left and right panel)
        (TableKind.GENERAL_BASIC_ECON, "30101", "final", "272.33", None, "total.econ-hierarchy", 0),
        (TableKind.GENERAL_BASIC_ECON, "31002", "final", "3.58", None, "total.econ-hierarchy", 55),
        # each panel's total = Σ its 类
        (TableKind.GENERAL_BASIC_ECON, "310", "final", "23.58", None, "total.table-total", 65),
        (TableKind.GENERAL_BASIC_ECON, "303", "final", "59.41", None, "total.table-total", 26),
        # 收入决算表: 本年收入合计 = 财政拨款 + 上级补助 + … + 其他收入
        (TableKind.INCOME_SUMMARY, "2010607", "superior", "1.00", None, "total.fund-sources", 5),
        (TableKind.INCOME_SUMMARY, "2010607", "affiliated", "1.00", None, "total.fund-sources", 5),
        # 支出决算表: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助
        (TableKind.EXPENDITURE_SUMMARY, "2010607", "to_superior", "1.00", None, "total.basic-project", 5),
        (TableKind.EXPENDITURE_SUMMARY, "2010607", "operating_exp", "1.00", None, "total.basic-project", 5),
        # “三公”: 合计 = Σ items, in the 决算数 column too
        (TableKind.THREE_PUBLIC, "reception", "final", "0.10", None, "total.three-public", 0),
        # 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, fund by fund (here 一般公共预算)
        (TableKind.FISCAL_SUMMARY, "closing_balance", "general", "31.63", Side.EXPENDITURE, "total.final-balance", 32),
    ],
)
def test_a_changed_final_cell_is_an_error(
    shared_data: Path, kind: TableKind, row: str, key: str, value: str, side: Side | None, rule: str, at: int
) -> None:
    d = package(shared_data, RD01)
    assert not {e for e in errors(d) if e[0] == rule}
    assert (rule, kind.value, at) in errors(change(d, kind, row, key, value, side))


def test_a_fund_table_row_that_does_not_carry_its_balance_over_is_an_error(shared_data: Path) -> None:
    """政府性基金预算财政拨款收入支出决算表, row by row: 年初结转和结余 + 本年收入 = 本年支出 + 年末
    结转和结余 (rd01 prints the table blank; filled in here, then one figure off by 10)."""
    d = package(shared_data, RD01)
    fund = table(d, TableKind.GOV_FUND_FINAL)
    filled = {"opening_balance": "5.00", "income": "120.00", "total": "110.00", "basic": "10.00", "project": "100.00"}
    total = replace(fund.rows[0], values=tuple((k, D(filled.get(k, "15.00"))) for k, _ in fund.rows[0].values))
    balanced = replace(d, tables=tuple(replace(t, rows=(total,)) if t is fund else t for t in d.tables))
    assert not [f for f in check(balanced).findings if f.rule == "total.final-balance"]
    off = change(balanced, TableKind.GOV_FUND_FINAL, "合计", "closing_balance", "25.00")
    (f,) = [f for f in check(off).findings if f.rule == "total.final-balance"]
    assert f.severity is Severity.ERROR
    assert (f.location.table, f.location.column) == ("gov_fund_final", "closing_balance")
    assert "与 本年支出之和为 135.00，年初结转和结余、本年收入之和为 125.00，相差 10.00 万元" in f.message


def test_the_other_spending_columns_are_named_in_the_message(shared_data: Path) -> None:
    d = change(package(shared_data, RD01), TableKind.EXPENDITURE_SUMMARY, "2010607", "to_affiliated", "1.00")
    (f,) = [f for f in check(d).findings if f.rule == "total.basic-project" and f.severity is Severity.ERROR]
    assert "基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出之和为 136.25" in f.message


def test_a_missing_final_table_is_named_as_the_final_template_names_it(shared_data: Path) -> None:
    d = package(shared_data, RD01)
    without = replace(d, tables=tuple(t for t in d.tables if t.kind is not TableKind.GOV_FUND_FINAL))
    (f,) = [f for f in check(without).findings if f.rule == "complete.tables"]
    assert f.severity is Severity.ERROR and f.expected == "政府性基金预算财政拨款收入支出决算表"


def test_final_tables_export_under_the_names_a_final_package_prints(shared_data: Path, tmp_path: Path) -> None:
    """CSV files and workbook sheets of a 决算 are named as the 决算 template names its tables
    (收入支出决算总表, not the 预算 name of the same kind); a 预算's keep the 预算 names."""
    written = [p.name for p in write_csv(package(shared_data, RD01), tmp_path / "final")]
    assert written[1:10] == [f"{kind.final_label}.csv" for kind in FINAL_KINDS]
    assert written[1] == "收入支出决算总表.csv" and written[7] == "财政拨款“三公”经费支出决算表.csv"
    budget = [p.name for p in write_csv(real_package("rd13_shpt_sifaju_2026_bmys"), tmp_path / "budget")]
    assert budget[1:3] == ["预算收支总表.csv", "预算收入总表.csv"]


def test_budget_only_rules_still_skip_final_packages(shared_data: Path) -> None:
    """A 决算's tables differ between themselves by design (收支总表 vs 财政拨款收支总表): the
    cross-table rules written for 预算 packages stay off, even where a table is broken."""
    d = change(package(shared_data, RD01), TableKind.INCOME_SUMMARY, "合计", "fiscal", "2950.05")
    assert not [f for f in check(d).findings if f.rule.split(".")[0] in ("xtable", "narrative", "perf")]


# ---------------------------------------------------------------------------------------------


def test_every_kind_column_key_and_row_key_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    keys = {k for k in re.findall(r"`([a-z_]+)`", text)}
    assert not [k.value for k in TableKind if k.value not in keys]
    assert not sorted(set(COLUMN_LABELS) - keys)
    assert not sorted(set(ROW_KEYS) - keys)


@pytest.mark.parametrize("name", [RD01, RD02, RD03])
@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx", "pdf"])
def test_a_real_final_package_survives_render_and_read(shared_data: Path, tmp_path: Path, name: str, fmt: str) -> None:
    """A 决算 read from its PDF, written out as Markdown, Word, Excel or PDF and read again, gives back its
    nine tables, its 概况 and its 情况说明 exactly: the 基本支出决算表 keeps its printed codes in a
    column of their own (a 预算's 表6 prints names only), and the 目录, which the written package
    prints with leaders, ends where the body's first heading comes, though the body words its
    part titles otherwise."""
    want = without_sources(package(shared_data, name))
    (path,) = render(package(shared_data, name), tmp_path, [fmt], name)
    back = without_sources(read(path))
    assert back.document_type is want.document_type
    assert [t.kind for t in back.tables] == FINAL_KINDS
    assert back.tables == want.tables
    assert back.sections == want.sections
    assert back.overview == want.overview
    econ = back.table(TableKind.GENERAL_BASIC_ECON)
    assert econ is not None and all(not r.text("code_from") for r in econ.rows if r.code)
