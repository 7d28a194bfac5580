"""Eligibility checks of nominations: each condition and the overall verdict."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.enums import ConditionStatus


@dataclass(frozen=True)
class Condition:
    code: str
    status: ConditionStatus
    text: str
    source: str

    def line(self) -> str:
        return f"[{self.status.label}] {self.text} — {self.source}"


@dataclass(frozen=True)
class EligibilityResult:
    nomination_id: int
    rule_set: str
    conditions: tuple[Condition, ...]
    status: ConditionStatus

    @property
    def failed(self) -> list[Condition]:
        return [cond for cond in self.conditions if cond.status is ConditionStatus.NOT_MET]

    def explain(self) -> str:
        return "\n".join(cond.line() for cond in self.conditions)
