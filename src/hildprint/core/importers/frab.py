"""Read a frab / pretalx ``schedule.xml``: ``<schedule><day><room name><event>``.

Each event gives its full start in ``<date>`` (ISO 8601 with offset), or a ``<start>``
time on its day; ``<duration>`` is ``HH:MM``. The XML is parsed with the standard
library after refusing DOCTYPE internal subsets and ENTITY declarations (no entity
expansion), and after removing control characters XML does not allow.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, tzinfo

from hildprint.core.importers.base import ImportResult, UnreadableInput
from hildprint.core.importers.limits import parse_xml_bounded
from hildprint.core.importers.programme import SessionDraft, zone
from hildprint.core.importers.tabular import decode_text
from hildprint.core.importers.zones import ZoneEvidence

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FORBIDDEN_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNSAFE = re.compile(r"<!ENTITY|<!DOCTYPE[^>]*\[", re.IGNORECASE)


class BadEvent(ValueError):
    """An event whose times cannot be read; the message says which and why."""


def parse_xml(file: str, data: bytes, result: ImportResult) -> ET.Element:
    """The root element of an XML file, refusing entity declarations."""
    text = _xml_text(file, data, result)
    if _UNSAFE.search(text):
        raise UnreadableInput(f"{file}: the XML declares entities (DOCTYPE/ENTITY); refused, "
                              "as such files can expand without limit")
    controls = len(_FORBIDDEN_CONTROLS.findall(text))
    if controls:
        text = _FORBIDDEN_CONTROLS.sub("", text)
        result.warn(None, f"removed {controls} control characters (such as NUL) that XML does not allow")
    try:
        return parse_xml_bounded(file, _DECLARATION.sub("", text, count=1))
    except ET.ParseError as error:
        raise UnreadableInput(f"{file}: not well-formed XML ({error})") from error


def _xml_text(file: str, data: bytes, result: ImportResult) -> str:
    declared = _DECLARED_ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.removeprefix(b"\xef\xbb\xbf").decode(declared[1].decode("ascii"))
            result.details["encoding"] = declared[1].decode("ascii").lower()
            return text
        except (LookupError, UnicodeDecodeError):
            pass
    text, encoding, warnings = decode_text(data, file)
    result.details["encoding"] = encoding
    result.warnings.extend(warnings)
    return text


def local_name(element: ET.Element) -> str:
    """An element's tag without its namespace."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if local_name(child) == name]


def _text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return "".join(found[0].itertext()) if found else ""


def check_frab(file: str, root: ET.Element) -> None:
    """Raise UnreadableInput unless ``root`` is a frab schedule (or say which dialect it is)."""
    if local_name(root) != "schedule":
        raise UnreadableInput(f"{file}: not a frab schedule: no <schedule> element "
                              f"(the document is a <{local_name(root)}>)")
    days = _children(root, "day")
    if any(_children(room, "event") for day in days for room in _children(day, "room")):
        return
    if any(_children(day, "entry") for day in days):
        raise UnreadableInput(
            f"{file}: an XML programme of another kind (<day><entry>, as the EuroPython 2014 site "
            "exported it), not a frab schedule (<day><room><event>); export the programme as "
            "frab schedule.xml, iCalendar (.ics) or CSV"
        )
    raise UnreadableInput(f"{file}: not a frab schedule: no <day><room><event> elements")


def read_frab_drafts(file: str, root: ET.Element, result: ImportResult, local_zone: tzinfo,
                     evidence: ZoneEvidence) -> list[SessionDraft]:
    """Session drafts from a frab schedule; times without an offset are read in the
    schedule's own ``time_zone_name`` when it has one, else in ``local_zone``. What the
    file says about its zone goes into ``evidence``."""
    check_frab(file, root)
    conference = _children(root, "conference")
    zone_name = _text(conference[0], "time_zone_name").strip() if conference else ""
    file_zone = zone(zone_name, file) if zone_name else local_zone
    if zone_name:
        result.details["time zone"] = zone_name
        evidence.named(zone_name, "<time_zone_name>")
    drafts: list[SessionDraft] = []
    position = 0
    days = _children(root, "day")
    for day in days:
        for room in _children(day, "room"):
            for event in _children(room, "event"):
                position += 1
                try:
                    draft = _event_draft(event, day, room, position, file_zone)
                except BadEvent as error:
                    result.reject(position, str(error))
                    continue
                drafts.append(draft)
                if _text(event, "date").strip() or zone_name:
                    evidence.saw(draft.start)
                else:
                    evidence.floating += 1
    result.rows_read = position
    result.details["days"] = str(len(days))
    return drafts


def _event_draft(event: ET.Element, day: ET.Element, room: ET.Element, position: int,
                 file_zone: tzinfo) -> SessionDraft:
    event_id = (event.get("id") or event.get("guid") or _text(event, "guid")).strip()
    label = f"event {event_id}" if event_id else "event"
    start = _start(event, day, file_zone, label)
    duration = _duration(_text(event, "duration"), label)
    persons = [p for p in event.iter() if local_name(p) == "person"]
    return SessionDraft(
        row=position, id=event_id, title=_text(event, "title"), start=start, end=start + duration,
        room=(room.get("name") or _text(event, "room")).strip(), kind=_text(event, "type"),
        speakers=["".join(p.itertext()) for p in persons],
    )


def _start(event: ET.Element, day: ET.Element, file_zone: tzinfo, label: str) -> datetime:
    full = _text(event, "date").strip()
    if full:
        try:
            moment = datetime.fromisoformat(full)
        except ValueError as error:
            raise BadEvent(f"{label}: <date> {full!r} is not an ISO 8601 date-time") from error
        return moment if moment.tzinfo else moment.replace(tzinfo=file_zone)
    clock = _text(event, "start").strip()
    try:
        moment = datetime.fromisoformat(f"{day.get('date', '')}T{clock}").replace(tzinfo=file_zone)
    except ValueError as error:
        raise BadEvent(f"{label}: no <date>, and day {day.get('date')!r} with <start> {clock!r} "
                       "is not a date and time") from error
    return _after_midnight(moment, day)


def _after_midnight(moment: datetime, day: ET.Element) -> datetime:
    """A day's programme runs past midnight: an event starting before the day does is on
    the next calendar date."""
    try:
        day_start = datetime.fromisoformat(day.get("start", ""))
    except ValueError:
        return moment
    if day_start.tzinfo is None:
        day_start = day_start.replace(tzinfo=moment.tzinfo)
    return moment + timedelta(days=1) if moment < day_start else moment


def _duration(text: str, label: str) -> timedelta:
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"[0-9]{1,4}", p.strip()) for p in parts):
        raise BadEvent(f"{label}: <duration> {text.strip()!r} is not HH:MM")
    hours, minutes, *seconds = (int(p) for p in parts)
    return timedelta(hours=hours, minutes=minutes, seconds=seconds[0] if seconds else 0)
