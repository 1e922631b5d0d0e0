"""Checks of poster PDFs, read with pikepdf as a printer reads them.

The printed size is the TrimBox, else the CropBox, else the MediaBox (each clipped to the
one it lies in), times the page's ``/UserUnit``, turned by ``/Rotate``; MediaBox, CropBox
and Rotate are inherited from the page tree when a page does not carry them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.size import check_print_size

PT_PER_IN = 72.0
MAX_TREE_DEPTH = 64
MAX_FORM_DEPTH = 12
MAX_FORMS = 500
MIN_IMAGE_AREA_IN2 = 1.0
"""Images drawn smaller than this (logos, icons, bullets) are not judged for resolution."""

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
"""Every PDF reader and printer carries these fonts with the same metrics, so leaving them
out of the file does not move a character; they are not reported as missing."""

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class PageGeometryError(ValueError):
    """A page whose size cannot be read (no usable MediaBox)."""


@dataclass(frozen=True)
class PageSize:
    """A page's printed size in inches, after UserUnit and Rotate, and how it was found."""

    width_in: float
    height_in: float
    box: str
    user_unit: float
    rotate: int


# -- opening --------------------------------------------------------------------------------
def check_pdf(path: Path, rules: RuleSet, verdict: Verdict, quick: bool = False) -> None:
    """Check one PDF against ``rules``, adding findings to ``verdict``.

    With ``quick`` only the page count, size and orientation are checked (not images and fonts).
    """
    verdict.kind = "pdf"
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        verdict.add("error", "encrypted", "The PDF is protected by a password, so it cannot be "
                    "checked or printed. Save a copy without a password and send that.")
        return
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        verdict.add("error", "unreadable", f"The file cannot be read as a PDF ({_first_line(error, path)}). "
                    "Export the poster to PDF again.")
        return
    with pdf:
        _check_open_pdf(pdf, rules, verdict, quick)


def _check_open_pdf(pdf: pikepdf.Pdf, rules: RuleSet, verdict: Verdict, quick: bool) -> None:
    if pdf.is_encrypted and not _encryption_ok(pdf, verdict):
        return
    try:
        pages = pdf.pages
        verdict.pages = len(pages)
    except pikepdf.PdfError as error:
        verdict.add("error", "unreadable", f"The PDF's pages cannot be read ({_first_line(error, verdict.file)}).")
        return
    if not verdict.pages:
        verdict.add("error", "no-pages", "The PDF has no pages.")
        return
    if verdict.pages > 1:
        verdict.add("fail", "pages", f"The PDF has {verdict.pages} pages; a poster is a single page. "
                    "Send only the poster's page.")
    page = pages[0]
    try:
        size = page_size(page)
    except PageGeometryError as error:
        verdict.add("error", "no-page-size", f"The first page's size cannot be read: {error}.")
        return
    verdict.width_in, verdict.height_in = size.width_in, size.height_in
    if rules.printed:
        check_print_size(size.width_in, size.height_in, rules, verdict)
    else:
        verdict.add("fail", "wrong-format", f"This is a PDF; {rules.posters} must be "
                    f"{_formats(rules)} files. Export the poster as {_formats(rules)} "
                    f"({rules.limit_text()}).")
    if not quick:
        _check_content(pdf, page, size, rules, verdict)
    _check_active_content(pdf, verdict)
    _check_repairs(pdf, verdict)


ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "an action that starts a program"}
"""Actions a PDF can run when opened or clicked; a print shop opens every poster."""


def _check_active_content(pdf: pikepdf.Pdf, verdict: Verdict) -> None:
    """Warn about JavaScript and launch actions anywhere in the file."""
    found: set[str] = set()
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            _note_actions(obj, found)
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        found.add("JavaScript")
    if found:
        verdict.add("warn", "active-content", f"The PDF contains {' and '.join(sorted(found))}, which runs "
                    "when the file is opened or clicked. Print shops refuse such files: export the "
                    "poster again as a plain PDF (for example, print it to PDF).")


def _encryption_ok(pdf: pikepdf.Pdf, verdict: Verdict) -> bool:
    """An encrypted file that opens without a password is an error (print shops refuse
    protected files); it is still measured, so the author hears about its size as well,
    unless it does not even allow printing."""
    if not pdf.allow.print_highres and not pdf.allow.print_lowres:
        verdict.add("error", "encrypted", "The PDF is encrypted and does not allow printing. "
                    "Save a copy without protection and send that.")
        return False
    verdict.add("error", "encrypted", "The PDF is encrypted (it opens without a password but "
                "carries restrictions), and print shops refuse protected files. Save a copy without "
                "protection and send that.")
    return True


REPAIR_SIGNS = ("damaged", "reconstruct")
"""Words of qpdf's warnings when it had to rebuild a file to open it at all; its other
warnings are about defects every reader tolerates."""


def _check_repairs(pdf: pikepdf.Pdf, verdict: Verdict) -> None:
    path = verdict.file
    warnings = [_first_line(w, path) for w in pdf.get_warnings()]
    if any("bad_alloc" in w for w in warnings):
        verdict.add("error", "memory", "Reading the PDF needed more memory than allowed; it may be "
                    "built to exhaust memory. Export the poster again.")
        return
    repairs = [w for w in warnings if any(sign in w for sign in REPAIR_SIGNS)]
    if repairs:
        details = "; ".join(dict.fromkeys(repairs[:3]))
        verdict.add("warn", "repaired", f"The PDF is damaged and could only be opened after repair "
                    f"({details}). Export it again so that the printer reads the same poster you see.")
    elif warnings:
        verdict.add("info", "minor-defects", f"The PDF has {len(warnings)} small defect"
                    f"{'s' if len(warnings) > 1 else ''} that PDF readers tolerate ({warnings[0]}).")


def _check_content(pdf: pikepdf.Pdf, page: pikepdf.Page, size: PageSize, rules: RuleSet,
                   verdict: Verdict) -> None:
    try:
        walk = ContentWalk(size.user_unit)
        walk.page(page)
    except (pikepdf.PdfError, ValueError, TypeError, AttributeError) as error:
        verdict.add("warn", "content-unreadable", "Part of the page's content cannot be read "
                    f"({_first_line(error)}); images and fonts were not fully checked.")
        return
    _report_images(walk.images, rules, verdict)
    _report_fonts(walk.fonts, verdict)


def _note_actions(obj: pikepdf.Object, found: set[str]) -> None:
    """Add the active actions in ``obj`` and the dictionaries written inside it (an
    annotation's action is often not an object of its own) to ``found``."""
    pending, seen = [(obj, 0)], 0
    while pending and seen < 10_000:
        current, depth = pending.pop()
        seen += 1
        kind = current.get("/S")
        if kind is not None and str(kind) in ACTIVE_ACTIONS:
            found.add(ACTIVE_ACTIONS[str(kind)])
        elif "/JS" in current:
            found.add("JavaScript")
        if depth < 8:
            pending.extend((value, depth + 1) for value in _direct_children(current))


def _direct_children(obj: pikepdf.Object) -> list[pikepdf.Object]:
    children = []
    for value in (obj[key] for key in obj):
        if isinstance(value, pikepdf.Array) and not value.is_indirect:
            children.extend(v for v in value if isinstance(v, pikepdf.Dictionary) and not v.is_indirect)
        elif isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
            children.append(value)
    return children


def _first_line(error: object, path: object = None) -> str:
    """The first line of an error or warning, without the file's path qpdf puts in front."""
    lines = str(error).strip().splitlines()
    text = lines[0] if lines else type(error).__name__
    if path is not None and text.startswith(str(path)):
        text = text[len(str(path)):].lstrip(": ")
    return text[:200]


def _formats(rules: RuleSet) -> str:
    return " or ".join(f.upper() for f in rules.formats)


# -- page geometry -----------------------------------------------------------------------------
def _inherited(page: pikepdf.Dictionary, key: str) -> object | None:
    node: object = page
    for _ in range(MAX_TREE_DEPTH):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return None


def _box(value: object) -> tuple[float, float, float, float] | None:
    """A rectangle as (x0, y0, x1, y1), normalised; None unless four finite numbers."""
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    try:
        numbers = [float(v) for v in value]
    except (TypeError, ValueError):
        return None
    if not all(math.isfinite(n) for n in numbers):
        return None
    x0, y0, x1, y1 = numbers
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _clip(inner: tuple[float, ...] | None, outer: tuple[float, ...]) -> tuple[float, ...] | None:
    if inner is None:
        return None
    clipped = (max(inner[0], outer[0]), max(inner[1], outer[1]), min(inner[2], outer[2]), min(inner[3], outer[3]))
    return clipped if clipped[2] > clipped[0] and clipped[3] > clipped[1] else None


def page_size(page: pikepdf.Page) -> PageSize:
    """The printed size of ``page``: trim, crop or media box, UserUnit and Rotate applied."""
    obj = page.obj
    media = _box(_inherited(obj, "/MediaBox"))
    if media is None or media[2] - media[0] <= 0 or media[3] - media[1] <= 0:
        raise PageGeometryError("it has no valid MediaBox")
    crop = _clip(_box(_inherited(obj, "/CropBox")), media)
    trim = _clip(_box(obj.get("/TrimBox")), crop or media)
    box, name = (trim, "TrimBox") if trim else (crop, "CropBox") if crop else (media, "MediaBox")
    unit = _user_unit(obj.get("/UserUnit"))
    rotate = _rotation(_inherited(obj, "/Rotate"))
    width = (box[2] - box[0]) * unit / PT_PER_IN
    height = (box[3] - box[1]) * unit / PT_PER_IN
    if rotate in (90, 270):
        width, height = height, width
    return PageSize(width, height, name, unit, rotate)


def _user_unit(value: object) -> float:
    try:
        unit = float(value) if value is not None else 1.0
    except (TypeError, ValueError):
        return 1.0
    return unit if math.isfinite(unit) and unit > 0 else 1.0


def _rotation(value: object) -> int:
    try:
        degrees = int(value) if value is not None else 0
    except (TypeError, ValueError):
        return 0
    return degrees % 360 if degrees % 90 == 0 else 0


# -- images and fonts ---------------------------------------------------------------------------
@dataclass(frozen=True)
class PlacedImage:
    """A raster image as drawn on the page: its pixels and its printed size in inches."""

    width_px: int
    height_px: int
    width_in: float
    height_in: float

    @property
    def dpi(self) -> float:
        """The lower of the horizontal and vertical resolution at print size."""
        return min(self.width_px / self.width_in, self.height_px / self.height_in)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: the result maps x to (x m) n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _matrix(operands: object) -> Matrix | None:
    try:
        values = tuple(float(v) for v in operands)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    return values if len(values) == 6 and all(math.isfinite(v) for v in values) else None  # type: ignore[return-value]


class ContentWalk:
    """Walks a page's content (and the forms it draws) tracking the current transformation
    matrix, collecting where raster images are drawn and which fonts the page uses."""

    def __init__(self, user_unit: float = 1.0):
        self.user_unit = user_unit
        self.images: list[PlacedImage] = []
        self.fonts: dict[tuple[int, int] | str, pikepdf.Dictionary] = {}
        self._forms_seen = 0

    def page(self, page: pikepdf.Page) -> None:
        """Walk one page."""
        resources = _inherited(page.obj, "/Resources")
        self._walk(page, resources, IDENTITY, 0)

    def _walk(self, content: object, resources: object, ctm: Matrix, depth: int) -> None:
        resources = resources if isinstance(resources, pikepdf.Dictionary) else pikepdf.Dictionary()
        self._collect_fonts(resources)
        xobjects = resources.get("/XObject")
        stack: list[Matrix] = []
        for instruction in pikepdf.parse_content_stream(content, "q Q cm Do ID"):
            operator = str(instruction.operator)
            if operator == "q":
                stack.append(ctm)
            elif operator == "Q":
                ctm = stack.pop() if stack else ctm
            elif operator == "cm":
                matrix = _matrix(instruction.operands)
                if matrix:
                    ctm = _multiply(matrix, ctm)
            elif operator == "ID":
                self._inline_image(instruction.operands, ctm)
            elif operator == "Do" and isinstance(xobjects, pikepdf.Dictionary) and instruction.operands:
                self._xobject(xobjects.get(instruction.operands[0]), resources, ctm, depth)

    def _xobject(self, xobject: object, resources: pikepdf.Dictionary, ctm: Matrix, depth: int) -> None:
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self._image(xobject.get("/Width"), xobject.get("/Height"), ctm)
        elif subtype == "/Form" and depth < MAX_FORM_DEPTH and self._forms_seen < MAX_FORMS:
            self._forms_seen += 1
            matrix = _matrix(xobject.get("/Matrix", pikepdf.Array([1, 0, 0, 1, 0, 0]))) or IDENTITY
            self._walk(xobject, xobject.get("/Resources", resources), _multiply(matrix, ctm), depth + 1)

    def _inline_image(self, operands: object, ctm: Matrix) -> None:
        items = list(operands)  # type: ignore[call-overload]
        pairs = dict(zip(items[0::2], items[1::2]))
        self._image(pairs.get(pikepdf.Name.W, pairs.get(pikepdf.Name.Width)),
                    pairs.get(pikepdf.Name.H, pairs.get(pikepdf.Name.Height)), ctm)

    def _image(self, width: object, height: object, ctm: Matrix) -> None:
        try:
            width_px, height_px = int(width), int(height)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return
        a, b, c, d, _, _ = ctm
        width_in = math.hypot(a, b) * self.user_unit / PT_PER_IN
        height_in = math.hypot(c, d) * self.user_unit / PT_PER_IN
        if width_px > 0 and height_px > 0 and width_in * height_in >= MIN_IMAGE_AREA_IN2:
            self.images.append(PlacedImage(width_px, height_px, width_in, height_in))

    def _collect_fonts(self, resources: pikepdf.Dictionary) -> None:
        fonts = resources.get("/Font")
        if not isinstance(fonts, pikepdf.Dictionary):
            return
        for name, font in fonts.items():
            if isinstance(font, pikepdf.Dictionary):
                key = font.objgen if font.is_indirect else f"{id(resources)}{name}"
                self.fonts.setdefault(key, font)


def _report_images(images: list[PlacedImage], rules: RuleSet, verdict: Verdict) -> None:
    low = sorted((image for image in images if image.dpi < rules.min_dpi), key=lambda i: i.dpi)
    if not low:
        return
    worst = low[0]
    which = ("A raster image" if len(low) == 1
             else f"{len(low)} raster images are below {rules.min_dpi:g} dpi; the lowest")
    verdict.add("warn", "low-resolution", (
        f"{which} ({worst.width_px} x {worst.height_px} px) is printed {worst.width_in:.1f} x "
        f"{worst.height_in:.1f} in, only {worst.dpi:.0f} dpi. Images need at least "
        f"{rules.min_dpi:g} dpi at print size to look sharp; use a larger or vector version."
    ))


def missing_fonts(fonts: dict[object, pikepdf.Dictionary]) -> list[str]:
    """The names of fonts that are neither embedded nor standard, sorted."""
    missing = set()
    for font in fonts.values():
        if font.get("/Subtype") == "/Type3":  # glyphs drawn by the PDF itself
            continue
        described = font
        if font.get("/Subtype") == "/Type0":
            descendants = font.get("/DescendantFonts")
            if (isinstance(descendants, pikepdf.Array) and len(descendants)
                    and isinstance(descendants[0], pikepdf.Dictionary)):
                described = descendants[0]
        name = str(font.get("/BaseFont", "/unnamed"))[1:].split("+", 1)[-1]
        descriptor = described.get("/FontDescriptor")
        embedded = isinstance(descriptor, pikepdf.Dictionary) and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded and name not in STANDARD_14:
            missing.add(name)
    return sorted(missing)


def _report_fonts(fonts: dict[object, pikepdf.Dictionary], verdict: Verdict) -> None:
    missing = missing_fonts(fonts)
    if not missing:
        return
    listed = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    count = "A font is" if len(missing) == 1 else f"{len(missing)} fonts are"
    verdict.add("warn", "fonts-not-embedded", (
        f"{count} not embedded ({listed}); the printer will substitute another font and the text "
        "may reflow. Embed all fonts when you export the PDF."
    ))
