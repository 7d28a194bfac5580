"""A bloc for tests: four provincial departments in a 2026 bloc with a 100-point criteria table
(scored, target-based, bonus and penalty criteria), and helpers to score, target and finish it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.domain.enums import (
    BlocKind,
    CriterionKind,
    ScoreBasis,
    SheetStatus,
    TargetFormula,
    UnitKind,
)
from desktop.services import Services
from desktop.services.blocs.dto import (
    BlocInput,
    CriterionInput,
    MemberInput,
    ScoreEntry,
    UnitTargetInput,
)
from desktop.services.units import UnitInput

D = Decimal
SELF, REVIEWED = ScoreBasis.SELF, ScoreBasis.REVIEWED
M, T, B, P = (CriterionKind.MANUAL, CriterionKind.TARGET, CriterionKind.BONUS,
              CriterionKind.PENALTY)
INDICATOR = "Thu ngân sách trên địa bàn"

TABLE = [
    CriterionInput("I", "Thực hiện nhiệm vụ chính trị, chuyên môn", 60),
    CriterionInput("I.1", "Hoàn thành kế hoạch công tác năm", 40, M, "I",
                   evidence_required=True),
    CriterionInput("I.2", INDICATOR, 20, T, "I", formula=TargetFormula.PROPORTIONAL,
                   indicator=INDICATOR),
    CriterionInput("II", "Công tác xây dựng Đảng, đoàn thể", 40),
    CriterionInput("II.1", "Xây dựng tổ chức Đảng trong sạch, vững mạnh", 25, M, "II"),
    CriterionInput("II.2", "Hoạt động công đoàn, đoàn thanh niên", 15, M, "II"),
    CriterionInput("III", "Điểm thưởng", 10, B),
    CriterionInput("III.1", "Mô hình mới, cách làm hay được nhân rộng", 6, B, "III"),
    CriterionInput("III.2", "Được Bộ, ngành Trung ương khen thưởng", 6, B, "III"),
    CriterionInput("IV", "Điểm trừ", 5, P),
    CriterionInput("IV.1", "Chậm gửi báo cáo", 3, P, "IV"),
    CriterionInput("IV.2", "Có cán bộ bị kỷ luật", 3, P, "IV"),
]


def make_units(services: Services) -> dict[str, int]:
    root = services.units.children(None)[0].id
    ids = {"root": root}
    for key, name, code in (("a", "Sở Nội vụ", "SNV"), ("b", "Sở Tài chính", "STC"),
                            ("c", "Sở Y tế", "SYT"), ("d", "Sở Tư pháp", "STP")):
        ids[key] = services.units.create(UnitInput(name, code, UnitKind.AGENCY, root)).id
    return ids


def build_bloc_world(services: Services) -> dict[str, int]:
    """Unit ids by key ("a"…"d", "root"), "bloc", and criterion ids by code."""
    ids = make_units(services)
    bloc = services.blocs.create(BlocInput(
        "Khối các cơ quan tổng hợp năm 2026", BlocKind.BLOC, 2026, ids["root"], ids["a"],
        ids["b"], date(2026, 3, 10), "Ký giao ước tại Sở Nội vụ"))
    ids["bloc"] = bloc.id
    for key in "abcd":
        services.blocs.add_member(bloc.id, MemberInput(ids[key]))
    services.blocs.criteria.replace_table(bloc.id, TABLE)
    ids.update({c.code: c.id for c in services.blocs.criteria.table(bloc.id).rows})
    return ids


def score(services: Services, world: dict[str, int], unit: str, which: ScoreBasis = SELF,
          **scores: str) -> None:
    services.blocs.scores.set_scores(world["bloc"], [
        ScoreEntry(world[unit], world[code.replace("_", ".")], which, value)
        for code, value in scores.items()])


def add_target(services: Services, world: dict[str, int], unit: str, planned: float,
               actual: float | None) -> int:
    return services.blocs.targets.create(UnitTargetInput(
        world[unit], 2026, INDICATOR, "tỷ đồng", planned, actual)).id


def score_everyone(services: Services, world: dict[str, int]) -> None:
    """Self-scores and targets of all four (b 100, a 99, c 99, d 70), sheets sent."""
    for unit, planned, actual in (("a", 2000, 2100), ("b", 2000, 1800), ("c", 2000, 2000),
                                  ("d", 2000, 1000)):
        add_target(services, world, unit, planned, actual)
    score(services, world, "a", I_1="38", II_1="24", II_2="15", III_1="3", IV_1="1")  # 99
    score(services, world, "b", I_1="40", II_1="25", II_2="15", III_1="2")            # 100
    score(services, world, "c", I_1="36", II_1="25", II_2="15", III_1="4", IV_1="1")  # 99
    score(services, world, "d", I_1="30", II_1="20", II_2="10")                       # 70
    for unit in "abcd":
        services.blocs.scores.set_evidence(world["bloc"], world[unit], world["I.1"], "Báo cáo")
    units = [world[u] for u in "abcd"]
    services.blocs.scores.transition(world["bloc"], units, SheetStatus.SUBMITTED)


def finish(services: Services, world: dict[str, int]) -> None:
    """Everyone scored, sent and reviewed: the ranking is final."""
    score_everyone(services, world)
    services.blocs.scores.transition(world["bloc"], [world[u] for u in "abcd"],
                                     SheetStatus.REVIEWED)
