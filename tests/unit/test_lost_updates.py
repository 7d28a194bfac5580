"""No silent lost updates (issue 10, item 7): every update service takes the version the
officer's form was loaded with and refuses a save when someone else saved the record since,
with a Vietnamese message listing what differs; the read-compare-write is atomic across
processes (two engines, two real processes on one SQLite file)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bloc_world import build_bloc_world

from desktop.api.blocs import BlocInput, BlocRow, CriterionInput, CriterionRow
from desktop.api.records import Subject
from desktop.domain.enums import Gender, MovementKind, RoundKind, UnitKind
from desktop.domain.errors import StaleEditError
from desktop.paths import AppPaths
from desktop.services import Services
from desktop.services.blocs.dto import MemberInput, UnitTargetInput
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput, PersonRow
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

REPO = Path(__file__).resolve().parents[2]


def add_person(services: Services, note: str = "") -> PersonRow:
    root = services.units.children(None)[0].id
    return services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, root,
                                              position="Chuyên viên", note=note))


# -- two engines on one file ------------------------------------------------------------------------
def test_two_editors_of_the_same_version_one_saves_the_other_is_refused(
        services: Services, paths: AppPaths) -> None:
    person = add_person(services)
    other = Services.open(paths.default_database, paths)  # a second engine: another window
    try:
        mine = services.people.get(person.id)
        theirs = other.people.get(person.id)
        assert mine.version == theirs.version == person.version

        saved = other.people.update(person.id, replace(theirs.as_input(), position="Trưởng phòng"),
                                    expected_version=theirs.version)
        assert saved.version == person.version + 1

        with pytest.raises(StaleEditError) as refused:
            services.people.update(person.id, replace(mine.as_input(), note="Ghi chú của tôi"),
                                   expected_version=mine.version)
        text = str(refused.value)
        assert "Lò Văn Đức" in text and "người khác sửa và lưu" in text
        assert "tải lại" in text
        assert "Chức vụ: “Chuyên viên” → “Trưởng phòng”" in text
        assert "Ghi chú: “Ghi chú của tôi” → “(trống)”" in text
        assert [c.field for c in refused.value.changes] == ["position", "note"]
        assert (refused.value.expected_version, refused.value.current_version) == (
            person.version, person.version + 1)

        # Nothing lost: their change stands; mine goes in after a reload.
        current = services.people.get(person.id)
        assert (current.position, current.note, current.version) == (
            "Trưởng phòng", "", person.version + 1)
        services.people.update(person.id, replace(current.as_input(), note="Ghi chú của tôi"),
                               expected_version=current.version)
        final = other.people.get(person.id)
        assert (final.position, final.note, final.version) == (
            "Trưởng phòng", "Ghi chú của tôi", person.version + 2)
    finally:
        other.close()


def test_without_an_expected_version_the_update_reads_and_writes_in_one_go(
        services: Services) -> None:
    """The CLI's way: no form was loaded earlier, so nothing can be stale."""
    person = add_person(services)
    services.people.update(person.id, replace(person.as_input(), position="Phó phòng"))
    again = services.people.update(person.id, replace(person.as_input(), note="x"))
    assert again.version == person.version + 2


def test_a_stale_form_that_no_longer_validates_is_still_refused_as_stale(
        services: Services) -> None:
    person = add_person(services)
    services.people.update(person.id, replace(person.as_input(), position="Phó phòng"),
                           expected_version=person.version)
    with pytest.raises(StaleEditError) as refused:
        services.people.update(person.id, replace(person.as_input(), full_name=""),
                               expected_version=person.version)
    assert refused.value.changes == ()
    assert services.people.get(person.id).full_name == "Lò Văn Đức"


# -- two real processes -----------------------------------------------------------------------------
WORKER = """
import sys
from dataclasses import replace
from desktop.domain.errors import StaleEditError
from desktop.services.database import Database
from desktop.services.people import PersonService

db = Database.open(sys.argv[1], create=False)
people = PersonService(db)
person_id, count = int(sys.argv[2]), int(sys.argv[3])
retries = 0
for _ in range(count):
    while True:
        row = people.get(person_id)  # the form is loaded ...
        data = replace(row.as_input(), note=str(int(row.note) + 1))  # ... edited ...
        try:
            people.update(person_id, data, expected_version=row.version)  # ... and saved
            break
        except StaleEditError:
            retries += 1  # someone else saved first: reload and edit again
db.close()
print(retries)
"""


def test_two_processes_incrementing_the_same_person_lose_nothing(
        services: Services, paths: AppPaths) -> None:
    person = add_person(services, note="0")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(paths.default_database),
                                 str(person.id), "100"], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    print("stale saves reloaded and redone:", [int(out) for out, _err in outputs])
    final = services.people.get(person.id)
    assert final.note == "200"  # every one of the 2 × 100 increments is there
    assert final.version == person.version + 200


# -- every form-edited record ----------------------------------------------------------------------
Save = Callable[[int], Any]


def test_every_update_service_refuses_a_stale_version(services: Services) -> None:
    root = services.units.children(None)[0].id
    world = build_bloc_world(services)

    unit = services.units.create(UnitInput("Xã Bình Lư", "BLU", UnitKind.COMMUNE, root))

    def unit_named(name: str) -> Save:
        return lambda v: services.units.update(unit.id, UnitInput(
            name, "BLU", UnitKind.COMMUNE, root), expected_version=v)

    check(unit.version, unit_named("Xã Bình Lư 1"), unit_named("Xã Bình Lư 2"),
          lambda: services.units.get(unit.id).name, "Tên đơn vị")

    movement = services.movements.create(MovementInput(
        "Thi đua hoàn thành kế hoạch năm 2026", MovementKind.REGULAR, 2026,
        targets=[TargetInput("Thu ngân sách", "tỷ đồng", 100)]))

    def movement_planned(planned: float) -> Save:
        return lambda v: services.movements.update(movement.id, MovementInput(
            "Thi đua hoàn thành kế hoạch năm 2026", MovementKind.REGULAR, 2026,
            targets=[TargetInput("Thu ngân sách", "tỷ đồng", planned)]), expected_version=v)

    check(movement.version, movement_planned(120), movement_planned(130),
          lambda: services.movements.get(movement.id).targets[0].planned_value, "Chỉ tiêu")

    round_row = services.rounds.create(RoundInput("Tổng kết năm 2026", 2026, RoundKind.YEAR_END))

    def round_noted(note: str) -> Save:
        return lambda v: services.rounds.update(round_row.id, RoundInput(
            "Tổng kết năm 2026", 2026, RoundKind.YEAR_END, note=note), expected_version=v)

    check(round_row.version, round_noted("của họ"), round_noted("của tôi"),
          lambda: services.rounds.get(round_row.id).note, "Ghi chú")

    person = add_person(services)
    nomination = services.nominations.create(NominationInput(
        round_row.id, Subject(person_id=person.id), "LDTT"))

    def summary(text: str) -> Save:
        return lambda v: services.nominations.update(nomination.id, NominationInput(
            round_row.id, Subject(person_id=person.id), "LDTT", achievement_summary=text),
            expected_version=v)

    check(nomination.version, summary("Hoàn thành xuất sắc"), summary("Hoàn thành tốt"),
          lambda: services.nominations.get(nomination.id).achievement_summary,
          "Tóm tắt thành tích")

    kind = services.catalog.award_kind("GIAY_KHEN")

    def coefficient(value: str) -> Save:
        return lambda v: services.catalog.update_award_kind(
            kind.id, replace(kind, coef_individual=Decimal(value)), expected_version=v)

    check(kind.version, coefficient("0.5"), coefficient("0.4"),
          lambda: services.catalog.award_kind("GIAY_KHEN").coef_individual, "Hệ số cá nhân")

    bloc = services.blocs.get(world["bloc"])

    def bloc_named(name: str) -> Save:
        return lambda v: services.blocs.update(bloc.id, bloc_input(bloc, name),
                                               expected_version=v)

    check(bloc.version, bloc_named("Khối tổng hợp"), bloc_named("Khối cơ quan"),
          lambda: services.blocs.get(bloc.id).name, "Tên khối, cụm")

    member = services.blocs.members(bloc.id)[0]

    def share(value: int) -> Save:
        return lambda v: services.blocs.update_member(bloc.id, MemberInput(
            member.unit_id, Decimal(value)), expected_version=v)

    check(member.version, share(60), share(70),
          lambda: services.blocs.members(bloc.id)[0].women_share, "Tỷ lệ nữ (%)")

    criterion = services.blocs.criteria.get(world["II.2"])

    def criterion_named(name: str) -> Save:
        return lambda v: services.blocs.criteria.update(
            criterion.id, criterion_input(criterion, name), expected_version=v)

    check(criterion.version, criterion_named("Hoạt động đoàn thể"),
          criterion_named("Công đoàn, đoàn thanh niên"),
          lambda: services.blocs.criteria.get(criterion.id).name, "Tên tiêu chí")

    target = services.blocs.targets.create(UnitTargetInput(world["a"], 2026, "Thu ngân sách",
                                                           "tỷ đồng", 100, None))

    def actual(value: float) -> Save:
        return lambda v: services.blocs.targets.update(target.id, UnitTargetInput(
            world["a"], 2026, "Thu ngân sách", "tỷ đồng", 100, value), expected_version=v)

    check(target.version, actual(90), actual(95),
          lambda: services.blocs.targets.get(target.id).actual_value, "Thực hiện")


def check(loaded: int, theirs: Save, mine: Save, read: Callable[[], object],
          label: str) -> None:
    """Both forms were opened at version ``loaded``: theirs saves; mine is refused, naming the
    field that differs, and changes nothing; after a reload mine saves."""
    saved = theirs(loaded)
    assert saved.version == loaded + 1
    stored = read()
    with pytest.raises(StaleEditError) as refused:
        mine(loaded)
    assert refused.value.current_version == loaded + 1
    assert "người khác sửa và lưu" in str(refused.value)
    assert label in [change.label for change in refused.value.changes], str(refused.value)
    assert read() == stored  # nothing changed
    assert mine(saved.version).version == saved.version + 1  # reloaded: saved
    assert read() != stored


def bloc_input(bloc: BlocRow, name: str) -> BlocInput:
    return BlocInput(name, bloc.kind, bloc.year, bloc.organiser_unit_id, bloc.head_unit_id,
                     bloc.deputy_unit_id, bloc.pledge_date, bloc.pledge_note, bloc.total_points,
                     bloc.flag_count, bloc.merit_count, bloc.tie_rules, bloc.note)


def criterion_input(c: CriterionRow, name: str) -> CriterionInput:
    return CriterionInput(c.code, name, c.max_points, c.kind, c.parent_code, c.cap, c.formula,
                          c.direction, c.tiers, c.indicator, c.basis, c.evidence_required,
                          c.position)


def test_stale_message_names_the_changed_fields_in_vietnamese(services: Services) -> None:
    root = services.units.children(None)[0].id
    unit = services.units.create(UnitInput("Xã Bình Lư", "BLU", UnitKind.COMMUNE, root,
                                           valid_from=date(2025, 7, 1)))
    services.units.update(unit.id, UnitInput("Xã Bình Lư", "BLU2", UnitKind.COMMUNE, root,
                                             valid_from=date(2025, 7, 1)),
                          expected_version=unit.version)
    with pytest.raises(StaleEditError) as refused:
        services.units.update(unit.id, UnitInput("Xã Bình Lư", "BLU", UnitKind.COMMUNE, root,
                                                 address="Tam Đường",
                                                 valid_from=date(2025, 7, 1)),
                              expected_version=unit.version)
    lines = str(refused.value).splitlines()
    assert lines[0].startswith("Đơn vị “Xã Bình Lư” đã được người khác sửa và lưu")
    assert "  • Mã đơn vị: “BLU” → “BLU2”" in lines
    assert "  • Địa chỉ: “Tam Đường” → “(trống)”" in lines
    assert services.units.get(unit.id).code == "BLU2"
