"""Poster-board labels: one landscape page per board, pinned above the poster.

The board number is large enough to find from 3 m away; beside it, the session and its
time, the paper's title and authors fitted to their boxes (long author lists end in
"et al."), and a QR code to the paper's page when one is known.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib.colors import white

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import event_dates
from hildprint.core.domain.model import Event, Paper, Session
from hildprint.core.domain.programme import SessionFinder, board_order
from hildprint.core.layout.geometry import mm
from hildprint.core.render.common import (
    GREY,
    NAVY,
    Rendered,
    joined,
    page_canvas,
    poster_session_line,
    size_for_distance,
    text_in_box,
)
from hildprint.core.render.qr import draw_qr, encode

MAX_AUTHORS = 8
"""More authors than this are printed as the first ones and "et al."."""
BOARD_DISTANCE_FT = 10.0  # about 3 m
MARGIN_MM = 12.0


class LabelError(HildprintError, ValueError):
    """Labels that cannot be made (no paper has a board); the message says why."""


def author_line(paper: Paper, limit: int = MAX_AUTHORS) -> str:
    """The authors as printed: all of them, or the first ``limit - 1`` and "et al."."""
    names = paper.author_names
    if len(names) > limit:
        return ", ".join(names[: limit - 1]) + " et al."
    return ", ".join(names)


def affiliation_line(paper: Paper) -> str:
    """The authors' affiliations, each once, in order of first appearance."""
    return " · ".join(dict.fromkeys(a.affiliation for a in paper.authors if a.affiliation))


def board_labels(event: Event, papers: list[Paper], sessions: list[Session], stream: BinaryIO,
                 paper_size: str = "A4") -> Rendered:
    """One label per paper that has a board, ordered by session and board."""
    boards = sorted((p for p in papers if p.board), key=board_order)
    if not boards:
        raise LabelError("no paper has a board yet; number them first (hildprint boards EVENT --assign)")
    done = Rendered()
    canvas, width, height = page_canvas(stream, paper_size, True, f"{event.name} poster boards")
    finder = SessionFinder(sessions)
    for paper in boards:
        _label(canvas, event, paper, finder.for_paper(paper), width, height, done)
        canvas.showPage()
        done.pages += 1
    canvas.save()
    return done


def _label(canvas, event: Event, paper: Paper, session: Session | None, width: float, height: float,
           done: Rendered) -> None:
    margin = mm(MARGIN_MM)
    number_width = width * 0.34
    canvas.setFillColor(NAVY)
    canvas.rect(0, 0, number_width, height, stroke=0, fill=1)
    text_in_box(canvas, "BOARD", margin, height - margin - mm(14), number_width - 2 * margin, mm(12),
                30, 12, bold=True, color=white, align="center")
    number = text_in_box(canvas, paper.board, margin, margin + mm(20), number_width - 2 * margin,
                         height - 2 * margin - mm(40), 400, size_for_distance(BOARD_DISTANCE_FT),
                         bold=True, color=white, align="center")
    if number.shortened:
        done.warnings.append(f"board {paper.board!r} is too long to print large; use a short number")
    text_in_box(canvas, joined(event.name, event_dates(event)), margin, margin, number_width - 2 * margin,
                mm(10), 14, 7, color=white, align="center")
    left = number_width + margin
    inner = width - left - margin
    top = height - margin
    text_in_box(canvas, poster_session_line(paper, session, event), left, top - mm(12), inner, mm(12), 22, 9,
                bold=True, color=NAVY)
    top -= mm(16)
    qr_side = mm(42) if paper.openreview_forum else 0.0
    text_in_box(canvas, paper.title, left, top - mm(72), inner, mm(72), 40, 12, bold=True, max_lines=4,
                valign="top")
    top -= mm(76)
    authors_width = inner - (qr_side + mm(6) if qr_side else 0)
    text_in_box(canvas, author_line(paper), left, top - mm(22), authors_width, mm(22), 24, 9, max_lines=2,
                valign="top", direction="ltr")
    text_in_box(canvas, affiliation_line(paper), left, top - mm(36), authors_width, mm(12), 14, 7,
                max_lines=2, color=GREY, valign="top", direction="ltr")
    if paper.openreview_forum:
        draw_qr(canvas, encode(paper.openreview_forum, "M"), width - margin - qr_side, margin, qr_side)
        text_in_box(canvas, "Paper page", width - margin - qr_side, margin + qr_side, qr_side, mm(5), 10, 6,
                    color=GREY, align="center")
