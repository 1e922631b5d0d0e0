"""Moving an event between an event file and a server, and bringing copies together.

``push`` copies an event file into an empty database on a server (or, when told,
replaces the event there); ``pull`` writes a server's event into a new event file;
``merge`` brings the check-ins, walk-ins and print logs of copies used offline into one
event, so that running it twice changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Attendee
from hildprint.core.store import EventStore, ServerEventStore, SqlEventStore, StoreError, open_store
from hildprint.core.store.base import WALK_IN_PREFIX
from hildprint.core.store.copying import CopyCounts, copy_event


class SyncError(HildprintError):
    """An event cannot be pushed, pulled or merged; the message says why."""


def push_event(event_file: str | Path, url: str, replace: bool = False) -> CopyCounts:
    """Copy the event file into the database at ``url``: refused when the database
    already holds an event, unless ``replace``."""
    with EventStore.open(event_file) as source:
        event = source.event
        with ServerEventStore.create(url, event, replace=replace) as target:
            return copy_event(source, target)


def pull_event(url: str, event_file: str | Path, overwrite: bool = False) -> CopyCounts:
    """Write the server's event into a new event file (replacing one there only when
    ``overwrite``); the file appears whole or not at all."""
    target_path = Path(event_file)
    if target_path.exists() and not overwrite:
        raise SyncError(f"{target_path}: already exists; choose another name or replace it")
    partial = target_path.with_name(f".{target_path.name}.part")
    partial.unlink(missing_ok=True)
    with open_store(url) as source:
        try:
            with EventStore.create(partial, source.event) as target:
                counts = copy_event(source, target)
            os.replace(partial, target_path)
        finally:
            partial.unlink(missing_ok=True)
            Path(f"{partial}-wal").unlink(missing_ok=True)
            Path(f"{partial}-shm").unlink(missing_ok=True)
    return counts


@dataclass
class MergeCounts:
    """What a merge brought into the target."""

    check_ins: int = 0
    walk_ins: int = 0
    prints: int = 0
    renumbered: dict[str, str] = field(default_factory=dict)
    """Walk-ins whose id another person already had in the target: old id → new id."""


def merge_events(target: str | Path, sources: list[str | Path]) -> MergeCounts:
    """Bring the check-ins, walk-ins and print logs of ``sources`` (copies of the same
    event) into ``target``. The earliest arrival of a person is kept; a walk-in whose id
    is taken by someone else gets a new one. Running it again changes nothing."""
    counts = MergeCounts()
    with open_store(target) as into:
        for source_path in sources:
            with open_store(source_path) as source:
                _merge_one(source, into, counts)
    return counts


def _merge_one(source: SqlEventStore, into: SqlEventStore, counts: MergeCounts) -> None:
    if (source.event.code, source.event.secret) != (into.event.code, into.event.secret):
        raise SyncError(f"{source.location}: a copy of another event ({source.event.name}), "
                        f"not of {into.event.name}")
    with into.transaction():
        ids: dict[str, str] = {}
        for person in source.attendees():
            ids[person.id] = _merge_person(person, into, counts)
        prints = [replace(record, attendee_id=ids[record.attendee_id]) for record in source.print_log()
                  if record.attendee_id in ids]
        counts.prints += into.add_print_records(prints)


def _merge_person(person: Attendee, into: SqlEventStore, counts: MergeCounts) -> str:
    stored = into.attendee(person.id)
    if stored is not None and not _same_person(stored, person):
        twin = next((p for p in into.attendees() if p.id.startswith(WALK_IN_PREFIX) and _same_person(p, person)), None)
        if twin is not None:
            stored = twin
        elif person.id.startswith(WALK_IN_PREFIX):
            new_id = into.next_walk_in_id()
            counts.renumbered[person.id] = new_id
            into.add_attendee(replace(person, id=new_id))
            counts.walk_ins += 1
            return new_id
        else:
            return person.id  # an imported person edited in both places: the target's stays
    if stored is None:
        into.add_attendee(person)
        counts.walk_ins += 1
        return person.id
    arrived = [t for t in (stored.checked_in_at, person.checked_in_at) if t]
    if arrived and min(arrived) != stored.checked_in_at:
        into.change_attendee(stored.id, {"checked_in_at": min(arrived)})
        counts.check_ins += 1
    return stored.id


def _same_person(one: Attendee, other: Attendee) -> bool:
    return (one.first_name, one.last_name, one.display_name, one.affiliation, one.email) == (
        other.first_name, other.last_name, other.display_name, other.affiliation, other.email)


__all__ = ["CopyCounts", "MergeCounts", "StoreError", "SyncError", "copy_event", "merge_events", "pull_event",
           "push_event"]
