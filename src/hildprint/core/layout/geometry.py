"""Units and paper sizes. Layout data is in millimetres; PDF works in points."""

from __future__ import annotations

MM = 72 / 25.4
"""Points per millimetre."""
INCH_MM = 25.4

PAPER_SIZES_MM = {
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "A7": (74.0, 105.0),
    "LETTER": (215.9, 279.4),
    "LEGAL": (215.9, 355.6),
    "TABLOID": (279.4, 431.8),
    "24X36IN": (609.6, 914.4),
}
"""Portrait paper sizes (width, height) in mm."""


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(value: float, unit: str) -> float:
    """A length in ``unit`` ("mm", "in", "pt" or "cm") as millimetres."""
    factors = {"mm": 1.0, "cm": 10.0, "in": INCH_MM, "pt": 25.4 / 72}
    if unit not in factors:
        raise ValueError(f"unknown unit {unit!r}; use mm, cm, in or pt")
    return value * factors[unit]


def paper_size(name: str) -> tuple[float, float]:
    """A named paper size ("A4", "letter", ...) or "WxH" in mm, as (width, height) in mm."""
    key = name.strip().upper().replace(" ", "")
    if key in PAPER_SIZES_MM:
        return PAPER_SIZES_MM[key]
    width, sep, height = key.partition("X")
    try:
        size = (float(width), float(height))
    except ValueError:
        size = None
    if not sep or size is None or min(size) <= 0:
        known = ", ".join(k.lower() if k.isalpha() else k for k in PAPER_SIZES_MM)
        raise ValueError(f"unknown paper size {name!r}; use one of {known} or WIDTHxHEIGHT in mm")
    return size
