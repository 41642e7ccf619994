"""Ledger → the 情况说明 sections 一…十二: every figure computed from the tables, the reasons inserted.

Figures are the printed 万元 figures of the tables (so a reader can recompute every share and
change from the package itself); shares and rates are rounded half-up to two decimals. The reasons
(变动原因) are the texts a person wrote in the facts file, keyed by topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import (
    ZERO,
    Assets,
    ColumnKey,
    Paragraph,
    Procurement,
    Quantity,
    Section,
    Source,
    Table,
    TableKind,
    Topic,
)
from ..model.ledger import BudgetPeriod, Ledger, LineItem, ProcurementKind, ProjectCategory
from ..reference import dept_econ
from ..text import chinese_number, one_line, text_to_figures
from .money import change_text, percent_text, share, signed_change, wan_text, yuan_to_wan
from .tables import Context, org_operation_items

SECTION_TITLES: tuple[tuple[str, Topic], ...] = (
    ("部门预算收支数据变动情况及原因", Topic.CHANGES),
    ("收入预算情况说明", Topic.INCOME),
    ("支出预算情况说明", Topic.EXPENDITURE),
    ("财政拨款收支预算总体情况说明", Topic.FISCAL),
    ("一般公共预算支出情况说明", Topic.GENERAL),
    ("一般公共预算基本支出情况说明", Topic.GENERAL_BASIC),
    ("“三公”经费增减变动原因说明", Topic.THREE_PUBLIC),
    ("机关运行经费增减变动原因说明", Topic.ORG_OPERATION),
    ("政府采购情况", Topic.PROCUREMENT),
    ("绩效管理情况", Topic.PERFORMANCE),
    ("国有资产占有使用情况", Topic.ASSETS),
    ("其他说明", Topic.OTHER),
)


@dataclass(frozen=True, slots=True)
class Printed:
    """The printed figures of the tables that the narrative restates (万元)."""

    income_total: Decimal  # 表1 收入总计
    income_current: Decimal  # 表1 本年收入合计
    carryover: Decimal  # 表1 上年结转
    by_source: tuple[tuple[str, Decimal], ...]  # 表1 income rows (fund source key, amount)
    basic: Decimal  # 表3 合计 基本支出
    project: Decimal  # 表3 合计 项目支出
    fiscal_total: Decimal  # 表4 支出总计
    fiscal_by_budget: tuple[tuple[str, Decimal], ...]
    fiscal_current: Decimal
    fiscal_carryover: Decimal
    fiscal_by_class: tuple[tuple[str, Decimal], ...]  # 表4 类 rows with a total
    general_total: Decimal  # 表5 合计
    general_basic_current: Decimal  # 表5 合计 基本支出
    general_project: Decimal  # 表5 合计 项目支出
    general_by_class: tuple[tuple[str, Decimal], ...]
    general_basic: Decimal  # 表6 合计
    personnel: Decimal
    public: Decimal


def _amount(table: Table | None, key: str, row_key: str | None = None, role: str = "total") -> Decimal:
    if table is None:
        return ZERO
    for row in table.rows:
        if row_key is not None and row.key == row_key:
            return row.amount(key)
        if row_key is None and row.role.value == role and row.has(key):
            return row.amount(key)
    return ZERO


def printed_figures(tables: Sequence[Table]) -> Printed:
    by_kind = {t.kind: t for t in tables}
    t1 = by_kind[TableKind.BUDGET_SUMMARY]
    t3 = by_kind[TableKind.EXPENDITURE_SUMMARY]
    t4 = by_kind[TableKind.FISCAL_SUMMARY]
    t5 = by_kind[TableKind.GENERAL_EXPENDITURE]
    t6 = by_kind[TableKind.GENERAL_BASIC_ECON]
    income_rows = [r for r in t1.rows if r.side is not None and r.side.value == "income"]
    grand = next(
        r for r in t4.rows if r.role.value == "grand_total" and r.side is not None and r.side.value == "expenditure"
    )
    return Printed(
        income_total=next(r.amount(ColumnKey.AMOUNT) for r in income_rows if r.role.value == "grand_total"),
        income_current=next(r.amount(ColumnKey.AMOUNT) for r in income_rows if r.role.value == "total"),
        carryover=next(r.amount(ColumnKey.AMOUNT) for r in income_rows if r.key == "carryover"),
        by_source=tuple(
            (r.key or "", r.amount(ColumnKey.AMOUNT))
            for r in income_rows
            if r.role.value == "item" and r.key != "carryover"
        ),
        basic=_amount(t3, ColumnKey.BASIC),
        project=_amount(t3, ColumnKey.PROJECT),
        fiscal_total=grand.amount(ColumnKey.TOTAL),
        fiscal_by_budget=tuple(
            (k, grand.amount(k)) for k in (ColumnKey.GENERAL, ColumnKey.GOV_FUND, ColumnKey.STATE_CAPITAL)
        ),
        fiscal_current=next(
            r.amount(ColumnKey.AMOUNT)
            for r in t4.rows
            if r.side is not None and r.side.value == "income" and r.role.value == "total"
        ),
        fiscal_carryover=next(r.amount(ColumnKey.AMOUNT) for r in t4.rows if r.key == "carryover"),
        fiscal_by_class=tuple(
            (r.name.split("、", 1)[-1], r.amount(ColumnKey.TOTAL))
            for r in t4.rows
            if r.code and r.value(ColumnKey.TOTAL) is not None
        ),
        general_total=_amount(t5, ColumnKey.TOTAL),
        general_basic_current=_amount(t5, ColumnKey.BASIC),
        general_project=_amount(t5, ColumnKey.PROJECT),
        general_by_class=tuple((r.name, r.amount(ColumnKey.TOTAL)) for r in t5.rows if r.code and len(r.code) == 3),
        general_basic=_amount(t6, ColumnKey.TOTAL),
        personnel=_amount(t6, ColumnKey.PERSONNEL),
        public=_amount(t6, ColumnKey.PUBLIC),
    )


_SOURCE_WORDS = (
    ("general", "一般公共预算拨款收入"),
    ("gov_fund", "政府性基金预算拨款收入"),
    ("state_capital", "国有资本经营预算拨款收入"),
    ("fiscal_special", "财政专户管理资金收入"),
    ("unit_funds", "单位资金"),
)
_BUDGET_WORDS = (
    (ColumnKey.GENERAL, "一般公共预算拨款"),
    (ColumnKey.GOV_FUND, "政府性基金预算拨款"),
    (ColumnKey.STATE_CAPITAL, "国有资本经营预算拨款"),
)


def _section(number: int, title: str, topic: Topic, texts: Sequence[str], source: Source) -> Section:
    paragraphs = []
    for text in texts:
        line = one_line(text)
        if line:
            paragraphs.append(Paragraph(line, source, text_to_figures(line, source)))
    return Section(chinese_number(number), title, topic, tuple(paragraphs), source)


def _reason(ledger: Ledger, key: str, lead: str = "主要原因是：") -> str:
    text = one_line(ledger.facts.reason(key))
    if not text:
        return ""
    return text if text.startswith(("主要", "原因")) else lead + text


def _sentence(*parts: str) -> str:
    """Clauses joined with "，" and closed with "。" (empty clauses left out)."""
    body = "，".join(p.rstrip("。；，") for p in parts if p)
    return body + "。" if body else ""


def changes(ledger: Ledger, p: Printed) -> list[str]:
    """一: 收入总计 and 支出总计 against last year, and the changes of 基本支出, 项目支出, 上年结转."""
    f = ledger.facts
    dept, year = f.department, f.year
    last = f.last_year
    label = "上年"

    def versus(current: Decimal, key: str) -> str:
        value = last.total(key) if last is not None else None
        return "" if value is None else change_text(current, value, label)

    income = _sentence(
        f"{year}年度{dept}预算收入总计{wan_text(p.income_total)}",
        f"其中：本年收入{wan_text(p.income_current)}",
        f"上年结转{wan_text(p.carryover)}",
        versus(p.income_total, "income_total"),
        _reason(ledger, "changes"),
    )
    expenditure_last = (
        "expenditure_total" if last is not None and last.total("expenditure_total") is not None else "income_total"
    )
    expenditure = _sentence(
        f"{year}年度{dept}预算支出总计{wan_text(p.income_total)}",
        f"其中：本年预算安排{wan_text(p.income_current)}",
        f"上年结转{wan_text(p.carryover)}",
        versus(p.income_total, expenditure_last),
    )
    details: list[str] = []
    # 基本支出 and 项目支出 of this year's 一般公共预算 (表5), as last year's figures are
    for what, value, key in (
        ("基本支出", p.general_basic_current, "basic"),
        ("项目支出", p.general_project, "project"),
        ("上年结转", p.carryover, "carryover"),
    ):
        versus_text = versus(value, key)
        if versus_text:
            number = len(details) + 1
            details.append(
                _sentence(f"{number}.{what}{wan_text(value)}", versus_text, _reason(ledger, key, "原因是："))
            )
    return [income, *details, expenditure]


def income(ledger: Ledger, p: Printed) -> list[str]:
    f = ledger.facts
    parts = [f"{f.year}年度{f.department}预算收入{wan_text(p.income_total)}"]
    amounts = dict(p.by_source)
    clauses = [
        f"{word}{wan_text(amounts.get(key, ZERO))}，占{percent_text(share(amounts.get(key, ZERO), p.income_total))}"
        for key, word in _SOURCE_WORDS
    ]
    clauses.append(f"上年结转{wan_text(p.carryover)}，占{percent_text(share(p.carryover, p.income_total))}")
    return [f"{parts[0]}，主要包括" + "；".join(clauses) + "。"]


def expenditure(ledger: Ledger, p: Printed) -> list[str]:
    f = ledger.facts
    total = p.income_total
    return [
        f"{f.year}年度{f.department}支出预算{wan_text(total)}，其中：基本支出{wan_text(p.basic)}，"
        f"占{percent_text(share(p.basic, total))}；项目支出{wan_text(p.project)}，"
        f"占{percent_text(share(p.project, total))}。"
    ]


def fiscal(ledger: Ledger, p: Printed) -> list[str]:
    f = ledger.facts
    budgets = dict(p.fiscal_by_budget)
    by_budget = "，".join(f"{word}{wan_text(budgets.get(key, ZERO))}" for key, word in _BUDGET_WORDS)
    spending = "、".join(f"{name}{wan_text(v)}" for name, v in p.fiscal_by_class)
    text = (
        f"{f.year}年度{f.department}财政拨款收支总预算{wan_text(p.fiscal_total)}。其中：{by_budget}。"
        f"其中：当年拨款收入{wan_text(p.fiscal_current)}，上年结转收入{wan_text(p.fiscal_carryover)}。"
    )
    if spending:
        text += f"支出包括：{spending}。"
    return [text]


def general(ledger: Ledger, p: Printed) -> list[str]:
    f = ledger.facts
    last = f.last_year.total("general_current") if f.last_year else None
    scale = _sentence(
        f"{f.year}年度{f.department}一般公共预算当年支出{wan_text(p.general_total)}",
        change_text(p.general_total, last) if last is not None else "",
        _reason(ledger, "general"),
    )
    structure = "；".join(
        f"{name}{wan_text(v)}，占{percent_text(share(v, p.general_total))}" for name, v in p.general_by_class
    )
    lines = ["（一）一般公共预算当年支出规模变化情况", scale, "（二）一般公共预算当年支出结构情况"]
    if structure:
        lines.append(
            f"{f.year}年度{f.department}一般公共预算当年支出{wan_text(p.general_total)}，主要用于以下方面：{structure}。"
        )
    return lines


def general_basic(ledger: Ledger, p: Printed) -> list[str]:
    """六: 基本支出 = 人员经费 + 公用经费, each with the 款 it consists of (in code order)."""
    f = ledger.facts
    names: dict[str, list[str]] = {"personnel": [], "public": []}
    seen: set[tuple[str, str]] = set()
    for item in sorted(ledger.items, key=lambda i: i.dept_econ):
        if item.nature.is_basic and item.period is BudgetPeriod.CURRENT and item.fund.key == "general" and item.amount:
            key = "personnel" if item.nature.value == "人员经费" else "public"
            if (key, item.dept_econ) not in seen:
                seen.add((key, item.dept_econ))
                names[key].append(_econ_name(item.dept_econ))
    return [
        f"{f.year}年度{f.department}一般公共预算安排基本支出{wan_text(p.general_basic)}，其中："
        + _listing("人员经费", p.personnel, names["personnel"], "；")
        + _listing("公用经费", p.public, names["public"], "。")
    ]


def _listing(what: str, amount: Decimal, names: list[str], end: str) -> str:
    if not names:
        return f"{what}{wan_text(amount)}{end}"
    return f"{what}{wan_text(amount)}，主要包括：{'、'.join(names)}{end}"


def _econ_name(code: str) -> str:
    return dept_econ().get(code, code)


_THREE_LABELS = (
    ("abroad", "因公出国（境）费"),
    ("reception", "公务接待费"),
    ("vehicle", "公务用车购置及运行费"),
)
_VEHICLE_LABELS = (("vehicle_operation", "公务用车运行维护费"), ("vehicle_purchase", "公务用车购置费"))


def three_public(ledger: Ledger, tables: Sequence[Table]) -> list[str]:
    f = ledger.facts
    t10 = next(t for t in tables if t.kind is TableKind.THREE_PUBLIC)
    now = {r.key or "total": r.amount(ColumnKey.TOTAL) for r in t10.rows}
    last = f.last_year
    ly = last.year if last else f.year - 1
    previous: dict[str, Decimal] | None = None
    if last is not None and last.three_public:
        previous = {k: v for k, v in last.three_public}
        previous["vehicle"] = previous.get("vehicle_purchase", ZERO) + previous.get("vehicle_operation", ZERO)
        previous["total"] = sum((previous.get(k, ZERO) for k, _ in _THREE_LABELS), ZERO)

    def against(key: str) -> str:
        if previous is None:
            return ""
        return change_text(now.get(key, ZERO), previous.get(key, ZERO), f"{ly}年预算数")

    head = _sentence(
        f"{f.year}年{f.department}财政拨款安排的“三公”经费预算{wan_text(now.get('total', ZERO))}", against("total")
    )

    def parts(labels: tuple[tuple[str, str], ...]) -> str:
        return "；".join(
            _sentence(f"{label}{wan_text(now.get(key, ZERO))}", against(key)).rstrip("。") for key, label in labels
        )

    # The vehicle breakdown is a sentence of its own: its items are parts of 公务用车购置及运行费,
    # not further parts of the total.
    text = head + "其中：" + parts(_THREE_LABELS) + "。" + parts(_VEHICLE_LABELS) + "。"
    reason = _reason(ledger, "three_public")
    return [text + (reason.rstrip("。") + "。" if reason else "")]


def org_operation(ledger: Ledger, tables: Sequence[Table]) -> list[str]:
    f = ledger.facts
    t11 = next(t for t in tables if t.kind is TableKind.ORG_OPERATION)
    total = next((r.amount(ColumnKey.TOTAL) for r in t11.rows if r.role.value == "total"), ZERO)
    last = f.last_year
    text = f"本部门{f.year}年机关运行经费财政拨款预算{wan_text(total)}"
    if last is not None and last.org_operation is not None:
        text += "，" + change_text(total, last.org_operation, f"{last.year}年预算")
        components = _org_components(ledger)
        if components:
            text += "，主要是" + "，".join(components)
    reason = _reason(ledger, "org_operation", "原因是：")
    return [_sentence(text, reason)]


def _org_components(ledger: Ledger) -> list[str]:
    """Changes of 机关运行经费 by 部门经济科目 款 against last year's figures (万元)."""
    last = ledger.facts.last_year
    if last is None or not last.org_operation_items:
        return []
    now: dict[str, Decimal] = {}
    for item in org_operation_items(ledger):
        now[item.dept_econ] = now.get(item.dept_econ, ZERO) + item.amount
    printed = {code: yuan_to_wan(v) for code, v in now.items()}
    before = dict(last.org_operation_items)
    out = []
    for code in sorted(set(printed) | set(before)):
        current, previous = printed.get(code, ZERO), before.get(code, ZERO)
        if current != previous:
            out.append(signed_change(_econ_name(code), current, previous))
    return out


def procurement_of(ledger: Ledger) -> dict[str, Decimal]:
    """政府采购预算 (万元, printed): total and by kind, from the flagged current-year lines."""
    sums: dict[str, Decimal] = {k.value: ZERO for k in ProcurementKind}
    for item in ledger.items:
        if item.procurement is not None and item.period is BudgetPeriod.CURRENT:
            sums[item.procurement.value] += item.amount
    printed = {k: yuan_to_wan(v) for k, v in sums.items()}
    printed["total"] = yuan_to_wan(sum(sums.values(), ZERO))
    return printed


def procurement(ledger: Ledger) -> tuple[list[str], Procurement]:
    f = ledger.facts
    p = procurement_of(ledger)
    text = (
        f"本部门{f.year}年政府采购预算总额{wan_text(p['total'])}。其中：政府采购货物预算{wan_text(p['货物'])}、"
        f"政府采购工程预算{wan_text(p['工程'])}、政府采购服务预算{wan_text(p['服务'])}。"
    )
    source = Source(ledger.file)
    unit = "万元"
    result = Procurement(
        total=Quantity(p["total"], unit, source),
        goods=Quantity(p["货物"], unit, source),
        works=Quantity(p["工程"], unit, source),
        services=Quantity(p["服务"], unit, source),
        source=source,
    )
    return [text], result


@dataclass(frozen=True, slots=True)
class ProjectCounts:
    """Counts and amounts (万元, printed) of the current-year projects and of those with forms."""

    count: int
    amount: Decimal
    by_category: tuple[tuple[ProjectCategory, int, Decimal], ...]
    published: int
    published_amount: Decimal
    published_by_category: tuple[tuple[ProjectCategory, int, Decimal], ...]


def project_counts(ledger: Ledger, with_forms: set[str]) -> ProjectCounts:
    projects: dict[str, list[LineItem]] = {}
    for item in ledger.items:
        if item.project_code and item.period is BudgetPeriod.CURRENT:
            projects.setdefault(item.project_code, []).append(item)

    def tally(codes: list[str]) -> tuple[int, Decimal, tuple[tuple[ProjectCategory, int, Decimal], ...]]:
        total = sum((i.amount for c in codes for i in projects[c]), ZERO)
        split = []
        for category in ProjectCategory:
            chosen = [c for c in codes if projects[c][0].category is category]
            split.append(
                (category, len(chosen), yuan_to_wan(sum((i.amount for c in chosen for i in projects[c]), ZERO)))
            )
        return len(codes), yuan_to_wan(total), tuple(split)

    every = list(projects)
    count, amount, by_category = tally(every)
    published, published_amount, published_by_category = tally([c for c in every if c in with_forms])
    return ProjectCounts(count, amount, by_category, published, published_amount, published_by_category)


def performance(ledger: Ledger, p: Printed, counts: ProjectCounts, has_overall: bool) -> list[str]:
    f = ledger.facts
    units = len(f.units)
    lines = ["1、整体绩效目标"]
    # the department's overall targets cover this year's 一般公共预算 (表5), as its form does
    current_basic, current_project, current_total = p.general_basic_current, p.general_project, p.general_total
    if has_overall:
        lines.append(
            f"{f.year}年编报部门整体支出绩效目标，涉及部门预算资金{wan_text(current_total)}，其中基本支出"
            f"{wan_text(current_basic)}，项目支出{wan_text(current_project)}；机关及下属预算单位{units}个，"
            f"均纳入部门整体支出绩效目标。"
        )
    else:
        lines.append(f"{f.year}年本部门未编报部门整体支出绩效目标。")
    lines.append("2、项目绩效目标")
    split = "；".join(f"{c.value}项目{n}个，涉及金额{wan_text(a)}" for c, n, a in counts.by_category)
    published_split = "；".join(
        f"{c.value}项目{n}个，涉及项目金额{wan_text(a)}" for c, n, a in counts.published_by_category
    )
    lines.append(
        f"{f.year}年{f.department}纳入绩效目标管理的二级项目{counts.count}个，共计金额{wan_text(counts.amount)}。"
        f"其中：{split}。公开项目绩效目标{counts.published}个，涉及项目金额{wan_text(counts.published_amount)}，"
        f"占部门（单位）项目支出总额的{percent_text(share(counts.published_amount, counts.amount))}。"
        f"其中：{published_split}。"
    )
    if counts.published:
        lines.append("（项目绩效目标表附后）")
    return lines


def assets(ledger: Ledger) -> tuple[list[str], Assets | None]:
    f = ledger.facts
    a = f.assets
    dept = f.department
    when = f"截至{a.as_of}，" if a.as_of else ""
    source = Source(ledger.file)
    lines: list[str] = []
    quota = actual = area = None
    by_use = []
    equipment = []
    if a.vehicles is not None or a.vehicles_quota is not None:
        lines.append("1、车辆情况：")
        clauses = []
        if a.vehicles_quota is not None:
            clauses.append(f"{when}{dept}共有公务用车编制{a.vehicles_quota}辆")
            quota = Quantity(Decimal(a.vehicles_quota), "辆", source)
        if a.vehicles is not None:
            clauses.append(f"实有{a.vehicles}辆" if clauses else f"{when}{dept}实有公务用车{a.vehicles}辆")
            actual = Quantity(Decimal(a.vehicles), "辆", source)
        text = "，".join(clauses)
        if a.vehicles_by_use:
            text += "，其中：" + "，".join(f"{label}{n}辆" for label, n in a.vehicles_by_use)
            by_use = [(label, Quantity(Decimal(n), "辆", source)) for label, n in a.vehicles_by_use]
        lines.append(text + "。")
    if a.office_area is not None:
        lines.append("2、房屋情况：")
        lines.append(f"{when}{dept}使用的办公用房建筑总面积{a.office_area}平方米。")
        area = Quantity(a.office_area, "平方米", source)
    if a.equipment:
        lines.append("3、其他国有资产占有使用情况：")
        clauses = [f"{dept}占有使用价值{threshold}（原值）以上的通用设备{n}台（套）" for threshold, n in a.equipment]
        lines.append(when + "；".join(clauses) + "。")
        equipment = [
            (f"{threshold}以上通用设备", Quantity(Decimal(n), "台（套）", source)) for threshold, n in a.equipment
        ]
    if not lines:
        return [f"{dept}本年度无需要说明的国有资产占有使用情况。"], None
    return lines, Assets(
        as_of=a.as_of,
        vehicles_quota=quota,
        vehicles=actual,
        vehicles_by_use=tuple(by_use),
        office_area=area,
        equipment=tuple(equipment),
        source=source,
    )


def other(ledger: Ledger) -> list[str]:
    lines = []
    for heading, text in ledger.facts.other_notes:
        lines.append(one_line(heading))
        if one_line(text):
            lines.append(one_line(text))
    return lines or ["本部门本年度没有需要说明的其他情况。"]


def ledger_to_sections(
    ctx: Context, tables: Sequence[Table], with_forms: set[str], has_overall: bool
) -> tuple[tuple[Section, ...], Procurement, Assets | None, ProjectCounts]:
    ledger = ctx.ledger
    p = printed_figures(tables)
    counts = project_counts(ledger, with_forms)
    procurement_lines, procurement_part = procurement(ledger)
    asset_lines, asset_part = assets(ledger)
    bodies = (
        changes(ledger, p),
        income(ledger, p),
        expenditure(ledger, p),
        fiscal(ledger, p),
        general(ledger, p),
        general_basic(ledger, p),
        three_public(ledger, tables),
        org_operation(ledger, tables),
        procurement_lines,
        performance(ledger, p, counts, has_overall),
        asset_lines,
        other(ledger),
    )
    source = Source(ledger.file)
    sections = tuple(
        _section(n, title, topic, body, source)
        for n, ((title, topic), body) in enumerate(zip(SECTION_TITLES, bodies, strict=True), start=1)
    )
    return sections, procurement_part, asset_part, counts
