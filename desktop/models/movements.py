"""Emulation movements (phong trào thi đua), their launching directive and target appendix."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Movement(SyncMixin, Base):
    __tablename__ = "movements"
    __table_args__ = (
        Index("ix_movements_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
    )

    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    directive_number: Mapped[str] = mapped_column(String(50), default="")
    directive_date: Mapped[date | None] = mapped_column(Date, default=None)
    issuer: Mapped[str] = mapped_column(String(255), default="")
    theme: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date | None] = mapped_column(Date, default=None)
    period_end: Mapped[date | None] = mapped_column(Date, default=None)
    organiser_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    head_target_rule: Mapped[bool] = mapped_column(default=False)


class MovementTarget(SyncMixin, Base):
    """A line of the directive's appendix: indicator, unit of measure, planned value, direction."""

    __tablename__ = "movement_targets"

    movement_id: Mapped[int] = mapped_column(ForeignKey("movements.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    indicator: Mapped[str] = mapped_column(String(500))
    measure_unit: Mapped[str] = mapped_column(String(50), default="")
    planned_value: Mapped[float | None] = mapped_column(Float, default=None)
    direction: Mapped[str] = mapped_column(String(10), default="higher")
    note: Mapped[str] = mapped_column(Text, default="")
