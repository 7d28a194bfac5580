"""This installation: which office the database belongs to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InstallationInfo:
    uuid: str
    office_name: str
    level: str
    unit_id: int | None
    parent_office_name: str
    parent_office_code: str
