"""Blocs and clusters (khối, cụm thi đua) per year, their member units, and starting a new
year from last year's bloc (members and criteria table copied, scores not)."""

from __future__ import annotations

import builtins
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.api.blocs import BLOC_FIELDS, MEMBER_FIELDS
from desktop.domain.enums import BlocKind, SheetStatus
from desktop.domain.errors import ConflictError, NotFoundError
from desktop.domain.vntext import fold
from desktop.models import Bloc, BlocMember, BlocScoreSheet, Unit
from desktop.services.blocs.criteria import copy_criteria
from desktop.services.blocs.dto import BlocInput, BlocRow, MemberInput, MemberRow
from desktop.services.blocs.loading import bloc_row, live_bloc, member_rows
from desktop.services.blocs.points import to_points
from desktop.services.blocs.ranking import tie_rule_problem
from desktop.services.common import tombstone
from desktop.services.database import Database
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems

MAX_PROPOSED = 50


class BlocRegistry:
    """Blocs and their members (``BlocService`` hands these calls over on first use)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reading ---------------------------------------------------------------------------
    def list(self, year: int | None = None) -> list[BlocRow]:
        with self._db.read() as s:
            query = select(Bloc).where(Bloc.deleted_at.is_(None))
            if year is not None:
                query = query.where(Bloc.year == year)
            return [bloc_row(s, b) for b in s.scalars(
                query.order_by(Bloc.year.desc(), Bloc.name, Bloc.id))]

    def get(self, bloc_id: int) -> BlocRow:
        with self._db.read() as s:
            return bloc_row(s, live_bloc(s, bloc_id))

    def find(self, ref: str, year: int | None = None) -> BlocRow:
        """A bloc by ID ("3" or "#3") or by name (accents and case ignored)."""
        text = ref.strip()
        if text.removeprefix("#").isdigit():
            return self.get(int(text.removeprefix("#")))
        key = fold(text)
        found = [b for b in self.list(year) if fold(b.name) == key] or \
                [b for b in self.list(year) if key and key in fold(b.name)]
        if not found:
            raise NotFoundError(f"Không tìm thấy khối, cụm thi đua “{text}”.")
        if len(found) > 1:
            listed = "; ".join(f"ID {b.id}: {b.name} năm {b.year}" for b in found)
            raise ConflictError(f"Có {len(found)} khối, cụm thi đua khớp với “{text}” ({listed});"
                                " hãy ghi ID hoặc năm.")
        return found[0]

    def members(self, bloc_id: int) -> builtins.list[MemberRow]:
        with self._db.read() as s:
            live_bloc(s, bloc_id)
            return member_rows(s, bloc_id)

    # -- writing ---------------------------------------------------------------------------
    def create(self, data: BlocInput) -> BlocRow:
        with self._db.session() as s:
            b = Bloc()
            _apply(s, b, data)
            s.add(b)
            s.flush()
            return bloc_row(s, b)

    def update(self, bloc_id: int, data: BlocInput, *,
               expected_version: int | None = None) -> BlocRow:
        """Change a bloc; once a result is published, what decides the ranking (total points,
        tie-break rules) is frozen. With ``expected_version`` (the ``version`` of the row the
        form was opened with) a bloc someone else saved meanwhile is refused
        (``StaleEditError``)."""
        with self._db.session() as s:
            b = live_bloc(s, bloc_id)

            def yours() -> BlocRow:
                _apply(s, b, data)
                return bloc_row(s, b)

            refuse_stale(s, b, expected_version, BLOC_FIELDS, b.name,
                         stored=lambda: bloc_row(s, b), yours=yours)
            if _published(s, bloc_id) and (
                    tuple(r.strip() for r in data.tie_rules if r.strip()) != tuple(b.tie_rules)
                    or _points_or_none(data.total_points) != b.total_points):
                raise ConflictError(f"“{b.name}” đã công bố kết quả: không đổi tổng điểm và quy "
                                    "tắc phân định khi bằng điểm được; mở khóa các bảng điểm "
                                    "trước.")
            _apply(s, b, data)
            with stale_writes(BLOC_FIELDS, b.name, expected_version):
                s.flush()
            return bloc_row(s, b)

    def delete(self, bloc_id: int) -> None:
        """To the trash with its members; refused once a result has been published."""
        with self._db.session() as s:
            b = live_bloc(s, bloc_id)
            published = _published(s, bloc_id)
            if published:
                raise ConflictError(f"Không xóa được “{b.name}”: đã công bố kết quả chấm điểm của "
                                    f"{published} đơn vị.")
            tombstone(b)

    def add_member(self, bloc_id: int, data: MemberInput) -> MemberRow:
        with self._db.session() as s:
            live_bloc(s, bloc_id)
            p = Problems()
            unit = _unit(s, p, data.unit_id, "unit_id", "Đơn vị thành viên")
            share = _share(p, data.women_share)
            p.raise_if_any()
            assert unit is not None
            member = s.scalars(select(BlocMember).where(BlocMember.bloc_id == bloc_id,
                                                        BlocMember.unit_id == unit.id)).first()
            if member is not None and member.deleted_at is None:
                raise ConflictError(f"“{unit.name}” đã là thành viên của khối.")
            last = s.scalar(select(func.max(BlocMember.position)).where(
                BlocMember.bloc_id == bloc_id, BlocMember.deleted_at.is_(None))) or 0
            if member is None:
                member = BlocMember(bloc_id=bloc_id, unit_id=unit.id)
                s.add(member)
            member.deleted_at = None
            member.position, member.women_share, member.note = last + 1, share, data.note.strip()
            sheet = s.scalars(select(BlocScoreSheet).where(
                BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.unit_id == unit.id)).first()
            if sheet is None:
                s.add(BlocScoreSheet(bloc_id=bloc_id, unit_id=unit.id,
                                     status=SheetStatus.DRAFT.value))
            else:
                sheet.deleted_at = None
            s.flush()
            return next(m for m in member_rows(s, bloc_id) if m.unit_id == unit.id)

    def update_member(self, bloc_id: int, data: MemberInput, *,
                      expected_version: int | None = None) -> MemberRow:
        """Change a member's share of women or note; with ``expected_version`` (the member
        row's ``version`` the form showed) a change saved meanwhile is refused."""
        with self._db.session() as s:
            member = _member(s, bloc_id, data.unit_id)

            def shown() -> MemberRow:
                return next(m for m in member_rows(s, bloc_id) if m.unit_id == data.unit_id)

            def yours() -> MemberRow:
                p = Problems()
                member.women_share, member.note = _share(p, data.women_share), data.note.strip()
                p.raise_if_any()
                return shown()

            name = s.scalar(select(Unit.name).where(Unit.id == member.unit_id)) or ""
            refuse_stale(s, member, expected_version, MEMBER_FIELDS, name, stored=shown,
                         yours=yours)
            p = Problems()
            share = _share(p, data.women_share)
            p.raise_if_any()
            if share != member.women_share and _published(s, bloc_id):
                raise ConflictError("Khối đã công bố kết quả: tỷ lệ nữ (dùng để phân định khi "
                                    "bằng điểm) không đổi được; mở khóa các bảng điểm trước.")
            member.women_share, member.note = share, data.note.strip()
            with stale_writes(MEMBER_FIELDS, str(data.unit_id), expected_version):
                s.flush()
            return next(m for m in member_rows(s, bloc_id) if m.unit_id == data.unit_id)

    def remove_member(self, bloc_id: int, unit_id: int) -> None:
        """The unit leaves the bloc; its scores stay (and come back if it rejoins)."""
        with self._db.session() as s:
            member = _member(s, bloc_id, unit_id)
            sheet = s.scalars(select(BlocScoreSheet).where(
                BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.unit_id == unit_id,
                BlocScoreSheet.deleted_at.is_(None))).first()
            if sheet is not None and sheet.status == SheetStatus.PUBLISHED.value:
                raise ConflictError("Không bỏ được thành viên đã công bố kết quả chấm điểm.")
            tombstone(member)

    def move_member(self, bloc_id: int, unit_id: int, position: int) -> builtins.list[MemberRow]:
        """Put a member at ``position`` (from 1) in the bloc's order (the columns' order)."""
        with self._db.session() as s:
            member = _member(s, bloc_id, unit_id)
            others = [m for m in s.scalars(select(BlocMember).where(
                BlocMember.bloc_id == bloc_id, BlocMember.deleted_at.is_(None))
                .order_by(BlocMember.position, BlocMember.id)) if m.id != member.id]
            others.insert(max(0, min(position - 1, len(others))), member)
            for index, m in enumerate(others, start=1):
                m.position = index
            s.flush()
            return member_rows(s, bloc_id)

    def start_next_year(self, bloc_id: int, year: int | None = None,
                        name: str | None = None) -> BlocRow:
        """A new bloc for ``year`` (default: the next) with the same settings, members and
        criteria table; head, deputy and pledge are left for the new year to fill in."""
        with self._db.session() as s:
            old = live_bloc(s, bloc_id)
            target_year = year if year is not None else old.year + 1
            new_name = name or _next_year_name(old.name, old.year, target_year)
            data = BlocInput(new_name, old.kind, target_year, old.organiser_unit_id,
                             total_points=Decimal(old.total_points), flag_count=old.flag_count,
                             merit_count=old.merit_count, tie_rules=tuple(old.tie_rules or ()),
                             note=old.note)
            new = Bloc()
            _apply(s, new, data)
            s.add(new)
            s.flush()
            for position, m in enumerate(s.scalars(select(BlocMember).where(
                    BlocMember.bloc_id == old.id, BlocMember.deleted_at.is_(None))
                    .order_by(BlocMember.position, BlocMember.id)), start=1):
                s.add(BlocMember(bloc_id=new.id, unit_id=m.unit_id, position=position,
                                 women_share=m.women_share, note=m.note))
                s.add(BlocScoreSheet(bloc_id=new.id, unit_id=m.unit_id,
                                     status=SheetStatus.DRAFT.value))
            copy_criteria(s, old.id, new.id)
            s.flush()
            return bloc_row(s, new)


def _published(s: Session, bloc_id: int) -> int:
    """How many member sheets are published (locked)."""
    return s.scalar(select(func.count(BlocScoreSheet.id)).where(
        BlocScoreSheet.bloc_id == bloc_id, BlocScoreSheet.deleted_at.is_(None),
        BlocScoreSheet.status == SheetStatus.PUBLISHED.value)) or 0


def _points_or_none(value: object) -> Decimal | None:
    try:
        return to_points(value)
    except ValueError:
        return None


def _next_year_name(name: str, old_year: int, year: int) -> str:
    return name.replace(str(old_year), str(year)) if str(old_year) in name else name


def _unit(s: Session, p: Problems, unit_id: int | None, field: str, label: str) -> Unit | None:
    if unit_id is None:
        return None
    unit = s.get(Unit, unit_id)
    if unit is None or unit.deleted_at is not None:
        p.add(field, label, f"đơn vị (mã {unit_id}) không tồn tại hoặc đã bị xóa")
        return None
    return unit


def _share(p: Problems, value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        share = to_points(value)
    except ValueError as exc:
        p.add("women_share", "Tỷ lệ nữ (%)", str(exc))
        return None
    if not 0 <= share <= 100:
        p.add("women_share", "Tỷ lệ nữ (%)", "phải từ 0 đến 100")
    return share


def _member(s: Session, bloc_id: int, unit_id: int) -> BlocMember:
    live_bloc(s, bloc_id)
    member = s.scalars(select(BlocMember).where(
        BlocMember.bloc_id == bloc_id, BlocMember.unit_id == unit_id,
        BlocMember.deleted_at.is_(None))).first()
    if member is None:
        raise NotFoundError(f"Đơn vị (mã {unit_id}) không phải thành viên của khối.")
    return member


def _apply(s: Session, b: Bloc, data: BlocInput) -> None:
    p = Problems()
    name = p.text(data.name, "name", "Tên khối, cụm", required=True, max_length=500)
    kind = p.choice(data.kind, BlocKind, "kind", "Loại (khối hoặc cụm)")
    p.year(data.year, "year", "Năm", low=2000, high=date.today().year + 2)
    _unit(s, p, data.organiser_unit_id, "organiser_unit_id", "Cơ quan tổ chức")
    _unit(s, p, data.head_unit_id, "head_unit_id", "Đơn vị trưởng khối")
    _unit(s, p, data.deputy_unit_id, "deputy_unit_id", "Đơn vị phó khối")
    if data.head_unit_id is not None and data.head_unit_id == data.deputy_unit_id:
        p.add("deputy_unit_id", "Đơn vị phó khối", "phải khác đơn vị trưởng khối")
    total = None
    try:
        total = to_points(data.total_points)
        if total <= 0:
            p.add("total_points", "Tổng điểm", "phải lớn hơn 0")
    except ValueError as exc:
        p.add("total_points", "Tổng điểm", str(exc))
    for value, field, label in ((data.flag_count, "flag_count", "Số đơn vị đề nghị Cờ thi đua"),
                                (data.merit_count, "merit_count", "Số đơn vị đề nghị Bằng khen")):
        if not 0 <= value <= MAX_PROPOSED:
            p.add(field, label, f"phải từ 0 đến {MAX_PROPOSED}")
    rules = tuple(r.strip() for r in data.tie_rules if r.strip())
    for rule in rules:
        if problem := tie_rule_problem(rule):
            p.add("tie_rules", "Quy tắc phân định khi bằng điểm", problem)
    if len(set(rules)) != len(rules):
        p.add("tie_rules", "Quy tắc phân định khi bằng điểm", "có quy tắc bị lặp")
    if name and not p.has("year"):
        twins = s.scalars(select(Bloc.id).where(
            Bloc.year == data.year, Bloc.deleted_at.is_(None), Bloc.id != (b.id or -1),
            func.lower(Bloc.name) == name.lower())).first()
        if twins is not None:
            p.add("name", "Tên khối, cụm", f"đã có “{name}” năm {data.year}")
    p.raise_if_any()
    assert kind is not None and total is not None
    b.name, b.kind, b.year = name, kind.value, data.year
    b.organiser_unit_id = data.organiser_unit_id
    b.head_unit_id, b.deputy_unit_id = data.head_unit_id, data.deputy_unit_id
    b.pledge_date, b.pledge_note = data.pledge_date, data.pledge_note.strip()
    b.total_points, b.flag_count, b.merit_count = total, data.flag_count, data.merit_count
    b.tie_rules, b.note = list(rules), data.note.strip()
