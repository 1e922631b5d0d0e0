"""Badge designs an organiser makes: kept in the event file, exported as template files,
previewed with real people.

A design is template data (the format of ``templates/badges/*.json``). The event keeps
its own under the setting :data:`DESIGN_SETTING`; an event without one starts from the
neutral template. Badges print with it when a request's template is :data:`EVENT_TEMPLATE`.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hildprint.core.domain.files import atomic_output
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.layout.badge import BadgeLayout, BadgeOptions, Item
from hildprint.core.layout.stock import Stock, load_stock
from hildprint.core.layout.template import (
    EXTRA_PLACEHOLDER,
    FIELDS,
    Template,
    TemplateError,
    load_template,
    template_from_data,
)
from hildprint.core.services.session import EventRef, EventSession, is_event_file, using

DESIGN_SETTING = "badge_design"
EVENT_TEMPLATE = "event"
"""The template name that means "the event's own design"."""
NEUTRAL_TEMPLATE = "neutral"
PLACEHOLDERS = tuple(f"{{{group}.{name}}}" for group in ("attendee", "event", "role")
                     for name in sorted(FIELDS[group]))
"""Every placeholder a text box may hold, for a list to choose from."""


def column_placeholders(people: list[Attendee]) -> list[str]:
    """A placeholder for each column the people's import brought besides the known fields
    (``{attendee.extra[T-shirt]}``), for the list to choose from."""
    names = sorted({name for person in people for name in person.extra}, key=str.casefold)
    placeholders = (f"{{attendee.extra[{name}]}}" for name in names)
    return [placeholder for placeholder in placeholders if EXTRA_PLACEHOLDER.fullmatch(placeholder)]


def bundled_design(name: str = NEUTRAL_TEMPLATE) -> dict[str, Any]:
    """The data of a bundled template (or a template file), checked."""
    template = load_template(name)
    path = Path(name) if str(name).endswith(".json") else template.folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def check_design(data: dict[str, Any], folder: Path = Path(".")) -> Template:
    """The template a design makes (TemplateError naming the box when it cannot be used,
    or the picture an image box shows is not there)."""
    template = template_from_data(data, f"design {data.get('name', '')!r}", folder)
    every = [("", o, layout) for o, layout in template.layouts.items()]
    every += [(f"role {role} ", o, layout) for role, layouts in template.role_layouts.items()
              for o, layout in layouts.items()]
    for role, orientation, layout in every:
        for side in ("front", "back"):
            for number, box in enumerate(getattr(layout, side), start=1):
                if box.type == "image" and box.path and not (folder / box.path).is_file():
                    raise TemplateError(f"design {role}{orientation} {side} box {number}: the picture {box.path} "
                                        "is not there (move it back or choose it again)")
    return template


def event_design(event: EventRef) -> dict[str, Any]:
    """The event's own design, or the neutral template's when it has none yet."""
    with using(event) as session:
        stored = session.store.setting(DESIGN_SETTING)
    if not stored:
        data = bundled_design()
        data["name"] = "event design"
        return data
    try:
        return json.loads(stored)
    except json.JSONDecodeError as error:
        raise TemplateError(f"the event's badge design (setting {DESIGN_SETTING}) is not JSON: {error}") from error


def save_event_design(event: EventRef, data: dict[str, Any]) -> None:
    """Check a design and keep it in the event file."""
    check_design(data)
    with using(event) as session, session.writing() as store:
        store.set_setting(DESIGN_SETTING, json.dumps(data, ensure_ascii=False))


def event_template(event: EventRef) -> Template:
    """The event's own design as a template to print with."""
    with using(event) as session:
        folder = session.folder
    return check_design(event_design(event), folder)


def template_for(source: EventRef, name: str = EVENT_TEMPLATE) -> Template:
    """The template ``name`` stands for when printing from ``source``: a bundled template
    or a template file, or for :data:`EVENT_TEMPLATE` the event's own design (the neutral
    template when ``source`` is an export of people, which has no event to keep one)."""
    if name != EVENT_TEMPLATE:
        return load_template(name)
    if isinstance(source, EventSession) or is_event_file(source):
        return event_template(source)
    return load_template(NEUTRAL_TEMPLATE)


def export_design(data: dict[str, Any], path: str | Path) -> Path:
    """Write a design as a template file (usable with ``--template``), checked first; the
    file appears whole or not at all."""
    check_design(data)
    path = Path(path)
    with atomic_output(path) as temporary:
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def design_for_stock(data: dict[str, Any], stock: Stock | str, orientation: str) -> dict[str, Any]:
    """A copy of a design whose ``orientation`` layouts (the common one and each role's)
    are measured for the stock's badge (boxes scaled as printing scales them), so a canvas
    shows them in true millimetres."""
    stock = load_stock(stock) if isinstance(stock, str) else stock
    data = copy.deepcopy(data)
    width, height = sorted((stock.badge_width, stock.badge_height), reverse=orientation == "landscape")
    for layouts in (data.setdefault("layouts", {}), *data.get("role_layouts", {}).values()):
        source = layouts.get(orientation) or next(iter(layouts.values()))
        layouts[orientation] = _scaled_layout(source, width, height)
    return data


def _scaled_layout(layout: dict[str, Any], width: float, height: float) -> dict[str, Any]:
    sx, sy = width / float(layout["width"]), height / float(layout["height"])
    scale = min(sx, sy)
    scaled = {"width": round(width, 3), "height": round(height, 3)}
    for side in ("front", "back"):
        boxes = []
        for box in layout.get(side, []):
            box = dict(box)
            box["x"], box["w"] = round(box["x"] * sx, 3), round(box["w"] * (scale if box["type"] == "qr" else sx), 3)
            box["y"] = round(box["y"] * sy, 3)
            box["h"] = box["w"] if box["type"] == "qr" else round(box.get("h", 0) * sy, 3)
            for key in ("size", "min_size"):
                if key in box:
                    box[key] = round(box[key] * scale, 2)
            boxes.append(box)
        scaled[side] = boxes
    return scaled


PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")
PICTURE_DPI = 300


def pictures_folder(event: EventRef) -> Path:
    """Where pictures made for the event's badges (a PDF page, a drawing) are kept: a
    folder beside the event file."""
    with using(event) as session:
        return session.folder / f"{session.path.stem} badge pictures"


def picture_from_pdf(source: str | Path, folder: Path, page: int = 0) -> Path:
    """A page of a PDF (a logo sent as PDF) as a PNG picture in ``folder``, at
    :data:`PICTURE_DPI`; HildprintError naming the file when it cannot be read."""
    import pypdfium2

    source = Path(source)
    try:
        document = pypdfium2.PdfDocument(str(source))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise TemplateError(f"{source}: cannot read this PDF ({error})") from error
    try:
        if not 0 <= page < len(document):
            raise TemplateError(f"{source}: has no page {page + 1}")
        image = document[page].render(scale=PICTURE_DPI / 72).to_pil()
    finally:
        document.close()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}-page{page + 1}.png"
    with atomic_output(target) as temporary:
        image.save(temporary, format="PNG")
    return target


@dataclass(frozen=True)
class BoxPreview:
    """One box of a design filled in for one person: the lines it prints, their size in
    points, whether it shrank below its minimum or was shortened, the characters no font
    has, and whether it is a QR code."""

    index: int
    lines: tuple[str, ...] = ()
    size: float = 0.0
    shrank: bool = False
    shortened: bool = False
    missing: str = ""
    qr: bool = False
    color: str = "#000000"
    parts: tuple[tuple[float, float, float, float, tuple[str, ...], float], ...] = ()
    """For a name printed in parts (first name large): each part's box (mm) and lines and size."""
    qr_modules: tuple[tuple[bool, ...], ...] = ()
    """A QR box's code for this person, as printed: rows of modules (True = dark),
    without the quiet zone of :data:`QR_QUIET_ZONE` modules around it."""
    qr_payload: str = ""
    """What the QR code holds (the person's signed token or contact card)."""


def preview_design(data: dict[str, Any], stock: Stock, event: Event, person: Attendee, side: str,
                   folder: Path = Path(".")) -> list[BoxPreview]:
    """Each box of ``side`` filled in for ``person`` as printing would fill it (a box left
    out for this person, such as a consent-only code, is not in the list)."""
    layout = BadgeLayout(event, BadgeOptions(stock, check_design(data, folder)))
    previews = []
    for index, items in layout.box_items(side, person):
        previews.append(_preview(index, items, layout))
    return previews


def _preview(index: int, items: list[Item], layout: BadgeLayout) -> BoxPreview:
    first = items[0]
    if first.text is None:
        if first.qr is None:
            return BoxPreview(index, color=first.color)
        return BoxPreview(index, qr=True, color=first.color, qr_modules=first.qr.rows, qr_payload=first.qr.payload)
    texts = [item.text for item in items if item.text is not None]
    shown = "".join(text.text for text in texts)
    parts = tuple((i.box.x, i.box.y, i.box.w, i.box.h, tuple(line.text for line in i.text.lines), i.text.size)
                  for i in items if i.text is not None) if len(items) > 1 else ()
    return BoxPreview(
        index, tuple(line.text for line in first.text.lines), first.text.size,
        shrank=any(text.size < item.box.min_size - 0.05 for text, item in zip(texts, items)),
        shortened=any(text.shortened for text in texts),
        missing="".join(dict.fromkeys(layout.fonts.missing(shown))), color=first.color, parts=parts)


WORST_CASE_SCRIPTS = {"Han": "Chinese", "Kana": "Japanese", "Hangul": "Korean", "Arabic": "Arabic",
                      "Cyrillic": "Cyrillic", "Greek": "Greek", "Thai": "Thai"}


def worst_cases(people: list[Attendee]) -> list[tuple[str, Attendee]]:
    """The people a design is best tried with: the longest name, the longest affiliation,
    someone of each script present, and someone without an affiliation."""
    if not people:
        return []
    cases = [("longest name", max(people, key=lambda p: len(p.name))),
             ("longest affiliation", max(people, key=lambda p: len(p.affiliation)))]
    for script, label in WORST_CASE_SCRIPTS.items():
        found = next((p for p in people if _has_script(p.name, script)), None)
        if found is not None:
            cases.append((f"{label} name", found))
    empty = next((p for p in people if not p.affiliation.strip()), None)
    if empty is not None:
        cases.append(("no affiliation", empty))
    return cases


_SCRIPT_RANGES = {"Han": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)), "Kana": ((0x3040, 0x30FF),),
                  "Hangul": ((0xAC00, 0xD7AF), (0x1100, 0x11FF)), "Arabic": ((0x0600, 0x06FF),),
                  "Cyrillic": ((0x0400, 0x04FF),), "Greek": ((0x0370, 0x03FF),), "Thai": ((0x0E00, 0x0E7F),)}


def _has_script(text: str, script: str) -> bool:
    ranges = _SCRIPT_RANGES[script]
    chars = [ord(c) for c in text]
    if script == "Han" and any(0x3040 <= c <= 0x30FF or 0xAC00 <= c <= 0xD7AF for c in chars):
        return False  # Japanese or Korean, counted as such
    return any(low <= c <= high for c in chars for low, high in ranges)
