"""The importable lists: their columns and how a row is matched, validated and written.

People go the fast way (150,000 rows in seconds): each row is validated by the very rules of
``PersonService`` (its ``_apply``, on a probe record that is never added), then new people are
inserted in batches with one Core ``executemany``. Every other kind calls its service's
``create``/``set``/``register``/``update`` through a savepoint of the import's transaction, so
a row is checked and written exactly as when typed in a form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from desktop.api.excel import ExportFilter
from desktop.api.records import AwardRecordInput, DisciplineInput, InitiativeInput, Subject
from desktop.api.units import UnitInput
from desktop.domain.cccd import cccd_problem
from desktop.domain.enums import (
    AchievementKind,
    DisciplineForm,
    DisciplineStatus,
    Gender,
    InitiativeScope,
    LeaveKind,
    RatingLevel,
    UnitKind,
)
from desktop.domain.errors import FieldProblem, ValidationError
from desktop.domain.vntext import fold, normalize, normalize_multiline
from desktop.models import (
    AwardKind,
    AwardRecord,
    Discipline,
    Initiative,
    Person,
    Rating,
    Registration,
    Unit,
)
from desktop.models.base import new_uuid, utcnow
from desktop.services.excel.columns import (
    AWARD,
    BOOL,
    CCCD,
    DATE,
    ENUM,
    INT,
    UNIT,
    CellError,
    Column,
)
from desktop.services.excel.engine import Context, ImportKind, Row, RowError
from desktop.services.people import PersonInput, PersonService, person_search_key
from desktop.services.records import (
    AwardHistoryService,
    DisciplineService,
    InitiativeService,
    RatingService,
    WorkTime,
)
from desktop.services.rounds import RegistrationService
from desktop.services.units import UnitService

BATCH = 2_000


def unit_scope(s: Session, flt: ExportFilter) -> set[int] | None:
    """The unit ids an export is limited to (the unit and, by default, its sub-units)."""
    if flt.unit_id is None:
        return None
    ids = {flt.unit_id}
    if flt.include_subunits:
        frontier = {flt.unit_id}
        while frontier:
            frontier = set(s.scalars(select(Unit.id).where(
                Unit.parent_id.in_(frontier), Unit.deleted_at.is_(None)))) - ids
            ids |= frontier
    return ids


# -- people ---------------------------------------------------------------------------------
class PeopleIndex:
    """Live people by CCCD and by (folded name, birth date, unit): how a row finds a person."""

    def __init__(self) -> None:
        self.by_cccd: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self.by_key: dict[tuple[str, date | None, int | None], tuple[int, str | None]] = {}
        self.by_name_unit: dict[tuple[str, int | None], list[int]] = {}
        self.by_name_birth: dict[tuple[str, date], tuple[str, int | None]] = {}
        self.loaded = False

    def load(self, s: Session) -> None:
        if self.loaded:
            return
        rows = s.execute(select(Person.id, Person.full_name, Person.birth_date, Person.unit_id,
                                Person.citizen_id).where(Person.deleted_at.is_(None)))
        for pid, name, born, unit_id, cccd in rows:
            self.add(pid, name, born, unit_id, cccd)
        self.loaded = True

    def add(self, pid: int, name: str, born: date | None, unit_id: int | None,
            cccd: str | None, *, folded: str | None = None) -> None:
        key = fold(name) if folded is None else folded
        self.names[pid] = name
        if cccd:
            self.by_cccd[cccd] = pid
        self.by_key[(key, born, unit_id)] = (pid, cccd)
        self.by_name_unit.setdefault((key, unit_id), []).append(pid)
        if born is not None:
            self.by_name_birth.setdefault((key, born), (name, unit_id))

    def match(self, name: str, born: date | None, unit_id: int | None,
              cccd: str | None, *, folded: str | None = None) -> int | None:
        if cccd and cccd in self.by_cccd:
            return self.by_cccd[cccd]
        found = self.by_key.get((fold(name) if folded is None else folded, born, unit_id))
        if found is not None and (not cccd or not found[1]):
            return found[0]
        return None


SUBJECT_COLUMNS = (
    Column("cccd", "Số CCCD", CCCD, aliases=("CCCD", "Căn cước công dân", "Số căn cước",
                                            "Số định danh cá nhân"),
           help="cá nhân: tìm theo số CCCD; nếu không có thì theo họ tên, ngày sinh và đơn vị",
           example="012190000123", width=16),
    Column("person", "Họ và tên", aliases=("Họ tên", "Cá nhân"),
           help="để trống nếu đối tượng là tập thể (đơn vị)", example="Lê Thị Hường", width=26),
    Column("birth_date", "Ngày sinh", DATE, example=date(1990, 2, 28), width=12),
    Column("unit", "Đơn vị", UNIT, aliases=("Mã đơn vị", "Đơn vị công tác", "Tập thể"),
           help="đơn vị công tác của cá nhân, hoặc chính tập thể được ghi nhận",
           example="PTH", width=14),
)
_PERSON_FIELDS = {"subject": "person"}


def subject_of(ctx: Context, index: PeopleIndex, v: dict[str, Any]) -> Subject:
    """Who a record row is about: a person (by CCCD, or name + birth date + unit), a
    household (awards), or else the unit itself."""
    household = normalize(v.get("household") or "")
    if household:
        return Subject(household_name=household)
    if not v["unit"]:
        raise RowError("unit", "chưa ghi đơn vị (mã hoặc tên)")
    try:
        unit_id = ctx.refs.unit(v["unit"])
    except CellError as exc:
        raise RowError("unit", str(exc)) from None
    name, cccd = normalize(v["person"] or ""), v["cccd"] or None
    if not name and not cccd:
        return Subject(unit_id=unit_id)
    index.load(ctx.session)
    pid = index.by_cccd.get(cccd) if cccd else None
    if pid is None and name:
        found = index.by_key.get((fold(name), v["birth_date"], unit_id))
        if found is not None:
            pid = found[0]
        elif v["birth_date"] is None:
            same = index.by_name_unit.get((fold(name), unit_id), [])
            if len(same) == 1:
                pid = same[0]
            elif same:
                raise RowError("birth_date", f"đơn vị có {len(same)} người tên “{name}”; hãy "
                                             "ghi ngày sinh hoặc số CCCD")
    if pid is None:
        who = f"“{name}”" if name else f"có số CCCD {cccd}"
        born = f", sinh ngày {v['birth_date']:%d/%m/%Y}" if v["birth_date"] else ""
        raise RowError("person" if name else "cccd",
                       f"không tìm thấy cá nhân {who}{born} ở đơn vị “{v['unit']}”; hãy nhập "
                       "danh sách cá nhân trước")
    return Subject(person_id=pid)


def subject_cells(s: Session, person_id: int | None, unit_id: int | None,
                  cache: dict[int, Person], codes: dict[int, str]) -> dict[str, Any]:
    if person_id is not None:
        person = cache.get(person_id) or s.get(Person, person_id)
        assert person is not None
        return {"cccd": person.citizen_id, "person": person.full_name,
                "birth_date": person.birth_date, "unit": codes.get(person.unit_id or 0, "")}
    return {"cccd": None, "person": None, "birth_date": None, "unit": codes.get(unit_id or 0, "")}


def _codes(s: Session) -> dict[int, str]:
    return {uid: code for uid, code in s.execute(select(Unit.id, Unit.code))}


def _subject_filter(s: Session, flt: ExportFilter) -> tuple[set[int] | None, set[int] | None]:
    scope = unit_scope(s, flt)
    if scope is None:
        return None, None
    people = set(s.scalars(select(Person.id).where(Person.unit_id.in_(scope))))
    return scope, people


def _in_scope(person_id: int | None, unit_id: int | None,
              scope: tuple[set[int] | None, set[int] | None]) -> bool:
    units, people = scope
    if units is None or people is None:
        return True
    return (person_id in people) if person_id is not None else (unit_id in units)


class PeopleKind(ImportKind):
    name = "people"
    sheet = "Cá nhân"
    intro = ("Mỗi dòng là một cá nhân. Cá nhân đã có trong phần mềm được nhận ra theo số CCCD, "
             "hoặc theo họ tên + ngày sinh + đơn vị; chỉ được cập nhật khi chọn “cập nhật "
             "người đã có”.")
    columns = (
        Column("full_name", "Họ và tên", required=True, aliases=("Họ tên", "Tên"),
               example="Nguyễn Văn Đức", width=26),
        Column("gender", "Giới tính", ENUM, required=True, enum=Gender, example="Nam", width=10),
        Column("birth_date", "Ngày sinh", DATE, example=date(1985, 3, 15), width=12),
        Column("ethnicity", "Dân tộc", help="để trống = Kinh; tên theo danh mục 54 dân tộc",
               example="Kinh", width=12),
        Column("citizen_id", "Số CCCD", CCCD, aliases=("CCCD", "Căn cước công dân",
                                                       "Số căn cước", "Số định danh cá nhân"),
               example="001085000123", width=16),
        Column("unit", "Đơn vị", UNIT, required=True,
               aliases=("Mã đơn vị", "Đơn vị công tác"), example="PTH", width=14),
        Column("position", "Chức vụ", example="Chủ tịch UBND xã", width=24),
        Column("is_unit_head", "Người đứng đầu đơn vị", BOOL, aliases=("Đứng đầu đơn vị",),
               example="Có", width=12),
        Column("is_direct_worker", "Lao động trực tiếp", BOOL, example="Không", width=12),
        Column("note", "Ghi chú", width=30),
    )
    info_columns = ("Tên đơn vị",)
    fields = {"unit_id": "unit"}  # noqa: RUF012

    def begin(self, ctx: Context) -> None:
        self.index = PeopleIndex()
        self.index.load(ctx.session)
        self.service = PersonService(ctx.db)
        # Held, so the form's unit check is neither a query nor an identity-map lookup.
        self.units = {u.id: u for u in ctx.session.scalars(
            select(Unit).where(Unit.deleted_at.is_(None)))}
        self.form_session = cast(Session, _FormSession(ctx.session, self.units))
        self.seen_cccd: dict[str, int] = {}
        self.seen_key: dict[tuple[str, date | None, int], int] = {}
        self.buffer: list[dict[str, Any]] = []
        self.table = cast(Table, Person.__table__)

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        unit_id = None
        if v["unit"]:
            try:
                unit_id = ctx.refs.unit(v["unit"])
            except CellError as exc:
                raise RowError("unit", str(exc)) from None
        bare = PersonInput(
            full_name=v["full_name"] or "", gender=v["gender"] or "", unit_id=unit_id,
            birth_date=v["birth_date"], ethnicity=v["ethnicity"] or "Kinh",
            citizen_id=None, position=v["position"] or "",
            is_unit_head=v["is_unit_head"], is_direct_worker=v["is_direct_worker"],
            note=v["note"] or "")
        cccd = normalize(v["citizen_id"]) or None
        folded = fold(bare.full_name)  # fold(raw) == fold(normalized): NFC then NFD is NFD
        name_key = (folded, bare.birth_date, unit_id or 0)
        if cccd and cccd in self.seen_cccd:
            raise RowError("citizen_id", f"số CCCD {cccd} trùng với dòng "
                                         f"{self.seen_cccd[cccd]} của tệp")
        if not cccd and name_key in self.seen_key:
            raise RowError("full_name", f"trùng họ tên, ngày sinh và đơn vị với dòng "
                                        f"{self.seen_key[name_key]} của tệp (nếu là hai người "
                                        "khác nhau, hãy ghi số CCCD)")
        existing_id = self.index.match(bare.full_name, bare.birth_date, unit_id, cccd,
                                       folded=folded)
        if existing_id is not None and existing_id < 0:  # a row above, not a stored person
            raise RowError("full_name", f"trùng họ tên, ngày sinh và đơn vị với dòng "
                                        f"{-existing_id} của tệp")
        probe = _Probe(existing_id)  # its own CCCD is not a clash
        # The person form's own rules, word for word (names, ethnicity, unit…) run on a
        # plain stand-in (no ORM instrumentation); the CCCD's rule is the form's too
        # (``cccd_problem``, same message), with the clash looked up in the index loaded
        # once instead of one query per row.
        problems: list[FieldProblem] = []
        try:
            self.service._apply(self.form_session, cast(Person, probe), bare)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if cccd:
            gender = v["gender"]
            problem = cccd_problem(cccd, is_female=(gender is Gender.FEMALE) if gender else None,
                                   birth_date=bare.birth_date)
            owner = self.index.by_cccd.get(cccd)
            if problem is None and owner is not None and owner != existing_id:
                problem = f"số {cccd} đã thuộc về {self.index.names.get(owner, '')}"
            if problem is not None:
                problems.append(FieldProblem("citizen_id", "Số CCCD", problem))
        if problems:
            raise ValidationError(problems)
        if cccd:
            probe.citizen_id = cccd
            # = person_search_key(full_name, cccd): the name's fold, a space, the 12 digits
            # (checked above); the name's fold is the one already made for matching.
            probe.search_key = f"{folded} {cccd}" if folded else person_search_key(
                probe.full_name, cccd)
        if cccd:
            self.seen_cccd[cccd] = row.line
        self.seen_key[name_key] = row.line
        if existing_id is not None:
            person = ctx.session.get(Person, existing_id)
            assert person is not None
            if _person_values(person) == _person_values(probe):
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            if not ctx.refused:
                self.service._apply(ctx.session, person, replace(bare, citizen_id=v["citizen_id"]))
            return "updated"
        if not cccd and probe.birth_date is not None:
            twin = self.index.by_name_birth.get((folded, probe.birth_date))
            if twin is not None:
                unit_name = ctx.refs.unit_code.get(twin[1] or 0, "")
                raise RowError("full_name", (
                    f"có thể trùng với “{twin[0]}” cùng ngày sinh đã có ở đơn vị {unit_name}; "
                    "nếu là hai người khác nhau, hãy ghi số CCCD"))
        if not ctx.refused:
            now = utcnow()
            self.buffer.append({
                "uuid": new_uuid(), "owner_uuid": ctx.owner_uuid, "created_at": now,
                "updated_at": now, "version": 1, "deleted_at": None,
                **_person_values(probe), "search_key": probe.search_key,
                "sort_key": probe.sort_key})
            if len(self.buffer) >= BATCH:
                self._flush(ctx)
        self.index.add(-row.line, probe.full_name, probe.birth_date, unit_id, cccd,
                       folded=folded)
        return "new"

    def _flush(self, ctx: Context) -> None:
        if self.buffer:
            bulk_insert(ctx.session, self.table, self.buffer)
            self.buffer = []

    def finish(self, ctx: Context) -> None:
        self._flush(ctx)

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes = _codes(s)
        names = {uid: name for uid, name in s.execute(select(Unit.id, Unit.name))}
        query = select(Person).where(Person.deleted_at.is_(None))
        scope = unit_scope(s, flt)
        if scope is not None:
            query = query.where(Person.unit_id.in_(scope))
        query = query.order_by(Person.unit_id, Person.sort_key, Person.id)
        for p in s.scalars(query.execution_options(yield_per=2000)):
            yield {"full_name": p.full_name, "gender": Gender(p.gender),
                   "birth_date": p.birth_date, "ethnicity": p.ethnicity,
                   "citizen_id": p.citizen_id, "unit": codes.get(p.unit_id or 0, ""),
                   "Tên đơn vị": names.get(p.unit_id or 0, ""), "position": p.position,
                   "is_unit_head": p.is_unit_head, "is_direct_worker": p.is_direct_worker,
                   "note": p.note}


def bulk_insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One ``executemany`` of rows with the same keys. On SQLite each value goes through its
    column type's own bind processor (what SQLAlchemy would store) straight to the driver:
    SQLAlchemy's per-row parameter handling costs more than the insert at province scale.
    Other databases take Core's ``insert`` (still one ``executemany``)."""
    connection = s.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(insert(table), rows)
        return
    keys = list(rows[0])
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
           f"({', '.join(quote(k) for k in keys)}) VALUES ({', '.join('?' * len(keys))})")
    converters = [(i, conv) for i, conv in enumerate(
        table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys)
        if conv is not None]
    values_of = itemgetter(*keys)
    params = []
    for row in rows:
        values = list(values_of(row))
        for i, conv in converters:
            if values[i] is not None:
                values[i] = conv(values[i])
        params.append(tuple(values))
    connection.exec_driver_sql(sql, params)


class _FormSession:
    """The import's session as the person form's rules see it: a live unit by id comes from
    the units held for the import (what ``Session.get`` would return), all else from the
    session itself."""

    def __init__(self, session: Session, units: dict[int, Unit]) -> None:
        self._session = session
        self._units = units

    def get(self, model: type, ident: Any) -> Any:
        if model is Unit:
            found = self._units.get(ident)
            if found is not None:
                return found
        return self._session.get(model, ident)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


class _Probe:
    """What ``PersonService._apply`` writes a person's fields on, without the ORM: the
    form's rules run on it and its values are compared or inserted."""

    __slots__ = ("birth_date", "citizen_id", "ethnicity", "full_name", "gender", "id",
                 "is_direct_worker", "is_unit_head", "note", "position", "search_key",
                 "sort_key", "unit_id")

    id: int | None
    full_name: str
    gender: str
    birth_date: date | None
    ethnicity: str
    citizen_id: str | None
    position: str
    unit_id: int | None
    is_unit_head: bool
    is_direct_worker: bool
    note: str
    search_key: str
    sort_key: str

    def __init__(self, person_id: int | None) -> None:
        self.id = person_id
        self.citizen_id = None
        self.search_key = ""


def _person_values(p: Person | _Probe) -> dict[str, Any]:
    return {"full_name": p.full_name, "gender": p.gender, "birth_date": p.birth_date,
            "ethnicity": p.ethnicity, "citizen_id": p.citizen_id, "position": p.position,
            "unit_id": p.unit_id, "is_unit_head": bool(p.is_unit_head),
            "is_direct_worker": bool(p.is_direct_worker), "note": p.note}


# -- units ----------------------------------------------------------------------------------
class UnitsKind(ImportKind):
    name = "units"
    sheet = "Đơn vị"
    intro = ("Mỗi dòng là một đơn vị. Đơn vị cấp trên phải có sẵn trong phần mềm hoặc nằm ở "
             "dòng phía trên. Đơn vị đã có được nhận ra theo mã.")
    columns = (
        Column("name", "Tên đơn vị", required=True, example="UBND xã Phong Thổ", width=34),
        Column("code", "Mã đơn vị", required=True, aliases=("Mã",),
               help="duy nhất, không có dấu cách", example="PTH", width=14),
        Column("kind", "Loại đơn vị", ENUM, required=True, enum=UnitKind, example="Xã",
               width=22),
        Column("parent", "Đơn vị cấp trên", UNIT, aliases=("Mã đơn vị cấp trên",),
               help="để trống nếu là đơn vị cấp cao nhất", example="LCH", width=16),
        Column("short_name", "Tên viết tắt", width=16),
        Column("address", "Địa chỉ", width=30),
        Column("valid_from", "Hiệu lực từ", DATE, aliases=("Ngày bắt đầu hiệu lực",), width=12),
        Column("valid_to", "Hiệu lực đến", DATE, aliases=("Ngày hết hiệu lực",),
               help="bắt buộc với đơn vị cấp huyện (trước 01/7/2025)", width=12),
    )
    fields = {"parent_id": "parent"}  # noqa: RUF012

    def begin(self, ctx: Context) -> None:
        self.service = ctx.services(UnitService)
        self.seen: dict[str, int] = {}

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        parent_id = None
        if v["parent"]:
            try:
                parent_id = ctx.refs.unit(v["parent"])
            except CellError as exc:
                raise RowError("parent", str(exc)) from None
        code = normalize(v["code"] or "")
        if code.casefold() in self.seen:
            raise RowError("code", f"mã “{code}” trùng với dòng {self.seen[code.casefold()]} "
                                   "của tệp")
        data = UnitInput(v["name"] or "", code, v["kind"] or "", parent_id,
                         v["short_name"] or "", v["address"] or "", v["valid_from"],
                         v["valid_to"])
        existing_id = ctx.refs.unit_by_code.get(code.casefold()) if code else None
        if existing_id is not None:
            current = self.service.get(existing_id)
            if (current.name, current.kind, current.parent_id, current.short_name,
                    current.address, current.valid_from, current.valid_to) == (
                    normalize(data.name), data.kind, parent_id, normalize(data.short_name),
                    normalize(data.address), data.valid_from, data.valid_to):
                self.seen[code.casefold()] = row.line
                return "unchanged"
            if not ctx.update_existing:
                self.seen[code.casefold()] = row.line
                return "existing"
            self.service.update(existing_id, data)
            self.seen[code.casefold()] = row.line
            return "updated"
        created = self.service.create(data)
        ctx.refs.add_unit(created.id, created.code, created.name)
        self.seen[code.casefold()] = row.line
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        units = list(s.scalars(select(Unit).where(Unit.deleted_at.is_(None))
                               .order_by(Unit.sort_key)))
        codes = {u.id: u.code for u in units}
        children: dict[int | None, list[Unit]] = {}
        for u in units:
            children.setdefault(u.parent_id if u.parent_id in codes else None, []).append(u)
        scope = unit_scope(s, flt)
        stack = list(reversed(children.get(None, [])))
        while stack:  # parents before their sub-units: the file re-imports in order
            u = stack.pop()
            stack.extend(reversed(children.get(u.id, [])))
            if scope is not None and u.id not in scope:
                continue
            yield {"name": u.name, "code": u.code, "kind": UnitKind(u.kind),
                   "parent": codes.get(u.parent_id or 0), "short_name": u.short_name,
                   "address": u.address, "valid_from": u.valid_from, "valid_to": u.valid_to}


# -- records ----------------------------------------------------------------------------------
class _RecordKind(ImportKind):
    """A fact about a person or a unit, found by the subject columns."""

    fields = {"subject": "person"}  # noqa: RUF012

    def begin(self, ctx: Context) -> None:
        self.index = PeopleIndex()
        self.seen: dict[tuple[Any, ...], int] = {}
        self.existing: dict[tuple[Any, ...], Any] = {}
        self.load(ctx)

    def load(self, ctx: Context) -> None:
        raise NotImplementedError

    def claim(self, key: tuple[Any, ...], row: Row, column: str, what: str) -> None:
        if key in self.seen:
            raise RowError(column, f"trùng {what} với dòng {self.seen[key]} của tệp")
        self.seen[key] = row.line

    @staticmethod
    def subject_key(subject: Subject) -> tuple[int | None, int | None, str]:
        return subject.person_id, subject.unit_id, subject.household_name


class RatingsKind(_RecordKind):
    name = "ratings"
    sheet = "Xếp loại"
    intro = ("Mỗi dòng là kết quả đánh giá, xếp loại một năm của một cá nhân (ghi họ tên) "
             "hoặc một tập thể (để trống họ tên).")
    columns = (*SUBJECT_COLUMNS,
               Column("year", "Năm", INT, required=True, aliases=("Năm đánh giá",),
                      example=2025, width=8),
               Column("level", "Xếp loại", ENUM, required=True, enum=RatingLevel,
                      aliases=("Mức xếp loại", "Kết quả xếp loại"),
                      example="Hoàn thành tốt nhiệm vụ", width=30),
               Column("note", "Ghi chú", width=24),
               # Time worked in the year (LĐTT reads the province's minimum months; maternity
               # leave counts as worked, NĐ 152/2025 Art 4.5). Blank: left as recorded.
               Column("months_worked", "Số tháng công tác", INT,
                      aliases=("Số tháng làm việc",), help="0–12; để trống nếu không ghi",
                      width=10),
               Column("leave_months", "Số tháng nghỉ", INT, aliases=("Số tháng nghỉ dài ngày",),
                      help="0–12, nghỉ dài ngày trong năm", width=10),
               Column("leave_kind", "Loại nghỉ", ENUM, enum=LeaveKind,
                      help="nghỉ thai sản được tính là thời gian công tác", width=16))
    fields = {"subject": "person", "level": "level", "year": "year",  # noqa: RUF012
              "months_worked": "months_worked", "leave_months": "leave_months",
              "leave_kind": "leave_kind"}

    def load(self, ctx: Context) -> None:
        self.service = ctx.services(RatingService)
        for r in ctx.session.scalars(select(Rating).where(Rating.deleted_at.is_(None))):
            self.existing[(r.person_id, r.unit_id, r.year)] = r

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        subject = subject_of(ctx, self.index, v)
        key = (subject.person_id, subject.unit_id, v["year"])
        self.claim(key, row, "year", "đối tượng và năm")
        level, note = v["level"], normalize(v["note"] or "")
        months = (v.get("months_worked"), v.get("leave_months"), v.get("leave_kind"))
        work = None if months == (None, None, None) else WorkTime(
            months[0], months[1], months[2] or "")
        current = self.existing.get(key)
        if current is not None:
            same_work = work is None or (current.months_worked, current.leave_months,
                                         current.leave_kind) == (
                work.months_worked, work.leave_months, getattr(months[2], "value", ""))
            if (current.level, current.note) == (getattr(level, "value", level), note) \
                    and same_work:
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            self.service.set(subject, v["year"], level or "", note, work)
            return "updated"
        self.service.set(subject, v["year"] if v["year"] is not None else 0, level or "", note,
                         work)
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes, cache, scope = _codes(s), _people_cache(s), _subject_filter(s, flt)
        query = select(Rating).where(Rating.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(Rating.year == flt.year)
        for r in s.scalars(query.order_by(Rating.year, Rating.id)):
            if _in_scope(r.person_id, r.unit_id, scope):
                yield {**subject_cells(s, r.person_id, r.unit_id, cache, codes),
                       "year": r.year, "level": RatingLevel(r.level), "note": r.note,
                       "months_worked": r.months_worked, "leave_months": r.leave_months,
                       "leave_kind": LeaveKind(r.leave_kind) if r.leave_kind else None}


def _people_cache(s: Session) -> dict[int, Person]:
    return {p.id: p for p in s.scalars(select(Person))}


class InitiativesKind(_RecordKind):
    name = "initiatives"
    sheet = "Sáng kiến"
    intro = "Mỗi dòng là một sáng kiến được công nhận của một cá nhân hoặc tập thể."
    columns = (*SUBJECT_COLUMNS,
               Column("title", "Tên sáng kiến", required=True,
                      example="Số hóa hồ sơ thi đua cấp xã", width=40),
               Column("year", "Năm công nhận", INT, required=True, aliases=("Năm",),
                      example=2025, width=8),
               Column("scope", "Phạm vi", ENUM, required=True, enum=InitiativeScope,
                      aliases=("Phạm vi công nhận", "Cấp công nhận"), example="Cấp cơ sở",
                      width=20),
               Column("decision_number", "Số quyết định", required=True,
                      aliases=("Số quyết định công nhận",), example="12/QĐ-UBND", width=16),
               Column("decision_date", "Ngày quyết định", DATE, example=date(2025, 11, 20),
                      width=12),
               Column("recognised_by", "Cơ quan công nhận", example="UBND xã Phong Thổ",
                      width=26))

    def load(self, ctx: Context) -> None:
        self.service = ctx.services(InitiativeService)
        for r in ctx.session.scalars(select(Initiative).where(Initiative.deleted_at.is_(None))):
            self.existing[(r.person_id, r.unit_id, r.year, fold(r.title))] = r

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        subject = subject_of(ctx, self.index, v)
        key = (subject.person_id, subject.unit_id, v["year"], fold(v["title"] or ""))
        self.claim(key, row, "title", "đối tượng, năm và tên sáng kiến")
        data = InitiativeInput(subject, v["title"] or "", v["year"] if v["year"] else 0,
                               v["scope"] or "", v["decision_number"] or "",
                               v["decision_date"], v["recognised_by"] or "")
        current = self.existing.get(key)
        if current is not None:
            if (current.title, current.scope, current.decision_number, current.decision_date,
                    current.recognised_by) == (
                    normalize(data.title), getattr(data.scope, "value", data.scope),
                    normalize(data.decision_number), data.decision_date,
                    normalize(data.recognised_by)):
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            self.service.update(current.id, data)
            return "updated"
        self.service.create(data)
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes, cache, scope = _codes(s), _people_cache(s), _subject_filter(s, flt)
        query = select(Initiative).where(Initiative.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(Initiative.year == flt.year)
        for r in s.scalars(query.order_by(Initiative.year, Initiative.id)):
            if _in_scope(r.person_id, r.unit_id, scope):
                yield {**subject_cells(s, r.person_id, r.unit_id, cache, codes),
                       "title": r.title, "year": r.year, "scope": InitiativeScope(r.scope),
                       "decision_number": r.decision_number, "decision_date": r.decision_date,
                       "recognised_by": r.recognised_by}


class AwardsKind(_RecordKind):
    name = "awards"
    sheet = "Khen thưởng"
    intro = ("Mỗi dòng là một danh hiệu hoặc hình thức khen thưởng đã nhận (lịch sử khen "
             "thưởng) của một cá nhân, một tập thể hoặc một hộ gia đình.")
    columns = (*SUBJECT_COLUMNS,
               Column("household", "Hộ gia đình", help="tên hộ, chỉ khi khen hộ gia đình",
                      width=20),
               Column("award", "Danh hiệu, hình thức", AWARD, required=True,
                      aliases=("Danh hiệu/hình thức", "Danh hiệu", "Hình thức khen thưởng",
                               "Mã danh hiệu"),
                      example="Chiến sĩ thi đua cơ sở", width=30),
               Column("year", "Năm", INT, required=True, aliases=("Năm khen thưởng",),
                      example=2024, width=8),
               Column("achievement", "Loại thành tích", ENUM, enum=AchievementKind,
                      help="để trống = Công trạng", example="Công trạng", width=18),
               Column("decision_number", "Số quyết định", required=True,
                      example="45/QĐ-UBND", width=16),
               Column("decision_date", "Ngày quyết định", DATE, required=True,
                      example=date(2024, 12, 20), width=12),
               Column("issuer", "Cơ quan ban hành", help="để trống = cơ quan của danh mục",
                      width=24),
               Column("period_from", "Thành tích từ", DATE, width=12),
               Column("period_to", "Thành tích đến", DATE, width=12),
               Column("amount", "Số tiền thưởng", INT, help="đồng", width=14),
               Column("note", "Ghi chú", width=24))
    fields = {"subject": "person", "award_code": "award",  # noqa: RUF012
              "achievement_kind": "achievement"}

    def load(self, ctx: Context) -> None:
        self.service = ctx.services(AwardHistoryService)
        for r in ctx.session.scalars(select(AwardRecord)
                                     .where(AwardRecord.deleted_at.is_(None))):
            self.existing[(r.person_id, r.unit_id, r.household_name, r.award_kind_id,
                           r.year)] = r

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        subject = subject_of(ctx, self.index, v)
        if not v["award"]:
            raise RowError("award", "chưa ghi danh hiệu, hình thức")
        try:
            kind = ctx.refs.award(v["award"], v["decision_date"] or _year_end(v["year"]))
        except CellError as exc:
            raise RowError("award", str(exc)) from None
        key = (*self.subject_key(subject), kind.id, v["year"])
        self.claim(key, row, "award", "đối tượng, danh hiệu và năm")
        data = AwardRecordInput(subject, kind.code, v["year"] if v["year"] else 0,
                                v["achievement"] or AchievementKind.MERIT,
                                v["decision_number"] or "", v["decision_date"],
                                v["issuer"] or "", v["period_from"], v["period_to"],
                                v["amount"], normalize_multiline(v["note"] or ""))
        current = self.existing.get(key)
        if current is not None:
            if _award_same(current, data, kind):
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            self.service.update(current.id, data)
            return "updated"
        self.service.create(data)
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes, cache, scope = _codes(s), _people_cache(s), _subject_filter(s, flt)
        kinds = {k.id: k for k in s.scalars(select(AwardKind))}
        query = select(AwardRecord).where(AwardRecord.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(AwardRecord.year == flt.year)
        for r in s.scalars(query.order_by(AwardRecord.year, AwardRecord.id)):
            if r.household_name and scope[0] is not None:
                continue
            if not r.household_name and not _in_scope(r.person_id, r.unit_id, scope):
                continue
            cells = subject_cells(s, r.person_id, r.unit_id, cache, codes) \
                if not r.household_name else {"cccd": None, "person": None,
                                              "birth_date": None, "unit": None}
            yield {**cells, "household": r.household_name, "award": kinds[r.award_kind_id].code,
                   "year": r.year, "achievement": AchievementKind(r.achievement_kind),
                   "decision_number": r.decision_number, "decision_date": r.decision_date,
                   "issuer": r.issuer, "period_from": r.period_from, "period_to": r.period_to,
                   "amount": r.amount, "note": r.note}


def _award_same(r: AwardRecord, d: AwardRecordInput, kind: AwardKind) -> bool:
    return (r.achievement_kind, r.decision_number, r.decision_date, r.issuer, r.period_from,
            r.period_to, r.amount, r.note) == (
        getattr(d.achievement_kind, "value", d.achievement_kind), normalize(d.decision_number),
        d.decision_date, normalize(d.issuer) or kind.issuer, d.period_from, d.period_to,
        d.amount, d.note)


class DisciplinesKind(_RecordKind):
    name = "disciplines"
    sheet = "Kỷ luật"
    intro = ("Mỗi dòng là một hình thức kỷ luật (hoặc việc đang xem xét kỷ luật) của một cá "
             "nhân hoặc tập thể.")
    columns = (*SUBJECT_COLUMNS,
               Column("form", "Hình thức kỷ luật", ENUM, required=True, enum=DisciplineForm,
                      example="Khiển trách", width=18),
               Column("status", "Tình trạng", ENUM, enum=DisciplineStatus,
                      help="để trống = Đã có quyết định kỷ luật", width=24),
               Column("decision_number", "Số quyết định", example="07/QĐ-UBND", width=16),
               Column("decision_date", "Ngày quyết định", DATE, example=date(2024, 5, 10),
                      width=12),
               Column("effective_from", "Hiệu lực từ", DATE, width=12),
               Column("effective_to", "Hiệu lực đến", DATE, width=12),
               Column("reason", "Lý do", aliases=("Lý do kỷ luật",), width=30))

    def load(self, ctx: Context) -> None:
        self.service = ctx.services(DisciplineService)
        for r in ctx.session.scalars(select(Discipline).where(Discipline.deleted_at.is_(None))):
            self.existing[(r.person_id, r.unit_id, r.form, r.decision_number,
                           r.decision_date)] = r

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        subject = subject_of(ctx, self.index, v)
        form = getattr(v["form"], "value", v["form"])
        key = (subject.person_id, subject.unit_id, form, normalize(v["decision_number"] or ""),
               v["decision_date"])
        self.claim(key, row, "form", "đối tượng, hình thức và quyết định")
        data = DisciplineInput(subject, v["form"] or "", v["status"] or DisciplineStatus.DECIDED,
                               v["decision_number"] or "", v["decision_date"],
                               v["effective_from"], v["effective_to"], v["reason"] or "")
        current = self.existing.get(key)
        if current is not None:
            if (current.status, current.effective_from, current.effective_to,
                    current.reason) == (getattr(data.status, "value", data.status),
                                        data.effective_from, data.effective_to,
                                        normalize_multiline(data.reason)):
                return "unchanged"
            if not ctx.update_existing:
                return "existing"
            self.service.update(current.id, data)
            return "updated"
        self.service.create(data)
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes, cache, scope = _codes(s), _people_cache(s), _subject_filter(s, flt)
        query = select(Discipline).where(Discipline.deleted_at.is_(None))
        for r in s.scalars(query.order_by(Discipline.id)):
            if flt.year is not None and (r.decision_date is None
                                         or r.decision_date.year != flt.year):
                continue
            if _in_scope(r.person_id, r.unit_id, scope):
                yield {**subject_cells(s, r.person_id, r.unit_id, cache, codes),
                       "form": DisciplineForm(r.form), "status": DisciplineStatus(r.status),
                       "decision_number": r.decision_number, "decision_date": r.decision_date,
                       "effective_from": r.effective_from, "effective_to": r.effective_to,
                       "reason": r.reason}


class RegistrationsKind(_RecordKind):
    name = "registrations"
    sheet = "Đăng ký thi đua"
    intro = ("Mỗi dòng là một danh hiệu thi đua mà một cá nhân hoặc tập thể đăng ký trong "
             "năm (đăng ký đầu năm).")
    columns = (*SUBJECT_COLUMNS,
               Column("year", "Năm", INT, required=True, aliases=("Năm đăng ký",),
                      example=2026, width=8),
               Column("award", "Danh hiệu đăng ký", AWARD, required=True,
                      aliases=("Danh hiệu", "Danh hiệu thi đua"),
                      example="Lao động tiên tiến", width=30),
               Column("registered_on", "Ngày đăng ký", DATE, example=date(2026, 1, 15),
                      width=12))
    fields = {"subject": "person", "award_code": "award", "year": "year"}  # noqa: RUF012

    def load(self, ctx: Context) -> None:
        self.service = ctx.services(RegistrationService)
        for r in ctx.session.scalars(select(Registration)
                                     .where(Registration.deleted_at.is_(None))):
            self.existing[(r.person_id, r.unit_id, r.year, r.award_kind_id)] = r

    def handle(self, ctx: Context, row: Row) -> str:
        v = row.values
        subject = subject_of(ctx, self.index, v)
        if not v["award"]:
            raise RowError("award", "chưa ghi danh hiệu đăng ký")
        try:
            kind = ctx.refs.award(v["award"], _year_end(v["year"]))
        except CellError as exc:
            raise RowError("award", str(exc)) from None
        key = (subject.person_id, subject.unit_id, v["year"], kind.id)
        self.claim(key, row, "award", "đối tượng, năm và danh hiệu")
        current = self.existing.get(key)
        if current is not None:
            return "unchanged" if current.registered_on == v["registered_on"] else "existing"
        self.service.register(subject, v["year"] if v["year"] else 0, kind.code,
                              v["registered_on"])
        return "new"

    def export_rows(self, s: Session, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        codes, cache, scope = _codes(s), _people_cache(s), _subject_filter(s, flt)
        kinds = {k.id: k for k in s.scalars(select(AwardKind))}
        query = select(Registration).where(Registration.deleted_at.is_(None))
        if flt.year is not None:
            query = query.where(Registration.year == flt.year)
        for r in s.scalars(query.order_by(Registration.year, Registration.id)):
            if _in_scope(r.person_id, r.unit_id, scope):
                yield {**subject_cells(s, r.person_id, r.unit_id, cache, codes),
                       "year": r.year, "award": kinds[r.award_kind_id].code,
                       "registered_on": r.registered_on}


def _year_end(year: int | None) -> date | None:
    return date(year, 12, 31) if year and 1 <= year <= 9999 else None


def _all_kinds() -> tuple[type[ImportKind], ...]:
    from desktop.services.excel.targets import ActualsKind, TargetsKind

    return (PeopleKind, UnitsKind, RatingsKind, InitiativesKind, AwardsKind, DisciplinesKind,
            RegistrationsKind, TargetsKind, ActualsKind)


KINDS: dict[str, type[ImportKind]] = {k.name: k for k in _all_kinds()}


def kind_for(name: str) -> ImportKind:
    cls = KINDS.get(name)
    if cls is None:
        allowed = ", ".join(KINDS)
        raise ValidationError.single("kind", "Loại danh sách",
                                     f"“{name}” không nhập được từ Excel; chọn một trong: "
                                     f"{allowed}")
    return cls()
