"""This installation's identity and the tree of administrative and organisational units."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin, new_uuid, utcnow


class Installation(Base):
    """One row: who this office is. Its uuid owns every record created here."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    office_name: Mapped[str] = mapped_column(String(255))
    level: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None)
    parent_office_name: Mapped[str] = mapped_column(String(255), default="")
    parent_office_code: Mapped[str] = mapped_column(String(50), default="")
    # Self-declared name of the officer using this installation (the actor of status changes).
    officer_name: Mapped[str] = mapped_column(String(150), default="", server_default="")
    # Ed25519 key pair that signs this office's sync packages (raw keys, base64).
    signing_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    public_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Unit(SyncMixin, Base):
    """Tỉnh, xã/phường/đặc khu, sở/ban/ngành, thôn/tổ dân phố, trường học, doanh nghiệp…"""

    __tablename__ = "units"

    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), default=None, index=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    code: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(255), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    search_key: Mapped[str] = mapped_column(String(255), default="")
    sort_key: Mapped[str] = mapped_column(String(600), default="")

    __table_args__ = (
        Index("ix_units_code", "code"),
        Index("ix_units_parent_sort", "parent_id", "sort_key"),
        Index("ix_units_search_key", "search_key"),
        Index("ix_units_trash", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL"),
              postgresql_where=text("deleted_at IS NOT NULL")),
    )
