"""What is wrong in an imported Excel file, row by row. An import writes nothing until the whole
file is right, so the officer fixes every listed row and imports again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import FieldProblem
from desktop.i18n import translate


class ImportReportDialog(QDialog):
    def __init__(self, parent: QWidget | None, file_name: str,
                 problems: Sequence[FieldProblem]) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImportReportDialog", "Problems in the file"))
        self.resize(820, 460)
        heading = QLabel(translate(
            "ImportReportDialog", "Nothing was imported from “%1”. Correct these %2 problems "
            "in the file and import it again:").replace("%1", file_name)
            .replace("%2", str(len(problems))), self)
        heading.setWordWrap(True)
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setHorizontalHeaderLabels([translate("ImportReportDialog", "Where"),
                                              translate("ImportReportDialog", "Problem")])
        for row, problem in enumerate(problems):
            for column, text in enumerate((problem.label, problem.message)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 280)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(self)
        close = QPushButton(translate("ImportReportDialog", "Close"), self)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, file_name: str, problems: Sequence[FieldProblem]) -> None:
        cls(parent, file_name, problems).exec()
