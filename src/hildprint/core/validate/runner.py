"""Checking many poster files in a few long-lived worker processes.

Every file is checked in a worker, never in the calling process: a hostile file can make
a worker hang, run out of memory or crash, and then only that file gets verdict ``error``.
Each worker caps its own address space (``RLIMIT_AS``); the pool kills a worker whose file
takes longer than the time limit and starts a fresh one. Workers are started once per
pool (from a fork server when the system has one) and fed one file at a time over a
pipe, so a thousand files cost a thousand round trips, not a thousand process starts.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.model import Verdict

DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MEMORY_MB = 1536
ALARM_GRACE_S = 5
"""A worker kills itself this long after its time limit, should its pool be gone."""
STOP_WAIT_S = 2.0

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckOptions:
    """How to check: the rules, the limits of each file's worker and what to produce."""

    rules: RuleSet
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    quick: bool = False
    """Only page count, size and orientation (no images, fonts or repairs beyond opening)."""
    thumbnails: bool = False


def default_workers() -> int:
    """One worker per available core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# -- the worker side -----------------------------------------------------------------------
def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on this system: the time limit still applies
        return
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, options: CheckOptions) -> None:
    """Check files sent over ``conn`` until it sends None or closes."""
    from hildprint.core.validate.check import check_file

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool decides when workers stop
    _limit_memory(options.memory_mb)
    alarm = math.ceil(options.timeout_s) + ALARM_GRACE_S
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        if hasattr(signal, "alarm"):
            signal.alarm(alarm)  # SIGALRM's default action ends the process: a last resort
        verdict = check_file(path, options.rules, options.quick, options.thumbnails)
        try:
            conn.send((index, verdict))
        except MemoryError:
            conn.send((index, _error(path, options.rules, "memory", "The result was too large to return.")))
        if hasattr(signal, "alarm"):
            signal.alarm(0)


def _error(path: str, rules: RuleSet, code: str, message: str) -> Verdict:
    verdict = Verdict(file=path, rules=rules.name)
    verdict.add("error", code, message)
    return verdict


# -- the pool side -------------------------------------------------------------------------
def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hildprint.core.validate.check"])
        return context
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context: multiprocessing.context.BaseContext, options: CheckOptions):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, options), daemon=True,
                                       name="hildprint-poster-check")
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.deadline = math.inf

    def send(self, task: tuple[int, str], timeout_s: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout_s
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(STOP_WAIT_S)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(STOP_WAIT_S)
        self.kill()


class CheckPool:
    """Worker processes that check poster files; use as a context manager, or close()."""

    def __init__(self, options: CheckOptions, workers: int | None = None):
        self.options = options
        self.size = max(1, workers or default_workers())
        self._context = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> CheckPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker; none is left running."""
        workers, self._workers = self._workers, []
        for worker in workers:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.options)
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._workers.remove(worker)

    def check(self, paths: Sequence[str | Path], progress: Progress | None = None,
              cancel: threading.Event | None = None) -> list[Verdict]:
        """Check every file; the verdicts come back in the order of ``paths``. Once
        ``cancel`` is set, files not yet started get an error verdict saying so."""
        results: list[Verdict | None] = [None] * len(paths)
        todo = deque((index, str(path)) for index, path in enumerate(paths))
        done = 0
        try:
            while todo or any(w.task for w in self._workers):
                skipped = self._skip_all(todo) if cancel is not None and cancel.is_set() else []
                for index, verdict in [*skipped, *self._feed(todo), *self._collect()]:
                    results[index] = verdict
                    done += 1
                    if progress:
                        progress(done, len(paths))
        except BaseException:
            self.close()
            raise
        return [r for r in results if r is not None]

    def _skip_all(self, todo: deque[tuple[int, str]]) -> list[tuple[int, Verdict]]:
        skipped = [(index, _error(path, self.options.rules, "cancelled", "Not checked: the check was cancelled."))
                   for index, path in todo]
        todo.clear()
        return skipped

    def _feed(self, todo: deque[tuple[int, str]]) -> list[tuple[int, Verdict]]:
        """Give each idle worker a file (starting workers up to the pool's size); files whose
        worker died before taking them get an error at once."""
        idle = [w for w in self._workers if w.task is None]
        while len(self._workers) < self.size and len(idle) < len(todo):
            idle.append(self._start())
        lost = []
        for worker in idle:
            if not todo:
                break
            task = todo.popleft()
            try:
                worker.send(task, self.options.timeout_s)
            except OSError:
                lost.append(self._give_up(worker, "crashed", "The checker stopped before reading this file."))
        return lost

    def _collect(self) -> Iterable[tuple[int, Verdict]]:
        busy = {w.conn: w for w in self._workers if w.task is not None}
        if not busy:
            return []
        now = time.monotonic()
        wait_s = max(0.0, min(w.deadline for w in busy.values()) - now)
        finished = []
        for conn in wait(list(busy), timeout=wait_s):
            worker = busy.pop(conn)  # type: ignore[arg-type]
            finished.append(self._receive(worker))
        now = time.monotonic()
        for worker in busy.values():
            if now >= worker.deadline:
                finished.append(self._give_up(worker, "timeout", (
                    f"Checking the file took longer than {self.options.timeout_s:g} s and was stopped; "
                    "it may be built to stall readers. Export the poster again.")))
        return finished

    def _receive(self, worker: _Worker) -> tuple[int, Verdict]:
        task = worker.task
        assert task is not None
        try:
            index, verdict = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(STOP_WAIT_S)
            code = worker.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            return self._give_up(worker, "crashed", (
                f"The checker stopped on this file ({how}); the file may be damaged or built to "
                "crash PDF readers. Export the poster again."))
        worker.task, worker.deadline = None, math.inf
        return index, verdict

    def _give_up(self, worker: _Worker, code: str, message: str) -> tuple[int, Verdict]:
        index, path = worker.task  # type: ignore[misc]
        worker.task = None
        self._replace(worker)
        return index, _error(path, self.options.rules, code, message)


def check_files(paths: Sequence[str | Path], options: CheckOptions, workers: int | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> list[Verdict]:
    """Check ``paths`` in worker processes and stop them all before returning."""
    if not paths:
        return []
    with CheckPool(options, min(workers or default_workers(), len(paths))) as pool:
        return pool.check(paths, progress, cancel)
