"""Positions (chức vụ) of a person over date ranges. A head position (``is_head``) makes the
person the head of that unit for those dates; ``Person.is_unit_head`` is kept equal to "has a
head position held today" for the people list and older readers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.positions import PositionInput as PositionInput
from desktop.api.positions import PositionRow as PositionRow
from desktop.domain.errors import ConflictError
from desktop.models import Person, PersonPosition, Unit
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.validation import Problems, format_date

WHAT = "chức vụ"


class PositionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reading ---------------------------------------------------------------------------
    def for_person(self, person_id: int) -> list[PositionRow]:
        """Live positions, the most recent first (open-ended ones before closed ones)."""
        with self._db.read() as s:
            rows = s.execute(
                select(PersonPosition, Unit.name)
                .outerjoin(Unit, Unit.id == PersonPosition.unit_id)
                .where(PersonPosition.person_id == person_id,
                       PersonPosition.deleted_at.is_(None))).all()
            out = [_row(p, name or "") for p, name in rows]
        return sorted(out, key=_recent_first)

    def get(self, position_id: int) -> PositionRow:
        with self._db.read() as s:
            position = get_active(s, PersonPosition, position_id, WHAT)
            return _row(position, _unit_name(s, position.unit_id))

    # -- writing ---------------------------------------------------------------------------
    def create(self, data: PositionInput) -> PositionRow:
        with self._db.session() as s:
            position = PersonPosition(person_id=data.person_id)
            unit_name = _apply(s, position, data, own_id=None)
            s.add(position)
            s.flush()
            _sync_head_flag(s, data.person_id)
            return _row(position, unit_name)

    def update(self, position_id: int, data: PositionInput) -> PositionRow:
        """Edit a position; the same checks as when adding. The person cannot change."""
        with self._db.session() as s:
            position = get_active(s, PersonPosition, position_id, WHAT)
            if data.person_id != position.person_id:
                raise ConflictError("Không thể chuyển chức vụ sang một cá nhân khác; hãy xóa "
                                    "rồi thêm chức vụ cho người kia.")
            unit_name = _apply(s, position, data, own_id=position.id)
            s.flush()
            _sync_head_flag(s, position.person_id)
            return _row(position, unit_name)

    def delete(self, position_id: int) -> None:
        with self._db.session() as s:
            position = get_active(s, PersonPosition, position_id, WHAT)
            tombstone(position)
            s.flush()
            _sync_head_flag(s, position.person_id)

    def restore(self, position_id: int) -> PositionRow:
        """Undo a delete; refused if the person is in the trash or a head position added
        meanwhile now overlaps it."""
        with self._db.session() as s:
            position = get_deleted(s, PersonPosition, position_id, WHAT)
            person = s.get(Person, position.person_id)
            if person is None or person.deleted_at is not None:
                raise ConflictError("Hãy khôi phục cá nhân trước khi khôi phục chức vụ của "
                                    "người đó.")
            if position.is_head:
                clash = _overlapping_head(s, position.person_id, position.unit_id,
                                          position.start_date, position.end_date, position.id)
                if clash is not None:
                    raise ConflictError(
                        f"Không khôi phục được “{position.title}”: {_clash_text(clash)}.")
            revive(position)
            s.flush()
            _sync_head_flag(s, position.person_id)
            return _row(position, _unit_name(s, position.unit_id))


def heads_on(s: Session, person_id: int, day: date) -> bool:
    return s.scalar(select(PersonPosition.id).where(
        PersonPosition.person_id == person_id, PersonPosition.is_head.is_(True),
        PersonPosition.deleted_at.is_(None),
        (PersonPosition.start_date.is_(None)) | (PersonPosition.start_date <= day),
        (PersonPosition.end_date.is_(None)) | (PersonPosition.end_date >= day)).limit(1)) \
        is not None


def _sync_head_flag(s: Session, person_id: int) -> None:
    """``Person.is_unit_head`` = a head position held today (touches the row only on change)."""
    person = s.get(Person, person_id)
    if person is None:
        return
    head = heads_on(s, person_id, date.today())
    if bool(person.is_unit_head) != head:
        person.is_unit_head = head
        s.flush()


def _apply(s: Session, position: PersonPosition, data: PositionInput, *,
           own_id: int | None) -> str:
    p = Problems()
    person = s.get(Person, data.person_id)
    if person is None or person.deleted_at is not None:
        p.add("person_id", "Cá nhân", "không tồn tại hoặc đã bị xóa")
    title = p.text(data.title, "title", "Chức vụ", required=True, max_length=255)
    unit_id = data.unit_id if data.unit_id is not None else (person.unit_id if person else None)
    unit_name = ""
    if unit_id is None:
        p.add("unit_id", "Đơn vị", "chưa chọn đơn vị giữ chức vụ")
    else:
        unit = s.get(Unit, unit_id)
        if unit is None or unit.deleted_at is not None:
            p.add("unit_id", "Đơn vị", "không tồn tại hoặc đã bị xóa")
        else:
            unit_name = unit.name
    for value, field, label in ((data.start_date, "start_date", "Từ ngày"),
                                (data.end_date, "end_date", "Đến ngày")):
        if value is not None and value.year < 1945:
            p.add(field, label, "năm phải từ 1945 trở đi")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        p.add("end_date", "Đến ngày",
              f"ngày {data.end_date:%d/%m/%Y} trước ngày bắt đầu {data.start_date:%d/%m/%Y}")
    note = p.text(data.note, "note", "Ghi chú", max_length=2000, multiline=True)
    if data.is_head and unit_id is not None and not p.has("unit_id") and not p.has("end_date") \
            and person is not None:
        clash = _overlapping_head(s, data.person_id, unit_id, data.start_date, data.end_date,
                                  own_id)
        if clash is not None:
            p.add("is_head", "Người đứng đầu", _clash_text(clash))
    p.raise_if_any()
    position.title, position.unit_id, position.is_head = title, unit_id, bool(data.is_head)
    position.start_date, position.end_date, position.note = data.start_date, data.end_date, note
    return unit_name


def _overlapping_head(s: Session, person_id: int, unit_id: int | None, start: date | None,
                      end: date | None, own_id: int | None) -> PersonPosition | None:
    query = select(PersonPosition).where(
        PersonPosition.person_id == person_id, PersonPosition.is_head.is_(True),
        PersonPosition.deleted_at.is_(None), PersonPosition.id != (own_id or -1),
        PersonPosition.unit_id.is_(None) if unit_id is None
        else PersonPosition.unit_id == unit_id)
    if end is not None:
        query = query.where((PersonPosition.start_date.is_(None))
                            | (PersonPosition.start_date <= end))
    if start is not None:
        query = query.where((PersonPosition.end_date.is_(None))
                            | (PersonPosition.end_date >= start))
    return s.scalars(query.limit(1)).first()


def _clash_text(clash: PersonPosition) -> str:
    period = _period(clash.start_date, clash.end_date)
    return (f"trùng thời gian với chức vụ đứng đầu “{clash.title}” ({period}) tại cùng đơn vị; "
            "mỗi người chỉ có một chức vụ đứng đầu một đơn vị trong cùng một thời gian")


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "không thời hạn"
    if end is None:
        return f"từ {format_date(start)}"
    if start is None:
        return f"đến {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def _unit_name(s: Session, unit_id: int | None) -> str:
    return (s.scalar(select(Unit.name).where(Unit.id == unit_id)) or "") if unit_id else ""


def _recent_first(r: PositionRow) -> tuple[int, int, int]:
    """Open-ended positions first, then by end date, then start date, newest first."""
    end = -(r.end_date or date.max).toordinal()
    start = -(r.start_date or date.min).toordinal()
    return (end, start, -r.id)


def _row(p: PersonPosition, unit_name: str) -> PositionRow:
    return PositionRow(p.id, p.person_id, p.unit_id, unit_name, p.title, bool(p.is_head),
                       p.start_date, p.end_date, p.note, p.version)
