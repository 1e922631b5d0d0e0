"""Checks of poster images (PNG, JPEG) for rule sets shown on screens.

The format is told by the file's first bytes, never by its name. Sizes come from the
header, read by hand, so a decompression bomb is refused before a single pixel is decoded.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hildprint.core.domain.rules import MIB, RuleSet
from hildprint.core.validate.model import Verdict, orientation

BOMB_PIXELS = 89_478_485
"""More pixels than this (Pillow's own decompression-bomb limit, about 90 megapixels)
is refused unopened: no poster upload needs it and decoding it could exhaust memory."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PNG_CHUNKS = 100_000
MAX_JPEG_HEADER_BYTES = 16 * 1024 * 1024
NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "tiff": "TIFF", "bmp": "BMP", "pdf": "PDF"}
EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".pdf": "pdf", ".gif": "gif",
              ".webp": "webp", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp"}


class ImageHeaderError(ValueError):
    """An image whose header cannot be read."""


@dataclass(frozen=True)
class ImageHeader:
    """What an image's header says: format, pixel size and whether it can be transparent."""

    format: str
    width: int
    height: int
    alpha: bool


def sniff(head: bytes) -> str:
    """The file format from its first bytes ("pdf", "png", "jpeg", ...), or "" when unknown."""
    if head.startswith(PNG_SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:2] == b"BM":
        return "bmp"
    return ""


def read_header(handle: BinaryIO, fmt: str) -> ImageHeader:
    """Read the pixel size (and transparency) of a PNG or JPEG without decoding it."""
    if fmt == "png":
        return _png_header(handle)
    if fmt == "jpeg":
        return _jpeg_header(handle)
    raise ImageHeaderError(f"cannot read {NAMES.get(fmt, fmt)} headers")


def _png_header(handle: BinaryIO) -> ImageHeader:
    handle.seek(len(PNG_SIGNATURE))
    length, kind = _chunk_head(handle)
    if kind != b"IHDR" or length != 13:
        raise ImageHeaderError("the PNG does not start with its header chunk")
    width, height, _depth, colour = struct.unpack(">IIBB", handle.read(10))
    handle.seek(3 + 4, 1)  # compression, filter, interlace; CRC
    alpha = colour in (4, 6)
    for _ in range(MAX_PNG_CHUNKS):
        length, kind = _chunk_head(handle)
        if kind in (b"IDAT", b"IEND"):
            break
        alpha = alpha or kind == b"tRNS"
        handle.seek(length + 4, 1)
    return ImageHeader("png", width, height, alpha)


def _chunk_head(handle: BinaryIO) -> tuple[int, bytes]:
    raw = handle.read(8)
    if len(raw) < 8:
        raise ImageHeaderError("the PNG ends before its image data")
    length, kind = struct.unpack(">I4s", raw)
    return length, kind


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_header(handle: BinaryIO) -> ImageHeader:
    handle.seek(2)
    while True:
        byte = handle.read(1)
        if not byte:
            raise ImageHeaderError("the JPEG ends before its frame header")
        if byte != b"\xff":
            continue
        marker = handle.read(1)
        while marker == b"\xff":
            marker = handle.read(1)
        if not marker:
            raise ImageHeaderError("the JPEG ends before its frame header")
        code = marker[0]
        if code in (0x01, 0xD8) or 0xD0 <= code <= 0xD7:
            continue
        raw = handle.read(2)
        if len(raw) < 2:
            raise ImageHeaderError("the JPEG ends inside a segment")
        (length,) = struct.unpack(">H", raw)
        if length < 2 or handle.tell() > MAX_JPEG_HEADER_BYTES:
            raise ImageHeaderError("the JPEG has no readable frame header")
        if code in _SOF:
            frame = handle.read(5)
            if len(frame) < 5:
                raise ImageHeaderError("the JPEG frame header is cut short")
            _precision, height, width = struct.unpack(">BHH", frame)
            return ImageHeader("jpeg", width, height, False)
        handle.seek(length - 2, 1)


def check_image(path: Path, fmt: str, rules: RuleSet, verdict: Verdict) -> None:
    """Check an image file (its format already sniffed as ``fmt``) against ``rules``."""
    verdict.kind = fmt
    header = _header_or_error(path, fmt, verdict)
    if header is None:
        return
    verdict.width_px, verdict.height_px = header.width, header.height
    if header.width * header.height > BOMB_PIXELS:
        megapixels = header.width * header.height / 1e6
        verdict.add("error", "decompression-bomb", (
            f"The image declares {header.width} x {header.height} pixels ({megapixels:,.0f} megapixels) "
            f"in a {_size(verdict.bytes or 0)} file; it was refused without being opened. "
            "Export the poster at a normal size."))
        return
    if not rules.printed and not _intact(path, fmt, verdict):
        return
    _check_format(path, fmt, rules, verdict)
    if rules.printed:
        return
    _check_pixels(header, rules, verdict)
    if rules.max_bytes and (verdict.bytes or 0) > rules.max_bytes:
        verdict.add("fail", "file-too-large", (
            f"The file is {_size(verdict.bytes or 0)}; {rules.posters} must be at most "
            f"{_size(rules.max_bytes)}. Export it with stronger compression or fewer pixels."))
    if header.alpha and rules.solid_background:
        verdict.add("warn", "transparent", (
            "The image has an alpha channel (it can be transparent); "
            f"{rules.posters} need a solid background. Export it without transparency."))


def _header_or_error(path: Path, fmt: str, verdict: Verdict) -> ImageHeader | None:
    try:
        if fmt in ("png", "jpeg"):
            with open(path, "rb") as handle:
                return read_header(handle, fmt)
        return _other_header(path, fmt)
    except (ImageHeaderError, OSError, struct.error, ValueError) as error:
        verdict.add("error", "unreadable", f"The {NAMES.get(fmt, fmt)} image cannot be read ({error}).")
        return None


def _other_header(path: Path, fmt: str) -> ImageHeader:
    """Size of GIF, WebP, TIFF or BMP from Pillow, which reads only the header on open."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # we judge the pixel count ourselves, before decoding
    with Image.open(path) as image:
        alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        return ImageHeader(fmt, image.width, image.height, alpha)


def _intact(path: Path, fmt: str, verdict: Verdict) -> bool:
    """Whether Pillow finds the file whole (checksums, chunks); a cut-off file is an error."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(path) as image:
            image.verify()
    except Exception as error:  # Pillow raises many kinds for damaged files
        verdict.add("error", "damaged", f"The {NAMES[fmt]} image is damaged ({error}). Export it again.")
        return False
    return True


def _check_format(path: Path, fmt: str, rules: RuleSet, verdict: Verdict) -> None:
    named = EXTENSIONS.get(path.suffix.lower())
    misnamed = named is not None and named != fmt
    what = f"This file is a {NAMES.get(fmt, fmt)} image" + (
        f" although its name ends in {path.suffix}" if misnamed else "")
    wanted = " or ".join(NAMES[f] for f in rules.formats)
    if fmt not in rules.formats:
        advice = "Export the poster as PDF at its print size." if rules.printed else f"Save it as {wanted}."
        verdict.add("fail", "wrong-format", f"{what}; {rules.posters} must be {wanted} files. {advice}")
    elif misnamed:
        verdict.add("warn", "misnamed", f"{what}; rename it to end in .{fmt.replace('jpeg', 'jpg')}.")


def _check_pixels(header: ImageHeader, rules: RuleSet, verdict: Verdict) -> None:
    width, height = header.width, header.height
    max_w, max_h = rules.max_width_px or width, rules.max_height_px or height
    shape = orientation(width, height)
    yours = f"Your image is {width} x {height} px ({shape})."
    if rules.orientation != "any" and shape not in (rules.orientation, "square"):
        verdict.add("fail", "orientation", f"{yours} {rules.posters} must be {rules.orientation} "
                    f"and {rules.limit_text()}.")
    elif width > max_w or height > max_h:
        scale = min(max_w / width, max_h / height)
        verdict.add("fail", "too-large", (
            f"{yours} {rules.posters} must be {rules.limit_text()}. Scaled to {scale * 100:.1f} % it is "
            f"{int(width * scale)} x {int(height * scale)} px."))


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"
