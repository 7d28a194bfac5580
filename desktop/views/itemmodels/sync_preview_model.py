"""The import preview of a sync package as a table: one row per listed record (what it would do
here, why, and for conflicts and merge proposals the officer's choice), a filter on entity and
action, sorting on every column, and the combo box that edits a row's choice in place.

A conflict starts with no choice (the officer must decide; the import refuses while one is
open); a merge proposal starts with the service's suggestion (``PreviewItem.default``)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.api.sync import Action, PreviewItem, Resolution
from desktop.domain.enums import NominationStatus
from desktop.i18n import translate
from desktop.views.formatting import QT_TRANSLATE_NOOP, format_int
from desktop.views.itemmodels.roles import OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

# Entities of a package in the order they travel (docs/package-format.md), with their titles.
ENTITY_TITLES: dict[str, str] = {
    "units": QT_TRANSLATE_NOOP("SyncEntities", "Units"),
    "movements": QT_TRANSLATE_NOOP("SyncEntities", "Emulation movements"),
    "movement_targets": QT_TRANSLATE_NOOP("SyncEntities", "Movement targets"),
    "people": QT_TRANSLATE_NOOP("SyncEntities", "People"),
    "person_positions": QT_TRANSLATE_NOOP("SyncEntities", "Positions held"),
    "ratings": QT_TRANSLATE_NOOP("SyncEntities", "Performance ratings"),
    "initiatives": QT_TRANSLATE_NOOP("SyncEntities", "Initiatives"),
    "disciplines": QT_TRANSLATE_NOOP("SyncEntities", "Disciplinary measures"),
    "award_records": QT_TRANSLATE_NOOP("SyncEntities", "Awards already received"),
    "registrations": QT_TRANSLATE_NOOP("SyncEntities", "Emulation registrations"),
    "rounds": QT_TRANSLATE_NOOP("SyncEntities", "Award rounds"),
    "nominations": QT_TRANSLATE_NOOP("SyncEntities", "Nominations"),
    "nomination_events": QT_TRANSLATE_NOOP("SyncEntities", "Status history"),
    "nomination_evidence": QT_TRANSLATE_NOOP("SyncEntities", "Evidence"),
    "attachments": QT_TRANSLATE_NOOP("SyncEntities", "Attached files"),
    "decisions": QT_TRANSLATE_NOOP("SyncEntities", "Decisions"),
    "decision_lines": QT_TRANSLATE_NOOP("SyncEntities", "Decision lines"),
    "blocs": QT_TRANSLATE_NOOP("SyncEntities", "Emulation blocs"),
    "bloc_members": QT_TRANSLATE_NOOP("SyncEntities", "Bloc members"),
    "bloc_criteria": QT_TRANSLATE_NOOP("SyncEntities", "Scoring criteria"),
    "unit_targets": QT_TRANSLATE_NOOP("SyncEntities", "Unit targets"),
    "bloc_score_sheets": QT_TRANSLATE_NOOP("SyncEntities", "Score sheets"),
    "bloc_sheet_events": QT_TRANSLATE_NOOP("SyncEntities", "Score sheet history"),
    "bloc_scores": QT_TRANSLATE_NOOP("SyncEntities", "Scores"),
    "bloc_score_attachments": QT_TRANSLATE_NOOP("SyncEntities", "Score evidence files"),
    "bloc_votes": QT_TRANSLATE_NOOP("SyncEntities", "Bloc votes"),
}
ENTITY_ORDER = {name: i for i, name in enumerate(ENTITY_TITLES)}

# What a field of a travelling record is called on screen (the preview's side-by-side values).
FIELD_TITLES: dict[str, str] = {
    "full_name": QT_TRANSLATE_NOOP("SyncEntities", "Full name"),
    "gender": QT_TRANSLATE_NOOP("SyncEntities", "Gender"),
    "birth_date": QT_TRANSLATE_NOOP("SyncEntities", "Date of birth"),
    "ethnicity": QT_TRANSLATE_NOOP("SyncEntities", "Ethnicity"),
    "citizen_id": QT_TRANSLATE_NOOP("SyncEntities", "Citizen ID"),
    "position": QT_TRANSLATE_NOOP("SyncEntities", "Position"),
    "unit": QT_TRANSLATE_NOOP("SyncEntities", "Unit"),
    "note": QT_TRANSLATE_NOOP("SyncEntities", "Note"),
    "name": QT_TRANSLATE_NOOP("SyncEntities", "Name"),
    "code": QT_TRANSLATE_NOOP("SyncEntities", "Code"),
    "kind": QT_TRANSLATE_NOOP("SyncEntities", "Kind"),
    "parent": QT_TRANSLATE_NOOP("SyncEntities", "Parent unit"),
    "year": QT_TRANSLATE_NOOP("SyncEntities", "Year"),
    "level": QT_TRANSLATE_NOOP("SyncEntities", "Rating"),
    "status": QT_TRANSLATE_NOOP("SyncEntities", "Status"),
    "status_note": QT_TRANSLATE_NOOP("SyncEntities", "Status reason"),
    "eligibility": QT_TRANSLATE_NOOP("SyncEntities", "Eligibility"),
    "achievement_summary": QT_TRANSLATE_NOOP("SyncEntities", "Achievement summary"),
    "award_kind": QT_TRANSLATE_NOOP("SyncEntities", "Award"),
    "amount": QT_TRANSLATE_NOOP("SyncEntities", "Amount"),
    "number": QT_TRANSLATE_NOOP("SyncEntities", "Number"),
    "title": QT_TRANSLATE_NOOP("SyncEntities", "Title"),
    "decision_number": QT_TRANSLATE_NOOP("SyncEntities", "Decision number"),
    "decision_date": QT_TRANSLATE_NOOP("SyncEntities", "Decision date"),
    "directive_number": QT_TRANSLATE_NOOP("SyncEntities", "Directive number"),
    "directive_date": QT_TRANSLATE_NOOP("SyncEntities", "Directive date"),
    "issuer": QT_TRANSLATE_NOOP("SyncEntities", "Issued by"),
    "indicator": QT_TRANSLATE_NOOP("SyncEntities", "Indicator"),
    "measure_unit": QT_TRANSLATE_NOOP("SyncEntities", "Unit of measure"),
    "planned_value": QT_TRANSLATE_NOOP("SyncEntities", "Planned value"),
    "direction": QT_TRANSLATE_NOOP("SyncEntities", "Comparison"),
}

# Conflicts first: they are what the officer has to look at.
ACTION_RANK = {Action.CONFLICT: 0, Action.NEW: 1, Action.UPDATE: 2, Action.IGNORED: 3,
               Action.UNCHANGED: 4}

ENTITY, RECORD, ACTION, DETAIL, CHOICE = range(5)
UNRESOLVED_BACKGROUND = QColor("#fdecea")
RESOLVED_BACKGROUND = QColor("#eaf5ea")
UNRESOLVED_TEXT = QColor("#b3261e")
QUIET_TEXT = QColor("#6b6b6b")


def entity_title(name: str, fallback: str = "") -> str:
    if name in ENTITY_TITLES:
        return translate("SyncEntities", ENTITY_TITLES[name])
    return fallback or name


def field_title(name: str) -> str:
    return translate("SyncEntities", FIELD_TITLES[name]) if name in FIELD_TITLES else name


def item_key(item: PreviewItem) -> str:
    """How ``preview``/``import_package`` name a record's resolution: "entity:uuid"."""
    return f"{item.entity}:{item.uuid}"


def record_label(item: PreviewItem) -> str:
    """What the preview calls a record; a status history entry arrives named by its status
    code ("da_gui"), shown by its label."""
    if item.entity == "nomination_events":
        status = NominationStatus.from_text(item.label)
        if status is not None:
            return translate("SyncPreview", "Moved to “%1”").replace("%1", status.label)
    return item.label


def changes_text(item: PreviewItem) -> str:
    return "; ".join(f"{field_title(name)}: {here or '—'} → {incoming or '—'}"
                     for name, (here, incoming) in item.changes.items())


def detail_text(item: PreviewItem) -> str:
    """The reason, or what an update changes."""
    parts = [item.reason] if item.reason else []
    if item.changes and not item.reason:
        parts.append(changes_text(item))
    return " — ".join(parts)


def initial_choice(item: PreviewItem) -> Resolution | None:
    """No choice for a conflict (the officer decides), the suggestion for a proposal."""
    if not item.options or item.action is Action.CONFLICT:
        return None
    return item.default


class PreviewModel(QAbstractTableModel):
    """Rows are ``PreviewItem``s; column ``CHOICE`` is editable where a row has options.

    Signals:
        choices_changed(): a row's resolution was set or changed.
    """

    choices_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[PreviewItem] = []
        self._rows: dict[int, int] = {}  # id(item) → row
        self._choices: dict[str, Resolution | None] = {}
        self._titles = [translate("SyncPreview", "Record type"),
                        translate("SyncPreview", "Record"),
                        translate("SyncPreview", "Action"),
                        translate("SyncPreview", "Reason / changes"),
                        translate("SyncPreview", "How to handle")]

    # -- content ----------------------------------------------------------------------------
    def set_items(self, items: Iterable[PreviewItem],
                  choices: dict[str, Resolution | None]) -> None:
        """Show ``items``; ``choices`` (shared with the caller) keeps the officer's decisions
        and receives the initial choice of rows it does not know yet."""
        self.beginResetModel()
        self._items = list(items)
        self._rows = {id(item): row for row, item in enumerate(self._items)}
        self._choices = choices
        for item in self._items:
            if item.options:
                choices.setdefault(item_key(item), initial_choice(item))
        self.endResetModel()

    def clear(self) -> None:
        self.set_items([], {})

    def item(self, row: int) -> PreviewItem:
        return self._items[row]

    @property
    def items(self) -> list[PreviewItem]:
        return list(self._items)

    def choice(self, item: PreviewItem) -> Resolution | None:
        return self._choices.get(item_key(item))

    def set_choice(self, item: PreviewItem, resolution: Resolution | None) -> bool:
        return self.set_choices([(item, resolution)]) == 1

    def set_choices(self, choices: Iterable[tuple[PreviewItem, Resolution | None]]) -> int:
        """Set several rows' choices at once (one ``choices_changed``); returns how many."""
        done = 0
        for item, resolution in choices:
            if resolution is not None and resolution not in item.options:
                continue
            self._choices[item_key(item)] = resolution
            done += 1
            row = self._rows.get(id(item), -1)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, CHOICE))
        if done:
            self.choices_changed.emit()
        return done

    def unresolved(self) -> list[PreviewItem]:
        return [i for i in self._items if i.action is Action.CONFLICT and self.choice(i) is None]

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHOICE and self._items[index.row()].options:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.EditRole:
            chosen = self.choice(item)
            return chosen.value if chosen is not None else ""
        if role == OBJECT_ROLE:
            return item
        if role == SORT_ROLE:
            return self._sort_value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        unresolved = item.action is Action.CONFLICT and self.choice(item) is None
        if role == Qt.ItemDataRole.BackgroundRole and item.action is Action.CONFLICT:
            return QBrush(UNRESOLVED_BACKGROUND if unresolved else RESOLVED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if unresolved and column in (ACTION, CHOICE):
                return QBrush(UNRESOLVED_TEXT)
            if item.action is Action.IGNORED:
                return QBrush(QUIET_TEXT)
        if role == Qt.ItemDataRole.FontRole and unresolved and column in (ACTION, CHOICE):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != CHOICE:
            return False
        item = self._items[index.row()]
        raw = value.value if isinstance(value, Resolution) else str(value)
        chosen = next((r for r in item.options if r.value == raw), None)
        if chosen is None:
            return False
        return self.set_choice(item, chosen)

    def _text(self, item: PreviewItem, column: int) -> str:
        if column == ENTITY:
            return item.entity_label or entity_title(item.entity)
        if column == RECORD:
            return record_label(item)
        if column == ACTION:
            return item.action.label
        if column == DETAIL:
            return detail_text(item)
        if not item.options:
            return ""
        chosen = self.choice(item)
        return chosen.label if chosen is not None else translate("SyncPreview", "— choose —")

    def _sort_value(self, item: PreviewItem, column: int) -> object:
        if column == ENTITY:
            return ENTITY_ORDER.get(item.entity, len(ENTITY_ORDER))
        if column == ACTION:
            return ACTION_RANK.get(item.action, 9)
        if column == CHOICE:
            chosen = self.choice(item)
            return "" if chosen is None and item.options else (
                chosen.label if chosen is not None else "~")
        return self._text(item, column).casefold()

    def _tooltip(self, item: PreviewItem) -> str:
        lines = [f"{item.entity_label or entity_title(item.entity)}: {record_label(item)}",
                 item.action.label + (f" — {item.reason}" if item.reason else "")]
        if item.match_label:
            lines.append(translate("SyncPreview", "Record here: %1").replace("%1",
                                                                             item.match_label))
        lines.extend(f"{field_title(name)}: {here or '—'} → {incoming or '—'}"
                     for name, (here, incoming) in item.changes.items())
        return "\n".join(lines)


class PreviewFilter(QSortFilterProxyModel):
    """Rows of one entity and/or one action; sorts on ``SORT_ROLE``, ties in package order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entity: str | None = None
        self.action: Action | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, entity: str | None, action: Action | None) -> None:
        self.beginFilterChange()
        self.entity, self.action = entity, action
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PreviewModel):
            return True
        item = model.item(source_row)
        return ((self.entity is None or item.entity == self.entity)
                and (self.action is None or item.action is self.action))

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a != b and type(a) is type(b):
            return bool(a < b)
        return left.row() < right.row()


class ResolutionDelegate(QStyledItemDelegate):
    """The "how to handle" cell: a combo box of the row's options, committed when chosen."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        item = index.data(OBJECT_ROLE)
        combo = QComboBox(parent)
        combo.setPlaceholderText(translate("SyncPreview", "— choose —"))
        if isinstance(item, PreviewItem):
            for resolution in item.options:
                combo.addItem(resolution.label, resolution.value)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole) or None))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox) and editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        editor.setGeometry(option.rect)

    @Slot()
    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)


def counts_rows(counts: dict[str, dict[Action, int]]) -> list[tuple[str, dict[Action, int]]]:
    """Per entity (in travel order) and a last "total" row, for the counts table."""
    rows = sorted(counts.items(), key=lambda kv: ENTITY_ORDER.get(kv[0], len(ENTITY_ORDER)))
    total: dict[Action, int] = {a: sum(c.get(a, 0) for c in counts.values()) for a in Action}
    return [*rows, ("", total)] if rows else []


def count_cell(counts: dict[Action, int], action: Action) -> str:
    value = counts.get(action, 0)
    return format_int(value) if value else "·"
