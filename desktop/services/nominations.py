"""Nominations (đề nghị khen thưởng): content, evidence linked rather than retyped, attachments
by content hash, and a status workflow where every move is recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from desktop.api.installation import actor_name
from desktop.api.nominations import NOMINATION_FIELDS
from desktop.api.nominations import SORT_KEYS as SORT_KEYS
from desktop.api.nominations import AttachmentRow as AttachmentRow
from desktop.api.nominations import EventRow as EventRow
from desktop.api.nominations import EvidenceRow as EvidenceRow
from desktop.api.nominations import NominationBrief as NominationBrief
from desktop.api.nominations import NominationInput as NominationInput
from desktop.api.nominations import NominationQuery as NominationQuery
from desktop.api.nominations import NominationRow as NominationRow
from desktop.domain.enums import (
    ConditionStatus,
    EvidenceKind,
    NominationStatus,
    RoundStatus,
    SubjectKind,
)
from desktop.domain.errors import ConflictError
from desktop.domain.vntext import fold, sort_key
from desktop.models import (
    Attachment,
    AwardKind,
    AwardRecord,
    Initiative,
    Installation,
    Nomination,
    NominationEvent,
    NominationEvidence,
    Person,
    Rating,
    Round,
    Unit,
)
from desktop.services.attachments import store_file
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.records import Subject, check_subject
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems
from desktop.services.workflow import TRANSITIONS, transition_problem


def current_actor(session: Session) -> str:
    """Who a status change is recorded as: the officer name declared in this installation
    (self-declared, shown as such in every history), else the office with "(chưa khai báo tên
    cán bộ)". Never the operating system's user or an environment variable such as LOGNAME,
    which anyone starting the program can set to anything."""
    row = session.execute(select(Installation.officer_name, Installation.office_name)
                          .order_by(Installation.id).limit(1)).first()
    return actor_name(row.officer_name, row.office_name) if row else actor_name("", "")


_SUBJECT_NAME = func.coalesce(Person.full_name, Unit.name, Nomination.household_name)
_SUBJECT_SORT = func.coalesce(Person.sort_key, Unit.sort_key, Nomination.household_name)
# Statuses in workflow order and eligibility from "not checked" to the worst outcome: a header
# click groups them the way officers read them, not by their stored codes.
_STATUS_ORDER = case({s.value: i for i, s in enumerate(NominationStatus)},
                     value=Nomination.status, else_=len(NominationStatus))
_ELIGIBILITY_ORDER = case({ConditionStatus.MET.value: 1, ConditionStatus.CHECK.value: 2,
                           ConditionStatus.NOT_MET.value: 3},
                          value=Nomination.eligibility, else_=0)


class NominationService:
    def __init__(self, db: Database, attachment_store: Path) -> None:
        self._db = db
        self._store = attachment_store

    # -- reading ---------------------------------------------------------------------------
    @staticmethod
    def _detail() -> ColumnElement:  # type: ignore[type-arg]
        home = aliased(Unit)
        person_unit = select(home.name).where(home.id == Person.unit_id).scalar_subquery()
        return case((Nomination.person_id.is_not(None),
                     func.coalesce(Person.position, "") + literal(", ") +
                     func.coalesce(person_unit, "")), else_=literal(""))

    def _base(self) -> Select:  # type: ignore[type-arg]
        return (select(Nomination, AwardKind.code, AwardKind.name, _SUBJECT_NAME, self._detail())
                .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                .outerjoin(Person, Person.id == Nomination.person_id)
                .outerjoin(Unit, Unit.id == Nomination.unit_id))

    def _filter(self, stmt: Select, q: NominationQuery) -> Select:  # type: ignore[type-arg]
        stmt = stmt.where(Nomination.round_id == q.round_id, Nomination.deleted_at.is_(None))
        if q.status is not None:
            stmt = stmt.where(Nomination.status == q.status.value)
        if q.eligibility is not None:
            stmt = stmt.where(Nomination.eligibility == q.eligibility.value)
        if q.award_code:
            stmt = stmt.where(AwardKind.code == q.award_code)
        key = fold(q.text)
        if key:
            stmt = stmt.where(func.coalesce(Person.search_key, Unit.search_key,
                                            func.lower(Nomination.household_name))
                              .contains(key, autoescape=True))
        return stmt

    def count(self, q: NominationQuery) -> int:
        stmt = self._filter(select(func.count(Nomination.id))
                            .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                            .outerjoin(Person, Person.id == Nomination.person_id)
                            .outerjoin(Unit, Unit.id == Nomination.unit_id), q)
        with self._db.read() as s:
            return s.scalar(stmt) or 0

    def page(self, q: NominationQuery, offset: int = 0, limit: int = 500) -> list[NominationRow]:
        """Rows ``offset``… of ``q`` in the order ``q.sort`` (one of ``SORT_KEYS``; subjects
        and award names in Vietnamese order), ties by subject then id, so pages never overlap."""
        with self._db.read() as s:
            order = self._order(s, q.sort)
            ties = [_SUBJECT_SORT, Nomination.id] if order is not _SUBJECT_SORT else [Nomination.id]
            stmt = self._filter(self._base(), q).order_by(
                order.desc() if q.descending else order.asc(), *ties)
            return [_row(*r) for r in s.execute(stmt.offset(offset).limit(limit))]

    def briefs(self, q: NominationQuery, limit: int = 100_000) -> list[NominationBrief]:
        """Every nomination of ``q`` (up to ``limit``), briefly, in the order of ``page``."""
        stmt = (select(Nomination.id, Nomination.person_id, Nomination.unit_id, _SUBJECT_NAME,
                       self._detail(), AwardKind.name, Nomination.status)
                .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
                .outerjoin(Person, Person.id == Nomination.person_id)
                .outerjoin(Unit, Unit.id == Nomination.unit_id))
        with self._db.read() as s:
            order = self._order(s, q.sort)
            ties = [_SUBJECT_SORT, Nomination.id] if order is not _SUBJECT_SORT else [Nomination.id]
            stmt = self._filter(stmt, q).order_by(order.desc() if q.descending else order.asc(),
                                                  *ties).limit(limit)
            kinds = (SubjectKind.HOUSEHOLD, SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE)
            return [NominationBrief(i, kinds[1 if person else 2 if unit else 0], name or "",
                                    (detail or "").strip(", "), award, NominationStatus(status))
                    for i, person, unit, name, detail, award, status in s.execute(stmt)]

    @staticmethod
    def _order(s: Session, key: str) -> ColumnElement[Any] | InstrumentedAttribute[int]:
        if key == "award":  # the catalogue is small: rank its names in Python, order by rank
            kinds = s.execute(select(AwardKind.id, AwardKind.name)).all()
            ranked = sorted(kinds, key=lambda k: (sort_key(k.name), k.id))
            if not ranked:
                return Nomination.award_kind_id
            return case({k.id: i for i, k in enumerate(ranked)},
                        value=Nomination.award_kind_id, else_=len(ranked))
        if key == "status":
            return _STATUS_ORDER
        if key == "eligibility":
            return _ELIGIBILITY_ORDER
        if key == "position":
            return Nomination.position
        return _SUBJECT_SORT

    def get(self, nomination_id: int) -> NominationRow:
        with self._db.read() as s:
            row = s.execute(self._base().where(Nomination.id == nomination_id,
                                               Nomination.deleted_at.is_(None))).first()
            if row is None:
                get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
            return _row(*row)  # type: ignore[misc]

    def history(self, nomination_id: int) -> list[EventRow]:
        with self._db.read() as s:
            events = s.scalars(select(NominationEvent).where(
                NominationEvent.nomination_id == nomination_id).order_by(NominationEvent.id))
            return [EventRow(NominationStatus(e.from_status) if e.from_status else None,
                             NominationStatus(e.to_status), e.actor, e.at, e.note)
                    for e in events]

    # -- writing ---------------------------------------------------------------------------
    def create(self, data: NominationInput, actor: str = "") -> NominationRow:
        with self._db.session() as s:
            n = Nomination(status=NominationStatus.DRAFT.value)
            self._apply(s, n, data)
            s.add(n)
            s.flush()
            s.add(NominationEvent(nomination_id=n.id, to_status=n.status,
                                  actor=actor or current_actor(s), note="Tạo đề nghị"))
            nomination_id = n.id
        return self.get(nomination_id)

    def update(self, nomination_id: int, data: NominationInput, *,
               expected_version: int | None = None) -> NominationRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a nomination someone else changed meanwhile (its content or its status)
        is refused (``StaleEditError``)."""
        with self._db.session() as s:
            n = get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
            name = _label(s, n)

            def yours() -> NominationRow:
                self._apply(s, n, data)
                return _described(s, n)

            refuse_stale(s, n, expected_version, NOMINATION_FIELDS, name,
                         stored=lambda: _described(s, n), yours=yours)
            _refuse_unless_draft(n, name, "sửa")
            self._apply(s, n, data)
            n.eligibility = ""
            with stale_writes(NOMINATION_FIELDS, name, expected_version):
                s.flush()
        return self.get(nomination_id)

    def delete(self, nomination_id: int) -> NominationRow:
        """Move a draft to the trash (``restore`` brings it back); any other status is changed
        through the workflow instead, so its history stays whole."""
        row = self.get(nomination_id)
        with self._db.session() as s:
            n = get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
            _refuse_unless_draft(n, _label(s, n), "xóa")
            tombstone(n)
        return row

    def delete_many(self, nomination_ids: list[int]) -> int:
        """Delete many drafts at once: all, or none and every refusal is listed."""
        p = Problems()
        with self._db.session() as s:
            rows = {n.id: n for n in s.scalars(select(Nomination).where(
                Nomination.id.in_(nomination_ids), Nomination.deleted_at.is_(None)))}
            for nomination_id in nomination_ids:
                n = rows.get(nomination_id)
                if n is None:
                    p.add(str(nomination_id), f"Đề nghị {nomination_id}",
                          "không tồn tại hoặc đã bị xóa")
                elif n.status != NominationStatus.DRAFT.value:
                    p.add(str(nomination_id), _label(s, n),
                          f"đang ở trạng thái “{NominationStatus(n.status).label}”, chỉ xóa được "
                          "đề nghị nháp")
            p.raise_if_any()
            for n in rows.values():
                tombstone(n)
        return len(rows)

    def restore(self, nomination_id: int) -> NominationRow:
        """Undo ``delete``: refused when its round is gone or closed, or when the same subject
        was meanwhile nominated again for the same award in that round."""
        with self._db.session() as s:
            n = get_deleted(s, Nomination, nomination_id, "đề nghị khen thưởng")
            round_ = s.get(Round, n.round_id)
            if round_ is None or round_.deleted_at is not None:
                raise ConflictError(f"Đợt xét của đề nghị cho “{_label(s, n)}” đã bị xóa; hãy "
                                    "khôi phục đợt xét trước.")
            p = Problems()
            kind = s.get(AwardKind, n.award_kind_id)
            _check_duplicate(s, p, n, Subject(n.person_id, n.unit_id, n.household_name),
                             kind, round_)
            p.raise_if_any()
            revive(n)
            n.eligibility = ""
        return self.get(nomination_id)

    def transition(self, nomination_ids: list[int], target: NominationStatus | str, note: str = "",
                   actor: str = "") -> int:
        """Move many nominations at once: all move, or none and every refusal is listed."""
        p = Problems()
        chosen = p.choice(target, NominationStatus, "status", "Trạng thái mới")
        p.raise_if_any()
        assert chosen is not None
        with self._db.session() as s:
            rows = {n.id: n for n in s.scalars(select(Nomination).where(
                Nomination.id.in_(nomination_ids), Nomination.deleted_at.is_(None)))}
            for nomination_id in nomination_ids:
                n = rows.get(nomination_id)
                if n is None:
                    p.add(str(nomination_id), f"Đề nghị {nomination_id}", "không tồn tại")
                    continue
                problem = transition_problem(NominationStatus(n.status), chosen, note)
                if problem:
                    p.add(str(nomination_id), _label(s, n), problem)
            p.raise_if_any()
            who = actor or current_actor(s)
            for n in rows.values():
                s.add(NominationEvent(nomination_id=n.id, from_status=n.status,
                                      to_status=chosen.value, actor=who, note=note.strip()))
                n.status, n.status_note = chosen.value, note.strip()
        return len(rows)

    # -- evidence and attachments ---------------------------------------------------------------
    def evidence_candidates(self, nomination_id: int) -> list[EvidenceRow]:
        """Ratings, initiatives and awards already recorded for the subject, to link."""
        n = self.get(nomination_id)
        out: list[EvidenceRow] = []
        with self._db.read() as s:
            def of(model: type) -> Select:  # type: ignore[type-arg]
                col = model.person_id if n.person_id else model.unit_id  # type: ignore[attr-defined]
                return select(model).where(col == (n.person_id or n.unit_id),
                                           model.deleted_at.is_(None))  # type: ignore[attr-defined]
            if n.person_id or n.unit_id:
                for r in s.scalars(of(Rating)):
                    out.append(EvidenceRow(EvidenceKind.RATING, r.uuid, f"Xếp loại năm {r.year}: "
                                           f"{r.level}"))
                for i in s.scalars(of(Initiative)):
                    out.append(EvidenceRow(EvidenceKind.INITIATIVE, i.uuid, f"Sáng kiến “{i.title}”"
                                           f" ({i.year}, QĐ {i.decision_number})"))
                for a, k in s.execute(select(AwardRecord, AwardKind).join(
                        AwardKind, AwardKind.id == AwardRecord.award_kind_id).where(
                        AwardRecord.id.in_(of(AwardRecord).with_only_columns(AwardRecord.id)))):
                    out.append(EvidenceRow(EvidenceKind.AWARD, a.uuid, f"{k.name} năm {a.year} "
                                           f"(QĐ {a.decision_number})"))
        return out

    def link_evidence(self, nomination_id: int, evidence: EvidenceRow) -> None:
        with self._db.session() as s:
            get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
            exists = s.scalars(select(NominationEvidence).where(
                NominationEvidence.nomination_id == nomination_id,
                NominationEvidence.kind == evidence.kind.value,
                NominationEvidence.record_uuid == evidence.record_uuid)).first()
            if exists is None:
                s.add(NominationEvidence(nomination_id=nomination_id, kind=evidence.kind.value,
                                         record_uuid=evidence.record_uuid, label=evidence.label))
            else:
                exists.deleted_at = None

    def unlink_evidence(self, nomination_id: int, record_uuid: str) -> None:
        with self._db.session() as s:
            for row in s.scalars(select(NominationEvidence).where(
                    NominationEvidence.nomination_id == nomination_id,
                    NominationEvidence.record_uuid == record_uuid)):
                tombstone(row)

    def evidence(self, nomination_id: int) -> list[EvidenceRow]:
        with self._db.read() as s:
            rows = s.scalars(select(NominationEvidence).where(
                NominationEvidence.nomination_id == nomination_id,
                NominationEvidence.deleted_at.is_(None)).order_by(NominationEvidence.id))
            return [EvidenceRow(EvidenceKind(r.kind), r.record_uuid, r.label) for r in rows]

    def attach(self, nomination_id: int, source: Path, description: str = "") -> AttachmentRow:
        with self._db.read() as s:
            get_active(s, Nomination, nomination_id, "đề nghị khen thưởng")
        sha, size = store_file(source, self._store)
        with self._db.session() as s:
            row = Attachment(nomination_id=nomination_id, sha256=sha, file_name=source.name,
                             size=size, description=description.strip())
            s.add(row)
            s.flush()
            return AttachmentRow(row.id, sha, row.file_name, size, row.description)

    def attachments(self, nomination_id: int) -> list[AttachmentRow]:
        with self._db.read() as s:
            rows = s.scalars(select(Attachment).where(Attachment.nomination_id == nomination_id,
                                                      Attachment.deleted_at.is_(None)))
            return [AttachmentRow(a.id, a.sha256, a.file_name, a.size, a.description)
                    for a in rows]

    def remove_attachment(self, attachment_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Attachment, attachment_id, "tệp đính kèm"))

    # -- rules ---------------------------------------------------------------------------------
    def _apply(self, s: Session, n: Nomination, data: NominationInput) -> None:
        p = Problems()
        round_ = s.get(Round, data.round_id)
        if round_ is None or round_.deleted_at is not None:
            p.add("round_id", "Đợt xét", "không tồn tại hoặc đã bị xóa")
        elif round_.status == RoundStatus.CLOSED.value:
            p.add("round_id", "Đợt xét", f"“{round_.name}” đã kết thúc, không nhận thêm đề nghị")
        check_subject(s, p, data.subject, households=True)
        kind = s.scalars(select(AwardKind).where(AwardKind.code == data.award_code,
                                                 AwardKind.deleted_at.is_(None))).first()
        if kind is None:
            p.add("award_code", "Danh hiệu/hình thức", f"không có mã “{data.award_code}”")
        else:
            subject_kind = _subject_kind(data.subject)
            if subject_kind.value not in kind.subjects.split(","):
                p.add("award_code", "Danh hiệu/hình thức",
                      f"“{kind.name}” không dành cho {subject_kind.label.lower()}")
            if round_ is not None and not _in_force_for_year(kind, round_.year):
                p.add("award_code", "Danh hiệu/hình thức",
                      f"“{kind.name}” ({kind.code}) không áp dụng cho năm {round_.year}")
        if data.proposing_unit_id is not None:
            unit = s.get(Unit, data.proposing_unit_id)
            if unit is None or unit.deleted_at is not None:
                p.add("proposing_unit_id", "Đơn vị đề nghị", "không tồn tại hoặc đã bị xóa")
        if data.period_from and data.period_to and data.period_to < data.period_from:
            p.add("period_to", "Thời kỳ thành tích", "ngày kết thúc trước ngày bắt đầu")
        summary = p.text(data.achievement_summary, "achievement_summary", "Tóm tắt thành tích",
                         max_length=20_000)
        if not p.items:
            _check_duplicate(s, p, n, data.subject, kind, round_)
        p.raise_if_any()
        assert kind is not None and round_ is not None
        n.round_id, n.award_kind_id = data.round_id, kind.id
        n.person_id, n.unit_id = data.subject.person_id, data.subject.unit_id
        n.household_name = data.subject.household_name.strip()
        n.proposing_unit_id, n.achievement_summary = data.proposing_unit_id, summary
        n.period_from = data.period_from or date(round_.year, 1, 1)
        n.period_to = data.period_to or date(round_.year, 12, 31)


def _refuse_unless_draft(n: Nomination, name: str, verb: str) -> None:
    """Only a draft's content may change or be deleted: a nomination that has been sent moves
    through the status workflow (returned → draft, or “Không khen” with a reason)."""
    status = NominationStatus(n.status)
    if status is NominationStatus.DRAFT:
        return
    back = (" Hãy chuyển đề nghị về “Nháp” rồi sửa." if verb == "sửa" else
            " Hãy chuyển đề nghị về “Nháp” rồi xóa.") \
        if NominationStatus.DRAFT in TRANSITIONS[status] else (
        " Nếu không đề nghị nữa, hãy chuyển sang “Không khen” kèm lý do."
        if NominationStatus.REJECTED in TRANSITIONS[status] else "")
    raise ConflictError(f"Đề nghị cho “{name}” đang ở trạng thái “{status.label}”: chỉ {verb} "
                        f"được khi còn là nháp; sau đó mọi thay đổi đi theo quy trình trạng "
                        f"thái.{back}")


def _check_duplicate(s: Session, p: Problems, n: Nomination, subject: Subject,
                     kind: AwardKind | None, round_: Round | None) -> None:
    """An exact duplicate (same subject, same award kind, same round, not deleted) is refused,
    naming the subject, the award and the nomination already there."""
    if kind is None or round_ is None:
        return
    query = select(Nomination.id, Nomination.household_name).where(
        Nomination.round_id == round_.id, Nomination.award_kind_id == kind.id,
        Nomination.deleted_at.is_(None))
    if n.id is not None:
        query = query.where(Nomination.id != n.id)
    if subject.person_id is not None:
        query = query.where(Nomination.person_id == subject.person_id)
        name = s.scalar(select(Person.full_name).where(Person.id == subject.person_id)) or "?"
    elif subject.unit_id is not None:
        query = query.where(Nomination.unit_id == subject.unit_id)
        name = s.scalar(select(Unit.name).where(Unit.id == subject.unit_id)) or "?"
    else:
        query = query.where(Nomination.person_id.is_(None), Nomination.unit_id.is_(None))
        name = subject.household_name.strip()
    wanted = fold(subject.household_name)
    for other_id, household in s.execute(query):
        if subject.person_id is None and subject.unit_id is None and fold(household) != wanted:
            continue
        p.add("award_code", "Danh hiệu/hình thức",
              f"“{name}” đã có đề nghị “{kind.name}” trong đợt “{round_.name}” (đề nghị mã "
              f"{other_id}); không thêm trùng được")
        return


def _subject_kind(subject: Subject) -> SubjectKind:
    if subject.person_id is not None:
        return SubjectKind.INDIVIDUAL
    if subject.unit_id is not None:
        return SubjectKind.COLLECTIVE
    return SubjectKind.HOUSEHOLD


def _in_force_for_year(kind: AwardKind, year: int) -> bool:
    """The kind can be granted for this year's achievements: in force at some point from the
    start of the year to the end of the following one (decisions are signed in early year+1)."""
    return (kind.valid_from is None or kind.valid_from <= date(year + 1, 12, 31)) and (
        kind.valid_to is None or kind.valid_to >= date(year, 1, 1))


def _label(s: Session, n: Nomination) -> str:
    if n.person_id:
        return s.scalar(select(Person.full_name).where(Person.id == n.person_id)) or "?"
    if n.unit_id:
        return s.scalar(select(Unit.name).where(Unit.id == n.unit_id)) or "?"
    return n.household_name


def _described(s: Session, n: Nomination) -> NominationRow:
    """The row of ``n`` as it is in memory (a form applied to it, not yet written)."""
    kind = s.get(AwardKind, n.award_kind_id) if n.award_kind_id else None
    return _row(n, kind.code if kind else "", kind.name if kind else "", _label(s, n), "")


def _row(n: Nomination, code: str, name: str, subject_name: str, detail: str) -> NominationRow:
    detail = detail.strip(", ") if detail else ""
    return NominationRow(
        n.id, n.round_id, _subject_kind(Subject(n.person_id, n.unit_id, n.household_name)),
        n.person_id, n.unit_id, n.household_name, subject_name or "", detail, code, name,
        NominationStatus(n.status), ConditionStatus(n.eligibility) if n.eligibility else None,
        n.achievement_summary, n.proposing_unit_id, n.period_from, n.period_to, n.status_note,
        version=n.version)

