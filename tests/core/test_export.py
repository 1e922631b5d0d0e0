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
    assert services.export_records(hostile_event, "attendees", out) == len(DANGEROUS)
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
    assert "'=1+1" in values and "'@evil (+corp)" in values


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
