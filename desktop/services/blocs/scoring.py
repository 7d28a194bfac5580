"""Scoring a bloc: self-scores and the bloc's reviewed scores cell by cell (typed or pasted),
evidence notes and files, each unit's sheet moving draft → submitted → reviewed → published
with its history, totals and ranking, and the bloc's vote.

Who may change what, by the sheet's status (``EDITABLE``): the unit's self-score while the
sheet is a draft; the bloc's reviewed score once the unit has sent it; nothing once the bloc
has marked it reviewed (move it back to change it) or published it (locked: unlocking needs a
reason and is recorded). A reviewed total takes the bloc's score where it re-scored and the
unit's own score elsewhere; target-based criteria are computed from the unit's targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.blocs import (
    EDITABLE,
    NEEDS_REASON,
    TRANSITIONS,
    WHICH_LABEL,
    AttachmentRow,
    CriterionRow,
    FieldProblemRow,
    MemberRow,
    Ranking,
    ScoreEntry,
    ScoreGrid,
    ScoreWriteResult,
    SheetEventRow,
    SheetRow,
    VoteInput,
    VoteRow,
    edit_refusal,
    transition_refusal,
)
from desktop.domain.enums import CriterionKind, ScoreBasis, SheetStatus
from desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from desktop.models import (
    BlocMember,
    BlocScore,
    BlocScoreAttachment,
    BlocScoreSheet,
    BlocSheetEvent,
    BlocVote,
    Criterion,
    Unit,
)
from desktop.services.attachments import store_file
from desktop.services.blocs.loading import BlocData, live_bloc, load_bloc
from desktop.services.blocs.points import ZERO, to_points
from desktop.services.blocs.ranking import ScoringPlan
from desktop.services.blocs.tree import ancestors, score_problem
from desktop.services.common import get_active, tombstone
from desktop.services.database import Database
from desktop.services.nominations import current_actor
from desktop.services.validation import Problems

S = SheetStatus


class ScoringService:
    def __init__(self, db: Database, attachment_store: Path) -> None:
        self._db = db
        self._store = attachment_store

    # -- reading ---------------------------------------------------------------------------
    def grid(self, bloc_id: int) -> ScoreGrid:
        """Criteria as rows, member units as columns, every cell, and each sheet's totals."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
        return _grid(data)

    def ranking(self, bloc_id: int, basis: ScoreBasis = ScoreBasis.REVIEWED) -> Ranking:
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
        return data.ranking(basis)

    def history(self, bloc_id: int, unit_id: int | None = None) -> list[SheetEventRow]:
        with self._db.read() as s:
            live_bloc(s, bloc_id)
            query = (select(BlocSheetEvent, BlocScoreSheet.unit_id)
                     .join(BlocScoreSheet, BlocScoreSheet.id == BlocSheetEvent.sheet_id)
                     .where(BlocScoreSheet.bloc_id == bloc_id))
            if unit_id is not None:
                query = query.where(BlocScoreSheet.unit_id == unit_id)
            return [SheetEventRow(uid, S(e.from_status) if e.from_status else None,
                                  S(e.to_status), e.actor, e.at, e.note)
                    for e, uid in s.execute(query.order_by(BlocSheetEvent.id))]

    # -- scores ----------------------------------------------------------------------------
    def set_scores(self, bloc_id: int, entries: Sequence[ScoreEntry], *,
                   partial: bool = False) -> ScoreWriteResult:
        """Write many cells at once (a paste). Every refused cell is named with its criterion,
        unit and reason; nothing is written unless all are right, or with ``partial`` the
        right ones are written and the refused ones returned."""
        with self._db.session() as s:
            data = load_bloc(s, bloc_id)
            by_id = {c.id: c for c in data.criteria}
            by_code = {c.code: c for c in data.criteria}
            members = {m.unit_id: m for m in data.members}
            problems: list[FieldProblemRow] = []
            accepted: list[tuple[ScoreEntry, Decimal | None]] = []
            for entry in entries:
                problem, value = check_entry(entry, by_id, by_code, members)
                if problem is not None:
                    problems.append(problem)
                else:
                    accepted.append((entry, value))
            if problems and not partial:
                raise ValidationError([FieldProblem(p.field, p.label, p.message)
                                       for p in problems])
            saved = write_entries(s, bloc_id, data, accepted)
        return ScoreWriteResult(saved, tuple(problems))

    def set_evidence(self, bloc_id: int, unit_id: int, criterion_id: int, note: str) -> None:
        """The evidence note (minh chứng) of a cell; closed once the sheet is published."""
        with self._db.session() as s:
            score = _cell(s, bloc_id, unit_id, criterion_id)
            _refuse_if_published(s, bloc_id, unit_id)
            p = Problems()
            score.evidence_note = p.text(note, "evidence_note", "Minh chứng", max_length=5000)
            p.raise_if_any()

    def attach(self, bloc_id: int, unit_id: int, criterion_id: int, source: Path,
               description: str = "") -> AttachmentRow:
        with self._db.read() as s:
            _cell_target(s, bloc_id, unit_id, criterion_id)
            _refuse_if_published(s, bloc_id, unit_id)
        sha, size = store_file(source, self._store)
        with self._db.session() as s:
            score = _cell(s, bloc_id, unit_id, criterion_id)
            row = BlocScoreAttachment(score_id=score.id, sha256=sha, file_name=source.name,
                                      size=size, description=description.strip()[:255])
            s.add(row)
            s.flush()
            return AttachmentRow(row.id, sha, row.file_name, size, row.description)

    def attachments(self, bloc_id: int, unit_id: int, criterion_id: int) -> list[AttachmentRow]:
        with self._db.read() as s:
            rows = s.scalars(select(BlocScoreAttachment).join(
                BlocScore, BlocScore.id == BlocScoreAttachment.score_id).where(
                BlocScore.bloc_id == bloc_id, BlocScore.unit_id == unit_id,
                BlocScore.criterion_id == criterion_id,
                BlocScoreAttachment.deleted_at.is_(None)).order_by(BlocScoreAttachment.id))
            return [AttachmentRow(a.id, a.sha256, a.file_name, a.size, a.description)
                    for a in rows]

    def remove_attachment(self, attachment_id: int) -> None:
        with self._db.session() as s:
            a = get_active(s, BlocScoreAttachment, attachment_id, "tệp minh chứng")
            score = s.get(BlocScore, a.score_id)
            assert score is not None
            _refuse_if_published(s, score.bloc_id, score.unit_id)
            tombstone(a)

    # -- sheets ----------------------------------------------------------------------------
    def transition(self, bloc_id: int, unit_ids: Sequence[int], target: SheetStatus | str,
                   note: str = "", actor: str = "") -> int:
        """Move many sheets at once: all move, or none and every refusal is listed. Sending a
        sheet needs a consistent criteria table and evidence where a criterion requires it."""
        p = Problems()
        chosen = p.choice(target, SheetStatus, "status", "Trạng thái mới")
        p.raise_if_any()
        assert chosen is not None
        with self._db.session() as s:
            data = load_bloc(s, bloc_id)
            members = {m.unit_id: m for m in data.members}
            sheets = {sh.unit_id: sh for sh in s.scalars(select(BlocScoreSheet).where(
                BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.deleted_at.is_(None)))}
            for uid in dict.fromkeys(unit_ids):
                member = members.get(uid)
                if member is None:
                    p.add(str(uid), f"Đơn vị (mã {uid})", "không phải thành viên của khối")
                    continue
                refusal = transition_refusal(member.sheet_status, chosen, note)
                if refusal is None and chosen is S.SUBMITTED and \
                        member.sheet_status is S.DRAFT:
                    refusal = _submit_refusal(data, uid)
                if refusal is None and chosen in (S.REVIEWED, S.PUBLISHED) and data.problems:
                    refusal = "bảng tiêu chí chưa hợp lệ: " + "; ".join(
                        str(x) for x in data.problems[:3])
                if refusal:
                    p.add(str(uid), member.unit_name, refusal)
            p.raise_if_any()
            who = actor or current_actor(s)
            moved = 0
            for uid in dict.fromkeys(unit_ids):
                sheet = sheets.get(uid)
                if sheet is None:
                    sheet = BlocScoreSheet(bloc_id=bloc_id, unit_id=uid, status=S.DRAFT.value)
                    s.add(sheet)
                    s.flush()
                s.add(BlocSheetEvent(sheet_id=sheet.id, from_status=sheet.status,
                                     to_status=chosen.value, actor=who, note=note.strip()))
                sheet.status = chosen.value
                moved += 1
        return moved

    # -- votes -----------------------------------------------------------------------------
    def record_vote(self, bloc_id: int, data: VoteInput) -> VoteRow:
        """The bloc meeting's ballot for a unit; recording it again replaces the figures."""
        with self._db.session() as s:
            live_bloc(s, bloc_id)
            p = Problems()
            member = s.scalars(select(BlocMember).where(
                BlocMember.bloc_id == bloc_id, BlocMember.unit_id == data.unit_id,
                BlocMember.deleted_at.is_(None))).first()
            if member is None:
                p.add("unit_id", "Đơn vị được suy tôn", "không phải thành viên của khối")
            if data.members_present < 1:
                p.add("members_present", "Số thành viên dự họp", "phải ít nhất 1")
            if not 0 <= data.yes_votes <= max(data.members_present, 0):
                p.add("yes_votes", "Số phiếu đồng ý",
                      f"phải từ 0 đến số thành viên dự họp ({data.members_present})")
            p.not_future(data.held_on, "held_on", "Ngày họp")
            p.raise_if_any()
            vote = s.scalars(select(BlocVote).where(BlocVote.bloc_id == bloc_id,
                                                    BlocVote.unit_id == data.unit_id)).first()
            if vote is None:
                vote = BlocVote(bloc_id=bloc_id, unit_id=data.unit_id)
                s.add(vote)
            vote.deleted_at = None
            vote.yes_votes, vote.members_present = data.yes_votes, data.members_present
            vote.held_on, vote.note = data.held_on, data.note.strip()
            s.flush()
            return _vote_row(s, vote)

    def votes(self, bloc_id: int) -> list[VoteRow]:
        with self._db.read() as s:
            live_bloc(s, bloc_id)
            return [_vote_row(s, v) for v in s.scalars(select(BlocVote).where(
                BlocVote.bloc_id == bloc_id, BlocVote.deleted_at.is_(None))
                .order_by(BlocVote.yes_votes.desc(), BlocVote.id))]

    def delete_vote(self, bloc_id: int, unit_id: int) -> None:
        with self._db.session() as s:
            vote = s.scalars(select(BlocVote).where(
                BlocVote.bloc_id == bloc_id, BlocVote.unit_id == unit_id,
                BlocVote.deleted_at.is_(None))).first()
            if vote is None:
                raise NotFoundError("Chưa có kết quả suy tôn của đơn vị này.")
            tombstone(vote)


# -- helpers ----------------------------------------------------------------------------------------
def _grid(data: BlocData) -> ScoreGrid:
    plan = ScoringPlan(data.criteria)
    selfs = {u.unit_id: plan.totals(u).total for u in data.unit_scores(ScoreBasis.SELF)}
    reviewed = {u.unit_id: plan.totals(u).total for u in data.unit_scores(ScoreBasis.REVIEWED)}
    sheets = tuple(SheetRow(m.unit_id, m.unit_name, m.unit_code, m.sheet_status,
                            m.sheet_status in EDITABLE[ScoreBasis.SELF],
                            m.sheet_status in EDITABLE[ScoreBasis.REVIEWED],
                            selfs.get(m.unit_id, ZERO), reviewed.get(m.unit_id, ZERO))
                   for m in data.members)
    return ScoreGrid(data.bloc, tuple(data.criteria), sheets, dict(data.cells),
                     tuple(data.problems))


def cell_label(c: CriterionRow, unit_name: str, which: ScoreBasis) -> str:
    return f"Tiêu chí {c.code} ({unit_name}, {WHICH_LABEL[which]})"


def check_entry(entry: ScoreEntry, by_id: dict[int, CriterionRow],
                 by_code: dict[str, CriterionRow], members: dict[int, MemberRow]
                 ) -> tuple[FieldProblemRow | None, Decimal | None]:
    which = entry.which if isinstance(entry.which, ScoreBasis) else ScoreBasis(entry.which)
    field = f"{entry.unit_id}:{entry.criterion_id}:{which.value}"
    c = by_id.get(entry.criterion_id)
    member = members.get(entry.unit_id)
    if c is None or member is None:
        what = "tiêu chí" if c is None else "đơn vị"
        return FieldProblemRow(field, f"Ô ({entry.criterion_id}, {entry.unit_id})",
                               f"{what} không thuộc khối này", entry.unit_id,
                               entry.criterion_id), None
    label = cell_label(c, member.unit_name, which)
    value = None
    if entry.value is not None and entry.value != "":
        try:
            value = to_points(entry.value)
        except ValueError as exc:
            return FieldProblemRow(field, label, str(exc), entry.unit_id, c.id), None
    problem = score_problem(c, value, c.is_group, ancestors(c, by_code))
    if problem is None:
        problem = edit_refusal(member.sheet_status, which)
    if problem is not None:
        return FieldProblemRow(field, label, problem, entry.unit_id, c.id), None
    return None, value


def write_entries(s: Session, bloc_id: int, data: BlocData,
           accepted: list[tuple[ScoreEntry, Decimal | None]]) -> int:
    if not accepted:
        return 0
    wanted = {(e.criterion_id, e.unit_id) for e, _ in accepted}
    rows = {(r.criterion_id, r.unit_id): r for r in s.scalars(select(BlocScore).where(
        BlocScore.bloc_id == bloc_id,
        BlocScore.criterion_id.in_({c for c, _ in wanted})))}
    changed = 0
    for entry, value in accepted:
        key = (entry.criterion_id, entry.unit_id)
        row = rows.get(key)
        if row is None:
            if value is None:
                continue
            row = BlocScore(bloc_id=bloc_id, criterion_id=entry.criterion_id,
                            unit_id=entry.unit_id, evidence_note="")
            s.add(row)
            rows[key] = row
        row.deleted_at = None
        attr = "self_score" if ScoreBasis(entry.which) is ScoreBasis.SELF else "reviewed_score"
        old = getattr(row, attr)
        if (Decimal(old) if old is not None else None) != value:
            setattr(row, attr, value)
            changed += 1
    s.flush()
    return changed


def _submit_refusal(data: BlocData, unit_id: int) -> str | None:
    if data.problems:
        return "bảng tiêu chí chưa hợp lệ: " + "; ".join(str(x) for x in data.problems[:3])
    missing = []
    for c in data.criteria:
        if c.is_group or not c.evidence_required or c.kind is CriterionKind.TARGET:
            continue
        cell = data.cells.get((c.id, unit_id))
        if cell is not None and cell.self_score and not (cell.evidence_note.strip() or
                                                          cell.attachment_count):
            missing.append(c.code)
    if missing:
        return f"thiếu minh chứng cho tiêu chí {', '.join(missing)} (tiêu chí yêu cầu minh chứng)"
    return None


def _cell_target(s: Session, bloc_id: int, unit_id: int, criterion_id: int) -> Criterion:
    live_bloc(s, bloc_id)
    c = s.get(Criterion, criterion_id)
    if c is None or c.deleted_at is not None or c.bloc_id != bloc_id:
        raise NotFoundError(f"Không tìm thấy tiêu chí (mã {criterion_id}) trong khối.")
    member = s.scalars(select(BlocMember.id).where(
        BlocMember.bloc_id == bloc_id, BlocMember.unit_id == unit_id,
        BlocMember.deleted_at.is_(None))).first()
    if member is None:
        raise NotFoundError(f"Đơn vị (mã {unit_id}) không phải thành viên của khối.")
    return c


def _cell(s: Session, bloc_id: int, unit_id: int, criterion_id: int) -> BlocScore:
    """The score row of a cell, made when the first note or file arrives before a score."""
    _cell_target(s, bloc_id, unit_id, criterion_id)
    row = s.scalars(select(BlocScore).where(BlocScore.criterion_id == criterion_id,
                                            BlocScore.unit_id == unit_id)).first()
    if row is None:
        row = BlocScore(bloc_id=bloc_id, criterion_id=criterion_id, unit_id=unit_id,
                        evidence_note="")
        s.add(row)
        s.flush()
    row.deleted_at = None
    return row


def _refuse_if_published(s: Session, bloc_id: int, unit_id: int) -> None:
    status = s.scalar(select(BlocScoreSheet.status).where(
        BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.unit_id == unit_id,
        BlocScoreSheet.deleted_at.is_(None)))
    if status == S.PUBLISHED.value:
        raise ConflictError("Bảng điểm đã công bố (khóa), không sửa được; mở khóa trước nếu cần "
                            "sửa.")


def _vote_row(s: Session, v: BlocVote) -> VoteRow:
    name = s.scalar(select(Unit.name).where(Unit.id == v.unit_id)) or ""
    return VoteRow(v.id, v.unit_id, name, v.yes_votes, v.members_present, v.held_on, v.note)


__all__ = ["EDITABLE", "NEEDS_REASON", "TRANSITIONS", "WHICH_LABEL", "ScoringService", "cell_label",
           "check_entry", "edit_refusal", "transition_refusal", "write_entries"]
