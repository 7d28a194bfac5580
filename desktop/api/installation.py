"""This installation: which office the database belongs to, and who says they use it."""

from __future__ import annotations

from dataclasses import dataclass

OFFICER_NAME_MAX = 150  # the actor column of the status histories
UNDECLARED_OFFICER = "chưa khai báo tên cán bộ"
# Shown wherever a history names who moved a nomination or a score sheet: the name is what the
# officer typed into this installation, not a verified identity.
ACTOR_HEADER = "Người thao tác (tự khai)"
SELF_DECLARED = "tự khai"
ACTOR_NOTE = ("Tên người thao tác do cán bộ tự khai trong phần mềm (Cài đặt › Cán bộ sử dụng "
              "phần mềm, hoặc lệnh “tdkt installation officer”); phần mềm không xác thực tên "
              "này.")


@dataclass(frozen=True)
class InstallationInfo:
    uuid: str
    office_name: str
    level: str
    unit_id: int | None
    parent_office_name: str
    parent_office_code: str
    officer_name: str = ""  # self-declared; "" until the officer says who they are

    @property
    def actor_name(self) -> str:
        """What a status change records as its actor."""
        return actor_name(self.officer_name, self.office_name)


def actor_name(officer_name: str, office_name: str) -> str:
    """The officer's declared name; without one, the office followed by "(chưa khai báo tên cán
    bộ)". Never the operating system's user or an environment variable."""
    officer = officer_name.strip()
    if officer:
        return officer[:OFFICER_NAME_MAX]
    office = office_name.strip() or "Cơ quan"
    suffix = f" ({UNDECLARED_OFFICER})"
    return office[:OFFICER_NAME_MAX - len(suffix)] + suffix
