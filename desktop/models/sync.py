"""What sync packages leave behind: trusted senders, the package log, and per-record shadows
that tell "both sides changed it" (a conflict) from "only one side did" (an update)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utcnow


class TrustedSender(Base):
    """An installation whose packages this office accepts (trust on first use, revocable)."""

    __tablename__ = "trusted_senders"

    id: Mapped[int] = mapped_column(primary_key=True)
    installation_uuid: Mapped[str] = mapped_column(String(36))
    office_name: Mapped[str] = mapped_column(String(255), default="")
    unit_code: Mapped[str] = mapped_column(String(50), default="")
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(32))
    trusted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("installation_uuid", "public_key",
                                       name="uq_trusted_senders_key"),)


class SyncPackage(Base):
    """One package written here or imported here, with its counts and what became of it."""

    __tablename__ = "sync_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_uuid: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(10))  # "sent" | "received"
    kind: Mapped[str] = mapped_column(String(20))
    peer_installation_uuid: Mapped[str] = mapped_column(String(36), default="")
    peer_office_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    handled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    counts: Mapped[str] = mapped_column(Text, default="{}")
    summary: Mapped[str] = mapped_column(Text, default="{}")
    actor: Mapped[str] = mapped_column(String(150), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    __table_args__ = (UniqueConstraint("package_uuid", "direction",
                                       name="uq_sync_packages_once"),)


class SyncShadow(Base):
    """The sender's version and the content hash both sides last agreed on for one record."""

    __tablename__ = "sync_shadows"

    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_version: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64), default="")


class SyncAlias(Base):
    """A record the sender knows under another UUID, merged by the officer into one of ours."""

    __tablename__ = "sync_aliases"

    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    foreign_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_uuid: Mapped[str] = mapped_column(String(36))
