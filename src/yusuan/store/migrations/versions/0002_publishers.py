"""The units of a region that must publish: the list a reviewer uploads.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publishers",
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("publisher_no", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("code", sa.String(40)),
        sa.PrimaryKeyConstraint("region", "publisher_no"),
    )


def downgrade() -> None:
    op.drop_table("publishers")
