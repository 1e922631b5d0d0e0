"""Fit a poster to the rules: the poster before and after, side by side, and where to save it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.gui import workers
from hildprint.gui.runtime import SettledWindow

PICTURE_PX = 300


class FitDialog(SettledWindow, QDialog):
    """Shows what fitting ``source`` into the rules does and saves the fitted poster.

    The fitted poster is made in a worker thread; ``ready`` is set once the pictures are in
    (or the poster was refused, with the reason in the summary)."""

    def __init__(self, source: str | Path, rules_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = Path(source)
        self.rules_name = rules_name
        self.preview: services.FitPreview | None = None
        self.ready = False
        self.saved: Path | None = None
        self.setWindowTitle(f"Fit {self.source.name} to the rules")
        self.before, self.after = _picture("Poster as sent"), _picture("Poster fitted to the rules")
        self.before_caption, self.after_caption = QLabel("Before"), QLabel("After")
        self.summary = QLabel(f"Fitting {self.source.name} to {rules_name}…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What fitting does")
        grid = QGridLayout()
        for column, (picture, caption) in enumerate(((self.before, self.before_caption),
                                                     (self.after, self.after_caption))):
            grid.addWidget(picture, 0, column)
            grid.addWidget(caption, 1, column, Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save fitted poster…")
        self.save_button.setAccessibleName("Save the fitted poster")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.ask_save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.task = workers.start(lambda _progress, _cancel: services.fit_preview(self.source, rules_name),
                                  self._show, self._refused)

    def _show(self, preview: services.FitPreview) -> None:
        self.preview = preview
        result = preview.result
        scale = PICTURE_PX / max(result.width_in, result.height_in, result.sheet_width_in, result.sheet_height_in)
        before = _framed(preview.before_png, (result.width_in, result.height_in), scale)
        self.before.setPixmap(QPixmap.fromImage(before))
        self.after.setPixmap(QPixmap.fromImage(
            _framed(preview.after_png, (result.sheet_width_in, result.sheet_height_in), scale, sheet=True)))
        self.before_caption.setText(f"Before: {result.width_in:.1f} x {result.height_in:.1f} in")
        self.after_caption.setText(f"After: {result.fitted_width_in:.1f} x {result.fitted_height_in:.1f} in, "
                                   f"centred on {result.sheet_width_in:g} x {result.sheet_height_in:g} in")
        links = f" {result.links} web links kept." if result.links else ""
        self.summary.setText(f"{result.summary()[0].upper()}{result.summary()[1:]}. Text, fonts and drawings "
                             f"stay as they are (nothing is turned into pixels).{links}")
        self.save_button.setEnabled(True)
        self.adjustSize()
        self.ready = True

    def _refused(self, message: str) -> None:
        self.summary.setText(f"This poster cannot be fitted: {message}")
        self.ready = True

    def ask_save(self) -> None:
        """Choose where to save the fitted poster (beside the original by default)."""
        suggested = str(self.source.with_name(services.fitted_name(self.source)))
        path, _ = QFileDialog.getSaveFileName(self, "Save the fitted poster", suggested, "PDF (*.pdf)")
        if path:
            self.save(path)

    def save(self, path: str | Path) -> bool:
        """Write the fitted poster to ``path``; returns whether it was written."""
        try:
            outcome = services.fit_posters([self.source], path, self.rules_name)[0]
        except (services.HildprintError, OSError) as error:
            self.summary.setText(f"Not saved: {error}")
            return False
        if outcome.result is None:
            self.summary.setText(f"Not saved: {outcome.refused}")
            return False
        self.saved = outcome.result.output
        self.summary.setText(f"Saved {self.saved}: {outcome.result.summary()}.")
        return True


def _picture(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFixedSize(PICTURE_PX + 4, PICTURE_PX + 4)
    return label


def _framed(png: bytes | None, size_in: tuple[float, float], scale: float, sheet: bool = False) -> QImage:
    """The page picture at ``scale`` pixels per inch (both pictures share it, so their sizes
    compare), centred in a square, its edge drawn (dashed blue for the allowed sheet)."""
    image = QImage(PICTURE_PX + 4, PICTURE_PX + 4, QImage.Format.Format_RGB32)
    image.fill(QColor("#F4F5F7"))
    width, height = size_in[0] * scale, size_in[1] * scale
    left, top = (PICTURE_PX - width) / 2 + 2, (PICTURE_PX - height) / 2 + 2
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    page = QImage.fromData(png) if png else QImage()
    if not page.isNull():
        painter.drawImage(QRectF(left, top, width, height), page)
    pen = QPen(QColor("#1A73E8") if sheet else QColor("#5F6368"), 1.5)
    if sheet:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRect(QRectF(left, top, width, height))
    painter.end()
    return image
