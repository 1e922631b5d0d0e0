"""Where an event lives: the event file (SQLite, :mod:`.sqlite`), its schema
(:mod:`.migrations`) and what any store shares (:mod:`.records`)."""

from hildprint.core.store.records import StoreError, UpsertCounts
from hildprint.core.store.sqlite import EventStore

__all__ = ["EventStore", "StoreError", "UpsertCounts"]
