"""What every printed document shares: dates and times in the event's zone, letter
heights for viewing distances, text in a box, a canvas for a page size, and the summary a
renderer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from hildprint.core.domain.eventtime import event_zone, local_times
from hildprint.core.domain.model import Event, Paper, Session
from hildprint.core.layout.geometry import mm, paper_size
from hildprint.core.layout.text import FittedText, draw_text, fit_text

NAVY = HexColor("#12355B")
GREY = HexColor("#666666")
CANCELLED_RED = HexColor("#B3261E")
CAP_HEIGHT = 0.73
"""Height of a capital letter as a share of the font size (DejaVu Sans)."""


@dataclass
class Rendered:
    """What a renderer wrote into its stream: the pages, and warnings worth a look."""

    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def joined(*parts: str) -> str:
    """The non-empty parts joined by a middle dot: "HiLD 2026 · 10–11 July 2026"."""
    return " · ".join(part for part in parts if part)


def poster_session_line(paper: Paper, session: Session | None, event: Event) -> str:
    """"Poster Session 1 · Friday 10 July, 13:30–15:00" (just the name when the programme
    does not have the session)."""
    if session is None:
        return paper.session
    times = local_times(session, event_zone(event))
    return f"{paper.session} · {times.start:%A %d %B}, {times.span()}"


def size_for_distance(feet: float) -> float:
    """Font size (pt) whose capitals are about 1 in high per 10 ft of viewing distance."""
    return feet / 10 * 72 / CAP_HEIGHT


def page_canvas(stream: BinaryIO, paper: str, landscape: bool, title: str) -> tuple[Canvas, float, float]:
    """A canvas writing into ``stream`` for ``paper`` ("A4", "letter", ...), and its width
    and height in points."""
    width, height = paper_size(paper)
    if landscape:
        width, height = height, width
    canvas = Canvas(stream, pagesize=(mm(width), mm(height)), pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("hildprint")
    return canvas, mm(width), mm(height)


def text_in_box(canvas: Canvas, text: str, x: float, y: float, width: float, height: float,
                max_size: float, min_size: float, bold: bool = False, max_lines: int = 1,
                align: str = "left", valign: str = "middle", color: Color | None = None,
                direction: str = "auto") -> FittedText:
    """Fit ``text`` in the box (lower-left (x, y), points) and draw it; returns the fit."""
    fitted = fit_text(text, width, height, max_size, min_size, bold, max_lines, direction=direction)
    draw_text(canvas, fitted, x, y, width, height, align, valign, color or HexColor("#000000"))
    return fitted
