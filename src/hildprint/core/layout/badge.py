"""What goes on each badge, decided without drawing anything.

A :class:`BadgeLayout` is made once per run from the event and the options. It says
which sheets a list of people fills and where each badge face sits on them
(:meth:`~BadgeLayout.sheet_pages`), and fills each box of a face for one person: the
text fitted to its box, the colour, the QR code (:meth:`~BadgeLayout.face`). The warnings
worth a look before printing (characters no font has, names shortened to fit, QR codes
too small to scan) come from here, so they can be had without making a PDF; the
renderer draws exactly these faces and so gives exactly these warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import event_dates
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.domain.tokens import make_token
from hildprint.core.layout.fonts import FontSet, bundled_fonts, fonts_preferring
from hildprint.core.layout.geometry import mm
from hildprint.core.layout.qr import QRMatrix, encode, mecard
from hildprint.core.layout.stock import Stock
from hildprint.core.layout.template import EXTRA_PLACEHOLDER, PLACEHOLDER, Box, Layout, Template
from hildprint.core.layout.text import FittedText, fit_text, fit_whole

SIDES = ("front", "duplex", "fold")
BLEED_MM = 3.0
MIN_MODULE_MM = 0.4
MAX_TOKEN_VERSION = 10
"""Plain ids of up to about 40 characters fit version 4; a long or non-ASCII id (written
in base32) needs a denser code, which still scans while its modules are MIN_MODULE_MM."""

Values = dict[str, dict[str, str]]
"""Placeholder values by group and field: ``values["attendee"]["name"]``."""


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


def preflight(attendees: list[Attendee], fonts: FontSet | None = None) -> list[BadgeWarning]:
    """Everyone whose name or affiliation has a character no bundled font can print."""
    fonts = fonts or bundled_fonts()
    warnings = []
    for person in attendees:
        for label, text in (("name", person.name), ("affiliation", person.affiliation)):
            missing = fonts.missing(text)
            if missing:
                shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:5])
                warnings.append(BadgeWarning(person.id, person.name,
                                             f"{label} has characters no bundled font can print: {shown}"))
    return warnings


def fill_in(text: str, values: Values) -> str:
    """Replace ``{group.field}`` placeholders with their values."""
    if "{" not in text:
        return text
    text = EXTRA_PLACEHOLDER.sub(lambda m: str(values.get("extra", {}).get(m.group(1), "")), text)
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), {}).get(m.group(2), "")), text)


@dataclass(frozen=True)
class Placement:
    """One badge face on a page: whose, which side, its top-left corner (mm from the
    page's top-left), and whether it is turned upside down (the back of a fold-over)."""

    person: Attendee
    side: str
    slot: tuple[float, float]
    upside_down: bool = False


@dataclass(frozen=True)
class SheetPage:
    """One printed page: the faces on it in drawing order, and the marks it carries."""

    placements: tuple[Placement, ...]
    crop_marks: bool
    fold_lines: bool = False


@dataclass(frozen=True)
class Item:
    """One box of a face, filled in: its colour, and its fitted text or its QR code."""

    box: Box
    color: str
    text: FittedText | None = None
    qr: QRMatrix | None = None


@dataclass(frozen=True)
class Face:
    """One person's side of a badge: the boxes that differ from person to person (the
    boxes shared by every badge are :meth:`BadgeLayout.static_items`), and its warnings."""

    items: tuple[Item, ...]
    warnings: tuple[BadgeWarning, ...]


class BadgeLayout:
    """The badge design of one run: one event, one set of options."""

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
        self.role_layouts: dict[str, Layout] = {role: options.template.layout_for(stock, role)
                                                for role in options.template.role_layouts}
        self.fonts = bundled_fonts()
        self.event_values = {
            "name": event.name, "dates": event_dates(event), "venue": event.venue,
            "code": event.code, "url": event.url,
        }
        self.bleed = self._uniform_bleed() if options.marks else 0.0
        self._dynamic = {(role, side): tuple(b for b in self.boxes(side, role) if not b.static)
                         for role in ("", *self.role_layouts) for side in ("front", "back")}

    # -- sheets and pages -------------------------------------------------------------
    def sheets(self, people: list[Attendee]) -> Iterator[list[Attendee]]:
        """``people`` cut into the groups that share one sheet."""
        per_sheet = self.options.badges_per_sheet
        for start in range(0, len(people), per_sheet):
            yield people[start:start + per_sheet]

    def sheet_pages(self, group: list[Attendee]) -> list[SheetPage]:
        """The pages one sheet of ``group`` prints on: the front, and the back when duplex
        (mirrored for a long-edge flip); a fold-over sheet has each back below its front."""
        stock, marks = self.stock, self.options.marks
        slots = stock.slots()
        if self.options.sides == "fold":
            fronts = [s for i, s in enumerate(slots) if (i // stock.columns) % 2 == 0]
            backs = [s for i, s in enumerate(slots) if (i // stock.columns) % 2 == 1]
            placed = [face for person, front, back in zip(group, fronts, backs)
                      for face in (Placement(person, "front", front), Placement(person, "back", back, True))]
            return [SheetPage(tuple(placed), marks, fold_lines=True)]
        pages = [SheetPage(tuple(Placement(p, "front", s) for p, s in zip(group, slots)), marks)]
        if self.options.sides == "duplex":
            pages.append(SheetPage(tuple(Placement(p, "back", s) for p, s in zip(group, stock.mirrored_slots())),
                                   crop_marks=False))
        return pages

    # -- faces ------------------------------------------------------------------------
    def design_role(self, person: Attendee) -> str:
        """The role whose own design ``person``'s badge has ("" for the common design)."""
        return person.role if person.role in self.role_layouts else ""

    def boxes(self, side: str, role: str = "") -> tuple[Box, ...]:
        """Every box of one side of a role's design (the common one for ""), in drawing order."""
        layout = self.role_layouts.get(role, self.layout)
        return layout.front if side == "front" else layout.back

    def static_items(self, side: str, role: str = "") -> list[Item]:
        """The boxes of ``side`` that look the same on every badge of the event (with the
        design of ``role``), filled in."""
        values = {"event": self.event_values}
        return [self._item(box, values, None)[0] for box in self.boxes(side, role) if box.static]

    def face(self, person: Attendee, side: str) -> Face:
        """``person``'s boxes on ``side`` (those shared by everyone left out) and the
        warnings they give."""
        values = self.values(person)
        items, warnings = [], []
        for box in self._dynamic[(self.design_role(person), side)]:
            if not _applies(box, person):
                continue
            parts = first_large_parts(box, person)
            for index, part in enumerate(parts):
                if index:  # the family name stays smaller than the first name printed above it
                    part = _capped(part, items[-1].text.size * FAMILY_SCALE)
                item, warning = self._item(part, values, person)
                items.append(item)
                if warning:
                    warnings.append(warning)
        return Face(tuple(items), tuple(warnings))

    def box_items(self, side: str, person: Attendee) -> list[tuple[int, list[Item]]]:
        """Every box of ``side`` that applies to ``person``, by its index, filled in (a
        first-name-large name box gives one item per part); for previews."""
        values = self.values(person)
        filled = []
        for index, box in enumerate(self.boxes(side, self.design_role(person))):
            if box.static or _applies(box, person):
                items: list[Item] = []
                for number, part in enumerate(first_large_parts(box, person)):
                    if number:
                        part = _capped(part, items[-1].text.size * FAMILY_SCALE)
                    items.append(self._item(part, values, person)[0])
                filled.append((index, items))
        return filled

    def values(self, person: Attendee) -> Values:
        """The placeholder values for ``person``'s badge."""
        return {
            "event": self.event_values,
            "attendee": {
                "name": person.name, "first_name": person.first_name, "last_name": person.last_name,
                "affiliation": person.affiliation, "role": person.role, "id": person.id,
                "country": person.country, "email": person.email,
            },
            "role": {"color": self.options.template.role_color(person.role), "label": person.role or "Attendee"},
            "extra": person.extra,
        }

    def qr_for(self, person: Attendee, content: str) -> QRMatrix:
        """The QR code of ``content`` ("token" or "contact") for ``person``."""
        if content == "contact":
            return encode(mecard(person.name, person.email, person.affiliation), "L")
        try:
            return encode(make_token(self.event, person.id), "M", MAX_TOKEN_VERSION)
        except ValueError as error:
            if isinstance(error, HildprintError):
                raise
            raise BadgeError(f"id {person.id[:40]!r} ({person.name}) is too long for a badge's QR code; "
                             "give this person a shorter id") from error

    def _item(self, box: Box, values: Values, person: Attendee | None) -> tuple[Item, BadgeWarning | None]:
        color = fill_in(box.fill or box.color, values) if box.type == "rect" else fill_in(box.color, values)
        if box.type == "text":
            return self._text_item(box, values, person, color)
        if box.type == "qr" and person is not None:
            matrix = self.qr_for(person, box.content)
            module_mm = box.w / matrix.total_modules()
            warning = None
            if module_mm < MIN_MODULE_MM - 1e-9:
                warning = BadgeWarning(person.id, person.name, f"QR modules are {module_mm:.2f} mm on this "
                                       f"stock; scanners need at least {MIN_MODULE_MM} mm")
            return Item(box, color, qr=matrix), warning
        return Item(box, color), None

    def _fonts_of(self, box: Box) -> FontSet:
        """The fonts a text box prints in: its chosen family first, if it has one."""
        return fonts_preferring(box.font) if box.font else self.fonts

    def _text_item(self, box: Box, values: Values, person: Attendee | None,
                   color: str) -> tuple[Item, BadgeWarning | None]:
        text = fill_in(box.text, values)
        if box.upper:
            text = text.upper()
        if box.whole:
            fitted = fit_whole(text, mm(box.w), mm(box.h), box.size, box.min_size, self.stock.name_floor,
                               box.bold, box.max_lines, self._fonts_of(box))
        else:
            fitted = fit_text(text, mm(box.w), mm(box.h), box.size, box.min_size, box.bold, box.max_lines,
                              self._fonts_of(box))
        warning = None
        if box.report and person is not None:
            warning = _fit_warning(person, box, fitted)
        return Item(box, color, text=fitted), warning

    # -- warnings without a PDF -------------------------------------------------------
    def sheet_warnings(self, group: list[Attendee]) -> list[BadgeWarning]:
        """The warnings of one sheet's faces, in the order printing gives them (a run's
        warnings are :func:`preflight`'s, then these, sheet after sheet)."""
        return [warning for page in self.sheet_pages(group) for placed in page.placements
                for warning in self.face(placed.person, placed.side).warnings]

    # -- cutting ----------------------------------------------------------------------
    def _uniform_bleed(self) -> float:
        stock = self.stock
        room = [BLEED_MM]
        if stock.columns > 1:
            room.append((stock.pitch_x - stock.badge_width) / 2)
        if stock.rows > 1:
            room.append((stock.pitch_y - stock.badge_height) / 2)
        room += [stock.left, stock.top, self.margin_right(), self.margin_bottom()]
        return max(0.0, min(room))

    def margin_right(self) -> float:
        """The page's margin right of the last column of badges (mm)."""
        stock = self.stock
        return stock.page_width - (stock.left + (stock.columns - 1) * stock.pitch_x + stock.badge_width)

    def margin_bottom(self) -> float:
        """The page's margin below the last row of badges (mm)."""
        stock = self.stock
        return stock.page_height - (stock.top + (stock.rows - 1) * stock.pitch_y + stock.badge_height)

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


FIRST_SHARE = 0.6
"""The share of a "first_large" name box the first name takes (the family name has the rest)."""
FAMILY_SCALE = 0.7
"""The family name's largest size in a "first_large" name box, as a share of the first
name's (as the template sets it, and as it printed)."""


def first_large_parts(box: Box, person: Attendee) -> tuple[Box, ...]:
    """The boxes a name box prints as for ``person``: itself, or for a "first_large" box
    and a person with a first and a family name, the first name above the family name."""
    if box.name_style != "first_large" or not (person.first_name and person.last_name):
        return (box,)
    first_h = box.h * FIRST_SHARE
    first = replace(box, h=first_h, text="{attendee.first_name}", name_style="")
    family = replace(box, y=box.y + first_h, h=box.h - first_h, text="{attendee.last_name}", name_style="",
                     size=box.size * FAMILY_SCALE, min_size=box.min_size * FAMILY_SCALE)
    return first, family


def _capped(box: Box, size: float) -> Box:
    """``box`` with its type size at most ``size`` (its minimum lowered with it)."""
    return replace(box, size=min(box.size, size), min_size=min(box.min_size, size))


def _fit_warning(person: Attendee, box: Box, fitted: FittedText) -> BadgeWarning | None:
    """A warning when the text of a reported box was shortened, or set below the
    template's minimum size (as a name may be, to print whole)."""
    shown = " / ".join(line.text for line in fitted.lines)
    if fitted.shortened:
        message = f"shortened to fit its box at {fitted.size:.1f} pt: {shown!r}"
    elif fitted.size < box.min_size - 0.05:
        message = (f"printed at {fitted.size:.1f} pt, below the template's {box.min_size:.1f} pt, "
                   f"to fit whole: {shown!r}")
    else:
        return None
    return BadgeWarning(person.id, person.name, message)


def _applies(box: Box, person: Attendee) -> bool:
    if box.when == "consent":
        return person.consent_contact_qr
    if box.when == "no_consent":
        return not person.consent_contact_qr
    return True
