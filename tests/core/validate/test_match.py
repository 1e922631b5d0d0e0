"""Telling a poster file's paper from its name: id, number, forum id or title; never a guess."""

from __future__ import annotations

from pathlib import Path

from hildprint.core.domain.model import Paper
from hildprint.core.validate.match import match_poster_files

PAPERS = [
    Paper("5", 5, "Scaling Laws for Sparse Autoencoders"),
    Paper("6", 6, "Learning Dynamics of Deep Linear Networks"),
    Paper("12", 12, "Grokking as the Transition from Lazy to Rich Training Dynamics"),
    Paper("p40", None, "Attention Sinks in Long Context Models"),
    Paper("aB3dE9fGh1", 41, "Feature Learning in Infinite Width Networks", openreview_forum="aB3dE9fGh1"),
    Paper("77", 77, "Feature Learning in Infinite-Width Neural Networks"),
]


def matched(*names):
    result = match_poster_files([Path("posters") / n for n in names], PAPERS)
    return {m.file.name: (m.paper_id, m.how) for m in result.matched}, result


def test_ids_and_numbers_in_file_names():
    found, result = matched("5.pdf", "paper_6_poster.pdf", "P12-final.pdf", "P40_camera_ready.pdf")
    assert found == {"5.pdf": ("5", "number"), "paper_6_poster.pdf": ("6", "number"),
                     "P12-final.pdf": ("12", "number"), "P40_camera_ready.pdf": ("p40", "id")}
    assert not (result.unmatched or result.ambiguous or result.contested)


def test_a_version_number_is_not_a_paper_number():
    found, result = matched("paper_6_poster_v2.pdf")
    assert found == {"paper_6_poster_v2.pdf": ("6", "number")} and not result.ambiguous


def test_an_openreview_forum_id_in_the_name():
    found, _ = matched("poster-aB3dE9fGh1.pdf")
    assert found == {"poster-aB3dE9fGh1.pdf": ("aB3dE9fGh1", "forum")}


def test_a_close_title():
    found, _ = matched("scaling_laws_for_sparse_auto-encoders_POSTER.pdf", "Attention sinks in long-context models.pdf")
    assert found == {"scaling_laws_for_sparse_auto-encoders_POSTER.pdf": ("5", "title"),
                     "Attention sinks in long-context models.pdf": ("p40", "title")}


def test_a_name_close_to_two_titles_is_ambiguous_and_not_attached():
    found, result = matched("feature learning in infinite width networks.pdf")
    assert found == {}
    assert [(f.name, ids) for f, ids in result.ambiguous] == [
        ("feature learning in infinite width networks.pdf", ["77", "aB3dE9fGh1"])]


def test_two_numbers_of_papers_are_ambiguous():
    _, result = matched("papers_5_and_6.pdf")
    assert [ids for _, ids in result.ambiguous] == [["5", "6"]]


def test_two_files_for_one_paper_are_both_left_out():
    found, result = matched("5.pdf", "paper-5-final.pdf", "6.pdf")
    assert found == {"6.pdf": ("6", "number")}
    assert [(pid, sorted(f.name for f in files)) for pid, files in result.contested] == [
        ("5", ["5.pdf", "paper-5-final.pdf"])]


def test_names_that_say_nothing_are_unmatched():
    _, result = matched("poster.pdf", "final.pdf", "99.pdf", "Unrelated work on protein folding.pdf")
    assert sorted(f.name for f in result.unmatched) == [
        "99.pdf", "Unrelated work on protein folding.pdf", "final.pdf", "poster.pdf"]


def test_a_year_glued_to_a_venue_is_not_a_paper_number():
    papers = [*PAPERS, Paper("2026", 2026, "A Paper Numbered Like a Year")]
    names = ["icml2026_paper_6.pdf", "P2026.pdf", "ccn2017_poster.pdf", "paper 2026 poster.pdf"]
    result = match_poster_files([Path(n) for n in names], papers)
    assert {m.file.name: m.paper_id for m in result.matched} == {"icml2026_paper_6.pdf": "6"}
    assert [(pid, sorted(f.name for f in files)) for pid, files in result.contested] == [
        ("2026", ["P2026.pdf", "paper 2026 poster.pdf"])]
    assert [f.name for f in result.unmatched] == ["ccn2017_poster.pdf"]
