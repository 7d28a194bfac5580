"""Set-based first arrival of plain records, for the import on SQLite.

A province-scale package is mostly records nobody here has seen (ratings, award history,
initiatives…): each becomes a new row and a shadow. Doing that record by record in Python
costs several times SQLite's own insert. Here the entity's lines go raw into a temporary
table, and SQLite itself picks the records that are *plainly* new — valid JSON without
escapes, a well-formed envelope, not a tombstone, every field of the right type and clean,
every reference resolving, the UUID unknown here — and writes their rows and shadows with
``INSERT … SELECT``. Everything else (a record here already, a shadow, an alias, a value
that needs tidying or is refused, a duplicate UUID) goes through the planner's ordinary
record-by-record path, which explains and decides it. The conditions are only ever
*sufficient*: a record taken here is one the planner would have written the same way
(``tests/unit/test_sync_staged.py`` imports the same packages both ways and compares every
row and shadow).
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, String, Text
from sqlalchemy.engine import Connection

from desktop.domain.vntext import is_clean_line
from desktop.services.sync.archive import parse_line
from desktop.services.sync.entities import AWARD_KIND, BY_NAME, FILE_ENTITIES, EntitySpec

# Entities whose records nothing else points at and whose arrival decides nothing but
# "new": no natural key, no upper or placement fields, no files, no matching of people.
# The one rule the forms apply to them besides types, as SQL (see ``_rules``).
RULES_SQL: dict[str, str] = {"award_records": "({amount} IS NULL OR {amount} >= 0)",
                             "decision_lines": "{amount} >= 0"}
_UUID_GLOB = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))
_DAY_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_TIME_GLOB = _DAY_GLOB + "T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
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


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StagedArrival:
    """One entity's lines through the temporary tables; what is left for the planner is
    handed back as (line number, parsed record)."""

    def __init__(self, conn: Connection, spec: EntitySpec, peer_uuid: str, now: datetime,
                 will_exist: dict[str, set[str]]) -> None:
        self.conn, self.spec, self.peer, self.will_exist = conn, spec, peer_uuid, will_exist
        self.now = now  # bound like the planner's rows: sqlite3's own datetime adapter
        raw = self._driver()
        raw.create_function("tdkt_sha256", 1, _sha256, deterministic=True)
        raw.create_function("tdkt_clean", 1, is_clean_line, deterministic=True)
        self._aliased: dict[str, bool] = {}

    def _driver(self) -> sqlite3.Connection:
        raw = self.conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)  # the set-based way is SQLite's
        return raw

    # -- the steps ------------------------------------------------------------------------
    def stage(self, zf: zipfile.ZipFile, entry: str) -> int:
        """The entry's non-blank lines into ``temp.sync_staged``; how many."""
        ex = self.conn.exec_driver_sql
        ex("CREATE TEMP TABLE IF NOT EXISTS sync_staged "
           "(number INTEGER PRIMARY KEY, line TEXT NOT NULL)")
        ex("DELETE FROM temp.sync_staged")
        with zf.open(entry) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            # streamed by the driver itself: the entry is never whole in memory
            self._driver().executemany(
                "INSERT INTO temp.sync_staged (number, line) VALUES (?, ?)",
                ((n, line) for n, line in enumerate(text, start=1) if line.strip()))
        return int(ex("SELECT count(*) FROM temp.sync_staged").scalar_one())

    def write(self) -> int:
        """Rows and shadows of the plainly new records; how many were written."""
        ex = self.conn.exec_driver_sql
        self._stage_will_exist()
        ex("DROP TABLE IF EXISTS temp.sync_candidates")
        ex(f"CREATE TEMP TABLE sync_candidates AS {self._extract_sql()}")
        ex("DROP TABLE IF EXISTS temp.sync_chosen")
        ex(f"CREATE TEMP TABLE sync_chosen AS {self._choose_sql()}",
           (self.spec.name, self.peer, self.spec.name))
        columns = ["uuid", "owner_uuid", "version", "created_at", "updated_at",
                   *(c.name for c in self.spec.columns)]
        quoted = ", ".join(f'"{c}"' for c in columns)
        ex(f'INSERT INTO "{self.spec.table.name}" ({quoted}) SELECT uuid, owner, 1, created, ?, '
           f"{', '.join(f'c_{c.name}' for c in self.spec.columns)} "
           "FROM temp.sync_chosen ORDER BY number", (self.now,))
        ex("INSERT INTO sync_shadows (entity, record_uuid, peer_uuid, peer_version, content_hash) "
           "SELECT ?, uuid, ?, version, content_hash FROM temp.sync_chosen ORDER BY number",
           (self.spec.name, self.peer))
        # what is left in the staging table is the planner's
        ex("DELETE FROM temp.sync_staged WHERE number IN (SELECT number FROM temp.sync_chosen)")
        return int(ex("SELECT count(*) FROM temp.sync_chosen").scalar_one())

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
        for name in ("sync_staged", "sync_candidates", "sync_chosen", "sync_will_exist"):
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")

    # -- SQL ----------------------------------------------------------------------------------
    def _stage_will_exist(self) -> None:
        """What the planner already decided will exist (earlier entities of this package),
        for the references that point at it."""
        ex = self.conn.exec_driver_sql
        ex("CREATE TEMP TABLE IF NOT EXISTS sync_will_exist "
           "(entity TEXT NOT NULL, uuid TEXT NOT NULL, PRIMARY KEY (entity, uuid))")
        for target in sorted(set(self.spec.refs.values()) & BY_NAME.keys()):
            if self.will_exist.get(target):
                ex("INSERT OR IGNORE INTO temp.sync_will_exist (entity, uuid) VALUES (?, ?)",
                   [(target, u) for u in self.will_exist[target]])

    def _fields(self) -> list[tuple[str, str, Any]]:
        return [(self.spec.field_name(c.name), column_kind(self.spec, c), c)
                for c in self.spec.columns]

    def _extract_sql(self) -> str:
        """Each line's envelope and fields as columns (SQLite parses a line once per row)."""
        parts = ["number", "json_extract(line, '$.uuid') AS uuid",
                 "json_type(line, '$.uuid') AS t_uuid",
                 "json_extract(line, '$.owner') AS owner", "json_type(line, '$.owner') AS t_owner",
                 "json_extract(line, '$.version') AS version",
                 "json_type(line, '$.version') AS t_version",
                 "json_extract(line, '$.created_at') AS created_at",
                 "json_type(line, '$.deleted') AS t_deleted",
                 "json_type(line, '$.fields') AS t_fields"]
        for name, kind, column in self._fields():
            value = f"json_extract(line, '$.fields.{name}')"
            parts.append(f"{value} AS v_{name}")
            parts.append(f"json_type(line, '$.fields.{name}') AS t_{name}")
            if kind == "ref":  # the row it points at, looked up once
                parts.append(f"{self._ref_id(column.name, value)} AS i_{name}")
        return (f"SELECT {', '.join(parts)} FROM temp.sync_staged "
                "WHERE json_valid(line) AND json_type(line) = 'object' "
                "AND instr(line, char(92)) = 0")

    def _choose_sql(self) -> str:
        spec = self.spec
        where = [f"t_uuid = 'text' AND uuid GLOB '{_UUID_GLOB}'", "t_owner = 'text'",
                 f"t_version = 'integer' AND version >= 1 AND version < {MAX_INT}",
                 "t_deleted = 'false'", "t_fields = 'object'", _timestamp("created_at"),
                 # unknown here: no row, no shadow of an earlier import, no alias
                 f'NOT EXISTS (SELECT 1 FROM "{spec.table.name}" t WHERE t.uuid = c.uuid)',
                 "NOT EXISTS (SELECT 1 FROM sync_shadows h WHERE h.entity = ? AND "
                 "h.record_uuid = c.uuid AND h.peer_uuid = ?)",
                 "NOT EXISTS (SELECT 1 FROM sync_aliases a WHERE a.entity = ? AND "
                 "a.foreign_uuid = c.uuid)",
                 "uuid NOT IN (SELECT uuid FROM temp.sync_candidates WHERE uuid IS NOT NULL "
                 "GROUP BY uuid HAVING count(*) > 1)"]
        values: list[str] = []
        hashed: list[tuple[str, str]] = []
        for name, kind, column in self._fields():
            v, t = f"v_{name}", f"t_{name}"
            null_ok = kind == "ref" or column.nullable
            check, stored, as_json = _typed(kind, v, t, column)
            if kind == "ref":
                check, stored = self._ref(column.name, name)
            where.append(f"({t} = 'null' OR ({check}))" if null_ok else f"({check})")
            values.append(f"CASE WHEN {t} = 'null' THEN NULL ELSE {stored} END AS c_{column.name}")
            if name in spec.content_fields():
                hashed.append((name, f"CASE WHEN {t} = 'null' THEN NULL ELSE {as_json} END"))
        if spec.name in RULES_SQL:
            where.append(RULES_SQL[spec.name].format(amount="v_amount"))
        hashed.append(("__deleted", "json('false')"))
        pairs = ", ".join(f"'{k}', {expr}" for k, expr in sorted(hashed))
        return (f"SELECT number, uuid, owner, version, {_stored_time('created_at')} AS created, "
                f"{', '.join(values)}, tdkt_sha256(json_object({pairs})) AS content_hash "
                f"FROM temp.sync_candidates c WHERE {' AND '.join(where)}")

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


def _text(v: str) -> str:
    return f"typeof({v}) = 'text'"


def _timestamp(v: str) -> str:
    """An ISO time with microseconds that Python reads as the same instant (SQLite repeats
    an impossible date such as 30 February unless asked to compute with it: hence "+0")."""
    return (f"typeof({v}) = 'text' AND {v} GLOB '{_TIME_GLOB}' AND substr({v}, 1, 4) >= '0001' "
            f"AND strftime('%Y-%m-%dT%H:%M:%S', substr({v}, 1, 19), '+0 seconds') = substr({v}, 1, 19)")


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
    if kind == "day":
        return (f"{t} = 'text' AND {v} GLOB '{_DAY_GLOB}' AND {v} >= '0001-01-01' "
                f"AND date({v}, '+0 days') = {v}", v, v)
    if kind == "time":
        return _timestamp(v), _stored_time(v), v
    if kind == "text":
        length = getattr(column.type, "length", None)
        limit = f" AND length({v}) <= {int(length)}" if length else ""
        # plain ASCII without edge or double spaces is clean as it is: no call into Python
        plain_ascii = (f"{v} NOT GLOB '*[^ -~]*' AND {v} NOT GLOB ' *' AND {v} NOT GLOB '* ' "
                       f"AND {v} NOT GLOB '*  *'")
        return f"{t} = 'text'{limit} AND (({plain_ascii}) OR tdkt_clean({v}))", v, v
    return f"{t} = 'text'", v, v  # a reference: resolved by the caller

