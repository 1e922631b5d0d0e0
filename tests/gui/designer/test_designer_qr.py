"""The designer's canvas shows each QR box as the real code of the previewed person: a
phone scanning the canvas reads that person's signed token."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from hildprint.core.domain.tokens import make_token
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.designer.window import DesignerWindow


def _scene_picture(scene, area: QRectF, pixels: int = 600) -> Image.Image:
    image = QImage(pixels, pixels, QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, pixels, pixels), area)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("L")


def _decoded(scene, item) -> list[str]:
    area = item.sceneBoundingRect().adjusted(-2, -2, 2, 2)
    return [r.text for r in zxingcpp.read_barcodes(_scene_picture(scene, area))]


def test_the_qr_box_shows_the_previewed_persons_token(qtbot, sample_event):
    """The canvas's QR box decodes to the previewed person's token, and changes with the
    person chosen."""
    designer = DesignerWindow(sample_event, "a6-4up-a4")
    qtbot.addWidget(designer)
    designer.show()
    qtbot.waitExposed(designer)
    index = next(i for i, box in enumerate(designer.boxes())
                 if box["type"] == "qr" and box.get("content", "token") == "token")
    designer.scene.clearSelection()
    with EventStore.open(sample_event) as store:
        tokens = {pid: make_token(store.event, pid) for pid in ("H001", "H002")}
    for pid, token in tokens.items():
        designer.person_box.setCurrentIndex(designer.person_box.findData(pid))
        designer.refresh_preview()
        item = designer.scene.items_by_index[index]
        assert item.preview.qr_payload == token
        assert _decoded(designer.scene, item) == [token]
    designer.close()
