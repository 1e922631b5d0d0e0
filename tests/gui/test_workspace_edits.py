"""The window as the whole workspace: editing only on purpose, and undo and redo of every
change made in the window (cells, people added and deleted, papers, sessions, boards,
posters, imports, event settings), each written back to the event file at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView, QWizard
from tests.gui.conftest import save_screenshot

from hildprint.core.store.sqlite import EventStore


@pytest.fixture
def window(shown_window, qtbot):
    """The main window on the sample event, shown and active (shortcuts need that)."""
    shown_window.activateWindow()
    qtbot.waitExposed(shown_window)
    return shown_window


def _stored(event: Path, attendee_id: str):
    with EventStore.open(event) as store:
        return store.attendee(attendee_id)


def _papers(event: Path) -> dict:
    with EventStore.open(event) as store:
        return {p.id: p for p in store.papers()}


def _activate(qtbot, window) -> None:
    """Make ``window`` the active one (as a click on it does), so its shortcuts answer."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on ``widget`` with its window active."""
    _activate(qtbot, widget.window())
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def _undo(qtbot, window) -> None:
    _key(qtbot, window.tabs.currentWidget().table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot, window) -> None:
    _key(qtbot, window.tabs.currentWidget().table, Qt.Key.Key_Z,
         Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _when_dialog_opens(window, act) -> None:
    """Run ``act(dialog)`` on the next dialog the window's edits open (they are modal)."""
    def run() -> None:
        dialog = window.edits.last_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, run)
            return
        act(dialog)
    window.edits.last_dialog = None
    QTimer.singleShot(0, run)


# -- 1. editing is deliberate ------------------------------------------------------------------
def test_typing_on_the_table_jumps_to_a_row_and_never_edits(qtbot, window, sample_event):
    """"e" then Enter on the attendee table: no cell is replaced; the cursor jumps to a
    name starting with E, and Enter only opens the editor (Escape leaves it unchanged)."""
    view = window.attendees
    assert view.select("H001")
    _key(qtbot, view.table, Qt.Key.Key_E)
    assert view.table.state() != QTableView.State.EditingState
    assert view.current().name.casefold().startswith("e")
    jumped_to = view.current()
    _key(qtbot, view.table, Qt.Key.Key_Return)
    editor = view.table.indexWidget(view.table.currentIndex())
    assert isinstance(editor, QLineEdit) and editor.text() == jumped_to.name
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _stored(sample_event, jumped_to.id).name == jumped_to.name
    assert _stored(sample_event, "H001").name == "Zoë Müller-Brandt"
    assert window.history.count() == 0


def test_f2_edits_the_cell_and_double_click_opens_a_paper(qtbot, window):
    """F2 opens the cell editor on attendees, Enter on a read-only cell edits the name;
    Enter on a paper row opens the paper form."""
    view = window.attendees
    assert view.select("H040")
    _key(qtbot, view.table, Qt.Key.Key_F2)
    assert isinstance(view.table.indexWidget(view.table.currentIndex()), QLineEdit)
    qtbot.keyClick(view.table.indexWidget(view.table.currentIndex()), Qt.Key.Key_Escape)
    view.table.setCurrentIndex(view.table.currentIndex().siblingAtColumn(3))  # the email: read-only
    _key(qtbot, view.table, Qt.Key.Key_Return)
    name_cell = view.table.currentIndex().siblingAtColumn(0)
    assert isinstance(view.table.indexWidget(name_cell), QLineEdit)  # Enter edits the name instead
    qtbot.keyClick(view.table.indexWidget(name_cell), Qt.Key.Key_Escape)
    window.tabs.setCurrentWidget(window.papers)
    window.papers.table.selectRow(0)
    _when_dialog_opens(window, lambda dialog: dialog.reject())
    _key(qtbot, window.papers.table, Qt.Key.Key_Return)
    assert type(window.edits.last_dialog).__name__ == "PaperDialog"


# -- 2. undo and redo -------------------------------------------------------------------------
def test_a_cell_edit_is_undone_and_redone_from_the_keyboard(qtbot, window, sample_event):
    """Renaming Emily Chen, then Ctrl+Z puts her name back in the file and the table, and
    Ctrl+Shift+Z renames her again; a check-in made meanwhile at a desk stays."""
    view = window.attendees
    assert view.select("H040")
    _key(qtbot, view.table, Qt.Key.Key_F2)
    editor = view.table.indexWidget(view.table.currentIndex())
    editor.setText("Emily Park")
    with qtbot.waitSignal(view.model.edit_saved, timeout=5000):  # the editor commits after Enter
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _stored(sample_event, "H040").name == "Emily Park"
    assert window.undo_action.text() == "&Undo edit name of Emily Chen"
    with EventStore.open(sample_event) as store:
        store.mark_checked_in("H040", "2026-07-10T08:30:00+09:00")
    _undo(qtbot, window)
    stored = _stored(sample_event, "H040")
    assert (stored.display_name, stored.first_name, stored.last_name) == ("Emily Chen", "Emily", "Chen")
    assert stored.checked_in_at == "2026-07-10T08:30:00+09:00"
    assert view.current().name == "Emily Chen"
    _redo(qtbot, window)
    assert _stored(sample_event, "H040").name == "Emily Park"
    assert view.current().name == "Emily Park"


def test_adding_a_person_through_the_form_and_undoing_it(qtbot, window, sample_event):
    """Edit › Add a person: the form adds Ada to the file and selects her; undo removes her."""
    def fill(dialog) -> None:
        dialog.name.setText("Ada Lovelace")
        dialog.affiliation.setText("Analytical Engines")
        dialog.role.setCurrentText("Speaker")
        save_screenshot(dialog, "add_person_dialog")
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    _when_dialog_opens(window, fill)
    window.ask_add(window.attendees)
    person = window.attendees.current()
    assert person.name == "Ada Lovelace" and person.role == "Speaker"
    assert window.attendees.summary.text() == "43 attendees"
    assert _stored(sample_event, person.id).affiliation == "Analytical Engines"
    _undo(qtbot, window)
    assert _stored(sample_event, person.id) is None
    assert window.attendees.summary.text() == "42 attendees"


def test_delete_removes_the_selected_people_and_undo_brings_them_back(qtbot, window, sample_event):
    """Delete on two selected rows removes them from the file; Ctrl+Z restores both as
    they were; Delete typed in the filter box deletes nobody."""
    view = window.attendees
    _activate(qtbot, window)
    assert view.select("H001")
    view.table.selectionModel().select(
        view.proxy.index(view.proxy.mapFromSource(view.model.index(view.model.row_of("H002"), 0)).row(), 0),
        view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows)
    _key(qtbot, view.table, Qt.Key.Key_Delete)
    assert _stored(sample_event, "H001") is None and _stored(sample_event, "H002") is None
    assert view.summary.text() == "40 attendees"
    _undo(qtbot, window)
    assert _stored(sample_event, "H001").name == "Zoë Müller-Brandt" and _stored(sample_event, "H002") is not None
    assert view.summary.text() == "42 attendees"
    view.filter.setText("zoe")
    view.filter.setCursorPosition(0)
    _key(qtbot, view.filter, Qt.Key.Key_Delete)
    assert view.filter.text() == "oe" and _stored(sample_event, "H001") is not None


def test_an_import_is_undone_and_redone(qtbot, window, sample_event, tmp_path):
    """Undo after an import removes the people it added and restores those it updated."""
    table = tmp_path / "people.csv"
    table.write_text("id,name,affiliation\nH001,Zoë Müller-Brandt,Somewhere Else\nN1,Ada Lovelace,Engines\n",
                     encoding="utf-8")
    window.ask_import(table)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=5000)
    wizard.next()
    wizard.next()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert _stored(sample_event, "N1") is not None and _stored(sample_event, "H001").affiliation == "Somewhere Else"
    assert window.undo_action.text() == "&Undo import people.csv"
    _undo(qtbot, window)
    assert _stored(sample_event, "N1") is None and _stored(sample_event, "H001").affiliation == "ETH Zürich"
    assert window.attendees.summary.text() == "42 attendees"
    _redo(qtbot, window)
    assert _stored(sample_event, "N1") is not None and window.attendees.summary.text() == "43 attendees"


def test_a_refused_undo_says_why(qtbot, window, sample_event):
    """Undoing an edit of a person another program deleted meanwhile names the problem."""
    view = window.attendees
    assert view.select("H040")
    assert window.edits.save_attendee_cell(view.current(), "affiliation", "Elsewhere")
    with EventStore.open(sample_event) as store:
        store.delete_attendee("H040")
    _undo(qtbot, window)
    assert "not saved" in window.statusBar().currentMessage() and "H040" in window.statusBar().currentMessage()


# -- 4. papers, sessions, boards, posters ----------------------------------------------------
def test_a_paper_is_edited_in_its_form_and_undone(qtbot, window, sample_event):
    """Double-click a paper: title and board edited in the form are saved; undo restores them."""
    window.tabs.setCurrentWidget(window.papers)
    view = window.papers
    view.table.selectRow(0)
    paper = view.current()

    def edit(dialog) -> None:
        dialog.title.setText("Sparse attention, revisited")
        dialog.board.setText("99")
        save_screenshot(dialog, "paper_dialog")
        dialog.accept()
    _when_dialog_opens(window, edit)
    rect = view.table.visualRect(view.table.currentIndex().siblingAtColumn(1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    stored = _papers(sample_event)[paper.id]
    assert (stored.title, stored.board) == ("Sparse attention, revisited", "99")
    assert stored.authors == paper.authors
    assert view.current().title == "Sparse attention, revisited"
    _undo(qtbot, window)
    assert _papers(sample_event)[paper.id] == paper


def test_a_session_is_cancelled_in_its_form_and_undone(qtbot, window, sample_event):
    """Enter on a session opens its form; ticking Cancelled saves it; undo clears it."""
    window.tabs.setCurrentWidget(window.programme)
    view = window.programme
    view.table.selectRow(0)
    item = view.current()

    def cancel(dialog) -> None:
        dialog.cancelled.setChecked(True)
        save_screenshot(dialog, "session_dialog")
        dialog.accept()
    _when_dialog_opens(window, cancel)
    _key(qtbot, view.table, Qt.Key.Key_Return)
    with EventStore.open(sample_event) as store:
        stored = next(s for s in store.sessions() if s.id == item.id)
    assert stored.cancelled and stored.start == item.start and stored.end == item.end
    assert "(cancelled)" in view.proxy.index(view.table.currentIndex().row(), 3).data()
    _undo(qtbot, window)
    with EventStore.open(sample_event) as store:
        assert not next(s for s in store.sessions() if s.id == item.id).cancelled


def test_boards_are_numbered_from_the_menu_and_undone(qtbot, window, sample_event):
    """Edit › Number the poster boards fills every empty board; undo empties them again."""
    with EventStore.open(sample_event) as store:
        store.set_boards({p.id: "" for p in store.papers()})
    window.reload()
    action = next(a for a in window.edit_menu.actions() if "Number" in a.text())
    action.trigger()
    boards = [p.board for p in _papers(sample_event).values() if p.session]
    assert boards and all(boards)
    window.tabs.setCurrentWidget(window.papers)
    _undo(qtbot, window)
    assert not any(p.board for p in _papers(sample_event).values())


def _drop_on(widget, path: Path, point) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(widget, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(point, *args)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_a_poster_dropped_on_a_paper_row_is_attached_and_undone(qtbot, window, sample_event):
    """Dropping one PDF on the third paper's row attaches it to that paper (relative to the
    event's folder); undo detaches it; a drop below the last row attaches nothing."""
    window.tabs.setCurrentWidget(window.papers)
    view = window.papers
    poster = sample_event.parent / "poster-3.pdf"
    poster.write_bytes(b"%PDF-1.4\n%%EOF\n")
    paper = view.model.record(view.proxy.mapToSource(view.proxy.index(2, 0)).row())
    before = _papers(sample_event)[paper.id].poster_file
    point = QPointF(view.table.visualRect(view.proxy.index(2, 1)).center())
    assert _drop_on(view.table.viewport(), poster, point)
    assert _papers(sample_event)[paper.id].poster_file == "poster-3.pdf"
    _undo(qtbot, window)
    assert _papers(sample_event)[paper.id].poster_file == before
    below = QPointF(10, view.table.viewport().height() - 2)
    assert not _drop_on(view.table.viewport(), poster, below)


# -- 3. event settings ------------------------------------------------------------------------
def test_event_settings_are_edited_in_the_dialog_and_undone(qtbot, window, sample_event):
    """File › Event settings: the last day cannot go before the first; the venue and zone
    (found by typing "berlin") are saved, shown in the title, and undone with Ctrl+Z."""
    def edit(dialog) -> None:
        assert dialog.end.minimumDate() == dialog.start.date()
        dialog.end.setDate(dialog.start.date().addDays(-3))
        assert dialog.end.date() == dialog.start.date()  # clamped to the first day
        dialog.name.setText("HiLD 2026 at ICML")
        dialog.venue.setText("COEX, Seoul")
        completer = dialog.timezone.completer()
        completer.setCompletionPrefix("berlin")
        assert completer.currentCompletion() == "Europe/Berlin"
        dialog.timezone.setCurrentText("Europe/Berlin")
        dialog.language.setCurrentText("Korean")
        save_screenshot(dialog, "event_settings_dialog")
        dialog.accept_if_valid()
    _when_dialog_opens(window, edit)
    next(a for a in window.file_menu.actions() if "Event" in a.text()).trigger()
    with EventStore.open(sample_event) as store:
        event, language = store.event, store.setting("second_language")
    assert (event.name, event.venue, event.timezone, language) == (
        "HiLD 2026 at ICML", "COEX, Seoul", "Europe/Berlin", "Korean")
    assert window.windowTitle().startswith("HiLD 2026 at ICML")
    _undo(qtbot, window)
    with EventStore.open(sample_event) as store:
        assert store.event.name == "HiLD 2026" and store.event.timezone == "Asia/Seoul"


def test_the_settings_dialog_refuses_a_bad_code_and_stays_open(qtbot):
    """A badge code with a space is refused in the dialog with the reason shown."""
    from hildprint.core import services
    from hildprint.gui.dialogs.event_settings import EventSettingsDialog

    dialog = EventSettingsDialog(services.EventSettings(services.Event("HiLD 2026", code="HILD26")))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText("HI LD")
    dialog.accept_if_valid()
    assert dialog.isVisible() and "letters and digits only" in dialog.problem.text()


def test_changing_a_stored_badge_code_warns_that_printed_badges_stop_checking_in(qtbot):
    """An event that already has badges: typing another code says what it does to them;
    typing the stored code back takes the warning away."""
    from hildprint.core import services
    from hildprint.gui.dialogs.event_settings import EventSettingsDialog

    event = services.Event("HiLD 2026", code="HILD26", secret="s" * 32)
    dialog = EventSettingsDialog(services.EventSettings(event))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code_warning.text() == ""
    dialog.code.selectAll()
    qtbot.keyClicks(dialog.code, "HILD27")
    assert "HILD26 will not check in" in dialog.code_warning.text()
    assert dialog.code_warning.height() >= 2 * dialog.code_warning.fontMetrics().lineSpacing()
    dialog.code.selectAll()
    qtbot.keyClicks(dialog.code, "hild26")
    assert dialog.code_warning.text() == ""


def test_the_role_editor_is_not_clipped(qtbot, window):
    """The role drop-down opens at least as tall and wide as it needs."""
    view = window.attendees
    assert view.select("H035")
    index = view.table.currentIndex().siblingAtColumn(2)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    assert editor.height() >= editor.sizeHint().height() and editor.width() >= editor.sizeHint().width()


def test_a_paper_and_a_session_are_added_through_their_forms_and_undone(qtbot, window, sample_event):
    """Edit › Add a paper and Add a session: the forms add them to the file and select
    them; Ctrl+Z removes each again."""
    def paper(dialog) -> None:
        dialog.title.setText("A late-breaking result")
        dialog.authors.setPlainText("Ada Lovelace (Analytical Engines)")
        dialog.accept()
    _when_dialog_opens(window, paper)
    next(a for a in window.edit_menu.actions() if "paper" in a.text()).trigger()
    added = window.papers.current()
    assert added.title == "A late-breaking result" and added.author_names == ["Ada Lovelace"]
    assert added.id in _papers(sample_event) and window.papers.summary.text() == "26 papers"
    _undo(qtbot, window)
    assert added.id not in _papers(sample_event) and window.papers.summary.text() == "25 papers"

    def session(dialog) -> None:
        dialog.title.setText("Lightning talks")
        save_screenshot(dialog, "add_session_dialog")
        dialog.accept()
    _when_dialog_opens(window, session)
    next(a for a in window.edit_menu.actions() if "session" in a.text()).trigger()
    item = window.programme.current()
    assert item.title == "Lightning talks" and item.start == "2026-07-10T09:00:00+09:00"
    assert window.programme.summary.text() == "22 sessions"
    _undo(qtbot, window)
    assert window.programme.summary.text() == "21 sessions"
