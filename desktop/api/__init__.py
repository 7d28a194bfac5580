"""The typed boundary between the screens and the services: plain data, no SQL, no Qt.

What a view hands to a service or gets back from one — rows and other DTOs, inputs, queries,
and the pure helpers and constants that format or classify them — lives here, in frozen
dataclasses and plain functions. The views import this package at run time; they may see the
services themselves only under ``if TYPE_CHECKING:`` (to be type-checked against their real
signatures), never import them, so a view cannot reach SQLAlchemy or the database. The service
modules import these names back, so the CLI, the tests and other services keep using the old
paths. Modelled on Anki's typed backend boundary.

One module per area (people, units, records, rounds, nominations, council, decisions,
documents, catalog, …); this package imports nothing above desktop.domain (checked by
import-linter).
"""
