"""The budget ledger: line items in 元 and the department facts a disclosure package is built from.

A `Ledger` is what the budget *is*; every standard table, every narrative figure and every form of
the package is a view of it (`yusuan.views`). Line items carry the classification codes, fund
source, nature, project and period of each amount, plus the flags some reports need (三公
category, 政府采购 kind). `DepartmentFacts` holds everything that is no amount of this year's
budget: names, 职责, units, staffing, vehicles, office space, last year's figures for the change
explanations, the reasons a person writes, and the performance targets.

Every line item keeps its `Source` (file and row) so that a validation error points at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .disclosure import DocumentType, GovLevel
from .performance import Signature
from .source import Source
from .tables import ColumnKey


class FundSource(StrEnum):
    """资金来源 of a line item; the value is the printed name."""

    GENERAL = "一般公共预算"
    GOV_FUND = "政府性基金预算"
    STATE_CAPITAL = "国有资本经营预算"
    FISCAL_SPECIAL = "财政专户管理资金"
    UNIT_FUNDS = "单位资金"

    @property
    def key(self) -> str:
        """The canonical column / row key of this source in the tables (`general`, …)."""
        return _FUND_KEYS[self]

    @property
    def is_fiscal(self) -> bool:
        """财政拨款: the three budgets (not 财政专户 or 单位资金)."""
        return self in FISCAL_SOURCES


_FUND_KEYS = {
    FundSource.GENERAL: ColumnKey.GENERAL,
    FundSource.GOV_FUND: ColumnKey.GOV_FUND,
    FundSource.STATE_CAPITAL: ColumnKey.STATE_CAPITAL,
    FundSource.FISCAL_SPECIAL: ColumnKey.FISCAL_SPECIAL,
    FundSource.UNIT_FUNDS: ColumnKey.UNIT_FUNDS,
}
FISCAL_SOURCES = (FundSource.GENERAL, FundSource.GOV_FUND, FundSource.STATE_CAPITAL)


class Nature(StrEnum):
    """支出性质: 基本支出 (人员经费 / 公用经费) or 项目支出."""

    PERSONNEL = "人员经费"
    PUBLIC = "公用经费"
    PROJECT = "项目支出"

    @property
    def is_basic(self) -> bool:
        return self is not Nature.PROJECT


class ProjectCategory(StrEnum):
    OPERATION = "其他运转类"
    SPECIFIC = "特定目标类"


class BudgetPeriod(StrEnum):
    """Whether an amount is this year's appropriation or carried over from last year."""

    CURRENT = "本年"
    CARRYOVER = "上年结转"


class ThreePublic(StrEnum):
    """“三公”经费 category of a line item."""

    ABROAD = "因公出国（境）费"
    RECEPTION = "公务接待费"
    VEHICLE_PURCHASE = "公务用车购置费"
    VEHICLE_OPERATION = "公务用车运行维护费"


class ProcurementKind(StrEnum):
    """政府采购 kind of a line item."""

    GOODS = "货物"
    WORKS = "工程"
    SERVICES = "服务"


class FundLevel(StrEnum):
    """Which level of government the money of a project line comes from (the forms' 项目资金 split)."""

    CENTRAL = "中央"
    PROVINCIAL = "省级"
    LOCAL = "市县"
    SELF_RAISED = "单位自筹"
    OTHER = "其他"

    @property
    def key(self) -> str:
        """The `FundingSplit` field of this level."""
        return _LEVEL_KEYS[self]


_LEVEL_KEYS = {
    FundLevel.CENTRAL: "central",
    FundLevel.PROVINCIAL: "provincial",
    FundLevel.LOCAL: "local",
    FundLevel.SELF_RAISED: "self_raised",
    FundLevel.OTHER: "other",
}


@dataclass(frozen=True, slots=True)
class LineItem:
    """One budget line: an amount in 元 (two decimals) with everything that classifies it.

    `project_code` identifies the project of a 项目支出 line (two projects may share a name);
    basic expenditure lines have none.
    """

    unit: str
    function_code: str
    dept_econ: str
    gov_econ: str
    fund: FundSource
    nature: Nature
    amount: Decimal
    source: Source
    period: BudgetPeriod = BudgetPeriod.CURRENT
    project_code: str | None = None
    project: str | None = None
    category: ProjectCategory | None = None
    three_public: ThreePublic | None = None
    procurement: ProcurementKind | None = None
    fund_level: FundLevel = FundLevel.LOCAL


@dataclass(frozen=True, slots=True)
class UnitFacts:
    """A budget unit (预算单位) of the department; administrative units report 机关运行经费."""

    name: str
    administrative: bool
    code: str | None = None


@dataclass(frozen=True, slots=True)
class AssetFacts:
    """国有资产占有使用情况 as the department reports it."""

    as_of: str | None = None
    vehicles_quota: int | None = None
    vehicles: int | None = None
    vehicles_by_use: tuple[tuple[str, int], ...] = ()
    office_area: Decimal | None = None
    equipment: tuple[tuple[str, int], ...] = ()  # ("50万元", 0): 价值50万元（原值）以上的通用设备


@dataclass(frozen=True, slots=True)
class LastYear:
    """Last year's published figures (万元), for the change explanations of the narrative.

    `totals` keys: income_total (收入总计), expenditure_total, basic, project, carryover,
    general_current (一般公共预算当年支出). `three_public` keys: abroad, reception, vehicle_purchase,
    vehicle_operation. `org_operation_items` are by 部门经济科目 款 code.
    """

    year: int
    totals: tuple[tuple[str, Decimal], ...] = ()
    three_public: tuple[tuple[str, Decimal], ...] = ()
    org_operation: Decimal | None = None
    org_operation_items: tuple[tuple[str, Decimal], ...] = ()

    def total(self, key: str) -> Decimal | None:
        for k, v in self.totals:
            if k == key:
                return v
        return None

    def three(self, key: str) -> Decimal | None:
        for k, v in self.three_public:
            if k == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class TargetIndicator:
    """One 三级 performance indicator of a target, with its values for 实施期 and 年度."""

    level1: str
    level2: str
    name: str
    value: str
    annual_value: str | None = None  # None: the same as `value`


@dataclass(frozen=True, slots=True)
class ProjectTargets:
    """The performance targets (绩效目标) of one project, as the department writes them."""

    project_code: str
    attribute: str = "一次性项目(1年结束)"
    duration: str = "1年"
    texts: tuple[tuple[str, str], ...] = ()  # 项目概况, 立项依据, 项目设立必要性, …
    goal: str = ""
    annual_goal: str | None = None
    indicators: tuple[TargetIndicator, ...] = ()
    implementation_total: Decimal | None = None  # 元, when the project runs longer than a year
    signature: tuple[tuple[str, str], ...] = ()  # overrides of the department's signature


@dataclass(frozen=True, slots=True)
class OverallTargets:
    """The department's overall performance targets (整体支出绩效目标)."""

    facts: tuple[tuple[str, str], ...] = ()  # 内设机构数, 直属单位数, 编制人数, …
    texts: tuple[tuple[str, str], ...] = ()  # 中长期战略目标, 上年度已完成工作目标, 年度绩效目标
    duties_tasks: str = ""  # 职责履行 · 预期完成的事项
    duties_indicators: tuple[tuple[str, str], ...] = ()
    effect_tasks: str = ""  # 履职效益 · 部门履行职责带来的效果
    effect_indicators: tuple[tuple[str, str], ...] = ()
    satisfaction: tuple[tuple[str, str], ...] = ()  # (indicator, value)
    last_budget: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None)  # 合计, 基本, 项目
    last_final: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None)
    organisation: str = ""
    rules: str = ""
    other: str = ""


@dataclass(frozen=True, slots=True)
class DepartmentFacts:
    """Everything about the department that is not an amount of this year's line items."""

    department: str
    year: int
    level: GovLevel
    source: Source
    region: str | None = None
    department_code: str | None = None
    document_type: DocumentType = DocumentType.DEPARTMENT_BUDGET
    duties: str = ""
    nature: str = "行政单位"
    budget_level: str = "一级预算单位"
    units: tuple[UnitFacts, ...] = ()
    named_units: tuple[str, ...] = ()  # subordinate units as 机构设置 names them
    offices: tuple[str, ...] = ()  # 股（室）
    office_count: int | None = None
    vehicles: int | None = None  # 公务用车 named in 机构设置
    assets: AssetFacts = field(default_factory=AssetFacts)
    last_year: LastYear | None = None
    reasons: tuple[tuple[str, str], ...] = ()  # topic key → the 变动原因 text a person writes
    other_notes: tuple[tuple[str, str], ...] = ()  # 十二、其他说明: (heading, text)
    overall: OverallTargets = field(default_factory=OverallTargets)
    projects: tuple[ProjectTargets, ...] = ()
    signature: Signature = field(default_factory=Signature)
    function_names: tuple[tuple[str, str], ...] = ()  # names of function codes the reference lacks

    def reason(self, key: str) -> str:
        for k, v in self.reasons:
            if k == key:
                return v
        return ""

    def unit(self, name: str) -> UnitFacts | None:
        for u in self.units:
            if u.name == name:
                return u
        return None

    def targets(self, project_code: str) -> ProjectTargets | None:
        for p in self.projects:
            if p.project_code == project_code:
                return p
        return None


@dataclass(frozen=True, slots=True)
class Ledger:
    """A department's budget: its facts and its line items."""

    facts: DepartmentFacts
    items: tuple[LineItem, ...]
    file: str = ""


__all__ = [
    "FISCAL_SOURCES",
    "AssetFacts",
    "BudgetPeriod",
    "DepartmentFacts",
    "FundLevel",
    "FundSource",
    "LastYear",
    "Ledger",
    "LineItem",
    "Nature",
    "OverallTargets",
    "ProcurementKind",
    "ProjectCategory",
    "ProjectTargets",
    "Signature",
    "TargetIndicator",
    "ThreePublic",
    "UnitFacts",
]
