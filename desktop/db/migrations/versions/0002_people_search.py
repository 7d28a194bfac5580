"""People search index: FTS5 over the accent-folded name, CCCD and position (SQLite), trigram
index on the folded key (PostgreSQL). Backfills existing rows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_UP = [
    # External-content FTS5 table over people.search_key; the key is already folded (đ -> d)
    # by the app, and prefix indexes make search-as-you-type cheap for 1-3 letter prefixes.
    """CREATE VIRTUAL TABLE people_fts USING fts5(
        search_key, content='people', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    """CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN
        INSERT INTO people_fts(rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    """CREATE TRIGGER people_fts_ad AFTER DELETE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
    END""",
    """CREATE TRIGGER people_fts_au AFTER UPDATE OF search_key ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
        INSERT INTO people_fts(rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    "INSERT INTO people_fts(people_fts) VALUES ('rebuild')",
]
_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS people_fts_au",
    "DROP TRIGGER IF EXISTS people_fts_ad",
    "DROP TRIGGER IF EXISTS people_fts_ai",
    "DROP TABLE IF EXISTS people_fts",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_people_search_trgm ON people "
            "USING gin (search_key gin_trgm_ops)"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_people_search_trgm")
