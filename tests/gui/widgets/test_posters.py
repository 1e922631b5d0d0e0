"""The posters view: dropped files and folders checked off the window's thread, verdicts
in colour with their message, the poster drawn against the allowed area, the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from tests.gui.conftest import save_screenshot
from tests.helpers.posters import poster_pdf

from hildprint.gui.widgets.posters import VERDICT_TINTS


def _drop(widget, paths) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (QPointF(40, 40), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(widget, enter)  # Qt delivers a drop only to the widget a drag entered
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(*args))


def _posters(folder):
    folder.mkdir()
    poster_pdf(folder / "a-fits.pdf", 24, 36)
    poster_pdf(folder / "b-landscape.pdf", 48, 36)
    (folder / "c-broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    return folder


def test_dropped_posters_get_coloured_verdicts_an_outline_and_a_report(qtbot, shown_window, tmp_path):
    """A dropped folder and a file are checked; each row shows its verdict in colour and
    the plain-words message; double-clicking the landscape poster shows it twice as wide
    as the allowed 24 in; the HTML report lists all three."""
    window = shown_window
    window.tabs.setCurrentWidget(window.posters)
    view = window.posters
    folder = _posters(tmp_path / "posters")
    with qtbot.waitSignal(view.checked, timeout=10_000):
        _drop(view, [folder])
    assert view.table.rowCount() == 3
    rows = {view.table.item(r, 0).text(): [view.table.item(r, c).text() for c in range(4)]
            for r in range(3)}
    assert rows["a-fits.pdf"][1:3] == ["PASS", "24.0 x 36.0 in"]
    assert rows["b-landscape.pdf"][1] == "FAIL" and "48.0 in wide" in rows["b-landscape.pdf"][3]
    assert rows["c-broken.pdf"][1] == "ERROR" and "cannot be read as a PDF" in rows["c-broken.pdf"][3]
    fail_row = [view.table.item(r, 0).text() for r in range(3)].index("b-landscape.pdf")
    assert view.table.item(fail_row, 3).background().color() == QColor(VERDICT_TINTS["fail"])
    save_screenshot(window, "main_window_posters")

    dialog = view.show_outline(fail_row)
    qtbot.addWidget(dialog)
    assert dialog.shape.poster == (48.0, 36.0) and dialog.shape.allowed == (24, 36)
    image = dialog.image
    scale = dialog.shape.scale_to(image.width() - 2)
    assert QColor(image.pixel(int(24 * scale) + 1, int(36 * scale) // 2)) != QColor("#F4F5F7")
    assert QColor(image.pixel(int(47 * scale), int(18 * scale))).name() != "#f4f5f7"  # the poster beyond
    save_screenshot(dialog, "poster_outline_dialog")

    report = tmp_path / "report.html"
    with qtbot.waitSignal(view.exported, timeout=5000):
        assert view.export(report)
    text = report.read_text(encoding="utf-8")
    assert all(name in text for name in ("a-fits.pdf", "b-landscape.pdf", "c-broken.pdf"))


def test_a_missing_path_is_refused_with_its_name(qtbot, tmp_path):
    """A path that does not exist is named in the message and nothing runs."""
    from hildprint.gui.widgets.posters import PostersView

    view = PostersView()
    qtbot.addWidget(view)
    assert not view.check([tmp_path / "nowhere"])
    assert "nowhere: no such file or folder" in view.hint.text()
    assert view.task is None


def test_a_running_check_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    """Cancel during a check: the files not yet started are listed as not checked, none is
    dropped, and the button is disabled again."""
    import functools
    import os

    from hildprint.core import services
    from hildprint.gui.widgets.posters import PostersView

    monkeypatch.setattr(services, "PosterRequest", functools.partial(services.PosterRequest, timeout_s=1.0,
                                                                     workers=1))
    view = PostersView()
    qtbot.addWidget(view)
    os.mkfifo(tmp_path / "a-stuck.pdf")
    for i in range(4):
        poster_pdf(tmp_path / f"b-{i}.pdf")
    assert view.check([tmp_path])
    assert view.cancel_button.isEnabled()
    with qtbot.waitSignal(view.checked, timeout=10_000) as done:
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    verdicts = done.args[0]
    assert len(verdicts) == 5 and view.table.rowCount() == 5
    assert verdicts[0].codes() in (["timeout"], ["cancelled"])  # stuck, or cancelled before it started
    assert [v.codes() for v in verdicts[1:]] == [["cancelled"]] * 4
    assert not view.cancel_button.isEnabled()


def test_a_file_dropped_again_keeps_one_row(qtbot, shown_window, tmp_path):
    """Dropping the same poster twice leaves one row for it, with its latest verdict."""
    window = shown_window
    window.tabs.setCurrentWidget(window.posters)
    view = window.posters
    folder = _posters(tmp_path / "posters")
    with qtbot.waitSignal(view.checked, timeout=10_000):
        _drop(view, [folder / "a-fits.pdf"])
    with qtbot.waitSignal(view.checked, timeout=10_000):
        _drop(view, [folder / "a-fits.pdf", folder / "b-landscape.pdf"])
    assert sorted(view.table.item(r, 0).text() for r in range(view.table.rowCount())) == [
        "a-fits.pdf", "b-landscape.pdf"]
    assert len(view.verdicts) == 2


def test_each_verdict_shows_as_its_file_is_done(qtbot, shown_window, tmp_path):
    """Rows appear one by one while the check runs, before the run as a whole ends."""
    window = shown_window
    view = window.posters
    folder = _posters(tmp_path / "posters")
    rows_when_each_came: list[int] = []
    ended: list[bool] = []
    view.verdict_ready.connect(lambda _v: rows_when_each_came.append(view.table.rowCount()))
    view.checked.connect(lambda _v: ended.append(True))
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.check([folder])
    assert len(rows_when_each_came) == 3 and not ended[:-1]
    assert view.table.rowCount() == 3


def test_another_rule_set_marks_verdicts_out_of_date_and_checks_again(qtbot, shown_window, tmp_path):
    """Choosing another rule set greys every verdict out as "(old rules)" at once, then
    checks the files again: each row ends with a verdict under the new rules."""
    window = shown_window
    window.tabs.setCurrentWidget(window.posters)
    view = window.posters
    folder = _posters(tmp_path / "posters")
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.check([folder])
    old_rules = view.verdicts[0].rules
    new_rules = next(name for name in (view.rules.itemText(i) for i in range(view.rules.count()))
                     if name != view.rules.currentText())
    with qtbot.waitSignal(view.checked, timeout=10_000):
        view.rules.setCurrentText(new_rules)
        marked = [view.table.item(r, 1).text() for r in range(view.table.rowCount())]
        assert all(text.endswith("(old rules)") for text in marked), marked
        save_screenshot(window, "posters_out_of_date")
    assert view.table.rowCount() == 3
    assert {v.rules for v in view.verdicts} == {view.verdicts[0].rules} and view.verdicts[0].rules != old_rules
    assert not any("(old rules)" in view.table.item(r, 1).text() for r in range(3))


def test_files_dropped_during_a_check_are_checked_next(qtbot, shown_window, tmp_path):
    """A second drop while a check runs is not refused: its files are checked right after."""
    view = shown_window.posters
    folder = _posters(tmp_path / "posters")
    assert view.check([folder / "a-fits.pdf"])
    assert view.task.running
    assert view.check([folder / "b-landscape.pdf", folder / "a-fits.pdf"])
    assert "checked as soon as it ends" in view.hint.text()
    qtbot.waitUntil(lambda: len(view.verdicts) == 2 and not view.task.running, timeout=20_000)
    assert sorted(Path(v.file).name for v in view.verdicts) == ["a-fits.pdf", "b-landscape.pdf"]
