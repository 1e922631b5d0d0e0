"""The organiser's main window: one event file, its people, papers and programme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.core.domain.model import ROLES, Attendee, Event
from hildprint.core.store.sqlite import EventStore, StoreError
from hildprint.gui.table_models import (
    FoldedFilterProxy,
    RecordTableModel,
    attendee_model,
    paper_model,
    session_columns,
    session_model,
)

APP_NAME = "hildprint"
WATCH_INTERVAL_MS = 1000
"""How often the window looks whether another program changed the event file."""
EVENT_FILTER = "hildprint events (*.hildprint)"
RECENT_KEY = "recent_events"
MAX_RECENT = 8


class RecordView(QWidget):
    """A sortable, filterable table of one kind of record, with a filter box and a one-line
    summary above it. ``current_changed`` fires with the record under the cursor (or None)."""

    current_changed = Signal(object)

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
        table = QTableView()
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
        table.setEditTriggers(QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
                              | QTableView.EditTrigger.AnyKeyPressed)
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
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
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

    def setEditorData(self, editor: QComboBox, index) -> None:  # noqa: N802 (Qt API)
        """Start from the current role."""
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QComboBox, model, index) -> None:  # noqa: N802 (Qt API)
        """Save the chosen role."""
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class NewEventDialog(QDialog):
    """Asks for the details of a new event."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New event")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. HiLD 2026")
        self.name.setAccessibleName("Event name")
        today = QDate.currentDate()
        self.start = QDateEdit(today)
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.venue = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(_time_zones())
        self.timezone.setCurrentText("UTC")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&First day", self.start)
        form.addRow("&Last day", self.end)
        form.addRow("&Venue", self.venue)
        form.addRow("&Time zone", self.timezone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept_if_named(self) -> None:
        if self.name.text().strip():
            self.accept()
        else:
            self.name.setFocus()

    def event_details(self) -> Event:
        """The event described by the form."""
        return Event(
            name=self.name.text().strip(),
            start_date=self.start.date().toString("yyyy-MM-dd"),
            end_date=self.end.date().toString("yyyy-MM-dd"),
            venue=self.venue.text().strip(),
            timezone=self.timezone.currentText().strip() or "UTC",
        )


def _time_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())


class MainWindow(QMainWindow):
    """The organiser's workspace on one event file. The event file is the document: every
    edit is saved at once, so closing never loses anything.

    ``event_opened`` fires with the path whenever an event is loaded.
    """

    event_opened = Signal(str)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        self.store: EventStore | None = None
        self.attendees = RecordView(attendee_model(saver=self._save_attendee_edit), "attendees")
        self.attendees.table.setItemDelegateForColumn(ATTENDEE_ROLE_COLUMN, RoleDelegate(self))
        self.attendees.model.edit_refused.connect(self._edit_refused)
        self.attendees.model.edit_saved.connect(self._edit_saved)
        self.papers = RecordView(paper_model(), "papers")
        self.programme = RecordView(session_model(), "sessions")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self._add_views()
        self.setCentralWidget(self.tabs)
        self._add_preview()
        self.recent_menu = None
        self.desk_window = None
        self.import_wizard = None
        self.setAcceptDrops(True)
        self.event_actions: list[QAction] = []
        self._build_menus()
        self._show_title()
        self._enable_event_actions()
        self.resize(1366, 768)
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_INTERVAL_MS)
        self.watch.timeout.connect(self.reload_if_changed_elsewhere)
        self.watch.start()

    def _add_views(self) -> None:
        self.tabs.addTab(self.attendees, "&Attendees")
        self.tabs.addTab(self.papers, "&Papers")
        self.tabs.addTab(self.programme, "P&rogramme")
        from hildprint.gui.posters import PostersView

        self.posters = PostersView()
        self.tabs.addTab(self.posters, "Po&sters")
        from hildprint.gui.print_run import PrintView

        self.printing = PrintView(lambda: [p.id for p in self.attendees.selected()], self._badge_design)
        self.printing.person_chosen.connect(self.show_person)
        self.tabs.addTab(self.printing, "Pr&int")

    def _add_preview(self) -> None:
        from hildprint.gui.preview import PreviewPane

        self.preview = PreviewPane(self.settings)
        dock = QDockWidget("Preview", self)
        dock.setObjectName("preview")
        dock.setWidget(self.preview)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [PREVIEW_WIDTH], Qt.Orientation.Horizontal)
        self.preview_dock = dock
        for view in (self.attendees, self.papers, self.programme):
            view.current_changed.connect(self._preview_current)
        self.attendees.model.edit_saved.connect(self._preview_current)
        self.tabs.currentChanged.connect(self._preview_current)

    def _badge_design(self) -> tuple[str, str]:
        return self.preview.stock.currentText(), self.preview.template.currentText()

    def _preview_current(self, *_changed) -> None:
        """Preview the record under the cursor of the view shown (other views' changes wait)."""
        shows = {self.attendees: self.preview.show_badge, self.programme: self.preview.show_door_sign,
                 self.papers: self.preview.show_board_label}
        view = self.tabs.currentWidget()
        self.preview_dock.setVisible(view in shows)
        if view in shows and view.current() is not None:
            shows[view](view.current())

    # -- menus ---------------------------------------------------------------------------
    def _action(self, menu, text: str, shortcut, slot, needs_event: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        if needs_event:
            self.event_actions.append(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New event…", QKeySequence.StandardKey.New, self.ask_new_event)
        self._action(file_menu, "&Open event…", QKeySequence.StandardKey.Open, self.ask_open_event)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._fill_recent_menu()
        file_menu.addSeparator()
        self._action(file_menu, "&Import…", "Ctrl+I", self.ask_import, needs_event=True)
        self._action(file_menu, "&Export this table…", "Ctrl+E", self.ask_export, needs_event=True)
        self._action(file_menu, "Check &posters…", "Ctrl+Shift+K", self.ask_posters)
        self._action(file_menu, "&Print run…", QKeySequence.StandardKey.Print,
                     lambda: self.tabs.setCurrentWidget(self.printing), needs_event=True)
        file_menu.addSeparator()
        self.desk_action = self._action(file_menu, "Badge &desk…", "Ctrl+D", self.open_desk, needs_event=True)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", "Ctrl+Q", self.close)
        view_menu = self.menuBar().addMenu("&View")
        self._action(view_menu, "&Filter the table", QKeySequence.StandardKey.Find, self.focus_filter)
        self._action(view_menu, "&Reload", QKeySequence.StandardKey.Refresh, self.reload, needs_event=True)
        for number in range(self.tabs.count()):
            label = self.tabs.tabText(number).replace("&", "")
            self._action(view_menu, label, f"Ctrl+{number + 1}",
                         lambda _=False, n=number: self.tabs.setCurrentIndex(n))

    def _enable_event_actions(self) -> None:
        for action in self.event_actions:
            action.setEnabled(self.store is not None)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_events():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_event(p))
        self.recent_menu.setEnabled(bool(self.recent_events()))

    def recent_events(self) -> list[str]:
        """Recently opened event files that still exist, newest first."""
        stored = self.settings.value(RECENT_KEY, []) or []
        if isinstance(stored, str):
            stored = [stored]
        return [p for p in stored if Path(p).is_file()]

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent_events() if p != str(path)]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self._fill_recent_menu()

    def focus_filter(self) -> None:
        """Put the cursor in the filter box of the table shown."""
        view = self.tabs.currentWidget()
        if isinstance(view, RecordView):
            view.filter.setFocus()
            view.filter.selectAll()

    # -- opening and creating --------------------------------------------------------------
    def ask_new_event(self) -> None:
        """Ask for an event's details and where to save it, then create and open it."""
        dialog = NewEventDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the new event as", "", EVENT_FILTER)
        if path:
            self.create_event(_with_suffix(path), dialog.event_details())

    def ask_open_event(self) -> None:
        """Ask for an event file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open an event", "", EVENT_FILTER)
        if path:
            self.open_event(path)

    def create_event(self, path: str | Path, event: Event) -> bool:
        """Create an event file and open it; returns whether it worked."""
        try:
            services.create_event(path, event)
        except StoreError as error:
            self._complain(str(error))
            return False
        return self.open_event(path)

    def open_event(self, path: str | Path) -> bool:
        """Open an event file and show its records; returns whether it worked."""
        try:
            store = EventStore.open(path)
        except StoreError as error:
            self._complain(str(error))
            return False
        if self.store is not None:
            self.store.close()
        self.store = store
        store.changed_elsewhere()  # note the file's state now, so later changes are seen
        self._enable_event_actions()
        self.preview.set_event(store.path, store.event)
        self.printing.set_event(store.path)
        self.reload()
        self._remember(store.path.resolve())
        self.event_opened.emit(str(store.path))
        return True

    def reload_if_changed_elsewhere(self) -> bool:
        """Show what another program (the command line, a desk) saved meanwhile; returns
        whether there was anything."""
        try:
            changed = self.store is not None and self.store.changed_elsewhere()
        except StoreError:
            return False  # busy right now: look again at the next tick
        if changed:
            self.reload()
            self.attendees.show_message("Updated with changes saved by another program.", problem=False)
        return changed

    def reload(self) -> None:
        """Read every record again from the open event file, keeping each view's selection."""
        if self.store is None:
            return
        current = {view: view.current() for view in (self.attendees, self.papers, self.programme)}
        self.attendees.model.set_records(self.store.attendees())
        self.papers.model.set_records(self.store.papers())
        rooms = self.store.rooms()
        self.programme.model.set_records(self.store.sessions(), session_columns(rooms))
        self.preview.room_names = {room.id: room.name for room in rooms}
        for view, record in current.items():
            if record is not None:
                view.select(record.id)
            if view.model.rowCount() and not view.table.currentIndex().isValid():
                view.table.selectRow(0)  # something to preview from the start
        self._show_title()

    # -- editing ---------------------------------------------------------------------------
    def _save_attendee_edit(self, person: Attendee, field: str, value: str) -> Attendee:
        if self.store is None:
            raise StoreError("no event file is open")
        return services.edit_attendee(services.EventSession(self.store), person.id, field, value)

    def _edit_refused(self, message: str) -> None:
        self.attendees.show_message(f"Not saved: {message}")
        self.statusBar().showMessage(f"Not saved: {message}", 10_000)

    def _edit_saved(self, person: Attendee) -> None:
        self.attendees.show_message("")
        self.statusBar().showMessage(f"Saved {person.name} ({person.id}) in {self.store.path.name}", 5_000)

    def show_person(self, attendee_id: str) -> bool:
        """Switch to the attendees and select this person; returns whether they are there."""
        self.tabs.setCurrentWidget(self.attendees)
        found = self.attendees.select(attendee_id)
        if found:
            self.attendees.table.setFocus()
        return found

    # -- import, export, desk ----------------------------------------------------------------
    def ask_import(self, path: str | Path = "") -> None:
        """Open the import wizard (on ``path`` when a file was dropped); the kind of
        records follows the view shown."""
        if self.store is None:
            self._complain("Open or create an event before importing.")
            return
        from hildprint.gui.import_wizard import ImportWizard

        kind = {self.papers: "papers", self.programme: "schedule"}.get(self.tabs.currentWidget(), "attendees")
        self.import_wizard = ImportWizard(self.store.path, self.store.event.timezone, path, kind, self)
        self.import_wizard.imported.connect(self._imported)
        self.import_wizard.open()

    def _imported(self, report: services.ImportReport) -> None:
        self.reload()
        counts = report.counts
        self.statusBar().showMessage(
            f"Imported {Path(report.result.file).name}: {counts.added} added, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {len(report.result.rejected)} rejected", 15_000)
        view = {"papers": self.papers, "schedule": self.programme}.get(report.result.kind, self.attendees)
        self.tabs.setCurrentWidget(view)

    # -- dropping files ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Accept files dropped from a file manager."""
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """A dropped file is imported (posters go to the poster check)."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.drop_files(paths)

    def drop_files(self, paths: list[str]) -> None:
        """What dropping ``paths`` on the window does: on the posters view, check them;
        elsewhere, start importing the first file."""
        if self.tabs.currentWidget() is self.posters:
            self.posters.check(paths)
        else:
            self.ask_import(paths[0])

    def ask_export(self) -> None:
        """Export the table shown (attendees, papers or sessions) to CSV or Excel."""
        what = {self.attendees: "attendees", self.papers: "papers", self.programme: "sessions"}.get(
            self.tabs.currentWidget(), "attendees")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {what}", f"{what}.csv",
                                              "CSV (*.csv);;Excel (*.xlsx)")
        if path and self.store is not None:
            self.export(what, path)

    def ask_posters(self) -> None:
        """Show the posters view and choose files to check."""
        self.tabs.setCurrentWidget(self.posters)
        self.posters.ask_files()

    def export(self, what: str, path: str | Path) -> int:
        """Export one kind of record to ``path``; returns the count (-1 when refused)."""
        from hildprint.core.export import ExportError

        try:
            count = services.export_records(self.store.path, what, path)
        except (ExportError, StoreError, OSError) as error:
            self._complain(f"Not exported: {error}")
            return -1
        self.statusBar().showMessage(f"Exported {count} {what} to {path}", 10_000)
        return count

    def open_desk(self) -> None:
        """Open the onsite badge desk on the current event file, in its own window."""
        if self.store is None:
            return
        from hildprint.gui.desk import DeskWindow

        try:
            self.desk_window = DeskWindow(self.store.path, self.settings)
        except StoreError as error:
            self._complain(str(error))
            return
        self.desk_window.destroyed.connect(self.reload)
        self.desk_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.desk_window.showMaximized()

    def _show_title(self) -> None:
        if self.store is None:
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{self.store.event.name} — {self.store.path.name} — {APP_NAME}")

    def _complain(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        QMessageBox.warning(self, APP_NAME, message)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Close the event file with the window (every edit is already saved)."""
        self.preview.wait()
        self.posters.wait()
        self.printing.wait()
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


ATTENDEE_ROLE_COLUMN = 2
PREVIEW_WIDTH = 400


def _with_suffix(path: str) -> Path:
    p = Path(path)
    return p if p.suffix == ".hildprint" else p.with_name(p.name + ".hildprint")
