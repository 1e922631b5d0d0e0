"""How fast the event file takes and gives back 10,000 attendees."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.store.sqlite import EventStore

PEOPLE = 10_000


def main() -> dict[str, str]:
    """Upsert 10,000 attendees twice (insert, then unchanged) and read them back."""
    people = [Attendee(str(i), f"Given{i}", f"Family{i}", affiliation="KAIST") for i in range(PEOPLE)]
    with tempfile.TemporaryDirectory() as tmp, EventStore.create(Path(tmp) / "b.hildprint", Event("Bench")) as store:
        t0 = time.perf_counter()
        store.upsert_attendees(people)
        t1 = time.perf_counter()
        store.upsert_attendees(people)
        t2 = time.perf_counter()
        loaded = store.attendees()
        t3 = time.perf_counter()
    assert len(loaded) == PEOPLE
    figures = {
        "insert 10,000 attendees": f"{t1 - t0:.2f} s",
        "re-import 10,000 unchanged": f"{t2 - t1:.2f} s",
        "load 10,000 attendees": f"{(t3 - t2) * 1000:.0f} ms",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures
