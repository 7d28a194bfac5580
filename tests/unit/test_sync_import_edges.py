"""Imports that stop half-way or meet records they must not take silently: a cancel leaves the
database as it was (and no backup behind), a CCCD twice in one package is taken once, and a
person the sender deleted but the receiver still uses is a conflict the officer resolves."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from desktop.api.sync import Action, Resolution
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import Cancelled, ConflictError
from desktop.domain.progress import CancelToken
from desktop.models import Person
from desktop.models.base import utcnow
from desktop.services.people import PeopleQuery
from desktop.services.rounds import RoundInput
from tests.unit.sync_world import (
    PROVINCE,
    Office,
    commune_with_nominations,
    export_up,
    open_office,
    trust_sender,
)


def _province(root: Path) -> tuple[Office, int]:
    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    unit = province.services.units.children(None)[0].id
    round_id = province.services.rounds.create(RoundInput(
        "Khen thưởng năm 2026", 2026, RoundKind.YEAR_END, office_unit_id=unit)).id
    return province, round_id


def _backups(office: Office) -> list[Path]:
    folder = office.services.paths.backups
    return sorted(folder.glob("*")) if folder.exists() else []


def test_a_cancelled_import_changes_nothing_and_keeps_no_backup(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", [
        (f"Lò Văn Đức {chr(0x41 + i)}", Gender.MALE, None) for i in range(3)])
    package = export_up(commune, round_id, tmp_path / "len")
    province, p_round = _province(tmp_path)
    trust_sender(province, package)
    before, backups_before = province.digest(), _backups(province)
    token = CancelToken()
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, label: str) -> None:
        seen.append((done, total, label))
        token.cancel()  # the officer presses "Hủy" after the first batch

    with pytest.raises(Cancelled):
        province.services.sync.import_package(package, p_round, progress=progress, cancel=token)
    assert seen and seen[0][1] == sum(province.services.sync.inspect(package).counts.values())
    assert province.digest() == before
    assert _backups(province) == backups_before

    report = province.services.sync.import_package(package, p_round)  # and then it goes in
    assert report.applied and report.backup_path is not None and report.backup_path.exists()
    assert len(province.services.people.page(PeopleQuery(text="Lò Văn Đức"), 0, 10)) == 3


def test_one_cccd_twice_in_a_package_is_taken_once(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", [
        ("Lò Văn Đức", Gender.MALE, "011085000123"), ("Lò Văn Minh", Gender.MALE, None)])
    with commune.services.db.session() as s:  # a copy typed twice under two names
        s.execute(update(Person).where(Person.full_name == "Lò Văn Minh")
                  .values(citizen_id="011085000123"))
    package = export_up(commune, round_id, tmp_path / "len")
    province, p_round = _province(tmp_path)
    trust_sender(province, package)

    preview = province.services.sync.preview(package, p_round)
    assert preview.counts["people"] == {Action.NEW: 1, Action.IGNORED: 1}
    [twice] = [i for i in preview.items if i.entity == "people" and i.action is Action.IGNORED]
    assert "011085000123" in twice.reason and "trong cùng gói" in twice.reason

    province.services.sync.import_package(package, p_round)
    with province.services.db.read() as s:
        assert s.scalars(select(Person.full_name).where(
            Person.citizen_id == "011085000123")).all() == ["Lò Văn Đức"]


def test_a_person_deleted_by_the_sender_but_used_here_is_a_conflict(tmp_path: Path) -> None:
    commune, round_id, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", [
        ("Lò Văn Đức", Gender.MALE, None)])
    first = export_up(commune, round_id, tmp_path / "p1")
    province, p_round = _province(tmp_path)
    trust_sender(province, first)
    province.services.sync.import_package(first, p_round)
    with commune.services.db.session() as s:  # deleted at the commune; its dossier still here
        person = s.scalars(select(Person).where(Person.full_name == "Lò Văn Đức")).one()
        person.deleted_at = utcnow()
    second = export_up(commune, round_id, tmp_path / "p2")

    preview = province.services.sync.preview(second, p_round)
    [item] = [i for i in preview.items if i.entity == "people"]
    assert item.action is Action.CONFLICT
    assert "vẫn dùng" in item.reason and "đề nghị khen thưởng" in item.reason
    assert item.options == (Resolution.KEEP_LOCAL, Resolution.TAKE_INCOMING)
    before = province.digest()
    with pytest.raises(ConflictError):
        province.services.sync.import_package(second, p_round)
    assert province.digest() == before

    key = f"people:{item.uuid}"
    province.services.sync.import_package(second, p_round, {key: Resolution.KEEP_LOCAL})
    [kept] = province.services.people.page(PeopleQuery(text="Lò Văn Đức"), 0, 5)
    assert kept.full_name == "Lò Văn Đức"  # still here, still behind its nomination
