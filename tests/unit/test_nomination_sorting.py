"""The nominations list is sorted and paged in SQL (the rounds page shows 30,000 of them): each
sortable column's order, both directions, and pages that neither overlap nor skip."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.domain.enums import (
    ConditionStatus,
    Gender,
    NominationStatus,
    RoundKind,
    UnitKind,
)
from desktop.models import Nomination
from desktop.services import Services
from desktop.services.nominations import SORT_KEYS, NominationInput, NominationQuery
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

# (name, award, status, eligibility)
ROWS = [
    ("Nguyễn Văn Đức", "LDTT", NominationStatus.RECEIVED, ConditionStatus.NOT_MET),
    ("Lê Thị Hường", "CSTDCS", NominationStatus.DRAFT, None),
    ("Trần Văn An", "LDTT", NominationStatus.SUBMITTED, ConditionStatus.MET),
    ("Lò Thị Ánh", "CSTDCS", NominationStatus.RECEIVED, ConditionStatus.CHECK),
    ("Giàng A Dủa", "LDTT", NominationStatus.DRAFT, ConditionStatus.MET),
]


@pytest.fixture
def round_id(services: Services) -> int:
    root = services.units.children(None)[0]
    commune = services.units.create(UnitInput("Ủy ban nhân dân xã Nà Tăm", "NATAM",
                                              UnitKind.COMMUNE, parent_id=root.id))
    round_row = services.rounds.create(RoundInput("Xét năm 2026", 2026, RoundKind.YEAR_END))
    by_id: dict[int, tuple[Any, ...]] = {}
    for name, award, status, eligibility in ROWS:
        person = services.people.create(PersonInput(name, Gender.MALE, commune.id))
        row = services.nominations.create(NominationInput(round_row.id,
                                                          Subject(person_id=person.id), award))
        if status is not NominationStatus.DRAFT:
            services.nominations.transition([row.id], NominationStatus.SUBMITTED)
        if status is NominationStatus.RECEIVED:
            services.nominations.transition([row.id], NominationStatus.RECEIVED)
        by_id[row.id] = (status, eligibility)
    with services.db.session() as s:
        for nomination_id, (_status, eligibility) in by_id.items():
            s.get(Nomination, nomination_id).eligibility = eligibility.value if eligibility else ""
    return round_row.id


def names(services: Services, query: NominationQuery) -> list[str]:
    return [r.subject_name for r in services.nominations.page(query, 0, 100)]


def test_subject_in_vietnamese_order_both_ways(services: Services, round_id: int) -> None:
    expected = ["Trần Văn An", "Lò Thị Ánh", "Giàng A Dủa", "Nguyễn Văn Đức", "Lê Thị Hường"]
    assert names(services, NominationQuery(round_id, sort="name")) == expected
    assert names(services, NominationQuery(round_id, sort="name", descending=True)) == \
        expected[::-1]


def test_award_by_name_in_vietnamese_order_then_subject(services: Services,
                                                        round_id: int) -> None:
    rows = services.nominations.page(NominationQuery(round_id, sort="award"), 0, 100)
    assert [(r.award_name, r.subject_name) for r in rows] == [
        ("Chiến sĩ thi đua cơ sở", "Lò Thị Ánh"), ("Chiến sĩ thi đua cơ sở", "Lê Thị Hường"),
        ("Lao động tiên tiến", "Trần Văn An"), ("Lao động tiên tiến", "Giàng A Dủa"),
        ("Lao động tiên tiến", "Nguyễn Văn Đức")]


def test_status_in_workflow_order(services: Services, round_id: int) -> None:
    rows = services.nominations.page(NominationQuery(round_id, sort="status"), 0, 100)
    assert [(r.status, r.subject_name) for r in rows] == [
        (NominationStatus.DRAFT, "Giàng A Dủa"), (NominationStatus.DRAFT, "Lê Thị Hường"),
        (NominationStatus.SUBMITTED, "Trần Văn An"),
        (NominationStatus.RECEIVED, "Lò Thị Ánh"), (NominationStatus.RECEIVED, "Nguyễn Văn Đức")]
    backwards = services.nominations.page(
        NominationQuery(round_id, sort="status", descending=True), 0, 100)
    assert backwards[0].status is NominationStatus.RECEIVED


def test_eligibility_from_unchecked_to_not_met(services: Services, round_id: int) -> None:
    rows = services.nominations.page(NominationQuery(round_id, sort="eligibility"), 0, 100)
    assert [(r.eligibility, r.subject_name) for r in rows] == [
        (None, "Lê Thị Hường"), (ConditionStatus.MET, "Trần Văn An"),
        (ConditionStatus.MET, "Giàng A Dủa"), (ConditionStatus.CHECK, "Lò Thị Ánh"),
        (ConditionStatus.NOT_MET, "Nguyễn Văn Đức")]


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_pages_cover_every_row_once(services: Services, round_id: int, key: str,
                                    descending: bool) -> None:
    query = NominationQuery(round_id, sort=key, descending=descending)
    paged = [r.id for offset in range(0, 5, 2)
             for r in services.nominations.page(query, offset, 2)]
    assert paged == [r.id for r in services.nominations.page(query, 0, 100)]
    assert sorted(paged) == sorted({r.id for r in services.nominations.page(query, 0, 100)})
    assert services.nominations.count(query) == 5


def test_briefs_follow_the_page_order_and_filters(services: Services, round_id: int) -> None:
    query = NominationQuery(round_id, sort="award", status=NominationStatus.RECEIVED)
    assert [(b.id, b.subject_name, b.award_name, b.status) for b in
            services.nominations.briefs(query)] == [
        (r.id, r.subject_name, r.award_name, r.status)
        for r in services.nominations.page(query, 0, 100)]
    assert len(services.nominations.briefs(NominationQuery(round_id))) == 5
