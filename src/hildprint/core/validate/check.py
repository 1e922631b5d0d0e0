"""Check one poster file: tell its real format from its content and run the right checks.

This runs inside a worker process (see :mod:`hildprint.core.validate.runner`); it never
raises, whatever the file holds: every problem becomes a finding.
"""

from __future__ import annotations

import io
from pathlib import Path

from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.image import NAMES, check_image, sniff
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.pdf import check_pdf

SNIFF_BYTES = 1024
THUMBNAIL_PX = 240
"""The long side of a thumbnail, in pixels."""


def check_file(path: str | Path, rules: RuleSet, quick: bool = False, thumbnail: bool = False) -> Verdict:
    """Check ``path`` against ``rules``; with ``thumbnail`` also make a small PNG of it."""
    path = Path(path)
    verdict = Verdict(file=str(path), rules=rules.name)
    try:
        fmt = _open_and_sniff(path, verdict)
        if fmt == "pdf":
            check_pdf(path, rules, verdict, quick)
        elif fmt:
            check_image(path, fmt, rules, verdict)
        if thumbnail and fmt and verdict.verdict != "error":
            verdict.thumbnail = make_thumbnail(path, fmt)
    except MemoryError:
        verdict.add("error", "memory", "Checking the file needed more memory than allowed; it may be "
                    "built to exhaust memory. Export the poster again.")
    except Exception as error:  # the last line of defence: a finding, never a crash
        verdict.add("error", "internal", f"The file could not be checked ({type(error).__name__}: {error}).")
    return verdict


def _open_and_sniff(path: Path, verdict: Verdict) -> str:
    """The real format of ``path`` (or "" after adding an error finding)."""
    try:
        verdict.bytes = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except IsADirectoryError:
        verdict.add("error", "unreadable", "This is a folder, not a file.")
        return ""
    except FileNotFoundError:
        verdict.add("error", "missing", "The file does not exist.")
        return ""
    except OSError as error:
        verdict.add("error", "unreadable", f"The file cannot be read ({error.strerror or error}).")
        return ""
    if not head:
        verdict.add("error", "empty", "The file is empty (0 bytes).")
        return ""
    fmt = sniff(head)
    if not fmt:
        what = f" although its name ends in {path.suffix}" if path.suffix else ""
        verdict.add("error", "unknown-format", f"The file is neither a PDF nor an image{what}. "
                    "Export the poster as PDF.")
    elif fmt not in ("pdf", "png", "jpeg"):
        verdict.add("info", "format", f"The file is a {NAMES[fmt]} image.")
    return fmt


def make_thumbnail(path: Path, fmt: str) -> bytes | None:
    """A PNG of the first page (or the image) whose long side is THUMBNAIL_PX pixels."""
    image = _pdf_page_image(path) if fmt == "pdf" else _image_preview(path)
    if image is None:
        return None
    image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def _pdf_page_image(path: Path):  # -> PIL.Image.Image | None
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        width, height = page.get_size()
        scale = THUMBNAIL_PX / max(width, height, 1)
        return page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
    finally:
        pdf.close()


def _image_preview(path: Path):  # -> PIL.Image.Image | None
    from PIL import Image

    with Image.open(path) as image:
        image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))  # JPEG decodes at a fraction of its size
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
