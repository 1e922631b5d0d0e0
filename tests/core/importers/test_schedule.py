"""Programmes: frab XML, iCalendar and tables; kinds, cancellations, rooms, time zones,
hostile rows, the real corpus, re-imports and the command line."""

from __future__ import annotations

import csv
import json
import tempfile
from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import SESSION_KINDS, Event
from hildprint.core.importers import UnreadableInput, read
from hildprint.core.importers.programme import session_kind, strip_cancel_mark


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes into ``tmp_path/name``."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def rooms_are_consistent(result) -> bool:
    """Whether room ids are unique and every session's room is among them."""
    room_ids = [room.id for room in result.rooms]
    return len(set(room_ids)) == len(room_ids) and all(
        s.room_id is None or s.room_id in room_ids for s in result.records)


# -- simple CSV ------------------------------------------------------------------------
PROGRAMME_CSV = """\
day,start,end,room,title,speakers,kind,cancelled,local_title,room_local
2026-07-10,08:30,09:00,Lobby,Registration,,,,등록,로비
2026-07-10,09:00,09:15,Hall A,Opening remarks,Cengiz Pehlevan; Courtney Paquette,opening,,개회사,A홀
2026-07-10,09:15,10:00,Hall A,Dynamics of SGD in high dimensions,Zoë Müller,Keynote,,,
2026-07-10,10:00,10:30,Hall A,Coffee break,,,,,
2026-07-10,10:30,11:00,Hall A,Contributed talk: edge of stability,Nguyễn Văn An; 李华,Contributed talk,,,
2026-07-10,11:00,11:30,Hall A,Spotlights (cancelled),Ana Lima,,,,
2026-07-10,11:30,12:30,Poster Hall,Poster session I,,poster,,,
2026-07-10,12:30,14:00,,Lunch,,,,,
2026-07-10,14:00,15:00,Hall A,Panel: what next?,A;B;C,,yes,,
2026-07-10,18:00,21:00,Sky Lounge,Workshop dinner,,Banquet,,,
2026-07-10,23:00,01:00,Sky Lounge,Late hacking,,social,,,
"""


def test_csv_programme_kinds_rooms_and_offsets(tmp_path):
    """The simple CSV: kinds mapped, speakers split, cancellations, local names, times with +09:00."""
    result = read("schedule", write(tmp_path, "programme.csv", PROGRAMME_CSV), timezone="Asia/Seoul")
    assert result.format == "csv" and result.accounted_for and not result.rejected
    sessions = {s.title: s for s in result.records}
    assert [s.kind for s in result.records] == [
        "registration", "opening", "keynote", "break", "talk", "talk", "poster", "lunch", "panel",
        "social", "social"]
    opening = sessions["Opening remarks"]
    assert opening.start == "2026-07-10T09:00:00+09:00" and opening.end == "2026-07-10T09:15:00+09:00"
    assert opening.speakers == ["Cengiz Pehlevan", "Courtney Paquette"] and opening.local_title == "개회사"
    assert sessions["Spotlights"].cancelled and sessions["Panel: what next?"].cancelled
    assert not sessions["Coffee break"].cancelled
    assert sessions["Lunch"].room_id is None
    assert sessions["Late hacking"].end == "2026-07-11T01:00:00+09:00"
    assert any("next day" in w.message and w.row == 12 for w in result.warnings)
    assert [(r.id, r.name, r.local_name) for r in result.rooms] == [
        ("lobby", "Lobby", "로비"), ("hall-a", "Hall A", "A홀"), ("poster-hall", "Poster Hall", ""),
        ("sky-lounge", "Sky Lounge", "")]
    assert rooms_are_consistent(result)
    assert all(s.kind in SESSION_KINDS for s in result.records)


def test_csv_hostile_rows(tmp_path):
    """Bad times, empty and over-long titles, NUL bytes and formulas: row messages, good rows kept."""
    text = "\n".join([
        "day,start,end,room,title,speakers",
        "2026-07-10,09:00,10:00,Hall A,Good talk,Ann",
        "2026-07-10,9 o'clock,10:00,Hall A,Bad start,Bo",
        "the tenth,09:00,10:00,Hall A,Bad day,Cy",
        "2026-07-10,09:00,10:00,Hall B,,Di",
        f"2026-07-10,11:00,12:00,Hall A,{'t' * 2000},Ed",
        "2026-07-10,12:00,13:00,Hall A,Nul\x00led,Fo",
        "2026-07-10,13:00,14:00,Hall A,=HYPERLINK(\"http://x\"),Gi",
        "2026-07-10,15:00,10:00,Hall A,Backwards,Hi",
        f"2026-07-10,16:00,17:00,{'r' * 400},Long room,Ij",
        "2026-07-10,9:30 pm,10:15 PM,Hall B,Evening talk,",
    ])
    result = read("schedule", write(tmp_path, "bad.csv", text), timezone="Europe/Berlin")
    assert result.accounted_for and result.rows_read == 10
    reasons = {p.row: p.message for p in result.rejected}
    assert set(reasons) == {3, 4, 5, 6, 9, 10}
    assert "9 o'clock" in reasons[3] and "10/07/2026" in reasons[4]
    assert reasons[5] == "no title" and "2,000 characters" in reasons[6]
    assert "before it starts" in reasons[9] and "room is 400" in reasons[10]
    titles = [s.title for s in result.records]
    assert titles == ["Good talk", "Nulled", '=HYPERLINK("http://x")', "Evening talk"]
    assert result.records[-1].start == "2026-07-10T21:30:00+02:00"
    assert {w.row for w in result.warnings if "NUL" in w.message or "formula" in w.message} == {7, 8}


def test_csv_needs_times_and_titles(tmp_path):
    """A table without start/end/title columns is refused, listing the columns it has."""
    with pytest.raises(UnreadableInput, match="no start column") as error:
        read("schedule", write(tmp_path, "p.csv", "day,title\n2026-07-10,x\n"))
    assert "found: day, title" in str(error.value)


def test_csv_mapping_and_ids(tmp_path):
    """--map names foreign columns; an id column makes ids stable, otherwise day+time+room."""
    text = "Tag;Beginn;Ende;Saal;Vortrag;Nummer\n2026-07-10;09:00;10:00;Saal 1;Eröffnung;S1\n"
    mapping = {"Tag": "day", "Beginn": "start", "Ende": "end", "Saal": "room", "Vortrag": "title", "Nummer": "id"}
    result = read("schedule", write(tmp_path, "p.csv", text), mapping=mapping)
    assert result.records[0].id == "S1" and result.records[0].room_id == "saal-1"
    del mapping["Nummer"]
    unmapped = read("schedule", write(tmp_path, "p.csv", text), mapping=mapping)
    assert unmapped.records[0].id == "2026-07-10T0900-saal-1"
    with pytest.raises(UnreadableInput, match="not a programme field"):
        read("schedule", write(tmp_path, "p.csv", text), mapping={"Tag": "weekday"})


def test_xlsx_programme_with_real_date_and_time_cells(tmp_path):
    """An XLSX programme whose cells are dates and times, not text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Day", "Start", "End", "Room", "Title", "Kind"])
    sheet.append([datetime(2026, 7, 11), time(9, 0), time(9, 45), "Hall A", "Invited talk", "keynote"])
    sheet.append([datetime(2026, 7, 11), time(9, 45), time(10, 15), "Hall A", "Tea", ""])
    book.save(tmp_path / "programme.xlsx")
    result = read("schedule", tmp_path / "programme.xlsx", timezone="Asia/Seoul")
    assert result.format == "xlsx" and result.accounted_for
    assert [(s.start, s.end, s.kind) for s in result.records] == [
        ("2026-07-11T09:00:00+09:00", "2026-07-11T09:45:00+09:00", "keynote"),
        ("2026-07-11T09:45:00+09:00", "2026-07-11T10:15:00+09:00", "break")]


def test_overlapping_sessions_in_one_room_are_warned(tmp_path):
    """Two sessions at once in the same room are both kept, with a warning on the later one."""
    text = ("day,start,end,room,title\n2026-07-10,09:00,10:00,Hall A,One\n"
            "2026-07-10,09:30,10:30,Hall A,Two\n2026-07-10,09:30,10:30,Hall B,Three\n")
    result = read("schedule", write(tmp_path, "p.csv", text), timezone="UTC")
    assert len(result.records) == 3
    assert [(w.row, "overlaps 'One'" in w.message) for w in result.warnings] == [(3, True)]


# -- kinds and cancellations -------------------------------------------------------------------
@pytest.mark.parametrize("source, title, kind", [
    ("", "Keynote: the bitter lesson", "keynote"),
    ("", "Lunch break", "lunch"),
    ("", "Coffee & posters", "break"),
    ("", "Breaking symmetry in deep nets", "talk"),
    ("", "Closing remarks and awards", "opening"),
    ("lecture", "Anything", "talk"),
    ("podium", "Anything", "panel"),
    ("workshop", "Anything", "tutorial"),
    ("Poster", "Anything", "poster"),
    ("meeting", "Anything", "other"),
])
def test_session_kinds(source, title, kind):
    """The source's kind word wins; otherwise the title; otherwise a talk."""
    assert session_kind(source, title)[0] == kind


@pytest.mark.parametrize("title, clean, cancelled", [
    ("CANCELLED: Scaling laws", "Scaling laws", True),
    ("[Canceled] Scaling laws", "Scaling laws", True),
    ("Scaling laws (cancelled)", "Scaling laws", True),
    ("Scaling laws – CANCELLED", "Scaling laws", True),
    ("Cancelled flights and delayed gradients", "Cancelled flights and delayed gradients", False),
    ("Noise-cancelled training", "Noise-cancelled training", False),
    ("CANCELLED", "CANCELLED", True),
])
def test_cancel_markers_are_taken_out_of_titles(title, clean, cancelled):
    """A marked title is cancelled and shown clean; a title merely containing the word is not."""
    assert strip_cancel_mark(title) == (clean, cancelled)


# -- frab ------------------------------------------------------------------------------------------
FRAB = """<?xml version='1.0' encoding='utf-8' ?>
<schedule>
  <conference><acronym>hild26</acronym><title>HiLD 2026</title></conference>
  <day date='2026-07-10' index='1' start='2026-07-10T09:00:00+09:00' end='2026-07-11T03:00:00+09:00'>
    <room name='Hall A'>
      <event id='101' guid='g-101'>
        <date>2026-07-10T09:00:00+09:00</date><start>09:00</start><duration>00:45</duration>
        <title>Opening &amp; welcome</title><type>other</type>
        <persons><person id='1'>Cengiz Pehlevan</person><person id='2'>이서연</person></persons>
      </event>
      <event id='102'>
        <start>01:30</start><duration>01:00</duration>
        <title>Midnight lecture</title><type>lecture</type><persons/>
      </event>
      <event id='103'>
        <date>2026-07-10T11:00:00+09:00</date><duration>ninety</duration><title>Bad duration</title>
      </event>
    </room>
    <room name='Hall B'>
      <event id='104'>
        <date>2026-07-10T10:00:00+09:00</date><duration>01:30</duration>
        <title>[CANCELLED] Hands-on JAX</title><type>workshop</type>
      </event>
      <event id='105'>
        <date>2026-07-10T12:00:00+09:00</date><duration>00:30</duration>
        <title>Film night</title><type>film</type>
      </event>
    </room>
  </day>
</schedule>
"""


def test_frab_schedule(tmp_path):
    """frab: rooms per day, persons, types, after-midnight starts, cancellations, bad durations."""
    result = read("schedule", write(tmp_path, "schedule.xml", FRAB), timezone="Asia/Seoul")
    assert result.format == "frab" and result.accounted_for
    sessions = {s.id: s for s in result.records}
    assert set(sessions) == {"101", "102", "104", "105"}
    assert sessions["101"].title == "Opening & welcome" and sessions["101"].kind == "opening"
    assert sessions["101"].speakers == ["Cengiz Pehlevan", "이서연"]
    assert sessions["101"].end == "2026-07-10T09:45:00+09:00"
    assert sessions["102"].start == "2026-07-11T01:30:00+09:00" and sessions["102"].kind == "talk"
    assert sessions["104"].cancelled and sessions["104"].title == "Hands-on JAX"
    assert sessions["104"].kind == "tutorial" and sessions["105"].kind == "other"
    assert any("'film'" in w.message for w in result.warnings)
    assert [(p.row, "event 103" in p.message) for p in result.rejected] == [(3, True)]
    assert [r.name for r in result.rooms] == ["Hall A", "Hall B"] and rooms_are_consistent(result)


def test_frab_times_are_written_in_the_event_zone(tmp_path):
    """A frab file in +09:00 imported into a UTC event keeps the same instants, written in UTC."""
    result = read("schedule", write(tmp_path, "schedule.xml", FRAB), timezone="UTC")
    first = next(s for s in result.records if s.id == "101")
    assert first.start == "2026-07-10T00:00:00+00:00"


@pytest.mark.parametrize("xml, message", [
    ("<?xml version='1.0'?><!DOCTYPE s [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><schedule>&b;</schedule>",
     "declares entities"),
    ("<html><body>not a schedule</body></html>", "no <schedule> element"),
    ("<schedule><day date='2026-07-10'><entry><title>x</title></entry></day></schedule>", "another kind"),
    ("<schedule><conference/></schedule>", r"no <day><room><event>"),
    ("<schedule><day><room name='a'><event id='1'></room></day></schedule>", "not well-formed XML"),
])
def test_unreadable_xml_says_why(tmp_path, xml, message):
    """Entity bombs, other XML dialects and broken XML are refused with the reason."""
    with pytest.raises(UnreadableInput, match=message) as error:
        read("schedule", write(tmp_path, "s.xml", xml))
    assert "s.xml" in str(error.value)


def test_frab_with_nul_bytes_still_reads(tmp_path):
    """Control characters XML forbids are removed with a warning instead of failing the file."""
    result = read("schedule", write(tmp_path, "s.xml", FRAB.replace("Film night", "Film\x00 night")))
    assert any(s.title == "Film night" for s in result.records)
    assert any("control characters" in w.message for w in result.warnings)


# -- iCalendar ----------------------------------------------------------------------------------------
ICS = "\r\n".join([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//HiLD//Programme//EN",
    "BEGIN:VTIMEZONE",
    "TZID:Custom Seoul",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "UID:keynote-1@hild",
    "DTSTART;TZID=Asia/Seoul:20260710T091500",
    "DTEND;TZID=Asia/Seoul:20260710T100000",
    "SUMMARY:Keynote: high-dimensional dynamics\\, revisited",
    "CATEGORIES:Keynote,Plenary",
    "LOCATION:Hall A\\; Level 3",
    "DESCRIPTION:First line\\nsecond line",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "SUMMARY:Alarm summary must not leak",
    "TRIGGER:-PT15M",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:talk-2@hild",
    "DTSTART:20260710T010000Z",
    "DURATION:PT30M",
    "SUMMARY:A very long title that a calendar program folded over two lines becau",
    " se it was longer than seventy-five octets",
    "LOCATION:https://hild.example/stream",
    "STATUS:CANCELLED",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:reg@hild",
    "DTSTART;VALUE=DATE:20260710",
    "SUMMARY:Registration desk open",
    "LOCATION:Lobby",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:floating@hild",
    "DTSTART:20260710T120000",
    "DTEND:20260710T133000",
    "SUMMARY:Lunch",
    "RRULE:FREQ=DAILY;COUNT=3",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:windows@hild",
    'DTSTART;TZID="Korea Standard Time":20260710T140000',
    "DTEND;TZID=Custom Seoul:20260710T150000",
    "SUMMARY:#poster Poster session",
    "LOCATION:Poster Hall",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:bad@hild",
    "DTSTART:2026-07-10 16:00",
    "SUMMARY:Bad start",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:unknown-zone@hild",
    "DTSTART;TZID=Mars/Olympus:20260710T160000",
    "SUMMARY:Unknown zone",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:unclosed@hild",
    "DTSTART:20260710T170000Z",
    "SUMMARY:Never closed",
    "END:VCALENDAR",
    "",
])


def test_icalendar_programme(tmp_path):
    """iCalendar: TZIDs, UTC, floating and all-day times, durations, folding, escapes, URLs, status."""
    result = read("schedule", write(tmp_path, "programme.ics", ICS), timezone="Asia/Seoul")
    assert result.format == "ical" and result.accounted_for and result.rows_read == 8
    sessions = {s.id: s for s in result.records}
    keynote = sessions["keynote-1@hild"]
    assert keynote.title == "Keynote: high-dimensional dynamics, revisited" and keynote.kind == "keynote"
    assert (keynote.start, keynote.end) == ("2026-07-10T09:15:00+09:00", "2026-07-10T10:00:00+09:00")
    assert result.rooms[0].name == "Hall A; Level 3"
    talk = sessions["talk-2@hild"]
    assert talk.title.endswith("because it was longer than seventy-five octets")
    assert (talk.start, talk.end) == ("2026-07-10T10:00:00+09:00", "2026-07-10T10:30:00+09:00")
    assert talk.cancelled and talk.room_id is None
    registration = sessions["reg@hild"]
    assert (registration.start, registration.end) == ("2026-07-10T00:00:00+09:00", "2026-07-11T00:00:00+09:00")
    assert registration.kind == "registration"
    assert sessions["floating@hild"].start == "2026-07-10T12:00:00+09:00"
    assert any("RRULE" in w.message for w in result.warnings)
    poster = sessions["windows@hild"]
    assert (poster.title, poster.kind, poster.start, poster.end) == (
        "Poster session", "poster", "2026-07-10T14:00:00+09:00", "2026-07-10T15:00:00+09:00")
    reasons = {p.row: p.message for p in result.rejected}
    assert set(reasons) == {6, 7, 8}
    assert "not an iCalendar date-time" in reasons[6] and "Mars/Olympus" in reasons[7]
    assert "not closed" in reasons[8]
    assert [r.name for r in result.rooms] == ["Hall A; Level 3", "Lobby", "Poster Hall"]


def test_not_an_icalendar_file(tmp_path):
    """Asking for iCalendar on a table, or reading a JSON calendar, says what the file is."""
    with pytest.raises(UnreadableInput, match="not a ical file"):
        read("schedule", write(tmp_path, "p.csv", "day,start,end,title\n"), "ical")
    with pytest.raises(UnreadableInput, match="a JSON file"):
        read("schedule", write(tmp_path, "cal.json", '[{"title": "x"}]'))
    with pytest.raises(UnreadableInput, match="not a known time zone"):
        read("schedule", write(tmp_path, "p.ics", ICS), timezone="Seoul")


# -- event file and command line -------------------------------------------------------------------------
def test_reimport_updates_sessions_and_rooms_by_id(tmp_path):
    """Importing the programme twice changes nothing; a moved session is updated, not duplicated."""
    event = tmp_path / "hild.hildprint"
    services.create_event(event, Event("HiLD 2026", timezone="Asia/Seoul"))
    source = write(tmp_path, "schedule.xml", FRAB)
    first = services.import_file(event, "schedule", source)
    assert (first.counts.added, first.room_counts.added) == (4, 2)
    write(tmp_path, "schedule.xml", FRAB.replace("<title>Film night", "<title>Film night (moved)"))
    second = services.import_file(event, "schedule", source)
    assert (second.counts.added, second.counts.updated, second.counts.unchanged) == (0, 1, 3)
    assert second.room_counts.added == 0
    assert len(services.list_records(event, "sessions")) == 4
    assert len(services.list_records(event, "rooms")) == 2


def test_cli_import_schedule_and_list_json(tmp_path, capsys):
    """`hildprint import … schedule` then `list sessions --json` and `list rooms --json`; the
    import exits 1 because it warned (a session ends after midnight)."""
    event = tmp_path / "hild.hildprint"
    assert main(["new", str(event), "--name", "HiLD 2026", "--timezone", "Asia/Seoul"]) == 0
    source = write(tmp_path, "programme.csv", PROGRAMME_CSV)
    assert main(["import", str(event), "schedule", str(source)]) == 1
    out = capsys.readouterr().out
    assert "warning:" in out and "read as the next day" in out
    assert "→ schedule" in out and "added 11" in out and "rooms added 4" in out
    assert main(["list", str(event), "sessions", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)
    assert len(sessions) == 11 and sessions[0]["title"] == "Registration"
    assert sessions[1]["start"] == "2026-07-10T09:00:00+09:00"
    assert main(["list", str(event), "rooms", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["lobby", "hall-a", "poster-hall", "sky-lounge"]
    assert main(["import", str(event), "schedule", str(write(tmp_path, "x.xml", "<html/>"))]) == 2
    assert "no <schedule> element" in capsys.readouterr().err


# -- the real corpus --------------------------------------------------------------------------------------
CCC_SESSIONS_PER_DAY = {
    "Saal 1": [11, 13, 11, 6], "Saal 2": [8, 12, 11, 5], "Saal G": [8, 10, 10, 3], "Saal 6": [8, 10, 8, 4],
}
"""31C3 events per room on each of the four congress days (counted from the XML by hand)."""


@pytest.mark.corpus
def test_corpus_31c3_frab(corpus):
    """31C3: 138 events in 4 rooms over 4 days, each day's programme running past midnight."""
    result = read("schedule", corpus / "schedules" / "31c3_frab_schedule.xml", timezone="Europe/Berlin")
    assert result.format == "frab" and result.accounted_for and not result.rejected
    assert len(result.records) == 138
    assert [(r.id, r.name) for r in result.rooms] == [
        ("saal-1", "Saal 1"), ("saal-2", "Saal 2"), ("saal-g", "Saal G"), ("saal-6", "Saal 6")]
    assert rooms_are_consistent(result)
    days = sorted({(datetime.fromisoformat(s.start) - timedelta(hours=6)).date() for s in result.records})
    counts = Counter((room_name(result, s.room_id), days.index(
        (datetime.fromisoformat(s.start) - timedelta(hours=6)).date())) for s in result.records)
    assert {room: [counts[(room, d)] for d in range(4)] for room in CCC_SESSIONS_PER_DAY} == CCC_SESSIONS_PER_DAY
    opening = result.records[0]
    assert (opening.title, opening.start, opening.speakers) == (
        "31C3 Opening Event", "2014-12-27T11:00:00+01:00", ["erdgeist", "Geraldine de Bastion"])
    assert Counter(s.kind for s in result.records) == {"talk": 133, "other": 4, "panel": 1}


def room_name(result, identifier: str) -> str:
    """The name of the room with this id."""
    return next(r.name for r in result.rooms if r.id == identifier)


@pytest.mark.corpus
def test_corpus_iclr2020_icalendar(corpus):
    """ICLR 2020's calendar: 56 UTC events, URL locations are not rooms, poster sessions found."""
    result = read("schedule", corpus / "schedules" / "iclr2020_sample_cal.ics", timezone="UTC")
    assert result.format == "ical" and len(result.records) == 56 and result.accounted_for
    assert result.rooms == [] and all(s.room_id is None for s in result.records)
    assert sum(s.kind == "poster" for s in result.records) == 20
    first = result.records[0]
    assert (first.title, first.start, first.end) == (
        "Poster Day 1 Session 3 (P1S3)", "2020-04-27T12:00:00+00:00", "2020-04-27T14:00:00+00:00")
    bitter = next(s for s in result.records if "Bitter Lesson" in s.title)
    assert bitter.title == "The Bitter Lesson for AI" and bitter.kind == "talk"


@pytest.mark.corpus
def test_corpus_europython_is_refused_clearly(corpus):
    """EuroPython 2014's own XML dialect is refused with a message naming what it is."""
    with pytest.raises(UnreadableInput, match=r"another kind.*<day><entry>") as error:
        read("schedule", corpus / "schedules" / "europython2014_schedule.xml")
    assert "europython2014_schedule.xml" in str(error.value)


# -- any input ---------------------------------------------------------------------------------------------
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["2026-07-10", "2026-13-40", "", "x"]),
                               st.sampled_from(["09:00", "9am", "25:00", "", "12:30:00"]),
                               st.sampled_from(["10:00", "08:00", "", "noon"]), TEXT, TEXT, TEXT, TEXT),
                     min_size=1, max_size=8))
def test_any_programme_table_is_read_or_refused_never_crashes(rows):
    """Whatever the cells hold, a programme table yields accounted rows with consistent rooms."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["day", "start", "end", "room", "title", "speakers", "kind"], *rows])
        try:
            result = read("schedule", path, timezone="Asia/Seoul")
        except UnreadableInput as error:
            assert "programme.csv" in str(error)
            return
        assert result.accounted_for and rooms_are_consistent(result)
        assert all(s.start <= s.end and s.kind in SESSION_KINDS for s in result.records)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.one_of(TEXT, st.sampled_from([
    "BEGIN:VEVENT", "END:VEVENT", "DTSTART:20260710T090000Z", "DTEND;TZID=Asia/Seoul:20260710T100000",
    "DTSTART;VALUE=DATE:20260711", "DURATION:PT1H", "SUMMARY:Talk\\, one", "UID:u1", "LOCATION:Hall",
    "BEGIN:VALARM", "END:VALARM", " folded", "STATUS:CANCELLED", "END:VCALENDAR"])), max_size=25))
def test_any_icalendar_is_read_or_refused_never_crashes(lines):
    """Random lines inside a calendar give events, row messages or a refusal, never a crash."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cal.ics"
        path.write_text("\r\n".join(["BEGIN:VCALENDAR", *lines]), encoding="utf-8")
        try:
            result = read("schedule", path, timezone="UTC")
        except UnreadableInput as error:
            assert "cal.ics" in str(error)
            return
        assert result.accounted_for and rooms_are_consistent(result)
