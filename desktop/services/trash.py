"""The trash (thùng rác): every soft-deleted record, newest first, restorable in one step."""

from __future__ import annotations

from sqlalchemy import select

from desktop.api.trash import KIND_LABELS as KIND_LABELS
from desktop.api.trash import TrashItem as TrashItem
from desktop.domain.errors import NotFoundError
from desktop.models import AwardRecord, Movement, Person, Unit
from desktop.services.database import Database
from desktop.services.movements import MovementService
from desktop.services.people import PersonService
from desktop.services.records import AwardHistoryService
from desktop.services.units import UnitService


class TrashService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def items(self, limit: int = 1000) -> list[TrashItem]:
        out: list[TrashItem] = []
        with self._db.read() as s:
            for u in s.scalars(select(Unit).where(Unit.deleted_at.is_not(None))
                               .order_by(Unit.deleted_at.desc()).limit(limit)):
                out.append(TrashItem("unit", u.id, u.name, u.code, u.deleted_at))  # type: ignore[arg-type]
            for p in s.scalars(select(Person).where(Person.deleted_at.is_not(None))
                               .order_by(Person.deleted_at.desc()).limit(limit)):
                detail = f"{p.position}" if p.position else ""
                out.append(TrashItem("person", p.id, p.full_name, detail, p.deleted_at))  # type: ignore[arg-type]
            for m in s.scalars(select(Movement).where(Movement.deleted_at.is_not(None))
                               .order_by(Movement.deleted_at.desc()).limit(limit)):
                out.append(TrashItem("movement", m.id, m.name, m.directive_number, m.deleted_at))  # type: ignore[arg-type]
            for a in s.scalars(select(AwardRecord).where(AwardRecord.deleted_at.is_not(None))
                               .order_by(AwardRecord.deleted_at.desc()).limit(limit)):
                out.append(TrashItem("award_record", a.id, f"Quyết định {a.decision_number}",
                                     str(a.year), a.deleted_at))  # type: ignore[arg-type]
        out.sort(key=lambda item: item.deleted_at, reverse=True)
        return out[:limit]

    def restore(self, kind: str, record_id: int) -> None:
        if kind == "unit":
            UnitService(self._db).restore(record_id)
        elif kind == "person":
            PersonService(self._db).restore(record_id)
        elif kind == "movement":
            MovementService(self._db).restore(record_id)
        elif kind == "award_record":
            AwardHistoryService(self._db).restore(record_id)
        else:
            raise NotFoundError(f"Không có loại mục “{kind}” trong thùng rác.")
