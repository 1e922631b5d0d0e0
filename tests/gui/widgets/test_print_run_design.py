"""The print view of a new event prints the event's own design: the neutral template
with the event's name, not HiLD's."""

from __future__ import annotations

import pdfplumber
from PySide6.QtCore import Qt
from tests.core.services.test_default_design import HILD_HEADER, NEUTRAL_HEADER, fill_colours, scidl_event
from tests.gui.conftest import save_screenshot


def test_a_new_events_print_view_prints_its_name_on_the_neutral_design(qtbot, settings, tmp_path):
    """On a new event the print view offers the event's design first; its first-badge
    preview and the printed badges carry "SciDL 2026" on the neutral header."""
    from hildprint.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(scidl_event(tmp_path))
    window.resize(1366, 768)
    window.show()
    view = window.printing
    with qtbot.waitSignal(view.sample_shown, timeout=20_000) as shown:
        window.tabs.setCurrentWidget(view)
    assert shown.args[0] in {"Ana Sousa", "Kim Min-jun"}
    assert view.template.currentText() == "event"
    save_screenshot(window, "print_view_new_event")
    for name, box in view.documents.items():
        box.setChecked(name == "badges")
    view.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    badges = tmp_path / "out" / "badges.pdf"
    with pdfplumber.open(badges) as pdf:
        text = pdf.pages[0].extract_text()
    assert "SciDL 2026" in text and "HiLD" not in text
    assert NEUTRAL_HEADER in fill_colours(badges) and HILD_HEADER not in fill_colours(badges)
    window.close()
