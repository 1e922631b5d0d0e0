"""Hostile input files: each kind is refused as a whole, with a message naming the file
and the limit, at a small cost in memory; none makes the parser recurse."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from tests.helpers import hostile

from hildprint.core.importers import limits
from hildprint.core.importers.attendees import read_attendees
from hildprint.core.importers.limits import Limits, TooLarge, UnreadableInput
from hildprint.core.importers.papers import read_papers
from hildprint.core.importers.schedule import read_schedule

SMALL = Limits(file_bytes=2 * limits.MB, lines=20_000, line_bytes=64 * 1024, rows=1_000, columns=50,
               cells=20_000, cell_chars=64 * 1024, xlsx_part_bytes=256 * 1024,
               xlsx_sheet_bytes=4 * limits.MB, nesting=64, components=5_000, values=20_000, papers=2_000)
PEAK_MB = 40
"""Far below what these attacks cost before (each grew with the file, to gigabytes)."""


@pytest.fixture
def small_limits(monkeypatch):
    """Limits scaled down so each attack can be made small."""
    monkeypatch.setattr(limits, "LIMITS", SMALL)


def refused(read, path: Path, *words: str) -> str:
    """Run ``read`` on ``path``; assert it is refused naming the file and ``words``, within
    PEAK_MB of Python memory; return the message."""
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableInput) as error:
            read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(error.value)
    assert str(path) in message and all(word in message for word in words), message
    assert peak < PEAK_MB * limits.MB, f"peak {peak / limits.MB:.1f} MB"
    return message


def attendees(path: Path) -> object:
    """Read an attendee file in auto mode."""
    return read_attendees(path, "auto", {})


def papers(path: Path) -> object:
    """Read a paper file in auto mode."""
    return read_papers(path, "auto", {})


def schedule(path: Path) -> object:
    """Read a programme file in auto mode."""
    return read_schedule(path, "auto", {})


def test_xlsx_with_a_cell_in_the_last_column_of_every_row(tmp_path, small_limits):
    """A cell in column XFD (16,384) of each row is refused at the first such row, as
    too many columns; a reader that pads rows would build millions of cells."""
    path = hostile.xlsx_far_column(tmp_path / "wide.xlsx", 500)
    message = refused(attendees, path, "16,384 columns", "at most 50 columns", "row 2")
    assert isinstance(limits.LIMITS, Limits) and "TooLarge" not in message


def test_xlsx_with_a_cell_in_the_last_row_is_refused_without_the_rows_between(tmp_path, small_limits):
    """One cell in row 1,048,576 is refused as too many rows at once."""
    refused(attendees, hostile.xlsx_far_row(tmp_path / "tall.xlsx"), "1,048,576", "1,000 rows")


def test_xlsx_whose_shared_strings_unpack_past_the_limit(tmp_path, small_limits):
    """Shared strings that unpack to 1 MB (a few KB packed) are refused before they are read."""
    path = hostile.xlsx_shared_strings(tmp_path / "strings.xlsx", limits.MB)
    assert path.stat().st_size < 20_000
    refused(attendees, path, "xl/sharedStrings.xml", "1.0 MB", "at most 262,144 bytes")


def test_file_over_the_size_limit(tmp_path, small_limits):
    """A file larger than the file limit is refused by its size, unread."""
    refused(attendees, hostile.many_rows_csv(tmp_path / "big.csv", 60_000), "MB", "at most 2 MB")


def test_a_single_long_line(tmp_path, small_limits):
    """One line longer than the line limit is refused before it is decoded or split."""
    refused(attendees, hostile.long_line_csv(tmp_path / "line.csv", 100_000), "100,000 bytes", "per line")


def test_too_many_rows(tmp_path, small_limits):
    """A table over the row limit is refused, naming the limit."""
    refused(attendees, hostile.many_rows_csv(tmp_path / "rows.csv", 1_500), "1,000 rows")


def test_too_many_columns(tmp_path, small_limits):
    """A row wider than the column limit is refused with its row."""
    refused(attendees, hostile.wide_csv(tmp_path / "cols.csv", 200), "row 2", "50 columns")


def test_deeply_nested_ical_is_refused_not_recursed(tmp_path):
    """Components nested 100,000 deep (1.6 MB) are refused at the nesting limit at once,
    with the file named: no RecursionError, no time growing with the square of the depth."""
    refused(schedule, hostile.nested_ical(tmp_path / "deep.ics", 100_000), "nested more than 64")


def test_ical_with_too_many_components(tmp_path, small_limits):
    """More components than the limit are refused."""
    refused(schedule, hostile.many_events_ical(tmp_path / "many.ics", 6_000), "5,000 components")


def test_ical_nested_within_the_limit_still_reads(tmp_path):
    """Nesting below the limit is not an attack: the calendar reads (its events have no
    times, so they are rejected one by one)."""
    result = read_schedule(hostile.nested_ical(tmp_path / "ok.ics", 30), "auto", {})
    assert result.rows_read == 30 and len(result.rejected) == 30


def test_json_nested_100000_deep(tmp_path):
    """JSON nested 100,000 deep is refused naming the file, never RecursionError."""
    refused(papers, hostile.nested_json(tmp_path / "deep.json", 100_000), "nested more than 64")


def test_json_with_too_many_values(tmp_path, small_limits):
    """A JSON list of more strings than the value limit is refused before it is parsed."""
    refused(papers, hostile.json_values(tmp_path / "values.json", 30_000), "30,000 JSON strings", "20,000 values")


def test_json_with_too_many_papers(tmp_path, small_limits):
    """More papers than the paper limit are refused, naming both counts."""
    refused(papers, hostile.json_papers(tmp_path / "papers.json", 2_500), "2,500 items", "2,000 papers")


def test_xml_nested_100000_deep(tmp_path):
    """A schedule.xml nested 100,000 deep is refused naming the file."""
    refused(schedule, hostile.nested_xml(tmp_path / "deep.xml", 100_000), "nested more than 64")


def test_brackets_inside_json_strings_do_not_count(tmp_path):
    """``[[[`` inside a title is text, not nesting: a normal paper list still reads."""
    path = tmp_path / "p.json"
    path.write_text('[{"id": "p1", "title": "' + "[" * 200 + '", "authors": ["A B"]}]', encoding="utf-8")
    assert read_papers(path, "auto", {}).records[0].title == "[" * 200


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_fifo_is_refused_not_read_forever(tmp_path):
    """A named pipe given as the input is refused at once (reading it would block)."""
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    refused(attendees, path, "not a regular file")


def test_the_refusal_is_a_too_large_error(tmp_path, small_limits):
    """Refusals over a limit are TooLarge, an UnreadableInput, so callers need no new case."""
    with pytest.raises(TooLarge):
        attendees(hostile.many_rows_csv(tmp_path / "rows.csv", 1_500))
