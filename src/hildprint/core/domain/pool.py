"""Worker processes for batch work: badge sheets and poster checks share one pool.

A :class:`WorkerPool` keeps a few long-lived worker processes (started from a fork server
when the system has one, so each starts with the preloaded modules in memory) and feeds
them one task at a time over a pipe. What the workers do is a :class:`WorkerJob`: a
``setup`` run once in each worker and a ``work`` function run per task, both plain
module-level functions so they reach the worker by name.

A job may give each task a time limit (the worker is killed and replaced when it runs
over) and each worker a memory cap (``RLIMIT_AS``). A task that cannot finish gets a
:class:`Failure` in place of its result, saying why: it ran over its time, its worker
died, it raised, or the run was cancelled first. Closing the pool stops every worker.
"""

from __future__ import annotations

import contextlib
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
from typing import Any, Protocol

ALARM_GRACE_S = 5
"""A worker kills itself this long after its time limit, should its pool be gone."""
STOP_WAIT_S = 2.0
POLL_S = 0.2
"""How often a run looks at its cancel flag while every worker is busy."""

TIMEOUT, CRASHED, LOST, RAISED, CANCELLED, TOO_LARGE = (
    "timeout", "crashed", "lost", "raised", "cancelled", "too-large")
"""Why a task has no result: over its time limit; its worker died while on it; its
worker died before taking it; the work raised; cancelled before it ran (or, when the run
stops at once, while it ran); the result was too large to send back."""

OnDone = Callable[[int, Any], None]
"""Called in the calling process with (task index, result or Failure) as each task ends."""


class Flag(Protocol):
    """Something that says when to stop, as a ``threading.Event`` does."""

    def is_set(self) -> bool:
        """Whether to stop."""


@dataclass(frozen=True)
class WorkerJob:
    """What a pool's workers do.

    ``setup(config)`` runs once in each worker and returns its state (``config`` itself
    when there is no setup); ``work(state, task)`` runs once per task and returns the
    task's result. ``preload`` names modules the fork server imports for every worker.
    """

    name: str
    work: Callable[[Any, Any], Any]
    config: Any = None
    setup: Callable[[Any], Any] | None = None
    preload: tuple[str, ...] = ()
    timeout_s: float | None = None
    memory_mb: int | None = None


@dataclass(frozen=True)
class Failure:
    """Why a task has no result (one of the reasons above) and what is known about it:
    how the worker ended, or the exception the work raised (``error``)."""

    reason: str
    detail: str = ""
    error: BaseException | None = None

    def raise_error(self) -> None:
        """Raise what the work raised, or a :class:`WorkerFailed` saying why it stopped."""
        if self.error is not None:
            raise self.error
        raise WorkerFailed(f"a worker process stopped: {self.reason}"
                           + (f" ({self.detail})" if self.detail else ""))


class WorkerFailed(RuntimeError):
    """A worker process stopped without a result (it crashed or ran over its time)."""


def default_workers() -> int:
    """One worker per available core."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


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


def _die_with_owner(owner: Connection) -> None:
    """End this worker the moment the process that owns its pool is gone, however it
    ended (even killed with SIGKILL): the owner holds the only writing end of ``owner``,
    so the kernel closes it then and the read below returns."""
    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            while True:
                owner.recv()
        os._exit(1)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def _serve(conn: Connection, job: WorkerJob, owner: Connection) -> None:
    """A worker's life: set up, then run tasks sent over ``conn`` until None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pool decides when workers stop
    _die_with_owner(owner)
    if job.memory_mb:
        _limit_memory(job.memory_mb)
    state = job.setup(job.config) if job.setup else job.config
    alarm = math.ceil(job.timeout_s) + ALARM_GRACE_S if job.timeout_s and hasattr(signal, "alarm") else 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, payload = task
        if alarm:
            signal.alarm(alarm)  # SIGALRM's default action ends the process: a last resort
        try:
            reply: tuple[int, bool, Any] = (index, True, job.work(state, payload))
        except Exception as error:  # handed to the caller, who decides what it means
            reply = (index, False, error)
        try:
            _reply(conn, reply)
        except OSError:  # the pool is gone: nobody to tell
            return
        if alarm:
            signal.alarm(0)


def _reply(conn: Connection, reply: tuple[int, bool, Any]) -> None:
    index, ok, value = reply
    try:
        conn.send(reply)
    except MemoryError:
        conn.send((index, False, Failure(TOO_LARGE, "the result was too large to send back")))
    except Exception as error:  # something that cannot be pickled: send its text instead
        what = error if ok else value
        conn.send((index, False, RuntimeError(f"{type(what).__name__}: {what}")))


# -- the pool side -------------------------------------------------------------------------
_PRELOADED: set[str] = set()
_PRELOAD_LOCK = threading.Lock()


def _context(preload: Iterable[str]) -> multiprocessing.context.BaseContext:
    """The fork server, preloading every module any job asked for (the server reads the
    list when it starts; a server already running keeps what it has)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    with _PRELOAD_LOCK:
        _PRELOADED.update(preload)
        context.set_forkserver_preload(sorted(_PRELOADED))
    return context


class _Worker:
    """One worker process, the pipe to it, and the task it is on."""

    def __init__(self, context: multiprocessing.context.BaseContext, job: WorkerJob, owner: Connection):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, job, owner), daemon=True, name=job.name)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline = math.inf

    def send(self, index: int, payload: Any, timeout_s: float | None) -> None:
        self.task = index
        self.deadline = time.monotonic() + timeout_s if timeout_s else math.inf
        self.conn.send((index, payload))

    def how_it_ended(self) -> str:
        self.process.join(STOP_WAIT_S)
        code = self.process.exitcode
        return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(STOP_WAIT_S)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # a worker already gone needs no goodbye
            self.conn.send(None)
        self.process.join(STOP_WAIT_S)
        self.kill()


class WorkerPool:
    """Worker processes for one job; use as a context manager, or call close().

    The workers start when a run first needs them and serve run after run until the pool
    closes.
    """

    def __init__(self, job: WorkerJob, size: int | None = None):
        self.job = job
        self.size = max(1, size or default_workers())
        self._context = _context(job.preload)
        self._workers: list[_Worker] = []
        self._owner_r, self._owner_w = self._context.Pipe(duplex=False)
        """Workers watch the reading end; this process alone holds the writing end."""

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def pids(self) -> list[int]:
        """The process ids of the running workers."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker (killing those still on a task); none is left running."""
        workers, self._workers = self._workers, []
        for worker in workers:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()

    def run(self, tasks: Sequence[Any], on_done: OnDone | None = None,
            cancel: Flag | None = None, stop_at_once: bool = False) -> list[Any]:
        """Run every task; returns their results (or Failures) in the order of ``tasks``.

        Once ``cancel`` is set, tasks not yet started end as cancelled; tasks already
        running finish, or with ``stop_at_once`` are stopped and end as cancelled too.
        """
        results: list[Any] = [None] * len(tasks)
        todo = deque(enumerate(tasks))
        try:
            while todo or self._busy():
                ended = self._cancel(todo, stop_at_once) if cancel is not None and cancel.is_set() else []
                for index, outcome in [*ended, *self._feed(todo), *self._collect()]:
                    results[index] = outcome
                    if on_done:
                        on_done(index, outcome)
        except BaseException:
            self.close()
            raise
        return results

    def _busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.task is not None]

    def _cancel(self, todo: deque[tuple[int, Any]], stop_at_once: bool) -> list[tuple[int, Failure]]:
        ended = [(index, Failure(CANCELLED)) for index, _ in todo]
        todo.clear()
        if stop_at_once:
            for worker in self._busy():
                ended.append((worker.task, Failure(CANCELLED)))  # type: ignore[arg-type]
                self._drop(worker)
        return ended

    def _feed(self, todo: deque[tuple[int, Any]]) -> list[tuple[int, Failure]]:
        """Give each idle worker a task (starting workers up to the pool's size); a task
        whose worker died before taking it fails at once."""
        idle = [w for w in self._workers if w.task is None]
        while len(self._workers) < self.size and len(idle) < len(todo):
            idle.append(self._start())
        lost = []
        for worker in idle:
            if not todo:
                break
            index, payload = todo.popleft()
            try:
                worker.send(index, payload, self.job.timeout_s)
            except OSError:
                lost.append((index, Failure(LOST)))
                self._drop(worker)
        return lost

    def _collect(self) -> list[tuple[int, Any]]:
        """Wait for the first result (or the nearest time limit, or the next look at the
        cancel flag) and take every result that is in."""
        busy = {w.conn: w for w in self._busy()}
        if not busy:
            return []
        wait_s = max(0.0, min(min(w.deadline for w in busy.values()) - time.monotonic(), POLL_S))
        finished = [self._receive(busy.pop(conn)) for conn in wait(list(busy), timeout=wait_s)]  # type: ignore[arg-type]
        now = time.monotonic()
        for worker in busy.values():
            if now >= worker.deadline:
                finished.append((worker.task, Failure(TIMEOUT, f"{self.job.timeout_s:g} s")))
                self._drop(worker)
        return finished

    def _receive(self, worker: _Worker) -> tuple[int, Any]:
        index = worker.task
        assert index is not None
        try:
            _index, ok, value = worker.conn.recv()
        except (EOFError, OSError):
            how = worker.how_it_ended()
            self._drop(worker)
            return index, Failure(CRASHED, how)
        worker.task, worker.deadline = None, math.inf
        if ok:
            return index, value
        return index, value if isinstance(value, Failure) else Failure(RAISED, str(value), value)

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.job, self._owner_r)
        self._workers.append(worker)
        return worker

    def _drop(self, worker: _Worker) -> None:
        worker.task = None
        worker.kill()
        self._workers.remove(worker)
