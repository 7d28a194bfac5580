"""The award catalogue, base salaries and province parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.api.changes import RecordFields
from desktop.domain.enums import AwardCategory, AwardLevel, SubjectKind


@dataclass(frozen=True)
class AwardKindRow:
    id: int
    code: str
    name: str
    short_name: str
    category: AwardCategory
    level: AwardLevel
    subjects: tuple[SubjectKind, ...]
    issuer: str
    coef_individual: Decimal | None
    coef_collective: Decimal | None
    coef_household: Decimal | None
    legal_basis: str
    legal_article: str
    lineage: str
    rank: int
    valid_from: date | None
    valid_to: date | None
    note: str
    version: int = 1

    def coefficient(self, subject: SubjectKind) -> Decimal | None:
        return {
            SubjectKind.INDIVIDUAL: self.coef_individual,
            SubjectKind.COLLECTIVE: self.coef_collective,
            SubjectKind.HOUSEHOLD: self.coef_household,
        }[subject]

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


# What a stale save lists (see ``StaleEditError``): the fields of the catalog entry form.
AWARD_KIND_FIELDS = RecordFields("danh hiệu/hình thức khen thưởng", {
    "name": "Tên", "short_name": "Tên viết tắt", "issuer": "Cấp có thẩm quyền",
    "coef_individual": "Hệ số cá nhân", "coef_collective": "Hệ số tập thể",
    "coef_household": "Hệ số hộ gia đình", "legal_basis": "Căn cứ pháp lý",
    "legal_article": "Điều khoản", "valid_from": "Hiệu lực từ", "valid_to": "Hiệu lực đến",
    "note": "Ghi chú",
})


@dataclass(frozen=True)
class BaseSalaryRow:
    effective_from: date
    amount: int
    legal_basis: str


@dataclass(frozen=True)
class ParameterRow:
    key: str
    value: Any
    label: str
    description: str
    source: str
