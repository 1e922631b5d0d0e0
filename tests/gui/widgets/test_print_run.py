"""Print runs: documents chosen in the print view, made on a worker thread with progress
and Cancel, warnings before printing that lead to the person, and the result opened."""

from __future__ import annotations

import pikepdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from tests.gui.conftest import save_screenshot

from hildprint.core.domain.model import Attendee
from hildprint.core.store.sqlite import EventStore


@pytest.fixture
def window(shown_window):
    """The main window on the sample event, on the print view."""
    shown_window.tabs.setCurrentWidget(shown_window.printing)
    return shown_window


def _choose(view, *documents: str) -> None:
    for name, box in view.documents.items():
        box.setChecked(name in documents)


def test_speakers_badges_and_door_signs_are_written_and_opened(qtbot, window, tmp_path, monkeypatch):
    """Badges for the role Speaker, the door signs and the programme poster go into the
    chosen folder; the run reports them, and Open PDF opens the badges."""
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    view = window.printing
    _choose(view, "badges", "door-signs", "programme")
    view.who.setCurrentText("Role: Speaker")
    view.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(view.finished, timeout=60_000) as done:
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    outcome = done.args[0]
    assert not outcome.cancelled
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["badges.pdf", "signs-agenda.pdf", "signs-door.pdf"]
    with pikepdf.open(tmp_path / "out" / "badges.pdf") as pdf:
        assert len(pdf.pages) == 2  # five speakers, four A6 badges per A4 sheet
    assert "5 badges on 2 pages" in view.status.text()
    assert view.progress.value() == view.progress.maximum()
    save_screenshot(window, "main_window_print")
    qtbot.mouseClick(view.open_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "out" / "badges.pdf"), str(tmp_path / "out")]


FULL_NAME = ("Adolph Blaine Charles David Earl Frederick Gerald Hubert Irvin John Kenneth Lloyd Martin Nero "
             "Oliver Paul Quincy Randolph Sherman Thomas Uncas Victor William Xerxes Yancy Zeus "
             "Wolfeschlegelsteinhausenbergerdorff")


def test_name_warnings_come_before_printing_and_lead_to_the_person(qtbot, window, sample_event, tmp_path):
    """Check names lists a name that had to be set below the template's minimum size to
    print whole, before anything is printed; double-clicking it selects that person."""
    with EventStore.open(sample_event) as store, store.transaction():
        store.upsert_attendees([Attendee("H028", display_name=FULL_NAME, affiliation="Example")])
    window.reload()
    view = window.printing
    view.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(view.checked, timeout=60_000) as checked:
        qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert "H028" in {w.attendee_id for w in checked.args[0]}
    assert not (tmp_path / "out").exists()
    item = next(view.warnings.item(i) for i in range(view.warnings.count())
                if "(H028)" in view.warnings.item(i).text())
    view.warnings.itemDoubleClicked.emit(item)
    assert window.tabs.currentWidget() is window.attendees
    assert window.attendees.current().id == "H028"


def test_a_long_run_shows_progress_and_cancels_leaving_no_file(qtbot, window, sample_event, tmp_path):
    """With 3,000 people the run reports progress while the window keeps working; Cancel
    stops it and no badge file is left behind."""
    with EventStore.open(sample_event) as store, store.transaction():
        store.upsert_attendees(Attendee(f"X{i:04d}", f"Person {i}", "Example") for i in range(3000))
    window.reload()
    view = window.printing
    view.workers = 1
    _choose(view, "badges")
    view.folder.setText(str(tmp_path / "out"))
    assert view.start()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=30_000)
    assert view.cancel_button.isEnabled() and not view.print_button.isEnabled()
    with qtbot.waitSignal(view.finished, timeout=60_000) as done:
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args[0].cancelled
    assert view.status.text().startswith("Cancelled.")
    assert not (tmp_path / "out" / "badges.pdf").exists()
    qtbot.waitUntil(lambda: view.print_button.isEnabled(), timeout=5000)


def test_the_print_view_prints_on_the_stock_it_shows(qtbot, window, tmp_path):
    """The stock picked in the (hidden) preview pane does not matter: badges are printed on
    the stock and template shown on the print view, with a small preview of the first
    badge that follows the choice; warnings wrap instead of running off the side."""
    window.preview.stock.setCurrentText("dymo-30856")
    view = window.printing
    assert view.stock.currentText() == "a6-4up-a4" and view.template.currentText() == "event"
    with qtbot.waitSignal(view.sample_shown, timeout=20_000) as shown:
        view.who.setCurrentText("Role: Speaker")
    first_speaker = next(p for p in window.document.session.attendees if p.role == "Speaker")
    assert shown.args[0] == first_speaker.name
    portrait = view.sample.image
    assert portrait.width() < portrait.height()
    with qtbot.waitSignal(view.sample_shown, timeout=20_000):
        view.stock.setCurrentText("cr80")
    assert view.sample.image.width() > view.sample.image.height()  # a landscape card
    assert "85.6" in view.stock_note.text() or "CR80" in view.stock_note.text().upper()
    save_screenshot(window, "print_view_stock_and_sample")
    _choose(view, "badges")
    view.folder.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(view.finished, timeout=60_000):
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    with pikepdf.open(tmp_path / "out" / "badges.pdf") as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4, 1), round(height / 72 * 25.4, 1)) == (85.6, 54.0)
    assert view.warnings.wordWrap()
