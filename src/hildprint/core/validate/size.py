"""The printed size of a poster against a rule set's limits, in words an author understands."""

from __future__ import annotations

from hildprint.core.domain.rules import INCHES_PER_UNIT, RuleSet, length
from hildprint.core.validate.model import Verdict, orientation

SMALL_SCALE = 1.5
"""A poster that could be printed at this scale or more and still fit is called small."""
NAMED_SIZE_TOLERANCE_IN = 0.1
_ISO_A_EXACT_MM = {"A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420), "A4": (210, 297)}


def named_size(width_in: float, height_in: float) -> str:
    """"A0 portrait" and the like when the size is an ISO A size, else ""."""
    for name, (short_mm, long_mm) in _ISO_A_EXACT_MM.items():
        short_in, long_in = short_mm / 25.4, long_mm / 25.4
        for w, h, shape in ((short_in, long_in, "portrait"), (long_in, short_in, "landscape")):
            if abs(width_in - w) <= NAMED_SIZE_TOLERANCE_IN and abs(height_in - h) <= NAMED_SIZE_TOLERANCE_IN:
                return f"{name} {shape}"
    return ""


def dimension(inches: float, unit: str) -> str:
    """A measured length with its unit, one decimal ("33.1 in"; metres get two)."""
    value = inches / INCHES_PER_UNIT[unit]
    return f"{value:.2f} {unit}" if unit == "m" else f"{value:.1f} {unit}"


def size_text(width_in: float, height_in: float, unit: str) -> str:
    """"33.1 in wide x 46.8 in high"."""
    return f"{dimension(width_in, unit)} wide x {dimension(height_in, unit)} high"


def scale_to_fit(width_in: float, height_in: float, rules: RuleSet) -> float:
    """The scale at which the poster just fits the allowed area (above 1 when smaller)."""
    return min(rules.max_width_in / width_in, rules.max_height_in / height_in)


def scaled_text(width_in: float, height_in: float, scale: float, unit: str) -> str:
    """"prints at 72.5 % as 24.0 x 33.9 in"."""
    w, h = width_in * scale / INCHES_PER_UNIT[unit], height_in * scale / INCHES_PER_UNIT[unit]
    digits = 2 if unit == "m" else 1
    return f"prints at {scale * 100:.1f} % as {w:.{digits}f} x {h:.{digits}f} {unit}"


def check_print_size(width_in: float, height_in: float, rules: RuleSet, verdict: Verdict) -> None:
    """Add the size and orientation findings of a poster printed ``width_in`` x ``height_in``."""
    unit, tolerance = rules.unit, rules.tolerance_in
    shape = orientation(width_in, height_in)
    named = named_size(width_in, height_in)
    yours = f"Your poster is {size_text(width_in, height_in, unit)} ({named or shape})."
    if rules.orientation != "any" and shape not in (rules.orientation, "square"):
        verdict.add("fail", "orientation", f"{yours} {rules.posters} must be {rules.orientation} "
                    f"and {rules.limit_text()}.")
        return
    scale = scale_to_fit(width_in, height_in, rules)
    fits = width_in <= rules.max_width_in + tolerance and height_in <= rules.max_height_in + tolerance
    who = named or "it"
    if not fits:
        verdict.add("fail", "too-large", f"{yours} {rules.posters} must be {rules.limit_text()}. "
                    f"Scaled to fit, {who} {scaled_text(width_in, height_in, scale, unit)}.")
        return
    if scale >= SMALL_SCALE:
        verdict.add("warn", "small", f"{yours} That is much smaller than the "
                    f"{length(rules.max_width_in, unit)} x {length(rules.max_height_in, unit)} allowed; "
                    f"scaled up, {who} "
                    f"{scaled_text(width_in, height_in, scale, unit)}. Check that it stays sharp, "
                    "or make it larger.")
        return
    _note_suggested(width_in, height_in, rules, verdict)


def _note_suggested(width_in: float, height_in: float, rules: RuleSet, verdict: Verdict) -> None:
    if not rules.suggested_in:
        return
    tolerance = rules.tolerance_in
    if any(abs(width_in - w) <= tolerance and abs(height_in - h) <= tolerance for w, h in rules.suggested_in):
        return
    listed = ", ".join(f"{length(w, rules.unit)} x {length(h, rules.unit)}" for w, h in rules.suggested_in)
    verdict.add("info", "unusual-size", f"Your poster is {size_text(width_in, height_in, rules.unit)}; "
                f"it fits, but the suggested sizes for {rules.posters} are {listed} (wide x high).")
