"""From verdict to fix in the window: "Fit to the rules…" on a failing poster, with the
poster before and after; the fitted file saved passes the check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from tests.gui.conftest import save_screenshot
from tests.gui.widgets.test_posters import _drop
from tests.helpers.posters import poster_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.check import check_file

A0 = (841 / 25.4, 1189 / 25.4)


def test_fit_to_the_rules_from_a_failing_verdict(qtbot, shown_window, tmp_path):
    """Select the failing A0 poster, click "Fit to the rules…": the dialog shows it before
    and after with the scale, and saves a poster that passes; a passing row cannot be fitted."""
    window = shown_window
    window.tabs.setCurrentWidget(window.posters)
    view = window.posters
    folder = tmp_path / "posters"
    folder.mkdir()
    poster_pdf(folder / "a-fits.pdf", 24, 36, font="Calibri")
    poster_pdf(folder / "b-a0.pdf", *A0, image=(3000, 4200, 20, 28))
    with qtbot.waitSignal(view.checked, timeout=10_000):
        _drop(view, [folder])
    names = [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    view.table.selectRow(names.index("a-fits.pdf"))
    assert not view.fit_button.isEnabled()
    view.table.selectRow(names.index("b-a0.pdf"))
    assert view.fit_button.isEnabled()
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in view.children() if type(d).__name__ == "FitDialog"][-1]
    qtbot.waitUntil(lambda: dialog.ready, timeout=10_000)
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in dialog.summary.text()
    assert dialog.after_caption.text() == "After: 24.0 x 33.9 in, centred on 24 x 36 in"
    after = dialog.after.pixmap().toImage()
    assert QColor(after.pixel(after.width() // 2, after.height() // 2)).name() != "#f4f5f7"  # the poster drawn
    save_screenshot(dialog, "fit_poster_dialog")
    target = tmp_path / "fitted.pdf"
    assert dialog.save_button.isEnabled()
    assert dialog.save(target)  # what the save button does once its file chooser returns
    assert dialog.saved == target and "Saved" in dialog.summary.text()
    assert check_file(target, load_rules()).verdict == "pass"
    dialog.close()


def test_a_landscape_poster_is_refused_with_the_reason(qtbot, tmp_path):
    from hildprint.gui.dialogs.fit_poster import FitDialog

    dialog = FitDialog(poster_pdf(tmp_path / "wide.pdf", 48, 36), "icml-2026-workshop")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=10_000)
    assert "cannot be fitted" in dialog.summary.text() and "must be portrait" in dialog.summary.text()
    assert not dialog.save_button.isEnabled()


def test_message_authors_previews_saves_and_sends(qtbot, settings, tmp_path, smtp_server):
    """With an event open, "Message authors…" checks its posters and lists a message per
    paper that failed or warned; the preview shows the headers and the advice; saving writes
    the .eml files and sending delivers each once through a real SMTP server on loopback."""
    from tests.cli.test_poster_messages import poster_event

    from hildprint.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(poster_event(tmp_path))
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.posters)
    view = window.posters
    assert view.message_button.isEnabled()
    qtbot.mouseClick(view.message_button, Qt.MouseButton.LeftButton)
    dialog = [d for d in view.children() if type(d).__name__ == "AuthorMessagesDialog"][-1]
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    assert dialog.papers.count() == 2 and "No address for paper 3" in dialog.status.text()
    assert dialog.papers.item(0).text() == "paper 1 (fail) → Björn Lind, Ana Souza"
    preview = dialog.preview.toPlainText()
    assert "To: Björn Lind <bjorn@example.org>" in preview and "Cc: Ana Souza <ana@example.org>" in preview
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in preview
    dialog.papers.setCurrentRow(1)
    assert "Dear 장서연," in dialog.preview.toPlainText()
    save_screenshot(dialog, "author_messages_dialog")
    assert dialog.save(tmp_path / "mail")
    assert sorted(p.name for p in (tmp_path / "mail").iterdir()) == ["no-address.csv", "paper-1.eml", "paper-4.eml"]
    inbox, url = smtp_server
    dialog.sender.setText("HiLD organisers <hild@example.org>")
    dialog.server.setText(url)
    with qtbot.waitSignal(dialog.sent, timeout=20_000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert len(inbox.envelopes) == 2 and "2 e-mails sent" in dialog.status.text()
    assert {e.mail_from for e in inbox.envelopes} == {"hild@example.org"}
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=5_000)
    with qtbot.waitSignal(dialog.sent, timeout=20_000):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert len(inbox.envelopes) == 2 and "0 e-mails sent; 2 had gone out before" in dialog.status.text()
    dialog.close()
    window.close()


def test_a_folder_dropped_on_the_papers_table_attaches_its_posters(qtbot, settings, tmp_path):
    """Dropping a folder on the Papers tab attaches the files matched by name; a file that
    matches no paper is named above the table; the papers show their poster files."""
    from tests.cli.test_poster_messages import poster_event

    from hildprint.gui.main_window import MainWindow

    event = poster_event(tmp_path, attach=False)
    poster_pdf(tmp_path / "posters" / "group photo.pdf")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(event)
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.papers)
    _drop(window, [tmp_path / "posters"])
    message = window.papers.message.text()
    assert "4 poster files attached" in message and "No paper found for group photo.pdf" in message
    files = {p.id: p.poster_file for p in window.document.session.papers}
    assert files == {"1": "posters/1.pdf", "2": "posters/2.pdf", "3": "posters/3.pdf", "4": "posters/4.pdf"}
    save_screenshot(window, "papers_folder_drop")
    window.close()
