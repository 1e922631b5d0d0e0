"""Help for the organiser's window: the keyboard shortcuts, read from the window's own
menus so the list is always true, and the About box (versions, fonts and licences)."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.gui.runtime import SettledWindow

TABLE_KEYS = (
    ("F2, Enter or double-click", "Edit the cell under the cursor (Escape cancels)"),
    ("Typing letters on a table", "Jump to the next row starting with them (nothing is edited)"),
    ("Delete", "Delete the selected rows (Ctrl+Z puts them back)"),
    ("Ctrl+Enter (Print view)", "Print the chosen documents"),
)
"""Keys that belong to the tables rather than to a menu."""


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut."""
    found = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in _actions(menu):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                found.append((_plain(menu_action.text()), _plain(action.text()), keys))
    return found


def _actions(menu) -> list[QAction]:
    actions = []
    for action in menu.actions():
        actions.extend(_actions(action.menu()) if action.menu() else [action])
    return actions


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks and dots ("&Open event…" -> "Open event")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(SettledWindow, QDialog):
    """Every keyboard shortcut of the window, menus first, then the tables' keys."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(keys, f"{menu} › {command}") for menu, command, keys in menu_shortcuts(menu_bar)]
        rows += list(TABLE_KEYS)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)


def about_html() -> str:
    """The About text: what hildprint is, the versions it runs with, its fonts and licences."""
    versions = {**services.versions(), "Qt": qVersion(), "PySide6": pyside_version}
    version_rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
                           for k, v in versions.items())
    font_rows = "".join(
        f"<tr><td>{html.escape(f.face)}</td><td>{html.escape(f.licence_name)}</td>"
        f"<td><a href='{QUrl.fromLocalFile(str(f.licence)).toString()}'>{html.escape(f.licence.name)}</a></td></tr>"
        for f in services.font_licences())
    return (f"<h2>hildprint {html.escape(services.versions()['hildprint'])}</h2>"
            "<p>The print shop of a scientific workshop: badges with signed QR codes on real label "
            "stock, room signs, poster-board labels, poster checks and the onsite badge desk.</p>"
            f"<h3>Versions</h3><table cellpadding='2'>{version_rows}</table>"
            "<h3>Fonts printed on documents</h3>"
            f"<table cellpadding='2'><tr><th align='left'>Font</th><th align='left'>Licence</th>"
            f"<th align='left'>Full text</th></tr>{font_rows}</table>")


class AboutDialog(SettledWindow, QDialog):
    """About hildprint: versions, and the bundled fonts with their licences."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About hildprint")
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html())
        self.text.setAccessibleName("About hildprint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(600, 560)
