"""Small helpers shared by the record services: load-or-fail, tombstones, page results."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from desktop.api.common import Page as Page
from desktop.domain.errors import NotFoundError
from desktop.models.base import SyncMixin, utcnow

M = TypeVar("M", bound=SyncMixin)
R = TypeVar("R")


def get_active(session: Session, model: type[M], record_id: int, what: str) -> M:
    """The record, or a NotFoundError that says what was looked for (trash counts as missing)."""
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is not None:
        raise NotFoundError(f"Không tìm thấy {what} (mã {record_id}) hoặc đã bị xóa.")
    return obj


def get_deleted(session: Session, model: type[M], record_id: int, what: str) -> M:
    obj = session.get(model, record_id)
    if obj is None or obj.deleted_at is None:
        raise NotFoundError(f"Không có {what} (mã {record_id}) trong thùng rác.")
    return obj


def tombstone(obj: SyncMixin) -> None:
    obj.deleted_at = utcnow()


def revive(obj: SyncMixin) -> None:
    obj.deleted_at = None


