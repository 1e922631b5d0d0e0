"""Where an event lives: the event file (SQLite, :mod:`.sqlite`) or a PostgreSQL server
(:mod:`.postgres`), with one schema (:mod:`.migrations`) and the reads and writes both
share (:mod:`.base`, :mod:`.records`)."""

from __future__ import annotations

from pathlib import Path

from hildprint.core.domain.model import Event
from hildprint.core.store.base import SqlEventStore
from hildprint.core.store.postgres import ServerEventStore, ServerUnreachable, is_server_url, server_name
from hildprint.core.store.records import StoreError, UpsertCounts
from hildprint.core.store.sqlite import EventStore

__all__ = ["EventStore", "ServerEventStore", "ServerUnreachable", "SqlEventStore", "StoreError", "UpsertCounts",
           "create_store", "is_server_url", "open_store", "server_name"]


def open_store(location: str | Path) -> SqlEventStore:
    """The event at ``location``: an event file's path or a server's URL."""
    if is_server_url(location):
        return ServerEventStore.open(str(location))
    return EventStore.open(location)


def create_store(location: str | Path, event: Event) -> SqlEventStore:
    """A new event at ``location`` (a path or a URL); refuses one already there."""
    if is_server_url(location):
        return ServerEventStore.create(str(location), event)
    return EventStore.create(location, event)
