"""Poster files made on the spot for the poster-check tests: PDFs with chosen page boxes,
rotation, user unit, images and fonts, and PNG/JPEG images, some of them hostile."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
from PIL import Image

IN = 72.0


def poster_pdf(path: Path, width_in: float = 24, height_in: float = 36, *, rotate: int | None = None,
               user_unit: float | None = None, trim_in: tuple[float, float, float, float] | None = None,
               crop_in: tuple[float, float, float, float] | None = None, pages: int = 1,
               image: tuple[int, int, float, float] | None = None,
               image_in_form: bool = False, font: str | None = None, embedded_font: bool = False) -> Path:
    """A PDF whose MediaBox is ``width_in`` x ``height_in`` (in PDF units of 1/72 in before
    ``user_unit``). ``image`` = (pixels wide, pixels high, drawn width in, drawn height in);
    ``font`` names a TrueType font used for a line of text (embedded or not)."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(width_in * IN, height_in * IN))
    page = pdf.pages[0]
    if rotate is not None:
        page.obj.Rotate = rotate
    if user_unit is not None:
        page.obj.UserUnit = user_unit
    if trim_in:
        page.obj.TrimBox = pikepdf.Array([v * IN for v in trim_in])
    if crop_in:
        page.obj.CropBox = pikepdf.Array([v * IN for v in crop_in])
    content, resources = b"", pikepdf.Dictionary()
    if image:
        content += _add_image(pdf, resources, *image, in_form=image_in_form)
    if font:
        content += _add_font(pdf, resources, font, embedded_font)
    page.obj.Resources = resources
    page.obj.Contents = pdf.make_stream(content)
    pdf.save(path)
    return path


def _add_image(pdf: pikepdf.Pdf, resources: pikepdf.Dictionary, px_w: int, px_h: int,
               drawn_w_in: float, drawn_h_in: float, in_form: bool) -> bytes:
    image = pdf.make_stream(zlib.compress(bytes(px_w * px_h)), Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=px_w, Height=px_h,
                            ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                            Filter=pikepdf.Name.FlateDecode)
    draw = f"q {drawn_w_in * IN:.3f} 0 0 {drawn_h_in * IN:.3f} 36 36 cm /Im0 Do Q\n".encode()
    if not in_form:
        resources.XObject = pikepdf.Dictionary(Im0=image)
        return draw
    # the form draws the image at half the size and the page scales the form by 2
    half = f"q {drawn_w_in * IN / 2:.3f} 0 0 {drawn_h_in * IN / 2:.3f} 18 18 cm /Im0 Do Q\n".encode()
    form = pdf.make_stream(half, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 10_000, 10_000], Resources=pikepdf.Dictionary(
                               XObject=pikepdf.Dictionary(Im0=image)))
    resources.XObject = pikepdf.Dictionary(Fm0=form)
    return b"q 2 0 0 2 0 0 cm /Fm0 Do Q\n"


def _add_font(pdf: pikepdf.Pdf, resources: pikepdf.Dictionary, name: str, embedded: bool) -> bytes:
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + name),
                                    Flags=32, FontBBox=[0, 0, 1000, 1000], ItalicAngle=0,
                                    Ascent=800, Descent=-200, CapHeight=700, StemV=80)
    if embedded:
        descriptor.FontFile2 = pdf.make_stream(b"\x00\x01\x00\x00 not a real font, only present")
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                                                BaseFont=pikepdf.Name("/" + name),
                                                FontDescriptor=pdf.make_indirect(descriptor)))
    resources.Font = pikepdf.Dictionary(F1=font)
    return b"BT /F1 48 Tf 72 72 Td (Poster) Tj ET\n"


def png(path: Path, width: int, height: int, mode: str = "RGB") -> Path:
    """A real PNG of one colour."""
    Image.new(mode, (width, height), "white").save(path, "PNG")
    return path


def jpeg(path: Path, width: int, height: int) -> Path:
    """A real JPEG (whatever the name of ``path`` says)."""
    Image.new("RGB", (width, height), "white").save(path, "JPEG")
    return path


def png_bomb(path: Path, width: int = 20_000, height: int = 20_000) -> Path:
    """A small PNG that declares ``width`` x ``height`` one-bit pixels of zeros: kilobytes on
    disk, gigabytes when decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def pdf_bytes(width_in: float = 24, height_in: float = 36) -> bytes:
    """A small valid poster PDF as bytes (for truncating and other damage)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(width_in * IN, height_in * IN))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF written byte by byte from ``objects`` (object 1 is the catalog), so that nothing
    rearranges it: e.g. page attributes left on the page tree for pages to inherit."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def inherited_pdf(path: Path, width_in: float, height_in: float, rotate: int) -> Path:
    """One page whose MediaBox and Rotate sit only on the page tree above it."""
    return raw_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 %g %g] /Rotate %d >>"
        % (width_in * IN, height_in * IN, rotate),
        b"<< /Type /Page /Parent 2 0 R /Resources << >> /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ])
