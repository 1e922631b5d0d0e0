"""The badge designer: the event's badge design on a canvas, previewed with its people.

Every change (a box added, dragged, resized, restyled, reordered, deleted; a role colour;
the stock measured for) is an undoable step on the designer's own ``QUndoStack``: the
design before and after. The design is kept in the event file with Save and written as a
template file with Export.
"""

from __future__ import annotations

import copy
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter, QUndoCommand, QUndoStack
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
)

from hildprint.core import services
from hildprint.gui.designer.canvas import DesignScene, DesignView
from hildprint.gui.designer.panel import PropertiesPanel
from hildprint.gui.runtime import SettledWindow

NEW_BOXES = {
    "text": {"type": "text", "w": 40, "h": 10, "text": "{attendee.affiliation}", "size": 12, "min_size": 7},
    "qr": {"type": "qr", "w": 20, "content": "token"},
    "rect": {"type": "rect", "w": 30, "h": 8, "fill": "#1F2937"},
    "line": {"type": "line", "w": 30, "h": 0, "color": "#1F2937", "width": 0.5},
    "image": {"type": "image", "w": 25, "h": 15},
}
IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.svg *.pdf)"
SVG_PIXELS = 1200
"""The longer side, in pixels, a drawing (SVG) is turned into for printing."""


class DesignChange(QUndoCommand):
    """One change of the design: undo puts the design before it back."""

    def __init__(self, designer: DesignerWindow, before: dict, after: dict, text: str):
        super().__init__(text)
        self.designer, self.before, self.after = designer, before, after

    def redo(self) -> None:
        """Apply the change."""
        self.designer.show_design(copy.deepcopy(self.after))

    def undo(self) -> None:
        """Put the design before the change back."""
        self.designer.show_design(copy.deepcopy(self.before))


class DesignerWindow(SettledWindow, QMainWindow):
    """The designer of one event's badges."""

    def __init__(self, event_path: str | Path, stock: str = services.DEFAULT_STOCK, parent=None):
        super().__init__(parent)
        self.session = services.EventSession.open(event_path)
        self.setWindowTitle(f"Badge design – {self.session.event.name}")
        self.people = self.session.attendees
        self.cases = services.worst_cases(self.people)
        self.case_index = -1
        self.undo_stack = QUndoStack(self)
        self.scene = DesignScene(self)
        self.scene.image_loader = lambda path: QImage(path)
        self.view = DesignView(self.scene, self)
        self.panel = PropertiesPanel(self)
        self.panel.offer_columns(services.column_placeholders(self.people))
        self.status = QLabel()
        self.orientation, self.side, self.role = "portrait", "front", ""
        self.selected: int | None = None
        self.preview_ms = 0.0
        self._build(stock)
        self.data: dict[str, Any] = {}
        start = services.event_design(self.session)
        self.show_design(services.design_for_stock(start, self.stock, self._stock_orientation()))
        self.undo_stack.setClean()

    # -- building ----------------------------------------------------------------------
    def _build(self, stock: str) -> None:
        split = QSplitter(self)
        split.addWidget(self.view)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        self.panel.setMaximumWidth(380)
        self.setCentralWidget(split)
        self.statusBar().addWidget(self.status, 1)
        self.stock_box = QComboBox()
        for index, item in enumerate(services.list_stocks()):
            self.stock_box.addItem(item.name, item.name)
            self.stock_box.setItemData(index, item.describe(), Qt.ItemDataRole.ToolTipRole)
        self.stock_box.setCurrentIndex(max(0, self.stock_box.findData(stock)))
        self.stock = services.load_stock(stock)
        self.side_box = QComboBox()
        self.side_box.addItems(("front", "back"))
        self.orientation_box = QComboBox()
        self.orientation_box.addItems(("portrait", "landscape"))
        self.orientation_box.setCurrentText(self._stock_orientation())
        self.orientation = self._stock_orientation()
        self.role_box = QComboBox()
        self.role_box.addItem("everyone", "")
        for role in services.ROLES:
            self.role_box.addItem(f"{role} (own design)", role)
        self.person_box = QComboBox()
        self.person_box.setMaximumWidth(240)
        for person in self.people:
            self.person_box.addItem(f"{person.name} ({person.id})", person.id)
        self._build_toolbars()
        self.stock_box.activated.connect(self._stock_chosen)
        self.side_box.activated.connect(lambda _i: self._set_face(self.side_box.currentText(), None))
        self.orientation_box.activated.connect(lambda _i: self._set_face(None, self.orientation_box.currentText()))
        self.person_box.activated.connect(lambda _i: self.refresh_preview())
        self.role_box.activated.connect(lambda _i: self.design_for_role(self.role_box.currentData()))
        self.scene.box_moved.connect(self._box_moved)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.panel.changed.connect(self._property_changed)
        self.panel.role_changed.connect(self._role_changed)
        self.resize(1200, 800)

    def _build_toolbars(self) -> None:
        bar = QToolBar("Design", self)
        self.addToolBar(bar)
        self.actions_by_name: dict[str, QAction] = {}
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo, redo):
            bar.addAction(action)
            self.actions_by_name[action.text().replace("&", "").split(" ")[0]] = action
        bar.addSeparator()
        for kind, label in (("text", "Text"), ("qr", "QR code"), ("image", "Image…"), ("rect", "Rectangle"),
                            ("line", "Line")):
            self._add_action(bar, f"Add {label}", lambda _c=False, k=kind: self.add_box(k))
        bar.addSeparator()
        self._add_action(bar, "Delete", self.delete_box, QKeySequence.StandardKey.Delete)
        self._add_action(bar, "Bring to front", lambda: self.reorder(+1))
        self._add_action(bar, "Send to back", lambda: self.reorder(-1))
        for where in ("left", "center", "right"):
            self._add_action(bar, f"Align {where}", lambda _c=False, w=where: self.align(w))
        second = QToolBar("Preview", self)
        self.addToolBarBreak()
        self.addToolBar(second)
        for label, widget in (("Stock", self.stock_box), ("Orientation", self.orientation_box),
                              ("Side", self.side_box), ("Design for", self.role_box), ("Person", self.person_box)):
            second.addWidget(QLabel(f" {label} "))
            second.addWidget(widget)
            widget.setAccessibleName(label)
        self._add_action(second, "Next worst case", self.next_worst_case, "Ctrl+Shift+N")
        self._add_action(second, "Drop this role's design", self.drop_role_design)
        third = QToolBar("Keep", self)
        self.addToolBarBreak()
        self.addToolBar(third)
        second = third
        self._add_action(second, "Save to event", self.save, QKeySequence.StandardKey.Save)
        self._add_action(second, "Export template…", self.ask_export, "Ctrl+Shift+E")
        self._add_action(second, "Print badges…", self.ask_print, QKeySequence.StandardKey.Print)

    def _add_action(self, bar: QToolBar, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        bar.addAction(action)
        self.actions_by_name[text] = action
        return action

    # -- the design ----------------------------------------------------------------------
    def layouts(self, data: dict | None = None) -> dict[str, Any]:
        """The layouts the canvas edits: the common design's, or the chosen role's own."""
        data = self.data if data is None else data
        if self.role and self.role in data.get("role_layouts", {}):
            return data["role_layouts"][self.role]
        return data["layouts"]

    def boxes(self, data: dict | None = None) -> list[dict[str, Any]]:
        """The boxes of the face on the canvas."""
        return self.layouts(data)[self.orientation].setdefault(self.side, [])

    def design_for_role(self, role: str) -> None:
        """Edit ``role``'s own design ("" the common one); a role without one starts from
        a copy of the common design."""
        self.role, self.selected = role, None
        self.role_box.setCurrentIndex(max(0, self.role_box.findData(role)))
        if role and role not in self.data.get("role_layouts", {}):
            self.change(f"Own design for {role}", lambda d: d.setdefault("role_layouts", {}).update(
                {role: copy.deepcopy(d["layouts"])}))
            return
        self.show_design(self.data)

    def drop_role_design(self) -> None:
        """Give the chosen role the common design again."""
        role = self.role
        if role and role in self.data.get("role_layouts", {}):
            self.role = ""
            self.role_box.setCurrentIndex(0)
            self.change(f"Common design for {role}", lambda d: d["role_layouts"].pop(role))

    def change(self, text: str, edit) -> None:
        """Make ``edit`` (a function changing a copy of the design) an undoable step."""
        before = copy.deepcopy(self.data)
        after = copy.deepcopy(self.data)
        edit(after)
        if after != before:
            self.undo_stack.push(DesignChange(self, before, after, text))

    def show_design(self, data: dict[str, Any]) -> None:
        """Show ``data`` on the canvas and in the panel, and preview it."""
        self.data = data
        if self.orientation not in data["layouts"]:
            data.update(services.design_for_stock(data, self.stock, self.orientation))
        if self.role not in data.get("role_layouts", {}):
            self.role = ""
            self.role_box.setCurrentIndex(0)
        if self.orientation not in self.layouts(data):
            self.layouts(data)[self.orientation] = copy.deepcopy(data["layouts"][self.orientation])
        layout = self.layouts(data)[self.orientation]
        boxes = self.boxes()
        if self.selected is not None and self.selected >= len(boxes):
            self.selected = None
        self.scene.show_face(float(layout["width"]), float(layout["height"]), boxes, self.selected)
        self.panel.show_box(boxes[self.selected] if self.selected is not None else None)
        self.panel.show_roles(data.get("roles", {}))
        self.view.resetCachedContent()
        self.view.fit()
        self.refresh_preview()

    def _set_face(self, side: str | None, orientation: str | None) -> None:
        self.side = side or self.side
        self.side_box.setCurrentText(self.side)
        self.orientation_box.setCurrentText(orientation or self.orientation)
        if orientation and orientation != self.orientation:
            self.orientation = orientation
            if not self._measured_for_stock():
                self.selected = None
                self.change(f"Measure the {orientation} layout for {self.stock.name}",
                            lambda d: d.update(services.design_for_stock(d, self.stock, orientation)))
                self.show_design(self.data)
                return
        self.selected = None
        self.show_design(self.data)

    def _measured_for_stock(self) -> bool:
        """Whether the canvas's layout is the size of the stock's badge."""
        layout = self.layouts().get(self.orientation)
        stock = self.preview_stock()
        return layout is not None and (abs(float(layout["width"]) - stock.badge_width) < 0.01
                                       and abs(float(layout["height"]) - stock.badge_height) < 0.01)

    def _stock_chosen(self, _index: int) -> None:
        self.stock = services.load_stock(self.stock_box.currentData())
        orientation = self._stock_orientation()
        self.orientation = orientation
        self.orientation_box.setCurrentText(orientation)
        self.change(f"Measure for {self.stock.name}",
                    lambda d: d.update(services.design_for_stock(d, self.stock, orientation)))
        self.show_design(self.data)

    def _stock_orientation(self) -> str:
        return "landscape" if self.stock.landscape else "portrait"

    # -- boxes ---------------------------------------------------------------------------
    def add_box(self, kind: str, path: str = "") -> None:
        """Add a box of ``kind`` in the middle of the face (an image asks for its picture)."""
        box = dict(NEW_BOXES[kind])
        if kind == "image":
            path = path or QFileDialog.getOpenFileName(self, "Add an image", "", IMAGE_FILTER)[0]
            picture = self._printable_picture(Path(path)) if path else None
            if picture is None:
                return
            box["path"] = str(picture.resolve())
        layout = self.layouts()[self.orientation]
        box["x"] = round((float(layout["width"]) - box["w"]) / 2)
        box["y"] = round((float(layout["height"]) - box.get("h", box["w"])) / 2)
        self.selected = len(self.boxes())
        self.change(f"Add {kind}", lambda d: self.boxes(d).append(box))

    def _printable_picture(self, path: Path) -> Path | None:
        """``path`` as a picture the badges print: a PNG or JPEG as it is, the first page
        of a PDF or a drawing (SVG) turned into a PNG beside the event file."""
        try:
            if path.suffix.lower() == ".pdf":
                return services.picture_from_pdf(path, services.pictures_folder(self.session))
            if path.suffix.lower() == ".svg":
                return self._picture_from_svg(path)
        except services.HildprintError as error:
            QMessageBox.warning(self, "Add an image", str(error))
            return None
        return path

    def _picture_from_svg(self, path: Path) -> Path:
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            raise services.HildprintError(f"{path}: cannot read this drawing (SVG)")
        size = renderer.defaultSize()
        scale = SVG_PIXELS / max(size.width(), size.height(), 1)
        image = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)),
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        folder = services.pictures_folder(self.session)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{path.stem}.png"
        if not image.save(str(target), "PNG"):
            raise services.HildprintError(f"{target}: cannot write the picture")
        return target

    def delete_box(self) -> None:
        """Delete the selected box."""
        index = self.selected
        if index is not None:
            self.selected = None
            self.change("Delete box", lambda d: self.boxes(d).pop(index))

    def reorder(self, step: int) -> None:
        """Move the selected box one step up (+1) or down (-1) in the drawing order."""
        index = self.selected
        if index is None or not 0 <= index + step < len(self.boxes()):
            return
        self.selected = index + step

        def swap(data: dict) -> None:
            boxes = self.boxes(data)
            boxes[index], boxes[index + step] = boxes[index + step], boxes[index]
        self.change("Reorder", swap)

    def align(self, where: str) -> None:
        """Align the selected box to the left, centre or right of the face's safe zone."""
        index = self.selected
        if index is None:
            return
        width = float(self.layouts()[self.orientation]["width"])
        box = self.boxes()[index]
        x = {"left": 3.0, "right": width - 3.0 - box["w"]}.get(where, (width - box["w"]) / 2)
        self.change(f"Align {where}", lambda d: self.boxes(d)[index].update(x=round(x, 3)))

    def _box_moved(self, index: int, x: float, y: float, w: float, h: float) -> None:
        self.selected = index
        values = {"x": x, "y": y, "w": w} | ({} if self.boxes()[index]["type"] == "qr" else {"h": h})
        self.change("Move box", lambda d: self.boxes(d)[index].update(values))

    def _selection_changed(self) -> None:
        index = self.scene.selected_index()
        if index is not None or not self.scene.items_by_index:
            self.selected = index
        boxes = self.boxes()
        self.panel.show_box(boxes[self.selected] if self.selected is not None and self.selected < len(boxes) else None)

    def _property_changed(self, key: str, value: Any) -> None:
        index = self.selected
        if index is None:
            return
        if key == "min_size":
            value = min(value, self.boxes()[index].get("size", value))
        self.change(f"Change {key.replace('_', ' ')}", lambda d: self.boxes(d)[index].update({key: value}))

    def _role_changed(self, role: str, colour: str) -> None:
        self.change(f"Colour of {role}", lambda d: d.setdefault("roles", {}).update({role: colour}))

    # -- preview -------------------------------------------------------------------------
    def person(self):
        """The person the canvas shows."""
        chosen = self.person_box.currentData()
        person = next((p for p in self.people if p.id == chosen), None)
        if person is not None and self.role:  # shown as the role whose design is on the canvas
            person = replace(person, role=self.role)
        return person

    def next_worst_case(self) -> None:
        """Show the next of the event's worst cases (longest name, each script, ...)."""
        if not self.cases:
            return
        self.case_index = (self.case_index + 1) % len(self.cases)
        label, person = self.cases[self.case_index]
        self.person_box.setCurrentIndex(self.person_box.findData(person.id))
        self.refresh_preview(label)

    def preview_stock(self):
        """The stock, turned to the canvas's orientation."""
        stock = self.stock
        if (self.orientation == "landscape") != stock.landscape:
            stock = replace(stock, badge_width=stock.badge_height, badge_height=stock.badge_width)
        return stock

    def refresh_preview(self, label: str = "") -> None:
        """Fill the boxes with the chosen person, and say what shrank or has no glyph."""
        person = self.person()
        if person is None:
            self.scene.show_previews([])
            self.status.setText("No people in this event yet: the boxes show their placeholders.")
            return
        started = time.perf_counter()
        try:
            previews = services.preview_design(self.data, self.preview_stock(), self.session.event, person,
                                               self.side, self.session.folder)
        except services.HildprintError as error:
            self.status.setText(f"Cannot preview: {error}")
            return
        self.scene.show_previews(previews)
        self.preview_ms = (time.perf_counter() - started) * 1000
        self.status.setText(self._summary(person, previews, label))

    @staticmethod
    def _summary(person, previews, label: str) -> str:
        notes = []
        for preview in previews:
            if preview.missing:
                notes.append(f"box {preview.index + 1} has no glyph for {preview.missing}")
            if preview.shortened:
                notes.append(f"box {preview.index + 1} was shortened")
            elif preview.shrank:
                notes.append(f"box {preview.index + 1} shrank to {preview.size:.1f} pt")
        head = f"{label}: " if label else ""
        return f"{head}{person.name} – " + ("; ".join(notes) if notes else "everything fits")

    # -- keeping -------------------------------------------------------------------------
    def save(self) -> bool:
        """Keep the design in the event file."""
        try:
            services.save_event_design(self.session, self.data)
        except services.HildprintError as error:
            QMessageBox.warning(self, "Badge design", str(error))
            return False
        self.undo_stack.setClean()
        self.status.setText("Saved in the event file.")
        return True

    def ask_export(self) -> None:
        """Write the design as a template file."""
        path, _ = QFileDialog.getSaveFileName(self, "Export the template", "design.json", "Templates (*.json)")
        if path:
            try:
                services.export_design(self.data, path)
            except services.HildprintError as error:
                QMessageBox.warning(self, "Badge design", str(error))

    def ask_print(self) -> None:
        """Save the design and print the event's badges with it into a PDF."""
        path, _ = QFileDialog.getSaveFileName(self, "Print badges", "badges.pdf", "PDF (*.pdf)")
        if not path or not self.save():
            return
        request = services.BadgeRequest(self.session, Path(path), self.stock.name, services.EVENT_TEMPLATE)
        run, _selection = services.make_badges(request, workers=1)
        self.status.setText(f"{run.badges} badges on {run.pages} pages in {path}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Close the event file the designer opened."""
        self.session.close()
        super().closeEvent(event)
