"""Award-kind catalog, award history, base salary table and province-set parameters."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class AwardKind(SyncMixin, Base):
    """A title (danh hiệu) or form (hình thức) with its coefficients and legal basis.

    ``lineage`` ties a pre-2024 name to its current successor so history counts across the
    change of law (e.g. "Chiến sĩ thi đua cấp tỉnh" under both laws).
    """

    __tablename__ = "award_kinds"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(10))
    level: Mapped[str] = mapped_column(String(10))
    subjects: Mapped[str] = mapped_column(String(60))  # comma list of SubjectKind values
    issuer: Mapped[str] = mapped_column(String(255), default="")
    coef_individual: Mapped[float | None] = mapped_column(Numeric(6, 2), default=None)
    coef_collective: Mapped[float | None] = mapped_column(Numeric(6, 2), default=None)
    coef_household: Mapped[float | None] = mapped_column(Numeric(6, 2), default=None)
    legal_basis: Mapped[str] = mapped_column(String(255), default="")
    legal_article: Mapped[str] = mapped_column(String(120), default="")
    lineage: Mapped[str] = mapped_column(String(40), default="")
    rank: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class AwardRecord(SyncMixin, Base):
    """One award received (lịch sử khen thưởng) by a person, a unit or a household."""

    __tablename__ = "award_records"

    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    household_name: Mapped[str] = mapped_column(String(255), default="")
    award_kind_id: Mapped[int] = mapped_column(ForeignKey("award_kinds.id"))
    year: Mapped[int] = mapped_column(Integer)
    achievement_kind: Mapped[str] = mapped_column(String(20))
    period_from: Mapped[date | None] = mapped_column(Date, default=None)
    period_to: Mapped[date | None] = mapped_column(Date, default=None)
    decision_number: Mapped[str] = mapped_column(String(50), default="")
    decision_date: Mapped[date | None] = mapped_column(Date, default=None)
    issuer: Mapped[str] = mapped_column(String(255), default="")
    amount: Mapped[int | None] = mapped_column(Integer, default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        # Covering, live rows only, for the eligibility history load (see ratings).
        Index("ix_award_records_person_year", "person_id", "year", "award_kind_id",
              "achievement_kind", "decision_number", "decision_date", "period_from", "period_to",
              "deleted_at",
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        Index("ix_award_records_unit_year", "unit_id", "year"),
        # Who got which title in a year (collective conditions, quotas).
        Index("ix_award_records_year_kind", "year", "award_kind_id", "person_id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        Index("ix_award_records_kind", "award_kind_id"),
        Index("ix_award_records_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
    )


class BaseSalary(Base):
    """Mức lương cơ sở from a date; the one in force on a decision's signing date applies."""

    __tablename__ = "base_salaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    amount: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(String(255), default="")


class ProvinceParameter(Base):
    """A rule the province sets (quota, vote threshold, issuer), stored as JSON with a default."""

    __tablename__ = "province_parameters"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    label: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(255), default="")

