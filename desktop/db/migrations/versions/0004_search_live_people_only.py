"""People search indexes live people only: the FTS5 table reads from a view of people not in
the trash, so a search can be counted from the index alone (no row lookups) and the index's
integrity check stays meaningful. The name-order index becomes a partial covering index of
live people (sort key, id, search key) that the list and dense searches walk.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_DROP = [
    "DROP TRIGGER IF EXISTS people_fts_au",
    "DROP TRIGGER IF EXISTS people_fts_ad",
    "DROP TRIGGER IF EXISTS people_fts_ai",
    "DROP TABLE IF EXISTS people_fts",
]
_UP = [
    "CREATE VIEW people_live AS SELECT id, search_key FROM people WHERE deleted_at IS NULL",
    """CREATE VIRTUAL TABLE people_fts USING fts5(
        search_key, content='people_live', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    """CREATE TRIGGER people_fts_ai AFTER INSERT ON people WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO people_fts(rowid, search_key) VALUES (new.id, new.search_key);
    END""",
    """CREATE TRIGGER people_fts_ad AFTER DELETE ON people WHEN old.deleted_at IS NULL BEGIN
        INSERT INTO people_fts(people_fts, rowid, search_key)
        VALUES ('delete', old.id, old.search_key);
    END""",
    # Moving to or from the trash, or a new name: drop the old entry if it was live, add the
    # new one if it is live.
    """CREATE TRIGGER people_fts_au AFTER UPDATE OF search_key, deleted_at ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, search_key)
        SELECT 'delete', old.id, old.search_key WHERE old.deleted_at IS NULL;
        INSERT INTO people_fts(rowid, search_key)
        SELECT new.id, new.search_key WHERE new.deleted_at IS NULL;
    END""",
    "INSERT INTO people_fts(people_fts) VALUES ('rebuild')",
]
_DOWN = [
    *_DROP,
    "DROP VIEW IF EXISTS people_live",
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


def upgrade() -> None:
    op.drop_index("ix_people_sort", table_name="people")
    op.create_index("ix_people_live_sort", "people", ["sort_key", "id", "search_key"],
                    sqlite_where=sa.text("deleted_at IS NULL"),
                    postgresql_where=sa.text("deleted_at IS NULL"))
    if op.get_bind().dialect.name == "sqlite":
        for statement in _DROP + _UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _DOWN:
            op.execute(statement)
    op.drop_index("ix_people_live_sort", table_name="people")
    op.create_index("ix_people_sort", "people", ["deleted_at", "sort_key", "id"])
