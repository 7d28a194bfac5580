"""Demo award rounds over the demo database.

* ``build_demo_round`` (``tdkt demo-round``): an open year-end round whose nominations are a
  realistic mix of eligible and ineligible cases, bulk-inserted for trying the app and for the
  benchmark (30,000 nominations at province scale).
* ``build_finished_round`` (part of ``tdkt demo``): a small thematic round taken to the end
  through the real services (eligibility check, council votes, a signed decision that pays and
  writes award history), so every screen and every README example has a finished case.
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from desktop.domain.enums import (
    ConditionStatus,
    NominationStatus,
    RatingLevel,
    RoundKind,
    RoundStatus,
    SignerCapacity,
    UnitKind,
    UnitLevel,
)
from desktop.domain.errors import ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.models import (
    AwardKind,
    AwardRecord,
    Initiative,
    Nomination,
    NominationEvent,
    Person,
    Rating,
    Registration,
    Round,
    Unit,
)
from desktop.models.base import new_uuid, utcnow
from desktop.services.database import Database, InstallationInfo

CHUNK = 10_000
_STATUS_MIX = ((NominationStatus.RECEIVED, 80), (NominationStatus.SUBMITTED, 15),
               (NominationStatus.DRAFT, 5))


@dataclass(frozen=True)
class DemoRoundSummary:
    round_id: int
    nominations: int
    registrations: int
    seconds: float


def build_demo_round(db: Database, *, year: int = 2026, size: int = 300, seed: int = 2026,
                     progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None) -> DemoRoundSummary:
    """Add one year-end round with about ``size`` nominations chosen from the database's people
    and units by what their history makes plausible (one transaction)."""
    if not 1 <= size <= 200_000:
        raise ValidationError.single("size", "Số đề nghị", "phải từ 1 đến 200.000")
    if db.installation is None:
        raise ValidationError.single("installation", "Cơ sở dữ liệu",
                                     "chưa thiết lập đơn vị sử dụng; hãy tạo dữ liệu mẫu trước")
    started = time.perf_counter()
    rng = random.Random(seed)
    owner = db.installation.uuid
    with db.session() as s:
        progress(0, 4, "Đang chọn đối tượng đề nghị…")
        codes = dict(s.execute(select(AwardKind.code, AwardKind.id)).all())
        round_id = _insert(s, Round, [_sync(owner) | {
            "name": f"Xét khen thưởng tổng kết năm {year} (dữ liệu mẫu)", "year": year,
            "kind": RoundKind.YEAR_END.value, "office_unit_id": db.installation.unit_id,
            "registration_deadline": date(year, 2, 28),
            "submission_deadline": date(year, 12, 15), "status": "open", "note": ""}])[0]
        picks = _choose(s, year, size, rng)
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(1, 4, "Đang ghi đề nghị khen thưởng…")
        rows, registrations = [], []
        for position, (person_id, unit_id, code) in enumerate(picks, start=1):
            status = _weighted(rng, _STATUS_MIX)
            rows.append(_sync(owner) | {
                "round_id": round_id, "person_id": person_id, "unit_id": unit_id,
                "household_name": "", "household_unit_id": None, "award_kind_id": codes[code],
                "proposing_unit_id": None, "achievement_summary": "", "status": status.value,
                "status_note": "", "eligibility": "", "position": position,
                "period_from": date(year, 1, 1), "period_to": date(year, 12, 31)})
            if code in {"LDTT", "CSTDCS", "TTLDTT", "TTLDXS"} and rng.random() < 0.92:
                registrations.append(_sync(owner) | {
                    "year": year, "person_id": person_id, "unit_id": unit_id,
                    "award_kind_id": codes[code], "registered_on": date(year, 1, 20),
                    "movement_id": None})
        ids = _insert(s, Nomination, rows)
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(2, 4, "Đang ghi lịch sử trạng thái…")
        now = utcnow()
        events = [_sync(owner) | {"nomination_id": nid, "from_status": "", "to_status": r["status"],
                                  "actor": "dữ liệu mẫu", "at": now, "note": "Tạo đề nghị"}
                  for nid, r in zip(ids, rows, strict=True)]
        _insert(s, NominationEvent, events)
        progress(3, 4, "Đang ghi đăng ký thi đua…")
        _insert(s, Registration, registrations)
        if cancel is not None:
            cancel.raise_if_cancelled()
    progress(4, 4, "Xong")
    return DemoRoundSummary(round_id, len(rows), len(registrations),
                            round(time.perf_counter() - started, 2))


def _choose(s: Session, year: int, size: int, rng: random.Random) -> list[tuple[Any, Any, str]]:
    """People and units with the award their record suggests (and some hopeful ones)."""
    rating = dict(s.execute(select(Rating.person_id, Rating.level).where(
        Rating.year == year, Rating.person_id.is_not(None), Rating.deleted_at.is_(None))).all())
    with_idea = set(s.scalars(select(Initiative.person_id).where(
        Initiative.year == year, Initiative.person_id.is_not(None))))
    cstd_years: dict[int, set[int]] = defaultdict(set)
    for pid, y in s.execute(select(AwardRecord.person_id, AwardRecord.year)
                            .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                            .where(AwardKind.lineage == "CSTDCS",
                                   AwardRecord.year >= year - 2,
                                   AwardRecord.person_id.is_not(None))):
        if pid is not None:  # filtered in SQL; narrows the type
            cstd_years[pid].add(y)
    people = list(s.scalars(select(Person.id).where(Person.deleted_at.is_(None))
                            .order_by(Person.id)))
    units = list(s.scalars(select(Unit.id).where(Unit.deleted_at.is_(None),
                                                 Unit.valid_to.is_(None)).order_by(Unit.id)))
    rng.shuffle(people)
    picks: list[tuple[Any, Any, str]] = []
    for uid in units[: max(1, size // 20)]:
        picks.append((None, uid, _weighted(rng, (("TTLDTT", 70), ("TTLDXS", 20),
                                                 ("GIAY_KHEN", 8), ("CO_TD_TINH", 2)))))
    good = (RatingLevel.GOOD.value, RatingLevel.EXCELLENT.value)
    for pid in people:
        if len(picks) >= size:
            break
        level = rating.get(pid)
        if level in good or rng.random() < 0.05:
            picks.append((pid, None, "LDTT"))
        if len(picks) < size and (pid in with_idea or rng.random() < 0.02):
            picks.append((pid, None, "CSTDCS"))
        if len(picks) < size and len(cstd_years[pid]) >= 2:
            picks.append((pid, None, "CSTD_TINH" if rng.random() < 0.5 else "BK_TINH"))
        elif len(picks) < size and rng.random() < 0.03:
            picks.append((pid, None, "GIAY_KHEN"))
    return picks[:size]


def _weighted(rng: random.Random, options: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _sync(owner: str) -> dict[str, Any]:
    now: datetime = utcnow()
    return {"uuid": new_uuid(), "owner_uuid": owner, "created_at": now, "updated_at": now,
            "version": 1, "deleted_at": None}


def _insert(s: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert in chunks; returns the new ids in order."""
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        result = s.execute(insert(model).returning(model.id, sort_by_parameter_order=True),  # type: ignore[attr-defined]
                           chunk)
        ids.extend(result.scalars().all())
    return ids


# -- a finished round, through the real services ----------------------------------------------
FINISHED_YEAR = 2026
FINISHED_ACTOR = "dữ liệu mẫu"
_THEME = "“Lai Châu chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”"
_COLLECTIVE_DEEDS = (
    "Vận động Nhân dân hiến đất, góp ngày công làm đường giao thông nông thôn; hoàn thành xóa "
    "nhà tạm, nhà dột nát cho các hộ nghèo trên địa bàn trước thời hạn",
    "Tổ chức quyên góp ủng hộ Quỹ “Vì người nghèo”, hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo; "
    "tỷ lệ hộ nghèo giảm vượt chỉ tiêu được giao",
)
_PERSON_DEEDS = (
    "Tích cực vận động, trực tiếp hỗ trợ hộ nghèo phát triển sản xuất, thoát nghèo bền vững",
    "Có nhiều đóng góp trong xây dựng, sửa chữa nhà cho hộ nghèo, hộ có hoàn cảnh khó khăn",
    "Hướng dẫn bà con áp dụng kỹ thuật trồng chè, thảo quả, nâng cao thu nhập",
)
_HOUSEHOLD_DEED = "Hiến đất làm đường giao thông nông thôn, giúp đỡ hộ nghèo trong bản"


@dataclass(frozen=True)
class FinishedRoundSummary:
    round_id: int
    meeting_id: int
    decision_id: int
    nominations: int
    awards: int


class _InTransaction(Database):
    """The services over the demo build's own open transaction: each of their units of work is
    a savepoint on the build's connection, so the finished round goes through the real rules
    and still commits, or rolls back on a cancel, with everything else."""

    def __init__(self, outer: Session, installation: InstallationInfo) -> None:
        outer.flush()
        connection = outer.connection()
        self.engine = connection.engine
        self.installation = installation
        self._joined = sessionmaker(connection, expire_on_commit=False,
                                    join_transaction_mode="create_savepoint",
                                    info={"installation_uuid": installation.uuid})
        self._sessions = self._writer = self._joined

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._joined.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._joined() as session:
            yield session


def build_finished_round(s: Session, installation: InstallationInfo, seed: int
                         ) -> FinishedRoundSummary:
    """A thematic round of 2026 taken to the end with the services the windows use: nominations
    received and checked, a council meeting that voted (one nomination falls short), and a
    signed decision that paid the money and wrote the award history."""
    from desktop.services.council import CouncilService, MeetingInput
    from desktop.services.decisions import DecisionInput, DecisionService
    from desktop.services.eligibility import EligibilityService
    from desktop.services.nominations import NominationInput, NominationService
    from desktop.services.records import Subject
    from desktop.services.rounds import RoundInput, RoundService

    rng = random.Random(f"finished-round/{seed}")
    db = _InTransaction(s, installation)
    nominations = NominationService(db, Path(os.devnull))  # the demo attaches no files
    council, decisions = CouncilService(db, nominations), DecisionService(db)
    today = date.today()
    year = FINISHED_YEAR
    province = installation.level == UnitLevel.PROVINCE.value
    award = "BK_TINH" if province else "GIAY_KHEN"
    office = installation.office_name.replace("Ủy ban nhân dân", "UBND")
    round_id = RoundService(db).create(RoundInput(
        f"Xét khen thưởng chuyên đề phong trào thi đua {_THEME} năm {year}", year,
        RoundKind.THEMATIC, office_unit_id=installation.unit_id,
        submission_deadline=min(date(year, 8, 15), today),
        note="Đợt xét mẫu đã kết thúc: đã họp Hội đồng và ký quyết định.")).id

    period = (date(year, 1, 1), min(date(year, 8, 31), today))
    add = nominations.create
    subjects = _finished_round_subjects(s, rng, year)
    ids = [add(NominationInput(round_id, Subject(*subject), award, deed, period_from=period[0],
                               period_to=period[1]), FINISHED_ACTOR).id
           for subject, deed in subjects]
    nominations.transition(ids, NominationStatus.SUBMITTED, actor=FINISHED_ACTOR)
    nominations.transition(ids, NominationStatus.RECEIVED, actor=FINISHED_ACTOR)
    eligible = []
    for result in EligibilityService(db).check_round(round_id):
        if result.status is ConditionStatus.NOT_MET:
            reason = "; ".join(c.text for c in result.failed)
            nominations.transition([result.nomination_id], NominationStatus.INELIGIBLE, reason,
                                   FINISHED_ACTOR)
        else:
            eligible.append(result.nomination_id)
    nominations.transition(eligible, NominationStatus.ELIGIBLE, actor=FINISHED_ACTOR)

    meeting = council.create_meeting(MeetingInput(
        round_id, min(date(year, 9, 8), today), total_members=9, present_members=8,
        place=f"Phòng họp {office}", chair="Giàng A Tính", secretary="Lò Thị Xuân"))
    votes = {nid: rng.choice((7, 8)) for nid in eligible}
    if len(eligible) >= 3:
        votes[eligible[-1]] = 5  # below the council's threshold: not awarded
    council.record_votes(meeting.id, votes)
    council.close_meeting(meeting.id, FINISHED_ACTOR)

    passed = [nid for nid in eligible if nominations.get(nid).status is NominationStatus.VOTED]
    decision = decisions.create(DecisionInput(
        round_id, f"Chủ tịch {office}",
        subject_line=f"Về việc tặng {'Bằng khen' if province else 'Giấy khen'} cho các tập thể, "
                     f"cá nhân, hộ gia đình có thành tích xuất sắc trong phong trào thi đua "
                     f"{_THEME} năm {year}",
        signer_capacity=SignerCapacity.VICE_FOR_CHAIRMAN), passed)
    signed_on = min(date(year, 9, 15), today)
    with db.read() as r:
        used = set(r.scalars(select(AwardRecord.decision_number).where(
            AwardRecord.decision_date.between(date(signed_on.year, 1, 1),
                                              date(signed_on.year, 12, 31)))))
    sequence = max(1, (3000 if province else 700) * signed_on.timetuple().tm_yday // 366)
    while f"{sequence:02d}/QĐ-UBND" in used:
        sequence += 1
    decisions.sign(decision.id, signed_on, "Lường Văn Pấng", SignerCapacity.VICE_FOR_CHAIRMAN,
                   sequence=sequence, actor=FINISHED_ACTOR)
    RoundService(db).set_status(round_id, RoundStatus.CLOSED)
    return FinishedRoundSummary(round_id, meeting.id, decision.id, len(ids), len(passed))


def _finished_round_subjects(s: Session, rng: random.Random, year: int
                             ) -> list[tuple[tuple[int | None, int | None, str], str]]:
    """Communes and a school, people with a record that earns a Bằng khen (and two without),
    and two village households: ((person, unit, household), achievement)."""
    live = (Unit.deleted_at.is_(None), Unit.valid_to.is_(None))
    communes = list(s.scalars(select(Unit).where(
        *live, Unit.kind.in_((UnitKind.COMMUNE.value, UnitKind.WARD.value))).order_by(Unit.id)))
    communes = sorted(rng.sample(communes, min(2, len(communes))), key=lambda u: u.id)
    commune_ids = [c.id for c in communes]
    schools = list(s.scalars(select(Unit.id).where(
        *live, Unit.kind == UnitKind.SCHOOL.value, Unit.parent_id.in_(commune_ids))
        .order_by(Unit.id)))
    out: list[tuple[tuple[int | None, int | None, str], str]] = [
        ((None, uid, ""), rng.choice(_COLLECTIVE_DEEDS))
        for uid in commune_ids + rng.sample(schools, min(1, len(schools)))]

    # Bằng khen, route (2) of Điều 74: HTXSNV in both of the last two years and two initiatives
    # in them, with no Bằng khen already counted for 2025.
    excellent: dict[int, set[int]] = defaultdict(set)
    for pid, y in s.execute(select(Rating.person_id, Rating.year).where(
            Rating.year >= year - 1, Rating.level == RatingLevel.EXCELLENT.value,
            Rating.person_id.is_not(None), Rating.deleted_at.is_(None))):
        if pid is not None:  # filtered in SQL; narrows the type
            excellent[pid].add(y)
    ideas: dict[int, int] = defaultdict(int)
    for (pid,) in s.execute(select(Initiative.person_id).where(
            Initiative.year >= year - 1, Initiative.person_id.is_not(None),
            Initiative.deleted_at.is_(None))):
        if pid is not None:  # filtered in SQL; narrows the type
            ideas[pid] += 1
    recent_bk = set(s.scalars(select(AwardRecord.person_id)
                              .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                              .where(AwardKind.lineage == "BK_TINH", AwardRecord.year >= year - 1,
                                     AwardRecord.person_id.is_not(None))))
    strong = sorted(pid for pid, years in excellent.items()
                    if len(years) == 2 and ideas[pid] >= 2 and pid not in recent_bk)
    staff = list(s.scalars(select(Person.id).where(
        Person.deleted_at.is_(None), Person.unit_id.in_(commune_ids)).order_by(Person.id)))
    chosen = rng.sample(strong, min(4, len(strong)))
    chosen += rng.sample([p for p in staff if p not in chosen], min(2, len(staff)))
    out += [((pid, None, ""), rng.choice(_PERSON_DEEDS)) for pid in sorted(chosen)]

    village = aliased(Unit)
    villagers = s.execute(
        select(Person.full_name, Person.gender, village.name, Unit.name)
        .join(village, village.id == Person.unit_id).join(Unit, Unit.id == village.parent_id)
        .where(village.kind == UnitKind.VILLAGE.value, village.parent_id.in_(commune_ids),
               Person.is_unit_head.is_(False), Person.deleted_at.is_(None))
        .order_by(Person.id)).all()
    households: set[str] = set()
    for name, gender, village_name, commune_name in rng.sample(villagers, min(3, len(villagers))):
        title = "bà" if gender == "female" else "ông"
        households.add(f"Hộ {title} {name}, {village_name}, "
                       f"{commune_name[:1].lower()}{commune_name[1:]}")
    out += [((None, None, h), _HOUSEHOLD_DEED) for h in sorted(households)[:2]]
    return out
