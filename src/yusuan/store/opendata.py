"""Open data from the store: tidy CSV and Parquet (one value per row, with its codes and the keys
of its package), and a Fiscal Data Package (the CSV files and a `datapackage.json` that describes
them with Table Schemas and the fiscal model: measures and dimensions).

One file per table kind (`expenditure_summary.csv`, …), plus `packages` (one row per package:
the key every other file refers to), `figures` (the narrative's numbers) and `findings`. Amounts
are exact decimals: `value` as printed in `unit`, and `yuan`, the same amount in 元 (the
measure of the fiscal model). Parquet stores them as decimal128, never as floats.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ..errors import YusuanError
from ..model import TableKind, Unit
from ..version import __version__
from .queries import Filters, money
from .schema import ROW_OF_AMOUNT, TABLE_OF_AMOUNT, amounts, figures, findings, packages, rows, table_columns, tables

FORMATS = ("csv", "parquet", "fdp")


class ExportError(YusuanError):
    """Open data that cannot be written as asked."""


# Each file's columns: (name, Table Schema type, description). Amount columns are "number".
Fields = tuple[tuple[str, str, str], ...]

PACKAGE_FIELDS: Fields = (
    ("package_id", "integer", "the package's id in the store"),
    ("content_hash", "string", "sha256 of the published file"),
    ("file", "string", "the file the package was read from"),
    ("department", "string", "the publishing department or unit"),
    ("region", "string", "its region"),
    ("level", "string", "its level of government"),
    ("year", "integer", "the budget year"),
    ("document_type", "string", "department_budget, unit_budget, department_final or unit_final"),
    ("kind", "string", "预算 or 决算"),
    ("reader", "string", "which reader read the file"),
    ("errors", "integer", "error findings of the checker"),
    ("warnings", "integer", "warning findings"),
    ("infos", "integer", "notes (rounding and the like)"),
)

AMOUNT_FIELDS: Fields = (
    ("package_id", "integer", "the package (packages.package_id)"),
    ("year", "integer", "the budget year"),
    ("department", "string", "the publishing department or unit"),
    ("document_type", "string", "department_budget, unit_budget, department_final or unit_final"),
    ("table_no", "integer", "the table's place in the package (0-based)"),
    ("table_number", "integer", "the table's printed number"),
    ("table_title", "string", "the table's title as printed"),
    ("row_no", "integer", "the row's place in the table (0-based)"),
    ("side", "string", "income or expenditure, in a two-sided table"),
    ("code", "string", "the row's classification code (功能分类 类/款/项, 经济分类)"),
    ("name", "string", "the row's name as printed"),
    ("row_key", "string", "the row's fixed key (三公 items, fund sources, …)"),
    ("role", "string", "item, total or grand_total"),
    ("column_no", "integer", "the amount's place in the row (0-based)"),
    ("column_key", "string", "what the amount is (total, basic, project, general, …)"),
    ("column_label", "string", "the column's header as printed"),
    ("value", "number", "the amount as printed, in unit"),
    ("unit", "string", "元 or 万元"),
    ("yuan", "number", "the same amount in 元"),
    ("page", "integer", "the page it was read on (PDF)"),
    ("line", "integer", "the line it was read on (text)"),
)

FIGURE_FIELDS: Fields = (
    ("package_id", "integer", "the package (packages.package_id)"),
    ("section_no", "integer", "the narrative section (0-based)"),
    ("paragraph_no", "integer", "the paragraph in its section"),
    ("figure_no", "integer", "the figure in its paragraph"),
    ("label", "string", "what the text says the figure is of"),
    ("value", "number", "the figure"),
    ("unit", "string", "its unit (元, 万元, %, 个, …)"),
    ("text", "string", "the figure as printed"),
    ("page", "integer", "the page it was read on (PDF)"),
    ("line", "integer", "the line it was read on (text)"),
)

FINDING_FIELDS: Fields = (
    ("package_id", "integer", "the package (packages.package_id)"),
    ("finding_no", "integer", "the finding's place in the package's report"),
    ("rule", "string", "the rule's id (docs/rules.md)"),
    ("family", "string", "the rule's family"),
    ("severity", "string", "error, warning or info"),
    ("message", "string", "what was found"),
    ("expected", "string", "what the rule expected"),
    ("found", "string", "what the package says"),
    ("page", "integer", "the page (PDF)"),
    ("line", "integer", "the line (text)"),
)


def export(engine: Engine, directory: Path, formats: Sequence[str], filters: Filters) -> list[Path]:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ExportError(f"未知的格式 {', '.join(unknown) or '（空）'}；可用：{','.join(FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        ids = [r.id for r in conn.execute(filters.apply(select(packages.c.id)))]
        resources: dict[str, tuple[Fields, list[tuple[Any, ...]]]] = {
            "packages": (PACKAGE_FIELDS, list(_packages(conn, ids)))
        }
        for kind, rows_ in _amounts(conn, ids).items():
            resources[kind] = (AMOUNT_FIELDS, rows_)
        resources["figures"] = (FIGURE_FIELDS, list(_figures(conn, ids)))
        resources["findings"] = (FINDING_FIELDS, list(_findings(conn, ids)))
    written: list[Path] = []
    if "csv" in formats or "fdp" in formats:
        for name, (fields, data) in resources.items():
            written.append(_write_csv(directory / f"{name}.csv", fields, data))
    if "fdp" in formats:
        written.append(_write_descriptor(directory, resources))
    if "parquet" in formats:
        for name, (fields, data) in resources.items():
            written.append(_write_parquet(directory / f"{name}.parquet", fields, data))
    return written


def _packages(conn: Any, ids: list[int]) -> Iterator[tuple[Any, ...]]:
    p = packages.c
    query = select(
        p.id, p.content_hash, p.file, p.department, p.region, p.level, p.year, p.document_type, p.kind, p.reader
    ).add_columns(p.errors, p.warnings, p.infos)
    yield from (tuple(r) for r in conn.execute(query.where(p.id.in_(ids)).order_by(p.id)))


def _amounts(conn: Any, ids: list[int]) -> dict[str, list[tuple[Any, ...]]]:
    """Tidy amount rows by table kind, in package, table, row, column order; blank cells left
    out (a kind whose tables are all blank gets a file with its header only)."""
    labels: dict[tuple[int, int, str, str | None], str] = {}
    for c in conn.execute(select(table_columns).where(table_columns.c.package_id.in_(ids))):
        labels.setdefault((c.package_id, c.table_no, c.column_key, c.side), c.label)
    query = (
        select(
            amounts.c.package_id,
            packages.c.year,
            packages.c.department,
            packages.c.document_type,
            amounts.c.table_no,
            tables.c.number,
            tables.c.title,
            amounts.c.row_no,
            rows.c.side,
            rows.c.code,
            rows.c.name,
            rows.c.row_key,
            rows.c.role,
            amounts.c.column_no,
            amounts.c.column_key,
            amounts.c.value,
            amounts.c.unit,
            amounts.c.fen,
            rows.c.page,
            rows.c.line,
            tables.c.kind,
        )
        .join(packages, packages.c.id == amounts.c.package_id)
        .join(tables, TABLE_OF_AMOUNT)
        .join(rows, ROW_OF_AMOUNT)
        .where(amounts.c.package_id.in_(ids), amounts.c.value.is_not(None))
        .order_by(amounts.c.package_id, amounts.c.table_no, amounts.c.row_no, amounts.c.column_no)
    )
    out: dict[str, list[tuple[Any, ...]]] = {kind.value: [] for kind in TableKind}
    for a in conn.execute(query):
        label = labels.get((a.package_id, a.table_no, a.column_key, a.side)) or labels.get(
            (a.package_id, a.table_no, a.column_key, None)
        )
        value = Decimal(a.value)
        yuan = money(a.fen, Unit.YUAN) if a.fen is not None else value * (10000 if a.unit == "万元" else 1)
        out[a.kind].append(
            (
                *a[:15],
                label,
                value,
                a.unit,
                yuan,
                a.page,
                a.line,
            )
        )
    present = set(conn.execute(select(tables.c.kind).where(tables.c.package_id.in_(ids)).distinct()).scalars())
    return {kind: data for kind, data in out.items() if data or kind in present}


def _figures(conn: Any, ids: list[int]) -> Iterator[tuple[Any, ...]]:
    f = figures.c
    query = select(f.package_id, f.section_no, f.paragraph_no, f.figure_no, f.label, f.value, f.unit, f.text)
    query = query.add_columns(f.page, f.line).where(f.package_id.in_(ids))
    for r in conn.execute(query.order_by(f.package_id, f.section_no, f.paragraph_no, f.figure_no)):
        yield (*r[:5], Decimal(r.value), *r[6:])


def _findings(conn: Any, ids: list[int]) -> Iterator[tuple[Any, ...]]:
    f = findings.c
    query = select(f.package_id, f.finding_no, f.rule, f.family, f.severity, f.message, f.expected, f.found)
    query = query.add_columns(f.page, f.line).where(f.package_id.in_(ids))
    yield from (tuple(r) for r in conn.execute(query.order_by(f.package_id, f.finding_no)))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _write_csv(path: Path, fields: Sequence[tuple[str, str, str]], data: Sequence[tuple[Any, ...]]) -> Path:
    """UTF-8 (no BOM: the Fiscal Data Package reads it as declared), a header, one row per record."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(name for name, _, _ in fields)
        writer.writerows([_cell(v) for v in row] for row in data)
    return path


def _schema(name: str, fields: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields]}
    if name == "packages":
        schema["primaryKey"] = ["package_id"]
    else:
        key = {
            "figures": ["package_id", "section_no", "paragraph_no", "figure_no"],
            "findings": ["package_id", "finding_no"],
        }.get(name, ["package_id", "table_no", "row_no", "column_no"])
        schema["primaryKey"] = key
        schema["foreignKeys"] = [
            {"fields": ["package_id"], "reference": {"resource": "packages", "fields": ["package_id"]}}
        ]
    return schema


def _write_descriptor(directory: Path, resources: dict[str, tuple[Any, Any]]) -> Path:
    """`datapackage.json`: a Tabular Data Package whose `model` (Fiscal Data Package) names the
    measure of every amount file (`yuan`, in CNY) and the dimensions that classify it."""
    amount_files = [name for name in resources if name in {k.value for k in TableKind}]
    descriptor = {
        "profile": "tabular-data-package",
        "name": "yusuan-budget-disclosures",
        "title": "部门预算公开 (department budget disclosures), read by yusuan",
        "description": "Every amount of every standard table of the stored packages, one per row, with "
        "its codes, its package and where it was printed. Produced by yusuan " + __version__ + ".",
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(name, fields),
            }
            for name, (fields, _) in resources.items()
        ],
        "model": {
            "measures": {
                f"{name}_yuan": {"source": "yuan", "resource": name, "currency": "CNY", "factor": 1}
                for name in amount_files
            },
            "dimensions": {
                "package": {
                    "dimensionType": "entity",
                    "primaryKey": "package_id",
                    "attributes": {
                        "package_id": {"source": "package_id"},
                        "department": {"source": "department", "labelfor": "package_id"},
                        "document_type": {"source": "document_type"},
                    },
                },
                "year": {
                    "dimensionType": "datetime",
                    "primaryKey": "year",
                    "attributes": {"year": {"source": "year"}},
                },
                "classification": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "primaryKey": "code",
                    "attributes": {
                        "code": {"source": "code"},
                        "name": {"source": "name", "labelfor": "code"},
                    },
                },
                "amount_kind": {
                    "dimensionType": "other",
                    "primaryKey": "column_key",
                    "attributes": {
                        "column_key": {"source": "column_key"},
                        "column_label": {"source": "column_label", "labelfor": "column_key"},
                    },
                },
                "place": {
                    "dimensionType": "other",
                    "primaryKey": ["table_no", "row_no", "column_no"],
                    "attributes": {
                        "table_no": {"source": "table_no"},
                        "row_no": {"source": "row_no"},
                        "column_no": {"source": "column_no"},
                        "table_title": {"source": "table_title"},
                        "side": {"source": "side"},
                        "row_key": {"source": "row_key"},
                        "role": {"source": "role"},
                    },
                },
            },
        },
    }
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _write_parquet(path: Path, fields: Sequence[tuple[str, str, str]], data: Sequence[tuple[Any, ...]]) -> Path:
    """Amounts as decimal128 with six places (万元 to the 分), integers as int64, text as strings."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    types = {"integer": pa.int64(), "number": pa.decimal128(38, 6), "string": pa.string()}
    columns = list(zip(*data, strict=True)) if data else [() for _ in fields]
    arrays = [
        pa.array([_places(v) for v in column] if kind == "number" else list(column), type=types[kind])
        for (_, kind, _), column in zip(fields, columns, strict=True)
    ]
    table = pa.Table.from_arrays(arrays, schema=pa.schema([pa.field(n, types[k]) for n, k, _ in fields]))
    pq.write_table(table, path)
    return path


def _places(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    scaled = value.quantize(_SIX)
    if scaled != value:
        raise ExportError(f"{value}: 小数位超过六位，Parquet 无法精确保存（more than six places）")
    return scaled


_SIX = Decimal("0.000001")
