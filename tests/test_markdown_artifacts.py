"""The markdown reader on each OCR artifact, with small inline fixtures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import RowRole, Side, TableKind
from yusuan.model.compare import without_sources
from yusuan.parse import markdown_to_disclosure
from yusuan.parse.markdown import html_table_to_grid, markdown_to_blocks

D = Decimal

HEAD = """文水县某某局

2026年度部门预算公开

"""

T5 = """预算公开表5

2026年一般公共预算支出预算表（不含上年结转）

部门名称：文水县某某局

单位：万元

| 项目 | | 2026年预算数 | | |
|---------|------------------|----------|---------|---------|
| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| 合计 | | 110.00 | 100.00 | 10.00 |
| 208 | 社会保障和就业支出 | 110.00 | 100.00 | 10.00 |
| 20801 | 人力资源和社会保障管理事务 | 110.00 | 100.00 | 10.00 |
| 2080101 | 行政运行 | 100.00 | 100.00 | |
| 2080102 | 一般行政管理事务 | 10.00 | | 10.00 |
"""


def read(text: str):  # type: ignore[no-untyped-def]
    return markdown_to_disclosure(HEAD + text, "fixture.md")


def test_plain_table_is_read_with_codes_hierarchy_and_canonical_columns() -> None:
    d = read(T5)
    table = d.table(TableKind.GENERAL_EXPENDITURE)
    assert table is not None
    assert table.number == 5 and table.caption == "预算公开表5"
    assert table.department == "文水县某某局"
    assert table.column_keys() == ("total", "basic", "project")
    assert [r.code for r in table.rows] == [None, "208", "20801", "2080101", "2080102"]
    assert table.rows[0].role is RowRole.TOTAL
    assert [r.level for r in table.rows[1:]] == [1, 2, 3, 3]
    assert [r.parent for r in table.rows[1:]] == [None, 1, 2, 2]
    assert table.by_code("2080102").value("basic") is None  # blank, not zero
    assert table.by_code("2080102").value("project") == D("10.00")
    assert table.by_code("2080101").source.line == 19


def test_table_split_at_a_page_break_joins_its_continuation() -> None:
    split = T5.replace(
        "| 2080101 | 行政运行 |",
        "\n| | | | | |\n|--|--|--|--|--|\n| 2080101 | 行政运行 |",
    )
    whole, parts = read(T5), read(split)
    assert len(parts.tables) == 1
    assert without_sources(parts.tables) == without_sources(whole.tables)


def test_continuation_whose_first_row_became_its_header_still_joins() -> None:
    split = T5.replace(
        "| 2080101 | 行政运行 | 100.00 | 100.00 | |\n",
        "\n| 2080101 | 行政运行 | 100.00 | 100.00 | |\n|--|--|--|--|--|\n",
    )
    assert without_sources(read(split).tables) == without_sources(read(T5).tables)


def test_scanner_and_stamp_lines_between_parts_are_noise() -> None:
    text = T5 + "\n和張印玉\n\n扫描全能王\nPDF扫描、文档识别、OCR、文字提取\n\n- 3 -\n"
    blocks = markdown_to_blocks(text, "f.md")
    noise = [b.text for b in blocks if getattr(b, "noise", False)]
    assert noise == ["和張印玉", "扫描全能王", "PDF扫描、文档识别、OCR、文字提取", "- 3 -"]


def test_cell_text_broken_by_spaces_still_names_its_function_class() -> None:
    text = """2026年预算收支总表

单位：万元

| 收入 | | 支出 | | | |
|----|----|----|----|----|----|
| 项目 | 2026年 | 项目 | 2026年合计 | 当年预算安排 | 上年结转安排 |
| 一、一般公共预算 | 5.00 | 二十二、国有资本经营 预算支出 | 5.00 | 5.00 | |
| 本年收入合计 | 5.00 | 本年支出合计 | 5.00 | 5.00 | |
"""
    table = read(text).table(TableKind.BUDGET_SUMMARY)
    assert table is not None
    expenditure = [r for r in table.rows if r.side is Side.EXPENDITURE]
    assert expenditure[0].name == "二十二、国有资本经营 预算支出"
    assert expenditure[0].code == "223"
    income = [r for r in table.rows if r.side is Side.INCOME]
    assert income[0].key == "general" and income[0].value("amount") == D("5.00")
    assert table.total(Side.INCOME).value("amount") == D("5.00")
    assert table.total(Side.EXPENDITURE).value("current") == D("5.00")


def test_thousands_separators_and_full_width_digits() -> None:
    text = T5.replace("| 2080101 | 行政运行 | 100.00 |", "| 2080101 | 行政运行 | １００．００ |").replace(
        "| 合计 | | 110.00 |", "| 合计 | | 0,110.00 |"
    )
    table = read(text).table(TableKind.GENERAL_EXPENDITURE)
    assert table.by_code("2080101").value("total") == D("100.00")
    assert table.total().value("total") == D("110.00")


def test_empty_table_keeps_its_note() -> None:
    text = """2026年政府性基金预算支出表（不含上年结转）

部门名称：文水县某某局

单位：万元

| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
|------|------|----|------|------|
| 合计 | | | | |
| | | | | |

注：本表无数据
"""
    table = read(text).table(TableKind.GOV_FUND_EXPENDITURE)
    assert table is not None
    assert table.empty_note == "注：本表无数据"
    assert table.is_empty
    assert [r.role for r in table.rows] == [RowRole.TOTAL]


def test_caption_variants_and_titles_without_captions() -> None:
    text = T5.replace("预算公开表5", "部门公开表9") + "\n" + T5.replace("预算公开表5\n", "")
    d = read(text)
    assert [t.number for t in d.tables] == [9, None]
    assert [t.caption for t in d.tables] == ["部门公开表9", None]


HTML_T5 = """2026年一般公共预算支出预算表（不含上年结转）

部门名称：文水县某某局

单位：万元

<table>
<tr><td colspan="2">项目</td><td colspan="3">2026年预算数</td></tr>
<tr><td>科目编码</td><td>科目名称</td><td>合计</td><td>基本支出</td><td>项目支出</td></tr>
<tr><td>合计</td><td></td><td>110.00</td><td>100.00</td><td>10.00</td></tr>
<tr><td>208</td><td>社会保障和就业支出</td><td>110.00</td><td>100.00</td><td>10.00</td></tr>
<tr><td>20801</td><td>人力资源和社会保障管理事务</td><td>110.00</td><td>100.00</td><td>10.00</td></tr>
<tr><td>2080101</td><td>行政运行</td><td>100.00</td><td>100.00</td><td></td></tr>
<tr><td>2080102</td><td>一般行政管理事务</td><td>10.00</td><td></td><td>10.00</td></tr>
</table>
"""


def test_html_table_reads_like_the_pipe_table() -> None:
    html = read(HTML_T5).table(TableKind.GENERAL_EXPENDITURE)
    pipe = read(T5.replace("预算公开表5\n\n", "")).table(TableKind.GENERAL_EXPENDITURE)
    assert without_sources(html) == without_sources(pipe)


def test_html_rowspan_and_colspan_expand_into_the_grid() -> None:
    grid = html_table_to_grid(
        '<table><tr><td rowspan="2">项目名称</td><td colspan="2">财政拨款</td></tr>'
        "<tr><td>一般公共预算</td><td>政府性基金预算</td></tr>"
        "<tr><td>甲</td><td>1.00</td><td><br/></td></tr></table>"
    )
    assert [cells for _, cells in grid] == [
        ("项目名称", "财政拨款", ""),
        ("", "一般公共预算", "政府性基金预算"),
        ("甲", "1.00", ""),
    ]


FORM = """十、绩效管理情况

文水县县(区)级预算部门(单位)项目支出绩效目标申报表

(2025年度)

| | | | | | | | |
|--|--|--|--|--|--|--|--|
| 项目名称 | | 公益性零工市场运行经费 | | | | | |
| 主管部门及代码 | | 009-文水县某某局 | | 实施单位 | | 文水县某某局 | |
| 项目属性 | | 一次性项目(1年结束) | | 项目期 | | 1年 | |
| 项目分类 | | A类项目 | | <input type="checkbox"/> 政府工作报告承诺的实事 <input type="checkbox"/> 全县中心工作 | | | |
| 项目资金(元) | | 实施期资金总额: | | 1,000,084.00 | 年度资金总额: | | 1,000,083.56 |
| | | 其中:中央财政资金 | | | 其中:中央财政资金 | | |
| | | 省级财政资金 | | 0.00 | 省级财政资金 | | 0.00 |
| | | 市县(区)财政资金 | | 1,000,084.00 | 市县(区)财政资金 | | 1,000,083.56 |
| 项目概况 | | 保证公益性零工市场正常运转 | | | | | |
| 实施期目标 | | | | 年度目标 | | | |
| 总体目标 | 确保正常运转 | | | 确保正常运转 | | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |
| | 产出指标 | 数量指标 | 单位数量 | 1个 | 数量指标 | 单位数量 | 1个 |
| | | | | 时效指标 | 保障时间 | 1年内 | 时效指标 | 保障时间 | 1年内 |
| 满意度指标 | 服务对象满意度指标 | 被服务人员满意度 | ≥90% | 服务对象满意度指标 | 被服务人员满意度 | ≥90% | |
| 负责人: | 和张印玉 | 经办人: | 段高鹏 | 联系电话: | 3022465 | 填报日期: | 20260113 |

和张印玉
"""


def test_project_form_with_shifted_cells_checkboxes_and_separators() -> None:
    d = read("第三部分 2026年度部门预算情况说明\n\n" + FORM)
    (form,) = d.project_forms
    assert form.year_label == 2025
    assert form.name == "公益性零工市场运行经费"
    assert (form.department_code, form.department, form.implementing_unit) == ("009", "文水县某某局", "文水县某某局")
    assert form.implementation.total.value == D("1000084.00")
    assert form.annual.total.value == D("1000083.56")
    assert form.annual.local.value == D("1000083.56")
    assert form.implementation.central is None and form.implementation.provincial.value == D("0.00")
    assert form.text("项目概况") == "保证公益性零工市场正常运转"
    assert (form.goal_implementation, form.goal_annual) == ("确保正常运转", "确保正常运转")
    values = [(i.period.value, i.level1, i.level2, i.name, i.value) for i in form.indicators]
    assert values == [
        ("implementation", "产出指标", "数量指标", "单位数量", "1个"),
        ("annual", "产出指标", "数量指标", "单位数量", "1个"),
        ("implementation", "产出指标", "时效指标", "保障时间", "1年内"),
        ("annual", "产出指标", "时效指标", "保障时间", "1年内"),
        ("implementation", "满意度指标", "服务对象满意度指标", "被服务人员满意度", "≥90%"),
        ("annual", "满意度指标", "服务对象满意度指标", "被服务人员满意度", "≥90%"),
    ]
    assert form.signature.handler == "段高鹏" and form.signature.date == "20260113"
    # the checkbox artifacts never reach any text
    assert "input" not in repr(form)
    # the stamp residue after the form is not read as narrative
    assert all("张印玉" not in p.text for s in d.sections for p in s.paragraphs)


PROJECTS = """2026年项目支出预算表（本年预算）

单位：万元

| 项目名称 | 合计 | 2026年财政拨款 | | |
|--|---------|-----------|---------|----------|
| | | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 |
| 1 | 2 | 3 | 4 | 5 |
| 文水县某某局 | 16.00 | 16.00 | | |
| 文水县某某局 | 10.00 | 10.00 | | |
| 工作经费 | 6.00 | 6.00 | | |
| 工作经费 | 4.00 | 4.00 | | |
| 文水县某某中心 | 6.00 | 6.00 | | |
| 工作经费 | 6.00 | 6.00 | | |
"""


def test_project_table_hierarchy_is_inferred_from_the_sums() -> None:
    table = read(PROJECTS).table(TableKind.PROJECT_CURRENT)
    assert table.column_keys() == ("total", "general", "gov_fund", "state_capital")
    assert [(r.name, r.level, r.parent) for r in table.rows] == [
        ("文水县某某局", 1, None),
        ("文水县某某局", 2, 0),
        ("工作经费", 3, 1),
        ("工作经费", 3, 1),
        ("文水县某某中心", 2, 0),
        ("工作经费", 3, 4),
    ]
    assert not [n for n in read(PROJECTS).notes if n.code == "hierarchy-by-name"]


def test_project_table_hierarchy_falls_back_to_names_when_sums_break() -> None:
    broken = PROJECTS.replace("| 工作经费 | 4.00 | 4.00 | | |", "| 工作经费 | 7.00 | 7.00 | | |")
    d = read(broken)
    table = d.table(TableKind.PROJECT_CURRENT)
    assert [(r.level, r.parent) for r in table.rows] == [(1, None), (2, 0), (3, 1), (3, 1), (2, 0), (3, 4)]
    assert [n.code for n in d.notes if n.code == "hierarchy-by-name"] == ["hierarchy-by-name"]


def test_narrative_figures_keep_label_value_unit_and_position() -> None:
    text = "第三部分 情况说明\n\n三、支出预算情况说明\n\n支出预算3,776.24万元，其中：基本支出１９７９．９５万元，占52.43%。\n"
    (section,) = read(text).sections
    assert [(f.label, f.value, f.unit, f.text, f.source.char) for f in section.figures] == [
        ("支出预算", D("3776.24"), "万元", "3,776.24万元", 4),
        ("基本支出", D("1979.95"), "万元", "１９７９．９５万元", 22),
        ("占", D("52.43"), "%", "52.43%", 33),
    ]
    assert section.figures[0].source.line == 9


def test_signature_line_with_blank_fields() -> None:
    from yusuan.parse.forms import signature_from_text

    signature = signature_from_text("负责人: 经办人: 段高鹏 联系电话: 3022465 填表日期: 20260126")
    assert signature is not None
    assert (signature.responsible, signature.handler, signature.phone, signature.date) == (
        None,
        "段高鹏",
        "3022465",
        "20260126",
    )


OVERALL = """十、绩效管理情况

文水县县级预算部门（单位）整体支出绩效目标申报表

(2026) 年度

| | | | |
|--|--|--|--|
| 部门(单位)名称 | 文水县某某局 | | |
| 服务对象满意度指标 | | ≥98% | 工作人员满意率 |
| 服务对象满意度指标 | 群众满意率 | ≥95% | |
"""


def test_overall_form_satisfaction_value_before_or_after_its_name() -> None:
    (form,) = read("第三部分 情况说明\n\n" + OVERALL).overall_forms
    assert form.department == "文水县某某局"
    assert [(i.name, i.value) for i in form.indicators] == [("工作人员满意率", "≥98%"), ("群众满意率", "≥95%")]


def test_codes_in_category_columns() -> None:
    from yusuan.parse.tables import join_code, mend_code

    assert join_code(["204", "06", "01"]) == "2040601"
    assert join_code(["301", "2", ""]) == "30102"  # 款 printed without its leading zero
    assert join_code(["301   7"]) == "30107"
    # a 类 garbled in the text layer, under its 款: mended from the listing's order
    assert mend_code(["7", "11", "02"], ["210", "21011"]) == "2101102"
    assert mend_code(["7", "11", "02"], ["210", "21011", "2101101"]) == "2101102"
    assert mend_code(["7", "11", "02"], ["210", "21012"]) is None
    assert mend_code(["7", "11", "02"], ["210"]) is None


def test_a_toc_printed_without_dots_or_page_numbers() -> None:
    """部门决算 packages list their parts under 目录 with no leaders: the list is the 目录, and the
    body begins where its first entry comes round again."""
    text = """上海市普陀区某某局

2024年度部门决算

目 录

第一部分 上海市普陀区某某局概况

一、主要职能

第三部分 上海市普陀区某某局2024年度部门决算情况说明

一、收入支出决算总体情况说明

第一部分 上海市普陀区某某局概况

一、主要职能

负责本区某某工作。

第三部分 上海市普陀区某某局2024年度部门决算情况说明

一、收入支出决算总体情况说明

2024年度收入总计100.00万元。
"""
    d = markdown_to_disclosure(text, "f.md")
    assert [e.title for e in d.toc] == [
        "第一部分 上海市普陀区某某局概况",
        "一、主要职能",
        "第三部分 上海市普陀区某某局2024年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
    ]
    assert [(s.number, s.topic.value, len(s.paragraphs)) for s in d.sections] == [("一", "changes", 1)]
    assert d.overview.duties == "负责本区某某工作。"


@pytest.mark.parametrize("leaders", [True, False])
def test_a_toc_with_leaders_or_as_a_table_ends_at_the_first_plain_heading(leaders: bool) -> None:
    """A 目录 printed with dot leaders (or as a table) has its entries marked: the first heading
    without them starts the body, even when the body's headings are worded otherwise than the
    entries ("第一部分 概况" under an entry "第一部分上海市普陀区某某局概况"). Only a 目录 with no
    leaders at all runs until its first entry comes round again."""
    entries = ["第一部分上海市普陀区某某局概况", "第三部分上海市普陀区某某局2024年度部门决算情况说明"]
    toc = (
        "\n\n".join(f"{e}......" for e in entries)
        if leaders
        else "| | |\n|---|---|\n" + "\n".join(f"| {e}..... |  |" for e in entries)
    )
    text = f"""上海市普陀区某某局

上海市普陀区某某局2024年度部门决算

目 录

{toc}

第一部分 概况

一、主要职能

负责本区某某工作。

第三部分 情况说明

一、收入支出决算总体情况说明

2024年度收入总计100.00万元。
"""
    d = markdown_to_disclosure(text, "f.md")
    assert [e.title for e in d.toc] == entries
    assert [(s.number, len(s.paragraphs)) for s in d.sections] == [("一", 1)]
    assert d.overview.duties == "负责本区某某工作。"
