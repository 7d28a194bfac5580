"""First start: where the data lives, which office this is, who the officer using it is, and
optionally sample data to try.

The dialog opens (or creates) the database through the composition root's opener and, if the
database is not set up yet, records this office with ``configure_office``. The officer's name
(self-declared; recorded as the actor of status changes) is stored with ``set_officer_name``;
left empty on an existing database, the name already declared there is kept. Every refusal (a
newer database, a bad code) is shown in the dialog, which stays open. With "sample data" ticked
it then builds the small demo in a background task with progress and Huỷ.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.installation import OFFICER_NAME_MAX
from desktop.api.setup import DemoSummary
from desktop.domain.enums import UnitKind
from desktop.domain.errors import DomainError
from desktop.i18n import translate
from desktop.tasks import Task, TaskRunner
from desktop.views.backend import Backend, BackendOpener
from desktop.views.messages import FileDialogs, database_filter
from desktop.views.widgets.form import ValidatedForm


class FirstRunDialog(QDialog):
    """``backend`` holds the opened, configured database after acceptance."""

    def __init__(self, parent: QWidget | None, opener: BackendOpener, *, default_path: Path,
                 existing_path: Path | None = None, demo_available: bool = False) -> None:
        super().__init__(parent)
        self._opener = opener
        self.backend: Backend | None = None
        self.demo_task: Task[DemoSummary] | None = None
        self.demo_running = False
        self.setWindowTitle(translate("FirstRunDialog", "Welcome to TĐKT Desktop"))
        self.setMinimumWidth(720)
        intro = QLabel(translate(
            "FirstRunDialog",
            "Before you start, choose where the data is kept and say which unit this office "
            "is. You can change the unit details later."), self)
        intro.setWordWrap(True)

        # -- database file --------------------------------------------------------------------
        data_box = QGroupBox(translate("FirstRunDialog", "Data file"), self)
        self.create_radio = QRadioButton(translate("FirstRunDialog", "Create a new database"),
                                         data_box)
        self.open_radio = QRadioButton(translate("FirstRunDialog", "Open an existing database"),
                                       data_box)
        group = QButtonGroup(self)
        group.addButton(self.create_radio)
        group.addButton(self.open_radio)
        self.new_path = QLineEdit(str(default_path), data_box)
        self.existing_path = QLineEdit(str(existing_path or ""), data_box)
        self.existing_path.setPlaceholderText(translate("FirstRunDialog", "Choose a .db file…"))
        choose_new = QPushButton(translate("FirstRunDialog", "Choose location…"), data_box)
        choose_existing = QPushButton(translate("FirstRunDialog", "Choose file…"), data_box)
        choose_new.clicked.connect(self._choose_new)
        choose_existing.clicked.connect(self._choose_existing)
        grid = QGridLayout(data_box)
        grid.addWidget(self.create_radio, 0, 0, 1, 2)
        grid.addWidget(self.new_path, 1, 0)
        grid.addWidget(choose_new, 1, 1)
        grid.addWidget(self.open_radio, 2, 0, 1, 2)
        grid.addWidget(self.existing_path, 3, 0)
        grid.addWidget(choose_existing, 3, 1)
        grid.setColumnStretch(0, 1)
        (self.open_radio if existing_path else self.create_radio).setChecked(True)

        # -- this office ----------------------------------------------------------------------
        office_box = QGroupBox(translate("FirstRunDialog", "This office"), self)
        self.form = ValidatedForm(office_box)
        self.name_edit = QLineEdit(office_box)
        self.name_edit.setPlaceholderText(translate("FirstRunDialog",
                                                    "e.g. Ủy ban nhân dân xã Bình Lư"))
        self.code_edit = QLineEdit(office_box)
        self.code_edit.setMaximumWidth(220)
        self.kind_combo = QComboBox(office_box)
        for kind in UnitKind:
            if kind is not UnitKind.DISTRICT:  # districts are history since 01/7/2025
                self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(UnitKind.COMMUNE.value))
        self.parent_name_edit = QLineEdit(office_box)
        self.parent_name_edit.setPlaceholderText(translate(
            "FirstRunDialog", "e.g. Ủy ban nhân dân tỉnh Lai Châu"))
        self.parent_code_edit = QLineEdit(office_box)
        self.parent_code_edit.setMaximumWidth(220)
        self.form.add_row("name", translate("FirstRunDialog", "Unit name *"), self.name_edit)
        self.form.add_row("code", translate("FirstRunDialog", "Code *"), self.code_edit)
        self.form.add_row("kind", translate("FirstRunDialog", "Kind of unit"), self.kind_combo)
        self.form.add_row("parent_office_name", translate("FirstRunDialog", "Parent office"),
                          self.parent_name_edit)
        self.form.add_row("parent_office_code", translate("FirstRunDialog", "Parent office code"),
                          self.parent_code_edit)
        office_note = QLabel(translate(
            "FirstRunDialog", "Used only when the chosen database has not been set up yet."),
            office_box)
        office_note.setWordWrap(True)
        office_note.setStyleSheet("color: palette(mid);")
        office_layout = QVBoxLayout(office_box)
        office_layout.addLayout(self.form.layout)
        office_layout.addWidget(office_note)

        # -- the officer ----------------------------------------------------------------------
        officer_box = QGroupBox(translate("FirstRunDialog", "Officer using this installation"),
                                self)
        self.officer_form = ValidatedForm(officer_box)
        self.officer_edit = QLineEdit(officer_box)
        self.officer_edit.setMaxLength(OFFICER_NAME_MAX)
        self.officer_edit.setPlaceholderText(translate("FirstRunDialog", "e.g. Nguyễn Văn An"))
        self.officer_form.add_row("officer_name", translate("FirstRunDialog", "Your full name"),
                                  self.officer_edit)
        officer_note = QLabel(translate(
            "FirstRunDialog", "Recorded as who made each status change (self-declared, not "
            "verified). You can change it later in Settings."), officer_box)
        officer_note.setWordWrap(True)
        officer_note.setStyleSheet("color: palette(mid);")
        officer_layout = QVBoxLayout(officer_box)
        officer_layout.addLayout(self.officer_form.layout)
        officer_layout.addWidget(officer_note)

        # -- demo and buttons -----------------------------------------------------------------
        self.demo_check = QCheckBox(translate("FirstRunDialog", "Create sample data to try the program"),
                                    self)
        self.demo_check.setEnabled(demo_available)
        if not demo_available:
            self.demo_check.setToolTip(translate(
                "FirstRunDialog", "Sample data is not available in this version."))
        buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(translate("FirstRunDialog", "Start"), self)
        self.start_button.setDefault(True)
        self.quit_button = QPushButton(translate("FirstRunDialog", "Quit"), self)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form.summary)
        layout.addWidget(self.officer_form.summary)
        layout.addWidget(data_box)
        layout.addWidget(office_box)
        layout.addWidget(officer_box)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_check)
        demo_row.addStretch(1)
        layout.addLayout(demo_row)
        layout.addWidget(buttons)
        self._runner = TaskRunner(self)
        self._inputs: list[QWidget] = [data_box, office_box, officer_box, self.demo_check,
                                       self.start_button, self.quit_button]
        self.name_edit.setFocus()

    # -- choosing files --------------------------------------------------------------------------
    @Slot()
    def _choose_new(self) -> None:
        path = FileDialogs.save_file(self, translate("FirstRunDialog", "New database"),
                                     Path(self.new_path.text()), database_filter())
        if path is not None:
            self.new_path.setText(str(path if path.suffix else path.with_suffix(".db")))
            self.create_radio.setChecked(True)

    @Slot()
    def _choose_existing(self) -> None:
        folder = Path(self.existing_path.text() or self.new_path.text()).parent
        path = FileDialogs.open_file(self, translate("FirstRunDialog", "Open database"), folder,
                                     database_filter())
        if path is not None:
            self.existing_path.setText(str(path))
            self.open_radio.setChecked(True)

    # -- starting ----------------------------------------------------------------------------------
    def chosen_path(self) -> tuple[Path, bool]:
        """The database path and whether it may be created."""
        if self.create_radio.isChecked():
            return Path(self.new_path.text().strip()).expanduser(), True
        return Path(self.existing_path.text().strip()).expanduser(), False

    @Slot()
    def start(self) -> None:
        self.form.clear()
        self.officer_form.clear()
        if self.backend is not None:  # an earlier attempt opened it (then the demo was refused)
            self.backend.close()
            self.backend = None
        path, create = self.chosen_path()
        if not str(path).strip() or path == Path():
            self.form.show_message(translate("FirstRunDialog", "Choose a database file first."))
            return
        if create and path.exists():
            self.form.show_message(translate(
                "FirstRunDialog", "The file {path} already exists. Choose “Open an existing "
                "database” to use it, or another name for a new one.").format(path=path))
            return
        try:
            backend = self._opener(path, create=create)
        except DomainError as exc:
            self.form.show_message(str(exc))
            return
        setup = backend.services.setup
        try:  # checked before anything is written: a refused name leaves the file untouched
            officer = setup.check_officer_name(self.officer_edit.text())
        except DomainError as exc:
            backend.close()
            if create:
                _remove_database_file(path)
            self.officer_form.show_error(exc)
            return
        if not setup.is_configured:
            try:
                backend.configure_office(
                    name=self.name_edit.text(), code=self.code_edit.text(),
                    kind=str(self.kind_combo.currentData()),
                    parent_office_name=self.parent_name_edit.text(),
                    parent_office_code=self.parent_code_edit.text())
            except DomainError as exc:
                backend.close()
                if create:  # the file is ours and empty: leave nothing behind
                    _remove_database_file(path)
                self.form.show_error(exc)
                return
        if officer:
            try:
                setup.set_officer_name(officer)
            except DomainError as exc:
                backend.close()
                self.officer_form.show_error(exc)
                return
        self.backend = backend
        if self.demo_check.isChecked() and self.demo_check.isEnabled():
            self._build_demo(backend)
        else:
            self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.demo_running = busy
        for widget in self._inputs:
            widget.setEnabled(not busy)

    def _build_demo(self, backend: Backend) -> None:
        self._set_busy(True)
        self.demo_task = (
            self._runner.task(lambda progress, cancel: backend.build_demo(
                "small", progress=progress, cancel=cancel), self)
            .with_progress(translate("FirstRunDialog", "Creating sample data…"))
            .success(self._on_demo_done)
            .failure(self._on_demo_failed)
            .cancelled(self._on_demo_cancelled)
            .run(writes=True)
        )

    def _on_demo_done(self, _summary: object) -> None:
        self._set_busy(False)
        self.accept()

    def _on_demo_failed(self, exc: DomainError) -> None:
        self._set_busy(False)
        self.form.show_message(str(exc))
        self.demo_check.setChecked(False)

    def _on_demo_cancelled(self) -> None:
        self._set_busy(False)
        self.accept()

    def reject(self) -> None:
        if self.demo_running:  # Esc while the demo is built means Huỷ, not quit
            if self.demo_task is not None:
                self.demo_task.cancel()
            return
        if self.backend is not None and self.result() != QDialog.DialogCode.Accepted:
            self.backend.close()
            self.backend = None
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, opener: BackendOpener, *, default_path: Path,
            existing_path: Path | None = None, demo_available: bool = False) -> Backend | None:
        """The opened and configured backend, or None if the officer chose to quit."""
        dialog = cls(parent, opener, default_path=default_path, existing_path=existing_path,
                     demo_available=demo_available)
        return dialog.backend if dialog.exec() == QDialog.DialogCode.Accepted else None


def _remove_database_file(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)
