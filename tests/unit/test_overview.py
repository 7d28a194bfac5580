"""The overview's figures against a database whose contents the test knows: every count and
sum is worked out again here, in Python, from what the test itself wrote."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.api.overview import CHART_YEARS, CheckReason, days_left, reason_of
from desktop.domain.enums import (
    AwardLevel,
    ConditionStatus,
    Gender,
    NominationStatus,
    RatingLevel,
    RoundKind,
    RoundStatus,
    SheetStatus,
    UnitKind,
)
from desktop.models import (
    AwardKind,
    AwardRecord,
    Bloc,
    BlocMember,
    BlocScoreSheet,
    Decision,
    Nomination,
    Rating,
    Registration,
    Round,
    SyncPackage,
)
from desktop.services import Services
from desktop.services.backups import create_backup
from desktop.services.people import PersonInput
from desktop.services.units import UnitInput

TODAY = date(2026, 12, 2)
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc",
         "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Xuân", "Yến"]


def person_name(i: int, family: str = "Nguyễn Văn") -> str:
    """A name without digits (the people service refuses them)."""
    return f"{family} {GIVEN[i % len(GIVEN)]} {GIVEN[i // len(GIVEN)]}"


@dataclass
class World:
    """What the test wrote, to count from."""

    units: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    rounds: dict[int, dict[str, Any]] = field(default_factory=dict)
    nominations: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    blocs: dict[int, dict[str, Any]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    packages: list[dict[str, Any]] = field(default_factory=list)
    trashed: int = 0


def build(services: Services, seed: int = 14) -> World:
    rng = random.Random(seed)
    w = World()
    assert services.db.installation is not None
    root = services.db.installation.unit_id
    for i in range(6):
        unit = services.units.create(UnitInput(f"Ủy ban nhân dân xã Thử {i}", f"XT{i}",
                                               UnitKind.COMMUNE, parent_id=root))
        w.units.append(unit.id)
    for i in range(40):
        person = services.people.create(PersonInput(person_name(i), Gender.MALE,
                                                    rng.choice(w.units)))
        w.people.append(person.id)
    gone = services.people.create(PersonInput("Người đã xóa", Gender.FEMALE, w.units[0]))
    services.people.delete(gone.id)
    w.trashed += 1
    with services.db.session() as s:
        kinds = {k.code: (k.id, k.level) for k in s.scalars(select(AwardKind))}
        ldtt = kinds["LDTT"][0]
        # rounds: two open, one reviewing, one closed with a draft decision, one closed and
        # finished, one deleted
        specs = [("Đợt A", 2026, RoundStatus.OPEN, date(2026, 2, 28), date(2026, 12, 15)),
                 ("Đợt B", 2026, RoundStatus.OPEN, None, date(2026, 11, 30)),
                 ("Đợt C", 2025, RoundStatus.REVIEWING, date(2025, 3, 1), None),
                 ("Đợt D", 2025, RoundStatus.CLOSED, None, None),
                 ("Đợt E", 2024, RoundStatus.CLOSED, None, None),
                 ("Đợt F", 2026, RoundStatus.OPEN, None, None)]
        for name, year, status, registration, submission in specs:
            r = Round(name=name, year=year, kind=RoundKind.YEAR_END.value, status=status.value,
                      registration_deadline=registration, submission_deadline=submission)
            s.add(r)
            s.flush()
            w.rounds[r.id] = {"name": name, "status": status, "year": year,
                              "registration": registration, "submission": submission,
                              "deleted": name == "Đợt F"}
            if name == "Đợt F":
                r.deleted_at = datetime(2026, 6, 1)
                w.trashed += 1
        round_ids = list(w.rounds)
        statuses = list(NominationStatus)
        verdicts = ["", ConditionStatus.MET.value, ConditionStatus.NOT_MET.value,
                    ConditionStatus.CHECK.value]
        for i in range(300):
            rid = rng.choice(round_ids)
            status = rng.choice(statuses)
            verdict = rng.choice(verdicts)
            deleted = rng.random() < 0.05
            n = Nomination(round_id=rid, person_id=rng.choice(w.people), award_kind_id=ldtt,
                           status=status.value, eligibility=verdict, position=i,
                           deleted_at=datetime(2026, 5, 1) if deleted else None)
            s.add(n)
            w.nominations.append({"round": rid, "status": status, "eligibility": verdict,
                                  "deleted": deleted})
            w.trashed += deleted
        for rid in round_ids:
            for signed in (False, True, False):
                if rng.random() < 0.6:
                    deleted = rng.random() < 0.2
                    s.add(Decision(round_id=rid, year=w.rounds[rid]["year"],
                                   status="signed" if signed else "draft",
                                   deleted_at=datetime(2026, 5, 1) if deleted else None))
                    w.decisions.append({"round": rid, "signed": signed, "deleted": deleted})
        # blocs: this year's two (one fully reviewed), last year's one, a deleted one
        for name, year, deleted in (("Khối 1", 2026, False), ("Khối 2", 2026, False),
                                    ("Khối cũ", 2025, False), ("Khối xóa", 2026, True)):
            bloc = Bloc(name=name, kind="khoi", year=year,
                        deleted_at=datetime(2026, 3, 1) if deleted else None)
            s.add(bloc)
            s.flush()
            sheets: list[str | None] = []
            for uid in w.units:
                if name == "Khối 2":
                    sheet_status: str | None = SheetStatus.REVIEWED.value
                else:
                    sheet_status = rng.choice([None, *[m.value for m in SheetStatus]])
                member_deleted = name == "Khối 1" and uid == w.units[-1]
                s.add(BlocMember(bloc_id=bloc.id, unit_id=uid, deleted_at=datetime(
                    2026, 3, 1) if member_deleted else None))
                if sheet_status is not None:
                    s.add(BlocScoreSheet(bloc_id=bloc.id, unit_id=uid, status=sheet_status))
                if not member_deleted:
                    sheets.append(sheet_status)
            w.blocs[bloc.id] = {"name": name, "year": year, "deleted": deleted,
                                "sheets": sheets}
        # award history across the chart's years and before, some deleted
        for _ in range(500):
            code = rng.choice(list(kinds))
            kind_id, level = kinds[code]
            year = rng.randint(2018, 2026)
            amount = rng.choice([None, 0, 500_000, 1_250_000, 7_020_000])
            deleted = rng.random() < 0.05
            s.add(AwardRecord(person_id=rng.choice(w.people), award_kind_id=kind_id, year=year,
                              achievement_kind="cong_trang", amount=amount,
                              deleted_at=datetime(2026, 5, 1) if deleted else None))
            w.records.append({"year": year, "level": level, "amount": amount,
                              "deleted": deleted})
            w.trashed += deleted
        # packages: sent upward (some acknowledged), a bloc sheet sent up, received ones
        for direction, kind, counts, acked, handled in (
                ("sent", "len", {"nominations": 3, "people": 2}, None, datetime(2026, 3, 1)),
                ("sent", "len", {"nominations": 1}, datetime(2026, 4, 1), datetime(2026, 3, 2)),
                ("sent", "len", {"people": 1, "nominations": 5}, None, datetime(2025, 12, 1)),
                ("sent", "len", {"bloc_score_sheets": 1, "bloc_scores": 9}, None,
                 datetime(2026, 5, 1)),
                ("sent", "xuong", {"decisions": 1}, None, datetime(2026, 6, 1)),
                ("received", "len", {"nominations": 4}, None, datetime(2026, 7, 1)),
                ("received", "bien_nhan", {}, None, datetime(2026, 1, 1)),
                ("received", "xuong", {"decisions": 2}, None, datetime(2025, 12, 31))):
            s.add(SyncPackage(package_uuid=f"p{len(w.packages)}", direction=direction, kind=kind,
                              created_at=handled, handled_at=handled, counts=json.dumps(counts),
                              acknowledged_at=acked))
            w.packages.append({"direction": direction, "kind": kind, "counts": counts,
                               "acked": acked, "handled": handled})
    return w


def test_every_figure_agrees_with_what_was_written(services: Services) -> None:
    w = build(services)
    assert services.db.path is not None
    create_backup(services.db.path, services.paths, kind="manual")
    got = services.overview.summary(TODAY)

    assert got.today == TODAY
    assert got.units == len(w.units) + 1  # the office's own unit
    assert got.people == len(w.people)
    assert got.trash == w.trashed

    def live_round(rid: int) -> bool:
        return not w.rounds[rid]["deleted"]

    drafts = Counter(d["round"] for d in w.decisions if not d["signed"] and not d["deleted"])
    shown = [rid for rid, r in w.rounds.items() if live_round(rid) and (
        r["status"] is not RoundStatus.CLOSED or drafts[rid])]
    shown.sort(key=lambda rid: (-w.rounds[rid]["year"], -rid))
    assert [r.round_id for r in got.rounds] == shown
    for glance in got.rounds:
        spec = w.rounds[glance.round_id]
        live = [n for n in w.nominations if n["round"] == glance.round_id and not n["deleted"]]
        by_status = Counter(n["status"] for n in live)
        assert glance.name == spec["name"] and glance.status is spec["status"]
        assert glance.registration_deadline == spec["registration"]
        assert glance.submission_deadline == spec["submission"]
        assert dict(glance.by_status) == dict(by_status)
        assert [st for st, _n in glance.by_status] == [st for st in NominationStatus
                                                       if by_status[st]]
        assert glance.total == len(live)
        assert glance.to_check == sum(n["eligibility"] == ConditionStatus.CHECK.value
                                      for n in live)
        assert glance.unchecked == sum(n["eligibility"] == "" for n in live)
        assert glance.draft_decisions == drafts[glance.round_id]
    assert got.to_check == sum(r.to_check for r in got.rounds)
    assert got.draft_decisions == sum(drafts[rid] for rid in shown)

    assert got.bloc_year == 2026
    blocs = {bid: b for bid, b in w.blocs.items() if b["year"] == 2026 and not b["deleted"]}
    assert sorted(b.bloc_id for b in got.blocs) == sorted(blocs)
    for glance in got.blocs:
        sheets = blocs[glance.bloc_id]["sheets"]
        assert glance.members == len(sheets)
        assert glance.not_submitted == sum(st in (None, SheetStatus.DRAFT.value) for st in sheets)
        assert glance.awaiting_review == sum(st == SheetStatus.SUBMITTED.value for st in sheets)
    reviewed = next(b for b in got.blocs if blocs[b.bloc_id]["name"] == "Khối 2")
    assert reviewed.not_submitted == reviewed.awaiting_review == 0

    assert got.awaiting_receipt == sum(
        p["direction"] == "sent" and p["kind"] == "len" and p["acked"] is None
        and "nominations" in p["counts"] for p in w.packages) == 2
    assert got.received_this_year == sum(
        p["direction"] == "received" and p["handled"].year == 2026 for p in w.packages) == 2

    years = list(range(TODAY.year - CHART_YEARS + 1, TODAY.year + 1))
    assert [y.year for y in got.years] == years
    for row in got.years:
        live = [r for r in w.records if r["year"] == row.year and not r["deleted"]]
        levels = Counter(r["level"] for r in live)
        assert dict(row.by_level) == {lv: levels[lv.value] for lv in AwardLevel}
        assert row.money == sum(r["amount"] or 0 for r in live)
        assert row.total == len(live)

    assert got.backup is not None and got.backup.last is not None
    assert not got.backup.overdue
    # the world exercises every figure (no check above passed on zeros alone)
    assert got.to_check and got.draft_decisions and got.sheets_not_submitted
    assert got.sheets_awaiting_review and all(y.money and y.total for y in got.years)
    assert any(r.status is RoundStatus.CLOSED for r in got.rounds)  # a decision still to sign
    assert any(r["status"] is RoundStatus.CLOSED and rid not in shown
               for rid, r in w.rounds.items())  # a finished round is not shown


def test_an_empty_database_has_zero_figures_and_no_backup(services: Services) -> None:
    got = services.overview.summary(TODAY)
    assert (got.rounds, got.blocs, got.awaiting_receipt, got.trash) == ((), (), 0, 0)
    assert all(y.total == 0 and y.money == 0 for y in got.years)
    assert got.backup is not None and got.backup.last is None and got.backup.overdue


def test_reasons_to_check_come_from_the_eligibility_engine(services: Services) -> None:
    """LĐTT nominations: some people have no rating for the year, some no registration; the
    reasons count each group once per nomination."""
    unit = services.units.create(UnitInput("Ủy ban nhân dân xã Lý Do", "XLD", UnitKind.COMMUNE))
    people = [services.people.create(PersonInput(person_name(i, "Trần Thị"), Gender.FEMALE, unit.id)).id
              for i in range(12)]
    no_rating, no_registration = set(people[:5]), set(people[3:8])  # 3 and 4 lack both
    with services.db.session() as s:
        ldtt = s.scalar(select(AwardKind.id).where(AwardKind.code == "LDTT"))
        assert ldtt is not None
        r = Round(name="Đợt lý do", year=2026, kind=RoundKind.YEAR_END.value)
        s.add(r)
        s.flush()
        round_id = r.id
        for pid in people:
            if pid not in no_rating:
                s.add(Rating(person_id=pid, year=2026, level=RatingLevel.GOOD.value,
                             months_worked=12))
            if pid not in no_registration:
                s.add(Registration(year=2026, person_id=pid, award_kind_id=ldtt,
                                   registered_on=date(2026, 1, 15)))
            s.add(Nomination(round_id=round_id, person_id=pid, award_kind_id=ldtt,
                             status=NominationStatus.RECEIVED.value))
    assert services.overview.check_reasons(round_id).checked == 0  # nothing checked yet
    services.eligibility.check_round(round_id)
    glance = next(g for g in services.overview.summary(TODAY).rounds if g.round_id == round_id)
    assert glance.to_check == len(no_rating | no_registration)
    found = services.overview.check_reasons(round_id)
    assert found.checked == len(no_rating | no_registration)
    reasons = dict(found.reasons)
    assert reasons[CheckReason.RATINGS] == len(no_rating)
    assert reasons[CheckReason.REGISTRATION] == len(no_registration)
    assert [n for _r, n in found.reasons] == sorted(reasons.values(), reverse=True)


@pytest.mark.parametrize(("code", "reason"), [
    ("rating", CheckReason.RATINGS), ("ratings_3", CheckReason.RATINGS),
    ("registration", CheckReason.REGISTRATION), ("titles_CSTDCS", CheckReason.HISTORY),
    ("council_90", CheckReason.COUNCIL), ("a_rule_added_later", CheckReason.OTHER)])
def test_condition_codes_group_into_reasons(code: str, reason: CheckReason) -> None:
    assert reason_of(code) is reason


def test_days_left() -> None:
    assert days_left(None, TODAY) is None
    assert days_left(TODAY, TODAY) == 0
    assert days_left(TODAY + timedelta(days=13), TODAY) == 13
    assert days_left(TODAY - timedelta(days=3), TODAY) == -3
