"""Every importer, whatever it is given: a result that accounts for every row, or one clear
refusal naming the file. Never a crash, never a row gone missing."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hildprint.core.importers import read
from hildprint.core.importers.base import UnreadableInput

KINDS = ("attendees", "papers", "schedule")
SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".xml", ".ics", ".xlsx", "")
CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
ATTENDEE_HEADERS = [
    ["Attendee name", "Attendee email", "Company", "Product"],
    ["ID", "Name", "First Name", "Last Name", "Email Address", "Affiliation"],
    ["Attendee #", "First Name", "Last Name", "Email", "Ticket Type", "Company"],
    ["Timestamp", "What is your name?", "Email address", "Institution"],
    ["first_name", "last_name", "affiliation", "role"],
]


def read_or_refuse(kind: str, path: Path):
    """The import result, or None after checking that a refusal names the file."""
    try:
        return read(kind, path)
    except UnreadableInput as error:
        assert path.name in str(error), f"refusal does not name the file: {error}"
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=600))
def test_arbitrary_bytes_are_read_or_refused(kind, suffix, data):
    """Random bytes under any name: every row accounted for, or a refusal naming the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        result = read_or_refuse(kind, path)
        if result is not None:
            assert result.accounted_for, (result.rows_read, len(result.records), len(result.rejected))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.sampled_from(ATTENDEE_HEADERS), rows=st.lists(st.lists(CELL, max_size=7), max_size=12),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_attendee_table_accounts_for_every_row(header, rows, delimiter, encoding):
    """Rows of any shape under a real export's header, in any delimiter and encoding:
    rows in = imported + rejected + skipped."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header] + rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        result = read_or_refuse("attendees", path)
        if result is None:
            return
        assert result.accounted_for
        data_rows = [r for r in rows if any(cell.strip() for cell in r)]
        assert result.rows_read >= len(data_rows) - sum(any("\n" in c or "\r" in c for c in r) for r in rows)
        ids = [a.id for a in result.records]
        assert len(ids) == len(set(ids)), "two records share an id"


@pytest.mark.parametrize("kind", KINDS)
def test_a_cut_off_file_is_reported_not_half_read_silently(tmp_path, kind):
    """A file cut in the middle of a row still accounts for every row it has."""
    path = tmp_path / "cut.csv"
    path.write_text("first_name,last_name,title,start,end,room\nAna,Lima,Talk,2026-07-10 09:00,"
                    "2026-07-10 10:00,Hall\nBo,\"Unclosed", encoding="utf-8")
    result = read_or_refuse(kind, path)
    assert result is None or result.accounted_for
