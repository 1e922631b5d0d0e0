"""Name badges as PDF: the faces a :class:`~hildprint.core.layout.badge.BadgeLayout`
decides, drawn sheet by sheet into a stream.

:func:`render_badges` draws a list of people into one PDF; :mod:`hildprint.core.render.batch`
runs it for long lists in worker processes, with progress and cancel. The parts of a
badge that are the same for everyone (header, event name) are drawn once per PDF as a
form and reused on every badge.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from hildprint.core.domain.model import Attendee
from hildprint.core.layout.badge import (
    BadgeError,
    BadgeLayout,
    BadgeOptions,
    BadgeWarning,
    Item,
    Placement,
    SheetPage,
    preflight,
)
from hildprint.core.layout.geometry import mm
from hildprint.core.layout.text import draw_text
from hildprint.core.render.qr import draw_qr

__all__ = ["BadgeError", "BadgeLayout", "BadgeOptions", "BadgeSheets", "BadgeWarning", "BadgesRendered",
           "preflight", "render_badges"]

rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85

MARK_LENGTH_MM = 5.0


@dataclass
class BadgesRendered:
    """What a badge render did: badges and pages drawn, the warnings about people (the
    characters no font has first), and whether it was cancelled before the end."""

    badges: int = 0
    pages: int = 0
    warnings: list[BadgeWarning] = field(default_factory=list)
    cancelled: bool = False


def render_badges(layout: BadgeLayout, people: list[Attendee], stream: BinaryIO,
                  progress: Callable[[int, int], None] | None = None,
                  cancel: threading.Event | None = None) -> BadgesRendered:
    """Draw every sheet for ``people`` as one PDF into ``stream``. ``progress`` is called
    with (badges done, total) after each sheet; once ``cancel`` is set no further sheet
    is drawn, the result has ``cancelled`` set and the stream holds no whole PDF."""
    done = BadgesRendered(warnings=preflight(people, layout.fonts))
    sheets = BadgeSheets(layout, stream)
    for group in layout.sheets(people):
        if cancel is not None and cancel.is_set():
            done.cancelled = True
            return done
        done.pages += sheets.draw(group, done.warnings)
        done.badges += len(group)
        if progress:
            progress(done.badges, len(people))
    sheets.finish()
    return done


class BadgeSheets:
    """One PDF of badge sheets being drawn into a stream: draw sheet after sheet, then finish."""

    def __init__(self, layout: BadgeLayout, stream: BinaryIO):
        self.layout = layout
        self.stock = layout.stock
        self.canvas = Canvas(stream, pagesize=(mm(self.stock.page_width), mm(self.stock.page_height)),
                             pageCompression=1)
        self.canvas.setTitle(f"{layout.event.name} badges")
        self.canvas.setCreator("hildprint")
        self._forms_drawn = False

    def draw(self, group: list[Attendee], warnings: list[BadgeWarning]) -> int:
        """Draw one sheet of ``group`` (and its back page when duplex), adding each face's
        warnings to ``warnings``; returns the pages drawn."""
        pages = self.layout.sheet_pages(group)
        for page in pages:
            self._draw_page(page, warnings)
        return len(pages)

    def finish(self) -> None:
        """Write the end of the PDF to the stream."""
        self.canvas.save()

    def _draw_page(self, page: SheetPage, warnings: list[BadgeWarning]) -> None:
        for placed in page.placements:
            warnings.extend(self._draw_face(placed))
        if page.crop_marks or page.fold_lines:
            _Marks(self.layout, self.canvas).draw(page.crop_marks, page.fold_lines)
        self.canvas.showPage()

    def _draw_face(self, placed: Placement) -> tuple[BadgeWarning, ...]:
        canvas, stock = self.canvas, self.stock
        x, y = placed.slot
        width, height = stock.badge_width, stock.badge_height
        canvas.saveState()
        canvas.translate(mm(x), mm(stock.page_height - y - height))
        if placed.upside_down:
            canvas.translate(mm(width), mm(height))
            canvas.rotate(180)
        canvas.doForm(self._static_form(placed.side, self.layout.design_role(placed.person)))
        face = self.layout.face(placed.person, placed.side)
        for item in face.items:
            self._draw_item(item)
        canvas.restoreState()
        return face.warnings

    def _static_form(self, side: str, role: str) -> str:
        """The form of what every badge of ``role``'s design shares on ``side`` (drawn once)."""
        if not self._forms_drawn:
            for form_role in ("", *self.layout.role_layouts):
                for form_side in ("front", "back"):
                    self.canvas.beginForm(_form_name(form_side, form_role))
                    for item in self.layout.static_items(form_side, form_role):
                        self._draw_item(item)
                    self.canvas.endForm()
            self._forms_drawn = True
        return _form_name(side, role)

    def _draw_item(self, item: Item) -> None:
        canvas, box = self.canvas, item.box
        badge_height = self.stock.badge_height
        left, bottom = mm(box.x), mm(badge_height - box.y - box.h)
        if box.type == "rect":
            self._draw_rect(item)
        elif item.text is not None:
            draw_text(canvas, item.text, left, bottom, mm(box.w), mm(box.h), box.align, box.valign,
                      HexColor(item.color))
        elif item.qr is not None:
            draw_qr(canvas, item.qr, left, bottom, mm(box.w))
        elif box.type == "line":
            canvas.setStrokeColor(HexColor(item.color))
            canvas.setLineWidth(box.width)
            canvas.line(mm(box.x), mm(badge_height - box.y), mm(box.x + box.w), mm(badge_height - box.y - box.h))
        elif box.type == "image" and box.path:
            path = self.layout.options.template.folder / box.path
            canvas.drawImage(str(path), left, bottom, mm(box.w), mm(box.h),
                             preserveAspectRatio=True, mask="auto", anchor="c")

    def _draw_rect(self, item: Item) -> None:
        box, bleed = item.box, self.layout.bleed
        x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
        if box.bleed and bleed:
            w, h = self.stock.badge_width, self.stock.badge_height
            x0 -= bleed if x0 <= 0.01 else 0
            y0 -= bleed if y0 <= 0.01 else 0
            x1 += bleed if x1 >= w - 0.01 else 0
            y1 += bleed if y1 >= h - 0.01 else 0
        self.canvas.setFillColor(HexColor(item.color))
        self.canvas.rect(mm(x0), mm(self.stock.badge_height - y1), mm(x1 - x0), mm(y1 - y0), stroke=0, fill=1)


class _Marks:
    """Crop marks in the page margins and dashed fold lines, drawn on one page."""

    def __init__(self, layout: BadgeLayout, canvas: Canvas):
        self.layout, self.stock, self.canvas = layout, layout.stock, canvas

    def draw(self, crop_marks: bool, fold_lines: bool) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.25)
        if crop_marks:
            self._crop_marks()
        if fold_lines:
            canvas.setDash(2, 2)
            canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
            self._fold_lines()
        canvas.restoreState()

    def _crop_marks(self) -> None:
        layout, bleed = self.layout, self.layout.bleed
        page_w, page_h = self.stock.page_width, self.stock.page_height
        top, bottom = self.stock.top, layout.margin_bottom()
        left, right = self.stock.left, layout.margin_right()
        xs, ys = layout.cut_lines()
        for x in xs:
            self._line((x, 0), (x, _mark_end(top, bleed)))
            self._line((x, page_h), (x, page_h - _mark_end(bottom, bleed)))
        for y in ys:
            self._line((0, y), (_mark_end(left, bleed), y))
            self._line((page_w, y), (page_w - _mark_end(right, bleed), y))

    def _fold_lines(self) -> None:
        stock = self.stock
        for row in range(0, stock.rows, 2):
            fold_y = stock.top + row * stock.pitch_y + stock.badge_height
            for x, _ in stock.slots()[: stock.columns]:
                self._line((x, fold_y), (x + stock.badge_width, fold_y))

    def _line(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        page_h = self.stock.page_height
        self.canvas.line(mm(start[0]), mm(page_h - start[1]), mm(end[0]), mm(page_h - end[1]))


def _mark_end(margin: float, bleed: float) -> float:
    """How far from the page edge a crop mark in a margin of ``margin`` mm reaches: it
    stops ``bleed`` + 1 mm short of the badge, or, in a margin too narrow for that, runs
    5 mm along the cut line so the cutter can still see it."""
    room = margin - bleed - 1.0
    return room if room >= 2.0 else MARK_LENGTH_MM


def _form_name(side: str, role: str) -> str:
    return f"hildprint-{side}-static" + (f"-{role.lower()}" if role else "")
