"""Performance-target forms (绩效目标表): the department's overall form and one form per project.

Amounts on the forms are in 元 (the overall form's 资金管理 block is in 万元). Indicator trees are
一级 (产出/效益/满意度…) → 二级 (数量/质量/时效/成本…) → 三级 with a value for the whole
implementation period (实施期) and for the year (年度).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .money import Unit
from .records import slot_init
from .source import OMITTED_WHEN_EMPTY, PROVENANCE, Source


class Period(StrEnum):
    IMPLEMENTATION = "implementation"  # 实施期
    ANNUAL = "annual"  # 年度


# Keys of FundingSplit, in printed order, with their usual labels.
FUND_SOURCES: dict[str, str] = {
    "total": "资金总额",
    "central": "中央财政资金",
    "provincial": "省级财政资金",
    "local": "市县(区)财政资金",
    "self_raised": "单位自筹",
    "other": "其他资金",
    # the Shanghai form splits by kind of money rather than by level of government
    "fiscal": "财政资金",  # 其中：财政资金 (实施期) / 其中：当年财政拨款 (年度)
    "carryover": "上年结转资金",
}


@slot_init
@dataclass(frozen=True, slots=True)
class Amount:
    """An amount on a form with its source (so a finding can point at the cell)."""

    value: Decimal
    source: Source


@slot_init
@dataclass(frozen=True, slots=True)
class FundingSplit:
    """项目资金 of one period, in 元, by source. A blank cell is absent (None)."""

    total: Amount | None = None
    central: Amount | None = None
    provincial: Amount | None = None
    local: Amount | None = None
    self_raised: Amount | None = None
    other: Amount | None = None
    fiscal: Amount | None = None
    carryover: Amount | None = None

    def get(self, key: str) -> Amount | None:
        value: Amount | None = getattr(self, key)
        return value

    @property
    def parts(self) -> tuple[tuple[str, Amount], ...]:
        """The sources that carry a value (all but the total)."""
        return tuple((k, a) for k in _PARTS if (a := self.get(k)))


_PARTS = tuple(k for k in FUND_SOURCES if k != "total")


@slot_init
@dataclass(frozen=True, slots=True)
class Indicator:
    """One 三级 indicator with its value for one period, as printed ("≥98%", "59人", "及时")."""

    level1: str
    level2: str
    name: str
    value: str
    period: Period
    source: Source


@dataclass(frozen=True, slots=True)
class Signature:
    """The form's footer: 负责人, 经办人, 联系电话, 填报日期 (as printed)."""

    responsible: str | None = None
    handler: str | None = None
    phone: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectForm:
    """项目支出绩效目标申报表 of one project."""

    title: str
    year_label: int | None
    name: str
    department_code: str | None
    department: str | None
    implementing_unit: str | None
    attribute: str | None  # 项目属性 (一次性项目…)
    duration: str | None  # 项目期 (1年)
    implementation: FundingSplit
    annual: FundingSplit
    texts: tuple[tuple[str, str], ...]  # 项目概况, 立项依据, 项目设立必要性, 保证项目实施的制度、措施, 项目实施计划
    goal_implementation: str | None
    goal_annual: str | None
    indicators: tuple[Indicator, ...]
    signature: Signature
    source: Source
    # Where each text field was read, by its path: "name", "department", "implementing_unit",
    # "attribute", "duration", "goal_implementation", "goal_annual", "texts.<label>",
    # "signature.<field>". Amounts and indicators carry their own sources.
    field_sources: tuple[tuple[str, Source], ...] = field(default=(), metadata=PROVENANCE)
    # The unit of the 项目资金 amounts when the form prints one other than 元 ("项目资金（万元）",
    # Yantai); None for the usual form in 元.
    unit: Unit | None = field(default=None, metadata=OMITTED_WHEN_EMPTY)

    def text(self, label: str) -> str | None:
        for k, v in self.texts:
            if k == label:
                return v
        return None

    def source_of(self, path: str) -> Source:
        """Where the field at `path` was read (see `field_sources`), else where the form was."""
        return next((s for k, s in self.field_sources if k == path), self.source)


@dataclass(frozen=True, slots=True)
class FundLine:
    """A line of the overall form's 资金管理 block (合计 / 基本支出 / 项目支出), in 万元."""

    name: str
    last_budget: Amount | None
    last_final: Amount | None
    requested: Amount | None


@dataclass(frozen=True, slots=True)
class OverallForm:
    """部门（单位）整体支出绩效目标申报表."""

    title: str
    year_label: int | None
    department: str | None
    facts: tuple[tuple[str, str], ...]  # 内设机构数, 直属单位数, 编制人数, 实有在编人数, …, as printed
    texts: tuple[tuple[str, str], ...]  # 中长期战略目标, 上年度已完成工作目标, 年度绩效目标, …
    indicators: tuple[Indicator, ...]
    funds: tuple[FundLine, ...]
    signature: Signature
    source: Source
    # Where each text field was read, by its path: "department", "facts.<label>", "texts.<label>"
    field_sources: tuple[tuple[str, Source], ...] = field(default=(), metadata=PROVENANCE)

    def source_of(self, path: str) -> Source:
        """Where the field at `path` was read (see `field_sources`), else where the form was."""
        return next((s for k, s in self.field_sources if k == path), self.source)

    def fact(self, label: str) -> str | None:
        for k, v in self.facts:
            if k == label:
                return v
        return None

    def fund(self, name: str) -> FundLine | None:
        for line in self.funds:
            if name in line.name:
                return line
        return None


@dataclass(frozen=True, slots=True)
class ProjectNote:
    """项目经费情况说明 of one project (Shanghai packages): its parts as printed, in order.

    `texts` holds 项目概述/项目概况, 立项依据, 实施主体, 实施方案, 实施周期, 年度预算安排 and 绩效目标
    under their printed headings; `amount` is the 年度预算安排 when it states one amount (in `unit`).
    """

    name: str | None
    title: str
    texts: tuple[tuple[str, str], ...]
    amount: Decimal | None
    unit: str | None
    source: Source

    def text(self, label: str) -> str | None:
        for k, v in self.texts:
            if label in k:
                return v
        return None
