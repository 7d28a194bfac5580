"""Add or edit one node of a bloc's criteria table: a group, a criterion or a sub-criterion,
with its kind (scored, target-based, bonus, penalty), points, cap and target formula. The
service checks the node (its parent, kind and points); the table as a whole is checked on the
page, since a table is inconsistent while it is being built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import (
    CRITERION_FIELDS,
    CriterionInput,
    CriterionRow,
    fmt_points,
    format_tiers,
    parse_tiers,
)
from desktop.domain.enums import CriterionKind, TargetDirection, TargetFormula
from desktop.domain.errors import DomainError, FieldProblem
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import offer_reload, own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


class CriterionDialog(QDialog):
    """``saved`` holds the CriterionRow after a successful save."""

    def __init__(self, parent: QWidget | None, services: Services, bloc_id: int, *,
                 criterion: CriterionRow | None = None, parent_code: str = "", code: str = "",
                 kind: CriterionKind = CriterionKind.MANUAL, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner or own_runner(self)
        self.saving = False
        self._bloc_id = bloc_id
        self._criterion = criterion
        self.saved: CriterionRow | None = None
        self.setWindowTitle(translate("CriterionDialog", "Edit criterion") if criterion
                            else translate("CriterionDialog", "Add criterion"))
        self.setMinimumWidth(640)
        self.form = ValidatedForm(self)
        self.code_edit = QLineEdit(code, self)
        self.code_edit.setMaximumWidth(160)
        self.name_edit = QLineEdit(self)
        self.parent_combo = QComboBox(self)
        self.parent_combo.addItem(translate("CriterionDialog", "— none (a top group) —"), "")
        table = services.blocs.criteria.table(bloc_id)
        own = criterion.code if criterion is not None else None
        for row in table.rows:
            if row.kind is not CriterionKind.TARGET and row.code != own:
                self.parent_combo.addItem(f"{'   ' * row.depth}{row.code} — {row.name}", row.code)
        self.kind_combo = QComboBox(self)
        for item in CriterionKind:
            self.kind_combo.addItem(item.label, item)
        self.max_edit = QLineEdit(self)
        self.max_edit.setMaximumWidth(120)
        self.cap_edit = QLineEdit(self)
        self.cap_edit.setMaximumWidth(120)
        self.cap_edit.setPlaceholderText(translate("CriterionDialog", "none"))
        self.indicator_edit = QLineEdit(self)
        self.formula_combo = QComboBox(self)
        for formula in TargetFormula:
            self.formula_combo.addItem(formula.label, formula)
        self.direction_combo = QComboBox(self)
        for direction in TargetDirection:
            self.direction_combo.addItem(direction.label, direction)
        self.tiers_edit = QLineEdit(self)
        self.tiers_edit.setPlaceholderText(translate("CriterionDialog",
                                                     "e.g. 100:10; 90:8; 80:5 (percent:points)"))
        self.basis_edit = QLineEdit(self)
        self.evidence_check = QCheckBox(translate("CriterionDialog", "Evidence required"), self)
        f = self.form
        f.add_row("code", translate("CriterionDialog", "Code *"), self.code_edit)
        f.add_row("name", translate("CriterionDialog", "Name *"), self.name_edit)
        f.add_row("parent_code", translate("CriterionDialog", "Belongs to"), self.parent_combo)
        f.add_row("kind", translate("CriterionDialog", "Kind"), self.kind_combo)
        f.add_row("max_points", translate("CriterionDialog", "Maximum points *"), self.max_edit)
        f.add_row("cap", translate("CriterionDialog", "Cap"), self.cap_edit)
        self.target_rows = [
            f.add_row("indicator", translate("CriterionDialog", "Target indicator"),
                      self.indicator_edit),
            f.add_row("formula", translate("CriterionDialog", "Formula"), self.formula_combo),
            f.add_row("direction", translate("CriterionDialog", "Direction"),
                      self.direction_combo),
            f.add_row("tiers", translate("CriterionDialog", "Tiers"), self.tiers_edit)]
        f.add_row("basis", translate("CriterionDialog", "Source basis"), self.basis_edit)
        f.add_plain_row("", self.evidence_check)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("CriterionDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("CriterionDialog", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(lambda *_: self._show_target_rows())
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(parent_code)))
        if criterion is not None:
            self._load(criterion)
        self._show_target_rows()
        (self.name_edit if code else self.code_edit).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, bloc_id: int, *,
            criterion: CriterionRow | None = None, parent_code: str = "", code: str = "",
            kind: CriterionKind = CriterionKind.MANUAL,
            runner: TaskRunner | None = None) -> CriterionRow | None:
        dialog = cls(parent, services, bloc_id, criterion=criterion, parent_code=parent_code,
                     code=code, kind=kind, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _load(self, c: CriterionRow) -> None:
        self.code_edit.setText(c.code)
        self.name_edit.setText(c.name)
        self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(c.parent_code)))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(c.kind))
        self.max_edit.setText(fmt_points(c.max_points))
        self.cap_edit.setText(fmt_points(c.cap))
        self.indicator_edit.setText(c.indicator)
        if c.formula is not None:
            self.formula_combo.setCurrentIndex(self.formula_combo.findData(c.formula))
        self.direction_combo.setCurrentIndex(self.direction_combo.findData(c.direction))
        self.tiers_edit.setText(format_tiers(c.tiers))
        self.basis_edit.setText(c.basis)
        self.evidence_check.setChecked(c.evidence_required)

    def _show_target_rows(self) -> None:
        target = self.kind_combo.currentData() is CriterionKind.TARGET
        for row in self.target_rows:
            row.setVisible(target)
            label = self.form.layout.labelForField(row)
            if label is not None:
                label.setVisible(target)

    def input(self) -> CriterionInput:
        """Raises ValueError (Vietnamese) when the tiers cannot be read."""
        kind = self.kind_combo.currentData()
        target = kind is CriterionKind.TARGET
        tiers = parse_tiers(self.tiers_edit.text()) if target else ()
        return CriterionInput(
            self.code_edit.text(), self.name_edit.text(), self.max_edit.text().strip(), kind,
            self.parent_combo.currentData() or "", self.cap_edit.text().strip() or None,
            self.formula_combo.currentData() if target else None,
            self.direction_combo.currentData(), tiers, self.indicator_edit.text(),
            self.basis_edit.text(), self.evidence_check.isChecked(),
            self._criterion.position if self._criterion is not None else None)

    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        try:
            data = self.input()
        except ValueError as exc:
            self.form.show_problems([FieldProblem(
                "tiers", translate("CriterionDialog", "Tiers"), str(exc))])
            return
        criteria, bloc_id = self._services.blocs.criteria, self._bloc_id
        loaded = self._criterion  # its version: a save over someone else's is refused
        self.saving = True
        run_write(self._runner, self,
                  lambda: criteria.update(loaded.id, data, expected_version=loaded.version)
                  if loaded is not None else criteria.add(bloc_id, data),
                  saved=self._on_saved, refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        loaded = self._criterion
        if loaded is None or not offer_reload(
                self, error, loaded, lambda: self._services.blocs.criteria.get(loaded.id),
                CRITERION_FIELDS, self.reload):
            self.form.show_error(error)

    def reload(self, criterion: CriterionRow) -> None:
        """The form again, with ``criterion`` as it is stored now (what was typed is dropped)."""
        self._criterion = criterion
        self.form.clear()
        self._load(criterion)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, criterion: CriterionRow) -> None:
        self.saved = criterion
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()
