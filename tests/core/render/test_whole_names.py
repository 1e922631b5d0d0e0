"""Every name printed whole on every shipped stock: the longest real names we know, in
every script the fonts cover, found complete in the PDF text of their name box."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.layout.geometry import MM
from hildprint.core.layout.stock import list_stocks, load_stock
from hildprint.core.layout.template import load_template
from hildprint.core.layout.text import fit_whole
from hildprint.core.render.badges import BadgeLayout, BadgeOptions
from hildprint.core.services import badges as badge_service

LONGEST_NAMES = [  # (first name, family name): some have only one
    ("Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff"),
    ("", "Wolfeschlegelsteinhausenbergerdorff"),
    ("Kamalakannan Venkataraghavan", "Subramanian Iyengar-Ramaswamy"),
    ("Maximilian Alexander Friedrich", "von Hohenzollern-Sigmaringen"),
    ("Hoàng Anh", "Tôn Nữ Thị Nguyễn Phước"),
    ("Αλέξανδρος-Κωνσταντίνος", "Παπαγεωργοπουλόπουλος"),
    ("Владимир Александрович", "Константинопольский-Долгоруков"),
    ("ალექსანდრე", "ჭავჭავაძე-ორბელიანი"),
    ("พงศ์ศักดิ์", "เตชะวิบูลย์วรรณศิริรักษ์"),
    ("寿限無寿限無五劫の擦り切れ", "海砂利水魚の水行末雲来末風来末"),
    ("", "愛新覺羅·溥儀"),
    ("남궁민준서연하준지호", "황보제갈선우"),
    ("عبد الرحمن بن محمد بن عبد الله", "آل سعود الفيصل"),
]
EVENT = Event("HiLD 2026", code="HILD26", start_date="2026-07-10", end_date="2026-07-11",
              venue="COEX, Seoul", timezone="Asia/Seoul", secret="0" * 64)
PEOPLE = [Attendee(f"N{i:02d}", first, family, " ".join(p for p in (first, family) if p), "KAIST")
          for i, (first, family) in enumerate(LONGEST_NAMES)]
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _comparable(text: str) -> str:
    """Text as compared: compatibility forms folded (shaped Arabic back to its letters),
    spaces and the Arabic joiner gone."""
    return re.sub(r"[\s\u0640]", "", unicodedata.normalize("NFKC", text))


def _readings(lines: list[str]) -> list[str]:
    """The ways the lines of a box read as one text: a hyphen ending a line either was
    added at a hyphenation point (and goes) or is the name's own (and stays)."""
    readings = [""]
    for index, line in enumerate(lines):
        if line.endswith("-") and index < len(lines) - 1:
            readings = [r + piece for r in readings for piece in (line[:-1], line)]
        else:
            readings = [r + line for r in readings]
    return readings


def _name_box_text(pdf: pdfplumber.PDF, layout: BadgeLayout, index: int) -> tuple[list[str], bool]:
    """The readings of the text printed in the name box of the ``index``-th badge, and
    whether it holds an ellipsis."""
    stock = layout.stock
    page_index, slot_index = divmod(index, stock.per_page)
    box = next(b for b in layout.boxes("front") if b.whole)
    left, top = stock.slots()[slot_index]
    page = pdf.pages[page_index]
    bbox = ((left + box.x) * MM - 0.5, (top + box.y) * MM - 0.5,
            (left + box.x + box.w) * MM + 0.5, (top + box.y + box.h) * MM + 0.5)
    region = page.within_bbox(bbox)
    lines = [line["text"] for line in region.extract_text_lines(layout=False, strip=True)]
    text = "\n".join(lines)
    return _readings(lines), "…" in text


LIGATURE = re.compile(r"[\ue000-\uf8ff]")
"""A shaped ligature (such as Arabic lam-lam-heh) has no letters in the PDF's text: its
glyph comes out as a private-use character standing for two to four letters."""


def _matches(name: str, printed: str) -> bool:
    if RTL.search(name):  # shaped Arabic comes out in visual order: compare as a multiset of letters
        ligatures = len(LIGATURE.findall(printed))
        left = Counter(_comparable(name))
        left.subtract(Counter(_comparable(LIGATURE.sub("", printed))))
        return min(left.values()) >= 0 and 2 * ligatures <= left.total() <= 4 * ligatures
    return _comparable(printed) == _comparable(name)


@pytest.mark.parametrize("template", ["hild2026", "neutral"])
@pytest.mark.parametrize("stock", [s.name for s in list_stocks()])
def test_every_name_prints_whole_on_every_stock(stock, template, tmp_path):
    """On each shipped stock, with each shipped template (the neutral one prints the first
    name large and the family name smaller), every name, however long and in whatever
    script, is in its name box complete: no ellipsis, hyphenated pieces joining back."""
    options = BadgeOptions(load_stock(stock), load_template(template), "front", None)
    layout = BadgeLayout(EVENT, options)
    out = tmp_path / f"{stock}.pdf"
    run = badge_service.write_badges(layout, PEOPLE, out, workers=1)
    assert run.badges == len(PEOPLE)
    assert not any("shortened" in w.message for w in run.warnings)
    with pdfplumber.open(out) as pdf:
        for index, person in enumerate(PEOPLE):
            printed, ellipsis = _name_box_text(pdf, layout, index)
            assert not ellipsis, f"{person.name} on {stock}: {printed!r}"
            assert any(_matches(person.name, reading) for reading in printed), \
                f"{person.name} on {stock}: {printed!r}"


def _tight_template(folder: Path) -> Path:
    """A template whose name box is too small for long names at its minimum size."""
    name = {"type": "text", "x": 5, "y": 5, "w": 95, "h": 10, "text": "{attendee.name}", "size": 30,
            "min_size": 16, "bold": True, "report": True}
    data = {"name": "tight", "roles": {"Attendee": "#333333"}, "layouts": {"portrait": {
        "width": 105, "height": 148, "front": [name], "back": []}}}
    path = folder / "tight.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("stock", ["dymo-30856", "a6-4up-a4"])
def test_names_below_the_template_minimum_are_listed_with_their_size(stock, tmp_path):
    """With a tight name box, a name that had to go below the template's minimum is listed
    by the pre-flight with the size it printed at, never below the stock's floor (7 pt on
    DYMO, 9 pt on A6) and never shortened."""
    options = BadgeOptions(load_stock(stock), load_template(_tight_template(tmp_path)), "front", None)
    layout = BadgeLayout(EVENT, options)
    warnings = [w for group in layout.sheets(PEOPLE) for w in layout.sheet_warnings(group)]
    floor = layout.stock.name_floor
    assert floor == {"dymo-30856": 7, "a6-4up-a4": 9}[stock]
    below = 0
    for person in PEOPLE:
        item = next(i for i in layout.face(person, "front").items if i.box.whole)
        assert item.text.size >= min(floor, item.box.min_size) - 1e-6 and not item.text.shortened
        listed = [w for w in warnings if w.attendee_id == person.id]
        if item.text.size < item.box.min_size - 0.05:
            below += 1
            assert listed and f"printed at {item.text.size:.1f} pt" in listed[0].message
        else:
            assert not listed
    assert below >= 1


@pytest.mark.parametrize("stock", ["a6-4up-a4", "dymo-30856", "cr80"])
def test_first_name_large_prints_the_family_name_smaller(stock):
    """The neutral template's "first_large" name box: first name above, family name below
    and smaller; someone with one name part gets the whole box."""
    layout = BadgeLayout(EVENT, BadgeOptions(load_stock(stock), load_template("neutral"), "front", None))
    for person in PEOPLE:
        parts = [i for i in layout.face(person, "front").items if i.box.whole]
        if not person.first_name:
            assert len(parts) == 1 and parts[0].text.text == person.name
            continue
        first, family = parts
        assert (first.text.text, family.text.text) == (person.first_name, person.last_name)
        assert family.box.y >= first.box.y + first.box.h - 1e-6
        assert family.text.size < first.text.size


def test_the_floor_follows_the_badge_size():
    """Small badges read up close may print names smaller: 7 pt on DYMO labels and CR80 cards."""
    assert load_stock("cr80").name_floor == load_stock("dymo-30856").name_floor == 7
    assert load_stock("a6").name_floor == 9


def test_a_word_too_long_for_the_box_is_hyphenated_from_the_dictionary():
    """A single word wider than the box at the minimum size breaks at a dictionary
    hyphenation point (not anywhere), each piece but the last ending in a hyphen."""
    fitted = fit_whole("Wolfeschlegelsteinhausenbergerdorff", 60 * MM, 30 * MM, 40, 14, 7, bold=True)
    pieces = [line.text for line in fitted.lines]
    assert len(pieces) > 1 and fitted.size >= 14 and not fitted.shortened
    assert all(p.endswith("-") for p in pieces[:-1]) and "".join(p.rstrip("-") for p in pieces) == \
        "Wolfeschlegelsteinhausenbergerdorff"
    import pyphen
    allowed = set(pyphen.Pyphen(lang="en_US").positions("Wolfeschlegelsteinhausenbergerdorff"))
    cut = 0
    for piece in pieces[:-1]:
        cut += len(piece) - 1
        assert cut in allowed


def test_a_name_that_fits_keeps_its_lines_and_size():
    """Short names are laid out as before: one line at the largest size."""
    fitted = fit_whole("Ana Li", 90 * MM, 30 * MM, 40, 14, 7)
    assert [line.text for line in fitted.lines] == ["Ana Li"] and fitted.size == 40


def test_an_unknown_name_style_is_refused_naming_the_box(tmp_path):
    """A template with a name_style hildprint does not know fails to load, naming the box."""
    from hildprint.core.layout.template import TemplateError
    path = _tight_template(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["layouts"]["portrait"]["front"][0]["name_style"] = "family_large"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"front box 1.*name_style"):
        load_template(path)
