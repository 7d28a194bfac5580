"""File menu actions that look after the data: back up, check, restore from a backup.

Each runs as a background task. Restore closes every page first (nothing may read the database
while it is replaced), restores, reopens, then rebuilds the pages.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

from desktop.i18n import translate
from desktop.views.messages import FileDialogs, Messages, database_filter

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow


class MaintenanceActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    @property
    def _backend(self) -> Any:
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
        suggested = folder / f"tdkt_saoluu_{datetime.now():%Y%m%d-%H%M}.db"
        target = FileDialogs.save_file(w, translate("Maintenance", "Back up data to"), suggested,
                                       database_filter())
        if target is None:
            return
        w.settings.set_last_folder("backup", target.parent)
        backend = self._backend
        self._set_enabled(False)
        (w.runner.task(lambda _progress, _cancel: backend.backup(target), w)
         .with_progress(translate("Maintenance", "Backing up the data…"), cancellable=False)
         .success(self._backup_done)
         .run(writes=False)
         .finished.connect(self._task_finished))

    def _backup_done(self, path: Path) -> None:
        self._window.events.changed.emit("backup")
        Messages.info(self._window, translate("Maintenance", "Backup saved to:\n{path}").format(
            path=path))

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

    def _verify_done(self, results: list[Any]) -> None:
        lines = [("✔ " if r.ok else "✘ ") + str(r.message) for r in results]
        ok = all(r.ok for r in results)
        heading = (translate("Maintenance", "The data is in good order.") if ok else
                   translate("Maintenance", "Problems were found. Restore from a backup or "
                             "contact support."))
        (Messages.info if ok else Messages.error)(self._window, heading + "\n\n" + "\n".join(lines))

    # -- restore -----------------------------------------------------------------------------------
    @Slot()
    def restore(self) -> None:
        w = self._window
        source = FileDialogs.open_file(w, translate("Maintenance", "Restore from backup"),
                                       Path(self._backend.paths.backups), database_filter())
        if source is None:
            return
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

    def _restore_done(self, safety_copy: Path) -> None:
        Messages.info(self._window, translate(
            "Maintenance", "The data was restored. The previous data was kept in:\n{path}"
        ).format(path=safety_copy))

    def _restore_finished(self) -> None:
        w = self._window
        w.sidebar.setEnabled(True)
        self._set_enabled(True)
        w.rebuild_pages()
        w.navigate(w.sidebar_key())
        w.refresh_status()

    def _task_finished(self) -> None:
        self._set_enabled(True)
