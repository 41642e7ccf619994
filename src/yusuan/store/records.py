"""A read package as rows of the store, and back: Disclosure + Report → `PackageRecords` → Tables.

`package_records` runs where the package was read (a worker process or a cluster's worker), so
that the writer only inserts: the records are plain dicts of str, int, float and bytes, cheap to
send between processes. The rebuilding functions turn stored rows back into the model's types
(a test checks that a package's tables come back exactly as they were read, sources included).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..checks import Report
from ..checks.report import family_of
from ..export import dumps, loads
from ..model import (
    Column,
    Disclosure,
    Finding,
    Row,
    RowRole,
    Severity,
    Side,
    Source,
    Table,
    TableKind,
    Unit,
)
from ..model.performance import FUND_SOURCES, Amount
from ..version import __version__

Record = dict[str, Any]


MONEY_UNITS = {unit.value: unit for unit in Unit}


@dataclass(slots=True)
class PackageRecords:
    """Everything the store keeps of one package: the `packages` row and, by table name, the
    rows it owns (without their `package_id`, which the writer fills in)."""

    package: Record
    children: dict[str, list[Record]] = field(default_factory=dict)


def to_fen(value: Decimal, unit: str) -> int | None:
    """`value` (in 元 or 万元) as a whole number of 分; None when it is finer than 1 分."""
    fen = value * MONEY_UNITS[unit].factor * 100
    integral = fen.to_integral_value()
    return int(integral) if fen == integral else None


def decimal_text(value: Decimal) -> str:
    """The decimal in plain notation, as many places as it holds ("3598.49", "0.00")."""
    return format(value, "f")


SOURCE_FIELDS = (
    "src_file",
    "line",
    "page",
    "src_table",
    "src_row",
    "src_column",
    "char_offset",
    "x0",
    "top",
    "x1",
    "bottom",
)


def source_values(source: Source, file: str) -> Record:
    """A Source as the store's source columns (`schema.source_columns`)."""
    bbox = source.bbox
    return {
        "src_file": None if source.file == file else source.file,
        "line": source.line,
        "page": source.page,
        "src_table": source.table,
        "src_row": source.row,
        "src_column": source.column,
        "char_offset": source.char,
        "x0": bbox[0] if bbox else None,
        "top": bbox[1] if bbox else None,
        "x1": bbox[2] if bbox else None,
        "bottom": bbox[3] if bbox else None,
    }


def source_from(record: Mapping[str, Any], file: str) -> Source:
    """The Source that `source_values` stored."""
    x0 = record["x0"]
    bbox = None if x0 is None else (x0, record["top"], record["x1"], record["bottom"])
    return Source(
        record["src_file"] if record["src_file"] is not None else file,
        record["line"],
        record["page"],
        record["src_table"],
        record["src_row"],
        record["src_column"],
        record["char_offset"],
        bbox,
    )


def package_records(d: Disclosure, report: Report, content_hash: str, size: int) -> PackageRecords:
    """The store's rows for a package read from a file of `size` bytes with this content hash."""
    file = d.file
    children: dict[str, list[Record]] = {
        name: []
        for name in (
            "tables",
            "table_columns",
            "rows",
            "amounts",
            "sections",
            "paragraphs",
            "figures",
            "forms",
            "form_amounts",
            "indicators",
            "findings",
            "notes",
        )
    }
    _tables(d, file, children)
    _narrative(d, file, children)
    _forms(d, file, children)
    for n, f in enumerate(report.findings):
        children["findings"].append(finding_record(n, f, file))
    for n, note in enumerate(d.notes):
        children["notes"].append(
            {"note_no": n, "level": note.level.value, "code": note.code, "message": note.message}
            | source_values(note.source, file)
        )
    units = Counter(t.unit.value for t in d.tables)
    summary = report.summary
    package = {
        "content_hash": content_hash,
        "file": file,
        "bytes": size,
        "reader": d.reader,
        "document_type": d.document_type.value if d.document_type else None,
        "kind": ("决算" if d.document_type.is_final else "预算") if d.document_type else None,
        "department": d.department,
        "year": d.year,
        "region": d.region,
        "level": d.level.value if d.level else None,
        "title": d.title,
        "unit": units.most_common(1)[0][0] if units else None,
        "table_count": len(children["tables"]),
        "row_count": len(children["rows"]),
        "amount_count": len(children["amounts"]),
        "figure_count": len(children["figures"]),
        "form_count": len(children["forms"]),
        "finding_count": len(children["findings"]),
        "errors": summary[Severity.ERROR.value],
        "warnings": summary[Severity.WARNING.value],
        "infos": summary[Severity.INFO.value],
        "yusuan_version": __version__,
        "ingested_at": datetime.now(UTC),
        "document": zlib.compress(dumps(d, indent=None).encode("utf-8"), 6),
    }
    return PackageRecords(package, children)


def _tables(d: Disclosure, file: str, out: dict[str, list[Record]]) -> None:
    for t, table in enumerate(d.tables):
        unit = table.unit.value
        out["tables"].append(
            {
                "table_no": t,
                "kind": table.kind.value,
                "number": table.number,
                "title": table.title,
                "caption": table.caption,
                "unit": unit,
                "decimals": table.decimals,
                "department": table.department,
                "empty_note": table.empty_note,
                "notes": list(table.notes),
            }
            | source_values(table.source, file)
        )
        for c, column in enumerate(table.columns):
            out["table_columns"].append(
                {
                    "table_no": t,
                    "column_no": c,
                    "column_key": column.key,
                    "label": column.label,
                    "side": column.side.value if column.side else None,
                    "column_group": column.group,
                }
            )
        for r, row in enumerate(table.rows):
            out["rows"].append(
                {
                    "table_no": t,
                    "row_no": r,
                    "name": row.name,
                    "code": row.code,
                    "row_key": row.key,
                    "role": row.role.value,
                    "side": row.side.value if row.side else None,
                    "level": row.level,
                    "parent": row.parent,
                    "texts": [list(pair) for pair in row.texts],
                }
                | source_values(row.source, file)
            )
            for c, (key, value) in enumerate(row.values):
                out["amounts"].append(
                    {
                        "table_no": t,
                        "row_no": r,
                        "column_no": c,
                        "column_key": key,
                        "value": None if value is None else decimal_text(value),
                        "fen": None if value is None else to_fen(value, unit),
                        "unit": unit,
                    }
                )


def _narrative(d: Disclosure, file: str, out: dict[str, list[Record]]) -> None:
    for s, section in enumerate(d.sections):
        out["sections"].append(
            {"section_no": s, "number": section.number, "title": section.title, "topic": section.topic.value}
            | source_values(section.source, file)
        )
        for p, paragraph in enumerate(section.paragraphs):
            out["paragraphs"].append(
                {"section_no": s, "paragraph_no": p, "text": paragraph.text} | source_values(paragraph.source, file)
            )
            for n, figure in enumerate(paragraph.figures):
                out["figures"].append(
                    {
                        "section_no": s,
                        "paragraph_no": p,
                        "figure_no": n,
                        "value": decimal_text(figure.value),
                        "fen": to_fen(figure.value, figure.unit) if figure.unit in MONEY_UNITS else None,
                        "unit": figure.unit,
                        "text": figure.text,
                        "label": figure.label,
                    }
                    | source_values(figure.source, file)
                )


def _form_amount(form_no: int, n: int, part: str, key: str, amount: Amount, unit: Unit, file: str) -> Record:
    return {
        "form_no": form_no,
        "amount_no": n,
        "part": part,
        "amount_key": key,
        "value": decimal_text(amount.value),
        "fen": to_fen(amount.value, unit.value),
        "unit": unit.value,
    } | source_values(amount.source, file)


def _forms(d: Disclosure, file: str, out: dict[str, list[Record]]) -> None:
    form_no = 0
    for form in d.project_forms:
        out["forms"].append(
            {
                "form_no": form_no,
                "form_kind": "project",
                "title": form.title,
                "name": form.name,
                "year_label": form.year_label,
                "department_code": form.department_code,
                "department": form.department,
                "implementing_unit": form.implementing_unit,
                "attribute": form.attribute,
                "duration": form.duration,
                "goal_implementation": form.goal_implementation,
                "goal_annual": form.goal_annual,
                "texts": [list(pair) for pair in form.texts],
                "facts": [],
                "signature": _signature(form.signature),
            }
            | source_values(form.source, file)
        )
        n, unit = 0, form.unit or Unit.YUAN  # a project form prints 元, some 万元
        for part, split in (("implementation", form.implementation), ("annual", form.annual)):
            for key in FUND_SOURCES:
                amount = split.get(key)
                if amount is not None:
                    out["form_amounts"].append(_form_amount(form_no, n, part, key, amount, unit, file))
                    n += 1
        _indicators(form_no, form.indicators, file, out)
        form_no += 1
    for overall in d.overall_forms:
        out["forms"].append(
            {
                "form_no": form_no,
                "form_kind": "overall",
                "title": overall.title,
                "name": None,
                "year_label": overall.year_label,
                "department_code": None,
                "department": overall.department,
                "implementing_unit": None,
                "attribute": None,
                "duration": None,
                "goal_implementation": None,
                "goal_annual": None,
                "texts": [list(pair) for pair in overall.texts],
                "facts": [list(pair) for pair in overall.facts],
                "signature": _signature(overall.signature),
            }
            | source_values(overall.source, file)
        )
        n = 0
        for line in overall.funds:
            for key in ("last_budget", "last_final", "requested"):
                amount = getattr(line, key)
                if amount is not None:
                    out["form_amounts"].append(_form_amount(form_no, n, line.name, key, amount, Unit.WAN, file))
                    n += 1
        _indicators(form_no, overall.indicators, file, out)
        form_no += 1


def _signature(signature: object) -> dict[str, str | None]:
    return {name: getattr(signature, name) for name in ("responsible", "handler", "phone", "date")}


def _indicators(form_no: int, indicators: Iterable[Any], file: str, out: dict[str, list[Record]]) -> None:
    for n, ind in enumerate(indicators):
        out["indicators"].append(
            {
                "form_no": form_no,
                "indicator_no": n,
                "level1": ind.level1,
                "level2": ind.level2,
                "name": ind.name,
                "value": ind.value,
                "period": ind.period.value,
            }
            | source_values(ind.source, file)
        )


def finding_record(n: int, f: Finding, file: str) -> Record:
    return {
        "finding_no": n,
        "rule": f.rule,
        "family": family_of(f).value,
        "severity": f.severity.value,
        "message": f.message,
        "expected": f.expected,
        "found": f.found,
        "related": [list(source_values(s, file).values()) for s in f.related],
    } | source_values(f.location, file)


# Rebuilding: stored rows → the model's types.


def rebuild_tables(
    file: str,
    table_rows: Iterable[Mapping[str, Any]],
    column_rows: Iterable[Mapping[str, Any]],
    row_rows: Iterable[Mapping[str, Any]],
    amount_rows: Iterable[Mapping[str, Any]],
) -> tuple[Table, ...]:
    """A package's tables from its `tables`, `table_columns`, `rows` and `amounts` rows, each
    in key order."""
    columns: dict[int, list[Column]] = {}
    for c in column_rows:
        columns.setdefault(c["table_no"], []).append(
            Column(c["column_key"], c["label"], Side(c["side"]) if c["side"] else None, c["column_group"])
        )
    values: dict[tuple[int, int], list[tuple[str, Decimal | None]]] = {}
    for a in amount_rows:
        value = None if a["value"] is None else Decimal(a["value"])
        values.setdefault((a["table_no"], a["row_no"]), []).append((a["column_key"], value))
    rows: dict[int, list[Row]] = {}
    for r in row_rows:
        t = r["table_no"]
        rows.setdefault(t, []).append(
            Row(
                r["name"],
                tuple(values.get((t, r["row_no"]), ())),
                source_from(r, file),
                r["code"],
                r["row_key"],
                RowRole(r["role"]),
                Side(r["side"]) if r["side"] else None,
                r["level"],
                r["parent"],
                tuple((k, v) for k, v in r["texts"]),
            )
        )
    return tuple(
        Table(
            kind=TableKind(t["kind"]),
            title=t["title"],
            unit=Unit(t["unit"]),
            columns=tuple(columns.get(t["table_no"], ())),
            rows=tuple(rows.get(t["table_no"], ())),
            source=source_from(t, file),
            caption=t["caption"],
            number=t["number"],
            department=t["department"],
            empty_note=t["empty_note"],
            notes=tuple(t["notes"]),
            decimals=t["decimals"],
        )
        for t in table_rows
    )


def rebuild_finding(record: Mapping[str, Any], file: str) -> Finding:
    return Finding(
        rule=record["rule"],
        severity=Severity(record["severity"]),
        message=record["message"],
        location=source_from(record, file),
        expected=record["expected"],
        found=record["found"],
        related=tuple(source_from(dict(zip(SOURCE_FIELDS, values, strict=True)), file) for values in record["related"]),
    )


def rebuild_disclosure(document: bytes) -> Disclosure:
    """The whole Disclosure a package was read into, from its stored document."""
    return loads(zlib.decompress(document).decode("utf-8"))
