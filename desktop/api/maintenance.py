"""Backup, restore and the data check, as reported to the officer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# Checks whose failure means the file itself is damaged: the only case where restoring a backup
# is the remedy (a mismatched search index is rebuilt, a missing attachment re-attached).
DAMAGE_CHECKS = frozenset({"integrity", "schema_complete"})

BACKUP_SUFFIX = ".tdkt-backup"
OVERDUE_DAYS = 7


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    message: str
    advice: str = ""  # what to do about a failed check (never "restore" unless it is damage)


def is_damaged(results: list[CheckResult]) -> bool:
    """Whether the database file itself is damaged (and only then a restore is advised)."""
    return any(not r.ok and r.name in DAMAGE_CHECKS for r in results)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as listed to the officer (read from its manifest)."""

    path: Path
    created: datetime
    size: int
    kind: str  # "manual", "daily", "weekly", "close", "safety" or "legacy" (a plain .db)
    revision: str
    counts: dict[str, int] = field(default_factory=dict)  # units, people, attachments, templates
    missing_attachments: tuple[str, ...] = ()  # referenced but absent from the data folder


@dataclass(frozen=True)
class RestoreResult:
    safety_copy: Path | None  # the replaced database, kept in the backup folder
    revision: str
    attachments_restored: int = 0
    templates_restored: int = 0


@dataclass(frozen=True)
class BackupStatus:
    """What the overview says about backups."""

    last: BackupInfo | None
    overdue: bool  # no backup, or the last one older than OVERDUE_DAYS
