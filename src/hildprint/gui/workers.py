"""Long jobs (checking posters, printing runs, rendering previews) on a worker thread.

A :class:`Task` wraps a plain function ``job(progress, cancel)`` from the core: the job
calls ``progress(done, total)`` as it goes and looks at ``cancel`` (a threading.Event)
to stop early. The task runs on its own QThread, so the window never freezes; its
signals arrive in the window's thread (Qt queues them across threads).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal, Slot

Job = Callable[[Callable[[int, int], None], threading.Event], Any]


class Task(QObject):
    """One job on a worker thread. Signals: ``progressed(done, total)``, then either
    ``succeeded(result)`` or ``failed(message)``, then ``finished()``."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, job: Job):
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()
        self.thread: QThread | None = None

    def run(self) -> None:
        """Run the job (on the worker thread) and report how it ended."""
        try:
            result = self._job(self._progress, self.cancel_event)
        except Exception as error:  # a worker's last line of defence: the user sees the reason
            self.failed.emit(str(error) or type(error).__name__)
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)
        time.sleep(0)  # let the window's thread have the interpreter now, so it stays lively

    def cancel(self) -> None:
        """Ask the job to stop at its next chance."""
        self.cancel_event.set()

    @property
    def running(self) -> bool:
        """Whether the job has started and not yet finished."""
        return self.thread is not None and self.thread.isRunning()

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the worker thread has ended (for closing the window)."""
        return self.thread is None or self.thread.wait(ms)


_RUNNING: set[_Relay] = set()
"""Tasks alive until their thread has ended, so Python never collects one mid-run."""


class _Relay(QObject):
    """Lives in the GUI thread and passes a task's signals on to plain callbacks there
    (a signal connected straight to a lambda would run it on the worker thread)."""

    def __init__(self, task: Task, on_success, on_failure, on_progress, on_finished):
        super().__init__()
        self.task = task
        self._callbacks = (on_success, on_failure, on_progress, on_finished)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._callbacks[2]:
            self._callbacks[2](done, total)

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        if self._callbacks[0]:
            self._callbacks[0](result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self._callbacks[1]:
            self._callbacks[1](message)

    @Slot()
    def thread_ended(self) -> None:
        """Let go of the task once its thread has stopped, then call ``on_finished``."""
        self.task.thread.wait()
        _RUNNING.discard(self)
        if self._callbacks[3]:
            self._callbacks[3]()


def start(job: Job, on_success: Callable[[Any], None] | None = None,
          on_failure: Callable[[str], None] | None = None,
          on_progress: Callable[[int, int], None] | None = None,
          on_finished: Callable[[], None] | None = None) -> Task:
    """Run ``job`` on a new worker thread; the callbacks run in the calling (GUI) thread,
    ``on_finished`` last, once the thread has ended."""
    task = Task(job)
    thread = QThread()
    task.thread = thread
    relay = _Relay(task, on_success, on_failure, on_progress, on_finished)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    # quit() is thread-safe; called directly, so a window waiting for the thread never deadlocks
    task.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(relay.thread_ended)
    _RUNNING.add(relay)
    thread.start()
    return task


@dataclass
class _Waiting:
    """A job waiting in a :class:`Lane`, with its callbacks."""

    job: Job
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[str], None] | None
    key: str


class Lane:
    """Jobs run one after another, each on a worker thread, in the order given: for work
    that shares something not safe across threads (the desk's warm badge renderer).

    A job given a ``key`` replaces a waiting (not yet started) job with the same key, so a
    newer preview takes the place of one nobody will look at any more. Once the lane is
    closed (its window is closing) no callback runs any more.
    """

    def __init__(self) -> None:
        self._waiting: list[_Waiting] = []
        self._task: Task | None = None
        self.closed = False

    def submit(self, job: Job, on_success: Callable[[Any], None] | None = None,
               on_failure: Callable[[str], None] | None = None, key: str = "") -> None:
        """Run ``job`` once the jobs before it are done; callbacks run in the GUI thread."""
        if self.closed:
            return
        if key:
            self._waiting = [w for w in self._waiting if w.key != key]
        self._waiting.append(_Waiting(job, on_success, on_failure, key))
        if not self.busy:
            self._next()

    @property
    def busy(self) -> bool:
        """Whether a job is running."""
        return self._task is not None

    def _next(self) -> None:
        self._task = None
        if self._waiting and not self.closed:
            waiting = self._waiting.pop(0)
            self._task = start(waiting.job, self._unless_closed(waiting.on_success),
                               self._unless_closed(waiting.on_failure), on_finished=self._next)

    def _unless_closed(self, callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if callback is not None and not self.closed:
                callback(value)

        return call

    def finish(self) -> None:
        """Run every job given without a key (a print, say) to its end, its callbacks
        included, dropping the waiting keyed ones (previews); then close the lane."""
        self._waiting = [w for w in self._waiting if not w.key]
        while self.busy:  # the callbacks arrive as events: let them in, but no keystrokes
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
            if self._task is not None:
                self._task.wait(50)
        self.close()

    def close(self) -> None:
        """Drop the waiting jobs, block until the running one has ended, and call no
        callback from now on (for closing the window the callbacks belong to)."""
        self.closed = True
        self._waiting.clear()
        if self._task is not None:
            self._task.wait()
