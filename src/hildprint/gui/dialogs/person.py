"""The desk's form for a person's name, affiliation and role: a walk-in or a correction."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from hildprint.core import services
from hildprint.gui.runtime import SettledWindow
from hildprint.gui.widgets.desk_parts import BASE_POINT_SIZE, scaled_font


class PersonDialog(SettledWindow, QDialog):
    """A small form for a person's name, affiliation and role: a walk-in or a correction."""

    def __init__(self, title: str, parent: QWidget | None = None, person: services.Attendee | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setFont(scaled_font(self, BASE_POINT_SIZE))
        self.name = QLineEdit(person.name if person else "")
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("as it should be printed")
        self.affiliation = QLineEdit(person.affiliation if person else "")
        self.affiliation.setAccessibleName("Affiliation")
        self.role = QComboBox()
        self.role.addItems(services.ROLES)
        self.role.setCurrentText(person.role if person and person.role in services.ROLES else "Attendee")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Affiliation", self.affiliation)
        form.addRow("&Role", self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save and &print")
        self.buttons.accepted.connect(self._accept_if_named)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(640, self.sizeHint().height())

    def _accept_if_named(self) -> None:
        if self.name.text().strip():
            self.accept()
        else:
            self.name.setFocus()
