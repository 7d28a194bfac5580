"""End to end with three databases: two communes send dossiers up, the province imports both
(one with a conflict the officer resolves), votes and signs, sends the decision down, and the
commune sees the award and the money. Every package imported again changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.api.sync import Action, DownwardSelection, PackageKind, Resolution, TrustState
from desktop.domain.enums import Gender, RoundKind, UnitKind
from desktop.domain.errors import ConflictError, ValidationError
from desktop.services.nominations import NominationQuery
from desktop.services.people import PeopleQuery, PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from tests.unit.sync_world import (
    PROVINCE,
    S,
    commune_with_nominations,
    council_passes_and_signs,
    export_up,
    open_office,
    trust_sender,
)

CCCD_B = "011085000123"  # Hà Nội, male born in the 1900s, 1985


def test_dossiers_up_decisions_down_three_databases(tmp_path: Path) -> None:
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    a, round_a, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", [
        ("Lò Văn Đức", Gender.MALE, None), ("Tòng Thị Hường", Gender.FEMALE, None)])
    b, round_b, _ = commune_with_nominations(tmp_path, "Ủy ban nhân dân xã Bản Bo", "XBB", [
        ("Vàng Văn Páo", Gender.MALE, CCCD_B)])
    p = province.services
    # The province already knows Páo (he had a Bằng khen before) under its own record.
    p_root = p.units.children(None)[0].id
    known = p.people.create(PersonInput("Vàng Văn Páo", Gender.MALE, p_root, date(1985, 3, 2),
                                        "Thái", CCCD_B))
    p_round = p.rounds.create(RoundInput("Khen thưởng tổng kết năm 2026 (cấp tỉnh)", 2026,
                                         RoundKind.YEAR_END, office_unit_id=p_root)).id

    out = tmp_path / "usb"
    pkg_a = export_up(a, round_a, out / "len_xbl")
    pkg_b = export_up(b, round_b, out / "len_xbb")
    assert pkg_a.suffix == ".tdkt" and pkg_a.exists()

    # An unknown sender is refused until the officer trusts its fingerprint.
    header = p.sync.inspect(pkg_a)
    assert header.trust is TrustState.UNKNOWN and header.kind is PackageKind.UPWARD
    assert header.sender_office_name == "Ủy ban nhân dân xã Bình Lư"
    with pytest.raises(ValidationError, match=header.fingerprint):
        p.sync.preview(pkg_a, p_round)
    with pytest.raises(ValidationError, match="không khớp"):
        p.sync.trust(header, "AAAA-BBBB-CCCC-DDDD")
    assert trust_sender(province, pkg_a).trust is TrustState.TRUSTED
    trust_sender(province, pkg_b)

    preview = p.sync.preview(pkg_a, p_round)
    assert preview.counts["nominations"] == {Action.NEW: 2}
    assert preview.counts["people"] == {Action.NEW: 2}
    assert preview.counts["ratings"] == {Action.NEW: 4}
    units = [i for i in preview.items if i.entity == "units"]
    assert units == [] or all(i.action is Action.NEW for i in units)
    report = p.sync.import_package(pkg_a, p_round)
    assert report.applied and report.backup_path is not None and report.backup_path.exists()
    assert report.receipt_path is not None and report.receipt_path.exists()

    # B's Páo matches the province's Páo by CCCD under another UUID: a conflict to resolve.
    preview_b = p.sync.preview(pkg_b, p_round)
    conflict = next(i for i in preview_b.conflicts if i.entity == "people")
    assert conflict.match_label.startswith("Vàng Văn Páo") and Resolution.MERGE in conflict.options
    before = province.digest()
    with pytest.raises(ConflictError, match="1 xung đột"):
        p.sync.import_package(pkg_b, p_round)
    assert province.digest() == before
    p.sync.import_package(pkg_b, p_round, {f"people:{conflict.uuid}": Resolution.MERGE})

    received = p.nominations.page(NominationQuery(p_round), 0, 50)
    assert sorted(n.subject_name for n in received) == ["Lò Văn Đức", "Tòng Thị Hường",
                                                        "Vàng Văn Páo"]
    assert {n.status for n in received} == {S.RECEIVED}
    pao = next(n for n in received if n.subject_name == "Vàng Văn Páo")
    assert pao.person_id == known.id  # merged, not duplicated
    for n in received:  # each with its received line in the history, after the sender's
        last = p.nominations.history(n.id)[-1]
        assert (last.from_status, last.to_status) == (S.SUBMITTED, S.RECEIVED)
        assert last.note.startswith("Tiếp nhận qua gói dữ liệu của ") and last.at is not None
    assert p.people.count(PeopleQuery()) == 3

    # The province decides: eligible, council, decision signed.
    ids = [n.id for n in received]
    decision_id = council_passes_and_signs(p, p_round, ids)

    a_uuid = p.sync.inspect(pkg_a).sender_installation_uuid
    down_a = p.sync.export_downward(DownwardSelection((decision_id,), a_uuid),
                                    out / "xuong_xbl").path
    with pytest.raises(ValidationError, match="chưa được tin cậy"):
        a.services.sync.preview(down_a)
    trust_sender(a, down_a)
    down_preview = a.services.sync.preview(down_a)
    assert down_preview.counts["decision_lines"] == {Action.NEW: 2}
    assert down_preview.counts["nominations"] == {Action.UPDATE: 2}
    a.services.sync.import_package(down_a)

    got = a.services.nominations.page(NominationQuery(round_a), 0, 50)
    assert {n.status for n in got} == {S.AWARDED}
    duc = next(n for n in got if n.subject_name == "Lò Văn Đức")
    history = a.services.awards.for_subject(Subject(person_id=duc.person_id))
    signed = p.decisions.get(decision_id)
    line = next(li for li in signed.lines if li.subject_name == "Lò Văn Đức")
    assert [(h.award_code, h.decision_number, h.amount) for h in history] == [
        ("BK_TINH", "01/QĐ-UBND", line.amount)]
    assert line.amount > 0

    # The commune takes the province's receipt: its nominations were already decided.
    a.services.sync.import_package(report.receipt_path)

    # Every package again: nothing changes, byte for byte.
    for office, package, kwargs in [(province, pkg_a, {"target_round_id": p_round}),
                                    (province, pkg_b, {"target_round_id": p_round}),
                                    (a, down_a, {}), (a, report.receipt_path, {})]:
        before = office.digest()
        again = office.services.sync.import_package(package, **kwargs)
        assert not again.applied and "đã được nhập" in again.message
        assert office.digest() == before
