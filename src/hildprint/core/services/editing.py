"""Changing an event from the window or the command line: its settings, adding and
deleting records, editing papers and sessions, and putting records back (what undo needs).

Every change is checked first and saved at once in one transaction; a refused change
raises :class:`~hildprint.core.services.events.EditError` naming the field and saves
nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hildprint.core.domain.eventtime import event_zone
from hildprint.core.domain.model import Attendee, Event, Paper, Session, known_role
from hildprint.core.domain.names import clean_text, name_fields
from hildprint.core.domain.programme import check_board_edit
from hildprint.core.services.events import EditError, check_event_dates, check_timezone, event_code
from hildprint.core.services.session import EventRef, using

SECOND_LANGUAGE_SETTING = "second_language"
"""The settings key of the event's second language (signs print it under the first)."""

RECORD_KINDS = ("attendees", "papers", "rooms", "sessions")
"""The kinds of record an event holds, as the store names its tables."""


# -- the event's own settings ------------------------------------------------------------
@dataclass
class EventSettings:
    """What the event settings dialog edits: the event and its second language."""

    event: Event
    second_language: str = ""


def check_event(event: Event) -> Event:
    """The event with its texts tidied, or EditError (UnknownTimeZone) naming what is wrong."""
    tidy = replace(event, name=clean_text(event.name), venue=clean_text(event.venue),
                   code=clean_text(event.code).upper())
    if not tidy.name:
        raise EditError("the event needs a name (it is printed on every badge)")
    if tidy.code and not tidy.code.isalnum():
        raise EditError(f"badge code {tidy.code!r}: use letters and digits only (e.g. HILD26)")
    if tidy.timezone:  # empty: not known yet (the first programme imported that states one sets it)
        check_timezone(tidy.timezone)
    check_event_dates(tidy.start_date, tidy.end_date)
    return tidy if tidy.code else replace(tidy, code=event_code(tidy.name))


def event_settings(event: EventRef) -> EventSettings:
    """The event's settings as they are stored."""
    with using(event) as session:
        language = session.store.setting(SECOND_LANGUAGE_SETTING, "") or ""
        return EventSettings(replace(session.event), language)


def save_event_settings(event: EventRef, settings: EventSettings) -> EventSettings:
    """Check and save the event's settings (its badge secret is kept); returns what was stored."""
    with using(event) as session:
        checked = replace(check_event(settings.event), secret=session.event.secret)
        with session.writing() as store:
            store.save_event(checked)
            store.set_setting(SECOND_LANGUAGE_SETTING, clean_text(settings.second_language))
        return event_settings(session)


EDITABLE_EVENT_FIELDS = ("name", "code", "start_date", "end_date", "venue", "timezone", "url")
"""The event's details that can be changed after it was created (never its secret). A new
badge code makes badges printed before it foreign to the desk: print them again."""


def change_event(event: EventRef, **changes: str) -> Event:
    """Change some of the event's details (see :data:`EDITABLE_EVENT_FIELDS`), checked
    together; returns the stored event. Sessions keep their moments in time: a new time
    zone changes how signs show them."""
    unknown = set(changes) - set(EDITABLE_EVENT_FIELDS)
    if unknown:
        raise EditError(f"cannot change the event's {', '.join(sorted(unknown))}; "
                        f"its editable details are {', '.join(EDITABLE_EVENT_FIELDS)}")
    with using(event) as session:
        current = event_settings(session)
        stored = save_event_settings(session, EventSettings(replace(current.event, **changes),
                                                            current.second_language))
        return stored.event


# -- adding, deleting and putting back records -------------------------------------------
def add_attendee(event: EventRef, name: str, affiliation: str = "", role: str = "Attendee",
                 email: str = "") -> Attendee:
    """Add a person with a new id; EditError when the name is empty or the role unknown."""
    name = clean_text(name)
    if not name:
        raise EditError("a name cannot be empty: a badge needs a name")
    known = known_role(role)
    if known is None:
        raise EditError(f"unknown role {role!r}")
    person = Attendee(id=f"added-{uuid.uuid4().hex[:8]}", affiliation=clean_text(affiliation),
                      role=known, email=clean_text(email), **name_fields(name))
    with using(event) as session, session.writing() as store:
        store.put_records("attendees", [person])
    return person


def _check_kind(kind: str) -> None:
    if kind not in RECORD_KINDS:
        raise EditError(f"unknown kind of record {kind!r}; choose one of {', '.join(RECORD_KINDS)}")


@dataclass
class Removed:
    """Records just deleted, with what went with them (a person's printed badges, a paper's
    latest poster check), so :func:`restore_removed` can put all of it back."""

    kind: str
    records: list[Any] = field(default_factory=list)
    print_log: list[Any] = field(default_factory=list)
    poster_checks: list[Any] = field(default_factory=list)


def delete_records(event: EventRef, kind: str, record_ids: list[str]) -> Removed:
    """Delete records of one kind by id; returns them as they were, with what the deletion
    takes along, to put back."""
    _check_kind(kind)
    with using(event) as session:
        wanted = set(record_ids)
        removed = Removed(kind, [r for r in getattr(session, kind) if r.id in wanted])
        ids = {r.id for r in removed.records}
        if kind == "attendees":
            removed.print_log = [r for r in session.store.print_log() if r.attendee_id in ids]
        if kind == "papers":
            removed.poster_checks = [c for c in session.store.poster_checks() if c.paper_id in ids]
        with session.writing() as store:
            store.delete_records(kind, [r.id for r in removed.records])
    return removed


def restore_removed(event: EventRef, removed: Removed) -> None:
    """Put deleted records back exactly as they were, with their printed badges and poster checks."""
    with using(event) as session, session.writing() as store:
        store.put_records(removed.kind, removed.records)
        store.restore_print_log(removed.print_log)
        store.record_poster_checks(removed.poster_checks)


def put_records(event: EventRef, kind: str, records: list[Any]) -> None:
    """Store these records exactly as given (adding missing ones): an undone edit or deletion."""
    _check_kind(kind)
    with using(event) as session, session.writing() as store:
        store.put_records(kind, records)


def restore_attendee_fields(event: EventRef, person: Attendee, fields: tuple[str, ...]) -> Attendee:
    """Put some fields of one person back as ``person`` has them, leaving the others (a
    check-in made meanwhile) as stored: undoing one cell edit. Returns the stored person."""
    with using(event) as session, session.writing() as store:
        stored = store.change_attendee(person.id, {name: getattr(person, name) for name in fields})
    if stored is None:
        raise EditError(f"nobody with id {person.id!r} is in the event file any more")
    return stored


# -- papers and sessions -----------------------------------------------------------------
def _tidy_paper(paper: Paper) -> Paper:
    """The paper with its texts tidied; EditError when it has no title."""
    paper = replace(paper, title=clean_text(paper.title), session=clean_text(paper.session),
                    board=paper.board.strip(), poster_file=paper.poster_file.strip())
    if not paper.title:
        raise EditError(f"paper {paper.number or paper.id}: the title cannot be empty")
    return paper


def save_paper(event: EventRef, paper: Paper) -> Paper:
    """Check and save a paper edited as a whole (title, authors, session, board, poster file)."""
    paper = _tidy_paper(paper)
    with using(event) as session:
        others = [paper if p.id == paper.id else p for p in session.papers]
        if all(p.id != paper.id for p in others):
            raise EditError(f"no paper with id {paper.id!r} is in the event file any more")
        check_board_edit(others, paper.id, paper.board)
        with session.writing() as store:
            store.put_records("papers", [paper])
    return paper


def add_paper(event: EventRef, paper: Paper) -> Paper:
    """Add a paper typed in by hand: it gets a new id and the next free number, and is
    checked as :func:`save_paper` checks an edit. Returns the stored paper."""
    with using(event) as session:
        number = max((p.number or 0 for p in session.papers), default=0) + 1
        fresh = _tidy_paper(replace(paper, id=f"added-{uuid.uuid4().hex[:8]}", number=paper.number or number))
        check_board_edit([*session.papers, fresh], fresh.id, fresh.board)
        with session.writing() as store:
            store.put_records("papers", [fresh])
    return fresh


def new_session(event: EventRef) -> Session:
    """A draft programme session for a form: the event's first day, 09:00 to 10:00 in its
    time zone, in its first room (not stored)."""
    with using(event) as session:
        zone = event_zone(session.event)
        try:
            day = date.fromisoformat(session.event.start_date)
        except ValueError:
            day = date.today()
        start = datetime.combine(day, time(9), zone)
        room = session.rooms[0].id if session.rooms else None
    return Session(id=f"added-{uuid.uuid4().hex[:8]}", title="", start=start.isoformat(),
                   end=(start + timedelta(hours=1)).isoformat(), room_id=room)


def attach_poster(event: EventRef, paper_id: str, file: str | Path) -> Paper:
    """Make ``file`` the poster of one paper (kept relative to the event's folder when it
    is inside it); returns the paper as it was before, to undo."""
    with using(event) as session:
        before = next((p for p in session.papers if p.id == paper_id), None)
        if before is None:
            raise EditError(f"no paper with id {paper_id!r}")
        path = Path(file)
        if not path.is_file():
            raise EditError(f"{path}: no such poster file")
        try:
            stored = str(path.resolve().relative_to(session.folder.resolve()))
        except ValueError:
            stored = str(path.resolve())
        with session.writing() as store:
            store.set_poster_files({paper_id: stored})
    return before


def save_session(event: EventRef, item: Session) -> Session:
    """Check and save a programme session (title, times, room, cancelled)."""
    item = replace(item, title=clean_text(item.title))
    if not item.title:
        raise EditError("a session needs a title (it is printed on the door signs)")
    start, end = _moment("start", item.start), _moment("end", item.end)
    if end <= start:
        raise EditError(f"session {item.title!r}: it ends ({item.end}) before it starts ({item.start})")
    with using(event) as session:
        if item.room_id and item.room_id not in {room.id for room in session.rooms}:
            raise EditError(f"session {item.title!r}: no room with id {item.room_id!r}")
        with session.writing() as store:
            store.put_records("sessions", [item])
    return item


def _moment(label: str, text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise EditError(f"{label} {text!r} is not a date and time (YYYY-MM-DDTHH:MM+09:00)") from error
    if moment.tzinfo is None:
        raise EditError(f"{label} {text!r} needs its UTC offset (e.g. +09:00)")
    return moment


# -- snapshots: undoing an import -------------------------------------------------------
@dataclass
class Snapshot:
    """Every record of an event at one moment, by kind and id."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)


def snapshot(event: EventRef) -> Snapshot:
    """The event's records now (to put back later with :func:`revert`)."""
    with using(event) as session:
        return Snapshot({kind: {r.id: r for r in getattr(session, kind)} for kind in RECORD_KINDS})


def revert(event: EventRef, before: Snapshot, after: Snapshot) -> int:
    """Undo what changed from ``before`` to ``after``: records added since are deleted,
    records changed since are put back as they were; other records (a check-in made
    meanwhile at a desk) are left alone. Returns how many records it touched."""
    touched = 0
    with using(event) as session, session.writing() as store:
        for kind in reversed(RECORD_KINDS):  # sessions before the rooms they sit in
            old, new = before.records.get(kind, {}), after.records.get(kind, {})
            added = [record_id for record_id in new if record_id not in old]
            touched += store.delete_records(kind, added)
        for kind in RECORD_KINDS:
            old, new = before.records.get(kind, {}), after.records.get(kind, {})
            back = [old[i] for i in old if i not in new or old[i] != new[i]]
            store.put_records(kind, back)
            touched += len(back)
    return touched
