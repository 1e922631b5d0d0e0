"""Live previews at true proportions on white: a badge with stock and template pickers,
a room's door sign, a paper's board label."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from tests.gui.conftest import save_screenshot

from hildprint.core import services


@pytest.fixture
def window(shown_window):
    """The main window on the sample event, shown at 1366 x 768."""
    return shown_window


def _ratio(image) -> float:
    return image.width() / image.height()


def test_selecting_a_person_previews_their_badge_on_the_chosen_stock(qtbot, window):
    """Selecting Zoë shows her badge at the A6 badge's proportions on white; choosing
    the CR80 card stock redraws it as a landscape card (85.6 x 54 mm)."""
    pane = window.preview
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as shown:
        window.attendees.select("H001")
    assert "Zoë Müller-Brandt" in shown.args[0]
    image = pane.view.image
    assert _ratio(image) == pytest.approx(105 / 148, abs=0.003)
    assert QColor(image.pixel(3, image.height() // 2)) == QColor("white")  # not transparent black
    rect = pane.view.page_rect()
    assert rect.width() / rect.height() == pytest.approx(105 / 148, abs=0.003)
    save_screenshot(window, "main_window_badge_preview")
    with qtbot.waitSignal(pane.rendered, timeout=20_000):
        pane.stock.setCurrentText("cr80")
    assert _ratio(pane.view.image) == pytest.approx(85.6 / 54, abs=0.003)
    assert window.settings.value("preview/stock") == "cr80"


def test_programme_previews_the_rooms_door_sign(qtbot, window):
    """On the programme, a session's row previews its room's door sign, A4 portrait."""
    window.tabs.setCurrentWidget(window.programme)
    session = window.programme.model.record(0)
    with qtbot.waitSignal(window.preview.rendered, timeout=20_000) as shown:
        window.programme.select(session.id)
    assert shown.args[0] == f"Door sign: {window.preview.room_names[session.room_id]}"
    assert _ratio(window.preview.view.image) == pytest.approx(210 / 297, abs=0.003)
    save_screenshot(window, "main_window_programme_sign")


def test_papers_preview_the_board_label_or_say_why_not(qtbot, window, sample_event):
    """A paper without a board says so; once boards are numbered its label shows, A4
    landscape."""
    window.tabs.setCurrentWidget(window.papers)
    paper = window.papers.model.record(0)
    if not paper.board:
        with qtbot.waitSignal(window.preview.failed, timeout=20_000) as failed:
            window.papers.select(paper.id)
        assert "no board yet" in failed.args[0]
        services.number_boards(sample_event)
        window.reload()
    with qtbot.waitSignal(window.preview.rendered, timeout=20_000) as shown:
        window.papers.select(paper.id)
        window.preview.refresh()
    assert shown.args[0].startswith("Board label:")
    assert _ratio(window.preview.view.image) == pytest.approx(297 / 210, abs=0.003)
    save_screenshot(window, "main_window_papers_label")


def test_the_preview_follows_the_filter(qtbot, window):
    """Filtering down to one person previews that person (not the one selected before);
    filtering down to nobody clears the picture and says nobody is selected."""
    pane = window.preview
    with qtbot.waitSignal(pane.rendered, timeout=20_000):
        window.attendees.select("H001")
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as shown:
        window.attendees.filter.setText("emily chen")
    assert "Emily Chen" in shown.args[0] and window.attendees.current().name == "Emily Chen"
    window.attendees.filter.setText("no such person at all")
    assert pane.view.image.isNull() and pane.title.text().startswith("Nobody selected")
    qtbot.wait(300)  # a picture still on its way must not come back
    assert pane.view.image.isNull() and pane.title.text().startswith("Nobody selected")


def test_a_new_title_never_sits_over_the_old_picture(qtbot, window):
    """Switching from a badge to a door sign greys the badge out under "Drawing…" and
    says so in the title until the sign is drawn."""
    pane = window.preview
    with qtbot.waitSignal(pane.rendered, timeout=20_000):
        window.attendees.select("H001")
    with qtbot.waitSignal(pane.rendered, timeout=20_000) as shown:
        window.tabs.setCurrentWidget(window.programme)
        assert pane.title.text().startswith("Drawing… Door sign") and pane.view.busy == "Drawing…"
        save_screenshot(window, "preview_drawing")
    assert shown.args[0].startswith("Door sign") and pane.title.text() == shown.args[0]
    assert pane.view.busy == "" and _ratio(pane.view.image) == pytest.approx(210 / 297, abs=0.003)
