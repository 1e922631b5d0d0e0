"""The print view: choose documents, whose badges and an output folder; check names
before printing; run on a worker thread with progress and Cancel; open the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.core.services import ROLES, BadgeWarning
from hildprint.gui import workers
from hildprint.gui.document import EventDocument
from hildprint.gui.widgets.preview import PageView, page_image

DOCUMENT_NAMES = {"badges": "&Badges", "door-signs": "&Door signs (one per room per day)",
                  "programme": "P&rogramme poster (A2)", "board-labels": "Poster-board &labels",
                  "guidelines": "Poster &guidelines"}
EVERYONE = "Everyone"
SELECTED = "The people selected in Attendees"
SAMPLE_SIDE_PX = 220
"""The long side of the small badge preview on the print view."""


class PrintView(QWidget):
    """Print runs for the document's event file (the run reads it on a worker thread,
    through its own connection). ``checked`` fires with the badge warnings of a
    check; ``finished`` with the PrintOutcome of a run (cancelled or not);
    ``person_chosen`` with an attendee id when a warning is double-clicked. Badges are
    printed on the stock and template chosen here, shown with a small preview of the first
    badge of the run; ``sample_shown`` fires with that person's name once it is drawn."""

    checked = Signal(list)
    finished = Signal(object)
    person_chosen = Signal(str)
    sample_shown = Signal(str)

    def __init__(self, document: EventDocument, selected_ids: Callable[[], list[str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        document.opened.connect(lambda: self.set_event(document.path))
        self.selected_ids = selected_ids
        self.sample_task: workers.Task | None = None
        self._sample_serial = 0
        self._make_badge_design()
        self.event_path: Path | None = None
        self.workers: int | None = None
        """Badge worker processes (None: one per core)."""
        self.task: workers.Task | None = None
        self.outcome: services.PrintOutcome | None = None
        self.documents = {name: QCheckBox(text) for name, text in DOCUMENT_NAMES.items()}
        for box in self.documents.values():
            box.setChecked(True)
        self.who = QComboBox()
        self.who.setAccessibleName("Whose badges")
        self.who.addItems([EVERYONE, SELECTED, *(f"Role: {role}" for role in ROLES)])
        self.who.currentTextChanged.connect(self.show_sample)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Output folder")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Print progress")
        self.status = QLabel("Choose what to print, check the names, then print.")
        self.status.setWordWrap(True)
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings before printing")
        self.warnings.itemActivated.connect(self._warning_chosen)
        self.warnings.itemDoubleClicked.connect(self._warning_chosen)
        layout = QHBoxLayout(self)
        layout.addLayout(self._choices(), 2)
        layout.addLayout(self._warning_column(), 3)

    def _choices(self) -> QVBoxLayout:
        documents = QGroupBox("Documents")
        box_layout = QVBoxLayout(documents)
        for name, box in self.documents.items():
            box_layout.addWidget(box)
            if name == "badges":
                who = QFormLayout()
                who.setContentsMargins(24, 0, 0, 0)
                who.addRow("&For:", self.who)
                who.addRow("&Stock:", self.stock)
                who.addRow("&Template:", self.template)
                who.addRow(self.stock_note)
                who.addRow(self.sample)
                box_layout.addLayout(who)
        browse = self._button("&Choose…", "Choose the output folder", self.ask_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.check_button = self._button("Check &names", "Check names before printing", self.check)
        self.print_button = self._button("Print  (Ctrl+Enter)", "Print the chosen documents", self.start)
        self.cancel_button = self._button("Cancel", "Cancel the print run", self.cancel)
        self.open_folder_button = self._button("Open folder", "Open the output folder", self.open_folder)
        self.open_pdf_button = self._button("Open PDF", "Open the first PDF", self.open_pdf)
        self.print_button.setShortcut("Ctrl+Return")
        self.cancel_button.setShortcut("Escape")
        for button in (self.cancel_button, self.open_folder_button, self.open_pdf_button):
            button.setEnabled(False)
        actions = QHBoxLayout()
        for button in (self.check_button, self.print_button, self.cancel_button):
            actions.addWidget(button)
        opens = QHBoxLayout()
        opens.addWidget(self.open_folder_button)
        opens.addWidget(self.open_pdf_button)
        column = QVBoxLayout()
        column.addWidget(documents)
        column.addWidget(QLabel("Output folder:"))
        column.addLayout(folder_row)
        column.addLayout(actions)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addLayout(opens)
        column.addStretch(1)
        return column

    # -- the badge design: stock, template, a small preview -------------------------------------------
    def _make_badge_design(self) -> None:
        self.stock = QComboBox()
        self.stock.setAccessibleName("Badge stock for printing")
        for stock in services.list_stocks():
            self.stock.addItem(stock.name, stock.describe())
        self.stock.setCurrentText(services.DEFAULT_STOCK)
        self.template = QComboBox()
        self.template.setAccessibleName("Badge template for printing")
        self.template.addItems([services.EVENT_TEMPLATE, *services.list_templates()])
        self.template.setItemData(0, "The event's own badge design (Design tab)", Qt.ItemDataRole.ToolTipRole)
        self.template.setCurrentText(services.DEFAULT_TEMPLATE)
        self.stock_note = QLabel()
        self.stock_note.setWordWrap(True)
        self.sample = PageView()
        self.sample.setMinimumSize(SAMPLE_SIDE_PX, SAMPLE_SIDE_PX)
        self.sample.setMaximumHeight(SAMPLE_SIDE_PX)
        self.sample.setAccessibleName("The first badge as it will be printed")
        for box in (self.stock, self.template):
            box.currentTextChanged.connect(self.show_sample)

    def _first_person(self) -> Any:
        """The first person the run would print a badge for (None: nobody)."""
        session = self.document.session
        if session is None:
            return None
        who = self.who.currentText()
        if who == SELECTED:
            wanted = set(self.selected_ids())
            return next((p for p in session.attendees if p.id in wanted), None)
        role = who.removeprefix("Role: ") if who.startswith("Role: ") else ""
        return next((p for p in session.attendees if not role or p.role == role), None)

    def show_sample(self) -> None:
        """Draw the first badge of the run on the chosen stock and template, off this thread."""
        self.stock_note.setText(self.stock.currentData() or "")
        self._sample_serial += 1
        person = self._first_person()
        if person is None or not self.document.is_open:
            self.sample.set_image(QImage())
            return
        serial, event = self._sample_serial, self.document.event
        stock = self.stock.currentText()
        template = services.template_for(self.document.session, self.template.currentText())
        self.sample.set_busy("Drawing…")

        def draw(_progress, _cancel) -> tuple[int, str, QImage]:
            pdf = services.badge_previewer(event, stock, template).pdf_bytes(person)
            return serial, person.name, page_image(pdf, SAMPLE_SIDE_PX * 2)

        self.sample_task = workers.start(draw, self._sample_drawn, self._sample_failed)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Draw the first badge again when the view is shown: the selection may have changed."""
        super().showEvent(event)
        self.show_sample()

    def _sample_drawn(self, result: tuple[int, str, QImage]) -> None:
        serial, name, image = result
        if serial == self._sample_serial:
            self.sample.set_image(image)
            self.sample.setToolTip(f"The badge of {name}, as it will be printed")
            self.sample_shown.emit(name)

    def _sample_failed(self, message: str) -> None:
        self.sample.set_image(QImage())
        self.stock_note.setText(f"No preview: {message}")

    def _warning_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(QLabel("Warnings (double-click one to go to the person):"))
        column.addWidget(self.warnings, 1)
        return column

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def set_event(self, event_path: Path) -> None:
        """Print from this event file, into a folder beside it unless one was chosen."""
        self.event_path = Path(event_path)
        self.folder.setText(str(self.event_path.with_name(f"{self.event_path.stem}-print")))
        self.warnings.clear()
        self.show_sample()

    def ask_folder(self) -> None:
        """Choose the output folder."""
        folder = QFileDialog.getExistingDirectory(self, "Print into folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    # -- the request ----------------------------------------------------------------------------
    def request(self) -> services.PrintRequest:
        """The print run the form describes."""
        who = self.who.currentText()
        stock, template = self.stock.currentText(), self.template.currentText()
        return services.PrintRequest(
            self.event_path, Path(self.folder.text().strip()),
            tuple(name for name, box in self.documents.items() if box.isChecked()),
            only=self.selected_ids() if who == SELECTED else [],
            role=who.removeprefix("Role: ") if who.startswith("Role: ") else "",
            stock=stock, template=template, workers=self.workers)

    def _refuse(self) -> str:
        request = self.request()
        if self.event_path is None:
            return "Open an event first."
        if not request.documents:
            return "Tick at least one document."
        if not self.folder.text().strip():
            return "Choose an output folder."
        if self.who.currentText() == SELECTED and "badges" in request.documents and not request.only:
            return "Nobody is selected in Attendees."
        if self.task is not None and self.task.running:
            return "A run is in progress."
        return ""

    # -- checking and printing ----------------------------------------------------------------------
    def check(self) -> bool:
        """Find the badge warnings (glyphs, names that had to shrink) before printing."""
        problem = self._refuse()
        if problem:
            self.status.setText(problem)
            return False
        request = self.request()
        self._begin("Checking the names…")
        self.task = workers.start(lambda progress, cancel: services.check_badges(request, progress, cancel),
                                  self._checked, self._failed, self._progressed, self._end)
        return True

    def start(self) -> bool:
        """Start the print run on a worker thread."""
        problem = self._refuse()
        if problem:
            self.status.setText(problem)
            return False
        request = self.request()
        self._begin(f"Printing into {request.folder}…")
        self.document.begin_own_writes()  # board labels number the boards first
        self.task = workers.start(lambda progress, cancel: services.print_documents(request, progress, cancel),
                                  self._printed, self._failed, self._progressed, self._end_printing)
        return True

    def _end_printing(self) -> None:
        self._end()
        self.document.end_own_writes()

    def cancel(self) -> None:
        """Stop the run at its next chance; nothing half-written is left."""
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Cancelling…")

    def _begin(self, message: str) -> None:
        self.status.setText(message)
        self.progress.setRange(0, 0)
        for button, enabled in ((self.print_button, False), (self.check_button, False), (self.cancel_button, True),
                                (self.open_folder_button, False), (self.open_pdf_button, False)):
            button.setEnabled(enabled)

    def _end(self) -> None:
        self.print_button.setEnabled(True)
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self.status.setText(f"Stopped: {message}")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)

    def _checked(self, badge_warnings: list[BadgeWarning]) -> None:
        self._list_warnings(badge_warnings, [])
        self.status.setText(f"{len(badge_warnings)} warnings about names." if badge_warnings
                            else "Every name prints in full.")
        self.checked.emit(badge_warnings)

    def _printed(self, outcome: services.PrintOutcome) -> None:
        self.outcome = outcome
        self._list_warnings(outcome.badge_warnings, outcome.warnings)
        if outcome.cancelled:
            self.status.setText("Cancelled. " + _written(outcome))
        else:
            self.status.setText("Done. " + _written(outcome))
        self.open_folder_button.setEnabled(bool(outcome.outputs))
        self.open_pdf_button.setEnabled(bool(outcome.outputs))
        self.finished.emit(outcome)

    def _list_warnings(self, badge_warnings: list[BadgeWarning], others: list[str]) -> None:
        self.warnings.clear()
        for warning in badge_warnings:
            item = QListWidgetItem(str(warning))
            item.setData(Qt.ItemDataRole.UserRole, warning.attendee_id)
            item.setToolTip("Double-click to select this person in Attendees")
            self.warnings.addItem(item)
        self.warnings.addItems(others)

    def _warning_chosen(self, item: QListWidgetItem) -> None:
        attendee_id = item.data(Qt.ItemDataRole.UserRole)
        if attendee_id:
            self.person_chosen.emit(attendee_id)

    # -- opening the result ---------------------------------------------------------------------------
    def open_folder(self) -> bool:
        """Open the output folder in the file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))

    def open_pdf(self) -> bool:
        """Open the first PDF the run wrote."""
        if not self.outcome or not self.outcome.outputs:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.outputs[0][0])))

    def wait(self) -> None:
        """Cancel and wait for a run in progress (before the window closes)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        if self.sample_task is not None:
            self.sample_task.wait()


def _written(outcome: services.PrintOutcome) -> str:
    if not outcome.outputs:
        return "Nothing was written."
    return "Written: " + "; ".join(f"{path.name} ({line})" for path, line in outcome.outputs) + "."
