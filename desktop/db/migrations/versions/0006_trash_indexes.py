"""Small partial indexes of trashed records, so the trash opens without scanning 600,000 award
records or 150,000 people.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TRASHED = sa.text("deleted_at IS NOT NULL")
TABLES = ("units", "people", "movements", "award_records")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_trash", table, ["deleted_at"],
                        sqlite_where=TRASHED, postgresql_where=TRASHED)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_trash", table_name=table)
