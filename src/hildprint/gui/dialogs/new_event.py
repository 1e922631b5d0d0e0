"""The form for a new event: its name, days, venue and time zone."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from hildprint.core import services
from hildprint.gui.runtime import SettledWindow


class NewEventDialog(SettledWindow, QDialog):
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
        self.timezone.setCurrentText("")
        self.timezone.lineEdit().setPlaceholderText("from the first programme imported")
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

    def event_details(self) -> services.Event:
        """The event described by the form."""
        return services.Event(
            name=self.name.text().strip(),
            start_date=self.start.date().toString("yyyy-MM-dd"),
            end_date=self.end.date().toString("yyyy-MM-dd"),
            venue=self.venue.text().strip(),
            timezone=self.timezone.currentText().strip(),
        )


def _time_zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones())
