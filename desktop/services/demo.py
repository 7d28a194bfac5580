"""Synthetic demo database for a Lai Châu installation: the unit tree, people, yearly ratings,
initiatives, discipline, award history, the province's emulation movements, two emulation
blocs with scores (``demo_blocs``) and one finished award round: nominations checked, a council
meeting with votes and a signed decision that wrote award history (``demo_round``, made through
the real services so that every screen and every README example has something to show).

``build_demo(db, "small")`` makes two communes' worth of data in about a second (for trying the
app and for tests); ``build_demo(db, "province")`` makes the DESIGN §9 benchmark database (about
100 communes, 2,000 units, 150,000 people, 600,000 award records).

Rules the data follows, so that eligibility checks have something true to find:

* Text is NFC, with the same search and sort keys the services write.
* Every CCCD is valid for the person's gender and birth year and unique.
* Each unit that has people has exactly one head.
* Awards: decisions dated before 01/01/2024 use the catalog's ``*_2013`` kinds, later ones the
  current kinds; money = coefficient × base salary in force on the decision date, rounded up to
  the next 10,000 đ; LĐTT needs a rating of at least HTTNV and no discipline running that year;
  CSTĐ cơ sở needs LĐTT, HTXSNV and an initiative recognised that year, within the province's
  quota; BK tỉnh (merit) follows two consecutive CSTĐ cơ sở; CSTĐ tỉnh three consecutive
  CSTĐ cơ sở and an initiative at provincial scope; TTLĐXS follows the Law's collective
  conditions (HTXSNV, everyone completed their tasks, ≥70% LĐTT, a CSTĐ cơ sở, no warning).
* Decisions of district chairmen stop on 30/6/2025; commune chairmen sign afterwards.

Everything is written in one transaction (the finished round's services run in savepoints of
it), so a cancel (or any error) leaves the database
exactly as it was. Only configuring a brand-new installation (``SetupService.configure``) is
committed before the build starts, as its own complete step. Rows are bulk-inserted in chunks
(Core ``insert()`` on any database; on SQLite straight to the driver's ``executemany`` with
SQLAlchemy's own value conversions), ids are assigned here, and uuids are time-ordered (v7) so
the unique uuid indexes grow at their end. The FTS triggers on ``people`` stay in place and
index each person as it is inserted (about 5 s of a province build).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from operator import itemgetter
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.api.setup import DemoSummary as DemoSummary
from desktop.domain.enums import UNIT_KIND_LEVEL, UnitKind
from desktop.domain.errors import ConflictError, ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.domain.vntext import fold, name_sort_key, normalize, sort_key
from desktop.models import (
    AwardKind,
    AwardRecord,
    BaseSalary,
    Discipline,
    Initiative,
    Movement,
    MovementTarget,
    Person,
    ProvinceParameter,
    Rating,
    Unit,
)
from desktop.models.base import SyncMixin, utcnow
from desktop.services import demo_data as data
from desktop.services.database import Database, InstallationInfo
from desktop.services.demo_blocs import build_demo_blocs
from desktop.services.demo_round import build_finished_round
from desktop.services.people import person_search_key
from desktop.services.setup import SetupService
from desktop.services.units import UnitInput

__all__ = ["SCALES", "DemoSummary", "award_amount", "build_demo"]

FIRST_YEAR = 2021
RATING_YEARS = range(FIRST_YEAR, 2027)   # 2021–2026
AWARD_YEARS = range(FIRST_YEAR, 2026)    # year-end titles 2021–2025 (decided by Jan 2026)
NEW_LAW_FROM = date(2024, 1, 1)
COMMUNES_SIGN_FROM = date(2025, 7, 1)
BATCH_PEOPLE = 8_000   # people per write batch (with their ratings, awards…)
INSERT_CHUNK = 20_000  # rows per executemany call
FAST_SQLITE_INSERTS = True  # tests switch it off to run the portable Core path
_UUID_VARIANT = 0x2 << 62     # RFC 9562 variant bits "10"


@dataclass(frozen=True)
class _Scale:
    communes: tuple[str, ...]
    agencies: tuple[str, ...]
    offices_per_agency: int | None      # None: all offices of each agency
    with_bodies: bool                   # hospitals, upper-secondary schools under departments
    villages: tuple[int, int]
    extra_schools: float                # chance of a 2nd primary / a boarding school per commune
    cooperatives: tuple[int, int]
    province_enterprises: bool
    people: int


SCALES: dict[str, _Scale] = {
    "small": _Scale(data.SMALL_COMMUNES, data.SMALL_AGENCIES, data.SMALL_OFFICES, False,
                    (4, 4), 0.0, (1, 1), False, 600),
    "province": _Scale(tuple(name for name, _ in data.COMMUNES),
                       tuple(a.name for a in data.AGENCIES), None, True,
                       (9, 14), 0.55, (0, 2), True, 150_000),
}
_SCALE_LABELS = {"small": "nhỏ (2 xã, phường)", "province": "cả tỉnh (khoảng 100 xã, phường)"}


def award_amount(coefficient: Decimal | float | str | None, base_salary: int) -> int | None:
    """Coefficient × base salary, rounded up to the next 10,000 đ (NĐ 152/2025 Điều 49)."""
    if coefficient is None:
        return None
    hundredths = int((Decimal(str(coefficient)) * 100).to_integral_value())
    raw = hundredths * base_salary  # in hundredths of a đồng
    return -(-raw // 1_000_000) * 10_000


def build_demo(db: Database, scale: str = "small", *, seed: int = 2026,
               progress: ProgressFn = no_progress,
               cancel: CancelToken | None = None) -> DemoSummary:
    """Fill an empty database with realistic Lai Châu demo data; returns what was made."""
    started = time.perf_counter()
    spec = SCALES.get(scale)
    if spec is None:
        choices = "; ".join(f"“{key}” – {label}" for key, label in _SCALE_LABELS.items())
        raise ValidationError.single("scale", "Quy mô",
                                     f"“{scale}” không phải quy mô dữ liệu mẫu; chọn {choices}")
    token = cancel or CancelToken()
    with db.read() as s:
        _refuse_if_not_empty(s, db.installation.unit_id if db.installation else None)
    token.raise_if_cancelled()
    if db.installation is None:
        SetupService(db).configure(
            UnitInput(data.PROVINCE_UNIT_NAME, "LCH", UnitKind.PROVINCE))
    info = db.installation
    assert info is not None and info.unit_id is not None
    with db.session() as s:
        _refuse_if_not_empty(s, info.unit_id)
        builder = _Builder(s, spec, seed, info.uuid, info.unit_id, progress, token)
        counts = builder.run(info)
    return DemoSummary(seconds=round(time.perf_counter() - started, 3), **counts)


def _refuse_if_not_empty(s: Session, own_unit_id: int | None) -> None:
    query = select(func.count(Unit.id))
    if own_unit_id is not None:
        query = query.where(Unit.id != own_unit_id)
    if s.scalar(query):
        raise ConflictError(
            "Chỉ tạo được dữ liệu mẫu trong cơ sở dữ liệu còn trống: cơ sở dữ liệu này đã có "
            "đơn vị ngoài đơn vị của chính cơ quan. Hãy tạo một tệp dữ liệu mới để thử dữ liệu mẫu."
        )


# --------------------------------------------------------------------------------------------
@dataclass
class _Unit:
    id: int
    name: str
    kind: UnitKind
    code: str
    parent_id: int | None
    profile: str                  # what kind of staff and awards it has
    district: str = ""            # former district code (communes and what belongs to them)
    commune: _Unit | None = None
    agency: data.AgencyDef | None = None
    mix: tuple[tuple[str, int], ...] = ()
    size: int = 0
    dominant: str = ""            # main ethnic group of a village
    ratings: dict[int, str] = field(default_factory=dict)


@dataclass
class _Person:
    id: int
    name: str
    gender: str
    ethnicity: str
    is_head: bool
    ratings: dict[int, str] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)      # years with discipline running
    warned: set[int] = field(default_factory=set)       # years with cảnh cáo or worse
    ldtt: set[int] = field(default_factory=set)
    cstdcs: set[int] = field(default_factory=set)
    province_initiative: set[int] = field(default_factory=set)
    under_review: bool = False                          # blocks any award (none made in 2026)


# Staff profile -> roles: (position, is head, is direct worker, chance female, birth years).
_Role = tuple[str, bool, bool, float, tuple[int, int]]
_LEAD = (1966, 1982)
_ADULT = (1966, 2000)
_ANY = (1965, 2003)


class _Builder:
    def __init__(self, s: Session, spec: _Scale, seed: int, owner: str, root_id: int,
                 progress: ProgressFn, cancel: CancelToken) -> None:
        self.s = s
        self.spec = spec
        self.rng = random.Random(seed)
        self.seed = seed
        self._uuid_rng = random.Random(f"tdkt-demo/{seed}/{owner}")
        unix_ms = f"{time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF:012x}"
        self._uuid_prefix = f"{unix_ms[:8]}-{unix_ms[8:]}-7"  # timestamp, then version 7
        self._uuid_counter = 0
        self._name_keys: dict[str, str] = {}  # name_sort_key is pure and names repeat a lot
        self.fast_sqlite = FAST_SQLITE_INSERTS and s.get_bind().dialect.name == "sqlite"
        self.owner = owner
        self.root_id = root_id
        self.progress = progress
        self.cancel = cancel
        self.now = utcnow()
        self.today = date.today()
        self.counts = dict(units=0, people=0, ratings=0, disciplines=0, initiatives=0,
                           award_records=0, movements=0, blocs=0)
        self.next_id: dict[type[SyncMixin], int] = {
            model: (s.scalar(select(func.max(model.id))) or 0) + 1
            for model in (Unit, Person, Rating, Discipline, Initiative, AwardRecord,
                                      Movement, MovementTarget)}
        self.kinds: dict[str, tuple[int, Any, Any, Any, date | None, date | None]] = {
            k.code: (k.id, k.coef_individual, k.coef_collective, k.coef_household,
                     k.valid_from, k.valid_to)
            for k in s.scalars(select(AwardKind).where(AwardKind.deleted_at.is_(None)))
        }
        self.salaries = [(r.effective_from, r.amount)
                         for r in s.scalars(select(BaseSalary).order_by(BaseSalary.effective_from))]
        quota = s.get(ProvinceParameter, "cstdcs_quota_percent")
        self.cstdcs_quota = (float(quota.value) if quota and isinstance(quota.value, int | float)
                             else 15.0) / 100
        root = s.get(Unit, root_id)
        assert root is not None
        self.root_code = root.code
        self.cccd_used: set[str] = set(
            c for c in s.scalars(select(Person.citizen_id).where(Person.citizen_id.is_not(None)))
            if c is not None)
        self.decisions: dict[tuple[Any, ...], tuple[str, date, str]] = {}
        self.numbers_used: set[tuple[str, int, int]] = set()
        self.pending: dict[type, list[dict[str, Any]]] = {
            Person: [], Rating: [], Initiative: [], Discipline: [], AwardRecord: []}
        self.units: list[_Unit] = []
        self.districts: dict[str, _Unit] = {}
        self.done = 0
        self.total = 1

    # -- helpers ---------------------------------------------------------------------------
    def uuid(self) -> str:
        """A time-ordered UUID version 7 (RFC 9562): the build's start time in ms, a 42-bit
        counter (monotonic within the build) and 32 random bits. Consecutive keys keep the
        unique uuid indexes append-only, which makes bulk inserts much faster than uuid4."""
        self._uuid_counter += 1
        counter = self._uuid_counter
        low = f"{_UUID_VARIANT | (counter & 0x3FFFFFFF) << 32 | self._uuid_rng.getrandbits(32):016x}"
        return f"{self._uuid_prefix}{(counter >> 30) & 0xFFF:03x}-{low[:4]}-{low[4:]}"

    def sync_cols(self, model: type[SyncMixin]) -> dict[str, Any]:
        row_id = self.next_id[model]
        self.next_id[model] = row_id + 1
        return {"id": row_id, "uuid": self.uuid(), "owner_uuid": self.owner,
                "created_at": self.now, "updated_at": self.now, "version": 1, "deleted_at": None}

    def pick(self, weighted: Sequence[tuple[str, int]]) -> str:
        total = sum(w for _, w in weighted)
        r = self.rng.random() * total
        for item, weight in weighted:
            r -= weight
            if r < 0:
                return item
        return weighted[-1][0]

    def day_in(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def base_salary_on(self, day: date) -> int:
        amount = self.salaries[0][1]
        for effective, value in self.salaries:
            if effective <= day:
                amount = value
        return amount

    def kind_on(self, code: str, day: date) -> str | None:
        """The catalog code of ``code``'s lineage that was in force on the decision date."""
        for candidate in (code, f"{code}_2013", f"{code}_2024"):
            kind = self.kinds.get(candidate)
            if kind and (kind[4] is None or kind[4] <= day) and (kind[5] is None or day <= kind[5]):
                return candidate
        return None

    def report(self, label: str) -> None:
        self.progress(min(self.done, self.total), self.total, label)

    def insert(self, model: type, rows: list[dict[str, Any]]) -> None:
        """Bulk insert (all rows share the same keys) in chunks, inside the open transaction.

        On SQLite the rows go straight to the driver's ``executemany`` with values converted
        by SQLAlchemy's own bind processors (memoised: dates repeat a lot), which is about
        2.5× faster than ``session.execute(insert(table), rows)``; other databases use the
        plain Core statement."""
        if not rows:
            return
        table = model.__table__  # type: ignore[attr-defined]
        if not self.fast_sqlite:
            for start in range(0, len(rows), INSERT_CHUNK):
                self.cancel.raise_if_cancelled()
                self.s.execute(insert(table), rows[start:start + INSERT_CHUNK])
            return
        connection = self.s.connection()
        dialect = connection.dialect
        quote = dialect.identifier_preparer.quote
        columns = list(rows[0])
        sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
               f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join('?' * len(columns))})")
        converters = [_memoised(table.c[c].type.dialect_impl(dialect).bind_processor(dialect))
                      for c in columns]
        converted = [(i, conv) for i, conv in enumerate(converters) if conv is not None]
        values_of = itemgetter(*columns)
        for start in range(0, len(rows), INSERT_CHUNK):
            self.cancel.raise_if_cancelled()
            batch = []
            for row in rows[start:start + INSERT_CHUNK]:
                values = list(values_of(row))
                for i, conv in converted:
                    values[i] = conv(values[i])
                batch.append(tuple(values))
            connection.exec_driver_sql(sql, batch)

    # -- the build -------------------------------------------------------------------------
    def run(self, installation: InstallationInfo) -> dict[str, int]:
        self.make_units()
        people_total = sum(u.size for u in self.units)
        self.total = len(self.units) + people_total + len(data.MOVEMENTS)
        self.report("Đang tạo cây đơn vị…")
        self.cancel.raise_if_cancelled()
        self.insert(Unit, [self.unit_row(u) for u in self.units])
        self.counts["units"] = len(self.units)
        self.done = len(self.units)
        self.report("Đang tạo phong trào thi đua…")
        self.make_movements()
        self.done += len(data.MOVEMENTS)
        self.report("Đang tạo cá nhân, xếp loại, sáng kiến và khen thưởng…")
        batch_people = 0
        for unit in self.units:
            self.cancel.raise_if_cancelled()
            self.make_unit_records(unit)
            batch_people += unit.size
            if batch_people >= BATCH_PEOPLE:
                self.flush()
                self.done += batch_people
                batch_people = 0
                self.report("Đang tạo cá nhân, xếp loại, sáng kiến và khen thưởng…")
        self.flush()
        self.done += batch_people
        self.report("Đang tạo khối, cụm thi đua…")
        self.counts["blocs"] = build_demo_blocs(
            self.s, [(u.id, u.name, u.kind.value) for u in self.units], self.seed)
        self.cancel.raise_if_cancelled()
        self.report("Đang tạo đợt xét khen thưởng đã kết thúc…")
        finished = build_finished_round(self.s, installation, self.seed)
        self.counts["award_records"] += finished.awards
        self.report("Đang ghi dữ liệu…")
        self.cancel.raise_if_cancelled()  # last chance: nothing is committed before this returns
        return self.counts

    def flush(self) -> None:
        self.cancel.raise_if_cancelled()
        for model, key in ((Person, "people"), (Rating, "ratings"), (Initiative, "initiatives"),
                           (Discipline, "disciplines"), (AwardRecord, "award_records")):
            rows = self.pending[model]
            if rows:
                self.insert(model, rows)
                self.counts[key] += len(rows)
                self.pending[model] = []

    # -- units -----------------------------------------------------------------------------
    def new_unit(self, name: str, kind: UnitKind, code: str, parent_id: int | None,
                 profile: str, **extra: Any) -> _Unit:
        unit = _Unit(self.next_id[Unit], normalize(name), kind, code, parent_id, profile, **extra)
        self.next_id[Unit] += 1
        self.units.append(unit)
        return unit

    def unit_row(self, u: _Unit) -> dict[str, Any]:
        row = self.sync_cols_for_unit(u)
        row.update(parent_id=u.parent_id, name=u.name, short_name="", code=u.code,
                   kind=u.kind.value, level=UNIT_KIND_LEVEL[u.kind].value,
                   address=self.address(u), valid_from=None,
                   valid_to=data.DISTRICTS_END if u.kind is UnitKind.DISTRICT else None,
                   search_key=fold(f"{u.name} "), sort_key=sort_key(u.name))
        return row

    def sync_cols_for_unit(self, u: _Unit) -> dict[str, Any]:
        return {"id": u.id, "uuid": self.uuid(), "owner_uuid": self.owner,
                "created_at": self.now, "updated_at": self.now, "version": 1, "deleted_at": None}

    def address(self, u: _Unit) -> str:
        province = f"tỉnh {data.PROVINCE_NAME}"
        if u.kind in (UnitKind.COMMUNE, UnitKind.WARD):
            former = dict((c, n) for c, _, n in data.DISTRICTS)[u.district]
            return f"{u.name}, {province} (đến 30/6/2025 thuộc {former})"
        if u.commune is not None:
            return f"{u.name}, {_lower_first(u.commune.name)}, {province}"
        return province

    def code(self, suffix: str) -> str:
        code = f"LCH-{suffix}"
        return f"{code}-1" if code.lower() == self.root_code.lower() else code

    def make_units(self) -> None:
        rng, spec = self.rng, self.spec
        # Districts (history only): parents of nothing since 01/7/2025.
        for gso, name, _short in data.DISTRICTS:
            self.districts[gso] = self.new_unit(name, UnitKind.DISTRICT, self.code(f"H{gso}"),
                                                self.root_id, "district", district=gso)
        # Provincial departments with their offices and bodies.
        for agency in data.AGENCIES:
            if agency.name not in spec.agencies:
                continue
            a = self.new_unit(agency.name, UnitKind.AGENCY, self.code(agency.code), self.root_id,
                              "agency", agency=agency, mix=data.STAFF_ETHNIC_MIX,
                              size=rng.randint(3, 4))
            offices = agency.offices[:spec.offices_per_agency] if spec.offices_per_agency \
                else agency.offices
            for index, office in enumerate(offices, start=1):
                self.new_unit(_office_name(office, agency.name), UnitKind.AGENCY_UNIT,
                              self.code(f"{agency.code}-P{index:02d}"), a.id, "office",
                              agency=agency, mix=data.STAFF_ETHNIC_MIX, size=rng.randint(7, 18))
            if spec.with_bodies:
                for index, (body, kind, (lo, hi), profile) in enumerate(agency.bodies, start=1):
                    self.new_unit(body, UnitKind(kind), self.code(f"{agency.code}-D{index:02d}"),
                                  a.id, profile, agency=agency, mix=data.STAFF_ETHNIC_MIX,
                                  size=rng.randint(lo, hi))
        if spec.province_enterprises:
            for index, (name, (lo, hi)) in enumerate(data.PROVINCE_ENTERPRISES, start=1):
                self.new_unit(name, UnitKind.ENTERPRISE, self.code(f"DN{index:02d}"), self.root_id,
                              "enterprise", mix=data.STAFF_ETHNIC_MIX, size=rng.randint(lo, hi))
        # Communes and wards with villages, schools, health stations, co-operatives.
        villages: list[_Unit] = []
        district_of = dict(data.COMMUNES)
        for index, name in enumerate(spec.communes, start=1):
            district = district_of[name]
            local = data.DISTRICT_ETHNIC_MIX[district]
            ward = name.startswith("Phường")
            cx = f"X{index:03d}"
            c = self.new_unit(name, UnitKind.WARD if ward else UnitKind.COMMUNE, self.code(cx),
                              self.root_id, "commune", district=district,
                              mix=_blend(data.STAFF_ETHNIC_MIX, local), size=rng.randint(26, 42))
            c.commune = c
            villages.extend(self.make_villages(c, local, cx, ward))
            self.make_commune_bodies(c, local, cx, ward)
        # People in villages fill what the staff units leave of the target.
        staff = sum(u.size for u in self.units)
        remaining = max(self.spec.people - staff, 12 * len(villages))
        weights = [rng.uniform(0.6, 1.4) for _ in villages]
        total_weight = sum(weights) or 1.0
        for village, weight in zip(villages, weights, strict=True):
            village.size = max(12, round(remaining * weight / total_weight))

    def make_villages(self, c: _Unit, local: tuple[tuple[str, int], ...], cx: str,
                      ward: bool) -> list[_Unit]:
        rng = self.rng
        count = rng.randint(*self.spec.villages)
        made: list[_Unit] = []
        names: set[str] = set()
        for index in range(1, count + 1):
            dominant = self.pick(local)
            if ward:
                name = f"Tổ dân phố số {index}"
                kind, profile = UnitKind.RESIDENTIAL_GROUP, "tdp"
                mix = local
            else:
                kind, profile = UnitKind.VILLAGE, "village"
                # The main group makes up at least 80% of a village, the rest as in its district.
                mix = ((dominant, 4 * sum(w for _, w in local)), *local)
                for _attempt in range(20):
                    name = self.village_name(dominant)
                    if name not in names:
                        break
                names.add(name)
            made.append(self.new_unit(name, kind, self.code(f"{cx}-B{index:02d}"), c.id, profile,
                                      district=c.district, commune=c, mix=mix, dominant=dominant))
        return made

    def village_name(self, dominant: str) -> str:
        rng = self.rng
        if dominant == "Kinh":
            return f"Thôn {rng.choice(data.KINH_HAMLETS)}"
        if dominant in data.VALLEY_PEOPLES:
            return f"Bản {rng.choice(data.VALLEY_FIRST)} {rng.choice(data.VALLEY_SECOND)}"
        return f"Bản {rng.choice(data.HIGHLAND_FIRST)} {rng.choice(data.HIGHLAND_SECOND)}"

    def make_commune_bodies(self, c: _Unit, local: tuple[tuple[str, int], ...], cx: str,
                            ward: bool) -> None:
        rng = self.rng
        place = c.name.split(" ", 1)[1]
        mix = _blend(data.STAFF_ETHNIC_MIX, local)
        remote = not ward and c.district not in ("105",)
        schools = [(f"Trường Mầm non {place}", "school_mn", (14, 30)),
                   (f"Trường {'PTDTBT ' if remote and rng.random() < 0.5 else ''}Tiểu học {place}",
                    "school", (22, 45)),
                   (f"Trường {'PTDTBT ' if remote and rng.random() < 0.5 else ''}THCS {place}",
                    "school", (22, 42))]
        if rng.random() < self.spec.extra_schools:
            schools.append((f"Trường Tiểu học số 2 {place}", "school", (15, 30)))
        for index, (name, profile, (lo, hi)) in enumerate(schools, start=1):
            self.new_unit(name, UnitKind.SCHOOL, self.code(f"{cx}-TR{index}"), c.id, profile,
                          district=c.district, commune=c, mix=mix, size=rng.randint(lo, hi))
        self.new_unit(f"Trạm Y tế {_lower_first(c.name)}", UnitKind.ORGANISATION,
                      self.code(f"{cx}-TYT"), c.id, "tram", district=c.district, commune=c,
                      mix=mix, size=rng.randint(5, 9))
        for index in range(1, rng.randint(*self.spec.cooperatives) + 1):
            name = rng.choice(data.COOPERATIVE_KINDS).format(x=place)
            if any(u.name == name for u in self.units[-6:]):
                continue
            self.new_unit(name, UnitKind.ENTERPRISE, self.code(f"{cx}-HTX{index}"), c.id, "coop",
                          district=c.district, commune=c, mix=local, size=rng.randint(10, 35))

    # -- movements -------------------------------------------------------------------------
    def make_movements(self) -> None:
        movements, targets = [], []
        for m in data.MOVEMENTS:
            row = self.sync_cols(Movement)
            row.update(name=normalize(m.name), kind=m.kind, year=m.year,
                       directive_number=m.directive_number, directive_date=m.directive_date,
                       issuer=m.issuer, theme=normalize(m.theme), period_start=m.period_start,
                       period_end=m.period_end, organiser_unit_id=self.root_id,
                       head_target_rule=m.head_target_rule)
            movements.append(row)
            for position, t in enumerate(m.targets, start=1):
                target = self.sync_cols(MovementTarget)
                target.update(movement_id=row["id"], position=position,
                              indicator=normalize(t.indicator), measure_unit=t.measure_unit,
                              planned_value=t.planned_value, direction=t.direction,
                              note=normalize(t.note))
                targets.append(target)
        self.insert(Movement, movements)
        if targets:
            self.insert(MovementTarget, targets)
        self.counts["movements"] = len(movements)

    # -- people and their records ----------------------------------------------------------
    def make_unit_records(self, unit: _Unit) -> None:
        if unit.profile == "district":
            self.make_collective_history(unit, [])
            return
        people = [self.make_person(unit, role) for role in self.roles(unit)]
        for person in people:
            self.make_person_history(unit, person)
        self.make_titles(unit, people)
        self.make_collective_history(unit, people)
        if unit.profile == "village":
            self.make_household_awards(unit, people)

    def roles(self, u: _Unit) -> list[_Role]:
        rng, n = self.rng, u.size
        fixed: list[_Role]
        filler: list[tuple[_Role, float]]
        p = u.profile
        if p == "agency":
            assert u.agency is not None
            fixed = [(u.agency.head, True, False, 0.25, _LEAD)]
            filler = [((u.agency.deputy, False, False, 0.35, (1966, 1985)), 1)]
        elif p == "office":
            head, deputy = _office_titles(u.name)
            fixed = [(head, True, False, 0.45, _LEAD), (deputy, False, False, 0.5, (1968, 1988))]
            if u.name.startswith("Văn phòng"):
                fixed += [("Kế toán", False, False, 0.7, _ADULT),
                          ("Văn thư", False, False, 0.8, _ADULT)]
            filler = [(("Chuyên viên chính", False, False, 0.5, (1966, 1990)), 0.2),
                      (("Chuyên viên", False, False, 0.5, (1970, 2000)), 0.65),
                      (("Nhân viên", False, False, 0.5, (1970, 2001)), 0.15)]
        elif p == "hospital":
            fixed = [("Giám đốc", True, False, 0.35, _LEAD),
                     ("Phó Giám đốc", False, False, 0.4, (1968, 1985)),
                     ("Phó Giám đốc", False, False, 0.4, (1968, 1985))]
            filler = [(("Bác sĩ", False, True, 0.5, (1966, 1998)), 0.27),
                      (("Điều dưỡng", False, True, 0.75, (1968, 2001)), 0.35),
                      (("Kỹ thuật viên", False, True, 0.5, (1970, 2001)), 0.08),
                      (("Dược sĩ", False, True, 0.6, (1970, 2000)), 0.05),
                      (("Hộ sinh", False, True, 0.98, (1970, 2001)), 0.06),
                      (("Y sĩ", False, True, 0.55, (1966, 2000)), 0.06),
                      (("Trưởng khoa", False, False, 0.4, (1966, 1985)), 0.05),
                      (("Phó Trưởng khoa", False, False, 0.45, (1968, 1988)), 0.03),
                      (("Kế toán", False, False, 0.7, _ADULT), 0.02),
                      (("Nhân viên hành chính", False, False, 0.6, _ADULT), 0.03)]
        elif p in ("school", "school_mn"):
            teacher_f = 0.98 if p == "school_mn" else 0.68
            teacher = "Giáo viên mầm non" if p == "school_mn" else "Giáo viên"
            fixed = [("Hiệu trưởng", True, False, teacher_f * 0.8, _LEAD),
                     ("Phó Hiệu trưởng", False, False, teacher_f, (1968, 1990))]
            if n >= 35:
                fixed.append(("Phó Hiệu trưởng", False, False, teacher_f, (1968, 1990)))
            fixed += [("Tổ trưởng chuyên môn", False, True, teacher_f, (1968, 1992)),
                      ("Kế toán", False, False, 0.8, _ADULT)]
            if p == "school":
                fixed += [("Tổng phụ trách Đội", False, True, 0.6, (1985, 2000)),
                          ("Nhân viên thư viện - thiết bị", False, False, 0.8, _ADULT)]
            if "PTDTBT" in u.name or "Dân tộc nội trú" in u.name or p == "school_mn":
                fixed += [("Nhân viên cấp dưỡng", False, True, 0.85, _ADULT)] * 2
            fixed.append(("Bảo vệ", False, True, 0.05, (1965, 1995)))
            filler = [((teacher, False, True, teacher_f, (1968, 2000)), 1)]
        elif p == "tram":
            fixed = [("Trạm trưởng", True, False, 0.4, _LEAD)]
            filler = [(("Y sĩ", False, True, 0.55, _ADULT), 0.35),
                      (("Điều dưỡng", False, True, 0.75, _ADULT), 0.3),
                      (("Hộ sinh", False, True, 0.98, _ADULT), 0.2),
                      (("Y sĩ y học cổ truyền", False, True, 0.5, _ADULT), 0.1),
                      (("Dược sĩ", False, True, 0.6, _ADULT), 0.05)]
        elif p == "commune":
            level = "phường" if u.kind is UnitKind.WARD else "xã"
            economy = ("Trưởng phòng Kinh tế, Hạ tầng và Đô thị" if level == "phường"
                       else "Trưởng phòng Kinh tế")
            fixed = [(f"Chủ tịch UBND {level}", True, False, 0.15, _LEAD),
                     (f"Phó Chủ tịch UBND {level}", False, False, 0.3, (1968, 1988)),
                     (f"Phó Chủ tịch UBND {level}", False, False, 0.3, (1968, 1988)),
                     (f"Chánh Văn phòng HĐND và UBND {level}", False, False, 0.4, (1970, 1990)),
                     (economy, False, False, 0.3, (1970, 1990)),
                     ("Trưởng phòng Văn hóa - Xã hội", False, False, 0.45, (1970, 1990)),
                     (f"Giám đốc Trung tâm Phục vụ hành chính công {level}", False, False, 0.45,
                      (1972, 1992)),
                     (f"Chỉ huy trưởng Ban Chỉ huy quân sự {level}", False, False, 0.02,
                      (1972, 1992))]
            filler = [(("Chuyên viên", False, False, 0.5, (1975, 2000)), 0.45),
                      (("Phó Trưởng phòng", False, False, 0.4, (1970, 1992)), 0.1),
                      (("Công chức Tư pháp - Hộ tịch", False, False, 0.5, (1975, 2000)), 0.1),
                      (("Công chức Địa chính - Xây dựng", False, False, 0.25, (1975, 2000)), 0.1),
                      (("Công chức Tài chính - Kế toán", False, False, 0.65, (1975, 2000)), 0.1),
                      (("Công chức Văn hóa - Xã hội", False, False, 0.5, (1975, 2000)), 0.1),
                      (("Nhân viên hợp đồng", False, False, 0.5, (1980, 2002)), 0.05)]
        elif p == "village":
            head = "Trưởng thôn" if u.name.startswith("Thôn") else "Trưởng bản"
            deputy = "Phó Trưởng thôn" if u.name.startswith("Thôn") else "Phó Trưởng bản"
            fixed = [(head, True, False, 0.1, (1965, 1990)),
                     ("Bí thư Chi bộ", False, False, 0.15, (1965, 1988)),
                     (deputy, False, False, 0.2, (1970, 1995)),
                     ("Chi hội trưởng Chi hội Phụ nữ", False, False, 1.0, (1970, 1995)),
                     ("Chi hội trưởng Chi hội Nông dân", False, True, 0.1, (1965, 1990)),
                     ("Bí thư Chi đoàn", False, False, 0.4, (1990, 2003)),
                     ("Tổ trưởng Tổ bảo vệ an ninh, trật tự", False, False, 0.02, (1970, 1998)),
                     ("Nhân viên y tế thôn, bản", False, False, 0.6, (1975, 2000))]
            if n > 30:
                fixed.append(("Cô đỡ thôn, bản", False, False, 1.0, (1970, 1995)))
            filler = [(("Nông dân", False, True, 0.48, _ANY), 0.9),
                      (("Người có uy tín", False, False, 0.05, (1965, 1972)), 0.02),
                      (("Thợ dệt thổ cẩm", False, True, 0.98, _ANY), 0.03),
                      (("Hộ kinh doanh", False, True, 0.5, _ANY), 0.05)]
        elif p == "tdp":
            fixed = [("Tổ trưởng Tổ dân phố", True, False, 0.25, (1965, 1988)),
                     ("Bí thư Chi bộ", False, False, 0.3, (1965, 1985)),
                     ("Tổ phó Tổ dân phố", False, False, 0.35, (1968, 1992)),
                     ("Chi hội trưởng Chi hội Phụ nữ", False, False, 1.0, (1970, 1995)),
                     ("Trưởng Ban công tác Mặt trận", False, False, 0.3, (1965, 1985))]
            filler = [(("Người lao động tự do", False, True, 0.45, _ANY), 0.4),
                      (("Hộ kinh doanh cá thể", False, True, 0.55, _ANY), 0.35),
                      (("Công nhân", False, True, 0.4, _ANY), 0.25)]
        elif p == "enterprise":
            fixed = [("Giám đốc", True, False, 0.2, _LEAD),
                     ("Phó Giám đốc", False, False, 0.3, (1968, 1988)),
                     ("Kế toán trưởng", False, False, 0.7, (1968, 1990)),
                     ("Trưởng phòng Kỹ thuật", False, False, 0.3, (1970, 1992))]
            filler = [(("Công nhân", False, True, 0.45, _ANY), 0.78),
                      (("Tổ trưởng sản xuất", False, True, 0.35, (1968, 1995)), 0.05),
                      (("Kỹ sư", False, True, 0.35, (1975, 2000)), 0.05),
                      (("Nhân viên văn phòng", False, False, 0.6, _ADULT), 0.08),
                      (("Lái xe", False, True, 0.02, _ADULT), 0.04)]
        elif p == "coop":
            fixed = [("Giám đốc Hợp tác xã", True, False, 0.3, _LEAD),
                     ("Phó Giám đốc Hợp tác xã", False, False, 0.35, (1968, 1992)),
                     ("Kế toán", False, False, 0.7, _ADULT)]
            filler = [(("Thành viên hợp tác xã", False, True, 0.5, _ANY), 1)]
        else:
            raise AssertionError(p)
        roles = fixed[:n]
        choices = [role for role, _ in filler]
        weights = [weight for _, weight in filler]
        roles += rng.choices(choices, weights, k=max(0, n - len(roles)))
        return roles

    def make_person(self, u: _Unit, role: _Role) -> _Person:
        rng = self.rng
        position, is_head, is_direct, p_female, (lo, hi) = role
        ethnicity = self.pick(u.mix) if u.mix else "Kinh"
        female = rng.random() < p_female
        gender = "female" if female else "male"
        name = self.person_name(ethnicity, female)
        birth = date(rng.randint(lo, hi), 1, 1) + timedelta(days=rng.randrange(365))
        cccd = self.cccd(ethnicity, female, birth, staff=u.profile not in ("village", "tdp"))
        person = _Person(self.next_id[Person], name, gender, ethnicity, is_head)
        row = self.sync_cols(Person)
        row.update(full_name=name, gender=gender, birth_date=birth, ethnicity=ethnicity,
                   citizen_id=cccd, position=position, unit_id=u.id, is_unit_head=is_head,
                   is_direct_worker=is_direct, note="",
                   search_key=person_search_key(name, cccd), sort_key=self.name_key(name))
        self.pending[Person].append(row)
        return person

    def name_key(self, name: str) -> str:
        key = self._name_keys.get(name)
        if key is None:
            key = self._name_keys[name] = name_sort_key(name)
        return key

    def person_name(self, ethnicity: str, female: bool) -> str:
        rng = self.rng
        names = data.NAME_SETS.get(ethnicity, data.NAME_SETS["Kinh"])
        family = rng.choice(names.family)
        middle_pool = names.female_middle if female else names.male_middle
        given_pool = names.female_given if female else names.male_given
        middle, given = rng.choice(middle_pool), rng.choice(given_pool)
        while given == middle:
            given = rng.choice(given_pool)
        return normalize(f"{family} {middle} {given}")

    def cccd(self, ethnicity: str, female: bool, birth: date, *, staff: bool) -> str:
        rng = self.rng
        if staff and ethnicity == "Kinh" and rng.random() < 0.4:
            province = rng.choice(data.OTHER_BIRTH_PROVINCES)
        elif rng.random() < 0.03:
            province = rng.choice(("011", "014", "010"))
        else:
            province = "012"
        century_digit = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        head = f"{province}{century_digit}{birth.year % 100:02d}"
        while True:
            number = f"{head}{rng.randrange(1_000_000):06d}"
            if number not in self.cccd_used:
                self.cccd_used.add(number)
                return number

    def make_person_history(self, u: _Unit, person: _Person) -> None:
        rng = self.rng
        quality = rng.random()
        p_excellent = 0.08 + 0.34 * quality + (0.15 if person.is_head else 0.0)
        if rng.random() < 0.008:
            self.make_discipline(u, person)
        for year in RATING_YEARS:
            r = rng.random()
            if r < 0.006:
                level = "KHTNV"
            elif r < 0.05:
                level = "HTNV"
            elif r < 0.05 + p_excellent:
                level = "HTXSNV"
            else:
                level = "HTTNV"
            if year in person.blocked and level in ("HTXSNV", "HTTNV"):
                level = "KHTNV" if year in person.warned and rng.random() < 0.4 else "HTNV"
            person.ratings[year] = level
            row = self.sync_cols(Rating)
            row.update(person_id=person.id, unit_id=None, year=year, level=level, note="")
            self.pending[Rating].append(row)

    def make_discipline(self, u: _Unit, person: _Person) -> None:
        rng = self.rng
        year = rng.choice(RATING_YEARS)
        form = "canh_cao" if rng.random() < 0.28 else "khien_trach"
        row = self.sync_cols(Discipline)
        if year == 2026 and rng.random() < 0.5:
            row.update(person_id=person.id, unit_id=None, form=form, status="under_review",
                       decision_number="", decision_date=None, effective_from=None,
                       effective_to=None,
                       reason=f"Đang xem xét kỷ luật: {_lower_first(rng.choice(data.DISCIPLINE_REASONS))}")
            person.under_review = True
        else:
            last = min(date(year, 12, 20), self.today - timedelta(days=7))
            decided = self.day_in(min(date(year, 2, 15), last), last)
            issuer_key, _issuer, abbrev = self.issuer(u, decided)
            number = self.decision_number(issuer_key, abbrev, decided)
            ends = decided + timedelta(days=365)
            row.update(person_id=person.id, unit_id=None, form=form, status="decided",
                       decision_number=number, decision_date=decided, effective_from=decided,
                       effective_to=ends, reason=rng.choice(data.DISCIPLINE_REASONS))
            person.blocked.update(range(decided.year, ends.year + 1))
            if form == "canh_cao":
                person.warned.update(range(decided.year, ends.year + 1))
        self.pending[Discipline].append(row)

    # -- issuers, decisions, money ---------------------------------------------------------
    def issuer(self, u: _Unit, day: date) -> tuple[str, str, str]:
        """(key, who signs, abbreviation) of the level that grants grassroots titles to u."""
        if u.agency is not None:
            return f"agency:{u.agency.code}", u.agency.issuer, u.agency.abbrev
        if u.profile in ("enterprise", "coop"):
            return f"unit:{u.id}", f"Giám đốc {u.name}", "GĐ" if u.profile == "enterprise" else "HTX"
        if u.commune is not None:
            if day < COMMUNES_SIGN_FROM:
                short = next(s for c, _, s in data.DISTRICTS if c == u.district)
                return f"district:{u.district}", f"Chủ tịch UBND {short}", "UBND"
            return (f"commune:{u.commune.id}", f"Chủ tịch UBND {_lower_first(u.commune.name)}",
                    "UBND")
        return "province", data.PROVINCE_ISSUER, "UBND"

    def decision_number(self, issuer_key: str, abbrev: str, day: date) -> str:
        volume = 3000 if issuer_key == "province" else 2200 if issuer_key.startswith(
            "district") else 700 if issuer_key.startswith(("agency", "commune")) else 60
        day_of_year = day.timetuple().tm_yday
        base = max(1, volume * day_of_year // 366)
        spread = max(3, volume // 40)
        attempt = 0
        while True:
            n = max(1, base + self.rng.randint(-spread, spread))
            key = (issuer_key, day.year, n)
            if key not in self.numbers_used:
                self.numbers_used.add(key)
                return f"{n:02d}/QĐ-{abbrev}"
            attempt += 1
            if attempt % 8 == 0:  # a busy stretch of the year: look further afield
                spread *= 2

    def decision(self, issuer: tuple[str, str, str], year: int, group: str,
                 when: Callable[[], date]) -> tuple[str, date, str]:
        """One decision per (issuer, achievement year, award group): number, date, signer."""
        key = (issuer[0], year, group)
        found = self.decisions.get(key)
        if found is None:
            day = when()
            found = (self.decision_number(issuer[0], issuer[2], day), day, issuer[1])
            self.decisions[key] = found
        return found

    def year_end(self, year: int) -> date:
        if self.rng.random() < 0.5:
            return self.day_in(date(year, 12, 16), date(year, 12, 30))
        return self.day_in(date(year + 1, 1, 5), date(year + 1, 1, 22))

    def award(self, *, lineage: str, year: int, decision: tuple[str, date, str],
              subject: str, person: _Person | None = None, unit: _Unit | None = None,
              household: str = "", achievement: str = "cong_trang",
              period: tuple[date, date] | None = None, note: str = "") -> bool:
        number, day, signer = decision
        code = self.kind_on(lineage, day)
        if code is None:
            return False
        kind_id, coef_i, coef_c, coef_h, _vf, _vt = self.kinds[code]
        coef = {"individual": coef_i, "collective": coef_c, "household": coef_h}[subject]
        start, end = period or (date(year, 1, 1), date(year, 12, 31))
        row = self.sync_cols(AwardRecord)
        row.update(person_id=person.id if person else None, unit_id=unit.id if unit else None,
                   household_name=household, award_kind_id=kind_id, year=year,
                   achievement_kind=achievement, period_from=start, period_to=end,
                   decision_number=number, decision_date=day, issuer=signer,
                   amount=award_amount(coef, self.base_salary_on(day)), note=note)
        self.pending[AwardRecord].append(row)
        return True

    def initiative(self, u: _Unit, person: _Person, year: int, *, scope: str) -> None:
        rng = self.rng
        if year >= self.today.year:
            end = min(date(year, 10, 31), self.today)
            start = min(date(year, 3, 1), end)
        else:
            start, end = date(year, 9, 1), date(year, 12, 10)
        if scope == "co_so":
            issuer = self.issuer(u, start)
            by = f"Hội đồng sáng kiến cơ sở ({issuer[1]})"
        elif scope == "tinh":
            issuer = ("province", data.PROVINCE_ISSUER, "UBND")
            by = "Hội đồng Sáng kiến tỉnh Lai Châu"
            person.province_initiative.add(year)
        else:
            issuer = ("ministry", "Bộ trưởng Bộ Khoa học và Công nghệ", "BKHCN")
            by = "Bộ Khoa học và Công nghệ (công nhận phạm vi toàn quốc)"
            person.province_initiative.add(year)
        group = _initiative_group(u.profile)
        minority = next((e for e, _ in u.mix if e != "Kinh"), "Mông")
        title = rng.choice(data.INITIATIVE_TITLES[group]).format(unit=u.name, eth=minority)
        # One recognition decision per issuer and year lists all its initiatives.
        number, day, _signer = self.decision(issuer, year, f"SANG_KIEN:{scope}",
                                             lambda: self.day_in(start, end))
        row = self.sync_cols(Initiative)
        row.update(person_id=person.id, unit_id=None, title=title, year=year, scope=scope,
                   decision_number=number, decision_date=day, recognised_by=by)
        self.pending[Initiative].append(row)

    # -- individual titles and awards ------------------------------------------------------
    def make_titles(self, u: _Unit, people: list[_Person]) -> None:
        rng = self.rng
        grassroots = u.profile in ("village", "tdp", "coop")
        p_ldtt = 0.74 if grassroots else 0.86 if u.profile == "enterprise" else 0.93
        share_cs = 0.45 if grassroots else 1.0
        for year in AWARD_YEARS:
            ldtt = [p for p in people if p.ratings[year] in ("HTXSNV", "HTTNV")
                    and year not in p.blocked and rng.random() < p_ldtt]
            if ldtt:
                decision = self.decision(self.issuer_for_year(u, year), year, "LDTT",
                                         partial(self.year_end, year))
                for person in ldtt:
                    if self.award(lineage="LDTT", year=year, decision=decision,
                                  subject="individual", person=person):
                        person.ldtt.add(year)
            # CSTĐ cơ sở: within the quota, among LĐTT rated HTXSNV, each with an initiative.
            candidates = [p for p in ldtt if p.ratings[year] == "HTXSNV"]
            quota = int(len(ldtt) * self.cstdcs_quota)
            k = min(len(candidates), round(quota * rng.uniform(0.55, 1.0) * share_cs))
            chosen = rng.sample(candidates, k) if k else []
            if chosen:
                decision = self.decision(self.issuer_for_year(u, year), year, "CSTDCS",
                                         partial(self.year_end, year))
                for person in chosen:
                    r = rng.random()
                    scope = "toan_quoc" if r < 0.002 else "tinh" if r < 0.07 else "co_so"
                    self.initiative(u, person, year, scope=scope)
                    if self.award(lineage="CSTDCS", year=year, decision=decision,
                                  subject="individual", person=person):
                        person.cstdcs.add(year)
            chosen_ids = {p.id for p in chosen}
            for person in people:
                if person.ratings[year] == "HTXSNV" and person.id not in chosen_ids \
                        and rng.random() < 0.03:
                    self.initiative(u, person, year, scope="co_so")
            self.make_higher_individual(u, people, year)
            self.make_giay_khen(u, people, year)
        # 2026: initiatives recognised so far and a few ad-hoc awards (no year-end titles yet).
        for person in people:
            if person.ratings[2026] == "HTXSNV" and rng.random() < 0.1:
                self.initiative(u, person, 2026, scope="co_so")
            if rng.random() < 0.001:
                self.ad_hoc(u, person, 2026)

    def issuer_for_year(self, u: _Unit, year: int) -> tuple[str, str, str]:
        """Year-end titles of ``year`` are signed in Dec/Jan: districts until the 2024 titles."""
        return self.issuer(u, date(year + 1, 1, 31) if year < 2025 else COMMUNES_SIGN_FROM)

    def make_higher_individual(self, u: _Unit, people: list[_Person], year: int) -> None:
        rng = self.rng
        province = ("province", data.PROVINCE_ISSUER, "UBND")
        for person in people:
            if year in person.blocked:
                continue
            # CSTĐ cấp tỉnh: three consecutive CSTĐ cơ sở and a provincial-scope initiative.
            if {year - 2, year - 1, year} <= person.cstdcs and person.province_initiative & {
                    year - 2, year - 1, year} and rng.random() < 0.6:
                decision = self.decision(province, year, "CSTD_TINH",
                                         partial(self.day_in, date(year + 1, 1, 10),
                                                                    date(year + 1, 1, 28)))
                self.award(lineage="CSTD_TINH", year=year, decision=decision,
                           subject="individual", person=person,
                           period=(date(year - 2, 1, 1), date(year, 12, 31)))
            # Bằng khen tỉnh: two consecutive CSTĐ cơ sở (Luật 2022 Điều 74.1.d).
            if {year - 1, year} <= person.cstdcs and rng.random() < 0.35:
                decision = self.decision(province, year, "BK_TINH",
                                         partial(self.day_in, date(year + 1, 1, 10),
                                                                    date(year + 1, 1, 28)))
                self.award(lineage="BK_TINH", year=year, decision=decision, subject="individual",
                           person=person, period=(date(year - 1, 1, 1), date(year, 12, 31)))
            # The 2023 special movement closed on 30/10/2023 with province certificates.
            elif year == 2023 and person.ratings[2023] == "HTXSNV" and rng.random() < 0.004:
                decision = self.decision(province, 2023, "BK_TINH_DAC_BIET",
                                         lambda: self.day_in(date(2023, 11, 20), date(2023, 12, 8)))
                self.award(lineage="BK_TINH", year=2023, decision=decision, subject="individual",
                           person=person, achievement="chuyen_de",
                           period=(date(2023, 5, 30), date(2023, 10, 30)),
                           note="Thành tích trong Phong trào thi đua đặc biệt chào mừng các ngày "
                                "kỷ niệm của tỉnh năm 2023 - 2024")

    def make_giay_khen(self, u: _Unit, people: list[_Person], year: int) -> None:
        rng = self.rng
        for person in people:
            if year in person.blocked:
                continue
            r = rng.random()
            if r < 0.035:
                if person.ratings[year] == "HTXSNV":
                    decision = self.decision(self.issuer_for_year(u, year), year, "GK",
                                             partial(self.year_end, year))
                    self.award(lineage="GIAY_KHEN", year=year, decision=decision,
                               subject="individual", person=person)
            elif r < 0.05:
                movement = rng.choice(data.THEMATIC_MOVEMENTS)
                decision = self.decision(self.issuer(u, date(year, 11, 1)), year,
                                         f"GK_CD:{movement}",
                                         partial(self.day_in, date(year, 10, 15),
                                                                    date(year, 11, 30)))
                self.award(lineage="GIAY_KHEN", year=year, decision=decision,
                           subject="individual", person=person, achievement="chuyen_de",
                           note=f"Thành tích trong phong trào thi đua {movement}")
            elif r < 0.0515:
                self.ad_hoc(u, person, year)

    def ad_hoc(self, u: _Unit, person: _Person, year: int) -> None:
        last = min(date(year, 12, 20), self.today - timedelta(days=3))
        day = self.day_in(min(date(year, 2, 1), last), last)
        issuer = self.issuer(u, day)
        decision = (self.decision_number(issuer[0], issuer[2], day), day, issuer[1])
        self.award(lineage="GIAY_KHEN", year=year, decision=decision, subject="individual",
                   person=person, achievement="dot_xuat",
                   period=(day - timedelta(days=20), day - timedelta(days=5)),
                   note=self.rng.choice(data.AD_HOC_DEEDS))

    # -- collectives -----------------------------------------------------------------------
    def make_collective_history(self, u: _Unit, people: list[_Person]) -> None:
        rng = self.rng
        province = ("province", data.PROVINCE_ISSUER, "UBND")
        years = range(FIRST_YEAR, 2025) if u.kind is UnitKind.DISTRICT else RATING_YEARS
        for year in years:
            if people:
                share = sum(p.ratings[year] == "HTXSNV" for p in people) / len(people)
                weak = any(p.ratings[year] == "KHTNV" for p in people)
            else:
                share, weak = rng.uniform(0.2, 0.6), False
            r = rng.random()
            if r < 0.01:
                level = "HTNV"
            elif share >= 0.28 and r < 0.75 and not weak:
                level = "HTXSNV"
            elif r < 0.06:
                level = "HTNV"
            else:
                level = "HTTNV"
            u.ratings[year] = level
            row = self.sync_cols(Rating)
            row.update(person_id=None, unit_id=u.id, year=year, level=level, note="")
            self.pending[Rating].append(row)
        for year in AWARD_YEARS:
            if year not in u.ratings:
                continue
            self.make_collective_titles(u, people, year, province)

    def make_collective_titles(self, u: _Unit, people: list[_Person], year: int,
                               province: tuple[str, str, str]) -> None:
        rng = self.rng
        level = u.ratings[year]
        late = partial(self.day_in, date(year + 1, 1, 10), date(year + 1, 1, 28))
        if u.profile in ("village", "tdp"):
            if year >= 2024 and level in ("HTXSNV", "HTTNV") and rng.random() < 0.6:
                decision = self.decision(self.issuer_for_year(u, year), year, "THON_VH",
                                         partial(self.year_end, year))
                self.award(lineage="THON_VH", year=year, decision=decision, subject="collective",
                           unit=u)
            elif rng.random() < 0.05:
                decision = self.decision(self.issuer_for_year(u, year), year, "GK_TT",
                                         partial(self.year_end, year))
                self.award(lineage="GIAY_KHEN", year=year, decision=decision,
                           subject="collective", unit=u)
            return
        if people and u.profile != "agency":
            n = len(people)
            ldtt = sum(year in p.ldtt for p in people)
            has_cstdcs = any(year in p.cstdcs for p in people)
            all_done = all(p.ratings[year] != "KHTNV" for p in people)
            warned = any(year in p.warned for p in people)
            excellent = (level == "HTXSNV" and all_done and ldtt >= 0.7 * n and has_cstdcs
                         and not warned)
            advanced = level in ("HTXSNV", "HTTNV") and ldtt >= 0.5 * n and not warned
        else:  # departments and former districts: judged on their own results
            excellent = level == "HTXSNV"
            advanced = level in ("HTXSNV", "HTTNV")
        titled = False
        if excellent and rng.random() < 0.5:
            decision = self.decision(province, year, "TTLDXS", late)
            titled = self.award(lineage="TTLDXS", year=year, decision=decision,
                                subject="collective", unit=u)
            if titled and rng.random() < 0.12:
                decision = self.decision(province, year, "CO_TD_TINH", late)
                self.award(lineage="CO_TD_TINH", year=year, decision=decision,
                           subject="collective", unit=u,
                           note="Đơn vị dẫn đầu khối, cụm thi đua của tỉnh")
        if not titled and advanced and u.kind is not UnitKind.DISTRICT and rng.random() < 0.9:
            decision = self.decision(self.issuer_for_year(u, year), year, "TTLDTT",
                                     partial(self.year_end, year))
            self.award(lineage="TTLDTT", year=year, decision=decision, subject="collective",
                       unit=u)
        if level == "HTXSNV" and u.ratings.get(year - 1) == "HTXSNV" and rng.random() < 0.12:
            decision = self.decision(province, year, "BK_TINH_TT", late)
            self.award(lineage="BK_TINH", year=year, decision=decision, subject="collective",
                       unit=u, period=(date(year - 1, 1, 1), date(year, 12, 31)))
        elif advanced and u.kind is not UnitKind.DISTRICT and rng.random() < 0.06:
            decision = self.decision(self.issuer_for_year(u, year), year, "GK_TT",
                                     partial(self.year_end, year))
            self.award(lineage="GIAY_KHEN", year=year, decision=decision, subject="collective",
                       unit=u)
        if u.kind in (UnitKind.COMMUNE, UnitKind.WARD) and year >= 2024 and excellent \
                and rng.random() < 0.25:
            decision = self.decision(province, year, "XA_TB", late)
            self.award(lineage="XA_TB", year=year, decision=decision, subject="collective",
                       unit=u, note="Dẫn đầu phong trào thi đua của tỉnh")

    def make_household_awards(self, u: _Unit, people: list[_Person]) -> None:
        rng = self.rng
        farmers = [p for p in people if not p.is_head]
        assert u.commune is not None
        for year in AWARD_YEARS:
            count = min(len(farmers), rng.choice((0, 0, 1, 1, 2)))
            households = set()
            for head in rng.sample(farmers, count):
                title = "bà" if head.gender == "female" else "ông"
                household = (f"Hộ {title} {head.name}, {u.name}, "
                             f"{_lower_first(u.commune.name)}")
                if household in households:  # two villagers of the same name
                    continue
                households.add(household)
                movement = rng.choice(data.THEMATIC_MOVEMENTS[1:3])
                decision = self.decision(self.issuer(u, date(year, 11, 1)), year,
                                         f"GK_HGD:{movement}",
                                         partial(self.day_in, date(year, 10, 15),
                                                                    date(year, 11, 30)))
                self.award(lineage="GIAY_KHEN", year=year, decision=decision, subject="household",
                           household=household, achievement="chuyen_de",
                           note=f"Hộ gia đình tiêu biểu trong phong trào thi đua {movement}")


# --------------------------------------------------------------------------------------------
def _memoised(process: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if process is None:
        return None
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = process(value)
            return result

    return convert


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _blend(a: tuple[tuple[str, int], ...], b: tuple[tuple[str, int], ...]
           ) -> tuple[tuple[str, int], ...]:
    """Half of one ethnic mix and half of another (weights normalised to 1,000 each)."""
    total_a, total_b = sum(w for _, w in a), sum(w for _, w in b)
    merged: dict[str, int] = {}
    for group, weight in a:
        merged[group] = merged.get(group, 0) + 1000 * weight // total_a
    for group, weight in b:
        merged[group] = merged.get(group, 0) + 1000 * weight // total_b
    return tuple(merged.items())


def _office_name(office: str, agency: str) -> str:
    """"Văn phòng Sở" -> "Văn phòng Sở Nội vụ"; "Phòng Ngân sách" -> "Phòng Ngân sách, Sở Tài chính"
    (as decisions write them, and unique across the province)."""
    if office == "Văn phòng Sở":
        return f"Văn phòng {agency}"
    if office == "Văn phòng":
        return f"Văn phòng {agency}"
    return f"{office}, {agency}"


def _office_titles(name: str) -> tuple[str, str]:
    if name.startswith("Văn phòng"):
        return "Chánh Văn phòng", "Phó Chánh Văn phòng"
    if name.startswith("Ban "):
        return "Trưởng ban", "Phó Trưởng ban"
    if name.startswith("Chi cục"):
        return "Chi cục trưởng", "Phó Chi cục trưởng"
    if name.startswith(("Trung tâm", "Bảo tàng", "Thư viện")):
        return "Giám đốc", "Phó Giám đốc"
    return "Trưởng phòng", "Phó Trưởng phòng"


def _initiative_group(profile: str) -> str:
    return {
        "school": "school", "school_mn": "school", "hospital": "hospital", "tram": "hospital",
        "commune": "commune", "village": "village", "tdp": "village", "coop": "village",
        "enterprise": "enterprise",
    }.get(profile, "office")

