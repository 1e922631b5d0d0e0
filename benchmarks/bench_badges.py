"""Badge speed and memory: 10,000 badges on the default stock, and one badge warm."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.memory import TreeMemory
from hildprint.core.domain.model import Attendee
from hildprint.core.domain.pool import default_workers
from hildprint.core.layout.badge import BadgeLayout, BadgeOptions
from hildprint.core.layout.stock import load_stock
from hildprint.core.layout.template import load_template
from hildprint.core.services.badges import write_badges
from hildprint.core.services.sample import load_sample

BADGES = 10_000


def _people(count: int) -> list[Attendee]:
    """``count`` people cycling through the sample's names (every script, long names too)."""
    sample = load_sample().attendees
    return [
        Attendee(f"B{i:05d}", p.first_name, p.last_name, p.display_name, p.affiliation, p.role,
                 consent_contact_qr=p.consent_contact_qr)
        for i, p in zip(range(count), sample * (count // len(sample) + 1))
    ]


def main() -> dict[str, str]:
    """Run 10,000 badges with one worker per core, then time single warm badges."""
    event = load_sample().event
    layout = BadgeLayout(event, BadgeOptions(load_stock("a6-4up-a4"), load_template()))
    people = _people(BADGES)
    workers = default_workers()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "badges.pdf"
        with TreeMemory() as memory:
            started = time.perf_counter()
            run = write_badges(layout, people, out, workers=workers)
            wall = time.perf_counter() - started
        size_mb = out.stat().st_size / 1e6
        single = Path(folder) / "one.pdf"
        write_badges(layout, people[:1], single, workers=1)  # warm up
        times = []
        for person in people[1:21]:
            started = time.perf_counter()
            write_badges(layout, [person], single, workers=1)
            times.append(time.perf_counter() - started)
    figures = {
        f"{BADGES:,} badges ({workers} workers)": f"{wall:.1f} s wall, {BADGES / wall:.0f} badges/s",
        "peak memory, whole process tree (PSS)": f"{memory.peak_mib:.0f} MiB",
        "output": f"{run.pages:,} pages, {size_mb:.1f} MB",
        "one badge, warm process (median of 20)": f"{statistics.median(times) * 1000:.0f} ms",
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    return figures
