"""Scans made on purpose (pages turned, skewed, blurred, speckled) and the measure of what OCR gives back.

The benchmarks and tests render documents whose text is known exactly, pass them through
`scan_like` and `images_to_pdf`, read them with the OCR reader and compare the tables with the
truth (`amounts_recovered`); an amount that did not come back must be flagged (`is_flagged`).
`parts_recovered` counts every amount of every part of a package (tables, narrative figures,
form amounts and indicators, the facts the narrative states, glossary entries).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np

from ...model import Disclosure, Finding, FundingSplit, OverallForm, ProjectForm, Section, Source
from ...model.performance import FUND_SOURCES
from ...text import compact
from .engine import Gray
from .orient import rotate


def scan_like(
    gray: Gray,
    *,
    skew: float = 0.0,
    quarter_turns: int = 0,
    noise: float = 0.0,
    specks: float = 0.0,
    blur: float = 0.0,
    seed: int = 0,
) -> Gray:
    """`gray` as a scanner might give it back.

    `skew` degrees counter-clockwise (the page is padded first so nothing is cut off),
    `quarter_turns` clockwise, Gaussian `noise` (standard deviation in gray levels), a share
    `specks` of pixels set to black or white, and a Gaussian `blur` (sigma in pixels).
    """
    import cv2

    rng = np.random.default_rng(seed)
    page = gray
    if skew:
        margin = int(abs(np.sin(np.radians(skew))) * max(page.shape)) + 4
        page = np.asarray(cv2.copyMakeBorder(page, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255))
        page = rotate(page, skew)
    if blur:
        page = np.asarray(cv2.GaussianBlur(page, (0, 0), blur), dtype=np.uint8)
    out = page.astype(np.float32)
    if noise:
        out += rng.normal(0.0, noise, out.shape).astype(np.float32)
    if specks:
        chosen = rng.random(out.shape) < specks
        out[chosen] = rng.choice(np.array([0.0, 255.0], dtype=np.float32), size=int(chosen.sum()))
    result = np.clip(out, 0, 255).astype(np.uint8)
    if quarter_turns % 4:
        result = np.rot90(result, k=-(quarter_turns % 4))
    return np.ascontiguousarray(result)


def images_to_pdf(pages: Sequence[Gray], path: Path, dpi: float) -> None:
    """Write `pages` as an image-only PDF (no text layer), each page at `dpi`."""
    from PIL import Image

    images = [Image.fromarray(page, mode="L") for page in pages]
    first, rest = images[0], images[1:]
    first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest)


@dataclass(frozen=True, slots=True)
class Miss:
    """A table amount that did not come back exactly: where it is, what it was, what was read."""

    kind: str
    row: int
    column: str
    want: Decimal | None
    got: Decimal | None
    source: Source | None


def amounts_recovered(want: Disclosure, got: Disclosure) -> tuple[int, int, list[Miss]]:
    """(amounts read back exactly, amounts printed, the misses) over every table of `want`.

    Rows are matched by position within each table kind, columns by key; a table or row that
    did not come back counts every amount in it as missed.
    """
    found = total = 0
    misses = []
    for table in want.tables:
        other = got.table(table.kind)
        for index, row in enumerate(table.rows):
            twin = other.rows[index] if other is not None and index < len(other.rows) else None
            for key, value in row.values:
                if value is None:
                    continue
                total += 1
                read = twin.value(key) if twin is not None else None
                if read == value:
                    found += 1
                else:
                    source = twin.cell_source(key) if twin is not None else None
                    misses.append(Miss(table.kind.value, index, key, value, read, source))
    return found, total, misses


def is_flagged(miss: Miss, got: Disclosure, findings: Sequence[Finding]) -> bool:
    """True when a reading note or a checker finding points at the row of the missed amount."""
    if miss.source is None or miss.source.page is None or miss.source.bbox is None:
        return False
    top, bottom = miss.source.bbox[1], miss.source.bbox[3]
    places = [n.source for n in got.notes if n.code != "ocr-confidence"]
    places += [where for f in findings for where in (f.location, *f.related)]
    for where in places:
        if where.page != miss.source.page:
            continue
        if where.table == miss.kind and where.row == miss.row:
            return True
        if where.bbox is not None and where.bbox[1] < bottom and where.bbox[3] > top:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# every part of a package


@dataclass(slots=True)
class Tally:
    """Amounts of one part of a package: how many came back exactly, of how many, and which not."""

    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0

    def count(self, want: Iterable[Hashable], got: Iterable[Hashable], where: str) -> None:
        """Count `want` against `got` as multisets: each wanted item found once at most."""
        wanted, read = Counter(want), Counter(got)
        for item, n in wanted.items():
            hit = min(n, read[item])
            self.found += hit
            self.total += n
            if hit < n:
                self.misses.append(f"{where}: {item!r}" + (f" ×{n - hit}" if n - hit > 1 else ""))


PARTS = ("tables", "narrative", "forms", "facts", "glossary")


def parts_recovered(want: Disclosure, got: Disclosure) -> dict[str, Tally]:
    """Every amount of every part of `want` counted against `got` (the same package read another way).

    tables     every printed cell amount (`amounts_recovered`: by kind, row position and column);
    narrative  every figure a section states (value and unit), section by section (by number);
    forms      every 项目资金 amount and every indicator (一级, 二级, 三级, period and value) of each
               project form (by name, else by position), the overall forms' 资金 lines and indicators;
    facts      the figures read from the narrative: 政府采购 totals, 资产 quantities, 公务用车;
    glossary   every entry, term and definition.
    Text is compared without spaces (a line broken differently is the same text).
    """
    tallies = {part: Tally() for part in PARTS}
    found, total, misses = amounts_recovered(want, got)
    tallies["tables"] = Tally(found, total, [f"{m.kind} row {m.row} {m.column}: {m.want} → {m.got}" for m in misses])

    read_sections = {s.number: s for s in got.sections}
    for section in want.sections:
        twin = read_sections.get(section.number)
        tallies["narrative"].count(
            _figures(section), _figures(twin) if twin else (), f"{section.number}、{section.title}"
        )

    forms = tallies["forms"]
    by_name: dict[str, list[ProjectForm]] = {}  # a package may have several forms of one name
    for read in got.project_forms:
        by_name.setdefault(compact(read.name), []).append(read)
    for index, form in enumerate(want.project_forms):
        twins = by_name.get(compact(form.name))
        other = twins.pop(0) if twins else None
        if other is None and index < len(got.project_forms):
            other = got.project_forms[index]
        forms.count(_project_amounts(form), _project_amounts(other) if other else (), form.name)
    for index, overall in enumerate(want.overall_forms):
        other_overall = got.overall_forms[index] if index < len(got.overall_forms) else None
        forms.count(_overall_amounts(overall), _overall_amounts(other_overall) if other_overall else (), overall.title)

    tallies["facts"].count(_facts(want), _facts(got), "facts")
    tallies["glossary"].count(
        ((compact(e.term), compact(e.definition)) for e in want.glossary),
        ((compact(e.term), compact(e.definition)) for e in got.glossary),
        "名词解释",
    )
    return tallies


def _figures(section: Section) -> list[tuple[Decimal, str]]:
    return [(figure.value, figure.unit) for paragraph in section.paragraphs for figure in paragraph.figures]


def _split(period: str, split: FundingSplit) -> list[tuple[str, str, Decimal]]:
    return [(period, key, amount.value) for key in FUND_SOURCES if (amount := split.get(key)) is not None]


def _project_amounts(form: ProjectForm) -> list[tuple[str, ...] | tuple[str, str, Decimal]]:
    items: list[tuple[str, ...] | tuple[str, str, Decimal]] = []
    items += _split("implementation", form.implementation) + _split("annual", form.annual)
    items += [
        (i.period.value, compact(i.level1), compact(i.level2), compact(i.name), compact(i.value))
        for i in form.indicators
    ]
    return items


def _overall_amounts(form: OverallForm) -> list[tuple[str, ...]]:
    items: list[tuple[str, ...]] = [
        (compact(line.name), kind, str(amount.value))
        for line in form.funds
        for kind, amount in (
            ("last_budget", line.last_budget),
            ("last_final", line.last_final),
            ("requested", line.requested),
        )
        if amount is not None
    ]
    items += [
        (i.period.value, compact(i.level1), compact(i.level2), compact(i.name), compact(i.value))
        for i in form.indicators
    ]
    return items


def _facts(disclosure: Disclosure) -> list[tuple[str, Decimal, str]]:
    items: list[tuple[str, Decimal, str]] = []
    if (procurement := disclosure.procurement) is not None:
        for name in ("total", "goods", "works", "services"):
            if (quantity := getattr(procurement, name)) is not None:
                items.append((f"procurement.{name}", quantity.value, quantity.unit))
    if (assets := disclosure.assets) is not None:
        for name in ("vehicles_quota", "vehicles", "office_area"):
            if (quantity := getattr(assets, name)) is not None:
                items.append((f"assets.{name}", quantity.value, quantity.unit))
        for group in ("vehicles_by_use", "equipment", "planned"):
            for label, quantity in getattr(assets, group):
                items.append((f"assets.{group}.{compact(label)}", quantity.value, quantity.unit))
    overview = disclosure.overview
    if overview.vehicles is not None:
        items.append(("overview.vehicles", Decimal(overview.vehicles), "辆"))
    if overview.internal_count is not None:
        items.append(("overview.internal_count", Decimal(overview.internal_count), "个"))
    return items
