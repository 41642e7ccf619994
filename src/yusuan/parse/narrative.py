"""Narrative text → sections with figures; and the facts some sections state (assets, procurement)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..model import Assets, Figure, Paragraph, Procurement, Quantity, Section, Source, Topic
from ..text import compact, halfwidth, text_to_figures
from .blocks import TextLine
from .forms import unique_labels

SECTION_HEADING = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.{2,40})$")

# Most specific first: "“三公”经费增减变动原因说明" is about 三公, not about changes in general.
_TOPICS: tuple[tuple[str, Topic], ...] = (
    ("三公", Topic.THREE_PUBLIC),
    ("机关运行", Topic.ORG_OPERATION),
    ("政府采购", Topic.PROCUREMENT),
    ("绩效", Topic.PERFORMANCE),
    ("国有资产", Topic.ASSETS),
    ("基本支出", Topic.GENERAL_BASIC),
    ("一般公共预算", Topic.GENERAL),
    # 部门决算 sections name the funds and the totals their own way
    ("政府性基金", Topic.OTHER),
    ("国有资本经营", Topic.OTHER),
    ("财政拨款收入支出", Topic.FISCAL),
    ("收入支出决算总体", Topic.CHANGES),
    ("收入决算", Topic.INCOME),
    ("支出决算", Topic.EXPENDITURE),
    ("财政拨款收支", Topic.FISCAL),
    ("收入预算", Topic.INCOME),
    ("收入情况", Topic.INCOME),
    ("支出预算情况", Topic.EXPENDITURE),
    ("支出情况说明", Topic.EXPENDITURE),
    ("变动", Topic.CHANGES),
    ("编制说明", Topic.BUDGET_NOTES),
)


def topic_of(title: str) -> Topic:
    key = compact(title)
    for word, topic in _TOPICS:
        if word in key:
            return topic
    return Topic.OTHER


# A heading inside a section: "（二）政府采购情况", "(二)政府采购情况。所属各预算单位…" (its text may
# follow on the same line).
_SUB_HEADING = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*([^。，,；;：:\d]{2,30})")


def subsections(section: Section) -> Iterator[Section]:
    """The parts of a section opened by its own "（二）政府采购情况" headings, each with the topic its
    heading names, from its heading to the next. A 其他重要事项说明 (Beijing, Chongqing, Fuzhou,
    Xi'an) states 政府采购 and 国有资产 under such headings, not as sections of their own."""
    opened: list[tuple[int, re.Match[str]]] = [
        (i, m) for i, p in enumerate(section.paragraphs) if (m := _SUB_HEADING.match(p.text))
    ]
    ends = [i for i, _ in opened[1:]] + [len(section.paragraphs)]
    for (start, m), end in zip(opened, ends, strict=False):
        title = m.group(2).strip()
        paragraphs = section.paragraphs[start:end]
        yield Section(m.group(1), title, topic_of(title), paragraphs, paragraphs[0].source)


def is_section_heading(text: str) -> re.Match[str] | None:
    if "。" in text or "，" in text:
        return None
    return SECTION_HEADING.match(text.strip())


def lines_to_section(number: str, title: str, heading: Source, lines: Sequence[TextLine]) -> Section:
    paragraphs = tuple(Paragraph(line.text, line.source, text_to_figures(line.text, line.source)) for line in lines)
    return Section(number=number, title=title, topic=topic_of(title), paragraphs=paragraphs, source=heading)


# ---------------------------------------------------------------------------------------------
# facts stated in sections


def _quantity(fig: Figure) -> Quantity:
    return Quantity(fig.value, fig.unit, fig.source)


def section_to_procurement(section: Section) -> Procurement | None:
    """ "政府采购预算总额20.11万元。其中：政府采购货物预算12.01万元、…工程…、…服务…"."""
    total = goods = works = services = None
    for fig in section.figures:
        if not fig.is_money:
            continue
        label = fig.label
        if "货物" in label:
            goods = goods or _quantity(fig)
        elif "工程" in label:
            works = works or _quantity(fig)
        elif "服务" in label and "中小企业" not in label:
            services = services or _quantity(fig)
        elif total is None and "采购" in label and "中小企业" not in label and "预留" not in label:
            total = _quantity(fig)
    if total is None and goods is None and works is None and services is None:
        return None
    return Procurement(total, goods, works, services, section.source)


# "2026年预算安排中，购置单位价值100万元以上的设备0台（套）": bought this year, said in one sentence.
_PLANNED = re.compile(r"安排[^。；;]*购置[^。；;]*$")
_AS_OF = re.compile(r"截至\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")


def section_to_assets(section: Section) -> Assets | None:
    """Vehicles (编制/实有/by use), office floor space and equipment counts of 国有资产, and what the
    budget plans to buy (Shanghai packages state "本年预算安排购置车辆0辆，其中：…")."""
    as_of = None
    quota = actual = area = None
    by_use: list[tuple[str, Quantity]] = []
    equipment: list[tuple[str, Quantity]] = []
    planned: list[tuple[str, Quantity]] = []
    for paragraph in section.paragraphs:
        m = _AS_OF.search(halfwidth(paragraph.text))
        if m and as_of is None:
            as_of = re.sub(r"\s", "", m.group(1))
        for fig in paragraph.figures:
            label = fig.label
            before = paragraph.text[: fig.source.char or 0]
            if fig.is_money:
                continue  # thresholds ("单价100万元以上") qualify the count that follows
            if "安排购置" in before + label or _PLANNED.search(before + label):
                item = label.removeprefix("其中")
                if fig.unit.startswith("台"):
                    threshold = _threshold(paragraph.figures, fig)
                    item = (threshold + "以上" if threshold else "") + _item(label)
                elif "购置" in item:
                    item = "车辆"
                planned.append((item, _quantity(fig)))
            elif fig.unit == "辆" or (fig.unit == "台" and "车" in label):  # Beijing counts cars in 台
                if "编制" in label:
                    quota = _quantity(fig)
                elif actual is None and ("实有" in label or "共有" in label or "车辆" in label):
                    actual = _quantity(fig)
                elif label:
                    by_use.append((label.removeprefix("其中"), _quantity(fig)))
            elif fig.unit == "平方米" and area is None:
                area = _quantity(fig)
            elif fig.unit.startswith("台"):
                threshold = _threshold(paragraph.figures, fig)
                equipment.append(((threshold + "以上" if threshold else "") + _item(label), _quantity(fig)))
    if not any((quota, actual, area, by_use, equipment, planned)):
        return None
    return Assets(
        as_of,
        quota,
        actual,
        unique_labels(by_use),
        area,
        unique_labels(equipment),
        section.source,
        unique_labels(planned),
    )


def _threshold(figures: Sequence[Figure], fig: Figure) -> str:
    """The "价值50万元" threshold stated just before an equipment count."""
    before = [
        f
        for f in figures
        if f.is_money and f.source.char is not None and fig.source.char is not None and f.source.char < fig.source.char
    ]
    return f"{before[-1].value}{before[-1].unit}" if before else ""


def _item(label: str) -> str:
    m = re.search(r"(通用设备|专用设备|设备)", label)
    return m.group(1) if m else label


def amount_of(figures: Sequence[Figure], *words: str) -> Decimal | None:
    """The first money figure whose label contains all `words`."""
    for fig in figures:
        if fig.is_money and all(w in fig.label for w in words):
            return fig.value
    return None
