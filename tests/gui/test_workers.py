"""Worker threads: a lane runs its jobs one after another off the GUI thread, a newer
keyed job replaces a waiting one, and a closed lane calls nobody back."""

from __future__ import annotations

import threading
import time

from hildprint.gui import workers


def _job(name: str, log: list[str], seconds: float = 0.0):
    def job(_progress, _cancel) -> str:
        log.append(f"start {name}")
        time.sleep(seconds)
        log.append(f"end {name}")
        return f"{name} on {'the GUI' if threading.current_thread() is threading.main_thread() else 'a worker'}"

    return job


def test_a_lane_runs_jobs_in_turn_on_a_worker_and_a_newer_preview_replaces_a_waiting_one(qtbot):
    """While a print runs, two previews are asked for: only the newer is drawn, after the
    print, and every result comes back in the GUI thread from a worker."""
    lane, log, results = workers.Lane(), [], []
    lane.submit(_job("print", log, 0.2), results.append)
    lane.submit(_job("preview 1", log), results.append, key="preview")
    lane.submit(_job("preview 2", log), results.append, key="preview")
    assert lane.busy
    qtbot.waitUntil(lambda: len(results) == 2 and not lane.busy, timeout=5000)
    assert log == ["start print", "end print", "start preview 2", "end preview 2"]
    assert results == ["print on a worker", "preview 2 on a worker"]


def test_a_closed_lane_calls_nobody_back(qtbot):
    """Closing waits for the running job, drops the waiting ones, and its result is not
    delivered (the window it belongs to is going away)."""
    lane, log, results = workers.Lane(), [], []
    lane.submit(_job("print", log, 0.2), results.append)
    lane.submit(_job("preview", log), results.append, key="preview")
    lane.close()
    assert log == ["start print", "end print"]
    qtbot.wait(100)  # let any queued callback arrive, were one still to come
    assert results == [] and not lane.busy
    lane.submit(_job("late", log), results.append)
    qtbot.wait(100)
    assert "start late" not in log and results == []


def test_finishing_a_lane_delivers_the_running_and_waiting_jobs_but_drops_previews(qtbot):
    """``finish`` (the desk closing while a badge prints) runs the unkeyed jobs to the end,
    callbacks included, and leaves out the waiting previews."""
    lane, log, results = workers.Lane(), [], []
    lane.submit(_job("print 1", log, 0.1), results.append)
    lane.submit(_job("preview", log), results.append, key="preview")
    lane.submit(_job("print 2", log), results.append)
    lane.finish()
    assert results == ["print 1 on a worker", "print 2 on a worker"]
    assert "start preview" not in log and lane.closed
