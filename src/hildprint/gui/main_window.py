"""The organiser's main window: one event file, its people, papers and programme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHeaderView,
    QLabel, QLineEdit, QMainWindow, QMessageBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from hildprint.core import services
from hildprint.core.model import Event
from hildprint.core.store import EventStore, StoreError
from hildprint.gui.table_models import (
    RecordTableModel, attendee_model, paper_model, session_columns, session_model,
)

APP_NAME = "hildprint"
EVENT_FILTER = "hildprint events (*.hildprint)"
RECENT_KEY = "recent_events"
MAX_RECENT = 8


class RecordView(QWidget):
    """A sortable table of one kind of record, with a one-line summary above it."""

    def __init__(self, model: RecordTableModel, noun: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.noun = noun
        self.summary = QLabel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # with no indicator: the file's order until a click
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(f"{noun} table")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        model.modelReset.connect(self._update_summary)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(f"{self.model.rowCount()} {self.noun}")
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 360))


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
    """The main window. ``event_opened`` fires with the path whenever an event is loaded."""

    event_opened = Signal(str)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        self.store: EventStore | None = None
        self.attendees = RecordView(attendee_model(), "attendees")
        self.papers = RecordView(paper_model(), "papers")
        self.programme = RecordView(session_model(), "sessions")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attendees, "&Attendees")
        self.tabs.addTab(self.papers, "&Papers")
        self.tabs.addTab(self.programme, "P&rogramme")
        self.setCentralWidget(self.tabs)
        self.recent_menu = None
        self.desk_window = None
        self._build_menus()
        self._show_title()
        self.resize(1200, 720)

    # -- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for text, shortcut, slot in (
            ("&New event…", QKeySequence.StandardKey.New, self.ask_new_event),
            ("&Open event…", QKeySequence.StandardKey.Open, self.ask_open_event),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.desk_action = QAction("Badge &desk…", self)
        self.desk_action.setShortcut(QKeySequence("Ctrl+D"))
        self.desk_action.setEnabled(False)
        self.desk_action.triggered.connect(self.open_desk)
        file_menu.addAction(self.desk_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

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
        self.desk_action.setEnabled(True)
        self.reload()
        self._remember(store.path.resolve())
        self.event_opened.emit(str(store.path))
        return True

    def reload(self) -> None:
        """Read every record again from the open event file."""
        if self.store is None:
            return
        self.attendees.model.set_records(self.store.attendees())
        self.papers.model.set_records(self.store.papers())
        rooms = self.store.rooms()
        self.programme.model.set_records(self.store.sessions(), session_columns(rooms))
        self._show_title()

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
        """Close the event file with the window."""
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)


def _with_suffix(path: str) -> Path:
    p = Path(path)
    return p if p.suffix == ".hildprint" else p.with_name(p.name + ".hildprint")
