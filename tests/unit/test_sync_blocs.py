"""Emulation blocs by package, two databases: the bloc's head (Sở Nội vụ) sends the bloc down
to a member (Sở Tài chính), whose own unit is merged by code; the member self-scores with an
evidence file, sends its sheet up; the head reviews, publishes, votes and sends it all down
again. Every package imported twice changes nothing, and a member cannot change a reviewed
score by package."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bloc_world import INDICATOR, TABLE
from sqlalchemy import select, update

from desktop.api.sync import (
    Action,
    BlocDownSelection,
    BlocUpSelection,
    PackageKind,
    Resolution,
)
from desktop.domain.enums import BlocKind, ScoreBasis, SheetStatus, UnitKind
from desktop.domain.errors import ConflictError, ValidationError
from desktop.models import BlocScore, Unit
from desktop.paths import app_paths
from desktop.services.attachments import stored_path
from desktop.services.blocs.dto import (
    BlocInput,
    MemberInput,
    ScoreEntry,
    UnitTargetInput,
    VoteInput,
)
from desktop.services.units import UnitInput
from tests.unit.sync_world import Office, open_office, trust_sender

D = Decimal
SELF, REVIEWED = ScoreBasis.SELF, ScoreBasis.REVIEWED
HEAD = ("Sở Nội vụ tỉnh Lai Châu", "SNV")
MEMBER = ("Sở Tài chính tỉnh Lai Châu", "STC")


def head_with_bloc(root: Path) -> tuple[Office, dict[str, int]]:
    head = open_office(root, *HEAD, UnitKind.AGENCY)
    s = head.services
    ids = {"snv": s.units.children(None)[0].id}
    for key, name, code in (("stc", "Sở Tài chính", "STC"), ("syt", "Sở Y tế", "SYT"),
                            ("stp", "Sở Tư pháp", "STP")):
        ids[key] = s.units.create(UnitInput(name, code, UnitKind.AGENCY, ids["snv"])).id
    bloc = s.blocs.create(BlocInput("Khối các cơ quan tổng hợp năm 2026", BlocKind.BLOC, 2026,
                                    ids["snv"], ids["snv"], ids["stc"], date(2026, 3, 10),
                                    "Ký giao ước tại Sở Nội vụ"))
    ids["bloc"] = bloc.id
    for key in ("snv", "stc", "syt", "stp"):
        s.blocs.add_member(bloc.id, MemberInput(ids[key]))
    s.blocs.criteria.replace_table(bloc.id, TABLE)
    ids.update({c.code: c.id for c in s.blocs.criteria.table(bloc.id).rows})
    s.blocs.targets.create(UnitTargetInput(ids["stc"], 2026, INDICATOR, "tỷ đồng", 2000.5, 2100))
    return head, ids


def _rows(office: Office, model: type, **where: object) -> list[object]:
    with office.services.db.read() as s:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(s.scalars(query))


def test_bloc_down_scores_up_review_down(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    head, h = head_with_bloc(tmp_path)
    member = open_office(tmp_path, *MEMBER, UnitKind.AGENCY)
    hs, ms = head.services, member.services
    m_unit = ms.units.children(None)[0].id

    # 1. Down, first time: the member never sent anything, so it is named by its unit code.
    down1 = hs.sync.export_bloc_down(BlocDownSelection(h["bloc"], recipient_unit_code="STC"),
                                     usb / "khoi_1").path
    header = trust_sender(member, down1)
    assert header.kind is PackageKind.DOWNWARD and header.bloc_name.startswith("Khối các cơ")
    preview = ms.sync.preview(down1)
    assert preview.counts["blocs"] == {Action.NEW: 1}
    assert preview.counts["bloc_members"] == {Action.NEW: 4}
    assert preview.counts["bloc_criteria"] == {Action.NEW: len(TABLE)}
    assert preview.counts["unit_targets"] == {Action.NEW: 1}
    stc = next(i for i in preview.items if i.entity == "units" and i.label == "Sở Tài chính")
    assert stc.default is Resolution.MERGE and "STC" in stc.reason
    report = ms.sync.import_package(down1)
    assert report.applied and report.receipt_path is None

    [bloc] = ms.blocs.list()
    members = {m.unit_code: m for m in ms.blocs.members(bloc.id)}
    assert set(members) == {"SNV", "STC", "SYT", "STP"}
    assert members["STC"].unit_id == m_unit  # merged into the member's own unit, by code
    assert bloc.head_name == "Sở Nội vụ tỉnh Lai Châu" and bloc.deputy_name == MEMBER[0]
    table = ms.blocs.criteria.table(bloc.id)
    m = {c.code: c.id for c in table.rows}
    assert not table.problems and set(m) == {c.code for c in TABLE}
    parent = {c.code: c.parent_id for c in table.rows}
    assert parent["I.1"] == m["I"] and parent["IV.2"] == m["IV"]
    [target] = ms.blocs.targets.list(2026, m_unit)
    assert target.planned_value == 2000.5 and target.actual_value == 2100

    # 2. The member self-scores with evidence and sends its sheet to the bloc.
    with pytest.raises(ValidationError, match="chưa gửi khối"):
        ms.sync.plan_bloc_up(BlocUpSelection(bloc.id))
    ms.blocs.scores.set_scores(bloc.id, [ScoreEntry(m_unit, m["I.1"], SELF, "38"),
                                         ScoreEntry(m_unit, m["II.1"], SELF, "24"),
                                         ScoreEntry(m_unit, m["II.2"], SELF, "15")])
    ms.blocs.scores.set_evidence(bloc.id, m_unit, m["I.1"], "Báo cáo tổng kết số 12/BC-STC")
    proof = tmp_path / "bao_cao_tong_ket.pdf"
    proof.write_bytes(b"%PDF-1.4 bao cao tong ket nam 2026 " * 50)
    attached = ms.blocs.scores.attach(bloc.id, m_unit, m["I.1"], proof, "Báo cáo")
    ms.blocs.scores.transition(bloc.id, [m_unit], SheetStatus.SUBMITTED)
    plan = ms.sync.plan_bloc_up(BlocUpSelection(bloc.id))
    assert plan.recipient.unit_code == "SNV" and plan.recipient.installation_uuid
    assert plan.counts == {"bloc_score_sheets": 1, "bloc_sheet_events": 1, "bloc_scores": 3,
                           "bloc_score_attachments": 1}
    assert plan.attachment_count == 1
    up1 = ms.sync.export_bloc_up(BlocUpSelection(bloc.id), usb / "bang_diem_1").path

    # 3. The head trusts the member, imports into no round, and sees the scores and evidence.
    up_header = trust_sender(head, up1)
    assert up_header.kind is PackageKind.UPWARD and up_header.bloc_uuid == bloc.uuid
    preview = hs.sync.preview(up1)
    assert preview.counts["bloc_scores"] == {Action.NEW: 3}
    assert preview.counts["bloc_score_attachments"] == {Action.NEW: 1}
    report = hs.sync.import_package(up1)
    assert report.applied and report.receipt_path is None  # bloc packages have no receipt
    grid = hs.blocs.scores.grid(h["bloc"])
    assert grid.cell(h["I.1"], h["stc"]).self_score == D("38")
    assert grid.cell(h["I.1"], h["stc"]).evidence_note == "Báo cáo tổng kết số 12/BC-STC"
    sheet = next(x for x in grid.sheets if x.unit_id == h["stc"])
    assert sheet.status is SheetStatus.SUBMITTED and sheet.self_total >= D("77")
    [evidence] = hs.blocs.scores.attachments(h["bloc"], h["stc"], h["I.1"])
    assert evidence.sha256 == attached.sha256 and evidence.file_name == proof.name
    stored = stored_path(app_paths(head.home).attachments, evidence.sha256)
    assert stored.read_bytes() == proof.read_bytes()

    # 4. The head reviews, publishes, votes, and sends it down to the member's installation.
    hs.blocs.scores.set_scores(h["bloc"], [ScoreEntry(h["stc"], h["I.1"], REVIEWED, "36")])
    hs.blocs.scores.transition(h["bloc"], [h["stc"]], SheetStatus.REVIEWED)
    hs.blocs.scores.transition(h["bloc"], [h["stc"]], SheetStatus.PUBLISHED)
    hs.blocs.scores.record_vote(h["bloc"], VoteInput(h["stc"], 3, 4, date(2026, 12, 1)))
    down2 = hs.sync.export_bloc_down(
        BlocDownSelection(h["bloc"], up_header.sender_installation_uuid), usb / "khoi_2").path
    preview = ms.sync.preview(down2)
    assert preview.counts["bloc_scores"] == {Action.UPDATE: 1, Action.UNCHANGED: 2}
    assert preview.counts["bloc_score_sheets"] == {Action.UPDATE: 1}, [
        (i.reason, i.changes) for i in preview.items if i.entity == "bloc_score_sheets"]
    assert preview.counts["bloc_sheet_events"] == {Action.UNCHANGED: 1, Action.NEW: 2}
    assert preview.counts["bloc_votes"] == {Action.NEW: 1}
    ms.sync.import_package(down2)
    grid = ms.blocs.scores.grid(bloc.id)
    cell = grid.cell(m["I.1"], m_unit)
    assert (cell.self_score, cell.reviewed_score) == (D("38"), D("36"))
    assert next(x for x in grid.sheets if x.unit_id == m_unit).status is SheetStatus.PUBLISHED
    [vote] = ms.blocs.scores.votes(bloc.id)
    assert (vote.unit_id, vote.yes_votes, vote.members_present) == (m_unit, 3, 4)
    moves = [(e.from_status, e.to_status) for e in ms.blocs.scores.history(bloc.id, m_unit)]
    assert moves == [(SheetStatus.DRAFT, SheetStatus.SUBMITTED),
                     (SheetStatus.SUBMITTED, SheetStatus.REVIEWED),
                     (SheetStatus.REVIEWED, SheetStatus.PUBLISHED)]

    # 5. Every package again: nothing changes, byte for byte.
    for office, package in ((member, down1), (head, up1), (member, down2)):
        before = office.digest()
        again = office.services.sync.import_package(package)
        assert not again.applied and "đã được nhập" in again.message
        assert office.digest() == before
    # A fresh package with the same content: nothing new, nothing to update.
    down3 = hs.sync.export_bloc_down(
        BlocDownSelection(h["bloc"], up_header.sender_installation_uuid), usb / "khoi_3").path
    preview = ms.sync.preview(down3)
    assert not [i for i in preview.items if i.action in (Action.NEW, Action.UPDATE,
                                                         Action.CONFLICT)]

    # 6. A member changing the reviewed score on its side: the head ignores it, with why.
    with ms.db.session() as s:
        s.execute(update(BlocScore).where(BlocScore.unit_id == m_unit,
                                          BlocScore.criterion_id == m["I.1"])
                  .values(reviewed_score=D("40"), version=BlocScore.version + 1))
    up2 = ms.sync.export_bloc_up(BlocUpSelection(bloc.id), usb / "bang_diem_2").path
    preview = hs.sync.preview(up2)
    [refused] = [i for i in preview.items if i.entity == "bloc_scores"]
    assert refused.action is Action.IGNORED
    assert "điểm khối chấm do đơn vị trưởng khối quyết định" in refused.reason
    assert "40.00" in refused.reason and "Sở Tài chính" in refused.label
    hs.sync.import_package(up2)
    assert hs.blocs.scores.grid(h["bloc"]).cell(h["I.1"], h["stc"]).reviewed_score == D("36")


def test_head_returns_sheet_member_sends_again(tmp_path: Path) -> None:
    """A sheet the head returned (back to draft) goes down; the member corrects and sends it
    again: the one status move a member makes reaches the head."""
    usb = tmp_path / "usb"
    head, h = head_with_bloc(tmp_path)
    member = open_office(tmp_path, *MEMBER, UnitKind.AGENCY)
    hs, ms = head.services, member.services
    m_unit = ms.units.children(None)[0].id
    down = hs.sync.export_bloc_down(BlocDownSelection(h["bloc"], recipient_unit_code="stc"),
                                    usb / "khoi_1").path
    trust_sender(member, down)
    ms.sync.import_package(down)
    [bloc] = ms.blocs.list()
    m = {c.code: c.id for c in ms.blocs.criteria.table(bloc.id).rows}
    ms.blocs.scores.set_scores(bloc.id, [ScoreEntry(m_unit, m["II.1"], SELF, "25")])
    ms.blocs.scores.transition(bloc.id, [m_unit], SheetStatus.SUBMITTED)
    up1 = ms.sync.export_bloc_up(BlocUpSelection(bloc.id), usb / "len_1").path
    member_uuid = trust_sender(head, up1).sender_installation_uuid
    hs.sync.import_package(up1)

    hs.blocs.scores.transition(h["bloc"], [h["stc"]], SheetStatus.DRAFT, "Thiếu tiêu chí II.2")
    ms.sync.import_package(hs.sync.export_bloc_down(BlocDownSelection(h["bloc"], member_uuid),
                                                    usb / "khoi_2").path)
    own = next(x for x in ms.blocs.members(bloc.id) if x.unit_id == m_unit)
    assert own.sheet_status is SheetStatus.DRAFT
    ms.blocs.scores.set_scores(bloc.id, [ScoreEntry(m_unit, m["II.2"], SELF, "14")])
    ms.blocs.scores.transition(bloc.id, [m_unit], SheetStatus.SUBMITTED)
    up2 = ms.sync.export_bloc_up(BlocUpSelection(bloc.id), usb / "len_2").path
    preview = hs.sync.preview(up2)
    assert preview.counts["bloc_score_sheets"] == {Action.UPDATE: 1}
    assert preview.counts["bloc_scores"] == {Action.NEW: 1, Action.UNCHANGED: 1}
    hs.sync.import_package(up2)
    grid = hs.blocs.scores.grid(h["bloc"])
    assert next(x for x in grid.sheets if x.unit_id == h["stc"]).status is SheetStatus.SUBMITTED
    assert grid.cell(h["II.2"], h["stc"]).self_score == D("14")


def test_same_cell_entered_on_both_sides_is_a_conflict(tmp_path: Path) -> None:
    """The head typed the member's sheet itself (on paper) before the member's package came:
    the same cell and sheet under other UUIDs are conflicts, never a failed insert; merging
    takes the member's content into the head's records."""
    usb = tmp_path / "usb"
    head, h = head_with_bloc(tmp_path)
    member = open_office(tmp_path, *MEMBER, UnitKind.AGENCY)
    hs, ms = head.services, member.services
    m_unit = ms.units.children(None)[0].id
    down = hs.sync.export_bloc_down(BlocDownSelection(h["bloc"], recipient_unit_code="STC"),
                                    usb / "khoi_1").path
    trust_sender(member, down)
    ms.sync.import_package(down)
    [bloc] = ms.blocs.list()
    m = {c.code: c.id for c in ms.blocs.criteria.table(bloc.id).rows}
    ms.blocs.scores.set_scores(bloc.id, [ScoreEntry(m_unit, m["II.1"], SELF, "25")])
    ms.blocs.scores.transition(bloc.id, [m_unit], SheetStatus.SUBMITTED)
    up = ms.sync.export_bloc_up(BlocUpSelection(bloc.id), usb / "len").path
    trust_sender(head, up)

    hs.blocs.scores.set_scores(h["bloc"], [ScoreEntry(h["stc"], h["II.1"], SELF, "20")])
    hs.blocs.scores.transition(h["bloc"], [h["stc"]], SheetStatus.SUBMITTED)
    preview = hs.sync.preview(up)
    conflicts = {i.entity: i for i in preview.conflicts}
    assert set(conflicts) == {"bloc_scores"}  # the sheet is the head's (made with the member)
    assert conflicts["bloc_scores"].options == (Resolution.MERGE, Resolution.SKIP)
    before = head.digest()
    with pytest.raises(ConflictError, match="xung đột"):
        hs.sync.import_package(up)
    assert head.digest() == before
    hs.sync.import_package(up, resolutions={f"{i.entity}:{i.uuid}": Resolution.MERGE
                                            for i in conflicts.values()})
    assert hs.blocs.scores.grid(h["bloc"]).cell(h["II.1"], h["stc"]).self_score == D("25")
    [cell] = _rows(head, BlocScore, unit_id=h["stc"])
    assert cell.owner_uuid == ms.sync.key_info().installation_uuid  # type: ignore[attr-defined]
    # the head's history of the sheet and the member's both stay
    assert len(hs.blocs.scores.history(h["bloc"], h["stc"])) == 2
    assert _rows(head, Unit, code="STC")
