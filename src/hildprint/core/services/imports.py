"""Imports: read an organiser's file into the event, or show what it would do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hildprint.core import importers
from hildprint.core.domain.model import Paper
from hildprint.core.domain.programme import SessionFinder, session_links
from hildprint.core.importers.base import ImportKind, ImportResult, MissingColumns
from hildprint.core.services.events import records_of_kind
from hildprint.core.services.session import EventRef, EventSession, using
from hildprint.core.store import UpsertCounts


@dataclass
class ImportReport:
    """What one import did to an event file."""

    result: ImportResult
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    room_counts: UpsertCounts = field(default_factory=UpsertCounts)
    written: bool = False
    not_in_file: list[str] = field(default_factory=list)
    """Ids of records of this kind already in the event file that this file does not list
    (kept: an import never deletes; the organiser decides)."""


def import_file(
    event: EventRef,
    kind: str,
    source: str | Path,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    strict: bool = False,
    venue_id: str = "",
) -> ImportReport:
    """Read ``source`` and merge its records into the event file.

    Records are matched by id, so importing the same file twice changes nothing. With
    ``strict``, any rejected row means nothing is written at all. ``venue_id`` (OpenReview)
    is remembered in the event file for later imports.
    """
    with using(event) as session:
        store = session.store
        if venue_id:
            store.set_setting("openreview_venue_id", venue_id)
        event = session.event
        result = importers.read(
            kind, source, fmt, mapping,
            timezone=event.timezone, event_start=event.start_date, event_end=event.end_date,
            venue_id=store.setting("openreview_venue_id", "") or "",
        )
        report = ImportReport(result)
        if strict and result.rejected:
            return report
        existing = {r.id for r in records_of_kind(session, kind)}
        if kind == ImportKind.PAPERS:
            _link_sessions(result.records, session)
        with session.writing():
            if kind == ImportKind.ATTENDEES:
                report.counts = store.upsert_attendees(result.records)
            elif kind == ImportKind.PAPERS:
                report.counts = store.upsert_papers(result.records)
            else:
                if result.event_zone and not event.timezone:
                    event.timezone = result.event_zone
                    store.save_event(event)
                report.room_counts = store.upsert_rooms(result.rooms)
                report.counts = store.upsert_sessions(result.records)
                store.set_session_links(session_links(store.papers(), store.sessions()))
        report.written = True
        report.not_in_file = sorted(existing - {r.id for r in result.records})
        return report


def _link_sessions(papers: list[Paper], session: EventSession) -> None:
    """Link each imported paper to its programme session, keeping the link a stored paper
    of the same session name has (its session may have been renamed since)."""
    stored = {paper.id: paper for paper in session.papers}
    finder = SessionFinder(session.sessions)
    for paper in papers:
        paper.session_id = finder.link(paper, stored.get(paper.id))


# -- the import wizard: a dry run --------------------------------------------------------------
@dataclass
class ImportPreview:
    """What importing a file would do, without writing anything: the importer's result,
    the file's columns (empty when its format has none to map), the column each field
    was read from, and the fields a column may be mapped onto."""

    result: ImportResult
    header: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    """file column -> field, as the importer chose them (the user's mapping included)."""
    fields: tuple[str, ...] = ()
    missing: str = ""
    """In words, the field no column was recognised for ("the column holding names"): the
    user must map one before anything can be imported. Empty when nothing is missing."""


def import_fields(kind: str) -> tuple[str, ...]:
    """The fields a column of an import of ``kind`` can be mapped onto."""
    from hildprint.core.importers import attendees, paper_sources, schedule

    return {ImportKind.ATTENDEES: attendees.FIELDS, ImportKind.PAPERS: paper_sources.PAPER_FIELDS,
            ImportKind.SCHEDULE: schedule.FIELDS}[kind]


def preview_import(kind: str, source: str | Path, fmt: str = "auto", mapping: dict[str, str] | None = None,
                   timezone: str = "", venue_id: str = "", event_dates: tuple[str, str] = ("", "")) -> ImportPreview:
    """Read ``source`` as an import would (UnreadableInput when it cannot), write nothing.
    ``timezone`` and ``event_dates`` are the event's ("" when it has none). A table whose
    needed column was not recognised gives a preview with no records, its columns, and
    ``missing`` naming the field to map."""
    try:
        result = importers.read(kind, source, fmt, mapping, timezone=timezone, venue_id=venue_id,
                                event_start=event_dates[0], event_end=event_dates[1])
    except MissingColumns as error:
        empty = ImportResult(kind, str(source), fmt, details={"header_row": "1"})
        return ImportPreview(empty, error.header, {c: f for c, f in (mapping or {}).items() if f != "ignore"},
                             import_fields(kind), error.needed)
    preview = ImportPreview(result, fields=import_fields(kind))
    if "header_row" in result.details:
        preview.header = result.header
        preview.columns = {column: name for name, column in result.columns.items()}
    return preview


