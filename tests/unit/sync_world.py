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


@dataclass
class SignedDown:
    """A province that signed a decision for a commune's nominations (imported from the
    commune's upward package), ready to send it back down."""

    province: Office
    commune: Office
    commune_round: int
    decision_id: int
    decision_number: str
    commune_uuid: str


def province_signs_for_commune(root: Path, people: list[str]) -> SignedDown:
    from desktop.services.nominations import NominationQuery

    province = open_office(root, *PROVINCE, UnitKind.PROVINCE)
    commune, round_id, _ = commune_with_nominations(
        root, "Ủy ban nhân dân xã Bình Lư", "XBL", [(n, Gender.MALE, None) for n in people])
    up = commune.services.sync.export_upward(UpwardSelection(round_id, include_documents=False),
                                             root / "usb" / "len_xbl").path
    p = province.services
    p_round = p.rounds.create(RoundInput("Khen thưởng tổng kết năm 2026 (cấp tỉnh)", 2026,
                                         RoundKind.YEAR_END,
                                         office_unit_id=p.units.children(None)[0].id)).id
    commune_uuid = trust_sender(province, up).sender_installation_uuid
    p.sync.import_package(up, p_round)
    ids = [n.id for n in p.nominations.page(NominationQuery(p_round), 0, 50)]
    decision_id = council_passes_and_signs(p, p_round, ids)
    number = p.decisions.get(decision_id).number
    return SignedDown(province, commune, round_id, decision_id, number, commune_uuid)


def council_passes_and_signs(p: Services, round_id: int, ids: list[int]) -> int:
    """The province decides on received nominations: eligible, the council votes them all
    through (9 of 9), the chairman signs one decision for them on 01/12/2026. Its id."""
    from desktop.domain.enums import SignerCapacity
    from desktop.services.council import MeetingInput
    from desktop.services.decisions import DecisionInput

    p.nominations.transition(ids, S.ELIGIBLE)
    meeting = p.council.create_meeting(MeetingInput(round_id, date(2026, 11, 28), 9, 9))
    p.council.record_votes(meeting.id, dict.fromkeys(ids, 9))
    p.council.close_meeting(meeting.id)
    decision = p.decisions.create(DecisionInput(round_id, "Chủ tịch UBND tỉnh Lai Châu"), ids)
    p.decisions.sign(decision.id, date(2026, 12, 1), "Lê Văn Lương", SignerCapacity.CHAIRMAN)
    return decision.id
