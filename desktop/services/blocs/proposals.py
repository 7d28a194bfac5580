"""Proposals from a bloc's ranking into an award round: the leading unit(s) for the province's
Emulation Flag (Cờ thi đua), the next ones for the chairman's Certificate of Merit (Bằng
khen), each with the score summary as its achievement and as linked evidence.

Proposing is idempotent: a unit that already has the proposed nomination in the round is left
as it is (its summary refreshed while still a draft); one whose proposed award changed is
updated while still editable. Nominations are made through ``NominationService`` so they
follow every rule a hand-made one does. The ranking must be final (every sheet reviewed) and
must not leave a tie across the number proposed: the bloc settles that by its vote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import EvidenceKind, NominationStatus, RoundStatus, ScoreBasis
from desktop.domain.errors import ConflictError, NotFoundError
from desktop.models import AwardKind, Nomination, NominationEvidence, ProvinceParameter, Round
from desktop.services.blocs.dto import ProposalLine, ProposalResult, RankedUnit
from desktop.services.blocs.loading import BlocData, load_bloc
from desktop.services.blocs.points import fmt_points
from desktop.services.database import Database
from desktop.services.nominations import EvidenceRow, NominationInput, NominationService
from desktop.services.records import Subject
from desktop.services.workflow import EDITABLE

FLAG_LINEAGE = "CO_TD_TINH"
MERIT_LINEAGE = "BK_TINH"
PROPOSED_LINEAGES = (FLAG_LINEAGE, MERIT_LINEAGE)


@dataclass(frozen=True)
class _Choice:
    row: RankedUnit
    lineage: str


class ProposalService:
    def __init__(self, db: Database, nominations: NominationService) -> None:
        self._db = db
        self._nominations = nominations

    def caps(self) -> tuple[int, int]:
        """How many units one bloc may propose for Cờ thi đua and for Bằng khen (the
        province's ``flags_per_bloc`` and ``bk_tinh_per_bloc``)."""
        with self._db.read() as s:
            return province_cap(s, FLAGS_PARAM), province_cap(s, MERITS_PARAM)

    def propose(self, bloc_id: int, round_id: int, *, flag_count: int | None = None,
                merit_count: int | None = None, actor: str = "",
                dry_run: bool = False) -> ProposalResult:
        """Create (or bring up to date) the bloc's nominations in the round. With
        ``dry_run`` nothing is written and the lines say what would happen."""
        with self._db.read() as s:
            data = load_bloc(s, bloc_id)
            round_ = s.get(Round, round_id)
            if round_ is None or round_.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy đợt xét khen thưởng (mã {round_id}).")
            if round_.status == RoundStatus.CLOSED.value:
                raise ConflictError(f"Đợt xét “{round_.name}” đã kết thúc, không nhận thêm đề nghị.")
            if round_.year != data.bloc.year:
                raise ConflictError(f"“{data.bloc.name}” là khối năm {data.bloc.year}; chỉ đề nghị "
                                    f"vào đợt xét năm {data.bloc.year} (đợt “{round_.name}” là "
                                    f"năm {round_.year}).")
            kinds = {lineage: _kind_for(s, lineage, round_.year) for lineage in PROPOSED_LINEAGES}
            ranking = data.ranking(ScoreBasis.REVIEWED)
            if data.problems:
                raise ConflictError("Bảng tiêu chí chưa hợp lệ: " +
                                    "; ".join(str(p) for p in data.problems[:3]))
            if not ranking.complete:
                raise ConflictError("Chưa đề nghị được: khối chưa chấm xong bảng điểm của "
                                    f"{', '.join(ranking.pending_units)}.")
            flags, merits = _counts(s, data, flag_count, merit_count)
            chosen = _choose(list(ranking.rows), flags, merits)
            existing = _existing(s, round_id, [c.row.unit_id for c in chosen])
            stale = _stale(s, round_id, data, {c.row.unit_id for c in chosen})
        total = len(ranking.rows)
        lines: list[ProposalLine] = []
        proposer = data.bloc.head_unit_id or data.bloc.organiser_unit_id
        for choice in chosen:
            code, name = kinds[choice.lineage]
            summary = summarise(data, choice.row, total)
            line = self._apply(choice, code, name, summary, existing.get(choice.row.unit_id),
                               round_id, proposer, actor, dry_run)
            if not dry_run and line.nomination_id is not None:
                sheet_uuid = data.sheet_uuids.get(choice.row.unit_id)
                if sheet_uuid:
                    self._nominations.link_evidence(line.nomination_id, EvidenceRow(
                        EvidenceKind.BLOC_SCORE, sheet_uuid, summary[:500]))
            lines.append(line)
        lines.extend(stale)
        return ProposalResult(bloc_id, round_id, tuple(lines))

    def _apply(self, choice: _Choice, code: str, name: str, summary: str,
               current: tuple[int, str, str, str] | None, round_id: int,
               proposer: int | None, actor: str, dry_run: bool) -> ProposalLine:
        row = choice.row
        subject = Subject(None, row.unit_id, "")
        data = NominationInput(round_id, subject, code, summary, proposer)
        if current is None:
            if dry_run:
                return ProposalLine(row.unit_id, row.unit_name, row.rank, code, name, None,
                                    "created", "sẽ tạo đề nghị mới")
            made = self._nominations.create(data, actor)
            return ProposalLine(row.unit_id, row.unit_name, row.rank, code, name, made.id,
                                "created")
        nomination_id, current_code, status, current_summary = current
        editable = NominationStatus(status) in EDITABLE
        if current_code == code and (current_summary == summary or not editable):
            return ProposalLine(row.unit_id, row.unit_name, row.rank, code, name, nomination_id,
                                "unchanged", "đã có đề nghị này trong đợt")
        if not editable:
            return ProposalLine(row.unit_id, row.unit_name, row.rank, code, name, nomination_id,
                                "kept", f"đã có đề nghị mã {current_code} ở trạng thái "
                                        f"“{NominationStatus(status).label}”, không tự đổi được")
        if not dry_run:
            self._nominations.update(nomination_id, data)
        note = "cập nhật tóm tắt điểm" if current_code == code else \
            f"đổi từ {current_code} theo xếp hạng mới"
        return ProposalLine(row.unit_id, row.unit_name, row.rank, code, name, nomination_id,
                            "updated", note)


# Province parameters capping what one bloc proposes, with the value a database predating them
# uses: Cờ thi đua (a large bloc may be given two) and Bằng khen per bloc.
FLAGS_PARAM, MERITS_PARAM = "flags_per_bloc", "bk_tinh_per_bloc"
_CAP_DEFAULTS = {FLAGS_PARAM: 1, MERITS_PARAM: 2}


def province_cap(s: Session, key: str) -> int:
    row = s.get(ProvinceParameter, key)
    value = row.value if row is not None else _CAP_DEFAULTS[key]
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 \
        else _CAP_DEFAULTS[key]


def _counts(s: Session, data: BlocData, flag_count: int | None,
            merit_count: int | None) -> tuple[int, int]:
    """How many units the bloc proposes for the flag and for the certificate. Precedence: the
    count asked for now, else the bloc's own (set per bloc: a large bloc may be given two
    flags), and never more than the province allows each bloc (``flags_per_bloc``,
    ``bk_tinh_per_bloc``): a bloc whose stored count is above a cap lowered since proposes up to
    the cap; a count asked for above it is refused, naming the parameter."""
    flag_cap, merit_cap = province_cap(s, FLAGS_PARAM), province_cap(s, MERITS_PARAM)
    for asked, cap, what, key in ((flag_count, flag_cap, "Cờ thi đua", FLAGS_PARAM),
                                  (merit_count, merit_cap, "Bằng khen", MERITS_PARAM)):
        if asked is not None and asked > cap:
            raise ConflictError(f"Tỉnh quy định mỗi khối, cụm đề nghị tối đa {cap:02d} {what} "
                                f"(tham số “{_label(s, key)}”); không đề nghị được "
                                f"{asked:02d}.")
    flags = min(data.bloc.flag_count if flag_count is None else flag_count, flag_cap)
    merits = min(data.bloc.merit_count if merit_count is None else merit_count, merit_cap)
    return max(flags, 0), max(merits, 0)


def _label(s: Session, key: str) -> str:
    row = s.get(ProvinceParameter, key)
    return row.label if row is not None else key


def _choose(rows: list[RankedUnit], flags: int, merits: int) -> list[_Choice]:
    """Ranks 1..flags for the flag, then up to flags+merits for the certificate; a tie that
    straddles either boundary is refused with the units named."""
    chosen: list[_Choice] = []
    for limit, lineage, what in ((flags, FLAG_LINEAGE, "Cờ thi đua"),
                                 (flags + merits, MERIT_LINEAGE, "Bằng khen")):
        inside = [r for r in rows if r.rank <= limit]
        if len(inside) > limit:
            tied = [r for r in rows if r.rank == inside[-1].rank]
            names = ", ".join(r.unit_name for r in tied)
            raise ConflictError(
                f"Các đơn vị {names} đồng hạng {tied[0].rank}, nên số đơn vị đề nghị {what} vượt "
                f"{limit}. Hãy ghi kết quả suy tôn của khối và thêm quy tắc phân định “Nhiều "
                "phiếu suy tôn hơn”, hoặc chọn số lượng đề nghị khác.")
        taken = {c.row.unit_id for c in chosen}
        chosen.extend(_Choice(r, lineage) for r in inside if r.unit_id not in taken)
    return chosen


def summarise(data: BlocData, row: RankedUnit, total_units: int) -> str:
    """The score evidence written into the nomination (achievement summary and evidence)."""
    parts = []
    for g in row.groups:
        label = {"bonus": "điểm thưởng", "penalty": "điểm trừ"}.get(g.kind.value, "nhóm")
        parts.append(f"{label} {g.code}: {fmt_points(g.points)}")
    text = (f"{data.bloc.kind.label} “{data.bloc.name}” năm {data.bloc.year}: xếp thứ {row.rank}/"
            f"{total_units} với {fmt_points(row.total)}/{fmt_points(data.bloc.total_points)} "
            f"điểm khối chấm ({'; '.join(parts)}).")
    if row.votes is not None:
        text += f" Khối suy tôn: {row.votes} phiếu đồng ý."
    if row.tie_note:
        text += f" {row.tie_note}."
    return text


def _kind_for(s: Session, lineage: str, year: int) -> tuple[str, str]:
    """The catalog's kind of ``lineage`` that applies to the year's achievements."""
    kinds = [k for k in s.scalars(select(AwardKind).where(
        AwardKind.lineage == lineage, AwardKind.deleted_at.is_(None)))
        if (k.valid_from is None or k.valid_from <= date(year + 1, 12, 31))
        and (k.valid_to is None or k.valid_to >= date(year, 1, 1))
        and "collective" in k.subjects.split(",")]
    if not kinds:
        raise ConflictError(f"Danh mục không có danh hiệu/hình thức nhóm “{lineage}” áp dụng cho "
                            f"tập thể năm {year}; hãy kiểm tra danh mục khen thưởng.")
    kinds.sort(key=lambda k: (k.code != lineage, k.valid_from or date.min), reverse=False)
    return kinds[0].code, kinds[0].name


def _existing(s: Session, round_id: int, unit_ids: list[int]
              ) -> dict[int, tuple[int, str, str, str]]:
    """Each unit's live flag or certificate nomination in the round (the first one)."""
    out: dict[int, tuple[int, str, str, str]] = {}
    for nid, uid, code, status, summary in s.execute(
            select(Nomination.id, Nomination.unit_id, AwardKind.code, Nomination.status,
                   Nomination.achievement_summary)
            .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
            .where(Nomination.round_id == round_id, Nomination.deleted_at.is_(None),
                   Nomination.unit_id.in_(unit_ids), AwardKind.lineage.in_(PROPOSED_LINEAGES))
            .order_by(Nomination.id)):
        if uid is not None:  # always: the query asks for these units
            out.setdefault(uid, (nid, code, status, summary))
    return out


def _stale(s: Session, round_id: int, data: BlocData, chosen: set[int]) -> list[ProposalLine]:
    """Earlier proposals of this bloc for units the ranking no longer puts forward."""
    uuids = {u: uid for uid, u in data.sheet_uuids.items()}
    if not uuids:
        return []
    names = {m.unit_id: m.unit_name for m in data.members}
    out = []
    for nid, uid, code, kind_name, record in s.execute(
            select(Nomination.id, Nomination.unit_id, AwardKind.code, AwardKind.name,
                   NominationEvidence.record_uuid)
            .join(AwardKind, AwardKind.id == Nomination.award_kind_id)
            .join(NominationEvidence, NominationEvidence.nomination_id == Nomination.id)
            .where(Nomination.round_id == round_id, Nomination.deleted_at.is_(None),
                   NominationEvidence.deleted_at.is_(None),
                   NominationEvidence.kind == EvidenceKind.BLOC_SCORE.value,
                   NominationEvidence.record_uuid.in_(list(uuids)))):
        if uuids[record] not in chosen and uid is not None:  # a bloc's proposals are units'
            out.append(ProposalLine(uid, names.get(uid, ""), 0, code, kind_name, nid,
                                    "not_selected", "theo xếp hạng hiện nay không còn được đề "
                                                    "nghị; hãy xem lại và xóa nếu cần"))
    return out
