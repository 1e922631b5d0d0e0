"""A font family chosen in the designer's properties panel is kept in the design and
printed: the PDF's characters are in that font."""

from __future__ import annotations

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from tests.gui.designer.test_designer import click

from hildprint.core import services
from hildprint.gui.designer.window import DesignerWindow


@pytest.fixture
def designer(qtbot, sample_event):
    window = DesignerWindow(sample_event, "a6-4up-a4")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _fonts_of(pdf_path, words: str) -> set[str]:
    """The fonts the characters of ``words`` are printed in on the first page."""
    with pdfplumber.open(pdf_path) as pdf:
        chars = pdf.pages[0].chars
    text = "".join(c["text"] for c in chars)
    start = text.index(words)
    return {c["fontname"].split("+")[-1] for c in chars[start:start + len(words)]}


def test_a_chosen_font_is_kept_and_printed(qtbot, designer, tmp_path, monkeypatch):
    """Choose IPAGothic for a new text box: the design keeps it, the printed badge uses it
    for that box, and going back to the per-script choice prints DejaVu Sans again."""
    click(qtbot, designer, "Add Text")
    index = designer.selected
    panel = designer.panel
    panel.text.setText("Lisbon dinner")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    assert panel.font.isEnabled() and panel.font.itemText(0) != "IPAGothic"
    assert "IPAGothic" in [panel.font.itemText(i) for i in range(panel.font.count())]
    chosen = panel.font.findData("IPAGothic")
    panel.font.setCurrentIndex(chosen)
    panel.font.activated.emit(chosen)
    assert designer.boxes()[index]["font"] == "IPAGothic"
    out = tmp_path / "font.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click(qtbot, designer, "Print badges…")
    assert services.event_design(designer.session)["layouts"]["portrait"]["front"][index]["font"] == "IPAGothic"
    assert _fonts_of(out, "Lisbon dinner") == {"IPAGothic"}

    panel.font.setCurrentIndex(0)
    panel.font.activated.emit(0)
    assert not designer.boxes()[index].get("font")
    click(qtbot, designer, "Print badges…")
    assert _fonts_of(out, "Lisbon dinner") == {"DejaVuSans"}


def test_an_unknown_font_is_refused_naming_the_box(tmp_path):
    """A design naming a font that is not bundled is refused with the box and the choices."""
    data = services.bundled_design("neutral")
    data["layouts"]["portrait"]["front"][1]["font"] = "Comic Sans"
    with pytest.raises(services.HildprintError, match=r"front box 2: font 'Comic Sans'.*DejaVuSans"):
        services.check_design(data)
