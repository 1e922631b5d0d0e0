"""Conventions of the main window: it fits 1366 x 768, every control can be named by a
screen reader, every main action has a shortcut, and a screenshot of each view."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QTableView,
)
from tests.gui.conftest import save_screenshot

from hildprint.gui.main_window import MainWindow

MAIN_ACTIONS = ("New event…", "Open event…", "Import…", "Export this table…", "Check posters…",
                "Print run…", "Badge desk…", "Design badge…", "Filter the table", "Quit")


def test_the_window_fits_a_small_laptop_and_names_its_controls(qtbot, settings, sample_event):
    """At 1366 x 768 no view needs more room than the screen has; every input, list and
    table has an accessible name (or a visible text); every main action a shortcut."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.resize(1366, 768)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 768, window.tabs.tabText(index)
        save_screenshot(window, f"view_{window.tabs.tabText(index).replace('&', '').lower()}")
    unnamed = [type(w).__name__ for kind in (QLineEdit, QComboBox, QListWidget, QTableView)
               for w in window.findChildren(kind)
               if not w.accessibleName() and not isinstance(w.parent(), (QComboBox, QTableView))]
    unnamed += [b.objectName() or type(b).__name__ for b in window.findChildren(QAbstractButton)
                if not (b.accessibleName() or b.text()) and b.isVisibleTo(window)]
    assert unnamed == []
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in window.findChildren(QAction)}
    assert all(shortcuts.get(name) for name in MAIN_ACTIONS), shortcuts
    views = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert views == ["Attendees", "Papers", "Programme", "Posters", "Print"]
    assert [shortcuts[v] for v in views] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5"]
