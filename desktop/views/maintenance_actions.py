"""File menu actions that look after the data: back up, check, restore from a backup.

Each runs as a background task. Restore closes every page first (nothing may read the database
while it is replaced), restores, reopens, then rebuilds the pages. The checks say "damaged"
(and only then advise a restore) apart from problems a restore would not fix.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from desktop.api.maintenance import BACKUP_SUFFIX, BackupInfo, CheckResult, RestoreResult, is_damaged
from desktop.i18n import translate
from desktop.views.backend import Backend
from desktop.views.formatting import format_int, format_size
from desktop.views.messages import FileDialogs, Messages

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow


def backup_filter() -> str:
    return translate("Maintenance", "TĐKT backup (*.tdkt-backup);;Old database backup (*.db);;"
                     "All files (*)")


def restore_filter() -> str:
    return translate("Maintenance", "TĐKT backups (*.tdkt-backup *.db);;All files (*)")


def counts_text(info: BackupInfo) -> str:
    """"38 units · 600 people · 2 attachments · 1 template" (what a backup holds)."""
    c = info.counts
    parts = [translate("Maintenance", "{n} units").format(n=format_int(c.get("units", 0))),
             translate("Maintenance", "{n} people").format(n=format_int(c.get("people", 0))),
             translate("Maintenance", "{n} attachments").format(
                 n=format_int(c.get("attachments", 0)))]
    if "templates" in c:
        parts.append(translate("Maintenance", "{n} templates").format(
            n=format_int(c["templates"])))
    return " · ".join(parts)


class MaintenanceActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @property
    def _backend(self) -> Backend:
        return self._window.backend

    def _set_enabled(self, enabled: bool) -> None:
        w = self._window
        for action in (w.backup_action, w.restore_action, w.verify_action):
            action.setEnabled(enabled)

    # -- backup ------------------------------------------------------------------------------------
    @Slot()
    def backup(self) -> None:
        w = self._window
        folder = w.settings.last_folder("backup", Path(self._backend.paths.backups))
        suggested = folder / f"tdkt_saoluu_{datetime.now():%Y%m%d-%H%M}{BACKUP_SUFFIX}"
        target = FileDialogs.save_file(w, translate("Maintenance", "Back up data to"), suggested,
                                       backup_filter())
        if target is None:
            return
        if not target.suffix:
            target = target.with_suffix(BACKUP_SUFFIX)
        w.settings.set_last_folder("backup", target.parent)
        self.run_backup(target)

    def run_backup(self, target: Path | None) -> None:
        """Back up to ``target`` (None: a new file in the backup folder) in the background."""
        w = self._window
        backend = self._backend
        self._set_enabled(False)
        (w.runner.task(lambda _progress, _cancel: backend.backup(target), w)
         .with_progress(translate("Maintenance", "Backing up the data…"), cancellable=False)
         .success(self._backup_done)
         .run(writes=False)
         .finished.connect(self._task_finished))

    def _backup_done(self, info: BackupInfo) -> None:
        self._window.events.changed.emit("backup")
        text = translate("Maintenance", "Backup saved and checked:\n{path}\n\n{size} – {counts}").format(
            path=info.path, size=format_size(info.size), counts=counts_text(info))
        if info.missing_attachments:
            text += "\n\n" + translate(
                "Maintenance", "{n} attachment files were missing from the data folder and are "
                "not in the backup.").format(n=len(info.missing_attachments))
        Messages.info(self._window, text)

    # -- check -------------------------------------------------------------------------------------
    @Slot()
    def verify(self) -> None:
        w = self._window
        backend = self._backend
        self._set_enabled(False)
        (w.runner.task(lambda _progress, _cancel: backend.verify(), w)
         .with_progress(translate("Maintenance", "Checking the data…"), cancellable=False)
         .success(self._verify_done)
         .run(writes=False)
         .finished.connect(self._task_finished))

    def _verify_done(self, results: list[CheckResult]) -> None:
        lines = [("✔ " if r.ok else "✘ ") + r.message + (f"\n    → {r.advice}" if r.advice else "")
                 for r in results]
        ok = all(r.ok for r in results)
        if ok:
            heading = translate("Maintenance", "The data is in good order.")
        elif is_damaged(results):
            heading = translate("Maintenance", "The data file is damaged. Restore it from the "
                                "latest backup (File › Restore from backup…).")
        else:
            heading = translate("Maintenance", "Some checks failed (see below). The data file "
                                "itself is not damaged: do not restore a backup for this.")
        (Messages.info if ok else Messages.error)(self._window, heading + "\n\n" + "\n".join(lines))

    # -- restore -----------------------------------------------------------------------------------
    @Slot()
    def restore(self) -> None:
        w = self._window
        source = FileDialogs.open_file(w, translate("Maintenance", "Restore from backup"),
                                       Path(self._backend.paths.backups), restore_filter())
        if source is None:
            return
        self.restore_from(source)

    def restore_from(self, source: Path) -> None:
        """Ask, then replace the current data with the backup ``source``."""
        w = self._window
        question = translate(
            "Maintenance", "Replace the current data with the backup “{name}”?\n\nA copy of "
            "the current data is saved in the backup folder first.").format(name=source.name)
        if not Messages.confirm(w, question, yes_text=translate("Maintenance", "Restore")):
            return
        backend = self._backend
        w.rebuild_pages()
        w.runner.wait_for_done(10_000)  # no page may still be reading when the file is replaced
        w.sidebar.setEnabled(False)
        self._set_enabled(False)
        (w.runner.task(lambda _progress, _cancel: backend.restore(source), w)
         .with_progress(translate("Maintenance", "Restoring the data…"), cancellable=False)
         .success(self._restore_done)
         .run(writes=True)
         .finished.connect(self._restore_finished))

    def _restore_done(self, result: RestoreResult) -> None:
        text = translate("Maintenance", "The data was restored.")
        if result.safety_copy is not None:
            text += "\n" + translate("Maintenance", "The previous data was kept in:\n{path}").format(
                path=result.safety_copy)
        if result.attachments_restored or result.templates_restored:
            text += "\n\n" + translate(
                "Maintenance", "Put back: {attachments} attachment files, {templates} "
                "templates.").format(attachments=result.attachments_restored,
                                     templates=result.templates_restored)
        Messages.info(self._window, text)

    def _restore_finished(self) -> None:
        w = self._window
        w.sidebar.setEnabled(True)
        self._set_enabled(True)
        w.rebuild_pages()
        w.navigate(w.sidebar_key())
        w.refresh_status()
        w.events.changed.emit("backup")

    def _task_finished(self) -> None:
        self._set_enabled(True)
