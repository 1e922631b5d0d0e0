"""Signs of a large real programme (FOSDEM 2021: 773 talks in 106 rooms) and of rooms with
long names: nothing printed over anything else, nothing cut off, nothing left out."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from hildprint.core import services
from hildprint.core.domain.model import Event, Room, Session
from hildprint.core.domain.programme import Programme
from hildprint.core.render.agenda import agenda_poster
from hildprint.core.render.output import write_pdf
from hildprint.core.render.signage import door_signs

FOSDEM = Path(__file__).parents[2] / "data" / "schedules" / "pentabarf-fosdem2021-schedule.xml"


def overlapping_words(page) -> list[tuple[str, str]]:
    """Pairs of words on a page whose boxes overlap (text drawn over text)."""
    words = sorted(page.extract_words(use_text_flow=True), key=lambda w: w["x0"])
    found, active = [], []
    for word in words:
        active = [a for a in active if a["x1"] > word["x0"] + 0.5]
        for other in active:
            if min(other["bottom"], word["bottom"]) - max(other["top"], word["top"]) > 1.0:
                found.append((other["text"], word["text"]))
        active.append(word)
    return found


def printed(title: str, words: set[str]) -> bool:
    """Whether the first three words of a title are among the words printed (a title
    wraps, and words of side-by-side cells interleave in the page's text)."""
    return all(word in words for word in title.split()[:3])


@pytest.fixture(scope="module")
def fosdem(tmp_path_factory) -> Path:
    """An event file holding FOSDEM 2021's programme."""
    event = tmp_path_factory.mktemp("fosdem") / "f.hildprint"
    services.create_event(event, Event(name="FOSDEM 2021", start_date="2021-02-06", end_date="2021-02-07",
                                       timezone="Europe/Brussels"))
    services.import_file(event, "schedule", FOSDEM)
    return event


@pytest.mark.slow
def test_a_programme_too_big_for_one_poster_is_split_legibly(fosdem, tmp_path):
    """773 talks in 106 rooms on A2: several pages with a warning, never an empty grid;
    every talk's title is printed, and no word is drawn over another."""
    run = services.make_signage(services.SignRequest(fosdem, tmp_path / "agenda.pdf", "agenda"))
    assert run.pages > 4 and any("does not fit one A2 page" in w and f"{run.pages} pages" in w for w in run.warnings)
    with pdfplumber.open(run.path) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
        assert all(len(page.chars) > 200 for page in pdf.pages)
        assert [overlapping_words(page) for page in pdf.pages] == [[] for _ in pdf.pages]
        sizes = [char["size"] for page in pdf.pages for char in page.chars if char["text"].strip()]
    sessions = services.load_programme(fosdem).sessions
    missing = [s.title for s in sessions if not printed(s.title, words)]
    assert missing == []
    assert sorted(sizes)[len(sizes) // 20] >= 5.0  # 95 % of the text at 5 pt or more on A2


def test_sessions_starting_together_in_one_room_share_its_column(tmp_path):
    """Two talks at 09:00 in Hall A are drawn side by side, not over each other."""
    event = Event("E", start_date="2026-07-10", timezone="Asia/Seoul")
    sessions = [Session(f"s{i}", title, "2026-07-10T09:00:00+09:00", "2026-07-10T10:00:00+09:00", "a")
                for i, title in enumerate(["Loss landscapes of wide networks", "Scaling laws in practice"])]
    sessions.append(Session("b", "Elsewhere", "2026-07-10T09:00:00+09:00", "2026-07-10T10:00:00+09:00", "b"))
    programme = Programme(event, [Room("a", "Hall A"), Room("b", "Hall B")], sessions)
    out = tmp_path / "agenda.pdf"
    write_pdf(out, lambda stream: agenda_poster(programme, stream, "A3"))
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        assert overlapping_words(page) == []
        words = {w["text"] for w in page.extract_words()}
    assert all(printed(s.title, words) for s in sessions)


def test_door_signs_wrap_long_room_names(tmp_path):
    """'PythonAnywhere Room (CC1.3)' is wrapped onto two lines, the room number printed."""
    event = Event("EuroPython 2026", start_date="2026-07-10", timezone="Europe/Prague")
    room = Room("cc13", "PythonAnywhere Room (CC1.3)")
    session = Session("s", "Opening", "2026-07-10T09:00:00+02:00", "2026-07-10T10:00:00+02:00", "cc13")
    out = tmp_path / "door.pdf"
    write_pdf(out, lambda stream: door_signs(Programme(event, [room], [session]), stream))
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
        assert overlapping_words(pdf.pages[0]) == []
    assert "(CC1.3)" in text and "…" not in text
