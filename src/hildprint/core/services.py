"""Use cases shared by the command line and the GUI.

Each function opens what it needs, does one job and returns plain data; none prints and
none knows about Qt.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from hildprint.core import importers
from hildprint.core.boards import BoardChange, assign_boards, check_board_edit
from hildprint.core.desk import Desk
from hildprint.core.importers.attendees import role_from_text
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, custom_grid, load_stock
from hildprint.core.layout.template import DEFAULT_TEMPLATE, load_template
from hildprint.core.model import Attendee
from hildprint.core.render.badges import BadgeOptions
from hildprint.core.render.batch import BadgeRun, Progress, write_badges
from hildprint.core.importers.base import ImportResult
from hildprint.core.model import Event
from hildprint.core.sample import create_sample_event
from hildprint.core.store import EventStore, UpsertCounts

LISTABLE = ("attendees", "papers", "sessions", "rooms")


@dataclass
class ImportReport:
    """What one import did to an event file."""

    result: ImportResult
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    room_counts: UpsertCounts = field(default_factory=UpsertCounts)
    written: bool = False
    not_in_file: list[str] = field(default_factory=list)
    """Ids of records of this kind already in the event file that this file does not list
    (kept: an import never deletes; the organiser decides)."""


def event_code(name: str) -> str:
    """A short upper-case code for an event name, for badge tokens: "HiLD 2026" -> "HILD26"."""
    words = re.findall(r"[A-Za-z]+|\d+", name)
    letters = "".join(w for w in words if not w.isdigit()).upper()[:6] or "EVENT"
    digits = "".join(w for w in words if w.isdigit())
    return letters + (digits[-2:] if digits else "")


def create_event(path: str | Path, event: Event) -> Event:
    """Create a new event file; fills in the event code when it is empty."""
    if not event.code:
        event.code = event_code(event.name)
    with EventStore.create(path, event) as store:
        return store.event


def import_file(
    event_path: str | Path,
    kind: str,
    source: str | Path,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    strict: bool = False,
    venue_id: str = "",
) -> ImportReport:
    """Read ``source`` and merge its records into the event file.

    Records are matched by id, so importing the same file twice changes nothing. With
    ``strict``, any rejected row means nothing is written at all. ``venue_id`` (OpenReview)
    is remembered in the event file for later imports.
    """
    with EventStore.open(event_path) as store:
        if venue_id:
            store.set_setting("openreview_venue_id", venue_id)
        result = importers.read(
            kind, source, fmt, mapping,
            timezone=store.event.timezone,
            venue_id=store.setting("openreview_venue_id", "") or "",
        )
        report = ImportReport(result)
        if strict and result.rejected:
            return report
        existing = {r.id for r in _records_of_kind(store, kind)}
        with store.transaction():
            if kind == "attendees":
                report.counts = store.upsert_attendees(result.records)
            elif kind == "papers":
                report.counts = store.upsert_papers(result.records)
            else:
                report.room_counts = store.upsert_rooms(result.rooms)
                report.counts = store.upsert_sessions(result.records)
        report.written = True
        report.not_in_file = sorted(existing - {r.id for r in result.records})
        return report


def _records_of_kind(store: EventStore, kind: str) -> list[Any]:
    return {"attendees": store.attendees, "papers": store.papers, "schedule": store.sessions}[kind]()


def list_records(event_path: str | Path, what: str) -> list[dict[str, Any]]:
    """The event file's records of one kind as plain dicts keyed by model field names."""
    if what not in LISTABLE:
        raise ValueError(f"cannot list {what!r}; choose one of {', '.join(LISTABLE)}")
    with EventStore.open(event_path) as store:
        records = getattr(store, what)()
    return [asdict(r) for r in records]


def number_boards(event_path: str | Path, by_topic: bool = False) -> list[BoardChange]:
    """Give a board number to every paper in a poster session that has none; keep the rest."""
    with EventStore.open(event_path) as store:
        changes = assign_boards(store.papers(), by_topic)
        store.set_boards({c.paper_id: c.new for c in changes})
    return changes


def set_board(event_path: str | Path, paper_id: str, board: str) -> None:
    """Put one paper on a board chosen by hand (checked against the others in its session)."""
    with EventStore.open(event_path) as store, store.transaction():
        check_board_edit(store.papers(), paper_id, board)
        store.set_boards({paper_id: board.strip()})


SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class BadgeRequest:
    """What to print: from where, for whom, on what stock, in which design."""

    source: Path
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


def is_event_file(path: str | Path) -> bool:
    """Whether ``path`` is an SQLite file (an event file) rather than an export."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


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
    if is_event_file(request.source):
        with EventStore.open(request.source) as store:
            event, people = store.event, store.attendees()
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


DEMO_EVENT_NAME = "hild2026.hildprint"


@dataclass
class DemoResult:
    """What the demo wrote: the event file and each document, with a line about it."""

    event_path: Path
    outputs: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_demo(outdir: str | Path) -> DemoResult:
    """Create the sample event in ``outdir`` (replacing an earlier demo) and write every
    document hildprint can make from it."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    event_path = outdir / DEMO_EVENT_NAME
    for leftover in (event_path, *(event_path.with_name(event_path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    create_sample_event(event_path)
    number_boards(event_path, by_topic=True)
    result = DemoResult(event_path)
    with EventStore.open(event_path) as store:
        result.outputs.append((event_path, (
            f"event file: {store.attendee_count()} attendees, {len(store.papers())} papers, "
            f"{len(store.rooms())} rooms, {len(store.sessions())} sessions"
        )))
    for name, sides in (("badges.pdf", "front"), ("badges-duplex.pdf", "duplex")):
        run, _ = make_badges(BadgeRequest(event_path, outdir / name, sides=sides))
        result.outputs.append((run.path, f"{run.badges} badges on {run.pages} pages ({sides})"))
        result.warnings += [str(w) for w in run.warnings if sides == "front"]
    return result


# -- the badge desk --------------------------------------------------------------------
def desk_name() -> str:
    """This desk's name in the print log: the machine's name."""
    import socket

    return socket.gethostname() or "desk"


def desk_folder(event_path: str | Path) -> Path:
    """Where the desk writes badge PDFs: a folder beside the event file, ``<event>-desk``."""
    path = Path(event_path)
    return path.with_name(f"{path.stem}-desk")


def desk_pdf_path(event_path: str | Path, attendee_id: str) -> Path:
    """The PDF the desk writes for one person (replaced by each reprint)."""
    safe = re.sub(r"[^\w.-]", "_", attendee_id) or "badge"
    return desk_folder(event_path) / f"{safe}.pdf"


@contextmanager
def open_desk(event_path: str | Path, name: str = "", stock: str = DEFAULT_STOCK,
              template: str = DEFAULT_TEMPLATE) -> Iterator[Desk]:
    """A badge desk on the event file, closed when the block ends."""
    with EventStore.open(event_path) as store:
        yield Desk(store, name or desk_name(), stock, template)
