"""Look at PDFs the way a printer would: page boxes, character boxes, QR codes, pixels."""

from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image, ImageChops

ARTIFACTS = Path(__file__).resolve().parent.parent / "_artifacts"
PT_TO_MM = 25.4 / 72


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    """Each page's MediaBox as (width, height) in mm, read with pikepdf."""
    with pikepdf.open(path) as pdf:
        sizes = []
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            sizes.append(((x1 - x0) * PT_TO_MM, (y1 - y0) * PT_TO_MM))
        return sizes


def page_chars(path: Path, page_index: int) -> list[dict]:
    """pdfplumber's characters of one page (x0, x1, top, bottom in points from the top-left)."""
    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[page_index].chars)


def render(path: Path, page_index: int, dpi: int = 300) -> Image.Image:
    """One page as an RGB image at ``dpi``, on white."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[page_index].render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
    finally:
        pdf.close()


def ink_box_mm(path: Path, page_index: int = 0, dpi: int = 100) -> tuple[float, float, float, float]:
    """The box (left, top, right, bottom in mm from the top-left) around everything printed
    on a page: where the content sits, to compare two prints of one page."""
    image = render(path, page_index, dpi).convert("L").point(lambda v: 255 if v < 200 else 0)
    box = image.getbbox()
    assert box is not None, f"{path}: page {page_index + 1} is blank"
    return tuple(v * 25.4 / dpi for v in box)


def decode_qr_codes(path: Path, page_index: int, dpi: int = 300) -> list[str]:
    """The text of every QR code found on a page rendered at ``dpi``."""
    image = render(path, page_index, dpi)
    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def compare_snapshot(image: Image.Image, reference: Path, name: str, tolerance: float = 0.002) -> float:
    """Share of pixels that differ noticeably from the reference image; on failure the
    difference image is saved under tests/_artifacts. With HILDPRINT_UPDATE_SNAPSHOTS=1
    the reference is (re)written instead."""
    if os.environ.get("HILDPRINT_UPDATE_SNAPSHOTS") == "1":
        reference.parent.mkdir(parents=True, exist_ok=True)
        image.save(reference)
    assert reference.exists(), f"no reference {reference}; run with HILDPRINT_UPDATE_SNAPSHOTS=1 to make it"
    expected = Image.open(reference).convert("RGB")
    assert expected.size == image.size, f"snapshot size {image.size} != reference {expected.size}"
    diff = ImageChops.difference(image, expected).convert("L").point(lambda v: 255 if v > 48 else 0)
    changed = diff.histogram()[255] / (image.width * image.height)
    if changed > tolerance:
        ARTIFACTS.mkdir(exist_ok=True)
        image.save(ARTIFACTS / f"{name}-actual.png")
        diff.save(ARTIFACTS / f"{name}-diff.png")
    return changed
