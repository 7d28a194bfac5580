"""Award rounds: registrations, nominations with evidence and attachments, council meetings
with votes, and decisions with their money lines."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin, utcnow


class Round(SyncMixin, Base):
    """Đợt xét khen thưởng, run by one office for one year and kind."""

    __tablename__ = "rounds"

    name: Mapped[str] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movements.id"), default=None)
    office_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    registration_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    submission_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    note: Mapped[str] = mapped_column(Text, default="")


class Registration(SyncMixin, Base):
    """Đăng ký thi đua: a subject says at the start of the year which title it aims for."""

    __tablename__ = "registrations"

    year: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    award_kind_id: Mapped[int] = mapped_column(ForeignKey("award_kinds.id"))
    registered_on: Mapped[date | None] = mapped_column(Date, default=None)
    movement_id: Mapped[int | None] = mapped_column(ForeignKey("movements.id"), default=None)

    __table_args__ = (
        Index("ix_registrations_year_person", "year", "person_id"),
        Index("ix_registrations_year_unit", "year", "unit_id"),
    )


class Nomination(SyncMixin, Base):
    """Đề nghị khen thưởng: one subject, one award kind, in one round."""

    __tablename__ = "nominations"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), default=None)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    household_name: Mapped[str] = mapped_column(String(255), default="")
    household_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    award_kind_id: Mapped[int] = mapped_column(ForeignKey("award_kinds.id"))
    proposing_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    achievement_summary: Mapped[str] = mapped_column(Text, default="")
    period_from: Mapped[date | None] = mapped_column(Date, default=None)
    period_to: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(30), default="nhap")
    status_note: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_nominations_round_status", "round_id", "status"),
        Index("ix_nominations_live_round", "round_id", sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        Index("ix_nominations_person", "person_id"),
        Index("ix_nominations_unit", "unit_id"),
    )


class NominationEvent(SyncMixin, Base):
    """One status transition: who moved it, when, from what to what, and why."""

    __tablename__ = "nomination_events"

    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(30), default="")
    to_status: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(150), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class NominationEvidence(SyncMixin, Base):
    """A link from a nomination to a fact already recorded (rating, initiative, award…)."""

    __tablename__ = "nomination_evidence"

    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_uuid: Mapped[str] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (
        UniqueConstraint("nomination_id", "kind", "record_uuid", name="uq_evidence_link"),
    )


class Attachment(SyncMixin, Base):
    """A file kept by content hash in the data folder; the original may move or vanish."""

    __tablename__ = "attachments"

    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"), default=None,
                                                      index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(255), default="")


class CouncilMeeting(SyncMixin, Base):
    """Họp Hội đồng TĐKT: thresholds count yes votes against ALL members, not those present."""

    __tablename__ = "council_meetings"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(255), default="")
    total_members: Mapped[int] = mapped_column(Integer)
    present_members: Mapped[int] = mapped_column(Integer)
    chair: Mapped[str] = mapped_column(String(150), default="")
    secretary: Mapped[str] = mapped_column(String(150), default="")
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Vote(SyncMixin, Base):
    __tablename__ = "votes"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meetings.id"))
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), index=True)
    yes_votes: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("meeting_id", "nomination_id", name="uq_vote_once"),)


class Decision(SyncMixin, Base):
    """Quyết định khen thưởng; signing writes the award history of every line."""

    __tablename__ = "decisions"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    sequence: Mapped[int | None] = mapped_column(Integer, default=None)
    year: Mapped[int] = mapped_column(Integer)
    notation: Mapped[str] = mapped_column(String(40), default="QĐ-UBND")
    issuer: Mapped[str] = mapped_column(String(255), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    signer_name: Mapped[str] = mapped_column(String(150), default="")
    signer_capacity: Mapped[str] = mapped_column(String(20), default="chu_tich")
    subject_line: Mapped[str] = mapped_column(String(500), default="")
    base_salary: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[str] = mapped_column(String(20), default="draft")

    __table_args__ = (Index("ix_decisions_number", "notation", "year", "sequence"),)


class DecisionLine(SyncMixin, Base):
    __tablename__ = "decision_lines"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), unique=True)
    coefficient: Mapped[str] = mapped_column(String(12), default="0")
    amount: Mapped[int] = mapped_column(Integer, default=0)
    paid: Mapped[bool] = mapped_column(Boolean, default=True)
    pay_note: Mapped[str] = mapped_column(String(255), default="")
