"""The badge desk window: search as you type, scanner check-in, Enter to print, walk-ins, fixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from tests.gui.conftest import save_screenshot
from tests.helpers.pdf import decode_qr_codes, page_sizes_mm

from hildprint.core.domain.model import Event
from hildprint.core.domain.tokens import make_token
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.desk_window import REFUSED_STYLE, DeskWindow
from hildprint.gui.main_window import MainWindow
from hildprint.gui.printing import SAVE_AS_PDF


@pytest.fixture
def desk(qtbot, settings, sample_event):
    window = DeskWindow(sample_event, settings, printers=[], desk_name="desk A")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def _listed(window: DeskWindow) -> list[str]:
    return [window.results.item(row).text() for row in range(window.results.count())]


def _token(window: DeskWindow, attendee_id: str, event: Event | None = None) -> str:
    return make_token(event or window.desk.event, attendee_id)


def _scan(qtbot, window: DeskWindow, text: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(window.search, text)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "name"), [
    ("zoe", "Zoë Müller-Brandt"), ("muller", "Zoë Müller-Brandt"), ("nguyen", "Nguyễn Văn An"),
    ("ZOLKIEWSKI", "Łukasz Żółkiewski"), ("kaist", "김민준"), ("H010", "Nguyễn Văn An"),
])
def test_typing_lists_people_without_accents_or_case(qtbot, desk, typed, name):
    """Each key filters the list; plain letters find accented names, affiliations and ids."""
    with qtbot.waitSignal(desk.results_changed, timeout=2000):
        qtbot.keyClicks(desk.search, typed)
    assert any(name in line for line in _listed(desk))
    assert desk.selected() is not None and desk.print_button.isEnabled()


def test_search_box_takes_non_latin_text_and_arrows_move_the_selection(qtbot, desk):
    """Hangul set into the box finds the person; Down moves to the next result."""
    desk.search.setText("이")
    assert any("이서연" in line for line in _listed(desk))
    desk.search.setText("an")
    first = desk.selected()
    qtbot.keyClick(desk.search, Qt.Key.Key_Down)
    assert desk.selected() is not None and desk.selected().id != first.id


def test_scanning_a_genuine_badge_checks_in_and_selects_the_person(qtbot, desk, sample_event):
    """A valid token typed by the scanner checks the person in with the time, in green."""
    with qtbot.waitSignal(desk.checked_in, timeout=2000) as signal:
        _scan(qtbot, desk, _token(desk, "H010"))
    assert signal.args[0].person.id == "H010"
    assert desk.selected().id == "H010" and desk.search.text() == ""
    assert "Nguyễn Văn An checked in at" in desk.status.text()
    assert "#1E7B34" in desk.status.styleSheet()
    with EventStore.open(sample_event) as store:
        assert store.attendee("H010").checked_in_at


def test_a_scan_after_typing_checks_in_instead_of_printing(qtbot, desk):
    """Scanning while the box still holds typed letters checks in the scanned badge; it
    never prints the badge of whoever the letters had selected."""
    qtbot.keyClicks(desk.search, "zoe")
    with qtbot.assertNotEmitted(desk.printed), qtbot.waitSignal(desk.checked_in, timeout=2000) as signal:
        _scan(qtbot, desk, _token(desk, "H010"))
    assert signal.args[0].person.id == "H010"


@pytest.mark.parametrize(("scan", "words"), [
    ("HILD26:H010:AAAAAAAAAA", "not genuine"),
    ("foreign", "another event"),
    ("unknown", "nobody with id 'X999'"),
])
def test_refused_scans_show_the_reason_in_red(qtbot, desk, sample_event, scan, words):
    """Forged, other-event and unknown badges are refused with a clear message; nobody is checked in."""
    if scan == "foreign":
        scan = make_token(Event("ICML 2026", code="ICML26"), "H010")
    elif scan == "unknown":
        scan = _token(desk, "X999")
    with qtbot.waitSignal(desk.refused, timeout=2000) as signal:
        _scan(qtbot, desk, scan)
    assert words in signal.args[0] and words in desk.status.text()
    assert desk.status.styleSheet() == REFUSED_STYLE
    with EventStore.open(sample_event) as store:
        assert all(p.checked_in_at is None for p in store.attendees())


def test_enter_prints_the_selected_badge_to_pdf_and_logs_it(qtbot, desk, sample_event):
    """With no printer chosen, Enter writes the badge PDF beside the event file: one A6
    page with the person's signed QR code; the print is logged and checks them in."""
    assert desk.printer.currentText() == SAVE_AS_PDF
    qtbot.keyClicks(desk.search, "nguyen")
    with qtbot.waitSignal(desk.printed, timeout=5000) as signal:
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    result = signal.args[0]
    assert result.pdf == sample_event.with_name("hild2026-desk") / "H010.pdf"
    assert [(round(w, 1), round(h, 1)) for w, h in page_sizes_mm(result.pdf)] == [(105.0, 148.0)]
    assert decode_qr_codes(result.pdf, 0) == [_token(desk, "H010")]
    with EventStore.open(sample_event) as store:
        log = store.print_log("H010")
        assert store.attendee("H010").checked_in_at
    assert [(r.copy, r.desk) for r in log] == [(1, "desk A")] and log[0].printer.startswith("PDF file")
    assert "Badge for Nguyễn Văn An" in desk.status.text()


def test_enter_with_nobody_selected_says_so(qtbot, desk):
    """Enter on an empty box refuses politely instead of printing someone."""
    with qtbot.waitSignal(desk.refused, timeout=2000):
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert "Nobody selected" in desk.status.text()


def test_walk_in_dialog_adds_the_person_and_prints(qtbot, desk, sample_event):
    """Ctrl+N opens the walk-in form; Save adds the person with a new id and prints their badge."""
    qtbot.keyClick(desk.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.dialog is not None and desk.dialog.isVisible(), timeout=2000)
    desk.dialog.name.setText("Ingrid Ødegård")
    desk.dialog.affiliation.setText("Universitetet i Oslo")
    desk.dialog.role.setCurrentText("Speaker")
    with qtbot.waitSignal(desk.printed, timeout=5000) as signal:
        desk.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    result = signal.args[0]
    assert (result.person.id, result.person.name, result.person.role) == ("W0001", "Ingrid Ødegård", "Speaker")
    with EventStore.open(sample_event) as store:
        stored = store.attendee("W0001")
        assert stored.affiliation == "Universitetet i Oslo" and stored.checked_in_at
        assert [r.copy for r in store.print_log("W0001")] == [1]
    assert decode_qr_codes(result.pdf, 0) == [_token(desk, "W0001")]
    desk.search.setText("odegard")
    assert any("W0001" in line for line in _listed(desk))


def test_fix_name_saves_the_correction_and_logs_the_reprint(qtbot, desk, sample_event):
    """Print, then F2: the corrected name is saved, the badge reprinted and logged as copy 2."""
    qtbot.keyClicks(desk.search, "H037")
    with qtbot.waitSignal(desk.printed, timeout=5000):
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    qtbot.keyClick(desk.search, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: desk.dialog is not None and desk.dialog.isVisible(), timeout=2000)
    assert desk.dialog.name.text() == "Sarah O'Brien"
    desk.dialog.name.setText("Sárah O’Brien")
    with qtbot.waitSignal(desk.printed, timeout=5000) as signal:
        desk.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    result = signal.args[0]
    assert result.person.name == "Sárah O’Brien" and result.record.copy == 2 and result.record.reprint
    assert "reprint, copy 2" in desk.status.text()
    with EventStore.open(sample_event) as store:
        assert store.attendee("H037").display_name == "Sárah O’Brien"
        assert [r.copy for r in store.print_log("H037")] == [1, 2]
    desk.search.setText("sarah o'brien")
    assert any("Sárah O’Brien" in line for line in _listed(desk))


def test_fix_without_a_name_is_refused_and_nothing_changes(qtbot, desk, sample_event):
    """A correction that empties the name is not saved and nothing is printed."""
    desk.search.setText("H037")
    with qtbot.assertNotEmitted(desk.printed), qtbot.waitSignal(desk.refused, timeout=2000):
        desk.fix("H037", "   ", "", "Attendee")
    with EventStore.open(sample_event) as store:
        assert store.attendee("H037").display_name == "Sarah O'Brien"


def test_a_broken_printer_choice_is_refused_and_not_logged(qtbot, settings, sample_event):
    """A printer that has gone away gives a red message and no log entry."""
    window = DeskWindow(sample_event, settings, printers=["Gone-Printer"])
    qtbot.addWidget(window)
    window.printer.setCurrentText("Gone-Printer")
    window.search.setText("H001")
    with qtbot.waitSignal(window.refused, timeout=5000) as signal:
        window.print_selected()
    assert "Gone-Printer" in signal.args[0]
    with EventStore.open(sample_event) as store:
        assert store.print_log() == []


def test_main_window_opens_the_desk_on_its_event(qtbot, settings, sample_event):
    """File ▸ Badge desk opens the desk on the event shown in the main window."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not window.desk_action.isEnabled()
    window.open_event(sample_event)
    window.desk_action.trigger()
    assert window.desk_window is not None and window.desk_window.event_path == sample_event
    window.desk_window.search.setText("zoe")
    assert window.desk_window.selected().id == "H001"
    window.desk_window.scan("H001")  # a check-in at this program's own desk
    window.document.check_elsewhere()
    assert not window.banner.isVisibleTo(window)
    window.desk_window.close()  # deleted on close: the document takes its writes in as its own
    qtbot.waitUntil(lambda: window.document.own_writers == 0, timeout=5000)
    assert next(p for p in window.attendees.model._file_order if p.id == "H001").checked_in_at


def test_desk_screenshot(qtbot, desk):
    """The desk with a person selected and their badge previewed, saved for review."""
    with qtbot.waitSignal(desk.preview_shown, timeout=5000):
        desk.search.setText("nguyen")
        desk._show_preview()
    assert desk.preview.pixmap() is not None and not desk.preview.pixmap().isNull()
    save_screenshot(desk, "desk")


def test_a_long_day_at_the_desk_does_not_use_up_none_or_true(qtbot, desk):
    """Tens of thousands of Qt calls that return nothing and signal emissions (a keystroke
    makes dozens) leave the interpreter running: on Python 3.11 PySide6 6.12 drops a
    reference to None on each such call and one to True on each emit."""
    import sys

    for _ in range(20_000):
        desk.status.setText("x")
        desk.results_changed.emit(0)
    if sys.version_info < (3, 12):
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > 1 << 40


def test_hildprint_gui_desk_opens_the_desk_window(qtbot, sample_event, monkeypatch, tmp_path):
    """`hildprint-gui --desk EVENT` opens the desk on that file; a missing file is one line, exit 2."""
    from PySide6.QtWidgets import QApplication

    from hildprint.gui import app as gui_app

    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert gui_app.main(["--desk", str(sample_event)]) == 0
    desks = [w for w in QApplication.topLevelWidgets() if isinstance(w, DeskWindow) and w.isVisible()]
    assert [d.event_path for d in desks] == [sample_event]
    for window in desks:
        qtbot.addWidget(window)
    assert gui_app.main(["--desk", str(tmp_path / "missing.hildprint")]) == 2


def test_chosen_stock_sets_the_printed_page_and_is_remembered(qtbot, desk, settings, sample_event):
    """Choosing CR80 cards prints on an 85.6 x 54 mm page; the next desk starts with CR80."""
    desk.stock.setCurrentText("cr80")
    desk.search.setText("H001")
    with qtbot.waitSignal(desk.printed, timeout=5000) as signal:
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert [(round(w, 1), round(h, 1)) for w, h in page_sizes_mm(signal.args[0].pdf)] == [(85.6, 54.0)]
    again = DeskWindow(sample_event, settings, printers=[])
    qtbot.addWidget(again)
    assert again.stock.currentText() == "cr80" and again.desk.badges.page_size_mm == (85.6, 54.0)


def test_a_busy_event_file_is_a_red_message_not_a_crash(qtbot, settings, sample_event, monkeypatch):
    """While another program holds the event file's write lock, a scan says the file is
    busy, and works again once the lock is gone."""
    import sqlite3

    from hildprint.core.store import sqlite as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    window = DeskWindow(sample_event, settings, printers=[])
    qtbot.addWidget(window)
    blocker = sqlite3.connect(sample_event, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(window.refused, timeout=5000) as signal:
            window.scan("H001")
        assert "busy" in signal.args[0]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with qtbot.waitSignal(window.checked_in, timeout=5000):
        window.scan("H001")


def test_printing_runs_on_a_worker_thread_while_the_window_keeps_working(qtbot, settings, sample_event,
                                                                          monkeypatch):
    """A printer that takes half a second: the badge is sent from a worker thread, and the
    window's own timer keeps ticking all the while; the print is logged once it is done."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from hildprint.gui import desk_window

    ticks: list[float] = []
    sent: list[tuple[threading.Thread, int]] = []

    def slow_printer(name: str):
        def send(pdf, page_mm) -> None:
            before = len(ticks)
            time.sleep(0.5)
            sent.append((threading.current_thread(), len(ticks) - before))

        return send

    monkeypatch.setattr(desk_window, "send_to_printer", slow_printer)
    window = DeskWindow(sample_event, settings, printers=["Slow-Printer"], desk_name="desk A")
    qtbot.addWidget(window)
    window.printer.setCurrentText("Slow-Printer")
    window.search.setText("nguyen")
    timer = QTimer(window, interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(window.printed, timeout=10_000) as signal:
        assert window.print_selected()
    timer.stop()
    (thread, ticks_while_sending), = sent
    assert thread is not threading.main_thread()
    assert ticks_while_sending >= 5  # 25 at best; the window was free to run its timer
    assert signal.args[0].record.printer == "Slow-Printer"
    with EventStore.open(sample_event) as store:
        assert [r.printer for r in store.print_log("H010")] == ["Slow-Printer"]


def test_closing_the_desk_while_a_badge_prints_still_logs_it(qtbot, settings, sample_event, monkeypatch):
    """Close the window while the printer is still busy: the window waits for the badge,
    and the print is in the log (nobody is left wondering whether it went out)."""
    import time

    from hildprint.gui import desk_window

    def slow_printer(name: str):
        return lambda pdf, page_mm: time.sleep(0.3)

    monkeypatch.setattr(desk_window, "send_to_printer", slow_printer)
    window = DeskWindow(sample_event, settings, printers=["Slow-Printer"], desk_name="desk A")
    qtbot.addWidget(window)
    window.printer.setCurrentText("Slow-Printer")
    window.search.setText("H001")
    assert window.print_selected()
    window.close()
    with EventStore.open(sample_event) as store:
        assert [(r.printer, r.desk) for r in store.print_log("H001")] == [("Slow-Printer", "desk A")]


def test_a_desk_on_a_shared_document_tells_it_and_leaves_it_open(qtbot, settings, sample_event):
    """A desk given an open document checks in through its session: the document tells
    its other views who changed, and closing the desk leaves the document open."""
    from hildprint.gui.document import EventDocument

    document = EventDocument.opening(sample_event)
    window = DeskWindow(document, settings, printers=[], desk_name="desk A")
    qtbot.addWidget(window)
    with qtbot.waitSignal(document.changed, timeout=2000) as changed:
        window.scan("H001")
    assert [p.id for p in changed.args[0]] == ["H001"] and changed.args[0][0].checked_in_at
    assert not document.check_elsewhere()  # the desk's own write, not another program's
    window.close()
    assert document.is_open and {p.id: p for p in document.session.attendees}["H001"].checked_in_at
    document.close()
