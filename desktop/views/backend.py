"""What the windows need from the composition root, as a Protocol.

Views may not import ``desktop.services`` at all: every service module pulls in SQLAlchemy, and
the import-linter contract forbids that chain. So ``desktop.app`` hands the views a ``Backend``:
the live ``Services`` container (used by duck typing, returning DTOs) plus factories for the
input DTOs (``PeopleQuery``, ``PersonInput``, ``UnitInput``) and the maintenance operations.
Input objects are frozen dataclasses; views derive new ones with ``dataclasses.replace``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from desktop.domain.progress import CancelToken, ProgressFn


class Backend(Protocol):
    """The services of one open database, as seen from the GUI."""

    services: Any  # desktop.services.Services (its type lives below the views' layer)

    @property
    def paths(self) -> Any: ...  # desktop.paths.AppPaths

    @property
    def database_path(self) -> Path | None: ...

    @property
    def installation(self) -> Any: ...  # InstallationInfo | None

    @property
    def demo_available(self) -> bool: ...

    def people_query(self, **fields: Any) -> Any: ...

    def person_input(self, **fields: Any) -> Any: ...

    def unit_input(self, **fields: Any) -> Any: ...

    def configure_office(self, *, name: str, code: str, kind: str, parent_office_name: str,
                         parent_office_code: str) -> Any: ...

    def build_demo(self, scale: str, *, progress: ProgressFn, cancel: CancelToken) -> Any: ...

    def backup(self, target: Path | None = None) -> Path: ...

    def verify(self) -> list[Any]: ...

    def restore(self, source: Path) -> Path: ...

    def close(self) -> None: ...


class BackendOpener(Protocol):
    """Opens (creating when asked) the database at a path; raises DomainError if it cannot."""

    def __call__(self, path: Path, *, create: bool) -> Backend: ...
