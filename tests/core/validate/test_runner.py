"""Hostile files in worker processes: time limit, memory cap, crashes, and no process left."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import zlib

import pikepdf
from tests.helpers.posters import png_bomb, poster_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.runner import CheckOptions, CheckPool, check_files

RULES = load_rules()
WORKER_NAME = "hildprint-poster-check"


def _workers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == WORKER_NAME]


def test_verdicts_come_back_in_order_and_no_worker_is_left(tmp_path):
    """Many files through two workers: one verdict per file, in order; then no worker runs."""
    paths = [poster_pdf(tmp_path / f"{i}.pdf", 24 + (i % 2) * 12, 36) for i in range(12)]
    verdicts = check_files(paths, CheckOptions(RULES), workers=2)
    assert [v.file for v in verdicts] == [str(p) for p in paths]
    assert [v.verdict for v in verdicts] == ["pass", "fail"] * 6
    assert _workers() == []


def test_a_file_that_hangs_is_stopped_at_the_time_limit(tmp_path):
    """Reading a FIFO nobody writes to blocks forever: the file gets 'error' after the limit,
    the worker is replaced, and the other files are still checked."""
    fifo = tmp_path / "poster.pdf"
    os.mkfifo(fifo)
    good = poster_pdf(tmp_path / "good.pdf")
    started = time.monotonic()
    verdicts = check_files([fifo, good, good], CheckOptions(RULES, timeout_s=1.0), workers=1)
    assert time.monotonic() - started < 8
    assert verdicts[0].verdict == "error" and verdicts[0].codes() == ["timeout"]
    assert "1 s" in verdicts[0].findings[0].message
    assert [v.verdict for v in verdicts[1:]] == ["pass", "pass"]
    assert _workers() == []


def test_a_worker_that_dies_gives_its_file_an_error(tmp_path):
    """A worker killed in the middle of a file (as by a crash) gives that file 'error' and the
    pool carries on with a new worker."""
    fifo = tmp_path / "hang.pdf"
    os.mkfifo(fifo)
    good = poster_pdf(tmp_path / "good.pdf")

    def kill_the_busy_worker() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            workers = _workers()
            if workers:
                time.sleep(0.3)  # let it start on the FIFO
                os.kill(workers[0].pid, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    verdicts = check_files([fifo, good], CheckOptions(RULES, timeout_s=10), workers=1)
    killer.join()
    assert verdicts[0].codes() == ["crashed"] and "signal 9" in verdicts[0].findings[0].message
    assert verdicts[1].verdict == "pass"


def test_workers_run_under_the_memory_cap(tmp_path):
    """Each worker limits its own address space to the cap it was given."""
    fifo = tmp_path / "hang.pdf"
    os.mkfifo(fifo)
    limits: list[str] = []

    def read_limit() -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not limits:
            for worker in _workers():
                with open(f"/proc/{worker.pid}/limits") as handle:
                    text = handle.read()
                line = next(row for row in text.splitlines() if row.startswith("Max address space"))
                if str(300 * 1024 * 1024) in line:
                    limits.append(line)
            time.sleep(0.05)

    reader = threading.Thread(target=read_limit)
    reader.start()
    check_files([fifo], CheckOptions(RULES, timeout_s=1.5, memory_mb=300), workers=1)
    reader.join()
    assert limits, "no worker ran with a 300 MiB address-space limit"


def test_a_pdf_that_needs_too_much_memory_is_an_error(tmp_path):
    """A content stream that inflates to 300 MB under a 256 MiB cap: error, not a crash."""
    packer = zlib.compressobj(9)
    chunk = b"0 0 m\n" * (1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(50)) + packer.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(1728, 2592))
    pdf.pages[0].obj.Contents = pdf.make_stream(data, Filter=pikepdf.Name.FlateDecode)
    path = tmp_path / "inflates.pdf"
    pdf.save(path)
    (verdict,) = check_files([path], CheckOptions(RULES, memory_mb=256, timeout_s=20))
    assert verdict.verdict == "error" and "memory" in verdict.codes()


def test_a_pool_serves_several_batches_and_closes_its_workers(tmp_path):
    """A pool kept open (as the GUI does) checks batch after batch with the same workers."""
    path = poster_pdf(tmp_path / "p.pdf")
    bomb = png_bomb(tmp_path / "bomb.png")
    with CheckPool(CheckOptions(RULES), workers=2) as pool:
        first = pool.check([path, bomb])
        pids = sorted(w.pid for w in _workers())
        second = pool.check([path] * 5)
        assert sorted(w.pid for w in _workers()) == pids
    assert [v.verdict for v in first] == ["pass", "error"]
    assert [v.verdict for v in second] == ["pass"] * 5
    assert _workers() == []


def test_a_cancelled_check_marks_the_files_it_did_not_start(tmp_path):
    """Cancelling while a stuck file holds the only worker: that file ends at its time
    limit, every file not yet started is an error saying it was not checked, and no
    worker is left."""
    fifo = tmp_path / "stuck.pdf"
    os.mkfifo(fifo)
    good = [poster_pdf(tmp_path / f"{i}.pdf") for i in range(5)]
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    verdicts = check_files([fifo, *good], CheckOptions(RULES, timeout_s=1.0), workers=1, cancel=cancel)
    assert [v.file for v in verdicts] == [str(p) for p in [fifo, *good]]
    assert verdicts[0].codes() == ["timeout"]
    assert all(v.verdict == "error" and v.codes() == ["cancelled"] for v in verdicts[1:])
    assert "not checked" in verdicts[1].findings[0].message.lower()
    assert _workers() == []
