"""Bloc scoring rules as pure functions: target formulas, caps, parent/child sums, score
validation, totals, ties and ranking (no database)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from desktop.domain.enums import CriterionKind, TargetDirection, TargetFormula
from desktop.services.blocs.dto import Tier
from desktop.services.blocs.formulas import (
    completion_percent,
    format_tiers,
    parse_tiers,
    target_met,
    target_points,
)
from desktop.services.blocs.points import fmt_points, to_points
from desktop.services.blocs.ranking import (
    ScoringPlan,
    UnitScores,
    rank_units,
    tie_rule_problem,
)
from desktop.services.blocs.tree import ancestors, check_table, score_problem

D = Decimal
M, T, B, P = (CriterionKind.MANUAL, CriterionKind.TARGET, CriterionKind.BONUS,
              CriterionKind.PENALTY)
HIGHER, LOWER = TargetDirection.HIGHER_BETTER, TargetDirection.LOWER_BETTER


@dataclass(frozen=True)
class Node:
    code: str
    max_points: Decimal
    kind: CriterionKind = M
    parent_code: str = ""
    cap: Decimal | None = None
    formula: TargetFormula | None = None
    direction: TargetDirection = HIGHER
    tiers: tuple[Tier, ...] = ()
    indicator: str = ""
    name: str = ""


def n(code: str, points: int | str, kind: CriterionKind = M, parent: str = "", **kw: object
      ) -> Node:
    return Node(code, D(str(points)), kind, parent, **kw)  # type: ignore[arg-type]


TABLE = [
    n("I", 60, name="Thực hiện nhiệm vụ chính trị"),
    n("I.1", 40, parent="I"), n("I.2", 20, T, "I", formula=TargetFormula.PROPORTIONAL,
                                indicator="Thu ngân sách"),
    n("II", 40, name="Công tác xây dựng Đảng, đoàn thể"),
    n("II.1", 25, parent="II"), n("II.2", 15, parent="II"),
    n("III", 10, B, name="Điểm thưởng"), n("III.1", 6, B, "III"), n("III.2", 6, B, "III"),
    n("IV", 5, P, name="Điểm trừ"), n("IV.1", 3, P, "IV"), n("IV.2", 3, P, "IV"),
]


# -- points -------------------------------------------------------------------------------------
def test_points_are_read_the_vietnamese_way_and_kept_exact() -> None:
    assert to_points("9,5") == D("9.50") and to_points(" 10 ") == D(10)
    assert to_points(0.1) + to_points(0.2) == to_points("0,3")
    assert fmt_points(D("9.50")) == "9,5" and fmt_points(D("1000")) == "1.000"
    for bad, reason in (("abc", "không phải số"), ("9,555", "quá 2 chữ số"),
                        ("1.000,5", "dấu phẩy"), ("", "chưa nhập")):
        with pytest.raises(ValueError, match=reason):
            to_points(bad)


# -- formulas -----------------------------------------------------------------------------------
def _target(formula: TargetFormula, direction: TargetDirection = HIGHER,
            tiers: tuple[Tier, ...] = ()) -> Node:
    return Node("I.2", D(10), T, "I", formula=formula, direction=direction, tiers=tiers,
                indicator="Thu ngân sách")


def test_proportional_formula_is_capped_at_the_full_plan_and_explains_itself() -> None:
    rule = _target(TargetFormula.PROPORTIONAL)
    half = target_points(rule, 2000, 1500, "tỷ đồng")
    assert half.points == D("7.50")
    assert "kế hoạch 2.000 tỷ đồng, thực hiện 1.500 tỷ đồng" in half.explanation
    assert "75%" in half.explanation and "7,5 điểm" in half.explanation
    assert target_points(rule, 2000, 2600).points == D(10)  # 130% counts as 100%
    assert target_points(rule, 3, 1).points == D("3.33")  # rounded half up, 2 places


def test_lower_is_better_inverts_the_ratio() -> None:
    rule = _target(TargetFormula.PROPORTIONAL, LOWER)
    assert completion_percent(60, 75, LOWER) == D(80)
    assert target_points(rule, 60, 75).points == D(8)
    assert target_points(rule, 60, 30).points == D(10)
    assert target_points(rule, 60, 0).points == D(10)  # no accident at all cannot be beaten
    assert target_met(15.5, 16.0, LOWER) is False and target_met(15.5, 15.5, LOWER) is True


def test_pass_fail_and_tiered_formulas() -> None:
    passfail = _target(TargetFormula.PASS_FAIL)
    assert target_points(passfail, 100, 100).points == D(10)
    assert target_points(passfail, 100, 99.9).points == D(0)
    assert "không đạt chỉ tiêu" in target_points(passfail, 100, 99.9).explanation
    tiers = parse_tiers("100:10; 90:8; 80%:5")
    assert format_tiers(tiers) == "100:10; 90:8; 80:5"
    tiered = _target(TargetFormula.TIERED, tiers=tiers)
    assert target_points(tiered, 100, 120).points == D(10)
    assert target_points(tiered, 100, 95).points == D(8)
    assert target_points(tiered, 100, 80).points == D(5)
    below = target_points(tiered, 100, 79)
    assert below.points == D(0) and "chưa đạt mức thấp nhất" in below.explanation
    with pytest.raises(ValueError, match="dạng"):
        parse_tiers("100-10")


def test_missing_figures_give_no_points_and_say_why() -> None:
    rule = _target(TargetFormula.PROPORTIONAL)
    assert target_points(rule, None, 5).points is None
    missing = target_points(rule, 100, None)
    assert missing.points is None and "chưa có số thực hiện" in missing.explanation


# -- the table ----------------------------------------------------------------------------------
def test_a_consistent_table_has_no_problems() -> None:
    assert check_table(TABLE, D(100)) == []


def test_children_must_add_up_to_their_parent_and_groups_to_the_total() -> None:
    table = [replace(x, max_points=D(30)) if x.code == "II.1" else x for x in TABLE]
    messages = [str(p) for p in check_table(table, D(100))]
    assert any("Tiêu chí II: các tiêu chí con cộng lại 45 điểm, khác điểm tối đa của nhóm "
               "(40 điểm)" in m for m in messages), messages
    assert any("khác tổng điểm của khối (1.000 điểm)" in str(p)
               for p in check_table(TABLE, D(1000)))


def test_bonus_items_may_add_up_beyond_the_cap_but_each_stays_within_it() -> None:
    assert check_table(TABLE, D(100)) == []  # 6 + 6 > 10 is fine: the group counts 10 at most
    table = [*TABLE, n("III.3", 12, B, "III")]
    assert [str(p) for p in check_table(table, D(100))] == [
        "Tiêu chí III.3: điểm tối đa 12 vượt mức trần 10 của nhóm III"]


def test_sections_kinds_and_target_settings_are_checked() -> None:
    table = [*TABLE, n("I.3", 1, B, "I"), n("V", 5, T), n("II.2.a", 15, parent="II.2"), n("X", 1, parent="nowhere"), Node("I.1", D(1))]
    messages = [str(p) for p in check_table(table, D(100))]
    assert "Tiêu chí I.3: là điểm thưởng nhưng nằm trong nhóm I (tiêu chí chấm điểm)" in messages
    assert any(m.startswith("Tiêu chí V: tiêu chí theo chỉ tiêu phải ghi tên chỉ tiêu")
               for m in messages)
    assert any("Tiêu chí V: tiêu chí theo chỉ tiêu phải chọn cách tính" in m for m in messages)
    assert "Tiêu chí X: không có nhóm cha mã “nowhere”" in messages
    assert "Tiêu chí I.1: mã bị trùng" in messages
    capped = [replace(x, cap=D(5)) if x.code == "I" else x for x in TABLE]
    assert "Tiêu chí I: mức trần chỉ dùng cho điểm thưởng, điểm trừ" in [
        str(p) for p in check_table(capped, D(100))]


# -- a single score -----------------------------------------------------------------------------
def test_score_validation_names_the_reason() -> None:
    by_code = {x.code: x for x in TABLE}
    leaf, bonus, penalty = by_code["I.1"], by_code["III.1"], by_code["IV.1"]
    assert score_problem(leaf, D(40), False) is None
    assert score_problem(leaf, D("40.5"), False) == "điểm 40,5 vượt điểm tối đa 40"
    assert score_problem(leaf, D(-1), False) == "điểm -1 không được âm"
    assert score_problem(by_code["I"], D(1), True).startswith("là nhóm tiêu chí")
    assert "tính tự động từ chỉ tiêu" in score_problem(by_code["I.2"], D(1), False)
    assert score_problem(penalty, D(-2), False).startswith("nhập số điểm bị trừ là số dương")
    assert score_problem(bonus, D(7), False) == "điểm thưởng 7 vượt điểm tối đa 6"
    tight = replace(by_code["III"], cap=D(4))
    assert score_problem(bonus, D(5), False, [tight]) == \
        "điểm thưởng 5 vượt mức trần 4 của nhóm III"
    assert ancestors(by_code["III.1"], by_code) == [by_code["III"]]


# -- totals and ranking -------------------------------------------------------------------------
def _unit(uid: int, name: str, women: str | None = None, votes: int | None = None,
          **scores: str) -> UnitScores:
    return UnitScores(uid, name, {k.replace("_", "."): D(v) for k, v in scores.items()},
                      D(women) if women is not None else None, votes)


def test_totals_add_scored_criteria_and_capped_bonus_minus_capped_penalty() -> None:
    plan = ScoringPlan(TABLE)
    t = plan.totals(_unit(1, "A", I_1="38", I_2="20", II_1="25", II_2="10", III_1="6",
                          III_2="6", IV_1="3", IV_2="3"))
    assert (t.base, t.bonus, t.penalty, t.total) == (D(93), D(10), D(5), D(98))
    assert t.groups == (D(58), D(35), D(10), D(5))
    empty = plan.totals(_unit(2, "B"))
    assert empty.total == D(0) and empty.groups == (D(0),) * 4


def test_ranking_by_total_then_women_first_then_configured_rules() -> None:
    units = [
        _unit(1, "Sở A", "40", I_1="30", II_1="20"),               # 50
        _unit(2, "Sở B", "75", I_1="20", II_1="30"),               # 50, ≥70% women
        _unit(3, "Sở C", "40", I_1="35", II_1="25"),               # 60
        _unit(4, "Sở D", None, I_1="25", II_1="25"),               # 50, share unknown
    ]
    rows, problems = rank_units(TABLE, units, ["first_group", "fewer_penalty"])
    assert problems == []
    assert [(r.rank, r.unit_name) for r in rows] == [(1, "Sở C"), (2, "Sở B"), (3, "Sở A"),
                                                     (4, "Sở D")]
    notes = {r.unit_name: r.tie_note for r in rows}
    assert notes["Sở C"] == ""
    assert notes["Sở B"].startswith("Bằng điểm với Sở A; xếp trên vì có từ 70% nữ trở lên "
                                    "(Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6)")
    assert notes["Sở A"].startswith("Bằng điểm với Sở B; xếp sau vì Sở B có từ 70% nữ")
    assert notes["Sở D"].startswith("Bằng điểm với Sở A; xếp sau vì Sở A điểm nhóm I cao hơn "
                                    "(30 so với 25)")
    assert "chưa có tỷ lệ nữ của: Sở D" in notes["Sở D"]
    assert next(r for r in rows if r.unit_name == "Sở B").women_priority


def test_women_rule_comes_before_the_configured_rules() -> None:
    units = [_unit(1, "A", "50", I_1="40", II_1="10"), _unit(2, "B", "70", I_1="10", II_1="40")]
    rows, _ = rank_units(TABLE, units, ["first_group"])
    assert [r.unit_name for r in rows] == ["B", "A"]  # 70% is enough; group I would favour A


def test_fewer_penalty_more_bonus_and_votes_as_configured() -> None:
    a = _unit(1, "A", I_1="40", III_1="2", IV_1="1")         # 41
    b = _unit(2, "B", I_1="41", votes=7)                      # 41
    rows, _ = rank_units(TABLE, [a, b], ["fewer_penalty"])
    assert [r.unit_name for r in rows] == ["B", "A"]
    rows, _ = rank_units(TABLE, [a, b], ["more_bonus", "fewer_penalty"])
    assert [r.unit_name for r in rows] == ["A", "B"]
    assert rows[1].tie_note == "Bằng điểm với A; xếp sau vì A nhiều điểm thưởng hơn (2 so với 0)" \
        " (chưa có tỷ lệ nữ của: A, B)"
    rows, _ = rank_units(TABLE, [a, replace(b, votes=None), replace(a, unit_id=3, name="C",
                                                                    votes=5)], ["more_votes"])
    assert [(r.rank, r.unit_name) for r in rows] == [(1, "C"), (2, "A"), (2, "B")]


def test_still_tied_units_share_a_rank_and_the_next_rank_is_skipped() -> None:
    units = [_unit(1, "A", I_1="30"), _unit(2, "B", I_1="30"), _unit(3, "C", I_1="20")]
    rows, _ = rank_units(TABLE, units, [])
    assert [(r.rank, r.unit_name) for r in rows] == [(1, "A"), (1, "B"), (3, "C")]
    assert rows[0].tie_note.startswith("Đồng hạng với B: bằng 30 điểm")


def test_unknown_tie_rules_are_reported_and_skipped() -> None:
    assert tie_rule_problem("more_bonus") is None and tie_rule_problem("group:II") is None
    assert "không có" in (tie_rule_problem("luck") or "")
    rows, problems = rank_units(TABLE, [_unit(1, "A")], ["group:IX", "luck"])
    assert len(rows) == 1 and len(problems) == 2
    assert "bảng không có nhóm này" in problems[0]


def test_group_rule_on_a_named_group() -> None:
    a, b = _unit(1, "A", I_1="30", II_1="10"), _unit(2, "B", I_1="20", II_1="20")
    rows, _ = rank_units(TABLE, [a, b], ["group:II"])
    assert [r.unit_name for r in rows] == ["B", "A"]
    assert rows[0].groups[1].code == "II" and rows[0].groups[1].points == D(20)
