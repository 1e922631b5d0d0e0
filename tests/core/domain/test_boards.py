"""Poster board numbering: per session, stable, editable, clash-free."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Event, Paper, Session
from hildprint.core.domain.programme import (
    BoardError,
    SessionFinder,
    assign_boards,
    check_board_edit,
    poster_session_for,
    session_links,
)
from hildprint.core.services.sample import create_sample_event, load_sample
from hildprint.core.store.sqlite import EventStore


def papers(*specs):
    """Papers p<n> from (number, session, topic, board) tuples."""
    return [Paper(f"p{n}", n, f"Title {n}", session=s, topic=t, board=b) for n, s, t, b in specs]


def apply(paper_list, changes):
    """The papers with the boards the changes give them."""
    boards = {c.paper_id: c.new for c in changes}
    return [replace(p, board=boards.get(p.id, p.board)) for p in paper_list]


def test_numbers_per_session_in_paper_order():
    """Each poster session is numbered from 1 in paper-number order; papers without a
    session form a block of their own."""
    result = apply(ps := papers((3, "S1", "", ""), (1, "S1", "", ""), (2, "S2", "", ""), (4, "", "", "")),
                   assign_boards(ps))
    assert {p.id: p.board for p in result} == {"p1": "1", "p3": "2", "p2": "1", "p4": "1"}


def test_a_list_without_poster_sessions_is_one_block_in_paper_order():
    """Accepted papers with no poster session (a paper list's import) are numbered 1, 2, 3
    in paper order, so board labels can be printed straight away."""
    result = apply(ps := papers((7, "", "", ""), (2, "", "", ""), (5, "", "", "")), assign_boards(ps))
    assert {p.id: p.board for p in result} == {"p2": "1", "p5": "2", "p7": "3"}


def test_adding_a_paper_does_not_renumber_the_others():
    """A paper added later gets the next free board; everyone else keeps theirs."""
    first = apply(ps := papers((1, "S1", "", ""), (5, "S1", "", "")), assign_boards(ps))
    later = first + papers((2, "S1", "", ""))
    changes = assign_boards(later)
    assert [(c.paper_id, c.new) for c in changes] == [("p2", "3")]


def test_a_withdrawn_papers_board_is_reused():
    """The lowest free number in the session is used first."""
    changes = assign_boards(papers((1, "S1", "", "1"), (3, "S1", "", "3"), (4, "S1", "", "")))
    assert [(c.paper_id, c.new) for c in changes] == [("p4", "2")]


def test_grouping_by_topic():
    """With by_topic, new boards run through the topics in order, then paper numbers."""
    ps = papers((1, "S", "Optimizers", ""), (2, "S", "Attention", ""), (3, "S", "Optimizers", ""),
                (4, "S", "Attention", ""))
    assert [(c.paper_id, c.new) for c in sorted(assign_boards(ps, by_topic=True), key=lambda c: int(c.new))] == \
        [("p2", "1"), ("p4", "2"), ("p1", "3"), ("p3", "4")]


def test_a_clash_after_a_session_move_is_resolved():
    """Two papers on one board in a session (one moved there): the later paper gets a new board."""
    changes = assign_boards(papers((1, "S1", "", "1"), (2, "S1", "", "1")))
    assert [(c.paper_id, c.old, c.new) for c in changes] == [("p2", "1", "2")]


def test_edits_are_checked():
    """A hand edit onto an occupied board, or a board with punctuation, is refused."""
    ps = papers((1, "S1", "", "1"), (2, "S1", "", "2"), (3, "S2", "", "1"))
    with pytest.raises(BoardError, match="already paper 2"):
        check_board_edit(ps, "p1", "2")
    with pytest.raises(BoardError, match="letters and digits"):
        check_board_edit(ps, "p1", "1;2")
    check_board_edit(ps, "p3", "2")  # a different session may reuse the number


def test_poster_session_is_found_by_title():
    """A paper's session name finds its programme item, whatever the case and spacing."""
    sessions = [Session("s1", "Poster  Session 1", "2026-07-10T13:30:00+09:00", "2026-07-10T15:00:00+09:00")]
    assert poster_session_for(Paper("p", session="poster session 1"), sessions) is sessions[0]
    assert poster_session_for(Paper("p", session="Oral 3"), sessions) is None


def test_cli_assigns_and_is_stable(tmp_path, capsys):
    """`hildprint boards --assign` numbers the sample's 25 posters; a second run changes nothing."""
    event = create_sample_event(tmp_path / "e.hildprint")
    assert main(["boards", str(event), "--assign", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(first) == 25 and all(p["board"] for p in first)
    assert sorted(int(p["board"]) for p in first if p["session"] == "Poster Session 1") == list(range(1, 14))
    assert main(["boards", str(event), "--assign", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first


def test_cli_set_refuses_a_clash(tmp_path, capsys):
    """`--set` onto a taken board is a usage error naming the paper already there."""
    event = create_sample_event(tmp_path / "e.hildprint")
    services.number_boards(event)
    with EventStore.open(event) as store:
        taken = next(p for p in store.papers() if p.session == "Poster Session 1" and p.board == "2")
    assert main(["boards", str(event), "--set", "HiLD26-001=2"]) == 2
    assert f"already paper {taken.number}" in capsys.readouterr().err
    assert main(["boards", str(event), "--set", "HiLD26-001=A7"]) == 0
    with EventStore.open(event) as store:
        assert store.paper("HiLD26-001").board == "A7"


# -- a paper's link to its poster session ------------------------------------------------------
POSTERS = [Session("s1", "Posters A", "2026-07-10T13:00:00+09:00", "2026-07-10T14:30:00+09:00"),
           Session("s2", "Posters B", "2026-07-11T13:00:00+09:00", "2026-07-11T14:30:00+09:00")]


def test_the_link_by_id_wins_over_the_session_name():
    """A linked paper finds its session by id even when its session name names another."""
    assert poster_session_for(Paper("p", session="Posters A", session_id="s2"), POSTERS) is POSTERS[1]
    assert poster_session_for(Paper("p", session="Posters A", session_id="gone"), POSTERS) is POSTERS[0]


def test_links_keep_a_renamed_session_and_follow_a_changed_name():
    """A re-imported paper keeps its link while its session name is unchanged; a new name relinks."""
    renamed = [replace(POSTERS[0], title="Posters, first afternoon"), POSTERS[1]]
    finder = SessionFinder(renamed)
    before = Paper("p", session="Posters A", session_id="s1")
    assert finder.link(Paper("p", session="Posters A"), before) == "s1"
    assert finder.link(Paper("p", session="Posters B"), before) == "s2"
    assert finder.link(Paper("p", session="Orals"), before) == ""
    assert session_links([before, Paper("q", session="posters  b")], renamed) == {"q": "s2"}


def test_a_paper_finds_its_session_after_the_title_is_edited(tmp_path):
    """Papers imported before the programme are linked when it comes; editing a session's
    title afterwards keeps its papers, where matching by name would lose them."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("E", timezone="Asia/Seoul"))
    papers_csv = tmp_path / "papers.csv"
    papers_csv.write_text("id,title,authors,session\np1,First,Ann,Posters A\np2,Second,Bo,Orals\n", encoding="utf-8")
    services.import_file(event, "papers", papers_csv)
    programme = tmp_path / "programme.csv"
    programme.write_text("day,start,end,room,title,kind\n2026-07-10,13:00,14:30,Hall A,Posters A,poster\n",
                         encoding="utf-8")
    services.import_file(event, "schedule", programme)
    with EventStore.open(event) as store:
        session = store.sessions()[0]
        assert {p.id: p.session_id for p in store.papers()} == {"p1": session.id, "p2": ""}
        store.upsert_sessions([replace(session, title="Posters, Friday")])
        paper, sessions = store.paper("p1"), store.sessions()
    assert poster_session_for(paper, sessions).title == "Posters, Friday"
    assert poster_session_for(replace(paper, session_id=""), sessions) is None
    services.import_file(event, "papers", papers_csv)  # the same list again keeps the link
    services.number_boards(event)
    with EventStore.open(event) as store:
        assert store.paper("p1").session_id == session.id and store.paper("p1").board == "1"


def test_the_sample_event_is_linked():
    """Every poster of the sample event is linked to a programme session of that title."""
    sample = load_sample()
    links = session_links(sample.papers, sample.sessions)
    titles = {s.id: s.title for s in sample.sessions}
    assert len(links) == 25 and all(titles[links[p.id]] == p.session for p in sample.papers)
