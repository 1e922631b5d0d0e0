"""Use cases shared by the command line and the GUI.

Each function opens what it needs, does one job and returns plain data; none prints and
none knows about Qt.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from hildprint.core import importers
from hildprint.core.boards import BoardChange, assign_boards, check_board_edit, poster_session_for
from hildprint.core.desk import Desk
from hildprint.core.export import ExportError, table, write_table
from hildprint.core.importers.attendees import role_from_text
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, load_stock
from hildprint.core.layout.template import DEFAULT_TEMPLATE, load_template
from hildprint.core.model import Attendee, PosterCheck
from hildprint.core.render.badges import BadgeOptions
from hildprint.core.render.batch import BadgeRun, Progress, write_badges
from hildprint.core.render.common import DocumentRun
from hildprint.core.render.guidelines import (
    MOUNTINGS, VIRTUAL_RULES, GuidelineError, GuidelineOptions, PaperSheet, guidelines,
)
from hildprint.core.render.labels import LabelError, board_labels, board_order
from hildprint.core.render.signage import (
    DirectionSign, Programme, SignError, agenda_poster, direction_signs, door_signs,
    parse_direction,
)
from hildprint.core.importers.base import ImportResult
from hildprint.core.model import Event
from hildprint.core.sample import create_sample_event
from hildprint.core.store import EventStore, UpsertCounts
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.rules import DEFAULT_RULES, RulesError, load_rules
from hildprint.core.validate.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, CheckOptions, check_files

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


def export_records(event_path: str | Path, what: str, out: str | Path) -> int:
    """Write the event file's records of one kind to a CSV or XLSX file; returns the count.
    Cells a spreadsheet would run as formulas are neutralised."""
    if what not in LISTABLE:
        raise ExportError(f"cannot export {what!r}; choose one of {', '.join(LISTABLE)}")
    with EventStore.open(event_path) as store:
        records = getattr(store, what)()
    header, rows = table(records)
    write_table(header, rows, out)
    return len(rows)


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


# -- signage, board labels, guidelines ----------------------------------------------------
SIGN_KINDS = ("door", "direction", "agenda")
DEFAULT_SIGN_PAPER = {"door": "A4", "direction": "A4", "agenda": "A2"}
MOUNTING_SETTING = "poster_mounting"


@dataclass
class SignRequest:
    """A signage run: which kind, on which paper, and for direction signs which places."""

    event_path: Path
    out: Path
    kind: str = "door"
    paper: str = ""
    signs: list[tuple[str, str]] = field(default_factory=list)
    """(place, direction) pairs for direction signs."""
    distance_ft: float | None = None


def load_programme(event_path: str | Path) -> Programme:
    """The event's rooms and sessions from its event file."""
    with EventStore.open(event_path) as store:
        return Programme(store.event, store.rooms(), store.sessions())


def make_signage(request: SignRequest) -> DocumentRun:
    """Door signs, direction signs or the programme poster for an event file."""
    if request.kind not in SIGN_KINDS:
        raise SignError(f"unknown kind of sign {request.kind!r}; use one of {', '.join(SIGN_KINDS)}")
    programme = load_programme(request.event_path)
    paper = request.paper or DEFAULT_SIGN_PAPER[request.kind]
    distance = {} if request.distance_ft is None else {"distance_ft": request.distance_ft}
    if request.kind == "door":
        return door_signs(programme, request.out, paper, **distance)
    if request.kind == "agenda":
        return agenda_poster(programme, request.out, paper)
    local_names = {room.name.casefold(): room.local_name for room in programme.rooms}
    signs = [DirectionSign(place, parse_direction(direction), local_names.get(place.casefold(), ""))
             for place, direction in request.signs]
    return direction_signs(programme.event, signs, request.out, paper, **distance)


@dataclass
class LabelResult:
    """A board-label run and the boards numbered for it first."""

    run: DocumentRun
    numbered: list[BoardChange]


def make_board_labels(event_path: str | Path, out: str | Path, paper: str = "A4") -> LabelResult:
    """One label per poster board; papers in a poster session without a board get one first."""
    numbered = number_boards(event_path)
    with EventStore.open(event_path) as store:
        event, papers, sessions = store.event, store.papers(), store.sessions()
    return LabelResult(board_labels(event, papers, sessions, out, paper), numbered)


@dataclass
class GuidelineRequest:
    """A guidelines run: the general sheet, or one per paper with a board."""

    event_path: Path
    out: Path
    per_paper: bool = False
    mounting: str = ""
    """"tape" or "pins"; empty: the event file's setting, else tape."""
    paper: str = "A4"
    rules: str = DEFAULT_RULES
    """The print rule set the sheet explains (name or .json file)."""
    virtual_rules: tuple[str, ...] | None = None
    """Screen rule sets to add (names); None: ICML's virtual rules for ICML print rules."""


def make_guidelines(request: GuidelineRequest) -> DocumentRun:
    """Poster guidelines for authors, from the event file's papers and settings."""
    with EventStore.open(request.event_path) as store:
        event, papers, sessions = store.event, store.papers(), store.sessions()
        mounting = request.mounting or store.setting(MOUNTING_SETTING) or "tape"
        if request.mounting and request.mounting in MOUNTINGS:
            store.set_setting(MOUNTING_SETTING, request.mounting)
    rule = load_rules(request.rules)
    if not rule.printed:
        raise RulesError(f"{rule.name} is a rule set for screens; guidelines explain a printed poster's rules")
    virtual = request.virtual_rules
    if virtual is None:
        virtual = VIRTUAL_RULES if rule.name.startswith("icml") else ()
    options = GuidelineOptions(rule, tuple(map(load_rules, virtual)), mounting,
                               paper=request.paper)
    sheets = None
    if request.per_paper:
        with_boards = sorted((p for p in papers if p.session), key=board_order)
        sheets = [PaperSheet(p, poster_session_for(p, sessions)) for p in with_boards]
    return guidelines(event, request.out, options, sheets)


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
    _demo_print_shop(event_path, outdir, result)
    return result


DEMO_DIRECTIONS = [("Poster Hall D", "right"), ("Auditorium 327", "up-left"), ("Registration", "left")]


def _demo_print_shop(event_path: Path, outdir: Path, result: DemoResult) -> None:
    others = tuple(d for d in PRINT_DOCUMENTS if d != "badges")
    outcome = print_documents(PrintRequest(event_path, outdir, others))
    result.outputs += outcome.outputs
    result.warnings += outcome.warnings
    arrows = make_signage(SignRequest(event_path, outdir / "signs-direction.pdf", "direction", "A3",
                                      DEMO_DIRECTIONS, 8.0))
    result.outputs.append((arrows.path, f"direction signs: {arrows.pages} pages"))
    sheets = make_guidelines(GuidelineRequest(event_path, outdir / "guidelines-per-paper.pdf", per_paper=True))
    result.outputs.append((sheets.path, f"poster guidelines, one per paper: {sheets.pages} pages"))


# -- poster checks ---------------------------------------------------------------------------
POSTER_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
"""Files picked up when a folder is checked; files named one by one are checked whatever
their name (their real format is told by their content)."""


@dataclass
class PosterRequest:
    """How to check posters: the rule set (name or .json file), the tolerance and the limits
    of each file's worker."""

    rules: str = DEFAULT_RULES
    tolerance_in: float | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    workers: int | None = None
    quick: bool = False
    thumbnails: bool = False

    def options(self) -> CheckOptions:
        """The worker options, with the rule set loaded (RulesError when it cannot be)."""
        rules = load_rules(self.rules)
        if self.tolerance_in is not None:
            rules = rules.with_tolerance(self.tolerance_in)
        return CheckOptions(rules, self.timeout_s, self.memory_mb, self.quick, self.thumbnails)


def find_poster_files(paths: list[str | Path]) -> list[Path]:
    """The files to check: each file as given, and the poster files inside each folder
    (walked in name order, hidden entries and symbolic links to folders skipped)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += _poster_files_in(path)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def _poster_files_in(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / f for f in sorted(files)
                  if not f.startswith(".") and f.lower().endswith(POSTER_SUFFIXES)]
    return found


def validate_posters(paths: list[str | Path], request: PosterRequest, progress: Progress | None = None,
                     cancel: Any = None) -> list[Verdict]:
    """Check poster files (folders are walked) against a rule set, in worker processes;
    once ``cancel`` (a threading.Event) is set, files not yet started are marked cancelled."""
    options = request.options()
    return check_files(find_poster_files(paths), options, request.workers, progress, cancel)


@dataclass
class EventPosterRun:
    """What checking an event's posters found: one verdict per paper with a poster file."""

    verdicts: list[Verdict] = field(default_factory=list)
    paper_ids: list[str] = field(default_factory=list)
    without_poster: list[str] = field(default_factory=list)
    """Ids of papers that have no poster file yet."""


def validate_event_posters(event_path: str | Path, request: PosterRequest,
                           progress: Progress | None = None) -> EventPosterRun:
    """Check the poster file of every paper in the event file and record each verdict there.

    Relative poster paths are taken from the event file's folder.
    """
    options = request.options()
    event_path = Path(event_path)
    with EventStore.open(event_path) as store:
        papers = store.papers()
    run = EventPosterRun(without_poster=[p.id for p in papers if not p.poster_file.strip()])
    with_posters = [p for p in papers if p.poster_file.strip()]
    files = [event_path.parent / Path(p.poster_file.strip()).expanduser() for p in with_posters]
    run.verdicts = check_files(files, options, request.workers, progress)
    run.paper_ids = [p.id for p in with_posters]
    checked_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    checks = [
        PosterCheck(paper.id, paper.poster_file, verdict.verdict, verdict.rules, checked_at,
                    [asdict(f) for f in verdict.findings])
        for paper, verdict in zip(with_posters, run.verdicts)
    ]
    with EventStore.open(event_path) as store:
        store.record_poster_checks(checks)
    return run


def poster_checks(event_path: str | Path) -> list[PosterCheck]:
    """The latest poster check of each paper, as recorded in the event file."""
    with EventStore.open(event_path) as store:
        return store.poster_checks()


def attach_posters(event_path: str | Path, files: dict[str, str]) -> None:
    """Set the poster file of papers by id; unknown ids raise ValueError naming them."""
    with EventStore.open(event_path) as store, store.transaction():
        known = {p.id for p in store.papers()}
        unknown = sorted(set(files) - known)
        if unknown:
            raise ValueError(f"no paper with id {', '.join(unknown)}")
        store.set_poster_files(files)


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


# -- the organiser's tables: editing one cell ------------------------------------------------
EDITABLE_ATTENDEE_FIELDS = ("name", "affiliation", "role")
"""What the organiser's attendee table edits in place; ``name`` is the printed name."""


class EditError(ValueError):
    """An edit that cannot be saved; the message names the field and says why."""


def edit_attendee(store: EventStore, attendee_id: str, field: str, value: str) -> Attendee:
    """Check and save one edited field of one person at once, in its own transaction.

    ``name`` sets the printed (display) name and splits first and last name from it;
    ``role`` must be one of the badge roles (any case); lengths follow the importers'
    limits. Raises EditError with the reason, StoreError when the file refuses (busy).
    """
    from hildprint.core.desk import clean_form_text, split_name
    from hildprint.core.importers.base import MAX_LENGTHS
    from hildprint.core.model import ROLES, known_role

    if field not in EDITABLE_ATTENDEE_FIELDS:
        raise EditError(f"{field!r} cannot be edited here; edit {', '.join(EDITABLE_ATTENDEE_FIELDS)}")
    text = clean_form_text(value)
    limit = MAX_LENGTHS["display_name" if field == "name" else field]
    if len(text) > limit:
        raise EditError(f"{field} is {len(text):,} characters long; at most {limit:,} are accepted")
    if field == "name":
        if not text:
            raise EditError("a name cannot be empty: a badge needs a name")
        first, last = split_name(text)
        changes = {"first_name": first, "last_name": last, "display_name": text}
    elif field == "role":
        role = known_role(text)
        if role is None:
            raise EditError(f"unknown role {text!r}; choose one of {', '.join(ROLES)}")
        changes = {"role": role}
    else:
        changes = {field: text}
    stored = store.change_attendee(attendee_id, changes)
    if stored is None:
        raise EditError(f"nobody with id {attendee_id!r} is in the event file any more")
    return stored


# -- the import wizard: a dry run --------------------------------------------------------------
@dataclass
class ImportPreview:
    """What importing a file would do, without writing anything: the importer's result,
    the file's columns (empty when its format has none to map), the column each field
    was read from, and the fields a column may be mapped onto."""

    result: ImportResult
    header: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    """file column -> field, as the importer chose them (the user's mapping included)."""
    fields: tuple[str, ...] = ()


def import_fields(kind: str) -> tuple[str, ...]:
    """The fields a column of an import of ``kind`` can be mapped onto."""
    from hildprint.core.importers import attendees, paper_sources, schedule

    return {"attendees": attendees.FIELDS, "papers": paper_sources.PAPER_FIELDS,
            "schedule": schedule.FIELDS}[kind]


def preview_import(kind: str, source: str | Path, fmt: str = "auto", mapping: dict[str, str] | None = None,
                   timezone: str = "UTC", venue_id: str = "") -> ImportPreview:
    """Read ``source`` as an import would (UnreadableInput when it cannot), write nothing."""
    result = importers.read(kind, source, fmt, mapping, timezone=timezone, venue_id=venue_id)
    preview = ImportPreview(result, fields=import_fields(kind))
    if "header_row" in result.details:
        preview.header = result.header
        preview.columns = {column: name for name, column in result.columns.items()}
    return preview


# -- previews: one badge, one room's sign, one board label ------------------------------------
def preview_door_sign(event_path: str | Path, room_id: str, out: str | Path) -> DocumentRun:
    """The door signs of one room (a page per day), as ``make_signage`` prints them."""
    programme = load_programme(event_path)
    sessions = [s for s in programme.sessions if (s.room_id or "") == room_id]
    if not sessions:
        raise SignError("this room has no sessions, so it has no door sign")
    return door_signs(Programme(programme.event, programme.rooms, sessions), out, DEFAULT_SIGN_PAPER["door"])


def preview_board_label(event_path: str | Path, paper_id: str, out: str | Path, paper: str = "A4") -> DocumentRun:
    """The board label of one paper, as ``make_board_labels`` prints it (LabelError when
    the paper has no board yet)."""
    with EventStore.open(event_path) as store:
        event, found, sessions = store.event, store.paper(paper_id), store.sessions()
    if found is None:
        raise ValueError(f"no paper with id {paper_id!r}")
    if not found.board:
        raise LabelError(f"paper {found.number or found.id} has no board yet; number the boards first")
    return board_labels(event, [found], sessions, out, paper)


# -- a print run: several documents into one folder -------------------------------------------
PRINT_DOCUMENTS = ("badges", "door-signs", "programme", "board-labels", "guidelines")
"""What a print run can make, in the order it makes them."""


@dataclass
class PrintRequest:
    """A print run: which documents, into which folder; badges for everyone, the people
    listed in ``only`` or one ``role``, on the given stock and template."""

    event_path: Path
    folder: Path
    documents: tuple[str, ...] = PRINT_DOCUMENTS
    only: list[str] = field(default_factory=list)
    role: str = ""
    stock: str = DEFAULT_STOCK
    template: str = DEFAULT_TEMPLATE
    workers: int | None = None


@dataclass
class PrintOutcome:
    """What a print run wrote (path and a line about it), its warnings, and whether it
    was cancelled (a cancelled document is not written; earlier ones stay)."""

    outputs: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    badge_warnings: list[Any] = field(default_factory=list)
    cancelled: bool = False


def _badge_request(request: PrintRequest, out: Path) -> BadgeRequest:
    return BadgeRequest(request.event_path, out, request.stock, request.template, list(request.only), request.role)


def check_badges(request: PrintRequest, progress: Progress | None = None, cancel: Any = None) -> list[Any]:
    """The badge warnings a print run would give (characters no font has, names shrunk
    or cut to fit), found by rendering into a temporary file that is then thrown away."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="hildprint-check-") as folder:
        run, _ = make_badges(_badge_request(request, Path(folder) / "check.pdf"), progress, cancel, request.workers)
    return list(run.warnings)


def print_documents(request: PrintRequest, progress: Progress | None = None, cancel: Any = None) -> PrintOutcome:
    """Make each requested document in ``request.folder``. ``progress`` gets (steps done,
    steps in all): one per badge and one per other document; ``cancel`` stops the run."""
    unknown = sorted(set(request.documents) - set(PRINT_DOCUMENTS))
    if unknown:
        raise ValueError(f"cannot print {', '.join(unknown)}; choose from {', '.join(PRINT_DOCUMENTS)}")
    request.folder.mkdir(parents=True, exist_ok=True)
    people = len(badge_people(_badge_request(request, request.folder)).people) if "badges" in request.documents else 0
    total = people + sum(1 for d in request.documents if d != "badges")
    outcome, done = PrintOutcome(), 0
    for document in (d for d in PRINT_DOCUMENTS if d in request.documents):
        if cancel is not None and cancel.is_set():
            outcome.cancelled = True
            break
        if document == "badges":
            _print_badges(request, outcome, (lambda n, _t: progress(n, total)) if progress else None, cancel)
            done += people
        else:
            try:
                _print_other(request, document, outcome)
            except (SignError, LabelError, GuidelineError, RulesError) as error:
                outcome.warnings.append(f"{document} not made: {error}")
            done += 1
        if progress:
            progress(done, total)
    return outcome


def _print_badges(request: PrintRequest, outcome: PrintOutcome, progress: Progress | None, cancel: Any) -> None:
    out = request.folder / "badges.pdf"
    run, selection = make_badges(_badge_request(request, out), progress, cancel, request.workers)
    outcome.warnings += selection.notes
    outcome.badge_warnings += run.warnings
    if run.cancelled:
        outcome.cancelled = True
    elif run.badges:
        outcome.outputs.append((run.path, f"{run.badges} badges on {run.pages} pages"))
    else:
        outcome.warnings.append("no badges: nobody matches the selection")


def _print_other(request: PrintRequest, document: str, outcome: PrintOutcome) -> None:
    folder, event_path = request.folder, request.event_path
    if document in ("door-signs", "programme"):
        kind = "door" if document == "door-signs" else "agenda"
        run = make_signage(SignRequest(event_path, folder / f"signs-{kind}.pdf", kind))
        outcome.outputs.append((run.path, f"{'door signs' if kind == 'door' else 'programme poster'}: "
                                          f"{run.pages} pages"))
        outcome.warnings += run.warnings
    elif document == "board-labels":
        labels = make_board_labels(event_path, folder / "board-labels.pdf")
        outcome.outputs.append((labels.run.path, f"{labels.run.pages} poster-board labels"))
        outcome.warnings += labels.run.warnings
    else:
        sheets = make_guidelines(GuidelineRequest(event_path, folder / "guidelines.pdf"))
        outcome.outputs.append((sheets.path, f"poster guidelines: {sheets.pages} pages"))
