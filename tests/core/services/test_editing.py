"""Changing an event and putting changes back: settings, records added and deleted,
papers and sessions edited, posters attached, imports reverted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hildprint.core import services
from hildprint.core.services.sample import create_sample_event


@pytest.fixture
def event(tmp_path):
    """A fresh copy of the sample event."""
    return create_sample_event(tmp_path / "hild.hildprint")


def test_a_last_day_before_the_first_is_refused_when_creating(tmp_path):
    """create_event refuses 10 to 8 September before writing any file."""
    path = tmp_path / "e.hildprint"
    with pytest.raises(services.EditError, match=r"last day \(2026-09-08\) is before the first day"):
        services.create_event(path, services.Event("E", start_date="2026-09-10", end_date="2026-09-08"))
    assert not path.exists()


def test_event_settings_are_checked_saved_and_keep_the_secret(event):
    """Name, dates, venue, zone, code and second language are saved; the badge secret stays."""
    before = services.event_settings(event)
    changed = replace(before.event, name=" HiLD  2027 ", venue="COEX", timezone="Europe/Berlin",
                      start_date="2027-07-01", end_date="2027-07-02", code="hild27")
    stored = services.save_event_settings(event, services.EventSettings(changed, "Deutsch"))
    assert stored.event.name == "HiLD 2027" and stored.event.code == "HILD27"
    assert stored.event.timezone == "Europe/Berlin" and stored.second_language == "Deutsch"
    assert stored.event.secret == before.event.secret
    assert services.event_settings(event) == stored


@pytest.mark.parametrize(("changes", "message"), [
    ({"end_date": "2026-01-01"}, "is before the first day"),
    ({"start_date": "10/9/2026"}, "first day '10/9/2026' is not a date"),
    ({"name": "  "}, "needs a name"),
    ({"code": "HI LD"}, "letters and digits only"),
    ({"timezone": "Seoul"}, "not a known time zone"),
])
def test_bad_event_settings_are_refused_and_nothing_is_saved(event, changes, message):
    """Each bad field is named; the stored event is unchanged."""
    before = services.event_settings(event)
    with pytest.raises(services.HildprintError, match=message):
        services.change_event(event, **changes)
    assert services.event_settings(event) == before


def test_deleted_people_come_back_exactly_as_they_were(event):
    """delete_records returns the people with their printed badges; restore_removed puts
    all of it back: check-in, names and the desk's print log."""
    with services.using(event) as session:
        first, second = session.attendees[:2]
    with services.EventSession.open(event) as session:
        session.store.mark_checked_in(first.id, "2026-07-10T09:00:00+09:00")
        printed = session.store.log_print(first.id, "2026-07-10T09:01:00+09:00", "Zebra", "desk A")
    removed = services.delete_records(event, "attendees", [first.id, second.id])
    assert [p.id for p in removed.records] == [first.id, second.id] and removed.print_log == [printed]
    ids = {p["id"] for p in services.list_records(event, "attendees")}
    assert first.id not in ids and second.id not in ids
    with services.EventSession.open(event) as session:
        assert session.store.print_log(first.id) == []  # the file drops a deleted person's prints
    services.restore_removed(event, removed)
    back = {p["id"]: p for p in services.list_records(event, "attendees")}
    assert back[first.id]["checked_in_at"] == "2026-07-10T09:00:00+09:00"
    assert back[second.id]["display_name"] == second.display_name
    with services.EventSession.open(event) as session:
        assert session.store.print_log(first.id) == [printed]


def test_a_deleted_paper_comes_back_with_its_poster_check(event):
    """A paper's latest poster check returns with the paper."""
    from hildprint.core.domain.model import PosterCheck

    with services.using(event) as session:
        paper = session.papers[0]
    check = PosterCheck(paper.id, "p.pdf", "pass", "icml-2026-workshop", "2026-07-01T10:00:00+00:00", [])
    with services.EventSession.open(event) as session:
        session.store.record_poster_checks([check])
    removed = services.delete_records(event, "papers", [paper.id])
    assert removed.poster_checks == [check] and services.poster_checks(event) == []
    services.restore_removed(event, removed)
    assert services.poster_checks(event) == [check]


def test_an_added_person_gets_a_new_id_and_a_checked_role(event):
    """add_attendee splits the name and refuses an empty name or an unknown role."""
    person = services.add_attendee(event, "Zoë  Müller", "KAIST", "speaker")
    stored = {p["id"]: p for p in services.list_records(event, "attendees")}[person.id]
    assert stored["last_name"] == "Müller" and stored["role"] == "Speaker"
    with pytest.raises(services.EditError, match="name cannot be empty"):
        services.add_attendee(event, " ")
    with pytest.raises(services.EditError, match="unknown role 'Chair'"):
        services.add_attendee(event, "A B", role="Chair")


def test_a_paper_is_saved_whole_and_a_taken_board_refused(event):
    """save_paper stores title and board; a board taken in the same session is refused."""
    with services.using(event) as session:
        papers = [p for p in session.papers if p.session]
    first, second = papers[0], next(p for p in papers[1:] if p.session == papers[0].session)
    services.save_paper(event, replace(first, title="A new title", board="77"))
    with services.using(event) as session:
        assert next(p for p in session.papers if p.id == first.id).title == "A new title"
    with pytest.raises(services.BoardError, match="board 77"):
        services.save_paper(event, replace(second, board="77"))
    with pytest.raises(services.EditError, match="title cannot be empty"):
        services.save_paper(event, replace(second, title=""))


def test_a_session_must_end_after_it_starts_and_sit_in_a_known_room(event):
    """save_session checks times (with offsets) and the room."""
    with services.using(event) as session:
        item = session.sessions[0]
    services.save_session(event, replace(item, title="Renamed", cancelled=True))
    with services.using(event) as session:
        stored = next(s for s in session.sessions if s.id == item.id)
    assert stored.title == "Renamed" and stored.cancelled
    with pytest.raises(services.EditError, match=r"ends .* before it starts"):
        services.save_session(event, replace(item, end=item.start))
    with pytest.raises(services.EditError, match="needs its UTC offset"):
        services.save_session(event, replace(item, start="2026-07-10T09:00"))
    with pytest.raises(services.EditError, match="no room with id 'nowhere'"):
        services.save_session(event, replace(item, room_id="nowhere"))


def test_a_poster_file_is_attached_relative_to_the_event_folder(event):
    """attach_poster keeps a path inside the event's folder relative and returns the paper before."""
    poster = event.parent / "posters" / "p1.pdf"
    poster.parent.mkdir()
    poster.write_bytes(b"%PDF-1.4\n")
    with services.using(event) as session:
        paper = session.papers[0]
    before = services.attach_poster(event, paper.id, poster)
    assert before == paper
    with services.using(event) as session:
        assert session.papers[0].poster_file == "posters/p1.pdf"
    with pytest.raises(services.EditError, match="no such poster file"):
        services.attach_poster(event, paper.id, event.parent / "missing.pdf")


def test_reverting_an_import_removes_what_it_added_and_restores_what_it_updated(event, tmp_path):
    """revert(before, after) undoes an import; reverting the other way redoes it."""
    with services.using(event) as session:
        someone = session.attendees[0]
    table = tmp_path / "people.csv"
    table.write_text(f"id,name,affiliation\n{someone.id},{someone.name},Elsewhere U\nnew-1,Ada Lovelace,Analytical\n",
                     encoding="utf-8")
    before = services.snapshot(event)
    services.import_file(event, "attendees", table)
    after = services.snapshot(event)
    assert after.records["attendees"]["new-1"].name == "Ada Lovelace"
    assert services.revert(event, before, after) == 2
    assert services.snapshot(event) == before
    services.revert(event, after, before)
    assert services.snapshot(event) == after


@pytest.mark.parametrize(("kind", "text", "missing"), [
    ("attendees", "Teilnehmer*in,Einrichtung\nJosé Núñez,Universidad de Chile\n", "names"),
    ("papers", "Nummer,Autor\n1,Ada\n", "title"),
    ("schedule", "Was,Wo\nTalk,Hall\n", "the start"),
])
def test_a_preview_with_an_unrecognised_column_offers_the_columns(tmp_path, kind, text, missing):
    """preview_import does not fail on a table whose needed column it cannot find: it
    gives the columns to map and says in words what is missing, with no command-line flag."""
    table = tmp_path / f"{kind}.csv"
    table.write_text(text, encoding="utf-8")
    preview = services.preview_import(kind, table)
    assert preview.header == text.splitlines()[0].split(",")
    assert missing in preview.missing and "--" not in preview.missing
    assert preview.result.records == []
    first = preview.header[0]
    mapped = services.preview_import(kind, table, mapping={first: "name" if kind == "attendees" else "title"})
    if kind != "schedule":
        assert mapped.missing == "" and len(mapped.result.records) == 1


def test_a_paper_typed_in_gets_an_id_and_the_next_number(event):
    """add_paper numbers after the highest number; an empty title is refused and nothing stored."""
    with services.using(event) as session:
        before = len(session.papers)
        highest = max(p.number or 0 for p in session.papers)
    added = services.add_paper(event, services.Paper(id="", title=" A late paper ", board=""))
    assert added.number == highest + 1 and added.title == "A late paper" and added.id
    with pytest.raises(services.EditError, match="title cannot be empty"):
        services.add_paper(event, services.Paper(id="", title=""))
    with services.using(event) as session:
        assert len(session.papers) == before + 1


def test_a_new_session_starts_at_nine_on_the_first_day_in_the_events_zone(event):
    """new_session drafts 09:00-10:00 local time on the first day, in the first room; saved, it is stored."""
    draft = services.new_session(event)
    assert draft.start == "2026-07-10T09:00:00+09:00" and draft.end == "2026-07-10T10:00:00+09:00"
    assert draft.room_id
    services.save_session(event, replace(draft, title="Lightning talks"))
    with services.using(event) as session:
        assert any(s.title == "Lightning talks" for s in session.sessions)
