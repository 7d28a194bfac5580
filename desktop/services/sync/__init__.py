"""Sync packages (DESIGN §6, docs/package-format.md): dossiers up, decisions down, receipts
back, each one signed file an officer carries by USB stick or email. The GUI and the CLI call
this service only."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.api.sync import (
    Action,
    BlocDownSelection,
    BlocUpSelection,
    DownwardSelection,
    ExportPlan,
    ExportResult,
    ImportPreview,
    ImportReport,
    KeyInfo,
    MovementDownSelection,
    OpenConflictsError,
    PackageDocument,
    PackageHeader,
    PackageKind,
    PackageLogRow,
    Recipient,
    Resolution,
    TrustedSenderRow,
    TrustState,
    UpwardSelection,
)
from desktop.db.engine import without_memory_map
from desktop.domain.diskerrors import os_error_reason
from desktop.domain.enums import NominationStatus
from desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop.domain.progress import CancelToken, ProgressFn, no_progress
from desktop.models import (
    BlocMember,
    Installation,
    Nomination,
    NominationEvent,
    Round,
    SyncPackage,
    TrustedSender,
    Unit,
)
from desktop.models.base import utcnow
from desktop.paths import AppPaths, private_dir
from desktop.services import backups
from desktop.services.attachments import export_file, store_file, stored_path
from desktop.services.database import Database
from desktop.services.nominations import current_actor
from desktop.services.sync import keys
from desktop.services.sync.archive import (
    DATA_PREFIX,
    open_package,
    read_limited,
    refusal,
)
from desktop.services.sync.documents import (
    SUMMARY_KEY,
    PreparedDocument,
    RenderJob,
    decision_jobs,
    display_name,
    extract,
    from_summary,
    prepared_documents,
    round_jobs,
    summary_value,
)
from desktop.services.sync.exporter import (
    SUFFIX,
    Selection,
    Sender,
    estimate,
    live_bloc,
    select_bloc_down,
    select_bloc_up,
    select_downward,
    select_movement_down,
    select_upward,
    write_package,
)
from desktop.services.sync.importer import Applier, Plan, Planner, preview_of
from desktop.services.sync.parts import assemble, part_info, split
from desktop.services.sync.verify import Me, read_header

if TYPE_CHECKING:
    from desktop.services.documents import DocumentService

RECEIPT_ENTRY = "receipt.json"
PART_NAME = re.compile(r"\.phan-\d+-cua-\d+\.tdkt$", re.IGNORECASE)
OPENED_DOCUMENTS = "van-ban-kem-theo"  # copies of documents opened from packages or the log


class SyncService:
    def __init__(self, db: Database, paths: AppPaths,
                 documents: DocumentService | None = None) -> None:
        self._db = db
        self._paths = paths
        self._document_service = documents

    def _documents(self) -> DocumentService:
        """Renders the documents a package carries (tờ trình, minutes, decisions); built on
        first use when the service was made without one."""
        if self._document_service is None:
            from desktop.services.blocs import BlocService
            from desktop.services.council import CouncilService
            from desktop.services.decisions import DecisionService
            from desktop.services.documents import DocumentService
            from desktop.services.nominations import NominationService
            nominations = NominationService(self._db, self._paths.attachments)
            self._document_service = DocumentService(
                self._db, self._paths.templates, nominations,
                CouncilService(self._db, nominations), DecisionService(self._db),
                BlocService(self._db, self._paths.attachments, nominations))
        return self._document_service

    @contextmanager
    def _upward_documents(self, selection: UpwardSelection
                          ) -> Iterator[tuple[list[PreparedDocument], list[str]]]:
        """The documents an upward package carries (the round's tờ trình and minutes, the
        officer's files), rendered into a temporary folder that lives as long as the ``with``."""
        with self._package_documents(
                selection.include_documents, selection.extra_files,
                lambda s, docs, warnings: round_jobs(s, docs, selection.round_id,
                                                     warnings)) as found:
            yield found

    @contextmanager
    def _downward_documents(self, selection: DownwardSelection
                            ) -> Iterator[tuple[list[PreparedDocument], list[str]]]:
        """The documents a downward package carries: each decision it sends, rendered, and
        the officer's files (the signed scan)."""
        with self._package_documents(
                selection.include_documents, selection.extra_files,
                lambda s, docs, warnings: decision_jobs(s, docs, selection.decision_ids,
                                                        warnings)) as found:
            yield found

    @contextmanager
    def _package_documents(
            self, include: bool, extra_files: Sequence[Path],
            jobs: Callable[[Session, DocumentService, list[str]], list[RenderJob]]
    ) -> Iterator[tuple[list[PreparedDocument], list[str]]]:
        if not include and not extra_files:
            yield [], []
            return
        with (self._db.read() as s,
              prepared_documents(self._documents() if include else None,
                                 (lambda docs, warnings: jobs(s, docs, warnings))
                                 if include else None, extra_files) as found):
            yield found

    # -- identity and trust ------------------------------------------------------------------
    def key_info(self) -> KeyInfo:
        """This office's public key and fingerprint; the key pair is made on first use."""
        with self._db.session() as s:
            inst = self._installation(s)
            if not inst.public_key:
                inst.signing_key, inst.public_key = keys.new_key_pair()
            return KeyInfo(inst.uuid, inst.office_name, self._unit_code(s, inst),
                           inst.public_key, keys.fingerprint(inst.public_key))

    def trusted_senders(self) -> list[TrustedSenderRow]:
        with self._db.read() as s:
            rows = s.scalars(select(TrustedSender).order_by(TrustedSender.office_name,
                                                            TrustedSender.id))
            return [TrustedSenderRow(r.id, r.installation_uuid, r.office_name, r.unit_code,
                                     r.fingerprint, r.trusted_at, r.revoked_at) for r in rows]

    def trust(self, header: PackageHeader, fingerprint: str) -> TrustedSenderRow:
        """Trust the sender of an inspected package; the officer confirms the fingerprint
        (read out on the phone), so a package from an impostor cannot trust itself."""
        if _plain_fingerprint(fingerprint) != _plain_fingerprint(header.fingerprint):
            raise ValidationError.single(
                "fingerprint", "Mã nhận diện",
                f"“{fingerprint}” không khớp mã của gói ({header.fingerprint}); hãy gọi điện "
                "hỏi lại đơn vị gửi")
        with self._db.session() as s:
            me = self._me(s)
            if header.sender_installation_uuid == me.installation_uuid:
                raise ConflictError("Không cần tin cậy chính đơn vị này.")
            existing = s.scalars(select(TrustedSender).where(
                TrustedSender.installation_uuid == header.sender_installation_uuid,
                TrustedSender.public_key == header.public_key)).first()
            if existing is not None and existing.revoked_at is not None:
                raise ConflictError(
                    f"Khóa {existing.fingerprint} của “{existing.office_name}” đã bị thu hồi; "
                    "không tin cậy lại được. Đơn vị đó cần tạo khóa mới.")
            row = existing or TrustedSender(
                installation_uuid=header.sender_installation_uuid,
                office_name=header.sender_office_name, unit_code=header.sender_unit_code,
                public_key=header.public_key, fingerprint=header.fingerprint, note="")
            s.add(row)
            s.flush()
            return TrustedSenderRow(row.id, row.installation_uuid, row.office_name,
                                    row.unit_code, row.fingerprint, row.trusted_at, row.revoked_at)

    def revoke(self, trusted_id: int) -> TrustedSenderRow:
        with self._db.session() as s:
            row = s.get(TrustedSender, trusted_id)
            if row is None:
                raise NotFoundError(f"Không có đơn vị tin cậy mã {trusted_id}.")
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            return TrustedSenderRow(row.id, row.installation_uuid, row.office_name,
                                    row.unit_code, row.fingerprint, row.trusted_at, row.revoked_at)

    # -- export ------------------------------------------------------------------------------
    def plan_upward(self, selection: UpwardSelection) -> ExportPlan:
        """Counts and sizes, the documents included (rendered to be measured, not kept)."""
        with self._db.read() as s:
            since = self._since(s) if selection.incremental else None
            chosen = select_upward(s, selection, since)
            if not selection.include_attachments:
                chosen.attachments.clear()
            recipient = self._parent(s)
        with self._upward_documents(selection) as (documents, warnings), \
                self._db.read() as s:
            chosen.documents, chosen.warnings = documents, warnings
            return estimate(s, chosen, PackageKind.UPWARD, recipient, since)

    def export_upward(self, selection: UpwardSelection, target: Path, *,
                      part_mb: int | None = None) -> ExportResult:
        """Write the package (cut into parts of at most ``part_mb`` MB when asked), with the
        round's tờ trình, its council minutes and the officer's files (``documents``)."""
        self.key_info()
        if selection.include_documents or selection.extra_files:
            # refused before anything is rendered (no memory map: a province database's pages
            # would count as this process's memory)
            with self._db.read() as s, without_memory_map(s.connection()):
                select_upward(s, selection, self._since(s) if selection.incremental else None)
                self._parent(s)
        with (self._upward_documents(selection) as (documents, warnings),
              self._db.read() as s, without_memory_map(s.connection())):
            since = self._since(s) if selection.incremental else None
            chosen = select_upward(s, selection, since)
            if not selection.include_attachments:
                chosen.attachments.clear()
            chosen.documents, chosen.warnings = documents, warnings
            return self._write(s, chosen, PackageKind.UPWARD, self._parent(s), target, since,
                               part_mb=part_mb)

    def plan_downward(self, selection: DownwardSelection) -> ExportPlan:
        """Counts and sizes, the decision documents included (rendered to be measured)."""
        with self._db.read() as s:
            chosen = select_downward(s, selection)
            recipient = self._recipient_from_trust(s, selection.recipient_installation_uuid)
        with self._downward_documents(selection) as (documents, warnings), \
                self._db.read() as s:
            chosen.documents, chosen.warnings = documents, warnings
            return estimate(s, chosen, PackageKind.DOWNWARD, recipient, None)

    def export_downward(self, selection: DownwardSelection, target: Path, *,
                        part_mb: int | None = None) -> ExportResult:
        """Write the package with the signed decisions, rendered, and the officer's files
        (``documents``), so the office below receives the decision itself, not only its
        data."""
        self.key_info()
        with self._db.read() as s:  # refused before anything is rendered
            select_downward(s, selection)
            self._recipient_from_trust(s, selection.recipient_installation_uuid)
        with self._downward_documents(selection) as (documents, warnings), \
                self._db.read() as s:
            recipient = self._recipient_from_trust(s, selection.recipient_installation_uuid)
            chosen = select_downward(s, selection)
            chosen.documents, chosen.warnings = documents, warnings
            return self._write(s, chosen, PackageKind.DOWNWARD, recipient, target, None,
                               part_mb=part_mb)

    # -- emulation blocs (khối, cụm thi đua) ------------------------------------------------------
    def plan_bloc_down(self, selection: BlocDownSelection) -> ExportPlan:
        with self._db.read() as s:
            recipient = self._bloc_recipient(s, selection)
            chosen = select_bloc_down(s, selection, recipient.unit_code,
                                      recipient.installation_uuid)
            return estimate(s, chosen, PackageKind.DOWNWARD, recipient, None)

    def export_bloc_down(self, selection: BlocDownSelection, target: Path, *,
                         part_mb: int | None = None) -> ExportResult:
        """The bloc head's package for one member (see ``BlocDownSelection``)."""
        self.key_info()
        with self._db.read() as s:
            recipient = self._bloc_recipient(s, selection)
            chosen = select_bloc_down(s, selection, recipient.unit_code,
                                      recipient.installation_uuid)
            return self._write(s, chosen, PackageKind.DOWNWARD, recipient, target, None,
                               part_mb=part_mb)

    def plan_bloc_up(self, selection: BlocUpSelection) -> ExportPlan:
        with self._db.read() as s:
            inst = self._installation(s)
            chosen = select_bloc_up(s, selection, inst.unit_id, inst.uuid)
            recipient = self._bloc_head(s, selection.bloc_id)
            return estimate(s, chosen, PackageKind.UPWARD, recipient, None)

    def export_bloc_up(self, selection: BlocUpSelection, target: Path, *,
                       part_mb: int | None = None) -> ExportResult:
        """A member's own score sheet for the bloc's head (see ``BlocUpSelection``)."""
        self.key_info()
        with self._db.read() as s:
            inst = self._installation(s)
            chosen = select_bloc_up(s, selection, inst.unit_id, inst.uuid)
            recipient = self._bloc_head(s, selection.bloc_id)
            return self._write(s, chosen, PackageKind.UPWARD, recipient, target, None,
                               part_mb=part_mb)

    # -- emulation movements (phong trào thi đua) -------------------------------------------------
    def plan_movement_down(self, selection: MovementDownSelection) -> ExportPlan:
        with self._db.read() as s:
            recipient = self._movement_recipient(s, selection)
            chosen = select_movement_down(s, selection.movement_id, recipient.unit_code)
            return estimate(s, chosen, PackageKind.DOWNWARD, recipient, None)

    def export_movement_down(self, selection: MovementDownSelection, target: Path, *,
                             part_mb: int | None = None) -> ExportResult:
        """A movement launched here, for one office below (see ``MovementDownSelection``)."""
        self.key_info()
        with self._db.read() as s:
            recipient = self._movement_recipient(s, selection)
            chosen = select_movement_down(s, selection.movement_id, recipient.unit_code)
            return self._write(s, chosen, PackageKind.DOWNWARD, recipient, target, None,
                               part_mb=part_mb)

    def _movement_recipient(self, s: Session, sel: MovementDownSelection) -> Recipient:
        if sel.recipient_installation_uuid:
            return self._recipient_from_trust(s, sel.recipient_installation_uuid)
        code = sel.recipient_unit_code.strip()
        if not code:
            raise ValidationError.single("recipient", "Đơn vị nhận", "chưa chọn đơn vị nhận gói")
        unit = s.scalars(select(Unit).where(func.lower(Unit.code) == code.casefold(),
                                            Unit.deleted_at.is_(None))).first()
        if unit is None:
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         f"không có đơn vị mã “{code}” ở đây")
        if unit.code.casefold() == self._me(s).unit_code.casefold():
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         "đơn vị nhận là chính đơn vị này")
        trusted = s.scalars(select(TrustedSender).where(
            func.lower(TrustedSender.unit_code) == code.casefold(),
            TrustedSender.revoked_at.is_(None)).order_by(TrustedSender.id.desc())).first()
        if trusted is not None:
            return Recipient(trusted.office_name, trusted.unit_code, trusted.installation_uuid)
        return Recipient(unit.name, unit.code)

    def _bloc_recipient(self, s: Session, sel: BlocDownSelection) -> Recipient:
        live_bloc(s, sel.bloc_id)
        if sel.recipient_installation_uuid:
            return self._recipient_from_trust(s, sel.recipient_installation_uuid)
        code = sel.recipient_unit_code.strip()
        if not code:
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         "chưa chọn đơn vị thành viên nhận gói")
        unit = s.scalars(select(Unit).join(BlocMember, BlocMember.unit_id == Unit.id).where(
            BlocMember.bloc_id == sel.bloc_id, BlocMember.deleted_at.is_(None),
            Unit.deleted_at.is_(None), func.lower(Unit.code) == code.casefold())).first()
        if unit is None:
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         f"khối không có đơn vị thành viên mã “{code}”")
        if unit.code.casefold() == self._me(s).unit_code.casefold():
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         "đơn vị nhận là chính đơn vị này")
        trusted = s.scalars(select(TrustedSender).where(
            func.lower(TrustedSender.unit_code) == code.casefold(),
            TrustedSender.revoked_at.is_(None)).order_by(TrustedSender.id.desc())).first()
        if trusted is not None:
            return Recipient(trusted.office_name, trusted.unit_code, trusted.installation_uuid)
        return Recipient(unit.name, unit.code)  # opened by the office whose unit has the code

    def _bloc_head(self, s: Session, bloc_id: int) -> Recipient:
        """The installation of the bloc's head unit, from the trust list (by the head unit's
        code, else the installation the bloc came from) — not the parent office."""
        bloc = live_bloc(s, bloc_id)
        head = s.get(Unit, bloc.head_unit_id) if bloc.head_unit_id else None
        rows = s.scalars(select(TrustedSender).where(TrustedSender.revoked_at.is_(None))
                         .order_by(TrustedSender.id.desc())).all()
        row = next((r for r in rows if head is not None and head.code and r.unit_code
                    and r.unit_code.casefold() == head.code.casefold()), None) \
            or next((r for r in rows if r.installation_uuid == bloc.owner_uuid), None)
        if row is None:
            who = f"“{head.name}”" if head is not None else "của khối"
            raise ValidationError.single(
                "recipient", "Đơn vị nhận",
                f"đơn vị trưởng khối {who} chưa có trong danh sách tin cậy; hãy nhập một gói "
                "của đơn vị trưởng khối (và tin cậy mã nhận diện) trước")
        return Recipient(row.office_name, row.unit_code, row.installation_uuid)

    def default_file_name(self, kind: PackageKind) -> str:
        with self._db.read() as s:
            inst = self._installation(s)
            code = self._unit_code(s, inst) or "donvi"
        return f"{kind.value}_{code}_{datetime.now():%Y%m%d-%H%M%S}{SUFFIX}"

    def _write(self, s: Session, chosen: Selection, kind: PackageKind, recipient: Recipient,
               target: Path, since: datetime | None,
               extra: dict[str, bytes] | None = None, *,
               part_mb: int | None = None) -> ExportResult:
        inst = self._installation(s)
        sender = Sender(inst.uuid, inst.office_name, self._unit_code(s, inst), inst.signing_key,
                        inst.public_key)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if part_mb is not None and not 1 <= part_mb <= 4096:
            raise ValidationError.single("part_mb", "Chia phần",
                                         "mỗi phần phải từ 1 đến 4096 MB")
        parts: list[Path] = []
        try:
            package_uuid, size = write_package(s, target, chosen, kind, sender, recipient,
                                               self._paths.attachments, since, extra)
            if part_mb is not None:
                parts = split(target, part_mb * 1024**2, package_uuid)
        except OSError as exc:
            raise ValidationError.single("file", "Tệp gói",
                                         f"không ghi được {target}: {os_error_reason(exc)}") from exc
        counts = chosen.counts()
        documents = tuple(d.info for d in chosen.documents)
        kept = self._keep_sent_documents(chosen.documents)
        with self._db.session() as w:
            w.add(SyncPackage(package_uuid=package_uuid, direction="sent", kind=kind.value,
                              peer_installation_uuid=recipient.installation_uuid,
                              peer_office_name=recipient.office_name, created_at=utcnow(),
                              file_name=str(target), counts=json.dumps(counts),
                              summary=json.dumps({SUMMARY_KEY: summary_value(kept)}
                                                 if kept else {}, ensure_ascii=False),
                              actor=current_actor(w)))
        return ExportResult(target, package_uuid, counts, size,
                            tuple(parts) if len(parts) > 1 else (), documents,
                            tuple(chosen.warnings))

    def _keep_sent_documents(self, documents: Sequence[PreparedDocument]
                             ) -> list[PackageDocument]:
        """A copy of each document sent, in the attachment store (by hash), for the log: the
        package is written already, so a copy that cannot be kept is only left out of it."""
        kept: list[PackageDocument] = []
        for doc in documents:
            try:
                store_file(doc.path, self._paths.attachments)
            except (OSError, ValidationError):
                continue
            kept.append(doc.info)
        return kept

    def _since(self, s: Session) -> datetime | None:
        return s.scalar(select(func.max(SyncPackage.created_at)).where(
            SyncPackage.direction == "sent", SyncPackage.kind == PackageKind.UPWARD.value,
            SyncPackage.acknowledged_at.is_not(None)))

    def _parent(self, s: Session) -> Recipient:
        inst = self._installation(s)
        if not (inst.parent_office_code or inst.parent_office_name):
            raise ValidationError.single(
                "recipient", "Đơn vị nhận",
                "chưa khai báo cơ quan cấp trên của đơn vị này (Cài đặt → Thông tin đơn vị)")
        return Recipient(inst.parent_office_name, inst.parent_office_code)

    def _recipient_from_trust(self, s: Session, installation_uuid: str) -> Recipient:
        row = s.scalars(select(TrustedSender).where(
            TrustedSender.installation_uuid == installation_uuid,
            TrustedSender.revoked_at.is_(None))).first()
        if row is None:
            raise ValidationError.single("recipient", "Đơn vị nhận",
                                         "đơn vị nhận chưa có trong danh sách tin cậy")
        return Recipient(row.office_name, row.unit_code, row.installation_uuid)

    # -- import ------------------------------------------------------------------------------
    @staticmethod
    def package_files(paths: Sequence[Path]) -> list[Path]:
        """One file per package among ``paths``: of the parts of one package (files named as
        parts, ``…phan-2-cua-3.tdkt``) only the first found stands for it; it gathers the
        others when it is opened."""
        chosen: list[Path] = []
        seen: set[str] = set()
        for path in paths:
            if not PART_NAME.search(path.name):  # only files named as parts are opened: the
                chosen.append(path)              # list of a folder of 100 packages stays quick
                continue
            try:
                info = part_info(path)
            except ValidationError:
                info = None  # opening it says what is wrong
            if info is not None:
                if info.package_uuid in seen:
                    continue
                seen.add(info.package_uuid)
            chosen.append(path)
        return chosen

    @contextmanager
    def _package_file(self, path: Path, parts: Sequence[Path]) -> Iterator[Path]:
        """``path`` itself, or, when it is one part of a package, the parts joined."""
        info = part_info(path)
        if info is None:
            yield path
            return
        with tempfile.TemporaryDirectory(prefix="tdkt-parts-") as tmp:
            stem = re.sub(r"\.phan-\d+-cua-\d+$", "", path.stem)
            yield assemble(info, parts, Path(tmp) / f"{stem}{SUFFIX}")

    def inspect(self, path: Path, parts: Sequence[Path] = ()) -> PackageHeader:
        """Open safely, check hashes and signature, say who sent it and whether we trust them.
        A part of a package is read with its other parts (beside it or among ``parts``)."""
        with (self._package_file(path, parts) as real, open_package(real) as zf,
              self._db.read() as s):
            return read_header(zf, path, s, self._me(s))

    def preview(self, path: Path, target_round_id: int | None = None,
                resolutions: dict[str, Resolution] | None = None, *,
                progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                parts: Sequence[Path] = (), accept_defaults: bool = False) -> ImportPreview:
        """The dry run: what every record would do here; nothing is written
        (``accept_defaults``: as ``import_package``)."""
        with (self._package_file(path, parts) as real, open_package(real) as zf,
              self._db.read() as s, without_memory_map(s.connection())):
            header = self._trusted_header(zf, path, s)
            if header.kind is PackageKind.RECEIPT:
                return preview_of(header, self._receipt_plan(zf, s))
            planner = Planner(s, zf, header, self._me(s), resolutions or {},
                              self._round_uuid(s, target_round_id),
                              accept_defaults=accept_defaults)
            return preview_of(header, planner.run(progress, cancel))

    def import_package(self, path: Path, target_round_id: int | None = None,
                       resolutions: dict[str, Resolution] | None = None,
                       receipt_dir: Path | None = None, *, progress: ProgressFn = no_progress,
                       cancel: CancelToken | None = None, parts: Sequence[Path] = (),
                       accept_defaults: bool = False) -> ImportReport:
        """Back up, then apply in one transaction; a receipt for the sender is written after.
        A cancel between two batches rolls everything back (``Cancelled``). No preview is
        needed first: the import plans as it goes and refuses while a conflict is open
        (``accept_defaults``: those left open are resolved the proposed way)."""
        with self._package_file(path, parts) as real:
            return self._import(path, real, target_round_id, resolutions, receipt_dir,
                                progress, cancel, accept_defaults)

    def _import(self, path: Path, real: Path, target_round_id: int | None,
                resolutions: dict[str, Resolution] | None, receipt_dir: Path | None,
                progress: ProgressFn, cancel: CancelToken | None,
                accept_defaults: bool) -> ImportReport:
        backup_path = None
        with (open_package(real) as zf, self._db.session() as s,
              without_memory_map(s.connection())):
            # read and checked once, under the write lock: what is imported is what was checked
            me = self._me(s)
            header = read_header(zf, path, s, me)
            if header.already_imported is not None:  # whoever sent it: nothing to do
                return ImportReport(header, {}, False,
                                    f"Gói này đã được nhập lúc "
                                    f"{header.already_imported:%H:%M ngày %d/%m/%Y}; "
                                    "không có gì thay đổi.")
            self._require_trust(header)
            if header.kind is PackageKind.RECEIPT:
                plan = self._receipt_plan(zf, s)
                backup_path = self._backup()
                self._apply_receipt(zf, s, header)
            else:
                # The backup reads the committed database through its own connection; this
                # transaction has written nothing yet, so it is the state before the import.
                backup_path = self._backup()
                try:
                    # Planned under the write lock, each batch applied as soon as it is
                    # planned: what is written is what was checked, and read only once.
                    planner = Planner(s, zf, header, me, resolutions or {},
                                      self._round_uuid(s, target_round_id),
                                      accept_defaults=accept_defaults)
                    applier = Applier(s, zf, header, me, planner, current_actor(s),
                                      self._paths.attachments)
                    planner.sink = applier.apply
                    applier.start()
                    plan = planner.run(progress, cancel)
                    if plan.unresolved:
                        raise OpenConflictsError(
                            f"Còn {plan.unresolved} xung đột chưa giải quyết; hãy chọn cách xử "
                            "lý từng xung đột trong bảng xem trước rồi nhập lại.",
                            tuple(plan.open_conflicts))
                    applier.finish()
                    self._store_documents(zf, header.documents)
                except BaseException:
                    # nothing was imported (the transaction rolls back): no backup to keep
                    if backup_path is not None:
                        backup_path.unlink(missing_ok=True)
                    raise
            counts = plan.counts
            s.add(SyncPackage(package_uuid=header.package_uuid, direction="received",
                              kind=header.kind.value,
                              peer_installation_uuid=header.sender_installation_uuid,
                              peer_office_name=header.sender_office_name,
                              created_at=header.created_at, file_name=str(path),
                              counts=json.dumps(header.counts),
                              summary=json.dumps(self._summary(counts, header.documents),
                                                 ensure_ascii=False),
                              actor=current_actor(s)))
        receipt = None
        if header.kind is PackageKind.UPWARD and not header.bloc_uuid:  # blocs: no receipts
            receipt = self._write_receipt(header, receipt_dir or path.parent)
        return ImportReport(header, counts, True, _summary_text(counts), backup_path, receipt,
                            tuple(plan.items))

    @staticmethod
    def _summary(counts: dict[str, dict[Action, int]],
                 documents: Sequence[PackageDocument]) -> dict[str, Any]:
        """What the import did per entity, and the documents it kept (a key no entity has)."""
        summary: dict[str, Any] = {e: {a.value: n for a, n in c.items()}
                                   for e, c in counts.items()}
        if documents:
            summary[SUMMARY_KEY] = summary_value(documents)
        return summary

    def _store_documents(self, zf: zipfile.ZipFile, documents: Sequence[PackageDocument]) -> None:
        """The package's documents into the attachment store, by hash (a file already there is
        the same file). Written before the commit: harmless if the import rolls back."""
        for doc in documents:
            target = stored_path(self._paths.attachments, doc.sha256)
            if target.exists():
                continue
            try:
                extract(zf, doc, target)
            except OSError as exc:
                raise ValidationError.single(
                    "documents", "Văn bản kèm theo",
                    f"không lưu được “{doc.title}” vào thư mục dữ liệu: {os_error_reason(exc)}"
                ) from exc

    # -- documents carried by packages -------------------------------------------------------------
    def _opened_copy(self, doc: PackageDocument) -> Path:
        folder = private_dir(self._paths.data / OPENED_DOCUMENTS / doc.sha256[:16])
        # the sender chose the name: made one Windows accepts (no "a<b>", no device name)
        return folder / display_name(doc.file_name)

    def document_from_package(self, path: Path, sha256: str,
                              parts: Sequence[Path] = ()) -> Path:
        """A copy of one document of a package (checked like the whole package, then against
        its hash) to open before importing; in the data folder, readable by this user only."""
        with (self._package_file(path, parts) as real, open_package(real) as zf,
              self._db.read() as s):
            header = read_header(zf, path, s, self._me(s))
            doc = next((d for d in header.documents if d.sha256 == sha256), None)
            if doc is None:
                raise NotFoundError("Gói không có văn bản kèm theo này.")
            target = self._opened_copy(doc)
            if _same_file(target, doc):
                return target
            try:
                return extract(zf, doc, target)
            except OSError as exc:
                raise _copy_refused(doc, target, exc) from exc

    def stored_document(self, doc: PackageDocument) -> Path:
        """A copy, under its own name, of a document kept from a package sent or imported."""
        target = self._opened_copy(doc)
        if _same_file(target, doc):
            return target
        if not stored_path(self._paths.attachments, doc.sha256).exists():
            raise ValidationError.single(
                "documents", "Văn bản kèm theo",
                f"tệp của “{doc.title}” không còn trong thư mục dữ liệu (có thể đã bị xóa)")
        try:
            return export_file(self._paths.attachments, doc.sha256, target)
        except OSError as exc:
            raise _copy_refused(doc, target, exc) from exc

    def _backup(self) -> Path | None:
        if self._db.path is None:  # PostgreSQL: the server's own backups apply
            return None
        return backups.create_backup(self._db.path, self._paths, kind="truoc-nhap-goi").path

    def _trusted_header(self, zf: zipfile.ZipFile, path: Path, s: Session) -> PackageHeader:
        header = read_header(zf, path, s, self._me(s))
        self._require_trust(header)
        return header

    @staticmethod
    def _require_trust(header: PackageHeader) -> None:
        if header.trust in (TrustState.UNKNOWN, TrustState.CHANGED):
            changed = header.trust is TrustState.CHANGED
            raise refusal(
                f"“{header.sender_office_name}” {'đã đổi khóa ký' if changed else 'chưa được tin cậy'}"
                f" (mã nhận diện {header.fingerprint}). Hãy gọi điện cho đơn vị gửi, đối chiếu "
                "mã này, rồi chọn “Tin cậy” trước khi nhập")

    def _round_uuid(self, s: Session, round_id: int | None) -> str | None:
        if round_id is None:
            return None
        round_ = s.get(Round, round_id)
        if round_ is None or round_.deleted_at is not None:
            raise NotFoundError(f"Không tìm thấy đợt xét khen thưởng (mã {round_id}).")
        return round_.uuid

    # -- receipts ----------------------------------------------------------------------------
    def receipt_again(self, path: Path, folder: Path | None = None,
                      parts: Sequence[Path] = ()) -> Path:
        """The receipt of a package imported here, written again (the first was lost)."""
        header = self.inspect(path, parts)
        if header.already_imported is None:
            raise ValidationError.single("package", "Gói dữ liệu",
                                         "gói này chưa được nhập ở đây nên chưa có biên nhận")
        if header.kind is not PackageKind.UPWARD or header.bloc_uuid:
            raise ValidationError.single("package", "Gói dữ liệu",
                                         "chỉ gói hồ sơ đề nghị gửi lên mới có biên nhận gửi "
                                         "lại đơn vị gửi")
        return self._write_receipt(header, folder or path.parent)

    def _write_receipt(self, header: PackageHeader, folder: Path) -> Path:
        self.key_info()
        with self._db.read() as s:
            rows = s.execute(select(Nomination.uuid, Nomination.status).where(
                Nomination.owner_uuid == header.sender_installation_uuid,
                Nomination.deleted_at.is_(None))).all()
            body = {"acknowledges": header.package_uuid,
                    "received_at": utcnow().isoformat(timespec="seconds"),
                    "nominations": [{"uuid": u, "status": st} for u, st in rows]}
            inst = self._installation(s)
            name = f"bien_nhan_{self._unit_code(s, inst) or 'donvi'}_{header.package_uuid[:8]}{SUFFIX}"
            recipient = Recipient(header.sender_office_name, header.sender_unit_code,
                                  header.sender_installation_uuid)
            result = self._write(s, Selection(), PackageKind.RECEIPT, recipient, folder / name,
                                 None, {RECEIPT_ENTRY: json.dumps(body, ensure_ascii=False)
                                        .encode("utf-8")})
        return result.path

    def _receipt_body(self, zf: zipfile.ZipFile) -> dict[str, Any]:
        name = f"{DATA_PREFIX}{RECEIPT_ENTRY}"
        if name not in {i.filename for i in zf.infolist()}:
            raise refusal("biên nhận không có nội dung")
        try:
            body = json.loads(read_limited(zf, name, 64 * 1024**2).decode("utf-8"))
        except ValueError as exc:
            raise refusal("biên nhận không đọc được") from exc
        if not isinstance(body, dict) or not isinstance(body.get("nominations"), list):
            raise refusal("biên nhận không đúng cấu trúc")
        return body

    def _receipt_plan(self, zf: zipfile.ZipFile, s: Session) -> Plan:
        body = self._receipt_body(zf)
        plan = Plan()
        updated = len(self._receipt_changes(s, body))
        plan.counts["nominations"] = {Action.UPDATE: updated}
        return plan

    def _receipt_changes(self, s: Session, body: dict[str, Any]) -> list[tuple[Nomination, str]]:
        me = self._me(s)
        wanted = {str(n.get("uuid")): str(n.get("status")) for n in body["nominations"]
                  if isinstance(n, dict)}
        found: list[tuple[Nomination, str]] = []
        uuids = sorted(wanted)
        for start in range(0, len(uuids), 900):
            for n in s.scalars(select(Nomination).where(
                    Nomination.uuid.in_(uuids[start:start + 900]),
                    Nomination.owner_uuid == me.installation_uuid,
                    Nomination.status == NominationStatus.SUBMITTED.value)):
                found.append((n, wanted[n.uuid]))
        return found

    def _apply_receipt(self, zf: zipfile.ZipFile, s: Session, header: PackageHeader) -> None:
        body = self._receipt_body(zf)
        note = f"Biên nhận của {header.sender_office_name} ngày {header.created_at:%d/%m/%Y}"
        actor = f"{header.sender_office_name} (biên nhận)"
        for n, their_status in self._receipt_changes(s, body):
            new = (their_status if NominationStatus.from_text(their_status) is not None
                   and their_status != NominationStatus.SUBMITTED.value
                   else NominationStatus.RECEIVED.value)
            s.add(NominationEvent(nomination_id=n.id, from_status=n.status, to_status=new,
                                  actor=actor, note=note))
            n.status = new
        sent = s.scalars(select(SyncPackage).where(
            SyncPackage.package_uuid == str(body.get("acknowledges")),
            SyncPackage.direction == "sent")).first()
        if sent is not None and sent.acknowledged_at is None:
            sent.acknowledged_at = utcnow()

    # -- history -----------------------------------------------------------------------------
    def history(self) -> list[PackageLogRow]:
        with self._db.read() as s:
            rows = s.scalars(select(SyncPackage).order_by(SyncPackage.handled_at.desc(),
                                                          SyncPackage.id.desc()))
            return [PackageLogRow(r.id, r.package_uuid, r.direction, PackageKind(r.kind),
                                  r.peer_office_name, r.created_at, r.handled_at, r.file_name,
                                  json.loads(r.counts or "{}"), r.acknowledged_at,
                                  from_summary(r.summary)) for r in rows]

    # -- who we are --------------------------------------------------------------------------
    @staticmethod
    def _installation(s: Session) -> Installation:
        inst = s.scalars(select(Installation).order_by(Installation.id).limit(1)).first()
        if inst is None:
            raise ValidationError.single("installation", "Đơn vị",
                                         "chưa khai báo đơn vị sử dụng phần mềm")
        return inst

    @staticmethod
    def _unit_code(s: Session, inst: Installation) -> str:
        if inst.unit_id is None:
            return ""
        return s.scalar(select(Unit.code).where(Unit.id == inst.unit_id)) or ""

    def _me(self, s: Session) -> Me:
        inst = self._installation(s)
        return Me(inst.uuid, inst.office_name, self._unit_code(s, inst))


def _copy_refused(doc: PackageDocument, target: Path, exc: OSError) -> ValidationError:
    return ValidationError.single(
        "documents", "Văn bản kèm theo",
        f"không chép được “{doc.title}” ra {target.parent}: {os_error_reason(exc)}")


def _same_file(path: Path, doc: PackageDocument) -> bool:
    """``path`` already holds ``doc`` (opened before): it is used as it is (Word may hold it)."""
    try:
        if path.stat().st_size != doc.size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == doc.sha256


def _plain_fingerprint(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _summary_text(counts: dict[str, dict[Action, int]]) -> str:
    total = {a: sum(c.get(a, 0) for c in counts.values()) for a in Action}
    return (f"Đã nhập: {total[Action.NEW]} thêm mới, {total[Action.UPDATE]} cập nhật, "
            f"{total[Action.UNCHANGED]} không đổi, {total[Action.IGNORED]} bỏ qua, "
            f"{total[Action.CONFLICT]} xung đột đã xử lý.")
