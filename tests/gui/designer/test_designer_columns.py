"""Columns an attendee import brings besides the known fields (dietary needs, T-shirt
size) are kept with each person, offered as placeholders in the designer, and printed."""

from __future__ import annotations

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from tests.gui.designer.test_designer import click

from hildprint.cli import main
from hildprint.core import services
from hildprint.gui.designer.window import DesignerWindow

PEOPLE = ("id,first_name,last_name,affiliation,Dietary,T-shirt\n"
          "P1,Ana,Sousa,Universidade de Lisboa,Vegetarian,M\n"
          "P2,Kenji,Tanaka,Kyoto University,,XL\n")


def _event_with_import(folder):
    event = folder / "scidl.hildprint"
    services.create_event(event, services.Event("SciDL 2026", code="SCIDL26"))
    csv = folder / "people.csv"
    csv.write_text(PEOPLE, encoding="utf-8")
    assert main(["import", str(event), "attendees", str(csv)]) == 0
    return event


def test_the_import_keeps_the_other_columns(tmp_path):
    """Each person keeps the cells of the columns no field took; empty cells are left out."""
    event = _event_with_import(tmp_path)
    with services.EventSession.open(event) as session:
        people = {p.id: p for p in session.attendees}
    assert people["P1"].extra == {"Dietary": "Vegetarian", "T-shirt": "M"}
    assert people["P2"].extra == {"T-shirt": "XL"}
    assert services.column_placeholders(list(people.values())) == [
        "{attendee.extra[Dietary]}", "{attendee.extra[T-shirt]}"]


def test_a_column_chosen_from_the_list_prints_on_the_badges(qtbot, tmp_path, monkeypatch):
    """Add a text box, choose the Dietary column from the placeholder list: the canvas
    shows it for the previewed person and the printed badges carry each person's value."""
    event = _event_with_import(tmp_path)
    designer = DesignerWindow(event, "a6-4up-a4")
    qtbot.addWidget(designer)
    designer.show()
    qtbot.waitExposed(designer)
    click(qtbot, designer, "Add Text")
    index = designer.selected
    panel = designer.panel
    panel.text.setText("Meal: ")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    choice = panel.placeholder.findText("{attendee.extra[Dietary]}")
    assert choice > 0
    panel.placeholder.setCurrentIndex(choice)
    panel.placeholder.activated.emit(choice)
    assert designer.boxes()[index]["text"] == "Meal: {attendee.extra[Dietary]}"
    designer.person_box.setCurrentIndex(designer.person_box.findData("P1"))
    designer.refresh_preview()
    assert designer.scene.items_by_index[index].preview.lines == ("Meal: Vegetarian",)
    out = tmp_path / "badges.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, designer, "Print badges…")
    designer.close()
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Meal: Vegetarian" in text and "Meal:" in text.replace("Meal: Vegetarian", "")
    again = tmp_path / "cli.pdf"
    assert main(["badges", str(event), "-o", str(again), "--only", "P1"]) == 0
    with pdfplumber.open(again) as pdf:
        assert "Meal: Vegetarian" in pdf.pages[0].extract_text()
