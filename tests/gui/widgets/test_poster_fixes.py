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
