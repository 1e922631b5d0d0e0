"""The badge designer driven as an organiser drives it: add a text box and a logo, drag,
resize, restyle, undo, save, reopen, export and print; the saved design and the printed
PDF are checked."""

from __future__ import annotations

import json

import pdfplumber
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QToolButton
from tests.gui.conftest import save_screenshot

from hildprint.core import services
from hildprint.gui.designer.window import DesignerWindow


@pytest.fixture
def designer(qtbot, sample_event):
    window = DesignerWindow(sample_event, "a6-4up-a4")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def logo(tmp_path):
    path = tmp_path / "logo.png"
    image = Image.new("RGB", (120, 60), "#FFFFFF")
    image.paste(Image.new("RGB", (60, 60), "#C2185B"), (30, 0))
    image.save(path)
    return path


def click(qtbot, window, text: str) -> None:
    """Click the toolbar button of the action called ``text``."""
    action = window.actions_by_name[text]
    button = next(b for b in window.findChildren(QToolButton) if b.defaultAction() is action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _mouse(viewport, kind, at, buttons) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def drag(window, start_mm: tuple[float, float], end_mm: tuple[float, float]) -> None:
    """Press the mouse on the canvas at ``start_mm``, move it in steps, release at ``end_mm``."""
    view = window.view
    viewport = view.viewport()
    start = view.mapFromScene(QPointF(*start_mm))
    end = view.mapFromScene(QPointF(*end_mm))
    _mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        at = start + (end - start) * step / 5
        _mouse(viewport, QEvent.Type.MouseMove, at, Qt.MouseButton.LeftButton)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_design_a_badge_from_adding_boxes_to_printing(qtbot, designer, logo, tmp_path, monkeypatch, sample_event):
    """Add a text box and a logo, drag and resize the logo, change the text's size and
    colour, undo the colour, save, reopen: the design kept is what was made; the printed
    PDF carries the logo and the new text on every badge."""
    before = len(designer.boxes())
    click(qtbot, designer, "Add Text")
    text_index = before
    assert len(designer.boxes()) == before + 1 and designer.selected == text_index
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    click(qtbot, designer, "Add Image…")
    logo_index = before + 1
    box = designer.boxes()[logo_index]
    assert box["type"] == "image" and box["path"] == str(logo.resolve())

    start = (box["x"] + 5, box["y"] + 5)
    drag(designer, start, (start[0] - 20, start[1] + 30))
    moved = designer.boxes()[logo_index]
    assert (moved["x"], moved["y"]) == (box["x"] - 20, box["y"] + 30)
    corner = (moved["x"] + moved["w"] - 0.8, moved["y"] + moved["h"] - 0.8)
    drag(designer, corner, (corner[0] + 10, corner[1] + 6))
    resized = designer.boxes()[logo_index]
    assert (resized["w"], resized["h"]) == (box["w"] + 10, box["h"] + 6)

    designer.scene.items_by_index[text_index].setSelected(True)
    designer.scene.items_by_index[logo_index].setSelected(False)
    designer._selection_changed()
    panel = designer.panel
    panel.text.setText("Workshop dinner: {attendee.first_name}")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    panel.size.setValue(18)
    qtbot.keyClick(panel.size, Qt.Key.Key_Return)
    panel.colour.setText("#c2185b")
    qtbot.keyClick(panel.colour, Qt.Key.Key_Return)
    assert designer.boxes()[text_index]["color"] == "#C2185B"
    assert designer.boxes()[text_index]["size"] == 18
    save_screenshot(designer, "designer_edited")
    qtbot.keyClick(designer.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert designer.boxes()[text_index].get("color", "#000000") == "#000000"
    assert designer.boxes()[text_index]["size"] == 18

    click(qtbot, designer, "Save to event")
    designer.close()
    reopened = DesignerWindow(sample_event, "a6-4up-a4")
    qtbot.addWidget(reopened)
    saved = reopened.boxes()
    assert saved[text_index]["text"] == "Workshop dinner: {attendee.first_name}"
    assert saved[logo_index]["path"] == str(logo.resolve())
    assert (saved[logo_index]["w"], saved[logo_index]["h"]) == (box["w"] + 10, box["h"] + 6)

    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, reopened, "Print badges…")
    people = services.EventSession.open(sample_event)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == (len(people.attendees) + 3) // 4
        first = pdf.pages[0]
        assert len(first.images) == 4
        text = first.extract_text().replace("\n", " ")
        assert "Workshop dinner:" in text
    people.close()


def test_export_gives_a_template_the_command_line_prints_with(qtbot, designer, tmp_path, monkeypatch, capsys):
    """Export writes the design as a template file that loads, and `hildprint badges
    --template FILE` prints with it."""
    path = tmp_path / "ours.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, designer, "Export template…")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["layouts"]["portrait"]["width"] == 105
    from hildprint.cli import main
    out = tmp_path / "b.pdf"
    assert main(["badges", str(designer.session.path), "-o", str(out), "--template", str(path)]) in (0, 1)
    assert out.read_bytes().startswith(b"%PDF")


def test_worst_cases_are_stepped_through_and_what_shrank_is_marked(qtbot, designer):
    """Next worst case shows the longest name first, then each script; a name box made
    too small for it is marked as shrunk on the canvas and named in the status line."""
    click(qtbot, designer, "Next worst case")
    assert designer.status.text().startswith("longest name:")
    labels = set()
    for _ in range(len(designer.cases)):
        labels.add(designer.status.text().split(":")[0])
        click(qtbot, designer, "Next worst case")
    assert {"longest name", "longest affiliation", "Korean name", "Arabic name"} <= labels
    name_index = next(i for i, b in enumerate(designer.boxes()) if "{attendee.name}" in b.get("text", ""))
    designer.scene.items_by_index[name_index].setSelected(True)
    designer._selection_changed()
    longest = designer.cases[0][1]
    designer.person_box.setCurrentIndex(designer.person_box.findData(longest.id))
    designer._property_changed("min_size", 40.0)
    designer._property_changed("max_lines", 1)
    item = designer.scene.items_by_index[name_index]
    assert item.preview is not None and (item.preview.shrank or item.preview.shortened)
    assert f"box {name_index + 1}" in designer.status.text()
    save_screenshot(designer, "designer_shrank")


def test_undo_and_redo_every_kind_of_change(qtbot, designer):
    """Add, reorder, align, delete, role colour: each undoes and redoes."""
    original = json.dumps(designer.data, sort_keys=True)
    click(qtbot, designer, "Add Rectangle")
    click(qtbot, designer, "Send to back")
    click(qtbot, designer, "Align left")
    assert designer.boxes()[designer.selected]["x"] == 3.0
    designer._role_changed("Speaker", "#000000")
    click(qtbot, designer, "Delete")
    assert designer.undo_stack.count() == 5
    for _ in range(5):
        designer.undo_stack.undo()
    assert json.dumps(designer.data, sort_keys=True) == original
    for _ in range(5):
        designer.undo_stack.redo()
    assert designer.data["roles"]["Speaker"] == "#000000"


def test_landscape_back_and_another_stock(qtbot, designer):
    """The canvas follows the stock's badge in millimetres, and shows either orientation and side."""
    designer.stock_box.setCurrentIndex(designer.stock_box.findData("dymo-30856"))
    designer._stock_chosen(0)
    assert (designer.scene.width_mm, designer.scene.height_mm) == (62, 106)
    designer.orientation_box.setCurrentText("landscape")
    designer._set_face("back", "landscape")
    assert (designer.scene.width_mm, designer.scene.height_mm) == (106, 62)
    assert designer.side == "back" and designer.boxes()
    save_screenshot(designer, "designer_landscape_back")


def test_the_main_window_opens_the_designer_from_its_menu(qtbot, settings, sample_event):
    """File → Design badge… (Ctrl+Shift+B) opens the designer on the open event."""
    from hildprint.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    action = window.designer_action
    assert action.shortcut().toString() == "Ctrl+Shift+B" and action.isEnabled()
    action.trigger()
    designer = window.designer_window
    try:
        assert isinstance(designer, DesignerWindow) and designer.isVisible()
        assert designer.session.path == sample_event and designer.boxes()
    finally:
        designer.close()  # deleted on close, as the window opened it


def test_the_designer_from_the_command_line_names_a_missing_event(tmp_path, capsys):
    """`hildprint-gui --designer EVENT` on a file that is not there exits 2 with a message."""
    from hildprint.gui.app import main as gui_main

    assert gui_main(["--designer", str(tmp_path / "missing.hildprint")]) == 2
    assert "missing.hildprint" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["svg", "pdf"])
def test_a_drawing_or_a_pdf_logo_becomes_a_picture_that_prints(qtbot, designer, tmp_path, kind):
    """An SVG drawing or the first page of a PDF is turned into a PNG beside the event
    file; the image box shows it and the design with it is accepted."""
    source = tmp_path / f"logo.{kind}"
    if kind == "svg":
        source.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                          '<rect width="40" height="20" fill="#C2185B"/></svg>', encoding="utf-8")
    else:
        Image.new("RGB", (80, 40), "#C2185B").save(source, format="PDF")
    designer.add_box("image", str(source))
    box = designer.boxes()[-1]
    assert box["type"] == "image" and box["path"].endswith(".png")
    picture = Image.open(box["path"]).convert("RGB")
    middle = picture.getpixel((picture.width // 2, picture.height // 2))
    assert all(abs(a - b) <= 3 for a, b in zip(middle, (194, 24, 91)))  # JPEG inside the PDF
    services.check_design(designer.data)
    assert designer.scene.image_for(box["path"]).width() == picture.width


def test_a_role_gets_a_design_of_its_own_that_prints_for_that_role_only(qtbot, designer, tmp_path, monkeypatch):
    """Design for Speaker starts from a copy of the common design; a box added there
    prints on speakers' badges and on nobody else's; undo takes the role's design away."""
    designer.role_box.setCurrentIndex(designer.role_box.findData("Speaker"))
    designer.role_box.activated.emit(designer.role_box.currentIndex())
    assert "Speaker" in designer.data["role_layouts"]
    click(qtbot, designer, "Add Text")
    designer.panel.text.setText("SPEAKER BADGE")
    qtbot.keyClick(designer.panel.text, Qt.Key.Key_Return)
    common = [b.get("text") for b in designer.data["layouts"]["portrait"]["front"]]
    assert "SPEAKER BADGE" not in common
    out = tmp_path / "roles.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, designer, "Print badges…")
    roles = {p.id: p.role for p in designer.people}
    speakers = sum(1 for r in roles.values() if r == "Speaker")
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert speakers and text.count("SPEAKER BADGE") == speakers
    for _ in range(3):
        designer.undo_stack.undo()
    assert "Speaker" not in designer.data.get("role_layouts", {})
