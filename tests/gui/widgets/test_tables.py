"""The organiser's tables: filtering as you type, editing cells saved at once, reopening."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from tests.gui.conftest import save_screenshot

from hildprint.core.domain.model import Attendee
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.main_window import MainWindow
from hildprint.gui.widgets.table_models import FoldedFilterProxy, attendee_model


def _window(qtbot, settings, event=None):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    if event is not None:
        assert window.open_event(event)
    return window


def _shown_names(view) -> list[str]:
    return [view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())]


def _edit_cell(qtbot, view, attendee_id: str, column: int, text: str) -> None:
    """Open the cell's editor as a double-click would, type into it and press Enter."""
    assert view.select(attendee_id)
    index = view.table.currentIndex().siblingAtColumn(column)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    assert isinstance(editor, QLineEdit), "no cell editor opened"
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _stored(event, attendee_id: str) -> Attendee:
    with EventStore.open(event) as store:
        return store.attendee(attendee_id)


def test_reopening_a_recent_event_from_the_menu(qtbot, settings, sample_event):
    """A second window (a later start) lists the event under Open recent; choosing it
    opens it, with the event's name in the title and Import enabled."""
    _window(qtbot, settings, sample_event).close()
    later = _window(qtbot, settings)
    assert later.windowTitle() == "hildprint"
    recent = later.recent_menu.actions()
    assert [a.text() for a in recent] == [str(sample_event.resolve())]
    with qtbot.waitSignal(later.event_opened, timeout=5000):
        recent[0].trigger()
    assert later.windowTitle() == "HiLD 2026 — hild2026.hildprint — hildprint"
    assert all(action.isEnabled() for action in later.event_actions)
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in later.findChildren(type(recent[0]))}
    assert shortcuts["Import…"] == "Ctrl+I" and shortcuts["Open event…"] == "Ctrl+O"


def test_filter_ignores_accents_and_case_and_needs_every_word(qtbot, settings, sample_event):
    """Typing 'nguyen van' finds Nguyễn Văn An; 'ZURICH' both ETH Zürich people; the
    summary counts what is shown; clearing shows everyone again."""
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    qtbot.keyClicks(view.filter, "nguyen van")
    assert _shown_names(view) == ["Nguyễn Văn An"]
    assert view.summary.text() == "1 of 42 attendees"
    view.filter.clear()
    qtbot.keyClicks(view.filter, "ZURICH")
    assert sorted(_shown_names(view)) == ["Zoë Müller-Brandt", "Юлия Смирнова"]
    view.filter.setText("서울대")
    assert _shown_names(view) == ["이서연"]
    view.filter.clear()
    assert view.proxy.rowCount() == 42


def test_filter_over_ten_thousand_people_stays_right_after_sorting(qtbot):
    """Over 10,000 rows the filter finds exactly the matching people, also after the
    model was sorted (the precomputed answers follow the rows)."""
    people = [Attendee(f"P{i:05d}", "Zoë" if i % 7 == 0 else "Ann", f"Name{i}", affiliation="Lab")
              for i in range(10_000)]
    model = attendee_model(people)
    proxy = FoldedFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("zoe")
    assert proxy.rowCount() == len([i for i in range(10_000) if i % 7 == 0])
    model.sort(0, Qt.SortOrder.DescendingOrder)
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert len(shown) == 1429 and all(name.startswith("Zoë") for name in shown)


def test_editing_a_name_saves_it_to_the_event_file_at_once(qtbot, settings, sample_event):
    """Typing a new name into the Name cell stores it (display, first and last name)
    before anything else happens; the filter finds the new name."""
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    with qtbot.waitSignal(view.model.edit_saved, timeout=5000):
        _edit_cell(qtbot, view, "H040", 0, "Emily  Chen-Park")
    stored = _stored(sample_event, "H040")
    assert (stored.display_name, stored.first_name, stored.last_name) == ("Emily Chen-Park", "Emily", "Chen-Park")
    view.filter.setText("chen park")
    assert _shown_names(view) == ["Emily Chen-Park"]
    window.resize(1366, 768)
    window.show()
    save_screenshot(window, "main_window_attendees_filtered")


def test_an_empty_name_or_an_overlong_affiliation_is_refused_with_a_message(qtbot, settings, sample_event):
    """An empty name and a 301-character affiliation are refused: the cell and the file
    keep the old value and a message says why."""
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    with qtbot.waitSignal(view.model.edit_refused, timeout=5000) as refused:
        _edit_cell(qtbot, view, "H001", 0, "   ")
    assert "name cannot be empty" in refused.args[0]
    assert "name cannot be empty" in view.message.text() and view.message.isVisibleTo(window)
    with qtbot.waitSignal(view.model.edit_refused, timeout=5000) as refused:
        _edit_cell(qtbot, view, "H001", 1, "x" * 301)
    assert "at most 300" in refused.args[0]
    assert _stored(sample_event, "H001").name == "Zoë Müller-Brandt"
    assert _stored(sample_event, "H001").affiliation == "ETH Zürich"
    assert view.current().name == "Zoë Müller-Brandt"


def test_the_role_is_chosen_from_the_badge_roles(qtbot, settings, sample_event):
    """The role cell edits with a list of the badge roles; the choice is stored."""
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    assert view.select("H035")
    index = view.table.currentIndex().siblingAtColumn(2)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "Organiser", "Speaker", "Author", "Volunteer", "Attendee"]
    with qtbot.waitSignal(view.model.edit_saved, timeout=5000):
        editor.setCurrentText("Volunteer")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _stored(sample_event, "H035").role == "Volunteer"


def test_a_busy_event_file_refuses_the_edit_with_a_clear_message(qtbot, settings, sample_event, monkeypatch):
    """While another program holds the write lock, an edit says the file is busy and
    changes nothing; it goes through once the lock is gone."""
    from hildprint.core.store import sqlite as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    blocker = sqlite3.connect(sample_event, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(view.model.edit_refused, timeout=5000) as refused:
            _edit_cell(qtbot, view, "H037", 1, "University College Dublin")
        assert "busy" in refused.args[0] and "busy" in view.message.text()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with qtbot.waitSignal(view.model.edit_saved, timeout=5000):
        _edit_cell(qtbot, view, "H037", 1, "University College Dublin")
    assert _stored(sample_event, "H037").affiliation == "University College Dublin"


def test_an_import_from_the_command_line_shows_up_in_the_open_window(qtbot, settings, sample_event, tmp_path):
    """While the window has the event open, `hildprint import` adds people: the window
    shows them within seconds, keeps the selected person, and the file stays sound."""
    import subprocess
    import sys

    window = _window(qtbot, settings, sample_event)
    assert window.attendees.select("H010")
    source = tmp_path / "late.csv"
    source.write_text("id,first_name,last_name,affiliation\nL1,Late,Comer,Lab\nL2,Ana,Tardía,Lab\n", encoding="utf-8")
    command = [sys.executable, "-m", "hildprint.cli", "import", str(sample_event), "attendees", str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.attendees.model.rowCount() == 44, timeout=5000)
    assert window.attendees.current().id == "H010"
    assert window.banner.isVisibleTo(window) and "another program" in window.banner.text.text()
    assert window.document.session.store.integrity_check() == "ok"


def test_filtering_keeps_the_selected_person_while_they_are_shown(qtbot, settings, sample_event):
    """The person under the cursor stays selected as the filter narrows, the preview is
    told when the filter hides them, and sorting keeps them selected too."""
    window = _window(qtbot, settings, sample_event)
    view = window.attendees
    assert view.select("H010")
    view.filter.setText("nguyen")
    assert view.current().id == "H010" and [r.id for r in view.selected()] == ["H010"]
    with qtbot.waitSignal(view.current_changed, timeout=2000) as changed:
        view.filter.setText("nguyen zzz")
    assert changed.args == [None] and view.current() is None
    view.filter.setText("an")
    assert view.select("H010")
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.current().id == "H010"
