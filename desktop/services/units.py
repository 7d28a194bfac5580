"""Units: the tree of administrative and organisational units, with validation in Vietnamese."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.api.units import DISTRICTS_ABOLISHED_ON as DISTRICTS_ABOLISHED_ON
from desktop.api.units import UNIT_FIELDS
from desktop.api.units import UnitInput as UnitInput
from desktop.api.units import UnitRow as UnitRow
from desktop.domain.enums import UNIT_KIND_LEVEL, UnitKind
from desktop.domain.errors import ConflictError
from desktop.domain.vntext import fold, sort_key
from desktop.models import Person, Unit
from desktop.services.common import get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems


def _row(unit: Unit, child_count: int = 0) -> UnitRow:
    return UnitRow(unit.id, unit.uuid, unit.name, unit.short_name, unit.code,
                   UnitKind(unit.kind), unit.level, unit.parent_id, unit.address,
                   unit.valid_from, unit.valid_to, child_count, unit.version)


class UnitService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reading ---------------------------------------------------------------------------
    def get(self, unit_id: int) -> UnitRow:
        with self._db.read() as s:
            return _row(get_active(s, Unit, unit_id, "đơn vị"))

    def children(self, parent_id: int | None) -> list[UnitRow]:
        """Direct children (roots when ``parent_id`` is None), Vietnamese order, with counts."""
        child = aliased(Unit)
        counts = (
            select(func.count(child.id))
            .where(child.parent_id == Unit.id, child.deleted_at.is_(None))
            .scalar_subquery()
        )
        with self._db.read() as s:
            query = select(Unit, counts).where(Unit.deleted_at.is_(None))
            query = query.where(Unit.parent_id.is_(None) if parent_id is None
                                else Unit.parent_id == parent_id)
            return [_row(u, n) for u, n in s.execute(query.order_by(Unit.sort_key))]

    def search(self, text: str, limit: int = 100) -> list[UnitRow]:
        """Units whose name or code contains the text, ignoring tones, case and đ/Đ."""
        key = fold(text)
        with self._db.read() as s:
            query = select(Unit).where(Unit.deleted_at.is_(None))
            if key:
                query = query.where(
                    (Unit.search_key.contains(key, autoescape=True))
                    | (func.lower(Unit.code) == key)
                )
            rows = s.scalars(query.order_by(Unit.sort_key).limit(limit))
            return [_row(u) for u in rows]

    def path(self, unit_id: int) -> list[UnitRow]:
        """The chain from the root down to this unit (for breadcrumbs and documents)."""
        chain: list[UnitRow] = []
        with self._db.read() as s:
            current: Unit | None = s.get(Unit, unit_id)
            while current is not None and len(chain) < 20:
                chain.append(_row(current))
                current = s.get(Unit, current.parent_id) if current.parent_id else None
        return list(reversed(chain))

    def count(self) -> int:
        with self._db.read() as s:
            return s.scalar(select(func.count(Unit.id)).where(Unit.deleted_at.is_(None))) or 0

    # -- writing ---------------------------------------------------------------------------
    def create(self, data: UnitInput) -> UnitRow:
        with self._db.session() as s:
            unit = Unit()
            self._apply(s, unit, data)
            s.add(unit)
            s.flush()
            return _row(unit)

    def update(self, unit_id: int, data: UnitInput, *,
               expected_version: int | None = None) -> UnitRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a unit someone else saved meanwhile is refused (``StaleEditError``)."""
        with self._db.session() as s:
            unit = get_active(s, Unit, unit_id, "đơn vị")
            def yours() -> UnitRow:
                self._apply(s, unit, data)
                return _row(unit)

            refuse_stale(s, unit, expected_version, UNIT_FIELDS, unit.name,
                         stored=lambda: _row(unit), yours=yours)
            self._apply(s, unit, data)
            with stale_writes(UNIT_FIELDS, unit.name, expected_version):
                s.flush()
            return _row(unit)

    def delete(self, unit_id: int) -> None:
        """Move to the trash; refused while live sub-units or people still belong to it."""
        with self._db.session() as s:
            unit = get_active(s, Unit, unit_id, "đơn vị")
            children = s.scalar(select(func.count(Unit.id)).where(
                Unit.parent_id == unit_id, Unit.deleted_at.is_(None))) or 0
            people = s.scalar(select(func.count(Person.id)).where(
                Person.unit_id == unit_id, Person.deleted_at.is_(None))) or 0
            if children or people:
                parts = []
                if children:
                    parts.append(f"{children} đơn vị trực thuộc")
                if people:
                    parts.append(f"{people} cá nhân")
                raise ConflictError(
                    f"Không thể xóa “{unit.name}” vì còn {' và '.join(parts)}. "
                    "Hãy chuyển hoặc xóa các mục đó trước."
                )
            tombstone(unit)

    def restore(self, unit_id: int) -> UnitRow:
        with self._db.session() as s:
            unit = get_deleted(s, Unit, unit_id, "đơn vị")
            if unit.parent_id is not None:
                parent = s.get(Unit, unit.parent_id)
                if parent is not None and parent.deleted_at is not None:
                    raise ConflictError(
                        f"Hãy khôi phục đơn vị cấp trên “{parent.name}” trước khi khôi phục "
                        f"“{unit.name}”."
                    )
            self._check_code_free(s, unit.code, unit.id)
            revive(unit)
            s.flush()
            return _row(unit)

    # -- rules -----------------------------------------------------------------------------
    def _apply(self, s: Session, unit: Unit, data: UnitInput) -> None:
        p = Problems()
        name = p.text(data.name, "name", "Tên đơn vị", required=True)
        code = p.text(data.code, "code", "Mã đơn vị", required=True, max_length=50)
        kind = p.choice(data.kind, UnitKind, "kind", "Loại đơn vị")
        short_name = p.text(data.short_name, "short_name", "Tên viết tắt", max_length=100)
        address = p.text(data.address, "address", "Địa chỉ")
        if code and any(ch.isspace() for ch in code):
            p.add("code", "Mã đơn vị", "không được chứa dấu cách")
        if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
            p.add("valid_to", "Ngày hết hiệu lực", "phải sau ngày bắt đầu hiệu lực")
        if kind is UnitKind.DISTRICT and (
            data.valid_to is None or data.valid_to >= DISTRICTS_ABOLISHED_ON
        ):
            p.add("valid_to", "Ngày hết hiệu lực",
                  "từ 01/7/2025 không còn cấp huyện; đơn vị cấp huyện chỉ lưu để tra cứu lịch sử, "
                  "hãy ghi ngày hết hiệu lực trước 01/7/2025 (thường là 30/6/2025)")
        if data.parent_id is not None:
            parent = s.get(Unit, data.parent_id)
            if parent is None or parent.deleted_at is not None:
                p.add("parent_id", "Đơn vị cấp trên", "không tồn tại hoặc đã bị xóa")
            elif unit.id is not None and self._is_in_subtree(s, data.parent_id, unit.id):
                p.add("parent_id", "Đơn vị cấp trên",
                      "không thể là chính đơn vị này hoặc một đơn vị trực thuộc nó")
        if code and not p.has("code"):
            try:
                self._check_code_free(s, code, unit.id)
            except ConflictError as exc:
                p.add("code", "Mã đơn vị", str(exc))
        p.raise_if_any()
        assert kind is not None
        unit.name, unit.code, unit.kind = name, code, kind.value
        unit.level = UNIT_KIND_LEVEL[kind].value
        unit.short_name, unit.address = short_name, address
        unit.parent_id = data.parent_id
        unit.valid_from, unit.valid_to = data.valid_from, data.valid_to
        unit.search_key = fold(f"{name} {short_name}")
        unit.sort_key = sort_key(name)

    @staticmethod
    def _check_code_free(s: Session, code: str, own_id: int | None) -> None:
        clash = s.scalars(select(Unit).where(
            func.lower(Unit.code) == code.lower(), Unit.deleted_at.is_(None),
            Unit.id != (own_id or -1))).first()
        if clash is not None:
            raise ConflictError(f"mã “{code}” đã được dùng cho đơn vị “{clash.name}”")

    @staticmethod
    def _is_in_subtree(s: Session, candidate_id: int, root_id: int) -> bool:
        current: int | None = candidate_id
        seen = 0
        while current is not None and seen < 50:
            if current == root_id:
                return True
            current = s.scalar(select(Unit.parent_id).where(Unit.id == current))
            seen += 1
        return False

