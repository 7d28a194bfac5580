"""Cài đặt: where the files are, the province's parameters and the base salary table
(read-only in this version; the province sets them under Decree 152/2025)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
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
from desktop.i18n import translate
from desktop.views.formatting import format_date, format_int, format_value
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.messages import open_folder
from desktop.views.pages.base import Page, PageContext, page_title


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

    def reload(self) -> None:
        catalog = self.services.catalog
        self.parameters_model.set_rows(catalog.parameters())
        self.salaries_model.set_rows(catalog.base_salaries())


def create_page(ctx: PageContext) -> SettingsPage:
    return SettingsPage(ctx)
