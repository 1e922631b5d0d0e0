"""The window around the tables: the first-start page, Help (shortcuts on F1, About),
file dialogs beside the event file, the notice about other programs' changes, and
labels and dialogs that read well at 1366 x 768."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton
from tests.gui.conftest import save_screenshot

from hildprint.gui import main_window as main_window_module
from hildprint.gui.dialogs.event_settings import EventSettingsDialog
from hildprint.gui.dialogs.import_wizard import ImportWizard
from hildprint.gui.help import AboutDialog, ShortcutsDialog
from hildprint.gui.main_window import MainWindow


def _window(qtbot, settings, event=None) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    if event is not None:
        assert window.open_event(event)
    return window


# -- 10. the first start ----------------------------------------------------------------------
def test_the_first_start_shows_a_start_page_not_empty_tables(qtbot, settings, sample_event):
    """With no event open the window shows the start page; a recent event is listed and
    opens with Enter; the tables and the preview appear only then."""
    _window(qtbot, settings, sample_event).close()
    window = _window(qtbot, settings)
    window.show()
    assert window.pages.currentWidget() is window.start_page
    assert not window.preview_dock.isVisible()
    page = window.start_page
    assert page.recent.count() == 1
    assert page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(sample_event.resolve())
    save_screenshot(window, "start_page")
    page.recent.setFocus()
    with qtbot.waitSignal(window.event_opened, timeout=5000):
        qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.workspace
    assert window.attendees.summary.text() == "42 attendees"


def test_the_sample_event_opens_from_the_start_page(qtbot, settings, tmp_path, monkeypatch):
    """"Open the sample event" makes it in the app's data folder and opens it."""
    monkeypatch.setattr(main_window_module.QStandardPaths, "writableLocation", lambda _where: str(tmp_path))
    window = _window(qtbot, settings)
    window.show()
    button = next(b for b in window.start_page.findChildren(QPushButton) if "sample" in b.text())
    with qtbot.waitSignal(window.event_opened, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.path == tmp_path / "sample" / "hild2026-sample.hildprint"
    assert window.attendees.summary.text() == "42 attendees"


def test_file_dialogs_start_beside_the_event_file(qtbot, settings, sample_event, monkeypatch):
    """Open, export and the import wizard's Browse start in the event file's folder."""
    asked: list[str] = []

    def fake(_parent, _caption, directory, _filter):
        asked.append(directory)
        return "", ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    window = _window(qtbot, settings, sample_event)
    window.ask_open_event()
    window.ask_export()
    wizard = ImportWizard(window.document, "", "attendees", window)
    qtbot.addWidget(wizard)
    wizard.file_page._browse()
    folder = str(sample_event.parent)
    assert asked[0] == folder and asked[1] == str(sample_event.parent / "attendees.csv") and asked[2] == folder


# -- 10. help ----------------------------------------------------------------------------------
def test_f1_lists_the_shortcuts_from_the_menus(qtbot, settings, sample_event):
    """F1 opens the shortcuts: undo, redo, delete and import are listed with their keys."""
    window = _window(qtbot, settings, sample_event)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.attendees.table.setFocus()
    qtbot.keyClick(window.attendees.table, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog) and w.isVisible())
    rows = {dialog.table.item(r, 1).text(): dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert rows["Edit › Undo"] == "Ctrl+Z" and rows["Edit › Redo"] == "Ctrl+Shift+Z"
    assert rows["File › Import"] == "Ctrl+I" and rows["Help › Keyboard shortcuts"] == "F1"
    assert rows["Edit › Delete the selected rows"] == "Del"
    save_screenshot(dialog, "shortcuts_dialog")
    dialog.close()


def test_about_names_the_versions_and_the_font_licences(qtbot):
    """About lists hildprint's, Python's and Qt's versions and every font with its licence."""
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.text.toPlainText()
    assert "hildprint 0.1.0" in text and "Python" in text and "Qt" in text
    for face, licence in (("NanumGothic", "OFL-1.1"), ("IPAGothic", "IPA-1"), ("DejaVuSans", "bitstream-vera")):
        assert face in text and licence in text
    save_screenshot(dialog, "about_dialog")


# -- 7. the notice about other programs ----------------------------------------------------------
def test_the_notice_shows_only_for_other_programs_and_can_be_dismissed(qtbot, settings, sample_event, tmp_path):
    """The window's own edit brings no notice; `hildprint event` from a shell does;
    Dismiss hides it, and opening another event leaves none behind."""
    window = _window(qtbot, settings, sample_event)
    window.show()
    window.edits.add_person("Ada Lovelace")
    assert not window.document.check_elsewhere()
    assert not window.banner.isVisible()
    command = [sys.executable, "-m", "hildprint.cli", "event", str(sample_event), "--venue", "COEX"]
    assert subprocess.run(command, capture_output=True, timeout=60).returncode == 0
    assert window.document.check_elsewhere()
    assert window.banner.isVisible() and "another program" in window.banner.text.text()
    qtbot.mouseClick(window.banner.dismiss, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert subprocess.run(command[:-1] + ["Hall A"], capture_output=True, timeout=60).returncode == 0
    window.document.check_elsewhere()
    assert window.banner.isVisible()
    other = tmp_path / "other.hildprint"
    window.create_event(other, window.document.event.__class__("Other"))
    assert not window.banner.isVisible()


def test_the_windows_own_print_run_brings_no_notice(qtbot, settings, sample_event):
    """Board labels number the boards through the print run's own connection: the window
    reads the new boards in, without calling them another program's."""
    from hildprint.core.store.sqlite import EventStore

    with EventStore.open(sample_event) as store:
        store.set_boards({p.id: "" for p in store.papers()})
    window = _window(qtbot, settings, sample_event)
    window.show()
    printing = window.printing
    for name, box in printing.documents.items():
        box.setChecked(name == "board-labels")
    window.document.watch.setInterval(10)  # look often, so a look lands during the run
    with qtbot.waitSignal(printing.finished, timeout=60_000):
        assert printing.start()
    qtbot.waitUntil(lambda: not printing.task.running, timeout=10_000)
    qtbot.wait(50)
    assert all(p.board for p in window.papers.model._file_order if p.session)
    assert not window.banner.isVisible()


# -- readable labels and dialogs -------------------------------------------------------------
def _literal_ampersands(widget) -> list[str]:
    """Labels that would show an "&": a mnemonic with no buddy to give it to."""
    return [label.text() for label in widget.findChildren(QLabel)
            if "&" in label.text().replace("&&", "") and label.buddy() is None
            and label.textFormat() != Qt.TextFormat.RichText and not label.text().lstrip().startswith("<")]


def test_no_label_shows_a_literal_ampersand(qtbot, settings, sample_event):
    """The window, the import wizard, the paper form and the settings form."""
    from hildprint.core import services
    from hildprint.gui.dialogs.records import PaperDialog

    window = _window(qtbot, settings, sample_event)
    wizard = ImportWizard(window.document, "", "attendees", window)
    qtbot.addWidget(wizard)
    paper = window.document.session.papers[0]
    dialogs = [wizard, PaperDialog(paper, [], sample_event.parent, window),
               EventSettingsDialog(services.event_settings(window.document.session), window)]
    for widget in [window, *dialogs]:
        assert _literal_ampersands(widget) == [], type(widget).__name__


def test_every_new_dialog_fits_a_small_laptop(qtbot, settings, sample_event):
    """The settings, paper and session forms, the shortcuts and About ask for less than
    1366 x 768."""
    from hildprint.core import services
    from hildprint.gui.dialogs.records import PaperDialog, SessionDialog

    window = _window(qtbot, settings, sample_event)
    session = window.document.session
    for dialog in (EventSettingsDialog(services.event_settings(session), window),
                   PaperDialog(session.papers[0], [], sample_event.parent, window),
                   SessionDialog(session.sessions[0], session.rooms, window),
                   ShortcutsDialog(window.menuBar(), window), AboutDialog(window)):
        hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
        assert hint.width() <= 1366 and hint.height() <= 700, type(dialog).__name__
