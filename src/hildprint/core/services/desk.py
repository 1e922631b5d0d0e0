"""The badge desk: where it writes and how it opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hildprint.core.desk.operations import Desk
from hildprint.core.layout.stock import DEFAULT_STOCK
from hildprint.core.layout.template import DEFAULT_TEMPLATE
from hildprint.core.services.session import EventRef, using


# -- the badge desk --------------------------------------------------------------------
def desk_name() -> str:
    """This desk's name in the print log: the machine's name."""
    import socket

    return socket.gethostname() or "desk"


def desk_folder(event_path: str | Path) -> Path:
    """Where the desk writes badge PDFs: a folder beside the event file, ``<event>-desk``."""
    path = Path(event_path)
    return path.with_name(f"{path.stem}-desk")


def desk_pdf_path(event_path: str | Path, attendee_id: str) -> Path:
    """The PDF the desk writes for one person (replaced by each reprint)."""
    safe = re.sub(r"[^\w.-]", "_", attendee_id) or "badge"
    return desk_folder(event_path) / f"{safe}.pdf"


@contextmanager
def open_desk(event: EventRef, name: str = "", stock: str = DEFAULT_STOCK,
              template: str = DEFAULT_TEMPLATE) -> Iterator[Desk]:
    """A badge desk on the event, closed when the block ends (when it opened the event)."""
    with using(event) as session:
        yield Desk(session.store, name or desk_name(), stock, template)


