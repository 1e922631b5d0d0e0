"""Text that fits its box: shrink to fit, wrap at a space, shorten with an ellipsis last.

:func:`fit_text` decides the size and the lines; :func:`fit_whole` does it for text that
must never be shortened (a person's name): more lines, then hyphenation, then a smaller
floor size come before any ellipsis; :func:`draw_text` puts them on a
reportlab canvas inside the box. Both work for any box, so badges, signs and labels share
them. Right-to-left runs (Arabic) are shaped with HarfBuzz through reportlab's
``shapeStr`` and placed in visual order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr

from hildprint.core.layout.fonts import FontSet, Run, bundled_fonts
from hildprint.core.layout.hyphenation import is_marker, mark_breaks, visible

ELLIPSIS = "…"
LINE_GAP = 1.08
"""Baseline-to-baseline distance as a multiple of the tallest line's extent."""
WRAP_GAIN = 1.25
"""Two lines are used instead of one that fits when they make the text this much larger."""
WHOLE_LINES = 3
"""Lines text that must stay whole may use before it is set below its minimum size."""


@dataclass(frozen=True)
class Line:
    """One line of text: its runs in visual (left-to-right) order, its width at 1 pt,
    and how far it reaches above and below the baseline (fractions of the size)."""

    text: str
    runs: tuple[Run, ...]
    width: float
    top: float
    bottom: float


@dataclass(frozen=True)
class FittedText:
    """Text laid out for a box: the lines, the font size, and whether it was shortened."""

    text: str
    lines: tuple[Line, ...]
    size: float
    shortened: bool = False

    @property
    def pitch(self) -> float:
        """Baseline-to-baseline distance at 1 pt."""
        return max((line.top + line.bottom for line in self.lines), default=1.0) * LINE_GAP

    def height(self) -> float:
        """Height of the block of lines in points."""
        if not self.lines:
            return 0.0
        return self.size * (self.lines[0].top + (len(self.lines) - 1) * self.pitch + self.lines[-1].bottom)

    def width(self) -> float:
        """Width of the widest line in points."""
        return self.size * max((line.width for line in self.lines), default=0.0)


# -- measuring -------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _shaped(text: str, font: str) -> str:
    return shapeStr(text, font, 1000)


def run_text(run: Run) -> str:
    """What to hand to ``drawString`` for a run: shaped glyphs for right-to-left runs."""
    return _shaped(run.text, run.font) if run.rtl else run.text


@lru_cache(maxsize=16384)
def _run_width(text: str, font: str, rtl: bool) -> float:
    if rtl:
        return stringWidth(_shaped(text, font), font, 1000) / 1000
    return stringWidth(text, font, 1)


def visual_order(runs: list[Run], direction: str = "auto") -> list[Run]:
    """Order runs for display: a right-to-left line (``direction`` "rtl", or "auto" and
    starting with right-to-left text) reads from the right, so its runs are laid out in
    reverse; a left-to-right line keeps them in reading order."""
    if direction != "auto":
        return list(reversed(runs)) if direction == "rtl" else runs
    for run in runs:
        for char in run.text:
            direction = unicodedata.bidirectional(char)
            if direction in ("R", "AL"):
                return list(reversed(runs))
            if direction == "L":
                return runs
    return runs


def make_line(text: str, fonts: FontSet | None = None, bold: bool = False, direction: str = "auto") -> Line:
    """Measure ``text`` as one line (``direction``: "auto", "ltr" or "rtl")."""
    return _make_line(text, fonts or bundled_fonts(), bold, direction)


@lru_cache(maxsize=16384)
def _make_line(text: str, fonts: FontSet, bold: bool, direction: str = "auto") -> Line:
    runs = visual_order(fonts.runs(text, bold), direction)
    width = sum(_run_width(r.text, r.font, r.rtl) for r in runs)
    bottom = max((r.face.descent for r in runs), default=0.25)
    top = max((max(r.face.ink_top, 1 - r.face.descent) for r in runs), default=0.8)
    return Line(text, tuple(runs), width, top, bottom)


# -- fitting ---------------------------------------------------------------------------
def fit_text(
    text: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    bold: bool = False,
    max_lines: int = 2,
    fonts: FontSet | None = None,
    direction: str = "auto",
) -> FittedText:
    """Lay out ``text`` in a box ``width`` x ``height`` points.

    The largest size up to ``max_size`` that fits on one line is used. The text wraps
    (at a space, or between CJK characters) when that is needed to stay at or above
    ``min_size``, or when more lines print it at least a quarter larger; up to two lines
    are chosen among every split, more by greedy filling. When even ``max_lines`` lines
    stay under ``min_size``, the text is set at ``min_size`` and shortened with an
    ellipsis (``shortened`` is then True). ``direction`` ("auto", "ltr", "rtl") orders
    mixed-script lines; "ltr" suits lists of names in a left-to-right document.
    """
    measure = _measurer(fonts or bundled_fonts(), bold, direction)
    clean = " ".join(text.split())
    if not clean or width <= 0 or height <= 0:
        return FittedText(text, (), max_size)
    best = _best_fit(text, clean, width, height, max_size, min_size, max_lines, measure)
    if best.size >= min_size:
        return best
    return _shorten(text, clean, width, height, min_size, max_lines, measure)


def fit_whole(
    text: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    floor: float,
    bold: bool = False,
    max_lines: int = 2,
    fonts: FontSet | None = None,
) -> FittedText:
    """Lay out text that must print whole, such as a name, in a box ``width`` x
    ``height`` points.

    In turn, until the text fits at ``min_size`` or more: as :func:`fit_text` does; on up
    to :data:`WHOLE_LINES` lines; with each word too wide for the box at ``min_size``
    broken at its hyphenation points. Then the same, down to ``floor`` points (below
    ``min_size``: callers say so). Only when even that does not fit is the text broken
    between any two letters and, last of all, shortened at ``floor``.
    """
    measure = _measurer(fonts or bundled_fonts(), bold, "auto")
    clean = " ".join(text.split())
    if not clean or width <= 0 or height <= 0:
        return FittedText(text, (), max_size)
    floor = min(floor, min_size)
    lines = max(max_lines, WHOLE_LINES)
    best = _best_fit(text, clean, width, height, max_size, min_size, max_lines, measure)
    if best.size >= min_size:
        return best
    too_wide_at = lambda size: lambda word: measure(word).width * size > width  # noqa: E731
    hyphenated = mark_breaks(clean, too_wide_at(min_size))
    attempts = ((clean, max_size, min_size), (hyphenated, max_size, min_size), (hyphenated, min_size, floor),
                (mark_breaks(clean, too_wide_at(floor), everywhere=True), min_size, floor))
    for marked, top, bottom in attempts:
        best = _best_fit(text, marked, width, height, top, bottom, lines, measure)
        if best.size >= bottom - 1e-6:
            return best
    return _shorten(text, attempts[-1][0], width, height, floor, lines, measure)


def _measurer(fonts: FontSet, bold: bool, direction: str) -> Measure:
    """Measures a piece of a line as it prints (break markers gone, a hyphen at a break)."""
    return lambda piece: _make_line(visible(piece), fonts, bold, direction)


def _best_fit(text: str, clean: str, width: float, height: float, max_size: float, min_size: float,
              max_lines: int, measure: Measure) -> FittedText:
    """The largest fit of ``clean`` on up to ``max_lines`` lines (its size may be under
    ``min_size`` when nothing reaches it)."""
    single = _fit_lines(text, (measure(clean),), width, height, max_size)
    if single.size >= max_size or max_lines < 2:
        best = single
    elif max_lines == 2:
        best = max((_fit_lines(text, pair, width, height, max_size) for pair in _two_line_splits(clean, measure)),
                   key=lambda f: f.size, default=single)
    else:
        best = _fit_many_lines(text, clean, width, height, max_size, min_size, max_lines, measure) or single
    if single.size >= min_size and best.size < single.size * WRAP_GAIN:
        best = single
    return best


Measure = Callable[[str], Line]
"""Measures a piece of text as one line, in a given font style and direction."""


def _fit_many_lines(text: str, clean: str, width: float, height: float, max_size: float, min_size: float,
                    max_lines: int, measure: Measure) -> FittedText | None:
    """The largest size at which greedy wrapping gives at most ``max_lines`` lines that
    fit the box (found by bisection); None when even ``min_size`` does not fit."""
    def attempt(size: float) -> FittedText | None:
        lines = _greedy_wrap(clean, width / size, measure)
        if lines is None or len(lines) > max_lines:
            return None
        fitted = _fit_lines(text, tuple(lines), width, height, size)
        return fitted if fitted.size >= size - 1e-6 else None

    best = attempt(min_size)
    if best is None:
        return None
    low, high = min_size, max_size
    for _ in range(14):
        middle = (low + high) / 2
        candidate = attempt(middle)
        if candidate is None:
            high = middle
        else:
            best, low = candidate, middle
    return best


def _greedy_wrap(text: str, room: float, measure: Measure) -> list[Line] | None:
    """Fill lines of ``room`` (width at 1 pt) word by word; None if one word is too wide."""
    lines = []
    rest = text
    while rest:
        head, rest = _take_fitting(rest, room, measure)
        if not head:
            return None
        lines.append(measure(head))
    return lines


def _fit_lines(text: str, lines: tuple[Line, ...], width: float, height: float, max_size: float) -> FittedText:
    probe = FittedText(text, lines, 1.0)
    size = min(max_size, height / probe.height(), width / max(probe.width(), 1e-9))
    return FittedText(text, lines, size)


def break_points(text: str) -> list[int]:
    """Where ``text`` may wrap: after a space, between two CJK characters, or at a marked
    hyphenation point."""
    points = []
    for index in range(1, len(text)):
        before, after = text[index - 1], text[index]
        if before == " " or is_marker(before) or (_is_cjk(before) and _is_cjk(after)):
            points.append(index)
    return points


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF


def _two_line_splits(text: str, measure: Measure):
    for point in break_points(text):
        first, second = text[:point].rstrip(), text[point:].lstrip()
        if first and second:
            yield measure(first), measure(second)


def _shorten(text: str, clean: str, width: float, height: float, min_size: float, max_lines: int,
             measure: Measure) -> FittedText:
    one = measure(clean)
    size = min(min_size, height / (one.top + one.bottom))
    room = width / size
    lines: list[Line] = []
    rest = clean
    while rest and len(lines) < max_lines - 1:
        head, rest = _take_fitting(rest, room, measure)
        if not head:
            break
        lines.append(measure(head))
        candidate = FittedText(text, tuple(lines) + (one,), size)
        if candidate.height() > height:
            lines.pop()
            rest = clean if not lines else rest
            break
    if rest:
        lines.append(_with_ellipsis(rest, room, measure))
    # the ellipsis may come from a taller face than the text it shortens
    size = min(size, height / FittedText(text, tuple(lines), 1.0).height())
    return FittedText(text, tuple(lines), size, shortened=True)


def _take_fitting(text: str, room: float, measure: Measure) -> tuple[str, str]:
    """The longest head of ``text`` ending at a break point that fits in ``room``."""
    head = ""
    for point in break_points(text) + [len(text)]:
        candidate = text[:point].rstrip()
        if measure(candidate).width > room:
            break
        head = candidate
    return head, text[len(head):].lstrip()


def _with_ellipsis(text: str, room: float, measure: Measure) -> Line:
    line = measure(text)
    if line.width <= room:
        return line
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + ELLIPSIS).width <= room:
            low = middle
        else:
            high = middle - 1
    return measure(text[:low].rstrip() + ELLIPSIS)


# -- drawing ---------------------------------------------------------------------------
def draw_text(canvas, fitted: FittedText, x: float, y: float, width: float, height: float,
              align: str = "center", valign: str = "middle", color=None) -> None:
    """Draw fitted text in the box whose lower-left corner is (x, y), in points, in
    ``color`` (a reportlab colour; the canvas's fill colour when None)."""
    if not fitted.lines:
        return
    if color is not None:
        canvas.setFillColor(color)
        canvas.setStrokeColor(color)
    size = fitted.size
    block = fitted.height()
    top = {"top": y + height, "bottom": y + block}.get(valign, y + (height + block) / 2)
    baseline = top - fitted.lines[0].top * size
    for line in fitted.lines:
        line_width = line.width * size
        left = {"left": x, "right": x + width - line_width}.get(align, x + (width - line_width) / 2)
        for run in line.runs:
            canvas.setFont(run.font, size)
            if run.embolden:
                _draw_emboldened(canvas, left, baseline, run, size)
            else:
                canvas.drawString(left, baseline, run_text(run))
            left += _run_width(run.text, run.font, run.rtl) * size
        baseline -= fitted.pitch * size


EMBOLDEN = 0.035
"""Outline width, as a share of the size, that makes a regular face look bold."""


def _draw_emboldened(canvas, x: float, y: float, run: Run, size: float) -> None:
    """Bold text in a face with no bold file: the glyphs filled and outlined (in the
    stroke colour, which :func:`draw_text` sets to the text colour)."""
    text = canvas.beginText(x, y)
    text.setFont(run.font, size)
    text.setTextRenderMode(2)  # fill and stroke the glyphs
    canvas.saveState()
    canvas.setLineWidth(size * EMBOLDEN)
    canvas.setLineJoin(1)
    text.textOut(run_text(run))
    canvas.drawText(text)
    canvas.restoreState()
