"""Movements travel with what names them: a decision package carries the movement of its
round (with its appendix), a bloc package the movement its units' targets were assigned from;
and a registration sent up keeps its link to a movement the receiver already has (it was
dropped on the way before)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bloc_world import INDICATOR
from sqlalchemy import select

from desktop.api.sync import (
    Action,
    BlocDownSelection,
    DownwardSelection,
    MovementDownSelection,
    UpwardSelection,
)
from desktop.domain.enums import Gender, MovementKind, RoundKind, UnitKind
from desktop.domain.errors import ValidationError
from desktop.models import Registration
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.nominations import NominationQuery
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput
from desktop.services.units import UnitInput
from tests.unit.sync_world import (
    PROVINCE,
    commune_with_nominations,
    council_passes_and_signs,
    export_up,
    open_office,
    trust_sender,
)
from tests.unit.test_sync_blocs import MEMBER, head_with_bloc

APPENDIX = [TargetInput(INDICATOR, "tỷ đồng", 2000.0),
            TargetInput("Tỷ lệ hộ nghèo giảm", "%", 3.1)]


def test_a_bloc_package_carries_the_movement_its_targets_came_from(tmp_path: Path) -> None:
    head, h = head_with_bloc(tmp_path)
    hs = head.services
    movement = hs.movements.create(MovementInput(
        "Phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026",
        MovementKind.REGULAR, 2026, "05/CT-UBND", date(2026, 1, 5), "UBND tỉnh Lai Châu",
        targets=APPENDIX)).id
    hs.movements.figures.assign(movement, [h["syt"]], 2026)
    member = open_office(tmp_path, "Sở Y tế tỉnh Lai Châu", "SYT", UnitKind.AGENCY)
    ms = member.services
    package = hs.sync.export_bloc_down(BlocDownSelection(h["bloc"], recipient_unit_code="SYT"),
                                       tmp_path / "usb").path
    trust_sender(member, package)
    preview = ms.sync.preview(package)
    assert preview.counts["movements"] == {Action.NEW: 1}
    assert preview.counts["movement_targets"] == {Action.NEW: 2}

    ms.sync.import_package(package)

    [received] = ms.movements.list()
    assert (received.name, received.directive_number) == (
        "Phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026",
        "05/CT-UBND")
    lines = {t.indicator: t for t in ms.movements.appendix.list(received.id)}
    assert set(lines) == {INDICATOR, "Tỷ lệ hộ nghèo giảm"}
    own_unit = next(u.id for u in ms.units.children(None) if u.code == "SYT")
    [target] = ms.blocs.targets.list(2026, own_unit)
    assert target.movement_target_id == lines[INDICATOR].id  # the link arrived whole

    before = member.digest()
    again = ms.sync.import_package(package)
    assert not again.applied and member.digest() == before


def test_decision_down_carries_the_movement_and_a_registration_up_keeps_it(
        tmp_path: Path) -> None:
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    commune, c_round, _ = commune_with_nominations(
        tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", [("Lò Văn Đức", Gender.MALE, None)])
    p, c = province.services, commune.services
    movement = p.movements.create(MovementInput(
        "Thi đua dạy tốt, học tốt", MovementKind.THEMATIC, 2026, "09/KH-UBND",
        date(2026, 2, 1), "UBND tỉnh Lai Châu", targets=APPENDIX[1:])).id
    p_root = p.units.children(None)[0].id
    p_round = p.rounds.create(RoundInput("Khen thưởng chuyên đề dạy tốt, học tốt", 2026,
                                         RoundKind.THEMATIC, movement_id=movement,
                                         office_unit_id=p_root)).id
    up = export_up(commune, c_round, tmp_path / "usb" / "len")
    trust_sender(province, up)
    p.sync.import_package(up, p_round)
    ids = [n.id for n in p.nominations.page(NominationQuery(p_round), 0, 10)]
    decision_id = council_passes_and_signs(p, p_round, ids)
    sender = p.sync.inspect(up).sender_installation_uuid
    down = p.sync.export_downward(DownwardSelection((decision_id,), sender),
                                  tmp_path / "usb" / "xuong").path
    trust_sender(commune, down)
    preview = c.sync.preview(down)
    assert preview.counts["movements"] == {Action.NEW: 1}
    c.sync.import_package(down)
    [received] = c.movements.list()
    assert received.name == "Thi đua dạy tốt, học tốt"

    # The commune registers its person under the province's movement and sends it up again:
    # the province's registration points at its own movement, not at nothing.
    [nomination] = c.nominations.page(NominationQuery(c_round), 0, 10)
    c.registrations.register(Subject(person_id=nomination.person_id), 2027, "LDTT",
                             date(2027, 1, 10), movement_id=received.id)
    again = c.sync.export_upward(UpwardSelection(c_round, (nomination.id,)),
                                 tmp_path / "usb" / "len_2").path
    p.sync.import_package(again, p_round)
    with p.db.read() as s:
        linked = s.scalars(select(Registration.movement_id).where(Registration.year == 2027))
        assert list(linked) == [movement]


def test_the_province_sends_a_movement_down_with_the_commune_s_targets(tmp_path: Path) -> None:
    """What the seeds' directives launch each year: the province's movement, its appendix and
    the figures it assigned to the commune and the villages under it — and nothing of another
    commune."""
    province = open_office(tmp_path, *PROVINCE, UnitKind.PROVINCE)
    commune = open_office(tmp_path, "Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                          parent=PROVINCE)
    p, c = province.services, commune.services
    root = p.units.children(None)[0].id
    xbl = p.units.create(UnitInput("Ủy ban nhân dân xã Bình Lư", "XBL", UnitKind.COMMUNE,
                                   root)).id
    village = p.units.create(UnitInput("Bản Thẳm", "BTHAM", UnitKind.VILLAGE, xbl)).id
    other = p.units.create(UnitInput("Ủy ban nhân dân xã Bản Bo", "XBB", UnitKind.COMMUNE,
                                     root)).id
    movement = p.movements.create(MovementInput(
        "Phong trào thi đua “Cả nước chung tay vì người nghèo”", MovementKind.THEMATIC, 2026,
        "12/KH-UBND", date(2026, 3, 2), "UBND tỉnh Lai Châu", head_target_rule=True,
        targets=APPENDIX)).id
    p.movements.figures.assign(movement, [xbl, village, other], 2026)
    with pytest.raises(ValidationError, match="không có đơn vị mã “XYZ”"):
        p.sync.plan_movement_down(MovementDownSelection(movement, recipient_unit_code="XYZ"))
    plan = p.sync.plan_movement_down(MovementDownSelection(movement, recipient_unit_code="XBL"))
    assert plan.counts["movements"] == 1 and plan.counts["movement_targets"] == 2
    assert plan.counts["unit_targets"] == 4  # two lines × the commune and its village
    package = p.sync.export_movement_down(MovementDownSelection(movement,
                                                                recipient_unit_code="XBL"),
                                          tmp_path / "usb").path
    header = trust_sender(commune, package)
    assert header.movement_name == "Phong trào thi đua “Cả nước chung tay vì người nghèo”"
    c.sync.import_package(package)

    [received] = c.movements.list()
    assert received.head_target_rule and received.directive_number == "12/KH-UBND"
    targets = c.blocs.targets.list(2026)
    assert sorted({t.unit_name for t in targets}) == ["Bản Thẳm", "Ủy ban nhân dân xã Bình Lư"]
    assert all(t.movement_target_id is not None for t in targets) and len(targets) == 4
    own = next(u.id for u in c.units.children(None) if u.code == "XBL")
    assert {t.unit_id for t in targets if t.unit_name.startswith("Ủy ban")} == {own}


def test_a_package_says_what_it_is_not_only_which_way_it_goes(tmp_path: Path) -> None:
    head, h = head_with_bloc(tmp_path)
    member = open_office(tmp_path, *MEMBER, UnitKind.AGENCY)
    package = head.services.sync.export_bloc_down(
        BlocDownSelection(h["bloc"], recipient_unit_code="STC"), tmp_path / "usb").path
    header = member.services.sync.inspect(package)
    assert header.title == ("Khối, cụm thi đua “Khối các cơ quan tổng hợp năm 2026” "
                            "(gửi xuống thành viên)")
