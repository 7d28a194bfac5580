"""Target-based points as pure functions of the formula data and a unit's planned and actual
figures; every result says in Vietnamese how it was reached.

Completion (percent of the plan):
* higher is better: actual ÷ planned × 100 (a zero plan is met by any non-negative actual);
* lower is better: planned ÷ actual × 100 (an actual of zero cannot be bettered: 100%).

Formulas:
* proportional: max points × completion, at most 100%;
* tiered: the points of the highest tier whose "from %" the completion reaches, else 0;
* pass/fail: max points when the target is met (actual ≥ planned, or ≤ when lower is
  better; strictly > or < for the strict directions; yes/no: as required), else 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from desktop.api.blocs import (
    ZERO,
    Tier,
    fmt_number,
    fmt_percent,
    fmt_points,
    format_tiers,
    parse_tiers,
    quantize,
)
from desktop.domain.enums import TargetDirection, TargetFormula

HUNDRED = Decimal(100)


class TargetRule(Protocol):
    """What a formula reads of a criterion (a CriterionRow has all of it)."""

    @property
    def max_points(self) -> Decimal: ...
    @property
    def formula(self) -> TargetFormula | None: ...
    @property
    def direction(self) -> TargetDirection: ...
    @property
    def tiers(self) -> tuple[Tier, ...]: ...
    @property
    def indicator(self) -> str: ...


@dataclass(frozen=True)
class TargetScore:
    points: Decimal | None  # None: no figures to compute from
    explanation: str
    percent: Decimal | None = None


def _dec(value: float) -> Decimal:
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


# Directions that compare like "lower is better"; the others like "higher is better".
_LOWER = (TargetDirection.LOWER_BETTER, TargetDirection.BELOW)


def target_met(planned: float | None, actual: float | None,
               direction: TargetDirection) -> bool | None:
    """Whether the figure reaches the plan; None while either is missing. Strict > and < are
    real: an actual equal to the plan does not meet them. Yes/no targets: 1 is "có", 0 is
    "không"; the plan defaults to "có"."""
    if direction is TargetDirection.YES_NO:
        if actual is None:
            return None
        return (actual != 0) == (planned is None or planned != 0)
    if planned is None or actual is None:
        return None
    if direction is TargetDirection.ABOVE:
        return actual > planned
    if direction is TargetDirection.BELOW:
        return actual < planned
    if direction is TargetDirection.LOWER_BETTER:
        return actual <= planned
    return actual >= planned


def completion_percent(planned: float | None, actual: float | None,
                       direction: TargetDirection) -> Decimal | None:
    """Completion of the plan in percent (unrounded); None while either figure is missing."""
    if direction is TargetDirection.YES_NO:
        met = target_met(planned, actual, direction)
        return None if met is None else (HUNDRED if met else ZERO)
    if planned is None or actual is None:
        return None
    p, a = _dec(planned), _dec(actual)
    if direction in _LOWER:
        if a <= 0:
            return HUNDRED if p >= a else ZERO
        return max(ZERO, p) * HUNDRED / a
    if p <= 0:
        return HUNDRED if a >= p else ZERO
    return max(ZERO, a) * HUNDRED / p


def yes_no(value: float | None) -> str:
    return "chưa nhập" if value is None else ("có" if value != 0 else "không")


def describe_figures(planned: float | None, actual: float | None, measure_unit: str,
                     direction: TargetDirection) -> str:
    if direction is TargetDirection.YES_NO:
        return (f"yêu cầu {yes_no(1 if planned is None else planned)}, thực hiện "
                f"{yes_no(actual)}")
    unit = f" {measure_unit}" if measure_unit else ""
    return (f"kế hoạch {fmt_number(planned)}{unit}, thực hiện {fmt_number(actual)}{unit} "
            f"({direction.label.lower()})")


def target_points(rule: TargetRule, planned: float | None, actual: float | None,
                  measure_unit: str = "") -> TargetScore:
    """Points of a target-based criterion for one unit's figures, with the reasoning."""
    name = f"“{rule.indicator}”" if rule.indicator else "của tiêu chí"
    if planned is None and rule.direction is not TargetDirection.YES_NO:
        return TargetScore(None, f"Chưa có kế hoạch (chỉ tiêu) {name} của đơn vị")
    if actual is None:
        return TargetScore(None, f"Chỉ tiêu {name} chưa có số thực hiện")
    percent = completion_percent(planned, actual, rule.direction)
    assert percent is not None
    figures = (f"Chỉ tiêu {name}: {describe_figures(planned, actual, measure_unit, rule.direction)}"
               f", đạt {fmt_percent(percent)} kế hoạch")
    formula = rule.formula or TargetFormula.PROPORTIONAL
    top = rule.max_points
    if formula is TargetFormula.PASS_FAIL:
        met = bool(target_met(planned, actual, rule.direction))
        points = top if met else ZERO
        how = (f"đạt chỉ tiêu được {fmt_points(top)} điểm" if met
               else "không đạt chỉ tiêu: 0 điểm")
        return TargetScore(points, f"{figures}. Tính đạt/không đạt: {how}.", percent)
    if formula is TargetFormula.TIERED:
        ordered = sorted(rule.tiers, key=lambda t: t.from_percent, reverse=True)
        reached = next((t for t in ordered if percent >= t.from_percent), None)
        points = min(top, reached.points) if reached else ZERO
        levels = "; ".join(f"từ {fmt_points(t.from_percent)}% được {fmt_points(t.points)} điểm"
                           for t in ordered)
        how = (f"đạt mức từ {fmt_points(reached.from_percent)}%: {fmt_points(points)} điểm"
               if reached else "chưa đạt mức thấp nhất: 0 điểm")
        return TargetScore(points, f"{figures}. Tính theo mức ({levels}): {how}.", percent)
    share = min(percent, HUNDRED)
    points = quantize(top * share / HUNDRED)
    return TargetScore(points, f"{figures}. Tính theo tỷ lệ hoàn thành (tối đa 100%) trên "
                               f"{fmt_points(top)} điểm: {fmt_points(points)} điểm.", percent)


def tier_problems(tiers: tuple[Tier, ...], max_points: Decimal) -> list[str]:
    """Why a tier list cannot be used (empty when it can)."""
    problems = []
    if not tiers:
        problems.append("cách tính theo mức cần ít nhất một mức, ví dụ “100:10; 90:8”")
    seen: set[Decimal] = set()
    for t in tiers:
        if t.from_percent < 0:
            problems.append(f"mức {fmt_points(t.from_percent)}% không được âm")
        if t.from_percent in seen:
            problems.append(f"mức {fmt_points(t.from_percent)}% bị lặp")
        seen.add(t.from_percent)
        if t.points < 0 or t.points > max_points:
            problems.append(f"mức {fmt_points(t.from_percent)}% cho {fmt_points(t.points)} điểm, "
                            f"phải từ 0 đến {fmt_points(max_points)}")
    return problems


__all__ = ["TargetRule", "TargetScore", "completion_percent", "describe_figures", "format_tiers",
           "parse_tiers", "target_met", "target_points", "tier_problems"]
