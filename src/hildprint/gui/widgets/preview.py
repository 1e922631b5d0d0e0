"""Live previews at true proportions: the selected person's badge, a room's door sign, a
paper's board label.

The core writes the PDF exactly as it would be printed; QtPdf draws its first page. QtPdf
leaves the page background transparent, so each page is laid onto white first. Rendering
runs on a worker thread and starts at once when none is running; a newer request replaces
one that has not started, so moving through a table never queues up stale pictures. While
a page is being drawn the old picture is greyed out under "Drawing…", so a title is never
shown over another document's picture; with nothing selected the pane says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.core.services import Attendee, Paper, Session
from hildprint.gui import workers
from hildprint.gui.document import EventDocument

RENDER_LONG_SIDE_PX = 1000
"""The rendered page's long side; the view scales it down smoothly to fit."""
PLACEHOLDERS = {"badge": "Nobody selected: select a person to see their badge.",
                "sign": "No session selected: select one to see its room's door sign.",
                "label": "No paper selected: select one to see its board label."}
STOCK_KEY = "preview/stock"
TEMPLATE_KEY = "preview/template"


def page_image(pdf: bytes, long_side: int = RENDER_LONG_SIDE_PX, page: int = 0) -> QImage:
    """A page of ``pdf`` as an image on white, with the page's own proportions."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        points = document.pagePointSize(page)
        if points.width() <= 0 or points.height() <= 0:
            return QImage()
        scale = long_side / max(points.width(), points.height())
        size = QSize(round(points.width() * scale), round(points.height() * scale))
        drawn = document.render(page, size)
    finally:
        document.close()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return image


class PageView(QWidget):
    """Shows one page image as large as fits, never stretched, on a grey backdrop."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image = QImage()
        self.busy = ""
        """Shown over a greyed picture while the next one is drawn ("" when not drawing)."""
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Page preview")

    def set_image(self, image: QImage) -> None:
        """Show ``image`` (a null image clears the view)."""
        self.image = image
        self.busy = ""
        self.update()

    def set_busy(self, text: str) -> None:
        """Grey the picture out under ``text`` until the next one is set."""
        self.busy = text
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page is drawn: centred, scaled to fit with its proportions kept."""
        if self.image.isNull():
            return QRectF()
        room = self.rect().adjusted(8, 8, -8, -8)
        scale = min(room.width() / self.image.width(), room.height() / self.image.height())
        width, height = self.image.width() * scale, self.image.height() * scale
        return QRectF(room.x() + (room.width() - width) / 2, room.y() + (room.height() - height) / 2, width, height)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Draw the backdrop, the page and its edge."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#D5D9DE"))
        target = self.page_rect()
        if not target.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
            painter.setPen(QColor("#7B8794"))
            painter.drawRect(target)
        if self.busy:
            painter.fillRect(self.rect(), QColor(213, 217, 222, 200))
            box = QRectF(painter.fontMetrics().boundingRect(self.busy)).adjusted(-14, -8, 14, 8)
            box.moveCenter(QRectF(self.rect()).center())
            painter.setPen(QColor("#7B8794"))
            painter.setBrush(QColor("white"))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QColor("#1F2933"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.busy)
        painter.end()


@dataclass(frozen=True)
class _Request:
    """What to preview: a title and the function that writes its PDF (as bytes)."""

    title: str
    make_pdf: Callable[[], bytes]
    serial: int = 0
    """Counts requests: only the latest one's picture is shown."""


class PreviewPane(QWidget):
    """The preview beside the tables, with stock and template pickers for badges.

    ``rendered`` fires with the title once a page is shown; ``failed`` with the reason
    when there is nothing to show (a room without sessions, a paper without a board).
    """

    rendered = Signal(str)
    failed = Signal(str)

    def __init__(self, document: EventDocument, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.event_path: Path | None = None
        self.event_details: services.Event | None = None
        self._badges: dict[tuple[str, str, str], object] = {}
        self._task: workers.Task | None = None
        self._pending: _Request | None = None
        self._serial = 0
        self.title = QLabel("Select a person, a session or a paper")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Preview title")
        self.view = PageView()
        self.stock = QComboBox()
        self.stock.setAccessibleName("Badge stock")
        for stock in services.list_stocks():
            self.stock.addItem(stock.name)
            self.stock.setItemData(self.stock.count() - 1, stock.describe(), Qt.ItemDataRole.ToolTipRole)
        self.template = QComboBox()
        self.template.setAccessibleName("Badge template")
        self.template.addItems([services.EVENT_TEMPLATE, *services.list_templates()])
        self.stock.setCurrentText(str(settings.value(STOCK_KEY, services.DEFAULT_STOCK)))
        self.template.setCurrentText(str(settings.value(TEMPLATE_KEY, services.DEFAULT_TEMPLATE)))
        self.stock.currentTextChanged.connect(self._choice_changed)
        self.template.currentTextChanged.connect(self._choice_changed)
        self.badge_options = QWidget()
        pickers = QFormLayout(self.badge_options)
        pickers.setContentsMargins(0, 0, 0, 0)
        pickers.addRow("&Stock:", self.stock)
        pickers.addRow("&Template:", self.template)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.badge_options)
        self._last: tuple[str, object] | None = None
        self.room_names: dict[str, str] = {}
        """Room id -> name, for titles."""
        document.opened.connect(self._event_opened)

    def _event_opened(self) -> None:
        """Preview documents of the document's event from now on."""
        self.event_path, self.event_details = self.document.path, self.document.event
        self._badges.clear()
        self._last = None
        self.view.set_image(QImage())

    # -- what to show -------------------------------------------------------------------------
    def show_nothing(self, kind: str) -> None:
        """Nothing is selected: drop any picture on its way and say what to select."""
        self._serial += 1
        self._pending = None
        self.view.set_image(QImage())
        self.title.setText(PLACEHOLDERS[kind])
        self.badge_options.setVisible(kind == "badge")

    def show_badge(self, person: Attendee | None) -> None:
        """Preview ``person``'s badge on the chosen stock and template (None: a placeholder)."""
        self._last = ("badge", person)
        if person is None or self.event_details is None:
            self.show_nothing("badge")
            return
        key = (self.stock.currentText(), self.template.currentText(), self.event_details.name)
        title = f"Badge: {person.name} — {key[0]}, {key[1]}"
        if key[1] == services.EVENT_TEMPLATE:  # the design may have changed: made afresh each time
            badges = services.badge_previewer(self.event_details, key[0],
                                              services.template_for(self.document.session or self.event_path, key[1]))
            self._request(_Request(title, lambda: badges.pdf_bytes(person)))
            return
        self._request(_Request(title, lambda: self._badge_renderer(key).pdf_bytes(person)))

    def show_door_sign(self, session: Session | None) -> None:
        """Preview the door sign of the room ``session`` takes place in."""
        self._last = ("sign", session)
        if session is None or self.event_path is None:
            self.show_nothing("sign")
            return
        event_path, room = self.event_path, session.room_id or ""
        self._request(_Request(f"Door sign: {self.room_names.get(room, room) or 'sessions without a room'}",
                               lambda: services.door_sign_pdf(event_path, room)))

    def show_board_label(self, paper: Paper | None) -> None:
        """Preview ``paper``'s board label."""
        self._last = ("label", paper)
        if paper is None or self.event_path is None:
            self.show_nothing("label")
            return
        event_path, paper_id = self.event_path, paper.id
        self._request(_Request(f"Board label: {paper.board or '(no board)'} — {paper.title}",
                               lambda: services.board_label_pdf(event_path, paper_id)))

    def refresh(self) -> None:
        """Render the last thing asked for again (after an edit)."""
        if self._last is not None:
            kind, record = self._last
            {"badge": self.show_badge, "sign": self.show_door_sign, "label": self.show_board_label}[kind](record)

    def _choice_changed(self) -> None:
        self.settings.setValue(STOCK_KEY, self.stock.currentText())
        self.settings.setValue(TEMPLATE_KEY, self.template.currentText())
        if self._last is not None and self._last[0] == "badge":
            self.refresh()

    def _badge_renderer(self, key: tuple[str, str, str]):
        """A warm renderer per stock and template (used on the worker thread only)."""
        if key not in self._badges:
            self._badges[key] = services.badge_previewer(self.event_details, key[0], key[1])
        return self._badges[key]

    # -- rendering off the window's thread ---------------------------------------------------
    def _request(self, request: _Request) -> None:
        self._serial += 1
        request = _Request(request.title, request.make_pdf, self._serial)
        self.title.setText(f"Drawing… {request.title}")
        self.view.set_busy("Drawing…")
        self.badge_options.setVisible(self._last is not None and self._last[0] == "badge")
        self._pending = request  # replaces an older one that has not started
        if self._task is None or not self._task.running:
            self._next()  # else it starts when the running one finishes

    def _start(self, request: _Request) -> None:
        def job(_progress, _cancel: threading.Event) -> tuple[int, str, QImage]:
            return request.serial, request.title, page_image(request.make_pdf())

        self._task = workers.start(job, self._show, lambda message: self._fail(request.serial, message),
                                   on_finished=self._next)

    def _next(self) -> None:
        request, self._pending = self._pending, None
        if request is not None:
            self._start(request)

    def _show(self, result: tuple[int, str, QImage]) -> None:
        serial, title, image = result
        if serial == self._serial:
            self.title.setText(title)
            self.view.set_image(image)
            self.rendered.emit(title)

    def _fail(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self.view.set_image(QImage())
            self.title.setText(f"No preview: {message}")
            self.failed.emit(message)

    def wait(self) -> None:
        """Wait for a render in progress (before the window closes); start no other."""
        self._pending = None
        if self._task is not None:
            self._task.wait()
