"""Read an iCalendar (``.ics``) programme: each VEVENT becomes a session.

Handles folded lines, ``TZID`` parameters (IANA names, the path-style names some
programs write, common Windows names, or the file's own fixed-offset VTIMEZONE), UTC
times (``Z``), floating times (read in the event's zone), all-day ``VALUE=DATE`` events,
``DURATION`` instead of ``DTEND``, and escaped text (``\\,`` ``\\;`` ``\\n``). A LOCATION
that is a web address is not a room.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import TypeVar

from hildprint.core.domain.eventtime import zone_named
from hildprint.core.importers import limits
from hildprint.core.importers.base import ImportResult, UnreadableInput
from hildprint.core.importers.limits import too_large
from hildprint.core.importers.programme import SessionDraft, looks_like_url
from hildprint.core.importers.zones import ZoneEvidence

WINDOWS_ZONES = {
    "korea standard time": "Asia/Seoul", "tokyo standard time": "Asia/Tokyo",
    "china standard time": "Asia/Shanghai", "singapore standard time": "Asia/Singapore",
    "india standard time": "Asia/Kolkata", "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris", "central europe standard time": "Europe/Budapest",
    "gmt standard time": "Europe/London", "eastern standard time": "America/New_York",
    "central standard time": "America/Chicago", "mountain standard time": "America/Denver",
    "pacific standard time": "America/Los_Angeles", "aus eastern standard time": "Australia/Sydney",
    "utc": "UTC", "coordinated universal time": "UTC",
}
"""Windows time zone names that Outlook writes as TZID, and the IANA zone each means."""

_DATE_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z?)$")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_ESCAPE = re.compile(r"\\([\\;,:nN])")
T = TypeVar("T")
_HASHTAG = re.compile(r"^#(\w+)\s+(\S.*)$", re.DOTALL)


@dataclass
class Property:
    """One content line: ``NAME;PARAM=value:VALUE``."""

    name: str
    params: dict[str, str]
    value: str
    line: int


@dataclass
class Component:
    """A ``BEGIN:X`` … ``END:X`` block."""

    name: str
    line: int
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)
    closed: bool = False

    def first(self, name: str) -> Property | None:
        """The first property called ``name``, or None."""
        return next((p for p in self.properties if p.name == name), None)

    def walk(self, name: str) -> list[Component]:
        """Every component called ``name`` inside this one, in file order (a loop, not
        recursion: nesting depth never meets Python's recursion limit)."""
        found = []
        pending = list(reversed(self.children))
        while pending:
            child = pending.pop()
            if child.name == name:
                found.append(child)
            pending.extend(reversed(child.children))
        return found


class BadValue(ValueError):
    """A property value that cannot be read; the message says which and why."""


def read_ical_drafts(file: str, text: str, result: ImportResult, local_zone: tzinfo,
                     evidence: ZoneEvidence) -> list[SessionDraft]:
    """Session drafts from iCalendar text; floating times are read in the calendar's own
    zone (``X-WR-TIMEZONE``) when it names one, else in ``local_zone``. What the file says
    about its zone goes into ``evidence``."""
    calendar = parse_calendar(file, text, result)
    zones = _calendar_zones(calendar)
    local_zone = _calendar_zone(calendar, zones, evidence) or local_zone
    events = calendar.walk("VEVENT")
    result.rows_read = len(events)
    result.details["events"] = str(len(events))
    drafts = []
    for position, event in enumerate(events, start=1):
        try:
            drafts.append(_event_draft(event, position, zones, local_zone, result))
        except BadValue as error:
            result.reject(position, str(error))
            continue
        _note_zone(event.first("DTSTART"), drafts[-1].start, zones, evidence)
    return drafts


def _calendar_zone(calendar: Component, zones: dict[str, tzinfo], evidence: ZoneEvidence) -> tzinfo | None:
    """The zone the calendar names for itself: ``X-WR-TIMEZONE``, a VTIMEZONE's TZID, or a
    stray ``VTIMEZONE: Area/City`` line some generators write."""
    for vcalendar in calendar.walk("VCALENDAR"):
        for name in ("X-WR-TIMEZONE", "VTIMEZONE", "TZID"):
            prop = vcalendar.first(name)
            found = resolve_tzid(prop.value, zones) if prop is not None and prop.value.strip() else None
            if found is not None:
                evidence.named(_zone_key(found, prop.value), name)
                return found
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = vtimezone.first("TZID")
        if tzid is not None and resolve_tzid(tzid.value, zones) is not None:
            evidence.named(_zone_key(resolve_tzid(tzid.value, zones), tzid.value), "VTIMEZONE")
    return None


def _zone_key(found: tzinfo, written: str) -> str:
    return getattr(found, "key", "") or written.strip()


def _note_zone(prop: Property | None, start: datetime, zones: dict[str, tzinfo], evidence: ZoneEvidence) -> None:
    if prop is None or _DATE.match(prop.value.strip()):
        evidence.floating += 1
    elif prop.value.strip().endswith("Z") or evidence.name:
        evidence.saw(start)
    elif prop.params.get("TZID"):
        found = resolve_tzid(prop.params["TZID"], zones)
        if found is not None:
            evidence.named(_zone_key(found, prop.params["TZID"]), "TZID on DTSTART")
        evidence.saw(start)
    else:
        evidence.floating += 1


# -- lines and components ------------------------------------------------------------------
def unfold(text: str) -> Iterator[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on, one at a time
    (a whole calendar's lines are never held at once)."""
    number, parts = 0, []
    for physical, line in enumerate(io.StringIO(text, newline=None), start=1):
        line = line.rstrip("\n")
        if line[:1] in (" ", "\t") and parts:
            parts.append(line[1:])
            continue
        if parts:
            yield number, "".join(parts)
        number, parts = (physical, [line]) if line.strip() else (0, [])
    if parts:
        yield number, "".join(parts)


def parse_line(line: str, number: int) -> Property | None:
    """A content line as a property, or None when it has no ``:`` outside quotes."""
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1:]
            name, *raw_params = _split_params(head)
            params = {}
            for raw in raw_params:
                key, _, param_value = raw.partition("=")
                params[key.strip().upper()] = param_value.strip().strip('"')
            return Property(name.strip().upper(), params, value, number)
    return None


def _split_params(head: str) -> list[str]:
    parts, current, in_quotes = [], "", False
    for char in head:
        if char == '"':
            in_quotes = not in_quotes
        if char == ";" and not in_quotes:
            parts.append(current)
            current = ""
        else:
            current += char
    return parts + [current]


def parse_calendar(file: str, text: str, result: ImportResult) -> Component:
    """The VCALENDAR component of ``text``; UnreadableInput when it has none."""
    lines = unfold(text.lstrip("\ufeff"))
    first = next(lines, None)
    if first is None or first[1].strip().upper() != "BEGIN:VCALENDAR":
        raise UnreadableInput(f"{file}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
    lines = itertools.chain([first], lines)
    root = Component("ROOT", 0)
    stack = [root]
    count = 0
    for number, line in lines:
        prop = parse_line(line, number)
        if prop is None:
            result.warn(None, f"line {number} is not a NAME:value line; ignored ({line[:40]!r})")
        elif prop.name == "BEGIN":
            _check_room(file, stack, count := count + 1)
            component = Component(prop.value.strip().upper(), number)
            stack[-1].children.append(component)
            stack.append(component)
        elif prop.name == "END":
            _close(stack, prop.value.strip().upper(), number, result)
        else:
            stack[-1].properties.append(prop)
    calendars = root.walk("VCALENDAR")
    if not calendars:
        raise UnreadableInput(f"{file}: not an iCalendar file (no VCALENDAR)")
    return root


def _check_room(file: str, stack: list[Component], count: int) -> None:
    """Refuse a calendar past the nesting or component limits (see ``limits``)."""
    bounds = limits.LIMITS
    if len(stack) > bounds.nesting:
        raise too_large(file, f"components nested more than {bounds.nesting} deep", bounds.nesting, "levels")
    if count > bounds.components:
        raise too_large(file, f"more than {bounds.components:,} components", bounds.components, "components")


def _close(stack: list[Component], name: str, number: int, result: ImportResult) -> None:
    names = [c.name for c in stack]
    if name not in names[1:]:
        result.warn(None, f"line {number}: END:{name} without BEGIN:{name}; ignored")
        return
    while stack[-1].name != name:
        stack.pop()  # left open: stays unclosed
    stack.pop().closed = True


# -- time zones ------------------------------------------------------------------------------
def _calendar_zones(calendar: Component) -> dict[str, tzinfo]:
    """Fixed offsets from the file's VTIMEZONEs, for TZIDs no zone database knows."""
    zones = {}
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = vtimezone.first("TZID")
        offsets = {p.value.strip() for c in vtimezone.children for p in c.properties if p.name == "TZOFFSETTO"}
        if tzid and len(offsets) == 1:
            offset = _utc_offset(offsets.pop())
            if offset is not None:
                zones[tzid.value.strip()] = timezone(offset)
    return zones


def _utc_offset(text: str) -> timedelta | None:
    match = re.fullmatch(r"([+-])(\d{2})(\d{2})(\d{2})?", text)
    if not match:
        return None
    sign = -1 if match[1] == "-" else 1
    return sign * timedelta(hours=int(match[2]), minutes=int(match[3]), seconds=int(match[4] or 0))


def resolve_tzid(tzid: str, zones: dict[str, tzinfo]) -> tzinfo | None:
    """The zone a TZID names: an IANA name, a path ending in one, a Windows name, or the
    file's own fixed-offset VTIMEZONE."""
    tzid = tzid.strip().strip('"')
    parts = [p for p in tzid.split("/") if p]
    candidates = [tzid, "/".join(parts[-2:]), "/".join(parts[-3:]), WINDOWS_ZONES.get(tzid.lower(), "")]
    found = (zone_named(candidate) for candidate in candidates if candidate)
    return next((zone for zone in found if zone is not None), zones.get(tzid))


# -- one event -------------------------------------------------------------------------------
def _event_draft(event: Component, position: int, zones: dict[str, tzinfo], local_zone: tzinfo,
                 result: ImportResult) -> SessionDraft:
    if not event.closed:
        raise BadValue(f"the event starting on line {event.line} is not closed by END:VEVENT")
    start_prop = event.first("DTSTART")
    if start_prop is None:
        raise BadValue(f"the event on line {event.line} has no DTSTART")
    start, all_day = _moment(start_prop, zones, local_zone)
    end = _end(event, start, all_day, zones, local_zone)
    title, kind = _title_and_kind(event)
    if event.first("RRULE") is not None:
        result.warn(position, "repeats (RRULE); only the first occurrence is imported")
    location = text_value(event.first("LOCATION"))
    room = "" if looks_like_url(location) else location
    status = (event.first("STATUS").value if event.first("STATUS") else "").strip().upper()
    return SessionDraft(
        row=position, id=_event_id(event, start, title), title=title, start=start, end=end,
        room=room, kind=kind, cancelled=status == "CANCELLED",
        made_up_id=not text_value(event.first("UID")).strip(),
    )


def _end(event: Component, start: datetime, all_day: bool, zones: dict[str, tzinfo],
         local_zone: tzinfo) -> datetime:
    end_prop = event.first("DTEND")
    if end_prop is not None:
        return _moment(end_prop, zones, local_zone)[0]
    duration = event.first("DURATION")
    if duration is not None:
        return start + parse_duration(duration)
    return start + timedelta(days=1) if all_day else start


def _moment(prop: Property, zones: dict[str, tzinfo], local_zone: tzinfo) -> tuple[datetime, bool]:
    """A DTSTART/DTEND value as an aware date-time, and whether it was a whole day."""
    value = prop.value.strip()
    day = _DATE.match(value)
    if day and prop.params.get("VALUE", "DATE") == "DATE":
        when = _checked(lambda: date(int(day[1]), int(day[2]), int(day[3])), prop)
        return datetime(when.year, when.month, when.day, tzinfo=local_zone), True
    match = _DATE_TIME.match(value)
    if not match:
        raise BadValue(f"{prop.name} {value!r} (line {prop.line}) is not an iCalendar date-time")
    numbers = [int(match[i] or 0) for i in range(1, 7)]
    naive = _checked(lambda: datetime(*numbers), prop)
    if match[7]:
        return naive.replace(tzinfo=UTC), False
    tzid = prop.params.get("TZID")
    if tzid is None:
        return naive.replace(tzinfo=local_zone), False
    zone = resolve_tzid(tzid, zones)
    if zone is None:
        raise BadValue(f"{prop.name} (line {prop.line}): time zone {tzid!r} is not known")
    return naive.replace(tzinfo=zone), False


def _checked(make: Callable[[], T], prop: Property) -> T:
    try:
        return make()
    except ValueError as error:
        raise BadValue(f"{prop.name} {prop.value.strip()!r} (line {prop.line}): {error}") from error


def parse_duration(prop: Property) -> timedelta:
    """An iCalendar DURATION (``PT1H30M``, ``P1D``) as a timedelta."""
    match = _DURATION.match(prop.value.strip())
    if not match or not any(match.groups()[1:]):
        raise BadValue(f"DURATION {prop.value.strip()!r} (line {prop.line}) is not a duration like PT1H30M")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    length = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -length if match[1] == "-" else length


def text_value(prop: Property | None) -> str:
    """A TEXT property's value with its escapes undone."""
    if prop is None:
        return ""
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], prop.value)


def _title_and_kind(event: Component) -> tuple[str, str]:
    """The SUMMARY and the kind word from CATEGORIES or a leading ``#tag`` in the summary."""
    title = text_value(event.first("SUMMARY")).strip()
    categories = text_value(event.first("CATEGORIES"))
    kind = re.split(r"(?<!\\),", categories)[0].strip() if categories else ""
    tagged = _HASHTAG.match(title)
    if tagged:
        kind = kind or tagged[1]
        title = tagged[2].strip()
    return title, kind


def _event_id(event: Component, start: datetime, title: str) -> str:
    uid = text_value(event.first("UID")).strip()
    if not uid:
        digest = hashlib.sha1(f"{start.isoformat()} {title}".encode()).hexdigest()
        return f"ical-{digest[:16]}"
    recurrence = event.first("RECURRENCE-ID")
    return f"{uid}/{recurrence.value.strip()}" if recurrence else uid
