"""Alembic environment: always run programmatically with a connection from desktop.db.migrate."""

from __future__ import annotations

from alembic import context

from desktop.models import Base

config = context.config


def include_object(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """Hand-written FTS5 tables and views (migrations 0002, 0004) are not ORM metadata."""
    return not (type_ == "table" and name is not None and name.startswith(("people_fts",
                                                                           "people_live")))


connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` on the command line gets here
    from desktop.db.engine import make_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite:///dev.db"
    with make_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
