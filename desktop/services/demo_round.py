"""A demo award round over an existing (demo) database: a year-end round whose nominations
are a realistic mix of eligible and ineligible cases, for trying the app and for the
benchmark (30,000 nominations at province scale)."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.domain.enums import NominationStatus, RatingLevel, RoundKind
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
from desktop.services.database import Database

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
