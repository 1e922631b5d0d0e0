"""The onsite badge desk: find a person, check them in, print their badge, add a walk-in.

:class:`Desk` holds the use cases; the desk window and the ``hildprint checkin`` and
``print-badge`` commands both call it. It talks to the event file only through
:class:`DeskStore`, the few operations a desk needs, so a server database can take the
SQLite file's place later without touching the desk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from hildprint.core.desk.printer import BadgePrinter
from hildprint.core.desk.search import Match, PeopleIndex
from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import event_zone
from hildprint.core.domain.model import ROLES, Attendee, Event, PrintRecord, Role, known_role
from hildprint.core.domain.names import clean_text, name_fields
from hildprint.core.domain.tokens import SEPARATOR, TokenError, as_text, verify_token
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, load_stock
from hildprint.core.layout.template import DEFAULT_TEMPLATE, Template, load_template
from hildprint.core.render.badges import BadgeWarning
from hildprint.core.render.single import SingleBadge

WALK_IN_PREFIX = "W"
PDF_FILE = "PDF file"
"""How the print log names a badge written to a PDF file rather than sent to a printer."""
EDITABLE_FIELDS = ("first_name", "last_name", "display_name", "affiliation", "role")
"""What the desk may correct on a badge."""


class DeskStore(Protocol):
    """What the desk needs from where the event is kept (the SQLite event file today)."""

    @property
    def event(self) -> Event:
        """The event."""

    def attendees(self) -> list[Attendee]:
        """Every attendee."""

    def attendee(self, attendee_id: str) -> Attendee | None:
        """One attendee by id, or None."""

    def attendee_ids(self) -> list[str]:
        """Every attendee id."""

    def transaction(self) -> AbstractContextManager[None]:
        """A block whose reads and writes no other desk interleaves with."""

    def add_attendee(self, attendee: Attendee) -> bool:
        """Insert a new attendee; False when the id is taken."""

    def change_attendee(self, attendee_id: str, changes: dict[str, Any]) -> Attendee | None:
        """Set some fields of one attendee; the stored result, or None when unknown."""

    def ids_like(self, text: str) -> list[str]:
        """The ids equal to ``text`` ignoring case."""

    def next_walk_in_id(self) -> str:
        """A walk-in id nobody holds, from the store's counter."""

    def mark_checked_in(self, attendee_id: str, when: str) -> tuple[Attendee | None, bool]:
        """Record an arrival unless one is recorded: the stored attendee (or None) and
        whether this call recorded it."""

    def undo_check_in(self, attendee_id: str) -> Attendee | None:
        """Clear a recorded arrival; the stored attendee, or None."""

    def log_action(self, attendee_id: str, when: str, desk: str, action: str) -> None:
        """Add a line to the desk log."""

    def attendee_count(self) -> int:
        """How many people are registered."""

    def arrived_count(self) -> int:
        """How many have checked in."""

    def log_print(self, attendee_id: str, printed_at: str, printer: str, desk: str) -> PrintRecord:
        """Log one badge print, numbering the copies per person."""

    def print_log(self, attendee_id: str | None = None) -> list[PrintRecord]:
        """The print log, oldest first."""


class Refusal(StrEnum):
    """Why the desk refuses a scan or a request (shown as its text, e.g. "forged")."""

    MALFORMED = "malformed"
    """Not a badge code."""
    FOREIGN = "foreign"
    """A badge of another event."""
    FORGED = "forged"
    """A badge whose signature does not match."""
    UNKNOWN = "unknown"
    """An id nobody has."""
    INVALID = "invalid"
    """A walk-in or correction the desk cannot accept."""


MALFORMED = Refusal.MALFORMED
FOREIGN = Refusal.FOREIGN
FORGED = Refusal.FORGED
UNKNOWN = Refusal.UNKNOWN
INVALID = Refusal.INVALID


class DeskError(HildprintError):
    """A scan or request the desk refuses; ``reason`` names the kind, the message explains."""

    def __init__(self, reason: Refusal, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PrintResult:
    """A badge printed at the desk: the PDF it was made from, the log entry, any warnings."""

    person: Attendee
    pdf: Path
    record: PrintRecord
    warnings: list[BadgeWarning]


@dataclass(frozen=True)
class CheckIn:
    """A successful check-in: who, when they first arrived, and whether that was just now."""

    person: Attendee
    first_time: bool

    @property
    def when(self) -> str:
        """The recorded arrival time (ISO 8601 with the event's UTC offset)."""
        return self.person.checked_in_at or ""


_TOKEN_SHAPE = re.compile(r"^[^:\s]+:[^\s]+:[A-Za-z2-7]+$")


def looks_like_token(text: str) -> bool:
    """Whether ``text`` has the shape of a scanned badge code (``CODE:id:signature``)."""
    return bool(_TOKEN_SHAPE.match(text.strip()))


class Desk:
    """One badge desk working on one event.

    ``name`` identifies this desk in the print log; badges are printed on ``stock`` (see
    :func:`~hildprint.core.render.single.desk_stock` for the page) in ``template``;
    ``clock`` returns the current time (tests pass a fixed one).
    """

    def __init__(self, store: DeskStore, name: str = "desk", stock: Stock | str = DEFAULT_STOCK,
                 template: Template | str = DEFAULT_TEMPLATE, clock: Callable[[], datetime] | None = None):
        self.store = store
        self.name = name
        self.event = store.event
        self._zone = event_zone(self.event)
        self._clock = clock or (lambda: datetime.now(self._zone))
        self._index: PeopleIndex | None = None
        self._template = load_template(template) if isinstance(template, str) else template
        self.badges = SingleBadge(self.event, load_stock(stock) if isinstance(stock, str) else stock,
                                  self._template)

    def use_stock(self, stock: Stock | str) -> None:
        """Print on other stock from now on (raises StockError for an unknown name)."""
        chosen = load_stock(stock) if isinstance(stock, str) else stock
        self.badges = SingleBadge(self.event, chosen, self._template)
        self.warm_up()

    @property
    def index(self) -> PeopleIndex:
        """Everyone, folded for searching; read from the store the first time it is needed
        (a check-in or a print by id never needs it)."""
        if self._index is None:
            self._index = PeopleIndex(self.store.attendees())
        return self._index

    def _indexed(self, person: Attendee) -> None:
        if self._index is not None:
            self._index.add(person)

    def warm_up(self) -> None:
        """Load fonts and render one badge, so the first person does not wait for that."""
        people = self.index.people
        self.badges.warm_up(people[0] if people else Attendee("W0000", "Warm", "Up"))

    def now(self) -> str:
        """The current time in the event's zone, to the second, as ISO 8601."""
        return self._clock().astimezone(self._zone).isoformat(timespec="seconds")

    def reload(self) -> None:
        """Read everyone again (to see other desks' walk-ins and corrections)."""
        self._index = PeopleIndex(self.store.attendees())

    def arrivals(self) -> tuple[int, int]:
        """How many have arrived, of how many registered."""
        return self.store.arrived_count(), self.store.attendee_count()

    # -- finding ----------------------------------------------------------------------------
    def find(self, query: str, limit: int | None = 50) -> list[Match]:
        """People matching ``query`` (see :meth:`PeopleIndex.search`)."""
        return self.index.search(query, limit)

    def person(self, attendee_id: str) -> Attendee:
        """The stored attendee with this id; DeskError when there is none."""
        person = self.store.attendee(attendee_id)
        if person is None:
            raise DeskError(UNKNOWN, f"no such id: nobody with id {_shown(attendee_id)} is registered for "
                                     f"{self.event.name}")
        return person

    # -- check-in ---------------------------------------------------------------------------
    def identify(self, token_or_id: str) -> str:
        """The attendee id a scanned token or a typed id stands for.

        Raises DeskError naming why a scan is refused: a badge of another event, a forged
        or altered badge, something that is not a badge code, or an id nobody has.
        """
        try:
            text = as_text(token_or_id).strip()
        except TokenError as error:
            raise DeskError(MALFORMED, str(error)) from error
        if not text:
            raise DeskError(MALFORMED, "nothing was scanned")
        attendee_id = self._verified_id(text) if SEPARATOR in text else self._typed_id(text)
        if self.store.attendee(attendee_id) is None:
            raise DeskError(UNKNOWN, f"no such id: nobody with id {_shown(attendee_id)} is registered for "
                                     f"{self.event.name}")
        return attendee_id

    def _verified_id(self, text: str) -> str:
        code = text.partition(SEPARATOR)[0]
        if not looks_like_token(text):
            raise DeskError(MALFORMED, f"not a badge code: {_shown(text)}")
        if code.upper() != self.event.code.upper():
            raise DeskError(FOREIGN, f"this badge is for another event ({_shown(code)}), "
                                     f"not {self.event.name} ({self.event.code})")
        try:
            return verify_token(self.event, text)
        except TokenError as error:
            raise DeskError(FORGED, str(error)) from error

    def _typed_id(self, text: str) -> str:
        if self.store.attendee(text) is not None:
            return text
        folded = text.casefold()  # a scanner with caps lock on, or an id typed in lower case
        return next((known for known in self.store.ids_like(text) if known.casefold() == folded), text)

    def scanned_code(self, typed: str) -> str | None:
        """The badge code in what was typed into the search box, or None when it holds none.

        A scan right after some typing arrives glued to it (``zoeHILD26:H001:…``); the
        part from this event's code on is the scan. Anything else shaped like a badge code
        is returned whole, to be refused with its reason.
        """
        text = typed.strip()
        start = text.upper().rfind(self.event.code.upper() + SEPARATOR) if self.event.code else -1
        if start > 0 and looks_like_token(text[start:]):
            return text[start:]
        return text if looks_like_token(text) else None

    def check_in(self, token_or_id: str) -> CheckIn:
        """Check a person in by a scanned badge token or their id, recording the time of
        their first arrival; DeskError with the reason when refused."""
        attendee_id = self.identify(token_or_id)
        return self.check_in_id(attendee_id)

    def check_in_id(self, attendee_id: str) -> CheckIn:
        """Check in the person with this (known) id."""
        person, first_time = self.store.mark_checked_in(attendee_id, self.now())
        if person is None:  # removed by another desk a moment ago
            raise DeskError(UNKNOWN, f"no such id: nobody with id {_shown(attendee_id)} is registered")
        self._indexed(person)
        return CheckIn(person, first_time)

    def undo_check_in(self, attendee_id: str) -> Attendee:
        """Take back a mistaken check-in: the arrival is cleared and the undo is logged in
        the desk log (with the time it had), so the record of it stays."""
        before = self.person(attendee_id).checked_in_at
        with self.store.transaction():
            person = self.store.undo_check_in(attendee_id)
            if person is None:
                raise DeskError(UNKNOWN, f"no such id: nobody with id {_shown(attendee_id)} is registered")
            self.store.log_action(attendee_id, self.now(), self.name, f"undo check-in of {before}")
        self._indexed(person)
        return person

    # -- walk-ins and corrections -----------------------------------------------------------
    def walk_in(self, name: str, affiliation: str = "", role: str = Role.ATTENDEE) -> Attendee:
        """Register someone who is not on the list, with the next free id ``W0001``,
        ``W0002``, ... (safe when several desks add walk-ins at once)."""
        names = name_fields(name)
        if not names["display_name"]:
            raise DeskError(INVALID, "a walk-in needs a name")
        role = _checked_role(role)
        with self.store.transaction():
            person = Attendee(self.store.next_walk_in_id(), **names, affiliation=clean_text(affiliation),
                              role=role, checked_in_at=self.now())
            if not self.store.add_attendee(person):  # cannot happen inside the transaction
                raise DeskError(INVALID, f"the id {person.id} was taken meanwhile; try again")
        self._indexed(person)
        return person

    def fix(self, attendee_id: str, changes: dict[str, str]) -> Attendee:
        """Correct what is printed on someone's badge (names, affiliation, role); saved at
        once. Returns the corrected person."""
        not_editable = sorted(set(changes) - set(EDITABLE_FIELDS))
        if not_editable:
            raise DeskError(INVALID, f"the desk cannot change {', '.join(not_editable)}")
        cleaned = {field: clean_text(value) for field, value in changes.items()}
        if "role" in cleaned:
            cleaned["role"] = _checked_role(cleaned["role"])
        person = self.person(attendee_id)
        names = ("first_name", "last_name", "display_name")
        if not any(cleaned.get(field, getattr(person, field)) for field in names):
            raise DeskError(INVALID, "a badge needs a name")
        stored = self.store.change_attendee(attendee_id, cleaned)
        if stored is None:
            raise DeskError(UNKNOWN, f"no such id: nobody with id {_shown(attendee_id)} is registered any more")
        self._indexed(stored)
        return stored

    def fix_name(self, attendee_id: str, name: str, **other: str) -> Attendee:
        """Correct the printed name (and, given as keywords, the affiliation or role) in one
        change: the display name becomes ``name``, first and last name are split from it."""
        return self.fix(attendee_id, {**name_fields(name), **other})

    # -- printing ---------------------------------------------------------------------------
    def print_badge(self, attendee_id: str, pdf: str | Path, printer: str | None = None,
                    send: BadgePrinter | None = None) -> PrintResult:
        """Print the stored person's badge: write it to ``pdf`` and, with a ``printer`` and
        ``send`` (the driver, given the PDF and the page size in mm: a CupsPrinter or the
        window's), send it there. The
        print is logged only once it has gone through."""
        person = self.person(attendee_id)
        pdf = Path(pdf)
        warnings = self.badges.write(person, pdf)
        if printer is not None and send is not None:
            send(pdf, self.badges.page_size_mm)
        record = self.record_print(person.id, printer if printer and send else f"{PDF_FILE} {pdf}")
        return PrintResult(person, pdf, record, warnings)

    def record_print(self, attendee_id: str, printer: str) -> PrintRecord:
        """Log that this person's badge was printed on ``printer`` at this desk."""
        return self.store.log_print(attendee_id, self.now(), printer, self.name)

    def prints(self, attendee_id: str) -> list[PrintRecord]:
        """Every badge printed for this person, oldest first."""
        return self.store.print_log(attendee_id)


def _checked_role(role: str) -> Role:
    text = clean_text(role) or Role.ATTENDEE
    known = known_role(text)
    if known is None:
        raise DeskError(INVALID, f"unknown role {text!r}; choose one of {', '.join(ROLES)}")
    return known


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
