"""A table of one kind of record, with a filter box and a summary line; the role editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hildprint.core.services import POSTER_SUFFIXES, ROLES
from hildprint.gui.widgets.table_models import FoldedFilterProxy, RecordTableModel


class RecordTable(QTableView):
    """A table edited only on purpose: F2, a double-click or Enter edits an editable cell;
    typed letters jump to the row whose cell starts with them, never into a cell.

    ``open_requested`` fires with the proxy index when Enter or a double-click lands on a
    row that is not edited in place (a dialog opens it); ``file_dropped`` with the proxy
    row and the path when one poster file is dropped on a row (when ``takes_posters``).
    """

    open_requested = Signal(QModelIndex)
    file_dropped = Signal(int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.takes_posters = False
        self.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed)
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.open_requested.emit(index)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Enter edits the cell under the cursor, or opens its row when the cell is read-only."""
        index = self.currentIndex()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid()
                and self.state() != QTableView.State.EditingState):
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            else:
                self.open_requested.emit(index)
            return
        super().keyPressEvent(event)

    def enable_poster_drops(self) -> None:
        """Take a poster file dropped on a row (other drops go on to the window)."""
        self.takes_posters = True
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    def _poster_drop(self, event) -> tuple[int, str] | None:
        """(row, path) when ``event`` carries one poster file over a row, else None."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if not self.takes_posters or len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        if not path.is_file() or path.suffix.lower() not in POSTER_SUFFIXES:
            return None
        row = self.indexAt(event.position().toPoint()).row()
        return (row, str(path)) if row >= 0 else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Accept a poster file; leave anything else to the window."""
        if self._poster_drop(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Show the row a poster would go to, and refuse the space below the last row."""
        target = self._poster_drop(event)
        if target is None:
            event.ignore()
            return
        self.selectRow(target[0])
        event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Attach the dropped poster to the row under it."""
        target = self._poster_drop(event)
        if target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(*target)


class RecordView(QWidget):
    """A sortable, filterable table of one kind of record, with a filter box and a one-line
    summary above it. ``current_changed`` fires with the record under the cursor (or None);
    ``open_requested`` with a record to open in a dialog; ``file_dropped`` with a record and
    the path of a poster dropped on it."""

    current_changed = Signal(object)
    open_requested = Signal(object)
    file_dropped = Signal(object, str)

    def __init__(self, model: RecordTableModel, noun: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.noun = noun
        self.summary = QLabel()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(f"Filter {noun} (Ctrl+F): any words, accents and case ignored")
        self.filter.setAccessibleName(f"Filter {noun}")
        self.filter.setClearButtonEnabled(True)
        self.message = QLabel()
        self.message.setAccessibleName(f"{noun} message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.proxy = FoldedFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.table = self._make_table(noun)
        self._kept: tuple[str | None, list[str]] = (None, [])
        self.proxy.modelAboutToBeReset.connect(self._keep_selection)
        self.proxy.modelReset.connect(self._restore_selection)
        self.filter.textChanged.connect(self.set_filter)
        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        model.modelReset.connect(self._fit_columns)
        self._fit_columns()

    def _make_table(self, noun: str) -> QTableView:
        table = RecordTable()
        table.setModel(self.proxy)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # with no indicator: the file's order until a click
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.setWordWrap(False)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setAccessibleName(f"{noun} table")
        table.open_requested.connect(lambda index: self.open_requested.emit(self._record_at(index.row())))
        table.file_dropped.connect(lambda row, path: self.file_dropped.emit(self._record_at(row), path))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        return table

    def set_filter(self, text: str) -> None:
        """Show only the rows holding every word of ``text`` (accents and case ignored)."""
        self.proxy.set_query(text)
        self._update_summary()

    def _keep_selection(self) -> None:
        current = self.current()
        self._kept = (current.id if current is not None else None, [r.id for r in self.selected()[:50]])

    def _restore_selection(self) -> None:
        """Select again, where the filter still shows them, the rows selected before the
        table was refiltered or re-sorted, without moving the view."""
        current_id, selected_ids = self._kept
        selection = self.table.selectionModel()
        for record_id in selected_ids:
            index = self._shown_index(record_id)
            if index.isValid():
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        index = self._shown_index(current_id) if current_id is not None else QModelIndex()
        if index.isValid():
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
        elif current_id is not None and self.proxy.rowCount():
            # the filter hid the row under the cursor: follow it to the first row it shows
            selection.setCurrentIndex(self.proxy.index(0, 0), selection.SelectionFlag.ClearAndSelect
                                      | selection.SelectionFlag.Rows)
        else:
            self.current_changed.emit(None)

    def _shown_index(self, record_id: str) -> QModelIndex:
        row = self.model.row_of(record_id)
        return self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()

    def _update_summary(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.summary.setText(f"{total} {self.noun}" if shown == total else f"{shown} of {total} {self.noun}")

    def _fit_columns(self) -> None:
        self._update_summary()
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360))

    def _current_row_changed(self, current, _previous=None) -> None:
        self.current_changed.emit(self.current())

    def _record_at(self, shown_row: int) -> Any:
        return self.model.record(self.proxy.mapToSource(self.proxy.index(shown_row, 0)).row())

    def current(self) -> Any:
        """The record under the cursor, or None."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.record(index.row()) if index.isValid() else None

    def selected(self) -> list[Any]:
        """The records of every selected row, in the order shown."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.record(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows]

    def select(self, record_id: str) -> bool:
        """Select the record with this id (clearing a filter that hides it); returns
        whether it is there."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        if not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.filter.clear()
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = QItemSelectionModel.SelectionFlag
        # not setCurrentIndex/selectRow: they follow the keys held down (Ctrl toggles a row)
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index, QTableView.ScrollHint.PositionAtCenter)
        return True

    def show_message(self, text: str, problem: bool = True) -> None:
        """Show a message above the table (red for a problem), or hide it when empty."""
        self.message.setStyleSheet(PROBLEM_STYLE if problem else NOTE_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))


PROBLEM_STYLE = "background:#FCE8E6; color:#8C1D18; border-radius:4px; padding:6px;"
NOTE_STYLE = "background:#E6F4EA; color:#0D652D; border-radius:4px; padding:6px;"


class RoleDelegate(QStyledItemDelegate):
    """Edits the role column with a list of the badge roles."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802 (Qt API)
        """A drop-down of the badge roles."""
        editor = QComboBox(parent)
        editor.addItems(ROLES)
        editor.setAccessibleName("Role")
        return editor

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:  # noqa: N802 (Qt API)
        """Over the cell, but never smaller than the drop-down needs (rows are shorter)."""
        rect = option.rect
        hint = editor.sizeHint()
        rect.setHeight(max(rect.height(), hint.height()))
        rect.setWidth(max(rect.width(), hint.width()))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: N802 (Qt API)
        """Start from the current role."""
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: N802 (Qt API)
        """Save the chosen role."""
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
