"""The new-event form: a name is required; the form gives the event."""

from __future__ import annotations

from hildprint.gui.dialogs.new_event import NewEventDialog


def test_new_event_dialog_requires_a_name(qtbot):
    """The dialog's OK does nothing until a name is typed; then it gives the event."""
    dialog = NewEventDialog()
    qtbot.addWidget(dialog)
    dialog._accept_if_named()
    assert dialog.result() == 0
    dialog.name.setText("HiLD 2026")
    dialog.timezone.setCurrentText("Asia/Seoul")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog._accept_if_named()
    assert dialog.event_details().name == "HiLD 2026"
    assert dialog.event_details().timezone == "Asia/Seoul"


def test_the_last_day_cannot_be_set_before_the_first(qtbot):
    """Typing a last day before the first is clamped to the first day; moving the first
    day later moves the last day with it; the event is never "10-8 September"."""
    from PySide6.QtCore import QDate
    from tests.gui.conftest import save_screenshot

    dialog = NewEventDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("HiLD 2026")
    dialog.start.setDate(QDate(2026, 9, 10))
    dialog.end.setDate(QDate(2026, 9, 8))
    assert dialog.end.date() == QDate(2026, 9, 10)
    dialog.end.setDate(QDate(2026, 9, 11))
    dialog.start.setDate(QDate(2026, 9, 12))
    assert dialog.end.date() == QDate(2026, 9, 12)
    save_screenshot(dialog, "new_event_dialog")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.accept_if_valid()
    event = dialog.event_details()
    assert (event.start_date, event.end_date) == ("2026-09-12", "2026-09-12")


def test_the_new_event_is_created_with_its_second_language(qtbot, settings, tmp_path, monkeypatch):
    """File › New event: the form, then the file name beside the last event; the event
    opens with the second language saved."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from hildprint.core import services
    from hildprint.gui.main_window import MainWindow

    target = tmp_path / "seoul.hildprint"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "")))
    window = MainWindow(settings)
    qtbot.addWidget(window)

    def fill() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, NewEventDialog)
                       and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        dialog.name.setText("HiLD 2026")
        dialog.timezone.setCurrentText("Asia/Seoul")
        dialog.language.setCurrentText("Korean")
        dialog.accept_if_valid()
    QTimer.singleShot(0, fill)
    window.ask_new_event()
    assert window.document.path == target
    stored = services.event_settings(target)
    assert stored.event.name == "HiLD 2026" and stored.second_language == "Korean"
    assert window.history.count() == 0  # creating is not an edit to undo
