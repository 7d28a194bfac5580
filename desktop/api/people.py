"""People: the rows the people list shows, the query it sends and the input a form saves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.api.changes import RecordFields
from desktop.domain.enums import Gender


@dataclass(frozen=True)
class PersonInput:
    full_name: str
    gender: Gender | str
    unit_id: int | None
    birth_date: date | None = None
    ethnicity: str = "Kinh"
    citizen_id: str | None = None
    position: str = ""
    is_unit_head: bool = False
    is_direct_worker: bool = False
    note: str = ""


@dataclass(frozen=True)
class PersonRow:
    id: int
    uuid: str
    full_name: str
    gender: Gender
    birth_date: date | None
    ethnicity: str
    citizen_id: str | None
    position: str
    unit_id: int | None
    unit_name: str
    is_unit_head: bool
    is_direct_worker: bool
    note: str = ""
    version: int = 1

    def as_input(self) -> PersonInput:
        return PersonInput(self.full_name, self.gender, self.unit_id, self.birth_date,
                           self.ethnicity, self.citizen_id, self.position, self.is_unit_head,
                           self.is_direct_worker, self.note)


# What a stale save lists (see ``StaleEditError``): the fields of the person form.
PERSON_FIELDS = RecordFields("cá nhân", {
    "full_name": "Họ và tên", "gender": "Giới tính", "birth_date": "Ngày sinh",
    "ethnicity": "Dân tộc", "citizen_id": "Số CCCD", "position": "Chức vụ",
    "unit_name": "Đơn vị công tác", "is_unit_head": "Người đứng đầu đơn vị",
    "is_direct_worker": "Lao động trực tiếp", "note": "Ghi chú",
})


@dataclass(frozen=True)
class PeopleQuery:
    """What the people list shows: search text, unit subtree, sort column and direction."""

    text: str = ""
    unit_id: int | None = None
    include_subunits: bool = True
    sort: str = "name"
    descending: bool = False
    deleted: bool = False
