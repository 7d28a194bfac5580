"""Refusing a stale save: the version an editor's form was loaded with against the stored one.

Every update service takes ``expected_version`` (the ``version`` of the row the form showed).
The check runs inside the service's write transaction, which on SQLite began with
``BEGIN IMMEDIATE`` and so already holds the database's write lock: no other process can commit
between the comparison and the write. The UPDATE itself also carries ``WHERE version = :loaded``
(SQLAlchemy's ``version_id_col``), which is what protects a server database; a mismatch there
becomes the same ``StaleEditError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.api.changes import RecordFields
from desktop.domain.errors import DomainError, FieldChange, StaleEditError
from desktop.models.base import SyncMixin


def refuse_stale(s: Session, record: SyncMixin, expected_version: int | None,
                 fields: RecordFields, name: str, *, stored: Callable[[], object],
                 yours: Callable[[], object]) -> None:
    """Raise ``StaleEditError`` unless ``expected_version`` is None (the caller read and writes
    in one go, e.g. the CLI) or is the record's stored version.

    ``stored()`` describes the record as it is now; ``yours()`` applies the form to it and
    describes the result (it runs only for the message, and the transaction is rolled back
    by the error). Their differing fields are listed; a form that does not even pass
    validation any more is refused without the list."""
    if expected_version is None or record.version == expected_version:
        return
    current = record.version
    now = stored()
    changes: tuple[FieldChange, ...] = ()
    try:
        with s.no_autoflush:
            changes = fields.changes(yours(), now)
    except DomainError:
        pass
    raise StaleEditError(fields.what, name, expected_version, current, changes)


@contextmanager
def stale_writes(fields: RecordFields, name: str,
                 expected_version: int | None) -> Iterator[None]:
    """Turn the UPDATE's own version check failing (another writer committed in between,
    possible on a server database) into the officer's ``StaleEditError``."""
    try:
        yield
    except StaleDataError as exc:
        raise StaleEditError(fields.what, name, expected_version, None) from exc
