"""Event time: the event's zone, its dates for print, and sessions in local time.

Every date and time hildprint prints goes through here, so a sign, a label and a badge
never disagree about when something happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from hildprint.core.domain.model import Event, Session

DAY_STARTS_HOURS = 5
"""A session starting before 05:00 belongs to the day before (a programme running past
midnight stays on one sign)."""


def zone_named(name: str) -> ZoneInfo | None:
    """The time zone called ``name`` ("Asia/Seoul"), or None when there is none by that name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_names() -> list[str]:
    """Every time zone name this system knows, sorted ("Africa/Abidjan" ... "Zulu")."""
    return sorted(available_timezones())


def event_zone(event: Event) -> ZoneInfo:
    """The event's time zone (UTC when it is not a known zone)."""
    return zone_named(event.timezone or "UTC") or ZoneInfo("UTC")


@dataclass(frozen=True)
class LocalTimes:
    """A session's start and end in the event's zone."""

    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        """The programme day the session belongs to: its local day, where the day starts at
        05:00."""
        return (self.start - timedelta(hours=DAY_STARTS_HOURS)).date()

    def span(self) -> str:
        """"09:15–10:45"."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


def local_times(session: Session, zone: ZoneInfo) -> LocalTimes:
    """The session's times in ``zone`` (naive times are taken to be in that zone already)."""
    def convert(text: str) -> datetime:
        moment = datetime.fromisoformat(text)
        return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return LocalTimes(convert(session.start), convert(session.end))


def event_dates(event: Event) -> str:
    """The event's dates for print: "10–11 July 2026", "30 June – 2 July 2026"."""
    try:
        start = date.fromisoformat(event.start_date)
    except ValueError:
        return event.start_date
    try:
        end = date.fromisoformat(event.end_date or event.start_date)
    except ValueError:
        end = start
    day = lambda d: f"{d.day} {d:%B}"  # noqa: E731
    if start == end:
        return f"{day(start)} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B} {end.year}"
    if start.year == end.year:
        return f"{day(start)} – {day(end)} {end.year}"
    return f"{day(start)} {start.year} – {day(end)} {end.year}"


def long_day(day: date) -> str:
    """"Friday 10 July 2026"."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"
