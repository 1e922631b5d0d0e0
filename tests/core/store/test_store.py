"""The event file: creation, migrations, upserts by id, transactions, clear errors."""

from __future__ import annotations

import sqlite3

import pytest

from hildprint.core.domain.model import Attendee, Author, Event, Paper, Room, Session
from hildprint.core.store.migrations import MIGRATIONS, split_sql
from hildprint.core.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, EventStore, StoreError


@pytest.fixture
def store(tmp_path):
    """A new, empty event file, open."""
    with EventStore.create(tmp_path / "e.hildprint", Event("HiLD 2026", code="HILD26")) as s:
        yield s


def test_create_sets_wal_foreign_keys_and_schema_version(store):
    """A new file is in WAL mode, enforces foreign keys and is at the latest schema."""
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == SCHEMA_VERSION
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_event_round_trips_with_a_random_secret(tmp_path):
    """The event's details survive a reopen and each event gets its own secret."""
    EventStore.create(tmp_path / "a.hildprint", Event("A", timezone="Asia/Seoul")).close()
    EventStore.create(tmp_path / "b.hildprint", Event("B")).close()
    with EventStore.open(tmp_path / "a.hildprint") as a, EventStore.open(tmp_path / "b.hildprint") as b:
        assert a.event.name == "A" and a.event.timezone == "Asia/Seoul"
        assert len(a.event.secret) == 64 and a.event.secret != b.event.secret


def test_upsert_updates_by_id_instead_of_duplicating(store):
    """Importing the same people twice adds nothing; a changed name is an update."""
    people = [Attendee("1", "Zoë", "Müller"), Attendee("2", "Nguyễn", "Văn An")]
    assert store.upsert_attendees(people).added == 2
    counts = store.upsert_attendees([Attendee("1", "Zoë", "Müller-Lüdenscheidt"), people[1]])
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 1)
    assert store.attendee_count() == 2
    assert store.attendee("1").last_name == "Müller-Lüdenscheidt"


def test_reimport_keeps_checkin_and_board(store):
    """Fields set onsite (check-in, board numbers) survive a re-import that lacks them."""
    store.upsert_attendees([Attendee("1", "A", "B", checked_in_at="2026-07-10T09:00:00+09:00")])
    store.upsert_attendees([Attendee("1", "A", "B")])
    assert store.attendee("1").checked_in_at == "2026-07-10T09:00:00+09:00"
    store.upsert_papers([Paper("p1", 1, "T", [Author("X", "KAIST")], board="12")])
    store.upsert_papers([Paper("p1", 1, "T2", [Author("X", "KAIST")])])
    assert store.paper("p1").board == "12" and store.paper("p1").title == "T2"


def test_papers_keep_authors_with_affiliations(store):
    """Authors and their affiliations round-trip in order."""
    authors = [Author("Ἀλέξανδρος Π.", "ETH"), Author("李华", "清华大学")]
    store.upsert_papers([Paper("p", 3, "Scaling", authors)])
    assert store.paper("p").authors == authors


def test_failed_transaction_writes_nothing(store):
    """An error inside a transaction rolls back every change made in it."""
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_attendees([Attendee("1", "A")])
        raise RuntimeError("boom")
    assert store.attendee_count() == 0


def test_sessions_reference_rooms(store):
    """A session's room must exist (foreign key), and deleting nothing breaks order."""
    store.upsert_rooms([Room("r1", "Hall A")])
    store.upsert_sessions([Session("s1", "Talk", "2026-07-10T09:00:00+09:00",
                                   "2026-07-10T10:00:00+09:00", "r1", speakers=["A"])])
    assert store.sessions()[0].speakers == ["A"]
    with pytest.raises(StoreError):
        store.upsert_sessions([Session("s2", "X", "2026-07-10T09:00", "2026-07-10T10:00", "nope")])


def test_open_refuses_other_files(tmp_path):
    """Opening something that is not an event file gives one clear error."""
    junk = tmp_path / "junk.hildprint"
    junk.write_bytes(b"hello, not sqlite" * 100)
    with pytest.raises(StoreError, match="not a hildprint event file"):
        EventStore.open(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a hildprint event file"):
        EventStore.open(other)
    with pytest.raises(StoreError, match="no such event file"):
        EventStore.open(tmp_path / "missing.hildprint")


def test_create_refuses_to_overwrite(store):
    """Creating over an existing file is refused."""
    with pytest.raises(StoreError, match="already exists"):
        EventStore.create(store.path, Event("again"))


def test_newer_schema_is_refused(store, tmp_path):
    """A file from a newer hildprint is not opened (and not damaged)."""
    store._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer hildprint"):
        EventStore.open(store.path)


def test_a_file_from_before_session_links_opens_and_links(tmp_path):
    """An event file made before papers had a session id is migrated on opening: its
    papers keep everything and are unlinked until linked."""
    path = tmp_path / "old.hildprint"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for script in MIGRATIONS[:3]:
        for statement in split_sql(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO event VALUES (1, 'Old', 'OLD', '', '', '', 'UTC', '', 'x')")
    conn.execute("INSERT INTO papers VALUES ('p1', 1, 'T', '[]', '', 'Posters A', '7', '', '', '')")
    conn.close()
    with EventStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION > 3
        paper = store.paper("p1")
        assert (paper.session, paper.board, paper.session_id) == ("Posters A", "7", "")
        store.set_session_links({"p1": "s1"})
        assert store.paper("p1").session_id == "s1"


def test_busy_file_gives_a_clear_message(store, monkeypatch):
    """A writer holding the file makes a second writer fail with 'busy', not a traceback."""
    import hildprint.core.store.sqlite as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    other = EventStore.open(store.path)
    with other.transaction(), pytest.raises(StoreError, match="busy"):
        store.upsert_attendees([Attendee("9", "X")])
    other.close()


def test_changes_by_another_connection_are_noticed(store):
    """A commit by another connection is seen once; the store's own writes are not."""
    assert store.changed_elsewhere() is False
    store.upsert_attendees([Attendee("A1", display_name="Own write")])
    assert store.changed_elsewhere() is False
    with EventStore.open(store.path) as other:
        other.upsert_attendees([Attendee("B1", display_name="Other write")])
    assert store.changed_elsewhere() is True
    assert store.changed_elsewhere() is False
