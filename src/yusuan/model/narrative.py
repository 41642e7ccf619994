"""The narrative (情况说明 / 编制说明): sections, their paragraphs and every figure they state."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .records import slot_init
from .source import Source


class Topic(StrEnum):
    """What a narrative section is about, whatever its number and wording."""

    CHANGES = "changes"  # 部门预算收支数据变动情况及原因
    INCOME = "income"  # 收入预算情况说明
    EXPENDITURE = "expenditure"  # 支出预算情况说明
    FISCAL = "fiscal"  # 财政拨款收支预算总体情况说明
    GENERAL = "general"  # 一般公共预算支出情况说明
    GENERAL_BASIC = "general_basic"  # 一般公共预算基本支出情况说明
    THREE_PUBLIC = "three_public"  # “三公”经费
    ORG_OPERATION = "org_operation"  # 机关运行经费
    PROCUREMENT = "procurement"  # 政府采购
    PERFORMANCE = "performance"  # 绩效管理 / 绩效目标设置
    ASSETS = "assets"  # 国有资产占有使用情况
    OTHER = "other"  # 其他说明
    BUDGET_NOTES = "budget_notes"  # 编制说明 (one section covering income, expenditure and items)


@slot_init
@dataclass(frozen=True, slots=True)
class Figure:
    """A number stated in text: `value` in `unit` ("万元", "元", "%", "个", "辆", "平方米", …).

    `label` is the text of the clause before the number ("其中：本年收入"), which says what the
    figure is of; `text` is the number exactly as printed ("3,776.24万元")."""

    value: Decimal
    unit: str
    text: str
    label: str
    source: Source

    @property
    def is_money(self) -> bool:
        return self.unit in ("元", "万元")

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@slot_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    source: Source
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section ("七、“三公”经费增减变动原因说明") with its paragraphs."""

    number: str
    title: str
    topic: Topic
    paragraphs: tuple[Paragraph, ...]
    source: Source

    @property
    def heading(self) -> str:
        """The heading as printed: "七、“三公”经费增减变动原因说明", or the title alone when the
        section has no number (a Shanghai 编制说明)."""
        return f"{self.number}、{self.title}" if self.number else self.title

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for p in self.paragraphs for f in p.figures)
