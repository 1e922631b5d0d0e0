"""What every programme reader shares: drafts, kinds, cancellations, rooms and times.

A reader (frab, iCalendar, CSV) turns its items into :class:`SessionDraft` objects with
time-zone-aware start and end times; :func:`finish_sessions` checks them, maps kinds onto
:data:`~hildprint.core.domain.model.SESSION_KINDS`, collects the rooms and writes the sessions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

from hildprint.core.domain.eventtime import zone_named
from hildprint.core.domain.model import SESSION_KINDS, Room, Session, SessionKind
from hildprint.core.importers.base import (
    MAX_LENGTHS,
    ImportResult,
    UnreadableInput,
    looks_like_formula,
)

MAX_ID_LENGTH = 200
MAX_SESSION_LENGTH = timedelta(days=7)

_CANCEL_WORD = r"(?:cancell?ed|abgesagt|entf[äa]llt|annul[ée]e?)"
_CANCEL_PREFIX = re.compile(
    rf"^\s*(?:[\[(]\s*{_CANCEL_WORD}\s*[\])]\s*[:\-–—!]*|{_CANCEL_WORD}\s*[:\-–—!]+)\s*", re.IGNORECASE,
)
_CANCEL_SUFFIX = re.compile(
    rf"\s*(?:[\[(]\s*{_CANCEL_WORD}\s*[\])]|\s[\-–—]\s*{_CANCEL_WORD}|[:,]\s*{_CANCEL_WORD})\s*!*\s*$", re.IGNORECASE,
)
_CANCEL_ALONE = re.compile(rf"\W*{_CANCEL_WORD}\W*", re.IGNORECASE)
"""A "cancelled" marker needs brackets or a dash or colon, so that a talk called
"Cancelled flights" is not taken for one."""

KIND_PATTERNS: tuple[tuple[SessionKind, str], ...] = (
    (SessionKind.KEYNOTE, r"keynotes?|invited talks?|plenary|distinguished lecture"),
    (SessionKind.OPENING, r"opening|closing|closure|welcome|remarks|farewell"),
    (SessionKind.TUTORIAL, r"tutorials?|hands[- ]on"
                           r"|workshops?(?!\s+(?:dinner|closure|closing|opening|lunch|reception|party))"),
    (SessionKind.PANEL, r"panels?|podium|discussion|debate|fireside chat|q ?& ?a|qa|ama|bofs?"
                        r"|birds of a feather"),
    (SessionKind.REGISTRATION, r"registration(?!\s+required)|check[- ]in|badge pick[- ]?up"),
    (SessionKind.LUNCH, r"lunch"),
    (SessionKind.BREAK, r"breaks?|coffee|tea"),
    (SessionKind.POSTER, r"posters?"),
    (SessionKind.SOCIAL, r"social|reception|banquet|dinner|party|meet[- ]?ups?|networking|mixer|meet ?& ?greet"
                         r"|dj ?sets?|concerts?|performances?|music"),
    (SessionKind.TALK, r"talks?|lectures?|orals?|contributed|spotlights?|presentations?|paper"
                       r"|main ?track|devroom|lightning ?talks?|lightningtalks?|demos?"),
    (SessionKind.OTHER, r"other|meeting|misc|stand ?track|stands?|info ?desk|infodesk"),
)
"""Words that say what a programme item is, tried in this order (a "keynote talk" is a
keynote, a "lunch break" a lunch). They include pentabarf's and frab's event types
(maintrack, devroom, lightningtalk, bof, standtrack, infodesk) and pretalx's free ones."""

_KIND_REGEXES = tuple((kind, re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE))
                      for kind, words in KIND_PATTERNS)


@dataclass
class SessionDraft:
    """One programme item as read, with aware start and end times."""

    row: int | None
    id: str
    title: str
    start: datetime
    end: datetime
    room: str = ""
    room_local: str = ""
    kind: str = ""
    """The source's own word for what this is (``lecture``, ``Coffee``); empty when none."""
    speakers: list[str] = field(default_factory=list)
    cancelled: bool = False
    local_title: str = ""
    made_up_id: bool = False
    """Whether the id was made up from the content because the source gives none."""


# -- time zones and times ------------------------------------------------------------
def zone(name: str, file: str) -> ZoneInfo:
    """The time zone called ``name``, or UnreadableInput naming the file."""
    found = zone_named(name)
    if found is None:
        raise UnreadableInput(f"{file}: {name!r} is not a known time zone (e.g. Asia/Seoul)")
    return found


def aware(moment: datetime, local_zone: tzinfo) -> datetime:
    """``moment`` with its own offset, or read in ``local_zone`` when it has none."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=local_zone)


def iso(moment: datetime, event_zone: tzinfo) -> str:
    """ISO 8601 with the UTC offset, in the event's zone (so the text sorts by time)."""
    return moment.astimezone(event_zone).isoformat(timespec="seconds")


# -- kinds, cancellations, rooms -------------------------------------------------------
def kind_from_words(text: str) -> SessionKind | None:
    """The session kind that ``text`` names, or None when it names none."""
    for kind, regex in _KIND_REGEXES:
        if regex.search(text):
            return kind
    return None


def session_kind(source_kind: str, title: str) -> tuple[SessionKind, bool]:
    """The kind for a session, and whether the source's own kind word was not understood.

    The source's word wins (unless it is just "other"); without one the title is read
    (``Coffee break`` → break), and an item that says nothing is a talk.
    """
    word = source_kind.strip().lower()
    if word == SessionKind.OTHER:
        return kind_from_words(title) or SessionKind.OTHER, False
    if word in SESSION_KINDS:
        return SessionKind(word), False
    if word:
        found = kind_from_words(word)
        return (found, False) if found else (kind_from_words(title) or SessionKind.OTHER, True)
    return kind_from_words(title) or SessionKind.TALK, False


def strip_cancel_mark(title: str) -> tuple[str, bool]:
    """The title without a "cancelled" marker, and whether it had one."""
    if _CANCEL_ALONE.fullmatch(title):
        return title.strip(), True
    cleaned = _CANCEL_SUFFIX.sub("", _CANCEL_PREFIX.sub("", title, count=1), count=1).strip()
    if cleaned == title.strip() or not cleaned:
        return title.strip(), cleaned != title.strip()
    return cleaned, True


def room_id(name: str) -> str:
    """A stable id for a room: a slug of its name (letters of any script are kept)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")
    if slug:
        return slug[:80]
    return "room-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def slug(text: str, length: int = 40) -> str:
    """A short slug of ``text`` for ids made up from content."""
    return room_id(text)[:length].strip("-")


def looks_like_url(text: str) -> bool:
    """Whether a location is a web address rather than a room (online sessions)."""
    text = text.strip()
    if "://" in text or text.lower().startswith(("www.", "mailto:")):
        return True
    return " " not in text and bool(re.search(r"\.html?\b|\?\w+=", text))


# -- from drafts to sessions ------------------------------------------------------------
def finish_sessions(result: ImportResult, drafts: list[SessionDraft], event_zone: tzinfo) -> ImportResult:
    """Check the drafts and fill ``result.records`` and ``result.rooms``.

    A session id used by several different items (a calendar reusing one UID, a break
    listed in two rooms under one id) keeps every item, the later ones under ids made
    unique from their time and room; only an item that repeats another exactly is left
    out, with a message saying so.
    """
    rooms: dict[str, Room] = {}
    seen: dict[str, SessionDraft] = {}
    kept: list[SessionDraft] = []
    unknown_kinds: dict[str, int | None] = {}
    shared_ids: dict[str, list[str]] = {}
    for draft in drafts:
        reason = _draft_problem(draft, result)
        if reason:
            result.reject(draft.row, reason)
            continue
        first = seen.get(draft.id)
        if first is not None and _same_item(first, draft):
            result.skip(draft.row, f"the same session as row {first.row} (same id, title, time and room); "
                                   "listed once")
            continue
        if first is not None:
            original, draft.id = draft.id, _unique_id(draft, seen)
            if not draft.made_up_id:
                shared_ids.setdefault(original, []).append(draft.id)
        seen[draft.id] = draft
        kept.append(draft)
        result.records.append(_session(draft, rooms, unknown_kinds, event_zone))
    for word, row in unknown_kinds.items():
        result.warn(row, f"kind {word!r} is not one hildprint knows; such items are 'other' "
                         "unless their title says more")
    for original, new_ids in shared_ids.items():
        result.warn(seen[original].row, f"session id {original!r} is used by {len(new_ids) + 1} different "
                                        f"sessions; all are kept, the others as {new_ids[0]!r}"
                                        + (" and similar" if len(new_ids) > 1 else ""))
    result.rooms = list(rooms.values())
    cancelled = {s.id for s in result.records if s.cancelled}
    _warn_overlaps(result, [d for d in kept if d.id not in cancelled])
    return result


def _same_item(first: SessionDraft, draft: SessionDraft) -> bool:
    return ((first.title, first.start, first.end, room_id(first.room) if first.room else "")
            == (draft.title, draft.start, draft.end, room_id(draft.room) if draft.room else ""))


def _unique_id(draft: SessionDraft, taken: dict[str, SessionDraft]) -> str:
    """A stable id for an item whose id another item already has: from its time, room
    and title, numbered only when all of those repeat too."""
    stem = draft.id[:MAX_ID_LENGTH - 80]
    if not draft.made_up_id:
        stem += f"@{draft.start:%Y%m%dT%H%M}"
    where = room_id(draft.room)[:30] if draft.room else ""
    title = slug(draft.title, 30)
    if draft.made_up_id:  # made from the time and room already: the title tells them apart
        candidates = [f"{stem}-{title}"]
    else:
        candidates = [f"{stem}-{where}" if where else stem, f"{stem}-{where}-{title}".replace("--", "-")]
    for candidate in candidates:
        if candidate not in taken and candidate != draft.id:
            return candidate
    number = 2
    while f"{candidates[-1]}-{number}" in taken:
        number += 1
    return f"{candidates[-1]}-{number}"


def _session(draft: SessionDraft, rooms: dict[str, Room], unknown_kinds: dict[str, int | None],
             event_zone: tzinfo) -> Session:
    title, marked = strip_cancel_mark(draft.title)
    kind, unknown = session_kind(draft.kind, title)
    if unknown:
        unknown_kinds.setdefault(draft.kind.strip(), draft.row)
    identifier = None
    if draft.room:
        identifier = room_id(draft.room)
        room = rooms.setdefault(identifier, Room(identifier, draft.room))
        if draft.room_local and not room.local_name:
            room.local_name = draft.room_local
    return Session(
        id=draft.id, title=title, start=iso(draft.start, event_zone), end=iso(draft.end, event_zone),
        room_id=identifier, kind=kind, speakers=draft.speakers,
        cancelled=draft.cancelled or marked, local_title=draft.local_title,
    )


def _draft_problem(draft: SessionDraft, result: ImportResult) -> str | None:
    """Clean a draft's text in place; return why it cannot be imported, or None."""
    texts = {"id": draft.id, "title": draft.title, "local_title": draft.local_title,
             "room": draft.room, "room_local": draft.room_local}
    limits = {"id": MAX_ID_LENGTH, "title": MAX_LENGTHS["title"], "local_title": MAX_LENGTHS["title"],
              "room": MAX_LENGTHS["name"], "room_local": MAX_LENGTHS["name"]}
    for name, text in texts.items():
        text = clean_text(text, name, draft.row, result)
        if len(text) > limits[name]:
            return f"{name} is {len(text):,} characters long; at most {limits[name]:,} are accepted"
        setattr(draft, name, text)
    speakers = []
    for index, speaker in enumerate(draft.speakers, start=1):
        speaker = clean_text(speaker, f"speaker {index}", draft.row, result)
        if len(speaker) > MAX_LENGTHS["name"]:  # a biography pasted as the name: keep the session
            result.warn(draft.row, f"speaker {index} is {len(speaker):,} characters long (at most "
                                   f"{MAX_LENGTHS['name']} fit); kept its first words")
            speaker = speaker[:MAX_LENGTHS["name"] - 1].rsplit(" ", 1)[0] + "…"
        if speaker:
            speakers.append(speaker)
    draft.speakers = speakers
    if not draft.id:
        return "no session id"
    if not draft.title:
        return "no title"
    if draft.end < draft.start:
        return f"ends ({draft.end.isoformat()}) before it starts ({draft.start.isoformat()})"
    if draft.end - draft.start > MAX_SESSION_LENGTH:
        return f"lasts {draft.end - draft.start}; a programme item of more than a week is almost surely a typo"
    return None


def clean_text(text: str, label: str, row: int | None, result: ImportResult) -> str:
    """Strip ``text``, remove NUL characters (with a warning), warn about formula-like text."""
    text = text.strip()
    if "\x00" in text:
        text = text.replace("\x00", "").strip()
        result.warn(row, f"{label}: removed NUL characters")
    if looks_like_formula(text):
        result.warn(row, f"{label} looks like a spreadsheet formula ({text[:40]!r}); kept as text")
    return text


def _warn_overlaps(result: ImportResult, drafts: list[SessionDraft]) -> None:
    by_room: dict[str, list[SessionDraft]] = {}
    for draft in drafts:
        if draft.room:
            by_room.setdefault(room_id(draft.room), []).append(draft)
    for items in by_room.values():
        items.sort(key=lambda d: d.start)
        for before, after in pairwise(items):
            if after.start < before.end:
                result.warn(after.row, f"overlaps {before.title!r} (row {before.row}) in room {after.room!r}")
