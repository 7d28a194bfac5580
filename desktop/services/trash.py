"""The trash (thùng rác): every soft-deleted record, newest first, restorable in one step."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select

from desktop.api.trash import KIND_LABELS as KIND_LABELS
from desktop.api.trash import TrashItem as TrashItem
from desktop.domain.errors import NotFoundError
from desktop.models import AwardKind, AwardRecord, Movement, Nomination, Person, Round, Unit
from desktop.services.database import Database
from desktop.services.movements import MovementService
from desktop.services.nominations import NominationService
from desktop.services.people import PersonService
from desktop.services.records import AwardHistoryService
from desktop.services.rounds import RoundService
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
            for r in s.scalars(select(Round).where(Round.deleted_at.is_not(None))
                               .order_by(Round.deleted_at.desc()).limit(limit)):
                out.append(TrashItem("round", r.id, r.name, str(r.year), r.deleted_at))  # type: ignore[arg-type]
            subject = func.coalesce(Person.full_name, Unit.name, Nomination.household_name)
            for n, name, award in s.execute(
                    select(Nomination, subject, AwardKind.name)
                    .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                    .outerjoin(Person, Person.id == Nomination.person_id)
                    .outerjoin(Unit, Unit.id == Nomination.unit_id)
                    .where(Nomination.deleted_at.is_not(None))
                    .order_by(Nomination.deleted_at.desc()).limit(limit)):
                out.append(TrashItem("nomination", n.id, name or "", award, n.deleted_at))  # type: ignore[arg-type]
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
        elif kind == "round":
            RoundService(self._db).restore(record_id)
        elif kind == "nomination":  # restoring attaches no file
            NominationService(self._db, Path(os.devnull)).restore(record_id)
        else:
            raise NotFoundError(f"Không có loại mục “{kind}” trong thùng rác.")
