"""Badge designs kept in the event file, exported as template files, measured for a stock,
previewed with real people, and printed with."""

from __future__ import annotations

import json

import pdfplumber
import pytest

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.layout.template import TemplateError, load_template
from hildprint.core.services.sample import create_sample_event, load_sample


@pytest.fixture
def event(tmp_path):
    return create_sample_event(tmp_path / "sample.hildprint")


def test_a_new_event_starts_from_the_neutral_design_with_its_own_name(tmp_path):
    """An event without a design gets the neutral one: its header prints the event's own
    name and dates (placeholders), not HiLD's, and carries no HiLD text."""
    path = tmp_path / "scidl.hildprint"
    services.create_event(path, services.Event("SciDL 2027", code="SCIDL27", start_date="2027-03-01"))
    data = services.event_design(path)
    texts = [b.get("text", "") for layout in data["layouts"].values() for b in layout["front"]]
    assert "{event.name}" in texts and not any("HiLD" in t for t in texts)


def test_saved_design_comes_back_and_prints_as_the_event_template(event, tmp_path):
    """A design saved in the event is what the event gives back, and `--template event`
    prints with it."""
    data = services.event_design(event)
    data["layouts"]["portrait"]["front"].append(
        {"type": "text", "x": 10, "y": 2, "w": 80, "h": 4, "text": "Design kept in the event", "size": 8,
         "min_size": 5})
    services.save_event_design(event, data)
    assert services.event_design(event) == data
    out = tmp_path / "b.pdf"
    assert main(["badges", str(event), "-o", str(out), "--template", "event", "--only", "H001"]) == 0
    with pdfplumber.open(out) as pdf:
        assert "Design kept in the event" in pdf.pages[0].extract_text()


def test_a_broken_design_is_refused_naming_the_box(event):
    """A box outside the badge is refused, by box number, and nothing is saved."""
    data = services.event_design(event)
    data["layouts"]["portrait"]["front"][0]["x"] = 500
    with pytest.raises(TemplateError, match="front box 1"):
        services.save_event_design(event, data)
    assert services.event_design(event)["layouts"]["portrait"]["front"][0]["x"] == 0


def test_export_writes_a_template_file_that_loads(event, tmp_path):
    """An exported design is a template file `load_template` (and so --template) accepts."""
    path = services.export_design(services.event_design(event), tmp_path / "ours.json")
    assert load_template(path).layouts["portrait"].width == 105
    assert json.loads(path.read_text(encoding="utf-8"))["roles"]


def test_design_for_a_stock_measures_the_layout_in_its_millimetres():
    """Measured for DYMO labels, the portrait layout is 62 x 106 mm and its boxes scale with it."""
    data = services.design_for_stock(services.bundled_design("neutral"), services.load_stock("dymo-30856"),
                                     "portrait")
    layout = data["layouts"]["portrait"]
    assert (layout["width"], layout["height"]) == (62, 106)
    assert all(b["x"] + b["w"] <= 62.01 for b in layout["front"])


def test_preview_and_worst_cases_of_the_sample():
    """The worst cases name the longest name and each script present; the preview of the
    Korean name fills the name box with it."""
    sample = load_sample()
    cases = dict(services.worst_cases(sample.attendees))
    assert {"longest name", "longest affiliation", "Korean name", "Arabic name", "Greek name"} <= set(cases)
    assert len(cases["longest name"].name) == max(len(p.name) for p in sample.attendees)
    stock = services.load_stock("a6-4up-a4")
    data = services.design_for_stock(services.bundled_design("hild2026"), stock, "portrait")
    previews = services.preview_design(data, stock, sample.event, cases["Korean name"], "front")
    name = next(p for p in previews if p.lines and "".join(p.lines).replace(" ", "") ==
                cases["Korean name"].name.replace(" ", ""))
    assert not name.missing and not name.shortened


def test_a_design_whose_logo_went_missing_is_refused_naming_the_box(event, tmp_path):
    """An image box whose picture is gone is named before anything is printed."""
    data = services.event_design(event)
    data["layouts"]["portrait"]["front"].append({"type": "image", "x": 1, "y": 1, "w": 10, "h": 10,
                                                 "path": str(tmp_path / "gone.png")})
    with pytest.raises(TemplateError, match=r"front box 9: the picture .*gone\.png"):
        services.save_event_design(event, data)
