"""People and the facts about them that eligibility rules read: ratings, discipline, initiatives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Person(SyncMixin, Base):
    __tablename__ = "people"

    full_name: Mapped[str] = mapped_column(String(150))
    gender: Mapped[str] = mapped_column(String(10))
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)
    ethnicity: Mapped[str] = mapped_column(String(50), default="Kinh")
    citizen_id: Mapped[str | None] = mapped_column(String(12), default=None)
    position: Mapped[str] = mapped_column(String(255), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    is_unit_head: Mapped[bool] = mapped_column(Boolean, default=False)
    is_direct_worker: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(400), default="")
    sort_key: Mapped[str] = mapped_column(String(600), default="")

    __table_args__ = (
        Index("ix_people_citizen_id", "citizen_id"),
        Index("ix_people_unit_sort", "unit_id", "sort_key"),
        # Covers the people list and the dense-search walk (name order, live people only)
        # without touching table rows; see PersonService.page.
        Index("ix_people_live_sort", "sort_key", "id", "search_key",
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        Index("ix_people_birth_date", "birth_date"),
        Index("ix_people_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
    )


class PersonPosition(SyncMixin, Base):
    """A position (chức vụ) a person held in a unit over a date range; ``is_head`` marks the
    head of that unit (người đứng đầu), which the head-of-unit target rule reads by date."""

    __tablename__ = "person_positions"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    title: Mapped[str] = mapped_column(String(255))
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[date | None] = mapped_column(Date, default=None)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class Rating(SyncMixin, Base):
    """Yearly task-completion rating of a person or a unit (exactly one subject)."""

    __tablename__ = "ratings"

    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(String(255), default="")
    # Time worked in the year (LĐTT: province parameter ldtt_min_months_worked): months at
    # work and long leave with its kind (LeaveKind; maternity counts as worked, NĐ 152 Art
    # 4.5). None: not recorded.
    months_worked: Mapped[int | None] = mapped_column(Integer, default=None)
    leave_months: Mapped[int | None] = mapped_column(Integer, default=None)
    leave_kind: Mapped[str] = mapped_column(String(20), default="", server_default="")

    __table_args__ = (
        UniqueConstraint("person_id", "unit_id", "year", name="uq_ratings_subject_year"),
        # Covering, live rows only: eligibility reads ~160,000 ratings of a round's people
        # straight from the index instead of one table page per row.
        Index("ix_ratings_person_year", "person_id", "year", "level", "deleted_at",
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        Index("ix_ratings_unit_year", "unit_id", "year"),
    )


class Discipline(SyncMixin, Base):
    """A disciplinary measure, or a review still open (which alone blocks any award)."""

    __tablename__ = "disciplines"

    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    form: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    decision_number: Mapped[str] = mapped_column(String(50), default="")
    decision_date: Mapped[date | None] = mapped_column(Date, default=None)
    effective_from: Mapped[date | None] = mapped_column(Date, default=None)
    effective_to: Mapped[date | None] = mapped_column(Date, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_disciplines_person", "person_id"),
        Index("ix_disciplines_unit", "unit_id"),
    )


class Initiative(SyncMixin, Base):
    """A recognised initiative (sáng kiến) and the decision that recognised it at its scope."""

    __tablename__ = "initiatives"

    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(20))
    decision_number: Mapped[str] = mapped_column(String(50), default="")
    decision_date: Mapped[date | None] = mapped_column(Date, default=None)
    recognised_by: Mapped[str] = mapped_column(String(255), default="")

    __table_args__ = (
        Index("ix_initiatives_person_year", "person_id", "year"),
        Index("ix_initiatives_unit_year", "unit_id", "year"),
    )
