"""Checking many poster files in a few long-lived worker processes.

Every file is checked in a worker of a :class:`~hildprint.core.domain.pool.WorkerPool`,
never in the calling process: a hostile file can make a worker hang, run out of memory or
crash, and then only that file gets verdict ``error``. Each worker caps its own address
space; the pool kills a worker whose file takes longer than the time limit and starts a
fresh one. Workers are started once per pool and fed one file at a time, so a thousand
files cost a thousand round trips, not a thousand process starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.pool import (
    CANCELLED,
    CRASHED,
    LOST,
    TIMEOUT,
    TOO_LARGE,
    Failure,
    WorkerJob,
    WorkerPool,
    default_workers,
)
from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.model import Verdict

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT_S", "WORKER_NAME", "CheckOptions", "CheckPool",
           "check_files", "default_workers"]

DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MEMORY_MB = 1536
WORKER_NAME = "hildprint-poster-check"

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


def _check(options: CheckOptions, path: str) -> Verdict:
    """One file, in a worker (check_file never raises)."""
    from hildprint.core.validate.check import check_file  # pikepdf and PIL: only in workers

    return check_file(path, options.rules, options.quick, options.thumbnails)


def _error(path: str, rules: RuleSet, code: str, message: str) -> Verdict:
    verdict = Verdict(file=path, rules=rules.name)
    verdict.add("error", code, message)
    return verdict


def _failure_verdict(path: str, failure: Failure, options: CheckOptions) -> Verdict:
    """The error verdict of a file whose worker gave no verdict, saying why in words."""
    messages = {
        TIMEOUT: (f"Checking the file took longer than {options.timeout_s:g} s and was stopped; "
                  "it may be built to stall readers. Export the poster again."),
        CRASHED: (f"The checker stopped on this file ({failure.detail}); the file may be damaged or "
                  "built to crash PDF readers. Export the poster again."),
        LOST: "The checker stopped before reading this file.",
        CANCELLED: "Not checked: the check was cancelled.",
        TOO_LARGE: "The result was too large to return.",
    }
    codes = {LOST: "crashed", TOO_LARGE: "memory"}
    message = messages.get(failure.reason, f"The file could not be checked ({failure.detail}).")
    return _error(path, options.rules, codes.get(failure.reason, failure.reason), message)


class CheckPool:
    """Worker processes that check poster files; use as a context manager, or close()."""

    def __init__(self, options: CheckOptions, workers: int | None = None):
        self.options = options
        job = WorkerJob(WORKER_NAME, _check, options, preload=("hildprint.core.validate.check",),
                        timeout_s=options.timeout_s, memory_mb=options.memory_mb)
        self._pool = WorkerPool(job, workers)
        self.size = self._pool.size

    def __enter__(self) -> CheckPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker; none is left running."""
        self._pool.close()

    def check(self, paths: Sequence[str | Path], progress: Progress | None = None,
              cancel: threading.Event | None = None, each: Callable[[Verdict], None] | None = None) -> list[Verdict]:
        """Check every file; the verdicts come back in the order of ``paths``, and each one
        also goes to ``each`` as soon as its file is done. Once ``cancel`` is set, files not
        yet started get an error verdict saying so."""
        names = [str(path) for path in paths]
        done = 0

        def counted(index: int, outcome: object) -> None:
            nonlocal done
            done += 1
            if each:
                name = names[index]
                each(_failure_verdict(name, outcome, self.options) if isinstance(outcome, Failure) else outcome)
            if progress:
                progress(done, len(names))

        outcomes = self._pool.run(names, counted, cancel)
        return [_failure_verdict(name, outcome, self.options) if isinstance(outcome, Failure) else outcome
                for name, outcome in zip(names, outcomes)]


def check_files(paths: Sequence[str | Path], options: CheckOptions, workers: int | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None,
                each: Callable[[Verdict], None] | None = None) -> list[Verdict]:
    """Check ``paths`` in worker processes and stop them all before returning; ``each``
    gets every verdict as its file is done."""
    if not paths:
        return []
    with CheckPool(options, min(workers or default_workers(), len(paths))) as pool:
        return pool.check(paths, progress, cancel, each)
