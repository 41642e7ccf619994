"""The table quantities a narrative names: which cell of which table 收入总计, 基本支出, 三公经费 … are,
and the cells a narrative label can mean ("一般公共预算当年拨款", "社会保障和就业支出（类）"), for the
rules that hold the 情况说明 and the performance part against the tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import ColumnKey, Disclosure, Row, RowRole, Side, Table, TableKind, Topic
from ..reference import function_class_by_name
from ..text import halfwidth, name_key
from .arith import Term
from .tables import expenditure_key, income_key, main_column, table_cell

Getter = Callable[[Disclosure], Term | None]


# ---------------------------------------------------------------------------------------------
# table quantities a narrative names


def _t(kind: TableKind, pick: Callable[[Table], Row | None], key: Callable[[Table], str | None] | str) -> Getter:
    def get(d: Disclosure) -> Term | None:
        table = d.table(kind)
        if table is None:
            return None
        row = pick(table)
        column = key(table) if callable(key) else key
        if row is None or column is None:
            return None
        return table_cell(table, row, column)

    return get


def _income(kind: TableKind, row_key: str) -> Getter:
    return _t(kind, lambda t: t.by_key(row_key, Side.INCOME), income_key)


def _total(kind: TableKind, key: str) -> Getter:
    return _t(kind, lambda t: t.total(), key)


def _three(key: str) -> Getter:
    return _t(
        TableKind.THREE_PUBLIC, (lambda t: t.total()) if key == "total" else (lambda t: t.by_key(key)), main_column
    )


def _top_projects(d: Disclosure) -> Term | None:
    table = d.table(TableKind.PROJECT_CURRENT)
    if table is None:
        return None
    tops = [r for r in table.rows if r.level == 1]
    # the projects' amount is the table's 合计, whatever funds pay for them
    key = main_column(table)
    return table_cell(table, tops[0], key) if len(tops) == 1 and key else None


def _carried(fund: str) -> Getter:
    """上年结转 of one fund: its row under 上年结转 in the 收支总表, else in the 财政拨款收支总表."""

    def get(d: Disclosure) -> Term | None:
        for kind in (TableKind.BUDGET_SUMMARY, TableKind.FISCAL_SUMMARY):
            found = _income(kind, f"carryover_{fund}")(d)
            if found is not None:
                return found
        return None

    return get


def _operation(d: Disclosure) -> Term | None:
    table = d.table(TableKind.ORG_OPERATION)
    if table is None:
        return None
    row = table.total() or next(iter(table.rows), None)
    return table_cell(table, row, ColumnKey.TOTAL) if row is not None else None


QUANTITIES: dict[str, Getter] = {
    "收入总计": _t(TableKind.BUDGET_SUMMARY, lambda t: t.grand_total(Side.INCOME), income_key),
    "本年收入": _t(TableKind.BUDGET_SUMMARY, lambda t: t.total(Side.INCOME), income_key),
    "上年结转": _income(TableKind.BUDGET_SUMMARY, "carryover"),
    "一般公共预算收入": _income(TableKind.BUDGET_SUMMARY, "general"),
    "政府性基金收入": _income(TableKind.BUDGET_SUMMARY, "gov_fund"),
    "国有资本经营收入": _income(TableKind.BUDGET_SUMMARY, "state_capital"),
    "财政专户管理资金收入": _income(TableKind.BUDGET_SUMMARY, "fiscal_special"),
    "单位资金收入": _income(TableKind.BUDGET_SUMMARY, "unit_funds"),
    "财政拨款收入": _income(TableKind.BUDGET_SUMMARY, "fiscal"),
    "事业收入": _income(TableKind.BUDGET_SUMMARY, "business"),
    "事业单位经营收入": _income(TableKind.BUDGET_SUMMARY, "operating"),
    "其他收入": _income(TableKind.BUDGET_SUMMARY, "other"),
    "上年结转一般公共预算": _carried("general"),
    "上年结转政府性基金": _carried("gov_fund"),
    "上年结转国有资本经营": _carried("state_capital"),
    "支出总计": _t(TableKind.BUDGET_SUMMARY, lambda t: t.grand_total(Side.EXPENDITURE), expenditure_key),
    "当年预算安排": _t(TableKind.BUDGET_SUMMARY, lambda t: t.total(Side.EXPENDITURE), ColumnKey.CURRENT),
    "支出合计": _total(TableKind.EXPENDITURE_SUMMARY, ColumnKey.TOTAL),
    "基本支出": _total(TableKind.EXPENDITURE_SUMMARY, ColumnKey.BASIC),
    "项目支出": _total(TableKind.EXPENDITURE_SUMMARY, ColumnKey.PROJECT),
    "一般公共预算当年支出": _total(TableKind.GENERAL_EXPENDITURE, ColumnKey.TOTAL),
    "一般公共预算基本支出": _total(TableKind.GENERAL_EXPENDITURE, ColumnKey.BASIC),
    "一般公共预算项目支出": _total(TableKind.GENERAL_EXPENDITURE, ColumnKey.PROJECT),
    "财政拨款总计": _t(TableKind.FISCAL_SUMMARY, lambda t: t.grand_total(Side.INCOME), income_key),
    "财政拨款本年收入": _t(TableKind.FISCAL_SUMMARY, lambda t: t.total(Side.INCOME), income_key),
    "财政拨款上年结转": _income(TableKind.FISCAL_SUMMARY, "carryover"),
    "财政拨款支出总计": _t(TableKind.FISCAL_SUMMARY, lambda t: t.grand_total(Side.EXPENDITURE), expenditure_key),
    "财政拨款一般公共预算": _t(TableKind.FISCAL_SUMMARY, lambda t: t.grand_total(Side.EXPENDITURE), ColumnKey.GENERAL),
    "财政拨款政府性基金": _t(TableKind.FISCAL_SUMMARY, lambda t: t.grand_total(Side.EXPENDITURE), ColumnKey.GOV_FUND),
    "财政拨款国有资本经营": _t(
        TableKind.FISCAL_SUMMARY, lambda t: t.grand_total(Side.EXPENDITURE), ColumnKey.STATE_CAPITAL
    ),
    "经济分类合计": _total(TableKind.GENERAL_BASIC_ECON, ColumnKey.TOTAL),
    "人员经费": _total(TableKind.GENERAL_BASIC_ECON, ColumnKey.PERSONNEL),
    "公用经费": _total(TableKind.GENERAL_BASIC_ECON, ColumnKey.PUBLIC),
    "三公经费": _three("total"),
    "因公出国（境）费": _three("abroad"),
    "公务接待费": _three("reception"),
    "公务用车购置及运行费": _three("vehicle"),
    "公务用车购置费": _three("vehicle_purchase"),
    "公务用车运行维护费": _three("vehicle_operation"),
    "机关运行经费": _operation,
    "项目支出表合计": _top_projects,
}

F, P, G = {Topic.FISCAL}, {Topic.PERFORMANCE}, {Topic.GENERAL, Topic.GENERAL_BASIC}
PATTERNS: tuple[tuple[str, set[Topic] | None, tuple[str, ...]], ...] = (
    # the carry-over of one fund ("上年结转结余的一般公共预算收入"): its own row, or nothing
    (r"^上年结转(结余)?的?一般公共预算", None, ("上年结转一般公共预算",)),
    (r"^上年结转(结余)?的?政府性基金", None, ("上年结转政府性基金",)),
    (r"^上年结转(结余)?的?国有资本经营", None, ("上年结转国有资本经营",)),
    (r"^上年结转(结余)?的?(财政专户|单位资金|事业)", None, ()),
    # "涉及预算资金X万元，其中财政拨款Y万元": of all the projects, of those evaluated, or of the
    # whole budget (Yantai says each): the sentence does not say which table cell it restates
    (r"^财政拨款(资金)?$", P, ()),
    (r"(财政拨款)?收支总预算$|财政拨款收[支入]总计$", F, ("财政拨款总计",)),
    (r"收入总计$|^预算收入$|收入预算$|收入预算总计$|预算总收入$", None, ("收入总计",)),
    (r"一般公共预算财政拨款支出(预算)?$", None, ("一般公共预算当年支出",)),
    (r"财政拨款支出(预算)?$", None, ("财政拨款支出总计",)),
    (r"支出总计$|^支出预算$|^预算支出$|支出预算总计$|预算总支出$", None, ("支出总计", "支出合计")),
    (r"一般公共预算(当年|本年)拨款收入$", None, ("一般公共预算收入",)),
    (r"政府性基金(预算)?(当年|本年)拨款收入$", None, ("政府性基金收入",)),
    (r"国有资本经营(预算)?(当年|本年)拨款收入$", None, ("国有资本经营收入",)),
    (r"(当年|本年)拨款收入$", F, ("财政拨款本年收入", "一般公共预算当年支出")),
    (r"上年结转(收入|资金)?$", F, ("财政拨款上年结转", "上年结转")),
    (r"上年结转(收入|资金|安排)?(数为|数|为)?$", None, ("上年结转",)),
    (r"(本年|当年)收入$", None, ("本年收入",)),
    (r"(本年|当年)预算安排$|^本年支出$", None, ("当年预算安排", "本年收入")),
    (r"^一般公共预算(拨款)?$", F, ("财政拨款一般公共预算", "一般公共预算收入")),
    (r"^政府性基金(预算)?(拨款)?$", F, ("财政拨款政府性基金", "政府性基金收入")),
    (r"^国有资本经营(预算)?(拨款)?$", F, ("财政拨款国有资本经营", "国有资本经营收入")),
    (r"一般公共预算(拨款)?收入$", None, ("一般公共预算收入",)),
    (r"政府性基金(预算)?(拨款)?收入$", None, ("政府性基金收入",)),
    (r"国有资本经营(预算)?(拨款)?收入$", None, ("国有资本经营收入",)),
    (r"财政专户管理资金(收入)?$", None, ("财政专户管理资金收入",)),
    (r"^单位资金(收入)?$", None, ("单位资金收入",)),
    (r"^财政拨款(收入)?$", None, ("财政拨款收入",)),
    (r"事业单位经营收入$", None, ("事业单位经营收入",)),
    (r"^事业收入$", None, ("事业收入",)),
    (r"^其他收入$", None, ("其他收入",)),
    (r"一般公共预算(当年)?(拨款)?支出(预算)?$", None, ("一般公共预算当年支出",)),
    (r"政府性基金(预算)?(拨款)?支出(预算)?$", None, ("财政拨款政府性基金",)),
    (r"国有资本经营(预算)?(拨款)?支出(预算)?$", None, ("财政拨款国有资本经营",)),
    (r"人员经费$", None, ("人员经费",)),
    (r"公用经费$", None, ("公用经费",)),
    (r"基本支出$", G | P, ("一般公共预算基本支出", "经济分类合计")),
    (r"基本支出$", None, ("基本支出", "一般公共预算基本支出")),
    (r"项目支出$", P | {Topic.GENERAL}, ("一般公共预算项目支出", "项目支出表合计")),
    (r"项目支出$", None, ("项目支出", "一般公共预算项目支出")),
    (r"三公.{0,2}经费(财政拨款)?(预算)?(数|总额)?$", None, ("三公经费",)),
    (r"因公出国[(（]境[)）]费(用)?$", None, ("因公出国（境）费",)),
    (r"公务接待费$", None, ("公务接待费",)),
    (r"公务用车购置及运行(维护)?费$", None, ("公务用车购置及运行费",)),
    (r"(公务用车)?运行(维护)?费$", None, ("公务用车运行维护费",)),
    (r"(公务用车)?购置费$", None, ("公务用车购置费",)),
    (r"机关运行经费", None, ("机关运行经费",)),
    (r"部门预算资金$", P, ("一般公共预算当年支出", "本年收入")),
    (r"(共计金额|涉及项目金额|涉及资金)$", P, ("项目支出表合计", "一般公共预算项目支出")),
)
_COMPILED = tuple((re.compile(p), topics, names) for p, topics, names in PATTERNS)
_PREFIX = re.compile(
    r"^(?:\d+[.、．]|[（(]\d+[)）]|主要原因是|原因是|主要包括|主要用于以下方面|主要用于|其中|支出包括|包括|今年|本部门|本单位|我部门|我单位|的|：|:|\s)+"
)
NAME_LABEL = re.compile(r"([^（()“”\"]+)[（(]类[)）](?:([^（()]+)[（(]款[)）])?(?:([^（()]+)[（(]项[)）])?")
_CODE_LABEL = re.compile(r"[（(](\d{3})类[)）](?:.*?[（(](\d{2})款[)）])?(?:.*?[（(](\d{2})项[)）])?")
# A function code printed before its name with a dash: "204-公共安全支出", "2080505-机关事业单位基本…"
_DASHED_CODE = re.compile(r"(?<![\d.])(2\d\d(?:\d\d){0,2})\s*[-－—]\s*(?=\D)")
CLASS_TABLES = {
    Topic.FISCAL: (TableKind.FISCAL_SUMMARY,),
    Topic.GENERAL: (TableKind.GENERAL_EXPENDITURE,),
    Topic.BUDGET_NOTES: (TableKind.GENERAL_EXPENDITURE, TableKind.EXPENDITURE_SUMMARY),
}


def subject(label: str, d: Disclosure) -> str:
    """The thing a figure is of, from its label: without year, department and list words."""
    text = halfwidth(label).strip().strip('“”"')
    if d.department:
        text = text.replace(d.department, "")
    text = re.sub(r"^\d{4}年度?", "", text)
    text = _PREFIX.sub("", text)
    if d.department:
        text = text.replace(d.department, "")
    text = re.sub(r"^\d{4}年度?", "", text)
    return _PREFIX.sub("", text).strip().strip('“”"')


def _class_cell(d: Disclosure, code: str, topic: Topic) -> Term | None:
    kinds = CLASS_TABLES.get(topic, (TableKind.EXPENDITURE_SUMMARY, TableKind.BUDGET_SUMMARY))
    for kind in kinds:
        table = d.table(kind)
        if table is None:
            continue
        for row in table.rows:
            if row.code == code and row.role is RowRole.ITEM and row.side is not Side.INCOME:
                key = ColumnKey.TOTAL if row.has(ColumnKey.TOTAL) else expenditure_key(table)
                if key:
                    return table_cell(table, row, key)
    return None


def subject_key(name: str) -> str:
    """A subject's name for matching: `name_key`, and 其它 written as 其他 (both are printed)."""
    return name_key(name).replace("其它", "其他")


def code_by_names(d: Disclosure, names: tuple[str | None, ...]) -> str | None:
    """The function code that "X（类）Y（款）Z（项）" names, looked up in the package's own tables."""
    klass, kuan, xiang = (subject_key(n) if n else None for n in names)
    class_code = function_class_by_name().get(klass or "")
    if class_code is None:
        return None
    rows = [r for t in d.tables for r in t.rows if r.code and r.code.startswith(class_code)]
    named = {r.code: subject_key(r.name) for r in rows if r.code}
    wanted = xiang or kuan
    level = 7 if xiang else 5
    if wanted is None:
        return class_code
    for code, name in named.items():
        if len(code) == level and name == wanted and (kuan is None or level == 5 or named.get(code[:5]) == kuan):
            return code
    return None


def resolve(label: str, topic: Topic, d: Disclosure) -> list[tuple[str, Term]]:
    """The table cells a narrative label can mean, most likely first."""
    text = subject(label, d)
    if re.match(r"^上年结转(结余)?的(?!一般公共预算|政府性基金|国有资本经营)", text):
        return []  # "上年结转结余的财政专户收入": the carry-over of a fund no quantity names (PATTERNS has the others)
    m = _CODE_LABEL.search(halfwidth(label))
    code = "".join(g for g in m.groups() if g) if m else None
    if code is None and (dashed := _DASHED_CODE.search(halfwidth(label))):
        code = dashed.group(1)  # "（五）2069999-其他科学技术支出" (Fuzhou)
    if code is None and (n := NAME_LABEL.search(halfwidth(label))):
        code = code_by_names(d, n.groups())
    if code is not None:
        found = _class_cell(d, code, topic)
        return [(code, found)] if found else []
    for pattern, topics, names in _COMPILED:
        if (topics is None or topic in topics) and pattern.search(text):
            return [(n, c) for n in names if (c := QUANTITIES[n](d)) is not None]
    for name, code in function_class_by_name().items():
        if text.endswith(name) and len(name) >= 4:
            found = _class_cell(d, code, topic)
            return [(code, found)] if found else []
    return []
