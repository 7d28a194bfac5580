"""The officer who uses this installation, as they typed it in the app: recorded as the actor
of status changes and history (self-declared, never taken from the operating system).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.add_column(sa.Column("officer_name", sa.String(150), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.drop_column("officer_name")
