"""People: validated create/update/delete/restore and the paged, SQL-sorted, indexed search
that the people list and the CLI share."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, UnaryExpression, func, literal, literal_column, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.api.people import PERSON_FIELDS
from desktop.api.people import PeopleQuery as PeopleQuery
from desktop.api.people import PersonInput as PersonInput
from desktop.api.people import PersonRow as PersonRow
from desktop.domain.cccd import cccd_problem
from desktop.domain.enums import Gender
from desktop.domain.errors import ConflictError
from desktop.domain.ethnicities import canonical_ethnicity
from desktop.domain.vntext import fold, name_sort_key, normalize
from desktop.models import Person, Unit
from desktop.services.common import Page, get_active, get_deleted, revive, tombstone
from desktop.services.database import Database
from desktop.services.duplicates import refuse_possible_duplicate
from desktop.services.stale import refuse_stale, stale_writes
from desktop.services.validation import Problems

SortKey = ColumnElement[Any] | InstrumentedAttribute[Any]
T = TypeVar("T")

# Columns the list can be sorted by, mapped to SQL expressions; ties break on the name key.
SORT_COLUMNS = {
    "name": Person.sort_key,
    "gender": Person.gender,
    "birth_date": Person.birth_date,
    "ethnicity": Person.ethnicity,
    "citizen_id": Person.citizen_id,
    "position": Person.position,
    "unit": Unit.sort_key,
}


_TOKEN_RE = re.compile(r"[0-9a-z]+")
# Below this many matches, sorting the matches beats walking the sorted name index.
FEW_MATCHES = 5_000


def fts_expression(user_text: str) -> str | None:
    """FTS5 MATCH text: every folded word must start a word of the name or the CCCD."""
    tokens = _TOKEN_RE.findall(fold(user_text))
    if not tokens:
        return None
    return " ".join(f'"{tok}"*' for tok in tokens[:8])


def person_search_key(full_name: str, citizen_id: str | None) -> str:
    return fold(f"{full_name} {citizen_id or ''}")


class PersonService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reading ---------------------------------------------------------------------------
    def get(self, person_id: int) -> PersonRow:
        with self._db.read() as s:
            person = get_active(s, Person, person_id, "cá nhân")
            unit_name = s.scalar(select(Unit.name).where(Unit.id == person.unit_id)) or ""
            return _row(person, unit_name)

    def count(self, query: PeopleQuery) -> int:
        with self._db.read() as s:
            fts_only = self._fts_only_count(s, query)
            if fts_only is not None:
                return fts_only
            stmt = self._filtered(select(func.count(Person.id)), query)
            return s.scalar(stmt) or 0

    def _fts_only_count(self, s: Session, query: PeopleQuery) -> int | None:
        """A text search over all live people is counted from the index alone: the index holds
        live people only (migration 0004), so no row has to be looked up."""
        if not (self._db.is_sqlite and query.unit_id is None and not query.deleted):
            return None
        expression = fts_expression(query.text)
        if expression is None:
            return None
        return s.scalar(text("SELECT count(*) FROM people_fts WHERE people_fts MATCH :fts"),
                        {"fts": expression}) or 0

    def page(self, query: PeopleQuery, offset: int, limit: int) -> list[PersonRow]:
        """One page of the list, filtered and ordered in SQL (never in Python).

        The page's ids are found first from narrow rows (the name index alone when walking),
        then only those rows are read whole: sorting 5,000 full rows with their unit names
        cost more than the whole rest of a keystroke."""
        order = SORT_COLUMNS.get(query.sort, Person.sort_key)
        with self._db.read() as s:
            plan = self._text_plan(s, query)
            inner_order: SortKey = order
            if plan == "few" and order is Person.sort_key:
                # Unary + keeps SQLite from walking the whole name index: look up the few
                # matches by id and sort just them.
                inner_order = literal_column("+people.sort_key")
            ids = select(Person.id)
            if order is Unit.sort_key:
                ids = ids.outerjoin(Unit, Unit.id == Person.unit_id)
            ids = self._filtered(ids, query, plan).order_by(
                *_order_keys(inner_order, query.descending)).offset(offset).limit(limit)
            page_ids = ids.subquery()
            stmt = (select(Person, Unit.name)
                    .join(page_ids, page_ids.c.id == Person.id)
                    .outerjoin(Unit, Unit.id == Person.unit_id)
                    .order_by(*_order_keys(order, query.descending)))
            return [_row(p, unit_name or "") for p, unit_name in s.execute(stmt)]

    def _text_plan(self, s: Session, query: PeopleQuery) -> str:
        """How a text search runs, from its cheap index-only count:
        "few" — look the matches up by id and sort them;
        "many" — walk the sorted index and test each row's key, stopping after one page
        (building a list of 140,000 matching ids would cost more than the page);
        "index" — the general form (unit filter, trash, or PostgreSQL)."""
        matches = self._fts_only_count(s, query) if normalize(query.text) else None
        if matches is None:
            return "index"
        return "few" if matches <= FEW_MATCHES else "many"

    def search(self, text: str, limit: int = 50) -> Page[PersonRow]:
        query = PeopleQuery(text=text)
        return Page(self.page(query, 0, limit), self.count(query))

    def _filtered(self, stmt: Select[T], query: PeopleQuery, plan: str = "index") -> Select[T]:
        if plan != "few":  # the FTS index holds live people only: "few" needs no tombstone test
            stmt = stmt.where(Person.deleted_at.is_not(None) if query.deleted
                              else Person.deleted_at.is_(None))
        if query.unit_id is not None:
            if query.include_subunits:
                subtree = (
                    select(Unit.id).where(Unit.id == query.unit_id)
                    .cte("subtree", recursive=True)
                )
                subtree = subtree.union_all(
                    select(Unit.id).where(Unit.parent_id == subtree.c.id)
                )
                stmt = stmt.where(Person.unit_id.in_(select(subtree.c.id)))
            else:
                stmt = stmt.where(Person.unit_id == query.unit_id)
        if not normalize(query.text):
            return stmt
        tokens = _TOKEN_RE.findall(fold(query.text))[:8]
        if not tokens:
            return stmt.where(literal_column("0") == 1)
        if plan == "many" or not self._db.is_sqlite:
            # Word-prefix test on the folded key, the same match the FTS index makes.
            padded = literal(" ") + Person.search_key
            for token in tokens:
                stmt = stmt.where(padded.like(f"% {token}%") if plan == "many"
                                  else Person.search_key.contains(token, autoescape=True))
            return stmt
        matches = text("SELECT rowid FROM people_fts WHERE people_fts MATCH :fts")
        return stmt.where(Person.id.in_(matches.bindparams(fts=fts_expression(query.text))))

    # -- writing ---------------------------------------------------------------------------
    def create(self, data: PersonInput, *, allow_duplicate: bool = False) -> PersonRow:
        """Add a person. Without a CCCD, someone with the same name and birth date already
        recorded stops it with ``PossibleDuplicateError`` unless ``allow_duplicate``."""
        with self._db.session() as s:
            person = Person()
            unit_name = self._apply(s, person, data)
            if not allow_duplicate:
                refuse_possible_duplicate(s, person)
            s.add(person)
            s.flush()
            return _row(person, unit_name)

    def update(self, person_id: int, data: PersonInput, *,
               expected_version: int | None = None) -> PersonRow:
        """Save the form; with ``expected_version`` (the ``version`` of the row the form was
        opened with) a record someone else saved meanwhile is refused (``StaleEditError``)."""
        with self._db.session() as s:
            person = get_active(s, Person, person_id, "cá nhân")
            refuse_stale(s, person, expected_version, PERSON_FIELDS, person.full_name,
                         stored=lambda: _row(person, s.scalar(
                             select(Unit.name).where(Unit.id == person.unit_id)) or ""),
                         yours=lambda: _row(person, self._apply(s, person, data)))
            unit_name = self._apply(s, person, data)
            with stale_writes(PERSON_FIELDS, person.full_name, expected_version):
                s.flush()
            return _row(person, unit_name)

    def delete(self, person_id: int) -> None:
        with self._db.session() as s:
            tombstone(get_active(s, Person, person_id, "cá nhân"))

    def delete_many(self, person_ids: list[int]) -> int:
        with self._db.session() as s:
            for person_id in person_ids:
                tombstone(get_active(s, Person, person_id, "cá nhân"))
        return len(person_ids)

    def restore(self, person_id: int) -> PersonRow:
        with self._db.session() as s:
            person = get_deleted(s, Person, person_id, "cá nhân")
            unit = s.get(Unit, person.unit_id) if person.unit_id else None
            if unit is not None and unit.deleted_at is not None:
                raise ConflictError(
                    f"Hãy khôi phục đơn vị “{unit.name}” trước khi khôi phục "
                    f"“{person.full_name}”."
                )
            if person.citizen_id:
                self._check_cccd_free(s, person.citizen_id, person.id)
            revive(person)
            s.flush()
            return _row(person, unit.name if unit else "")

    # -- rules -----------------------------------------------------------------------------
    def _apply(self, s: Session, person: Person, data: PersonInput) -> str:
        p = Problems()
        full_name = p.text(data.full_name, "full_name", "Họ và tên", required=True,
                           max_length=150)
        if full_name and not p.has("full_name"):
            if any(ch.isdigit() for ch in full_name):
                p.add("full_name", "Họ và tên", "không được chứa chữ số")
            elif len(full_name.split(" ")) < 2:
                p.add("full_name", "Họ và tên", "phải có cả họ và tên (ít nhất hai từ)")
        gender = p.choice(data.gender, Gender, "gender", "Giới tính")
        ethnicity = canonical_ethnicity(data.ethnicity or "")
        if ethnicity is None:
            p.add("ethnicity", "Dân tộc",
                  f"“{data.ethnicity}” không có trong danh mục 54 dân tộc Việt Nam")
        if data.birth_date is not None:
            p.not_future(data.birth_date, "birth_date", "Ngày sinh")
            if data.birth_date.year < 1900:
                p.add("birth_date", "Ngày sinh", "năm sinh phải từ 1900 trở đi")
        citizen_id = normalize(data.citizen_id) or None
        if citizen_id:
            problem = cccd_problem(
                citizen_id,
                is_female=(gender is Gender.FEMALE) if gender else None,
                birth_date=data.birth_date,
            )
            if problem:
                p.add("citizen_id", "Số CCCD", problem)
            else:
                try:
                    self._check_cccd_free(s, citizen_id, person.id)
                except ConflictError as exc:
                    p.add("citizen_id", "Số CCCD", str(exc))
        unit_name = ""
        if data.unit_id is None:
            p.add("unit_id", "Đơn vị công tác", "chưa chọn đơn vị")
        else:
            unit = s.get(Unit, data.unit_id)
            if unit is None or unit.deleted_at is not None:
                p.add("unit_id", "Đơn vị công tác", "không tồn tại hoặc đã bị xóa")
            else:
                unit_name = unit.name
        position = p.text(data.position, "position", "Chức vụ")
        note = p.text(data.note, "note", "Ghi chú", max_length=2000)
        p.raise_if_any()
        assert gender is not None and ethnicity is not None
        person.full_name, person.gender = full_name, gender.value
        person.birth_date, person.ethnicity = data.birth_date, ethnicity
        person.citizen_id, person.position = citizen_id, position
        person.unit_id, person.note = data.unit_id, note
        person.is_unit_head, person.is_direct_worker = data.is_unit_head, data.is_direct_worker
        person.search_key = person_search_key(full_name, citizen_id)
        person.sort_key = name_sort_key(full_name)
        return unit_name

    @staticmethod
    def _check_cccd_free(s: Session, citizen_id: str, own_id: int | None) -> None:
        clash = s.scalars(select(Person).where(
            Person.citizen_id == citizen_id, Person.deleted_at.is_(None),
            Person.id != (own_id or -1))).first()
        if clash is not None:
            raise ConflictError(f"số {citizen_id} đã thuộc về {clash.full_name}")


def _order_keys(order: SortKey, descending: bool) -> list[UnaryExpression[Any]]:
    """The sort column, then the name, then the id: a total order, so pages never overlap."""
    keys = [order.desc() if descending else order.asc()]
    if order is not Person.sort_key and not isinstance(order, type(literal_column(""))):
        keys.append(Person.sort_key.asc())
    keys.append(Person.id.desc() if descending else Person.id.asc())
    return keys


def _row(person: Person, unit_name: str) -> PersonRow:
    return PersonRow(person.id, person.uuid, person.full_name, Gender(person.gender),
                     person.birth_date, person.ethnicity, person.citizen_id, person.position,
                     person.unit_id, unit_name, person.is_unit_head, person.is_direct_worker,
                     person.note, person.version)
