"""The desk's details of the selected person: the name and affiliation, each on at most
two lines and shortened with "…" (the whole text in a tooltip), the other facts on one
line each, and the badge preview below, which always keeps its room."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from hildprint.gui.widgets.desk_parts import BASE_POINT_SIZE, scaled_font

PREVIEW_MINIMUM = 120
"""The smallest badge preview, in pixels: still a badge one can recognise."""


def wrapped_lines(text: str, metrics: QFontMetrics, width: int, most: int) -> str:
    """``text`` broken at spaces into at most ``most`` lines of ``width`` pixels; what does
    not fit is shortened with "…" at the end of the last line (and a word wider than a
    line is shortened on its own line)."""
    width = max(width, 40)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == most - 1 and words:
            line = " ".join([line, *words])
            words = []
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    return "\n".join(lines)


def _fitted_label(points: float, parent: QWidget, bold: bool = False) -> QLabel:
    """A label that takes the width it is given, never the width its text would like."""
    label = QLabel(parent)
    label.setFont(scaled_font(parent, points, bold))
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Maximum)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class PersonDetails(QWidget):
    """The selected person's name, affiliation and state above their badge preview."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = _fitted_label(BASE_POINT_SIZE + 5, self, bold=True)
        self.name.setAccessibleName("Name")
        self.affiliation = _fitted_label(BASE_POINT_SIZE, self)
        self.affiliation.setAccessibleName("Affiliation")
        self.facts = _fitted_label(BASE_POINT_SIZE, self)
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(PREVIEW_MINIMUM, PREVIEW_MINIMUM))
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.preview.setAccessibleName("Badge preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.name, self.affiliation, self.facts):
            layout.addWidget(label)
        layout.addWidget(self.preview, 1)
        self._texts: tuple[str, str, list[str]] = ("", "", [])

    def show_person(self, name: str, affiliation: str, facts: list[str]) -> None:
        """Show a person: ``facts`` are short lines (role and id, arrival, prints)."""
        self._texts = (name, affiliation, facts)
        self.name.setToolTip(name)
        self.affiliation.setToolTip(affiliation)
        self._fit_texts()

    def clear(self) -> None:
        """Show nobody."""
        self.show_person("", "", [])
        self.preview.clear()

    def _fit_texts(self) -> None:
        name, affiliation, facts = self._texts
        width = self.contentsRect().width()
        self.name.setText(wrapped_lines(name, self.name.fontMetrics(), width, 2))
        self.affiliation.setText(wrapped_lines(affiliation, self.affiliation.fontMetrics(), width, 2))
        metrics = self.facts.fontMetrics()
        self.facts.setText("\n".join(metrics.elidedText(f, Qt.TextElideMode.ElideRight, max(width, 40))
                                     for f in facts))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Shorten the texts again for the new width."""
        super().resizeEvent(event)
        self._fit_texts()
