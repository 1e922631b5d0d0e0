"""Poster images for the virtual rules: real format by content, pixels, bytes, orientation,
transparency, damage and decompression bombs."""

from __future__ import annotations

import time

import pytest
from tests.helpers.posters import jpeg, png, png_bomb

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.check import check_file

VIRTUAL = load_rules("icml-virtual-poster")
THUMBNAIL = load_rules("icml-virtual-thumbnail")


def test_a_landscape_png_within_limits_passes(tmp_path):
    """A 1920 x 1080 opaque PNG is a good virtual poster."""
    verdict = check_file(png(tmp_path / "p.png", 1920, 1080), VIRTUAL)
    assert verdict.verdict == "pass", verdict.findings
    assert (verdict.kind, verdict.width_px, verdict.height_px) == ("png", 1920, 1080)


def test_a_png_too_large_fails_with_the_scale_that_fits(tmp_path):
    """6000 x 3000 px is over 5120 x 2880; the finding gives the size that fits."""
    verdict = check_file(png(tmp_path / "p.png", 6000, 3000, mode="L"), VIRTUAL)
    assert verdict.codes() == ["too-large"]
    assert "6000 x 3000 px" in verdict.findings[0].message
    assert "5120 x 2560 px" in verdict.findings[0].message


def test_a_portrait_png_fails(tmp_path):
    """Virtual posters are landscape."""
    verdict = check_file(png(tmp_path / "p.png", 1080, 1920), VIRTUAL)
    assert verdict.codes() == ["orientation"] and "landscape" in verdict.findings[0].message


def test_a_transparent_png_warns(tmp_path):
    """An alpha channel is a warning about the solid background."""
    verdict = check_file(png(tmp_path / "p.png", 1920, 1080, mode="RGBA"), VIRTUAL)
    assert verdict.verdict == "warn" and verdict.codes() == ["transparent"]


def test_a_palette_png_with_transparency_warns(tmp_path):
    """A palette PNG made transparent through its tRNS chunk warns too."""
    from PIL import Image

    path = tmp_path / "p.png"
    Image.new("P", (320, 200), 0).save(path, transparency=0)
    assert check_file(path, VIRTUAL).codes() == ["transparent"]


def test_a_jpeg_named_png_fails_as_the_wrong_format(tmp_path):
    """The content decides: a JPEG called .png is a JPEG, and the message says both."""
    verdict = check_file(jpeg(tmp_path / "poster.png", 1920, 1080), VIRTUAL)
    assert verdict.kind == "jpeg" and verdict.codes() == ["wrong-format"]
    assert "JPEG" in verdict.findings[0].message and ".png" in verdict.findings[0].message


def test_a_png_named_jpg_passes_with_a_renaming_warning(tmp_path):
    """A real PNG with a .jpg name is accepted as PNG, with a warning to rename it."""
    verdict = check_file(png(tmp_path / "poster.jpg", 1920, 1080), VIRTUAL)
    assert verdict.kind == "png" and verdict.codes() == ["misnamed"]


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    """A 20,000 x 20,000 px PNG of a few hundred KB is refused quickly without decoding."""
    path = png_bomb(tmp_path / "bomb.png")
    started = time.perf_counter()
    verdict = check_file(path, VIRTUAL)
    assert time.perf_counter() - started < 1.0  # decoding would take far longer and ~50 MB+
    assert verdict.verdict == "error" and verdict.codes() == ["decompression-bomb"]
    assert "20000 x 20000" in verdict.findings[0].message


def test_a_bomb_asked_for_a_thumbnail_is_still_not_decoded(tmp_path):
    """A thumbnail is never made of a refused file."""
    verdict = check_file(png_bomb(tmp_path / "bomb.png"), VIRTUAL, thumbnail=True)
    assert verdict.thumbnail is None


def test_a_file_over_the_byte_limit_fails(tmp_path):
    """The thumbnail rules allow 5 MB; a larger file fails with both figures."""
    import os

    from PIL import Image

    path = tmp_path / "thumb.png"
    Image.frombytes("RGB", (300, 240), os.urandom(300 * 240 * 3)).save(path)
    with open(path, "ab") as handle:  # PNG readers ignore bytes after IEND
        handle.write(os.urandom(6 * 1024 * 1024))
    verdict = check_file(path, THUMBNAIL)
    assert "file-too-large" in verdict.codes() and "5.0 MB" in verdict.findings[-1].message


def test_a_truncated_png_is_an_error(tmp_path):
    """A PNG cut inside its image data is damaged: error."""
    import os

    from PIL import Image

    full = tmp_path / "full.png"
    Image.frombytes("RGB", (400, 300), os.urandom(400 * 300 * 3)).save(full)
    cut = tmp_path / "cut.png"
    cut.write_bytes(full.read_bytes()[:2000])
    assert check_file(cut, VIRTUAL).verdict == "error"


def test_a_png_against_print_rules_fails_as_the_wrong_format(tmp_path):
    """Printed posters must be PDFs; an image fails and is told to export a PDF."""
    verdict = check_file(png(tmp_path / "p.png", 1683, 2383), load_rules())
    assert verdict.codes() == ["wrong-format"] and "PDF" in verdict.findings[0].message


@pytest.mark.parametrize("size,ok", [((320, 256), True), ((321, 256), False), ((256, 320), False)])
def test_thumbnail_pixel_limits(tmp_path, size, ok):
    """Thumbnails: at most 320 x 256 px, in either orientation within those bounds."""
    assert check_file(png(tmp_path / "t.png", *size), THUMBNAIL).ok is ok
