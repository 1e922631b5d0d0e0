"""Signs, board labels, guidelines, and the previews of one of each.

Each document is drawn into a stream by its renderer; here it goes either into a file,
written atomically (:class:`DocumentRun` says where), or, for a preview, into memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from hildprint.core.domain.programme import (
    BoardChange,
    Programme,
    SessionFinder,
    board_order,
)
from hildprint.core.domain.rules import DEFAULT_RULES, RulesError, load_rules
from hildprint.core.render.agenda import agenda_poster
from hildprint.core.render.common import Rendered
from hildprint.core.render.guidelines import (
    MOUNTINGS,
    VIRTUAL_RULES,
    GuidelineOptions,
    PaperSheet,
    guidelines,
)
from hildprint.core.render.labels import LabelError, board_labels
from hildprint.core.render.output import pdf_in_memory, write_pdf
from hildprint.core.render.signage import (
    DirectionSign,
    SignError,
    direction_signs,
    door_signs,
    parse_direction,
)
from hildprint.core.services.events import number_boards
from hildprint.core.services.session import EventRef, using

# -- signage, board labels, guidelines ----------------------------------------------------
SIGN_KINDS = ("door", "direction", "agenda")
DEFAULT_SIGN_PAPER = {"door": "A4", "direction": "A4", "agenda": "A2"}
MOUNTING_SETTING = "poster_mounting"

Render = Callable[[BinaryIO], Rendered]
"""A renderer with its inputs given: it draws into the stream it is handed."""


@dataclass
class DocumentRun:
    """What a run that wrote one document did: its path, pages and warnings."""

    path: Path
    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def write_document(out: str | Path, render: Render) -> DocumentRun:
    """Draw a document into the file ``out``, which appears only when it is complete."""
    done = write_pdf(out, render)
    return DocumentRun(Path(out), done.pages, done.warnings)


@dataclass
class SignRequest:
    """A signage run: which kind, on which paper, and for direction signs which places."""

    event: EventRef
    out: Path
    kind: str = "door"
    paper: str = ""
    signs: list[tuple[str, str]] = field(default_factory=list)
    """(place, direction) pairs for direction signs."""
    distance_ft: float | None = None


def load_programme(event: EventRef) -> Programme:
    """The event's rooms and sessions."""
    with using(event) as session:
        return session.programme


def make_signage(request: SignRequest) -> DocumentRun:
    """Door signs, direction signs or the programme poster for an event file."""
    return write_document(request.out, _signage(request))


def _signage(request: SignRequest) -> Render:
    if request.kind not in SIGN_KINDS:
        raise SignError(f"unknown kind of sign {request.kind!r}; use one of {', '.join(SIGN_KINDS)}")
    programme = load_programme(request.event)
    paper = request.paper or DEFAULT_SIGN_PAPER[request.kind]
    distance = {} if request.distance_ft is None else {"distance_ft": request.distance_ft}
    if request.kind == "door":
        return lambda stream: door_signs(programme, stream, paper, **distance)
    if request.kind == "agenda":
        return lambda stream: agenda_poster(programme, stream, paper)
    local_names = {room.name.casefold(): room.local_name for room in programme.rooms}
    signs = [DirectionSign(place, parse_direction(direction), local_names.get(place.casefold(), ""))
             for place, direction in request.signs]
    return lambda stream: direction_signs(programme.event, signs, stream, paper, **distance)


@dataclass
class LabelResult:
    """A board-label run and the boards numbered for it first."""

    run: DocumentRun
    numbered: list[BoardChange]


def make_board_labels(event: EventRef, out: str | Path, paper: str = "A4") -> LabelResult:
    """One label per poster board; papers in a poster session without a board get one first."""
    with using(event) as session:
        numbered = number_boards(session)
        event, papers, sessions = session.event, session.papers, session.sessions
        run = write_document(out, lambda stream: board_labels(event, papers, sessions, stream, paper))
    return LabelResult(run, numbered)


@dataclass
class GuidelineRequest:
    """A guidelines run: the general sheet, or one per paper with a board."""

    event: EventRef
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
    return write_document(request.out, _guidelines(request))


def _guidelines(request: GuidelineRequest) -> Render:
    with using(request.event) as session:
        event, papers, sessions = session.event, session.papers, session.sessions
        mounting = request.mounting or session.store.setting(MOUNTING_SETTING) or "tape"
        if request.mounting and request.mounting in MOUNTINGS:
            session.store.set_setting(MOUNTING_SETTING, request.mounting)
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
        finder = SessionFinder(sessions)
        sheets = [PaperSheet(p, finder.for_paper(p)) for p in with_boards]
    return lambda stream: guidelines(event, stream, options, sheets)


# -- previews: one badge, one room's sign, one board label ------------------------------------
def preview_door_sign(event: EventRef, room_id: str, out: str | Path) -> DocumentRun:
    """The door signs of one room (a page per day), as ``make_signage`` prints them, in
    the file ``out``."""
    return write_document(out, _door_sign_of(event, room_id))


def door_sign_pdf(event: EventRef, room_id: str) -> bytes:
    """The door signs of one room as PDF bytes, for a preview (SignError when the room
    has no sessions)."""
    pdf, _ = pdf_in_memory(_door_sign_of(event, room_id))
    return pdf


def _door_sign_of(event: EventRef, room_id: str) -> Render:
    programme = load_programme(event)
    sessions = [s for s in programme.sessions if (s.room_id or "") == room_id]
    if not sessions:
        raise SignError("this room has no sessions, so it has no door sign")
    one_room = Programme(programme.event, programme.rooms, sessions)
    return lambda stream: door_signs(one_room, stream, DEFAULT_SIGN_PAPER["door"])


def preview_board_label(event: EventRef, paper_id: str, out: str | Path, paper: str = "A4") -> DocumentRun:
    """The board label of one paper, as ``make_board_labels`` prints it, in the file
    ``out`` (LabelError when the paper has no board yet)."""
    return write_document(out, _board_label_of(event, paper_id, paper))


def board_label_pdf(event: EventRef, paper_id: str, paper: str = "A4") -> bytes:
    """The board label of one paper as PDF bytes, for a preview (LabelError when the
    paper has no board yet)."""
    pdf, _ = pdf_in_memory(_board_label_of(event, paper_id, paper))
    return pdf


def _board_label_of(event: EventRef, paper_id: str, paper: str) -> Render:
    with using(event) as session:
        found = next((p for p in session.papers if p.id == paper_id), None)
        sessions, the_event = session.sessions, session.event
    if found is None:
        raise ValueError(f"no paper with id {paper_id!r}")
    if not found.board:
        raise LabelError(f"paper {found.number or found.id} has no board yet; number the boards first")
    return lambda stream: board_labels(the_event, [found], sessions, stream, paper)


