"""A poster against the allowed area: its first page and the rule set's outline, to one scale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hildprint.core import services
from hildprint.core.services import VERDICT_COLOURS, Verdict
from hildprint.gui.runtime import SettledWindow

OUTLINE_VIEW_PX = 520


def verdict_message(verdict: Verdict) -> str:
    """The finding that decided the verdict, in the check's own plain words."""
    decisive = [f for f in verdict.findings if f.severity == verdict.verdict]
    if decisive:
        return decisive[0].message
    return "Meets the rules." if verdict.verdict == "pass" else ""


class OutlineDialog(SettledWindow, QDialog):
    """A poster's first page with the allowed area drawn over it to the same scale."""

    def __init__(self, verdict: Verdict, rules_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(Path(verdict.file).name)
        rules = services.load_rules(rules_name)
        self.shape = services.outline(verdict, rules)
        self.picture = QLabel()
        self.picture.setAccessibleName("Poster against the allowed area")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = outline_image(verdict, rules)
        self.picture.setPixmap(QPixmap.fromImage(self.image))
        self.picture.setMinimumSize(self.image.size())
        legend = QLabel(self._legend(verdict))
        legend.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(legend)
        layout.addWidget(buttons)

    def _legend(self, verdict: Verdict) -> str:
        message = verdict_message(verdict)
        if self.shape is None:
            return f"{verdict.verdict.upper()}: {message} (the size is unknown, so no outline is drawn)"
        (pw, ph), (aw, ah), unit = self.shape.poster, self.shape.allowed, self.shape.unit
        return (f"{verdict.verdict.upper()}: {message}\nPoster {pw:.4g} x {ph:.4g} {unit} (solid); "
                f"allowed {aw:.4g} x {ah:.4g} {unit} (dashed blue), top-left corners together.")


def outline_image(verdict: Verdict, rules, side: int = OUTLINE_VIEW_PX) -> QImage:
    """The thumbnail scaled to the poster's size in a ``side``-pixel square, the poster's
    edge in its verdict colour and the allowed area dashed, both to one scale."""
    image = QImage(side + 2, side + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("#F4F5F7"))
    shape = services.outline(verdict, rules)
    thumbnail = QImage.fromData(verdict.thumbnail) if verdict.thumbnail else QImage()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if shape is None:
        if not thumbnail.isNull():
            fitted = thumbnail.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(1, 1, fitted)
        painter.end()
        return image
    scale = shape.scale_to(side)
    poster = QRectF(1, 1, shape.poster[0] * scale, shape.poster[1] * scale)
    allowed = QRectF(1, 1, shape.allowed[0] * scale, shape.allowed[1] * scale)
    painter.fillRect(allowed, QColor("#E8F0FE"))
    if not thumbnail.isNull():
        painter.drawImage(poster, thumbnail)
    else:
        painter.fillRect(poster, QColor("white"))
    painter.setPen(QPen(QColor(VERDICT_COLOURS[verdict.verdict]), 2))
    painter.drawRect(poster)
    painter.setPen(QPen(QColor("#1A73E8"), 2, Qt.PenStyle.DashLine))
    painter.drawRect(allowed)
    painter.end()
    return image
