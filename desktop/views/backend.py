"""What the windows need from the composition root, as a Protocol.

Views may not import ``desktop.services`` at run time: every service module pulls in
SQLAlchemy, and the import-linter contract forbids that chain. What a view hands to a service or
gets back (rows, inputs, queries) comes from ``desktop.api``, which views import freely; the
services themselves are typed through a ``TYPE_CHECKING`` import, so mypy checks every call a
view makes against the real signatures. ``desktop.app`` hands the views a ``Backend``: the live
``Services`` container plus the maintenance operations that replace or rebuild it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.api.installation import InstallationInfo
from desktop.api.maintenance import BackupInfo, BackupStatus, CheckResult, RestoreResult
from desktop.api.setup import DemoSummary
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from desktop.services import Services


class Backend(Protocol):
    """The services of one open database, as seen from the GUI."""

    services: Services

    @property
    def paths(self) -> AppPaths: ...

    @property
    def database_path(self) -> Path | None: ...

    @property
    def installation(self) -> InstallationInfo | None: ...

    @property
    def demo_available(self) -> bool: ...

    def configure_office(self, *, name: str, code: str, kind: str, parent_office_name: str,
                         parent_office_code: str) -> InstallationInfo: ...

    def build_demo(self, scale: str, *, progress: ProgressFn,
                   cancel: CancelToken) -> DemoSummary: ...

    def backup(self, target: Path | None = None) -> BackupInfo: ...

    def verify(self) -> list[CheckResult]: ...

    def list_backups(self) -> list[BackupInfo]: ...

    def backup_status(self) -> BackupStatus: ...

    def automatic_backup(self, reason: str, *, changed: bool = False) -> BackupInfo | None: ...

    def restore(self, source: Path) -> RestoreResult: ...

    def close(self) -> None: ...


class BackendOpener(Protocol):
    """Opens (creating when asked) the database at a path; raises DomainError if it cannot."""

    def __call__(self, path: Path, *, create: bool) -> Backend: ...
