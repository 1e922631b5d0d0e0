"""What any store of events shares: how each kind of record maps onto a table, the
counts an upsert reports, and the error a store raises.

The SQLite event file and the PostgreSQL server use the same tables and rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Attendee, Author, Paper, Room, Session, field_names


class StoreError(HildprintError):
    """An event file cannot be created, opened or changed; the message says why."""


@dataclass(frozen=True)
class Table:
    """How one model type maps onto one table."""

    name: str
    record_type: type
    json_columns: tuple[str, ...] = ()
    bool_columns: tuple[str, ...] = ()
    keep_when_empty: tuple[str, ...] = ()
    """Columns set here, not by imports: an empty incoming value keeps the stored one."""
    order_by: str = "rowid"

    @property
    def columns(self) -> list[str]:
        """The table's columns: the record type's fields, in order."""
        return field_names(self.record_type)


ATTENDEES = Table(
    "attendees", Attendee, json_columns=("extra",), bool_columns=("consent_contact_qr",),
    keep_when_empty=("checked_in_at",), order_by="lower(last_name), first_name",
)
PAPERS = Table(
    "papers", Paper, json_columns=("authors",), keep_when_empty=("board", "poster_file"),
    order_by="number IS NULL, number, id",
)
ROOMS = Table("rooms", Room, order_by="rowid")
SESSIONS = Table(
    "sessions", Session, json_columns=("speakers",), bool_columns=("cancelled",),
    order_by="start, room_id",
)


@dataclass
class UpsertCounts:
    """How many records an upsert added, changed and found already identical."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: UpsertCounts) -> UpsertCounts:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def to_row(table: Table, record: Any) -> dict[str, Any]:
    """A record as the column values of its row (lists as JSON text, flags as 0 or 1)."""
    row = asdict(record)
    for column in table.json_columns:
        row[column] = json.dumps(row[column], ensure_ascii=False)
    for column in table.bool_columns:
        row[column] = int(bool(row[column]))
    return row


def from_row(table: Table, row: Mapping[str, Any]) -> Any:
    """The record a stored row holds."""
    values = dict(row)
    for column in table.json_columns:
        values[column] = json.loads(values[column])
    for column in table.bool_columns:
        values[column] = bool(values[column])
    if table.record_type is Paper:
        values["authors"] = [Author(**a) for a in values["authors"]]
    return table.record_type(**values)
