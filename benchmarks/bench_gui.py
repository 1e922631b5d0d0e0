"""The organiser's window over 10,000 people: opening the event, the table filter per
keystroke (accent- and case-insensitive, through the real filter box and a repaint), and
sorting by a column; and on the sample event, how soon a person's badge preview is on
screen after selecting them."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_desk import PEOPLE, _event, _people, _queries

QUERIES = 60


def _keystrokes(queries: list[str]) -> list[str]:
    """Every prefix of every query, as typed one key at a time, then erased again."""
    typed = []
    for query in queries:
        prefixes = [query[:n] for n in range(1, len(query) + 1)]
        typed += prefixes + prefixes[-2::-1] + [""]
    return typed


def _figure(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (f"median {statistics.median(times):.1f} ms, 95th percentile {p95:.1f} ms, "
            f"worst {max(times):.1f} ms ({len(times)} keystrokes)")


PREVIEWED_PEOPLE = 20


def _badge_preview_ms(app, folder: Path) -> list[float]:
    """Milliseconds from selecting a person on the sample event to their badge painted."""
    from PySide6.QtCore import QSettings

    from hildprint.core.services import create_sample_event
    from hildprint.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(folder / "preview.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    window.open_event(create_sample_event(folder / "sample.hildprint"))
    pane, people = window.preview, window.attendees.model
    shown: list[str] = []
    pane.rendered.connect(shown.append)
    times = []
    for row in range(PREVIEWED_PEOPLE + 1):  # the first one warms the renderer up
        _wait_idle(app, pane)
        shown.clear()
        person = people.record(row % people.rowCount())
        started = time.perf_counter()
        window.attendees.select(person.id)
        while not any(person.name in title for title in shown):
            app.processEvents()
        pane.view.repaint()
        if row:
            times.append((time.perf_counter() - started) * 1000)
    window.close()
    return times


def _wait_idle(app, pane) -> None:
    while pane._task is not None and pane._task.running:
        app.processEvents()


def main() -> dict[str, str]:
    """Time the attendee table's filter over 10,000 people; print the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt

    from hildprint.gui.app import application
    from hildprint.gui.main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _event(folder)
        window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(1366, 768)
        window.show()
        started = time.perf_counter()
        window.open_event(path)
        app.processEvents()
        opened = (time.perf_counter() - started) * 1000
        view = window.attendees
        keys = _keystrokes(_queries(_people(PEOPLE), QUERIES))
        times = []
        for text in keys:
            started = time.perf_counter()
            view.filter.setText(text)
            app.processEvents()  # the table repaints
            times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        sort_ms = (time.perf_counter() - started) * 1000
        window.close()
        previews = _badge_preview_ms(app, folder)
    figures = {
        f"open an event of {PEOPLE:,} people in the window": f"{opened:.0f} ms",
        f"table filter per keystroke over {PEOPLE:,} people": _figure(times),
        f"sort {PEOPLE:,} people by affiliation": f"{sort_ms:.0f} ms",
        "badge preview on screen after selecting a person (sample event)":
            f"median {statistics.median(previews):.0f} ms, worst {max(previews):.0f} ms ({len(previews)} people)",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures
