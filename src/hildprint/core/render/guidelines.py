"""Poster guidelines for authors: one sheet saying what to print and how it is hung.

The venue's size rule is drawn to scale beside the sizes authors usually have (A0, A1,
36 x 48 in), each with a tick or a cross and, when it does not fit, the scale that makes
it fit. The virtual upload rules follow, then how posters are hung, then a QR code to
the venue's own instructions. Made per paper, the sheet also gives that paper's board
and session time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.eventtime import event_dates
from hildprint.core.domain.model import Event, Paper, Session
from hildprint.core.domain.rules import RuleSet, load_rules
from hildprint.core.layout.fonts import bundled_fonts
from hildprint.core.layout.geometry import INCH_MM, mm, paper_size
from hildprint.core.render.common import (
    GREY,
    NAVY,
    Rendered,
    joined,
    poster_session_line,
    text_in_box,
)
from hildprint.core.render.qr import draw_qr, encode
from hildprint.core.validate.size import scale_to_fit, scaled_text

ICML_INSTRUCTIONS = "https://icml.cc/Conferences/2025/PosterInstructions"
GREEN = HexColor("#1E7B34")
RED = HexColor("#B3261E")
ALLOWED_FILL = HexColor("#DCEFD9")
MARGIN_MM = 16.0
MOUNTINGS = {
    "tape": "Posters are fixed to the boards with mounting tape, which is provided at the poster "
            "area. Please do not use pins.",
    "pins": "Posters are pinned to the boards; push pins are provided at the poster area. "
            "Please do not use tape.",
}


VIRTUAL_RULES = ("icml-virtual-poster", "icml-virtual-thumbnail")


def rule_words(rule: RuleSet) -> str:
    """"at most 24 in wide x 36 in high (61 x 91 cm), portrait"."""
    cm = lambda inches: f"{inches * INCH_MM / 10:.0f}"  # noqa: E731
    text = f"{rule.limit_text()} ({cm(rule.max_width_in)} x {cm(rule.max_height_in)} cm)"
    return text + (f", {rule.orientation}" if rule.orientation != "any" else "")


def virtual_words(rule: RuleSet) -> str:
    """"ICML virtual poster: a PNG image, at most 5120 x 2880 px and 10 MB, landscape, on a
    solid background"."""
    parts = [f"{rule.title}: a {'/'.join(f.upper() for f in rule.formats)} image, {rule.limit_text()}"]
    if rule.max_bytes:
        parts[0] += f" and {rule.max_bytes / (1024 * 1024):g} MB"
    if rule.orientation != "any":
        parts.append(rule.orientation)
    if rule.solid_background:
        parts.append("on a solid background")
    return ", ".join(parts) + "."


@dataclass(frozen=True)
class CommonSize:
    """A poster size authors often have, portrait (width < height), in inches."""

    name: str
    width_in: float
    height_in: float


COMMON_SIZES = (
    CommonSize("A0", 841 / INCH_MM, 1189 / INCH_MM),
    CommonSize("A1", 594 / INCH_MM, 841 / INCH_MM),
    CommonSize("36 x 48 in", 36, 48),
)


@dataclass(frozen=True)
class Fit:
    """How a poster of some size meets a rule: whether it fits as it is, else at what
    scale it would (the scale keeps proportions)."""

    fits: bool
    scale: float
    width_in: float
    height_in: float

    def words(self) -> str:
        """"fits" or "too large: prints at 72.5 % as 24.0 x 33.9 in"."""
        if self.fits:
            return "fits"
        return "too large: " + scaled_text(self.width_in, self.height_in, self.scale, "in")


def fit(rule: RuleSet, width_in: float, height_in: float) -> Fit:
    """Whether a ``width_in`` x ``height_in`` poster meets ``rule`` (oriented as given)."""
    allowed_w, allowed_h = rule.max_width_in + rule.tolerance_in, rule.max_height_in + rule.tolerance_in
    scale = min(scale_to_fit(width_in, height_in, rule), 1.0)
    return Fit(width_in <= allowed_w and height_in <= allowed_h, scale, width_in, height_in)


def oriented(size: CommonSize, rule: RuleSet) -> tuple[float, float]:
    """A common size turned the way the rule asks for (portrait unless landscape)."""
    small, large = sorted((size.width_in, size.height_in))
    return (large, small) if rule.orientation == "landscape" else (small, large)


@dataclass(frozen=True)
class PaperSheet:
    """What a per-paper sheet adds: the paper, its board and its session."""

    paper: Paper
    session: Session | None = None


@dataclass
class GuidelineOptions:
    """How to make the sheets."""

    rule: RuleSet = field(default_factory=load_rules)
    virtual: tuple[RuleSet, ...] = field(default_factory=lambda: tuple(map(load_rules, VIRTUAL_RULES)))
    mounting: str = "tape"
    paper: str = "A4"


class GuidelineError(HildprintError, ValueError):
    """Sheets that cannot be made (unknown mounting, no papers); the message says why."""


def guidelines(event: Event, stream: BinaryIO, options: GuidelineOptions | None = None,
               sheets: list[PaperSheet] | None = None) -> Rendered:
    """Draw the general sheet, or one sheet per paper when ``sheets`` is given."""
    options = options or GuidelineOptions()
    if options.mounting not in MOUNTINGS:
        raise GuidelineError(f"unknown mounting {options.mounting!r}; use {' or '.join(MOUNTINGS)}")
    if sheets is not None and not sheets:
        raise GuidelineError("no papers to make sheets for; import papers first")
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets or [None]):
        if index:
            story.append(PageBreak())
        story += _sheet(event, options, sheet)
    document = _document(stream, event, options.paper)
    document.build(story)
    return Rendered(pages=document.page)


def _document(stream: BinaryIO, event: Event, paper: str) -> BaseDocTemplate:
    width, height = (mm(v) for v in paper_size(paper))
    margin = mm(MARGIN_MM)
    document = BaseDocTemplate(stream, pagesize=(width, height), leftMargin=margin, rightMargin=margin,
                               topMargin=margin + mm(10), bottomMargin=margin,
                               title=f"{event.name} poster guidelines", creator="hildprint")
    frame = Frame(margin, margin, width - 2 * margin, height - 2 * margin - mm(10), id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates(PageTemplate("sheet", [frame], onPage=lambda c, d: _band(c, d, event)))
    return document


def _band(canvas, document: BaseDocTemplate, event: Event) -> None:
    width, height = document.pagesize
    canvas.saveState()
    canvas.setFillColor(NAVY)
    canvas.rect(0, height - mm(18), width, mm(18), stroke=0, fill=1)
    margin = mm(MARGIN_MM)
    text_in_box(canvas, joined(event.name, event_dates(event)), margin, height - mm(15), width - 2 * margin,
                mm(12), 16, 8, bold=True, color=white)
    canvas.restoreState()


def _styles() -> dict[str, ParagraphStyle]:
    fonts = bundled_fonts().faces[0]
    body = ParagraphStyle("body", fontName=fonts.font_name(False), fontSize=10.5, leading=14,
                          alignment=TA_LEFT, spaceAfter=4)
    return {
        "body": body,
        "heading": ParagraphStyle("heading", parent=body, fontName=fonts.font_name(True), fontSize=13,
                                  leading=17, textColor=NAVY, spaceBefore=8, spaceAfter=4),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=GREY),
    }


def _sheet(event: Event, options: GuidelineOptions, sheet: PaperSheet | None) -> list[Flowable]:
    styles = _styles()
    rule = options.rule
    story: list[Flowable] = [FittedLine("Poster guidelines", 26, 14, bold=True, color=NAVY, height=mm(12))]
    if sheet is not None:
        story += _paper_block(event, sheet)
    story += [
        Paragraph("Size", styles["heading"]),
        Paragraph(escape(f"{rule.title}: {rule_words(rule)}. Please print at exactly the size you "
                         "designed for and check the size before you travel."), styles["body"]),
        SizeChart(rule),
        *([Paragraph("Virtual poster and thumbnail", styles["heading"])] if options.virtual else []),
        *[Paragraph("• " + escape(virtual_words(rule)), styles["body"]) for rule in options.virtual],
        Paragraph("Hanging your poster", styles["heading"]),
        Paragraph(escape(MOUNTINGS[options.mounting]), styles["body"]),
        Spacer(0, mm(3)),
        KeepTogether([QRBlock(rule.source, "The venue's full poster instructions")]),
    ]
    if rule.note:
        story.append(Paragraph(escape(rule.note), styles["small"]))
    return story


def _paper_block(event: Event, sheet: PaperSheet) -> list[Flowable]:
    paper = sheet.paper
    where = f"Board {paper.board}" if paper.board else "Board to be announced"
    if paper.session:
        where += " · " + poster_session_line(paper, sheet.session, event)
    number = f"Paper {paper.number}: " if paper.number is not None else ""
    return [
        FittedLine(where, 16, 9, bold=True, color=NAVY, height=mm(9)),
        FittedLine(number + paper.title, 13, 8, height=mm(13), max_lines=2),
    ]


class FittedLine(Flowable):
    """Text fitted to the frame's width with the bundled fonts (any script), up to
    ``max_lines`` lines in a box ``height`` points high."""

    def __init__(self, text: str, max_size: float, min_size: float, bold: bool = False,
                 color: Color | None = None, height: float = 20.0, max_lines: int = 1):
        super().__init__()
        self.text, self.max_size, self.min_size = text, max_size, min_size
        self.bold, self.color, self.box_height, self.max_lines = bold, color, height, max_lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the frame's whole width; return the size this flowable needs."""
        self.width = available_width
        return available_width, self.box_height

    def draw(self) -> None:
        """Draw the fitted text at the top of the box."""
        text_in_box(self.canv, self.text, 0, 0, self.width, self.box_height, self.max_size, self.min_size,
                    bold=self.bold, max_lines=self.max_lines, color=self.color, valign="top")


class SizeChart(Flowable):
    """The allowed area and the common sizes, all drawn at one scale, bottoms aligned,
    each with a tick or a cross and what it would take to fit."""

    HEIGHT_MM = 92.0
    CAPTION_MM = 20.0

    def __init__(self, rule: RuleSet, sizes: tuple[CommonSize, ...] = COMMON_SIZES):
        super().__init__()
        self.rule, self.sizes = rule, sizes

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the frame's whole width; return the size this flowable needs."""
        self.width = available_width
        figures = self.figures()
        slot = available_width / len(figures)
        tallest = max(f[2] for f in figures)
        self.scale = min(mm(self.HEIGHT_MM - self.CAPTION_MM - 8) / tallest,
                         (slot - mm(6)) / max(f[1] for f in figures))
        return available_width, tallest * self.scale + mm(self.CAPTION_MM + 8)

    def figures(self) -> list[tuple[str, float, float, Fit | None]]:
        """(label, width in, height in, fit or None for the allowed area) left to right."""
        rule = self.rule
        figures: list[tuple[str, float, float, Fit | None]] = [
            ("Allowed", rule.max_width_in, rule.max_height_in, None)]
        for size in self.sizes:
            width, height = oriented(size, rule)
            figures.append((size.name, width, height, fit(rule, width, height)))
        return figures

    def draw(self) -> None:
        """Draw each figure to scale with its caption."""
        figures = self.figures()
        slot = self.width / len(figures)
        scale = self.scale
        base = mm(self.CAPTION_MM)
        for index, (label, width_in, height_in, result) in enumerate(figures):
            centre = slot * (index + 0.5)
            self._figure(centre, base, width_in * scale, height_in * scale, scale, result)
            self._caption(label, width_in, height_in, result, slot * index, slot)

    def _figure(self, centre: float, base: float, width: float, height: float, scale: float,
                result: Fit | None) -> None:
        canvas = self.canv
        allowed_w, allowed_h = self.rule.max_width_in * scale, self.rule.max_height_in * scale
        canvas.saveState()
        if result is None:
            canvas.setFillColor(ALLOWED_FILL)
            canvas.setStrokeColor(GREEN)
            canvas.setLineWidth(1.2)
            canvas.rect(centre - width / 2, base, width, height, stroke=1, fill=1)
        else:
            canvas.setStrokeColor(HexColor("#333333"))
            canvas.setLineWidth(1)
            canvas.rect(centre - width / 2, base, width, height, stroke=1, fill=0)
            canvas.setStrokeColor(GREEN)
            canvas.setDash(3, 2)
            canvas.rect(centre - allowed_w / 2, base, allowed_w, allowed_h, stroke=1, fill=0)
            canvas.setDash()
            mark_y = base + max(height, allowed_h) + mm(3)
            (_tick if result.fits else _cross)(canvas, centre, mark_y, mm(6))
        canvas.restoreState()

    def _caption(self, label: str, width_in: float, height_in: float, result: Fit | None,
                 x: float, width: float) -> None:
        size = f"{label}: {width_in:.1f} x {height_in:.1f} in"
        verdict = "the largest poster allowed" if result is None else result.words()
        colour = GREEN if result is None or result.fits else RED
        text_in_box(self.canv, size, x + mm(1), mm(12), width - mm(2), mm(6), 9.5, 6, bold=True, align="center")
        text_in_box(self.canv, verdict, x + mm(1), 0, width - mm(2), mm(11), 8.5, 5.5, max_lines=2,
                    align="center", valign="top", color=colour)


def _tick(canvas, x: float, y: float, size: float) -> None:
    canvas.setStrokeColor(GREEN)
    canvas.setLineWidth(size * 0.18)
    canvas.setLineCap(1)
    path = canvas.beginPath()
    path.moveTo(x - size * 0.45, y + size * 0.5)
    path.lineTo(x - size * 0.1, y + size * 0.15)
    path.lineTo(x + size * 0.5, y + size * 0.9)
    canvas.drawPath(path, stroke=1, fill=0)


def _cross(canvas, x: float, y: float, size: float) -> None:
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(size * 0.18)
    canvas.setLineCap(1)
    half = size * 0.4
    canvas.line(x - half, y + size / 2 - half, x + half, y + size / 2 + half)
    canvas.line(x - half, y + size / 2 + half, x + half, y + size / 2 - half)


class QRBlock(Flowable):
    """A QR code to a web page with a caption and the address written out."""

    SIDE_MM = 30.0

    def __init__(self, url: str, caption: str):
        super().__init__()
        self.url, self.caption = url, caption

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Take the frame's whole width; return the size this flowable needs."""
        self.width = available_width
        return available_width, mm(self.SIDE_MM)

    def draw(self) -> None:
        """Draw the code, its caption and the address."""
        side = mm(self.SIDE_MM)
        draw_qr(self.canv, encode(self.url, "M"), 0, 0, side)
        left = side + mm(4)
        text_in_box(self.canv, self.caption, left, side / 2, self.width - left, mm(7), 12, 8, bold=True,
                    valign="bottom")
        text_in_box(self.canv, self.url, left, side / 2 - mm(8), self.width - left, mm(7), 10, 6,
                    color=GREY, valign="top", direction="ltr")
