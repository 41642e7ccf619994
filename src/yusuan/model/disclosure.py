"""The Disclosure: everything a published budget disclosure package says, typed and sourced."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .narrative import Section, Topic
from .performance import OverallForm, ProjectForm, ProjectNote
from .records import slot_init
from .source import NOT_IN_JSON, OMITTED_WHEN_EMPTY, PROVENANCE, Source
from .tables import Table, TableKind


class DocumentType(StrEnum):
    DEPARTMENT_BUDGET = "department_budget"  # 部门预算
    UNIT_BUDGET = "unit_budget"  # 单位预算
    DEPARTMENT_FINAL = "department_final"  # 部门决算
    UNIT_FINAL = "unit_final"  # 单位决算

    @property
    def label(self) -> str:
        return {
            DocumentType.DEPARTMENT_BUDGET: "部门预算",
            DocumentType.UNIT_BUDGET: "单位预算",
            DocumentType.DEPARTMENT_FINAL: "部门决算",
            DocumentType.UNIT_FINAL: "单位决算",
        }[self]

    @property
    def is_final(self) -> bool:
        return self in (DocumentType.DEPARTMENT_FINAL, DocumentType.UNIT_FINAL)


class GovLevel(StrEnum):
    """The level of government a department belongs to; wording rules depend on it."""

    CENTRAL = "central"  # 中央部门 (a ministry, a 国家… body)
    PROVINCE = "province"  # 省级 (and 直辖市 市级)
    CITY = "city"  # 市级 (地级)
    COUNTY = "county"  # 县级
    DISTRICT = "district"  # 区级

    @property
    def word(self) -> str:
        """How a package names the level: 中央, 省级, 市级, 县级, 区级."""
        return _LEVEL_WORDS[self]


_LEVEL_WORDS = {
    GovLevel.CENTRAL: "中央",
    GovLevel.PROVINCE: "省级",
    GovLevel.CITY: "市级",
    GovLevel.COUNTY: "县级",
    GovLevel.DISTRICT: "区级",
}


@dataclass(frozen=True, slots=True)
class Overview:
    """第一部分 概况: 职责 and 机构设置."""

    duties: str | None = None
    nature: str | None = None  # 单位性质: 行政单位 / 事业单位
    budget_level: str | None = None  # 一级预算单位
    units: tuple[str, ...] = ()  # subordinate units named in 机构设置
    internal_count: int | None = None  # 下设N个股（室）
    internal_names: tuple[str, ...] = ()
    vehicles: int | None = None  # 公务用车N辆
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated count or measure with its unit ("3辆", "521平方米")."""

    value: Decimal
    unit: str
    source: Source


@dataclass(frozen=True, slots=True)
class Assets:
    """国有资产占有使用情况."""

    as_of: str | None = None
    vehicles_quota: Quantity | None = None  # 编制
    vehicles: Quantity | None = None  # 实有
    vehicles_by_use: tuple[tuple[str, Quantity], ...] = ()  # 领导用车 0辆, …
    office_area: Quantity | None = None
    equipment: tuple[tuple[str, Quantity], ...] = ()  # 50万元以上通用设备 0台（套）, …
    source: Source | None = None
    planned: tuple[tuple[str, Quantity], ...] = ()  # 本年预算安排购置: 车辆 0辆, 执法执勤用车 0辆, 设备 …


@dataclass(frozen=True, slots=True)
class Procurement:
    """政府采购预算 (万元): total and its split into 货物, 工程, 服务."""

    total: Quantity | None = None
    goods: Quantity | None = None
    works: Quantity | None = None
    services: Quantity | None = None
    source: Source | None = None


@slot_init
@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    number: str
    term: str
    definition: str
    source: Source


@slot_init
@dataclass(frozen=True, slots=True)
class CatalogRow:
    """A row of an attached 政府购买服务指导性目录: code, name, level, and the department group."""

    code: str
    name: str
    level: int
    group: str
    source: Source


@dataclass(frozen=True, slots=True)
class Attachment:
    """A document attached to the package (a finance bureau's circular and its catalogue)."""

    title: str
    doc_number: str | None
    catalog: tuple[CatalogRow, ...]
    source: Source


@slot_init
@dataclass(frozen=True, slots=True)
class TocEntry:
    title: str
    page: int | None
    source: Source


class NoteLevel(StrEnum):
    INFO = "info"
    WARNING = "warning"


@slot_init
@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something the reader noticed while reading: a part it could not find, a table cut off.

    `code` is a stable slug: truncated, missing-part, unknown-table, not-amount, hierarchy-by-name.
    """

    level: NoteLevel
    message: str
    source: Source
    code: str | None = None


# An OCR'd cell read with less confidence than this is reported for a person to check.
LOW_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class OcrCell:
    """A table cell as OCR read it: its page, the text kept (mended where the number grammar was
    sure), the raw reading, the recogniser's confidence (0–1) and the cell's box in points.

    The OCR reader records one for every table cell it reads; the checker ranks the cells that
    take part in broken identities by their confidence (`culprit.ocr-suspect`)."""

    page: int
    text: str
    raw: str
    confidence: float
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Recognition:
    """What a file is, as recognition reads it from the package's first pages: its document type,
    the unit it is for (as printed, 汇总/本级 included), its year, region and level of government, and
    the title line they were read from. A field the package does not print where recognition looks
    stays None (unknown), never guessed."""

    file: str
    document_type: DocumentType | None
    department: str | None
    year: int | None
    region: str | None = None
    level: GovLevel | None = None
    title: str | None = None

    @property
    def complete(self) -> bool:
        """True when every field a disclosure is known by was read (the title line aside)."""
        return None not in (self.document_type, self.department, self.year, self.region, self.level)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A published package, read. Tables keep their printed units; every value has a source."""

    file: str
    reader: str
    document_type: DocumentType | None
    department: str | None
    year: int | None
    region: str | None = None
    level: GovLevel | None = None
    title: str | None = None
    toc: tuple[TocEntry, ...] = ()
    overview: Overview = field(default_factory=Overview)
    tables: tuple[Table, ...] = ()
    sections: tuple[Section, ...] = ()
    overall_forms: tuple[OverallForm, ...] = ()
    project_forms: tuple[ProjectForm, ...] = ()
    assets: Assets | None = None
    procurement: Procurement | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    notes: tuple[ReadNote, ...] = ()
    project_notes: tuple[ProjectNote, ...] = ()  # 项目经费情况说明 (Shanghai)
    # How the values were read, beside the values: every table cell OCR read, with its confidence
    # (in the JSON only when there are any), and the lines of a text input, which sources' `line`
    # numbers point into and a report quotes (never in the JSON, nor in comparing two readings).
    ocr_cells: tuple[OcrCell, ...] = field(default=(), metadata=PROVENANCE | OMITTED_WHEN_EMPTY)
    source_lines: tuple[str, ...] = field(default=(), compare=False, repr=False, metadata=PROVENANCE | NOT_IN_JSON)

    @property
    def recognition(self) -> Recognition:
        """What the package is (type, unit, year, region, level), as recognition read it."""
        d = self
        return Recognition(d.file, d.document_type, d.department, d.year, d.region, d.level, d.title)

    def table(self, kind: TableKind) -> Table | None:
        """The first table of `kind`, or None when the package has none."""
        for t in self.tables:
            if t.kind is kind:
                return t
        return None

    def incomplete(self) -> tuple[ReadNote, ...]:
        """The notes that say the package was not read whole: the file stops part-way
        (`truncated`), or it lists tables none of which could be read (`tables-unread`)."""
        return tuple(
            n for n in self.notes if n.code == "truncated" or (n.code == "tables-unread" and not self.tables)
        )

    def section(self, topic: Topic) -> Section | None:
        for s in self.sections:
            if s.topic is topic:
                return s
        return None

    def sections_about(self, topic: Topic) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.topic is topic)
