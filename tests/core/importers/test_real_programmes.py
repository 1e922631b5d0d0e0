"""Real programmes as they come (tests/data/schedules, SOURCES.md): their time zones, ids
that repeat, schedule.json, pentabarf types, hand-made tables and web pages."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Event
from hildprint.core.importers import read
from hildprint.core.importers.programme_table import parse_clock, parse_duration

DATA = Path(__file__).parents[2] / "data" / "schedules"
SEED = Path(__file__).parents[4] / "shared" / "seeds" / "probai_scaling_workshop_programme.txt"


def new_event(tmp_path: Path, timezone: str = "", start: str = "", end: str = "") -> Path:
    """An event file with the given zone ("" = not set) and dates."""
    path = tmp_path / "e.hildprint"
    services.create_event(path, Event(name="Test", start_date=start, end_date=end, timezone=timezone))
    return path


def page_texts(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def warnings_of(result) -> list[str]:
    """The warning messages of an import."""
    return [w.message for w in result.warnings]


# -- (a) times ----------------------------------------------------------------------------------
def test_event_without_zone_takes_the_schedules_zone_and_signs_show_local_times(tmp_path):
    """pretalx's DemoCon schedule.xml (<time_zone_name>Europe/Berlin, +02:00 dates) into an
    event made without a zone: the event takes Europe/Berlin, says so, and the door sign
    prints the talk at its local 17:30-style time, never '(UTC)'."""
    event = new_event(tmp_path)
    report = services.import_file(event, "schedule", DATA / "pretalx-democon2022-schedule.xml")
    assert any("now has Europe/Berlin" in w and "<time_zone_name>" in w for w in warnings_of(report.result))
    with services.EventSession.open(event) as session:
        assert session.event.timezone == "Europe/Berlin"
        first = min(session.sessions, key=lambda s: s.start)
    assert first.start.endswith("+02:00")
    run = services.make_signage(services.SignRequest(event, tmp_path / "doors.pdf"))
    text = "\n".join(page_texts(run.path))
    assert "Times are local (Europe/Berlin)" in text and "(UTC)" not in text
    assert first.start[11:16] in text


def test_offsets_only_give_a_fixed_zone_and_say_so(tmp_path):
    """rC3's pretalx schedule.json states no zone name, only +01:00 on every date: the
    event takes Etc/GMT-1 and the warning says it came from the offsets."""
    event = new_event(tmp_path)
    report = services.import_file(event, "schedule", DATA / "pretalx-rc3-schedule.json")
    assert any("Etc/GMT-1" in w and "+01:00" in w for w in warnings_of(report.result))
    assert services.load_programme(event).event.timezone == "Etc/GMT-1"


def test_a_zone_that_disagrees_with_the_event_names_both(tmp_path):
    """The Berlin schedule into an event in Seoul: the import warns naming both zones; the
    times keep their moments (17:30 in Berlin is 00:30 next day in Seoul)."""
    event = new_event(tmp_path, "Asia/Seoul")
    report = services.import_file(event, "schedule", DATA / "pretalx-democon2022-schedule.xml")
    assert any("Europe/Berlin" in w and "Asia/Seoul" in w for w in warnings_of(report.result))
    assert services.load_programme(event).event.timezone == "Asia/Seoul"
    assert all(s.start.endswith("+09:00") for s in services.load_programme(event).sessions)


def test_same_offsets_as_the_event_are_not_a_mismatch(tmp_path):
    """The Camp 2019 stages (+02:00 everywhere, no zone name) into an event in Berlin in
    summer: no zone warning; all 205 events kept, even those whose speaker field holds a
    whole biography (shortened, with a warning)."""
    event = new_event(tmp_path, "Europe/Berlin", "2019-08-21", "2019-08-25")
    report = services.import_file(event, "schedule", DATA / "frab-pretalx-camp2019-stages-schedule.xml")
    assert report.counts.added == 205 and not report.result.rejected
    assert any("kept its first words" in w for w in warnings_of(report.result))
    assert not [w for w in warnings_of(report.result) if "time zone" in w or "offset" in w]


def test_utc_only_calendar_says_so_and_signs_never_say_local_utc(tmp_path, capsys):
    """Kielux's calendar gives UTC times and nothing else: the import says so and how to
    set the zone, exits 1, the event keeps no zone, and the sign says 'Times are in UTC.'"""
    event = new_event(tmp_path)
    assert main(["import", str(event), "schedule", str(DATA / "ical-kielux2020.ics")]) == 1
    out = capsys.readouterr().out
    assert "UTC only" in out and "hildprint event EVENT --timezone" in out
    assert services.load_programme(event).event.timezone == ""
    run = services.make_signage(services.SignRequest(event, tmp_path / "d.pdf"))
    text = "\n".join(page_texts(run.path))
    assert "Times are in UTC." in text and "local (UTC)" not in text
    assert any("no time zone" in w for w in run.warnings)
    assert main(["event", str(event), "--timezone", "Europe/Berlin"]) == 0
    assert "Europe/Berlin" in capsys.readouterr().out
    text = "\n".join(page_texts(services.make_signage(services.SignRequest(event, tmp_path / "d.pdf")).path))
    assert "Times are local (Europe/Berlin)" in text


def test_a_programme_years_away_from_the_event_warns(tmp_path):
    """PyCon UK 2015's calendar into a 2026 event: one warning naming both spans."""
    result = read("schedule", DATA / "ical-pyconuk2015.ics", timezone="Europe/London",
                  event_start="2026-07-10", event_end="2026-07-11")
    far = [w for w in warnings_of(result) if "far from the event's dates" in w]
    assert len(far) == 1 and "2015-09-18" in far[0] and "2026-07-10" in far[0]


@pytest.mark.parametrize("name, zone", [
    ("ical-lca2020.ics", "Australia/Brisbane"),          # X-WR-TIMEZONE, TZID without VTIMEZONE
    ("ical-colt2020-apple-vtimezone.ics", "America/New_York"),
    ("ical-jres2022.ics", "Europe/Paris"),               # TZID on every DTSTART
    ("ical-moca2024-camp-reused-uid.ics", "Europe/Rome"),  # a stray "VTIMEZONE: Europe/Rome" line
    ("wafer-debconf23-schedule.xml", "Asia/Kolkata"),    # a name although every <date> is +00:00
    ("c3hub-schedule2.json", "Europe/Berlin"),
])
def test_named_zones_are_taken(name, zone):
    """Each calendar or schedule that names its zone gives it to an event without one."""
    assert read("schedule", DATA / name).event_zone == zone


# -- (b) nothing silently lost ------------------------------------------------------------------
def test_calendar_reusing_one_uid_keeps_every_event():
    """MOCA 2024 reuses UID 46939 for 67 events: all 88 are kept, with one warning."""
    result = read("schedule", DATA / "ical-moca2024-camp-reused-uid.ics", timezone="Europe/Rome")
    assert result.rows_read == 88 and len(result.records) == 88 and not result.rejected
    assert len({s.id for s in result.records}) == 88
    assert any("'46939' is used by 67" in w for w in warnings_of(result))


def test_a_break_in_two_rooms_under_one_id_is_two_sessions():
    """LSWT 2019 lists each break in two rooms under the same event id: both are kept."""
    result = read("schedule", DATA / "jekyll-lswt2019-frablike-schedule.xml", timezone="Europe/Berlin")
    breaks = [s for s in result.records if s.id.split("@")[0] in ("997", "998", "999")]
    assert len(breaks) == 6 and len({(s.id, s.room_id) for s in breaks}) == 6
    assert result.accounted_for


def test_exact_repeats_are_listed_once_with_a_message(tmp_path):
    """A row repeated exactly is left out as such, and says which row it repeats."""
    path = tmp_path / "p.csv"
    path.write_text("id,day,start,end,room,title\nA,2026-07-10,09:00,10:00,H,Talk\nA,2026-07-10,09:00,10:00,H,Talk\n")
    result = read("schedule", path, timezone="UTC")
    assert len(result.records) == 1 and [p.row for p in result.skipped] == [3]
    assert "same session as row 2" in result.skipped[0].message


def test_made_up_ids_of_parallel_sessions_never_collide(tmp_path):
    """Rows without ids: two talks at once in one room and two in rooms of the same
    name get different ids; re-reading gives the same ids."""
    path = tmp_path / "p.csv"
    path.write_text("day,start,end,room,title\n2026-07-10,09:00,10:00,Hall,One\n2026-07-10,09:00,10:00,Hall,Two\n"
                    "2026-07-10,09:00,10:00,,Three\n2026-07-10,09:00,10:00,,Four\n")
    first = [s.id for s in read("schedule", path, timezone="UTC").records]
    assert len(set(first)) == 4
    assert [s.id for s in read("schedule", path, timezone="UTC").records] == first


# -- (c) formats --------------------------------------------------------------------------------
def test_schedule_json_and_xml_of_one_export_agree():
    """pretalx's DemoCon export as schedule.json and as schedule.xml: the same sessions at
    the same moments in the same rooms."""
    as_json = read("schedule", DATA / "pretalx-democon2022-schedule.json", timezone="Europe/Berlin")
    as_xml = read("schedule", DATA / "pretalx-democon2022-schedule.xml", timezone="Europe/Berlin")
    assert as_json.format == "json" and len(as_json.records) == 35
    key = lambda r: sorted((s.start, s.end, s.room_id, s.title) for s in r.records)  # noqa: E731
    assert key(as_json) == key(as_xml)


@pytest.mark.parametrize("name, count", [
    ("frab-camp2019-schedule.json", 79), ("pretalx-democon-schedule.json", 36), ("c3hub-schedule2.json", 2),
])
def test_schedule_json_versions(name, count):
    """frab's, pretalx's and the c3 hub's newer schema are all read, every event kept."""
    result = read("schedule", DATA / name, timezone="Europe/Berlin")
    assert len(result.records) == count and result.accounted_for and not result.rejected


def test_pentabarf_types_map_onto_kinds():
    """FOSDEM 2021's pentabarf types (maintrack, devroom, lightningtalk, standtrack, bof,
    infodesk) are all understood: no 'not one hildprint knows' warning."""
    result = read("schedule", DATA / "pentabarf-fosdem2021-schedule.xml", timezone="Europe/Brussels")
    assert not [w for w in warnings_of(result) if "not one hildprint knows" in w]
    kinds = Counter(s.kind for s in result.records)
    assert kinds["talk"] >= 600 and kinds["panel"] >= 1 and kinds["other"] >= 100


def test_gpn11_durations_and_dates():
    """GPN11's hand-made CSV: Date and a Duration of 1:30 give the end."""
    result = read("schedule", DATA / "handmade-gpn11-programme.csv", timezone="Europe/Berlin")
    assert len(result.records) == 29 and not result.rejected
    first = next(s for s in result.records if s.title == "What to hack")
    assert (first.start, first.end) == ("2011-06-23T19:00:00+02:00", "2011-06-23T20:30:00+02:00")


def test_camp99_weekdays_and_start_hours_are_anchored_by_the_event():
    """Camp 99's CSV has German weekday names and bare start hours: with the event's dates
    they become dates; 24 is midnight; each session lasts until the next in its room."""
    result = read("schedule", DATA / "handmade-camp99-programme.csv", timezone="Europe/Berlin",
                  event_start="1999-08-06", event_end="1999-08-08")
    assert len(result.records) == 32 and not result.rejected
    assert {s.start[:10] for s in result.records} >= {"1999-08-06", "1999-08-07", "1999-08-08"}
    welcome = next(s for s in result.records if s.title == "How To Leave The Planet")
    assert (welcome.start, welcome.end) == ("1999-08-06T12:00:00+02:00", "1999-08-06T13:00:00+02:00")
    assert any(s.start[11:16] == "00:00" for s in result.records)


def test_camp99_without_event_dates_says_what_is_missing():
    """Without the event's dates a weekday cannot be placed: the rows say so."""
    result = read("schedule", DATA / "handmade-camp99-programme.csv", timezone="Europe/Berlin")
    assert result.rejected and "set the event's dates" in result.rejected[0].message


def test_voc_template_with_a_row_above_the_header():
    """c3voc's spreadsheet template has a title and a 'Vortragende' heading above the real
    header (numbered speaker columns): the header is found and speakers come through."""
    result = read("schedule", DATA / "voc-handmade-schedule-example.xlsx", timezone="Europe/Berlin")
    assert result.columns["start"] == "Uhrzeit" and result.columns["title"] == "Titel"
    assert len(result.records) == 13 and not result.rejected and result.accounted_for
    assert result.records[0].speakers == ["Peter Onderscheka, Landeshauptstadt München"]


@pytest.mark.parametrize("text, hour, minute", [
    ("2:00 p.m.", 14, 0), ("2 pm", 14, 0), ("9:30 AM", 9, 30), ("14", 14, 0), ("12:15 a.m.", 0, 15)])
def test_clock_forms(text, hour, minute):
    """Times as people write them."""
    clock = parse_clock(text)
    assert (clock.hour, clock.minute) == (hour, minute)


@pytest.mark.parametrize("text, minutes", [("1:30", 90), ("90", 90), ("90 min", 90), ("1h30", 90), ("1.5 h", 90)])
def test_duration_forms(text, minutes):
    """Durations as people write them."""
    assert parse_duration(text).total_seconds() == minutes * 60


def test_day_month_year_dates_anchored_by_the_event(tmp_path):
    """10/07/2026 is 10 July (inside the event), 07/10/2026 too for an event on 10 July;
    '10 Jul' takes the event's year."""
    path = tmp_path / "p.csv"
    path.write_text("day,start,end,title\n10/07/2026,09:00,10:00,A\n07/10/2026,10:00,11:00,B\n10 Jul,11:00,12:00,C\n")
    result = read("schedule", path, timezone="UTC", event_start="2026-07-10", event_end="2026-07-11")
    assert [s.start[:10] for s in result.records] == ["2026-07-10"] * 3


@pytest.mark.skipif(not SEED.exists(), reason="the seed programme page is not in ../shared/seeds")
def test_web_page_programme(tmp_path, capsys):
    """The ProbAI workshop page as copied: three days, 20 items in MS.01 at their times,
    speakers out of the titles, the two cancelled talks without a time named as left out."""
    event = new_event(tmp_path, "Europe/London", "2026-06-22", "2026-06-24")
    assert main(["import", str(event), "schedule", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "programme copied from a web page" in out and "cancelled, and without a time" in out
    sessions = sorted(services.load_programme(event).sessions, key=lambda s: s.start)
    assert len(sessions) == 20 and {s.room_id for s in sessions} == {"ms-01"}
    assert sessions[0].start == "2026-06-22T13:00:00+01:00" and sessions[0].kind == "registration"
    talk = next(s for s in sessions if "How to train an LLM" in s.title)
    assert talk.speakers == ["Sam Smith"] and talk.start[11:16] == "15:30" and talk.end[11:16] == "16:40"
    chaintron = next(s for s in sessions if s.title.startswith("Research Talk: ResNets"))
    assert chaintron.speakers == ["Louis-Pierre Chaintron"] and "joint work" in chaintron.title
    assert not any("Abstract" in s.title or "Link opens" in s.title for s in sessions)


@pytest.mark.skipif(not SEED.exists(), reason="the seed programme page is not in ../shared/seeds")
def test_saved_html_page_reads_as_its_text(tmp_path):
    """The same page saved as HTML (a table row per item, tags around every part) gives
    the same sessions as its text."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<tr><td>{html.escape(line)}</td></tr>\n" if line.strip() else "<br>\n" for line in lines)
    page = tmp_path / "programme.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>Programme</title><script>var x = '10:00 - 11:00';"
                    f"</script></head><body><table>{body}</table></body></html>", encoding="utf-8")
    from_text = read("schedule", SEED, timezone="Europe/London", event_start="2026-06-22")
    from_html = read("schedule", page, timezone="Europe/London", event_start="2026-06-22")
    assert from_html.format == "page"
    assert [(s.start, s.title) for s in from_html.records] == [(s.start, s.title) for s in from_text.records]


def test_indico_event_export():
    """X.Org's Indico export: every scheduled contribution becomes a session at its time
    (given in UTC, shown in the event's Europe/Warsaw), with its speakers as 'First Last'."""
    result = read("schedule", DATA / "indico-timetable-export.json")
    assert result.details["detected"] == "Indico event export" and result.event_zone == "Europe/Warsaw"
    assert len(result.records) == 37 and result.accounted_for and not result.rejected
    talk = next(s for s in result.records if s.title == "Making bare-metal testing accessible to every developer")
    assert (talk.start, talk.end, talk.speakers) == (
        "2021-09-17T16:10:00+02:00", "2021-09-17T16:30:00+02:00", ["Martin Peres"])
