"""Badge runs for whole lists: parallel worker processes, progress, cancel, atomic output.

A long list is cut into chunks of whole sheets; worker processes render the chunks into
part files which are joined in order with pikepdf. Pages are never all held in one
canvas, and the output appears at its path only when complete.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from hildprint.core.domain.files import atomic_output
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.render.badges import (
    BadgeOptions,
    BadgeRenderer,
    BadgeWarning,
    preflight,
)

CHUNK_SHEETS = 100
"""Sheets per part file: small enough for steady progress, large enough that the
per-part font subsets stay a small share of the output."""
PARALLEL_FROM = 200
"""Below this many people a run stays in one process (workers take a moment to start)."""

Progress = Callable[[int, int], None]


@dataclass
class BadgeRun:
    """What a badge run produced."""

    path: Path
    badges: int = 0
    pages: int = 0
    warnings: list[BadgeWarning] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False


def default_workers() -> int:
    """Worker processes for a long run: one per available core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def write_badges(
    event: Event,
    people: list[Attendee],
    out: str | Path,
    options: BadgeOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> BadgeRun:
    """Print badges for ``people`` into the PDF ``out``.

    The glyph pre-flight runs first and its findings lead the warnings. ``progress`` is
    called with (badges done, total); when ``cancel`` is set the run stops, nothing is
    written at ``out`` and the result has ``cancelled`` set.
    """
    started = time.perf_counter()
    run = BadgeRun(Path(out))
    BadgeRenderer(event, options)  # check the options before starting anything
    workers = default_workers() if workers is None else workers
    if not people:
        return run  # nothing to print: no file is written
    try:
        with atomic_output(out) as temporary:
            if workers <= 1 or len(people) < PARALLEL_FROM:
                run.warnings = preflight(people)
                _render_in_process(event, people, options, temporary, run, progress, cancel)
            else:  # the workers run the pre-flight too, so the fonts load only there
                _render_in_parallel(event, people, options, temporary, run, progress, cancel, workers)
            if run.cancelled:
                raise _Cancelled  # discards the temporary file; ``out`` stays as it was
    except _Cancelled:
        pass
    run.seconds = time.perf_counter() - started
    return run


class _Cancelled(Exception):
    """Raised inside the output block to discard a cancelled run's file."""


def _render_in_process(event: Event, people: list[Attendee], options: BadgeOptions, path: Path,
                       run: BadgeRun, progress: Progress | None, cancel: threading.Event | None) -> None:
    renderer = BadgeRenderer(event, options)
    canvas = renderer.new_canvas(str(path))
    per_sheet = options.badges_per_sheet
    for start in range(0, len(people), per_sheet):
        if cancel is not None and cancel.is_set():
            run.cancelled = True
            return
        group = people[start:start + per_sheet]
        run.pages += renderer.draw_sheet(canvas, group)
        run.badges += len(group)
        if progress:
            progress(run.badges, len(people))
    canvas.save()
    run.warnings.extend(renderer.warnings)


# -- worker processes --------------------------------------------------------------------
_WORKER: BadgeRenderer | None = None


def _start_worker(event: Event, options: BadgeOptions) -> None:
    global _WORKER
    _WORKER = BadgeRenderer(event, options)


def _render_part(people: list[Attendee], path: str) -> tuple[int, list[BadgeWarning], list[BadgeWarning]]:
    renderer = _WORKER
    assert renderer is not None, "worker not started"
    renderer.warnings = []
    canvas = renderer.new_canvas(path)
    pages = renderer.draw_sheets(canvas, people)
    canvas.save()
    return pages, preflight(people), renderer.warnings


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["hildprint.core.render.preload"])
        return context
    return multiprocessing.get_context("spawn")


def _render_in_parallel(event: Event, people: list[Attendee], options: BadgeOptions, path: Path,
                        run: BadgeRun, progress: Progress | None, cancel: threading.Event | None,
                        workers: int) -> None:
    chunk = CHUNK_SHEETS * options.badges_per_sheet
    chunks = [people[i:i + chunk] for i in range(0, len(people), chunk)]
    with tempfile.TemporaryDirectory(prefix=".hildprint-parts-", dir=path.parent) as folder:
        parts = [str(Path(folder) / f"part-{i:05d}.pdf") for i in range(len(chunks))]
        results: dict[int, tuple[int, list[BadgeWarning], list[BadgeWarning]]] = {}
        with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker,
                                 initargs=(event, options)) as pool:
            pending: dict[Future, int] = {
                pool.submit(_render_part, group, part): index
                for index, (group, part) in enumerate(zip(chunks, parts))
            }
            while pending:
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                if cancel is not None and cancel.is_set():
                    for future in pending:
                        future.cancel()
                    run.cancelled = True
                    return
                for future in done:
                    index = pending.pop(future)
                    results[index] = future.result()
                    run.badges += len(chunks[index])
                    if progress:
                        progress(run.badges, len(people))
        ordered = [results[index] for index in range(len(chunks))]
        run.pages = sum(pages for pages, _, _ in ordered)
        run.warnings = [w for _, glyphs, _ in ordered for w in glyphs]
        run.warnings += [w for _, _, fits in ordered for w in fits]
        join_pdfs(parts, path, title=f"{event.name} badges")


def join_pdfs(parts: list[str], out: Path, title: str = "") -> None:
    """Concatenate PDF files page by page into ``out``."""
    opened = [pikepdf.open(part) for part in parts]
    try:
        with pikepdf.new() as joined:
            for part in opened:
                joined.pages.extend(part.pages)
            if title:
                joined.docinfo["/Title"] = title
                joined.docinfo["/Creator"] = "hildprint"
            joined.save(out)
    finally:
        for part in opened:
            part.close()
