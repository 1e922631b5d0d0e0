"""The programme poster: the whole programme at a glance, a column per room, a row per
starting time.

Text never runs over other text: sessions starting together in one room share the room's
column side by side, and when a programme is too big for the paper at a legible size (a
large conference's 30 rooms and 800 talks on A2) it is split by day, by groups of rooms
and, when a room's day alone is too long, by time, over as many pages as it takes, with a
warning saying so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.pdfgen.canvas import Canvas

from hildprint.core.domain.eventtime import LocalTimes, event_dates, long_day
from hildprint.core.domain.model import Event, Session
from hildprint.core.domain.programme import NO_ROOM, Programme
from hildprint.core.layout.geometry import mm
from hildprint.core.layout.text import fit_text
from hildprint.core.render.common import CANCELLED_RED, GREY, NAVY, Rendered, joined, page_canvas, text_in_box
from hildprint.core.render.signage import (
    MARGIN_MM,
    NO_ZONE_WARNING,
    RowSizes,
    SignError,
    footer,
    second_line,
    strike,
    typical_size,
)

SHARED_KINDS = {"break", "lunch", "registration", "social", "opening"}
"""Items that concern everyone: alone in their time slot, they span every room's column."""
SHADE = HexColor("#EEF2F7")
MIN_COLUMN_MM = 40.0
"""Narrowest room column (at A2; scaled with the paper) whose titles stay legible."""
MIN_ROW_MM = 11.0
"""Lowest row (at A2; scaled with the paper) that holds a title and a line of speakers."""
MAX_ROW_MM = 40.0
"""A row's height at most (at A2): a short programme does not stretch over the poster."""
ROW_MM = 18.0
"""A row's height (at A2) when the programme is spread over several pages."""
TIME_WIDTH_MM = 45.0
DAY_HEAD_MM = 26.0
"""Day heading and room names above a day's grid (at A2)."""

Item = tuple[Session, LocalTimes]


@dataclass(frozen=True)
class _Part:
    """One block of the poster: some rooms of one day, from one slot to another."""

    day: date
    room_ids: list[str]
    items: list[Item]
    continued: bool = False


@dataclass(frozen=True)
class _Cell:
    session: Session
    times: LocalTimes
    x: float
    width: float


@dataclass(frozen=True)
class _Frame:
    """Where a part is drawn: its box and the paper's scale (1 at A2)."""

    x: float
    top: float
    width: float
    height: float
    scale: float


def agenda_poster(programme: Programme, stream: BinaryIO, paper: str = "A2") -> Rendered:
    """The whole programme on one poster, or, when that is not legible, over several
    pages by day, groups of rooms and time (with a warning saying so)."""
    days: dict[date, list[Item]] = defaultdict(list)
    for (_, day), items in programme.room_days().items():
        days[day].extend(items)
    if not days:
        raise SignError("the programme has no sessions; import a programme first")
    done = Rendered()
    if not programme.event.timezone:
        done.warnings.append(NO_ZONE_WARNING)
    canvas, width, height = page_canvas(stream, paper, False, f"{programme.event.name} programme")
    scale = width / mm(420)
    margin = mm(MARGIN_MM) * scale
    area = _Frame(margin, height - mm(42) * scale, width - 2 * margin,
                  height - mm(42) * scale - margin - mm(8) * scale, scale)
    parts = [part for day in sorted(days) for part in _split_day(day, days[day], area)]
    per_day = area.height / len(parts)
    together = len(parts) == len(days) and per_day >= mm(60) * scale and all(
        _fits(p.items, p.room_ids, _Frame(area.x, 0, area.width, per_day, scale)) for p in parts)
    heights = [per_day] * len(parts) if together else [_natural_height(p, area) for p in parts]
    top = area.top
    _title(canvas, programme.event, width, height, scale)
    for part, part_height in zip(parts, heights):
        if top - part_height < margin - 1:
            _finish_page(canvas, programme.event, margin, width, done)
            _title(canvas, programme.event, width, height, scale)
            top = area.top
        _draw_part(canvas, programme, part, _Frame(area.x, top, area.width, part_height, scale))
        top -= part_height
    _finish_page(canvas, programme.event, margin, width, done)
    canvas.save()
    if not together:
        done.warnings.append(_split_warning(days, parts, paper, done.pages))
    return done


def _finish_page(canvas: Canvas, event: Event, margin: float, width: float, done: Rendered) -> None:
    footer(canvas, event, margin, width)
    canvas.showPage()
    done.pages += 1


def _split_warning(days: dict[date, list[Item]], parts: list[_Part], paper: str, pages: int) -> str:
    rooms = len({s.room_id or NO_ROOM.id for items in days.values() for s, _ in items})
    widest = max(len(p.room_ids) for p in parts)
    return (f"the programme ({sum(map(len, days.values()))} sessions in {rooms} rooms over {len(days)} days) does "
            f"not fit one {paper} page at a legible size; printed over {pages} pages, by day and groups of "
            f"at most {widest} rooms (use larger paper for fewer pages)")


# -- planning: which rooms and slots go on one page ----------------------------------------------
def _slots(items: list[Item]) -> list[datetime]:
    return sorted({times.start for _, times in items})


def _fits(items: list[Item], room_ids: list[str], frame: _Frame) -> bool:
    column = (frame.width - mm(TIME_WIDTH_MM) * frame.scale) / max(len(room_ids), 1)
    grid = frame.height - mm(DAY_HEAD_MM) * frame.scale
    return (column >= mm(MIN_COLUMN_MM) * frame.scale
            and len(_slots(items)) * mm(MIN_ROW_MM) * frame.scale <= grid)


def _split_day(day: date, items: list[Item], area: _Frame) -> list[_Part]:
    """A day's parts: all its rooms when they fit, else groups of rooms, each split by time
    when its slots do not fit one page."""
    room_ids = list(dict.fromkeys(s.room_id or NO_ROOM.id for s, _ in sorted(items, key=lambda i: i[1].start)))
    if _fits(items, room_ids, area):
        return [_Part(day, room_ids, items)]
    parts: list[_Part] = []
    group: list[str] = []
    for room_id in room_ids:
        candidate = group + [room_id]
        if group and not _fits([i for i in items if (i[0].room_id or NO_ROOM.id) in candidate], candidate, area):
            parts.extend(_by_time(day, group, items, area))
            candidate = [room_id]
        group = candidate
    parts.extend(_by_time(day, group, items, area))
    return parts


def _natural_height(part: _Part, area: _Frame) -> float:
    """The height a part takes at its rows' natural height (never more than a page)."""
    rows = len(_slots(part.items)) * mm(ROW_MM) * area.scale
    return min(area.height, mm(DAY_HEAD_MM + 4) * area.scale + rows)


def _by_time(day: date, room_ids: list[str], items: list[Item], area: _Frame) -> list[_Part]:
    mine = [i for i in items if (i[0].room_id or NO_ROOM.id) in room_ids]
    slots = _slots(mine)
    per_page = max(1, int((area.height - mm(DAY_HEAD_MM) * area.scale) // (mm(MIN_ROW_MM) * area.scale)))
    parts = []
    for index in range(0, len(slots), per_page):
        chosen = set(slots[index:index + per_page])
        parts.append(_Part(day, room_ids, [i for i in mine if i[1].start in chosen], continued=index > 0))
    return parts


# -- drawing -----------------------------------------------------------------------------------------
def _title(canvas: Canvas, event: Event, width: float, height: float, scale: float) -> None:
    band = mm(36) * scale
    canvas.setFillColor(NAVY)
    canvas.rect(0, height - band, width, band, stroke=0, fill=1)
    margin = mm(MARGIN_MM) * scale
    text_in_box(canvas, f"{event.name} — Programme", margin, height - band * 0.62, width - 2 * margin,
                band * 0.62 - mm(7), 90 * scale, 16, bold=True, color=white)
    text_in_box(canvas, joined(event_dates(event), event.venue), margin, height - band + mm(3) * scale,
                width - 2 * margin, band * 0.3, 40 * scale, 10, color=white)


def _cells(items: list[Item], room_ids: list[str], x: float, column: float, full: float
           ) -> dict[datetime, list[_Cell]]:
    """The cells of each starting time: a shared item alone spans every column; items of
    one room starting together share its column side by side."""
    slots: dict[datetime, list[Item]] = defaultdict(list)
    for session, times in items:
        slots[times.start].append((session, times))
    cells = {}
    for start in sorted(slots):
        group = slots[start]
        if len(group) == 1 and group[0][0].kind in SHARED_KINDS and len(room_ids) > 1:
            cells[start] = [_Cell(*group[0], x, full)]
            continue
        by_room: dict[str, list[Item]] = defaultdict(list)
        for session, times in group:
            by_room[session.room_id or NO_ROOM.id].append((session, times))
        cells[start] = []
        for room_id, together in by_room.items():
            share = column / len(together)
            left = x + room_ids.index(room_id) * column
            cells[start].extend(_Cell(s, t, left + n * share, share) for n, (s, t) in enumerate(together))
    return cells


def _draw_part(canvas: Canvas, programme: Programme, part: _Part, frame: _Frame) -> None:
    x, top, width, scale = frame.x, frame.top, frame.width, frame.scale
    heading = long_day(part.day) + (" (continued)" if part.continued else "")
    text_in_box(canvas, heading, x, top - mm(14) * scale, width, mm(12) * scale, 44 * scale, 12,
                bold=True, color=NAVY)
    time_width = mm(TIME_WIDTH_MM) * scale
    column = (width - time_width) / max(len(part.room_ids), 1)
    header_top = top - mm(16) * scale
    for index, room_id in enumerate(part.room_ids):
        room = programme.room(room_id)
        label = room.name + (f" · {room.local_name}" if room.local_name else "")
        text_in_box(canvas, label, x + time_width + index * column, header_top - mm(9) * scale,
                    column - mm(2), mm(8) * scale, 30 * scale, 6, bold=True, color=NAVY, max_lines=2)
    grid_top = header_top - mm(10) * scale
    cells = _cells(sorted(part.items, key=lambda i: i[1].start), part.room_ids, x + time_width, column,
                   width - time_width)
    row = min((grid_top - (top - frame.height) - mm(2)) / max(len(cells), 1), mm(MAX_ROW_MM) * scale)
    sizes = _cell_sizes([c for group in cells.values() for c in group], row, scale)
    for index, group in enumerate(cells.values()):
        y = grid_top - (index + 1) * row
        if len(group) == 1 and group[0].width > column + 0.01:
            canvas.setFillColor(SHADE)
            canvas.rect(x, y, width, row, stroke=0, fill=1)
        same_end = len({cell.times.end for cell in group}) == 1
        label = group[0].times.span() if same_end else f"{group[0].times.start:%H:%M}"
        text_in_box(canvas, label, x + mm(1.5), y, time_width - mm(3), row - mm(1.5),
                    sizes.time, 6, bold=True, valign="top")
        for cell in group:
            _draw_cell(canvas, cell, y, row, sizes)
        canvas.setStrokeColor(HexColor("#CCCCCC"))
        canvas.setLineWidth(0.5)
        canvas.line(x, y, x + width, y)


def _cell_sizes(cells: list[_Cell], row: float, scale: float) -> RowSizes:
    titles, speakers = [28.0 * scale], [20.0 * scale]
    for cell in cells:
        title_height = (row - mm(3)) * (0.62 if second_line(cell.session) else 1.0)
        titles.append(fit_text(cell.session.title, cell.width - mm(3), title_height, 28 * scale, 6, True,
                               _title_lines(cell)).size)
        if second_line(cell.session):
            speakers.append(fit_text(second_line(cell.session), cell.width - mm(3),
                                     (row - mm(3)) * 0.34, 20 * scale, 5).size)
    time = fit_text("00:00–00:00", mm(42) * scale, row * 0.5, 24 * scale, 6, True).size
    return RowSizes(time, typical_size(titles), typical_size(speakers))


def _title_lines(cell: _Cell) -> int:
    """A narrow column (a room shared by talks starting together, or many rooms) may wrap a
    title onto more lines; a wide one keeps it to two."""
    return 2 if cell.width >= mm(80) else 4


def _draw_cell(canvas: Canvas, cell: _Cell, y: float, height: float, sizes: RowSizes) -> None:
    session = cell.session
    colour = GREY if session.cancelled else HexColor("#000000")
    pad = mm(1.5)
    x, width = cell.x + pad, cell.width - 2 * pad
    title_height = (height - 2 * pad) * (0.62 if second_line(session) else 1.0)
    title_y = y + height - pad - title_height
    fitted = text_in_box(canvas, session.title, x, title_y, width, title_height, sizes.title, 5,
                         bold=True, max_lines=_title_lines(cell), color=colour, valign="top")
    if second_line(session):
        text_in_box(canvas, second_line(session), x, y + pad, width, (height - 2 * pad) * 0.34,
                    sizes.speakers, 4, color=colour, valign="top")
    if session.cancelled:
        strike(canvas, fitted, x, title_y, title_height)
        text_in_box(canvas, "CANCELLED", x, y + pad, width, (height - 2 * pad) * 0.34, sizes.speakers, 4,
                    bold=True, color=CANCELLED_RED, align="right", valign="top")
