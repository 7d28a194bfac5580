"""Time worked in a rated year: months at work and long leave with its kind, on the yearly
rating, so the LĐTT rule can read the province's minimum months (ldtt_min_months_worked);
maternity leave counts as time worked (NĐ 152/2025 Art 4.5). Existing ratings record none.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ratings") as batch:
        batch.add_column(sa.Column("months_worked", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("leave_months", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("leave_kind", sa.String(length=20), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ratings") as batch:
        batch.drop_column("leave_kind")
        batch.drop_column("leave_months")
        batch.drop_column("months_worked")
