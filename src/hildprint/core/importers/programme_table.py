"""Read a hand-made programme table (CSV, TSV, XLSX): a row per session.

Organisers write programmes every way: an end time or a duration (``1:30``, ``90 min``,
``1h30``), only a start hour (``14``), days as dates (``2026-07-10``, ``10/07/2026``,
``10.07.2026``), as ``10 Jul`` without a year or as weekday names (``Friday``,
``Freitag``) placed within the event's dates, and times as ``14:00``, ``2 pm`` or
``2:00 p.m.``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from hildprint.core.importers.base import ImportResult, MissingColumns
from hildprint.core.importers.columns import normalise_name, resolve_columns
from hildprint.core.importers.programme import SessionDraft, aware, room_id, slug
from hildprint.core.importers.tabular import Row, Table, read_table, unique_header
from hildprint.core.importers.zones import ZoneEvidence

FIELDS = ("id", "day", "start", "end", "duration", "room", "room_local", "title", "local_title",
          "speakers", "kind", "cancelled")
"""What a programme table's column can be mapped onto."""

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uid", "session id"),
    "day": ("date", "datum", "day", "tag", "weekday", "jour"),
    "start": ("start", "start time", "begins", "from", "start hour", "time", "uhrzeit", "beginn", "begin"),
    "end": ("end", "end time", "ends", "until", "to", "ende"),
    "duration": ("duration", "length", "dauer", "minutes", "mins", "durée"),
    "room": ("room", "room name", "location", "venue", "hall", "ort", "raum", "saal", "salle"),
    "room_local": ("room local", "room local name", "local room", "room local_name"),
    "title": ("title", "session title", "name", "summary", "titel", "talk", "activity", "titre"),
    "local_title": ("local title", "title local"),
    "speakers": ("speakers", "speaker", "presenters", "presenter", "persons", "vortragende",
                 "referent", "referenten", "speaker(s)", "speakers 1", "speaker 1", "vortragende 1"),
    "kind": ("kind", "type", "session type", "category"),
    "cancelled": ("cancelled", "canceled", "status"),
}
"""Column names (compared without case, spaces or underscores) read as each field."""

YES = {"yes", "y", "true", "1", "x", "cancelled", "canceled", "ja", "oui"}
NO = {"", "no", "n", "false", "0", "confirmed", "scheduled", "tentative", "nein", "non"}
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.IGNORECASE)
_HAS_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]{3,})\.?(?:\s+(\d{4}))?$"
                        r"|^([^\W\d_]{3,})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$")
_DURATION = re.compile(r"^(?:(\d{1,2}):(\d{2})|(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?"
                       r"\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?)$", re.IGNORECASE)
MAX_MIDNIGHT_CROSSING = timedelta(hours=12)
DEFAULT_LENGTH = timedelta(hours=1)

WEEKDAYS = {name: number for names in (
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
) for number, name in enumerate(names)}
"""Weekday names (English, German, French) and their number (Monday = 0)."""
MONTHS = {name: number for number, names in enumerate((
    ("jan", "january", "januar", "janvier"), ("feb", "february", "februar", "février", "fevrier"),
    ("mar", "march", "märz", "maerz", "mars"), ("apr", "april", "avril"), ("may", "mai"),
    ("jun", "june", "juni", "juin"), ("jul", "july", "juli", "juillet"), ("aug", "august", "août", "aout"),
    ("sep", "sept", "september", "septembre"), ("oct", "october", "oktober", "okt", "octobre"),
    ("nov", "november", "novembre"), ("dec", "december", "dezember", "dez", "décembre")), start=1)
    for name in names}
"""Month names and abbreviations (English, German, French) and their number."""


class BadRow(ValueError):
    """A table row whose day or times cannot be read."""


def table_drafts(path: Path, result: ImportResult, mapping: dict[str, str], event_zone: tzinfo,
                 evidence: ZoneEvidence, event_dates: tuple[str, str]) -> list[SessionDraft]:
    """Session drafts from the rows of a programme table."""
    table = _real_header(read_table(path), mapping)
    result.rows_read = len(table.rows)
    result.warnings.extend(table.warnings)
    result.details.update(table.details())
    columns = _resolve_columns(str(path), table.header, mapping)
    result.use_columns(table.header, columns)
    extra_speakers = _numbered_siblings(table.header, columns.get("speakers", ""))
    open_ended = "end" not in columns and "duration" not in columns
    if open_ended:
        result.warn(None, f"no end or duration column: each session is taken to last until the next one "
                          f"in its room, at most {int(DEFAULT_LENGTH.total_seconds() // 60)} minutes")
    days = DayReader(event_dates)
    drafts = []
    for row, cells in table.records():
        if row in table.damaged:
            result.reject(row, table.damaged[row])
            continue
        values = {name: cells.get(column, "") for name, column in columns.items()}
        if extra_speakers:
            values["speakers"] = "\n".join([values["speakers"]] + [cells.get(c, "") for c in extra_speakers])
        try:
            drafts.append(_row_draft(values, row, event_zone, result, days, evidence))
        except BadRow as error:
            result.reject(row, str(error))
    if open_ended:
        end_at_next(drafts)
    return drafts


def end_at_next(drafts: list[SessionDraft]) -> None:
    """Sessions given only a start end when the next one in their room starts, after at
    most :data:`DEFAULT_LENGTH`."""
    by_room: dict[tuple[str, date], list[SessionDraft]] = {}
    for draft in drafts:
        by_room.setdefault((room_id(draft.room) if draft.room else "", draft.start.date()), []).append(draft)
    for items in by_room.values():
        items.sort(key=lambda d: d.start)
        for draft, following in zip(items, items[1:] + [None]):
            limit = draft.start + DEFAULT_LENGTH
            draft.end = min(limit, following.start) if following and following.start > draft.start else limit


def _real_header(table: Table, mapping: dict[str, str]) -> Table:
    """The table read from its real header: when the row found as the header names no
    start or title but the row under it does (a title row, or a group heading such as
    "Speakers" above numbered columns), that row is the header, and its numbered or empty
    cells take the heading above them ("Speakers 1", "Speakers 2")."""
    if mapping or not table.rows or _names_programme(table.header):
        return table
    below = table.rows[0].cells
    if not _names_programme(below):
        return table
    header, heading = [], ""
    for index, cell in enumerate(below):
        above = table.header[index] if index < len(table.header) else ""
        above = "" if above.startswith("Column ") else above
        heading = above or heading
        cell = cell.strip()
        if cell.isdigit() and heading:
            cell = f"{heading} {cell}"
        header.append(cell or above)
    width = len(header)
    rows = [Row(row.number, row.cells[:width]) for row in table.rows[1:]]
    fixed = Table(table.file, unique_header(header), rows, encoding=table.encoding, delimiter=table.delimiter,
                  header_row=table.rows[0].number, sheet=table.sheet, warnings=table.warnings,
                  damaged=table.damaged)
    return fixed


def _names_programme(cells: list[str]) -> bool:
    names = {normalise_name(cell) for cell in cells}
    return bool(names & set(ALIASES["start"])) and bool(names & set(ALIASES["title"]))


def _numbered_siblings(header: list[str], column: str) -> list[str]:
    """Other columns numbered like ``column`` ("Speakers 2", "Speakers 3" for "Speakers 1")."""
    match = re.fullmatch(r"(.*?)\s*1", column)
    if not match:
        return []
    stem = normalise_name(match[1])
    return [c for c in header if c != column and re.fullmatch(rf"{re.escape(stem)}\s*\d+", normalise_name(c))]


def _resolve_columns(file: str, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    chosen = resolve_columns(file, header, ALIASES, mapping, FIELDS, "a programme")
    missing = [name for name in ("start", "title") if name not in chosen]
    if missing:
        raise MissingColumns(f"{file}: no {', '.join(missing)} column (found: {', '.join(header[:20])}); "
                             "a programme table needs day, start, end (or duration), room, title; "
                             "name other columns with --map 'COLUMN=FIELD'",
                             header, f"the {' and '.join(missing)} column{'s' if len(missing) > 1 else ''}")
    return chosen


def _row_draft(values: dict[str, str], row: int, event_zone: tzinfo, result: ImportResult,
               days: DayReader, evidence: ZoneEvidence) -> SessionDraft:
    day_text = values.get("day", "").strip()
    start = _moment(day_text, values["start"], event_zone, "start", days)
    end = _end(values, start, event_zone, days, row, result)
    if _HAS_DATE.match(values["start"].strip()):
        evidence.saw(datetime.fromisoformat(values["start"].strip().replace(" ", "T", 1)))
    else:
        evidence.floating += 1
    room = values.get("room", "").strip()
    title = values.get("title", "")
    given_id = values.get("id", "").strip()
    session_id = given_id or f"{start:%Y-%m-%dT%H%M}-{room_id(room) if room else slug(title)}"
    return SessionDraft(
        row=row, id=session_id, title=title, start=start, end=end, room=room,
        room_local=values.get("room_local", ""), kind=values.get("kind", ""),
        speakers=[s for s in re.split(r"[;\n]", values.get("speakers", "")) if s.strip()],
        cancelled=_cancelled(values.get("cancelled", ""), row, result),
        local_title=values.get("local_title", ""), made_up_id=not given_id,
    )


def _end(values: dict[str, str], start: datetime, event_zone: tzinfo, days: DayReader, row: int,
         result: ImportResult) -> datetime:
    if values.get("end", "").strip():
        end = _moment(values.get("day", "").strip() or start.date().isoformat(), values["end"],
                      event_zone, "end", days)
        crosses_midnight = end + timedelta(days=1) - start <= MAX_MIDNIGHT_CROSSING
        if end < start and not _HAS_DATE.match(values["end"].strip()) and crosses_midnight:
            end += timedelta(days=1)
            result.warn(row, f"ends at {values['end'].strip()} before it starts; read as the next day")
        return end
    if values.get("duration", "").strip():
        return start + parse_duration(values["duration"])
    if "end" in values or "duration" in values:
        raise BadRow("no end time or duration")
    return start + DEFAULT_LENGTH


def _moment(day_text: str, value: str, event_zone: tzinfo, label: str, days: DayReader) -> datetime:
    value = value.strip()
    if not value:
        raise BadRow(f"no {label} time")
    if _HAS_DATE.match(value):
        try:
            return aware(datetime.fromisoformat(value.replace(" ", "T", 1)), event_zone)
        except ValueError as error:
            raise BadRow(f"{label} {value!r} is not a date and time like 2026-07-10 09:30") from error
    if value in ("24", "24:00", "24.00"):  # midnight at the end of the day
        return datetime.combine(days.read(day_text) + timedelta(days=1), time(0), tzinfo=event_zone)
    clock = parse_clock(value)
    if clock is None:
        raise BadRow(f"{label} {value!r} is not a time like 09:30, 9:30 am or 14")
    return datetime.combine(days.read(day_text), clock, tzinfo=event_zone)


def parse_clock(text: str) -> time | None:
    """A time of day: ``09:30``, ``9.30``, ``09:30:00``, ``9:30 pm``, ``2:00 p.m.``, ``9am``,
    or a bare hour ``14``; None otherwise."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_duration(text: str) -> timedelta:
    """A session's length: ``1:30``, ``90``, ``90 min``, ``1h30``, ``1.5 h``."""
    match = _DURATION.match(text.strip())
    if not match or not any(match.groups()):
        raise BadRow(f"duration {text.strip()!r} is not a length like 1:30, 90 min or 1h30")
    if match[1] is not None:
        return timedelta(hours=int(match[1]), minutes=int(match[2]))
    hours = float((match[3] or "0").replace(",", "."))
    return timedelta(hours=hours, minutes=int(match[4] or 0))


class DayReader:
    """Reads a programme day, placing weekday names and dates without a year within the
    event's dates (``YYYY-MM-DD`` first and last day; either may be "")."""

    def __init__(self, event_dates: tuple[str, str]):
        self.first = _iso_or_none(event_dates[0])
        self.last = _iso_or_none(event_dates[1]) or self.first

    def read(self, text: str) -> date:
        """The date ``text`` names; BadRow saying what is missing when it cannot tell."""
        text = text.strip()
        if not text:
            raise BadRow("no day (write it as YYYY-MM-DD)")
        found = (_iso_or_none(text.replace("/", "-")) or self._numeric(text) or self._day_month(text)
                 or self._weekday(text))
        if found is None:
            raise BadRow(f"day {text!r} is not a date like 2026-07-10, 10/07/2026, 10 Jul or a weekday")
        return found

    def _numeric(self, text: str) -> date | None:
        match = _NUMERIC_DATE.match(text)
        if not match:
            return None
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        readings = [d for d in (_date_or_none(year, b, a), _date_or_none(year, a, b)) if d]
        inside = [d for d in readings if self._contains(d)]
        return (inside or readings or [None])[0]

    def _day_month(self, text: str) -> date | None:
        match = _DAY_MONTH.match(text)
        if not match:
            return None
        day, month_name, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        month = MONTHS.get(month_name.casefold())
        if month is None:
            return None
        if year is None and self.first is None:
            raise BadRow(f"day {text!r} has no year, and the event has no dates to take it from; "
                         "set the event's dates first")
        return _date_or_none(int(year) if year else self.first.year, month, int(day))

    def _weekday(self, text: str) -> date | None:
        weekday = WEEKDAYS.get(text.casefold().rstrip("."))
        if weekday is None:
            return None
        if self.first is None:
            raise BadRow(f"day {text!r} is a weekday, and the event has no dates to place it in; "
                         "set the event's dates first")
        span = max((self.last - self.first).days, 0) + 7
        for offset in range(span):
            day = self.first + timedelta(days=offset)
            if day.weekday() == weekday:
                return day
        return None

    def _contains(self, day: date) -> bool:
        return self.first is not None and self.first <= day <= (self.last or self.first)


def _iso_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _cancelled(text: str, row: int, result: ImportResult) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value not in NO:
        result.warn(row, f"cancelled {text.strip()!r} is neither yes nor no; read as not cancelled")
    return False
