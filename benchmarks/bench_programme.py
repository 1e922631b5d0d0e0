"""A conference-sized programme: 800 talks in 30 rooms over three days, from a frab
schedule.xml to door signs and the programme poster (the target: under 10 s)."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from hildprint.core import services

TALKS = 800
ROOMS = 30
DAYS = 3
RUNS = 3


def schedule_xml() -> str:
    """A frab schedule.xml of TALKS talks of 25 minutes in ROOMS rooms, with speakers."""
    per_day = -(-TALKS // DAYS)
    days, number = [], 0
    for day in range(DAYS):
        date = datetime(2026, 7, 10) + timedelta(days=day)
        rooms: dict[int, list[str]] = {}
        for index in range(min(per_day, TALKS - number)):
            room, slot = index % ROOMS, index // ROOMS
            start = date.replace(hour=9) + timedelta(minutes=30 * slot)
            title = escape(f"Talk {number}: scaling limits of networks with {number % 7 + 2} layers and more")
            rooms.setdefault(room, []).append(
                f'<event id="{number}"><date>{start.isoformat()}+09:00</date><start>{start:%H:%M}</start>'
                f"<duration>00:25</duration><title>{title}</title><type>Talk</type>"
                f"<persons><person>Speaker {number}</person><person>Co Author {number}</person></persons></event>")
            number += 1
        body = "".join(f'<room name="Room {r + 1:02d} (Hall {r // 10 + 1})">{"".join(e)}</room>'
                       for r, e in sorted(rooms.items()))
        days.append(f'<day index="{day + 1}" date="{date:%Y-%m-%d}">{body}</day>')
    return ("<schedule><conference><title>Bench</title><time_zone_name>Asia/Seoul</time_zone_name>"
            f"</conference>{''.join(days)}</schedule>")


def one_run(folder: Path, source: Path) -> dict[str, float]:
    """Import the programme into a new event, then print door signs and the poster."""
    event = folder / "bench.hildprint"
    event.unlink(missing_ok=True)
    services.create_event(event, services.Event(name="Bench 2026", start_date="2026-07-10",
                                                end_date="2026-07-12", timezone="Asia/Seoul"))
    t0 = time.perf_counter()
    report = services.import_file(event, "schedule", source)
    t1 = time.perf_counter()
    doors = services.make_signage(services.SignRequest(event, folder / "doors.pdf", "door"))
    t2 = time.perf_counter()
    agenda = services.make_signage(services.SignRequest(event, folder / "agenda.pdf", "agenda"))
    t3 = time.perf_counter()
    assert report.counts.added == TALKS and doors.pages >= ROOMS * DAYS and agenda.pages >= 1
    return {"import": t1 - t0, "doors": t2 - t1, "agenda": t3 - t2, "total": t3 - t0,
            "door pages": doors.pages, "agenda pages": agenda.pages}


def main() -> dict[str, str]:
    """Median of RUNS runs of import + door signs + programme poster."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "schedule.xml"
        source.write_text(schedule_xml(), encoding="utf-8")
        runs = [one_run(folder, source) for _ in range(RUNS)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    figures = {
        f"{TALKS} talks in {ROOMS} rooms: import": f"{median['import']:.2f} s",
        "door signs": f"{median['doors']:.2f} s ({int(median['door pages'])} pages)",
        "programme poster (A2)": f"{median['agenda']:.2f} s ({int(median['agenda pages'])} pages)",
        "import + door signs + poster": f"{median['total']:.2f} s (median of {RUNS}; target under 10 s)",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures


if __name__ == "__main__":
    main()
