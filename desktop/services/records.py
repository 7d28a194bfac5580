"""Facts about people and units that rules read: yearly ratings, discipline, initiatives and
award history. Each record has exactly one subject (a person or a unit; awards also households).

Every kind is added, edited (the same checks as when adding), deleted to the trash and restored
(the undo of a delete)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.records import AwardRecordInput as AwardRecordInput
from desktop.api.records import AwardRecordRow as AwardRecordRow
from desktop.api.records import DisciplineInput as DisciplineInput
from desktop.api.records import DisciplineRow as DisciplineRow
from desktop.api.records import InitiativeInput as InitiativeInput
from desktop.api.records import InitiativeRow as InitiativeRow
from desktop.api.records import RatingRow as RatingRow
from desktop.api.records import Subject as Subject
from desktop.api.records import WorkTime as WorkTime
from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    InitiativeScope,
    LeaveKind,
    RatingLevel,
)
from desktop.domain.errors import ConflictError
from desktop.domain.vntext import normalize
from desktop.models import AwardKind, AwardRecord, Discipline, Initiative, Person, Rating, Unit
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.validation import Problems


def check_subject(s: Session, p: Problems, subject: Subject, *, households: bool = False) -> None:
    chosen = [x for x in (subject.person_id, subject.unit_id,
                          subject.household_name.strip() or None) if x is not None]
    if len(chosen) != 1:
        allowed = "một cá nhân, một tập thể hoặc một hộ gia đình" if households else \
            "một cá nhân hoặc một tập thể"
        p.add("subject", "Đối tượng", f"phải chọn đúng {allowed}")
        return
    if subject.household_name.strip() and not households:
        p.add("subject", "Đối tượng", "loại bản ghi này không áp dụng cho hộ gia đình")
    elif subject.household_name.strip():
        p.text(subject.household_name, "subject", "Tên hộ gia đình")
    if subject.person_id is not None:
        person = s.get(Person, subject.person_id)
        if person is None or person.deleted_at is not None:
            p.add("subject", "Cá nhân", "không tồn tại hoặc đã bị xóa")
    if subject.unit_id is not None:
        unit = s.get(Unit, subject.unit_id)
        if unit is None or unit.deleted_at is not None:
            p.add("subject", "Tập thể", "không tồn tại hoặc đã bị xóa")


def _refuse_dead_subject(s: Session, person_id: int | None, unit_id: int | None,
                         what: str) -> None:
    """A record of someone in the trash comes back only after its subject does."""
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise ConflictError(f"Hãy khôi phục cá nhân trước khi khôi phục {what}.")
    if unit_id is not None:
        unit = s.get(Unit, unit_id)
        if unit is None or unit.deleted_at is not None:
            raise ConflictError(f"Hãy khôi phục đơn vị trước khi khôi phục {what}.")


# --------------------------------------------------------------------------------------------


class RatingService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def set(self, subject: Subject, year: int, level: RatingLevel | str, note: str = "",
            work: WorkTime | None = None) -> RatingRow:
        """Record (or correct) the rating of one subject for one year; ``work`` the months
        worked and leave of that year (None: leave what is recorded as it is)."""
        with self._db.session() as s:
            p = Problems()
            check_subject(s, p, subject)
            chosen, cleaned_note = _check_rating(p, year, level, note)
            months = _check_work(p, work)
            p.raise_if_any()
            row = _rating_of(s, subject.person_id, subject.unit_id, year)
            if row is None:
                row = Rating(person_id=subject.person_id, unit_id=subject.unit_id, year=year)
                s.add(row)
            row.level, row.note, row.deleted_at = chosen.value, cleaned_note, None
            if months is not None:
                row.months_worked, row.leave_months, row.leave_kind = months
            s.flush()
            return _rating_row(row)

    def update(self, rating_id: int, year: int, level: RatingLevel | str,
               note: str = "", work: WorkTime | None = None) -> RatingRow:
        """Edit one rating, its year included. A year the subject already has a rating for is
        refused (edit that one instead); the returned row may carry another id when the year
        moves onto a rating that was in the trash. ``work`` None keeps the months recorded."""
        with self._db.session() as s:
            row = get_active(s, Rating, rating_id, "kết quả xếp loại")
            p = Problems()
            chosen, cleaned_note = _check_rating(p, year, level, note)
            months = _check_work(p, work)
            target = row
            if not p.has("year") and year != row.year:
                other = _rating_of(s, row.person_id, row.unit_id, year)
                if other is not None and other.deleted_at is None:
                    p.add("year", "Năm đánh giá",
                          f"đã có kết quả xếp loại năm {year} "
                          f"({RatingLevel(other.level).label}); hãy sửa dòng đó")
                elif other is not None:  # the year's slot holds a trashed rating: reuse it
                    target = other
            p.raise_if_any()
            if target is not row:
                tombstone(row)
                revive(target)
            target.year, target.level, target.note = year, chosen.value, cleaned_note
            if months is not None:
                target.months_worked, target.leave_months, target.leave_kind = months
            elif target is not row:
                target.months_worked, target.leave_months, target.leave_kind = (
                    row.months_worked, row.leave_months, row.leave_kind)
            s.flush()
            return _rating_row(target)

    def get(self, rating_id: int) -> RatingRow:
        with self._db.read() as s:
            return _rating_row(get_active(s, Rating, rating_id, "kết quả xếp loại"))

    def for_subject(self, subject: Subject) -> list[RatingRow]:
        with self._db.read() as s:
            query = select(Rating).where(Rating.deleted_at.is_(None))
            query = (query.where(Rating.person_id == subject.person_id) if subject.person_id
                     else query.where(Rating.unit_id == subject.unit_id))
            return [_rating_row(r) for r in s.scalars(query.order_by(Rating.year))]

    def delete(self, rating_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Rating, rating_id, "kết quả xếp loại"))

    def restore(self, rating_id: int) -> RatingRow:
        with self._db.session() as s:
            row = get_deleted(s, Rating, rating_id, "kết quả xếp loại")
            _refuse_dead_subject(s, row.person_id, row.unit_id, "kết quả xếp loại")
            revive(row)
            s.flush()
            return _rating_row(row)


def _check_rating(p: Problems, year: int, level: RatingLevel | str,
                  note: str) -> tuple[RatingLevel, str]:
    p.year(year, "year", "Năm đánh giá", low=1990)
    chosen = p.choice(level, RatingLevel, "level", "Mức xếp loại")
    cleaned_note = p.text(note, "note", "Ghi chú", max_length=255)
    return chosen or RatingLevel.COMPLETED, cleaned_note  # unused when ``p`` has problems


def _check_work(p: Problems, work: WorkTime | None) -> tuple[int | None, int | None, str] | None:
    """Months worked 0–12, leave 0–12 with its kind, together at most 12; None: not given."""
    if work is None:
        return None
    for value, field, label in ((work.months_worked, "months_worked", "Số tháng công tác"),
                                (work.leave_months, "leave_months", "Số tháng nghỉ")):
        if value is not None and not 0 <= value <= 12:
            p.add(field, label, "phải từ 0 đến 12")
    kind = p.choice(work.leave_kind, LeaveKind, "leave_kind", "Loại nghỉ") \
        if work.leave_kind else None
    leave = work.leave_months or 0
    if leave and kind is None and not p.has("leave_kind"):
        p.add("leave_kind", "Loại nghỉ", "cần chọn khi có số tháng nghỉ (thai sản, ốm đau…)")
    if kind is not None and not leave:
        p.add("leave_months", "Số tháng nghỉ", f"cần ghi khi chọn “{kind.label}”")
    if work.months_worked is not None and work.months_worked + leave > 12 and \
            not p.has("months_worked") and not p.has("leave_months"):
        p.add("months_worked", "Số tháng công tác",
              f"cộng với {leave} tháng nghỉ vượt 12 tháng của năm")
    return work.months_worked, work.leave_months, kind.value if kind is not None else ""


def _rating_of(s: Session, person_id: int | None, unit_id: int | None, year: int) -> Rating | None:
    """The subject's rating row for the year, live or trashed (one row per subject and year)."""
    return s.scalars(select(Rating).where(
        Rating.person_id.is_(None) if person_id is None else Rating.person_id == person_id,
        Rating.unit_id.is_(None) if unit_id is None else Rating.unit_id == unit_id,
        Rating.year == year)).first()


def _rating_row(r: Rating) -> RatingRow:
    return RatingRow(r.id, r.person_id, r.unit_id, r.year, RatingLevel(r.level), r.note,
                     r.months_worked, r.leave_months,
                     LeaveKind(r.leave_kind) if r.leave_kind in _LEAVE_VALUES else None)


_LEAVE_VALUES = frozenset(k.value for k in LeaveKind)


# --------------------------------------------------------------------------------------------


class DisciplineService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, data: DisciplineInput) -> DisciplineRow:
        with self._db.session() as s:
            row = Discipline()
            _apply_discipline(s, row, data)
            s.add(row)
            s.flush()
            return _discipline_row(row)

    def update(self, discipline_id: int, data: DisciplineInput) -> DisciplineRow:
        with self._db.session() as s:
            row = get_active(s, Discipline, discipline_id, "kỷ luật")
            _apply_discipline(s, row, data)
            s.flush()
            return _discipline_row(row)

    def get(self, discipline_id: int) -> DisciplineRow:
        with self._db.read() as s:
            return _discipline_row(get_active(s, Discipline, discipline_id, "kỷ luật"))

    def for_subject(self, subject: Subject) -> list[DisciplineRow]:
        with self._db.read() as s:
            query = select(Discipline).where(Discipline.deleted_at.is_(None))
            query = (query.where(Discipline.person_id == subject.person_id) if subject.person_id
                     else query.where(Discipline.unit_id == subject.unit_id))
            return [_discipline_row(r) for r in s.scalars(query.order_by(Discipline.id))]

    def delete(self, discipline_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Discipline, discipline_id, "kỷ luật"))

    def restore(self, discipline_id: int) -> DisciplineRow:
        with self._db.session() as s:
            row = get_deleted(s, Discipline, discipline_id, "kỷ luật")
            _refuse_dead_subject(s, row.person_id, row.unit_id, "kỷ luật")
            revive(row)
            s.flush()
            return _discipline_row(row)


def _apply_discipline(s: Session, row: Discipline, data: DisciplineInput) -> None:
    p = Problems()
    check_subject(s, p, data.subject)
    form = p.choice(data.form, DisciplineForm, "form", "Hình thức kỷ luật")
    status = p.choice(data.status, DisciplineStatus, "status", "Tình trạng")
    number = p.text(data.decision_number, "decision_number", "Số quyết định", max_length=50)
    if status is DisciplineStatus.DECIDED and not number and not p.has("decision_number"):
        p.add("decision_number", "Số quyết định", "bắt buộc khi đã có quyết định kỷ luật")
    p.not_future(data.decision_date, "decision_date", "Ngày quyết định")
    if data.effective_from and data.effective_to and data.effective_to < data.effective_from:
        p.add("effective_to", "Thời hạn kỷ luật đến", "phải sau ngày bắt đầu")
    reason = p.text(data.reason, "reason", "Lý do kỷ luật", max_length=5000, multiline=True)
    p.raise_if_any()
    assert form is not None and status is not None
    row.person_id, row.unit_id = data.subject.person_id, data.subject.unit_id
    row.form, row.status, row.decision_number = form.value, status.value, number
    row.decision_date, row.effective_from = data.decision_date, data.effective_from
    row.effective_to, row.reason = data.effective_to, reason


def _discipline_row(r: Discipline) -> DisciplineRow:
    return DisciplineRow(r.id, r.person_id, r.unit_id, DisciplineForm(r.form),
                         DisciplineStatus(r.status), r.decision_number, r.decision_date,
                         r.effective_from, r.effective_to, r.reason)


# --------------------------------------------------------------------------------------------


class InitiativeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, data: InitiativeInput) -> InitiativeRow:
        with self._db.session() as s:
            row = Initiative()
            _apply_initiative(s, row, data)
            s.add(row)
            s.flush()
            return _initiative_row(row)

    def update(self, initiative_id: int, data: InitiativeInput) -> InitiativeRow:
        with self._db.session() as s:
            row = get_active(s, Initiative, initiative_id, "sáng kiến")
            _apply_initiative(s, row, data)
            s.flush()
            return _initiative_row(row)

    def get(self, initiative_id: int) -> InitiativeRow:
        with self._db.read() as s:
            return _initiative_row(get_active(s, Initiative, initiative_id, "sáng kiến"))

    def for_subject(self, subject: Subject) -> list[InitiativeRow]:
        with self._db.read() as s:
            query = select(Initiative).where(Initiative.deleted_at.is_(None))
            query = (query.where(Initiative.person_id == subject.person_id) if subject.person_id
                     else query.where(Initiative.unit_id == subject.unit_id))
            return [_initiative_row(r) for r in s.scalars(query.order_by(Initiative.year))]

    def delete(self, initiative_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Initiative, initiative_id, "sáng kiến"))

    def restore(self, initiative_id: int) -> InitiativeRow:
        with self._db.session() as s:
            row = get_deleted(s, Initiative, initiative_id, "sáng kiến")
            _refuse_dead_subject(s, row.person_id, row.unit_id, "sáng kiến")
            revive(row)
            s.flush()
            return _initiative_row(row)


def _apply_initiative(s: Session, row: Initiative, data: InitiativeInput) -> None:
    p = Problems()
    check_subject(s, p, data.subject)
    title = p.text(data.title, "title", "Tên sáng kiến", required=True, max_length=500)
    p.year(data.year, "year", "Năm công nhận", low=1990)
    scope = p.choice(data.scope, InitiativeScope, "scope", "Phạm vi công nhận")
    number = p.text(data.decision_number, "decision_number",
                    "Số quyết định công nhận", required=True, max_length=50)
    p.not_future(data.decision_date, "decision_date", "Ngày quyết định")
    if data.decision_date and data.year and data.decision_date.year != data.year:
        p.add("decision_date", "Ngày quyết định",
              f"thuộc năm {data.decision_date.year}, khác năm công nhận {data.year}")
    recognised_by = p.text(data.recognised_by, "recognised_by", "Cơ quan công nhận")
    p.raise_if_any()
    assert scope is not None
    row.person_id, row.unit_id = data.subject.person_id, data.subject.unit_id
    row.title, row.year, row.scope = title, data.year, scope.value
    row.decision_number, row.decision_date = number, data.decision_date
    row.recognised_by = recognised_by


def _initiative_row(r: Initiative) -> InitiativeRow:
    return InitiativeRow(r.id, r.person_id, r.unit_id, r.title, r.year, InitiativeScope(r.scope),
                         r.decision_number, r.decision_date, r.recognised_by)


# --------------------------------------------------------------------------------------------


class AwardHistoryService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, data: AwardRecordInput) -> AwardRecordRow:
        with self._db.session() as s:
            row = AwardRecord()
            kind = _apply_award(s, row, data, own_id=None)
            s.add(row)
            s.flush()
            return _award_row(row, kind)

    def update(self, record_id: int, data: AwardRecordInput) -> AwardRecordRow:
        """Edit an award received; the same checks as when adding (an exact duplicate of
        another record of the subject is refused)."""
        with self._db.session() as s:
            row = get_active(s, AwardRecord, record_id, "bản ghi khen thưởng")
            kind = _apply_award(s, row, data, own_id=row.id)
            s.flush()
            return _award_row(row, kind)

    def get(self, record_id: int) -> AwardRecordRow:
        with self._db.read() as s:
            row = get_active(s, AwardRecord, record_id, "bản ghi khen thưởng")
            kind = s.get(AwardKind, row.award_kind_id)
            assert kind is not None
            return _award_row(row, kind)

    def for_subject(self, subject: Subject) -> list[AwardRecordRow]:
        with self._db.read() as s:
            query = (select(AwardRecord, AwardKind)
                     .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                     .where(AwardRecord.deleted_at.is_(None)))
            if subject.person_id:
                query = query.where(AwardRecord.person_id == subject.person_id)
            elif subject.unit_id:
                query = query.where(AwardRecord.unit_id == subject.unit_id)
            else:
                query = query.where(AwardRecord.household_name == subject.household_name)
            rows = s.execute(query.order_by(AwardRecord.year, AwardKind.rank))
            return [_award_row(r, k) for r, k in rows]

    def delete(self, record_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, AwardRecord, record_id, "bản ghi khen thưởng"))

    def restore(self, record_id: int) -> None:
        with self._db.session() as s:
            row = get_deleted(s, AwardRecord, record_id, "bản ghi khen thưởng")
            _refuse_dead_subject(s, row.person_id, row.unit_id, "bản ghi khen thưởng")
            kind = s.get(AwardKind, row.award_kind_id)
            assert kind is not None
            _refuse_duplicate_award(s, kind, row.year, row.person_id, row.unit_id,
                                    row.household_name, row.id)
            revive(row)


def _apply_award(s: Session, row: AwardRecord, data: AwardRecordInput, *,
                 own_id: int | None) -> AwardKind:
    p = Problems()
    check_subject(s, p, data.subject, households=True)
    kind = s.scalars(select(AwardKind).where(AwardKind.code == data.award_code,
                                             AwardKind.deleted_at.is_(None))).first()
    if kind is None:
        p.add("award_code", "Danh hiệu/hình thức",
              f"không có mã “{data.award_code}” trong danh mục")
    p.year(data.year, "year", "Năm khen thưởng", low=1945)
    achievement = p.choice(data.achievement_kind, AchievementKind, "achievement_kind",
                           "Loại thành tích")
    number = p.text(data.decision_number, "decision_number", "Số quyết định",
                    required=True, max_length=50)
    if data.decision_date is None:
        p.add("decision_date", "Ngày quyết định", "chưa nhập")
    p.not_future(data.decision_date, "decision_date", "Ngày quyết định")
    if kind is not None and data.decision_date is not None:
        _check_in_force(p, kind, data.decision_date)
    if data.period_from and data.period_to and data.period_to < data.period_from:
        p.add("period_to", "Thành tích đến", "phải sau ngày bắt đầu thời kỳ thành tích")
    issuer = p.text(data.issuer, "issuer", "Cơ quan ban hành")
    household = normalize(data.subject.household_name)  # checked by check_subject
    amount = p.money(data.amount, "amount", "Số tiền thưởng")
    note = p.text(data.note, "note", "Ghi chú", max_length=5000, multiline=True)
    p.raise_if_any()
    assert kind is not None and achievement is not None
    _refuse_duplicate_award(s, kind, data.year, data.subject.person_id, data.subject.unit_id,
                            household, own_id)
    row.person_id, row.unit_id = data.subject.person_id, data.subject.unit_id
    row.household_name, row.award_kind_id, row.year = household, kind.id, data.year
    row.achievement_kind, row.period_from = achievement.value, data.period_from
    row.period_to, row.decision_number = data.period_to, number
    row.decision_date, row.issuer = data.decision_date, issuer or kind.issuer
    row.amount, row.note = amount, note
    return kind


def _check_in_force(p: Problems, kind: AwardKind, decided: date) -> None:
    if kind.valid_from and decided < kind.valid_from:
        p.add("award_code", "Danh hiệu/hình thức",
              f"“{kind.name}” ({kind.code}) chỉ áp dụng từ {kind.valid_from:%d/%m/%Y}; "
              "với quyết định trước ngày đó hãy chọn tên gọi theo luật cũ")
    if kind.valid_to and decided > kind.valid_to:
        p.add("award_code", "Danh hiệu/hình thức",
              f"“{kind.name}” ({kind.code}) hết áp dụng từ sau {kind.valid_to:%d/%m/%Y}")


def _refuse_duplicate_award(s: Session, kind: AwardKind, year: int, person_id: int | None,
                            unit_id: int | None, household: str, own_id: int | None) -> None:
    duplicate = s.scalars(select(AwardRecord).where(
        AwardRecord.award_kind_id == kind.id, AwardRecord.year == year,
        AwardRecord.deleted_at.is_(None), AwardRecord.id != (own_id or -1),
        AwardRecord.person_id.is_(None) if person_id is None
        else AwardRecord.person_id == person_id,
        AwardRecord.unit_id.is_(None) if unit_id is None else AwardRecord.unit_id == unit_id,
        AwardRecord.household_name == household)).first()
    if duplicate is not None:
        raise ConflictError(
            f"Đã có “{kind.name}” năm {year} cho đối tượng này "
            f"(Quyết định số {duplicate.decision_number})."
        )


def _award_row(r: AwardRecord, k: AwardKind) -> AwardRecordRow:
    return AwardRecordRow(r.id, r.person_id, r.unit_id, r.household_name, k.code, k.name,
                          k.lineage, r.year, AchievementKind(r.achievement_kind), r.period_from,
                          r.period_to, r.decision_number, r.decision_date, r.issuer, r.amount,
                          r.note)

