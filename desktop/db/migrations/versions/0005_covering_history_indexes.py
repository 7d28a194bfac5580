"""Covering partial indexes for the histories eligibility reads (ratings and award records of
a round's people), so a 30,000-nomination round loads from index pages alone. deleted_at is
repeated as a column because SQLite reads the table for any column the query names, even one
the partial index's condition already settles.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.drop_index("ix_ratings_person_year", table_name="ratings")
    op.create_index("ix_ratings_person_year", "ratings", ["person_id", "year", "level", "deleted_at"],
                    sqlite_where=LIVE, postgresql_where=LIVE)
    op.drop_index("ix_award_records_person_year", table_name="award_records")
    op.create_index("ix_award_records_person_year", "award_records",
                    ["person_id", "year", "award_kind_id", "achievement_kind", "decision_number",
                     "decision_date", "period_from", "period_to", "deleted_at"],
                    sqlite_where=LIVE, postgresql_where=LIVE)
    op.create_index("ix_award_records_year_kind", "award_records",
                    ["year", "award_kind_id", "person_id", "deleted_at"],
                    sqlite_where=LIVE, postgresql_where=LIVE)


def downgrade() -> None:
    op.drop_index("ix_award_records_year_kind", table_name="award_records")
    op.drop_index("ix_award_records_person_year", table_name="award_records")
    op.create_index("ix_award_records_person_year", "award_records", ["person_id", "year"])
    op.drop_index("ix_ratings_person_year", table_name="ratings")
    op.create_index("ix_ratings_person_year", "ratings", ["person_id", "year"])
