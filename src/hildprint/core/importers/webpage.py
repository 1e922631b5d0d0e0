"""Read a programme copied from a workshop's web page, as plain text or saved HTML.

Most workshops publish their programme only as a page: days such as ``22 Jun (Mon)``,
items such as ``13:00 - 13:45`` followed by a title, speakers in parentheses after the
title (``Tutorial: Scaling limits (Mufan Li)``), abstracts and link captions under it,
and ``***Cancelled ...***`` markers before a cancelled talk. The year comes from the
event's dates unless the page gives one. A sentence such as "All talks are held in
MS.01" names the room.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from html.parser import HTMLParser

from hildprint.core.importers.base import ImportResult, UnreadableInput
from hildprint.core.importers.programme import SessionDraft, slug
from hildprint.core.importers.programme_table import MONTHS, WEEKDAYS
from hildprint.core.importers.zones import ZoneEvidence

_MONTH = r"(?P<month>[^\W\d_]{3,})\.?"
_DAY_FIRST = re.compile(rf"^(?:[^\W\d_]+,?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{_MONTH}"
                        r"(?:\s+(?P<year>\d{4}))?(?:\s*\([^\W\d_]+\.?\))?\s*(?P<rest>.*)$")
_MONTH_FIRST = re.compile(rf"^(?:[^\W\d_]+,?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                          r"(?:,?\s+(?P<year>\d{4}))?(?:\s*\([^\W\d_]+\.?\))?(?:\s*[:\-–]\s*|\s+|$)(?P<rest>.*)$")
_RANGE = re.compile(r"^(?P<start>\d{1,2}[:.]\d{2})\s*(?P<sp>[ap]\.?m\.?)?\s*[-–—]+\s*"
                    r"(?P<end>\d{1,2}[:.]\d{2})\s*(?P<ep>[ap]\.?m\.?)?\s*(?P<rest>.*)$", re.IGNORECASE)
_CANCEL = re.compile(r"^\W*(?:cancell?ed|abgesagt)\b", re.IGNORECASE)
_SKIP = re.compile(r"link opens in a new window$|^abstract\s*:|^(?:slides|notes|video|recording|paper)\b.*link",
                   re.IGNORECASE)
_ROOM = re.compile(r"\bheld\s+(?:in[- ]person\s+)?in\s+(?:room\s+)?(?P<room>[A-Z][\w.\-]*\d[\w.\-]*)")
_SPEAKERS = re.compile(r"\s*\((?P<who>[^()]{2,120})\)\s*$")
_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table",
           "section", "article", "header", "footer", "ul", "ol", "dt", "dd", "hr"}


def looks_like_html(head: str) -> bool:
    """Whether a file's first characters are an HTML page."""
    start = head.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html")) or ("<html" in start and "<head" in head.lower())


class _Text(HTMLParser):
    """The text of an HTML page, a line per block; scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data.replace("\n", " "))


def page_text(text: str) -> str:
    """The visible text of a page: HTML is reduced to its text, plain text kept."""
    if not looks_like_html(text[:4096].lstrip("\ufeff")):
        return text
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


@dataclass
class _Item:
    line: int
    day: date
    start: time
    end: time
    title: str = ""
    cancelled: bool = False


@dataclass
class _Reader:
    file: str
    year: int | None
    items: list[_Item] = field(default_factory=list)
    day: date | None = None
    cancel_pending: bool = False
    waiting_title: _Item | None = None
    in_description: bool = False
    untimed_cancelled: list[tuple[int, str]] = field(default_factory=list)


def read_page_drafts(file: str, text: str, result: ImportResult, local_zone: tzinfo,
                     evidence: ZoneEvidence, event_start: str) -> list[SessionDraft]:
    """Session drafts from a programme page; times are local (read in ``local_zone``)."""
    text = page_text(text)
    year = _year(event_start)
    reader = _Reader(file, year)
    for number, raw in enumerate(text.splitlines(), start=1):
        _read_line(reader, number, _clean(raw))
    if not reader.items and not reader.untimed_cancelled:
        raise UnreadableInput(f"{file}: no programme found: no day (such as '22 Jun') followed by times "
                              "such as '13:00 - 13:45'")
    room_match = _ROOM.search(text)
    room = room_match["room"].rstrip(".") if room_match else ""
    if room:
        result.details["room"] = f"{room} (the page says: {room_match[0]!r})"
    result.rows_read = len(reader.items) + len(reader.untimed_cancelled)
    result.details["days"] = str(len({item.day for item in reader.items}))
    for line, title in reader.untimed_cancelled:
        result.skip(line, f"cancelled, and without a time of its own: {title!r}")
    drafts = []
    for item in reader.items:
        drafts.append(_draft(item, room, local_zone, result))
        evidence.floating += 1
    return drafts


def _year(event_start: str) -> int | None:
    try:
        return date.fromisoformat(event_start.strip()[:10]).year
    except ValueError:
        return None


def _clean(line: str) -> str:
    """A line without pictographs (🥄 ☕) and with its spaces tidied."""
    kept = "".join(" " if unicodedata.category(c) in ("So", "Cs", "Co") or c == "\ufe0f" else c for c in line)
    return " ".join(kept.split())


def _read_line(reader: _Reader, number: int, line: str) -> None:
    if not line:
        return
    rest = _day_line(reader, number, line)
    if rest is None:
        return
    match = _RANGE.match(rest)
    if match and reader.day is not None:
        item = _Item(number, reader.day, _clock(match["start"], match["sp"] or match["ep"], reader, number),
                     _clock(match["end"], match["ep"], reader, number), cancelled=reader.cancel_pending)
        reader.items.append(item)
        reader.cancel_pending, reader.in_description = False, False
        reader.waiting_title = item
        if match["rest"]:
            _title(reader, number, match["rest"])
        return
    if _CANCEL.match(rest):
        if reader.waiting_title is not None:
            reader.waiting_title.cancelled = True
        else:
            reader.cancel_pending, reader.in_description = True, False
        return
    _title(reader, number, rest)


def _day_line(reader: _Reader, number: int, line: str) -> str | None:
    """The line after any day it starts with (which becomes the current day); None when
    nothing is left."""
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        match = pattern.match(line)
        month = MONTHS.get(match["month"].casefold()) if match else None
        if match and month and not WEEKDAYS.get(match["month"].casefold()):
            year = int(match["year"]) if match["year"] else reader.year
            if year is None:
                raise UnreadableInput(f"{reader.file}, line {number}: the day {line[:20]!r} has no year and the "
                                      "event has no dates to take it from; set the event's dates first")
            try:
                reader.day = date(year, month, int(match["day"]))
            except ValueError:
                return line
            reader.waiting_title, reader.cancel_pending = None, False
            return match["rest"].strip() or None
    return line


def _clock(text: str, meridiem: str | None, reader: _Reader, number: int) -> time:
    hour, minute = (int(part) for part in re.split(r"[:.]", text))
    if meridiem and meridiem[0].lower() == "p" and hour < 12:
        hour += 12
    if meridiem and meridiem[0].lower() == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise UnreadableInput(f"{reader.file}, line {number}: {text!r} is not a time of day")
    return time(hour, minute)


def _title(reader: _Reader, number: int, line: str) -> None:
    if _SKIP.search(line):
        return
    if reader.waiting_title is not None:
        reader.waiting_title.title = line
        reader.waiting_title, reader.in_description = None, True
    elif reader.cancel_pending:
        reader.untimed_cancelled.append((number, line))
        reader.cancel_pending, reader.in_description = False, True


def _draft(item: _Item, room: str, local_zone: tzinfo, result: ImportResult) -> SessionDraft:
    start = datetime.combine(item.day, item.start, tzinfo=local_zone)
    end = datetime.combine(item.day, item.end, tzinfo=local_zone)
    if end < start:
        end += timedelta(days=1)
    title, speakers = split_speakers(item.title)
    if not item.title:
        result.warn(item.line, f"no title after {item.start:%H:%M} - {item.end:%H:%M}")
    return SessionDraft(
        row=item.line, id=f"{start:%Y-%m-%dT%H%M}-{slug(title) or 'item'}", title=title or "(untitled)",
        start=start, end=end, room=room, speakers=speakers, cancelled=item.cancelled, made_up_id=True,
    )


def split_speakers(title: str) -> tuple[str, list[str]]:
    """A page's item title without the speakers in parentheses after it, and the speakers:
    ``Tutorial: Scaling (Mufan Li)`` gives ``Tutorial: Scaling`` and ``["Mufan Li"]``."""
    match = _SPEAKERS.search(title)
    if not match or not _names_like(match["who"]):
        return title, []
    names = [n.strip() for n in re.split(r",|;|\s+and\s+|\s+&\s+", match["who"]) if n.strip()]
    return title[:match.start()].strip(), names


def _names_like(text: str) -> bool:
    """Whether parenthesised text reads as people's names rather than a remark."""
    words = re.split(r"[\s,;&]+", text.strip())
    if not words or len(words) > 12 or any(w.casefold() in ("with", "required", "joint", "work") for w in words):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w.casefold() in ("and", "de", "van", "von", "da"))
    return capitalised == len(words)
