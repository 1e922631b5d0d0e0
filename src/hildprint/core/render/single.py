"""One person's badge, as the desk prints it: on a page of the badge's own size.

At the desk a badge is printed while the person waits, so the page is chosen for that:

- stock cut from plain paper (the default, four A6 badges on A4) prints one badge on a
  page of the badge's size (A6), with no crop marks: the desk printer is loaded with
  badge-sized card;
- stock with one badge per sheet (A6, CR80 cards, DYMO labels) prints as it is;
- pre-cut label sheets (Avery inserts) print the whole sheet with the badge in the first
  slot, since that is what the printer is loaded with.

:class:`SingleBadge` keeps its renderer warm, so after the first badge each one takes a
few milliseconds.
"""

from __future__ import annotations

import io
from pathlib import Path

from hildprint.core.domain.files import atomic_output
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.layout.stock import Stock
from hildprint.core.layout.template import Template
from hildprint.core.render.badges import BadgeOptions, BadgeRenderer, BadgeWarning


def desk_stock(stock: Stock) -> Stock:
    """The page the desk prints one badge of ``stock`` on (see the module notes)."""
    if stock.per_page == 1 or stock.precut:
        return stock
    return Stock(
        name=f"{stock.name} (one badge)", description=f"one badge of {stock.name} on its own page",
        page_width=stock.badge_width, page_height=stock.badge_height,
        badge_width=stock.badge_width, badge_height=stock.badge_height,
        columns=1, rows=1, left=0.0, top=0.0,
        pitch_x=stock.badge_width, pitch_y=stock.badge_height, precut=True,
    ).check()


class SingleBadge:
    """Renders one person's badge front at a time, for the desk."""

    def __init__(self, event: Event, stock: Stock, template: Template):
        self.stock = desk_stock(stock)
        self.renderer = BadgeRenderer(event, BadgeOptions(self.stock, template, "front", crop_marks=False))

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """Width and height of the printed page in millimetres."""
        return self.stock.page_width, self.stock.page_height

    def write(self, person: Attendee, out: str | Path) -> list[BadgeWarning]:
        """Write ``person``'s badge to the PDF ``out`` (atomically); returns its warnings."""
        with atomic_output(out) as temporary:
            warnings = self._draw(person, str(temporary))
        return warnings

    def pdf_bytes(self, person: Attendee) -> bytes:
        """``person``'s badge as PDF bytes (for a preview)."""
        buffer = io.BytesIO()
        self._draw(person, buffer)
        return buffer.getvalue()

    def warm_up(self, person: Attendee) -> None:
        """Load every bundled font and render once, throwing the result away, so that no
        one at the desk waits for a font to load (a CJK face takes ~60 ms the first time)."""
        for face in self.renderer.fonts.faces:
            face.font_name(False)
            face.font_name(True)
        self.pdf_bytes(person)

    def _draw(self, person: Attendee, target: str | io.BytesIO) -> list[BadgeWarning]:
        self.renderer.warnings = []
        canvas = self.renderer.new_canvas(target)
        self.renderer.draw_sheet(canvas, [person])
        canvas.save()
        return list(self.renderer.warnings)
