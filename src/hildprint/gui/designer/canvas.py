"""The designer's canvas: one badge face at true proportions, in millimetres.

The scene's unit is the millimetre; the badge's top-left corner is (0, 0). The bleed is
drawn outside the badge, the safe zone inside it, a grid to snap to, and rulers along the
top and left. Each box of the design is a :class:`BoxItem` that can be selected, dragged
and resized (from its lower-right corner) unless it is locked; when a drag ends the
canvas reports the new geometry, and the designer turns it into an undoable change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QGraphicsScene, QGraphicsView

from hildprint.core import services

BLEED_MM = 3.0
SAFE_MM = 3.0
GRID_MM = 1.0
RULER_MM = 7.0
HANDLE_MM = 2.5
PT_MM = 25.4 / 72
SHRANK = QColor("#E8710A")
NO_GLYPH = QColor("#D93025")
LEFT_OUT_OPACITY = 0.2


def snap(value: float, step: float = GRID_MM) -> float:
    """``value`` on the nearest grid line."""
    return round(value / step) * step


class BoxItem(QGraphicsObject):
    """One box of the design on the canvas, showing what it prints for the previewed person."""

    def __init__(self, index: int, box: dict[str, Any], canvas: DesignScene):
        super().__init__()
        self.index, self.box, self.canvas = index, box, canvas
        self.preview = None
        self.setPos(box["x"], box["y"])
        self._size = (float(box["w"]), float(box.get("h", box["w"])))
        locked = bool(box.get("locked"))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not locked)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # a drag blits, it does not redraw
        self._resizing = False
        self._grip = (0.0, 0.0)
        self._pressed_at: tuple[float, float, float, float] | None = None

    # -- geometry ----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        """The box's rectangle in its own coordinates, with room for the selection outline."""
        w, h = self._size
        return QRectF(-0.5, -0.5, max(w, 0.5) + 1, max(h, 0.5) + 1)

    def geometry(self) -> tuple[float, float, float, float]:
        """x, y, width and height in mm."""
        return (round(self.pos().x(), 3), round(self.pos().y(), 3), round(self._size[0], 3), round(self._size[1], 3))

    def itemChange(self, change, value):  # noqa: N802 - Qt's name
        """Keep a dragged box on the grid."""
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and self.canvas.snapping:
            return QPointF(snap(value.x()), snap(value.y()))
        return super().itemChange(change, value)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Start a drag, or a resize when pressed on the lower-right handle."""
        self._pressed_at = self.geometry()
        w, h = self._size
        at = event.pos()
        self._resizing = not self.box.get("locked") and at.x() > w - HANDLE_MM and at.y() > h - HANDLE_MM
        self._grip = (at.x() - w, at.y() - h)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Resize from the handle, or move."""
        if self._resizing:
            at = event.pos()
            w, h = max(1.0, at.x() - self._grip[0]), max(1.0, at.y() - self._grip[1])
            if self.canvas.snapping:
                w, h = max(GRID_MM, snap(w)), max(GRID_MM, snap(h))
            if self.box["type"] == "qr":
                h = w
            self.prepareGeometryChange()
            self._size = (w, h)
            self.update()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Report a box that moved or changed size."""
        super().mouseReleaseEvent(event)
        self._resizing = False
        if self._pressed_at is not None and self.geometry() != self._pressed_at:
            self.canvas.box_moved.emit(self.index, *self.geometry())
        self._pressed_at = None

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        """Draw the box as it prints for the previewed person, and its marks."""
        w, h = self._size
        kind = self.box["type"]
        colour = QColor(self.preview.color if self.preview else self.box.get("color", "#000000"))
        if kind == "rect":
            fill = self.preview.color if self.preview else self.box.get("fill", "#CCCCCC")
            painter.fillRect(QRectF(0, 0, w, h), QColor(fill if fill.startswith("#") else "#9E9E9E"))
        elif kind == "line":
            painter.setPen(QPen(colour, float(self.box.get("width", 0.3)) * PT_MM))
            painter.drawLine(QPointF(0, 0), QPointF(w, h))
        elif kind == "qr":
            self._paint_qr(painter, w)
        elif kind == "image":
            self._paint_image(painter, w, h)
        elif kind == "text":
            self._paint_text(painter, colour)
        self._paint_marks(painter, w, h)

    def _paint_qr(self, painter: QPainter, w: float) -> None:
        painter.fillRect(QRectF(0, 0, w, w), QColor("#FFFFFF"))
        if self.preview and self.preview.qr_modules:
            self._paint_code(painter, w, self.preview.qr_modules)
            return
        cell = w / 7
        painter.setBrush(QBrush(QColor("#000000")))
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y in ((0, 0), (4, 0), (0, 4)):
            painter.drawRect(QRectF(x * cell, y * cell, 3 * cell, 3 * cell))
        painter.drawRect(QRectF(4.5 * cell, 4.5 * cell, 2 * cell, 2 * cell))

    def _paint_code(self, painter: QPainter, w: float, rows) -> None:
        """The previewed person's own QR code, modules placed as printing places them."""
        module = w / (len(rows) + 2 * services.QR_QUIET_ZONE)
        offset = services.QR_QUIET_ZONE * module
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#000000")))
        for y, row in enumerate(rows):
            for x, dark in enumerate(row):
                if dark:  # a hair wider, so neighbouring modules leave no seam when scaled
                    painter.drawRect(QRectF(offset + x * module, offset + y * module, module * 1.02, module * 1.02))

    def _paint_image(self, painter: QPainter, w: float, h: float) -> None:
        image = self.canvas.image_for(self.box.get("path", ""))
        if image is None or image.isNull():
            painter.fillRect(QRectF(0, 0, w, h), QColor("#EEEEEE"))
            painter.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, "image")
            return
        scale = min(w / image.width(), h / image.height())
        tw, th = image.width() * scale, image.height() * scale
        painter.drawImage(QRectF((w - tw) / 2, (h - th) / 2, tw, th), image)

    def _paint_text(self, painter: QPainter, colour: QColor) -> None:
        box = self.box
        if self.preview and self.preview.parts:
            for x, y, w, h, lines, size in self.preview.parts:
                self._paint_lines(painter, colour, QRectF(x - box["x"], y - box["y"], w, h), lines, size)
            return
        lines = self.preview.lines if self.preview else (box.get("text", ""),)
        size = self.preview.size if self.preview else float(box.get("size", 12))
        self._paint_lines(painter, colour, QRectF(0, 0, *self._size), lines, size)

    def _paint_lines(self, painter: QPainter, colour: QColor, area: QRectF, lines, size: float) -> None:
        font = QFont(self.canvas.font_family)
        font.setPixelSize(100)
        font.setBold(bool(self.box.get("bold")))
        em = size * PT_MM
        pitch = em * 1.25
        top = area.top() + {"top": 0.0, "bottom": area.height() - pitch * len(lines)}.get(
            self.box.get("valign", "middle"), (area.height() - pitch * len(lines)) / 2)
        align = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight}.get(
            self.box.get("align", "center"), Qt.AlignmentFlag.AlignHCenter)
        painter.save()
        painter.setPen(colour)
        painter.setFont(font)
        painter.translate(area.left(), top)
        painter.scale(em / 100, em / 100)
        for number, line in enumerate(lines):
            rect = QRectF(0, number * 125, area.width() * 100 / em, 125)
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, line)
        painter.restore()

    def _paint_marks(self, painter: QPainter, w: float, h: float) -> None:
        marks = self.preview
        pen = QPen(QColor("#1A73E8") if self.isSelected() else QColor(0, 0, 0, 60), 0.25)
        if marks and marks.missing:
            pen = QPen(NO_GLYPH, 0.6)
        elif marks and (marks.shrank or marks.shortened):
            pen = QPen(SHRANK, 0.6)
        pen.setStyle(Qt.PenStyle.SolidLine if self.isSelected() else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, w, h))
        if self.isSelected() and not self.box.get("locked"):
            painter.fillRect(QRectF(w - HANDLE_MM, h - HANDLE_MM, HANDLE_MM, HANDLE_MM), QColor("#1A73E8"))


class DesignScene(QGraphicsScene):
    """The badge face with its boxes; ``box_moved(index, x, y, w, h)`` when a drag ends."""

    box_moved = Signal(int, float, float, float, float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.width_mm, self.height_mm = 100.0, 100.0
        self.snapping = True
        self.show_grid = True
        self.font_family = "DejaVu Sans"
        self.items_by_index: dict[int, BoxItem] = {}
        self._images: dict[str, Any] = {}
        self.image_loader = None

    def image_for(self, path: str):
        """The picture an image box shows (loaded once)."""
        if path not in self._images and self.image_loader is not None:
            self._images[path] = self.image_loader(path)
        return self._images.get(path)

    def show_face(self, width: float, height: float, boxes: list[dict[str, Any]], selected: int | None) -> None:
        """Show a face of ``width`` x ``height`` mm with its boxes, in drawing order."""
        self.width_mm, self.height_mm = width, height
        self.clear()
        self.items_by_index = {}
        margin = BLEED_MM + RULER_MM
        self.setSceneRect(QRectF(-margin, -margin, width + 2 * margin, height + 2 * margin))
        for index, box in enumerate(boxes):
            item = BoxItem(index, box, self)
            item.setZValue(index)
            self.addItem(item)
            self.items_by_index[index] = item
            if index == selected:
                item.setSelected(True)

    def show_previews(self, previews) -> None:
        """Fill the boxes with what they print for one person."""
        for item in self.items_by_index.values():
            item.preview = None
        for preview in previews:
            item = self.items_by_index.get(preview.index)
            if item is not None:
                item.preview = preview
        for item in self.items_by_index.values():
            # a box this person does not get (a consent-only code) shows faintly
            item.setOpacity(1.0 if item.preview is not None or not previews else LEFT_OUT_OPACITY)
            item.update()

    def selected_index(self) -> int | None:
        """The index of the selected box, if one is."""
        chosen = [i for i in self.selectedItems() if isinstance(i, BoxItem)]
        return chosen[0].index if chosen else None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        """The bleed, the badge, its grid and its safe zone."""
        painter.fillRect(rect, QColor("#DADCE0"))
        w, h = self.width_mm, self.height_mm
        painter.fillRect(QRectF(-BLEED_MM, -BLEED_MM, w + 2 * BLEED_MM, h + 2 * BLEED_MM), QColor("#FCE8E6"))
        painter.fillRect(QRectF(0, 0, w, h), QColor("#FFFFFF"))
        if self.show_grid:
            painter.setPen(QPen(QColor(0, 0, 0, 22), 0))
            step = 5.0
            x = step
            while x < w:
                painter.drawLine(QPointF(x, 0), QPointF(x, h))
                x += step
            y = step
            while y < h:
                painter.drawLine(QPointF(0, y), QPointF(w, y))
                y += step
        painter.setPen(QPen(QColor("#D93025"), 0.2, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(-BLEED_MM, -BLEED_MM, w + 2 * BLEED_MM, h + 2 * BLEED_MM))
        painter.setPen(QPen(QColor("#1E8E3E"), 0.2, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(SAFE_MM, SAFE_MM, w - 2 * SAFE_MM, h - 2 * SAFE_MM))
        self._draw_rulers(painter)

    def _draw_rulers(self, painter: QPainter) -> None:
        """Rulers in millimetres along the top and the left (in the background, which the
        view caches, so a drag does not redraw them)."""
        w, h = self.width_mm, self.height_mm
        top, left = -BLEED_MM - RULER_MM, -BLEED_MM - RULER_MM
        painter.fillRect(QRectF(left, top, w + 2 * RULER_MM, RULER_MM), QColor("#F1F3F4"))
        painter.fillRect(QRectF(left, top, RULER_MM, h + 2 * RULER_MM), QColor("#F1F3F4"))
        painter.setPen(QPen(QColor("#5F6368"), 0))
        font = QFont(self.font_family)
        font.setPixelSize(100)
        for mm_at in range(0, int(w) + 1):
            length = 3.0 if mm_at % 10 == 0 else 1.5 if mm_at % 5 == 0 else 0.8
            painter.drawLine(QPointF(mm_at, -BLEED_MM - length), QPointF(mm_at, -BLEED_MM))
        for mm_at in range(0, int(h) + 1):
            length = 3.0 if mm_at % 10 == 0 else 1.5 if mm_at % 5 == 0 else 0.8
            painter.drawLine(QPointF(-BLEED_MM - length, mm_at), QPointF(-BLEED_MM, mm_at))
        painter.setFont(font)
        for mm_at in range(0, int(w) + 1, 10):
            self._label(painter, mm_at + 0.4, top + 0.3, str(mm_at))
        for mm_at in range(10, int(h) + 1, 10):
            self._label(painter, left + 0.3, mm_at + 0.4, str(mm_at))

    @staticmethod
    def _label(painter: QPainter, x: float, y: float, text: str) -> None:
        painter.save()
        painter.translate(x, y)
        painter.scale(0.022, 0.022)
        painter.drawText(QRectF(0, 0, 400, 120), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()


class DesignView(QGraphicsView):
    """The canvas on screen, zoomed to fit the badge."""

    def __init__(self, scene: DesignScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setMinimumSize(360, 360)

    def fit(self) -> None:
        """Zoom so the whole badge with its rulers shows."""
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Keep the badge fitted as the window changes size."""
        super().resizeEvent(event)
        self.fit()
