"""The onsite badge desk: search as you type, scan to check in, Enter to print, walk-ins.

One search box does everything. Typing filters the people list at every key; a QR scanner
(a keyboard wedge) types a badge code followed by Enter, which is recognised by its shape
(``CODE:id:signature``) and checks the person in. Enter on anything else prints the badge
of the selected person (and checks them in: they are standing at the desk). The window
uses large type and works full screen (F11).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.core.services import Attendee, CheckIn
from hildprint.gui import workers
from hildprint.gui.desk_following import INFO_STYLE, REFUSED_STYLE, DeskFollowing
from hildprint.gui.dialogs.person import PersonDialog
from hildprint.gui.document import EventDocument
from hildprint.gui.printing import SAVE_AS_PDF, PrintError, printer_names, send_to_printer
from hildprint.gui.runtime import SettledWindow
from hildprint.gui.widgets.desk_details import PersonDetails
from hildprint.gui.widgets.desk_parts import (
    BASE_POINT_SIZE,
    badge_image,
    clock,
    elided_lines,
    mark_icon,
    person_line,
    preview_height,
    scaled_font,
)

PRINTER_KEY = "desk/printer"
STOCK_KEY = "desk/stock"
OK_STYLE = "background:#1E7B34; color:white; border-radius:6px; padding:10px;"
WARN_STYLE = "background:#F2A900; color:black; border-radius:6px; padding:10px;"
"""Amber: printed, but something on the badge needs a look (a name shrunk to fit)."""
PREVIEW_HEIGHT = 420
PREVIEW_DELAY_MS = 120
"""The badge preview waits until typing pauses, so it never slows the search."""


class DeskWindow(DeskFollowing, SettledWindow, QMainWindow):
    """The badge desk on one event: a document (shared), or an event file (opened for the
    desk and closed with it; HildprintError when it cannot be opened).

    Badges are drawn and printed on a worker thread, one job after another (the desk's
    renderer is not to be shared across threads), so the search box never waits.
    Signals tell what happened, for whoever watches the desk (and for tests):
    ``checked_in`` (a CheckIn), ``refused`` (the message), ``printed`` (a PrintResult),
    ``results_changed`` (the number of people listed), ``preview_shown`` (a badge drawn).
    """

    checked_in = Signal(object)
    refused = Signal(str)
    printed = Signal(object)
    results_changed = Signal(int)
    preview_shown = Signal()

    def __init__(self, event: EventDocument | str | Path, settings: QSettings | None = None,
                 printers: list[str] | None = None, desk_name: str = ""):
        super().__init__()
        self.owns_document = not isinstance(event, EventDocument)
        self.document = EventDocument.opening(event, self, for_desk=True) if self.owns_document else event
        self.document.changed_elsewhere.connect(self._others_changed)
        self.document.changed.connect(lambda _records: self.show_arrivals())
        self.settings = settings or QSettings("hildprint", "hildprint")
        self.desk = services.desk_on(self.document.session, desk_name, self._remembered_stock())
        self.lane = workers.Lane()
        self.lane.submit(lambda _progress, _cancel: self.desk.warm_up())
        self.dialog: PersonDialog | None = None
        self._shown: list[Attendee] = []
        self._build(printers if printers is not None else printer_names())
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._show_preview)
        self.setWindowTitle(f"Badge desk — {self.desk.event.name}")
        self.say(f"{len(self.desk.index)} people. Type a name or scan a badge.", INFO_STYLE)
        self.show_arrivals()
        self.resize(1024, 600)
        self.search.setFocus()

    @property
    def event_path(self) -> Path:
        """The event file the desk works on."""
        return self.document.path

    # -- building ---------------------------------------------------------------------------
    def _build(self, printers: list[str]) -> None:
        self.setFont(scaled_font(self, BASE_POINT_SIZE))
        heading = QLabel(f"{self.desk.event.name} — badge desk")
        heading.setFont(scaled_font(self, BASE_POINT_SIZE + 5, bold=True))
        self.arrivals = QLabel()
        self.arrivals.setFont(scaled_font(self, BASE_POINT_SIZE + 3, bold=True))
        self.arrivals.setAccessibleName("Arrivals")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.arrivals)
        self.search = QLineEdit()
        self.search.setFont(scaled_font(self, BASE_POINT_SIZE + 11))
        self.search.setPlaceholderText("Name, affiliation or id — or scan the badge")
        self.search.setAccessibleName("Search or scan")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.show_matches)
        self.search.returnPressed.connect(self.enter)
        self.search.installEventFilter(self)
        self.results = QListWidget()
        self.results.setFont(scaled_font(self, BASE_POINT_SIZE + 3))
        self.results.setAccessibleName("People found")
        self.results.setUniformItemSizes(True)
        self.results.setSpacing(2)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        icon_size = QFontMetrics(self.results.font()).height()
        self.results.setIconSize(QSize(icon_size, icon_size))
        self._arrived_icon = mark_icon("✓", "#1E7B34", icon_size)
        self._waiting_icon = mark_icon("", "#000000", icon_size)
        self.results.currentRowChanged.connect(self._selection_changed)
        self.results.itemActivated.connect(lambda _item: self.print_selected())
        self.status = QLabel()
        self.status.setFont(scaled_font(self, BASE_POINT_SIZE + 3, bold=True))
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        columns = QHBoxLayout()
        columns.addWidget(self.results, 3)
        self.details = PersonDetails()
        self.preview = self.details.preview
        columns.addWidget(self.details, 2)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._button_row(printers))
        top.addLayout(self.choices)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self._add_actions()

    def _button_row(self, printers: list[str]) -> QHBoxLayout:
        self.print_button = QPushButton("Print badge  (Enter)")
        self.walk_in_button = QPushButton("Walk-in  (Ctrl+N)")
        self.fix_button = QPushButton("Fix name  (F2)")
        self.undo_button = QPushButton("Undo  (Ctrl+Z)")
        for button in (self.print_button, self.walk_in_button, self.fix_button, self.undo_button):
            button.setFont(scaled_font(self, BASE_POINT_SIZE + 3, bold=True))
            button.setMinimumHeight(64)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search box keeps the scanner's keys
        self.print_button.clicked.connect(self.print_selected)
        self.walk_in_button.clicked.connect(self.ask_walk_in)
        self.fix_button.clicked.connect(self.ask_fix)
        self.undo_button.clicked.connect(self.undo_check_in)
        self.printer = QComboBox()
        self.printer.setAccessibleName("Printer")
        self.printer.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.printer.addItems([*printers, SAVE_AS_PDF])
        remembered = self.settings.value(PRINTER_KEY, "")
        self.printer.setCurrentText(remembered if remembered in printers else SAVE_AS_PDF)
        self.printer.currentTextChanged.connect(self._remember_printer)
        self.stock = QComboBox()
        self.stock.setAccessibleName("Stock")
        self.stock.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        for stock in services.list_stocks():
            self.stock.addItem(stock.name)
            self.stock.setItemData(self.stock.count() - 1, f"{stock.describe()}\n{stock.description}",
                                   Qt.ItemDataRole.ToolTipRole)
        self.stock.setCurrentText(self._remembered_stock())
        self.stock.currentTextChanged.connect(self.choose_stock)
        self.choices = QFormLayout()
        self.choices.addRow("Printer:", self.printer)
        self.choices.addRow("Stock:", self.stock)
        row = QHBoxLayout()
        row.addWidget(self.print_button, 2)
        row.addWidget(self.walk_in_button, 1)
        row.addWidget(self.fix_button, 1)
        row.addWidget(self.undo_button, 1)
        return row

    def _remembered_stock(self) -> str:
        known = {stock.name for stock in services.list_stocks()}
        remembered = self.settings.value(STOCK_KEY, services.DEFAULT_STOCK)
        return remembered if remembered in known else services.DEFAULT_STOCK

    def choose_stock(self, name: str) -> None:
        """Print on this stock from now on (remembered for the next start). The renderer is
        made and warmed on the worker thread, in turn: badges asked for before are drawn
        on the old stock, those asked for after on the new one."""
        desk = self.desk
        self.lane.submit(lambda _progress, _cancel: desk.use_stock(name), lambda _done: self._stock_chosen(name),
                         self.refuse)

    def _stock_chosen(self, name: str) -> None:
        self.settings.setValue(STOCK_KEY, name)
        width, height = self.desk.badges.page_size_mm
        self.say(f"Printing on {name}: {width:g} x {height:g} mm pages.", INFO_STYLE)
        self._preview_timer.start()

    def _add_actions(self) -> None:
        for text, keys, slot in (
            ("Walk-in", QKeySequence("Ctrl+N"), self.ask_walk_in),
            ("Fix name", QKeySequence("F2"), self.ask_fix),
            ("Undo check-in", QKeySequence("Ctrl+Z"), self.undo_check_in),
            ("Full screen", QKeySequence("F11"), self.toggle_full_screen),
            ("Read the event file again", QKeySequence("F5"), self.reload),
            ("Clear", QKeySequence("Esc"), self.clear),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- searching ----------------------------------------------------------------------------
    def show_matches(self, text: str) -> None:
        """List the people matching ``text`` (nothing while a badge code is being typed)."""
        people = [] if services.looks_like_token(text) else [m.person for m in self.desk.find(text)]
        self._list(people)

    def _list(self, people: list[Attendee], select: str = "") -> None:
        self._shown = people
        self.results.blockSignals(True)
        self.results.clear()
        metrics, room = QFontMetrics(self.results.font()), self._line_room()
        for person in people:
            icon = self._arrived_icon if person.checked_in_at else self._waiting_icon
            item = QListWidgetItem(icon, elided_lines(person_line(person), metrics, room))
            item.setToolTip(person_line(person))
            self.results.addItem(item)
        self.results.blockSignals(False)
        row = next((i for i, p in enumerate(people) if p.id == select), 0) if people else -1
        self.results.setCurrentRow(row)
        self._selection_changed(row)
        self.results_changed.emit(len(people))

    def selected(self) -> Attendee | None:
        """The person selected in the list, if any."""
        row = self.results.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _selection_changed(self, row: int) -> None:
        person = self.selected()
        self.print_button.setEnabled(person is not None)
        self.undo_button.setEnabled(person is not None and bool(person.checked_in_at))
        self.fix_button.setEnabled(person is not None)
        if person is None:
            self.details.clear()
            return
        self.details.show_person(person.name, person.affiliation or "(no affiliation)", self._facts(person))
        self._preview_timer.start()

    def _facts(self, person: Attendee) -> list[str]:
        arrived = (f"checked in {clock(person.checked_in_at)}" if person.checked_in_at
                   else "not checked in yet")
        prints = self.desk.prints(person.id)
        printed = f"badge printed {len(prints)}×" if prints else "no badge printed yet"
        latin = [person.latin_name] if person.latin_name else []
        return [*latin, f"{person.role} · {person.id}", f"{arrived} · {printed}"]

    def _show_preview(self) -> None:
        """Draw the selected person's badge on the worker thread, then show it."""
        person = self.selected()
        if person is None:
            return
        room, desk = self.preview.contentsRect().size(), self.desk

        def draw(_progress, _cancel) -> tuple[str, QImage]:
            badges = desk.badges  # as the jobs before this one left it
            height = preview_height(room, badges.page_size_mm, PREVIEW_HEIGHT)
            return person.id, badge_image(badges.pdf_bytes(person), height)

        self.lane.submit(draw, self._preview_drawn, key="preview")

    def _preview_drawn(self, drawn: tuple[str, QImage]) -> None:
        attendee_id, image = drawn
        person = self.selected()
        if person is not None and person.id == attendee_id:  # not someone selected before
            room = self.preview.contentsRect().size()  # the texts beside it may have moved since
            if image.height() > room.height() or image.width() > room.width():
                image = image.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            self.preview.setPixmap(QPixmap.fromImage(image))
            self.preview_shown.emit()

    def _line_room(self) -> int:
        """How wide a line of the result list may be before it is shortened with "…"."""
        return self.results.viewport().width() - self.results.iconSize().width() - 16

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Fit the badge preview and the shortened names to the new room."""
        super().resizeEvent(event)
        if self._shown:
            self._list(self._shown, self.selected().id if self.selected() else "")
        if self.selected() is not None:
            self._preview_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Up, Down, Page Up and Page Down in the search box move through the results."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8,
                    Qt.Key.Key_PageDown: 8}.get(event.key())
            if step and self._shown:
                row = max(0, min(len(self._shown) - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    # -- Enter: scan or print -----------------------------------------------------------------
    def enter(self) -> None:
        """Enter in the search box: check in a scanned badge code, else print the selection."""
        code = self.desk.scanned_code(self.search.text())
        if code is not None:
            self.scan(code)
        else:
            self.print_selected()

    def scan(self, token_or_id: str) -> CheckIn | None:
        """Check in the person a scanned badge code (or id) names, and select them."""
        try:
            result = self.desk.check_in(token_or_id)
        except services.HildprintError as error:
            self.search.clear()
            self.refuse(f"Refused: {error}")
            return None
        self.document.note_change([result.person])
        self._show_person(result.person)
        person = result.person
        if result.first_time:
            self.say(f"✓ {person.name} checked in at {clock(result.when)}. Enter prints the badge.", OK_STYLE)
        else:
            self.say(f"✓ {person.name} was already checked in at {clock(result.when)}. "
                     "Enter prints the badge again.", OK_STYLE)
        self.checked_in.emit(result)
        return result

    def print_selected(self) -> bool:
        """Check in the selected person and print their badge on the chosen printer (or to
        PDF) on the worker thread; ``printed`` or ``refused`` tells how it went. Returns
        whether printing started."""
        person = self.selected()
        if person is None:
            self.refuse("Nobody selected: type a name or scan a badge first.")
            return False
        printer = self.printer.currentText()
        printer = None if printer == SAVE_AS_PDF else printer
        try:
            person = self.desk.person(person.id)  # as stored: another desk may have fixed it
            if not person.checked_in_at:
                person = self.desk.check_in_id(person.id).person
                self.document.note_change([person])
            send = send_to_printer(printer) if printer else None
            pdf = services.desk_pdf_path(self.event_path, person.id)
            pdf.parent.mkdir(exist_ok=True)
        except (services.HildprintError, PrintError, OSError) as error:
            self.refuse(f"Not printed: {error}")
            return False
        desk = self.desk  # its renderer is read when the job runs: after any change of stock
        self.lane.submit(lambda _progress, _cancel: services.write_desk_badge(desk.badges, person, pdf, printer, send),
                         lambda warnings: self._printed(person, pdf, printer, warnings),
                         lambda message: self.refuse(f"Not printed: {message}"))
        return True

    def _printed(self, person: Attendee, pdf: Path, printer: str | None,
                 warnings: list[services.BadgeWarning]) -> None:
        """Log a badge the worker has written (and sent), and say so."""
        try:
            result = services.log_desk_print(self.desk, person, pdf, printer, warnings)
        except services.HildprintError as error:
            self.refuse(f"Printed, but not logged: {error}")
            return
        self.document.note_change([result.person])
        if self.selected() is None or self.selected().id == person.id:
            self._show_person(result.person)
        again = f" (reprint, copy {result.record.copy})" if result.record.reprint else ""
        if result.warnings:
            self.say(f"⚠ Badge for {result.person.name} → {printer or result.pdf}{again}, but "
                     f"{result.warnings[0].message}. Fix name (F2) shortens it and prints again.", WARN_STYLE)
            self.fix_button.setStyleSheet(WARN_STYLE)
        else:
            self.say(f"✓ Badge for {result.person.name} → {printer or result.pdf}{again}.", OK_STYLE)
            self.fix_button.setStyleSheet("")
        self.printed.emit(result)

    def _show_person(self, person: Attendee) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._list([person], select=person.id)
        self.search.setFocus()

    # -- walk-ins and fixes -------------------------------------------------------------------
    def ask_walk_in(self) -> None:
        """Open the walk-in form; on Save, add the person and print their badge."""
        self.dialog = PersonDialog("Walk-in", self)
        self.dialog.accepted.connect(self._walk_in_from_dialog)
        self.dialog.open()

    def _walk_in_from_dialog(self) -> None:
        dialog = self.dialog
        self.walk_in(dialog.name.text(), dialog.affiliation.text(), dialog.role.currentText())

    def walk_in(self, name: str, affiliation: str, role: str) -> bool:
        """Add a walk-in and print their badge; returns whether printing started."""
        try:
            person = self.desk.walk_in(name, affiliation, role)
        except services.HildprintError as error:
            self.refuse(f"Walk-in not added: {error}")
            return False
        self.document.note_change([person])
        self._show_person(person)
        return self.print_selected()

    def ask_fix(self) -> None:
        """Open the correction form for the selected person; on Save, store it and reprint."""
        person = self.selected()
        if person is None:
            self.refuse("Nobody selected to correct.")
            return
        self.dialog = PersonDialog(f"Fix {person.id}", self, person)
        self.dialog.accepted.connect(lambda: self._fix_from_dialog(person))
        self.dialog.open()

    def _fix_from_dialog(self, person: Attendee) -> None:
        dialog = self.dialog
        self.fix(person.id, dialog.name.text(), dialog.affiliation.text(), dialog.role.currentText())

    def fix(self, attendee_id: str, name: str, affiliation: str, role: str) -> bool:
        """Save a corrected name, affiliation and role, then print the badge again;
        returns whether printing started."""
        try:
            person = self.desk.fix_name(attendee_id, name, affiliation=affiliation, role=role)
        except services.HildprintError as error:
            self.refuse(f"Not saved: {error}")
            return False
        self.document.note_change([person])
        self._show_person(person)
        return self.print_selected()

    # -- the rest -----------------------------------------------------------------------------
    def say(self, message: str, style: str) -> None:
        """Show a message in the status line."""
        self.status.setStyleSheet(style)
        self.status.setText(message)

    def refuse(self, message: str) -> None:
        """Show a refusal in red and tell watchers."""
        self.say(f"✗ {message}", REFUSED_STYLE)
        self.refused.emit(message)

    def clear(self) -> None:
        """Empty the search box and the list, ready for the next person."""
        self.search.clear()
        self.search.setFocus()

    def toggle_full_screen(self) -> None:
        """Switch between full screen and a window."""
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _remember_printer(self, name: str) -> None:
        self.settings.setValue(PRINTER_KEY, name)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Finish (and log) the badges being printed, then close the event file if the desk
        opened it."""
        self.lane.finish()
        if self.owns_document:
            self.document.close()
        super().closeEvent(event)
