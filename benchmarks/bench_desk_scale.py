"""A desk on an event of 1,000,000 people: ``checkin`` and ``print-badge`` touch one
person, so their time and memory do not grow with the event.

Timed in the process (open the event file, make the desk, check one person in; the same
for printing one badge into a PDF), and as the whole command (``hildprint checkin``,
including Python's start); memory is the peak resident size of the command's process.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.model import Event
from hildprint.core.store.records import ATTENDEES
from hildprint.core.store.sqlite import EventStore

PEOPLE = 1_000_000
RUNS = 5


def _event(path: Path) -> Path:
    with EventStore.create(path, Event("Big", "BIG26", timezone="Asia/Seoul")) as store, store.transaction():
        columns = ", ".join(ATTENDEES.columns)
        marks = ", ".join("?" for _ in ATTENDEES.columns)
        rows = ((f"P{i:07d}", f"First{i}", f"Last{i}", f"First{i} Last{i}", "University", "Attendee",
                 f"p{i}@example.org", "", 0, None) for i in range(PEOPLE))
        store._conn.executemany(f"INSERT INTO attendees ({columns}) VALUES ({marks})", rows)
    return path


def _in_process(path: Path, folder: Path) -> tuple[list[float], list[float]]:
    check_ins, prints = [], []
    for run in range(RUNS):
        started = time.perf_counter()
        with EventStore.open(path) as store:
            Desk(store, "desk").check_in(f"P{run * 199_999:07d}")
        check_ins.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with EventStore.open(path) as store:
            Desk(store, "desk").print_badge(f"P{run * 199_999 + 1:07d}", folder / f"b{run}.pdf")
        prints.append((time.perf_counter() - started) * 1000)
    return check_ins, prints


def _command(path: Path, *args: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hildprint.cli", *args], check=True, capture_output=True)
    took = (time.perf_counter() - started) * 1000
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) / 1024


def main() -> dict[str, str]:
    """Build the event, then time and measure the desk's commands on it."""
    with tempfile.TemporaryDirectory() as folder:
        path = _event(Path(folder) / "big.hildprint")
        check_ins, prints = _in_process(path, Path(folder))
        start_only = _command(path, "--version")
        checkin_cmd = _command(path, "checkin", str(path), "P0999998")
        print_cmd = _command(path, "print-badge", str(path), "P0999997", "-o", str(Path(folder) / "c.pdf"))
    figures = {
        "Python's start and imports alone (hildprint --version)": f"{start_only[0]:.0f} ms",
        "checkin, 1M people (in process)": f"median {statistics.median(check_ins):.1f} ms",
        "print-badge, 1M people (in process)": f"median {statistics.median(prints):.1f} ms",
        "hildprint checkin command": f"{checkin_cmd[0]:.0f} ms with Python's start, peak {checkin_cmd[1]:.0f} MiB",
        "hildprint print-badge command": f"{print_cmd[0]:.0f} ms with Python's start, peak {print_cmd[1]:.0f} MiB",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures


if __name__ == "__main__":
    main()
