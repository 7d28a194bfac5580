"""Nhập, xuất Excel: one dialog over ``services.excel`` for every list (issue 12).

* "Nhập": a kind, an ``.xlsx`` file, "update those already stored"; "Kiểm tra" runs the dry run
  in the background (progress, cancel) and lists every refused row and cell with the counts;
  "Nhập vào" (all or nothing) is enabled only after a clean dry run of the same file, unchanged
  since, with the same options; the report (refused or not) can be saved as .xlsx or .txt.
* "Xuất": a kind and the filters the service takes (year, unit, round) → a chosen ``.xlsx``,
  written in the background; the dialog says where.
* "Tải mẫu": a kind → its template ``.xlsx`` (header row and a "Hướng dẫn" sheet).

The kinds come from ``desktop.api.excel`` (IMPORT_KINDS, EXPORT_KINDS): a kind added there
appears here by itself. File choosers sit behind ``ExcelFiles`` so tests can answer them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api.excel import (
    EXPORT_KINDS,
    IMPORT_KINDS,
    OUTCOME_LABELS,
    CellProblem,
    ExportFilter,
    ExportResult,
    ImportRefusedError,
    ImportReport,
)
from desktop.api.units import UnitRow
from desktop.domain.errors import Cancelled, DatabaseBusyError, DomainError, StorageError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.settings import UiSettings
from desktop.tasks import TaskRunner
from desktop.views.backend import Backend
from desktop.views.formatting import format_int
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.messages import Messages, open_folder
from desktop.views.pages.base import DataEvents
from desktop.views.widgets.unit_picker import UnitPicker

log = logging.getLogger(__name__)
T = TypeVar("T")

XLSX = ".xlsx"
FOLDER_KEY = "excel"
# Filters each export honours (the service ignores the others); kinds not named take year+unit.
NO_YEAR_KINDS = frozenset({"people", "units"})
ROUND_KINDS = frozenset({"nominations", "decisions"})
YEARS_BACK = 30


class ExcelFiles:
    """The file choosers of the Excel dialog (tests replace these classmethods)."""

    @classmethod
    def open_xlsx(cls, parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, translate("ExcelDialog", "Choose the Excel file to import"), str(folder),
            translate("ExcelDialog", "Excel workbook (*.xlsx);;All files (*)"))
        return Path(name) if name else None

    @classmethod
    def save_xlsx(cls, parent: QWidget, title: str, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, str(suggested), translate("ExcelDialog", "Excel workbook (*.xlsx)"))
        return Path(name) if name else None

    @classmethod
    def save_report(cls, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, translate("ExcelDialog", "Save the import report"), str(suggested),
            translate("ExcelDialog", "Excel workbook (*.xlsx);;Text file (*.txt)"))
        return Path(name) if name else None


@dataclass(frozen=True)
class _Checked:
    """What a clean dry run was made of: the apply must see exactly the same."""

    kind: str
    path: Path
    update_existing: bool
    stamp: tuple[int, int]  # size, mtime_ns of the file when checked


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _with_suffix(path: Path, suffixes: tuple[str, ...] = (XLSX,)) -> Path:
    return path if path.suffix.lower() in suffixes else path.with_name(path.name + suffixes[0])


def _guarded(work: Callable[[], T], what: str) -> T:
    """Run ``work`` in the worker; whatever goes wrong reaches the officer in Vietnamese (a file
    openpyxl chokes on, a full disk) instead of the crash window."""
    try:
        return work()
    except (DomainError, Cancelled):
        raise
    except OSError as exc:
        raise StorageError(f"{what}: {exc.strerror or exc}") from exc
    except Exception as exc:
        log.exception("Excel work failed")
        raise StorageError(f"{what}: {exc}") from exc


def _problem_columns() -> list[Column[CellProblem]]:
    return [
        Column(translate("ExcelDialog", "Sheet"), lambda p: p.sheet),
        Column(translate("ExcelDialog", "Row"), lambda p: format_int(p.row) if p.row else "",
               sort=lambda p: p.row, align_right=True),
        Column(translate("ExcelDialog", "Column"), lambda p: p.column),
        Column(translate("ExcelDialog", "Cell"), lambda p: p.cell),
        Column(translate("ExcelDialog", "Reason"), lambda p: p.message,
               tooltip=lambda p: str(p)),
    ]


def _kind_combo(parent: QWidget, kinds: dict[str, str], kind: str | None) -> QComboBox:
    combo = QComboBox(parent)
    for key, label in kinds.items():
        combo.addItem(label, key)
    at = combo.findData(kind) if kind else -1
    combo.setCurrentIndex(max(at, 0))
    combo.setMinimumWidth(320)
    return combo


def _status_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ExcelDialog(QDialog):
    """Import, export and templates of every list, as ``.xlsx`` files."""

    def __init__(self, parent: QWidget | None, backend: Backend, runner: TaskRunner, *,
                 events: DataEvents | None = None, settings: UiSettings | None = None,
                 tab: str = "import", kind: str | None = None,
                 unit: UnitRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ExcelDialog", "Excel import and export"))
        self._backend = backend
        self._runner = runner
        self._events = events
        self._settings = settings
        self._busy = False
        self.report: ImportReport | None = None
        self._checked: _Checked | None = None
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_import(kind), translate("ExcelDialog", "Import"))
        self.tabs.addTab(self._build_export(kind, unit), translate("ExcelDialog", "Export"))
        self.tabs.addTab(self._build_template(kind), translate("ExcelDialog", "Templates"))
        self.tabs.setCurrentIndex({"import": 0, "export": 1, "template": 2}.get(tab, 0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(translate("ExcelDialog", "Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(980, 620)
        self._show_report(None)

    @classmethod
    def open_for(cls, parent: QWidget | None, backend: Backend, runner: TaskRunner, *,
                 events: DataEvents | None = None, settings: UiSettings | None = None,
                 tab: str = "import", kind: str | None = None,
                 unit: UnitRow | None = None) -> ExcelDialog:
        """Show the dialog window-modal (``open()``, not ``exec()``: the event loop keeps running
        for the background work) and return it; it deletes itself when closed."""
        dialog = cls(parent, backend, runner, events=events, settings=settings, tab=tab,
                     kind=kind, unit=unit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- building ---------------------------------------------------------------------------------
    def _build_import(self, kind: str | None) -> QWidget:
        tab = QWidget(self)
        self.import_kind = _kind_combo(tab, IMPORT_KINDS, kind)
        self.file_edit = QLineEdit(tab)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(translate("ExcelDialog", "No file chosen yet"))
        self.choose_button = QPushButton(translate("ExcelDialog", "Choose file…"), tab)
        self.update_existing = QCheckBox(tab)
        self.check_button = QPushButton(translate("ExcelDialog", "Check"), tab)
        self.check_button.setToolTip(translate(
            "ExcelDialog", "Check every row and cell of the file without writing anything"))
        self.apply_button = QPushButton(translate("ExcelDialog", "Import into the data"), tab)
        self.apply_button.setToolTip(translate(
            "ExcelDialog", "Write the whole file (all or nothing); available after a check "
                           "without errors"))
        self.report_button = QPushButton(translate("ExcelDialog", "Save report…"), tab)
        self.summary_label = _status_label(tab)
        self.summary_label.setObjectName("excelSummary")
        self.counts_label = QLabel(tab)
        self.counts_label.setObjectName("excelCounts")
        self.counts_label.setWordWrap(True)
        self.problems_model: RecordTableModel[CellProblem] = RecordTableModel(
            _problem_columns(), self)
        self.problems_view = QTableView(tab)
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setAlternatingRowColors(True)
        self.problems_view.setWordWrap(False)
        self.problems_view.verticalHeader().setVisible(False)
        header = self.problems_view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 60, 150, 50)):
            self.problems_view.setColumnWidth(column, width)

        self.import_kind.currentIndexChanged.connect(self._options_changed)
        self.update_existing.toggled.connect(self._options_changed)
        self.choose_button.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.check)
        self.apply_button.clicked.connect(self.apply)
        self.report_button.clicked.connect(self.save_report)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(translate("ExcelDialog", "List:"), self.import_kind)
        form.addRow(translate("ExcelDialog", "File:"), file_row)
        form.addRow("", self.update_existing)
        actions = QHBoxLayout()
        for button in (self.check_button, self.apply_button):
            button.setMinimumWidth(110)
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.report_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.problems_view, 1)
        self._label_update_box()
        return tab

    def _build_export(self, kind: str | None, unit: UnitRow | None) -> QWidget:
        tab = QWidget(self)
        self.export_kind = _kind_combo(tab, EXPORT_KINDS, kind)
        self.year_combo = QComboBox(tab)
        self.year_combo.addItem(translate("ExcelDialog", "All years"), None)
        this_year = date.today().year
        for year in range(this_year + 1, this_year - YEARS_BACK, -1):
            self.year_combo.addItem(str(year), year)
        self.unit_picker = UnitPicker(self._backend.services.units.search, tab,
                                      placeholder=translate(
                                          "ExcelDialog", "All units – type to choose one"))
        self.unit_picker.setMinimumWidth(420)
        if unit is not None:
            self.unit_picker.set_unit(unit)
        self.subunits = QCheckBox(translate("ExcelDialog", "Include sub-units"), tab)
        self.subunits.setChecked(True)
        self.round_combo = QComboBox(tab)
        self.round_combo.setMinimumWidth(420)
        self.round_combo.addItem(translate("ExcelDialog", "All award rounds"), None)
        self.export_button = QPushButton(translate("ExcelDialog", "Export…"), tab)
        self.export_button.setMinimumWidth(110)
        self.export_label = _status_label(tab)
        self.export_label.setObjectName("excelExportResult")
        self.export_folder_button = QPushButton(translate("ExcelDialog", "Open the folder"), tab)
        self.export_folder_button.setVisible(False)
        self._exported: Path | None = None
        self.export_kind.currentIndexChanged.connect(self._export_kind_changed)
        self.export_button.clicked.connect(self.export)
        self.export_folder_button.clicked.connect(self._open_export_folder)

        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_picker, 1)
        unit_row.addWidget(self.subunits)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(translate("ExcelDialog", "List:"), self.export_kind)
        form.addRow(translate("ExcelDialog", "Year:"), self.year_combo)
        form.addRow(translate("ExcelDialog", "Unit:"), unit_row)
        form.addRow(translate("ExcelDialog", "Award round:"), self.round_combo)
        self._export_form = form
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        result_row = QHBoxLayout()
        result_row.addWidget(self.export_label, 1)
        result_row.addWidget(self.export_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        note = QLabel(translate(
            "ExcelDialog", "The file has Vietnamese headers, a frozen header row and dates as "
                           "dd/mm/yyyy; lists that can be imported come back in unchanged."), tab)
        note.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(actions)
        layout.addLayout(result_row)
        layout.addStretch(1)
        self._load_rounds()
        self._export_kind_changed()
        return tab

    def _build_template(self, kind: str | None) -> QWidget:
        tab = QWidget(self)
        self.template_kind = _kind_combo(tab, IMPORT_KINDS, kind)
        self.template_button = QPushButton(translate("ExcelDialog", "Save the template…"), tab)
        self.template_button.setMinimumWidth(110)
        self.template_label = _status_label(tab)
        self.template_label.setObjectName("excelTemplateResult")
        note = QLabel(translate(
            "ExcelDialog", "The template has the header row to fill in and a “Hướng dẫn” sheet "
                           "describing each column, whether it is required, its format and "
                           "an example row. Type values only, no formulas."), tab)
        note.setWordWrap(True)
        self.template_button.clicked.connect(self.save_template)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(translate("ExcelDialog", "List:"), self.template_kind)
        actions = QHBoxLayout()
        actions.addWidget(self.template_button)
        actions.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(actions)
        layout.addWidget(self.template_label)
        layout.addStretch(1)
        return tab

    # -- shared -----------------------------------------------------------------------------------
    def _folder(self) -> Path:
        if self._settings is None:
            return Path.home()
        return self._settings.last_folder(FOLDER_KEY, Path.home())

    def _remember(self, path: Path) -> None:
        if self._settings is not None:
            self._settings.set_last_folder(FOLDER_KEY, path.parent)

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.tabs.setEnabled(not busy)
        if not busy:
            self._update_buttons()

    def reject(self) -> None:
        if self._busy:  # the work's outcome must still reach this dialog (and the lists)
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _failed(self, error: DomainError, label: QLabel | None = None) -> None:
        self._set_busy(False)
        if label is not None:
            label.setText(str(error))
        if not isinstance(error, DatabaseBusyError):  # the runner's box said so already
            Messages.error(self, str(error))

    # -- import -----------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.import_kind.currentData())

    @property
    def path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    def _label_update_box(self) -> None:
        self.update_existing.setText(
            translate("ExcelDialog", "Update people already stored (when the file differs)")
            if self.kind == "people" else
            translate("ExcelDialog", "Update records already stored (when the file differs)"))

    def _current(self) -> _Checked | None:
        path = self.path
        stamp = _stamp(path) if path is not None else None
        if path is None or stamp is None:
            return None
        return _Checked(self.kind, path, self.update_existing.isChecked(), stamp)

    @Slot()
    def _options_changed(self, *_args: object) -> None:
        """Another kind, file or option: the last check no longer vouches for an import."""
        self._label_update_box()
        self._checked = None
        self._show_report(None)

    def set_file(self, path: Path) -> None:
        self.file_edit.setText(str(path))
        self.file_edit.setToolTip(str(path))
        self._options_changed()

    @Slot()
    def choose_file(self) -> None:
        path = ExcelFiles.open_xlsx(self, self._folder())
        if path is None:
            return
        self._remember(path)
        self.set_file(path)

    def _update_buttons(self) -> None:
        has_file = self.path is not None
        self.check_button.setEnabled(has_file)
        current = self._current() if self._checked is not None else None
        self.apply_button.setEnabled(self._checked is not None and current == self._checked)
        self.report_button.setEnabled(self.report is not None)

    def _show_report(self, report: ImportReport | None) -> None:
        self.report = report
        self.problems_model.set_rows(report.problems if report is not None else ())
        if report is None:
            self.summary_label.setText(translate(
                "ExcelDialog", "Choose the list and the file, then press “Check”: nothing is "
                               "written until the whole file is right."))
            self.counts_label.clear()
        else:
            self.summary_label.setText(report.summary())
            self.counts_label.setText(self._counts_text(report))
        self._update_buttons()

    @staticmethod
    def _counts_text(report: ImportReport) -> str:
        parts = [translate("ExcelDialog", "Rows: {count}").format(count=format_int(report.rows))]
        for key, value in (("new", report.new), ("updated", report.updated),
                           ("unchanged", report.unchanged), ("existing", report.existing)):
            parts.append(f"{OUTCOME_LABELS[key]}: {format_int(value)}")
        if report.problems:
            parts.append(translate("ExcelDialog", "Errors: {count}").format(
                count=format_int(len(report.problems))))
        return " · ".join(parts)

    @Slot()
    def check(self) -> None:
        """The dry run: every row checked by the same code as an import, then rolled back."""
        current = self._current()
        if current is None:
            Messages.error(self, translate(
                "ExcelDialog", "The file cannot be read; choose it again.") if self.path
                else translate("ExcelDialog", "Choose the Excel file first."))
            return
        excel = self._backend.services.excel
        what = translate("ExcelDialog", "Cannot read the file {name}").format(
            name=current.path.name)

        def work(progress: ProgressFn, cancel: CancelToken) -> ImportReport:
            return _guarded(lambda: excel.dry_run(
                current.kind, current.path, update_existing=current.update_existing,
                progress=progress, cancel=cancel), what)

        self._checked = None
        self._show_report(None)
        self._set_busy(True)
        # On the writer thread: the dry run holds the import's write transaction (rolled back).
        (self._runner.task(work, self)
         .with_progress(translate("ExcelDialog", "Checking {name}…").format(
             name=current.path.name))
         .success(lambda report: self._checked_ok(current, report))
         .failure(self._check_refused)
         .cancelled(self._stopped)
         .run(writes=True))

    def _checked_ok(self, checked: _Checked, report: ImportReport) -> None:
        self._checked = checked if report.ok else None
        self._set_busy(False)
        self._show_report(report)

    def _check_refused(self, error: DomainError) -> None:
        if isinstance(error, ImportRefusedError):
            self._set_busy(False)
            self._show_report(error.report)
            return
        self._failed(error, self.summary_label)

    def _stopped(self) -> None:
        self._set_busy(False)
        self._show_report(None)
        self.summary_label.setText(translate(
            "ExcelDialog", "Stopped; nothing was written."))

    @Slot()
    def apply(self) -> None:
        """Write the file checked last, all or nothing, with progress and cancel."""
        checked = self._checked
        if checked is None:
            return
        if self._current() != checked:
            self._checked = None
            self._update_buttons()
            Messages.error(self, translate(
                "ExcelDialog", "The file or the options changed after the check; press "
                               "“Check” again."))
            return
        excel = self._backend.services.excel
        what = translate("ExcelDialog", "Cannot import the file {name}").format(
            name=checked.path.name)

        def work(progress: ProgressFn, cancel: CancelToken) -> ImportReport:
            return _guarded(lambda: excel.apply(
                checked.kind, checked.path, update_existing=checked.update_existing,
                progress=progress, cancel=cancel), what)

        self._set_busy(True)
        (self._runner.task(work, self)
         .with_progress(translate("ExcelDialog", "Importing {name}…").format(
             name=checked.path.name))
         .success(self._applied)
         .failure(self._apply_refused)
         .cancelled(self._stopped)
         .run(writes=True))

    def _applied(self, report: ImportReport) -> None:
        self._checked = None  # imported: a second import needs a new check
        self._set_busy(False)
        self._show_report(report)
        if self._events is not None and report.applied:
            self._events.changed.emit("all")

    def _apply_refused(self, error: DomainError) -> None:
        self._checked = None
        self._check_refused(error)

    @Slot()
    def save_report(self) -> None:
        report = self.report
        if report is None:
            return
        suggested = self._folder() / f"bao-cao-nhap-{Path(report.file_name).stem}.xlsx"
        chosen = ExcelFiles.save_report(self, suggested)
        if chosen is None:
            return
        target = _with_suffix(chosen, (XLSX, ".txt"))
        self._remember(target)
        excel = self._backend.services.excel
        what = translate("ExcelDialog", "Cannot save the report {name}").format(
            name=target.name)
        self._set_busy(True)
        (self._runner.task(lambda _p, _c: _guarded(
            lambda: excel.save_report(report, target), what), self)
         .success(self._report_saved)
         .failure(lambda error: self._failed(error, self.summary_label))
         .run())

    def _report_saved(self, path: Path) -> None:
        self._set_busy(False)
        self.summary_label.setText(translate("ExcelDialog", "Report saved: {path}").format(
            path=path))

    # -- export -----------------------------------------------------------------------------------
    def _load_rounds(self) -> None:
        try:
            rounds = self._backend.services.rounds.list()
        except DomainError as exc:  # the combo stays at "all rounds"
            log.warning("Rounds not listed for the export: %s", exc)
            return
        for row in rounds:
            self.round_combo.addItem(f"{row.name} ({row.year})", row.id)

    @property
    def export_kind_key(self) -> str:
        return str(self.export_kind.currentData())

    @Slot()
    def _export_kind_changed(self, *_args: object) -> None:
        kind = self.export_kind_key
        rounds = kind in ROUND_KINDS
        form = self._export_form
        form.setRowVisible(1, kind not in NO_YEAR_KINDS)
        form.setRowVisible(2, not rounds)
        form.setRowVisible(3, rounds)

    def export_filter(self) -> ExportFilter:
        kind = self.export_kind_key
        year = self.year_combo.currentData() if kind not in NO_YEAR_KINDS else None
        unit_id = self.unit_picker.unit_id if kind not in ROUND_KINDS else None
        round_id = self.round_combo.currentData() if kind in ROUND_KINDS else None
        return ExportFilter(year=year if isinstance(year, int) else None, unit_id=unit_id,
                            include_subunits=self.subunits.isChecked(),
                            round_id=round_id if isinstance(round_id, int) else None)

    @Slot()
    def export(self) -> None:
        kind = self.export_kind_key
        if self.unit_picker.text().strip() and self.unit_picker.unit_id is None \
                and kind not in ROUND_KINDS:
            Messages.error(self, translate(
                "ExcelDialog", "Pick the unit from the list that appears as you type, or clear "
                               "the field to export every unit."))
            return
        suggested = self._folder() / f"{EXPORT_KINDS.get(kind, kind)}.xlsx"
        chosen = ExcelFiles.save_xlsx(self, translate("ExcelDialog", "Export to Excel"),
                                      suggested)
        if chosen is None:
            return
        target = _with_suffix(chosen)
        self._remember(target)
        flt = self.export_filter()
        excel = self._backend.services.excel
        what = translate("ExcelDialog", "Cannot write the file {name}").format(name=target.name)
        self._set_busy(True)
        self.export_label.clear()
        self.export_folder_button.setVisible(False)
        (self._runner.task(lambda _p, _c: _guarded(
            lambda: excel.export(kind, target, flt), what), self)
         .with_progress(translate("ExcelDialog", "Exporting to {name}…").format(
             name=target.name), cancellable=False)
         .success(self._exported_ok)
         .failure(lambda error: self._failed(error, self.export_label))
         .run())

    def _exported_ok(self, result: ExportResult) -> None:
        self._set_busy(False)
        self._exported = Path(result.path)
        self.export_label.setText(translate(
            "ExcelDialog", "Exported {count} rows of “{kind}” to:\n{path}").format(
                count=format_int(result.rows), kind=EXPORT_KINDS.get(result.kind, result.kind),
                path=result.path))
        self.export_folder_button.setVisible(True)

    @Slot()
    def _open_export_folder(self) -> None:
        if self._exported is not None:
            open_folder(self._exported.parent)

    # -- templates --------------------------------------------------------------------------------
    @Slot()
    def save_template(self) -> None:
        kind = str(self.template_kind.currentData())
        suggested = self._folder() / f"Mẫu nhập {IMPORT_KINDS.get(kind, kind).lower()}.xlsx"
        chosen = ExcelFiles.save_xlsx(self, translate("ExcelDialog", "Save the import template"),
                                      suggested)
        if chosen is None:
            return
        target = _with_suffix(chosen)
        self._remember(target)
        excel = self._backend.services.excel
        what = translate("ExcelDialog", "Cannot write the file {name}").format(name=target.name)
        self._set_busy(True)
        self.template_label.clear()
        (self._runner.task(lambda _p, _c: _guarded(lambda: excel.template(kind, target), what),
                           self)
         .success(lambda path: self._template_saved(kind, path))
         .failure(lambda error: self._failed(error, self.template_label))
         .run())

    def _template_saved(self, kind: str, path: Path) -> None:
        self._set_busy(False)
        self.template_label.setText(translate(
            "ExcelDialog", "Template for “{kind}” written to:\n{path}").format(
                kind=IMPORT_KINDS.get(kind, kind), path=path))
