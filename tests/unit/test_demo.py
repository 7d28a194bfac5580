"""Demo data: a realistic Lai Châu database that follows the app's own rules, built in one
transaction (refused on a non-empty database, nothing left behind on cancel)."""

from __future__ import annotations

import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.cccd import cccd_problem
from desktop.domain.enums import (
    UNIT_KIND_LEVEL,
    ConditionStatus,
    NominationStatus,
    RoundKind,
    RoundStatus,
    SubjectKind,
    UnitKind,
)
from desktop.domain.errors import Cancelled, ConflictError, ValidationError
from desktop.domain.progress import CancelToken
from desktop.domain.vntext import fold, name_sort_key, sort_key
from desktop.models import (
    AwardKind,
    AwardRecord,
    CouncilMeeting,
    Decision,
    Discipline,
    Initiative,
    Movement,
    MovementTarget,
    Nomination,
    Person,
    Rating,
    Round,
    Unit,
)
from desktop.paths import app_paths
from desktop.services import Services
from desktop.services import demo as demo_module
from desktop.services.demo import DemoSummary, award_amount, build_demo
from desktop.services.movements import DOCUMENT_NUMBER_RE
from desktop.services.nominations import NominationQuery
from desktop.services.people import person_search_key
from desktop.services.records import Subject
from desktop.services.units import UnitInput


def _open(home: Path) -> Services:
    return Services.open(home / "t.db", app_paths(home).ensure())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Services, DemoSummary, list[tuple[int, int, str]]]]:
    """One small demo built into a brand-new (unconfigured) database, shared read-only."""
    services = _open(tmp_path_factory.mktemp("demo"))
    events: list[tuple[int, int, str]] = []
    summary = build_demo(services.db, "small", progress=lambda d, t, label: events.append(
        (d, t, label)))
    yield services, summary, events
    services.close()


def _counts(services: Services) -> dict[str, int]:
    with services.db.read() as s:
        return {model.__tablename__: s.scalar(select(func.count(model.id))) or 0
                for model in (Unit, Person, Rating, Discipline, Initiative, AwardRecord, Movement,
                              MovementTarget)}


def _fingerprint(services: Services) -> tuple[list[tuple[object, ...]], ...]:
    """Business content (no ids, uuids or timestamps) of a demo database."""
    with services.db.read() as s:
        units = sorted(s.execute(select(Unit.code, Unit.name, Unit.kind)).all())
        people = sorted(s.execute(
            select(Person.citizen_id, Person.full_name, Person.gender, Person.birth_date,
                   Person.ethnicity, Person.position, Unit.code)
            .join(Unit, Unit.id == Person.unit_id)).all())
        awards = sorted(s.execute(
            select(Person.citizen_id, Unit.code, AwardRecord.household_name, AwardKind.code,
                   AwardRecord.year, AwardRecord.decision_number, AwardRecord.decision_date,
                   AwardRecord.amount)
            .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
            .outerjoin(Person, Person.id == AwardRecord.person_id)
            .outerjoin(Unit, Unit.id == AwardRecord.unit_id)).all(), key=repr)
        ratings = sorted(s.execute(
            select(Person.citizen_id, Rating.year, Rating.level)
            .join(Person, Person.id == Rating.person_id)).all())
    return units, people, awards, ratings


def _records_of_signed_decisions(services: Services) -> dict[str, AwardRecord]:
    """Award history written by signing the demo's decisions, by uuid."""
    decisions = [d for r in services.rounds.list() for d in services.decisions.list(r.id)]
    with services.db.read() as s:
        return {a.uuid: a for d in decisions for a in s.scalars(select(AwardRecord).where(
            AwardRecord.decision_number == d.number, AwardRecord.issuer == d.issuer,
            AwardRecord.decision_date == d.signed_on))}


# --------------------------------------------------------------------------------------------
def test_small_demo_makes_every_kind_of_record(built) -> None:
    services, summary, _events = built
    assert 25 <= summary.units <= 45
    assert 540 <= summary.people <= 660
    assert summary.ratings > 6 * summary.people  # 2021–2026 for people and units
    assert summary.initiatives > 0 and summary.award_records > summary.people
    assert summary.disciplines > 0 and summary.movements == 7
    assert summary.seconds > 0
    counts = _counts(services)
    assert counts["units"] == summary.units + 1  # plus the installation's own unit
    assert counts["people"] == summary.people
    assert counts["award_records"] == summary.award_records
    assert counts["ratings"] == summary.ratings


def test_progress_is_reported_in_vietnamese_up_to_the_total(built) -> None:
    _services, _summary, events = built
    assert events and all(total == events[0][1] for _, total, _ in events)
    dones = [done for done, _, _ in events]
    assert dones == sorted(dones) and dones[-1] == events[0][1]
    assert any("cá nhân" in label for _, _, label in events)


def test_installation_is_the_province_with_history_districts(built) -> None:
    services, _summary, _events = built
    info = services.db.installation
    assert info is not None and info.level == "province"
    assert info.office_name == "Ủy ban nhân dân tỉnh Lai Châu"
    top = services.units.children(info.unit_id)
    names = {u.name for u in top}
    assert {"Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Phường Tân Phong", "Xã Bản Bo",
            "Huyện Tam Đường", "Thành phố Lai Châu"} <= names
    districts = [u for u in top if u.kind is UnitKind.DISTRICT]
    assert len(districts) == 8
    assert all(u.valid_to == date(2025, 6, 30) and u.is_historical for u in districts)
    commune = next(u for u in top if u.name == "Xã Bản Bo")
    below = services.units.children(commune.id)
    kinds = Counter(u.kind for u in below)
    assert kinds[UnitKind.VILLAGE] >= 3 and kinds[UnitKind.SCHOOL] >= 3
    assert any(u.name.startswith("Trường Tiểu học") or "Tiểu học" in u.name for u in below)
    with services.db.read() as s:
        for name, short, code, kind, level, search, order in s.execute(select(
                Unit.name, Unit.short_name, Unit.code, Unit.kind, Unit.level, Unit.search_key,
                Unit.sort_key)):
            assert search == fold(f"{name} {short}") and order == sort_key(name)
            assert level == UNIT_KIND_LEVEL[UnitKind(kind)].value
            assert " " not in code
        codes = list(s.scalars(select(func.lower(Unit.code))))
    assert len(codes) == len(set(codes))


def test_people_have_valid_unique_cccd_and_service_keys(built) -> None:
    services, _summary, _events = built
    with services.db.read() as s:
        people = list(s.scalars(select(Person)))
    seen: set[str] = set()
    for p in people:
        assert p.citizen_id and p.citizen_id not in seen
        seen.add(p.citizen_id)
        assert cccd_problem(p.citizen_id, is_female=p.gender == "female",
                            birth_date=p.birth_date) is None, p.full_name
        assert p.birth_date is not None and 1965 <= p.birth_date.year <= 2003
        assert unicodedata.normalize("NFC", p.full_name) == p.full_name
        assert len(p.full_name.split()) >= 3
        assert p.search_key == person_search_key(p.full_name, p.citizen_id)
        assert p.sort_key == name_sort_key(p.full_name)
        assert p.position
    assert sum(p.citizen_id.startswith("012") for p in people) > 0.8 * len(people)
    heads = Counter(p.unit_id for p in people if p.is_unit_head)
    assert set(heads) == {p.unit_id for p in people} and set(heads.values()) == {1}
    teachers = [p for p in people if p.position.startswith("Giáo viên")]
    assert teachers and all(p.is_direct_worker for p in teachers)


def test_every_record_can_travel_in_a_sync_package(built) -> None:
    services, _summary, _events = built
    owner = services.db.installation.uuid  # type: ignore[union-attr]
    seen: set[str] = set()
    with services.db.read() as s:
        for model in (Unit, Person, Rating, Discipline, Initiative, AwardRecord, Movement,
                      MovementTarget):
            rows = s.execute(select(model.uuid, model.owner_uuid, model.version,
                                    model.created_at, model.deleted_at)).all()
            assert rows, model.__tablename__
            for uuid_text, row_owner, version, created_at, deleted_at in rows:
                assert str(uuid.UUID(uuid_text)) == uuid_text and uuid_text not in seen
                seen.add(uuid_text)
                assert row_owner == owner and version == 1
                assert created_at is not None and deleted_at is None
    signed = set(_records_of_signed_decisions(services))  # written by the services (uuid4)
    assert signed
    demo_uuids = [u for u in seen if uuid.UUID(u).version == 7]
    assert len(demo_uuids) >= len(seen) - 1 - len(signed)  # and the office's own unit (uuid4)
    assert not signed & set(demo_uuids)


def test_ethnic_groups_of_lai_chau_with_fitting_names(built) -> None:
    services, _summary, _events = built
    with services.db.read() as s:
        rows = s.execute(select(Person.ethnicity, Person.full_name)).all()
    groups = Counter(ethnicity for ethnicity, _ in rows)
    assert {"Kinh", "Thái", "Mông", "Dao", "Hà Nhì", "Giáy"} <= set(groups)
    families = {ethnicity: Counter(name.split()[0] for e, name in rows if e == ethnicity)
                for ethnicity in groups}
    assert set(families["Mông"]) <= {"Giàng", "Sùng", "Vàng", "Thào", "Lý", "Hầu", "Mùa", "Lầu",
                                     "Hạng", "Tráng", "Vừ", "Mua", "Cứ", "Chá"}
    assert set(families["Dao"]) <= {"Tẩn", "Phàn", "Chảo", "Lý", "Triệu", "Đặng", "Bàn"}
    assert families["Thái"].keys() & {"Lò", "Lường", "Tòng", "Quàng", "Điêu", "Cà", "Vì"}
    names = " ".join(name for _, name in rows)
    for word in ("Đức", "Hường", "Thủy", "Nguyệt"):
        assert word in names


def test_search_without_accents_finds_people_named_duc(built) -> None:
    services, _summary, _events = built
    page = services.people.search("duc")
    assert page.total > 0
    assert all(any(fold(w).startswith("duc") for w in row.full_name.split()) for row in page.rows)
    assert any("Đức" in row.full_name.split() for row in page.rows)


def test_seed_movements_with_directives_and_targets(built) -> None:
    services, _summary, _events = built
    movements = services.movements.list()
    assert len(movements) == 7
    assert {m.year for m in movements} == {2021, 2022, 2023, 2024, 2025, 2026}
    for m in movements:
        assert m.issuer == "UBND tỉnh Lai Châu"
        assert not m.directive_number or DOCUMENT_NUMBER_RE.match(m.directive_number)
        assert m.organiser_unit_id == services.db.installation.unit_id  # type: ignore[union-attr]
    m2021 = next(m for m in movements if m.year == 2021)
    assert (m2021.directive_number, m2021.directive_date) == ("02/CT-UBND", date(2021, 1, 20))
    m2022 = next(m for m in movements if m.year == 2022)
    targets = {t.indicator: t for t in m2022.targets}
    grdp = targets["Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)"]
    assert (grdp.planned_value, grdp.measure_unit, grdp.direction.value) == (7.7, "%", "higher")
    assert targets["Tỷ lệ trường đạt chuẩn quốc gia"].planned_value == 56.3
    assert targets["Mức giảm tỷ lệ hộ nghèo"].planned_value == 3.1
    assert targets["Mức giảm tỷ lệ hộ nghèo tại các huyện nghèo"].planned_value == 4.8
    assert targets["Thu ngân sách trên địa bàn"].planned_value == 2250
    assert targets["Giải quyết việc làm"].planned_value == 8030
    regular_2023, special = sorted((m for m in movements if m.year == 2023),
                                   key=lambda m: m.kind.value != "thuong_xuyen")
    assert regular_2023.directive_number == "01/CT-UBND"
    assert any(t.planned_value == 9.0 for t in regular_2023.targets)
    assert {t.planned_value for t in regular_2023.targets} >= {60.9, 3.6, 5.1, 8440, 2450}
    assert special.kind.value == "dac_biet" and special.period_end == date(2023, 10, 30)
    assert "115 năm thành lập tỉnh" in special.name and special.targets
    synthetic = [m for m in movements if m.year >= 2024]
    assert len(synthetic) == 3 and all("mô phỏng" in m.theme for m in synthetic)
    assert any(t.direction.value == "lower" for m in synthetic for t in m.targets)


def test_award_amounts_and_catalog_kinds_follow_the_decision_date(built) -> None:
    services, _summary, _events = built
    kinds = {k.id: k for k in services.catalog.award_kinds()}
    with services.db.read() as s:
        records = list(s.scalars(select(AwardRecord)))
    assert records
    for r in records:
        kind = kinds[r.award_kind_id]
        assert r.decision_date is not None and r.decision_date <= date.today()
        assert kind.in_force_on(r.decision_date), (kind.code, r.decision_date)
        assert kind.code.endswith("_2013") == (r.decision_date < date(2024, 1, 1))
        subject = "individual" if r.person_id else "collective" if r.unit_id else "household"
        coef = {"individual": kind.coef_individual, "collective": kind.coef_collective,
                "household": kind.coef_household}[subject]
        base = services.catalog.base_salary_on(r.decision_date).amount
        expected = None if coef is None else int(
            (coef * base / 10_000).to_integral_value(rounding=ROUND_CEILING)) * 10_000
        assert r.amount == expected, (kind.code, r.decision_date, r.amount, expected)
        assert r.period_from is not None and r.period_to is not None
        assert r.period_from <= r.period_to and r.period_to.year == r.year
        assert "/QĐ-" in r.decision_number and r.issuer
    subjects = Counter((r.person_id, r.unit_id, r.household_name, r.award_kind_id, r.year)
                       for r in records)
    assert max(subjects.values()) == 1  # the history service refuses such duplicates too
    codes = Counter(kinds[r.award_kind_id].code for r in records)
    assert {"LDTT_2013", "LDTT", "CSTDCS_2013", "CSTDCS", "TTLDTT", "GIAY_KHEN"} <= set(codes)
    ldtt_2022 = next(r for r in records if kinds[r.award_kind_id].code == "LDTT_2013"
                     and r.decision_date.year == 2022)  # type: ignore[union-attr]
    assert ldtt_2022.amount == 450_000  # 0.3 × 1,490,000 = 447,000 -> 450,000


def test_award_amount_rounds_up_to_ten_thousand() -> None:
    assert award_amount(Decimal("0.3"), 1_490_000) == 450_000
    assert award_amount(Decimal("1.0"), 1_490_000) == 1_490_000
    assert award_amount(Decimal("0.3"), 2_340_000) == 710_000
    assert award_amount(Decimal("2.25"), 2_530_000) == 5_700_000
    assert award_amount(None, 2_340_000) is None


def test_titles_respect_ratings_initiatives_and_discipline(built) -> None:
    services, _summary, _events = built
    with services.db.read() as s:
        ratings = {(p, y): level for p, y, level in s.execute(
            select(Rating.person_id, Rating.year, Rating.level).where(Rating.person_id.is_not(None)))}
        unit_ratings = Counter(u for (u,) in s.execute(
            select(Rating.unit_id).where(Rating.unit_id.is_not(None))))
        initiatives = {(p, y) for p, y in s.execute(select(Initiative.person_id, Initiative.year))}
        awards = s.execute(select(AwardRecord.person_id, AwardRecord.year, AwardKind.lineage)
                           .join(AwardKind, AwardKind.id == AwardRecord.award_kind_id)
                           .where(AwardRecord.person_id.is_not(None))).all()
        decided = s.execute(select(Discipline.person_id, Discipline.effective_from,
                                   Discipline.effective_to, Discipline.status)).all()
        people = list(s.scalars(select(Person.id)))
        units_with_people = set(s.scalars(select(Person.unit_id)))
    assert all(sum((p, y) in ratings for y in range(2021, 2027)) == 6 for p in people)
    assert all(unit_ratings[u] == 6 for u in units_with_people)
    titles = {(p, y, lineage) for p, y, lineage in awards}
    for person_id, year, lineage in titles:
        if lineage == "LDTT":
            assert ratings[(person_id, year)] in ("HTXSNV", "HTTNV")
        if lineage == "CSTDCS":
            assert (person_id, year, "LDTT") in titles
            assert ratings[(person_id, year)] == "HTXSNV"
            assert (person_id, year) in initiatives
    for person_id, start, end, status in decided:
        if status == "decided":
            for year in range(start.year, end.year + 1):
                assert (person_id, year, "LDTT") not in titles
    assert Counter(lineage for _, _, lineage in titles)["CSTDCS"] < \
        0.2 * Counter(lineage for _, _, lineage in titles)["LDTT"]


def test_same_seed_gives_same_data_on_either_insert_path(
        built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services, _summary, _events = built
    monkeypatch.setattr(demo_module, "FAST_SQLITE_INSERTS", False)  # portable Core path
    again = _open(tmp_path / "again")
    other = _open(tmp_path / "other")
    try:
        build_demo(again.db, "small", seed=2026)
        build_demo(other.db, "small", seed=7)
        assert _fingerprint(again) == _fingerprint(services)
        assert _fingerprint(other)[1] != _fingerprint(services)[1]
        with again.db.read() as a, services.db.read() as b:
            uuids_a = set(a.scalars(select(Person.uuid)))
            uuids_b = set(b.scalars(select(Person.uuid)))
        assert not uuids_a & uuids_b  # identity differs per installation
    finally:
        again.close()
        other.close()


def test_second_build_is_refused_and_changes_nothing(built) -> None:
    services, _summary, _events = built
    before = _counts(services)
    with pytest.raises(ConflictError, match="trống"):
        build_demo(services.db, "small")
    assert _counts(services) == before


def test_cancel_leaves_the_database_unchanged(tmp_path: Path) -> None:
    services = _open(tmp_path)
    try:
        services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH",
                                           UnitKind.PROVINCE))
        before = _counts(services)
        token = CancelToken()

        def cancel_once_people_are_written(done: int, total: int, _label: str) -> None:
            if done > 100:
                token.cancel()

        with pytest.raises(Cancelled):
            build_demo(services.db, "small", progress=cancel_once_people_are_written,
                       cancel=token)
        assert _counts(services) == before
        # And a cancelled start does not even configure a new database.
        fresh = _open(tmp_path / "fresh")
        token = CancelToken()
        token.cancel()
        with pytest.raises(Cancelled):
            build_demo(fresh.db, "small", cancel=token)
        assert fresh.db.installation is None and _counts(fresh)["units"] == 0
        fresh.close()
        # After a cancel the same database still takes a full build.
        assert build_demo(services.db, "small").people > 0
    finally:
        services.close()


def test_tree_hangs_under_a_configured_installation(tmp_path: Path) -> None:
    services = _open(tmp_path)
    try:
        info = services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu (thử)", "LC-THU",
                                                  UnitKind.PROVINCE))
        build_demo(services.db, "small")
        with services.db.read() as s:
            roots = list(s.scalars(select(Unit.id).where(Unit.parent_id.is_(None))))
        assert roots == [info.unit_id]
        assert services.db.installation == info
    finally:
        services.close()


def test_unknown_scale_is_refused(tmp_path: Path) -> None:
    services = _open(tmp_path)
    try:
        with pytest.raises(ValidationError) as caught:
            build_demo(services.db, "huyen")
        assert caught.value.problems[0].field == "scale"
        assert "small" in str(caught.value) and "province" in str(caught.value)
        assert services.db.installation is None  # nothing was configured
    finally:
        services.close()


def test_demo_blocs_have_a_valid_table_scores_at_every_step_and_a_ranking(built) -> None:
    from desktop.domain.enums import BlocKind, CriterionKind, ScoreBasis, SheetStatus

    services, summary, _events = built
    blocs = {b.kind: b for b in services.blocs.list(2026)}
    assert summary.blocs == 2 and set(blocs) == {BlocKind.BLOC, BlocKind.CLUSTER}
    for bloc in blocs.values():
        table = services.blocs.criteria.table(bloc.id)
        assert table.is_valid, table.problems
        assert {r.kind for r in table.rows} == set(CriterionKind)
        grid = services.blocs.scores.grid(bloc.id)
        assert len(grid.sheets) == bloc.member_count >= 3
        computed = [c for c in grid.cells.values() if c.computed]
        assert computed and all(c.self_score is not None and c.explanation for c in computed)
        ranking = services.blocs.scores.ranking(bloc.id)
        assert [r.rank for r in ranking.rows] == sorted(r.rank for r in ranking.rows)
        assert ranking.rows[0].total > ranking.rows[-1].total
    agencies = blocs[BlocKind.BLOC]
    assert len(agencies.tie_rules) == 3 and agencies.head_name == "Sở Nội vụ"
    statuses = {s.status for s in services.blocs.scores.grid(agencies.id).sheets}
    assert statuses == {SheetStatus.DRAFT, SheetStatus.SUBMITTED, SheetStatus.REVIEWED}
    schools = blocs[BlocKind.CLUSTER]
    final = services.blocs.scores.ranking(schools.id, ScoreBasis.REVIEWED)
    assert final.complete and not final.problems
    assert [v.unit_id for v in services.blocs.scores.votes(schools.id)] == [
        final.rows[0].unit_id]
    assert len(services.blocs.criteria.table(agencies.id).rows) >= 20
    assert services.blocs.targets.list(2026)


# -- the finished round ------------------------------------------------------------------------
def test_demo_round_is_finished_with_council_votes_and_a_signed_decision(built) -> None:
    services, _summary, _events = built
    [finished] = services.rounds.list()
    assert finished.id == 1 and finished.status is RoundStatus.CLOSED
    assert finished.kind is RoundKind.THEMATIC and finished.year == 2026
    nominations = services.nominations.page(NominationQuery(finished.id), 0, 1000)
    assert len(nominations) == finished.nomination_count >= 6
    assert all(n.eligibility is not None for n in nominations)  # the real check ran
    status = {n.id: n.status for n in nominations}
    counted = Counter(status.values())
    assert counted[NominationStatus.AWARDED] >= 3 and counted[NominationStatus.REJECTED] == 1
    assert counted[NominationStatus.INELIGIBLE] >= 1
    assert set(counted) == {NominationStatus.AWARDED, NominationStatus.REJECTED,
                            NominationStatus.INELIGIBLE}
    for n in nominations:
        if n.status is NominationStatus.INELIGIBLE:
            assert n.eligibility is ConditionStatus.NOT_MET and n.status_note  # says why

    [meeting] = services.council.meetings(finished.id)
    assert meeting.closed and meeting.present_members <= meeting.total_members
    votes = {r.nomination_id: r for r in services.council.results(meeting.id)}
    assert set(votes) == {i for i, st in status.items() if st is not NominationStatus.INELIGIBLE}
    for nid, result in votes.items():
        assert result.yes_votes is not None
        assert result.passed == (status[nid] is NominationStatus.AWARDED), result.text

    [decision] = services.decisions.list(finished.id)
    assert decision.id == 1 and decision.signed and decision.signer_name
    assert decision.number.endswith("/QĐ-UBND") and decision.issuer == "Chủ tịch UBND tỉnh Lai Châu"
    assert decision.signed_on is not None and decision.signed_on <= date.today()
    assert decision.signed_on.year == 2026
    base = services.catalog.base_salary_on(decision.signed_on).amount
    assert decision.base_salary == base
    awarded = {i for i, st in status.items() if st is NominationStatus.AWARDED}
    assert {line.nomination_id for line in decision.lines} == awarded
    assert {line.group for line in decision.lines} == set(SubjectKind)
    for line in decision.lines:
        assert line.award_code == "BK_TINH" and line.amount > 0
        assert line.amount == award_amount(line.coefficient, base)
        events = services.nominations.history(line.nomination_id)
        assert events[-1].to_status is NominationStatus.AWARDED
        assert decision.number in events[-1].note

    records = _records_of_signed_decisions(services)
    assert len(records) == len(decision.lines)
    lines = {(n.person_id, n.unit_id, n.household_name): n.id
             for n in nominations if n.id in awarded}
    amounts = {line.nomination_id: line.amount for line in decision.lines}
    kinds = {k.id: k.code for k in services.catalog.award_kinds()}
    for record in records.values():
        nid = lines[(record.person_id, record.unit_id, record.household_name)]
        assert record.amount == amounts[nid] and kinds[record.award_kind_id] == "BK_TINH"
        assert record.year == 2026 and record.achievement_kind == "chuyen_de"
    # And the awards show in each person's history like any other.
    person_line = next(line for line in decision.lines if line.group is SubjectKind.INDIVIDUAL)
    person_id = next(n.person_id for n in nominations if n.id == person_line.nomination_id)
    history = services.awards.for_subject(Subject(person_id=person_id))
    assert any(a.decision_number == decision.number for a in history)


def test_a_commune_office_gets_giay_khen_signed_by_its_own_chairman(tmp_path: Path) -> None:
    services = _open(tmp_path)
    try:
        services.setup.configure(UnitInput("Ủy ban nhân dân xã Bình Lư", "BL", UnitKind.COMMUNE))
        build_demo(services.db, "small")
        [decision] = services.decisions.list(services.rounds.list()[0].id)
        assert decision.signed and decision.issuer == "Chủ tịch UBND xã Bình Lư"
        assert {line.award_code for line in decision.lines} == {"GIAY_KHEN"}
    finally:
        services.close()


def test_cancel_after_the_finished_round_leaves_no_round_behind(tmp_path: Path) -> None:
    services = _open(tmp_path)
    try:
        services.setup.configure(UnitInput("Ủy ban nhân dân tỉnh Lai Châu", "LCH",
                                           UnitKind.PROVINCE))
        token = CancelToken()
        labels: list[str] = []

        def cancel_once_the_round_is_made(_done: int, _total: int, label: str) -> None:
            labels.append(label)
            if "Đang ghi" in label:  # the finished round is made, nothing is committed yet
                token.cancel()

        with pytest.raises(Cancelled):
            build_demo(services.db, "small", progress=cancel_once_the_round_is_made,
                       cancel=token)
        assert any("đợt xét" in label for label in labels)
        with services.db.read() as s:
            for model in (Round, Nomination, CouncilMeeting, Decision, AwardRecord, Person):
                assert s.scalar(select(func.count(model.id))) == 0, model.__tablename__
    finally:
        services.close()
