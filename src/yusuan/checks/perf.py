"""Performance-target forms against the tables and the narrative.

Every project of the 项目支出表 should have a form when the narrative says all are published; each
form's 年度资金总额 (元) is the 项目支出表 row (万元) written to the yuan; its funding split adds up
and fits the project's name (中央/省/市县); the overall form's 资金管理 block restates the tables and
adds up; staffing arithmetic on the overall form holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import ZERO, ColumnKey, Disclosure, Severity, TableKind, Topic, Unit
from ..model.performance import Amount, ProjectForm
from ..text import compact, halfwidth
from .arith import Identity, Status, Term, amount_cell, evaluate, fmt
from .matching import annual, form_key, form_matches, form_wan, project_rows, unit_of
from .quantities import QUANTITIES, resolve, subject
from .registry import Flag, flag, rule
from .statements import Role, Stated, section_claims, section_items
from .tables import table_cell


def form_cell(amount: Amount, label: str, unit: Unit | None = None) -> Term:
    """A form's amount as a term, in the form's unit (元 unless it prints another)."""
    return amount_cell(amount.value, unit or Unit.YUAN, amount.source, label)


@rule(
    "perf.amount-vs-t12",
    Severity.ERROR,
    "项目绩效目标表年度资金 ↔ 项目支出表",
    "项目绩效目标表的年度资金总额（元）与项目支出表（万元）是同一笔资金：换算为万元并四舍五入后应相等",
    "项目“{name}”绩效目标表年度资金总额 {left_value} {unit}，"
    "{other} 为 {table_value} 万元（即 {right_value} {unit}），相差 {diff} {unit}",
    "项目“工作经费”绩效目标表年度资金总额 350000.00 元，"
    "表12“工作经费”合计 为 53.00 万元（即 530000.00 元），相差 180000.00 元",
)
def amount_vs_t12(d: Disclosure) -> Iterator[Identity]:
    table = d.table(TableKind.PROJECT_CURRENT)
    if table is None:
        return
    matches = form_matches(d)
    unmatched_rows = [r for r in project_rows(table) if all(m.row is not r or not m.amount_ok for m in matches)]
    for m in matches:
        amount = annual(m.form)
        if m.row is None or amount is None or (right := table_cell(table, m.row, ColumnKey.TOTAL)) is None:
            continue
        mine = form_cell(amount, f"项目“{m.form.name}”绩效目标表年度资金总额", m.form.unit)
        explain, severity = None, None
        if not m.amount_ok:
            unit = unit_of(table, m.row)
            twins = [
                r for r in unmatched_rows if form_key(r.name) == form_key(m.form.name) and unit_of(table, r) == unit
            ]
            together = sum((r.value(ColumnKey.TOTAL) or ZERO for r in twins), ZERO)
            if len(twins) > 1 and abs(form_wan(m.form, amount.value) - together) <= Decimal("0.005") * len(twins):
                shown = " + ".join(fmt(r.value(ColumnKey.TOTAL) or ZERO) for r in twins)
                explain = (
                    f"{table.label}中同名的 {len(twins)} 行（{shown}）合计与本表相符："
                    f"一张绩效目标表对应了两行项目，应分别填报或合并为一行"
                )
                severity = Severity.WARNING
        yield Identity(
            (mine,),
            (right,),
            (("cell", mine.label), ("other", right.label), ("name", m.form.name), ("table_value", right.text)),
            explain=explain,
            severity=severity,
            evidence=False,
        )


@rule(
    "perf.project-name",
    Severity.INFO,
    "项目绩效目标表与项目支出表的项目名称一致",
    "同一项目在项目支出表和绩效目标表中应使用同一名称，便于对照",
    "项目绩效目标表“{form_name}”按金额对应{table}的“{row_name}”，两处名称不同",
    "项目绩效目标表“建国前老工人医疗费”按金额对应表12的“中华人民共和国成立前老工人医疗费”，两处名称不同",
)
def project_name(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.PROJECT_CURRENT)
    if table is None:
        return
    for m in form_matches(d):
        if m.row is not None and not m.by_name:
            yield flag(
                m.form.source_of("name"),
                related=[m.row.source],
                expected=m.row.name,
                found=m.form.name,
                form_name=m.form.name,
                table=table.label,
                row_name=m.row.name,
            )


@rule(
    "perf.missing-form",
    Severity.WARNING,
    "项目支出表的项目都有绩效目标表",
    "项目支出应全部编报绩效目标并随部门预算公开（财预〔2016〕143号；预算绩效管理有关规定）；"
    "本公开只为不到三分之二的项目公开绩效目标表（缺三张以上）时，是选取部分项目公开，不逐个报缺",
    "{table}的项目“{name}”（{amount} 万元）没有对应的项目绩效目标表",
    "表12的项目“扩大社保补贴范围县级配套”（4.60 万元）没有对应的项目绩效目标表",
)
def missing_form(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.PROJECT_CURRENT)
    if table is None or not d.project_forms:
        return
    matched = {id(m.row) for m in form_matches(d) if m.row is not None}
    rows = project_rows(table)
    if 3 * len(matched) < 2 * len(rows) and len(rows) - len(matched) > 2:
        # forms for fewer than two thirds of the projects: the package publishes them for a selection
        # (Yantai n169: 22 forms for 41 projects), not one per project; which are missing it does not say
        return
    for row in rows:
        if id(row) not in matched:
            yield flag(
                row.source,
                found="无",
                expected="项目绩效目标表",
                table=table.label,
                name=row.name,
                amount=fmt(row.value(ColumnKey.TOTAL) or ZERO),
            )


@rule(
    "perf.form-without-project",
    Severity.WARNING,
    "每张项目绩效目标表都对应项目支出表的一个项目",
    "项目绩效目标表应针对项目支出表中的项目编报（印在“部门主管专项资金”标题下的专项资金绩效目标表不是本部门的项目，不比）",
    "项目绩效目标表“{name}”在{table}中找不到对应的项目",
    "项目绩效目标表“信息化建设”在表12中找不到对应的项目",
)
def form_without_project(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.PROJECT_CURRENT)
    if table is None:
        return
    listed = {form_key(r.name) for r in project_rows(table)}
    funds = _special_fund_forms(d)
    for m in form_matches(d):
        if m.row is None and form_key(m.form.name) not in listed:  # (a second form of a listed project is one)
            if id(m.form) in funds:
                continue  # a 专项资金 the department administers is no project of its own list
            yield flag(m.form.source, name=m.form.name, table=table.label)


def _special_fund_forms(d: Disclosure) -> set[int]:
    """The forms (by `id`) printed under a heading of the 专项资金 the department administers
    ("（二）部门主管专项资金的绩效目标表", Yantai, before "（三）部门预算项目绩效目标表"): money it passes on,
    not projects of its 项目支出表."""
    marks: list[tuple[int, float, bool]] = []
    for section in d.sections:
        for p in section.paragraphs:
            text = compact(p.text)
            if len(text) <= 60 and "绩效目标" in text and p.source.page is not None:
                top = p.source.bbox[1] if p.source.bbox else 0.0
                marks.append((p.source.page, top, "专项资金" in text and "项目" not in text))
    if not any(special for *_, special in marks):
        return set()
    marks.sort()
    found: set[int] = set()
    for form in d.project_forms:
        if form.source.page is None:
            continue
        at = (form.source.page, form.source.bbox[1] if form.source.bbox else 0.0)
        under = [special for page, top, special in marks if (page, top) <= at]
        if under and under[-1]:
            found.add(id(form))
    return found


# ---------------------------------------------------------------------------------------------
# counts stated in the narrative


_COUNT_LABELS = (
    (re.compile(r"(纳入绩效目标管理|编报绩效目标)的?.{0,6}项目$|二级项目$"), "rows"),
    (re.compile(r"公开项目绩效目标(表)?$"), "forms"),
)


# A goal shorter than this may be shared by two projects in good faith ("保障单位正常运转").
_COPIED_GOAL_CHARS = 20
# The year and the level of government a project's money comes from: "2026年中央财政城乡医疗救助资金"
# and "2026年省级财政城乡医疗救助资金" are one programme funded twice, and share its goals rightly.
_FUNDING_WORDS = re.compile(r"20\d\d年度?|中央|省级|省|市级|县级|区级|本级|财政|补助|专项|资金")


def _programme(name: str) -> str:
    return _FUNDING_WORDS.sub("", form_key(name))


@rule(
    "perf.copied-goal",
    Severity.WARNING,
    "各项目的绩效目标各自成文",
    "项目绩效目标表的目标应写这个项目本身；与另一个项目的目标一字不差，多为套用（只比较20字以上的目标；"
    "同名项目、只差年份或资金层级的同一项目（中央/省级…资金）不比）",
    "项目“{name}”的{what}与项目“{other}”的一字不差：“{quoted}”",
    "项目“就业创业服务”的年度目标与项目“社会保险补贴”的一字不差：“按规定发放社会保险补贴，保障参保人员的待遇和权益”",
)
def copied_goal(d: Disclosure) -> Iterator[Flag]:
    first: dict[tuple[str, str], ProjectForm] = {}
    for form in d.project_forms:
        for path, what in (("goal_implementation", "实施期目标"), ("goal_annual", "年度目标")):
            text = getattr(form, path)
            key = compact(text or "")
            if len(key) < _COPIED_GOAL_CHARS:
                continue
            earlier = first.setdefault((path, key), form)
            if earlier is not form and _programme(earlier.name) != _programme(form.name):
                yield flag(
                    form.source_of(path),
                    related=[earlier.source_of(path)],
                    name=form.name,
                    what=what,
                    other=earlier.name,
                    quoted=text if len(text or "") <= 40 else f"{(text or '')[:40]}…",
                )


@rule(
    "perf.count",
    Severity.ERROR,
    "所述项目个数与项目支出表、公开的绩效目标表相符",
    "情况说明所述纳入绩效管理的项目数、公开绩效目标的项目数，应与项目支出表的项目数和公开的项目绩效目标表张数一致",
    "情况说明称{what} {stated} 个，{where}为 {actual} 个",
    "情况说明称公开项目绩效目标 29 个，本公开的项目绩效目标表为 26 个",
)
def counts(d: Disclosure) -> Iterator[Flag | Identity]:
    table = d.table(TableKind.PROJECT_CURRENT)
    rows = len(project_rows(table)) if table is not None else None
    forms = len(d.project_forms)
    units = len({unit_of(table, r) for r in project_rows(table)}) if table is not None else None
    for section in d.sections_about(Topic.PERFORMANCE):
        items = section_items(section, d.year)
        for item in items:
            if item.role is not Role.COUNT:
                continue
            label = subject(item.label, d)
            value = int(item.figure.value)
            for pattern, what in _COUNT_LABELS:
                if not pattern.search(label):
                    continue
                actual, where = (
                    (rows, f"{table.label if table else ''}的项目")
                    if what == "rows"
                    else (forms, "本公开的项目绩效目标表")
                )
                if actual is not None and (what == "rows" or forms) and actual != value:
                    yield flag(
                        item.figure.source,
                        expected=actual,
                        found=value,
                        what=label,
                        stated=value,
                        where=where,
                        actual=actual,
                    )
            if re.search(r"(下属)?预算单位$", label) and units is not None and "机关及" in label and units != value:
                # 项目支出表 lists only the units that have projects: more units than it lists may
                # be right (info); fewer than it lists cannot be (warning).
                yield flag(
                    item.figure.source,
                    severity=Severity.WARNING if value < units else Severity.INFO,
                    expected=units,
                    found=value,
                    what=label,
                    stated=value,
                    where=f"{table.label if table else ''}列出的单位",
                    actual=units,
                )
            if "整体绩效目标" in item.after[:20] and value != len(d.overall_forms) and d.overall_forms:
                yield flag(
                    item.figure.source,
                    severity=Severity.WARNING,
                    expected=len(d.overall_forms),
                    found=value,
                    what="编报单位整体绩效目标的单位",
                    stated=value,
                    where="本公开的整体支出绩效目标表",
                    actual=len(d.overall_forms),
                )
        yield from (x for x in _category_sums(section, d) if isinstance(x, Flag))


@rule(
    "perf.category-amounts",
    Severity.ERROR,
    "各类项目金额之和等于项目总金额",
    "情况说明按其他运转类、特定目标类分列的项目金额之和，应等于所述纳入绩效管理的项目总金额",
    "{cell} 为 {left_value}，各类项目金额之和为 {right_value}，相差 {diff} {unit}",
    "情况说明所述项目总金额 为 1618.53，各类项目金额之和为 1628.53，相差 10.00 万元",
)
def category_amounts(d: Disclosure) -> Iterator[Identity]:
    for section in d.sections_about(Topic.PERFORMANCE):
        yield from (x for x in _category_sums(section, d) if isinstance(x, Identity))


def _category_sums(section: object, d: Disclosure) -> Iterator[Flag | Identity]:
    """其他运转类 N1 个 + 特定目标类 N2 个 = 总数 N (and the amounts likewise)."""
    from ..model import Section

    assert isinstance(section, Section)
    items = section_items(section, d.year)
    total_count = None
    groups: list[tuple[int, Decimal | None, object, Stated | None]] = []
    total_amounts: dict[int, tuple[Stated, list[Stated]]] = {}
    total_amount = None
    for i, item in enumerate(items):
        label = subject(item.label, d)
        if item.role is Role.COUNT and re.search(r"二级项目$|管理的.{0,4}项目$", label):
            total_count = item
            nxt = items[i + 1] if i + 1 < len(items) else None
            total_amount = nxt if nxt is not None and nxt.role is Role.LEVEL else None
            groups = []
        elif (
            item.role is Role.COUNT and re.search(r"(运转类|特定目标类|其他类)项目$", label) and total_count is not None
        ):
            nxt = items[i + 1] if i + 1 < len(items) else None
            amount = nxt if nxt is not None and nxt.role is Role.LEVEL else None
            groups.append((int(item.figure.value), amount.figure.value if amount else None, item, amount))
            if len(groups) == 2:
                count_sum = sum(g[0] for g in groups)
                if count_sum != int(total_count.figure.value):
                    yield flag(
                        total_count.figure.source,
                        expected=count_sum,
                        found=int(total_count.figure.value),
                        what="项目",
                        stated=int(total_count.figure.value),
                        where="各类项目个数之和",
                        actual=count_sum,
                    )
                amounts = [g[1] for g in groups]
                if total_amount is not None and all(a is not None for a in amounts):
                    categories = total_amounts.setdefault(id(total_amount), (total_amount, []))
                    categories[1].extend(g[3] for g in groups if g[3] is not None)
                total_count = None
    for total, parts in total_amounts.values():
        left = amount_cell(total.figure.value, Unit(total.figure.unit), total.figure.source, "情况说明所述项目总金额")
        right = tuple(amount_cell(p.figure.value, Unit(p.figure.unit), p.figure.source, "") for p in parts)
        yield Identity((left,), right, (("cell", left.label),), evidence=False)


# ---------------------------------------------------------------------------------------------
# the funding split of each form


PART_NAMES = {
    "central": "中央财政资金",
    "provincial": "省级财政资金",
    "local": "市县（区）财政资金",
    "self_raised": "单位自筹",
    "other": "其他资金",
    "fiscal": "财政资金",
    "carryover": "上年结转资金",
}


@rule(
    "perf.split-sum",
    Severity.ERROR,
    "项目资金来源之和等于资金总额",
    "项目绩效目标表：资金总额 = 中央 + 省级 + 市县（区） + 单位自筹 + 其他资金",
    "{cell} 为 {left_value} {unit}，各资金来源之和为 {right_value} {unit}，相差 {diff} {unit}",
    "项目“工作经费”年度资金总额 为 350000.00 元，各资金来源之和为 35000.00 元，相差 315000.00 元",
)
def split_sum(d: Disclosure) -> Iterator[Identity]:
    for form in d.project_forms:
        for period, split in (("实施期", form.implementation), ("年度", form.annual)):
            if split.total is None or not split.parts:
                continue
            total = form_cell(split.total, f"项目“{form.name}”{period}资金总额", form.unit)
            parts = tuple(form_cell(a, PART_NAMES[k], form.unit) for k, a in split.parts)
            yield Identity((total,), parts, (("cell", total.label),), evidence=False)


_LEVEL_KEYS = ("central", "provincial", "local", "self_raised")
_LEVEL_WORDS = (
    ("central", re.compile(r"中央")),
    ("provincial", re.compile(r"省级|省财政|省专项|省补助|省级配套")),
    ("local", re.compile(r"市级|县级|区级|县本级|本级|配套")),
)


@rule(
    "perf.split-vs-name",
    Severity.WARNING,
    "资金来源与项目名称相符",
    "项目名称表明资金来源（中央/省级/市县）时，绩效目标表的资金来源应填在相应栏内",
    "项目“{name}”名称表明为{expected_source}，绩效目标表却将 {amount} {unit}填在“{actual_source}”",
    "项目“2026年中央财政城乡医疗救助资金”名称表明为中央财政资金，绩效目标表却将 1596400 元填在“省级财政资金”",
)
def split_vs_name(d: Disclosure) -> Iterator[Flag]:
    for form in d.project_forms:
        named = [k for k, pattern in _LEVEL_WORDS if pattern.search(halfwidth(form.name))]
        if len(named) != 1:
            continue
        expected = named[0]
        split = form.annual if form.annual.parts else form.implementation
        filled = [(k, a) for k, a in split.parts if a.value != 0]
        if not filled or any(k == expected for k, _ in filled):
            continue
        if not any(k in _LEVEL_KEYS for k, _ in split.parts):
            continue  # a form split only into 财政拨款 and 其他资金 says nothing of the level of government
        key, amount = max(filled, key=lambda ka: ka[1].value)
        yield flag(
            amount.source,
            expected=PART_NAMES[expected],
            found=PART_NAMES[key],
            name=form.name,
            expected_source=PART_NAMES[expected],
            amount=fmt(amount.value),
            unit=(form.unit or Unit.YUAN).value,
            actual_source=PART_NAMES[key],
        )


@rule(
    "perf.period",
    Severity.WARNING,
    "一年期项目的实施期资金等于年度资金",
    "一次性项目、项目期1年时，实施期资金总额与年度资金总额应相同",
    "项目“{name}”为{attribute}，实施期资金总额 {implementation} {unit}与年度资金总额 {annual} {unit}不同",
    "项目“2024年事业单位、2025年消防协管员招聘、幼儿业务辅助人员招聘”为一次性项目(1年结束)，"
    "实施期资金总额 1000084.00 元与年度资金总额 1000083.56 元不同",
)
def period(d: Disclosure) -> Iterator[Flag]:
    for form in d.project_forms:
        one_year = (form.duration or "").strip() in ("1年", "一年") or "1年结束" in (form.attribute or "")
        a, b = form.implementation.total, form.annual.total
        if one_year and a is not None and b is not None and a.value != b.value:
            yield flag(
                b.source,
                expected=fmt(a.value),
                found=fmt(b.value),
                related=[a.source],
                name=form.name,
                attribute=form.attribute or "一年期项目",
                implementation=fmt(a.value),
                annual=fmt(b.value),
                unit=(form.unit or Unit.YUAN).value,
            )


# ---------------------------------------------------------------------------------------------
# the overall form


FUND_LINES = (
    ("合计", "一般公共预算当年支出"),
    ("基本支出", "一般公共预算基本支出"),
    ("项目支出", "一般公共预算项目支出"),
)


def _fund_cell(amount: Amount | None, label: str) -> Term | None:
    if amount is None:
        return None
    return amount_cell(amount.value, Unit.WAN, amount.source, label)


@rule(
    "perf.overall-vs-tables",
    Severity.ERROR,
    "整体支出绩效目标表的本年度资金 ↔ 报表",
    "整体支出绩效目标表“本年度申请资金”的合计、基本支出、项目支出应与一般公共预算支出表相同",
    "{cell} 为 {left_value}，{other} 为 {right_value}，相差 {diff} {unit}",
    "整体支出绩效目标表“基本支出”本年度申请资金 为 1979.96，表5“合计”基本支出 为 1979.95，相差 0.01 万元",
)
def overall_vs_tables(d: Disclosure) -> Iterator[Identity]:
    for form in d.overall_forms:
        for name, quantity in FUND_LINES:
            line = form.fund(name)
            mine = _fund_cell(line.requested if line else None, f"整体支出绩效目标表“{name}”本年度申请资金")
            target = QUANTITIES[quantity](d)
            if mine is not None and target is not None:
                yield Identity(
                    (mine,),
                    (target,),
                    (("cell", mine.label), ("other", target.label)),
                    evidence=False,
                )


@rule(
    "perf.overall-sum",
    Severity.ERROR,
    "整体支出绩效目标表：合计 = 基本支出 + 项目支出",
    "整体支出绩效目标表资金管理栏：合计 = 基本支出 + 项目支出（每一列）",
    "{cell} 为 {left_value}，基本支出与项目支出之和为 {right_value}，相差 {diff} {unit}",
    "整体支出绩效目标表“合计”上年度预算 为 13340.95，基本支出与项目支出之和为 13356.40，相差 15.45 万元",
)
def overall_sum(d: Disclosure) -> Iterator[Identity]:
    for form in d.overall_forms:
        total, basic, project = form.fund("合计"), form.fund("基本支出"), form.fund("项目支出")
        if total is None or basic is None or project is None:
            continue
        for attr, what in (
            ("last_budget", "上年度预算"),
            ("last_final", "上年度决算"),
            ("requested", "本年度申请资金"),
        ):
            cells = [
                _fund_cell(getattr(x, attr), f"整体支出绩效目标表“{x.name.lstrip('0123456789 ')}”{what}")
                for x in (total, basic, project)
            ]
            if all(c is not None for c in cells):
                t, b, p = cells
                assert t is not None and b is not None and p is not None
                yield Identity((t,), (b, p), (("cell", t.label),), evidence=False)


@rule(
    "perf.overall-prior",
    Severity.WARNING,
    "整体支出绩效目标表的上年度预算 ↔ 情况说明所述上年数",
    "情况说明所述本年数与增减额隐含上年预算数；整体支出绩效目标表“上年度预算”应与之一致",
    "{cell} 为 {left_value}，按情况说明（本年 {now}，{change}）上年应为 {right_value}，相差 {diff} {unit}",
    "整体支出绩效目标表“项目支出”上年度预算 为 11509.2，按情况说明（本年 1618.54，"
    "减少 1584.1）上年应为 3202.64，相差 8306.56 万元",
)
def overall_prior(d: Disclosure) -> Iterator[Identity]:
    if not d.overall_forms:
        return
    priors: dict[str, tuple[Term, str, str]] = {}
    for section, found in section_claims(d):
        for claim in found:
            if claim.change is None or claim.figure.unit not in ("万元", "元"):
                continue
            names = [n for n, _ in resolve(claim.label, section.topic, d)]
            cells = resolve(claim.label, section.topic, d)
            matched = [
                n
                for n, c in cells
                if evaluate(Identity((amount_cell(claim.value, c.unit, claim.figure.source, ""),), (c,))).status
                is not Status.BROKEN
            ]
            for name in matched or names[:1]:
                signed = claim.change.figure.value * (claim.change.sign or 1)
                value = claim.value - signed
                cell = Term(
                    value,
                    Unit(claim.figure.unit),
                    max(_places(claim.value), _places(claim.change.figure.value)),
                    claim.change.figure.source,
                    "情况说明所述上年数",
                )
                priors.setdefault(
                    name, (cell, fmt(claim.value), f"{claim.change.label[-2:]} {fmt(claim.change.figure.value)}")
                )
    for form in d.overall_forms:
        for name, quantity in FUND_LINES:
            line = form.fund(name)
            mine = _fund_cell(line.last_budget if line else None, f"整体支出绩效目标表“{name}”上年度预算")
            if mine is None or quantity not in priors:
                continue
            prior, now, change = priors[quantity]
            yield Identity(
                (mine,),
                (prior,),
                (("cell", mine.label), ("now", now), ("change", change)),
                evidence=False,
            )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(人|个)?\s*", halfwidth(text))
    return int(m.group(1)) if m else None


STAFF_SUMS = (
    ("编制人数", ("行政编制", "事业编制", "工勤编制")),
    ("实有在编人数", ("行政编制数", "事业编制数", "工勤编制数")),
)


@rule(
    "perf.staffing",
    Severity.WARNING,
    "整体支出绩效目标表人员结构的算术",
    "编制人数 = 行政编制 + 事业编制（+ 工勤）；实有在编人数 = 各类实有人数之和",
    "整体支出绩效目标表“{total}”为 {stated} 人，{parts}之和为 {summed} 人",
    "整体支出绩效目标表“编制人数”为 68 人，行政编制、事业编制之和为 87 人",
)
def staffing(d: Disclosure) -> Iterator[Flag]:
    for form in d.overall_forms:
        for total_label, part_labels in STAFF_SUMS:
            stated = _int(form.fact(total_label))
            parts = [(label, _int(form.fact(label))) for label in part_labels if form.fact(label) is not None]
            values = [v for _, v in parts if v is not None]
            if stated is None or len(values) < 2 or sum(values) == stated:
                continue
            yield flag(
                form.source_of(f"facts.{total_label}"),
                expected=sum(values),
                found=stated,
                total=total_label,
                stated=stated,
                parts="、".join(label for label, _ in parts),
                summed=sum(values),
            )


@rule(
    "perf.overall-facts",
    Severity.WARNING,
    "整体支出绩效目标表的机构数 ↔ 概况",
    "整体支出绩效目标表的内设机构数、直属单位数应与概况“机构设置”所述一致",
    "整体支出绩效目标表“{label}”为 {stated}，概况所述为 {actual}",
    "整体支出绩效目标表“内设机构数”为 20，概况所述为 27",
)
def overall_facts(d: Disclosure) -> Iterator[Flag]:
    overview = d.overview
    for form in d.overall_forms:
        pairs = (
            ("内设机构数", overview.internal_count),
            ("直属单位数", len(overview.units) if overview.units else None),
        )
        for label, actual in pairs:
            stated = _int(form.fact(label))
            if stated is not None and actual is not None and stated != actual:
                yield flag(
                    form.source_of(f"facts.{label}"),
                    related=[overview.source] if overview.source else [],
                    expected=actual,
                    found=stated,
                    label=label,
                    stated=stated,
                    actual=actual,
                )
