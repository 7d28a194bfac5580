"""Emulation blocs for the demo database: a bloc of provincial departments and a cluster of
schools for 2026, each with a criteria table (scored, target-based, bonus and penalty
criteria), members' targets, self and reviewed scores with evidence notes, sheets at
different steps of the workflow, and the cluster's vote — so the bloc screens have something
true to show. Written inside the demo build's transaction; synthetic, and says so."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from desktop.domain.enums import BlocKind, CriterionKind, ScoreBasis, SheetStatus, TargetFormula
from desktop.models import (
    Bloc,
    BlocMember,
    BlocScore,
    BlocScoreSheet,
    BlocSheetEvent,
    BlocVote,
    Criterion,
    UnitTarget,
)
from desktop.services.blocs.loading import load_bloc

YEAR = 2026
MAX_MEMBERS = 8
ACTOR = "dữ liệu mẫu"
SYNTH = "Dữ liệu mô phỏng để minh họa."
M, T, B, P = (CriterionKind.MANUAL, CriterionKind.TARGET, CriterionKind.BONUS,
              CriterionKind.PENALTY)


@dataclass(frozen=True)
class _C:
    code: str
    name: str
    points: int
    kind: CriterionKind = M
    formula: TargetFormula | None = None
    indicator: str = ""
    direction: str = "higher"
    tiers: tuple[tuple[int, int], ...] = ()
    evidence: bool = False


@dataclass(frozen=True)
class _Target:
    indicator: str
    measure_unit: str
    planned: float
    low: float
    high: float
    direction: str = "higher"
    whole: bool = False


ONLINE = "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình"
DISBURSED = "Tỷ lệ giải ngân vốn đầu tư công được giao"
OVERDUE = "Số hồ sơ thủ tục hành chính quá hạn"
AGENCY_TABLE = (
    _C("I", "Thực hiện nhiệm vụ chính trị, chuyên môn", 50),
    _C("I.1", "Hoàn thành các nhiệm vụ, chỉ tiêu kế hoạch công tác năm", 20, evidence=True),
    _C("I.2", "Thực hiện các nhiệm vụ đột xuất được giao", 10),
    _C("I.3", ONLINE, 10, T, TargetFormula.PROPORTIONAL, ONLINE),
    _C("I.4", DISBURSED, 10, T, TargetFormula.TIERED, DISBURSED,
       tiers=((100, 10), (90, 8), (80, 6), (70, 4))),
    _C("II", "Công tác xây dựng Đảng, chính quyền, đoàn thể", 30),
    _C("II.1", "Xây dựng tổ chức đảng trong sạch, vững mạnh", 10),
    _C("II.2", "Cải cách hành chính, chuyển đổi số", 10),
    _C("II.2.a", "Chỉ số cải cách hành chính (PAR Index) của cơ quan", 5),
    _C("II.2.b", "Không để hồ sơ thủ tục hành chính quá hạn", 5, T, TargetFormula.PASS_FAIL,
       OVERDUE, "lower"),
    _C("II.3", "Phòng, chống tham nhũng, lãng phí; thực hành tiết kiệm", 5),
    _C("II.4", "Hoạt động của công đoàn, đoàn thanh niên, hội phụ nữ", 5),
    _C("III", "Công tác thi đua, khen thưởng", 20),
    _C("III.1", "Ký giao ước, đăng ký thi đua đúng hạn", 5),
    _C("III.2", "Tổ chức phong trào thi đua; sơ kết, tổng kết, nhân rộng điển hình", 10,
       evidence=True),
    _C("III.3", "Báo cáo thi đua, khen thưởng đúng hạn, đúng nội dung", 5),
    _C("IV", "Điểm thưởng (tối đa 10 điểm)", 10, B),
    _C("IV.1", "Mô hình mới, cách làm hay được cấp có thẩm quyền công nhận", 5, B),
    _C("IV.2", "Được Trung ương khen thưởng đột xuất", 5, B),
    _C("IV.3", "Dẫn đầu Chỉ số cải cách hành chính của tỉnh", 3, B),
    _C("V", "Điểm trừ (tối đa 10 điểm)", 10, P),
    _C("V.1", "Chậm gửi báo cáo, số liệu (mỗi lần trừ 1 điểm)", 5, P),
    _C("V.2", "Có cán bộ, công chức bị kỷ luật trong năm", 5, P),
    _C("V.3", "Để xảy ra đơn thư khiếu nại vượt cấp", 3, P),
)
AGENCY_TARGETS = (
    _Target(ONLINE, "%", 80, 68, 95),
    _Target(DISBURSED, "%", 100, 72, 104),
    _Target(OVERDUE, "hồ sơ", 0, 0, 3, "lower", True),
)
PROMOTED = "Tỷ lệ học sinh lên lớp, hoàn thành chương trình"
RETAINED = "Tỷ lệ duy trì sĩ số học sinh"
SCHOOL_TABLE = (
    _C("I", "Thực hiện nhiệm vụ năm học", 60),
    _C("I.1", PROMOTED, 20, T, TargetFormula.PROPORTIONAL, PROMOTED),
    _C("I.2", RETAINED, 10, T, TargetFormula.PASS_FAIL, RETAINED),
    _C("I.3", "Chất lượng giáo dục mũi nhọn; học sinh giỏi các cấp", 20, evidence=True),
    _C("I.4", "Đổi mới phương pháp dạy học, chuyển đổi số trong nhà trường", 10),
    _C("II", "Xây dựng nhà trường", 40),
    _C("II.1", "Trường đạt chuẩn quốc gia, kiểm định chất lượng giáo dục", 15),
    _C("II.2", "Cơ sở vật chất, vệ sinh trường học, bếp ăn bán trú", 10),
    _C("II.3", "Công tác thi đua, khen thưởng", 10),
    _C("II.4", "Hoạt động của công đoàn, đoàn thanh niên, đội thiếu niên", 5),
    _C("III", "Điểm thưởng (tối đa 5 điểm)", 5, B),
    _C("III.1", "Có giáo viên dạy giỏi cấp tỉnh", 3, B),
    _C("III.2", "Mô hình “Trường học hạnh phúc” được nhân rộng", 3, B),
    _C("IV", "Điểm trừ (tối đa 5 điểm)", 5, P),
    _C("IV.1", "Để xảy ra mất an toàn trường học", 5, P),
    _C("IV.2", "Chậm báo cáo số liệu thống kê", 2, P),
)
SCHOOL_TARGETS = (
    _Target(PROMOTED, "%", 98, 94, 100),
    _Target(RETAINED, "%", 99, 98.6, 100),
)


def build_demo_blocs(s: Session, units: Sequence[tuple[int, str, str]], seed: int) -> int:
    """Add the demo blocs over ``units`` ((id, name, kind), in build order); returns how many."""
    rng = random.Random(f"tdkt-demo-blocs/{seed}")
    agencies = [u for u in units if u[2] == "agency"][:MAX_MEMBERS]
    schools = [u for u in units if u[2] == "school"][:MAX_MEMBERS]
    made = 0
    if len(agencies) >= 2:
        statuses = _spread(len(agencies))
        _bloc(s, rng, "Khối các sở, ban, ngành tỉnh", BlocKind.BLOC, agencies, AGENCY_TABLE,
              AGENCY_TARGETS, statuses, flags=1, merits=2, vote=False)
        made += 1
    if len(schools) >= 2:
        _bloc(s, rng, "Cụm thi đua các trường học", BlocKind.CLUSTER, schools, SCHOOL_TABLE,
              SCHOOL_TARGETS, [SheetStatus.REVIEWED] * len(schools), flags=1, merits=2,
              vote=True)
        made += 1
    return made


def _spread(n: int) -> list[SheetStatus]:
    """Half reviewed, then sent, then still being scored: a bloc in the middle of its work."""
    reviewed = max(1, n // 2)
    submitted = max(1, (n - reviewed) // 2) if n > reviewed else 0
    return ([SheetStatus.REVIEWED] * reviewed + [SheetStatus.SUBMITTED] * submitted +
            [SheetStatus.DRAFT] * (n - reviewed - submitted))


def _half(value: float) -> Decimal:
    """Points as officers give them: in halves."""
    return (Decimal(str(value)) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def _bloc(s: Session, rng: random.Random, name: str, kind: BlocKind,
          members: list[tuple[int, str, str]], table: Sequence[_C],
          targets: Sequence[_Target], statuses: list[SheetStatus], *, flags: int, merits: int,
          vote: bool) -> None:
    bloc = Bloc(name=name, kind=kind.value, year=YEAR, organiser_unit_id=None,
                head_unit_id=members[0][0], deputy_unit_id=members[1][0],
                pledge_date=date(YEAR, 3, 5),
                pledge_note="Ký kết giao ước thi đua năm 2026 tại hội nghị triển khai nhiệm vụ "
                            f"của {kind.label.lower()}. {SYNTH}",
                total_points=Decimal(100), flag_count=flags, merit_count=merits,
                tie_rules=["first_group", "fewer_penalty", "more_bonus"], note=SYNTH)
    s.add(bloc)
    s.flush()
    criteria = _criteria(s, bloc.id, table)
    for position, (unit_id, _name, _kind) in enumerate(members, start=1):
        s.add(BlocMember(bloc_id=bloc.id, unit_id=unit_id, position=position, note=""))
        for t in targets:
            actual = rng.uniform(t.low, t.high)
            s.add(UnitTarget(unit_id=unit_id, year=YEAR, indicator=t.indicator,
                             measure_unit=t.measure_unit, planned_value=t.planned,
                             actual_value=float(round(actual)) if t.whole else round(actual, 1),
                             direction=t.direction, note=SYNTH))
    s.flush()
    leaves = [(spec, c) for spec, c in criteria if spec.kind is not T and
              not any(other.code.startswith(spec.code + ".") for other, _ in criteria)]
    at = datetime(YEAR, 12, 10, 9, 0)
    for (unit_id, _name, _kind), status in zip(members, statuses, strict=True):
        strength = rng.uniform(0.82, 0.98)
        for spec, c in leaves:
            self_score = _self_score(rng, spec, strength)
            reviewed = None
            if status is SheetStatus.REVIEWED and spec.kind is M and rng.random() < 0.2:
                reviewed = max(Decimal(0), self_score - _half(rng.uniform(0.5, 2)))
            note = (f"Báo cáo tổng kết năm {YEAR} của đơn vị; biên bản kiểm tra của khối. "
                    f"{SYNTH}" if spec.evidence else "")
            if self_score or reviewed is not None or note:
                s.add(BlocScore(bloc_id=bloc.id, unit_id=unit_id, criterion_id=c.id,
                                self_score=self_score, reviewed_score=reviewed,
                                evidence_note=note))
        sheet = BlocScoreSheet(bloc_id=bloc.id, unit_id=unit_id, status=status.value)
        s.add(sheet)
        s.flush()
        path = [SheetStatus.SUBMITTED, SheetStatus.REVIEWED][:[
            SheetStatus.DRAFT, SheetStatus.SUBMITTED, SheetStatus.REVIEWED].index(status)]
        previous = SheetStatus.DRAFT
        for step, target in enumerate(path):
            s.add(BlocSheetEvent(sheet_id=sheet.id, from_status=previous.value,
                                 to_status=target.value, actor=ACTOR,
                                 at=at.replace(day=10 + 5 * step), note=""))
            previous = target
    s.flush()
    if vote:
        leader = load_bloc(s, bloc.id).ranking(ScoreBasis.REVIEWED).rows[0].unit_id
        s.add(BlocVote(bloc_id=bloc.id, unit_id=leader, yes_votes=len(members) - 1,
                       members_present=len(members), held_on=date(YEAR, 12, 20),
                       note=f"Hội nghị tổng kết của {kind.label.lower()}, bỏ phiếu kín suy tôn "
                            f"đơn vị dẫn đầu. {SYNTH}"))
    s.flush()


def _self_score(rng: random.Random, spec: _C, strength: float) -> Decimal:
    if spec.kind is M:
        return min(Decimal(spec.points), _half(spec.points * rng.uniform(strength - 0.08,
                                                                         strength + 0.06)))
    if spec.kind is B:
        return _half(rng.choice((0, 0, 1, 2, spec.points)))
    return Decimal(rng.choice((0, 0, 0, 1, 2)))  # penalty


def _criteria(s: Session, bloc_id: int, table: Sequence[_C]) -> list[tuple[_C, Criterion]]:
    made: dict[str, Criterion] = {}
    out = []
    positions: dict[str, int] = {}
    for spec in table:
        parent = spec.code.rsplit(".", 1)[0] if "." in spec.code else ""
        positions[parent] = positions.get(parent, 0) + 1
        c = Criterion(bloc_id=bloc_id, parent_id=made[parent].id if parent else None,
                      position=positions[parent], code=spec.code, name=spec.name,
                      max_points=Decimal(spec.points), kind=spec.kind.value, cap=None,
                      formula=spec.formula.value if spec.formula else "",
                      direction=spec.direction, tiers=[[str(a), str(b)] for a, b in spec.tiers],
                      indicator=spec.indicator,
                      basis=f"Quy chế hoạt động và bảng tiêu chí thi đua năm {YEAR}. {SYNTH}",
                      evidence_required=spec.evidence)
        s.add(c)
        s.flush()
        made[spec.code] = c
        out.append((spec, c))
    return out
