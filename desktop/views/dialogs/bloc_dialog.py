"""Add or edit an emulation bloc (khối, cụm thi đua) with its members, head and deputy, and
pledge. The service validates; its Vietnamese problems appear next to the fields and the
dialog stays open with what was typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.api.blocs import (
    BLOC_FIELDS,
    DEFAULT_TIE_RULES,
    TIE_RULES,
    BlocInput,
    BlocRow,
    MemberInput,
    fmt_points,
    tie_rule_label,
)
from desktop.domain.enums import BlocKind
from desktop.domain.errors import DomainError, FieldProblem
from desktop.i18n import translate
from desktop.tasks import TaskRunner
from desktop.views.widgets.date_edit import OptionalDateEdit
from desktop.views.widgets.form import ValidatedForm
from desktop.views.widgets.unit_picker import UnitPicker, unit_label
from desktop.views.writes import offer_reload, own_runner, run_write

if TYPE_CHECKING:
    from desktop.services import Services

UNIT_ROLE = int(Qt.ItemDataRole.UserRole) + 10


class BlocDialog(QDialog):
    """``saved`` holds the BlocRow after a successful save (members included)."""

    def __init__(self, parent: QWidget | None, services: Services, *,
                 bloc: BlocRow | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner or own_runner(self)
        self.saving = False
        self._bloc = bloc
        self.saved: BlocRow | None = None
        self.setWindowTitle(translate("BlocDialog", "Edit bloc") if bloc is not None
                            else translate("BlocDialog", "New bloc"))
        self.setMinimumWidth(700)
        self.form = ValidatedForm(self)
        self.name_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        for kind in BlocKind:
            self.kind_combo.addItem(kind.label, kind)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, date.today().year + 2)
        self.year_spin.setValue(date.today().year)
        self.organiser = UnitPicker(services.units.search, self)
        self.member_picker = UnitPicker(services.units.search, self, placeholder=translate(
            "BlocDialog", "Type a member unit's name or code…"))
        self.add_member_button = QPushButton(translate("BlocDialog", "Add member"), self)
        self.remove_member_button = QPushButton(translate("BlocDialog", "Remove"), self)
        self.member_list = QListWidget(self)
        self.member_list.setMinimumHeight(110)
        self.head_combo = QComboBox(self)
        self.deputy_combo = QComboBox(self)
        self.pledge_date = OptionalDateEdit(self, unknown_text=translate("BlocDialog", "Not signed"),
                                            default=date.today())
        self.pledge_note = QLineEdit(self)
        self.total_edit = QLineEdit("100", self)
        self.total_edit.setMaximumWidth(120)
        self.flag_spin = QSpinBox(self)
        self.flag_spin.setRange(0, 50)
        self.flag_spin.setValue(1)
        self.merit_spin = QSpinBox(self)
        self.merit_spin.setRange(0, 50)
        self.merit_spin.setValue(2)
        self.tie_list = QListWidget(self)
        self.tie_list.setMaximumHeight(100)
        self.note_edit = QLineEdit(self)

        members = QWidget(self)
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 0, 0, 0)
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.member_picker, 1)
        picker_row.addWidget(self.add_member_button)
        picker_row.addWidget(self.remove_member_button)
        members_layout.addLayout(picker_row)
        members_layout.addWidget(self.member_list)
        counts = QWidget(self)
        counts_layout = QHBoxLayout(counts)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        counts_layout.addWidget(self.flag_spin)
        counts_layout.addWidget(self.merit_spin)
        counts_layout.addStretch(1)
        f = self.form
        f.add_row("name", translate("BlocDialog", "Name *"), self.name_edit)
        f.add_row("kind", translate("BlocDialog", "Kind"), self.kind_combo)
        f.add_row("year", translate("BlocDialog", "Year"), self.year_spin)
        f.add_row("organiser_unit_id", translate("BlocDialog", "Organising office"),
                  self.organiser)
        f.add_row("members", translate("BlocDialog", "Member units"), members)
        f.add_row("head_unit_id", translate("BlocDialog", "Head of bloc"), self.head_combo)
        f.add_row("deputy_unit_id", translate("BlocDialog", "Deputy head"), self.deputy_combo)
        f.add_row("pledge_date", translate("BlocDialog", "Pledge signed on"), self.pledge_date)
        f.add_row("pledge_note", translate("BlocDialog", "Pledge note"), self.pledge_note)
        f.add_row("total_points", translate("BlocDialog", "Total points"), self.total_edit)
        f.add_row("flag_count", translate("BlocDialog", "Proposed: flags / certificates"), counts)
        f.add_row("tie_rules", translate("BlocDialog", "Tie-break rules (after ≥70% women)"),
                  self.tie_list)
        f.add_row("note", translate("BlocDialog", "Note"), self.note_edit)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(translate("BlocDialog", "Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(translate("BlocDialog", "Cancel"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.summary)
        layout.addLayout(self.form.layout)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self._original_members: set[int] = set()
        self._load_tie_rules(bloc.tie_rules if bloc is not None else DEFAULT_TIE_RULES)
        if bloc is not None:
            self._load(bloc)
        self._refresh_leaders()
        self.name_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, services: Services,
            bloc: BlocRow | None = None, *, runner: TaskRunner | None = None) -> BlocRow | None:
        dialog = cls(parent, services, bloc=bloc, runner=runner)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

    # -- loading -----------------------------------------------------------------------------
    def _load(self, bloc: BlocRow) -> None:
        self.name_edit.setText(bloc.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(bloc.kind)))
        self.year_spin.setValue(bloc.year)
        if bloc.organiser_unit_id is not None:
            self.organiser.set_unit(self._services.units.get(bloc.organiser_unit_id))
        for member in self._services.blocs.members(bloc.id):
            self._add_item(member.unit_id, f"{member.unit_name} ({member.unit_code})"
                           if member.unit_code else member.unit_name)
            self._original_members.add(member.unit_id)
        self.pledge_date.set_date(bloc.pledge_date)
        self.pledge_note.setText(bloc.pledge_note)
        self.total_edit.setText(fmt_points(bloc.total_points))
        self.flag_spin.setValue(bloc.flag_count)
        self.merit_spin.setValue(bloc.merit_count)
        self.note_edit.setText(bloc.note)
        self._refresh_leaders(bloc.head_unit_id, bloc.deputy_unit_id)

    def _load_tie_rules(self, chosen: tuple[str, ...]) -> None:
        codes = list(chosen) + [code for code in TIE_RULES if code not in chosen]
        for code in codes:
            item = QListWidgetItem(tie_rule_label(code), self.tie_list)
            item.setData(UNIT_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen
                               else Qt.CheckState.Unchecked)

    def _add_item(self, unit_id: int, text: str) -> None:
        item = QListWidgetItem(text, self.member_list)
        item.setData(UNIT_ROLE, unit_id)

    def member_ids(self) -> list[int]:
        return [int(self.member_list.item(i).data(UNIT_ROLE))
                for i in range(self.member_list.count())]

    def _refresh_leaders(self, head: int | None = None, deputy: int | None = None) -> None:
        """Head and deputy are chosen among the members (rotating yearly)."""
        for combo, keep in ((self.head_combo, head), (self.deputy_combo, deputy)):
            current = keep if keep is not None else combo.currentData()
            combo.clear()
            combo.addItem(translate("BlocDialog", "— not chosen —"), None)
            for i in range(self.member_list.count()):
                item = self.member_list.item(i)
                combo.addItem(item.text(), int(item.data(UNIT_ROLE)))
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

    # -- members -----------------------------------------------------------------------------
    @Slot()
    def add_member(self) -> None:
        self.member_picker.resolve_typed_text()
        unit = self.member_picker.unit
        if unit is None:
            self.form.show_problems([FieldProblem(
                "members", translate("BlocDialog", "Member units"),
                translate("BlocDialog", "pick a unit from the list that appears as you type"))])
            return
        if int(unit.id) not in self.member_ids():
            self._add_item(int(unit.id), unit_label(unit))
            self._refresh_leaders()
        self.member_picker.clear_unit()

    @Slot()
    def remove_member(self) -> None:
        for item in self.member_list.selectedItems():
            self.member_list.takeItem(self.member_list.row(item))
        self._refresh_leaders()

    # -- saving ------------------------------------------------------------------------------
    def input(self) -> BlocInput:
        self.organiser.resolve_typed_text()
        rules = tuple(str(self.tie_list.item(i).data(UNIT_ROLE))
                      for i in range(self.tie_list.count())
                      if self.tie_list.item(i).checkState() == Qt.CheckState.Checked)
        return BlocInput(self.name_edit.text(), self.kind_combo.currentData(),
                         self.year_spin.value(), self.organiser.unit_id,
                         self.head_combo.currentData(), self.deputy_combo.currentData(),
                         self.pledge_date.date(), self.pledge_note.text(),
                         self.total_edit.text().strip(), self.flag_spin.value(),
                         self.merit_spin.value(), rules, self.note_edit.text())

    @Slot()
    def save(self) -> None:
        if self.saving:
            return
        data, wanted = self.input(), self.member_ids()
        self.saving = True
        run_write(self._runner, self, lambda: self._write(data, wanted), saved=self._on_saved,
                  refused=self._refused, settled=self._settled,
                  controls=(self.save_button, self.cancel_button))

    def _refused(self, error: DomainError) -> None:
        loaded = self._bloc
        if loaded is None or not offer_reload(
                self, error, loaded, lambda: self._services.blocs.get(loaded.id), BLOC_FIELDS,
                self.reload):
            self.form.show_error(error)

    def reload(self, bloc: BlocRow) -> None:
        """The form again, with ``bloc`` as it is stored now (what was typed is dropped)."""
        self._bloc = bloc
        self.form.clear()
        self.member_list.clear()
        self._original_members.clear()
        self.tie_list.clear()
        self._load_tie_rules(bloc.tie_rules)
        self._load(bloc)

    def _settled(self) -> None:
        self.saving = False

    def _on_saved(self, bloc: BlocRow) -> None:
        self.saved = bloc
        self.accept()

    def reject(self) -> None:
        if not self.saving:  # Esc while saving: the save decides how the dialog ends
            super().reject()

    def _write(self, data: BlocInput, wanted: list[int]) -> BlocRow:
        """On the writer thread: service calls and the record of what is saved, no widget."""
        blocs = self._services.blocs
        row = blocs.update(self._bloc.id, data, expected_version=self._bloc.version) \
            if self._bloc is not None else blocs.create(data)
        self._bloc = row  # a later retry (e.g. after a member was refused) updates it
        for unit_id in wanted:
            if unit_id not in self._original_members:
                blocs.add_member(row.id, MemberInput(unit_id))
                self._original_members.add(unit_id)
        for unit_id in sorted(self._original_members - set(wanted)):
            blocs.remove_member(row.id, unit_id)
            self._original_members.discard(unit_id)
        if [m.unit_id for m in blocs.members(row.id)] != wanted:  # columns' order
            for position, unit_id in enumerate(wanted, start=1):
                blocs.move_member(row.id, unit_id, position)
        return blocs.get(row.id)
