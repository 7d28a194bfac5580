"""Set-based first arrival of plain records, for the import on SQLite.

A province-scale package is mostly records nobody here has seen (ratings, award history,
initiatives…): each becomes a new row and a shadow. Doing that record by record in Python
costs several times SQLite's own insert. Here the entity's lines go raw into a temporary
table, and SQLite itself picks the records that are *plainly* new — valid JSON without
escapes, a well-formed envelope, not a tombstone, every field of the right type and clean,
every reference resolving, the UUID unknown here — and writes their rows and shadows with
``INSERT … SELECT``. Everything else (a record here already, a shadow, an alias, a value
that needs tidying or is refused, a duplicate UUID) goes through the planner's ordinary
record-by-record path, which explains and decides it. People and nominations sent up come
this way too, with what the planner does besides (``Arrival``): the person form's rules, no
one here or earlier in the package who may be the same person; a nomination placed in the
officer's round as received. The conditions are only ever
*sufficient*: a record taken here is one the planner would have written the same way
(``tests/unit/test_sync_staged.py`` imports the same packages both ways and compares every
row and shadow).
"""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, String, Text
from sqlalchemy.engine import Connection

from desktop.domain.vntext import fold, is_clean_line
from desktop.services.sync.archive import parse_line
from desktop.services.sync.entities import AWARD_KIND, BY_NAME, FILE_ENTITIES, EntitySpec

# Entities whose records nothing else points at and whose arrival decides nothing but
# "new": no natural key, no upper or placement fields, no files, no matching of people.
# The one rule the forms apply to them besides types, as SQL (see ``_rules``).
RULES_SQL: dict[str, str] = {"award_records": "({amount} IS NULL OR {amount} >= 0)",
                             "decision_lines": "{amount} >= 0"}
# The keys of a record's envelope, as the exporter writes them.
_ENVELOPE_KEYS = ("uuid", "owner", "version", "created_at", "updated_at", "deleted", "fields")
# A live record's envelope exactly as the exporter writes it, read in Python while the line is
# staged (one match per line instead of nine JSON look-ups in SQL): a UUID as the planner
# accepts it, the owner, a version from 1 to 15 digits (below 2**53), the time of creation
# (checked in SQL), not a tombstone, then the fields object. Only a line without escapes and
# with exactly the expected keys counts (each key once: these seven are all here), so SQLite
# and Python read these values alike; any other line goes to the planner.
_ENVELOPE = re.compile(
    r'\{"uuid":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",'
    r'"owner":"([^"]*)","version":([1-9][0-9]{0,14}),"created_at":"([^"]*)",'
    r'"updated_at":"[^"]*","deleted":false,"fields":\{')
MAX_INT = 2**53


def column_kind(spec: EntitySpec, column: Any) -> str:
    """How a column's value is checked in SQL, or "" when only the planner may check it."""
    if column.name in spec.refs:
        return "ref"
    kind = column.type
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, (Float, Numeric)):
        return ""
    if isinstance(kind, DateTime):
        return "time"
    if isinstance(kind, Date):
        return "day"
    if isinstance(kind, (String, Text)):
        return "text"
    return ""


def eligible(spec: EntitySpec, referenced: frozenset[str], ruled: frozenset[str]) -> bool:
    """Whether an entity's new records may arrive set-based (``ruled``: entities the
    planner applies rules to besides types; only those with ``RULES_SQL`` may)."""
    if (spec.name in referenced or spec.natural_key or spec.upper_fields or spec.placement
            or spec.derived or spec.name in FILE_ENTITIES):
        return False
    if spec.name in ruled and spec.name not in RULES_SQL:
        return False
    for column in spec.columns:
        target = spec.refs.get(column.name)
        if target is not None and (target == spec.name
                                   or (target != AWARD_KIND and target not in BY_NAME)):
            return False
        if not column_kind(spec, column):
            return False
    return all(spec.field_name(c.name).isidentifier() for c in spec.columns)


@dataclass(frozen=True)
class Arrival:
    """What one entity's set-based arrival does besides types and references; the defaults
    are a plain entity's. Each part is a *sufficient* condition the planner would agree with:
    a record it does not take goes to the planner."""

    # an SQL condition on the fields (``v_<field>``): the forms' simple rules
    rule: str = ""
    # column → the value stored whatever the package says (where a received record is
    # placed: the officer's round, "Đã tiếp nhận"); the package's value is still type-checked
    fixed: Mapping[str, Any] = field(default_factory=dict)
    # the forms' other rules in Python, on these fields' JSON values: True when they pass
    check: Callable[..., bool] | None = None
    check_fields: tuple[str, ...] = ()
    # derived column → (function, the fields it is computed from)
    derived: Mapping[str, tuple[Callable[..., str], tuple[str, ...]]] = field(default_factory=dict)
    # a field two records of one package may not share (the planner keeps the first line's):
    # taken here only when no other line holds it and no earlier line may hold it unseen;
    # ``plain_unique`` is an SQL condition on ``v``: the value is exactly as it is stored
    unique: str = ""
    plain_unique: str = ""
    # SQL: nothing here the record might be the same as (the planner proposes a match)
    unmatched: str = ""


def _sha256(utf8: bytes) -> str:
    """SHA-256 of a text SQLite hands over as its UTF-8 bytes (``CAST(… AS BLOB)`` in a UTF-8
    database: no decoding into Python and encoding back per record)."""
    return hashlib.sha256(utf8).hexdigest()


class StagedArrival:
    """One entity's lines through the temporary tables; what is left for the planner is
    handed back as (line number, parsed record)."""

    def __init__(self, conn: Connection, spec: EntitySpec, peer_uuid: str, now: datetime,
                 will_exist: dict[str, set[str]], arrival: Arrival | None = None,
                 copied: dict[str, set[str]] | None = None) -> None:
        """``copied``: what of ``will_exist`` earlier entities of the same import already put
        in ``temp.sync_will_exist`` (the caller then drops that table when the import ends);
        without it the table lives as long as this entity."""
        self.conn, self.spec, self.peer, self.will_exist = conn, spec, peer_uuid, will_exist
        self.shared = copied is not None
        self.copied: dict[str, set[str]] = {} if copied is None else copied
        self.arrival = arrival or Arrival()
        self.now = now  # bound like the planner's rows: sqlite3's own datetime adapter
        raw = self._driver()
        raw.create_function("tdkt_sha256", 1, _sha256, deterministic=True)
        raw.create_function("tdkt_fold", 1, fold, deterministic=True)
        if self.arrival.check is not None:
            raw.create_function("tdkt_check", len(self.arrival.check_fields), self.arrival.check,
                                deterministic=True)
        for i, (function, names) in enumerate(self.arrival.derived.values()):
            raw.create_function(f"tdkt_derived_{i}", len(names), function, deterministic=True)
        self._aliased: dict[str, bool] = {}
        self._staged = 0
        self._unique_uuids = False  # until the staging finds every UUID once

    def _driver(self) -> sqlite3.Connection:
        raw = self.conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the set-based way is SQLite's
        return raw

    # -- the steps ------------------------------------------------------------------------
    def stage(self, zf: zipfile.ZipFile, entry: str) -> int:
        """The entry's non-blank lines into ``temp.sync_staged``; how many."""
        ex = self.conn.exec_driver_sql
        ex("CREATE TEMP TABLE IF NOT EXISTS sync_staged (number INTEGER PRIMARY KEY, "
           "line TEXT NOT NULL, plain INTEGER NOT NULL, uuid TEXT, owner TEXT, version INTEGER, "
           "created_at TEXT)")
        ex("DELETE FROM temp.sync_staged")
        seen: set[str] = set()
        self._unique_uuids = True

        # Without escapes a '":' ends a key and nothing else: a plain line has exactly the
        # envelope's and the fields' keys, none repeated (SQLite reads a repeated key's
        # first value, Python, and so the planner, its last)
        keys = len(_ENVELOPE_KEYS) + len(self.spec.columns)
        envelope = _ENVELOPE.match
        nothing = (None, None, None, None)

        def lines(text: Iterator[str]) -> Iterator[tuple[Any, ...]]:
            """Non-blank lines, whether each is plain and if so its envelope; on the way,
            whether any UUID is written twice (the exporter's lines begin with it:
            '{"uuid":"' and 36 characters), so SQLite need not sort them all to find out."""
            for number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                if self._unique_uuids:
                    if line.startswith('{"uuid":"') and line[45:46] == '"':
                        identity = line[9:45]
                        self._unique_uuids = identity not in seen
                        seen.add(identity)
                    else:  # another writer's order: SQLite finds any twice
                        self._unique_uuids = False
                plain = "\\" not in line and line.count('":') == keys
                found = envelope(line) if plain else None
                yield ((number, line, 1, *found.groups()) if found is not None
                       else (number, line, int(plain), *nothing))

        with zf.open(entry) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            # streamed by the driver itself: the entry is never whole in memory
            self._driver().executemany(
                "INSERT INTO temp.sync_staged (number, line, plain, uuid, owner, version, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", lines(text))
        seen.clear()
        self._staged = int(ex("SELECT count(*) FROM temp.sync_staged").scalar_one())
        return self._staged

    def write(self) -> int:
        """Rows and shadows of the plainly new records; how many were written."""
        ex = self.conn.exec_driver_sql
        self._stage_will_exist()
        ex("DROP TABLE IF EXISTS temp.sync_candidates")
        ex(f"CREATE TEMP TABLE sync_candidates AS {self._extract_sql()}")
        self._check_texts()
        self._check_days()
        ex("DROP TABLE IF EXISTS temp.sync_chosen")
        sql, params = self._choose_sql()
        ex(f"CREATE TEMP TABLE sync_chosen AS {sql}", params)
        derived = list(self.arrival.derived)
        columns = ["uuid", "owner_uuid", "version", "created_at", "updated_at",
                   *(c.name for c in self.spec.columns), *derived]
        quoted = ", ".join(f'"{c}"' for c in columns)
        stored = [f"c_{c.name}" for c in self.spec.columns] + [f"d_{c}" for c in derived]
        ex(f'INSERT INTO "{self.spec.table.name}" ({quoted}) SELECT uuid, owner, 1, created, ?, '
           f"{', '.join(stored)} FROM temp.sync_chosen ORDER BY number", (self.now,))
        ex("INSERT INTO sync_shadows (entity, record_uuid, peer_uuid, peer_version, content_hash) "
           "SELECT ?, uuid, ?, version, content_hash FROM temp.sync_chosen",
           (self.spec.name, self.peer))
        written = int(ex("SELECT count(*) FROM temp.sync_chosen").scalar_one())
        if written == self._staged:  # a first import: nothing is left
            ex("DELETE FROM temp.sync_staged")
        else:  # what is left in the staging table is the planner's
            ex("DELETE FROM temp.sync_staged WHERE number IN (SELECT number FROM temp.sync_chosen)")
        return written

    def chosen(self, *columns: str) -> list[tuple[Any, ...]]:
        """What was written, in line order: ``uuid`` and stored columns (``c_<column>``)."""
        return [tuple(row) for row in self.conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM temp.sync_chosen ORDER BY number")]

    def written_ids(self) -> list[int]:
        """The row ids of what was written, in line order."""
        return [int(i) for i, in self.conn.exec_driver_sql(
            f'SELECT r.id FROM temp.sync_chosen c JOIN "{self.spec.table.name}" r '
            "ON r.uuid = c.uuid ORDER BY c.number")]

    def left_over(self, entry: str, page: int = 2000) -> Iterator[tuple[int, dict[str, Any]]]:
        """The lines the planner decides, in order, parsed as ``iter_lines`` would; read a
        page at a time (a package sent again leaves every line to the planner)."""
        last = 0
        while True:
            rows = self.conn.exec_driver_sql(
                "SELECT number, line FROM temp.sync_staged WHERE number > ? ORDER BY number "
                "LIMIT ?",
                (last, page)).all()
            if not rows:
                return
            for number, line in rows:
                yield number, parse_line(entry, number, line)
            last = rows[-1][0]

    def drop(self) -> None:
        names = ["sync_staged", "sync_candidates", "sync_chosen", "sync_clean", "sync_days",
                 "sync_times"]
        for name in names if self.shared else [*names, "sync_will_exist"]:
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")

    # -- SQL ----------------------------------------------------------------------------------
    def _stage_will_exist(self) -> None:
        """What the planner already decided will exist (earlier entities of this package),
        for the references that point at it."""
        ex = self.conn.exec_driver_sql
        ex("CREATE TEMP TABLE IF NOT EXISTS sync_will_exist "
           "(entity TEXT NOT NULL, uuid TEXT NOT NULL, PRIMARY KEY (entity, uuid))")
        for target in sorted(set(self.spec.refs.values()) & BY_NAME.keys()):
            copied = self.copied.setdefault(target, set())
            new = self.will_exist.get(target, set()) - copied
            if new:
                ex("INSERT OR IGNORE INTO temp.sync_will_exist (entity, uuid) VALUES (?, ?)",
                   [(target, u) for u in new])
                copied |= new

    def _fields(self) -> list[tuple[str, str, Any]]:
        return [(self.spec.field_name(c.name), column_kind(self.spec, c), c)
                for c in self.spec.columns]

    def _extract_sql(self) -> str:
        """Each line's envelope and fields as columns (SQLite parses a line once per row)."""
        # (the envelope was read while staging, ``_ENVELOPE``; a plain line written in
        # another order is a candidate too, never chosen, but its UUID and fields count in
        # the checks for values two lines share)
        parts = ["number", "uuid IS NOT NULL AS enveloped",
                 "COALESCE(uuid, json_extract(line, '$.uuid')) AS uuid", "owner",
                 "version", "created_at"]
        for name, kind, column in self._fields():
            value = f"json_extract(line, '$.fields.{name}')"
            parts.append(f"{value} AS v_{name}")
            parts.append(f"json_type(line, '$.fields.{name}') AS t_{name}")
            if kind == "ref" and column.name not in self.arrival.fixed:
                # the row it points at, looked up once
                parts.append(f"{self._ref_id(column.name, value)} AS i_{name}")
        return (f"SELECT {', '.join(parts)} FROM temp.sync_staged "
                "WHERE plain AND json_valid(line)")

    def _check_texts(self) -> None:
        """Texts beyond plain ASCII are checked by ``is_clean_line`` once per distinct value
        (an issuer or a rating repeats thousands of times): ``temp.sync_clean``."""
        texts = [f"v_{name}" for name, kind, _column in self._fields() if kind == "text"]
        self._check_once("sync_clean", [(v, f"t_{v[2:]} = 'text' AND NOT ({_plain_ascii(v)})")
                                        for v in texts], is_clean_line)

    def _check_days(self) -> None:
        """Dates (a handful repeat: 01/01, 31/12 of each year) and the seconds of times
        (records made together share them), each checked once as the planner reads them
        (``date``/``datetime.fromisoformat``): ``temp.sync_days``, ``temp.sync_times``."""
        fields = self._fields()
        self._check_once("sync_days", [(f"v_{name}", f"t_{name} = 'text'")
                                       for name, kind, _column in fields if kind == "day"],
                         _is_day)
        times = [("substr(created_at, 1, 19)", "typeof(created_at) = 'text'")]
        times += [(f"substr(v_{name}, 1, 19)", f"t_{name} = 'text'")
                  for name, kind, _column in fields if kind == "time"]
        self._check_once("sync_times", times, _is_second)

    def _check_once(self, table: str, values: list[tuple[str, str]],
                    check: Callable[[Any], bool]) -> None:
        """The distinct values of these (expression, condition) pairs over the candidates
        that pass ``check``, into ``temp.<table>`` (emptied first)."""
        ex = self.conn.exec_driver_sql
        ex(f"CREATE TEMP TABLE IF NOT EXISTS {table} (value TEXT PRIMARY KEY) WITHOUT ROWID")
        ex(f"DELETE FROM temp.{table}")
        if not values:
            return
        union = " UNION ".join(f"SELECT {expr} AS value FROM temp.sync_candidates WHERE {where}"
                               for expr, where in values)
        # each value once, read whole before writing the same database
        rows = ex(f"SELECT DISTINCT value FROM ({union})").scalars().all()
        self._driver().executemany(f"INSERT INTO temp.{table} (value) VALUES (?)",
                                   ((v,) for v in rows if check(v)))

    def _first_unseen(self) -> int:
        """The first line whose ``unique`` field SQL cannot read as stored (not a candidate,
        or a value the planner would tidy first): no record after it is taken here, since
        that line may claim the value first."""
        unique = self.arrival.unique
        if not unique:
            return MAX_INT
        plain = self.arrival.plain_unique.format(v=f"v_{unique}")
        first = self.conn.exec_driver_sql(
            "SELECT min(number) FROM (SELECT number FROM temp.sync_staged WHERE number NOT IN "
            "(SELECT number FROM temp.sync_candidates) UNION ALL SELECT number FROM "
            f"temp.sync_candidates WHERE t_{unique} <> 'null' AND NOT ({plain}))").scalar()
        return MAX_INT if first is None else int(first)

    def _choose_sql(self) -> tuple[str, tuple[Any, ...]]:
        """The choice of plainly new records, and its parameters."""
        spec, arrival = self.spec, self.arrival
        ex = self.conn.exec_driver_sql
        params: list[Any] = []
        where = ["enveloped", _timestamp("created_at"),
                 # unknown here: no row, no shadow of an earlier import, no alias
                 f'NOT EXISTS (SELECT 1 FROM "{spec.table.name}" t WHERE t.uuid = c.uuid)']
        if not self._unique_uuids:  # no UUID twice in the entry (the planner decides those)
            where.append("uuid NOT IN (SELECT uuid FROM temp.sync_candidates WHERE uuid IS "
                         "NOT NULL GROUP BY uuid HAVING count(*) > 1)")
        # (each looked up per record only when this sender's shadows, or merges, exist)
        if ex("SELECT 1 FROM sync_shadows WHERE entity = ? AND peer_uuid = ? LIMIT 1",
              (spec.name, self.peer)).first() is not None:
            where.append("NOT EXISTS (SELECT 1 FROM sync_shadows h WHERE h.entity = ? AND "
                         "h.record_uuid = c.uuid AND h.peer_uuid = ?)")
            params += [spec.name, self.peer]
        if self._aliases_for(spec.name):
            where.append("NOT EXISTS (SELECT 1 FROM sync_aliases a WHERE a.entity = ? AND "
                         "a.foreign_uuid = c.uuid)")
            params.append(spec.name)
        values: list[str] = []
        hashed: list[tuple[str, str]] = []
        for name, kind, column in self._fields():
            v, t = f"v_{name}", f"t_{name}"
            null_ok = kind == "ref" or column.nullable
            check, stored, as_json = _typed(kind, v, t, column)
            if kind == "ref":
                # a placed reference is only read as one (the planner does not resolve it)
                check, stored = ((f"{t} = 'text'", "NULL") if column.name in arrival.fixed
                                 else self._ref(column.name, name))
            where.append(f"({t} = 'null' OR ({check}))" if null_ok else f"({check})")
            if column.name in arrival.fixed:
                values.append(f"{_literal(arrival.fixed[column.name])} AS c_{column.name}")
            else:
                values.append(
                    f"CASE WHEN {t} = 'null' THEN NULL ELSE {stored} END AS c_{column.name}")
            if name in spec.content_fields():
                hashed.append((name, f"CASE WHEN {t} = 'null' THEN NULL ELSE {as_json} END"))
        if spec.name in RULES_SQL:
            where.append(RULES_SQL[spec.name].format(amount="v_amount"))
        if arrival.rule:
            where.append(f"({arrival.rule})")
        if arrival.check is not None:
            where.append(f"tdkt_check({', '.join(f'v_{n}' for n in arrival.check_fields)})")
        if arrival.unmatched:
            where.append(f"({arrival.unmatched})")
        if arrival.unique:
            v = f"v_{arrival.unique}"
            where.append(f"number < ? AND ({v} IS NULL OR {v} = '' OR {v} NOT IN (SELECT {v} "
                         f"FROM temp.sync_candidates WHERE {v} IS NOT NULL GROUP BY {v} "
                         "HAVING count(*) > 1))")
            params.append(self._first_unseen())
        for i, (_function, names) in enumerate(arrival.derived.values()):
            values.append(f"tdkt_derived_{i}({', '.join(f'v_{n}' for n in names)}) "
                          f"AS d_{list(arrival.derived)[i]}")
        hashed.append(("__deleted", "json('false')"))
        pairs = ", ".join(f"'{k}', {expr}" for k, expr in sorted(hashed))
        return (f"SELECT number, uuid, owner, version, {_stored_time('created_at')} AS created, "
                f"{', '.join(values)}, tdkt_sha256(CAST(json_object({pairs}) AS BLOB)) AS content_hash "
                f"FROM temp.sync_candidates c WHERE {' AND '.join(where)}", tuple(params))

    def _ref_id(self, column: str, value: str) -> str:
        """The id of what a reference names here (through an alias the officer made when
        merging); for an award kind, of the live catalog entry with that code."""
        target = self.spec.refs[column]
        if target == AWARD_KIND:
            return (f"(SELECT k.id FROM award_kinds k WHERE k.code = {value} "
                    "AND k.deleted_at IS NULL)")
        local = self._local(target, value)
        return f'(SELECT r.id FROM "{BY_NAME[target].table.name}" r WHERE r.uuid = {local})'

    def _local(self, target: str, value: str) -> str:
        if self._aliases_for(target):
            return (f"COALESCE((SELECT a.local_uuid FROM sync_aliases a WHERE a.entity = "
                    f"'{target}' AND a.foreign_uuid = {value}), {value})")
        return value

    def _aliases_for(self, target: str) -> bool:
        if target not in self._aliased:
            self._aliased[target] = self.conn.exec_driver_sql(
                "SELECT 1 FROM sync_aliases WHERE entity = ? LIMIT 1", (target,)).first() is not None
        return self._aliased[target]

    def _ref(self, column: str, name: str) -> tuple[str, str]:
        """(the reference resolves: to something live here or that this import brings, the
        id stored)."""
        target = self.spec.refs[column]
        v, i = f"v_{name}", f"i_{name}"
        if target == AWARD_KIND:
            return f"{_text(v)} AND {i} IS NOT NULL", i
        table = BY_NAME[target].table.name
        live = (f"(EXISTS (SELECT 1 FROM \"{table}\" r WHERE r.id = {i} AND r.deleted_at IS NULL) "
                f"OR EXISTS (SELECT 1 FROM temp.sync_will_exist w WHERE w.entity = '{target}' "
                f"AND w.uuid = {self._local(target, v)}))")
        return f"{_text(v)} AND {i} IS NOT NULL AND {live}", i


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")


def _reads_as(form: re.Pattern[str], parse: Callable[[str], Any]) -> Callable[[Any], bool]:
    """A check that a value is written exactly in ``form`` and that ``parse`` (how the
    planner reads it) accepts it: an instant that exists."""
    def check(value: Any) -> bool:
        if not isinstance(value, str) or form.fullmatch(value) is None:
            return False
        try:
            parse(value)
        except ValueError:
            return False
        return True
    return check


# YYYY-MM-DD, a day that exists (30 February does not)
_is_day = _reads_as(_DAY, date.fromisoformat)
# YYYY-MM-DDTHH:MM:SS, an instant that exists (no 30 February, no 24:00 or second 60)
_is_second = _reads_as(_SECOND, datetime.fromisoformat)


def _plain_ascii(v: str) -> str:
    """Printable ASCII without edge or double spaces: clean as it is, without asking Python."""
    return (f"{v} NOT GLOB '*[^ -~]*' AND {v} NOT GLOB ' *' AND {v} NOT GLOB '* ' "
            f"AND {v} NOT GLOB '*  *'")


def _literal(value: Any) -> str:
    """A fixed value written into the SQL (numbers, and text without quotes)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"not a fixed value: {value!r}")
    if isinstance(value, str):
        if "'" in value:
            raise ValueError(f"not a fixed value: {value!r}")
        return f"'{value}'"
    return str(value)


def _text(v: str) -> str:
    return f"typeof({v}) = 'text'"


def _timestamp(v: str) -> str:
    """An ISO time with microseconds that Python reads as the same instant: its seconds
    were checked once per distinct value (``_check_days``), then a '.' and six digits."""
    return (f"typeof({v}) = 'text' AND length({v}) = 26 AND substr({v}, 20, 1) = '.' "
            f"AND ltrim(substr({v}, 21), '0123456789') = '' "
            f"AND substr({v}, 1, 19) IN (SELECT value FROM temp.sync_times)")


def _stored_time(v: str) -> str:
    """A time as the planner's rows store it (``datetime.isoformat(" ")``, which leaves out
    a zero fraction of a second)."""
    return (f"CASE WHEN substr({v}, 20) = '.000000' THEN replace(substr({v}, 1, 19), 'T', ' ') "
            f"ELSE replace({v}, 'T', ' ') END")


def _typed(kind: str, v: str, t: str, column: Any) -> tuple[str, str, str]:
    """(condition on a non-null value, value as stored, value as the content hash's JSON)."""
    if kind == "bool":
        return (f"{t} IN ('true', 'false')", v,
                f"json(CASE WHEN {v} THEN 'true' ELSE 'false' END)")
    if kind == "int":
        return f"{t} = 'integer' AND {v} > -{MAX_INT} AND {v} < {MAX_INT}", v, v
    if kind == "day":  # checked once per distinct value (``_check_days``)
        return f"{t} = 'text' AND {v} IN (SELECT value FROM temp.sync_days)", v, v
    if kind == "time":
        return _timestamp(v), _stored_time(v), v
    if kind == "text":
        length = getattr(column.type, "length", None)
        limit = f" AND length({v}) <= {int(length)}" if length else ""
        # plain ASCII is clean as it is; any other text was checked once (``_check_texts``)
        clean = f"(({_plain_ascii(v)}) OR {v} IN (SELECT value FROM temp.sync_clean))"
        return f"{t} = 'text'{limit} AND {clean}", v, v
    return f"{t} = 'text'", v, v  # a reference: resolved by the caller

