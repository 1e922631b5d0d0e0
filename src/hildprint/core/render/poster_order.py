"""The cover sheet of a poster print order: which poster goes on which board, at what size,
on which paper stock, and the posters left out with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from hildprint.core.render.common import GREY, NAVY, Rendered, page_canvas, text_in_box

MARGIN = 40.0
ROW_PT = 30.0
COLUMNS = (("Board", 0.09), ("Paper", 0.39), ("Print size", 0.27), ("Paper stock", 0.25))
"""Column titles and their shares of the line width."""


@dataclass(frozen=True)
class OrderLine:
    """One poster of the order as the print shop reads it."""

    board: str
    paper: str
    size: str
    stock: str


def render_order_cover(stream: BinaryIO, title: str, lines: list[OrderLine], left_out: list[str],
                       paper: str = "A4") -> Rendered:
    """Write the cover sheet (as many pages as the lines need) into ``stream``."""
    canvas, width, height = page_canvas(stream, paper, False, title)
    rendered = Rendered()
    y = _heading(canvas, title, len(lines), width, height)
    for line in lines:
        if y < MARGIN + ROW_PT:
            canvas.showPage()
            rendered.pages += 1
            y = _column_titles(canvas, width, height - MARGIN)
        _row(canvas, line, width, y)
        y -= ROW_PT
    for note in left_out:
        if y < MARGIN + ROW_PT:
            canvas.showPage()
            rendered.pages += 1
            y = height - MARGIN
        text_in_box(canvas, f"Not in this order: {note}", MARGIN, y - ROW_PT, width - 2 * MARGIN, ROW_PT,
                    9, 6, max_lines=2, color=GREY)
        y -= ROW_PT
    canvas.showPage()
    canvas.save()
    rendered.pages += 1
    return rendered


def _heading(canvas, title: str, count: int, width: float, height: float) -> float:
    top = height - MARGIN
    text_in_box(canvas, title, MARGIN, top - 30, width - 2 * MARGIN, 30, 20, 10, bold=True, color=NAVY)
    text_in_box(canvas, f"{count} posters, in board order; each is fitted to the venue's size and centred on "
                "its sheet (trim box set).", MARGIN, top - 52, width - 2 * MARGIN, 18, 10, 7, color=GREY)
    return _column_titles(canvas, width, top - 62)


def _column_titles(canvas, width: float, top: float) -> float:
    _cells(canvas, [name for name, _ in COLUMNS], width, top, bold=True)
    canvas.setStrokeColor(NAVY)
    canvas.line(MARGIN, top - ROW_PT, width - MARGIN, top - ROW_PT)
    return top - ROW_PT


def _row(canvas, line: OrderLine, width: float, top: float) -> None:
    _cells(canvas, [line.board or "–", line.paper, line.size, line.stock], width, top)


def _cells(canvas, texts: list[str], width: float, top: float, bold: bool = False) -> None:
    room = width - 2 * MARGIN
    x = MARGIN
    for text, (_, share) in zip(texts, COLUMNS):
        text_in_box(canvas, text, x, top - ROW_PT, room * share - 6, ROW_PT, 10, 6, bold=bold, max_lines=2)
        x += room * share
