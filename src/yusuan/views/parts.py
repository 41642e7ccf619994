"""Ledger → the parts of a package that are no table: title, 目录, 概况, 名词解释 (worded for the level)."""

from __future__ import annotations

from ..model import GlossaryEntry, GovLevel, Overview, Source, TocEntry
from ..model.ledger import Ledger
from ..text import chinese_number, level_of_region, one_line, region_of

# How the glossary names the departments of each level ("指县直部门用财政拨款安排的…").
LEVEL_DEPARTMENTS = {
    GovLevel.CENTRAL: "中央部门",
    GovLevel.COUNTY: "县直部门",
    GovLevel.CITY: "市直部门",
    GovLevel.PROVINCE: "省直部门",
    GovLevel.DISTRICT: "区直部门",
}


def package_title(ledger: Ledger) -> str:
    """ "2026年度部门预算公开"; the level word goes in when the department's name does not imply it."""
    facts = ledger.facts
    kind = facts.document_type.label
    if level_of_region(region_of(facts.department)) is facts.level:
        return f"{facts.year}年度{kind}公开"
    return f"{facts.year}年度{facts.level.word}{kind}公开"


def form_region(ledger: Ledger) -> str:
    """The region named in the forms' titles: the facts' region, else the department name's prefix."""
    return ledger.facts.region or region_of(ledger.facts.department) or ""


def overview(ledger: Ledger) -> Overview:
    """概况 from the facts: 职责, 单位性质, 预算级次, units, 股室 and vehicles."""
    f = ledger.facts
    duties = [p for p in (one_line(t) for t in f.duties.split("\n")) if p]
    count = f.office_count if f.office_count is not None else (len(f.offices) or None)
    return Overview(
        duties="\n".join(duties) or None,
        nature=f.nature,
        budget_level=f.budget_level,
        units=f.named_units,
        internal_count=count,
        internal_names=f.offices,
        vehicles=f.vehicles,
        source=Source(ledger.file),
    )


def glossary(ledger: Ledger) -> tuple[GlossaryEntry, ...]:
    """第四部分 名词解释, with “三公”经费 worded for the department's level."""
    who = LEVEL_DEPARTMENTS[ledger.facts.level]
    entries = (
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
        ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        (
            "“三公”经费",
            f"指{who}用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。其中：因公出国（境）"
            "费用反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；"
            "公务用车购置费反映公务用车购置支出（含车辆购置税、牌照费）；公务用车运行维护费反映单位按规定保留的"
            "公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映机关和参公事业单位按"
            "规定开支的各类公务接待（含外宾接待）支出。",
        ),
        ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用财政拨款安排的基本支出中的公用经费支出。"),
        (
            "政府购买服务",
            "是指充分发挥市场机制作用，将国家机关属于自身职责范围且适合通过市场化方式提供的服务事项，按照政府"
            "采购方式和程序，交由符合条件的服务供应商承担，并根据服务数量和质量等情况向其支付费用的行为。",
        ),
        (
            "财政专户管理资金",
            "专指教育收费，包括目前在财政专户管理的高中以上学费、住宿费，高校委托培养费，党校收费，教育考试考务费，"
            "函大、电大、夜大及短训班培训费等。",
        ),
        (
            "单位资金",
            "是指除政府预算资金和财政专户管理资金以外的资金，包括事业收入、事业单位经营收入、上级补助收入、"
            "附属单位上缴收入、其他收入。",
        ),
        ("上年结转", "指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。"),
        (
            "一般公共预算",
            "是指以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、维持国家机构"
            "正常运转等方面的收支预算。",
        ),
        (
            "政府性基金预算",
            "是对依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式筹集的资金，专项用于特定"
            "公共事业发展的收支预算。",
        ),
        ("国有资本经营预算", "是对国有资本收益作出支出安排的收支预算。"),
        ("财政拨款", "包含一般公共预算、政府性基金预算、国有资本经营预算。"),
    )
    source = Source(ledger.file)
    return tuple(
        GlossaryEntry(chinese_number(n), term, definition, source)
        for n, (term, definition) in enumerate(entries, start=1)
    )


def toc(
    ledger: Ledger, table_titles: list[str], section_titles: list[str], sub_headings: list[str]
) -> tuple[TocEntry, ...]:
    """目录: parts, the overview's two headings, every table, every section (and 十二's sub-headings)."""
    year = ledger.facts.year
    kind = ledger.facts.document_type.label
    titles = ["第一部分 概况", "一、本部门职责", "二、机构设置情况", f"第二部分 {year}年{kind}报表"]
    titles += [f"表{chinese_number(n)}{t}" for n, t in enumerate(table_titles, start=1)]
    titles.append(f"第三部分 {year}年度{kind}情况说明")
    for n, title in enumerate(section_titles, start=1):
        titles.append(f"{chinese_number(n)}、{title}")
        if n == len(section_titles):
            titles += sub_headings
    titles.append("第四部分 名词解释")
    source = Source(ledger.file)
    return tuple(TocEntry(t, None, source) for t in titles)
