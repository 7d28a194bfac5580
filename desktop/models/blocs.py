"""Emulation blocs and clusters (khối, cụm thi đua): members, the criteria score table, unit
targets (chỉ tiêu), self and reviewed scores with their sheets' history, and the bloc's vote.

Points are ``Numeric(9, 2)``: tables add up to exactly 100 (or 1,000) and ties must be real
ties, which binary floats cannot promise. Target values stay ``Float`` like the movement
appendix they come from (they are measurements, compared, never summed into points).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin, utcnow

POINTS = Numeric(9, 2)


class Bloc(SyncMixin, Base):
    """One bloc or cluster for one year; a new year is a new row (head and deputy rotate)."""

    __tablename__ = "blocs"

    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer, index=True)
    organiser_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    head_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    deputy_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    pledge_date: Mapped[date | None] = mapped_column(Date, default=None)
    pledge_note: Mapped[str] = mapped_column(Text, default="")
    total_points: Mapped[Decimal] = mapped_column(POINTS, default=Decimal(100))
    flag_count: Mapped[int] = mapped_column(Integer, default=1)
    merit_count: Mapped[int] = mapped_column(Integer, default=2)
    tie_rules: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")


class BlocMember(SyncMixin, Base):
    """A member unit; ``women_share`` (percent) overrides what the unit's people say."""

    __tablename__ = "bloc_members"

    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    women_share: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("bloc_id", "unit_id", name="uq_bloc_member"),)


class Criterion(SyncMixin, Base):
    """A node of the criteria tree (group, criterion or sub-criterion), scored by its kind.

    Target-based nodes carry their formula as data: ``formula`` (proportional, tiered,
    pass/fail), ``direction`` and ``tiers`` (``[[percent, points], …]``), and the ``indicator``
    whose unit target they read.
    """

    __tablename__ = "bloc_criteria"

    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bloc_criteria.id"), default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(Text)
    max_points: Mapped[Decimal] = mapped_column(POINTS)
    kind: Mapped[str] = mapped_column(String(10), default="manual")
    cap: Mapped[Decimal | None] = mapped_column(POINTS, default=None)
    formula: Mapped[str] = mapped_column(String(20), default="")
    direction: Mapped[str] = mapped_column(String(10), default="higher")
    tiers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    indicator: Mapped[str] = mapped_column(String(500), default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitTarget(SyncMixin, Base):
    """Chỉ tiêu of one unit for one year, possibly a line of a movement's appendix."""

    __tablename__ = "unit_targets"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(500))
    measure_unit: Mapped[str] = mapped_column(String(50), default="")
    planned_value: Mapped[float | None] = mapped_column(Float, default=None)
    actual_value: Mapped[float | None] = mapped_column(Float, default=None)
    # None when the line comes from a movement's appendix: the movement target's direction
    # is the only one (stored once).
    direction: Mapped[str | None] = mapped_column(String(10), default="higher")
    # "Không áp dụng": the unit has no such activity; the target is neither met nor missed.
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    movement_target_id: Mapped[int | None] = mapped_column(ForeignKey("movement_targets.id"),
                                                           default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_unit_targets_year_unit", "year", "unit_id"),)


class BlocScore(SyncMixin, Base):
    """One cell of the score table: a unit's self-score and the bloc's reviewed score."""

    __tablename__ = "bloc_scores"

    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("bloc_criteria.id"))
    self_score: Mapped[Decimal | None] = mapped_column(POINTS, default=None)
    reviewed_score: Mapped[Decimal | None] = mapped_column(POINTS, default=None)
    evidence_note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("criterion_id", "unit_id", name="uq_bloc_score_cell"),)


class BlocScoreAttachment(SyncMixin, Base):
    """Evidence file (minh chứng) of one score, kept by content hash like nomination files."""

    __tablename__ = "bloc_score_attachments"

    score_id: Mapped[int] = mapped_column(ForeignKey("bloc_scores.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(255), default="")


class BlocScoreSheet(SyncMixin, Base):
    """Where a unit's scores are in the workflow; published sheets are locked."""

    __tablename__ = "bloc_score_sheets"

    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")

    __table_args__ = (UniqueConstraint("bloc_id", "unit_id", name="uq_bloc_sheet"),)


class BlocSheetEvent(SyncMixin, Base):
    """One move of a score sheet: who, when, from what to what, and why."""

    __tablename__ = "bloc_sheet_events"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("bloc_score_sheets.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(150), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class BlocVote(SyncMixin, Base):
    """The bloc meeting's secret ballot (suy tôn) for a leading unit."""

    __tablename__ = "bloc_votes"

    bloc_id: Mapped[int] = mapped_column(ForeignKey("blocs.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    yes_votes: Mapped[int] = mapped_column(Integer)
    members_present: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[date | None] = mapped_column(Date, default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("bloc_id", "unit_id", name="uq_bloc_vote"),)
