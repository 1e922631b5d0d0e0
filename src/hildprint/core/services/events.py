"""Events: create one, list and export its records, edit a person, number the boards."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import zone_named, zone_names
from hildprint.core.domain.model import ROLES, Attendee, Event, known_role
from hildprint.core.domain.names import clean_text, name_fields
from hildprint.core.domain.programme import BoardChange, assign_boards, check_board_edit, session_links
from hildprint.core.domain.tokens import check_event_code
from hildprint.core.export import Exported, ExportError, table, write_table
from hildprint.core.importers.base import MAX_LENGTHS
from hildprint.core.services.session import EventRef, EventSession, using

LISTABLE = ("attendees", "papers", "sessions", "rooms")


class UnknownTimeZone(HildprintError, ValueError):
    """A time zone name that names no zone; the message gives an example of one that does."""


def check_timezone(name: str) -> str:
    """Return ``name`` when it names a time zone ("Asia/Seoul"); UnknownTimeZone otherwise."""
    if zone_named(name) is None:
        raise UnknownTimeZone(f"{name!r} is not a known time zone (e.g. Asia/Seoul, Europe/Berlin, UTC)")
    return name


def time_zone_names() -> list[str]:
    """The time zones an event can be in, sorted by name (for a picker)."""
    return zone_names()


def event_code(name: str) -> str:
    """A short upper-case code for an event name, for badge tokens: "HiLD 2026" -> "HILD26"."""
    words = re.findall(r"[A-Za-z]+|\d+", name)
    letters = "".join(w for w in words if not w.isdigit()).upper()[:6] or "EVENT"
    digits = "".join(w for w in words if w.isdigit())
    return letters + (digits[-2:] if digits else "")


def create_event(path: str | Path, event: Event) -> Event:
    """Create a new event file; fills in the event code when it is empty. Refuses (with
    UnknownTimeZone) an event whose time zone is not a known one (an empty zone means
    "not known yet": the first programme imported that states one sets it), and (with
    EditError) a last day before the first."""
    if event.timezone:
        check_timezone(event.timezone)
    check_event_dates(event.start_date, event.end_date)
    if not event.code:
        event.code = event_code(event.name)
    check_event_code(event.code)
    with EventSession.create(path, event) as session:
        return session.event


def check_event_dates(start: str, end: str) -> None:
    """Refuse dates that are not YYYY-MM-DD, or a last day before the first (EditError)."""
    days = {}
    for label, text in (("first day", start), ("last day", end)):
        if not text:
            continue
        try:
            days[label] = date.fromisoformat(text)
        except ValueError as error:
            raise EditError(f"{label} {text!r} is not a date; write it as YYYY-MM-DD") from error
    if len(days) == 2 and days["last day"] < days["first day"]:
        raise EditError(f"the last day ({end}) is before the first day ({start})")


def records_of_kind(session: EventSession, kind: str) -> list[Any]:
    """The event's records of one kind ("attendees", "papers", "sessions", "rooms"; an
    import's "schedule" is its sessions)."""
    if kind == "schedule":
        kind = "sessions"
    if kind not in LISTABLE:
        raise ExportError(f"cannot list {kind!r}; choose one of {', '.join(LISTABLE)}")
    return getattr(session, kind)


def list_records(event: EventRef, what: str) -> list[dict[str, Any]]:
    """The event's records of one kind as plain dicts keyed by model field names."""
    with using(event) as session:
        return [asdict(r) for r in records_of_kind(session, what)]


def export_records(event: EventRef, what: str, out: str | Path) -> Exported:
    """Write the event's records of one kind to a CSV or XLSX file; returns the count and
    warnings. Cells a spreadsheet would run as formulas are neutralised."""
    with using(event) as session:
        header, rows = table(records_of_kind(session, what))
    return Exported(len(rows), write_table(header, rows, out))


def number_boards(event: EventRef, by_topic: bool = False) -> list[BoardChange]:
    """Give a board number to every paper that has none (per poster session; papers
    without a session in one block of their own); keep the rest.
    Papers are linked to their programme session by id on the way (see
    :meth:`~hildprint.core.domain.programme.SessionFinder.link`)."""
    with using(event) as session:
        changes = assign_boards(session.papers, by_topic)
        links = session_links(session.papers, session.sessions)
        if changes or links:
            with session.writing() as store:
                store.set_boards({c.paper_id: c.new for c in changes})
                store.set_session_links(links)
    return changes


def set_board(event: EventRef, paper_id: str, board: str) -> None:
    """Put one paper on a board chosen by hand (checked against the others in its session)."""
    with using(event) as session:
        check_board_edit(session.papers, paper_id, board)
        with session.writing() as store:
            store.set_boards({paper_id: board.strip()})


# -- the organiser's tables: editing one cell ------------------------------------------------
EDITABLE_ATTENDEE_FIELDS = ("name", "affiliation", "role")
"""What the organiser's attendee table edits in place; ``name`` is the printed name."""


class EditError(HildprintError, ValueError):
    """An edit that cannot be saved; the message names the field and says why."""


def edit_attendee(event: EventRef, attendee_id: str, field: str, value: str) -> Attendee:
    """Check and save one edited field of one person at once, in its own transaction.

    ``name`` sets the printed (display) name and splits first and last name from it;
    ``role`` must be one of the badge roles (any case); lengths follow the importers'
    limits. Raises EditError with the reason, StoreError when the file refuses (busy).
    """
    if field not in EDITABLE_ATTENDEE_FIELDS:
        raise EditError(f"{field!r} cannot be edited here; edit {', '.join(EDITABLE_ATTENDEE_FIELDS)}")
    text = clean_text(value)
    limit = MAX_LENGTHS["display_name" if field == "name" else field]
    if len(text) > limit:
        raise EditError(f"{field} is {len(text):,} characters long; at most {limit:,} are accepted")
    if field == "name":
        if not text:
            raise EditError("a name cannot be empty: a badge needs a name")
        changes = name_fields(text)
    elif field == "role":
        role = known_role(text)
        if role is None:
            raise EditError(f"unknown role {text!r}; choose one of {', '.join(ROLES)}")
        changes = {"role": role}
    else:
        changes = {field: text}
    with using(event) as session, session.writing() as store:
        stored = store.change_attendee(attendee_id, changes)
    if stored is None:
        raise EditError(f"nobody with id {attendee_id!r} is in the event file any more")
    return stored


