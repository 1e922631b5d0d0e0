"""The event on a PostgreSQL server (a throwaway one the tests start): the same schema and
records as the event file, one transaction per desk operation, changes announced to every
other connection, a clear error when the server cannot be reached."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.model import Attendee, Author, Paper, Room, Session
from hildprint.core.services.sample import create_sample_event
from hildprint.core.services.sync import push_event
from hildprint.core.store import EventStore, ServerEventStore, ServerUnreachable, StoreError, open_store
from hildprint.core.store.migrations import SCHEMA_VERSION


@pytest.fixture
def sample_file(tmp_path):
    """The sample event as an event file."""
    return create_sample_event(tmp_path / "hild.hildprint")


@pytest.fixture
def server_event(sample_file, pg_url):
    """The sample event pushed to a fresh database; its URL."""
    push_event(sample_file, pg_url)
    return pg_url


def _columns_of_file(store: EventStore) -> dict[str, list[str]]:
    tables = [r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: [r[1] for r in store._conn.execute(f"PRAGMA table_info({t})")] for t in tables}


def _columns_on_server(store: ServerEventStore) -> dict[str, list[str]]:
    rows = store._conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND table_name <> 'hildprint_meta' AND column_name <> 'rowid' ORDER BY table_name, ordinal_position")
    columns: dict[str, list[str]] = {}
    for row in rows:
        columns.setdefault(row["table_name"], []).append(row["column_name"])
    return columns


def test_the_server_gets_the_same_tables_and_columns_as_the_file(sample_file, server_event):
    with EventStore.open(sample_file) as file, ServerEventStore.open(server_event) as server:
        assert _columns_on_server(server) == _columns_of_file(file)
        assert server.schema_version == file.schema_version == SCHEMA_VERSION


def test_every_record_comes_back_from_the_server_as_pushed(sample_file, server_event):
    with EventStore.open(sample_file) as file, open_store(server_event) as server:
        assert server.event == file.event
        assert server.event.secret == file.event.secret
        assert server.attendees() == file.attendees()
        assert server.papers() == file.papers()
        assert server.sessions() == file.sessions()  # "end" is a reserved word on the server
        assert server.rooms() == file.rooms()
        assert server.settings() == file.settings()


def test_records_of_every_kind_round_trip_through_the_server(pg_url, sample_file):
    with EventStore.open(sample_file) as file:
        event = file.event
    with ServerEventStore.create(pg_url, event) as server:
        server.upsert_rooms([Room("r2", "Second"), Room("r1", "First")])
        server.upsert_sessions([Session("s1", "Talk 100%", "2026-07-10T09:00", "2026-07-10T10:00", "r1",
                                        speakers=["Zoë Müller"], cancelled=True)])
        server.upsert_papers([Paper("p1", 1, "A title", [Author("Ann", "KAIST")], board="B1")])
        counts = server.upsert_papers([Paper("p1", 1, "A title", [Author("Ann", "KAIST")])])
        assert (counts.unchanged, server.paper("p1").board) == (1, "B1")  # an empty board keeps the stored one
        assert [r.id for r in server.rooms()] == ["r2", "r1"]  # in the order added, as in the file
        session = server.sessions()[0]
        assert (session.end, session.speakers, session.cancelled, session.title) == (
            "2026-07-10T10:00", ["Zoë Müller"], True, "Talk 100%")


def test_an_empty_database_says_it_holds_no_event(pg_url):
    with pytest.raises(StoreError, match="holds no"):
        ServerEventStore.open(pg_url)


def test_a_second_event_is_refused_and_replace_empties_the_database(sample_file, server_event, tmp_path):
    with pytest.raises(StoreError, match="already holds an event"):
        push_event(sample_file, server_event)
    other = create_sample_event(tmp_path / "other.hildprint")
    with EventStore.open(other) as store:
        store.upsert_attendees([Attendee("X1", "Only", "Here")])
    push_event(other, server_event, replace=True)
    with open_store(server_event) as server:
        assert server.attendee("X1") is not None


def test_an_unreachable_server_is_named_in_one_line(pg_server):
    url = f"postgresql://nobody@127.0.0.1:{_closed_port()}/gone"
    with pytest.raises(ServerUnreachable) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith(f"postgresql://nobody@127.0.0.1:{_closed_port.last}/gone: cannot reach the server")
    assert "\n" not in message


def _closed_port() -> int:
    from tests.helpers.postgres import free_port

    _closed_port.last = free_port()
    return _closed_port.last


def test_walk_in_ids_never_repeat_across_desks(server_event):
    """Eight desks, each on its own connection, add 15 walk-ins at once."""
    def desk_adds(number: int) -> list[str]:
        with open_store(server_event) as store:
            desk = Desk(store, f"desk {number}")
            return [desk.walk_in(f"Walk In {number}-{i}").id for i in range(15)]

    with ThreadPoolExecutor(8) as pool:
        ids = [i for batch in pool.map(desk_adds, range(8)) for i in batch]
    assert len(ids) == len(set(ids)) == 120
    with open_store(server_event) as store:
        assert sum(1 for p in store.attendees() if p.id.startswith("W")) == 120


def test_an_odd_imported_id_does_not_stop_walk_ins(server_event, tmp_path):
    with open_store(server_event) as store:
        store.upsert_attendees([Attendee("W²", "Odd", "Id"), Attendee("W0007", "Taken", "Already"),
                                Attendee("W-12", "Dash", "Id")])
        desk = Desk(store, "desk")
        assert [desk.walk_in("A Person").id, desk.walk_in("B Person").id] == ["W0008", "W0009"]


def test_only_one_desk_records_the_first_check_in(server_event):
    """Two desks check in the same 40 people at the same moment: each person has exactly
    one first check-in, whichever desk made it."""
    with open_store(server_event) as store:
        ids = [p.id for p in store.attendees()]
    start = threading.Barrier(2)

    def desk_checks_in(number: int) -> list[bool]:
        with open_store(server_event) as store:
            desk = Desk(store, f"desk {number}")
            start.wait()
            return [desk.check_in_id(i).first_time for i in ids]

    with ThreadPoolExecutor(2) as pool:
        one, two = pool.map(desk_checks_in, range(2))
    assert all(a != b for a, b in zip(one, two, strict=True))


def test_copy_numbers_stay_unique_when_two_desks_print_one_badge(server_event):
    with open_store(server_event) as store:
        person = store.attendees()[0].id

    def desk_prints(number: int) -> None:
        with open_store(server_event) as store:
            for _ in range(10):
                store.log_print(person, "2026-07-10T09:00:00+09:00", "PDF file", f"desk {number}")

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(desk_prints, range(3)))
    with open_store(server_event) as store:
        assert sorted(r.copy for r in store.print_log(person)) == list(range(1, 31))


def test_a_check_in_at_one_desk_is_announced_to_another_within_a_second(server_event):
    with open_store(server_event) as one, open_store(server_event) as other:
        assert not other.changed_elsewhere()
        person = one.attendees()[0].id
        Desk(one, "desk 1").check_in_id(person)
        deadline = time.monotonic() + 1.0
        while not other.changed_elsewhere():
            assert time.monotonic() < deadline, "the other desk did not hear of the check-in"
            time.sleep(0.05)
        assert other.attendee(person).checked_in_at is not None
        assert not one.changed_elsewhere()  # its own change is not news to itself


def test_an_import_never_undoes_a_check_in_another_desk_commits_meanwhile(server_event):
    """The import reads a person (not checked in), a desk checks them in and commits, then
    the import writes its update of that person: the check-in stays."""
    with open_store(server_event) as importer, open_store(server_event) as desk_store:
        people = importer.attendees()[:3]
        first = people[0]

        def records_with_a_check_in_between():
            yield replace(first, affiliation="Corrected University")
            assert desk_store.mark_checked_in(first.id, "2026-07-10T09:00:00+09:00")[1]
            yield from people[1:]

        counts = importer.upsert_attendees(records_with_a_check_in_between())
        assert counts.updated == 1
        stored = importer.attendee(first.id)
        assert (stored.affiliation, stored.checked_in_at) == ("Corrected University", "2026-07-10T09:00:00+09:00")


def test_undo_records_and_sent_messages_work_on_the_server(server_event):
    with open_store(server_event) as server:
        person = server.attendees()[0]
        server.log_print(person.id, "2026-07-10T09:00:00+09:00", "PDF file", "desk")
        prints = server.print_log(person.id)
        assert server.delete_records("attendees", [person.id]) == 1 and server.print_log(person.id) == []
        server.put_records("attendees", [person])
        server.restore_print_log(prints)
        assert server.attendee(person.id) == person and server.print_log(person.id) == prints
        server.record_sent_message("P1", "abc", "a@b.org", "Your poster", "2026-07-01T10:00:00+09:00")
        server.record_sent_message("P1", "abc", "a@b.org", "Your poster", "2026-07-01T10:00:00+09:00")
        assert [m["subject"] for m in server.sent_messages()] == ["Your poster"]
