"""Readers for the files organisers have: registrations, paper lists, programmes.

``read(kind, path, ...)`` is the one entry point; it dispatches to the reader of that
kind, which detects the format when asked for ``auto``.
"""

from __future__ import annotations

from pathlib import Path

from hildprint.core.importers.base import ImportKind, ImportResult, Problem, UnreadableInput
from hildprint.core.importers.limits import check_regular_file

KINDS: tuple[str, ...] = tuple(kind.value for kind in ImportKind)
"""The kinds of import as plain text."""

FORMATS = {
    "attendees": ("auto", "pretix", "indico", "eventbrite", "gforms", "csv", "xlsx"),
    "papers": ("auto", "openreview", "cmt", "paperlists", "miniconf", "csv", "xlsx"),
    "schedule": ("auto", "frab", "json", "ical", "page", "csv", "xlsx"),
}
"""The formats each kind of import understands; ``auto`` detects them."""

__all__ = ["FORMATS", "KINDS", "ImportKind", "ImportResult", "Problem", "UnreadableInput", "read"]


def read(
    kind: str,
    path: str | Path,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    **options: str,
) -> ImportResult:
    """Read ``path`` as ``kind`` ("attendees", "papers" or "schedule").

    ``mapping`` maps a column of the file to a model field and overrides detection.
    ``options`` are passed to the reader (``venue_id`` for OpenReview papers; for
    programmes the event's ``timezone``, "" when it has none, and its dates
    ``event_start`` and ``event_end``, which anchor days written without a year).
    Raises :class:`UnreadableInput` when the file as a whole cannot be read.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; choose one of {', '.join(KINDS)}")
    if fmt not in FORMATS[kind]:
        raise UnreadableInput(
            f"{path}: {fmt!r} is not a {kind} format; choose one of {', '.join(FORMATS[kind])}"
        )
    path = Path(path)
    if not path.exists():
        raise UnreadableInput(f"{path}: no such file")
    check_regular_file(path)
    if kind == ImportKind.ATTENDEES:
        from hildprint.core.importers.attendees import read_attendees

        return read_attendees(path, fmt, mapping or {})
    if kind == ImportKind.PAPERS:
        from hildprint.core.importers.papers import read_papers

        return read_papers(path, fmt, mapping or {}, venue_id=options.get("venue_id", ""))
    from hildprint.core.importers.schedule import read_schedule

    return read_schedule(path, fmt, mapping or {}, timezone=options.get("timezone", ""),
                         event_dates=(options.get("event_start", ""), options.get("event_end", "")))
