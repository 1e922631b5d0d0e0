"""The open event as the window's views share it: changes by other programs reach the
views through the document; the window's own edits are news, but not from elsewhere."""

from __future__ import annotations

import pytest

from hildprint.core import services
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.document import EventDocument
from hildprint.gui.main_window import MainWindow


@pytest.fixture
def document(qtbot, sample_event):
    """A document on the sample event that looks for other programs' changes every 50 ms."""
    document = EventDocument(watch_interval_ms=50)
    with qtbot.waitSignal(document.opened, timeout=2000):
        document.open(sample_event)
    yield document
    document.close()


def _affiliation_in_table(window: MainWindow, attendee_id: str) -> str:
    model = window.attendees.model
    return model.record(model.row_of(attendee_id)).affiliation


def test_a_change_saved_by_another_program_reaches_the_table(qtbot, settings, sample_event):
    """Another program changes an affiliation: the document notices within its watch,
    forgets what it had read, and the attendees table shows the new text."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    assert _affiliation_in_table(window, "H010") != "Hanoi Lab"
    with EventStore.open(sample_event) as other:
        other.change_attendee("H010", {"affiliation": "Hanoi Lab"})
    with qtbot.waitSignal(window.document.changed_elsewhere, timeout=5000):
        pass
    assert _affiliation_in_table(window, "H010") == "Hanoi Lab"
    assert {p.id: p for p in window.document.session.attendees}["H010"].affiliation == "Hanoi Lab"
    assert window.banner.isVisibleTo(window) and "another program" in window.banner.text.text()


def test_the_windows_own_edit_is_a_change_but_not_from_elsewhere(qtbot, settings, sample_event):
    """Editing a cell saves through the document's session: ``changed`` carries the stored
    person, and the next look for other programs' changes finds none."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.document.watch.stop()  # look by hand, right after the edit
    model = window.attendees.model
    cell = model.index(model.row_of("H037"), 1)
    with qtbot.waitSignal(window.document.changed, timeout=5000) as changed:
        assert model.setData(cell, "University College Dublin")
    assert [(p.id, p.affiliation) for p in changed.args[0]] == [("H037", "University College Dublin")]
    with qtbot.assertNotEmitted(window.document.changed_elsewhere):
        assert not window.document.check_elsewhere()
    assert _affiliation_in_table(window, "H037") == "University College Dublin"


def test_a_write_through_a_use_case_is_read_again(qtbot, document):
    """A use case run on the document's session, then ``note_change``: the next read
    shows the new value, and views hear which records changed."""
    assert {p.id: p for p in document.session.attendees}["H001"].role != "Volunteer"
    stored = services.edit_attendee(document.session, "H001", "role", "Volunteer")
    with qtbot.waitSignal(document.changed, timeout=2000) as changed:
        document.note_change([stored])
    assert changed.args == [[stored]]
    assert {p.id: p for p in document.session.attendees}["H001"].role == "Volunteer"
    assert not document.check_elsewhere()


def test_a_file_that_is_not_an_event_keeps_the_open_one(qtbot, document, tmp_path):
    """Opening something that is not an event file fails with the reason and leaves the
    open event (and its watch) as it was; closing says so."""
    junk = tmp_path / "junk.hildprint"
    junk.write_text("not an event")
    with pytest.raises(services.HildprintError, match="not a hildprint event file"):
        document.open(junk)
    assert document.is_open and document.event.name == "HiLD 2026" and document.watch.isActive()
    with qtbot.waitSignal(document.closed, timeout=2000):
        document.close()
    assert not document.is_open and not document.watch.isActive()
