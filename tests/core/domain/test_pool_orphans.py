"""Worker processes die with the process that owns their pool, however it ends, and the
next run clears the temporary file a killed run left beside its target."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hildprint.core.domain.files import atomic_output, remove_leftovers

OWNER = """
import sys, time
from hildprint.core.domain.pool import WorkerJob, WorkerPool
pool = WorkerPool(WorkerJob("sleepy", work=max, config=120, setup=time.sleep), size=2)
import threading
threading.Thread(target=pool.run, args=([1, 2],), daemon=True).start()
while len(pool.pids()) < 2:
    time.sleep(0.05)
print(" ".join(map(str, pool.pids())), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has died; only its entry is left
        return stat.read().split(") ")[-1][0] != "Z"


def _gone_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def test_workers_busy_on_a_task_die_when_their_owner_is_killed():
    """SIGKILL to the owner alone (not its process group): both workers, each busy on a
    task for two minutes, are gone within seconds."""
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in owner.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=10)
        assert _gone_within(pids, 5.0), "worker processes outlived their owner"
    finally:
        owner.kill()
        owner.wait()
        owner.stdout.close()


def test_leftover_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path):
    """A hidden temporary file of a process that no longer exists goes at the next write;
    one of a process still running (this one) stays."""
    target = tmp_path / "badges.pdf"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".badges.pdf.{dead.stdout.strip()}.abc123.part"
    live = tmp_path / f".badges.pdf.{os.getpid()}.def456.part"
    other = tmp_path / f".other.pdf.{dead.stdout.strip()}.x.part"
    for path in (stale, live, other):
        path.write_bytes(b"%PDF half")
    with atomic_output(target) as temporary:
        temporary.write_bytes(b"%PDF whole")
    assert not stale.exists() and live.exists() and other.exists()
    assert target.read_bytes() == b"%PDF whole"
    assert remove_leftovers(tmp_path / "other.pdf") == [other]


def test_killed_badge_run_leaves_no_process_and_its_leftover_goes_next_run(tmp_path):
    """``badges`` killed with SIGKILL (the main process only): no worker or fork server is
    left; the next run removes the hidden part file and writes the PDF."""
    from hildprint.core import services
    from hildprint.core.domain.model import Attendee, Event
    from hildprint.core.store.sqlite import EventStore

    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E"))
    with EventStore.open(event) as store:
        store.upsert_attendees([Attendee(f"P{i}", display_name=f"Person {i}") for i in range(6000)])
    out = tmp_path / "badges.pdf"
    run = subprocess.Popen([sys.executable, "-m", "hildprint.cli", "badges", str(event), "-o", str(out),
                            "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    family: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None and len(family) < 4:
        children = _children(run.pid)  # the fork server and resource tracker; workers below
        family = children + [c for child in children for c in _children(child)]
        time.sleep(0.05)
    assert run.poll() is None and len(family) >= 4, "the run ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert _gone_within(family, 8.0), "processes of the killed run are still running"
    leftovers = list(tmp_path.glob(".badges.pdf.*.part"))
    assert leftovers and not out.exists()
    done = subprocess.run([sys.executable, "-m", "hildprint.cli", "badges", str(event), "-o", str(out),
                           "--only", "P1"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.exists() and not any(tmp_path.glob(".badges.pdf.*.part"))


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found
