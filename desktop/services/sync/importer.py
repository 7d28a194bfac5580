"""Steps two to five of an import: validate every record, decide what each one does here
(preview), then write them in one transaction. The same planner runs for the preview and,
under the write lock, for the import: there each planned batch goes straight to the applier,
so the package is read and checked once and what is written is what was shown."""

from __future__ import annotations

import json
import math
import re
import sqlite3
import uuid as uuid_module
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    String,
    Text,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import Table

from desktop.api.sync import (
    Action,
    ImportPreview,
    PackageHeader,
    PackageKind,
    PreviewItem,
    Resolution,
)
from desktop.domain.cccd import cccd_problem
from desktop.domain.enums import (
    BlocKind,
    CriterionKind,
    Gender,
    MovementKind,
    NominationStatus,
    SheetStatus,
    TargetDirection,
    TargetFormula,
)
from desktop.domain.errors import ValidationError
from desktop.domain.ethnicities import canonical_ethnicity
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.domain.vntext import (
    fold,
    is_clean_line,
    name_sort_key,
    normalize,
    normalize_multiline,
    sort_key,
    text_problem,
)
from desktop.models import (
    AwardKind,
    Criterion,
    Nomination,
    NominationEvent,
    Person,
    SyncAlias,
    SyncShadow,
    Unit,
)
from desktop.models.base import utcnow
from desktop.services.sync import staged
from desktop.services.sync.archive import DATA_PREFIX, iter_lines, refusal
from desktop.services.sync.entities import (
    AWARD_KIND,
    BY_NAME,
    ENTITIES,
    FILE_ENTITIES,
    EntitySpec,
    content_hash,
    plain,
)
from desktop.services.sync.exporter import CHUNK, RecordWriter
from desktop.services.sync.verify import Me

BATCH = 500
SHADOWS = cast(Table, SyncShadow.__table__)
# Entities other records point at: only their UUIDs and ids are remembered during an import.
REFERENCED = frozenset(t for spec in ENTITIES for t in spec.refs.values() if t in BY_NAME)
MAX_ITEMS = 20_000  # listed records in a preview; the counts always cover everything
MAX_INT = 2**53


@dataclass(frozen=True, slots=True)
class Planned:
    action: Action
    local_uuid: str
    names: tuple[str, ...]  # the fields this record may change here
    incoming_hash: str
    resolution: Resolution | None = None


# One record as planned: the package line, its typed fields, the decision, and whether a
# shadow of an earlier import exists here (it is replaced).
Typed = tuple[dict[str, Any], dict[str, Any], Planned, bool]
Sink = Callable[[EntitySpec, list[Typed]], None]
Lines = Iterator[tuple[int, dict[str, Any]]]
# The import's set-based first arrival (``staged``): the entity and its entry in, how many
# records it wrote as new and the lines it leaves to the planner out (None: not this entity).
Bulk = Callable[[EntitySpec, str], tuple[int, Lines] | None]


@dataclass
class Plan:
    counts: dict[str, dict[Action, int]] = field(default_factory=dict)
    items: list[PreviewItem] = field(default_factory=list)
    # conflicts neither the officer nor the accepted proposals resolved (the import refuses)
    open_conflicts: list[PreviewItem] = field(default_factory=list)

    @property
    def unresolved(self) -> int:
        return len(self.open_conflicts)


def key_of(entity: str, record_uuid: str) -> str:
    return f"{entity}:{record_uuid}"


class Planner:
    def __init__(self, s: Session, zf: zipfile.ZipFile, header: PackageHeader, me: Me,
                 resolutions: dict[str, Resolution], target_round_uuid: str | None,
                 sink: Sink | None = None, *, accept_defaults: bool = False) -> None:
        """``sink`` (the import) receives each planned batch while no conflict is left
        unresolved; without it (the preview) nothing but counts and listed items is kept.
        ``accept_defaults``: a conflict ``resolutions`` leaves open is resolved the way the
        program proposes (``tdkt package import --accept-defaults``)."""
        self.s, self.zf, self.header, self.me = s, zf, header, me
        self.sink = sink
        self.accept_defaults = accept_defaults
        self.bulk: Bulk | None = None
        self.resolutions = resolutions
        self.target_round_uuid = target_round_uuid
        self.plan = Plan()
        self.aliases: dict[tuple[str, str], str] = {
            (e, f): loc for e, f, loc in s.execute(
                select(SyncAlias.entity, SyncAlias.foreign_uuid, SyncAlias.local_uuid))}
        self.codes = set(s.scalars(select(AwardKind.code).where(AwardKind.deleted_at.is_(None))))
        self.will_exist: dict[str, set[str]] = {spec.name: set() for spec in ENTITIES}
        self.known_live: dict[str, set[str]] = {spec.name: set() for spec in ENTITIES}
        self.labels: dict[str, str] = {}
        self.writer = RecordWriter(s)
        self._by_cccd: dict[str, tuple[str, str, date | None]] = {}
        self._by_name_born: dict[tuple[date, str], tuple[str, str, date | None]] = {}
        self._units_by_code: dict[str, tuple[str, str]] = {}
        # the UUIDs of the entity being planned (the set-based way leaves any twice here)
        self._seen: set[str] = set()
        self.package_cccd: dict[str, str] = {}  # CCCD → the first package person holding it
        # per entity with a natural key: the key (local UUIDs) → the first package record
        self._package_keys: dict[str, dict[tuple[str, ...], str]] = {}
        self._local_labels: dict[tuple[str, str], str] = {}

    # -- driving ----------------------------------------------------------------------------
    def run(self, progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> Plan:
        """Every record, entity by entity; ``progress`` after each batch (records done of
        the manifest's count), ``cancel`` checked between batches."""
        names = {i.filename for i in self.zf.infolist()}
        total = sum(n for n in self.header.counts.values() if isinstance(n, int))
        done = 0
        for spec in ENTITIES:
            entry = f"{DATA_PREFIX}{spec.name}.jsonl"
            if entry not in names:
                continue
            lines: Lines = iter_lines(self.zf, entry)
            self._seen = set()
            arrived = None
            if self.bulk is not None and not self.plan.unresolved:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                arrived = self.bulk(spec, entry)
            if arrived is not None:
                written, lines = arrived
                if written:
                    counts = self.plan.counts.setdefault(spec.name, {})
                    counts[Action.NEW] = counts.get(Action.NEW, 0) + written
                    done += written
                    progress(min(done, total), total, spec.label)
            for batch in _batches(lines):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                self._plan_batch(spec, batch)
                done += len(batch)
                progress(min(done, total), total, spec.label)
        return self.plan

    def local_uuid(self, entity: str, incoming: str) -> str:
        return self.aliases.get((entity, incoming), incoming)

    def others_names(self, spec: EntitySpec) -> tuple[str, ...]:
        """The fields compared and taken on a record not owned here: its owner's; from the
        level above (a downward package) the upper fields too, which that level decides (a
        bloc head's reviewed score of another member's cell)."""
        if self.header.kind is PackageKind.DOWNWARD and spec.upper_fields:
            return spec.content_fields() + spec.upper_fields
        return spec.content_fields()

    # -- one batch ----------------------------------------------------------------------------
    def _plan_batch(self, spec: EntitySpec, batch: list[tuple[int, dict[str, Any]]]) -> None:
        parsed: list[tuple[int, dict[str, Any], dict[str, Any] | None, str]] = []
        seen = self._seen
        for number, record in batch:
            problem = _envelope_problem(record)
            if not problem and record["uuid"] in seen:  # a record twice: a damaged package
                problem = "mã UUID trùng với một dòng trước đó của cùng mục"
            if problem:
                raise refusal(f"{DATA_PREFIX}{spec.name}.jsonl dòng {number}: {problem}")
            seen.add(record["uuid"])
            fields, why = validated_fields(spec, record["fields"])
            parsed.append((number, record, fields, why))
        self._load_refs(spec, [f for _, _, f, _ in parsed if f is not None])
        local_uuids = [self.local_uuid(spec.name, r["uuid"]) for _, r, _, _ in parsed]
        table = spec.table  # plain rows, not ORM objects: only compared, never changed here
        conn = self.s.connection()
        here = sorted(existing_uuids(conn, table, "uuid", local_uuids))
        locals_by_uuid = {row.uuid: row for part in _chunks(here) for row in
                          self.s.execute(select(table).where(table.c.uuid.in_(part)))}
        self.writer.prefetch_refs(spec, list(locals_by_uuid.values()))
        peer = self.header.sender_installation_uuid
        shadowed = sorted(existing_uuids(conn, SHADOWS, "record_uuid",
                                         [r["uuid"] for _, r, _, _ in parsed],
                                         {"entity": spec.name, "peer_uuid": peer}))
        shadows = {row.record_uuid: row for part in _chunks(shadowed)
                   for row in self.s.execute(select(SHADOWS).where(
                       SHADOWS.c.entity == spec.name, SHADOWS.c.record_uuid.in_(part),
                       SHADOWS.c.peer_uuid == peer))}
        if spec.name == "people":
            self._prefetch_matches([f for _, _, f, _ in parsed if f is not None])
        if spec.name == "units":
            self._prefetch_unit_codes([f for _, _, f, _ in parsed if f is not None])
        typed: list[Typed] = []
        for (_number, record, fields, why), local_uuid in zip(parsed, local_uuids, strict=True):
            self._remember_label(spec, record)
            local = locals_by_uuid.get(local_uuid)
            if fields is None:
                self._add(spec, record, Planned(Action.IGNORED, local_uuid, (), ""), why)
                continue
            ref_problem = self._resolve_refs(spec, fields)
            if ref_problem:
                self._add(spec, record, Planned(Action.IGNORED, local_uuid, (), ""), ref_problem)
                continue
            shadow = shadows.get(record["uuid"])
            if local is None:
                planned = self._plan_new(spec, record, fields, local_uuid)
            else:
                planned = self._plan_existing(spec, record, fields, local, shadow)
            if planned.action is not Action.IGNORED and planned.resolution is not Resolution.SKIP:
                typed.append((record, fields, planned, shadow is not None))
        if self.sink is not None and not self.plan.unresolved and typed:
            self.sink(spec, typed)

    def _load_refs(self, spec: EntitySpec, rows: list[dict[str, Any]]) -> None:
        """Which referenced UUIDs exist here (live), read in one query per target entity."""
        for _column, name, target in _ref_plan(spec):
            if target not in BY_NAME:
                continue
            wanted = {self.local_uuid(target, r[name]) for r in rows if r.get(name)}
            wanted = {u for u in wanted
                      if u not in self.will_exist[target] and u not in self.known_live[target]}
            model = BY_NAME[target].model
            for part in _chunks(sorted(wanted)):
                self.known_live[target].update(self.s.scalars(select(model.uuid).where(
                    model.uuid.in_(part), model.deleted_at.is_(None))))

    def _resolve_refs(self, spec: EntitySpec, fields: dict[str, Any]) -> str:
        for column, name, target in _ref_plan(spec):
            value = fields.get(name)
            if column in spec.placement and self.header.kind is PackageKind.UPWARD:
                continue  # placed in the round the officer chose
            if value is None:
                continue
            if target == AWARD_KIND:
                if value not in self.codes:
                    return (f"mã danh hiệu/hình thức “{value}” không có trong danh mục ở đây; "
                            "hãy cập nhật danh mục rồi nhập lại")
                continue
            if target not in BY_NAME:
                fields[name] = None
                continue
            local = self.local_uuid(target, value)
            if local in self.will_exist[target] or local in self.known_live[target]:
                continue
            if column in spec.optional_refs:
                fields[name] = None
                continue
            what = BY_NAME[target].label.lower()
            return f"tham chiếu tới {what} {self.labels.get(value, value[:8])} không có ở đây " \
                   "và không có trong gói (hoặc đã bị bỏ qua)"
        return ""

    # -- deciding ----------------------------------------------------------------------------
    def _plan_new(self, spec: EntitySpec, record: dict[str, Any], fields: dict[str, Any],
                  local_uuid: str) -> Planned:
        names = self.others_names(spec)
        inc_hash = content_hash(fields, names, bool(record["deleted"]))
        if record["deleted"]:
            return self._add(spec, record, Planned(Action.IGNORED, local_uuid, names, inc_hash),
                             "đã bị xóa ở bên gửi và chưa từng có ở đây")
        note = self._reset_upper(spec, fields) if self.header.kind is PackageKind.UPWARD else ""
        if spec.natural_key:
            key = self._natural_key(spec, fields)
            first = self._package_keys.setdefault(spec.name, {}).setdefault(key, record["uuid"])
            if first != record["uuid"]:
                return self._add(spec, record, Planned(Action.IGNORED, local_uuid, names, inc_hash),
                                 f"trùng {spec.label.lower()} với một bản ghi khác trong cùng gói")
        if spec.name == "nominations" and self.header.kind is PackageKind.UPWARD \
                and not self.target_round_uuid:
            raise ValidationError.single("round", "Đợt nhận",
                                         "chọn đợt xét khen thưởng để nhận các đề nghị trong gói")
        cid = fields.get("citizen_id") if spec.name == "people" else None
        if cid:
            first = self.package_cccd.setdefault(cid, record["uuid"])
            if first != record["uuid"]:
                return self._add(spec, record, Planned(Action.IGNORED, local_uuid, names, inc_hash),
                                 f"số CCCD {cid} trùng với {self.labels.get(first, 'một người')} "
                                 "trong cùng gói")
        match = self._match(spec, fields)
        if match is None:
            return self._add(spec, record, Planned(Action.NEW, local_uuid, names, inc_hash), note)
        match_uuid, match_label, options, default, is_conflict, reason = match
        reason = "; ".join(r for r in (reason, note) if r)
        changes = self._compared(spec, match_uuid, fields)
        chosen = self._chosen(spec, record, options, default)
        if chosen is None and not is_conflict:
            chosen = default
        action = Action.CONFLICT if is_conflict else Action.NEW
        target = match_uuid if chosen is Resolution.MERGE else local_uuid
        if chosen is Resolution.MERGE:  # what refers to it from now on means our record
            self.aliases[(spec.name, record["uuid"])] = match_uuid
        planned = Planned(action, target, names, inc_hash, chosen)
        return self._add(spec, record, planned, reason, changes=changes, match_uuid=match_uuid,
                         match_label=match_label, options=options, default=default)

    def _compared(self, spec: EntitySpec, match_uuid: str, fields: dict[str, Any]
                  ) -> dict[str, tuple[str, str]]:
        """How a person or unit here that may be the same one differs from the package's,
        field by field, for the officer who decides whether to merge them."""
        if spec.name not in ("people", "units"):
            return {}
        row = self.s.scalar(select(spec.model).where(spec.model.uuid == match_uuid))
        if row is None:
            return {}
        names = tuple(n for n in spec.content_fields() if n != "parent")
        changes = self._changes(spec, names, self.writer.record_fields(spec, row), fields,
                                False, False)
        # (the same unit known here and in the package by two UUIDs reads the same)
        return {name: pair for name, pair in changes.items() if pair[0] != pair[1]}

    def _prefetch_matches(self, rows: list[dict[str, Any]]) -> None:
        """People already here under another UUID, for one batch: by CCCD, and by birth date
        (then by name), two queries instead of two per person. People this package brought
        (an earlier batch of the same import) are not "already here"."""
        mine = self.will_exist["people"]
        cids = sorted({r["citizen_id"] for r in rows if r.get("citizen_id")})
        self._by_cccd = {}
        for part in _chunks(cids):
            for hit in self.s.execute(select(Person.citizen_id, Person.uuid, Person.full_name,
                                             Person.birth_date)
                                      .where(Person.citizen_id.in_(part),
                                             Person.deleted_at.is_(None))
                                      .order_by(Person.id)):
                if hit[0] and hit[1] not in mine:
                    self._by_cccd.setdefault(hit[0], (hit[1], hit[2], hit[3]))
        born = sorted({r["birth_date"] for r in rows if r.get("birth_date")})
        self._by_name_born = {}
        for part in _chunks(born):
            for hit_uuid, name, day in self.s.execute(
                    select(Person.uuid, Person.full_name, Person.birth_date)
                    .where(Person.birth_date.in_(part), Person.deleted_at.is_(None))
                    .order_by(Person.id)):
                if day is not None and hit_uuid not in mine:
                    self._by_name_born.setdefault((day, fold(name)), (hit_uuid, name, day))

    def _prefetch_unit_codes(self, rows: list[dict[str, Any]]) -> None:
        """Units here by code, for one batch: one query instead of one per unit (the first
        made, as the index on the code gives them)."""
        codes = sorted({r["code"] for r in rows if r.get("code")})
        self._units_by_code = {}
        for part in _chunks(codes):
            for code, hit_uuid, name in self.s.execute(
                    select(Unit.code, Unit.uuid, Unit.name)
                    .where(Unit.code.in_(part), Unit.deleted_at.is_(None)).order_by(Unit.id)):
                self._units_by_code.setdefault(code, (hit_uuid, name))

    def _match(self, spec: EntitySpec, fields: dict[str, Any]
               ) -> tuple[str, str, tuple[Resolution, ...], Resolution, bool, str] | None:
        if spec.name == "people":
            cid = fields.get("citizen_id")
            hit = self._by_cccd.get(cid) if cid else None
            if hit:
                return (hit[0], _person_label(hit[1], hit[2]),
                        (Resolution.MERGE, Resolution.SKIP), Resolution.MERGE, True,
                        f"số CCCD {cid} đã thuộc về một người ở đây với mã khác")
            if fields.get("birth_date"):
                hit = self._by_name_born.get((fields["birth_date"], fold(fields["full_name"])))
                if hit:
                    return (hit[0], _person_label(hit[1], hit[2]),
                            (Resolution.CREATE, Resolution.MERGE), Resolution.CREATE, False,
                            "có thể trùng người đã có (cùng họ tên và ngày sinh)")
        if spec.name == "units" and fields.get("code"):
            unit_hit = self._units_by_code.get(fields["code"])
            if unit_hit:
                return (unit_hit[0], unit_hit[1], (Resolution.MERGE, Resolution.SKIP), Resolution.MERGE,
                        False, f"đơn vị mã {fields['code']} đã có ở đây: gộp vào đơn vị đó")
        if spec.natural_key:
            return self._key_match(spec, fields)
        return None

    def _natural_key(self, spec: EntitySpec, fields: dict[str, Any]) -> tuple[str, ...]:
        return tuple(self.local_uuid(spec.refs[c], str(fields.get(spec.field_name(c))))
                     for c in spec.natural_key)

    def _key_match(self, spec: EntitySpec, fields: dict[str, Any]
                   ) -> tuple[str, str, tuple[Resolution, ...], Resolution, bool, str] | None:
        """A record here (live or in the trash) holding the same unique key under another
        UUID: the same cell, sheet, member or vote entered on both sides."""
        ids: list[int] = []
        for column, local in zip(spec.natural_key, self._natural_key(spec, fields), strict=True):
            model = BY_NAME[spec.refs[column]].model
            ref_id = self.s.scalar(select(model.id).where(model.uuid == local))
            if ref_id is None:  # arrives with this package: nothing here can hold the key
                return None
            ids.append(ref_id)
        table = spec.table
        hit = self.s.execute(select(table.c.uuid, table.c.deleted_at).where(
            *(table.c[c] == i for c, i in zip(spec.natural_key, ids, strict=True)))).first()
        if hit is None:
            return None
        trash = " (trong thùng rác)" if hit.deleted_at is not None else ""
        return (hit.uuid, f"{spec.label} đã có ở đây{trash}",
                (Resolution.MERGE, Resolution.SKIP), Resolution.MERGE, True,
                f"{spec.label.lower()} này đã có ở đây với mã khác (nhập ở cả hai nơi): gộp "
                "nội dung của gói vào bản ghi ở đây, hoặc không nhập")

    def _reset_upper(self, spec: EntitySpec, fields: dict[str, Any]) -> str:
        """A member's new record sent up: what the bloc's head decides is not taken from it."""
        if spec.name == "bloc_scores" and fields.get("reviewed_score") is not None:
            fields["reviewed_score"] = None
            return ("điểm khối chấm trong gói không được nhận: điểm đó do đơn vị trưởng khối "
                    "chấm")
        if spec.name == "bloc_score_sheets" and fields.get("status") not in (
                SheetStatus.DRAFT.value, SheetStatus.SUBMITTED.value):
            status = SheetStatus(fields["status"]).label
            fields["status"] = SheetStatus.SUBMITTED.value
            return (f"trạng thái “{status}” trong gói không được nhận: bảng điểm vào ở trạng "
                    f"thái “{SheetStatus.SUBMITTED.label}”")
        return ""

    def _unit_sends_again(self, spec: EntitySpec, record: dict[str, Any],
                          fields: dict[str, Any], local: Any, shadow: Any) -> Planned | None:
        """The one move of a sheet's status its unit makes: sending it again after the head
        returned it (draft here, submitted in the member's package)."""
        if (spec.name != "bloc_score_sheets" or self.header.kind is not PackageKind.UPWARD
                or record["deleted"] or local.deleted_at is not None
                or local.status != SheetStatus.DRAFT.value
                or fields.get("status") != SheetStatus.SUBMITTED.value
                or (shadow is not None and int(record["version"]) < shadow.peer_version)):
            return None
        inc_hash = content_hash(fields, self.others_names(spec), False)
        return self._add(spec, record, Planned(Action.UPDATE, local.uuid, ("status",), inc_hash),
                         "đơn vị đã gửi lại bảng tự chấm",
                         changes={"status": (SheetStatus.DRAFT.value,
                                             SheetStatus.SUBMITTED.value)})

    @staticmethod
    def _upper_guard(spec: EntitySpec, local_fields: dict[str, Any],
                     fields: dict[str, Any]) -> str:
        """An owner's package carrying another value of what the level above decides."""
        changed = [(name, local_fields.get(name), plain(fields.get(name)))
                   for name in spec.upper_fields
                   if fields.get(name) is not None and plain(fields.get(name)) != local_fields.get(name)]
        if not changed:
            return ""
        shown = ", ".join(f"ở đây {'trống' if a is None else a}, trong gói {b}"
                          for _, a, b in changed)
        return ("điểm khối chấm do đơn vị trưởng khối quyết định; gói của đơn vị thành viên "
                f"không sửa được ({shown})")

    def _plan_existing(self, spec: EntitySpec, record: dict[str, Any], fields: dict[str, Any],
                       local: Any, shadow: Any) -> Planned:
        deleted = bool(record["deleted"])
        sent_again = self._unit_sends_again(spec, record, fields, local, shadow)
        if sent_again is not None:
            return sent_again
        if local.owner_uuid == self.me.installation_uuid:
            if self.header.kind is not PackageKind.DOWNWARD or not spec.upper_fields:
                names: tuple[str, ...] = tuple(spec.content_fields())
                local_fields = self.writer.record_fields(spec, local)
                same = (content_hash(fields, names, deleted)
                        == content_hash(local_fields, names, local.deleted_at is not None))
                action = Action.UNCHANGED if same else Action.IGNORED
                return self._add(spec, record, Planned(action, local.uuid, (), ""),
                                 "" if same else "bản ghi do đơn vị này tạo; gói không sửa được")
            names, deleted = tuple(spec.upper_fields), local.deleted_at is not None
        else:
            names = self.others_names(spec)
        local_fields = self.writer.record_fields(spec, local)
        guard = (self._upper_guard(spec, local_fields, fields)
                 if spec.guard_upper and self.header.kind is PackageKind.UPWARD
                 and local.owner_uuid != self.me.installation_uuid else "")
        inc_hash = content_hash(fields, names, deleted)
        loc_hash = content_hash(local_fields, names, local.deleted_at is not None)
        version = int(record["version"])
        if shadow is not None and version < shadow.peer_version:
            return self._add(
                spec, record, Planned(Action.IGNORED, local.uuid, names, inc_hash),
                f"cũ hơn bản đã nhận trước đây (phiên bản {version} < {shadow.peer_version})")
        if inc_hash == loc_hash:
            if guard:  # nothing of the owner's changed: only what it may not change
                return self._add(spec, record, Planned(Action.IGNORED, local.uuid, names,
                                                       inc_hash), guard)
            return self._add(spec, record, Planned(Action.UNCHANGED, local.uuid, names, inc_hash))
        # only a record that differs is told field by field (most of a package sent again is not)
        changes = self._changes(spec, names, local_fields, fields, local.deleted_at is not None,
                                deleted)
        if (spec.upper_wins and self.header.kind is PackageKind.DOWNWARD
                and (shadow is None or version > shadow.peer_version)
                and set(changes) <= set(spec.upper_fields)):
            # what the level above decides, decided again there since the last package
            return self._add(spec, record, Planned(Action.UPDATE, local.uuid, names, inc_hash),
                             "đơn vị cấp trên đã quyết định lại", changes=changes)
        if shadow is not None and inc_hash == shadow.content_hash:
            return self._add(spec, record, Planned(Action.IGNORED, local.uuid, names, inc_hash),
                             "; ".join(r for r in ("bên gửi không sửa gì từ lần nhận trước; giữ "
                                                   "bản đã sửa ở đây", guard) if r))
        used = deleted and local.deleted_at is None and self._still_used(spec, local)
        if (shadow is None or loc_hash == shadow.content_hash) and not used:
            return self._add(spec, record, Planned(Action.UPDATE, local.uuid, names, inc_hash),
                             guard, changes=changes)
        reason = (f"bên gửi đã xóa nhưng ở đây vẫn dùng ({used})" if used
                  else "cả hai bên cùng sửa bản ghi này từ lần đồng bộ trước")
        options = (Resolution.KEEP_LOCAL, Resolution.TAKE_INCOMING)
        chosen = self._chosen(spec, record, options, Resolution.KEEP_LOCAL)
        return self._add(spec, record, Planned(Action.CONFLICT, local.uuid, names, inc_hash,
                                               chosen),
                         reason, changes=changes, options=options, default=Resolution.KEEP_LOCAL)

    def _still_used(self, spec: EntitySpec, local: Any) -> str:
        if spec.name == "people":
            n = self.s.scalar(select(Nomination.id).where(Nomination.person_id == local.id,
                                                          Nomination.deleted_at.is_(None)).limit(1))
            return "có đề nghị khen thưởng" if n else ""
        if spec.name == "units":
            n = self.s.scalar(select(Person.id).where(Person.unit_id == local.id,
                                                      Person.deleted_at.is_(None)).limit(1))
            return "còn cá nhân thuộc đơn vị" if n else ""
        return ""

    def _changes(self, spec: EntitySpec, names: tuple[str, ...], local: dict[str, Any],
                 incoming: dict[str, Any], local_deleted: bool, deleted: bool
                 ) -> dict[str, tuple[str, str]]:
        """The fields that differ: (as here, as in the package), as an officer reads them."""
        out: dict[str, tuple[str, str]] = {}
        for name in names:
            a, b = local.get(name), plain(incoming.get(name))
            if a != b:
                out[name] = (self._shown(spec, name, a), self._shown(spec, name, b))
        if local_deleted != deleted:
            out["(đã xóa)"] = ("có" if local_deleted else "không", "có" if deleted else "không")
        return out

    def _shown(self, spec: EntitySpec, name: str, value: Any) -> str:
        """A field's value for the side-by-side comparison: a unit or person by name (not
        its UUID), a date as dd/mm/yyyy, a gender or status by its Vietnamese label."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return "có" if value else "không"
        target = next((t for c, t in spec.refs.items() if spec.field_name(c) == name), None)
        text = str(value)
        if target in ("units", "people"):
            return self.labels.get(text) or self._local_label(target, text) or text[:8]
        if name == "gender":
            gender = Gender.from_text(text)
            return gender.label if gender else text
        if spec.name == "nominations" and name == "status":
            status = NominationStatus.from_text(text)
            return status.label if status else text
        if _ISO_DAY.fullmatch(text):
            return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
        return text

    def _chosen(self, spec: EntitySpec, record: dict[str, Any],
                options: tuple[Resolution, ...], default: Resolution) -> Resolution | None:
        """How the officer resolved this record (one of ``options``), else the proposed way
        if they accepted the proposals, else None."""
        chosen = self.resolutions.get(key_of(spec.name, record["uuid"]))
        if chosen in options:
            return chosen
        return default if self.accept_defaults else None

    # -- bookkeeping -------------------------------------------------------------------------
    def _add(self, spec: EntitySpec, record: dict[str, Any], planned: Planned, reason: str = "",
             *, changes: dict[str, tuple[str, str]] | None = None, match_uuid: str = "",
             match_label: str = "", options: tuple[Resolution, ...] = (),
             default: Resolution | None = None) -> Planned:
        counts = self.plan.counts.setdefault(spec.name, {})
        counts[planned.action] = counts.get(planned.action, 0) + 1
        skipped = planned.resolution is Resolution.SKIP
        # only what other records point at is looked up later
        if (spec.name in REFERENCED and not skipped and planned.action
                in (Action.NEW, Action.UPDATE, Action.UNCHANGED, Action.CONFLICT)):
            self.will_exist[spec.name].add(planned.local_uuid)
        is_open = planned.action is Action.CONFLICT and planned.resolution is None
        listed = planned.action is not Action.UNCHANGED and len(self.plan.items) < MAX_ITEMS
        if is_open or listed:
            item = PreviewItem(
                spec.name, spec.label, record["uuid"], self._label(spec, record),
                planned.action, reason, changes or {}, match_uuid, match_label, options,
                default if planned.resolution is None else planned.resolution)
            if is_open:
                self.plan.open_conflicts.append(item)
            if listed:
                self.plan.items.append(item)
        return planned

    def _remember_label(self, spec: EntitySpec, record: dict[str, Any]) -> None:
        """What the preview calls a record. Only people and units are kept for the whole
        import (others name them); the rest is worked out when an item is listed."""
        f = record.get("fields") or {}
        if spec.name == "people":
            self.labels[record["uuid"]] = package_person_label(f.get("full_name", ""),
                                                               f.get("birth_date"))
        elif spec.name in ("units", "blocs"):
            self.labels[record["uuid"]] = str(f.get("name", ""))
        elif spec.name == "bloc_criteria":
            self.labels[record["uuid"]] = f"tiêu chí {f.get('code', '')}"

    def _local_label(self, entity: str, incoming: str) -> str:
        """A unit, person or criterion the package points at but does not carry (a member's
        sheet sent up names units and criteria the head already has)."""
        key = (entity, incoming)
        if key not in self._local_labels:
            local = self.local_uuid(entity, incoming)
            if entity == "units":
                found = self.s.scalar(select(Unit.name).where(Unit.uuid == local))
            elif entity == "people":
                person = self.s.execute(select(Person.full_name, Person.birth_date).where(
                    Person.uuid == local)).first()
                found = _person_label(*person) if person else None
            else:
                code = self.s.scalar(select(Criterion.code).where(Criterion.uuid == local))
                found = f"tiêu chí {code}" if code else None
            self._local_labels[key] = found or ""
        return self._local_labels[key]

    def _bloc_label(self, f: dict[str, Any]) -> str:
        parts: list[str] = []
        for name, entity in (("unit", "units"), ("criterion", "bloc_criteria")):
            value = f.get(name)
            if isinstance(value, str) and value:
                parts.append(self.labels.get(value) or self._local_label(entity, value))
        for name in ("code", "name", "indicator", "to_status", "file_name"):
            value = f.get(name)
            if value and isinstance(value, str):
                parts.append(SheetStatus(value).label if name == "to_status"
                             and value in SheetStatus._value2member_map_ else value)
                break
        return " — ".join(p for p in parts if p)

    def _label(self, spec: EntitySpec, record: dict[str, Any]) -> str:
        if spec.name in ("people", "units"):
            return self.labels.get(record["uuid"], "")
        f = record.get("fields") or {}
        if spec.name.startswith("bloc") or spec.name == "unit_targets":
            return self._bloc_label(f) or f"{spec.label} {record['uuid'][:8]}"
        subject = self.labels.get(str(f.get("person") or f.get("unit") or ""), "")
        extra = f.get("year") or f.get("award_kind") or f.get("to_status") or ""
        label = " — ".join(str(x) for x in (subject or f.get("household_name") or "", extra) if x)
        return label or f"{spec.label} {record['uuid'][:8]}"


# -- pure helpers --------------------------------------------------------------------------
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def validated_fields(spec: EntitySpec, raw: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """A record's fields typed as stored here, or None and why the record cannot be taken:
    each column's converter, then the rules the forms apply (a person's name, CCCD…)."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for name, convert in _field_plan(spec):
        if name not in raw:
            problems.append(f"thiếu trường “{name}”")
            continue
        coerced, problem = convert(raw[name])
        if problem:
            problems.append(f"“{name}” {problem}")
        out[name] = coerced
    if not problems:
        problems.extend(_rules(spec.name, out))
    if problems:
        return None, "; ".join(problems)
    return out, ""


def _batches(lines: Iterator[tuple[int, dict[str, Any]]]) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for item in lines:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def existing_uuids(conn: Connection, table: Table, column: str, uuids: list[str],
                   where: dict[str, str] | None = None) -> set[str]:
    """Which of ``uuids`` the table holds (in ``column``, rows matching ``where``): one cheap
    indexed query. Most batches of a first import find nothing, and then the full rows are
    never read. On SQLite the list travels as one JSON parameter, so the statement is the
    same for every batch (no expanding IN to compile 800 times)."""
    if not uuids:
        return set()
    where = where or {}
    if conn.dialect.name != "sqlite":
        found: set[str] = set()
        for part in _chunks(uuids):
            found.update(conn.scalars(select(table.c[column]).where(
                table.c[column].in_(part), *(table.c[k] == v for k, v in where.items()))))
        return found
    conditions = "".join(f'"{k}" = ? AND ' for k in where)
    sql = (f'SELECT "{column}" FROM "{table.name}" WHERE {conditions}"{column}" IN '
           "(SELECT value FROM json_each(?))")
    params = (*where.values(), json.dumps(uuids))
    return {row[0] for row in conn.exec_driver_sql(sql, params)}


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _envelope_problem(record: dict[str, Any]) -> str:
    identity = record.get("uuid")
    if not isinstance(identity, str) or _UUID_RE.fullmatch(identity) is None:
        return "mã UUID không hợp lệ"
    version = record.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version < MAX_INT:
        return "phiên bản không hợp lệ"
    if not isinstance(record.get("deleted"), bool) or not isinstance(record.get("owner"), str):
        return "thiếu dấu xóa hoặc đơn vị sở hữu"
    if not isinstance(record.get("fields"), dict):
        return "thiếu phần dữ liệu"
    return ""


_COLUMN_PLANS: dict[str, list[tuple[str, str, str | None]]] = {}


def _column_plan(spec: EntitySpec) -> list[tuple[str, str, str | None]]:
    """(column, field name in the package, referenced entity or None) per column, once."""
    plan = _COLUMN_PLANS.get(spec.name)
    if plan is None:
        plan = [(c.name, spec.field_name(c.name), spec.refs.get(c.name)) for c in spec.columns]
        _COLUMN_PLANS[spec.name] = plan
    return plan


_REF_PLANS: dict[str, list[tuple[str, str, str]]] = {}


def _ref_plan(spec: EntitySpec) -> list[tuple[str, str, str]]:
    """The references among ``_column_plan``: (column, field name, referenced entity)."""
    plan = _REF_PLANS.get(spec.name)
    if plan is None:
        plan = [(c, n, t) for c, n, t in _column_plan(spec) if t is not None]
        _REF_PLANS[spec.name] = plan
    return plan


Converter = Callable[[Any], tuple[Any, str]]
_FIELD_PLANS: dict[str, list[tuple[str, Converter]]] = {}


def _field_plan(spec: EntitySpec) -> list[tuple[str, Converter]]:
    """(field name, converter) per column, worked out once per entity."""
    plan = _FIELD_PLANS.get(spec.name)
    if plan is None:
        plan = [(spec.field_name(c.name), _ref if c.name in spec.refs else _converter(c))
                for c in spec.columns]
        _FIELD_PLANS[spec.name] = plan
    return plan


def _ref(value: Any) -> tuple[Any, str]:
    if value is None or isinstance(value, str):
        return value, ""
    return None, "không phải một tham chiếu hợp lệ"


def _converter(column: Any) -> Converter:
    """A JSON value as the column's Python type, or why it cannot be."""
    kind, nullable = column.type, column.nullable
    missing = "" if nullable else "không được để trống"

    def boolean(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        return (value, "") if isinstance(value, bool) else (None, "phải là đúng/sai")

    def integer(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= MAX_INT:
            return None, "phải là số nguyên hợp lý"
        return value, ""

    def numeric(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None, "phải là số"
        return (str(number), "") if number.is_finite() and abs(number) < 10**6 else (None, "quá lớn")

    def timestamp(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        try:
            return datetime.fromisoformat(str(value)), ""
        except ValueError:
            return None, "không phải ngày giờ hợp lệ"

    def day(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        try:
            return date.fromisoformat(str(value)), ""
        except ValueError:
            return None, "không phải ngày hợp lệ"

    tidy = normalize_multiline if isinstance(kind, Text) else normalize
    length = getattr(kind, "length", None)

    def text(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        if not isinstance(value, str):
            return None, "phải là chữ"
        if is_clean_line(value):  # nearly every value: already as it would be stored
            if length and len(value) > length:
                return None, f"dài quá {length} ký tự"
            return value, ""
        problem = text_problem(value)  # the same rule as typing it in
        if problem:
            return None, problem
        cleaned = tidy(value)
        if length and len(cleaned) > length:
            return None, f"dài quá {length} ký tự"
        return cleaned, ""

    def anything(value: Any) -> tuple[Any, str]:
        return (None, missing) if value is None else (value, "")

    def floating(value: Any) -> tuple[Any, str]:
        if value is None:
            return None, missing
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or abs(value) >= 1e15:
            return None, "phải là số hợp lý"
        return float(value), ""

    if isinstance(kind, Boolean):
        return boolean
    if isinstance(kind, Integer):
        return integer
    if isinstance(kind, Float):  # a Numeric too, but stored and compared as a float
        return floating
    if isinstance(kind, Numeric):
        return numeric
    if isinstance(kind, DateTime):
        return timestamp
    if isinstance(kind, Date):
        return day
    if isinstance(kind, (String, Text)):
        return text
    return anything


def _rules(entity: str, f: dict[str, Any]) -> list[str]:
    """The checks the people form makes, for what arrives by package."""
    problems: list[str] = []
    if entity == "people":
        name = f.get("full_name") or ""
        if len(name.split()) < 2 or any(ch.isdigit() for ch in name):
            problems.append(f"họ và tên “{name}” không hợp lệ")
        gender = Gender.from_text(f.get("gender") or "")
        if gender is None:
            problems.append(f"giới tính “{f.get('gender')}” không hợp lệ")
        if canonical_ethnicity(f.get("ethnicity") or "") is None:
            problems.append(f"dân tộc “{f.get('ethnicity')}” không có trong danh mục")
        born = f.get("birth_date")
        if born is not None and (born > date.today() or born.year < 1900):
            problems.append("ngày sinh không hợp lệ")
        if f.get("citizen_id"):
            problem = cccd_problem(f["citizen_id"], is_female=(gender is Gender.FEMALE)
                                   if gender else None, birth_date=born)
            if problem:
                problems.append(f"số CCCD: {problem}")
    if entity == "nominations" and NominationStatus.from_text(f.get("status") or "") is None:
        problems.append(f"trạng thái “{f.get('status')}” không hợp lệ")
    if entity in ("decision_lines", "award_records") and (f.get("amount") or 0) < 0:
        problems.append("số tiền âm")
    if entity in BLOC_RULES:
        problems.extend(BLOC_RULES[entity](f))
    return problems


def _one_of(value: Any, allowed: frozenset[str], what: str) -> list[str]:
    return [] if value in allowed else [f"{what} “{value}” không hợp lệ"]


_SHEET = frozenset(s.value for s in SheetStatus)
_SHA_RE = re.compile(r"[0-9a-f]{64}")


def _bloc_rules(f: dict[str, Any]) -> list[str]:
    problems = _one_of(f.get("kind"), frozenset(k.value for k in BlocKind), "loại khối")
    if not 1900 <= (f.get("year") or 0) <= 2200:
        problems.append("năm không hợp lệ")
    if Decimal(f.get("total_points") or 0) <= 0:
        problems.append("tổng điểm phải lớn hơn 0")
    if (f.get("flag_count") or 0) < 0 or (f.get("merit_count") or 0) < 0:
        problems.append("số đơn vị đề nghị khen thưởng không được âm")
    rules = f.get("tie_rules")
    if not isinstance(rules, list) or not all(isinstance(r, str) and len(r) <= 100
                                              for r in rules):
        problems.append("quy tắc phân định khi bằng điểm không hợp lệ")
    return problems


def _criterion_rules(f: dict[str, Any]) -> list[str]:
    problems = _one_of(f.get("kind"), frozenset(k.value for k in CriterionKind),
                       "loại tiêu chí")
    problems += _one_of(f.get("formula"), frozenset({"", *(x.value for x in TargetFormula)}),
                        "công thức")
    problems += _one_of(f.get("direction"), frozenset(d.value for d in TargetDirection),
                        "chiều so sánh")
    if Decimal(f.get("max_points") or 0) < 0 or Decimal(f.get("cap") or 0) < 0:
        problems.append("điểm tối đa không được âm")
    tiers = f.get("tiers")
    if not isinstance(tiers, list) or not all(
            isinstance(t, list) and len(t) == 2 and all(_is_number(x) for x in t) for t in tiers):
        problems.append("các mức (bậc) điểm không hợp lệ")
    return problems


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except InvalidOperation:
        return False


def _score_rules(f: dict[str, Any]) -> list[str]:
    return [f"{what} không được âm" for name, what in (("self_score", "điểm tự chấm"),
                                                       ("reviewed_score", "điểm khối chấm"))
            if f.get(name) is not None and Decimal(f[name]) < 0]


def _vote_rules(f: dict[str, Any]) -> list[str]:
    present, yes = f.get("members_present") or 0, f.get("yes_votes")
    if present < 1 or yes is None or not 0 <= yes <= present:
        return ["số phiếu đồng ý phải từ 0 đến số thành viên dự họp (ít nhất 1)"]
    return []


def _target_rules(f: dict[str, Any]) -> list[str]:
    if f.get("direction") is None:
        return []
    return _one_of(f.get("direction"), frozenset(d.value for d in TargetDirection),
                   "chiều so sánh")


def _movement_rules(f: dict[str, Any]) -> list[str]:
    problems = _one_of(f.get("kind"), frozenset(k.value for k in MovementKind),
                       "loại phong trào")
    if not str(f.get("name") or "").strip():
        problems.append("phong trào chưa có tên")
    return problems


BLOC_RULES: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "movements": _movement_rules,
    "movement_targets": _target_rules,
    "blocs": _bloc_rules,
    "bloc_criteria": _criterion_rules,
    "unit_targets": _target_rules,
    "bloc_score_sheets": lambda f: _one_of(f.get("status"), _SHEET, "trạng thái bảng điểm"),
    "bloc_sheet_events": lambda f: (_one_of(f.get("to_status"), _SHEET, "trạng thái")
                                    + _one_of(f.get("from_status"), _SHEET | {""}, "trạng thái")),
    "bloc_scores": _score_rules,
    "bloc_score_attachments": lambda f: (
        ([] if _SHA_RE.fullmatch(str(f.get("sha256"))) else ["mã băm SHA-256 không hợp lệ"])
        + (["kích thước tệp âm"] if (f.get("size") or 0) < 0 else [])),
    "bloc_votes": _vote_rules,
}


# Entities ``_rules`` checks besides their column types.
RULED = frozenset({"people", "nominations", "decision_lines", "award_records", *BLOC_RULES})
# Entities whose plainly new records an import on SQLite writes set-based (``staged``).
STAGED = frozenset(spec.name for spec in ENTITIES if staged.eligible(spec, REFERENCED, RULED))


def _person_passes(full_name: Any, gender: Any, ethnicity: Any, birth_date: Any,
                   citizen_id: Any) -> bool:
    """The people form's rules (``_rules``) on a package line's values, for SQL: anything
    odd is simply not taken set-based (the planner explains it)."""
    try:
        born = date.fromisoformat(birth_date) if birth_date is not None else None
        return not _rules("people", {"full_name": full_name, "gender": gender,
                                     "ethnicity": ethnicity, "birth_date": born,
                                     "citizen_id": citizen_id})
    except Exception:  # a wrong type: the planner's converters say which
        return False


def _person_search_key(full_name: str, citizen_id: str | None) -> str:
    return fold(f"{full_name} {citizen_id or ''}")


# A person arrives set-based when the form's rules pass, nobody here holds the CCCD or the
# same name and birth date (the planner proposes a match), and no other line of the package
# holds the CCCD (the planner keeps the first).
PERSON_ARRIVAL = staged.Arrival(
    check=_person_passes,
    check_fields=("full_name", "gender", "ethnicity", "birth_date", "citizen_id"),
    derived={"search_key": (_person_search_key, ("full_name", "citizen_id")),
             "sort_key": (name_sort_key, ("full_name",))},
    unique="citizen_id",
    plain_unique="{v} = '' OR {v} GLOB '" + "[0-9]" * 12 + "'",
    unmatched=("(v_citizen_id IS NULL OR v_citizen_id = '' OR NOT EXISTS (SELECT 1 FROM "
               "people p WHERE p.citizen_id = v_citizen_id AND p.deleted_at IS NULL)) AND "
               "(v_birth_date IS NULL OR NOT EXISTS (SELECT 1 FROM people p WHERE "
               "p.birth_date = v_birth_date AND p.deleted_at IS NULL AND "
               "tdkt_fold(p.full_name) = tdkt_fold(v_full_name)))"))


def package_person_label(name: Any, born: Any) -> str:
    """A package person as the preview names it: the name and the year of birth."""
    return f"{name}{f' (sinh {born[:4]})' if isinstance(born, str) else ''}"


def _person_label(name: str, born: date | None) -> str:
    return f"{name} (sinh {born:%d/%m/%Y})" if born else name


def preview_of(header: PackageHeader, plan: Plan) -> ImportPreview:
    return ImportPreview(header, plan.counts, plan.items)


# -- applying ------------------------------------------------------------------------------
class Applier:
    """Writes a plan: inserts and updates per entity in executemany batches, ids looked up
    by UUID in chunks, shadows and aliases recorded, all inside the caller's transaction."""

    def __init__(self, s: Session, zf: zipfile.ZipFile, header: PackageHeader, me: Me,
                 planner: Planner, actor: str, attachment_store: Path) -> None:
        self.s, self.zf, self.header, self.me = s, zf, header, me
        self.planner, self.actor, self.store = planner, actor, attachment_store
        self.ids: dict[str, dict[str, int]] = {spec.name: {} for spec in ENTITIES}
        self.now = utcnow()
        self.received_nominations: list[int] = []
        self.target_round_id: int | None = None
        self._copied: dict[str, set[str]] = {}  # of will_exist, in temp.sync_will_exist

    # plainly new records set-based on SQLite (``staged``); the tests compare both ways
    staged_arrival = True

    def bulk(self, spec: EntitySpec, entry: str) -> tuple[int, Lines] | None:
        """Write an entity's plainly new records set-based; the planner takes the rest."""
        how = self._arrival(spec)
        if how is None:
            return None
        arrival = staged.StagedArrival(self.s.connection(), spec,
                                       self.header.sender_installation_uuid, self.now,
                                       self.planner.will_exist, how, self._copied)
        arrival.stage(self.zf, entry)
        written = arrival.write()
        if written:
            self._after_arrival(spec, arrival)

        def rest() -> Lines:
            try:
                yield from arrival.left_over(entry)
            finally:
                arrival.drop()
        return written, rest()

    def _arrival(self, spec: EntitySpec) -> staged.Arrival | None:
        """How an entity's records may arrive set-based, if they may: the plain entities; a
        person when nothing here or earlier in the package could be the same person; a
        nomination sent up, placed in the officer's round as "Đã tiếp nhận"."""
        if spec.name in STAGED:
            return staged.Arrival()
        if spec.name == "people":
            return PERSON_ARRIVAL
        if (spec.name == "nominations" and self.header.kind is PackageKind.UPWARD
                and self.target_round_id is not None):
            return staged.Arrival(
                rule=f"v_status IN ({', '.join(repr(s.value) for s in NominationStatus)})",
                fixed={"round_id": self.target_round_id, "position": 0,
                       "status": NominationStatus.RECEIVED.value, "status_note": "",
                       "eligibility": ""})
        return None

    def _after_arrival(self, spec: EntitySpec, arrival: staged.StagedArrival) -> None:
        """What the planner keeps of a record it decides, for the records written set-based:
        what will exist (later references, and people not "already here"), a person's label
        and CCCD (a later line holding it is a duplicate), a received nomination's history."""
        if spec.name == "people":
            planner = self.planner
            for uuid, name, born, cid in arrival.chosen("uuid", "c_full_name", "c_birth_date",
                                                        "c_citizen_id"):
                planner.will_exist["people"].add(uuid)
                planner.labels[uuid] = package_person_label(name, born)
                if cid:
                    planner.package_cccd.setdefault(cid, uuid)
        elif spec.name in REFERENCED:
            self.planner.will_exist[spec.name].update(u for u, in arrival.chosen("uuid"))
        if spec.name == "nominations":
            self.received_nominations.extend(arrival.written_ids())

    def start(self) -> None:
        """Before the first batch: where received nominations are placed; the set-based
        first arrival where the database can do it."""
        conn = self.s.connection()
        # (the set-based hashes read texts as their UTF-8 bytes: SQLite's default encoding)
        if (self.staged_arrival and conn.dialect.name == "sqlite"
                and conn.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"):
            self.planner.bulk = self.bulk
            # what earlier entities will bring, for the set-based references: this import's
            conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sync_will_exist")
        from desktop.models import Round
        if self.planner.target_round_uuid:
            self.target_round_id = self.s.scalar(select(Round.id).where(
                Round.uuid == self.planner.target_round_uuid))

    def finish(self) -> None:
        """After the last batch: the history line of every nomination received."""
        self._events_for_received()
        if self.planner.bulk is not None:
            self.s.connection().exec_driver_sql("DROP TABLE IF EXISTS temp.sync_will_exist")

    def _prefetch(self, entity: str, uuids: set[str]) -> None:
        known = self.ids[entity]
        wanted = sorted(u for u in uuids if u not in known)
        model = BY_NAME[entity].model
        for part in _chunks(wanted):
            known.update(self.s.execute(select(model.uuid, model.id)
                                        .where(model.uuid.in_(part))).all())

    def apply(self, spec: EntitySpec, typed: list[Typed]) -> None:
        """Write one planned batch (the planner's sink)."""
        inserts: list[dict[str, Any]] = []
        updates: list[tuple[Planned, dict[str, Any], dict[str, Any]]] = []
        shadows: list[dict[str, Any]] = []
        replaced: list[str] = []
        aliases: list[dict[str, Any]] = []
        deferred_parents: list[tuple[str, str]] = []
        wanted: dict[str, set[str]] = {}
        local_uuid = self.planner.local_uuid
        refs = [(name, target) for _c, name, target in _ref_plan(spec) if target in BY_NAME]
        for _record, fields, _planned, _shadowed in typed:
            for name, target in refs:
                value = fields.get(name)
                if value:
                    wanted.setdefault(target, set()).add(local_uuid(target, value))
        for target, uuids in wanted.items():
            self._prefetch(target, uuids)
        peer = self.header.sender_installation_uuid
        for record, fields, planned, shadowed in typed:
            action, resolution = planned.action, planned.resolution
            write_new = action is Action.NEW and resolution in (None, Resolution.CREATE)
            take = action is Action.UPDATE or (action is Action.CONFLICT
                                               and resolution is Resolution.TAKE_INCOMING)
            if resolution is Resolution.MERGE:
                aliases.append({"entity": spec.name, "foreign_uuid": record["uuid"],
                                "local_uuid": planned.local_uuid})
                # the same cell, sheet, member or vote entered on both sides: the package's
                # content goes into ours, which from now on belongs to the package's owner
                take = bool(spec.natural_key)
            if write_new or take:
                values = self._column_values(spec, fields, deferred_parents, record["uuid"])
                if write_new:
                    inserts.append(self._new_row(spec, record, values))
                else:
                    updates.append((planned, record, values))
            if shadowed:
                replaced.append(record["uuid"])
            shadows.append({"entity": spec.name, "record_uuid": record["uuid"], "peer_uuid": peer,
                            "peer_version": int(record["version"]),
                            "content_hash": planned.incoming_hash})
        table = spec.table
        conn = self.s.connection()
        if inserts:
            _bulk_insert(conn, table, inserts)
            if spec.name in REFERENCED:
                self._prefetch(spec.name, {row["uuid"] for row in inserts})
            if spec.name == "nominations":
                self.received_nominations.extend(self.ids[spec.name][r["uuid"]] for r in inserts)
            if spec.name in FILE_ENTITIES:
                self._store_files([r["sha256"] for r in inserts])
        for planned, record, values in updates:
            self._update(spec, planned, record, values)
            if planned.resolution is Resolution.MERGE:
                conn.execute(update(table).where(table.c.uuid == planned.local_uuid)
                             .values(owner_uuid=record["owner"]))
        if deferred_parents:  # a parent later in the same batch: set once all are in
            self._prefetch(spec.name, {parent for _, parent in deferred_parents})
            pairs = [{"child": child, "parent": self.ids[spec.name][parent]}
                     for child, parent in deferred_parents if parent in self.ids[spec.name]]
            if pairs:
                conn.execute(update(table).where(table.c.uuid == bindparam("child"))
                             .values(parent_id=bindparam("parent")), pairs)
        if aliases:
            conn.execute(insert(SyncAlias), aliases)
        for part in _chunks(replaced):
            conn.execute(delete(SyncShadow).where(
                SyncShadow.entity == spec.name, SyncShadow.record_uuid.in_(part),
                SyncShadow.peer_uuid == peer))
        if shadows:
            _bulk_insert(conn, SHADOWS, shadows)

    def _column_values(self, spec: EntitySpec, fields: dict[str, Any],
                       deferred: list[tuple[str, str]], record_uuid: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column, name, target in _column_plan(spec):
            value = fields.get(name)
            if target is None:
                values[column] = value
            elif value is None:
                values[column] = None
            elif target == AWARD_KIND:
                values[column] = self._award_kind_id(value)
            elif target in BY_NAME:
                local = self.planner.local_uuid(target, value)
                ref_id = self.ids[target].get(local)
                if ref_id is None and target == spec.name:
                    deferred.append((self.planner.local_uuid(spec.name, record_uuid), local))
                values[column] = ref_id
            else:
                values[column] = None
        if spec.name == "people":
            values["search_key"] = fold(f"{values['full_name']} {values.get('citizen_id') or ''}")
            values["sort_key"] = name_sort_key(values["full_name"])
        if spec.name == "units":
            values["search_key"] = fold(f"{values['name']} {values.get('short_name') or ''}")
            values["sort_key"] = sort_key(values["name"])
        return values

    _kinds: dict[str, int] | None = None

    def _award_kind_id(self, code: str) -> int:
        if self._kinds is None:
            self._kinds = dict(self.s.execute(select(AwardKind.code, AwardKind.id)).all())
        return self._kinds[code]

    def _new_row(self, spec: EntitySpec, record: dict[str, Any], values: dict[str, Any]
                 ) -> dict[str, Any]:
        row = dict(values)
        row.update(uuid=record["uuid"], owner_uuid=record["owner"], version=1,
                   created_at=_dt(record.get("created_at")) or self.now, updated_at=self.now,
                   deleted_at=self.now if record["deleted"] else None)
        if spec.name == "nominations" and self.header.kind is PackageKind.UPWARD:
            row.update(round_id=self.target_round_id, position=0,
                       status=NominationStatus.RECEIVED.value, status_note="", eligibility="")
        return row

    def _update(self, spec: EntitySpec, planned: Planned, record: dict[str, Any],
                values: dict[str, Any]) -> None:
        table = spec.table
        changed = {}
        for column in spec.columns:
            if spec.field_name(column.name) in planned.names:
                changed[column.name] = values[column.name]
        if spec.name in ("people", "units"):
            changed.update(search_key=values["search_key"], sort_key=values["sort_key"])
        deleted = bool(record["deleted"])
        changed["deleted_at"] = (self.now if deleted else None)
        if planned.names == spec.upper_fields:
            # a decision from above about our own record: note it in the history too
            if spec.name == "nominations":
                old = self.s.execute(select(table.c.id, table.c.status).where(
                    table.c.uuid == planned.local_uuid)).first()
                if old and old[1] != values["status"]:
                    self.s.execute(insert(NominationEvent), [{
                        "uuid": str(uuid_module.uuid4()), "owner_uuid": self.me.installation_uuid,
                        "created_at": self.now, "updated_at": self.now, "version": 1,
                        "nomination_id": old[0], "from_status": old[1],
                        "to_status": values["status"], "actor": self.actor, "at": self.now,
                        "note": f"Theo gói dữ liệu của {self.header.sender_office_name}"}])
            changed.pop("deleted_at")
        self.s.execute(update(table).where(table.c.uuid == planned.local_uuid)
                       .values(**changed, version=table.c.version + 1, updated_at=self.now))

    def _events_for_received(self) -> None:
        if not self.received_nominations:
            return
        note = (f"Tiếp nhận qua gói dữ liệu của {self.header.sender_office_name} "
                f"({self.header.created_at:%d/%m/%Y})")
        conn = self.s.connection()
        if conn.dialect.name == "sqlite":  # one statement: 30,000 lines at province scale
            table = cast(Table, NominationEvent.__table__)
            as_stored = table.c.created_at.type.bind_processor(conn.dialect)
            stamp = as_stored(self.now) if as_stored is not None else self.now
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.create_function("tdkt_uuid4", 0, lambda: str(uuid_module.uuid4()))
            conn.exec_driver_sql(
                "INSERT INTO nomination_events (uuid, owner_uuid, created_at, updated_at, "
                "version, nomination_id, from_status, to_status, actor, at, note) "
                "SELECT tdkt_uuid4(), ?, ?, ?, 1, value, ?, ?, ?, ?, ? FROM json_each(?) "
                "ORDER BY key",
                (self.me.installation_uuid, stamp, stamp, NominationStatus.SUBMITTED.value,
                 NominationStatus.RECEIVED.value, self.actor, stamp, note,
                 json.dumps(self.received_nominations)))
            return
        rows = [{"uuid": str(uuid_module.uuid4()), "owner_uuid": self.me.installation_uuid,
                 "created_at": self.now, "updated_at": self.now, "version": 1,
                 "nomination_id": nid, "from_status": NominationStatus.SUBMITTED.value,
                 "to_status": NominationStatus.RECEIVED.value, "actor": self.actor,
                 "at": self.now, "note": note} for nid in self.received_nominations]
        for start in range(0, len(rows), 1000):
            _bulk_insert(conn, cast(Table, NominationEvent.__table__), rows[start:start + 1000])

    def _store_files(self, hashes: list[str]) -> None:
        from desktop.services.attachments import stored_path
        names = {i.filename for i in self.zf.infolist()}
        for sha in hashes:
            entry = f"files/{sha}"
            target = stored_path(self.store, sha)
            if entry not in names or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{sha}.tmp")
            with self.zf.open(entry) as src, tmp.open("wb") as out:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    out.write(chunk)
            tmp.replace(target)


_INSERTS: dict[tuple[str, tuple[str, ...]], tuple[str, list[Any]]] = {}


def _bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``INSERT … VALUES`` of many rows with the same keys. On SQLite the values go through
    each column type's own bind processor (how SQLAlchemy would store them) straight to the
    driver's ``executemany``: SQLAlchemy's per-row parameter handling costs more than the
    insert itself at province scale. Other databases, or rows that leave out a column with a
    default, take the ordinary Core path."""
    keys = tuple(rows[0])
    cached = _INSERTS.get((table.name, keys))
    if cached is None and conn.dialect.name == "sqlite":
        left_out = [c for c in table.columns if c.name not in keys
                    and not (c.primary_key and c.autoincrement is not False
                             and isinstance(c.type, Integer))]
        if not any(c.default is not None or c.server_default is not None for c in left_out):
            columns = [table.columns[k] for k in keys]
            sql = (f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{k}{chr(34)}" for k in keys)}) '
                   f'VALUES ({", ".join("?" * len(keys))})')
            cached = (sql, [c.type.bind_processor(conn.dialect) for c in columns])
            _INSERTS[(table.name, keys)] = cached
    if cached is None:
        conn.execute(insert(table), rows)
        return
    sql, processors = cached
    row_values = itemgetter(*keys)
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    params: list[Any] = []
    for row in rows:
        values = list(row_values(row)) if len(keys) > 1 else [row[keys[0]]]
        for i, process in converted:
            if values[i] is not None:
                values[i] = process(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def _dt(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
