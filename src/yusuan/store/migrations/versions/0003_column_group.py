"""A table column keeps the group it is printed under (the key of the group's subtotal column).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("table_columns", sa.Column("column_group", sa.String(24)))


def downgrade() -> None:
    op.drop_column("table_columns", "column_group")
