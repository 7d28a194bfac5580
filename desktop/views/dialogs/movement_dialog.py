"""Forms of the "Phong trào thi đua" page: a movement with its directive (number, date,
issuer, theme, period) and one line of the targets appendix (indicator, unit of measure,
planned value, direction). Refusals appear under the field that is wrong; saves run in the
background."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.api.movements import (
    DIRECTION_SYMBOL,
    MovementInput,
    MovementRow,
    TargetInput,
    TargetRow,
    format_figure,
    parse_figure,
)
from desktop.domain.enums import MovementKind, TargetDirection
from desktop.domain.errors import DomainError, ValidationError
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.enum_combo import add_enum_items, enum_data
from desktop.views.widgets.form import ValidatedForm
from desktop.views.writes import own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None, runner: TaskRunner | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self._runner = runner or own_runner(self)
        self.saving = False
        self.saved: object = None
        self.form = ValidatedForm(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("MovementDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("MovementDialog", "Cancel"), self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    def finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.buttons)

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def save(self) -> None:
        if self.saving:
            return
        self.form.clear()
        try:
            work = self.work()
        except ValidationError as error:
            self.form.show_error(error)
            return
        self.saving = True
        run_write(self._runner, self, work, saved=self._on_saved, refused=self._refused,
                  settled=self._settled, controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        self.form.show_error(error)
        self.adjustSize()

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, row: object) -> None:
        self.saved = row
        self.accept()

    def reject(self) -> None:
        if not self.saving:
            super().reject()


class MovementDialog(_FormDialog):
    """Add (``row`` None) or edit a movement's directive fields; the appendix is edited on
    the page, line by line."""

    def __init__(self, services: Services, row: MovementRow | None,
                 parent: QWidget | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(translate("MovementDialog", "Edit movement") if row else
                         translate("MovementDialog", "New movement"), parent, runner)
        self._services, self._row = services, row
        self.name_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        add_enum_items(self.kind_combo, MovementKind)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(1990, date.today().year + 5)
        self.year_spin.setMaximumWidth(120)
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText("05/CT-UBND")
        self.date_edit = OptionalDateEdit(self, unknown_text=translate("MovementDialog",
                                                                       "Not set"))
        self.issuer_edit = QLineEdit(self)
        self.issuer_edit.setPlaceholderText(translate("MovementDialog",
                                                      "e.g. Provincial People's Committee"))
        self.theme_edit = QPlainTextEdit(self)
        self.theme_edit.setMaximumHeight(70)
        self.start_edit = OptionalDateEdit(self, unknown_text=translate("MovementDialog",
                                                                        "Not set"))
        self.end_edit = OptionalDateEdit(self, unknown_text=translate("MovementDialog",
                                                                      "Not set"))
        f = self.form
        f.add_row("name", translate("MovementDialog", "Movement name *"), self.name_edit)
        f.add_row("kind", translate("MovementDialog", "Kind"), self.kind_combo)
        f.add_row("year", translate("MovementDialog", "Year"), self.year_spin)
        f.add_row("directive_number", translate("MovementDialog", "Directive number"),
                  self.number_edit)
        f.add_row("directive_date", translate("MovementDialog", "Directive date"),
                  self.date_edit)
        f.add_row("issuer", translate("MovementDialog", "Issued by"), self.issuer_edit)
        f.add_row("theme", translate("MovementDialog", "Theme"), self.theme_edit)
        f.add_row("period_start", translate("MovementDialog", "From"), self.start_edit)
        f.add_row("period_end", translate("MovementDialog", "To"), self.end_edit)
        self.finish_layout()
        if row is not None:
            self.name_edit.setText(row.name)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(row.kind.value)))
            self.year_spin.setValue(row.year)
            self.number_edit.setText(row.directive_number)
            self.date_edit.set_date(row.directive_date)
            self.issuer_edit.setText(row.issuer)
            self.theme_edit.setPlainText(row.theme)
            self.start_edit.set_date(row.period_start)
            self.end_edit.set_date(row.period_end)
        else:
            self.year_spin.setValue(date.today().year)
        self.name_edit.setFocus()

    def input(self) -> MovementInput:
        r = self._row
        return MovementInput(
            self.name_edit.text(), enum_data(self.kind_combo, MovementKind) or "",
            self.year_spin.value(), self.number_edit.text().strip(), self.date_edit.date(),
            self.issuer_edit.text(), self.theme_edit.toPlainText(), self.start_edit.date(),
            self.end_edit.date(), r.organiser_unit_id if r else None,
            r.head_target_rule if r else None, targets=None if r else [])

    def work(self) -> Callable[[], object]:
        data, movements, row = self.input(), self._services.movements, self._row
        if row is None:
            return lambda: movements.create(data)
        return lambda: movements.update(row.id, data, expected_version=row.version)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, row: MovementRow | None,
            runner: TaskRunner | None = None) -> MovementRow | None:
        dialog = cls(services, row, parent, runner=runner)
        saved = dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        return saved if isinstance(saved, MovementRow) else None


def direction_text(direction: TargetDirection) -> str:
    return f"{DIRECTION_SYMBOL[direction]}  {direction.label}"


class TargetDialog(_FormDialog):
    """Add or edit one line of a movement's appendix."""

    def __init__(self, services: Services, movement_id: int, row: TargetRow | None,
                 parent: QWidget | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(translate("MovementDialog", "Edit target") if row else
                         translate("MovementDialog", "New target"), parent, runner)
        self._services, self._movement_id, self._row = services, movement_id, row
        self.indicator_edit = QLineEdit(self)
        self.measure_edit = QLineEdit(self)
        self.measure_edit.setPlaceholderText("%, tỷ đồng, km, ha…")
        self.direction_combo = QComboBox(self)
        for direction in TargetDirection:
            self.direction_combo.addItem(direction_text(direction), direction.value)
        self.planned_edit = QLineEdit(self)
        self.planned_edit.setPlaceholderText("7,7")
        self.note_edit = QLineEdit(self)
        f = self.form
        f.add_row("target.indicator", translate("MovementDialog", "Indicator *"),
                  self.indicator_edit)
        f.add_row("target.measure_unit", translate("MovementDialog", "Unit of measure"),
                  self.measure_edit)
        f.add_row("target.direction", translate("MovementDialog", "Direction"),
                  self.direction_combo)
        f.add_row("target.planned_value", translate("MovementDialog", "Planned value"),
                  self.planned_edit)
        f.add_row("target.note", translate("MovementDialog", "Note"), self.note_edit)
        self.finish_layout()
        if row is not None:
            self.indicator_edit.setText(row.indicator)
            self.measure_edit.setText(row.measure_unit)
            self.direction_combo.setCurrentIndex(self.direction_combo.findData(
                row.direction.value))
            self.planned_edit.setText(format_figure(row.planned_value, row.direction))
            self.note_edit.setText(row.note)
        self.indicator_edit.setFocus()

    def input(self) -> TargetInput:
        direction = TargetDirection(self.direction_combo.currentData())
        try:
            planned = parse_figure(self.planned_edit.text(), direction, self.measure_edit.text())
        except ValueError as exc:
            raise ValidationError.single("target.planned_value", translate(
                "MovementDialog", "Planned value"), str(exc)) from None
        return TargetInput(self.indicator_edit.text(), self.measure_edit.text(), planned,
                           direction, self.note_edit.text())

    def work(self) -> Callable[[], object]:
        data, appendix, row, mid = (self.input(), self._services.movements.appendix, self._row,
                                    self._movement_id)
        if row is None:
            return lambda: appendix.add(mid, data)
        return lambda: appendix.update(row.id, data, expected_version=row.version)

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services, movement_id: int,
            row: TargetRow | None, runner: TaskRunner | None = None) -> TargetRow | None:
        dialog = cls(services, movement_id, row, parent, runner=runner)
        saved = dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        return saved if isinstance(saved, TargetRow) else None
