"""The event's own settings in one form: name, badge code, first and last day, venue,
time zone (searchable) and second language. The new-event dialog is the same form."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from hildprint.core import services
from hildprint.gui.runtime import SettledWindow

DATE_FORMAT = "yyyy-MM-dd"
SECOND_LANGUAGES = ("", "Korean", "Japanese", "Chinese", "German", "French", "Spanish", "Portuguese",
                    "Italian", "Arabic", "Hindi", "Vietnamese", "Thai", "Indonesian", "Turkish", "Russian")
"""Offered in the second-language list (any other can be typed); empty: none."""


def searchable_zones() -> QComboBox:
    """A drop-down of every time zone that finds "seoul" in "Asia/Seoul" as one types."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(services.time_zone_names())
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    box.setCompleter(completer)
    box.setAccessibleName("Time zone")
    return box


class EventSettingsDialog(SettledWindow, QDialog):
    """The event's settings. OK checks them with the services (a last day before the
    first, an unknown zone...) and stays open, the reason shown, when they are refused;
    :meth:`settings` gives what the form holds."""

    def __init__(self, settings: services.EventSettings | None = None, parent: QWidget | None = None,
                 title: str = "Event settings"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._secret = settings.event.secret if settings else ""
        self._stored_code = settings.event.code if settings and settings.event.secret else ""
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. HiLD 2026")
        self.name.setAccessibleName("Event name")
        self.code = QLineEdit()
        self.code.setPlaceholderText("from the name, e.g. HILD26")
        self.code.setAccessibleName("Badge code")
        self.start, self.end = self._day("First day"), self._day("Last day")
        self.start.dateChanged.connect(self._keep_days_in_order)
        self.venue = QLineEdit()
        self.venue.setAccessibleName("Venue")
        self.timezone = searchable_zones()
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems(SECOND_LANGUAGES)
        self.language.setAccessibleName("Second language")
        self.code_warning = QLabel()
        self.code_warning.setWordWrap(True)
        self.code_warning.setStyleSheet("color:#8A5300;")
        self.code_warning.setMinimumHeight(2 * self.code_warning.fontMetrics().lineSpacing())  # room kept
        self.code.textEdited.connect(self._warn_of_a_new_code)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color:#8C1D18;")
        self.problem.hide()
        self._lay_out()
        self._fill(settings or services.EventSettings(services.Event("")))

    def _day(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setAccessibleName(name)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Badge code", self.code)
        form.addRow(self.code_warning)
        form.addRow("&First day", self.start)
        form.addRow("&Last day", self.end)
        form.addRow("&Venue", self.venue)
        form.addRow("&Time zone", self.timezone)
        form.addRow("&Second language", self.language)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _fill(self, settings: services.EventSettings) -> None:
        event = settings.event
        self.name.setText(event.name)
        self.code.setText(event.code)
        for edit, text in ((self.start, event.start_date), (self.end, event.end_date)):
            day = QDate.fromString(text, DATE_FORMAT)
            if day.isValid():
                edit.setDate(day)
        self.venue.setText(event.venue)
        self.timezone.setCurrentText(event.timezone)
        self.language.setCurrentText(settings.second_language)

    def _warn_of_a_new_code(self, text: str) -> None:
        """Badges already printed carry the stored code: with a new one the desk reads them
        as another event's, so say so while the code differs."""
        changed = bool(self._stored_code) and text.strip().upper() != self._stored_code
        self.code_warning.setText(f"Badges already printed with {self._stored_code} will not check in "
                                  "at the desk any more: print them again after this change." if changed else "")

    def _keep_days_in_order(self, first: QDate) -> None:
        """The last day can never be set before the first: moving the first day later
        moves the last day with it."""
        self.end.setMinimumDate(first)

    def settings(self) -> services.EventSettings:
        """What the form holds (not yet checked)."""
        event = services.Event(
            name=self.name.text().strip(), code=self.code.text().strip(),
            start_date=self.start.date().toString(DATE_FORMAT), end_date=self.end.date().toString(DATE_FORMAT),
            venue=self.venue.text().strip(), timezone=self.timezone.currentText().strip(),
        )
        if self._secret:
            event = replace(event, secret=self._secret)
        return services.EventSettings(event, self.language.currentText().strip())

    def accept_if_valid(self) -> None:
        """Close with OK when the services accept the settings; else show why and stay."""
        try:
            services.check_event(self.settings().event)
        except services.HildprintError as error:
            self.problem.setText(f"Not saved: {error}")
            self.problem.show()
            if not self.name.text().strip():
                self.name.setFocus()
            return
        self.accept()
