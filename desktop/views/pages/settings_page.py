"""Cài đặt: who uses this installation (the self-declared officer name recorded as the actor
of status changes), where the files are, the province's parameters and the base salary table
(read-only in this version; the province sets them under Decree 152/2025)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.catalog import BaseSalaryRow, ParameterRow
from desktop.api.installation import OFFICER_NAME_MAX, InstallationInfo
from desktop.i18n import translate
from desktop.views.formatting import format_date, format_int, format_value
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.messages import open_folder
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import run_write


def _table(parent: QWidget, model: QAbstractItemModel, widths: tuple[int, ...], stretch: int,
           height: int) -> QTableView:
    """Fixed widths for the short columns, the long one stretches and wraps (no sideways
    scrolling for long Vietnamese labels)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.setStyleSheet("QTableView::item { padding: 4px 3px; }")
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Wrapped rows grow again when a column narrows (the window shrank or the officer dragged);
    # otherwise the last line of a long value is cut.
    header.sectionResized.connect(lambda *_: view.resizeRowsToContents())
    view.setMinimumHeight(height)
    return view


class SettingsPage(Page):
    watches = ()

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        paths = ctx.backend.paths
        officer_box = self._officer_box()
        folders = QGroupBox(translate("SettingsPage", "Files and folders"), self)
        grid = QGridLayout(folders)
        self.path_fields: dict[str, QLineEdit] = {}
        db_path = ctx.backend.database_path
        rows: list[tuple[str, str, Path | None]] = [
            ("database", translate("SettingsPage", "Database file"), db_path),
            ("data", translate("SettingsPage", "Data folder"), paths.data),
            ("backups", translate("SettingsPage", "Backups"), paths.backups),
            ("logs", translate("SettingsPage", "Logs"), paths.logs),
            ("templates", translate("SettingsPage", "Document templates"), paths.templates),
        ]
        for row, (key, label, path) in enumerate(rows):
            field = QLineEdit(str(path or ""), folders)
            field.setReadOnly(True)
            field.setMinimumWidth(360)
            self.path_fields[key] = field
            grid.addWidget(QLabel(label, folders), row, 0)
            grid.addWidget(field, row, 1)
            if path is not None:
                button = QPushButton(translate("SettingsPage", "Open"), folders)
                folder = path.parent if key == "database" else path
                button.clicked.connect(lambda _checked=False, f=folder: open_folder(f))
                grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)

        self.parameters_model: RecordTableModel[ParameterRow] = RecordTableModel([
            Column(translate("SettingsPage", "Parameter"), lambda p: p.label,
                   tooltip=lambda p: p.description),
            Column(translate("SettingsPage", "Value"), lambda p: format_value(p.value)),
            Column(translate("SettingsPage", "Source"), lambda p: p.source),
        ], self)
        self.salaries_model: RecordTableModel[BaseSalaryRow] = RecordTableModel([
            Column(translate("SettingsPage", "Applies from"),
                   lambda s: format_date(s.effective_from), sort=lambda s: s.effective_from),
            Column(translate("SettingsPage", "Amount (VND/month)"),
                   lambda s: format_int(s.amount), align_right=True),
            Column(translate("SettingsPage", "Legal basis"), lambda s: s.legal_basis),
        ], self)
        parameters_box = QGroupBox(translate("SettingsPage", "Province parameters"), self)
        QVBoxLayout(parameters_box).addWidget(
            _table(parameters_box, self.parameters_model, (380, 300, 260), 1, 340))
        salaries_box = QGroupBox(translate("SettingsPage", "Base salary"), self)
        QVBoxLayout(salaries_box).addWidget(
            _table(salaries_box, self.salaries_model, (120, 190, 300), 2, 170))
        note = QLabel(translate(
            "SettingsPage", "These values are read-only in this version. They come from the "
            "law in force and the province's regulations."), self)
        note.setWordWrap(True)

        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addWidget(page_title(translate("SettingsPage", "Settings")))
        inner.addWidget(officer_box)
        inner.addWidget(folders)
        inner.addWidget(parameters_box)
        inner.addWidget(salaries_box)
        inner.addWidget(note)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)
        self.reload()

    # -- the officer using this installation ---------------------------------------------------
    def _officer_box(self) -> QGroupBox:
        box = QGroupBox(translate("SettingsPage", "Officer using this installation"), self)
        self.officer_form = ValidatedForm(box)
        self.officer_edit = QLineEdit(box)
        self.officer_edit.setMaxLength(OFFICER_NAME_MAX)
        self.officer_edit.setPlaceholderText(translate("SettingsPage", "e.g. Nguyễn Văn An"))
        self.officer_save = QPushButton(translate("SettingsPage", "Save name"), box)
        self.officer_save.clicked.connect(self.save_officer)
        self.officer_edit.returnPressed.connect(self.save_officer)
        row = QWidget(box)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.officer_edit, 1)
        line.addWidget(self.officer_save)
        self.officer_form.add_row("officer_name", translate("SettingsPage", "Full name"), row)
        self.actor_label = QLabel(box)
        self.actor_label.setWordWrap(True)
        note = QLabel(translate(
            "SettingsPage", "Every status change of a nomination or a score sheet records this "
            "name as who made it. It is self-declared: the program does not verify it, and the "
            "histories say so."), box)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(box)
        layout.addWidget(self.officer_form.summary)
        layout.addLayout(self.officer_form.layout)
        layout.addWidget(self.actor_label)
        layout.addWidget(note)
        self._show_officer(self.ctx.backend.installation)
        return box

    def _show_officer(self, info: InstallationInfo | None) -> None:
        self.officer_edit.setText(info.officer_name if info else "")
        self.actor_label.setText(translate("SettingsPage", "Recorded as: {name}").format(
            name=info.actor_name if info else "—"))

    @Slot()
    def save_officer(self) -> None:
        self.officer_form.clear()
        setup = self.services.setup
        name = self.officer_edit.text()
        run_write(self.ctx.runner, self, lambda: setup.set_officer_name(name),
                  saved=self._officer_saved, refused=self.officer_form.show_error,
                  controls=(self.officer_save, self.officer_edit))

    def _officer_saved(self, info: InstallationInfo) -> None:
        self._show_officer(info)
        self.ctx.host.notify(translate("SettingsPage", "Officer name saved."))

    def reload(self) -> None:
        self._show_officer(self.ctx.backend.installation)
        catalog = self.services.catalog
        self.parameters_model.set_rows(catalog.parameters())
        self.salaries_model.set_rows(catalog.base_salaries())


def create_page(ctx: PageContext) -> SettingsPage:
    return SettingsPage(ctx)
