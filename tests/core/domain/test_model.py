"""Closed sets as enums that are still their text: roles, session kinds, desk refusals."""

from __future__ import annotations

import sqlite3

import pytest

from hildprint.core.desk.operations import Desk, DeskError, Refusal
from hildprint.core.domain.model import (
    ROLES,
    SESSION_KINDS,
    Attendee,
    Event,
    Role,
    Session,
    SessionKind,
    known_role,
)
from hildprint.core.importers import KINDS, ImportKind, read
from hildprint.core.importers.attendees import role_from_text
from hildprint.core.importers.programme import session_kind
from hildprint.core.store import EventStore


def test_roles_and_kinds_are_their_text():
    """Members equal, hash and format as their text, so stored values and comparisons hold."""
    assert Role.SPEAKER == "Speaker" and f"{Role.SPEAKER}" == "Speaker"
    assert {"Speaker": 1}[Role.SPEAKER] == 1
    assert ROLES == ("Organiser", "Speaker", "Author", "Volunteer", "Attendee")
    assert all(type(role) is str for role in ROLES + SESSION_KINDS)
    assert SessionKind("poster") is SessionKind.POSTER and "poster" in SESSION_KINDS


def test_role_and_kind_readers_give_members():
    """Typed roles in any case and source words for kinds become members, unknown ones do not."""
    assert known_role(" speaker ") is Role.SPEAKER and known_role("Chair") is None
    assert role_from_text("Invited Speaker") is Role.SPEAKER and role_from_text("") is Role.ATTENDEE
    assert session_kind("Coffee", "") == (SessionKind.BREAK, False)
    assert session_kind("", "Poster session 1") == (SessionKind.POSTER, False)
    assert session_kind("sauna", "Friday") == (SessionKind.OTHER, True)


def test_the_event_file_keeps_plain_text(tmp_path):
    """An enum value is written as its text: the event file's format does not change."""
    path = tmp_path / "e.hildprint"
    with EventStore.create(path, Event("E")) as store:
        store.upsert_attendees([Attendee("a", "Ana", "Lima", role=Role.SPEAKER)])
        store.upsert_sessions([Session("s", "Posters", "2026-07-10T13:00:00+00:00",
                                       "2026-07-10T14:00:00+00:00", kind=SessionKind.POSTER)])
        assert store.attendee("a").role == Role.SPEAKER
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT role FROM attendees").fetchone() == ("Speaker",)
    assert conn.execute("SELECT kind FROM sessions").fetchone() == ("poster",)
    conn.close()


def test_a_desk_refusal_names_its_reason(tmp_path):
    """A refusal carries a Refusal member that reads as its word ("unknown")."""
    with EventStore.create(tmp_path / "e.hildprint", Event("E", code="E")) as store, \
            pytest.raises(DeskError) as refused:
        Desk(store).check_in("NOBODY")
    assert refused.value.reason is Refusal.UNKNOWN and f"{refused.value.reason}" == "unknown"


def test_an_import_names_its_kind(tmp_path):
    """An import result's kind is an ImportKind that reads as its word."""
    source = tmp_path / "people.csv"
    source.write_text("Name\nAna de la Cruz\n", encoding="utf-8")
    result = read("attendees", source)
    assert result.kind is ImportKind.ATTENDEES and result.kind == "attendees"
    assert KINDS == ("attendees", "papers", "schedule")
