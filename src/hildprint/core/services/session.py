"""One open event: the object every use case works on.

An :class:`EventSession` holds the event's store open and keeps what a use case has read
from it (the people, papers, rooms, sessions, the programme) until something is written,
so that one use case, or several in a row, never loads the same records twice. The command
line opens one per command; the window keeps one open for as long as the event is shown.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from hildprint.core.domain.model import Attendee, Event, Paper, Room, Session
from hildprint.core.domain.programme import Programme
from hildprint.core.store import SqlEventStore, create_store, is_server_url, open_store, server_name
from hildprint.core.store.offline import OfflineReadyStore
from hildprint.core.store.postgres import ServerEventStore

SQLITE_MAGIC = b"SQLite format 3\x00"

_CACHED = ("event", "attendees", "papers", "rooms", "sessions", "programme")


def is_event_file(path: str | Path) -> bool:
    """Whether ``path`` is an event (an SQLite event file, or a server's URL) rather than
    an export. Only a regular file is opened: a FIFO or device would block the read."""
    if is_server_url(path):
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


class EventSession:
    """An open event and what has been read from it, read again only after a change."""

    def __init__(self, store: SqlEventStore):
        self.store = store

    @classmethod
    def open(cls, location: str | Path) -> EventSession:
        """Open the event at ``location``, an event file's path or a server's
        ``postgresql://`` URL (StoreError when there is none)."""
        return cls(open_store(location))

    @classmethod
    def open_for_desk(cls, location: str | Path, folder: str | Path | None = None) -> EventSession:
        """Open the event for a badge desk: on a server, with a copy and a journal (in
        ``folder``, by default :func:`desk_data_folder`) so the desk goes on when the
        network drops; an event file as usual."""
        if not is_server_url(location):
            return cls.open(location)
        return cls(OfflineReadyStore(str(location), folder or desk_data_folder(str(location))))

    @property
    def offline_changes(self) -> int | None:
        """None while the event is reachable; offline, how many changes wait for the server."""
        store = self.store
        return store.pending if getattr(store, "offline", False) else None

    @classmethod
    def create(cls, location: str | Path, event: Event) -> EventSession:
        """Create a new event at ``location`` (a path or a URL) and open it."""
        return cls(create_store(location, event))

    @property
    def path(self) -> Path:
        """Where the event is stored: the event file, or (on a server) the database's name
        as a path relative to the working folder, where the desk's PDFs go."""
        return self.store.path

    @property
    def source(self) -> str | Path:
        """What opens this event again: the server's URL, or the event file's path."""
        return getattr(self.store, "url", None) or self.store.path

    @property
    def location(self) -> str:
        """The event file or the server, as messages name it."""
        return self.store.location

    @property
    def on_server(self) -> bool:
        """Whether the event lives on a server rather than in a file."""
        return is_server_url(getattr(self.store, "url", ""))

    @property
    def folder(self) -> Path:
        """Where relative poster paths are taken from: the event file's folder, or for an
        event on a server (which has no folder) the current working folder."""
        return Path.cwd() if self.on_server else self.store.path.parent

    def close(self) -> None:
        """Close the store; the session cannot be used afterwards."""
        self.store.close()

    def __enter__(self) -> EventSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- what is read, kept until a change ----------------------------------------------
    @cached_property
    def event(self) -> Event:
        """The event's own settings (name, dates, zone, code)."""
        return self.store.event

    @cached_property
    def attendees(self) -> list[Attendee]:
        """Everyone registered, in the store's order."""
        return self.store.attendees()

    @cached_property
    def papers(self) -> list[Paper]:
        """The accepted papers."""
        return self.store.papers()

    @cached_property
    def rooms(self) -> list[Room]:
        """The rooms of the programme."""
        return self.store.rooms()

    @cached_property
    def sessions(self) -> list[Session]:
        """The programme's sessions."""
        return self.store.sessions()

    @cached_property
    def programme(self) -> Programme:
        """The event, its rooms and its sessions together."""
        return Programme(self.event, self.rooms, self.sessions)

    def forget(self) -> None:
        """Drop what was read, so the next use reads the store again."""
        for name in _CACHED:
            self.__dict__.pop(name, None)

    def refresh_if_changed(self) -> bool:
        """Forget what was read when another program changed the event; True if it did."""
        if self.store.changed_elsewhere():
            self.forget()
            return True
        return False

    @contextmanager
    def writing(self) -> Iterator[SqlEventStore]:
        """A transaction on the store; what was read is forgotten when it ends."""
        try:
            with self.store.transaction():
                yield self.store
        finally:
            self.forget()


def desk_data_folder(url: str) -> Path:
    """Where a desk keeps its copy and journal of an event on a server: under
    ``$HILDPRINT_DESK_DIR`` when set, else ``~/.local/share/hildprint/desks``, one folder
    per server and database."""
    base = os.environ.get("HILDPRINT_DESK_DIR") or Path.home() / ".local" / "share" / "hildprint" / "desks"
    name = server_name(url)
    digest = hashlib.sha1(name.encode()).hexdigest()[:10]
    return Path(base) / f"{ServerEventStore.database_name(url)}-{digest}"


EventRef = EventSession | str | Path
"""What a use case accepts: an open session, or the path of an event file (or a server's
URL) to open."""


@contextmanager
def using(event: EventRef) -> Iterator[EventSession]:
    """The session for ``event``: the one given, or one opened on a path for this block."""
    if isinstance(event, EventSession):
        yield event
        return
    with EventSession.open(event) as session:
        yield session
