"""The main window shell: open and create events, one test per view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from tests.gui.conftest import save_screenshot

from hildprint.core.domain.model import Event
from hildprint.gui.main_window import MainWindow


def _window(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


def _column_texts(view, header: str) -> list[str]:
    model = view.table.model()
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(header)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_attendees_view_shows_every_person(qtbot, settings, sample_event):
    """Opening the sample event fills the attendees table with all 42 people, every script intact."""
    window = _window(qtbot, settings)
    with qtbot.waitSignal(window.event_opened, timeout=5000):
        assert window.open_event(sample_event)
    names = _column_texts(window.attendees, "Name")
    assert len(names) == 42
    assert {"김민준", "محمد الأحمد", "Nguyễn Văn An", "山田太郎", "Ελένη Παπαδοπούλου"} <= set(names)
    assert window.attendees.summary.text() == "42 attendees"
    assert window.windowTitle().startswith("HiLD 2026")
    window.resize(1366, 768)
    window.show()
    save_screenshot(window, "main_window_attendees")


def test_papers_view_lists_titles_and_authors(qtbot, settings, sample_event):
    """The papers tab lists 25 papers with their authors joined."""
    window = _window(qtbot, settings)
    window.open_event(sample_event)
    window.tabs.setCurrentWidget(window.papers)
    titles = _column_texts(window.papers, "Title")
    assert len(titles) == 25
    authors = _column_texts(window.papers, "Authors")
    assert "王芳, 李明轩, 林蔚" in authors


def test_programme_view_names_rooms_and_marks_cancelled(qtbot, settings, sample_event):
    """The programme tab shows room names (not ids) and marks the cancelled tutorial."""
    window = _window(qtbot, settings)
    window.open_event(sample_event)
    rooms = set(_column_texts(window.programme, "Room"))
    assert rooms == {"Auditorium 327", "Room 308", "Poster Hall D"}
    titles = _column_texts(window.programme, "Title")
    assert sum("(cancelled)" in t for t in titles) == 1


def test_sorting_by_clicking_a_header(qtbot, settings, sample_event):
    """Clicking the Name header sorts the attendees by name, accents ignored (Ç with C)."""
    from hildprint.core.desk.search import fold

    window = _window(qtbot, settings)
    window.open_event(sample_event)
    header = window.attendees.table.horizontalHeader()
    window.show()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    names = _column_texts(window.attendees, "Name")
    assert names == sorted(names, key=fold)
    assert names.index("Çağrı Yılmaz") < names.index("Emily Chen")


def test_create_event_opens_it_and_remembers_it(qtbot, settings, tmp_path):
    """Creating an event makes the file, shows it (empty) and lists it under recent files."""
    window = _window(qtbot, settings)
    path = tmp_path / "new.hildprint"
    assert window.create_event(path, Event("SciDL 2026", timezone="Europe/Vienna"))
    assert path.is_file()
    assert window.attendees.model.rowCount() == 0
    assert window.recent_events() == [str(path.resolve())]
    assert [a.text() for a in window.recent_menu.actions()] == [str(path.resolve())]


def test_opening_a_bad_file_warns_and_keeps_the_current_event(qtbot, settings, sample_event, tmp_path, monkeypatch):
    """A file that is not an event file gives a message and leaves the open event alone."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = _window(qtbot, settings)
    window.open_event(sample_event)
    junk = tmp_path / "junk.hildprint"
    junk.write_text("not an event")
    assert not window.open_event(junk)
    assert shown and "not a hildprint event file" in shown[0]
    assert window.attendees.model.rowCount() == 42


def test_a_message_about_a_strange_path_is_one_capped_line(qtbot, settings, tmp_path, monkeypatch):
    """A path with a line break, thousands of characters long, is shown escaped on one
    line and cut with a count of the rest, as the command line does."""
    from PySide6.QtWidgets import QMessageBox

    from hildprint.core import services

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = _window(qtbot, settings)
    strange = tmp_path / ("line\nbreak/" + "deep/" * 600 + "event.hildprint")
    assert not window.open_event(strange)
    assert "\n" not in shown[0] and "\\n" in shown[0]
    assert len(shown[0]) < services.MESSAGE_LIMIT + 40 and "more characters)" in shown[0]
