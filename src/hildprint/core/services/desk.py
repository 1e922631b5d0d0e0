"""The badge desk: where it writes and how it opens."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hildprint.core.desk.operations import PDF_FILE, Desk, PrintResult
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.layout.stock import DEFAULT_STOCK, load_stock
from hildprint.core.layout.template import Template, load_template
from hildprint.core.render.badges import BadgeWarning
from hildprint.core.render.single import SingleBadge
from hildprint.core.services.designs import EVENT_TEMPLATE, NEUTRAL_TEMPLATE, template_for
from hildprint.core.services.session import EventRef, EventSession, using
from hildprint.core.store import ServerEventStore, is_server_url


# -- the badge desk --------------------------------------------------------------------
def desk_name() -> str:
    """This desk's name in the print log: the machine's name."""
    import socket

    return socket.gethostname() or "desk"


def desk_folder(event_path: str | Path) -> Path:
    """Where the desk writes badge PDFs: a folder beside the event file, ``<event>-desk``;
    for an event on a server, ``<database>-desk`` in the working folder."""
    if is_server_url(event_path):
        return Path(f"{ServerEventStore.database_name(str(event_path))}-desk")
    path = Path(event_path)
    return path.with_name(f"{path.stem}-desk")


def desk_pdf_path(event_path: str | Path, attendee_id: str) -> Path:
    """The PDF the desk writes for one person (replaced by each reprint)."""
    safe = re.sub(r"[^\w.-]", "_", attendee_id) or "badge"
    return desk_folder(event_path) / f"{safe}.pdf"


@contextmanager
def open_desk(event: EventRef, name: str = "", stock: str = DEFAULT_STOCK,
              template: str = EVENT_TEMPLATE) -> Iterator[Desk]:
    """A badge desk on the event, closed when the block ends (when it opened the event)."""
    with using(event) as session:
        yield Desk(session.store, name or desk_name(), stock, template_for(session, template))


def add_walk_in(event: EventRef, name: str, affiliation: str = "", role: str = "",
                desk: str = "") -> Attendee:
    """Register (and check in) someone who is not on the list; the new person, with a
    walk-in id no other desk has handed out."""
    with using(event) as session:
        person = Desk(session.store, desk or desk_name()).walk_in(name, affiliation, role or "Attendee")
        session.forget()
        return person


def desk_on(session: EventSession, name: str = "", stock: str = DEFAULT_STOCK,
            template: str = EVENT_TEMPLATE) -> Desk:
    """A badge desk on an open session, kept open by whoever holds the session (the window)."""
    return Desk(session.store, name or desk_name(), stock, template_for(session, template))


def badge_previewer(event: Event, stock: str = DEFAULT_STOCK,
                    template: str | Template = NEUTRAL_TEMPLATE) -> SingleBadge:
    """A warm renderer of one person's badge on ``stock`` in ``template`` (a name, a file,
    or a template already made, such as :func:`template_for` gives), for previews."""
    chosen = load_template(template) if isinstance(template, str) else template
    return SingleBadge(event, load_stock(stock), chosen)


def write_desk_badge(badges: SingleBadge, person: Attendee, pdf: Path, printer: str | None = None,
                     send: Callable[[Path, tuple[float, float]], None] | None = None) -> list[BadgeWarning]:
    """The slow half of printing at the desk: write ``person``'s badge to ``pdf`` and, with
    a ``printer`` and its driver ``send``, print it. It touches no event file, so it may
    run on a worker thread; :func:`log_desk_print` records the print afterwards."""
    warnings = badges.write(person, pdf)
    if printer is not None and send is not None:
        send(pdf, badges.page_size_mm)
    return warnings


def log_desk_print(desk: Desk, person: Attendee, pdf: Path, printer: str | None,
                   warnings: list[BadgeWarning]) -> PrintResult:
    """Log a badge written by :func:`write_desk_badge` (on ``printer``, or as a PDF file)."""
    record = desk.record_print(person.id, printer or f"{PDF_FILE} {pdf}")
    return PrintResult(person, Path(pdf), record, warnings)
