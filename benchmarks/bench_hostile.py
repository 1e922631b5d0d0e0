"""Hostile input files at full size: the peak memory and time of reading or refusing
each, every file read in a fresh process (its peak resident memory, VmHWM)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers import hostile

RUNS = 3
READER = """
import sys, time
from pathlib import Path
from hildprint.core.importers.attendees import read_attendees
from hildprint.core.importers.papers import read_papers
from hildprint.core.importers.schedule import read_schedule
from hildprint.core.importers.base import UnreadableInput
kind, path = sys.argv[1], Path(sys.argv[2])
read = {"attendees": lambda: read_attendees(path, "auto", {}), "papers": lambda: read_papers(path, "auto", {}),
        "schedule": lambda: read_schedule(path, "auto", {})}[kind]
start = time.perf_counter()
try:
    result = read()
    outcome = f"read {len(result.records):,} records"
except UnreadableInput as error:
    outcome = "refused: " + str(error).split(": ", 1)[1][:70]
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(f"{time.perf_counter() - start:.2f} {peak // 1024} {outcome}")
"""

CASES = [
    ("xlsx, a cell in column XFD of 1,000,000 rows", "attendees", "wide.xlsx",
     lambda p: hostile.xlsx_far_column(p, 1_000_000)),
    ("xlsx, shared strings unpacking to 200 MB", "attendees", "strings.xlsx",
     lambda p: hostile.xlsx_shared_strings(p, 200 * 1024 * 1024)),
    ("CSV, one 100 MB line", "attendees", "line.csv", lambda p: hostile.long_line_csv(p, 100 * 1024 * 1024)),
    ("CSV, 1,000,000 rows (45 MB)", "attendees", "million.csv", lambda p: hostile.many_rows_csv(p, 1_000_000)),
    ("CSV, 800,000 rows (35 MB)", "attendees", "many.csv", lambda p: hostile.many_rows_csv(p, 800_000)),
    ("CSV, 200,000 rows (the most accepted)", "attendees", "rows.csv", lambda p: hostile.many_rows_csv(p, 200_000)),
    ("iCalendar, components nested 100,000 deep", "schedule", "deep.ics", lambda p: hostile.nested_ical(p, 100_000)),
    ("iCalendar, 600,000 components", "schedule", "many.ics", lambda p: hostile.many_events_ical(p, 600_000)),
    ("JSON nested 100,000 deep", "papers", "deep.json", lambda p: hostile.nested_json(p, 100_000)),
    ("JSON, 9,000,000 strings", "papers", "values.json", lambda p: hostile.json_values(p, 9_000_000)),
    ("JSON, 480,000 papers", "papers", "many.json", lambda p: hostile.json_papers(p, 480_000)),
    ("JSON, 100,000 papers (the most accepted)", "papers", "ok.json", lambda p: hostile.json_papers(p, 100_000)),
    ("XML nested 100,000 deep", "schedule", "deep.xml", lambda p: hostile.nested_xml(p, 100_000)),
]


def _measure(kind: str, path: Path) -> tuple[float, int, str]:
    done = subprocess.run([sys.executable, "-c", READER, kind, str(path)], capture_output=True, text=True,
                          check=True, timeout=300)
    seconds, megabytes, outcome = done.stdout.strip().split(" ", 2)
    return float(seconds), int(megabytes), outcome


def main() -> dict[str, str]:
    """Make each hostile file once, read it RUNS times; print and return the medians."""
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, kind, name, make in CASES:
            path = make(Path(folder) / name)
            runs = [_measure(kind, path) for _ in range(RUNS)]
            seconds = statistics.median(r[0] for r in runs)
            peak = statistics.median(r[1] for r in runs)
            size = path.stat().st_size / 1024 / 1024
            print(f"{label} ({size:,.1f} MB file): {seconds:.2f} s, peak {peak} MB; {runs[0][2]}", flush=True)
            figures[label] = f"{seconds:.2f} s, {peak} MB"
            path.unlink()
    return figures


if __name__ == "__main__":
    main()
