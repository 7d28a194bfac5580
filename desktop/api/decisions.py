"""Award decisions (quyết định khen thưởng): input, rows, groups as printed, numbering."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.enums import SignerCapacity, SubjectKind

GROUP_ORDER = (SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD)


GROUP_TITLES = {SubjectKind.COLLECTIVE: "I. TẬP THỂ", SubjectKind.INDIVIDUAL: "II. CÁ NHÂN",
                SubjectKind.HOUSEHOLD: "III. HỘ GIA ĐÌNH"}


@dataclass(frozen=True)
class DecisionInput:
    round_id: int
    issuer: str
    notation: str = "QĐ-UBND"
    subject_line: str = ""
    signer_name: str = ""
    signer_capacity: SignerCapacity | str = SignerCapacity.CHAIRMAN


@dataclass(frozen=True)
class DecisionLineRow:
    nomination_id: int
    group: SubjectKind
    subject_name: str
    detail: str
    award_code: str
    award_name: str
    coefficient: Decimal
    amount: int
    paid: bool
    pay_note: str


@dataclass(frozen=True)
class DecisionRow:
    id: int
    round_id: int
    number: str
    sequence: int | None
    year: int
    notation: str
    issuer: str
    signed_on: date | None
    signer_name: str
    signer_capacity: SignerCapacity
    subject_line: str
    base_salary: int | None
    signed: bool
    lines: tuple[DecisionLineRow, ...]
    # One sentence per award whose issuer is not the authority the law names (a warning, the
    # decision may still be signed): DecisionService.authority_warnings.
    warnings: tuple[str, ...] = ()

    @property
    def total_amount(self) -> int:
        return sum(line.amount for line in self.lines)

    def group(self, kind: SubjectKind) -> list[DecisionLineRow]:
        return [line for line in self.lines if line.group is kind]

    def totals(self) -> dict[SubjectKind, tuple[int, int]]:
        return {k: (len(self.group(k)), sum(x.amount for x in self.group(k)))
                for k in GROUP_ORDER if self.group(k)}


def decision_number(sequence: int, notation: str) -> str:
    """Decree 30: numbers below 10 get a leading zero (05/QĐ-UBND)."""
    return f"{sequence:02d}/{notation}"
