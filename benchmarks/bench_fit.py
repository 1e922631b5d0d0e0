"""Fitting a poster: a 50 MB A0 portrait poster (a large photograph, text, vector shapes)
scaled into the ICML workshop limit; the median time of five runs and the output's size."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import zlib
from pathlib import Path

import pikepdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.services.poster_fit import fit_posters
from hildprint.core.validate.fit import fit_poster

A0_PT = (841 / 25.4 * 72, 1189 / 25.4 * 72)
IMAGE_PX = (4096, 4096)
RUNS = 5


def _big_poster(path: Path) -> Path:
    """An A0 portrait page with a deflated 4096 x 4096 RGB photograph (48 MiB of noise), a title and boxes."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=A0_PT)
    width, height = IMAGE_PX
    pixels = zlib.compress(os.urandom(width * height * 3), 1)
    image = pdf.make_stream(pixels, Filter=pikepdf.Name.FlateDecode, Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=width, Height=height,
                            ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image),
                                            Font=pikepdf.Dictionary(F1=font))
    boxes = "".join(f"{x} {y} 200 120 re f " for x in range(100, 2200, 300) for y in range(100, 1200, 200))
    content = (f"q 2000 0 0 2000 190 1200 cm /Im0 Do Q 0.2 0.3 0.6 rg {boxes}"
               "BT /F1 96 Tf 150 3200 Td (A poster of fifty megabytes) Tj ET")
    page.obj.Contents = pdf.make_stream(content.encode())
    pdf.save(path, compress_streams=False)
    return path


def main() -> dict[str, str]:
    """Time fitting the 50 MB poster; print the median and the sizes."""
    rules = load_rules("icml-2026-workshop")
    with tempfile.TemporaryDirectory() as folder:
        source = _big_poster(Path(folder) / "a0.pdf")
        target = Path(folder) / "fitted.pdf"
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            result = fit_poster(source, target, rules)
            times.append(time.perf_counter() - started)
        size_in, size_out = source.stat().st_size, target.stat().st_size
        pooled = []
        for _ in range(RUNS):
            started = time.perf_counter()
            [outcome] = fit_posters([source], target, rules)
            pooled.append(time.perf_counter() - started)
        assert outcome.result is not None, outcome.refused
    median = statistics.median(times)
    print(f"fit a {size_in / 1e6:.1f} MB A0 poster: median {median:.3f} s of {RUNS} "
          f"(min {min(times):.3f}, max {max(times):.3f}); {result.summary()}")
    print(f"output {size_out / 1e6:.1f} MB ({size_out / size_in:.3f} of the input)")
    print(f"through 'hildprint fit-poster' (a worker process started per run): median "
          f"{statistics.median(pooled):.3f} s")
    return {f"fit a {size_in / 1e6:.0f} MB A0 poster (median of {RUNS})": f"{median:.3f} s",
            "fitted size / input size": f"{size_out / size_in:.3f}",
            "the same through fit-poster's worker process": f"{statistics.median(pooled):.3f} s"}
