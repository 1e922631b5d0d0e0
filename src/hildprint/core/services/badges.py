"""Badges: who a request covers, printing them, and the warnings printing them would give."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from hildprint.core import importers
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.importers.attendees import role_from_text
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, load_stock
from hildprint.core.render.badges import BadgeLayout, BadgeOptions, BadgesRendered, BadgeWarning, preflight
from hildprint.core.render.batch import Progress, render_badge_run
from hildprint.core.render.output import write_pdf
from hildprint.core.services.designs import EVENT_TEMPLATE, template_for
from hildprint.core.services.session import EventRef, EventSession, is_event_file, using


@dataclass
class BadgeRequest:
    """What to print: from where, for whom, on what stock, in which design."""

    source: EventRef
    """An open event, an event file, or an export of people (CSV, XLSX, JSON)."""
    out: Path
    stock: str = DEFAULT_STOCK
    template: str = EVENT_TEMPLATE
    """A template name or file; the default is the event's own design."""
    only: list[str] = field(default_factory=list)
    role: str = ""
    sides: str = "front"
    crop_marks: bool | None = None
    fmt: str = "auto"
    mapping: dict[str, str] = field(default_factory=dict)
    grid: Stock | None = None
    """A custom grid (see :func:`custom_grid`); used instead of ``stock`` when set."""


@dataclass
class BadgeSelection:
    """The event and the people a badge request covers, and what to tell about them."""

    event: Event
    people: list[Attendee]
    notes: list[str] = field(default_factory=list)
    unknown_ids: list[str] = field(default_factory=list)


def badge_people(request: BadgeRequest) -> BadgeSelection:
    """Who a badge request covers. An export file has no event: its badges are signed with
    a one-off key (noted), so the desk cannot check them in; import the people into an
    event file for that."""
    notes: list[str] = []
    if isinstance(request.source, EventSession) or is_event_file(request.source):
        with using(request.source) as session:
            event, people = session.event, session.attendees
    else:
        result = importers.read("attendees", request.source, request.fmt, request.mapping)
        notes += [f"not printed: {p}" for p in result.rejected]
        event = Event(name=Path(request.source).stem, code="BADGE")
        people = result.records
        notes.append("badges from an export are signed with a one-off key; import the people into an "
                     "event file to check them in at the desk")
    selection = BadgeSelection(event, people, notes)
    if request.only:
        by_id = {p.id: p for p in people}
        selection.unknown_ids = [i for i in request.only if i not in by_id]
        selection.people = [by_id[i] for i in request.only if i in by_id]
    if request.role:
        wanted = "Attendee" if request.role.casefold().startswith("attendee") else role_from_text(request.role)
        selection.people = [p for p in selection.people if p.role == wanted]
    return selection


def badge_options(request: BadgeRequest) -> BadgeOptions:
    """The stock, template and sides a request prints with (StockError, TemplateError);
    the template :data:`~hildprint.core.services.designs.EVENT_TEMPLATE` (the default) is
    the event's own design."""
    template = template_for(request.source, request.template)
    return BadgeOptions(request.grid or load_stock(request.stock), template, request.sides, request.crop_marks)


@dataclass
class BadgeRun:
    """What a badge run wrote: the file, badges and pages, the warnings about people,
    how long it took, and whether it was cancelled (then the file was not written)."""

    path: Path
    badges: int = 0
    pages: int = 0
    warnings: list[BadgeWarning] = field(default_factory=list)
    seconds: float = 0.0
    cancelled: bool = False


def make_badges(request: BadgeRequest, progress: Progress | None = None, cancel: Any = None,
                workers: int | None = None, selection: BadgeSelection | None = None) -> tuple[BadgeRun, BadgeSelection]:
    """Print the badges a request asks for (for ``selection`` when the caller has already
    made it); returns the run and the selection it printed."""
    selection = selection or badge_people(request)
    layout = BadgeLayout(selection.event, badge_options(request))
    run = write_badges(layout, selection.people, request.out, progress, cancel, workers)
    return run, selection


def write_badges(layout: BadgeLayout, people: list[Attendee], out: str | Path, progress: Progress | None = None,
                 cancel: threading.Event | None = None, workers: int | None = None) -> BadgeRun:
    """Print badges for ``people`` into the PDF ``out``, which appears only when the run is
    complete: nobody to print, a cancelled run or an error leave ``out`` as it was."""
    started = time.perf_counter()
    run = BadgeRun(Path(out))
    if people:
        try:
            done = write_pdf(out, lambda stream: _whole_run(layout, people, stream, progress, cancel, workers))
        except _Cancelled:
            run.cancelled = True
        else:
            run.badges, run.pages, run.warnings = done.badges, done.pages, done.warnings
    run.seconds = time.perf_counter() - started
    return run


class _Cancelled(Exception):
    """Raised inside the file's writing to throw a cancelled run's file away."""


def _whole_run(layout: BadgeLayout, people: list[Attendee], stream: BinaryIO, progress: Progress | None,
               cancel: threading.Event | None, workers: int | None) -> BadgesRendered:
    done = render_badge_run(layout, people, stream, progress, cancel, workers)
    if done.cancelled:
        raise _Cancelled
    return done


def badge_warnings(request: BadgeRequest, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> list[BadgeWarning]:
    """The warnings printing a request's badges would give (characters no font has, names
    shortened to fit, QR codes too small), from the layout alone: no PDF is made.
    ``progress`` gets (people done, people in all); once ``cancel`` is set the check
    stops and returns what it found so far."""
    selection = badge_people(request)
    layout = BadgeLayout(selection.event, badge_options(request))
    people = selection.people
    warnings = preflight(people, layout.fonts)
    done = 0
    for group in layout.sheets(people):
        if cancel is not None and cancel.is_set():
            break
        warnings += layout.sheet_warnings(group)
        done += len(group)
        if progress:
            progress(done, len(people))
    return warnings


