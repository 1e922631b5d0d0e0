"""The designer's side panel: the selected box's properties and the role colours.

Every edit is reported as ``changed(key, value)`` (or ``role_changed(role, colour)``);
the designer turns it into an undoable change of the design and shows the panel again.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$|^\{role\.color\}$")
ALIGNS = ("left", "center", "right")
PER_SCRIPT = "Each script's usual font"


class PropertiesPanel(QWidget):
    """Properties of the selected box, and the table of role colours."""

    changed = Signal(str, object)
    role_changed = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self.kind = QLabel("No box selected")
        self.text = QLineEdit()
        self.placeholder = QComboBox()
        self.placeholder.addItem("Insert a placeholder…")
        self.placeholder.addItems(services.PLACEHOLDERS)
        self.size = _spin(4, 200, "pt")
        self.min_size = _spin(3, 200, "pt")
        self.bold = QCheckBox("Bold")
        self.upper = QCheckBox("Upper case")
        self.locked = QCheckBox("Locked")
        self.first_large = QCheckBox("First name large, family name smaller")
        self.colour = QLineEdit()
        self.colour.setPlaceholderText("#RRGGBB")
        self.pick = QPushButton("Pick…")
        self.align = QComboBox()
        self.align.addItems(ALIGNS)
        self.lines = QSpinBox()
        self.lines.setRange(1, 6)
        self.content = QComboBox()
        self.content.addItems(("token", "contact"))
        self.font = QComboBox()
        self.font.setAccessibleName("Font family")
        self.font.addItem(PER_SCRIPT, "")
        for family in services.font_families():
            self.font.addItem(family, family)
        self.roles = QTableWidget(0, 2)
        self.roles.setHorizontalHeaderLabels(("Role", "Colour"))
        self.roles.horizontalHeader().setStretchLastSection(True)
        self._lay_out()
        self._connect()
        self.show_box(None)

    def _lay_out(self) -> None:
        box = QGroupBox("Box")
        form = QFormLayout(box)
        form.addRow(self.kind)
        form.addRow("Text", self.text)
        form.addRow("", self.placeholder)
        form.addRow("Size", self.size)
        form.addRow("Smallest size", self.min_size)
        form.addRow("Font", self.font)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addWidget(self.pick)
        form.addRow("Colour", colour_row)
        form.addRow("Alignment", self.align)
        form.addRow("Lines", self.lines)
        form.addRow("QR code", self.content)
        for check in (self.bold, self.upper, self.first_large, self.locked):
            form.addRow("", check)
        fonts = QLabel("Fonts: the bundled faces. A chosen font prints every character it has; the others "
                       "(Thai, Arabic, Chinese, Japanese, Korean…) keep their script's usual face.")
        fonts.setWordWrap(True)
        form.addRow(fonts)
        roles = QGroupBox("Role colours")
        QVBoxLayout(roles).addWidget(self.roles)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(roles, 1)

    def _connect(self) -> None:
        self.text.editingFinished.connect(lambda: self._emit("text", self.text.text()))
        self.placeholder.activated.connect(self._insert_placeholder)
        self.size.editingFinished.connect(lambda: self._emit("size", self.size.value()))
        self.min_size.editingFinished.connect(lambda: self._emit("min_size", self.min_size.value()))
        self.bold.toggled.connect(lambda on: self._emit("bold", on))
        self.upper.toggled.connect(lambda on: self._emit("upper", on))
        self.locked.toggled.connect(lambda on: self._emit("locked", on))
        self.first_large.toggled.connect(lambda on: self._emit("name_style", "first_large" if on else ""))
        self.colour.editingFinished.connect(self._colour_entered)
        self.pick.clicked.connect(self._pick_colour)
        self.align.activated.connect(lambda _i: self._emit("align", self.align.currentText()))
        self.lines.editingFinished.connect(lambda: self._emit("max_lines", self.lines.value()))
        self.content.activated.connect(lambda _i: self._emit("content", self.content.currentText()))
        self.font.activated.connect(lambda _i: self._emit("font", self.font.currentData()))
        self.roles.cellChanged.connect(self._role_edited)

    def _emit(self, key: str, value: Any) -> None:
        if not self._filling:
            self.changed.emit(key, value)

    def _insert_placeholder(self, index: int) -> None:
        if index > 0:
            self.text.setText(self.text.text() + self.placeholder.itemText(index))
            self._emit("text", self.text.text())
        self.placeholder.setCurrentIndex(0)

    def _colour_entered(self) -> None:
        value = self.colour.text().strip()
        if COLOUR.match(value):
            self._emit(self._colour_key, value.upper() if value.startswith("#") else value)

    def _pick_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour.text() or "#000000"), self, "Colour")
        if chosen.isValid():
            self.colour.setText(chosen.name().upper())
            self._colour_entered()

    def _role_edited(self, row: int, column: int) -> None:
        if self._filling or column != 1:
            return
        role, colour = self.roles.item(row, 0).text(), self.roles.item(row, 1).text().strip()
        if COLOUR.match(colour):
            self.role_changed.emit(role, colour.upper())

    @property
    def _colour_key(self) -> str:
        return "fill" if self.kind.text().startswith("rect") else "color"

    def show_box(self, box: dict[str, Any] | None) -> None:
        """Show the properties of ``box`` (None: nothing selected, the fields disabled)."""
        self._filling = True
        try:
            kind = box["type"] if box else ""
            self.kind.setText(f"{kind} box" if box else "No box selected")
            for widget in (self.text, self.placeholder, self.size, self.min_size, self.bold, self.upper,
                           self.align, self.lines, self.first_large, self.font):
                widget.setEnabled(kind == "text")
            self.colour.setEnabled(bool(box))
            self.pick.setEnabled(bool(box))
            self.locked.setEnabled(bool(box))
            self.content.setEnabled(kind == "qr")
            box = box or {}
            self.text.setText(box.get("text", ""))
            self.size.setValue(float(box.get("size", 12)))
            self.min_size.setValue(float(box.get("min_size", 6)))
            self.bold.setChecked(bool(box.get("bold")))
            self.upper.setChecked(bool(box.get("upper")))
            self.locked.setChecked(bool(box.get("locked")))
            self.first_large.setChecked(box.get("name_style") == "first_large")
            self.colour.setText(box.get("fill" if kind == "rect" else "color", ""))
            self.align.setCurrentText(box.get("align", "center"))
            self.lines.setValue(int(box.get("max_lines", 1)))
            self.content.setCurrentText(box.get("content", "token"))
            self.font.setCurrentIndex(max(0, self.font.findData(box.get("font", ""))))
        finally:
            self._filling = False

    def offer_columns(self, placeholders: list[str]) -> None:
        """Add the placeholders of the columns the event's import brought to the list."""
        known = {self.placeholder.itemText(i) for i in range(self.placeholder.count())}
        self.placeholder.addItems([p for p in placeholders if p not in known])

    def show_roles(self, roles: dict[str, str]) -> None:
        """Show the role colours."""
        self._filling = True
        try:
            self.roles.setRowCount(len(roles))
            for row, (role, colour) in enumerate(roles.items()):
                name = QTableWidgetItem(role)
                name.setFlags(name.flags() & ~name.flags().ItemIsEditable)
                swatch = QTableWidgetItem(colour)
                swatch.setBackground(QColor(colour))
                swatch.setForeground(QColor("#FFFFFF" if QColor(colour).lightness() < 140 else "#000000"))
                self.roles.setItem(row, 0, name)
                self.roles.setItem(row, 1, swatch)
        finally:
            self._filling = False


def _spin(low: float, high: float, suffix: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSuffix(f" {suffix}")
    return spin
