"""The questions people ask of the store, each answered as one `Sheet` (a header and rows; money
exact, in one unit): a department over the years, a region's departments in one year, packages by
their findings, the list of packages, and raw SQL (read-only) for everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import YusuanError
from ..export.flat import Sheet
from ..model import ColumnKey, DocumentType, RowRole, TableKind, Unit
from ..model.codes import CodeScheme, scheme
from .schema import ROW_OF_AMOUNT, amounts, findings, packages, rows, table_columns, tables


class QueryError(YusuanError):
    """A question the store cannot answer as asked (no such department, bad SQL, …)."""


# The amount column that stands for a row's value, most wanted first: 合计 in a budget's tables,
# 决算数 in a final account's, the only amount of a two-sided summary's side.
VALUE_COLUMNS = (ColumnKey.TOTAL.value, ColumnKey.FINAL.value, ColumnKey.AMOUNT.value)

LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}


def money(fen: int, unit: Unit) -> Decimal:
    """An amount in 分 expressed in `unit`, exactly, with at least two places."""
    value = Decimal(fen).scaleb(-2 if unit is Unit.YUAN else -6)
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


def _amount(fen: int | None, value: str | None, from_unit: str, unit: Unit) -> Decimal | None:
    """A stored amount in `unit`: from 分 when whole, else from the decimal as read."""
    if fen is not None:
        return money(fen, unit)
    if value is None:
        return None
    return Decimal(value) * Unit(from_unit).factor / unit.factor


def change_rate(before: Decimal | None, after: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(after − before, the change in percent of before to 0.01) where both are known."""
    if before is None or after is None:
        return None, None
    delta = after - before
    if not before:
        return delta, None
    return delta, (delta * 100 / before).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which packages a question is about; None means any."""

    department: str | None = None
    region: str | None = None  # this region and every region whose name starts with it
    year: int | None = None
    level: str | None = None
    document_type: str | None = None
    kind: str | None = None  # 预算 or 决算

    def apply(self, query: Select[Any]) -> Select[Any]:
        p = packages.c
        if self.department is not None:
            query = query.where(p.department == self.department)
        if self.region is not None:
            query = query.where(p.region.like(_prefix(self.region), escape="\\"))
        if self.year is not None:
            query = query.where(p.year == self.year)
        if self.level is not None:
            query = query.where(p.level == self.level)
        if self.document_type is not None:
            query = query.where(p.document_type == self.document_type)
        if self.kind is not None:
            query = query.where(p.kind == self.kind)
        return query


def _prefix(text_: str) -> str:
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _label(document_type: str | None) -> str:
    return DocumentType(document_type).label if document_type else ""


# A department over the years.


@dataclass(frozen=True, slots=True)
class _Stored:
    """A package's row of one table, its value in the chosen column."""

    identity: tuple[str, str, str]  # (side, "code"/"key"/"name", value)
    name: str
    code: str | None
    value: Decimal | None


def department_years(
    conn: Connection,
    department: str,
    *,
    filters: Filters = Filters(),
    kinds: Sequence[TableKind] | None = None,
    unit: Unit | None = None,
    years: Sequence[int] | None = None,
) -> Sheet:
    """One department's packages side by side, year by year, table by table: each row of each
    table kind (by its code, 类/款/项, or its fixed key, or its name) with its value in each
    package (the 合计 column, or 决算数 in a final account), and the change from the year before
    the last to the last. Amounts in `unit` (default: the unit the newest package prints).
    `years`: only the packages of these years (two years: the change between them)."""
    chosen = Filters(
        department,
        filters.region,
        filters.year,
        filters.level,
        filters.document_type,
        filters.kind,
    )
    found = conn.execute(
        chosen.apply(
            select(packages.c.id, packages.c.year, packages.c.document_type, packages.c.unit).order_by(
                packages.c.year, packages.c.document_type, packages.c.id
            )
        )
    ).all()
    if years is not None:
        found = [p for p in found if p.year in years]
    if not found:
        raise QueryError(f"库中没有“{department}”的文件（no package of this department）{_suggest(conn, department)}")
    if filters.document_type is None:
        found = _one_document_type(found)
    ids = [p.id for p in found]
    labels = []
    for p in found:
        label = str(p.year) if p.year is not None else "年度不详"
        if any(q.year == p.year and q.id != p.id for q in found):
            label += f" #{p.id}"
        labels.append(label)
    target = unit or Unit(found[-1].unit or Unit.WAN.value)
    values = _table_values(conn, ids, kinds, target)
    header = ("表", "收支", "编码", "层级", "名称", *labels, "增减", "增减率%")
    out: list[tuple[Any, ...]] = []
    for kind in TableKind:
        per_package = [values.get((pid, kind), []) for pid in ids]
        if not any(per_package):
            continue
        order = sorted(
            _merged_order([[row.identity for row in stored] for stored in reversed(per_package)]),
            key=lambda identity: _SIDES.index(identity[0]),
        )
        latest: dict[tuple[str, str, str], _Stored] = {}
        by_package: list[dict[tuple[str, str, str], Decimal | None]] = []
        for stored in per_package:
            by_package.append({row.identity: row.value for row in stored})
            for row in stored:
                latest[row.identity] = row
        for identity in order:
            row = latest[identity]
            cells = [mapping.get(identity) for mapping in by_package]
            delta, rate = change_rate(cells[-2], cells[-1]) if len(cells) > 1 else (None, None)
            out.append(
                (
                    kind.label,
                    {"income": "收入", "expenditure": "支出"}.get(identity[0], ""),
                    row.code,
                    _level_name(row.code),
                    row.name,
                    *cells,
                    delta,
                    rate,
                )
            )
    amount_columns = tuple(range(5, 5 + len(labels) + 1))
    document = _label(found[-1].document_type)
    return Sheet(f"{department} {document}（{target.value}）", header, tuple(out), amount_columns)


def _one_document_type(found: Sequence[Any]) -> list[Any]:
    """A department's packages of one document type: the type with the most years (a 部门预算
    before a 单位预算 when as many), so that the years compare like with like."""
    years: dict[str | None, set[int | None]] = {}
    for p in found:
        years.setdefault(p.document_type, set()).add(p.year)
    order = [t.value for t in DocumentType]
    best = min(years, key=lambda t: (-len(years[t]), order.index(t) if t in order else len(order)))
    return [p for p in found if p.document_type == best]


_SIDES = ("", "income", "expenditure")


def _suggest(conn: Connection, department: str) -> str:
    like = conn.execute(
        select(packages.c.department)
        .where(packages.c.department.like(f"%{department.replace('%', '')}%"))
        .distinct()
        .order_by(packages.c.department)
        .limit(5)
    ).scalars()
    names = [n for n in like if n]
    return f"；库中相近的名称：{'、'.join(names)}" if names else ""


def _level_name(code: str | None) -> str:
    if code is None or scheme(code) is not CodeScheme.FUNCTION:
        return ""
    return LEVEL_NAMES.get((len(code) - 1) // 2, "")


def _value_columns(conn: Connection, ids: Sequence[int]) -> dict[tuple[int, int, str | None], str]:
    """(package, table, side) → the key of the column that stands for a row's value."""
    keys: dict[tuple[int, int, str | None], list[str]] = {}
    for c in conn.execute(
        select(table_columns.c.package_id, table_columns.c.table_no, table_columns.c.side, table_columns.c.column_key)
        .where(table_columns.c.package_id.in_(ids))
        .order_by(table_columns.c.package_id, table_columns.c.table_no, table_columns.c.column_no)
    ):
        keys.setdefault((c.package_id, c.table_no, c.side), []).append(c.column_key)
    chosen = {}
    for place, present in keys.items():
        chosen[place] = next((k for k in VALUE_COLUMNS if k in present), present[0])
    return chosen


def _table_values(
    conn: Connection, ids: Sequence[int], kinds: Sequence[TableKind] | None, unit: Unit
) -> dict[tuple[int, TableKind], list[_Stored]]:
    """Each package's rows of each table kind (its first table of that kind), with their values."""
    columns = _value_columns(conn, ids)
    first: dict[tuple[int, str], int] = {}
    query = select(tables.c.package_id, tables.c.table_no, tables.c.kind).where(tables.c.package_id.in_(ids))
    if kinds is not None:
        query = query.where(tables.c.kind.in_([k.value for k in kinds]))
    for t in conn.execute(query.order_by(tables.c.package_id, tables.c.table_no)):
        first.setdefault((t.package_id, t.kind), t.table_no)
    wanted = {(pid, table_no) for (pid, _), table_no in first.items()}
    kind_of = {(pid, table_no): TableKind(kind) for (pid, kind), table_no in first.items()}
    cells: dict[tuple[int, int, int], Decimal | None] = {}
    for a in conn.execute(
        select(
            amounts.c.package_id,
            amounts.c.table_no,
            amounts.c.row_no,
            amounts.c.column_key,
            amounts.c.fen,
            amounts.c.value,
            amounts.c.unit,
            rows.c.side,
        )
        .join(rows, ROW_OF_AMOUNT)
        .where(amounts.c.package_id.in_(ids))
    ):
        if (a.package_id, a.table_no) not in wanted:
            continue
        key = columns.get((a.package_id, a.table_no, a.side)) or columns.get((a.package_id, a.table_no, None))
        if a.column_key == key:
            cells[(a.package_id, a.table_no, a.row_no)] = _amount(a.fen, a.value, a.unit, unit)
    out: dict[tuple[int, TableKind], list[_Stored]] = {}
    seen: set[tuple[int, int, tuple[str, str, str]]] = set()
    for r in conn.execute(
        select(rows.c.package_id, rows.c.table_no, rows.c.row_no, rows.c.name, rows.c.code, rows.c.row_key, rows.c.side)
        .where(rows.c.package_id.in_(ids))
        .order_by(rows.c.package_id, rows.c.table_no, rows.c.row_no)
    ):
        if (r.package_id, r.table_no) not in wanted:
            continue
        identity = _identity(r.side, r.code, r.row_key, r.name)
        if (r.package_id, r.table_no, identity) in seen:  # a name printed twice: the first stands
            continue
        seen.add((r.package_id, r.table_no, identity))
        out.setdefault((r.package_id, kind_of[(r.package_id, r.table_no)]), []).append(
            _Stored(identity, r.name, r.code, cells.get((r.package_id, r.table_no, r.row_no)))
        )
    return out


def _identity(side: str | None, code: str | None, key: str | None, name: str) -> tuple[str, str, str]:
    """What makes a row the same row in another year: its code, else its fixed key, else its name."""
    if code:
        return (side or "", "code", code)
    if key:
        return (side or "", "key", key)
    return (side or "", "name", _ORDINAL.sub("", "".join(name.split())))


# "一、" "1." "（一）" "(2)" before a row's name: its place in the list, which moves between years
_ORDINAL = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]")


def _merged_order(sequences: Iterable[Sequence[Any]]) -> list[Any]:
    """The items of several ordered sequences in one order that keeps each first sequence's order
    and puts a later sequence's new items after the item they follow there."""
    order: list[Any] = []
    placed: set[Any] = set()
    for sequence in sequences:
        after = -1
        for item in sequence:
            if item in placed:
                after = order.index(item)
                continue
            order.insert(after + 1, item)
            placed.add(item)
            after += 1
    return order


# A region's departments in one year.

REGION_HEADER = (
    "编号",
    "部门",
    "文件类型",
    "支出总计",
    "基本支出",
    "项目支出",
    "“三公”经费",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费",
    "机关运行经费",
    "错误",
)

# (table kind, row key or role, column) for each figure of the region sheet, most wanted first.
_REGION_FIGURES: dict[str, tuple[tuple[TableKind, str, tuple[str, ...]], ...]] = {
    "支出总计": (
        (TableKind.BUDGET_SUMMARY, "grand_total:expenditure", VALUE_COLUMNS),
        (TableKind.EXPENDITURE_SUMMARY, "total", VALUE_COLUMNS),
    ),
    "基本支出": ((TableKind.EXPENDITURE_SUMMARY, "total", (ColumnKey.BASIC.value,)),),
    "项目支出": ((TableKind.EXPENDITURE_SUMMARY, "total", (ColumnKey.PROJECT.value,)),),
    "“三公”经费": ((TableKind.THREE_PUBLIC, "total", VALUE_COLUMNS),),
    "因公出国（境）费": ((TableKind.THREE_PUBLIC, "key:abroad", VALUE_COLUMNS),),
    "公务接待费": ((TableKind.THREE_PUBLIC, "key:reception", VALUE_COLUMNS),),
    "公务用车购置及运行费": ((TableKind.THREE_PUBLIC, "key:vehicle", VALUE_COLUMNS),),
    "机关运行经费": ((TableKind.ORG_OPERATION, "total", VALUE_COLUMNS),),
}


def region_year(
    conn: Connection, region: str, year: int, *, filters: Filters = Filters(), unit: Unit = Unit.WAN
) -> Sheet:
    """The departments of a region (and of the regions under it) side by side for one year:
    支出总计, 基本支出 and 项目支出, “三公”经费 and its parts, 机关运行经费, and the errors the
    checker found; amounts in `unit`, largest 支出总计 first. A figure a package does not print
    is blank."""
    chosen = Filters(filters.department, region, year, filters.level, filters.document_type, filters.kind)
    found = conn.execute(
        chosen.apply(
            select(packages.c.id, packages.c.department, packages.c.document_type, packages.c.errors).order_by(
                packages.c.department, packages.c.id
            )
        )
    ).all()
    if not found:
        raise QueryError(f"库中没有{region}{year}年的文件（no package of this region and year）")
    ids = [p.id for p in found]
    kinds = sorted({kind for options in _REGION_FIGURES.values() for kind, _, _ in options}, key=list(TableKind).index)
    figures = _row_figures(conn, ids, kinds, unit)
    out = []
    for p in found:
        values: list[Decimal | None] = []
        for name in REGION_HEADER[3:-1]:
            value = None
            for kind, where, columns in _REGION_FIGURES[name]:
                value = next((v for c in columns if (v := figures.get((p.id, kind, where, c))) is not None), None)
                if value is not None:
                    break
            values.append(value)
        out.append((p.id, p.department, _label(p.document_type), *values, p.errors))
    out.sort(key=lambda row: (row[3] is None, -(row[3] or 0), row[1] or ""))
    return Sheet(f"{region}{year}年（{unit.value}）", REGION_HEADER, tuple(out), tuple(range(3, 11)))


def _row_figures(
    conn: Connection, ids: Sequence[int], kinds: Sequence[TableKind], unit: Unit
) -> dict[tuple[int, TableKind, str, str], Decimal]:
    """(package, kind, where, column) → amount, for the rows the region sheet reads: each table's
    合计 ("total"), its 总计 of a side ("grand_total:expenditure"), and rows by key ("key:abroad");
    the first table of each kind, the first such row."""
    first: dict[tuple[int, str], int] = {}
    for t in conn.execute(
        select(tables.c.package_id, tables.c.table_no, tables.c.kind)
        .where(tables.c.package_id.in_(ids), tables.c.kind.in_([k.value for k in kinds]))
        .order_by(tables.c.package_id, tables.c.table_no)
    ):
        first.setdefault((t.package_id, t.kind), t.table_no)
    kind_of = {(pid, table_no): TableKind(kind) for (pid, kind), table_no in first.items()}
    out: dict[tuple[int, TableKind, str, str], Decimal] = {}
    query = (
        select(
            amounts.c.package_id,
            amounts.c.table_no,
            amounts.c.row_no,
            amounts.c.column_key,
            amounts.c.fen,
            amounts.c.value,
            amounts.c.unit,
            rows.c.role,
            rows.c.row_key,
            rows.c.side,
        )
        .join(rows, ROW_OF_AMOUNT)
        .where(
            amounts.c.package_id.in_(ids),
            or_(rows.c.role != RowRole.ITEM.value, rows.c.row_key.is_not(None)),
        )
        .order_by(amounts.c.package_id, amounts.c.table_no, amounts.c.row_no, amounts.c.column_no)
    )
    for a in conn.execute(query):
        kind = kind_of.get((a.package_id, a.table_no))
        if kind is None:
            continue
        value = _amount(a.fen, a.value, a.unit, unit)
        if value is None:
            continue
        places = []
        if a.role == RowRole.TOTAL.value:
            places.append("total")
        elif a.role == RowRole.GRAND_TOTAL.value:
            places.append(f"grand_total:{a.side}")
        if a.row_key:
            places.append(f"key:{a.row_key}")
        for where in places:
            out.setdefault((a.package_id, kind, where, a.column_key), value)
    return out


# Packages by their findings.

FINDINGS_HEADER = ("编号", "部门", "年度", "文件类型", "地区", "错误", "警告", "提示", "命中", "最多的规则")


def packages_by_findings(
    conn: Connection,
    *,
    filters: Filters = Filters(),
    rule: str | None = None,
    family: str | None = None,
    severity: str | None = None,
    limit: int | None = None,
) -> Sheet:
    """Packages with the findings asked for (a rule, a family of rules, a severity; any finding
    when none is named), most hits first: each with its counts by severity, its hits, and its
    three most frequent rules among them."""
    conditions = []
    if rule is not None:
        conditions.append(findings.c.rule == rule)
    if family is not None:
        conditions.append(findings.c.family == family)
    if severity is not None:
        conditions.append(findings.c.severity == severity)
    hits = (
        select(findings.c.package_id, findings.c.rule, func.count().label("n"))
        .where(*conditions)
        .group_by(findings.c.package_id, findings.c.rule)
        .subquery()
    )
    per_package: dict[int, list[tuple[str, int]]] = {}
    for h in conn.execute(select(hits.c.package_id, hits.c.rule, hits.c.n)):
        per_package.setdefault(h.package_id, []).append((h.rule, int(h.n)))
    listed = conn.execute(
        filters.apply(
            select(
                packages.c.id,
                packages.c.department,
                packages.c.year,
                packages.c.document_type,
                packages.c.region,
                packages.c.errors,
                packages.c.warnings,
                packages.c.infos,
            ).where(packages.c.id.in_(list(per_package)) if per_package else packages.c.id < 0)
        )
    ).all()
    out = []
    for p in listed:
        rules = sorted(per_package[p.id], key=lambda rn: (-rn[1], rn[0]))
        out.append(
            (
                p.id,
                p.department,
                p.year,
                _label(p.document_type),
                p.region,
                p.errors,
                p.warnings,
                p.infos,
                sum(n for _, n in rules),
                "、".join(f"{r}×{n}" for r, n in rules[:3]),
            )
        )
    out.sort(key=lambda row: (-row[8], -row[5], row[0]))
    if limit is not None:
        out = out[:limit]
    what = " ".join(x for x in (rule, family, severity) if x) or "全部"
    return Sheet(f"按发现查找：{what}", FINDINGS_HEADER, tuple(out))


# The list of packages.

PACKAGES_HEADER = ("编号", "部门", "年度", "文件类型", "地区", "级次", "读取方式", "表", "错误", "警告", "提示", "文件")


def package_list(conn: Connection, *, filters: Filters = Filters(), limit: int | None = None) -> Sheet:
    p = packages.c
    query = filters.apply(
        select(
            p.id,
            p.department,
            p.year,
            p.document_type,
            p.region,
            p.level,
            p.reader,
            p.table_count,
            p.errors,
            p.warnings,
            p.infos,
            p.file,
        ).order_by(p.region, p.department, p.year, p.id)
    )
    if limit is not None:
        query = query.limit(limit)
    out = tuple(
        (
            r.id,
            r.department,
            r.year,
            _label(r.document_type),
            r.region,
            r.level,
            r.reader,
            r.table_count,
            r.errors,
            r.warnings,
            r.infos,
            r.file,
        )
        for r in conn.execute(query)
    )
    return Sheet("文件", PACKAGES_HEADER, out)


# Raw SQL.


def run_sql(engine: Engine, statement: str, params: Mapping[str, Any] | None = None) -> Sheet:
    """One SQL statement, run read-only (nothing it says can change the store)."""
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        try:
            if sqlite:
                conn.exec_driver_sql("PRAGMA query_only=ON")
            else:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            result = conn.execute(text(statement), dict(params or {}))
            if not result.returns_rows:
                raise QueryError("SQL 语句没有返回行（the statement returns no rows; the store is opened read-only）")
            header = tuple(result.keys())
            data = tuple(tuple(row) for row in result)
        except SQLAlchemyError as exc:
            cause = getattr(exc, "orig", None) or exc
            raise QueryError(f"SQL 出错（{type(cause).__name__}: {cause}）".replace("\n", " ")) from None
        finally:
            conn.rollback()
            if sqlite:
                conn.exec_driver_sql("PRAGMA query_only=OFF")
    return Sheet("SQL", header, data)
