"""The records an event file holds: the event, its people, papers, rooms and sessions.

Plain dataclasses with no behaviour beyond small conveniences; the store persists them
and the importers produce them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, fields
from enum import StrEnum


class Role(StrEnum):
    """A badge role. Stored as its text, and equal to it (``Role.SPEAKER == "Speaker"``)."""

    ORGANISER = "Organiser"
    SPEAKER = "Speaker"
    AUTHOR = "Author"
    VOLUNTEER = "Volunteer"
    ATTENDEE = "Attendee"


ROLES: tuple[str, ...] = tuple(role.value for role in Role)
"""Badge roles as plain text, in the order they are usually listed."""


def known_role(text: str) -> Role | None:
    """The badge role ``text`` names, in any case ("speaker" -> Role.SPEAKER), else None."""
    folded = text.strip().casefold()
    return next((role for role in Role if role.casefold() == folded), None)


class SessionKind(StrEnum):
    """What a programme item is; importers map their own vocabulary onto these. Stored as
    its text ("poster")."""

    TALK = "talk"
    KEYNOTE = "keynote"
    TUTORIAL = "tutorial"
    PANEL = "panel"
    POSTER = "poster"
    BREAK = "break"
    LUNCH = "lunch"
    REGISTRATION = "registration"
    OPENING = "opening"
    SOCIAL = "social"
    OTHER = "other"


SESSION_KINDS: tuple[str, ...] = tuple(kind.value for kind in SessionKind)
"""The session kinds as plain text."""


def new_secret() -> str:
    """Return a fresh random secret (hex) for signing an event's badge tokens."""
    return secrets.token_hex(32)


@dataclass
class Event:
    """The workshop or conference an event file describes."""

    name: str
    code: str = ""
    start_date: str = ""
    end_date: str = ""
    venue: str = ""
    timezone: str = "UTC"
    url: str = ""
    secret: str = field(default_factory=new_secret, repr=False)


@dataclass
class Attendee:
    """A person who may get a badge."""

    id: str
    first_name: str = ""
    last_name: str = ""
    display_name: str = ""
    affiliation: str = ""
    role: str = Role.ATTENDEE
    email: str = ""
    country: str = ""
    consent_contact_qr: bool = False
    checked_in_at: str | None = None
    latin_name: str = ""
    """The name in Latin letters when the import gave one (a romanised or English name
    beside a name written in another script); the desk finds people by it."""
    extra: dict[str, str] = field(default_factory=dict)
    """The import's other columns (dietary needs, T-shirt size...), by column name, for
    badges to print."""

    @property
    def name(self) -> str:
        """The name to print: the display name, else first and last name joined."""
        return self.display_name or " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass
class Author:
    """One author of a paper, as listed on the paper."""

    name: str
    affiliation: str = ""
    email: str = ""
    contact: bool = False
    """Whether this is the paper's contact author (CMT's primary contact, marked ``*``)."""


@dataclass
class Paper:
    """An accepted paper, usually presented as a poster."""

    id: str
    number: int | None = None
    title: str = ""
    authors: list[Author] = field(default_factory=list)
    track: str = ""
    session: str = ""
    board: str = ""
    poster_file: str = ""
    openreview_forum: str = ""
    topic: str = ""
    session_id: str = ""
    """The programme session the paper is presented in, by id ("" when not linked); the
    link outlives an edit of that session's title. ``session`` is the name as imported."""
    url: str = ""
    """The paper's page (the conference site's or the paper list's link)."""
    status: str = ""
    """How it is presented, in lower case: "oral", "spotlight", "poster" ("" when not said)."""

    @property
    def author_names(self) -> list[str]:
        """The authors' names in order."""
        return [a.name for a in self.authors]


@dataclass
class Room:
    """A room or hall where sessions take place."""

    id: str
    name: str
    local_name: str = ""
    location: str = ""


@dataclass
class Session:
    """A programme item: a talk, a break, a poster session, in one room at one time.

    ``start`` and ``end`` are ISO 8601 date-times with their UTC offset.
    """

    id: str
    title: str
    start: str
    end: str
    room_id: str | None = None
    kind: str = SessionKind.TALK
    speakers: list[str] = field(default_factory=list)
    cancelled: bool = False
    local_title: str = ""


@dataclass(frozen=True)
class PrintRecord:
    """One badge printed at the desk: for whom, when, on which printer, which copy."""

    id: int
    attendee_id: str
    printed_at: str
    printer: str
    desk: str
    copy: int
    """1 for the first badge printed for this person, 2 for the first reprint, and so on."""

    @property
    def reprint(self) -> bool:
        """Whether this person had a badge printed before this one."""
        return self.copy > 1


def field_names(record_type: type) -> list[str]:
    """Return the field names of a model dataclass, in declaration order."""
    return [f.name for f in fields(record_type)]


@dataclass
class PosterCheck:
    """The latest check of a paper's poster file: which file, against which rules, the
    verdict and its findings (each a dict of severity, code and message)."""

    paper_id: str
    file: str
    verdict: str
    rules: str
    checked_at: str
    findings: list[dict[str, str]] = field(default_factory=list)
