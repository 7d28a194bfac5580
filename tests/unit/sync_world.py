"""Three offices, each with its own database: two communes that send dossiers up and the
province that receives them and sends decisions back down."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.api.sync import PackageHeader, UpwardSelection
from desktop.domain.enums import Gender, NominationStatus, RoundKind, UnitKind
from desktop.paths import app_paths
from desktop.services import Services
from desktop.services.nominations import NominationInput
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput

S = NominationStatus
PROVINCE = ("Ủy ban nhân dân tỉnh Lai Châu", "LCH")


@dataclass
class Office:
    services: Services
    home: Path

    @property
    def db_file(self) -> Path:
        path = self.services.db.path
        assert path is not None
        return path

    def digest(self) -> str:
        """The database file's bytes (after a checkpoint): "nothing changed" means this holds."""
        self.services.db.engine.dispose()
        return hashlib.sha256(self.db_file.read_bytes()).hexdigest()


def open_office(root: Path, name: str, code: str, kind: UnitKind, *,
                parent: tuple[str, str] = ("", "")) -> Office:
    home = root / code
    paths = app_paths(home).ensure()
    services = Services.open(paths.default_database, paths)
    services.setup.configure(UnitInput(name, code, kind), parent_office_name=parent[0],
                             parent_office_code=parent[1], officer_name=f"Cán bộ {code}")
    return Office(services, home)


def commune_with_nominations(root: Path, name: str, code: str,
                             people: list[tuple[str, Gender, str | None]]) -> tuple[Office, int, list[int]]:
    """A commune whose officers propose each of ``people`` for the province's Bằng khen."""
    office = open_office(root, name, code, UnitKind.COMMUNE, parent=PROVINCE)
    s = office.services
    unit = s.units.children(None)[0].id
    round_id = s.rounds.create(RoundInput(f"Đề nghị khen thưởng năm 2026 — {name}", 2026,
                                          RoundKind.YEAR_END, office_unit_id=unit)).id
    nominations = []
    for full_name, gender, cccd in people:
        person = s.people.create(PersonInput(full_name, gender, unit, date(1985, 3, 2),
                                             "Thái", cccd, "Công chức văn hóa - xã hội"))
        s.ratings.set(Subject(person_id=person.id), 2025, "HTXSNV")
        s.ratings.set(Subject(person_id=person.id), 2026, "HTXSNV")
        n = s.nominations.create(NominationInput(round_id, Subject(person_id=person.id), "BK_TINH",
                                                 "Hoàn thành xuất sắc nhiệm vụ hai năm liền"))
        nominations.append(n.id)
    s.nominations.transition(nominations, S.SUBMITTED)
    return office, round_id, nominations


def export_up(office: Office, round_id: int, out: Path) -> Path:
    return office.services.sync.export_upward(UpwardSelection(round_id), out).path


def trust_sender(receiver: Office, package: Path) -> PackageHeader:
    header = receiver.services.sync.inspect(package)
    receiver.services.sync.trust(header, header.fingerprint)
    return receiver.services.sync.inspect(package)
