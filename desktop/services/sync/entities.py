"""Which records travel, in which order, and how each is written: foreign keys become the
UUID of the record they point at (award kinds their catalog code), derived columns stay home."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table

from desktop.models import (
    Attachment,
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
    SyncMixin,
    Unit,
    UnitTarget,
)

# Columns every travelling record has; they are written in the envelope, not among the fields.
ENVELOPE = ("id", "uuid", "owner_uuid", "created_at", "updated_at", "version", "deleted_at")
AWARD_KIND = "award_kinds"


@dataclass(frozen=True)
class EntitySpec:
    name: str
    label: str
    model: type[SyncMixin]
    # column → the entity it points at (by UUID), or AWARD_KIND (by catalog code)
    refs: dict[str, str] = field(default_factory=dict)
    # recomputed on arrival from the other fields
    derived: tuple[str, ...] = ()
    # owned by the level above the record's owner (a province's decision about a commune's
    # nomination): only these travel back down to the owner
    upper_fields: tuple[str, ...] = ()
    # where the record sits at the receiver; set on arrival, never compared or overwritten
    placement: tuple[str, ...] = ()
    # optional references: a record whose target did not travel keeps NULL instead of refusing
    optional_refs: tuple[str, ...] = ()
    # columns of a unique constraint: a new record whose key is taken here by another UUID is
    # a conflict (take its content into ours, or skip it), never a failed insert
    natural_key: tuple[str, ...] = ()
    # the owner's package may not change ``upper_fields``: a different value it carries is
    # reported (ignored with the reason) instead of passing silently
    guard_upper: bool = False
    # a downward package's upper fields are taken even when they were changed here since the
    # last package (the level above decides them): no conflict when nothing else differs
    upper_wins: bool = False

    # worked out once (a package of 400,000 records asks for them per record)
    _columns: tuple[Column[Any], ...] = field(init=False, repr=False, compare=False)
    _content: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: Table = self.model.__table__  # type: ignore[attr-defined]
        columns = tuple(c for c in table.columns
                        if c.name not in ENVELOPE and c.name not in self.derived)
        skip = set(self.upper_fields) | set(self.placement)
        object.__setattr__(self, "_columns", columns)
        object.__setattr__(self, "_content", tuple(self.field_name(c.name) for c in columns
                                                   if c.name not in skip))

    @property
    def table(self) -> Table:
        return self.model.__table__  # type: ignore[attr-defined,no-any-return]

    @property
    def columns(self) -> tuple[Column[Any], ...]:
        return self._columns

    def field_name(self, column: str) -> str:
        """How a column is called in the package: ``person_id`` → ``person``."""
        return column[:-3] if column in self.refs and column.endswith("_id") else column

    def content_fields(self) -> tuple[str, ...]:
        """The fields a record's owner controls: compared and updated between packages."""
        return self._content


SUBJECT_REFS = {"person_id": "people", "unit_id": "units"}

ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec("units", "Đơn vị", Unit, {"parent_id": "units"}, derived=("search_key", "sort_key"),
               optional_refs=("parent_id",)),
    # A movement (phong trào thi đua) and its appendix of targets travel with what names them
    # (a round, a unit's target): without them the link was dropped on the way.
    EntitySpec("movements", "Phong trào thi đua", Movement, {"organiser_unit_id": "units"},
               optional_refs=("organiser_unit_id",)),
    EntitySpec("movement_targets", "Chỉ tiêu của phong trào", MovementTarget,
               {"movement_id": "movements"}),
    EntitySpec("people", "Cá nhân", Person, {"unit_id": "units"},
               derived=("search_key", "sort_key")),
    EntitySpec("person_positions", "Chức vụ", PersonPosition,
               {"person_id": "people", "unit_id": "units"}, optional_refs=("unit_id",)),
    EntitySpec("ratings", "Kết quả xếp loại", Rating, dict(SUBJECT_REFS)),
    EntitySpec("initiatives", "Sáng kiến", Initiative, dict(SUBJECT_REFS)),
    EntitySpec("disciplines", "Kỷ luật", Discipline, dict(SUBJECT_REFS)),
    EntitySpec("award_records", "Khen thưởng đã có", AwardRecord,
               {**SUBJECT_REFS, "award_kind_id": AWARD_KIND}),
    EntitySpec("registrations", "Đăng ký thi đua", Registration,
               {**SUBJECT_REFS, "award_kind_id": AWARD_KIND, "movement_id": "movements"},
               optional_refs=("movement_id",)),
    EntitySpec("rounds", "Đợt xét khen thưởng", Round,
               {"office_unit_id": "units", "movement_id": "movements"},
               optional_refs=("office_unit_id", "movement_id")),
    EntitySpec("nominations", "Đề nghị khen thưởng", Nomination,
               {"round_id": "rounds", "person_id": "people", "unit_id": "units",
                "household_unit_id": "units", "award_kind_id": AWARD_KIND,
                "proposing_unit_id": "units"},
               upper_fields=("status", "status_note", "eligibility"),
               placement=("round_id", "position"),
               optional_refs=("proposing_unit_id", "household_unit_id")),
    EntitySpec("nomination_events", "Lịch sử trạng thái", NominationEvent,
               {"nomination_id": "nominations"}),
    EntitySpec("nomination_evidence", "Minh chứng", NominationEvidence,
               {"nomination_id": "nominations"}),
    EntitySpec("attachments", "Tệp đính kèm", Attachment, {"nomination_id": "nominations"},
               optional_refs=("nomination_id",)),
    EntitySpec("decisions", "Quyết định", Decision, {"round_id": "rounds"}),
    EntitySpec("decision_lines", "Dòng quyết định", DecisionLine,
               {"decision_id": "decisions", "nomination_id": "nominations"}),
    # Emulation blocs (khối, cụm thi đua): the head unit's installation owns the bloc, its
    # members, criteria, votes and the members' sheets (made with the membership); a member
    # owns its scores, evidence and the events of its moves. The reviewed score and the
    # sheet's status are decided by the head (upper fields); the one status move a member
    # makes, sending its sheet (draft → submitted), travels up (importer).
    EntitySpec("blocs", "Khối, cụm thi đua", Bloc,
               {"organiser_unit_id": "units", "head_unit_id": "units",
                "deputy_unit_id": "units"},
               optional_refs=("organiser_unit_id", "head_unit_id", "deputy_unit_id")),
    EntitySpec("bloc_members", "Thành viên khối", BlocMember,
               {"bloc_id": "blocs", "unit_id": "units"}, natural_key=("bloc_id", "unit_id")),
    EntitySpec("bloc_criteria", "Tiêu chí chấm điểm", Criterion,
               {"bloc_id": "blocs", "parent_id": "bloc_criteria"}),
    EntitySpec("unit_targets", "Chỉ tiêu của đơn vị", UnitTarget,
               {"unit_id": "units", "movement_target_id": "movement_targets"},
               optional_refs=("movement_target_id",)),
    EntitySpec("bloc_score_sheets", "Bảng điểm thi đua", BlocScoreSheet,
               {"bloc_id": "blocs", "unit_id": "units"}, upper_fields=("status",),
               natural_key=("bloc_id", "unit_id"), upper_wins=True),
    EntitySpec("bloc_sheet_events", "Lịch sử bảng điểm", BlocSheetEvent,
               {"sheet_id": "bloc_score_sheets"}),
    EntitySpec("bloc_scores", "Điểm chấm thi đua", BlocScore,
               {"bloc_id": "blocs", "unit_id": "units", "criterion_id": "bloc_criteria"},
               upper_fields=("reviewed_score",), natural_key=("criterion_id", "unit_id"),
               guard_upper=True, upper_wins=True),
    EntitySpec("bloc_score_attachments", "Tệp minh chứng điểm", BlocScoreAttachment,
               {"score_id": "bloc_scores"}),
    EntitySpec("bloc_votes", "Kết quả suy tôn", BlocVote,
               {"bloc_id": "blocs", "unit_id": "units"}, natural_key=("bloc_id", "unit_id")),
)
# Entities whose records carry an attachment file under ``files/<sha256>``.
FILE_ENTITIES = frozenset({"attachments", "bloc_score_attachments"})
BY_NAME = {spec.name: spec for spec in ENTITIES}


def plain(value: Any) -> Any:
    """A column value as JSON: dates ISO, decimals as text, everything else as is."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)):  # JSON columns (tie-break rules, tiers) travel as JSON
        return value
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


_AS_IS = frozenset((str, int, float, bool, type(None)))
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def content_hash(fields: dict[str, Any], names: Sequence[str], deleted: bool) -> str:
    """What both sides compare: the named fields and the tombstone, canonical JSON."""
    payload = {name: value if value.__class__ in _AS_IS else plain(value)
               for name in names for value in (fields.get(name),)}
    payload["__deleted"] = deleted
    return hashlib.sha256(_ENCODE(payload).encode("utf-8")).hexdigest()
