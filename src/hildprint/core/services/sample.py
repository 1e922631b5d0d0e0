"""The bundled sample event: HiLD 2026 at ICML 2026 in Seoul, invented people and papers.

It exists so that every document can be tried before an organiser has real data, and so
the demo and the tests share one realistic event: names in many scripts, two very long
names, 25 posters, a two-day programme in three rooms with one cancelled tutorial.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.model import Attendee, Author, Event, Paper, Room, Session
from hildprint.core.domain.programme import session_links
from hildprint.core.domain.resources import assets_dir
from hildprint.core.services.designs import DESIGN_SETTING, bundled_design
from hildprint.core.store.sqlite import EventStore

SAMPLE_FILE = "sample/hild2026.json"
SAMPLE_DESIGN = "hild2026"
"""The bundled template the sample event keeps as its own badge design."""


@dataclass
class SampleEvent:
    """The sample event's records, ready to store."""

    event: Event
    attendees: list[Attendee]
    papers: list[Paper]
    rooms: list[Room]
    sessions: list[Session]


def load_sample() -> SampleEvent:
    """Read the bundled sample event."""
    data = json.loads((assets_dir() / SAMPLE_FILE).read_text(encoding="utf-8"))
    papers = []
    for raw in data["papers"]:
        authors = [Author(**a) for a in raw.pop("authors")]
        papers.append(Paper(authors=authors, **raw))
    return SampleEvent(
        event=Event(**data["event"]),
        attendees=[Attendee(**a) for a in data["attendees"]],
        papers=papers,
        rooms=[Room(**r) for r in data["rooms"]],
        sessions=[Session(**s) for s in data["sessions"]],
    )


def create_sample_event(path: str | Path) -> Path:
    """Write the sample event into a new event file at ``path`` (its papers linked to their
    poster sessions, the HiLD badge design as its own) and return the path."""
    sample = load_sample()
    with EventStore.create(path, sample.event) as store, store.transaction():
        store.upsert_attendees(sample.attendees)
        store.upsert_papers(sample.papers)
        store.upsert_rooms(sample.rooms)
        store.upsert_sessions(sample.sessions)
        store.set_session_links(session_links(sample.papers, sample.sessions))
        store.set_setting(DESIGN_SETTING, json.dumps(bundled_design(SAMPLE_DESIGN), ensure_ascii=False))
    return Path(path)
