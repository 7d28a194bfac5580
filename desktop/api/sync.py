"""Sync packages: what an officer chooses to send, what a package says about itself, and the
preview and report of an import (DESIGN §6, docs/package-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.domain.enums import LabeledEnum
from desktop.domain.errors import ConflictError


class PackageKind(LabeledEnum):
    UPWARD = "len", "Hồ sơ đề nghị gửi lên"
    DOWNWARD = "xuong", "Quyết định gửi xuống"
    RECEIPT = "bien_nhan", "Biên nhận"


class TrustState(LabeledEnum):
    OWN = "own", "Gói do chính đơn vị này tạo"
    TRUSTED = "trusted", "Đơn vị gửi đã được tin cậy"
    UNKNOWN = "unknown", "Đơn vị gửi chưa có trong danh sách tin cậy"
    REVOKED = "revoked", "Khóa của đơn vị gửi đã bị thu hồi"
    CHANGED = "changed", "Đơn vị gửi dùng một khóa khác với khóa đã tin cậy"


class Action(LabeledEnum):
    NEW = "new", "Thêm mới"
    UPDATE = "update", "Cập nhật"
    UNCHANGED = "unchanged", "Không đổi"
    IGNORED = "ignored", "Bỏ qua"
    CONFLICT = "conflict", "Xung đột"


class Resolution(LabeledEnum):
    KEEP_LOCAL = "keep_local", "Giữ bản ở đây"
    TAKE_INCOMING = "take_incoming", "Lấy bản gửi đến"
    MERGE = "merge", "Gộp vào bản ghi đã có"
    CREATE = "create", "Thêm thành bản ghi mới"
    SKIP = "skip", "Không nhập bản ghi này"


@dataclass(frozen=True)
class KeyInfo:
    installation_uuid: str
    office_name: str
    unit_code: str
    public_key: str
    fingerprint: str


@dataclass(frozen=True)
class TrustedSenderRow:
    id: int
    installation_uuid: str
    office_name: str
    unit_code: str
    fingerprint: str
    trusted_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class UpwardSelection:
    """A round's nominations going up: the chosen ones, or all that are "Đã gửi"."""

    round_id: int
    nomination_ids: tuple[int, ...] = ()
    include_attachments: bool = True
    incremental: bool = False  # only what changed since the recipient's last receipt
    # the round's tờ trình and the minutes of its closed council meetings, rendered from the
    # templates in use, travel with the nominations so the receiver reads what was decided
    include_documents: bool = True
    # files the officer adds (the signed scan of the tờ trình…), attached as they are
    extra_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class DownwardSelection:
    """Signed decisions going back to the office whose nominations they decide."""

    decision_ids: tuple[int, ...]
    recipient_installation_uuid: str
    # each decision, rendered from the "quyet_dinh" template in use, travels with its data so
    # the office below receives the decision itself
    include_documents: bool = True
    # files the officer adds (the signed scan of the decision…), attached as they are
    extra_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class BlocDownSelection:
    """From an emulation bloc's head to one member: the bloc, members, criteria, votes, and
    the member's sheet with the reviewed scores and statuses (other sheets once published).

    The recipient is an installation of the trust list, or, before it ever sent a package, a
    member unit's code (the package then opens at the office whose unit has that code)."""

    bloc_id: int
    recipient_installation_uuid: str = ""
    recipient_unit_code: str = ""
    include_attachments: bool = True


@dataclass(frozen=True)
class BlocUpSelection:
    """From a member of an emulation bloc to the bloc's head: this office's own score sheet
    (self-scores, evidence notes and files, history) once it has been sent to the bloc."""

    bloc_id: int
    include_attachments: bool = True


@dataclass(frozen=True)
class MovementDownSelection:
    """From the office that launched a movement to a unit below it: the movement (directive,
    period, head-of-unit rule), its appendix of targets and the targets assigned to the
    recipient's unit and the units under it, with their planned figures.

    The recipient is an installation of the trust list, or a unit's code (the package then
    opens at the office whose unit has that code)."""

    movement_id: int
    recipient_installation_uuid: str = ""
    recipient_unit_code: str = ""


@dataclass(frozen=True)
class Recipient:
    office_name: str
    unit_code: str
    installation_uuid: str = ""


@dataclass(frozen=True)
class PackageDocument:
    """A document travelling with a package (manifest ``documents``): the rendered tờ trình,
    a council's minutes, or a file the sender added; stored as ``files/<sha256>``."""

    sha256: str
    file_name: str  # a display name, no folders ("Tờ trình - Đợt 2026.docx")
    title: str
    size: int


@dataclass(frozen=True)
class ExportPlan:
    kind: PackageKind
    recipient: Recipient
    counts: dict[str, int]
    data_bytes: int
    attachment_bytes: int
    attachment_count: int
    since: datetime | None = None
    documents: tuple[PackageDocument, ...] = ()
    document_bytes: int = 0  # of the documents not already among the attachments
    # what could not be attached (a template that cannot be rendered…): the package is
    # still written, without it
    warnings: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def document_count(self) -> int:
        return len(self.documents)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_uuid: str
    counts: dict[str, int]
    size: int
    # when the package was cut into parts of at most N MB: every part, in order (``path``
    # itself no longer exists then); empty when it is one file
    parts: tuple[Path, ...] = ()
    documents: tuple[PackageDocument, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackageHeader:
    """What a package says about itself, after its signature and hashes were checked."""

    path: Path
    package_uuid: str
    kind: PackageKind
    format_version: int
    created_at: datetime
    sender_installation_uuid: str
    sender_office_name: str
    sender_unit_code: str
    recipient: Recipient
    public_key: str
    fingerprint: str
    counts: dict[str, int]
    trust: TrustState
    already_imported: datetime | None = None
    # an emulation bloc's package: the bloc it is about (empty for dossiers and decisions)
    bloc_uuid: str = ""
    bloc_name: str = ""
    # a movement's package: the movement it launches down (empty otherwise)
    movement_name: str = ""
    # the documents it carries (tờ trình, minutes, signed scans), checked against its entries
    documents: tuple[PackageDocument, ...] = ()

    @property
    def title(self) -> str:
        """What the package is, as the officer calls it: a bloc's and a movement's packages
        are not "hồ sơ đề nghị" or "quyết định" although they travel as up or down."""
        if self.bloc_uuid:
            way = ("gửi lên trưởng khối" if self.kind is PackageKind.UPWARD
                   else "gửi xuống thành viên")
            return f"Khối, cụm thi đua “{self.bloc_name}” ({way})"
        if self.movement_name:
            return f"Phong trào thi đua “{self.movement_name}” (gửi xuống)"
        return self.kind.label


@dataclass(frozen=True)
class PreviewItem:
    entity: str
    entity_label: str
    uuid: str
    label: str
    action: Action
    reason: str = ""
    # field name as in the package (``full_name``, ``unit``…; views show their labels) →
    # (value here, value in the package), for updates and conflicts
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    # a record here that may be the same one (merge proposal): its uuid and description
    match_uuid: str = ""
    match_label: str = ""
    options: tuple[Resolution, ...] = ()
    default: Resolution | None = None


@dataclass(frozen=True)
class ImportPreview:
    header: PackageHeader
    counts: dict[str, dict[Action, int]]
    items: list[PreviewItem]

    @property
    def conflicts(self) -> list[PreviewItem]:
        return [i for i in self.items if i.action is Action.CONFLICT]

    def total(self, action: Action) -> int:
        return sum(c.get(action, 0) for c in self.counts.values())


@dataclass(frozen=True)
class ImportReport:
    header: PackageHeader
    counts: dict[str, dict[Action, int]]
    applied: bool
    message: str
    backup_path: Path | None = None
    receipt_path: Path | None = None
    # what the import decided record by record and told (ignored, updated, merged…, each
    # with its reason); the records it wrote set-based as plainly new are only counted
    items: tuple[PreviewItem, ...] = ()


@dataclass(frozen=True)
class PackageLogRow:
    id: int
    package_uuid: str
    direction: str
    kind: PackageKind
    peer_office_name: str
    created_at: datetime
    handled_at: datetime
    file_name: str
    counts: dict[str, int]
    acknowledged_at: datetime | None
    # the documents it carried, kept in this office's attachment store
    documents: tuple[PackageDocument, ...] = ()


class OpenConflictsError(ConflictError):
    """An import refused while conflicts are left open: which ones (each with its choices),
    so the caller can name them without planning the package again."""

    def __init__(self, message: str, items: tuple[PreviewItem, ...]) -> None:
        super().__init__(message)
        self.items = items

