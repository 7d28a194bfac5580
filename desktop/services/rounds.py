"""Award rounds (đợt xét khen thưởng) and emulation registrations (đăng ký thi đua)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.api.rounds import ROUND_FIELDS
from desktop.api.rounds import RegistrationRow as RegistrationRow
from desktop.api.rounds import RoundInput as RoundInput
from desktop.api.rounds import RoundRow as RoundRow
from desktop.domain.enums import RoundKind, RoundStatus
from desktop.domain.errors import ConflictError, ValidationError
from desktop.models import AwardKind, Movement, Nomination, Person, Registration, Round, Unit
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.records import Subject, check_subject
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems


class _Keep:
    """``RoundService.edit``'s "leave the movement as it is" (None means unlink)."""


KEEP = _Keep()


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
            live = _live_nominations(s, round_id)
            if live and data.year != r.year:
                raise ValidationError.single(
                    "year", "Năm", f"đợt “{r.name}” đã có {live} đề nghị khen thưởng tính theo "
                    f"năm {r.year} (thời kỳ thành tích, điều kiện); không đổi sang năm "
                    f"{data.year} được. Hãy tạo đợt xét mới cho năm {data.year}")
            self._apply(s, r, data)
            with stale_writes(ROUND_FIELDS, r.name, expected_version):
                s.flush()
            return _round_row(s, r, live)

    def edit(self, round_id: int, *, name: str | None = None, kind: RoundKind | str | None = None,
             year: int | None = None, movement_id: int | _Keep | None = KEEP,
             expected_version: int | None = None) -> RoundRow:
        """Change only what is given (rename, kind, year, movement; ``movement_id=None``
        unlinks); every other field keeps its stored value. Validated as ``update``."""
        row = self.get(round_id)
        data = RoundInput(
            row.name if name is None else name, row.year if year is None else year,
            row.kind if kind is None else kind,
            row.movement_id if isinstance(movement_id, _Keep) else movement_id,
            row.office_unit_id, row.registration_deadline, row.submission_deadline, row.note)
        return self.update(round_id, data,
                           expected_version=row.version if expected_version is None
                           else expected_version)

    def rename(self, round_id: int, name: str, *, expected_version: int | None = None) -> RoundRow:
        return self.edit(round_id, name=name, expected_version=expected_version)

    def link_movement(self, round_id: int, movement_id: int | None, *,
                      expected_version: int | None = None) -> RoundRow:
        """Link the round to a movement of a compatible year, or unlink it (None)."""
        return self.edit(round_id, movement_id=movement_id, expected_version=expected_version)

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

    def delete(self, round_id: int) -> RoundRow:
        """Move an empty round to the trash (``restore`` brings it back); a round that still
        has nominations is refused, saying how many."""
        with self._db.session() as s:
            r = get_active(s, Round, round_id, "đợt xét khen thưởng")
            live = _live_nominations(s, round_id)
            if live:
                raise ConflictError(
                    f"Không thể xóa đợt “{r.name}” vì còn {live} đề nghị khen thưởng. Hãy xóa "
                    "các đề nghị nháp hoặc chuyển chúng theo quy trình trạng thái trước.")
            row = _round_row(s, r, 0)
            tombstone(r)
            return row

    def restore(self, round_id: int) -> RoundRow:
        with self._db.session() as s:
            r = get_deleted(s, Round, round_id, "đợt xét khen thưởng")
            revive(r)
            s.flush()
            return _round_row(s, r, _live_nominations(s, round_id))

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
            elif isinstance(data.year, int) and not movement_fits_year(
                    movement.year, movement.period_start, movement.period_end, data.year):
                p.add("movement_id", "Phong trào thi đua",
                      f"“{movement.name}” là phong trào năm {movement.year}"
                      f"{_period_text(movement.period_start, movement.period_end)}, không dùng "
                      f"cho đợt xét năm {data.year}")
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


def movement_fits_year(movement_year: int, start: date | None, end: date | None,
                       year: int) -> bool:
    """A round of ``year`` may judge a movement launched that year, or one whose period covers
    that year (a five-year movement is judged every year)."""
    if year == movement_year:
        return True
    if start is None and end is None:
        return False
    first = start.year if start else movement_year
    last = end.year if end else movement_year
    return first <= year <= last


def _period_text(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    return (f" (thời gian {start:%d/%m/%Y} – " if start else " (thời gian … – ") + (
        f"{end:%d/%m/%Y})" if end else "…)")


def _live_nominations(s: Session, round_id: int) -> int:
    return s.scalar(select(func.count(Nomination.id)).where(
        Nomination.round_id == round_id, Nomination.deleted_at.is_(None))) or 0


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
    """Đăng ký thi đua: at the start of the year each person and each unit says which titles
    it aims for. ``set``/``clear`` replace a subject's registrations of one year (the grid and
    the ``tdkt registrations`` command); ``register`` adds one."""

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
            elif not p.has("year"):
                check_registrable(p, kind, subject, year)
            _check_movement(s, p, movement_id)
            p.raise_if_any()
            assert kind is not None
            existing = s.scalars(_registrations_of(subject, year).where(
                Registration.award_kind_id == kind.id, Registration.deleted_at.is_(None))).first()
            if existing is not None:
                raise ConflictError(f"Đã đăng ký “{kind.name}” năm {year} cho đối tượng này.")
            row = Registration(year=year, person_id=subject.person_id, unit_id=subject.unit_id,
                               award_kind_id=kind.id, registered_on=registered_on,
                               movement_id=movement_id)
            s.add(row)
            s.flush()
            return _registration_row(row, kind)

    def set(self, subject: Subject, year: int, award_codes: Sequence[str],
            registered_on: date | None = None,
            movement_id: int | None = None) -> list[RegistrationRow]:
        """Make ``award_codes`` the subject's registrations of the year: others go to the
        trash, a title registered before and trashed comes back (same record), new ones are
        added. An empty list clears them all."""
        with self._db.session() as s:
            p = Problems()
            check_subject(s, p, subject)
            kinds = check_registration_codes(s, p, subject, year, award_codes)
            _check_movement(s, p, movement_id)
            p.raise_if_any()
            rows = replace_registrations(s, subject, year, kinds, registered_on=registered_on,
                                         movement_id=movement_id)
            by_id = {k.id: k for k in kinds}
            return [_registration_row(r, by_id[r.award_kind_id]) for r in rows]

    def clear(self, subject: Subject, year: int) -> list[RegistrationRow]:
        """Move every registration of the subject for the year to the trash; returns them."""
        with self._db.session() as s:
            p = Problems()
            check_subject(s, p, subject)
            p.year(year, "year", "Năm đăng ký", low=2000)
            p.raise_if_any()
            live = list(s.execute(
                _registrations_of(subject, year).add_columns(AwardKind)
                .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                .where(Registration.deleted_at.is_(None))))
            for row, _kind in live:
                tombstone(row)
            s.flush()
            return [_registration_row(r, k) for r, k in live]

    def list(self, year: int, subject: Subject | None = None) -> list[RegistrationRow]:
        with self._db.read() as s:
            query = (select(Registration, AwardKind)
                     .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                     .where(Registration.year == year, Registration.deleted_at.is_(None)))
            if subject is not None and subject.person_id:
                query = query.where(Registration.person_id == subject.person_id)
            elif subject is not None and subject.unit_id:
                query = query.where(Registration.unit_id == subject.unit_id)
            return [_registration_row(r, k) for r, k in s.execute(query.order_by(Registration.id))]

    def for_unit(self, unit_id: int, year: int) -> builtins.list[RegistrationRow]:
        """The unit's own registrations of the year, then those of its live people (in
        Vietnamese name order): what its registration document lists."""
        with self._db.read() as s:
            unit = get_active(s, Unit, unit_id, "đơn vị")
            own = s.execute(
                select(Registration, AwardKind)
                .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                .where(Registration.year == year, Registration.deleted_at.is_(None),
                       Registration.unit_id == unit_id)
                .order_by(AwardKind.rank, Registration.id))
            rows = [_registration_row(r, k, unit.name) for r, k in own]
            people = s.execute(
                select(Registration, AwardKind, Person.full_name)
                .join(AwardKind, AwardKind.id == Registration.award_kind_id)
                .join(Person, Person.id == Registration.person_id)
                .where(Registration.year == year, Registration.deleted_at.is_(None),
                       Person.unit_id == unit_id, Person.deleted_at.is_(None))
                .order_by(Person.sort_key, Person.id, AwardKind.rank))
            rows.extend(_registration_row(r, k, name) for r, k, name in people)
            return rows

    def titles(self, year: int, *, collective: bool) -> builtins.list[str]:
        """Codes of the titles a person (or, ``collective``, a unit) can register for."""
        with self._db.read() as s:
            return [k.code for k in registrable_kinds(s, year, collective=collective)]

    def delete(self, registration_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Registration, registration_id, "đăng ký thi đua"))

    def restore(self, registration_id: int) -> RegistrationRow:
        with self._db.session() as s:
            row = get_deleted(s, Registration, registration_id, "đăng ký thi đua")
            clash = s.scalars(select(Registration).where(
                Registration.id != row.id, Registration.year == row.year,
                Registration.award_kind_id == row.award_kind_id,
                Registration.deleted_at.is_(None),
                Registration.person_id.is_(None) if row.person_id is None
                else Registration.person_id == row.person_id,
                Registration.unit_id.is_(None) if row.unit_id is None
                else Registration.unit_id == row.unit_id)).first()
            if clash is not None:
                raise ConflictError("Đối tượng này đã đăng ký lại danh hiệu đó trong năm; "
                                    "không khôi phục bản đăng ký cũ.")
            revive(row)
            s.flush()
            kind = s.get(AwardKind, row.award_kind_id)
            assert kind is not None
            return _registration_row(row, kind)


# -- shared with the unit-year grid (desktop.services.unit_year) ------------------------------
SUBJECT_WORDS = {"individual": "cá nhân", "collective": "tập thể"}


def registrable_kinds(s: Session, year: int, *, collective: bool) -> list[AwardKind]:
    """Titles (danh hiệu thi đua, not forms) of the subject's kind in force at the end of the
    year, when they are judged: 2023 lists the 2013 law's names, 2024 on the 2022 law's."""
    if not 1 <= year <= 9999:
        return []
    day = date(year, 12, 31)
    wanted = "collective" if collective else "individual"
    kinds = s.scalars(select(AwardKind).where(AwardKind.deleted_at.is_(None),
                                              AwardKind.category == "title")
                      .order_by(AwardKind.rank, AwardKind.id))
    return [k for k in kinds if wanted in k.subjects.split(",")
            and (k.valid_from is None or k.valid_from <= day)
            and (k.valid_to is None or k.valid_to >= day)]


def check_registrable(p: Problems, kind: AwardKind, subject: Subject, year: int,
                      field: str = "award_code", label: str = "Danh hiệu đăng ký") -> None:
    """A title, for this kind of subject, in force at the end of the year."""
    if kind.category != "title":
        p.add(field, label,
              f"“{kind.name}” là hình thức khen thưởng, không phải danh hiệu thi đua")
        return
    wanted = "collective" if subject.unit_id is not None else "individual"
    if subject.household_name.strip():
        wanted = "household"
    if wanted not in kind.subjects.split(","):
        who = SUBJECT_WORDS.get(wanted, "hộ gia đình")
        p.add(field, label, f"“{kind.name}” không phải danh hiệu dành cho {who}")
        return
    day = date(year, 12, 31) if 1 <= year <= 9999 else None
    if day is not None and kind.valid_from and day < kind.valid_from:
        p.add(field, label, f"“{kind.name}” ({kind.code}) chỉ áp dụng từ "
              f"{kind.valid_from:%d/%m/%Y}; năm {year} hãy chọn tên gọi theo luật cũ")
    elif day is not None and kind.valid_to and day > kind.valid_to:
        p.add(field, label, f"“{kind.name}” ({kind.code}) hết áp dụng từ sau "
              f"{kind.valid_to:%d/%m/%Y}; năm {year} hãy chọn tên gọi theo luật hiện hành")


def check_registration_codes(s: Session, p: Problems, subject: Subject, year: int,
                             codes: Sequence[str], field: str = "award_code",
                             label: str = "Danh hiệu đăng ký") -> list[AwardKind]:
    """The catalog entries of ``codes`` (any case), each checked by ``check_registrable``."""
    p.year(year, "year", "Năm đăng ký", low=2000)
    wanted = [c.strip() for c in codes if c.strip()]
    found = {k.code.casefold(): k for k in s.scalars(select(AwardKind).where(
        AwardKind.deleted_at.is_(None),
        func.upper(AwardKind.code).in_([c.upper() for c in wanted])))} if wanted else {}
    kinds: list[AwardKind] = []
    for code in wanted:
        kind = found.get(code.casefold())
        if kind is None:
            p.add(field, label, f"không có mã “{code}” trong danh mục")
        elif not p.has("year"):
            check_registrable(p, kind, subject, year, field, label)
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def replace_registrations(s: Session, subject: Subject, year: int, kinds: Sequence[AwardKind],
                          *, registered_on: date | None = None,
                          movement_id: int | None = None) -> list[Registration]:
    """Make ``kinds`` the subject's live registrations of the year (checked beforehand)."""
    rows = list(s.scalars(_registrations_of(subject, year).order_by(Registration.id)))
    wanted = {k.id for k in kinds}
    kept: dict[int, Registration] = {}
    for row in rows:
        if row.deleted_at is None and row.award_kind_id in wanted and row.award_kind_id not in kept:
            kept[row.award_kind_id] = row
        elif row.deleted_at is None:
            tombstone(row)
    for kind in kinds:
        if kind.id in kept:
            continue
        trashed = next((r for r in reversed(rows)
                        if r.award_kind_id == kind.id and r.deleted_at is not None), None)
        if trashed is not None:
            revive(trashed)
            kept[kind.id] = trashed
        else:
            row = Registration(year=year, person_id=subject.person_id, unit_id=subject.unit_id,
                               award_kind_id=kind.id, registered_on=registered_on,
                               movement_id=movement_id)
            s.add(row)
            kept[kind.id] = row
        if registered_on is not None:
            kept[kind.id].registered_on = registered_on
        if movement_id is not None:
            kept[kind.id].movement_id = movement_id
    s.flush()
    return [kept[k.id] for k in kinds]


def _registrations_of(subject: Subject, year: int) -> Select[Registration]:
    return select(Registration).where(
        Registration.year == year,
        Registration.person_id.is_(None) if subject.person_id is None
        else Registration.person_id == subject.person_id,
        Registration.unit_id.is_(None) if subject.unit_id is None
        else Registration.unit_id == subject.unit_id)


def _check_movement(s: Session, p: Problems, movement_id: int | None) -> None:
    if movement_id is not None:
        movement = s.get(Movement, movement_id)
        if movement is None or movement.deleted_at is not None:
            p.add("movement_id", "Phong trào thi đua", "không tồn tại hoặc đã bị xóa")


def _registration_row(r: Registration, k: AwardKind, subject_name: str = "") -> RegistrationRow:
    return RegistrationRow(r.id, r.year, r.person_id, r.unit_id, k.code, k.name,
                           r.registered_on, subject_name)
