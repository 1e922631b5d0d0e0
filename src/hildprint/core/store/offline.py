"""A desk's hold on an event on a server that keeps working when the network drops.

:class:`OfflineReadyStore` works on the server while it answers, and keeps a copy of the
event in an event file of its own (``replica.hildprint`` in the desk's folder), brought up
to date whenever the server announces a change. When the server cannot be reached, the
desk goes on from the copy: searching, checking in, printing, adding walk-ins. Each change
made meanwhile is applied to the copy and written to a journal on disk
(``journal.jsonl``, one line per change, flushed to the disk before the desk goes on).
When the server answers again the journal is replayed in order, each change in one
transaction together with its mark in the server's ``applied_changes`` table: a change
replayed twice (the desk died after the server applied it) is skipped, so nothing is
lost and nothing is applied twice. Walk-ins added offline get ids of the form
``W-TAG-0001``, where TAG is this desk's own, so two desks offline never hand out one id.
"""

from __future__ import annotations

import json
import os
import random
import string
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hildprint.core.domain.model import Attendee, Event, PrintRecord
from hildprint.core.store.copying import copy_event
from hildprint.core.store.postgres import ServerEventStore, ServerUnreachable
from hildprint.core.store.records import StoreError
from hildprint.core.store.sqlite import EventStore

REPLICA = "replica.hildprint"
JOURNAL = "journal.jsonl"
TAG_FILE = "desk-tag"
RETRY_S = 5.0
"""How often an offline desk tries the server again (each try may wait for a time-out)."""
READS = frozenset({
    "attendees", "attendee", "attendee_ids", "ids_like", "attendee_count", "arrived_count", "print_log",
    "papers", "paper", "rooms", "sessions", "settings", "setting", "poster_checks", "counters", "desk_log",
})
"""What the desk may read from its copy while the server is away."""


class Journal:
    """Changes waiting for the server, one JSON line each, in the order they were made."""

    def __init__(self, path: Path):
        self.path = path

    def entries(self) -> list[dict[str, Any]]:
        """The waiting changes, oldest first (a line cut off by a crash is left out)."""
        if not self.path.exists():
            return []
        entries = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # the last line, half-written when the machine stopped
        return entries

    def append(self, op: str, *args: Any) -> None:
        """Add a change and flush it to the disk before returning."""
        line = json.dumps({"uid": uuid.uuid4().hex, "op": op, "args": list(args)}, ensure_ascii=False)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def keep_only(self, entries: list[dict[str, Any]]) -> None:
        """Replace the journal with ``entries`` (those not yet applied), atomically."""
        partial = self.path.with_suffix(".part")
        with open(partial, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)


class OfflineReadyStore:
    """The event on a server, with a copy and a journal in ``folder`` for when it is away."""

    def __init__(self, url: str, folder: str | Path):
        self._dirty = False
        self._next_try = 0.0
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.url = url
        self.journal = Journal(self.folder / JOURNAL)
        self.tag = self._desk_tag()
        self.server: ServerEventStore | None = None
        self.replica: EventStore | None = None
        try:
            self.server = ServerEventStore.open(url)
        except ServerUnreachable:
            if not (self.folder / REPLICA).exists():
                raise  # never reached, and no copy to work from
        self.replica = self._open_replica()
        self.location = self.server.location if self.server else f"{url} (offline)"
        self.path = self.server.path if self.server else Path(ServerEventStore.database_name(url))
        if self.server is not None:
            self.catch_up()

    def _desk_tag(self) -> str:
        tag_file = self.folder / TAG_FILE
        if not tag_file.exists():
            tag_file.write_text("".join(random.choices(string.ascii_uppercase, k=4)))
        return tag_file.read_text().strip()

    def _open_replica(self) -> EventStore:
        path = self.folder / REPLICA
        if path.exists():
            replica = EventStore.open(path)
        else:
            replica = EventStore.create(path, self.server.event)
        if self.server is not None and not self.journal.entries():
            copy_event(self.server, replica)
        return replica

    # -- state -------------------------------------------------------------------------
    @property
    def offline(self) -> bool:
        """Whether the desk works from its copy now."""
        return self.server is None

    @property
    def pending(self) -> int:
        """How many changes wait in the journal for the server."""
        return len(self.journal.entries())

    def _lost_server(self) -> None:
        if self.server is not None:
            with suppress(Exception):
                self.server.close()
        self.server = None

    def catch_up(self) -> bool:
        """Reach the server again if it was away, replay the journal and refresh the copy;
        whether the server answers now."""
        try:
            if self.server is None:
                self.server = ServerEventStore.open(self.url)
            self._replay()
            self._refresh_replica()
        except ServerUnreachable:
            self._lost_server()
            return False
        return True

    def _replay(self) -> None:
        entries = self.journal.entries()
        for done, entry in enumerate(entries):
            with self.server.transaction():
                seen = self.server._execute("SELECT 1 AS x FROM applied_changes WHERE uid = ?", (entry["uid"],))
                if seen.fetchone() is None:
                    getattr(self.server, entry["op"])(*entry["args"])
                    self.server._execute("INSERT INTO applied_changes (uid, applied_at) VALUES (?, ?)",
                                         (entry["uid"], datetime.now(UTC).isoformat(timespec="seconds")))
            self.journal.keep_only(entries[done + 1:])

    def _refresh_replica(self) -> None:
        stored = {p.id: p for p in self.replica.attendees()}
        with self.replica.transaction():
            for person in self.server.attendees():
                if person.id not in stored:
                    self.replica.add_attendee(person)
                elif stored[person.id] != person:
                    self.replica.change_attendee(person.id, {k: v for k, v in asdict(person).items() if k != "id"})
            self.replica.add_print_records(self.server.print_log())

    # -- the store the desk sees ---------------------------------------------------------
    @property
    def event(self) -> Event:
        """The event (from the copy when offline)."""
        return self._read("event")

    def _read(self, name: str, *args: Any) -> Any:
        if self.server is not None:
            try:
                value = getattr(self.server, name)
                return value(*args) if callable(value) else value
            except ServerUnreachable:
                self._lost_server()
        value = getattr(self.replica, name)
        return value(*args) if callable(value) else value

    def __getattr__(self, name: str) -> Any:
        if name in READS:
            return lambda *args: self._read(name, *args)
        raise AttributeError(name)

    def _write(self, op: str, *args: Any) -> Any:
        if self.server is not None:
            try:
                result = getattr(self.server, op)(*args)
                self._dirty = True
                return result
            except ServerUnreachable:
                self._lost_server()
        result = getattr(self.replica, op)(*args)
        self.journal.append(op, *args)
        return result

    def mark_checked_in(self, attendee_id: str, when: str) -> tuple[Attendee | None, bool]:
        """Record an arrival (on the server, or on the copy and in the journal)."""
        return self._write("mark_checked_in", attendee_id, when)

    def undo_check_in(self, attendee_id: str) -> Attendee | None:
        """Clear a recorded arrival."""
        return self._write("undo_check_in", attendee_id)

    def change_attendee(self, attendee_id: str, changes: dict[str, Any]) -> Attendee | None:
        """Set some fields of one attendee."""
        return self._write("change_attendee", attendee_id, changes)

    def log_action(self, attendee_id: str, when: str, desk: str, action: str) -> None:
        """Add a line to the desk log."""
        self._write("log_action", attendee_id, when, desk, action)

    def log_print(self, attendee_id: str, printed_at: str, printer: str, desk: str) -> PrintRecord:
        """Log one badge print."""
        return self._write("log_print", attendee_id, printed_at, printer, desk)

    def add_attendee(self, attendee: Attendee) -> bool:
        """Add a new person (a walk-in)."""
        if self.server is not None:
            try:
                return self.server.add_attendee(attendee)
            except ServerUnreachable:
                self._lost_server()
        added = self.replica.add_attendee(attendee)
        if added:
            self.journal.append("add_attendee_record", asdict(attendee))
        return added

    def next_walk_in_id(self) -> str:
        """The server's next walk-in id; offline, the next ``W-TAG-0001`` of this desk."""
        if self.server is not None:
            try:
                return self.server.next_walk_in_id()
            except ServerUnreachable:
                self._lost_server()
        prefix = f"W-{self.tag}-"
        taken = [int(i[len(prefix):]) for i in self.replica.attendee_ids()
                 if i.startswith(prefix) and i[len(prefix):].isdigit()]
        return f"{prefix}{max(taken, default=0) + 1:04d}"

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction on the server, or on the copy while offline."""
        if self.server is not None:
            try:
                self.server.integrity_check()  # a dead connection is found out before the block starts
            except ServerUnreachable:
                self._lost_server()
        if self.server is not None:
            try:
                with self.server.transaction():
                    yield
                return
            except ServerUnreachable:
                self._lost_server()
                raise StoreError(f"{self.location}: the server went away; try again (the desk now "
                                 "works offline)") from None
        with self.replica.transaction():
            yield

    def changed_elsewhere(self) -> bool:
        """Whether another desk changed something, or the server came back (then the
        journal has been replayed); the copy is brought up to date."""
        if self.server is None:
            if time.monotonic() < self._next_try:
                return False
            self._next_try = time.monotonic() + RETRY_S
            return self.catch_up()
        try:
            heard = self.server.changed_elsewhere()
        except ServerUnreachable:
            self._lost_server()
            return True  # "offline" is news to show
        if heard or self._dirty:
            self._dirty = False
            self.catch_up()
        return heard

    def close(self) -> None:
        """Close the server's connection and the copy."""
        if self.server is not None:
            self.server.close()
        if self.replica is not None:
            self.replica.close()

    def __enter__(self) -> OfflineReadyStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
