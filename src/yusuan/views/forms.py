"""Ledger → the performance-target forms: the department's overall form and one form per project.

Project amounts are the exact 元 sums of the project's current-year lines, split by the level of
government the money comes from; the overall form's 资金管理 block is in 万元 (printed figures).
Targets, texts and indicators come from the facts file.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..ledger.facts import OVERALL_TEXTS, PROJECT_TEXTS
from ..model import (
    ZERO,
    Amount,
    FundingSplit,
    FundLine,
    Indicator,
    OverallForm,
    Period,
    ProjectForm,
    Signature,
    Source,
)
from ..model.ledger import BudgetPeriod, FundLevel, FundSource, Ledger, LineItem, ProjectTargets
from ..model.ledger import Signature as FactSignature
from ..text import one_line
from .money import yuan_to_wan
from .parts import form_region

# The overall form's texts as the form prints their labels (the facts name them shorter).
PRINTED_TEXTS = {"中长期战略目标": "部门(单位)中长期战略目标"}


def project_form_title(ledger: Ledger) -> str:
    return f"{form_region(ledger)}{ledger.facts.level.word}预算部门（单位）项目支出绩效目标申报表"


def overall_form_title(ledger: Ledger) -> str:
    return f"{form_region(ledger)}{ledger.facts.level.word}预算部门（单位）整体支出绩效目标申报表"


def _signature(base: FactSignature, overrides: tuple[tuple[str, str], ...] = ()) -> Signature:
    values = {"responsible": base.responsible, "handler": base.handler, "phone": base.phone, "date": base.date}
    values.update(dict(overrides))
    return Signature(values["responsible"], values["handler"], values["phone"], values["date"])


def _split(total: Decimal, by_level: dict[FundLevel, Decimal], source: Source, period: str) -> FundingSplit:
    def amount(key: str, value: Decimal) -> Amount:
        return Amount(value, source.at(column=f"{period}.{key}"))

    parts = {level.key: amount(level.key, by_level.get(level, ZERO)) for level in FundLevel}
    return FundingSplit(total=amount("total", total), **parts)


def project_lines(ledger: Ledger) -> dict[str, list[LineItem]]:
    """Current-year lines of each project, by project code, in ledger order."""
    found: dict[str, list[LineItem]] = defaultdict(list)
    for item in ledger.items:
        if item.project_code and item.period is BudgetPeriod.CURRENT:
            found[item.project_code].append(item)
    return found


def project_form(ledger: Ledger, targets: ProjectTargets, lines: list[LineItem]) -> ProjectForm:
    f = ledger.facts
    source = Source(ledger.file)
    by_level: dict[FundLevel, Decimal] = defaultdict(lambda: ZERO)
    for item in lines:
        by_level[item.fund_level] += item.amount
    annual_total = sum(by_level.values(), ZERO)
    implementation_total = targets.implementation_total if targets.implementation_total is not None else annual_total
    implementation_levels = dict(by_level)
    if implementation_total != annual_total:  # a longer project: the years after this one count as local money
        implementation_levels[FundLevel.LOCAL] = implementation_levels.get(FundLevel.LOCAL, ZERO) + (
            implementation_total - annual_total
        )
    texts = dict(targets.texts)
    indicators: list[Indicator] = []
    for ind in targets.indicators:
        indicators.append(Indicator(ind.level1, ind.level2, ind.name, ind.value, Period.IMPLEMENTATION, source))
        annual = ind.annual_value if ind.annual_value is not None else ind.value
        indicators.append(Indicator(ind.level1, ind.level2, ind.name, annual, Period.ANNUAL, source))
    goal = one_line(targets.goal)
    return ProjectForm(
        title=project_form_title(ledger),
        year_label=f.year,
        name=lines[0].project or "",
        department_code=f.department_code,
        department=f.department if f.department_code else None,
        implementing_unit=lines[0].unit,
        attribute=targets.attribute,
        duration=targets.duration,
        implementation=_split(implementation_total, implementation_levels, source, "implementation"),
        annual=_split(annual_total, by_level, source, "annual"),
        texts=tuple((label, one_line(texts.get(label, ""))) for label in PROJECT_TEXTS),
        goal_implementation=goal,
        goal_annual=one_line(targets.annual_goal) if targets.annual_goal else goal,
        indicators=tuple(indicators),
        signature=_signature(f.signature, targets.signature),
        source=source,
    )


def project_forms(ledger: Ledger) -> tuple[ProjectForm, ...]:
    """One form per current-year project that has targets, units in the facts' order."""
    lines = project_lines(ledger)
    order = [u.name for u in ledger.facts.units]
    forms = []
    for code in sorted(lines, key=lambda c: order.index(lines[c][0].unit)):
        targets = ledger.facts.targets(code)
        if targets is not None:
            forms.append(project_form(ledger, targets, lines[code]))
    return tuple(forms)


def _fund_line(name: str, values: tuple[Decimal | None, ...], source: Source) -> FundLine:
    """A 资金管理 line: 上年度预算, 上年度决算, 本年度申请资金 (a figure not known stays blank)."""
    keys = ("last_budget", "last_final", "requested")
    amounts = [
        None if v is None else Amount(v, source.at(column=f"funds.{k}")) for v, k in zip(values, keys, strict=True)
    ]
    return FundLine(name, amounts[0], amounts[1], amounts[2])


def overall_form(ledger: Ledger) -> OverallForm | None:
    """The department's 整体支出绩效目标申报表, when the facts give its targets."""
    f = ledger.facts
    o = f.overall
    if not (o.texts or o.duties_indicators or o.effect_indicators or o.satisfaction or o.facts):
        return None
    source = Source(ledger.file)
    given = dict(o.texts)
    texts = [(PRINTED_TEXTS.get(key, key), one_line(given.get(key, ""))) for key in OVERALL_TEXTS]
    if o.duties_tasks:
        texts.append(("职责履行·预期事项", one_line(o.duties_tasks)))
    if o.effect_tasks:
        texts.append(("履职效益·预期事项", one_line(o.effect_tasks)))
    if o.organisation:
        texts.append(("组织机构", one_line(o.organisation)))
    if o.rules:
        texts.append(("相关管理制度", one_line(o.rules)))
    texts.append(("其他需要说明的情况", one_line(o.other)))
    indicators = [Indicator("职责履行", "", n, v, Period.ANNUAL, source) for n, v in o.duties_indicators]
    indicators += [Indicator("履职效益", "", n, v, Period.ANNUAL, source) for n, v in o.effect_indicators]
    indicators += [Indicator("满意度", "服务对象满意度指标", n, v, Period.ANNUAL, source) for n, v in o.satisfaction]
    # 本年度申请资金: this year's 一般公共预算 (表5 合计), as the narrative's 十 states it
    current = [i for i in ledger.items if i.period is BudgetPeriod.CURRENT and i.fund is FundSource.GENERAL]
    requested = (
        yuan_to_wan(sum((i.amount for i in current), ZERO)),
        yuan_to_wan(sum((i.amount for i in current if i.nature.is_basic), ZERO)),
        yuan_to_wan(sum((i.amount for i in current if not i.nature.is_basic), ZERO)),
    )
    last_budget = o.last_budget if any(v is not None for v in o.last_budget) else _last_budget(ledger)
    funds = tuple(
        _fund_line(name, (last_budget[k], o.last_final[k], requested[k]), source)
        for k, name in enumerate(("合计", "1 基本支出", "2 项目支出"))
    )
    return OverallForm(
        title=overall_form_title(ledger),
        year_label=f.year,
        department=f.department,
        facts=_overall_facts(ledger),
        texts=tuple(texts),
        indicators=tuple(indicators),
        funds=funds,
        signature=_signature(f.signature),
        source=source,
    )


def _last_budget(ledger: Ledger) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """上年度预算 (合计, 基本, 项目) from last year's figures when the facts give no other."""
    last = ledger.facts.last_year
    if last is None:
        return (None, None, None)
    total = last.total("income_current") or last.total("general_current")
    return (total, last.total("basic"), last.total("project"))


def _overall_facts(ledger: Ledger) -> tuple[tuple[str, str], ...]:
    """单位基本情况: 内设机构数 and 直属单位数 from the 概况 unless given, then the facts' own lines."""
    f = ledger.facts
    given = [(k, v) for k, v in f.overall.facts if v]
    labels = {k for k, _ in given}
    derived = []
    count = f.office_count if f.office_count is not None else (len(f.offices) or None)
    if "内设机构数" not in labels and count is not None:
        derived.append(("内设机构数", str(count)))
    if "直属单位数" not in labels and f.named_units:
        derived.append(("直属单位数", str(len(f.named_units))))
    return tuple(derived + given)
