"""Award rounds (đợt xét khen thưởng) and emulation registrations (đăng ký thi đua)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.api.rounds import ROUND_FIELDS
from desktop.api.rounds import RegistrationRow as RegistrationRow
from desktop.api.rounds import RoundInput as RoundInput
from desktop.api.rounds import RoundRow as RoundRow
from desktop.domain.enums import RoundKind, RoundStatus
from desktop.domain.errors import ConflictError
from desktop.models import AwardKind, Movement, Nomination, Registration, Round, Unit
from desktop.services.common import get_active, tombstone
from desktop.services.database import Database
from desktop.services.records import Subject, check_subject
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems


class RoundService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, year: int | None = None) -> list[RoundRow]:
        with self._db.read() as s:
            query = select(Round).where(Round.deleted_at.is_(None))
            if year is not None:
                query = query.where(Round.year == year)
            rounds = list(s.scalars(query.order_by(Round.year.desc(), Round.id.desc())))
            counts = dict(s.execute(
                select(Nomination.round_id, func.count(Nomination.id))
                .where(Nomination.deleted_at.is_(None))
                .group_by(Nomination.round_id)).all())
            return [_round_row(s, r, counts.get(r.id, 0)) for r in rounds]

    def get(self, round_id: int) -> RoundRow:
        with self._db.read() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")
            count = s.scalar(select(func.count(Nomination.id)).where(
                Nomination.round_id == round_id, Nomination.deleted_at.is_(None))) or 0
            return _round_row(s, r, count)

    def create(self, data: RoundInput) -> RoundRow:
        with self._db.session() as s:
            r = Round()
            self._apply(s, r, data)
            s.add(r)
            s.flush()
            return _round_row(s, r, 0)

    def update(self, round_id: int, data: RoundInput, *,
               expected_version: int | None = None) -> RoundRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a round someone else saved meanwhile is refused (``StaleEditError``)."""
        with self._db.session() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")

            def yours() -> RoundRow:
                self._apply(s, r, data)
                return _round_row(s, r, 0)

            refuse_stale(s, r, expected_version, ROUND_FIELDS, r.name,
                         stored=lambda: _round_row(s, r, 0), yours=yours)
            self._apply(s, r, data)
            with stale_writes(ROUND_FIELDS, r.name, expected_version):
                s.flush()
            return _round_row(s, r, 0)

    def set_status(self, round_id: int, status: RoundStatus | str) -> RoundRow:
        with self._db.session() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")
            p = Problems()
            chosen = p.choice(status, RoundStatus, "status", "Trạng thái đợt")
            p.raise_if_any()
            assert chosen is not None
            r.status = chosen.value
            s.flush()
            return _round_row(s, r, 0)

    def delete(self, round_id: int) -> None:
        with self._db.session() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")
            live = s.scalar(select(func.count(Nomination.id)).where(
                Nomination.round_id == round_id, Nomination.deleted_at.is_(None))) or 0
            if live:
                raise ConflictError(f"Không thể xóa “{r.name}” vì còn {live} đề nghị khen thưởng.")
            tombstone(r)

    @staticmethod
    def _apply(s: Session, r: Round, data: RoundInput) -> None:
        p = Problems()
        name = p.text(data.name, "name", "Tên đợt xét", required=True, max_length=500)
        kind = p.choice(data.kind, RoundKind, "kind", "Loại đợt xét")
        p.year(data.year, "year", "Năm", low=2000, high=date.today().year + 2)
        if data.movement_id is not None:
            movement = s.get(Movement, data.movement_id)
            if movement is None or movement.deleted_at is not None:
                p.add("movement_id", "Phong trào thi đua", "không tồn tại hoặc đã bị xóa")
        if data.office_unit_id is not None:
            unit = s.get(Unit, data.office_unit_id)
            if unit is None or unit.deleted_at is not None:
                p.add("office_unit_id", "Cơ quan tổ chức xét", "không tồn tại hoặc đã bị xóa")
        if data.registration_deadline and data.submission_deadline and \
                data.submission_deadline < data.registration_deadline:
            p.add("submission_deadline", "Hạn nộp hồ sơ", "phải sau hạn đăng ký thi đua")
        p.raise_if_any()
        assert kind is not None
        r.name, r.year, r.kind = name, data.year, kind.value
        r.movement_id, r.office_unit_id = data.movement_id, data.office_unit_id
        r.registration_deadline = data.registration_deadline
        r.submission_deadline = data.submission_deadline
        r.note = data.note.strip()


def _round_row(s: Session, r: Round, count: int) -> RoundRow:
    movement = s.get(Movement, r.movement_id) if r.movement_id else None
    office = s.get(Unit, r.office_unit_id) if r.office_unit_id else None
    return RoundRow(r.id, r.uuid, r.name, r.year, RoundKind(r.kind), r.movement_id,
                    movement.name if movement else "",
                    bool(movement.head_target_rule) if movement else False,
                    r.office_unit_id, office.name if office else "", r.registration_deadline,
                    r.submission_deadline, RoundStatus(r.status), r.note, count,
                    version=r.version)


# ------------------------------------------------------------------------------------------


class RegistrationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def register(self, subject: Subject, year: int, award_code: str,
                 registered_on: date | None = None,
                 movement_id: int | None = None) -> RegistrationRow:
        with self._db.session() as s:
            p = Problems()
            check_subject(s, p, subject)
            p.year(year, "year", "Năm đăng ký", low=2000)
            kind = s.scalars(select(AwardKind).where(AwardKind.code == award_code,
                                                     AwardKind.deleted_at.is_(None))).first()
            if kind is None:
                p.add("award_code", "Danh hiệu đăng ký", f"không có mã “{award_code}”")
            elif kind.category != "title":
                p.add("award_code", "Danh hiệu đăng ký",
                      f"“{kind.name}” là hình thức khen thưởng, không phải danh hiệu thi đua")
            p.raise_if_any()
            assert kind is not None
            existing = s.scalars(select(Registration).where(
                Registration.year == year, Registration.award_kind_id == kind.id,
                Registration.deleted_at.is_(None),
                Registration.person_id.is_(None) if subject.person_id is None
                else Registration.person_id == subject.person_id,
                Registration.unit_id.is_(None) if subject.unit_id is None
                else Registration.unit_id == subject.unit_id)).first()
            if existing is not None:
                raise ConflictError(f"Đã đăng ký “{kind.name}” năm {year} cho đối tượng này.")
            row = Registration(year=year, person_id=subject.person_id, unit_id=subject.unit_id,
                               award_kind_id=kind.id, registered_on=registered_on,
                               movement_id=movement_id)
            s.add(row)
            s.flush()
            return RegistrationRow(row.id, year, row.person_id, row.unit_id, kind.code,
                                   kind.name, registered_on)

    def list(self, year: int, subject: Subject | None = None) -> list[RegistrationRow]:
        with self._db.read() as s:
            query = (select(Registration, AwardKind)
                     .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                     .where(Registration.year == year, Registration.deleted_at.is_(None)))
            if subject is not None and subject.person_id:
                query = query.where(Registration.person_id == subject.person_id)
            elif subject is not None and subject.unit_id:
                query = query.where(Registration.unit_id == subject.unit_id)
            return [RegistrationRow(r.id, r.year, r.person_id, r.unit_id, k.code, k.name,
                                    r.registered_on)
                    for r, k in s.execute(query.order_by(Registration.id))]

    def delete(self, registration_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Registration, registration_id, "đăng ký thi đua"))
