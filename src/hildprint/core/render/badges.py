"""Name badges as PDF: a template's boxes filled for each person, placed on label stock.

:class:`BadgeRenderer` draws sheets on a reportlab canvas; :func:`write_badges` in
:mod:`hildprint.core.render.batch` runs it for a whole list, in parallel when the list is
long. The parts of a badge that are the same for everyone (header, event name) are drawn
once per run as a PDF form and reused on every badge.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import event_dates
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.domain.tokens import make_token
from hildprint.core.layout.fonts import bundled_fonts
from hildprint.core.layout.geometry import mm
from hildprint.core.layout.stock import Stock
from hildprint.core.layout.template import PLACEHOLDER, Box, Layout, Template
from hildprint.core.layout.text import draw_text, fit_text
from hildprint.core.render.qr import QRMatrix, draw_qr, encode, mecard

rl_config.useA85 = 0  # binary streams: smaller files, and no time spent on ASCII85

SIDES = ("front", "duplex", "fold")
BLEED_MM = 3.0
MARK_LENGTH_MM = 5.0
MIN_MODULE_MM = 0.4
MAX_TOKEN_VERSION = 4


class BadgeError(HildprintError, ValueError):
    """Badges cannot be made with these options (e.g. fold-over on a one-row stock)."""


@dataclass(frozen=True)
class BadgeWarning:
    """Something about one person's badge worth a look before printing."""

    attendee_id: str
    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name} ({self.attendee_id}): {self.message}"


@dataclass(frozen=True)
class BadgeOptions:
    """How to print: stock, template, sides, and crop marks (None: when cut from plain paper)."""

    stock: Stock
    template: Template
    sides: str = "front"
    crop_marks: bool | None = None

    @property
    def marks(self) -> bool:
        """Whether crop marks are drawn."""
        return (not self.stock.precut) if self.crop_marks is None else self.crop_marks

    @property
    def badges_per_sheet(self) -> int:
        """People per printed sheet (half the slots when each badge folds over)."""
        return self.stock.per_page // 2 if self.sides == "fold" else self.stock.per_page


def preflight(attendees: list[Attendee]) -> list[BadgeWarning]:
    """Everyone whose name or affiliation has a character no bundled font can print."""
    fonts = bundled_fonts()
    warnings = []
    for person in attendees:
        for label, text in (("name", person.name), ("affiliation", person.affiliation)):
            missing = fonts.missing(text)
            if missing:
                shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:5])
                warnings.append(BadgeWarning(person.id, person.name,
                                             f"{label} has characters no bundled font can print: {shown}"))
    return warnings


class BadgeRenderer:
    """Draws badge sheets for one event with one set of options onto reportlab canvases."""

    def __init__(self, event: Event, options: BadgeOptions):
        if options.sides not in SIDES:
            raise BadgeError(f"sides must be one of {', '.join(SIDES)}")
        stock = options.stock
        if options.sides == "fold" and stock.rows % 2:
            raise BadgeError(f"fold-over needs stock with an even number of rows; {stock.name} has "
                             f"{stock.rows} (try a6-4up-a4 or a7-8up-a4)")
        self.event = event
        self.options = options
        self.stock = stock
        self.layout: Layout = options.template.layout_for(stock)
        self.fonts = bundled_fonts()
        self.event_values = {
            "name": event.name, "dates": event_dates(event), "venue": event.venue,
            "code": event.code, "url": event.url,
        }
        self.bleed = self._uniform_bleed() if options.marks else 0.0
        self.warnings: list[BadgeWarning] = []
        self._forms: weakref.WeakSet[Canvas] = weakref.WeakSet()  # canvases holding our forms

    # -- sheets -----------------------------------------------------------------------
    def new_canvas(self, path: str) -> Canvas:
        """A canvas for this stock's page size."""
        canvas = Canvas(path, pagesize=(mm(self.stock.page_width), mm(self.stock.page_height)),
                        pageCompression=1)
        canvas.setTitle(f"{self.event.name} badges")
        canvas.setCreator("hildprint")
        return canvas

    def draw_sheets(self, canvas: Canvas, people: list[Attendee]) -> int:
        """Draw every sheet for ``people`` (front pages, and backs when duplex); returns pages."""
        per_sheet = self.options.badges_per_sheet
        pages = 0
        for start in range(0, len(people), per_sheet):
            group = people[start:start + per_sheet]
            pages += self.draw_sheet(canvas, group)
        return pages

    def draw_sheet(self, canvas: Canvas, group: list[Attendee]) -> int:
        """Draw one sheet (and its back page when duplex); returns the pages drawn."""
        slots = self.stock.slots()
        if self.options.sides == "fold":
            fronts = [s for i, s in enumerate(slots) if (i // self.stock.columns) % 2 == 0]
            backs = [s for i, s in enumerate(slots) if (i // self.stock.columns) % 2 == 1]
            for person, front, back in zip(group, fronts, backs):
                self.draw_badge(canvas, person, "front", front)
                self.draw_badge(canvas, person, "back", back, upside_down=True)
            self._draw_marks(canvas, fold=True)
            canvas.showPage()
            return 1
        for person, slot in zip(group, slots):
            self.draw_badge(canvas, person, "front", slot)
        self._draw_marks(canvas)
        canvas.showPage()
        if self.options.sides != "duplex":
            return 1
        for person, slot in zip(group, self.stock.mirrored_slots()):
            self.draw_badge(canvas, person, "back", slot)
        canvas.showPage()
        return 2

    # -- one badge ------------------------------------------------------------------------
    def draw_badge(self, canvas: Canvas, person: Attendee, side: str, slot: tuple[float, float],
                   upside_down: bool = False) -> None:
        """Draw ``person``'s badge ``side`` with its top-left corner at ``slot`` (mm)."""
        x, y = slot
        width, height = self.stock.badge_width, self.stock.badge_height
        canvas.saveState()
        canvas.translate(mm(x), mm(self.stock.page_height - y - height))
        if upside_down:
            canvas.translate(mm(width), mm(height))
            canvas.rotate(180)
        canvas.doForm(self._static_form(canvas, side))
        values = self._values(person)
        for box in self._boxes(side):
            if not box.static and self._applies(box, person):
                self._draw_box(canvas, box, values, person)
        canvas.restoreState()

    def _boxes(self, side: str) -> tuple[Box, ...]:
        return self.layout.front if side == "front" else self.layout.back

    @staticmethod
    def _applies(box: Box, person: Attendee) -> bool:
        if box.when == "consent":
            return person.consent_contact_qr
        if box.when == "no_consent":
            return not person.consent_contact_qr
        return True

    def _static_form(self, canvas: Canvas, side: str) -> str:
        name = f"hildprint-{side}-static"
        if canvas not in self._forms:
            for form_side in ("front", "back"):
                canvas.beginForm(f"hildprint-{form_side}-static")
                for box in self._boxes(form_side):
                    if box.static:
                        self._draw_box(canvas, box, {"event": self.event_values}, None)
                canvas.endForm()
            self._forms.add(canvas)
        return name

    def _values(self, person: Attendee) -> dict[str, dict[str, str]]:
        template = self.options.template
        return {
            "event": self.event_values,
            "attendee": {
                "name": person.name, "first_name": person.first_name, "last_name": person.last_name,
                "affiliation": person.affiliation, "role": person.role, "id": person.id,
                "country": person.country, "email": person.email,
            },
            "role": {"color": template.role_color(person.role), "label": person.role or "Attendee"},
        }

    def _draw_box(self, canvas: Canvas, box: Box, values: dict, person: Attendee | None) -> None:
        left, bottom = mm(box.x), mm(self.stock.badge_height - box.y - box.h)
        if box.type == "rect":
            self._draw_rect(canvas, box, values)
        elif box.type == "text":
            self._draw_text_box(canvas, box, values, person, left, bottom)
        elif box.type == "qr" and person is not None:
            self._draw_qr_box(canvas, box, person, left, bottom)
        elif box.type == "line":
            canvas.setStrokeColor(HexColor(fill_in(box.color, values)))
            canvas.setLineWidth(box.width)
            canvas.line(mm(box.x), mm(self.stock.badge_height - box.y),
                        mm(box.x + box.w), mm(self.stock.badge_height - box.y - box.h))
        elif box.type == "image" and box.path:
            path = self.options.template.folder / box.path
            canvas.drawImage(str(path), left, bottom, mm(box.w), mm(box.h),
                             preserveAspectRatio=True, mask="auto", anchor="c")

    def _draw_rect(self, canvas: Canvas, box: Box, values: dict) -> None:
        x0, y0, x1, y1 = box.x, box.y, box.x + box.w, box.y + box.h
        if box.bleed and self.bleed:
            w, h = self.stock.badge_width, self.stock.badge_height
            x0 -= self.bleed if x0 <= 0.01 else 0
            y0 -= self.bleed if y0 <= 0.01 else 0
            x1 += self.bleed if x1 >= w - 0.01 else 0
            y1 += self.bleed if y1 >= h - 0.01 else 0
        canvas.setFillColor(HexColor(fill_in(box.fill or box.color, values)))
        canvas.rect(mm(x0), mm(self.stock.badge_height - y1), mm(x1 - x0), mm(y1 - y0), stroke=0, fill=1)

    def _draw_text_box(self, canvas: Canvas, box: Box, values: dict, person: Attendee | None,
                       left: float, bottom: float) -> None:
        text = fill_in(box.text, values)
        if box.upper:
            text = text.upper()
        fitted = fit_text(text, mm(box.w), mm(box.h), box.size, box.min_size, box.bold,
                          box.max_lines, self.fonts)
        if fitted.shortened and box.report and person is not None:
            shown = " / ".join(line.text for line in fitted.lines)
            self.warnings.append(BadgeWarning(person.id, person.name,
                                              f"shortened to fit its box at {fitted.size:.1f} pt: {shown!r}"))
        draw_text(canvas, fitted, left, bottom, mm(box.w), mm(box.h), box.align, box.valign,
                  HexColor(fill_in(box.color, values)))

    def _draw_qr_box(self, canvas: Canvas, box: Box, person: Attendee, left: float, bottom: float) -> None:
        matrix = self.qr_for(person, box.content)
        module_mm = box.w / matrix.total_modules()
        if module_mm < MIN_MODULE_MM - 1e-9:
            self.warnings.append(BadgeWarning(
                person.id, person.name,
                f"QR modules are {module_mm:.2f} mm on this stock; scanners need at least {MIN_MODULE_MM} mm"))
        draw_qr(canvas, matrix, left, bottom, mm(box.w))

    def qr_for(self, person: Attendee, content: str) -> QRMatrix:
        """The QR code of ``content`` ("token" or "contact") for ``person``."""
        if content == "contact":
            return encode(mecard(person.name, person.email, person.affiliation), "L")
        return encode(make_token(self.event, person.id), "M", MAX_TOKEN_VERSION)

    # -- crop marks -------------------------------------------------------------------------
    def _uniform_bleed(self) -> float:
        stock = self.stock
        room = [BLEED_MM]
        if stock.columns > 1:
            room.append((stock.pitch_x - stock.badge_width) / 2)
        if stock.rows > 1:
            room.append((stock.pitch_y - stock.badge_height) / 2)
        right = stock.page_width - (stock.left + (stock.columns - 1) * stock.pitch_x + stock.badge_width)
        bottom = stock.page_height - (stock.top + (stock.rows - 1) * stock.pitch_y + stock.badge_height)
        room += [stock.left, stock.top, right, bottom]
        return max(0.0, min(room))

    def cut_lines(self) -> tuple[list[float], list[float]]:
        """The x positions of vertical cuts and the y positions of horizontal cuts (mm from
        the page's top-left), leaving out those on the page edge."""
        xs, ys = set(), set()
        for x, y in self.stock.slots():
            xs.update((round(x, 3), round(x + self.stock.badge_width, 3)))
            ys.update((round(y, 3), round(y + self.stock.badge_height, 3)))
        inside = lambda v, limit: 0.5 < v < limit - 0.5  # noqa: E731
        return (sorted(v for v in xs if inside(v, self.stock.page_width)),
                sorted(v for v in ys if inside(v, self.stock.page_height)))

    def _draw_marks(self, canvas: Canvas, fold: bool = False) -> None:
        if not self.options.marks and not fold:
            return
        page_w, page_h = self.stock.page_width, self.stock.page_height
        canvas.saveState()
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.25)
        top, bottom = self.stock.top, page_h - (self.stock.top + (self.stock.rows - 1) * self.stock.pitch_y + self.stock.badge_height)
        left, right = self.stock.left, page_w - (self.stock.left + (self.stock.columns - 1) * self.stock.pitch_x + self.stock.badge_width)
        xs, ys = self.cut_lines()
        if self.options.marks:
            for x in xs:
                self._mark(canvas, (x, 0), (x, _mark_end(top, self.bleed)))
                self._mark(canvas, (x, page_h), (x, page_h - _mark_end(bottom, self.bleed)))
            for y in ys:
                self._mark(canvas, (0, y), (_mark_end(left, self.bleed), y))
                self._mark(canvas, (page_w, y), (page_w - _mark_end(right, self.bleed), y))
        if fold:
            canvas.setDash(2, 2)
            canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
            for row in range(0, self.stock.rows, 2):
                fold_y = self.stock.top + row * self.stock.pitch_y + self.stock.badge_height
                for x, _ in self.stock.slots()[: self.stock.columns]:
                    self._mark(canvas, (x, fold_y), (x + self.stock.badge_width, fold_y))
        canvas.restoreState()

    def _mark(self, canvas: Canvas, start: tuple[float, float], end: tuple[float, float]) -> None:
        page_h = self.stock.page_height
        canvas.line(mm(start[0]), mm(page_h - start[1]), mm(end[0]), mm(page_h - end[1]))


def _mark_end(margin: float, bleed: float) -> float:
    """How far from the page edge a crop mark in a margin of ``margin`` mm reaches: it
    stops ``bleed`` + 1 mm short of the badge, or, in a margin too narrow for that, runs
    5 mm along the cut line so the cutter can still see it."""
    room = margin - bleed - 1.0
    return room if room >= 2.0 else MARK_LENGTH_MM


def fill_in(text: str, values: dict[str, dict[str, str]]) -> str:
    """Replace ``{group.field}`` placeholders with their values."""
    if "{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), {}).get(m.group(2), "")), text)


