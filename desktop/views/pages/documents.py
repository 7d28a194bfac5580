"""Văn bản: the Word templates (shipped or the officer's edited copy), what each is for, the
fields it may use (to type into Word), the checker's verdict in plain Vietnamese, editing in
Word, using another file, restoring the shipped template, and making documents. Copying,
installing and restoring a template (file writes) and checking one (reading a Word file) run
in the background, so a slow or network folder cannot freeze the window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.api.documents import FieldSpec
from desktop.domain.errors import DomainError
from desktop.domain.progress import CancelToken, ProgressFn
from desktop.i18n import translate
from desktop.views.dialogs.render_dialog import RenderDialog
from desktop.views.itemmodels.records import Column, RecordTableModel
from desktop.views.itemmodels.roles import SORT_ROLE
from desktop.views.messages import FileDialogs, Messages, SystemOpener
from desktop.views.pages.base import Page, PageContext, page_title

if TYPE_CHECKING:
    from desktop.services.documents import CheckReport, DocumentService, TemplateInfo

OK_COLOUR, ERROR_COLOUR, WARNING_COLOUR = "#1b7f2a", "#b00020", "#a86400"
Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def file_work(work: Callable[[], R], lead: str = "") -> Callable[[], R]:
    """``work`` for a worker thread, with a file system refusal (a read-only or missing folder,
    a file open in Word) turned into a refusal the officer is shown, not a crash."""
    def run() -> R:
        try:
            return work()
        except OSError as exc:
            raise DomainError(f"{lead}\n{exc}" if lead else str(exc)) from exc
    return run


def version_text(info: TemplateInfo) -> str:
    if not info.customised:
        return translate("DocumentsPage", "Shipped template")
    when = f" ({info.modified_at:%d/%m/%Y})" if info.modified_at else ""
    return translate("DocumentsPage", "Edited template") + when


def check_text(report: CheckReport | None) -> str:
    if report is None:
        return "…"
    if report.errors:
        return "✗ " + translate("DocumentsPage", "%1 errors").replace("%1", str(len(report.errors)))
    if report.problems:
        return "! " + translate("DocumentsPage", "%1 notes").replace(
            "%1", str(len(report.problems)))
    return "✓ " + translate("DocumentsPage", "Valid")


def report_html(report: CheckReport) -> str:
    """The checker's verdict: each problem with where it is in the document and what to do."""
    if not report.problems:
        return (f"<p style='color:{OK_COLOUR}'><b>✓ "
                + translate("DocumentsPage", "The template is valid: every field is known and "
                            "every block is closed.") + "</b></p>")
    head = (translate("DocumentsPage", "The template cannot be used until these errors are "
                      "fixed in Word:") if report.errors
            else translate("DocumentsPage", "The template can be used; check these notes:"))
    colour = ERROR_COLOUR if report.errors else WARNING_COLOUR
    items = []
    for problem in report.problems:
        tint = ERROR_COLOUR if problem.severity.name == "ERROR" else WARNING_COLOUR
        items.append(f"<li><b style='color:{tint}'>{escape(problem.severity.value)}</b> — "
                     f"<i>{escape(problem.where)}</i>: {escape(problem.message)}</li>")
    return f"<p style='color:{colour}'><b>{escape(head)}</b></p><ul>{''.join(items)}</ul>"


def field_items(fields: Sequence[FieldSpec], owner: str = "") -> list[QTreeWidgetItem]:
    """Tree items of the template's fields (the tokens the shipped templates use); a list field
    holds its row fields and its end tag."""
    items: list[QTreeWidgetItem] = []
    for field in fields:
        token = field.token(owner)
        item = QTreeWidgetItem([token, field.description])
        if field.is_list:
            item.addChildren(field_items(field.items, field.loop_var))
            end_token = f"{{%{field.block} endfor %}}"
            end = QTreeWidgetItem([end_token, translate("DocumentsPage", "End of the repeated rows")
                                   if field.block == "tr" else
                                   translate("DocumentsPage", "End of the repeated paragraphs")])
            end.setData(0, Qt.ItemDataRole.UserRole, end_token)
            item.addChild(end)
        item.setData(0, Qt.ItemDataRole.UserRole, token)
        item.setToolTip(0, token)
        item.setToolTip(1, field.description)
        items.append(item)
    return items


class TemplateModel(RecordTableModel["TemplateInfo"]):
    """Templates, with the check column coloured: green valid, red errors, amber notes."""

    def __init__(self, reports: dict[str, CheckReport], columns: list[Column[TemplateInfo]],
                 parent: QObject | None) -> None:
        super().__init__(columns, parent)
        self._reports = reports

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 3:
            report = self._reports.get(self.row_object(index.row()).spec.key)
            if report is None:
                return None
            colour = (ERROR_COLOUR if report.errors else WARNING_COLOUR if report.problems
                      else OK_COLOUR)
            return QBrush(QColor(colour))
        return super().data(index, role)


class DocumentsPage(Page):
    watches = ("documents",)

    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.reports: dict[str, CheckReport] = {}
        self.model = TemplateModel(self.reports, [
            Column(translate("DocumentsPage", "Template"), lambda i: i.spec.title,
                   tooltip=lambda i: i.spec.title),
            Column(translate("DocumentsPage", "Made for"), lambda i: i.spec.context.label),
            Column(translate("DocumentsPage", "Version"), version_text,
                   tooltip=lambda i: str(i.path)),
            Column(translate("DocumentsPage", "Check"),
                   lambda i: check_text(self.reports.get(i.spec.key))),
        ], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):  # as wide as their words: the template names need the room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(560)
        self.help = QLabel(translate(
            "DocumentsPage", "To change a template: press “Edit template”; it opens in Word. Type "
            "the fields listed on the right exactly as shown (copy them with “Copy”), save, then "
            "press “Check template”. Your edited copy is used from then on; “Restore shipped "
            "template” goes back to the original and keeps your copy."), self)
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #404040;")

        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.location = QLabel(self)
        self.location.setWordWrap(True)
        self.location.setStyleSheet("color: #404040;")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QTreeWidget(self)
        self.fields.setColumnCount(2)
        self.fields.setHeaderLabels([translate("DocumentsPage", "Field (type it in Word)"),
                                     translate("DocumentsPage", "Meaning")])
        self.fields.setColumnWidth(0, 215)
        self.fields.setAlternatingRowColors(True)
        self.fields.setUniformRowHeights(True)
        self.field_detail = QLabel(translate("DocumentsPage", "Select a field to see its full "
                                             "meaning; double-click copies it."), self)
        self.field_detail.setWordWrap(True)
        self.field_detail.setMinimumHeight(self.field_detail.fontMetrics().height() * 2 + 4)
        self.field_detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.field_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(translate("DocumentsPage", "Copy"), self)
        self.copy_button.setToolTip(translate("DocumentsPage", "Copy the selected field to paste "
                                              "it into the template in Word"))
        self.copied_label = QLabel(self)
        self.copied_label.setStyleSheet("color: #404040;")
        self.check_view = QTextBrowser(self)
        self.check_view.setMinimumHeight(110)

        self.check_button = QPushButton(translate("DocumentsPage", "Check template"), self)
        self.edit_button = QPushButton(translate("DocumentsPage", "Edit template"), self)
        self.install_button = QPushButton(translate("DocumentsPage", "Use another template "
                                                    "file…"), self)
        self.restore_button = QPushButton(translate("DocumentsPage", "Restore shipped template"),
                                          self)
        self.folder_button = QPushButton(translate("DocumentsPage", "Open template folder"), self)
        self.render_button = QPushButton(translate("DocumentsPage", "Create document…"), self)
        self.render_button.setDefault(True)

        actions = QGridLayout()
        for index, button in enumerate((self.render_button, self.check_button, self.edit_button,
                                        self.install_button, self.restore_button,
                                        self.folder_button)):
            actions.addWidget(button, index // 3, index % 3)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.help)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.description)
        right_layout.addWidget(self.location)
        fields_head = QHBoxLayout()
        fields_head.addWidget(QLabel("<b>" + translate("DocumentsPage", "Fields") + "</b>", self))
        fields_head.addStretch(1)
        fields_head.addWidget(self.copied_label)
        fields_head.addWidget(self.copy_button)
        right_layout.addLayout(fields_head)
        right_layout.addWidget(self.fields, 3)
        right_layout.addWidget(self.field_detail)
        right_layout.addWidget(QLabel("<b>" + translate("DocumentsPage", "Check result")
                                      + "</b>", self))
        right_layout.addWidget(self.check_view, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([640, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(translate("Pages", "Documents")))
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.fields.itemDoubleClicked.connect(lambda *_: self.copy_token())
        self.fields.currentItemChanged.connect(lambda item, _old: self.show_field(item))
        self.copy_button.clicked.connect(self.copy_token)
        self.check_button.clicked.connect(self.check_current)
        self.edit_button.clicked.connect(self.edit_current)
        self.install_button.clicked.connect(self.install_current)
        self.restore_button.clicked.connect(self.restore_current)
        self.folder_button.clicked.connect(self.open_folder)
        self.render_button.clicked.connect(self.create_document)
        self.reload()

    # -- data -------------------------------------------------------------------------------
    @property
    def documents(self) -> DocumentService:
        return self.services.documents

    def reload(self) -> None:
        key = self.current_key()
        self.model.set_rows(self.documents.templates())
        self.select(key or self.model.row_object(0).spec.key)
        self.check_all()

    def check_all(self) -> None:
        """Every template is checked in the background (each is a Word file to read)."""
        documents = self.documents
        keys = [info.spec.key for info in self.model.rows]

        def work(_progress: ProgressFn, _cancel: CancelToken) -> dict[str, CheckReport]:
            return {key: documents.check(key) for key in keys}

        self.ctx.runner.task(work, self).success(self._on_checked).run()

    def _on_checked(self, reports: dict[str, CheckReport]) -> None:
        self.reports.update(reports)
        self._refresh_rows()
        key = self.current_key()
        if key in reports:
            self.check_view.setHtml(report_html(reports[key]))

    def _refresh_rows(self) -> None:
        key = self.current_key()
        self.model.set_rows(self.documents.templates())
        if key:
            self.select(key)

    def select(self, key: str) -> None:
        for row, info in enumerate(self.model.rows):
            if info.spec.key == key:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.setCurrentIndex(index)
                self.table.selectRow(index.row())
                break
        self.show_current()

    def current(self) -> TemplateInfo | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.row_object(index.row()) if index.isValid() else None

    def current_key(self) -> str | None:
        info = self.current()
        return None if info is None else info.spec.key

    def show_current(self) -> None:
        info = self.current()
        enabled = info is not None
        for button in (self.check_button, self.edit_button, self.install_button,
                       self.render_button):
            button.setEnabled(enabled)
        self.restore_button.setEnabled(info is not None and info.customised)
        self.fields.clear()
        self.copied_label.setText("")
        if info is None:
            self.title.setText("")
            self.description.setText("")
            self.location.setText("")
            self.check_view.clear()
            return
        spec = info.spec
        self.title.setText(spec.title)
        target = translate("DocumentsPage", "Made for: %1.").replace("%1", spec.context.label)
        if spec.per_subject:
            target += " " + translate("DocumentsPage", "One file per nomination.")
        self.description.setText(f"{spec.description}\n{target}")
        where = (translate("DocumentsPage", "Your edited copy is used: %1") if info.customised
                 else translate("DocumentsPage", "The shipped template is used: %1"))
        self.location.setText(where.replace("%1", str(info.path)))
        self.fields.addTopLevelItems(field_items(spec.fields))
        report = self.reports.get(spec.key)
        if report is None:
            self.check_view.setHtml("<p>" + translate("DocumentsPage", "Checking…") + "</p>")
        else:
            self.check_view.setHtml(report_html(report))

    def show_field(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.field_detail.setText(f"<b>{escape(item.text(0))}</b> — {escape(item.text(1))}")

    # -- actions ----------------------------------------------------------------------------
    @Slot()
    def copy_token(self) -> None:
        item = self.fields.currentItem()
        if item is None:
            return
        token = str(item.data(0, Qt.ItemDataRole.UserRole) or item.text(0))
        QGuiApplication.clipboard().setText(token)
        self.copied_label.setText(translate("DocumentsPage", "Copied %1").replace("%1", token))

    def _in_background(self, work: Callable[[], R], done: Callable[[R], None]) -> None:
        """One template action off the GUI thread, the template buttons disabled meanwhile; a
        refusal is said in a message box (the runner's ``show_error``)."""
        (self.ctx.runner.task(lambda _progress, _cancel: work(), self)
         .disabling(self.check_button, self.edit_button, self.install_button,
                    self.restore_button)
         .success(done).run(writes=True))

    def _checked(self, key: str, report: CheckReport) -> None:
        self.reports[key] = report
        self._refresh_rows()

    @Slot()
    def check_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        documents = self.documents
        self._in_background(lambda: documents.check(key),
                            lambda report: self._checked(key, report))

    @Slot()
    def edit_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        documents = self.documents

        def work() -> tuple[Path, CheckReport]:
            path = documents.edit_copy(key)
            return path, documents.check(key)

        lead = translate("DocumentsPage", "Could not copy the template:")
        self._in_background(file_work(work, lead), lambda done: self._on_copied(key, *done))

    def _on_copied(self, key: str, path: Path, report: CheckReport) -> None:
        self._checked(key, report)
        if SystemOpener.open(path):
            self.ctx.host.notify(translate(
                "DocumentsPage", "Opened %1. Save it in Word; from now on this copy is used.")
                .replace("%1", path.name))
        else:
            Messages.error(self, translate(
                "DocumentsPage", "No program could open %1. Open it yourself with Word; from now "
                "on this copy is used.").replace("%1", str(path)))

    @Slot()
    def install_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        source = FileDialogs.open_file(self, translate("DocumentsPage", "Choose a template file"),
                                       Path.home(), translate("DocumentsPage",
                                                              "Word document (*.docx)"))
        if source is None:
            return
        self.install_file(key, source)

    def install_file(self, key: str, source: Path) -> None:
        """Check ``source`` and use it for ``key`` if it has no errors (in the background)."""
        documents = self.documents
        self._in_background(file_work(lambda: documents.install_copy(key, source)),
                            lambda report: self._on_installed(key, source, report))

    def _on_installed(self, key: str, source: Path, report: CheckReport) -> None:
        if not report.ok:
            self.check_view.setHtml(report_html(report))
            Messages.error(self, translate(
                "DocumentsPage", "%1 was not used because the template has errors:")
                .replace("%1", source.name) + "\n\n" + "\n".join(str(p) for p in report.errors))
            return
        self._checked(key, report)
        self.ctx.host.notify(translate("DocumentsPage", "%1 is now used for “%2”.")
                             .replace("%1", source.name)
                             .replace("%2", self.documents.spec(key).title))

    @Slot()
    def restore_current(self) -> None:
        info = self.current()
        if info is None or not info.customised:
            return
        if not Messages.confirm(self, translate(
                "DocumentsPage", "Use the shipped template for “%1” again? Your edited copy is "
                "kept in the “cu” folder.").replace("%1", info.spec.title),
                yes_text=translate("DocumentsPage", "Restore")):
            return
        documents, key = self.documents, info.spec.key

        def work() -> tuple[Path | None, CheckReport]:
            kept = documents.restore(key)
            return kept, documents.check(key)

        self._in_background(file_work(work), lambda done: self._on_restored(key, *done))

    def _on_restored(self, key: str, kept: Path | None, report: CheckReport) -> None:
        self._checked(key, report)
        if kept is not None:
            Messages.info(self, translate(
                "DocumentsPage", "The shipped template is used again. Your edited copy was kept "
                "as:\n%1").replace("%1", str(kept)))

    @Slot()
    def open_folder(self) -> None:
        folder = Path(self.ctx.backend.paths.templates)
        folder.mkdir(parents=True, exist_ok=True)
        SystemOpener.open(folder)

    @Slot()
    def create_document(self) -> None:
        key = self.current_key()
        RenderDialog.ask(self, self.services, self.ctx.runner, template_key=key)
        self._refresh_rows()


def create_page(ctx: PageContext) -> Page:
    return DocumentsPage(ctx)
