"""Where a programme's times are: what the file says, and whether it fits the event.

Each programme reader notes in a :class:`ZoneEvidence` what its file states about time
zones (a zone's name, the offsets its times carry, times marked UTC, times with no zone).
From that evidence an event without a zone takes the file's zone, a file whose zone
disagrees with the event's is a warning naming both, and a file that says nothing but
UTC is told so; sessions years away from the event's dates are a warning too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hildprint.core.domain.eventtime import zone_named
from hildprint.core.importers.base import ImportResult

FAR_FROM_EVENT = timedelta(days=180)
"""Sessions further than this from the event's dates are most likely another year's file."""
SET_ZONE_HINT = "set it with: hildprint event EVENT --timezone Area/City (e.g. Asia/Seoul)"
UTC_NAMES = {"utc", "etc/utc", "gmt", "etc/gmt", "z", "zulu", "universal", "etc/universal"}


@dataclass
class ZoneEvidence:
    """What one programme file says about the time zone of its times."""

    name: str = ""
    """A time zone the file names (frab ``<time_zone_name>``, ``X-WR-TIMEZONE``, ``TZID``)."""
    source: str = ""
    """Where the file names it, for messages ("<time_zone_name>")."""
    offsets: Counter[timedelta] = field(default_factory=Counter)
    """UTC offsets written on the times themselves (``+02:00``), UTC ``Z`` counted as 0."""
    floating: int = 0
    """Times that carry no zone at all (read in the event's zone)."""

    def named(self, name: str, source: str) -> None:
        """Note the zone the file names (the first one named wins)."""
        if name and not self.name:
            self.name, self.source = name, source

    def saw(self, moment: datetime) -> None:
        """Note one time as read: with its offset, or floating when it had none."""
        offset = moment.utcoffset()
        if offset is None:
            self.floating += 1
        else:
            self.offsets[offset] += 1

    @property
    def utc_only(self) -> bool:
        """Whether the file says nothing but UTC about its times."""
        named_utc = self.name.casefold() in UTC_NAMES
        return (not self.name or named_utc) and set(self.offsets) <= {timedelta(0)} and bool(
            self.offsets or named_utc)


def adoptable_zone(evidence: ZoneEvidence) -> tuple[str, str]:
    """The zone an event without one should take from this file, and why ("" when none).

    A named zone wins; else the offset most of the times carry, as a fixed ``Etc/GMT``
    zone (whole hours only). UTC alone says nothing about where an event is.
    """
    if evidence.name and evidence.name.casefold() not in UTC_NAMES and zone_named(evidence.name):
        return evidence.name, f"this file's {evidence.source}"
    offsets = [o for o, _ in evidence.offsets.most_common() if o != timedelta(0)]
    if not offsets:
        return "", ""
    hours, rest = divmod(offsets[0], timedelta(hours=1))
    if rest:
        return "", ""
    name = f"Etc/GMT{-hours:+d}"
    return name, (f"the UTC offset {offset_text(offsets[0])} its times carry (a fixed offset: "
                  "if the place observes daylight saving time, set its zone's name instead)")


def offset_text(offset: timedelta) -> str:
    """``+02:00`` for two hours east of UTC."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def fit_zone(result: ImportResult, evidence: ZoneEvidence, event_zone: str,
             starts: list[datetime]) -> str:
    """Warn where the file's zone and the event's disagree; return the zone an event
    without one takes from this file ("" when it takes none)."""
    if not event_zone:
        return _no_event_zone(result, evidence)
    zone = zone_named(event_zone)
    if zone is None:
        return ""
    if evidence.name and zone_named(evidence.name) is not None:
        theirs = zone_named(evidence.name)
        if _disagree(theirs, zone, starts):
            result.warn(None, f"this file's times are in {evidence.name} ({evidence.source}) but the "
                              f"event's time zone is {event_zone}; signs show them in {event_zone}: check "
                              "which is right")
        return ""
    foreign = sorted({offset_text(offset) for s in starts
                      if (offset := s.utcoffset()) and offset != s.astimezone(zone).utcoffset()})
    if foreign:
        result.warn(None, f"this file's times carry UTC offset {', '.join(foreign)}, which is not the "
                          f"event's time zone {event_zone}; signs show them in {event_zone}: check which is right")
    return ""


def _disagree(theirs: tzinfo, ours: tzinfo, starts: list[datetime]) -> bool:
    moments = starts or [datetime.now()]
    return any(theirs.utcoffset(m.replace(tzinfo=None)) != ours.utcoffset(m.replace(tzinfo=None))
               for m in moments)


def _no_event_zone(result: ImportResult, evidence: ZoneEvidence) -> str:
    name, why = adoptable_zone(evidence)
    if name:
        result.warn(None, f"the event had no time zone; it now has {name}, taken from {why}")
        return name
    if evidence.utc_only:
        result.warn(None, "this file gives its times in UTC only and says nothing about where the event "
                          "is; signs print them in UTC until the event has a time zone: " + SET_ZONE_HINT)
    elif evidence.floating:
        result.warn(None, "this file's times carry no time zone and the event has none, so they were "
                          "read as UTC; " + SET_ZONE_HINT + ", then import the file again")
    return ""


def output_zone(event_zone: str, adopted: str) -> ZoneInfo:
    """The zone sessions are written in: the event's, else the one taken from the file, else UTC."""
    return zone_named(event_zone or adopted or "UTC") or ZoneInfo("UTC")


def warn_far_from_event(result: ImportResult, starts: list[datetime], first: str, last: str) -> None:
    """One warning when sessions lie far outside the event's dates (``YYYY-MM-DD``)."""
    try:
        begin = date.fromisoformat(first)
        end = date.fromisoformat(last or first)
    except ValueError:
        return
    far = sorted(s.date() for s in starts
                 if s.date() < begin - FAR_FROM_EVENT or s.date() > end + FAR_FROM_EVENT)
    if far:
        result.warn(None, f"{len(far)} sessions ({_span(far[0], far[-1])}) are far from the event's dates "
                          f"({_span(begin, end)}): is this the right file, or are the event's dates wrong?")


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
