"""Badge desk latency over 10,000 people: search as you type, and Enter to a ready PDF.

Search is timed in the core (:meth:`Desk.find`) and through the desk window (the text set
into the search box until the list is filled). Enter is timed from the call to a complete
badge PDF on disk with its print log entry committed, warm, in the core and through the
window (which also checks the person in). The QPrinter path is timed too: into Qt's own
PDF output, and into a cups-pdf queue when one is installed (until the job is queued).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hildprint.core.desk.operations import Desk
from hildprint.core.desk.search import fold
from hildprint.core.domain.model import Attendee
from hildprint.core.services.sample import load_sample
from hildprint.core.store.sqlite import EventStore

PEOPLE = 10_000
QUERIES = 200
PRINTS = 40


def _people(count: int) -> list[Attendee]:
    """``count`` people cycling through the sample's names and affiliations, every script."""
    sample = load_sample().attendees
    return [
        Attendee(f"P{i:05d}", p.first_name, p.last_name, p.display_name, p.affiliation, p.role,
                 email=f"p{i}@example.org", consent_contact_qr=p.consent_contact_qr)
        for i, p in zip(range(count), sample * (count // len(sample) + 1))
    ]


def _queries(people: list[Attendee], count: int) -> list[str]:
    """What volunteers type: the first letters of names and affiliations (with and without
    accents), whole ids, two words, and misses."""
    rng = random.Random(7)
    queries = []
    for _ in range(count):
        person = rng.choice(people)
        kind = rng.randrange(6)
        word = rng.choice((person.name or "x").split())
        if kind == 0:
            queries.append(fold(word)[: rng.randint(1, 6)])
        elif kind == 1:
            queries.append(word[: rng.randint(2, 8)])
        elif kind == 2:
            queries.append((person.affiliation or "univ")[: rng.randint(2, 10)])
        elif kind == 3:
            queries.append(person.id)
        elif kind == 4:
            queries.append(" ".join(fold(w)[:3] for w in person.name.split()[:2]))
        else:
            queries.append(rng.choice(("xyzzy", "qqq", "zz9")))
    return queries


def _timed(action: Callable[[], object], repeat: list) -> list[float]:
    times = []
    for item in repeat:
        started = time.perf_counter()
        action(item) if item is not None else action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _figure(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms ({len(times)} runs)"


def _event(folder: Path) -> Path:
    path = folder / "desk.hildprint"
    sample = load_sample()
    with EventStore.create(path, sample.event) as store:
        store.upsert_attendees(_people(PEOPLE))
    return path


def _core(path: Path, folder: Path, queries: list[str]) -> dict[str, str]:
    with EventStore.open(path) as store:
        started = time.perf_counter()
        desk = Desk(store, "bench")
        opened = (time.perf_counter() - started) * 1000
        desk.warm_up()
        search = _timed(lambda q: desk.find(q), queries)
        ids = [p.id for p in _people(PRINTS)]
        enter = _timed(lambda i: desk.print_badge(i, folder / f"{i}.pdf"), ids)
    return {
        f"open the desk on {PEOPLE:,} people (read + index)": f"{opened:.0f} ms",
        f"search, core, {QUERIES} queries": _figure(search),
        "Enter to ready PDF + log, core (warm)": _figure(enter),
    }


def _gui(path: Path, folder: Path, queries: list[str]) -> dict[str, str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings

    from hildprint.gui.app import application
    from hildprint.gui.desk_window import DeskWindow
    from hildprint.gui.printing import (
        make_printer,
        print_pdf,
        printer_names,
        send_to_printer,
    )

    app = application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = DeskWindow(path, settings, printers=[])
    window.resize(1366, 768)
    window.show()
    app.processEvents()

    def type_query(query: str) -> None:
        window.search.setText(query)

    search = _timed(type_query, queries)

    printed: list = []
    refused: list[str] = []
    window.printed.connect(printed.append)
    window.refused.connect(refused.append)

    def enter(attendee_id: str) -> None:
        done = len(printed)
        window.search.setText(attendee_id)
        assert window.print_selected(), refused
        while len(printed) == done:  # the badge is drawn on the desk's worker thread
            assert not refused, refused
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    ids = [p.id for p in _people(PRINTS * 2)[PRINTS:]]
    enter_times = _timed(enter, ids)
    figures = {
        f"search, desk window, {QUERIES} queries": _figure(search),
        "Enter to ready PDF + check-in + log, desk window (warm)": _figure(enter_times),
    }
    pdf = printed[-1].pdf
    size = window.desk.badges.page_size_mm
    qt_pdf = _timed(lambda i: print_pdf(pdf, make_printer("", size, output_pdf=folder / f"qt-{i}.pdf")),
                    list(range(10)))
    figures["badge through QPrinter at 600 dpi into Qt's PDF output"] = _figure(qt_pdf)
    queue = next((name for name in printer_names() if "pdf" in name.casefold()), None)
    if queue:
        send = send_to_printer(queue)
        cups = _timed(lambda i: send(pdf, size), list(range(5)))
        figures[f"badge through QPrinter into the CUPS queue {queue!r} (job queued)"] = _figure(cups)
    window.close()
    return figures


def main() -> dict[str, str]:
    """Time search and printing at the desk over 10,000 people; print the figures."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _event(folder)
        people = _people(PEOPLE)
        queries = _queries(people, QUERIES)
        figures = _core(path, folder, queries)
        figures.update(_gui(path, folder, queries))
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures
