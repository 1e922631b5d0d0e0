"""The command line's shared parts: the one KEY=VALUE parser and the terminal table."""

from __future__ import annotations

import pytest

from hildprint.cli.events import BOARD
from hildprint.cli.output import MAP, UsageError, cell, print_table, width
from hildprint.cli.posters import ATTACH


def test_pairs_split_where_the_value_cannot_hold_an_equals_sign():
    """A column may hold '=' (split at the last one); a file name may too (split at the first)."""
    assert MAP.mapping([" Vor=name = first_name ", "Nachname=last_name"]) == {
        "Vor=name": "first_name", "Nachname": "last_name"}
    assert ATTACH.parse(["P1=posters/a=b.pdf"]) == [("P1", "posters/a=b.pdf")]


@pytest.mark.parametrize("pair", ["Vorname", "=first_name", "Vorname=", " = "])
def test_a_pair_without_both_parts_is_refused_with_an_example(pair):
    """A pair missing its '=', key or value is a usage error showing the form and an example."""
    with pytest.raises(UsageError) as refused:
        MAP.parse([pair])
    assert str(refused.value) == f"--map {pair!r}: expected COLUMN=FIELD, e.g. --map 'Vorname=first_name'"


def test_an_empty_board_clears_it_but_a_paper_id_is_needed():
    """--set allows an empty BOARD (it clears the board) but not an empty paper id."""
    assert BOARD.parse(["P7=", "P8= 12 "]) == [("P7", ""), ("P8", "12")]
    with pytest.raises(UsageError, match=r"expected PAPER_ID=BOARD$"):
        BOARD.parse(["=12"])


def test_table_columns_line_up_with_wide_characters(capsys):
    """CJK names take two columns each, so the next column starts at the same place."""
    print_table(("name", "role"), [[cell("김민준"), "Speaker"], [cell("Ada Lovelace"), "Attendee"]])
    lines = capsys.readouterr().out.splitlines()
    starts = [width(line[: line.index(role)]) for line, role in zip(lines, ("role", "Speaker", "Attendee"))]
    assert len(set(starts)) == 1 and width("김민준") == 6
    assert cell("x" * 50) == "x" * 39 + "…"
