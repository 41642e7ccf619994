"""bench/corpus.py, the national scoreboard: its own title table and its pairing of titles with tables.

The scoreboard is only worth its figures if it names the kind of every printed title right and
independently of the reader, so its title table is tested here on titles as the corpus prints them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from yusuan.model import Source, Table, TableKind, Unit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus


@pytest.mark.parametrize(
    ("title", "family", "kind"),
    [
        ("2026年预算单位财务收支预算总表", "sh_city_unit_9", "budget_summary"),
        ("2026年单位“三公”经费和机关运行经费预算表", "sh_city_unit_9", "three_public"),
        ("2026年预算单位一般公共预算基本支出部门预算经济分类预算表", "sh_city_unit_9", "general_basic_econ"),
        ("表1 2022年部门综合预算收支总表", "xa_zonghe_16", "budget_summary"),
        ("表12022年部门综合预算收支总表", "xa_zonghe_16", "budget_summary"),
        (
            "表5 2021年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）",
            "xa_zonghe_16",
            "general_expenditure",
        ),
        ("表6 部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "xa_zonghe_16", "general_econ"),
        (
            "表7 2020年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
            "xa_zonghe_16",
            "general_basic_function",
        ),
        (
            "表8 2022年部门综合预算一般公共预算基本支出明细表（按支出经济分类科目-不含上年结转）",
            "xa_zonghe_16",
            "general_basic_econ",
        ),
        ("表9 2022年部门综合预算政府性基金收支表（不含上年结转）", "xa_zonghe_16", "gov_fund"),
        ("表10 2021年部门综合预算专项业务经费支出表（不含上年结转）", "xa_zonghe_16", "project"),
        ("表11 2022部门综合预算财政拨款结转资金支出表", "xa_zonghe_16", "project_carryover"),
        ("表5 (no title printed)", "xa_zonghe_16", "general_expenditure"),
        ("表五 2026 年一般公共预算支出情况表", "cq_biao_cn_12", "general_expenditure"),
        ("表八 2026 年财政拨款 “三公 ” 经费支出情况表", "cq_biao_cn_12", "three_public"),
        ("公开 05 表 财政拨款支出表（功能科目）", "js_gongkai_13", "fiscal_expenditure"),
        ("公开 12 表 一般公共预算机关运行经费支出预算表", "js_gongkai_13", "org_operation"),
        ("表7 一般公共预算项目支出情况表（按经济分类科目）", "gd_zongti_12", "general_project_econ"),
        ("表4 基本支出总表", "sz_biao_11", "basic"),
        ("八、一般公共预算支出经济分类情况表", "fj_ordinal_10", "general_econ"),
        ("表10：2026年市级部门项目支出预算表", "zj_hangzhou_11", "project"),
        ("公开表12 政府采购预算表", "yt_gongkai_12", "procurement"),
    ],
)
def test_title_kind(title: str, family: str, kind: str) -> None:
    found = corpus.title_kind(title, family)
    assert found is not None and found.name == kind


@pytest.mark.parametrize(
    "title",
    ["表14 2022年部门预算专项业务经费绩效目标表", "表11：2026年市级部门项目支出绩效表", "政策和项目预算绩效目标表"],
)
def test_performance_forms_are_left_out(title: str) -> None:
    assert corpus.title_kind(title, None) is None


def test_core_title_drops_number_year_spaces_and_quotes() -> None:
    assert corpus.core_title("表八 2026 年财政拨款 “三公 ” 经费支出情况表") == "财政拨款三公经费支出情况表"
    assert corpus.core_title("表11 2022部门综合预算财政拨款结转资金支出表") == "部门综合预算财政拨款结转资金支出表"
    assert corpus.core_title("一、收支预算总表") == "收支预算总表"


def test_every_manifest_title_but_the_forms_has_a_kind(shared_data: Path) -> None:
    manifest = json.loads((shared_data / "national" / "manifest.json").read_text(encoding="utf-8"))
    kinds = [(t, corpus.title_kind(t, f["template_family"])) for f in manifest["files"] for t in f["table_titles"]]
    assert [t for t, k in kinds if k is None and "绩效" not in t] == []
    assert sum(k is not None for _, k in kinds) == 1606  # of 1,712 titles, 106 are performance forms


def _table(kind: TableKind, title: str, page: int) -> Table:
    return Table(kind, title, Unit.YUAN, (), (), Source("f.pdf", page=page))


def test_titles_pair_with_tables_of_their_kind_once_each() -> None:
    entry = {
        "file": "f.pdf",
        "template_family": "sh_city_unit_9",
        "table_titles": [
            "2026年预算单位财务收支预算总表",
            "2026年预算单位收入预算总表",
            "2026年单位“三公”经费和机关运行经费预算表",
            "表14 部门专项业务经费绩效目标表（2026年度）",
        ],
    }
    tables = [
        _table(TableKind.BUDGET_SUMMARY, "2026年预算单位财务收支预算总表", 7),
        _table(TableKind.EXPENDITURE_SUMMARY, "2026年预算单位收入预算总表", 8),  # the wrong kind
        _table(TableKind.THREE_PUBLIC, "2026年单位“三公”经费和机关运行经费预算表", 20),
        _table(TableKind.ORG_OPERATION, "2026年单位“三公”经费和机关运行经费预算表", 20),  # claimed by the same title
        _table(TableKind.GENERAL_EXPENDITURE, "附表 其他", 21),  # under no title of the manifest
    ]
    results, forms, other = corpus._match_titles(entry, tables)
    assert [(r.kind, r.read) for r in results] == [
        ("budget_summary", True),
        ("income_summary", False),
        ("three_public", True),
    ]
    assert results[1].found == "expenditure_summary “2026年预算单位收入预算总表” p.8"
    assert (forms, other) == (1, 1)


def test_a_kind_the_model_lacks_counts_as_a_generic_table_under_its_title() -> None:
    class Generic:
        value = "generic"

    class Kept:  # a table the model keeps without a standard kind: only kind, title and page matter here
        def __init__(self, title: str) -> None:
            self.kind, self.title, self.source = Generic(), title, Source("f.pdf", page=3)

    entry = {"file": "f.pdf", "template_family": "yt_gongkai_12", "table_titles": ["公开表12 政府采购预算表"]}
    assert corpus._match_titles(entry, [Kept("政府采购预算表")])[0][0].read
    assert not corpus._match_titles(entry, [Kept("收支总体情况表")])[0][0].read
    # a standard kind under the title is no generic table
    assert not corpus._match_titles(entry, [_table(TableKind.BUDGET_SUMMARY, "政府采购预算表", 3)])[0][0].read


def test_the_page_counts_recognised_and_read_titles() -> None:
    good = corpus.FileResult("a.pdf", "xa_zonghe_16", True, "read", right=dict.fromkeys(corpus.CHECKS, True))
    good.titles = [corpus.TitleResult("表1 收支总表", "budget_summary", True, None)]
    good.severities = {"error": 2}
    good.rules = {"total.table-total error": 2}
    refused = corpus.FileResult("b.pdf", "xa_zonghe_16", True, "refused", message="不是部门预算公开文件")
    negative = corpus.FileResult("c.pdf", "negatives", False, "refused", message="x（not a budget disclosure）")
    text = corpus.page([good, refused, negative], ["xa_zonghe_16", "negatives"], Path("corpus"), False, 60.0)
    assert "| xa_zonghe_16 | 2 | 1 | 1/2 | 1 | 1 | 1 | 1 | 1/1 | 100.0% | 0 | 2 | 0 | 0 |" in text
    assert "| negatives | 1 | – | 1/1 rejected |" in text
    assert "| `total.table-total` | error | 2 | 2 |" in text
