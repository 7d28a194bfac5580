"""Positions held by a person over a date range (who headed which unit when), and unit
targets that a unit may mark "không áp dụng" and whose direction, when the line comes from a
movement's appendix, is the movement target's alone.

Existing heads (people.is_unit_head) become an open-ended head position in their unit.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:50:00
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_positions",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("owner_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_person_positions_person_id_people")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"],
                                name=op.f("fk_person_positions_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_positions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_person_positions_uuid")),
    )
    with op.batch_alter_table("person_positions") as batch:
        batch.create_index("ix_person_positions_person_id", ["person_id"], unique=False)

    with op.batch_alter_table("unit_targets") as batch:
        batch.alter_column("direction", existing_type=sa.String(length=10), nullable=True)
        batch.add_column(sa.Column("not_applicable", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))

    bind = op.get_bind()
    heads = bind.execute(sa.text(
        "SELECT id, unit_id, position, owner_uuid FROM people "
        "WHERE is_unit_head = 1 AND deleted_at IS NULL")).all()
    if heads:
        now = datetime.now(UTC).replace(tzinfo=None)
        positions = sa.table(
            "person_positions", *(sa.column(name) for name in (
                "person_id", "unit_id", "title", "is_head", "start_date", "end_date", "note",
                "uuid", "owner_uuid", "created_at", "updated_at", "version")))
        op.bulk_insert(positions, [
            {"person_id": pid, "unit_id": unit_id, "title": title or "Người đứng đầu",
             "is_head": True, "start_date": None, "end_date": None, "note": "",
             "uuid": str(uuid.uuid4()), "owner_uuid": owner or "", "created_at": now,
             "updated_at": now, "version": 1}
            for pid, unit_id, title, owner in heads])


def downgrade() -> None:
    with op.batch_alter_table("unit_targets") as batch:
        batch.drop_column("not_applicable")
        batch.alter_column("direction", existing_type=sa.String(length=10), nullable=False)
    op.drop_table("person_positions")
