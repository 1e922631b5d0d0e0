"""Desk search: folding accents and case, word order, ranking, and the index kept current."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hildprint.core.desk.search import PeopleIndex, fold
from hildprint.core.domain.model import Attendee
from hildprint.core.services.sample import load_sample


@pytest.mark.parametrize(("text", "folded"), [
    ("Zoë", "zoe"), ("Nguyễn Văn An", "nguyen van an"), ("Müller", "muller"),
    ("Łukasz Żółkiewski", "lukasz zolkiewski"), ("Søren Kjærgaard", "soren kjaergaard"),
    ("Straße", "strasse"), ("Hà Minh Đức", "ha minh duc"), ("Çağrı Yılmaz", "cagri yilmaz"),
    ("Œuvre", "oeuvre"), ("ＨｉＬＤ", "hild"), ("ΕΛΈΝΗ", "ελενη"), ("김민준", "김민준"),
])
def test_fold_removes_accents_case_and_letters_that_do_not_decompose(text, folded):
    """Each spelling folds to what a volunteer would type on a plain keyboard."""
    assert fold(text) == folded


@given(st.text(max_size=40))
def test_fold_is_idempotent(text):
    """Folding twice changes nothing more than folding once, for any text."""
    assert fold(fold(text)) == fold(text)


@pytest.fixture(scope="module")
def sample_index() -> PeopleIndex:
    """The sample event's people, indexed."""
    return PeopleIndex(load_sample().attendees)


def _names(matches) -> list[str]:
    return [m.person.name for m in matches]


@pytest.mark.parametrize(("query", "name"), [
    ("zoe", "Zoë Müller-Brandt"), ("ZOE", "Zoë Müller-Brandt"), ("muller", "Zoë Müller-Brandt"),
    ("nguyen", "Nguyễn Văn An"), ("dvorakova", "Kateřina Dvořáková"), ("soren", "Søren Kjærgaard"),
    ("lukasz", "Łukasz Żółkiewski"), ("yilmaz", "Çağrı Yılmaz"), ("김민", "김민준"), ("山田", "山田太郎"),
    ("eleni", "Ελένη Παπαδοπούλου"), ("ελενη", "Ελένη Παπαδοπούλου"), ("o'brien", "Sarah O'Brien"),
    ("o’brien", "Sarah O'Brien"), ("H001", "Zoë Müller-Brandt"), ("h001", "Zoë Müller-Brandt"),
])
def test_search_ignores_accents_and_case(sample_index, query, name):
    """Typing without accents finds names with them, in every field the desk searches;
    Latin letters find a name written only in another script (transliterated)."""
    assert name in _names(sample_index.search(query))


def test_search_by_affiliation_and_words_in_any_order(sample_index):
    """Affiliation words match, and several words narrow the list in any order."""
    assert "Zoë Müller-Brandt" in _names(sample_index.search("zurich"))
    assert _names(sample_index.search("brandt zoe")) == ["Zoë Müller-Brandt"]
    assert sample_index.search("zoe kaist") == []  # every word must match the same person


def test_word_starts_rank_before_inner_matches():
    """"an" as the start of a word ranks above "an" inside a word; each group by name."""
    index = PeopleIndex([
        Attendee("1", "Joanna", "Berg"), Attendee("2", "Anton", "Zeller"),
        Attendee("3", "Ana", "Popescu"), Attendee("4", "Ivan", "Petrov"),
    ])
    matches = index.search("an")
    assert _names(matches) == ["Ana Popescu", "Anton Zeller", "Ivan Petrov", "Joanna Berg"]
    assert [m.rank for m in matches] == [0, 0, 1, 1]


def test_a_query_never_matches_across_two_fields():
    """The end of one field and the start of the next are not one word."""
    index = PeopleIndex([Attendee("X1", "Jo", "Anderson", affiliation="Nice")])
    assert index.search("joanderson") == []
    assert index.search("sonnice") == []


def test_empty_query_finds_nobody_and_limit_caps_results(sample_index):
    """An empty or blank query lists nobody; the limit caps a broad query."""
    assert sample_index.search("") == [] and sample_index.search("   ") == []
    assert len(sample_index.search("a", limit=5)) == 5
    assert len(sample_index.search("a", limit=None)) > 5


def test_add_indexes_a_walk_in_and_reindexes_a_corrected_name():
    """A new person is found at once; a corrected name replaces the old one."""
    index = PeopleIndex([Attendee("1", "Jon", "Smith")])
    index.add(Attendee("W0001", "Zoë", "Quist"))
    assert _names(index.search("quist")) == ["Zoë Quist"]
    index.add(Attendee("1", "John", "Smith"))
    assert _names(index.search("smith")) == ["John Smith"]
    assert len(index) == 2


@pytest.mark.parametrize(("typed", "first", "last"), [
    ("mueller", "Zoë", "Müller"), ("bjoernstad", "Ingrid", "Bjørnstad"), ("obrien", "Siobhán", "O'Brien"),
    ("almansouri", "Rashid", "Al-Mansouri"), ("ivan petrov", "Иван", "Петров"), ("wangfang", "", "王芳"),
    ("minjun", "민준", "김"), ("aalund", "Åsa", "Ålund"),
])
def test_spelled_out_joined_and_transliterated_forms_find_the_person(typed, first, last):
    from hildprint.core.domain.model import Attendee

    index = PeopleIndex([Attendee("X1", first, last), Attendee("X2", "Someone", "Else")])
    assert [m.person.id for m in index.search(typed)] == ["X1"]


def test_an_email_address_finds_its_person():
    from hildprint.core.domain.model import Attendee

    index = PeopleIndex([Attendee("X1", "Ann", "Lee", email="ann.lee@kaist.ac.kr"),
                         Attendee("X2", "Bo", "Lee", email="bo@snu.ac.kr")])
    assert [m.person.id for m in index.search("ann.lee@kaist")] == ["X1"]
    assert [m.person.id for m in index.search("snu.ac")] == ["X2"]
