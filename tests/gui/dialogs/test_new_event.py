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
