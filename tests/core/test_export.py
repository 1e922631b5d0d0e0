"""Exports open safely in a spreadsheet: no cell runs as a formula, nothing secret leaves."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from hildprint.core import services
from hildprint.core.domain.model import Attendee, Author, Event, Paper
from hildprint.core.export import ExportError, neutralise
from hildprint.core.store.sqlite import EventStore

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1", " =cmd|' /C calc'!A0",
             "\n@x"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_cells_are_neutralised(text):
    """A cell that begins with = + - @, or hides one behind a tab, CR or space, gets an apostrophe."""
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Zoë Müller", "ETH Zürich", "3.5", "a=b", "", "محمد"])
def test_ordinary_cells_are_left_alone(text):
    """Names, numbers and text with a sign inside are unchanged."""
    assert neutralise(text) == text


@given(st.text(max_size=30))
def test_no_neutralised_cell_starts_a_formula(text):
    """Whatever the text, the written cell does not start with a formula sign."""
    cell = neutralise(text)
    assert not cell.lstrip("\t\r\n ").startswith(("=", "+", "-", "@")) or cell.startswith("'")
    assert cell in (text, "'" + text)


@pytest.fixture
def hostile_event(tmp_path):
    """An event whose people and papers hold formula-like cells."""
    path = tmp_path / "e.hildprint"
    services.create_event(path, Event("HiLD 2026", timezone="Asia/Seoul"))
    with EventStore.open(path) as store:
        store.upsert_attendees([Attendee(f"A{i}", display_name=text, affiliation=text, email="x@example.org")
                                for i, text in enumerate(DANGEROUS)])
        store.upsert_papers([Paper("P1", title="=1+1", authors=[Author("@evil", "+corp")])])
    return path


def test_csv_export_neutralises_every_dangerous_cell(hostile_event, tmp_path):
    """Every attendee row comes out, each dangerous cell with its apostrophe."""
    out = tmp_path / "people.csv"
    assert services.export_records(hostile_event, "attendees", out).count == len(DANGEROUS)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["display_name"] for r in rows) == sorted("'" + t for t in DANGEROUS)


def test_xlsx_export_has_no_formulas(hostile_event, tmp_path):
    """In the Excel file every cell is text; none is a formula."""
    out = tmp_path / "papers.xlsx"
    services.export_records(hostile_event, "papers", out)
    services.export_records(hostile_event, "attendees", tmp_path / "people.xlsx")
    for path in (out, tmp_path / "people.xlsx"):
        cells = [c for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]
        assert cells and all(c.data_type == "s" for c in cells), path
    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "'=1+1" in values and "'@evil" in values and "'+corp" in values


def test_secret_is_never_exported(hostile_event, tmp_path):
    """The event's signing secret appears in no export and no listing."""
    with EventStore.open(hostile_event) as store:
        secret = store.event.secret
    assert len(secret) >= 32
    for what in services.LISTABLE:
        for suffix in (".csv", ".xlsx"):
            out = tmp_path / f"{what}{suffix}"
            services.export_records(hostile_event, what, out)
            text = out.read_text("utf-8-sig") if suffix == ".csv" else repr(
                [c.value for row in load_workbook(out).active.iter_rows() for c in row])
            assert secret not in text
        assert secret not in repr(services.list_records(hostile_event, what))


def test_unknown_format_is_refused(hostile_event, tmp_path):
    """Only .csv and .xlsx; nothing is written otherwise."""
    with pytest.raises(ExportError, match=r"\.txt"):
        services.export_records(hostile_event, "attendees", tmp_path / "x.txt")
    assert not (tmp_path / "x.txt").exists()


def _import_back(path, kind, event):
    from hildprint.core import services as core_services
    return core_services.import_file(event, kind, path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_back_the_same_people(tmp_path, suffix):
    """Values like ``-3`` or ``+82 2 1234`` and a formula-looking id come back unchanged
    (no apostrophe, no new person) from hildprint's own export, in CSV and Excel."""
    source, copy = tmp_path / "a.hildprint", tmp_path / "b.hildprint"
    people = [Attendee("=cmd", display_name="Eve Formula", first_name="Eve", last_name="Formula",
                       affiliation="-3", country="+82 2 1234"),
              Attendee("A1", display_name="Ana Lima", first_name="Ana", last_name="Lima", affiliation="@home")]
    for path in (source, copy):
        services.create_event(path, Event("HiLD 2026"))
    with EventStore.open(source) as store:
        store.upsert_attendees(people)
    out = tmp_path / f"people{suffix}"
    services.export_records(source, "attendees", out)
    _import_back(out, "attendees", copy)
    _import_back(out, "attendees", source)
    with EventStore.open(copy) as store:
        back = {a.id: a for a in store.attendees()}
    assert set(back) == {"=cmd", "A1"}
    assert back["=cmd"].affiliation == "-3" and back["=cmd"].country == "+82 2 1234"
    assert back["A1"].affiliation == "@home"
    with EventStore.open(source) as store:
        assert store.attendee_count() == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exported_papers_come_back_with_their_affiliations(tmp_path, suffix):
    """Authors keep their affiliations through export and import (also one with a ';')."""
    source, copy = tmp_path / "a.hildprint", tmp_path / "b.hildprint"
    for path in (source, copy):
        services.create_event(path, Event("HiLD 2026"))
    authors = [Author("Jane Doe", "MIT"), Author("Kim Min-jun", "Dept. A; Seoul National University"),
               Author("Ana Lima", "")]
    with EventStore.open(source) as store:
        store.upsert_papers([Paper("P1", number=1, title="Deep Things", authors=authors)])
    out = tmp_path / f"papers{suffix}"
    services.export_records(source, "papers", out)
    _import_back(out, "papers", copy)
    with EventStore.open(copy) as store:
        assert [(a.name, a.affiliation) for a in store.papers()[0].authors] == [
            (a.name, a.affiliation) for a in authors]


def test_control_characters_are_replaced_with_a_warning_not_a_failure(tmp_path):
    """A control character in an affiliation does not fail the .xlsx export: it is
    replaced by U+FFFD and the export says so."""
    path = tmp_path / "a.hildprint"
    services.create_event(path, Event("HiLD 2026"))
    with EventStore.open(path) as store:
        store.upsert_attendees([Attendee("A1", display_name="Ana", affiliation="Lab\x01\x1f X")])
    done = services.export_records(path, "attendees", tmp_path / "people.xlsx")
    assert done.count == 1 and any("affiliation" in w and "control characters" in w for w in done.warnings)
    values = [c.value for row in load_workbook(tmp_path / "people.xlsx").active.iter_rows() for c in row]
    assert "Lab\ufffd\ufffd X" in values
