"""The form for a new event: the event settings form, titled for a new event."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hildprint.core import services
from hildprint.gui.dialogs.event_settings import EventSettingsDialog


class NewEventDialog(EventSettingsDialog):
    """Asks for the details of a new event (its badge code defaults to one from the name)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(None, parent, title="New event")
        self.timezone.setCurrentText("")  # unknown yet: the first programme imported that states one sets it
        self.timezone.lineEdit().setPlaceholderText("from the first programme imported")

    def _accept_if_named(self) -> None:
        self.accept_if_valid()

    def event_details(self) -> services.Event:
        """The event described by the form."""
        return self.settings().event
