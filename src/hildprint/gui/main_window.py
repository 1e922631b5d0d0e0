"""The organiser's main window: one event file, its people, papers and programme."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.gui.desk_window import DeskWindow
from hildprint.gui.dialogs.import_wizard import ImportWizard
from hildprint.gui.dialogs.new_event import NewEventDialog
from hildprint.gui.document import EventDocument
from hildprint.gui.edits import WindowEdits, poster_folder_summary
from hildprint.gui.history import History
from hildprint.gui.menus import build_menus
from hildprint.gui.runtime import SettledWindow
from hildprint.gui.widgets.banner import Banner
from hildprint.gui.widgets.posters import PostersView
from hildprint.gui.widgets.preview import PreviewPane
from hildprint.gui.widgets.print_run import PrintView
from hildprint.gui.widgets.record_view import RecordView, RoleDelegate
from hildprint.gui.widgets.start_page import StartPage, sample_event_path
from hildprint.gui.widgets.table_models import (
    attendee_model,
    paper_model,
    session_columns,
    session_model,
)

APP_NAME = "hildprint"
EVENT_FILTER = "hildprint events (*.hildprint)"
RECENT_KEY = "recent_events"
MAX_RECENT = 8
ATTENDEE_ROLE_COLUMN = 2
PREVIEW_WIDTH = 400
ELSEWHERE_NOTICE = "Updated with changes saved by another program (the command line, another desk)."


class MainWindow(SettledWindow, QMainWindow):
    """The organiser's workspace on one event file. The event file is the document: every
    edit is saved at once, so closing never loses anything.

    ``event_opened`` fires with the path whenever an event is loaded.
    """

    event_opened = Signal(str)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings(APP_NAME, APP_NAME)
        self.document = EventDocument(self)
        self.history = History(self.document, self)
        self.history.failed.connect(lambda message: self._tell(message, True))
        self.history.done.connect(lambda message: self._tell(message, False))
        self.edits = WindowEdits(self.document, self.history, self, self._tell)
        self.attendees = RecordView(attendee_model(saver=self.edits.save_attendee_cell), "attendees")
        self.attendees.table.setItemDelegateForColumn(ATTENDEE_ROLE_COLUMN, RoleDelegate(self))
        self.attendees.model.edit_refused.connect(self._edit_refused)
        self.attendees.model.edit_saved.connect(self._edit_saved)
        self.attendees.open_requested.connect(lambda _person: self._edit_name())
        self.papers = RecordView(paper_model(), "papers")
        self.papers.table.enable_poster_drops()
        self.papers.open_requested.connect(self.edits.edit_paper)
        self.papers.file_dropped.connect(self.edits.attach_poster)
        self.programme = RecordView(session_model(), "sessions")
        self.programme.open_requested.connect(self.edits.edit_session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self._add_views()
        self._add_pages()
        self._add_preview()
        self.recent_menu = None
        self.desk_window = None
        self.import_wizard: ImportWizard | None = None
        self.setAcceptDrops(True)
        self.event_actions: list[QAction] = []
        self._build_menus()
        self._follow_document()
        self._show_title()
        self._enable_event_actions()
        self.preview_dock.hide()  # until an event is open: the start page needs no preview
        self.resize(1366, 768)

    def _add_views(self) -> None:
        self.tabs.addTab(self.attendees, "&Attendees")
        self.tabs.addTab(self.papers, "&Papers")
        self.tabs.addTab(self.programme, "P&rogramme")
        self.posters = PostersView(self.document)
        self.tabs.addTab(self.posters, "Po&sters")
        self.printing = PrintView(self.document, lambda: [p.id for p in self.attendees.selected()])
        self.printing.person_chosen.connect(self.show_person)
        self.tabs.addTab(self.printing, "Pr&int")

    def _add_pages(self) -> None:
        """The start page until an event is open, then the banner over the views."""
        self.banner = Banner()
        workspace = QWidget()
        column = QVBoxLayout(workspace)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.start_page = StartPage()
        self.start_page.open_recent.connect(self.open_event)
        self.start_page.new_event.connect(self.ask_new_event)
        self.start_page.open_other.connect(self.ask_open_event)
        self.start_page.open_sample.connect(self.open_sample_event)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(workspace)
        self.workspace = workspace
        self.setCentralWidget(self.pages)

    def _add_preview(self) -> None:
        self.preview = PreviewPane(self.document, self.settings)
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
        self.tabs.currentChanged.connect(self._preview_current)

    def _follow_document(self) -> None:
        self.document.opened.connect(self._event_opened)
        self.document.changed.connect(self._records_changed)
        self.document.changed_elsewhere.connect(lambda: self.banner.show_text(ELSEWHERE_NOTICE))
        self.document.closed.connect(self._event_closed)

    def _preview_current(self, *_changed) -> None:
        """Preview the record under the cursor of the view shown (other views' changes wait)."""
        shows = {self.attendees: self.preview.show_badge, self.programme: self.preview.show_door_sign,
                 self.papers: self.preview.show_board_label}
        view = self.tabs.currentWidget()
        self.preview_dock.setVisible(view in shows and self.document.is_open)
        if view in shows and self.document.is_open:
            shows[view](view.current())  # None: the pane says nobody is selected

    # -- menus ---------------------------------------------------------------------------
    def _action(self, menu, text: str, shortcut, slot, needs_event: bool = False) -> QAction:
        """Add a command to ``menu``; with ``needs_event`` it is enabled only while an event is open."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        if needs_event:
            self.event_actions.append(action)
        return action

    def _build_menus(self) -> None:
        build_menus(self)

    def _enable_event_actions(self) -> None:
        for action in self.event_actions:
            action.setEnabled(self.document.is_open)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_events():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_event(p))
        self.recent_menu.setEnabled(bool(self.recent_events()))
        self.start_page.show_recent(self.recent_events())

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
    def start_folder(self) -> str:
        """Where file dialogs start: beside the open event file, else beside the last one,
        else in the documents folder."""
        if self.document.is_open:
            return str(self.document.path.parent)
        recent = self.recent_events()
        if recent:
            return str(Path(recent[0]).parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def ask_new_event(self) -> None:
        """Ask for an event's details and where to save it, then create and open it."""
        dialog = NewEventDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        suggested = str(Path(self.start_folder()) / f"{dialog.event_details().name or 'event'}.hildprint")
        path, _ = QFileDialog.getSaveFileName(self, "Save the new event as", suggested, EVENT_FILTER)
        if path:
            self.create_event(_with_suffix(path), dialog.event_details(), dialog.settings().second_language)

    def ask_open_event(self) -> None:
        """Ask for an event file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open an event", self.start_folder(), EVENT_FILTER)
        if path:
            self.open_event(path)

    def open_sample_event(self) -> bool:
        """Open the invented HiLD 2026 sample event (made in the app's data folder at first)."""
        try:
            return self.open_event(sample_event_path())
        except (services.HildprintError, OSError) as error:
            self._complain(f"The sample event could not be made: {error}")
            return False

    def create_event(self, path: str | Path, event: services.Event, second_language: str = "") -> bool:
        """Create an event file and open it; returns whether it worked."""
        try:
            self.document.create(path, event)
            if second_language:
                services.save_event_settings(self.document.session, services.EventSettings(
                    self.document.event, second_language))
        except services.HildprintError as error:
            self._complain(str(error))
            return False
        return True

    def open_event(self, path: str | Path) -> bool:
        """Open an event file and show its records; returns whether it worked."""
        try:
            self.document.open(path)
        except services.HildprintError as error:
            self._complain(str(error))
            return False
        return True

    def _event_opened(self) -> None:
        path = self.document.path
        self.banner.hide()
        self.pages.setCurrentWidget(self.workspace)
        self._enable_event_actions()
        self.reload()
        self._remember(path.resolve() if self.document.source == path else self.document.source)
        self.event_opened.emit(str(path))

    def _event_closed(self) -> None:
        self.banner.hide()
        self.pages.setCurrentWidget(self.start_page)
        self._enable_event_actions()
        self.preview_dock.hide()

    def reload(self) -> None:
        """Read every record again from the open event file, keeping each view's selection."""
        session = self.document.session
        if session is None:
            return
        session.forget()
        current = {view: view.current() for view in (self.attendees, self.papers, self.programme)}
        self.attendees.model.set_records(session.attendees)
        self.papers.model.set_records(session.papers)
        self.programme.model.set_records(session.sessions, session_columns(session.rooms))
        self.preview.room_names = {room.id: room.name for room in session.rooms}
        for view, record in current.items():
            if record is not None:
                view.select(record.id)
            if view.model.rowCount() and not view.table.currentIndex().isValid():
                view.table.selectRow(0)  # something to preview from the start
        self._show_title()

    def _records_changed(self, records: list | None) -> None:
        """Show what was saved: these records in their rows, or everything read again."""
        if records is None:
            self.reload()
            return
        views = {services.Attendee: self.attendees, services.Paper: self.papers, services.Session: self.programme}
        for kind, view in views.items():
            view.model.update_records([r for r in records if isinstance(r, kind)])
        self._preview_current()

    # -- editing ---------------------------------------------------------------------------
    def _tell(self, message: str, problem: bool = False) -> None:
        """Show what a change did in the status bar (a refusal also above the table)."""
        self.statusBar().showMessage(message, 10_000 if problem else 5_000)
        view = self.tabs.currentWidget()
        if isinstance(view, RecordView):
            view.show_message(message if problem else "")

    def shown_table(self) -> RecordView | None:
        """The table of records shown (attendees, papers or programme), if one is."""
        view = self.tabs.currentWidget()
        return view if view in (self.attendees, self.papers, self.programme) else None

    def ask_add(self, view: RecordView) -> None:
        """Show ``view`` and ask for a new record of its kind; select it once added."""
        self.tabs.setCurrentWidget(view)
        adding = {self.attendees: self.edits.add_attendee, self.papers: self.edits.add_paper,
                  self.programme: self.edits.add_session}[view]
        record = adding()
        if record is not None:
            view.select(record.id)

    def _edit_name(self) -> None:
        """Enter on a read-only attendee cell (email, id) edits the name instead."""
        table = self.attendees.table
        table.edit(table.currentIndex().siblingAtColumn(0))

    def edit_current(self) -> None:
        """Edit the row under the cursor: a person's cell in place, a paper or session in its form."""
        view = self.shown_table()
        if view is None or view.current() is None:
            return
        if view is self.attendees:
            view.table.setFocus()
            view.table.edit(view.table.currentIndex())
        else:
            view.open_requested.emit(view.current())

    def delete_selected(self) -> int:
        """Delete the selected rows of the table shown (Ctrl+Z puts them back)."""
        view = self.shown_table()
        return self.edits.delete(view.selected()) if view is not None else 0

    def _edit_refused(self, message: str) -> None:
        self.attendees.show_message(f"Not saved: {message}")
        self.statusBar().showMessage(f"Not saved: {message}", 10_000)

    def _edit_saved(self, person: services.Attendee) -> None:
        self.attendees.show_message("")
        self.statusBar().showMessage(f"Saved {person.name} ({person.id}) in {self.document.path.name}", 5_000)
        self.document.note_change([person])

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
        if not self.document.is_open:
            self._complain("Open or create an event before importing.")
            return
        kind = {self.papers: "papers", self.programme: "schedule"}.get(self.tabs.currentWidget(), "attendees")
        self.import_wizard = ImportWizard(self.document, path, kind, self)
        self.import_wizard.imported.connect(self._imported)
        self.import_wizard.open()

    def _imported(self, report: services.ImportReport) -> None:
        if self.import_wizard is not None and self.import_wizard.snapshots is not None:
            self.edits.record_snapshots(f"import {Path(report.result.file).name}", *self.import_wizard.snapshots)
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
        elif self.tabs.currentWidget() is self.papers and Path(paths[0]).is_dir():
            self.attach_poster_folder(paths[0])
        else:
            self.ask_import(paths[0])

    def attach_poster_folder(self, folder: str | Path) -> services.FolderMatch | None:
        """Give each paper its poster file from ``folder``, matched by name (undoable); what
        could not be matched, or could be two papers', is listed above the papers."""
        try:
            match = self.edits.attach_poster_folder(folder)
        except services.HildprintError as error:
            self.papers.show_message(f"No posters attached: {error}")
            return None
        self.papers.show_message(poster_folder_summary(match), problem=bool(
            match.unmatched or match.ambiguous or match.contested))
        return match

    def ask_export(self) -> None:
        """Export the table shown (attendees, papers or sessions) to CSV or Excel."""
        what = {self.attendees: "attendees", self.papers: "papers", self.programme: "sessions"}.get(
            self.tabs.currentWidget(), "attendees")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {what}", str(Path(self.start_folder()) / f"{what}.csv"),
                                              "CSV (*.csv);;Excel (*.xlsx)")
        if path and self.document.is_open:
            self.export(what, path)

    def ask_posters(self) -> None:
        """Show the posters view and choose files to check."""
        self.tabs.setCurrentWidget(self.posters)
        self.posters.ask_files()

    def export(self, what: str, path: str | Path) -> int:
        """Export one kind of record to ``path``; returns the count (-1 when refused)."""
        try:
            done = services.export_records(self.document.session, what, path)
        except (services.HildprintError, OSError) as error:
            self._complain(f"Not exported: {error}")
            return -1
        note = f" ({'; '.join(done.warnings)})" if done.warnings else ""
        self.statusBar().showMessage(f"Exported {done.count} {what} to {path}{note}", 10_000)
        return done.count

    def open_desk(self) -> None:
        """Open the onsite badge desk on the current event file, in its own window."""
        if not self.document.is_open:
            return
        try:
            self.desk_window = DeskWindow(self.document.source, self.settings)
        except services.HildprintError as error:
            self._complain(str(error))
            return
        self._writes_as_this_program(self.desk_window)
        self.desk_window.showMaximized()

    def _writes_as_this_program(self, window) -> None:
        """What ``window`` (a desk, the designer) saves is this program's change, not
        another's: no notice; the views read it in when the window closes."""
        self.document.begin_own_writes()
        window.destroyed.connect(lambda _window: self.document.end_own_writes())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def open_designer(self) -> None:
        """Open the badge designer on the current event file, in its own window."""
        if not self.document.is_open:
            return
        from hildprint.gui.designer.window import DesignerWindow

        try:
            self.designer_window = DesignerWindow(self.document.path, parent=None)
        except services.HildprintError as error:
            self._complain(str(error))
            return
        self._writes_as_this_program(self.designer_window)
        self.designer_window.show()

    def _show_title(self) -> None:
        if not self.document.is_open:
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{self.document.event.name} — {self.document.path.name} — {APP_NAME}")

    def _complain(self, message: str) -> None:
        message = services.one_line(message)
        self.statusBar().showMessage(message, 10_000)
        QMessageBox.warning(self, APP_NAME, message)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Close the event file with the window (every edit is already saved)."""
        self.preview.wait()
        self.posters.wait()
        self.printing.wait()
        if self.import_wizard is not None:
            self.import_wizard.reading.close()
        self.document.close()
        super().closeEvent(event)


def _with_suffix(path: str) -> Path:
    p = Path(path)
    return p if p.suffix == ".hildprint" else p.with_name(p.name + ".hildprint")

