"""Danh mục khen thưởng: titles and forms with coefficients, legal basis and validity, editable
(the province's rules change), with one-click return to the shipped values; base salaries."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.api.catalog import AWARD_KIND_FIELDS, AwardKindRow
from desktop.api.money import format_money
from desktop.domain.errors import DomainError, FieldProblem
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.formatting import format_date
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE
from desktop.views.messages import Messages
from desktop.views.pages.base import Page, PageContext, page_title
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import offer_reload, own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


def coefficient_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}".replace(".", ",")


class AwardKindDialog(QDialog):
    """Edit one catalog entry; the service's Vietnamese reasons appear beside the fields."""

    COEFFICIENTS = ("coef_individual", "coef_collective", "coef_household")

    def __init__(self, services: Services, row: AwardKindRow, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{row.name} ({row.code})")
        self.setMinimumWidth(640)
        self._services, self._row = services, row
        self._runner = runner or own_runner(self)
        self.saved: AwardKindRow | None = None
        self.saving = False
        self.form = ValidatedForm(self)
        self.fields: dict[str, QLineEdit] = {}
        labels = [("name", translate("CatalogPage", "Name")),
                  ("short_name", translate("CatalogPage", "Short name")),
                  ("issuer", translate("CatalogPage", "Competent authority")),
                  ("coef_individual", translate("CatalogPage", "Coefficient, individual")),
                  ("coef_collective", translate("CatalogPage", "Coefficient, collective")),
                  ("coef_household", translate("CatalogPage", "Coefficient, household")),
                  ("legal_basis", translate("CatalogPage", "Legal basis")),
                  ("legal_article", translate("CatalogPage", "Article")),
                  ("note", translate("CatalogPage", "Note"))]
        for field, label in labels:
            edit = QLineEdit(self)
            self.fields[field] = edit
            self.form.add_row(field, label, edit)
        self._load(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)

    def _load(self, row: AwardKindRow) -> None:
        for field, edit in self.fields.items():
            value = getattr(row, field)
            edit.setText(coefficient_text(value) if field in self.COEFFICIENTS
                         else str(value or ""))

    def reload(self, row: AwardKindRow) -> None:
        """The form again, with ``row`` as it is stored now (what was typed is dropped)."""
        self._row = row
        self.form.clear()
        self._load(row)

    def _refused(self, error: DomainError) -> None:
        loaded = self._row
        if not offer_reload(self, error, loaded,
                            lambda: self._services.catalog.award_kind(loaded.code),
                            AWARD_KIND_FIELDS, self.reload):
            self.form.show_error(error)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, row: AwardKindRow, *,
            runner: TaskRunner | None = None) -> AwardKindRow | None:
        dialog = cls(services, row, parent, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    def save(self) -> None:
        if self.saving:
            return
        coefficients: dict[str, Decimal | None] = {}
        texts: dict[str, str] = {}
        problems: list[FieldProblem] = []
        for field, edit in self.fields.items():
            text = edit.text().strip()
            if field in self.COEFFICIENTS:
                try:
                    coefficients[field] = Decimal(text.replace(",", ".")) if text else None
                except InvalidOperation:
                    problems.append(FieldProblem(field, field, translate(
                        "CatalogPage", "not a number (write e.g. 1,5)")))
            else:
                texts[field] = text
        if problems:
            self.form.show_problems(problems)
            return
        changed = replace(
            self._row, name=texts["name"], short_name=texts["short_name"], issuer=texts["issuer"],
            coef_individual=coefficients["coef_individual"],
            coef_collective=coefficients["coef_collective"],
            coef_household=coefficients["coef_household"], legal_basis=texts["legal_basis"],
            legal_article=texts["legal_article"], note=texts["note"])
        catalog, row_id, version = self._services.catalog, self._row.id, self._row.version
        self.saving = True
        run_write(self._runner, self,
                  lambda: catalog.update_award_kind(row_id, changed, expected_version=version),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.buttons,))

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, row: AwardKindRow) -> None:
        self.saved = row
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()


class CatalogPage(Page):
    watches = ("catalog",)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RecordTableModel[AwardKindRow] = RecordTableModel([
            Column(translate("CatalogPage", "Code"), lambda r: r.code),
            Column(translate("CatalogPage", "Name"), lambda r: r.name, tooltip=lambda r: r.name),
            Column(translate("CatalogPage", "Kind"), lambda r: r.category.label),
            Column(translate("CatalogPage", "Individual"),
                   lambda r: coefficient_text(r.coef_individual), align_right=True),
            Column(translate("CatalogPage", "Collective"),
                   lambda r: coefficient_text(r.coef_collective), align_right=True),
            Column(translate("CatalogPage", "Household"),
                   lambda r: coefficient_text(r.coef_household), align_right=True),
            Column(translate("CatalogPage", "Legal basis"),
                   lambda r: f"{r.legal_basis}; {r.legal_article}".strip("; "),
                   tooltip=lambda r: "\n".join(part for part in (
                       f"{r.legal_basis}; {r.legal_article}".strip("; "), r.note) if part)),
            Column(translate("CatalogPage", "Valid"), lambda r: " – ".join(
                (format_date(r.valid_from) or "…", format_date(r.valid_to) or "…"))),
        ], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # Codes, kinds, coefficients and dates as wide as they are; the name and the legal
        # basis share the rest (the basis is whole in its tooltip).
        for column in (0, 2, 3, 4, 5, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.edit_button = QPushButton(translate("CatalogPage", "Edit…"), self)
        self.reset_button = QPushButton(translate("CatalogPage", "Restore shipped values"), self)
        self.salaries = QLabel(self)
        self.salaries.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("Pages", "Award catalog")))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.salaries)
        self.edit_button.clicked.connect(self.edit_current)
        self.reset_button.clicked.connect(self.reset_current)
        self.table.doubleClicked.connect(lambda *_: self.edit_current())
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.catalog.award_kinds())
        lines = [f"{format_date(s.effective_from)}: {format_money(s.amount)} đ ({s.legal_basis})"
                 for s in self.services.catalog.base_salaries()]
        self.salaries.setText(translate("CatalogPage", "Base salary by effective date:") + " "
                              + "; ".join(lines))

    def current(self) -> AwardKindRow | None:
        index = self.table.currentIndex()
        row = self.proxy.data(index, OBJECT_ROLE) if index.isValid() else None
        return row if isinstance(row, AwardKindRow) else None

    @Slot()
    def edit_current(self) -> None:
        row = self.current()
        if row is not None and AwardKindDialog.ask(self, self.services, row,
                                                   runner=self.ctx.runner) is not None:
            self.reload()

    @Slot()
    def reset_current(self) -> None:
        row = self.current()
        if row is None:
            return
        catalog = self.services.catalog
        run_write(self.ctx.runner, self, lambda: catalog.reset_award_kind(row.id),
                  saved=lambda _row: self.reload(), refused=self._refused,
                  controls=(self.reset_button, self.edit_button))

    def _refused(self, exc: DomainError) -> None:
        Messages.error(self, str(exc))
        self.reload()


def create_page(ctx: PageContext) -> Page:
    return CatalogPage(ctx)
