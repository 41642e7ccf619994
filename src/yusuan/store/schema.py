"""The store's schema (SQLAlchemy Core): one set of tables for SQLite and PostgreSQL.

A package is keyed by an integer id and its content hash; everything read from it is keyed by
(package_id, its place in the package): table_no, row_no, column_no, … as the reader numbered
them, so rows need no ids of their own and a package's children are written in one bulk insert.
Amounts are exact: `value` is the decimal as read, in `unit`, and `fen` the same amount as a
whole number of 分 (NULL for a blank cell), which SQL sums exactly across units. Every record
keeps where it was read (`source_columns`). Migrations (Alembic) build the same tables; a test
compares the two.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    Double,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    and_,
)
from sqlalchemy.sql.schema import SchemaItem

metadata = MetaData()


def source_columns() -> list[Column[Any]]:
    """Where a record was read (model.Source): the file when it is not the package's, the line
    (text inputs) or page (PDF), the table, row and column it names, the character offset in its
    line, and its box on the page in PDF points."""
    return [
        Column("src_file", Text),
        Column("line", Integer),
        Column("page", Integer),
        Column("src_table", String(40)),
        Column("src_row", Integer),
        Column("src_column", String(40)),
        Column("char_offset", Integer),
        Column("x0", Double),
        Column("top", Double),
        Column("x1", Double),
        Column("bottom", Double),
    ]


def _package_key() -> list[SchemaItem]:
    return [
        Column("package_id", Integer, nullable=False),
        ForeignKeyConstraint(["package_id"], ["packages.id"], ondelete="CASCADE"),
    ]


packages = Table(
    "packages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("file", Text, nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("reader", String(16), nullable=False),
    Column("document_type", String(24)),
    Column("kind", String(4)),  # 预算 or 决算
    Column("department", Text),
    Column("year", Integer),
    Column("region", Text),
    Column("level", String(16)),
    Column("title", Text),
    Column("unit", String(4)),  # the unit most of its tables print
    Column("table_count", Integer, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("amount_count", Integer, nullable=False),
    Column("figure_count", Integer, nullable=False),
    Column("form_count", Integer, nullable=False),
    Column("finding_count", Integer, nullable=False),
    Column("errors", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("infos", Integer, nullable=False),
    Column("yusuan_version", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("document", LargeBinary, nullable=False),  # the whole Disclosure as JSON, zlib-compressed
    Index("ix_packages_department", "department"),
    Index("ix_packages_year_region", "year", "region"),
)

files = Table(
    "files",
    metadata,
    Column("path", Text, primary_key=True),  # absolute
    Column("content_hash", String(64)),
    Column("bytes", BigInteger),
    Column("status", String(16), nullable=False),  # stored, unusable, failed
    Column("reason", Text),
    Column("package_id", Integer),
    Column("yusuan_version", String(32), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["package_id"], ["packages.id"], ondelete="SET NULL"),
    Index("ix_files_package", "package_id"),
    Index("ix_files_hash", "content_hash"),
)

tables = Table(
    "tables",
    metadata,
    *_package_key(),
    Column("table_no", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("number", Integer),
    Column("title", Text, nullable=False),
    Column("caption", Text),
    Column("unit", String(4), nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("department", Text),
    Column("empty_note", Text),
    Column("notes", JSON, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "table_no"),
    Index("ix_tables_kind", "kind"),
)

table_columns = Table(
    "table_columns",
    metadata,
    *_package_key(),
    Column("table_no", Integer, nullable=False),
    Column("column_no", Integer, nullable=False),
    Column("column_key", String(24), nullable=False),
    Column("label", Text, nullable=False),
    Column("side", String(12)),
    Column("column_group", String(24)),  # the key of the subtotal of the group it is printed under
    PrimaryKeyConstraint("package_id", "table_no", "column_no"),
)

rows = Table(
    "rows",
    metadata,
    *_package_key(),
    Column("table_no", Integer, nullable=False),
    Column("row_no", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("code", String(32)),
    Column("row_key", String(40)),
    Column("role", String(12), nullable=False),
    Column("side", String(12)),
    Column("level", Integer),
    Column("parent", Integer),
    Column("texts", JSON, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "table_no", "row_no"),
    Index("ix_rows_code", "code"),
)

amounts = Table(
    "amounts",
    metadata,
    *_package_key(),
    Column("table_no", Integer, nullable=False),
    Column("row_no", Integer, nullable=False),
    Column("column_no", Integer, nullable=False),  # place in the row's values
    Column("column_key", String(24), nullable=False),
    Column("value", String(40)),  # the decimal as read, in `unit`; NULL for a blank cell
    Column("fen", BigInteger),  # the same in 分; NULL when blank (or finer than 1 分)
    Column("unit", String(4), nullable=False),
    PrimaryKeyConstraint("package_id", "table_no", "row_no", "column_no"),
)

sections = Table(
    "sections",
    metadata,
    *_package_key(),
    Column("section_no", Integer, nullable=False),
    Column("number", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("topic", String(24), nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "section_no"),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    *_package_key(),
    Column("section_no", Integer, nullable=False),
    Column("paragraph_no", Integer, nullable=False),
    Column("text", Text, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "section_no", "paragraph_no"),
)

figures = Table(
    "figures",
    metadata,
    *_package_key(),
    Column("section_no", Integer, nullable=False),
    Column("paragraph_no", Integer, nullable=False),
    Column("figure_no", Integer, nullable=False),
    Column("value", String(40), nullable=False),
    Column("fen", BigInteger),  # money figures (元, 万元) in 分
    Column("unit", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("label", Text, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "section_no", "paragraph_no", "figure_no"),
)

forms = Table(
    "forms",
    metadata,
    *_package_key(),
    Column("form_no", Integer, nullable=False),
    Column("form_kind", String(8), nullable=False),  # project or overall
    Column("title", Text, nullable=False),
    Column("name", Text),
    Column("year_label", Integer),
    Column("department_code", String(32)),
    Column("department", Text),
    Column("implementing_unit", Text),
    Column("attribute", Text),
    Column("duration", Text),
    Column("goal_implementation", Text),
    Column("goal_annual", Text),
    Column("texts", JSON, nullable=False),
    Column("facts", JSON, nullable=False),
    Column("signature", JSON, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "form_no"),
)

form_amounts = Table(
    "form_amounts",
    metadata,
    *_package_key(),
    Column("form_no", Integer, nullable=False),
    Column("amount_no", Integer, nullable=False),
    Column("part", Text, nullable=False),  # implementation / annual, or the overall form's fund line
    Column("amount_key", String(24), nullable=False),
    Column("value", String(40), nullable=False),
    Column("fen", BigInteger),
    Column("unit", String(4), nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "form_no", "amount_no"),
)

indicators = Table(
    "indicators",
    metadata,
    *_package_key(),
    Column("form_no", Integer, nullable=False),
    Column("indicator_no", Integer, nullable=False),
    Column("level1", Text, nullable=False),
    Column("level2", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("period", String(16), nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "form_no", "indicator_no"),
)

findings = Table(
    "findings",
    metadata,
    *_package_key(),
    Column("finding_no", Integer, nullable=False),
    Column("rule", String(48), nullable=False),
    Column("family", String(16), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("expected", Text),
    Column("found", Text),
    Column("related", JSON, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "finding_no"),
    Index("ix_findings_rule", "rule"),
)

notes = Table(
    "notes",
    metadata,
    *_package_key(),
    Column("note_no", Integer, nullable=False),
    Column("level", String(8), nullable=False),
    Column("code", String(32)),
    Column("message", Text, nullable=False),
    *source_columns(),
    PrimaryKeyConstraint("package_id", "note_no"),
)

# The units of a region that must publish (a list a reviewer uploads), in the list's order: who
# has published is read from the packages (docs/store.md).
publishers = Table(
    "publishers",
    metadata,
    Column("region", String(100), nullable=False),
    Column("publisher_no", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("code", String(40)),
    PrimaryKeyConstraint("region", "publisher_no"),
)

# The table and the row an amount belongs to (join conditions).
TABLE_OF_AMOUNT = and_(tables.c.package_id == amounts.c.package_id, tables.c.table_no == amounts.c.table_no)
ROW_OF_AMOUNT = and_(
    rows.c.package_id == amounts.c.package_id,
    rows.c.table_no == amounts.c.table_no,
    rows.c.row_no == amounts.c.row_no,
)

# What a package owns, in the order they are written (parents before children).
CHILDREN = (
    tables,
    table_columns,
    rows,
    amounts,
    sections,
    paragraphs,
    figures,
    forms,
    form_amounts,
    indicators,
    findings,
    notes,
)
