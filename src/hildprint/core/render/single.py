"""One person's badge, as the desk prints it: on a page of the badge's own size.

At the desk a badge is printed while the person waits, so the page is chosen for that:

- stock cut from plain paper (the default, four A6 badges on A4) prints one badge on a
  page of the badge's size (A6), with no crop marks: the desk printer is loaded with
  badge-sized card;
- stock with one badge per sheet (A6, CR80 cards, DYMO labels) prints as it is;
- pre-cut label sheets (Avery inserts) print the whole sheet with the badge in the first
  slot, since that is what the printer is loaded with.

:class:`SingleBadge` keeps its layout warm, so after the first badge each one takes a
few milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.layout.badge import BadgeLayout, BadgeOptions, BadgeWarning
from hildprint.core.layout.stock import Stock
from hildprint.core.layout.template import Template
from hildprint.core.render.badges import BadgeSheets, BadgesRendered
from hildprint.core.render.output import pdf_in_memory, write_pdf


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
    """Renders one person's badge front at a time, for the desk and for previews."""

    def __init__(self, event: Event, stock: Stock, template: Template):
        self.stock = desk_stock(stock)
        self.layout = BadgeLayout(event, BadgeOptions(self.stock, template, "front", crop_marks=False))

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """Width and height of the printed page in millimetres."""
        return self.stock.page_width, self.stock.page_height

    def render(self, person: Attendee, stream: BinaryIO) -> BadgesRendered:
        """Draw ``person``'s badge as a PDF into ``stream``."""
        done = BadgesRendered(badges=1)
        sheets = BadgeSheets(self.layout, stream)
        done.pages = sheets.draw([person], done.warnings)
        sheets.finish()
        return done

    def write(self, person: Attendee, out: str | Path) -> list[BadgeWarning]:
        """Write ``person``'s badge to the PDF ``out`` (atomically); returns its warnings."""
        return write_pdf(out, lambda stream: self.render(person, stream)).warnings

    def pdf_bytes(self, person: Attendee) -> bytes:
        """``person``'s badge as PDF bytes (for a preview)."""
        pdf, _ = pdf_in_memory(lambda stream: self.render(person, stream))
        return pdf

    def warm_up(self, person: Attendee) -> None:
        """Load every bundled font and render once, throwing the result away, so that no
        one at the desk waits for a font to load (a CJK face takes ~60 ms the first time)."""
        for face in self.layout.fonts.faces:
            face.font_name(False)
            face.font_name(True)
        self.pdf_bytes(person)
