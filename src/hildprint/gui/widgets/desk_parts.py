"""Small pieces the badge desk draws with: large type, the badge picture, the list's
check marks and lines."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from hildprint.core import services
from hildprint.gui.widgets.preview import page_image

BASE_POINT_SIZE = 15
"""The desk's type size: read from a step away, by volunteers in a hurry."""


def scaled_font(widget: QWidget, points: float, bold: bool = False) -> QFont:
    """``widget``'s font at ``points`` (bold if asked)."""
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def badge_image(pdf: bytes, height: int) -> QImage:
    """The first page of a badge PDF as a picture ``height`` pixels tall, on white, with
    its edge drawn (safe on a worker thread: an image, not a pixmap)."""
    image = page_image(pdf, height)
    if image.isNull():
        return image
    if image.height() != height:  # a landscape badge: its long side is its width
        image = image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
    painter = QPainter(image)
    painter.setPen(QColor("#9AA5B1"))  # the badge's edge, so a white badge shows on grey
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.end()
    return image


def preview_height(room: QSize, page_mm: tuple[float, float], most: int) -> int:
    """How tall a badge preview of a ``page_mm`` page is drawn to fit ``room`` (at most
    ``most`` pixels, at least 120)."""
    width_mm, height_mm = page_mm
    return max(120, min(most, room.height() - 4, round((room.width() - 4) * height_mm / width_mm)))


def person_line(person: services.Attendee) -> str:
    """Two lines: the name, then affiliation, role and id."""
    details = " · ".join(p for p in (person.affiliation, person.role, person.id) if p)
    return f"{person.name}\n{details}"


def elided_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Each line of ``text`` shortened with "…" to fit ``width`` pixels."""
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, max(width, 40))
                     for line in text.split("\n"))


def mark_icon(mark: str, color: str, size: int) -> QIcon:
    """A square icon showing ``mark`` (empty: a blank one, to keep names aligned)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if mark:
        painter = QPainter(pixmap)
        painter.setPen(QColor(color))
        font = painter.font()
        font.setPixelSize(size)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, mark)
        painter.end()
    return QIcon(pixmap)


def clock(iso: str | None) -> str:
    """``2026-07-10T09:12:00+09:00`` -> ``09:12``."""
    return (iso or "")[11:16]
