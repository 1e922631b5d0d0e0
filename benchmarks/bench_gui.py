"""The organiser's window over 10,000 people: opening the event, the table filter per
keystroke (accent- and case-insensitive, through the real filter box and a repaint), and
sorting by a column."""

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
    figures = {
        f"open an event of {PEOPLE:,} people in the window": f"{opened:.0f} ms",
        f"table filter per keystroke over {PEOPLE:,} people": _figure(times),
        f"sort {PEOPLE:,} people by affiliation": f"{sort_ms:.0f} ms",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures
