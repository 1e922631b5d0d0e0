"""The organiser's window's menus: File, Edit (undo, redo and the commands that change
records), View and Help. Each command is an action of the window with its shortcut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from hildprint.gui.help import AboutDialog, ShortcutsDialog

if TYPE_CHECKING:
    from hildprint.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Help, in that order (other menus may be added between View and Help)."""
    _file_menu(window, window.menuBar().addMenu("&File"))
    _edit_menu(window, window.menuBar().addMenu("&Edit"))
    view_menu = window.menuBar().addMenu("&View")
    window._action(view_menu, "&Filter the table", QKeySequence.StandardKey.Find, window.focus_filter)
    window._action(view_menu, "&Reload", QKeySequence.StandardKey.Refresh, window.reload, needs_event=True)
    for number in range(window.tabs.count()):
        label = window.tabs.tabText(number).replace("&", "")
        window._action(view_menu, label, f"Ctrl+{number + 1}",
                     lambda _=False, n=number: window.tabs.setCurrentIndex(n), needs_event=True)
    window.help_menu = window.menuBar().addMenu("&Help")
    window._action(window.help_menu, "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                   lambda: _open(ShortcutsDialog(window.menuBar(), window)))
    window._action(window.help_menu, "&About hildprint", "", lambda: _open(AboutDialog(window)))


def _open(dialog: QDialog) -> QDialog:
    """Show a window-modal dialog that is deleted once closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _file_menu(window: MainWindow, file_menu: QMenu) -> None:
    window.file_menu = file_menu
    window._action(file_menu, "&New event…", QKeySequence.StandardKey.New, window.ask_new_event)
    window._action(file_menu, "&Open event…", QKeySequence.StandardKey.Open, window.ask_open_event)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window._fill_recent_menu()
    window._action(file_menu, "Open the &sample event", "", window.open_sample_event)
    file_menu.addSeparator()
    window._action(file_menu, "Event &settings…", "Ctrl+,", window.edits.edit_event_settings, needs_event=True)
    file_menu.addSeparator()
    window._action(file_menu, "&Import…", "Ctrl+I", window.ask_import, needs_event=True)
    window._action(file_menu, "&Export this table…", "Ctrl+E", window.ask_export, needs_event=True)
    window._action(file_menu, "Check &posters…", "Ctrl+Shift+K", window.ask_posters, needs_event=True)
    window._action(file_menu, "&Print run…", QKeySequence.StandardKey.Print,
                 lambda: window.tabs.setCurrentWidget(window.printing), needs_event=True)
    file_menu.addSeparator()
    window.desk_action = window._action(file_menu, "Badge &desk…", "Ctrl+D", window.open_desk, needs_event=True)
    window.designer_action = window._action(file_menu, "Design &badge…", "Ctrl+Shift+B", window.open_designer,
                                            needs_event=True)
    file_menu.addSeparator()
    window._action(file_menu, "&Quit", "Ctrl+Q", window.close)


def _edit_menu(window: MainWindow, edit_menu: QMenu) -> None:
    """Undo and redo, then the commands that change records (each one undoable)."""
    window.edit_menu = edit_menu
    window.undo_action = window.history.createUndoAction(window, "&Undo")
    window.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
    window.redo_action = window.history.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    window._action(edit_menu, "&Add a person…", "Ctrl+Shift+N", lambda: window.ask_add(window.attendees),
                   needs_event=True)
    window._action(edit_menu, "Add a &paper…", "", lambda: window.ask_add(window.papers), needs_event=True)
    window._action(edit_menu, "Add a &session…", "", lambda: window.ask_add(window.programme), needs_event=True)
    window._action(edit_menu, "&Edit the selected row", "", window.edit_current, needs_event=True)
    window.delete_action = window._action(edit_menu, "&Delete the selected rows", QKeySequence.StandardKey.Delete,
                                      window.delete_selected, needs_event=True)
    window.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.tabs.addAction(window.delete_action)  # Delete acts on the tables, never in a dialog
    edit_menu.addSeparator()
    window._action(edit_menu, "&Number the poster boards", "", window.edits.number_boards, needs_event=True)
