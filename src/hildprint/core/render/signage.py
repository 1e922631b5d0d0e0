"""Room signage: a door sign per room per day, and direction signs (the programme poster
is in :mod:`agenda`, sharing the rows and sizes drawn here).

Letter heights follow the stated viewing distance (about 1 in of capital height per
10 ft); where a name is too long for that size on the page it is printed smaller and a
warning says from how far it can still be read. Cancelled items are struck through and
marked "CANCELLED".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.pdfgen.canvas import Canvas

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import (
    LocalTimes,
    event_dates,
    long_day,
)
from hildprint.core.domain.model import Event, Room, Session
from hildprint.core.domain.programme import NO_ROOM, Programme
from hildprint.core.layout.geometry import mm
from hildprint.core.layout.text import FittedText, draw_text, fit_text
from hildprint.core.render.common import (
    CANCELLED_RED,
    CAP_HEIGHT,
    GREY,
    NAVY,
    Rendered,
    joined,
    page_canvas,
    size_for_distance,
    text_in_box,
)

ARROWS = {
    "right": 0, "up-right": 45, "up": 90, "up-left": 135, "left": 180, "down-left": 225,
    "down": 270, "down-right": 315,
}
"""Arrow directions and their angles (degrees, counter-clockwise from pointing right)."""
ARROW_ALIASES = {"e": "right", "ne": "up-right", "n": "up", "nw": "up-left", "w": "left",
                 "sw": "down-left", "s": "down", "se": "down-right", "straight": "up", "ahead": "up"}
MARGIN_MM = 12.0
MIN_ROW_MM = 17.0
MAX_ROW_MM = 22.0
"""Height of a one-line programme row at most (rows with more to say get more)."""


class SignError(HildprintError, ValueError):
    """A sign that cannot be made (unknown arrow, empty programme); the message says why."""


def _readable_from(size: float) -> float:
    """Viewing distance (ft) at which text of this font size is still comfortable."""
    return size * CAP_HEIGHT / 72 * 10


def _check_distance(warnings: list[str], what: str, fitted: FittedText, wanted_ft: float) -> None:
    if fitted.lines and _readable_from(fitted.size) < wanted_ft * 0.95 and not any(
            w.startswith(what + ":") for w in warnings):
        warnings.append(
            f"{what}: printed {fitted.size * CAP_HEIGHT / 72:.1f} in high to fit the page, readable "
            f"from about {_readable_from(fitted.size):.0f} ft (asked {wanted_ft:g} ft); use larger paper")


# -- door signs ---------------------------------------------------------------------------
DOOR_DISTANCE_FT = 6.0
DIRECTION_DISTANCE_FT = 10.0


def door_signs(programme: Programme, stream: BinaryIO, paper: str = "A4",
               distance_ft: float = DOOR_DISTANCE_FT) -> Rendered:
    """One portrait sign per room per day listing that room's sessions with their times."""
    days = programme.room_days()
    if not days:
        raise SignError("the programme has no sessions; import a programme first")
    done = Rendered()
    if not programme.event.timezone:
        done.warnings.append(NO_ZONE_WARNING)
    if programme.roomless():
        done.warnings.append(f"{programme.roomless()} sessions have no room; they are listed on signs "
                             f"headed '{NO_ROOM.name}'")
    canvas, width, height = page_canvas(stream, paper, False, f"{programme.event.name} door signs")
    for (room_id, day), items in days.items():
        done.pages += _door_sign(canvas, programme, programme.room(room_id), day, items,
                                 width, height, distance_ft, done.warnings)
    canvas.save()
    return done


def _door_sign(canvas: Canvas, programme: Programme, room: Room, day: date,
               items: list[tuple[Session, LocalTimes]], width: float, height: float,
               distance_ft: float, warnings: list[str]) -> int:
    margin = mm(MARGIN_MM)
    inner = width - 2 * margin
    pages = 0
    remaining = list(items)
    while remaining or not pages:
        top = _header_band(canvas, programme.event, width, height)
        fitted = text_in_box(canvas, room.name, margin, top - mm(42), inner, mm(40),
                             size_for_distance(distance_ft), 24, bold=True, color=NAVY, max_lines=2)
        if not pages:
            _check_distance(warnings, f"door sign {room.name}", fitted, distance_ft)
        top -= mm(44)
        if room.local_name:
            text_in_box(canvas, room.local_name, margin, top - mm(15), inner, mm(14), 40, 14, color=NAVY)
            top -= mm(17)
        heading = long_day(day) + (" (continued)" if pages else "")
        text_in_box(canvas, heading, margin, top - mm(11), inner, mm(10), 24, 12, bold=True)
        top -= mm(14)
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(1.5)
        canvas.line(margin, top, width - margin, top)
        bottom = margin + mm(8)
        rows = max(1, int((top - bottom) // mm(MIN_ROW_MM)))
        page_items, remaining = remaining[:rows], remaining[rows:]
        heights = _row_heights([s for s, _ in page_items], top - bottom)
        sizes = _row_sizes([s for s, _ in page_items], inner, heights)
        y = top
        for (session, times), row_height in zip(page_items, heights):
            y -= row_height
            _session_row(canvas, session, times, margin, y, inner, row_height, sizes)
        footer(canvas, programme.event, margin, width)
        canvas.showPage()
        pages += 1
    return pages


def _header_band(canvas: Canvas, event: Event, width: float, height: float) -> float:
    band = mm(16)
    canvas.setFillColor(NAVY)
    canvas.rect(0, height - band, width, band, stroke=0, fill=1)
    margin = mm(MARGIN_MM)
    text_in_box(canvas, joined(event.name, event_dates(event)), margin, height - band + mm(3),
                width - 2 * margin, band - mm(10), 18, 8, bold=True, color=white)
    return height - band - mm(4)


NO_ZONE_WARNING = ("the event has no time zone, so times are printed in UTC; set it with "
                   "hildprint event EVENT --timezone Area/City (e.g. Asia/Seoul)")


def footer(canvas: Canvas, event: Event, margin: float, width: float) -> None:
    """The small print under a sign: which zone its times are in."""
    note = f"Times are local ({event.timezone})." if event.timezone else "Times are in UTC."
    text_in_box(canvas, note, margin, margin - mm(2), width - 2 * margin, mm(6), 9, 6, color=GREY)


TIME_COLUMN_MM = 44.0
ROW_PAD_MM = 1.5


@dataclass(frozen=True)
class RowSizes:
    """One type size per part of a programme row, shared by every row of a page so the
    list reads evenly."""

    time: float
    title: float
    speakers: float


def second_line(session: Session) -> str:
    """What is printed under a session's title: its second-language title and speakers."""
    return joined(session.local_title, ", ".join(session.speakers))


def _row_parts(width: float, height: float, has_speakers: bool) -> tuple[float, float, float]:
    """(title width, title height, speakers height) of a row box, in points."""
    title_width = width - mm(TIME_COLUMN_MM)
    usable = height - 3 * mm(ROW_PAD_MM)
    return title_width, usable * (0.64 if has_speakers else 1.0), usable * 0.32


def typical_size(sizes: list[float]) -> float:
    """The size most items can have: a long outlier shrinks on its own rather than taking
    every other item down with it."""
    ordered = sorted(sizes)
    return ordered[len(ordered) // 4]


def _row_heights(sessions: list[Session], available: float) -> list[float]:
    """Share the height among rows: more for a long title or a line of speakers."""
    weights = [1.0 + 0.5 * bool(second_line(s)) + 0.5 * (len(s.title) > 40) for s in sessions]
    unit = min(available / max(sum(weights), 1.0), mm(MAX_ROW_MM))
    return [w * unit for w in weights]


def _row_sizes(sessions: list[Session], width: float, heights: list[float]) -> RowSizes:
    title_sizes, speaker_sizes = [26.0], [16.0]
    for session, height in zip(sessions, heights):
        title_width, title_height, speakers_height = _row_parts(width, height, bool(second_line(session)))
        title_sizes.append(fit_text(session.title, title_width, title_height, 26, 10, True, 2).size)
        if second_line(session):
            speaker_sizes.append(fit_text(second_line(session), title_width, speakers_height,
                                          16, 8).size)
    time = fit_text("00:00–00:00", mm(TIME_COLUMN_MM) - mm(4), min(heights) * 0.45, 18, 9, True).size
    return RowSizes(time, max(typical_size(title_sizes), 10), max(typical_size(speaker_sizes), 8))


def _session_row(canvas: Canvas, session: Session, times: LocalTimes, x: float, y: float,
                 width: float, height: float, sizes: RowSizes) -> None:
    """One programme line: time on the left; title and speakers on the right."""
    colour = GREY if session.cancelled else HexColor("#000000")
    pad = mm(ROW_PAD_MM)
    time_width = mm(TIME_COLUMN_MM) - mm(4)
    text_in_box(canvas, times.span(), x, y + height * 0.5, time_width, height * 0.5 - pad,
                sizes.time, 8, bold=True, color=colour, valign="top")
    title_x = x + mm(TIME_COLUMN_MM)
    speakers = second_line(session)
    title_width, title_height, speakers_height = _row_parts(width, height, bool(speakers))
    title_y = y + height - pad - title_height
    fitted = text_in_box(canvas, session.title, title_x, title_y, title_width, title_height,
                         sizes.title, 10, bold=True, max_lines=2, color=colour, valign="top")
    if speakers:
        text_in_box(canvas, speakers, title_x, y + pad, title_width, speakers_height, sizes.speakers, 8,
                    color=colour, valign="top")
    if session.cancelled:
        strike(canvas, fitted, title_x, title_y, title_height)
        text_in_box(canvas, "CANCELLED", x, y + pad, time_width, height * 0.4, sizes.time, 8,
                    bold=True, color=CANCELLED_RED, valign="top")
    canvas.setStrokeColor(HexColor("#CCCCCC"))
    canvas.setLineWidth(0.5)
    canvas.line(x, y, x + width, y)


def strike(canvas: Canvas, fitted: FittedText, x: float, box_y: float, box_height: float) -> None:
    """Draw a line through each line of a top-aligned fitted text."""
    canvas.setStrokeColor(CANCELLED_RED)
    canvas.setLineWidth(max(1.0, fitted.size * 0.08))
    top = box_y + box_height
    baseline = top - fitted.lines[0].top * fitted.size if fitted.lines else top
    for line in fitted.lines:
        middle = baseline + fitted.size * 0.33
        canvas.line(x, middle, x + line.width * fitted.size, middle)
        baseline -= fitted.pitch * fitted.size


# -- direction signs ----------------------------------------------------------------------
@dataclass(frozen=True)
class DirectionSign:
    """A place and which way to go: "Posters" and "right"."""

    place: str
    direction: str
    local_name: str = ""


def parse_direction(text: str) -> str:
    """A direction name ("right", "up-left", "NE", ...) in its canonical form."""
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    key = ARROW_ALIASES.get(key, key)
    if key not in ARROWS:
        raise SignError(f"unknown direction {text!r}; use one of {', '.join(ARROWS)}")
    return key


def direction_signs(event: Event, signs: list[DirectionSign], stream: BinaryIO, paper: str = "A4",
                    distance_ft: float = DIRECTION_DISTANCE_FT) -> Rendered:
    """One landscape sign per place: the place's name large beside an arrow."""
    if not signs:
        raise SignError("no direction signs asked for; give PLACE=DIRECTION, e.g. 'Posters=right'")
    for sign in signs:
        parse_direction(sign.direction)  # refuse an unknown arrow before drawing anything
    done = Rendered()
    canvas, width, height = page_canvas(stream, paper, True, f"{event.name} direction signs")
    for sign in signs:
        _direction_sign(canvas, event, sign, width, height, distance_ft, done.warnings)
        canvas.showPage()
        done.pages += 1
    canvas.save()
    return done


def _direction_sign(canvas: Canvas, event: Event, sign: DirectionSign, width: float, height: float,
                    distance_ft: float, warnings: list[str]) -> None:
    margin = mm(MARGIN_MM)
    top = _header_band(canvas, event, width, height)
    side = min(top - margin, width * 0.32)
    angle = ARROWS[parse_direction(sign.direction)]
    arrow_left = math.cos(math.radians(angle)) < -0.1
    arrow_x = margin if arrow_left else width - margin - side
    _arrow(canvas, arrow_x + side / 2, margin + (top - margin) / 2, side * 0.9, angle)
    text_x = margin + side + mm(8) if arrow_left else margin
    text_width = width - 2 * margin - side - mm(8)
    area = top - margin
    align = "right" if arrow_left else "left"
    name = fit_text(sign.place, text_width, area * (0.62 if sign.local_name else 1.0),
                    size_for_distance(distance_ft), 24, True, 2)
    _check_distance(warnings, f"direction sign {sign.place}", name, distance_ft)
    local = fit_text(sign.local_name, text_width, area * 0.3, name.size * 0.6, 14) if sign.local_name else None
    gap = mm(4) if local else 0.0
    block = name.height() + gap + (local.height() if local else 0.0)
    block_top = margin + (area + block) / 2
    draw_text(canvas, name, text_x, block_top - name.height(), text_width, name.height(), align, "top", NAVY)
    if local:
        draw_text(canvas, local, text_x, margin, text_width, block_top - name.height() - gap - margin,
                  align, "top", NAVY)


def _arrow(canvas: Canvas, cx: float, cy: float, length: float, angle: float) -> None:
    """A solid arrow of ``length`` points centred on (cx, cy), pointing at ``angle`` degrees."""
    half, shaft, head = length / 2, length * 0.16, length * 0.42
    outline = [(-half, -shaft / 2), (half - head, -shaft / 2), (half - head, -head * 0.62),
               (half, 0), (half - head, head * 0.62), (half - head, shaft / 2), (-half, shaft / 2)]
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.rotate(angle)
    path = canvas.beginPath()
    path.moveTo(*outline[0])
    for point in outline[1:]:
        path.lineTo(*point)
    path.close()
    canvas.setFillColor(NAVY)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
