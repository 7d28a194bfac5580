"""An import needs no preview before it: it plans as it goes, refuses while a conflict is
open (naming how many), takes the proposed way for each open conflict when asked, and tells
what it decided record by record (``tdkt package import`` relies on this: one pass)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.api.sync import Action, OpenConflictsError, Resolution
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import ConflictError
from desktop.services.nominations import NominationQuery
from desktop.services.people import PeopleQuery, PersonInput
from desktop.services.rounds import RoundInput
from tests.unit.sync_world import (
    PROVINCE,
    S,
    commune_with_nominations,
    export_up,
    open_office,
    trust_sender,
)

CCCD = "011085000123"


def test_an_import_without_preview_takes_the_proposals_only_when_asked(tmp_path: Path) -> None:
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    commune, commune_round, _ = commune_with_nominations(
        tmp_path, "Ủy ban nhân dân xã Bản Bo", "XBB",
        [("Vàng Văn Páo", Gender.MALE, CCCD), ("Lò Thị Mai", Gender.FEMALE, None)])
    p = province.services
    root = p.units.children(None)[0].id
    known = p.people.create(PersonInput("Vàng Văn Páo", Gender.MALE, root, date(1985, 3, 2),
                                        "Thái", CCCD))
    p_round = p.rounds.create(RoundInput("Khen thưởng năm 2026", 2026, RoundKind.YEAR_END,
                                         office_unit_id=root)).id
    package = export_up(commune, commune_round, tmp_path / "usb" / "len_xbb")
    trust_sender(province, package)

    before = province.digest()
    with pytest.raises(ConflictError, match="Còn 1 xung đột") as refused:
        p.sync.import_package(package, p_round)
    assert province.digest() == before
    assert isinstance(refused.value, OpenConflictsError)  # the open ones travel with it
    assert [(i.label, i.options) for i in refused.value.items] == [
        ("Vàng Văn Páo (sinh 1985)", (Resolution.MERGE, Resolution.SKIP))]
    accepted = p.sync.preview(package, p_round, accept_defaults=True)
    assert [i.default for i in accepted.conflicts] == [Resolution.MERGE]

    expected = p.sync.preview(package, p_round, {}).counts
    report = p.sync.import_package(package, p_round, accept_defaults=True)
    assert report.applied and report.counts == expected
    told = [(i.entity, i.label, i.action, i.default) for i in report.items if i.reason]
    assert told == [("people", "Vàng Văn Páo (sinh 1985)", Action.CONFLICT, Resolution.MERGE)]

    received = p.nominations.page(NominationQuery(p_round), 0, 50)
    by_name = {n.subject_name: n for n in received}
    assert sorted(by_name) == ["Lò Thị Mai", "Vàng Văn Páo"]
    assert by_name["Vàng Văn Páo"].person_id == known.id  # merged as proposed, not duplicated
    assert {n.status for n in received} == {S.RECEIVED}
    assert p.people.count(PeopleQuery()) == 2
    assert p.sync.import_package(package, p_round, accept_defaults=True).applied is False


def test_a_person_matched_here_is_compared_field_by_field_in_words(tmp_path: Path) -> None:
    """The officer who decides a merge sees how the two records differ, as they would read
    them: units by name (not their UUIDs), dates as dd/mm/yyyy."""
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    commune, commune_round, _ = commune_with_nominations(
        tmp_path, "Ủy ban nhân dân xã Bản Bo", "XBB", [("Vàng Văn Páo", Gender.MALE, CCCD)])
    p = province.services
    root = p.units.children(None)[0].id
    p.people.create(PersonInput("Vàng Văn Páo", Gender.MALE, root, date(1985, 7, 9), "Thái",
                                CCCD))
    p_round = p.rounds.create(RoundInput("Khen thưởng năm 2026", 2026, RoundKind.YEAR_END,
                                         office_unit_id=root)).id
    package = export_up(commune, commune_round, tmp_path / "usb" / "len_xbb")
    trust_sender(province, package)

    conflict = next(i for i in p.sync.preview(package, p_round).conflicts if i.entity == "people")
    assert conflict.changes["unit"] == (PROVINCE[0], "Ủy ban nhân dân xã Bản Bo")
    assert conflict.changes["birth_date"] == ("09/07/1985", "02/03/1985")
    assert "full_name" not in conflict.changes and "citizen_id" not in conflict.changes
