"""QR codes drawn as vector paths.

Each code is one filled path: the dark modules of a row merged into rectangles, in module
units under one transform. The codes themselves are made in
:mod:`hildprint.core.layout.qr`.
"""

from __future__ import annotations

from hildprint.core.layout.qr import QUIET_ZONE, QRMatrix, dark_rectangles, encode, mecard

__all__ = ["QRMatrix", "dark_rectangles", "draw_qr", "encode", "mecard"]


def draw_qr(canvas, matrix: QRMatrix, x: float, y: float, side: float) -> float:
    """Draw the code in the square with lower-left corner (x, y) and side ``side`` points,
    quiet zone included. Returns the module size in points."""
    module = side / matrix.total_modules()
    left = x + QUIET_ZONE * module
    top = y + side - QUIET_ZONE * module
    # In module units (one "cm" transform) every rectangle has small whole-number
    # coordinates: a fraction of the text, and of the time, of one in points.
    rows = matrix.size
    rects = " ".join(f"{column} {rows - row - 1} {length} 1 re"
                     for row, column, length in dark_rectangles(matrix))
    canvas.addLiteral(
        f"q 0 g {module:.5f} 0 0 {module:.5f} {left:.4f} {top - rows * module:.4f} cm {rects} f Q"
    )
    return module
