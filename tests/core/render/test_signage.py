"""Room signage as a printer and a passer-by see it: page sizes, text inside the margins,
one door sign per room per day, cancelled items marked, letter heights, arrows, pixels."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from tests.helpers.pdf import compare_snapshot, page_sizes_mm, render

from hildprint.core import services
from hildprint.core.domain.eventtime import event_zone, local_times, long_day
from hildprint.core.domain.model import Event, Room, Session
from hildprint.core.domain.programme import NO_ROOM, Programme
from hildprint.core.layout.geometry import MM, paper_size
from hildprint.core.render.agenda import agenda_poster
from hildprint.core.render.common import size_for_distance
from hildprint.core.render.output import write_pdf
from hildprint.core.render.signage import (
    DirectionSign,
    SignError,
    direction_signs,
    door_signs,
    parse_direction,
)
from hildprint.core.services.sample import create_sample_event

SNAPSHOTS = Path(__file__).parent / "snapshots"
MARGIN_PT = 5 * MM
"""No character may come closer to the paper's edge than this."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The bundled sample event, written once for the module."""
    return create_sample_event(tmp_path_factory.mktemp("sample") / "hild2026.hildprint")


@pytest.fixture(scope="module")
def programme(sample) -> Programme:
    return services.load_programme(sample)


@pytest.fixture(scope="module")
def door_pdf(programme, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("signs") / "door.pdf"
    write_pdf(out, lambda stream: door_signs(programme, stream))
    return out


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def assert_text_inside_margins(path: Path, margin: float = MARGIN_PT) -> int:
    """Every character of every page lies inside the page less ``margin``; returns the count."""
    count = 0
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                assert char["x0"] >= margin - 0.5 and char["x1"] <= page.width - margin + 0.5, (
                    f"page {number}: {char['text']!r} at x {char['x0']:.1f}–{char['x1']:.1f} of {page.width:.1f}")
                assert char["top"] >= margin - 0.5 and char["bottom"] <= page.height - margin + 0.5, (
                    f"page {number}: {char['text']!r} at y {char['top']:.1f}–{char['bottom']:.1f}")
                count += 1
    return count


def expected_room_days(programme: Programme) -> set[tuple[str, str]]:
    zone = event_zone(programme.event)
    return {(programme.room(s.room_id or "").name, long_day(local_times(s, zone).day))
            for s in programme.sessions}


def test_one_door_sign_per_room_per_day(programme, door_pdf):
    """The sample's 3 rooms over 2 days give 6 signs, each naming its room and its day."""
    texts = page_texts(door_pdf)
    expected = expected_room_days(programme)
    assert len(expected) == 6 and len(texts) == 6
    found = {(room, day) for room, day in expected for text in texts
             if text.splitlines()[1] == room and day in text}
    assert found == expected


def test_door_signs_list_every_session_with_its_time(programme, door_pdf):
    """Each session's local time span is on the sign of its room and day."""
    texts = page_texts(door_pdf)
    zone = event_zone(programme.event)
    for session in programme.sessions:
        times = local_times(session, zone)
        room = programme.room(session.room_id).name
        page = next(t for t in texts if t.splitlines()[1] == room and long_day(times.day) in t)
        assert times.span() in page, f"{session.title} ({times.span()}) missing from {room}"


def test_door_signs_are_a4_portrait_with_text_inside_margins(door_pdf):
    """Door signs are A4 portrait and no character comes within 5 mm of the edge."""
    assert all(w == pytest.approx(210, abs=0.1) and h == pytest.approx(297, abs=0.1)
               for w, h in page_sizes_mm(door_pdf))
    assert assert_text_inside_margins(door_pdf) > 500


def test_cancelled_session_struck_through_and_marked(programme, door_pdf):
    """The cancelled tutorial says CANCELLED and has a red line through its title."""
    cancelled = next(s for s in programme.sessions if s.cancelled)
    with pdfplumber.open(door_pdf) as pdf:
        page = next(p for p in pdf.pages if "CANCELLED" in (p.extract_text() or ""))
        words = [w for w in page.extract_words() if w["text"] == cancelled.title.split()[0]]
        red = [line for line in page.lines if line.get("stroking_color") and
               tuple(round(c, 2) for c in line["stroking_color"]) == (0.7, 0.15, 0.12)]
    assert words and red, "no struck-through title"
    assert any(line["x0"] <= word["x0"] + 1 and line["x1"] >= word["x1"] - 1
               and word["top"] < page.height - line["y0"] < word["bottom"] for line in red for word in words)
    assert sum("CANCELLED" in t for t in page_texts(door_pdf)) == 1


def test_room_name_is_as_tall_as_the_viewing_distance_asks(door_pdf):
    """A short room name is printed at the size for 6 ft (about 0.6 in capitals)."""
    with pdfplumber.open(door_pdf) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] == "A"]
    assert max(c["size"] for c in chars) == pytest.approx(size_for_distance(6), rel=0.01)


def test_second_language_lines_from_local_names(programme, door_pdf):
    """Each room's Korean name is on its signs, each session's Korean title on its row."""
    texts = page_texts(door_pdf)
    for room in programme.rooms:
        assert room.local_name and sum(room.local_name in t for t in texts) == 2
    local_titles = [s.local_title for s in programme.sessions if s.local_title]
    assert len(local_titles) >= 10 and all(any(title in t for t in texts) for title in local_titles)


def test_long_programme_continues_on_a_second_page(tmp_path):
    """Thirty sessions in one room on one day need more pages; those after the first say
    "continued" and every talk is on one of them."""
    event = Event("Long day", start_date="2026-07-10", timezone="Asia/Seoul")
    sessions = [Session(f"s{i}", f"Talk number {i}", f"2026-07-10T{8 + i // 4:02d}:{i % 4 * 15:02d}:00",
                        f"2026-07-10T{8 + i // 4:02d}:{i % 4 * 15 + 14:02d}:00", "r1") for i in range(30)]
    out = tmp_path / "long.pdf"
    run = write_pdf(out, lambda stream: door_signs(Programme(event, [Room("r1", "Hall")], sessions), stream))
    texts = page_texts(out)
    assert run.pages == len(texts) >= 2 and all("(continued)" in t for t in texts[1:])
    assert "(continued)" not in texts[0]
    assert all(any(f"Talk number {i}" in t for t in texts) for i in range(30))
    assert_text_inside_margins(out)


def test_sessions_without_a_room_are_listed_not_dropped(tmp_path):
    """A session with no room appears on a sign of its own, with a warning."""
    event = Event("E", timezone="UTC")
    sessions = [Session("a", "Roomless keynote", "2026-07-10T09:00:00", "2026-07-10T10:00:00"),
                Session("b", "Talk", "2026-07-10T11:00:00", "2026-07-10T12:00:00", "r1")]
    out = tmp_path / "door.pdf"
    run = write_pdf(out, lambda stream: door_signs(Programme(event, [Room("r1", "Hall")], sessions), stream))
    texts = page_texts(out)
    assert run.pages == 2 and any(NO_ROOM.name in t and "Roomless keynote" in t for t in texts)
    assert any("1 sessions have no room" in w for w in run.warnings)


def test_a_session_after_midnight_stays_on_the_evening_sign(tmp_path):
    """A talk at 00:30 belongs to the programme day before it."""
    event = Event("E", timezone="Europe/Berlin")
    sessions = [Session("a", "Evening talk", "2014-12-27T23:00:00+01:00", "2014-12-28T00:00:00+01:00", "r"),
                Session("b", "Night talk", "2014-12-28T00:30:00+01:00", "2014-12-28T01:30:00+01:00", "r")]
    out = tmp_path / "door.pdf"
    write_pdf(out, lambda stream: door_signs(Programme(event, [Room("r", "Saal 1")], sessions), stream))
    texts = page_texts(out)
    assert len(texts) == 1 and "Saturday 27 December 2014" in texts[0] and "Night talk" in texts[0]


def test_empty_programme_is_refused():
    """No sessions: a clear error, and nothing written to the stream."""
    stream = io.BytesIO()
    with pytest.raises(SignError, match="no sessions"):
        door_signs(Programme(Event("E"), [], []), stream)
    assert stream.getvalue() == b""


@pytest.mark.parametrize("text, expected", [
    ("right", "right"), ("NE", "up-right"), ("up left", "up-left"), ("ahead", "up"), ("Down_Right", "down-right"),
])
def test_direction_names(text, expected):
    """Eight directions, by name or compass point."""
    assert parse_direction(text) == expected


def test_unknown_direction_refused_and_nothing_written(tmp_path):
    """A bad direction anywhere in the list is refused before anything is drawn; when the
    signs go to a file, no file appears."""
    signs = [DirectionSign("Posters", "right"), DirectionSign("Exit", "sideways")]
    stream = io.BytesIO()
    with pytest.raises(SignError, match="sideways"):
        direction_signs(Event("E"), signs, stream)
    assert stream.getvalue() == b""
    with pytest.raises(SignError, match="sideways"):
        write_pdf(tmp_path / "d.pdf", lambda out: direction_signs(Event("E"), signs, out))
    assert list(tmp_path.iterdir()) == []


def ink_balance(path: Path, page: int) -> float:
    """Share of dark ink in the left half of the page below the header band."""
    image = render(path, page, dpi=30).convert("L")
    band = int(image.height * 0.15)
    half = image.width // 2
    dark = lambda box: sum(v < 128 for v in image.crop(box).tobytes())  # noqa: E731
    left, right = dark((0, band, half, image.height)), dark((half, band, image.width, image.height))
    return left / (left + right)


def test_direction_signs_put_the_arrow_where_it_points(tmp_path):
    """Landscape pages; a left arrow sits on the left, a right arrow on the right; the
    place's text and local name are printed."""
    out = tmp_path / "d.pdf"
    signs = [DirectionSign("Go", "left"), DirectionSign("Go", "right"), DirectionSign("Hall", "up", "포스터 홀")]
    run = write_pdf(out, lambda stream: direction_signs(Event("HiLD"), signs, stream))
    assert run.pages == 3
    assert all(w == pytest.approx(297, abs=0.1) and h == pytest.approx(210, abs=0.1)
               for w, h in page_sizes_mm(out))
    left, right = ink_balance(out, 0), ink_balance(out, 1)
    assert left > 0.6 > 0.4 > right, (left, right)
    assert "포스터 홀" in page_texts(out)[2]
    assert_text_inside_margins(out)


@pytest.mark.parametrize("paper", ["A2", "A3", "tabloid", "24x36in"])
def test_agenda_poster_sizes(programme, tmp_path, paper):
    """The programme poster comes in A2, A3, tabloid and 24 x 36 in, text inside margins."""
    out = tmp_path / f"agenda-{paper}.pdf"
    run = write_pdf(out, lambda stream: agenda_poster(programme, stream, paper))
    width, height = paper_size(paper)
    assert run.pages == 1 and page_sizes_mm(out) == [pytest.approx((width, height), abs=0.1)]
    assert_text_inside_margins(out)


def test_agenda_lists_every_session_and_marks_the_cancelled_one(programme, tmp_path):
    """Each day's heading, each room, each session time and the CANCELLED mark are there."""
    out = tmp_path / "agenda.pdf"
    write_pdf(out, lambda stream: agenda_poster(programme, stream))
    text = page_texts(out)[0]
    zone = event_zone(programme.event)
    assert all(local_times(s, zone).span() in text for s in programme.sessions)
    assert all(room.name in text for room in programme.rooms)
    assert "Friday 10 July 2026" in text and "Saturday 11 July 2026" in text
    assert text.count("CANCELLED") == 1


@pytest.mark.parametrize("kind, page", [("door", 0), ("direction", 0), ("agenda", 0)])
def test_signage_pixel_snapshots(sample, tmp_path, kind, page):
    """Each kind of sign looks as it did when last reviewed."""
    out = tmp_path / f"{kind}.pdf"
    signs = [("Poster Hall D", "right")] if kind == "direction" else []
    services.make_signage(services.SignRequest(sample, out, kind, signs=signs))
    image = render(out, page, dpi=40)
    changed = compare_snapshot(image, SNAPSHOTS / f"signs-{kind}.png", f"signs-{kind}")
    assert changed <= 0.002, f"{changed:.2%} of pixels changed; see tests/_artifacts/signs-{kind}-diff.png"


@pytest.mark.corpus
def test_corpus_31c3_door_signs(corpus, tmp_path):
    """31C3 (frab XML): a sign per room per congress day, every talk on its room's sign."""
    event_path = tmp_path / "31c3.hildprint"
    services.create_event(event_path, Event("31C3", start_date="2014-12-27", end_date="2014-12-30",
                                             timezone="Europe/Berlin"))
    services.import_file(event_path, "schedule", corpus / "schedules" / "31c3_frab_schedule.xml")
    out = tmp_path / "door.pdf"
    run = services.make_signage(services.SignRequest(event_path, out))
    programme = services.load_programme(event_path)
    assert_signs_hold_programme(programme, out)
    assert run.pages == 16 + sum("(continued)" in t for t in page_texts(out))
    assert_text_inside_margins(out)


DAY_HEADING = re.compile(r"^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}( \(continued\))?$")


def assert_signs_hold_programme(programme: Programme, out: Path) -> None:
    """Every session's time is on a page headed by its room and programme day."""
    pages: dict[tuple[str, str], str] = defaultdict(str)
    for text in page_texts(out):
        lines = text.splitlines()
        day = next(line.removesuffix(" (continued)") for line in lines if DAY_HEADING.match(line))
        pages[(lines[1], day)] += text
    zone = event_zone(programme.event)
    expected = defaultdict(list)
    for session in programme.sessions:
        times = local_times(session, zone)
        expected[(programme.room(session.room_id or "").name, long_day(times.day))].append(times.span())
    assert set(pages) == set(expected)
    for key, spans in expected.items():
        assert all(span in pages[key] for span in spans), key


@pytest.mark.corpus
def test_corpus_icalendar_door_signs(corpus, tmp_path):
    """ICLR 2020 (iCalendar, no rooms): all 56 sessions listed by day, with a warning."""
    event_path = tmp_path / "iclr.hildprint"
    services.create_event(event_path, Event("ICLR 2020", timezone="UTC"))
    services.import_file(event_path, "schedule", corpus / "schedules" / "iclr2020_sample_cal.ics")
    out = tmp_path / "door.pdf"
    run = services.make_signage(services.SignRequest(event_path, out))
    assert any("56 sessions have no room" in w for w in run.warnings)
    assert_signs_hold_programme(services.load_programme(event_path), out)


def test_door_sign_preview_is_the_printed_sign_in_memory(sample, programme, tmp_path):
    """The preview of one room's door signs is, in memory, what the preview file holds:
    a page per day the room is used, and no file is needed for it."""
    room = next(s.room_id for s in programme.sessions if s.room_id)
    pdf = services.door_sign_pdf(sample, room)
    written = services.preview_door_sign(sample, room, tmp_path / "door.pdf")
    (tmp_path / "memory.pdf").write_bytes(pdf)
    assert page_texts(tmp_path / "memory.pdf") == page_texts(written.path)
    assert written.pages == len({d for r, d in programme.room_days() if r == room})
    with pytest.raises(SignError, match="no sessions"):
        services.door_sign_pdf(sample, "no-such-room")
