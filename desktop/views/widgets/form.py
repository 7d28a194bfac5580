"""Forms that show a service's validation problems next to the fields and in a summary.

Services raise ``ValidationError`` with one ``FieldProblem(field, label, message)`` per wrong
field, already in Vietnamese; this shows each message under its field (red) and lists them all
at the top, so the officer sees everything to fix at once. Nothing is saved on error.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.errors import DomainError, FieldProblem, ValidationError
from desktop.i18n import translate

ERROR_STYLE = "color: #b00020;"
SUMMARY_STYLE = ("QLabel { color: #7a0012; background: #fdecee; border: 1px solid #f3b6bf;"
                 " border-radius: 4px; padding: 6px 8px; }")


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class ValidatedForm:
    """A ``QFormLayout`` whose rows each carry an error label, plus a summary label."""

    def __init__(self, parent: QWidget) -> None:
        self.layout = QFormLayout()
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary = QLabel(parent)
        self.summary.setObjectName("formSummary")
        self.summary.setStyleSheet(SUMMARY_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}
        self._parent = parent

    def add_row(self, field: str, label: str, widget: QWidget) -> QWidget:
        holder = QWidget(self._parent)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = ErrorLabel(holder)
        error.setObjectName(f"error_{field}")
        box.addWidget(error)
        self.layout.addRow(label, holder)
        self._fields[field] = (widget, error)
        return holder

    def add_plain_row(self, label: str, widget: QWidget) -> None:
        self.layout.addRow(label, widget)

    def error_text(self, field: str) -> str:
        widget_error = self._fields.get(field)
        return widget_error[1].text() if widget_error and not widget_error[1].isHidden() else ""

    def clear(self) -> None:
        for _widget, error in self._fields.values():
            error.show_message("")
        self.summary.hide()
        self.summary.clear()

    def show_problems(self, problems: Iterable[FieldProblem]) -> None:
        self.clear()
        lines: list[str] = []
        first: QWidget | None = None
        for problem in problems:
            lines.append(f"• {problem}")
            target = self._fields.get(problem.field)
            if target is not None:
                widget, error = target
                existing = error.text()
                error.show_message(f"{existing}\n{problem.message}" if existing
                                   else problem.message)
                first = first or widget
        self._show_summary(lines)
        if first is not None:
            first.setFocus()

    def show_error(self, error: DomainError) -> None:
        """A service's refusal: field problems beside their fields, anything else as a summary."""
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        else:
            self.show_message(str(error))

    def show_message(self, text: str) -> None:
        """A refusal not tied to one field (e.g. a conflict)."""
        self.clear()
        self._show_summary([text])

    def _show_summary(self, lines: list[str]) -> None:
        heading = translate("ValidatedForm", "Not saved. Please correct:")
        self.summary.setText(heading + "\n" + "\n".join(lines))
        self.summary.show()
