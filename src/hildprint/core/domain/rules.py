"""Poster rule sets of venues, as data (``templates/rules/*.json``), checked when loaded.

A print rule set limits the printed size (``max_width``/``max_height`` in its ``unit``:
in, cm, mm or m) and the orientation; a screen rule set limits pixels and bytes. Lengths
are kept in inches inside; the ``unit`` only decides how limits are shown to authors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.resources import load_data_file, templates_dir

DEFAULT_RULES = "icml-2026-workshop"
DEFAULT_TOLERANCE_IN = 0.25
DEFAULT_MIN_DPI = 150
MEDIA = ("print", "screen")
ORIENTATIONS = ("portrait", "landscape", "any")
FORMATS = ("pdf", "png", "jpeg")
INCHES_PER_UNIT = {"in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4, "m": 100 / 2.54}
MIB = 1024 * 1024

_KEYS = {
    "name", "title", "posters", "source", "note", "medium", "formats", "unit", "max_width",
    "max_height", "orientation", "suggested", "tolerance_in", "min_dpi", "max_width_px",
    "max_height_px", "max_mb", "solid_background",
}


class RulesError(HildprintError, ValueError):
    """A rule set that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class RuleSet:
    """What one venue allows for a poster file."""

    name: str
    title: str
    posters: str
    """How the rules name the posters they govern, e.g. "ICML workshop posters"."""
    source: str
    medium: str
    formats: tuple[str, ...]
    orientation: str = "any"
    unit: str = "in"
    max_width_in: float | None = None
    max_height_in: float | None = None
    suggested_in: tuple[tuple[float, float], ...] = ()
    tolerance_in: float = DEFAULT_TOLERANCE_IN
    min_dpi: float = DEFAULT_MIN_DPI
    max_width_px: int | None = None
    max_height_px: int | None = None
    max_bytes: int | None = None
    solid_background: bool = False
    note: str = ""

    @property
    def printed(self) -> bool:
        """Whether the rules are about a printed poster (else a file shown on screens)."""
        return self.medium == "print"

    def with_tolerance(self, tolerance_in: float) -> RuleSet:
        """The same rules with another size tolerance (inches)."""
        if tolerance_in < 0:
            raise RulesError(f"{self.name}: the tolerance cannot be negative ({tolerance_in:g} in)")
        return replace(self, tolerance_in=tolerance_in)

    def limit_text(self) -> str:
        """The size limit as authors read it: "at most 24 in wide x 36 in high"."""
        if self.printed:
            return (f"at most {length(self.max_width_in, self.unit)} wide x "
                    f"{length(self.max_height_in, self.unit)} high")
        return f"at most {self.max_width_px} x {self.max_height_px} px"

    def describe(self) -> str:
        """One line with every limit, for listings (inches and centimetres for print)."""
        parts = [self.limit_text()]
        if self.printed:
            parts[0] += (f" ({_num(self.max_width_in)} x {_num(self.max_height_in)} in, "
                         f"{_num(self.max_width_in * 2.54)} x {_num(self.max_height_in * 2.54)} cm)")
        if self.orientation != "any":
            parts.append(self.orientation)
        if self.max_bytes:
            parts.append(f"at most {self.max_bytes / MIB:g} MB")
        if self.suggested_in:
            parts.append("suggested " + ", ".join(f"{_num(w)} x {_num(h)} in" for w, h in self.suggested_in))
        parts.append(", ".join(f.upper() for f in self.formats))
        if self.printed:
            parts.append(f"tolerance {self.tolerance_in:g} in, images from {self.min_dpi:g} dpi")
        if self.solid_background:
            parts.append("solid background")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The rule set as plain data, lengths in inches and centimetres."""
        data: dict[str, Any] = {
            "name": self.name, "title": self.title, "source": self.source, "medium": self.medium,
            "formats": list(self.formats), "orientation": self.orientation,
        }
        if self.printed:
            data |= {
                "max_width_in": round(self.max_width_in, 2), "max_height_in": round(self.max_height_in, 2),
                "max_width_cm": round(self.max_width_in * 2.54, 1),
                "max_height_cm": round(self.max_height_in * 2.54, 1),
                "suggested_in": [list(s) for s in self.suggested_in],
                "tolerance_in": self.tolerance_in, "min_dpi": self.min_dpi,
            }
        else:
            data |= {"max_width_px": self.max_width_px, "max_height_px": self.max_height_px,
                     "max_bytes": self.max_bytes, "solid_background": self.solid_background}
        return data


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def length(inches: float, unit: str = "in") -> str:
    """A length as authors read it in ``unit``: "24 in", "61 cm", "1.9 m"."""
    value = inches / INCHES_PER_UNIT[unit]
    digits = 2 if unit == "m" else 1
    return f"{round(value, digits):g} {unit}"


# -- loading -------------------------------------------------------------------------------
def rules_dir() -> Path:
    """The folder of bundled rule sets."""
    return templates_dir() / "rules"


def list_rules() -> list[RuleSet]:
    """Every bundled rule set, the default first, then by name."""
    rules = [load_rules(path) for path in rules_dir().glob("*.json")]
    return sorted(rules, key=lambda r: (r.name != DEFAULT_RULES, r.name))


def rule_names() -> list[str]:
    """The names of the bundled rule sets, sorted."""
    return sorted(path.stem for path in rules_dir().glob("*.json"))


def load_rules(name_or_path: str | Path = DEFAULT_RULES) -> RuleSet:
    """Load a bundled rule set by name, or a rule set file by path."""
    data, path = load_data_file(name_or_path, rules_dir(), "rule set", RulesError)
    return rules_from_data(data, str(path))


def rules_from_data(data: Any, source: str) -> RuleSet:
    """Build a rule set from its data, checking every field; errors name ``source`` and the field."""
    if not isinstance(data, dict):
        raise RulesError(f"{source}: a rule set is a JSON object")
    unknown = set(data) - _KEYS
    if unknown:
        raise RulesError(f"{source}: unknown field {', '.join(sorted(unknown))}")
    field = _FieldReader(data, source)
    medium = field.choice("medium", MEDIA)
    common = {
        "name": field.text("name", Path(source).stem), "title": field.text("title"),
        "posters": field.text("posters"), "source": field.url("source"), "medium": medium,
        "formats": field.formats(), "orientation": field.choice("orientation", ORIENTATIONS, "any"),
        "note": field.text("note", ""),
    }
    if medium == "print":
        unit = field.choice("unit", tuple(INCHES_PER_UNIT), "in")
        per = INCHES_PER_UNIT[unit]
        return RuleSet(
            **common, unit=unit,
            max_width_in=field.positive("max_width") * per, max_height_in=field.positive("max_height") * per,
            suggested_in=field.sizes("suggested", per),
            tolerance_in=field.positive("tolerance_in", DEFAULT_TOLERANCE_IN, zero_ok=True),
            min_dpi=field.positive("min_dpi", DEFAULT_MIN_DPI),
        )
    max_mb = field.positive("max_mb", 0.0, zero_ok=True)
    return RuleSet(
        **common,
        max_width_px=int(field.positive("max_width_px")), max_height_px=int(field.positive("max_height_px")),
        max_bytes=int(max_mb * MIB) or None, solid_background=field.flag("solid_background"),
    )


_MISSING = object()


class _FieldReader:
    """Reads typed fields out of a rule set's data, naming the file and field on errors."""

    def __init__(self, data: dict[str, Any], source: str):
        self.data = data
        self.source = source

    def _get(self, key: str, default: Any) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            raise RulesError(f"{self.source}: field {key!r} is missing")
        return value

    def _fail(self, key: str, expected: str) -> RulesError:
        return RulesError(f"{self.source}: field {key!r} must be {expected} (got {self.data.get(key)!r})")

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str) or (default is _MISSING and not value.strip()):
            raise self._fail(key, "a non-empty text")
        return value.strip()

    def url(self, key: str) -> str:
        value = self.text(key)
        if not value.startswith(("https://", "http://")):
            raise self._fail(key, "the http(s) address the rules come from")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if value not in allowed:
            raise self._fail(key, "one of " + ", ".join(allowed))
        return value

    def positive(self, key: str, default: Any = _MISSING, zero_ok: bool = False) -> float:
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (value == 0 and not zero_ok):
            raise self._fail(key, "a number of at least 0" if zero_ok else "a number above 0")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            raise self._fail(key, "true or false")
        return value

    def formats(self) -> tuple[str, ...]:
        value = self._get("formats", _MISSING)
        if not isinstance(value, list) or not value or any(v not in FORMATS for v in value):
            raise self._fail("formats", "a list of " + ", ".join(FORMATS))
        return tuple(value)

    def sizes(self, key: str, per: float) -> tuple[tuple[float, float], ...]:
        value = self._get(key, [])
        ok = isinstance(value, list) and all(
            isinstance(s, list) and len(s) == 2 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in s)
            for s in value)
        if not ok:
            raise self._fail(key, "a list of [width, height] pairs")
        return tuple((w * per, h * per) for w, h in value)
