"""Read a programme: frab ``schedule.xml``, iCalendar ``.ics``, or a simple table.

``read_schedule`` detects the format from the content when asked for ``auto``: text
starting with ``BEGIN:VCALENDAR`` is iCalendar, XML is frab (other XML dialects are
refused with a message saying so), anything else is read as a CSV/TSV/XLSX table with
the columns day, start, end, room, title, speakers, kind (and optionally id, cancelled,
local_title, room_local).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from hildprint.core.importers import frab, ical
from hildprint.core.importers.base import (
    ImportKind,
    ImportResult,
    MissingColumns,
    UnreadableInput,
    read_input_bytes,
)
from hildprint.core.importers.columns import resolve_columns
from hildprint.core.importers.limits import check_lines
from hildprint.core.importers.programme import (
    SessionDraft,
    aware,
    finish_sessions,
    room_id,
    slug,
    zone,
)
from hildprint.core.importers.tabular import XLSX_MAGIC, decode_text, read_table

__all__ = ["read_schedule"]

FIELDS = ("id", "day", "start", "end", "room", "room_local", "title", "local_title", "speakers",
          "kind", "cancelled")
"""What a programme table's column can be mapped onto."""

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uid", "session id"),
    "day": ("day", "date"),
    "start": ("start", "start time", "begins", "from"),
    "end": ("end", "end time", "ends", "until", "to"),
    "room": ("room", "room name", "location", "venue", "hall"),
    "room_local": ("room local", "room local name", "local room", "room local_name"),
    "title": ("title", "session title", "name", "summary"),
    "local_title": ("local title", "title local"),
    "speakers": ("speakers", "speaker", "presenters", "presenter", "persons"),
    "kind": ("kind", "type", "session type", "category"),
    "cancelled": ("cancelled", "canceled", "status"),
}
"""Column names (compared without case, spaces or underscores) read as each field."""

YES = {"yes", "y", "true", "1", "x", "cancelled", "canceled", "ja", "oui"}
NO = {"", "no", "n", "false", "0", "confirmed", "scheduled", "tentative", "nein", "non"}
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$", re.IGNORECASE)
_HAS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]")
MAX_MIDNIGHT_CROSSING = timedelta(hours=12)


class BadRow(ValueError):
    """A table row whose day or times cannot be read."""


def read_schedule(path: Path, fmt: str, mapping: dict[str, str], timezone: str = "UTC") -> ImportResult:
    """Read the programme in ``path``.

    ``fmt`` is ``auto``, ``frab``, ``ical``, ``csv`` or ``xlsx``. ``mapping`` maps a table
    column onto a field (id, day, start, end, room, room_local, title, local_title,
    speakers, kind, cancelled). Times without a zone are read in ``timezone``; every
    session's start and end are written with their offset in that zone.
    """
    path = Path(path)
    event_zone = zone(timezone, str(path))
    data = read_input_bytes(path)
    detected = _detect(data, str(path))
    if detected == "json":
        raise UnreadableInput(f"{path}: a JSON file; programmes are read from frab schedule.xml, "
                              "iCalendar (.ics) or a CSV/XLSX table")
    if fmt in ("auto", detected) or (fmt in ("csv", "xlsx") and detected in ("csv", "xlsx")):
        fmt = detected
    else:
        raise UnreadableInput(f"{path}: this looks like a {_NAMES[detected]}, not a {fmt} file; "
                              "try --format auto")
    result = ImportResult(ImportKind.SCHEDULE, str(path), fmt)
    if fmt == "frab":
        root = frab.parse_xml(str(path), data, result)
        drafts = frab.read_frab_drafts(str(path), root, result, event_zone)
    elif fmt == "ical":
        check_lines(path, data)
        text, encoding, warnings = decode_text(data, str(path))
        result.details["encoding"] = encoding
        result.warnings.extend(warnings)
        drafts = ical.read_ical_drafts(str(path), text, result, event_zone)
    else:
        drafts = _table_drafts(path, result, mapping, event_zone)
    result.details["detected"] = _NAMES[fmt]
    result.details["times in"] = timezone
    return finish_sessions(result, drafts, event_zone)


_NAMES = {"frab": "frab schedule.xml", "ical": "iCalendar file", "csv": "table", "xlsx": "XLSX workbook"}


def _detect(data: bytes, file: str) -> str:
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    # The whole file, not its first bytes: a cut could split a character and fail.
    head = decode_text(data, file)[0][:4096].lstrip("\ufeff \t\r\n")
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return "ical"
    if head.startswith("<"):
        return "frab"
    if head[:1] in ("[", "{"):
        return "json"
    return "csv"


# -- tables ----------------------------------------------------------------------------
def _table_drafts(path: Path, result: ImportResult, mapping: dict[str, str], event_zone: tzinfo) -> list[SessionDraft]:
    table = read_table(path)
    result.rows_read = len(table.rows)
    result.warnings.extend(table.warnings)
    result.details.update(table.details())
    columns = _resolve_columns(str(path), table.header, mapping)
    result.use_columns(table.header, columns)
    drafts = []
    for row, cells in table.records():
        if row in table.damaged:
            result.reject(row, table.damaged[row])
            continue
        values = {name: cells.get(column, "") for name, column in columns.items()}
        try:
            drafts.append(_row_draft(values, row, event_zone, result))
        except BadRow as error:
            result.reject(row, str(error))
    return drafts


def _resolve_columns(file: str, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    chosen = resolve_columns(file, header, ALIASES, mapping, FIELDS, "a programme")
    missing = [name for name in ("start", "end", "title") if name not in chosen]
    if missing:
        raise MissingColumns(f"{file}: no {', '.join(missing)} column (found: {', '.join(header[:20])}); "
                             "a programme table needs day, start, end, room, title; "
                             "name other columns with --map 'COLUMN=FIELD'",
                             header, f"the {' and '.join(missing)} column{'s' if len(missing) > 1 else ''}")
    return chosen


def _row_draft(values: dict[str, str], row: int, event_zone: tzinfo, result: ImportResult) -> SessionDraft:
    day_text = values.get("day", "").strip()
    start = _moment(day_text, values["start"], event_zone, "start")
    end = _moment(day_text or start.date().isoformat(), values["end"], event_zone, "end")
    crosses_midnight = end + timedelta(days=1) - start <= MAX_MIDNIGHT_CROSSING
    if end < start and not _HAS_DATE.match(values["end"].strip()) and crosses_midnight:
        end += timedelta(days=1)
        result.warn(row, f"ends at {values['end'].strip()} before it starts; read as the next day")
    room = values.get("room", "").strip()
    title = values.get("title", "")
    session_id = values.get("id", "").strip() or f"{start:%Y-%m-%dT%H%M}-{room_id(room) if room else slug(title)}"
    return SessionDraft(
        row=row, id=session_id, title=title, start=start, end=end, room=room,
        room_local=values.get("room_local", ""), kind=values.get("kind", ""),
        speakers=[s for s in re.split(r"[;\n]", values.get("speakers", "")) if s.strip()],
        cancelled=_cancelled(values.get("cancelled", ""), row, result),
        local_title=values.get("local_title", ""),
    )


def _moment(day_text: str, value: str, event_zone: tzinfo, label: str) -> datetime:
    value = value.strip()
    if not value:
        raise BadRow(f"no {label} time")
    if _HAS_DATE.match(value):
        try:
            return aware(datetime.fromisoformat(value.replace(" ", "T", 1)), event_zone)
        except ValueError as error:
            raise BadRow(f"{label} {value!r} is not a date and time like 2026-07-10 09:30") from error
    clock = parse_clock(value)
    if clock is None:
        raise BadRow(f"{label} {value!r} is not a time like 09:30")
    return datetime.combine(parse_day(day_text), clock, tzinfo=event_zone)


def parse_day(text: str) -> date:
    """A programme day written ``YYYY-MM-DD`` (or ``YYYY/MM/DD``)."""
    if not text:
        raise BadRow("no day (write it as YYYY-MM-DD)")
    for attempt in (lambda: date.fromisoformat(text.replace("/", "-")),
                    lambda: datetime.fromisoformat(text).date()):
        try:
            return attempt()
        except ValueError:
            continue
    raise BadRow(f"day {text!r} is not a date like 2026-07-10")


def parse_clock(text: str) -> time | None:
    """A time of day: ``09:30``, ``9.30``, ``09:30:00``, ``9:30 pm``, ``9am``; None otherwise."""
    match = _CLOCK.match(text.strip())
    if not match or (match[2] is None and match[4] is None):
        return None
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _cancelled(text: str, row: int, result: ImportResult) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        result.warn(row, f"cancelled {text.strip()!r} is neither yes nor no; read as not cancelled")
    return False
