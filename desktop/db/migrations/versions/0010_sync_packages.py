"""Sync packages: this office's signing key, trusted senders, the package log, per-record
shadows (the version and content both sides last agreed on) and merged-UUID aliases.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("installation") as batch:
        batch.add_column(sa.Column("signing_key", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("public_key", sa.String(64), nullable=False, server_default=""))
    op.create_table(
        "trusted_senders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("installation_uuid", sa.String(36), nullable=False),
        sa.Column("office_name", sa.String(255), nullable=False),
        sa.Column("unit_code", sa.String(50), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("trusted_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trusted_senders"),
        sa.UniqueConstraint("installation_uuid", "public_key", name="uq_trusted_senders_key"),
    )
    op.create_table(
        "sync_packages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_uuid", sa.String(36), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("peer_installation_uuid", sa.String(36), nullable=False),
        sa.Column("peer_office_name", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("handled_at", sa.DateTime, nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("actor", sa.String(150), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime),
        sa.PrimaryKeyConstraint("id", name="pk_sync_packages"),
        sa.UniqueConstraint("package_uuid", "direction", name="uq_sync_packages_once"),
    )
    op.create_table(
        "sync_shadows",
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("peer_uuid", sa.String(36), nullable=False),
        sa.Column("peer_version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_uuid", "peer_uuid", name="pk_sync_shadows"),
    )
    op.create_table(
        "sync_aliases",
        sa.Column("entity", sa.String(30), nullable=False),
        sa.Column("foreign_uuid", sa.String(36), nullable=False),
        sa.Column("local_uuid", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("entity", "foreign_uuid", name="pk_sync_aliases"),
    )


def downgrade() -> None:
    op.drop_table("sync_aliases")
    op.drop_table("sync_shadows")
    op.drop_table("sync_packages")
    op.drop_table("trusted_senders")
    with op.batch_alter_table("installation") as batch:
        batch.drop_column("public_key")
        batch.drop_column("signing_key")
