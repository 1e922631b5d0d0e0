"""Desks in step: a check-in at one desk shows at the other within a second (two windows on
one PostgreSQL server, and two on one event file), the arrivals count, undo, the window
at 1024 x 600, long names shortened, a shrunk name shown amber."""

from __future__ import annotations

import time

import pytest
from tests.gui.conftest import save_screenshot

from hildprint.core.services.sync import push_event
from hildprint.core.store import open_store
from hildprint.gui.desk_window import WARN_STYLE, DeskWindow


def _open_desk(qtbot, settings, event, name: str) -> DeskWindow:
    window = DeskWindow(event, settings, printers=[], desk_name=name)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _arrived_mark_of(window: DeskWindow, attendee_id: str) -> bool:
    row = next(i for i, p in enumerate(window._shown) if p.id == attendee_id)
    return window._shown[row].checked_in_at is not None


def _check_in_crosses_over(qtbot, left: DeskWindow, right: DeskWindow) -> float:
    """Both desks list Nguyễn; the left one checks him in; how long until the right shows it."""
    for window in (left, right):
        window.search.setText("nguyen")
    person = left.selected()
    assert person is not None and not person.checked_in_at and not _arrived_mark_of(right, person.id)
    before = right.arrivals.text()
    started = time.monotonic()
    assert left.scan(person.id).first_time
    qtbot.waitUntil(lambda: _arrived_mark_of(right, person.id), timeout=1000)
    took = time.monotonic() - started
    assert right.arrivals.text() != before and right.arrivals.text().endswith("arrived")
    assert right.search.text() == "nguyen" and right.selected().id == person.id  # the volunteer's place is kept
    return took


def test_two_desks_on_one_server_see_each_others_check_ins(qtbot, settings, sample_event, pg_url,
                                                           tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # badge PDFs of a server's event go to the working folder
    push_event(sample_event, pg_url)
    left = _open_desk(qtbot, settings, pg_url, "desk L")
    right = _open_desk(qtbot, settings, pg_url, "desk R")
    took = _check_in_crosses_over(qtbot, left, right)
    assert took < 1.0
    for window in (left, right):
        window.resize(1024, 600)
    qtbot.waitUntil(lambda: left.width() == right.width() == 1024)
    _save_side_by_side(left, right, "two-desks-on-one-server")


def _save_side_by_side(left: DeskWindow, right: DeskWindow, name: str) -> None:
    """One picture of both desks, left and right, as they stand on two laptops."""
    from PySide6.QtGui import QImage, QPainter

    shots = [window.grab().toImage() for window in (left, right)]
    both = QImage(shots[0].width() + shots[1].width() + 16, max(s.height() for s in shots), QImage.Format.Format_RGB32)
    both.fill(0x404040)
    painter = QPainter(both)
    painter.drawImage(0, 0, shots[0])
    painter.drawImage(shots[0].width() + 16, 0, shots[1])
    painter.end()
    from tests.gui.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    assert both.save(str(ARTIFACTS / f"{name}.png"))

def test_two_desks_on_one_event_file_see_each_others_check_ins_without_f5(qtbot, settings, sample_event):
    left = _open_desk(qtbot, settings, sample_event, "desk L")
    right = _open_desk(qtbot, settings, sample_event, "desk R")
    assert _check_in_crosses_over(qtbot, left, right) < 1.0


def test_the_arrivals_count_and_undo_of_a_mistaken_check_in(qtbot, settings, sample_event):
    desk = _open_desk(qtbot, settings, sample_event, "desk A")
    with open_store(sample_event) as store:
        registered = store.attendee_count()
    assert desk.arrivals.text() == f"0 of {registered} arrived"
    desk.search.setText("nguyen")
    person = desk.selected()
    desk.scan(person.id)
    assert desk.arrivals.text() == f"1 of {registered} arrived"
    assert desk.undo_button.isEnabled()
    desk.undo_button.click()
    assert desk.arrivals.text() == f"0 of {registered} arrived"
    assert "undone" in desk.status.text() and not desk.undo_button.isEnabled()
    with open_store(sample_event) as store:
        assert store.attendee(person.id).checked_in_at is None
        (logged_id, _when, desk_name, action), = store.desk_log()
    assert (logged_id, desk_name) == (person.id, "desk A") and action.startswith("undo check-in of 20")


def test_the_desk_fits_1024_by_600_and_shortens_long_names(qtbot, settings, sample_event):
    desk = _open_desk(qtbot, settings, sample_event, "desk A")
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    desk.resize(1024, 600)
    qtbot.waitUntil(lambda: desk.width() == 1024)
    desk.search.setText("kamalakannan")
    line = desk.results.item(0).text()
    assert "…" in line.split("\n")[0] and "Iyengar-Ramaswamy" in desk.results.item(0).toolTip()
    assert desk.results.horizontalScrollBar().maximum() == 0  # shortened, not scrolled
    save_screenshot(desk, "desk-1024x600")


def _inside(child, parent) -> bool:
    """Whether ``child`` lies wholly inside ``parent`` on screen (both shown)."""
    top_left = child.mapTo(parent, child.rect().topLeft())
    return parent.rect().contains(top_left) and parent.rect().contains(top_left + child.rect().bottomRight())


@pytest.mark.parametrize("query", ["kamalakannan", "wolfe"])
def test_the_details_of_a_long_name_fit_beside_the_list_with_the_preview_shown(qtbot, settings, sample_event,
                                                                              query):
    from PySide6.QtWidgets import QWidget

    from hildprint.core.domain.model import Attendee

    long_affiliation = "Korea Advanced Institute of Science and Technology (KAIST), Kim Jaechul Graduate School " \
                       "of Artificial Intelligence, Department of Very Long Names"
    with open_store(sample_event) as store:
        store.upsert_attendees([Attendee("L1", "Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff" * 3,
                                         affiliation=long_affiliation)])
    desk = _open_desk(qtbot, settings, sample_event, "desk A")
    desk.resize(1024, 600)
    qtbot.waitUntil(lambda: desk.width() == 1024 and desk.height() == 600)
    with qtbot.waitSignal(desk.preview_shown, timeout=20000):
        desk.search.setText(query)
    details, person = desk.details, desk.selected()
    assert details.geometry().left() >= desk.results.geometry().right()  # beside the list, not over it
    for child in details.findChildren(QWidget):
        assert child.isVisible() and _inside(child, details), child.accessibleName()
    assert desk.preview.height() > 0 and not desk.preview.pixmap().isNull()
    assert desk.preview.pixmap().height() <= desk.preview.height()
    for label, full in ((details.name, person.name), (details.affiliation, person.affiliation or "")):
        shown = label.text()
        assert label.toolTip() == full and shown.count("\n") <= 1
        widest = max(label.fontMetrics().horizontalAdvance(line) for line in shown.split("\n"))
        assert widest <= details.contentsRect().width()
    assert "…" in details.name.text()  # too long for two lines at this width
    save_screenshot(desk, f"desk-1024x600-{query}")


def test_a_badge_printed_with_a_shrunk_name_is_amber_with_fix_name_offered(qtbot, settings, sample_event,
                                                                          tmp_path):
    from hildprint.core.domain.model import Attendee

    with open_store(sample_event) as store:  # a name no badge can hold at full size
        store.upsert_attendees([Attendee("L1", "Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff" * 4)])
    desk = _open_desk(qtbot, settings, sample_event, "desk A")
    desk.search.setText("hubert blaine")
    with qtbot.waitSignal(desk.printed, timeout=20000) as printed:
        assert desk.print_selected()
    assert printed.args[0].warnings
    assert desk.status.styleSheet() == WARN_STYLE and "Fix name (F2)" in desk.status.text()
    assert desk.fix_button.styleSheet() == WARN_STYLE and desk.fix_button.isEnabled()


@pytest.fixture(autouse=True)
def _no_pdfs_left_in_the_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_a_desk_goes_on_offline_and_hands_its_changes_over_when_the_server_is_back(
        qtbot, settings, sample_event, tmp_path, monkeypatch):
    """The server is killed: the desk still finds, checks in, adds a walk-in and prints,
    says "offline: N changes waiting", and when the server is back the journal is
    replayed (once) and the count goes back to arrivals."""
    from tests.helpers.postgres import NoServer, start_server

    try:
        server = start_server(fsync=True)
    except NoServer as error:
        pytest.skip(str(error))
    monkeypatch.setenv("HILDPRINT_DESK_DIR", str(tmp_path / "desks"))
    try:
        url = server.new_database()
        push_event(sample_event, url)
        desk = _open_desk(qtbot, settings, url, "desk A")
        server.kill()
        desk.search.setText("nguyen")
        person = desk.selected()
        assert desk.scan(person.id) is not None  # found and checked in from the copy
        qtbot.waitUntil(lambda: desk.arrivals.text() == "offline: 1 change waiting", timeout=3000)
        assert desk.walk_in("Off Line Person", "KAIST", "Attendee")
        qtbot.waitSignal(desk.printed, timeout=20000).wait()
        walk_in = desk.selected()
        assert walk_in.id.startswith("W-") and desk.arrivals.text().startswith("offline: ")
        waiting = int(desk.arrivals.text().split()[1])
        assert waiting == 3  # the check-in, the walk-in (arrived with the record), its print
        server.start(fsync=True)
        qtbot.waitUntil(lambda: desk.arrivals.text().endswith("arrived"), timeout=15000)
        with open_store(url) as store:
            assert store.attendee(person.id).checked_in_at is not None
            assert store.attendee(walk_in.id).affiliation == "KAIST"
            assert len(store.print_log(walk_in.id)) == 1
            assert store._execute("SELECT count(*) AS n FROM applied_changes").fetchone()["n"] == waiting
        desk.close()
    finally:
        server.stop()


def test_the_main_window_opens_an_event_on_a_server_and_its_desk(qtbot, settings, sample_event, pg_url,
                                                                 tmp_path, monkeypatch):
    from hildprint.gui.main_window import MainWindow

    monkeypatch.setenv("HILDPRINT_DESK_DIR", str(tmp_path / "desks"))
    push_event(sample_event, pg_url)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert window.open_event(pg_url)
    assert window.attendees.model.rowCount() == 42
    window.open_desk()
    desk = window.desk_window
    qtbot.addWidget(desk)  # closed (and deleted) by the test's end
    assert desk.document.source == pg_url and desk.arrivals.text() == "0 of 42 arrived"
