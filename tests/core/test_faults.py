"""Faults from outside: a run killed with SIGKILL, a full disk, a second program on the same
event file. Nothing half-written is left where the user looks, and nothing saved is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from hildprint.core import services
from hildprint.core.domain.files import OutputError
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.store.sqlite import EventStore, StoreError

PEOPLE = 10_000


def many_people(count: int) -> list[Attendee]:
    """``count`` people whose names are in many scripts."""
    names = ["Zoë Müller", "Nguyễn Văn An", "Ελένη Παπαδοπούλου", "王芳", "김민준", "محمد الأحمد"]
    return [Attendee(f"P{i:05d}", display_name=f"{names[i % len(names)]} {i}", affiliation="Lab")
            for i in range(count)]


@pytest.fixture(scope="module")
def big_event(tmp_path_factory) -> Path:
    """An event file with many people, shared by the tests of this module."""
    path = tmp_path_factory.mktemp("big") / "big.hildprint"
    services.create_event(path, Event("HiLD 2026", timezone="Asia/Seoul"))
    with EventStore.open(path) as store:
        store.upsert_attendees(many_people(PEOPLE))
    return path


def hildprint(*args: str) -> subprocess.Popen:
    """Start the command line in its own process group, so the test can kill all of it."""
    return subprocess.Popen([sys.executable, "-m", "hildprint.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(condition, timeout: float = 60.0) -> None:
    """Wait until ``condition()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def kill_group(process: subprocess.Popen) -> None:
    """Kill a process and its children at once, as a power cut would."""
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)  # reaps it and closes its pipes


def test_sigkill_mid_badge_run_leaves_no_pdf_and_a_sound_event_file(big_event, tmp_path):
    """Killing a 10,000-badge run (and its workers) half-way leaves nothing at the target
    path, and the event file still passes SQLite's integrity check."""
    out = tmp_path / "badges.pdf"
    process = hildprint("badges", str(big_event), "-o", str(out))
    wait_for(lambda: any(tmp_path.glob(".badges.pdf.*.part")) or process.poll() is not None)
    time.sleep(1.0)
    assert process.poll() is None, "the run ended before it could be killed"
    kill_group(process)
    assert not out.exists()
    with EventStore.open(big_event) as store:
        assert store.integrity_check() == "ok" and store.attendee_count() == PEOPLE


def test_sigkill_mid_import_keeps_all_or_nothing(tmp_path):
    """An import killed while it writes leaves either none or all of its rows, never some."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E"))
    source = tmp_path / "people.csv"
    rows = "\n".join(f"P{i},Person,Number {i},Lab {i}" for i in range(50_000))
    source.write_text("id,first_name,last_name,affiliation\n" + rows + "\n", encoding="utf-8")
    process = hildprint("import", str(event), "attendees", str(source), "--map", "id=id")
    wait_for(lambda: (Path(str(event) + "-wal").exists() and Path(str(event) + "-wal").stat().st_size > 0)
             or process.poll() is not None)
    if process.poll() is None:
        kill_group(process)
    with EventStore.open(event) as store:
        assert store.integrity_check() == "ok"
        assert store.attendee_count() in (0, 50_000)


def test_busy_event_file_gives_one_clear_line(tmp_path):
    """While another program holds the write lock, an import waits, then says the file is
    busy (exit 2, no traceback); once the lock is gone the same import works."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E"))
    source = tmp_path / "people.csv"
    source.write_text("id,first_name,last_name\nA1,Ana,Lima\n", encoding="utf-8")
    holder = sqlite3.connect(event, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        process = hildprint("import", str(event), "attendees", str(source))
        _, err = process.communicate(timeout=60)
        assert process.returncode == 2 and "busy" in err and "Traceback" not in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    process = hildprint("import", str(event), "attendees", str(source))
    process.communicate(timeout=60)
    assert process.returncode == 0


def test_reader_open_while_another_program_imports(tmp_path):
    """An open event file (as the window holds it) sees an import made meanwhile by the
    command line, and neither corrupts the other."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E"))
    source = tmp_path / "people.csv"
    source.write_text("id,first_name,last_name\n" + "\n".join(f"A{i},Ana,Lima {i}" for i in range(500)) + "\n",
                      encoding="utf-8")
    with EventStore.open(event) as window:
        assert window.attendee_count() == 0
        process = hildprint("import", str(event), "attendees", str(source))
        process.communicate(timeout=60)
        assert process.returncode == 0
        assert window.attendee_count() == 500
        window.upsert_attendees([Attendee("W1", display_name="Walk In")])
        assert window.integrity_check() == "ok"
    with EventStore.open(event) as store:
        assert store.attendee_count() == 501


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs (needs root); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_badge_run_is_a_clear_error_and_keeps_the_old_pdf(big_event, tiny_disk):
    """Badges for 3,000 people do not fit on 1 MB: a one-line error names the file and the
    cause, the earlier PDF at that path is untouched and no temporary file is left."""
    out = tiny_disk / "badges.pdf"
    services.make_badges(services.BadgeRequest(big_event, out, only=["P00001"]), workers=1)
    before = out.read_bytes()
    with pytest.raises(OutputError, match="No space left on device") as error:
        services.make_badges(services.BadgeRequest(big_event, out, only=[f"P{i:05d}" for i in range(3000)]),
                             workers=1)
    assert str(out) in str(error.value)
    assert out.read_bytes() == before and pikepdf.open(out).pages
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["badges.pdf"]


def test_full_disk_import_saves_nothing_and_loses_nothing(tiny_disk, tmp_path):
    """An import that fills the disk is refused as a whole with a clear message; what the
    event file held before is still there and sound."""
    event = tiny_disk / "e.hildprint"
    services.create_event(event, Event("E"))
    with EventStore.open(event) as store:
        store.upsert_attendees([Attendee("KEEP", display_name="Kept Person")])
    source = tmp_path / "people.csv"
    filler = "x" * 250
    source.write_text("id,first_name,last_name,affiliation\n" + "\n".join(
        f"P{i},Person,Number {i},{filler}" for i in range(40_000)) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match="disk is full"):
        services.import_file(event, "attendees", source)
    with EventStore.open(event) as store:
        assert store.integrity_check() == "ok"
        assert [a.id for a in store.attendees()] == ["KEEP"]


def test_secret_never_printed_on_badges(big_event, tmp_path):
    """The signing secret is in no page content or metadata of a badge PDF."""
    out = tmp_path / "b.pdf"
    services.make_badges(services.BadgeRequest(big_event, out, only=["P00000", "P00001"]), workers=1)
    with EventStore.open(big_event) as store:
        secret = store.event.secret.encode()
    with pikepdf.open(out) as pdf:
        streams = [obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        metadata = repr(dict(pdf.docinfo)).encode()
    assert streams and all(secret not in data for data in streams) and secret not in metadata
    assert secret not in out.read_bytes()


def _fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until about ``leave`` bytes are free."""
    import shutil
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(0, shutil.disk_usage(disk).free - leave))
    return filler


def test_full_disk_new_is_named_and_leaves_nothing_behind(tiny_disk):
    """``new`` on a full disk says the disk is full and leaves no file, so trying again
    once there is room works (no "already exists", no "not a hildprint event file")."""
    event = tiny_disk / "e.hildprint"
    filler = _fill(tiny_disk, 8 * 1024)
    done = subprocess.run([sys.executable, "-m", "hildprint.cli", "new", str(event), "--name", "E"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "disk is full" in done.stderr and "disk I/O error" not in done.stderr
    assert "nothing was created" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]
    filler.unlink()
    services.create_event(event, Event("E"))
    with EventStore.open(event) as store:
        assert store.event.name == "E"


def test_full_disk_xlsx_export_is_one_line_and_keeps_the_earlier_file(tiny_disk, tmp_path):
    """An .xlsx export that does not fit says the disk is full, that the file there keeps
    what it held, and prints no traceback after its message."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E"))
    out = tiny_disk / "people.xlsx"
    services.export_records(event, "attendees", out)
    before = out.read_bytes()
    with EventStore.open(event) as store:
        store.upsert_attendees(many_people(3000))
    _fill(tiny_disk, 16 * 1024)
    done = subprocess.run([sys.executable, "-m", "hildprint.cli", "export", str(event), "attendees",
                           "-o", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Exception ignored" not in done.stderr
    assert "disk is full" in done.stderr and "keeps what it held before" in done.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "people.xlsx"]
