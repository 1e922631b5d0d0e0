"""Badge templates: boxes in millimetres with placeholders, as data.

A template (``templates/badges/*.json``) has a portrait and/or a landscape layout, each a
reference size with ``front`` and ``back`` boxes measured from the top-left corner. For a
given stock the layout of the same orientation is scaled to the badge size. Box types:
``rect`` (a colour band), ``text``, ``qr`` (``token`` or ``contact``), ``line`` and
``image``. Text may hold placeholders such as ``{attendee.name}``, ``{event.dates}`` or
``{role.color}``; boxes may carry ``"when": "consent"`` (or ``"no_consent"``). A name box
with ``"name_style": "first_large"`` prints the first name large, the family name smaller.
``role_layouts`` may give a role (speakers, volunteers) layouts of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.resources import load_data_file, templates_dir
from hildprint.core.layout.fonts import font_families
from hildprint.core.layout.stock import Stock

PLACEHOLDER = re.compile(r"\{(attendee|event|role)\.([a-z_]+)\}")
EXTRA_PLACEHOLDER = re.compile(r"\{attendee\.extra\[([^\[\]{}]+)\]\}")
"""A column an import brought, by its name: ``{attendee.extra[T-shirt size]}``."""
NAME_PLACEHOLDER = re.compile(r"\{attendee\.(name|first_name|last_name)\}")
FIELDS = {
    "attendee": {"name", "first_name", "last_name", "affiliation", "role", "id", "country", "email"},
    "event": {"name", "dates", "venue", "code", "url"},
    "role": {"color", "label"},
}
BOX_TYPES = {"rect", "text", "qr", "line", "image"}
CONDITIONS = {"consent", "no_consent"}
NAME_STYLES = {"", "first_large"}
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_TEMPLATE = "hild2026"


class TemplateError(HildprintError, ValueError):
    """A template that cannot be used; the message names the file, layout and box."""


@dataclass(frozen=True)
class Box:
    """One element of a layout, in mm from the badge's top-left corner."""

    type: str
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    size: float = 12.0
    min_size: float = 6.0
    bold: bool = False
    align: str = "center"
    valign: str = "middle"
    color: str = "#000000"
    fill: str = ""
    max_lines: int = 1
    report: bool = False
    upper: bool = False
    content: str = "token"
    when: str = ""
    bleed: bool = False
    width: float = 0.3
    path: str = ""
    locked: bool = False
    """Kept in place in the designer (printing ignores it)."""
    name_style: str = ""
    """"first_large": a name box prints the first name large and the family name below it,
    smaller (people with only one name part get the whole box)."""
    font: str = ""
    """A bundled font family a text box prints in wherever it has the character (empty:
    each script's usual face)."""

    @property
    def whole(self) -> bool:
        """Whether the box prints a person's name, which is never shortened (see
        :func:`~hildprint.core.layout.text.fit_whole`)."""
        return self.type == "text" and bool(NAME_PLACEHOLDER.search(self.text))

    @property
    def static(self) -> bool:
        """Whether the box looks the same on every badge of an event (drawn once per run)."""
        if self.type == "qr" or self.when:
            return False
        used = {group for group, _ in PLACEHOLDER.findall(self.text + self.fill + self.color)}
        return used <= {"event"} and not EXTRA_PLACEHOLDER.search(self.text)


@dataclass(frozen=True)
class Layout:
    """Boxes for one orientation at a reference size (mm)."""

    width: float
    height: float
    front: tuple[Box, ...]
    back: tuple[Box, ...]

    def scaled(self, width: float, height: float) -> Layout:
        """This layout stretched to a ``width`` x ``height`` mm badge; type sizes follow
        the smaller of the two scale factors so text keeps its proportions."""
        sx, sy = width / self.width, height / self.height
        scale = min(sx, sy)

        def fit(box: Box) -> Box:
            if box.type == "qr":
                side = box.w * scale
                cx, cy = (box.x + box.w / 2) * sx, (box.y + box.h / 2) * sy
                return replace(box, x=cx - side / 2, y=cy - side / 2, w=side, h=side)
            return replace(box, x=box.x * sx, y=box.y * sy, w=box.w * sx, h=box.h * sy,
                           size=box.size * scale, min_size=box.min_size * scale,
                           width=box.width * scale)

        return Layout(width, height, tuple(map(fit, self.front)), tuple(map(fit, self.back)))


@dataclass(frozen=True)
class Template:
    """A badge design: role colours and layouts."""

    name: str
    description: str
    roles: dict[str, str]
    layouts: dict[str, Layout]
    folder: Path = field(default=Path("."))
    role_layouts: dict[str, dict[str, Layout]] = field(default_factory=dict)
    """A design of its own for some roles (a speaker's badge), as pretix has per ticket type."""

    def layout_for(self, stock: Stock, role: str = "") -> Layout:
        """The layout for the stock's orientation (of ``role``'s own design when it has
        one), scaled to its badge size."""
        layouts = self.role_layouts.get(role) or self.layouts
        wanted = "landscape" if stock.landscape else "portrait"
        layout = layouts.get(wanted) or next(iter(layouts.values()))
        return layout.scaled(stock.badge_width, stock.badge_height)

    def role_color(self, role: str) -> str:
        """The colour of a role's band (the Attendee colour for unknown roles)."""
        return self.roles.get(role, self.roles.get("Attendee", "#444444"))


def _box(data: dict[str, Any], where: str) -> Box:
    kind = data.get("type")
    if kind not in BOX_TYPES:
        raise TemplateError(f"{where}: type {kind!r} is not one of {', '.join(sorted(BOX_TYPES))}")
    known = set(Box.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise TemplateError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    values = dict(data)
    if kind == "qr":
        values.setdefault("h", values.get("w"))
    try:
        box = Box(**values)
    except TypeError as error:
        raise TemplateError(f"{where}: {error}") from error
    _check_box(box, where)
    return box


def _check_box(box: Box, where: str) -> None:
    for group, name in PLACEHOLDER.findall(box.text + box.fill + box.color):
        if name not in FIELDS[group]:
            raise TemplateError(f"{where}: unknown placeholder {{{group}.{name}}}; "
                                f"{group} has {', '.join(sorted(FIELDS[group]))}")
    leftover = PLACEHOLDER.sub("", box.text)
    if re.search(r"\{[a-z_]+\.[a-z_]+\}", leftover):
        raise TemplateError(f"{where}: unknown placeholder in {box.text!r}")
    for colour in (box.color, box.fill):
        if colour and not PLACEHOLDER.fullmatch(colour) and not COLOUR.match(colour):
            raise TemplateError(f"{where}: colour {colour!r} is not #RRGGBB")
    if box.when and box.when not in CONDITIONS:
        raise TemplateError(f"{where}: 'when' must be one of {', '.join(sorted(CONDITIONS))}")
    if box.type == "qr" and box.content not in ("token", "contact"):
        raise TemplateError(f"{where}: a qr box's content is 'token' or 'contact'")
    if box.name_style not in NAME_STYLES:
        raise TemplateError(f"{where}: name_style must be one of {', '.join(sorted(NAME_STYLES - {''}))}")
    if box.font and box.font not in font_families():
        raise TemplateError(f"{where}: font {box.font!r} is not a bundled font family "
                            f"({', '.join(font_families())})")
    if box.type == "text" and not (0 < box.min_size <= box.size):
        raise TemplateError(f"{where}: needs 0 < min_size <= size")


def _layout(data: dict[str, Any], where: str) -> Layout:
    try:
        width, height = float(data["width"]), float(data["height"])
    except (KeyError, TypeError, ValueError) as error:
        raise TemplateError(f"{where}: needs a numeric width and height in mm") from error
    sides = {}
    for side in ("front", "back"):
        boxes = tuple(_box(b, f"{where} {side} box {i + 1}") for i, b in enumerate(data.get(side, [])))
        for index, box in enumerate(boxes):
            if box.type != "line" and (box.x < -0.01 or box.y < -0.01 or box.x + box.w > width + 0.01
                                       or box.y + box.h > height + 0.01):
                raise TemplateError(f"{where} {side} box {index + 1} ({box.type}) lies outside the "
                                    f"{width:g} x {height:g} mm badge")
        sides[side] = boxes
    if not sides["front"]:
        raise TemplateError(f"{where}: has no front boxes")
    return Layout(width, height, sides["front"], sides["back"])


def template_from_data(data: dict[str, Any], source: str, folder: Path) -> Template:
    """Build and check a template from its data."""
    layouts = _layouts(data.get("layouts", {}), source)
    role_layouts = {role: _layouts(spec, f"{source}: role {role}")
                    for role, spec in dict(data.get("role_layouts", {})).items()}
    roles = dict(data.get("roles", {}))
    bad = [c for c in roles.values() if not COLOUR.match(c)]
    if bad:
        raise TemplateError(f"{source}: role colours must be #RRGGBB (got {bad[0]!r})")
    return Template(str(data.get("name", Path(source).stem)), str(data.get("description", "")),
                    roles, layouts, folder, role_layouts)


def _layouts(data: dict[str, Any], source: str) -> dict[str, Layout]:
    """The portrait and/or landscape layouts of a design (or of one role's design)."""
    layouts = {orientation: _layout(spec, f"{source}: {orientation}") for orientation, spec in data.items()}
    if not layouts or set(layouts) - {"portrait", "landscape"}:
        raise TemplateError(f"{source}: 'layouts' must have 'portrait' and/or 'landscape'")
    return layouts


def badges_dir() -> Path:
    """The folder of bundled badge templates."""
    return templates_dir() / "badges"


def list_templates() -> list[str]:
    """Names of the bundled badge templates."""
    return sorted(p.stem for p in badges_dir().glob("*.json"))


def load_template(name_or_path: str | Path = DEFAULT_TEMPLATE) -> Template:
    """Load a bundled template by name, or a template file by path."""
    data, path = load_data_file(name_or_path, badges_dir(), "badge template", TemplateError)
    return template_from_data(data, str(path), path.parent)
