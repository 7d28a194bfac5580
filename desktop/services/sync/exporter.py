"""Writing a package: choose the records, stream them as JSON Lines into a ZIP with a hash per
entry, then sign the manifest. Nothing is loaded whole: rows are read in chunks of ids."""

from __future__ import annotations

import json
import os
import uuid as uuid_module
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

import desktop
from desktop.api.decisions import decision_number
from desktop.api.sync import (
    BlocDownSelection,
    BlocUpSelection,
    DownwardSelection,
    ExportPlan,
    PackageKind,
    Recipient,
    UpwardSelection,
)
from desktop.db.migrate import SCHEMA_HEAD
from desktop.domain.enums import NominationStatus, SheetStatus
from desktop.domain.errors import NotFoundError, ValidationError
from desktop.models import (
    Attachment,
    AwardKind,
    AwardRecord,
    Bloc,
    BlocMember,
    BlocScore,
    BlocScoreAttachment,
    BlocScoreSheet,
    BlocSheetEvent,
    BlocVote,
    Criterion,
    Decision,
    DecisionLine,
    Discipline,
    Initiative,
    Movement,
    MovementTarget,
    Nomination,
    NominationEvent,
    NominationEvidence,
    Person,
    PersonPosition,
    Rating,
    Registration,
    Round,
    SyncAlias,
    Unit,
    UnitTarget,
)
from desktop.models.base import utcnow
from desktop.services.attachments import stored_path
from desktop.services.sync import keys
from desktop.services.sync.archive import DATA_PREFIX, FILES_PREFIX, MANIFEST, SIGNATURE, PackageWriter
from desktop.services.sync.documents import MANIFEST_KEY, PreparedDocument, manifest_value
from desktop.services.sync.entities import AWARD_KIND, BY_NAME, ENTITIES, EntitySpec, plain

FORMAT = "tdkt-package"
FORMAT_VERSION = 1
SUFFIX = ".tdkt"
CHUNK = 900  # ids per IN (…) — below SQLite's bound-parameter limit


@dataclass
class Selection:
    """Ids per entity to write, and the facts the manifest tells about them."""

    ids: dict[str, list[int]] = field(default_factory=dict)
    attachments: dict[str, int] = field(default_factory=dict)  # sha256 → size
    source: dict[str, Any] = field(default_factory=dict)
    # the tờ trình, minutes and files the officer added (manifest ``documents``)
    documents: list[PreparedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def document_bytes(self) -> int:
        """Bytes the documents add (one that is also an attachment is stored once)."""
        return sum(d.info.size for d in self.documents if d.info.sha256 not in self.attachments)

    def counts(self) -> dict[str, int]:
        return {name: len(ids) for name, ids in self.ids.items() if ids}


def chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _ids(s: Session, stmt: Select[Any]) -> list[int]:
    return sorted(set(s.scalars(stmt)))


def _in_chunks(s: Session, column: Any, values: Iterable[int], stmt_of: Any) -> list[int]:
    found: set[int] = set()
    for part in chunks(sorted(set(values))):
        found.update(s.scalars(stmt_of(column.in_(part))))
    return sorted(found)


def select_upward(s: Session, sel: UpwardSelection, since: datetime | None) -> Selection:
    round_ = s.get(Round, sel.round_id)
    if round_ is None or round_.deleted_at is not None:
        raise NotFoundError(f"Không tìm thấy đợt xét khen thưởng (mã {sel.round_id}).")
    stmt = select(Nomination.id).where(Nomination.round_id == round_.id)
    if sel.nomination_ids:
        stmt = stmt.where(Nomination.id.in_(sel.nomination_ids))
    else:
        stmt = stmt.where(Nomination.status == NominationStatus.SUBMITTED.value)
    if since is not None:
        stmt = stmt.where(Nomination.updated_at > since)
    else:
        stmt = stmt.where(Nomination.deleted_at.is_(None))
    nomination_ids = _ids(s, stmt)
    if sel.nomination_ids and len(nomination_ids) < len(set(sel.nomination_ids)) and since is None:
        raise ValidationError.single("nominations", "Đề nghị",
                                     "có đề nghị không thuộc đợt này hoặc đã bị xóa")
    if not nomination_ids and since is None:
        raise ValidationError.single(
            "nominations", "Đề nghị",
            "đợt này chưa có đề nghị nào ở trạng thái “Đã gửi”; hãy chuyển các đề nghị cần gửi "
            "sang “Đã gửi” hoặc chọn từng đề nghị")
    sel_out = Selection(source={"round": {"uuid": round_.uuid, "name": round_.name,
                                          "year": round_.year, "kind": round_.kind}})
    people: set[int] = set()
    subject_units: set[int] = set()
    units: set[int] = set()
    for part in chunks(nomination_ids):
        for person_id, unit_id, household_unit, proposing in s.execute(
                select(Nomination.person_id, Nomination.unit_id, Nomination.household_unit_id,
                       Nomination.proposing_unit_id).where(Nomination.id.in_(part))):
            if person_id:
                people.add(person_id)
            if unit_id:
                subject_units.add(unit_id)
            units.update(u for u in (household_unit, proposing) if u)
    for part in chunks(sorted(people)):
        units.update(u for u in s.scalars(select(Person.unit_id).where(Person.id.in_(part))) if u)
        units.update(u for u in s.scalars(select(PersonPosition.unit_id).where(
            PersonPosition.person_id.in_(part), PersonPosition.deleted_at.is_(None))) if u)
    units |= subject_units
    units = _with_ancestors(s, units)

    def by_subject(model: Any) -> list[int]:
        found = set(_in_chunks(s, model.person_id, people,
                               lambda cond: _since(select(model.id).where(cond), model, since)))
        found |= set(_in_chunks(s, model.unit_id, subject_units,
                                lambda cond: _since(select(model.id).where(cond), model, since)))
        return sorted(found)

    def by_nomination(model: Any) -> list[int]:
        return _in_chunks(s, model.nomination_id, nomination_ids,
                          lambda cond: _since(select(model.id).where(cond), model, since))

    sel_out.ids = {
        "units": _filter_since(s, Unit, sorted(units), since),
        "people": _filter_since(s, Person, sorted(people), since),
        "person_positions": _in_chunks(
            s, PersonPosition.person_id, people,
            lambda cond: _since(select(PersonPosition.id).where(cond), PersonPosition, since)),
        "ratings": by_subject(Rating), "initiatives": by_subject(Initiative),
        "disciplines": by_subject(Discipline), "award_records": by_subject(AwardRecord),
        "registrations": by_subject(Registration),
        "nominations": nomination_ids,
        "nomination_events": by_nomination(NominationEvent),
        "nomination_evidence": by_nomination(NominationEvidence),
        "attachments": by_nomination(Attachment),
    }
    if sel.include_attachments:
        for part in chunks(sel_out.ids["attachments"]):
            for sha, size in s.execute(select(Attachment.sha256, Attachment.size)
                                       .where(Attachment.id.in_(part),
                                              Attachment.deleted_at.is_(None))):
                sel_out.attachments[sha] = size
    return sel_out


def select_downward(s: Session, sel: DownwardSelection) -> Selection:
    """Signed decisions, their lines for the recipient's nominations, the award history they
    wrote, and the status the recipient's nominations reached here."""
    if not sel.decision_ids:
        raise ValidationError.single("decisions", "Quyết định", "chưa chọn quyết định nào")
    decisions = s.scalars(select(Decision).where(Decision.id.in_(sel.decision_ids))).all()
    missing = set(sel.decision_ids) - {d.id for d in decisions}
    if missing:
        raise NotFoundError(f"Không tìm thấy quyết định mã {', '.join(map(str, sorted(missing)))}.")
    unsigned = [d for d in decisions if d.status != "signed" or d.deleted_at is not None]
    if unsigned:
        raise ValidationError.single(
            "decisions", "Quyết định",
            f"chỉ gửi quyết định đã ký; quyết định mã {unsigned[0].id} chưa ký hoặc đã xóa")
    lines: list[int] = []
    nominations: list[int] = []
    subjects: set[tuple[int | None, int | None, str]] = set()
    for line_id, nomination in s.execute(
            select(DecisionLine.id, Nomination)
            .join(Nomination, Nomination.id == DecisionLine.nomination_id)
            .where(DecisionLine.decision_id.in_(sel.decision_ids),
                   DecisionLine.deleted_at.is_(None),
                   Nomination.owner_uuid == sel.recipient_installation_uuid)):
        lines.append(line_id)
        nominations.append(nomination.id)
        subjects.add((nomination.person_id, nomination.unit_id, nomination.household_name))
    if not lines:
        raise ValidationError.single(
            "decisions", "Quyết định",
            "các quyết định đã chọn không có dòng nào cho đề nghị của đơn vị nhận")
    records: set[int] = set()
    for d in decisions:
        number = decision_number(d.sequence or 0, d.notation)
        for rec_id, person_id, unit_id, household in s.execute(
                select(AwardRecord.id, AwardRecord.person_id, AwardRecord.unit_id,
                       AwardRecord.household_name)
                .where(AwardRecord.decision_number == number,
                       AwardRecord.decision_date == d.signed_on,
                       AwardRecord.deleted_at.is_(None))):
            if (person_id, unit_id, household) in subjects:
                records.add(rec_id)
    rounds = sorted({d.round_id for d in decisions})
    events = _in_chunks(s, NominationEvent.nomination_id, nominations,
                        lambda cond: select(NominationEvent.id).where(cond))
    movements = set(s.scalars(select(Round.movement_id).where(Round.id.in_(rounds))))
    return Selection(ids={
        "award_records": sorted(records), "rounds": rounds,
        "nominations": sorted(nominations), "nomination_events": events,
        "decisions": sorted(d.id for d in decisions), "decision_lines": sorted(lines),
        **_movements_with_appendix(s, {m for m in movements if m}),
    }, source={"decisions": [d.uuid for d in decisions]})


def live_bloc(s: Session, bloc_id: int) -> Bloc:
    bloc = s.get(Bloc, bloc_id)
    if bloc is None or bloc.deleted_at is not None:
        raise NotFoundError(f"Không tìm thấy khối, cụm thi đua (mã {bloc_id}).")
    return bloc


def _bloc_source(bloc: Bloc, direction: str) -> dict[str, Any]:
    return {"bloc": {"uuid": bloc.uuid, "name": bloc.name, "year": bloc.year,
                     "direction": direction}}


def _bloc_indicators(s: Session, bloc_id: int) -> set[str]:
    return {i for i in s.scalars(select(Criterion.indicator).where(
        Criterion.bloc_id == bloc_id, Criterion.deleted_at.is_(None))) if i}


def _targets(s: Session, units: set[int], year: int, indicators: set[str],
             owner: str | None = None) -> list[int]:
    if not units or not indicators:
        return []
    stmt = select(UnitTarget.id).where(UnitTarget.unit_id.in_(units), UnitTarget.year == year,
                                       UnitTarget.indicator.in_(indicators))
    if owner is not None:
        stmt = stmt.where(UnitTarget.owner_uuid == owner)
    return _ids(s, stmt)


def _score_files(s: Session, attachment_ids: list[int], skip_owner: str = "") -> dict[str, int]:
    files: dict[str, int] = {}
    for part in chunks(attachment_ids):
        for sha, size, owner in s.execute(
                select(BlocScoreAttachment.sha256, BlocScoreAttachment.size,
                       BlocScoreAttachment.owner_uuid)
                .where(BlocScoreAttachment.id.in_(part),
                       BlocScoreAttachment.deleted_at.is_(None))):
            if not skip_owner or owner != skip_owner:
                files[sha] = size
    return files


def select_bloc_down(s: Session, sel: BlocDownSelection, recipient_unit_code: str,
                     recipient_installation: str) -> Selection:
    """From the bloc's head to one member: the bloc, its members (units), criteria tree and
    votes; the recipient's own sheet, scores, evidence records and history (with the reviewed
    scores and statuses decided here), the sheets of other members only once published. Records
    deleted here travel as tombstones."""
    bloc = live_bloc(s, sel.bloc_id)
    member_units = set(s.scalars(select(BlocMember.unit_id).where(
        BlocMember.bloc_id == bloc.id, BlocMember.deleted_at.is_(None))))
    if not member_units:
        raise ValidationError.single("bloc", "Khối thi đua", "khối chưa có đơn vị thành viên")
    own = set(s.scalars(select(Unit.id).where(
        Unit.id.in_(member_units), func.lower(Unit.code) == recipient_unit_code.casefold(),
        Unit.deleted_at.is_(None)))) if recipient_unit_code else set()
    published = set(s.scalars(select(BlocScoreSheet.unit_id).where(
        BlocScoreSheet.bloc_id == bloc.id, BlocScoreSheet.deleted_at.is_(None),
        BlocScoreSheet.status == SheetStatus.PUBLISHED.value)))
    shared = (own | published) & member_units
    units = member_units | {u for u in (bloc.organiser_unit_id, bloc.head_unit_id,
                                         bloc.deputy_unit_id) if u}
    sheets = _ids(s, select(BlocScoreSheet.id).where(BlocScoreSheet.bloc_id == bloc.id,
                                                     BlocScoreSheet.unit_id.in_(shared)))
    scores = _ids(s, select(BlocScore.id).where(BlocScore.bloc_id == bloc.id,
                                                BlocScore.unit_id.in_(shared)))
    attachments = _in_chunks(s, BlocScoreAttachment.score_id, scores,
                             lambda cond: select(BlocScoreAttachment.id).where(cond))
    out = Selection(source=_bloc_source(bloc, "down"))
    out.ids = {
        "units": sorted(_with_ancestors(s, units)),
        "blocs": [bloc.id],
        "bloc_members": _ids(s, select(BlocMember.id).where(BlocMember.bloc_id == bloc.id)),
        "bloc_criteria": _ids(s, select(Criterion.id).where(Criterion.bloc_id == bloc.id)),
        "unit_targets": (targets := _targets(s, shared, bloc.year,
                                             _bloc_indicators(s, bloc.id))),
        "bloc_score_sheets": sheets,
        "bloc_sheet_events": _in_chunks(s, BlocSheetEvent.sheet_id, sheets,
                                        lambda cond: select(BlocSheetEvent.id).where(cond)),
        "bloc_scores": scores,
        "bloc_score_attachments": attachments,
        "bloc_votes": _ids(s, select(BlocVote.id).where(BlocVote.bloc_id == bloc.id)),
    }
    out.ids.update(_movements_of_targets(s, targets))
    if sel.include_attachments:  # the recipient has its own files already
        out.attachments = _score_files(s, attachments, recipient_installation)
    return out


def _movements_with_appendix(s: Session, movement_ids: set[int]) -> dict[str, list[int]]:
    """The movements named and every line of their appendix (tombstones too: a line deleted
    here is deleted there)."""
    movement_ids = {m for m in movement_ids if m}
    if not movement_ids:
        return {}
    return {"movements": sorted(movement_ids),
            "movement_targets": _in_chunks(s, MovementTarget.movement_id, movement_ids,
                                           lambda cond: select(MovementTarget.id).where(cond))}


def _movements_of_targets(s: Session, unit_target_ids: list[int]) -> dict[str, list[int]]:
    """The movements whose appendix lines the unit targets were assigned from."""
    lines = {line for line in _in_chunks(
        s, UnitTarget.id, unit_target_ids,
        lambda cond: select(UnitTarget.movement_target_id).where(cond)) if line}
    movements = set(_in_chunks(s, MovementTarget.id, lines,
                               lambda cond: select(MovementTarget.movement_id).where(cond)))
    return _movements_with_appendix(s, movements)


def select_movement_down(s: Session, movement_id: int, recipient_unit_code: str) -> Selection:
    """A movement, every line of its appendix, and the targets assigned from it to the
    recipient's unit and the units under it (with those units and their parents)."""
    movement = s.get(Movement, movement_id)
    if movement is None or movement.deleted_at is not None:
        raise NotFoundError(f"Không tìm thấy phong trào thi đua (mã {movement_id}).")
    out = Selection(source={"movement": {"uuid": movement.uuid, "name": movement.name,
                                         "year": movement.year}})
    out.ids = _movements_with_appendix(s, {movement.id})
    top = s.scalars(select(Unit.id).where(func.lower(Unit.code) == recipient_unit_code.casefold(),
                                          Unit.deleted_at.is_(None))).first() \
        if recipient_unit_code else None
    if top is not None:
        below = _with_descendants(s, {top})
        targets = _ids(s, select(UnitTarget.id).where(
            UnitTarget.unit_id.in_(below),
            UnitTarget.movement_target_id.in_(out.ids["movement_targets"] or [0])))
        units = set(s.scalars(select(UnitTarget.unit_id).where(UnitTarget.id.in_(targets)))) \
            if targets else set()
        out.ids["units"] = sorted(_with_ancestors(s, units | {top}))
        out.ids["unit_targets"] = targets
    if movement.organiser_unit_id:
        out.ids["units"] = sorted(set(out.ids.get("units", [])) | _with_ancestors(
            s, {movement.organiser_unit_id}))
    return out


def _with_descendants(s: Session, units: set[int]) -> set[int]:
    found, frontier = set(units), set(units)
    while frontier:
        children = set(s.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier),
                                                       Unit.deleted_at.is_(None))))
        frontier = children - found
        found |= frontier
    return found


def select_bloc_up(s: Session, sel: BlocUpSelection, unit_id: int | None,
                   installation_uuid: str) -> Selection:
    """From a member to the bloc's head: this office's own sheet for the bloc, its scores
    (self-scores and evidence notes), evidence files and the sheet's history, and the targets
    this office entered for the bloc's indicators."""
    bloc = live_bloc(s, sel.bloc_id)
    member = s.scalar(select(BlocMember.id).where(
        BlocMember.bloc_id == bloc.id, BlocMember.unit_id == unit_id,
        BlocMember.deleted_at.is_(None))) if unit_id is not None else None
    if unit_id is None or member is None:
        raise ValidationError.single("bloc", "Khối thi đua",
                                     f"đơn vị này không phải thành viên của “{bloc.name}”")
    if bloc.head_unit_id == unit_id:
        raise ValidationError.single("bloc", "Khối thi đua",
                                     "đơn vị này là đơn vị trưởng khối; gửi xuống các thành viên")
    sheet = s.scalars(select(BlocScoreSheet).where(
        BlocScoreSheet.bloc_id == bloc.id, BlocScoreSheet.unit_id == unit_id,
        BlocScoreSheet.deleted_at.is_(None))).first()
    if sheet is None or sheet.status == SheetStatus.DRAFT.value:
        raise ValidationError.single(
            "bloc", "Bảng điểm",
            f"bảng tự chấm của đơn vị chưa gửi khối; hãy chuyển sang "
            f"“{SheetStatus.SUBMITTED.label}” trước khi xuất gói")
    scores = _ids(s, select(BlocScore.id).where(BlocScore.bloc_id == bloc.id,
                                                BlocScore.unit_id == unit_id))
    attachments = _in_chunks(s, BlocScoreAttachment.score_id, scores,
                             lambda cond: select(BlocScoreAttachment.id).where(cond))
    out = Selection(source=_bloc_source(bloc, "up"))
    out.ids = {
        "unit_targets": _targets(s, {unit_id}, bloc.year, _bloc_indicators(s, bloc.id),
                                 installation_uuid),
        "bloc_score_sheets": [sheet.id],
        "bloc_sheet_events": _ids(s, select(BlocSheetEvent.id).where(
            BlocSheetEvent.sheet_id == sheet.id)),
        "bloc_scores": scores,
        "bloc_score_attachments": attachments,
    }
    if sel.include_attachments:
        out.attachments = _score_files(s, attachments)
    return out


def _since(stmt: Select[Any], model: Any, since: datetime | None) -> Select[Any]:
    if since is None:
        return stmt.where(model.deleted_at.is_(None))
    return stmt.where(model.updated_at > since)


def _filter_since(s: Session, model: Any, ids: list[int], since: datetime | None) -> list[int]:
    if since is None:
        return ids
    return _in_chunks(s, model.id, ids,
                      lambda cond: select(model.id).where(cond, model.updated_at > since))


def _with_ancestors(s: Session, units: set[int]) -> set[int]:
    """The receiver rebuilds where a unit sits: send its parents up to the root too."""
    result = set(units)
    frontier = set(units)
    while frontier:
        parents: set[int] = set()
        for part in chunks(sorted(frontier)):
            parents.update(p for p in s.scalars(select(Unit.parent_id).where(Unit.id.in_(part)))
                           if p)
        frontier = parents - result
        result |= frontier
    return result


# Entities that point at themselves through a required reference: parents are written before
# their children (a group added after its criteria has a larger id than they have).
PARENTS_FIRST = {spec.name: column for spec in ENTITIES for column, target in spec.refs.items()
                 if target == spec.name and column not in spec.optional_refs}


def _parents_first(rows: Sequence[Any], column: str) -> list[Any]:
    by_id = {r.id: r for r in rows}
    depth: dict[int, int] = {}

    def level(row: Any) -> int:
        chain: list[int] = []
        node = row
        while node is not None and node.id not in depth and node.id not in chain:
            chain.append(node.id)
            node = by_id.get(getattr(node, column))
        base = depth[node.id] + 1 if node is not None and node.id in depth else 0
        for i, row_id in enumerate(reversed(chain)):
            depth[row_id] = base + i
        return depth[row.id]

    return sorted(rows, key=lambda r: (level(r), r.id))


class RecordWriter:
    """Turns rows into package records: foreign keys to UUIDs (or catalog codes), and our
    merged records back to the UUID the recipient knows them by."""

    def __init__(self, s: Session) -> None:
        self._s = s
        self._codes = dict(s.execute(select(AwardKind.id, AwardKind.code)).all())
        self._uuids: dict[str, dict[int, str]] = {}
        reverse: dict[str, dict[str, str]] = {}
        for entity, foreign, local in s.execute(
                select(SyncAlias.entity, SyncAlias.foreign_uuid, SyncAlias.local_uuid)):
            reverse.setdefault(entity, {})[local] = foreign
        self._reverse = reverse

    def _uuid_of(self, entity: str, ids: set[int]) -> None:
        known = self._uuids.setdefault(entity, {})
        wanted = sorted(i for i in ids if i not in known)
        model = BY_NAME[entity].model
        for part in chunks(wanted):
            known.update(self._s.execute(select(model.id, model.uuid)
                                         .where(model.id.in_(part))).all())

    def records(self, spec: EntitySpec, ids: list[int]) -> Iterator[dict[str, Any]]:
        model = spec.model
        columns = spec.columns
        for part in chunks(ids):
            rows = self._s.scalars(select(model).where(model.id.in_(part)).order_by(model.id)).all()
            if spec.name in PARENTS_FIRST:
                rows = _parents_first(rows, PARENTS_FIRST[spec.name])
            for target in {t for t in spec.refs.values() if t in BY_NAME}:
                wanted = {getattr(r, c) for r in rows for c, t in spec.refs.items()
                          if t == target and getattr(r, c)}
                self._uuid_of(target, wanted)
            for row in rows:
                yield self._record(spec, row, columns)
            self._s.expunge_all()

    def prefetch_refs(self, spec: EntitySpec, rows: Sequence[Any]) -> None:
        """Look up, in one query per target, the UUIDs the rows' foreign keys point at."""
        for column, target in spec.refs.items():
            if target in BY_NAME:
                self._uuid_of(target, {v for r in rows if (v := getattr(r, column))})

    def record_fields(self, spec: EntitySpec, row: Any) -> dict[str, Any]:
        """One row's fields as a package would carry them (for comparing with one that came)."""
        for column, target in spec.refs.items():
            value = getattr(row, column)
            if target in BY_NAME and value:
                self._uuid_of(target, {value})
        fields: dict[str, Any] = self._record(spec, row, spec.columns)["fields"]
        return fields

    def _record(self, spec: EntitySpec, row: Any, columns: Sequence[Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for column in columns:
            value = getattr(row, column.name)
            target = spec.refs.get(column.name)
            if target is None:
                fields[column.name] = plain(value)
            elif value is None:
                fields[spec.field_name(column.name)] = None
            elif target == AWARD_KIND:
                fields[spec.field_name(column.name)] = self._codes.get(value)
            elif target in BY_NAME:
                ref = self._uuids.get(target, {}).get(value)
                fields[spec.field_name(column.name)] = self._outgoing(target, ref)
            else:  # movements do not travel yet: the reference stays home
                fields[spec.field_name(column.name)] = None
        return {"uuid": self._outgoing(spec.name, row.uuid), "owner": row.owner_uuid,
                "version": row.version, "created_at": plain(row.created_at),
                "updated_at": plain(row.updated_at), "deleted": row.deleted_at is not None,
                "fields": fields}

    def _outgoing(self, entity: str, local_uuid: str | None) -> str | None:
        if local_uuid is None:
            return None
        return self._reverse.get(entity, {}).get(local_uuid, local_uuid)


def estimate(s: Session, selection: Selection, kind: PackageKind, recipient: Recipient,
             since: datetime | None) -> ExportPlan:
    """Counts and sizes before writing: the JSON is produced and measured, not kept."""
    writer = RecordWriter(s)
    data_bytes = 0
    for spec in ENTITIES:
        for record in writer.records(spec, selection.ids.get(spec.name, [])):
            data_bytes += len(_line(record))
    return ExportPlan(kind, recipient, selection.counts(), data_bytes,
                      sum(selection.attachments.values()), len(selection.attachments), since,
                      tuple(d.info for d in selection.documents), selection.document_bytes(),
                      tuple(selection.warnings))


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Sender:
    installation_uuid: str
    office_name: str
    unit_code: str
    signing_key: str
    public_key: str


def write_package(s: Session, target: Path, selection: Selection, kind: PackageKind,
                  sender: Sender, recipient: Recipient, attachment_store: Path,
                  since: datetime | None, extra_entries: dict[str, bytes] | None = None
                  ) -> tuple[str, int]:
    """Write ``target`` (via a temporary file beside it); returns (package uuid, size)."""
    package_uuid = str(uuid_module.uuid4())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{package_uuid[:8]}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            out = PackageWriter(zf)
            writer = RecordWriter(s)
            for spec in ENTITIES:
                ids = selection.ids.get(spec.name, [])
                if not ids:
                    continue
                with out.entry(f"{DATA_PREFIX}{spec.name}.jsonl") as entry:
                    for record in writer.records(spec, ids):
                        entry.write(_line(record))
            for name, data in (extra_entries or {}).items():
                out.write_bytes(f"{DATA_PREFIX}{name}", data)
            written: set[str] = set()
            for sha in sorted(selection.attachments):
                source = stored_path(attachment_store, sha)
                if source.exists():
                    out.copy_file(f"{FILES_PREFIX}{sha}", source)
                    written.add(sha)
            for doc in selection.documents:
                if doc.info.sha256 in written:  # content-addressed: already there
                    continue
                name = f"{FILES_PREFIX}{doc.info.sha256}"
                out.copy_file(name, doc.path)
                written.add(doc.info.sha256)
                if out.digests[name].sha256 != doc.info.sha256:
                    raise ValidationError.single(
                        "extra_files", "Tệp đính kèm",
                        f"tệp {doc.info.file_name} đã thay đổi trong khi ghi gói; hãy ghi lại gói")
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "package_uuid": package_uuid, "kind": kind.value,
                "app_version": desktop.__version__, "schema_revision": SCHEMA_HEAD,
                "created_at": plain(utcnow()),
                "since": plain(since) if since else None,
                "sender": {"installation_uuid": sender.installation_uuid,
                           "office_name": sender.office_name, "unit_code": sender.unit_code,
                           "public_key": sender.public_key,
                           "fingerprint": keys.fingerprint(sender.public_key)},
                "recipient": {"office_name": recipient.office_name,
                              "unit_code": recipient.unit_code,
                              "installation_uuid": recipient.installation_uuid},
                "counts": selection.counts(),
                "source": selection.source,
                "entries": {name: {"sha256": d.sha256, "size": d.size}
                            for name, d in sorted(out.digests.items())},
            }
            if selection.documents:  # an older reader ignores the key (format 1 still)
                manifest[MANIFEST_KEY] = manifest_value([d.info for d in selection.documents])
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            out.write_bytes(MANIFEST, manifest_bytes)
            signature = {"algorithm": "Ed25519", "public_key": sender.public_key,
                         "signature": keys.sign(sender.signing_key, manifest_bytes)}
            out.write_bytes(SIGNATURE, json.dumps(signature).encode("utf-8"))
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return package_uuid, target.stat().st_size
