"""A one-line notice across the top of the window that the user can dismiss."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

NOTE_STYLE = "QWidget#banner { background:#E8F0FE; border-radius:4px; } QLabel { color:#174EA6; }"


class Banner(QWidget):
    """A dismissable notice ("Updated with changes saved by another program")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # draw the tinted box
        self.setStyleSheet(NOTE_STYLE)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Notice")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setAccessibleName("Dismiss the notice")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_text(self, text: str) -> None:
        """Show ``text`` until dismissed or replaced."""
        self.text.setText(text)
        self.show()
