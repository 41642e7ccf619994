"""The 情况说明 against the tables: every amount restated, shares recomputed, changes self-consistent.

The narrative is read into claims (`statements.py`): a lead amount with its parts (其中…), the
components that explain its change (主要原因是1.…2.…), its change against last year and the rate
of that change, its share of a total. Each amount that names a table quantity is compared with
the table (a restatement: equal precision must agree exactly); parts must add up to their lead,
changes and rates must imply one prior-year figure, listed components must add up to the change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ..model import ZERO, ColumnKey, Disclosure, Row, RowRole, Section, Severity, Side, Table, TableKind, Topic, Unit
from ..model.money import half_unit
from ..model.narrative import Figure
from ..reference import dept_econ, function_class_by_name
from ..text import halfwidth, name_key
from .arith import Identity, Relation, Status, Term, amount_cell, evaluate, fmt
from .quantities import NAME_LABEL, QUANTITIES, code_by_names, resolve, subject
from .registry import Flag, flag, rule
from .statements import Claim, Stated, section_claims
from .tables import main_column, table_cell, top_rows


def figure_cell(item: Stated, what: str) -> Term:
    f = item.figure
    return amount_cell(f.value, Unit(f.unit), f.source, f"情况说明“{what}”")


# ---------------------------------------------------------------------------------------------


def _money(claim: Claim) -> bool:
    return claim.figure.unit in ("万元", "元")


def top_sum(d: Disclosure, cell: Term) -> Decimal | None:
    """The sum of the top rows of the column a total cell stands in (None for other cells)."""
    source = cell.source
    if source.table is None or source.row is None or source.column is None:
        return None
    table = d.table(TableKind(source.table))
    if table is None or source.row >= len(table.rows) or table.rows[source.row].role is not RowRole.TOTAL:
        return None
    return sum((r.value(source.column) or ZERO for r in top_rows(table)), ZERO)


def _explain_mismatch(d: Disclosure, claim: Claim, target: Term, broken: set[int]) -> str | None:
    """Why a restated figure may differ: the sum of the rounded rows, or a total less a wrong part."""
    notes = []
    parts_sum = top_sum(d, target)
    if parts_sum is not None and parts_sum == claim.value:
        notes.append(f"{fmt(claim.value)} 是表内各行之和，而合计行（四舍五入后）为 {target.text}，两处应一致")
    lead = claim.lead
    for group in lead.part_groups if lead is not None and not notes else ():
        others = [c for c in group if c is not claim]
        derived = lead is not None and lead.value - sum((c.value for c in others), ZERO) == claim.value
        if claim in group and others and any(id(c) in broken for c in others) and derived and lead is not None:
            shown = "、".join(fmt(c.value) for c in others)
            notes.append(f"{fmt(claim.value)} = {fmt(lead.value)} − {shown}，似由总数减去有误的一项倒算得出")
    return "；".join(notes) or None


@rule(
    "narrative.amount",
    Severity.ERROR,
    "情况说明所述金额与报表一致",
    "情况说明是对报表的解释，所述金额应与报表数一致（财预〔2016〕143号：公开内容应真实、准确）",
    "{cell} 为 {left_value}，{other} 为 {right_value}，相差 {diff} {unit}",
    "情况说明“基本支出” 为 1979.96，表5“合计”基本支出 为 1979.95，相差 0.01 万元",
)
def amounts(d: Disclosure) -> Iterator[Identity]:
    for section, found in section_claims(d):
        chosen: list[tuple[Claim, Identity, bool]] = []
        for claim in found:
            if not _money(claim) or _in_count_group(claim) or _published_subset(claim, section):
                continue
            if _of_one_subject(claim):
                continue
            candidates = _candidates(claim, section.topic, d)
            if not candidates:
                continue
            mine = figure_cell(claim.level, what_of(claim, d))
            identities = [
                Identity((mine,), (cell,), (("cell", mine.label), ("other", cell.label)), evidence=False)
                for _, cell in candidates
            ]
            outcomes = [evaluate(i) for i in identities]
            best = min(
                range(len(outcomes)), key=lambda i: (outcomes[i].status is Status.BROKEN, abs(outcomes[i].difference))
            )
            chosen.append((claim, identities[best], outcomes[best].status is Status.BROKEN))
        broken = {id(claim) for claim, _, is_broken in chosen if is_broken}
        for claim, identity, is_broken in chosen:
            note = _explain_mismatch(d, claim, identity.right[0], broken) if is_broken else None
            yield replace(identity, explain=note) if note else identity


def _in_count_group(claim: Claim) -> bool:
    """An amount of a sub-group of projects ("其他运转类项目11个，涉及金额…"): no table has it."""
    return "类项目" in claim.level.context or "类项目" in claim.label


_MANAGED = re.compile(r"(纳入绩效目标管理|编报绩效目标)的?.{0,6}项目$|二级项目$")


def _published_subset(claim: Claim, section: Section) -> bool:
    """ "公开项目绩效目标0个，涉及项目金额0万元" beside "纳入绩效目标管理的二级项目29个": the amount of
    the projects whose targets are published, which no table holds unless every project's are."""
    if "公开" not in claim.level.context:
        return False
    figures = sorted(section.paragraphs[claim.level.paragraph].figures, key=lambda f: f.source.char or 0)
    at = next((i for i, f in enumerate(figures) if f is claim.figure), 0)
    published = figures[at - 1] if at and figures[at - 1].unit == "个" else None
    managed = [f.value for f in figures if f.unit == "个" and _MANAGED.search(halfwidth(f.label))]
    return published is not None and bool(managed) and published.value != managed[0]


def _of_one_subject(claim: Claim) -> bool:
    """A part of a figure stated for one 科目 ("“农林水支出”科目83万元，主要用于人员经费18万元"):
    the package's 人员经费 is not this, and no table prints the class's own 人员经费 by name."""
    return claim.lead is not None and _ONE_SUBJECT.search(halfwidth(claim.lead.label)) is not None


_ONE_SUBJECT = re.compile(r"[“\"][^”\"]+[”\"]\s*科目$")


def restates_base(claim: Claim, d: Disclosure) -> bool:
    """ "2026年预算安排X万元" after an item's amount: the same figure said again."""
    label = halfwidth(claim.label).strip()
    return bool(
        d.year and claim.base is not None and re.fullmatch(rf"{d.year}年(度)?(预算安排|预算数|预算)(为)?", label)
    )


def what_of(claim: Claim, d: Disclosure) -> str:
    """How a reviewer names the thing a claim is about."""
    if restates_base(claim, d) and claim.base is not None:
        return subject(claim.base.label, d)
    return subject(claim.label, d) or claim.label


def _candidates(claim: Claim, topic: Topic, d: Disclosure) -> list[tuple[str, Term]]:
    if restates_base(claim, d) and claim.base is not None:
        return resolve(claim.base.label, topic, d)
    return resolve(claim.label, topic, d)


# ---------------------------------------------------------------------------------------------


@rule(
    "narrative.parts",
    Severity.ERROR,
    "“其中”所列各项之和等于总数",
    "情况说明中“其中/主要包括”所列各项应合计为所述总数（未列全时以“等”结尾，各项之和不超过总数）",
    "{cell} 为 {left_value}，{other} 为 {right_value}，相差 {diff} {unit}",
    "情况说明“预算收入” 为 3776.24，其中所列各项之和 为 3766.24，相差 10.00 万元",
)
def parts(d: Disclosure) -> Iterator[Identity]:
    for _section, found in section_claims(d):
        for claim in found:
            if not _money(claim):
                continue
            for number, group in enumerate(claim.part_groups):
                money = [c for c in group if _money(c)]
                if len(money) < 2 and not claim.open_list:
                    continue
                if not money:
                    continue
                total = _nested_in(claim.part_groups[number - 1], group) if number else None
                total = total or claim
                lead = figure_cell(total.level, subject(total.label, d) or total.label)
                cells = tuple(figure_cell(c.level, c.label) for c in money)
                open_ = total is claim and claim.open_list and group is claim.part_groups[-1]
                listed = "其中所列各项之和" + ("（未列全，以“等”结尾）" if open_ else "")
                yield Identity(
                    cells if open_ else (lead,),
                    (lead,) if open_ else cells,
                    (("cell", listed), ("other", lead.label)) if open_ else (("cell", lead.label), ("other", listed)),
                    relation=Relation.LE if open_ else Relation.EQ,
                    location=lead.source,
                    evidence=False,
                )


def _nested_in(previous: list[Claim], group: list[Claim]) -> Claim | None:
    """The part a 其中 list is a list of, when it opens right after a part of the list before it, in
    the same clause of one paragraph ("…公务用车购置和运行维护费预算7.5万元，其中：公务用车购置费预算0元…；运行维护费
    预算7.5万元": the second 其中 lists the 7.5, not the sentence's lead); None otherwise."""
    if not previous or not group or group[0].level.paragraph != previous[-1].level.paragraph:
        return None
    return previous[-1] if not re.search("[；;。]", group[0].level.before) else None


# ---------------------------------------------------------------------------------------------


def _ratio_range(num: Decimal, num_h: Decimal, den: Decimal, den_h: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range of num/den × 100 when each is known to within its half-unit."""
    if den - den_h <= 0:
        return None
    low = max(num - num_h, ZERO) / (den + den_h) * 100
    high = (num + num_h) / (den - den_h) * 100
    return low, high


def _stated_range(item: Stated) -> tuple[Decimal, Decimal, int]:
    value = item.figure.value
    decimals = _places(value)
    h = half_unit(decimals)
    return value - h, value + h, decimals


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _h(item: Stated | Claim) -> Decimal:
    figure = item.figure
    return half_unit(_places(figure.value))


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@rule(
    "narrative.share",
    Severity.ERROR,
    "所述占比与金额相符",
    "占比 = 部分 ÷ 总数 × 100%，按所述精度四舍五入（所述 52.43% 须在末位半个单位内）",
    "“{what}”{part} 万元占 {base} 万元的比重应为 {share}%，情况说明为 {stated}%",
    "“基本支出”1979.95 万元占 3776.24 万元的比重应为 52.43%，情况说明为 53.43%",
)
def shares(d: Disclosure) -> Iterator[Flag]:
    for section, found in section_claims(d):
        listed: dict[int, list[Claim]] = {}  # the shares stated of one base, by that base
        for claim in found:
            if claim.share is not None and _money(claim):
                owner = claim.lead or claim.base or claim
                listed.setdefault(id(owner), []).append(claim)
        for claim in found:
            if claim.share is None or not _money(claim):
                continue
            base_value, base_h = _share_base(claim, section.topic, d)
            if base_value is None or base_h is None:
                continue
            low_s, high_s, decimals = _stated_range(claim.share)
            if base_value == 0:
                continue
            span = _ratio_range(claim.value, _h(claim), base_value, base_h)
            if span is None or (span[0] <= high_s and low_s <= span[1]):
                continue
            expected = _round(claim.value / base_value * 100, decimals)
            siblings = listed.get(id(claim.lead or claim.base or claim), [])
            note = _nudged(siblings, base_value) or _other_base(claim, base_value, d)
            yield flag(
                claim.share.figure.source,
                expected=f"{expected}%",
                found=claim.share.figure.text,
                related=[claim.figure.source],
                note=note,
                what=subject(claim.label, d),
                part=fmt(claim.value),
                base=fmt(base_value),
                share=expected,
                stated=claim.share.figure.value,
            )


def _nudged(siblings: list[Claim], base: Decimal) -> str:
    """Why a share is off by a unit: the listed shares were made to add up to exactly 100%."""
    if len(siblings) < 2 or any(c.share is None for c in siblings):
        return ""
    stated = sum((c.share.figure.value for c in siblings if c.share is not None), ZERO)
    if stated != 100:
        return ""
    computed = sum(
        (_round(c.value / base * 100, _stated_range(c.share)[2]) for c in siblings if c.share is not None), ZERO
    )
    if computed == 100 or abs(computed - 100) > Decimal("0.01") * len(siblings):
        return ""  # (far from 100: the shares are of another base, not nudged)
    return f"所列各项的比重相加恰为 100%，按金额计算并四舍五入则为 {fmt(computed)}%：此处的比重似为凑足 100% 而调整"


# The totals a share may have been computed on instead of the one its sentence names.
_OTHER_BASES = ("收入总计", "本年收入", "支出合计", "一般公共预算当年支出", "财政拨款本年收入", "基本支出", "项目支出")


def _other_base(claim: Claim, base: Decimal, d: Disclosure) -> str:
    """The total the stated share is right for, when it is not the one the sentence names."""
    assert claim.share is not None
    low_s, high_s, _ = _stated_range(claim.share)
    unit = Unit(claim.figure.unit)
    for name in _OTHER_BASES:
        cell = QUANTITIES[name](d)
        if cell is None:
            continue
        other = cell.amount(unit)
        if other in (0, base):
            continue
        span = _ratio_range(claim.value, _h(claim), other, cell.half(unit))
        if span is not None and span[0] <= high_s and low_s <= span[1]:
            return f"所述比重是占{name} {fmt(other)} 的比重，而句中所说的基数是 {fmt(base)}"
    return ""


def _share_base(claim: Claim, topic: Topic, d: Disclosure) -> tuple[Decimal | None, Decimal | None]:
    """The total a share is of: the one named after 占 (none when the name is no table quantity:
    "完成年初预算的93.57%" is of a figure the rules cannot see), else the sentence's lead figure."""
    assert claim.share is not None
    label = halfwidth(claim.share.figure.label)
    named = re.sub(r"^.*?占", "", label) if "占" in label else label
    named = re.sub(r"(的)?(比重|比例|份额)?(为|是)?$", "", named).strip("的，, ")
    if named:
        candidates = resolve(named, topic, d)
        if candidates:
            cell = candidates[0][1]
            unit = Unit(claim.figure.unit)
            return (cell.value if cell.unit.value == claim.figure.unit else cell.amount(unit)), cell.half(unit)
        if re.search(r"[\u4e00-\u9fff]{2}", named):
            return None, None
    owner = claim.lead or claim.base
    if owner is None:
        return None, None
    if owner is claim.base and owner.share is not None:
        # "包括人员支出X万元，占61.9%；日常公用支出Y万元，占11.8%…": the first figure, with a share of
        # its own, is one of the items listed, not their whole (which the sentence does not name)
        return None, None
    return owner.value, _h(owner)


@rule(
    "narrative.change",
    Severity.ERROR,
    "增减额与增减率、上年数自洽",
    "本年数、增减额、增减率三者只能对应一个上年数：上年数 = 本年数 − 增减额，增减率 = 增减额 ÷ 上年数",
    "“{what}”{message}",
    "“一般公共预算当年支出”本年 3598.49 万元、减少 1451.35 万元，"
    "则上年为 5049.84 万元，下降应为 28.74%，情况说明为 29.74%",
)
def changes(d: Disclosure) -> Iterator[Flag]:
    for _section, found in section_claims(d):
        for claim in found:
            if not _money(claim):
                continue
            yield from _change_findings(claim, d)


def _change_findings(claim: Claim, d: Disclosure) -> Iterator[Flag]:
    what = what_of(claim, d)
    if restates_base(claim, d) and claim.base is not None and claim.base.value != claim.value:
        # "2026年预算安排X" restating the item's amount wrongly: narrative.amount reports X; the
        # change is judged against the item's own amount, so one slip is reported once.
        claim = _with_value(claim, claim.base)
    now, now_h = claim.value, _h(claim)
    change, rate, prior = claim.change, claim.rate, claim.prior
    if change is not None and rate is not None and change.sign and rate.sign and change.sign != rate.sign:
        yield flag(
            rate.figure.source,
            expected="同向",
            found=rate.figure.text,
            related=[change.figure.source],
            what=what,
            message=f"增减额为“{change.label}”，增减率却为“{rate.label}”，方向相反",
        )
        return
    if change is not None:
        amount = change.figure.value
        signed = amount * (change.sign or 1)
        before = now - signed
        amount_h, before_h = _h(change), now_h + _h(change)
        if prior is not None:
            stated_prior = prior.figure.value
            difference = abs(now - stated_prior) - amount
            bound = now_h + _h(prior) + _h(change)
            if abs(difference) > bound:
                yield flag(
                    change.figure.source,
                    expected=fmt(abs(now - stated_prior)),
                    found=fmt(amount),
                    related=[prior.figure.source],
                    what=what,
                    message=(
                        f"本年 {fmt(now)}、上年 {fmt(stated_prior)}，"
                        f"增减额应为 {fmt(abs(now - stated_prior))}，情况说明为 {fmt(amount)}"
                    ),
                )
                # the increase disagrees with the two amounts it is the difference of: the rate
                # is judged on the amounts themselves, so that one slip is reported once
                amount, before = abs(now - stated_prior), stated_prior
                amount_h, before_h = now_h + _h(prior), _h(prior)
        if rate is not None and before > 0:
            low_s, high_s, decimals = _stated_range(rate)
            span = _ratio_range(amount, amount_h, before, before_h)
            if span is not None and not (span[0] <= high_s and low_s <= span[1]):
                expected = _round(amount / before * 100, decimals)
                word = rate.label[-2:] if rate.label else "增减"
                of_now = _ratio_range(amount, _h(change), now, now_h) if now > 0 else None
                yield flag(
                    rate.figure.source,
                    expected=f"{expected}%",
                    found=rate.figure.text,
                    related=[claim.figure.source, change.figure.source],
                    note=(
                        "所述增减率是增减额除以本年数所得，应除以上年数"
                        if of_now is not None and of_now[0] <= high_s and low_s <= of_now[1]
                        else ""
                    ),
                    what=what,
                    message=(
                        f"本年 {fmt(now)}、{change.label[-2:]} {fmt(amount)}，则上年为 {fmt(before)}，"
                        f"{word}应为 {expected}%，情况说明为 {rate.figure.value}%"
                    ),
                )
        return
    if prior is not None and rate is not None:
        before = prior.figure.value
        if before <= 0:
            return
        actual = (now - before) / before * 100
        signed_rate = rate.figure.value * (rate.sign or 1)
        low_s, high_s, decimals = _stated_range(rate)
        span = _ratio_range(abs(now - before), now_h + _h(prior), before, _h(prior))
        same_direction = (actual >= 0) == (signed_rate >= 0) or signed_rate == 0
        if span is not None and same_direction and span[0] <= high_s and low_s <= span[1]:
            return
        implied = now / (1 + signed_rate / 100)
        yield flag(
            rate.figure.source,
            expected=f"{_round(actual, decimals)}%",
            found=rate.figure.text,
            related=[claim.figure.source, prior.figure.source],
            what=what,
            message=(
                f"上年 {fmt(before)}、本年 {fmt(now)}，增减率应为 {_round(actual, decimals)}%，"
                f"情况说明为“{rate.label}{rate.figure.value}%”；"
                f"按所述增减率，上年应约为 {fmt(_round(implied, 2))}"
            ),
        )


def _with_value(claim: Claim, base: Claim) -> Claim:
    from dataclasses import replace as dc_replace

    return dc_replace(claim, level=base.level)


@rule(
    "narrative.zero-base",
    Severity.ERROR,
    "增减变动与零值相符",
    "上年数 = 本年数 − 增减额，不能为负；上年为 0 时增减率无从计算（应写“新增”，两年都为 0 时写“持平”）",
    "“{what}”{message}",
    "“政府性基金拨款支出预算”本年 0 万元、比上年增加 1421.25 万元，则上年为 -1421.25 万元：上年数不能为负，"
    "本年为 0 的资金不应有增加",
    budget_only=False,
)
def zero_bases(d: Disclosure) -> Iterator[Flag]:
    for _section, found in section_claims(d):
        for claim in found:
            if _money(claim) and claim.change is not None:
                yield from _zero_base(claim, d)


def _zero_base(claim: Claim, d: Disclosure) -> Iterator[Flag]:
    change = claim.change
    assert change is not None
    now, amount = claim.value, change.figure.value
    prior = now - amount * (change.sign or 1)
    bound = (_h(claim) if now else ZERO) + _h(change)  # (a printed 0 is exact, whatever its places)
    what = what_of(claim, d)
    unit = claim.figure.unit
    if prior < -bound:
        yield flag(
            change.figure.source,
            expected=f"≤{fmt(now)}",
            found=change.figure.text,
            related=[claim.figure.source],
            what=what,
            message=(
                f"本年 {fmt(now)} {unit}、{change.label[-2:]} {fmt(amount)} {unit}，则上年为 {fmt(prior)} {unit}："
                f"上年数不能为负，本年为 {fmt(now)} 的资金不可能比上年增加这么多"
            ),
        )
        return
    rate = claim.rate
    if rate is None or abs(prior) > bound:
        return
    if rate.figure.value == 0 and now == 0:
        yield flag(
            rate.figure.source,
            severity=Severity.INFO,
            expected="持平",
            found=rate.figure.text,
            related=[claim.figure.source],
            what=what,
            message=f"上年与本年都为 0，增减率无从计算，写“{rate.label[-2:]}{rate.figure.text}”不如写“与上年持平”",
        )
    elif not _rate_allows_a_prior(amount, _h(change), prior + bound, rate.figure.value, _h(rate)):
        yield flag(
            rate.figure.source,
            severity=Severity.WARNING,
            expected="上年为 0，无增减率",
            found=rate.figure.text,
            related=[claim.figure.source, change.figure.source],
            what=what,
            message=(
                f"本年 {fmt(now)} {unit}、{change.label[-2:]} {fmt(amount)} {unit}，上年为 0："
                f"从 0 起算的增减率无从计算，情况说明却写“{rate.label[-2:]}{rate.figure.text}”"
            ),
        )


def _rate_allows_a_prior(amount: Decimal, h_amount: Decimal, most: Decimal, rate: Decimal, h_rate: Decimal) -> bool:
    """Whether a prior above 0 and at most `most` (the largest the rounding of the printed
    figures leaves) gives the printed rate: the smallest rate such a prior gives is the least
    change over the largest prior, and any larger one comes from a smaller prior. 0.02 万元 up
    by 0.01 万元 may be 增长100% (from 0.01); 5 万元 up by 5 万元 cannot (from at most 1 万元)."""
    if most <= 0:
        return False
    if amount <= h_amount:  # a change within rounding of nothing: any rate may be true
        return True
    return rate + h_rate >= (amount - h_amount) / most * 100


@rule(
    "narrative.components",
    Severity.ERROR,
    "所列变动因素之和等于变动额",
    "变动原因中列举的各项增减额（及其本年数）应合计为总的增减额（及总数）",
    "{cell} 为 {left_value}，{parts}之和为 {right_value}，相差 {diff} {unit}",
    "情况说明“机关运行经费”增减额 为 0.23，所列各项增减之和为 1.23，相差 1.00 万元",
)
def components(d: Disclosure) -> Iterator[Identity | Flag]:
    for _section, found in section_claims(d):
        for claim in found:
            if not _money(claim):
                continue
            what = subject(claim.label, d)
            parts_ = [c for c in claim.components if _money(c)]
            if len(parts_) >= 2:
                lead = figure_cell(claim.level, what)
                levels = tuple(figure_cell(c.level, subject(c.label, d)) for c in parts_)
                level_identity = Identity(
                    (lead,),
                    levels,
                    (("cell", lead.label), ("parts", "所列各因素本年数")),
                    evidence=False,
                )
                yield level_identity
                exhaustive = evaluate(level_identity).status is not Status.BROKEN
                if exhaustive and claim.change is not None and all(c.change is not None for c in parts_):
                    yield Identity(
                        (_signed(claim.change, f"情况说明“{what}”增减额"),),
                        tuple(_signed(c.change, subject(c.label, d)) for c in parts_ if c.change is not None),
                        (("cell", f"情况说明“{what}”增减额"), ("parts", "所列各因素增减额")),
                        location=claim.change.figure.source,
                        evidence=False,
                    )
            if claim.change is None or not claim.reasons:
                continue
            change = _signed(claim.change, f"情况说明“{what}”增减额")
            if len(claim.reasons) >= 2:
                yield Identity(
                    (change,),
                    tuple(_signed(r, r.label) for r in claim.reasons),
                    (("cell", change.label), ("parts", "所列各项增减")),
                    location=claim.change.figure.source,
                    severity=Severity.WARNING,
                    evidence=False,
                )
            elif (
                reason := claim.reasons[0]
            ).sign == claim.change.sign and reason.figure.value > claim.change.figure.value:
                yield flag(
                    reason.figure.source,
                    severity=Severity.INFO,
                    expected=f"≤{fmt(claim.change.figure.value)}",
                    found=fmt(reason.figure.value),
                    related=[claim.change.figure.source],
                    cell=f"情况说明“{what}”{claim.change.label[-2:]}额",
                    left_value=fmt(claim.change.figure.value),
                    parts="所述原因",
                    right_value=fmt(reason.figure.value),
                    diff=fmt(reason.figure.value - claim.change.figure.value),
                    unit=claim.change.figure.unit,
                    note="所述原因的金额大于增减额本身，其余抵消因素未作说明",
                )


def _signed(item: Stated, label: str) -> Term:
    f = item.figure
    value = f.value * (item.sign or 1)
    return amount_cell(value, Unit(f.unit), f.source, label)


# ---------------------------------------------------------------------------------------------


@rule(
    "narrative.subject",
    Severity.WARNING,
    "情况说明所列科目是表中的科目",
    "情况说明按“类、款、项”列出的科目，名称应与表中该科目一致；表中没有的科目（或错配了名称的科目）无从核对金额",
    "情况说明列出的科目“{printed}”在表中找不到{hint}",
    "情况说明列出的科目“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”在表中找不到；"
    "表中金额为 20.00 万元的该类科目是 2100717 计划生育服务（款 21007 计划生育事务）",
)
def subjects(d: Disclosure) -> Iterator[Flag]:
    for _section, found in section_claims(d):
        for claim in found:
            if not _money(claim):
                continue
            m = NAME_LABEL.search(halfwidth(claim.label))
            if m is None or not (m.group(2) or m.group(3)):
                continue
            class_code = function_class_by_name().get(name_key(m.group(1)))
            rows = [
                (t, r)
                for t in d.tables
                for r in t.rows
                if r.code and class_code and r.code.startswith(class_code) and r.side is not Side.INCOME
            ]
            if not rows or code_by_names(d, m.groups()) is not None:
                continue  # (a class no table lists is another rule's business)
            yield flag(
                claim.figure.source,
                found=m.group(0),
                printed=m.group(0),
                hint=_same_amount(claim, rows),
            )


def _same_amount(claim: Claim, rows: list[tuple[Table, Row]]) -> str:
    """The subject of the class whose amount is the one stated, when there is one."""
    unit = Unit(claim.figure.unit)
    names = {r.code: r.name for _, r in rows if r.code}
    for table, row in rows:
        cell = table_cell(table, row, ColumnKey.TOTAL if row.has(ColumnKey.TOTAL) else main_column(table) or "")
        if cell is not None and row.code and len(row.code) == 7 and cell.amount(unit) == claim.value:
            parent = row.code[:5]
            return (
                f"；表中金额为 {fmt(claim.value)} {claim.figure.unit}的该类科目是 {row.code} {row.name}"
                f"（款 {parent} {names.get(parent, '')}）"
            )
    return ""


@rule(
    "narrative.procurement",
    Severity.ERROR,
    "政府采购：货物 + 工程 + 服务 = 总额",
    "政府采购预算按品目分为货物、工程、服务三类，三者之和为政府采购预算总额",
    "政府采购预算总额 {left_value} 万元，货物、工程、服务之和为 {right_value} 万元，相差 {diff} {unit}",
    "政府采购预算总额 20.11 万元，货物、工程、服务之和为 21.11 万元，相差 1.00 万元",
)
def procurement(d: Disclosure) -> Iterator[Identity]:
    p = d.procurement
    if p is None or p.total is None:
        return
    parts_ = [q for q in (p.goods, p.works, p.services) if q is not None]
    if not parts_:
        return

    def cell(q: object, label: str) -> Term:
        from ..model import Quantity

        assert isinstance(q, Quantity)
        return amount_cell(q.value, Unit(q.unit) if q.unit in ("万元", "元") else Unit.WAN, q.source, label)

    total = cell(p.total, "政府采购预算总额")
    yield Identity(
        (total,),
        tuple(cell(q, "政府采购分项") for q in parts_),
        (("cell", total.label),),
        evidence=False,
    )


_ITEMS = re.compile(r"(人员经费|公用经费)[^。；;]*?主要包括[：:]?([^。；;]*)")


_PERSONNEL_CLASSES = ("301", "303")


def _by_class(table: Table, personnel: bool) -> set[str] | None:
    """The names of the economic rows with an amount in the 人员经费 classes (301, 303) or in the
    others; None when the rows carry no codes to tell them by."""
    keys = table.column_keys()
    if not keys or not any(r.code for r in table.rows):
        return None
    return {
        name_key(r.name)
        for r in table.rows
        if r.role is RowRole.ITEM
        and r.code
        and (r.code[:3] in _PERSONNEL_CLASSES) == personnel
        and (r.value(keys[0]) or ZERO) != 0
    }


@rule(
    "narrative.items",
    Severity.WARNING,
    "所列人员经费、公用经费的内容在经济分类表中有数",
    "基本支出情况说明列举的人员经费、公用经费科目，应在一般公共预算基本支出经济分类表的相应列中有金额"
    "（表只有一列金额时：人员经费在 301、303 类，公用经费在其余各类）",
    "情况说明称{kind}包括“{item}”，但{table}的{where}没有这一科目的金额",
    "情况说明称公用经费包括“会议费”，但表6的公用经费列没有这一科目的金额",
)
def items(d: Disclosure) -> Iterator[Flag]:
    table = d.table(TableKind.GENERAL_BASIC_ECON)
    if table is None:
        return
    for section in d.sections:
        for paragraph in section.paragraphs:
            for m in _ITEMS.finditer(halfwidth(paragraph.text)):
                kind = m.group(1)
                column = ColumnKey.PERSONNEL if kind == "人员经费" else ColumnKey.PUBLIC
                where = f"{kind}列"
                if table.column(column) is not None:
                    present = {
                        name_key(r.name)
                        for r in table.rows
                        if r.role is RowRole.ITEM and (r.value(column) or ZERO) != 0
                    }
                else:
                    # one amount column (Fuzhou): 人员经费 are the 301 and 303 rows, 公用经费 the others
                    by_class = _by_class(table, kind == "人员经费")
                    if by_class is None:
                        return
                    present, where = by_class, "301、303类" if kind == "人员经费" else "301、303类以外各类"
                listed = [x.strip() for x in re.split(r"[、,，]", re.sub(r"等$", "", m.group(2).strip())) if x.strip()]
                missing = [
                    item
                    for item in listed
                    if (key := name_key(item))
                    and not any(key == p or key in p or p in key for p in present if len(p) >= 2)
                ]
                # a list naming most of the catalogue's 款 of these classes (Fuzhou: 22 of the 25 of
                # 301 and 303, in the catalogue's order) defines 人员经费/公用经费 rather than lists
                # this budget's items: what it names without money is told, not warned of
                severity = Severity.INFO if _names_the_catalogue(listed, kind == "人员经费") else None
                for item in missing:
                    yield flag(
                        paragraph.source,
                        severity=severity,
                        found=item,
                        kind=kind,
                        item=item,
                        table=table.label,
                        where=where,
                    )


def _names_the_catalogue(listed: Sequence[str], personnel: bool) -> bool:
    """True when `listed` names at least two thirds of the 款 the economic catalogue has in the
    人员经费 classes (301, 303) or in the 公用经费 ones (302, 310)."""
    catalogue = {
        name_key(name)
        for code, name in dept_econ().items()
        if len(code) == 5 and (code[:3] in _PERSONNEL_CLASSES) == personnel and code[:3] in ("301", "302", "303", "310")
    }
    named = {name_key(item) for item in listed} & catalogue
    return len(named) * 3 >= len(catalogue) * 2


# ---------------------------------------------------------------------------------------------
# a count and the counts listed under it

_COUNT_UNITS = frozenset(("辆", "台", "套", "台（套）", "台(套)", "个", "人", "名", "项", "家", "所", "处", "件"))
_UNDER = re.compile(r"^\s*[，,]?\s*其中\s*[：:，,]?\s*")
_LIST_ENDS = re.compile(r"[。；;]|其中")


@rule(
    "narrative.count-parts",
    Severity.ERROR,
    "“其中”所列数量不超过总数",
    "“其中”所列的是总数的一部分：车辆、设备、项目等数量后所列各项之和不能超过总数",
    "“{what}”为 {total}{unit}，其中所列 {count} 项合计 {parts}{unit}，多于总数",
    "“2026年单位预算安排购置车辆”为 0辆，其中所列 8 项合计 18辆，多于总数",
    budget_only=False,
)
def count_parts(d: Disclosure) -> Iterator[Flag]:
    for section in d.sections:
        for paragraph in section.paragraphs:
            text = paragraph.text
            figures = sorted(
                (f for f in paragraph.figures if f.source.char is not None), key=lambda f: f.source.char or 0
            )
            for i, lead in enumerate(figures):
                if lead.unit not in _COUNT_UNITS or i + 1 == len(figures):
                    continue
                end = (lead.source.char or 0) + len(lead.text)
                if not _UNDER.match(halfwidth(text[end : figures[i + 1].source.char])):
                    continue
                parts: list[Figure] = []
                for part in figures[i + 1 :]:
                    at = part.source.char or 0
                    if part.unit != lead.unit or (parts and _LIST_ENDS.search(text[end:at])):
                        break
                    parts.append(part)
                    end = at + len(part.text)
                total = sum((p.value for p in parts), ZERO)
                if total > lead.value:
                    yield flag(
                        paragraph.source,
                        expected=f"≤{lead.text}",
                        found=f"{total}{lead.unit}",
                        what=halfwidth(lead.label).strip(" ，,：:；;"),
                        total=lead.value,
                        unit=lead.unit,
                        count=len(parts),
                        parts=total,
                    )
