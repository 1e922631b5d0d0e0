"""Badges: who a request covers, and printing them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hildprint.core import importers
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.importers.attendees import role_from_text
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, load_stock
from hildprint.core.layout.template import DEFAULT_TEMPLATE, load_template
from hildprint.core.render.badges import BadgeOptions
from hildprint.core.render.batch import BadgeRun, Progress, write_badges
from hildprint.core.services.session import EventRef, EventSession, is_event_file, using


@dataclass
class BadgeRequest:
    """What to print: from where, for whom, on what stock, in which design."""

    source: EventRef
    """An open event, an event file, or an export of people (CSV, XLSX, JSON)."""
    out: Path
    stock: str = DEFAULT_STOCK
    template: str = DEFAULT_TEMPLATE
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


def make_badges(request: BadgeRequest, progress: Progress | None = None,
                cancel: Any = None, workers: int | None = None) -> tuple[BadgeRun, BadgeSelection]:
    """Print the badges a request asks for; returns the run and the selection it printed."""
    selection = badge_people(request)
    options = BadgeOptions(request.grid or load_stock(request.stock), load_template(request.template),
                           request.sides, request.crop_marks)
    run = write_badges(selection.event, selection.people, request.out, options, progress, cancel, workers)
    return run, selection


