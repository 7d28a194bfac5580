"""Emulation blocs through the services: blocs and members, the criteria tree, targets,
scoring with its workflow and locks, ranking, votes, proposals into a round, and the facts the
eligibility check reads from them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from bloc_world import (
    INDICATOR,
    TABLE,
    add_target,
    build_bloc_world,
    finish,
    make_units,
    score,
    score_everyone,
)

from desktop.domain.enums import (
    BlocKind,
    ConditionStatus,
    CriterionKind,
    EvidenceKind,
    Gender,
    MovementKind,
    NominationStatus,
    RoundKind,
    ScoreBasis,
    SheetStatus,
    TargetDirection,
    TargetFormula,
)
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.services import Services
from desktop.services.blocs.dto import (
    BlocInput,
    CriterionInput,
    MemberInput,
    ScoreEntry,
    Tier,
    UnitTargetInput,
    VoteInput,
)
from desktop.services.movements import MovementInput, TargetInput
from desktop.services.nominations import NominationInput, NominationQuery
from desktop.services.people import PersonInput
from desktop.services.records import Subject
from desktop.services.rounds import RoundInput

D = Decimal
SELF, REVIEWED = ScoreBasis.SELF, ScoreBasis.REVIEWED
M, T, B, P = (CriterionKind.MANUAL, CriterionKind.TARGET, CriterionKind.BONUS,
              CriterionKind.PENALTY)


@pytest.fixture
def world(services: Services) -> dict[str, int]:
    return build_bloc_world(services)



# -- blocs and members ----------------------------------------------------------------------------
def test_bloc_is_validated_listed_and_found_by_name(services: Services) -> None:
    ids = make_units(services)
    with pytest.raises(ValidationError) as caught:
        services.blocs.create(BlocInput("", "khoi-x", 1990, head_unit_id=ids["a"],
                                        deputy_unit_id=ids["a"], total_points="abc",
                                        flag_count=-1, tie_rules=("luck",)))
    messages = str(caught.value)
    for expected in ("Tên khối, cụm: không được để trống", "Loại (khối hoặc cụm): giá trị",
                     "Năm: năm 1990", "Đơn vị phó khối: phải khác đơn vị trưởng khối",
                     "Tổng điểm: “abc” không phải số", "Số đơn vị đề nghị Cờ thi đua: phải từ 0",
                     "Quy tắc phân định khi bằng điểm: quy tắc “luck” không có"):
        assert expected in messages, messages
    made = services.blocs.create(BlocInput("Cụm thi đua các xã biên giới", "Cụm thi đua", 2026,
                                           total_points=1000))
    assert made.kind is BlocKind.CLUSTER and made.total_points == D(1000)
    assert made.tie_rules == ("first_group", "fewer_penalty", "more_bonus")
    with pytest.raises(ValidationError, match="đã có"):
        services.blocs.create(BlocInput("cụm thi đua các xã biên giới", "cum", 2026))
    assert services.blocs.find("cum thi dua cac xa bien gioi").id == made.id
    assert services.blocs.find(f"#{made.id}").id == made.id
    with pytest.raises(NotFoundError):
        services.blocs.find("khối không có")
    assert [b.name for b in services.blocs.list(2026)] == ["Cụm thi đua các xã biên giới"]
    assert services.blocs.list(2025) == []


def test_members_with_women_share_typed_or_counted(services: Services,
                                                   world: dict[str, int]) -> None:
    for name, gender in (("Lò Thị Mai", Gender.FEMALE), ("Tòng Thị Hoa", Gender.FEMALE),
                         ("Vàng A Sử", Gender.MALE)):
        services.people.create(PersonInput(name, gender, world["c"]))
    services.blocs.update_member(world["bloc"], MemberInput(world["a"], "72,5"))
    rows = {m.unit_code: m for m in services.blocs.members(world["bloc"])}
    assert rows["SNV"].women_share_effective == D("72.5")
    assert rows["SNV"].women_share_source == "nhập cho khối"
    assert rows["SYT"].women_share_effective == D("66.67")
    assert rows["SYT"].women_share_source == "theo danh sách cá nhân của đơn vị"
    assert rows["STC"].women_share_effective is None
    assert all(m.sheet_status is SheetStatus.DRAFT for m in rows.values())
    with pytest.raises(ConflictError, match="đã là thành viên"):
        services.blocs.add_member(world["bloc"], MemberInput(world["a"]))
    with pytest.raises(ValidationError, match="phải từ 0 đến 100"):
        services.blocs.update_member(world["bloc"], MemberInput(world["a"], 120))
    order = services.blocs.move_member(world["bloc"], world["d"], 1)
    assert [m.unit_code for m in order] == ["STP", "SNV", "STC", "SYT"]
    services.blocs.remove_member(world["bloc"], world["d"])
    assert services.blocs.get(world["bloc"]).member_count == 3
    services.blocs.add_member(world["bloc"], MemberInput(world["d"]))  # rejoining revives
    assert services.blocs.get(world["bloc"]).member_count == 4


# -- criteria --------------------------------------------------------------------------------------
def test_criteria_tree_in_table_order_and_checked_as_a_whole(services: Services,
                                                             world: dict[str, int]) -> None:
    table = services.blocs.criteria.table(world["bloc"])
    assert table.is_valid and not table.locked
    assert [(r.code, r.depth, r.is_group) for r in table.rows[:3]] == [
        ("I", 0, True), ("I.1", 1, False), ("I.2", 1, False)]
    added = services.blocs.criteria.add(world["bloc"], CriterionInput(
        "II.3", "Công tác dân vận", 5, M, "II", position=1))
    assert added.position == 1 and added.parent_code == "II"
    table = services.blocs.criteria.table(world["bloc"])
    assert [r.code for r in table.rows if r.parent_code == "II"] == ["II.3", "II.1", "II.2"]
    assert [str(p) for p in table.problems] == [
        "Tiêu chí II: các tiêu chí con cộng lại 45 điểm, khác điểm tối đa của nhóm (40 điểm)"]
    services.blocs.criteria.update(added.id, CriterionInput("II.3", "Công tác dân vận", 5, M,
                                                            "II"))
    services.blocs.criteria.update(world["II.1"], CriterionInput(
        "II.1", "Xây dựng tổ chức Đảng trong sạch, vững mạnh", 20, M, "II"))
    assert services.blocs.criteria.table(world["bloc"]).is_valid
    assert services.blocs.criteria.delete(world["III"]) == 3  # with its two items


def test_a_node_is_refused_with_every_reason(services: Services, world: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.blocs.criteria.add(world["bloc"], CriterionInput(
            "I.9", "Chỉ tiêu giảm nghèo", "0", T, "I", cap=2))
    messages = str(caught.value)
    assert "điểm tối đa phải lớn hơn 0" in messages
    assert "mức trần chỉ dùng cho điểm thưởng, điểm trừ" in messages
    assert "tiêu chí theo chỉ tiêu phải ghi tên chỉ tiêu" in messages
    assert "phải chọn cách tính" in messages
    with pytest.raises(ValidationError) as caught:
        services.blocs.criteria.add(world["bloc"], CriterionInput("I.1", "Trùng mã", 1, B, "I"))
    assert "Tiêu chí I.1: mã đã có trong bảng" in str(caught.value)
    assert "là điểm thưởng, không đặt trong nhóm I (tiêu chí chấm điểm) được" in str(
        caught.value)
    with pytest.raises(ValidationError, match="nhóm con của chính nó"):
        services.blocs.criteria.update(world["I"], CriterionInput("I", "Nhóm I", 60, M, "I.1"))
    with pytest.raises(ValidationError, match="cách tính theo mức cần ít nhất một mức"):
        services.blocs.criteria.add(world["bloc"], CriterionInput(
            "I.3", "Giải ngân vốn đầu tư", 5, T, "I", formula=TargetFormula.TIERED,
            indicator="Giải ngân"))


def test_scores_protect_the_criteria_they_were_given_on(services: Services,
                                                        world: dict[str, int]) -> None:
    score(services, world, "a", I_1="38")
    with pytest.raises(ConflictError, match=r"đã có điểm ở tiêu chí I\.1"):
        services.blocs.criteria.delete(world["I"])
    with pytest.raises(ValidationError, match="đã có điểm 38 lớn hơn điểm tối đa mới 30"):
        services.blocs.criteria.update(world["I.1"], CriterionInput("I.1", "Kế hoạch", 30, M,
                                                                    "I"))
    with pytest.raises(ValidationError, match="đã có điểm nên không thêm tiêu chí con"):
        services.blocs.criteria.add(world["bloc"], CriterionInput("I.1.a", "Con", 5, M, "I.1"))
    with pytest.raises(ConflictError, match=r"bỏ các tiêu chí đã có điểm: I\.1"):
        services.blocs.criteria.replace_table(world["bloc"], [
            replace(c, code="I.1x") if c.code == "I.1" else c for c in TABLE])


def test_replace_table_keeps_matching_criteria_and_refuses_an_inconsistent_one(
        services: Services, world: dict[str, int]) -> None:
    before = {r.code: r.id for r in services.blocs.criteria.table(world["bloc"]).rows}
    renamed = [replace(c, name="Hoàn thành xuất sắc kế hoạch công tác năm")
               if c.code == "I.1" else c for c in TABLE]
    after = services.blocs.criteria.replace_table(world["bloc"], renamed)
    assert {r.code: r.id for r in after.rows} == before  # same rows, scores stay attached
    with pytest.raises(ValidationError) as caught:
        services.blocs.criteria.replace_table(world["bloc"], [*TABLE[:-1], CriterionInput("IV.2", "Có cán bộ bị kỷ luật", 9, P, "IV")])
    assert "Tiêu chí IV.2: điểm tối đa 9 vượt mức trần 5 của nhóm IV" in str(caught.value)
    assert services.blocs.criteria.table(world["bloc"]).rows[1].name.startswith(
        "Hoàn thành xuất sắc")


def test_next_year_starts_from_this_years_table_and_members(services: Services,
                                                            world: dict[str, int]) -> None:
    score(services, world, "a", I_1="38")
    nxt = services.blocs.start_next_year(world["bloc"])
    assert nxt.year == 2027 and nxt.name == "Khối các cơ quan tổng hợp năm 2027"
    assert nxt.head_unit_id is None and nxt.member_count == 4
    table = services.blocs.criteria.table(nxt.id)
    assert [r.code for r in table.rows] == [c.code for c in TABLE] and table.is_valid
    assert services.blocs.scores.grid(nxt.id).cell(table.rows[1].id, world["a"]).self_score \
        is None
    other = services.blocs.create(BlocInput("Khối mới", BlocKind.BLOC, 2026))
    copied = services.blocs.criteria.copy_table(world["bloc"], other.id)
    assert len(copied.rows) == len(TABLE)
    with pytest.raises(ConflictError, match="đã có bảng tiêu chí"):
        services.blocs.criteria.copy_table(world["bloc"], other.id)


# -- targets ---------------------------------------------------------------------------------------
def test_targets_and_movement_appendix_assignment(services: Services,
                                                  world: dict[str, int]) -> None:
    movement = services.movements.create(MovementInput(
        "Phong trào thi đua năm 2026", MovementKind.REGULAR, 2026, targets=[
            TargetInput(INDICATOR, "tỷ đồng", 3000),
            TargetInput("Số vụ tai nạn giao thông", "vụ", 60, TargetDirection.LOWER_BETTER)]))
    made = services.blocs.targets.assign_movement_targets(movement.id, [world["a"], world["b"]])
    assert len(made) == 4 and all(t.movement_target_id for t in made)
    assert services.blocs.targets.assign_movement_targets(movement.id, [world["a"]]) == []
    rows = services.blocs.targets.list(2026, world["a"])
    assert {r.indicator for r in rows} == {INDICATOR, "Số vụ tai nạn giao thông"}
    assert services.blocs.targets.head_targets_met(world["a"], 2026) is None
    for r in rows:
        services.blocs.targets.set_actual(r.id, 3100 if r.indicator == INDICATOR else 55)
    assert services.blocs.targets.head_targets_met(world["a"], 2026) is True
    accident = next(r for r in rows if r.direction is TargetDirection.LOWER_BETTER)
    updated = services.blocs.targets.set_actual(accident.id, 61)
    assert updated.achieved is False and updated.explanation.startswith("Không đạt: kế hoạch 60")
    assert services.blocs.targets.head_targets_met(world["a"], 2026) is False
    with pytest.raises(ValidationError, match="đã có chỉ tiêu"):
        services.blocs.targets.create(UnitTargetInput(world["a"], 2026, "thu ngan sach tren dia "
                                                      "ban"))
    assert services.blocs.targets.indicators(2026) == sorted(
        {INDICATOR, "Số vụ tai nạn giao thông"})


# -- scoring ---------------------------------------------------------------------------------------
def test_a_paste_is_refused_cell_by_cell_with_the_reason(services: Services,
                                                         world: dict[str, int]) -> None:
    b = world["bloc"]
    entries = [ScoreEntry(world["a"], world["I.1"], SELF, "41"),
               ScoreEntry(world["a"], world["II.1"], SELF, "abc"),
               ScoreEntry(world["a"], world["III.1"], SELF, "6,5"),
               ScoreEntry(world["a"], world["IV.1"], SELF, "-1"),
               ScoreEntry(world["a"], world["I.2"], SELF, "20"),
               ScoreEntry(world["a"], world["I"], SELF, "60"),
               ScoreEntry(world["a"], world["II.2"], SELF, "15"),
               ScoreEntry(world["a"], world["II.2"], REVIEWED, "14")]
    with pytest.raises(ValidationError) as caught:
        services.blocs.scores.set_scores(b, entries)
    problems = {p.label: p.message for p in caught.value.problems}
    assert problems == {
        "Tiêu chí I.1 (Sở Nội vụ, điểm tự chấm)": "điểm 41 vượt điểm tối đa 40",
        "Tiêu chí II.1 (Sở Nội vụ, điểm tự chấm)": "“abc” không phải số",
        "Tiêu chí III.1 (Sở Nội vụ, điểm tự chấm)": "điểm thưởng 6,5 vượt điểm tối đa 6",
        "Tiêu chí IV.1 (Sở Nội vụ, điểm tự chấm)":
            "nhập số điểm bị trừ là số dương (không có dấu trừ)",
        "Tiêu chí I.2 (Sở Nội vụ, điểm tự chấm)":
            f"tính tự động từ chỉ tiêu của đơn vị; hãy nhập số liệu thực hiện chỉ tiêu "
            f"“{INDICATOR}”",
        "Tiêu chí I (Sở Nội vụ, điểm tự chấm)":
            "là nhóm tiêu chí: điểm được cộng từ các tiêu chí con, không nhập trực tiếp",
        "Tiêu chí II.2 (Sở Nội vụ, điểm khối chấm)":
            "đơn vị chưa gửi bảng tự chấm: khối chấm sau khi đơn vị gửi",
    }
    assert caught.value.problems[0].field == f"{world['a']}:{world['I.1']}:self"
    assert services.blocs.scores.grid(b).cell(world["II.2"], world["a"]).self_score is None
    result = services.blocs.scores.set_scores(b, entries, partial=True)
    assert result.saved == 1 and len(result.problems) == 7
    assert services.blocs.scores.grid(b).cell(world["II.2"], world["a"]).self_score == D(15)


def test_workflow_edits_history_and_lock(services: Services, world: dict[str, int]) -> None:
    b, a = world["bloc"], world["a"]
    score(services, world, "a", I_1="38", II_1="24", II_2="15", III_1="6", III_2="6", IV_1="1")
    with pytest.raises(ValidationError, match=r"thiếu minh chứng cho tiêu chí I\.1"):
        services.blocs.scores.transition(b, [a], SheetStatus.SUBMITTED)
    services.blocs.scores.set_evidence(b, a, world["I.1"], "Báo cáo tổng kết số 12/BC-SNV")
    assert services.blocs.scores.transition(b, [a], "submitted", actor="Trưởng khối") == 1
    with pytest.raises(ValidationError, match="đơn vị chỉ tự chấm khi còn đang chấm"):
        score(services, world, "a", I_1="40")
    score(services, world, "a", REVIEWED, I_1="35")
    with pytest.raises(ValidationError, match="phải ghi rõ lý do"):
        services.blocs.scores.transition(b, [a], SheetStatus.DRAFT)
    services.blocs.scores.transition(b, [a], SheetStatus.REVIEWED)
    with pytest.raises(ValidationError, match="chuyển lại “Đã gửi khối” để chấm lại"):
        score(services, world, "a", REVIEWED, I_1="36")
    services.blocs.scores.transition(b, [a], SheetStatus.PUBLISHED)
    with pytest.raises(ValidationError, match="đã công bố \\(khóa\\)"):
        score(services, world, "a", REVIEWED, I_1="36")
    with pytest.raises(ConflictError, match="đã công bố"):
        services.blocs.scores.set_evidence(b, a, world["I.1"], "sửa")
    table = services.blocs.criteria.table(b)
    assert table.locked and "bảng tiêu chí bị khóa" in table.locked_reason
    with pytest.raises(ConflictError, match="bảng tiêu chí bị khóa"):
        services.blocs.criteria.add(b, CriterionInput("V", "Mới", 1, B))
    with pytest.raises(ConflictError, match="đã công bố kết quả"):
        services.blocs.delete(b)
    with pytest.raises(ConflictError, match="không đổi tổng điểm và quy tắc phân định"):
        services.blocs.update(b, BlocInput("Khối các cơ quan tổng hợp năm 2026", BlocKind.BLOC,
                                           2026, tie_rules=("more_votes",)))
    with pytest.raises(ConflictError, match="tỷ lệ nữ"):
        services.blocs.update_member(b, MemberInput(world["c"], 80))
    services.blocs.update(b, BlocInput("Khối các cơ quan tổng hợp tỉnh năm 2026", BlocKind.BLOC,
                                       2026))  # a new name is fine
    with pytest.raises(ValidationError, match="không thể chuyển từ “Đã công bố \\(khóa\\)” "
                                              "sang “Đã gửi khối”"):
        services.blocs.scores.transition(b, [a], SheetStatus.SUBMITTED)
    services.blocs.scores.transition(b, [a], SheetStatus.REVIEWED, "Sửa sai sót điểm I.1")
    history = services.blocs.scores.history(b, a)
    assert [(e.from_status, e.to_status) for e in history] == [
        (SheetStatus.DRAFT, SheetStatus.SUBMITTED), (SheetStatus.SUBMITTED, SheetStatus.REVIEWED),
        (SheetStatus.REVIEWED, SheetStatus.PUBLISHED),
        (SheetStatus.PUBLISHED, SheetStatus.REVIEWED)]
    assert history[0].actor == "Trưởng khối" and history[-1].note == "Sửa sai sót điểm I.1"
    grid = services.blocs.scores.grid(b)
    sheet = next(x for x in grid.sheets if x.unit_id == a)
    # 38 + 24 + 15, bonus 6 + 6 capped at 10, penalty 1; the bloc re-scored I.1 as 35
    assert (sheet.self_total, sheet.reviewed_total) == (D(86), D(83))
    assert not sheet.can_edit_self and not sheet.can_edit_reviewed


def test_a_transition_moves_all_or_none(services: Services, world: dict[str, int]) -> None:
    b = world["bloc"]
    with pytest.raises(ValidationError) as caught:
        services.blocs.scores.transition(b, [world["a"], world["b"]], SheetStatus.REVIEWED)
    assert len(caught.value.problems) == 2
    assert {p.label for p in caught.value.problems} == {"Sở Nội vụ", "Sở Tài chính"}
    assert services.blocs.scores.transition(b, [world["a"], world["b"]], "Đã gửi khối") == 2


def test_target_criteria_are_computed_and_explained(services: Services,
                                                    world: dict[str, int]) -> None:
    add_target(services, world, "a", 2000, 1500)
    add_target(services, world, "b", 2000, None)
    grid = services.blocs.scores.grid(world["bloc"])
    cell = grid.cell(world["I.2"], world["a"])
    assert cell.computed and cell.self_score == cell.reviewed_score == D(15)
    assert "kế hoạch 2.000 tỷ đồng, thực hiện 1.500 tỷ đồng" in cell.explanation
    assert grid.cell(world["I.2"], world["b"]).self_score is None
    assert "chưa có số thực hiện" in grid.cell(world["I.2"], world["b"]).explanation
    assert "Chưa có kế hoạch" in grid.cell(world["I.2"], world["c"]).explanation


def test_attachments_are_kept_by_content(services: Services, world: dict[str, int],
                                         tmp_path: Path) -> None:
    proof = tmp_path / "bien-ban.pdf"
    proof.write_bytes(b"%PDF-1.4 minh chung")
    row = services.blocs.scores.attach(world["bloc"], world["a"], world["I.1"], proof, "Biên bản")
    assert services.blocs.scores.attachments(world["bloc"], world["a"], world["I.1"]) == [row]
    assert services.blocs.scores.grid(world["bloc"]).cell(world["I.1"],
                                                          world["a"]).attachment_count == 1
    score(services, world, "a", I_1="40")
    services.blocs.scores.transition(world["bloc"], [world["a"]], SheetStatus.SUBMITTED)
    services.blocs.scores.remove_attachment(row.id)
    assert services.blocs.scores.attachments(world["bloc"], world["a"], world["I.1"]) == []


# -- ranking, votes, proposals -------------------------------------------------------------------
def test_ranking_from_the_database_with_the_legal_tie_break(services: Services,
                                                            world: dict[str, int]) -> None:
    score_everyone(services, world)
    services.blocs.update_member(world["bloc"], MemberInput(world["c"], 75))
    ranking = services.blocs.scores.ranking(world["bloc"], SELF)
    assert [(r.rank, r.unit_name, r.total) for r in ranking.rows] == [
        (1, "Sở Tài chính", D(100)), (2, "Sở Y tế", D(99)), (3, "Sở Nội vụ", D(99)),
        (4, "Sở Tư pháp", D(70))]
    assert ranking.rows[1].women_priority and "70% nữ" in ranking.rows[1].tie_note
    assert not ranking.complete and len(ranking.pending_units) == 4
    score(services, world, "b", REVIEWED, I_1="35")
    reviewed = services.blocs.scores.ranking(world["bloc"])
    assert reviewed.basis is REVIEWED
    assert [r.unit_name for r in reviewed.rows][:3] == ["Sở Y tế", "Sở Nội vụ", "Sở Tài chính"]
    group = reviewed.rows[0].groups[0]
    assert (group.code, group.points) == ("I", D(56))


def test_votes_are_recorded_and_checked(services: Services, world: dict[str, int]) -> None:
    b = world["bloc"]
    with pytest.raises(ValidationError) as caught:
        services.blocs.scores.record_vote(b, VoteInput(world["root"], 9, 4))
    assert "không phải thành viên" in str(caught.value) and "Số phiếu đồng ý" in str(
        caught.value)
    services.blocs.scores.record_vote(b, VoteInput(world["a"], 3, 4, date(2026, 12, 1)))
    row = services.blocs.scores.record_vote(b, VoteInput(world["a"], 4, 4, date(2026, 12, 1)))
    assert services.blocs.scores.votes(b) == [row] and row.share == D(100)


def _round(services: Services, year: int = 2026) -> int:
    return services.rounds.create(RoundInput(f"Xét khen thưởng tổng kết năm {year}", year,
                                             RoundKind.YEAR_END)).id


def test_proposals_create_nominations_once_with_the_score_evidence(
        services: Services, world: dict[str, int]) -> None:
    round_id = _round(services)
    with pytest.raises(ConflictError, match="chưa chấm xong bảng điểm của Sở Nội vụ"):
        services.blocs.proposals.propose(world["bloc"], round_id)
    finish(services, world)
    services.blocs.update(world["bloc"], replace(
        BlocInput("Khối các cơ quan tổng hợp năm 2026", BlocKind.BLOC, 2026, world["root"],
                  world["a"], world["b"]), merit_count=1))
    preview = services.blocs.proposals.propose(world["bloc"], round_id, dry_run=True)
    assert [(x.unit_name, x.award_code, x.outcome) for x in preview.lines] == [
        ("Sở Tài chính", "CO_TD_TINH", "created"), ("Sở Nội vụ", "BK_TINH", "created")]
    assert services.nominations.count(NominationQuery(round_id)) == 0
    result = services.blocs.proposals.propose(world["bloc"], round_id, merit_count=2)
    assert result.created == 3
    rows = services.nominations.page(NominationQuery(round_id, sort="award"))
    assert {(r.subject_name, r.award_code) for r in rows} == {
        ("Sở Tài chính", "CO_TD_TINH"), ("Sở Nội vụ", "BK_TINH"), ("Sở Y tế", "BK_TINH")}
    flag = next(r for r in rows if r.award_code == "CO_TD_TINH")
    assert flag.status is NominationStatus.DRAFT and flag.proposing_unit_id == world["a"]
    assert flag.achievement_summary.startswith(
        "Khối thi đua “Khối các cơ quan tổng hợp năm 2026” năm 2026: xếp thứ 1/4 với 100/100 "
        "điểm khối chấm (nhóm I: 58; nhóm II: 40; điểm thưởng III: 2; điểm trừ IV: 0).")
    evidence = services.nominations.evidence(flag.id)
    assert [e.kind for e in evidence] == [EvidenceKind.BLOC_SCORE]
    again = services.blocs.proposals.propose(world["bloc"], round_id, merit_count=2)
    assert {x.outcome for x in again.lines} == {"unchanged"} and again.created == 0
    assert services.nominations.count(NominationQuery(round_id)) == 3
    assert len(services.nominations.evidence(flag.id)) == 1
    fewer = services.blocs.proposals.propose(world["bloc"], round_id, merit_count=1)
    assert [(x.unit_name, x.outcome) for x in fewer.lines][-1] == ("Sở Y tế", "not_selected")
    services.blocs.update(world["bloc"], BlocInput(  # without rules Nội vụ and Y tế stay level
        "Khối các cơ quan tổng hợp năm 2026", BlocKind.BLOC, 2026, tie_rules=()))
    with pytest.raises(ConflictError, match="Sở Nội vụ, Sở Y tế đồng hạng 2, nên số đơn vị đề "
                                            "nghị Bằng khen vượt 2"):
        services.blocs.proposals.propose(world["bloc"], round_id, merit_count=1)


def test_proposals_refuse_a_round_of_another_year(services: Services,
                                                  world: dict[str, int]) -> None:
    finish(services, world)
    with pytest.raises(ConflictError, match="chỉ đề nghị vào đợt xét năm 2026"):
        services.blocs.proposals.propose(world["bloc"], _round(services, 2025))


def test_eligibility_reads_the_bloc_rank_and_the_heads_targets(
        services: Services, world: dict[str, int]) -> None:
    round_id = _round(services)
    movement = services.movements.create(MovementInput(
        "Phong trào 2026", MovementKind.REGULAR, 2026, head_target_rule=True,
        targets=[TargetInput(INDICATOR, "tỷ đồng", 2000)]))
    services.rounds.update(round_id, RoundInput("Xét khen thưởng tổng kết năm 2026", 2026,
                                                RoundKind.YEAR_END, movement.id))
    head = services.people.create(PersonInput("Lò Văn Đức", Gender.MALE, world["b"],
                                              is_unit_head=True)).id
    add = services.nominations.create
    flag_b = add(NominationInput(round_id, Subject(unit_id=world["b"]), "CO_TD_TINH")).id
    flag_a = add(NominationInput(round_id, Subject(unit_id=world["a"]), "CO_TD_TINH")).id
    person = add(NominationInput(round_id, Subject(person_id=head), "BK_TINH")).id

    def condition(nomination_id: int, code: str) -> ConditionStatus:
        result = services.eligibility.check(round_id, nomination_id)
        return next(c for c in result.conditions if c.code == code).status

    assert condition(flag_b, "bloc_leader") is ConditionStatus.CHECK
    assert condition(person, "head_targets") is ConditionStatus.CHECK
    finish(services, world)  # unit b leads with 100 points and has its target figures
    assert condition(flag_b, "bloc_leader") is ConditionStatus.MET
    assert condition(flag_a, "bloc_leader") is ConditionStatus.NOT_MET
    assert condition(person, "head_targets") is ConditionStatus.NOT_MET  # 1,800 of 2,000
    target = services.blocs.targets.list(2026, world["b"])[0]
    services.blocs.targets.set_actual(target.id, 2050)
    assert condition(person, "head_targets") is ConditionStatus.MET


def test_tiers_as_data_survive_storage(services: Services, world: dict[str, int]) -> None:
    row = services.blocs.criteria.add(world["bloc"], CriterionInput(
        "III.3", "Giải ngân vốn đầu tư công", 5, B, "III"))
    assert row.kind is B
    tiered = services.blocs.criteria.update(world["I.2"], CriterionInput(
        "I.2", INDICATOR, 20, T, "I", formula=TargetFormula.TIERED,
        tiers=(Tier(D(100), D(20)), Tier(D("90.5"), D(15))), indicator=INDICATOR))
    assert tiered.tiers == (Tier(D(100), D(20)), Tier(D("90.5"), D(15)))
    add_target(services, world, "a", 100, 91)
    assert services.blocs.scores.grid(world["bloc"]).cell(world["I.2"],
                                                          world["a"]).self_score == D(15)
