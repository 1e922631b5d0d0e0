"""Fit a poster PDF into a rule set's size limit, as vector content.

The poster's page becomes a form XObject (its fonts, text and drawings untouched, never
rasterised), scaled uniformly to the largest size the rules allow in their orientation and
centred on a page as large as the allowed area. The TrimBox is the poster's new outline, so
a print shop (and the poster check) measures the fitted size. Links keep working: each
web link, and each link to a place on the poster, is moved and scaled with the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output
from hildprint.core.domain.pool import TIMEOUT, Failure, WorkerJob, WorkerPool, default_workers
from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.model import orientation
from hildprint.core.validate.pdf import PT_PER_IN, PageGeometryError, page_size
from hildprint.core.validate.size import named_size, scale_to_fit, scaled_text

Matrix = tuple[float, float, float, float, float, float]
FORM_NAME = "/HildprintPoster"


class FitRefused(HildprintError, ValueError):
    """A poster that cannot be fitted; the message names the file and says why."""


@dataclass(frozen=True)
class FitResult:
    """What fitting one poster did: its size before and after, the scale and the links kept."""

    source: Path
    output: Path
    scale: float
    width_in: float
    height_in: float
    fitted_width_in: float
    fitted_height_in: float
    sheet_width_in: float
    sheet_height_in: float
    links: int
    dropped_annotations: int
    unit: str = "in"

    def summary(self) -> str:
        """One line an organiser reads: "A0 portrait prints at 72.5 % as 24.0 x 33.9 in"."""
        who = named_size(self.width_in, self.height_in) or "the poster"
        return f"{who} {scaled_text(self.width_in, self.height_in, self.scale, self.unit)}"


def fit_poster(source: str | Path, output: str | Path, rules: RuleSet) -> FitResult:
    """Write ``source`` fitted into ``rules`` to ``output`` (atomically); FitRefused when the
    poster cannot be fitted, and then nothing is written."""
    source, output = Path(source), Path(output)
    if not rules.printed:
        raise FitRefused(f"{source}: the rules {rules.name} are for screens; only printed posters are fitted")
    with _open(source) as pdf:
        page = _single_page(pdf, source)
        width_in, height_in = _printed_size(page, source)
        _check_orientation(width_in, height_in, rules, source)
        scale = scale_to_fit(width_in, height_in, rules)
        fitted = pikepdf.new()
        try:
            links, dropped = _place(fitted, pdf, page, (width_in, height_in), scale, rules)
            with atomic_output(output) as temporary:
                fitted.save(temporary, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        except (pikepdf.PdfError, ValueError, RuntimeError, TypeError) as error:
            raise FitRefused(f"{source}: its page cannot be copied ({_first_line(error)}); "
                             "export the poster to PDF again") from error
    return FitResult(source, output, scale, width_in, height_in, width_in * scale, height_in * scale,
                     rules.max_width_in, rules.max_height_in, links, dropped, rules.unit)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _open(source: Path) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(source)
    except pikepdf.PasswordError as error:
        raise FitRefused(f"{source}: the PDF is protected by a password") from error
    except FileNotFoundError as error:
        raise FitRefused(f"{source}: no such file") from error
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as error:
        raise FitRefused(f"{source}: cannot be read as a PDF ({_first_line(error)})") from error
    if pdf.is_encrypted:
        pdf.close()
        raise FitRefused(f"{source}: the PDF is encrypted; print shops refuse protected files, "
                         "so ask for a copy without protection")
    return pdf


def _single_page(pdf: pikepdf.Pdf, source: Path) -> pikepdf.Page:
    count = len(pdf.pages)
    if count != 1:
        raise FitRefused(f"{source}: the PDF has {count} pages; a poster is a single page")
    return pdf.pages[0]


def _printed_size(page: pikepdf.Page, source: Path) -> tuple[float, float]:
    try:
        size = page_size(page)
    except PageGeometryError as error:
        raise FitRefused(f"{source}: the page's size cannot be read ({error})") from error
    return size.width_in, size.height_in


def _check_orientation(width_in: float, height_in: float, rules: RuleSet, source: Path) -> None:
    shape = orientation(width_in, height_in)
    if rules.orientation != "any" and shape not in (rules.orientation, "square"):
        raise FitRefused(f"{source}: the poster is {shape} ({width_in:.1f} x {height_in:.1f} in) but "
                         f"{rules.posters} must be {rules.orientation}; scaling cannot turn it, "
                         "the author has to lay it out again")


# -- placing ---------------------------------------------------------------------------------
def _place(fitted: pikepdf.Pdf, source: pikepdf.Pdf, page: pikepdf.Page, size_in: tuple[float, float],
           scale: float, rules: RuleSet) -> tuple[int, int]:
    """Draw ``page`` scaled by ``scale`` centred on a new page of the allowed size; return the
    links kept and the other annotations left out."""
    sheet_w, sheet_h = rules.max_width_in * PT_PER_IN, rules.max_height_in * PT_PER_IN
    fitted_w, fitted_h = size_in[0] * scale * PT_PER_IN, size_in[1] * scale * PT_PER_IN
    trim = ((sheet_w - fitted_w) / 2, (sheet_h - fitted_h) / 2, (sheet_w + fitted_w) / 2, (sheet_h + fitted_h) / 2)
    form = fitted.copy_foreign(page.as_form_xobject(handle_transformations=True))
    form_matrix = _matrix_of(form.get("/Matrix"))
    bounds = _transformed_box(_box_of(form.BBox), form_matrix)
    placement = _placement(bounds, trim)
    fitted.add_blank_page(page_size=(sheet_w, sheet_h))
    new_page = fitted.pages[0]
    new_page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary({FORM_NAME: form}))
    a, b, c, d, e, f = placement
    content = f"q {a:.6f} {b:.6f} {c:.6f} {d:.6f} {e:.4f} {f:.4f} cm {FORM_NAME} Do Q\n"
    new_page.obj.Contents = fitted.make_stream(content.encode("ascii"))
    new_page.obj.TrimBox = pikepdf.Array([round(v, 4) for v in trim])
    return _copy_links(fitted, source, page, new_page, _multiply(form_matrix, placement))


def _box_of(value: object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _matrix_of(value: object) -> Matrix:
    if value is None:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    a, b, c, d, e, f = (float(v) for v in value)
    return a, b, c, d, e, f


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector order)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _transformed_box(box: tuple[float, float, float, float], m: Matrix) -> tuple[float, float, float, float]:
    points = [_apply(m, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _placement(bounds: tuple[float, ...], target: tuple[float, ...]) -> Matrix:
    """The uniform scale and shift that map ``bounds`` onto ``target`` (same proportions)."""
    scale = min((target[2] - target[0]) / (bounds[2] - bounds[0]), (target[3] - target[1]) / (bounds[3] - bounds[1]))
    return (scale, 0.0, 0.0, scale, target[0] - bounds[0] * scale, target[1] - bounds[1] * scale)


def _copy_links(fitted: pikepdf.Pdf, source: pikepdf.Pdf, page: pikepdf.Page, new_page: pikepdf.Page,
                m: Matrix) -> tuple[int, int]:
    """Copy the links of ``page`` onto ``new_page``, their areas mapped by ``m``: web links,
    and links to a place on the poster itself (a citation to its references); others are
    left out and counted."""
    kept, dropped = [], 0
    for annot in page.obj.get("/Annots", pikepdf.Array()):
        target = _link_target(annot, source, page, new_page, m)
        if target is None:
            dropped += 1
            continue
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Border=pikepdf.Array([0, 0, 0]),
            Rect=pikepdf.Array([round(v, 3) for v in _transformed_box(_box_of(annot.Rect), m)]), **target)
        if "/QuadPoints" in annot:
            quads = [float(v) for v in annot.QuadPoints]
            link.QuadPoints = pikepdf.Array(
                [round(v, 3) for x, y in zip(quads[::2], quads[1::2]) for v in _apply(m, x, y)])
        kept.append(fitted.make_indirect(link))
    if kept:
        new_page.obj.Annots = pikepdf.Array(kept)
    return len(kept), dropped


def _link_target(annot: object, source: pikepdf.Pdf, page: pikepdf.Page, new_page: pikepdf.Page,
                 m: Matrix) -> dict | None:
    """What a copied link points to ({"A": web address} or {"Dest": place}), or None."""
    if not isinstance(annot, pikepdf.Dictionary) or annot.get("/Subtype") != "/Link" or "/Rect" not in annot:
        return None
    action = annot.get("/A")
    action = action if isinstance(action, pikepdf.Dictionary) else pikepdf.Dictionary()
    if action.get("/S") == "/URI" and "/URI" in action:
        return {"A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(bytes(action.URI)))}
    destination = annot.get("/Dest") if "/Dest" in annot else action.get("/D") if action.get("/S") == "/GoTo" else None
    place = _explicit(source, destination)
    if place is None or len(place) < 2 or not isinstance(place[0], pikepdf.Dictionary):
        return None
    if place[0].objgen != page.obj.objgen:
        return None
    return {"Dest": _moved_destination(place, new_page, m)}


def _explicit(pdf: pikepdf.Pdf, destination: object) -> pikepdf.Array | None:
    """A destination as an explicit array, looking named ones up in the document."""
    if isinstance(destination, pikepdf.Array):
        return destination
    value = None
    if isinstance(destination, pikepdf.String) and "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
        value = pikepdf.NameTree(pdf.Root.Names.Dests).get(str(destination))
    elif isinstance(destination, pikepdf.Name) and "/Dests" in pdf.Root:
        value = pdf.Root.Dests.get(destination)
    if isinstance(value, pikepdf.Dictionary):
        value = value.get("/D")
    return value if isinstance(value, pikepdf.Array) else None


def _moved_destination(place: pikepdf.Array, new_page: pikepdf.Page, m: Matrix) -> pikepdf.Array:
    """The same place on the fitted page: an /XYZ point or a /FitH top is moved with the
    content; any other kind of destination shows the whole page."""
    if place[1] == "/XYZ" and len(place) >= 4:
        left, top = place[2], place[3]
        zoom = place[4] if len(place) > 4 else None
        x, y = _apply(m, float(left) if left is not None else 0.0, float(top) if top is not None else 0.0)
        return pikepdf.Array([new_page.obj, pikepdf.Name.XYZ, round(x, 3) if left is not None else None,
                              round(y, 3) if top is not None else None, zoom])
    if place[1] == "/FitH" and len(place) >= 3 and place[2] is not None:
        return pikepdf.Array([new_page.obj, pikepdf.Name.FitH, round(_apply(m, 0.0, float(place[2]))[1], 3)])
    return pikepdf.Array([new_page.obj, pikepdf.Name.Fit])


# -- many posters, each in a worker ----------------------------------------------------------
FIT_TIMEOUT_S = 60.0
FIT_MEMORY_MB = 1536
FIT_WORKER_NAME = "hildprint-poster-fit"


def _fit_task(rules: RuleSet, task: tuple[str, str]) -> FitResult | str:
    """One poster, in a worker: its result, or the reason it was refused."""
    try:
        return fit_poster(task[0], task[1], rules)
    except FitRefused as error:
        return str(error)


def fit_in_workers(tasks: list[tuple[Path, Path]], rules: RuleSet, timeout_s: float = FIT_TIMEOUT_S,
                   memory_mb: int = FIT_MEMORY_MB) -> list[FitResult | str]:
    """Fit each (source, target) in a worker process with a time and memory limit, so a
    poster built to hang or exhaust a reader is refused rather than stopping the run; each
    outcome is a FitResult or the reason the poster was refused, in the order given."""
    if not tasks:
        return []
    job = WorkerJob(FIT_WORKER_NAME, _fit_task, rules, preload=("hildprint.core.validate.fit",),
                    timeout_s=timeout_s, memory_mb=memory_mb)
    with WorkerPool(job, min(default_workers(), len(tasks))) as pool:
        outcomes = pool.run([(str(s), str(t)) for s, t in tasks])
    return [_failure_text(source, outcome, timeout_s) if isinstance(outcome, Failure) else outcome
            for (source, _), outcome in zip(tasks, outcomes)]


def _failure_text(source: Path, failure: Failure, timeout_s: float) -> str:
    if failure.reason == TIMEOUT:
        return f"{source}: fitting took longer than {timeout_s:g} s and was stopped; export the poster again"
    return f"{source}: the poster could not be fitted ({failure.detail}); export the poster again"


@dataclass(frozen=True)
class FitPicture:
    """A poster fitted into a file, with small PNG pictures of it before and after."""

    result: FitResult
    before_png: bytes | None
    after_png: bytes | None


def _picture_task(rules: RuleSet, task: tuple[str, str]) -> FitPicture | str:
    from hildprint.core.validate.check import make_thumbnail

    outcome = _fit_task(rules, task)
    if isinstance(outcome, str):
        return outcome
    return FitPicture(outcome, make_thumbnail(Path(task[0]), "pdf"), make_thumbnail(Path(task[1]), "pdf"))


def fit_and_picture(source: Path, target: Path, rules: RuleSet,
                    timeout_s: float = FIT_TIMEOUT_S) -> FitPicture | str:
    """Fit one poster and draw it before and after, in a worker process with the same
    limits as :func:`fit_in_workers`; the reason it was refused otherwise."""
    job = WorkerJob(FIT_WORKER_NAME, _picture_task, rules, preload=("hildprint.core.validate.check",),
                    timeout_s=timeout_s, memory_mb=FIT_MEMORY_MB)
    with WorkerPool(job, 1) as pool:
        [outcome] = pool.run([(str(source), str(target))])
    return _failure_text(source, outcome, timeout_s) if isinstance(outcome, Failure) else outcome
