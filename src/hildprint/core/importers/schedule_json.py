"""Read a ``schedule.json`` (the c3voc schema that frab, pretalx and the c3 hub export),
or an Indico event's JSON export with its contributions.

Version 1 nests events in ``conference.days[].rooms{room: [event]}``, each with ``date``
(ISO 8601 with offset), ``start`` and ``duration`` (``HH:MM``); the newer schema lists
``schedule.events[]`` with ``start`` and ``end`` date-times and ``room.name``. Persons are
``persons[].public_name`` (or ``name``) or ``participants[].name``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import Any

from hildprint.core.domain.eventtime import zone_named
from hildprint.core.importers.base import ImportResult, UnreadableInput
from hildprint.core.importers.programme import SessionDraft, zone
from hildprint.core.importers.tabular import decode_text
from hildprint.core.importers.zones import ZoneEvidence


class BadEvent(ValueError):
    """An event whose times cannot be read; the message says which and why."""


def read_json_drafts(file: str, data: bytes, result: ImportResult, local_zone: tzinfo,
                     evidence: ZoneEvidence) -> list[SessionDraft]:
    """Session drafts from a schedule.json; times without an offset are read in the
    schedule's ``time_zone_name`` when it has one, else in ``local_zone``."""
    document = _document(file, data, result)
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        return indico_drafts(document["results"], result, local_zone, evidence)
    conference, events = _conference_and_events(file, document)
    zone_name = str(conference.get("time_zone_name") or "").strip()
    file_zone = zone(zone_name, file) if zone_name else local_zone
    if zone_name:
        result.details["time zone"] = zone_name
        evidence.named(zone_name, "time_zone_name")
    result.rows_read = len(events)
    result.details["days"] = str(len(conference.get("days") or []))
    drafts = []
    for position, (event, day, room) in enumerate(events, start=1):
        try:
            draft = _draft(event, day, room, position, file_zone)
        except BadEvent as error:
            result.reject(position, str(error))
            continue
        drafts.append(draft)
        if zone_name or _has_offset(event):
            evidence.saw(draft.start)
        else:
            evidence.floating += 1
    return drafts


def _document(file: str, data: bytes, result: ImportResult) -> Any:
    text, encoding, warnings = decode_text(data, file)
    result.details["encoding"] = encoding
    result.warnings.extend(warnings)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"{file}: not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from error


def _conference_and_events(file: str, document: Any) -> tuple[dict[str, Any], list[tuple[Any, dict[str, Any], str]]]:
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        raise UnreadableInput(f"{file}: a JSON file, but not a schedule.json (no schedule.conference); "
                              "programmes are read from frab/pretalx schedule.xml or .json, iCalendar, "
                              "a web page or a CSV/XLSX table")
    events: list[tuple[Any, dict[str, Any], str]] = []
    if isinstance(schedule.get("events"), list):
        events = [(event, {}, "") for event in schedule["events"]]
    for day in conference.get("days") or []:
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if isinstance(rooms, dict):
            events.extend((event, day, name) for name, items in rooms.items() for event in items or [])
    return conference, events


def _has_offset(event: Any) -> bool:
    text = str(event.get("date") or event.get("start") or "") if isinstance(event, dict) else ""
    return "T" in text and (text.endswith("Z") or "+" in text[10:] or "-" in text[10:])


def _draft(event: Any, day: dict[str, Any], room: str, position: int, file_zone: tzinfo) -> SessionDraft:
    if not isinstance(event, dict):
        raise BadEvent(f"not an event object (a JSON {type(event).__name__})")
    event_id = str(event.get("guid") or event.get("id") or event.get("code") or "").strip()
    label = f"event {event_id}" if event_id else "event"
    start = _start(event, day, file_zone, label)
    end = _moment(event.get("end"), file_zone, label, "end") if event.get("end") else start + _duration(
        event.get("duration"), label)
    where = event.get("room")
    room_name = (where.get("name") if isinstance(where, dict) else where) or room
    people = event.get("persons") or event.get("participants") or []
    speakers = [str(p.get("public_name") or p.get("name") or "") if isinstance(p, dict) else str(p)
                for p in people]
    kind = event.get("type")
    return SessionDraft(
        row=position, id=event_id, title=str(event.get("title") or ""), start=start, end=end,
        room=str(room_name or ""), kind=str(kind.get("name", "") if isinstance(kind, dict) else kind or ""),
        speakers=[s for s in speakers if s.strip()], made_up_id=not event_id,
    )


def _start(event: dict[str, Any], day: dict[str, Any], file_zone: tzinfo, label: str) -> datetime:
    full = event.get("date") if "T" in str(event.get("date") or "") else None
    if full or "T" in str(event.get("start") or ""):
        return _moment(full or event.get("start"), file_zone, label, "date")
    text = f"{day.get('date', '')}T{event.get('start', '')}"
    moment = _moment(text, file_zone, label, "date and start")
    day_start = day.get("day_start")
    if day_start and "T" in str(day_start):
        first = _moment(day_start, file_zone, label, "day_start")
        if moment < first:
            moment += timedelta(days=1)  # a day's programme running past midnight
    return moment


def _moment(value: Any, file_zone: tzinfo, label: str, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise BadEvent(f"{label}: {what} {value!r} is not an ISO 8601 date-time") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=file_zone)


def _duration(value: Any, label: str) -> timedelta:
    parts = str(value or "").strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.strip().isdigit() for p in parts):
        raise BadEvent(f"{label}: duration {value!r} is not HH:MM")
    hours, minutes, *seconds = (int(p) for p in parts)
    return timedelta(hours=hours, minutes=minutes, seconds=seconds[0] if seconds else 0)


# -- Indico ---------------------------------------------------------------------------------------
def indico_drafts(results: list[Any], result: ImportResult, local_zone: tzinfo,
                  evidence: ZoneEvidence) -> list[SessionDraft]:
    """Session drafts from an Indico export (``export/event/ID.json?detail=contributions``):
    each scheduled contribution is a session; unscheduled ones are skipped, saying so."""
    contributions = [c for event in results if isinstance(event, dict) for c in event.get("contributions") or []]
    for event in results:
        if isinstance(event, dict) and event.get("timezone"):
            evidence.named(str(event["timezone"]), "Indico timezone")
    result.details["detected"] = "Indico event export"
    result.rows_read = len(contributions)
    drafts = []
    for position, item in enumerate(contributions, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("startDate"), dict):
            result.skip(position, "not scheduled (no start time in the timetable)")
            continue
        try:
            start = _indico_moment(item["startDate"], local_zone)
            end = _indico_moment(item["endDate"], local_zone) if isinstance(item.get("endDate"), dict) else (
                start + timedelta(minutes=int(item.get("duration") or 0)))
        except (KeyError, ValueError) as error:
            result.reject(position, f"contribution {item.get('id', '')}: its time cannot be read ({error})")
            continue
        evidence.saw(start)
        people = item.get("speakers") or item.get("primaryauthors") or []
        drafts.append(SessionDraft(
            row=position, id=f"indico-{item.get('id') or position}", title=str(item.get("title") or ""),
            start=start, end=end, room=str(item.get("roomFullname") or item.get("room") or item.get("location") or ""),
            kind=str(item.get("type") or item.get("track") or ""),
            speakers=[_first_last(str(p.get("fullName") or "")) for p in people if isinstance(p, dict)],
        ))
    return drafts


def _indico_moment(value: dict[str, Any], local_zone: tzinfo) -> datetime:
    moment = datetime.fromisoformat(f"{value['date']}T{value['time']}")
    found = zone_named(str(value.get("tz") or "")) or local_zone
    return moment.replace(tzinfo=found)


def _first_last(name: str) -> str:
    """Indico's "Peres, Martin" as "Martin Peres"."""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and first.strip() else name.strip()
