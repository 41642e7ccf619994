"""The store's first schema: packages, the files that hold them, and everything read from them.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _source() -> list[sa.Column[object]]:
    return [
        sa.Column("src_file", sa.Text),
        sa.Column("line", sa.Integer),
        sa.Column("page", sa.Integer),
        sa.Column("src_table", sa.String(40)),
        sa.Column("src_row", sa.Integer),
        sa.Column("src_column", sa.String(40)),
        sa.Column("char_offset", sa.Integer),
        sa.Column("x0", sa.Double),
        sa.Column("top", sa.Double),
        sa.Column("x1", sa.Double),
        sa.Column("bottom", sa.Double),
    ]


def _owned(name: str, *columns: sa.Column[object], key: tuple[str, ...], source: bool = True) -> None:
    """A table owned by a package: its rows go when the package goes."""
    op.create_table(
        name,
        sa.Column("package_id", sa.Integer, nullable=False),
        *columns,
        *(_source() if source else []),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("package_id", *key),
    )


TIDY_VIEW = """
CREATE VIEW amounts_tidy AS
SELECT a.package_id, p.department, p.region, p.level, p.year, p.document_type, p.kind,
       a.table_no, t.kind AS table_kind, t.number AS table_number, t.title AS table_title,
       a.row_no, r.side, r.code, r.name, r.row_key, r.role, r.level AS row_level, r.parent,
       a.column_no, a.column_key, a.value, a.unit, a.fen,
       COALESCE(r.src_file, p.file) AS file, r.page, r.line, r.x0, r.top, r.x1, r.bottom
FROM amounts a
JOIN packages p ON p.id = a.package_id
JOIN tables t ON t.package_id = a.package_id AND t.table_no = a.table_no
JOIN rows r ON r.package_id = a.package_id AND r.table_no = a.table_no AND r.row_no = a.row_no
"""


def upgrade() -> None:
    op.create_table(
        "packages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
        sa.Column("reader", sa.String(16), nullable=False),
        sa.Column("document_type", sa.String(24)),
        sa.Column("kind", sa.String(4)),
        sa.Column("department", sa.Text),
        sa.Column("year", sa.Integer),
        sa.Column("region", sa.Text),
        sa.Column("level", sa.String(16)),
        sa.Column("title", sa.Text),
        sa.Column("unit", sa.String(4)),
        sa.Column("table_count", sa.Integer, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("amount_count", sa.Integer, nullable=False),
        sa.Column("figure_count", sa.Integer, nullable=False),
        sa.Column("form_count", sa.Integer, nullable=False),
        sa.Column("finding_count", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
        sa.Column("infos", sa.Integer, nullable=False),
        sa.Column("yusuan_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_packages_department", "packages", ["department"])
    op.create_index("ix_packages_year_region", "packages", ["year", "region"])
    op.create_table(
        "files",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("bytes", sa.BigInteger),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("package_id", sa.Integer),
        sa.Column("yusuan_version", sa.String(32), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["packages.id"], ondelete="SET NULL"),
    )
    op.create_index("ix_files_package", "files", ["package_id"])
    op.create_index("ix_files_hash", "files", ["content_hash"])
    _owned(
        "tables",
        sa.Column("table_no", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("caption", sa.Text),
        sa.Column("unit", sa.String(4), nullable=False),
        sa.Column("decimals", sa.Integer, nullable=False),
        sa.Column("department", sa.Text),
        sa.Column("empty_note", sa.Text),
        sa.Column("notes", sa.JSON, nullable=False),
        key=("table_no",),
    )
    op.create_index("ix_tables_kind", "tables", ["kind"])
    _owned(
        "table_columns",
        sa.Column("table_no", sa.Integer, nullable=False),
        sa.Column("column_no", sa.Integer, nullable=False),
        sa.Column("column_key", sa.String(24), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("side", sa.String(12)),
        key=("table_no", "column_no"),
        source=False,
    )
    _owned(
        "rows",
        sa.Column("table_no", sa.Integer, nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("code", sa.String(32)),
        sa.Column("row_key", sa.String(40)),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("side", sa.String(12)),
        sa.Column("level", sa.Integer),
        sa.Column("parent", sa.Integer),
        sa.Column("texts", sa.JSON, nullable=False),
        key=("table_no", "row_no"),
    )
    op.create_index("ix_rows_code", "rows", ["code"])
    _owned(
        "amounts",
        sa.Column("table_no", sa.Integer, nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("column_no", sa.Integer, nullable=False),
        sa.Column("column_key", sa.String(24), nullable=False),
        sa.Column("value", sa.String(40)),
        sa.Column("fen", sa.BigInteger),
        sa.Column("unit", sa.String(4), nullable=False),
        key=("table_no", "row_no", "column_no"),
        source=False,
    )
    _owned(
        "sections",
        sa.Column("section_no", sa.Integer, nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("topic", sa.String(24), nullable=False),
        key=("section_no",),
    )
    _owned(
        "paragraphs",
        sa.Column("section_no", sa.Integer, nullable=False),
        sa.Column("paragraph_no", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        key=("section_no", "paragraph_no"),
    )
    _owned(
        "figures",
        sa.Column("section_no", sa.Integer, nullable=False),
        sa.Column("paragraph_no", sa.Integer, nullable=False),
        sa.Column("figure_no", sa.Integer, nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("fen", sa.BigInteger),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        key=("section_no", "paragraph_no", "figure_no"),
    )
    _owned(
        "forms",
        sa.Column("form_no", sa.Integer, nullable=False),
        sa.Column("form_kind", sa.String(8), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("year_label", sa.Integer),
        sa.Column("department_code", sa.String(32)),
        sa.Column("department", sa.Text),
        sa.Column("implementing_unit", sa.Text),
        sa.Column("attribute", sa.Text),
        sa.Column("duration", sa.Text),
        sa.Column("goal_implementation", sa.Text),
        sa.Column("goal_annual", sa.Text),
        sa.Column("texts", sa.JSON, nullable=False),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("signature", sa.JSON, nullable=False),
        key=("form_no",),
    )
    _owned(
        "form_amounts",
        sa.Column("form_no", sa.Integer, nullable=False),
        sa.Column("amount_no", sa.Integer, nullable=False),
        sa.Column("part", sa.Text, nullable=False),
        sa.Column("amount_key", sa.String(24), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("fen", sa.BigInteger),
        sa.Column("unit", sa.String(4), nullable=False),
        key=("form_no", "amount_no"),
    )
    _owned(
        "indicators",
        sa.Column("form_no", sa.Integer, nullable=False),
        sa.Column("indicator_no", sa.Integer, nullable=False),
        sa.Column("level1", sa.Text, nullable=False),
        sa.Column("level2", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        key=("form_no", "indicator_no"),
    )
    _owned(
        "findings",
        sa.Column("finding_no", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(48), nullable=False),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("expected", sa.Text),
        sa.Column("found", sa.Text),
        sa.Column("related", sa.JSON, nullable=False),
        key=("finding_no",),
    )
    op.create_index("ix_findings_rule", "findings", ["rule"])
    _owned(
        "notes",
        sa.Column("note_no", sa.Integer, nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("code", sa.String(32)),
        sa.Column("message", sa.Text, nullable=False),
        key=("note_no",),
    )
    op.execute(TIDY_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW amounts_tidy")
    for name in (
        "notes",
        "findings",
        "indicators",
        "form_amounts",
        "forms",
        "figures",
        "paragraphs",
        "sections",
        "amounts",
        "rows",
        "table_columns",
        "tables",
        "files",
        "packages",
    ):
        op.drop_table(name)
