"""One rule for names: splitting a full name and cleaning typed text, wherever a name comes in."""

from __future__ import annotations

import pytest

from hildprint.core import importers, services
from hildprint.core.desk.operations import Desk
from hildprint.core.domain.names import clean_text, join_name, name_fields, split_name
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store import EventStore

NAMES = [
    ("Ana de la Cruz", "Ana", "de la Cruz"),
    ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
    ("Ludwig van der Berg", "Ludwig", "van der Berg"),
    ("Ada King Lovelace", "Ada King", "Lovelace"),
    ("Müller, Zoë", "Zoë", "Müller"),
    ("Nguyễn Văn An", "Văn An", "Nguyễn"),
    ("山田 太郎", "太郎", "山田"),
    ("김민준", "", "김민준"),
    ("محمد الأحمد", "محمد", "الأحمد"),
    ("Madonna", "", "Madonna"),
    ("", "", ""),
]


@pytest.mark.parametrize(("full", "first", "last"), NAMES)
def test_split_name(full, first, last):
    """Particles go with the family name, CJK and Vietnamese names are family name first,
    one word is all family name."""
    assert split_name(full) == (first, last)


def test_clean_text_composes_and_keeps_joiners():
    """Decomposed letters are composed, controls become single spaces, joiners stay."""
    assert clean_text("  Zoe\u0308\tMu\u0308ller\x00 ") == "Zoë Müller"
    assert clean_text("Ana\u200bde\nla Cruz") == "Ana de la Cruz"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a zero-width non-joiner inside
    assert clean_text(persian) == persian
    assert clean_text("A\ud800B") == "AB"


def test_join_name_and_name_fields():
    """Parts join family name first for CJK; a typed name gives all three name fields."""
    assert join_name("太郎", "山田") == "山田太郎" and join_name("Ana", "de la Cruz") == "Ana de la Cruz"
    assert name_fields(" Ana  de la\tCruz ") == {
        "first_name": "Ana", "last_name": "de la Cruz", "display_name": "Ana de la Cruz"}


AGREEING = ["Ana de la Cruz", "Ludwig van Beethoven", "山田 太郎", "Madonna"]


def test_import_desk_walk_in_and_table_edit_agree(tmp_path):
    """The same typed name is stored the same way by an import, a desk walk-in, a desk
    correction and an edit in the organiser's table."""
    path = create_sample_event(tmp_path / "e.hildprint")
    source = tmp_path / "people.csv"
    source.write_text("ID,Name\n" + "".join(f"I{n},{name}\n" for n, name in enumerate(AGREEING)), encoding="utf-8")
    imported = importers.read("attendees", source).records
    with EventStore.open(path) as store:
        desk = Desk(store)
        walked_in = [desk.walk_in(name) for name in AGREEING]
        fixed = [desk.fix_name("H001", name) for name in AGREEING]
    edited = [services.edit_attendee(path, "H002", "name", name) for name in AGREEING]
    for people in (imported, walked_in, fixed, edited):
        assert [(p.first_name, p.last_name, p.display_name) for p in people] == [
            ("Ana", "de la Cruz", "Ana de la Cruz"), ("Ludwig", "van Beethoven", "Ludwig van Beethoven"),
            ("太郎", "山田", "山田 太郎"), ("", "Madonna", "Madonna")]
