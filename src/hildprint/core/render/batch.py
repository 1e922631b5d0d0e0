"""Badge runs for whole lists: parallel worker processes, progress and cancel.

A long list is cut into chunks of whole sheets; the workers of a
:class:`~hildprint.core.domain.pool.WorkerPool` draw each chunk into a PDF in memory and
the chunks are joined in order with pikepdf into the output stream. Pages are never all
held in one canvas. Where the stream goes (a file written atomically, a preview in
memory) is the caller's business.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import pikepdf

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.domain.pool import CANCELLED, Failure, WorkerJob, WorkerPool, default_workers
from hildprint.core.layout.badge import BadgeLayout, BadgeOptions, BadgeWarning, preflight
from hildprint.core.render.badges import BadgeSheets, BadgesRendered, render_badges

__all__ = ["CHUNK_SHEETS", "PARALLEL_FROM", "Progress", "default_workers", "join_pdfs", "render_badge_run"]

CHUNK_SHEETS = 100
"""Sheets per chunk: small enough for steady progress, large enough that the per-chunk
font subsets stay a small share of the output."""
PARALLEL_FROM = 200
"""Below this many people a run stays in one process (workers take a moment to start)."""
WORKER_NAME = "hildprint-badges"

Progress = Callable[[int, int], None]


def render_badge_run(layout: BadgeLayout, people: list[Attendee], stream: BinaryIO,
                     progress: Progress | None = None, cancel: threading.Event | None = None,
                     workers: int | None = None) -> BadgesRendered:
    """Draw badges for ``people`` as one PDF into ``stream``, in worker processes when the
    list is long.

    The characters no font has lead the warnings. ``progress`` is called with (badges
    done, total); once ``cancel`` is set the run stops and its result has ``cancelled``
    set: what is in ``stream`` then is not a whole PDF and is to be thrown away.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(people) < PARALLEL_FROM:
        return render_badges(layout, people, stream, progress, cancel)
    return _render_in_parallel(layout, people, stream, progress, cancel, workers)


# -- worker processes --------------------------------------------------------------------
@dataclass(frozen=True)
class _Chunk:
    """What a worker made of one chunk: the pages, the warnings (the characters no font
    has apart from the rest, as they lead a run's warnings) and the PDF."""

    pages: int
    glyphs: list[BadgeWarning]
    fits: list[BadgeWarning]
    pdf: bytes


def _start_worker(config: tuple[Event, BadgeOptions]) -> BadgeLayout:
    return BadgeLayout(*config)


def _render_chunk(layout: BadgeLayout, people: list[Attendee]) -> _Chunk:
    buffer = io.BytesIO()
    sheets = BadgeSheets(layout, buffer)
    fits: list[BadgeWarning] = []
    pages = sum(sheets.draw(group, fits) for group in layout.sheets(people))
    sheets.finish()
    return _Chunk(pages, preflight(people, layout.fonts), fits, buffer.getvalue())


def _render_in_parallel(layout: BadgeLayout, people: list[Attendee], stream: BinaryIO,
                        progress: Progress | None, cancel: threading.Event | None,
                        workers: int) -> BadgesRendered:
    size = CHUNK_SHEETS * layout.options.badges_per_sheet
    chunks = [people[i:i + size] for i in range(0, len(people), size)]
    done = BadgesRendered()
    stop = _Stop(cancel)

    def counted(index: int, outcome: object) -> None:
        if isinstance(outcome, Failure):
            stop.failed = True  # one chunk lost is the whole run lost: stop the others
        elif progress:
            done.badges += len(chunks[index])
            progress(done.badges, len(people))

    job = WorkerJob(WORKER_NAME, _render_chunk, (layout.event, layout.options), setup=_start_worker,
                    preload=("hildprint.core.render.preload",))
    with WorkerPool(job, min(workers, len(chunks))) as pool:
        results = pool.run(chunks, counted, stop, stop_at_once=True)
    failures = [r for r in results if isinstance(r, Failure)]
    for failure in failures:
        if failure.reason != CANCELLED:
            failure.raise_error()
    if failures:
        return BadgesRendered(cancelled=True)
    done.badges = len(people)
    done.pages = sum(r.pages for r in results)
    done.warnings = [w for r in results for w in r.glyphs] + [w for r in results for w in r.fits]
    join_pdfs([r.pdf for r in results], stream, title=f"{layout.event.name} badges")
    return done


class _Stop:
    """Set when the caller cancels or a chunk fails."""

    def __init__(self, cancel: threading.Event | None):
        self.cancel, self.failed = cancel, False

    def is_set(self) -> bool:
        return self.failed or (self.cancel is not None and self.cancel.is_set())


def join_pdfs(parts: list[bytes], stream: BinaryIO, title: str = "") -> None:
    """Concatenate PDFs page by page into ``stream``."""
    opened = [pikepdf.open(io.BytesIO(part)) for part in parts]
    try:
        with pikepdf.new() as joined:
            for part in opened:
                joined.pages.extend(part.pages)
            if title:
                joined.docinfo["/Title"] = title
                joined.docinfo["/Creator"] = "hildprint"
            joined.save(stream)
    finally:
        for part in opened:
            part.close()
