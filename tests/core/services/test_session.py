"""The open event: what is read is kept until a write, another program's commit is noticed,
and ``using`` opens only what it was not given."""

from __future__ import annotations

import pytest

from hildprint.core.domain.model import Attendee
from hildprint.core.services.sample import create_sample_event
from hildprint.core.services.session import EventSession, is_event_file, using
from hildprint.core.store import EventStore, StoreError


@pytest.fixture
def event_path(tmp_path):
    """A new copy of the sample event."""
    return create_sample_event(tmp_path / "e.hildprint")


@pytest.fixture
def session(event_path):
    """The sample event, open as a session."""
    with EventSession.open(event_path) as opened:
        yield opened


class CountingReads:
    """Counts how often the session asks its store for the attendees."""

    def __init__(self, store: EventStore, monkeypatch):
        self.calls = 0
        read = store.attendees

        def counted():
            self.calls += 1
            return read()
        monkeypatch.setattr(store, "attendees", counted)


def test_what_is_read_is_kept_until_a_write(session, monkeypatch):
    """Reading twice asks the store once; a write through writing() makes the next read fresh."""
    reads = CountingReads(session.store, monkeypatch)
    first = session.attendees
    assert session.attendees is first and reads.calls == 1
    with session.writing() as store:
        store.upsert_attendees([Attendee("NEW1", "Ana", "de la Cruz")])
    assert "NEW1" in {p.id for p in session.attendees} and reads.calls == 2
    assert session.attendees is not first


def test_a_failed_write_is_rolled_back_and_forgotten(session):
    """A block that raises writes nothing, and what was read is read again."""
    first = session.attendees
    with pytest.raises(RuntimeError), session.writing() as store:
        store.upsert_attendees([Attendee("NEW1", "Ana", "Lima")])
        raise RuntimeError("stop")
    assert session.attendees is not first and "NEW1" not in {p.id for p in session.attendees}


def test_the_programme_is_built_once_from_the_cached_records(session):
    """The programme uses the session's own event, rooms and sessions, and is kept."""
    programme = session.programme
    assert programme is session.programme
    assert programme.rooms is session.rooms and programme.sessions is session.sessions
    assert programme.event is session.event


def test_refresh_if_changed_sees_another_connections_commit(session, event_path):
    """Another program's commit is noticed once and drops what was read; own writes are not
    counted as changes elsewhere."""
    assert session.refresh_if_changed() is False  # the first look only takes note
    with session.writing() as store:
        store.upsert_attendees([Attendee("OWN1", "Own", "Write")])
    assert session.refresh_if_changed() is False
    before = session.attendees
    with EventStore.open(event_path) as other:
        other.upsert_attendees([Attendee("OTHER1", "Other", "Program")])
    assert session.refresh_if_changed() is True
    assert "OTHER1" in {p.id for p in session.attendees} and session.attendees is not before
    assert session.refresh_if_changed() is False


def test_using_a_path_opens_and_closes(event_path):
    """Given a path, using() opens a session for the block and closes it afterwards."""
    with using(event_path) as opened:
        assert opened.path == event_path and len(opened.attendees) > 0
    with pytest.raises(StoreError):
        opened.store.attendees()


def test_using_a_session_leaves_it_open(session):
    """Given an open session, using() hands back that session and leaves it open."""
    with using(session) as same:
        assert same is session
        cached = same.attendees
    assert session.attendees is cached
    assert session.store.attendee_count() == len(cached)


def test_is_event_file(event_path, tmp_path):
    """An event file is recognised by its first bytes; an export or a missing file is not one."""
    export = tmp_path / "people.csv"
    export.write_text("id,name\n", encoding="utf-8")
    assert is_event_file(event_path)
    assert not is_event_file(export) and not is_event_file(tmp_path / "missing.hildprint")
