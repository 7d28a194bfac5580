"""Council meetings (họp Hội đồng TĐKT): votes per nomination, thresholds as a share of ALL
members (NĐ 152/2025 Điều 33 khoản 5), results that move the nominations' statuses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.api.council import MeetingInput as MeetingInput
from desktop.api.council import MeetingRow as MeetingRow
from desktop.api.council import VoteResult as VoteResult
from desktop.domain.enums import NominationStatus
from desktop.domain.errors import ConflictError
from desktop.models import AwardKind, CouncilMeeting, Nomination, ProvinceParameter, Round, Vote
from desktop.services.authority import legal_rules, statutory_vote
from desktop.services.common import get_active
from desktop.services.database import Database
from desktop.services.nominations import NominationQuery, NominationService
from desktop.services.validation import Problems

DEFAULT_THRESHOLD_KEY = "*"
DEFAULT_THRESHOLD = 50


def vote_source(year: int, by_law: bool) -> str:
    """The citation of a vote threshold, from the legal data and the decree in force for the
    round's year (as the eligibility rules cite): the law's own share (NĐ 152/2025 Art 33.5),
    or the province's rule on its council (Art 6.2), which the reference marks unsure."""
    from desktop.services.eligibility.rules import UNSURE, rule_set_for

    votes, rs = legal_rules().votes, rule_set_for(year)
    if by_law:
        return rs.decree_art(votes["statutory_article"])
    return (f"{votes['province_note']}, theo {rs.decree_art(votes['province_article'])}"
            f"{UNSURE}")


class CouncilService:
    def __init__(self, db: Database, nominations: NominationService) -> None:
        self._db = db
        self._nominations = nominations

    def create_meeting(self, data: MeetingInput) -> MeetingRow:
        p = Problems()
        if data.total_members < 1:
            p.add("total_members", "Tổng số thành viên Hội đồng", "phải lớn hơn 0")
        if not 0 <= data.present_members <= max(data.total_members, 0):
            p.add("present_members", "Số thành viên có mặt",
                  f"phải từ 0 đến tổng số thành viên ({data.total_members})")
        p.not_future(data.held_on, "held_on", "Ngày họp")
        with self._db.session() as s:
            round_ = s.get(Round, data.round_id)
            if round_ is None or round_.deleted_at is not None:
                p.add("round_id", "Đợt xét", "không tồn tại")
            p.raise_if_any()
            m = CouncilMeeting(round_id=data.round_id, held_on=data.held_on,
                               total_members=data.total_members,
                               present_members=data.present_members, place=data.place.strip(),
                               chair=data.chair.strip(), secretary=data.secretary.strip())
            s.add(m)
            s.flush()
            return _meeting_row(m)

    def meetings(self, round_id: int) -> list[MeetingRow]:
        with self._db.read() as s:
            return [_meeting_row(m) for m in s.scalars(
                select(CouncilMeeting).where(CouncilMeeting.round_id == round_id,
                                             CouncilMeeting.deleted_at.is_(None))
                .order_by(CouncilMeeting.held_on, CouncilMeeting.id))]

    def threshold(self, award_code: str) -> int:
        """The province's share for the award, never below the one the law sets (Art 33.5)."""
        with self._db.read() as s:
            lineage = s.scalar(select(AwardKind.lineage).where(AwardKind.code == award_code))
            return self._threshold(s, award_code, lineage or award_code)[0]

    @staticmethod
    def _threshold(s: Session, award_code: str, lineage: str) -> tuple[int, bool]:
        """(share of all members, whether the law itself sets it)."""
        param = s.get(ProvinceParameter, "vote_threshold_percent")
        table: dict[str, int] = (param.value if param is not None and isinstance(param.value, dict)
                                 else {})
        province = int(table.get(award_code, table.get(
            lineage, table.get(DEFAULT_THRESHOLD_KEY, DEFAULT_THRESHOLD))))
        law = statutory_vote(lineage)
        if law is not None and law >= province:
            return law, True
        return province, False

    def record_votes(self, meeting_id: int, yes_votes: dict[int, int]) -> None:
        """Save yes votes per nomination; every wrong cell is listed, nothing saved on error."""
        with self._db.session() as s:
            m = get_active(s, CouncilMeeting, meeting_id, "cuộc họp Hội đồng")
            if m.closed:
                raise ConflictError("Cuộc họp đã kết thúc; không sửa được số phiếu.")
            noms = {n.id: n for n in s.scalars(select(Nomination).where(
                Nomination.id.in_(list(yes_votes)), Nomination.deleted_at.is_(None)))}
            p = Problems()
            for nomination_id, votes in yes_votes.items():
                n = noms.get(nomination_id)
                label = f"Đề nghị {nomination_id}"
                if n is None or n.round_id != m.round_id:
                    p.add(str(nomination_id), label, "không thuộc đợt xét của cuộc họp này")
                elif n.status != NominationStatus.ELIGIBLE.value:
                    p.add(str(nomination_id), label,
                          f"đang ở trạng thái “{NominationStatus(n.status).label}”; chỉ bỏ phiếu "
                          "cho đề nghị đã thẩm định đủ điều kiện")
                elif not 0 <= votes <= m.present_members:
                    p.add(str(nomination_id), label,
                          f"số phiếu đồng ý {votes} phải từ 0 đến số thành viên có mặt "
                          f"({m.present_members})")
            p.raise_if_any()
            existing = {v.nomination_id: v for v in s.scalars(select(Vote).where(
                Vote.meeting_id == meeting_id, Vote.nomination_id.in_(list(yes_votes))))}
            for nomination_id, votes in yes_votes.items():
                vote = existing.get(nomination_id)
                if vote is None:
                    s.add(Vote(meeting_id=meeting_id, nomination_id=nomination_id,
                               yes_votes=votes))
                else:
                    vote.yes_votes, vote.deleted_at = votes, None

    def results(self, meeting_id: int) -> list[VoteResult]:
        """Every eligible nomination of the round, and every one voted on in this meeting
        (passed, awarded since, or refused), with its vote if any."""
        with self._db.read() as s:
            m = get_active(s, CouncilMeeting, meeting_id, "cuộc họp Hội đồng")
            votes = dict(s.execute(select(Vote.nomination_id, Vote.yes_votes).where(
                Vote.meeting_id == meeting_id, Vote.deleted_at.is_(None))).all())
            total, round_id = m.total_members, m.round_id
            year = s.scalar(select(Round.year).where(Round.id == round_id)) or m.held_on.year
            rules: dict[str, tuple[int, str]] = {}
            for code, lineage in s.execute(select(AwardKind.code, AwardKind.lineage)):
                share, by_law = self._threshold(s, code, lineage)
                rules[code] = (share, vote_source(year, by_law))
        out = []
        for status in (NominationStatus.ELIGIBLE, NominationStatus.VOTED,
                       NominationStatus.AWARDED, NominationStatus.REJECTED):
            for row in self._nominations.page(NominationQuery(round_id, status=status), 0, 100_000):
                if status is not NominationStatus.ELIGIBLE and row.id not in votes:
                    continue
                share, source = rules.get(row.award_code, (DEFAULT_THRESHOLD, vote_source(
                    year, False)))
                out.append(VoteResult(row.id, row.subject_name, row.award_code, row.award_name,
                                      votes.get(row.id), total, share, source))
        return out

    def close_meeting(self, meeting_id: int, actor: str = "") -> dict[str, int]:
        """Apply the results: passed → Đã xét; failed → Không khen, with the count as reason."""
        results = [r for r in self.results(meeting_id) if r.yes_votes is not None]
        pending = [r for r in results if self._nominations.get(r.nomination_id).status
                   is NominationStatus.ELIGIBLE]
        passed = [r.nomination_id for r in pending if r.passed]
        if passed:
            self._nominations.transition(passed, NominationStatus.VOTED,
                                         "Hội đồng TĐKT bỏ phiếu đạt tỷ lệ", actor)
        for r in pending:
            if not r.passed:
                self._nominations.transition([r.nomination_id], NominationStatus.REJECTED,
                                             "Không đủ tỷ lệ phiếu: " + r.line, actor)
        with self._db.session() as s:
            get_active(s, CouncilMeeting, meeting_id, "cuộc họp Hội đồng").closed = True
        return {"passed": len(passed), "failed": len(pending) - len(passed)}


def _meeting_row(m: CouncilMeeting) -> MeetingRow:
    return MeetingRow(m.id, m.round_id, m.held_on, m.total_members, m.present_members, m.place,
                      m.chair, m.secretary, m.closed)

