"""Where an event lives: the event file (SQLite)."""

from hildprint.core.store.sqlite import EventStore, StoreError, UpsertCounts

__all__ = ["EventStore", "StoreError", "UpsertCounts"]
