"""The command line works where PySide6 cannot be imported (hildprint without the gui extra)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.pdf import page_sizes_mm

BLOCKER = '''
import os, sys

class NoQt:
    """Refuses PySide6 and shiboken6 as if they were not installed, noting each attempt."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("PySide6", "shiboken6"):
            with open(os.environ["HILDPRINT_QT_ATTEMPTS"], "a") as log:
                log.write(name + "\\n")
            raise ModuleNotFoundError(f"No module named {name!r} (blocked: this run has no Qt)")
        return None

sys.meta_path.insert(0, NoQt())
'''


@pytest.fixture
def no_qt(tmp_path) -> tuple[dict[str, str], Path]:
    """An environment whose Python cannot import Qt, and the file naming every attempt to."""
    blocker = tmp_path / "no-qt"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER)
    attempts = tmp_path / "qt-attempts.txt"
    attempts.touch()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(blocker), os.environ.get("PYTHONPATH")])),
           "HILDPRINT_QT_ATTEMPTS": str(attempts)}
    return env, attempts


def _hildprint(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("hildprint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "hildprint.cli"]
    return subprocess.run([*command, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_blocker_really_keeps_qt_out(no_qt, tmp_path):
    """In the blocked environment importing PySide6 fails (so the test below proves something)."""
    env, attempts = no_qt
    run = subprocess.run([sys.executable, "-c", "import PySide6.QtCore"], env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "blocked: this run has no Qt" in run.stderr
    assert attempts.read_text().split() == ["PySide6"]


def test_new_import_badges_checkin_and_print_badge_without_qt(no_qt, tmp_path):
    """A whole desk day from the command line with Qt unimportable: every command succeeds
    and none of them even tries to import Qt."""
    env, attempts = no_qt
    people = tmp_path / "people.csv"
    people.write_text("id,first_name,last_name,affiliation,role\n"
                      "A1,Ada,Lovelace,Analytical Engines,Speaker\nA2,Kim,Min-jun,KAIST,Attendee\n", encoding="utf-8")
    event = "hild.hildprint"
    steps = [
        ("new", event, "--name", "HiLD 2026", "--timezone", "Asia/Seoul"),
        ("import", event, "attendees", str(people)),
        ("list", event, "attendees", "--json"),
        ("badges", event, "-o", "badges.pdf"),
        ("checkin", event, "A1"),
        ("print-badge", event, "A2", "-o", "a2.pdf"),
    ]
    runs = [_hildprint(env, tmp_path, *step) for step in steps]
    for step, run in zip(steps, runs):
        assert run.returncode == 0, f"hildprint {' '.join(step)}: {run.stdout}{run.stderr}"
    assert [p["id"] for p in json.loads(runs[2].stdout)] == ["A1", "A2"]
    assert "2 badges on" in runs[3].stdout and runs[4].stdout.startswith("Ada Lovelace\n")
    assert [(round(w), round(h)) for w, h in page_sizes_mm(tmp_path / "a2.pdf")] == [(105, 148)]
    assert attempts.read_text() == ""


def test_printing_on_a_printer_goes_through_cups_without_qt(no_qt, tmp_path):
    """--printer uses CUPS's lp, not Qt: an unknown queue is refused naming it, exit 1."""
    env, attempts = no_qt
    assert _hildprint(env, tmp_path, "demo", "demo").returncode in (0, 1)
    run = _hildprint(env, tmp_path, "print-badge", "demo/hild2026.hildprint", "H001", "--printer", "No-Such-Queue")
    assert run.returncode == 1 and "No-Such-Queue" in run.stderr and "Traceback" not in run.stderr
    assert attempts.read_text() == ""
