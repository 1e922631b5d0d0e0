"""The design badges print with when none is chosen: the event's own, which for a new
event is the neutral template with the event's name, and for the sample event HiLD's."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Attendee
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore

NEUTRAL_HEADER = "#1F2937"
HILD_HEADER = "#12355B"


def fill_colours(pdf_path: Path) -> set[str]:
    """The fill colours of the rectangles on a PDF's first page, as #RRGGBB."""
    with pdfplumber.open(pdf_path) as pdf:
        colours = set()
        for rect in pdf.pages[0].rects:
            colour = rect.get("non_stroking_color")
            if isinstance(colour, (tuple, list)) and len(colour) == 3:
                colours.add("#" + "".join(f"{round(c * 255):02X}" for c in colour))
        return colours


def first_page_text(pdf_path: Path) -> str:
    """The text of a PDF's first page."""
    with pdfplumber.open(pdf_path) as pdf:
        return pdf.pages[0].extract_text()


def scidl_event(folder: Path) -> Path:
    """A new event, SciDL 2026, with two people and no design of its own."""
    path = folder / "scidl.hildprint"
    services.create_event(path, services.Event("SciDL 2026", code="SCIDL26", start_date="2026-09-14",
                                               end_date="2026-09-15", venue="Lisbon"))
    with EventStore.open(path) as store, store.transaction():
        store.upsert_attendees([Attendee("S1", "Ana", "Sousa", affiliation="Universidade de Lisboa"),
                                Attendee("S2", display_name="Kim Min-jun", affiliation="KAIST", role="Speaker")])
    return path


def test_a_new_events_badges_print_its_own_name_on_the_neutral_design(tmp_path):
    """Without --template, a new event's badges show its name on the neutral header, not
    HiLD's; an explicit --template hild2026 still wins."""
    event = scidl_event(tmp_path)
    out = tmp_path / "badges.pdf"
    assert main(["badges", str(event), "-o", str(out)]) == 0
    assert "SciDL 2026" in first_page_text(out) and "HiLD" not in first_page_text(out)
    colours = fill_colours(out)
    assert NEUTRAL_HEADER in colours and HILD_HEADER not in colours
    chosen = tmp_path / "hild.pdf"
    assert main(["badges", str(event), "-o", str(chosen), "--template", "hild2026"]) == 0
    assert HILD_HEADER in fill_colours(chosen)


def test_the_events_saved_design_is_the_default(tmp_path):
    """Once the organiser saves a design, badges print with it without naming it."""
    event = scidl_event(tmp_path)
    data = services.event_design(event)
    data["layouts"]["portrait"]["front"][0]["fill"] = "#0B6E4F"
    services.save_event_design(event, data)
    out = tmp_path / "badges.pdf"
    assert main(["badges", str(event), "-o", str(out)]) == 0
    assert "#0B6E4F" in fill_colours(out) and NEUTRAL_HEADER not in fill_colours(out)


def test_the_sample_event_keeps_the_hild_design_as_its_own(tmp_path):
    """The bundled sample (the demo) carries HiLD's design, so its badges look as before."""
    event = create_sample_event(tmp_path / "sample.hildprint")
    assert services.event_design(event) == services.bundled_design("hild2026")
    out = tmp_path / "badges.pdf"
    assert main(["badges", str(event), "-o", str(out), "--only", "H001"]) == 0
    assert HILD_HEADER in fill_colours(out)


def test_an_export_without_an_event_prints_on_the_neutral_design(tmp_path):
    """Badges straight from a CSV have no event to keep a design: they use the neutral one."""
    csv = tmp_path / "people.csv"
    csv.write_text("id,name,affiliation\nP1,Ada Lovelace,Analytical Engines\n", encoding="utf-8")
    out = tmp_path / "badges.pdf"
    assert main(["badges", str(csv), "-o", str(out)]) == 0
    assert NEUTRAL_HEADER in fill_colours(out)


def test_the_desk_prints_with_the_events_design(tmp_path):
    """The badge desk, opened without a template, prints the event's own design."""
    event = scidl_event(tmp_path)
    with services.open_desk(event, "test") as desk:
        result = desk.print_badge("S1", tmp_path / "S1.pdf")
    assert "SciDL 2026" in first_page_text(result.pdf)
    assert NEUTRAL_HEADER in fill_colours(result.pdf)
