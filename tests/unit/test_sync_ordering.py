"""Packages arrive in any order and more than once: an older package after a newer one changes
nothing, and an edit made on both sides since the last package is a conflict the officer
resolves, never a silent overwrite."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.api.sync import Action, Resolution, UpwardSelection
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import ConflictError
from desktop.services.people import PeopleQuery
from desktop.services.rounds import RoundInput
from tests.unit.sync_world import PROVINCE, commune_with_nominations, open_office, trust_sender


def test_older_package_after_newer_and_edits_on_both_sides(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư",
                                                    "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    c, p = commune.services, province.services
    root = p.units.children(None)[0].id
    p_round = p.rounds.create(RoundInput("Khen thưởng năm 2026", 2026, RoundKind.YEAR_END,
                                         office_unit_id=root)).id
    person = c.people.page(PeopleQuery(), 0, 5)[0]

    old = c.sync.export_upward(UpwardSelection(round_id), tmp_path / "p1").path
    c.people.update(person.id, replace(person.as_input(), position="Phó Chủ tịch UBND xã"))
    new = c.sync.export_upward(UpwardSelection(round_id), tmp_path / "p2").path
    trust_sender(province, new)

    p.sync.import_package(new, p_round)
    [here] = p.people.page(PeopleQuery(text="Lò Văn Đức"), 0, 5)
    assert here.position == "Phó Chủ tịch UBND xã"
    stale = p.sync.preview(old, p_round)
    assert stale.counts["people"] == {Action.IGNORED: 1}
    assert "cũ hơn bản đã nhận" in next(i for i in stale.items if i.entity == "people").reason
    p.sync.import_package(old, p_round)
    assert p.people.get(here.id).position == "Phó Chủ tịch UBND xã"

    # Both sides edit the same person after the last package: a conflict.
    p.people.update(here.id, replace(p.people.get(here.id).as_input(), note="Đã xác minh"))
    current = c.people.get(person.id)
    c.people.update(person.id, replace(current.as_input(), position="Chủ tịch UBND xã"))
    third = c.sync.export_upward(UpwardSelection(round_id), tmp_path / "p3").path
    preview = p.sync.preview(third, p_round)
    conflict = next(i for i in preview.conflicts if i.entity == "people")
    assert "cả hai bên cùng sửa" in conflict.reason
    assert conflict.changes["position"] == ("Phó Chủ tịch UBND xã", "Chủ tịch UBND xã")
    assert conflict.changes["note"] == ("Đã xác minh", "")
    with pytest.raises(ConflictError):
        p.sync.import_package(third, p_round)
    p.sync.import_package(third, p_round, {f"people:{conflict.uuid}": Resolution.KEEP_LOCAL})
    kept = p.people.get(here.id)
    assert (kept.position, kept.note) == ("Phó Chủ tịch UBND xã", "Đã xác minh")
