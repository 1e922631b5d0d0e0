"""An attendee's other import columns (``extra``) are stored as JSON, on the event file
and on a PostgreSQL server alike, and an older event file gains the column when opened."""

from __future__ import annotations

import sqlite3

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.store import EventStore, ServerEventStore
from hildprint.core.store.migrations import SCHEMA_VERSION

PEOPLE = [Attendee("P1", "Ana", "Sousa", extra={"Dietary": "Vegetarian", "T-shirt": "M"}),
          Attendee("P2", "Jiwoo", "Park", extra={"식단": "비건"}), Attendee("P3", "No", "Extras")]


def _round_trip(store) -> None:
    with store.transaction():
        store.upsert_attendees(PEOPLE)
    assert {p.id: p.extra for p in store.attendees()} == {p.id: p.extra for p in PEOPLE}
    changed = store.change_attendee("P3", {"extra": {"T-shirt": "S"}})
    assert changed.extra == {"T-shirt": "S"}


def test_extra_columns_round_trip_in_the_event_file(tmp_path):
    with EventStore.create(tmp_path / "e.hildprint", Event("SciDL 2026", code="S26")) as store:
        _round_trip(store)


def test_extra_columns_round_trip_on_a_server(pg_url):
    with ServerEventStore.create(pg_url, Event("SciDL 2026", code="S26")) as store:
        _round_trip(store)
        assert store.schema_version == SCHEMA_VERSION


def test_an_event_file_from_before_gains_the_column_empty(tmp_path):
    path = tmp_path / "old.hildprint"
    with EventStore.create(path, Event("Old", code="OLD")) as store, store.transaction():
        store.upsert_attendees([Attendee("A1", "Old", "Person")])
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE attendees DROP COLUMN extra")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with EventStore.open(path) as store:
        assert store.attendees()[0].extra == {}
        assert store.schema_version == SCHEMA_VERSION


def test_an_export_gives_the_other_columns_back_to_an_import(tmp_path):
    """Exported attendees carry their other columns as columns of their own (not a JSON
    blob), and importing that export into a new event keeps them."""
    from hildprint.cli import main
    from hildprint.core import services

    first = tmp_path / "first.hildprint"
    with EventStore.create(first, Event("SciDL 2026", code="S26")) as store, store.transaction():
        store.upsert_attendees(PEOPLE)
    out = tmp_path / "people.csv"
    assert main(["export", str(first), "attendees", "-o", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "extra" not in header and {"Dietary", "T-shirt", "식단"} <= set(header)
    second = tmp_path / "second.hildprint"
    services.create_event(second, Event("Again", code="AGAIN"))
    assert main(["import", str(second), "attendees", str(out)]) == 0
    with EventStore.open(second) as store:
        assert {p.id: p.extra for p in store.attendees()} == {p.id: p.extra for p in PEOPLE}
